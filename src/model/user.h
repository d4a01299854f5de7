// Accounts: User (用户), Role (角色) with permission strings, and the data scope that anchors
// a user at a region ("own unit and below").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace xiezuo::model {

// Permission strings used by the routes. A role holds a set of them.
namespace perm {
inline constexpr const char* kRegionRead = "region:read";
inline constexpr const char* kInstitutionRead = "institution:read";
inline constexpr const char* kInstitutionEdit = "institution:edit";
inline constexpr const char* kUserRead = "user:read";
inline constexpr const char* kUserEdit = "user:edit";
inline constexpr const char* kRoleRead = "role:read";
inline constexpr const char* kAuditRead = "audit:read";
// Indicator figures and dashboards (统计分析), within the caller's scope.
inline constexpr const char* kAnalyticsRead = "analytics:read";
// Aggregate data entry (数据填报): see the forms, enter a region's values, act as an approving
// level (which level is the user's scope), and set the data sets' deadlines.
inline constexpr const char* kDatasetRead = "dataset:read";
inline constexpr const char* kDatasetEnter = "dataset:enter";
inline constexpr const char* kDatasetApprove = "dataset:approve";
inline constexpr const char* kDatasetAdmin = "dataset:admin";
// Assessment (考核): see templates and scores; edit the templates (a new version each time).
inline constexpr const char* kAssessmentRead = "assessment:read";
inline constexpr const char* kAssessmentAdmin = "assessment:admin";
// Unmasked personal data (names, ID numbers, phones); every view is audited.
inline constexpr const char* kPersonalRead = "personal:read";
// Cooperation records use "{group}:read" and "{group}:edit" per group of kinds (see
// model/record.h), e.g. "project:edit".
}  // namespace perm

struct Role {
  std::string code;  // "county_office"
  std::string name;  // "县级协作办"
  std::string name_en;
  std::vector<std::string> permissions;

  bool Has(std::string_view permission) const;
};

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string role;                  // Role::code
  std::string scope_region_code;     // "" means the whole country
  int64_t scope_institution_id = 0;  // 0: none
  bool disabled = false;
  int64_t created_at = 0;
  int64_t last_login_at = 0;
  std::string password_hash;  // Argon2id string; never leaves the server
};

inline constexpr size_t kMinPasswordLength = 8;
inline constexpr size_t kMaxPasswordLength = 128;

// Errors: kInvalidArgument naming "username" (3–32 of a-z 0-9 _ . -) or "display_name".
Status ValidateUserFields(const User& user);
// Errors: kInvalidArgument naming `field` when the password is too short or too long.
Status ValidatePassword(std::string_view password, const std::string& field = "password");

}  // namespace xiezuo::model
