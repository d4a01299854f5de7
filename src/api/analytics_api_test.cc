// /api/v1/indicators, /api/v1/analytics/table and /targets: the catalogue, live figures after
// writes and deletes through the API, both sides, agreement targets summed once across levels,
// scope, and bad parameters named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/testing/api_fixture.h"
#include "io/xlsx_reader.h"

namespace xiezuo::api::testing {
namespace {

using nlohmann::json;

class AnalyticsApi : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    danfeng_ = LoginAs("danfeng");
    yuhuatai_ = LoginAs("yuhuatai");
    province_ = LoginAs("sx_office");
  }

  // A 2021 fund flow (a disbursement unless `type` says otherwise) of 丹凤县 tied to the
  // fixture's pairing; returns its id.
  int64_t AddFund(const std::string& level, int64_t fen, const std::string& date,
                  const std::string& type = "disbursement") {
    json body = {{"year", 2021},
                 {"type", type},
                 {"source_level", level},
                 {"payer", "江苏省"},
                 {"region_code", "611022"},
                 {"pairing_id", record("pairing")},
                 {"amount_fen", fen},
                 {"date", date}};
    HttpResponse resp = Call(danfeng_, "POST", "/api/v1/records/fund", body.dump());
    EXPECT_EQ(resp.status, 201) << resp.body;
    return Json(resp)["id"].get<int64_t>();
  }

  // A pairing of `east` and `west` owned by `owner` (one of them), created as `who`.
  int64_t AddPairing(const ApiSession& who, const std::string& name, const std::string& level,
                     const std::string& east, const std::string& west, const std::string& owner) {
    json body = {{"name", name},
                 {"level", level},
                 {"region_code", owner},
                 {"east_region_code", east},
                 {"west_region_code", west}};
    HttpResponse resp = Call(who, "POST", "/api/v1/records/pairing", body.dump());
    EXPECT_EQ(resp.status, 201) << resp.body;
    return Json(resp)["id"].get<int64_t>();
  }

  // An agreement target of `pairing` for `year` with these fields, created as `who`.
  void AddTarget(const ApiSession& who, int64_t pairing, int year, json fields) {
    fields["pairing_id"] = pairing;
    fields["year"] = year;
    HttpResponse resp = Call(who, "POST", "/api/v1/records/agreement_target", fields.dump());
    EXPECT_EQ(resp.status, 201) << resp.body;
  }

  json Targets(const ApiSession& who, const std::string& query) {
    return Get(who, "/api/v1/analytics/targets?" + query);
  }

  // The item of `field` (funds_fen, labour_transfers…) in a /targets answer.
  static json Item(const json& answer, const std::string& field) {
    for (const json& i : answer["items"]) {
      if (i["field"] == field) return i;
    }
    ADD_FAILURE() << "no item " << field;
    return json();
  }

  // The ids of the pairings a /targets answer counted.
  static std::vector<int64_t> Counted(const json& answer) {
    std::vector<int64_t> ids;
    for (const json& p : answer["pairings"]) ids.push_back(p["id"].get<int64_t>());
    return ids;
  }

  json Table(const ApiSession& who, const std::string& query) {
    return Get(who, "/api/v1/analytics/table?" + query);
  }

  ApiSession danfeng_;
  ApiSession yuhuatai_;
  ApiSession province_;
};

TEST_F(AnalyticsApi, CatalogueListsIndicatorsWithUnitsAndBreakdownLabels) {
  json items = Json(Call(danfeng_, "GET", "/api/v1/indicators"))["items"];
  ASSERT_TRUE(items.is_array());
  json placed;
  for (const json& i : items) {
    if (i["code"] == "placement_persons") placed = i;
  }
  ASSERT_TRUE(placed.is_object());
  EXPECT_EQ(placed["name"], "转移就业人数");
  EXPECT_EQ(placed["unit_label"], "人");
  EXPECT_EQ(placed["source"], "records");
  ASSERT_EQ(placed["options"].size(), 4U);
  EXPECT_EQ(placed["options"][0]["value"], "paired_east");
  EXPECT_FALSE(placed["options"][0]["label"].get<std::string>().empty());
  json english = Json(Call(danfeng_, "GET", "/api/v1/indicators?lang=en"))["items"];
  bool found = false;
  for (const json& i : english) {
    found = found || (i["name"] == "Workers placed" && i["unit_label"] == "persons");
  }
  EXPECT_TRUE(found);
}

