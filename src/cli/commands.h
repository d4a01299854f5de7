// The operator's commands: serve, init, regions import, user add|passwd|list|disable,
// records kinds|template|export|import, backup, version. Settings come from flags, a config file
// (--config) and XIEZUO_* environment variables, in that order of precedence.
#pragma once

#include <string>

namespace xiezuo::cli {

// Parses argv, runs the command and returns the process exit code.
int Run(int argc, char** argv);

}  // namespace xiezuo::cli
