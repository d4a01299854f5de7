// Validation and text parsing for cooperation records; the kinds themselves are in
// record_kinds.cc.
#include "model/record.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cstdio>

#include "core/money.h"
#include "core/text.h"
#include "model/credit_code.h"
#include "model/region.h"

namespace xiezuo::model {
namespace {

constexpr int64_t kMaxCount = 1'000'000'000;               // persons, batches, jobs…
constexpr int64_t kMaxMoneyFen = 100'000'000'000'000'000;  // 1 万亿亿 fen: overflow guard
constexpr int64_t kMinYear = 2000;
constexpr int64_t kMaxYear = 2100;

bool IsNull(const FieldValue& v) { return std::holds_alternative<std::monostate>(v); }

std::string_view Trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  // Full-width spaces (U+3000) that Chinese input methods leave behind.
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  while (s.starts_with(kIdeographicSpace)) s.remove_prefix(kIdeographicSpace.size());
  while (s.ends_with(kIdeographicSpace)) s.remove_suffix(kIdeographicSpace.size());
  return s;
}

std::optional<int64_t> ParseInt(std::string_view s) {
  s = Trim(s);
  if (s.starts_with('+')) s.remove_prefix(1);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) {
    // Excel writes whole numbers as "12" but some tools write "12.0".
    if (s.ends_with(".0")) return ParseInt(s.substr(0, s.size() - 2));
    return std::nullopt;
  }
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays.at(m - 1);
}

std::string IsoDate(int y, int m, int d) {
  char buf[48];  // room for any three ints, so the compiler sees no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// "2021-3-5", "2021/03/05", "2021.3.5", "2021年3月5日" → "2021-03-05".
std::optional<std::string> ParseLooseDate(std::string_view s) {
  std::array<int, 3> parts{};
  size_t part = 0;
  size_t digits = 0;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (part >= 3 || ++digits > (part == 0 ? 4 : 2)) return std::nullopt;
      parts.at(part) = parts.at(part) * 10 + (c - '0');
      ++i;
      continue;
    }
    if (digits == 0) return std::nullopt;
    size_t sep = 0;
    if (c == '-' || c == '/' || c == '.') {
      sep = 1;
    } else if (s.substr(i).starts_with("年") || s.substr(i).starts_with("月") ||
               s.substr(i).starts_with("日")) {
      sep = 3;  // each is 3 bytes in UTF-8
    } else {
      return std::nullopt;
    }
    i += sep;
    ++part;
    digits = 0;
    if (part == 3 && i < s.size()) return std::nullopt;  // only 日 may end it
  }
  if (part < 2 || (part == 2 && digits == 0)) return std::nullopt;
  int y = parts[0];
  int m = parts[1];
  int d = parts[2];
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return IsoDate(y, m, d);
}

// "40", "40.5", "40.25%" → hundredths of a percent.
std::optional<int64_t> ParsePercent(std::string_view s) {
  s = Trim(s);
  if (s.ends_with('%')) s.remove_suffix(1);
  if (s.ends_with("％")) s.remove_suffix(std::string_view("％").size());
  s = Trim(s);
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (whole.empty() || frac.size() > 2 || (dot != std::string_view::npos && frac.empty())) {
    return std::nullopt;
  }
  auto w = ParseInt(whole);
  if (!w || *w < 0 || whole.starts_with('+') || whole.starts_with('-')) return std::nullopt;
  int64_t f = 0;
  for (size_t i = 0; i < 2; ++i) {
    char c = i < frac.size() ? frac[i] : '0';
    if (c < '0' || c > '9') return std::nullopt;
    f = f * 10 + (c - '0');
  }
  if (*w > kMaxCount) return std::nullopt;
  return *w * 100 + f;
}

