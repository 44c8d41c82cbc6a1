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
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"; cd "$W"
. "$SRC/tests/e2e/lib/region.sh"

NS='xmlns="http://www.istandaarden.nl/ijw/3_2/jw3NN/schema" xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema"'
# prestatie REF BSN: a JW323 line of EUR 950 in September 2021
prestatie() {
	echo "<Client><Bsn>$2</Bsn><Prestaties><Prestatie><ProductReferentie><ijw:ReferentieNummer>$1</ijw:ReferentieNummer></ProductReferentie><ToewijzingNummer>3700</ToewijzingNummer><ProductCategorie>45</ProductCategorie><ProductCode>45A01</ProductCode><ProductPeriode><ijw:Begindatum>2021-09-01</ijw:Begindatum><ijw:Einddatum>2021-09-28</ijw:Einddatum></ProductPeriode><GeleverdVolume>10</GeleverdVolume><Eenheid>04</Eenheid><ProductTarief>9500</ProductTarief><IngediendBedrag><ijw:Bedrag>95000</ijw:Bedrag><ijw:DebetCredit>D</ijw:DebetCredit></IngediendBedrag></Prestatie></Prestaties></Client>"
}
# bsn REF: a 9-digit number that passes the 11-test, one per reference
# (R6: from 37000060 and its check digit on)
bsn() {
	awk -v p="$(echo "$1" | tr -dc 0-9)" 'BEGIN {
		for (p = 37000000 + 10 * p;; p++) {
			s = 0; x = p
			for (i = 8; i >= 1; i--) { d = x % 10; x = int(x / 10); s += d * (10 - i) }
			c = s % 11; if (c != 10) { printf "%d%d\n", p, c; exit }
		}
	}'
}
# jw323 IDENT DECLNR REF...: a JW323 of one line per reference
jw323() {
	id=$1; nr=$2; shift 2
	echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Bericht $(echo "$NS" | sed s/jw3NN/jw323/)><Header><BerichtCode>490</BerichtCode><BerichtVersie>3</BerichtVersie><BerichtSubversie>2</BerichtSubversie><Afzender>98000011</Afzender><Ontvanger>0402</Ontvanger><BerichtIdentificatie><ijw:Identificatie>$id</ijw:Identificatie><ijw:Dagtekening>2021-10-11</ijw:Dagtekening></BerichtIdentificatie></Header><Declaratie><DeclaratieNummer>$nr</DeclaratieNummer><DeclaratieDagtekening>2021-10-11</DeclaratieDagtekening><TotaalIngediendBedrag><ijw:TotaalBedrag>$(($# * 95000))</ijw:TotaalBedrag><ijw:DebetCredit>D</ijw:DebetCredit></TotaalIngediendBedrag><Clienten>"
	for ref; do prestatie "$ref" "$(bsn "$ref")"; done
	echo "</Clienten></Declaratie></Bericht>"
}
# rc CODE...: a RetourCodes element
rc() {
	printf '<RetourCodes>'
	for c; do printf '<RetourCode>%s</RetourCode>' "$c"; done
	printf '</RetourCodes>'
}
# jw325 IDENT DECL_IDENT DECLNR DA_CODE [REF CODE]...: an answer
jw325() {
	id=$1; di=$2; nr=$3; da=$4; shift 4
	echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Bericht $(echo "$NS" | sed s/jw3NN/jw325/)><Header><BerichtCode>491</BerichtCode><BerichtVersie>3</BerichtVersie><BerichtSubversie>2</BerichtSubversie><Afzender>0402</Afzender><Ontvanger>98000011</Ontvanger><BerichtIdentificatie><ijw:Identificatie>$id</ijw:Identificatie><ijw:Dagtekening>2021-10-20</ijw:Dagtekening></BerichtIdentificatie><DeclaratieIdentificatie><ijw:Identificatie>$di</ijw:Identificatie><ijw:Dagtekening>2021-10-11</ijw:Dagtekening></DeclaratieIdentificatie>$(rc 0200)</Header><DeclaratieAntwoord><DeclaratieNummer>$nr</DeclaratieNummer><Clienten><Client><Bsn>100000010</Bsn><Prestaties>"
	while [ $# -ge 2 ]; do
		echo "<Prestatie><ProductReferentie><ijw:ReferentieNummer>$1</ijw:ReferentieNummer></ProductReferentie><IngediendBedrag><ijw:Bedrag>95000</ijw:Bedrag><ijw:DebetCredit>D</ijw:DebetCredit></IngediendBedrag>$(rc $2)</Prestatie>"
		shift 2
	done
	echo "</Prestaties></Client></Clienten>$(rc $da)</DeclaratieAntwoord></Bericht>"
}
# spend: the region's spending, rejected spending (euros) and lines not
# yet judged in 2021-H2
spend() {
	zr r export --period 2021-H2 --out "$W/e.csv"
	[ $RC = 0 ] || fail "export exit $RC: $(cat r/last.err)"
	s=$(awk -F, '$1 == "spend.total" && $2 == "2021-H2" && $4 == "regio" && $5 == "" { print $6 }' e.csv)
	j=$(awk -F, '$1 == "dq.spend_rejected_by_gemeente" && $2 == "2021-H2" && $5 == "" { print $6 }' e.csv)
	o=$(awk -F, '$1 == "dq.lines_not_assessed" && $2 == "2021-H2" && $5 == "" { print $6 }' e.csv)
	echo "${s:-none} ${j:-none} ${o:-none}"
}
ing() {
	zr r ingest --rejects "$W/rej.csv" "$@"
}
# a 70-character code holding a number that passes the 11-test
LONG=9307$(awk 'BEGIN { for (i = 0; i < 6; i++) printf "999900018"; printf "999900018999" }')
SECRET=999900018

make_region r
rm r/inbox/*
zr r ingest "$SRC/fixtures/samples/demo-aanbieders.csv"
jw323 M1 D1 R1 R2 R3 > m1.xml
jw323 M2 D2 R4 R5 > m2.xml
ing "$W/m1.xml" "$W/m2.xml"
[ $RC = 0 ] || fail "declarations exit $RC: $(cat r/last.out r/last.err)"
[ "$(spend)" = "4750.00 none none" ] || fail "before the answers: $(spend)"

# a. a line's code of 70 characters
jw325 A1 M1 D1 0200 R2 "$LONG" R3 9307 > a1.xml
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
jw325 A1 M1 D1 0200 R2 9307 R3 9307 > a1-fixed.xml
ing "$W/a1-fixed.xml"
[ $RC = 0 ] || fail "a: the corrected answer exit $RC: $(cat r/last.out)"
grep -q "read 3 = accepted 1 + rejected 0 + duplicates 2" r/last.out ||
	fail "a: corrected: $(cat r/last.out)"
[ "$(spend)" = "2850.00 1900.00 2" ] || fail "a: corrected: $(spend)"

# b. the answer's own code too long: nothing of the answer is used
jw325 A2 M2 D2 "9333$LONG" R4 9307 > a2.xml
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
jw325 A3 M2 D2 9333 > a3.xml
ing "$W/a3.xml"
[ $RC = 0 ] || fail "b: the corrected answer exit $RC: $(cat r/last.out)"
[ "$(spend)" = "950.00 3800.00 0" ] || fail "b: corrected: $(spend)"

# c. the answer CSV
AH='gemeente;aanbieder_agb;antwoord_id;declaratie_id;declaratienummer;niveau;referentienummer;bedrag;debet_credit;toegekend_bedrag;toegekend_debet_credit;retourcodes'
jw323 M3 D3 R6 R7 R8 > m3.xml
{
	echo "$AH"
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
