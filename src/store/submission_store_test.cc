// Aggregate data entry in the store, on every backend: submissions written with their values,
// workflow steps and audit rows in one transaction; versions; lists by region, data set,
// periods and status; deadlines; listeners. And the versions of assessment templates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store.h"
#include "store/testing/test_db.h"

namespace xiezuo::store {
namespace {

using model::SubmissionStatus;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

class SubmissionStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string error;
    std::string url = testing::FreshDatabaseUrl(GetParam(), &error);
    ASSERT_FALSE(url.empty()) << error;
    auto opened = OpenStore(url);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->UpsertRegions(testing::SampleRegions(), nullptr).ok());
  }

  static Submission Draft(const std::string& region, const std::string& period) {
    Submission s;
    s.dataset = "labour_quarterly";
    s.region_code = region;
    s.period = period;
    s.values = {{"placement_persons", 549}, {"placement_persons.paired_east", 284}};
    return s;
  }

  static SubmissionEvent Event(const std::string& action, const std::string& comment = "") {
    SubmissionEvent e;
    e.action = action;
    e.comment = comment;
    return e;
  }

  std::unique_ptr<Store> store_;
  Actor actor_{7, "danfeng", "127.0.0.1"};
};

TEST_P(SubmissionStoreTest, WritesReadsAndVersions) {
  EXPECT_FALSE(store_->FindSubmission("labour_quarterly", "611022", "2021Q1")->has_value());
  auto created = store_->WriteSubmission(Draft("611022", "2021Q1"), Event("save"), actor_);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(created->created_by, "danfeng");

  auto found = store_->FindSubmission("labour_quarterly", "611022", "2021Q1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_THAT((*found)->values, ElementsAre(Pair("placement_persons", 549),
                                            Pair("placement_persons.paired_east", 284)));
  EXPECT_EQ((*found)->status, SubmissionStatus::kDraft);

  // Submit with one value removed and one changed.
  Submission next = **found;
  next.values.erase("placement_persons.paired_east");
  next.values["placement_persons"] = 550;
  next.status = SubmissionStatus::kSubmitted;
  auto submitted = store_->WriteSubmission(next, Event("submit"), actor_);
  ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  EXPECT_EQ(submitted->version, 2);
  found = store_->FindSubmission("labour_quarterly", "611022", "2021Q1");
  EXPECT_THAT((*found)->values, ElementsAre(Pair("placement_persons", 550)));
  EXPECT_EQ((*found)->status, SubmissionStatus::kSubmitted);

  // A stale version is refused and changes nothing.
  next.values["placement_persons"] = 1;
  auto stale = store_->WriteSubmission(next, Event("save"), actor_);
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(stale.status().message(), HasSubstr("changed by someone else"));
  EXPECT_EQ((*store_->FindSubmission("labour_quarterly", "611022", "2021Q1"))
                ->values.at("placement_persons"),
            550);

  // A second new one for the same key is refused.
  auto twice = store_->WriteSubmission(Draft("611022", "2021Q1"), Event("save"), actor_);
  EXPECT_EQ(twice.status().code(), StatusCode::kAlreadyExists);

  // The trail and the audit rows.
  auto events = store_->ListSubmissionEvents(created->id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2U);
  EXPECT_EQ((*events)[0].action, "save");
  EXPECT_EQ((*events)[1].action, "submit");
  EXPECT_EQ((*events)[1].status, SubmissionStatus::kSubmitted);
  EXPECT_EQ((*events)[1].username, "danfeng");
  auto audit = store_->ListAudit({.entity = "submission", .entity_id = std::to_string(created->id)},
                                 {1, 10});
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->total, 2);
  EXPECT_EQ(audit->items[0].action, "submission_submit");
  EXPECT_THAT(audit->items[0].before_json, HasSubstr("\"status\":\"draft\""));
  EXPECT_THAT(audit->items[0].after_json, HasSubstr("\"placement_persons\":550"));
}

