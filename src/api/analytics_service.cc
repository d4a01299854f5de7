// The live analytics of a running server.
#include "api/analytics_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <thread>

namespace xiezuo::api {
namespace {

analytics::PairingParties PartiesOf(const model::RecordKind& kind, const model::Record& r) {
  return {r.Text(kind, "east_region_code"), r.Text(kind, "west_region_code")};
}

}  // namespace

Result<std::shared_ptr<AnalyticsService>> AnalyticsService::Start(store::Store& store) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point started = Clock::now();
  Clock::time_point phase = started;
  // The seconds since the last call (or the start).
  auto lap = [&phase] {
    const Clock::time_point now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - phase).count();
    phase = now;
    return seconds;
  };
  ASSIGN_OR_RETURN(std::vector<model::Region> regions, store.AllRegions());
  ASSIGN_OR_RETURN(std::shared_ptr<const analytics::RegionIndex> index,
                   analytics::RegionIndex::Build(regions));
  auto analytics = std::make_unique<analytics::Analytics>(model::Indicators(), index);
  std::shared_ptr<AnalyticsService> service(new AnalyticsService(store, std::move(analytics)));
  service->stats_.regions = static_cast<int64_t>(regions.size());
  regions.clear();
  service->stats_.regions_seconds = lap();

  const model::RecordKind& pairing = *model::FindKind("pairing");
  RETURN_IF_ERROR(store.ScanRecords(
      pairing, [&](const model::Record& r) { service->pairings_[r.id] = PartiesOf(pairing, r); }));
  // Two workers take the kinds in turn, each scanning a kind's records (on a connection of its
  // own) and deriving their facts: reading and deriving use both cores.
  const analytics::Deriver& deriver = service->analytics_->deriver();
  std::vector<const model::RecordKind*> kinds;
  for (const model::RecordKind& kind : model::RecordKinds()) {
    if (deriver.Uses(kind)) kinds.push_back(&kind);
  }
  // One list of facts a kind. A kind's records come in id order, so each list is sorted by
  // source, and the lists one after another in the kinds' order are too: the engine takes them
  // as they are, without sorting or joining them.
  std::vector<analytics::SourcedFacts> runs(kinds.size());
  struct Worker {
    int64_t records = 0;
    Status status;
  };
  std::array<Worker, 2> workers;
  std::atomic<size_t> next_kind{0};
  auto work = [&](Worker& w) {
    analytics::PairingLookup lookup = service->Pairings();  // one each: it hands out a copy
    for (size_t k = next_kind++; k < kinds.size(); k = next_kind++) {
      const model::RecordKind& kind = *kinds[k];
      analytics::SourcedFacts& run = runs[k];
      w.status = store.ScanRecords(kind, deriver.FieldsRead(kind), [&](const model::Record& r) {
        ++w.records;
        analytics::SourceId source = analytics::RecordSource(kind, r.id);
        for (const analytics::Fact& f : deriver.Facts(kind, r, lookup)) {
          run.emplace_back(source, f);
        }
      });
      if (!w.status.ok()) return;
    }
  };
  std::thread second(work, std::ref(workers[1]));
  work(workers[0]);
  second.join();
  for (const Worker& w : workers) {
    RETURN_IF_ERROR(w.status);
    service->stats_.records += w.records;
  }
  for (const analytics::SourcedFacts& run : runs) {
    service->stats_.facts += static_cast<int64_t>(run.size());
  }
  service->stats_.records_seconds = lap();
  RETURN_IF_ERROR(service->analytics_->engine().Load(std::move(runs)));
  service->stats_.engine_seconds = lap();
  RETURN_IF_ERROR(store.ScanSubmissions([&](const store::Submission& s) {
    service->stats_.entered += service->OnSubmission(nullptr, s);
  }));
  service->stats_.entered_seconds = lap();

  // The listener holds the service weakly: a store may outlive it.
  std::weak_ptr<AnalyticsService> weak = service;
  store.AddRecordListener([weak](const store::RecordChange& change) {
    if (auto self = weak.lock()) self->OnChange(change);
  });
  store.AddSubmissionListener(
      [weak](const store::Submission* before, const store::Submission& after) {
        if (auto self = weak.lock()) self->OnSubmission(before, after);
      });
  const LoadStats& st = service->stats_;
  service->stats_.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  spdlog::info(
      "analytics: {} regions, {} records, {} facts, {} entered values loaded in {:.2f} s "
      "(regions {:.2f} s, records {:.2f} s, engine {:.2f} s, entered values {:.2f} s)",
      st.regions, st.records, st.facts, st.entered, st.seconds, st.regions_seconds,
      st.records_seconds, st.engine_seconds, st.entered_seconds);
  return service;
}

analytics::PairingLookup AnalyticsService::Pairings() {
  // The lookup hands out a copy: a pairing may change while a record is derived.
  auto copy = std::make_shared<analytics::PairingParties>();
  return [this, copy](int64_t id) -> const analytics::PairingParties* {
    std::lock_guard<std::mutex> lock(pairings_mu_);
    auto it = pairings_.find(id);
    if (it == pairings_.end()) return nullptr;
    *copy = it->second;
    return copy.get();
  };
}

