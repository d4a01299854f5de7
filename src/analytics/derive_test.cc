// Records to facts: what each kind of record contributes, on which side, in which month and
// breakdown option, following the shipped catalogue.
#include "analytics/derive.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "analytics/testing.h"

namespace xiezuo::analytics {
namespace {

using model::FieldValue;

using testing::MakeRegion;

class DeriveTest : public ::testing::Test {
 protected:
  DeriveTest() {
    auto built = RegionIndex::Build(
        {MakeRegion("32", "江苏省"), MakeRegion("3201", "南京市"), MakeRegion("320114", "雨花台区"),
         MakeRegion("33", "浙江省"), MakeRegion("61", "陕西省"), MakeRegion("6110", "商洛市"),
         MakeRegion("611022", "丹凤县"), MakeRegion("611022100", "龙驹寨街道")});
    EXPECT_TRUE(built.ok()) << built.status().ToString();
    regions_ = *built;
    deriver_ = std::make_unique<Deriver>(model::Indicators(), *regions_);
    pairings_[1] = {"320114", "611022"};
  }

  model::Record Make(const std::string& kind_key, int64_t id,
                     const std::map<std::string, FieldValue>& values) {
    const model::RecordKind& kind = *model::FindKind(kind_key);
    model::Record r(kind);
    r.id = id;
    for (auto& [k, v] : values) r.Set(kind, k, v);
    return r;
  }

  // The facts of the record, by indicator code.
  std::map<std::string, Fact> Facts(const std::string& kind_key, const model::Record& r) {
    PairingLookup lookup = [this](int64_t id) -> const PairingParties* {
      auto it = pairings_.find(id);
      return it == pairings_.end() ? nullptr : &it->second;
    };
    std::map<std::string, Fact> out;
    for (const Fact& f : deriver_->Facts(*model::FindKind(kind_key), r, lookup)) {
      out[model::Indicators()[static_cast<size_t>(f.indicator)].code] = f;
    }
    return out;
  }

  int32_t N(const std::string& code) { return regions_->Find(code); }

