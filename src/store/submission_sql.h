// The SQL of aggregate data entry (submissions, their values and workflow steps, data-set
// deadlines), written once over the seam. SqlStore adds the transaction, the audit row and the
// listeners.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/db.h"
#include "store/store.h"

namespace xiezuo::store::submission_sql {

Result<std::optional<Submission>> Find(Connection& conn, const std::string& dataset,
                                       const std::string& region_code, const std::string& period);
// Errors: kNotFound.
Result<Submission> Load(Connection& conn, int64_t id);
Result<std::vector<Submission>> List(Connection& conn, const SubmissionFilter& filter,
                                     size_t limit);
Status Scan(Connection& conn, const std::function<void(const Submission&)>& fn);
// Inserts or updates (see Store::WriteSubmission) with its values and `event`; returns the
// submission as stored. REQUIRES: inside a transaction; `before` is the stored one (nullptr
// for an insert).
Result<Submission> Write(Connection& conn, const Submission& submission, const Submission* before,
                         const SubmissionEvent& event, const Actor& actor, int64_t now);
Result<std::vector<SubmissionEvent>> Events(Connection& conn, int64_t submission_id);
Result<std::map<std::string, int>> Deadlines(Connection& conn);
Status SetDeadline(Connection& conn, const std::string& dataset, int days, const Actor& actor,
                   int64_t now);

// The audit log's picture of a submission.
nlohmann::json ToJson(const Submission& s);

// Files of a submission's fields (see Store::AddSubmissionFile and the rest). AddFile errors:
// kNotFound (no such submission).
Result<SubmissionFile> AddFile(Connection& conn, int64_t submission_id, const std::string& field,
                               const Attachment& file, const Actor& actor, int64_t now);
Result<std::vector<SubmissionFile>> Files(Connection& conn, int64_t submission_id);
// Errors: kNotFound.
Result<std::pair<SubmissionFile, Attachment>> GetFile(Connection& conn, int64_t id);
// Errors: kNotFound.
Status DeleteFile(Connection& conn, int64_t id);
// The audit log's picture of a file (without its bytes).
nlohmann::json FileJson(const SubmissionFile& f);

}  // namespace xiezuo::store::submission_sql
