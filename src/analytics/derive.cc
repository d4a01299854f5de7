// Records to facts.
#include "analytics/derive.h"

#include <algorithm>
#include <charconv>
#include <functional>

namespace xiezuo::analytics {
namespace {

using model::CooperationSide;
using model::Derivation;
using model::FieldIn;
using model::IndicatorAggregation;

int KindNumber(const model::RecordKind& kind) {
  const auto& kinds = model::RecordKinds();
  // Kinds normally come from RecordKinds() itself: their address tells their number.
  auto* first = kinds.data();
  if (std::less_equal<>()(first, &kind) && std::less<>()(&kind, first + kinds.size())) {
    return static_cast<int>(&kind - first);
  }
  for (size_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i].key == kind.key) return static_cast<int>(i);
  }
  return -1;
}

bool Passes(const model::RecordKind& kind, const model::Record& r,
            const std::vector<FieldIn>& filters) {
  return std::all_of(filters.begin(), filters.end(), [&](const FieldIn& f) {
    std::string v = r.Text(kind, f.field);
    return std::find(f.values.begin(), f.values.end(), v) != f.values.end();
  });
}

std::optional<Month> MonthOfRecord(const model::RecordKind& kind, const model::Record& r,
                                   const Derivation& d) {
  for (const std::string& field : d.date_fields) {
    if (auto m = MonthOfDate(r.Text(kind, field))) return m;
  }
  if (kind.Field("year") != nullptr) {
    int64_t year = r.Int(kind, "year", 0);
    if (year >= 2000 && year <= 2099) return MonthOf(static_cast<int>(year), 12);
  }
  return std::nullopt;
}

}  // namespace

SourceId RecordSource(const model::RecordKind& kind, int64_t id) {
  return (static_cast<SourceId>(KindNumber(kind) + 1) << 48) | static_cast<SourceId>(id);
}

std::optional<Month> MonthOfDate(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  int year = 0;
  int month = 0;
  auto parse = [](std::string_view s, int& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
  };
  if (!parse(date.substr(0, 4), year) || !parse(date.substr(5, 2), month)) return std::nullopt;
  if (year < 2000 || year > 2099 || month < 1 || month > 12) return std::nullopt;
  return MonthOf(year, month);
}

Deriver::Deriver(const std::vector<model::Indicator>& indicators, const RegionIndex& regions)
    : indicators_(indicators), regions_(regions), by_kind_(model::RecordKinds().size()) {
  for (size_t i = 0; i < indicators.size(); ++i) {
    const auto& d = indicators[i].derivation;
    if (!d) continue;
    const model::RecordKind* kind = model::FindKind(d->kind);
    if (kind == nullptr) continue;  // CheckIndicators reports it
    by_kind_[static_cast<size_t>(KindNumber(*kind))].push_back({static_cast<int32_t>(i), &*d});
  }
  // What Facts reads of each kind; keep in step with it (a test derives every demo record
  // from these fields alone and from the whole record, and compares).
  fields_by_kind_.resize(by_kind_.size());
  for (size_t k = 0; k < by_kind_.size(); ++k) {
    if (by_kind_[k].empty()) continue;
    const model::RecordKind& kind = model::RecordKinds()[k];
    std::vector<bool> read(kind.fields.size(), false);
    auto add = [&](const std::string& field) {
      if (int i = kind.FieldIndex(field); i >= 0) read[static_cast<size_t>(i)] = true;
    };
    add("year");
    if (kind.key == "pairing") {  // its own parties
      add("east_region_code");
      add("west_region_code");
    } else {
      add("pairing_id");
    }
    for (const Rule& rule : by_kind_[k]) {
      const Derivation& d = *rule.derivation;
      for (const std::string& f : d.date_fields) add(f);
      add(d.value_field);
      add(d.entity_field);
      for (const FieldIn& f : d.where) add(f.field);
      for (const FieldIn& f : d.east_when) add(f.field);
      add(d.breakdown_field);
      if (d.breakdown_field == "direction" && kind.FieldIndex("direction") < 0) {
        add("from_region_code");  // the direction computed from where they came from
      }
      for (const std::string& f : d.west_regions) add(f);
      for (const std::string& f : d.east_regions) add(f);
    }
    for (size_t i = 0; i < read.size(); ++i) {
      if (read[i]) fields_by_kind_[k].push_back(kind.fields[i].key);
    }
  }
}

const std::vector<std::string>& Deriver::FieldsRead(const model::RecordKind& kind) const {
  static const std::vector<std::string> kNone;
  const int n = KindNumber(kind);
  return n < 0 ? kNone : fields_by_kind_[static_cast<size_t>(n)];
}

