// Versioned schema migrations, one list per dialect, embedded from migrations/*.sql at build
// time, applied in order at start; each is recorded in schema_migrations.
#pragma once

#include <string>
#include <vector>

#include "store/db.h"

namespace xiezuo::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

extern const std::vector<Migration> kSqliteMigrations;
extern const std::vector<Migration> kPostgresMigrations;

// Applies every migration the database lacks, each in its own transaction.
// Returns the schema version reached. Errors: kFailedPrecondition if the database has a
// version this build does not know (it was written by a newer xiezuo); other codes from the
// backend, with the failing migration's name in the message.
Result<int> Migrate(Pool& pool);

}  // namespace xiezuo::store
