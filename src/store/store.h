// Store: the interface the rest of xiezuo depends on for persistence. One implementation
// (SqlStore) is written over the SQL seam and runs on SQLite and PostgreSQL alike.
// Every write that changes an entity also writes its audit row in the same transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/dataset.h"
#include "model/institution.h"
#include "model/record.h"
#include "model/region.h"
#include "model/user.h"
#include "store/db.h"

namespace xiezuo::store {

struct PageRequest {
  int page = 1;        // 1-based
  int page_size = 20;  // 1..500
  int64_t Offset() const { return static_cast<int64_t>(page - 1) * page_size; }
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
  int page = 1;
  int page_size = 20;
};

// Who makes a change, for the audit log.
struct Actor {
  int64_t user_id = 0;
  std::string username;  // "system" for the CLI and start-up
  std::string remote_addr;
};

// One audit row. before/after hold JSON text or "" for none.
struct AuditEntry {
  int64_t id = 0;
  int64_t at = 0;
  int64_t user_id = 0;
  std::string username;
  std::string action;  // create, update, delete, login, login_failed, logout, denied, …
  std::string entity;  // "institution", "user", "session", a route for "denied"
  std::string entity_id;
  std::string before_json;
  std::string after_json;
  std::string remote_addr;
};

struct AuditFilter {
  std::string entity;
  std::string entity_id;
  std::string action;
  std::string username;
  int64_t from = 0;  // inclusive, seconds; 0: open
  int64_t to = 0;    // exclusive, seconds; 0: open
};

struct InstitutionFilter {
  std::string within_region;  // subtree code prefix; "" is the whole country
  std::optional<model::InstitutionKind> kind;
  std::string name_contains;
};

struct Session {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  int64_t absolute_expires_at = 0;
  std::string remote_addr;
};

// A list query over one kind of record. Field names are checked against the kind.
struct RecordFilter {
  // The caller's data scope ("" = the whole country): a record is visible when its region
  // lies inside, or (for kinds with a pairing) one of its pairing's parties does.
  std::string scope;
  std::string within_region;  // ?region_code: only records whose own region lies inside
  std::string q;              // contained in any kContains field
  std::vector<std::pair<std::string, model::FieldValue>> equals;
  struct Range {
    std::string field;
    model::FieldValue from;  // inclusive; NULL = open
    model::FieldValue to;    // inclusive; NULL = open
  };
  std::vector<Range> ranges;
  std::string party_region;  // pairings only: a party lies inside this subtree
  std::string sort;          // a sortable field; "" = newest first
  bool descending = false;
};

struct RecordPage {
  std::vector<model::Record> items;
  int64_t total = 0;
  int page = 1;
  int page_size = 20;
  std::map<std::string, int64_t> totals;  // every `total` field, over the whole filtered list
};

// A problem with one record of a batch: `index` into the batch, 0-based.
struct RowIssue {
  size_t index = 0;
  model::FieldIssue issue;
};

// A check of one record after the database checks (a child's region is derived by then),
// e.g. the caller's scope; returns the issue that refuses the record, or nothing.
using RowCheck = std::function<std::optional<model::FieldIssue>(const model::Record&)>;

struct InsertOptions {
  RowCheck row_check;          // may be empty
  bool skip_bad_rows = false;  // insert the good records, report the bad ones
  // An import's source (its file name): the batch is audited as one "import" row naming the
  // source, the count and the new ids, instead of one "create" row per record. A record's
  // creation stays in its own created_at / created_by.
  std::string batch_source;
};

// Records changed by one committed transaction, for listeners that keep derived state (the
// analytics engine). A record's children move with it when its region or pairing changes:
// `moved_children_of` names such parents (the children are not listed; re-read them).
// The written records are the writer's own: valid only during the listener's call.
struct RecordChange {
  std::vector<std::pair<const model::RecordKind*, const model::Record*>> written;
  std::vector<std::pair<const model::RecordKind*, int64_t>> deleted;
  std::vector<std::pair<const model::RecordKind*, int64_t>> moved_children_of;
};
using RecordListener = std::function<void(const RecordChange&)>;

// What the router needs to decide access to one record.
struct RecordAccess {
  std::string region_code;  // the owner region: writes need it inside the caller's scope
  bool visible = false;     // readable within the scope given
};

// Sums of `total` fields grouped by the record's region cut to `region_prefix` digits (0: not
// grouped by region) and by the given enum/year fields.
struct GroupQuery {
  int region_prefix = 0;
  std::vector<std::string> group_by;
  std::vector<std::string> sums;
};
struct GroupRow {
  std::string region_code;              // cut to region_prefix digits
  std::vector<model::FieldValue> keys;  // one per group_by
  std::vector<int64_t> sums;            // one per sums
};

struct Attachment {
  std::string filename;
  std::string content_type;
  std::string bytes;
  int64_t uploaded_at = 0;
};

// One office's values of a data set for one region and period (数据填报), and where it stands
// in the approval workflow.
struct Submission {
  int64_t id = 0;
  std::string dataset;
  std::string region_code;
  std::string period;  // "2021", "2021Q3", "2021-03"
  model::SubmissionStatus status = model::SubmissionStatus::kDraft;
  int approvals = 0;                         // levels of the approval chain that have approved it
  int64_t version = 0;                       // 0 for one not stored yet
  std::map<std::string, int64_t> values;     // field key → value; an empty field is absent
  std::map<std::string, std::string> texts;  // field key → text (self-evaluations); likewise
  std::string comment;                       // of the last step (a return's reason)
  int64_t created_at = 0;
  std::string created_by;
  int64_t updated_at = 0;
  std::string updated_by;
};

// One step of a submission's workflow and the state it left.
struct SubmissionEvent {
  int64_t id = 0;
  int64_t at = 0;
  std::string username;
  std::string action;  // model::SubmissionActionName
  model::SubmissionStatus status = model::SubmissionStatus::kDraft;
  int approvals = 0;
  std::string comment;
};

// A file attached to one field of a submission (a self-evaluation item's evidence); the bytes
// are read on their own (Store::GetSubmissionFile).
struct SubmissionFile {
  int64_t id = 0;
  int64_t submission_id = 0;
  std::string field;
  std::string filename;
  std::string content_type;
  int64_t size = 0;
  int64_t uploaded_at = 0;
  std::string uploaded_by;
};

struct SubmissionFilter {
  std::string dataset;               // "" = every data set
  std::string within_region;         // subtree code prefix; "" = the whole country
  std::vector<std::string> periods;  // empty = any
  std::optional<model::SubmissionStatus> status;
};

// One stored version of an assessment template (考核模板) for a year and side; `body` is the
// template's JSON, which the store keeps as it is given (report::TemplateFromJson reads it).
struct AssessmentTemplateVersion {
  int64_t id = 0;
  int year = 0;
  std::string side;  // "east" or "west"
  int version = 0;
  std::string body;
  int64_t created_at = 0;
  std::string created_by;
};

// Called after a submission's write is committed, with the submission before (nullptr for a
// new one) and after. Valid only during the call.
using SubmissionListener = std::function<void(const Submission* before, const Submission& after)>;

// Thread-safe: every call borrows its own connection from the pool.
class Store {
 public:
  virtual ~Store() = default;

