// /api/v1/assessment: templates (the shipped one, then stored versions; only administrators
// edit; bad templates named), and scores of peer regions from live figures, last year's
// figures and the agreement targets — missing data, ranks, scope and the .xlsx export.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/testing/api_fixture.h"
#include "io/xlsx_reader.h"

namespace xiezuo::api::testing {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;

constexpr int64_t kWan = 1'000'000;  // 1万元 in fen

class AssessmentApi : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    admin_ = LoginAs("admin");
    danfeng_ = LoginAs("danfeng");
    province_ = LoginAs("sx_office");
  }

  // A fund allocation of `fen` in `region` (丹凤县 or one of its towns) on `date`.
  void AddAllocation(const std::string& region, int64_t fen, const std::string& date) {
    json body = {{"year", std::stoi(date.substr(0, 4))},
                 {"type", "allocation"},
                 {"source_level", "provincial"},
                 {"payer", "江苏省"},
                 {"region_code", region},
                 {"amount_fen", fen},
                 {"date", date}};
    HttpResponse resp = Call(danfeng_, "POST", "/api/v1/records/fund", body.dump());
    ASSERT_EQ(resp.status, 201) << resp.body;
  }

  // An agreement target of the fixture's pairing (雨花台区—丹凤县) for `year`.
  void AddFundsTarget(int year, int64_t fen) {
    json body = {{"pairing_id", record("pairing")}, {"year", year}, {"funds_fen", fen}};
    HttpResponse resp = Call(danfeng_, "POST", "/api/v1/records/agreement_target", body.dump());
    ASSERT_EQ(resp.status, 201) << resp.body;
  }

  static json Item(const std::string& code, const std::string& indicator, int64_t points,
                   const std::string& rule, json extra = json::object()) {
    json i = {{"code", code},           {"name_zh", code},  {"name_en", code},
              {"indicator", indicator}, {"points", points}, {"rule", rule}};
    i.update(extra);
    return i;
  }

  // Stores a one-section template of `items` for 2023 west as the administrator.
  void PutTemplate(const std::vector<json>& items) {
    json section = {{"code", "funds"}, {"name_zh", "资金使用"}, {"items", json(items)}};
    json t = {{"name", "测试"}, {"sections", json::array({section})}};
    HttpResponse resp = Call(admin_, "PUT", "/api/v1/assessment/templates/2023/west", t.dump());
    ASSERT_EQ(resp.status, 201) << resp.body;
  }

  json Scores(const ApiSession& who, const std::string& query) {
    return Get(who, "/api/v1/assessment/scores?" + query);
  }

  ApiSession admin_;
  ApiSession danfeng_;
  ApiSession province_;
};

