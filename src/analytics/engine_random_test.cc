// Keeps the fast path honest: random facts, Replace, Load, entered values and queries, each
// query checked cell by cell against a brute force over the same facts that reads the
// contract's words literally (ancestors by walking parents, not number ranges).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "analytics/engine.h"

namespace xiezuo::analytics {
namespace {

// Three provinces, each with three children down to villages: 3 + 9 + 27 + 81 + 243 regions.
std::vector<model::Region> RandomTree() {
  std::vector<model::Region> regions;
  constexpr size_t kDigits[] = {2, 2, 2, 3, 3};
  std::vector<std::string> level = {""};
  for (int depth = 0; depth < 5; ++depth) {
    std::vector<std::string> next;
    for (const std::string& parent : level) {
      for (int i = 1; i <= 3; ++i) {
        std::string part = std::to_string(depth == 0 ? 60 + i : i);
        part.insert(0, kDigits[depth] - part.size(), '0');
        const std::string code = parent + part;
        regions.push_back({code, code, static_cast<model::RegionLevel>(depth + 1), parent, 0});
        next.push_back(code);
      }
    }
    level = std::move(next);
  }
  return regions;
}

const std::vector<IndicatorSpec> kSpecs = {
    {Aggregation::kSum, 3},           {Aggregation::kSum, 0},  {Aggregation::kCountDistinct, 2},
    {Aggregation::kCountDistinct, 0}, {Aggregation::kLast, 0}, {Aggregation::kLast, 2},
};

// The contract read literally, over plain lists.
class BruteForce {
 public:
  explicit BruteForce(const RegionIndex& index) : index_(index) {}

  std::map<SourceId, std::vector<Fact>> sources;
  std::vector<EnteredValue> entered;

  void SetEntered(const EnteredValue& v) {
    ClearEntered(v);
    entered.push_back(v);
  }
  void ClearEntered(const EnteredValue& v) {
    std::erase_if(entered, [&](const EnteredValue& e) { return SameKey(e, v); });
  }

  Cell Compute(int32_t indicator, int32_t slot, Side side, int32_t region,
               MonthRange months) const {
    const int32_t breakdown = slot - 1;
    Cell cell;
    bool has_facts = false;
    cell.derived = Derived(indicator, breakdown, side, region, months, &has_facts);
    cell.value = cell.derived;
    std::vector<const EnteredValue*> candidates;
    for (const EnteredValue& e : entered) {
      if (e.indicator == indicator && e.breakdown == breakdown && e.side == side &&
          Within(e.region, region) && months.Contains(e.period)) {
        candidates.push_back(&e);
      }
    }
    for (const EnteredValue* e : candidates) {
      bool covered = false;
      for (const EnteredValue* other : candidates) {
        if (other != e && Within(e->region, other->region) && other->period.Contains(e->period)) {
          covered = true;
        }
      }
      if (covered) continue;
      bool unused = false;
      cell.value += e->value - Derived(indicator, breakdown, side, e->region, e->period, &unused);
      cell.uses_entered = true;
      if (e->region == region && e->period == months) cell.entered = e->value;
    }
    cell.has_data = has_facts || cell.uses_entered;
    return cell;
  }

 private:
  static bool SameKey(const EnteredValue& a, const EnteredValue& b) {
    return a.indicator == b.indicator && a.breakdown == b.breakdown && a.region == b.region &&
           a.side == b.side && a.period == b.period;
  }
  // Whether `region` is `top` or lies below it.
  bool Within(int32_t region, int32_t top) const {
    for (int32_t r = region; r != -1; r = index_.Parent(r)) {
      if (r == top) return true;
    }
    return false;
  }

  int64_t Derived(int32_t indicator, int32_t breakdown, Side side, int32_t region,
                  MonthRange months, bool* has_facts) const {
    int64_t sum = 0;
    std::set<int64_t> distinct;
    std::map<int64_t, std::pair<Month, int64_t>> last;  // entity → (month, value)
    for (const auto& [source, facts] : sources) {
      for (const Fact& f : facts) {
        const int32_t r = side == Side::kWest ? f.west_region : f.east_region;
        if (f.indicator != indicator || (breakdown >= 0 && f.breakdown != breakdown) || r < 0 ||
            !Within(r, region) || !months.Contains(f.month)) {
          continue;
        }
        *has_facts = true;
        sum += f.value;
        distinct.insert(f.entity);
        auto [it, fresh] = last.try_emplace(f.entity, f.month, f.value);
        if (!fresh && std::make_pair(f.month, f.value) > it->second) {
          it->second = {f.month, f.value};
        }
      }
    }
    switch (kSpecs[indicator].aggregation) {
      case Aggregation::kSum:
        return sum;
      case Aggregation::kCountDistinct:
        return static_cast<int64_t>(distinct.size());
      case Aggregation::kLast: {
        int64_t total = 0;
        for (const auto& [entity, latest] : last) total += latest.second;
        return total;
      }
    }
    return 0;
  }

