// Logins and sessions.
#include "api/auth/authenticator.h"

#include "model/region.h"

namespace xiezuo::api {

bool Principal::InScope(std::string_view region_code) const {
  return user.scope_region_code.empty() || model::RegionWithin(region_code, user.scope_region_code);
}

Authenticator::Authenticator(store::Store& store, const Clock& clock, AuthOptions options)
    : store_(store), clock_(clock), options_(options) {
  auto hash = HashPassword(RandomPassword(), options_.password_cost);
  if (hash.ok()) dummy_hash_ = *hash;
}

Result<std::string> Authenticator::Hash(const std::string& password) const {
  return HashPassword(password, options_.password_cost);
}

Status Authenticator::CheckThrottle(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return Status::Ok();
  int64_t now = clock_.NowSeconds();
  if (now - it->second.window_start >= options_.failure_window_seconds) {
    failures_.erase(it);
    return Status::Ok();
  }
  if (it->second.count >= options_.max_failures) {
    int64_t wait = options_.failure_window_seconds - (now - it->second.window_start);
    return ResourceExhausted("too many failed logins; try again in " +
                             std::to_string((wait + 59) / 60) + " minutes");
  }
  return Status::Ok();
}

void Authenticator::RecordFailure(const std::string& key) {
  std::lock_guard lock(mu_);
  int64_t now = clock_.NowSeconds();
  // Unknown usernames add entries; drop the expired ones before the map grows large.
  if (failures_.size() > 10000) {
    std::erase_if(failures_, [&](const auto& entry) {
      return now - entry.second.window_start >= options_.failure_window_seconds;
    });
  }
  Failures& f = failures_[key];
  if (f.count == 0 || now - f.window_start >= options_.failure_window_seconds) {
    f = {0, now};
  }
  ++f.count;
}

void Authenticator::ClearFailures(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

Result<model::Role> Authenticator::RoleOf(const std::string& code) {
  ASSIGN_OR_RETURN(auto roles, store_.ListRoles());
  for (auto& r : roles) {
    if (r.code == code) return r;
  }
  return Unauthenticated("the account has an unknown role");
}

Result<LoginResult> Authenticator::Login(const std::string& username, const std::string& password,
                                         const std::string& remote_addr) {
  const std::string user_key = "u:" + username;
  const std::string addr_key = "a:" + remote_addr;
  RETURN_IF_ERROR(CheckThrottle(user_key));
  RETURN_IF_ERROR(CheckThrottle(addr_key));

  auto user = store_.FindUserByName(username);
  bool ok = false;
  if (user.ok()) {
    ok = VerifyPassword(password, user->password_hash) && !user->disabled;
  } else {
    if (user.status().code() != StatusCode::kNotFound) return user.status();
    VerifyPassword(password, dummy_hash_);
  }
  int64_t now = clock_.NowSeconds();
  if (!ok) {
    RecordFailure(user_key);
    RecordFailure(addr_key);
    store_
        .AppendAudit({.at = now,
                      .user_id = user.ok() ? user->id : 0,
                      .username = username,
                      .action = "login_failed",
                      .entity = "session",
                      .remote_addr = remote_addr})
        .IgnoreError();
    return Unauthenticated("wrong username or password");
  }
  // Only the account's count: one valid account must not reset the address's guesses.
  ClearFailures(user_key);

  ASSIGN_OR_RETURN(model::Role role, RoleOf(user->role));
  LoginResult result;
  result.token = RandomHex(32);
  store::Session session{Sha256Hex(result.token),
                         user->id,
                         RandomHex(16),
                         now,
                         now + options_.idle_timeout_seconds,
                         now + options_.absolute_timeout_seconds,
                         remote_addr};
  RETURN_IF_ERROR(store_.CreateSession(session));
  RETURN_IF_ERROR(store_.RecordLogin(user->id, now));
  RETURN_IF_ERROR(store_.AppendAudit({.at = now,
                                      .user_id = user->id,
                                      .username = username,
                                      .action = "login",
                                      .entity = "session",
                                      .remote_addr = remote_addr}));
  user->last_login_at = now;
  result.principal = Principal{*user, role, session.token_hash, session.csrf_token};
  return result;
}

Result<Principal> Authenticator::Authenticate(const std::string& token) {
  if (token.empty()) return Unauthenticated("not logged in");
  std::string hash = Sha256Hex(token);
  auto session = store_.GetSession(hash);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kNotFound) {
      return Unauthenticated("the session has ended; log in again");
    }
    return session.status();
  }
  int64_t now = clock_.NowSeconds();
  if (now >= session->expires_at || now >= session->absolute_expires_at) {
    store_.DeleteSession(hash).IgnoreError();
    return Unauthenticated("the session has expired; log in again");
  }
  auto user = store_.GetUser(session->user_id);
  if (!user.ok() || user->disabled) return Unauthenticated("the account is disabled");
  ASSIGN_OR_RETURN(model::Role role, RoleOf(user->role));
  if (session->expires_at - now < options_.idle_timeout_seconds / 2) {
    int64_t renewed = std::min(now + options_.idle_timeout_seconds, session->absolute_expires_at);
    RETURN_IF_ERROR(store_.ExtendSession(hash, renewed));
  }
  return Principal{*user, role, hash, session->csrf_token};
}

Status Authenticator::Logout(const Principal& who, const std::string& remote_addr) {
  RETURN_IF_ERROR(store_.DeleteSession(who.token_hash));
  return store_.AppendAudit({.at = clock_.NowSeconds(),
                             .user_id = who.user.id,
                             .username = who.user.username,
                             .action = "logout",
                             .entity = "session",
                             .remote_addr = remote_addr});
}

Status Authenticator::ChangePassword(const Principal& who, const std::string& old_password,
                                     const std::string& new_password,
                                     const std::string& remote_addr) {
  ASSIGN_OR_RETURN(model::User user, store_.GetUser(who.user.id));
  if (!VerifyPassword(old_password, user.password_hash)) {
    return InvalidArgument("the old password is wrong", {{"old_password", "is wrong"}});
  }
  RETURN_IF_ERROR(model::ValidatePassword(new_password, "new_password"));
  if (old_password == new_password) {
    return InvalidArgument("the new password is the old one",
                           {{"new_password", "must differ from the old password"}});
  }
  ASSIGN_OR_RETURN(std::string hash, Hash(new_password));
  return store_.SetPasswordHash(user.id, hash, {user.id, user.username, remote_addr},
                                who.token_hash);
}

}  // namespace xiezuo::api
