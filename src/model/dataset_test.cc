// Data sets, periods, the approval chain and the workflow's transitions.
#include "model/dataset.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace xiezuo::model {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using S = SubmissionStatus;
using A = SubmissionAction;

TEST(DatasetTest, ShippedDatasetsAreConsistent) {
  EXPECT_EQ(CheckDatasets(Datasets()), "");
  ASSERT_NE(FindDataset("west_annual"), nullptr);
  const Dataset& labour = *FindDataset("labour_quarterly");
  EXPECT_EQ(labour.period_type, PeriodType::kQuarter);
  ASSERT_NE(labour.FindField("placement_persons.paired_east"), nullptr);
  EXPECT_EQ(labour.FindField("placement_persons.paired_east")->option, "paired_east");
  EXPECT_EQ(FindDataset("east_annual")->side, CooperationSide::kEast);
  EXPECT_EQ(FindDataset("nope"), nullptr);
}

TEST(DatasetTest, CheckNamesWrongDatasets) {
  Dataset d = *FindDataset("funds_monthly");
  d.fields.push_back({"fund_disbursement_rate", "fund_disbursement_rate", ""});
  d.fields.push_back({"x", "no_such_indicator", ""});
  d.fields.push_back({"placement_persons.mars", "placement_persons", "mars"});
  d.fields.push_back(d.fields.front());
  std::string problems = CheckDatasets({d, d});
  EXPECT_THAT(problems, HasSubstr("funds_monthly: the code repeats"));
  EXPECT_THAT(problems, HasSubstr("a ratio cannot be entered"));
  EXPECT_THAT(problems, HasSubstr("unknown indicator no_such_indicator"));
  EXPECT_THAT(problems, HasSubstr("unknown option mars"));
  EXPECT_THAT(problems, HasSubstr("fund_allocation: the key repeats"));
}

TEST(PeriodTest, ParsesPrintsAndSteps) {
  EXPECT_EQ(ParsePeriod("2021")->ToString(), "2021");
  EXPECT_EQ(ParsePeriod("2021Q3")->ToString(), "2021Q3");
  EXPECT_EQ(ParsePeriod("2021-03")->ToString(), "2021-03");
  EXPECT_EQ(ParsePeriod("2021Q1")->Previous().ToString(), "2020Q4");
  EXPECT_EQ(ParsePeriod("2021-01")->Previous().ToString(), "2020-12");
  EXPECT_EQ(ParsePeriod("2021-07")->Previous().ToString(), "2021-06");
  EXPECT_EQ(ParsePeriod("2021")->Previous().ToString(), "2020");
  for (const char* bad : {"", "21", "2021Q5", "2021-13", "2021-1", "1999", "2021x", "abcd"}) {
    Result<Period> p = ParsePeriod(bad);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_THAT(p.status().message(), HasSubstr("bad period"));
  }
}

TEST(PeriodTest, MonthsEndsAndDeadlines) {
  Period q = *ParsePeriod("2021Q1");
  EXPECT_EQ(q.first_month(), 1);
  EXPECT_EQ(q.last_month(), 3);
  EXPECT_EQ(q.EndDate(), "2021-03-31");
  EXPECT_EQ(ParsePeriod("2024-02")->EndDate(), "2024-02-29");
  EXPECT_EQ(ParsePeriod("2021")->EndDate(), "2021-12-31");
  // 2021-03-31 ends at 2021-04-01T00:00+08:00 = 2021-03-31T16:00Z = 1617235200 - 8 hours; ten
  // days more: 2021-04-11T00:00+08:00.
  EXPECT_EQ(q.DeadlineSeconds(0), 1617235200 - 28800);
  EXPECT_EQ(q.DeadlineSeconds(10), 1617235200 - 28800 + 10 * 86400);
  EXPECT_THAT(PeriodsOfYear(PeriodType::kQuarter, 2021).size(), 4U);
  EXPECT_EQ(PeriodsOfYear(PeriodType::kMonth, 2021).back().ToString(), "2021-12");
  EXPECT_EQ(PeriodsOfYear(PeriodType::kYear, 2021).front().ToString(), "2021");
}

TEST(WorkflowTest, ApprovalChainGoesUpToTheProvince) {
  EXPECT_THAT(ApprovalChain("611022"), ElementsAre("6110", "61"));
  EXPECT_THAT(ApprovalChain("6110"), ElementsAre("61"));
  EXPECT_THAT(ApprovalChain("61"), ElementsAre());
  EXPECT_THAT(ApprovalChain("611022100"), ElementsAre("6110", "61"));
}

WorkflowActor Enters() { return {.enters = true}; }
WorkflowActor Level(int n) { return {.approver_level = n}; }

