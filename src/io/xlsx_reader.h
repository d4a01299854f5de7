// Reads the cells of an uploaded .xlsx workbook as text, with libzip (from memory) and the
// streaming expat parser, within limits that keep a hostile file from exhausting memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace xiezuo::io {

// The spreadsheet column name of a 0-based column: 0 -> "A", 25 -> "Z", 26 -> "AA".
// REQUIRES: zero_based_col >= 0.
std::string ColumnLetters(int zero_based_col);

// What ReadXlsx refuses to unpack.
struct XlsxReadLimits {
  // The total size of the workbook's parts when unpacked, declared and actually read.
  int64_t max_uncompressed_bytes = 200 << 20;
  // Cells of the sheet read, counting the empty ones that pad the rows to the same width.
  int64_t max_cells = 20'000'000;
};

// One sheet's cells as text. Dense: every row has the same number of cells, the width of the
// widest row; missing cells are ""; trailing empty rows are dropped.
struct XlsxReadSheet {
  std::string name;
  std::vector<std::vector<std::string>> rows;
};

// The sheets read from a workbook.
struct XlsxBook {
  std::vector<XlsxReadSheet> sheets;
  // The workbook counts dates from 1904-01-01 (old Mac Excel) rather than 1900-01-01.
  bool date_1904 = false;
};

// Reads the first visible worksheet of `bytes` (the usual case for imports), so `sheets`
// holds one sheet. Cell text: shared and inline strings (rich-text runs joined, phonetic
// runs left out), formula results, booleans as "TRUE"/"FALSE", errors as Excel shows them
// ("#N/A"), numbers as stored ("44270" for a date, "1234.56", "1.5E-3") except that a number
// stored with more digits than a double holds (16 or 17 significant, as libxlsxwriter and
// some programs write "9999.969999999999") is given as the shortest text for the same
// double ("9999.97"), which is what Excel shows.
// Errors (kInvalidArgument, with a message for the person who uploaded the file): not a zip
// or an old .xls / encrypted workbook, no xl/workbook.xml or a missing part, malformed XML
// (naming the part and line), more than `limits` allow, a cell reference past column XFD or
// row 1,048,576, a shared string index out of range, no worksheet.
Result<XlsxBook> ReadXlsx(std::string_view bytes, const XlsxReadLimits& limits = {});

// Reads the worksheet named `sheet_name` (compared exactly). Errors: as ReadXlsx, and
// kInvalidArgument naming the sheets there are when none has that name.
Result<XlsxReadSheet> ReadXlsxSheet(std::string_view bytes, std::string_view sheet_name,
                                    const XlsxReadLimits& limits = {});

// The ISO date "YYYY-MM-DD" of an Excel date serial such as "44270" (2021-03-15); a fraction
// (the time of day) is dropped. nullopt for text that is not a number, or a serial outside
// 1900-01-01 .. 9999-12-31 (and for 60, Excel's nonexistent 1900-02-29).
std::optional<std::string> ExcelSerialToIsoDate(std::string_view serial, bool date_1904 = false);

}  // namespace xiezuo::io
