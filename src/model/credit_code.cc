// GB 32100-2015 check character: weights 3^i mod 31 over a 31-character alphabet.
#include "model/credit_code.h"

#include <string>

namespace xiezuo::model {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int IndexOf(char c) {
  size_t pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

char CreditCodeCheckChar(std::string_view code) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    int v = IndexOf(code[i]);
    if (v < 0) return '\0';
    sum += v * kWeights[i];
  }
  int check = (31 - sum % 31) % 31;
  return kAlphabet[check];
}

Status ValidateCreditCode(std::string_view code) {
  if (code.size() != 18) {
    return InvalidArgument("a unified social credit code has 18 characters, this one has " +
                           std::to_string(code.size()));
  }
  for (size_t i = 0; i < code.size(); ++i) {
    if (IndexOf(code[i]) < 0) {
      return InvalidArgument("character " + std::to_string(i + 1) + " '" + std::string(1, code[i]) +
                             "' is not allowed in a unified social credit code");
    }
  }
  for (size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      return InvalidArgument("characters 3 to 8 must be the digits of a region code");
    }
  }
  char expected = CreditCodeCheckChar(code);
  if (code[17] != expected) {
    return InvalidArgument(std::string("check character is '") + code[17] + "', expected '" +
                           expected + "': the code is mistyped");
  }
  return Status::Ok();
}

}  // namespace xiezuo::model
