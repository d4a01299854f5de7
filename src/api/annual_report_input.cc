// Gathering an annual summary's input from the analytics and the store.
#include "api/annual_report_input.h"

#include <algorithm>
#include <set>

#include "api/agreement_targets.h"
#include "api/app.h"
#include "api/completeness.h"
#include "api/reconciliation.h"
#include "api/record_labels.h"
#include "report/assessment.h"
#include "report/report_text.h"

namespace xiezuo::api {
namespace {

constexpr int kMaxTableRows = 200;
constexpr size_t kMaxMismatches = 10;  // problems listed one by one; the rest are counted

const RecordLabels& Labels() { return RecordLabels::For("zh-CN"); }

// The live records of `kind` inside `region` (and the caller's scope) that match `filter`'s
// equals and ranges: the newest `limit` of them, oldest first.
Result<std::vector<model::Record>> RecordsOf(RequestContext& ctx, const std::string& kind_key,
                                             const std::string& region, store::RecordFilter filter,
                                             int limit) {
  const model::RecordKind& kind = *model::FindKind(kind_key);
  filter.scope = ctx.principal().user.scope_region_code;
  filter.within_region = region;
  std::vector<model::Record> out;
  RETURN_IF_ERROR(ForEachListedRecord(ctx.store(), kind, filter, [&](model::Record& r) {
    out.push_back(std::move(r));
    return static_cast<int>(out.size()) < limit;
  }));
  std::reverse(out.begin(), out.end());  // the list comes newest first
  return out;
}

store::RecordFilter Equals(const std::string& field, model::FieldValue value) {
  store::RecordFilter f;
  f.equals.emplace_back(field, std::move(value));
  return f;
}

store::RecordFilter InPeriod(const std::string& date_field, const ReportPeriod& period) {
  store::RecordFilter f;
  f.ranges.push_back({date_field, period.first_date(), period.last_date()});
  return f;
}

// The tasks of the plans of `region` for `year`.
Result<std::vector<model::Record>> TasksOf(RequestContext& ctx, const std::string& region,
                                           int year) {
  ASSIGN_OR_RETURN(auto plans,
                   RecordsOf(ctx, "plan", region, Equals("year", int64_t{year}), kMaxTableRows));
  std::vector<model::Record> tasks;
  for (const model::Record& plan : plans) {
    ASSIGN_OR_RETURN(
        auto some, RecordsOf(ctx, "plan_task", region, Equals("plan_id", plan.id), kMaxTableRows));
    for (model::Record& t : some) tasks.push_back(std::move(t));
  }
  return tasks;
}

// A region's name as a report writes it: a county or town with its city ("南京市雨花台区").
std::string FullName(const analytics::RegionIndex& index, const std::string& code) {
  const int32_t n = index.Find(code);
  if (n < 0) return code;
  std::string name = index.node(n).name;
  const int32_t parent = index.Parent(n);
  if (code.size() > 4 && parent >= 0) name = index.node(parent).name + name;
  return name;
}

// The figures of every report area for `region` in `period` on `side`, with the same months of
// last year and the
// agreement targets; and the problems the gaps to target are.
Status GatherFigures(const AnalyticsService& service, const AgreementTargets& agreed,
                     const std::string& region, const ReportPeriod& period, analytics::Side side,
                     report::ReportInput& in) {
  std::vector<std::string> codes;
  for (const report::ReportAreaDef& area : report::ReportAreas()) {
    codes.insert(codes.end(), area.indicators.begin(), area.indicators.end());
  }
  analytics::TableRequest request{codes, region, 0, period.months(), side, true};
  ASSIGN_OR_RETURN(analytics::Table now, service.analytics().Query(request));
  request.months = period.same_months_last_year();
  request.by_breakdown = false;
  ASSIGN_OR_RETURN(analytics::Table before, service.analytics().Query(request));
  size_t k = 0;
  for (const report::ReportAreaDef& def : report::ReportAreas()) {
    report::ReportArea area{def.code, def.name, {}};
    for (size_t i = 0; i < def.indicators.size(); ++i, ++k) {
      const model::Indicator& indicator = *now.indicators[k];
      const std::vector<analytics::Cell>& cells = now.total.indicators[k].cells;
      const analytics::Cell& last = before.total.indicators[k].cells.at(0);
      report::ReportFigure f;
      f.indicator = indicator.code;
      f.name = indicator.name_zh;
      f.unit = indicator.unit;
      if (cells.at(0).has_data) f.value = cells[0].value;
      if (last.has_data) f.last_year = last.value;
      for (const report::AgreementField& a : report::AgreementFields()) {
        if (a.indicator == indicator.code) f.target = agreed.Sum(a.field);
      }
      const std::vector<std::string>& options = model::BreakdownOptions(indicator);
      for (size_t o = 0; o < options.size() && o + 1 < cells.size(); ++o) {
        if (cells[o + 1].has_data) {
          f.parts.emplace_back(Labels().Option(indicator.breakdown, options[o]),
                               cells[o + 1].value);
        }
      }
      // Short of the year's target is a problem at the year's end, not on the way there.
      if (period.whole_year() && f.value && f.target && *f.target > 0 && *f.value < *f.target) {
        in.problems.push_back(
            {"gap." + f.indicator, f.name + report::TargetText(*f.value, f.target) + "，差距" +
                                       report::ValueText(*f.target - *f.value, f.unit)});
      }
      area.figures.push_back(std::move(f));
    }
    in.areas.push_back(std::move(area));
  }
  return Status::Ok();
}

Status GatherTables(RequestContext& ctx, const analytics::RegionIndex& index,
                    const std::string& region, const ReportPeriod& period,
                    report::ReportInput& in) {
  const int year = period.year;
  const model::RecordKind& project = *model::FindKind("project");
  ASSIGN_OR_RETURN(auto projects,
                   RecordsOf(ctx, "project", region, Equals("year", int64_t{year}), kMaxTableRows));
  report::ReportTable projects_table{
      "projects", "附表1 " + std::to_string(year) + "年协作项目", {}};
  projects_table.table.header = {"项目名称", "类别", "所在地区", "协作资金", "项目状态"};
  projects_table.table.right_aligned = {false, false, false, true, false};
  int64_t coop = 0;
  for (const model::Record& p : projects) {
    const auto* funds = std::get_if<int64_t>(&p.Get(project, "coop_funds_fen"));
    coop += funds != nullptr ? *funds : 0;
    projects_table.table.rows.push_back(
        {p.Text(project, "name"), Labels().Option("project_category", p.Text(project, "category")),
         FullName(index, p.Text(project, "region_code")),
         funds != nullptr ? report::MoneyText(*funds) : "",  // none given: blank, not 0
         Labels().Option("project_status", p.Text(project, "status"))});
  }
  if (!projects.empty()) {
    projects_table.table.rows.push_back(
        {"合计（" + std::to_string(projects.size()) + "个）", "", "", report::MoneyText(coop), ""});
    projects_table.table.total_row = true;
    in.tables.push_back(std::move(projects_table));
  }

  ASSIGN_OR_RETURN(std::vector<PairingSummary> pairings, PairingsWithin(ctx, region));
  report::ReportTable pairings_table{"pairings", "附表2 结对帮扶关系", {}};
  pairings_table.table.header = {"结对名称", "层级", "东部地区", "西部地区"};
  for (const PairingSummary& p : pairings) {
    pairings_table.table.rows.push_back({p.name, Labels().Option("pairing_level", p.level),
                                         FullName(index, p.east_region_code),
                                         FullName(index, p.west_region_code)});
  }
  if (!pairings.empty()) in.tables.push_back(std::move(pairings_table));

  const model::RecordKind& fund = *model::FindKind("fund");
  ASSIGN_OR_RETURN(auto funds,
                   RecordsOf(ctx, "fund", region, InPeriod("date", period), kMaxTableRows));
  report::ReportTable funds_table{"funds", "附表3 " + period.label() + "协作资金", {}};
  funds_table.table.header = {"日期", "类型", "来源层级", "拨付单位", "金额"};
  funds_table.table.right_aligned = {false, false, false, false, true};
  for (const model::Record& f : funds) {
    funds_table.table.rows.push_back(
        {f.Text(fund, "date"), Labels().Option("fund_type", f.Text(fund, "type")),
         Labels().Option("source_level", f.Text(fund, "source_level")), f.Text(fund, "payer"),
         report::MoneyText(f.Int(fund, "amount_fen", 0))});
  }
  if (!funds.empty()) in.tables.push_back(std::move(funds_table));
  return Status::Ok();
}

// The problems the reconciliation finds: each figure the two sides of an active pairing report
// differently ("mismatch.PAIRING.INDICATOR"), at most kMaxMismatches, then how many more. A
// figure a party reports once for several pairings cannot match any one partner's, so it is
// not a problem to state.
Status GatherMismatches(RequestContext& ctx, const AnalyticsService& service,
                        const std::string& region, const ReportPeriod& period,
                        report::ReportInput& in) {
  ASSIGN_OR_RETURN(Reconciliation r, ReconcileWithin(ctx, service, region, period.months(), false));
  auto side = [](const std::optional<int64_t>& v, const model::Indicator& i) {
    return v ? "报送" + report::ValueText(*v, i.unit) : std::string("未报送");
  };
  std::vector<const ReconciledFigure*> listed;
  for (const ReconciledFigure& f : r.figures) {
    if (!f.shared && f.pairing->status == "active") listed.push_back(&f);
  }
  for (size_t n = 0; n < listed.size() && n < kMaxMismatches; ++n) {
    const ReconciledFigure& f = *listed[n];
    const model::Indicator& i = *f.indicator;
    std::string text = f.pairing->name + "：" + i.name_zh + "东部" + side(f.east_value, i) +
                       "、西部" + side(f.west_value, i);
    if (f.east_value && f.west_value) {
      const int64_t diff = *f.east_value - *f.west_value;
      text += "，相差" + report::ValueText(diff < 0 ? -diff : diff, i.unit);
    }
    in.problems.push_back(
        {"mismatch." + std::to_string(f.pairing->id) + "." + i.code, text + "，需双方核实"});
  }
  if (listed.size() > kMaxMismatches) {
    in.problems.push_back({"mismatch.more", "另有" +
                                                std::to_string(listed.size() - kMaxMismatches) +
                                                "项东西部双方报送数据不一致，详见数据核查"});
  }
  return Status::Ok();
}

// A reporting period as prose names it: "2021年", "2021年第3季度", "2021年3月".
std::string PeriodText(const model::Period& p) {
  std::string y = std::to_string(p.year) + "年";
  switch (p.type) {
    case model::PeriodType::kQuarter:
      return y + "第" + std::to_string(p.index) + "季度";
    case model::PeriodType::kMonth:
      return y + std::to_string(p.index) + "月";
    case model::PeriodType::kYear:
      break;
  }
  return y;
}

// The problems completeness finds: per data set of the region's side, the forms of the period's
// months not sent in by their deadline ("completeness.DATASET"), naming the first few.
Status GatherCompleteness(RequestContext& ctx, const analytics::RegionIndex& index,
                          const std::string& region, const ReportPeriod& period,
                          analytics::Side side, report::ReportInput& in) {
  constexpr size_t kNamed = 3;
  ASSIGN_OR_RETURN(std::vector<PairingSummary> pairings, PairingsWithin(ctx, region));
  for (const model::Dataset& d : model::Datasets()) {
    if ((d.side == model::CooperationSide::kEast) != (side == analytics::Side::kEast)) continue;
    ASSIGN_OR_RETURN(Completeness c,
                     CompletenessOf(ctx, d, region, period.year, period.as_of, pairings));
    int64_t expected = 0;
    int64_t overdue = 0;
    std::vector<std::string> late;
    for (size_t i = 0; i < c.periods.size(); ++i) {
      if (c.periods[i].period.last_month() > period.to_month) continue;
      expected += c.periods[i].expected;
      overdue += c.periods[i].overdue;
      for (const CompletenessRow& row : c.rows) {
        if (row.cells[i].overdue && late.size() <= kNamed) {
          late.push_back(FullName(index, row.region_code) + PeriodText(c.periods[i].period));
        }
      }
    }
    if (overdue == 0) continue;
    std::string named;
    for (size_t k = 0; k < late.size() && k < kNamed; ++k) {
      if (k > 0) named += "、";
      named += late[k];
    }
    if (late.size() > kNamed) named += "等";
    in.problems.push_back({"completeness." + d.code,
                           d.name_zh + "应报送" + std::to_string(expected) + "期次，逾期未报送" +
                               std::to_string(overdue) + "期次（" + named + "），需督促报送"});
  }
  return Status::Ok();
}

}  // namespace

Result<ReportSubject> CheckReportSubject(const AnalyticsService& service, const std::string& region,
                                         int year) {
  if (year < 2000 || year > 2099) {
    return InvalidArgument("bad year", {{"year", "a year such as 2021"}});
  }
  if (region.empty()) {
    return InvalidArgument("region_code is required: a report is of one region",
                           {{"region_code", "required"}});
  }
  const analytics::RegionIndex& index = service.analytics().regions();
  const int32_t n = index.Find(region);
  if (n < 0) {
    return InvalidArgument("unknown region " + region, {{"region_code", "a region's code"}});
  }
  return ReportSubject{index.node(n).name,
                       model::RegionSide(region) == model::CooperationSide::kEast
                           ? analytics::Side::kEast
                           : analytics::Side::kWest};
}

analytics::MonthRange ReportPeriod::months() const {
  return {analytics::MonthOf(year, 1), analytics::MonthOf(year, to_month)};
}

analytics::MonthRange ReportPeriod::same_months_last_year() const {
  return {analytics::MonthOf(year - 1, 1), analytics::MonthOf(year - 1, to_month)};
}

std::string ReportPeriod::first_date() const { return std::to_string(year) + "-01-01"; }

std::string ReportPeriod::last_date() const {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int day = kDays[to_month - 1] + (to_month == 2 && leap ? 1 : 0);
  const std::string mm = (to_month < 10 ? "0" : "") + std::to_string(to_month);
  return std::to_string(year) + "-" + mm + "-" + std::to_string(day);
}

std::string ReportPeriod::label() const {
  std::string y = std::to_string(year) + "年";
  switch (to_month) {
    case 12:
      return y;
    case 3:
      return y + "一季度";
    case 6:
      return y + "上半年";
    case 9:
      return y + "前三季度";
    default:
      return y + "1—" + std::to_string(to_month) + "月";
  }
}

Result<ReportPeriod> ReportPeriodOf(int year, int to_month, int64_t as_of) {
  if (to_month < 1 || to_month > 12) {
    return InvalidArgument("bad to_month", {{"to_month",
                                             "the last month the report covers, 1 to 12 (6: the "
                                             "first half year)"}});
  }
  return ReportPeriod{year, to_month, as_of};
}

Result<report::ReportInput> GatherAnnualReport(RequestContext& ctx, const AnalyticsService& service,
                                               const std::string& region,
                                               const ReportPeriod& period) {
  const int year = period.year;
  ASSIGN_OR_RETURN(ReportSubject subject, CheckReportSubject(service, region, year));
  const analytics::RegionIndex& index = service.analytics().regions();
  const analytics::Side side = subject.side;
  report::ReportInput in;
  in.region_name = subject.name;
  in.period_label = period.label();
  in.last_year_label = period.whole_year() ? "上年" : "上年同期";
  ASSIGN_OR_RETURN(AgreementTargets agreed, AgreementTargetsOf(ctx, region, year, side));
  std::vector<std::string> partners;
  for (const CountedPairing& p : agreed.pairings) {
    const std::string other =
        side == analytics::Side::kWest ? p.east_region_code : p.west_region_code;
    std::string name = FullName(index, other);
    if (std::find(partners.begin(), partners.end(), name) == partners.end()) {
      partners.push_back(std::move(name));
    }
  }
  for (const std::string& p : partners) in.partners += (in.partners.empty() ? "" : "、") + p;
  RETURN_IF_ERROR(GatherFigures(service, agreed, region, period, side, in));

  // Practices: the plan's completed tasks and the meetings' decisions.
  const model::RecordKind& task = *model::FindKind("plan_task");
  ASSIGN_OR_RETURN(auto tasks, TasksOf(ctx, region, year));
  for (const model::Record& t : tasks) {
    const std::string status = t.Text(task, "status");
    if (status == "done") {
      std::string text = t.Text(task, "title");
      if (!t.Text(task, "progress").empty()) text += "：" + t.Text(task, "progress");
      in.practices.push_back({"task." + std::to_string(t.id), text});
    } else if (status != "cancelled" && !t.Text(task, "deadline").empty() &&
               t.Text(task, "deadline") <= period.last_date()) {
      in.problems.push_back(
          {"task." + std::to_string(t.id),
           "“" + t.Text(task, "title") + "”未按期完成（截止" + t.Text(task, "deadline") + "）"});
    }
  }
  const model::RecordKind& meeting = *model::FindKind("meeting");
  ASSIGN_OR_RETURN(auto meetings, RecordsOf(ctx, "meeting", region, InPeriod("date", period), 50));
  for (const model::Record& m : meetings) {
    if (m.Text(meeting, "decisions").empty()) continue;
    in.practices.push_back({"meeting." + std::to_string(m.id),
                            m.Text(meeting, "title") + "（" + m.Text(meeting, "date") + "）：" +
                                m.Text(meeting, "decisions")});
  }
  RETURN_IF_ERROR(GatherMismatches(ctx, service, region, period, in));
  RETURN_IF_ERROR(GatherCompleteness(ctx, index, region, period, side, in));
  // Next steps: next year's plan after the whole year; within it, the year's open tasks due
  // after the period.
  std::vector<model::Record> next;
  if (period.whole_year()) {
    ASSIGN_OR_RETURN(next, TasksOf(ctx, region, year + 1));
  } else {
    for (model::Record& t : tasks) {
      const std::string status = t.Text(task, "status");
      if (status != "done" && status != "cancelled" &&
          t.Text(task, "deadline") > period.last_date()) {
        next.push_back(std::move(t));
      }
    }
  }
  for (const model::Record& t : next) {
    std::string text = t.Text(task, "title");
    if (!t.Text(task, "target").empty()) text += "：" + t.Text(task, "target");
    in.next_steps.push_back({"task." + std::to_string(t.id), text});
  }
  RETURN_IF_ERROR(GatherTables(ctx, index, region, period, in));
  return in;
}

}  // namespace xiezuo::api
