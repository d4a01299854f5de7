// SqlStore: the Store written once over the SQL seam. The SQL here runs unchanged on SQLite
// and PostgreSQL; each statement is a named constant beside the code that runs it.
#include <algorithm>
#include <unordered_map>

#include "core/base64.h"
#include "core/clock.h"
#include "model/model_json.h"
#include "store/migrations.h"
#include "store/record_sql.h"
#include "store/sql_util.h"
#include "store/store.h"
#include "store/submission_sql.h"

namespace xiezuo::store {
namespace {

using model::Institution;
using model::Region;
using model::RegionLevel;
using model::Role;
using model::User;
using nlohmann::json;

// ---- shipped roles ----

// "{group}:read" (and ":edit") for every group of cooperation records.
std::vector<std::string> RecordPermissions(bool edit) {
  std::vector<std::string> out;
  for (const model::RecordKind& k : model::RecordKinds()) {
    for (const std::string& p : {k.group + ":read", k.group + ":edit"}) {
      if ((edit || p.ends_with(":read")) && std::find(out.begin(), out.end(), p) == out.end()) {
        out.push_back(p);
      }
    }
  }
  return out;
}

std::vector<Role> MakeShippedRoles() {
  using namespace model::perm;
  auto with = [](std::vector<std::string> base, const std::vector<std::string>& more) {
    base.insert(base.end(), more.begin(), more.end());
    return base;
  };
  std::vector<std::string> office =
      with({kRegionRead, kInstitutionRead, kInstitutionEdit, kAnalyticsRead, kDatasetRead,
            kDatasetEnter, kDatasetApprove, kAssessmentRead},
           RecordPermissions(true));
  std::vector<std::string> office_admin = with(office, {kUserRead, kRoleRead});
  return {
      {"admin", "系统管理员", "System administrator",
       with({kRegionRead, kInstitutionRead, kInstitutionEdit, kUserRead, kUserEdit, kRoleRead,
             kAuditRead, kPersonalRead, kAnalyticsRead, kDatasetRead, kDatasetEnter,
             kDatasetApprove, kDatasetAdmin, kAssessmentRead, kAssessmentAdmin},
            RecordPermissions(true))},
      {"province_office", "省级协作办", "Province office", office_admin},
      {"city_office", "市级协作办", "City office", office_admin},
      // The county office enters labour placements, so it may see the workers' names.
      {"county_office", "县级协作办", "County office", with(office, {kPersonalRead})},
      {"viewer", "只读查看", "Read-only viewer",
       with({kRegionRead, kInstitutionRead, kAnalyticsRead, kDatasetRead, kAssessmentRead},
            RecordPermissions(false))},
  };
}

// ---- SQL ----

constexpr const char* kInsertAttachment =
    "INSERT INTO record_attachment (kind, record_id, filename, content_type, size, data, "
    "uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

constexpr const char* kUpsertRegionStage =
    "INSERT INTO region (code, name, level, parent_code, child_count) "
    "SELECT code, name, level, parent_code, child_count FROM region_import WHERE 1 = 1 "
    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, "
    "parent_code = excluded.parent_code, child_count = excluded.child_count";
constexpr const char* kRegionColumns = "code, name, level, parent_code, child_count";
constexpr const char* kGetRegion =
    "SELECT code, name, level, parent_code, child_count FROM region WHERE code = ?";
constexpr const char* kCountChildren = "SELECT count(*) FROM region WHERE parent_code = ?";
constexpr const char* kListChildren =
    "SELECT code, name, level, parent_code, child_count FROM region WHERE parent_code = ? "
    "ORDER BY code LIMIT ? OFFSET ?";
constexpr const char* kCountByLevel = "SELECT level, count(*) FROM region GROUP BY level";
constexpr const char* kAllRegions =
    "SELECT code, name, level, parent_code, child_count FROM region ORDER BY code";

constexpr const char* kInstitutionSelect =
    "SELECT i.id, i.name, i.kind, i.region_code, r.name, i.credit_code, i.address, i.contact, "
    "i.created_at, i.updated_at FROM institution i JOIN region r ON r.code = i.region_code ";
constexpr const char* kInsertInstitution =
    "INSERT INTO institution (name, kind, region_code, credit_code, address, contact, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kUpdateInstitution =
    "UPDATE institution SET name = ?, kind = ?, region_code = ?, credit_code = ?, address = ?, "
    "contact = ?, updated_at = ? WHERE id = ? AND deleted_at = 0";
constexpr const char* kDeleteInstitution =
    "UPDATE institution SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at = 0";

constexpr const char* kUserSelect =
    "SELECT id, username, display_name, role, scope_region_code, scope_institution_id, "
    "disabled, created_at, last_login_at, password_hash FROM app_user ";
constexpr const char* kInsertUser =
    "INSERT INTO app_user (username, display_name, role, scope_region_code, "
    "scope_institution_id, disabled, password_hash, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kUpdateUser =
    "UPDATE app_user SET display_name = ?, role = ?, scope_region_code = ?, "
    "scope_institution_id = ?, disabled = ?, updated_at = ? WHERE id = ?";
constexpr const char* kSetPassword =
    "UPDATE app_user SET password_hash = ?, updated_at = ? WHERE id = ?";
constexpr const char* kDeleteUserSessions = "DELETE FROM user_session WHERE user_id = ?";
constexpr const char* kDeleteOtherSessions =
    "DELETE FROM user_session WHERE user_id = ? AND token_hash <> ?";
constexpr const char* kRecordLogin = "UPDATE app_user SET last_login_at = ? WHERE id = ?";
constexpr const char* kUpsertRole =
    "INSERT INTO role (code, name, name_en, permissions) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, "
    "permissions = excluded.permissions";
constexpr const char* kListRoles =
    "SELECT code, name, name_en, permissions FROM role ORDER BY code";

constexpr const char* kInsertSession =
    "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, expires_at, "
    "absolute_expires_at, remote_addr) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kGetSession =
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at, absolute_expires_at, "
    "remote_addr FROM user_session WHERE token_hash = ?";
constexpr const char* kExtendSession =
    "UPDATE user_session SET expires_at = ? WHERE token_hash = ?";
constexpr const char* kDeleteSession = "DELETE FROM user_session WHERE token_hash = ?";
constexpr const char* kPurgeSessions =
    "DELETE FROM user_session WHERE expires_at < ? OR absolute_expires_at < ?";

constexpr const char* kListAssessmentTemplates =
    "SELECT id, year, side, version, body, created_at, created_by FROM assessment_template "
    "WHERE year = ? AND side = ? ORDER BY version";
constexpr const char* kInsertAssessmentTemplate =
    "INSERT INTO assessment_template (year, side, version, body, created_at, created_by) "
    "SELECT ?, ?, COALESCE(MAX(version), 0) + 1, ?, ?, ? FROM assessment_template "
    "WHERE year = ? AND side = ? RETURNING id, version";

constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, "
    "after_json, remote_addr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

// ---- row mapping ----

Region RegionFromRow(const Row& row) {
  return Region{row.Text(0), row.Text(1), static_cast<RegionLevel>(row.Int(2)), row.Text(3),
                row.Int(4)};
}

Institution InstitutionFromRow(const Row& row) {
  Institution i;
  i.id = row.Int(0);
  i.name = row.Text(1);
  i.kind = model::ParseInstitutionKind(row.Text(2)).value_or(model::InstitutionKind::kSchool);
  i.region_code = row.Text(3);
  i.region_name = row.Text(4);
  i.credit_code = row.Text(5);
  i.address = row.Text(6);
  i.contact = row.Text(7);
  i.created_at = row.Int(8);
  i.updated_at = row.Int(9);
  return i;
}

User UserFromRow(const Row& row) {
  User u;
  u.id = row.Int(0);
  u.username = row.Text(1);
  u.display_name = row.Text(2);
  u.role = row.Text(3);
  u.scope_region_code = row.Text(4);
  u.scope_institution_id = row.Int(5);
  u.disabled = row.Int(6) != 0;
  u.created_at = row.Int(7);
  u.last_login_at = row.Int(8);
  u.password_hash = row.Text(9);
  return u;
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class SqlStore : public Store {
 public:
  SqlStore(std::unique_ptr<Pool> pool, int version) : pool_(std::move(pool)), version_(version) {}

  Pool& pool() override { return *pool_; }
  int schema_version() const override { return version_; }

  // ---- regions ----

  Status UpsertRegions(const std::vector<Region>& regions,
                       const std::function<void(int64_t)>& progress) override {
    std::unordered_map<std::string_view, int64_t> children;
    for (const Region& r : regions) {
      if (!r.parent_code.empty()) ++children[r.parent_code];
    }
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    RETURN_IF_ERROR(conn->ExecuteScript(
        "CREATE TEMPORARY TABLE IF NOT EXISTS region_import (code TEXT, name TEXT, level BIGINT, "
        "parent_code TEXT, child_count BIGINT)"));
    RETURN_IF_ERROR(conn->ExecuteScript("DELETE FROM region_import"));
    constexpr size_t kChunk = 50000;
    std::vector<std::string> columns = {"code", "name", "level", "parent_code", "child_count"};
    std::vector<std::vector<Value>> rows;
    rows.reserve(kChunk);
    for (size_t i = 0; i < regions.size(); ++i) {
      const Region& r = regions[i];
      auto it = children.find(r.code);
      rows.push_back({Text(r.code), Text(r.name), Int(static_cast<int>(r.level)),
                      Text(r.parent_code), Int(it == children.end() ? 0 : it->second)});
      if (rows.size() == kChunk || i + 1 == regions.size()) {
        RETURN_IF_ERROR(conn->BulkInsert("region_import", columns, rows));
        rows.clear();
        if (progress) progress(static_cast<int64_t>(i + 1));
      }
    }
    RETURN_IF_ERROR(conn->Execute(kUpsertRegionStage).status());
    RETURN_IF_ERROR(conn->ExecuteScript("DELETE FROM region_import"));
    return tx.Commit();
  }

  Result<Region> GetRegion(const std::string& code) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    ASSIGN_OR_RETURN(QueryResult r, conn->Execute(kGetRegion, {Text(code)}));
    if (r.rows.empty()) return NotFound("no region with code " + code);
    return RegionFromRow(r.rows[0]);
  }

  Result<std::vector<Region>> GetRegions(const std::vector<std::string>& codes) override {
    std::vector<Region> out;
    if (codes.empty()) return out;
    std::string sql = std::string("SELECT ") + kRegionColumns + " FROM region WHERE code IN (";
    std::vector<Value> params;
    for (size_t i = 0; i < codes.size(); ++i) {
      sql += i ? ",?" : "?";
      params.push_back(Text(codes[i]));
    }
    sql += ")";
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    ASSIGN_OR_RETURN(QueryResult r, conn->Execute(sql, params));
    for (const Row& row : r.rows) out.push_back(RegionFromRow(row));
    return out;
  }

  Result<Page<Region>> ListChildren(const std::string& code, const PageRequest& page) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    ASSIGN_OR_RETURN(QueryResult count, conn->Execute(kCountChildren, {Text(code)}));
    ASSIGN_OR_RETURN(
        QueryResult rows,
        conn->Execute(kListChildren, {Text(code), Int(page.page_size), Int(page.Offset())}));
    Page<Region> out{{}, count.rows[0].Int(0), page.page, page.page_size};
    for (const Row& row : rows.rows) out.items.push_back(RegionFromRow(row));
    return out;
  }

