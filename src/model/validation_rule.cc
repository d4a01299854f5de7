// Validation rules: the parser, the shipped rules and their evaluation.
#include "model/validation_rule.h"

#include <algorithm>
#include <cctype>

#include "model/indicator.h"

namespace xiezuo::model {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Status Bad(std::string_view expression, const std::string& why) {
  return InvalidArgument("bad rule \"" + std::string(expression) + "\": " + why,
                         {{"expression", why}});
}

// Parses one side: terms joined by + and -.
Result<std::vector<RuleTerm>> ParseSide(std::string_view side, std::string_view expression) {
  std::vector<RuleTerm> terms;
  size_t i = 0;
  int sign = 1;
  bool expect_term = true;
  while (i < side.size()) {
    char c = side[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == '+' || c == '-') {
      if (!expect_term && !terms.empty()) {
        sign = c == '-' ? -1 : 1;
        expect_term = true;
        ++i;
        continue;
      }
      return Bad(expression, std::string("a sign '") + c + "' where a term was expected");
    }
    if (!expect_term) return Bad(expression, "two terms without + or - between them");
    size_t end = i;
    while (end < side.size() && (std::isalnum(static_cast<unsigned char>(side[end])) ||
                                 side[end] == '_' || side[end] == '.' || side[end] == '*')) {
      ++end;
    }
    if (end == i) return Bad(expression, std::string("unexpected '") + c + "'");
    std::string_view token = side.substr(i, end - i);
    i = end;
    size_t dot = token.find('.');
    std::string code(token.substr(0, dot));
    std::string option(dot == std::string_view::npos ? "" : token.substr(dot + 1));
    const Indicator* indicator = FindIndicator(code);
    if (indicator == nullptr) return Bad(expression, "unknown indicator " + code);
    if (indicator->aggregation == IndicatorAggregation::kRatio) {
      return Bad(expression, code + " is a ratio; rules compare sums and counts");
    }
    const std::vector<std::string>& options = BreakdownOptions(*indicator);
    if (option == "*") {
      if (options.empty()) return Bad(expression, code + " has no breakdown for .*");
      for (const std::string& o : options) terms.push_back({sign, code, o});
    } else {
      if (!option.empty() && std::find(options.begin(), options.end(), option) == options.end()) {
        return Bad(expression, code + " has no option " + option);
      }
      terms.push_back({sign, code, option});
    }
    expect_term = false;
    sign = 1;
  }
  if (terms.empty()) return Bad(expression, "a side without terms");
  if (expect_term) return Bad(expression, "a side ends with a sign");
  return terms;
}

std::vector<ValidationRule> MakeRules() {
  struct Shipped {
    const char* code;
    const char* zh;
    const char* en;
    const char* expression;
  };
  static constexpr Shipped kShipped[] = {
      {"placement_by_destination", "转移就业人数等于各去向之和",
       "Workers placed equal the sum of their destinations",
       "placement_persons = placement_persons.*"},
      {"allocation_by_source", "到位资金等于各级来源之和",
       "Funds allocated equal the sum of their source levels",
       "fund_allocation = fund_allocation.*"},
      {"poverty_placement_within_total", "脱贫人口转移就业不超过转移就业总数",
       "Poverty-alleviated workers placed do not exceed all workers placed",
       "placement_poverty_persons <= placement_persons"},
      {"employed_within_trainees", "培训后就业人数不超过培训人次",
       "Employed after training do not exceed trainees",
       "training_employed <= training_participants"},
      {"spent_within_disbursed", "支出资金不超过拨付资金",
       "Funds spent do not exceed funds disbursed", "fund_expenditure <= fund_disbursement"},
      {"certified_within_sales", "认定产品销售额不超过消费帮扶金额",
       "Certified-product sales do not exceed all consumption sales",
       "consumption_certified_sales <= consumption_sales"},
      {"workshop_poverty_within_jobs", "车间吸纳脱贫人口不超过吸纳就业",
       "Poverty-alleviated workshop workers do not exceed workshop jobs",
       "workshop_poverty_workers <= workshop_jobs"},
      {"hires_within_posts", "招聘会达成就业不超过提供岗位",
       "Hires at fairs do not exceed posts offered", "fair_hires <= fair_posts"},
  };
  std::vector<ValidationRule> rules;
  for (const Shipped& s : kShipped) {
    Result<ValidationRule> rule = ParseRule(s.code, s.zh, s.en, s.expression);
    // The shipped rules are checked by the tests; a broken one is left out rather than crash.
    if (rule.ok()) rules.push_back(std::move(rule).value());
  }
  return rules;
}

}  // namespace

