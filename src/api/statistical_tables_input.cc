// Gathering the statistical tables from the analytics.
#include "api/statistical_tables_input.h"

#include "api/annual_report_input.h"
#include "api/record_labels.h"
#include "report/annual_report.h"

namespace xiezuo::api {
namespace {

std::optional<int64_t> ValueOf(const analytics::Cell& cell) {
  if (!cell.has_data) return std::nullopt;
  return cell.value;
}

// A row of figures: per indicator its total, then (where the sheet has them) its options.
report::StatRow RowOf(const analytics::Table& table, const analytics::TableRow& row,
                      const std::vector<bool>& with_parts) {
  report::StatRow out{row.code, row.name, {}};
  for (size_t k = 0; k < table.indicators.size(); ++k) {
    const std::vector<analytics::Cell>& cells = row.indicators[k].cells;
    out.values.push_back(ValueOf(cells.at(0)));
    if (!with_parts[k]) continue;
    const size_t options = model::BreakdownOptions(*table.indicators[k]).size();
    for (size_t o = 0; o < options; ++o) {
      out.values.push_back(o + 1 < cells.size() ? ValueOf(cells[o + 1]) : std::nullopt);
    }
  }
  return out;
}

}  // namespace

Result<report::StatisticalTables> GatherStatisticalTables(const AnalyticsService& service,
                                                          const std::string& region, int year,
                                                          const std::string& made_by) {
  ASSIGN_OR_RETURN(ReportSubject subject, CheckReportSubject(service, region, year));
  const analytics::Side side = subject.side;
  const RecordLabels& labels = RecordLabels::For("zh-CN");
  report::StatisticalTables out;
  const std::string& name = subject.name;
  out.region_code = region;
  out.region_name = name;
  out.year = year;
  out.title = name + std::to_string(year) + "年东西部协作统计表";
  out.source = "由xiezuo根据" + name + "及下级地区的填报数据生成" +
               (made_by.empty() ? "" : "（导出人：" + made_by + "）");
  for (const report::ReportAreaDef& area : report::ReportAreas()) {
    analytics::TableRequest request{
        area.indicators, region, 1, analytics::YearRange(year), side, true};
    ASSIGN_OR_RETURN(analytics::Table table, service.analytics().Query(request));
    report::StatSheet sheet{.name = area.name};
    std::vector<bool> with_parts;
    for (const model::Indicator* indicator : table.indicators) {
      sheet.columns.push_back({indicator->name_zh, indicator->unit});
      const std::vector<std::string>& options = model::BreakdownOptions(*indicator);
      with_parts.push_back(options.size() > 1 && indicator->unit != model::IndicatorUnit::kPercent);
      if (!with_parts.back()) continue;
      for (const std::string& option : options) {
        sheet.columns.push_back(
            {"其中：" + labels.Option(indicator->breakdown, option), indicator->unit});
      }
    }
    for (const analytics::TableRow& row : table.rows) {
      sheet.rows.push_back(RowOf(table, row, with_parts));
    }
    sheet.total = RowOf(table, table.total, with_parts);
    out.sheets.push_back(std::move(sheet));
  }
  return out;
}

}  // namespace xiezuo::api
