// Gathers a region's statistical tables (report::StatisticalTables) from the live analytics: for
// each area of the annual summary, its indicators with their breakdown options as columns, a row
// per child region, and the region's own totals. Used by /api/v1/reports/tables and
// `xiezuo report --xlsx`.
#pragma once

#include <string>

#include "api/analytics_service.h"
#include "report/statistical_tables.h"

namespace xiezuo::api {

// Errors: CheckReportSubject's (annual_report_input.h); the analytics'.
Result<report::StatisticalTables> GatherStatisticalTables(const AnalyticsService& service,
                                                          const std::string& region, int year,
                                                          const std::string& made_by);

}  // namespace xiezuo::api
