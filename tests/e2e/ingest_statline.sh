#!/bin/sh
# End-to-end: CBS StatLine downloads ingested through the shipped
# mappings (reference/mappings/cbs-statline.ini): population (bevolking)
# and, when present, benchmark figures; every line read is accepted or
# rejected (read = accepted + rejected), and a population file replaces
# the table. Usage: ingest_statline.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
DATA=$SRC/tests/data/population
MAP=$SRC/reference/mappings/cbs-statline.ini
rm -rf "$W"; mkdir -p "$W"; cd "$W"
fail() { echo "FAIL: $*" >&2; exit 1; }
count() { sqlite3 zothuis.db "$1"; }

"$Z" init > init.out 2> log.txt
[ "$(count 'PRAGMA user_version')" -ge 3 ] || fail "schema version below 3"

# the canonical layout
"$Z" ingest "$DATA/bevolking.csv" > canon.out 2>> log.txt ||
	fail "bevolking.csv exit $?"
grep -q "\[bevolking, csv\]: read 10 = accepted 10 + rejected 0" canon.out ||
	fail "canonical population: $(cat canon.out)"
[ "$(count 'SELECT count(*) FROM population')" = 10 ] || fail "10 rows"

# the StatLine layout through the shipped mapping: it replaces the table;
# men only, the age total and Nederland are rejected with a reason
set +e
"$Z" ingest --mapping "$MAP" "$DATA/statline-bevolking.csv" > sl.out \
	2>> log.txt
rc=$?
set -e
[ $rc = 2 ] || fail "statline-bevolking.csv exit $rc, want 2"
grep -q "\[bevolking, csv\]: read 12 = accepted 9 + rejected 3" sl.out ||
	fail "StatLine population: $(cat sl.out)"
[ "$(count 'SELECT count(*) FROM population')" = 9 ] ||
	fail "the StatLine file did not replace the table"
[ "$(count "SELECT sum(aantal) FROM population WHERE gemeente = 402 AND
	jaar = 2023")" = 15234 ] || fail "Hilversum 0-17 is not 15234"
[ "$(count "SELECT leeftijd_van || '-' || leeftijd_tot FROM population
	WHERE gemeente = 402 AND aantal = 4388")" = "5-9" ] ||
	fail "'5 tot 10 jaar' is not ages 5-9"
[ "$(count "SELECT count(*) FROM population WHERE gemeente = 417 AND
	jaar = 2023")" = 2 ] || fail "Laren (NH.) by name, 2023* as 2023"
[ "$(count "SELECT count(*) FROM reject WHERE reason = 'value_invalid'")" \
	= 2 ] || fail "two value_invalid rejects (Mannen, Totaal)"
[ "$(count "SELECT count(*) FROM reject WHERE reason =
	'gemeente_unknown'")" = 1 ] || fail "Nederland not rejected"

# in a folder (the inbox) a population file is refused like a catalogue
mkdir inbox
printf 'gemeente;jaar;leeftijd_van;leeftijd_tot;aantal\n0402;2022;0;17;1\n' \
	> inbox/bevolking-2022.csv
set +e
"$Z" ingest inbox > inbox.out 2>> log.txt
set -e
grep -q "reference_in_inbox" inbox.out || fail "population from a folder"
# benchmark figures: the canonical layout, then a StatLine download of
# Jeugdhulp; gemeenten, whose figure for NL 2023 replaces the first
B=$SRC/tests/data/benchmark
set +e
"$Z" ingest "$B/benchmark.csv" > bc.out 2>> log.txt
"$Z" ingest --mapping "$MAP" "$B/statline-jeugdhulp.csv" > bs.out 2>> log.txt
set -e
grep -q "\[benchmark, csv\]: read 5 = accepted 4 + rejected 1" bc.out ||
	fail "canonical benchmark: $(cat bc.out)"
grep -q "\[benchmark, csv\]: read 6 = accepted 4 + rejected 2" bs.out ||
	fail "StatLine benchmark: $(cat bs.out)"
[ "$(count "SELECT waarde_num || '/' || waarde_den || ' ' || status FROM
	benchmark WHERE indicator = 'rate.clients_per_1000' AND gebied = 'NL'
	AND periode = '2023'")" = "1010/10 voorlopig" ] ||
	fail "10,1% for NL 2023* is not 101,0 per 1.000, voorlopig"
[ "$(count "SELECT count(*) FROM benchmark")" = 7 ] || fail "7 figures"
echo "ingest_statline e2e: ok"
