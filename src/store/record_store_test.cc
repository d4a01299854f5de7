// Cooperation records in the store, on every backend: each kind's create, read, update and
// delete with audit rows; scope (own region and pairing partners); batch checks that write
// nothing on any bad row; lists with filters, sorting and totals; versions; children.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "store/record_sql.h"
#include "store/store.h"
#include "store/testing/record_samples.h"
#include "store/testing/test_db.h"

namespace xiezuo::store {
namespace {

using model::FieldValue;
using model::FindKind;
using model::Record;
using model::RecordKind;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const RecordKind& Kind(std::string_view key) { return *FindKind(key); }

class RecordStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string error;
    std::string url = testing::FreshDatabaseUrl(GetParam(), &error);
    ASSERT_FALSE(url.empty()) << error;
    auto opened = OpenStore(url);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->UpsertRegions(testing::SampleRegions(), nullptr).ok());
    ASSERT_TRUE(
        store_
            ->UpsertRegions({{"611002", "商州区", model::RegionLevel::kCounty, "6110", 0}}, nullptr)
            .ok());
  }

  // Inserts one record; fails the test on any issue.
  int64_t Insert(const RecordKind& kind, Record r) {
    EXPECT_THAT(model::ValidateRecord(kind, r), IsEmpty()) << kind.key;
    std::vector<Record> batch = {std::move(r)};
    std::vector<RowIssue> issues;
    auto ids = store_->InsertRecords(kind, batch, actor_, {}, &issues);
    EXPECT_TRUE(ids.ok()) << kind.key << ": " << ids.status().ToString();
    return ids.ok() ? ids->at(0) : 0;
  }

  // The 雨花台区—丹凤县 pairing, owned by 丹凤县.
  int64_t Pairing() { return Insert(Kind("pairing"), testing::SampleRecord(Kind("pairing"), {})); }

  int64_t Count(const RecordKind& kind, const RecordFilter& filter = {}) {
    auto page = store_->ListRecords(kind, filter, {1, 20});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->total : -1;
  }

  int64_t CountAudit(const std::string& entity, const std::string& id = "") {
    auto page = store_->ListAudit({.entity = entity, .entity_id = id}, {1, 100});
    return page.ok() ? page->total : -1;
  }

  std::unique_ptr<Store> store_;
  Actor actor_{1, "tester", "127.0.0.1"};
};

TEST_P(RecordStoreTest, EveryKindsTableHasItsFields) {
  ASSERT_TRUE(store_->pool().Acquire(Access::kRead).ok());
  auto conn = store_->pool().Acquire(Access::kRead);
  for (const RecordKind& kind : model::RecordKinds()) {
    auto r = (*conn)->Execute("SELECT * FROM " + kind.key + " WHERE 1 = 0");
    ASSERT_TRUE(r.ok()) << kind.key << ": " << r.status().ToString();
    std::vector<std::string> expected = {"id",         "version",    "created_at", "updated_at",
                                         "created_by", "updated_by", "deleted_at"};
    for (const auto& f : kind.fields) expected.push_back(f.key);
    // The store names columns; a later migration appends a field's column at the end.
    EXPECT_THAT(r->columns, ::testing::UnorderedElementsAreArray(expected)) << kind.key;
  }
}