  const RegionIndex& index_;
};

class EngineRandomTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(EngineRandomTest, AgreesWithABruteForce) {
  auto index = *RegionIndex::Build(RandomTree());
  Engine engine(index, kSpecs);
  BruteForce truth(*index);
  std::mt19937_64 rng(GetParam());
  auto uniform = [&](int64_t lo, int64_t hi) {  // [lo, hi]
    return lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1));
  };
  const int32_t regions = index->size();
  const Month first_month = MonthOf(2019, 1);

  auto random_fact = [&] {
    Fact f;
    f.indicator = static_cast<int32_t>(uniform(0, static_cast<int64_t>(kSpecs.size()) - 1));
    const int32_t options = kSpecs[f.indicator].breakdown_options;
    f.breakdown = options > 0 ? static_cast<int32_t>(uniform(-1, options - 1)) : -1;
    f.month = first_month + static_cast<Month>(uniform(0, 35));
    const int64_t sides = uniform(0, 9);
    if (sides < 6 || sides >= 8) f.west_region = static_cast<int32_t>(uniform(0, regions - 1));
    if (sides >= 6) f.east_region = static_cast<int32_t>(uniform(0, regions - 1));
    f.value = uniform(-20, 1000);
    f.entity = uniform(0, 25);
    return f;
  };
  auto random_facts = [&] {
    std::vector<Fact> facts(static_cast<size_t>(uniform(0, 9)));
    for (Fact& f : facts) f = random_fact();
    return facts;
  };
  auto random_period = [&]() -> MonthRange {
    const int year = static_cast<int>(uniform(2018, 2022));
    switch (uniform(0, 5)) {
      case 0:
        return MonthRangeOf(year, static_cast<int>(uniform(1, 12)));
      case 1:
      case 2:
        return QuarterRange(year, static_cast<int>(uniform(1, 4)));
      case 3:
        return YearRange(year);
      case 4:
        return CumulativeRange(2019, static_cast<int>(uniform(2019, 2021)));
      default: {
        const Month a = first_month + static_cast<Month>(uniform(-3, 38));
        return {a, a + static_cast<Month>(uniform(0, 14))};
      }
    }
  };
  // Entered values and queries meet often: most use a few keys and the chains of ancestors of
  // a few regions, with the usual periods, so that entered values nest and cover each other.
  struct Key {
    int32_t indicator;
    int32_t breakdown;
    Side side;
  };
  const std::vector<Key> hot_keys = {{0, -1, Side::kWest},
                                     {0, 1, Side::kWest},
                                     {2, -1, Side::kWest},
                                     {4, -1, Side::kEast},
                                     {5, 0, Side::kWest}};
  std::vector<int32_t> deep(3);
  for (int32_t& r : deep) r = static_cast<int32_t>(uniform(0, regions - 1));
  auto chain_region = [&] {
    int32_t r = deep[static_cast<size_t>(uniform(0, static_cast<int64_t>(deep.size()) - 1))];
    for (int64_t up = uniform(0, 4); up > 0 && index->Parent(r) >= 0; --up) r = index->Parent(r);
    return r;
  };
  auto random_entered = [&] {
    EnteredValue v;
    if (uniform(0, 4) > 0) {
      const Key& k = hot_keys[static_cast<size_t>(uniform(0, 4))];
      v.indicator = k.indicator;
      v.breakdown = k.breakdown;
      v.side = k.side;
    } else {
      v.indicator = static_cast<int32_t>(uniform(0, static_cast<int64_t>(kSpecs.size()) - 1));
      const int32_t options = kSpecs[v.indicator].breakdown_options;
      v.breakdown = options > 0 ? static_cast<int32_t>(uniform(-1, options - 1)) : -1;
      v.side = uniform(0, 3) == 0 ? Side::kEast : Side::kWest;
    }
    v.region = uniform(0, 4) > 0 ? chain_region() : static_cast<int32_t>(uniform(0, regions - 1));
    const int year = static_cast<int>(uniform(2019, 2021));
    switch (uniform(0, 3)) {
      case 0:
        v.period = YearRange(year);
        break;
      case 1:
        v.period = QuarterRange(year, static_cast<int>(uniform(1, 4)));
        break;
      case 2:
        v.period = MonthRangeOf(year, static_cast<int>(uniform(1, 12)));
        break;
      default:
        v.period = CumulativeRange(2019, 2021);
        break;
    }
    v.value = uniform(0, 5000);
    return v;
  };

