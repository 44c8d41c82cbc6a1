#!/bin/sh
# An answer that judges no stored declaration line (docs/rules.md §7,
# dq.answers_unmatched): the municipality answered a JW323 that the
# region's copy lost (the file came in cut off and was refused whole),
# and a lines-only answer CSV lists a line of a message never delivered.
# Both are counted in the indicator table and `zothuis export`, named in
# Opvallend and under the answers table in the Bronnen and in a warning
# in the log, and listed in intern/antwoord-zonder-declaratie.csv (mode
# 0600); an answer that does judge its message is not. The complete
# file, delivered again, takes its answer out of the count; a message
# whose every line was rejected at ingest puts its answer in. An
# identification like a formula is written as text.
# Usage: rel51_answer_without_declaration.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"
. "$SRC/tests/e2e/lib/ijw.sh"

empty_region r
zr r ingest "$SRC/fixtures/samples/demo-aanbieders.csv"
jw323 M1 D1 2021-10-11 3700 37000000 R1:95000 R2:95000 > m1.xml
jw323 M2 D2 2021-10-11 3700 37000000 R3:95000 R4:95000 > m2.xml
# the region's copy of M2 stops in the middle of an element
head -c "$(($(wc -c < m2.xml) / 2))" m2.xml > m2-cut.xml
jw325 A1 M1 D1 0200 8001 100000010 > a1.xml
jw325 A2 M2 D2 0200 0200 100000010 R3:9307:95000 > a2.xml
{
	echo "$ANSWER_HEADER"
	echo "0402;98000011;A9;M9;D9;prestatie;R9;95000;D;;;9307"
} > a9.csv
zr r ingest "$W/m1.xml" "$W/m2-cut.xml" "$W/a1.xml" "$W/a2.xml" "$W/a9.csv"
[ $RC = 2 ] || fail "ingest exit $RC, want 2 (the cut file): $(cat r/last.out)"
grep -q "m2-cut.xml: xml_malformed" r/last.out ||
	fail "the cut file was not refused: $(cat r/last.out)"

# unmatched FILE: the region's dq.answers_unmatched of 2021-H2 in FILE
unmatched() {
	awk -F, '$1 == "dq.answers_unmatched" && $2 == "2021-H2" &&
		$4 == "regio" && $5 == "" { v = $6; n++ }
		END { print n == 1 ? v : "rows:" n + 0 }' "$1"
}
zr r export --period 2021-H2 --format csv --out -
[ $RC = 0 ] || fail "export exit $RC: $(cat r/last.err)"
[ "$(unmatched r/last.out)" = 2 ] ||
	fail "zothuis export: dq.answers_unmatched $(unmatched r/last.out), want 2"

report_text
grep -qF "2 answer(s) of the municipality belong to no stored declaration" \
	r/last.err || fail "no warning in the log: $(cat r/last.err)"
[ "$(unmatched r/out/*/2021-H2/indicatoren.csv)" = 2 ] ||
	fail "indicatoren.csv: dq.answers_unmatched"
grep -qF "2 antwoorden van de gemeente horen bij geen aangeleverde declaratie" \
	rep.txt || fail "no Opvallend line: $(grep -o '.\{60\}antwoord.\{80\}' rep.txt | head -3)"
grep -qF "2 antwoorden van de gemeente horen bij geen declaratie in de opslag" \
	rep.txt || fail "no note under the answers table"
csv=$(ls r/out/*/2021-H2/intern/antwoord-zonder-declaratie.csv)
[ "$(stat -c %a "$csv")" = 600 ] || fail "mode $(stat -c %a "$csv") of $csv"
[ "$(head -1 "$csv")" = "gemeente,aanbieder_agb,declaratie_id,declaratienummer,antwoord_ontvangen" ] ||
	fail "header of $csv: $(head -1 "$csv")"
# M2's answer (from its file's delivery day) and M9's; never M1's
tail -n +2 "$csv" | cut -d, -f1-4 > got.csv
printf '0402,98000011,M2,D2\n0402,98000011,M9,D9\n' > want.csv
cmp -s want.csv got.csv || fail "$csv: $(cat "$csv")"

# the complete M2 after all: its answer judges R3, one answer is left
zr r ingest "$W/m2.xml"
[ $RC = 0 ] || fail "ingest of m2.xml exit $RC: $(cat r/last.out)"
report_text
[ "$(unmatched r/out/*/2021-H2/indicatoren.csv)" = 1 ] ||
	fail "after m2.xml: dq.answers_unmatched"
grep -qF "1 antwoord van de gemeente hoort bij geen aangeleverde declaratie" \
	rep.txt || fail "after m2.xml: no Opvallend line"
[ "$(tail -n +2 "$csv" | cut -d, -f3)" = M9 ] || fail "after m2.xml: $(cat "$csv")"
# R3, rejected by A2, no longer counts: 3 lines of EUR 950 are left
s=$(awk -F, '$1 == "spend.total" && $2 == "2021-H2" && $4 == "regio" && $5 == "" { print $6 }' r/out/*/2021-H2/indicatoren.csv)
[ "$s" = 2850.00 ] || fail "after m2.xml: spend.total $s, want 2850.00"

# a message whose only line was rejected at ingest (R1 again with another
# amount: duplicate_reference) stores nothing its answer could judge
jw323 M3 D3 2021-10-11 3700 37000000 R1:90000 > m3.xml
jw325 A3 M3 D3 0200 8001 100000010 > a3.xml
zr r ingest "$W/m3.xml" "$W/a3.xml"
[ $RC = 2 ] || fail "m3.xml: exit $RC, want 2 (its line rejected)"
grep -q "duplicate_reference" r/last.out || fail "m3.xml: $(cat r/last.out)"
report_text
[ "$(unmatched r/out/*/2021-H2/indicatoren.csv)" = 2 ] ||
	fail "after m3.xml: dq.answers_unmatched"
[ "$(tail -n +2 "$csv" | cut -d, -f3 | tr '\n' ' ')" = "M3 M9 " ] ||
	fail "after m3.xml: $(cat "$csv")"

# identifications are the input's text: one that starts like a formula
# is written as text (a leading apostrophe), one with a comma quoted
{
	echo "$ANSWER_HEADER"
	echo "0402;98000011;A5;=1+2;D5;prestatie;R5;95000;D;;;9307"
	echo "0402;98000011;A6;M6,x;D6;declaratie;;95000;D;0;D;0200 0200"
} > a56.csv
zr r ingest "$W/a56.csv"
[ $RC = 0 ] || fail "a56.csv: exit $RC: $(cat r/last.out)"
report_text
tail -n +2 "$csv" | grep -q "^0402,98000011,'=1+2,D5," ||
	fail "a formula-like identification: $(cat "$csv")"
tail -n +2 "$csv" | grep -q '^0402,98000011,"M6,x",D6,' ||
	fail "an identification with a comma: $(cat "$csv")"
[ "$(unmatched r/out/*/2021-H2/indicatoren.csv)" = 4 ] ||
	fail "after a56.csv: dq.answers_unmatched"
echo "ok"
