// /api/v1/assessment: assessment templates (考核模板), one list of versions per year and side
// (the shipped template until an administrator stores one), and the scores of peer regions —
// the children of a region (the counties of a city) or a chosen group — computed live from the
// figures, last year's figures and the agreement targets, ranked, and exported to .xlsx.
#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "api/analytics_service.h"
#include "api/app.h"
#include "api/assessment_scores.h"
#include "api/record_labels.h"
#include "io/xlsx_writer.h"
#include "report/assessment.h"

namespace xiezuo::api {
namespace {

using nlohmann::json;
using report::AssessmentTemplate;

bool English(const RequestContext& ctx) { return RequestLang(ctx.request()) == "en"; }

json TemplateAnswer(const FoundTemplate& found) {
  json versions = json::array();
  for (const store::AssessmentTemplateVersion& v : found.versions) {
    versions.push_back(
        {{"version", v.version}, {"created_at", v.created_at}, {"created_by", v.created_by}});
  }
  return {{"template", report::TemplateJson(found.t)},
          {"shipped", found.shipped},
          {"versions", versions}};
}

// The version a request asks for (?version; 0 = the latest).
Result<int> VersionOf(const RequestContext& ctx) {
  const std::string text = ctx.request().Query("version");
  if (text.empty()) return 0;
  std::optional<int> v = ParseInt(text);
  if (!v || *v < 1) return InvalidArgument("bad version", {{"version", "1 or more"}});
  return *v;
}

// ---- scores ----

constexpr size_t kMaxPeers = 400;

// The peers a request scores: ?regions=a,b,… (each within the caller's scope), else the
// children of ?region_code (default: the caller's scope; the router checked it).
Result<std::vector<std::string>> PeersOf(RequestContext& ctx, const analytics::RegionIndex& index,
                                         std::string& region) {
  std::vector<std::string> peers = SplitCodes(ctx.request().Query("regions"));
  if (!peers.empty()) {
    region.clear();
    std::set<std::string> seen;
    for (const std::string& code : peers) {
      if (index.Find(code) < 0) {
        return InvalidArgument("unknown region " + code, {{"regions", "unknown code " + code}});
      }
      if (!seen.insert(code).second) {
        return InvalidArgument("region " + code + " is listed twice", {{"regions", code}});
      }
      RETURN_IF_ERROR(ctx.RequireInScope(code, "regions"));
    }
  } else {
    region = ctx.request().Query("region_code");
    if (region.empty()) region = ctx.principal().user.scope_region_code;
    const int32_t n = region.empty() ? -1 : index.Find(region);
    if (!region.empty() && n < 0) {
      return InvalidArgument("unknown region " + region, {{"region_code", "unknown code"}});
    }
    for (int32_t child : index.Children(n)) peers.push_back(index.node(child).code);
    if (peers.empty()) {
      return InvalidArgument("region " + region + " has no regions below it to compare",
                             {{"region_code", "choose a region with regions below it"}});
    }
  }
  if (peers.size() > kMaxPeers) {
    return InvalidArgument("too many regions to compare",
                           {{"regions", "at most " + std::to_string(kMaxPeers)}});
  }
  return peers;
}

// The scores a request asks for: ?year, ?side, ?version and the peers (see PeersOf).
Result<ScoreRun> RunScores(RequestContext& ctx, const AnalyticsService& service) {
  const HttpRequest& req = ctx.request();
  ASSIGN_OR_RETURN(int year, YearOf(req.Query("year")));
  std::string region;
  ASSIGN_OR_RETURN(std::vector<std::string> peers,
                   PeersOf(ctx, service.analytics().regions(), region));
  ASSIGN_OR_RETURN(int version, VersionOf(ctx));
  return ScorePeers(ctx, service, year, req.Query("side"), version, std::move(peers),
                    std::move(region));
}

json ScoresJson(const ScoreRun& run, bool english) {
  json regions = json::array();
  for (const report::RegionScore& s : run.scores)
    regions.push_back(RegionScoreJson(run, s, english));
  return {{"year", run.year},
          {"side", run.side},
          {"region_code", run.region},
          {"template", report::TemplateJson(run.found.t)},
          {"shipped", run.found.shipped},
          {"regions", regions}};
}

// One sheet: a row per region (rank, code, name, each item's points, total, grade); a missing
// item's cell says so instead of holding a 0.
io::XlsxSheet ScoresSheet(const ScoreRun& run, bool english) {
  io::XlsxSheet sheet;
  sheet.name = english ? "Scores" : "考核得分";
  sheet.columns = {{english ? "Rank" : "排名", io::XlsxCellType::kInteger, 8},
                   {english ? "Code" : "区划代码", io::XlsxCellType::kText, 14},
                   {english ? "Region" : "地区", io::XlsxCellType::kText, 14}};
  for (const report::AssessmentItem* i : run.found.t.Items()) {
    sheet.columns.push_back({(english && !i->name_en.empty() ? i->name_en : i->name_zh) + " (" +
                                 PointsText(i->points) + ")",
                             io::XlsxCellType::kText, 14});
  }
  sheet.columns.push_back({english ? "Total" : "总分", io::XlsxCellType::kText, 10});
  sheet.columns.push_back({english ? "Grade" : "等次", io::XlsxCellType::kText, 10});
  const std::string missing = english ? "missing" : "缺数";
  for (const report::RegionScore& s : run.scores) {
    std::vector<io::XlsxCell> row = {s.rank ? io::XlsxCell(int64_t{*s.rank}) : io::XlsxCell(),
                                     s.region_code, run.names.at(s.region_code)};
    for (const report::ItemScore& i : s.items) {
      row.emplace_back(i.points ? PointsText(*i.points) : missing);
    }
    row.emplace_back(PointsText(s.points) +
                     (s.missing > 0 ? " (" + missing + " " + std::to_string(s.missing) + ")" : ""));
    row.emplace_back(s.grade ? std::string(report::GradeLabel(*s.grade, english ? "en" : "zh"))
                             : std::string());
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

}  // namespace

void RegisterAssessmentRoutes(Router& router, const std::shared_ptr<AnalyticsService>& service) {
  using model::perm::kAssessmentAdmin;
  using model::perm::kAssessmentRead;
  router.Add({.method = "GET",
              .pattern = "/api/v1/assessment/templates/{year}/{side}",
              .permission = kAssessmentRead,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(int year, YearOf(ctx.Param("year")));
                ASSIGN_OR_RETURN(int version, VersionOf(ctx));
                ASSIGN_OR_RETURN(FoundTemplate found,
                                 TemplateOf(ctx.store(), year, ctx.Param("side"), version));
                return JsonResponse(TemplateAnswer(found));
              }});
  // Stores an edited template as the next version; the body is a template (see
  // report::TemplateJson) whose year, side and version are taken from the path and the store.
  router.Add(
      {.method = "PUT",
       .pattern = "/api/v1/assessment/templates/{year}/{side}",
       .permission = kAssessmentAdmin,
       .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
         ASSIGN_OR_RETURN(int year, YearOf(ctx.Param("year")));
         const std::string side = ctx.Param("side");
         RETURN_IF_ERROR(SideOf(side).status());
         json body = json::parse(ctx.request().body, nullptr, false);
         if (!body.is_object()) {
           return InvalidArgument("the body must be a JSON object (a template)",
                                  {{"", "a JSON object"}});
         }
         body["year"] = year;
         body["side"] = side;
         body["version"] = 1;  // the store gives the real one
         ASSIGN_OR_RETURN(AssessmentTemplate t, report::TemplateFromJson(body));
         json stored = report::TemplateJson(t);
         stored.erase("version");
         stored.erase("full_points");
         RETURN_IF_ERROR(
             ctx.store().AddAssessmentTemplate(year, side, stored.dump(), ctx.actor()).status());
         ASSIGN_OR_RETURN(FoundTemplate found, TemplateOf(ctx.store(), year, side, 0));
         return JsonResponse(TemplateAnswer(found), 201);
       }});
  auto unavailable = [] { return Unavailable("analytics did not start; see the server log"); };
  // The scores of the children of ?region_code (or of ?regions=a,b,…) for ?year on ?side with
  // the template's ?version (default: the latest).
  router.Add({.method = "GET",
              .pattern = "/api/v1/assessment/scores",
              .permission = kAssessmentRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(ScoreRun run, RunScores(ctx, *service));
                return JsonResponse(ScoresJson(run, English(ctx)));
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/assessment/scores/export",
              .permission = kAssessmentRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(ScoreRun run, RunScores(ctx, *service));
                const bool english = English(ctx);
                ASSIGN_OR_RETURN(std::string bytes, io::WriteXlsx({ScoresSheet(run, english)}));
                std::string name = (english ? "assessment-" : "考核得分-") +
                                   (run.region.empty() ? std::string("group") : run.region) + "-" +
                                   std::to_string(run.year) + ".xlsx";
                return FileResponse(std::move(bytes), kXlsxType, name);
              }});
}

}  // namespace xiezuo::api
