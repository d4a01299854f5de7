#include <gtest/gtest.h>
#include <zip.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/money.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"

namespace xiezuo::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using Parts = std::vector<std::pair<std::string, std::string>>;

// Builds a zip archive in memory from (name, content) pairs.
std::string MakeZip(const Parts& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  EXPECT_NE(source, nullptr);
  zip_source_keep(source);
  zip_t* zip = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  EXPECT_NE(zip, nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* part = zip_source_buffer(zip, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(zip, name.c_str(), part, ZIP_FL_ENC_UTF_8), 0) << name;
  }
  EXPECT_EQ(zip_close(zip), 0);
  EXPECT_EQ(zip_source_open(source), 0);
  EXPECT_EQ(zip_source_seek(source, 0, SEEK_END), 0);
  zip_int64_t size = zip_source_tell(source);
  EXPECT_EQ(zip_source_seek(source, 0, SEEK_SET), 0);
  std::string bytes(static_cast<size_t>(size), '\0');
  EXPECT_EQ(zip_source_read(source, bytes.data(), bytes.size()), size);
  zip_source_close(source);
  zip_source_free(source);
  zip_error_fini(&error);
  return bytes;
}

// The content of one part of a zip archive held in memory, or "" when there is none.
std::string ZipPart(const std::string& bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (zip == nullptr) {
    zip_source_free(source);
    return "";
  }
  std::string out;
  zip_file_t* file = zip_fopen(zip, name.c_str(), 0);
  if (file != nullptr) {
    char buf[4096];
    zip_int64_t n = 0;
    while ((n = zip_fread(file, buf, sizeof(buf))) > 0) out.append(buf, static_cast<size_t>(n));
    zip_fclose(file);
  }
  zip_discard(zip);
  return out;
}

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";

// A workbook.xml listing (name, relationship id, state) sheets.
std::string WorkbookXml(const std::vector<std::vector<std::string>>& sheets,
                        const std::string& extra = "") {
  std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
      R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)" +
      extra + "<sheets>";
  int n = 1;
  for (const auto& s : sheets) {
    xml += "<sheet name=\"" + s[0] + "\" sheetId=\"" + std::to_string(n++) + "\" r:id=\"" + s[1] +
           "\"" + (s.size() > 2 ? " state=\"" + s[2] + "\"" : "") + "/>";
  }
  return xml + "</sheets></workbook>";
}

// A .rels part from (id, type suffix, target) triples.
std::string RelsXml(const std::vector<std::vector<std::string>>& rels) {
  std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  for (const auto& r : rels) {
    xml += "<Relationship Id=\"" + r[0] +
           "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + r[1] +
           "\" Target=\"" + r[2] + "\"/>";
  }
  return xml + "</Relationships>";
}

std::string SheetXml(const std::string& sheet_data) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData>)" +
         sheet_data + "</sheetData></worksheet>";
}

// A minimal workbook with one sheet whose <sheetData> is `sheet_data`.
std::string OneSheetWorkbook(const std::string& sheet_data, const std::string& shared = "") {
  Parts parts = {
      {"[Content_Types].xml", std::string(kContentTypes)},
      {"xl/workbook.xml", WorkbookXml({{"Sheet1", "rId1"}})},
      {"xl/_rels/workbook.xml.rels", RelsXml({{"rId1", "worksheet", "worksheets/sheet1.xml"},
                                              {"rId2", "sharedStrings", "sharedStrings.xml"}})},
      {"xl/worksheets/sheet1.xml", SheetXml(sheet_data)},
  };
  if (!shared.empty()) parts.emplace_back("xl/sharedStrings.xml", shared);
  return MakeZip(parts);
}

void ExpectError(const Result<XlsxBook>& r, std::string_view text) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(text), std::string::npos) << r.status().message();
}

XlsxBook ReadOk(const std::string& bytes, const XlsxReadLimits& limits = {}) {
  Result<XlsxBook> r = ReadXlsx(bytes, limits);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return {};
  EXPECT_EQ(r->sheets.size(), 1u);
  return std::move(r).value();
}

