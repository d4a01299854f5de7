// Gathers what a region's annual summary says (report::ReportInput) from the live analytics and
// the store, within the caller's scope: the figures of each area for the year (or its first
// months) and the same months of the year before with their parts, the agreement targets, the
// paired regions, completed plan tasks and meeting decisions, problems (gaps to target, overdue
// tasks, reconciliation mismatches, data sets not sent in on time), next year's plan, and tables of
// projects, pairings and funds. Used by /api/v1/reports/annual and `xiezuo report`.
#pragma once

#include <cstdint>
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

// The stretch of a year a summary covers: January to `to_month` — the whole year (12), or so far
// (6: the first half, 上半年), as such summaries count; figures are compared with the same months
// of the year before and with the year's targets.
struct ReportPeriod {
  int year = 0;
  int to_month = 12;
  int64_t as_of = 0;  // when the report is written (seconds): the data sets overdue by then

  bool whole_year() const { return to_month == 12; }
  analytics::MonthRange months() const;
  analytics::MonthRange same_months_last_year() const;
  std::string first_date() const;  // "2021-01-01"
  std::string last_date() const;   // "2021-06-30"
  // "2021年", "2021年一季度", "2021年上半年", "2021年前三季度", "2021年1—8月".
  std::string label() const;
};
// Errors: kInvalidArgument naming `to_month` outside 1–12.
Result<ReportPeriod> ReportPeriodOf(int year, int to_month, int64_t as_of);

// Errors: CheckReportSubject's; the store's.
Result<report::ReportInput> GatherAnnualReport(RequestContext& ctx, const AnalyticsService& service,
                                               const std::string& region,
                                               const ReportPeriod& period);

}  // namespace xiezuo::api
