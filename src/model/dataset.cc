// The shipped data sets, periods and the approval workflow.
#include "model/dataset.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <set>

namespace xiezuo::model {
namespace {

std::optional<int> ParseDigits(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Built by insertion: g++ 12 at -O3 flags `"0" + std::to_string(n)` with a false -Wrestrict.
std::string TwoDigits(int n) {
  std::string s = std::to_string(n);
  if (n < 10) s.insert(s.begin(), '0');
  return s;
}

// An indicator's total, then (when `options` is true) each option of its breakdown.
void AddIndicator(std::vector<DatasetField>& fields, const std::string& code, bool options) {
  fields.push_back({code, code, ""});
  if (!options) return;
  const Indicator* indicator = FindIndicator(code);
  if (indicator == nullptr) return;  // CheckDatasets reports it
  for (const std::string& o : BreakdownOptions(*indicator)) {
    fields.push_back({code + "." + o, code, o});
  }
}

Dataset Make(std::string code, std::string zh, std::string en, PeriodType type,
             CooperationSide side, int deadline_days,
             const std::vector<std::pair<std::string, bool>>& indicators) {
  Dataset d;
  d.code = std::move(code);
  d.name_zh = std::move(zh);
  d.name_en = std::move(en);
  d.period_type = type;
  d.side = side;
  d.level = RegionLevel::kCounty;
  d.deadline_days = deadline_days;
  for (const auto& [indicator, options] : indicators) AddIndicator(d.fields, indicator, options);
  return d;
}

std::vector<Dataset> MakeDatasets() {
  using CS = CooperationSide;
  using PT = PeriodType;
  return {
      // What the western county received over the year, as the annual statistical table asks.
      Make("west_annual", "东西部协作年度统计表（受援方）",
           "Annual East–West cooperation table (receiving side)", PT::kYear, CS::kWest, 31,
           {{"fund_allocation", true},
            {"fund_disbursement", false},
            {"fund_expenditure", false},
            {"projects", false},
            {"placement_persons", true},
            {"placement_poverty_persons", false},
            {"training_participants", false},
            {"training_employed", false},
            {"workshops", false},
            {"workshop_jobs", false},
            {"consumption_sales", false},
            {"consumption_certified_sales", false},
            {"cadres", false},
            {"professionals", false},
            {"enterprises_landed", false},
            {"investment_actual", false},
            {"donation_money", false}}),
      // What the eastern county gave over the year: the other half of the reconciliation.
      Make("east_annual", "东西部协作年度统计表（支援方）",
           "Annual East–West cooperation table (giving side)", PT::kYear, CS::kEast, 31,
           {{"fund_allocation", false},
            {"placement_persons", false},
            {"consumption_sales", false},
            {"cadres", false},
            {"professionals", false},
            {"enterprises_landed", false},
            {"investment_actual", false},
            {"donation_money", false},
            {"donation_goods", false}}),
      Make("labour_quarterly", "劳务协作季报", "Labour cooperation (quarterly)", PT::kQuarter,
           CS::kWest, 10,
           {{"placement_persons", true},
            {"placement_poverty_persons", false},
            {"training_sessions", false},
            {"training_participants", false},
            {"training_employed", false},
            {"fair_posts", false},
            {"fair_hires", false}}),
      Make("funds_monthly", "协作资金月报", "Cooperation funds (monthly)", PT::kMonth, CS::kWest,
           10,
           {{"fund_allocation", false}, {"fund_disbursement", false}, {"fund_expenditure", false}}),
  };
}

}  // namespace

const char* PeriodTypeName(PeriodType type) {
  switch (type) {
    case PeriodType::kMonth:
      return "month";
    case PeriodType::kQuarter:
      return "quarter";
    case PeriodType::kYear:
      return "year";
  }
  return "year";
}

std::string Period::ToString() const {
  switch (type) {
    case PeriodType::kMonth:
      return std::to_string(year) + "-" + TwoDigits(index);
    case PeriodType::kQuarter:
      return std::to_string(year) + "Q" + std::to_string(index);
    case PeriodType::kYear:
      break;
  }
  return std::to_string(year);
}

Period Period::Previous() const {
  Period p = *this;
  int per_year = type == PeriodType::kMonth ? 12 : type == PeriodType::kQuarter ? 4 : 1;
  if (type == PeriodType::kYear || index == 1) {
    --p.year;
    p.index = type == PeriodType::kYear ? 0 : per_year;
  } else {
    --p.index;
  }
  return p;
}

int Period::first_month() const {
  switch (type) {
    case PeriodType::kMonth:
      return index;
    case PeriodType::kQuarter:
      return 3 * index - 2;
    case PeriodType::kYear:
      break;
  }
  return 1;
}

int Period::last_month() const {
  switch (type) {
    case PeriodType::kMonth:
      return index;
    case PeriodType::kQuarter:
      return 3 * index;
    case PeriodType::kYear:
      break;
  }
  return 12;
}

std::string Period::EndDate() const {
  using namespace std::chrono;
  year_month_day_last last{std::chrono::year{year} /
                           std::chrono::month{static_cast<unsigned>(last_month())} /
                           std::chrono::last};
  return std::to_string(year) + "-" + TwoDigits(last_month()) + "-" +
         TwoDigits(static_cast<int>(static_cast<unsigned>(last.day())));
}

int64_t Period::DeadlineSeconds(int days) const {
  using namespace std::chrono;
  year_month_day_last last{std::chrono::year{year} /
                           std::chrono::month{static_cast<unsigned>(last_month())} /
                           std::chrono::last};
  sys_days end = sys_days{last} + std::chrono::days{1 + days};
  constexpr int64_t kChinaOffset =
      int64_t{8} * 3600;  // midnight in Beijing is 16:00 UTC the day before
  return duration_cast<seconds>(end.time_since_epoch()).count() - kChinaOffset;
}

Result<Period> ParsePeriod(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument(
        "bad period " + std::string(text),
        {{"period", "use a year (2021), a quarter (2021Q3) or a month (2021-03)"}});
  };
  if (text.size() < 4) return bad();
  std::optional<int> year = ParseDigits(text.substr(0, 4));
  if (!year || *year < 2000 || *year > 2099) return bad();
  Period p;
  p.year = *year;
  std::string_view rest = text.substr(4);
  if (rest.empty()) {
    p.type = PeriodType::kYear;
  } else if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') {
    p.type = PeriodType::kQuarter;
    p.index = rest[1] - '0';
  } else if (rest.size() == 3 && rest[0] == '-') {
    std::optional<int> month = ParseDigits(rest.substr(1));
    if (!month || *month < 1 || *month > 12) return bad();
    p.type = PeriodType::kMonth;
    p.index = *month;
  } else {
    return bad();
  }
  return p;
}