std::string WriteOk(const std::vector<XlsxSheet>& sheets, const std::vector<XlsxText>& notes = {}) {
  Result<std::string> r = WriteXlsx(sheets, notes);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : "";
}

XlsxSheet InstitutionSheet() {
  XlsxSheet sheet;
  sheet.name = "机构";
  sheet.columns = {
      {.header = "机构名称", .width = 30, .required = true, .comment = "填写全称"},
      {.header = "人数", .type = XlsxCellType::kInteger},
      {.header = "金额（元）", .type = XlsxCellType::kMoney},
      {.header = "成立日期", .type = XlsxCellType::kDate},
      {.header = "类型", .dropdown = {"医院", "学校", "企业"}},
      {.header = "证件号码"},
  };
  sheet.rows = {
      {std::string("丹凤县人民医院"), int64_t{42}, FenCell(123456), std::string("2021-03-15"),
       std::string("医院"), std::string("61102219900101123X")},
      {std::string("商洛市第一中学"), std::monostate{}, std::monostate{}, std::string("不详"),
       std::string(), int64_t{611022199001011234}},
      {},
      {std::monostate{}, int64_t{-7}, 0.5, int64_t{44270}, std::string("企业"),
       std::string("line1\nline2 & <tag> \"q\"")},
  };
  return sheet;
}

TEST(XlsxTest, ColumnLetters) {
  EXPECT_EQ(ColumnLetters(0), "A");
  EXPECT_EQ(ColumnLetters(25), "Z");
  EXPECT_EQ(ColumnLetters(26), "AA");
  EXPECT_EQ(ColumnLetters(51), "AZ");
  EXPECT_EQ(ColumnLetters(52), "BA");
  EXPECT_EQ(ColumnLetters(701), "ZZ");
  EXPECT_EQ(ColumnLetters(702), "AAA");
  EXPECT_EQ(ColumnLetters(16383), "XFD");
}

TEST(XlsxTest, WritesAndReadsBack) {
  std::string bytes = WriteOk({InstitutionSheet()});
  ASSERT_FALSE(bytes.empty());
  XlsxBook book = ReadOk(bytes);
  ASSERT_EQ(book.sheets.size(), 1u);
  EXPECT_FALSE(book.date_1904);
  const XlsxReadSheet& sheet = book.sheets[0];
  EXPECT_EQ(sheet.name, "机构");
  Rows expected = {
      {"机构名称", "人数", "金额（元）", "成立日期", "类型", "证件号码"},
      {"丹凤县人民医院", "42", "1234.56", "44270", "医院", "61102219900101123X"},
      // A 18-digit integer is written as text rather than rounded by Excel.
      {"商洛市第一中学", "", "", "不详", "", "611022199001011234"},
      {"", "", "", "", "", ""},
      {"", "-7", "0.5", "44270", "企业", "line1\nline2 & <tag> \"q\""},
  };
  EXPECT_EQ(sheet.rows, expected);
  EXPECT_EQ(ExcelSerialToIsoDate(sheet.rows[1][3]), "2021-03-15");
}

