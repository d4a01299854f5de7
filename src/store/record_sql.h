// The SQL for cooperation records, generic over every kind: each kind is one table whose
// columns are the kind's fields plus bookkeeping. Used by SqlStore, which adds transactions
// and audit rows. Column names come from the kind descriptions (trusted constants); every
// value is a bound parameter.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/record.h"
#include "store/db.h"
#include "store/store.h"

namespace xiezuo::store::record_sql {

// CREATE TABLE and CREATE INDEX statements for a kind (used to write the migrations; the
// schema test checks the migrated tables against the kinds).
std::string TableDdl(const model::RecordKind& kind, Dialect dialect);

// The database checks of Store::CheckRecords, on `conn` (inside the caller's transaction if
// it has one).
Result<std::vector<RowIssue>> Check(Connection& conn, const model::RecordKind& kind,
                                    std::vector<model::Record>& records, const RowCheck& row_check);

// Inserts checked records as version 1, a few hundred to a statement (one round trip each on
// PostgreSQL); returns their ids in the order of `records`. REQUIRES: inside a transaction.
Result<std::vector<int64_t>> InsertMany(Connection& conn, const model::RecordKind& kind,
                                        std::span<model::Record* const> records,
                                        const std::string& username, int64_t now);

// Errors: kNotFound when missing or deleted.
Result<model::Record> Load(Connection& conn, const model::RecordKind& kind, int64_t id);
// Calls `fn` for each of up to `limit` live records with ids above `after_id`, in id order,
// as they are read: the record is valid only during the call, and `fn` must not use `conn`.
// With `fields`, only the id and those fields are read (see Store::ScanRecords). Returns how
// many there were. Errors: kInvalidArgument for a field the kind does not have.
Result<int> ScanAfter(Connection& conn, const model::RecordKind& kind,
                      std::span<const std::string> fields, int64_t after_id, int limit,
                      const std::function<void(const model::Record&)>& fn);

// Writes record's values if its version still matches. Errors: kFailedPrecondition for a
// stale version, kNotFound.
Status Update(Connection& conn, const model::RecordKind& kind, const model::Record& record,
              const std::string& username, int64_t now);

// Copies a parent's region (and pairing) to its live children of `child`.
Status PropagateToChildren(Connection& conn, const model::RecordKind& parent,
                           const model::Record& record, const model::RecordKind& child);

// Errors: kNotFound.
Status SoftDelete(Connection& conn, const model::RecordKind& kind, int64_t id,
                  const std::string& username, int64_t now);

// Ids of the live children of `parent_id` of kind `child`.
Result<std::vector<int64_t>> ChildIds(Connection& conn, const model::RecordKind& child,
                                      int64_t parent_id);

// Rewrites the party rows of a pairing (its east and west regions and extras); `live` false
// removes them.
Status WriteParties(Connection& conn, const model::RecordKind& pairing, const model::Record& record,
                    bool live);

Result<RecordPage> List(Connection& conn, const model::RecordKind& kind, const RecordFilter& filter,
                        const PageRequest& page);

Result<RecordAccess> Access(Connection& conn, const model::RecordKind& kind, int64_t id,
                            const std::string& scope);

Result<std::vector<GroupRow>> Group(Connection& conn, const model::RecordKind& kind,
                                    const RecordFilter& filter, const GroupQuery& query);

// The record as the audit log stores it: a JSON object of id, version and every field (personal
// fields masked), in the kind's field order.
std::string AuditJson(const model::RecordKind& kind, const model::Record& record);

}  // namespace xiezuo::store::record_sql