  auto check_query = [&] {
    Query q;
    for (int64_t i = uniform(1, 3); i > 0; --i) {
      q.indicators.push_back(
          uniform(0, 1) == 0
              ? hot_keys[static_cast<size_t>(uniform(0, 4))].indicator
              : static_cast<int32_t>(uniform(0, static_cast<int64_t>(kSpecs.size()) - 1)));
    }
    for (int64_t i = uniform(1, 4); i > 0; --i) {
      q.regions.push_back(uniform(0, 1) == 0 ? chain_region()
                                             : static_cast<int32_t>(uniform(0, regions - 1)));
    }
    q.months = uniform(0, 2) == 0 ? random_entered().period : random_period();
    q.side = uniform(0, 2) == 0 ? Side::kEast : Side::kWest;
    q.by_breakdown = uniform(0, 1) == 1;
    auto result = engine.Run(q);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_EQ(result->cells.size(), q.indicators.size());
    for (size_t i = 0; i < q.indicators.size(); ++i) {
      const int32_t indicator = q.indicators[i];
      const size_t slots = 1 + (q.by_breakdown ? kSpecs[indicator].breakdown_options : 0);
      ASSERT_EQ(result->cells[i].size(), q.regions.size());
      for (size_t r = 0; r < q.regions.size(); ++r) {
        ASSERT_EQ(result->cells[i][r].size(), slots);
        for (size_t slot = 0; slot < slots; ++slot) {
          const Cell want =
              truth.Compute(indicator, static_cast<int32_t>(slot), q.side, q.regions[r], q.months);
          const Cell& got = result->cells[i][r][slot];
          const std::string where =
              "indicator " + std::to_string(indicator) + " region " +
              index->node(q.regions[r]).code + " slot " + std::to_string(slot) + " months [" +
              std::to_string(q.months.first) + ", " + std::to_string(q.months.last) + "] side " +
              std::to_string(static_cast<int>(q.side));
          ASSERT_EQ(got.value, want.value) << where;
          ASSERT_EQ(got.derived, want.derived) << where;
          ASSERT_EQ(got.entered, want.entered) << where;
          ASSERT_EQ(got.uses_entered, want.uses_entered) << where;
          ASSERT_EQ(got.has_data, want.has_data) << where;
        }
      }
    }
  };
  auto fact_total = [&] {
    size_t n = 0;
    for (const auto& [source, facts] : truth.sources) n += facts.size();
    return n;
  };

  // Half the sources arrive by Load, in shuffled order, the rest by Replace.
  constexpr SourceId kSources = 700;
  std::vector<std::pair<SourceId, Fact>> loaded;
  for (SourceId s = 0; s < kSources; s += 2) {
    for (const Fact& f : random_facts()) {
      loaded.emplace_back(s, f);
      truth.sources[s].push_back(f);
    }
  }
  std::shuffle(loaded.begin(), loaded.end(), rng);
  ASSERT_TRUE(engine.Load(std::move(loaded)).ok());
  for (SourceId s = 1; s < kSources; s += 2) {
    std::vector<Fact> facts = random_facts();
    truth.sources[s] = facts;
    ASSERT_TRUE(engine.Replace(s, std::move(facts)).ok());
  }
  ASSERT_EQ(engine.fact_count(), fact_total());
  for (int i = 0; i < 60; ++i) check_query();

