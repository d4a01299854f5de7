// Templates, exports and uploads of cooperation records as spreadsheets.
#include "api/record_excel.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "core/text.h"
#include "io/csv.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"

namespace xiezuo::api {
namespace {

using model::FieldDef;
using model::FieldType;
using model::FieldValue;
using model::RecordKind;

// Columns of a template or an export: every field a user fills in, in order.
std::vector<const FieldDef*> UserFields(const RecordKind& kind) {
  std::vector<const FieldDef*> out;
  for (const FieldDef& f : kind.fields) {
    if (!f.derived) out.push_back(&f);
  }
  return out;
}

std::string Header(const RecordKind& kind, const FieldDef& f, const RecordLabels& labels) {
  std::string h = labels.Field(kind, f.key);
  if (f.type == FieldType::kMoney) h += "(" + labels.Excel("money_unit") + ")";
  return h;
}

// Strips spaces, a required mark and a trailing "(unit)" so that headers match loosely.
std::string NormalHeader(std::string_view h) {
  std::string s;
  for (char c : h) {
    if (c != ' ' && c != '*' && c != '\t') s += c;
  }
  for (std::string_view open : {"(", "（"}) {
    size_t pos = s.rfind(open);
    if (pos != std::string::npos && pos > 0 && (s.ends_with(")") || s.ends_with("）"))) {
      return s.substr(0, pos);
    }
  }
  return s;
}

io::XlsxColumn Column(const RecordKind& kind, const FieldDef& f, const RecordLabels& labels) {
  io::XlsxColumn c;
  c.header = Header(kind, f, labels);
  c.required = f.required;
  c.width = std::max(12.0, static_cast<double>(Utf8Length(c.header)) * 2 + 2);
  switch (f.type) {
    case FieldType::kMoney:
      c.type = io::XlsxCellType::kMoney;
      break;
    case FieldType::kInt:
    case FieldType::kYear:
    case FieldType::kInstitution:
    case FieldType::kRef:
      c.type = io::XlsxCellType::kInteger;
      break;
    case FieldType::kDate:
      c.type = io::XlsxCellType::kDate;
      c.comment = labels.Excel("date_hint");
      break;
    case FieldType::kTextArea:
      c.width = 40;
      break;
    default:
      break;
  }
  if (f.type == FieldType::kEnum) {
    for (const auto& v : model::EnumOptions(f.options))
      c.dropdown.push_back(labels.Option(f.options, v));
  }
  if (f.type == FieldType::kBool)
    c.dropdown = {labels.lang() == "en" ? "yes" : "是", labels.lang() == "en" ? "no" : "否"};
  return c;
}

io::XlsxCell Cell(const FieldDef& f, const FieldValue& v, const RecordLabels& labels, bool reveal) {
  if (std::holds_alternative<std::monostate>(v)) return std::monostate{};
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (f.type == FieldType::kEnum) return labels.Option(f.options, *s);
    if (f.personal && !reveal) return MaskPersonal(*s);
    return *s;
  }
  int64_t n = std::get<int64_t>(v);
  switch (f.type) {
    case FieldType::kMoney:
      return io::FenCell(n);
    case FieldType::kBool:
      return std::string(n != 0 ? (labels.lang() == "en" ? "yes" : "是")
                                : (labels.lang() == "en" ? "no" : "否"));
    case FieldType::kPercent:
      return model::FieldText(f, v);
    default:
      return n;
  }
}

io::XlsxText Instructions(const RecordKind& kind, const RecordLabels& labels) {
  io::XlsxText notes;
  notes.name = labels.Excel("instructions");
  notes.lines.push_back(labels.Kind(kind.key) + " — " + labels.Excel("instructions"));
  for (const char* key : {"line1", "line2", "line3", "line4", "line5"}) {
    notes.lines.push_back(labels.Excel(key));
  }
  notes.lines.emplace_back("");
  for (const FieldDef* f : UserFields(kind)) {
    std::string line = Header(kind, *f, labels);
    if (f->required) line += " *";
    if (f->type == FieldType::kEnum) {
      line += ": ";
      bool first = true;
      for (const auto& v : model::EnumOptions(f->options)) {
        line += (first ? "" : " / ") + labels.Option(f->options, v);
        first = false;
      }
    }
    notes.lines.push_back(line);
  }
  return notes;
}

// Turns a spreadsheet's cell text for a region code into the code: Excel may have stored it as
// a number ("611022100001", "6.11022100001E+11", "611022.0").
std::string RegionCell(std::string_view text) {
  if (text.find_first_of("Ee.") == std::string_view::npos) return std::string(text);
  double d = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc() || end != text.data() + text.size() || d < 0 || d > 1e13 ||
      d != std::floor(d)) {
    return std::string(text);
  }
  return std::to_string(static_cast<int64_t>(d));
}

