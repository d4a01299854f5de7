// JSON for cooperation records: the kinds' descriptions for the web forms, request bodies to
// records (strictly typed), and records to JSON with the labels a list shows beside codes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/record_labels.h"
#include "model/record.h"
#include "store/store.h"

namespace xiezuo::api {

// GET /api/v1/kinds: every kind with its fields, option labels and children.
nlohmann::json KindsJson(const RecordLabels& labels);

// Reads a create/update body into a record of `kind`. Bookkeeping members (id, version,
// created_at…) and members starting with "_" are ignored; derived fields are left out; an
// unknown member or a value of the wrong type is an issue.
model::Record RecordFromJson(const model::RecordKind& kind, const nlohmann::json& body,
                             std::vector<model::FieldIssue>& issues);

// Names for the codes and ids a page of records holds, fetched in a few queries.
struct RecordNames {
  std::map<std::string, std::string> regions;
  std::map<int64_t, std::string> institutions;
  std::map<std::string, std::map<int64_t, std::string>> refs;  // kind → id → title
};
Result<RecordNames> LookupNames(store::Store& store, const model::RecordKind& kind,
                                const std::vector<model::Record>& records);

struct RecordView {
  bool reveal = false;    // show personal fields unmasked
  bool can_edit = false;  // the caller may change it
  std::string today;      // "YYYY-MM-DD", for flags such as overdue
};
nlohmann::json RecordToJson(const model::RecordKind& kind, const model::Record& record,
                            const RecordLabels& labels, const RecordNames& names,
                            const RecordView& view);

// A record's title for references: its title field, as text.
std::string RecordTitle(const model::RecordKind& kind, const model::Record& record,
                        const RecordLabels& labels);

// Seconds since the epoch as "2026-11-23T10:00:00Z".
std::string IsoTime(int64_t seconds);

}  // namespace xiezuo::api
