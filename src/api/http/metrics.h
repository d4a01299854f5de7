// The HTTP server's Prometheus metrics: request counts and latencies by route, requests in
// flight, and the database pool gauges, rendered in the text exposition format (0.0.4).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "api/http/server.h"

namespace xiezuo::api {

// A registry of the server's metrics. Thread-safe: Observe and Render may be called from any
// thread; one mutex guards the maps, and a request that hits an existing series allocates
// nothing.
class HttpMetrics {
 public:
  // Upper bounds of the latency histogram's buckets, in seconds (+Inf is implicit).
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                      0.25,  0.5,   1,    2.5,   5,    10};

  // Counts one finished request. `route` is a route pattern ("/api/v1/regions/{code}",
  // "/healthz", "static", "unmatched"), never a raw path, to keep the label set small.
  void Observe(std::string_view route, std::string_view method, int status, double seconds);

  // A request started or finished being handled (the in-flight gauge).
  void RequestStarted() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void RequestFinished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

  // The text exposition of every metric. Pool gauges whose callback is unset are skipped.
  std::string Render(const PoolGauge& pool) const;

  // Escapes a label value: backslash, double quote and newline (Prometheus text format).
  static std::string EscapeLabelValue(std::string_view value);

 private:
  struct CounterKey {
    std::string route;
    std::string method;
    int status;
  };
  struct CounterKeyView {
    std::string_view route;
    std::string_view method;
    int status;
  };
  // Orders keys and views alike, so lookups need no allocation.
  struct CounterLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      if (a.route != b.route) return std::string_view(a.route) < std::string_view(b.route);
      if (a.method != b.method) return std::string_view(a.method) < std::string_view(b.method);
      return a.status < b.status;
    }
  };
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};  // per bucket, not cumulative
    double sum = 0;
    uint64_t count = 0;
  };

  mutable std::mutex mu_;
  std::map<CounterKey, uint64_t, CounterLess> requests_;     // guarded by mu_
  std::map<std::string, Histogram, std::less<>> durations_;  // guarded by mu_
  std::atomic<int64_t> in_flight_{0};
};

}  // namespace xiezuo::api
