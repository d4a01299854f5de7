// Reading .xlsx: libzip opens the archive from memory; expat streams each XML part, so only
// the shared strings and the cells themselves are held in memory.
#include "io/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <system_error>

namespace xiezuo::io {
namespace {

constexpr int kMaxRows = 1'048'576;
constexpr int kMaxColumns = 16'384;
constexpr size_t kChunk = size_t{64} << 10;
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
constexpr std::string_view kWorkbookRelsPart = "xl/_rels/workbook.xml.rels";

// "200 MB" for a whole number of megabytes, otherwise "1000 bytes".
std::string SizeText(int64_t bytes) {
  constexpr int64_t kMegabyte = int64_t{1} << 20;
  if (bytes >= kMegabyte && bytes % kMegabyte == 0)
    return std::to_string(bytes / kMegabyte) + " MB";
  return std::to_string(bytes) + " bytes";
}

Status Damaged(const std::string& why) {
  return InvalidArgument("the workbook is damaged: " + why);
}

Status TooLarge(const XlsxReadLimits& limits) {
  return InvalidArgument("the workbook is larger than " + SizeText(limits.max_uncompressed_bytes) +
                         " when unpacked");
}

Status TooManyCells(const XlsxReadLimits& limits) {
  return InvalidArgument("the sheet has more than " + std::to_string(limits.max_cells) + " cells");
}

Status TooWide() { return InvalidArgument("the sheet is wider than Excel's 16,384 columns (XFD)"); }

// The local part of an expat name "namespace-uri|local" (or "local" with no namespace).
std::string_view LocalName(const XML_Char* name) {
  std::string_view s(name);
  size_t bar = s.rfind('|');
  return bar == std::string_view::npos ? s : s.substr(bar + 1);
}

// The value of the attribute whose local name is `local`; `namespaced` requires that it has
// a namespace (r:id), otherwise it must have none.
const char* Attr(const XML_Char** attrs, std::string_view local, bool namespaced = false) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    std::string_view name(attrs[i]);
    bool has_namespace = name.find('|') != std::string_view::npos;
    if (has_namespace == namespaced && LocalName(attrs[i]) == local) return attrs[i + 1];
  }
  return nullptr;
}

// Parses a decimal integer in [1, max]; 0 when `s` is not one.
int64_t ParsePositive(std::string_view s, int64_t max) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v < 1 || v > max) return 0;
  return v;
}

// Receives the events of one XML part. A handler that finds an error sets `status`, and the
// parse stops.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view name, const XML_Char** attrs) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view /*text*/) {}
  Status status;
};

