// Shared pieces of the SQL seam: row accessors, leases, transactions and OpenPool.
#include "store/db.h"

#include "store/postgres/pg_pool.h"
#include "store/sqlite/sqlite_pool.h"

namespace xiezuo::store {

int64_t Row::Int(size_t i, int64_t fallback) const {
  const Value& v = cells.at(i);
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
  return fallback;
}

double Row::Real(size_t i) const {
  const Value& v = cells.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  return 0.0;
}

const std::string& Row::Text(size_t i) const {
  static const std::string kEmpty;
  const Value& v = cells.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return kEmpty;
}

Status Connection::ForEachRow(std::string_view sql, std::span<const Value> params,
                              const std::function<void(const Row&)>& fn) {
  ASSIGN_OR_RETURN(QueryResult result, Execute(sql, params));
  for (const Row& row : result.rows) fn(row);
  return Status::Ok();
}

Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), conn_(other.conn_), access_(other.access_) {
  other.pool_ = nullptr;
  other.conn_ = nullptr;
}

Lease::~Lease() {
  if (pool_ != nullptr && conn_ != nullptr) pool_->Release(conn_, access_);
}

Transaction::~Transaction() {
  if (status_.ok() && !done_) conn_.Rollback().IgnoreError();
}

Status Transaction::Commit() {
  RETURN_IF_ERROR(status_);
  done_ = true;
  return conn_.Commit();
}

Result<std::unique_ptr<Pool>> OpenPool(const std::string& url, int pool_size) {
  if (url.starts_with("sqlite:")) return OpenSqlitePool(url.substr(7), pool_size);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return OpenPostgresPool(url, pool_size);
  }
  return InvalidArgument("unknown database URL scheme; use sqlite:PATH or postgresql://…",
                         {{"db", "unknown scheme"}});
}

}  // namespace xiezuo::store
