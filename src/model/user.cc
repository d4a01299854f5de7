// Account field rules.
#include "model/user.h"

#include <algorithm>

#include "model/institution.h"

namespace xiezuo::model {

bool Role::Has(std::string_view permission) const {
  return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
}

Status ValidateUserFields(const User& user) {
  std::vector<FieldError> errors;
  const std::string& u = user.username;
  bool chars_ok = std::all_of(u.begin(), u.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
  if (u.size() < 3 || u.size() > 32 || !chars_ok) {
    errors.push_back({"username", "must be 3 to 32 characters of a-z, 0-9, _ . -"});
  }
  size_t len = Utf8Length(user.display_name);
  if (len == 0 || len > 50) errors.push_back({"display_name", "must be 1 to 50 characters"});
  if (!errors.empty()) return InvalidArgument("the user has invalid fields", errors);
  return Status::Ok();
}

Status ValidatePassword(std::string_view password, const std::string& field) {
  if (password.size() < kMinPasswordLength) {
    return InvalidArgument("the password is too short",
                           {{field, "must have at least 8 characters"}});
  }
  if (password.size() > kMaxPasswordLength) {
    return InvalidArgument("the password is too long",
                           {{field, "must have at most 128 characters"}});
  }
  return Status::Ok();
}

}  // namespace xiezuo::model
