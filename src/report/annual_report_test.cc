// The annual summary's prose from seed 000's figures (丹凤县 2021): each figure in a sentence
// with its parts, change and target ratio; areas without figures and missing figures left out;
// sections that have nothing to say say so; edits replace paragraphs by key; the .docx writes.
#include "report/annual_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/testing/seed_report.h"

namespace xiezuo::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The text of the paragraph `key`, or "" when there is none.
std::string Text(const AnnualReport& r, const std::string& key) {
  for (const ReportParagraph& p : r.paragraphs) {
    if (p.key == key) return p.text;
  }
  return "";
}

TEST(AnnualReportTest, EachFigureIsASentenceWithItsPartsChangeAndTarget) {
  ReportInput in = testing::DanfengSeedInput();
  EXPECT_EQ(FigureSentence(in.areas[2].figures[0]),
            "转移就业549人，其中赴结对东部地区284人、省内其他地区214人、其他省份51人，"
            "同比增长12.5%，超额完成年度目标（完成109.8%）");
  // Zero parts are left out; no last year and no target, no clause.
  EXPECT_EQ(FigureSentence(in.areas[0].figures[0]),
            "拨付协作资金9806万元，其中省级9476万元、镇级330万元");
  EXPECT_EQ(FigureSentence(in.areas[2].figures[1]), "") << "a missing figure says nothing";
  // One part that is the whole is left out; one that is not, kept.
  ReportFigure sales{"consumption_sales",
                     "消费帮扶金额",
                     model::IndicatorUnit::kYuan,
                     int64_t{3229} * 1'000'000,
                     std::nullopt,
                     std::nullopt,
                     {{"其他", int64_t{3229} * 1'000'000}}};
  EXPECT_EQ(FigureSentence(sales), "消费帮扶3229万元");
  sales.parts = {{"线上", int64_t{1000} * 1'000'000}};
  EXPECT_EQ(FigureSentence(sales), "消费帮扶3229万元，其中线上1000万元");
}

TEST(AnnualReportTest, TheSummaryOfDanfeng2021) {
  AnnualReport r = ComposeAnnualReport(testing::DanfengSeedInput());
  EXPECT_EQ(r.title, "丹凤县2021年东西部协作工作总结");
  EXPECT_EQ(
      Text(r, "opening"),
      "2021年，丹凤县与南京市雨花台区深化东西部协作，各项工作取得新进展。现将有关情况总结如下。");
  EXPECT_EQ(Text(r, "done"), "一、主要成效");
  EXPECT_EQ(Text(r, "done.funds"),
            "（一）资金使用。拨付协作资金9806万元，其中省级9476万元、镇级330万元。");
  EXPECT_EQ(Text(r, "done.industry"), "（二）产业合作。协作项目24个，同比增长20.0%。");
  EXPECT_THAT(Text(r, "done.labour"),
              HasSubstr("（三）劳务协作。转移就业549人，其中赴结对东部地区284人"));
  EXPECT_THAT(Text(r, "done.labour"), Not(HasSubstr("招聘会")));
  EXPECT_EQ(Text(r, "done.society"), "") << "an area without figures is left out";
  EXPECT_EQ(Text(r, "practices"), "二、主要做法");
  EXPECT_EQ(Text(r, "practices.task.1"), "1．建立县级领导包抓协作项目机制。");
  EXPECT_EQ(Text(r, "problems.gap.fairs"), "1．招聘会场次尚无统计数据。");
  EXPECT_EQ(Text(r, "next"), "四、下一步工作");
  EXPECT_EQ(Text(r, "next.none"), "下一年度工作计划尚未录入。");
  EXPECT_EQ(Text(r, "appendix"), "五、附表和附图") << "no tables, but charts";
}

