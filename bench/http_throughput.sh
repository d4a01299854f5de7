#!/usr/bin/env bash
# HTTP throughput of a running xiezuo server: wrk with 2 threads and 32 connections for 10 s
# against one path, printing requests/s and the latency distribution. Loopback only, so a
# benchmark can never be pointed at someone else's server.
#
# Usage: bench/http_throughput.sh URL PATH [extra wrk args...]
#   bench/http_throughput.sh http://127.0.0.1:8080 /healthz
#   bench/http_throughput.sh http://127.0.0.1:8080 '/api/v1/regions?q=丹凤' -H 'Cookie: session=…'
# Environment: THREADS (2), CONNECTIONS (32), DURATION (10s) override wrk's settings.
set -euo pipefail

usage() {
  echo "usage: $0 URL PATH [extra wrk args...]   e.g. $0 http://127.0.0.1:8080 /healthz" >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
url="${1%/}"
path="$2"
shift 2
[[ "$path" == /* ]] || path="/$path"

if ! [[ "$url" =~ ^http://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?$ ]]; then
  echo "$0: refusing $url: only http://127.0.0.1[:port], localhost or [::1] are allowed" >&2
  exit 2
fi
command -v wrk >/dev/null || { echo "$0: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
if command -v curl >/dev/null && ! curl -fsS -o /dev/null --max-time 5 "$url/healthz"; then
  echo "$0: no xiezuo server answers at $url/healthz" >&2
  exit 1
fi

threads="${THREADS:-2}"
connections="${CONNECTIONS:-32}"
duration="${DURATION:-10s}"
echo "wrk -t$threads -c$connections -d$duration --latency $url$path"
out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url$path")"
echo "$out"
echo
echo "summary:"
echo "$out" | awk '
  /Requests\/sec/ { print "  requests/s: " $2 }
  /^ +Latency / && !lat { print "  latency avg: " $2 ", stdev: " $3 ", max: " $4; lat = 1 }
  /^ +50%/ { print "  p50: " $2 }
  /^ +90%/ { print "  p90: " $2 }
  /^ +99%/ { print "  p99: " $2 }
  /Non-2xx or 3xx responses/ { print "  non-2xx/3xx responses: " $NF }
  /Socket errors/ { print "  " $0 }'
