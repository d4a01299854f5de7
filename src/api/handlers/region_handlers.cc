// /api/v1/regions: the national division tree, read within the caller's scope; the search can
// also look everywhere (anywhere=1), so an office can name the other side of a pairing: the
// tree is public (国家统计局), and the search shows only codes, names and paths.
#include "api/app.h"
#include "model/model_json.h"

namespace xiezuo::api {

void RegisterRegionRoutes(Router& router) {
  using model::perm::kRegionRead;
  router.Add({.method = "GET",
              .pattern = "/api/v1/regions/roots",
              .permission = kRegionRead,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                const std::string& scope = ctx.principal().user.scope_region_code;
                std::vector<model::Region> roots;
                if (scope.empty()) {
                  ASSIGN_OR_RETURN(auto page, ctx.store().ListChildren("", {1, 500}));
                  roots = std::move(page.items);
                } else {
                  ASSIGN_OR_RETURN(auto region, ctx.store().GetRegion(scope));
                  roots.push_back(std::move(region));
                }
                ASSIGN_OR_RETURN(auto items, RegionsWithPaths(ctx.store(), roots));
                return JsonResponse({{"items", items}});
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/regions",
              .permission = kRegionRead,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(auto paging, ctx.Paging());
                std::string q = ctx.request().Query("q");
                if (model::Utf8Length(q) > 50) {
                  return InvalidArgument("query too long", {{"q", "is longer than 50 characters"}});
                }
                std::string anywhere = ctx.request().Query("anywhere");
                if (!anywhere.empty() && anywhere != "0" && anywhere != "1") {
                  return InvalidArgument("bad anywhere", {{"anywhere", "must be 0 or 1"}});
                }
                std::string within =
                    anywhere == "1" ? std::string() : ctx.principal().user.scope_region_code;
                ASSIGN_OR_RETURN(auto page, ctx.store().SearchRegions(q, within, paging));
                ASSIGN_OR_RETURN(auto items, RegionsWithPaths(ctx.store(), page.items));
                return JsonResponse({{"items", items},
                                     {"total", page.total},
                                     {"page", page.page},
                                     {"page_size", page.page_size}});
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/regions/{code}",
              .permission = kRegionRead,
              .scope = ScopeRule::kPathRegion,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(auto region, ctx.store().GetRegion(ctx.Param("code")));
                ASSIGN_OR_RETURN(auto items, RegionsWithPaths(ctx.store(), {region}));
                return JsonResponse(items[0]);
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/regions/{code}/children",
              .permission = kRegionRead,
              .scope = ScopeRule::kPathRegion,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(auto paging, ctx.Paging());
                ASSIGN_OR_RETURN(auto region, ctx.store().GetRegion(ctx.Param("code")));
                ASSIGN_OR_RETURN(auto page, ctx.store().ListChildren(region.code, paging));
                return JsonResponse(
                    PageJson(page, [](const model::Region& r) { return model::ToJson(r); }));
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/regions/{code}/path",
              .permission = kRegionRead,
              .scope = ScopeRule::kPathRegion,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(auto path, ctx.store().RegionPath(ctx.Param("code")));
                nlohmann::json items = nlohmann::json::array();
                for (const auto& r : path) items.push_back(model::ToJson(r));
                return JsonResponse({{"items", items}});
              }});
}

}  // namespace xiezuo::api
