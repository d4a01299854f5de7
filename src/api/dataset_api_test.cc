// Aggregate data entry and the checks, through the API: the approval flow (county submits, city
// and province approve, any level returns, un-approve), locking after the deadline, validation
// rules on submit and on demand, entered values in the figures (and the flag where records
// say otherwise), two-sided reconciliation, completeness, and bad input named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "api/auth/password.h"
#include "api/testing/api_fixture.h"

namespace xiezuo::api::testing {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Seconds since the epoch at 00:00 UTC of a civil date.
int64_t At(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return duration_cast<seconds>(sys_days{year{y} / month{m} / day{d}}.time_since_epoch()).count();
}

class DatasetApi : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    CreateCityOffice();
    danfeng_ = LoginAs("danfeng");
    city_ = LoginAs("shangluo");
    province_ = LoginAs("sx_office");
    admin_ = LoginAs("admin");
    yuhuatai_ = LoginAs("yuhuatai");
    // 2021-05-20: the first quarter's deadline (10 days after 03-31) has passed, the second
    // quarter has not ended.
    SetNow(At(2021, 5, 20));
  }

  void SetNow(int64_t seconds) { clock().Advance(seconds - clock().NowSeconds()); }

  static std::string Form(const std::string& dataset, const std::string& region,
                          const std::string& period) {
    return "/api/v1/datasets/" + dataset + "/entries/" + region + "/" + period;
  }

  HttpResponse Save(const ApiSession& who, const std::string& path, const json& values,
                    int64_t version) {
    return Call(who, "PUT", path, json{{"values", values}, {"version", version}}.dump());
  }

  HttpResponse Act(const ApiSession& who, const std::string& path, const std::string& action,
                   int64_t version, const std::string& comment = "", json values = nullptr) {
    json body = {{"version", version}, {"comment", comment}};
    if (!values.is_null()) body["values"] = values;
    return Call(who, "POST", path + "/" + action, body.dump());
  }

  // The form's field `key`.
  static json Field(const json& form, const std::string& key) {
    for (const json& f : form["fields"]) {
      if (f["key"] == key) return f;
    }
    ADD_FAILURE() << "no field " << key;
    return json();
  }

  // One figure of /analytics/table for a region alone.
  json Figure(const std::string& region, const std::string& period, const std::string& indicator,
              const std::string& side = "west") {
    json t =
        Get(admin_, "/api/v1/analytics/table?indicators=" + indicator + "&region_code=" + region +
                        "&depth=0&period=" + period + "&side=" + side);
    return t["total"]["values"][0][0];
  }

  // The labour form of 丹凤县 for 2021Q1 with consistent figures, submitted as the county.
  int64_t SubmitLabourQ1(int64_t persons = 549) {
    std::string form = Form("labour_quarterly", "611022", "2021Q1");
    json values = {{"placement_persons", persons},
                   {"placement_persons.paired_east", 284},
                   {"placement_persons.home_province", persons - 284}};
    HttpResponse saved = Save(danfeng_, form, values, 0);
    EXPECT_EQ(saved.status, 200) << saved.body;
    HttpResponse submitted = Act(danfeng_, form, "submit", 1);
    EXPECT_EQ(submitted.status, 200) << submitted.body;
    return Json(submitted)["submission"]["version"].get<int64_t>();
  }

  ApiSession danfeng_, city_, province_, admin_, yuhuatai_;
};

TEST_F(DatasetApi, ListsDatasetsWithFieldsAndDeadlines) {
  json sets = Get(danfeng_, "/api/v1/datasets");
  ASSERT_GE(sets["items"].size(), 4U);
  json labour;
  for (const json& d : sets["items"]) {
    if (d["code"] == "labour_quarterly") labour = d;
  }
  EXPECT_EQ(labour["name"], "劳务协作季报");
  EXPECT_EQ(labour["period_type"], "quarter");
  EXPECT_EQ(labour["deadline_days"], 10);
  EXPECT_EQ(labour["fields"][1]["key"], "placement_persons.paired_east");
  EXPECT_EQ(labour["fields"][1]["label"], "结对东部地区");
  EXPECT_EQ(labour["fields"][0]["unit_label"], "人");
}

