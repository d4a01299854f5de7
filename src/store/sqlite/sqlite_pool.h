// SQLite backend of the SQL seam: WAL, foreign keys on, a busy timeout, one writer
// connection and a pool of readers.
#pragma once

#include <memory>
#include <string>

#include "store/db.h"

namespace xiezuo::store {

// Opens `path` (created if missing, with its parent folder) or ":memory:" (one shared
// connection, since an in-memory database has no readers of its own).
// Errors: kUnavailable with the reason when the file cannot be opened.
Result<std::unique_ptr<Pool>> OpenSqlitePool(const std::string& path, int readers);

// Copies the live database at `from_path` into `to_path` with SQLite's online backup API.
// Errors: kUnavailable when either file cannot be opened, kInternal if the copy fails.
Status BackupSqlite(const std::string& from_path, const std::string& to_path);

}  // namespace xiezuo::store