// The open archive and the running count of bytes unpacked from it. Not thread-safe.
class XlsxArchive {
 public:
  // Errors: kInvalidArgument when `bytes` is not a zip archive, or declares more than
  // `limits` allow.
  static Result<std::unique_ptr<XlsxArchive>> Open(std::string_view bytes,
                                                   const XlsxReadLimits& limits) {
    if (bytes.empty()) return InvalidArgument("the file is empty, not an .xlsx workbook");
    if (bytes.starts_with(kOleMagic)) {
      return InvalidArgument(
          "the file is an old .xls workbook or a password-protected one; save it in Excel as "
          ".xlsx without a password and upload it again");
    }
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
      std::string why = zip_error_strerror(&error);
      zip_error_fini(&error);
      return Internal("libzip cannot read from memory: " + why);
    }
    zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (zip == nullptr) {
      zip_source_free(source);
      return InvalidArgument("the file is not an .xlsx workbook");
    }
    std::unique_ptr<XlsxArchive> archive(new XlsxArchive(zip, limits));
    zip_int64_t entries = zip_get_num_entries(zip, 0);
    int64_t declared = 0;
    for (zip_int64_t i = 0; i < entries; ++i) {
      zip_stat_t stat;
      if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &stat) != 0 ||
          (stat.valid & ZIP_STAT_SIZE) == 0) {
        continue;
      }
      if (stat.size > static_cast<zip_uint64_t>(limits.max_uncompressed_bytes - declared)) {
        return TooLarge(limits);
      }
      declared += static_cast<int64_t>(stat.size);
    }
    return archive;
  }

  ~XlsxArchive() { zip_discard(zip_); }
  XlsxArchive(const XlsxArchive&) = delete;
  XlsxArchive& operator=(const XlsxArchive&) = delete;

  bool Has(const std::string& part) const {
    return zip_name_locate(zip_, part.c_str(), ZIP_FL_NOCASE) >= 0;
  }

  // Streams `part` through `handler`. Errors: kInvalidArgument for a missing part, malformed
  // XML, bytes over the limit, or whatever the handler reports.
  Status Parse(const std::string& part, XmlHandler& handler) {
    zip_int64_t index = zip_name_locate(zip_, part.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return Damaged(part + " is missing");
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(
        zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0), zip_fclose);
    if (file == nullptr) {
      return Damaged("cannot unpack " + part + ": " + zip_strerror(zip_));
    }
    std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreateNS(nullptr, '|'),
                                                                   XML_ParserFree);
    if (parser == nullptr) return Internal("expat cannot create a parser");
    XML_Parser p = parser.get();
    Context context{&handler, p};
    XML_SetUserData(p, &context);
    XML_SetElementHandler(p, &Context::OnStart, &Context::OnEnd);
    XML_SetCharacterDataHandler(p, &Context::OnText);
    XML_SetStartDoctypeDeclHandler(p, &Context::OnDoctype);

    auto buffer = std::make_unique<char[]>(kChunk);
    while (true) {
      zip_int64_t n = zip_fread(file.get(), buffer.get(), kChunk);
      if (n < 0) {
        return Damaged("cannot unpack " + part + ": " + zip_file_strerror(file.get()));
      }
      unpacked_ += n;
      if (unpacked_ > limits_.max_uncompressed_bytes) return TooLarge(limits_);
      if (XML_Parse(p, buffer.get(), static_cast<int>(n), n == 0 ? XML_TRUE : XML_FALSE) !=
          XML_STATUS_OK) {
        if (!handler.status.ok()) return handler.status;
        return Damaged(part + " line " + std::to_string(XML_GetCurrentLineNumber(p)) + ": " +
                       XML_ErrorString(XML_GetErrorCode(p)));
      }
      if (!handler.status.ok()) return handler.status;
      if (n == 0) return Status::Ok();
    }
  }

 private:
  XlsxArchive(zip_t* zip, const XlsxReadLimits& limits) : zip_(zip), limits_(limits) {}

  // Passes expat's C callbacks to the handler.
  struct Context {
    XmlHandler* handler;
    XML_Parser parser;

    static void OnStart(void* data, const XML_Char* name, const XML_Char** attrs) {
      auto* c = static_cast<Context*>(data);
      c->handler->Start(LocalName(name), attrs);
      c->StopOnError();
    }
    static void OnEnd(void* data, const XML_Char* name) {
      auto* c = static_cast<Context*>(data);
      c->handler->End(LocalName(name));
      c->StopOnError();
    }
    static void OnText(void* data, const XML_Char* text, int len) {
      auto* c = static_cast<Context*>(data);
      c->handler->Text(std::string_view(text, static_cast<size_t>(len)));
    }
    static void OnDoctype(void* data, const XML_Char* /*name*/, const XML_Char* /*sysid*/,
                          const XML_Char* /*pubid*/, int /*has_internal_subset*/) {
      auto* c = static_cast<Context*>(data);
      c->handler->status = Damaged("it contains a document type declaration");
      c->StopOnError();
    }
    void StopOnError() const {
      if (!handler->status.ok()) XML_StopParser(parser, XML_FALSE);
    }
  };

  zip_t* zip_;
  XlsxReadLimits limits_;
  int64_t unpacked_ = 0;
};

// A sheet listed in xl/workbook.xml.
struct WorkbookSheet {
  std::string name;
  std::string relationship_id;
  bool hidden = false;
};

class WorkbookHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "sheet") {
      const char* sheet_name = Attr(attrs, "name");
      const char* id = Attr(attrs, "id", /*namespaced=*/true);
      const char* state = Attr(attrs, "state");
      if (sheet_name == nullptr || id == nullptr) {
        status = Damaged("a sheet in " + std::string(kWorkbookPart) + " has no name or id");
        return;
      }
      sheets.push_back(
          WorkbookSheet{sheet_name, id, state != nullptr && std::string_view(state) != "visible"});
    } else if (name == "workbookPr") {
      const char* date_1904 = Attr(attrs, "date1904");
      if (date_1904 != nullptr) {
        std::string_view v(date_1904);
        date_1904_ = v == "1" || v == "true";
      }
    }
  }
  void End(std::string_view /*name*/) override {}

  std::vector<WorkbookSheet> sheets;
  bool date_1904() const { return date_1904_; }

 private:
  bool date_1904_ = false;
};