TEST_F(AssessmentApi, TheShippedTemplateUntilAnAdministratorStoresVersions) {
  HttpResponse resp = Call(province_, "GET", "/api/v1/assessment/templates/2021/west");
  ASSERT_EQ(resp.status, 200) << resp.body;
  json shipped = Json(resp);
  EXPECT_TRUE(shipped["shipped"].get<bool>());
  EXPECT_EQ(shipped["template"]["version"], 0);
  EXPECT_EQ(shipped["template"]["full_points"], 10000);
  EXPECT_EQ(shipped["template"]["sections"].size(), 6U);
  EXPECT_TRUE(shipped["versions"].empty());

  // Only an administrator edits; an edit is the next version.
  json edited = shipped["template"];
  edited["sections"][0]["items"][0]["points"] = 500;
  edited["sections"][0]["items"][1]["points"] = 700;
  EXPECT_EQ(Call(province_, "PUT", "/api/v1/assessment/templates/2021/west", edited.dump()).status,
            403);
  resp = Call(admin_, "PUT", "/api/v1/assessment/templates/2021/west", edited.dump());
  ASSERT_EQ(resp.status, 201) << resp.body;
  EXPECT_EQ(Json(resp)["template"]["version"], 1);
  EXPECT_FALSE(Json(resp)["shipped"].get<bool>());
  edited["bands"]["good"] = 9500;
  resp = Call(admin_, "PUT", "/api/v1/assessment/templates/2021/west", edited.dump());
  ASSERT_EQ(resp.status, 201) << resp.body;
  EXPECT_EQ(Json(resp)["template"]["version"], 2);

  json latest = Json(Call(province_, "GET", "/api/v1/assessment/templates/2021/west"));
  EXPECT_EQ(latest["template"]["version"], 2);
  EXPECT_EQ(latest["template"]["bands"]["good"], 9500);
  ASSERT_EQ(latest["versions"].size(), 2U);
  EXPECT_EQ(latest["versions"][1]["created_by"], "admin");
  json first = Json(Call(province_, "GET", "/api/v1/assessment/templates/2021/west?version=1"));
  EXPECT_EQ(first["template"]["sections"][0]["items"][0]["points"], 500);
  EXPECT_EQ(first["template"]["bands"]["good"], 9000);
  // Other sides and years are untouched.
  EXPECT_TRUE(Json(Call(province_, "GET", "/api/v1/assessment/templates/2021/east"))["shipped"]
                  .get<bool>());
  EXPECT_EQ(AuditCount("create", "assessment_template", "admin"), 2);

  EXPECT_EQ(Call(province_, "GET", "/api/v1/assessment/templates/2021/west?version=3").status, 404);
  EXPECT_EQ(Call(province_, "GET", "/api/v1/assessment/templates/2021/north").status, 400);
  EXPECT_EQ(Call(province_, "GET", "/api/v1/assessment/templates/1999/west").status, 400);
}

TEST_F(AssessmentApi, ABadTemplateIsRefusedWithEachProblemNamed) {
  json t = Json(Call(admin_, "GET", "/api/v1/assessment/templates/2021/west"))["template"];
  t["sections"][1]["items"][0]["indicator"] = "no_such_indicator";
  t["sections"][2]["items"][1]["rule"] = "guess";
  HttpResponse resp = Call(admin_, "PUT", "/api/v1/assessment/templates/2021/west", t.dump());
  ASSERT_EQ(resp.status, 400) << resp.body;
  const json error = Json(resp)["error"];
  std::vector<std::string> fields;
  for (const json& d : error["details"]) fields.push_back(d["field"]);
  EXPECT_THAT(fields, ::testing::Contains("sections[2].items[1].rule"));
  EXPECT_EQ(Call(admin_, "PUT", "/api/v1/assessment/templates/2021/west", "[1, 2]").status, 400);
  EXPECT_TRUE(
      Json(Call(admin_, "GET", "/api/v1/assessment/templates/2021/west"))["shipped"].get<bool>())
      << "nothing was stored";
}

