// The statistical tables (统计报表) an office sends upward: a sheet per area of the work, a row
// per child region with its figures, the region's own totals last, as .xlsx. Composing the
// workbook is a pure function of the gathered figures; the API gathers them from the
// analytics (api/statistical_tables_input.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/indicator.h"

namespace xiezuo::report {

// A column of figures: an indicator's total, or one option of its breakdown.
struct StatColumn {
  std::string header;  // 转移就业人数, 其中：结对东部地区
  model::IndicatorUnit unit = model::IndicatorUnit::kCount;
};

// A region's figures, one per column; nullopt where there is no data (left blank, never 0).
struct StatRow {
  std::string code;
  std::string name;
  std::vector<std::optional<int64_t>> values;
};

struct StatSheet {
  std::string name;  // the area: 劳务协作
  std::vector<StatColumn> columns;
  std::vector<StatRow> rows;  // the child regions
  StatRow total;              // the region itself: distinct things counted once
};

struct StatisticalTables {
  std::string region_code;
  std::string region_name;
  int year = 0;
  std::string title;   // 丹凤县2021年东西部协作统计表
  std::string source;  // who made it and when, for the notes sheet
  std::vector<StatSheet> sheets;
};

// A column's header with its unit as the tables write it: "协作资金（万元）", "资金拨付率（%）",
// "转移就业人数（人）".
std::string StatHeader(const StatColumn& column);

// The workbook: per area a sheet with 地区代码, 地区 and the figure columns (money in 万元 with
// two decimals, percentages with two, counts as integers), then a bold 合计 row; a last sheet
// 说明 with the title and how to read the figures.
// Errors: kInvalidArgument when a row's values do not match the columns; the writer's.
Result<std::string> StatisticalTablesXlsx(const StatisticalTables& tables);

}  // namespace xiezuo::report
