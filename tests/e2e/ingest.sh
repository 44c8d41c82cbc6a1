#!/bin/sh
# End-to-end: init, ingest, reconciliation, rejects.csv, idempotent
# re-ingest, check leaves the store alone, a file that fails halfway
# leaves nothing, gzip input, JW323 lines out of the message's namespace
# or letter case rejected (not lost), and no input BSN anywhere
# afterwards.
# Usage: ingest.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
DATA=$SRC/tests/data/ingest
rm -rf "$W"; mkdir -p "$W"; cd "$W"
fail() { echo "FAIL: $*" >&2; exit 1; }
count() { sqlite3 zothuis.db "$1"; }

"$Z" init > init.out 2> log.txt
[ "$(stat -c %a zothuis.key)" = 600 ] || fail "key file not mode 600"
[ "$(count 'PRAGMA user_version')" -ge 1 ] || fail "no schema version"

# a clean file: exit 0, one reconciliation line
"$Z" ingest "$DATA/good.csv" > good.out 2>> log.txt || fail "good.csv exit $?"
grep -q "read 6 = accepted 6 + rejected 0 + duplicates 0" good.out ||
	fail "good.csv reconciliation: $(cat good.out)"
grep -q "credits: 1 applied" good.out || fail "credit not applied"
[ "$(count 'SELECT count(*) FROM declaration')" = 6 ] || fail "6 lines stored"

# the same file again is a no-op
"$Z" ingest "$DATA/good.csv" > again.out 2>> log.txt || fail "repeat exit $?"
grep -q "already ingested" again.out || fail "repeat not recognised"
[ "$(count 'SELECT count(*) FROM declaration')" = 6 ] || fail "repeat stored lines"

# bad lines: exit 2, every line accounted for, one reject per reason
set +e
"$Z" ingest "$DATA/bad.csv" "$DATA/unknown-layout.csv" > bad.out 2>> log.txt
rc=$?
set -e
[ $rc = 2 ] || fail "bad.csv exit $rc, want 2"
grep -q "read 20 = accepted 3 + rejected 16 + duplicates 1" bad.out ||
	fail "bad.csv reconciliation: $(cat bad.out)"
grep -q "1 new in quarantine" bad.out || fail "waiting credit not reported"
[ "$(tail -n +2 out/rejects.csv | grep -c '^bad.csv,')" = 16 ] ||
	fail "rejects.csv has not 16 bad.csv lines"
for r in bsn_format bsn_elfproef date_invalid period_reversed gemeente_unknown \
	agb_format category_unknown unit_unknown amount_invalid value_invalid \
	missing_field field_too_long field_count duplicate_reference \
	duplicate_credit encoding_invalid layout_unknown; do
	grep -q ",$r," out/rejects.csv || fail "no $r in rejects.csv"
done
grep -q "columns found: klant, bedrag, datum" bad.out ||
	fail "unknown layout message does not list the columns found"
[ "$(count "SELECT count(*) FROM ingest_file WHERE status = 'rejected'")" = 1 ] ||
	fail "rejected file not recorded"

# --quiet: a line only for the files with problems, and the totals
mkdir q
( cd q && "$Z" init > /dev/null 2>&1 && set +e &&
	"$Z" --quiet ingest "$DATA/good.csv" "$DATA/bad.csv" > ../quiet.out 2>&1
	[ $? = 2 ] ) || fail "--quiet ingest: exit not 2"
grep -q "good.csv" quiet.out && fail "--quiet names a clean file: $(cat quiet.out)"
grep -q "bad.csv.*rejected 16" quiet.out ||
	fail "--quiet does not name the file with problems: $(cat quiet.out)"
grep -q "lines: read 26 = accepted 9 + rejected 16 + duplicates 1" quiet.out ||
	fail "--quiet has no totals: $(cat quiet.out)"

# an amount that is not volume x tariff is a warning on the lines stored,
# not on a resent duplicate or a line rejected as duplicate_reference
mkdir w
H='aanbieder_agb;gemeente;bsn;toewijzingnummer;referentienummer;vorig_referentienummer;productcategorie;productcode;begindatum;einddatum;volume;eenheid;tarief;bedrag;debet_credit'
printf '%s\n%s\n%s\n' "$H" \
	'12345678;0402;900000004;1001;W-0001;;45;45A01;2022-01-01;2022-01-31;10;04;9500;95001;D' \
	'12345678;0402;900000004;1001;W-0002;;45;45A01;2022-02-01;2022-02-28;8;04;9500;76000;D' > w/a.csv