TEST_F(DatasetApi, CountySubmitsCityAndProvinceApprove) {
  std::string form = Form("labour_quarterly", "611022", "2021Q2");
  json empty = Get(danfeng_, form);
  EXPECT_EQ(empty["submission"]["status"], "draft");
  EXPECT_EQ(empty["submission"]["version"], 0);
  EXPECT_THAT(empty["actions"], ElementsAre("save", "submit"));
  EXPECT_EQ(empty["chain"][0]["name"], "商洛市");
  EXPECT_EQ(empty["chain"][1]["name"], "陕西省");
  EXPECT_TRUE(Field(empty, "placement_persons")["value"].is_null());

  json values = {{"placement_persons", 120}, {"placement_persons.paired_east", 120}};
  HttpResponse saved = Save(danfeng_, form, values, 0);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Json(saved)["submission"]["version"], 1);
  EXPECT_EQ(Field(Json(saved), "placement_persons")["value"], 120);

  // The city cannot approve a draft; nobody approves out of turn.
  EXPECT_TRUE(IsError(Act(city_, form, "approve", 1), 412, "failed_precondition"));
  ASSERT_EQ(Act(danfeng_, form, "submit", 1).status, 200);
  EXPECT_TRUE(IsError(Act(danfeng_, form, "approve", 2), 403, "permission_denied"));
  EXPECT_TRUE(IsError(Act(province_, form, "approve", 2), 403, "permission_denied"));
  // What waits for approval cannot be edited.
  EXPECT_TRUE(IsError(Save(danfeng_, form, values, 2), 412, "failed_precondition"));

  json waiting = Get(city_, "/api/v1/submissions?awaiting=1");
  ASSERT_EQ(waiting["items"].size(), 1U);
  EXPECT_EQ(waiting["items"][0]["region_name"], "丹凤县");
  EXPECT_EQ(waiting["items"][0]["waiting_for"]["code"], "6110");
  EXPECT_EQ(Get(province_, "/api/v1/submissions?awaiting=1")["items"].size(), 0U);

  HttpResponse by_city = Act(city_, form, "approve", 2);
  ASSERT_EQ(by_city.status, 200) << by_city.body;
  EXPECT_EQ(Json(by_city)["submission"]["approvals"], 1);
  EXPECT_TRUE(Json(by_city)["chain"][0]["approved"].get<bool>());
  EXPECT_EQ(Get(province_, "/api/v1/submissions?awaiting=1")["items"].size(), 1U);
  HttpResponse by_province = Act(province_, form, "approve", 3);
  ASSERT_EQ(by_province.status, 200) << by_province.body;
  EXPECT_EQ(Json(by_province)["submission"]["status"], "approved");

  // Approved data stays locked until un-approved, and only the province withdraws its approval.
  HttpResponse locked = Save(danfeng_, form, values, 4);
  EXPECT_TRUE(IsError(locked, 412, "failed_precondition"));
  EXPECT_THAT(Json(locked)["error"]["message"].get<std::string>(), HasSubstr("un-approved"));
  EXPECT_TRUE(IsError(Act(city_, form, "unapprove", 4), 403, "permission_denied"));
  EXPECT_TRUE(IsError(Act(province_, form, "return", 4, "wrong"), 412, "failed_precondition"));
  ASSERT_EQ(Act(province_, form, "unapprove", 4).status, 200);

  // Any level returns it for correction, with a reason.
  HttpResponse silent = Act(province_, form, "return", 5);
  EXPECT_TRUE(IsError(silent, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(silent), ElementsAre("comment"));
  HttpResponse returned = Act(province_, form, "return", 5, "到结对东部地区人数请核实");
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(Json(returned)["submission"]["status"], "returned");
  EXPECT_EQ(Json(returned)["submission"]["comment"], "到结对东部地区人数请核实");
  EXPECT_THAT(Json(returned)["actions"], ElementsAre("save", "submit"));

  // The county corrects and submits again in one call.
  json fixed = {{"placement_persons", 118}, {"placement_persons.paired_east", 118}};
  HttpResponse again = Act(danfeng_, form, "submit", 6, "", fixed);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Json(again)["submission"]["status"], "submitted");
  EXPECT_EQ(Field(Json(again), "placement_persons")["value"], 118);

  std::vector<std::string> trail;
  json form_after = Json(again);
  for (const json& e : form_after["events"]) trail.push_back(e["action"]);
  EXPECT_THAT(trail,
              ElementsAre("save", "submit", "approve", "approve", "unapprove", "return", "submit"));
  EXPECT_EQ(AuditCount("submission_approve", "submission"), 2);
  EXPECT_EQ(AuditCount("submission_return", "submission", "sx_office"), 1);
}

