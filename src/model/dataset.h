// Aggregate data entry (数据填报): the shipped data sets (报表) — forms of indicator values that
// offices enter per region and period, for the figures they keep only as totals — their
// periods, and the approval workflow a submission goes through (county submits, city approves,
// province approves; any level returns it for correction).
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/indicator.h"
#include "model/region.h"

namespace xiezuo::model {

enum class PeriodType { kMonth, kQuarter, kYear };
const char* PeriodTypeName(PeriodType type);  // "month", "quarter", "year"

// A reporting period: a year ("2021"), a quarter ("2021Q3") or a month ("2021-03").
struct Period {
  PeriodType type = PeriodType::kYear;
  int year = 2000;
  int index = 0;  // the quarter 1..4 or the month 1..12; 0 for a year

  std::string ToString() const;
  // The period before (2021Q1 → 2020Q4).
  Period Previous() const;
  int first_month() const;  // 1..12
  int last_month() const;   // 1..12
  // The period's last day as "YYYY-MM-DD".
  std::string EndDate() const;
  // Seconds since the epoch at the end of the period's last day plus `days` days, in China
  // Standard Time (UTC+8, the offices' clock): when a deadline of `days` days after the period
  // passes.
  int64_t DeadlineSeconds(int days) const;
  friend auto operator<=>(const Period&, const Period&) = default;
};

// Errors: kInvalidArgument naming the text (years 2000–2099).
Result<Period> ParsePeriod(std::string_view text);
// Every period of `type` in `year`, in order.
std::vector<Period> PeriodsOfYear(PeriodType type, int year);

// One field of a data set: an indicator's total or one option of its breakdown.
struct DatasetField {
  std::string key;        // "placement_persons" or "placement_persons.paired_east"
  std::string indicator;  // indicator code
  std::string option;     // breakdown option; "" for the total
};

struct Dataset {
  std::string code;
  std::string name_zh;
  std::string name_en;
  PeriodType period_type = PeriodType::kYear;
  CooperationSide side = CooperationSide::kWest;  // whose figures: what the west received, or
                                                  // what the east gave
  RegionLevel level = RegionLevel::kCounty;       // the level of the offices that enter it
  int deadline_days = 15;  // the default: days after the period's end; admins change it
  std::vector<DatasetField> fields;

  const DatasetField* FindField(std::string_view key) const;
};

// The shipped data sets. Thread-safe (immutable).
const std::vector<Dataset>& Datasets();
const Dataset* FindDataset(std::string_view code);
// Checks data sets against the indicator catalogue: known, non-ratio indicators, existing
// options, unique keys. Returns the problems, one per line ("" when none).
std::string CheckDatasets(const std::vector<Dataset>& datasets);

// ---- the approval workflow ----

enum class SubmissionStatus { kDraft, kSubmitted, kReturned, kApproved };
const char* SubmissionStatusName(SubmissionStatus status);  // draft, submitted, returned, approved
std::optional<SubmissionStatus> ParseSubmissionStatus(std::string_view name);

enum class SubmissionAction { kSave, kSubmit, kApprove, kReturn, kUnapprove };
const char* SubmissionActionName(SubmissionAction action);  // save, submit, approve, return,
                                                            // unapprove
std::optional<SubmissionAction> ParseSubmissionAction(std::string_view name);

// Where a submission stands: its status and how many levels of its approval chain have
// approved it (the next approver is chain[approvals]).
struct WorkflowState {
  SubmissionStatus status = SubmissionStatus::kDraft;
  int approvals = 0;
  friend bool operator==(const WorkflowState&, const WorkflowState&) = default;
};

// The regions that approve a submission of `region_code`, nearest first: its ancestors at the
// city and province levels (a county's city, then its province; a city's province). Empty for
// a province, whose own submission is approved as it is submitted.
std::vector<std::string> ApprovalChain(std::string_view region_code);

// What the acting user may do to one submission.
struct WorkflowActor {
  bool enters = false;      // may enter it: holds the permission and the region is in scope
  int approver_level = -1;  // index in the chain of the level the user's scope is, or -1
  bool admin = false;       // the whole country: acts for any level
};

// The state after `action`, or why it is refused. `locked`: the period's deadline has passed,
// which stops a draft (never submitted) from being saved or submitted; a returned one may
// still be corrected and submitted again. Returning needs a comment.
// Errors: kFailedPrecondition (the state or the deadline refuses it), kPermissionDenied (the
// user may not do it at this level), kInvalidArgument (no comment on a return). Each names
// what was wrong.
Result<WorkflowState> Transition(const WorkflowState& state, SubmissionAction action,
                                 size_t chain_size, const WorkflowActor& actor, bool locked,
                                 std::string_view comment);

// Whether entered values of a submission in this state count in the figures: once submitted
// (pending approval or approved); drafts and returned ones do not.
inline bool CountsInFigures(SubmissionStatus status) {
  return status == SubmissionStatus::kSubmitted || status == SubmissionStatus::kApproved;
}

}  // namespace xiezuo::model
