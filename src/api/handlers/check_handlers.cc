// /api/v1/checks: checks on the numbers (数据核查) within the caller's scope — validation rules
// over the figures of regions and a period, two-sided reconciliation of each pairing (what the
// east side says it gave against what the west side says it received), and completeness of
// the data sets (who has submitted which periods, and who is overdue).
#include <set>

#include <nlohmann/json.hpp>

#include "api/analytics_service.h"
#include "api/app.h"
#include "api/completeness.h"
#include "api/reconciliation.h"
#include "api/record_labels.h"
#include "model/validation_rule.h"

namespace xiezuo::api {
namespace {

using nlohmann::json;

bool English(const RequestContext& ctx) { return RequestLang(ctx.request()) == "en"; }

json RegionRef(const AnalyticsService& service, const std::string& code) {
  int32_t n = service.analytics().regions().Find(code);
  return {{"code", code},
          {"name", n < 0 ? std::string() : service.analytics().regions().node(n).name}};
}

// ?region_code, or the caller's scope.
std::string RegionOf(const RequestContext& ctx) {
  std::string region = ctx.request().Query("region_code");
  return region.empty() ? ctx.principal().user.scope_region_code : region;
}

Result<model::Period> PeriodOf(const RequestContext& ctx) {
  std::string period = ctx.request().Query("period");
  if (period.empty()) {
    return InvalidArgument("no period", {{"period", "a year, quarter (2021Q3) or month"}});
  }
  return model::ParsePeriod(period);
}

// ---- validation ----

Result<json> Validate(RequestContext& ctx, const AnalyticsService& service) {
  const HttpRequest& req = ctx.request();
  analytics::TableRequest request;
  request.region = RegionOf(ctx);
  request.depth = 1;
  if (!req.Query("depth").empty()) {
    std::optional<int> depth = ParseInt(req.Query("depth"));
    if (!depth || *depth < 0 || *depth > 3) {
      return InvalidArgument("bad depth", {{"depth", "0 (the region itself) to 3 levels below"}});
    }
    request.depth = *depth;
  }
  ASSIGN_OR_RETURN(model::Period period, PeriodOf(ctx));
  request.months = PeriodMonths(period);
  std::string side = req.Query("side");
  if (side.empty()) {
    side = model::RegionSide(request.region) == model::CooperationSide::kEast ? "east" : "west";
  }
  if (side != "east" && side != "west") {
    return InvalidArgument("bad side", {{"side", "east or west"}});
  }
  request.side = side == "east" ? analytics::Side::kEast : analytics::Side::kWest;
  request.by_breakdown = true;
  const auto& rules = model::ValidationRules();
  for (const model::ValidationRule& rule : rules) {
    for (const auto* terms : {&rule.left, &rule.right}) {
      for (const model::RuleTerm& t : *terms) {
        if (std::find(request.indicators.begin(), request.indicators.end(), t.indicator) ==
            request.indicators.end()) {
          request.indicators.push_back(t.indicator);
        }
      }
    }
  }
  ASSIGN_OR_RETURN(analytics::Table table, service.analytics().Query(request));
  // Each term's place in a row's cells: [indicator][option].
  auto cell_of = [&](const analytics::TableRow& row,
                     const model::RuleTerm& t) -> std::optional<int64_t> {
    size_t k = std::find(request.indicators.begin(), request.indicators.end(), t.indicator) -
               request.indicators.begin();
    size_t o = 0;
    if (!t.option.empty()) {
      const auto& options = model::BreakdownOptions(*model::FindIndicator(t.indicator));
      o = 1 + (std::find(options.begin(), options.end(), t.option) - options.begin());
    }
    const std::vector<analytics::Cell>& cells = row.indicators[k].cells;
    if (o >= cells.size() || !cells[o].has_data) return std::nullopt;
    return cells[o].value;
  };
  const bool english = English(ctx);
  json violations = json::array();
  int64_t checked = 0;
  for (const analytics::TableRow& row : table.rows) {
    for (const model::ValidationRule& rule : rules) {
      std::optional<model::RuleOutcome> outcome =
          model::EvaluateRule(rule, [&](const model::RuleTerm& t) { return cell_of(row, t); });
      if (!outcome) continue;
      ++checked;
      if (outcome->holds) continue;
      violations.push_back({{"rule", rule.code},
                            {"name", english ? rule.name_en : rule.name_zh},
                            {"expression", rule.expression},
                            {"operator", model::RuleOperatorText(rule.op)},
                            {"region", {{"code", row.code}, {"name", row.name}}},
                            {"period", period.ToString()},
                            {"left", outcome->left},
                            {"right", outcome->right}});
    }
  }
  return json{{"period", period.ToString()},
              {"side", side},
              {"regions", table.rows.size()},
              {"checked", checked},
              {"violations", violations}};
}

// ---- reconciliation ----

Result<json> Reconcile(RequestContext& ctx, const AnalyticsService& service) {
  ASSIGN_OR_RETURN(model::Period period, PeriodOf(ctx));
  const bool english = English(ctx);
  ASSIGN_OR_RETURN(Reconciliation r,
                   ReconcileWithin(ctx, service, RegionOf(ctx), PeriodMonths(period),
                                   ctx.request().Query("all") == "1"));
  auto value = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); };
  json rows = json::array();
  for (const ReconciledFigure& f : r.figures) {
    const PairingSummary& p = *f.pairing;
    rows.push_back(
        {{"pairing", {{"id", p.id}, {"name", p.name}, {"status", p.status}}},
         {"east", RegionRef(service, p.east_region_code)},
         {"west", RegionRef(service, p.west_region_code)},
         {"indicator", f.indicator->code},
         {"name", english ? f.indicator->name_en : f.indicator->name_zh},
         {"unit", model::IndicatorUnitName(f.indicator->unit)},
         {"east_value", value(f.east_value)},
         {"west_value", value(f.west_value)},
         {"east_entered", f.east_entered},
         {"west_entered", f.west_entered},
         {"difference",
          f.east_value && f.west_value ? json(*f.east_value - *f.west_value) : json(nullptr)},
         {"matches", f.matches},
         {"shared", f.shared}});
  }
  return json{{"period", period.ToString()},
              {"pairings", r.pairings.size()},
              {"compared", r.compared},
              {"mismatches", r.mismatches},
              {"rows", rows}};
}

