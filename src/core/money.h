// Money as integer fen (分; 1 元 = 100 fen), never floating point: parsing what users and
// Excel write, and formatting in 元, 万元 or 亿元 with exact integer rounding.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace xiezuo {

// Parses an amount in 元: "1234", "1234.5", "1,234.56", "-12.30", " 98060000 ", "12元".
// A sign is allowed (callers that want no negatives reject them); thousands separators must
// group by three; more than two decimals are an error unless the extra ones are zeros; no
// exponents. Surrounding ASCII spaces, tabs, no-break and ideographic spaces are ignored.
// Errors: kInvalidArgument for empty text, garbage, "at most 2 decimal places", or an amount
// outside int64 fen.
Result<int64_t> ParseYuanToFen(std::string_view text);

// Parses an amount in 万元 (10,000 元) with up to 6 decimals, which is exact in fen:
// "9806" -> 98,060,000 元. A trailing "万元" or "万" is allowed; otherwise as ParseYuanToFen.
// Errors: kInvalidArgument as ParseYuanToFen, with "at most 6 decimal places".
Result<int64_t> ParseWanYuanToFen(std::string_view text);

// The unit a formatted amount is shown in.
enum class MoneyUnit {
  kYuan,     // 元
  kWanYuan,  // 万元, 10^4 元
  kYiYuan,   // 亿元, 10^8 元
};

// Formats `fen` in `unit` with `decimals` places, thousands separators and no unit suffix:
// 9,806,000,000 fen -> "98,060,000.00" (kYuan), "9,806.00" (kWanYuan), "0.98" (kYiYuan).
// Rounds half away from zero in exact integer arithmetic; a result that rounds to zero has no
// sign. REQUIRES: 0 <= decimals <= 12.
std::string FormatFen(int64_t fen, MoneyUnit unit, int decimals = 2);

// The plain text of `fen` in 元 for CSV and xlsx export: "1234.56", "-0.05", "12", "12.50" (no
// separators; ".00" dropped, otherwise two decimals). ParseYuanToFen reads it back exactly.
std::string FenToYuanText(int64_t fen);

}  // namespace xiezuo