// Create, read, update and delete for every kind, each write audited.
TEST_P(RecordStoreTest, EveryKindCreateReadUpdateDelete) {
  testing::SampleRefs refs;
  refs.pairing_id = Pairing();
  refs.project_id = Insert(Kind("project"), testing::SampleRecord(Kind("project"), refs));
  refs.plan_id = Insert(Kind("plan"), testing::SampleRecord(Kind("plan"), refs));
  for (const RecordKind& kind : model::RecordKinds()) {
    SCOPED_TRACE(kind.key);
    int64_t id = Insert(kind, testing::SampleRecord(kind, refs, 7));
    ASSERT_GT(id, 0);
    auto got = store_->GetRecord(kind, id);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(got->version, 1);
    EXPECT_EQ(got->created_by, "tester");
    EXPECT_EQ(got->Text(kind, "region_code"), "611022") << "children take their parent's";
    EXPECT_EQ(got->Get(kind, kind.title_field),
              testing::SampleRecord(kind, refs, 7).Get(kind, kind.title_field));

    // Update: change a text or number field and check it sticks, with a new version.
    Record changed = *got;
    const model::FieldDef* note = kind.Field("note");
    if (note == nullptr) note = kind.Field("title");
    if (note == nullptr) note = kind.Field("name");
    ASSERT_NE(note, nullptr);
    changed.Set(kind, note->key, std::string("已更正"));
    std::vector<RowIssue> issues;
    auto updated = store_->UpdateRecord(kind, changed, actor_, &issues);
    ASSERT_TRUE(updated.ok()) << updated.status().ToString();
    EXPECT_EQ(updated->version, 2);
    EXPECT_EQ(updated->Text(kind, note->key), "已更正");

    // Delete is soft and audited; the record is gone from reads and lists.
    int64_t before = Count(kind);
    ASSERT_TRUE(store_->DeleteRecord(kind, id, actor_).ok());
    EXPECT_EQ(store_->GetRecord(kind, id).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(Count(kind), before - 1);
    EXPECT_EQ(store_->DeleteRecord(kind, id, actor_).code(), StatusCode::kNotFound);
    EXPECT_EQ(CountAudit(kind.key, std::to_string(id)), 3) << "create, update, delete";
  }
}

TEST_P(RecordStoreTest, AStaleVersionIsRefused) {
  const RecordKind& k = Kind("project");
  int64_t id = Insert(k, testing::SampleRecord(k, {}));
  Record first = *store_->GetRecord(k, id);
  Record second = first;
  first.Set(k, "name", std::string("甲"));
  ASSERT_TRUE(store_->UpdateRecord(k, first, actor_, nullptr).ok());
  second.Set(k, "name", std::string("乙"));
  auto stale = store_->UpdateRecord(k, second, actor_, nullptr);
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->GetRecord(k, id)->Text(k, "name"), "甲");
}

TEST_P(RecordStoreTest, ABatchWithABadRowWritesNothing) {
  const RecordKind& k = Kind("project");
  ASSERT_GT(Insert(k, testing::SampleRecord(k, {}, 1)), 0);
  std::vector<Record> batch;
  for (int n = 2; n <= 6; ++n) batch.push_back(testing::SampleRecord(k, {}, n));
  batch[1].Set(k, "region_code", std::string("611099"));  // no such region
  batch[2].Set(k, "code", batch[0].Get(k, "code"));       // duplicate in the batch
  batch[3].Set(k, "code", testing::SampleRecord(k, {}, 1).Get(k, "code"));  // in the database
  batch[4].Set(k, "pairing_id", int64_t{999});                              // no such pairing
  std::vector<RowIssue> issues;
  auto ids = store_->InsertRecords(k, batch, actor_, {}, &issues);
  EXPECT_EQ(ids.status().code(), StatusCode::kInvalidArgument);
  std::vector<std::pair<size_t, std::string>> got;
  for (const auto& i : issues) got.emplace_back(i.index, i.issue.field + ":" + i.issue.rule);
  EXPECT_THAT(got, ElementsAre(std::pair<size_t, std::string>{1, "region_code:unknown_region"},
                               std::pair<size_t, std::string>{2, "code:duplicate"},
                               std::pair<size_t, std::string>{3, "code:duplicate"},
                               std::pair<size_t, std::string>{4, "pairing_id:not_found"}));
  EXPECT_EQ(Count(k), 1) << "nothing was written";
  EXPECT_EQ(CountAudit("project"), 1);
}

