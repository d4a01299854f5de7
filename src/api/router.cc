// Route matching and the authorisation point.
#include "api/router.h"

#include <spdlog/spdlog.h>
#include <algorithm>

#include "api/errors.h"

namespace xiezuo::api {
namespace {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// Matches `path` against `pattern`, filling {name} parameters.
bool Match(const std::string& pattern, const std::string& path,
           std::map<std::string, std::string>& params) {
  auto p = SplitPath(pattern);
  auto s = SplitPath(path);
  if (p.size() != s.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i].size() > 2 && p[i].front() == '{' && p[i].back() == '}') {
      if (s[i].empty()) return false;
      found[p[i].substr(1, p[i].size() - 2)] = s[i];
    } else if (p[i] != s[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// Origin, when a browser sends it, must name this host: a second guard beside the token.
bool OriginMatchesHost(const HttpRequest& req) {
  const std::string& origin = req.Header("origin");
  if (origin.empty() || origin == "null") return origin.empty();
  auto scheme_end = origin.find("://");
  std::string host = scheme_end == std::string::npos ? origin : origin.substr(scheme_end + 3);
  return host == req.Header("host");
}

}  // namespace

Result<int64_t> ParsePathId(const std::string& text, const std::string& field) {
  bool ok = !text.empty() && text.size() <= 18;
  int64_t id = 0;
  for (char c : text) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) id = id * 10 + (c - '0');
  }
  if (!ok || id <= 0) return InvalidArgument("bad id", {{field, "must be a positive integer"}});
  return id;
}

store::Actor RequestContext::actor() const {
  return {principal_->user.id, principal_->user.username, req_.remote_addr};
}

Status RequestContext::RequireInScope(const std::string& region_code, const std::string& field) {
  if (principal_->InScope(region_code)) return Status::Ok();
  store_
      .AppendAudit({.user_id = principal_->user.id,
                    .username = principal_->user.username,
                    .action = "denied",
                    .entity = route_,
                    .entity_id = region_code,
                    .after_json = nlohmann::json{{"method", req_.method},
                                                 {"target", req_.target},
                                                 {"reason", "outside data scope"}}
                                      .dump(),
                    .remote_addr = req_.remote_addr})
      .IgnoreError();
  return PermissionDenied("region " + region_code + " is outside your data scope (" + field + ")");
}

Result<store::PageRequest> RequestContext::Paging() const {
  store::PageRequest page;
  std::vector<FieldError> errors;
  auto parse = [&](const char* name, int min, int max, int& out) {
    std::string v = req_.Query(name);
    if (v.empty()) return;
    int n = 0;
    bool ok = v.size() <= 6;
    for (char c : v) ok = ok && c >= '0' && c <= '9';
    if (ok) n = std::stoi(v);
    if (!ok || n < min || n > max) {
      errors.push_back({name, "must be a whole number from " + std::to_string(min) + " to " +
                                  std::to_string(max)});
    } else {
      out = n;
    }
  };
  parse("page", 1, 100000, page.page);
  parse("page_size", 1, 500, page.page_size);
  if (!errors.empty()) return InvalidArgument("bad paging parameters", errors);
  return page;
}

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

void Router::AuditDenied(const Route& route, const HttpRequest& req, const Principal* who,
                         const std::string& why) {
  store_
      .AppendAudit(
          {.user_id = who != nullptr ? who->user.id : 0,
           .username = who != nullptr ? who->user.username : "",
           .action = "denied",
           .entity = route.pattern,
           .after_json =
               nlohmann::json{{"method", req.method}, {"target", req.target}, {"reason", why}}
                   .dump(),
           .remote_addr = req.remote_addr})
      .IgnoreError();
}

Status Router::CheckScope(const Route& route, RequestContext& ctx) {
  const Principal& who = ctx.principal();
  switch (route.scope) {
    case ScopeRule::kNone:
      return Status::Ok();
    case ScopeRule::kPathRegion:
      return ctx.RequireInScope(ctx.Param("code"), "code");
    case ScopeRule::kQueryRegion: {
      std::string code = ctx.request().Query("region_code");
      if (code.empty()) return Status::Ok();
      return ctx.RequireInScope(code, "region_code");
    }
    case ScopeRule::kPathInstitution: {
      ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id"), "id"));
      ASSIGN_OR_RETURN(model::Institution inst, store_.GetInstitution(id));
      return ctx.RequireInScope(inst.region_code, "id");
    }
    case ScopeRule::kPathRecord: {
      const model::RecordKind* kind = model::FindKind(ctx.Param("kind"));
      if (kind == nullptr) return NotFound("no record kind " + ctx.Param("kind"));
      ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id"), "id"));
      ASSIGN_OR_RETURN(store::RecordAccess access,
                       store_.GetRecordAccess(*kind, id, who.user.scope_region_code));
      if (ctx.request().method == "GET" && access.visible) return Status::Ok();
      return ctx.RequireInScope(access.region_code, "id");
    }
    case ScopeRule::kPathUser: {
      ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id"), "id"));
      ASSIGN_OR_RETURN(model::User user, store_.GetUser(id));
      if (who.user.scope_region_code.empty()) return Status::Ok();
      if (user.scope_region_code.empty()) return ctx.RequireInScope("", "id");
      return ctx.RequireInScope(user.scope_region_code, "id");
    }
  }
  return Internal("unknown scope rule");
}

HttpResponse Router::Handle(const HttpRequest& req) {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_matched = false;
  for (const Route& r : routes_) {
    std::map<std::string, std::string> p;
    if (!Match(r.pattern, req.path, p)) continue;
    path_matched = true;
    if (r.method == req.method) {
      route = &r;
      params = std::move(p);
      break;
    }
  }
  if (route == nullptr) {
    if (!path_matched) return ErrorResponse(NotFound("no API route " + req.path));
    return JsonError(405, "method_not_allowed",
                     "method " + req.method + " is not allowed on " + req.path);
  }

  auto finish = [&](Result<HttpResponse> result) {
    HttpResponse resp = result.ok() ? std::move(result).value() : ErrorResponse(result.status());
    resp.route = route->pattern;
    return resp;
  };

  std::optional<Principal> principal;
  if (!route->anonymous) {
    auto who = auth_.Authenticate(req.Cookie(kSessionCookie));
    if (!who.ok()) return finish(who.status());
    principal = std::move(who).value();
    if (IsWrite(req.method)) {
      if (!ConstantTimeEquals(req.Header("x-csrf-token"), principal->csrf_token) ||
          !OriginMatchesHost(req)) {
        AuditDenied(*route, req, &*principal, "missing or wrong CSRF token");
        return finish(PermissionDenied("missing or wrong CSRF token; reload the page"));
      }
    }
    std::string permission = route->permission;
    if (permission.starts_with("{group}")) {
      const model::RecordKind* kind = model::FindKind(params.count("kind") ? params["kind"] : "");
      if (kind == nullptr) return finish(NotFound("no record kind " + params["kind"]));
      permission.replace(0, 7, kind->group);
    }
    if (!permission.empty() && !principal->Can(permission)) {
      AuditDenied(*route, req, &*principal, "lacks permission " + permission);
      return finish(PermissionDenied("your role lacks the permission " + permission));
    }
  } else if (IsWrite(req.method) && !OriginMatchesHost(req)) {
    return finish(PermissionDenied("cross-site request refused"));
  }

  RequestContext ctx(req, std::move(params), principal ? &*principal : nullptr, store_);
  ctx.route_ = route->pattern;
  if (principal) {
    Status scope = CheckScope(*route, ctx);
    if (!scope.ok()) return finish(scope);
  }
  try {
    return finish(route->handler(ctx));
  } catch (const std::exception& e) {
    spdlog::error("handler {} {} threw: {}", req.method, route->pattern, e.what());
    return finish(Internal("handler threw"));
  }
}

HttpResponse FileResponse(std::string bytes, const std::string& content_type,
                          const std::string& filename) {
  HttpResponse resp;
  resp.content_type = content_type;
  resp.body = std::move(bytes);
  // RFC 6266/5987: an ASCII fallback and the UTF-8 name, percent-encoded.
  std::string encoded;
  for (unsigned char c : filename) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  std::string ascii = filename;
  std::replace_if(
      ascii.begin(), ascii.end(), [](char c) { return (c & 0x80) != 0 || c == '"'; }, '_');
  resp.headers.emplace_back("Content-Disposition",
                            "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  resp.headers.emplace_back("Cache-Control", "no-store");
  return resp;
}

HttpResponse JsonResponse(const nlohmann::json& body, int status) {
  HttpResponse resp;
  resp.status = status;
  resp.body = body.dump();
  return resp;
}

}  // namespace xiezuo::api
