// SQLite backend: connections with cached prepared statements, and a pool of one writer and
// several readers over one WAL database file.
#include "store/sqlite/sqlite_pool.h"

#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <unordered_map>

namespace xiezuo::store {
namespace {

Status MapError(sqlite3* db, int rc, std::string_view sql) {
  int ext = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (ext) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return AlreadyExists("duplicate value: " + msg);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      return InvalidArgument("constraint failed: " + msg);
    default:
      break;
  }
  if ((ext & 0xff) == SQLITE_BUSY || (ext & 0xff) == SQLITE_LOCKED) {
    return Unavailable("database is busy: " + msg);
  }
  return Internal("sqlite: " + msg + " in: " + std::string(sql.substr(0, 200)));
}

class SqliteConnection : public Connection {
 public:
  SqliteConnection(sqlite3* db, bool writer) : db_(db), writer_(writer) {}
  using Connection::Execute;
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Result<QueryResult> Execute(std::string_view sql, std::span<const Value> params) override {
    QueryResult result;
    RETURN_IF_ERROR(
        Step(sql, params, &result.columns, [&](const Row& row) { result.rows.push_back(row); }));
    result.affected_rows = sqlite3_changes(db_);
    return result;
  }

  Status ForEachRow(std::string_view sql, std::span<const Value> params,
                    const std::function<void(const Row&)>& fn) override {
    return Step(sql, params, nullptr, fn);
  }

  Status ExecuteScript(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      return Internal("sqlite script failed: " + msg);
    }
    return Status::Ok();
  }

  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<std::vector<Value>>& rows) override {
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string marks;
    for (size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? "," : "") + columns[i];
      marks += i ? ",?" : "?";
    }
    sql += ") VALUES (" + marks + ")";
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
    if (rc != SQLITE_OK) return MapError(db_, rc, sql);
    Status status;
    for (const auto& row : rows) {
      status = Bind(stmt, row, sql);
      if (!status.ok()) break;
      rc = sqlite3_step(stmt);
      if (rc != SQLITE_DONE) {
        status = MapError(db_, rc, sql);
        break;
      }
      sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    return status;
  }

  Status Begin() override { return Execute(writer_ ? "BEGIN IMMEDIATE" : "BEGIN").status(); }
  Status Commit() override { return Execute("COMMIT").status(); }
  Status Rollback() override { return Execute("ROLLBACK").status(); }
  Dialect dialect() const override { return Dialect::kSqlite; }

  sqlite3* handle() { return db_; }

 private:
  // Prepares (or reuses), binds and steps `sql`, calling `fn` with each row: one Row refilled
  // for each step, so its text cells keep their buffers. Sets `columns` when given.
  Status Step(std::string_view sql, std::span<const Value> params,
              std::vector<std::string>* columns, const std::function<void(const Row&)>& fn) {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    RETURN_IF_ERROR(Bind(stmt, params, sql));
    const int ncol = sqlite3_column_count(stmt);
    if (columns != nullptr) {
      for (int i = 0; i < ncol; ++i) columns->emplace_back(sqlite3_column_name(stmt, i));
    }
    Row row;
    row.cells.resize(static_cast<size_t>(ncol));
    while (true) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        Status s = MapError(db_, rc, sql);
        sqlite3_reset(stmt);
        return s;
      }
      for (int i = 0; i < ncol; ++i) ReadColumn(stmt, i, row.cells[static_cast<size_t>(i)]);
      fn(row);
    }
    sqlite3_reset(stmt);
    return Status::Ok();
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, key.c_str(), static_cast<int>(key.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) return MapError(db_, rc, sql);
    // Transaction statements are cheap to prepare; everything else is worth keeping.
    cache_.emplace(std::move(key), stmt);
    return stmt;
  }

  Status Bind(sqlite3_stmt* stmt, std::span<const Value> params, std::string_view sql) {
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
      return Internal("parameter count mismatch in: " + std::string(sql.substr(0, 200)));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
              return sqlite3_bind_null(stmt, idx);
            } else if constexpr (std::is_same_v<T, int64_t>) {
              return sqlite3_bind_int64(stmt, idx, v);
            } else if constexpr (std::is_same_v<T, double>) {
              return sqlite3_bind_double(stmt, idx, v);
            } else {
              // Not copied: `params` outlives the step, and every execution binds every
              // parameter again first (the count is checked above), so SQLite never reads a
              // stale pointer.
              return sqlite3_bind_text(stmt, idx, v.data(), static_cast<int>(v.size()),
                                       SQLITE_STATIC);
            }
          },
          params[i]);
      if (rc != SQLITE_OK) return MapError(db_, rc, sql);
    }
    return Status::Ok();
  }

  // Reads column `i` into `out`; a text read into a text cell reuses its buffer.
  static void ReadColumn(sqlite3_stmt* stmt, int i, Value& out) {
    switch (sqlite3_column_type(stmt, i)) {
      case SQLITE_INTEGER:
        out = static_cast<int64_t>(sqlite3_column_int64(stmt, i));
        return;
      case SQLITE_FLOAT:
        out = sqlite3_column_double(stmt, i);
        return;
      case SQLITE_NULL:
        out = nullptr;
        return;
      default: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt, i));
        if (auto* s = std::get_if<std::string>(&out)) {
          s->assign(text, size);
        } else {
          out.emplace<std::string>(text, size);
        }
        return;
      }
    }
  }

  sqlite3* db_;
  bool writer_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

