// Writes .xlsx workbooks for exports and import templates (bold headers, dropdown lists,
// header notes, money and date formats, a bold totals row) through libxlsxwriter.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/status.h"

namespace xiezuo::io {

// How a column's cells are formatted. The value a cell holds decides how it is written; the
// column type decides its number format (and that of cells the user types in later).
enum class XlsxCellType {
  kText,     // format "@", so that typed ID numbers stay text
  kInteger,  // format "0"
  kMoney,    // a number in 元 with format "#,##0.00"
  kDate,     // "YYYY-MM-DD" strings become Excel dates with format yyyy-mm-dd
  kDecimal,  // a number with format "#,##0.00" (万元 in a statistical table, a percentage)
};

// One column of a sheet: its header and how its cells look.
struct XlsxColumn {
  std::string header;
  XlsxCellType type = XlsxCellType::kText;
  double width = 16;                  // in characters, as Excel counts them
  bool required = false;              // the header is shown in red
  std::vector<std::string> dropdown;  // list validation on data rows 2..
  std::string comment;                // a note on the header cell
};

// A cell: empty, text, an integer, or a number (money in 元 in a kMoney column).
// Integers beyond 15 digits, which Excel would round, are written as text.
using XlsxCell = std::variant<std::monostate, std::string, int64_t, double>;

// A money cell for `fen`: its value in 元 as a number. Exact to the fen for amounts below
// 10^13 元; libxlsxwriter stores up to 16 significant digits ("9999.969999999999" for
// 9999.97), and ReadXlsx gives such numbers back as "9999.97".
inline XlsxCell FenCell(int64_t fen) { return static_cast<double>(fen) / 100.0; }

// A worksheet: a header row from `columns`, then `rows`. A row may be shorter than the
// columns; cells past the last column are formatted as text.
struct XlsxSheet {
  std::string name;  // at most 31 characters, none of []:*?/\ ; empty gives "SheetN"
  std::vector<XlsxColumn> columns;
  std::vector<std::vector<XlsxCell>> rows;
  bool freeze_header = true;
  bool total_row = false;  // the last row is a totals row, in bold
  // Printed on A4 landscape, scaled to one page wide, the header row on every page: for a
  // table to read on paper rather than to fill in.
  bool print_one_page_wide = false;
  // Dropdowns cover data rows 2..(1 + max(validation_rows, rows.size())).
  int validation_rows = 1000;
};

// An instructions sheet: one line per row, column A wide and wrapped, the first line bold.
struct XlsxText {
  std::string name;
  std::vector<std::string> lines;
};

// Writes `sheets` in order, then `notes`, and returns the file's bytes. The first sheet is
// the active one, which is the one ReadXlsx reads back. Empty dropdown options are dropped.
// A dropdown list longer than 255 bytes with its commas (Excel allows 255 characters inline;
// libxlsxwriter 1.1.4 overflows a buffer on more bytes), or with a comma or quote in an
// option, is kept in a hidden last sheet named "_lists" that the validation refers to.
// Errors: kInvalidArgument for no sheets, a bad or repeated sheet name, more rows or columns
// than Excel allows, a number that is not finite or text longer than 32,767 characters
// (naming the sheet and cell); kInternal for a libxlsxwriter or temporary-file failure.
// Thread-safe: calls share nothing.
Result<std::string> WriteXlsx(const std::vector<XlsxSheet>& sheets,
                              const std::vector<XlsxText>& notes = {});

}  // namespace xiezuo::io