TEST_F(AssessmentApi, ScoresComeFromTheFiguresTheAgreementAndLastYear) {
  PutTemplate({Item("agreed", "fund_allocation", 6000, "linear",
                    {{"target_source", "agreement"}, {"agreement_field", "funds_fen"}}),
               Item("growth", "fund_allocation", 4000, "linear",
                    {{"target_source", "last_year"}, {"factor_permille", 1000}})});
  AddAllocation("611022", 300 * kWan, "2023-05-10");
  AddAllocation("611022", 400 * kWan, "2022-06-01");

  // No agreement target yet: that item is missing, so there is no grade and no rank.
  json scores = Scores(province_, "region_code=6110&year=2023");
  ASSERT_EQ(scores["regions"].size(), 1U);
  json danfeng = scores["regions"][0];
  EXPECT_EQ(danfeng["region_code"], "611022");
  EXPECT_EQ(danfeng["name"], "丹凤县");
  EXPECT_EQ(danfeng["items"][0]["value"], 300 * kWan);
  EXPECT_TRUE(danfeng["items"][0]["target"].is_null());
  EXPECT_TRUE(danfeng["items"][0]["points"].is_null());
  EXPECT_EQ(danfeng["items"][0]["missing"], "no_target");
  EXPECT_EQ(danfeng["items"][1]["target"], 400 * kWan);
  EXPECT_EQ(danfeng["items"][1]["ratio"], 7500);
  EXPECT_EQ(danfeng["items"][1]["points"], 3000);
  EXPECT_EQ(danfeng["points"], 3000);
  EXPECT_EQ(danfeng["missing"], 1);
  EXPECT_TRUE(danfeng["grade"].is_null());
  EXPECT_TRUE(danfeng["rank"].is_null());

  // With the pairing's target of 500万: 60 % of 60 points; 66 of 100 is 一般.
  AddFundsTarget(2023, 500 * kWan);
  danfeng = Scores(province_, "region_code=6110&year=2023")["regions"][0];
  EXPECT_EQ(danfeng["items"][0]["target"], 500 * kWan);
  EXPECT_EQ(danfeng["items"][0]["ratio"], 6000);
  EXPECT_EQ(danfeng["items"][0]["points"], 3600);
  EXPECT_EQ(danfeng["points"], 6600);
  EXPECT_EQ(danfeng["missing"], 0);
  EXPECT_EQ(danfeng["grade"], "average");
  EXPECT_EQ(danfeng["grade_label"], "一般");
  EXPECT_EQ(danfeng["rank"], 1);
  // A write shows in the next score.
  AddAllocation("611022", 200 * kWan, "2023-09-01");
  danfeng = Scores(province_, "region_code=6110&year=2023")["regions"][0];
  EXPECT_EQ(danfeng["items"][0]["points"], 6000);
  EXPECT_EQ(danfeng["points"], 10000);
  EXPECT_EQ(danfeng["grade"], "good");
}

TEST_F(AssessmentApi, AChosenGroupIsRankedAndExported) {
  PutTemplate({Item("ranked", "fund_allocation", 10000, "rank", {{"floor_permille", 500}})});
  AddAllocation("611022100", 300 * kWan, "2023-05-10");
  AddAllocation("611022101", 600 * kWan, "2023-05-10");
  json scores = Scores(danfeng_, "regions=611022100,611022101&year=2023&side=west");
  ASSERT_EQ(scores["regions"].size(), 2U);
  EXPECT_EQ(scores["regions"][0]["region_code"], "611022101");
  EXPECT_EQ(scores["regions"][0]["rank"], 1);
  EXPECT_EQ(scores["regions"][0]["points"], 10000);
  EXPECT_EQ(scores["regions"][1]["region_code"], "611022100");
  EXPECT_EQ(scores["regions"][1]["items"][0]["rank"], 2);
  EXPECT_EQ(scores["regions"][1]["points"], 5000);
  EXPECT_EQ(scores["regions"][1]["grade"], "poor");

  HttpResponse file = Call(
      danfeng_, "GET", "/api/v1/assessment/scores/export?regions=611022100,611022101&year=2023");
  ASSERT_EQ(file.status, 200) << file.body;
  auto book = io::ReadXlsx(file.body);
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  const auto& rows = book->sheets.at(0).rows;
  ASSERT_EQ(rows.size(), 3U);  // header and two regions
  EXPECT_THAT(rows[0],
              ::testing::ElementsAre("排名", "区划代码", "地区", "ranked (100)", "总分", "等次"));
  EXPECT_THAT(rows[1], ::testing::ElementsAre("1", "611022101", "庾家河镇", "100", "100", "好"));
  EXPECT_THAT(rows[2], ::testing::ElementsAre("2", "611022100", "龙驹寨街道", "50", "50", "差"));
}

