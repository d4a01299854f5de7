// Logs an administrator in for the in-process API benchmarks.
#include "bench_session.h"

#include <nlohmann/json.hpp>

#include "api/auth/password.h"

namespace xiezuo::bench {

Result<AdminSession> AdminLogin(store::Store& store, api::App& app, const std::string& username,
                                const std::string& host) {
  const std::string password = api::RandomPassword();
  ASSIGN_OR_RETURN(std::string hash, api::HashPassword(password, api::PasswordCost::kMinimum));
  const store::Actor system{0, "system", ""};
  auto existing = store.FindUserByName(username);
  if (existing.ok()) {
    RETURN_IF_ERROR(store.SetPasswordHash(existing->id, hash, system));
  } else {
    model::User admin{
        .username = username, .display_name = "bench", .role = "admin", .password_hash = hash};
    RETURN_IF_ERROR(store.CreateUser(admin, system).status());
  }

  api::HttpRequest login;
  login.method = "POST";
  login.target = login.path = "/api/v1/auth/login";
  login.headers["content-type"] = "application/json";
  if (!host.empty()) login.headers["host"] = host;
  login.body = nlohmann::json{{"username", username}, {"password", password}}.dump();
  login.remote_addr = "127.0.0.1";
  api::HttpResponse resp = app.Handle(login);
  if (resp.status != 200) return Internal("login failed: " + resp.body);
  AdminSession session;
  for (const auto& [name, value] : resp.headers) {
    if (name == "Set-Cookie") session.cookie = value.substr(0, value.find(';'));
  }
  if (session.cookie.empty()) return Internal("login set no session cookie");
  auto body = nlohmann::json::parse(resp.body, nullptr, false);
  if (body.is_object() && body.contains("csrf_token") && body["csrf_token"].is_string()) {
    session.csrf_token = body["csrf_token"];
  }
  return session;
}

}  // namespace xiezuo::bench
