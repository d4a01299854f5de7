// The in-memory indicator engine (指标引擎): every figure a dashboard or report shows is a sum,
// a distinct count or a last value of facts, rolled up the region tree at query time. Regions
// are numbered in depth-first order so that every subtree is one contiguous range of numbers;
// facts are kept per series (indicator, side, breakdown option) and per month, sorted by region
// number with prefix sums, so a subtree's sum over a month is two binary searches. Writes
// replace the facts of one source (one record) at once and show in the next query.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "model/region.h"

namespace xiezuo::analytics {

// Months since January 2000: (year - 2000) * 12 + (month - 1). Years 2000–2099, so a valid
// month lies in [0, kMonthLimit).
using Month = int32_t;
constexpr Month MonthOf(int year, int month) { return (year - 2000) * 12 + (month - 1); }
constexpr int YearOfMonth(Month m) { return 2000 + m / 12; }
constexpr Month kMonthLimit = MonthOf(2100, 1);

// A closed range of months [first, last].
struct MonthRange {
  Month first = 0;
  Month last = 0;
  bool Contains(Month m) const { return first <= m && m <= last; }
  bool Contains(const MonthRange& r) const { return first <= r.first && r.last <= last; }
  friend bool operator==(const MonthRange&, const MonthRange&) = default;
};
constexpr MonthRange YearRange(int year) { return {MonthOf(year, 1), MonthOf(year, 12)}; }
constexpr MonthRange QuarterRange(int year, int quarter) {
  return {MonthOf(year, 3 * quarter - 2), MonthOf(year, 3 * quarter)};
}
constexpr MonthRange MonthRangeOf(int year, int month) {
  return {MonthOf(year, month), MonthOf(year, month)};
}
// January of `since` to December of `until` (cumulative figures, e.g. since 2017).
constexpr MonthRange CumulativeRange(int since, int until) {
  return {MonthOf(since, 1), MonthOf(until, 12)};
}

// The region tree numbered in depth-first order (children in code order): the subtree of the
// region numbered n is [n, End(n)). Immutable once built; thread-safe.
class RegionIndex {
 public:
  struct Node {
    std::string code;
    std::string name;
    model::RegionLevel level = model::RegionLevel::kProvince;
  };

  // Builds the index from regions in any order.
  // Errors: kInvalidArgument when a code repeats, a parent is missing, or parents form a
  // cycle (names the code).
  static Result<std::shared_ptr<const RegionIndex>> Build(
      const std::vector<model::Region>& regions);

  int32_t size() const { return static_cast<int32_t>(nodes_.size()); }
  // The number of `code`, or -1.
  int32_t Find(std::string_view code) const;
  // One past the last number of the subtree of `n`.
  int32_t End(int32_t n) const { return end_[n]; }
  int32_t Parent(int32_t n) const { return parent_[n]; }  // -1 for a province
  const Node& node(int32_t n) const { return nodes_[n]; }
  // The children of `n` in code order; n = -1 gives the provinces.
  std::span<const int32_t> Children(int32_t n) const;
  // Every region `depth` levels below `n` (depth 1 = the children, depth 0 = n itself), in
  // order; n = -1 counts from above the provinces.
  std::vector<int32_t> Descendants(int32_t n, int depth) const;

  // An estimate of the bytes the index holds.
  size_t memory_bytes() const;

