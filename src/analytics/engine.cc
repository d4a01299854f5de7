// The indicator engine: facts kept per series and month in region order with prefix sums, a
// compact store of every source's facts (so Replace can take the old ones out), and the
// entered values that stand in for the facts of a region and period.
#include "analytics/engine.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <limits>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace xiezuo::analytics {
namespace {

constexpr int kSides = 2;

// The facts of one series in one month, sorted by region number; facts of one region keep
// their arrival order. `acc` holds, for kSum, the inclusive prefix sums of the values (so a
// region range sums to two reads), for kLast the values, for kCountDistinct nothing; `entity`
// is filled for kCountDistinct and kLast only.
struct Slice {
  std::vector<int32_t> region;
  std::vector<int64_t> acc;
  std::vector<int64_t> entity;

  size_t size() const { return region.size(); }
  // The entries of regions [lo, hi).
  std::pair<size_t, size_t> Range(int32_t lo, int32_t hi) const {
    auto a = std::lower_bound(region.begin(), region.end(), lo);
    auto b = std::lower_bound(a, region.end(), hi);
    return {static_cast<size_t>(a - region.begin()), static_cast<size_t>(b - region.begin())};
  }
  int64_t PrefixBefore(size_t i) const { return i == 0 ? 0 : acc[i - 1]; }
};

// One series (indicator, side, option or total): a slice per month from `first` on.
struct Series {
  Month first = 0;
  std::vector<Slice> months;

