// /api/v1/institutions: schools, hospitals, enterprises… inside the caller's scope.
#include "api/app.h"
#include "api/json_input.h"
#include "model/model_json.h"

namespace xiezuo::api {
namespace {

constexpr FieldSpec kInstitutionFields[] = {
    {"name", FieldType::kString, true, model::kMaxInstitutionName},
    {"kind", FieldType::kString, true, 32},
    {"region_code", FieldType::kString, true, 12},
    {"credit_code", FieldType::kString, false, 18},
    {"address", FieldType::kString, false, model::kMaxAddress},
    {"contact", FieldType::kString, false, model::kMaxContact},
};

// Reads and checks a body into an institution; the region must lie in the caller's scope.
Result<model::Institution> InstitutionFromBody(RequestContext& ctx) {
  ASSIGN_OR_RETURN(auto body, ParseBody(ctx.request().body, kInstitutionFields));
  model::Institution inst;
  inst.name = GetString(body, "name");
  auto kind = model::ParseInstitutionKind(GetString(body, "kind"));
  if (!kind) {
    return InvalidArgument("unknown institution kind",
                           {{"kind",
                             "must be one of school, kindergarten, hospital, "
                             "health_centre, enterprise, social_org, industrial_park"}});
  }
  inst.kind = *kind;
  inst.region_code = GetString(body, "region_code");
  inst.credit_code = GetString(body, "credit_code");
  inst.address = GetString(body, "address");
  inst.contact = GetString(body, "contact");
  RETURN_IF_ERROR(model::ValidateInstitution(inst));
  RETURN_IF_ERROR(ctx.RequireInScope(inst.region_code, "region_code"));
  return inst;
}

}  // namespace

void RegisterInstitutionRoutes(Router& router) {
  using model::perm::kInstitutionEdit;
  using model::perm::kInstitutionRead;
  router.Add({.method = "GET",
              .pattern = "/api/v1/institutions",
              .permission = kInstitutionRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(auto paging, ctx.Paging());
                store::InstitutionFilter filter;
                filter.within_region = ctx.request().Query("region_code");
                if (filter.within_region.empty()) {
                  filter.within_region = ctx.principal().user.scope_region_code;
                }
                std::string kind = ctx.request().Query("kind");
                if (!kind.empty()) {
                  filter.kind = model::ParseInstitutionKind(kind);
                  if (!filter.kind) {
                    return InvalidArgument("unknown institution kind", {{"kind", "unknown kind"}});
                  }
                }
                filter.name_contains = ctx.request().Query("q");
                ASSIGN_OR_RETURN(auto page, ctx.store().ListInstitutions(filter, paging));
                return JsonResponse(
                    PageJson(page, [](const model::Institution& i) { return model::ToJson(i); }));
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/institutions",
              .permission = kInstitutionEdit,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(auto inst, InstitutionFromBody(ctx));
                ASSIGN_OR_RETURN(auto created, ctx.store().CreateInstitution(inst, ctx.actor()));
                return JsonResponse(model::ToJson(created), 201);
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/institutions/{id}",
              .permission = kInstitutionRead,
              .scope = ScopeRule::kPathInstitution,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id")));
                ASSIGN_OR_RETURN(auto inst, ctx.store().GetInstitution(id));
                return JsonResponse(model::ToJson(inst));
              }});
  router.Add({.method = "PUT",
              .pattern = "/api/v1/institutions/{id}",
              .permission = kInstitutionEdit,
              .scope = ScopeRule::kPathInstitution,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id")));
                ASSIGN_OR_RETURN(auto inst, InstitutionFromBody(ctx));
                inst.id = id;
                ASSIGN_OR_RETURN(auto updated, ctx.store().UpdateInstitution(inst, ctx.actor()));
                return JsonResponse(model::ToJson(updated));
              }});
  router.Add({.method = "DELETE",
              .pattern = "/api/v1/institutions/{id}",
              .permission = kInstitutionEdit,
              .scope = ScopeRule::kPathInstitution,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id")));
                RETURN_IF_ERROR(ctx.store().DeleteInstitution(id, ctx.actor()));
                return JsonResponse({{"ok", true}});
              }});
}

}  // namespace xiezuo::api
