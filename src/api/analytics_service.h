// The live analytics of a running server: the region tree and every record's facts loaded from
// the store at start, then kept current by the store's record listener, so a write through the
// store shows in the next query. Writes made by another process (a CLI import while the server
// runs) are seen after the server restarts. Submitted data sets (数据填报) enter their values as
// the engine's entered values, which stand instead of the records' figures for their region
// and period.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "analytics/analytics.h"
#include "model/dataset.h"
#include "store/store.h"

namespace xiezuo::api {

// The months a reporting period covers, for engine queries and entered values.
inline analytics::MonthRange PeriodMonths(const model::Period& p) {
  return {analytics::MonthOf(p.year, p.first_month()), analytics::MonthOf(p.year, p.last_month())};
}

// Thread-safe.
class AnalyticsService {
 public:
  // Loads the regions and every record's facts, and starts listening to `store`.
  // REQUIRES: `store` outlives the service, and no other thread uses it yet (listeners are
  // added before the store is shared). Errors: the store's.
  static Result<std::shared_ptr<AnalyticsService>> Start(store::Store& store);

  const analytics::Analytics& analytics() const { return *analytics_; }
  analytics::Analytics& analytics() { return *analytics_; }

  struct LoadStats {
    int64_t regions = 0;
    int64_t records = 0;
    int64_t facts = 0;
    int64_t entered = 0;  // entered values of submitted data sets
    double seconds = 0;
    // The phases of `seconds`: regions read and indexed; records read and derived; facts
    // loaded into the engine; entered values read.
    double regions_seconds = 0;
    double records_seconds = 0;
    double engine_seconds = 0;
    double entered_seconds = 0;
  };
  const LoadStats& load_stats() const { return stats_; }

 private:
  AnalyticsService(store::Store& store, std::unique_ptr<analytics::Analytics> analytics)
      : store_(store), analytics_(std::move(analytics)) {}

  void OnChange(const store::RecordChange& change);
  // A submission's values stand in the figures while it is submitted or approved: `before`'s
  // (may be null) leave, `after`'s come in. Returns how many values came in.
  int64_t OnSubmission(const store::Submission* before, const store::Submission& after);
  // Derives `record` again (its facts replace the earlier ones).
  void Rederive(const model::RecordKind& kind, const model::Record& record,
                const analytics::PairingLookup& pairings);
  // Derives again every live record of `kind` whose `field` equals `id`.
  void RederiveWhere(const model::RecordKind& kind, const std::string& field, int64_t id);
  analytics::PairingLookup Pairings();

  store::Store& store_;
  std::unique_ptr<analytics::Analytics> analytics_;
  std::mutex pairings_mu_;  // guards pairings_
  std::map<int64_t, analytics::PairingParties> pairings_;
  LoadStats stats_;
};

}  // namespace xiezuo::api
