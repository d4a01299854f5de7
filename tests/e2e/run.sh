#!/usr/bin/env bash
# Runs one browser test file against the fixture server: run.sh STATE_DIR FILE.test.mjs
set -euo pipefail
state=$1 file=$2
[[ -f $state/env ]] || { echo "e2e: the fixture server is not running ($state/env missing)" >&2; exit 1; }
set -a; source "$state/env"; set +a
export XIEZUO_E2E_ARTIFACTS=${XIEZUO_E2E_ARTIFACTS:-$state/artifacts}
exec node --test --test-reporter=spec "$file"
