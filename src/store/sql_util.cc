// Helpers shared by the SQL written over the seam.
#include "store/sql_util.h"

namespace xiezuo::store {

std::string ContainsPattern(const std::string& s) {
  std::string out = "%";
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

}  // namespace xiezuo::store
