// One suite, every backend: SQLite in memory, SQLite in a file, and PostgreSQL. The same
// expectations hold for each (a backend that needs a server and has none fails, never skips).
#include "store/store.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/migrations.h"
#include "store/testing/test_db.h"

namespace xiezuo::store {
namespace {

using model::Institution;
using model::InstitutionKind;
using model::RegionLevel;

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string error;
    url_ = testing::FreshDatabaseUrl(GetParam(), &error);
    ASSERT_FALSE(url_.empty()) << error;
    auto opened = OpenStore(url_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->UpsertRegions(testing::SampleRegions(), nullptr).ok());
  }

  int64_t CountAudit(const std::string& entity, const std::string& action) {
    auto page = store_->ListAudit({.entity = entity, .action = action}, {1, 100});
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->total : -1;
  }

  Institution Hospital(std::string name = "丹凤县人民医院") {
    return Institution{
        .name = std::move(name), .kind = InstitutionKind::kHospital, .region_code = "611022"};
  }

  std::string url_;
  std::unique_ptr<Store> store_;
  Actor actor_{1, "tester", "127.0.0.1"};
};

TEST_P(StoreTest, MigratesFromAnEmptyDatabase) {
  EXPECT_EQ(store_->schema_version(), kSqliteMigrations.back().version);
  EXPECT_EQ(kSqliteMigrations.size(), kPostgresMigrations.size());
  auto roles = store_->ListRoles();
  ASSERT_TRUE(roles.ok());
  EXPECT_EQ(roles->size(), ShippedRoles().size());
}

// Persistence: write, close, reopen, check (the backends that keep data).
class PersistentStoreTest : public StoreTest {};

TEST_P(PersistentStoreTest, ReopeningKeepsDataAndSchema) {
  ASSERT_TRUE(store_->CreateInstitution(Hospital(), actor_).ok());
  store_.reset();
  auto reopened = OpenStore(url_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  auto list = (*reopened)->ListInstitutions({}, {1, 20});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->total, 1);
  EXPECT_EQ(list->items[0].name, "丹凤县人民医院");
}

TEST_P(StoreTest, RegionsChildrenPathAndSearch) {
  auto county = store_->GetRegion("611022");
  ASSERT_TRUE(county.ok());
  EXPECT_EQ(county->name, "丹凤县");
  EXPECT_EQ(county->level, RegionLevel::kCounty);
  EXPECT_EQ(county->parent_code, "6110");
  EXPECT_EQ(county->child_count, 2);
  EXPECT_EQ(store_->GetRegion("999999").status().code(), StatusCode::kNotFound);

  auto children = store_->ListChildren("611022", {1, 1});
  ASSERT_TRUE(children.ok());
  EXPECT_EQ(children->total, 2);
  ASSERT_EQ(children->items.size(), 1u);
  EXPECT_EQ(children->items[0].code, "611022100");
  auto second = store_->ListChildren("611022", {2, 1});
  EXPECT_EQ(second->items.at(0).code, "611022101");

  auto path = store_->RegionPath("611022100001");
  ASSERT_TRUE(path.ok());
  ASSERT_EQ(path->size(), 5u);
  EXPECT_EQ((*path)[0].name, "陕西省");
  EXPECT_EQ((*path)[4].name, "北街社区居委会");

  auto by_name = store_->SearchRegions("街道", "", {1, 20});
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->total, 2);  // 龙驹寨街道, 雨花街道
  auto scoped = store_->SearchRegions("街道", "611022", {1, 20});
  EXPECT_EQ(scoped->total, 1);
  auto by_code = store_->SearchRegions("6110", "", {1, 20});
  EXPECT_EQ(by_code->total, 5);
  auto none = store_->SearchRegions("%", "", {1, 20});
  EXPECT_EQ(none->total, 0) << "LIKE wildcards in a query must be literal";

  auto counts = store_->CountRegionsByLevel();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ((*counts)[RegionLevel::kProvince], 2);
  EXPECT_EQ((*counts)[RegionLevel::kTown], 3);
}