Result<std::unique_ptr<SqliteConnection>> OpenConnection(const std::string& path, bool writer,
                                                         bool memory) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX |
              (writer ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Unavailable("cannot open SQLite database " + path + ": " + msg);
  }
  auto conn = std::make_unique<SqliteConnection>(db, writer);
  sqlite3_busy_timeout(db, 10000);
  std::string pragmas = "PRAGMA foreign_keys = ON;";
  if (writer && !memory) pragmas += "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
  Status s = conn->ExecuteScript(pragmas);
  if (!s.ok()) {
    return Unavailable("cannot use SQLite database " + path + ": " + s.message());
  }
  // A file that exists but is not a database fails on the first read, not at open.
  if (writer) {
    auto probe = conn->Execute("SELECT count(*) FROM sqlite_master");
    if (!probe.ok()) {
      return Unavailable("cannot read SQLite database " + path + ": " + probe.status().message());
    }
  }
  return conn;
}

class SqlitePool : public Pool {
 public:
  SqlitePool(std::string path, std::unique_ptr<SqliteConnection> writer,
             std::vector<std::unique_ptr<SqliteConnection>> readers)
      : path_(std::move(path)), writer_(std::move(writer)), readers_(std::move(readers)) {
    for (auto& r : readers_) free_readers_.push_back(r.get());
  }

  Result<Lease> Acquire(Access access) override {
    std::unique_lock lock(mu_);
    if (access == Access::kWrite || readers_.empty()) {
      if (writer_busy_) {
        ++waits_;
        cv_.wait(lock, [&] { return !writer_busy_; });
      }
      writer_busy_ = true;
      return Lease(this, writer_.get(), Access::kWrite);
    }
    if (free_readers_.empty()) {
      ++waits_;
      cv_.wait(lock, [&] { return !free_readers_.empty(); });
    }
    Connection* conn = free_readers_.back();
    free_readers_.pop_back();
    return Lease(this, conn, Access::kRead);
  }

  PoolStats Stats() const override {
    std::lock_guard lock(mu_);
    PoolStats s;
    s.size = 1 + static_cast<int>(readers_.size());
    s.in_use = (writer_busy_ ? 1 : 0) + static_cast<int>(readers_.size() - free_readers_.size());
    s.waits = waits_;
    return s;
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string Describe() const override { return "sqlite:" + path_; }

 protected:
  void Release(Connection* conn, Access access) override {
    {
      std::lock_guard lock(mu_);
      if (access == Access::kWrite) {
        writer_busy_ = false;
      } else {
        free_readers_.push_back(conn);
      }
    }
    cv_.notify_all();
  }

 private:
  std::string path_;
  std::unique_ptr<SqliteConnection> writer_;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Connection*> free_readers_;
  bool writer_busy_ = false;
  int64_t waits_ = 0;
};

}  // namespace

Result<std::unique_ptr<Pool>> OpenSqlitePool(const std::string& path, int readers) {
  bool memory = path == ":memory:" || path.empty();
  if (!memory) {
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return Unavailable("cannot create folder " + parent.string() + ": " + ec.message());
  }
  ASSIGN_OR_RETURN(auto writer, OpenConnection(memory ? ":memory:" : path, true, memory));
  std::vector<std::unique_ptr<SqliteConnection>> reader_conns;
  if (!memory) {
    for (int i = 0; i < readers; ++i) {
      ASSIGN_OR_RETURN(auto r, OpenConnection(path, false, false));
      reader_conns.push_back(std::move(r));
    }
  }
  return std::unique_ptr<Pool>(
      new SqlitePool(memory ? ":memory:" : path, std::move(writer), std::move(reader_conns)));
}

Status BackupSqlite(const std::string& from_path, const std::string& to_path) {
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  if (sqlite3_open_v2(from_path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(src);
    sqlite3_close_v2(src);
    return Unavailable("cannot open " + from_path + ": " + msg);
  }
  if (sqlite3_open_v2(to_path.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string msg = sqlite3_errmsg(dst);
    sqlite3_close_v2(src);
    sqlite3_close_v2(dst);
    return Unavailable("cannot create " + to_path + ": " + msg);
  }
  Status status;
  sqlite3_backup* backup = sqlite3_backup_init(dst, "main", src, "main");
  if (backup == nullptr) {
    status = Internal(std::string("backup failed: ") + sqlite3_errmsg(dst));
  } else {
    int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) status = Internal(std::string("backup failed: ") + sqlite3_errstr(rc));
  }
  sqlite3_close_v2(src);
  sqlite3_close_v2(dst);
  return status;
}

}  // namespace xiezuo::store
