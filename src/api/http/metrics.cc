// Counting and rendering the HTTP server's Prometheus metrics.
#include "api/http/metrics.h"

#include <fmt/format.h>

#include <iterator>

namespace xiezuo::api {

namespace {

// The `le` label of each bucket, spelled as Prometheus clients usually do.
constexpr std::array<std::string_view, HttpMetrics::kBuckets.size()> kBucketLabels = {
    "0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"};

}  // namespace

void HttpMetrics::Observe(std::string_view route, std::string_view method, int status,
                          double seconds) {
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  std::lock_guard lock(mu_);
  const CounterKeyView view{route, method, status};
  auto counter = requests_.find(view);
  if (counter == requests_.end()) {
    counter =
        requests_.emplace(CounterKey{std::string(route), std::string(method), status}, 0).first;
  }
  ++counter->second;
  auto histogram = durations_.find(route);
  if (histogram == durations_.end()) {
    histogram = durations_.emplace(std::string(route), Histogram{}).first;
  }
  if (bucket < kBuckets.size()) ++histogram->second.buckets[bucket];
  histogram->second.sum += seconds;
  ++histogram->second.count;
}

std::string HttpMetrics::EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string HttpMetrics::Render(const PoolGauge& pool) const {
  fmt::memory_buffer out;
  auto it = std::back_inserter(out);
  {
    std::lock_guard lock(mu_);
    fmt::format_to(it,
                   "# HELP xiezuo_http_requests_total HTTP requests handled, by route, method "
                   "and status.\n# TYPE xiezuo_http_requests_total counter\n");
    for (const auto& [key, count] : requests_) {
      fmt::format_to(it,
                     "xiezuo_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                     EscapeLabelValue(key.route), EscapeLabelValue(key.method), key.status, count);
    }
    fmt::format_to(it,
                   "# HELP xiezuo_http_request_duration_seconds Time to handle an HTTP request, "
                   "by route.\n# TYPE xiezuo_http_request_duration_seconds histogram\n");
    for (const auto& [route, histogram] : durations_) {
      const std::string label = EscapeLabelValue(route);
      uint64_t cumulative = 0;
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += histogram.buckets[i];
        fmt::format_to(it,
                       "xiezuo_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                       label, kBucketLabels[i], cumulative);
      }
      fmt::format_to(it,
                     "xiezuo_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n"
                     "xiezuo_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n"
                     "xiezuo_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                     label, histogram.count, label, histogram.sum, label, histogram.count);
    }
  }
  fmt::format_to(it,
                 "# HELP xiezuo_http_requests_in_flight HTTP requests being handled now.\n"
                 "# TYPE xiezuo_http_requests_in_flight gauge\n"
                 "xiezuo_http_requests_in_flight {}\n",
                 in_flight_.load(std::memory_order_relaxed));
  // The pool callbacks run outside mu_: they may take the pool's own lock.
  if (pool.size) {
    fmt::format_to(it,
                   "# HELP xiezuo_db_pool_connections Open database connections in the pool.\n"
                   "# TYPE xiezuo_db_pool_connections gauge\n"
                   "xiezuo_db_pool_connections {}\n",
                   pool.size());
  }
  if (pool.in_use) {
    fmt::format_to(it,
                   "# HELP xiezuo_db_pool_in_use Database connections checked out of the pool.\n"
                   "# TYPE xiezuo_db_pool_in_use gauge\n"
                   "xiezuo_db_pool_in_use {}\n",
                   pool.in_use());
  }
  return fmt::to_string(out);
}

}  // namespace xiezuo::api
