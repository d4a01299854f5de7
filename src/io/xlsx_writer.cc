// Writing .xlsx through libxlsxwriter. libxlsxwriter 1.1.4 (Debian 12) cannot write to
// memory, so the workbook goes to a private temporary file that is read back and removed.
#include "io/xlsx_writer.h"

#include <unistd.h>  // close, unlink
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>  // mkstemp, free
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "io/csv.h"
#include "io/xlsx_reader.h"

namespace xiezuo::io {
namespace {

constexpr int kMaxRows = 1'048'576;
constexpr int kMaxColumns = 16'384;
constexpr size_t kMaxInlineList = 255;  // bytes of an inline list, separators included
constexpr double kLargestExactInteger = 999'999'999'999'999;  // Excel keeps 15 digits
constexpr lxw_color_t kHeaderFill = 0xDDEBF7;
constexpr lxw_color_t kRequiredRed = 0xC00000;
constexpr std::string_view kListSheetName = "_lists";

// A file made by mkstemp and removed when this goes out of scope.
class TempFile {
 public:
  static Result<std::unique_ptr<TempFile>> Create() {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    std::string path = (dir / "xiezuo-xlsx-XXXXXX").string();
    int fd = mkstemp(path.data());
    if (fd < 0) {
      return Internal("cannot create a temporary file in " + dir.string() + ": " +
                      std::strerror(errno));
    }
    close(fd);
    return std::unique_ptr<TempFile>(new TempFile(std::move(path)));
  }
  ~TempFile() { unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// Closes a workbook abandoned after an error. lxw_workbook_free would leave the temporary
// files of constant-memory mode open; workbook_close closes them, writes a file that is then
// removed, and frees the workbook.
struct WorkbookCloser {
  void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookCloser>;

std::string CellName(const std::string& sheet, int row, int col) {
  return "sheet \"" + sheet + "\" cell " + ColumnLetters(col) + std::to_string(row + 1);
}

Status Check(lxw_error error, const std::string& where) {
  if (error == LXW_NO_ERROR) return Status::Ok();
  std::string message = where + ": " + lxw_strerror(error);
  switch (error) {
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_255_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
    case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
    case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
    case LXW_ERROR_SHEETNAME_ALREADY_USED:
      return InvalidArgument(message);
    default:
      return Internal("cannot write the xlsx file, " + message);
  }
}

// Parses "YYYY-MM-DD" into a date Excel can hold (1900-01-01 .. 9999-12-31).
std::optional<lxw_datetime> ParseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto number = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int year = number(0, 4);
  int month = number(5, 2);
  int day = number(8, 2);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return std::nullopt;
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int days_in_month = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day > days_in_month) return std::nullopt;
  return lxw_datetime{.year = year, .month = month, .day = day, .hour = 0, .min = 0, .sec = 0};
}

// A dropdown whose options live in a column of the hidden list sheet.
struct HiddenList {
  std::vector<std::string> options;
  int column;
};

// The options of a dropdown, without empty ones.
std::vector<std::string> DropdownOptions(const std::vector<std::string>& options) {
  std::vector<std::string> out;
  for (const std::string& option : options) {
    if (!option.empty()) out.push_back(option);
  }
  return out;
}

// Whether a dropdown's options cannot be an inline list. Excel allows 255 characters with
// the commas; libxlsxwriter 1.1.4 counts characters but copies into a 255-byte buffer
// (overflowing it with Chinese text), so the limit here is 255 bytes. Options with a comma
// or a quote cannot be written inline at all.
bool NeedsHiddenList(const std::vector<std::string>& options) {
  size_t bytes = 0;
  for (const std::string& option : options) {
    if (option.find_first_of(",\"") != std::string::npos) return true;
    bytes += option.size() + 1;
  }
  return bytes - 1 > kMaxInlineList;
}

// The workbook's formats; libxlsxwriter owns them.
struct Formats {
  // A column type's format, and the same in bold for a totals row.
  struct Cells {
    lxw_format* text;
    lxw_format* integer;
    lxw_format* money;
    lxw_format* date;
    lxw_format* decimal;
    lxw_format* general;  // no number format: nullptr, or bold
  };
  lxw_format* header;
  lxw_format* header_required;
  Cells plain;
  Cells bold;
  lxw_format* note_title;
  lxw_format* note_line;