TEST_P(StoreTest, AllRegionsInCodeOrder) {
  auto all = store_->AllRegions();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->size(), testing::SampleRegions().size());
  EXPECT_TRUE(std::is_sorted(all->begin(), all->end(),
                             [](const auto& a, const auto& b) { return a.code < b.code; }));
  auto danfeng =
      std::find_if(all->begin(), all->end(), [](const auto& r) { return r.code == "611022"; });
  ASSERT_NE(danfeng, all->end());
  EXPECT_EQ(danfeng->name, "丹凤县");
  EXPECT_EQ(danfeng->parent_code, "6110");
}

TEST_P(StoreTest, ReimportingRegionsUpdatesInPlace) {
  auto regions = testing::SampleRegions();
  regions[2].name = "丹凤县(新)";
  ASSERT_TRUE(store_->CreateInstitution(Hospital(), actor_).ok());
  ASSERT_TRUE(store_->UpsertRegions(regions, nullptr).ok());
  EXPECT_EQ(store_->GetRegion("611022")->name, "丹凤县(新)");
  EXPECT_EQ(store_->CountRegionsByLevel()->at(RegionLevel::kCounty), 2);
}

TEST_P(StoreTest, InstitutionLifecycleIsAudited) {
  auto created = store_->CreateInstitution(Hospital(), actor_);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->region_name, "丹凤县");

  Institution edit = *created;
  edit.address = "龙驹寨街道";
  auto updated = store_->UpdateInstitution(edit, actor_);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->address, "龙驹寨街道");

  ASSERT_TRUE(store_->DeleteInstitution(created->id, actor_).ok());
  EXPECT_EQ(store_->GetInstitution(created->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteInstitution(created->id, actor_).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListInstitutions({}, {1, 20})->total, 0);

  auto audit = store_->ListAudit({.entity = "institution"}, {1, 20});
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->total, 3);
  // Newest first: delete, update, create.
  const AuditEntry& del = audit->items[0];
  const AuditEntry& upd = audit->items[1];
  const AuditEntry& cre = audit->items[2];
  EXPECT_EQ(del.action, "delete");
  EXPECT_EQ(upd.action, "update");
  EXPECT_EQ(cre.action, "create");
  EXPECT_EQ(cre.username, "tester");
  EXPECT_EQ(cre.entity_id, std::to_string(created->id));
  EXPECT_TRUE(cre.before_json.empty());
  auto before = nlohmann::json::parse(upd.before_json);
  auto after = nlohmann::json::parse(upd.after_json);
  EXPECT_EQ(before["address"], "");
  EXPECT_EQ(after["address"], "龙驹寨街道");
  EXPECT_TRUE(del.after_json.empty());
}

TEST_P(StoreTest, RejectedWritesLeaveNothing) {
  Institution ent{.name = "某企业",
                  .kind = InstitutionKind::kEnterprise,
                  .region_code = "611022",
                  .credit_code = "91350100M000100Y43"};
  ASSERT_TRUE(store_->CreateInstitution(ent, actor_).ok());
  ent.name = "另一企业";
  auto dup = store_->CreateInstitution(ent, actor_);
  ASSERT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.status().details().at(0).field, "credit_code");

  Institution lost = Hospital();
  lost.region_code = "611099";
  auto unknown = store_->CreateInstitution(lost, actor_);
  ASSERT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().details().at(0).field, "region_code");

  lost.name = "";
  auto invalid = store_->CreateInstitution(lost, actor_);
  EXPECT_EQ(invalid.status().details().size(), 1u);

  EXPECT_EQ(store_->ListInstitutions({}, {1, 20})->total, 1);
  EXPECT_EQ(CountAudit("institution", "create"), 1);
}

