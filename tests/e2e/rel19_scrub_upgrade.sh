#!/bin/sh
# A store written before the reference scrub (docs/privacy.md): lines
# whose provider reference holds the client's BSN, or another nine-digit
# number that passes the 11-test, stored in clear. The first command that
# writes to the store with its key replaces them by their tokens, once,
# with a warning; a later, changed resend of the same lines then finds
# them (duplicates) instead of storing them a second time, and the store
# holds none of the BSNs. The old store is made from a new one by putting
# the references back as the provider wrote them, with keys of their
# own, and dropping the store's record of the scrub.
# Usage: rel19_scrub_upgrade.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"; cd "$W"
. "$SRC/tests/e2e/lib/region.sh"

make_region r
rm r/inbox/*
# four references built from the child's own BSN, one from another's
{
	echo "$DECL_HEADER"
	decl_lines 5 41000000 | awk -F';' -v OFS=';' '
		NR == 1 { first = $3 }
		{ $5 = (NR < 5) ? $3 "-0921" : "X" first; print }'
} > a.csv
zr r ingest "$W/a.csv"
[ $RC = 0 ] || fail "ingest a.csv exit $RC: $(cat r/last.err)"
bsns=$(tail -n +2 a.csv | cut -d';' -f3)
nobsn() {
	sqlite3 r/zothuis.db .dump > dump.sql
	for b in $bsns; do
		grep -q "$b" dump.sql && fail "$1: BSN $b is in the store"
	done
	return 0
}
nobsn "new store"

# back to what an earlier version stored
tail -n +2 a.csv | awk -F';' '{
	printf "UPDATE declaration SET ref = '\''%s'\'', ref_key = -id WHERE line = %d;\n", $5, NR + 1 }' > old.sql
echo "DELETE FROM meta WHERE key = 'bsn_scrub';" >> old.sql
sqlite3 r/zothuis.db < old.sql
[ "$(count r "SELECT count(*) FROM declaration WHERE ref NOT LIKE '%~%'")" = 5 ] ||
	fail "the old store was not made"

# a changed resend: the same five lines and one more
{ cat a.csv; decl_lines 1 42000000; } > b.csv
zr r ingest "$W/b.csv"
[ $RC = 0 ] || fail "ingest b.csv exit $RC: $(cat r/last.err)"
grep -q "5 stored rows had a BSN" r/last.err ||
	fail "no word of the upgrade: $(cat r/last.err)"
grep -q "read 6 = accepted 1 + rejected 0 + duplicates 5" r/last.out ||
	fail "the resend was not recognised: $(cat r/last.out)"
[ "$(count r "SELECT count(*) FROM declaration")" = 6 ] ||
	fail "lines stored twice"
nobsn "upgraded store"
# once: the next command has nothing to do
zr r ingest "$W/b.csv"
grep -q "stored rows had a BSN" r/last.err && fail "scrubbed a second time"
echo "rel19 scrub upgrade: ok"