TEST_P(SubmissionStoreTest, ListsByRegionDatasetPeriodsAndStatus) {
  for (const char* period : {"2021Q1", "2021Q2", "2021Q3"}) {
    ASSERT_TRUE(store_->WriteSubmission(Draft("611022", period), Event("save"), actor_).ok());
  }
  ASSERT_TRUE(store_->WriteSubmission(Draft("320114", "2021Q1"), Event("save"), actor_).ok());
  Submission annual = Draft("611022", "2021");
  annual.dataset = "west_annual";
  annual.status = SubmissionStatus::kSubmitted;
  ASSERT_TRUE(store_->WriteSubmission(annual, Event("submit"), actor_).ok());

  auto all = store_->ListSubmissions({}, 100);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 5U);
  EXPECT_EQ(all->front().region_code, "320114");  // by region first
  auto shaanxi = store_->ListSubmissions(
      {.dataset = "labour_quarterly", .within_region = "61", .periods = {"2021Q1", "2021Q3"}}, 100);
  ASSERT_TRUE(shaanxi.ok());
  ASSERT_EQ(shaanxi->size(), 2U);
  EXPECT_EQ((*shaanxi)[1].period, "2021Q3");
  EXPECT_EQ((*shaanxi)[1].values.size(), 2U);
  auto submitted = store_->ListSubmissions({.status = SubmissionStatus::kSubmitted}, 100);
  ASSERT_EQ(submitted->size(), 1U);
  EXPECT_EQ(submitted->front().dataset, "west_annual");
  auto too_many = store_->ListSubmissions({}, 4);
  EXPECT_EQ(too_many.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(too_many.status().message(), HasSubstr("5 submissions match"));

  std::vector<std::string> scanned;
  ASSERT_TRUE(
      store_->ScanSubmissions([&](const Submission& s) { scanned.push_back(s.period); }).ok());
  EXPECT_THAT(scanned, ElementsAre("2021Q1", "2021Q2", "2021Q3", "2021Q1", "2021"));
}

TEST_P(SubmissionStoreTest, DeadlinesAreSetAndAudited) {
  EXPECT_TRUE(store_->DatasetDeadlines()->empty());
  ASSERT_TRUE(store_->SetDatasetDeadline("labour_quarterly", 20, actor_).ok());
  ASSERT_TRUE(store_->SetDatasetDeadline("labour_quarterly", 5, actor_).ok());
  EXPECT_THAT(*store_->DatasetDeadlines(), ElementsAre(Pair("labour_quarterly", 5)));
  Status negative = store_->SetDatasetDeadline("labour_quarterly", -1, actor_);
  EXPECT_EQ(negative.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(*store_->DatasetDeadlines(), ElementsAre(Pair("labour_quarterly", 5)));
  auto audit = store_->ListAudit({.entity = "dataset", .entity_id = "labour_quarterly"}, {1, 10});
  ASSERT_EQ(audit->total, 2);
  EXPECT_EQ(audit->items[0].before_json, "{\"deadline_days\":20}");
  EXPECT_EQ(audit->items[0].after_json, "{\"deadline_days\":5}");
}

TEST_P(SubmissionStoreTest, ListenersSeeBeforeAndAfter) {
  std::vector<std::string> seen;
  store_->AddSubmissionListener([&](const Submission* before, const Submission& after) {
    seen.push_back((before ? std::string(model::SubmissionStatusName(before->status)) : "none") +
                   ">" + model::SubmissionStatusName(after.status));
  });
  auto s = store_->WriteSubmission(Draft("611022", "2021Q1"), Event("save"), actor_);
  ASSERT_TRUE(s.ok());
  Submission next = *s;
  next.status = SubmissionStatus::kSubmitted;
  ASSERT_TRUE(store_->WriteSubmission(next, Event("submit"), actor_).ok());
  // A refused write tells nobody.
  EXPECT_FALSE(store_->WriteSubmission(next, Event("submit"), actor_).ok());
  EXPECT_THAT(seen, ElementsAre("none>draft", "draft>submitted"));
}

// Assessment templates are versioned per year and side: each edit is the next version, the
// others untouched, every version kept and audited; a side other than east or west is refused.
TEST_P(SubmissionStoreTest, AssessmentTemplatesAreVersionedPerYearAndSide) {
  EXPECT_TRUE(store_->ListAssessmentTemplates(2021, "west")->empty());
  auto first = store_->AddAssessmentTemplate(2021, "west", R"({"v":"a"})", actor_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->created_by, "danfeng");
  auto second = store_->AddAssessmentTemplate(2021, "west", R"({"v":"b"})", actor_);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->version, 2);
  // Another side and another year start at 1.
  EXPECT_EQ(store_->AddAssessmentTemplate(2021, "east", R"({"v":"c"})", actor_)->version, 1);
  EXPECT_EQ(store_->AddAssessmentTemplate(2022, "west", R"({"v":"d"})", actor_)->version, 1);

  auto versions = store_->ListAssessmentTemplates(2021, "west");
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  ASSERT_EQ(versions->size(), 2U);
  EXPECT_EQ((*versions)[0].version, 1);
  EXPECT_EQ((*versions)[0].body, R"({"v":"a"})");
  EXPECT_EQ((*versions)[1].version, 2);
  EXPECT_EQ((*versions)[1].body, R"({"v":"b"})");
  EXPECT_EQ((*versions)[1].year, 2021);
  EXPECT_EQ((*versions)[1].side, "west");

  auto audit =
      store_->ListAudit({.entity = "assessment_template", .entity_id = "2021/west/2"}, {1, 10});
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->total, 1);
  EXPECT_EQ(audit->items[0].action, "create");
  EXPECT_EQ(audit->items[0].after_json, R"({"v":"b"})");

  auto bad = store_->AddAssessmentTemplate(2021, "north", "{}", actor_);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().details().at(0).field, "side");
}

