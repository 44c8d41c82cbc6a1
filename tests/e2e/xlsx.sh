#!/bin/sh
# tests/e2e/xlsx.sh -- `report --format pdf,html,csv,xlsx` on the demo
# writes rapport.xlsx beside the PDF; an independent reader
# (xlsx_check.py: zipfile and the sheet XML) finds Tabel 1 and the
# indicator sheet equal to indicatoren.csv, numbers as numbers and hidden
# cells as their marker text; the PDF is the same with or without xlsx.
# Usage: sh xlsx.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"; cd "$W"
fail() { echo "xlsx: FAIL: $*" >&2; exit 1; }

SOURCE_DATE_EPOCH=1662296700 "$Z" demo --out demo >demo.log 2>&1 ||
	fail "demo: $(tail -3 demo.log)"
R=demo/demo-regio
P=$R/out/gooi-en-vechtstreek-demo/2023-H2
( cd $R && SOURCE_DATE_EPOCH=1662296700 "$Z" --config zothuis.ini report \
	--period 2023-H2 --format pdf,csv ) >report0.log 2>&1 ||
	fail "report: $(tail -3 report0.log)"
cp "$P/rapport.pdf" before.pdf
( cd $R && SOURCE_DATE_EPOCH=1662296700 "$Z" --config zothuis.ini report \
	--period 2023-H2 --format pdf,html,csv,xlsx ) >report.log 2>&1 ||
	fail "report: $(tail -3 report.log)"
[ -s "$P/rapport.xlsx" ] || fail "no rapport.xlsx in $P"
cmp -s before.pdf "$P/rapport.pdf" || fail "the PDF changed when xlsx was added"
"$Z" indicators --kinds >kinds.tsv
python3 "$SRC/tests/e2e/xlsx_check.py" "$P/rapport.xlsx" \
	"$P/indicatoren.csv" kinds.tsv || fail "the workbook disagrees"

# without xlsx in --format the new folder has no workbook
( cd $R && SOURCE_DATE_EPOCH=1662296700 "$Z" --config zothuis.ini report \
	--period 2023-H2 --format pdf,csv ) >report2.log 2>&1 ||
	fail "report: $(tail -3 report2.log)"
[ ! -e "$P/rapport.xlsx" ] || fail "a workbook stayed although not asked for"
echo "xlsx: ok"