TEST_P(StoreTest, InstitutionListFilters) {
  ASSERT_TRUE(store_->CreateInstitution(Hospital(), actor_).ok());
  Institution school{
      .name = "雨花台中学", .kind = InstitutionKind::kSchool, .region_code = "320114002"};
  ASSERT_TRUE(store_->CreateInstitution(school, actor_).ok());
  EXPECT_EQ(store_->ListInstitutions({.within_region = "6110"}, {1, 20})->total, 1);
  EXPECT_EQ(store_->ListInstitutions({.within_region = "32"}, {1, 20})->items.at(0).name,
            "雨花台中学");
  EXPECT_EQ(store_->ListInstitutions({.kind = InstitutionKind::kSchool}, {1, 20})->total, 1);
  EXPECT_EQ(store_->ListInstitutions({.name_contains = "医院"}, {1, 20})->total, 1);
  EXPECT_EQ(store_->ListInstitutions({.within_region = "611023"}, {1, 20})->total, 0);
}

TEST_P(StoreTest, UsersSessionsAndPasswords) {
  model::User u{.username = "danfeng_county",
                .display_name = "丹凤县协作办",
                .role = "county_office",
                .scope_region_code = "611022",
                .password_hash = "hash-1"};
  auto created = store_->CreateUser(u, actor_);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(store_->CreateUser(u, actor_).status().code(), StatusCode::kAlreadyExists);
  model::User bad = u;
  bad.username = "other";
  bad.role = "emperor";
  bad.scope_region_code = "999999";
  auto invalid = store_->CreateUser(bad, actor_);
  ASSERT_EQ(invalid.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid.status().details().size(), 2u);

  auto found = store_->FindUserByName("danfeng_county");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->password_hash, "hash-1");
  EXPECT_EQ(found->scope_region_code, "611022");

  Session s{"tokenhash", created->id, "csrf", 100, 200, 1000, "127.0.0.1"};
  ASSERT_TRUE(store_->CreateSession(s).ok());
  ASSERT_TRUE(store_->ExtendSession("tokenhash", 300).ok());
  EXPECT_EQ(store_->GetSession("tokenhash")->expires_at, 300);
  EXPECT_EQ(*store_->PurgeSessions(250), 0);
  EXPECT_EQ(*store_->PurgeSessions(301), 1);

  ASSERT_TRUE(store_->CreateSession(s).ok());
  ASSERT_TRUE(store_->SetPasswordHash(created->id, "hash-2", actor_).ok());
  EXPECT_EQ(store_->GetSession("tokenhash").status().code(), StatusCode::kNotFound)
      << "a password change ends the user's sessions";
  EXPECT_EQ(store_->GetUser(created->id)->password_hash, "hash-2");
  auto audit = store_->ListAudit({.action = "password_change"}, {1, 20});
  ASSERT_EQ(audit->total, 1);
  EXPECT_EQ(audit->items[0].after_json.find("hash-2"), std::string::npos);

  model::User edit = *created;
  edit.disabled = true;
  edit.display_name = "丹凤";
  auto updated = store_->UpdateUser(edit, actor_);
  ASSERT_TRUE(updated.ok());
  EXPECT_TRUE(updated->disabled);
  EXPECT_EQ(store_->ListUsers("丹凤", "", {1, 20})->total, 1);
  EXPECT_EQ(store_->ListUsers("", "6110", {1, 20})->total, 1);
  EXPECT_EQ(store_->ListUsers("", "32", {1, 20})->total, 0);
}

TEST_P(StoreTest, AuditFilters) {
  ASSERT_TRUE(
      store_->AppendAudit({.at = 1000, .username = "a", .action = "login", .entity = "session"})
          .ok());
  ASSERT_TRUE(
      store_
          ->AppendAudit(
              {.at = 2000, .username = "b", .action = "denied", .entity = "/api/v1/regions/{code}"})
          .ok());
  EXPECT_EQ(store_->ListAudit({.username = "a"}, {1, 20})->total, 1);
  EXPECT_EQ(store_->ListAudit({.from = 1500}, {1, 20})->total, 1);
  EXPECT_EQ(store_->ListAudit({.to = 1500}, {1, 20})->total, 1);
  EXPECT_EQ(store_->ListAudit({.action = "denied"}, {1, 20})->items.at(0).username, "b");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(testing::BackendNames()),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Backends, PersistentStoreTest,
                         ::testing::Values("sqlite_file", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace xiezuo::store
