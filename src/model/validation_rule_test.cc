// Validation rules: parsing (with errors that name the problem) and evaluation.
#include "model/validation_rule.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

namespace xiezuo::model {
namespace {

using ::testing::HasSubstr;

TEST(ValidationRuleTest, ShippedRulesParse) {
  EXPECT_EQ(ValidationRules().size(), 8U);
  const ValidationRule& first = ValidationRules().front();
  EXPECT_EQ(first.code, "placement_by_destination");
  ASSERT_EQ(first.left.size(), 1U);
  EXPECT_EQ(first.right.size(), 4U);  // .* expands to the four destination classes
  EXPECT_EQ(first.right[0].Key(), "placement_persons.paired_east");
}

TEST(ValidationRuleTest, ParsesSignsOptionsAndOperators) {
  Result<ValidationRule> r =
      ParseRule("r", "甲", "A", " fund_allocation - fund_allocation.social >= fund_expenditure ");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->op, RuleOperator::kGreaterOrEqual);
  ASSERT_EQ(r->left.size(), 2U);
  EXPECT_EQ(r->left[1].sign, -1);
  EXPECT_EQ(r->left[1].option, "social");
  EXPECT_EQ(r->expression, "fund_allocation - fund_allocation.social >= fund_expenditure");
  EXPECT_EQ(ParseRule("r", "", "", "fairs < fair_posts")->op, RuleOperator::kLess);
  EXPECT_EQ(ParseRule("r", "", "", "fairs == fair_posts")->op, RuleOperator::kEqual);
  EXPECT_EQ(ParseRule("r", "", "", "fairs > fair_posts")->op, RuleOperator::kGreater);
}

TEST(ValidationRuleTest, BadRulesNameWhatIsWrong) {
  std::map<std::string, std::string> cases = {
      {"placement_persons", "no operator"},
      {"nope = fairs", "unknown indicator nope"},
      {"placement_persons.mars = fairs", "no option mars"},
      {"fairs.* = fair_posts", "no breakdown"},
      {"fund_disbursement_rate = fairs", "is a ratio"},
      {" = fairs", "without terms"},
      {"fairs + = fairs", "sign"},
      {"fairs fair_posts = fairs", "without + or -"},
      {"fairs = fairs +", "ends with a sign"},
      {"fairs = (fairs)", "unexpected '('"},
  };
  for (const auto& [expression, why] : cases) {
    Result<ValidationRule> r = ParseRule("r", "", "", expression);
    ASSERT_FALSE(r.ok()) << expression;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(why)) << expression;
  }
}

TEST(ValidationRuleTest, EvaluatesWithMissingTerms) {
  const ValidationRule& rule = ValidationRules().front();  // total = sum of destinations
  std::map<std::string, int64_t> values = {{"placement_persons", 549},
                                           {"placement_persons.paired_east", 284},
                                           {"placement_persons.home_province", 214}};
  auto lookup = [&](const RuleTerm& t) -> std::optional<int64_t> {
    auto it = values.find(t.Key());
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
  std::optional<RuleOutcome> out = EvaluateRule(rule, lookup);
  ASSERT_TRUE(out.has_value());
  EXPECT_FALSE(out->holds);  // 549 against 284 + 214 (the missing classes count as zero)
  EXPECT_EQ(out->right, 498);
  values["placement_persons.other_province"] = 51;
  EXPECT_TRUE(EvaluateRule(rule, lookup)->holds);
  // No destination at all: the rule does not apply.
  values = {{"placement_persons", 549}};
  EXPECT_FALSE(EvaluateRule(rule, lookup).has_value());
  // Operators.
  ValidationRule le = *ParseRule("r", "", "", "fair_hires <= fair_posts");
  values = {{"fair_hires", 5}, {"fair_posts", 4}};
  EXPECT_FALSE(EvaluateRule(le, lookup)->holds);
  values["fair_posts"] = 5;
  EXPECT_TRUE(EvaluateRule(le, lookup)->holds);
}

}  // namespace
}  // namespace xiezuo::model
