#!/bin/sh
# iJw dates are xs:date, YYYY-MM-DD (docs/inputs.md): a JW323 line whose
# product period ends "28-02-2026" and a JW301 assignment that begins
# "01-01-2026" are rejected as date_invalid, the form named; the other
# lines of those messages are stored. A CSV line may still write its
# dates day first (DD-MM-YYYY), as docs/mapping.md promises.
# Usage: rel25_xml_dates.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

empty_region r
sed 's|<q:Einddatum>2026-02-28</q:Einddatum>|<q:Einddatum>28-02-2026</q:Einddatum>|' \
	"$SRC/tests/data/ijw/jw323_prefixes.xml" > r/inbox/jw323.xml
grep -q "28-02-2026" r/inbox/jw323.xml || fail "no JW323 date to change"
sed '0,/<m:Ingangsdatum>[0-9-]*</s||<m:Ingangsdatum>01-01-2026<|' \
	"$SRC/tests/data/flow/04_jw301_a.xml" > r/inbox/jw301.xml
grep -q "01-01-2026" r/inbox/jw301.xml || fail "no JW301 date to change"
{
	echo "$DECL_HEADER"
	echo "98000011;0402;735192844;3001;R1;;45;45A01;01-09-2021;28-09-2021;10;04;9500;95000;D"
} > r/inbox/csv.csv
old r/inbox/*
zr r ingest --rejects "$W/rej.csv" inbox
[ $RC = 2 ] || fail "ingest exit $RC, want 2: $(cat r/last.err)"
grep -q "^jw323.xml,[0-9]*,einddatum,date_invalid,.einddatum: '28-02-2026' is not a real date of the form YYYY-MM-DD" rej.csv ||
	fail "the JW323 line was not rejected: $(cat rej.csv)"
grep -q "^jw301.xml,[0-9]*,ingangsdatum,date_invalid,.*YYYY-MM-DD" rej.csv ||
	fail "the JW301 assignment was not rejected: $(cat rej.csv)"
grep -q "jw323.xml .*rejected 1" r/last.out ||
	fail "not one JW323 line rejected: $(cat r/last.out)"
grep -q "csv.csv .*accepted 1 + rejected 0" r/last.out ||
	fail "the CSV line written day first was not accepted: $(cat r/last.out)"
[ "$(count r "SELECT count(*) FROM declaration WHERE begin_day = 18871")" = 1 ] ||
	fail "the CSV line's 01-09-2021 was not read as 1 September"
echo "rel25 XML dates: ok"
