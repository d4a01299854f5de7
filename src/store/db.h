// The SQL seam under the Store: a connection that runs parameterised SQL, and a pool that
// lends connections. SQLite and PostgreSQL each implement both; everything above them
// (migrations, SqlStore) is written once against this header.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace xiezuo::store {

// A bound parameter or a result cell. Booleans are stored as 0/1 integers and times as
// seconds since the epoch, so both backends agree on every type.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;

// One result row. Accessors REQUIRE the column to hold that type (or NULL where allowed).
struct Row {
  std::vector<Value> cells;

  bool IsNull(size_t i) const { return std::holds_alternative<std::nullptr_t>(cells.at(i)); }
  // Integer cell; NULL reads as `fallback`.
  int64_t Int(size_t i, int64_t fallback = 0) const;
  double Real(size_t i) const;
  // Text cell; NULL reads as "".
  const std::string& Text(size_t i) const;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  int64_t affected_rows = 0;  // for INSERT/UPDATE/DELETE
};

enum class Dialect { kSqlite, kPostgres };

// One database session. Not thread-safe: a connection is used by one thread at a time,
// which the pool guarantees.
class Connection {
 public:
  virtual ~Connection() = default;

  // Runs one statement. Placeholders are `?`, numbered left to right (the PostgreSQL backend
  // rewrites them to $1, $2, …; a `?` inside a quoted literal is left alone).
  // Errors: kAlreadyExists for a unique or primary-key violation, kInvalidArgument for a
  // foreign-key or check violation, kUnavailable when the server is gone, kInternal otherwise.
  // The message of a kInternal error may hold SQL text: log it, never send it to a client.
  virtual Result<QueryResult> Execute(std::string_view sql, std::span<const Value> params) = 0;
  Result<QueryResult> Execute(std::string_view sql) { return Execute(sql, {}); }
  Result<QueryResult> Execute(std::string_view sql, std::initializer_list<Value> params) {
    return Execute(sql, std::span<const Value>(params.begin(), params.size()));
  }

  // Runs one query and calls `fn` with each result row as it comes, without holding them all
  // (SQLite steps the statement; the default runs Execute and walks its rows). The row is
  // valid only during the call, and `fn` must not use this connection. Errors: as Execute.
  virtual Status ForEachRow(std::string_view sql, std::span<const Value> params,
                            const std::function<void(const Row&)>& fn);

  // Runs several `;`-separated statements without parameters (migrations).
  virtual Status ExecuteScript(std::string_view sql) = 0;

  // Appends many rows to one table as fast as the backend allows (SQLite: one prepared
  // statement reused; PostgreSQL: COPY FROM STDIN). Runs inside the caller's transaction if
  // one is open. REQUIRES: every row has columns.size() cells.
  virtual Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                            const std::vector<std::vector<Value>>& rows) = 0;

  // BEGIN / COMMIT / ROLLBACK. SQLite's Begin takes the write lock at once (IMMEDIATE).
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  virtual Dialect dialect() const = 0;
};

enum class Access { kRead, kWrite };

struct PoolStats {
  int size = 0;       // connections open
  int in_use = 0;     // lent out now
  int64_t waits = 0;  // acquisitions that had to wait
};

class Pool;

// A connection borrowed from a pool; returned when the lease is destroyed.
class Lease {
 public:
  Lease(Pool* pool, Connection* conn, Access access) : pool_(pool), conn_(conn), access_(access) {}
  Lease(Lease&& other) noexcept;
  Lease& operator=(Lease&&) = delete;
  Lease(const Lease&) = delete;
  ~Lease();
  Connection& operator*() const { return *conn_; }
  Connection* operator->() const { return conn_; }

 private:
  Pool* pool_;
  Connection* conn_;
  Access access_;
};

// Lends connections. Thread-safe. SQLite: one writer and a set of readers; PostgreSQL: one
// set used for both.
class Pool {
 public:
  virtual ~Pool() = default;
  // Blocks until a connection is free. Errors: kUnavailable if none can be opened.
  virtual Result<Lease> Acquire(Access access) = 0;
  virtual PoolStats Stats() const = 0;
  virtual Dialect dialect() const = 0;
  // A description without secrets, e.g. "sqlite:var/xiezuo.db".
  virtual std::string Describe() const = 0;

 protected:
  friend class Lease;
  virtual void Release(Connection* conn, Access access) = 0;
};

// Rolls back in its destructor unless Commit() succeeded.
class Transaction {
 public:
  // REQUIRES: `conn` outlives the transaction. Check status() before using it.
  explicit Transaction(Connection& conn) : conn_(conn), status_(conn.Begin()) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  const Status& status() const { return status_; }
  Status Commit();

 private:
  Connection& conn_;
  Status status_;
  bool done_ = false;
};

// Opens a pool from a URL: "sqlite:PATH", "sqlite::memory:", "postgresql://…" or
// "postgres://…". `pool_size` is the number of readers (SQLite) or connections (PostgreSQL).
// Errors: kInvalidArgument for an unknown scheme, kUnavailable when it cannot be opened.
Result<std::unique_ptr<Pool>> OpenPool(const std::string& url, int pool_size = 4);

}  // namespace xiezuo::store