TEST(AnnualReportTest, ChartsShowTheMoneyBesideLastYearAndTheRatiosToTarget) {
  ReportInput in = testing::DanfengSeedInput();
  std::vector<ReportChart> charts = AnnualCharts(in);
  ASSERT_EQ(charts.size(), 2U);
  EXPECT_EQ(charts[0].key, "money");
  EXPECT_EQ(charts[0].caption, "图1 主要资金指标");
  EXPECT_EQ(charts[0].chart.unit, "单位：万元");
  EXPECT_THAT(charts[0].chart.categories, ::testing::ElementsAre("拨付协作资金"));
  ASSERT_EQ(charts[0].chart.series.size(), 1U) << "no last year: one series";
  EXPECT_EQ(charts[0].chart.series[0].name, "2021年");
  EXPECT_DOUBLE_EQ(*charts[0].chart.series[0].values[0], 9806);
  EXPECT_THAT(charts[0].chart.series[0].labels, ::testing::ElementsAre("9806"));
  EXPECT_EQ(charts[1].key, "targets");
  EXPECT_EQ(charts[1].caption, "图2 年度目标完成情况");
  EXPECT_THAT(charts[1].chart.categories, ::testing::ElementsAre("转移就业"));
  EXPECT_THAT(charts[1].chart.series[0].labels, ::testing::ElementsAre("109.8%"));
  EXPECT_EQ(charts[1].chart.reference, 100);

  // Last year's money makes a second series; a missing one is a gap; 亿元 keeps its unit.
  constexpr int64_t kWan = 1'000'000;
  in.areas[0].figures[0].last_year = 15'000 * kWan;
  ReportFigure sales{"consumption_sales",
                     "消费帮扶金额",
                     model::IndicatorUnit::kYuan,
                     3229 * kWan,
                     std::nullopt,
                     std::nullopt,
                     {}};
  in.areas.push_back({"consumption", "消费协作", {sales}});
  charts = AnnualCharts(in);
  ASSERT_EQ(charts[0].chart.series.size(), 2U);
  EXPECT_THAT(charts[0].chart.categories, ::testing::ElementsAre("拨付协作资金", "消费帮扶"));
  EXPECT_EQ(charts[0].chart.series[1].name, "上年");
  EXPECT_THAT(charts[0].chart.series[1].labels, ::testing::ElementsAre("1.5亿元", "—"));
  EXPECT_FALSE(charts[0].chart.series[1].values[1].has_value());
  // Nothing to draw, no chart.
  EXPECT_TRUE(AnnualCharts(ReportInput{}).empty());
}

TEST(AnnualReportTest, EditsReplaceParagraphsByKeyAndTheDocxWrites) {
  ReportInput in = testing::DanfengSeedInput();
  ReportTable t;
  t.key = "projects";
  t.caption = "附表1 协作项目";
  t.table.header = {"项目", "协作资金"};
  t.table.rows = {{"丹凤县产业园", "200万元"}};
  in.tables.push_back(t);
  AnnualReport r = ComposeAnnualReport(in);
  EXPECT_EQ(Text(r, "appendix"), "五、附表和附图");
  auto written = ReportDocument(r, {{"practices.task.1", "1．改写后的做法。"}}, "丹凤县协作办");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  const io::DocxDocument& doc = *written;
  EXPECT_EQ(doc.author, "丹凤县协作办");
  std::vector<std::string> texts;
  for (const io::DocxBlock& b : doc.blocks) {
    if (const auto* p = std::get_if<io::DocxParagraph>(&b)) texts.push_back(p->runs.at(0).text);
  }
  EXPECT_THAT(texts, ::testing::Contains("1．改写后的做法。"));
  EXPECT_THAT(texts, ::testing::Not(::testing::Contains("1．建立县级领导包抓协作项目机制。")));
  EXPECT_THAT(texts, ::testing::Contains("附表1 协作项目"));
  // The tables, then each chart as a PNG image with its caption under it.
  int images = 0;
  for (const io::DocxBlock& b : doc.blocks) {
    if (const auto* i = std::get_if<io::DocxImage>(&b)) {
      ++images;
      EXPECT_TRUE(i->png.starts_with("\x89PNG"));
    }
  }
  EXPECT_EQ(images, 2);
  EXPECT_EQ(texts.back(), "图2 年度目标完成情况");
  EXPECT_TRUE(io::WriteDocx(doc).ok());
}

TEST(AnnualReportTest, TheAreasStateIndicatorsOfTheCatalogue) {
  size_t indicators = 0;
  for (const ReportAreaDef& area : ReportAreas()) {
    EXPECT_FALSE(area.indicators.empty()) << area.code;
    for (const std::string& code : area.indicators) {
      EXPECT_NE(model::FindIndicator(code), nullptr) << area.code << ": " << code;
      ++indicators;
    }
  }
  EXPECT_GE(indicators, 15U);
}

TEST(AnnualReportTest, NothingToSayIsSaid) {
  ReportInput in;
  in.region_name = "柞水县";
  in.period_label = "2021年上半年";
  AnnualReport r = ComposeAnnualReport(in);
  EXPECT_EQ(Text(r, "opening"),
            "2021年上半年，柞水县深入推进东西部协作，各项工作取得新进展。现将有关情况总结如下。");
  EXPECT_EQ(Text(r, "done.none"), "本期暂无统计数据。");
  EXPECT_EQ(Text(r, "practices.none"), "本期无已完成的计划任务和会议决定记录。");
  EXPECT_EQ(Text(r, "problems.none"), "本期核查未发现突出问题。");
}

}  // namespace
}  // namespace xiezuo::report