  std::shared_ptr<const RegionIndex> regions_;
  std::unique_ptr<Deriver> deriver_;
  std::map<int64_t, PairingParties> pairings_;
};

TEST_F(DeriveTest, PlacementsCountForTheEastOnlyWhenTheyWentThere) {
  // 000: 284 to Jiangsu (150 poverty-alleviated), 214 in the province (161).
  auto east = Facts("placement", Make("placement", 1,
                                      {{"region_code", std::string("611022")},
                                       {"pairing_id", int64_t{1}},
                                       {"destination_class", std::string("paired_east")},
                                       {"start_date", std::string("2021-11-30")},
                                       {"persons", int64_t{284}},
                                       {"poverty_persons", int64_t{150}}}));
  ASSERT_EQ(east.count("placement_persons"), 1U);
  const Fact& placed = east["placement_persons"];
  EXPECT_EQ(placed.value, 284);
  EXPECT_EQ(placed.month, MonthOf(2021, 11));
  EXPECT_EQ(placed.breakdown, 0);  // paired_east
  EXPECT_EQ(placed.west_region, N("611022"));
  EXPECT_EQ(placed.east_region, N("320114"));  // the pairing's eastern party
  EXPECT_EQ(east["placement_poverty_persons"].value, 150);

  auto home = Facts("placement", Make("placement", 2,
                                      {{"region_code", std::string("611022")},
                                       {"pairing_id", int64_t{1}},
                                       {"destination_class", std::string("home_province")},
                                       {"destination_region_code", std::string("61")},
                                       {"start_date", std::string("2021-11-30")},
                                       {"persons", int64_t{214}}}));
  EXPECT_EQ(home["placement_persons"].breakdown, 1);
  EXPECT_EQ(home["placement_persons"].east_region, -1) << "not given by the paired east";
  // No poverty count: no fact for that indicator.
  EXPECT_EQ(home.count("placement_poverty_persons"), 0U);

  // To the named eastern destination rather than the pairing's party.
  auto named = Facts("placement", Make("placement", 3,
                                       {{"region_code", std::string("611022")},
                                        {"pairing_id", int64_t{1}},
                                        {"destination_class", std::string("paired_east")},
                                        {"destination_region_code", std::string("3201")},
                                        {"start_date", std::string("2021-03-01")},
                                        {"persons", int64_t{1}}}));
  EXPECT_EQ(named["placement_persons"].east_region, N("3201"));
}

TEST_F(DeriveTest, FundsBySourceLevelAndProjectsFundedOnce) {
  auto funds = Facts("fund", Make("fund", 10,
                                  {{"region_code", std::string("611022")},
                                   {"pairing_id", int64_t{1}},
                                   {"year", int64_t{2021}},
                                   {"type", std::string("disbursement")},
                                   {"source_level", std::string("town")},
                                   {"amount_fen", int64_t{330'0000'00}},
                                   {"date", std::string("2021-12-20")}}));
  ASSERT_EQ(funds.count("fund_disbursement"), 1U);
  EXPECT_EQ(funds["fund_disbursement"].value, 330'0000'00);
  EXPECT_EQ(funds["fund_disbursement"].breakdown, 3);  // provincial, city, county, town
  EXPECT_EQ(funds["fund_disbursement"].month, MonthOf(2021, 12));
  EXPECT_EQ(funds.count("fund_allocation"), 0U) << "another type";
  EXPECT_EQ(funds.count("projects_funded"), 0U) << "linked to no project";

  auto linked = Facts("fund", Make("fund", 11,
                                   {{"region_code", std::string("611022")},
                                    {"year", int64_t{2021}},
                                    {"type", std::string("allocation")},
                                    {"source_level", std::string("provincial")},
                                    {"project_id", int64_t{7}},
                                    {"amount_fen", int64_t{100}},
                                    {"date", std::string("2021-05-01")}}));
  ASSERT_EQ(linked.count("projects_funded"), 1U);
  EXPECT_EQ(linked["projects_funded"].entity, 7);
  EXPECT_EQ(linked["projects_funded"].value, 1);
  EXPECT_EQ(linked["fund_allocation"].east_region, -1) << "no pairing: no eastern party";
}

TEST_F(DeriveTest, ProjectsCountInTheirYear) {
  auto p = Facts("project", Make("project", 5,
                                 {{"code", std::string("DF2021-01")},
                                  {"name", std::string("项目")},
                                  {"category", std::string("industry")},
                                  {"year", int64_t{2021}},
                                  {"region_code", std::string("611022100")},
                                  {"status", std::string("completed")},
                                  {"total_investment_fen", int64_t{2'0000'0000}}}));
  EXPECT_EQ(p["projects"].entity, 5);
  EXPECT_EQ(p["projects"].month, MonthOf(2021, 12));
  EXPECT_EQ(p["projects"].breakdown, 0);            // industry
  EXPECT_EQ(p["projects_by_status"].breakdown, 3);  // completed
  EXPECT_EQ(p["project_total_investment"].value, 2'0000'0000);
  EXPECT_EQ(p["projects"].west_region, N("611022100"));

  auto undated = Facts("project", Make("project", 6,
                                       {{"code", std::string("X")},
                                        {"name", std::string("无年度")},
                                        {"region_code", std::string("611022")}}));
  EXPECT_TRUE(undated.empty()) << "no year: counted nowhere";
}

TEST_F(DeriveTest, MeetingDirectionComesFromWhereTheVisitorsCameFrom) {
  auto west_to_east = Facts("meeting", Make("meeting", 20,
                                            {{"region_code", std::string("611022")},
                                             {"date", std::string("2021-10-09")},
                                             {"from_region_code", std::string("611022")},
                                             {"to_region_code", std::string("320114")},
                                             {"batches", int64_t{1}},
                                             {"persons", int64_t{12}}}));
  ASSERT_EQ(west_to_east.count("meeting_batches"), 1U);
  EXPECT_EQ(west_to_east["meeting_batches"].breakdown, 1);  // west_to_east
  EXPECT_EQ(west_to_east["meeting_batches"].west_region, N("611022"));
  EXPECT_EQ(west_to_east["meeting_batches"].east_region, N("320114"));
  EXPECT_EQ(west_to_east["meeting_persons"].value, 12);

  auto east_to_west = Facts("meeting", Make("meeting", 21,
                                            {{"region_code", std::string("611022")},
                                             {"date", std::string("2021-06-01")},
                                             {"from_region_code", std::string("3201")},
                                             {"to_region_code", std::string("611022")},
                                             {"batches", int64_t{2}}}));
  EXPECT_EQ(east_to_west["meeting_batches"].breakdown, 0);
  EXPECT_EQ(east_to_west["meeting_batches"].east_region, N("3201"));
}

TEST_F(DeriveTest, UnknownRegionsAndOtherProvincesGiveNoSide) {
  // A sale to 浙江 buyers: east side taken from the buyer (浙江 is eastern, but unknown here).
  auto sale = Facts("consumption_sale", Make("consumption_sale", 30,
                                             {{"region_code", std::string("611022")},
                                              {"buyer_region_code", std::string("3302")},
                                              {"channel", std::string("ecommerce")},
                                              {"amount_fen", int64_t{500}},
                                              {"period_start", std::string("2021-01-01")},
                                              {"period_end", std::string("2021-06-30")}}));
  EXPECT_EQ(sale["consumption_sales"].month, MonthOf(2021, 6));
  EXPECT_EQ(sale["consumption_sales"].east_region, -1);
  EXPECT_EQ(sale["consumption_sales"].breakdown, 2);  // ecommerce

  // A record whose only region is unknown contributes nothing.
  auto lost = Facts("donation", Make("donation", 31,
                                     {{"region_code", std::string("611099")},
                                      {"donor", std::string("某企业")},
                                      {"money_fen", int64_t{100}},
                                      {"date", std::string("2021-01-01")}}));
  EXPECT_TRUE(lost.empty());
}

TEST_F(DeriveTest, PairingsCountFromTheirOwnParties) {
  auto p = Facts("pairing", Make("pairing", 1,
                                 {{"name", std::string("雨花台区—丹凤县")},
                                  {"level", std::string("county")},
                                  {"region_code", std::string("611022")},
                                  {"east_region_code", std::string("320114")},
                                  {"west_region_code", std::string("611022")},
                                  {"signed_date", std::string("2021-03-01")}}));
  ASSERT_EQ(p.count("pairings_signed"), 1U);
  EXPECT_EQ(p["pairings_signed"].east_region, N("320114"));
  EXPECT_EQ(p["pairings_signed"].west_region, N("611022"));
  EXPECT_EQ(p["pairings_signed"].breakdown, 2);  // county
}

TEST_F(DeriveTest, SpecsFollowTheCatalogue) {
  std::vector<IndicatorSpec> specs = deriver_->Specs();
  ASSERT_EQ(specs.size(), model::Indicators().size());
  int projects = model::IndicatorIndex("projects");
  EXPECT_EQ(specs[static_cast<size_t>(projects)].aggregation, Aggregation::kCountDistinct);
  int placed = model::IndicatorIndex("placement_persons");
  EXPECT_EQ(specs[static_cast<size_t>(placed)].breakdown_options, 4);
  EXPECT_TRUE(deriver_->Uses(*model::FindKind("placement")));
  EXPECT_FALSE(deriver_->Uses(*model::FindKind("plan_task")));
}

TEST(MonthOfDateTest, ParsesOnlyWholeDatesInRange) {
  EXPECT_EQ(MonthOfDate("2021-11-30"), MonthOf(2021, 11));
  EXPECT_EQ(MonthOfDate("2000-01-01"), 0);
  EXPECT_EQ(MonthOfDate("1999-12-31"), std::nullopt);
  EXPECT_EQ(MonthOfDate("2021-13-01"), std::nullopt);
  EXPECT_EQ(MonthOfDate("2021-1-01"), std::nullopt);
  EXPECT_EQ(MonthOfDate(""), std::nullopt);
  EXPECT_EQ(MonthOfDate("2021/11/30"), std::nullopt);
}

TEST(RecordSourceTest, KindsDoNotCollide) {
  EXPECT_NE(RecordSource(*model::FindKind("fund"), 1),
            RecordSource(*model::FindKind("project"), 1));
  EXPECT_NE(RecordSource(*model::FindKind("fund"), 1), RecordSource(*model::FindKind("fund"), 2));
}

}  // namespace
}  // namespace xiezuo::analytics
