// Figures as a report's prose writes them (the seed articles' style): money in 万元 or 亿元
// without separators ("9806万元", "1.23亿元"), counts with their unit ("549人"), the change from
// last year ("同比增长12.3%") and the ratio to a target ("完成年度目标的98.1%"). Exact integer
// rounding, half away from zero.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/indicator.h"

namespace xiezuo::report {

// Money for prose: below 1万元 in 元 ("5000元", "12.5元"); below 1亿元 in 万元 with at most two
// decimals, trailing zeros dropped ("9806万元", "12.35万元"); from 1亿元 in 亿元 with two decimals
// at most ("1.23亿元", "2亿元"). Negative amounts keep their sign.
std::string MoneyText(int64_t fen);

// A value of `unit` for prose: money as MoneyText, a percent (hundredths) as "85.23%", anything
// else as the number and the unit's Chinese name ("549人", "24个", "3批次").
std::string ValueText(int64_t value, model::IndicatorUnit unit);

// The change from last year: "同比增长12.3%", "同比下降5.0%", "与上年持平"; "" when last year
// has no figure or a figure of 0 (no percentage to give).
std::string ChangeText(int64_t now, std::optional<int64_t> last);

// The ratio to a target: "完成年度目标的98.1%", or "超额完成年度目标（完成128.0%）" above 100 %;
// "" without a target or with a target of 0.
std::string TargetText(int64_t value, std::optional<int64_t> target);

// `part` of `whole` as a percent with one decimal ("51.7%"); "" when whole is 0.
std::string ShareText(int64_t part, int64_t whole);

}  // namespace xiezuo::report
