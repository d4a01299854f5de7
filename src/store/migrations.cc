// The migration runner, written once over the SQL seam.
#include "store/migrations.h"

#include <set>

#include "core/clock.h"

namespace xiezuo::store {

Result<int> Migrate(Pool& pool) {
  const auto& migrations =
      pool.dialect() == Dialect::kSqlite ? kSqliteMigrations : kPostgresMigrations;
  ASSIGN_OR_RETURN(Lease conn, pool.Acquire(Access::kWrite));
  RETURN_IF_ERROR(conn->ExecuteScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
  ASSIGN_OR_RETURN(QueryResult applied, conn->Execute("SELECT version FROM schema_migrations"));
  std::set<int64_t> done;
  for (const Row& row : applied.rows) done.insert(row.Int(0));
  int known = migrations.empty() ? 0 : migrations.back().version;
  if (!done.empty() && *done.rbegin() > known) {
    return FailedPrecondition("the database has schema version " + std::to_string(*done.rbegin()) +
                              " but this build knows only up to " + std::to_string(known) +
                              ": it was written by a newer xiezuo");
  }
  int version = done.empty() ? 0 : static_cast<int>(*done.rbegin());
  for (const Migration& m : migrations) {
    if (done.contains(m.version)) continue;
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    Status s = conn->ExecuteScript(m.sql);
    if (!s.ok()) return Status(s.code(), std::string("migration ") + m.name + ": " + s.message());
    RETURN_IF_ERROR(
        conn->Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                      {Value(int64_t{m.version}), Value(std::string(m.name)),
                       Value(Clock::Real().NowSeconds())})
            .status());
    RETURN_IF_ERROR(tx.Commit());
    version = m.version;
  }
  return version;
}

}  // namespace xiezuo::store
