// The indicator engine on a small hand-made tree: roll-ups, periods, breakdowns, sides,
// distinct counts, last values, Replace and Load, entered values and bad input.
#include "analytics/engine.h"
#include "analytics/testing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace xiezuo::analytics {
namespace {

using ::testing::HasSubstr;

using testing::MakeRegion;

// Indicators of the fixture.
constexpr int32_t kFunds = 0;     // sum; breakdown by source level: provincial, city, town
constexpr int32_t kProjects = 1;  // distinct projects; breakdown: industry, infrastructure
constexpr int32_t kPersons = 2;   // sum, no breakdown
constexpr int32_t kProgress = 3;  // last completed investment per project
constexpr int32_t kUnused = 4;    // sum with no facts at all

constexpr MonthRange kYear2021 = YearRange(2021);

class EngineTest : public ::testing::Test {
 protected:
  EngineTest() {
    auto built = RegionIndex::Build({
        MakeRegion("61"),
        MakeRegion("6110"),    // 商洛
        MakeRegion("611021"),  // 洛南县
        MakeRegion("611021100"),
        MakeRegion("611022"),        // 丹凤县
        MakeRegion("611022100"),     // 龙驹寨街道
        MakeRegion("611022100001"),  // a village
        MakeRegion("611022100002"),
        MakeRegion("611022101"),
        MakeRegion("6109"),    // 安康
        MakeRegion("610902"),  // 汉滨区
        MakeRegion("32"),
        MakeRegion("3201"),    // 南京
        MakeRegion("320114"),  // 雨花台区
        MakeRegion("320115"),
    });
    EXPECT_TRUE(built.ok()) << built.status().ToString();
    index_ = *built;
    engine_ = std::make_unique<Engine>(index_,
                                       std::vector<IndicatorSpec>{{Aggregation::kSum, 3},
                                                                  {Aggregation::kCountDistinct, 2},
                                                                  {Aggregation::kSum, 0},
                                                                  {Aggregation::kLast, 0},
                                                                  {Aggregation::kSum, 0}});
  }

  int32_t R(const std::string& code) const {
    const int32_t n = index_->Find(code);
    EXPECT_GE(n, 0) << code;
    return n;
  }

  // A west-side fact at `code`.
  Fact West(int32_t indicator, const std::string& code, Month month, int64_t value,
            int64_t entity = 0, int32_t breakdown = -1) const {
    return {indicator, breakdown, month, R(code), -1, value, entity};
  }

