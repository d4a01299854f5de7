// The deterministic data generator for the record-import benchmarks: N placements (劳务输出)
// as a user fills in the import template, as UTF-8 CSV text and as an .xlsx workbook.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace xiezuo::bench {

// The seed of the generator: the same N always gives the same bytes.
inline constexpr uint64_t kPlacementSeed = 0x7869657a756f3231;  // "xiezuo21"

// The header row: the Chinese column headers of the placement template
// (src/api/i18n/records.zh-CN.json), in the template's column order.
const std::vector<std::string>& PlacementHeaders();

// One data row per placement, the cells as a user types them, with PlacementHeaders' columns:
// home county codes of Shaanxi's paired counties (商洛, 安康), destination classes as their
// Chinese labels, dates in 2021, wages of 2,800–9,000 元 with two decimals, about 70 % named
// workers (one person each, about a third of them 脱贫人口) and 30 % counts of 2–30 persons.
// Thread-safe; REQUIRES: rows >= 0.
std::vector<std::vector<std::string>> PlacementRows(int64_t rows);

// The header and `rows` rows as CSV (UTF-8 without BOM, CRLF line ends, as Excel writes it).
std::string PlacementCsv(int64_t rows);

// The same header and rows as an .xlsx workbook, typed as the template types them (codes and
// names as text, dates as Excel dates, wages as numbers in 元, counts as integers).
// Errors: those of io::WriteXlsx.
Result<std::string> PlacementXlsx(int64_t rows);

}  // namespace xiezuo::bench