  // --- Regions (行政区划) ---
  // Inserts or updates every region, in one transaction, calling `progress(done)` now and
  // then. Regions must come as whole subtrees (child counts are taken from this list).
  virtual Status UpsertRegions(const std::vector<model::Region>& regions,
                               const std::function<void(int64_t)>& progress) = 0;
  // Errors: kNotFound.
  virtual Result<model::Region> GetRegion(const std::string& code) = 0;
  // The regions with these codes, in no particular order (missing codes are left out).
  virtual Result<std::vector<model::Region>> GetRegions(const std::vector<std::string>& codes) = 0;
  virtual Result<Page<model::Region>> ListChildren(const std::string& code,
                                                   const PageRequest& page) = 0;
  // Province first, `code` last. Errors: kNotFound.
  virtual Result<std::vector<model::Region>> RegionPath(const std::string& code) = 0;
  // Regions inside `within` ("" = everywhere) whose code starts with `query` when it is all
  // digits, or whose name contains it otherwise; ordered by code.
  virtual Result<Page<model::Region>> SearchRegions(const std::string& query,
                                                    const std::string& within,
                                                    const PageRequest& page) = 0;
  virtual Result<std::map<model::RegionLevel, int64_t>> CountRegionsByLevel() = 0;
  // Every region, in code order (the whole national tree: about 665,000).
  virtual Result<std::vector<model::Region>> AllRegions() = 0;

  // --- Institutions (单位) ---
  // Errors: kInvalidArgument (fields, unknown region), kAlreadyExists (credit code in use).
  virtual Result<model::Institution> CreateInstitution(const model::Institution& inst,
                                                       const Actor& actor) = 0;
  // Errors: kNotFound (also for a deleted one).
  virtual Result<model::Institution> GetInstitution(int64_t id) = 0;
  // Replaces the caller-supplied fields of inst.id. Errors as Create, and kNotFound.
  virtual Result<model::Institution> UpdateInstitution(const model::Institution& inst,
                                                       const Actor& actor) = 0;
  // Soft delete. Errors: kNotFound.
  virtual Status DeleteInstitution(int64_t id, const Actor& actor) = 0;
  virtual Result<Page<model::Institution>> ListInstitutions(const InstitutionFilter& filter,
                                                            const PageRequest& page) = 0;

