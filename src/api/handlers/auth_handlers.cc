// /api/v1/auth: login, logout, the current user, password change.
#include "api/app.h"
#include "api/json_input.h"

namespace xiezuo::api {
namespace {

std::string SessionCookie(const std::string& token, int64_t max_age, bool secure) {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (secure ? "; Secure" : "");
}

constexpr FieldSpec kLoginFields[] = {
    {"username", FieldType::kString, true, 32},
    {"password", FieldType::kString, true, 128},
};
constexpr FieldSpec kPasswordFields[] = {
    {"old_password", FieldType::kString, true, 128},
    {"new_password", FieldType::kString, true, 128},
};

}  // namespace

void RegisterAuthRoutes(Router& router, Authenticator& auth, const AppOptions& options) {
  bool secure = options.secure_cookies;
  router.Add({.method = "POST",
              .pattern = "/api/v1/auth/login",
              .handler = [&auth, secure](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(auto body, ParseBody(ctx.request().body, kLoginFields));
                ASSIGN_OR_RETURN(LoginResult login, auth.Login(GetString(body, "username"),
                                                               GetString(body, "password"),
                                                               ctx.request().remote_addr));
                HttpResponse resp =
                    JsonResponse({{"user", PrincipalJson(ctx.store(), login.principal)},
                                  {"csrf_token", login.principal.csrf_token}});
                resp.headers.emplace_back(
                    "Set-Cookie",
                    SessionCookie(login.token, auth.options().absolute_timeout_seconds, secure));
                return resp;
              },
              .anonymous = true});
  router.Add({.method = "POST",
              .pattern = "/api/v1/auth/logout",
              .handler = [&auth, secure](RequestContext& ctx) -> Result<HttpResponse> {
                RETURN_IF_ERROR(auth.Logout(ctx.principal(), ctx.request().remote_addr));
                HttpResponse resp = JsonResponse({{"ok", true}});
                resp.headers.emplace_back("Set-Cookie", SessionCookie("", 0, secure));
                return resp;
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/auth/me",
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                return JsonResponse({{"user", PrincipalJson(ctx.store(), ctx.principal())},
                                     {"csrf_token", ctx.principal().csrf_token}});
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/auth/password",
              .handler = [&auth](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(auto body, ParseBody(ctx.request().body, kPasswordFields));
                RETURN_IF_ERROR(auth.ChangePassword(
                    ctx.principal(), GetString(body, "old_password"),
                    GetString(body, "new_password"), ctx.request().remote_addr));
                return JsonResponse({{"ok", true}});
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/version",
              .handler = [](RequestContext&) -> Result<HttpResponse> {
                return JsonResponse({{"version", XIEZUO_VERSION}});
              }});
}

}  // namespace xiezuo::api
