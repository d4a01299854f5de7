#include "model/credit_code.h"

#include <gtest/gtest.h>

namespace xiezuo::model {
namespace {

TEST(CreditCodeTest, AcceptsPublishedCodes) {
  for (const char* code : {"91350100M000100Y43", "91110000600037341L", "91320000134776186E"}) {
    EXPECT_TRUE(ValidateCreditCode(code).ok()) << code;
  }
}

TEST(CreditCodeTest, RejectsWrongCheckCharacterAndSaysSo) {
  Status s = ValidateCreditCode("91350100M000100Y44");
  ASSERT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "check character is '4', expected '3': the code is mistyped");
}

TEST(CreditCodeTest, RejectsBadShapes) {
  EXPECT_NE(ValidateCreditCode("9135010").message().find("18 characters"), std::string::npos);
  // 'I' is not in the GB 32100 alphabet.
  EXPECT_NE(ValidateCreditCode("9I350100M000100Y43").message().find("not allowed"),
            std::string::npos);
  EXPECT_NE(ValidateCreditCode("91A50100M000100Y43").message().find("region code"),
            std::string::npos);
  EXPECT_FALSE(ValidateCreditCode("91350100m000100Y43").ok());
}

TEST(CreditCodeTest, CheckCharacterOfGeneratedCodes) {
  std::string body = "91611022MA70XQ4D8";
  char check = CreditCodeCheckChar(body);
  ASSERT_NE(check, '\0');
  EXPECT_TRUE(ValidateCreditCode(body + check).ok());
}

}  // namespace
}  // namespace xiezuo::model
