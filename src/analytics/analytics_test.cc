// The analytics layer over the shipped catalogue: records in, tables out, ratios, totals,
// and a write or a delete showing in the next query.
#include "analytics/analytics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "analytics/testing.h"

namespace xiezuo::analytics {
namespace {

using model::FieldValue;

using testing::MakeRegion;

class AnalyticsTest : public ::testing::Test {
 protected:
  AnalyticsTest() {
    auto built = RegionIndex::Build(
        {MakeRegion("32", "江苏省"), MakeRegion("3201", "南京市"), MakeRegion("320114", "雨花台区"),
         MakeRegion("320118", "高淳区"), MakeRegion("61", "陕西省"), MakeRegion("6110", "商洛市"),
         MakeRegion("611022", "丹凤县"), MakeRegion("611026", "柞水县")});
    EXPECT_TRUE(built.ok()) << built.status().ToString();
    analytics_ = std::make_unique<Analytics>(model::Indicators(), *built);
    pairings_[1] = {"320114", "611022"};
    pairings_[2] = {"320118", "611026"};
  }

  void Write(const std::string& kind_key, int64_t id,
             const std::map<std::string, FieldValue>& values) {
    const model::RecordKind& kind = *model::FindKind(kind_key);
    model::Record r(kind);
    r.id = id;
    for (auto& [k, v] : values) r.Set(kind, k, v);
    PairingLookup lookup = [this](int64_t pid) -> const PairingParties* {
      auto it = pairings_.find(pid);
      return it == pairings_.end() ? nullptr : &it->second;
    };
    ASSERT_TRUE(analytics_->RecordWritten(kind, r, lookup).ok());
  }

  void Fund(int64_t id, const std::string& region, int64_t pairing, const std::string& type,
            const std::string& level, int64_t fen, const std::string& date) {
    Write("fund", id,
          {{"region_code", region},
           {"pairing_id", pairing},
           {"year", int64_t{std::stoi(date.substr(0, 4))}},
           {"type", type},
           {"source_level", level},
           {"amount_fen", fen},
           {"date", date}});
  }

  Table Query(std::vector<std::string> indicators, std::string region, int depth, Side side,
              MonthRange months = YearRange(2021), bool by_breakdown = false) {
    TableRequest req;
    req.indicators = std::move(indicators);
    req.region = std::move(region);
    req.depth = depth;
    req.side = side;
    req.months = months;
    req.by_breakdown = by_breakdown;
    auto t = analytics_->Query(req);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : Table{};
  }