// One relationship from a .rels part.
struct Relationship {
  std::string type;
  std::string target;
};

class RelsHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name != "Relationship") return;
    const char* id = Attr(attrs, "Id");
    const char* type = Attr(attrs, "Type");
    const char* target = Attr(attrs, "Target");
    if (id == nullptr || target == nullptr) return;
    relationships[id] = Relationship{type == nullptr ? "" : type, target};
  }
  void End(std::string_view /*name*/) override {}

  std::map<std::string, Relationship> relationships;
};

// Collects <t> text inside a string item (<si> or <is>), leaving out phonetic runs (<rPh>).
class StringItem {
 public:
  void Start(std::string_view name) {
    if (name == "rPh") ++phonetic_depth_;
    if (name == "t" && phonetic_depth_ == 0) in_text_ = true;
  }
  void End(std::string_view name) {
    if (name == "rPh" && phonetic_depth_ > 0) --phonetic_depth_;
    if (name == "t") in_text_ = false;
  }
  bool collecting() const { return in_text_; }
  void Reset() {
    phonetic_depth_ = 0;
    in_text_ = false;
  }

 private:
  int phonetic_depth_ = 0;
  bool in_text_ = false;
};

class SharedStringsHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const XML_Char** /*attrs*/) override {
    if (name == "si") {
      in_item_ = true;
      current_.clear();
      item_.Reset();
    } else if (in_item_) {
      item_.Start(name);
    }
  }
  void End(std::string_view name) override {
    if (name == "si") {
      in_item_ = false;
      strings.push_back(std::move(current_));
      current_.clear();
    } else if (in_item_) {
      item_.End(name);
    }
  }
  void Text(std::string_view text) override {
    if (in_item_ && item_.collecting()) current_.append(text);
  }

  std::vector<std::string> strings;

 private:
  bool in_item_ = false;
  StringItem item_;
  std::string current_;
};