std::vector<Period> PeriodsOfYear(PeriodType type, int year) {
  int count = type == PeriodType::kMonth ? 12 : type == PeriodType::kQuarter ? 4 : 1;
  std::vector<Period> out;
  for (int i = 1; i <= count; ++i) {
    out.push_back({type, year, type == PeriodType::kYear ? 0 : i});
  }
  return out;
}

const DatasetField* Dataset::FindField(std::string_view key) const {
  for (const DatasetField& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

const std::vector<Dataset>& Datasets() {
  static const std::vector<Dataset> kDatasets = MakeDatasets();
  return kDatasets;
}

const Dataset* FindDataset(std::string_view code) {
  for (const Dataset& d : Datasets()) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

std::string CheckDatasets(const std::vector<Dataset>& datasets) {
  std::string problems;
  auto problem = [&](const std::string& text) { problems += text + "\n"; };
  std::set<std::string> codes;
  for (const Dataset& d : datasets) {
    if (!codes.insert(d.code).second) problem(d.code + ": the code repeats");
    if (d.name_zh.empty() || d.name_en.empty()) problem(d.code + ": a name is missing");
    if (d.fields.empty()) problem(d.code + ": no fields");
    if (d.deadline_days < 0) problem(d.code + ": a negative deadline");
    std::set<std::string> keys;
    for (const DatasetField& f : d.fields) {
      if (!keys.insert(f.key).second) problem(d.code + "." + f.key + ": the key repeats");
      const Indicator* indicator = FindIndicator(f.indicator);
      if (indicator == nullptr) {
        problem(d.code + "." + f.key + ": unknown indicator " + f.indicator);
        continue;
      }
      if (indicator->aggregation == IndicatorAggregation::kRatio) {
        problem(d.code + "." + f.key + ": a ratio cannot be entered");
      }
      if (!f.option.empty()) {
        const auto& options = BreakdownOptions(*indicator);
        if (std::find(options.begin(), options.end(), f.option) == options.end()) {
          problem(d.code + "." + f.key + ": unknown option " + f.option);
        }
      }
    }
  }
  return problems;
}

// ---- workflow ----

const char* SubmissionStatusName(SubmissionStatus status) {
  switch (status) {
    case SubmissionStatus::kDraft:
      return "draft";
    case SubmissionStatus::kSubmitted:
      return "submitted";
    case SubmissionStatus::kReturned:
      return "returned";
    case SubmissionStatus::kApproved:
      return "approved";
  }
  return "draft";
}

std::optional<SubmissionStatus> ParseSubmissionStatus(std::string_view name) {
  for (SubmissionStatus s : {SubmissionStatus::kDraft, SubmissionStatus::kSubmitted,
                             SubmissionStatus::kReturned, SubmissionStatus::kApproved}) {
    if (name == SubmissionStatusName(s)) return s;
  }
  return std::nullopt;
}

const char* SubmissionActionName(SubmissionAction action) {
  switch (action) {
    case SubmissionAction::kSave:
      return "save";
    case SubmissionAction::kSubmit:
      return "submit";
    case SubmissionAction::kApprove:
      return "approve";
    case SubmissionAction::kReturn:
      return "return";
    case SubmissionAction::kUnapprove:
      return "unapprove";
  }
  return "save";
}

std::optional<SubmissionAction> ParseSubmissionAction(std::string_view name) {
  for (SubmissionAction a :
       {SubmissionAction::kSave, SubmissionAction::kSubmit, SubmissionAction::kApprove,
        SubmissionAction::kReturn, SubmissionAction::kUnapprove}) {
    if (name == SubmissionActionName(a)) return a;
  }
  return std::nullopt;
}

std::vector<std::string> ApprovalChain(std::string_view region_code) {
  std::vector<std::string> chain;
  std::optional<RegionLevel> level = LevelOfCode(region_code);
  if (!level) return chain;
  for (RegionLevel above : {RegionLevel::kCity, RegionLevel::kProvince}) {
    if (static_cast<int>(above) < static_cast<int>(*level)) {
      chain.emplace_back(region_code.substr(0, RegionCodeLength(above)));
    }
  }
  return chain;
}

Result<WorkflowState> Transition(const WorkflowState& state, SubmissionAction action,
                                 size_t chain_size, const WorkflowActor& actor, bool locked,
                                 std::string_view comment) {
  using S = SubmissionStatus;
  const int levels = static_cast<int>(chain_size);
  const bool editable = state.status == S::kDraft || state.status == S::kReturned;
  switch (action) {
    case SubmissionAction::kSave:
    case SubmissionAction::kSubmit: {
      if (!actor.enters && !actor.admin) {
        return PermissionDenied("only the office of the region (or above) enters its data");
      }
      if (!editable) {
        return FailedPrecondition(
            std::string("the submission is ") + SubmissionStatusName(state.status) +
            (state.status == S::kApproved ? ": approved data stays locked until it is un-approved"
                                          : ": it waits for approval; an approver can return it"));
      }
      if (locked && state.status == S::kDraft) {
        return FailedPrecondition(
            "the deadline of this period has passed: the period is locked (a submission "
            "returned for correction can still be corrected)");
      }
      if (action == SubmissionAction::kSave) return state;
      if (levels == 0) return WorkflowState{S::kApproved, 0};
      return WorkflowState{S::kSubmitted, 0};
    }
    case SubmissionAction::kApprove: {
      if (state.status != S::kSubmitted) {
        return FailedPrecondition(std::string("only a submitted submission can be approved; this "
                                              "one is ") +
                                  SubmissionStatusName(state.status));
      }
      if (!actor.admin && actor.approver_level != state.approvals) {
        return PermissionDenied("it waits for the approval of level " +
                                std::to_string(state.approvals + 1) + " of " +
                                std::to_string(levels) + ", which is not yours");
      }
      WorkflowState next{S::kSubmitted, state.approvals + 1};
      if (next.approvals >= levels) next.status = S::kApproved;
      return next;
    }
    case SubmissionAction::kReturn: {
      if (state.status != S::kSubmitted) {
        return FailedPrecondition(
            std::string("only a submission waiting for approval can be returned; this one is ") +
            SubmissionStatusName(state.status) +
            (state.status == S::kApproved ? " (un-approve it first)" : ""));
      }
      if (!actor.admin && actor.approver_level < 0) {
        return PermissionDenied("only an approving level (the city or province office) returns");
      }
      if (comment.empty()) {
        return InvalidArgument("say what to correct", {{"comment", "required when returning"}});
      }
      return WorkflowState{S::kReturned, 0};
    }
    case SubmissionAction::kUnapprove: {
      if (state.approvals == 0 || (state.status != S::kSubmitted && state.status != S::kApproved)) {
        return FailedPrecondition("nothing to un-approve: no level has approved it");
      }
      if (!actor.admin && actor.approver_level != state.approvals - 1) {
        return PermissionDenied(
            "only the level that gave the last approval can withdraw it (level " +
            std::to_string(state.approvals) + ")");
      }
      return WorkflowState{S::kSubmitted, state.approvals - 1};
    }
  }
  return InvalidArgument("unknown action");
}

}  // namespace xiezuo::model
