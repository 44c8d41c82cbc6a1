#!/bin/sh
# Issue 16: `ingest --delivered` sets a file's delivery date, and
# `export --as-of D` computes from only what had arrived on D, with the
# credits known then.
#
# Fixture (built here): three children, each with one line of 2021-09
# for EUR 950,00 (95000 cents), declared to 0402:
#   a.csv  delivered 2021-10-05: the three debits R<n>-0, R<n>-1, R<n>-2
#   b.csv  delivered 2021-11-10: a credit of R<n>-0 (EUR 950,00)
#   c.csv  delivered 2022-01-15: a credit of R<n>-1 (EUR 950,00)
# spend.total of 2021-H2 (lines beginning in the period, credits netted):
#   as of 2021-09-30: nothing had arrived       =    0.00
#   as of 2021-10-31: 3 x 950,00            = 2850.00 (no credit yet)
#   as of 2021-12-31: 2850,00 - 950,00      = 1900.00 (b applied, c not)
#   everything:       2850,00 - 2 x 950,00  =  950.00
# dq.credits_applied: 0, 0, 1, 2 in the same order.
# Usage: asof.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"; cd "$W"
. "$SRC/tests/e2e/lib/region.sh"

make_region r
rm r/inbox/declaraties.csv
zr r init
[ $RC = 0 ] || fail "init exit $RC: $(tail -2 r/last.err)"
decl_lines 3 61000000 > lines.txt
{ echo "$DECL_HEADER"; cat lines.txt; } > a.csv
credit() { # line number of lines.txt -> its credit
	sed -n "${1}p" lines.txt |
	    sed 's/;\(R\([0-9]*\)_\([0-9]*\)\);;/;C\2_\3;\1;/; s/;D$/;C/'
}
{ echo "$DECL_HEADER"; credit 1; } > b.csv
{ echo "$DECL_HEADER"; credit 2; } > c.csv
zr r ingest --delivered 2021-10-05 "$W/a.csv"
[ $RC = 0 ] || fail "ingest a exit $RC: $(tail -2 r/last.err)"
zr r ingest --delivered 2021-11-10 "$W/b.csv"
[ $RC = 0 ] || fail "ingest b exit $RC: $(tail -2 r/last.err)"
zr r ingest --delivered 2022-01-15 "$W/c.csv"
[ $RC = 0 ] || fail "ingest c exit $RC: $(tail -2 r/last.err)"
got=$(count r "SELECT group_concat(date(delivered_day * 86400, 'unixepoch'), ' ') FROM (SELECT delivered_day FROM ingest_file WHERE name LIKE '_.csv' ORDER BY name)")
[ "$got" = "2021-10-05 2021-11-10 2022-01-15" ] || fail "delivered days: $got"
[ "$(count r "SELECT count(*) FROM declaration WHERE credit = 1 AND debit_id IS NOT NULL")" = 2 ] || fail "the credits were not linked"

# value ID FILE: the region's value of ID in an export
value() {
	awk -F, -v id="$1" '$1 == id && $4 == "regio" && $5 == "" { print $6 }' "$2"
}
check() { # AS_OF SPEND CREDITS
	if [ "$1" = all ]; then
		zr r export --period 2021-H2 --out "$W/e-$1.csv"
	else
		zr r export --period 2021-H2 --as-of "$1" --out "$W/e-$1.csv"
	fi
	[ $RC = 0 ] || fail "export as of $1 exit $RC: $(tail -2 r/last.err)"
	s=$(value spend.total "e-$1.csv")
	c=$(value dq.credits_applied "e-$1.csv")
	[ "${s:-0}" = "$2" ] || fail "as of $1: spend.total '$s', expected $2"
	[ "${c:-0}" = "$3" ] || fail "as of $1: credits applied '$c', expected $3"
}
check 2021-09-30 0.00 0
check 2021-10-31 2850.00 0
check 2021-12-31 1900.00 1
check 2022-01-15 950.00 2
check all 950.00 2
# without --as-of the export is the same as as of the last delivery
cmp e-all.csv e-2022-01-15.csv || fail "as of the last delivery differs"

zr r export --period 2021-H2 --as-of 2021-13-01 --out "$W/x.csv"
[ $RC = 1 ] || fail "a bad --as-of: exit $RC, expected 1 (usage)"
# a day in the future, or before the period begins: nothing to show
zr r export --period 2021-H2 --as-of 2099-01-01 --out "$W/x.csv"
[ $RC = 1 ] && grep -q 'lies in the future' r/last.err ||
	fail "--as-of in the future: exit $RC: $(cat r/last.err)"
zr r report --period 2021-H2 --as-of 2021-06-30
[ $RC = 1 ] && grep -q 'before the period begins' r/last.err ||
	fail "--as-of before the period: exit $RC: $(cat r/last.err)"
# within the period: a warning, the figures of its part so far
zr r export --period 2021-H2 --as-of 2021-09-30 --out "$W/x.csv"
[ $RC = 0 ] && grep -q 'before the end of the period' r/last.err ||
	fail "--as-of within the period: exit $RC: $(cat r/last.err)"
zr r ingest --delivered gisteren "$W/a.csv"
[ $RC = 1 ] || fail "a bad --delivered: exit $RC, expected 1 (usage)"
echo "ok"