TEST(XlsxTest, WritesStylesValidationNotesAndFrozenHeader) {
  std::string bytes = WriteOk({InstitutionSheet()});
  std::string sheet_xml = ZipPart(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet_xml.find(R"(<pane ySplit="1")"), std::string::npos) << sheet_xml;
  EXPECT_NE(sheet_xml.find(R"(<dataValidation type="list")"), std::string::npos);
  EXPECT_NE(sheet_xml.find(R"(sqref="E2:E1001")"), std::string::npos);
  EXPECT_NE(sheet_xml.find("<formula1>\"医院,学校,企业\"</formula1>"), std::string::npos);
  std::string styles = ZipPart(bytes, "xl/styles.xml");
  EXPECT_NE(styles.find(R"(<color rgb="FFC00000"/>)"), std::string::npos);  // required header
  EXPECT_NE(styles.find(R"(formatCode="#,##0.00")"), std::string::npos);
  EXPECT_NE(styles.find(R"(formatCode="yyyy-mm-dd")"), std::string::npos);
  EXPECT_NE(styles.find(R"(<patternFill patternType="solid">)"), std::string::npos);
  EXPECT_NE(ZipPart(bytes, "xl/comments1.xml").find("填写全称"), std::string::npos);
}

TEST(XlsxTest, TotalsRowIsBoldAndDecimalsKeepTheirDigits) {
  XlsxSheet sheet{.name = "劳务协作",
                  .columns = {{.header = "地区"},
                              {.header = "人数", .type = XlsxCellType::kInteger},
                              {.header = "资金（万元）", .type = XlsxCellType::kDecimal}}};
  sheet.rows = {{std::string("丹凤县"), int64_t{284}, 9806.5},
                {std::string("合计"), int64_t{284}, 9806.5}};
  sheet.total_row = true;
  sheet.print_one_page_wide = true;
  std::string bytes = WriteOk({sheet});
  XlsxBook book = ReadOk(bytes);
  EXPECT_EQ(book.sheets[0].rows[2], (std::vector<std::string>{"合计", "284", "9806.5"}));
  // The totals row's cells use formats of their own (bold); the row above does not.
  std::string sheet_xml = ZipPart(bytes, "xl/worksheets/sheet1.xml");
  auto style_of = [&](const std::string& cell) {
    const size_t at = sheet_xml.find("<c r=\"" + cell + "\"");
    EXPECT_NE(at, std::string::npos) << cell;
    const std::string tag = sheet_xml.substr(at, sheet_xml.find('>', at) - at);
    const size_t s = tag.find(" s=\"");
    EXPECT_NE(s, std::string::npos) << tag;
    return s == std::string::npos ? tag : tag.substr(s, tag.find('"', s + 4) - s);
  };
  EXPECT_NE(style_of("A2"), style_of("A3"));
  EXPECT_NE(style_of("C2"), style_of("C3"));
  // Printed landscape on A4, one page wide, the header repeated.
  EXPECT_NE(sheet_xml.find(R"(<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>)"),
            std::string::npos)
      << sheet_xml;
  EXPECT_NE(sheet_xml.find(R"(<pageSetUpPr fitToPage="1"/>)"), std::string::npos);
  EXPECT_NE(ZipPart(bytes, "xl/workbook.xml").find("_xlnm.Print_Titles"), std::string::npos);
}

TEST(XlsxTest, ValidationCoversEveryDataRow) {
  XlsxSheet sheet{.name = "S", .columns = {{.header = "类型", .dropdown = {"a", "b"}}}};
  sheet.validation_rows = 10;
  for (int i = 0; i < 20; ++i) sheet.rows.push_back({std::string("a")});
  std::string bytes = WriteOk({sheet});
  EXPECT_NE(ZipPart(bytes, "xl/worksheets/sheet1.xml").find(R"(sqref="A2:A21")"),
            std::string::npos);
}

TEST(XlsxTest, ReadsManyRows) {
  XlsxSheet sheet{.name = "明细",
                  .columns = {{.header = "序号", .type = XlsxCellType::kInteger},
                              {.header = "名称"},
                              {.header = "金额", .type = XlsxCellType::kMoney},
                              {.header = "日期", .type = XlsxCellType::kDate}}};
  constexpr int kRows = 20'000;
  for (int i = 0; i < kRows; ++i) {
    sheet.rows.push_back({int64_t{i}, "名称" + std::to_string(i), FenCell(int64_t{i} * 101),
                          std::string("2024-01-01")});
  }
  XlsxBook book = ReadOk(WriteOk({sheet}));
  ASSERT_EQ(book.sheets[0].rows.size(), kRows + 1u);
  for (int i : {0, 1, 9'999, kRows - 1}) {
    const std::vector<std::string>& row = book.sheets[0].rows[i + 1];
    ASSERT_EQ(row.size(), 4u);
    EXPECT_EQ(row[0], std::to_string(i));
    EXPECT_EQ(row[1], "名称" + std::to_string(i));
    EXPECT_EQ(*ParseYuanToFen(row[2]), int64_t{i} * 101) << row[2];
    EXPECT_EQ(ExcelSerialToIsoDate(row[3]), "2024-01-01");
  }
}

TEST(XlsxTest, MoneyReadsBackToTheSameFen) {
  // libxlsxwriter stores 9999.97 as "9999.969999999999"; the reader gives "9999.97" back.
  std::vector<int64_t> fens = {0,        1,       -1,           5,          999'997,
                               -999'997, 123'456, 999'995,      10'000'000, 1'234'567'891,
                               -4'999,   100,     98'060'000'00};
  for (int64_t f = 7; f < 1'000'000'000'000'000; f = f * 13 + 11) fens.push_back(f);
  XlsxSheet sheet{.name = "Money", .columns = {{.header = "金额", .type = XlsxCellType::kMoney}}};
  for (int64_t f : fens) sheet.rows.push_back({FenCell(f)});
  XlsxBook book = ReadOk(WriteOk({sheet}));
  ASSERT_EQ(book.sheets[0].rows.size(), fens.size() + 1);
  for (size_t i = 0; i < fens.size(); ++i) {
    const std::string& text = book.sheets[0].rows[i + 1][0];
    Result<int64_t> fen = ParseYuanToFen(text);
    ASSERT_TRUE(fen.ok()) << fens[i] << " came back as " << text;
    EXPECT_EQ(*fen, fens[i]) << text;
    EXPECT_EQ(text, FenToYuanText(fens[i]));
  }
}

TEST(XlsxTest, NotesSheetAndSheetByName) {
  std::string bytes = WriteOk(
      {InstitutionSheet()},
      {{.name = "填写说明", .lines = {"导入说明", "1. 红色列必填", "", "3. 日期格式 2024-01-31"}}});
  // ReadXlsx reads the first sheet; the notes come after it.
  EXPECT_EQ(ReadOk(bytes).sheets[0].name, "机构");
  Result<XlsxReadSheet> notes = ReadXlsxSheet(bytes, "填写说明");
  ASSERT_TRUE(notes.ok()) << notes.status().ToString();
  EXPECT_EQ(notes->rows, (Rows{{"导入说明"}, {"1. 红色列必填"}, {""}, {"3. 日期格式 2024-01-31"}}));
  Result<XlsxReadSheet> missing = ReadXlsxSheet(bytes, "Sheet9");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find(
                R"(no sheet named "Sheet9"; its sheets are "机构", "填写说明")"),
            std::string::npos)
      << missing.status().message();
}

TEST(XlsxTest, LongDropdownGoesToAHiddenSheet) {
  std::vector<std::string> counties(100);
  for (int i = 0; i < 100; ++i) counties[i] = "县区" + std::to_string(i);
  // 30 options of 4 characters: 149 characters with the commas, but 269 bytes, which
  // libxlsxwriter 1.1.4 would copy into a 258-byte buffer if it were written inline.
  std::vector<std::string> towns(30);
  for (int i = 0; i < 30; ++i) towns[i] = "镇区" + std::to_string(10 + i);
  XlsxSheet sheet{.name = "数据",
                  .columns = {{.header = "县区", .dropdown = counties},
                              {.header = "备注", .dropdown = {"有,逗号", "", "无"}},
                              {.header = "短", .dropdown = {"是", "", "否"}},
                              {.header = "乡镇", .dropdown = towns}},
                  .rows = {{std::string("县区7"), std::string("无"), std::string("是")}}};
  std::string bytes = WriteOk({sheet});
  ASSERT_FALSE(bytes.empty());
  std::string sheet_xml = ZipPart(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet_xml.find("<formula1>'_lists'!$A$1:$A$100</formula1>"), std::string::npos)
      << sheet_xml;
  EXPECT_NE(sheet_xml.find("<formula1>'_lists'!$B$1:$B$2</formula1>"), std::string::npos);
  EXPECT_NE(sheet_xml.find("<formula1>\"是,否\"</formula1>"), std::string::npos);
  EXPECT_NE(sheet_xml.find("<formula1>'_lists'!$C$1:$C$30</formula1>"), std::string::npos);
  EXPECT_NE(ZipPart(bytes, "xl/workbook.xml").find(R"(name="_lists" sheetId="2" state="hidden")"),
            std::string::npos);

  XlsxBook book = ReadOk(bytes);
  EXPECT_EQ(book.sheets[0].name, "数据");
  EXPECT_EQ(book.sheets[0].rows[1], (std::vector<std::string>{"县区7", "无", "是", ""}));
  Result<XlsxReadSheet> lists = ReadXlsxSheet(bytes, "_lists");
  ASSERT_TRUE(lists.ok());
  ASSERT_EQ(lists->rows.size(), 100u);
  EXPECT_EQ(lists->rows[0], (std::vector<std::string>{"县区0", "有,逗号", "镇区10"}));
  EXPECT_EQ(lists->rows[1], (std::vector<std::string>{"县区1", "无", "镇区11"}));
  EXPECT_EQ(lists->rows[99], (std::vector<std::string>{"县区99", "", ""}));
}

TEST(XlsxTest, ReadsAHandBuiltWorkbook) {
  // Shared strings with rich runs and a phonetic run, inline strings, sparse cells, cells
  // and rows without r, formula results, booleans, errors, a prefixed namespace, a hidden
  // first sheet, a worksheet not called sheet1.xml and an absolute relationship target.
  std::string shared =
      R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>名称</t></si>
<si><r><rPr><b/></rPr><t>丹凤</t></r><r><t xml:space="preserve">县 </t></r><rPh sb="0" eb="1"><t>ダン</t></rPh></si>
<si><t/></si>
</sst>)";
  std::string data =
      R"(<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:dimension ref="A1:E7"/>
<x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>行内</x:t></x:is></x:c></x:row>
<x:row r="3" spans="1:5"><x:c r="B3" t="s"><x:v>1</x:v></x:c><x:c><x:v>1.5E-3</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c r="E3" t="b"><x:v>0</x:v></x:c></x:row>
<x:row><x:c r="A4" t="str"><x:f>A1&amp;"x"</x:f><x:v>名称x</x:v></x:c><x:c r="B4" t="e"><x:v>#N/A</x:v></x:c><x:c r="C4" s="3"><x:v>0.30000000000000004</x:v></x:c><x:c r="D4" t="s"><x:v>2</x:v></x:c></x:row>
<x:row r="5"><x:c r="A5" t="inlineStr"><x:is><x:r><x:t>富</x:t></x:r><x:r><x:t>文本</x:t></x:r></x:is></x:c><x:c r="B5"><x:v>44270</x:v></x:c><x:c r="C5"><x:v>1234.56</x:v></x:c></x:row>
<x:row r="7"><x:c r="A7" s="2"/><x:c r="B7" s="2"><x:v></x:v></x:c></x:row>
</x:sheetData>
</x:worksheet>)";
  std::string bytes = MakeZip({
      {"[Content_Types].xml", std::string(kContentTypes)},
      {"xl/workbook.xml", WorkbookXml({{"隐藏", "rId1", "hidden"}, {"数据", "rId5"}},
                                      R"(<workbookPr date1904="1"/>)")},
      {"xl/_rels/workbook.xml.rels", RelsXml({{"rId1", "worksheet", "worksheets/sheet1.xml"},
                                              {"rId5", "worksheet", "/xl/worksheets/data.xml"},
                                              {"rId9", "sharedStrings", "strings/../sst.xml"}})},
      {"xl/worksheets/sheet1.xml",
       SheetXml(R"(<row r="1"><c t="inlineStr"><is><t>hidden</t></is></c></row>)")},
      {"xl/worksheets/data.xml", data},
      {"xl/sst.xml", shared},
  });
  XlsxBook book = ReadOk(bytes);
  EXPECT_TRUE(book.date_1904);
  ASSERT_EQ(book.sheets.size(), 1u);
  EXPECT_EQ(book.sheets[0].name, "数据");
  Rows expected = {
      {"名称", "", "行内", "", ""},
      {"", "", "", "", ""},
      {"", "丹凤县 ", "1.5E-3", "TRUE", "FALSE"},
      {"名称x", "#N/A", "0.30000000000000004", "", ""},
      {"富文本", "44270", "1234.56", "", ""},
  };
  EXPECT_EQ(book.sheets[0].rows, expected);
  EXPECT_EQ(ExcelSerialToIsoDate("0", book.date_1904), "1904-01-01");

  Result<XlsxReadSheet> hidden = ReadXlsxSheet(bytes, "隐藏");
  ASSERT_TRUE(hidden.ok()) << hidden.status().ToString();
  EXPECT_EQ(hidden->rows, (Rows{{"hidden"}}));
}

TEST(XlsxTest, ShortensNumbersStoredWithTooManyDigits) {
  std::string bytes = OneSheetWorkbook(
      R"(<row r="1"><c r="A1"><v>9999.969999999999</v></c><c r="B1"><v>0.1000000000000000</v></c>)"
      R"(<c r="C1"><v>123456789012345678</v></c><c r="D1"><v>1.0E+20</v></c>)"
      R"(<c r="E1"><v>-0.30000000000000004</v></c><c r="F1"><v>1234.5600</v></c></row>)");
  XlsxBook book = ReadOk(bytes);
  EXPECT_EQ(book.sheets[0].rows, (Rows{{"9999.97", "0.1", "123456789012345678", "1.0E+20",
                                        "-0.30000000000000004", "1234.5600"}}));
}

TEST(XlsxTest, RejectsFilesThatAreNotWorkbooks) {
  ExpectError(ReadXlsx("this is a CSV file,not xlsx\n1,2\n"), "not an .xlsx workbook");
  ExpectError(ReadXlsx(""), "empty");
  ExpectError(ReadXlsx(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") + std::string(600, '\0')),
              "old .xls workbook");
  std::string zip = MakeZip({{"word/document.xml", "<w:document/>"}});
  ExpectError(ReadXlsx(zip), "zip archive but not an .xlsx workbook (it has no xl/workbook.xml)");
  std::string truncated = WriteOk({InstitutionSheet()});
  truncated.resize(truncated.size() / 2);
  ExpectError(ReadXlsx(truncated), "not an .xlsx workbook");
}

TEST(XlsxTest, NamesThePartAndLineOfMalformedXml) {
  std::string bytes = OneSheetWorkbook("<row r=\"1\"><c r=\"A1\"><v>1</v></c>\n<row></sheetData>");
  ExpectError(ReadXlsx(bytes), "xl/worksheets/sheet1.xml line 4: mismatched tag");
}

TEST(XlsxTest, RejectsDamagedParts) {
  ExpectError(ReadXlsx(OneSheetWorkbook(R"(<row r="1"><c r="A1" t="s"><v>5</v></c></row>)",
                                        "<sst><si><t>a</t></si></sst>")),
              "cell A1 refers to a shared string that does not exist");
  ExpectError(ReadXlsx(OneSheetWorkbook(R"(<row r="1"><c r="XFE1"><v>1</v></c></row>)")),
              "wider than Excel's 16,384 columns");
  ExpectError(ReadXlsx(OneSheetWorkbook(R"(<row r="1048577"><c><v>1</v></c></row>)")),
              "not between 1 and 1,048,576");
  ExpectError(ReadXlsx(OneSheetWorkbook(R"(<row r="1"><c r="1A"><v>1</v></c></row>)")),
              "cell reference \"1A\" is not valid");
  std::string doctype = MakeZip({
      {"xl/workbook.xml",
       R"(<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><workbook>&lol;</workbook>)"},
  });
  ExpectError(ReadXlsx(doctype), "document type declaration");
  std::string no_sheets =
      MakeZip({{"xl/workbook.xml", WorkbookXml({})}, {"xl/_rels/workbook.xml.rels", RelsXml({})}});
  ExpectError(ReadXlsx(no_sheets), "no worksheets");
  std::string no_part = MakeZip(
      {{"xl/workbook.xml", WorkbookXml({{"A", "rId1"}})},
       {"xl/_rels/workbook.xml.rels", RelsXml({{"rId1", "worksheet", "worksheets/gone.xml"}})}});
  ExpectError(ReadXlsx(no_part), "xl/worksheets/gone.xml is missing");
}

TEST(XlsxTest, EnforcesTheLimits) {
  std::string bytes = WriteOk({InstitutionSheet()});
  ExpectError(ReadXlsx(bytes, {.max_uncompressed_bytes = 1000}),
              "the workbook is larger than 1000 bytes when unpacked");
  ExpectError(ReadXlsx(bytes, {.max_cells = 10}), "the sheet has more than 10 cells");

  // A highly compressible sheet: small as a file, 4 MB unpacked.
  std::string padding(4 << 20, ' ');
  std::string bomb = OneSheetWorkbook("<row r=\"1\"><c><v>1</v></c></row>" + padding);
  EXPECT_LT(bomb.size(), 64u << 10);
  ExpectError(ReadXlsx(bomb, {.max_uncompressed_bytes = 1 << 20}),
              "larger than 1 MB when unpacked");
  EXPECT_TRUE(ReadXlsx(bomb).ok());

  // One cell far out: padding the rows would make too many cells.
  std::string sparse = OneSheetWorkbook(
      R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="5000"><c r="XFD5000"><v>1</v></c></row>)");
  ExpectError(ReadXlsx(sparse, {.max_cells = 1'000'000}), "more than 1000000 cells");
}

TEST(XlsxTest, ConvertsDateSerials) {
  EXPECT_EQ(ExcelSerialToIsoDate("44270"), "2021-03-15");
  EXPECT_EQ(ExcelSerialToIsoDate("44270.75"), "2021-03-15");
  EXPECT_EQ(ExcelSerialToIsoDate("1"), "1900-01-01");
  EXPECT_EQ(ExcelSerialToIsoDate("59"), "1900-02-28");
  EXPECT_EQ(ExcelSerialToIsoDate("60"), std::nullopt);
  EXPECT_EQ(ExcelSerialToIsoDate("61"), "1900-03-01");
  EXPECT_EQ(ExcelSerialToIsoDate("2958465"), "9999-12-31");
  EXPECT_EQ(ExcelSerialToIsoDate("2958466"), std::nullopt);
  EXPECT_EQ(ExcelSerialToIsoDate("0"), std::nullopt);
  EXPECT_EQ(ExcelSerialToIsoDate("-1"), std::nullopt);
  EXPECT_EQ(ExcelSerialToIsoDate("2021-03-15"), std::nullopt);
  EXPECT_EQ(ExcelSerialToIsoDate(""), std::nullopt);
  EXPECT_EQ(ExcelSerialToIsoDate("42808", /*date_1904=*/true), "2021-03-15");
}

TEST(XlsxTest, WriterRejectsBadInput) {
  Result<std::string> none = WriteXlsx({});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);

  Result<std::string> bad_name = WriteXlsx({{.name = "a/b"}});
  ASSERT_FALSE(bad_name.ok());
  EXPECT_EQ(bad_name.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad_name.status().message().find("a/b"), std::string::npos);

  Result<std::string> twice = WriteXlsx({{.name = "同名"}, {.name = "同名"}});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), StatusCode::kInvalidArgument);

  XlsxSheet nan{.name = "N", .columns = {{.header = "x", .type = XlsxCellType::kMoney}}};
  nan.rows = {{1.0}, {std::nan("")}};
  Result<std::string> not_finite = WriteXlsx({nan});
  ASSERT_FALSE(not_finite.ok());
  EXPECT_EQ(not_finite.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(not_finite.status().message().find("sheet \"N\" cell A3 is not a finite number"),
            std::string::npos)
      << not_finite.status().message();

  XlsxSheet long_text{.name = "L", .rows = {{std::string(40'000, 'x')}}};
  Result<std::string> too_long = WriteXlsx({long_text});
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(too_long.status().message().find("cell A2"), std::string::npos)
      << too_long.status().message();
}

}  // namespace
}  // namespace xiezuo::io