void CheckValue(const FieldDef& f, const FieldValue& v, std::vector<FieldIssue>& out) {
  if (IsNull(v)) {
    if (f.required && !f.derived) out.push_back({f.key, "required", ""});
    return;
  }
  auto issue = [&](std::string rule, std::string arg = "") {
    out.push_back({f.key, std::move(rule), std::move(arg)});
  };
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kTextArea:
    case FieldType::kCreditCode:
    case FieldType::kDate:
    case FieldType::kEnum:
    case FieldType::kRegion:
    case FieldType::kRegionList: {
      const auto* s = std::get_if<std::string>(&v);
      if (s == nullptr) return issue("not_text");
      if (s->empty()) {
        if (f.required) issue("required");
        return;
      }
      if (!IsValidUtf8(*s)) return issue("not_text");
      if (f.max_len > 0 && Utf8Length(*s) > static_cast<size_t>(f.max_len)) {
        return issue("too_long", std::to_string(f.max_len));
      }
      if (f.type == FieldType::kCreditCode && !ValidateCreditCode(*s).ok()) {
        return issue("bad_credit_code");
      }
      if (f.type == FieldType::kDate && !IsIsoDate(*s)) return issue("bad_date");
      if (f.type == FieldType::kEnum) {
        const auto& opts = EnumOptions(f.options);
        if (std::find(opts.begin(), opts.end(), *s) == opts.end()) {
          return issue("unknown_option", f.options);
        }
      }
      if (f.type == FieldType::kRegion && !LevelOfCode(*s)) return issue("bad_region_code", *s);
      if (f.type == FieldType::kRegionList) {
        size_t start = 0;
        while (start <= s->size()) {
          size_t comma = s->find(',', start);
          if (comma == std::string::npos) comma = s->size();
          std::string code = s->substr(start, comma - start);
          if (!LevelOfCode(code)) return issue("bad_region_code", code);
          start = comma + 1;
        }
      }
      return;
    }
    case FieldType::kInt:
    case FieldType::kYear:
    case FieldType::kMoney:
    case FieldType::kPercent:
    case FieldType::kBool:
    case FieldType::kInstitution:
    case FieldType::kRef: {
      const auto* n = std::get_if<int64_t>(&v);
      if (n == nullptr) return issue("not_a_number");
      if (*n < 0) return issue("negative");
      if (f.type == FieldType::kInt && *n > kMaxCount) {
        return issue("out_of_range", std::to_string(kMaxCount));
      }
      if (f.type == FieldType::kMoney && *n > kMaxMoneyFen) return issue("out_of_range", "");
      if (f.type == FieldType::kYear && (*n < kMinYear || *n > kMaxYear)) {
        return issue("out_of_range", std::to_string(kMinYear) + "-" + std::to_string(kMaxYear));
      }
      if (f.type == FieldType::kPercent && *n > 10000) return issue("out_of_range", "100");
      if (f.type == FieldType::kBool && *n > 1) return issue("out_of_range", "1");
      if ((f.type == FieldType::kInstitution || f.type == FieldType::kRef) && *n == 0) {
        return issue("required");
      }
      return;
    }
  }
}

bool HasIssue(const std::vector<FieldIssue>& issues, const std::string& field) {
  return std::any_of(issues.begin(), issues.end(),
                     [&](const FieldIssue& i) { return i.field == field; });
}

}  // namespace

int RecordKind::FieldIndex(std::string_view field_key) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].key == field_key) return static_cast<int>(i);
  }
  return -1;
}

const FieldDef* RecordKind::Field(std::string_view field_key) const {
  int i = FieldIndex(field_key);
  return i < 0 ? nullptr : &fields[static_cast<size_t>(i)];
}

const FieldDef& RecordKind::region_field() const {
  const FieldDef* f = Field("region_code");
  assert(f != nullptr);
  return *f;
}

const FieldValue& Record::Get(const RecordKind& kind, std::string_view field) const {
  int i = kind.FieldIndex(field);
  assert(i >= 0);
  return values_.at(static_cast<size_t>(i));
}

void Record::Set(const RecordKind& kind, std::string_view field, FieldValue v) {
  int i = kind.FieldIndex(field);
  assert(i >= 0);
  values_.at(static_cast<size_t>(i)) = std::move(v);
}

int64_t Record::Int(const RecordKind& kind, std::string_view field, int64_t fallback) const {
  const auto* n = std::get_if<int64_t>(&Get(kind, field));
  return n == nullptr ? fallback : *n;
}

std::string Record::Text(const RecordKind& kind, std::string_view field) const {
  const auto* s = std::get_if<std::string>(&Get(kind, field));
  return s == nullptr ? std::string() : *s;
}