TEST_P(SubmissionStoreTest, TextsAreWrittenWithTheValuesAndFilesAreAttachedPerField) {
  Submission s = Draft("611022", "2021");
  s.dataset = "assessment_self";
  s.values = {{"leadership.meetings", 450}};
  s.texts = {{"leadership.meetings", "召开联席会议3次"}, {"leadership.meetings.partner", ""}};
  auto created = store_->WriteSubmission(s, Event("save"), actor_);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  // An empty text is not kept.
  EXPECT_THAT(created->texts, ElementsAre(Pair("leadership.meetings", "召开联席会议3次")));
  auto found = store_->FindSubmission("assessment_self", "611022", "2021");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_THAT((*found)->texts, ElementsAre(Pair("leadership.meetings", "召开联席会议3次")));
  auto listed = store_->ListSubmissions({.dataset = "assessment_self"}, 10);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().texts.size(), 1u);

  // A later write replaces the texts as it replaces the values.
  Submission next = **found;
  next.texts = {{"leadership.meetings.partner", "同意"}};
  ASSERT_TRUE(store_->WriteSubmission(next, Event("save"), actor_).ok());
  found = store_->FindSubmission("assessment_self", "611022", "2021");
  EXPECT_THAT((*found)->texts, ElementsAre(Pair("leadership.meetings.partner", "同意")));

  // Files: added to a field, listed by field, read back with their bytes, removed; audited.
  const std::string pdf = std::string("%PDF-1.4\n\0binary\xff", 17);
  auto a = store_->AddSubmissionFile(created->id, "leadership.meetings",
                                     {"会议纪要.pdf", "application/pdf", pdf, 0}, actor_);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = store_->AddSubmissionFile(created->id, "cadres.exchange",
                                     {"名单.pdf", "application/pdf", "%PDF-", 0}, actor_);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->size, 17);
  auto files = store_->ListSubmissionFiles(created->id);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].field, "cadres.exchange");
  EXPECT_EQ((*files)[1].filename, "会议纪要.pdf");
  EXPECT_EQ((*files)[1].uploaded_by, "danfeng");
  auto got = store_->GetSubmissionFile(a->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->second.bytes, pdf);
  EXPECT_EQ(got->first.submission_id, created->id);
  EXPECT_EQ(store_->AddSubmissionFile(999999, "x", {"a.pdf", "application/pdf", "%PDF-", 0}, actor_)
                .status()
                .code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(store_->DeleteSubmissionFile(a->id, actor_).ok());
  EXPECT_EQ(store_->GetSubmissionFile(a->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteSubmissionFile(a->id, actor_).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListSubmissionFiles(created->id)->size(), 1u);
  auto audit = store_->ListAudit({.entity = "submission", .entity_id = std::to_string(created->id)},
                                 {1, 20});
  ASSERT_TRUE(audit.ok());
  std::vector<std::string> actions;
  for (const AuditEntry& e : audit->items) actions.push_back(e.action);
  EXPECT_THAT(actions, ::testing::IsSupersetOf({"attach", "detach", "submission_save"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, SubmissionStoreTest,
                         ::testing::ValuesIn(testing::BackendNames()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace xiezuo::store