TEST_F(AssessmentApi, AManualOnlyTemplateScoresEveryItemAsMissing) {
  PutTemplate({Item("leadership", "", 10000, "manual")});
  json scores = Scores(province_, "region_code=6110&year=2023");
  ASSERT_EQ(scores["regions"].size(), 1U);
  EXPECT_EQ(scores["regions"][0]["items"][0]["missing"], "not_scored");
  EXPECT_EQ(scores["regions"][0]["missing"], 1);
  EXPECT_TRUE(scores["regions"][0]["grade"].is_null());
}

TEST_F(AssessmentApi, ScoresStayInScopeAndNameBadParameters) {
  EXPECT_EQ(Call(danfeng_, "GET", "/api/v1/assessment/scores?region_code=6110&year=2023").status,
            403);
  EXPECT_EQ(Call(danfeng_, "GET", "/api/v1/assessment/scores?regions=611022100,320114002&year=2023")
                .status,
            403);
  HttpResponse resp = Call(province_, "GET", "/api/v1/assessment/scores?regions=999999&year=2023");
  ASSERT_EQ(resp.status, 400);
  EXPECT_EQ(Json(resp)["error"]["details"][0]["field"], "regions");
  resp = Call(province_, "GET", "/api/v1/assessment/scores?region_code=6110&year=20x3");
  ASSERT_EQ(resp.status, 400);
  EXPECT_EQ(Json(resp)["error"]["details"][0]["field"], "year");
  resp = Call(province_, "GET",
              "/api/v1/assessment/scores?region_code=611022100001&year=2023");  // a village
  ASSERT_EQ(resp.status, 400);
  EXPECT_EQ(Json(resp)["error"]["details"][0]["field"], "region_code");
  // A read-only viewer sees the scores within its scope.
  EXPECT_EQ(Call(LoginAs("viewer"), "GET",
                 "/api/v1/assessment/scores?regions=611022100,611022101&year=2023")
                .status,
            200);
}

// The self-evaluation of 丹凤县 for 2023 under a template of two manual items.
class SelfEvaluationApi : public AssessmentApi {
 protected:
  void SetUp() override {
    AssessmentApi::SetUp();
    CreateCityOffice();
    city_ = LoginAs("shangluo");
    PutTemplate({Item("leadership", "", 4000, "manual"), Item("talent", "", 6000, "manual")});
  }

  static constexpr const char* kSelf = "/api/v1/assessment/self/611022/2023";

  HttpResponse Step(const ApiSession& who, const std::string& action, int64_t version,
                    const std::string& comment = "", json items = nullptr) {
    json body = {{"version", version}, {"comment", comment}};
    if (!items.is_null()) body["items"] = items;
    return Call(who, "POST", std::string(kSelf) + "/" + action, body.dump());
  }

  HttpResponse Attach(const ApiSession& who, const std::string& item, const std::string& name,
                      const std::string& bytes) {
    return Call(who, "POST", std::string(kSelf) + "/files?item=" + item + "&filename=" + name,
                bytes);
  }

  ApiSession city_;
};

