// Gathers what a region's annual summary says (report::ReportInput) from the live analytics and
// the store, within the caller's scope: the figures of each area for the year and the year
// before with their parts, the agreement targets, the paired regions, completed plan tasks and
// meeting decisions, problems (gaps to target, overdue tasks, reconciliation mismatches), next
// year's plan, and tables of projects, pairings and funds. Used by /api/v1/reports/annual and
// `xiezuo report`.
#pragma once

#include <string>

#include "api/analytics_service.h"
#include "api/router.h"
#include "report/annual_report.h"

namespace xiezuo::api {

// The region and year a report is of, checked: the region's name and the side its figures are
// on. Errors: kInvalidArgument for a year outside 2000–2099, no region (a report is of one
// region: the whole country has both sides) or an unknown one.
struct ReportSubject {
  std::string name;
  analytics::Side side = analytics::Side::kWest;
};
Result<ReportSubject> CheckReportSubject(const AnalyticsService& service, const std::string& region,
                                         int year);

// Errors: CheckReportSubject's; the store's.
Result<report::ReportInput> GatherAnnualReport(RequestContext& ctx, const AnalyticsService& service,
                                               const std::string& region, int year);

}  // namespace xiezuo::api
