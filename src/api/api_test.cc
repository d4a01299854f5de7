// End-to-end tests of the /api/v1 application through App::Handle: authentication, CSRF,
// permissions and data scope on every registered route, sessions, strict input, audit, and
// the error body's shape.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ctime>
#include <set>

#include "api/testing/api_fixture.h"

namespace xiezuo::api::testing {
namespace {

using nlohmann::json;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

using ApiTest = ApiFixture;

std::string InstitutionBody(const std::string& name, const std::string& region_code,
                            const std::string& kind = "school",
                            const std::string& credit_code = "") {
  json body = {{"name", name}, {"kind", kind}, {"region_code", region_code}};
  if (!credit_code.empty()) body["credit_code"] = credit_code;
  return body.dump();
}

// Replaces every "{name}" in `text` with values[name].
std::string Expand(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    std::string key = "{" + name + "}";
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
      text.replace(at, key.size(), value);
      at += value.size();
    }
  }
  return text;
}

std::string TodayUtc(int64_t now) {
  std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
  return buf;
}

// ---------------------------------------------------------------------------------------
// Every route: anonymous → 401, out of scope → 401/403.

// How an out-of-scope call is made.
enum class Via {
  kSession,          // the user's own session and CSRF token
  kWrongCsrf,        // the user's session with a wrong X-CSRF-Token
  kDisabledSession,  // a session of the user "leaver", disabled after logging in
};

struct OutOfScopeCall {
  std::string user;    // ignored for kDisabledSession
  std::string target;  // may hold {danfeng_inst}, {yuhuatai_inst}, {user:NAME}
  std::string body;
  Via via = Via::kSession;
  int status = 403;
};