  Result<std::vector<Region>> RegionPath(const std::string& code) override {
    auto level = model::LevelOfCode(code);
    if (!level) return NotFound("no region with code " + code);
    std::vector<std::string> codes;
    for (int l = 1; l <= static_cast<int>(*level); ++l) {
      codes.push_back(code.substr(0, model::RegionCodeLength(static_cast<RegionLevel>(l))));
    }
    ASSIGN_OR_RETURN(std::vector<Region> regions, GetRegions(codes));
    if (regions.size() != codes.size()) return NotFound("no region with code " + code);
    std::sort(regions.begin(), regions.end(),
              [](const Region& a, const Region& b) { return a.code.size() < b.code.size(); });
    return regions;
  }

  Result<Page<Region>> SearchRegions(const std::string& query, const std::string& within,
                                     const PageRequest& page) override {
    Where where;
    if (!within.empty()) {
      where.Add("code >= ? AND code < ?", {Text(within), Text(model::SubtreeUpperBound(within))});
    }
    if (AllDigits(query)) {
      where.Add("code >= ? AND code < ?", {Text(query), Text(model::SubtreeUpperBound(query))});
    } else if (!query.empty()) {
      where.Add("name LIKE ? ESCAPE '\\'", {Text(ContainsPattern(query))});
    }
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    ASSIGN_OR_RETURN(QueryResult count,
                     conn->Execute("SELECT count(*) FROM region " + where.sql(), where.Params()));
    ASSIGN_OR_RETURN(QueryResult rows,
                     conn->Execute(std::string("SELECT ") + kRegionColumns + " FROM region " +
                                       where.sql() + " ORDER BY code LIMIT ? OFFSET ?",
                                   where.ParamsWithPage(page)));
    Page<Region> out{{}, count.rows[0].Int(0), page.page, page.page_size};
    for (const Row& row : rows.rows) out.items.push_back(RegionFromRow(row));
    return out;
  }