printf '%s\r\n%s\r\n%s\r\n' "$H" \
	'12345678;0402;900000004;1001;W-0001;;45;45A01;2022-01-01;2022-01-31;10;04;9500;95001;D' \
	'12345678;0402;900000004;1001;W-0002;;45;45A01;2022-02-01;2022-02-28;8;04;9500;76002;D' > w/b.csv
( cd w && "$Z" init > /dev/null 2>&1 && "$Z" ingest a.csv > a.out 2>&1 &&
	{ "$Z" ingest b.csv > b.out 2>&1; [ $? = 2 ]; } ) ||
	fail "warning files: unexpected exit: $(cat w/a.out w/b.out)"
grep -q "duplicates 1" w/b.out && grep -q "rejected 1" w/b.out ||
	fail "b.csv: want one duplicate and one duplicate_reference: $(cat w/b.out)"
[ "$(sqlite3 w/zothuis.db "SELECT coalesce(warnings, '') FROM ingest_file WHERE name = 'a.csv'")" = \
	"1 amounts differ from volume x tariff" ] || fail "a.csv: want one amount warning"
[ "$(sqlite3 w/zothuis.db "SELECT coalesce(warnings, '') FROM ingest_file WHERE name = 'b.csv'")" = "" ] ||
	fail "b.csv: an amount warning for lines not stored"

# check: validates, stores nothing
before=$(count 'SELECT count(*) FROM declaration')
sed 's/A-00/K-00/g; s/;X9;/;K9;/' "$DATA/good.csv" > fresh.csv
"$Z" check fresh.csv > check.out 2>> log.txt || fail "check exit $?"
grep -q "read 6 = accepted 6" check.out || fail "check counts"
[ "$(count 'SELECT count(*) FROM declaration')" = "$before" ] ||
	fail "check changed the store"

# check --xsd: the shipped iJw 3.2 schemas by default, --xsd=DIR (or
# --xsd DIR) another schema folder; a schema-invalid example (JW315:
# 2027-06-31) gives exit 2, a schema folder that lacks the message's
# schema exit 1
IJW=$SRC/reference/ijw
"$Z" check --xsd "$IJW/examples/JW301.xml" > xsd-ok.out 2>> log.txt ||
	fail "check --xsd JW301 exit $?"
grep -q "^xsd-ok .*JW301.xml" xsd-ok.out || fail "JW301 not xsd-ok: $(cat xsd-ok.out)"
set +e
"$Z" check --xsd "$IJW/examples/JW315.xml" > xsd-bad.out 2>> log.txt
rc=$?
mkdir -p xsd-other
cp "$IJW/Basisschema.xsd" "$IJW/JW323.xsd" xsd-other/
"$Z" check --xsd=xsd-other "$IJW/examples/JW323.xml" > xsd-dir.out 2>> log.txt
rc_dir=$?
"$Z" check --xsd xsd-other "$IJW/examples/JW301.xml" > xsd-dir2.out 2>> log.txt
rc_dir2=$?
set -e
[ $rc = 2 ] || fail "check --xsd of the invalid JW315 exit $rc, want 2"
grep -q "^XSD-ERROR .*JW315.xml" xsd-bad.out || fail "JW315 not reported invalid"
grep -q "JW315.xml:44: " xsd-bad.out || fail "JW315 error without its line"
# (the JW323 example is schema-valid but uses RN004 twice: exit 2)
[ $rc_dir = 2 ] || fail "check --xsd=DIR JW323 exit $rc_dir, want 2"
grep -q "^xsd-ok .*JW323.xml" xsd-dir.out || fail "--xsd=DIR not used"
[ $rc_dir2 = 1 ] || fail "check --xsd DIR without JW301.xsd exit $rc_dir2, want 1"

# gzip is recognised by its bytes, not its name
gzip -c fresh.csv > fresh.data
"$Z" ingest fresh.data > gz.out 2>> log.txt || fail "gzip exit $?"
grep -q "csv+gzip" gz.out || fail "gzip not recognised: $(cat gz.out)"

