// Store: the interface the rest of xiezuo depends on for persistence. One implementation
// (SqlStore) is written over the SQL seam and runs on SQLite and PostgreSQL alike.
// Every write that changes an entity also writes its audit row in the same transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/institution.h"
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
