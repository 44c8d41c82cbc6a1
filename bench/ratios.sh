# bench/ratios.sh -- the ratios of issue 17, sourced by bench/run.sh at
# its end (it uses run.sh's W, LINES, RUNS, PY, FULL, Z, B, time_cmd):
# each timed pair runs RUNS times, every pair within one run back to back
# (this machine's speed drifts from minute to minute); the table shows
# the median of the runs' ratios, their min-max, the goal and whether the
# median meets it. A row whose tool is missing says "skipped" and why.
#
#   a  CSV ingest vs `sqlite3` .import of the same file into a new
#      database: import seconds / ingest seconds
#   b  the same lines as many small JW323 messages (bench_gen jw323many):
#      ingest seconds / CSV ingest seconds, and floor_saxdir seconds /
#      ingest seconds
#   c  re-ingest vs first ingest (first seconds / again seconds), for the
#      CSV file and the many-file folder, each two ways:
#      - "copy": the same bytes under another path. zothuis recognises a
#        file by its content hash, not by its path, so a copy is the fair
#        test (the same path again would also reward a shortcut on the
#        name, which a resend under a new name would not get);
#      - "every line a duplicate": the same lines in different bytes (the
#        CSV with CRLF line ends; each message with a comment after the
#        XML declaration), so the file is new and every line must be
#        recognised as a duplicate one by one.
#   d  (--full) 1M new lines (the CSV with its references renamed RN ->
#      RX, so none is in the year) into a copy of the national-year store
#      (10M lines) vs into an empty store: full seconds / empty seconds
#   e  `report --period 2023 --format pdf` and `export --period 2023` from
#      a store of 1M lines (bench_gen year, a region of 5 of its
#      municipalities), both in seconds
#   f  end to end (init, ingest the 1M-line CSV, report --period 2022
#      --format pdf for the same 5-municipality region) vs
#      bench/pandas_report.py on the same file: pandas seconds / zothuis
#      seconds. The pandas script sums over all municipalities while the
#      report covers the region's 5 (the report of all 60 is 88 pages);
#      BENCH_E2E_REGION=all makes the region every municipality of the
#      file.

MEMBERS=0402,1942,0406,0014,0060

# region_ini DIR NAME MEMBERS: a zothuis.ini with the store in DIR
region_ini() {
	mkdir -p "$1"
	printf '%s\n' "# bench region (bench/ratios.sh)" "[region]" \
		"name = $2" "municipalities = $3" "" "[store]" \
		"path = zothuis.db" "key_file = zothuis.key" > "$1/zothuis.ini"
}
# lines_read LOG: N of the ingest summary "lines: read N = ..."
lines_read() { sed -n 's/^lines: read \([0-9]*\) .*/\1/p' "$1" | tail -1; }
# check_ingest LABEL: warns unless the last ingest read LINES lines with
# no reject (its log is $W/LABEL.log)
check_ingest() {
	n=$(lines_read "$W/$1.log")
	if [ "$RC" -ne 0 ] || [ "${n:-0}" != "$LINES" ]; then
		echo "bench: $1: exit $RC, lines read ${n:-?} (want $LINES);" \
			"see $W/$1.log" >&2
	fi
}
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
# stat_of "V V V": "median (min-max)" with 2 decimals
stat_of() {
	# shellcheck disable=SC2086  # the list is split on purpose
	printf '%s\n' $1 | sort -g | awk 'NF { v[++n] = $1 } END {
		if (n == 0) { print "?"; exit }
		m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
		printf "%.2f (%.2f-%.2f)", m, v[1], v[n] }'
}
median_of() { stat_of "$1" | cut -d' ' -f1; }
# meets VALUE OP GOAL: yes or no
meets() {
	awk -v v="$1" -v op="$2" -v g="$3" 'BEGIN {
		ok = op == ">=" ? v + 0 >= g + 0 : v + 0 <= g + 0
		print ok ? "yes" : "no" }'
}
RT=$W/ratios.txt
: > "$RT"
rrow() { printf '%-50s %-22s %-8s %s\n' "$1" "$2" "$3" "$4" >> "$RT"; }
# ratio_row WHAT "RATIOS" OP GOAL: a row with the median and spread
ratio_row() {
	if [ -z "$2" ]; then
		rrow "$1" "?" "$3 $4" "no (no figure)"
		return
	fi
	rrow "$1" "$(stat_of "$2")x" "$3 $4" "$(meets "$(median_of "$2")" "$3" "$4")"
}
skip_row() { rrow "$1" "skipped: $2" "" ""; }
# keep SECONDS-LIST NAME: remembered for the seconds table
ST=$W/ratios-seconds.txt
: > "$ST"
keep() { printf '%-50s %s\n' "$2" "$(stat_of "$1")" >> "$ST"; }

