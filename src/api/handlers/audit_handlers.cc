// /api/v1/audit: the audit log, for administrators.
#include <ctime>

#include "api/app.h"

namespace xiezuo::api {
namespace {

// "2026-11-22" → seconds at 00:00 UTC. Errors: kInvalidArgument naming `field`.
Result<int64_t> ParseDay(const std::string& text, const char* field) {
  std::tm tm{};
  if (text.size() != 10 || strptime(text.c_str(), "%Y-%m-%d", &tm) == nullptr) {
    return InvalidArgument("bad date", {{field, "must be a date like 2026-01-31"}});
  }
  return static_cast<int64_t>(timegm(&tm));
}

nlohmann::json JsonOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? nlohmann::json(text) : j;
}

}  // namespace

void RegisterAuditRoutes(Router& router) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/audit",
              .permission = model::perm::kAuditRead,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(auto paging, ctx.Paging());
                const auto& req = ctx.request();
                store::AuditFilter filter{.entity = req.Query("entity"),
                                          .entity_id = req.Query("entity_id"),
                                          .action = req.Query("action"),
                                          .username = req.Query("username")};
                if (!req.Query("from").empty()) {
                  ASSIGN_OR_RETURN(filter.from, ParseDay(req.Query("from"), "from"));
                }
                if (!req.Query("to").empty()) {
                  ASSIGN_OR_RETURN(int64_t to, ParseDay(req.Query("to"), "to"));
                  filter.to = to + 86400;  // the whole last day
                }
                ASSIGN_OR_RETURN(auto page, ctx.store().ListAudit(filter, paging));
                return JsonResponse(PageJson(page, [](const store::AuditEntry& e) {
                  return nlohmann::json{{"id", e.id},
                                        {"at", FormatTimestamp(e.at)},
                                        {"user_id", e.user_id},
                                        {"username", e.username},
                                        {"action", e.action},
                                        {"entity", e.entity},
                                        {"entity_id", e.entity_id},
                                        {"before", JsonOrNull(e.before_json)},
                                        {"after", JsonOrNull(e.after_json)},
                                        {"remote_addr", e.remote_addr}};
                }));
              }});
}

}  // namespace xiezuo::api