TEST_P(RecordStoreTest, SkippingBadRowsWritesTheOthersAndRowChecksRefuse) {
  const RecordKind& k = Kind("project");
  std::vector<Record> batch;
  for (int n = 1; n <= 4; ++n) batch.push_back(testing::SampleRecord(k, {}, n));
  batch[1].Set(k, "region_code", std::string("611099"));
  batch[3].Set(k, "region_code", std::string("611002"));
  InsertOptions options;
  options.skip_bad_rows = true;
  options.row_check = [&](const Record& r) -> std::optional<model::FieldIssue> {
    if (r.Text(k, "region_code") == "611022") return std::nullopt;
    return model::FieldIssue{"region_code", "outside_scope", ""};
  };
  std::vector<RowIssue> issues;
  auto ids = store_->InsertRecords(k, batch, actor_, options, &issues);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  EXPECT_GT((*ids)[0], 0);
  EXPECT_EQ((*ids)[1], 0);
  EXPECT_GT((*ids)[2], 0);
  EXPECT_EQ((*ids)[3], 0);
  ASSERT_EQ(issues.size(), 2U);
  EXPECT_EQ(issues[0].issue.rule, "unknown_region") << "the database check comes first";
  EXPECT_EQ(issues[1].issue.rule, "outside_scope");
  EXPECT_EQ(Count(k), 2);
}

TEST_P(RecordStoreTest, ScopeOwnRegionAndPairingPartners) {
  int64_t pairing = Pairing();
  const RecordKind& fund = Kind("fund");
  testing::SampleRefs refs{.pairing_id = pairing};
  Insert(fund, testing::SampleRecord(fund, refs, 1));  // 丹凤县, tied to the pairing
  Record other = testing::SampleRecord(fund, {}, 2);
  other.Set(fund, "region_code", std::string("611002"));  // 商州区, no pairing
  Insert(fund, other);

  EXPECT_EQ(Count(fund, {.scope = "611022"}), 1);
  EXPECT_EQ(Count(fund, {.scope = "6110"}), 2);
  EXPECT_EQ(Count(fund, {.scope = "320114"}), 1) << "the eastern partner reads it";
  EXPECT_EQ(Count(fund, {.scope = "3201"}), 1);
  EXPECT_EQ(Count(fund, {.scope = "611002"}), 1);
  EXPECT_EQ(Count(Kind("pairing"), {.scope = "320114"}), 1) << "found from the east side";
  EXPECT_EQ(Count(Kind("pairing"), {.party_region = "32"}), 1);
  EXPECT_EQ(Count(Kind("pairing"), {.party_region = "611002"}), 0);

  auto page = store_->ListRecords(fund, {.scope = "320114"}, {1, 20});
  ASSERT_TRUE(page.ok());
  int64_t id = page->items.at(0).id;
  auto access = store_->GetRecordAccess(fund, id, "320114");
  ASSERT_TRUE(access.ok());
  EXPECT_EQ(access->region_code, "611022") << "the partner can read but the owner is 丹凤县";
  EXPECT_TRUE(access->visible);
  EXPECT_FALSE(store_->GetRecordAccess(fund, id, "611002")->visible);
  EXPECT_EQ(store_->GetRecordAccess(fund, 9999, "").status().code(), StatusCode::kNotFound);
}

TEST_P(RecordStoreTest, APairingMustReachTheRecordsRegion) {
  int64_t pairing = Pairing();  // 320114 — 611022
  const RecordKind& fund = Kind("fund");
  Record r = testing::SampleRecord(fund, {.pairing_id = pairing});
  r.Set(fund, "region_code", std::string("611002"));
  std::vector<Record> batch = {r};
  std::vector<RowIssue> issues;
  EXPECT_FALSE(store_->InsertRecords(fund, batch, actor_, {}, &issues).ok());
  ASSERT_EQ(issues.size(), 1U);
  EXPECT_EQ(issues[0].issue.rule, "not_a_party");
}