 private:
  std::vector<Node> nodes_;
  std::vector<int32_t> end_;
  std::vector<int32_t> parent_;
  // The children of n are child_list_[child_begin_[n + 1], child_begin_[n + 2]).
  std::vector<int32_t> child_begin_;
  std::vector<int32_t> child_list_;
  // Every number, in code order: Find's fallback, a binary search over the codes (4 bytes a
  // region, against about 60 for a hash map of strings over 665,276 regions).
  std::vector<int32_t> by_code_;
  // When every code is 1–12 digits (the national tree always), Find looks the code's key up
  // (its digits × 16 + its length, never 0) in a hash table instead: open addressing with
  // linear probing, a power-of-two number of slots at most two-thirds full, key 0 for an
  // empty slot; key and number side by side, so a lookup is one cache miss. A restart looks
  // regions up millions of times: comparing strings through nodes_ was a quarter of its time,
  // and a binary search over sorted keys still a tenth.
  struct KeySlot {
    uint64_t key = 0;
    int32_t number = -1;
  };
  bool keyed_ = false;
  std::vector<KeySlot> key_slots_;
  // The slot where `key` is, or the empty one where it would go.
  size_t FindSlot(uint64_t key) const;
};

// How an indicator's facts combine (the catalogue's aggregation; ratios are computed above the
// engine from two indicators).
enum class Aggregation {
  kSum,            // the sum of the facts' values
  kCountDistinct,  // the number of distinct entities among the facts (a project funded from two
                   // sources is one project)
  kLast,           // per entity, the value of its latest fact within the months (a later
                   // month wins; in one month the larger value); then summed
};

// Which side's region a figure is rolled up by: what the west side received (the record's own,
// western region) or what the east side gave (the pairing's eastern party, the destination).
enum class Side : uint8_t { kWest = 0, kEast = 1 };

struct IndicatorSpec {
  Aggregation aggregation = Aggregation::kSum;
  int32_t breakdown_options = 0;  // options of its breakdown (destination class…); 0 = none
};

// One contribution of one source to one indicator. A fact with both regions counts on both
// sides; with one, on that side only.
struct Fact {
  int32_t indicator = 0;   // index into the engine's specs
  int32_t breakdown = -1;  // 0-based option of the indicator's breakdown, or -1
  Month month = 0;
  int32_t west_region = -1;  // RegionIndex number, or -1
  int32_t east_region = -1;
  int64_t value = 0;   // fen, persons, counts…
  int64_t entity = 0;  // kCountDistinct, kLast: the thing counted (a project id); else unused
};

// A source of facts: one record (kind number and id) or one entered value. Opaque to the engine.
using SourceId = uint64_t;
// Facts with their sources (Engine::Load).
using SourcedFacts = std::vector<std::pair<SourceId, Fact>>;

// An aggregate entered by an office (填报) for one indicator (and breakdown option, or -1 for
// the total), region, period and side. It stands instead of the facts of that region's subtree
// for that period: a query over months M and region R takes every entered value of the same
// indicator, option and side whose region lies in R's subtree and whose period lies inside M,
// drops those covered by another of them (a region above, with a period containing theirs; in
// one region, the longer period), and for each one left adds (its value − the facts' figure for
// its region and period). Roll-ups thus use what counties entered and facts elsewhere.
struct EnteredValue {
  int32_t indicator = 0;
  int32_t breakdown = -1;
  int32_t region = 0;
  Side side = Side::kWest;
  MonthRange period;
  int64_t value = 0;
};

struct Query {
  std::vector<int32_t> indicators;
  std::vector<int32_t> regions;  // each stands for its subtree
  MonthRange months;
  Side side = Side::kWest;
  bool by_breakdown = false;  // also one value per breakdown option
};

// One figure. `value` is what views show; `derived` what the facts alone give; `entered` the
// entered value for exactly this region and months, if there is one (then value == *entered,
// and a view flags value != derived); `uses_entered` when any entered value went into `value`.
struct Cell {
  int64_t value = 0;
  int64_t derived = 0;
  std::optional<int64_t> entered;
  bool uses_entered = false;
  bool has_data = false;  // false: no fact and no entered value (missing, not zero)
};

// Cells indexed [indicator][region][option]: option 0 is the total, 1..n the breakdown options
// when by_breakdown.
struct QueryResult {
  std::vector<std::vector<std::vector<Cell>>> cells;
};

// Thread-safe: queries share a reader lock, writes take the writer lock.
class Engine {
 public:
  // REQUIRES: regions is not null; every spec has 0 <= breakdown_options <= 32767.
  Engine(std::shared_ptr<const RegionIndex> regions, std::vector<IndicatorSpec> specs);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const RegionIndex& regions() const { return *regions_; }

  // Replaces every fact of `source` with `facts` (none: removes the source). The next query
  // sees the change. On an error nothing changes.
  // Errors: kInvalidArgument for an unknown indicator, breakdown or region, a month outside
  // [0, kMonthLimit), or a fact with neither region (names the fact).
  Status Replace(SourceId source, std::vector<Fact> facts);
  // Adds many sources' facts at once (a restart); much faster than Replace one by one. The
  // pairs may come in any order; one source's facts need not be adjacent.
  // Errors: as Replace; kFailedPrecondition when one of the sources already has facts (use
  // Replace for it). On an error nothing changes.
  Status Load(SourcedFacts facts);
  // The same for lists taken one after another. When each is sorted by source and each starts
  // after the one before ends (a restart's lists, one a kind), none is sorted or copied whole.
  Status Load(std::vector<SourcedFacts> runs);

  // Sets an entered value (replacing one with the same indicator, option, region, side and
  // period). Errors: kInvalidArgument for an unknown indicator, option or region, or a period
  // that is empty or outside [0, kMonthLimit).
  Status SetEntered(const EnteredValue& value);
  // Removes that entered value; removing one that is not there is no error.
  // Errors: as SetEntered.
  Status ClearEntered(int32_t indicator, int32_t breakdown, int32_t region, Side side,
                      MonthRange period);

  // Errors: kInvalidArgument for an unknown indicator or region number, or months with
  // first > last.
  Result<QueryResult> Run(const Query& query) const;

  size_t fact_count() const;
  size_t memory_bytes() const;  // an estimate of what the facts and indexes hold

 private:
  struct State;
  // The checks of SetEntered and ClearEntered.
  Status CheckEnteredKey(int32_t indicator, int32_t breakdown, int32_t region, Side side,
                         MonthRange period) const;

  std::shared_ptr<const RegionIndex> regions_;
  std::vector<IndicatorSpec> specs_;
  mutable std::shared_mutex mu_;
  std::unique_ptr<State> state_;
};

}  // namespace xiezuo::analytics