echo
echo "== ratios: preparing the inputs"
HAVE_SQLITE=1; command -v sqlite3 > /dev/null 2>&1 || HAVE_SQLITE=0
HAVE_PANDAS=1
"$PY" -c 'import pandas, matplotlib' > /dev/null 2>&1 || HAVE_PANDAS=0
C=$W/copies
mkdir -p "$C"
if ! grep -q "^bench_gen: $LINES lines" "$W/many.done" 2>/dev/null; then
	rm -rf "$W/many" "$C/many" "$C/many-resent"
	"$B/bench_gen" jw323many "$W/many" "$LINES" > "$W/many.done"
fi
cat "$W/many.done"
MANY_MB=$(du -sm "$W/many" | cut -f1)
[ -s "$C/decl.csv" ] || cp "$W/decl.csv" "$C/decl.csv"
[ -s "$C/decl-crlf.csv" ] || sed 's/$/\r/' "$W/decl.csv" > "$C/decl-crlf.csv"
[ -d "$C/many" ] || cp -r "$W/many" "$C/many"
if [ ! -d "$C/many-resent" ]; then
	cp -r "$W/many" "$C/many-resent.tmp"
	find "$C/many-resent.tmp" -name '*.xml' \
		-exec sed -i '1a<!-- resent -->' {} +
	mv "$C/many-resent.tmp" "$C/many-resent"
fi
# e: a 1M-line year (2023) and a region of 5 of its municipalities
if [ ! -s "$W/region/zothuis.db" ]; then
	rm -rf "$W/region"
	region_ini "$W/region" "Benchregio" "$MEMBERS"
	"$B/bench_gen" year "$W/region/in" "$LINES" $((LINES / 20 + 1))
	( cd "$W/region" && "$Z" init > /dev/null )
	time_cmd ingest_region sh -c "cd '$W/region' && '$Z' --quiet ingest in/productcodes.csv in/residenties.csv in/declaraties"
	echo "region store: $(lines_read "$W/ingest_region.log") lines read" \
		"(exit $RC: the year generator writes a few residences that end" \
		"before they begin)"
fi
# f: the end-to-end region
if [ "${BENCH_E2E_REGION:-5}" = all ]; then
	E2E_MEMBERS=$(cut -d';' -f2 "$W/decl.csv" | tail -n +2 | sort -u |
		paste -sd, -)
else
	E2E_MEMBERS=$MEMBERS
fi
# d: 1M lines with references of their own
if [ $FULL = 1 ] && [ ! -s "$C/fresh.csv" ]; then
	awk -F';' -v OFS=';' 'NR > 1 { sub(/^RN/, "RX", $5)
		sub(/^RN/, "RX", $6) } 1' "$W/decl.csv" > "$C/fresh.csv"
fi
find "$W/many" "$C" -type f -exec cat {} + > /dev/null   # warm the cache

