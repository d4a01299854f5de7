// A GoogleTest fixture for the /api/v1 application: an in-memory store holding the sample
// region tree, a few users and institutions, an App on a FakeClock, and helpers that log in
// and call routes the way a browser would (cookie + X-CSRF-Token). For tests only.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/http/http.h"
#include "core/clock.h"
#include "store/store.h"

namespace xiezuo::api::testing {

// A logged-in browser: the session cookie's token and the CSRF token from the login body.
struct ApiSession {
  std::string username;
  std::string token;
  std::string csrf_token;
};

// Extra request headers, lower-case names ("origin", "x-csrf-token", …).
using Headers = std::map<std::string, std::string>;

// Not thread-safe (one test, one thread).
class ApiFixture : public ::testing::Test {
 public:
  // Every fixture user has this password.
  static constexpr const char* kPassword = "Passw0rd-for-tests";
  static constexpr const char* kHost = "localhost:8080";
  static constexpr const char* kRemoteAddr = "127.0.0.1";

 protected:
  void SetUp() override;
  // Fails the test if any non-2xx response seen by Call/Login lacks the error shape.
  void TearDown() override;

  store::Store& store() { return *store_; }
  App& app() { return *app_; }
  FakeClock& clock() { return clock_; }

  // The id of a fixture user: admin, danfeng, yuhuatai, sx_office, viewer, sxadmin, leaver.
  int64_t UserId(const std::string& username) const { return user_ids_.at(username); }
  // Institutions created in SetUp: one in 丹凤县 (611022100), one in 雨花台区 (320114).
  int64_t danfeng_institution() const { return danfeng_institution_; }
  int64_t yuhuatai_institution() const { return yuhuatai_institution_; }
  // Records created in SetUp: "pairing" (雨花台区—丹凤县, owned by 丹凤县), "paired_project"
  // (丹凤县, tied to it), "own_project" (丹凤县, no pairing), "yuhuatai_fund" (雨花台区).
  int64_t record(const std::string& name) const { return records_.at(name); }
  const std::map<std::string, int64_t>& records() const { return records_; }

  // A request as the server would build it: path and query split from `target` (values
  // are taken as-is, not percent-decoded), host header and remote address set.
  static HttpRequest MakeRequest(const std::string& method, const std::string& target,
                                 const std::string& body = "", const Headers& headers = {});

  // Sends a request through App::Handle and records the response.
  HttpResponse Send(const HttpRequest& req);

  // POST /api/v1/auth/login.
  HttpResponse Login(const std::string& username, const std::string& password,
                     const std::string& remote_addr = kRemoteAddr);
  // Logs in with kPassword; adds a test failure (and returns empty tokens) when it fails.
  ApiSession LoginAs(const std::string& username);
  // Adds "shangluo", the city office of 商洛市 (the first approving level above 丹凤县).
  void CreateCityOffice();

  // Calls a route as `session` (nullptr: no cookie). Writes carry the session's CSRF token
  // unless `headers` sets "x-csrf-token" itself.
  HttpResponse Call(const ApiSession* session, const std::string& method, const std::string& target,
                    const std::string& body = "", const Headers& headers = {});
  HttpResponse Call(const ApiSession& session, const std::string& method, const std::string& target,
                    const std::string& body = "", const Headers& headers = {}) {
    return Call(&session, method, target, body, headers);
  }

  // GETs `path` as `who`, expects 200 (a test failure naming the path otherwise) and returns
  // the body as JSON.
  nlohmann::json Get(const ApiSession& who, const std::string& path);

  // Audit rows matching the filter, read straight from the store.
  int64_t AuditCount(const std::string& action, const std::string& entity = "",
                     const std::string& username = "");
  // Live institutions in the whole country.
  int64_t InstitutionCount();
  // Disables (or enables) a user directly in the store.
  void SetDisabled(const std::string& username, bool disabled);

  // A valid unified social credit code whose region part is `region6` and whose serial is
  // `serial` (1..999999): the check character is computed.
  static std::string CreditCode(const std::string& region6, int serial);

  // The body parsed as JSON, or a discarded value.
  static nlohmann::json Json(const HttpResponse& resp);

  const std::vector<HttpResponse>& responses() const { return responses_; }

 private:
  int64_t AddUser(const std::string& username, const std::string& role, const std::string& scope,
                  const std::string& password_hash);

  FakeClock clock_{Clock::Real().NowSeconds()};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<App> app_;
  std::map<std::string, int64_t> user_ids_;
  int64_t danfeng_institution_ = 0;
  int64_t yuhuatai_institution_ = 0;
  std::map<std::string, int64_t> records_;
  std::vector<HttpResponse> responses_;
};

// Checks that `resp` is an error with this HTTP status and error.code, in the documented
// shape {"error":{"code","message","details":[{"field","reason"}]}}.
::testing::AssertionResult IsError(const HttpResponse& resp, int status, const std::string& code);
// Checks only the error shape (and that no SQL or backend text leaks).
::testing::AssertionResult HasErrorShape(const HttpResponse& resp);
// The fields named in error.details, in order.
std::vector<std::string> DetailFields(const HttpResponse& resp);

}  // namespace xiezuo::api::testing