  lxw_format* ForColumn(XlsxCellType type, bool in_bold = false) const {
    const Cells& cells = in_bold ? bold : plain;
    switch (type) {
      case XlsxCellType::kText:
        return cells.text;
      case XlsxCellType::kInteger:
        return cells.integer;
      case XlsxCellType::kMoney:
        return cells.money;
      case XlsxCellType::kDate:
        return cells.date;
      case XlsxCellType::kDecimal:
        return cells.decimal;
    }
    return cells.text;
  }
};

Formats MakeFormats(lxw_workbook* wb) {
  auto header = [wb](lxw_color_t color) {
    lxw_format* f = workbook_add_format(wb);
    format_set_bold(f);
    format_set_pattern(f, LXW_PATTERN_SOLID);
    format_set_bg_color(f, kHeaderFill);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f);
    if (color != 0) format_set_font_color(f, color);
    return f;
  };
  auto cells = [wb](bool bold) {
    auto numbered = [wb, bold](const char* num_format) {
      lxw_format* f = workbook_add_format(wb);
      format_set_num_format(f, num_format);
      if (bold) format_set_bold(f);
      return f;
    };
    return Formats::Cells{.text = numbered("@"),
                          .integer = numbered("0"),
                          .money = numbered("#,##0.00"),
                          .date = numbered("yyyy-mm-dd"),
                          .decimal = numbered("#,##0.00"),
                          .general = nullptr};
  };
  Formats formats{};
  formats.header = header(0);
  formats.header_required = header(kRequiredRed);
  formats.plain = cells(false);
  formats.bold = cells(true);
  formats.bold.general = workbook_add_format(wb);
  format_set_bold(formats.bold.general);
  formats.note_title = workbook_add_format(wb);
  format_set_bold(formats.note_title);
  formats.note_line = workbook_add_format(wb);
  format_set_text_wrap(formats.note_line);
  return formats;
}

Result<lxw_worksheet*> AddWorksheet(lxw_workbook* wb, const std::string& name) {
  if (!name.empty()) {
    RETURN_IF_ERROR(
        Check(workbook_validate_sheet_name(wb, name.c_str()), "sheet name \"" + name + "\""));
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.empty() ? nullptr : name.c_str());
  if (ws == nullptr) return Internal("cannot add the worksheet \"" + name + "\"");
  return ws;
}

Status WriteCell(lxw_worksheet* ws, const Formats& formats, const std::string& sheet, int row,
                 int col, XlsxCellType type, bool bold, const XlsxCell& cell) {
  auto r = static_cast<lxw_row_t>(row);
  auto c = static_cast<lxw_col_t>(col);
  const Formats::Cells& cells = bold ? formats.bold : formats.plain;
  lxw_format* column_format = formats.ForColumn(type, bold);
  lxw_error error = LXW_NO_ERROR;
  if (const auto* text = std::get_if<std::string>(&cell)) {
    if (text->empty()) return Status::Ok();
    std::optional<lxw_datetime> date;
    if (type == XlsxCellType::kDate) date = ParseIsoDate(*text);
    if (date) {
      error = worksheet_write_datetime(ws, r, c, &*date, cells.date);
    } else {
      lxw_format* format = type == XlsxCellType::kDate ? cells.text : column_format;
      error = worksheet_write_string(ws, r, c, text->c_str(), format);
    }
  } else if (const auto* integer = std::get_if<int64_t>(&cell)) {
    auto value = static_cast<double>(*integer);
    if (std::fabs(value) > kLargestExactInteger) {
      error = worksheet_write_string(ws, r, c, std::to_string(*integer).c_str(), cells.text);
    } else {
      lxw_format* format = type == XlsxCellType::kText ? cells.integer : column_format;
      error = worksheet_write_number(ws, r, c, value, format);
    }
  } else if (const auto* number = std::get_if<double>(&cell)) {
    if (!std::isfinite(*number)) {
      return InvalidArgument(CellName(sheet, row, col) + " is not a finite number");
    }
    lxw_format* format = type == XlsxCellType::kText ? cells.general : column_format;
    error = worksheet_write_number(ws, r, c, *number, format);
  }
  return Check(error, CellName(sheet, row, col));
}

Status AddDropdown(lxw_worksheet* ws, const XlsxSheet& sheet, int col,
                   const std::vector<std::string>& options, const HiddenList* hidden) {
  int last_row =
      std::min<int64_t>(std::max<int64_t>(sheet.validation_rows, sheet.rows.size()), kMaxRows - 1);
  if (last_row < 1 || options.empty()) return Status::Ok();
  // A list kept on the hidden sheet is added as an inline list with a placeholder whose
  // formula is then replaced by the range: libxlsxwriter 1.1.4 leaks the formula of a
  // LIST_FORMULA validation (it copies it twice), while it writes a list's formula as it finds
  // it and frees it with the worksheet. value_list takes char*, not const char*.
  std::vector<std::string> copies = options;
  if (hidden != nullptr) copies = {"-"};
  std::vector<char*> list;
  list.reserve(copies.size() + 1);
  for (std::string& option : copies) list.push_back(option.data());
  list.push_back(nullptr);
  lxw_data_validation validation{};
  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = list.data();
  auto c = static_cast<lxw_col_t>(col);
  RETURN_IF_ERROR(Check(
      worksheet_data_validation_range(ws, 1, c, static_cast<lxw_row_t>(last_row), c, &validation),
      "the dropdown of sheet \"" + sheet.name + "\" column " + ColumnLetters(col)));
  if (hidden == nullptr) return Status::Ok();

  lxw_data_val_obj* added = STAILQ_FIRST(ws->data_validations);
  while (added != nullptr && STAILQ_NEXT(added, list_pointers) != nullptr) {
    added = STAILQ_NEXT(added, list_pointers);
  }
  std::string letters = ColumnLetters(hidden->column);
  std::string range(1, '\'');  // built by appends: g++ 12 warns falsely on "'" + std::string
  range.append(kListSheetName).append("'!$").append(letters).append("$1:$").append(letters);
  range.append("$").append(std::to_string(hidden->options.size()));
  char* formula = strdup(range.c_str());  // freed by libxlsxwriter
  if (added == nullptr || formula == nullptr) {
    free(formula);  // NOLINT(cppcoreguidelines-no-malloc)
    return Internal("cannot add the dropdown of sheet \"" + sheet.name + "\"");
  }
  free(added->value_formula);  // NOLINT(cppcoreguidelines-no-malloc)
  added->value_formula = formula;
  return Status::Ok();
}

Status WriteSheet(lxw_workbook* wb, const Formats& formats, const XlsxSheet& sheet,
                  const std::vector<std::optional<HiddenList>>& hidden_lists) {
  if (sheet.columns.size() > kMaxColumns) {
    return InvalidArgument("sheet \"" + sheet.name + "\" has more than 16,384 columns");
  }
  if (sheet.rows.size() >= kMaxRows) {
    return InvalidArgument("sheet \"" + sheet.name + "\" has more than 1,048,575 data rows");
  }
  ASSIGN_OR_RETURN(lxw_worksheet * ws, AddWorksheet(wb, sheet.name));
  for (size_t j = 0; j < sheet.columns.size(); ++j) {
    const XlsxColumn& column = sheet.columns[j];
    auto c = static_cast<lxw_col_t>(j);
    RETURN_IF_ERROR(
        Check(worksheet_set_column(ws, c, c, column.width, formats.ForColumn(column.type)),
              "sheet \"" + sheet.name + "\""));
    lxw_format* header = column.required ? formats.header_required : formats.header;
    RETURN_IF_ERROR(Check(worksheet_write_string(ws, 0, c, column.header.c_str(), header),
                          CellName(sheet.name, 0, static_cast<int>(j))));
    if (!column.comment.empty()) {
      RETURN_IF_ERROR(Check(worksheet_write_comment(ws, 0, c, column.comment.c_str()),
                            "the note on " + CellName(sheet.name, 0, static_cast<int>(j))));
    }
    std::vector<std::string> options = DropdownOptions(column.dropdown);
    if (!options.empty()) {
      const HiddenList* hidden = hidden_lists[j] ? &*hidden_lists[j] : nullptr;
      RETURN_IF_ERROR(AddDropdown(ws, sheet, static_cast<int>(j), options, hidden));
    }
  }
  if (sheet.freeze_header) worksheet_freeze_panes(ws, 1, 0);
  if (sheet.print_one_page_wide) {
    constexpr uint8_t kA4 = 9;
    worksheet_set_paper(ws, kA4);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);  // 0: as many pages down as it takes
    RETURN_IF_ERROR(Check(worksheet_repeat_rows(ws, 0, 0), "sheet \"" + sheet.name + "\""));
  }
  for (size_t i = 0; i < sheet.rows.size(); ++i) {
    const std::vector<XlsxCell>& row = sheet.rows[i];
    if (row.size() > kMaxColumns) {
      return InvalidArgument("sheet \"" + sheet.name + "\" row " + std::to_string(i + 2) +
                             " has more than 16,384 cells");
    }
    for (size_t j = 0; j < row.size(); ++j) {
      XlsxCellType type = j < sheet.columns.size() ? sheet.columns[j].type : XlsxCellType::kText;
      const bool bold = sheet.total_row && i + 1 == sheet.rows.size();
      RETURN_IF_ERROR(WriteCell(ws, formats, sheet.name, static_cast<int>(i + 1),
                                static_cast<int>(j), type, bold, row[j]));
    }
  }
  return Status::Ok();
}

Status WriteNotes(lxw_workbook* wb, const Formats& formats, const XlsxText& notes) {
  if (notes.lines.size() > kMaxRows) {
    return InvalidArgument("sheet \"" + notes.name + "\" has more than 1,048,576 lines");
  }
  ASSIGN_OR_RETURN(lxw_worksheet * ws, AddWorksheet(wb, notes.name));
  RETURN_IF_ERROR(Check(worksheet_set_column(ws, 0, 0, 100, formats.note_line),
                        "sheet \"" + notes.name + "\""));
  for (size_t i = 0; i < notes.lines.size(); ++i) {
    if (notes.lines[i].empty()) continue;
    lxw_format* format = i == 0 ? formats.note_title : formats.note_line;
    RETURN_IF_ERROR(Check(
        worksheet_write_string(ws, static_cast<lxw_row_t>(i), 0, notes.lines[i].c_str(), format),
        CellName(notes.name, static_cast<int>(i), 0)));
  }
  return Status::Ok();
}

// Writes the hidden sheet that holds long dropdown lists, one list per column, row by row
// (constant-memory mode writes rows in order).
Status WriteListSheet(lxw_workbook* wb, const Formats& formats, const std::string& name,
                      const std::vector<HiddenList>& lists) {
  ASSIGN_OR_RETURN(lxw_worksheet * ws, AddWorksheet(wb, name));
  size_t rows = 0;
  for (const HiddenList& list : lists) rows = std::max(rows, list.options.size());
  if (rows > kMaxRows) return InvalidArgument("a dropdown list has more than 1,048,576 options");
  for (size_t i = 0; i < rows; ++i) {
    for (const HiddenList& list : lists) {
      if (i >= list.options.size()) continue;
      RETURN_IF_ERROR(Check(
          worksheet_write_string(ws, static_cast<lxw_row_t>(i), static_cast<lxw_col_t>(list.column),
                                 list.options[i].c_str(), formats.plain.text),
          CellName(name, static_cast<int>(i), list.column)));
    }
  }
  worksheet_hide(ws);
  return Status::Ok();
}

}  // namespace

