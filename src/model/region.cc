// Region levels and code arithmetic.
#include "model/region.h"

#include <algorithm>
#include <cassert>

namespace xiezuo::model {

const char* RegionLevelName(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince:
      return "province";
    case RegionLevel::kCity:
      return "city";
    case RegionLevel::kCounty:
      return "county";
    case RegionLevel::kTown:
      return "town";
    case RegionLevel::kVillage:
      return "village";
  }
  return "province";
}

std::optional<RegionLevel> ParseRegionLevel(std::string_view name) {
  for (int i = 1; i <= 5; ++i) {
    auto level = static_cast<RegionLevel>(i);
    if (name == RegionLevelName(level)) return level;
  }
  return std::nullopt;
}

size_t RegionCodeLength(RegionLevel level) {
  static constexpr size_t kLengths[] = {0, 2, 4, 6, 9, 12};
  return kLengths[static_cast<int>(level)];
}

std::optional<RegionLevel> LevelOfCode(std::string_view code) {
  if (code.empty() ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  for (int i = 1; i <= 5; ++i) {
    auto level = static_cast<RegionLevel>(i);
    if (code.size() == RegionCodeLength(level)) return level;
  }
  return std::nullopt;
}

std::string ParentCode(std::string_view code) {
  auto level = LevelOfCode(code);
  assert(level.has_value());
  if (*level == RegionLevel::kProvince) return "";
  return std::string(
      code.substr(0, RegionCodeLength(static_cast<RegionLevel>(static_cast<int>(*level) - 1))));
}

std::string SubtreeUpperBound(std::string_view prefix) {
  assert(!prefix.empty());
  // Digits only, so bumping the last character by one never carries: '9' + 1 is ':', which
  // still sorts after every digit.
  std::string upper(prefix);
  upper.back() = static_cast<char>(upper.back() + 1);
  return upper;
}

}  // namespace xiezuo::model
