// A server's restart at national scale: opens a store filled by bench_gen_analytics_store and
// times AnalyticsService::Start (every region and record read, every fact derived and loaded),
// as `xiezuo serve` does before it listens. One process per measurement, so the peak resident
// memory is the start's own; bench/run.sh runs it under /usr/bin/time -v. Prints one JSON line.
//
//   bench_analytics_restart URL    # sqlite:PATH or postgresql://…
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <chrono>
#include <iostream>
#include <string>

#include "api/analytics_service.h"
#include "store/store.h"

namespace xiezuo {
namespace {

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports kilobytes
}

int Run(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bench_analytics_restart URL\n";
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);
  using Clock = std::chrono::steady_clock;
  const auto open_start = Clock::now();
  auto store = store::OpenStore(argv[1], 4);  // as `xiezuo serve` opens it (--pool-size 4)
  if (!store.ok()) {
    std::cerr << "bench_analytics_restart: cannot open the store: " << store.status().message()
              << "\n";
    return 1;
  }
  const double open_s = std::chrono::duration<double>(Clock::now() - open_start).count();
  const double rss_before = PeakRssMiB();
  auto service = api::AnalyticsService::Start(**store);
  if (!service.ok()) {
    std::cerr << "bench_analytics_restart: Start failed: " << service.status().message() << "\n";
    return 1;
  }
  const api::AnalyticsService::LoadStats& s = (*service)->load_stats();
  const analytics::Analytics& a = (*service)->analytics();
  std::cout << "{\"start_s\": " << s.seconds << ", \"open_s\": " << open_s
            << ", \"regions_s\": " << s.regions_seconds << ", \"records_s\": " << s.records_seconds
            << ", \"engine_s\": " << s.engine_seconds << ", \"entered_s\": " << s.entered_seconds
            << ", \"regions\": " << s.regions << ", \"records\": " << s.records
            << ", \"facts\": " << s.facts
            << ", \"engine_MiB\": " << static_cast<double>(a.engine().memory_bytes()) / 1048576.0
            << ", \"regions_MiB\": " << static_cast<double>(a.regions().memory_bytes()) / 1048576.0
            << ", \"peak_rss_before_start_MiB\": " << rss_before
            << ", \"peak_rss_MiB\": " << PeakRssMiB() << "}" << std::endl;
  return 0;
}

}  // namespace
}  // namespace xiezuo

int main(int argc, char** argv) { return xiezuo::Run(argc, argv); }
