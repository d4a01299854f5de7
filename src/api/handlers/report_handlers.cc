// /api/v1/reports/annual: a region's annual summary written from its data — GET gives its
// keyed paragraphs and tables (for the office to read and edit), POST …/docx takes the edited
// paragraphs and returns the .docx.
#include <nlohmann/json.hpp>

#include "api/annual_report_input.h"
#include "api/app.h"
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

// The report a request asks for: ?region_code (default: the caller's scope) and ?year.
struct Asked {
  report::AnnualReport report;
  std::string region;
  std::string region_name;
  int year = 0;
};

Result<Asked> ReportOf(RequestContext& ctx, const AnalyticsService& service) {
  Asked a;
  a.region = ctx.request().Query("region_code");
  if (a.region.empty()) a.region = ctx.principal().user.scope_region_code;
  std::optional<int> y = ParseInt(ctx.request().Query("year"));
  if (!y) return InvalidArgument("bad year", {{"year", "a year such as 2021"}});
  a.year = *y;
  ASSIGN_OR_RETURN(report::ReportInput in, GatherAnnualReport(ctx, service, a.region, a.year));
  a.region_name = in.region_name;
  a.report = report::ComposeAnnualReport(in);
  return a;
}

// A report route's handler: unavailable without the analytics, else `fn(ctx, asked)`.
template <typename F>
Handler WithReport(const std::shared_ptr<AnalyticsService>& service, F fn) {
  return [service, fn](RequestContext& ctx) -> Result<HttpResponse> {
    if (service == nullptr) return Unavailable("analytics did not start; see the server log");
    ASSIGN_OR_RETURN(Asked asked, ReportOf(ctx, *service));
    return fn(ctx, asked);
  };
}

json ReportJson(const report::AnnualReport& r, const std::string& region,
                const std::string& region_name, int year) {
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
  return {{"region_code", region}, {"region_name", region_name}, {"year", year},
          {"title", r.title},      {"paragraphs", paragraphs},   {"tables", tables}};
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

}  // namespace

void RegisterReportRoutes(Router& router, const std::shared_ptr<AnalyticsService>& service) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/reports/annual",
              .permission = model::perm::kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = WithReport(service, [](RequestContext&, const Asked& a) {
                return Result<HttpResponse>(
                    JsonResponse(ReportJson(a.report, a.region, a.region_name, a.year)));
              })});
  router.Add({.method = "POST",
              .pattern = "/api/v1/reports/annual/docx",
              .permission = model::perm::kAnalyticsRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = WithReport(
                  service, [](RequestContext& ctx, const Asked& a) -> Result<HttpResponse> {
                    ASSIGN_OR_RETURN(auto edits, EditsOf(ctx.request().body, a.report));
                    ASSIGN_OR_RETURN(std::string bytes,
                                     io::WriteDocx(report::ReportDocument(
                                         a.report, edits, ctx.principal().user.display_name)));
                    return FileResponse(std::move(bytes), kDocxType, a.report.title + ".docx");
                  })});
}

}  // namespace xiezuo::api
