#!/bin/sh
# A store written before the reference scrub (docs/privacy.md): lines
# whose provider reference holds the client's BSN, or another nine-digit
# number that passes the 11-test, stored in clear. The first command that
# writes to the store with its key replaces them by their tokens, once,
# with a warning; a later, changed resend of the same lines then finds
# them (duplicates) instead of storing them a second time, and the store
# holds none of the BSNs. The old store is made from a new one by putting
# the references back as the provider wrote them, with keys of their
# own, and dropping the store's record of the scrub. Then the same for a
# store of version 2, with the client's BSN in groups or without its
# leading zero, and for a store of version 3, with ToewijzingNummers that
# could be a BSN as they were sent and assignment keys of an earlier
# kind.
# Usage: rel19_scrub_upgrade.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

# unscrub DIR CSV META_SQL: the store of DIR as an earlier version left
# it: the references of CSV's lines as the provider wrote them, with keys
# of their own, and META_SQL for its record of the scrub
unscrub() {
	tail -n +2 "$2" | awk -F';' '{
		printf "UPDATE declaration SET ref = '\''%s'\'', ref_key = -id WHERE line = %d;\n", $5, NR + 1 }' > "$1.sql"
	echo "$3" >> "$1.sql"
	sqlite3 "$1/zothuis.db" < "$1.sql"
}

# upgraded DIR CSV WORDS WHAT: CSV (four lines stored before and one
# new) ingested into DIR's older store: the pass warns with WORDS, the
# four are duplicates, and the store records bsn_scrub 6
upgraded() {
	zr "$1" ingest "$W/$2"
	[ $RC = 0 ] || fail "ingest $2 exit $RC: $(cat "$1/last.err")"
	grep -q "$3" "$1/last.err" ||
		fail "no word of the pass: $(cat "$1/last.err")"
	grep -q "read 5 = accepted 1 + rejected 0 + duplicates 4" "$1/last.out" ||
		fail "the resend of $4 was not recognised: $(cat "$1/last.out")"
	[ "$(count "$1" "SELECT value FROM meta WHERE key = 'bsn_scrub'")" = 6 ] ||
		fail "bsn_scrub not 6"
}

empty_region r
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
unscrub r a.csv "DELETE FROM meta WHERE key = 'bsn_scrub';"
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

# A store scrubbed by version 2, which took the client's BSN only as nine
# digits in a row: references that hold it in groups or without its
# leading zero are in clear. The pass runs once more (bsn_scrub 6) and
# gives them the text ingest gives them now.
empty_region s
L=";45;45A01;2021-09-01;2021-09-28;10;04;9500;95000;D"
{
	echo "$DECL_HEADER"
	echo "98000011;0402;100000010;3000;100-00-0010;$L"
	echo "98000011;0402;100000022;3001;100.000.022;$L"
	echo "98000011;0402;100000034;3002;100 000 034;$L"
	echo "98000011;0402;012345672;3003;R12345672-1;$L"
} > c.csv
zr s ingest "$W/c.csv"
[ $RC = 0 ] || fail "ingest c.csv exit $RC: $(cat s/last.err)"
noform() {
	sqlite3 s/zothuis.db .dump > dump2.sql
	for f in 100-00-0010 100.000.022 '100 000 034' 12345672; do
		grep -qF "$f" dump2.sql && fail "$1: '$f' is in the store"
	done
	return 0
}
noform "new store"
unscrub s c.csv "UPDATE meta SET value = '2' WHERE key = 'bsn_scrub';"
[ "$(count s "SELECT count(*) FROM declaration WHERE ref NOT LIKE '%~%'")" = 4 ] ||
	fail "the version 2 store was not made"
{ cat c.csv; decl_lines 1 43000000; } > d.csv
upgraded s d.csv "4 stored rows had a BSN" "grouped forms"
noform "store of version 2, passed again"

# A store of version 3: ToewijzingNummers stored as sent, also nine
# digits that pass the 11-test (111222333, 123456782) and the client's
# own BSN without its leading zero (12345672 for 012345672), and
# assignment keys that held the birth date. The pass (bsn_scrub 6) gives
# them their tokens and every assignment the key ingest gives it now, so
# a resend finds them; the declaration still joins its assignment.
empty_region t
AH="gemeente;aanbieder_agb;bsn;geboortedatum;geboortedatum_gebruik"
AH="$AH;geslacht;toewijzingnummer;productcategorie;productcode"
AH="$AH;ingangsdatum;einddatum;reden_wijziging;referentie_aanbieder"
AH="$AH;toewijzingsdatum"
A=";45;45A01;2021-09-01"
{
	echo "$AH"
	echo "0402;98000011;100000010;2012-03-04;;1;111222333$A;;;;2021-08-20"
	echo "0402;98000011;100000022;2012-03-04;;2;123456782$A;2021-12-31;;;"
	echo "0402;98000011;012345672;2012-03-04;;1;12345672$A;;;;"
	echo "0402;98000011;100000034;2012-03-04;;1;4711$A;;;;"
} > t1.csv
{
	echo "$DECL_HEADER"
	echo "98000011;0402;100000010;111222333;T1;$L"
} > t1d.csv
zr t ingest "$W/t1.csv" "$W/t1d.csv"
[ $RC = 0 ] || fail "ingest t1 exit $RC: $(cat t/last.err)"
nonumber() {
	sqlite3 t/zothuis.db .dump > dump3.sql
	for n in 111222333 123456782 12345672; do
		grep -Eq "(^|[^0-9])$n([^0-9]|$)" dump3.sql &&
			fail "$1: ToewijzingNummer $n is in the store"
	done
	return 0
}
nonumber "new store"
[ "$(count t "SELECT count(*) FROM assignment WHERE toewijzing = 4711")" = 1 ] ||
	fail "a number that is no BSN was changed"
joined() {
	[ "$(count t "SELECT count(*) FROM declaration d JOIN assignment a ON
		a.gemeente = d.gemeente AND a.toewijzing = d.toewijzing")" = 1 ] ||
		fail "$1: the declaration does not find its assignment"
}
joined "new store"
sqlite3 t/zothuis.db "UPDATE assignment SET content_key = -id,
	toewijzing = CASE line WHEN 2 THEN 111222333 WHEN 3 THEN 123456782
	WHEN 4 THEN 12345672 ELSE toewijzing END;
	UPDATE declaration SET toewijzing = 111222333;
	UPDATE meta SET value = '3' WHERE key = 'bsn_scrub';"
[ "$(count t "SELECT count(*) FROM assignment WHERE toewijzing < 1000000000")" = 4 ] ||
	fail "the version 3 store was not made"
{ cat t1.csv; echo "0402;98000011;100000046;2012-03-04;;1;4712$A;;;;"; } \
	> t2.csv
upgraded t t2.csv "4 stored rows had a ToewijzingNummer" "the assignments"
nonumber "store of version 3, passed again"
joined "store of version 3, passed again"
echo "rel19 scrub upgrade: ok"