std::vector<const RecordKind*> ChildKinds(std::string_view key) {
  std::vector<const RecordKind*> out;
  for (const RecordKind& k : RecordKinds()) {
    if (k.parent == key) out.push_back(&k);
  }
  return out;
}

const RecordKind* FindKind(std::string_view key) {
  for (const RecordKind& k : RecordKinds()) {
    if (k.key == key) return &k;
  }
  return nullptr;
}

void ApplyDefaults(const RecordKind& kind, Record& record) {
  record.values().resize(kind.fields.size());
  for (size_t i = 0; i < kind.fields.size(); ++i) {
    const FieldDef& f = kind.fields[i];
    FieldValue& v = record.values()[i];
    if (!IsNull(v)) continue;
    if (f.fallback) v = *f.fallback;
    if (!f.fallback_text.empty()) v = f.fallback_text;
  }
}

std::vector<FieldIssue> ValidateRecord(const RecordKind& kind, Record& record) {
  std::vector<FieldIssue> issues;
  record.values().resize(kind.fields.size());
  for (size_t i = 0; i < kind.fields.size(); ++i) {
    CheckValue(kind.fields[i], record.values()[i], issues);
  }
  for (const PairRule& rule : kind.rules) {
    if (HasIssue(issues, rule.field) || HasIssue(issues, rule.other)) continue;
    const FieldValue& a = record.Get(kind, rule.field);
    const FieldValue& b = record.Get(kind, rule.other);
    if (IsNull(a) || IsNull(b)) continue;
    if (rule.kind == PairRule::Kind::kNotBefore) {
      if (std::get<std::string>(a) < std::get<std::string>(b)) {
        issues.push_back({rule.field, "before", rule.other});
      }
    } else if (std::get<int64_t>(a) > std::get<int64_t>(b)) {
      issues.push_back({rule.field, "exceeds", rule.other});
    }
  }
  if (kind.check && issues.empty()) kind.check(kind, record, issues);
  return issues;
}

