#include "model/record.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace xiezuo::model {
namespace {

using ::testing::IsEmpty;

const RecordKind& Kind(std::string_view key) {
  const RecordKind* k = FindKind(key);
  EXPECT_NE(k, nullptr) << key;
  return *k;
}

Record ValidProject() {
  const RecordKind& k = Kind("project");
  Record r(k);
  r.Set(k, "code", std::string("DF-2021-001"));
  r.Set(k, "name", std::string("丹凤县香菇产业园"));
  r.Set(k, "category", std::string("industry"));
  r.Set(k, "region_code", std::string("611022"));
  r.Set(k, "total_investment_fen", int64_t{98'060'000'00});
  ApplyDefaults(k, r);
  return r;
}

TEST(RecordKindsTest, EveryKindIsWellFormed) {
  std::set<std::string> keys;
  for (const RecordKind& k : RecordKinds()) {
    SCOPED_TRACE(k.key);
    EXPECT_TRUE(keys.insert(k.key).second) << "duplicate kind";
    EXPECT_NE(k.Field("region_code"), nullptr) << "every record belongs to a region";
    EXPECT_NE(k.Field(k.title_field), nullptr);
    std::set<std::string> fields;
    for (const FieldDef& f : k.fields) {
      EXPECT_TRUE(fields.insert(f.key).second) << "duplicate field " << f.key;
      if (f.type == FieldType::kEnum) {
        EXPECT_FALSE(EnumOptions(f.options).empty()) << f.key;
      }
      if (f.type == FieldType::kRef) {
        EXPECT_NE(FindKind(f.ref), nullptr) << f.key;
      }
    }
    if (!k.parent.empty()) {
      EXPECT_NE(FindKind(k.parent), nullptr);
      EXPECT_NE(k.Field(k.parent_field), nullptr);
    }
    if (k.has_pairing && k.key != "pairing") {
      EXPECT_NE(k.Field("pairing_id"), nullptr);
    }
    for (const auto& rule : k.rules) {
      EXPECT_NE(k.Field(rule.field), nullptr) << rule.field;
      EXPECT_NE(k.Field(rule.other), nullptr) << rule.other;
    }
    for (const auto& key : k.unique_keys) {
      for (const auto& f : key) EXPECT_NE(k.Field(f), nullptr) << f;
    }
  }
  EXPECT_GE(RecordKinds().size(), 20U);
}

TEST(RecordValidateTest, AValidProjectPasses) {
  Record r = ValidProject();
  EXPECT_THAT(ValidateRecord(Kind("project"), r), IsEmpty());
  EXPECT_EQ(r.Text(Kind("project"), "status"), "candidate") << "the default status";
}

TEST(RecordValidateTest, NamesEachBadField) {
  const RecordKind& k = Kind("project");
  Record r = ValidProject();
  r.Set(k, "name", FieldValue{});
  r.Set(k, "category", std::string("mining"));
  r.Set(k, "coop_funds_fen", int64_t{-1});
  r.Set(k, "planned_start", std::string("2021-02-30"));
  r.Set(k, "persons", int64_t{10});
  r.Set(k, "poverty_persons", int64_t{11});
  auto issues = ValidateRecord(k, r);
  EXPECT_EQ(issues, (std::vector<FieldIssue>{{"name", "required", ""},
                                             {"category", "unknown_option", "project_category"},
                                             {"planned_start", "bad_date", ""},
                                             {"coop_funds_fen", "negative", ""},
                                             {"poverty_persons", "exceeds", "persons"}}));
}

TEST(RecordValidateTest, EndBeforeStartIsRejected) {
  const RecordKind& k = Kind("project");
  Record r = ValidProject();
  r.Set(k, "planned_start", std::string("2021-05-01"));
  r.Set(k, "planned_end", std::string("2021-04-30"));
  EXPECT_EQ(ValidateRecord(k, r),
            (std::vector<FieldIssue>{{"planned_end", "before", "planned_start"}}));
}

TEST(RecordValidateTest, PercentOver100IsRejected) {
  const RecordKind& k = Kind("project_progress");
  Record r(k);
  r.Set(k, "project_id", int64_t{1});
  r.Set(k, "date", std::string("2021-06-30"));
  r.Set(k, "percent", int64_t{10001});
  EXPECT_EQ(ValidateRecord(k, r), (std::vector<FieldIssue>{{"percent", "out_of_range", "100"}}));
  r.Set(k, "percent", int64_t{10000});
  EXPECT_THAT(ValidateRecord(k, r), IsEmpty()) << "region_code is derived, not required";
}

TEST(RecordValidateTest, ProjectLifecycleMovesForwardOrCancels) {
  const RecordKind& k = Kind("project");
  Record before = ValidProject();
  before.Set(k, "status", std::string("under_construction"));
  Record after = before;
  after.Set(k, "status", std::string("completed"));
  EXPECT_THAT(ValidateUpdate(k, before, after), IsEmpty());
  after.Set(k, "status", std::string("cancelled"));
  EXPECT_THAT(ValidateUpdate(k, before, after), IsEmpty());
  after.Set(k, "status", std::string("candidate"));
  EXPECT_EQ(ValidateUpdate(k, before, after),
            (std::vector<FieldIssue>{{"status", "bad_transition", "under_construction"}}));
}

TEST(RecordValidateTest, PairingOwnerMustBeAParty) {
  const RecordKind& k = Kind("pairing");
  Record r(k);
  r.Set(k, "name", std::string("雨花台区—丹凤县"));
  r.Set(k, "level", std::string("county"));
  r.Set(k, "region_code", std::string("611022"));
  r.Set(k, "east_region_code", std::string("320114"));
  r.Set(k, "west_region_code", std::string("611022"));
  r.Set(k, "west_extra", std::string("611002,611021"));
  ApplyDefaults(k, r);
  EXPECT_THAT(ValidateRecord(k, r), IsEmpty());
  r.Set(k, "region_code", std::string("611002"));
  EXPECT_EQ(ValidateRecord(k, r), (std::vector<FieldIssue>{{"region_code", "not_a_party", ""}}));
  r.Set(k, "west_extra", std::string("611002,61x"));
  EXPECT_EQ(ValidateRecord(k, r)[0], (FieldIssue{"west_extra", "bad_region_code", "61x"}));
}

TEST(RecordValidateTest, PlacementCountsAndFlagAgree) {
  const RecordKind& k = Kind("placement");
  Record r(k);
  r.Set(k, "region_code", std::string("611022"));
  r.Set(k, "destination_class", std::string("paired_east"));
  r.Set(k, "worker_ref", std::string("张三"));
  r.Set(k, "poverty_alleviated", int64_t{1});
  ApplyDefaults(k, r);
  EXPECT_THAT(ValidateRecord(k, r), IsEmpty());
  EXPECT_EQ(r.Int(k, "poverty_persons"), 1) << "the flag counts the person";
  r.Set(k, "persons", int64_t{3});
  EXPECT_EQ(ValidateRecord(k, r),
            (std::vector<FieldIssue>{{"persons", "must_be_one", "worker_ref"}}));
  // A count-only record: 284 to Jiangsu, 150 of them poverty-alleviated (seed 000).
  Record c(k);
  c.Set(k, "region_code", std::string("611022"));
  c.Set(k, "destination_class", std::string("paired_east"));
  c.Set(k, "persons", int64_t{284});
  c.Set(k, "poverty_persons", int64_t{150});
  ApplyDefaults(k, c);
  EXPECT_THAT(ValidateRecord(k, c), IsEmpty());
}

TEST(RecordValidateTest, TextLimitsCountCharacters) {
  const RecordKind& k = Kind("project");
  Record r = ValidProject();
  std::string name;
  for (int i = 0; i < 200; ++i) name += "丹";
  r.Set(k, "name", name);
  EXPECT_THAT(ValidateRecord(k, r), IsEmpty());
  r.Set(k, "name", name + "凤");
  EXPECT_EQ(ValidateRecord(k, r), (std::vector<FieldIssue>{{"name", "too_long", "200"}}));
}

TEST(RecordValidateTest, OverdueFlag) {
  const RecordKind& k = Kind("plan_task");
  Record r(k);
  r.Set(k, "deadline", std::string("2021-06-30"));
  r.Set(k, "status", std::string("in_progress"));
  EXPECT_TRUE(RecordFlag(k, r, "2021-07-01"));
  EXPECT_FALSE(RecordFlag(k, r, "2021-06-30"));
  r.Set(k, "status", std::string("done"));
  EXPECT_FALSE(RecordFlag(k, r, "2021-07-01"));
  EXPECT_FALSE(RecordFlag(Kind("project"), ValidProject(), "2030-01-01"));
}

FieldValue Parsed(const RecordKind& k, std::string_view field, std::string_view text) {
  auto v = ParseFieldText(*k.Field(field), text);
  EXPECT_TRUE(std::holds_alternative<FieldValue>(v)) << field << " " << text;
  return std::holds_alternative<FieldValue>(v) ? std::get<FieldValue>(v) : FieldValue{};
}

FieldIssue ParseIssue(const RecordKind& k, std::string_view field, std::string_view text) {
  auto v = ParseFieldText(*k.Field(field), text);
  EXPECT_TRUE(std::holds_alternative<FieldIssue>(v)) << field << " " << text;
  return std::holds_alternative<FieldIssue>(v) ? std::get<FieldIssue>(v) : FieldIssue{};
}

TEST(ParseFieldTextTest, DatesInTheFormsPeopleType) {
  const RecordKind& k = Kind("project");
  for (std::string_view text :
       {"2021-03-15", "2021/3/15", "2021.03.15", "2021年3月15日", " 2021-3-15 ", "44270"}) {
    EXPECT_EQ(Parsed(k, "planned_start", text), FieldValue(std::string("2021-03-15"))) << text;
  }
  EXPECT_EQ(ParseIssue(k, "planned_start", "2021-13-01").rule, "bad_date");
  EXPECT_EQ(ParseIssue(k, "planned_start", "15/3/2021").rule, "bad_date");
  EXPECT_EQ(Parsed(k, "planned_start", ""), FieldValue{});
}

TEST(ParseFieldTextTest, ExcelSerials) {
  EXPECT_EQ(ExcelSerialToIsoDate(1), "1900-01-01");
  EXPECT_EQ(ExcelSerialToIsoDate(59), "1900-02-28");
  EXPECT_EQ(ExcelSerialToIsoDate(61), "1900-03-01");
  EXPECT_EQ(ExcelSerialToIsoDate(44270), "2021-03-15");
  EXPECT_EQ(ExcelSerialToIsoDate(60), std::nullopt);
}

TEST(ParseFieldTextTest, MoneyPercentCountsBoolsEnums) {
  const RecordKind& k = Kind("project");
  EXPECT_EQ(Parsed(k, "total_investment_fen", "98,060,000.50"), FieldValue(int64_t{9806000050}));
  EXPECT_EQ(ParseIssue(k, "total_investment_fen", "1.234").rule, "not_money");
  EXPECT_EQ(Parsed(k, "persons", "30,000"), FieldValue(int64_t{30000}));
  EXPECT_EQ(ParseIssue(k, "persons", "many").rule, "not_a_number");
  EXPECT_EQ(Parsed(k, "category", "industry"), FieldValue(std::string("industry")));
  EXPECT_EQ(ParseIssue(k, "category", "产业").rule, "unknown_option");
  auto labels = [](const FieldDef&, std::string_view text) -> std::optional<std::string> {
    if (text == "产业发展") return "industry";
    return std::nullopt;
  };
  EXPECT_EQ(std::get<FieldValue>(ParseFieldText(*k.Field("category"), "产业发展", labels)),
            FieldValue(std::string("industry")));
  const RecordKind& p = Kind("project_progress");
  EXPECT_EQ(Parsed(p, "percent", "80"), FieldValue(int64_t{8000}));
  EXPECT_EQ(Parsed(p, "percent", "40.5%"), FieldValue(int64_t{4050}));
  EXPECT_EQ(ParseIssue(p, "percent", "40.555").rule, "not_a_number");
  const RecordKind& pl = Kind("placement");
  EXPECT_EQ(Parsed(pl, "poverty_alleviated", "是"), FieldValue(int64_t{1}));
  EXPECT_EQ(Parsed(pl, "poverty_alleviated", "否"), FieldValue(int64_t{0}));
  EXPECT_EQ(ParseIssue(pl, "poverty_alleviated", "maybe").rule, "not_bool");
  const RecordKind& pa = Kind("pairing");
  EXPECT_EQ(Parsed(pa, "east_extra", "320114、320113；320115"),
            FieldValue(std::string("320114,320113,320115")));
}

TEST(ParseFieldTextTest, FieldTextRoundTrips) {
  const RecordKind& k = Kind("project_progress");
  for (int64_t pct : {0, 5, 50, 4050, 4055, 10000}) {
    std::string text = FieldText(*k.Field("percent"), FieldValue(pct));
    EXPECT_EQ(Parsed(k, "percent", text), FieldValue(pct)) << text;
  }
  for (int64_t fen : {0LL, 1LL, 99LL, 100LL, 123456LL, 9806000000LL}) {
    std::string text = FieldText(*k.Field("completed_fen"), FieldValue(fen));
    EXPECT_EQ(Parsed(k, "completed_fen", text), FieldValue(fen)) << text;
  }
}

}  // namespace
}  // namespace xiezuo::model
