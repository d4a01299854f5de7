#!/usr/bin/env bash
# `make test`: builds with ASan+UBSan, starts a throwaway PostgreSQL, runs every ctest test
# (unit, both stores, browser tests), stops PostgreSQL. Fails on any failure or skipped test.
# ctest's summary is the last thing printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/test
cd "$root"

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DXIEZUO_SANITIZE=ON > /dev/null
ninja -C "$build"

pgdir=$(mktemp -d /tmp/xiezuo-pg.XXXXXX)
cleanup() { scripts/pg-test-server.sh stop "$pgdir" > /dev/null 2>&1 || true; }
trap cleanup EXIT
XIEZUO_TEST_PG=$(scripts/pg-test-server.sh start "$pgdir")
export XIEZUO_TEST_PG
echo "test: PostgreSQL at $XIEZUO_TEST_PG"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$build/ctest.log
set +e
(cd "$build" && ctest --output-on-failure --timeout 600 -j2) 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if grep -qE "\(Skipped\)|\(Not Run\)|\(Disabled\)" "$log"; then
  echo "test: some tests were skipped or not run; that counts as a failure" >&2
  exit 1
fi
exit "$status"
