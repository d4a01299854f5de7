// JSON mapping of cooperation records and their kinds.
#include "api/record_json.h"

#include <cmath>
#include <ctime>
#include <set>

#include "core/text.h"

namespace xiezuo::api {
namespace {

using model::FieldDef;
using model::FieldIssue;
using model::FieldType;
using model::FieldValue;

const char* TypeName(FieldType t) {
  switch (t) {
    case FieldType::kText:
      return "text";
    case FieldType::kTextArea:
      return "textarea";
    case FieldType::kCreditCode:
      return "credit_code";
    case FieldType::kInt:
      return "int";
    case FieldType::kYear:
      return "year";
    case FieldType::kMoney:
      return "money";
    case FieldType::kPercent:
      return "percent";
    case FieldType::kDate:
      return "date";
    case FieldType::kBool:
      return "bool";
    case FieldType::kEnum:
      return "enum";
    case FieldType::kRegion:
      return "region";
    case FieldType::kRegionList:
      return "region_list";
    case FieldType::kInstitution:
      return "institution";
    case FieldType::kRef:
      return "ref";
  }
  return "text";
}

const char* FilterName(model::FilterMode m) {
  switch (m) {
    case model::FilterMode::kNone:
      return "none";
    case model::FilterMode::kExact:
      return "exact";
    case model::FilterMode::kContains:
      return "contains";
    case model::FilterMode::kRange:
      return "range";
  }
  return "none";
}

bool IsBookkeeping(const std::string& key) {
  static const std::set<std::string> kKeys = {"id",         "version",    "created_at",
                                              "updated_at", "created_by", "updated_by"};
  return kKeys.contains(key) || key.starts_with('_');
}

// One JSON value to a field value, or an issue.
FieldValue FromJson(const FieldDef& f, const nlohmann::json& v, std::vector<FieldIssue>& issues) {
  if (v.is_null()) return {};
  auto bad = [&](const char* rule) {
    issues.push_back({f.key, rule, ""});
    return FieldValue{};
  };
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kTextArea:
    case FieldType::kCreditCode:
    case FieldType::kDate:
    case FieldType::kEnum:
    case FieldType::kRegion: {
      if (!v.is_string()) return bad("not_text");
      std::string s = v.get<std::string>();
      if (s.empty()) return {};
      if (f.type == FieldType::kCreditCode) {
        for (char& c : s) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
      }
      return s;
    }
    case FieldType::kRegionList: {
      std::string joined;
      if (v.is_string()) return v.get<std::string>().empty() ? FieldValue{} : v.get<std::string>();
      if (!v.is_array()) return bad("not_text");
      for (const auto& item : v) {
        if (!item.is_string()) return bad("not_text");
        if (!joined.empty()) joined += ',';
        joined += item.get<std::string>();
      }
      return joined.empty() ? FieldValue{} : FieldValue(joined);
    }
    case FieldType::kBool:
      if (v.is_boolean()) return int64_t{v.get<bool>() ? 1 : 0};
      return bad("not_bool");
    case FieldType::kPercent: {
      if (!v.is_number()) return bad("not_a_number");
      double d = v.get<double>();
      double hundredths = std::round(d * 100);
      if (std::fabs(hundredths - d * 100) > 1e-6) return bad("not_a_number");
      if (hundredths < 0) return bad("negative");
      if (hundredths > 1e12) return bad("out_of_range");
      return static_cast<int64_t>(hundredths);
    }
    case FieldType::kInt:
    case FieldType::kYear:
    case FieldType::kMoney:
    case FieldType::kInstitution:
    case FieldType::kRef:
      // Money is integer fen: a float here is a client bug, never rounded silently.
      if (!v.is_number_integer())
        return bad(f.type == FieldType::kMoney ? "not_money" : "not_a_number");
      return v.get<int64_t>();
  }
  return bad("not_text");
}

nlohmann::json ToJson(const FieldDef& f, const FieldValue& v, bool reveal) {
  if (std::holds_alternative<std::monostate>(v)) return nullptr;
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (f.personal && !reveal) return MaskPersonal(*s);
    if (f.type == FieldType::kRegionList) {
      nlohmann::json list = nlohmann::json::array();
      size_t start = 0;
      while (start < s->size()) {
        size_t comma = s->find(',', start);
        if (comma == std::string::npos) comma = s->size();
        list.push_back(s->substr(start, comma - start));
        start = comma + 1;
      }
      return list;
    }
    return *s;
  }
  int64_t n = std::get<int64_t>(v);
  if (f.type == FieldType::kBool) return n != 0;
  if (f.type == FieldType::kPercent) return static_cast<double>(n) / 100.0;
  return n;
}

}  // namespace

