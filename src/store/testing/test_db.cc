// Fresh databases for tests on every backend.
#include "store/testing/test_db.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

namespace xiezuo::store::testing {

std::vector<std::string> BackendNames() { return {"sqlite_memory", "sqlite_file", "postgres"}; }

std::string FreshDatabaseUrl(const std::string& backend, std::string* error) {
  static std::atomic<int> counter{0};
  std::string unique = std::to_string(getpid()) + "_" + std::to_string(counter++);
  if (backend == "sqlite_memory") return "sqlite::memory:";
  if (backend == "sqlite_file") {
    auto dir = std::filesystem::temp_directory_path() / ("xiezuo_test_" + unique);
    std::filesystem::remove_all(dir);
    return "sqlite:" + (dir / "test.db").string();
  }
  const char* admin_url = std::getenv("XIEZUO_TEST_PG");
  if (admin_url == nullptr || *admin_url == '\0') {
    *error =
        "XIEZUO_TEST_PG is not set: run the tests through `make test`, which starts a "
        "PostgreSQL server";
    return "";
  }
  // One database a test: CREATE DATABASE on the admin connection, then swap the path.
  PGconn* conn = PQconnectdb(admin_url);
  if (PQstatus(conn) != CONNECTION_OK) {
    *error = std::string("cannot reach XIEZUO_TEST_PG: ") + PQerrorMessage(conn);
    PQfinish(conn);
    return "";
  }
  std::string name = "xz_" + unique;
  PGresult* res = PQexec(conn, ("DROP DATABASE IF EXISTS " + name).c_str());
  PQclear(res);
  res = PQexec(conn, ("CREATE DATABASE " + name).c_str());
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  if (!ok) *error = std::string("CREATE DATABASE failed: ") + PQerrorMessage(conn);
  PQclear(res);
  PQfinish(conn);
  if (!ok) return "";
  std::string url = admin_url;
  auto slash = url.rfind('/');
  auto query = url.find('?', slash);
  return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

std::vector<model::Region> SampleRegions() {
  using model::RegionLevel;
  return {
      {"61", "陕西省", RegionLevel::kProvince, "", 0},
      {"6110", "商洛市", RegionLevel::kCity, "61", 0},
      {"611022", "丹凤县", RegionLevel::kCounty, "6110", 0},
      {"611022100", "龙驹寨街道", RegionLevel::kTown, "611022", 0},
      {"611022101", "庾家河镇", RegionLevel::kTown, "611022", 0},
      {"611022100001", "北街社区居委会", RegionLevel::kVillage, "611022100", 0},
      {"32", "江苏省", RegionLevel::kProvince, "", 0},
      {"3201", "南京市", RegionLevel::kCity, "32", 0},
      {"320114", "雨花台区", RegionLevel::kCounty, "3201", 0},
      {"320114002", "雨花街道", RegionLevel::kTown, "320114", 0},
  };
}

}  // namespace xiezuo::store::testing