  // Makes room for the months [lo, hi], keeping the slices there are.
  void Cover(Month lo, Month hi) {
    if (months.empty()) {
      first = lo;
      months.resize(hi - lo + 1);
      return;
    }
    if (lo < first) {
      months.insert(months.begin(), first - lo, Slice{});
      first = lo;
    }
    const Month last = first + static_cast<Month>(months.size()) - 1;
    if (hi > last) months.resize(months.size() + (hi - last));
  }
  Slice& Grow(Month m) {
    Cover(m, m);
    return months[m - first];
  }
};

// A fact as the engine keeps it for Replace: 32 bytes instead of Fact's 40.
struct StoredFact {
  int64_t value = 0;
  int64_t entity = 0;
  int32_t west_region = -1;
  int32_t east_region = -1;
  int32_t indicator = 0;
  int16_t month = 0;
  int16_t breakdown = -1;
};
static_assert(sizeof(StoredFact) == 32);

StoredFact Pack(const Fact& f) {
  return {f.value,
          f.entity,
          f.west_region,
          f.east_region,
          f.indicator,
          static_cast<int16_t>(f.month),
          static_cast<int16_t>(f.breakdown)};
}

// An entered value inside its series' list.
struct Entered {
  int32_t region = 0;
  MonthRange period;
  int64_t value = 0;
};
bool EnteredBefore(const Entered& a, const Entered& b) {
  return std::tie(a.region, a.period.first, a.period.last) <
         std::tie(b.region, b.period.first, b.period.last);
}

// What the facts alone give for one region range and months.
struct Figure {
  int64_t value = 0;
  bool has_data = false;
};

// kLast's candidates while a figure is computed.
struct LastEntry {
  int64_t entity;
  Month month;
  int64_t value;
};

// Buffers reused by the cells of one query.
struct Scratch {
  std::vector<int64_t> entities;
  std::vector<LastEntry> last;
};

// Adds a fact's entry at the end of its region's run.
void InsertEntry(Slice& s, Aggregation agg, int32_t region, int64_t value, int64_t entity) {
  const auto pos = static_cast<size_t>(std::upper_bound(s.region.begin(), s.region.end(), region) -
                                       s.region.begin());
  s.region.insert(s.region.begin() + static_cast<ptrdiff_t>(pos), region);
  switch (agg) {
    case Aggregation::kSum: {
      s.acc.insert(s.acc.begin() + static_cast<ptrdiff_t>(pos), s.PrefixBefore(pos) + value);
      for (size_t j = pos + 1; j < s.acc.size(); ++j) s.acc[j] += value;
      break;
    }
    case Aggregation::kLast:
      s.acc.insert(s.acc.begin() + static_cast<ptrdiff_t>(pos), value);
      s.entity.insert(s.entity.begin() + static_cast<ptrdiff_t>(pos), entity);
      break;
    case Aggregation::kCountDistinct:
      s.entity.insert(s.entity.begin() + static_cast<ptrdiff_t>(pos), entity);
      break;
  }
}

// Removes one entry equal to the fact's (its region, value and entity as far as the
// aggregation keeps them). Entries that match are interchangeable, so any one will do.
void RemoveEntry(Slice& s, Aggregation agg, int32_t region, int64_t value, int64_t entity) {
  auto [lo, hi] = s.Range(region, region + 1);
  size_t i = lo;
  for (; i < hi; ++i) {
    bool match = false;
    switch (agg) {
      case Aggregation::kSum:
        match = s.acc[i] - s.PrefixBefore(i) == value;
        break;
      case Aggregation::kLast:
        match = s.acc[i] == value && s.entity[i] == entity;
        break;
      case Aggregation::kCountDistinct:
        match = s.entity[i] == entity;
        break;
    }
    if (match) break;
  }
  assert(i < hi && "the stored facts and the slices disagree");
  if (i >= hi) return;
  const auto at = static_cast<ptrdiff_t>(i);
  s.region.erase(s.region.begin() + at);
  if (agg == Aggregation::kSum) {
    s.acc.erase(s.acc.begin() + at);
    for (size_t j = i; j < s.acc.size(); ++j) s.acc[j] -= value;
  } else {
    if (agg == Aggregation::kLast) s.acc.erase(s.acc.begin() + at);
    s.entity.erase(s.entity.begin() + at);
  }
}

Figure Derive(const Series& series, Aggregation agg, int32_t lo, int32_t hi, MonthRange months,
              Scratch& scratch) {
  Figure figure;
  const Month first = std::max(months.first, series.first);
  const Month last =
      std::min(months.last, series.first + static_cast<Month>(series.months.size()) - 1);
  switch (agg) {
    case Aggregation::kSum:
      for (Month m = first; m <= last; ++m) {
        const Slice& s = series.months[m - series.first];
        auto [a, b] = s.Range(lo, hi);
        if (a == b) continue;
        figure.has_data = true;
        figure.value += s.acc[b - 1] - s.PrefixBefore(a);
      }
      break;
    case Aggregation::kCountDistinct: {
      std::vector<int64_t>& e = scratch.entities;
      e.clear();
      for (Month m = first; m <= last; ++m) {
        const Slice& s = series.months[m - series.first];
        auto [a, b] = s.Range(lo, hi);
        e.insert(e.end(), s.entity.begin() + static_cast<ptrdiff_t>(a),
                 s.entity.begin() + static_cast<ptrdiff_t>(b));
      }
      figure.has_data = !e.empty();
      std::sort(e.begin(), e.end());
      figure.value = std::unique(e.begin(), e.end()) - e.begin();
      break;
    }
    case Aggregation::kLast: {
      std::vector<LastEntry>& l = scratch.last;
      l.clear();
      for (Month m = first; m <= last; ++m) {
        const Slice& s = series.months[m - series.first];
        auto [a, b] = s.Range(lo, hi);
        for (size_t i = a; i < b; ++i) l.push_back({s.entity[i], m, s.acc[i]});
      }
      figure.has_data = !l.empty();
      // Per entity, the latest month first and in it the largest value.
      std::sort(l.begin(), l.end(), [](const LastEntry& x, const LastEntry& y) {
        if (x.entity != y.entity) return x.entity < y.entity;
        if (x.month != y.month) return x.month > y.month;
        return x.value > y.value;
      });
      for (size_t i = 0; i < l.size(); ++i) {
        if (i == 0 || l[i].entity != l[i - 1].entity) figure.value += l[i].value;
      }
      break;
    }
  }
  return figure;
}

template <typename T>
size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

struct Engine::State {
  const RegionIndex* regions = nullptr;
  const std::vector<IndicatorSpec>* specs = nullptr;
  std::vector<int32_t> series_base;  // the first series of each indicator
  std::vector<Series> series;
  std::vector<Aggregation> series_agg;        // the aggregation of each series' indicator
  std::vector<std::vector<Entered>> entered;  // per series, sorted by EnteredBefore