// ---- completeness ----

Result<json> CompletenessJson(RequestContext& ctx, const AnalyticsService& service, int64_t now) {
  const HttpRequest& req = ctx.request();
  const model::Dataset* dataset = model::FindDataset(req.Query("dataset"));
  if (dataset == nullptr) {
    return InvalidArgument("unknown data set", {{"dataset", "the code of a data set"}});
  }
  std::optional<int> year = ParseInt(req.Query("year"));
  if (!year || *year < 2000 || *year > 2099) {
    return InvalidArgument("bad year", {{"year", "a year from 2000 to 2099"}});
  }
  const std::string region = RegionOf(ctx);
  ASSIGN_OR_RETURN(std::vector<PairingSummary> pairings, PairingsWithin(ctx, region));
  ASSIGN_OR_RETURN(Completeness c, CompletenessOf(ctx, *dataset, region, *year, now, pairings));
  json period_json = json::array();
  for (const CompletenessPeriod& p : c.periods) {
    period_json.push_back({{"period", p.period.ToString()},
                           {"deadline_at", p.deadline_at},
                           {"due", p.due},
                           {"expected", p.expected},
                           {"submitted", p.submitted},
                           {"overdue", p.overdue}});
  }
  json rows = json::array();
  for (const CompletenessRow& r : c.rows) {
    json cells = json::array();
    for (size_t i = 0; i < r.cells.size(); ++i) {
      const CompletenessCell& cell = r.cells[i];
      cells.push_back(
          {{"period", c.periods[i].period.ToString()},
           {"status", cell.status ? model::SubmissionStatusName(*cell.status) : "missing"},
           {"approvals", cell.approvals},
           {"overdue", cell.overdue},
           {"updated_at", cell.updated_at}});
    }
    json row = RegionRef(service, r.region_code);
    row["cells"] = std::move(cells);
    rows.push_back(std::move(row));
  }
  const int64_t due = c.due, submitted = c.submitted;
  return json{{"dataset", dataset->code},
              {"dataset_name", English(ctx) ? dataset->name_en : dataset->name_zh},
              {"year", *year},
              {"deadline_days", c.deadline_days},
              {"periods", period_json},
              {"rows", rows},
              {"summary",
               {{"reporters", c.rows.size()},
                {"due", due},
                {"submitted", submitted},
                {"approved", c.approved},
                {"overdue", c.overdue},
                // Of the due forms, the share in the figures, in hundredths of a percent.
                {"rate", due == 0 ? json(nullptr) : json(submitted * 10000 / due)}}}};
}

}  // namespace

void RegisterCheckRoutes(Router& router, const Clock& clock,
                         const std::shared_ptr<AnalyticsService>& service) {
  using model::perm::kAnalyticsRead;
  auto unavailable = [] { return Unavailable("analytics did not start; see the server log"); };
  router.Add({.method = "GET",
              .pattern = "/api/v1/checks/rules",
              .permission = kAnalyticsRead,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                const bool english = English(ctx);
                json items = json::array();
                for (const model::ValidationRule& r : model::ValidationRules()) {
                  items.push_back({{"code", r.code},
                                   {"name", english ? r.name_en : r.name_zh},
                                   {"expression", r.expression},
                                   {"operator", model::RuleOperatorText(r.op)}});
                }
                return JsonResponse({{"items", items}});
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/checks/validation",
              .permission = kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(json body, Validate(ctx, *service));
                return JsonResponse(body);
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/checks/reconciliation",
              .permission = kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(json body, Reconcile(ctx, *service));
                return JsonResponse(body);
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/checks/completeness",
       .permission = model::perm::kDatasetRead,
       .scope = ScopeRule::kQueryRegion,
       .handler = [service, &clock, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
         if (service == nullptr) return unavailable();
         ASSIGN_OR_RETURN(json body, CompletenessJson(ctx, *service, clock.NowSeconds()));
         return JsonResponse(body);
       }});
}

}  // namespace xiezuo::api
