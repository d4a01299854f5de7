// The indicator catalogue: consistent with the record kinds, and covering the seed figures.
#include "model/indicator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace xiezuo::model {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(IndicatorTest, ShippedCatalogueIsConsistent) {
  EXPECT_EQ(CheckIndicators(Indicators()), "");
  EXPECT_GE(Indicators().size(), 40U);
}

TEST(IndicatorTest, SeedFiguresHaveTheirIndicatorsAndBreakdowns) {
  // 000: 284 to Jiangsu, 214 in the province, 51 elsewhere (150 / 161 / 46 poverty-alleviated).
  const Indicator* placed = FindIndicator("placement_persons");
  ASSERT_NE(placed, nullptr);
  EXPECT_EQ(placed->unit, IndicatorUnit::kPerson);
  EXPECT_THAT(BreakdownOptions(*placed),
              ElementsAre("paired_east", "home_province", "other_province", "local_workshop"));
  ASSERT_NE(FindIndicator("placement_poverty_persons"), nullptr);
  // 000: 9,806万 = 9,476万 provincial + 330万 town.
  const Indicator* funds = FindIndicator("fund_disbursement");
  ASSERT_NE(funds, nullptr);
  EXPECT_EQ(funds->unit, IndicatorUnit::kYuan);
  EXPECT_EQ(funds->breakdown, "source_level");
  // 000: 24 projects, a project counted once however it is funded.
  EXPECT_EQ(FindIndicator("projects")->aggregation, IndicatorAggregation::kCountDistinct);
  EXPECT_EQ(FindIndicator("projects_funded")->derivation->entity_field, "project_id");
  // 003: 9,965.11万 of sales, of which certified 3,498.43万; by channel.
  EXPECT_EQ(FindIndicator("consumption_sales")->breakdown, "sale_channel");
  EXPECT_NE(FindIndicator("consumption_certified_sales"), nullptr);
  // 001: cadres both ways; 763 batches of visits by direction.
  EXPECT_EQ(FindIndicator("cadres")->breakdown, "direction");
  EXPECT_EQ(FindIndicator("meeting_batches")->breakdown, "direction");
  EXPECT_EQ(FindIndicator("meeting_batches")->unit, IndicatorUnit::kBatch);
  // Ratios name two indicators and are derived from nothing themselves.
  const Indicator* rate = FindIndicator("fund_disbursement_rate");
  ASSERT_NE(rate, nullptr);
  EXPECT_EQ(rate->aggregation, IndicatorAggregation::kRatio);
  EXPECT_FALSE(rate->derivation.has_value());
  EXPECT_EQ(IndicatorIndex("no_such_indicator"), -1);
  EXPECT_EQ(FindIndicator("no_such_indicator"), nullptr);
}

TEST(IndicatorTest, EveryAreaOfTheAssessmentHasIndicators) {
  for (const char* area :
       {"organisation", "talent", "funds", "industry", "labour", "consumption", "society"}) {
    bool found = false;
    for (const Indicator& i : Indicators()) found = found || i.area == area;
    EXPECT_TRUE(found) << area;
  }
}

TEST(IndicatorTest, CheckNamesEachProblem) {
  std::vector<Indicator> bad = Indicators();
  bad.push_back(bad.front());  // a repeated code
  Indicator wrong;
  wrong.code = "wrong";
  wrong.name_zh = "错";
  wrong.name_en = "Wrong";
  wrong.breakdown = "destination_class";
  Derivation d;
  d.kind = "placement";
  d.date_fields = {"employer"};  // not a date
  d.value_field = "note";        // not a number
  d.where = {{"destination_class", {"moon"}}};
  d.breakdown_field = "channel";  // not a field of placements
  d.east_regions = {"employer"};
  wrong.derivation = d;
  bad.push_back(wrong);
  Indicator ratio;
  ratio.code = "bad_ratio";
  ratio.name_zh = "比";
  ratio.name_en = "Ratio";
  ratio.aggregation = IndicatorAggregation::kRatio;
  ratio.numerator = "nothing";
  ratio.denominator = "fund_allocation";
  bad.push_back(ratio);
  Indicator no_kind = wrong;
  no_kind.code = "no_kind";
  no_kind.derivation->kind = "spaceship";
  bad.push_back(no_kind);

  std::string problems = CheckIndicators(bad);
  EXPECT_THAT(problems, HasSubstr(bad.front().code + ": code repeats"));
  EXPECT_THAT(problems, HasSubstr("wrong: placement.employer is not a date field"));
  EXPECT_THAT(problems, HasSubstr("wrong: placement.note is not a number field"));
  EXPECT_THAT(problems, HasSubstr("wrong: placement.destination_class has no option moon"));
  EXPECT_THAT(problems, HasSubstr("wrong: placement.channel does not give the destination_class"));
  EXPECT_THAT(problems, HasSubstr("wrong: placement.employer is not a region field"));
  EXPECT_THAT(problems, HasSubstr("bad_ratio: a ratio needs a known numerator and denominator"));
  EXPECT_THAT(problems, HasSubstr("no_kind: unknown kind spaceship"));
}

TEST(IndicatorTest, RegionSideByProvince) {
  EXPECT_EQ(RegionSide("320114"), CooperationSide::kEast);  // 雨花台区, 江苏
  EXPECT_EQ(RegionSide("611022"), CooperationSide::kWest);  // 丹凤县, 陕西
  EXPECT_EQ(RegionSide("44"), CooperationSide::kEast);      // 广东
  EXPECT_EQ(RegionSide("52"), CooperationSide::kWest);      // 贵州
  EXPECT_EQ(RegionSide("54"), std::nullopt);  // 西藏: 对口支援, not this programme
  EXPECT_EQ(RegionSide("41"), std::nullopt);  // 河南
  EXPECT_EQ(RegionSide("3"), std::nullopt);
  EXPECT_EQ(RegionSide(""), std::nullopt);
}

TEST(IndicatorTest, UnitsAndAggregationsHaveNames) {
  EXPECT_STREQ(IndicatorUnitLabel(IndicatorUnit::kPersonTime), "人次");
  EXPECT_STREQ(IndicatorUnitLabel(IndicatorUnit::kPersonTime, "en"), "person-times");
  EXPECT_STREQ(IndicatorUnitName(IndicatorUnit::kYuan), "yuan");
  EXPECT_STREQ(IndicatorAggregationName(IndicatorAggregation::kCountDistinct), "count_distinct");
}

}  // namespace
}  // namespace xiezuo::model
