// PostgreSQL backend of the SQL seam: libpq connections in a pool.
#pragma once

#include <memory>
#include <string>

#include "store/db.h"

namespace xiezuo::store {

// Opens `size` connections to `url` (a libpq URI). Errors: kUnavailable with libpq's reason
// (password removed) when the server cannot be reached.
Result<std::unique_ptr<Pool>> OpenPostgresPool(const std::string& url, int size);

// Rewrites `?` placeholders to $1, $2, … outside quoted literals and identifiers.
std::string RewritePlaceholders(std::string_view sql);

}  // namespace xiezuo::store
