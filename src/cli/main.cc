// The xiezuo binary: all work is in the CLI11 commands (commands.cc).
#include "cli/commands.h"

int main(int argc, char** argv) { return xiezuo::cli::Run(argc, argv); }
