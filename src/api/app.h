// The xiezuo API application: the router with every /api/v1 route registered, and the
// services the handlers share. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/analytics_service.h"
#include "api/auth/authenticator.h"
#include "api/http/http.h"
#include "api/router.h"
#include "core/clock.h"
#include "store/store.h"

namespace xiezuo::api {

struct AppOptions {
  AuthOptions auth;
  bool secure_cookies = false;  // set when served behind HTTPS
};

class App {
 public:
  App(store::Store& store, const Clock& clock, AppOptions options);

  HttpResponse Handle(const HttpRequest& req) { return router_.Handle(req); }
  const Router& router() const { return router_; }
  Authenticator& auth() { return auth_; }
  // The live analytics; nullptr when it could not start (the server log says why).
  AnalyticsService* analytics() { return analytics_.get(); }

 private:
  AppOptions options_;
  Authenticator auth_;
  Router router_;
  std::shared_ptr<AnalyticsService> analytics_;
};

// Each area registers its routes (handlers/*.cc).
void RegisterAuthRoutes(Router& router, Authenticator& auth, const AppOptions& options);
void RegisterRegionRoutes(Router& router);
void RegisterInstitutionRoutes(Router& router);
void RegisterAccountRoutes(Router& router, Authenticator& auth);
void RegisterAuditRoutes(Router& router);
// REQUIRES: `clock` outlives the router.
void RegisterRecordRoutes(Router& router, const Clock& clock);
// `service` may be null: the figures then answer 503.
void RegisterAnalyticsRoutes(Router& router, const std::shared_ptr<AnalyticsService>& service);
// Aggregate data entry. REQUIRES: `clock` outlives the router; `service` may be null (503).
void RegisterDatasetRoutes(Router& router, const Clock& clock,
                           const std::shared_ptr<AnalyticsService>& service);
// Checks on the numbers: validation rules, reconciliation, completeness.
void RegisterCheckRoutes(Router& router, const Clock& clock,
                         const std::shared_ptr<AnalyticsService>& service);
// Assessment (考核): templates (versioned per year and side) and the scores of peer regions.
void RegisterAssessmentRoutes(Router& router, const std::shared_ptr<AnalyticsService>& service);
void RegisterSelfEvaluationRoutes(Router& router, const std::shared_ptr<AnalyticsService>& service);
// Reports: the annual summary (paragraphs to edit, then .docx).
void RegisterReportRoutes(Router& router, const Clock& clock,
                          const std::shared_ptr<AnalyticsService>& service);

// The JSON the client gets for the logged-in user: the user, role name, permissions and the
// scope region's name and path.
nlohmann::json PrincipalJson(store::Store& store, const Principal& who);

// Region JSON with "path" ("陕西省 / 商洛市 / 丹凤县") for each region, loaded in one query.
Result<nlohmann::json> RegionsWithPaths(store::Store& store,
                                        const std::vector<model::Region>& regions);

// A whole decimal number of a query parameter ("2021"), or nullopt (empty, a sign-only or
// trailing text, out of range).
std::optional<int> ParseInt(std::string_view s);
// "a,b,,c" → {"a", "b", "c"}: a comma-separated list of codes, empty entries dropped.
std::vector<std::string> SplitCodes(const std::string& text);

// Calls `fn` with each record of `kind` matching `filter` (the store's list order, newest first
// unless `filter.sort` says otherwise), page by page, until `fn` returns false or none is left.
// Errors: the store's.
Status ForEachListedRecord(store::Store& store, const model::RecordKind& kind,
                           const store::RecordFilter& filter,
                           const std::function<bool(model::Record&)>& fn);

// A pairing and its main parties (the 1+X extras aside).
struct PairingSummary {
  int64_t id = 0;
  std::string name;
  std::string level;
  std::string status;
  std::string east_region_code;
  std::string west_region_code;
};

// The live pairings visible to the caller that have a main party inside `region` ("" = the
// whole country), in the store's list order.
Result<std::vector<PairingSummary>> PairingsWithin(RequestContext& ctx, const std::string& region);

template <typename T, typename F>
nlohmann::json PageJson(const store::Page<T>& page, F&& to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (const T& item : page.items) items.push_back(to_json(item));
  return {
      {"items", items}, {"total", page.total}, {"page", page.page}, {"page_size", page.page_size}};
}

}  // namespace xiezuo::api