  void Put(SourceId source, std::vector<Fact> facts) {
    Status st = engine_->Replace(source, std::move(facts));
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  // The one cell of indicator × region × months (the total).
  Cell Get(int32_t indicator, const std::string& code, MonthRange months,
           Side side = Side::kWest) const {
    auto result = engine_->Run({{indicator}, {R(code)}, months, side, false});
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    if (!result.ok()) return {};
    return result->cells[0][0][0];
  }
  int64_t Value(int32_t indicator, const std::string& code, MonthRange months,
                Side side = Side::kWest) const {
    return Get(indicator, code, months, side).value;
  }

  void Enter(int32_t indicator, const std::string& code, MonthRange period, int64_t value,
             int32_t breakdown = -1, Side side = Side::kWest) {
    Status st = engine_->SetEntered({indicator, breakdown, R(code), side, period, value});
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  std::shared_ptr<const RegionIndex> index_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(EngineTest, SumsRollUpToEveryAncestor) {
  const Month june = MonthOf(2021, 6);
  Put(1, {West(kPersons, "611022100001", june, 5)});
  Put(2, {West(kPersons, "611022100002", june, 7), West(kPersons, "611022101", june, 11)});
  Put(3, {West(kPersons, "611022", june, 100)});
  Put(4, {West(kPersons, "611021100", june, 1000)});
  Put(5, {West(kPersons, "610902", june, 10000)});

  EXPECT_EQ(Value(kPersons, "611022100001", kYear2021), 5);
  EXPECT_EQ(Value(kPersons, "611022100", kYear2021), 12);
  EXPECT_EQ(Value(kPersons, "611022101", kYear2021), 11);
  EXPECT_EQ(Value(kPersons, "611022", kYear2021), 123);
  EXPECT_EQ(Value(kPersons, "611021", kYear2021), 1000);
  EXPECT_EQ(Value(kPersons, "6110", kYear2021), 1123);
  EXPECT_EQ(Value(kPersons, "6109", kYear2021), 10000);
  EXPECT_EQ(Value(kPersons, "61", kYear2021), 11123);
  EXPECT_EQ(Value(kPersons, "32", kYear2021), 0);
  EXPECT_EQ(engine_->fact_count(), 6u);

  // Many regions in one query: cells follow the query's order.
  auto result = engine_->Run({{kPersons, kFunds}, {R("6110"), R("611022"), R("61")}, kYear2021});
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->cells.size(), 2u);
  ASSERT_EQ(result->cells[0].size(), 3u);
  EXPECT_EQ(result->cells[0][0][0].value, 1123);
  EXPECT_EQ(result->cells[0][1][0].value, 123);
  EXPECT_EQ(result->cells[0][2][0].value, 11123);
  EXPECT_FALSE(result->cells[1][2][0].has_data);
}

TEST_F(EngineTest, MonthsQuartersYearsAndCumulativeRanges) {
  Put(1, {West(kPersons, "611022", MonthOf(2017, 3), 1)});
  Put(2, {West(kPersons, "611022", MonthOf(2021, 1), 10)});
  Put(3, {West(kPersons, "611022", MonthOf(2021, 3), 20)});
  Put(4, {West(kPersons, "611022", MonthOf(2021, 4), 40)});
  Put(5, {West(kPersons, "611022", MonthOf(2021, 12), 80)});
  Put(6, {West(kPersons, "611022", MonthOf(2022, 1), 160)});

  EXPECT_EQ(Value(kPersons, "611022", MonthRangeOf(2021, 1)), 10);
  EXPECT_EQ(Value(kPersons, "611022", MonthRangeOf(2021, 2)), 0);
  EXPECT_FALSE(Get(kPersons, "611022", MonthRangeOf(2021, 2)).has_data);
  EXPECT_EQ(Value(kPersons, "611022", QuarterRange(2021, 1)), 30);
  EXPECT_EQ(Value(kPersons, "611022", QuarterRange(2021, 2)), 40);
  EXPECT_EQ(Value(kPersons, "611022", QuarterRange(2021, 4)), 80);
  EXPECT_EQ(Value(kPersons, "611022", kYear2021), 150);
  EXPECT_EQ(Value(kPersons, "611022", YearRange(2022)), 160);
  EXPECT_EQ(Value(kPersons, "611022", CumulativeRange(2017, 2021)), 151);
  EXPECT_EQ(Value(kPersons, "611022", CumulativeRange(2017, 2024)), 311);
  EXPECT_EQ(Value(kPersons, "611022", YearRange(2010)), 0);
  EXPECT_EQ(Value(kPersons, "61", CumulativeRange(2000, 2099)), 311);
  EXPECT_EQ(Value(kPersons, "611022", {MonthOf(2021, 3), MonthOf(2021, 4)}), 60);
}

TEST_F(EngineTest, BreakdownOptionsAndTheTotal) {
  const Month may = MonthOf(2021, 5);
  Put(1, {West(kFunds, "611022", may, 9476, 0, 0), West(kFunds, "611022", may, 330, 0, 2)});
  Put(2, {West(kFunds, "611021", may, 500, 0, 0)});
  Put(3, {West(kFunds, "611022", may, 7)});  // no breakdown: only in the total

  auto result =
      engine_->Run({{kFunds, kPersons}, {R("611022"), R("6110")}, kYear2021, Side::kWest, true});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const auto& danfeng = result->cells[0][0];
  ASSERT_EQ(danfeng.size(), 4u);
  EXPECT_EQ(danfeng[0].value, 9476 + 330 + 7);
  EXPECT_EQ(danfeng[1].value, 9476);
  EXPECT_EQ(danfeng[2].value, 0);
  EXPECT_FALSE(danfeng[2].has_data);
  EXPECT_EQ(danfeng[3].value, 330);
  const auto& shangluo = result->cells[0][1];
  EXPECT_EQ(shangluo[0].value, 10313);
  EXPECT_EQ(shangluo[1].value, 9976);
  // An indicator without a breakdown has only its total.
  EXPECT_EQ(result->cells[1][0].size(), 1u);

  // Without by_breakdown only the total.
  auto totals = engine_->Run({{kFunds}, {R("611022")}, kYear2021});
  ASSERT_TRUE(totals.ok());
  ASSERT_EQ(totals->cells[0][0].size(), 1u);
  EXPECT_EQ(totals->cells[0][0][0].value, 9813);
}

TEST_F(EngineTest, AFactWithBothRegionsCountsOnBothSides) {
  const Month june = MonthOf(2021, 6);
  // 雨花台 gives 丹凤 a fund; 雨花台 also gives something to a place outside our tree's west.
  Put(1, {{kFunds, 1, june, R("611022100"), R("320114"), 300, 0}});
  Put(2, {{kFunds, -1, june, -1, R("320115"), 50, 0}});
  Put(3, {{kFunds, -1, june, R("610902"), -1, 20, 0}});

  EXPECT_EQ(Value(kFunds, "61", kYear2021, Side::kWest), 320);
  EXPECT_EQ(Value(kFunds, "611022", kYear2021, Side::kWest), 300);
  EXPECT_EQ(Value(kFunds, "32", kYear2021, Side::kEast), 350);
  EXPECT_EQ(Value(kFunds, "320114", kYear2021, Side::kEast), 300);
  EXPECT_EQ(Value(kFunds, "3201", kYear2021, Side::kEast), 350);
  EXPECT_FALSE(Get(kFunds, "32", kYear2021, Side::kWest).has_data);
  EXPECT_FALSE(Get(kFunds, "61", kYear2021, Side::kEast).has_data);
  // The option too, on both sides.
  auto east = engine_->Run({{kFunds}, {R("32")}, kYear2021, Side::kEast, true});
  ASSERT_TRUE(east.ok());
  EXPECT_EQ(east->cells[0][0][2].value, 300);
  EXPECT_EQ(engine_->fact_count(), 3u);
}

TEST_F(EngineTest, CountDistinctCountsAnEntityOnce) {
  // Project 7 is funded twice in 丹凤 (two records), in two months; project 8 lies in 丹凤 and
  // in 洛南 (a project across two counties); project 9 is in 洛南 only.
  Put(1, {West(kProjects, "611022100", MonthOf(2021, 3), 1, 7, 0)});
  Put(2, {West(kProjects, "611022", MonthOf(2021, 9), 1, 7, 1)});
  Put(3, {West(kProjects, "611022101", MonthOf(2021, 9), 1, 8, 0),
          West(kProjects, "611021", MonthOf(2021, 9), 1, 8, 0)});
  Put(4, {West(kProjects, "611021100", MonthOf(2022, 1), 1, 9, 0)});

  EXPECT_EQ(Value(kProjects, "611022", kYear2021), 2);  // 7 and 8
  EXPECT_EQ(Value(kProjects, "611021", kYear2021), 1);  // 8
  EXPECT_EQ(Value(kProjects, "6110", kYear2021), 2);    // 7 and 8, each once
  EXPECT_EQ(Value(kProjects, "6110", CumulativeRange(2021, 2022)), 3);
  EXPECT_EQ(Value(kProjects, "611022", QuarterRange(2021, 1)), 1);
  EXPECT_EQ(Value(kProjects, "611022100", kYear2021), 1);

  auto result = engine_->Run({{kProjects}, {R("611022")}, kYear2021, Side::kWest, true});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->cells[0][0][0].value, 2);
  EXPECT_EQ(result->cells[0][0][1].value, 2);  // 7 (March) and 8 as industry
  EXPECT_EQ(result->cells[0][0][2].value, 1);  // 7 as infrastructure in September
}

TEST_F(EngineTest, LastTakesEachEntitysLatestValue) {
  // Project 1's completed investment: 10 in January, 30 then 25 in March (the larger wins),
  // 50 in 2022. Project 2: 100 in February, in 洛南.
  Put(1, {West(kProgress, "611022", MonthOf(2021, 1), 10, 1)});
  Put(2, {West(kProgress, "611022", MonthOf(2021, 3), 30, 1),
          West(kProgress, "611022", MonthOf(2021, 3), 25, 1)});
  Put(3, {West(kProgress, "611022", MonthOf(2022, 6), 50, 1)});
  Put(4, {West(kProgress, "611021", MonthOf(2021, 2), 100, 2)});

  EXPECT_EQ(Value(kProgress, "611022", kYear2021), 30);
  EXPECT_EQ(Value(kProgress, "611022", {MonthOf(2021, 1), MonthOf(2021, 2)}), 10);
  EXPECT_EQ(Value(kProgress, "611022", CumulativeRange(2017, 2024)), 50);
  EXPECT_EQ(Value(kProgress, "6110", kYear2021), 130);
  EXPECT_EQ(Value(kProgress, "61", CumulativeRange(2017, 2024)), 150);
  // The later report replaced: the March facts come back.
  Put(3, {});
  EXPECT_EQ(Value(kProgress, "611022", CumulativeRange(2017, 2024)), 30);
}

TEST_F(EngineTest, ReplaceShowsInTheNextQuery) {
  Put(1, {West(kPersons, "611022100001", MonthOf(2021, 6), 5)});
  Put(2, {West(kPersons, "611022101", MonthOf(2021, 6), 7)});
  EXPECT_EQ(Value(kPersons, "611022", kYear2021), 12);
  Put(1, {West(kPersons, "611022100001", MonthOf(2021, 6), 50)});
  EXPECT_EQ(Value(kPersons, "611022", kYear2021), 57);
  // A record moved to another region and month.
  Put(1, {West(kPersons, "611021100", MonthOf(2021, 8), 50)});
  EXPECT_EQ(Value(kPersons, "611022", kYear2021), 7);
  EXPECT_EQ(Value(kPersons, "611021", kYear2021), 50);
  EXPECT_EQ(Value(kPersons, "611021", MonthRangeOf(2021, 8)), 50);
  EXPECT_EQ(engine_->fact_count(), 2u);
}

TEST_F(EngineTest, ReplaceWithNoFactsRemovesTheSource) {
  std::vector<std::pair<SourceId, Fact>> facts = {
      {10, West(kFunds, "611022", MonthOf(2021, 2), 100, 0, 0)},
      {11, West(kFunds, "611022", MonthOf(2021, 2), 200, 0, 1)},
      {12, West(kProjects, "611022", MonthOf(2021, 2), 1, 5)},
      {10, West(kProjects, "611022", MonthOf(2021, 2), 1, 6)},
  };
  ASSERT_TRUE(engine_->Load(std::move(facts)).ok());
  EXPECT_EQ(engine_->fact_count(), 4u);
  EXPECT_EQ(Value(kFunds, "61", kYear2021), 300);
  EXPECT_EQ(Value(kProjects, "61", kYear2021), 2);

  Put(10, {});  // a deleted record
  EXPECT_EQ(Value(kFunds, "61", kYear2021), 200);
  EXPECT_EQ(Value(kProjects, "61", kYear2021), 1);
  EXPECT_EQ(engine_->fact_count(), 2u);
  Put(10, {});  // deleting again changes nothing
  Put(99, {});  // nor does a source that never had facts
  EXPECT_EQ(engine_->fact_count(), 2u);

  Put(11, {});
  Put(12, {});
  const Cell gone = Get(kFunds, "61", kYear2021);
  EXPECT_EQ(gone.value, 0);
  EXPECT_FALSE(gone.has_data);
  EXPECT_EQ(engine_->fact_count(), 0u);

  // A loaded source can come back through Replace.
  Put(11, {West(kFunds, "611021", MonthOf(2021, 2), 9)});
  EXPECT_EQ(Value(kFunds, "61", kYear2021), 9);
}

TEST_F(EngineTest, LoadMergesWithWhatIsThereAndRefusesKnownSources) {
  ASSERT_TRUE(engine_
                  ->Load({{3, West(kPersons, "611022", MonthOf(2021, 1), 1)},
                          {1, West(kPersons, "611022100", MonthOf(2021, 1), 2)},
                          {6, West(kPersons, "611022", MonthOf(2021, 1), 1000)}})
                  .ok());
  Put(5, {West(kPersons, "611021", MonthOf(2021, 1), 4)});
  Put(6, {West(kPersons, "611022", MonthOf(2021, 1), 2000)});
  Put(6, {});  // gone from the loaded facts and from the replaced ones
  // Into a month that holds facts already (before and after them in region order) and into
  // new months.
  ASSERT_TRUE(engine_
                  ->Load({{2, West(kPersons, "611022101", MonthOf(2021, 1), 8)},
                          {7, West(kPersons, "6110", MonthOf(2021, 1), 32)},
                          {4, West(kPersons, "610902", MonthOf(2020, 12), 16)}})
                  .ok());
  EXPECT_EQ(Value(kPersons, "61", CumulativeRange(2020, 2021)), 63);
  EXPECT_EQ(Value(kPersons, "611022", MonthRangeOf(2021, 1)), 11);
  EXPECT_EQ(Value(kPersons, "611022100", MonthRangeOf(2021, 1)), 2);
  EXPECT_EQ(Value(kPersons, "6110", MonthRangeOf(2021, 1)), 47);
  EXPECT_EQ(engine_->fact_count(), 6u);

  Status again = engine_->Load({{8, West(kPersons, "611022", MonthOf(2021, 1), 64)},
                                {5, West(kPersons, "611022", MonthOf(2021, 1), 64)}});
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(again.message(), HasSubstr("source 5"));
  EXPECT_EQ(Value(kPersons, "61", CumulativeRange(2020, 2021)), 63);

  // Every source is still replaceable, wherever it lives, and a deleted one stays deleted.
  for (int round = 0; round < 2; ++round) {
    for (SourceId s : {1, 2, 3, 4, 5, 6, 7}) Put(s, {});
  }
  EXPECT_EQ(engine_->fact_count(), 0u);
  EXPECT_FALSE(Get(kPersons, "61", CumulativeRange(2020, 2021)).has_data);
}

TEST_F(EngineTest, AnEnteredValueForExactlyTheCell) {
  Put(1, {West(kPersons, "611022", MonthOf(2021, 4), 30)});
  Enter(kPersons, "611022", kYear2021, 100);
  const Cell cell = Get(kPersons, "611022", kYear2021);
  EXPECT_EQ(cell.value, 100);
  EXPECT_EQ(cell.derived, 30);
  ASSERT_TRUE(cell.entered.has_value());
  EXPECT_EQ(*cell.entered, 100);
  EXPECT_TRUE(cell.uses_entered);
  EXPECT_TRUE(cell.has_data);

  // Another period or region: the entered value is not there.
  const Cell quarter = Get(kPersons, "611022", QuarterRange(2021, 2));
  EXPECT_EQ(quarter.value, 30);
  EXPECT_FALSE(quarter.entered.has_value());
  EXPECT_FALSE(quarter.uses_entered);

  // Setting it again replaces it; clearing it brings the facts back.
  Enter(kPersons, "611022", kYear2021, 120);
  EXPECT_EQ(Value(kPersons, "611022", kYear2021), 120);
  ASSERT_TRUE(engine_->ClearEntered(kPersons, -1, R("611022"), Side::kWest, kYear2021).ok());
  EXPECT_FALSE(Get(kPersons, "611022", kYear2021).uses_entered);
  EXPECT_EQ(Value(kPersons, "611022", kYear2021), 30);
  // Clearing what is not there is no error.
  EXPECT_TRUE(engine_->ClearEntered(kPersons, -1, R("611022"), Side::kWest, kYear2021).ok());
}

TEST_F(EngineTest, ACountysEnteredYearInsideTheCityRollUp) {
  Put(1, {West(kPersons, "611022100", MonthOf(2021, 4), 30)});
  Put(2, {West(kPersons, "611021", MonthOf(2021, 4), 7)});
  Put(3, {West(kPersons, "610902", MonthOf(2021, 4), 1000)});
  Enter(kPersons, "611022", kYear2021, 100);  // 丹凤 enters its year

  const Cell city = Get(kPersons, "6110", kYear2021);
  EXPECT_EQ(city.value, 107);  // 丹凤's 100 and 洛南's facts
  EXPECT_EQ(city.derived, 37);
  EXPECT_FALSE(city.entered.has_value());
  EXPECT_TRUE(city.uses_entered);
  EXPECT_EQ(Value(kPersons, "61", kYear2021), 1107);
  // Below the county and in the county's other periods, the facts.
  EXPECT_EQ(Value(kPersons, "611022100", kYear2021), 30);
  EXPECT_EQ(Value(kPersons, "6110", QuarterRange(2021, 2)), 37);
  // A period containing the year takes the year's value plus the facts of the other years.
  Put(4, {West(kPersons, "611022", MonthOf(2020, 4), 5)});
  EXPECT_EQ(Value(kPersons, "611022", CumulativeRange(2020, 2021)), 105);
  // Another side or option is untouched.
  EXPECT_FALSE(Get(kPersons, "6110", kYear2021, Side::kEast).has_data);
}

TEST_F(EngineTest, ACityValueShadowsItsCountiesValues) {
  Put(1, {West(kPersons, "611022", MonthOf(2021, 4), 30)});
  Put(2, {West(kPersons, "611021", MonthOf(2021, 4), 7)});
  Put(3, {West(kPersons, "610902", MonthOf(2021, 4), 1000)});
  Enter(kPersons, "611022", kYear2021, 100);
  Enter(kPersons, "611021", kYear2021, 200);
  Enter(kPersons, "6110", kYear2021, 500);

  const Cell city = Get(kPersons, "6110", kYear2021);
  EXPECT_EQ(city.value, 500);
  EXPECT_EQ(city.entered, 500);
  EXPECT_EQ(city.derived, 37);
  EXPECT_EQ(Value(kPersons, "61", kYear2021), 1500);
  EXPECT_EQ(Value(kPersons, "611022", kYear2021), 100);
  // A county's quarter under the city's year is shadowed too.
  Enter(kPersons, "611022", QuarterRange(2021, 2), 60);
  EXPECT_EQ(Value(kPersons, "6110", kYear2021), 500);
  EXPECT_EQ(Value(kPersons, "61", kYear2021), 1500);
  // The county's year shadows its own quarter.
  EXPECT_EQ(Value(kPersons, "611022", kYear2021), 100);
  // In the quarter, the county's quarter value and the other county's facts.
  EXPECT_EQ(Value(kPersons, "6110", QuarterRange(2021, 2)), 67);
}

TEST_F(EngineTest, AQuarterValueInsideAYearQuery) {
  Put(1, {West(kPersons, "611022", MonthOf(2021, 2), 10)});
  Put(2, {West(kPersons, "611022", MonthOf(2021, 5), 5)});
  Enter(kPersons, "611022", QuarterRange(2021, 1), 40);

  const Cell year = Get(kPersons, "611022", kYear2021);
  EXPECT_EQ(year.value, 45);  // Q1 as entered, Q2 from the facts
  EXPECT_EQ(year.derived, 15);
  EXPECT_FALSE(year.entered.has_value());
  EXPECT_TRUE(year.uses_entered);
  const Cell q1 = Get(kPersons, "611022", QuarterRange(2021, 1));
  EXPECT_EQ(q1.value, 40);
  EXPECT_EQ(q1.entered, 40);
  // A month query inside the quarter does not use it.
  EXPECT_EQ(Value(kPersons, "611022", MonthRangeOf(2021, 2)), 10);
  // Entered values work the same for a distinct count.
  Put(3, {West(kProjects, "611022", MonthOf(2021, 2), 1, 70),
          West(kProjects, "611022", MonthOf(2021, 5), 1, 71)});
  Enter(kProjects, "611022", QuarterRange(2021, 1), 4);
  EXPECT_EQ(Value(kProjects, "611022", kYear2021), 5);
}

TEST_F(EngineTest, EnteredValuesPerOption) {
  Put(1, {West(kFunds, "611022", MonthOf(2021, 2), 10, 0, 0),
          West(kFunds, "611022", MonthOf(2021, 2), 20, 0, 1)});
  Enter(kFunds, "611022", kYear2021, 90, 0);  // the provincial share only
  auto result = engine_->Run({{kFunds}, {R("611022"), R("61")}, kYear2021, Side::kWest, true});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->cells[0][0][1].value, 90);
  EXPECT_EQ(result->cells[0][0][1].entered, 90);
  EXPECT_EQ(result->cells[0][0][2].value, 20);
  // The total has no entered value of its own: it stays the facts'.
  EXPECT_EQ(result->cells[0][0][0].value, 30);
  EXPECT_FALSE(result->cells[0][0][0].uses_entered);
  EXPECT_EQ(result->cells[0][1][1].value, 90);
}

TEST_F(EngineTest, HasDataIsFalseOnlyWhenThereIsNothing) {
  const Cell empty = Get(kUnused, "61", kYear2021);
  EXPECT_FALSE(empty.has_data);
  EXPECT_EQ(empty.value, 0);
  EXPECT_FALSE(empty.uses_entered);

  // A zero fact is data.
  Put(1, {West(kUnused, "611022", MonthOf(2021, 1), 0)});
  EXPECT_TRUE(Get(kUnused, "61", kYear2021).has_data);
  EXPECT_FALSE(Get(kUnused, "6109", kYear2021).has_data);
  // So is an entered value with no facts under it.
  Enter(kUnused, "610902", kYear2021, 0);
  const Cell entered = Get(kUnused, "6109", kYear2021);
  EXPECT_TRUE(entered.has_data);
  EXPECT_TRUE(entered.uses_entered);
  EXPECT_EQ(entered.derived, 0);
}

TEST_F(EngineTest, BadInputIsRefusedByName) {
  auto unknown_indicator = engine_->Run({{5}, {R("61")}, kYear2021});
  ASSERT_FALSE(unknown_indicator.ok());
  EXPECT_EQ(unknown_indicator.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(unknown_indicator.status().message(), HasSubstr("indicator 5"));

  auto unknown_region = engine_->Run({{kFunds}, {R("61"), 99}, kYear2021});
  ASSERT_FALSE(unknown_region.ok());
  EXPECT_EQ(unknown_region.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(unknown_region.status().message(), HasSubstr("region number 99"));
  EXPECT_FALSE(engine_->Run({{kFunds}, {-1}, kYear2021}).ok());

  auto empty_months = engine_->Run({{kFunds}, {R("61")}, {MonthOf(2021, 5), MonthOf(2021, 4)}});
  EXPECT_EQ(empty_months.status().code(), StatusCode::kInvalidArgument);

  // Replace: nothing of a bad batch is kept.
  Status option = engine_->Replace(
      1, {West(kFunds, "611022", MonthOf(2021, 1), 5), West(kFunds, "611022", 0, 5, 0, 3)});
  EXPECT_EQ(option.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(option.message(), HasSubstr("facts[1]"));
  EXPECT_THAT(option.message(), HasSubstr("breakdown option 3"));
  EXPECT_EQ(engine_->fact_count(), 0u);
  EXPECT_THAT(engine_->Replace(1, {West(kPersons, "611022", 0, 1, 0, 0)}).message(),
              HasSubstr("breakdown option 0"));
  EXPECT_THAT(engine_->Replace(1, {{9, -1, 0, R("61"), -1, 1, 0}}).message(),
              HasSubstr("unknown indicator 9"));
  EXPECT_THAT(engine_->Replace(1, {{kFunds, -1, 0, 1000, -1, 1, 0}}).message(),
              HasSubstr("unknown west region 1000"));
  EXPECT_THAT(engine_->Replace(1, {{kFunds, -1, 0, R("61"), -7, 1, 0}}).message(),
              HasSubstr("unknown east region -7"));
  EXPECT_THAT(engine_->Replace(1, {{kFunds, -1, 0, -1, -1, 1, 0}}).message(),
              HasSubstr("neither region"));
  EXPECT_THAT(engine_->Replace(1, {{kFunds, -1, kMonthLimit, R("61"), -1, 1, 0}}).message(),
              HasSubstr("month"));
  EXPECT_THAT(engine_->Replace(1, {{kFunds, -1, -1, R("61"), -1, 1, 0}}).message(),
              HasSubstr("month"));

  Status load = engine_->Load({{1, West(kPersons, "611022", 0, 1)}, {2, {77, -1, 0, 0, -1, 1, 0}}});
  EXPECT_EQ(load.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(load.message(), HasSubstr("source 2"));
  EXPECT_EQ(engine_->fact_count(), 0u);

  EXPECT_EQ(engine_->SetEntered({kFunds, 3, R("61"), Side::kWest, kYear2021, 1}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->SetEntered({kFunds, -1, 99, Side::kWest, kYear2021, 1}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->SetEntered({8, -1, R("61"), Side::kWest, kYear2021, 1}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->SetEntered({kFunds, -1, R("61"), Side::kWest, {5, 4}, 1}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->ClearEntered(kFunds, 7, R("61"), Side::kWest, kYear2021).code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(Get(kFunds, "61", kYear2021).has_data);
}

// Readers see each Replace whole: never half of a record's facts.
TEST_F(EngineTest, QueriesRunWhileRecordsAreReplaced) {
  Put(1, {West(kPersons, "611021", MonthOf(2021, 3), 1000)});
  std::atomic<bool> stop = false;
  std::atomic<int> bad = 0;
  std::vector<std::thread> readers;
  readers.reserve(2);
  const Query query{{kPersons, kFunds}, {R("61"), R("6110")}, kYear2021};
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      while (!stop) {
        auto result = engine_->Run(query);
        // Source 2 holds 5 + 5 or 7 + 7 persons.
        const int64_t v = result.ok() ? result->cells[0][0][0].value : -1;
        if (v != 1010 && v != 1014 && v != 1000) ++bad;
      }
    });
  }
  for (int i = 0; i < 2000; ++i) {
    const int64_t v = i % 2 == 0 ? 5 : 7;
    Put(2, {West(kPersons, "611022100001", MonthOf(2021, 6), v),
            West(kPersons, "611022101", MonthOf(2021, 7), v)});
    if (i % 100 == 99) Put(2, {});
  }
  stop = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(bad, 0);
}

TEST_F(EngineTest, MemoryIsReported) {
  const size_t empty = engine_->memory_bytes();
  constexpr int kFacts = 1000;
  std::vector<std::pair<SourceId, Fact>> facts(kFacts);
  for (int i = 0; i < kFacts; ++i) {
    facts[i] = {static_cast<SourceId>(i),
                West(kFunds, "611022", MonthOf(2021, 1 + i % 12), i, 0, i % 3)};
  }
  ASSERT_TRUE(engine_->Load(std::move(facts)).ok());
  EXPECT_GT(engine_->memory_bytes(), empty + size_t{kFacts} * 32);
  EXPECT_GT(index_->memory_bytes(), 0u);
}

}  // namespace
}  // namespace xiezuo::analytics