TEST_P(RecordStoreTest, ListFiltersSortsAndTotals) {
  const RecordKind& fund = Kind("fund");
  for (int n = 1; n <= 5; ++n) {
    Record r = testing::SampleRecord(fund, {}, n);
    r.Set(fund, "type", std::string(n % 2 == 0 ? "disbursement" : "commitment"));
    r.Set(fund, "payer", std::string(n == 3 ? "南京市雨花台区" : "江苏省"));
    Insert(fund, r);
  }
  RecordFilter all;
  all.sort = "amount_fen";
  all.descending = true;
  auto page = store_->ListRecords(fund, all, {1, 2});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->items.size(), 2U);
  EXPECT_EQ(page->items[0].Int(fund, "amount_fen"), 5'000'000);
  EXPECT_EQ(page->totals.at("amount_fen"), 15'000'000) << "over the whole list, not the page";

  RecordFilter some;
  some.equals = {{"type", FieldValue(std::string("disbursement"))}};
  auto disbursed = store_->ListRecords(fund, some, {1, 20});
  ASSERT_TRUE(disbursed.ok());
  EXPECT_EQ(disbursed->total, 2);
  EXPECT_EQ(disbursed->totals.at("amount_fen"), 6'000'000);

  EXPECT_EQ(Count(fund, {.q = "雨花台"}), 1);
  RecordFilter range;
  range.ranges = {{"amount_fen", FieldValue(int64_t{2'000'000}), FieldValue(int64_t{4'000'000})}};
  EXPECT_EQ(Count(fund, range), 3);
  RecordFilter bad;
  bad.sort = "note";
  EXPECT_EQ(store_->ListRecords(fund, bad, {1, 20}).status().code(), StatusCode::kInvalidArgument);

  auto groups = store_->GroupRecords(
      fund, {}, {.region_prefix = 6, .group_by = {"type"}, .sums = {"amount_fen"}});
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  ASSERT_EQ(groups->size(), 2U);
  EXPECT_EQ((*groups)[0].region_code, "611022");
  EXPECT_EQ((*groups)[0].keys[0], FieldValue(std::string("commitment")));
  EXPECT_EQ((*groups)[0].sums[0], 9'000'000);
}

TEST_P(RecordStoreTest, ChildrenFollowTheirParent) {
  const RecordKind& project = Kind("project");
  const RecordKind& progress = Kind("project_progress");
  int64_t pairing = Pairing();
  int64_t pid = Insert(project, testing::SampleRecord(project, {.pairing_id = pairing}));
  int64_t sid = Insert(progress, testing::SampleRecord(progress, {.project_id = pid}));
  Record snap = *store_->GetRecord(progress, sid);
  EXPECT_EQ(snap.Int(progress, "pairing_id"), pairing) << "derived from the project";

  Record moved = *store_->GetRecord(project, pid);
  moved.Set(project, "region_code", std::string("611002"));
  moved.Set(project, "pairing_id", FieldValue{});
  ASSERT_TRUE(store_->UpdateRecord(project, moved, actor_, nullptr).ok());
  snap = *store_->GetRecord(progress, sid);
  EXPECT_EQ(snap.Text(progress, "region_code"), "611002");
  EXPECT_EQ(snap.Get(progress, "pairing_id"), FieldValue{});

  ASSERT_TRUE(store_->DeleteRecord(project, pid, actor_).ok());
  EXPECT_EQ(store_->GetRecord(progress, sid).status().code(), StatusCode::kNotFound);

  std::vector<Record> orphan = {testing::SampleRecord(progress, {.project_id = pid})};
  std::vector<RowIssue> issues;
  EXPECT_FALSE(store_->InsertRecords(progress, orphan, actor_, {}, &issues).ok());
  ASSERT_EQ(issues.size(), 1U);
  EXPECT_EQ(issues[0].issue, (model::FieldIssue{"project_id", "not_found", "project"}));
}

TEST_P(RecordStoreTest, PairingPartiesFollowEdits) {
  const RecordKind& k = Kind("pairing");
  int64_t id = Pairing();
  Record r = *store_->GetRecord(k, id);
  r.Set(k, "west_extra", std::string("611002"));
  ASSERT_TRUE(store_->UpdateRecord(k, r, actor_, nullptr).ok());
  EXPECT_EQ(Count(k, {.party_region = "611002"}), 1) << "a 1+X party";
  ASSERT_TRUE(store_->DeleteRecord(k, id, actor_).ok());
  EXPECT_EQ(Count(k, {.party_region = "61"}), 0);
}

TEST_P(RecordStoreTest, AttachmentsRoundTrip) {
  const RecordKind& k = Kind("pairing");
  int64_t id = Pairing();
  std::string pdf = "%PDF-1.4\n";
  for (int i = 0; i < 256; ++i) pdf += static_cast<char>(i);
  ASSERT_TRUE(store_->SetAttachment(k, id, {"协议.pdf", "application/pdf", pdf, 0}, actor_).ok());
  auto got = store_->GetAttachment(k, id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->bytes, pdf);
  EXPECT_EQ(got->filename, "协议.pdf");
  EXPECT_EQ(store_->GetAttachment(k, id + 1).status().code(), StatusCode::kNotFound);
}

