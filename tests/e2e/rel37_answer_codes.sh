#!/bin/sh
# Retour codes in a declaration answer that are not 4 characters, or more
# than zothuis reads (12 a row), are a reject of their own row with the
# reason and the code's place, never a file refused whole and never a
# code cut to fit (docs/inputs.md, "Declaration answers"):
#  a. a JW325 line with a code of 70 characters (a BSN-shaped number in
#     it): that line is rejected (field_too_long), the answer and its
#     other line are stored, the number shows nowhere; the corrected
#     answer (same identification) adds the line, no answer_conflict;
#  b. the answer's own code too long: the answer and its lines are all
#     rejected (nothing stored in part), the declaration stays nog niet
#     beoordeeld; the corrected answer, with a new identification, is
#     read and rejects the declaration whole;
#  c. the same in the answer CSV: a code too long and 13 codes are two
#     rejected lines, the rest stored.
# Usage: rel37_answer_codes.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"
. "$SRC/tests/e2e/lib/ijw.sh"

ing() {
	zr r ingest --rejects "$W/rej.csv" "$@"
}
# a 70-character code holding a number that passes the 11-test
LONG=9307$(awk 'BEGIN { for (i = 0; i < 6; i++) printf "999900018"; printf "999900018999" }')
SECRET=999900018

empty_region r
zr r ingest "$SRC/fixtures/samples/demo-aanbieders.csv"
jw323 M1 D1 2021-10-11 3700 37000000 R1:95000 R2:95000 R3:95000 > m1.xml
jw323 M2 D2 2021-10-11 3700 37000000 R4:95000 R5:95000 > m2.xml
ing "$W/m1.xml" "$W/m2.xml"
[ $RC = 0 ] || fail "declarations exit $RC: $(cat r/last.out r/last.err)"
[ "$(spend)" = "4750.00 none none" ] || fail "before the answers: $(spend)"

# a. a line's code of 70 characters
jw325 A1 M1 D1 0200 0200 100000010 R2:"$LONG":95000 R3:9307:95000 > a1.xml
ing "$W/a1.xml"
[ $RC = 2 ] || fail "a: exit $RC, want 2"
grep -q "a1.xml \[antwoorden, jw325\]: read 3 = accepted 2 + rejected 1 + duplicates 0" \
	r/last.out || fail "a: $(cat r/last.out)"
grep -q ",retourcodes,field_too_long,Prestatie/RetourCodes/RetourCode 1 is longer than 4 characters ('93" \
	rej.csv || fail "a: the reject: $(cat rej.csv)"
for f in rej.csv r/last.out r/last.err; do
	grep -q "$SECRET" "$f" && fail "a: the number shows in $f"
done
sqlite3 r/zothuis.db .dump | grep -q "$SECRET" && fail "a: the number is in the store"
[ "$(count r "SELECT count(*) FROM answer")" = 1 ] &&
	[ "$(count r "SELECT group_concat(ref) FROM answer_line")" = R3 ] ||
	fail "a: the answer and its other line were not stored"
# R2 is not listed, so approved until the answer is corrected
[ "$(spend)" = "3800.00 950.00 2" ] || fail "a: $(spend)"
jw325 A1 M1 D1 0200 0200 100000010 R2:9307:95000 R3:9307:95000 > a1-fixed.xml
ing "$W/a1-fixed.xml"
[ $RC = 0 ] || fail "a: the corrected answer exit $RC: $(cat r/last.out)"
grep -q "read 3 = accepted 1 + rejected 0 + duplicates 2" r/last.out ||
	fail "a: corrected: $(cat r/last.out)"
[ "$(spend)" = "2850.00 1900.00 2" ] || fail "a: corrected: $(spend)"

# b. the answer's own code too long: nothing of the answer is used
jw325 A2 M2 D2 0200 "9333$LONG" 100000010 R4:9307:95000 > a2.xml
ing "$W/a2.xml"
[ $RC = 2 ] || fail "b: exit $RC, want 2"
grep -q "a2.xml \[antwoorden, jw325\]: read 2 = accepted 0 + rejected 2 + duplicates 0" \
	r/last.out || fail "b: $(cat r/last.out)"
grep -q ",field_too_long,not used: the answer's own row (line 3) is rejected: DeclaratieAntwoord/RetourCodes/RetourCode 1 is longer than 4 characters" \
	rej.csv || fail "b: the line's reject: $(cat rej.csv)"
[ "$(count r "SELECT count(*) FROM answer WHERE answer_id = 'A2'") $(count r "SELECT count(*) FROM answer_line WHERE answer_id = 'A2'")" = "0 0" ] ||
	fail "b: part of the answer was stored"
[ "$(spend)" = "2850.00 1900.00 2" ] || fail "b: $(spend)"
# the corrected answer, with a new identification: no answer_conflict
jw325 A3 M2 D2 0200 9333 100000010 > a3.xml
ing "$W/a3.xml"
[ $RC = 0 ] || fail "b: the corrected answer exit $RC: $(cat r/last.out)"
[ "$(spend)" = "950.00 3800.00 0" ] || fail "b: corrected: $(spend)"

# c. the answer CSV
jw323 M3 D3 2021-10-11 3700 37000000 R6:95000 R7:95000 R8:95000 > m3.xml
{
	echo "$ANSWER_HEADER"
	echo "0402;98000011;A4;M3;D3;prestatie;R6;95000;D;;;$LONG"
	echo "0402;98000011;A4;M3;D3;prestatie;R7;95000;D;;;$(awk 'BEGIN { for (i = 0; i < 13; i++) printf "9307 " }')"
	echo "0402;98000011;A4;M3;D3;prestatie;R8;95000;D;;;9307 9308"
	echo "0402;98000011;A4;M3;D3;declaratie;;285000;D;190000;D;0200 0200"
} > a4.csv
ing "$W/m3.xml" "$W/a4.csv"
[ $RC = 2 ] || fail "c: exit $RC, want 2"
grep -q "a4.csv \[antwoorden, csv\]: read 4 = accepted 2 + rejected 2 + duplicates 0" \
	r/last.out || fail "c: $(cat r/last.out)"
grep -q ",retourcodes,field_too_long,retourcodes: retour code 1 is longer than 4 characters ('93" \
	rej.csv && grep -q ",retourcodes,field_too_long,retourcodes: more than 12 retour codes" \
	rej.csv || fail "c: $(cat rej.csv)"
# (the raw line keeps a run of ten or more digits readable, as for every
# line without a BSN column: docs/privacy.md; the message masks it)
cut -d, -f5 rej.csv | grep -q "$SECRET" && fail "c: the number shows in a message"
[ "$(count r "SELECT codes FROM answer_line WHERE ref = 'R8'")" = "9307 9308" ] ||
	fail "c: R8's codes"
echo "rel37 answer codes: ok"
