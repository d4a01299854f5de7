// Validation rules (校验规则) over indicators: a left side, an operator and a right side, each
// side a sum of indicator totals or breakdown options, e.g. "placement_persons =
// placement_persons.*" (the total equals the sum of its destination classes). They run when a
// data set is submitted and on demand over the figures of any regions and period.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace xiezuo::model {

// One term: +/- an indicator's total (option "") or one option of its breakdown.
struct RuleTerm {
  int sign = 1;
  std::string indicator;
  std::string option;
  // "placement_persons" or "placement_persons.paired_east": the data-set field key.
  std::string Key() const { return option.empty() ? indicator : indicator + "." + option; }
};

enum class RuleOperator { kEqual, kLessOrEqual, kLess, kGreaterOrEqual, kGreater };
const char* RuleOperatorText(RuleOperator op);  // "=", "<=", "<", ">=", ">"

struct ValidationRule {
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::string expression;  // as written, e.g. "placement_poverty_persons <= placement_persons"
  std::vector<RuleTerm> left;
  RuleOperator op = RuleOperator::kEqual;
  std::vector<RuleTerm> right;
};

// Parses "a + b.option - c <op> d + e.*": indicator codes of the catalogue, ".option" for one
// breakdown option, ".*" for every option of the indicator's breakdown.
// Errors: kInvalidArgument naming the part that is wrong (an unknown indicator or option, a
// ratio, no operator, an empty side).
Result<ValidationRule> ParseRule(std::string code, std::string name_zh, std::string name_en,
                                 std::string_view expression);

// The shipped rules. Thread-safe (immutable).
const std::vector<ValidationRule>& ValidationRules();

struct RuleOutcome {
  int64_t left = 0;
  int64_t right = 0;
  bool holds = true;
};

// Evaluates a rule with `value` giving each term's figure (nullopt: no data). A side whose
// terms all lack data makes the rule not applicable (nullopt); otherwise missing terms count
// as zero.
std::optional<RuleOutcome> EvaluateRule(
    const ValidationRule& rule,
    const std::function<std::optional<int64_t>(const RuleTerm&)>& value);

}  // namespace xiezuo::model
