// The deterministic data generator for the indicator-engine benchmark: 60 indicators and ten
// million facts over the real national division tree, placed in the western provinces at
// county, town and village level, some with an eastern partner region.
#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <string_view>
#include <utility>
#include <vector>

#include "analytics/engine.h"

namespace xiezuo::bench {

// The seed of the generator: the same tree and count always give the same facts.
inline constexpr uint64_t kAnalyticsSeed = 0x7869657a756f3630;  // "xiezuo60"
inline constexpr int64_t kAnalyticsFacts = 10'000'000;
inline constexpr int32_t kAnalyticsIndicators = 60;
inline constexpr int kFirstYear = 2017;
inline constexpr int kLastYear = 2024;

// The western provinces of the East–West cooperation and their eastern partners ("" for those
// under paired assistance instead: 西藏, 青海, 新疆).
struct ProvincePair {
  std::string_view west;
  std::string_view east;
};
inline constexpr std::array<ProvincePair, 12> kProvincePairs = {{
    {"15", "11"},  // 内蒙古 — 北京
    {"45", "44"},  // 广西 — 广东
    {"50", "37"},  // 重庆 — 山东
    {"51", "33"},  // 四川 — 浙江
    {"52", "44"},  // 贵州 — 广东
    {"53", "31"},  // 云南 — 上海
    {"54", ""},    // 西藏
    {"61", "32"},  // 陕西 — 江苏
    {"62", "12"},  // 甘肃 — 天津
    {"63", ""},    // 青海
    {"64", "35"},  // 宁夏 — 福建
    {"65", ""},    // 新疆
}};

// The 60 indicators: every tenth from 1 (1, 11, …, 51) counts distinct entities (projects),
// 7 and 27 take each entity's last value, the rest are sums; every fifth (0, 5, …, 55) has a
// breakdown of 3, 4 or 5 options.
std::vector<analytics::IndicatorSpec> AnalyticsSpecs();

// Generates facts source by source (a source is one record with 1–6 facts for different
// indicators, one region, month and entity): months over kFirstYear–kLastYear; the western
// region at county (20 %), town (30 %) or village (50 %) level of the 12 western provinces;
// about 30 % with an eastern region (a county or town of the province paired with the western
// one, as 江苏 with 陕西). Entities are projects, 8 per region. Sources are numbered 1, 2, ….
// Not thread-safe; only std::mt19937_64 and our own arithmetic on its output are used, so
// every standard library gives the same facts.
class FactGenerator {
 public:
  // REQUIRES: `regions` holds the national tree and outlives the generator.
  explicit FactGenerator(const analytics::RegionIndex& regions, uint64_t seed = kAnalyticsSeed);

  // Appends the next source's facts, at most `limit` of them (at least one), and returns the
  // source.
  analytics::SourceId Next(std::vector<std::pair<analytics::SourceId, analytics::Fact>>& out,
                           int limit);

 private:
  uint64_t Below(uint64_t n) { return rng_() % n; }
  int32_t Pick(const std::vector<int32_t>& from) { return from[Below(from.size())]; }

  std::mt19937_64 rng_;
  std::vector<analytics::IndicatorSpec> specs_;
  // Western regions by level (county, town, village).
  std::vector<int32_t> west_[3];
  // For each western region's province: eastern counties and towns of its partner (or none).
  std::vector<std::vector<int32_t>> east_by_province_;
  std::vector<int8_t> province_slot_;  // region number → index into east_by_province_, or -1
  analytics::SourceId next_source_ = 1;
};

// The first `count` facts of FactGenerator(regions), each source whole except perhaps the
// last.
std::vector<std::pair<analytics::SourceId, analytics::Fact>> AnalyticsFacts(
    const analytics::RegionIndex& regions, int64_t count);

}  // namespace xiezuo::bench