std::string IsoTime(int64_t seconds) {
  auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::json KindsJson(const RecordLabels& labels) {
  nlohmann::json kinds = nlohmann::json::array();
  for (const model::RecordKind& k : model::RecordKinds()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const FieldDef& f : k.fields) {
      nlohmann::json j = {{"key", f.key},
                          {"type", TypeName(f.type)},
                          {"label", labels.Field(k, f.key)},
                          {"required", f.required},
                          {"max_len", f.max_len},
                          {"list", f.list},
                          {"filter", FilterName(f.filter)},
                          {"sort", f.sort},
                          {"total", f.total},
                          {"personal", f.personal},
                          {"derived", f.derived},
                          {"unique", false}};
      for (const auto& key : k.unique_keys) {
        if (key.back() == f.key) j["unique"] = true;
      }
      if (f.type == FieldType::kEnum) {
        nlohmann::json options = nlohmann::json::array();
        for (const std::string& v : model::EnumOptions(f.options)) {
          options.push_back({{"value", v}, {"label", labels.Option(f.options, v)}});
        }
        j["options"] = options;
        if (!f.fallback_text.empty()) j["default"] = f.fallback_text;
      }
      if (f.fallback) j["default"] = *f.fallback;
      if (f.type == FieldType::kRef) j["ref"] = f.ref;
      fields.push_back(std::move(j));
    }
    nlohmann::json children = nlohmann::json::array();
    for (const model::RecordKind* c : model::ChildKinds(k.key)) children.push_back(c->key);
    kinds.push_back(
        {{"key", k.key},
         {"group", k.group},
         {"group_label", labels.Group(k.group)},
         {"label", labels.Kind(k.key)},
         {"parent", k.parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(k.parent)},
         {"parent_field",
          k.parent_field.empty() ? nlohmann::json(nullptr) : nlohmann::json(k.parent_field)},
         {"children", children},
         {"title_field", k.title_field},
         {"flag", k.flag},
         {"fields", fields}});
  }
  return {{"lang", labels.lang()}, {"kinds", kinds}};
}

model::Record RecordFromJson(const model::RecordKind& kind, const nlohmann::json& body,
                             std::vector<FieldIssue>& issues) {
  model::Record r(kind);
  if (!body.is_object()) {
    issues.push_back({"", "not_an_object", ""});
    return r;
  }
  for (const auto& [key, value] : body.items()) {
    if (IsBookkeeping(key)) continue;
    int i = kind.FieldIndex(key);
    if (i < 0) {
      issues.push_back({key, "unknown_field", ""});
      continue;
    }
    const FieldDef& f = kind.fields[static_cast<size_t>(i)];
    if (f.derived) continue;
    r.values()[static_cast<size_t>(i)] = FromJson(f, value, issues);
  }
  if (body.contains("id") && body["id"].is_number_integer()) r.id = body["id"].get<int64_t>();
  if (body.contains("version") && body["version"].is_number_integer()) {
    r.version = body["version"].get<int64_t>();
  }
  return r;
}

