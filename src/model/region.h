// Region (行政区划): one unit of the national statistical division tree, province to village.
// Codes are hierarchical (2, 4, 6, 9 and 12 digits), so a region lies inside another exactly
// when its code starts with the other's code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xiezuo::model {

enum class RegionLevel { kProvince = 1, kCity = 2, kCounty = 3, kTown = 4, kVillage = 5 };

struct Region {
  std::string code;
  std::string name;
  RegionLevel level = RegionLevel::kProvince;
  std::string parent_code;  // "" for a province
  int64_t child_count = 0;
};

// "province", "city", "county", "town", "village".
const char* RegionLevelName(RegionLevel level);
std::optional<RegionLevel> ParseRegionLevel(std::string_view name);

// The number of digits a code of `level` has: 2, 4, 6, 9, 12.
size_t RegionCodeLength(RegionLevel level);

// The level a well-formed code has, or nullopt when `code` is not 2/4/6/9/12 digits.
std::optional<RegionLevel> LevelOfCode(std::string_view code);

// The parent's code ("" for a province). REQUIRES: LevelOfCode(code) has a value.
std::string ParentCode(std::string_view code);

// True when `code` is `ancestor` or lies below it.
inline bool RegionWithin(std::string_view code, std::string_view ancestor) {
  return code.starts_with(ancestor);
}

// The exclusive upper bound of the code range of `prefix`'s subtree: "611022" → "611023".
// Every code c inside the subtree has prefix <= c < SubtreeUpperBound(prefix).
// REQUIRES: prefix is a non-empty string of digits.
std::string SubtreeUpperBound(std::string_view prefix);

}  // namespace xiezuo::model
