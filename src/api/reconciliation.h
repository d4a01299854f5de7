// Two-sided reconciliation (对账) of the pairings inside a region: for each pairing, what the
// east side says it gave against what the west side says it received, indicator by indicator.
// Used by GET /api/v1/checks/reconciliation and by the annual summary's problems.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/analytics_service.h"
#include "api/app.h"

namespace xiezuo::api {

// One figure of one pairing as the two sides report it.
struct ReconciledFigure {
  const PairingSummary* pairing = nullptr;  // into Reconciliation::pairings
  const model::Indicator* indicator = nullptr;
  std::optional<int64_t> east_value;
  std::optional<int64_t> west_value;
  bool east_entered = false;  // the figure uses values entered in a data set
  bool west_entered = false;
  bool matches = false;  // both sides report the same value
  bool shared = false;   // a party in several pairings reports one figure for all of them
};

// Move-only: the figures point into `pairings`, which a move keeps and a copy would not.
struct Reconciliation {
  Reconciliation() = default;
  Reconciliation(const Reconciliation&) = delete;
  Reconciliation& operator=(const Reconciliation&) = delete;
  Reconciliation(Reconciliation&&) = default;
  Reconciliation& operator=(Reconciliation&&) = default;
  ~Reconciliation() = default;

  std::vector<PairingSummary> pairings;
  int64_t compared = 0;  // figures at least one side reports
  int64_t mismatches = 0;
  std::vector<ReconciledFigure> figures;  // the mismatches, or every compared one
};

// Reconciles the pairings with a main party inside `region` ("" = the whole country) visible
// to the caller over `months`; `all` keeps the matching figures too.
// Errors: the store's and the analytics'.
Result<Reconciliation> ReconcileWithin(RequestContext& ctx, const AnalyticsService& service,
                                       const std::string& region, analytics::MonthRange months,
                                       bool all);

}  // namespace xiezuo::api