TEST_F(SelfEvaluationApi, TheOfficeExplainsScoresAndAttachesEvidenceThenItIsApproved) {
  json empty = Get(danfeng_, kSelf);
  EXPECT_EQ(empty["region"]["name"], "丹凤县");
  EXPECT_EQ(empty["submission"]["status"], "draft");
  EXPECT_EQ(empty["submission"]["version"], 0);
  EXPECT_THAT(empty["actions"], ElementsAre("save", "submit"));
  EXPECT_TRUE(empty["items"]["leadership"]["points"].is_null());
  EXPECT_EQ(empty["score"]["items"][0]["missing"], "not_scored");
  EXPECT_EQ(empty["chain"][0]["name"], "商洛市");

  json items = {
      {"leadership",
       {{"text", "召开党政联席会议3次"}, {"partner_opinion", "雨花台区：同意"}, {"points", 3500}}}};
  HttpResponse saved =
      Call(danfeng_, "PUT", kSelf, json({{"version", 0}, {"items", items}}).dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Json(saved)["submission"]["version"], 1);
  EXPECT_EQ(Json(saved)["items"]["leadership"]["text"], "召开党政联席会议3次");
  EXPECT_EQ(Json(saved)["items"]["leadership"]["partner_opinion"], "雨花台区：同意");
  EXPECT_EQ(Json(saved)["items"]["leadership"]["points"], 3500);

  // A submit needs the points of every manual item, and names the one without.
  HttpResponse early = Step(danfeng_, "submit", 1);
  EXPECT_TRUE(IsError(early, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(early), ElementsAre("items.talent.points"));

  // Evidence: a PDF for an item; another type, an unknown item and outsiders are refused.
  const std::string pdf = "%PDF-1.4\n会议纪要";
  HttpResponse attached = Attach(danfeng_, "leadership", "minutes.pdf", pdf);
  ASSERT_EQ(attached.status, 201) << attached.body;
  const int64_t file = Json(attached)["id"];
  EXPECT_TRUE(
      IsError(Attach(danfeng_, "leadership", "fake.pdf", "not a pdf"), 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(Attach(danfeng_, "nope", "a.pdf", pdf)), ElementsAre("item"));
  EXPECT_EQ(Attach(LoginAs("yuhuatai"), "leadership", "a.pdf", pdf).status, 403);
  json with_file = Get(danfeng_, kSelf);
  ASSERT_EQ(with_file["files"].size(), 1U);
  EXPECT_EQ(with_file["files"][0]["item"], "leadership");
  EXPECT_EQ(with_file["files"][0]["filename"], "minutes.pdf");
  const std::string file_path = std::string(kSelf) + "/files/" + std::to_string(file);
  HttpResponse download = Call(city_, "GET", file_path);
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, pdf);
  EXPECT_EQ(
      Call(danfeng_, "GET", "/api/v1/assessment/self/611022/2022/files/" + std::to_string(file))
          .status,
      404);

  // Submitted with the missing points in one call; then it is locked to the county.
  json all = items;
  all["talent"] = {{"text", "选派干部2名"}, {"points", 5000}};
  HttpResponse submitted = Step(danfeng_, "submit", 1, "", all);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Json(submitted)["submission"]["status"], "submitted");
  EXPECT_TRUE(Json(submitted)["actions"].empty());
  EXPECT_TRUE(IsError(Call(danfeng_, "PUT", kSelf, json({{"version", 2}, {"items", all}}).dump()),
                      412, "failed_precondition"));
  EXPECT_TRUE(IsError(Attach(danfeng_, "talent", "b.pdf", pdf), 412, "failed_precondition"));
  EXPECT_TRUE(IsError(Call(danfeng_, "DELETE", file_path), 412, "failed_precondition"));

  // Not counted in the scores until approved by the city and the province.
  json before = Scores(province_, "region_code=6110&year=2023");
  for (const json& r : before["regions"]) {
    if (r["region_code"] == "611022") {
      EXPECT_EQ(r["missing"], 2);
    }
  }
  json waiting = Get(city_, "/api/v1/submissions?awaiting=1");
  ASSERT_EQ(waiting["items"].size(), 1U);
  EXPECT_EQ(waiting["items"][0]["dataset"], "assessment_self");
  EXPECT_EQ(waiting["items"][0]["dataset_name"], "考核自评");
  EXPECT_EQ(waiting["items"][0]["period"], "2023");
  ASSERT_EQ(Step(city_, "approve", 2).status, 200);
  HttpResponse approved = Step(province_, "approve", 3);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Json(approved)["submission"]["status"], "approved");
  EXPECT_EQ(Json(approved)["score"]["points"], 8500);
  EXPECT_EQ(Json(approved)["score"]["grade"], "fairly_good");  // 85 %
  json after = Scores(province_, "region_code=6110&year=2023");
  bool seen = false;
  for (const json& r : after["regions"]) {
    if (r["region_code"] != "611022") continue;
    seen = true;
    EXPECT_EQ(r["items"][0]["points"], 3500);
    EXPECT_EQ(r["items"][1]["points"], 5000);
    EXPECT_EQ(r["missing"], 0);
    EXPECT_EQ(r["rank"], 1);
  }
  EXPECT_TRUE(seen);

  // The export: a row per item with the computed and own points, the texts and the evidence.
  HttpResponse exported = Call(province_, "GET", std::string(kSelf) + "/export");
  ASSERT_EQ(exported.status, 200) << exported.body;
  auto book = io::ReadXlsx(exported.body);
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  const auto& rows = book->sheets.at(0).rows;
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_THAT(rows[0], ElementsAre("考核内容", "考核项", "评分方法", "分值", "系统评分", "自评分",
                                   "自评说明", "对口方意见", "佐证材料"));
  EXPECT_THAT(rows[1], ElementsAre("资金使用", "leadership", "manual", "40", "35", "35",
                                   "召开党政联席会议3次", "雨花台区：同意", "minutes.pdf"));
  ASSERT_GE(rows[2].size(), 7U);  // no opinion, no evidence: empty cells
  EXPECT_EQ(rows[2][1], "talent");
  EXPECT_EQ(rows[2][5], "50");
  EXPECT_EQ(rows[2][6], "选派干部2名");

  std::vector<std::string> trail;
  const json approved_json = Json(approved);
  for (const json& e : approved_json["events"]) trail.push_back(e["action"]);
  EXPECT_THAT(trail, ElementsAre("save", "submit", "approve", "approve"));
  EXPECT_EQ(AuditCount("attach", "submission"), 1);
}

