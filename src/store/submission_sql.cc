// The SQL of aggregate data entry.
#include "store/submission_sql.h"

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
  return std::optional<Submission>(std::move(found.front()));
}

Result<Submission> Load(Connection& conn, int64_t id) {
  ASSIGN_OR_RETURN(QueryResult r, conn.Execute(std::string("SELECT ") + kColumns + kFrom +
                                                   "WHERE s.id = ? ORDER BY v.field",
                                               {Int(id)}));
  std::vector<Submission> found = Collect(r);
  if (found.empty()) return NotFound("no submission has id " + std::to_string(id));
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
  return Collect(r);
}

Status Scan(Connection& conn, const std::function<void(const Submission&)>& fn) {
  ASSIGN_OR_RETURN(QueryResult r, conn.Execute(std::string("SELECT ") + kColumns + kFrom +
                                               "ORDER BY s.id, v.field"));
  for (const Submission& s : Collect(r)) fn(s);
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
  }
  std::vector<std::vector<Value>> rows;
  rows.reserve(out.values.size());
  for (const auto& [field, value] : out.values)
    rows.push_back({Int(out.id), Text(field), Int(value)});
  if (!rows.empty()) {
    RETURN_IF_ERROR(conn.BulkInsert("submission_value", {"submission_id", "field", "value"}, rows));
  }
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
          {"comment", s.comment}};
}

}  // namespace xiezuo::store::submission_sql
