// Who has sent in a data set, and who is overdue.
#include "api/completeness.h"

#include <map>
#include <set>
#include <utility>

namespace xiezuo::api {

Result<Completeness> CompletenessOf(RequestContext& ctx, const model::Dataset& dataset,
                                    const std::string& region, int year, int64_t now,
                                    const std::vector<PairingSummary>& pairings) {
  Completeness c;
  c.dataset = &dataset;
  c.year = year;
  ASSIGN_OR_RETURN(auto deadlines, ctx.store().DatasetDeadlines());
  c.deadline_days =
      deadlines.contains(dataset.code) ? deadlines.at(dataset.code) : dataset.deadline_days;

  std::set<std::string> reporters;
  for (const PairingSummary& p : pairings) {
    if (p.status != "active") continue;
    const std::string& party =
        dataset.side == model::CooperationSide::kEast ? p.east_region_code : p.west_region_code;
    if (model::RegionWithin(party, region) && model::LevelOfCode(party) == dataset.level) {
      reporters.insert(party);
    }
  }
  const std::vector<model::Period> periods = model::PeriodsOfYear(dataset.period_type, year);
  store::SubmissionFilter filter;
  filter.dataset = dataset.code;
  filter.within_region = region;
  for (const model::Period& p : periods) filter.periods.push_back(p.ToString());
  ASSIGN_OR_RETURN(auto submissions, ctx.store().ListSubmissions(filter, 20000));
  std::map<std::pair<std::string, std::string>, const store::Submission*> by_key;
  for (const store::Submission& s : submissions) by_key[{s.region_code, s.period}] = &s;

  for (const model::Period& p : periods) {
    c.periods.push_back({p, p.DeadlineSeconds(c.deadline_days), now >= p.DeadlineSeconds(0)});
  }
  for (const std::string& code : reporters) {
    CompletenessRow row{code, {}};
    for (CompletenessPeriod& p : c.periods) {
      auto it = by_key.find({code, p.period.ToString()});
      const store::Submission* s = it == by_key.end() ? nullptr : it->second;
      CompletenessCell cell;
      if (s != nullptr) {
        cell.status = s->status;
        cell.approvals = s->approvals;
        cell.updated_at = s->updated_at;
      }
      cell.due = p.due;
      cell.in = s != nullptr && model::CountsInFigures(s->status);
      cell.overdue = !cell.in && now > p.deadline_at;
      c.due += cell.due;
      p.expected += cell.due;
      c.submitted += cell.in;
      p.submitted += cell.in;
      c.approved += s != nullptr && s->status == model::SubmissionStatus::kApproved;
      c.overdue += cell.overdue;
      p.overdue += cell.overdue;
      row.cells.push_back(cell);
    }
    c.rows.push_back(std::move(row));
  }
  return c;
}

}  // namespace xiezuo::api
