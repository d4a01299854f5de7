// The files xiezuo writes open in a real office suite: each .docx and .xlsx (and the annual
// summary composed from seed 000's figures) is converted with
// `libreoffice --headless --convert-to pdf` (Debian's LibreOffice, its own profile in a temporary
// folder), and `pdfinfo` / `pdftotext` (poppler-utils) read the PDF back: it has pages and the
// text is there. `scripts/setup.sh test` installs both tools.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "io/docx_writer.h"
#include "io/testing/sample_png.h"
#include "io/xlsx_writer.h"
#include "report/annual_report.h"
#include "report/testing/seed_report.h"

namespace xiezuo {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const std::string& kPng = io::testing::TinyPng();

class OfficeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("xiezuo-office-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  // The folder stays after a failure, or when XIEZUO_OFFICE_KEEP is set (to look at the PDFs).
  void TearDown() override {
    if (!HasFailure() && std::getenv("XIEZUO_OFFICE_KEEP") == nullptr) fs::remove_all(dir_);
  }

  static std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // Writes `bytes` as `name`, converts it to PDF with LibreOffice, and returns the PDF's page
  // count (pdfinfo) and its text (pdftotext) without white space: pdftotext puts spaces where
  // the font changes (digits in Times New Roman beside Chinese), which the document does not
  // have. Adds a failure, with the tools' output, when a step fails.
  std::pair<int, std::string> ToPdf(const std::string& name, const std::string& bytes) {
    const fs::path file = dir_ / name;
    std::ofstream(file, std::ios::binary) << bytes;
    const fs::path log = dir_ / "tools.log";
    const std::string convert = "libreoffice -env:UserInstallation=file://" +
                                (dir_ / "profile").string() +
                                " --headless --convert-to pdf --outdir " + dir_.string() + " " +
                                file.string() + " >> " + log.string() + " 2>&1";
    EXPECT_EQ(std::system(convert.c_str()), 0) << Read(log);
    const fs::path pdf = dir_ / (file.stem().string() + ".pdf");
    if (!fs::exists(pdf)) {
      ADD_FAILURE() << "LibreOffice wrote no PDF for " << name << ":\n" << Read(log);
      return {0, ""};
    }
    const fs::path info = dir_ / "info.txt";
    EXPECT_EQ(std::system(("pdfinfo " + pdf.string() + " > " + info.string() + " 2>&1").c_str()),
              0);
    int pages = 0;
    std::istringstream lines(Read(info));
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("Pages:", 0) == 0) pages = std::atoi(line.substr(6).c_str());
    }
    const fs::path text = dir_ / "text.txt";
    EXPECT_EQ(std::system(("pdftotext -layout " + pdf.string() + " " + text.string()).c_str()), 0);
    std::string squeezed;
    for (char c : Read(text)) {
      if (c != ' ' && c != '\n' && c != '\f' && c != '\t') squeezed += c;
    }
    last_pdf_ = pdf;
    return {pages, squeezed};
  }

  // The images in the PDF ToPdf last wrote, as `pdfimages -list` counts them.
  int ImagesInLastPdf() {
    const fs::path list = dir_ / "images.txt";
    EXPECT_EQ(
        std::system(("pdfimages -list " + last_pdf_.string() + " > " + list.string()).c_str()), 0);
    int rows = 0;
    std::istringstream lines(Read(list));
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.find_first_not_of(" ") != std::string::npos &&
          std::isdigit(static_cast<unsigned char>(line[line.find_first_not_of(" ")]))) {
        ++rows;
      }
    }
    return rows;
  }

  fs::path dir_;
  fs::path last_pdf_;
};

TEST_F(OfficeTest, LibreOfficeOpensADocx) {
  io::DocxDocument doc;
  doc.title = "丹凤县2021年东西部协作工作总结";
  doc.blocks.emplace_back(io::DocxText(io::DocxStyle::kTitle, "丹凤县2021年东西部协作工作总结"));
  doc.blocks.emplace_back(io::DocxText(io::DocxStyle::kHeading1, "一、主要成效"));
  doc.blocks.emplace_back(io::DocxText(io::DocxStyle::kBody, "全年共争取各类财政资金9806万元。"));
  io::DocxTable table;
  table.header = {"项目名称", "协作资金（万元）"};
  table.rows = {{"丹凤县产业园", "200"}, {"合计", "200"}};
  table.right_aligned = {false, true};
  table.total_row = true;
  doc.blocks.emplace_back(table);
  doc.blocks.emplace_back(io::DocxImage{kPng, 8, "图"});
  auto bytes = io::WriteDocx(doc);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto [pages, text] = ToPdf("summary.docx", *bytes);
  EXPECT_GE(pages, 1);
  EXPECT_THAT(text, HasSubstr("丹凤县2021年东西部协作工作总结"));
  EXPECT_THAT(text, HasSubstr("9806万元"));
  EXPECT_THAT(text, HasSubstr("丹凤县产业园"));
}

// The annual summary composed from seed 000's figures: the figures are in its sentences, and
// its two charts (the money, the ratio to target) are images in the PDF.
TEST_F(OfficeTest, LibreOfficeOpensTheSummaryWithTheSeedFigures) {
  report::AnnualReport r = report::ComposeAnnualReport(report::testing::DanfengSeedInput());
  auto doc = report::ReportDocument(r, {}, "丹凤县协作办");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  auto bytes = io::WriteDocx(*doc);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto [pages, text] = ToPdf("danfeng-2021.docx", *bytes);
  EXPECT_GE(pages, 1);
  EXPECT_THAT(text, HasSubstr("丹凤县2021年东西部协作工作总结"));
  EXPECT_THAT(text, HasSubstr("拨付协作资金9806万元，其中省级9476万元、镇级330万元"));
  EXPECT_THAT(text, HasSubstr("协作项目24个"));
  EXPECT_THAT(text, HasSubstr("赴结对东部地区284人"));
  EXPECT_THAT(text, HasSubstr("图1主要资金指标"));
  EXPECT_THAT(text, HasSubstr("图2年度目标完成情况"));
  EXPECT_EQ(ImagesInLastPdf(), 2);
}

TEST_F(OfficeTest, LibreOfficeOpensAnXlsx) {
  io::XlsxSheet sheet;
  sheet.name = "劳务协作";
  sheet.columns = {{"地区", io::XlsxCellType::kText},
                   {"转移就业（人）", io::XlsxCellType::kInteger}};
  sheet.rows = {{std::string("丹凤县"), int64_t{549}}, {std::string("合计"), int64_t{549}}};
  auto bytes = io::WriteXlsx({sheet});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto [pages, text] = ToPdf("tables.xlsx", *bytes);
  EXPECT_GE(pages, 1);
  EXPECT_THAT(text, HasSubstr("丹凤县"));
  EXPECT_THAT(text, HasSubstr("549"));
}

}  // namespace
}  // namespace xiezuo
