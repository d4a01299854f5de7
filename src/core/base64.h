// Base64 (RFC 4648, with padding) for binary data kept in text columns, such as attached files.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace xiezuo {

std::string Base64Encode(std::string_view bytes);
// Errors: kInvalidArgument for a character outside the alphabet or a bad length.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace xiezuo