  std::unique_ptr<Analytics> analytics_;
  std::map<int64_t, PairingParties> pairings_;
};

constexpr int64_t kWan = 1'000'000;  // fen

TEST_F(AnalyticsTest, FundsRollUpOnBothSidesWithATotalsRow) {
  // 000: 9,476万 provincial + 330万 town = 9,806万 for 丹凤; 004: 1,000万 for 柞水.
  Fund(1, "611022", 1, "disbursement", "provincial", 9476 * kWan, "2021-12-20");
  Fund(2, "611022", 1, "disbursement", "town", 330 * kWan, "2021-12-20");
  Fund(3, "611026", 2, "disbursement", "provincial", 1000 * kWan, "2021-06-30");

  Table west = Query({"fund_disbursement"}, "6110", 1, Side::kWest);
  ASSERT_EQ(west.rows.size(), 2U);
  EXPECT_EQ(west.rows[0].code, "611022");
  EXPECT_EQ(west.rows[0].name, "丹凤县");
  EXPECT_EQ(west.rows[0].indicators[0].cells[0].value, 9806 * kWan);
  EXPECT_EQ(west.rows[1].indicators[0].cells[0].value, 1000 * kWan);
  EXPECT_EQ(west.total.code, "6110");
  EXPECT_EQ(west.total.indicators[0].cells[0].value, 10806 * kWan);

  // What Jiangsu gave, by its districts.
  Table east = Query({"fund_disbursement"}, "3201", 1, Side::kEast, YearRange(2021), true);
  ASSERT_EQ(east.rows.size(), 2U);
  EXPECT_EQ(east.rows[0].indicators[0].cells[0].value, 9806 * kWan);  // 雨花台区
  // Options: provincial, city, county, town, social.
  EXPECT_EQ(east.rows[0].indicators[0].cells[1].value, 9476 * kWan);
  EXPECT_EQ(east.rows[0].indicators[0].cells[4].value, 330 * kWan);
  EXPECT_EQ(east.rows[1].indicators[0].cells[0].value, 1000 * kWan);  // 高淳区

  // The whole country: the provinces, totalled.
  Table country = Query({"fund_disbursement"}, "", 1, Side::kWest);
  ASSERT_EQ(country.rows.size(), 2U);
  EXPECT_EQ(country.rows[1].code, "61");
  EXPECT_EQ(country.total.indicators[0].cells[0].value, 10806 * kWan);
}

TEST_F(AnalyticsTest, RatiosAreHundredthsOfAPercentAndMissingWithoutADenominator) {
  Fund(1, "611022", 1, "allocation", "provincial", 300 * kWan, "2021-03-01");
  Fund(2, "611022", 1, "disbursement", "provincial", 200 * kWan, "2021-05-01");
  Fund(3, "611026", 2, "disbursement", "provincial", 50 * kWan, "2021-05-01");
  Table t = Query({"fund_disbursement_rate", "fund_allocation"}, "6110", 1, Side::kWest);
  ASSERT_EQ(t.rows.size(), 2U);
  const Cell& danfeng = t.rows[0].indicators[0].cells[0];
  EXPECT_TRUE(danfeng.has_data);
  EXPECT_EQ(danfeng.value, 6667);  // 66.67 %
  const Cell& zhashui = t.rows[1].indicators[0].cells[0];
  EXPECT_FALSE(zhashui.has_data) << "nothing allocated: no rate, not zero";
  EXPECT_EQ(t.rows[0].indicators[1].cells[0].value, 300 * kWan);
  EXPECT_EQ(t.total.indicators[0].cells[0].value, 8333);  // 250 / 300
}

TEST_F(AnalyticsTest, WritesAndDeletesShowInTheNextQuery) {
  Fund(1, "611022", 1, "disbursement", "provincial", 100, "2021-01-10");
  EXPECT_EQ(
      Query({"fund_disbursement"}, "611022", 0, Side::kWest).rows[0].indicators[0].cells[0].value,
      100);
  Fund(1, "611022", 1, "disbursement", "provincial", 250, "2021-01-10");  // corrected
  EXPECT_EQ(
      Query({"fund_disbursement"}, "611022", 0, Side::kWest).rows[0].indicators[0].cells[0].value,
      250);
  ASSERT_TRUE(analytics_->RecordDeleted(*model::FindKind("fund"), 1).ok());
  Table after = Query({"fund_disbursement"}, "611022", 0, Side::kWest);
  const Cell& gone = after.rows[0].indicators[0].cells[0];
  EXPECT_EQ(gone.value, 0);
  EXPECT_FALSE(gone.has_data);
}

TEST_F(AnalyticsTest, AProjectFundedTwiceCountsOnce) {
  Write("fund", 1,
        {{"region_code", std::string("611022")},
         {"year", int64_t{2021}},
         {"type", std::string("disbursement")},
         {"source_level", std::string("provincial")},
         {"project_id", int64_t{9}},
         {"amount_fen", int64_t{100}},
         {"date", std::string("2021-02-01")}});
  Write("fund", 2,
        {{"region_code", std::string("611022")},
         {"year", int64_t{2021}},
         {"type", std::string("disbursement")},
         {"source_level", std::string("town")},
         {"project_id", int64_t{9}},
         {"amount_fen", int64_t{100}},
         {"date", std::string("2021-08-01")}});
  Table t = Query({"projects_funded", "fund_disbursement"}, "611022", 0, Side::kWest);
  EXPECT_EQ(t.rows[0].indicators[0].cells[0].value, 1);
  EXPECT_EQ(t.rows[0].indicators[1].cells[0].value, 200);
}

TEST_F(AnalyticsTest, BadRequestsNameWhatWasWrong) {
  TableRequest req;
  req.indicators = {"no_such"};
  req.months = YearRange(2021);
  auto r = analytics_->Query(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("no_such"));
  req.indicators = {"fund_disbursement"};
  req.region = "999999";
  EXPECT_THAT(analytics_->Query(req).status().message(), ::testing::HasSubstr("999999"));
  req.region = "61";
  req.depth = 7;
  EXPECT_EQ(analytics_->Query(req).status().details().at(0).field, "depth");
}

}  // namespace
}  // namespace xiezuo::analytics