  // The facts of every source. Load puts them in `base` (sources sorted, facts contiguous);
  // Replace marks a base source gone and keeps its new facts in `live`.
  std::vector<SourceId> base_ids;
  std::vector<uint64_t> base_begin;  // base_ids.size() + 1 offsets into base_facts
  std::vector<StoredFact> base_facts;
  std::vector<bool> base_gone;
  size_t base_gone_facts = 0;
  std::unordered_map<SourceId, std::vector<StoredFact>> live;
  size_t fact_count = 0;

  int32_t SeriesOf(int32_t indicator, int side, int32_t slot) const {
    return series_base[indicator] + side * ((*specs)[indicator].breakdown_options + 1) + slot;
  }
  Aggregation AggregationOf(int32_t indicator) const { return (*specs)[indicator].aggregation; }

  // Calls fn(series, region) for every place a fact counts: each side it has a region on,
  // in the total and, with a breakdown, in its option.
  template <typename Fn>
  void ForEachTarget(const StoredFact& f, Fn&& fn) const {
    const int32_t regions_by_side[kSides] = {f.west_region, f.east_region};
    for (int side = 0; side < kSides; ++side) {
      const int32_t region = regions_by_side[side];
      if (region < 0) continue;
      fn(SeriesOf(f.indicator, side, 0), region);
      if (f.breakdown >= 0) fn(SeriesOf(f.indicator, side, f.breakdown + 1), region);
    }
  }

  void AddFact(const StoredFact& f) {
    const Aggregation agg = AggregationOf(f.indicator);
    ForEachTarget(f, [&](int32_t s, int32_t region) {
      InsertEntry(series[s].Grow(f.month), agg, region, f.value, f.entity);
    });
  }
  void RemoveFact(const StoredFact& f) {
    const Aggregation agg = AggregationOf(f.indicator);
    ForEachTarget(f, [&](int32_t s, int32_t region) {
      Series& se = series[s];
      assert(se.first <= f.month && f.month - se.first < static_cast<Month>(se.months.size()));
      RemoveEntry(se.months[f.month - se.first], agg, region, f.value, f.entity);
    });
  }

  // The position of `source` in base_ids if it is there and not gone, else -1.
  int64_t BasePosition(SourceId source) const {
    auto it = std::lower_bound(base_ids.begin(), base_ids.end(), source);
    if (it == base_ids.end() || *it != source) return -1;
    const auto pos = it - base_ids.begin();
    return base_gone[pos] ? -1 : pos;
  }
  bool HasFacts(SourceId source) const {
    return live.contains(source) || BasePosition(source) >= 0;
  }

  // Adds many facts to the slices: appends them unsorted, then sorts each slice it touched
  // once and recomputes its prefix sums.
  void BulkAdd(const std::vector<StoredFact>& facts);
  // Rebuilds base with `added` (sorted by source, offsets in added_begin) and the sources of
  // base that are not gone.
  void MergeBase(std::vector<SourceId> added_ids, std::vector<uint64_t> added_begin,
                 std::vector<StoredFact> added);
  // Drops the facts of gone base sources once they are most of base.
  void MaybeCompactBase();