std::vector<FieldIssue> ValidateUpdate(const RecordKind& kind, const Record& before,
                                       Record& after) {
  std::vector<FieldIssue> issues = ValidateRecord(kind, after);
  if (issues.empty() && kind.check_update) kind.check_update(kind, before, after, issues);
  return issues;
}

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  auto num = [&](size_t pos, size_t len) -> int {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  int y = num(0, 4);
  int m = num(5, 2);
  int d = num(8, 2);
  return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

std::optional<std::string> ExcelSerialToIsoDate(int64_t serial) {
  // Serial 1 is 1900-01-01; Excel counts a 1900-02-29 that never was (serial 60), so from
  // serial 61 on the day is serial - 1 days after 1899-12-31. Serial 2958465 is 9999-12-31.
  if (serial < 1 || serial == 60 || serial > 2958465) return std::nullopt;
  int64_t days = serial < 60 ? serial : serial - 1;  // days since 1899-12-31
  // Civil-from-days (Howard Hinnant's algorithm), counting from 1970-01-01.
  int64_t z = days - 25568 + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  return IsoDate(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
}

std::variant<FieldValue, FieldIssue> ParseFieldText(const FieldDef& f, std::string_view raw,
                                                    const EnumLabelLookup& enum_labels) {
  std::string_view s = Trim(raw);
  if (s.empty()) return FieldValue{};
  auto issue = [&](std::string rule, std::string arg = "") {
    return FieldIssue{f.key, std::move(rule), std::move(arg)};
  };
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kTextArea:
      return FieldValue{std::string(s)};
    case FieldType::kCreditCode: {
      std::string upper(s);
      std::transform(upper.begin(), upper.end(), upper.begin(),
                     [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
      return FieldValue{upper};
    }
    case FieldType::kRegion:
      return FieldValue{std::string(s)};
    case FieldType::kRegionList: {
      std::string out;
      std::string cur;
      auto flush = [&] {
        if (cur.empty()) return;
        if (!out.empty()) out += ',';
        out += cur;
        cur.clear();
      };
      for (size_t i = 0; i < s.size();) {
        if (s[i] == ',' || s[i] == ';' || s[i] == ' ') {
          flush();
          ++i;
        } else if (s.substr(i).starts_with("、") || s.substr(i).starts_with("，") ||
                   s.substr(i).starts_with("；")) {
          flush();
          i += 3;
        } else {
          cur += s[i++];
        }
      }
      flush();
      return FieldValue{out};
    }
    case FieldType::kDate: {
      if (IsIsoDate(s)) return FieldValue{std::string(s)};
      if (auto d = ParseLooseDate(s)) return FieldValue{*d};
      if (auto serial = ParseInt(s)) {
        if (auto d = ExcelSerialToIsoDate(*serial)) return FieldValue{*d};
      }
      return issue("bad_date");
    }
    case FieldType::kEnum: {
      const auto& opts = EnumOptions(f.options);
      if (std::find(opts.begin(), opts.end(), s) != opts.end()) return FieldValue{std::string(s)};
      if (enum_labels) {
        if (auto v = enum_labels(f, s)) return FieldValue{*v};
      }
      return issue("unknown_option", f.options);
    }
    case FieldType::kBool: {
      static constexpr std::array<std::string_view, 6> kYes = {"是", "1", "true", "TRUE", "y", "Y"};
      static constexpr std::array<std::string_view, 6> kNo = {"否",    "0", "false",
                                                              "FALSE", "n", "N"};
      if (std::find(kYes.begin(), kYes.end(), s) != kYes.end()) return FieldValue{int64_t{1}};
      if (std::find(kNo.begin(), kNo.end(), s) != kNo.end()) return FieldValue{int64_t{0}};
      return issue("not_bool");
    }
    case FieldType::kMoney: {
      auto fen = ParseYuanToFen(s);
      if (!fen.ok()) return issue("not_money");
      return FieldValue{*fen};
    }
    case FieldType::kPercent: {
      if (s.starts_with('-')) return issue("negative");
      auto p = ParsePercent(s);
      if (!p) return issue("not_a_number");
      return FieldValue{*p};
    }
    case FieldType::kInt:
    case FieldType::kYear:
    case FieldType::kInstitution:
    case FieldType::kRef: {
      std::string plain;
      for (char c : s) {
        if (c != ',') plain += c;  // thousands separators
      }
      auto n = ParseInt(plain);
      if (!n) return issue("not_a_number");
      return FieldValue{*n};
    }
  }
  return issue("not_text");
}

std::string FieldText(const FieldDef& f, const FieldValue& v) {
  if (IsNull(v)) return "";
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  int64_t n = std::get<int64_t>(v);
  switch (f.type) {
    case FieldType::kMoney:
      return FenToYuanText(n);
    case FieldType::kPercent: {
      std::string out = std::to_string(n / 100);
      int64_t frac = n % 100;
      if (frac != 0) {
        out += '.';
        out += static_cast<char>('0' + frac / 10);
        if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
      }
      return out;
    }
    default:
      return std::to_string(n);
  }
}

std::string IssueText(const FieldIssue& i) {
  const std::string& r = i.rule;
  if (r == "required") return "is required";
  if (r == "too_long") return "is longer than " + i.arg + " characters";
  if (r == "not_a_number") return "is not a whole number";
  if (r == "not_money") return "is not an amount in yuan with at most 2 decimals";
  if (r == "not_bool") return "must be yes or no";
  if (r == "not_text") return "is not text";
  if (r == "negative") return "must not be negative";
  if (r == "out_of_range") return i.arg.empty() ? "is too large" : "must be within " + i.arg;
  if (r == "bad_date") return "is not a date (YYYY-MM-DD)";
  if (r == "unknown_option") return "is not one of the allowed values";
  if (r == "bad_region_code") return "is not a region code";
  if (r == "unknown_region") return "names no known region";
  if (r == "bad_credit_code") return "is not a valid unified social credit code (GB 32100)";
  if (r == "before") return "must not be before " + i.arg;
  if (r == "exceeds") return "must not exceed " + i.arg;
  if (r == "must_be_one") return "must be 1 when " + i.arg + " is given";
  if (r == "bad_transition") return "cannot go back from " + i.arg;
  if (r == "duplicate") return "is already used by another record";
  if (r == "not_found") return "refers to a record that does not exist";
  if (r == "outside_scope") return "lies outside your data scope";
  if (r == "not_a_party") return "must be one of the pairing's parties";
  if (r == "unknown_column") return "is not a column of this list";
  return r;
}

}  // namespace xiezuo::model
