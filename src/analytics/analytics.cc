// The analytics layer.
#include "analytics/analytics.h"

#include <algorithm>

namespace xiezuo::analytics {
namespace {

using model::IndicatorAggregation;

// numerator / denominator in hundredths of a percent, rounded half away from zero.
int64_t Percent(int64_t numerator, int64_t denominator) {
  __int128 scaled = static_cast<__int128>(numerator) * 10000;
  __int128 q = scaled / denominator;
  __int128 r = scaled % denominator;
  if (r != 0 && 2 * (r < 0 ? -r : r) >= (denominator < 0 ? -denominator : denominator)) {
    q += (scaled < 0) == (denominator < 0) ? 1 : -1;
  }
  return static_cast<int64_t>(q);
}

Cell RatioCell(const Cell& num, const Cell& den) {
  Cell c;
  c.has_data = num.has_data && den.has_data && den.value != 0;
  if (!c.has_data) return c;
  c.value = Percent(num.value, den.value);
  c.derived = den.derived != 0 ? Percent(num.derived, den.derived) : 0;
  c.uses_entered = num.uses_entered || den.uses_entered;
  return c;
}

}  // namespace

Analytics::Analytics(std::vector<model::Indicator> indicators,
                     std::shared_ptr<const RegionIndex> regions)
    : indicators_(std::move(indicators)),
      regions_(std::move(regions)),
      deriver_(indicators_, *regions_),
      engine_(regions_, deriver_.Specs()) {}

Status Analytics::RecordWritten(const model::RecordKind& kind, const model::Record& record,
                                const PairingLookup& pairings) {
  if (!deriver_.Uses(kind)) return Status::Ok();
  return engine_.Replace(RecordSource(kind, record.id), deriver_.Facts(kind, record, pairings));
}

Status Analytics::RecordDeleted(const model::RecordKind& kind, int64_t id) {
  if (!deriver_.Uses(kind)) return Status::Ok();
  return engine_.Replace(RecordSource(kind, id), {});
}

Result<Table> Analytics::Query(const TableRequest& request) const {
  if (request.depth < 0 || request.depth > 4) {
    return InvalidArgument("bad depth", {{"depth", "must be 0 (the region) to 4 levels below"}});
  }
  if (request.indicators.empty()) {
    return InvalidArgument("no indicator", {{"indicators", "name at least one indicator"}});
  }
  if (request.months.last < request.months.first) {
    return InvalidArgument("bad period", {{"period", "ends before it starts"}});
  }
  Table table;
  // The engine's indicators: the asked ones, and the parts of ratios.
  std::vector<int32_t> engine_indicators;
  auto engine_slot = [&](int32_t index) {
    auto it = std::find(engine_indicators.begin(), engine_indicators.end(), index);
    if (it != engine_indicators.end()) return static_cast<size_t>(it - engine_indicators.begin());
    engine_indicators.push_back(index);
    return engine_indicators.size() - 1;
  };
  struct Column {
    const model::Indicator* indicator;
    size_t slot = 0;         // its engine slot (sums, counts, last values)
    size_t numerator = 0;    // ratios
    size_t denominator = 0;  // ratios
  };
  std::vector<Column> columns;
  auto index_of = [&](const std::string& code) -> Result<int32_t> {
    auto it = std::find_if(indicators_.begin(), indicators_.end(),
                           [&](const model::Indicator& i) { return i.code == code; });
    if (it == indicators_.end()) {
      return InvalidArgument("unknown indicator " + code, {{"indicators", "no indicator " + code}});
    }
    return static_cast<int32_t>(it - indicators_.begin());
  };
  for (const std::string& code : request.indicators) {
    ASSIGN_OR_RETURN(int32_t index, index_of(code));
    const model::Indicator& indicator = indicators_[static_cast<size_t>(index)];
    Column column{&indicator};
    if (indicator.aggregation == IndicatorAggregation::kRatio) {
      ASSIGN_OR_RETURN(int32_t num, index_of(indicator.numerator));
      ASSIGN_OR_RETURN(int32_t den, index_of(indicator.denominator));
      column.numerator = engine_slot(num);
      column.denominator = engine_slot(den);
    } else {
      column.slot = engine_slot(index);
    }
    columns.push_back(column);
    table.indicators.push_back(&indicator);
  }

  int32_t region = -1;
  if (!request.region.empty()) {
    region = regions_->Find(request.region);
    if (region < 0) {
      return InvalidArgument("unknown region " + request.region,
                             {{"region", "no region with code " + request.region}});
    }
  }
  std::vector<int32_t> rows;
  if (request.depth == 0) {
    if (region >= 0) rows.push_back(region);
  } else {
    rows = regions_->Descendants(region, request.depth);
  }
  // The country is no region of the index: its total is the sum of its provinces.
  std::vector<int32_t> totals =
      region >= 0 ? std::vector<int32_t>{region} : regions_->Descendants(-1, 1);

  analytics::Query q;
  q.indicators = engine_indicators;
  q.regions = rows;
  q.regions.insert(q.regions.end(), totals.begin(), totals.end());
  q.months = request.months;
  q.side = request.side;
  q.by_breakdown = request.by_breakdown;
  ASSIGN_OR_RETURN(QueryResult result, engine_.Run(q));

  // The cells of engine slot `s` for query region position `r`.
  auto cells_of = [&](size_t s, size_t r) -> const std::vector<Cell>& {
    return result.cells[s][r];
  };
  auto make_row = [&](auto&& cells_at) {
    TableRow row;
    for (const Column& column : columns) {
      IndicatorCells ic;
      if (column.indicator->aggregation == IndicatorAggregation::kRatio) {
        ic.cells.push_back(
            RatioCell(cells_at(column.numerator)[0], cells_at(column.denominator)[0]));
      } else {
        ic.cells = cells_at(column.slot);
      }
      row.indicators.push_back(std::move(ic));
    }
    return row;
  };
  for (size_t r = 0; r < rows.size(); ++r) {
    TableRow row = make_row([&](size_t s) -> const std::vector<Cell>& { return cells_of(s, r); });
    row.region = rows[r];
    row.code = regions_->node(rows[r]).code;
    row.name = regions_->node(rows[r]).name;
    table.rows.push_back(std::move(row));
  }
  // Totals: the region's own cells, or the provinces' added up.
  std::vector<std::vector<Cell>> summed(engine_indicators.size());
  for (size_t s = 0; s < engine_indicators.size(); ++s) {
    for (size_t t = 0; t < totals.size(); ++t) {
      const std::vector<Cell>& cells = cells_of(s, rows.size() + t);
      if (summed[s].empty()) summed[s].resize(cells.size());
      for (size_t o = 0; o < cells.size(); ++o) {
        Cell& into = summed[s][o];
        into.value += cells[o].value;
        into.derived += cells[o].derived;
        into.has_data = into.has_data || cells[o].has_data;
        into.uses_entered = into.uses_entered || cells[o].uses_entered;
        if (totals.size() == 1) into.entered = cells[o].entered;
      }
    }
    if (summed[s].empty()) summed[s].resize(1);
  }
  table.total = make_row([&](size_t s) -> const std::vector<Cell>& { return summed[s]; });
  table.total.region = region;
  if (region >= 0) {
    table.total.code = regions_->node(region).code;
    table.total.name = regions_->node(region).name;
  }
  return table;
}

}  // namespace xiezuo::analytics