A_R=""; B1_R=""; B2_R=""; C1_R=""; C2_R=""; C3_R=""; C4_R=""; D_R=""
E1_S=""; E2_S=""; F_R=""
T_CSV=""; T_IMP=""; T_MANY=""; T_FLOOR=""; T_CSV_RE=""; T_CSV_DUP=""
T_MANY_RE=""; T_MANY_DUP=""; T_FULL=""; T_EMPTY=""; T_E2E=""; T_PD=""
i=1
while [ "$i" -le "$RUNS" ]; do
	echo "== ratios: run $i of $RUNS"
	# a: CSV ingest, then sqlite3 .import of the same file
	rm -rf "$W/r-csv" && mkdir -p "$W/r-csv"
	( cd "$W/r-csv" && "$Z" init > /dev/null )
	time_cmd r_csv sh -c "cd '$W/r-csv' && '$Z' --quiet ingest '$W/decl.csv'"
	check_ingest r_csv
	csv=$SECS; T_CSV="$T_CSV $csv"
	if [ $HAVE_SQLITE = 1 ]; then
		rm -f "$W/import.db"
		time_cmd r_import sqlite3 "$W/import.db" ".mode csv" \
			".separator ;" ".import '$W/decl.csv' decl"
		T_IMP="$T_IMP $SECS"; A_R="$A_R $(div "$SECS" "$csv")"
	fi
	# c: the CSV again, as a copy and with every line a duplicate
	time_cmd r_csv_re sh -c "cd '$W/r-csv' && '$Z' --quiet ingest '$C/decl.csv'"
	T_CSV_RE="$T_CSV_RE $SECS"; C1_R="$C1_R $(div "$csv" "$SECS")"
	time_cmd r_csv_dup sh -c "cd '$W/r-csv' && '$Z' --quiet ingest '$C/decl-crlf.csv'"
	T_CSV_DUP="$T_CSV_DUP $SECS"; C2_R="$C2_R $(div "$csv" "$SECS")"
	# b: the many-file set, its floor; c: again
	rm -rf "$W/r-many" && mkdir -p "$W/r-many"
	( cd "$W/r-many" && "$Z" init > /dev/null )
	time_cmd r_many sh -c "cd '$W/r-many' && '$Z' --quiet ingest '$W/many'"
	check_ingest r_many
	many=$SECS; T_MANY="$T_MANY $many"; B1_R="$B1_R $(div "$many" "$csv")"
	time_cmd r_floor "$B/floor_saxdir" "$W/many"
	T_FLOOR="$T_FLOOR $SECS"; B2_R="$B2_R $(div "$SECS" "$many")"
	time_cmd r_many_re sh -c "cd '$W/r-many' && '$Z' --quiet ingest '$C/many'"
	T_MANY_RE="$T_MANY_RE $SECS"; C3_R="$C3_R $(div "$many" "$SECS")"
	time_cmd r_many_dup sh -c "cd '$W/r-many' && '$Z' --quiet ingest '$C/many-resent'"
	T_MANY_DUP="$T_MANY_DUP $SECS"; C4_R="$C4_R $(div "$many" "$SECS")"
	# d: 1M into a copy of the 10M store, and into an empty one
	if [ $FULL = 1 ]; then
		rm -rf "$W/r-full" "$W/r-empty" && mkdir -p "$W/r-full" "$W/r-empty"
		cp "$W/year/zothuis.db" "$W/year/zothuis.key" "$W/r-full/"
		( cd "$W/r-empty" && "$Z" init > /dev/null )
		time_cmd r_full sh -c "cd '$W/r-full' && '$Z' --quiet ingest '$C/fresh.csv'"
		check_ingest r_full
		full=$SECS; T_FULL="$T_FULL $full"
		time_cmd r_empty sh -c "cd '$W/r-empty' && '$Z' --quiet ingest '$C/fresh.csv'"
		check_ingest r_empty
		T_EMPTY="$T_EMPTY $SECS"; D_R="$D_R $(div "$full" "$SECS")"
		rm -rf "$W/r-full"
	fi
	# e: report and export of one year
	rm -rf "$W/region/rep"
	time_cmd r_report sh -c "cd '$W/region' && '$Z' --quiet report --period 2023 --format pdf --out rep"
	[ "$RC" -eq 0 ] || echo "bench: report: exit $RC ($W/r_report.log)" >&2
	E1_S="$E1_S $SECS"
	time_cmd r_export sh -c "cd '$W/region' && '$Z' --quiet export --period 2023 --out '$W/region/export.csv'"
	[ "$RC" -eq 0 ] || echo "bench: export: exit $RC ($W/r_export.log)" >&2
	E2_S="$E2_S $SECS"
	# f: end to end, then the pandas script
	rm -rf "$W/r-e2e"
	region_ini "$W/r-e2e" "Benchland" "$E2E_MEMBERS"
	time_cmd r_e2e sh -c "cd '$W/r-e2e' && '$Z' --quiet init > /dev/null && { '$Z' --quiet ingest '$W/decl.csv' > ingest.log; [ \$? -le 2 ]; } && '$Z' --quiet report --period 2022 --format pdf --out rep"
	[ "$RC" -eq 0 ] || echo "bench: end to end: exit $RC ($W/r_e2e.log)" >&2
	e2e=$SECS; T_E2E="$T_E2E $e2e"
	if [ $HAVE_PANDAS = 1 ]; then
		time_cmd r_pandas "$PY" "$ROOT/bench/pandas_report.py" \
			"$W/decl.csv" "$W/pandas_report.pdf"
		[ "$RC" -eq 0 ] || echo "bench: pandas: exit $RC ($W/r_pandas.log)" >&2
		T_PD="$T_PD $SECS"; F_R="$F_R $(div "$SECS" "$e2e")"
	fi
	i=$((i + 1))