  Result<std::map<RegionLevel, int64_t>> CountRegionsByLevel() override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    ASSIGN_OR_RETURN(QueryResult r, conn->Execute(kCountByLevel));
    std::map<RegionLevel, int64_t> out;
    for (const Row& row : r.rows) out[static_cast<RegionLevel>(row.Int(0))] = row.Int(1);
    return out;
  }

  Result<std::vector<Region>> AllRegions() override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    std::vector<Region> out;
    RETURN_IF_ERROR(conn->ForEachRow(kAllRegions, {},
                                     [&](const Row& row) { out.push_back(RegionFromRow(row)); }));
    return out;
  }

  // ---- institutions ----

  Result<Institution> CreateInstitution(const Institution& inst, const Actor& actor) override {
    RETURN_IF_ERROR(model::ValidateInstitution(inst));
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    RETURN_IF_ERROR(CheckRegionExists(*conn, inst.region_code));
    RETURN_IF_ERROR(CheckCreditCodeFree(*conn, inst.credit_code, 0));
    int64_t now = Clock::Real().NowSeconds();
    ASSIGN_OR_RETURN(QueryResult r,
                     conn->Execute(kInsertInstitution,
                                   {Text(inst.name), Text(model::InstitutionKindName(inst.kind)),
                                    Text(inst.region_code), Text(inst.credit_code),
                                    Text(inst.address), Text(inst.contact), Int(now), Int(now)}));
    ASSIGN_OR_RETURN(Institution created, LoadInstitution(*conn, r.rows.at(0).Int(0)));
    RETURN_IF_ERROR(WriteAudit(*conn, actor, "create", "institution", created.id, json(),
                               model::ToJson(created)));
    RETURN_IF_ERROR(tx.Commit());
    return created;
  }

  Result<Institution> GetInstitution(int64_t id) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return LoadInstitution(*conn, id);
  }

  Result<Institution> UpdateInstitution(const Institution& inst, const Actor& actor) override {
    RETURN_IF_ERROR(model::ValidateInstitution(inst));
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    ASSIGN_OR_RETURN(Institution before, LoadInstitution(*conn, inst.id));
    RETURN_IF_ERROR(CheckRegionExists(*conn, inst.region_code));
    RETURN_IF_ERROR(CheckCreditCodeFree(*conn, inst.credit_code, inst.id));
    RETURN_IF_ERROR(
        conn->Execute(kUpdateInstitution,
                      {Text(inst.name), Text(model::InstitutionKindName(inst.kind)),
                       Text(inst.region_code), Text(inst.credit_code), Text(inst.address),
                       Text(inst.contact), Int(Clock::Real().NowSeconds()), Int(inst.id)})
            .status());
    ASSIGN_OR_RETURN(Institution after, LoadInstitution(*conn, inst.id));
    RETURN_IF_ERROR(WriteAudit(*conn, actor, "update", "institution", inst.id,
                               model::ToJson(before), model::ToJson(after)));
    RETURN_IF_ERROR(tx.Commit());
    return after;
  }

  Status DeleteInstitution(int64_t id, const Actor& actor) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    ASSIGN_OR_RETURN(Institution before, LoadInstitution(*conn, id));
    int64_t now = Clock::Real().NowSeconds();
    RETURN_IF_ERROR(conn->Execute(kDeleteInstitution, {Int(now), Int(now), Int(id)}).status());
    RETURN_IF_ERROR(
        WriteAudit(*conn, actor, "delete", "institution", id, model::ToJson(before), json()));
    return tx.Commit();
  }

  Result<Page<Institution>> ListInstitutions(const InstitutionFilter& filter,
                                             const PageRequest& page) override {
    Where where;
    where.Add("i.deleted_at = 0");
    if (!filter.within_region.empty()) {
      where.Add("i.region_code >= ? AND i.region_code < ?",
                {Text(filter.within_region), Text(model::SubtreeUpperBound(filter.within_region))});
    }
    if (filter.kind) where.Add("i.kind = ?", {Text(model::InstitutionKindName(*filter.kind))});
    if (!filter.name_contains.empty()) {
      where.Add("i.name LIKE ? ESCAPE '\\'", {Text(ContainsPattern(filter.name_contains))});
    }
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    ASSIGN_OR_RETURN(
        QueryResult count,
        conn->Execute("SELECT count(*) FROM institution i " + where.sql(), where.Params()));
    ASSIGN_OR_RETURN(QueryResult rows, conn->Execute(kInstitutionSelect + where.sql() +
                                                         " ORDER BY i.id DESC LIMIT ? OFFSET ?",
                                                     where.ParamsWithPage(page)));
    Page<Institution> out{{}, count.rows[0].Int(0), page.page, page.page_size};
    for (const Row& row : rows.rows) out.items.push_back(InstitutionFromRow(row));
    return out;
  }

  // ---- cooperation records ----

  Result<std::vector<RowIssue>> CheckRecords(const model::RecordKind& kind,
                                             std::vector<model::Record>& records,
                                             const RowCheck& row_check) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return record_sql::Check(*conn, kind, records, row_check);
  }

  // The listeners run after the write's connection is back in the pool: they may read.
  Result<std::vector<int64_t>> InsertRecords(const model::RecordKind& kind,
                                             std::vector<model::Record>& records,
                                             const Actor& actor, const InsertOptions& options,
                                             std::vector<RowIssue>* issues) override {
    RecordChange change;
    ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                     InsertRecordsTx(kind, records, actor, options, issues,
                                     listeners_.empty() ? nullptr : &change));
    if (!listeners_.empty()) Notify(change);
    return ids;
  }

  Result<model::Record> UpdateRecord(const model::RecordKind& kind, model::Record record,
                                     const Actor& actor, std::vector<RowIssue>* issues) override {
    RecordChange change;
    ASSIGN_OR_RETURN(model::Record after, UpdateRecordTx(kind, std::move(record), actor, issues));
    if (!listeners_.empty()) {
      change.written.emplace_back(&kind, &after);
      if (!model::ChildKinds(kind.key).empty()) {
        change.moved_children_of.emplace_back(&kind, after.id);
      }
      Notify(change);
    }
    return after;
  }

  Status DeleteRecord(const model::RecordKind& kind, int64_t id, const Actor& actor) override {
    RecordChange change;
    RETURN_IF_ERROR(DeleteRecordTx(kind, id, actor, change.deleted));
    if (!listeners_.empty()) Notify(change);
    return Status::Ok();
  }

  Result<std::vector<int64_t>> InsertRecordsTx(const model::RecordKind& kind,
                                               std::vector<model::Record>& records,
                                               const Actor& actor, const InsertOptions& options,
                                               std::vector<RowIssue>* issues,
                                               RecordChange* change) {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    ASSIGN_OR_RETURN(std::vector<RowIssue> found,
                     record_sql::Check(*conn, kind, records, options.row_check));
    std::vector<bool> bad(records.size(), false);
    for (const RowIssue& i : found) bad[i.index] = true;
    if (!found.empty() && !options.skip_bad_rows) {
      return RejectRows(found, records.size(), issues);
    }
    if (issues != nullptr) *issues = found;
    int64_t now = Clock::Real().NowSeconds();
    std::vector<model::Record*> good;
    good.reserve(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      if (!bad[i]) good.push_back(&records[i]);
    }
    ASSIGN_OR_RETURN(std::vector<int64_t> new_ids,
                     record_sql::InsertMany(*conn, kind, good, actor.username, now));
    // One audit row per record, appended in bulk; or one for an import.
    bool per_record = options.batch_source.empty();
    std::vector<std::vector<Value>> audit_rows;
    if (per_record) audit_rows.reserve(good.size());
    for (size_t k = 0; k < good.size(); ++k) {
      model::Record& r = *good[k];
      r.id = new_ids[k];
      r.version = 1;
      r.created_at = r.updated_at = now;
      r.created_by = r.updated_by = actor.username;
      if (kind.key == "pairing") RETURN_IF_ERROR(record_sql::WriteParties(*conn, kind, r, true));
      if (per_record) {
        audit_rows.push_back(AuditRow(actor, now, "create", kind.key, std::to_string(r.id), "",
                                      record_sql::AuditJson(kind, r)));
      }
    }
    if (!per_record && !good.empty()) {
      // The ids as ranges [first, last]: an import's ids are consecutive but for concurrent
      // writers on PostgreSQL.
      json ranges = json::array();
      for (size_t k = 0; k < new_ids.size(); ++k) {
        if (k > 0 && new_ids[k] == new_ids[k - 1] + 1) {
          ranges.back()[1] = new_ids[k];
        } else {
          ranges.push_back({new_ids[k], new_ids[k]});
        }
      }
      json summary = {{"source", options.batch_source}, {"records", good.size()}, {"ids", ranges}};
      // No entity_id: the row is about the batch (the ids are inside), not one record.
      audit_rows.push_back(AuditRow(actor, now, "import", kind.key, "", "", summary.dump()));
    }
    RETURN_IF_ERROR(conn->BulkInsert("audit_log", AuditColumns(), audit_rows));
    RETURN_IF_ERROR(tx.Commit());
    if (change != nullptr) {
      change->written.reserve(good.size());
      for (const model::Record* r : good) change->written.emplace_back(&kind, r);
    }
    std::vector<int64_t> ids;
    ids.reserve(records.size());
    for (size_t i = 0; i < records.size(); ++i) ids.push_back(bad[i] ? 0 : records[i].id);
    return ids;
  }

  Result<model::Record> GetRecord(const model::RecordKind& kind, int64_t id) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return record_sql::Load(*conn, kind, id);
  }

  Result<model::Record> UpdateRecordTx(const model::RecordKind& kind, model::Record record,
                                       const Actor& actor, std::vector<RowIssue>* issues) {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    ASSIGN_OR_RETURN(model::Record before, record_sql::Load(*conn, kind, record.id));
    if (!kind.parent_field.empty()) {
      // A child stays with its parent.
      record.Set(kind, kind.parent_field, before.Get(kind, kind.parent_field));
    }
    std::vector<model::Record> batch = {record};
    ASSIGN_OR_RETURN(std::vector<RowIssue> found, record_sql::Check(*conn, kind, batch, nullptr));
    if (!found.empty()) return RejectRows(found, 1, issues);
    int64_t now = Clock::Real().NowSeconds();
    RETURN_IF_ERROR(record_sql::Update(*conn, kind, batch[0], actor.username, now));
    ASSIGN_OR_RETURN(model::Record after, record_sql::Load(*conn, kind, record.id));
    if (kind.key == "pairing") RETURN_IF_ERROR(record_sql::WriteParties(*conn, kind, after, true));
    for (const model::RecordKind* child : model::ChildKinds(kind.key)) {
      RETURN_IF_ERROR(record_sql::PropagateToChildren(*conn, kind, after, *child));
    }
    RETURN_IF_ERROR(WriteAuditText(*conn, actor, "update", kind.key, record.id,
                                   record_sql::AuditJson(kind, before),
                                   record_sql::AuditJson(kind, after)));
    RETURN_IF_ERROR(tx.Commit());
    return after;
  }

  Status DeleteRecordTx(const model::RecordKind& kind, int64_t id, const Actor& actor,
                        std::vector<std::pair<const model::RecordKind*, int64_t>>& deleted) {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    RETURN_IF_ERROR(
        DeleteWithChildren(*conn, kind, id, actor, Clock::Real().NowSeconds(), deleted));
    return tx.Commit();
  }

  Result<RecordPage> ListRecords(const model::RecordKind& kind, const RecordFilter& filter,
                                 const PageRequest& page) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return record_sql::List(*conn, kind, filter, page);
  }

  Status ScanRecords(const model::RecordKind& kind, std::span<const std::string> fields,
                     const std::function<void(const model::Record&)>& fn) override {
    constexpr int kBatch = 5000;
    int64_t after = 0;
    while (true) {
      // A fresh lease per batch: a long scan does not hold a connection between batches.
      ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
      ASSIGN_OR_RETURN(int count, record_sql::ScanAfter(*conn, kind, fields, after, kBatch,
                                                        [&](const model::Record& r) {
                                                          after = r.id;
                                                          fn(r);
                                                        }));
      if (count < kBatch) return Status::Ok();
    }
  }

  void AddRecordListener(RecordListener listener) override {
    listeners_.push_back(std::move(listener));
  }

  Result<RecordAccess> GetRecordAccess(const model::RecordKind& kind, int64_t id,
                                       const std::string& scope) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return record_sql::Access(*conn, kind, id, scope);
  }

  Result<std::vector<GroupRow>> GroupRecords(const model::RecordKind& kind,
                                             const RecordFilter& filter,
                                             const GroupQuery& query) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return record_sql::Group(*conn, kind, filter, query);
  }

  Status SetAttachment(const model::RecordKind& kind, int64_t id, const Attachment& file,
                       const Actor& actor) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    RETURN_IF_ERROR(record_sql::Load(*conn, kind, id).status());
    int64_t now = Clock::Real().NowSeconds();
    RETURN_IF_ERROR(conn->Execute("DELETE FROM record_attachment WHERE kind = ? AND record_id = ?",
                                  {Text(kind.key), Int(id)})
                        .status());
    RETURN_IF_ERROR(
        conn->Execute(kInsertAttachment,
                      {Text(kind.key), Int(id), Text(file.filename), Text(file.content_type),
                       Int(static_cast<int64_t>(file.bytes.size())), Text(Base64Encode(file.bytes)),
                       Int(now), Text(actor.username)})
            .status());
    json meta = {{"filename", file.filename},
                 {"content_type", file.content_type},
                 {"size", file.bytes.size()}};
    RETURN_IF_ERROR(WriteAudit(*conn, actor, "attach", kind.key, id, json(), meta));
    return tx.Commit();
  }

  Result<Attachment> GetAttachment(const model::RecordKind& kind, int64_t id) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    ASSIGN_OR_RETURN(QueryResult r,
                     conn->Execute("SELECT filename, content_type, data, uploaded_at FROM "
                                   "record_attachment WHERE kind = ? AND record_id = ?",
                                   {Text(kind.key), Int(id)}));
    if (r.rows.empty()) return NotFound("the record has no attached file");
    ASSIGN_OR_RETURN(std::string bytes, Base64Decode(r.rows[0].Text(2)));
    return Attachment{r.rows[0].Text(0), r.rows[0].Text(1), std::move(bytes), r.rows[0].Int(3)};
  }

  // ---- aggregate data entry ----

  Result<std::optional<Submission>> FindSubmission(const std::string& dataset,
                                                   const std::string& region_code,
                                                   const std::string& period) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return submission_sql::Find(*conn, dataset, region_code, period);
  }

  Result<std::vector<Submission>> ListSubmissions(const SubmissionFilter& filter,
                                                  size_t limit) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return submission_sql::List(*conn, filter, limit);
  }

  Status ScanSubmissions(const std::function<void(const Submission&)>& fn) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return submission_sql::Scan(*conn, fn);
  }

  // The listeners run after the write's connection is back in the pool: they may read.
  Result<Submission> WriteSubmission(const Submission& submission, const SubmissionEvent& event,
                                     const Actor& actor) override {
    std::optional<Submission> before;
    ASSIGN_OR_RETURN(Submission after, WriteSubmissionTx(submission, event, actor, before));
    for (const SubmissionListener& listener : submission_listeners_) {
      listener(before ? &*before : nullptr, after);
    }
    return after;
  }

  Result<std::vector<SubmissionEvent>> ListSubmissionEvents(int64_t submission_id) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return submission_sql::Events(*conn, submission_id);
  }

  Result<std::map<std::string, int>> DatasetDeadlines() override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return submission_sql::Deadlines(*conn);
  }

  Status SetDatasetDeadline(const std::string& dataset, int days, const Actor& actor) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    int64_t now = Clock::Real().NowSeconds();
    ASSIGN_OR_RETURN(auto old, submission_sql::Deadlines(*conn));
    RETURN_IF_ERROR(submission_sql::SetDeadline(*conn, dataset, days, actor, now));
    auto it = old.find(dataset);
    RETURN_IF_ERROR(
        WriteAuditText(*conn, actor, "update", "dataset", dataset,
                       it == old.end() ? "" : json({{"deadline_days", it->second}}).dump(),
                       json({{"deadline_days", days}}).dump()));
    return tx.Commit();
  }

  void AddSubmissionListener(SubmissionListener listener) override {
    submission_listeners_.push_back(std::move(listener));
  }

  Result<SubmissionFile> AddSubmissionFile(int64_t submission_id, const std::string& field,
                                           const Attachment& file, const Actor& actor) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    ASSIGN_OR_RETURN(SubmissionFile added,
                     submission_sql::AddFile(*conn, submission_id, field, file, actor,
                                             Clock::Real().NowSeconds()));
    RETURN_IF_ERROR(WriteAudit(*conn, actor, "attach", "submission", submission_id, json(),
                               submission_sql::FileJson(added)));
    RETURN_IF_ERROR(tx.Commit());
    return added;
  }

  Result<std::vector<SubmissionFile>> ListSubmissionFiles(int64_t submission_id) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return submission_sql::Files(*conn, submission_id);
  }

  Result<std::pair<SubmissionFile, Attachment>> GetSubmissionFile(int64_t id) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return submission_sql::GetFile(*conn, id);
  }

  Status DeleteSubmissionFile(int64_t id, const Actor& actor) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    ASSIGN_OR_RETURN(auto found, submission_sql::GetFile(*conn, id));
    RETURN_IF_ERROR(submission_sql::DeleteFile(*conn, id));
    RETURN_IF_ERROR(WriteAudit(*conn, actor, "detach", "submission", found.first.submission_id,
                               submission_sql::FileJson(found.first), json()));
    return tx.Commit();
  }

  // ---- assessment templates ----

  Result<std::vector<AssessmentTemplateVersion>> ListAssessmentTemplates(
      int year, const std::string& side) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    ASSIGN_OR_RETURN(QueryResult r,
                     conn->Execute(kListAssessmentTemplates, {Int(year), Text(side)}));
    std::vector<AssessmentTemplateVersion> out;
    for (const Row& row : r.rows) {
      out.push_back({row.Int(0), static_cast<int>(row.Int(1)), row.Text(2),
                     static_cast<int>(row.Int(3)), row.Text(4), row.Int(5), row.Text(6)});
    }
    return out;
  }

  Result<AssessmentTemplateVersion> AddAssessmentTemplate(int year, const std::string& side,
                                                          const std::string& body,
                                                          const Actor& actor) override {
    if (side != "east" && side != "west") {
      return InvalidArgument("the side must be east or west", {{"side", "east or west"}});
    }
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    const int64_t now = Clock::Real().NowSeconds();
    // The writer holds the write lock (SQLite) or the unique key refuses a racing twin
    // (PostgreSQL), so two edits never get the same version.
    ASSIGN_OR_RETURN(QueryResult r, conn->Execute(kInsertAssessmentTemplate,
                                                  {Int(year), Text(side), Text(body), Int(now),
                                                   Text(actor.username), Int(year), Text(side)}));
    if (r.rows.size() != 1) return Internal("inserting an assessment template returned no id");
    AssessmentTemplateVersion v{
        r.rows[0].Int(0), year, side, static_cast<int>(r.rows[0].Int(1)), body, now,
        actor.username};
    RETURN_IF_ERROR(WriteAuditText(
        *conn, actor, "create", "assessment_template",
        std::to_string(year) + "/" + side + "/" + std::to_string(v.version), "", body));
    RETURN_IF_ERROR(tx.Commit());
    return v;
  }

  // ---- accounts ----

  Result<User> CreateUser(const User& user, const Actor& actor) override {
    RETURN_IF_ERROR(model::ValidateUserFields(user));
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    RETURN_IF_ERROR(CheckRoleAndScope(*conn, user));
    int64_t now = Clock::Real().NowSeconds();
    auto inserted = conn->Execute(
        kInsertUser, {Text(user.username), Text(user.display_name), Text(user.role),
                      Text(user.scope_region_code), Int(user.scope_institution_id),
                      Int(user.disabled ? 1 : 0), Text(user.password_hash), Int(now), Int(now)});
    if (!inserted.ok() && inserted.status().code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("the username is taken", {{"username", "is already taken"}});
    }
    RETURN_IF_ERROR(inserted.status());
    ASSIGN_OR_RETURN(User created, LoadUser(*conn, "WHERE id = ?", Int(inserted->rows[0].Int(0))));
    RETURN_IF_ERROR(
        WriteAudit(*conn, actor, "create", "user", created.id, json(), model::ToJson(created)));
    RETURN_IF_ERROR(tx.Commit());
    return created;
  }

  Result<User> GetUser(int64_t id) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return LoadUser(*conn, "WHERE id = ?", Int(id));
  }

  Result<User> FindUserByName(const std::string& username) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    return LoadUser(*conn, "WHERE username = ?", Text(username));
  }

  Result<User> UpdateUser(const User& user, const Actor& actor) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    ASSIGN_OR_RETURN(User before, LoadUser(*conn, "WHERE id = ?", Int(user.id)));
    User merged = before;
    merged.display_name = user.display_name;
    merged.role = user.role;
    merged.scope_region_code = user.scope_region_code;
    merged.scope_institution_id = user.scope_institution_id;
    merged.disabled = user.disabled;
    RETURN_IF_ERROR(model::ValidateUserFields(merged));
    RETURN_IF_ERROR(CheckRoleAndScope(*conn, merged));
    RETURN_IF_ERROR(
        conn->Execute(kUpdateUser,
                      {Text(merged.display_name), Text(merged.role), Text(merged.scope_region_code),
                       Int(merged.scope_institution_id), Int(merged.disabled ? 1 : 0),
                       Int(Clock::Real().NowSeconds()), Int(merged.id)})
            .status());
    if (merged.disabled) {
      RETURN_IF_ERROR(conn->Execute(kDeleteUserSessions, {Int(merged.id)}).status());
    }
    ASSIGN_OR_RETURN(User after, LoadUser(*conn, "WHERE id = ?", Int(user.id)));
    RETURN_IF_ERROR(WriteAudit(*conn, actor, "update", "user", user.id, model::ToJson(before),
                               model::ToJson(after)));
    RETURN_IF_ERROR(tx.Commit());
    return after;
  }

  Status SetPasswordHash(int64_t user_id, const std::string& hash, const Actor& actor,
                         const std::string& keep_session) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    ASSIGN_OR_RETURN(User before, LoadUser(*conn, "WHERE id = ?", Int(user_id)));
    RETURN_IF_ERROR(
        conn->Execute(kSetPassword, {Text(hash), Int(Clock::Real().NowSeconds()), Int(user_id)})
            .status());
    RETURN_IF_ERROR(
        conn->Execute(kDeleteOtherSessions, {Int(user_id), Text(keep_session)}).status());
    // The audit row says that the password changed, never what it is.
    RETURN_IF_ERROR(WriteAudit(*conn, actor, "password_change", "user", user_id, json(),
                               json{{"username", before.username}}));
    return tx.Commit();
  }

  Result<Page<User>> ListUsers(const std::string& query, const std::string& within,
                               const PageRequest& page) override {
    Where where;
    if (!within.empty()) {
      where.Add("scope_region_code >= ? AND scope_region_code < ?",
                {Text(within), Text(model::SubtreeUpperBound(within))});
    }
    if (!query.empty()) {
      std::string like = ContainsPattern(query);
      where.Add("(username LIKE ? ESCAPE '\\' OR display_name LIKE ? ESCAPE '\\')",
                {Text(like), Text(like)});
    }
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    ASSIGN_OR_RETURN(QueryResult count,
                     conn->Execute("SELECT count(*) FROM app_user " + where.sql(), where.Params()));
    ASSIGN_OR_RETURN(QueryResult rows,
                     conn->Execute(kUserSelect + where.sql() + " ORDER BY id LIMIT ? OFFSET ?",
                                   where.ParamsWithPage(page)));
    Page<User> out{{}, count.rows[0].Int(0), page.page, page.page_size};
    for (const Row& row : rows.rows) out.items.push_back(UserFromRow(row));
    return out;
  }

  Status RecordLogin(int64_t user_id, int64_t at) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    return conn->Execute(kRecordLogin, {Int(at), Int(user_id)}).status();
  }

  Status UpsertRoles(const std::vector<Role>& roles) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    for (const Role& r : roles) {
      RETURN_IF_ERROR(conn->Execute(kUpsertRole, {Text(r.code), Text(r.name), Text(r.name_en),
                                                  Text(json(r.permissions).dump())})
                          .status());
    }
    return tx.Commit();
  }

  Result<std::vector<Role>> ListRoles() override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    ASSIGN_OR_RETURN(QueryResult r, conn->Execute(kListRoles));
    std::vector<Role> out;
    for (const Row& row : r.rows) {
      Role role{row.Text(0), row.Text(1), row.Text(2), {}};
      json perms = json::parse(row.Text(3), nullptr, false);
      if (perms.is_array()) {
        for (const auto& p : perms) role.permissions.push_back(p.get<std::string>());
      }
      out.push_back(std::move(role));
    }
    return out;
  }

  // ---- sessions ----

  Status CreateSession(const Session& s) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    return conn
        ->Execute(kInsertSession,
                  {Text(s.token_hash), Int(s.user_id), Text(s.csrf_token), Int(s.created_at),
                   Int(s.expires_at), Int(s.absolute_expires_at), Text(s.remote_addr)})
        .status();
  }

  Result<Session> GetSession(const std::string& token_hash) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    ASSIGN_OR_RETURN(QueryResult r, conn->Execute(kGetSession, {Text(token_hash)}));
    if (r.rows.empty()) return NotFound("no such session");
    const Row& row = r.rows[0];
    return Session{row.Text(0), row.Int(1), row.Text(2), row.Int(3),
                   row.Int(4),  row.Int(5), row.Text(6)};
  }

  Status ExtendSession(const std::string& token_hash, int64_t expires_at) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    return conn->Execute(kExtendSession, {Int(expires_at), Text(token_hash)}).status();
  }

  Status DeleteSession(const std::string& token_hash) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    return conn->Execute(kDeleteSession, {Text(token_hash)}).status();
  }

  Result<int64_t> PurgeSessions(int64_t now) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    ASSIGN_OR_RETURN(QueryResult r, conn->Execute(kPurgeSessions, {Int(now), Int(now)}));
    return r.affected_rows;
  }

  // ---- audit ----

  Status AppendAudit(const AuditEntry& e) override {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    return InsertAudit(*conn, e);
  }

  Result<Page<AuditEntry>> ListAudit(const AuditFilter& f, const PageRequest& page) override {
    Where where;
    if (!f.entity.empty()) where.Add("entity = ?", {Text(f.entity)});
    if (!f.entity_id.empty()) where.Add("entity_id = ?", {Text(f.entity_id)});
    if (!f.action.empty()) where.Add("action = ?", {Text(f.action)});
    if (!f.username.empty()) where.Add("username = ?", {Text(f.username)});
    if (f.from > 0) where.Add("at >= ?", {Int(f.from)});
    if (f.to > 0) where.Add("at < ?", {Int(f.to)});
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kRead));
    ASSIGN_OR_RETURN(
        QueryResult count,
        conn->Execute("SELECT count(*) FROM audit_log " + where.sql(), where.Params()));
    ASSIGN_OR_RETURN(
        QueryResult rows,
        conn->Execute("SELECT id, at, user_id, username, action, entity, entity_id, before_json, "
                      "after_json, remote_addr FROM audit_log " +
                          where.sql() + " ORDER BY id DESC LIMIT ? OFFSET ?",
                      where.ParamsWithPage(page)));
    Page<AuditEntry> out{{}, count.rows[0].Int(0), page.page, page.page_size};
    for (const Row& row : rows.rows) {
      out.items.push_back({row.Int(0), row.Int(1), row.Int(2), row.Text(3), row.Text(4),
                           row.Text(5), row.Text(6), row.Text(7), row.Text(8), row.Text(9)});
    }
    return out;
  }

 private:
  // Fills `*issues` and returns the kInvalidArgument that InsertRecords/UpdateRecord promise.
  static Status RejectRows(std::vector<RowIssue>& found, size_t batch,
                           std::vector<RowIssue>* issues) {
    std::string message = batch == 1 ? "the record has invalid fields"
                                     : std::to_string(found.size()) + " problems in " +
                                           std::to_string(batch) + " records; nothing was written";
    std::vector<FieldError> details;
    details.reserve(found.size());
    for (const RowIssue& i : found) {
      details.push_back({i.issue.field, model::IssueText(i.issue)});
    }
    if (issues != nullptr) *issues = std::move(found);
    return InvalidArgument(message, details);
  }

  // Soft-deletes a record and, first, its live children; audits each; lists each in `deleted`.
  static Status DeleteWithChildren(
      Connection& conn, const model::RecordKind& kind, int64_t id, const Actor& actor, int64_t now,
      std::vector<std::pair<const model::RecordKind*, int64_t>>& deleted) {
    ASSIGN_OR_RETURN(model::Record before, record_sql::Load(conn, kind, id));
    for (const model::RecordKind* child : model::ChildKinds(kind.key)) {
      ASSIGN_OR_RETURN(std::vector<int64_t> ids, record_sql::ChildIds(conn, *child, id));
      for (int64_t child_id : ids) {
        RETURN_IF_ERROR(DeleteWithChildren(conn, *child, child_id, actor, now, deleted));
      }
    }
    deleted.emplace_back(&kind, id);
    RETURN_IF_ERROR(record_sql::SoftDelete(conn, kind, id, actor.username, now));
    if (kind.key == "pairing") RETURN_IF_ERROR(record_sql::WriteParties(conn, kind, before, false));
    return WriteAuditText(conn, actor, "delete", kind.key, id, record_sql::AuditJson(kind, before),
                          "");
  }

  Result<Institution> LoadInstitution(Connection& conn, int64_t id) {
    ASSIGN_OR_RETURN(QueryResult r, conn.Execute(std::string(kInstitutionSelect) +
                                                     "WHERE i.id = ? AND i.deleted_at = 0",
                                                 {Int(id)}));
    if (r.rows.empty()) return NotFound("no institution with id " + std::to_string(id));
    return InstitutionFromRow(r.rows[0]);
  }

  Result<User> LoadUser(Connection& conn, const char* where, const Value& key) {
    ASSIGN_OR_RETURN(QueryResult r, conn.Execute(std::string(kUserSelect) + where, {key}));
    if (r.rows.empty()) return NotFound("no such user");
    return UserFromRow(r.rows[0]);
  }

  static Status CheckRegionExists(Connection& conn, const std::string& code) {
    ASSIGN_OR_RETURN(QueryResult r, conn.Execute(kGetRegion, {Text(code)}));
    if (r.rows.empty()) {
      return InvalidArgument("unknown region", {{"region_code", "no region has code " + code}});
    }
    return Status::Ok();
  }

  static Status CheckCreditCodeFree(Connection& conn, const std::string& credit_code,
                                    int64_t self_id) {
    if (credit_code.empty()) return Status::Ok();
    ASSIGN_OR_RETURN(QueryResult r,
                     conn.Execute("SELECT id FROM institution WHERE credit_code = ? AND "
                                  "deleted_at = 0 AND id <> ?",
                                  {Text(credit_code), Int(self_id)}));
    if (!r.rows.empty()) {
      return AlreadyExists(
          "another institution has this credit code",
          {{"credit_code", "is already used by institution " + std::to_string(r.rows[0].Int(0))}});
    }
    return Status::Ok();
  }

  static Status CheckRoleAndScope(Connection& conn, const User& user) {
    std::vector<FieldError> errors;
    ASSIGN_OR_RETURN(QueryResult role,
                     conn.Execute("SELECT code FROM role WHERE code = ?", {Text(user.role)}));
    if (role.rows.empty()) errors.push_back({"role", "no role has code " + user.role});
    if (!user.scope_region_code.empty()) {
      ASSIGN_OR_RETURN(QueryResult r, conn.Execute(kGetRegion, {Text(user.scope_region_code)}));
      if (r.rows.empty()) {
        errors.push_back({"scope_region_code", "no region has code " + user.scope_region_code});
      }
    }
    if (!errors.empty()) return InvalidArgument("the user has invalid fields", errors);
    return Status::Ok();
  }

  static Status InsertAudit(Connection& conn, const AuditEntry& e) {
    auto nullable = [](const std::string& s) { return s.empty() ? Value(nullptr) : Text(s); };
    return conn
        .Execute(kInsertAudit,
                 {Int(e.at != 0 ? e.at : Clock::Real().NowSeconds()), Int(e.user_id),
                  Text(e.username), Text(e.action), Text(e.entity), Text(e.entity_id),
                  nullable(e.before_json), nullable(e.after_json), Text(e.remote_addr)})
        .status();
  }

  static const std::vector<std::string>& AuditColumns() {
    static const std::vector<std::string> kColumns = {"at",          "user_id",    "username",
                                                      "action",      "entity",     "entity_id",
                                                      "before_json", "after_json", "remote_addr"};
    return kColumns;
  }

  // One audit_log row in AuditColumns' order, for BulkInsert; "" for no JSON.
  static std::vector<Value> AuditRow(const Actor& actor, int64_t at, const std::string& action,
                                     const std::string& entity, const std::string& entity_id,
                                     std::string before_json, std::string after_json) {
    auto nullable = [](std::string s) { return s.empty() ? Value(nullptr) : Text(std::move(s)); };
    return {Int(at),
            Int(actor.user_id),
            Text(actor.username),
            Text(action),
            Text(entity),
            Text(entity_id),
            nullable(std::move(before_json)),
            nullable(std::move(after_json)),
            Text(actor.remote_addr)};
  }

  // Writes one audit row; the JSON texts are "" for none.
  static Status WriteAuditText(Connection& conn, const Actor& actor, const std::string& action,
                               const std::string& entity, const std::string& entity_id,
                               std::string before_json, std::string after_json) {
    AuditEntry e;
    e.user_id = actor.user_id;
    e.username = actor.username;
    e.remote_addr = actor.remote_addr;
    e.action = action;
    e.entity = entity;
    e.entity_id = entity_id;
    e.before_json = std::move(before_json);
    e.after_json = std::move(after_json);
    return InsertAudit(conn, e);
  }
  static Status WriteAuditText(Connection& conn, const Actor& actor, const std::string& action,
                               const std::string& entity, int64_t id, std::string before_json,
                               std::string after_json) {
    return WriteAuditText(conn, actor, action, entity, std::to_string(id), std::move(before_json),
                          std::move(after_json));
  }

  static Status WriteAudit(Connection& conn, const Actor& actor, const std::string& action,
                           const std::string& entity, int64_t id, const json& before,
                           const json& after) {
    return WriteAuditText(conn, actor, action, entity, id,
                          before.is_null() ? std::string() : before.dump(),
                          after.is_null() ? std::string() : after.dump());
  }

  // WriteSubmission's transaction; `before` receives the stored submission it replaced.
  Result<Submission> WriteSubmissionTx(const Submission& submission, const SubmissionEvent& event,
                                       const Actor& actor, std::optional<Submission>& before) {
    ASSIGN_OR_RETURN(Lease conn, pool_->Acquire(Access::kWrite));
    Transaction tx(*conn);
    RETURN_IF_ERROR(tx.status());
    if (submission.version != 0) {
      ASSIGN_OR_RETURN(before, submission_sql::Load(*conn, submission.id));
    }
    int64_t now = Clock::Real().NowSeconds();
    ASSIGN_OR_RETURN(
        Submission after,
        submission_sql::Write(*conn, submission, before ? &*before : nullptr, event, actor, now));
    RETURN_IF_ERROR(WriteAudit(*conn, actor, "submission_" + event.action, "submission", after.id,
                               before ? submission_sql::ToJson(*before) : json(),
                               submission_sql::ToJson(after)));
    RETURN_IF_ERROR(tx.Commit());
    return after;
  }

  void Notify(const RecordChange& change) const {
    for (const RecordListener& listener : listeners_) listener(change);
  }

  std::unique_ptr<Pool> pool_;
  int version_;
  std::vector<RecordListener> listeners_;                 // set before the store is shared
  std::vector<SubmissionListener> submission_listeners_;  // likewise
};

}  // namespace

const std::vector<Role>& ShippedRoles() {
  static const std::vector<Role> kRoles = MakeShippedRoles();
  return kRoles;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, int pool_size) {
  ASSIGN_OR_RETURN(std::unique_ptr<Pool> pool, OpenPool(url, pool_size));
  ASSIGN_OR_RETURN(int version, Migrate(*pool));
  auto store = std::make_unique<SqlStore>(std::move(pool), version);
  RETURN_IF_ERROR(store->UpsertRoles(ShippedRoles()));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace xiezuo::store
