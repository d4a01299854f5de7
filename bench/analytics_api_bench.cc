// GET /api/v1/analytics/table at national scale, in process: api::App::Handle (session check,
// permission and scope, the engine's query, JSON) over a store filled by
// bench_gen_analytics_store (665,276 regions, records deriving 10 million facts), as an
// administrator logged in once; and Analytics::Query alone for the same table, to tell the
// engine's share from the rest. The App's start (AnalyticsService::Start) is reported as a
// counter. The HTTP figure of the same request comes from wrk in bench/run.sh. Then the
// reports at the same scale: a county's (611022) and a province's (61) annual summary, as
// JSON and as .docx, and the province's statistical tables as .xlsx, each a whole request.
//
//   XIEZUO_BENCH_DB=sqlite:PATH bench_analytics_api   # the store is written to (a user, a
//                                                     # session): give it a copy
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "analytics_store_data.h"
#include "api/app.h"
#include "api/auth/password.h"
#include "api/http/http.h"
#include "bench_session.h"
#include "latencies.h"
#include "store/store.h"

namespace xiezuo {
namespace {

using bench::ReportLatencies;
using SteadyClock = std::chrono::steady_clock;

// The store, the app (with its analytics started) and a session, set up once.
class Fixture {
 public:
  static Fixture& Get() {
    static Fixture fixture;
    return fixture;
  }

  const std::string& error() const { return error_; }  // "" when set-up worked
  api::App& app() { return *app_; }
  const api::HttpRequest& table_request() const { return table_request_; }
  // A request of the logged-in administrator (POST carries the CSRF token check's header).
  api::HttpRequest Request(const std::string& method, const std::string& path,
                           const std::string& query) const {
    api::HttpRequest r;
    r.method = method;
    r.path = path;
    r.target = path + "?" + query;
    api::internal::DecodeQuery(query, &r.query);
    r.headers["cookie"] = cookie_;
    r.headers["x-csrf-token"] = csrf_;
    r.remote_addr = "127.0.0.1";
    if (method == "POST") r.body = "{}";
    return r;
  }
  double start_seconds() const { return start_seconds_; }

 private:
  Fixture() { error_ = SetUp(); }

