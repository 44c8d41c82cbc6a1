#!/bin/sh
# Benchmarks (the targets are in docs/quality.md, the figures measured in
# docs/benchmarks.md): generate the inputs, measure zothuis next to the
# floor programs and peers, print a table, then the ratios of issue 17
# (each pair timed BENCH_RUNS times, median and min-max spread). Run on a
# quiet machine:
#
#   bench/run.sh            1M-line CSV and JW323 ingest, demo-region metrics
#                           and report render, the ratios table
#   bench/run.sh --full     also the national-scale year (10M lines, 500k
#                           clients) for the metrics target, and the
#                           ratio "1M into a 10M store" (several minutes)
#
# Inputs and stores go to build/bench-work/ (BENCH_WORK to change);
# BENCH_LINES (default 1000000) lines, BENCH_RUNS (default 3) runs of each
# timed pair, BENCH_PYTHON (default /usr/bin/python3, Debian's, which has
# python3-pandas) for bench/pandas_report.py. Needs the Release build's
# tools: /usr/bin/time, sqlite3, python3-pandas and python3-matplotlib
# (scripts/install-deps.sh --bench); a row whose tool is missing is
# skipped and says so.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
W=${BENCH_WORK:-$ROOT/build/bench-work}
LINES=${BENCH_LINES:-1000000}
RUNS=${BENCH_RUNS:-3}
PY=${BENCH_PYTHON:-/usr/bin/python3}
FULL=0
[ "${1:-}" = "--full" ] && FULL=1
if [ ! -x /usr/bin/time ]; then
	echo "bench: /usr/bin/time is missing (scripts/install-deps.sh --bench)" >&2
	exit 1
fi
mkdir -p "$W"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j"$(nproc)" > /dev/null
Z=$ROOT/build/zothuis
B=$ROOT/build/bench

# time_cmd LABEL CMD...: runs CMD under /usr/bin/time, sets SECS, RSS_MB
# and RC (the command's exit status)
time_cmd() {
	label=$1; shift
	RC=0
	/usr/bin/time -f "%e %M" -o "$W/time.out" "$@" > "$W/$label.log" 2>&1 ||
		RC=$?
	SECS=$(cut -d' ' -f1 "$W/time.out" | tail -1)
	RSS_MB=$(( $(cut -d' ' -f2 "$W/time.out" | tail -1) / 1024 ))
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
row() { printf '%-46s %10s %12s %9s\n' "$1" "$2" "$3" "$4"; }

echo "== generating inputs ($LINES lines)"
[ -s "$W/decl.csv" ] || "$B/bench_gen" csv "$W/decl.csv" "$LINES"
[ -s "$W/decl.xml" ] || "$B/bench_gen" jw323 "$W/decl.xml" "$LINES"
CSV_MB=$(( $(stat -c %s "$W/decl.csv") / 1048576 ))
XML_MB=$(( $(stat -c %s "$W/decl.xml") / 1048576 ))
cat "$W/decl.csv" > /dev/null; cat "$W/decl.xml" > /dev/null   # warm the cache

echo
row "what ($LINES lines)" "seconds" "lines/s" "peak MB"
row "----" "-------" "-------" "-------"

# CSV: floor, zothuis, sqlite3 .import
"$B/floor_csv" "$W/decl.csv" > "$W/floor_csv.log" 2>&1
fl=$(awk '{for (i = 1; i <= NF; i++) if ($(i+1) == "lines/s") print $i}' "$W/floor_csv.log" | head -1)
row "floor: split + parse CSV fields ($CSV_MB MB)" "" "${fl:-?}" ""
rm -rf "$W/csv" && mkdir -p "$W/csv"
( cd "$W/csv" && "$Z" init > /dev/null )
time_cmd ingest_csv sh -c "cd '$W/csv' && '$Z' --quiet ingest '$W/decl.csv'"
CSV_RATE=$(rate "$LINES" "$SECS")
row "zothuis ingest CSV (validate, pseudonymize, store)" "$SECS" "$CSV_RATE" "$RSS_MB"
rm -f "$W/import.db"
time_cmd import sqlite3 "$W/import.db" ".mode csv" ".separator ;" ".import '$W/decl.csv' decl"
row "sqlite3 shell .import of the same CSV" "$SECS" "$(rate "$LINES" "$SECS")" "$RSS_MB"

# XML: floor, zothuis
time_cmd floor_sax "$B/floor_sax" "$W/decl.xml"
row "floor: libxml2 SAX2 over every Prestatie ($XML_MB MB)" "$SECS" "$(rate "$LINES" "$SECS")" "$RSS_MB"
rm -rf "$W/xml" && mkdir -p "$W/xml"
( cd "$W/xml" && "$Z" init > /dev/null )
time_cmd ingest_xml sh -c "cd '$W/xml' && '$Z' --quiet ingest '$W/decl.xml'"
row "zothuis ingest JW323 (validate, pseudonymize, store)" "$SECS" "$(rate "$LINES" "$SECS")" "$RSS_MB"

# the demo region: metrics and report
if [ ! -s "$W/demo/demo-regio/zothuis.db" ]; then
	"$Z" demo --out "$W/demo" > "$W/demo.log" 2>&1
fi
"$B/bench_metrics" "$W/demo/demo-regio/zothuis.db" 2023-H2 \
	0376,1942,0402,0406,0417,1696,0457@..2022-03-23 > "$W/metrics_demo.log"
echo
echo "demo region (about $(grep -o '[0-9]* lines' "$W/metrics_demo.log" | head -1)):"
cat "$W/metrics_demo.log"
if [ -x "$B/floor_render" ]; then
	"$B/floor_render" "$W/demo/demo-regio/zothuis.ini" 2023-H2 2>&1 | tail -2
fi

echo
echo "== JW305 / JW307 against JW301 ingest per line (goal <= 1.5x)"
"$B/bench_flow" "$ROOT/reference" "$W/flow" "${BENCH_FLOW_LINES:-200000}" ||
	echo "bench_flow: above the goal"

if [ $FULL = 1 ]; then
	echo
	echo "== national-scale year: 10,000,000 lines, 500,000 clients"
	if [ ! -s "$W/year/zothuis.db" ]; then
		rm -rf "$W/year" && mkdir -p "$W/year"
		"$B/bench_gen" year "$W/year/in" 10000000 500000
		( cd "$W/year" && "$Z" init > /dev/null )
		# the catalogue first, then the residences and the declarations
		# (naming the folder `in` after in/productcodes.csv would hand
		# that file over twice)
		time_cmd ingest_year sh -c "cd '$W/year' && '$Z' --quiet ingest in/productcodes.csv in/residenties.csv in/declaraties"
		echo "ingest of the year: $SECS s, $(rate 10000000 "$SECS") lines/s, $RSS_MB MB"
	fi
	"$B/bench_metrics" "$W/year/zothuis.db" 2023
fi

. "$ROOT/bench/ratios.sh"
