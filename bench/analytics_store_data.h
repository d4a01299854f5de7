// The deterministic store behind the server-side analytics benchmarks: the national division
// tree, pairings and cooperation records of eight kinds in the western provinces, written
// through Store::InsertRecords until the facts they derive reach ten million, so that
// AnalyticsService::Start (a restart) and GET /api/v1/analytics/table can be timed at national
// scale. The records follow the spread of analytics_data.h's facts over the tree.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/region.h"
#include "store/store.h"

namespace xiezuo::bench {

// Names what FillAnalyticsStore writes: change it whenever the records change, so that stores
// cached by bench/run.sh are generated again.
inline constexpr const char* kAnalyticsStoreVersion = "analytics-store-1";
inline constexpr uint64_t kAnalyticsStoreSeed = 0x7869657a756f7374;  // "xiezuost"
inline constexpr int64_t kAnalyticsStoreFacts = 10'000'000;

// The table the benchmarks ask for: 10 indicators (8 sums, a distinct count, a last value and
// a ratio of two of the sums) over the 10 cities of 陕西 and the province, for 2023. The
// request's target, as a browser sends it.
inline constexpr const char* kAnalyticsTableTarget =
    "/api/v1/analytics/table?indicators=placement_persons,placement_poverty_persons,"
    "fund_allocation,fund_disbursement,fund_disbursement_rate,projects,project_total_investment,"
    "project_coop_funds,project_completed_investment,donation_money&region_code=61&period=2023";

struct StoreFillStats {
  int64_t regions = 0;
  std::map<std::string, int64_t> records;  // by kind
  int64_t total_records = 0;
  int64_t facts = 0;  // what analytics::Deriver derives from the records written so far
  double seconds = 0;
};

// Writes `regions` (the national tree), one county-level pairing per western county whose
// province has an eastern partner, and records until their facts reach `target_facts` (a unit
// of records is written whole: a project with its progress and funds, or one other record).
// Records lie in the 10 western provinces at county (20 %), town (30 %) or village (50 %)
// level, in months over 2017–2024; about 30 % carry their county's pairing (so they count for
// an eastern party too). Kinds: placements (40 % of units), projects with 0–3 progress
// snapshots and 0–2 funds (15 %), funds without a project (10 %), donations (10 %),
// recruitment fairs, workshops and labour trainings (25 %). `progress` is called after every
// written batch. Deterministic: the same tree and target always give the same records.
// REQUIRES: the store holds no regions or records yet. Errors: the store's.
Result<StoreFillStats> FillAnalyticsStore(
    store::Store& store, const std::vector<model::Region>& regions, int64_t target_facts,
    const std::function<void(const StoreFillStats&)>& progress);

}  // namespace xiezuo::bench
