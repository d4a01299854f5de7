// The analytics layer (统计分析): the indicator catalogue over the engine — indicators by code,
// ratios, tables of regions × indicators with a totals row, and records turned into facts as
// they are written, so a write shows in the next query.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analytics/derive.h"
#include "analytics/engine.h"
#include "model/indicator.h"

namespace xiezuo::analytics {

// One indicator's figures for one region: cells[0] is the total, cells[1..] the breakdown
// options (when asked for). A ratio's cells are in hundredths of a percent.
struct IndicatorCells {
  std::vector<Cell> cells;
};

struct TableRow {
  int32_t region = -1;  // RegionIndex number
  std::string code;
  std::string name;
  std::vector<IndicatorCells> indicators;  // in the request's order
};

struct Table {
  std::vector<const model::Indicator*> indicators;
  std::vector<TableRow> rows;
  TableRow total;  // the asked region itself (counts distinct things once across its rows)
};

struct TableRequest {
  std::vector<std::string> indicators;  // codes
  std::string region;                   // a region code; "" for the whole country
  int depth = 1;  // 0: the region alone; 1: its children; n: every region n levels below
  MonthRange months;
  Side side = Side::kWest;
  bool by_breakdown = false;
};

// Thread-safe: the engine locks; the catalogue and regions are immutable.
class Analytics {
 public:
  Analytics(std::vector<model::Indicator> indicators, std::shared_ptr<const RegionIndex> regions);

  const std::vector<model::Indicator>& indicators() const { return indicators_; }
  const RegionIndex& regions() const { return *regions_; }
  const Deriver& deriver() const { return deriver_; }
  Engine& engine() { return engine_; }
  const Engine& engine() const { return engine_; }

  // A record was created or changed: its facts replace its earlier ones.
  Status RecordWritten(const model::RecordKind& kind, const model::Record& record,
                       const PairingLookup& pairings);
  // A record was deleted: its facts are gone.
  Status RecordDeleted(const model::RecordKind& kind, int64_t id);

  // Errors: kInvalidArgument naming an unknown indicator or region, or a depth outside 0..4.
  Result<Table> Query(const TableRequest& request) const;

 private:
  std::vector<model::Indicator> indicators_;
  std::shared_ptr<const RegionIndex> regions_;
  Deriver deriver_;
  Engine engine_;
};

}  // namespace xiezuo::analytics