// For every route, keyed "METHOD pattern", calls that must be refused. Routes that guard
// region data get a caller whose role has the permission but whose data scope does not
// hold the target (or whose role lacks the permission). Routes that any logged-in user may
// call for themselves (auth/me, auth/logout, auth/password, version) and the region
// searches whose results are filtered rather than refused (regions, regions/roots — their
// filtering is checked in the *ScopedList* tests) have no "other" target: for those the
// refused call is a session of a disabled user (401) or, for writes, a wrong CSRF token
// (403). A route missing here fails RouteTableCoversEveryRoute.
std::map<std::string, std::vector<OutOfScopeCall>> OutOfScopeTable() {
  std::string in_danfeng = InstitutionBody("新学校", "611022");
  std::string in_yuhuatai = InstitutionBody("新学校", "320114");
  std::string user_update =
      json{{"display_name", "改名"}, {"role", "county_office"}, {"scope_region_code", "320114"}}
          .dump();
  std::string new_user = json{
      {"username", "newbie"},
      {"display_name", "新用户"},
      {"password", "Another-passw0rd"},
      {"role", "county_office"},
      {"scope_region_code",
       "320114"}}.dump();
  std::string national_user = json{
      {"username", "newbie2"},
      {"display_name", "新用户"},
      {"password", "Another-passw0rd"},
      {"role", "viewer"}}.dump();
  std::string reset = json{{"password", "Reset-passw0rd"}}.dump();
  auto fund = [](const std::string& region) {
    return json{{"year", 2021},        {"type", "disbursement"}, {"source_level", "provincial"},
                {"payer", "江苏省"},   {"region_code", region},  {"amount_fen", 100},
                {"date", "2021-05-01"}}
        .dump();
  };
  std::string fund_in_danfeng = fund("611022");
  std::string fund_in_yuhuatai = fund("320114");
  auto project = [](const std::string& region) {
    return json{{"version", 1},          {"code", "P-OUT"},        {"name", "项目"},
                {"status", "candidate"}, {"category", "industry"}, {"region_code", region}}
        .dump();
  };
  std::string project_in_danfeng = project("611022");
  std::string project_in_yuhuatai = project("320114");
  return {
      {"POST /api/v1/auth/logout", {{"danfeng", "/api/v1/auth/logout", "", Via::kWrongCsrf}}},
      {"GET /api/v1/auth/me", {{"", "/api/v1/auth/me", "", Via::kDisabledSession, 401}}},
      {"POST /api/v1/auth/password",
       {{"danfeng", "/api/v1/auth/password",
         json{{"old_password", ApiFixture::kPassword}, {"new_password", "New-passw0rd-1"}}.dump(),
         Via::kWrongCsrf}}},
      {"GET /api/v1/version", {{"", "/api/v1/version", "", Via::kDisabledSession, 401}}},
      {"GET /api/v1/regions/roots",
       {{"", "/api/v1/regions/roots", "", Via::kDisabledSession, 401}}},
      {"GET /api/v1/regions", {{"", "/api/v1/regions?q=街道", "", Via::kDisabledSession, 401}}},
      {"GET /api/v1/indicators", {{"", "/api/v1/indicators", "", Via::kDisabledSession, 401}}},
      {"GET /api/v1/analytics/table/export",
       {{"danfeng",
         "/api/v1/analytics/table/export?indicators=fund_disbursement&period=2021"
         "&region_code=320114"}}},
      {"GET /api/v1/analytics/series/export",
       {{"danfeng",
         "/api/v1/analytics/series/export?indicators=fund_disbursement&from=2021-01"
         "&to=2021-12&region_code=3201"}}},
      {"GET /api/v1/analytics/series",
       {{"danfeng",
         "/api/v1/analytics/series?indicators=fund_disbursement&from=2021-01"
         "&to=2021-12&region_code=3201"}}},
      {"GET /api/v1/analytics/table",
       {{"danfeng",
         "/api/v1/analytics/table?indicators=fund_disbursement&period=2021"
         "&region_code=320114"},
        {"yuhuatai",
         "/api/v1/analytics/table?indicators=fund_disbursement&period=2021"
         "&region_code=61"}}},
      {"GET /api/v1/analytics/targets",
       {{"danfeng", "/api/v1/analytics/targets?year=2021&region_code=320114"},
        {"yuhuatai", "/api/v1/analytics/targets?year=2021&region_code=61"}}},
      // Aggregate data entry and the checks.
      {"GET /api/v1/datasets", {{"", "/api/v1/datasets", "", Via::kDisabledSession, 401}}},
      {"PUT /api/v1/datasets/{dataset}/deadline",
       {{"sx_office", "/api/v1/datasets/labour_quarterly/deadline", R"({"deadline_days":5})"}}},
      {"GET /api/v1/datasets/{dataset}/entries/{code}/{period}",
       {{"danfeng", "/api/v1/datasets/east_annual/entries/320114/2021"}}},
      {"PUT /api/v1/datasets/{dataset}/entries/{code}/{period}",
       {{"yuhuatai", "/api/v1/datasets/labour_quarterly/entries/611022/2021Q1",
         R"({"values":{"placement_persons":1},"version":0})"},
        {"viewer", "/api/v1/datasets/labour_quarterly/entries/611022/2021Q1",
         R"({"values":{"placement_persons":1},"version":0})"}}},
      {"POST /api/v1/datasets/{dataset}/entries/{code}/{period}/{action}",
       {{"yuhuatai", "/api/v1/datasets/labour_quarterly/entries/611022/2021Q1/submit", "{}"}}},
      {"GET /api/v1/submissions", {{"danfeng", "/api/v1/submissions?region_code=32"}}},
      {"GET /api/v1/checks/rules", {{"", "/api/v1/checks/rules", "", Via::kDisabledSession, 401}}},
      {"GET /api/v1/checks/validation",
       {{"danfeng", "/api/v1/checks/validation?period=2021&region_code=32"}}},
      {"GET /api/v1/checks/reconciliation",
       {{"danfeng", "/api/v1/checks/reconciliation?period=2021&region_code=32"}}},
      {"GET /api/v1/checks/completeness",
       {{"danfeng", "/api/v1/checks/completeness?dataset=east_annual&year=2021&region_code=32"}}},
      // Assessment.
      {"GET /api/v1/assessment/templates/{year}/{side}",
       {{"", "/api/v1/assessment/templates/2021/west", "", Via::kDisabledSession, 401}}},
      {"PUT /api/v1/assessment/templates/{year}/{side}",
       {{"sx_office", "/api/v1/assessment/templates/2021/west", "{}"}}},  // lacks assessment:admin
      {"GET /api/v1/assessment/scores",
       {{"danfeng", "/api/v1/assessment/scores?year=2021&region_code=6110"},
        {"danfeng", "/api/v1/assessment/scores?year=2021&regions=611022100,320114002"}}},
      {"GET /api/v1/assessment/scores/export",
       {{"danfeng", "/api/v1/assessment/scores/export?year=2021&region_code=32"}}},
      {"GET /api/v1/assessment/self/{code}/{year}",
       {{"danfeng", "/api/v1/assessment/self/320114/2021"}}},
      {"PUT /api/v1/assessment/self/{code}/{year}",
       {{"danfeng", "/api/v1/assessment/self/6110/2021", R"({"version":0,"items":{}})"},
        {"viewer", "/api/v1/assessment/self/611022/2021",
         R"({"version":0,"items":{}})"}}},  // viewer lacks dataset:enter
      {"POST /api/v1/assessment/self/{code}/{year}/{action}",
       {{"yuhuatai", "/api/v1/assessment/self/611022/2021/submit", "{}"}}},
      {"POST /api/v1/assessment/self/{code}/{year}/files",
       {{"danfeng", "/api/v1/assessment/self/320114/2021/files?item=x&filename=a.pdf", "%PDF-"}}},
      {"GET /api/v1/assessment/self/{code}/{year}/export",
       {{"danfeng", "/api/v1/assessment/self/320114/2021/export"}}},
      {"GET /api/v1/assessment/self/{code}/{year}/files/{id}",
       {{"yuhuatai", "/api/v1/assessment/self/611022/2021/files/1"}}},
      {"DELETE /api/v1/assessment/self/{code}/{year}/files/{id}",
       {{"danfeng", "/api/v1/assessment/self/320114/2021/files/1"}}},
      // Reports.
      {"GET /api/v1/reports/annual",
       {{"danfeng", "/api/v1/reports/annual?year=2021&region_code=320114"}}},
      {"POST /api/v1/reports/annual/docx",
       {{"danfeng", "/api/v1/reports/annual/docx?year=2021&region_code=6110", "{}"}}},
      {"GET /api/v1/reports/tables",
       {{"danfeng", "/api/v1/reports/tables?year=2021&region_code=320114"}}},
      {"GET /api/v1/reports/tables/xlsx",
       {{"danfeng", "/api/v1/reports/tables/xlsx?year=2021&region_code=6110"}}},
      {"GET /api/v1/regions/{code}",
       {{"danfeng", "/api/v1/regions/320114"},
        {"danfeng", "/api/v1/regions/6110"},  // an ancestor is outside too
        {"sx_office", "/api/v1/regions/32"}}},
      {"GET /api/v1/regions/{code}/children",
       {{"danfeng", "/api/v1/regions/6110/children"},
        {"yuhuatai", "/api/v1/regions/611022/children"}}},
      {"GET /api/v1/regions/{code}/path", {{"danfeng", "/api/v1/regions/320114002/path"}}},
      {"GET /api/v1/institutions",
       {{"danfeng", "/api/v1/institutions?region_code=320114"},
        {"danfeng", "/api/v1/institutions?region_code=61"}}},
      {"POST /api/v1/institutions",
       {{"danfeng", "/api/v1/institutions", in_yuhuatai},
        {"viewer", "/api/v1/institutions", in_danfeng}}},  // viewer lacks institution:edit
      {"GET /api/v1/institutions/{id}",
       {{"danfeng", "/api/v1/institutions/{yuhuatai_inst}"},
        {"sx_office", "/api/v1/institutions/{yuhuatai_inst}"}}},
      {"PUT /api/v1/institutions/{id}",
       {{"danfeng", "/api/v1/institutions/{yuhuatai_inst}", in_yuhuatai},
        // Moving one's own institution out of one's scope.
        {"danfeng", "/api/v1/institutions/{danfeng_inst}", in_yuhuatai},
        {"viewer", "/api/v1/institutions/{danfeng_inst}", in_danfeng}}},
      {"DELETE /api/v1/institutions/{id}",
       {{"danfeng", "/api/v1/institutions/{yuhuatai_inst}"},
        {"viewer", "/api/v1/institutions/{danfeng_inst}"}}},
      {"GET /api/v1/roles", {{"danfeng", "/api/v1/roles"}}},
      {"GET /api/v1/users", {{"danfeng", "/api/v1/users"}, {"viewer", "/api/v1/users"}}},
      {"POST /api/v1/users",
       {{"sx_office", "/api/v1/users", new_user},       // lacks user:edit
        {"sxadmin", "/api/v1/users", new_user},         // scope 320114 outside 61
        {"sxadmin", "/api/v1/users", national_user}}},  // national scope outside 61
      {"PUT /api/v1/users/{id}",
       {{"sx_office", "/api/v1/users/{user:yuhuatai}", user_update},  // lacks user:edit
        {"sxadmin", "/api/v1/users/{user:yuhuatai}", user_update},
        {"sxadmin", "/api/v1/users/{user:admin}", user_update}}},
      {"POST /api/v1/users/{id}/password",
       {{"sx_office", "/api/v1/users/{user:danfeng}/password", reset},
        {"sxadmin", "/api/v1/users/{user:yuhuatai}/password", reset}}},
      {"GET /api/v1/audit", {{"sx_office", "/api/v1/audit"}, {"danfeng", "/api/v1/audit"}}},
      // Cooperation records: "{rec:NAME}" are the fixture's records (see ApiFixture).
      {"GET /api/v1/kinds", {{"", "/api/v1/kinds", "", Via::kDisabledSession, 401}}},
      {"GET /api/v1/records/{kind}/template",
       {{"", "/api/v1/records/project/template", "", Via::kDisabledSession, 401}}},
      {"GET /api/v1/records/{kind}/export",
       {{"danfeng", "/api/v1/records/project/export?region_code=320114"}}},
      {"POST /api/v1/records/{kind}/import",
       {{"viewer", "/api/v1/records/project/import?filename=a.csv", "code,name\n"},
        {"danfeng", "/api/v1/records/project/import?filename=a.csv", "code,name\n",
         Via::kWrongCsrf}}},
      {"GET /api/v1/records/{kind}",
       {{"danfeng", "/api/v1/records/fund?region_code=320114"},
        {"yuhuatai", "/api/v1/records/project?region_code=6110"}}},
      {"POST /api/v1/records/{kind}",
       {{"danfeng", "/api/v1/records/fund", fund_in_yuhuatai},
        {"viewer", "/api/v1/records/fund", fund_in_danfeng}}},
      {"GET /api/v1/records/{kind}/{id}",
       {{"yuhuatai", "/api/v1/records/project/{rec:own_project}"},
        {"danfeng", "/api/v1/records/fund/{rec:yuhuatai_fund}"}}},
      {"PUT /api/v1/records/{kind}/{id}",
       // The partner reads the paired project but may not change it.
       {{"yuhuatai", "/api/v1/records/project/{rec:paired_project}", project_in_danfeng},
        // Moving one's own project out of one's scope.
        {"danfeng", "/api/v1/records/project/{rec:own_project}", project_in_yuhuatai},
        {"viewer", "/api/v1/records/project/{rec:own_project}", project_in_danfeng}}},
      {"DELETE /api/v1/records/{kind}/{id}",
       {{"yuhuatai", "/api/v1/records/project/{rec:paired_project}"},
        {"viewer", "/api/v1/records/project/{rec:own_project}"}}},
      {"GET /api/v1/records/{kind}/{id}/history",
       {{"yuhuatai", "/api/v1/records/project/{rec:own_project}/history"}}},
      {"PUT /api/v1/records/{kind}/{id}/attachment",
       {{"yuhuatai", "/api/v1/records/pairing/{rec:pairing}/attachment?filename=a.pdf",
         "%PDF-1.4\n"}}},
      {"GET /api/v1/records/{kind}/{id}/attachment",
       {{"danfeng", "/api/v1/records/fund/{rec:yuhuatai_fund}/attachment"}}},
      {"GET /api/v1/funds/summary", {{"danfeng", "/api/v1/funds/summary?region_code=320114"}}},
  };
}

