// /api/v1/users and /api/v1/roles: accounts, managed by administrators.
#include "api/app.h"
#include "api/json_input.h"
#include "model/model_json.h"

namespace xiezuo::api {
namespace {

constexpr FieldSpec kCreateUserFields[] = {
    {"username", FieldType::kString, true, 32},
    {"display_name", FieldType::kString, true, 50},
    {"password", FieldType::kString, true, 128},
    {"role", FieldType::kString, true, 32},
    {"scope_region_code", FieldType::kString, false, 12},
};
constexpr FieldSpec kUpdateUserFields[] = {
    {"display_name", FieldType::kString, true, 50},
    {"role", FieldType::kString, true, 32},
    {"scope_region_code", FieldType::kString, false, 12},
    {"disabled", FieldType::kBool, false},
};
constexpr FieldSpec kResetPasswordFields[] = {
    {"password", FieldType::kString, true, 128},
};

Status CheckScopeField(RequestContext& ctx, const std::string& scope) {
  if (!scope.empty() && !model::LevelOfCode(scope)) {
    return InvalidArgument("bad scope",
                           {{"scope_region_code", "is not a region code of 2 to 12 digits"}});
  }
  // A scoped administrator may only hand out scopes inside their own.
  if (scope.empty() && !ctx.principal().user.scope_region_code.empty()) {
    return ctx.RequireInScope("", "scope_region_code");
  }
  return scope.empty() ? Status::Ok() : ctx.RequireInScope(scope, "scope_region_code");
}

}  // namespace

void RegisterAccountRoutes(Router& router, Authenticator& auth) {
  using namespace model::perm;
  router.Add({.method = "GET",
              .pattern = "/api/v1/roles",
              .permission = kRoleRead,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(auto roles, ctx.store().ListRoles());
                nlohmann::json items = nlohmann::json::array();
                for (const auto& r : roles) items.push_back(model::ToJson(r));
                return JsonResponse({{"items", items}});
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/users",
       .permission = kUserRead,
       .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
         ASSIGN_OR_RETURN(auto paging, ctx.Paging());
         ASSIGN_OR_RETURN(auto page,
                          ctx.store().ListUsers(ctx.request().Query("q"),
                                                ctx.principal().user.scope_region_code, paging));
         return JsonResponse(PageJson(page, [](const model::User& u) { return model::ToJson(u); }));
       }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/users",
              .permission = kUserEdit,
              .handler = [&auth](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(auto body, ParseBody(ctx.request().body, kCreateUserFields));
                model::User user;
                user.username = GetString(body, "username");
                user.display_name = GetString(body, "display_name");
                user.role = GetString(body, "role");
                user.scope_region_code = GetString(body, "scope_region_code");
                RETURN_IF_ERROR(model::ValidateUserFields(user));
                std::string password = GetString(body, "password");
                RETURN_IF_ERROR(model::ValidatePassword(password));
                RETURN_IF_ERROR(CheckScopeField(ctx, user.scope_region_code));
                ASSIGN_OR_RETURN(user.password_hash, auth.Hash(password));
                ASSIGN_OR_RETURN(auto created, ctx.store().CreateUser(user, ctx.actor()));
                return JsonResponse(model::ToJson(created), 201);
              }});
  router.Add({.method = "PUT",
              .pattern = "/api/v1/users/{id}",
              .permission = kUserEdit,
              .scope = ScopeRule::kPathUser,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id")));
                ASSIGN_OR_RETURN(auto body, ParseBody(ctx.request().body, kUpdateUserFields));
                ASSIGN_OR_RETURN(model::User user, ctx.store().GetUser(id));
                user.display_name = GetString(body, "display_name");
                user.role = GetString(body, "role");
                user.scope_region_code = GetString(body, "scope_region_code");
                user.disabled = GetBool(body, "disabled", user.disabled);
                if (user.id == ctx.principal().user.id && user.disabled) {
                  return InvalidArgument("you cannot disable yourself",
                                         {{"disabled", "cannot disable your own account"}});
                }
                RETURN_IF_ERROR(CheckScopeField(ctx, user.scope_region_code));
                ASSIGN_OR_RETURN(auto updated, ctx.store().UpdateUser(user, ctx.actor()));
                return JsonResponse(model::ToJson(updated));
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/users/{id}/password",
              .permission = kUserEdit,
              .scope = ScopeRule::kPathUser,
              .handler = [&auth](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id")));
                ASSIGN_OR_RETURN(auto body, ParseBody(ctx.request().body, kResetPasswordFields));
                std::string password = GetString(body, "password");
                RETURN_IF_ERROR(model::ValidatePassword(password));
                ASSIGN_OR_RETURN(std::string hash, auth.Hash(password));
                RETURN_IF_ERROR(ctx.store().SetPasswordHash(id, hash, ctx.actor()));
                return JsonResponse({{"ok", true}});
              }});
}

}  // namespace xiezuo::api
