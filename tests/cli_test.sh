#!/usr/bin/env bash
# CLI checks against a real binary and a temp SQLite database: help on every command,
# settings from flags / config file / environment, accounts, backup, records, the annual
# summary (report), and a database that
# cannot be opened making the server refuse to start with one clear line.
# Usage: cli_test.sh XIEZUO_BIN
set -uo pipefail
bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/xiezuo-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export XIEZUO_PASSWORD_COST=min
pass=0 fail=0
check() {  # check NAME COMMAND… : the command must succeed
  local name=$1; shift
  if "$@" > "$tmp/cur.out" 2> "$tmp/cur.err"; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: $name"; cat "$tmp/cur.out" "$tmp/cur.err" | head -20; fi
  # Keep the output for a following `contains` check.
  mv "$tmp/cur.out" "$tmp/out"; mv "$tmp/cur.err" "$tmp/err"
}
contains() { grep -q -- "$2" "$1"; }

# Help on every command.
for c in "" serve init "regions import" "user add" "user passwd" "user list" "user disable" backup version \
  records "records kinds" "records template" "records export" "records import" report; do
  # shellcheck disable=SC2086
  check "--help for '$c'" "$bin" $c --help
done
check "version" bash -c "'$bin' version | grep -q '^xiezuo [0-9]'"

# A small region set to import.
regions=$tmp/regions
mkdir -p "$regions"
printf 'code,name\n61,"陕西省"\n' > "$regions/provinces.csv"
printf 'code,name,provinceCode\n6110,"商洛市",61\n' > "$regions/cities.csv"
printf 'code,name,cityCode,provinceCode\n611022,"丹凤县",6110,61\n' > "$regions/areas.csv"
printf 'code,name,areaCode\n611022100,"龙驹寨街道",611022\n' > "$regions/streets.csv"
printf 'code,name,streetCode\n' > "$regions/villages.csv"
db="sqlite:$tmp/x.db"
check "init" "$bin" --db "$db" --regions-dir "$regions" init
check "init printed the counts" contains "$tmp/out" "county=1"
check "regions import again" "$bin" --db "$db" regions import --dir "$regions"

# Accounts.
check "user add" "$bin" --db "$db" user add alice --role county_office --scope 611022
check "user add printed a password" contains "$tmp/out" "with password"
check "user add from stdin" bash -c "echo 'a-long-password' | '$bin' --db '$db' user add bob --password-stdin"
if "$bin" --db "$db" user add carol --role emperor > "$tmp/out" 2> "$tmp/err"; then
  fail=$((fail + 1)); echo "FAIL: an unknown role was accepted"
else
  check "unknown role is named" contains "$tmp/err" "role"
fi
check "user passwd" "$bin" --db "$db" user passwd alice
check "user disable" "$bin" --db "$db" user disable alice
check "user list" "$bin" --db "$db" user list
check "user list shows alice disabled" bash -c "grep alice '$tmp/out' | grep -q yes"

# Settings from a config file and from the environment (flags win over both).
printf 'db = "sqlite:%s/x.db"\n' "$tmp" > "$tmp/xiezuo.toml"
check "config file" bash -c "'$bin' --config '$tmp/xiezuo.toml' user list | grep -q bob"
check "environment" bash -c "XIEZUO_DB='$db' '$bin' user list | grep -q bob"

# Backup.
check "backup" "$bin" --db "$db" backup "$tmp/copy.db"
check "backup is a database with the users" bash -c "'$bin' --db 'sqlite:$tmp/copy.db' user list | grep -q alice"
if "$bin" --db "$db" backup "$tmp/copy.db" > /dev/null 2>&1; then
  fail=$((fail + 1)); echo "FAIL: backup overwrote an existing file"
else pass=$((pass + 1)); fi
check "backup advice for PostgreSQL" bash -c "'$bin' --db postgresql://x@127.0.0.1:1/x backup y | grep -q pg_dump"

