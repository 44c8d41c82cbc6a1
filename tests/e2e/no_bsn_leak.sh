#!/bin/sh
# Privacy: after a whole demo (generate, ingest, report), no input BSN may
# appear anywhere: not in the store (dumped as text), not in the logs, not
# in any output file (PDF text, HTML, CSV, JSON, rejects.csv), not in the
# key file. BSNs of the inputs are collected from the CSV files (third
# column) and the XML files (<Bsn> elements), including the bad lines.
# Usage: no_bsn_leak.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"; cd "$W"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$Z" --verbose demo --clients 200 --out out > demo.out 2> demo.log || fail "demo exit $?"
R=out/demo-regio
{
	find "$R/inbox" -name '*.csv' -exec sh -c 'tail -n +2 "$1" | cut -d";" -f1 -s' _ {} \; | grep -E '^[0-9]{9}$' || true
	find "$R/inbox" -name '*.csv' -exec sh -c 'tail -n +2 "$1" | cut -d";" -f3 -s' _ {} \; | grep -E '^[0-9]{9}$' || true
	find "$R/inbox" -name '*.xml' -exec grep -ho '<[a-z0-9:]*Bsn>[0-9]*<' {} \; |
		sed 's/.*>\([0-9]*\)</\1/' | grep -E '^[0-9]{9}$' || true
} | sort -u > bsns.txt
n=$(wc -l < bsns.txt)
[ "$n" -gt 100 ] || fail "only $n BSNs found in the inputs"

# every output, as text
sqlite3 "$R/zothuis.db" .dump > dump.sql
for pdf in $(find out -name '*.pdf'); do
	pdftotext "$pdf" "$pdf.txt"
done
find out -path "$R/inbox" -prune -o -type f \( -name '*.txt' -o -name '*.html' \
	-o -name '*.csv' -o -name '*.json' -o -name '*.reason' \) -print |
	grep -v "^$R/inbox/" | grep -v "^$R/reference/" | grep -v "^$R/steering/" |
	grep -v "^$R/expected-rejects.csv" \
	> outputs.txt
[ -s outputs.txt ] || fail "no outputs found"
cat dump.sql demo.out demo.log "$R/zothuis.key" $(cat outputs.txt) > all.txt
# one grep for all: fixed strings, whole words
if grep -Fwf bsns.txt all.txt > leaks.txt; then
	fail "$(wc -l < leaks.txt) lines hold an input BSN, e.g.: $(head -c 200 leaks.txt)"
fi
# and the binary store files themselves
for f in "$R"/zothuis.db*; do
	if grep -aFwqf bsns.txt "$f"; then fail "a BSN in $f"; fi
done
echo "no_bsn_leak e2e: $n BSNs, $(wc -l < outputs.txt) outputs: ok"
