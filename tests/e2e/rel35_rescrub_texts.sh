#!/bin/sh
# A store written by a version whose masking and reference scrub read
# only ASCII separators between digit groups, and whose reference scrub
# never selected a text with a character outside ASCII (docs/store.md,
# bsn_scrub 6): it holds, in clear, a rejected line and its message with
# another child's BSN in groups joined by no-break spaces, a file name and
# a provider's name with a BSN in narrow no-break or thin spaces, and two
# references built from the line's own BSN (in no-break space groups; in
# ASCII and full-width digits mixed). The old store is made from a new
# one with sqlite3, as rel19 makes its: the texts put back as the sender
# wrote them, the references with keys of their own, the scrub recorded
# as version 5. The first command that writes to it masks and replaces
# them, once, with a warning; a resend of the lines then finds them
# (duplicates); no row of the store shows seven digits of a BSN.
# Usage: rel35_rescrub_texts.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"
. "$SRC/tests/e2e/lib/bsn.sh"

# made-up numbers that pass the 11-test: 735192844 and 123456782 (the
# lines' clients), 111222333, 917322721 and 999900006 (other children)
BSNS="735192844 123456782 111222333 917322721 999900006"
# noleak WHAT: no seven digits of a BSN in the store, in any form
noleak() {
	sqlite3 r/zothuis.db .dump > dump.sql
	digits dump.sql > dump.txt
	no_bsn_part "$1" dump.txt $BSNS
}

empty_region r
T=";;45;45A01;2021-09-01;2021-09-28;10;04;9500;95000;D"
REF2="735${NBSP}192${NBSP}844-1"
REF3="1234$(fw 56782)-2"
{
	echo "$DECL_HEADER"
	echo "98000011;0402;735192844;3001;R1$T"
	echo "98000011;0402;735192844;3002;$REF2$T"
	echo "98000011;0402;123456782;3003;$REF3$T"
	echo "98000011;0402;735192844;3004;R4;;45;45A01;2021-09-01;111${NBSP}222${NBSP}333;10;04;9500;95000;D"
} > a.csv
zr r ingest "$W/a.csv"
[ $RC = 2 ] || fail "ingest a.csv exit $RC: $(cat r/last.err)"
sed '$a\'"98000099,Zorg 917${THIN}322${THIN}721 BV,J&O,ja" \
	"$SRC/fixtures/samples/demo-aanbieders.csv" > r/reference/aanbieders.csv
zr r ingest reference/aanbieders.csv
[ $RC = 0 ] || fail "ingest the providers exit $RC: $(cat r/last.err)"
noleak "new store"
[ "$(count r "SELECT value FROM meta WHERE key = 'bsn_scrub'")" = 6 ] ||
	fail "a new store does not record bsn_scrub 6"

# back to what an earlier version stored
RAW4="98000011;0402;73*****44;3004;R4;;45;45A01;2021-09-01;111${NBSP}222${NBSP}333;10;04;9500;95000;D"
sqlite3 r/zothuis.db <<SQL
UPDATE declaration SET ref = '$REF2', ref_key = -id WHERE line = 3;
UPDATE declaration SET ref = '$REF3', ref_key = -id WHERE line = 4;
UPDATE reject SET raw = '$RAW4',
	message = 'einddatum: ''111${NBSP}222${NBSP}333'' is not a real date'
	WHERE line = 5;
UPDATE ingest_file SET name = 'a_917${NNBSP}322${NNBSP}721.csv',
	path = '$W/a_917${NNBSP}322${NNBSP}721.csv' WHERE name = 'a.csv';
UPDATE provider SET name = 'Zorg 917${THIN}322${THIN}721 BV',
	provider_type = 'dossier $(fw 999900006)' WHERE agb = 98000099;
UPDATE meta SET value = '5' WHERE key = 'bsn_scrub';
SQL
[ "$(count r "SELECT count(*) FROM reject WHERE raw LIKE '%111${NBSP}222%'")" = 1 ] ||
	fail "the old store was not made"
grep -q "$(fw 999900006)" dump.sql && fail "the new store held the wide BSN"
sqlite3 r/zothuis.db .dump | grep -q "735${NBSP}192" ||
	fail "the old store has no reference in clear"

# a resend of the three lines and one more: the store is passed first
{ cat a.csv; decl_lines 1 43000000; } > b.csv
zr r ingest "$W/b.csv"
[ $RC = 2 ] || fail "ingest b.csv exit $RC: $(cat r/last.err)"
grep -q "3 stored rows (rejected lines with their messages, file names" r/last.err ||
	fail "no word of the masked texts: $(cat r/last.err)"
grep -q "2 stored rows had a BSN" r/last.err ||
	fail "no word of the references: $(cat r/last.err)"
grep -q "read 5 = accepted 1 + rejected 1 + duplicates 3" r/last.out ||
	fail "the resend was not recognised: $(cat r/last.out)"
[ "$(count r "SELECT value FROM meta WHERE key = 'bsn_scrub'")" = 6 ] ||
	fail "bsn_scrub not 6"
[ "$(count r "SELECT count(*) FROM reject WHERE line = 5 AND raw LIKE '%11*${NBSP}***${NBSP}*33%'")" -ge 1 ] ||
	fail "the raw text not masked in its groups: $(count r "SELECT raw FROM reject")"
[ "$(count r "SELECT name FROM provider WHERE agb = 98000099")" = "Zorg 91*${THIN}***${THIN}*21 BV" ] ||
	fail "the provider's name: $(count r "SELECT name FROM provider WHERE agb = 98000099")"
noleak "upgraded store"

# once: the next command has nothing to do
sqlite3 r/zothuis.db "UPDATE provider SET provider_type = 'zie 917${NBSP}322${NBSP}721'
	WHERE agb = 98000099"
zr r ingest "$W/b.csv"
grep -q "rejected lines with their messages" r/last.err &&
	fail "masked a second time: $(cat r/last.err)"
[ "$(count r "SELECT count(*) FROM provider WHERE provider_type LIKE 'zie 917%'")" = 1 ] ||
	fail "passed a second time"
echo "rel35 rescrub texts: ok"
