// Parsing and formatting of fen amounts in exact integer arithmetic.
#include "core/money.h"

#include <algorithm>
#include <cassert>
#include <initializer_list>

namespace xiezuo {
namespace {

using Uint128 = unsigned __int128;

// 2^63: the magnitude of INT64_MIN, the largest a negative amount may have.
constexpr uint64_t kNegativeLimit = uint64_t{1} << 63;
constexpr uint64_t kPositiveLimit = kNegativeLimit - 1;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view TrimSpaces(std::string_view s) {
  constexpr std::string_view kSpaces[] = {" ", "\t", "\r", "\n", "\xC2\xA0", "\xE3\x80\x80"};
  bool trimmed = true;
  while (trimmed) {
    trimmed = false;
    for (std::string_view sp : kSpaces) {
      if (s.starts_with(sp)) {
        s.remove_prefix(sp.size());
        trimmed = true;
      }
      if (s.ends_with(sp)) {
        s.remove_suffix(sp.size());
        trimmed = true;
      }
    }
  }
  return s;
}

// Parses `text` as a decimal number of `unit_name` and returns it times 10^scale_digits,
// which must be an integer: at most `scale_digits` significant decimals.
Result<int64_t> ParseScaled(std::string_view text, int scale_digits, std::string_view unit_name,
                            std::initializer_list<std::string_view> suffixes) {
  std::string_view s = TrimSpaces(text);
  for (std::string_view suffix : suffixes) {
    if (s.ends_with(suffix)) {
      s = TrimSpaces(s.substr(0, s.size() - suffix.size()));
      break;
    }
  }
  auto quoted = [&] {
    std::string q(1, '"');  // built by appends: g++ 12 warns falsely on "\"" + std::string
    q.append(text).push_back('"');
    return q;
  };
  if (s.empty()) return InvalidArgument("an amount in " + std::string(unit_name) + " is empty");
  bool negative = false;
  if (s[0] == '-' || s[0] == '+') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  size_t dot = s.find('.');
  std::string_view int_part = s.substr(0, dot);
  std::string_view frac_part = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (int_part.empty() && frac_part.empty()) {
    return InvalidArgument(quoted() + " is not an amount in " + std::string(unit_name));
  }

  Uint128 value = 0;
  auto add_digit = [&](char c) { value = value * 10 + static_cast<unsigned>(c - '0'); };
  // Thousands separators: if any, every group after the first has exactly three digits.
  bool has_commas = int_part.find(',') != std::string_view::npos;
  size_t group = 0;
  bool first_group = true;
  for (char c : int_part) {
    if (c == ',') {
      if (group == 0 || group > 3 || (!first_group && group != 3)) {
        return InvalidArgument(quoted() + " has a misplaced thousands separator");
      }
      first_group = false;
      group = 0;
      continue;
    }
    if (!IsDigit(c)) {
      return InvalidArgument(quoted() + " is not an amount in " + std::string(unit_name));
    }
    ++group;
    add_digit(c);
    if (value > kNegativeLimit) {
      return InvalidArgument(quoted() + " is too large an amount");
    }
  }
  if (has_commas && group != 3) {
    return InvalidArgument(quoted() + " has a misplaced thousands separator");
  }
  for (size_t i = 0; i < frac_part.size(); ++i) {
    char c = frac_part[i];
    if (!IsDigit(c)) {
      return InvalidArgument(quoted() + " is not an amount in " + std::string(unit_name));
    }
    if (static_cast<int>(i) >= scale_digits && c != '0') {
      return InvalidArgument(quoted() + ": an amount in " + std::string(unit_name) +
                             " has at most " + std::to_string(scale_digits) + " decimal places");
    }
  }
  for (int i = 0; i < scale_digits; ++i) {
    add_digit(static_cast<size_t>(i) < frac_part.size() ? frac_part[i] : '0');
    if (value > kNegativeLimit) return InvalidArgument(quoted() + " is too large an amount");
  }
  if (value > (negative ? kNegativeLimit : kPositiveLimit)) {
    return InvalidArgument(quoted() + " is too large an amount");
  }
  auto magnitude = static_cast<uint64_t>(value);
  // Two's complement negation of the magnitude; exact for 2^63 too.
  return negative ? static_cast<int64_t>(~magnitude + 1) : static_cast<int64_t>(magnitude);
}

uint64_t Magnitude(int64_t v) {
  return v < 0 ? ~static_cast<uint64_t>(v) + 1 : static_cast<uint64_t>(v);
}

Uint128 Pow10(int n) {
  Uint128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

std::string DigitsOf(Uint128 v) {
  if (v == 0) return "0";
  std::string s;
  while (v > 0) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return s;
}

}  // namespace

Result<int64_t> ParseYuanToFen(std::string_view text) { return ParseScaled(text, 2, "元", {"元"}); }

Result<int64_t> ParseWanYuanToFen(std::string_view text) {
  return ParseScaled(text, 6, "万元", {"万元", "万"});
}

std::string FormatFen(int64_t fen, MoneyUnit unit, int decimals) {
  assert(decimals >= 0 && decimals <= 12);
  decimals = std::clamp(decimals, 0, 12);  // keeps release builds in 128-bit range
  int unit_digits = 2;                     // fen per unit = 10^unit_digits
  if (unit == MoneyUnit::kWanYuan) unit_digits = 6;
  if (unit == MoneyUnit::kYiYuan) unit_digits = 10;
  // scaled = |fen| * 10^decimals / 10^unit_digits, rounded half away from zero. |fen| < 2^63
  // and 10^12 < 2^40, so the product fits in 128 bits.
  Uint128 numerator = Uint128{Magnitude(fen)} * Pow10(decimals);
  Uint128 divisor = Pow10(unit_digits);
  Uint128 scaled = (numerator + divisor / 2) / divisor;

  std::string digits = DigitsOf(scaled);
  if (digits.size() <= static_cast<size_t>(decimals)) {
    digits.insert(0, static_cast<size_t>(decimals) + 1 - digits.size(), '0');
  }
  std::string int_digits = digits.substr(0, digits.size() - static_cast<size_t>(decimals));
  std::string out;
  if (fen < 0 && scaled != 0) out += '-';
  for (size_t i = 0; i < int_digits.size(); ++i) {
    if (i > 0 && (int_digits.size() - i) % 3 == 0) out += ',';
    out += int_digits[i];
  }
  if (decimals > 0) {
    out += '.';
    out += digits.substr(int_digits.size());
  }
  return out;
}

std::string FenToYuanText(int64_t fen) {
  uint64_t m = Magnitude(fen);
  std::string out = fen < 0 ? "-" : "";
  out += std::to_string(m / 100);
  uint64_t cents = m % 100;
  if (cents != 0) {
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    out += static_cast<char>('0' + cents % 10);
  }
  return out;
}

}  // namespace xiezuo
