// The cooperation records API through App::Handle: every kind's create, read, update and
// delete; partners read but do not edit; Excel round trips; bad rows reported by row and
// column with nothing written; GBK CSV; bad files; personal data masked and reveals audited.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/record_excel.h"
#include "api/record_json.h"
#include "api/testing/api_fixture.h"
#include "core/text.h"
#include "io/xlsx_reader.h"
#include "store/testing/record_samples.h"

namespace xiezuo::api::testing {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using RecordApiTest = ApiFixture;

const model::RecordKind& Kind(std::string_view key) { return *model::FindKind(key); }

// A request body for a record: its fields as the API takes them.
json Body(const model::RecordKind& kind, const model::Record& r) {
  json j = RecordToJson(kind, r, RecordLabels::For("zh-CN"), {}, {.reveal = true});
  json body = json::object();
  for (const auto& f : kind.fields) {
    if (!f.derived && !j[f.key].is_null()) body[f.key] = j[f.key];
  }
  return body;
}

// The user-visible fields of a record as JSON (no bookkeeping, no labels).
json Fields(const model::RecordKind& kind, const json& record) {
  json out = json::object();
  for (const auto& f : kind.fields) out[f.key] = record.value(f.key, json());
  return out;
}

class RecordApi : public RecordApiTest {
 protected:
  void SetUp() override {
    RecordApiTest::SetUp();
    admin_ = LoginAs("admin");
    danfeng_ = LoginAs("danfeng");
    yuhuatai_ = LoginAs("yuhuatai");
    viewer_ = LoginAs("viewer");
  }

  // Creates a record through the API; returns its JSON.
  json Create(const ApiSession& who, const std::string& kind, const json& body) {
    HttpResponse resp = Call(who, "POST", "/api/v1/records/" + kind, body.dump());
    EXPECT_EQ(resp.status, 201) << kind << ": " << resp.body;
    return Json(resp);
  }

  int64_t Total(const ApiSession& who, const std::string& kind, const std::string& query = "") {
    HttpResponse resp = Call(who, "GET", "/api/v1/records/" + kind + "?" + query);
    EXPECT_EQ(resp.status, 200) << resp.body;
    return Json(resp).value("total", int64_t{-1});
  }

  HttpResponse Upload(const ApiSession& who, const std::string& kind, const std::string& filename,
                      const std::string& bytes, const std::string& extra = "") {
    return Call(who, "POST", "/api/v1/records/" + kind + "/import?filename=" + filename + extra,
                bytes);
  }

  // The "items" of a list response (by value: a range-for over Json(r)["items"] would outlive
  // its temporary).
  static json Items(const HttpResponse& resp) { return Json(resp)["items"]; }

  store::testing::SampleRefs Refs() {
    return {
        .pairing_id = record("pairing"), .project_id = record("own_project"), .plan_id = plan_id_};
  }

