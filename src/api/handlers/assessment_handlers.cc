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

#include "api/agreement_targets.h"
#include "api/analytics_service.h"
#include "api/app.h"
#include "api/record_labels.h"
#include "io/xlsx_writer.h"
#include "report/assessment.h"

namespace xiezuo::api {
namespace {

using nlohmann::json;
using report::AssessmentTemplate;

bool English(const RequestContext& ctx) { return RequestLang(ctx.request()) == "en"; }

Result<int> YearOf(const std::string& text) {
  std::optional<int> year = ParseInt(text);
  if (!year || *year < 2000 || *year > 2099) {
    return InvalidArgument("bad year", {{"year", "a year such as 2021"}});
  }
  return *year;
}

Result<model::CooperationSide> SideOf(const std::string& side) {
  if (side == "east") return model::CooperationSide::kEast;
  if (side == "west") return model::CooperationSide::kWest;
  return InvalidArgument("bad side", {{"side", "east (the giving side) or west (receiving)"}});
}

// A template and where it came from.
struct FoundTemplate {
  AssessmentTemplate t;
  bool shipped = false;  // no stored version: the shipped template (version 0)
  std::vector<store::AssessmentTemplateVersion> versions;
};

// The template for `year` and `side`: stored version `version` (the latest when 0), or the
// shipped one when none is stored. Errors: kNotFound for a version that is not stored;
// kInternal for a stored body that no longer reads (a catalogue change).
Result<FoundTemplate> TemplateOf(store::Store& store, int year, const std::string& side,
                                 int version) {
  ASSIGN_OR_RETURN(model::CooperationSide s, SideOf(side));
  FoundTemplate found;
  ASSIGN_OR_RETURN(found.versions, store.ListAssessmentTemplates(year, side));
  if (found.versions.empty() && version == 0) {
    found.t = report::DefaultTemplate(year, s);
    found.t.version = 0;
    found.shipped = true;
    return found;
  }
  const store::AssessmentTemplateVersion* v =
      found.versions.empty() ? nullptr : &found.versions.back();
  if (version != 0) {
    auto it = std::find_if(found.versions.begin(), found.versions.end(),
                           [&](const auto& x) { return x.version == version; });
    v = it == found.versions.end() ? nullptr : &*it;
  }
  if (v == nullptr) {
    return NotFound("no version " + std::to_string(version) + " of the " + std::to_string(year) +
                    " " + side + " assessment template");
  }
  json body = json::parse(v->body, nullptr, false);
  if (!body.is_discarded()) {
    body["year"] = year;
    body["side"] = side;
    body["version"] = v->version;
  }
  auto t = report::TemplateFromJson(body);
  if (!t.ok()) {
    return Internal("stored assessment template " + std::to_string(year) + "/" + side + "/" +
                    std::to_string(v->version) + " does not read: " + t.status().message());
  }
  found.t = std::move(t).value();
  return found;
}

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

struct ScoreRun {
  FoundTemplate found;
  int year = 0;
  std::string side;
  std::string region;  // whose children are the peers ("" with a chosen group)
  std::vector<std::string> peers;
  std::map<std::string, std::string> names;
  std::vector<report::RegionScore> scores;  // ranked first, then by code
};

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

// The value of each of `indicators` for `region` over `months` on `side`; nullopt where there is
// no figure (missing, not zero).
Result<std::vector<std::optional<int64_t>>> FiguresOf(const AnalyticsService& service,
                                                      const std::vector<std::string>& indicators,
                                                      const std::string& region,
                                                      analytics::MonthRange months,
                                                      analytics::Side side) {
  if (indicators.empty()) return std::vector<std::optional<int64_t>>();  // manual items only
  analytics::TableRequest request;
  request.indicators = indicators;
  request.region = region;
  request.depth = 0;
  request.months = months;
  request.side = side;
  ASSIGN_OR_RETURN(analytics::Table table, service.analytics().Query(request));
  std::vector<std::optional<int64_t>> out;
  for (const analytics::IndicatorCells& c : table.total.indicators) {
    const analytics::Cell& cell = c.cells.at(0);
    out.push_back(cell.has_data ? std::optional<int64_t>(cell.value) : std::nullopt);
  }
  return out;
}

Result<ScoreRun> RunScores(RequestContext& ctx, const AnalyticsService& service) {
  const HttpRequest& req = ctx.request();
  ScoreRun run;
  ASSIGN_OR_RETURN(run.year, YearOf(req.Query("year")));
  const analytics::RegionIndex& index = service.analytics().regions();
  ASSIGN_OR_RETURN(run.peers, PeersOf(ctx, index, run.region));
  run.side = req.Query("side");
  if (run.side.empty()) {
    const std::string& probe = run.region.empty() ? run.peers.front() : run.region;
    run.side = model::RegionSide(probe) == model::CooperationSide::kEast ? "east" : "west";
  }
  ASSIGN_OR_RETURN(int version, VersionOf(ctx));
  ASSIGN_OR_RETURN(run.found, TemplateOf(ctx.store(), run.year, run.side, version));
  const analytics::Side side = run.side == "east" ? analytics::Side::kEast : analytics::Side::kWest;

  const std::vector<const report::AssessmentItem*> items = run.found.t.Items();
  std::vector<std::string> indicators;  // each once, in the items' order
  for (const report::AssessmentItem* i : items) {
    if (!i->indicator.empty() &&
        std::find(indicators.begin(), indicators.end(), i->indicator) == indicators.end()) {
      indicators.push_back(i->indicator);
    }
  }
  auto column = [&](const std::string& code) {
    return static_cast<size_t>(std::find(indicators.begin(), indicators.end(), code) -
                               indicators.begin());
  };
  std::map<std::string, std::vector<report::ItemInput>> inputs;
  for (const std::string& peer : run.peers) {
    run.names[peer] = index.node(index.Find(peer)).name;
    ASSIGN_OR_RETURN(auto now,
                     FiguresOf(service, indicators, peer, analytics::YearRange(run.year), side));
    ASSIGN_OR_RETURN(auto before, FiguresOf(service, indicators, peer,
                                            analytics::YearRange(run.year - 1), side));
    ASSIGN_OR_RETURN(AgreementTargets agreed, AgreementTargetsOf(ctx, peer, run.year, side));
    std::vector<report::ItemInput>& list = inputs[peer];
    for (const report::AssessmentItem* i : items) {
      report::ItemInput in;
      if (!i->indicator.empty()) {
        in.value = now[column(i->indicator)];
        in.last_year = before[column(i->indicator)];
      }
      if (i->target_source == report::TargetSource::kAgreement) {
        in.agreement = agreed.Sum(i->agreement_field);
      }
      // Manual points come with the self-evaluations (not stored yet): missing until then.
      list.push_back(in);
    }
  }
  ASSIGN_OR_RETURN(run.scores, report::Score(run.found.t, inputs));
  std::sort(run.scores.begin(), run.scores.end(),
            [](const report::RegionScore& a, const report::RegionScore& b) {
              const int ra = a.rank.value_or(std::numeric_limits<int>::max());
              const int rb = b.rank.value_or(std::numeric_limits<int>::max());
              return std::tie(ra, a.region_code) < std::tie(rb, b.region_code);
            });
  return run;
}

json OptionalJson(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json ScoresJson(const ScoreRun& run, bool english) {
  const std::vector<const report::AssessmentItem*> items = run.found.t.Items();
  json regions = json::array();
  for (const report::RegionScore& s : run.scores) {
    json list = json::array();
    for (size_t k = 0; k < s.items.size(); ++k) {
      const report::ItemScore& i = s.items[k];
      list.push_back({{"code", i.code},
                      {"value", OptionalJson(i.value)},
                      {"target", OptionalJson(i.target)},
                      {"ratio", OptionalJson(i.ratio)},
                      {"points", OptionalJson(i.points)},
                      {"full_points", items[k]->points},
                      {"rank", i.rank ? json(*i.rank) : json(nullptr)},
                      {"missing", i.missing.empty() ? json(nullptr) : json(i.missing)}});
    }
    regions.push_back(
        {{"region_code", s.region_code},
         {"name", run.names.at(s.region_code)},
         {"points", s.points},
         {"full_points", s.full_points},
         {"missing", s.missing},
         {"grade", s.grade ? json(report::GradeName(*s.grade)) : json(nullptr)},
         {"grade_label",
          s.grade ? json(report::GradeLabel(*s.grade, english ? "en" : "zh")) : json(nullptr)},
         {"rank", s.rank ? json(*s.rank) : json(nullptr)},
         {"items", list}});
  }
  return {{"year", run.year},
          {"side", run.side},
          {"region_code", run.region},
          {"template", report::TemplateJson(run.found.t)},
          {"shipped", run.found.shipped},
          {"regions", regions}};
}

// Points in hundredths as a number of points ("7.5"): exact, as the office reads it.
std::string PointsText(int64_t hundredths) {
  std::string s = std::to_string(hundredths / 100);
  const int64_t rest = hundredths % 100;
  if (rest != 0) {
    s += '.';
    s += static_cast<char>('0' + rest / 10);
    if (rest % 10 != 0) s += static_cast<char>('0' + rest % 10);
  }
  return s;
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