TEST_F(ApiTest, RouteTableCoversEveryRoute) {
  auto table = OutOfScopeTable();
  std::set<std::string> registered;
  for (const Route& route : app().router().routes()) {
    std::string key = route.method + " " + route.pattern;
    registered.insert(key);
    if (route.anonymous) continue;
    EXPECT_TRUE(table.count(key) == 1 && !table[key].empty())
        << key << " has no out-of-scope entry in OutOfScopeTable(): add one";
  }
  for (const auto& [key, calls] : table) {
    EXPECT_TRUE(registered.count(key) == 1) << key << " is in the table but not registered";
  }
}

TEST_F(ApiTest, OnlyLoginIsAnonymous) {
  std::vector<std::string> anonymous;
  for (const Route& route : app().router().routes()) {
    if (route.anonymous) anonymous.push_back(route.method + " " + route.pattern);
  }
  EXPECT_THAT(anonymous, ElementsAre("POST /api/v1/auth/login"));
}

TEST_F(ApiTest, EveryRouteRejectsAnonymousCalls) {
  int checked = 0;
  for (const Route& route : app().router().routes()) {
    if (route.anonymous) continue;
    // Real ids and codes, so a 401 cannot come from a 404 in disguise.
    std::string id = route.pattern.starts_with("/api/v1/users")
                         ? std::to_string(UserId("danfeng"))
                         : std::to_string(danfeng_institution());
    std::string target = Expand(route.pattern, {{"code", "611022"}, {"id", id}});
    std::string body = route.method == "GET" || route.method == "DELETE" ? "" : "{}";
    int64_t denied = AuditCount("denied");
    int64_t total = AuditCount("");
    HttpResponse resp = Call(nullptr, route.method, target, body);
    EXPECT_TRUE(IsError(resp, 401, "unauthenticated")) << route.method << " " << target;
    EXPECT_EQ(resp.route, route.pattern) << "matched another route";
    // A garbage cookie is no better than none.
    ApiSession forged{"forged", std::string(64, 'a'), "x"};
    resp = Call(forged, route.method, target, body);
    EXPECT_TRUE(IsError(resp, 401, "unauthenticated")) << route.method << " " << target;
    EXPECT_EQ(AuditCount("") - total, AuditCount("denied") - denied)
        << "an anonymous " << route.method << " " << target << " wrote something";
    ++checked;
  }
  EXPECT_GE(checked, 19);
}

TEST_F(ApiTest, EveryRouteRejectsOutOfScopeCalls) {
  std::map<std::string, std::string> ids = {
      {"danfeng_inst", std::to_string(danfeng_institution())},
      {"yuhuatai_inst", std::to_string(yuhuatai_institution())},
  };
  for (const char* name : {"admin", "danfeng", "yuhuatai", "sx_office", "viewer", "sxadmin"}) {
    ids[std::string("user:") + name] = std::to_string(UserId(name));
  }
  for (const auto& [name, id] : records()) ids["rec:" + name] = std::to_string(id);
  std::map<std::string, ApiSession> sessions;
  for (const char* name : {"danfeng", "yuhuatai", "sx_office", "viewer", "sxadmin"}) {
    sessions[name] = LoginAs(name);
  }
  ApiSession disabled = LoginAs("leaver");
  SetDisabled("leaver", true);

  auto table = OutOfScopeTable();
  int checked = 0;
  for (const Route& route : app().router().routes()) {
    std::string key = route.method + " " + route.pattern;
    if (route.anonymous || table.count(key) == 0) continue;  // reported by the test above
    for (const OutOfScopeCall& call : table[key]) {
      std::string target = Expand(call.target, ids);
      std::string who = call.via == Via::kDisabledSession ? "leaver (disabled)" : call.user;
      SCOPED_TRACE(key + " as " + who + ": " + route.method + " " + target);
      const ApiSession& session =
          call.via == Via::kDisabledSession ? disabled : sessions.at(call.user);
      Headers headers;
      if (call.via == Via::kWrongCsrf) headers["x-csrf-token"] = session.csrf_token + "0";
      int64_t denied = AuditCount("denied");
      int64_t total = AuditCount("");
      int64_t institutions = InstitutionCount();
      HttpResponse resp = Call(session, route.method, target, call.body, headers);
      EXPECT_EQ(resp.route, route.pattern) << "the call matched another route";
      if (call.status == 401) {
        EXPECT_TRUE(IsError(resp, 401, "unauthenticated"));
      } else {
        EXPECT_TRUE(IsError(resp, 403, "permission_denied"));
        EXPECT_GT(AuditCount("denied"), denied) << "the refusal was not audited";
      }
      // Nothing but the refusal was written.
      EXPECT_EQ(AuditCount("") - total, AuditCount("denied") - denied);
      EXPECT_EQ(InstitutionCount(), institutions);
      ++checked;
    }
  }
  EXPECT_GE(checked, 19);
  // The users touched above are as they were.
  auto yuhuatai = store().GetUser(UserId("yuhuatai"));
  ASSERT_TRUE(yuhuatai.ok());
  EXPECT_EQ(yuhuatai->display_name, "yuhuatai 用户");
  EXPECT_FALSE(store().FindUserByName("newbie").ok());
  EXPECT_FALSE(store().FindUserByName("newbie2").ok());
  // The sessions whose password routes were refused still work with the old password.
  EXPECT_EQ(Login("danfeng", kPassword).status, 200);
  EXPECT_EQ(Login("yuhuatai", kPassword).status, 200);
}