  ApiSession admin_, danfeng_, yuhuatai_, viewer_;
  int64_t plan_id_ = 0;
};

TEST_F(RecordApi, KindsInChineseAndEnglish) {
  HttpResponse resp = Call(viewer_, "GET", "/api/v1/kinds");
  ASSERT_EQ(resp.status, 200);
  json kinds = Json(resp)["kinds"];
  ASSERT_EQ(kinds.size(), model::RecordKinds().size());
  json project;
  for (const auto& k : kinds) {
    if (k["key"] == "project") project = k;
  }
  EXPECT_EQ(project["label"], "协作项目");
  EXPECT_EQ(project["children"], json({"project_progress", "project_benefit"}));
  EXPECT_EQ(project["fields"][0]["label"], "项目编号");
  json category = project["fields"][2];
  EXPECT_EQ(category["options"][0], json({{"value", "industry"}, {"label", "产业发展"}}));
  json en = Json(Call(viewer_, "GET", "/api/v1/kinds?lang=en"))["kinds"];
  for (const auto& k : en) {
    if (k["key"] == "project") {
      EXPECT_EQ(k["label"], "Projects");
    }
  }
}

// Create, read, update and delete every kind through the API, each step audited.
TEST_F(RecordApi, EveryKindCreateReadUpdateDelete) {
  plan_id_ = Create(danfeng_, "plan",
                    Body(Kind("plan"), store::testing::SampleRecord(Kind("plan"), {}, 30)))["id"];
  for (const model::RecordKind& kind : model::RecordKinds()) {
    SCOPED_TRACE(kind.key);
    model::Record sample = store::testing::SampleRecord(kind, Refs(), 11);
    json body = Body(kind, sample);
    json created = Create(danfeng_, kind.key, body);
    ASSERT_TRUE(created.contains("id"));
    std::string url =
        "/api/v1/records/" + kind.key + "/" + std::to_string(created["id"].get<int64_t>());
    EXPECT_EQ(created["version"], 1);
    EXPECT_EQ(created["region_code"], "611022");
    EXPECT_EQ(created["_labels"]["region_code"], "丹凤县");
    EXPECT_TRUE(created["_can_edit"]);

    HttpResponse got = Call(danfeng_, "GET", url + "?reveal=1");
    ASSERT_EQ(got.status, 200) << got.body;
    for (const auto& [key, value] : body.items()) {
      EXPECT_EQ(Json(got)[key], value) << key;
    }

    json changed = body;
    const char* text = kind.Field("note") != nullptr    ? "note"
                       : kind.Field("title") != nullptr ? "title"
                                                        : "name";
    changed[text] = "已更正";
    changed["version"] = 1;
    HttpResponse put = Call(danfeng_, "PUT", url, changed.dump());
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(Json(put)[text], "已更正");
    EXPECT_EQ(Json(put)["version"], 2);
    // The same edit again is stale now.
    EXPECT_TRUE(IsError(Call(danfeng_, "PUT", url, changed.dump()), 412, "failed_precondition"));

    ASSERT_EQ(Call(danfeng_, "DELETE", url).status, 200);
    EXPECT_TRUE(IsError(Call(danfeng_, "GET", url), 404, "not_found"));
    // The record is gone, so its history is in the audit log.
    HttpResponse audit = Call(admin_, "GET",
                              "/api/v1/audit?entity=" + kind.key +
                                  "&entity_id=" + std::to_string(created["id"].get<int64_t>()));
    ASSERT_EQ(audit.status, 200) << audit.body;
    std::vector<std::string> actions;
    for (const auto& e : Items(audit)) actions.push_back(e["action"]);
    EXPECT_THAT(actions, ElementsAre("delete", "update", "reveal", "create")) << audit.body;
  }
}

// For every kind: another county's office can neither read nor change a record (unless it is
// a party of the record's pairing, which reads but does not change it); the province office
// above both reads and changes it ("own unit and below").
TEST_F(RecordApi, EveryKindIsScoped) {
  ApiSession province = LoginAs("sx_office");
  plan_id_ = Create(danfeng_, "plan",
                    Body(Kind("plan"), store::testing::SampleRecord(Kind("plan"), {}, 32)))["id"];
  for (const model::RecordKind& kind : model::RecordKinds()) {
    SCOPED_TRACE(kind.key);
    store::testing::SampleRefs refs = Refs();
    // Not tied to the 雨花台区 pairing, except where the pairing is the record's parent.
    bool partner = kind.key == "pairing" || kind.parent == "pairing";
    if (!partner) refs.pairing_id = 0;
    json created =
        Create(danfeng_, kind.key, Body(kind, store::testing::SampleRecord(kind, refs, 60)));
    std::string url =
        "/api/v1/records/" + kind.key + "/" + std::to_string(created["id"].get<int64_t>());
    json edit = Fields(kind, created);
    for (const auto& f : kind.fields) {
      if (f.derived || f.personal) edit.erase(f.key);
    }
    edit["version"] = created["version"];
    int64_t denied = AuditCount("denied");
    HttpResponse read = Call(yuhuatai_, "GET", url);
    if (partner) {
      EXPECT_EQ(read.status, 200) << read.body;
    } else {
      EXPECT_TRUE(IsError(read, 403, "permission_denied"));
    }
    EXPECT_TRUE(IsError(Call(yuhuatai_, "PUT", url, edit.dump()), 403, "permission_denied"));
    EXPECT_TRUE(IsError(Call(yuhuatai_, "DELETE", url), 403, "permission_denied"));
    EXPECT_GE(AuditCount("denied"), denied + (partner ? 2 : 3)) << "every refusal is audited";
    EXPECT_EQ(Json(Call(danfeng_, "GET", url))["version"], 1) << "nothing changed";
    EXPECT_EQ(Call(province, "GET", url).status, 200);
    HttpResponse changed = Call(province, "PUT", url, edit.dump());
    EXPECT_EQ(changed.status, 200) << changed.body;
  }
}

TEST_F(RecordApi, HistoryKeepsEveryVersion) {
  std::string url = "/api/v1/records/project/" + std::to_string(record("own_project"));
  json r = Json(Call(danfeng_, "GET", url));
  json body = Fields(Kind("project"), r);
  body["name"] = "更正后的名称";
  body["version"] = r["version"];
  body.erase("pairing_id");
  ASSERT_EQ(Call(danfeng_, "PUT", url, body.dump()).status, 200);
  json history = Json(Call(danfeng_, "GET", url + "/history"))["items"];
  ASSERT_EQ(history.size(), 2U);
  EXPECT_EQ(history[0]["action"], "create");
  EXPECT_EQ(history[1]["action"], "update");
  EXPECT_EQ(history[1]["before"]["name"], r["name"]);
  EXPECT_EQ(history[1]["after"]["name"], "更正后的名称");
  EXPECT_EQ(history[1]["username"], "danfeng");
}

TEST_F(RecordApi, PartnersReadButOnlyTheOwnerEdits) {
  std::string paired = "/api/v1/records/project/" + std::to_string(record("paired_project"));
  HttpResponse read = Call(yuhuatai_, "GET", paired);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_FALSE(Json(read)["_can_edit"]) << "the partner reads, the owner edits";
  EXPECT_EQ(Total(yuhuatai_, "project"), 1) << "only the paired one";
  EXPECT_EQ(Total(danfeng_, "project"), 2);
  EXPECT_EQ(Total(yuhuatai_, "pairing"), 1) << "a pairing is found from either side";
  EXPECT_EQ(Total(danfeng_, "fund"), 0);
  EXPECT_TRUE(IsError(
      Call(danfeng_, "GET", "/api/v1/records/fund/" + std::to_string(record("yuhuatai_fund"))), 403,
      "permission_denied"));
  EXPECT_TRUE(IsError(Call(danfeng_, "GET", "/api/v1/records/nonsense"), 404, "not_found"));
}

TEST_F(RecordApi, BadValuesAreNamed) {
  json body = Body(Kind("project"), store::testing::SampleRecord(Kind("project"), {}, 40));
  auto rejected = [&](json b, const std::string& field, const std::string& reason) {
    HttpResponse resp = Call(danfeng_, "POST", "/api/v1/records/project", b.dump());
    EXPECT_TRUE(IsError(resp, 400, "invalid_argument")) << field;
    EXPECT_THAT(DetailFields(resp), ElementsAre(field)) << resp.body;
    EXPECT_THAT(resp.body, HasSubstr(reason)) << field;
  };
  json b = body;
  b["total_investment_fen"] = -5;
  rejected(b, "total_investment_fen", "不能为负数");
  b = body;
  b["total_investment_fen"] = 12.5;
  rejected(b, "total_investment_fen", "金额");
  b = body;
  b["planned_start"] = "2021-06-01";
  b["planned_end"] = "2021-05-01";
  rejected(b, "planned_end", "不能早于“计划开工”");
  b = body;
  b["category"] = "mining";
  rejected(b, "category", "不是可选值之一");
  b = body;
  b["region_code"] = "611099";
  rejected(b, "region_code", "611099");
  b = body;
  b["code"] = Json(Call(
      danfeng_, "GET", "/api/v1/records/project/" + std::to_string(record("own_project"))))["code"];
  rejected(b, "code", "重复");
  b = body;
  b["no_such_field"] = 1;
  rejected(b, "no_such_field", "not a field");
  json progress = {
      {"project_id", record("own_project")}, {"date", "2021-06-30"}, {"percent", 100.5}};
  HttpResponse resp = Call(danfeng_, "POST", "/api/v1/records/project_progress", progress.dump());
  EXPECT_THAT(DetailFields(resp), ElementsAre("percent"));
  EXPECT_EQ(Total(admin_, "project"), 2) << "nothing was written";
  // English on request.
  b = body;
  b["total_investment_fen"] = -5;
  resp = Call(danfeng_, "POST", "/api/v1/records/project?lang=en", b.dump());
  EXPECT_THAT(resp.body, HasSubstr("must not be negative"));
}

TEST_F(RecordApi, ProjectLifecycleOnlyMovesForward) {
  std::string url = "/api/v1/records/project/" + std::to_string(record("own_project"));
  json r = Json(Call(danfeng_, "GET", url));
  json body = Fields(Kind("project"), r);
  body.erase("pairing_id");
  body["status"] = "under_construction";
  body["version"] = r["version"];
  ASSERT_EQ(Call(danfeng_, "PUT", url, body.dump()).status, 200);
  body["status"] = "candidate";
  body["version"] = r["version"].get<int64_t>() + 1;
  HttpResponse back = Call(danfeng_, "PUT", url, body.dump());
  EXPECT_TRUE(IsError(back, 400, "invalid_argument"));
  EXPECT_THAT(back.body, HasSubstr("在建"));
}

// Export a filtered list, delete the records, import the export: the same records again.
// Top-level records go to the town 611022101 (the fixture's parents stay in 611022); children
// are listed by their parent.
TEST_F(RecordApi, EveryKindRoundTripsThroughExcel) {
  plan_id_ = Create(danfeng_, "plan",
                    Body(Kind("plan"), store::testing::SampleRecord(Kind("plan"), {}, 31)))["id"];
  for (const model::RecordKind& kind : model::RecordKinds()) {
    SCOPED_TRACE(kind.key);
    std::string base = "/api/v1/records/" + kind.key;
    std::string filter = "?region_code=611022101";
    if (!kind.parent.empty()) {
      int64_t parent = kind.parent == "project" ? record("own_project")
                       : kind.parent == "plan"  ? plan_id_
                                                : record("pairing");
      filter = "?" + kind.parent_field + "=" + std::to_string(parent);
    }
    std::vector<json> before;
    for (int n = 1; n <= 3; ++n) {
      model::Record sample = store::testing::SampleRecord(kind, Refs(), 50 + n);
      if (kind.parent.empty()) sample.Set(kind, "region_code", std::string("611022101"));
      if (kind.key == "pairing") sample.Set(kind, "west_region_code", std::string("611022101"));
      json created = Create(danfeng_, kind.key, Body(kind, sample));
      std::string url = base + "/" + std::to_string(created["id"].get<int64_t>()) + "?reveal=1";
      before.push_back(Fields(kind, Json(Call(admin_, "GET", url))));
    }
    HttpResponse exported = Call(admin_, "GET", base + "/export" + filter + "&reveal=1");
    ASSERT_EQ(exported.status, 200) << exported.body;
    ASSERT_TRUE(exported.body.starts_with("PK"));
    json listed = Items(Call(admin_, "GET", base + filter + "&page_size=500"));
    ASSERT_EQ(listed.size(), 3U);
    for (const auto& item : listed) {
      ASSERT_EQ(
          Call(admin_, "DELETE", base + "/" + std::to_string(item["id"].get<int64_t>())).status,
          200);
    }
    HttpResponse imported = Upload(danfeng_, kind.key, "export.xlsx", exported.body);
    ASSERT_EQ(imported.status, 200) << imported.body;
    EXPECT_EQ(Json(imported)["imported"], 3) << imported.body;
    std::vector<json> after;
    for (const auto& item : Items(Call(admin_, "GET", base + filter + "&page_size=500"))) {
      std::string url = base + "/" + std::to_string(item["id"].get<int64_t>()) + "?reveal=1";
      after.push_back(Fields(kind, Json(Call(admin_, "GET", url))));
    }
    auto by_json = [](const json& a, const json& b) { return a.dump() < b.dump(); };
    std::sort(before.begin(), before.end(), by_json);
    std::sort(after.begin(), after.end(), by_json);
    EXPECT_EQ(after, before);
  }
}

std::string CsvOf(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i];
    out += "\r\n";
  }
  return out;
}

