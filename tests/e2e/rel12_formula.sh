#!/bin/sh
# Reliability, issue 18 defect 12: no formula reaches rejects.csv. A
# rejected line whose AGB is =cmd|' /C calc'!A0, in a file named
# =HYPERLINK("x").csv, and a file named @SUM(1).csv rejected whole: no
# cell of rejects.csv (from ingest --rejects and from the report) starts
# with =, +, - or @ unless it is a number; the text is still there,
# behind an apostrophe.
# Usage: rel12_formula.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

empty_region r
{ echo "$DECL_HEADER"; decl_lines 1 98000000
  echo "=cmd|' /C calc'!A0;0402;123456782;3001;RF1;;45;45A01;2021-09-01;2021-09-28;10;04;9500;95000;D"
} > 'r/inbox/=HYPERLINK("x").csv'
printf 'kolom;x\n1;2\n' > 'r/inbox/@SUM(1).csv'
old r/inbox/*
zr r ingest --rejects "$W/rej.csv" inbox
[ $RC = 2 ] || fail "ingest exit $RC, want 2"
zr r report --period 2021-H2
[ $RC = 0 ] || fail "report exit $RC: $(cat r/last.err)"

check() {
	rm -f t.db
	sqlite3 t.db ".import --csv $1 r" || fail "$1 is not valid CSV"
	[ "$(sqlite3 t.db 'SELECT count(*) FROM r')" -ge 2 ] || fail "$1 has too few rows"
	bad=$(sqlite3 t.db "SELECT count(*) FROM r, (SELECT 1) WHERE
		(substr(file,1,1) IN ('=','+','-','@')) OR
		(substr(message,1,1) IN ('=','+','-','@')) OR
		(substr(raw,1,1) IN ('=','+','-','@')) OR
		(substr(field,1,1) IN ('=','+','-','@')) OR
		(substr(reason,1,1) IN ('=','+','-','@'))")
	[ "$bad" = 0 ] || fail "$1: $bad rows with a cell that starts a formula: $(grep -e '^[=+@-]' -e ',[=+@-]' "$1" | head -2)"
	grep -qF "=cmd|' /C calc'!A0" "$1" || fail "$1: the rejected line's text is gone"
	grep -qF '=HYPERLINK(' "$1" || fail "$1: the file name is gone"
}
check rej.csv
check r/out/testregio/2021-H2/intern/rejects.csv
echo "rel12 formula injection: ok"
