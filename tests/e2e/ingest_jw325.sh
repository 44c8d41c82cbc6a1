#!/bin/sh
# End-to-end: the JW325 (declaratie-antwoord) example of the iJw
# reference, plain and gzipped, through `ingest`: one row per rejected
# Prestatie and one for the answer itself (read 4 = accepted 4), the
# gzipped copy adds nothing, and a second answer with another
# identification to the same JW323 is rejected row by row
# (answer_conflict, exit 2). A provider reference that is a BSN
# (917322721 passes the 11-test) is stored in neither the JW323 nor its
# answer, and the answer still finds its line.
# Usage: ingest_jw325.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
EX=$SRC/reference/ijw/examples/JW325.xml
rm -rf "$W"; mkdir -p "$W"; cd "$W"
fail() { echo "FAIL: $*" >&2; exit 1; }
count() { sqlite3 zothuis.db "$1"; }

"$Z" init > init.out 2> log.txt
"$Z" ingest "$EX" > plain.out 2>> log.txt || fail "JW325.xml exit $?"
grep -q "\[antwoorden, jw325\]: read 4 = accepted 4 + rejected 0" \
	plain.out || fail "plain: $(cat plain.out)"
[ "$(count 'SELECT count(*) FROM answer_line')" = 3 ] || fail "3 lines"
[ "$(count "SELECT codes || '/' || main_code || '/' || whole_rejected
	FROM answer")" = "0200 0200/0200/0" ] || fail "the answer's codes"
[ "$(count "SELECT main_code FROM answer_line WHERE ref = 'RN002'")" = \
	9339 ] || fail "RN002's main code"

# the same answer gzipped: nothing new
gzip -c "$EX" > antwoord.xml.gz
"$Z" ingest antwoord.xml.gz > gz.out 2>> log.txt || fail "gz exit $?"
[ "$(count 'SELECT count(*) FROM answer_line')" = 3 ] || fail "gz added"
[ "$(count 'SELECT count(*) FROM answer')" = 1 ] || fail "gz added"

# another answer (other BerichtIdentificatie) to the same JW323
sed 's#<ijw:Identificatie>654321987#<ijw:Identificatie>654321999#' \
	"$EX" > second.xml
set +e
"$Z" ingest second.xml > second.out 2>> log.txt
rc=$?
set -e
[ $rc = 2 ] || fail "second answer exit $rc, want 2"
grep -q "read 4 = accepted 0 + rejected 4" second.out ||
	fail "second: $(cat second.out)"
[ "$(count "SELECT count(*) FROM reject WHERE reason =
	'answer_conflict'")" = 4 ] || fail "4 answer_conflict rejects"

# a reference that is a BSN, in the declaration and in its answer
mkdir bsnref
sed 's/RN002/917322721/g' "$SRC/reference/ijw/examples/JW323.xml" > bsnref/d.xml
sed 's/RN002/917322721/g' "$EX" > bsnref/a.xml
# (the example JW323 repeats a reference with other content: exit 2)
set +e
( cd bsnref && "$Z" init > init.out 2>> ../log.txt &&
	"$Z" ingest d.xml a.xml > ingest.out 2>> ../log.txt )
rc=$?
set -e
[ $rc = 2 ] && grep -q "accepted 4 + rejected 0" bsnref/ingest.out ||
	fail "bsnref exit $rc: $(cat bsnref/ingest.out)"
sqlite3 bsnref/zothuis.db .dump | grep -q 7322 &&
	fail "bsnref: the BSN is in the store"
[ "$(sqlite3 bsnref/zothuis.db "SELECT count(*) FROM answer_line a
	JOIN declaration d ON d.agb = a.agb AND d.ref = a.ref
	WHERE a.ref LIKE '~%'")" = 1 ] || fail "bsnref: the answer lost its line"
echo ok
