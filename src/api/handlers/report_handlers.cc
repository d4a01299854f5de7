// /api/v1/reports/annual: a region's annual summary written from its data — GET gives its
// keyed paragraphs and tables (for the office to read and edit), POST …/docx takes the edited
// paragraphs and returns the .docx. /api/v1/reports/tables: the statistical tables, as JSON to
// show and as .xlsx to send upward.
#include <nlohmann/json.hpp>

#include "api/annual_report_input.h"
#include "api/app.h"
#include "api/statistical_tables_input.h"
#include "io/docx_writer.h"
#include "report/annual_report.h"

namespace xiezuo::api {
namespace {

using nlohmann::json;

constexpr const char* kDocxType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr size_t kMaxParagraph = 5000;  // bytes of an edited paragraph

const char* StyleName(io::DocxStyle s) {
  switch (s) {
    case io::DocxStyle::kTitle:
      return "title";
    case io::DocxStyle::kHeading1:
      return "heading1";
    case io::DocxStyle::kHeading2:
      return "heading2";
    case io::DocxStyle::kBody:
      return "body";
    case io::DocxStyle::kPlain:
      return "plain";
    case io::DocxStyle::kCaption:
      return "caption";
  }
  return "body";
}

// The report a request asks for: ?region_code (default: the caller's scope), ?year and
// ?to_month (default 12, the whole year; 6 for the first half).
struct Asked {
  report::AnnualReport report;
  std::string region;
  std::string region_name;
  ReportPeriod period;
};

Result<Asked> ReportOf(RequestContext& ctx, const AnalyticsService& service, int64_t now) {
  Asked a;
  a.region = ctx.request().Query("region_code");
  if (a.region.empty()) a.region = ctx.principal().user.scope_region_code;
  std::optional<int> y = ParseInt(ctx.request().Query("year"));
  if (!y) return InvalidArgument("bad year", {{"year", "a year such as 2021"}});
  const std::string to_month = ctx.request().Query("to_month");
  std::optional<int> m = to_month.empty() ? 12 : ParseInt(to_month);
  ASSIGN_OR_RETURN(a.period, ReportPeriodOf(*y, m.value_or(0), now));
  ASSIGN_OR_RETURN(report::ReportInput in, GatherAnnualReport(ctx, service, a.region, a.period));
  a.region_name = in.region_name;
  a.report = report::ComposeAnnualReport(in);
  return a;
}

// A report route's handler: unavailable without the analytics, else `fn(ctx, asked)`.
template <typename F>
Handler WithReport(const Clock& clock, const std::shared_ptr<AnalyticsService>& service, F fn) {
  return [&clock, service, fn](RequestContext& ctx) -> Result<HttpResponse> {
    if (service == nullptr) return Unavailable("analytics did not start; see the server log");
    ASSIGN_OR_RETURN(Asked asked, ReportOf(ctx, *service, clock.NowSeconds()));
    return fn(ctx, asked);
  };
}

json ReportJson(const report::AnnualReport& r, const std::string& region,
                const std::string& region_name, const ReportPeriod& period) {
  json paragraphs = json::array();
  for (const report::ReportParagraph& p : r.paragraphs) {
    paragraphs.push_back({{"key", p.key}, {"style", StyleName(p.style)}, {"text", p.text}});
  }
  json tables = json::array();
  for (const report::ReportTable& t : r.tables) {
    tables.push_back({{"key", t.key},
                      {"caption", t.caption},
                      {"header", t.table.header},
                      {"rows", t.table.rows}});
  }
  // The charts as data, for the page to draw what the .docx shows as images.
  json charts = json::array();
  for (const report::ReportChart& c : r.charts) {
    json series = json::array();
    for (const io::ChartSeries& s : c.chart.series) {
      json values = json::array();
      for (const std::optional<double>& v : s.values) values.push_back(v ? json(*v) : json());
      series.push_back({{"name", s.name}, {"values", values}, {"labels", s.labels}});
    }
    charts.push_back({{"key", c.key},
                      {"caption", c.caption},
                      {"unit", c.chart.unit},
                      {"categories", c.chart.categories},
                      {"series", series},
                      {"reference", c.chart.reference ? json(*c.chart.reference) : json()},
                      {"reference_label", c.chart.reference_label}});
  }
  return {{"region_code", region},
          {"region_name", region_name},
          {"year", period.year},
          {"to_month", period.to_month},
          {"period_label", period.label()},
          {"title", r.title},
          {"paragraphs", paragraphs},
          {"tables", tables},
          {"charts", charts}};
}

// {"edits": {key: text}} of a POST body: every key a paragraph of `r`, every text a string.
Result<std::map<std::string, std::string>> EditsOf(const std::string& body,
                                                   const report::AnnualReport& r) {
  std::map<std::string, std::string> edits;
  if (body.empty()) return edits;
  json j = json::parse(body, nullptr, false);
  if (!j.is_object()) return InvalidArgument("the body must be a JSON object", {{"", "an object"}});
  auto it = j.find("edits");
  if (it == j.end() || it->is_null()) return edits;
  if (!it->is_object()) {
    return InvalidArgument("edits must map paragraph keys to text", {{"edits", "an object"}});
  }
  for (const auto& item : it->items()) {
    const std::string& key = item.key();
    const json& text = item.value();
    const bool known = std::any_of(r.paragraphs.begin(), r.paragraphs.end(),
                                   [&](const report::ReportParagraph& p) { return p.key == key; });
    if (!known) return InvalidArgument("no paragraph " + key, {{"edits." + key, "unknown key"}});
    if (!text.is_string() || text.get<std::string>().size() > kMaxParagraph) {
      return InvalidArgument("paragraph " + key + " must be text of at most " +
                                 std::to_string(kMaxParagraph) + " bytes",
                             {{"edits." + key, "text, at most 5000 bytes"}});
    }
    edits[key] = text.get<std::string>();
  }
  return edits;
}

// The statistical tables a request asks for: ?region_code (default: the caller's scope) and
// ?year.
Result<report::StatisticalTables> TablesOf(RequestContext& ctx, const AnalyticsService& service) {
  std::string region = ctx.request().Query("region_code");
  if (region.empty()) region = ctx.principal().user.scope_region_code;
  std::optional<int> year = ParseInt(ctx.request().Query("year"));
  if (!year) return InvalidArgument("bad year", {{"year", "a year such as 2021"}});
  return GatherStatisticalTables(service, region, *year, ctx.principal().user.display_name);
}

json TablesJson(const report::StatisticalTables& t) {
  json sheets = json::array();
  auto row_json = [](const report::StatRow& row) {
    json values = json::array();
    for (const std::optional<int64_t>& v : row.values) values.push_back(v ? json(*v) : json());
    return json{{"code", row.code}, {"name", row.name}, {"values", values}};
  };
  for (const report::StatSheet& s : t.sheets) {
    json columns = json::array();
    for (const report::StatColumn& c : s.columns) {
      columns.push_back({{"header", c.header}, {"unit", model::IndicatorUnitName(c.unit)}});
    }
    json rows = json::array();
    for (const report::StatRow& r : s.rows) rows.push_back(row_json(r));
    sheets.push_back(
        {{"name", s.name}, {"columns", columns}, {"rows", rows}, {"total", row_json(s.total)}});
  }
  return {{"region_code", t.region_code},
          {"region_name", t.region_name},
          {"year", t.year},
          {"title", t.title},
          {"sheets", sheets}};
}

// A tables route's handler: unavailable without the analytics, else `fn(ctx, tables)`.
template <typename F>
Handler WithTables(const std::shared_ptr<AnalyticsService>& service, F fn) {
  return [service, fn](RequestContext& ctx) -> Result<HttpResponse> {
    if (service == nullptr) return Unavailable("analytics did not start; see the server log");
    ASSIGN_OR_RETURN(report::StatisticalTables tables, TablesOf(ctx, *service));
    return fn(tables);
  };
}

}  // namespace

void RegisterReportRoutes(Router& router, const Clock& clock,
                          const std::shared_ptr<AnalyticsService>& service) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/reports/annual",
              .permission = model::perm::kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = WithReport(clock, service, [](RequestContext&, const Asked& a) {
                return Result<HttpResponse>(
                    JsonResponse(ReportJson(a.report, a.region, a.region_name, a.period)));
              })});
  router.Add({.method = "POST",
              .pattern = "/api/v1/reports/annual/docx",
              .permission = model::perm::kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = WithReport(
                  clock, service, [](RequestContext& ctx, const Asked& a) -> Result<HttpResponse> {
                    ASSIGN_OR_RETURN(auto edits, EditsOf(ctx.request().body, a.report));
                    ASSIGN_OR_RETURN(
                        io::DocxDocument doc,
                        report::ReportDocument(a.report, edits, ctx.principal().user.display_name));
                    ASSIGN_OR_RETURN(std::string bytes, io::WriteDocx(doc));
                    return FileResponse(std::move(bytes), kDocxType, a.report.title + ".docx");
                  })});
  router.Add({.method = "GET",
              .pattern = "/api/v1/reports/tables",
              .permission = model::perm::kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = WithTables(service, [](const report::StatisticalTables& t) {
                return Result<HttpResponse>(JsonResponse(TablesJson(t)));
              })});
  router.Add({.method = "GET",
              .pattern = "/api/v1/reports/tables/xlsx",
              .permission = model::perm::kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = WithTables(
                  service, [](const report::StatisticalTables& t) -> Result<HttpResponse> {
                    ASSIGN_OR_RETURN(std::string bytes, report::StatisticalTablesXlsx(t));
                    return FileResponse(std::move(bytes), kXlsxType, t.title + ".xlsx");
                  })});
}

}  // namespace xiezuo::api
