// Valid sample records of every kind, built from the kind descriptions.
#include "store/testing/record_samples.h"

#include <string>

namespace xiezuo::store::testing {

using model::FieldType;
using model::Record;
using model::RecordKind;

Record SampleRecord(const RecordKind& kind, const SampleRefs& refs, int n) {
  Record r(kind);
  for (const model::FieldDef& f : kind.fields) {
    if (f.derived) continue;
    std::string tag = std::to_string(n);
    switch (f.type) {
      case FieldType::kText:
      case FieldType::kTextArea:
        r.Set(kind, f.key, f.key + " 样例 " + tag);
        break;
      case FieldType::kCreditCode:
        break;  // optional everywhere; tested on its own
      case FieldType::kInt:
        r.Set(kind, f.key, int64_t{10 + n});
        break;
      case FieldType::kYear:
        r.Set(kind, f.key, int64_t{2020 + n % 50});
        break;
      case FieldType::kMoney:
        r.Set(kind, f.key, int64_t{1'000'000} * n);
        break;
      case FieldType::kPercent:
        r.Set(kind, f.key, int64_t{4000});
        break;
      case FieldType::kDate:
        r.Set(kind, f.key, "2021-0" + std::to_string(1 + n % 9) + "-15");
        break;
      case FieldType::kBool:
        r.Set(kind, f.key, int64_t{0});
        break;
      case FieldType::kEnum:
        r.Set(kind, f.key, model::EnumOptions(f.options).front());
        break;
      case FieldType::kRegion:
        r.Set(kind, f.key, std::string(f.key == "east_region_code" ? "320114" : "611022"));
        break;
      case FieldType::kRegionList:
      case FieldType::kInstitution:
        break;
      case FieldType::kRef:
        if (f.ref == "pairing" && refs.pairing_id > 0) r.Set(kind, f.key, refs.pairing_id);
        if (f.ref == "project" && refs.project_id > 0) r.Set(kind, f.key, refs.project_id);
        if (f.ref == "plan" && refs.plan_id > 0) r.Set(kind, f.key, refs.plan_id);
        break;
    }
  }
  // Counts that are parts of others: keep them within their wholes.
  for (const auto& rule : kind.rules) {
    if (rule.kind == model::PairRule::Kind::kNotMore) r.Set(kind, rule.field, int64_t{1});
  }
  if (kind.Field("persons") != nullptr) r.Set(kind, "persons", int64_t{1});
  if (kind.Field("poverty_persons") != nullptr) r.Set(kind, "poverty_persons", int64_t{1});
  // One named, poverty-alleviated person: the flag and the count agree.
  if (kind.Field("poverty_alleviated") != nullptr) r.Set(kind, "poverty_alleviated", int64_t{1});
  for (const char* named : {"worker_ref", "person_name"}) {
    if (kind.Field(named) != nullptr) r.Set(kind, named, std::string("张三") + std::to_string(n));
  }
  model::ApplyDefaults(kind, r);
  return r;
}

}  // namespace xiezuo::store::testing