void AnalyticsService::Rederive(const model::RecordKind& kind, const model::Record& record,
                                const analytics::PairingLookup& pairings) {
  Status s = analytics_->RecordWritten(kind, record, pairings);
  if (!s.ok()) spdlog::error("analytics: {} {}: {}", kind.key, record.id, s.ToString());
}

void AnalyticsService::RederiveWhere(const model::RecordKind& kind, const std::string& field,
                                     int64_t id) {
  store::RecordFilter filter;
  filter.equals.emplace_back(field, id);
  for (int page = 1;; ++page) {
    auto found = store_.ListRecords(kind, filter, {page, 500});
    if (!found.ok()) {
      spdlog::error("analytics: re-reading {} of {} {}: {}", kind.key, field, id,
                    found.status().ToString());
      return;
    }
    analytics::PairingLookup pairings = Pairings();
    for (const model::Record& r : found->items) Rederive(kind, r, pairings);
    if (static_cast<int64_t>(page) * 500 >= found->total) return;
  }
}

void AnalyticsService::OnChange(const store::RecordChange& change) {
  analytics::PairingLookup pairings = Pairings();
  for (const auto& [kind, record] : change.written) {
    if (kind->key == "pairing") {
      {
        std::lock_guard<std::mutex> lock(pairings_mu_);
        pairings_[record->id] = PartiesOf(*kind, *record);
      }
      // Its records count for its parties: derive them again.
      for (const model::RecordKind& k : model::RecordKinds()) {
        if (k.key != "pairing" && k.has_pairing && analytics_->deriver().Uses(k)) {
          RederiveWhere(k, "pairing_id", record->id);
        }
      }
    }
    Rederive(*kind, *record, pairings);
  }
  for (const auto& [parent, id] : change.moved_children_of) {
    for (const model::RecordKind* child : model::ChildKinds(parent->key)) {
      if (analytics_->deriver().Uses(*child)) RederiveWhere(*child, child->parent_field, id);
    }
  }
  for (const auto& [kind, id] : change.deleted) {
    Status s = analytics_->RecordDeleted(*kind, id);
    if (!s.ok()) spdlog::error("analytics: deleting {} {}: {}", kind->key, id, s.ToString());
  }
}

int64_t AnalyticsService::OnSubmission(const store::Submission* before,
                                       const store::Submission& after) {
  // Each value's key in the engine: the indicator, option, region, side and months.
  struct Key {
    int32_t indicator = 0;
    int32_t option = -1;
    int32_t region = 0;
    analytics::Side side = analytics::Side::kWest;
    analytics::MonthRange months;
  };
  auto key_of = [&](const store::Submission& s, const std::string& field) -> std::optional<Key> {
    const model::Dataset* dataset = model::FindDataset(s.dataset);
    Result<model::Period> period = model::ParsePeriod(s.period);
    const model::DatasetField* f = dataset ? dataset->FindField(field) : nullptr;
    int32_t region = analytics_->regions().Find(s.region_code);
    if (f == nullptr || !period.ok() || region < 0) return std::nullopt;
    Key k;
    k.indicator = model::IndicatorIndex(f->indicator);
    const model::Indicator* indicator = model::FindIndicator(f->indicator);
    if (k.indicator < 0 || indicator == nullptr) return std::nullopt;
    if (!f->option.empty()) {
      const std::vector<std::string>& options = model::BreakdownOptions(*indicator);
      auto it = std::find(options.begin(), options.end(), f->option);
      if (it == options.end()) return std::nullopt;
      k.option = static_cast<int32_t>(it - options.begin());
    }
    k.region = region;
    k.side = dataset->side == model::CooperationSide::kEast ? analytics::Side::kEast
                                                            : analytics::Side::kWest;
    k.months = PeriodMonths(*period);
    return k;
  };
  analytics::Engine& engine = analytics_->engine();
  if (before != nullptr && model::CountsInFigures(before->status)) {
    for (const auto& [field, value] : before->values) {
      if (std::optional<Key> k = key_of(*before, field)) {
        Status s = engine.ClearEntered(k->indicator, k->option, k->region, k->side, k->months);
        if (!s.ok()) spdlog::error("analytics: submission {}: {}", before->id, s.ToString());
      }
    }
  }
  int64_t entered = 0;
  if (!model::CountsInFigures(after.status)) return entered;
  for (const auto& [field, value] : after.values) {
    std::optional<Key> k = key_of(after, field);
    if (!k) {
      spdlog::error("analytics: submission {} has a value the data set does not know: {}", after.id,
                    field);
      continue;
    }
    Status s = engine.SetEntered({k->indicator, k->option, k->region, k->side, k->months, value});
    if (!s.ok()) {
      spdlog::error("analytics: submission {}: {}", after.id, s.ToString());
      continue;
    }
    ++entered;
  }
  return entered;
}

}  // namespace xiezuo::api