TEST_P(RecordStoreTest, PersonalDataStaysOutOfTheAuditLog) {
  const RecordKind& k = Kind("placement");
  Record r = testing::SampleRecord(k, {});
  r.Set(k, "worker_ref", std::string("王小明"));
  int64_t id = Insert(k, r);
  auto audit = store_->ListAudit({.entity = "placement", .entity_id = std::to_string(id)}, {1, 5});
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->items.size(), 1U);
  EXPECT_EQ(audit->items[0].after_json.find("王小明"), std::string::npos);
  EXPECT_NE(audit->items[0].after_json.find("王**"), std::string::npos);
}

// Listeners hear of every committed write: records written, children moved with their
// parent, and every record a delete took with it; nothing for a refused write.
TEST_P(RecordStoreTest, ListenersHearCommittedWrites) {
  // What each call told: the written records (copied: they are the writer's), the rest.
  struct Heard {
    std::vector<std::pair<const RecordKind*, Record>> written;
    std::vector<std::pair<const RecordKind*, int64_t>> deleted;
    std::vector<std::pair<const RecordKind*, int64_t>> moved_children_of;
  };
  std::vector<Heard> heard;
  int reads = 0;
  store_->AddRecordListener([&](const RecordChange& c) {
    Heard h{{}, c.deleted, c.moved_children_of};
    for (const auto& [kind, record] : c.written) h.written.emplace_back(kind, *record);
    heard.push_back(std::move(h));
    // A listener may read the store: the write's connection is back in the pool by then.
    if (!c.written.empty()) {
      reads += store_->GetRecord(*c.written[0].first, c.written[0].second->id).ok() ? 1 : 0;
    }
  });
  const RecordKind& project = Kind("project");
  testing::SampleRefs refs;
  refs.pairing_id = Pairing();
  ASSERT_EQ(heard.size(), 1U);
  EXPECT_EQ(heard[0].written.at(0).first->key, "pairing");
  EXPECT_EQ(heard[0].written.at(0).second.id, refs.pairing_id);

  refs.project_id = Insert(project, testing::SampleRecord(project, refs));
  int64_t progress =
      Insert(Kind("project_progress"), testing::SampleRecord(Kind("project_progress"), refs));
  ASSERT_EQ(heard.size(), 3U);
  EXPECT_EQ(heard[2].written.at(0).second.id, progress);

  auto got = store_->GetRecord(project, refs.project_id);
  ASSERT_TRUE(got.ok());
  got->Set(project, "name", std::string("改名"));
  ASSERT_TRUE(store_->UpdateRecord(project, *got, actor_, nullptr).ok());
  ASSERT_EQ(heard.size(), 4U);
  EXPECT_EQ(heard[3].written.at(0).second.Text(project, "name"), "改名");
  ASSERT_EQ(heard[3].moved_children_of.size(), 1U);
  EXPECT_EQ(heard[3].moved_children_of[0].second, refs.project_id);

  // A refused write is not heard.
  Record bad = testing::SampleRecord(project, refs);  // its code is taken
  std::vector<Record> batch = {bad};
  EXPECT_FALSE(store_->InsertRecords(project, batch, actor_, {}, nullptr).ok());
  EXPECT_EQ(heard.size(), 4U);

  EXPECT_EQ(reads, 4);
  ASSERT_TRUE(store_->DeleteRecord(project, refs.project_id, actor_).ok());
  ASSERT_EQ(heard.size(), 5U);
  std::set<std::pair<std::string, int64_t>> deleted;
  for (const auto& [kind, id] : heard[4].deleted) deleted.insert({kind->key, id});
  EXPECT_EQ(deleted, (std::set<std::pair<std::string, int64_t>>{{"project", refs.project_id},
                                                                {"project_progress", progress}}));
}

