// Cooperation records (协作台账): one description per kind of record — pairings, plans,
// meetings, funds, projects, labour, consumption, talent, donations — from which the store,
// the API, the Excel templates and the web forms are all derived, so they cannot drift apart.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace xiezuo::model {

enum class FieldType {
  kText,         // one line
  kTextArea,     // several lines
  kCreditCode,   // unified social credit code, GB 32100
  kInt,          // a count, never negative
  kYear,         // 2000..2100
  kMoney,        // integer fen
  kPercent,      // hundredths of a percent, 0..10000 (shown as 0–100 with 2 decimals)
  kDate,         // "YYYY-MM-DD"
  kBool,         // 0 / 1
  kEnum,         // one of FieldDef::options
  kRegion,       // a region code
  kRegionList,   // region codes joined by ','
  kInstitution,  // an institution id
  kRef,          // the id of a record of kind FieldDef::ref
};

enum class FilterMode { kNone, kExact, kContains, kRange };

// One field of a kind. `key` is also the SQL column and the JSON member.
struct FieldDef {
  std::string key;
  FieldType type = FieldType::kText;
  bool required = false;
  int max_len = 0;      // text types: maximum length in characters
  std::string options;  // kEnum: the name of its option set (see EnumOptions)
  std::string ref;      // kRef: the kind it points to
  FilterMode filter = FilterMode::kNone;
  bool list = true;                 // shown as a list column
  bool sort = false;                // the list can be sorted by it
  bool total = false;               // summed in the list's totals row
  bool personal = false;            // personal data: masked unless revealed
  bool derived = false;             // set by the server (from the parent), not by users
  std::optional<int64_t> fallback;  // numeric default when a create leaves it out
  std::string fallback_text;        // enum/text default when a create leaves it out
};

// A field's value: NULL, a number (ints, money, percent, bool, ids) or text (text, dates,
// enum values, region codes, region lists).
using FieldValue = std::variant<std::monostate, int64_t, std::string>;

// Why one field (or a pair of fields) is wrong, as a rule code the API renders in the
// user's language. `arg` is a limit or the other field's key.
struct FieldIssue {
  std::string field;
  std::string rule;  // required, too_long, not_a_number, negative, out_of_range, bad_date,
                     // unknown_option, bad_region_code, bad_credit_code, before (arg: field),
                     // exceeds (arg: field), must_be_one (arg: field), bad_transition (arg: from)
  std::string arg;
  bool operator==(const FieldIssue&) const = default;
};

// "a must not be before b" or "a must not exceed b" between two fields of one record.
struct PairRule {
  enum class Kind { kNotBefore, kNotMore } kind;
  std::string field;  // the one that is wrong when the rule fails
  std::string other;
};

struct RecordKind;
class Record;
using RecordCheck = std::function<void(const RecordKind&, Record&, std::vector<FieldIssue>&)>;
using UpdateCheck =
    std::function<void(const RecordKind&, const Record&, const Record&, std::vector<FieldIssue>&)>;

// A kind of record. Thread-safe once built (immutable).
struct RecordKind {
  std::string key;    // "project"; also the SQL table
  std::string group;  // permission group: "{group}:read" / "{group}:edit"
  std::string title_field;
  std::string parent;        // a child kind's parent kind ("" for top-level kinds)
  std::string parent_field;  // the child's ref field to its parent
  bool has_pairing = false;  // carries a `pairing_id` (or is the pairing itself)
  std::vector<FieldDef> fields;
  std::vector<PairRule> rules;
  std::vector<std::vector<std::string>> unique_keys;  // among live records
  RecordCheck check;         // kind-specific checks and normalisation; may be empty
  UpdateCheck check_update;  // before → after (lifecycles); may be empty
  std::string flag;          // a computed flag, e.g. "overdue" (see RecordFlag)

  // Index of `key` in fields, or -1.
  int FieldIndex(std::string_view field_key) const;
  const FieldDef* Field(std::string_view field_key) const;
  const FieldDef& region_field() const;  // REQUIRES: every kind has "region_code"
};

// One record: its bookkeeping and its values, one per field of its kind, in order.
class Record {
 public:
  Record() = default;
  explicit Record(const RecordKind& kind) : values_(kind.fields.size()) {}

  int64_t id = 0;
  int64_t version = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::string created_by;
  std::string updated_by;

  std::vector<FieldValue>& values() { return values_; }
  const std::vector<FieldValue>& values() const { return values_; }
  // REQUIRES: `kind` is this record's kind and has the field.
  const FieldValue& Get(const RecordKind& kind, std::string_view field) const;
  void Set(const RecordKind& kind, std::string_view field, FieldValue v);
  int64_t Int(const RecordKind& kind, std::string_view field, int64_t fallback = 0) const;
  std::string Text(const RecordKind& kind, std::string_view field) const;

 private:
  std::vector<FieldValue> values_;
};

// Every kind, in menu order.
const std::vector<RecordKind>& RecordKinds();
// nullptr when unknown.
const RecordKind* FindKind(std::string_view key);
// The kinds whose parent is `key`.
std::vector<const RecordKind*> ChildKinds(std::string_view key);

// The values of an option set ("project_status" → candidate, approved, …); empty if unknown.
const std::vector<std::string>& EnumOptions(std::string_view set);
// Every option set's name.
std::vector<std::string> EnumSetNames();

// Fills defaults for values left out of a create.
void ApplyDefaults(const RecordKind& kind, Record& record);

// Checks each value's type, range and form, the pair rules and the kind's own check (which
// may also normalise the record). Region existence, references and uniqueness need the
// database and are the store's job. Returns every issue found, empty when valid.
std::vector<FieldIssue> ValidateRecord(const RecordKind& kind, Record& record);
std::vector<FieldIssue> ValidateUpdate(const RecordKind& kind, const Record& before, Record& after);

// The value of the kind's computed flag for a record, given today's date "YYYY-MM-DD".
bool RecordFlag(const RecordKind& kind, const Record& record, std::string_view today);

// Parses a cell typed by a user (Excel/CSV) into a field value. Accepts for dates
// "2021-03-15", "2021/3/15", "2021.3.15", "2021年3月15日" and Excel serial numbers; for money
// 元 with up to 2 decimals and thousands separators; for percent "40", "40.5", "40%"; for bool
// 是/否, true/false, 1/0, y/n; for enums the value or any of `enum_labels`' labels for it;
// for region lists codes split by , ; 、 or spaces. Empty text is NULL.
// Errors: the FieldIssue describing the problem.
using EnumLabelLookup =
    std::function<std::optional<std::string>(const FieldDef&, std::string_view)>;
std::variant<FieldValue, FieldIssue> ParseFieldText(const FieldDef& field, std::string_view text,
                                                    const EnumLabelLookup& enum_labels = {});
// The text a user would type for a value (inverse of ParseFieldText, money in 元, percent
// as "40.5", bool as 1/0, enums as their value).
std::string FieldText(const FieldDef& field, const FieldValue& value);

// An English sentence for an issue, for logs and clients that asked for English.
std::string IssueText(const FieldIssue& issue);

// "YYYY-MM-DD" valid calendar date?
bool IsIsoDate(std::string_view text);
// Excel serial day number → "YYYY-MM-DD" (1900 date system, serial 60 is skipped).
std::optional<std::string> ExcelSerialToIsoDate(int64_t serial);

}  // namespace xiezuo::model
