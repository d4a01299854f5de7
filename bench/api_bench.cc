// Requests per second of the API application in-process (no sockets, no HTTP parsing):
// App::Handle over a SQLite file holding Jiangsu and Shaanxi (provinces 32 and 61), as the
// administrator, logged in once. The HTTP figures come from wrk in bench/run.sh.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "api/app.h"
#include "api/auth/password.h"
#include "bench_session.h"
#include "bench_util.h"
#include "io/region_csv.h"
#include "store/store.h"

namespace xiezuo {
namespace {

using bench::RegionsDir;

// The store, the app and a session cookie, set up once for every benchmark and thread.
// Thread-safe after construction (App and Store are).
class Fixture {
 public:
  static Fixture& Get() {
    static Fixture fixture;
    return fixture;
  }

  // "" when set-up worked, else what failed.
  const std::string& error() const { return error_; }
  api::App& app() { return *app_; }
  const std::string& cookie() const { return cookie_; }

  ~Fixture() {
    app_.reset();
    store_.reset();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

 private:
  Fixture() { error_ = SetUp(); }

  std::string SetUp() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "xiezuo-bench-api-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return "cannot create a temporary folder";
    dir_ = pattern;
    auto store = store::OpenStore("sqlite:" + dir_ + "/api.db", 4);
    if (!store.ok()) return "cannot open the store: " + store.status().message();
    store_ = std::move(store).value();
    auto regions = io::ReadRegionCsvDir(RegionsDir(), {"32", "61"});
    if (!regions.ok()) return "cannot read regions: " + regions.status().message();
    Status st = store_->UpsertRegions(*regions, nullptr);
    if (!st.ok()) return "cannot load regions: " + st.message();

    api::AppOptions options;
    options.auth.password_cost = api::PasswordCost::kMinimum;
    app_ = std::make_unique<api::App>(*store_, Clock::Real(), options);
    auto session = bench::AdminLogin(*store_, *app_, "bench_admin");
    if (!session.ok()) return session.status().message();
    cookie_ = session->cookie;
    return "";
  }

  std::string dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<api::App> app_;
  std::string cookie_;
  std::string error_;
};

api::HttpRequest Get(const std::string& target, const std::string& path,
                     std::multimap<std::string, std::string> query) {
  api::HttpRequest req;
  req.method = "GET";
  req.target = target;
  req.path = path;
  req.query = std::move(query);
  req.headers["cookie"] = Fixture::Get().cookie();
  req.remote_addr = "127.0.0.1";
  return req;
}

// Handles `req` in a loop; fails the benchmark on any status but 200.
void HandleLoop(benchmark::State& state, const api::HttpRequest& req) {
  Fixture& f = Fixture::Get();
  if (!f.error().empty()) {
    state.SkipWithError(f.error().c_str());
    return;
  }
  int64_t bytes = 0;
  for (auto _ : state) {
    api::HttpResponse resp = f.app().Handle(req);
    if (resp.status != 200) {
      state.SkipWithError(("status " + std::to_string(resp.status) + ": " + resp.body).c_str());
      return;
    }
    bytes += static_cast<int64_t>(resp.body.size());
    benchmark::DoNotOptimize(resp.body.data());
  }
  state.SetItemsProcessed(state.iterations());  // items_per_second = requests/s
  state.SetBytesProcessed(bytes);
}

// The 12 towns of 丹凤县 (GetRegion, count and list of children, JSON).
void RegionChildren(benchmark::State& state) {
  static const api::HttpRequest kRequest =
      Get("/api/v1/regions/611022/children", "/api/v1/regions/611022/children", {});
  HandleLoop(state, kRequest);
}
BENCHMARK(RegionChildren)->Unit(benchmark::kMicrosecond)->UseRealTime()->Threads(1)->Threads(2);

// Name search over both provinces (LIKE '%丹凤%', then the paths of the first page).
void RegionSearch(benchmark::State& state) {
  static const api::HttpRequest kRequest =
      Get("/api/v1/regions?q=%E4%B8%B9%E5%87%A4", "/api/v1/regions", {{"q", "丹凤"}});
  HandleLoop(state, kRequest);
}
BENCHMARK(RegionSearch)->Unit(benchmark::kMicrosecond)->UseRealTime()->Threads(1)->Threads(2);

}  // namespace
}  // namespace xiezuo

BENCHMARK_MAIN();
