// Records to facts (指标事实): applies the indicator catalogue's derivations to one record, so
// the engine can be told what a record contributes whenever it is written or deleted.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analytics/engine.h"
#include "model/indicator.h"
#include "model/record.h"

namespace xiezuo::analytics {

// The main parties of a pairing, as region codes ("" for an institution-only party).
struct PairingParties {
  std::string east_region_code;
  std::string west_region_code;
};
// Finds a pairing's parties by its id; nullptr when unknown.
using PairingLookup = std::function<const PairingParties*(int64_t pairing_id)>;

// The engine's source id of a record: its kind's number (in RecordKinds()) and its id.
SourceId RecordSource(const model::RecordKind& kind, int64_t id);

// The month of a "YYYY-MM-DD" date, or nullopt when it is not one (or outside 2000–2099).
std::optional<Month> MonthOfDate(std::string_view date);

// Applies the catalogue's derivations. Immutable once built; thread-safe.
class Deriver {
 public:
  // `indicators` and `regions` must outlive the deriver. Indicator numbers in the facts are
  // indexes into `indicators`.
  Deriver(const std::vector<model::Indicator>& indicators, const RegionIndex& regions);

  // The engine's specs for the catalogue, index for index (ratios get a placeholder: the
  // engine holds no facts for them).
  std::vector<IndicatorSpec> Specs() const;

  // Every fact `record` of `kind` contributes: per derivation on that kind, one fact when the
  // record has a month, passes the filters and has a region on at least one side.
  std::vector<Fact> Facts(const model::RecordKind& kind, const model::Record& record,
                          const PairingLookup& pairings) const;

  // True when some indicator is derived from records of `kind`.
  bool Uses(const model::RecordKind& kind) const;
  // The fields of `kind` that Facts reads (besides the id), in the kind's order: a restart
  // reads only these from the store. Empty when the kind is not used.
  const std::vector<std::string>& FieldsRead(const model::RecordKind& kind) const;

 private:
  struct Rule {
    int32_t indicator;
    const model::Derivation* derivation;
  };
  const std::vector<model::Indicator>& indicators_;
  const RegionIndex& regions_;
  std::vector<std::vector<Rule>> by_kind_;                // indexed like RecordKinds()
  std::vector<std::vector<std::string>> fields_by_kind_;  // indexed like RecordKinds()
};

}  // namespace xiezuo::analytics
