// /api/v1/reports/annual: the summary's keyed paragraphs from live figures (a write shows at
// once), the .docx with an office's edits, and bad parameters, unknown edits and scope refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/testing/api_fixture.h"
#include "io/testing/unzip.h"
#include "io/xlsx_reader.h"

namespace xiezuo::api::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class ReportApi : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    danfeng_ = LoginAs("danfeng");
  }

  // The paragraph `key` of a GET /reports/annual answer, or "".
  static std::string Paragraph(const json& report, const std::string& key) {
    for (const json& p : report["paragraphs"]) {
      if (p["key"] == key) return p["text"];
    }
    return "";
  }

  ApiSession danfeng_;
};

TEST_F(ReportApi, ParagraphsComeFromTheLiveFiguresAndTheDocxTakesEdits) {
  json report = Get(danfeng_, "/api/v1/reports/annual?region_code=611022&year=2023");
  EXPECT_EQ(report["title"], "丹凤县2023年东西部协作工作总结");
  EXPECT_EQ(report["region_name"], "丹凤县");
  EXPECT_EQ(Paragraph(report, "done.none"), "本期暂无统计数据。");
  EXPECT_THAT(Paragraph(report, "opening"), HasSubstr("丹凤县与南京市雨花台区深化东西部协作"));

  json fund = {{"year", 2023},        {"type", "allocation"},    {"source_level", "provincial"},
               {"payer", "江苏省"},   {"region_code", "611022"}, {"amount_fen", 3'000'000'000},
               {"date", "2023-04-01"}};
  ASSERT_EQ(Call(danfeng_, "POST", "/api/v1/records/fund", fund.dump()).status, 201);
  report = Get(danfeng_, "/api/v1/reports/annual?region_code=611022&year=2023");
  EXPECT_THAT(Paragraph(report, "done.funds"), HasSubstr("到位协作资金3000万元"));
  ASSERT_FALSE(report["tables"].empty());
  EXPECT_EQ(report["tables"].back()["key"], "funds");

  json edits = {{"edits", {{"practices.none", "召开联席会议，研究部署年度协作工作。"}}}};
  HttpResponse file = Call(
      danfeng_, "POST", "/api/v1/reports/annual/docx?region_code=611022&year=2023", edits.dump());
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_THAT(file.content_type, HasSubstr("wordprocessingml"));
  // The document says the edited text instead of the written one, and the figures.
  const std::string doc = io::testing::Unzip(file.body)["word/document.xml"];
  EXPECT_THAT(doc, HasSubstr("召开联席会议，研究部署年度协作工作。"));
  EXPECT_THAT(doc, ::testing::Not(HasSubstr("本期无已完成的计划任务和会议决定记录。")));
  EXPECT_THAT(doc, HasSubstr("到位协作资金3000万元"));
}

// A summary of January to June (上半年): the figures of those months, compared with the same
// months of the year before; the funds table and the charts of the half year only.
TEST_F(ReportApi, AHalfYearSummaryCountsItsMonthsAgainstTheSameMonthsOfLastYear) {
  auto add_fund = [&](int64_t wan, const std::string& date) {
    json fund = {{"year", std::stoi(date.substr(0, 4))},
                 {"type", "allocation"},
                 {"source_level", "provincial"},
                 {"payer", "江苏省"},
                 {"region_code", "611022"},
                 {"amount_fen", wan * 1'000'000},
                 {"date", date}};
    ASSERT_EQ(Call(danfeng_, "POST", "/api/v1/records/fund", fund.dump()).status, 201);
  };
  add_fund(3000, "2023-04-01");
  add_fund(1000, "2023-09-01");
  add_fund(1500, "2022-05-01");
  add_fund(500, "2022-11-01");
  json half = Get(danfeng_, "/api/v1/reports/annual?region_code=611022&year=2023&to_month=6");
  EXPECT_EQ(half["title"], "丹凤县2023年上半年东西部协作工作总结");
  EXPECT_EQ(half["to_month"], 6);
  EXPECT_EQ(half["period_label"], "2023年上半年");
  EXPECT_THAT(Paragraph(half, "done.funds"), HasSubstr("到位协作资金3000万元，同比增长100.0%"));
  ASSERT_FALSE(half["tables"].empty());
  EXPECT_EQ(half["tables"].back()["caption"], "附表3 2023年上半年协作资金");
  EXPECT_EQ(half["tables"].back()["rows"].size(), 1U);
  ASSERT_FALSE(half["charts"].empty());
  EXPECT_EQ(half["charts"][0]["series"][1]["name"], "上年同期");

  json year = Get(danfeng_, "/api/v1/reports/annual?region_code=611022&year=2023");
  EXPECT_EQ(year["to_month"], 12);
  EXPECT_THAT(Paragraph(year, "done.funds"), HasSubstr("到位协作资金4000万元，同比增长100.0%"));
  EXPECT_EQ(year["charts"][0]["series"][1]["name"], "上年");

  HttpResponse bad =
      Call(danfeng_, "GET", "/api/v1/reports/annual?region_code=611022&year=2023&to_month=13");
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(Json(bad)["error"]["details"][0]["field"], "to_month");
  HttpResponse file =
      Call(danfeng_, "POST", "/api/v1/reports/annual/docx?region_code=611022&year=2023&to_month=6",
           R"({"edits": {}})");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_THAT(io::testing::Unzip(file.body)["word/document.xml"],
              HasSubstr("2023年上半年东西部协作工作总结"));
}

TEST_F(ReportApi, StatisticalTablesHaveARowPerChildRegionAndTotals) {
  ApiSession shangluo = LoginAs("sx_office");
  json fund = {{"year", 2023},        {"type", "allocation"},    {"source_level", "provincial"},
               {"payer", "江苏省"},   {"region_code", "611022"}, {"amount_fen", 3'000'000'000},
               {"date", "2023-04-01"}};
  ASSERT_EQ(Call(danfeng_, "POST", "/api/v1/records/fund", fund.dump()).status, 201);
  json tables = Get(shangluo, "/api/v1/reports/tables?region_code=6110&year=2023");
  EXPECT_EQ(tables["title"], "商洛市2023年东西部协作统计表");
  EXPECT_EQ(tables["region_name"], "商洛市");
  EXPECT_EQ(tables["year"], 2023);
  const json* funds = nullptr;
  for (const json& s : tables["sheets"]) {
    if (s["name"] == "资金使用") funds = &s;
  }
  ASSERT_NE(funds, nullptr) << tables.dump();
  EXPECT_EQ((*funds)["columns"][0]["header"], "到位协作资金");
  EXPECT_EQ((*funds)["columns"][0]["unit"], "yuan");
  ASSERT_EQ((*funds)["rows"].size(), 1u);
  EXPECT_EQ((*funds)["rows"][0]["name"], "丹凤县");
  EXPECT_EQ((*funds)["rows"][0]["values"][0], 3'000'000'000);
  EXPECT_EQ((*funds)["total"]["values"][0], 3'000'000'000);
  // The county's towns have no funds recorded: missing, not 0; the county's total has them.
  json towns = Get(danfeng_, "/api/v1/reports/tables?region_code=611022&year=2023");
  int found = 0;
  for (const json& s : towns["sheets"]) {
    if (s["name"] != "资金使用") continue;
    ++found;
    ASSERT_EQ(s["rows"].size(), 2u);
    for (const json& r : s["rows"]) EXPECT_TRUE(r["values"][0].is_null()) << r.dump();
    EXPECT_EQ(s["total"]["values"][0], 3'000'000'000);
  }
  EXPECT_EQ(found, 1);

  HttpResponse file =
      Call(shangluo, "GET", "/api/v1/reports/tables/xlsx?region_code=6110&year=2023");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_THAT(file.content_type, HasSubstr("spreadsheetml"));
  Result<io::XlsxReadSheet> sheet = io::ReadXlsxSheet(file.body, "资金使用");
  ASSERT_TRUE(sheet.ok()) << sheet.status().message();
  EXPECT_EQ(sheet->rows.at(0).at(2), "到位协作资金（万元）");
  const std::vector<std::string>& total = sheet->rows.back();
  EXPECT_EQ(total.at(1), "合计");
  EXPECT_EQ(total.at(2), "3000");

  EXPECT_EQ(Call(danfeng_, "GET", "/api/v1/reports/tables?region_code=6110&year=2023").status, 403);
  HttpResponse bad = Call(shangluo, "GET", "/api/v1/reports/tables/xlsx?region_code=6110");
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(Json(bad)["error"]["details"][0]["field"], "year");
  // A national user must say which region: the country's tables would mix both sides.
  bad = Call(LoginAs("admin"), "GET", "/api/v1/reports/tables?year=2023");
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(Json(bad)["error"]["details"][0]["field"], "region_code");
}

TEST_F(ReportApi, BadInputIsNamedAndScopeHolds) {
  HttpResponse resp =
      Call(danfeng_, "POST", "/api/v1/reports/annual/docx?region_code=611022&year=2023",
           R"({"edits": {"no.such.paragraph": "x"}})");
  ASSERT_EQ(resp.status, 400);
  EXPECT_EQ(Json(resp)["error"]["details"][0]["field"], "edits.no.such.paragraph");
  resp = Call(danfeng_, "POST", "/api/v1/reports/annual/docx?region_code=611022&year=2023",
              R"({"edits": {"opening": 5}})");
  ASSERT_EQ(resp.status, 400);
  EXPECT_EQ(Json(resp)["error"]["details"][0]["field"], "edits.opening");
  resp = Call(danfeng_, "GET", "/api/v1/reports/annual?region_code=611022&year=twenty");
  ASSERT_EQ(resp.status, 400);
  EXPECT_EQ(Json(resp)["error"]["details"][0]["field"], "year");
  EXPECT_EQ(Call(danfeng_, "GET", "/api/v1/reports/annual?region_code=320114&year=2023").status,
            403);
  // A national user must say which region.
  resp = Call(LoginAs("admin"), "GET", "/api/v1/reports/annual?year=2023");
  ASSERT_EQ(resp.status, 400);
  EXPECT_EQ(Json(resp)["error"]["details"][0]["field"], "region_code");
}

}  // namespace
}  // namespace xiezuo::api::testing
