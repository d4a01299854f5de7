// Authenticator: logins, sessions (cookie tokens stored hashed, idle and absolute expiry,
// sliding renewal), throttling of failed logins, logout and password changes.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "api/auth/password.h"
#include "core/clock.h"
#include "model/user.h"
#include "store/store.h"

namespace xiezuo::api {

struct AuthOptions {
  int64_t idle_timeout_seconds = int64_t{2} * 3600;
  int64_t absolute_timeout_seconds = int64_t{12} * 3600;
  int max_failures = 5;                               // failed logins per window before throttling
  int64_t failure_window_seconds = int64_t{15} * 60;  // also how long the lock lasts
  PasswordCost password_cost = PasswordCost::kInteractive;
};

// Who is calling: the user, their role and the session that proves it.
struct Principal {
  model::User user;
  model::Role role;
  std::string token_hash;
  std::string csrf_token;

  bool Can(std::string_view permission) const { return role.Has(permission); }
  // True when `region_code` lies inside the user's data scope.
  bool InScope(std::string_view region_code) const;
};

struct LoginResult {
  std::string token;  // for the cookie; only its hash is stored
  Principal principal;
};

// Thread-safe.
class Authenticator {
 public:
  Authenticator(store::Store& store, const Clock& clock, AuthOptions options);

  // Errors: kUnauthenticated for a wrong username or password or a disabled account (one
  // message for all three), kResourceExhausted while throttled. Audits success and failure.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& remote_addr);
  // The principal for a cookie token, renewing the session when past half its idle time.
  // Errors: kUnauthenticated when missing, unknown, expired, or the user is disabled.
  Result<Principal> Authenticate(const std::string& token);
  Status Logout(const Principal& who, const std::string& remote_addr);
  // Errors: kInvalidArgument ("old_password" wrong, "new_password" too weak).
  Status ChangePassword(const Principal& who, const std::string& old_password,
                        const std::string& new_password, const std::string& remote_addr);
  Result<std::string> Hash(const std::string& password) const;

  const AuthOptions& options() const { return options_; }

 private:
  // Returns kResourceExhausted when `key` is locked.
  Status CheckThrottle(const std::string& key);
  void RecordFailure(const std::string& key);
  void ClearFailures(const std::string& key);
  Result<model::Role> RoleOf(const std::string& code);

  store::Store& store_;
  const Clock& clock_;
  AuthOptions options_;
  std::string dummy_hash_;  // verified against for unknown users, so timing does not tell

  struct Failures {
    int count = 0;
    int64_t window_start = 0;
  };
  std::mutex mu_;
  std::map<std::string, Failures> failures_;
};

}  // namespace xiezuo::api