  // --- Cooperation records (协作台账), every kind through one set of calls ---
  // Checks a batch against the database: regions exist, references point to live records
  // (and a pairing has a party around the record's region), institutions exist, unique keys
  // are free (in the database and within the batch). Fills each child's derived region and
  // pairing from its parent; then runs `row_check` (may be empty) on the records that passed.
  // REQUIRES: every record passed model::ValidateRecord.
  virtual Result<std::vector<RowIssue>> CheckRecords(const model::RecordKind& kind,
                                                     std::vector<model::Record>& records,
                                                     const RowCheck& row_check) = 0;
  // Checks (as CheckRecords) and inserts the batch in one transaction, with one audit row per
  // record. When any record has an issue, nothing is written (the issues go to `*issues`, the
  // result is kInvalidArgument) — unless options.skip_bad_rows, which inserts the others and
  // still reports the issues. Returns the new ids in batch order (0 for a skipped record).
  virtual Result<std::vector<int64_t>> InsertRecords(const model::RecordKind& kind,
                                                     std::vector<model::Record>& records,
                                                     const Actor& actor,
                                                     const InsertOptions& options,
                                                     std::vector<RowIssue>* issues) = 0;
  // Errors: kNotFound (also for a deleted one).
  virtual Result<model::Record> GetRecord(const model::RecordKind& kind, int64_t id) = 0;
  // Replaces the values of record.id if its version is still record.version (else
  // kFailedPrecondition). Checks as InsertRecords; issues go to `*issues`.
  virtual Result<model::Record> UpdateRecord(const model::RecordKind& kind, model::Record record,
                                             const Actor& actor, std::vector<RowIssue>* issues) = 0;
  // Soft delete, with its children. Errors: kNotFound.
  virtual Status DeleteRecord(const model::RecordKind& kind, int64_t id, const Actor& actor) = 0;
  virtual Result<RecordPage> ListRecords(const model::RecordKind& kind, const RecordFilter& filter,
                                         const PageRequest& page) = 0;
  // Errors: kNotFound.
  virtual Result<RecordAccess> GetRecordAccess(const model::RecordKind& kind, int64_t id,
                                               const std::string& scope) = 0;
  virtual Result<std::vector<GroupRow>> GroupRecords(const model::RecordKind& kind,
                                                     const RecordFilter& filter,
                                                     const GroupQuery& query) = 0;
  // Calls `fn` for every live record of `kind`, in id order, as it is read: the record is
  // valid only during the call, and `fn` must not call this store (it holds a connection).
  // With `fields` (not empty), only the id and those fields are read and the rest of the
  // record is left empty: a restart reads what it derives from. Errors: kInvalidArgument for
  // a field the kind does not have.
  virtual Status ScanRecords(const model::RecordKind& kind, std::span<const std::string> fields,
                             const std::function<void(const model::Record&)>& fn) = 0;
  Status ScanRecords(const model::RecordKind& kind,
                     const std::function<void(const model::Record&)>& fn) {
    return ScanRecords(kind, {}, fn);
  }
  // Calls `listener` after each committed write of records through this store, on the
  // writing thread: it must be thread-safe and quick. REQUIRES: called before the store is
  // shared between threads.
  virtual void AddRecordListener(RecordListener listener) = 0;
  // A pairing's attached file. Errors: kNotFound.
  virtual Status SetAttachment(const model::RecordKind& kind, int64_t id, const Attachment& file,
                               const Actor& actor) = 0;
  virtual Result<Attachment> GetAttachment(const model::RecordKind& kind, int64_t id) = 0;