// The same callers do reach in-scope targets, so the refusals above are about scope.
TEST_F(ApiTest, InScopeCallsSucceed) {
  ApiSession danfeng = LoginAs("danfeng");
  EXPECT_EQ(Call(danfeng, "GET", "/api/v1/regions/611022").status, 200);
  EXPECT_EQ(Call(danfeng, "GET", "/api/v1/regions/611022100/path").status, 200);
  EXPECT_EQ(Call(danfeng, "GET", "/api/v1/regions/611022/children").status, 200);
  EXPECT_EQ(Call(danfeng, "GET", "/api/v1/institutions?region_code=611022100").status, 200);
  EXPECT_EQ(
      Call(danfeng, "GET", "/api/v1/institutions/" + std::to_string(danfeng_institution())).status,
      200);
  EXPECT_EQ(
      Call(danfeng, "POST", "/api/v1/institutions", InstitutionBody("新学校", "611022101")).status,
      201);
  ApiSession sxadmin = LoginAs("sxadmin");
  HttpResponse resp = Call(
      sxadmin, "PUT", "/api/v1/users/" + std::to_string(UserId("danfeng")),
      json{{"display_name", "丹凤"}, {"role", "county_office"}, {"scope_region_code", "611022"}}
          .dump());
  EXPECT_EQ(resp.status, 200) << resp.body;
}

// ---------------------------------------------------------------------------------------
// Login.

TEST_F(ApiTest, WrongPasswordLooksLikeUnknownUser) {
  HttpResponse wrong = Login("danfeng", "not-the-password");
  HttpResponse unknown = Login("nobody", "not-the-password");
  ASSERT_TRUE(IsError(wrong, 401, "unauthenticated"));
  ASSERT_TRUE(IsError(unknown, 401, "unauthenticated"));
  EXPECT_EQ(Json(wrong)["error"]["message"], Json(unknown)["error"]["message"]);
  for (const auto& [name, value] : wrong.headers) EXPECT_NE(name, "Set-Cookie");
  EXPECT_EQ(AuditCount("login_failed", "session", "danfeng"), 1);
  EXPECT_EQ(AuditCount("login_failed", "session", "nobody"), 1);
  EXPECT_EQ(AuditCount("login", "session"), 0);
}

TEST_F(ApiTest, LoginSetsAnHttpOnlyCookieAndReturnsTheUser) {
  HttpResponse resp = Login("danfeng", kPassword);
  ASSERT_EQ(resp.status, 200) << resp.body;
  std::string cookie;
  for (const auto& [name, value] : resp.headers) {
    if (name == "Set-Cookie") cookie = value;
  }
  EXPECT_TRUE(cookie.starts_with("xiezuo_session=")) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  json body = Json(resp);
  EXPECT_EQ(body["user"]["username"], "danfeng");
  EXPECT_EQ(body["user"]["scope"]["region_code"], "611022");
  EXPECT_FALSE(body["user"].contains("password_hash"));
  EXPECT_EQ(resp.body.find("argon2"), std::string::npos);
  EXPECT_EQ(AuditCount("login", "session", "danfeng"), 1);
}

TEST_F(ApiTest, DisabledUserCannotLogIn) {
  SetDisabled("leaver", true);
  HttpResponse resp = Login("leaver", kPassword);
  ASSERT_TRUE(IsError(resp, 401, "unauthenticated"));
  EXPECT_EQ(Json(resp)["error"]["message"], Json(Login("nobody", kPassword))["error"]["message"]);
  SetDisabled("leaver", false);
  EXPECT_EQ(Login("leaver", kPassword).status, 200);
}

TEST_F(ApiTest, LoginIsThrottledPerUserAndPerAddress) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(IsError(Login("danfeng", "wrong-" + std::to_string(i), "10.0.0.1"), 401,
                        "unauthenticated"));
  }
  EXPECT_EQ(AuditCount("login_failed", "session", "danfeng"), 5);
  // The right password does not help while locked: per user…
  EXPECT_TRUE(IsError(Login("danfeng", kPassword, "10.0.0.1"), 429, "resource_exhausted"));
  EXPECT_TRUE(IsError(Login("danfeng", kPassword, "10.0.0.2"), 429, "resource_exhausted"));
  // …and per address.
  EXPECT_TRUE(IsError(Login("yuhuatai", kPassword, "10.0.0.1"), 429, "resource_exhausted"));
  // Another user from another address is not affected.
  EXPECT_EQ(Login("yuhuatai", kPassword, "10.0.0.3").status, 200);

  clock().Advance(app().auth().options().failure_window_seconds - 10);
  EXPECT_TRUE(IsError(Login("danfeng", kPassword, "10.0.0.1"), 429, "resource_exhausted"));
  clock().Advance(11);
  HttpResponse resp = Login("danfeng", kPassword, "10.0.0.1");
  EXPECT_EQ(resp.status, 200) << resp.body;
}

TEST_F(ApiTest, FourFailuresDoNotThrottle) {
  for (int i = 0; i < 4; ++i) Login("danfeng", "wrong", "10.0.0.1");
  EXPECT_EQ(Login("danfeng", kPassword, "10.0.0.1").status, 200);
  // A success clears the user's count (another address, so only the user's count matters).
  for (int i = 0; i < 4; ++i) Login("danfeng", "wrong", "10.0.0.2");
  EXPECT_EQ(Login("danfeng", kPassword, "10.0.0.2").status, 200);
}

// Password spraying from one address: logging in to one's own account between guesses
// must not reset the address's count, or the per-address limit never bites.
TEST_F(ApiTest, OwnSuccessfulLoginDoesNotResetTheAddressCount) {
  for (int i = 0; i < 3; ++i) Login("guess" + std::to_string(i), "wrong", "10.0.0.9");
  EXPECT_EQ(Login("yuhuatai", kPassword, "10.0.0.9").status, 200);
  for (int i = 3; i < 5; ++i) Login("guess" + std::to_string(i), "wrong", "10.0.0.9");
  // Five failures from this address inside the window.
  EXPECT_TRUE(IsError(Login("guess9", "wrong", "10.0.0.9"), 429, "resource_exhausted"));
}

