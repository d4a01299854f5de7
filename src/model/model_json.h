// JSON forms of the model types: what the API returns and what the audit log keeps as
// before/after. Secrets (password hashes) never appear.
#pragma once

#include <nlohmann/json.hpp>

#include "model/institution.h"
#include "model/region.h"
#include "model/user.h"

namespace xiezuo::model {

nlohmann::json ToJson(const Region& region);
nlohmann::json ToJson(const Institution& inst);
nlohmann::json ToJson(const User& user);
nlohmann::json ToJson(const Role& role);

// RFC 3339 for a positive time, null for 0 ("never").
nlohmann::json TimeJson(int64_t seconds);

}  // namespace xiezuo::model
