// Helpers shared by the analytics tests. For tests only.
#pragma once

#include <string>

#include "model/region.h"

namespace xiezuo::analytics::testing {

// A region of the national code scheme: its level and parent follow from its code; the name
// defaults to the code. REQUIRES: model::LevelOfCode(code) has a value.
inline model::Region MakeRegion(const std::string& code, const std::string& name = "") {
  return {code, name.empty() ? code : name, *model::LevelOfCode(code), model::ParentCode(code), 0};
}

}  // namespace xiezuo::analytics::testing
