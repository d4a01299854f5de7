// JSON mapping of model types.
#include "model/model_json.h"

#include "core/clock.h"

namespace xiezuo::model {

nlohmann::json TimeJson(int64_t seconds) {
  if (seconds <= 0) return nullptr;
  return FormatTimestamp(seconds);
}

nlohmann::json ToJson(const Region& r) {
  return {{"code", r.code},
          {"name", r.name},
          {"level", RegionLevelName(r.level)},
          {"parent_code", r.parent_code},
          {"child_count", r.child_count}};
}

nlohmann::json ToJson(const Institution& i) {
  return {{"id", i.id},
          {"name", i.name},
          {"kind", InstitutionKindName(i.kind)},
          {"region_code", i.region_code},
          {"region_name", i.region_name},
          {"credit_code", i.credit_code},
          {"address", i.address},
          {"contact", i.contact},
          {"created_at", TimeJson(i.created_at)},
          {"updated_at", TimeJson(i.updated_at)}};
}

nlohmann::json ToJson(const User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", u.role},
          {"scope_region_code", u.scope_region_code},
          {"disabled", u.disabled},
          {"created_at", TimeJson(u.created_at)},
          {"last_login_at", TimeJson(u.last_login_at)}};
}

nlohmann::json ToJson(const Role& r) {
  return {
      {"code", r.code}, {"name", r.name}, {"name_en", r.name_en}, {"permissions", r.permissions}};
}

}  // namespace xiezuo::model