TEST_F(SelfEvaluationApi, BadItemsAreNamedAndNothingIsWritten) {
  json bad = {{"nope", {{"text", "x"}}},
              {"leadership", {{"points", 4001}, {"text", 5}, {"colour", "red"}}}};
  HttpResponse resp = Call(danfeng_, "PUT", kSelf, json({{"version", 0}, {"items", bad}}).dump());
  EXPECT_TRUE(IsError(resp, 400, "invalid_argument"));
  EXPECT_THAT(DetailFields(resp),
              ::testing::UnorderedElementsAre("items.nope", "items.leadership.points",
                                              "items.leadership.text", "items.leadership.colour"));
  EXPECT_EQ(Get(danfeng_, kSelf)["submission"]["version"], 0);
  // A viewer does not enter it, and the province may not approve before the city.
  json ok = {{"leadership", {{"points", 100}}}, {"talent", {{"points", 100}}}};
  EXPECT_EQ(
      Call(LoginAs("viewer"), "PUT", kSelf, json({{"version", 0}, {"items", ok}}).dump()).status,
      403);
  ASSERT_EQ(Step(danfeng_, "submit", 0, "", ok).status, 200);
  EXPECT_TRUE(IsError(Step(province_, "approve", 1), 403, "permission_denied"));
  EXPECT_TRUE(IsError(Step(city_, "approve", 0), 412, "failed_precondition"));  // stale version
  HttpResponse returned = Step(city_, "return", 1, "佐证材料不足");
  ASSERT_EQ(returned.status, 200);
  EXPECT_EQ(Json(returned)["submission"]["status"], "returned");
  EXPECT_EQ(Json(returned)["submission"]["comment"], "佐证材料不足");
  EXPECT_THAT(Get(danfeng_, kSelf)["actions"], ElementsAre("save", "submit"));
  // An item scored from the figures takes no points.
  PutTemplate({Item("funds", "fund_allocation", 10000, "linear",
                    {{"target_source", "fixed"}, {"target", 100}})});
  HttpResponse figures =
      Call(danfeng_, "PUT", kSelf,
           json({{"version", 2}, {"items", {{"funds", {{"points", 1}}}}}}).dump());
  EXPECT_THAT(DetailFields(figures), ElementsAre("items.funds.points"));
}

}  // namespace
}  // namespace xiezuo::api::testing
