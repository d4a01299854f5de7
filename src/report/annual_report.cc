// Composing the annual summary from its figures.
#include "report/annual_report.h"

#include "report/report_text.h"

namespace xiezuo::report {
namespace {

const char* const kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

std::string Numeral(size_t i) { return i < 10 ? kNumerals[i] : std::to_string(i + 1); }

// Joins `parts` with `sep`.
std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// `text` ending in one full stop (a trailing "。", "；" or "，" replaced).
std::string Sentence(std::string text) {
  for (const char* end : {"。", "；", "，"}) {
    if (text.ends_with(end)) text.resize(text.size() - std::char_traits<char>::length(end));
  }
  return text + "。";
}

// An indicator's name as a sentence says it before its figure: without a trailing unit or
// "数"/"金额" ("转移就业人数" → "转移就业", "互访交流批次" → "互访交流", "消费帮扶金额" →
// "消费帮扶"), which the figure's own unit then says ("转移就业549人").
std::string ProseName(const std::string& name, model::IndicatorUnit unit) {
  std::string out = name;
  const std::string label = model::IndicatorUnitLabel(unit);
  for (const std::string& suffix :
       {std::string("人数"), label, std::string("金额"), std::string("数")}) {
    if (out.size() > suffix.size() + 3 && out.ends_with(suffix)) {
      out.resize(out.size() - suffix.size());
      break;
    }
  }
  return out;
}

}  // namespace

const std::vector<ReportAreaDef>& ReportAreas() {
  static const std::vector<ReportAreaDef> kAreas = {
      {"organisation", "组织领导", {"meeting_batches", "meeting_persons"}},
      {"talent", "人才交流", {"cadres", "professionals", "talent_training_person_times"}},
      {"funds", "资金使用", {"fund_allocation", "fund_disbursement", "fund_disbursement_rate"}},
      {"industry",
       "产业合作",
       {"projects", "project_coop_funds", "enterprises_landed", "investment_actual"}},
      {"labour",
       "劳务协作",
       {"placement_persons", "placement_poverty_persons", "training_participants", "workshops"}},
      {"consumption", "消费协作", {"consumption_sales"}},
      {"society", "社会帮扶", {"donation_money", "donation_goods"}},
  };
  return kAreas;
}

std::string FigureSentence(const ReportFigure& f) {
  if (!f.value) return "";
  std::vector<std::string> clauses = {ProseName(f.name, f.unit) + ValueText(*f.value, f.unit)};
  std::vector<std::string> parts;
  int64_t only = 0;  // the value of the last non-zero part
  for (const auto& [label, value] : f.parts) {
    if (value == 0) continue;
    parts.push_back(label + ValueText(value, f.unit));
    only = value;
  }
  // One part that is the whole says nothing ("消费帮扶3229万元，其中其他3229万元").
  if (parts.size() > 1 || (parts.size() == 1 && only != *f.value)) {
    clauses.push_back("其中" + Join(parts, "、"));
  }
  if (f.unit != model::IndicatorUnit::kPercent)
    clauses.push_back(ChangeText(*f.value, f.last_year));
  clauses.push_back(TargetText(*f.value, f.target));
  return Join(clauses, "，");
}

std::vector<ReportChart> AnnualCharts(const ReportInput& in) {
  std::vector<ReportChart> out;
  // Money in 万元 for the bar's height.
  auto wan = [](int64_t fen) { return static_cast<double>(fen) / 1'000'000; };
  // The label above a bar: the number of 万元 as prose writes it; a sum of 元 or 亿元 keeps
  // its own unit.
  auto wan_label = [](int64_t fen) {
    std::string text = MoneyText(fen);
    constexpr std::string_view kWan = "万元";
    if (text.ends_with(kWan)) text.resize(text.size() - kWan.size());
    return text;
  };
  io::BarChart money;
  money.unit = "单位：万元";
  io::ChartSeries now{in.period_label, 0x409eff, {}, {}};
  io::ChartSeries before{in.last_year_label, 0x91cc75, {}, {}};
  bool any_before = false;
  io::BarChart targets;
  targets.unit = "单位：%";
  targets.reference = 100;
  targets.reference_label = "年度目标";
  io::ChartSeries ratio{"完成率", 0x409eff, {}, {}};
  for (const ReportArea& area : in.areas) {
    for (const ReportFigure& f : area.figures) {
      if (!f.value) continue;
      const std::string name = ProseName(f.name, f.unit);
      if (f.unit == model::IndicatorUnit::kYuan) {
        money.categories.push_back(name);
        now.values.emplace_back(wan(*f.value));
        now.labels.push_back(wan_label(*f.value));
        before.values.push_back(f.last_year ? std::optional<double>(wan(*f.last_year))
                                            : std::nullopt);
        before.labels.push_back(f.last_year ? wan_label(*f.last_year) : "—");
        any_before = any_before || f.last_year.has_value();
      }
      if (f.target && *f.target > 0 && f.unit != model::IndicatorUnit::kPercent) {
        targets.categories.push_back(name);
        ratio.values.emplace_back(static_cast<double>(*f.value) * 100 /
                                  static_cast<double>(*f.target));
        ratio.labels.push_back(ShareText(*f.value, *f.target));
      }
    }
  }
  int number = 1;
  if (!money.categories.empty()) {
    money.series.push_back(std::move(now));
    if (any_before) money.series.push_back(std::move(before));
    out.push_back({"money", "图" + std::to_string(number++) + " 主要资金指标", std::move(money)});
  }
  if (!targets.categories.empty()) {
    targets.series.push_back(std::move(ratio));
    out.push_back(
        {"targets", "图" + std::to_string(number++) + " 年度目标完成情况", std::move(targets)});
  }
  return out;
}

AnnualReport ComposeAnnualReport(const ReportInput& in) {
  AnnualReport r;
  r.title = in.region_name + in.period_label + "东西部协作工作总结";
  auto add = [&](std::string key, io::DocxStyle style, std::string text) {
    r.paragraphs.push_back({std::move(key), style, std::move(text)});
  };
  add("title", io::DocxStyle::kTitle, r.title);
  std::string opening = in.period_label + "，" + in.region_name;
  opening += in.partners.empty() ? "深入推进东西部协作" : "与" + in.partners + "深化东西部协作";
  opening += "，各项工作取得新进展。现将有关情况总结如下。";
  add("opening", io::DocxStyle::kBody, opening);

  size_t section = 0;
  add("done", io::DocxStyle::kHeading1, Numeral(section++) + "、主要成效");
  size_t area_number = 0;
  for (const ReportArea& area : in.areas) {
    std::vector<std::string> sentences;
    for (const ReportFigure& f : area.figures) sentences.push_back(FigureSentence(f));
    const std::string text = Join(sentences, "；");
    if (text.empty()) continue;
    add("done." + area.code, io::DocxStyle::kBody,
        "（" + Numeral(area_number++) + "）" + area.name + "。" + Sentence(text));
  }
  if (area_number == 0) add("done.none", io::DocxStyle::kBody, "本期暂无统计数据。");

  auto list_section = [&](const std::string& key, const std::string& heading,
                          const std::vector<ReportItem>& items, const std::string& none) {
    add(key, io::DocxStyle::kHeading1, Numeral(section++) + "、" + heading);
    if (items.empty()) {
      add(key + ".none", io::DocxStyle::kBody, none);
      return;
    }
    for (size_t i = 0; i < items.size(); ++i) {
      add(key + "." + items[i].key, io::DocxStyle::kBody,
          std::to_string(i + 1) + "．" + Sentence(items[i].text));
    }
  };
  list_section("practices", "主要做法", in.practices, "本期无已完成的计划任务和会议决定记录。");
  list_section("problems", "存在问题", in.problems, "本期核查未发现突出问题。");
  list_section("next", "下一步工作", in.next_steps, "下一年度工作计划尚未录入。");
  r.tables = in.tables;
  r.charts = AnnualCharts(in);
  if (!r.tables.empty() || !r.charts.empty()) {
    add("appendix", io::DocxStyle::kHeading1,
        Numeral(section++) + (r.charts.empty() ? "、附表" : "、附表和附图"));
  }
  return r;
}

Result<io::DocxDocument> ReportDocument(const AnnualReport& report,
                                        const std::map<std::string, std::string>& edits,
                                        const std::string& author) {
  io::DocxDocument doc;
  doc.title = report.title;
  doc.author = author;
  for (const ReportParagraph& p : report.paragraphs) {
    auto edited = edits.find(p.key);
    io::DocxParagraph para = io::DocxText(p.style, edited == edits.end() ? p.text : edited->second);
    doc.blocks.emplace_back(std::move(para));
  }
  for (const ReportTable& t : report.tables) {
    doc.blocks.emplace_back(io::DocxText(io::DocxStyle::kCaption, t.caption));
    doc.blocks.emplace_back(t.table);
  }
  for (const ReportChart& c : report.charts) {
    ASSIGN_OR_RETURN(std::string png, io::RenderBarChartPng(c.chart));
    doc.blocks.emplace_back(io::DocxImage{std::move(png), 15, c.caption});
    doc.blocks.emplace_back(io::DocxText(io::DocxStyle::kCaption, c.caption));
  }
  return doc;
}

}  // namespace xiezuo::report
