#!/bin/sh
# Reliability, issue 18 defect 10: costs do not grow with the store.
# Work is counted, not timed: `--verbose` reports the pages the store
# connection read ("store: N page reads"), which is deterministic.
#  - 100 files rejected whole, and then 100 files already stored, cost
#    about the same against a store of 80,000 lines with 20,000 waiting
#    credits as against an almost empty one (no rescan of the
#    declarations per file);
#  - an XML element with 5,000 attributes is refused as hostile
#    (xml_malformed) before the parser's quadratic duplicate check.
# Usage: rel10_costs.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

# page reads of one command in region DIR (from its --verbose log):
# reads DIR ARGS...
reads() {
	d=$1; shift
	zr "$d" --verbose "$@"
	n=$(sed -n 's/.*store: \([0-9]*\) page reads.*/\1/p' "$d/last.err" | tail -1)
	[ -n "$n" ] || fail "no page count in the log: $(tail -2 "$d/last.err")"
	echo "$n"
}

mkdir junk small
i=0
while [ $i -lt 100 ]; do
	printf 'kolom_a;kolom_b\n%d;x\n' $i > junk/j$i.csv
	{ echo "$DECL_HEADER"; decl_lines 2 $((30000000 + i * 10)); } > small/s$i.csv
	i=$((i + 1))
done

for d in a b; do
	make_region $d
	rm $d/inbox/*
	zr $d init
done
# b: 60,000 debits and 20,000 credits whose debit never came
{
	echo "$DECL_HEADER"
	decl_lines 60000 40000000
	decl_lines 20000 50000000 | sed 's/;R\([0-9]*\)_\([0-9]*\);;/;C\1_\2;GEEN\1_\2;/; s/;D$/;C/'
} > groot.csv
zr b ingest "$W/groot.csv"
[ $RC = 0 ] || fail "ingest of the large file exit $RC: $(tail -2 b/last.err)"
[ "$(count b "SELECT count(*) FROM credit_waiting")" = 20000 ] || fail "credits waiting: $(count b 'SELECT count(*) FROM credit_waiting')"
for d in a b; do
	zr $d ingest "$W/small"
done

# The first file of a run may load what the store knows (the credits
# waiting for their debit) once; every further file must cost the same,
# whatever the store holds. So compare the cost of 1 file with that of
# 100 (their difference: 99 files) in both stores.
mkdir junk1 small1
printf 'kolom_c;kolom_d\nx;y\n' > junk1/j.csv
{ echo "$DECL_HEADER"; decl_lines 2 39000000; } > small1/s.csv
for d in a b; do
	zr $d ingest "$W/small1"
done
for d in a b; do
	one=$(reads $d ingest "$W/junk1")
	all=$(reads $d ingest "$W/junk")
	eval "j$d=$((all - one))"
	one=$(reads $d ingest "$W/small1")
	all=$(reads $d ingest "$W/small")
	eval "r$d=$((all - one))"
done
echo "99 more files rejected whole: $ja page reads (small store), $jb (large store)"
echo "99 more files already stored: $ra page reads (small store), $rb (large store)"
[ "$jb" -le $((ja * 2 + 2000)) ] || fail "rejected files cost $jb page reads against the large store, $ja against the small one"
[ "$rb" -le $((ra * 2 + 2000)) ] || fail "stored files cost $rb page reads against the large store, $ra against the small one"

# many attributes on one element
awk 'BEGIN {
	printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jw323:Bericht xmlns:jw323=\"http://www.istandaarden.nl/ijw/3_2/jw323/schema\""
	for (i = 0; i < 5000; i++) printf " a%d=\"1\"", i
	printf ">\n</jw323:Bericht>\n"
}' > attrs.xml
zr a ingest --rejects - "$W/attrs.xml"
[ $RC = 2 ] || fail "5,000 attributes: exit $RC, want 2"
grep -q "xml_malformed.*more than 1024 attributes" a/last.out || fail "5,000 attributes not refused: $(cat a/last.out)"
echo "rel10 costs: ok"