bool IsBlank(const std::vector<std::string>& row) {
  return std::all_of(row.begin(), row.end(), [](const std::string& c) {
    return c.find_first_not_of(" \t\r\n") == std::string::npos;
  });
}

Result<std::vector<std::vector<std::string>>> ReadTable(std::string_view filename,
                                                        std::string_view bytes, ParsedUpload& out,
                                                        bool& date_1904) {
  std::string name(filename);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  bool zip = bytes.starts_with(std::string_view("PK\x03\x04", 4));
  if (bytes.size() > kMaxUploadBytes) {
    return InvalidArgument(
        "the file is larger than " + std::to_string(kMaxUploadBytes >> 20) + " MB",
        {{"file", "too large"}});
  }
  if (name.ends_with(".xlsx")) {
    if (!zip) {
      return InvalidArgument("the file is named .xlsx but is not an Excel workbook",
                             {{"file", "not an .xlsx workbook"}});
    }
    out.format = "xlsx";
    ASSIGN_OR_RETURN(io::XlsxBook book, io::ReadXlsx(bytes));
    if (book.sheets.empty())
      return InvalidArgument("the workbook has no sheet", {{"file", "empty"}});
    date_1904 = book.date_1904;
    return std::move(book.sheets[0].rows);
  }
  if (name.ends_with(".csv")) {
    if (zip || bytes.find('\0') != std::string_view::npos) {
      return InvalidArgument("the file is named .csv but is not a text file",
                             {{"file", "not a CSV text file"}});
    }
    out.format = "csv";
    ASSIGN_OR_RETURN(DecodedText text, DecodeToUtf8(bytes));
    out.encoding = std::string(EncodingName(text.encoding));
    std::vector<std::vector<std::string>> rows;
    io::CsvReader reader(text.utf8);
    std::vector<std::string> fields;
    while (true) {
      ASSIGN_OR_RETURN(bool more, reader.Next(fields));
      if (!more) break;
      rows.push_back(fields);
    }
    return rows;
  }
  if (name.ends_with(".xls")) {
    return InvalidArgument("old .xls workbooks cannot be read; save the file as .xlsx or .csv",
                           {{"file", "unsupported type .xls"}});
  }
  return InvalidArgument("upload an .xlsx workbook or a .csv file", {{"file", "unsupported type"}});
}

}  // namespace

std::pair<std::string, std::string> ParsedUpload::ColumnOf(const RecordKind& kind,
                                                           const std::string& field) const {
  int i = kind.FieldIndex(field);
  if (i < 0 || field_column.at(static_cast<size_t>(i)) < 0) return {"", ""};
  int col = field_column[static_cast<size_t>(i)];
  return {io::ColumnLetters(col), headers.at(static_cast<size_t>(col))};
}