TEST_F(ApiTest, LoginRejectsBadBodies) {
  HttpResponse resp = Send(MakeRequest("POST", "/api/v1/auth/login", "{\"username\":\"x\"}"));
  EXPECT_TRUE(IsError(resp, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(resp), Contains("password"));
  resp = Send(MakeRequest("POST", "/api/v1/auth/login",
                          json{{"username", "danfeng"}, {"password", kPassword}}.dump(),
                          {{"origin", "https://evil.example"}}));
  EXPECT_TRUE(IsError(resp, 403, "permission_denied"));
}

// ---------------------------------------------------------------------------------------
// CSRF.

TEST_F(ApiTest, WritesNeedTheCsrfTokenAndASameOrigin) {
  ApiSession admin = LoginAs("admin");
  int64_t before = InstitutionCount();
  int64_t creates = AuditCount("create", "institution");
  std::string body = InstitutionBody("跨站学校", "611022");

  HttpRequest no_token = MakeRequest("POST", "/api/v1/institutions", body);
  no_token.headers["cookie"] = std::string(kSessionCookie) + "=" + admin.token;
  int64_t denied = AuditCount("denied");
  EXPECT_TRUE(IsError(Send(no_token), 403, "permission_denied"));
  EXPECT_EQ(AuditCount("denied"), denied + 1);

  EXPECT_TRUE(IsError(
      Call(admin, "POST", "/api/v1/institutions", body, {{"x-csrf-token", admin.csrf_token + "x"}}),
      403, "permission_denied"));
  EXPECT_TRUE(IsError(Call(admin, "POST", "/api/v1/institutions", body, {{"x-csrf-token", ""}}),
                      403, "permission_denied"));
  // Another session's token is no good either.
  ApiSession other = LoginAs("admin");
  EXPECT_TRUE(IsError(
      Call(admin, "POST", "/api/v1/institutions", body, {{"x-csrf-token", other.csrf_token}}), 403,
      "permission_denied"));
  EXPECT_TRUE(IsError(
      Call(admin, "POST", "/api/v1/institutions", body, {{"origin", "http://evil.example"}}), 403,
      "permission_denied"));
  EXPECT_TRUE(IsError(Call(admin, "POST", "/api/v1/institutions", body,
                           {{"origin", "http://localhost:8080.evil.example"}}),
                      403, "permission_denied"));
  EXPECT_EQ(InstitutionCount(), before);
  EXPECT_EQ(AuditCount("create", "institution"), creates);

  EXPECT_EQ(Call(admin, "POST", "/api/v1/institutions", body, {{"origin", "http://localhost:8080"}})
                .status,
            201);
  EXPECT_EQ(
      Call(admin, "POST", "/api/v1/institutions", InstitutionBody("同源学校", "611022")).status,
      201);
  EXPECT_EQ(InstitutionCount(), before + 2);
  // Reads need no token.
  EXPECT_EQ(Call(admin, "GET", "/api/v1/institutions", "", {{"x-csrf-token", "nonsense"}}).status,
            200);
}

// ---------------------------------------------------------------------------------------
// Sessions.

TEST_F(ApiTest, SessionExpiresWhenIdle) {
  ApiSession s = LoginAs("danfeng");
  const AuthOptions& opts = app().auth().options();
  clock().Advance(opts.idle_timeout_seconds - 1);
  EXPECT_EQ(Call(s, "GET", "/api/v1/auth/me").status, 200);
  ApiSession idle = LoginAs("danfeng");
  clock().Advance(opts.idle_timeout_seconds);
  EXPECT_TRUE(IsError(Call(idle, "GET", "/api/v1/auth/me"), 401, "unauthenticated"));
  // And stays ended.
  clock().Advance(-opts.idle_timeout_seconds);
  EXPECT_TRUE(IsError(Call(idle, "GET", "/api/v1/auth/me"), 401, "unauthenticated"));
}

TEST_F(ApiTest, CallInSecondHalfOfIdleWindowRenewsTheSession) {
  ApiSession s = LoginAs("danfeng");
  ApiSession early = LoginAs("danfeng");
  const int64_t idle = app().auth().options().idle_timeout_seconds;
  // First half: no renewal.
  clock().Advance(idle / 4);
  EXPECT_EQ(Call(early, "GET", "/api/v1/auth/me").status, 200);
  // Second half: renewed to a full idle window from now.
  clock().Advance(idle / 2);
  EXPECT_EQ(Call(s, "GET", "/api/v1/auth/me").status, 200);
  clock().Advance(idle / 2);  // past the original expiry
  EXPECT_EQ(Call(s, "GET", "/api/v1/auth/me").status, 200);
  EXPECT_TRUE(IsError(Call(early, "GET", "/api/v1/auth/me"), 401, "unauthenticated"));
}

TEST_F(ApiTest, AbsoluteTimeoutEndsAnActiveSession) {
  ApiSession s = LoginAs("danfeng");
  const AuthOptions& opts = app().auth().options();
  const int64_t step = opts.idle_timeout_seconds * 3 / 4;
  int64_t elapsed = 0;
  while (elapsed + step < opts.absolute_timeout_seconds) {
    clock().Advance(step);
    elapsed += step;
    ASSERT_EQ(Call(s, "GET", "/api/v1/auth/me").status, 200) << "after " << elapsed << " s";
  }
  clock().Advance(opts.absolute_timeout_seconds - 1 - elapsed);
  EXPECT_EQ(Call(s, "GET", "/api/v1/auth/me").status, 200);
  clock().Advance(1);
  EXPECT_TRUE(IsError(Call(s, "GET", "/api/v1/auth/me"), 401, "unauthenticated"));
}

TEST_F(ApiTest, LogoutEndsTheSession) {
  ApiSession s = LoginAs("danfeng");
  ApiSession other = LoginAs("danfeng");
  HttpResponse resp = Call(s, "POST", "/api/v1/auth/logout");
  ASSERT_EQ(resp.status, 200) << resp.body;
  bool cleared = false;
  for (const auto& [name, value] : resp.headers) {
    cleared = cleared || (name == "Set-Cookie" && value.starts_with("xiezuo_session=;") &&
                          value.find("Max-Age=0") != std::string::npos);
  }
  EXPECT_TRUE(cleared) << "logout does not clear the cookie";
  EXPECT_TRUE(IsError(Call(s, "GET", "/api/v1/auth/me"), 401, "unauthenticated"));
  EXPECT_EQ(Call(other, "GET", "/api/v1/auth/me").status, 200);
  EXPECT_EQ(AuditCount("logout", "session", "danfeng"), 1);
}

TEST_F(ApiTest, PasswordChangeNeedsTheOldPasswordAndEndsOtherSessions) {
  ApiSession s = LoginAs("danfeng");
  ApiSession other = LoginAs("danfeng");
  HttpResponse resp =
      Call(s, "POST", "/api/v1/auth/password",
           json{{"old_password", "not-the-password"}, {"new_password", "New-passw0rd-1"}}.dump());
  EXPECT_TRUE(IsError(resp, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(resp), ElementsAre("old_password"));
  EXPECT_EQ(Call(other, "GET", "/api/v1/auth/me").status, 200);

  resp = Call(s, "POST", "/api/v1/auth/password",
              json{{"old_password", kPassword}, {"new_password", "short"}}.dump());
  EXPECT_TRUE(IsError(resp, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(resp), ElementsAre("new_password"));

  resp = Call(s, "POST", "/api/v1/auth/password",
              json{{"old_password", kPassword}, {"new_password", "New-passw0rd-1"}}.dump());
  ASSERT_EQ(resp.status, 200) << resp.body;
  EXPECT_TRUE(IsError(Call(other, "GET", "/api/v1/auth/me"), 401, "unauthenticated"));
  EXPECT_TRUE(IsError(Login("danfeng", kPassword), 401, "unauthenticated"));
  EXPECT_EQ(Login("danfeng", "New-passw0rd-1").status, 200);
  EXPECT_EQ(AuditCount("password_change", "user"), 1);
  EXPECT_EQ(resp.body.find("New-passw0rd-1"), std::string::npos);
}

// "ends other sessions": the session that changed the password carries on.
TEST_F(ApiTest, PasswordChangeKeepsTheCallersSession) {
  ApiSession s = LoginAs("danfeng");
  HttpResponse resp =
      Call(s, "POST", "/api/v1/auth/password",
           json{{"old_password", kPassword}, {"new_password", "New-passw0rd-1"}}.dump());
  ASSERT_EQ(resp.status, 200) << resp.body;
  EXPECT_EQ(Call(s, "GET", "/api/v1/auth/me").status, 200)
      << "the password change also ended the caller's own session";
}

TEST_F(ApiTest, DisablingAUserEndsTheirSessions) {
  ApiSession s = LoginAs("leaver");
  SetDisabled("leaver", true);
  EXPECT_TRUE(IsError(Call(s, "GET", "/api/v1/auth/me"), 401, "unauthenticated"));
}

// ---------------------------------------------------------------------------------------
// Strict input.

TEST_F(ApiTest, BadInstitutionBodiesNameEachFieldAndWriteNothing) {
  ApiSession admin = LoginAs("admin");
  int64_t before = InstitutionCount();
  int64_t creates = AuditCount("create", "institution");
  std::string long_name;
  for (int i = 0; i < 101; ++i) long_name += "院";
  std::string bad_code = CreditCode("611022", 1);
  bad_code.back() = bad_code.back() == '0' ? '1' : '0';

  struct Case {
    std::string name;
    std::string body;
    std::vector<std::string> fields;
  };
  std::vector<Case> cases = {
      {"unknown field",
       json{{"name", "学校"}, {"kind", "school"}, {"region_code", "611022"}, {"colour", "红"}}
           .dump(),
       {"colour"}},
      {"wrong type",
       json{{"name", 5}, {"kind", "school"}, {"region_code", "611022"}}.dump(),
       {"name"}},
      {"too long", InstitutionBody(long_name, "611022"), {"name"}},
      {"empty name", InstitutionBody("", "611022"), {"name"}},
      {"missing region", json{{"name", "学校"}, {"kind", "school"}}.dump(), {"region_code"}},
      {"bad credit code",
       InstitutionBody("企业", "611022", "enterprise", bad_code),
       {"credit_code"}},
      {"enterprise without credit code",
       InstitutionBody("企业", "611022", "enterprise"),
       {"credit_code"}},
      {"bad kind", InstitutionBody("城堡", "611022", "castle"), {"kind"}},
      {"bad region code", InstitutionBody("学校", "61102"), {"region_code"}},
      {"unknown region", InstitutionBody("学校", "619999"), {"region_code"}},
      {"several at once",
       json{{"name", 5}, {"kind", "school"}, {"region_code", 611022}, {"extra", true}}.dump(),
       {"extra", "name", "region_code"}},
      {"malformed JSON", "{\"name\": \"学校\", ", {""}},
      {"not an object", "[1, 2]", {""}},
      {"empty body", "", {""}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    HttpResponse resp = Call(admin, "POST", "/api/v1/institutions", c.body);
    EXPECT_TRUE(IsError(resp, 400, "invalid_argument"));
    std::vector<std::string> fields = DetailFields(resp);
    std::sort(fields.begin(), fields.end());
    EXPECT_EQ(fields, c.fields) << resp.body;
    // The same body is refused by PUT.
    resp =
        Call(admin, "PUT", "/api/v1/institutions/" + std::to_string(danfeng_institution()), c.body);
    EXPECT_TRUE(IsError(resp, 400, "invalid_argument"));
  }
  EXPECT_EQ(InstitutionCount(), before);
  EXPECT_EQ(AuditCount("create", "institution"), creates);
  EXPECT_EQ(AuditCount("update", "institution"), 0);

  // The limits themselves are allowed.
  std::string max_name = long_name.substr(3);  // 100 × 院
  EXPECT_EQ(Call(admin, "POST", "/api/v1/institutions", InstitutionBody(max_name, "611022")).status,
            201);
  EXPECT_EQ(Call(admin, "POST", "/api/v1/institutions",
                 InstitutionBody("企业", "611022", "enterprise", CreditCode("611022", 1)))
                .status,
            201);
}

TEST_F(ApiTest, DuplicateCreditCodeIsAConflict) {
  ApiSession admin = LoginAs("admin");
  std::string code = CreditCode("611022", 42);
  ASSERT_EQ(Call(admin, "POST", "/api/v1/institutions",
                 InstitutionBody("一号企业", "611022", "enterprise", code))
                .status,
            201);
  int64_t before = InstitutionCount();
  HttpResponse resp = Call(admin, "POST", "/api/v1/institutions",
                           InstitutionBody("二号企业", "611022101", "enterprise", code));
  EXPECT_TRUE(IsError(resp, 409, "already_exists"));
  EXPECT_THAT(DetailFields(resp), ElementsAre("credit_code"));
  EXPECT_EQ(InstitutionCount(), before);
  // Also when an update would take it.
  resp = Call(admin, "PUT", "/api/v1/institutions/" + std::to_string(danfeng_institution()),
              InstitutionBody("丹凤县龙驹寨小学", "611022100", "school", code));
  EXPECT_TRUE(IsError(resp, 409, "already_exists"));
}

TEST_F(ApiTest, BadPagingNamesTheField) {
  ApiSession admin = LoginAs("admin");
  for (const char* path : {"/api/v1/institutions", "/api/v1/regions", "/api/v1/users",
                           "/api/v1/audit", "/api/v1/regions/61/children"}) {
    SCOPED_TRACE(path);
    std::string p = path;
    HttpResponse resp = Call(admin, "GET", p + "?page=0");
    EXPECT_TRUE(IsError(resp, 400, "invalid_argument"));
    EXPECT_THAT(DetailFields(resp), ElementsAre("page"));
    resp = Call(admin, "GET", p + "?page_size=501");
    EXPECT_TRUE(IsError(resp, 400, "invalid_argument"));
    EXPECT_THAT(DetailFields(resp), ElementsAre("page_size"));
    resp = Call(admin, "GET", p + "?page=x&page_size=-1");
    EXPECT_TRUE(IsError(resp, 400, "invalid_argument"));
    EXPECT_THAT(DetailFields(resp), ElementsAre("page", "page_size"));
    EXPECT_EQ(Call(admin, "GET", p + "?page=1&page_size=500").status, 200);
  }
}

TEST_F(ApiTest, BadPathsAndQueries) {
  ApiSession admin = LoginAs("admin");
  HttpResponse resp = Call(admin, "GET", "/api/v1/institutions/abc");
  EXPECT_TRUE(IsError(resp, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(resp), ElementsAre("id"));
  EXPECT_TRUE(IsError(Call(admin, "GET", "/api/v1/institutions/0"), 400, "invalid_argument"));
  EXPECT_TRUE(IsError(Call(admin, "GET", "/api/v1/institutions/99999"), 404, "not_found"));
  EXPECT_TRUE(IsError(Call(admin, "DELETE", "/api/v1/institutions/-3"), 400, "invalid_argument"));
  EXPECT_TRUE(IsError(Call(admin, "GET", "/api/v1/regions/999999"), 404, "not_found"));
  EXPECT_TRUE(IsError(Call(admin, "GET", "/api/v1/regions/999999/path"), 404, "not_found"));
  EXPECT_TRUE(IsError(Call(admin, "GET", "/api/v1/users/abc/nothing"), 404, "not_found"));
  resp = Call(admin, "GET", "/api/v1/institutions?kind=castle");
  EXPECT_TRUE(IsError(resp, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(resp), ElementsAre("kind"));
  resp = Call(admin, "GET", "/api/v1/regions?q=" + std::string(51, 'a'));
  EXPECT_TRUE(IsError(resp, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(resp), ElementsAre("q"));
  resp = Call(admin, "PATCH", "/api/v1/institutions");
  EXPECT_EQ(resp.status, 405);
  EXPECT_TRUE(HasErrorShape(resp));
}

// ---------------------------------------------------------------------------------------
// Audit.

TEST_F(ApiTest, InstitutionChangesAreAuditedWithBeforeAndAfter) {
  ApiSession admin = LoginAs("admin");
  HttpResponse resp =
      Call(admin, "POST", "/api/v1/institutions", InstitutionBody("审计学校", "611022101"));
  ASSERT_EQ(resp.status, 201) << resp.body;
  std::string id = std::to_string(Json(resp)["id"].get<int64_t>());
  resp = Call(admin, "PUT", "/api/v1/institutions/" + id, InstitutionBody("审计中学", "611022101"));
  ASSERT_EQ(resp.status, 200) << resp.body;
  EXPECT_EQ(Json(resp)["name"], "审计中学");
  resp = Call(admin, "DELETE", "/api/v1/institutions/" + id);
  ASSERT_EQ(resp.status, 200) << resp.body;
  EXPECT_TRUE(IsError(Call(admin, "GET", "/api/v1/institutions/" + id), 404, "not_found"));

  auto entry = [&](const std::string& action) {
    HttpResponse r =
        Call(admin, "GET", "/api/v1/audit?entity=institution&username=admin&action=" + action);
    EXPECT_EQ(r.status, 200) << r.body;
    json items = Json(r)["items"];
    for (const auto& item : items) {
      if (item["entity_id"] == id) return item;
    }
    ADD_FAILURE() << "no " << action << " audit row for institution " << id << ": " << r.body;
    return json();
  };
  json create = entry("create");
  EXPECT_TRUE(create["before"].is_null());
  EXPECT_EQ(create["after"]["name"], "审计学校");
  EXPECT_EQ(create["after"]["region_code"], "611022101");
  EXPECT_EQ(create["username"], "admin");
  EXPECT_EQ(create["user_id"], UserId("admin"));
  EXPECT_EQ(create["remote_addr"], kRemoteAddr);
  json update = entry("update");
  EXPECT_EQ(update["before"]["name"], "审计学校");
  EXPECT_EQ(update["after"]["name"], "审计中学");
  json del = entry("delete");
  EXPECT_EQ(del["before"]["name"], "审计中学");
  EXPECT_TRUE(del["after"].is_null());
}

TEST_F(ApiTest, AuditListFilters) {
  ApiSession admin = LoginAs("admin");
  ApiSession danfeng = LoginAs("danfeng");
  ASSERT_EQ(
      Call(danfeng, "POST", "/api/v1/institutions", InstitutionBody("县里学校", "611022")).status,
      201);
  Call(danfeng, "GET", "/api/v1/regions/320114");  // denied

  auto list = [&](const std::string& query) {
    HttpResponse r = Call(admin, "GET", "/api/v1/audit?page_size=500&" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return Json(r);
  };
  json by_user = list("username=danfeng");
  EXPECT_EQ(by_user["total"], 3);  // login, create, denied
  for (const auto& item : by_user["items"]) EXPECT_EQ(item["username"], "danfeng");
  json denied = list("action=denied");
  ASSERT_EQ(denied["total"], 1);
  EXPECT_EQ(denied["items"][0]["entity"], "/api/v1/regions/{code}");
  EXPECT_EQ(denied["items"][0]["username"], "danfeng");
  json creates = list("entity=institution&action=create");
  EXPECT_EQ(creates["total"], 3);  // two by the fixture, one by danfeng
  for (const auto& item : creates["items"]) {
    EXPECT_EQ(item["entity"], "institution");
    EXPECT_EQ(item["action"], "create");
  }
  EXPECT_EQ(list("entity=institution&action=create&username=danfeng")["total"], 1);
  json logins = list("entity=session");
  EXPECT_EQ(logins["total"], 2);

  const std::string today = TodayUtc(Clock::Real().NowSeconds());
  json all = list("");
  EXPECT_EQ(list("from=" + today + "&to=" + today)["total"], all["total"]);
  EXPECT_EQ(list("to=2001-01-01")["total"], 0);
  EXPECT_EQ(list("from=2999-01-01")["total"], 0);
  HttpResponse bad = Call(admin, "GET", "/api/v1/audit?from=yesterday");
  EXPECT_TRUE(IsError(bad, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(bad), ElementsAre("from"));
  bad = Call(admin, "GET", "/api/v1/audit?to=2026-1-1");
  EXPECT_TRUE(IsError(bad, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(bad), ElementsAre("to"));

  EXPECT_TRUE(IsError(Call(danfeng, "GET", "/api/v1/audit"), 403, "permission_denied"));
  ApiSession sx = LoginAs("sx_office");
  EXPECT_TRUE(IsError(Call(sx, "GET", "/api/v1/audit"), 403, "permission_denied"));
}

// ---------------------------------------------------------------------------------------
// Scope on lists.

TEST_F(ApiTest, ScopedListOfInstitutions) {
  ApiSession admin = LoginAs("admin");
  ApiSession danfeng = LoginAs("danfeng");
  ASSERT_EQ(
      Call(admin, "POST", "/api/v1/institutions", InstitutionBody("南京学校", "320114002")).status,
      201);
  ASSERT_EQ(Call(admin, "POST", "/api/v1/institutions", InstitutionBody("商洛学校", "6110")).status,
            201);
  json all = Json(Call(admin, "GET", "/api/v1/institutions"));
  EXPECT_EQ(all["total"], 4);
  json mine = Json(Call(danfeng, "GET", "/api/v1/institutions"));
  ASSERT_TRUE(mine.is_object());
  EXPECT_EQ(mine["total"], 1);
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["id"], danfeng_institution());
  for (const auto& item : mine["items"]) {
    EXPECT_TRUE(item["region_code"].get<std::string>().starts_with("611022")) << item;
  }
  // Searching by name cannot reach past the scope.
  EXPECT_EQ(Json(Call(danfeng, "GET", "/api/v1/institutions?q=小学"))["total"], 1);
  EXPECT_EQ(Json(Call(admin, "GET", "/api/v1/institutions?q=学校"))["total"], 2);
  EXPECT_EQ(Json(Call(danfeng, "GET", "/api/v1/institutions?q=医院"))["total"], 0);
  EXPECT_EQ(Json(Call(danfeng, "GET", "/api/v1/institutions?region_code=611022101"))["total"], 0);
}

TEST_F(ApiTest, ScopedRegionSearchAndRoots) {
  ApiSession admin = LoginAs("admin");
  ApiSession danfeng = LoginAs("danfeng");
  auto codes = [](const json& page) {
    std::vector<std::string> out;
    for (const auto& item : page["items"]) out.push_back(item["code"]);
    return out;
  };
  json mine = Json(Call(danfeng, "GET", "/api/v1/regions?q=街道"));
  EXPECT_THAT(codes(mine), ElementsAre("611022100"));
  EXPECT_EQ(mine["total"], 1);
  EXPECT_EQ(mine["items"][0]["path"], "陕西省 / 商洛市 / 丹凤县 / 龙驹寨街道");
  EXPECT_THAT(codes(Json(Call(admin, "GET", "/api/v1/regions?q=街道"))),
              UnorderedElementsAre("611022100", "320114002"));
  // Code prefixes are scoped too.
  EXPECT_THAT(codes(Json(Call(danfeng, "GET", "/api/v1/regions?q=32"))), ElementsAre());
  for (const std::string& code : codes(Json(Call(danfeng, "GET", "/api/v1/regions?q=61")))) {
    EXPECT_TRUE(code.starts_with("611022")) << code;
  }

  // anywhere=1 finds the other side of a pairing, outside the scope; a bad value is named.
  EXPECT_THAT(codes(Json(Call(danfeng, "GET", "/api/v1/regions?q=街道&anywhere=1"))),
              UnorderedElementsAre("611022100", "320114002"));
  EXPECT_THAT(codes(Json(Call(danfeng, "GET", "/api/v1/regions?q=街道&anywhere=0"))),
              ElementsAre("611022100"));
  HttpResponse bad = Call(danfeng, "GET", "/api/v1/regions?q=街道&anywhere=yes");
  EXPECT_TRUE(IsError(bad, 400, "invalid_argument"));
  EXPECT_EQ(Json(bad)["error"]["details"][0]["field"], "anywhere");

  EXPECT_THAT(codes(Json(Call(danfeng, "GET", "/api/v1/regions/roots"))), ElementsAre("611022"));
  EXPECT_THAT(codes(Json(Call(admin, "GET", "/api/v1/regions/roots"))),
              UnorderedElementsAre("32", "61"));
  ApiSession sx = LoginAs("sx_office");
  EXPECT_THAT(codes(Json(Call(sx, "GET", "/api/v1/regions/roots"))), ElementsAre("61"));
}

TEST_F(ApiTest, ScopedListOfUsers) {
  ApiSession sx = LoginAs("sx_office");
  HttpResponse resp = Call(sx, "GET", "/api/v1/users?page_size=100");
  ASSERT_EQ(resp.status, 200) << resp.body;
  json page = Json(resp);
  std::vector<std::string> names;
  for (const auto& u : page["items"]) {
    names.push_back(u["username"]);
    EXPECT_TRUE(u["scope_region_code"].get<std::string>().starts_with("61")) << u;
    EXPECT_FALSE(u.contains("password_hash"));
  }
  EXPECT_THAT(names, IsSupersetOf({"sx_office", "danfeng", "viewer", "sxadmin"}));
  EXPECT_THAT(names, Not(Contains("admin")));
  EXPECT_THAT(names, Not(Contains("yuhuatai")));
  EXPECT_EQ(page["total"], static_cast<int64_t>(names.size()));

  ApiSession admin = LoginAs("admin");
  json everyone = Json(Call(admin, "GET", "/api/v1/users?page_size=100"));
  EXPECT_EQ(everyone["total"], 7);
}

// ---------------------------------------------------------------------------------------
// Error shape.

TEST_F(ApiTest, EveryErrorHasTheDocumentedShape) {
  ApiSession admin = LoginAs("admin");
  ApiSession danfeng = LoginAs("danfeng");
  std::string code = CreditCode("611022", 7);
  Call(admin, "POST", "/api/v1/institutions",
       InstitutionBody("企业", "611022", "enterprise", code));
  std::vector<HttpResponse> errors = {
      Call(nullptr, "GET", "/api/v1/auth/me"),
      Call(danfeng, "GET", "/api/v1/regions/320114"),
      Call(admin, "GET", "/api/v1/regions/999999"),
      Call(admin, "GET", "/api/v1/nothing-here"),
      Call(admin, "DELETE", "/api/v1/regions/61"),
      Call(admin, "POST", "/api/v1/institutions", "{oops"),
      Call(admin, "POST", "/api/v1/institutions",
           InstitutionBody("企业二", "611022", "enterprise", code)),
      Call(admin, "POST", "/api/v1/users",
           json{{"username", "danfeng"},
                {"display_name", "重名"},
                {"password", "Passw0rd-xx"},
                {"role", "viewer"},
                {"scope_region_code", "611022"}}
               .dump()),
      Call(admin, "POST", "/api/v1/users",
           json{{"username", "bad name!"},
                {"display_name", "x"},
                {"password", "Passw0rd-xx"},
                {"role", "no_such_role"},
                {"scope_region_code", "999999"}}
               .dump()),
      Call(admin, "PUT", "/api/v1/users/99999",
           json{{"display_name", "x"}, {"role", "viewer"}}.dump()),
      Call(admin, "POST", "/api/v1/auth/password", "{}"),
  };
  for (int i = 0; i < 6; ++i) Login("nobody", "x", "10.9.9.9");
  errors.push_back(Login("nobody", "x", "10.9.9.9"));
  std::set<int> statuses;
  for (const HttpResponse& resp : errors) {
    EXPECT_FALSE(resp.status >= 200 && resp.status < 300) << resp.body;
    EXPECT_TRUE(HasErrorShape(resp)) << resp.route;
    statuses.insert(resp.status);
  }
  EXPECT_THAT(statuses, IsSupersetOf({400, 401, 403, 404, 405, 409, 429}));
  // The fixture also checks every other error response of every test (TearDown).
}

}  // namespace
}  // namespace xiezuo::api::testing
