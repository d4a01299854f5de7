// Figures in a report's prose: money in 元/万元/亿元 as the seed articles write it, units,
// the change from last year and the ratio to a target, rounded exactly.
#include "report/report_text.h"

#include <gtest/gtest.h>

namespace xiezuo::report {
namespace {

using model::IndicatorUnit;

constexpr int64_t kWan = 1'000'000;

TEST(ReportTextTest, MoneyAsTheSeedArticlesWriteIt) {
  EXPECT_EQ(MoneyText(9806 * kWan), "9806万元");  // 000: 全县共争取各类财政资金9806万元
  EXPECT_EQ(MoneyText(330 * kWan), "330万元");
  EXPECT_EQ(MoneyText(125 * kWan / 10), "12.5万元");
  EXPECT_EQ(MoneyText(123456789), "123.46万元");  // 1,234,567.89 元, rounded to 0.01万
  EXPECT_EQ(MoneyText(500000), "5000元");
  EXPECT_EQ(MoneyText(1250), "12.5元");
  EXPECT_EQ(MoneyText(0), "0元");
  EXPECT_EQ(MoneyText(10'000 * kWan), "1亿元");
  EXPECT_EQ(MoneyText(12'345 * kWan), "1.23亿元");
  EXPECT_EQ(MoneyText(12'355 * kWan), "1.24亿元");  // half away from zero
  EXPECT_EQ(MoneyText(-330 * kWan), "-330万元");
  // Just under 1万元 stays in 元; just under 1亿元, rounding up to 10000万, says 1亿元.
  EXPECT_EQ(MoneyText(kWan - 1), "9999.99元");
  EXPECT_EQ(MoneyText(10'000 * kWan - 1), "1亿元");
  EXPECT_EQ(MoneyText(10'000 * kWan - 100 * kWan), "9900万元");
}

TEST(ReportTextTest, ValuesWithTheirUnits) {
  EXPECT_EQ(ValueText(549, IndicatorUnit::kPerson), "549人");
  EXPECT_EQ(ValueText(24, IndicatorUnit::kCount), "24个");
  EXPECT_EQ(ValueText(3, IndicatorUnit::kBatch), "3批次");
  EXPECT_EQ(ValueText(8523, IndicatorUnit::kPercent), "85.23%");
  EXPECT_EQ(ValueText(905, IndicatorUnit::kPercent), "9.05%");
  EXPECT_EQ(ValueText(9806 * kWan, IndicatorUnit::kYuan), "9806万元");
}

TEST(ReportTextTest, ChangeFromLastYear) {
  EXPECT_EQ(ChangeText(549, 488), "同比增长12.5%");
  EXPECT_EQ(ChangeText(450, 500), "同比下降10.0%");
  EXPECT_EQ(ChangeText(500, 500), "与上年持平");
  EXPECT_EQ(ChangeText(1, 3), "同比下降66.7%");
  EXPECT_EQ(ChangeText(500, std::nullopt), "");
  EXPECT_EQ(ChangeText(500, 0), "");
}

TEST(ReportTextTest, RatioToTarget) {
  EXPECT_EQ(TargetText(9806 * kWan, 10'000 * kWan), "完成年度目标的98.1%");
  EXPECT_EQ(TargetText(640, 500), "超额完成年度目标（完成128.0%）");
  EXPECT_EQ(TargetText(500, 500), "完成年度目标的100.0%");
  EXPECT_EQ(TargetText(1, std::nullopt), "");
  EXPECT_EQ(TargetText(1, 0), "");
  EXPECT_EQ(ShareText(284, 549), "51.7%");
  EXPECT_EQ(ShareText(1, 0), "");
}

}  // namespace
}  // namespace xiezuo::report