# a file that fails halfway (malformed XML after good lines) leaves nothing
bsn=$(sed -n 2p "$DATA/good.csv" | cut -d';' -f3)
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<Bericht xmlns="http://www.istandaarden.nl/ijw/3_2/jw323/schema" xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">'
	echo '<Header><BerichtCode>490</BerichtCode><BerichtVersie>3</BerichtVersie><BerichtSubversie>2</BerichtSubversie><Afzender>12345678</Afzender><Ontvanger>0402</Ontvanger><BerichtIdentificatie><ijw:Identificatie>X1</ijw:Identificatie><ijw:Dagtekening>2022-04-02</ijw:Dagtekening></BerichtIdentificatie><XsdVersie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></XsdVersie></Header>'
	echo '<Declaratie><DeclaratieNummer>D1</DeclaratieNummer><DeclaratiePeriode><ijw:Begindatum>2022-03-01</ijw:Begindatum><ijw:Einddatum>2022-03-31</ijw:Einddatum></DeclaratiePeriode><DeclaratieDagtekening>2022-04-02</DeclaratieDagtekening><TotaalIngediendBedrag><ijw:TotaalBedrag>9500</ijw:TotaalBedrag><ijw:DebetCredit>D</ijw:DebetCredit></TotaalIngediendBedrag><Clienten><Client><Bsn>'"$bsn"'</Bsn><Prestaties>'
	for i in 1 2 3; do
		echo '<Prestatie><ProductReferentie><ijw:ReferentieNummer>HALF'$i'</ijw:ReferentieNummer></ProductReferentie><ToewijzingNummer>1001</ToewijzingNummer><ProductCategorie>45</ProductCategorie><ProductCode>45A01</ProductCode><ProductPeriode><ijw:Begindatum>2022-03-01</ijw:Begindatum><ijw:Einddatum>2022-03-31</ijw:Einddatum></ProductPeriode><GeleverdVolume>1</GeleverdVolume><Eenheid>04</Eenheid><ProductTarief>9500</ProductTarief><IngediendBedrag><ijw:Bedrag>9500</ijw:Bedrag><ijw:DebetCredit>D</ijw:DebetCredit></IngediendBedrag></Prestatie>'
	done
	echo '</Prestaties></Client><Client><Bsn>broken'
} > half.xml
before=$(count 'SELECT count(*) FROM declaration')
set +e
"$Z" ingest half.xml > half.out 2>> log.txt
rc=$?
set -e
[ $rc = 2 ] || fail "half.xml exit $rc, want 2"
grep -q "xml_malformed" half.out || fail "half.xml not rejected whole"
[ "$(count 'SELECT count(*) FROM declaration')" = "$before" ] ||
	fail "lines of a file that failed halfway were stored"
[ "$(count "SELECT count(*) FROM declaration WHERE ref LIKE 'HALF%'")" = 0 ] ||
	fail "half.xml lines stored"

# a JW323 whose lines are out of the message's namespace, or spelled in
# another letter case: every line is read and rejected, none is lost
demo=$SRC/fixtures/samples/demo-jw323.xml
sed 's/<Prestaties>/<Prestaties xmlns="">/' "$demo" > lines-nons.xml
sed 's/<Prestatie>/<prestatie>/; s#</Prestatie>#</prestatie>#' "$demo" > lines-lc.xml
for f in lines-nons lines-lc; do
	set +e
	"$Z" ingest $f.xml > $f.out 2>> log.txt
	rc=$?
	set -e
	[ $rc = 2 ] || fail "$f.xml exit $rc, want 2"
	grep -q "read 10 = accepted 0 + rejected 10 + duplicates 0" $f.out ||
		fail "$f.xml reconciliation: $(cat $f.out)"
	[ "$(grep -c "^$f.xml,.*,value_invalid,.*not read" out/rejects.csv)" = 10 ] ||
		fail "$f.xml lines not in rejects.csv"
done

# a message dated in the future counts as delivered today, with a
# warning: else it would stay out of every --as-of view up to that day
sed 's/Dagtekening>2021-09-11</Dagtekening>2999-12-31</g; s/<ijw:ReferentieNummer>/<ijw:ReferentieNummer>FUT/g' \
	"$demo" > future.xml
set +e
"$Z" ingest future.xml > future.out 2> future.err
set -e
cat future.err >> log.txt
grep -q "dated 2999-12-31, after today" future.out future.err ||
	fail "no warning for a message dated in the future: $(cat future.out future.err)"
[ "$(count "SELECT count(*) FROM ingest_file WHERE name = 'future.xml' AND delivered_day <= CAST(julianday('now') - 2440587.5 AS INTEGER)")" = 1 ] ||
	fail "a message dated 2999-12-31 counts as delivered then: $(count "SELECT delivered_day FROM ingest_file WHERE name = 'future.xml'")"

# no input BSN anywhere: store dump, logs, every output
sqlite3 zothuis.db .dump > dump.sql
for f in "$DATA"/*.csv; do
	tail -n +2 "$f" | cut -d';' -f3 | grep -E '^[0-9]{9}$' || true
done | sort -u > bsns.txt
[ -s bsns.txt ] || fail "no BSNs found in the inputs"
while read -r b; do
	if grep -rq "$b" dump.sql out log.txt ./*.out zothuis.db* 2>/dev/null; then
		fail "BSN found after ingest (masked form expected)"
	fi
done < bsns.txt
echo "ingest e2e: ok"
