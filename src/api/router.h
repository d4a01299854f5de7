// The router: the route table of /api/v1 and the one authorisation point every handler
// passes through. A route declares the permission it needs and how its data scope is found;
// the router authenticates the session, checks CSRF on writes, checks the permission and the
// scope, audits every refusal, and only then calls the handler.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/auth/authenticator.h"
#include "api/http/http.h"
#include "store/store.h"

namespace xiezuo::api {

// How a route's data scope is found, so no handler can forget to check it.
enum class ScopeRule {
  kNone,             // not region data (the caller's own session, roles, the audit log)
  kPathRegion,       // {code} in the path must lie inside the caller's scope
  kPathInstitution,  // the institution {id} must lie inside the caller's scope
  kPathUser,         // the user {id}'s scope must lie inside the caller's scope
  kQueryRegion,      // ?region_code, when given, must lie inside the caller's scope
  kPathRecord,       // the record {kind}/{id}: reads need it visible to the caller (own
                     // region or a pairing partner), writes need its region in scope
};

class RequestContext;
using Handler = std::function<Result<HttpResponse>(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/regions/{code}"
  // Required permission; "" = any logged-in user. "{group}:read" takes the permission group
  // of the record kind named by the {kind} path parameter (an unknown kind is a 404).
  std::string permission;
  ScopeRule scope = ScopeRule::kNone;
  Handler handler;
  bool anonymous = false;  // only the login route
};

// What a handler sees: the request, its path parameters, and the authorised caller.
class RequestContext {
 public:
  RequestContext(const HttpRequest& req, std::map<std::string, std::string> params,
                 const Principal* principal, store::Store& store)
      : req_(req), params_(std::move(params)), principal_(principal), store_(store) {}

  const HttpRequest& request() const { return req_; }
  const std::string& Param(const std::string& name) const { return params_.at(name); }
  // REQUIRES: the route is not anonymous.
  const Principal& principal() const { return *principal_; }
  store::Store& store() { return store_; }
  store::Actor actor() const;

  // For region codes that arrive in a body: OK when inside the caller's scope, otherwise
  // audits the refusal and returns kPermissionDenied naming `field`.
  Status RequireInScope(const std::string& region_code, const std::string& field);
  // A paged request from ?page and ?page_size. Errors: kInvalidArgument naming the field.
  Result<store::PageRequest> Paging() const;

 private:
  friend class Router;
  const HttpRequest& req_;
  std::map<std::string, std::string> params_;
  const Principal* principal_;
  store::Store& store_;
  std::string route_;
};

class Router {
 public:
  Router(store::Store& store, Authenticator& auth) : store_(store), auth_(auth) {}

  void Add(Route route);
  const std::vector<Route>& routes() const { return routes_; }

  // Handles one /api request. Never throws.
  HttpResponse Handle(const HttpRequest& req);

 private:
  Status CheckScope(const Route& route, RequestContext& ctx);
  void AuditDenied(const Route& route, const HttpRequest& req, const Principal* who,
                   const std::string& why);

  store::Store& store_;
  Authenticator& auth_;
  std::vector<Route> routes_;
};

// Parses a positive id path parameter. Errors: kInvalidArgument naming `field`.
Result<int64_t> ParsePathId(const std::string& text, const std::string& field = "id");

// JSON 200/201 responses.
HttpResponse JsonResponse(const nlohmann::json& body, int status = 200);

// A file download: its bytes, type, and a Content-Disposition naming it (UTF-8 names kept).
HttpResponse FileResponse(std::string bytes, const std::string& content_type,
                          const std::string& filename);
inline constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The session cookie's name.
inline constexpr const char* kSessionCookie = "xiezuo_session";

}  // namespace xiezuo::api