Result<std::string> WriteXlsx(const std::vector<XlsxSheet>& sheets,
                              const std::vector<XlsxText>& notes) {
  if (sheets.empty() && notes.empty()) {
    return InvalidArgument("a workbook needs at least one sheet");
  }
  // Decide which dropdowns go to the hidden list sheet before writing anything.
  std::vector<std::vector<std::optional<HiddenList>>> hidden(sheets.size());
  std::vector<HiddenList> all_hidden;
  for (size_t s = 0; s < sheets.size(); ++s) {
    hidden[s].resize(sheets[s].columns.size());
    for (size_t j = 0; j < sheets[s].columns.size(); ++j) {
      std::vector<std::string> options = DropdownOptions(sheets[s].columns[j].dropdown);
      if (options.empty() || !NeedsHiddenList(options)) continue;
      if (all_hidden.size() >= kMaxColumns) {
        return InvalidArgument("the workbook has more than 16,384 long dropdown lists");
      }
      HiddenList list{std::move(options), static_cast<int>(all_hidden.size())};
      hidden[s][j] = list;
      all_hidden.push_back(std::move(list));
    }
  }
  ASSIGN_OR_RETURN(std::unique_ptr<TempFile> file, TempFile::Create());
  // Constant-memory mode streams each sheet's rows to a temporary file instead of holding
  // every cell in memory; it writes strings inline rather than in a shared table.
  lxw_workbook_options options{.constant_memory = LXW_TRUE, .tmpdir = nullptr, .use_zip64 = 0};
  WorkbookPtr wb(workbook_new_opt(file->path().c_str(), &options));
  if (wb == nullptr) return Internal("libxlsxwriter cannot create a workbook");
  Formats formats = MakeFormats(wb.get());
  for (size_t s = 0; s < sheets.size(); ++s) {
    RETURN_IF_ERROR(WriteSheet(wb.get(), formats, sheets[s], hidden[s]));
  }
  for (const XlsxText& note : notes) RETURN_IF_ERROR(WriteNotes(wb.get(), formats, note));
  if (!all_hidden.empty()) {
    RETURN_IF_ERROR(WriteListSheet(wb.get(), formats, std::string(kListSheetName), all_hidden));
  }
  // workbook_close writes the file and frees the workbook whatever it returns.
  RETURN_IF_ERROR(Check(workbook_close(wb.release()), file->path()));
  Result<std::string> bytes = ReadFile(file->path());
  if (!bytes.ok()) return Internal("cannot read back the xlsx file: " + bytes.status().message());
  return bytes;
}

}  // namespace xiezuo::io