// Gives a number stored with 16 or more significant digits as the shortest text that reads
// back as the same double; leaves every other number as stored.
std::string NormalizeNumber(std::string value) {
  if (value.find_first_of("eE") != std::string::npos) return value;
  int significant = 0;
  bool leading = true;
  for (char c : value) {
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++significant;
  }
  if (significant < 16) return value;
  double d = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, d);
  if (ec != std::errc() || ptr != end) return value;
  char buf[400];
  auto result = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::fixed);
  if (result.ec != std::errc()) return value;
  std::string shortest(buf, result.ptr);
  return shortest.size() < value.size() ? shortest : value;
}

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const std::vector<std::string>& shared, const XlsxReadLimits& limits)
      : shared_(shared), limits_(limits) {}

  void Start(std::string_view name, const XML_Char** attrs) override {
    if (in_cell_) {
      if (name == "v") {
        in_value_ = true;
      } else if (name == "is") {
        in_inline_ = true;
        item_.Reset();
      } else if (in_inline_) {
        item_.Start(name);
      }
      return;
    }
    if (name == "sheetData") {
      in_sheet_data_ = true;
    } else if (in_sheet_data_ && name == "row") {
      StartRow(Attr(attrs, "r"));
    } else if (in_sheet_data_ && name == "c") {
      StartCell(Attr(attrs, "r"), Attr(attrs, "t"));
    }
  }

  void End(std::string_view name) override {
    if (in_cell_) {
      if (name == "c") {
        EndCell();
      } else if (name == "v") {
        in_value_ = false;
      } else if (name == "is") {
        in_inline_ = false;
      } else if (in_inline_) {
        item_.End(name);
      }
      return;
    }
    if (name == "sheetData") in_sheet_data_ = false;
  }

  void Text(std::string_view text) override {
    if (in_value_ || (in_inline_ && item_.collecting())) value_.append(text);
  }

  // Drops trailing empty rows and pads the rest to the same width.
  Result<std::vector<std::vector<std::string>>> TakeRows() {
    while (!rows_.empty() && rows_.back().empty()) rows_.pop_back();
    size_t width = 0;
    for (const auto& row : rows_) width = std::max(width, row.size());
    if (static_cast<int64_t>(rows_.size()) * static_cast<int64_t>(width) > limits_.max_cells) {
      return TooManyCells(limits_);
    }
    for (auto& row : rows_) row.resize(width);
    return std::move(rows_);
  }

 private:
  void StartRow(const char* r) {
    if (r == nullptr) {
      row_ += 1;
    } else {
      int64_t n = ParsePositive(r, kMaxRows);
      if (n == 0) {
        status = Damaged("a row number \"" + std::string(r) + "\" is not between 1 and 1,048,576");
        return;
      }
      row_ = static_cast<int>(n - 1);
    }
    if (row_ >= kMaxRows) status = Damaged("more than 1,048,576 rows");
    next_col_ = 0;
  }

  void StartCell(const char* r, const char* t) {
    in_cell_ = true;
    in_value_ = false;
    in_inline_ = false;
    value_.clear();
    type_ = t == nullptr ? "" : t;
    cell_row_ = row_;
    cell_col_ = next_col_;
    if (r != nullptr) {
      std::string_view ref(r);
      size_t letters = 0;
      int64_t col = 0;
      while (letters < ref.size() && ref[letters] >= 'A' && ref[letters] <= 'Z') {
        col = col * 26 + (ref[letters] - 'A' + 1);
        if (col > kMaxColumns) {
          status = TooWide();
          return;
        }
        ++letters;
      }
      if (letters == 0) {
        status = Damaged("a cell reference \"" + std::string(ref) + "\" is not valid");
        return;
      }
      cell_col_ = static_cast<int>(col - 1);
      if (letters < ref.size()) {
        int64_t n = ParsePositive(ref.substr(letters), kMaxRows);
        if (n == 0) {
          status = Damaged("a cell reference \"" + std::string(ref) + "\" is not valid");
          return;
        }
        cell_row_ = static_cast<int>(n - 1);
      }
    }
    if (cell_col_ >= kMaxColumns) {
      status = TooWide();
    } else if (cell_row_ < 0) {
      status = Damaged("a cell is outside any row");
    }
  }

  void EndCell() {
    in_cell_ = false;
    next_col_ = cell_col_ + 1;
    if (value_.empty()) return;  // a styled empty cell
    std::string text;
    if (type_ == "s") {
      size_t index = 0;
      const char* end = value_.data() + value_.size();
      auto [ptr, ec] = std::from_chars(value_.data(), end, index);
      if (ec != std::errc() || ptr != end || index >= shared_.size()) {
        status = Damaged("cell " + ColumnLetters(cell_col_) + std::to_string(cell_row_ + 1) +
                         " refers to a shared string that does not exist");
        return;
      }
      text = shared_[index];
    } else if (type_ == "b") {
      text = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
    } else if (type_.empty() || type_ == "n") {
      text = NormalizeNumber(std::move(value_));
    } else {  // inlineStr, str (a formula's text), e (an error such as #N/A), d (ISO date)
      text = std::move(value_);
    }
    value_.clear();
    if (text.empty()) return;
    if (rows_.size() <= static_cast<size_t>(cell_row_)) rows_.resize(cell_row_ + 1);
    std::vector<std::string>& row = rows_[cell_row_];
    if (row.size() <= static_cast<size_t>(cell_col_)) {
      allocated_ += cell_col_ + 1 - static_cast<int64_t>(row.size());
      if (allocated_ > limits_.max_cells) {
        status = TooManyCells(limits_);
        return;
      }
      row.resize(cell_col_ + 1);
    }
    row[cell_col_] = std::move(text);
  }

  const std::vector<std::string>& shared_;
  XlsxReadLimits limits_;
  std::vector<std::vector<std::string>> rows_;
  int64_t allocated_ = 0;  // cells held in `rows_`, empty ones included
  bool in_sheet_data_ = false;
  int row_ = -1;
  int next_col_ = 0;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_inline_ = false;
  StringItem item_;
  std::string type_;
  std::string value_;
  int cell_row_ = 0;
  int cell_col_ = 0;
};

// Resolves a relationship target against xl/: "worksheets/sheet1.xml" ->
// "xl/worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml".
std::string ResolveTarget(std::string_view target) {
  std::string path =
      target.starts_with('/') ? std::string(target.substr(1)) : "xl/" + std::string(target);
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string part = path.substr(start, slash - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(std::move(part));
    }
    start = slash + 1;
  }
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

