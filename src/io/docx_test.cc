// The .docx writer: the package's parts are there and well-formed XML, text is escaped and
// laid out (styles, line breaks, tables, images), and bad input is refused by name. Whether
// LibreOffice opens the result is checked by tests/office_test.cc.
#include "io/docx_writer.h"

#include <expat.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "io/testing/sample_png.h"
#include "io/testing/unzip.h"

namespace xiezuo::io {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::Unzip;

const std::string& kPng = testing::TinyPng();

bool WellFormed(const std::string& xml) {
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreate("UTF-8"),
                                                                 XML_ParserFree);
  return XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
}

DocxDocument Sample() {
  DocxDocument doc;
  doc.title = "丹凤县2021年东西部协作工作总结";
  doc.author = "丹凤县协作办";
  doc.blocks.emplace_back(DocxText(DocxStyle::kTitle, "丹凤县2021年东西部协作工作总结"));
  doc.blocks.emplace_back(DocxText(DocxStyle::kHeading1, "一、主要成效"));
  DocxParagraph p;
  p.runs = {{"全年到位资金", false},
            {"9806万元", true},
            {"，R&D <投入> \"增长\"\n第二行\x01\xEF\xBF\xBF\xEF\xBF\xBE", false}};
  doc.blocks.emplace_back(p);
  DocxTable t;
  t.header = {"项目", "金额（万元）"};
  t.rows = {{"产业园", "200"}, {"合计", "200"}};
  t.right_aligned = {false, true};
  t.total_row = true;
  doc.blocks.emplace_back(t);
  doc.blocks.emplace_back(DocxImage{kPng, 10, "资金图"});
  return doc;
}

TEST(DocxTest, WritesAPackageOfWellFormedParts) {
  auto bytes = WriteDocx(Sample());
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  std::map<std::string, std::string> parts = Unzip(*bytes);
  for (const char* name :
       {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
        "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"}) {
    ASSERT_TRUE(parts.contains(name)) << name;
    EXPECT_TRUE(WellFormed(parts[name])) << name;
  }
  EXPECT_EQ(parts["word/media/image1.png"], kPng);
  EXPECT_THAT(parts["word/_rels/document.xml.rels"], HasSubstr("Target=\"media/image1.png\""));
  EXPECT_THAT(parts["docProps/core.xml"], HasSubstr("<dc:title>丹凤县2021年东西部协作工作总结"));
}

TEST(DocxTest, TextIsEscapedStyledAndBroken) {
  auto bytes = WriteDocx(Sample());
  ASSERT_TRUE(bytes.ok());
  const std::string doc = Unzip(*bytes)["word/document.xml"];
  EXPECT_THAT(doc, HasSubstr("<w:pStyle w:val=\"Title\"/>"));
  EXPECT_THAT(doc, HasSubstr("<w:pStyle w:val=\"Heading1\"/>"));
  EXPECT_THAT(doc, HasSubstr("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">9806万元</w:t>"));
  EXPECT_THAT(doc, HasSubstr("R&amp;D &lt;投入&gt; &quot;增长&quot;</w:t><w:br/>"));
  EXPECT_THAT(doc, Not(HasSubstr("\x01")));
  EXPECT_THAT(doc, Not(HasSubstr("\xEF\xBF\xBF"))) << "U+FFFF is not allowed in XML";
  EXPECT_THAT(doc, Not(HasSubstr("\xEF\xBF\xBE"))) << "nor U+FFFE";
  // The table: a repeated header row, the number column right-aligned, the total bold.
  EXPECT_THAT(doc, HasSubstr("<w:tblHeader/>"));
  EXPECT_THAT(doc,
              HasSubstr("<w:jc w:val=\"right\"/></w:pPr><w:r><w:t xml:space=\"preserve\">200"));
  EXPECT_THAT(doc, HasSubstr("<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">合计"));
  // The image keeps its aspect: 10 cm wide, 2×1 pixels → 5 cm high; its paragraph is not held
  // to the body's exact line height, which would show a strip of it.
  EXPECT_THAT(
      doc,
      HasSubstr(
          "<w:spacing w:before=\"120\" w:line=\"240\" w:lineRule=\"auto\"/>"
          "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:r>"
          "<w:drawing>"));
  EXPECT_THAT(doc, HasSubstr("<wp:extent cx=\"3600000\" cy=\"1800000\"/>"));
  EXPECT_THAT(doc, HasSubstr("r:embed=\"rIdImage1\""));
}

TEST(DocxTest, BadInputIsRefusedByName) {
  DocxDocument doc = Sample();
  std::get<DocxImage>(doc.blocks[4]).png = "GIF89a not a png";
  auto bad = WriteDocx(doc);
  ASSERT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().details().at(0).field, "blocks[4]");

  doc = Sample();
  std::get<DocxTable>(doc.blocks[3]).rows.push_back({"a", "b", "c"});
  bad = WriteDocx(doc);
  ASSERT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("more cells than the header"));

  doc = Sample();
  std::get<DocxParagraph>(doc.blocks[2]).runs[0].text = "\xff\xfe";
  bad = WriteDocx(doc);
  ASSERT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().details().at(0).field, "blocks[2]");
}

}  // namespace
}  // namespace xiezuo::io
