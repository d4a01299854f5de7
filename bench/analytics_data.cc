// Generates the indicator-engine benchmark's facts from a fixed seed.
#include "analytics_data.h"

#include <algorithm>
#include <string>
#include <string_view>

namespace xiezuo::bench {
namespace {

using analytics::Aggregation;
using analytics::Fact;
using analytics::IndicatorSpec;
using analytics::RegionIndex;
using analytics::SourceId;

constexpr int kLevelCounty = 0;
constexpr int kLevelTown = 1;
constexpr int kLevelVillage = 2;

}  // namespace

std::vector<IndicatorSpec> AnalyticsSpecs() {
  std::vector<IndicatorSpec> specs(kAnalyticsIndicators);
  for (int32_t i = 0; i < kAnalyticsIndicators; ++i) {
    if (i % 10 == 1) {
      specs[i].aggregation = Aggregation::kCountDistinct;
    } else if (i == 7 || i == 27) {
      specs[i].aggregation = Aggregation::kLast;
    }
    if (i % 5 == 0) specs[i].breakdown_options = 3 + (i / 5) % 3;
  }
  return specs;
}

FactGenerator::FactGenerator(const RegionIndex& regions, uint64_t seed)
    : rng_(seed), specs_(AnalyticsSpecs()), province_slot_(regions.size(), -1) {
  for (const int32_t province : regions.Children(-1)) {
    const std::string& code = regions.node(province).code;
    for (const ProvincePair& pair : kProvincePairs) {
      if (pair.west != code) continue;
      const auto slot = static_cast<int8_t>(east_by_province_.size());
      std::vector<int32_t> east;
      const int32_t partner = pair.east.empty() ? -1 : regions.Find(pair.east);
      for (int32_t n = partner; partner >= 0 && n < regions.End(partner); ++n) {
        const model::RegionLevel level = regions.node(n).level;
        if (level == model::RegionLevel::kCounty || level == model::RegionLevel::kTown) {
          east.push_back(n);
        }
      }
      east_by_province_.push_back(std::move(east));
      for (int32_t n = province; n < regions.End(province); ++n) {
        province_slot_[n] = slot;
        switch (regions.node(n).level) {
          case model::RegionLevel::kCounty:
            west_[kLevelCounty].push_back(n);
            break;
          case model::RegionLevel::kTown:
            west_[kLevelTown].push_back(n);
            break;
          case model::RegionLevel::kVillage:
            west_[kLevelVillage].push_back(n);
            break;
          default:
            break;
        }
      }
    }
  }
}

SourceId FactGenerator::Next(std::vector<std::pair<SourceId, Fact>>& out, int limit) {
  const SourceId source = next_source_++;
  const uint64_t level_roll = Below(10);
  const int level = level_roll < 2 ? kLevelCounty : level_roll < 5 ? kLevelTown : kLevelVillage;
  const int32_t west = Pick(west_[level]);
  int32_t east = -1;
  const std::vector<int32_t>& partners = east_by_province_[province_slot_[west]];
  if (!partners.empty() && Below(10) < 3) east = Pick(partners);
  const auto month = static_cast<analytics::Month>(
      analytics::MonthOf(kFirstYear, 1) + Below(uint64_t{kLastYear - kFirstYear + 1} * 12));
  const auto entity = static_cast<int64_t>(west) * 8 + static_cast<int64_t>(Below(8));

  // 1–6 different indicators: a first one, then steps that wrap around the 60.
  const int count = std::min(limit, 1 + static_cast<int>(Below(6)));
  auto indicator = static_cast<int32_t>(Below(kAnalyticsIndicators));
  const auto step = static_cast<int32_t>(1 + Below(kAnalyticsIndicators / 6 - 1));
  for (int i = 0; i < count; ++i, indicator = (indicator + step) % kAnalyticsIndicators) {
    const IndicatorSpec& spec = specs_[indicator];
    Fact f;
    f.indicator = indicator;
    f.month = month;
    f.west_region = west;
    f.east_region = east;
    f.entity = entity;
    // One in ten facts of an indicator with a breakdown does not say its option.
    if (spec.breakdown_options > 0 && Below(10) != 0) {
      f.breakdown = static_cast<int32_t>(Below(static_cast<uint64_t>(spec.breakdown_options)));
    }
    switch (spec.aggregation) {
      case Aggregation::kCountDistinct:
        f.value = 1;
        break;
      case Aggregation::kLast:  // completed investment in fen, up to 10 million yuan
        f.value = static_cast<int64_t>(Below(1'000'000'000));
        break;
      case Aggregation::kSum:
        // Money in fen (up to 1 million yuan) for every third indicator; persons otherwise.
        f.value = indicator % 3 == 0 ? 100 * static_cast<int64_t>(1 + Below(1'000'000))
                                     : static_cast<int64_t>(1 + Below(50));
        break;
    }
    out.emplace_back(source, f);
  }
  return source;
}

std::vector<std::pair<SourceId, Fact>> AnalyticsFacts(const RegionIndex& regions, int64_t count) {
  FactGenerator generator(regions);
  std::vector<std::pair<SourceId, Fact>> facts;
  facts.reserve(static_cast<size_t>(count));
  while (static_cast<int64_t>(facts.size()) < count) {
    generator.Next(facts, static_cast<int>(std::min<int64_t>(6, count - facts.size())));
  }
  return facts;
}

}  // namespace xiezuo::bench