done

if [ $HAVE_SQLITE = 1 ]; then
	ratio_row "a  CSV ingest vs sqlite3 .import (import/ingest)" "$A_R" ">=" 1.5
else
	skip_row "a  CSV ingest vs sqlite3 .import" "sqlite3 is missing"
fi
ratio_row "b1 JW323 many files vs CSV ingest (time ratio)" "$B1_R" "<=" 1.5
ratio_row "b2 JW323 many files vs floor_saxdir (floor/ingest)" "$B2_R" ">=" 0.5
ratio_row "c1 CSV again, a copy (first/again)" "$C1_R" ">=" 5
ratio_row "c2 CSV again, every line a duplicate" "$C2_R" ">=" 5
ratio_row "c3 many files again, a copy of the folder" "$C3_R" ">=" 5
ratio_row "c4 many files again, every line a duplicate" "$C4_R" ">=" 5
if [ $FULL = 1 ]; then
	ratio_row "d  1M into a 10M store vs an empty one (time)" "$D_R" "<=" 1.25
else
	skip_row "d  1M into a 10M store vs an empty one" "only with --full"
fi
rrow "e1 report --period 2023 --format pdf (s)" "$(stat_of "$E1_S") s" \
	"<= 0.8" "$(meets "$(median_of "$E1_S")" "<=" 0.8)"
rrow "e2 export --period 2023 (s)" "$(stat_of "$E2_S") s" "" ""
if [ $HAVE_PANDAS = 1 ]; then
	ratio_row "f  end to end vs pandas_report.py (pandas/zothuis)" "$F_R" ">=" 2
else
	skip_row "f  end to end vs pandas_report.py" \
		"$PY cannot import pandas and matplotlib (install-deps.sh --bench)"
fi

keep "$T_CSV" "zothuis ingest CSV"
[ -n "$T_IMP" ] && keep "$T_IMP" "sqlite3 .import CSV"
keep "$T_MANY" "zothuis ingest many files ($MANY_MB MB)"
keep "$T_FLOOR" "floor_saxdir over the many files"
keep "$T_CSV_RE" "zothuis ingest CSV again, a copy"
keep "$T_CSV_DUP" "zothuis ingest CSV again, every line a duplicate"
keep "$T_MANY_RE" "zothuis ingest many files again, a copy"
keep "$T_MANY_DUP" "zothuis ingest many files again, every line dup."
[ -n "$T_FULL" ] && keep "$T_FULL" "zothuis ingest 1M new lines into the 10M store"
[ -n "$T_EMPTY" ] && keep "$T_EMPTY" "zothuis ingest 1M new lines into an empty store"
keep "$E1_S" "zothuis report 2023 pdf ($LINES-line store, 5 members)"
keep "$E2_S" "zothuis export 2023 (same store)"
keep "$T_E2E" "zothuis end to end (init, ingest CSV, report)"
[ -n "$T_PD" ] && keep "$T_PD" "pandas_report.py on the same CSV"

echo
echo "ratios ($LINES lines; $RUNS runs; median (min-max); met: the median)"
printf '%-50s %-22s %-8s %s\n' "what" "measured" "goal" "met" \
	"----" "--------" "----" "---"
cat "$RT"
echo
echo "seconds per timed command: median (min-max)"
cat "$ST"