  // --- Aggregate data entry (数据填报) ---
  // nullopt when the region has no submission of the data set for the period.
  virtual Result<std::optional<Submission>> FindSubmission(const std::string& dataset,
                                                           const std::string& region_code,
                                                           const std::string& period) = 0;
  // Ordered by region, data set and period; at most `limit` (the caller says how many it can
  // show). Errors: kInvalidArgument when more match than `limit`.
  virtual Result<std::vector<Submission>> ListSubmissions(const SubmissionFilter& filter,
                                                          size_t limit) = 0;
  // Calls `fn` for every submission with its values, in id order.
  virtual Status ScanSubmissions(const std::function<void(const Submission&)>& fn) = 0;
  // Stores `submission`: inserts it when its version is 0, else updates it if its stored version
  // is still `submission.version`. Replaces its values, appends `event` and an audit row, in
  // one transaction; then calls the submission listeners. Returns it as stored.
  // Errors: kFailedPrecondition (someone changed it meanwhile), kAlreadyExists (someone else
  // created it meanwhile), kNotFound (an update of one that is not there).
  virtual Result<Submission> WriteSubmission(const Submission& submission,
                                             const SubmissionEvent& event, const Actor& actor) = 0;
  // Oldest first.
  virtual Result<std::vector<SubmissionEvent>> ListSubmissionEvents(int64_t submission_id) = 0;
  // The deadlines administrators set, by data set code (others keep the shipped default).
  virtual Result<std::map<std::string, int>> DatasetDeadlines() = 0;
  // Errors: kInvalidArgument for a negative number of days.
  virtual Status SetDatasetDeadline(const std::string& dataset, int days, const Actor& actor) = 0;
  // As AddRecordListener, for submissions.
  virtual void AddSubmissionListener(SubmissionListener listener) = 0;
  // Attaches `file` to `field` of a stored submission, with an audit row; returns it (without
  // the bytes). Errors: kNotFound (no such submission).
  virtual Result<SubmissionFile> AddSubmissionFile(int64_t submission_id, const std::string& field,
                                                   const Attachment& file, const Actor& actor) = 0;
  // A submission's files, by field and then oldest first.
  virtual Result<std::vector<SubmissionFile>> ListSubmissionFiles(int64_t submission_id) = 0;
  // One file with its bytes. Errors: kNotFound.
  virtual Result<std::pair<SubmissionFile, Attachment>> GetSubmissionFile(int64_t id) = 0;
  // Removes one file, with an audit row. Errors: kNotFound.
  virtual Status DeleteSubmissionFile(int64_t id, const Actor& actor) = 0;

  // --- Assessment templates (考核模板) ---
  // The stored versions of the template for `year` and `side` ("east" or "west"), oldest first;
  // empty when none was stored (the shipped template applies).
  virtual Result<std::vector<AssessmentTemplateVersion>> ListAssessmentTemplates(
      int year, const std::string& side) = 0;
  // Stores `body` as the next version (1 for the first) of the template for `year` and `side`,
  // with an audit row, and returns it. Errors: kInvalidArgument for a side other than east or
  // west; kAlreadyExists when another edit of the same template took that version at the same
  // moment (PostgreSQL; nothing is written: save again).
  virtual Result<AssessmentTemplateVersion> AddAssessmentTemplate(int year, const std::string& side,
                                                                  const std::string& body,
                                                                  const Actor& actor) = 0;

  // --- Accounts ---
  // Errors: kAlreadyExists (username), kInvalidArgument (unknown role).
  virtual Result<model::User> CreateUser(const model::User& user, const Actor& actor) = 0;
  // Errors: kNotFound.
  virtual Result<model::User> GetUser(int64_t id) = 0;
  virtual Result<model::User> FindUserByName(const std::string& username) = 0;
  // Updates display name, role, scope and disabled. Errors: kNotFound, kInvalidArgument.
  virtual Result<model::User> UpdateUser(const model::User& user, const Actor& actor) = 0;
  // Sets the hash and ends the user's sessions except `keep_session` (a token hash; "" ends
  // them all). Errors: kNotFound.
  virtual Status SetPasswordHash(int64_t user_id, const std::string& hash, const Actor& actor,
                                 const std::string& keep_session = "") = 0;
  // Users whose username or display name contains `query` and whose scope lies inside
  // `within` ("" = all users).
  virtual Result<Page<model::User>> ListUsers(const std::string& query, const std::string& within,
                                              const PageRequest& page) = 0;
  virtual Status RecordLogin(int64_t user_id, int64_t at) = 0;
  // Inserts or replaces the shipped roles.
  virtual Status UpsertRoles(const std::vector<model::Role>& roles) = 0;
  virtual Result<std::vector<model::Role>> ListRoles() = 0;

  // --- Sessions ---
  virtual Status CreateSession(const Session& session) = 0;
  // Errors: kNotFound.
  virtual Result<Session> GetSession(const std::string& token_hash) = 0;
  virtual Status ExtendSession(const std::string& token_hash, int64_t expires_at) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  // Removes sessions that expired before `now`; returns how many.
  virtual Result<int64_t> PurgeSessions(int64_t now) = 0;

  // --- Audit ---
  // For events that change no entity (login, denied access).
  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  virtual Result<Page<AuditEntry>> ListAudit(const AuditFilter& filter,
                                             const PageRequest& page) = 0;

  virtual Pool& pool() = 0;
  virtual int schema_version() const = 0;
};

// Opens the database at `url` (see OpenPool), applies migrations and installs the shipped
// roles. Errors: kInvalidArgument for a bad URL, kUnavailable when the database cannot be
// opened, kFailedPrecondition / others when it cannot be migrated.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url, int pool_size = 4);

// The roles xiezuo ships: admin, province_office, city_office, county_office, viewer.
const std::vector<model::Role>& ShippedRoles();

}  // namespace xiezuo::store