TEST_F(RecordApi, BadRowsAreReportedAndNothingIsWritten) {
  std::string csv = CsvOf({
      {"年度", "资金类型", "资金来源", "拨付单位", "接收地区", "金额(元)", "日期"},
      {"2021", "到位", "省级统筹", "江苏省", "611022", "\"94,760,000\"", "2021-03-15"},
      {"2021", "到位", "省级统筹", "江苏省", "611099", "100", "2021-03-15"},     // region
      {"2021", "拨款", "省级统筹", "江苏省", "611022", "-3", "2021-13-01"},      // three
      {"2021", "支出", "镇街", "南京市雨花台区", "320114", "100", "2021/3/15"},  // scope
      {"", "", "", "", "", "", ""},
      {"2021", "支出", "镇街", "南京市雨花台区", "611022", "3300000", "2021年3月15日"},
  });
  HttpResponse resp = Upload(danfeng_, "fund", "funds.csv", csv);
  EXPECT_EQ(resp.status, 422) << resp.body;
  json details = Json(resp)["error"]["details"];
  std::vector<std::string> got;
  for (const auto& d : details) {
    got.push_back(std::to_string(d["row"].get<int>()) + d["column"].get<std::string>() + " " +
                  d["field"].get<std::string>());
  }
  EXPECT_THAT(
      got, ElementsAre("3E region_code", "4B type", "4F amount_fen", "4G date", "5E region_code"));
  EXPECT_EQ(details[0]["header"], "接收地区");
  EXPECT_EQ(Total(danfeng_, "fund"), 0) << "nothing was written";

  HttpResponse dry = Upload(danfeng_, "fund", "funds.csv", csv, "&dry_run=1");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(Json(dry)["rows"], 5);
  EXPECT_EQ(Json(dry)["valid"], 2);
  EXPECT_EQ(Json(dry)["errors"].size(), 5U);
  EXPECT_EQ(Total(danfeng_, "fund"), 0);

  HttpResponse valid = Upload(danfeng_, "fund", "funds.csv", csv, "&mode=valid");
  ASSERT_EQ(valid.status, 200) << valid.body;
  EXPECT_EQ(Json(valid)["imported"], 2);
  json list = Json(Call(danfeng_, "GET", "/api/v1/records/fund"));
  EXPECT_EQ(list["total"], 2);
  EXPECT_EQ(list["totals"]["amount_fen"], int64_t{9'806'000'000}) << "9,476万 + 330万";
}

TEST_F(RecordApi, GbkCsvImports) {
  std::string utf8 = CsvOf({{"项目编号", "项目名称", "项目类别", "项目地点", "总投资(元)"},
                            {"DF-GBK-1", "丹凤县香菇大棚", "产业发展", "611022", "1200000.50"}});
  auto gbk = Utf8ToGb18030(utf8);
  ASSERT_TRUE(gbk.ok());
  ASSERT_FALSE(IsValidUtf8(*gbk)) << "really GBK bytes";
  HttpResponse resp = Upload(danfeng_, "project", "projects.csv", *gbk);
  ASSERT_EQ(resp.status, 200) << resp.body;
  EXPECT_EQ(Json(resp)["encoding"], "gbk");
  EXPECT_EQ(Json(resp)["imported"], 1);
  json list = Json(Call(danfeng_, "GET", "/api/v1/records/project?q=DF-GBK"));
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["name"], "丹凤县香菇大棚");
  EXPECT_EQ(list["items"][0]["total_investment_fen"], 120000050);
  EXPECT_EQ(list["items"][0]["status"], "candidate") << "the default";
  // UTF-8 with a BOM.
  resp = Upload(danfeng_, "project", "p.csv",
                "\xEF\xBB\xBF" + CsvOf({{"项目编号", "项目名称", "项目类别", "项目地点"},
                                        {"DF-BOM-1", "BOM", "其他", "611022"}}));
  ASSERT_EQ(resp.status, 200) << resp.body;
  EXPECT_EQ(Json(resp)["encoding"], "utf-8-bom");
}

// An import is audited once, naming its file and the new ids; each record's history starts
// with that import (its created_at and created_by).
TEST_F(RecordApi, AnImportIsAuditedOnceAndHistoriesStartWithIt) {
  int64_t imports = AuditCount("import", "project");
  int64_t creates = AuditCount("create", "project");
  HttpResponse resp = Upload(danfeng_, "project", "两个项目.csv",
                             CsvOf({{"项目编号", "项目名称", "项目类别", "项目地点"},
                                    {"IMP-1", "甲", "其他", "611022"},
                                    {"IMP-2", "乙", "其他", "611022"}}));
  ASSERT_EQ(resp.status, 200) << resp.body;
  EXPECT_EQ(AuditCount("import", "project"), imports + 1);
  EXPECT_EQ(AuditCount("create", "project"), creates) << "no row per record";
  auto audit = store().ListAudit({.entity = "project", .action = "import"}, {1, 1});
  ASSERT_TRUE(audit.ok());
  json summary = json::parse(audit->items.at(0).after_json);
  EXPECT_EQ(summary["source"], "两个项目.csv");
  EXPECT_EQ(summary["records"], 2);
  json list = Items(Call(danfeng_, "GET", "/api/v1/records/project?q=IMP-&sort=code"));
  ASSERT_EQ(list.size(), 2U);
  int64_t first = list[0]["id"];
  int64_t second = list[1]["id"];
  EXPECT_EQ(summary["ids"],
            json::array({json::array({std::min(first, second), std::max(first, second)})}));
  json history =
      Items(Call(danfeng_, "GET", "/api/v1/records/project/" + std::to_string(first) + "/history"));
  ASSERT_EQ(history.size(), 1U);
  EXPECT_EQ(history[0]["action"], "import");
  EXPECT_EQ(history[0]["username"], "danfeng");
}

TEST_F(RecordApi, FilesThatAreNotWhatTheySayAreRefused) {
  auto refused = [&](const std::string& name, const std::string& bytes, const std::string& what) {
    HttpResponse resp = Upload(danfeng_, "project", name, bytes);
    EXPECT_TRUE(IsError(resp, 400, "invalid_argument")) << name;
    EXPECT_THAT(resp.body, HasSubstr(what)) << name;
  };
  refused("a.xlsx", "项目编号,项目名称\n", "not an Excel workbook");
  refused("a.csv", std::string("PK\x03\x04", 4) + "zip", "not a text file");
  refused("a.pdf", "%PDF", "upload an .xlsx");
  refused("a.csv", std::string(kMaxUploadBytes + 1, 'a'), "larger than");
  refused("a.csv", "项目编号,项目名称,开采量\nA,B,1\n", "开采量");
  refused("a.csv", "项目编号\nA\n", "项目名称");
  refused("a.xlsx", std::string("PK\x03\x04", 4) + std::string(100, '\0'), "xlsx");
  EXPECT_EQ(Total(danfeng_, "project"), 2);
}

TEST_F(RecordApi, TemplatesHaveHeadersDropdownsAndInstructions) {
  HttpResponse resp = Call(viewer_, "GET", "/api/v1/records/project/template");
  ASSERT_EQ(resp.status, 200) << resp.body;
  auto book = io::ReadXlsx(resp.body);
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  EXPECT_EQ(book->sheets[0].rows.at(0).at(0), "项目编号");
  EXPECT_EQ(book->sheets[0].rows.at(0).at(3), "项目年度");
  EXPECT_EQ(book->sheets[0].rows.at(0).at(11), "总投资(元)");
  auto notes = io::ReadXlsxSheet(resp.body, "填表说明");
  ASSERT_TRUE(notes.ok()) << notes.status().ToString();
  EXPECT_GT(notes->rows.size(), 5U);
  bool found = false;
  for (const auto& h : resp.headers) found = found || h.first == "Content-Disposition";
  EXPECT_TRUE(found);
}

TEST_F(RecordApi, PersonalDataIsMaskedAndEveryRevealAudited) {
  json body = Body(Kind("placement"), store::testing::SampleRecord(Kind("placement"), {}, 1));
  body["worker_ref"] = "王小明";
  json created = Create(danfeng_, "placement", body);
  EXPECT_EQ(created["worker_ref"], "王**");
  EXPECT_EQ(created["_masked"], json({"worker_ref"}));
  std::string url = "/api/v1/records/placement/" + std::to_string(created["id"].get<int64_t>());
  int64_t reveals = AuditCount("reveal");
  HttpResponse shown = Call(danfeng_, "GET", url + "?reveal=1");
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(Json(shown)["worker_ref"], "王小明");
  EXPECT_EQ(AuditCount("reveal"), reveals + 1);
  EXPECT_TRUE(IsError(Call(viewer_, "GET", url + "?reveal=1"), 403, "permission_denied"));
  // A form that sends the masked value back keeps the stored name.
  json edit = Json(Call(danfeng_, "GET", url));
  json b = Fields(Kind("placement"), edit);
  b.erase("pairing_id");
  b["version"] = edit["version"];
  b["note"] = "改";
  ASSERT_EQ(Call(danfeng_, "PUT", url, b.dump()).status, 200);
  EXPECT_EQ(Json(Call(danfeng_, "GET", url + "?reveal=1"))["worker_ref"], "王小明");
}

TEST_F(RecordApi, PairingAttachmentsAreTypeCheckedAndKept) {
  std::string url = "/api/v1/records/pairing/" + std::to_string(record("pairing")) + "/attachment";
  std::string pdf = "%PDF-1.7\n" + std::string(1000, 'x');
  HttpResponse put = Call(danfeng_, "PUT", url + "?filename=协议.pdf", pdf);
  ASSERT_EQ(put.status, 200) << put.body;
  HttpResponse got = Call(yuhuatai_, "GET", url);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, pdf);
  EXPECT_EQ(got.content_type, "application/pdf");
  EXPECT_TRUE(IsError(Call(danfeng_, "PUT", url + "?filename=a.pdf", "\x89PNG...."), 400,
                      "invalid_argument"));
  EXPECT_TRUE(
      IsError(Call(danfeng_, "PUT", url + "?filename=a.exe", "MZ...."), 400, "invalid_argument"));
  EXPECT_TRUE(
      IsError(Call(danfeng_, "PUT", url + "?filename=a.pdf", "%PDF" + std::string(20 << 20, 'x')),
              400, "invalid_argument"));
  EXPECT_EQ(Call(yuhuatai_, "GET", url).body, pdf) << "the refused uploads changed nothing";
}

