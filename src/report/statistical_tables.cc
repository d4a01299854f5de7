// Writing the statistical tables as .xlsx.
#include "report/statistical_tables.h"

#include <algorithm>

#include "io/xlsx_writer.h"

namespace xiezuo::report {
namespace {

constexpr double kFenPerWan = 1'000'000;  // 1万元 = 10,000 元 = 1,000,000 分

io::XlsxCellType CellType(model::IndicatorUnit unit) {
  switch (unit) {
    case model::IndicatorUnit::kYuan:
    case model::IndicatorUnit::kPercent:
      return io::XlsxCellType::kDecimal;
    default:
      return io::XlsxCellType::kInteger;
  }
}

io::XlsxCell Cell(std::optional<int64_t> value, model::IndicatorUnit unit) {
  if (!value) return std::monostate{};
  switch (unit) {
    case model::IndicatorUnit::kYuan:
      return static_cast<double>(*value) / kFenPerWan;
    case model::IndicatorUnit::kPercent:
      return static_cast<double>(*value) / 100.0;  // hundredths of a percent
    default:
      return *value;
  }
}

// A column wide enough for its header on one line (a Chinese character is two of Excel's
// characters wide), at most 30: longer headers wrap.
double ColumnWidth(const std::string& header) {
  double width = 2;
  for (size_t i = 0; i < header.size();) {
    const auto lead = static_cast<unsigned char>(header[i]);
    const size_t bytes = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    width += bytes >= 3 ? 2 : 1;
    i += bytes;
  }
  return std::min(width, 30.0);
}

Result<std::vector<io::XlsxCell>> RowCells(const StatSheet& sheet, const StatRow& row) {
  if (row.values.size() != sheet.columns.size()) {
    return InvalidArgument("sheet " + sheet.name + ": the row of " + row.name + " has " +
                           std::to_string(row.values.size()) + " figures for " +
                           std::to_string(sheet.columns.size()) + " columns");
  }
  std::vector<io::XlsxCell> cells = {row.code, row.name};
  for (size_t i = 0; i < row.values.size(); ++i) {
    cells.push_back(Cell(row.values[i], sheet.columns[i].unit));
  }
  return cells;
}

}  // namespace

std::string StatHeader(const StatColumn& column) {
  std::string unit =
      column.unit == model::IndicatorUnit::kYuan ? "万元" : model::IndicatorUnitLabel(column.unit);
  return column.header + "（" + unit + "）";
}

Result<std::string> StatisticalTablesXlsx(const StatisticalTables& tables) {
  std::vector<io::XlsxSheet> sheets;
  for (const StatSheet& s : tables.sheets) {
    io::XlsxSheet sheet{.name = s.name,
                        .columns = {{.header = "地区代码", .width = 14}, {.header = "地区"}}};
    for (const StatColumn& c : s.columns) {
      std::string header = StatHeader(c);
      sheet.columns.push_back(
          {.header = header, .type = CellType(c.unit), .width = ColumnWidth(header)});
    }
    for (const StatRow& row : s.rows) {
      ASSIGN_OR_RETURN(std::vector<io::XlsxCell> cells, RowCells(s, row));
      sheet.rows.push_back(std::move(cells));
    }
    StatRow total = s.total;
    total.name = "合计";
    ASSIGN_OR_RETURN(std::vector<io::XlsxCell> cells, RowCells(s, total));
    sheet.rows.push_back(std::move(cells));
    sheet.total_row = true;
    sheet.validation_rows = 0;
    sheet.print_one_page_wide = true;
    sheets.push_back(std::move(sheet));
  }
  io::XlsxText notes{
      .name = "说明",
      .lines = {tables.title, tables.source, "金额单位为万元，保留两位小数；比率单位为%。",
                "空白表示该地区没有填报数据，不是0。",
                "合计为本地区的汇总数：同一项目、企业等只计一次，不一定等于各行之和。"}};
  return io::WriteXlsx(sheets, {notes});
}

}  // namespace xiezuo::report
