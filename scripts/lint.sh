#!/usr/bin/env bash
# Checks the C++ sources: `lint.sh format` (clang-format, no changes allowed) or
# `lint.sh tidy BUILD_DIR` (clang-tidy with the build's compile_commands.json, 2 jobs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mapfile -t sources < <(git ls-files 'src/*.cc' 'src/*.h' 'bench/*.cc' 'tests/*.cc' 2>/dev/null ||
  find src bench tests -name '*.cc' -o -name '*.h')
case ${1:-} in
  format)
    clang-format --dry-run --Werror "${sources[@]}"
    echo "lint: clang-format: ${#sources[@]} files formatted"
    ;;
  tidy)
    build=${2:?usage: lint.sh tidy BUILD_DIR}
    mapfile -t units < <(printf '%s\n' "${sources[@]}" | grep -E '^src/.*\.cc$' | grep -v '_test\.cc$')
    printf '%s\n' "${units[@]}" |
      xargs -P 2 -n 4 clang-tidy --quiet -p "$build" --extra-arg=-Wno-unknown-warning-option
    echo "lint: clang-tidy: ${#units[@]} files clean"
    ;;
  *) echo "usage: lint.sh format | tidy BUILD_DIR" >&2; exit 2 ;;
esac
