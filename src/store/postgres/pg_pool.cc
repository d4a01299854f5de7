// PostgreSQL backend of the SQL seam: a Connection over one libpq PGconn and a fixed-size
// pool of them. libpq never throws; every failure becomes a Status here.
#include "store/postgres/pg_pool.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xiezuo::store {
namespace {

// COPY data is sent to the server in pieces of about this size.
constexpr size_t kCopyChunkBytes = size_t{1} << 20;

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// Seconds libpq waits for a connection when the URL does not say otherwise.
constexpr const char* kDefaultConnectTimeout = "10";

struct PgResultDeleter {
  void operator()(PGresult* res) const { PQclear(res); }
};
using PgResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9') || c == '$'; }

// Drops the trailing newline libpq puts on its messages.
std::string Trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// The passwords a connection string carries, raw and percent-decoded, so they can be
// scrubbed from libpq's messages.
std::vector<std::string> PasswordsIn(std::string_view url) {
  std::vector<std::string> out;
  auto add = [&out](std::string_view p) {
    if (p.empty()) return;
    out.emplace_back(p);
    std::string decoded = PercentDecode(p);
    if (decoded != p) out.push_back(std::move(decoded));
  };
  if (size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    std::string_view rest = url.substr(scheme + 3);
    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
      std::string_view userinfo = authority.substr(0, at);
      if (size_t colon = userinfo.find(':'); colon != std::string_view::npos) {
        add(userinfo.substr(colon + 1));
      }
    }
  }
  for (size_t pos = url.find("password="); pos != std::string_view::npos;
       pos = url.find("password=", pos + 1)) {
    std::string_view value = url.substr(pos + 9);
    add(value.substr(0, value.find_first_of("& ")));
  }
  return out;
}

// Returns `url` with the password in the user-info part and any `password=` parameter
// replaced by "***".
std::string RedactUrl(std::string_view url) {
  std::string out(url);
  if (size_t scheme = out.find("://"); scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t end = out.find_first_of("/?#", start);
    if (end == std::string::npos) end = out.size();
    size_t at = out.rfind('@', end - 1);
    if (at != std::string::npos && at >= start) {
      size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  for (size_t pos = out.find("password="); pos != std::string::npos;
       pos = out.find("password=", pos + 1)) {
    size_t value = pos + 9;
    size_t end = out.find_first_of("& ", value);
    if (end == std::string::npos) end = out.size();
    out.replace(value, end - value, "***");
  }
  return out;
}

// Appends `v` in COPY text format: backslash, tab, newline and carriage return escaped,
// NULL as \N.
void AppendCopyValue(const Value& v, std::string& out) {
  if (std::holds_alternative<std::nullptr_t>(v)) {
    out += "\\N";
  } else if (const auto* n = std::get_if<int64_t>(&v)) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), *n);
    out.append(buf, end);
  } else if (const auto* d = std::get_if<double>(&v)) {
    char buf[32];
    int len = std::snprintf(buf, sizeof(buf), "%.17g", *d);
    out.append(buf, static_cast<size_t>(len));
  } else {
    for (char c : std::get<std::string>(v)) {
      switch (c) {
        case '\\':
          out += "\\\\";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        default:
          out.push_back(c);
      }
    }
  }
}

// A table or column name for COPY: plain or schema-qualified SQL identifiers only, so no
// caller can smuggle SQL through them.
bool IsPlainName(std::string_view name) {
  if (name.empty()) return false;
  bool start = true;
  for (char c : name) {
    if (c == '.') {
      if (start) return false;
      start = true;
    } else if (start ? IsIdentStart(c) : IsIdentChar(c)) {
      start = false;
    } else {
      return false;
    }
  }
  return !start;
}

// Converts one text-format result cell by the column's type.
Value CellValue(Oid type, const char* text, int len) {
  const char* end = text + len;
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      int64_t n = 0;
      auto [ptr, ec] = std::from_chars(text, end, n);
      if (ec == std::errc() && ptr == end) return n;
      break;
    }
    case kBoolOid:
      return int64_t{len > 0 && (text[0] == 't' || text[0] == 'T') ? 1 : 0};
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      double d = 0;
      auto [ptr, ec] = std::from_chars(text, end, d);
      if (ptr == end && (ec == std::errc() || ec == std::errc::result_out_of_range)) return d;
      break;
    }
    default:
      break;
  }
  return std::string(text, static_cast<size_t>(len));
}

