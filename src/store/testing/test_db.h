// Test helpers: the database URLs a parameterised store suite runs against, and small
// fixtures. For tests only.
#pragma once

#include <string>
#include <vector>

#include "model/region.h"

namespace xiezuo::store::testing {

// "sqlite-memory", "sqlite-file", "postgres".
std::vector<std::string> BackendNames();

// A fresh, empty database for `backend`: a new temp file for sqlite-file, a new schema-less
// database on the server named by XIEZUO_TEST_PG for postgres. Returns "" and sets `error`
// when PostgreSQL is not configured (the caller must fail, never skip).
std::string FreshDatabaseUrl(const std::string& backend, std::string* error);

// A small region tree: 陕西省 > 商洛市 > 丹凤县 > two towns > a village; 江苏省 > 南京市 >
// 雨花台区 > one town.
std::vector<model::Region> SampleRegions();

}  // namespace xiezuo::store::testing