const char* RuleOperatorText(RuleOperator op) {
  switch (op) {
    case RuleOperator::kEqual:
      return "=";
    case RuleOperator::kLessOrEqual:
      return "<=";
    case RuleOperator::kLess:
      return "<";
    case RuleOperator::kGreaterOrEqual:
      return ">=";
    case RuleOperator::kGreater:
      return ">";
  }
  return "=";
}

Result<ValidationRule> ParseRule(std::string code, std::string name_zh, std::string name_en,
                                 std::string_view expression) {
  // The operator: the first of <=, >=, <, >, = (two-character ones first).
  size_t at = std::string_view::npos;
  size_t width = 0;
  RuleOperator op = RuleOperator::kEqual;
  for (size_t i = 0; i < expression.size() && at == std::string_view::npos; ++i) {
    char c = expression[i];
    bool eq_next = i + 1 < expression.size() && expression[i + 1] == '=';
    if (c == '<' || c == '>') {
      at = i;
      width = eq_next ? 2 : 1;
      op = c == '<' ? (eq_next ? RuleOperator::kLessOrEqual : RuleOperator::kLess)
                    : (eq_next ? RuleOperator::kGreaterOrEqual : RuleOperator::kGreater);
    } else if (c == '=') {
      at = i;
      width = eq_next ? 2 : 1;  // "==" reads as "="
      op = RuleOperator::kEqual;
    }
  }
  if (at == std::string_view::npos) return Bad(expression, "no operator (=, <=, <, >=, >)");
  ValidationRule rule;
  rule.code = std::move(code);
  rule.name_zh = std::move(name_zh);
  rule.name_en = std::move(name_en);
  rule.expression = std::string(Trim(expression));
  rule.op = op;
  ASSIGN_OR_RETURN(rule.left, ParseSide(expression.substr(0, at), expression));
  ASSIGN_OR_RETURN(rule.right, ParseSide(expression.substr(at + width), expression));
  return rule;
}

const std::vector<ValidationRule>& ValidationRules() {
  static const std::vector<ValidationRule> kRules = MakeRules();
  return kRules;
}

std::optional<RuleOutcome> EvaluateRule(
    const ValidationRule& rule,
    const std::function<std::optional<int64_t>(const RuleTerm&)>& value) {
  auto sum = [&](const std::vector<RuleTerm>& terms) -> std::optional<int64_t> {
    int64_t total = 0;
    bool any = false;
    for (const RuleTerm& t : terms) {
      std::optional<int64_t> v = value(t);
      if (!v) continue;
      any = true;
      total += t.sign * *v;
    }
    return any ? std::optional<int64_t>(total) : std::nullopt;
  };
  std::optional<int64_t> left = sum(rule.left);
  std::optional<int64_t> right = sum(rule.right);
  if (!left || !right) return std::nullopt;
  RuleOutcome out{*left, *right, true};
  switch (rule.op) {
    case RuleOperator::kEqual:
      out.holds = *left == *right;
      break;
    case RuleOperator::kLessOrEqual:
      out.holds = *left <= *right;
      break;
    case RuleOperator::kLess:
      out.holds = *left < *right;
      break;
    case RuleOperator::kGreaterOrEqual:
      out.holds = *left >= *right;
      break;
    case RuleOperator::kGreater:
      out.holds = *left > *right;
      break;
  }
  return out;
}

}  // namespace xiezuo::model