  // Sources [kSources + 100, kSources + 200) come by a second Load half way.
  constexpr int kRounds = 800;
  for (int round = 0; round < kRounds; ++round) {
    if (round == kRounds / 2) {
      std::vector<std::pair<SourceId, Fact>> more;
      for (SourceId s = kSources + 100; s < kSources + 200; ++s) {
        for (const Fact& f : random_facts()) {
          more.emplace_back(s, f);
          truth.sources[s].push_back(f);
        }
      }
      ASSERT_TRUE(engine.Load(std::move(more)).ok());
      ASSERT_EQ(engine.fact_count(), fact_total());
    }
    switch (uniform(0, 9)) {
      case 0:
      case 1:
      case 2:
      case 3: {  // a record edited, added or deleted
        const auto s =
            static_cast<SourceId>(uniform(0, round < kRounds / 2 ? kSources + 50 : kSources + 200));
        std::vector<Fact> facts = uniform(0, 4) == 0 ? std::vector<Fact>{} : random_facts();
        truth.sources[s] = facts;
        ASSERT_TRUE(engine.Replace(s, std::move(facts)).ok());
        break;
      }
      case 4:
      case 5: {
        const EnteredValue v = random_entered();
        truth.SetEntered(v);
        ASSERT_TRUE(engine.SetEntered(v).ok());
        break;
      }
      case 6: {
        if (truth.entered.empty()) break;
        const EnteredValue v = truth.entered[static_cast<size_t>(
            uniform(0, static_cast<int64_t>(truth.entered.size()) - 1))];
        truth.ClearEntered(v);
        ASSERT_TRUE(engine.ClearEntered(v.indicator, v.breakdown, v.region, v.side, v.period).ok());
        break;
      }
      default:
        check_query();
        break;
    }
    if (::testing::Test::HasFatalFailure()) return;
  }
  ASSERT_EQ(engine.fact_count(), fact_total());
  for (int i = 0; i < 60; ++i) check_query();
}

INSTANTIATE_TEST_SUITE_P(Seeds, EngineRandomTest, ::testing::Values(1u, 2u, 3u, 20240601u));

// Every figure of `a` equals `b`'s, over all indicators and options, some regions, both sides
// and a few periods.
void ExpectSameFigures(const Engine& a, const Engine& b) {
  Query q;
  for (int32_t i = 0; i < static_cast<int32_t>(kSpecs.size()); ++i) q.indicators.push_back(i);
  for (int32_t r = 0; r < a.regions().size(); r += 7) q.regions.push_back(r);
  q.by_breakdown = true;
  for (Side side : {Side::kWest, Side::kEast}) {
    for (MonthRange months :
         {YearRange(2020), YearRange(2021), QuarterRange(2021, 3), CumulativeRange(2017, 2024)}) {
      q.side = side;
      q.months = months;
      auto x = a.Run(q);
      auto y = b.Run(q);
      ASSERT_TRUE(x.ok() && y.ok());
      for (size_t i = 0; i < x->cells.size(); ++i) {
        for (size_t r = 0; r < x->cells[i].size(); ++r) {
          for (size_t k = 0; k < x->cells[i][r].size(); ++k) {
            ASSERT_EQ(x->cells[i][r][k].value, y->cells[i][r][k].value);
            ASSERT_EQ(x->cells[i][r][k].has_data, y->cells[i][r][k].has_data);
          }
        }
      }
    }
  }
}

std::vector<std::pair<SourceId, Fact>> SomeFacts(const RegionIndex& index, uint64_t seed,
                                                 int count) {
  std::mt19937_64 rng(seed);
  std::vector<std::pair<SourceId, Fact>> facts;
  for (int i = 0; i < count; ++i) {
    Fact f;
    f.indicator = static_cast<int32_t>(rng() % kSpecs.size());
    const int32_t options = kSpecs[f.indicator].breakdown_options;
    f.breakdown = options > 0 ? static_cast<int32_t>(rng() % (options + 1)) - 1 : -1;
    f.month = MonthOf(2020, 1) + static_cast<Month>(rng() % 24);
    f.west_region = static_cast<int32_t>(rng() % static_cast<uint64_t>(index.size()));
    f.east_region = rng() % 3 == 0 ? static_cast<int32_t>(rng() % 40) : -1;
    f.value = static_cast<int64_t>(rng() % 1000);
    f.entity = static_cast<int64_t>(rng() % 50);
    facts.emplace_back(static_cast<SourceId>(i / 3), f);
  }
  return facts;
}

// Load's bulk path and Replace's one-by-one path build the same slices.
TEST(EngineLoadTest, LoadAndReplaceGiveTheSameFigures) {
  auto index = *RegionIndex::Build(RandomTree());
  Engine bulk(index, kSpecs);
  Engine single(index, kSpecs);
  auto facts = SomeFacts(*index, 99, 3000);
  std::map<SourceId, std::vector<Fact>> by_source;
  for (const auto& [s, f] : facts) by_source[s].push_back(f);
  for (auto& [s, list] : by_source) ASSERT_TRUE(single.Replace(s, list).ok());
  ASSERT_TRUE(bulk.Load(std::move(facts)).ok());
  EXPECT_EQ(bulk.fact_count(), single.fact_count());
  ExpectSameFigures(bulk, single);
}