std::vector<IndicatorSpec> Deriver::Specs() const {
  std::vector<IndicatorSpec> specs;
  specs.reserve(indicators_.size());
  for (const model::Indicator& i : indicators_) {
    IndicatorSpec spec;
    switch (i.aggregation) {
      case IndicatorAggregation::kCountDistinct:
        spec.aggregation = Aggregation::kCountDistinct;
        break;
      case IndicatorAggregation::kLast:
        spec.aggregation = Aggregation::kLast;
        break;
      case IndicatorAggregation::kSum:
      case IndicatorAggregation::kRatio:
        spec.aggregation = Aggregation::kSum;
        break;
    }
    spec.breakdown_options = static_cast<int32_t>(model::BreakdownOptions(i).size());
    specs.push_back(spec);
  }
  return specs;
}

bool Deriver::Uses(const model::RecordKind& kind) const {
  int n = KindNumber(kind);
  return n >= 0 && !by_kind_[static_cast<size_t>(n)].empty();
}

std::vector<Fact> Deriver::Facts(const model::RecordKind& kind, const model::Record& record,
                                 const PairingLookup& pairings) const {
  std::vector<Fact> facts;
  int n = KindNumber(kind);
  if (n < 0) return facts;
  const PairingParties* parties = nullptr;
  PairingParties own;  // a pairing's own parties
  bool looked_up = false;
  auto pairing = [&]() -> const PairingParties* {
    if (!looked_up) {
      looked_up = true;
      int64_t id = kind.key == "pairing" ? record.id : record.Int(kind, "pairing_id", 0);
      if (kind.key == "pairing") {
        own = {record.Text(kind, "east_region_code"), record.Text(kind, "west_region_code")};
        parties = &own;
      } else if (id > 0 && pairings) {
        parties = pairings(id);
      }
    }
    return parties;
  };
  // The numbers of the codes looked up for this record: it feeds several indicators from the
  // same few regions (a project seven), and each lookup is a binary search over 665,276 codes.
  std::vector<std::pair<std::string, int32_t>> numbers;
  auto number_of = [&](std::string code) {
    for (const auto& [c, number] : numbers) {
      if (c == code) return number;
    }
    int32_t number = regions_.Find(code);
    numbers.emplace_back(std::move(code), number);
    return number;
  };
  // The first region of `candidates` on `side` that the index knows, or -1.
  auto region_on = [&](const std::vector<std::string>& candidates, CooperationSide side) {
    for (const std::string& c : candidates) {
      std::string code;
      if (c == "pairing") {
        const PairingParties* p = pairing();
        if (p == nullptr) continue;
        code = side == CooperationSide::kEast ? p->east_region_code : p->west_region_code;
      } else {
        code = record.Text(kind, c);
      }
      if (code.empty() || model::RegionSide(code) != side) continue;
      int32_t number = number_of(std::move(code));
      if (number >= 0) return number;
    }
    return int32_t{-1};
  };

  for (const Rule& rule : by_kind_[static_cast<size_t>(n)]) {
    const Derivation& d = *rule.derivation;
    const model::Indicator& indicator = indicators_[static_cast<size_t>(rule.indicator)];
    if (!Passes(kind, record, d.where)) continue;
    std::optional<Month> month = MonthOfRecord(kind, record, d);
    if (!month) continue;

    Fact f;
    f.indicator = rule.indicator;
    f.month = *month;
    if (indicator.aggregation == IndicatorAggregation::kCountDistinct ||
        indicator.aggregation == IndicatorAggregation::kLast) {
      f.entity = d.entity_field == "id" ? record.id : record.Int(kind, d.entity_field, 0);
      if (f.entity <= 0) continue;  // nothing to count (a fund linked to no project)
    }
    if (d.value_field.empty()) {
      f.value = 1;
    } else {
      const model::FieldValue& v = record.Get(kind, d.value_field);
      if (!std::holds_alternative<int64_t>(v)) continue;  // no figure
      f.value = std::get<int64_t>(v);
    }
    f.west_region = region_on(d.west_regions, CooperationSide::kWest);
    if (Passes(kind, record, d.east_when)) {
      f.east_region = region_on(d.east_regions, CooperationSide::kEast);
    }
    if (f.west_region < 0 && f.east_region < 0) continue;

    if (!d.breakdown_field.empty()) {
      const std::vector<std::string>& options = model::BreakdownOptions(indicator);
      std::string option;
      if (kind.Field(d.breakdown_field) != nullptr) {
        option = record.Text(kind, d.breakdown_field);
      } else if (d.breakdown_field == "direction") {
        // Computed: the direction the people or money went, by the side of where it came from.
        auto from = model::RegionSide(record.Text(kind, "from_region_code"));
        if (from == CooperationSide::kEast) option = "east_to_west";
        if (from == CooperationSide::kWest) option = "west_to_east";
      }
      auto it = std::find(options.begin(), options.end(), option);
      f.breakdown = it == options.end() ? -1 : static_cast<int32_t>(it - options.begin());
    }
    facts.push_back(f);
  }
  return facts;
}

}  // namespace xiezuo::analytics
