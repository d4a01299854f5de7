// Small helpers shared by the SQL written over the seam (sql_store.cc, record_sql.cc):
// value constructors, a WHERE builder that keeps SQL and parameters together, LIKE patterns.
#pragma once

#include <string>
#include <vector>

#include "store/db.h"
#include "store/store.h"

namespace xiezuo::store {

inline Value Text(std::string s) { return Value(std::move(s)); }
inline Value Int(int64_t n) { return Value(n); }

// Builds a WHERE clause and its parameters together, so they cannot drift apart.
class Where {
 public:
  void Add(const std::string& condition, std::vector<Value> params = {}) {
    sql_ += sql_.empty() ? "WHERE " : " AND ";
    sql_ += condition;
    for (auto& p : params) params_.push_back(std::move(p));
  }
  const std::string& sql() const { return sql_; }
  std::vector<Value> Params() const { return params_; }
  std::vector<Value> ParamsWithPage(const PageRequest& page) const {
    std::vector<Value> p = params_;
    p.push_back(Int(page.page_size));
    p.push_back(Int(page.Offset()));
    return p;
  }

 private:
  std::string sql_;
  std::vector<Value> params_;
};

// A LIKE pattern (with ESCAPE '\\') that matches any text containing `s` literally.
std::string ContainsPattern(const std::string& s);

}  // namespace xiezuo::store