Result<ParsedUpload> ParseUpload(const RecordKind& kind, std::string_view filename,
                                 std::string_view bytes, const RecordLabels& labels) {
  ParsedUpload out;
  bool date_1904 = false;
  ASSIGN_OR_RETURN(auto rows, ReadTable(filename, bytes, out, date_1904));
  size_t header_row = 0;
  while (header_row < rows.size() && IsBlank(rows[header_row])) ++header_row;
  if (header_row == rows.size()) {
    return InvalidArgument("the file has no header row", {{"file", "empty"}});
  }
  out.headers = rows[header_row];

  // Which column holds which field: by its label in either language (with or without the
  // unit), or its key; failing that, by the label with any "(…)" suffix removed.
  std::map<std::string, int> exact;
  std::map<std::string, int> loose;
  for (const FieldDef* f : UserFields(kind)) {
    int i = kind.FieldIndex(f->key);
    for (const RecordLabels* l : {&RecordLabels::For("zh-CN"), &RecordLabels::For("en")}) {
      exact.emplace(Header(kind, *f, *l), i);
      exact.emplace(l->Field(kind, f->key), i);
      loose.emplace(NormalHeader(l->Field(kind, f->key)), i);
    }
    exact.emplace(f->key, i);
  }
  out.field_column.assign(kind.fields.size(), -1);
  std::vector<FieldError> header_errors;
  for (size_t c = 0; c < out.headers.size(); ++c) {
    std::string h = NormalHeader(out.headers[c]);
    if (h.empty() || h == "ID" || h == "id" || h == "编号") continue;
    std::string trimmed = out.headers[c];
    std::erase_if(trimmed, [](char ch) { return ch == ' ' || ch == '\t' || ch == '*'; });
    int field = -1;
    if (auto e = exact.find(trimmed); e != exact.end()) {
      field = e->second;
    } else if (auto l = loose.find(h); l != loose.end()) {
      field = l->second;
    }
    if (field < 0) {
      header_errors.push_back(
          {"row 1, column " + io::ColumnLetters(static_cast<int>(c)),
           "\"" + out.headers[c] + "\": " + labels.Issue(kind, {"", "unknown_column", ""})});
      continue;
    }
    out.field_column[static_cast<size_t>(field)] = static_cast<int>(c);
  }
  for (const FieldDef* f : UserFields(kind)) {
    if (f->required && out.field_column[static_cast<size_t>(kind.FieldIndex(f->key))] < 0 &&
        !f->fallback && f->fallback_text.empty()) {
      header_errors.push_back({f->key, "\"" + Header(kind, *f, labels) + "\": " +
                                           labels.Issue(kind, {"", "missing_column", ""})});
    }
  }
  if (!header_errors.empty()) {
    return InvalidArgument("the header row does not match the template of " + kind.key,
                           header_errors);
  }

  std::string total_zh = RecordLabels::For("zh-CN").Excel("total");
  std::string total_en = RecordLabels::For("en").Excel("total");
  auto enum_labels = [](const FieldDef& f, std::string_view text) {
    return RecordLabels::OptionByLabel(f.options, text);
  };
  for (size_t r = header_row + 1; r < rows.size(); ++r) {
    const auto& cells = rows[r];
    if (IsBlank(cells)) continue;
    if (!cells.empty() && (cells[0] == total_zh || cells[0] == total_en)) continue;
    ++out.rows;
    int sheet_row = static_cast<int>(r) + 1;
    model::Record record(kind);
    std::vector<model::FieldIssue> issues;
    for (size_t i = 0; i < kind.fields.size(); ++i) {
      int col = out.field_column[i];
      if (col < 0 || static_cast<size_t>(col) >= cells.size()) continue;
      const FieldDef& f = kind.fields[i];
      std::string text = cells[static_cast<size_t>(col)];
      if (f.type == FieldType::kRegion) text = RegionCell(text);
      if (f.type == FieldType::kDate && date_1904) {
        if (auto d = io::ExcelSerialToIsoDate(text, true)) text = *d;
      }
      if (f.type == FieldType::kBool) {
        if (text == "yes" || text == "Yes") text = "1";
        if (text == "no" || text == "No") text = "0";
      }
      auto parsed = model::ParseFieldText(f, text, enum_labels);
      if (std::holds_alternative<model::FieldIssue>(parsed)) {
        issues.push_back(std::get<model::FieldIssue>(parsed));
      } else {
        record.values()[i] = std::get<FieldValue>(parsed);
      }
    }
    // Validate what parsed too, leaving out the fields whose text could not be read.
    model::ApplyDefaults(kind, record);
    for (const model::FieldIssue& issue : model::ValidateRecord(kind, record)) {
      bool seen = std::any_of(issues.begin(), issues.end(), [&](const model::FieldIssue& i) {
        return i.field == issue.field || i.field == issue.arg;
      });
      if (!seen) issues.push_back(issue);
    }
    std::stable_sort(issues.begin(), issues.end(), [&](const auto& a, const auto& b) {
      return kind.FieldIndex(a.field) < kind.FieldIndex(b.field);
    });
    for (const auto& issue : issues) {
      auto [letter, header] = out.ColumnOf(kind, issue.field);
      out.issues.push_back({sheet_row, letter, issue.field, header, labels.Issue(kind, issue)});
    }
    if (issues.empty()) out.good.push_back({sheet_row, std::move(record)});
  }
  return out;
}

