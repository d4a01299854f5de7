// Assessment scoring: each scoring rule and target source, the grade cut-offs, ties in
// rankings, missing data, template checks and the JSON form.
#include "report/assessment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace xiezuo::report {
namespace {

using ::testing::HasSubstr;

// A one-section template of these items (bands 90/80/60 %).
AssessmentTemplate Of(std::vector<AssessmentItem> items) {
  AssessmentTemplate t;
  t.year = 2021;
  t.sections.push_back({"labour", "劳务协作", "Labour", std::move(items)});
  return t;
}

AssessmentItem Linear(std::string code, int64_t points, int64_t target, int64_t cap = 1000) {
  AssessmentItem i;
  i.code = std::move(code);
  i.name_zh = i.code;
  i.indicator = "placement_persons";
  i.points = points;
  i.rule = ScoringRule::kLinear;
  i.target = target;
  i.cap_permille = cap;
  return i;
}

ItemInput Value(int64_t v) { return {.value = v}; }

// The only region's item scores of `t` over `inputs`.
RegionScore One(const AssessmentTemplate& t, std::vector<ItemInput> inputs) {
  auto scores = Score(t, {{"611022", std::move(inputs)}});
  EXPECT_TRUE(scores.ok()) << scores.status().ToString();
  return scores.ok() && scores->size() == 1 ? scores->front() : RegionScore{};
}

TEST(AssessmentTest, LinearScoresTheRatioUpToTheCap) {
  AssessmentTemplate t = Of({Linear("a", 1000, 400), Linear("b", 1000, 400, 1200)});
  // 300 of 400: 75 % of 10 points; over the target, a 100 % cap gives full points and a 120 %
  // cap a bonus up to 12 points.
  RegionScore s = One(t, {Value(300), Value(300)});
  EXPECT_EQ(s.items[0].points, 750);
  EXPECT_EQ(s.items[0].ratio, 7500);
  EXPECT_EQ(s.items[0].target, 400);
  s = One(t, {Value(1000), Value(1000)});
  EXPECT_EQ(s.items[0].points, 1000);
  EXPECT_EQ(s.items[0].ratio, 25000);  // the ratio itself is not capped
  EXPECT_EQ(s.items[1].points, 1200);
  s = One(t, {Value(460), Value(460)});
  EXPECT_EQ(s.items[1].points, 1150);
  // Rounded half up to the hundredth of a point: 1/3 of 10 points.
  t = Of({Linear("c", 1000, 3)});
  EXPECT_EQ(One(t, {Value(1)}).items[0].points, 333);
  EXPECT_EQ(One(t, {Value(2)}).items[0].points, 667);
  // A negative figure scores nothing, not below zero.
  EXPECT_EQ(One(t, {Value(-5)}).items[0].points, 0);
}

TEST(AssessmentTest, LinearIsExactForMoneyInFen) {
  // 9,806万 against a target of 1亿 (fen): 98.06 % of 10 points.
  AssessmentItem i = Linear("funds", 1000, 100'000'000'00);
  i.indicator = "fund_allocation";
  RegionScore s = One(Of({i}), {Value(98'060'000'00)});
  EXPECT_EQ(s.items[0].ratio, 9806);
  EXPECT_EQ(s.items[0].points, 981);  // 980.6 rounded
}

TEST(AssessmentTest, ThresholdGivesAllOrNothing) {
  AssessmentItem i = Linear("rate", 500, 9000);
  i.rule = ScoringRule::kThreshold;
  AssessmentTemplate t = Of({i});
  EXPECT_EQ(One(t, {Value(9000)}).items[0].points, 500);
  EXPECT_EQ(One(t, {Value(8999)}).items[0].points, 0);
  // Reaching 80 % of the target is enough when the threshold says so.
  t.sections[0].items[0].threshold_permille = 800;
  EXPECT_EQ(One(t, {Value(7200)}).items[0].points, 500);
  EXPECT_EQ(One(t, {Value(7199)}).items[0].points, 0);
}

TEST(AssessmentTest, RankGivesTiesTheBetterRankAndTheLastTheFloor) {
  AssessmentItem i = Linear("donations", 1000, 0);
  i.rule = ScoringRule::kRank;
  i.floor_permille = 400;
  AssessmentTemplate t = Of({i});
  auto scores = Score(t, {{"a", {Value(50)}},
                          {"b", {Value(90)}},
                          {"c", {Value(50)}},
                          {"d", {Value(10)}},
                          {"e", {ItemInput{}}}});
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  std::map<std::string, ItemScore> by;
  for (const RegionScore& s : *scores) by[s.region_code] = s.items[0];
  // Ranks 1, 2, 2, 4 among the four with a figure; points fall linearly from 10 to 4.
  EXPECT_EQ(by["b"].rank, 1);
  EXPECT_EQ(by["a"].rank, 2);
  EXPECT_EQ(by["c"].rank, 2);
  EXPECT_EQ(by["d"].rank, 4);
  EXPECT_EQ(by["b"].points, 1000);
  EXPECT_EQ(by["a"].points, 800);
  EXPECT_EQ(by["c"].points, 800);
  EXPECT_EQ(by["d"].points, 400);
  // No figure: no rank, no points, missing.
  EXPECT_FALSE(by["e"].rank);
  EXPECT_FALSE(by["e"].points);
  EXPECT_EQ(by["e"].missing, "no_value");
  // Alone, a region takes the full points.
  EXPECT_EQ(One(t, {Value(1)}).items[0].points, 1000);
}

TEST(AssessmentTest, ManualPointsAreTakenAsGivenWithinTheItem) {
  AssessmentItem m;
  m.code = "leadership";
  m.name_zh = "研究部署";
  m.points = 600;
  m.rule = ScoringRule::kManual;
  AssessmentTemplate t = Of({m});
  EXPECT_EQ(One(t, {ItemInput{.manual = 450}}).items[0].points, 450);
  RegionScore none = One(t, {ItemInput{}});
  EXPECT_FALSE(none.items[0].points);
  EXPECT_EQ(none.items[0].missing, "not_scored");
  auto over = Score(t, {{"611022", {ItemInput{.manual = 601}}}});
  ASSERT_EQ(over.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(over.status().details().at(0).field, "regions[611022].items[leadership].manual");
}

TEST(AssessmentTest, TargetsComeFromTheirSource) {
  AssessmentItem fixed = Linear("f", 1000, 400);
  EXPECT_EQ(TargetOf(fixed, {}), 400);
  AssessmentItem agreed = Linear("a", 1000, 0);
  agreed.target_source = TargetSource::kAgreement;
  agreed.agreement_field = "labour_transfers";
  EXPECT_EQ(TargetOf(agreed, {.agreement = 550}), 550);
  EXPECT_EQ(TargetOf(agreed, {}), std::nullopt);
  AssessmentItem last = Linear("l", 1000, 0);
  last.target_source = TargetSource::kLastYear;
  last.factor_permille = 1050;                         // last year + 5 %
  EXPECT_EQ(TargetOf(last, {.last_year = 549}), 576);  // 576.45
  EXPECT_EQ(TargetOf(last, {.last_year = 550}), 578);  // 577.5, half up
  EXPECT_EQ(TargetOf(last, {}), std::nullopt);
}

TEST(AssessmentTest, MissingDataStaysMissingAndWithholdsTheGradeAndRank) {
  AssessmentItem agreed = Linear("agreed", 5000, 0);
  agreed.target_source = TargetSource::kAgreement;
  agreed.agreement_field = "labour_transfers";
  AssessmentTemplate t = Of({Linear("fixed", 5000, 100), agreed});
  auto scores = Score(t, {{"complete", {Value(100), {.value = 50, .agreement = 100}}},
                          {"no_target", {Value(100), Value(80)}},
                          {"no_value", {ItemInput{}, {.agreement = 100}}},
                          {"zero", {Value(0), {.value = 0, .agreement = 100}}}});
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  std::map<std::string, RegionScore> by;
  for (const RegionScore& s : *scores) by[s.region_code] = s;
  EXPECT_EQ(by["complete"].points, 7500);
  EXPECT_EQ(by["complete"].missing, 0);
  EXPECT_EQ(by["complete"].grade, Grade::kAverage);
  EXPECT_EQ(by["no_target"].items[1].missing, "no_target");
  EXPECT_EQ(by["no_target"].items[1].value, 80);
  EXPECT_FALSE(by["no_target"].items[1].points);
  EXPECT_EQ(by["no_target"].points, 5000);  // what was scored
  EXPECT_EQ(by["no_target"].missing, 1);
  EXPECT_FALSE(by["no_target"].grade);
  EXPECT_FALSE(by["no_target"].rank);
  EXPECT_EQ(by["no_value"].items[0].missing, "no_value");
  EXPECT_FALSE(by["no_value"].items[0].value);
  EXPECT_EQ(by["no_value"].missing, 2);
  // A figure of zero is a figure: it scores zero points, not missing.
  EXPECT_EQ(by["zero"].points, 0);
  EXPECT_EQ(by["zero"].missing, 0);
  EXPECT_EQ(by["zero"].grade, Grade::kPoor);
  // Only the complete ones are ranked.
  EXPECT_EQ(by["complete"].rank, 1);
  EXPECT_EQ(by["zero"].rank, 2);
}

TEST(AssessmentTest, GradeCutOffsAreInclusive) {
  const GradeBands bands;  // 90 / 80 / 60 %
  EXPECT_EQ(GradeOf(9000, 10000, bands), Grade::kGood);
  EXPECT_EQ(GradeOf(8999, 10000, bands), Grade::kFairlyGood);
  EXPECT_EQ(GradeOf(8000, 10000, bands), Grade::kFairlyGood);
  EXPECT_EQ(GradeOf(7999, 10000, bands), Grade::kAverage);
  EXPECT_EQ(GradeOf(6000, 10000, bands), Grade::kAverage);
  EXPECT_EQ(GradeOf(5999, 10000, bands), Grade::kPoor);
  EXPECT_EQ(GradeOf(0, 10000, bands), Grade::kPoor);
  // Over a full score other than 100 points, and with bonus points above it.
  EXPECT_EQ(GradeOf(108, 120, bands), Grade::kGood);
  EXPECT_EQ(GradeOf(107, 120, bands), Grade::kFairlyGood);
  EXPECT_EQ(GradeOf(13000, 10000, bands), Grade::kGood);
  // Configured cut-offs.
  const GradeBands strict{.good = 9500, .fairly_good = 8500, .average = 7000};
  EXPECT_EQ(GradeOf(9400, 10000, strict), Grade::kFairlyGood);
  EXPECT_EQ(GradeOf(6999, 10000, strict), Grade::kPoor);
  EXPECT_EQ(GradeLabel(Grade::kFairlyGood, "zh"), "较好");
  EXPECT_EQ(GradeLabel(Grade::kPoor, "en"), "Poor");
}

TEST(AssessmentTest, RegionsWithEqualTotalsShareARank) {
  AssessmentTemplate t = Of({Linear("a", 10000, 100)});
  auto scores =
      Score(t, {{"x", {Value(90)}}, {"y", {Value(95)}}, {"z", {Value(90)}}, {"w", {Value(10)}}});
  ASSERT_TRUE(scores.ok());
  std::map<std::string, std::optional<int>> rank;
  for (const RegionScore& s : *scores) rank[s.region_code] = s.rank;
  EXPECT_EQ(rank["y"], 1);
  EXPECT_EQ(rank["x"], 2);
  EXPECT_EQ(rank["z"], 2);
  EXPECT_EQ(rank["w"], 4);
}

TEST(AssessmentTest, InputsMustMatchTheItems) {
  AssessmentTemplate t = Of({Linear("a", 1000, 100), Linear("b", 1000, 100)});
  auto scores = Score(t, {{"611022", {Value(1)}}});
  ASSERT_EQ(scores.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(scores.status().details().at(0).field, "regions[611022]");
  EXPECT_THAT(scores.status().message(), HasSubstr("1 inputs for 2 items"));
}

TEST(AssessmentTest, TheDefaultTemplateHasSixAreasAndAHundredPoints) {
  for (auto side : {model::CooperationSide::kWest, model::CooperationSide::kEast}) {
    AssessmentTemplate t = DefaultTemplate(2021, side);
    EXPECT_TRUE(CheckTemplate(t).ok()) << CheckTemplate(t).ToString();
    EXPECT_EQ(t.FullPoints(), 10000);
    std::vector<std::string> areas;
    for (const AssessmentSection& s : t.sections) areas.push_back(s.name_zh);
    EXPECT_THAT(areas, ::testing::ElementsAre("组织领导", "人才交流", "资金使用", "产业合作",
                                              "劳务协作", "携手奔小康"));
    std::set<ScoringRule> rules;
    for (const AssessmentItem* i : t.Items()) rules.insert(i->rule);
    EXPECT_EQ(rules.size(), 4U) << "every rule is used";
  }
}

TEST(AssessmentTest, CheckNamesEveryProblem) {
  AssessmentTemplate t = DefaultTemplate(2021, model::CooperationSide::kWest);
  t.sections[1].items[0].indicator = "no_such_indicator";
  t.sections[2].items[0].agreement_field = "nothing";
  t.sections[3].items[2].code = t.sections[3].items[0].code;
  t.sections[0].items[1].indicator = "placement_persons";  // on a manual item
  t.bands.fairly_good = t.bands.good;
  t.sections[4].items[0].points = 5'000'000'000'000'000'000;  // would overflow the sums
  t.sections[4].items[1].factor_permille = 1'000'000'000'000;
  Status s = CheckTemplate(t);
  ASSERT_EQ(s.code(), StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldError& e : s.details()) fields.push_back(e.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre(
                          "sections[1].items[0].indicator", "sections[2].items[0].agreement_field",
                          "sections[3].items[2].code", "sections[0].items[1].indicator", "bands",
                          "sections[4].items[0].points", "sections[4].items[1].factor_permille"));
  EXPECT_THAT(s.message(), HasSubstr("7 problems"));
}

TEST(AssessmentTest, JsonRoundTripsAndNamesBadFields) {
  AssessmentTemplate t = DefaultTemplate(2022, model::CooperationSide::kEast);
  t.version = 3;
  t.bands.good = 9200;
  auto back = TemplateFromJson(TemplateJson(t));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, t);
  EXPECT_EQ(TemplateJson(t)["full_points"], 10000);

  nlohmann::json bad = TemplateJson(t);
  bad["side"] = "north";
  bad["sections"][0]["items"][0]["points"] = "ten";
  bad["sections"][1]["items"][1]["rule"] = "guess";
  auto refused = TemplateFromJson(bad);
  ASSERT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldError& e : refused.status().details()) fields.push_back(e.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("side", "sections[0].items[0].points",
                                                      "sections[1].items[1].rule"));
  // Checked after reading: a template that reads but does not pass CheckTemplate.
  nlohmann::json unchecked = TemplateJson(t);
  unchecked["sections"][0]["items"][0]["points"] = 0;
  EXPECT_EQ(TemplateFromJson(unchecked).status().details().at(0).field,
            "sections[0].items[0].points");
}

}  // namespace
}  // namespace xiezuo::report