TEST_F(AnalyticsApi, AWriteShowsInTheNextQueryAndADeleteTakesItOut) {
  const std::string q = "indicators=fund_disbursement&region_code=611022&depth=0&period=2021";
  json before = Table(danfeng_, q);
  ASSERT_EQ(before["rows"].size(), 1U);
  EXPECT_EQ(before["rows"][0]["values"][0][0]["has_data"], false);
  EXPECT_TRUE(before["rows"][0]["values"][0][0]["value"].is_null()) << "missing, not zero";

  int64_t provincial = AddFund("provincial", 9'476'000'000, "2021-12-20");
  AddFund("town", 330'000'000, "2021-12-20");
  json after = Table(danfeng_, q);
  EXPECT_EQ(after["rows"][0]["values"][0][0]["value"], int64_t{9'806'000'000});
  EXPECT_EQ(after["period"]["first"], "2021-01");
  EXPECT_EQ(after["period"]["last"], "2021-12");
  EXPECT_EQ(after["side"], "west");

  // Corrected, then deleted: each shows at once.
  json rec = Json(Call(danfeng_, "GET", "/api/v1/records/fund/" + std::to_string(provincial)));
  rec["amount_fen"] = int64_t{9'000'000'000};
  HttpResponse put =
      Call(danfeng_, "PUT", "/api/v1/records/fund/" + std::to_string(provincial), rec.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Table(danfeng_, q)["rows"][0]["values"][0][0]["value"], int64_t{9'330'000'000});
  ASSERT_EQ(Call(danfeng_, "DELETE", "/api/v1/records/fund/" + std::to_string(provincial)).status,
            200);
  EXPECT_EQ(Table(danfeng_, q)["rows"][0]["values"][0][0]["value"], int64_t{330'000'000});
}

TEST_F(AnalyticsApi, ProvinceRollsUpAndTheEastSeesWhatItGave) {
  AddFund("provincial", 9'476'000'000, "2021-12-20");
  AddFund("town", 330'000'000, "2021-03-01");
  json province = Table(province_, "indicators=fund_disbursement&period=2021&breakdown=1");
  EXPECT_EQ(province["region_code"], "61") << "the caller's scope by default";
  ASSERT_EQ(province["rows"].size(), 1U);  // 商洛市, the one city of the sample tree
  EXPECT_EQ(province["rows"][0]["name"], "商洛市");
  EXPECT_EQ(province["total"]["values"][0][0]["value"], int64_t{9'806'000'000});
  EXPECT_EQ(province["total"]["values"][0][1]["value"], int64_t{9'476'000'000});  // provincial
  EXPECT_EQ(province["total"]["values"][0][4]["value"], int64_t{330'000'000});    // town

  // One quarter only; cumulative since 2017.
  EXPECT_EQ(Table(province_,
                  "indicators=fund_disbursement&period=2021Q1")["total"]["values"][0][0]["value"],
            int64_t{330'000'000});
  EXPECT_EQ(
      Table(
          province_,
          "indicators=fund_disbursement&period=2021&since=2017")["total"]["values"][0][0]["value"],
      int64_t{9'806'000'000});

  // 雨花台区 gave it: the east side by default for an eastern office.
  json east = Table(yuhuatai_, "indicators=fund_disbursement&depth=0&period=2021");
  EXPECT_EQ(east["side"], "east");
  EXPECT_EQ(east["rows"][0]["values"][0][0]["value"], int64_t{9'806'000'000});
}

TEST_F(AnalyticsApi, SeriesGoesMonthByMonth) {
  AddFund("provincial", 100'000'000, "2021-03-05");
  AddFund("town", 50'000'000, "2021-03-20");
  AddFund("town", 7'000'000, "2021-05-01");
  HttpResponse resp = Call(danfeng_, "GET",
                           "/api/v1/analytics/series?indicators=fund_disbursement,projects_funded"
                           "&from=2021-01&to=2021-06");
  ASSERT_EQ(resp.status, 200) << resp.body;
  json j = Json(resp);
  ASSERT_EQ(j["months"].size(), 6U);
  EXPECT_EQ(j["months"][2], "2021-03");
  EXPECT_EQ(j["region_code"], "611022");
  EXPECT_EQ(j["values"][0][2]["value"], 150'000'000);
  EXPECT_EQ(j["values"][0][4]["value"], 7'000'000);
  EXPECT_TRUE(j["values"][0][0]["value"].is_null());
  EXPECT_EQ(j["indicators"][1]["code"], "projects_funded");
  HttpResponse bad =
      Call(danfeng_, "GET",
           "/api/v1/analytics/series?indicators=fund_disbursement&from=2021-06&to=2021-01");
  EXPECT_THAT(DetailFields(bad), ::testing::ElementsAre("to"));

  // The same months as a workbook: a row per month, money in 万元.
  HttpResponse xlsx = Call(danfeng_, "GET",
                           "/api/v1/analytics/series/export?indicators=fund_disbursement"
                           "&from=2021-01&to=2021-06");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  auto book = io::ReadXlsx(xlsx.body);
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  const auto& rows = book->sheets.at(0).rows;
  ASSERT_EQ(rows.size(), 7U);
  EXPECT_EQ(rows[0][0], "月份");
  EXPECT_EQ(rows[3][0], "2021-03");
  EXPECT_EQ(rows[3][1], "150");
}

TEST_F(AnalyticsApi, TableExportsToXlsxInTheChosenMoneyUnit) {
  AddFund("provincial", 9'476'000'000, "2021-12-20");
  AddFund("town", 330'000'000, "2021-12-20");
  HttpResponse resp =
      Call(province_, "GET",
           "/api/v1/analytics/table/export?indicators=fund_disbursement,placement_persons"
           "&period=2021&breakdown=1");
  ASSERT_EQ(resp.status, 200) << resp.body;
  auto book = io::ReadXlsx(resp.body);
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  const auto& rows = book->sheets.at(0).rows;
  ASSERT_EQ(rows.size(), 3U);  // header, 商洛市, the total
  EXPECT_EQ(rows[0][0], "地区");
  EXPECT_EQ(rows[0][1], "拨付协作资金(万元)");
  EXPECT_EQ(rows[1][0], "商洛市");
  EXPECT_EQ(rows[1][1], "9806");
  EXPECT_EQ(rows[2][0], "合计：陕西省");
  EXPECT_EQ(rows[2][2], "9476") << "the provincial share";
  HttpResponse yuan = Call(province_, "GET",
                           "/api/v1/analytics/table/export?indicators=fund_disbursement"
                           "&period=2021&money_unit=yuan");
  auto book2 = io::ReadXlsx(yuan.body);
  ASSERT_TRUE(book2.ok());
  EXPECT_EQ(book2->sheets.at(0).rows[0][1], "拨付协作资金(元)");
  EXPECT_EQ(book2->sheets.at(0).rows[1][1], "98060000");
  EXPECT_TRUE(IsError(Call(province_, "GET",
                           "/api/v1/analytics/table/export?indicators=fund_disbursement"
                           "&period=2021&money_unit=dollar"),
                      400, "invalid_argument"));
}

TEST_F(AnalyticsApi, OutOfScopeAndBadParametersAreRefused) {
  EXPECT_TRUE(IsError(Call(danfeng_, "GET",
                           "/api/v1/analytics/table?indicators=fund_disbursement&region_code=32"
                           "&period=2021"),
                      403, "permission_denied"));
  auto field_of = [&](const std::string& query) {
    HttpResponse resp = Call(danfeng_, "GET", "/api/v1/analytics/table?" + query);
    EXPECT_TRUE(IsError(resp, 400, "invalid_argument")) << query;
    std::vector<std::string> fields = DetailFields(resp);
    return fields.empty() ? std::string() : fields[0];
  };
  EXPECT_EQ(field_of("indicators=fund_disbursement&period=21"), "period");
  EXPECT_EQ(field_of("indicators=fund_disbursement&period=2021Q5"), "period");
  EXPECT_EQ(field_of("indicators=fund_disbursement&period=2021-13"), "period");
  EXPECT_EQ(field_of("indicators=fund_disbursement&period=2021&since=2022"), "since");
  EXPECT_EQ(field_of("indicators=nothing&period=2021"), "indicators");
  EXPECT_EQ(field_of("period=2021"), "indicators");
  EXPECT_EQ(field_of("indicators=fund_disbursement&period=2021&side=north"), "side");
  EXPECT_EQ(field_of("indicators=fund_disbursement&period=2021&depth=9"), "depth");
  EXPECT_EQ(field_of("indicators=fund_disbursement&period=2021&breakdown=yes"), "breakdown");
}

TEST_F(AnalyticsApi, TargetsSumThePairingsOfTheRegionAndCompareTheYearsFigures) {
  // 丹凤县 is the western party of the fixture's county pairing and of a school pairing; the
  // town pairing below it does not count for the county.
  int64_t county = record("pairing");
  int64_t school = AddPairing(danfeng_, "学校结对", "school", "320114", "611022", "611022");
  int64_t town = AddPairing(danfeng_, "镇街结对", "town", "320114002", "611022101", "611022101");
  AddTarget(danfeng_, county, 2021, {{"funds_fen", 100'000'000}, {"labour_transfers", 500}});
  AddTarget(danfeng_, school, 2021, {{"funds_fen", 60'000'000}, {"labour_transfers", 100}});
  AddTarget(danfeng_, town, 2021, {{"funds_fen", 7'000'000}});
  AddTarget(danfeng_, county, 2022, {{"funds_fen", 999'000'000}});  // another year
  AddFund("provincial", 80'000'000, "2021-06-01", "allocation");
  AddFund("town", 40'000'000, "2021-09-01", "disbursement");  // not what the target measures

  json j = Targets(danfeng_, "year=2021");
  EXPECT_EQ(j["region_code"], "611022") << "the caller's scope by default";
  EXPECT_EQ(j["side"], "west");
  EXPECT_EQ(j["year"], 2021);
  EXPECT_THAT(Counted(j), ::testing::UnorderedElementsAre(county, school));
  for (const json& p : j["pairings"]) {
    EXPECT_EQ(p["party_region_code"], "611022");
    EXPECT_FALSE(p["target_id"].is_null());
  }
  ASSERT_EQ(j["items"].size(), 8U);
  json funds = Item(j, "funds_fen");
  EXPECT_EQ(funds["indicator"], "fund_allocation");
  EXPECT_EQ(funds["unit"], "yuan");
  EXPECT_EQ(funds["target"], 160'000'000);
  EXPECT_EQ(funds["value"], 80'000'000);
  EXPECT_EQ(funds["ratio"], 5000) << "50.00%, in hundredths of a percent";
  json labour = Item(j, "labour_transfers");
  EXPECT_EQ(labour["indicator"], "placement_persons");
  EXPECT_EQ(labour["target"], 600);
  EXPECT_TRUE(labour["value"].is_null()) << "no placements: missing, not zero";
  EXPECT_TRUE(labour["ratio"].is_null());
  for (const char* field : {"cadres", "professionals", "consumption_fen", "enterprises",
                            "investment_fen", "trained_persons"}) {
    EXPECT_TRUE(Item(j, field)["target"].is_null()) << field << ": no target set, not zero";
    EXPECT_TRUE(Item(j, field)["ratio"].is_null()) << field;
  }

  // The town asked for itself: its own pairing.
  json at_town = Targets(danfeng_, "year=2021&region_code=611022101");
  EXPECT_THAT(Counted(at_town), ::testing::ElementsAre(town));
  EXPECT_EQ(Item(at_town, "funds_fen")["target"], 7'000'000);

  // 雨花台区 gave: the east side counts the pairings whose eastern party it is.
  json east = Targets(yuhuatai_, "year=2021");
  EXPECT_EQ(east["side"], "east");
  EXPECT_THAT(Counted(east), ::testing::UnorderedElementsAre(county, school));
  EXPECT_EQ(Item(east, "funds_fen")["target"], 160'000'000);
  EXPECT_EQ(Item(east, "funds_fen")["value"], 80'000'000) << "given through the pairing";

  // 2023: the pairings count, but none has a target.
  json later = Targets(danfeng_, "year=2023");
  EXPECT_EQ(later["pairings"].size(), 2U);
  for (const json& p : later["pairings"]) EXPECT_TRUE(p["target_id"].is_null());
  EXPECT_TRUE(Item(later, "funds_fen")["target"].is_null());
  EXPECT_TRUE(Item(later, "funds_fen")["ratio"].is_null());
}

TEST_F(AnalyticsApi, TargetsAreCountedOnceAcrossLevels) {
  int64_t county = record("pairing");
  int64_t town = AddPairing(danfeng_, "镇街结对", "town", "320114002", "611022101", "611022101");
  AddTarget(danfeng_, county, 2021, {{"funds_fen", 100'000'000}, {"cadres", 3}});
  AddTarget(danfeng_, town, 2021, {{"funds_fen", 7'000'000}, {"cadres", 1}});

  // 陕西省 and 商洛市 are parties of nothing: the topmost pairings below count, the county's
  // and not the town's below it.
  for (const std::string region : {"61", "6110"}) {
    json j = Targets(province_, "year=2021&region_code=" + region);
    EXPECT_THAT(Counted(j), ::testing::ElementsAre(county)) << region;
    EXPECT_EQ(Item(j, "funds_fen")["target"], 100'000'000) << region;
    EXPECT_EQ(Item(j, "cadres")["target"], 3) << region;
  }

  // A city pairing above them: 商洛市 is its party, so the province counts it alone.
  int64_t city = AddPairing(province_, "市级结对", "city", "3201", "6110", "6110");
  AddTarget(province_, city, 2021, {{"funds_fen", 500'000'000}});
  for (const std::string region : {"61", "6110"}) {
    json j = Targets(province_, "year=2021&region_code=" + region);
    EXPECT_THAT(Counted(j), ::testing::ElementsAre(city)) << region;
    EXPECT_EQ(Item(j, "funds_fen")["target"], 500'000'000) << region;
    EXPECT_TRUE(Item(j, "cadres")["target"].is_null()) << region << ": the city set none";
  }
  // The county still counts its own.
  json danfeng = Targets(danfeng_, "year=2021");
  EXPECT_THAT(Counted(danfeng), ::testing::ElementsAre(county));
  EXPECT_EQ(Item(danfeng, "funds_fen")["target"], 100'000'000);
  // The whole country (the admin): the city pairing on the west, 南京市's on the east.
  ApiSession admin = LoginAs("admin");
  EXPECT_THAT(Counted(Targets(admin, "year=2021")), ::testing::ElementsAre(city));
  EXPECT_THAT(Counted(Targets(admin, "year=2021&side=east")), ::testing::ElementsAre(city));
}

TEST_F(AnalyticsApi, TargetsRefuseOutOfScopeRegionsAndBadParameters) {
  EXPECT_TRUE(IsError(Call(danfeng_, "GET", "/api/v1/analytics/targets?year=2021&region_code=61"),
                      403, "permission_denied"));
  EXPECT_TRUE(IsError(Call(danfeng_, "GET", "/api/v1/analytics/targets?year=2021&region_code=32"),
                      403, "permission_denied"));
  EXPECT_TRUE(
      IsError(Call(yuhuatai_, "GET", "/api/v1/analytics/targets?year=2021&region_code=611022"), 403,
              "permission_denied"));
  for (const std::string query : {"", "year=21", "year=abc", "year=2021x", "year=1999"}) {
    HttpResponse resp = Call(danfeng_, "GET", "/api/v1/analytics/targets?" + query);
    EXPECT_TRUE(IsError(resp, 400, "invalid_argument")) << query;
    EXPECT_THAT(DetailFields(resp), ::testing::ElementsAre("year")) << query;
  }
  HttpResponse side = Call(danfeng_, "GET", "/api/v1/analytics/targets?year=2021&side=north");
  EXPECT_THAT(DetailFields(side), ::testing::ElementsAre("side"));
}

}  // namespace
}  // namespace xiezuo::api::testing
