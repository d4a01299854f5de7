#!/usr/bin/env bash
# The demo's 丹凤县 2021 reports, written by `xiezuo report` and opened in a real office suite:
# the summary (.docx) and the statistical tables (.xlsx) of a fresh demo database are converted
# with `libreoffice --headless --convert-to pdf` (its own profile in a temporary folder); the PDF
# must have pages, and `pdftotext` must find the seed figures in it (9806万元 of funds, 24
# projects, 284 workers placed in Jiangsu) and its chart as an image.
# Usage: report_files_test.sh XIEZUO_BIN   (run from anywhere; reads the repository's data/)
set -uo pipefail
bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/xiezuo-report-files.XXXXXX)
trap '[[ -n ${KEEP:-} ]] || rm -rf "$tmp"' EXIT
export XIEZUO_PASSWORD_COST=min
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
has() {  # has FILE TEXT WHAT
  if grep -qF -- "$2" "$1"; then ok; else bad "$3 does not say $2"; fi
}

db="sqlite:$tmp/demo.db"
cd "$root" || exit 1
if ! "$bin" --db "$db" --log-level warn init --demo > "$tmp/init.log" 2>&1; then
  cat "$tmp/init.log"; echo "report files: the demo database could not be made"; exit 1
fi
if "$bin" --db "$db" --log-level warn report --region 611022 --year 2021 \
    --out "$tmp/summary.docx" --xlsx "$tmp/tables.xlsx" > "$tmp/report.log" 2>&1; then ok
else bad "xiezuo report"; cat "$tmp/report.log"; fi
has "$tmp/report.log" "丹凤县2021年东西部协作统计表" "xiezuo report"

# pdf FILE: converts FILE to PDF next to it and prints its text without white space (pdftotext
# puts spaces where the font changes); fails unless the PDF has at least one page.
pdf() {
  local file=$1 out="${1%.*}.pdf"
  libreoffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf \
    --outdir "$tmp" "$file" >> "$tmp/office.log" 2>&1
  [[ -s $out ]] || { echo "no PDF of $file:"; cat "$tmp/office.log"; return 1; }
  local pages
  pages=$(pdfinfo "$out" | awk '/^Pages:/ {print $2}')
  [[ ${pages:-0} -ge 1 ]] || { echo "$out has no pages"; return 1; }
  pdftotext -layout "$out" - | tr -d ' \n\f\t'
}

if pdf "$tmp/summary.docx" > "$tmp/summary.txt"; then ok; else bad "the summary as PDF"; fi
for want in "丹凤县2021年东西部协作工作总结" "拨付协作资金9806万元" "协作项目24个" \
    "结对东部地区284人" "图1主要资金指标"; do
  has "$tmp/summary.txt" "$want" "the summary's PDF"
done
# Its chart of the money figures is an image in the PDF (pdfimages lists one row per image
# under a two-line header).
images=$(pdfimages -list "$tmp/summary.pdf" 2> /dev/null | tail -n +3 | grep -c .)
if [[ ${images:-0} -ge 1 ]]; then ok; else bad "the summary's PDF has no chart image"; fi

# The tables: the first sheet is 组织领导; every sheet is printed, 资金使用 and 劳务协作 with
# 丹凤县's towns as rows and the county's totals (money in 万元, two decimals).
if pdf "$tmp/tables.xlsx" > "$tmp/tables.txt"; then ok; else bad "the tables as PDF"; fi
for want in "地区代码" "龙驹寨街道" "合计" "拨付协作资金（万元）" "9,806.00" "转移就业人数（人）" \
    "其中：结对东部地区（人）" "549284214"; do
  has "$tmp/tables.txt" "$want" "the tables' PDF"
done

echo "report files: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
