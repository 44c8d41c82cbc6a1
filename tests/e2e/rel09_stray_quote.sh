#!/bin/sh
# Reliability, issue 18 defect 9: one stray quote does not swallow the
# rest of a file. Line 5 of a file of 100,000 declaration lines begins
# with '"': that line alone is rejected (quote_unterminated) and every
# other line is read and stored, so `read` counts every line.
# Usage: rel09_stray_quote.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
zr r init
{ echo "$DECL_HEADER"; decl_lines 100000 20000000; } | awk 'NR == 5 { $0 = "\"" $0 } { print }' > groot.csv
[ "$(wc -l < groot.csv)" = 100001 ] || fail "the input has $(wc -l < groot.csv) lines"
zr r ingest --rejects "$W/rej.csv" "$W/groot.csv"
[ $RC = 2 ] || fail "ingest exit $RC, want 2: $(tail -3 r/last.err)"
grep -q "read 100000 = accepted 99999 + rejected 1 + duplicates 0" r/last.out ||
	fail "not every line read: $(grep groot r/last.out)"
[ "$(count r "SELECT count(*) FROM declaration")" = 99999 ] || fail "not every other line stored"
[ "$(count r "SELECT reason || ':' || line FROM reject")" = quote_unterminated:5 ] ||
	fail "rejects: $(count r 'SELECT reason, line FROM reject')"
[ "$(count r "SELECT lines_read FROM ingest_file")" = 100000 ] || fail "lines_read in the store"
echo "rel09 stray quote: ok"