TEST_F(DatasetApi, EnteredValuesCountOnceSubmittedAndDifferencesAreFlagged) {
  // Records say 10 workers were placed in the first quarter.
  json placement = {{"region_code", "611022"},
                    {"pairing_id", record("pairing")},
                    {"destination_class", "paired_east"},
                    {"persons", 10},
                    {"start_date", "2021-02-01"}};
  HttpResponse added = Call(danfeng_, "POST", "/api/v1/records/placement", placement.dump());
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(Figure("611022", "2021Q1", "placement_persons")["value"], 10);

  std::string form = Form("labour_quarterly", "611022", "2021Q1");
  SetNow(At(2021, 4, 5));  // before the deadline
  json values = {{"placement_persons", 549},
                 {"placement_persons.paired_east", 284},
                 {"placement_persons.home_province", 214},
                 {"placement_persons.other_province", 51}};
  ASSERT_EQ(Save(danfeng_, form, values, 0).status, 200);
  // A draft does not count yet; the form shows what the records say and flags the difference.
  EXPECT_EQ(Figure("611022", "2021Q1", "placement_persons")["value"], 10);
  json draft = Get(danfeng_, form);
  EXPECT_EQ(Field(draft, "placement_persons")["derived_value"], 10);
  EXPECT_TRUE(Field(draft, "placement_persons")["differs"].get<bool>());
  EXPECT_FALSE(Field(draft, "placement_persons.other_province")["differs"].get<bool>() &&
               Field(draft, "placement_persons.other_province")["derived_value"] == 51);

  HttpResponse submitted = Act(danfeng_, form, "submit", 1);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  json cell = Figure("611022", "2021Q1", "placement_persons");
  EXPECT_EQ(cell["value"], 549);
  EXPECT_EQ(cell["entered"], 549);
  EXPECT_EQ(cell["derived"], 10);
  // It rolls up: the province's figure for the quarter uses what the county entered.
  EXPECT_EQ(Figure("61", "2021Q1", "placement_persons")["value"], 549);
  // The next quarter's form shows it as last period's value.
  json q2 = Get(danfeng_, Form("labour_quarterly", "611022", "2021Q2"));
  EXPECT_EQ(Field(q2, "placement_persons")["previous"], 549);
  EXPECT_EQ(q2["previous_period"], "2021Q1");

  // Returned for correction, it leaves the figures until submitted again.
  ASSERT_EQ(Act(city_, form, "return", 2, "请核实").status, 200);
  EXPECT_EQ(Figure("611022", "2021Q1", "placement_persons")["value"], 10);
}

TEST_F(DatasetApi, SubmitRunsTheValidationRules) {
  std::string form = Form("labour_quarterly", "611022", "2021Q2");
  // 549 placed, but the destinations add up to 498 and more poor workers than workers.
  json values = {{"placement_persons", 549},
                 {"placement_persons.paired_east", 284},
                 {"placement_persons.home_province", 214},
                 {"placement_poverty_persons", 600}};
  HttpResponse refused = Act(danfeng_, form, "submit", 0, "", values);
  EXPECT_TRUE(IsError(refused, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(refused),
              ElementsAre("rule:placement_by_destination", "rule:poverty_placement_within_total"));
  EXPECT_THAT(Json(refused)["error"]["details"][0]["reason"].get<std::string>(),
              HasSubstr("549 = 498"));
  // Nothing was written.
  EXPECT_EQ(Get(danfeng_, form)["submission"]["version"], 0);
  // Saved as a draft, the form lists what breaks.
  ASSERT_EQ(Save(danfeng_, form, values, 0).status, 200);
  EXPECT_EQ(Get(danfeng_, form)["violations"].size(), 2U);
  values["placement_persons.other_province"] = 51;
  values["placement_poverty_persons"] = 357;
  HttpResponse ok = Act(danfeng_, form, "submit", 1, "", values);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json(ok)["violations"].size(), 0U);
}