  std::string SetUp() {
    const char* url = std::getenv("XIEZUO_BENCH_DB");
    if (url == nullptr || *url == '\0') {
      return "set XIEZUO_BENCH_DB to (a copy of) a store filled by bench_gen_analytics_store";
    }
    auto store = store::OpenStore(url, 4);
    if (!store.ok()) return "cannot open the store: " + store.status().message();
    store_ = std::move(store).value();

    api::AppOptions options;
    options.auth.password_cost = api::PasswordCost::kMinimum;
    const auto start = SteadyClock::now();
    app_ = std::make_unique<api::App>(*store_, Clock::Real(), options);
    start_seconds_ = std::chrono::duration<double>(SteadyClock::now() - start).count();
    if (app_->analytics() == nullptr) return "the analytics did not start (see the log)";
    const auto& stats = app_->analytics()->load_stats();
    if (stats.facts == 0) return "the store holds no facts: fill it with bench_gen_analytics_store";

    auto session = bench::AdminLogin(*store_, *app_, "bench_analytics");
    if (!session.ok()) return session.status().message();

    const std::string target = bench::kAnalyticsTableTarget;
    const size_t mark = target.find('?');
    table_request_.method = "GET";
    table_request_.target = target;
    table_request_.path = target.substr(0, mark);
    if (!api::internal::DecodeQuery(target.substr(mark + 1), &table_request_.query)) {
      return "cannot decode " + target;
    }
    cookie_ = session->cookie;
    csrf_ = session->csrf_token;
    table_request_.headers["cookie"] = session->cookie;
    table_request_.remote_addr = "127.0.0.1";
    return "";
  }

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<api::App> app_;
  api::HttpRequest table_request_;
  std::string cookie_;
  std::string csrf_;
  double start_seconds_ = 0;
  std::string error_;
};

Fixture* Ready(benchmark::State& state) {
  Fixture& f = Fixture::Get();
  if (!f.error().empty()) {
    state.SkipWithError(f.error().c_str());
    return nullptr;
  }
  return &f;
}

// Times `request` through App::Handle until the benchmark has enough; the body's size as a
// counter.
void TimeRequest(benchmark::State& state, Fixture& f, const api::HttpRequest& request) {
  std::vector<double> seconds;
  size_t bytes = 0;
  for (auto _ : state) {
    const auto start = SteadyClock::now();
    api::HttpResponse resp = f.app().Handle(request);
    const double s = std::chrono::duration<double>(SteadyClock::now() - start).count();
    if (resp.status != 200) {
      state.SkipWithError(("status " + std::to_string(resp.status) + ": " + resp.body).c_str());
      return;
    }
    bytes = resp.body.size();
    benchmark::DoNotOptimize(resp.body.data());
    state.SetIterationTime(s);
    seconds.push_back(s);
  }
  state.counters["body_bytes"] = static_cast<double>(bytes);
  ReportLatencies(state, std::move(seconds));
}

// The whole request in process: session, permission and scope, Query, JSON.
void AnalyticsTable(benchmark::State& state) {
  Fixture* f = Ready(state);
  if (f == nullptr) return;
  TimeRequest(state, *f, f->table_request());
  const auto& stats = f->app().analytics()->load_stats();
  state.counters["start_s"] = f->start_seconds();
  state.counters["records"] = static_cast<double>(stats.records);
  state.counters["facts"] = static_cast<double>(stats.facts);
}
BENCHMARK(AnalyticsTable)->Unit(benchmark::kMillisecond)->UseManualTime()->MinTime(2.0);

// The reports: GET /api/v1/reports/annual (gathering and composing, JSON), POST …/docx (the
// same and the .docx), GET /api/v1/reports/tables/xlsx; a county and a province.
void Report(benchmark::State& state, const char* method, const char* path, const char* region) {
  Fixture* f = Ready(state);
  if (f == nullptr) return;
  TimeRequest(state, *f,
              f->Request(method, path, std::string("region_code=") + region + "&year=2023"));
}
BENCHMARK_CAPTURE(Report, CountySummary, "GET", "/api/v1/reports/annual", "611022")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->MinTime(2.0);
BENCHMARK_CAPTURE(Report, CountyDocx, "POST", "/api/v1/reports/annual/docx", "611022")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->MinTime(2.0);
BENCHMARK_CAPTURE(Report, ProvinceSummary, "GET", "/api/v1/reports/annual", "61")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->MinTime(2.0);
BENCHMARK_CAPTURE(Report, ProvinceDocx, "POST", "/api/v1/reports/annual/docx", "61")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->MinTime(2.0);
BENCHMARK_CAPTURE(Report, ProvinceTablesXlsx, "GET", "/api/v1/reports/tables/xlsx", "61")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->MinTime(2.0);

// Analytics::Query alone for the same table (no session, no JSON).
void AnalyticsTableQueryOnly(benchmark::State& state) {
  Fixture* f = Ready(state);
  if (f == nullptr) return;
  const api::HttpRequest& req = f->table_request();
  analytics::TableRequest request;
  std::string codes = req.Query("indicators");
  for (size_t from = 0; from <= codes.size();) {
    size_t comma = std::min(codes.find(',', from), codes.size());
    request.indicators.push_back(codes.substr(from, comma - from));
    from = comma + 1;
  }
  request.region = req.Query("region_code");
  request.months = analytics::YearRange(std::stoi(req.Query("period")));
  request.side = analytics::Side::kWest;
  const analytics::Analytics& analytics = f->app().analytics()->analytics();
  std::vector<double> seconds;
  for (auto _ : state) {
    const auto start = SteadyClock::now();
    auto table = analytics.Query(request);
    const double s = std::chrono::duration<double>(SteadyClock::now() - start).count();
    if (!table.ok()) {
      state.SkipWithError(table.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(table->rows.data());
    state.SetIterationTime(s);
    seconds.push_back(s);
  }
  ReportLatencies(state, std::move(seconds));
}
BENCHMARK(AnalyticsTableQueryOnly)->Unit(benchmark::kMillisecond)->UseManualTime()->MinTime(2.0);

}  // namespace
}  // namespace xiezuo

BENCHMARK_MAIN();
