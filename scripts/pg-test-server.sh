#!/usr/bin/env bash
# Starts and stops a throwaway PostgreSQL server for the test suite, so `make test` can run
# the PostgreSQL tests without a system-wide database.
#
#   pg-test-server.sh start DIR   # DIR: a fresh folder (e.g. from mktemp -d); prints the URL
#   pg-test-server.sh stop DIR    # stops the server and removes DIR
#
# `start` prints exactly one line on stdout, postgresql://postgres@127.0.0.1:PORT/xiezuo_test,
# and also writes it to DIR/url. The server listens on 127.0.0.1 only, trusts local
# connections and runs without fsync: it is for tests, never for data anyone keeps.
# Run as root (the server runs as the `postgres` system user through runuser) or as a
# non-root user who owns DIR. Any failure prints one line on stderr and exits non-zero.
set -euo pipefail

readonly kMarker=".xiezuo-pg-test"
readonly kDatabase="xiezuo_test"

die() {
  echo "pg-test-server: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}

# Runs a command as the server's user: `postgres` when we are root, ourselves otherwise.
as_pg() {
  if [[ ${EUID} -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

find_bindir() {
  local dir=""
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
  fi
  if [[ -z "${dir}" || ! -x "${dir}/initdb" ]]; then
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  fi
  [[ -n "${dir}" && -x "${dir}/initdb" && -x "${dir}/pg_ctl" ]] ||
    die "no PostgreSQL server binaries found (install postgresql; looked in pg_config --bindir and /usr/lib/postgresql/*/bin)"
  echo "${dir}"
}

# Prints a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  local port
  if command -v python3 >/dev/null 2>&1 &&
    port="$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' 2>/dev/null)" && [[ -n "${port}" ]]; then
    echo "${port}"
    return 0
  fi
  local i
  for i in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    # A refused connection means the port is free.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
      echo "${port}"
      return 0
    fi
  done
  return 1
}

show_log() {
  local log="$1"
  if [[ -f "${log}" ]]; then
    echo "pg-test-server: last lines of ${log}:" >&2
    tail -n 20 "${log}" >&2 || true
  fi
}

cmd_start() {
  local dir="$1"
  local bindir
  bindir="$(find_bindir)"

  mkdir -p "${dir}" || die "cannot create ${dir}"
  dir="$(cd "${dir}" && pwd)"
  [[ ! -e "${dir}/data" ]] || die "${dir} already holds a server; use a fresh folder"
  # The socket path must fit in sun_path (107 bytes) with the socket file name.
  [[ ${#dir} -le 80 ]] || die "folder path too long for a Unix socket: ${dir}"
  touch "${dir}/${kMarker}"

  if [[ ${EUID} -eq 0 ]]; then
    id -u postgres >/dev/null 2>&1 ||
      die "system user 'postgres' is missing (install the postgresql package or: useradd --system postgres)"
    chown -R postgres: "${dir}" || die "cannot give ${dir} to the postgres user"
    chmod 700 "${dir}"
    as_pg test -w "${dir}" ||
      die "the postgres user cannot write ${dir}; pick a folder under /tmp"
  fi

  local locale_args=(--no-locale)
  if locale -a 2>/dev/null | grep -qix 'c.utf-\?8'; then
    locale_args=(--locale=C.UTF-8)
  fi
  if ! as_pg "${bindir}/initdb" -D "${dir}/data" -A trust -U postgres -E UTF8 \
    "${locale_args[@]}" >"${dir}/initdb.log" 2>&1; then
    show_log "${dir}/initdb.log"
    die "initdb failed in ${dir}/data"
  fi

  local port="" attempt started=0
  for attempt in 1 2 3; do
    port="$(free_port)" || die "no free TCP port found on 127.0.0.1"
    if as_pg "${bindir}/pg_ctl" -w -t 60 -D "${dir}/data" -l "${dir}/pg.log" \
      -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
      started=1
      break
    fi
    # Another process may have taken the port between the probe and the start; retry.
    grep -q "could not bind\|Address already in use" "${dir}/pg.log" 2>/dev/null || break
    echo "pg-test-server: port ${port} was taken, retrying (${attempt})" >&2
  done
  if [[ ${started} -ne 1 ]]; then
    show_log "${dir}/pg.log"
    die "the server did not start (log: ${dir}/pg.log)"
  fi

  if ! as_pg "${bindir}/createdb" -h 127.0.0.1 -p "${port}" -U postgres "${kDatabase}" \
    >>"${dir}/pg.log" 2>&1; then
    show_log "${dir}/pg.log"
    as_pg "${bindir}/pg_ctl" -D "${dir}/data" -m immediate stop >/dev/null 2>&1 || true
    die "could not create database ${kDatabase} on port ${port}"
  fi

  local url="postgresql://postgres@127.0.0.1:${port}/${kDatabase}"
  echo "${url}" >"${dir}/url"
  echo "${url}"
}

cmd_stop() {
  local dir="$1"
  [[ -d "${dir}" ]] || die "no such folder: ${dir}"
  dir="$(cd "${dir}" && pwd)"
  # Only remove folders this script set up, so a wrong argument cannot delete real data.
  [[ -e "${dir}/${kMarker}" ]] || die "${dir} was not made by pg-test-server.sh start; not touching it"
  if [[ -f "${dir}/data/postmaster.pid" ]]; then
    local bindir
    bindir="$(find_bindir)"
    if ! as_pg "${bindir}/pg_ctl" -D "${dir}/data" -m fast -w -t 60 stop >/dev/null 2>&1; then
      # The server may already be gone (stale pid file); only fail if it still runs.
      if as_pg "${bindir}/pg_ctl" -D "${dir}/data" status >/dev/null 2>&1; then
        show_log "${dir}/pg.log"
        die "could not stop the server in ${dir}/data"
      fi
    fi
  fi
  rm -rf -- "${dir}" || die "cannot remove ${dir}"
}

[[ $# -eq 2 && -n "$2" ]] || usage
case "$1" in
  start) cmd_start "$2" ;;
  stop) cmd_stop "$2" ;;
  *) usage ;;
esac
