// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters whose
// last one is a check character over the first 17.
#pragma once

#include <string_view>

#include "core/status.h"

namespace xiezuo::model {

// OK when `code` is 18 characters from the GB 32100 alphabet (digits and upper-case letters
// without I, O, S, V, Z), characters 3–8 are digits (the region code), and the 18th is the
// right check character. Errors: kInvalidArgument whose message says which rule failed,
// e.g. "check character is 'X', expected 'Y'".
Status ValidateCreditCode(std::string_view code);

// The check character for the first 17 characters of `code`, or '\0' if one of them is not
// in the alphabet. REQUIRES: code.size() >= 17.
char CreditCodeCheckChar(std::string_view code);

}  // namespace xiezuo::model