TEST(WorkflowTest, CountySubmitsCityThenProvinceApprove) {
  WorkflowState s;
  s = *Transition(s, A::kSave, 2, Enters(), false, "");
  EXPECT_EQ(s, (WorkflowState{S::kDraft, 0}));
  s = *Transition(s, A::kSubmit, 2, Enters(), false, "");
  EXPECT_EQ(s, (WorkflowState{S::kSubmitted, 0}));
  // The province cannot approve before the city.
  EXPECT_EQ(Transition(s, A::kApprove, 2, Level(1), false, "").status().code(),
            StatusCode::kPermissionDenied);
  s = *Transition(s, A::kApprove, 2, Level(0), false, "");
  EXPECT_EQ(s, (WorkflowState{S::kSubmitted, 1}));
  EXPECT_EQ(Transition(s, A::kApprove, 2, Level(0), false, "").status().code(),
            StatusCode::kPermissionDenied);
  s = *Transition(s, A::kApprove, 2, Level(1), false, "");
  EXPECT_EQ(s, (WorkflowState{S::kApproved, 2}));
  // Approved data stays locked until un-approved.
  Result<WorkflowState> save = Transition(s, A::kSave, 2, Enters(), false, "");
  EXPECT_EQ(save.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(save.status().message(), HasSubstr("un-approved"));
  EXPECT_EQ(Transition(s, A::kReturn, 2, Level(1), false, "fix").status().code(),
            StatusCode::kFailedPrecondition);
  // Only the province (the last approval) withdraws it; then it can be returned.
  EXPECT_EQ(Transition(s, A::kUnapprove, 2, Level(0), false, "").status().code(),
            StatusCode::kPermissionDenied);
  s = *Transition(s, A::kUnapprove, 2, Level(1), false, "");
  EXPECT_EQ(s, (WorkflowState{S::kSubmitted, 1}));
  s = *Transition(s, A::kReturn, 2, Level(1), false, "the placements are off");
  EXPECT_EQ(s, (WorkflowState{S::kReturned, 0}));
  s = *Transition(s, A::kSave, 2, Enters(), false, "");
  EXPECT_EQ(s.status, S::kReturned);
}

TEST(WorkflowTest, AnyLevelReturnsWithAComment) {
  WorkflowState submitted{S::kSubmitted, 1};
  EXPECT_EQ(Transition(submitted, A::kReturn, 2, Level(0), false, "redo")->status, S::kReturned);
  EXPECT_EQ(Transition(submitted, A::kReturn, 2, Level(1), false, "redo")->status, S::kReturned);
  Result<WorkflowState> silent = Transition(submitted, A::kReturn, 2, Level(1), false, "");
  EXPECT_EQ(silent.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Transition(submitted, A::kReturn, 2, Enters(), false, "x").status().code(),
            StatusCode::kPermissionDenied);
  // The entering office cannot edit what waits for approval.
  EXPECT_EQ(Transition(submitted, A::kSave, 2, Enters(), false, "").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(Transition(WorkflowState{}, A::kApprove, 2, Level(0), false, "").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(Transition(WorkflowState{}, A::kUnapprove, 2, Level(0), false, "").status().code(),
            StatusCode::kFailedPrecondition);
}

TEST(WorkflowTest, TheDeadlineLocksDraftsButNotCorrections) {
  Result<WorkflowState> late = Transition(WorkflowState{}, A::kSave, 2, Enters(), true, "");
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(late.status().message(), HasSubstr("deadline"));
  EXPECT_FALSE(Transition(WorkflowState{}, A::kSubmit, 2, Enters(), true, "").ok());
  WorkflowState returned{S::kReturned, 0};
  EXPECT_TRUE(Transition(returned, A::kSave, 2, Enters(), true, "").ok());
  EXPECT_EQ(Transition(returned, A::kSubmit, 2, Enters(), true, "")->status, S::kSubmitted);
}

TEST(WorkflowTest, ProvinceAndAdmin) {
  // A province's own submission has nobody above it: approved as submitted.
  EXPECT_EQ(Transition(WorkflowState{}, A::kSubmit, 0, Enters(), false, "")->status, S::kApproved);
  // The administrator acts for any level.
  WorkflowActor admin{.admin = true};
  WorkflowState s{S::kSubmitted, 0};
  EXPECT_EQ(Transition(s, A::kApprove, 2, admin, false, "")->approvals, 1);
  EXPECT_EQ(
      Transition(WorkflowState{S::kApproved, 2}, A::kUnapprove, 2, admin, false, "")->approvals, 1);
  EXPECT_TRUE(CountsInFigures(S::kSubmitted));
  EXPECT_TRUE(CountsInFigures(S::kApproved));
  EXPECT_FALSE(CountsInFigures(S::kDraft));
  EXPECT_FALSE(CountsInFigures(S::kReturned));
  EXPECT_EQ(ParseSubmissionStatus("returned"), S::kReturned);
  EXPECT_EQ(ParseSubmissionAction("unapprove"), A::kUnapprove);
  EXPECT_EQ(ParseSubmissionAction("approve all"), std::nullopt);
}

}  // namespace
}  // namespace xiezuo::model