TEST_F(DatasetApi, TheDeadlineLocksDraftsUntilAnAdministratorMovesIt) {
  std::string q1 = Form("labour_quarterly", "611022", "2021Q1");  // deadline 2021-04-10 passed
  json values = {{"placement_persons", 5}};
  json form = Get(danfeng_, q1);
  EXPECT_TRUE(form["locked"].get<bool>());
  EXPECT_THAT(form["actions"], ElementsAre());
  HttpResponse late = Save(danfeng_, q1, values, 0);
  EXPECT_TRUE(IsError(late, 412, "failed_precondition"));
  EXPECT_THAT(Json(late)["error"]["message"].get<std::string>(), HasSubstr("deadline"));

  // Only an administrator moves the deadline: 60 days after the quarter (2021-05-30).
  HttpResponse by_county = Call(danfeng_, "PUT", "/api/v1/datasets/labour_quarterly/deadline",
                                R"({"deadline_days":60})");
  EXPECT_TRUE(IsError(by_county, 403, "permission_denied"));
  HttpResponse bad =
      Call(admin_, "PUT", "/api/v1/datasets/labour_quarterly/deadline", R"({"deadline_days":-3})");
  EXPECT_TRUE(IsError(bad, 400, "invalid_argument"));
  ASSERT_EQ(
      Call(admin_, "PUT", "/api/v1/datasets/labour_quarterly/deadline", R"({"deadline_days":60})")
          .status,
      200);
  EXPECT_FALSE(Get(danfeng_, q1)["locked"].get<bool>());
  ASSERT_EQ(Save(danfeng_, q1, values, 0).status, 200);
  ASSERT_EQ(Act(danfeng_, q1, "submit", 1).status, 200);
  ASSERT_EQ(Act(city_, q1, "return", 2, "补充去向").status, 200);

  // After the new deadline a returned submission can still be corrected and sent again.
  SetNow(At(2021, 9, 1));  // past both quarters' deadlines (05-30 and 08-29)
  EXPECT_FALSE(Get(danfeng_, q1)["locked"].get<bool>());
  ASSERT_EQ(Save(danfeng_, q1, {{"placement_persons", 6}}, 3).status, 200);
  ASSERT_EQ(Act(danfeng_, q1, "submit", 4).status, 200);
  // But a draft of a passed period stays locked.
  HttpResponse q2 = Save(danfeng_, Form("labour_quarterly", "611022", "2021Q2"), values, 0);
  EXPECT_TRUE(IsError(q2, 412, "failed_precondition"));
}

