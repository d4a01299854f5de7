// Institution (单位): a school, hospital, enterprise or other body that belongs to a region.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace xiezuo::model {

enum class InstitutionKind {
  kSchool,
  kKindergarten,
  kHospital,
  kHealthCentre,
  kEnterprise,
  kSocialOrg,
  kIndustrialPark,
};

// "school", "kindergarten", "hospital", "health_centre", "enterprise", "social_org",
// "industrial_park".
const char* InstitutionKindName(InstitutionKind kind);
std::optional<InstitutionKind> ParseInstitutionKind(std::string_view name);

struct Institution {
  int64_t id = 0;
  std::string name;
  InstitutionKind kind = InstitutionKind::kSchool;
  std::string region_code;
  std::string region_name;  // filled on read
  std::string credit_code;  // required for an enterprise, optional otherwise
  std::string address;
  std::string contact;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

inline constexpr size_t kMaxInstitutionName = 100;
inline constexpr size_t kMaxAddress = 200;
inline constexpr size_t kMaxContact = 100;

// Checks the fields a caller supplies (not id or times). Errors: kInvalidArgument with one
// detail per bad field ("name", "region_code", "credit_code", …).
Status ValidateInstitution(const Institution& inst);

// The number of Unicode code points in a UTF-8 string (lengths users see).
size_t Utf8Length(std::string_view s);

}  // namespace xiezuo::model
