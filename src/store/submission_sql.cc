// The SQL of aggregate data entry.
#include "store/submission_sql.h"

#include <algorithm>

#include "core/base64.h"
#include "store/sql_util.h"

namespace xiezuo::store::submission_sql {
namespace {

constexpr const char* kColumns =
    "s.id, s.dataset, s.region_code, s.period, s.status, s.approvals, s.version, s.comment, "
    "s.created_at, s.created_by, s.updated_at, s.updated_by, v.field, v.value";
constexpr const char* kFrom =
    " FROM submission s LEFT JOIN submission_value v ON v.submission_id = s.id ";

// Rows of kColumns, ordered so that one submission's rows are adjacent, into submissions.
std::vector<Submission> Collect(const QueryResult& r) {
  std::vector<Submission> out;
  for (const Row& row : r.rows) {
    if (out.empty() || out.back().id != row.Int(0)) {
      Submission s;
      s.id = row.Int(0);
      s.dataset = row.Text(1);
      s.region_code = row.Text(2);
      s.period = row.Text(3);
      s.status =
          model::ParseSubmissionStatus(row.Text(4)).value_or(model::SubmissionStatus::kDraft);
      s.approvals = static_cast<int>(row.Int(5));
      s.version = row.Int(6);
      s.comment = row.Text(7);
      s.created_at = row.Int(8);
      s.created_by = row.Text(9);
      s.updated_at = row.Int(10);
      s.updated_by = row.Text(11);
      out.push_back(std::move(s));
    }
    if (!row.IsNull(12)) out.back().values[row.Text(12)] = row.Int(13);
  }
  return out;
}

Where FilterWhere(const SubmissionFilter& filter) {
  Where where;
  if (!filter.dataset.empty()) where.Add("s.dataset = ?", {Text(filter.dataset)});
  if (!filter.within_region.empty()) {
    where.Add("s.region_code >= ? AND s.region_code < ?",
              {Text(filter.within_region), Text(model::SubtreeUpperBound(filter.within_region))});
  }
  if (!filter.periods.empty()) {
    std::string in = "s.period IN (";
    std::vector<Value> params;
    for (size_t i = 0; i < filter.periods.size(); ++i) {
      in += i == 0 ? "?" : ", ?";
      params.push_back(Text(filter.periods[i]));
    }
    where.Add(in + ")", std::move(params));
  }
  if (filter.status) where.Add("s.status = ?", {Text(model::SubmissionStatusName(*filter.status))});
  return where;
}

// Reads the texts of `subs` (adjacent rows of one submission stay together), a few hundred ids
// per query.
Status AddTexts(Connection& conn, std::vector<Submission>& subs) {
  constexpr size_t kChunk = 500;
  std::map<int64_t, Submission*> by_id;
  for (Submission& s : subs) by_id[s.id] = &s;
  for (size_t start = 0; start < subs.size(); start += kChunk) {
    std::string in;
    std::vector<Value> params;
    for (size_t i = start; i < std::min(subs.size(), start + kChunk); ++i) {
      in += in.empty() ? "?" : ", ?";
      params.push_back(Int(subs[i].id));
    }
    ASSIGN_OR_RETURN(QueryResult r, conn.Execute("SELECT submission_id, field, text FROM "
                                                 "submission_text WHERE submission_id IN (" +
                                                     in + ")",
                                                 params));
    for (const Row& row : r.rows) by_id.at(row.Int(0))->texts[row.Text(1)] = row.Text(2);
  }
  return Status::Ok();
}

constexpr const char* kFileColumns =
    "id, submission_id, field, filename, content_type, size, uploaded_at, uploaded_by";

SubmissionFile FileOf(const Row& row) {
  return {row.Int(0),  row.Int(1), row.Text(2), row.Text(3),
          row.Text(4), row.Int(5), row.Int(6),  row.Text(7)};
}

}  // namespace

Result<std::optional<Submission>> Find(Connection& conn, const std::string& dataset,
                                       const std::string& region_code, const std::string& period) {
  ASSIGN_OR_RETURN(QueryResult r,
                   conn.Execute(std::string("SELECT ") + kColumns + kFrom +
                                    "WHERE s.dataset = ? AND s.region_code = ? AND s.period = ? "
                                    "ORDER BY v.field",
                                {Text(dataset), Text(region_code), Text(period)}));
  std::vector<Submission> found = Collect(r);
  if (found.empty()) return std::optional<Submission>();
  RETURN_IF_ERROR(AddTexts(conn, found));
  return std::optional<Submission>(std::move(found.front()));
}

Result<Submission> Load(Connection& conn, int64_t id) {
  ASSIGN_OR_RETURN(QueryResult r, conn.Execute(std::string("SELECT ") + kColumns + kFrom +
                                                   "WHERE s.id = ? ORDER BY v.field",
                                               {Int(id)}));
  std::vector<Submission> found = Collect(r);
  if (found.empty()) return NotFound("no submission has id " + std::to_string(id));
  RETURN_IF_ERROR(AddTexts(conn, found));
  return std::move(found.front());
}

Result<std::vector<Submission>> List(Connection& conn, const SubmissionFilter& filter,
                                     size_t limit) {
  Where where = FilterWhere(filter);
  ASSIGN_OR_RETURN(
      QueryResult count,
      conn.Execute("SELECT count(*) FROM submission s " + where.sql(), where.Params()));
  int64_t n = count.rows.at(0).Int(0);
  if (n > static_cast<int64_t>(limit)) {
    return InvalidArgument(std::to_string(n) + " submissions match, more than the " +
                               std::to_string(limit) + " that can be listed",
                           {{"region_code", "narrow the region, data set or periods"}});
  }
  ASSIGN_OR_RETURN(QueryResult r,
                   conn.Execute(std::string("SELECT ") + kColumns + kFrom + where.sql() +
                                    " ORDER BY s.region_code, s.dataset, s.period, s.id, v.field",
                                where.Params()));
  std::vector<Submission> out = Collect(r);
  RETURN_IF_ERROR(AddTexts(conn, out));
  return out;
}

Status Scan(Connection& conn, const std::function<void(const Submission&)>& fn) {
  ASSIGN_OR_RETURN(QueryResult r, conn.Execute(std::string("SELECT ") + kColumns + kFrom +
                                               "ORDER BY s.id, v.field"));
  std::vector<Submission> all = Collect(r);
  RETURN_IF_ERROR(AddTexts(conn, all));
  for (const Submission& s : all) fn(s);
  return Status::Ok();
}

Result<Submission> Write(Connection& conn, const Submission& submission, const Submission* before,
                         const SubmissionEvent& event, const Actor& actor, int64_t now) {
  Submission out = submission;
  out.updated_at = now;
  out.updated_by = actor.username;
  const char* status = model::SubmissionStatusName(submission.status);
  if (before == nullptr) {
    out.created_at = now;
    out.created_by = actor.username;
    out.version = 1;
    ASSIGN_OR_RETURN(
        QueryResult r,
        conn.Execute("INSERT INTO submission (dataset, region_code, period, status, approvals, "
                     "version, comment, created_at, created_by, updated_at, updated_by) VALUES "
                     "(?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?) RETURNING id",
                     {Text(out.dataset), Text(out.region_code), Text(out.period), Text(status),
                      Int(out.approvals), Text(out.comment), Int(now), Text(actor.username),
                      Int(now), Text(actor.username)}));
    out.id = r.rows.at(0).Int(0);
  } else {
    out.id = before->id;
    out.created_at = before->created_at;
    out.created_by = before->created_by;
    out.version = before->version + 1;
    ASSIGN_OR_RETURN(QueryResult r,
                     conn.Execute("UPDATE submission SET status = ?, approvals = ?, comment = ?, "
                                  "updated_at = ?, updated_by = ?, version = version + 1 "
                                  "WHERE id = ? AND version = ?",
                                  {Text(status), Int(out.approvals), Text(out.comment), Int(now),
                                   Text(actor.username), Int(out.id), Int(submission.version)}));
    if (r.affected_rows == 0) {
      return FailedPrecondition(
          "the submission was changed by someone else (it is now at "
          "version " +
          std::to_string(before->version) + ", you had version " +
          std::to_string(submission.version) + "); reload it and try again");
    }
    RETURN_IF_ERROR(
        conn.Execute("DELETE FROM submission_value WHERE submission_id = ?", {Int(out.id)})
            .status());
    RETURN_IF_ERROR(
        conn.Execute("DELETE FROM submission_text WHERE submission_id = ?", {Int(out.id)})
            .status());
  }
  std::vector<std::vector<Value>> rows;
  rows.reserve(out.values.size());
  for (const auto& [field, value] : out.values)
    rows.push_back({Int(out.id), Text(field), Int(value)});
  if (!rows.empty()) {
    RETURN_IF_ERROR(conn.BulkInsert("submission_value", {"submission_id", "field", "value"}, rows));
  }
  rows.clear();
  for (const auto& [field, text] : out.texts) {
    if (!text.empty()) rows.push_back({Int(out.id), Text(field), Text(text)});
  }
  if (!rows.empty()) {
    RETURN_IF_ERROR(conn.BulkInsert("submission_text", {"submission_id", "field", "text"}, rows));
  }
  std::erase_if(out.texts, [](const auto& entry) { return entry.second.empty(); });
  RETURN_IF_ERROR(
      conn.Execute("INSERT INTO submission_event (submission_id, at, user_id, "
                   "username, action, status, approvals, comment) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?)",
                   {Int(out.id), Int(now), Int(actor.user_id), Text(actor.username),
                    Text(event.action), Text(status), Int(out.approvals), Text(event.comment)})
          .status());
  return out;
}

Result<std::vector<SubmissionEvent>> Events(Connection& conn, int64_t submission_id) {
  ASSIGN_OR_RETURN(QueryResult r,
                   conn.Execute("SELECT id, at, username, action, status, approvals, comment "
                                "FROM submission_event WHERE submission_id = ? ORDER BY id",
                                {Int(submission_id)}));
  std::vector<SubmissionEvent> out;
  for (const Row& row : r.rows) {
    out.push_back(
        {row.Int(0), row.Int(1), row.Text(2), row.Text(3),
         model::ParseSubmissionStatus(row.Text(4)).value_or(model::SubmissionStatus::kDraft),
         static_cast<int>(row.Int(5)), row.Text(6)});
  }
  return out;
}

Result<std::map<std::string, int>> Deadlines(Connection& conn) {
  ASSIGN_OR_RETURN(QueryResult r,
                   conn.Execute("SELECT dataset, deadline_days FROM dataset_setting"));
  std::map<std::string, int> out;
  for (const Row& row : r.rows) out[row.Text(0)] = static_cast<int>(row.Int(1));
  return out;
}

Status SetDeadline(Connection& conn, const std::string& dataset, int days, const Actor& actor,
                   int64_t now) {
  if (days < 0) {
    return InvalidArgument("a deadline cannot be negative",
                           {{"deadline_days", "days after the period's end, 0 or more"}});
  }
  return conn
      .Execute(
          "INSERT INTO dataset_setting (dataset, deadline_days, updated_at, updated_by) "
          "VALUES (?, ?, ?, ?) ON CONFLICT (dataset) DO UPDATE SET deadline_days = "
          "excluded.deadline_days, updated_at = excluded.updated_at, updated_by = "
          "excluded.updated_by",
          {Text(dataset), Int(days), Int(now), Text(actor.username)})
      .status();
}

nlohmann::json ToJson(const Submission& s) {
  return {{"id", s.id},
          {"dataset", s.dataset},
          {"region_code", s.region_code},
          {"period", s.period},
          {"status", model::SubmissionStatusName(s.status)},
          {"approvals", s.approvals},
          {"version", s.version},
          {"values", s.values},
          {"texts", s.texts},
          {"comment", s.comment}};
}

Result<SubmissionFile> AddFile(Connection& conn, int64_t submission_id, const std::string& field,
                               const Attachment& file, const Actor& actor, int64_t now) {
  RETURN_IF_ERROR(Load(conn, submission_id).status());
  ASSIGN_OR_RETURN(
      QueryResult r,
      conn.Execute("INSERT INTO submission_file (submission_id, field, filename, content_type, "
                   "size, data, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                   "RETURNING id",
                   {Int(submission_id), Text(field), Text(file.filename), Text(file.content_type),
                    Int(static_cast<int64_t>(file.bytes.size())), Text(Base64Encode(file.bytes)),
                    Int(now), Text(actor.username)}));
  return SubmissionFile{r.rows.at(0).Int(0),
                        submission_id,
                        field,
                        file.filename,
                        file.content_type,
                        static_cast<int64_t>(file.bytes.size()),
                        now,
                        actor.username};
}

Result<std::vector<SubmissionFile>> Files(Connection& conn, int64_t submission_id) {
  ASSIGN_OR_RETURN(QueryResult r, conn.Execute(std::string("SELECT ") + kFileColumns +
                                                   " FROM submission_file WHERE submission_id = "
                                                   "? ORDER BY field, id",
                                               {Int(submission_id)}));
  std::vector<SubmissionFile> out;
  for (const Row& row : r.rows) out.push_back(FileOf(row));
  return out;
}

Result<std::pair<SubmissionFile, Attachment>> GetFile(Connection& conn, int64_t id) {
  ASSIGN_OR_RETURN(QueryResult r, conn.Execute(std::string("SELECT ") + kFileColumns +
                                                   ", data FROM submission_file WHERE id = ?",
                                               {Int(id)}));
  if (r.rows.empty()) return NotFound("no file has id " + std::to_string(id));
  SubmissionFile meta = FileOf(r.rows[0]);
  ASSIGN_OR_RETURN(std::string bytes, Base64Decode(r.rows[0].Text(8)));
  Attachment file{meta.filename, meta.content_type, std::move(bytes), meta.uploaded_at};
  return std::make_pair(std::move(meta), std::move(file));
}

Status DeleteFile(Connection& conn, int64_t id) {
  ASSIGN_OR_RETURN(QueryResult r,
                   conn.Execute("DELETE FROM submission_file WHERE id = ?", {Int(id)}));
  if (r.affected_rows == 0) return NotFound("no file has id " + std::to_string(id));
  return Status::Ok();
}

nlohmann::json FileJson(const SubmissionFile& f) {
  return {{"id", f.id},
          {"submission_id", f.submission_id},
          {"field", f.field},
          {"filename", f.filename},
          {"content_type", f.content_type},
          {"size", f.size}};
}

}  // namespace xiezuo::store::submission_sql