TEST_F(RecordApi, FundSummaryAndOverdueTasks) {
  for (const auto& [type, amount] : std::vector<std::pair<std::string, int64_t>>{
           {"commitment", 500}, {"disbursement", 300}, {"expenditure", 200}}) {
    Create(danfeng_, "fund",
           {{"year", 2021},
            {"type", type},
            {"source_level", "provincial"},
            {"payer", "江苏省"},
            {"region_code", "611022"},
            {"amount_fen", amount},
            {"date", "2021-05-01"}});
  }
  EXPECT_EQ(Total(danfeng_, "fund", "amount_fen_from=300"), 2) << "money filters are in fen";
  EXPECT_EQ(Total(danfeng_, "fund", "type=disbursement"), 1);
  EXPECT_EQ(Total(danfeng_, "fund", "type=到位"), 1) << "or the option's label";
  EXPECT_TRUE(IsError(Call(danfeng_, "GET", "/api/v1/records/fund?amount_fen_from=3.5"), 400,
                      "invalid_argument"));
  EXPECT_TRUE(IsError(Call(admin_, "GET", "/api/v1/funds/summary?region_code=abc"), 400,
                      "invalid_argument"));
  HttpResponse resp = Call(admin_, "GET", "/api/v1/funds/summary?region_code=6110&year=2021");
  ASSERT_EQ(resp.status, 200) << resp.body;
  json rows = Json(resp)["rows"];
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0]["region_name"], "丹凤县");
  EXPECT_EQ(rows[0]["commitment_fen"], 500);
  EXPECT_EQ(rows[0]["disbursement_fen"], 300);
  EXPECT_EQ(rows[0]["expenditure_fen"], 200);

  json plan =
      Create(danfeng_, "plan", {{"region_code", "611022"}, {"year", 2021}, {"title", "要点"}});
  json late = Create(danfeng_, "plan_task",
                     {{"plan_id", plan["id"]},
                      {"title", "签订协议"},
                      {"owner", "协作办"},
                      {"deadline", "2021-03-31"}});
  EXPECT_TRUE(late["_flags"]["overdue"]);
  json done = Create(danfeng_, "plan_task",
                     {{"plan_id", plan["id"]},
                      {"title", "召开联席会议"},
                      {"owner", "协作办"},
                      {"deadline", "2021-03-31"},
                      {"status", "done"}});
  EXPECT_FALSE(done["_flags"]["overdue"]);
  EXPECT_EQ(Total(danfeng_, "plan_task", "plan_id=" + std::to_string(plan["id"].get<int64_t>())),
            2);
}

}  // namespace
}  // namespace xiezuo::api::testing
