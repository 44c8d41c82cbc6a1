#!/bin/sh
# A declaration sent again under the DeclaratieNummer of the first, as a
# new message (another BerichtIdentificatie), and the answers that
# follow: an answer judges the message it names by identification, and
# the lines that message delivered again, never another message with
# the same number (docs/store.md, "Declarations sent again"; rules.md
# §7):
#  a. M2 resends M1's number with R1 changed and R2 identical: R1 is
#     rejected (duplicate_reference, the number named), R2 a duplicate
#     noted as delivered again, with a warning naming M1; M2's answer,
#     which lists R1 and R2, leaves M1's lines waiting for M1's answer;
#     M1's answer (approving) then decides them;
#  b. M3 refused whole (0001), M4 resends its lines under its number:
#     M4's approval counts for them (the spending is not lost);
#  c. a copy of M4 (the same identification, other bytes) is no second
#     delivery and gets no warning;
#  d. an answer to a message that is not stored, under M5's number,
#     rejecting it whole (9333, number not unique), leaves M5 alone;
#  e. CSV lines (no identification) under a number that two answers
#     give to two messages: neither answer judges them.
# Usage: rel39_resend_same_number.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"
. "$SRC/tests/e2e/lib/ijw.sh"

# the client of the answers' lines
CHILD0=$(ref_bsn 39000000 0)
ing() {
	zr r ingest --rejects "$W/rej.csv" "$@"
}

empty_region r
zr r ingest "$SRC/fixtures/samples/demo-aanbieders.csv"

# a. M2 under M1's number: R1 changed, R2 identical
jw323 M1 D1 2021-10-05 3900 39000000 R1:95000 R2:95000 R3:95000 > m1.xml
jw323 M2 D1 2021-10-08 3900 39000000 R1:47500 R2:95000 > m2.xml
ing "$W/m1.xml"
[ $RC = 0 ] || fail "a: M1 exit $RC: $(cat r/last.out)"
ing "$W/m2.xml"
[ $RC = 2 ] || fail "a: M2 exit $RC, want 2"
grep -q "m2.xml \[declaraties, jw323\]: read 2 = accepted 0 + rejected 1 + duplicates 1" \
	r/last.out || fail "a: $(cat r/last.out)"
grep -q "m2.xml,2,referentienummer,duplicate_reference,\"referentienummer: 'R1' of provider 98000011 is already stored with other content, from an earlier declaration with the same DeclaratieNummer D1; the first stays" \
	rej.csv || fail "a: the reject: $(cat rej.csv)"
grep -q "m2.xml: 1 line was delivered before, identically, by message M1 under the same DeclaratieNummer D1: noted as delivered again" \
	r/last.err || fail "a: the warning: $(cat r/last.err)"
count r "SELECT warnings FROM ingest_file WHERE name = 'm2.xml'" |
	grep -q "by message M1 under the same DeclaratieNummer D1" ||
	fail "a: the file's record has no warning"
[ "$(count r "SELECT count(*) FROM redelivery")" = 1 ] ||
	fail "a: R2 was not noted as delivered again"
# M2's answer lists R1 and R2: M1's lines wait for M1's own answer
jw325 A2 M2 D1 0200 0200 "$CHILD0" R1:9307 R2:9307 > a2.xml
ing "$W/a2.xml"
[ $RC = 0 ] || fail "a: A2 exit $RC: $(cat r/last.out)"
[ "$(spend)" = "2850.00 0.00 3" ] || fail "a: M2's answer judged M1's lines: $(spend)"
jw325 A1 M1 D1 0200 8001 "$CHILD0" > a1.xml
ing "$W/a1.xml"
[ "$(spend)" = "2850.00 0.00 0" ] || fail "a: M1's answer: $(spend)"

# b. M3 refused whole, its lines resent by M4 under its number
jw323 M3 D3 2021-10-05 3900 39000000 R4:95000 R5:95000 > m3.xml
jw325 A3 M3 D3 0001 - "$CHILD0" > a3.xml
jw323 M4 D3 2021-10-14 3900 39000000 R4:95000 R5:95000 > m4.xml
jw325 A4 M4 D3 0200 8001 "$CHILD0" > a4.xml
ing "$W/m3.xml" "$W/a3.xml"
[ "$(spend)" = "2850.00 1900.00 0" ] || fail "b: M3 refused: $(spend)"
ing "$W/m4.xml"
[ $RC = 0 ] || fail "b: M4 exit $RC: $(cat r/last.out)"
grep -q "m4.xml: 2 lines were delivered before, identically, by message M3 under the same DeclaratieNummer D3" \
	r/last.err || fail "b: the warning: $(cat r/last.err)"
[ "$(spend)" = "4750.00 0.00 2" ] || fail "b: the resend does not wait: $(spend)"
ing "$W/a4.xml"
[ "$(spend)" = "4750.00 0.00 0" ] || fail "b: the approved resend: $(spend)"

# c. a copy of M4
sed 's#<Header>#<!-- kopie --><Header>#' m4.xml > m4-kopie.xml
ing "$W/m4-kopie.xml"
[ $RC = 0 ] || fail "c: exit $RC: $(cat r/last.out)"
grep -q "same DeclaratieNummer" r/last.err && fail "c: a copy warned: $(cat r/last.err)"
[ "$(count r "SELECT count(*) FROM redelivery")" = 3 ] ||
	fail "c: the copy was noted as a delivery"

# d. 9333 to a message that is not stored, under M5's number
jw323 M5 D5 2021-10-05 3900 39000000 R6:95000 > m5.xml
jw325 A9 M9 D5 0200 9333 "$CHILD0" > a9.xml
ing "$W/m5.xml" "$W/a9.xml"
[ $RC = 0 ] || fail "d: exit $RC: $(cat r/last.out)"
[ "$(spend)" = "5700.00 0.00 1" ] || fail "d: M5 judged by another's answer: $(spend)"

# e. CSV lines under a number two answers give to two messages
{
	echo "$DECL_HEADER;declaratienummer"
	decl_lines 1 39100000 | sed 's/$/;D7/'
} > d7.csv
{
	echo "$ANSWER_HEADER"
	echo "0402;98000011;A7;X7;D7;declaratie;;95000;D;0;D;0200 9333"
	echo "0402;98000011;A8;X8;D7;declaratie;;95000;D;95000;D;0200 8001"
} > a7.csv
ing "$W/d7.csv" "$W/a7.csv"
[ $RC = 0 ] || fail "e: exit $RC: $(cat r/last.out)"
[ "$(spend)" = "6650.00 0.00 1" ] || fail "e: a number of two messages judged a line: $(spend)"
echo "rel39 resend same number: ok"