  Cell Compute(int32_t series_id, Aggregation agg, int32_t region, MonthRange months,
               Scratch& scratch) const;
  // Whether another entered value of the list (inside the region's subtree `top` and the
  // months) covers `e`: lies at its region or above, with a period containing its period.
  bool Covered(const std::vector<Entered>& list, const Entered& e, int32_t top,
               MonthRange months) const;
};

void Engine::State::BulkAdd(const std::vector<StoredFact>& facts) {
  // The months each series needs.
  std::vector<std::pair<Month, Month>> span(series.size(), {kMonthLimit, -1});
  for (const StoredFact& f : facts) {
    ForEachTarget(f, [&](int32_t s, int32_t) {
      span[s].first = std::min<Month>(span[s].first, f.month);
      span[s].second = std::max<Month>(span[s].second, f.month);
    });
  }
  // The number of new entries of each slice, in one flat array.
  std::vector<size_t> slice_base(series.size() + 1, 0);
  for (size_t s = 0; s < series.size(); ++s) {
    if (span[s].second >= 0) series[s].Cover(span[s].first, span[s].second);
    slice_base[s + 1] = slice_base[s] + series[s].months.size();
  }
  std::vector<uint32_t> added(slice_base.back(), 0);
  for (const StoredFact& f : facts) {
    ForEachTarget(
        f, [&](int32_t s, int32_t) { ++added[slice_base[s] + (f.month - series[s].first)]; });
  }
  // Prefix sums back to values while entries are appended; reserve what is coming.
  for (size_t s = 0; s < series.size(); ++s) {
    const Aggregation agg = series_agg[s];
    for (size_t m = 0; m < series[s].months.size(); ++m) {
      const uint32_t n = added[slice_base[s] + m];
      if (n == 0) continue;
      Slice& slice = series[s].months[m];
      if (agg == Aggregation::kSum) {
        for (size_t i = slice.acc.size(); i-- > 1;) slice.acc[i] -= slice.acc[i - 1];
      }
      slice.region.reserve(slice.size() + n);
      if (agg != Aggregation::kCountDistinct) slice.acc.reserve(slice.size() + n);
      if (agg != Aggregation::kSum) slice.entity.reserve(slice.size() + n);
    }
  }
  for (const StoredFact& f : facts) {
    const Aggregation agg = AggregationOf(f.indicator);
    ForEachTarget(f, [&](int32_t s, int32_t region) {
      Slice& slice = series[s].months[f.month - series[s].first];
      slice.region.push_back(region);
      if (agg != Aggregation::kCountDistinct) slice.acc.push_back(f.value);
      if (agg != Aggregation::kSum) slice.entity.push_back(f.entity);
    });
  }
  // Sort each touched slice by (region, position), one key of 64 bits per entry, and turn its
  // values back into prefix sums. Series are independent: two threads take them in turn.
  std::atomic<size_t> next_series{0};
  auto sort_slices = [&] {
    std::vector<uint64_t> keys;
    std::vector<int64_t> column;
    for (size_t s = next_series++; s < series.size(); s = next_series++) {
      for (size_t m = 0; m < series[s].months.size(); ++m) {
        if (added[slice_base[s] + m] == 0) continue;
        Slice& slice = series[s].months[m];
        keys.resize(slice.size());
        bool sorted = true;
        for (size_t i = 0; i < slice.size(); ++i) {
          keys[i] = (static_cast<uint64_t>(slice.region[i]) << 32) | i;
          if (i > 0 && slice.region[i] < slice.region[i - 1]) sorted = false;
        }
        if (!sorted) {
          std::sort(keys.begin(), keys.end());
          for (size_t i = 0; i < slice.size(); ++i) {
            slice.region[i] = static_cast<int32_t>(keys[i] >> 32);
          }
          // Copied back rather than swapped, so each slice keeps its exact capacity.
          auto permute = [&](std::vector<int64_t>& v) {
            if (v.empty()) return;
            column.resize(v.size());
            for (size_t i = 0; i < v.size(); ++i) column[i] = v[keys[i] & 0xffffffffU];
            std::copy(column.begin(), column.end(), v.begin());
          };
          permute(slice.acc);
          permute(slice.entity);
        }
        if (series_agg[s] == Aggregation::kSum) {
          for (size_t i = 1; i < slice.acc.size(); ++i) slice.acc[i] += slice.acc[i - 1];
        }
      }
    }
  };
  // A second thread pays off only for a big batch (a restart), not for one record's facts.
  constexpr size_t kThreadedFacts = 100'000;
  std::thread second;
  if (facts.size() >= kThreadedFacts) {
    try {
      second = std::thread(sort_slices);
    } catch (const std::system_error&) {
      // No second thread to be had: this one sorts them all.
    }
  }
  sort_slices();
  if (second.joinable()) second.join();
}

void Engine::State::MergeBase(std::vector<SourceId> added_ids, std::vector<uint64_t> added_begin,
                              std::vector<StoredFact> added) {
  if (base_ids.empty()) {
    base_ids = std::move(added_ids);
    base_begin = std::move(added_begin);
    base_facts = std::move(added);
    base_gone.assign(base_ids.size(), false);
    base_gone_facts = 0;
    return;
  }
  // Both lists are sorted by source and share none (Load checks that).
  std::vector<SourceId> ids;
  std::vector<uint64_t> begin;
  std::vector<StoredFact> merged;
  ids.reserve(base_ids.size() + added_ids.size());
  begin.reserve(base_ids.size() + added_ids.size() + 1);
  merged.reserve(base_facts.size() - base_gone_facts + added.size());
  auto append = [&](SourceId id, const StoredFact* first, const StoredFact* last) {
    ids.push_back(id);
    begin.push_back(merged.size());
    merged.insert(merged.end(), first, last);
  };
  size_t i = 0;
  size_t j = 0;
  while (i < base_ids.size() || j < added_ids.size()) {
    if (j == added_ids.size() || (i < base_ids.size() && base_ids[i] < added_ids[j])) {
      if (!base_gone[i]) {
        append(base_ids[i], base_facts.data() + base_begin[i],
               base_facts.data() + base_begin[i + 1]);
      }
      ++i;
    } else {
      append(added_ids[j], added.data() + added_begin[j], added.data() + added_begin[j + 1]);
      ++j;
    }
  }
  begin.push_back(merged.size());
  base_ids = std::move(ids);
  base_begin = std::move(begin);
  base_facts = std::move(merged);
  base_gone.assign(base_ids.size(), false);
  base_gone_facts = 0;
}

void Engine::State::MaybeCompactBase() {
  constexpr size_t kMinGone = 1024;
  if (base_gone_facts >= kMinGone && base_gone_facts * 2 > base_facts.size()) {
    MergeBase({}, {0}, {});
  }
}

bool Engine::State::Covered(const std::vector<Entered>& list, const Entered& e, int32_t top,
                            MonthRange months) const {
  // The ancestors of e's region that are numbered from `top` on are those inside top's subtree.
  for (int32_t a = e.region; a >= top; a = regions->Parent(a)) {
    auto [lo, hi] =
        std::equal_range(list.begin(), list.end(), Entered{a, {}, 0},
                         [](const Entered& x, const Entered& y) { return x.region < y.region; });
    for (auto it = lo; it != hi; ++it) {
      if (&*it != &e && months.Contains(it->period) && it->period.Contains(e.period)) return true;
    }
  }
  return false;
}

Cell Engine::State::Compute(int32_t series_id, Aggregation agg, int32_t region, MonthRange months,
                            Scratch& scratch) const {
  Cell cell;
  const Series& se = series[series_id];
  const int32_t end = regions->End(region);
  const Figure derived = Derive(se, agg, region, end, months, scratch);
  cell.derived = derived.value;
  cell.value = derived.value;
  cell.has_data = derived.has_data;
  const std::vector<Entered>& list = entered[series_id];
  if (list.empty()) return cell;
  auto it = std::lower_bound(list.begin(), list.end(), region,
                             [](const Entered& e, int32_t r) { return e.region < r; });
  for (; it != list.end() && it->region < end; ++it) {
    if (!months.Contains(it->period) || Covered(list, *it, region, months)) continue;
    const Figure own = Derive(se, agg, it->region, regions->End(it->region), it->period, scratch);
    cell.value += it->value - own.value;
    cell.uses_entered = true;
    cell.has_data = true;
    if (it->region == region && it->period == months) cell.entered = it->value;
  }
  return cell;
}

namespace {

// Why `f` cannot be kept, or "" when it can. Builds a message only for a bad fact: Load checks
// ten million facts with it.
std::string FactProblem(const Fact& f, const std::vector<IndicatorSpec>& specs,
                        int32_t region_count) {
  if (f.indicator < 0 || f.indicator >= static_cast<int32_t>(specs.size())) {
    return "unknown indicator " + std::to_string(f.indicator);
  }
  if (f.breakdown < -1 || f.breakdown >= specs[f.indicator].breakdown_options) {
    return "indicator " + std::to_string(f.indicator) + " has no breakdown option " +
           std::to_string(f.breakdown);
  }
  if (f.month < 0 || f.month >= kMonthLimit) {
    return "month " + std::to_string(f.month) + " is outside the years 2000-2099";
  }
  if (f.west_region < -1 || f.west_region >= region_count) {
    return "unknown west region " + std::to_string(f.west_region);
  }
  if (f.east_region < -1 || f.east_region >= region_count) {
    return "unknown east region " + std::to_string(f.east_region);
  }
  if (f.west_region < 0 && f.east_region < 0) return "the fact has neither region";
  return {};
}

}  // namespace

Engine::Engine(std::shared_ptr<const RegionIndex> regions, std::vector<IndicatorSpec> specs)
    : regions_(std::move(regions)), specs_(std::move(specs)), state_(std::make_unique<State>()) {
  assert(regions_ != nullptr);
  State& s = *state_;
  s.regions = regions_.get();
  s.specs = &specs_;
  int32_t next = 0;
  for (const IndicatorSpec& spec : specs_) {
    assert(spec.breakdown_options >= 0 &&
           spec.breakdown_options <= std::numeric_limits<int16_t>::max());
    const int32_t n = kSides * (spec.breakdown_options + 1);
    s.series_base.push_back(next);
    s.series_agg.insert(s.series_agg.end(), n, spec.aggregation);
    next += n;
  }
  s.series.resize(next);
  s.entered.resize(next);
}

Engine::~Engine() = default;

Status Engine::Replace(SourceId source, std::vector<Fact> facts) {
  std::vector<StoredFact> stored;
  stored.reserve(facts.size());
  for (size_t i = 0; i < facts.size(); ++i) {
    std::string problem = FactProblem(facts[i], specs_, regions_->size());
    if (!problem.empty()) {
      const std::string field = "facts[" + std::to_string(i) + "]";
      return InvalidArgument(field + ": " + problem, {{field, problem}});
    }
    stored.push_back(Pack(facts[i]));
  }
  std::unique_lock lock(mu_);
  State& s = *state_;
  if (auto it = s.live.find(source); it != s.live.end()) {
    for (const StoredFact& f : it->second) s.RemoveFact(f);
    s.fact_count -= it->second.size();
    s.live.erase(it);
  } else if (const int64_t pos = s.BasePosition(source); pos >= 0) {
    const uint64_t begin = s.base_begin[pos];
    const uint64_t end = s.base_begin[pos + 1];
    for (uint64_t i = begin; i < end; ++i) s.RemoveFact(s.base_facts[i]);
    s.fact_count -= end - begin;
    s.base_gone[pos] = true;
    s.base_gone_facts += end - begin;
  }
  for (const StoredFact& f : stored) s.AddFact(f);
  s.fact_count += stored.size();
  if (!stored.empty()) s.live.emplace(source, std::move(stored));
  s.MaybeCompactBase();
  return Status::Ok();
}

Status Engine::Load(SourcedFacts facts) {
  std::vector<SourcedFacts> runs;
  runs.push_back(std::move(facts));
  return Load(std::move(runs));
}

Status Engine::Load(std::vector<SourcedFacts> runs) {
  auto by_source = [](const auto& a, const auto& b) { return a.first < b.first; };
  bool sorted = true;  // each run, and each run's first source after the last run's last
  const SourceId* last = nullptr;
  size_t total = 0;
  for (const SourcedFacts& run : runs) {
    for (const auto& [source, fact] : run) {
      std::string problem = FactProblem(fact, specs_, regions_->size());
      if (!problem.empty()) {
        const std::string field = "source " + std::to_string(source);
        return InvalidArgument(field + ": " + problem, {{field, problem}});
      }
    }
    if (run.empty()) continue;
    total += run.size();
    if ((last != nullptr && run.front().first < *last) ||
        !std::is_sorted(run.begin(), run.end(), by_source)) {
      sorted = false;
    }
    last = &run.back().first;
  }
  if (!sorted) {  // one list, sorted
    SourcedFacts all;
    all.reserve(total);
    for (SourcedFacts& run : runs) {
      all.insert(all.end(), run.begin(), run.end());
      SourcedFacts().swap(run);
    }
    std::sort(all.begin(), all.end(), by_source);
    runs.clear();
    runs.push_back(std::move(all));
  }
  std::vector<SourceId> ids;
  std::vector<uint64_t> begin;
  std::vector<StoredFact> added;
  added.reserve(total);
  for (SourcedFacts& run : runs) {
    for (const auto& [source, fact] : run) {
      if (ids.empty() || source != ids.back()) {
        ids.push_back(source);
        begin.push_back(added.size());
      }
      added.push_back(Pack(fact));
    }
    SourcedFacts().swap(run);  // the caller's copy goes as it is packed
  }
  begin.push_back(added.size());

  std::unique_lock lock(mu_);
  State& s = *state_;
  if (!s.live.empty() || !s.base_ids.empty()) {
    for (SourceId id : ids) {
      if (s.HasFacts(id)) {
        return FailedPrecondition("source " + std::to_string(id) +
                                  " already has facts; Replace them instead");
      }
    }
  }
  s.BulkAdd(added);
  s.fact_count += added.size();
  s.MergeBase(std::move(ids), std::move(begin), std::move(added));
  return Status::Ok();
}

Status Engine::CheckEnteredKey(int32_t indicator, int32_t breakdown, int32_t region, Side side,
                               MonthRange period) const {
  if (indicator < 0 || indicator >= static_cast<int32_t>(specs_.size())) {
    return InvalidArgument("unknown indicator " + std::to_string(indicator),
                           {{"indicator", "unknown"}});
  }
  if (breakdown < -1 || breakdown >= specs_[indicator].breakdown_options) {
    return InvalidArgument("indicator " + std::to_string(indicator) + " has no breakdown option " +
                               std::to_string(breakdown),
                           {{"breakdown", "unknown"}});
  }
  if (region < 0 || region >= regions_->size()) {
    return InvalidArgument("unknown region number " + std::to_string(region),
                           {{"region", "unknown"}});
  }
  if (side != Side::kWest && side != Side::kEast) {
    return InvalidArgument("unknown side", {{"side", "unknown"}});
  }
  if (period.first > period.last || period.first < 0 || period.last >= kMonthLimit) {
    return InvalidArgument("the period must be months of 2000-2099, first <= last",
                           {{"period", "empty or out of range"}});
  }
  return Status::Ok();
}

Status Engine::SetEntered(const EnteredValue& value) {
  RETURN_IF_ERROR(
      CheckEnteredKey(value.indicator, value.breakdown, value.region, value.side, value.period));
  std::unique_lock lock(mu_);
  State& s = *state_;
  std::vector<Entered>& list =
      s.entered[s.SeriesOf(value.indicator, static_cast<int>(value.side), value.breakdown + 1)];
  const Entered e{value.region, value.period, value.value};
  auto it = std::lower_bound(list.begin(), list.end(), e, EnteredBefore);
  if (it != list.end() && !EnteredBefore(e, *it)) {
    it->value = value.value;
  } else {
    list.insert(it, e);
  }
  return Status::Ok();
}

Status Engine::ClearEntered(int32_t indicator, int32_t breakdown, int32_t region, Side side,
                            MonthRange period) {
  RETURN_IF_ERROR(CheckEnteredKey(indicator, breakdown, region, side, period));
  std::unique_lock lock(mu_);
  State& s = *state_;
  std::vector<Entered>& list =
      s.entered[s.SeriesOf(indicator, static_cast<int>(side), breakdown + 1)];
  const Entered e{region, period, 0};
  auto it = std::lower_bound(list.begin(), list.end(), e, EnteredBefore);
  if (it != list.end() && !EnteredBefore(e, *it)) list.erase(it);
  return Status::Ok();
}

Result<QueryResult> Engine::Run(const Query& query) const {
  for (int32_t indicator : query.indicators) {
    if (indicator < 0 || indicator >= static_cast<int32_t>(specs_.size())) {
      return InvalidArgument("unknown indicator " + std::to_string(indicator),
                             {{"indicators", "unknown indicator " + std::to_string(indicator)}});
    }
  }
  for (int32_t region : query.regions) {
    if (region < 0 || region >= regions_->size()) {
      return InvalidArgument("unknown region number " + std::to_string(region),
                             {{"regions", "unknown region number " + std::to_string(region)}});
    }
  }
  if (query.months.first > query.months.last) {
    return InvalidArgument("the months are empty (first > last)", {{"months", "empty"}});
  }
  if (query.side != Side::kWest && query.side != Side::kEast) {
    return InvalidArgument("unknown side", {{"side", "unknown"}});
  }
  QueryResult result;
  result.cells.resize(query.indicators.size());
  for (size_t i = 0; i < query.indicators.size(); ++i) {
    const IndicatorSpec& spec = specs_[query.indicators[i]];
    const size_t slots = 1 + (query.by_breakdown ? spec.breakdown_options : 0);
    result.cells[i].assign(query.regions.size(), std::vector<Cell>(slots));
  }
  Scratch scratch;
  std::shared_lock lock(mu_);
  const State& s = *state_;
  for (size_t i = 0; i < query.indicators.size(); ++i) {
    const int32_t indicator = query.indicators[i];
    const Aggregation agg = specs_[indicator].aggregation;
    auto& by_region = result.cells[i];
    const size_t slots = by_region.empty() ? 0 : by_region[0].size();
    for (size_t slot = 0; slot < slots; ++slot) {
      const int32_t series_id =
          s.SeriesOf(indicator, static_cast<int>(query.side), static_cast<int32_t>(slot));
      for (size_t r = 0; r < query.regions.size(); ++r) {
        by_region[r][slot] = s.Compute(series_id, agg, query.regions[r], query.months, scratch);
      }
    }
  }
  return result;
}

size_t Engine::fact_count() const {
  std::shared_lock lock(mu_);
  return state_->fact_count;
}

size_t Engine::memory_bytes() const {
  std::shared_lock lock(mu_);
  const State& s = *state_;
  size_t bytes = sizeof(State) + VectorBytes(s.series_base) + VectorBytes(s.series) +
                 VectorBytes(s.series_agg) + VectorBytes(s.entered);
  for (const Series& se : s.series) {
    bytes += VectorBytes(se.months);
    for (const Slice& slice : se.months) {
      bytes += VectorBytes(slice.region) + VectorBytes(slice.acc) + VectorBytes(slice.entity);
    }
  }
  for (const auto& list : s.entered) bytes += VectorBytes(list);
  bytes += VectorBytes(s.base_ids) + VectorBytes(s.base_begin) + VectorBytes(s.base_facts) +
           s.base_gone.capacity() / 8;
  // A hash node holds the pair and a next pointer (and libstdc++ caches no hash for integers).
  bytes +=
      s.live.bucket_count() * sizeof(void*) +
      s.live.size() * (sizeof(std::pair<const SourceId, std::vector<StoredFact>>) + sizeof(void*));
  for (const auto& [source, facts] : s.live) bytes += VectorBytes(facts);
  return bytes;
}

}  // namespace xiezuo::analytics
