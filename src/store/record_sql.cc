// Generic SQL for cooperation records: DDL, batch checks, insert/update/delete, list with
// scope, filters, sorting and totals, and grouped sums. Runs unchanged on SQLite and
// PostgreSQL.
#include "store/record_sql.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/text.h"
#include "model/region.h"
#include "store/sql_util.h"

namespace xiezuo::store::record_sql {
namespace {

using model::FieldDef;
using model::FieldIssue;
using model::FieldType;
using model::FieldValue;
using model::Record;
using model::RecordKind;

constexpr size_t kInChunk = 500;  // ids or codes per IN (…) list
constexpr const char* kBookkeeping = "id, version, created_at, updated_at, created_by, updated_by";
constexpr size_t kBookkeepingColumns = 6;

bool IsNumeric(FieldType t) {
  switch (t) {
    case FieldType::kInt:
    case FieldType::kYear:
    case FieldType::kMoney:
    case FieldType::kPercent:
    case FieldType::kBool:
    case FieldType::kInstitution:
    case FieldType::kRef:
      return true;
    default:
      return false;
  }
}

Value ToValue(const FieldValue& v) {
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return nullptr;
}

// Sets `to` from `from`; a text into a text value reuses its buffer.
void AssignValue(const Value& from, FieldValue& to) {
  if (const auto* n = std::get_if<int64_t>(&from)) {
    to = *n;
  } else if (const auto* s = std::get_if<std::string>(&from)) {
    if (auto* t = std::get_if<std::string>(&to)) {
      t->assign(*s);
    } else {
      to.emplace<std::string>(*s);
    }
  } else if (const auto* d = std::get_if<double>(&from)) {
    to = static_cast<int64_t>(*d);
  } else {
    to = std::monostate{};
  }
}

FieldValue FromValue(const Value& v) {
  FieldValue out;
  AssignValue(v, out);
  return out;
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

std::string SelectList(const RecordKind& kind) {
  std::string out = kBookkeeping;
  for (const FieldDef& f : kind.fields) out += ", " + f.key;
  return out;
}

// Fills `r` (of `kind`) from a row of SelectList(kind).
void FillFromRow(const RecordKind& kind, const Row& row, Record& r) {
  r.id = row.Int(0);
  r.version = row.Int(1);
  r.created_at = row.Int(2);
  r.updated_at = row.Int(3);
  r.created_by = row.Text(4);
  r.updated_by = row.Text(5);
  for (size_t i = 0; i < kind.fields.size(); ++i) {
    AssignValue(row.cells.at(kBookkeepingColumns + i), r.values()[i]);
  }
}

Record FromRow(const RecordKind& kind, const Row& row) {
  Record r(kind);
  FillFromRow(kind, row, r);
  return r;
}

// The column that ties a record to its pairing: the pairing's own id, or pairing_id.
std::string PairingColumn(const RecordKind& kind) {
  return kind.key == "pairing" ? "id" : "pairing_id";
}

// Adds the data-scope condition: own region inside, or a pairing party inside.
void AddScope(Where& where, const RecordKind& kind, const std::string& scope) {
  if (scope.empty()) return;
  std::string upper = model::SubtreeUpperBound(scope);
  if (!kind.has_pairing) {
    where.Add("region_code >= ? AND region_code < ?", {Text(scope), Text(upper)});
    return;
  }
  where.Add("(region_code >= ? AND region_code < ? OR " + PairingColumn(kind) +
                " IN (SELECT pairing_id FROM pairing_party WHERE region_code >= ? AND "
                "region_code < ?))",
            {Text(scope), Text(upper), Text(scope), Text(upper)});
}

Status BuildWhere(const RecordKind& kind, const RecordFilter& filter, Where& where) {
  where.Add("deleted_at = 0");
  AddScope(where, kind, filter.scope);
  if (!filter.within_region.empty()) {
    where.Add("region_code >= ? AND region_code < ?",
              {Text(filter.within_region), Text(model::SubtreeUpperBound(filter.within_region))});
  }
  if (!filter.party_region.empty()) {
    where.Add(PairingColumn(kind) +
                  " IN (SELECT pairing_id FROM pairing_party WHERE region_code >= ? AND "
                  "region_code < ?)",
              {Text(filter.party_region), Text(model::SubtreeUpperBound(filter.party_region))});
  }
  if (!filter.q.empty()) {
    std::string any;
    std::vector<Value> params;
    for (const FieldDef& f : kind.fields) {
      if (f.filter != model::FilterMode::kContains) continue;
      any += any.empty() ? "(" : " OR ";
      any += f.key + " LIKE ? ESCAPE '\\'";
      params.push_back(Text(ContainsPattern(filter.q)));
    }
    if (any.empty())
      return InvalidArgument("this list cannot be searched by text", {{"q", "not searchable"}});
    where.Add(any + ")", std::move(params));
  }
  for (const auto& [key, value] : filter.equals) {
    const FieldDef* f = kind.Field(key);
    if (f == nullptr) return InvalidArgument("unknown filter", {{key, "is not a field"}});
    if (std::holds_alternative<std::monostate>(value)) {
      where.Add(key + " IS NULL");
    } else {
      where.Add(key + " = ?", {ToValue(value)});
    }
  }
  for (const RecordFilter::Range& r : filter.ranges) {
    if (kind.Field(r.field) == nullptr) {
      return InvalidArgument("unknown filter", {{r.field, "is not a field"}});
    }
    if (!std::holds_alternative<std::monostate>(r.from)) {
      where.Add(r.field + " >= ?", {ToValue(r.from)});
    }
    if (!std::holds_alternative<std::monostate>(r.to))
      where.Add(r.field + " <= ?", {ToValue(r.to)});
  }
  return Status::Ok();
}

// Runs `SELECT <select> FROM <table> WHERE <column> IN (…)` over `keys` in chunks.
Result<std::vector<Row>> SelectIn(Connection& conn, const std::string& select,
                                  const std::string& table, const std::string& column,
                                  const std::vector<Value>& keys, const std::string& extra) {
  std::vector<Row> out;
  for (size_t start = 0; start < keys.size(); start += kInChunk) {
    size_t n = std::min(kInChunk, keys.size() - start);
    std::vector<Value> params(keys.begin() + static_cast<std::ptrdiff_t>(start),
                              keys.begin() + static_cast<std::ptrdiff_t>(start + n));
    ASSIGN_OR_RETURN(QueryResult r,
                     conn.Execute("SELECT " + select + " FROM " + table + " WHERE " + column +
                                      " IN (" + Placeholders(n) + ")" + extra,
                                  params));
    for (Row& row : r.rows) out.push_back(std::move(row));
  }
  return out;
}

// A unique key's values as one string, for comparing within a batch and with the database.
std::string KeyOf(const std::vector<FieldValue>& values) {
  std::string out;
  for (const FieldValue& v : values) {
    if (const auto* n = std::get_if<int64_t>(&v)) {
      out += "i" + std::to_string(*n);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      out += "s" + std::to_string(s->size()) + ":" + *s;
    } else {
      out += "n";
    }
    out += '|';
  }
  return out;
}

void SplitList(const std::string& list, std::vector<std::string>& out) {
  size_t start = 0;
  while (start < list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
}

// Derives each child's region (and pairing) from its parent; reports missing parents.
Status DeriveFromParents(Connection& conn, const RecordKind& kind, std::vector<Record>& records,
                         std::vector<RowIssue>& issues) {
  if (kind.parent.empty()) return Status::Ok();
  const RecordKind* parent = model::FindKind(kind.parent);
  std::set<int64_t> ids;
  for (const Record& r : records) ids.insert(r.Int(kind, kind.parent_field));
  std::vector<Value> keys(ids.begin(), ids.end());
  bool parent_pairs = parent->Field("pairing_id") != nullptr;
  std::string select = parent_pairs ? "id, region_code, pairing_id" : "id, region_code";
  if (parent->key == "pairing") select = "id, region_code, id";
  ASSIGN_OR_RETURN(auto rows,
                   SelectIn(conn, select, parent->key, "id", keys, " AND deleted_at = 0"));
  std::unordered_map<int64_t, const Row*> found;
  for (const Row& row : rows) found[row.Int(0)] = &row;
  bool has_pairing = kind.Field("pairing_id") != nullptr;
  for (size_t i = 0; i < records.size(); ++i) {
    Record& r = records[i];
    auto it = found.find(r.Int(kind, kind.parent_field));
    if (it == found.end()) {
      issues.push_back({i, {kind.parent_field, "not_found", kind.parent}});
      continue;
    }
    r.Set(kind, "region_code", it->second->Text(1));
    if (has_pairing && kind.parent_field != "pairing_id") {
      r.Set(kind, "pairing_id",
            it->second->cells.size() > 2 && !it->second->IsNull(2) ? FieldValue(it->second->Int(2))
                                                                   : FieldValue());
    }
  }
  return Status::Ok();
}

Status CheckRegions(Connection& conn, const RecordKind& kind, const std::vector<Record>& records,
                    std::vector<RowIssue>& issues) {
  std::set<std::string> codes;
  for (const Record& r : records) {
    for (size_t f = 0; f < kind.fields.size(); ++f) {
      const auto* s = std::get_if<std::string>(&r.values()[f]);
      if (s == nullptr || s->empty()) continue;
      if (kind.fields[f].type == FieldType::kRegion) codes.insert(*s);
      if (kind.fields[f].type == FieldType::kRegionList) {
        std::vector<std::string> parts;
        SplitList(*s, parts);
        codes.insert(parts.begin(), parts.end());
      }
    }
  }
  std::vector<Value> keys(codes.begin(), codes.end());
  ASSIGN_OR_RETURN(auto rows, SelectIn(conn, "code", "region", "code", keys, ""));
  std::set<std::string> known;
  for (const Row& row : rows) known.insert(row.Text(0));
  for (size_t i = 0; i < records.size(); ++i) {
    for (size_t f = 0; f < kind.fields.size(); ++f) {
      const auto* s = std::get_if<std::string>(&records[i].values()[f]);
      if (s == nullptr || s->empty()) continue;
      const FieldDef& def = kind.fields[f];
      std::vector<std::string> parts;
      if (def.type == FieldType::kRegion) parts.push_back(*s);
      if (def.type == FieldType::kRegionList) SplitList(*s, parts);
      for (const std::string& code : parts) {
        if (!known.contains(code)) {
          issues.push_back({i, {def.key, "unknown_region", code}});
          break;
        }
      }
    }
  }
  return Status::Ok();
}

Status CheckInstitutions(Connection& conn, const RecordKind& kind,
                         const std::vector<Record>& records, std::vector<RowIssue>& issues) {
  std::set<int64_t> ids;
  for (const Record& r : records) {
    for (size_t f = 0; f < kind.fields.size(); ++f) {
      const auto* n = std::get_if<int64_t>(&r.values()[f]);
      if (n != nullptr && kind.fields[f].type == FieldType::kInstitution) ids.insert(*n);
    }
  }
  if (ids.empty()) return Status::Ok();
  std::vector<Value> keys(ids.begin(), ids.end());
  ASSIGN_OR_RETURN(auto rows,
                   SelectIn(conn, "id", "institution", "id", keys, " AND deleted_at = 0"));
  std::set<int64_t> known;
  for (const Row& row : rows) known.insert(row.Int(0));
  for (size_t i = 0; i < records.size(); ++i) {
    for (size_t f = 0; f < kind.fields.size(); ++f) {
      const auto* n = std::get_if<int64_t>(&records[i].values()[f]);
      if (n != nullptr && kind.fields[f].type == FieldType::kInstitution && !known.contains(*n)) {
        issues.push_back({i, {kind.fields[f].key, "not_found", "institution"}});
      }
    }
  }
  return Status::Ok();
}

// References to other kinds (not the parent) must point to live records; a pairing must have
// a party around (or inside) the record's region.
Status CheckRefs(Connection& conn, const RecordKind& kind, const std::vector<Record>& records,
                 std::vector<RowIssue>& issues) {
  for (size_t f = 0; f < kind.fields.size(); ++f) {
    const FieldDef& def = kind.fields[f];
    if (def.type != FieldType::kRef || def.derived || def.key == kind.parent_field) continue;
    std::set<int64_t> ids;
    for (const Record& r : records) {
      if (const auto* n = std::get_if<int64_t>(&r.values()[f])) ids.insert(*n);
    }
    if (ids.empty()) continue;
    std::vector<Value> keys(ids.begin(), ids.end());
    ASSIGN_OR_RETURN(auto rows, SelectIn(conn, "id", def.ref, "id", keys, " AND deleted_at = 0"));
    std::set<int64_t> known;
    for (const Row& row : rows) known.insert(row.Int(0));
    std::multimap<int64_t, std::string> parties;
    if (def.ref == "pairing") {
      ASSIGN_OR_RETURN(auto prow, SelectIn(conn, "pairing_id, region_code", "pairing_party",
                                           "pairing_id", keys, ""));
      for (const Row& row : prow) parties.emplace(row.Int(0), row.Text(1));
    }
    for (size_t i = 0; i < records.size(); ++i) {
      const auto* n = std::get_if<int64_t>(&records[i].values()[f]);
      if (n == nullptr) continue;
      if (!known.contains(*n)) {
        issues.push_back({i, {def.key, "not_found", def.ref}});
        continue;
      }
      if (def.ref != "pairing") continue;
      std::string region = records[i].Text(kind, "region_code");
      auto [lo, hi] = parties.equal_range(*n);
      bool near = false;
      for (auto it = lo; it != hi && !near; ++it) {
        near = model::RegionWithin(region, it->second) || model::RegionWithin(it->second, region);
      }
      if (!near) issues.push_back({i, {def.key, "not_a_party", region}});
    }
  }
  return Status::Ok();
}

Status CheckUnique(Connection& conn, const RecordKind& kind, const std::vector<Record>& records,
                   std::vector<RowIssue>& issues) {
  for (const auto& key_fields : kind.unique_keys) {
    std::vector<int> idx;
    idx.reserve(key_fields.size());
    for (const auto& k : key_fields) idx.push_back(kind.FieldIndex(k));
    const std::string& blame = key_fields.back();
    auto key_of = [&](const Record& r) {
      std::vector<FieldValue> vs;
      vs.reserve(idx.size());
      for (int i : idx) vs.push_back(r.values()[static_cast<size_t>(i)]);
      return KeyOf(vs);
    };
    // Within the batch.
    std::unordered_map<std::string, size_t> first;
    for (size_t i = 0; i < records.size(); ++i) {
      auto [it, fresh] = first.emplace(key_of(records[i]), i);
      if (!fresh) issues.push_back({i, {blame, "duplicate", std::to_string(it->second)}});
    }
    // Against the live records in the database (other than the record itself).
    std::map<std::string, Value> firsts;
    for (const Record& r : records) {
      const FieldValue& v = r.values()[static_cast<size_t>(idx[0])];
      firsts.emplace(KeyOf({v}), ToValue(v));
    }
    std::vector<Value> keys;
    keys.reserve(firsts.size());
    for (auto& [k, v] : firsts) keys.push_back(v);
    std::string select = "id";
    for (const auto& k : key_fields) select += ", " + k;
    ASSIGN_OR_RETURN(auto rows, SelectIn(conn, select, kind.key, key_fields.front(), keys,
                                         " AND deleted_at = 0"));
    std::unordered_map<std::string, int64_t> taken;
    for (const Row& row : rows) {
      std::vector<FieldValue> vs;
      for (size_t c = 1; c < row.cells.size(); ++c) vs.push_back(FromValue(row.cells[c]));
      taken.emplace(KeyOf(vs), row.Int(0));
    }
    for (size_t i = 0; i < records.size(); ++i) {
      auto it = taken.find(key_of(records[i]));
      if (it != taken.end() && it->second != records[i].id) {
        issues.push_back({i, {blame, "duplicate", ""}});
      }
    }
  }
  return Status::Ok();
}

}  // namespace

std::string TableDdl(const RecordKind& kind, Dialect dialect) {
  bool pg = dialect == Dialect::kPostgres;
  std::string integer = pg ? "BIGINT" : "INTEGER";
  std::string code_text = pg ? "TEXT COLLATE \"C\"" : "TEXT";
  std::string sql = "CREATE TABLE " + kind.key + " (\n";
  sql += pg ? "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
            : "  id INTEGER PRIMARY KEY,\n";
  sql += "  version " + integer + " NOT NULL DEFAULT 1,\n";
  sql += "  created_at " + integer + " NOT NULL,\n";
  sql += "  updated_at " + integer + " NOT NULL,\n";
  sql += "  created_by TEXT NOT NULL DEFAULT '',\n";
  sql += "  updated_by TEXT NOT NULL DEFAULT '',\n";
  sql += "  deleted_at " + integer + " NOT NULL DEFAULT 0";
  for (const FieldDef& f : kind.fields) {
    bool code_like = f.type == FieldType::kRegion || f.type == FieldType::kDate ||
                     f.type == FieldType::kEnum || f.type == FieldType::kRegionList ||
                     f.type == FieldType::kCreditCode;
    sql += ",\n  " + f.key + " " + (IsNumeric(f.type) ? integer : code_like ? code_text : "TEXT");
  }
  sql += "\n);\n";
  auto index = [&](const std::string& name, const std::string& cols, bool unique) {
    sql += std::string(unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + kind.key + "_" + name +
           " ON " + kind.key + " (" + cols + ")" + (unique ? " WHERE deleted_at = 0" : "") + ";\n";
  };
  index("region", "region_code", false);
  if (kind.Field("pairing_id") != nullptr && kind.parent_field != "pairing_id") {
    index("pairing", "pairing_id", false);
  }
  if (!kind.parent_field.empty()) index(kind.parent_field, kind.parent_field, false);
  for (const auto& key : kind.unique_keys) {
    std::string cols;
    std::string name = "unique";
    for (const auto& k : key) {
      cols += (cols.empty() ? "" : ", ") + k;
      name += "_" + k;
    }
    index(name, cols, true);
  }
  return sql;
}

Result<std::vector<RowIssue>> Check(Connection& conn, const RecordKind& kind,
                                    std::vector<Record>& records, const RowCheck& row_check) {
  std::vector<RowIssue> issues;
  RETURN_IF_ERROR(DeriveFromParents(conn, kind, records, issues));
  RETURN_IF_ERROR(CheckRegions(conn, kind, records, issues));
  RETURN_IF_ERROR(CheckInstitutions(conn, kind, records, issues));
  RETURN_IF_ERROR(CheckRefs(conn, kind, records, issues));
  RETURN_IF_ERROR(CheckUnique(conn, kind, records, issues));
  if (row_check) {
    std::vector<bool> bad(records.size(), false);
    for (const RowIssue& i : issues) bad[i.index] = true;
    for (size_t i = 0; i < records.size(); ++i) {
      if (bad[i]) continue;
      if (auto issue = row_check(records[i])) issues.push_back({i, *issue});
    }
  }
  std::stable_sort(issues.begin(), issues.end(),
                   [](const RowIssue& a, const RowIssue& b) { return a.index < b.index; });
  return issues;
}

Result<std::vector<int64_t>> InsertMany(Connection& conn, const RecordKind& kind,
                                        std::span<Record* const> records,
                                        const std::string& username, int64_t now) {
  std::string cols = "version, created_at, updated_at, created_by, updated_by";
  for (const FieldDef& f : kind.fields) cols += ", " + f.key;
  const size_t per_row = 5 + kind.fields.size();
  // Under SQLite's default limit of 32,766 parameters, and PostgreSQL's 65,535.
  const size_t chunk = std::clamp<size_t>(30'000 / per_row, 1, 500);
  std::string row_marks = "(" + Placeholders(per_row) + ")";

  std::vector<int64_t> ids;
  ids.reserve(records.size());
  std::vector<Value> params;
  std::string sql;
  for (size_t start = 0; start < records.size(); start += chunk) {
    size_t n = std::min(chunk, records.size() - start);
    sql = "INSERT INTO " + kind.key + " (" + cols + ") VALUES ";
    sql.reserve(sql.size() + n * (row_marks.size() + 1) + 16);
    params.clear();
    params.reserve(n * per_row);
    for (size_t k = 0; k < n; ++k) {
      if (k > 0) sql += ',';
      sql += row_marks;
      const Record& record = *records[start + k];
      params.insert(params.end(), {Int(1), Int(now), Int(now), Text(username), Text(username)});
      for (const FieldValue& v : record.values()) params.push_back(ToValue(v));
    }
    sql += " RETURNING id";
    ASSIGN_OR_RETURN(QueryResult r, conn.Execute(sql, params));
    if (r.rows.size() != n) return Internal("INSERT INTO " + kind.key + " returned too few ids");
    // RETURNING promises no order. Both backends hand out ids in the order of the VALUES rows
    // (SQLite: max rowid + 1 under the write lock; PostgreSQL: the identity's nextval per row),
    // so sorted ids match the rows.
    size_t first = ids.size();
    for (const Row& row : r.rows) ids.push_back(row.Int(0));
    std::sort(ids.begin() + static_cast<std::ptrdiff_t>(first), ids.end());
  }
  return ids;
}

Result<Record> Load(Connection& conn, const RecordKind& kind, int64_t id) {
  ASSIGN_OR_RETURN(QueryResult r, conn.Execute("SELECT " + SelectList(kind) + " FROM " + kind.key +
                                                   " WHERE id = ? AND deleted_at = 0",
                                               {Int(id)}));
  if (r.rows.empty()) return NotFound("no " + kind.key + " record with id " + std::to_string(id));
  return FromRow(kind, r.rows[0]);
}

Result<int> ScanAfter(Connection& conn, const RecordKind& kind, std::span<const std::string> fields,
                      int64_t after_id, int limit, const std::function<void(const Record&)>& fn) {
  std::string select = SelectList(kind);
  std::vector<size_t> read;  // with `fields`: the field index of each column after the id
  if (!fields.empty()) {
    select = "id";
    for (const std::string& f : fields) {
      const int i = kind.FieldIndex(f);
      if (i < 0) return InvalidArgument(kind.key + " has no field " + f, {{"fields", f}});
      select += ", " + f;
      read.push_back(static_cast<size_t>(i));
    }
  }
  Record r(kind);  // refilled for each row: its text values keep their buffers
  int count = 0;
  RETURN_IF_ERROR(conn.ForEachRow("SELECT " + select + " FROM " + kind.key +
                                      " WHERE id > ? AND deleted_at = 0 ORDER BY id LIMIT ?",
                                  std::initializer_list<Value>{Int(after_id), Int(limit)},
                                  [&](const Row& row) {
                                    if (read.empty()) {
                                      FillFromRow(kind, row, r);
                                    } else {
                                      r.id = row.Int(0);
                                      for (size_t c = 0; c < read.size(); ++c)
                                        AssignValue(row.cells[c + 1], r.values()[read[c]]);
                                    }
                                    ++count;
                                    fn(r);
                                  }));
  return count;
}

Status Update(Connection& conn, const RecordKind& kind, const Record& record,
              const std::string& username, int64_t now) {
  std::string sets = "version = version + 1, updated_at = ?, updated_by = ?";
  std::vector<Value> params = {Int(now), Text(username)};
  for (size_t i = 0; i < kind.fields.size(); ++i) {
    sets += ", " + kind.fields[i].key + " = ?";
    params.push_back(ToValue(record.values()[i]));
  }
  params.push_back(Int(record.id));
  params.push_back(Int(record.version));
  ASSIGN_OR_RETURN(QueryResult r,
                   conn.Execute("UPDATE " + kind.key + " SET " + sets +
                                    " WHERE id = ? AND version = ? AND deleted_at = 0",
                                params));
  if (r.affected_rows == 1) return Status::Ok();
  ASSIGN_OR_RETURN(Record now_there, Load(conn, kind, record.id));
  return FailedPrecondition("the record was changed by someone else (it is now at version " +
                            std::to_string(now_there.version) + ", you edited version " +
                            std::to_string(record.version) + "); reload it and try again");
}

Status PropagateToChildren(Connection& conn, const RecordKind& parent, const Record& record,
                           const RecordKind& child) {
  std::string sets = "region_code = ?";
  std::vector<Value> params = {ToValue(record.Get(parent, "region_code"))};
  if (child.Field("pairing_id") != nullptr && child.parent_field != "pairing_id") {
    sets += ", pairing_id = ?";
    params.push_back(parent.key == "pairing" ? Int(record.id)
                                             : ToValue(record.Get(parent, "pairing_id")));
  }
  params.push_back(Int(record.id));
  return conn
      .Execute("UPDATE " + child.key + " SET " + sets + " WHERE " + child.parent_field +
                   " = ? AND deleted_at = 0",
               params)
      .status();
}

Status SoftDelete(Connection& conn, const RecordKind& kind, int64_t id, const std::string& username,
                  int64_t now) {
  ASSIGN_OR_RETURN(QueryResult r,
                   conn.Execute("UPDATE " + kind.key +
                                    " SET deleted_at = ?, version = version + 1, updated_at = ?, "
                                    "updated_by = ? WHERE id = ? AND deleted_at = 0",
                                {Int(now), Int(now), Text(username), Int(id)}));
  if (r.affected_rows != 1) {
    return NotFound("no " + kind.key + " record with id " + std::to_string(id));
  }
  return Status::Ok();
}

Result<std::vector<int64_t>> ChildIds(Connection& conn, const RecordKind& child,
                                      int64_t parent_id) {
  ASSIGN_OR_RETURN(QueryResult r,
                   conn.Execute("SELECT id FROM " + child.key + " WHERE " + child.parent_field +
                                    " = ? AND deleted_at = 0 ORDER BY id",
                                {Int(parent_id)}));
  std::vector<int64_t> out;
  for (const Row& row : r.rows) out.push_back(row.Int(0));
  return out;
}

Status WriteParties(Connection& conn, const RecordKind& pairing, const Record& record, bool live) {
  RETURN_IF_ERROR(
      conn.Execute("DELETE FROM pairing_party WHERE pairing_id = ?", {Int(record.id)}).status());
  if (!live) return Status::Ok();
  std::set<std::pair<std::string, std::string>> parties;
  for (const char* side : {"east", "west"}) {
    std::string s(side);
    parties.emplace(s, record.Text(pairing, s + "_region_code"));
    std::vector<std::string> extra;
    SplitList(record.Text(pairing, s + "_extra"), extra);
    for (auto& code : extra) parties.emplace(s, code);
  }
  for (const auto& [side, code] : parties) {
    if (code.empty()) continue;
    RETURN_IF_ERROR(conn.Execute("INSERT INTO pairing_party (pairing_id, side, region_code) "
                                 "VALUES (?, ?, ?)",
                                 {Int(record.id), Text(side), Text(code)})
                        .status());
  }
  return Status::Ok();
}

Result<RecordPage> List(Connection& conn, const RecordKind& kind, const RecordFilter& filter,
                        const PageRequest& page) {
  Where where;
  RETURN_IF_ERROR(BuildWhere(kind, filter, where));
  std::string order = "id DESC";
  if (!filter.sort.empty()) {
    const FieldDef* f = kind.Field(filter.sort);
    if (f == nullptr || !f->sort) {
      return InvalidArgument("this list cannot be sorted by " + filter.sort,
                             {{"sort", "is not a sortable field"}});
    }
    // NULLs last either way, the same on both backends.
    order = "(" + f->key + " IS NULL), " + f->key + (filter.descending ? " DESC" : " ASC") +
            ", id DESC";
  }
  std::string head = "count(*)";
  std::vector<std::string> totals;
  for (const FieldDef& f : kind.fields) {
    if (!f.total) continue;
    head += ", CAST(coalesce(sum(" + f.key + "), 0) AS BIGINT)";
    totals.push_back(f.key);
  }
  ASSIGN_OR_RETURN(
      QueryResult count,
      conn.Execute("SELECT " + head + " FROM " + kind.key + " " + where.sql(), where.Params()));
  RecordPage out;
  out.total = count.rows.at(0).Int(0);
  out.page = page.page;
  out.page_size = page.page_size;
  for (size_t i = 0; i < totals.size(); ++i) out.totals[totals[i]] = count.rows[0].Int(i + 1);
  ASSIGN_OR_RETURN(QueryResult rows,
                   conn.Execute("SELECT " + SelectList(kind) + " FROM " + kind.key + " " +
                                    where.sql() + " ORDER BY " + order + " LIMIT ? OFFSET ?",
                                where.ParamsWithPage(page)));
  for (const Row& row : rows.rows) out.items.push_back(FromRow(kind, row));
  return out;
}

Result<RecordAccess> Access(Connection& conn, const RecordKind& kind, int64_t id,
                            const std::string& scope) {
  std::string pairing = kind.has_pairing ? PairingColumn(kind) : "0";
  ASSIGN_OR_RETURN(QueryResult r, conn.Execute("SELECT region_code, " + pairing + " FROM " +
                                                   kind.key + " WHERE id = ? AND deleted_at = 0",
                                               {Int(id)}));
  if (r.rows.empty()) return NotFound("no " + kind.key + " record with id " + std::to_string(id));
  RecordAccess out;
  out.region_code = r.rows[0].Text(0);
  out.visible = model::RegionWithin(out.region_code, scope);
  if (!out.visible && kind.has_pairing && !r.rows[0].IsNull(1)) {
    ASSIGN_OR_RETURN(
        QueryResult p,
        conn.Execute("SELECT count(*) FROM pairing_party WHERE pairing_id = ? AND "
                     "region_code >= ? AND region_code < ?",
                     {Int(r.rows[0].Int(1)), Text(scope), Text(model::SubtreeUpperBound(scope))}));
    out.visible = p.rows.at(0).Int(0) > 0;
  }
  return out;
}

Result<std::vector<GroupRow>> Group(Connection& conn, const RecordKind& kind,
                                    const RecordFilter& filter, const GroupQuery& query) {
  Where where;
  RETURN_IF_ERROR(BuildWhere(kind, filter, where));
  std::string cols = query.region_prefix > 0
                         ? "substr(region_code, 1, " + std::to_string(query.region_prefix) + ")"
                         : "''";
  for (const auto& g : query.group_by) {
    if (kind.Field(g) == nullptr) return InvalidArgument("unknown group field " + g);
    cols += ", " + g;
  }
  std::string groups;
  for (size_t i = 1; i <= query.group_by.size() + 1; ++i) {
    groups += (i == 1 ? "" : ", ") + std::to_string(i);
  }
  std::string sums;
  for (const auto& s : query.sums) {
    if (kind.Field(s) == nullptr) return InvalidArgument("unknown sum field " + s);
    sums += ", CAST(coalesce(sum(" + s + "), 0) AS BIGINT)";
  }
  ASSIGN_OR_RETURN(QueryResult r,
                   conn.Execute("SELECT " + cols + sums + " FROM " + kind.key + " " + where.sql() +
                                    " GROUP BY " + groups + " ORDER BY " + groups,
                                where.Params()));
  std::vector<GroupRow> out;
  for (const Row& row : r.rows) {
    GroupRow g;
    g.region_code = row.Text(0);
    size_t c = 1;
    for (size_t i = 0; i < query.group_by.size(); ++i) g.keys.push_back(FromValue(row.cells[c++]));
    for (size_t i = 0; i < query.sums.size(); ++i) g.sums.push_back(row.Int(c++));
    out.push_back(std::move(g));
  }
  return out;
}

namespace {

// Appends `s` as a JSON string, escaped as nlohmann::json::dump escapes (UTF-8 kept as is).
// Text that is not UTF-8 (the model lets none through) becomes U+FFFD, never invalid JSON.
void AppendJsonString(std::string& out, std::string_view s) {
  if (!IsValidUtf8(s)) {
    out += R"("\ufffd")";
    return;
  }
  out += '"';
  size_t plain = 0;  // start of the run of characters copied as they are
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
      }
    }
  }
  out.append(s.substr(plain));
  out += '"';
}

}  // namespace

std::string AuditJson(const RecordKind& kind, const Record& record) {
  // Written directly, not through nlohmann::json: an import writes one of these per row.
  std::string out;
  out.reserve(512);
  out += "{\"id\":";
  out += std::to_string(record.id);
  out += ",\"version\":";
  out += std::to_string(record.version);
  for (size_t i = 0; i < kind.fields.size(); ++i) {
    const FieldValue& v = record.values()[i];
    out += ",\"";
    out += kind.fields[i].key;  // an identifier: nothing to escape
    out += "\":";
    if (const auto* n = std::get_if<int64_t>(&v)) {
      out += std::to_string(*n);
    } else if (const auto* text = std::get_if<std::string>(&v)) {
      // Personal data stays out of the audit log, which admins browse.
      AppendJsonString(out, kind.fields[i].personal ? MaskPersonal(*text) : *text);
    } else {
      out += "null";
    }
  }
  out += '}';
  return out;
}

}  // namespace xiezuo::store::record_sql