// One libpq session. Not thread-safe; the pool lends it to one thread at a time.
class PgConnection final : public Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  using Connection::Execute;  // the convenience overloads

  Result<QueryResult> Execute(std::string_view sql, std::span<const Value> params) override {
    RETURN_IF_ERROR(CheckAlive());
    std::string text = RewritePlaceholders(sql);
    // Text-format parameters; the server infers each type from its use.
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::nullptr_t>(v)) continue;
      if (const auto* s = std::get_if<std::string>(&v)) {
        values[i] = s->c_str();
        continue;
      }
      AppendCopyValue(v, storage[i]);  // numbers are formatted as COPY formats them
      values[i] = storage[i].c_str();
    }
    PgResultPtr res(PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr,
                                 values.data(), nullptr, nullptr, /*resultFormat=*/0));
    ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
      return ErrorFrom(res.get());
    }
    return ToQueryResult(res.get());
  }

  Status ExecuteScript(std::string_view sql) override {
    RETURN_IF_ERROR(CheckAlive());
    // PQexec runs several statements in one round trip and stops at the first error.
    PgResultPtr res(PQexec(conn_, std::string(sql).c_str()));
    ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
      return ErrorFrom(res.get());
    }
    return Status::Ok();
  }

  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<std::vector<Value>>& rows) override {
    if (!IsPlainName(table)) return InvalidArgument("bad table name for COPY");
    if (columns.empty()) return InvalidArgument("COPY needs at least one column");
    for (const auto& c : columns) {
      if (!IsPlainName(c)) return InvalidArgument("bad column name for COPY");
    }
    for (const auto& r : rows) {
      if (r.size() != columns.size()) {
        return InvalidArgument("BulkInsert row width differs from the column count");
      }
    }
    if (rows.empty()) return Status::Ok();
    RETURN_IF_ERROR(CheckAlive());

    std::string copy = "COPY " + std::string(table) + " (";
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) copy += ", ";
      copy += columns[i];
    }
    copy += ") FROM STDIN";
    {
      PgResultPtr res(PQexec(conn_, copy.c_str()));
      if (!res || PQresultStatus(res.get()) != PGRES_COPY_IN) return ErrorFrom(res.get());
    }

    std::string buf;
    buf.reserve(kCopyChunkBytes + 4096);
    bool send_failed = false;
    for (const auto& r : rows) {
      for (size_t i = 0; i < r.size(); ++i) {
        if (i > 0) buf.push_back('\t');
        AppendCopyValue(r[i], buf);
      }
      buf.push_back('\n');
      if (buf.size() >= kCopyChunkBytes) {
        if (PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) != 1) {
          send_failed = true;
          break;
        }
        buf.clear();
      }
    }
    if (!send_failed && !buf.empty() &&
        PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) != 1) {
      send_failed = true;
    }
    std::string send_error = send_failed ? Trim(PQerrorMessage(conn_)) : std::string();
    // Ending with an error message makes the server abort the COPY; either way the final
    // result must be read so the connection is ready for the next command.
    if (PQputCopyEnd(conn_, send_failed ? "client failed to send COPY data" : nullptr) != 1) {
      send_failed = true;
      if (send_error.empty()) send_error = Trim(PQerrorMessage(conn_));
    }
    Status status;
    while (PGresult* raw = PQgetResult(conn_)) {
      PgResultPtr res(raw);
      if (status.ok() && PQresultStatus(raw) != PGRES_COMMAND_OK) status = ErrorFrom(raw);
    }
    if (send_failed) {
      std::string msg = "COPY into " + std::string(table) + " failed: " + send_error;
      return PQstatus(conn_) == CONNECTION_BAD ? Unavailable(std::move(msg))
                                               : Internal(std::move(msg));
    }
    return status;
  }

  Status Begin() override { return Execute("BEGIN").status(); }

  Status Commit() override {
    RETURN_IF_ERROR(CheckAlive());
    PgResultPtr res(PQexec(conn_, "COMMIT"));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) return ErrorFrom(res.get());
    // COMMIT of a failed transaction "succeeds" with the tag ROLLBACK; report that.
    if (std::string_view(PQcmdStatus(res.get())) == "ROLLBACK") {
      return Internal("COMMIT rolled back: an earlier statement in the transaction failed");
    }
    return Status::Ok();
  }

  Status Rollback() override { return Execute("ROLLBACK").status(); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  PGconn* raw() const { return conn_; }

  // Brings the session back to a clean idle state before it returns to the pool: resets a
  // broken connection and rolls back a transaction left open. Returns false if the
  // connection is still unusable afterwards.
  bool Recycle() {
    if (PQstatus(conn_) == CONNECTION_OK) {
      switch (PQtransactionStatus(conn_)) {
        case PQTRANS_IDLE:
          return true;
        case PQTRANS_INTRANS:
        case PQTRANS_INERROR: {
          PgResultPtr res(PQexec(conn_, "ROLLBACK"));
          if (res && PQresultStatus(res.get()) == PGRES_COMMAND_OK &&
              PQtransactionStatus(conn_) == PQTRANS_IDLE) {
            return true;
          }
          break;
        }
        case PQTRANS_ACTIVE:
        case PQTRANS_UNKNOWN:
          break;
      }
    }
    PQreset(conn_);
    return PQstatus(conn_) == CONNECTION_OK;
  }

 private:
  Status CheckAlive() const {
    if (PQstatus(conn_) != CONNECTION_OK) {
      return Unavailable("PostgreSQL connection lost: " + Trim(PQerrorMessage(conn_)));
    }
    return Status::Ok();
  }

  Status ErrorFrom(const PGresult* res) const {
    if (PQstatus(conn_) == CONNECTION_BAD) {
      return Unavailable("PostgreSQL connection lost: " + Trim(PQerrorMessage(conn_)));
    }
    if (res == nullptr) return Internal("PostgreSQL: " + Trim(PQerrorMessage(conn_)));
    const char* state_field = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    std::string_view state = state_field != nullptr ? state_field : "";
    const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    std::string message = Trim(primary != nullptr ? primary : PQresultErrorMessage(res));
    if (message.empty()) message = Trim(PQerrorMessage(conn_));
    if (state == "23505") {
      const char* constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
      std::string msg = "duplicate value";
      if (constraint != nullptr) msg += std::string(" violates ") + constraint;
      return AlreadyExists(std::move(msg));
    }
    if (state == "23503" || state == "23514" || state == "23502" || state == "22001" ||
        state == "22P02") {
      return InvalidArgument(std::move(message));
    }
    // 08: connection exceptions; 57P01-57P03: the server is shutting down or starting.
    if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03") {
      return Unavailable("PostgreSQL unavailable: " + message);
    }
    return Internal("PostgreSQL error " + std::string(state) + ": " +
                    Trim(PQresultErrorMessage(res)));
  }

  static QueryResult ToQueryResult(PGresult* res) {
    QueryResult out;
    int ncols = PQnfields(res);
    int nrows = PQntuples(res);
    out.columns.reserve(static_cast<size_t>(ncols));
    std::vector<Oid> types(static_cast<size_t>(ncols));
    for (int c = 0; c < ncols; ++c) {
      out.columns.emplace_back(PQfname(res, c));
      types[static_cast<size_t>(c)] = PQftype(res, c);
    }
    out.rows.resize(static_cast<size_t>(nrows));
    for (int r = 0; r < nrows; ++r) {
      auto& cells = out.rows[static_cast<size_t>(r)].cells;
      cells.reserve(static_cast<size_t>(ncols));
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(res, r, c)) {
          cells.emplace_back(nullptr);
        } else {
          cells.push_back(CellValue(types[static_cast<size_t>(c)], PQgetvalue(res, r, c),
                                    PQgetlength(res, r, c)));
        }
      }
    }
    std::string_view tuples = PQcmdTuples(res);
    int64_t affected = 0;
    if (!tuples.empty()) std::from_chars(tuples.data(), tuples.data() + tuples.size(), affected);
    out.affected_rows = affected;
    return out;
  }

  PGconn* conn_;
};

