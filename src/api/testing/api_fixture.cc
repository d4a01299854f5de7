// The API test fixture: sample data, logging in and calling routes through App::Handle.
#include "api/testing/api_fixture.h"

#include <cstdio>

#include "api/auth/password.h"
#include "model/credit_code.h"
#include "store/testing/record_samples.h"
#include "store/testing/test_db.h"

namespace xiezuo::api::testing {
namespace {

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// The value of `name`'s cookie in a Set-Cookie header value, or "".
std::string CookieValue(const std::string& set_cookie, const std::string& name) {
  std::string prefix = name + "=";
  if (set_cookie.rfind(prefix, 0) != 0) return "";
  size_t end = set_cookie.find(';');
  return set_cookie.substr(prefix.size(),
                           end == std::string::npos ? std::string::npos : end - prefix.size());
}

}  // namespace

void ApiFixture::SetUp() {
  auto opened = store::OpenStore("sqlite::memory:");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  store_ = std::move(opened).value();
  ASSERT_TRUE(store_->UpsertRegions(store::testing::SampleRegions(), [](int64_t) {}).ok());
  app_ = std::make_unique<App>(
      *store_, clock_, AppOptions{.auth = AuthOptions{.password_cost = PasswordCost::kMinimum}});

  auto hash = HashPassword(kPassword, PasswordCost::kMinimum);
  ASSERT_TRUE(hash.ok());
  AddUser("admin", "admin", "", *hash);
  AddUser("danfeng", "county_office", "611022", *hash);
  AddUser("yuhuatai", "county_office", "320114", *hash);
  AddUser("sx_office", "province_office", "61", *hash);
  AddUser("viewer", "viewer", "611022", *hash);
  // An administrator anchored at 陕西省: the only shipped role with user:edit, scoped, so
  // the scope rules of the user routes can be reached.
  AddUser("sxadmin", "admin", "61", *hash);
  // Tests disable this one to get a session of a disabled user.
  AddUser("leaver", "viewer", "611022", *hash);
  ASSERT_FALSE(HasFailure()) << "the fixture users could not be created";

  store::Actor system{0, "system", ""};
  model::Institution school;
  school.name = "丹凤县龙驹寨小学";
  school.kind = model::InstitutionKind::kSchool;
  school.region_code = "611022100";
  auto a = store_->CreateInstitution(school, system);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  danfeng_institution_ = a->id;
  model::Institution hospital;
  hospital.name = "雨花台区人民医院";
  hospital.kind = model::InstitutionKind::kHospital;
  hospital.region_code = "320114";
  auto b = store_->CreateInstitution(hospital, system);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  yuhuatai_institution_ = b->id;

  // Cooperation records: the 雨花台区—丹凤县 pairing (owned by 丹凤县), a 丹凤县 project tied
  // to it, one that is not, and a 雨花台区 fund transaction.
  auto add = [&](const std::string& name, const std::string& kind_key, model::Record r) {
    const model::RecordKind& kind = *model::FindKind(kind_key);
    std::vector<model::Record> batch = {std::move(r)};
    auto ids = store_->InsertRecords(kind, batch, system, {}, nullptr);
    ASSERT_TRUE(ids.ok()) << name << ": " << ids.status().ToString();
    records_[name] = ids->at(0);
  };
  const model::RecordKind& project = *model::FindKind("project");
  const model::RecordKind& fund = *model::FindKind("fund");
  add("pairing", "pairing", store::testing::SampleRecord(*model::FindKind("pairing"), {}));
  add("paired_project", "project",
      store::testing::SampleRecord(project, {.pairing_id = records_["pairing"]}, 1));
  add("own_project", "project", store::testing::SampleRecord(project, {}, 2));
  model::Record yuhuatai_fund = store::testing::SampleRecord(fund, {}, 3);
  yuhuatai_fund.Set(fund, "region_code", std::string("320114"));
  add("yuhuatai_fund", "fund", yuhuatai_fund);
}

void ApiFixture::TearDown() {
  for (const HttpResponse& resp : responses_) {
    if (resp.status >= 200 && resp.status < 300) continue;
    EXPECT_TRUE(HasErrorShape(resp)) << "route " << resp.route;
  }
}

int64_t ApiFixture::AddUser(const std::string& username, const std::string& role,
                            const std::string& scope, const std::string& password_hash) {
  model::User user;
  user.username = username;
  user.display_name = username + " 用户";
  user.role = role;
  user.scope_region_code = scope;
  user.password_hash = password_hash;
  auto created = store_->CreateUser(user, {0, "system", ""});
  EXPECT_TRUE(created.ok()) << username << ": " << created.status().ToString();
  if (!created.ok()) return 0;
  user_ids_[username] = created->id;
  return created->id;
}

HttpRequest ApiFixture::MakeRequest(const std::string& method, const std::string& target,
                                    const std::string& body, const Headers& headers) {
  HttpRequest req;
  req.method = method;
  req.target = target;
  size_t q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) {
    std::string rest = target.substr(q + 1);
    size_t start = 0;
    while (start <= rest.size()) {
      size_t amp = rest.find('&', start);
      if (amp == std::string::npos) amp = rest.size();
      std::string pair = rest.substr(start, amp - start);
      if (!pair.empty()) {
        size_t eq = pair.find('=');
        req.query.emplace(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
      }
      start = amp + 1;
    }
  }
  req.headers["host"] = kHost;
  if (!body.empty()) req.headers["content-type"] = "application/json";
  for (const auto& [name, value] : headers) req.headers[name] = value;
  req.body = body;
  req.remote_addr = kRemoteAddr;
  return req;
}

HttpResponse ApiFixture::Send(const HttpRequest& req) {
  HttpResponse resp = app_->Handle(req);
  responses_.push_back(resp);
  return resp;
}

HttpResponse ApiFixture::Login(const std::string& username, const std::string& password,
                               const std::string& remote_addr) {
  HttpRequest req =
      MakeRequest("POST", "/api/v1/auth/login",
                  nlohmann::json{{"username", username}, {"password", password}}.dump());
  req.remote_addr = remote_addr;
  return Send(req);
}

void ApiFixture::CreateCityOffice() {
  auto hash = HashPassword(kPassword, PasswordCost::kMinimum);
  ASSERT_TRUE(hash.ok());
  model::User city;
  city.username = "shangluo";
  city.display_name = "商洛市协作办";
  city.role = "city_office";
  city.scope_region_code = "6110";
  city.password_hash = *hash;
  ASSERT_TRUE(store().CreateUser(city, {0, "system", ""}).ok());
}

ApiSession ApiFixture::LoginAs(const std::string& username) {
  HttpResponse resp = Login(username, kPassword);
  ApiSession session{username, "", ""};
  EXPECT_EQ(resp.status, 200) << username << ": " << resp.body;
  if (resp.status != 200) return session;
  for (const auto& [name, value] : resp.headers) {
    if (name == "Set-Cookie") session.token = CookieValue(value, kSessionCookie);
  }
  nlohmann::json body = Json(resp);
  if (body.is_object() && body.contains("csrf_token") && body["csrf_token"].is_string()) {
    session.csrf_token = body["csrf_token"];
  }
  EXPECT_FALSE(session.token.empty()) << "no session cookie for " << username;
  EXPECT_FALSE(session.csrf_token.empty()) << "no csrf_token for " << username;
  return session;
}

HttpResponse ApiFixture::Call(const ApiSession* session, const std::string& method,
                              const std::string& target, const std::string& body,
                              const Headers& headers) {
  HttpRequest req = MakeRequest(method, target, body, headers);
  if (session != nullptr) {
    req.headers["cookie"] = std::string("theme=dark; ") + kSessionCookie + "=" + session->token;
    if (IsWrite(method) && headers.count("x-csrf-token") == 0) {
      req.headers["x-csrf-token"] = session->csrf_token;
    }
  }
  return Send(req);
}

int64_t ApiFixture::AuditCount(const std::string& action, const std::string& entity,
                               const std::string& username) {
  store::AuditFilter filter;
  filter.action = action;
  filter.entity = entity;
  filter.username = username;
  auto page = store_->ListAudit(filter, {1, 1});
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  return page.ok() ? page->total : -1;
}

int64_t ApiFixture::InstitutionCount() {
  auto page = store_->ListInstitutions({}, {1, 1});
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  return page.ok() ? page->total : -1;
}

void ApiFixture::SetDisabled(const std::string& username, bool disabled) {
  auto user = store_->GetUser(UserId(username));
  ASSERT_TRUE(user.ok());
  user->disabled = disabled;
  ASSERT_TRUE(store_->UpdateUser(*user, {0, "system", ""}).ok());
}

std::string ApiFixture::CreditCode(const std::string& region6, int serial) {
  char tail[16];
  std::snprintf(tail, sizeof(tail), "%09d", serial);
  std::string code = "91" + region6 + tail;
  code.push_back(model::CreditCodeCheckChar(code));
  return code;
}

nlohmann::json ApiFixture::Get(const ApiSession& who, const std::string& path) {
  HttpResponse resp = Call(who, "GET", path);
  EXPECT_EQ(resp.status, 200) << path << ": " << resp.body;
  return Json(resp);
}

nlohmann::json ApiFixture::Json(const HttpResponse& resp) {
  return nlohmann::json::parse(resp.body, nullptr, /*allow_exceptions=*/false);
}

::testing::AssertionResult HasErrorShape(const HttpResponse& resp) {
  nlohmann::json body = nlohmann::json::parse(resp.body, nullptr, false);
  if (body.is_discarded()) {
    return ::testing::AssertionFailure()
           << "status " << resp.status << ": body is not JSON: " << resp.body;
  }
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) {
    return ::testing::AssertionFailure() << "no error object: " << resp.body;
  }
  const nlohmann::json& error = body["error"];
  if (!error.contains("code") || !error["code"].is_string() || !error.contains("message") ||
      !error["message"].is_string() || !error.contains("details") || !error["details"].is_array()) {
    return ::testing::AssertionFailure() << "error lacks code/message/details: " << resp.body;
  }
  for (const auto& d : error["details"]) {
    if (!d.is_object() || !d.contains("field") || !d["field"].is_string() ||
        !d.contains("reason") || !d["reason"].is_string()) {
      return ::testing::AssertionFailure() << "bad detail: " << resp.body;
    }
  }
  for (const char* leak : {"SELECT", "INSERT", "sqlite", "SQLITE", "UPDATE ", "DELETE FROM"}) {
    if (resp.body.find(leak) != std::string::npos) {
      return ::testing::AssertionFailure() << "error body leaks \"" << leak << "\": " << resp.body;
    }
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult IsError(const HttpResponse& resp, int status, const std::string& code) {
  auto shape = HasErrorShape(resp);
  if (!shape) return shape;
  std::string got = nlohmann::json::parse(resp.body)["error"]["code"];
  if (resp.status != status || got != code) {
    return ::testing::AssertionFailure() << "want " << status << " " << code << ", got "
                                         << resp.status << " " << got << ": " << resp.body;
  }
  return ::testing::AssertionSuccess();
}

std::vector<std::string> DetailFields(const HttpResponse& resp) {
  std::vector<std::string> fields;
  nlohmann::json body = nlohmann::json::parse(resp.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("error")) return fields;
  for (const auto& d : body["error"].value("details", nlohmann::json::array())) {
    if (d.is_object() && d.contains("field") && d["field"].is_string()) {
      fields.push_back(d["field"]);
    }
  }
  return fields;
}

}  // namespace xiezuo::api::testing
