// /api/v1/indicators (the catalogue), /api/v1/analytics/table (indicators × regions for one
// period, from the live engine) and /analytics/targets (a year's figures against the pairings'
// agreement targets), within the caller's scope.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <variant>

#include "api/agreement_targets.h"
#include "api/analytics_service.h"
#include "api/app.h"
#include "api/record_labels.h"
#include "io/xlsx_writer.h"
#include "report/assessment.h"

namespace xiezuo::api {
namespace {

using analytics::MonthRange;
using nlohmann::json;

// "2021" (a year), "2021Q3" (a quarter) or "2021-03" (a month); with since=2017, from January
// of that year to the end of the period (cumulative).
Result<MonthRange> PeriodOf(const HttpRequest& req) {
  std::string period = req.Query("period");
  ASSIGN_OR_RETURN(model::Period parsed, model::ParsePeriod(period));
  MonthRange range = PeriodMonths(parsed);
  std::string since = req.Query("since");
  if (!since.empty()) {
    std::optional<int> from = ParseInt(since);
    if (!from || *from < 2000 || *from > parsed.year) {
      return InvalidArgument("bad since " + since,
                             {{"since", "a year from 2000 up to the period's year"}});
    }
    range.first = analytics::MonthOf(*from, 1);
  }
  return range;
}

std::string MonthText(analytics::Month m) {
  int month = m % 12 + 1;
  return std::to_string(analytics::YearOfMonth(m)) + (month < 10 ? "-0" : "-") +
         std::to_string(month);
}

json IndicatorJson(const model::Indicator& i, const RecordLabels& labels) {
  json options = json::array();
  for (const std::string& o : model::BreakdownOptions(i)) {
    options.push_back({{"value", o}, {"label", labels.Option(i.breakdown, o)}});
  }
  return {{"code", i.code},
          {"name", labels.lang() == "en" ? i.name_en : i.name_zh},
          {"unit", model::IndicatorUnitName(i.unit)},
          {"unit_label", model::IndicatorUnitLabel(i.unit, labels.lang())},
          {"aggregation", model::IndicatorAggregationName(i.aggregation)},
          {"area", i.area},
          {"breakdown", i.breakdown},
          {"options", options},
          {"source", i.derivation                                           ? "records"
                     : i.aggregation == model::IndicatorAggregation::kRatio ? "ratio"
                                                                            : "entered"}};
}

json CellJson(const analytics::Cell& c) {
  return {{"value", c.has_data ? json(c.value) : json(nullptr)},
          {"derived", c.derived},
          {"entered", c.entered ? json(*c.entered) : json(nullptr)},
          {"uses_entered", c.uses_entered},
          {"has_data", c.has_data}};
}

json RowJson(const analytics::TableRow& row) {
  json values = json::array();
  for (const analytics::IndicatorCells& ic : row.indicators) {
    json cells = json::array();
    for (const analytics::Cell& c : ic.cells) cells.push_back(CellJson(c));
    values.push_back(std::move(cells));
  }
  return {{"code", row.code}, {"name", row.name}, {"values", values}};
}

// The indicators, region (default: the caller's scope) and side (default: the region's) of a
// request; `max_indicators` bounds the list.
Status CommonOf(RequestContext& ctx, size_t max_indicators, analytics::TableRequest& request,
                std::string& side) {
  const HttpRequest& req = ctx.request();
  request.indicators = SplitCodes(req.Query("indicators"));
  if (request.indicators.size() > max_indicators) {
    return InvalidArgument("too many indicators",
                           {{"indicators", "at most " + std::to_string(max_indicators)}});
  }
  request.region = req.Query("region_code");
  if (request.region.empty()) request.region = ctx.principal().user.scope_region_code;
  side = req.Query("side");
  if (side.empty()) {
    side = model::RegionSide(request.region) == model::CooperationSide::kEast ? "east" : "west";
  }
  if (side != "east" && side != "west") {
    return InvalidArgument("bad side", {{"side", "east (what was given) or west (received)"}});
  }
  request.side = side == "east" ? analytics::Side::kEast : analytics::Side::kWest;
  return Status::Ok();
}

// The table a request asks for (?indicators, region_code, depth, period, since, side,
// breakdown), with the side spelled out.
Result<std::pair<analytics::TableRequest, std::string>> TableRequestOf(RequestContext& ctx) {
  const HttpRequest& req = ctx.request();
  analytics::TableRequest request;
  std::string side;
  RETURN_IF_ERROR(CommonOf(ctx, 50, request, side));
  std::string depth = req.Query("depth");
  if (!depth.empty()) {
    std::optional<int> d = ParseInt(depth);
    if (!d) return InvalidArgument("bad depth", {{"depth", "a number from 0 to 4"}});
    request.depth = *d;
  }
  ASSIGN_OR_RETURN(request.months, PeriodOf(req));
  std::string breakdown = req.Query("breakdown");
  if (!breakdown.empty() && breakdown != "0" && breakdown != "1") {
    return InvalidArgument("bad breakdown", {{"breakdown", "must be 0 or 1"}});
  }
  request.by_breakdown = breakdown == "1";
  return std::make_pair(std::move(request), side);
}

// Money in the unit the user chose (?money_unit=yuan|wan|yi, 万元 by default), for exports.
struct MoneyUnit {
  double fen_per_unit = 1'000'000;
  std::string label = "万元";
  std::string label_en = "10k yuan";
};
Result<MoneyUnit> MoneyUnitOf(const HttpRequest& req) {
  std::string unit = req.Query("money_unit");
  if (unit.empty() || unit == "wan") return MoneyUnit{};
  if (unit == "yuan") return MoneyUnit{100, "元", "yuan"};
  if (unit == "yi") return MoneyUnit{10'000'000'000, "亿元", "100m yuan"};
  return InvalidArgument("bad money_unit", {{"money_unit", "yuan, wan or yi"}});
}

// The table as a sheet: a region column, then per indicator its total (and options), in the
// indicator's unit (money in `money`, percent with two decimals); missing cells stay empty.
io::XlsxSheet TableSheet(const analytics::Table& table, bool by_breakdown, const MoneyUnit& money,
                         const RecordLabels& labels, bool with_total = true) {
  io::XlsxSheet sheet;
  sheet.name = labels.lang() == "en" ? "Figures" : "指标数据";
  sheet.validation_rows = 0;
  sheet.columns.push_back({labels.lang() == "en" ? "Region" : "地区", io::XlsxCellType::kText, 20});
  for (const model::Indicator* i : table.indicators) {
    bool yuan = i->unit == model::IndicatorUnit::kYuan;
    bool percent = i->unit == model::IndicatorUnit::kPercent;
    std::string unit = yuan && labels.lang() == "en" ? money.label_en
                       : yuan                        ? money.label
                              : model::IndicatorUnitLabel(i->unit, labels.lang());
    std::string name = labels.lang() == "en" ? i->name_en : i->name_zh;
    auto type = yuan || percent ? io::XlsxCellType::kMoney : io::XlsxCellType::kInteger;
    sheet.columns.push_back({name + "(" + unit + ")", type, 18});
    if (by_breakdown && i->aggregation != model::IndicatorAggregation::kRatio) {
      for (const std::string& o : model::BreakdownOptions(*i)) {
        sheet.columns.push_back(
            {name + "·" + labels.Option(i->breakdown, o) + "(" + unit + ")", type, 18});
      }
    }
  }
  auto add_row = [&](const analytics::TableRow& row, const std::string& name) {
    std::vector<io::XlsxCell> cells = {name};
    for (size_t k = 0; k < table.indicators.size(); ++k) {
      const model::Indicator* i = table.indicators[k];
      const std::vector<analytics::Cell>& cs = row.indicators[k].cells;
      size_t wanted = by_breakdown && i->aggregation != model::IndicatorAggregation::kRatio
                          ? 1 + model::BreakdownOptions(*i).size()
                          : 1;
      for (size_t o = 0; o < wanted; ++o) {
        if (o >= cs.size() || !cs[o].has_data) {
          cells.emplace_back(std::monostate{});
        } else if (i->unit == model::IndicatorUnit::kYuan) {
          cells.emplace_back(static_cast<double>(cs[o].value) / money.fen_per_unit);
        } else if (i->unit == model::IndicatorUnit::kPercent) {
          cells.emplace_back(static_cast<double>(cs[o].value) / 100.0);
        } else {
          cells.emplace_back(cs[o].value);
        }
      }
    }
    sheet.rows.push_back(std::move(cells));
  };
  for (const analytics::TableRow& row : table.rows) add_row(row, row.name);
  if (!with_total) return sheet;
  add_row(table.total,
          (labels.lang() == "en" ? "Total: " : "合计：") +
              (table.total.name.empty() ? std::string(labels.lang() == "en" ? "China" : "全国")
                                        : table.total.name));
  return sheet;
}

// One region's figures month by month: every month of ?from..to, each indicator's total.
struct Series {
  analytics::TableRequest request;
  std::string side;
  std::vector<const model::Indicator*> indicators;
  std::vector<analytics::Month> months;
  std::vector<std::vector<analytics::Cell>> values;  // [indicator][month]
};

Result<Series> RunSeries(RequestContext& ctx, const AnalyticsService& service) {
  const HttpRequest& req = ctx.request();
  auto month_of = [&](const std::string& field) -> Result<analytics::Month> {
    std::optional<analytics::Month> m = analytics::MonthOfDate(req.Query(field) + "-01");
    if (!m) return InvalidArgument("bad " + field, {{field, "a month such as 2021-03"}});
    return *m;
  };
  ASSIGN_OR_RETURN(analytics::Month from, month_of("from"));
  ASSIGN_OR_RETURN(analytics::Month to, month_of("to"));
  if (to < from || to - from >= 120) {
    return InvalidArgument("bad months", {{"to", "from 1 to 120 months after from"}});
  }
  Series series;
  RETURN_IF_ERROR(CommonOf(ctx, 20, series.request, series.side));
  series.request.depth = series.request.region.empty() ? 1 : 0;
  series.values.resize(series.request.indicators.size());
  for (analytics::Month m = from; m <= to; ++m) {
    series.request.months = {m, m};
    ASSIGN_OR_RETURN(analytics::Table table, service.analytics().Query(series.request));
    if (series.indicators.empty()) series.indicators = table.indicators;
    series.months.push_back(m);
    for (size_t k = 0; k < series.values.size(); ++k) {
      series.values[k].push_back(table.total.indicators[k].cells[0]);
    }
  }
  return series;
}

// value / target in hundredths of a percent (8523 = 85.23%); null when either is missing or
// the target is 0.
json RatioJson(const analytics::Cell& value, std::optional<int64_t> target) {
  if (!value.has_data || !target || *target == 0) return nullptr;
  return std::llround(static_cast<double>(value.value) * 10000.0 / static_cast<double>(*target));
}

// The answer of /analytics/targets (?region_code, year, side): per target field its sum over the
// counted pairings, the indicator's value for the year and their ratio; and those pairings.
// Errors: kInvalidArgument naming year, side or an unknown region; the store's.
Result<json> TargetsJson(RequestContext& ctx, const AnalyticsService& service) {
  std::optional<int> year = ParseInt(ctx.request().Query("year"));
  if (!year || *year < 2000 || *year > 2099) {
    return InvalidArgument("bad year", {{"year", "a year such as 2021"}});
  }
  analytics::TableRequest request;
  std::string side;
  RETURN_IF_ERROR(CommonOf(ctx, 0, request, side));
  // The agreement targets (年度帮扶协议) and the indicator each is measured by.
  const std::vector<report::AgreementField>& fields = report::AgreementFields();
  for (const report::AgreementField& f : fields) request.indicators.emplace_back(f.indicator);
  request.depth = 0;
  request.months = analytics::YearRange(*year);
  ASSIGN_OR_RETURN(analytics::Table table, service.analytics().Query(request));
  ASSIGN_OR_RETURN(AgreementTargets agreed,
                   AgreementTargetsOf(ctx, request.region, *year, request.side));

  const RecordLabels& labels = RecordLabels::For(RequestLang(ctx.request()));
  json items = json::array();
  for (size_t k = 0; k < fields.size(); ++k) {
    // Stays null unless some counted target sets the field.
    const std::optional<int64_t> target = agreed.Sum(fields[k].field);
    const model::Indicator& i = *table.indicators[k];
    const analytics::Cell& value = table.total.indicators[k].cells[0];
    items.push_back({{"field", fields[k].field},
                     {"indicator", i.code},
                     {"name", labels.lang() == "en" ? i.name_en : i.name_zh},
                     {"unit", model::IndicatorUnitName(i.unit)},
                     {"unit_label", model::IndicatorUnitLabel(i.unit, labels.lang())},
                     {"target", target ? json(*target) : json(nullptr)},
                     {"value", value.has_data ? json(value.value) : json(nullptr)},
                     {"ratio", RatioJson(value, target)}});
  }
  json counted = json::array();
  for (const CountedPairing& c : agreed.pairings) {
    auto t = agreed.targets.find(c.id);
    counted.push_back(
        {{"id", c.id},
         {"name", c.name},
         {"level", c.level},
         {"east_region_code", c.east_region_code},
         {"west_region_code", c.west_region_code},
         {"party_region_code", c.party},
         {"target_id", t == agreed.targets.end() ? json(nullptr) : json(t->second.id)}});
  }
  return json{{"region_code", request.region},
              {"year", *year},
              {"side", side},
              {"pairings", counted},
              {"items", items}};
}

}  // namespace

void RegisterAnalyticsRoutes(Router& router, const std::shared_ptr<AnalyticsService>& service) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/indicators",
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                const RecordLabels& labels = RecordLabels::For(RequestLang(ctx.request()));
                json items = json::array();
                for (const model::Indicator& i : model::Indicators()) {
                  items.push_back(IndicatorJson(i, labels));
                }
                return JsonResponse({{"items", items}});
              }});
  auto unavailable = [] { return Unavailable("analytics did not start; see the server log"); };
  router.Add({.method = "GET",
              .pattern = "/api/v1/analytics/table",
              .permission = model::perm::kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(auto parsed, TableRequestOf(ctx));
                const auto& [request, side] = parsed;
                ASSIGN_OR_RETURN(analytics::Table table, service->analytics().Query(request));
                const RecordLabels& labels = RecordLabels::For(RequestLang(ctx.request()));
                json indicators = json::array();
                for (const model::Indicator* i : table.indicators) {
                  indicators.push_back(IndicatorJson(*i, labels));
                }
                json rows = json::array();
                for (const analytics::TableRow& row : table.rows) rows.push_back(RowJson(row));
                json total = RowJson(table.total);
                if (table.total.region < 0)
                  total["name"] = labels.lang() == "en" ? "China" : "全国";
                return JsonResponse({{"region_code", request.region},
                                     {"period",
                                      {{"first", MonthText(request.months.first)},
                                       {"last", MonthText(request.months.last)}}},
                                     {"side", side},
                                     {"depth", request.depth},
                                     {"indicators", indicators},
                                     {"rows", rows},
                                     {"total", total}});
              }});
  // A year's figures against the agreement targets of the pairings that count for the region
  // (?region_code, year, side): each target's sum, the indicator's value and their ratio.
  router.Add({.method = "GET",
              .pattern = "/api/v1/analytics/targets",
              .permission = model::perm::kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(json body, TargetsJson(ctx, *service));
                return JsonResponse(body);
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/analytics/table/export",
              .permission = model::perm::kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(auto parsed, TableRequestOf(ctx));
                const analytics::TableRequest& request = parsed.first;
                ASSIGN_OR_RETURN(MoneyUnit money, MoneyUnitOf(ctx.request()));
                ASSIGN_OR_RETURN(analytics::Table table, service->analytics().Query(request));
                const RecordLabels& labels = RecordLabels::For(RequestLang(ctx.request()));
                ASSIGN_OR_RETURN(
                    std::string bytes,
                    io::WriteXlsx({TableSheet(table, request.by_breakdown, money, labels)}));
                std::string name = (labels.lang() == "en" ? "figures-" : "指标数据-") +
                                   (request.region.empty() ? std::string("all") : request.region) +
                                   "-" + ctx.request().Query("period") + ".xlsx";
                return FileResponse(std::move(bytes), kXlsxType, name);
              }});
  // One region's figures month by month (?from=2021-01&to=2021-12): the dashboards' trend.
  router.Add({.method = "GET",
              .pattern = "/api/v1/analytics/series",
              .permission = model::perm::kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(Series series, RunSeries(ctx, *service));
                const RecordLabels& labels = RecordLabels::For(RequestLang(ctx.request()));
                json months = json::array();
                for (analytics::Month m : series.months) months.push_back(MonthText(m));
                json values = json::array();
                for (const auto& cells : series.values) {
                  json row = json::array();
                  for (const analytics::Cell& c : cells) row.push_back(CellJson(c));
                  values.push_back(std::move(row));
                }
                json indicators = json::array();
                for (const model::Indicator* i : series.indicators) {
                  indicators.push_back(IndicatorJson(*i, labels));
                }
                return JsonResponse({{"region_code", series.request.region},
                                     {"side", series.side},
                                     {"months", months},
                                     {"indicators", indicators},
                                     {"values", values}});
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/analytics/series/export",
              .permission = model::perm::kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(MoneyUnit money, MoneyUnitOf(ctx.request()));
                ASSIGN_OR_RETURN(Series series, RunSeries(ctx, *service));
                const RecordLabels& labels = RecordLabels::For(RequestLang(ctx.request()));
                // Months as rows, indicators as columns.
                analytics::Table table;
                table.indicators = series.indicators;
                for (size_t m = 0; m < series.months.size(); ++m) {
                  analytics::TableRow row;
                  row.name = MonthText(series.months[m]);
                  for (const auto& cells : series.values) row.indicators.push_back({{cells[m]}});
                  table.rows.push_back(std::move(row));
                }
                io::XlsxSheet sheet = TableSheet(table, false, money, labels, false);
                sheet.columns[0].header = labels.lang() == "en" ? "Month" : "月份";
                ASSIGN_OR_RETURN(std::string bytes, io::WriteXlsx({sheet}));
                std::string name =
                    (labels.lang() == "en" ? "trend-" : "月度趋势-") +
                    (series.request.region.empty() ? std::string("all") : series.request.region) +
                    ".xlsx";
                return FileResponse(std::move(bytes), kXlsxType, name);
              }});
}

}  // namespace xiezuo::api