// A scan reads every live record once, in id order, across its internal batches.
TEST_P(RecordStoreTest, ScanReadsEveryLiveRecordInIdOrder) {
  const RecordKind& k = Kind("donation");
  std::vector<Record> batch;
  for (int i = 0; i < 5003; ++i) batch.push_back(testing::SampleRecord(k, {}, i + 1));
  auto ids = store_->InsertRecords(k, batch, actor_, {}, nullptr);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_TRUE(store_->DeleteRecord(k, ids->at(7), actor_).ok());
  std::vector<int64_t> seen;
  ASSERT_TRUE(store_->ScanRecords(k, [&](const Record& r) { seen.push_back(r.id); }).ok());
  ASSERT_EQ(seen.size(), 5002U);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::count(seen.begin(), seen.end(), ids->at(7)), 0);
  EXPECT_EQ(seen.back(), ids->back());
}

// A scan of some fields reads the id and those fields, leaves the rest empty, and refuses a
// field the kind does not have.
TEST_P(RecordStoreTest, ScanOfSomeFieldsReadsOnlyThose) {
  const RecordKind& k = Kind("donation");
  Record sample = testing::SampleRecord(k, {}, 1);
  ASSERT_FALSE(std::holds_alternative<std::monostate>(sample.Get(k, "money_fen")));
  std::vector<Record> batch = {sample};
  auto ids = store_->InsertRecords(k, batch, actor_, {}, nullptr);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  const std::vector<std::string> fields = {"region_code", "money_fen"};
  std::vector<Record> seen;
  ASSERT_TRUE(store_->ScanRecords(k, fields, [&](const Record& r) { seen.push_back(r); }).ok());
  ASSERT_EQ(seen.size(), 1U);
  EXPECT_EQ(seen[0].id, ids->at(0));
  for (size_t i = 0; i < k.fields.size(); ++i) {
    const std::string& key = k.fields[i].key;
    if (key == "region_code" || key == "money_fen") {
      EXPECT_EQ(seen[0].values()[i], sample.values()[i]) << key;
    } else {
      EXPECT_TRUE(std::holds_alternative<std::monostate>(seen[0].values()[i])) << key;
    }
  }
  const std::vector<std::string> unknown = {"region_code", "no_such_field"};
  Status bad = store_->ScanRecords(k, unknown, [](const Record&) {});
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.message(), ::testing::HasSubstr("no_such_field"));
}

// The audit row of a record is JSON that reads back to the record's values, whatever the text
// holds (quotes, backslashes, control characters, CJK), in one batch of many records.
TEST_P(RecordStoreTest, AuditJsonReadsBackForEveryRecordOfABatch) {
  const RecordKind& k = Kind("donation");
  const std::string tricky = "引号\"反斜杠\\换行\n制表\t\x01结束";
  std::vector<Record> batch;
  for (int i = 0; i < 1200; ++i) {  // more than one INSERT statement's worth of rows
    Record r = testing::SampleRecord(k, {});
    r.Set(k, "note", tricky + std::to_string(i));
    batch.push_back(std::move(r));
  }
  std::vector<RowIssue> issues;
  auto ids = store_->InsertRecords(k, batch, actor_, {}, &issues);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), batch.size());
  for (size_t i : {size_t{0}, size_t{499}, size_t{500}, size_t{1199}}) {
    // Each id belongs to the record at its position.
    auto got = store_->GetRecord(k, (*ids)[i]);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(got->Text(k, "note"), tricky + std::to_string(i));
    auto audit =
        store_->ListAudit({.entity = "donation", .entity_id = std::to_string((*ids)[i])}, {1, 5});
    ASSERT_TRUE(audit.ok());
    ASSERT_EQ(audit->items.size(), 1U);
    auto after = nlohmann::json::parse(audit->items[0].after_json, nullptr, false);
    ASSERT_FALSE(after.is_discarded()) << audit->items[0].after_json;
    EXPECT_EQ(after["id"], (*ids)[i]);
    EXPECT_EQ(after["note"], tricky + std::to_string(i));
    EXPECT_EQ(after["money_fen"], got->Get(k, "money_fen") == model::FieldValue{}
                                      ? nlohmann::json()
                                      : nlohmann::json(got->Int(k, "money_fen")));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordStoreTest, ::testing::ValuesIn(testing::BackendNames()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace xiezuo::store
