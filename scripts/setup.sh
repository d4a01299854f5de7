#!/usr/bin/env bash
# Installs what xiezuo needs and is missing: Debian packages (apt) and npm packages.
#   scripts/setup.sh run    # to build and run the server
#   scripts/setup.sh test   # also PostgreSQL, Chromium and the linters for `make test`
# Installs nothing that is already there; prints what it does.
set -euo pipefail
mode=${1:-run}
root=$(cd "$(dirname "$0")/.." && pwd)

build_pkgs=(g++ cmake ninja-build pkg-config make curl python3
  libboost-dev libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev
  nlohmann-json3-dev zlib1g-dev libgtest-dev libgmock-dev libbenchmark-dev
  libxlsxwriter-dev libzip-dev libexpat1-dev libcairo2-dev libpango1.0-dev fonts-wqy-microhei)
test_pkgs=(postgresql chromium clang-format clang-tidy wrk sqlite3
           libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)

pkgs=("${build_pkgs[@]}")
[[ $mode == test ]] && pkgs+=("${test_pkgs[@]}")
command -v node > /dev/null || pkgs+=(nodejs npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  if [[ $EUID -ne 0 ]]; then
    echo "setup: run as root, or install them yourself: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then
  echo "setup: Node.js $(node --version) is too old; Vite needs Node 20.19 or newer" >&2
  exit 1
fi

# npm packages, from the committed lock files; reinstalled when a lock file changes.
for dir in data web; do
  lock=$root/$dir/package-lock.json
  stamp=$root/$dir/node_modules/.package-lock.json
  if [[ ! -f $stamp || $lock -nt $stamp ]]; then
    echo "setup: npm ci in $dir/"
    (cd "$root/$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
