// Completeness of a data set (填报完整性) for a year inside a region: who is expected to report
// (the parties on the data set's side, at its level, of the active pairings inside the region),
// which periods each has sent in, and which are overdue. Shared by GET /checks/completeness and
// the annual summary's problems.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/app.h"
#include "api/router.h"
#include "model/dataset.h"

namespace xiezuo::api {

struct CompletenessCell {
  std::optional<model::SubmissionStatus> status;  // nullopt: nothing stored
  int approvals = 0;
  int64_t updated_at = 0;
  bool due = false;      // the period has ended
  bool in = false;       // submitted or approved: counts in the figures
  bool overdue = false;  // not in, and the deadline has passed
};

struct CompletenessRow {
  std::string region_code;
  std::vector<CompletenessCell> cells;  // one per period
};

struct CompletenessPeriod {
  model::Period period;
  int64_t deadline_at = 0;
  bool due = false;
  int64_t expected = 0;  // reporters, once the period has ended
  int64_t submitted = 0;
  int64_t overdue = 0;
};

struct Completeness {
  const model::Dataset* dataset = nullptr;
  int year = 0;
  int deadline_days = 0;
  std::vector<CompletenessPeriod> periods;
  std::vector<CompletenessRow> rows;  // by region code
  int64_t due = 0;
  int64_t submitted = 0;
  int64_t approved = 0;
  int64_t overdue = 0;
};

// The completeness of `dataset` for `year` inside `region` ("" = the country) as of `now`
// (seconds), with the pairings of PairingsWithin(ctx, region) (read once by callers that ask
// for several data sets). Errors: the store's.
Result<Completeness> CompletenessOf(RequestContext& ctx, const model::Dataset& dataset,
                                    const std::string& region, int year, int64_t now,
                                    const std::vector<PairingSummary>& pairings);

}  // namespace xiezuo::api
