#!/bin/sh
# Three findings of a second attack run (issue 18's kind): the line's
# own BSN inside a longer run of digits on a line that could not be split
# (field_count, encoding_invalid) is masked in rejects.csv and the store;
# a file rejected whole is one record whatever spelling of its path names
# it (./x, x, /abs/x, d/../x); a credit moved out of quarantine because it
# names a credit takes its `redelivery` rows with it (no dangling row).
# Usage: rel33_second_attack.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

empty_region r
# 111222308 is a made-up number that passes the 11-test
B=111222308
L="98000011;0402;$B;1000181"
T='54;54001;2018-01-01;2018-01-31;310;01;175;54250'
{
	echo "$DECL_HEADER" | cut -d';' -f1-15
	echo "$L;R4;;$T;D;extra1${B}2"
	printf '%s;R5;;54;54001;2018-01-01;2018-01-31;310;01;175;54250\001%s9;D\n' "$L" "$B"
} > r/runs.csv
zr r ingest --rejects "$W/rej.csv" runs.csv
[ $RC = 2 ] || fail "ingest exit $RC, want 2: $(cat r/last.err)"
sqlite3 r/zothuis.db "SELECT raw FROM reject" > raw.txt
[ "$(wc -l < raw.txt)" = 2 ] || fail "not two rejected lines: $(cat raw.txt)"
if grep -q "$B" rej.csv raw.txt r/last.out r/last.err; then
	fail "the line's own BSN inside a longer run shows: $(grep "$B" rej.csv raw.txt)"
fi

# one record for a refused file, whatever spelling of its path
echo 'foo;bar' > r/bad.csv
mkdir -p r/sub
for p in bad.csv bad.csv ./bad.csv "$W/r/bad.csv" sub/../bad.csv; do
	zr r ingest "$p"
done
n=$(sqlite3 r/zothuis.db "SELECT count(*) FROM ingest_file WHERE name = 'bad.csv'")
[ "$n" = 1 ] || fail "bad.csv has $n records, want 1"

# a waiting credit that names a credit leaves no redelivery row behind
# (three JW323 messages: C2 -> C1 twice, in two declarations, then C1)
msg() {  # msg FILE DECLNR REF PREV: a JW323 with one credit line
	{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<Bericht xmlns="http://www.istandaarden.nl/ijw/3_2/jw323/schema" xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">'
	echo '<Header><BerichtCode>490</BerichtCode><BerichtVersie>3</BerichtVersie><BerichtSubversie>2</BerichtSubversie><Afzender>98000011</Afzender><Ontvanger>0402</Ontvanger><BerichtIdentificatie><ijw:Identificatie>ID'"$2"'</ijw:Identificatie><ijw:Dagtekening>2018-02-02</ijw:Dagtekening></BerichtIdentificatie><XsdVersie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></XsdVersie></Header>'
	echo '<Declaratie><DeclaratieNummer>'"$2"'</DeclaratieNummer><DeclaratiePeriode><ijw:Begindatum>2018-01-01</ijw:Begindatum><ijw:Einddatum>2018-01-31</ijw:Einddatum></DeclaratiePeriode><DeclaratieDagtekening>2018-02-02</DeclaratieDagtekening><TotaalIngediendBedrag><ijw:TotaalBedrag>54250</ijw:TotaalBedrag><ijw:DebetCredit>C</ijw:DebetCredit></TotaalIngediendBedrag><Clienten><Client><Bsn>'"$B"'</Bsn><Prestaties>'
	echo '<Prestatie><ProductReferentie><ijw:ReferentieNummer>'"$3"'</ijw:ReferentieNummer><ijw:VorigReferentieNummer>'"$4"'</ijw:VorigReferentieNummer></ProductReferentie><ToewijzingNummer>1000181</ToewijzingNummer><ProductCategorie>54</ProductCategorie><ProductCode>54001</ProductCode><ProductPeriode><ijw:Begindatum>2018-01-01</ijw:Begindatum><ijw:Einddatum>2018-01-31</ijw:Einddatum></ProductPeriode><GeleverdVolume>310</GeleverdVolume><Eenheid>01</Eenheid><ProductTarief>175</ProductTarief><IngediendBedrag><ijw:Bedrag>54250</ijw:Bedrag><ijw:DebetCredit>C</ijw:DebetCredit></IngediendBedrag></Prestatie>'
	echo '</Prestaties></Client></Clienten></Declaratie></Bericht>'
	} > "$1"
}
msg m1.xml N1 CX2 CX1
msg m2.xml N2 CX2 CX1
msg m3.xml N3 CX1 DX1
for f in m1.xml m2.xml m3.xml; do
	cp "$f" r/
	zr r ingest "$f"
done
# the last ingest rejected an earlier file's line: it says so, exit 2
[ $RC = 2 ] || fail "an ingest that rejected an earlier file's credit exit $RC, want 2"
grep -q "earlier files: 1 credits" r/last.out ||
	fail "no word of the earlier file's credit: $(cat r/last.out)"
[ "$(sqlite3 r/zothuis.db "SELECT count(*) FROM reject WHERE raw LIKE '%referentienummer=CX2;%'")" = 1 ] ||
	fail "the credit naming a credit was not rejected: $(cat r/last.out)"
fk=$(sqlite3 r/zothuis.db "PRAGMA foreign_key_check")
[ -z "$fk" ] || fail "dangling rows after a credit left quarantine: $fk"
echo "rel33 second attack: ok"
