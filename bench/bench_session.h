// An administrator's session for the in-process API benchmarks: the account made (or given a
// new password) in the store, then a login through App::Handle, as a browser would log in.
#pragma once

#include <string>

#include "api/app.h"
#include "core/status.h"
#include "store/store.h"

namespace xiezuo::bench {

struct AdminSession {
  std::string cookie;      // "xiezuo_session=TOKEN", for the Cookie header
  std::string csrf_token;  // for the X-CSRF-Token header of writes
};

// Creates `username` as an administrator of the whole country with a random password (at the
// minimum hashing cost), or gives an existing account of that name a new one, and logs it in
// through `app` from 127.0.0.1, with `host` as the Host header unless it is empty.
// Errors: the store's, and kInternal when the login is refused or sets no session cookie.
Result<AdminSession> AdminLogin(store::Store& store, api::App& app, const std::string& username,
                                const std::string& host = "");

}  // namespace xiezuo::bench
