// Figures in a report's prose.
#include "report/report_text.h"

#include "core/money.h"

namespace xiezuo::report {
namespace {

constexpr int64_t kWanFen = 1'000'000;      // 1万元
constexpr int64_t kYiFen = 10'000'000'000;  // 1亿元

// `text` ("9806.50") without trailing zeros after the point, nor the point itself.
std::string TrimZeros(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

// `text` without thousands separators.
std::string NoSeparators(std::string text) {
  std::erase(text, ',');
  return text;
}

// `num` / `den` × 100 with one decimal, rounded half away from zero ("12.3"). REQUIRES: den > 0.
std::string PercentOneDecimal(int64_t num, int64_t den) {
  const __int128 scaled = static_cast<__int128>(num) * 1000;
  const __int128 half = den / 2;
  const __int128 q = scaled >= 0 ? (scaled + half) / den : -((-scaled + half) / den);
  const auto tenths = static_cast<int64_t>(q < 0 ? -q : q);
  std::string out(q < 0 ? "-" : "");  // built by appends: see MoneyText
  out.append(std::to_string(tenths / 10)).append(".").append(std::to_string(tenths % 10));
  return out;
}

}  // namespace

std::string MoneyText(int64_t fen) {
  const int64_t magnitude = fen < 0 ? -fen : fen;
  if (magnitude >= kYiFen)
    return TrimZeros(NoSeparators(FormatFen(fen, MoneyUnit::kYiYuan, 2))) + "亿元";
  if (magnitude >= kWanFen) {
    std::string wan = TrimZeros(NoSeparators(FormatFen(fen, MoneyUnit::kWanYuan, 2)));
    // Whole literals: g++ 12 at -O3 warns falsely (-Wrestrict) on "-" + std::string.
    if (wan == "10000" || wan == "-10000") return fen < 0 ? "-1亿元" : "1亿元";
    return wan + "万元";
  }
  return TrimZeros(NoSeparators(FormatFen(fen, MoneyUnit::kYuan, 2))) + "元";
}

std::string ValueText(int64_t value, model::IndicatorUnit unit) {
  switch (unit) {
    case model::IndicatorUnit::kYuan:
      return MoneyText(value);
    case model::IndicatorUnit::kPercent: {
      const int64_t magnitude = value < 0 ? -value : value;
      std::string text = std::to_string(magnitude / 100) + "." +
                         std::string(magnitude % 100 < 10 ? "0" : "") +
                         std::to_string(magnitude % 100);
      return (value < 0 ? "-" : "") + text + "%";
    }
    default:
      return std::to_string(value) + model::IndicatorUnitLabel(unit);
  }
}

std::string ChangeText(int64_t now, std::optional<int64_t> last) {
  if (!last || *last == 0) return "";
  if (now == *last) return "与上年持平";
  const int64_t diff = now - *last;
  const int64_t base = *last < 0 ? -*last : *last;
  const std::string pct = PercentOneDecimal(diff < 0 ? -diff : diff, base);
  return (diff > 0 ? "同比增长" : "同比下降") + pct + "%";
}

std::string TargetText(int64_t value, std::optional<int64_t> target) {
  if (!target || *target <= 0) return "";
  const std::string pct = PercentOneDecimal(value, *target);
  if (value > *target) return "超额完成年度目标（完成" + pct + "%）";
  return "完成年度目标的" + pct + "%";
}

std::string ShareText(int64_t part, int64_t whole) {
  if (whole == 0) return "";
  return PercentOneDecimal(part, whole) + "%";
}

}  // namespace xiezuo::report