// A fixed set of sessions lent for reads and writes alike. Thread-safe.
// REQUIRES: every Lease is destroyed before the pool.
class PgPool final : public Pool {
 public:
  PgPool(const std::string& url, std::vector<std::unique_ptr<PgConnection>> conns)
      : description_(RedactUrl(url)), conns_(std::move(conns)) {
    for (auto& c : conns_) free_.push_back(c.get());
  }

  Result<Lease> Acquire(Access access) override {
    PgConnection* conn = nullptr;
    {
      std::unique_lock lock(mu_);
      if (free_.empty()) {
        ++waits_;
        cv_.wait(lock, [this] { return !free_.empty(); });
      }
      conn = free_.back();
      free_.pop_back();
    }
    // A connection that could not be reset on release gets one more try, outside the lock.
    if (PQstatus(conn->raw()) != CONNECTION_OK && !conn->Recycle()) {
      std::string msg =
          "cannot reach PostgreSQL at " + description_ + ": " + Trim(PQerrorMessage(conn->raw()));
      PutBack(conn);
      return Unavailable(std::move(msg));
    }
    return Lease(this, conn, access);
  }

  PoolStats Stats() const override {
    std::lock_guard lock(mu_);
    PoolStats s;
    s.size = static_cast<int>(conns_.size());
    s.in_use = static_cast<int>(conns_.size() - free_.size());
    s.waits = waits_;
    return s;
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  std::string Describe() const override { return description_; }

 protected:
  void Release(Connection* conn, Access /*access*/) override {
    auto* pg = static_cast<PgConnection*>(conn);
    // Still exclusively ours here, so the cleanup round trips run without the lock. If the
    // reset fails the connection goes back anyway and Acquire retries it.
    pg->Recycle();
    PutBack(pg);
  }

 private:
  void PutBack(PgConnection* conn) {
    {
      std::lock_guard lock(mu_);
      free_.push_back(conn);
    }
    cv_.notify_one();
  }

  const std::string description_;
  const std::vector<std::unique_ptr<PgConnection>> conns_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<PgConnection*> free_;  // guarded by mu_
  int64_t waits_ = 0;                // guarded by mu_
};

void DropNotice(void* /*arg*/, const char* /*message*/) {}

}  // namespace

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  size_t i = 0;
  const size_t n = sql.size();
  // Copies sql[i, end) to the output and moves past it.
  auto copy_to = [&](size_t end) {
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < n) {
    char c = sql[i];
    char prev = i > 0 ? sql[i - 1] : ' ';
    if (c == '?') {
      out += '$';
      out += std::to_string(next++);
      ++i;
    } else if (c == '\'') {
      // A string literal; '' is an escaped quote, and E'…' strings also escape with \.
      bool backslash = (prev == 'E' || prev == 'e') && (i < 2 || !IsIdentChar(sql[i - 2]));
      size_t j = i + 1;
      while (j < n) {
        if (backslash && sql[j] == '\\' && j + 1 < n) {
          j += 2;
        } else if (sql[j] == '\'') {
          if (j + 1 < n && sql[j + 1] == '\'') {
            j += 2;
          } else {
            break;
          }
        } else {
          ++j;
        }
      }
      copy_to(std::min(j + 1, n));
    } else if (c == '"') {
      size_t j = i + 1;
      while (j < n) {
        if (sql[j] == '"') {
          if (j + 1 < n && sql[j + 1] == '"') {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      copy_to(std::min(j + 1, n));
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      size_t j = sql.find('\n', i);
      copy_to(j == std::string_view::npos ? n : j + 1);
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      // Block comments nest in PostgreSQL.
      int depth = 0;
      size_t j = i;
      while (j < n) {
        if (sql[j] == '/' && j + 1 < n && sql[j + 1] == '*') {
          ++depth;
          j += 2;
        } else if (sql[j] == '*' && j + 1 < n && sql[j + 1] == '/') {
          j += 2;
          if (--depth == 0) break;
        } else {
          ++j;
        }
      }
      copy_to(j);
    } else if (c == '$' && !IsIdentChar(prev)) {
      // A dollar-quoted string $tag$…$tag$ (the tag may be empty); `$1` is not one.
      size_t j = i + 1;
      if (j < n && IsIdentStart(sql[j])) {
        while (j < n && IsIdentChar(sql[j]) && sql[j] != '$') ++j;
      }
      if (j < n && sql[j] == '$') {
        std::string_view tag = sql.substr(i, j - i + 1);
        size_t close = sql.find(tag, j + 1);
        copy_to(close == std::string_view::npos ? n : close + tag.size());
      } else {
        out += c;
        ++i;
      }
    } else if (IsIdentStart(c)) {
      // Identifiers and keywords are copied whole, so a `$` or quote inside one is not
      // mistaken for the start of a literal.
      size_t j = i + 1;
      while (j < n && IsIdentChar(sql[j])) ++j;
      copy_to(j);
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

Result<std::unique_ptr<Pool>> OpenPostgresPool(const std::string& url, int size) {
  // A pool without connections could never lend one; treat it as a pool of one.
  size = std::max(size, 1);
  std::vector<std::string> passwords = PasswordsIn(url);
  std::vector<std::unique_ptr<PgConnection>> conns;
  conns.reserve(static_cast<size_t>(size));
  for (int i = 0; i < size; ++i) {
    // Keywords before dbname are defaults the URL may override; client_encoding comes after
    // it so the URL cannot change it. PQreset reuses these settings.
    const char* keys[] = {"connect_timeout", "fallback_application_name", "dbname",
                          "client_encoding", nullptr};
    const char* values[] = {kDefaultConnectTimeout, "xiezuo", url.c_str(), "UTF8", nullptr};
    PGconn* raw = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
    if (raw == nullptr) return Unavailable("cannot allocate a PostgreSQL connection");
    auto conn = std::make_unique<PgConnection>(raw);
    if (PQstatus(raw) != CONNECTION_OK) {
      std::string reason = Trim(PQerrorMessage(raw));
      for (const auto& p : passwords) ReplaceAll(reason, p, "***");
      return Unavailable("cannot connect to PostgreSQL at " + RedactUrl(url) + ": " + reason);
    }
    // Notices such as "relation already exists, skipping" are expected and not errors.
    PQsetNoticeProcessor(raw, DropNotice, nullptr);
    conns.push_back(std::move(conn));
  }
  return std::unique_ptr<Pool>(std::make_unique<PgPool>(url, std::move(conns)));
}

}  // namespace xiezuo::store