TEST_F(DatasetApi, BadInputIsNamed) {
  std::string form = Form("labour_quarterly", "611022", "2021Q2");
  HttpResponse unknown = Save(danfeng_, form, {{"placement_persons", 1}, {"cats", 2}}, 0);
  EXPECT_TRUE(IsError(unknown, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(unknown), ElementsAre("values.cats"));
  HttpResponse negative = Save(danfeng_, form, {{"placement_persons", -1}}, 0);
  EXPECT_THAT(DetailFields(negative), ElementsAre("values.placement_persons"));
  HttpResponse fraction = Save(danfeng_, form, {{"placement_persons", 1.5}}, 0);
  EXPECT_THAT(DetailFields(fraction), ElementsAre("values.placement_persons"));
  EXPECT_TRUE(IsError(Call(danfeng_, "PUT", form, "[1]"), 400, "invalid_argument"));
  // A stale version.
  ASSERT_EQ(Save(danfeng_, form, {{"placement_persons", 1}}, 0).status, 200);
  HttpResponse stale = Save(danfeng_, form, {{"placement_persons", 2}}, 0);
  EXPECT_TRUE(IsError(stale, 412, "failed_precondition"));
  EXPECT_THAT(Json(stale)["error"]["message"].get<std::string>(), HasSubstr("reload"));
  // Wrong period type, level, side, data set and action.
  HttpResponse monthly = Call(danfeng_, "GET", Form("labour_quarterly", "611022", "2021-03"));
  EXPECT_TRUE(IsError(monthly, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(monthly), ElementsAre("period"));
  EXPECT_TRUE(IsError(Call(province_, "GET", Form("labour_quarterly", "6110", "2021Q1")), 400,
                      "invalid_argument"));
  EXPECT_TRUE(IsError(Call(danfeng_, "GET", Form("east_annual", "611022", "2021")), 400,
                      "invalid_argument"));
  EXPECT_TRUE(IsError(Call(danfeng_, "GET", Form("nope", "611022", "2021")), 404, "not_found"));
  EXPECT_TRUE(IsError(Call(danfeng_, "POST", form + "/destroy", "{}"), 404, "not_found"));
  // Another county's form is out of scope; a viewer cannot enter.
  EXPECT_TRUE(IsError(Call(yuhuatai_, "GET", form), 403, "permission_denied"));
  ApiSession viewer = LoginAs("viewer");
  EXPECT_TRUE(IsError(Save(viewer, form, {{"placement_persons", 1}}, 1), 403, "permission_denied"));
  EXPECT_TRUE(IsError(Act(viewer, form, "submit", 1), 403, "permission_denied"));
}

TEST_F(DatasetApi, ValidationOnDemandListsViolationsByRegionAndPeriod) {
  // 丹凤县 spent more than was disbursed in 2021.
  for (auto [type, fen] : {std::pair{"disbursement", 5'000'000}, {"expenditure", 7'000'000}}) {
    json fund = {{"year", 2021},
                 {"type", type},
                 {"source_level", "city"},
                 {"payer", "南京市"},
                 {"region_code", "611022"},
                 {"pairing_id", record("pairing")},
                 {"amount_fen", fen},
                 {"date", "2021-06-01"}};
    ASSERT_EQ(Call(danfeng_, "POST", "/api/v1/records/fund", fund.dump()).status, 201);
  }
  json found = Get(province_, "/api/v1/checks/validation?region_code=6110&period=2021");
  EXPECT_EQ(found["regions"], 1);
  ASSERT_EQ(found["violations"].size(), 1U);
  json v = found["violations"][0];
  EXPECT_EQ(v["rule"], "spent_within_disbursed");
  EXPECT_EQ(v["region"]["name"], "丹凤县");
  EXPECT_EQ(v["period"], "2021");
  EXPECT_EQ(v["left"], 7'000'000);
  EXPECT_EQ(v["right"], 5'000'000);
  // Another year has nothing to break.
  EXPECT_EQ(
      Get(province_, "/api/v1/checks/validation?region_code=6110&period=2020")["violations"].size(),
      0U);
  EXPECT_EQ(Get(danfeng_, "/api/v1/checks/rules")["items"].size(), 8U);
  EXPECT_TRUE(IsError(Call(danfeng_, "GET", "/api/v1/checks/validation?region_code=32&period=2021"),
                      403, "permission_denied"));
  EXPECT_TRUE(IsError(Call(danfeng_, "GET", "/api/v1/checks/validation?period=2021&depth=9"), 400,
                      "invalid_argument"));
  EXPECT_TRUE(IsError(Call(danfeng_, "GET", "/api/v1/checks/validation"), 400, "invalid_argument"));
}

TEST_F(DatasetApi, ReconciliationListsEachMismatchWithBothValues) {
  // The west's records: 9,806万 allocated to 丹凤县 in 2021.
  json fund = {{"year", 2021},
               {"type", "allocation"},
               {"source_level", "provincial"},
               {"payer", "江苏省"},
               {"region_code", "611022"},
               {"pairing_id", record("pairing")},
               {"amount_fen", 9'806'000'000},
               {"date", "2021-06-01"}};
  ASSERT_EQ(Call(danfeng_, "POST", "/api/v1/records/fund", fund.dump()).status, 201);
  // The east says it sent 9,900万 and received 284 workers (the west recorded none).
  SetNow(At(2022, 1, 10));
  std::string east = Form("east_annual", "320114", "2021");
  json values = {{"fund_allocation", 9'900'000'000}, {"placement_persons", 284}};
  HttpResponse sent = Act(yuhuatai_, east, "submit", 0, "", values);
  ASSERT_EQ(sent.status, 200) << sent.body;

  json r = Get(admin_, "/api/v1/checks/reconciliation?period=2021");
  EXPECT_EQ(r["pairings"], 1);
  EXPECT_EQ(r["mismatches"], 2);
  ASSERT_EQ(r["rows"].size(), 2U);
  json funds = r["rows"][0];
  EXPECT_EQ(funds["indicator"], "fund_allocation");
  EXPECT_EQ(funds["east"]["name"], "雨花台区");
  EXPECT_EQ(funds["west"]["name"], "丹凤县");
  EXPECT_EQ(funds["east_value"], 9'900'000'000);
  EXPECT_EQ(funds["west_value"], 9'806'000'000);
  EXPECT_EQ(funds["difference"], 94'000'000);
  EXPECT_TRUE(funds["east_entered"].get<bool>());
  json labour = r["rows"][1];
  EXPECT_EQ(labour["indicator"], "placement_persons");
  EXPECT_EQ(labour["east_value"], 284);
  EXPECT_TRUE(labour["west_value"].is_null());
  // The county's annual summary lists both among its problems.
  std::string problems;
  const json report = Get(danfeng_, "/api/v1/reports/annual?region_code=611022&year=2021");
  for (const json& p : report["paragraphs"]) {
    if (p["key"].get<std::string>().starts_with("problems.")) problems += p["text"];
  }
  EXPECT_THAT(problems,
              HasSubstr("到位协作资金东部报送9900万元、西部报送9806万元，相差94万元，需双方核实"));
  EXPECT_THAT(problems, HasSubstr("转移就业人数东部报送284人、西部未报送，需双方核实"));

  // The east corrects its figure through the workflow: funds match, and with ?all=1 the
  // matching row is listed too.
  ASSERT_EQ(Act(city_, east, "return", 1, "x").status, 403);
  ASSERT_EQ(Act(admin_, east, "return", 1, "请与丹凤县核对").status, 200);
  values["fund_allocation"] = 9'806'000'000;
  ASSERT_EQ(Act(yuhuatai_, east, "submit", 2, "", values).status, 200);
  r = Get(admin_, "/api/v1/checks/reconciliation?period=2021");
  EXPECT_EQ(r["mismatches"], 1);
  json every = Get(admin_, "/api/v1/checks/reconciliation?period=2021&all=1");
  EXPECT_EQ(every["rows"].size(), 2U);
  EXPECT_TRUE(every["rows"][0]["matches"].get<bool>());
  // Scope: the west county sees its own pairing.
  EXPECT_EQ(Get(danfeng_, "/api/v1/checks/reconciliation?period=2021")["pairings"], 1);
  EXPECT_TRUE(IsError(Call(danfeng_, "GET", "/api/v1/checks/reconciliation?period=x"), 400,
                      "invalid_argument"));
}

TEST_F(DatasetApi, CompletenessShowsWhoSubmittedAndWhoIsOverdue) {
  std::string path = "/api/v1/checks/completeness?dataset=labour_quarterly&year=2021";
  json before = Get(province_, path);
  ASSERT_EQ(before["rows"].size(), 1U);  // 丹凤县, the western party of the active pairing
  EXPECT_EQ(before["rows"][0]["name"], "丹凤县");
  EXPECT_EQ(before["rows"][0]["cells"][0]["status"], "missing");
  EXPECT_TRUE(before["rows"][0]["cells"][0]["overdue"].get<bool>());   // Q1: past 04-10
  EXPECT_FALSE(before["rows"][0]["cells"][1]["overdue"].get<bool>());  // Q2: not ended
  EXPECT_EQ(before["summary"]["due"], 1);
  EXPECT_EQ(before["summary"]["overdue"], 1);
  EXPECT_EQ(before["summary"]["rate"], 0);
  EXPECT_EQ(before["periods"][0]["expected"], 1);
  EXPECT_EQ(before["periods"][1]["expected"], 0);
  // The county's summary of 2021 so far names the overdue form among its problems.
  auto completeness_problem = [&] {
    json report = Get(danfeng_, "/api/v1/reports/annual?region_code=611022&year=2021&to_month=6");
    for (const json& p : report["paragraphs"]) {
      if (p["key"] == "problems.completeness.labour_quarterly") return p["text"].get<std::string>();
    }
    return std::string();
  };
  EXPECT_EQ(
      completeness_problem(),
      "1．劳务协作季报应报送1期次，逾期未报送1期次（商洛市丹凤县2021年第1季度），需督促报送。");

  ASSERT_EQ(
      Call(admin_, "PUT", "/api/v1/datasets/labour_quarterly/deadline", R"({"deadline_days":60})")
          .status,
      200);
  SubmitLabourQ1();
  json after = Get(province_, path);
  EXPECT_EQ(after["rows"][0]["cells"][0]["status"], "submitted");
  EXPECT_FALSE(after["rows"][0]["cells"][0]["overdue"].get<bool>());
  EXPECT_EQ(after["summary"]["submitted"], 1);
  EXPECT_EQ(after["summary"]["rate"], 10000);
  EXPECT_EQ(after["deadline_days"], 60);
  EXPECT_EQ(completeness_problem(), "") << "sent in: no longer a problem";

  // The east side's data set expects 雨花台区; a bad year or data set is named.
  json east = Get(admin_, "/api/v1/checks/completeness?dataset=east_annual&year=2021");
  ASSERT_EQ(east["rows"].size(), 1U);
  EXPECT_EQ(east["rows"][0]["code"], "320114");
  EXPECT_THAT(DetailFields(Call(admin_, "GET", "/api/v1/checks/completeness?dataset=x&year=2021")),
              ElementsAre("dataset"));
  EXPECT_THAT(
      DetailFields(Call(admin_, "GET", "/api/v1/checks/completeness?dataset=east_annual&year=21")),
      ElementsAre("year"));
}

}  // namespace
}  // namespace xiezuo::api::testing