Result<ImportOutcome> ImportUpload(store::Store& store, const RecordKind& kind,
                                   const ImportRequest& request, const RecordLabels& labels,
                                   const store::Actor& actor, const store::RowCheck& row_check) {
  ImportOutcome out;
  ASSIGN_OR_RETURN(out.upload, ParseUpload(kind, request.filename, request.bytes, labels));
  ParsedUpload& upload = out.upload;
  std::vector<model::Record> records;
  records.reserve(upload.good.size());
  for (UploadRow& row : upload.good) records.push_back(std::move(row.record));
  store::InsertOptions options{.row_check = row_check,
                               .skip_bad_rows = request.valid_only,
                               .batch_source = request.filename};
  std::vector<store::RowIssue> db_issues;
  if (request.dry_run || (!request.valid_only && !upload.issues.empty())) {
    ASSIGN_OR_RETURN(db_issues, store.CheckRecords(kind, records, row_check));
    out.rejected = !request.dry_run;
  } else if (!records.empty()) {
    auto ids = store.InsertRecords(kind, records, actor, options, &db_issues);
    if (!ids.ok() && db_issues.empty()) return ids.status();
    out.rejected = !ids.ok();
    if (ids.ok()) out.imported = records.size() - db_issues.size();
  }
  for (const store::RowIssue& i : db_issues) {
    auto [letter, header] = upload.ColumnOf(kind, i.issue.field);
    model::FieldIssue shown = i.issue;
    if (shown.rule == "duplicate") shown.arg.clear();
    upload.issues.push_back(
        {upload.good[i.index].row, letter, i.issue.field, header, labels.Issue(kind, shown)});
  }
  std::stable_sort(upload.issues.begin(), upload.issues.end(),
                   [](const CellIssue& a, const CellIssue& b) { return a.row < b.row; });
  out.valid = records.size() - db_issues.size();
  return out;
}

Result<std::string> TemplateWorkbook(const RecordKind& kind, const RecordLabels& labels) {
  io::XlsxSheet sheet;
  sheet.name = labels.Excel("sheet");
  for (const FieldDef* f : UserFields(kind)) sheet.columns.push_back(Column(kind, *f, labels));
  return io::WriteXlsx({sheet}, {Instructions(kind, labels)});
}

Result<std::string> ExportWorkbook(const RecordKind& kind, const RecordLabels& labels,
                                   const std::vector<model::Record>& records, bool reveal) {
  io::XlsxSheet sheet;
  sheet.name = labels.Excel("sheet");
  sheet.validation_rows = 0;
  std::vector<const FieldDef*> fields = UserFields(kind);
  for (const FieldDef* f : fields) sheet.columns.push_back(Column(kind, *f, labels));
  io::XlsxColumn id_column;
  id_column.header = "ID";
  id_column.type = io::XlsxCellType::kInteger;
  id_column.width = 10;
  sheet.columns.push_back(id_column);
  std::vector<int64_t> totals(fields.size(), 0);
  bool any_total = false;
  for (const model::Record& r : records) {
    std::vector<io::XlsxCell> row;
    for (size_t i = 0; i < fields.size(); ++i) {
      const FieldValue& v = r.Get(kind, fields[i]->key);
      row.push_back(Cell(*fields[i], v, labels, reveal));
      if (fields[i]->total) {
        any_total = true;
        if (const auto* n = std::get_if<int64_t>(&v)) totals[i] += *n;
      }
    }
    row.emplace_back(r.id);
    sheet.rows.push_back(std::move(row));
  }
  if (any_total && !records.empty()) {
    std::vector<io::XlsxCell> row(fields.size() + 1);
    row[0] = labels.Excel("total");
    for (size_t i = 1; i < fields.size(); ++i) {
      if (!fields[i]->total) continue;
      row[i] =
          fields[i]->type == FieldType::kMoney ? io::FenCell(totals[i]) : io::XlsxCell(totals[i]);
    }
    sheet.rows.push_back(std::move(row));
  }
  return io::WriteXlsx({sheet}, {Instructions(kind, labels)});
}

}  // namespace xiezuo::api