# Cooperation records in and out of Excel.
printf '年度,资金类型,资金来源,拨付单位,接收地区,金额(元),日期\n2021,到位,省级统筹,江苏省,611022,"94,760,000",2021-03-15\n2021,到位,镇街,雨花台区,611022,3300000,2021年3月15日\n' > "$tmp/funds.csv"
check "records kinds" "$bin" records kinds
check "records kinds lists projects" contains "$tmp/out" "协作项目"
check "records import --dry-run" "$bin" --db "$db" records import fund "$tmp/funds.csv" --dry-run
check "dry run wrote nothing" contains "$tmp/out" "2 valid, 0 imported"
check "records import" "$bin" --db "$db" records import fund "$tmp/funds.csv"
check "records import counted" contains "$tmp/out" "2 imported"
printf '年度,资金类型,资金来源,拨付单位,接收地区,金额(元),日期\n2021,到位,省级统筹,江苏省,611099,-5,2021-02-30\n' > "$tmp/bad.csv"
if "$bin" --db "$db" records import fund "$tmp/bad.csv" > "$tmp/bad.out" 2> "$tmp/bad.err"; then
  fail=$((fail + 1)); echo "FAIL: a file with bad rows was imported"
else
  check "bad rows are named by row and column" contains "$tmp/bad.err" "row 2, column F"
  check "nothing was written" contains "$tmp/bad.out" "0 imported"
fi
check "records export" "$bin" --db "$db" records export fund "$tmp/funds.xlsx"
check "records export counted" contains "$tmp/out" "exported 2 records"
check "export is a workbook" bash -c "head -c 2 '$tmp/funds.xlsx' | grep -q PK"
check "records template" "$bin" records template project "$tmp/project.xlsx"
if "$bin" records template nosuchkind "$tmp/x.xlsx" > "$tmp/out" 2> "$tmp/err"; then
  fail=$((fail + 1)); echo "FAIL: an unknown kind was accepted"
else
  check "unknown kind is named" contains "$tmp/err" "nosuchkind"
fi

# The annual summary: a .docx (a zip) naming the region and year; a bad region is refused.
check "report" "$bin" --db "$db" --log-level warn report --region 611022 --year 2021 --out "$tmp/summary.docx"
check "report printed its title" contains "$tmp/out" "丹凤县2021年东西部协作工作总结"
check "report is a zip" bash -c "head -c 2 '$tmp/summary.docx' | grep -q PK"
if "$bin" --db "$db" report --region 999999 --year 2021 --out "$tmp/none.docx" > /dev/null 2>&1 ||
  [[ -e "$tmp/none.docx" ]]; then
  fail=$((fail + 1)); echo "FAIL: report of an unknown region"
else pass=$((pass + 1)); fi
if "$bin" --db "$db" report --region 611022 --year 2021 > /dev/null 2> "$tmp/err"; then
  fail=$((fail + 1)); echo "FAIL: report without a file to write"
else check "report says what to write" contains "$tmp/err" "--xlsx"; fi
check "report --xlsx" "$bin" --db "$db" --log-level warn report --region 611022 --year 2021 --xlsx "$tmp/tables.xlsx"
check "report --xlsx printed the title" contains "$tmp/out" "丹凤县2021年东西部协作统计表"

# A database that cannot be opened: refuse to start, one line, non-zero exit.
printf 'this is not a database, just text that is long enough to be read as a header ...' > "$tmp/bad.db"
for bad in "sqlite:$tmp/bad.db" "sqlite:/proc/xiezuo/none.db" "postgresql://nobody@127.0.0.1:1/none" "mysql://x"; do
  "$bin" --db "$bad" serve --listen 127.0.0.1:0 > "$tmp/out" 2> "$tmp/err" & pid=$!
  for _ in $(seq 1 100); do kill -0 $pid 2> /dev/null || break; sleep 0.1; done
  if kill -0 $pid 2> /dev/null; then
    kill $pid; fail=$((fail + 1)); echo "FAIL: serve started with $bad"; continue
  fi
  wait $pid; code=$?
  lines=$(wc -l < "$tmp/err")
  if [[ $code -ne 0 && $lines -eq 1 ]] && grep -q "cannot start" "$tmp/err"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL: serve with $bad: exit $code, stderr:"; cat "$tmp/err"
  fi
done

echo "cli: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
