#include "report/statistical_tables.h"

#include <gtest/gtest.h>

#include "io/xlsx_reader.h"

namespace xiezuo::report {
namespace {

using model::IndicatorUnit;
using Rows = std::vector<std::vector<std::string>>;

StatisticalTables Labour() {
  StatSheet sheet{.name = "劳务协作",
                  .columns = {{"转移就业人数", IndicatorUnit::kPerson},
                              {"其中：结对东部地区", IndicatorUnit::kPerson},
                              {"协作资金", IndicatorUnit::kYuan},
                              {"资金拨付率", IndicatorUnit::kPercent}},
                  .rows = {{"611022", "丹凤县", {549, 284, 98'060'000'00, 9'850}},
                           {"611021", "洛南县", {std::nullopt, 0, 12'345'678, std::nullopt}}},
                  .total = {"611000", "商洛市", {549, 284, 98'183'456'78, 9'912}}};
  return {.title = "商洛市2021年东西部协作统计表", .source = "xiezuo", .sheets = {sheet}};
}

TEST(StatisticalTablesTest, HeadersCarryTheUnit) {
  EXPECT_EQ(StatHeader({"协作资金", IndicatorUnit::kYuan}), "协作资金（万元）");
  EXPECT_EQ(StatHeader({"资金拨付率", IndicatorUnit::kPercent}), "资金拨付率（%）");
  EXPECT_EQ(StatHeader({"转移就业人数", IndicatorUnit::kPerson}), "转移就业人数（人）");
}

TEST(StatisticalTablesTest, ASheetPerAreaWithRegionsAndTotals) {
  Result<std::string> bytes = StatisticalTablesXlsx(Labour());
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  Result<io::XlsxBook> book = io::ReadXlsx(*bytes);
  ASSERT_TRUE(book.ok()) << book.status().message();
  ASSERT_EQ(book->sheets.size(), 1u);  // the active sheet: the first
  EXPECT_EQ(book->sheets[0].name, "劳务协作");
  const Rows expected = {
      {"地区代码", "地区", "转移就业人数（人）", "其中：结对东部地区（人）", "协作资金（万元）",
       "资金拨付率（%）"},
      {"611022", "丹凤县", "549", "284", "9806", "98.5"},
      // Missing data is blank; a recorded 0 stays 0.
      {"611021", "洛南县", "", "0", "12.345678", ""},
      {"611000", "合计", "549", "284", "9818.345678", "99.12"},
  };
  EXPECT_EQ(book->sheets[0].rows, expected);
  Result<io::XlsxReadSheet> notes = io::ReadXlsxSheet(*bytes, "说明");
  ASSERT_TRUE(notes.ok()) << notes.status().message();
  EXPECT_EQ(notes->rows.at(0).at(0), "商洛市2021年东西部协作统计表");
}

TEST(StatisticalTablesTest, ARowThatDoesNotFitTheColumnsIsRefused) {
  StatisticalTables t = Labour();
  t.sheets[0].rows[1].values.pop_back();
  Result<std::string> bytes = StatisticalTablesXlsx(t);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().message(),
            "sheet 劳务协作: the row of 洛南县 has 3 figures for 4 columns");
}

}  // namespace
}  // namespace xiezuo::report
