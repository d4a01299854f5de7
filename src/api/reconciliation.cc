// Reconciling the two sides of each pairing.
#include "api/reconciliation.h"

#include <algorithm>
#include <map>

namespace xiezuo::api {
namespace {

// A figure both sides report: the east side's indicator (and option) against the west side's.
// Placements: the east counts the workers that came to it, so the west's figure is its
// placements to the paired east.
struct Reconciled {
  const char* indicator;
  const char* west_option;  // "" for the total
};
constexpr Reconciled kReconciled[] = {
    {"fund_allocation", ""},   {"placement_persons", "paired_east"},
    {"consumption_sales", ""}, {"cadres", ""},
    {"professionals", ""},     {"enterprises_landed", ""},
    {"investment_actual", ""}, {"donation_money", ""},
};

// One region's figures on one side for the reconciled indicators: [k] total and options.
Result<analytics::TableRow> SideFigures(const AnalyticsService& service, const std::string& region,
                                        analytics::Side side, analytics::MonthRange months) {
  analytics::TableRequest request;
  for (const Reconciled& r : kReconciled) request.indicators.emplace_back(r.indicator);
  request.region = region;
  request.depth = 0;
  request.months = months;
  request.side = side;
  request.by_breakdown = true;
  ASSIGN_OR_RETURN(analytics::Table table, service.analytics().Query(request));
  return std::move(table.total);
}

std::optional<int64_t> ValueOf(const analytics::Cell& cell) {
  if (!cell.has_data) return std::nullopt;
  return cell.value;
}

}  // namespace

Result<Reconciliation> ReconcileWithin(RequestContext& ctx, const AnalyticsService& service,
                                       const std::string& region, analytics::MonthRange months,
                                       bool all) {
  Reconciliation out;
  ASSIGN_OR_RETURN(out.pairings, PairingsWithin(ctx, region));
  std::map<std::string, int> east_uses;
  std::map<std::string, int> west_uses;
  for (const PairingSummary& p : out.pairings) {
    ++east_uses[p.east_region_code];
    ++west_uses[p.west_region_code];
  }
  std::map<std::string, analytics::TableRow> east_rows;
  std::map<std::string, analytics::TableRow> west_rows;
  for (const PairingSummary& p : out.pairings) {
    if (p.east_region_code.empty() || p.west_region_code.empty()) continue;
    if (!east_rows.contains(p.east_region_code)) {
      ASSIGN_OR_RETURN(east_rows[p.east_region_code],
                       SideFigures(service, p.east_region_code, analytics::Side::kEast, months));
    }
    if (!west_rows.contains(p.west_region_code)) {
      ASSIGN_OR_RETURN(west_rows[p.west_region_code],
                       SideFigures(service, p.west_region_code, analytics::Side::kWest, months));
    }
    const analytics::TableRow& east = east_rows[p.east_region_code];
    const analytics::TableRow& west = west_rows[p.west_region_code];
    for (size_t k = 0; k < std::size(kReconciled); ++k) {
      const model::Indicator& indicator = *model::FindIndicator(kReconciled[k].indicator);
      size_t o = 0;
      if (*kReconciled[k].west_option != '\0') {
        const auto& options = model::BreakdownOptions(indicator);
        o = 1 + (std::find(options.begin(), options.end(), kReconciled[k].west_option) -
                 options.begin());
      }
      const analytics::Cell& e = east.indicators[k].cells[0];
      const analytics::Cell& w = west.indicators[k].cells.at(o);
      if (!e.has_data && !w.has_data) continue;
      ++out.compared;
      const bool match = e.has_data && w.has_data && e.value == w.value;
      if (!match) ++out.mismatches;
      if (match && !all) continue;
      out.figures.push_back(
          {.pairing = &p,
           .indicator = &indicator,
           .east_value = ValueOf(e),
           .west_value = ValueOf(w),
           .east_entered = e.uses_entered,
           .west_entered = w.uses_entered,
           .matches = match,
           .shared = east_uses[p.east_region_code] > 1 || west_uses[p.west_region_code] > 1});
    }
  }
  return out;
}

}  // namespace xiezuo::api
