// /api/v1/indicators (the catalogue) and /api/v1/analytics/table (indicators × regions for one
// period, from the live engine), within the caller's scope.
#include <charconv>

#include "api/analytics_service.h"
#include "api/app.h"
#include "api/record_labels.h"

namespace xiezuo::api {
namespace {

using analytics::MonthRange;
using nlohmann::json;

std::optional<int> ParseInt(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// "2021" (a year), "2021Q3" (a quarter) or "2021-03" (a month); with since=2017, from January
// of that year to the end of the period (cumulative).
Result<MonthRange> PeriodOf(const HttpRequest& req) {
  std::string period = req.Query("period");
  auto bad = [&] {
    return InvalidArgument(
        "bad period " + period,
        {{"period", "use a year (2021), a quarter (2021Q3) or a month (2021-03)"}});
  };
  if (period.size() < 4) return bad();
  std::optional<int> year = ParseInt(std::string_view(period).substr(0, 4));
  if (!year || *year < 2000 || *year > 2099) return bad();
  MonthRange range;
  std::string_view rest = std::string_view(period).substr(4);
  if (rest.empty()) {
    range = analytics::YearRange(*year);
  } else if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') {
    range = analytics::QuarterRange(*year, rest[1] - '0');
  } else if (rest.size() == 3 && rest[0] == '-') {
    std::optional<int> month = ParseInt(rest.substr(1));
    if (!month || *month < 1 || *month > 12) return bad();
    range = analytics::MonthRangeOf(*year, *month);
  } else {
    return bad();
  }
  std::string since = req.Query("since");
  if (!since.empty()) {
    std::optional<int> from = ParseInt(since);
    if (!from || *from < 2000 || *from > *year) {
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
          {"unit_label", model::IndicatorUnitLabel(i.unit)},
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

std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
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
  router.Add({.method = "GET",
              .pattern = "/api/v1/analytics/table",
              .permission = model::perm::kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = [service](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr)
                  return Unavailable("analytics did not start; see the server log");
                const HttpRequest& req = ctx.request();
                analytics::TableRequest request;
                request.indicators = SplitCodes(req.Query("indicators"));
                if (request.indicators.size() > 50) {
                  return InvalidArgument("too many indicators", {{"indicators", "at most 50"}});
                }
                request.region = req.Query("region_code");
                if (request.region.empty()) request.region = ctx.principal().user.scope_region_code;
                std::string depth = req.Query("depth");
                if (!depth.empty()) {
                  std::optional<int> d = ParseInt(depth);
                  if (!d) return InvalidArgument("bad depth", {{"depth", "a number from 0 to 4"}});
                  request.depth = *d;
                }
                ASSIGN_OR_RETURN(request.months, PeriodOf(req));
                std::string side = req.Query("side");
                if (side.empty()) {
                  side = model::RegionSide(request.region) == model::CooperationSide::kEast
                             ? "east"
                             : "west";
                }
                if (side != "east" && side != "west") {
                  return InvalidArgument("bad side",
                                         {{"side", "east (what was given) or west (received)"}});
                }
                request.side = side == "east" ? analytics::Side::kEast : analytics::Side::kWest;
                std::string breakdown = req.Query("breakdown");
                if (!breakdown.empty() && breakdown != "0" && breakdown != "1") {
                  return InvalidArgument("bad breakdown", {{"breakdown", "must be 0 or 1"}});
                }
                request.by_breakdown = breakdown == "1";
                ASSIGN_OR_RETURN(analytics::Table table, service->analytics().Query(request));

                const RecordLabels& labels = RecordLabels::For(RequestLang(req));
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
}

}  // namespace xiezuo::api
