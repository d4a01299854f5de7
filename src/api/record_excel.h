// Excel in and out for cooperation records: the template and export workbooks of a kind, and
// uploads (.xlsx, or .csv in UTF-8, UTF-8 with BOM or GBK) read into records with every bad
// cell reported by row, column and reason.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/record_labels.h"
#include "model/record.h"
#include "store/store.h"

namespace xiezuo::api {

inline constexpr size_t kMaxUploadBytes = size_t{30} << 20;

// A problem with one cell (or a whole row when `column` is empty) of an upload.
struct CellIssue {
  int row = 0;         // as the spreadsheet numbers it: the header is row 1
  std::string column;  // "C"; "" for the whole row or file
  std::string field;   // the field's key, "" when none
  std::string header;  // the column's header as written in the file
  std::string reason;  // in the request's language
};

struct UploadRow {
  int row = 0;  // spreadsheet row
  model::Record record;
};

struct ParsedUpload {
  std::string format;           // "xlsx" or "csv"
  std::string encoding;         // csv: "utf-8", "utf-8-bom" or "gbk"; xlsx: ""
  int rows = 0;                 // data rows read (blank rows and a totals row are skipped)
  std::vector<UploadRow> good;  // rows whose cells all parsed and validated
  std::vector<CellIssue> issues;
  std::vector<std::string> headers;  // the header row
  std::vector<int> field_column;     // per field of the kind: its 0-based column, or -1

  // The column letter and header of `field`, for issues found later (in the database).
  std::pair<std::string, std::string> ColumnOf(const model::RecordKind& kind,
                                               const std::string& field) const;
};

// Reads an upload. The file's kind comes from its name (.xlsx or .csv) and must match its
// bytes. Errors: kInvalidArgument for a file that cannot be read at all (wrong type, not what
// its name says, too large, no header row, a column that is not the kind's, a required column
// missing); problems in rows are issues, not errors.
Result<ParsedUpload> ParseUpload(const model::RecordKind& kind, std::string_view filename,
                                 std::string_view bytes, const RecordLabels& labels);

struct ImportRequest {
  std::string filename;  // its extension says .xlsx or .csv
  std::string_view bytes;
  bool valid_only = false;  // write the valid rows even when others are bad
  bool dry_run = false;     // check only
};

struct ImportOutcome {
  ParsedUpload upload;    // with every issue, from the file and from the database, by row
  size_t valid = 0;       // rows that passed every check
  size_t imported = 0;    // rows written
  bool rejected = false;  // some row was bad and nothing was written
};

// Reads an upload and checks every row — cells, model rules, then the database and
// `row_check` (e.g. the caller's scope) — and writes the rows in one transaction: all of them,
// or none when any is bad; or, with valid_only, the good ones. Errors: those of ParseUpload
// (a file that cannot be read at all), and the store's.
Result<ImportOutcome> ImportUpload(store::Store& store, const model::RecordKind& kind,
                                   const ImportRequest& request, const RecordLabels& labels,
                                   const store::Actor& actor, const store::RowCheck& row_check);

// The .xlsx template of a kind: the data sheet with headers, dropdowns, and instructions.
Result<std::string> TemplateWorkbook(const model::RecordKind& kind, const RecordLabels& labels);

// The .xlsx export of records (with a totals row); personal fields masked unless `reveal`.
Result<std::string> ExportWorkbook(const model::RecordKind& kind, const RecordLabels& labels,
                                   const std::vector<model::Record>& records, bool reveal);

}  // namespace xiezuo::api
