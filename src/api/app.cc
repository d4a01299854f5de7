// Wiring of the API application and helpers shared by handlers.
#include "api/app.h"

#include <charconv>
#include <set>

#include <spdlog/spdlog.h>

#include "model/model_json.h"

namespace xiezuo::api {

App::App(store::Store& store, const Clock& clock, AppOptions options)
    : options_(options), auth_(store, clock, options.auth), router_(store, auth_) {
  RegisterAuthRoutes(router_, auth_, options_);
  RegisterRegionRoutes(router_);
  RegisterInstitutionRoutes(router_);
  RegisterAccountRoutes(router_, auth_);
  RegisterAuditRoutes(router_);
  RegisterRecordRoutes(router_, clock);
  auto analytics = AnalyticsService::Start(store);
  if (analytics.ok()) {
    analytics_ = *analytics;
  } else {
    spdlog::error("analytics did not start: {}", analytics.status().ToString());
  }
  RegisterAnalyticsRoutes(router_, analytics_);
  RegisterDatasetRoutes(router_, clock, analytics_);
  RegisterCheckRoutes(router_, clock, analytics_);
  RegisterAssessmentRoutes(router_, analytics_);
  RegisterSelfEvaluationRoutes(router_, analytics_);
  RegisterReportRoutes(router_, clock, analytics_);
}

Result<nlohmann::json> RegionsWithPaths(store::Store& store,
                                        const std::vector<model::Region>& regions) {
  std::set<std::string> codes;
  for (const auto& r : regions) {
    for (int l = 1; l <= static_cast<int>(r.level); ++l) {
      codes.insert(r.code.substr(0, model::RegionCodeLength(static_cast<model::RegionLevel>(l))));
    }
  }
  ASSIGN_OR_RETURN(auto found, store.GetRegions({codes.begin(), codes.end()}));
  std::map<std::string, std::string> names;
  for (const auto& r : found) names[r.code] = r.name;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : regions) {
    std::string path;
    for (int l = 1; l <= static_cast<int>(r.level); ++l) {
      std::string code =
          r.code.substr(0, model::RegionCodeLength(static_cast<model::RegionLevel>(l)));
      if (!path.empty()) path += " / ";
      path += names.count(code) ? names[code] : code;
    }
    nlohmann::json j = model::ToJson(r);
    j["path"] = path;
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::json PrincipalJson(store::Store& store, const Principal& who) {
  nlohmann::json user = model::ToJson(who.user);
  user["role_name"] = who.role.name;
  user["role_name_en"] = who.role.name_en;
  user["permissions"] = who.role.permissions;
  nlohmann::json scope = {{"region_code", who.user.scope_region_code},
                          {"region_name", "全国"},
                          {"region_path", "全国"}};
  if (!who.user.scope_region_code.empty()) {
    auto region = store.GetRegion(who.user.scope_region_code);
    if (region.ok()) {
      auto with_path = RegionsWithPaths(store, {*region});
      scope["region_name"] = region->name;
      if (with_path.ok()) scope["region_path"] = (*with_path)[0]["path"];
    }
  }
  user["scope"] = scope;
  return user;
}

Result<std::vector<PairingSummary>> PairingsWithin(RequestContext& ctx, const std::string& region) {
  const model::RecordKind& kind = *model::FindKind("pairing");
  store::RecordFilter filter;
  filter.scope = ctx.principal().user.scope_region_code;
  filter.party_region = region;
  std::vector<PairingSummary> out;
  RETURN_IF_ERROR(ForEachListedRecord(ctx.store(), kind, filter, [&](model::Record& r) {
    PairingSummary s{r.id,
                     r.Text(kind, "name"),
                     r.Text(kind, "level"),
                     r.Text(kind, "status"),
                     r.Text(kind, "east_region_code"),
                     r.Text(kind, "west_region_code")};
    // party_region also matches 1+X extras; only the main parties count here.
    if (model::RegionWithin(s.east_region_code, region) ||
        model::RegionWithin(s.west_region_code, region)) {
      out.push_back(std::move(s));
    }
    return true;
  }));
  return out;
}

std::optional<int> ParseInt(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
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

Status ForEachListedRecord(store::Store& store, const model::RecordKind& kind,
                           const store::RecordFilter& filter,
                           const std::function<bool(model::Record&)>& fn) {
  constexpr int kPage = 500;
  for (int page = 1;; ++page) {
    ASSIGN_OR_RETURN(store::RecordPage p, store.ListRecords(kind, filter, {page, kPage}));
    for (model::Record& r : p.items) {
      if (!fn(r)) return Status::Ok();
    }
    if (static_cast<int64_t>(page) * kPage >= p.total) return Status::Ok();
  }
}

}  // namespace xiezuo::api