Result<RecordNames> LookupNames(store::Store& store, const model::RecordKind& kind,
                                const std::vector<model::Record>& records) {
  RecordNames names;
  std::set<std::string> codes;
  std::set<int64_t> institutions;
  std::map<std::string, std::set<int64_t>> refs;
  for (const model::Record& r : records) {
    for (size_t i = 0; i < kind.fields.size(); ++i) {
      const FieldDef& f = kind.fields[i];
      const FieldValue& v = r.values()[i];
      if (const auto* s = std::get_if<std::string>(&v)) {
        if (f.type == FieldType::kRegion) codes.insert(*s);
        if (f.type == FieldType::kRegionList) {
          size_t start = 0;
          while (start < s->size()) {
            size_t comma = s->find(',', start);
            if (comma == std::string::npos) comma = s->size();
            codes.insert(s->substr(start, comma - start));
            start = comma + 1;
          }
        }
      } else if (const auto* n = std::get_if<int64_t>(&v)) {
        if (f.type == FieldType::kInstitution) institutions.insert(*n);
        if (f.type == FieldType::kRef) refs[f.ref].insert(*n);
      }
    }
  }
  ASSIGN_OR_RETURN(auto regions, store.GetRegions({codes.begin(), codes.end()}));
  for (const model::Region& region : regions) names.regions[region.code] = region.name;
  for (int64_t id : institutions) {
    auto inst = store.GetInstitution(id);
    if (inst.ok()) names.institutions[id] = inst->name;
  }
  const RecordLabels& labels = RecordLabels::For("zh-CN");
  for (const auto& [ref_kind, ids] : refs) {
    const model::RecordKind* rk = model::FindKind(ref_kind);
    for (int64_t id : ids) {
      auto rec = store.GetRecord(*rk, id);
      if (rec.ok()) names.refs[ref_kind][id] = RecordTitle(*rk, *rec, labels);
    }
  }
  return names;
}

std::string RecordTitle(const model::RecordKind& kind, const model::Record& record,
                        const RecordLabels& labels) {
  const FieldDef* f = kind.Field(kind.title_field);
  const FieldValue& v = record.Get(kind, kind.title_field);
  if (f->type == FieldType::kEnum) return labels.Option(f->options, record.Text(kind, f->key));
  return model::FieldText(*f, v);
}

nlohmann::json RecordToJson(const model::RecordKind& kind, const model::Record& record,
                            const RecordLabels& labels, const RecordNames& names,
                            const RecordView& view) {
  nlohmann::json j = {{"id", record.id},
                      {"version", record.version},
                      {"created_at", IsoTime(record.created_at)},
                      {"updated_at", IsoTime(record.updated_at)},
                      {"created_by", record.created_by},
                      {"updated_by", record.updated_by},
                      {"_can_edit", view.can_edit}};
  nlohmann::json label_map = nlohmann::json::object();
  nlohmann::json masked = nlohmann::json::array();
  for (size_t i = 0; i < kind.fields.size(); ++i) {
    const FieldDef& f = kind.fields[i];
    const FieldValue& v = record.values()[i];
    j[f.key] = ToJson(f, v, view.reveal);
    if (f.personal && !view.reveal && !std::holds_alternative<std::monostate>(v)) {
      masked.push_back(f.key);
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
      if (f.type == FieldType::kEnum) label_map[f.key] = labels.Option(f.options, *s);
      if (f.type == FieldType::kRegion) {
        auto it = names.regions.find(*s);
        label_map[f.key] = it == names.regions.end() ? *s : it->second;
      }
      if (f.type == FieldType::kRegionList) {
        std::string text;
        for (const auto& code : j[f.key]) {
          auto it = names.regions.find(code.get<std::string>());
          if (!text.empty()) text += "、";
          text += it == names.regions.end() ? code.get<std::string>() : it->second;
        }
        label_map[f.key] = text;
      }
    } else if (const auto* n = std::get_if<int64_t>(&v)) {
      if (f.type == FieldType::kInstitution) {
        auto it = names.institutions.find(*n);
        if (it != names.institutions.end()) label_map[f.key] = it->second;
      }
      if (f.type == FieldType::kRef) {
        auto kit = names.refs.find(f.ref);
        if (kit != names.refs.end()) {
          auto it = kit->second.find(*n);
          if (it != kit->second.end()) label_map[f.key] = it->second;
        }
      }
    }
  }
  j["_labels"] = label_map;
  j["_masked"] = masked;
  nlohmann::json flags = nlohmann::json::object();
  if (!kind.flag.empty()) flags[kind.flag] = model::RecordFlag(kind, record, view.today);
  j["_flags"] = flags;
  return j;
}

}  // namespace xiezuo::api