// Lists that follow one another by source are taken as they are; lists in another order are
// sorted first; either way the figures are those of one list.
TEST(EngineLoadTest, LoadTakesSeveralListsInAnyOrder) {
  auto index = *RegionIndex::Build(RandomTree());
  auto facts = SomeFacts(*index, 7, 3000);  // sources 0..999, ascending
  auto lists = [&](bool reversed) {
    std::vector<SourcedFacts> runs(3);
    for (size_t i = 0; i < facts.size(); ++i) runs[i * 3 / facts.size()].push_back(facts[i]);
    if (reversed) std::reverse(runs.begin(), runs.end());
    return runs;
  };
  Engine one(index, kSpecs);
  Engine in_order(index, kSpecs);
  Engine out_of_order(index, kSpecs);
  std::vector<SourcedFacts> bad = lists(false);
  ASSERT_TRUE(in_order.Load(lists(false)).ok());
  ASSERT_TRUE(out_of_order.Load(lists(true)).ok());
  ASSERT_TRUE(one.Load(std::move(facts)).ok());
  EXPECT_EQ(in_order.fact_count(), one.fact_count());
  EXPECT_EQ(out_of_order.fact_count(), one.fact_count());
  ExpectSameFigures(in_order, one);
  ExpectSameFigures(out_of_order, one);
  // A bad fact in a later list is named, and nothing is loaded.
  bad[2].back().second.month = -1;
  Engine refused(index, kSpecs);
  Status status = refused.Load(std::move(bad));
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), ::testing::HasSubstr("source 999"));
  EXPECT_EQ(refused.fact_count(), 0U);
}

// A big load sorts its slices on two threads; small loads on one. Both give the same figures.
TEST(EngineLoadTest, ABigLoadGivesWhatSmallLoadsGive) {
  auto index = *RegionIndex::Build(RandomTree());
  auto facts = SomeFacts(*index, 11, 150'000);  // over the two-thread threshold
  Engine big(index, kSpecs);
  Engine small(index, kSpecs);
  constexpr size_t kSmall = 30'000;  // under it; a multiple of 3 keeps each source in one load
  for (size_t start = 0; start < facts.size(); start += kSmall) {
    SourcedFacts part(
        facts.begin() + static_cast<std::ptrdiff_t>(start),
        facts.begin() + static_cast<std::ptrdiff_t>(std::min(start + kSmall, facts.size())));
    ASSERT_TRUE(small.Load(std::move(part)).ok());
  }
  ASSERT_TRUE(big.Load(std::move(facts)).ok());
  EXPECT_EQ(big.fact_count(), small.fact_count());
  ExpectSameFigures(big, small);
}

// Once most loaded facts have been replaced the engine drops them from its store of sources;
// every source stays replaceable and removable.
TEST(EngineLoadTest, ReplacingMostLoadedSourcesKeepsEveryFigure) {
  auto index = *RegionIndex::Build(RandomTree());
  Engine bulk(index, kSpecs);
  Engine single(index, kSpecs);
  auto facts = SomeFacts(*index, 5, 6000);  // sources 0..1999
  std::map<SourceId, std::vector<Fact>> by_source;
  for (const auto& [s, f] : facts) by_source[s].push_back(f);
  for (auto& [s, list] : by_source) ASSERT_TRUE(single.Replace(s, list).ok());
  ASSERT_TRUE(bulk.Load(std::move(facts)).ok());
  const size_t loaded_memory = bulk.memory_bytes();

  // Replace 1,500 of the 2,000 sources (4,500 of 6,000 facts), a third of them by nothing.
  auto replacement = SomeFacts(*index, 6, 4500);
  std::map<SourceId, std::vector<Fact>> changed;
  for (const auto& [s, f] : replacement) changed[s].push_back(f);
  for (auto& [s, list] : changed) {
    if (s % 3 == 0) list.clear();
    ASSERT_TRUE(bulk.Replace(s, list).ok());
    ASSERT_TRUE(single.Replace(s, list).ok());
  }
  EXPECT_EQ(bulk.fact_count(), single.fact_count());
  ExpectSameFigures(bulk, single);
  EXPECT_LT(bulk.memory_bytes(), loaded_memory * 2);

  for (int round = 0; round < 2; ++round) {
    for (SourceId s = 0; s < 2000; ++s) ASSERT_TRUE(bulk.Replace(s, {}).ok());
  }
  EXPECT_EQ(bulk.fact_count(), 0u);
  Engine empty(index, kSpecs);
  ExpectSameFigures(bulk, empty);
}

}  // namespace
}  // namespace xiezuo::analytics
