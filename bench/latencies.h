// The latency percentiles the Google Benchmark binaries report as counters, from the time of
// each iteration (Google Benchmark itself reports only the mean).
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

namespace xiezuo::bench {

// Sets `prefix`p50_ms and `prefix`p99_ms from per-iteration seconds (nothing when empty).
inline void ReportLatencies(benchmark::State& state, std::vector<double> seconds,
                            const std::string& prefix = "") {
  if (seconds.empty()) return;
  std::sort(seconds.begin(), seconds.end());
  auto at = [&](double q) {
    return seconds[std::min(seconds.size() - 1, static_cast<size_t>(q * seconds.size()))];
  };
  state.counters[prefix + "p50_ms"] = at(0.50) * 1e3;
  state.counters[prefix + "p99_ms"] = at(0.99) * 1e3;
}

}  // namespace xiezuo::bench