// Reads the worksheet named `sheet_name`, or the first visible one when it is empty.
Result<XlsxBook> Read(std::string_view bytes, std::string_view sheet_name,
                      const XlsxReadLimits& limits) {
  ASSIGN_OR_RETURN(std::unique_ptr<XlsxArchive> archive, XlsxArchive::Open(bytes, limits));
  if (!archive->Has(std::string(kWorkbookPart))) {
    return InvalidArgument("the file is a zip archive but not an .xlsx workbook (it has no " +
                           std::string(kWorkbookPart) + ")");
  }
  WorkbookHandler workbook;
  RETURN_IF_ERROR(archive->Parse(std::string(kWorkbookPart), workbook));
  RelsHandler rels;
  RETURN_IF_ERROR(archive->Parse(std::string(kWorkbookRelsPart), rels));

  // The worksheets, in workbook order (chart sheets are left out).
  std::vector<std::pair<const WorkbookSheet*, std::string>> worksheets;
  for (const WorkbookSheet& sheet : workbook.sheets) {
    auto it = rels.relationships.find(sheet.relationship_id);
    if (it == rels.relationships.end()) {
      return Damaged("sheet \"" + sheet.name + "\" has no part in " +
                     std::string(kWorkbookRelsPart));
    }
    if (!it->second.type.ends_with("/worksheet")) continue;
    worksheets.emplace_back(&sheet, ResolveTarget(it->second.target));
  }
  if (worksheets.empty()) return InvalidArgument("the workbook has no worksheets");
  const std::pair<const WorkbookSheet*, std::string>* chosen = nullptr;
  if (sheet_name.empty()) {
    for (const auto& ws : worksheets) {
      if (!ws.first->hidden) {
        chosen = &ws;
        break;
      }
    }
    if (chosen == nullptr) chosen = &worksheets.front();
  } else {
    std::string names;
    for (const auto& ws : worksheets) {
      if (ws.first->name == sheet_name) chosen = &ws;
      names += (names.empty() ? "\"" : ", \"") + ws.first->name + "\"";
    }
    if (chosen == nullptr) {
      return InvalidArgument("the workbook has no sheet named \"" + std::string(sheet_name) +
                             "\"; its sheets are " + names);
    }
  }

  SharedStringsHandler shared;
  std::string shared_part = "xl/sharedStrings.xml";
  for (const auto& [id, rel] : rels.relationships) {
    if (rel.type.ends_with("/sharedStrings")) shared_part = ResolveTarget(rel.target);
  }
  if (archive->Has(shared_part)) RETURN_IF_ERROR(archive->Parse(shared_part, shared));

  SheetHandler sheet(shared.strings, limits);
  RETURN_IF_ERROR(archive->Parse(chosen->second, sheet));
  XlsxBook book;
  book.date_1904 = workbook.date_1904();
  XlsxReadSheet& out = book.sheets.emplace_back();
  out.name = chosen->first->name;
  ASSIGN_OR_RETURN(out.rows, sheet.TakeRows());
  return book;
}

}  // namespace

std::string ColumnLetters(int zero_based_col) {
  std::string out;
  for (int n = zero_based_col + 1; n > 0; n = (n - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return out;
}

Result<XlsxBook> ReadXlsx(std::string_view bytes, const XlsxReadLimits& limits) {
  return Read(bytes, "", limits);
}

Result<XlsxReadSheet> ReadXlsxSheet(std::string_view bytes, std::string_view sheet_name,
                                    const XlsxReadLimits& limits) {
  if (sheet_name.empty()) return InvalidArgument("a sheet name is empty");
  ASSIGN_OR_RETURN(XlsxBook book, Read(bytes, sheet_name, limits));
  return std::move(book.sheets.front());
}

std::optional<std::string> ExcelSerialToIsoDate(std::string_view serial, bool date_1904) {
  double value = 0;
  const char* end = serial.data() + serial.size();
  auto [ptr, ec] = std::from_chars(serial.data(), end, value);
  if (ec != std::errc() || ptr != end || !(value >= 0 && value < 3'000'000)) return std::nullopt;
  auto day_count = static_cast<int>(value);  // the fraction is the time of day
  namespace chrono = std::chrono;
  chrono::sys_days date;
  if (date_1904) {
    date = chrono::sys_days(chrono::year(1904) / 1 / 1) + chrono::days(day_count);
  } else {
    // Day 1 is 1900-01-01; Excel counts the nonexistent 1900-02-29 as day 60.
    if (day_count < 1 || day_count == 60) return std::nullopt;
    unsigned base_day = day_count < 60 ? 31 : 30;
    date = chrono::sys_days(chrono::year(1899) / 12 / base_day) + chrono::days(day_count);
  }
  chrono::year_month_day ymd(date);
  int year = static_cast<int>(ymd.year());
  if (year > 9999) return std::nullopt;
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", year, static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return std::string(buf);
}

}  // namespace xiezuo::io
