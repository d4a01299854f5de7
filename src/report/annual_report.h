// The annual summary (年度工作总结) of a region, written from its figures: what was done by
// area (each figure with its parts, the change from last year and the ratio to target), the
// main practices, the problems, the next steps, and tables. Composing is a pure function of
// the gathered input (the API gathers it from the analytics and the store), so the prose is
// tested on its own; every paragraph has a stable key, so an office's edits replace it before
// the .docx is written.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "io/chart_png.h"
#include "io/docx_writer.h"
#include "model/indicator.h"

namespace xiezuo::report {

// The areas of the work a summary reports on, in order, each with the indicators whose figures
// it states (catalogue codes). A test checks them against the catalogue.
struct ReportAreaDef {
  std::string code;
  std::string name;
  std::vector<std::string> indicators;
};
const std::vector<ReportAreaDef>& ReportAreas();

// One indicator's figure for the period. Missing is nullopt (the sentence leaves it out).
struct ReportFigure {
  std::string indicator;  // catalogue code
  std::string name;       // 转移就业人数
  model::IndicatorUnit unit = model::IndicatorUnit::kCount;
  std::optional<int64_t> value;
  std::optional<int64_t> last_year;
  std::optional<int64_t> target;
  std::vector<std::pair<std::string, int64_t>> parts;  // breakdown option label → value
};

// An area of the work (劳务协作…) and its figures, in the catalogue's order.
struct ReportArea {
  std::string code;
  std::string name;
  std::vector<ReportFigure> figures;
};

// A table of the report, with its caption.
struct ReportTable {
  std::string key;
  std::string caption;
  io::DocxTable table;
};

// A line of 主要做法, 存在问题 or 下一步工作, with a key that names where it came from
// ("task.12", "meeting.3", "gap.placement_persons"), so that an office's edit stays with it when
// other lines come or go between reading the report and downloading it.
struct ReportItem {
  std::string key;
  std::string text;
};

// A chart of the report (附图), drawn as a PNG when the .docx is written.
struct ReportChart {
  std::string key;      // "money", "targets"
  std::string caption;  // "图1 主要资金指标"
  io::BarChart chart;
};

struct ReportInput {
  std::string region_name;               // 丹凤县
  std::string period_label;              // 2021年, or 2021年上半年
  std::string last_year_label = "上年";  // the period compared with: 上年, or 上年同期
  std::string partners;  // the paired regions, joined ("南京市雨花台区"); may be empty
  std::vector<ReportArea> areas;
  std::vector<ReportItem> practices;   // completed plan tasks, meeting decisions
  std::vector<ReportItem> problems;    // gaps to target, overdue tasks, mismatches…
  std::vector<ReportItem> next_steps;  // next year's plan
  std::vector<ReportTable> tables;
};

struct ReportParagraph {
  std::string key;  // stable: "done.labour", "practices.task.12"…
  io::DocxStyle style = io::DocxStyle::kBody;
  std::string text;
};

struct AnnualReport {
  std::string title;
  std::vector<ReportParagraph> paragraphs;  // in order, headings included
  std::vector<ReportTable> tables;
  std::vector<ReportChart> charts;
};

// The sentence of one figure:
// "转移就业549人，其中结对东部地区284人、省内其他地区214人，同比增长
// 12.5%，完成年度目标的98.1%"; "" when it has no value.
std::string FigureSentence(const ReportFigure& f);

// The charts of the figures in `in`: 主要资金指标 (each money figure of the period beside last
// year's, in 万元) and 年度目标完成情况 (each figure with a target as a percent of it, with a 100 %
// line); a chart with nothing to show is left out.
std::vector<ReportChart> AnnualCharts(const ReportInput& in);

// Composes the report: the title, then 一、主要成效 (a paragraph per area with figures),
// 二、主要做法, 三、存在问题, 四、下一步工作, 五、附表 (its tables, then AnnualCharts). A
// section with nothing to say says so.
AnnualReport ComposeAnnualReport(const ReportInput& in);

// The .docx of `report`, each paragraph's text replaced by `edits[key]` where there is one, the
// charts drawn as PNG images. Errors: the chart renderer's.
Result<io::DocxDocument> ReportDocument(const AnnualReport& report,
                                        const std::map<std::string, std::string>& edits,
                                        const std::string& author);

}  // namespace xiezuo::report
