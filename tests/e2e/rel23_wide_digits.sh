#!/bin/sh
# A BSN written in full-width digits (U+FF10..U+FF19), or partly so, is a
# BSN too (docs/privacy.md): in a reference too long for its field (the
# line is rejected: its raw text), in a reference and a declaration
# number that are stored, in a ToewijzingNummer (rejected: its message
# and raw text), in a JW315's ReferentieAanbieder, in a JW323 line
# rejected with the BSN in its ToewijzingNummer (the raw text is made
# from the fields) and in a file name (the log lines). No store row,
# rejects.csv cell, log line or output shows seven digits of those BSNs,
# in whatever digits; the stored lines are still stored.
# Usage: rel23_wide_digits.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"
. "$SRC/tests/e2e/lib/bsn.sh"

empty_region r
# made-up numbers that pass the 11-test: 735192844 (the lines' client),
# 111222333 and 999900006 (other children)
{
	echo "$DECL_HEADER"
	# the client's BSN in full-width digits in a reference of 24
	# characters (a length counts characters): too long
	echo "98000011;0402;735192844;3001;R$(fw 735192844)-$(fw 0921)-ABCDEFGH;;45;45A01;2021-09-01;2021-09-28;10;04;9500;95000;D"
	# mixed: four ASCII digits and five full-width ones (9 characters);
	# another child's BSN with one full-width digit as the number
	echo "98000011;0402;735192844;3002;7351$(fw 92844);;45;45A01;2021-09-01;2021-09-28;10;04;9500;95000;D;11122233$(fw 3)"
	# another child's BSN as the ToewijzingNummer, in full-width digits
	echo "98000011;0402;735192844;$(fw 111222333);R3;;45;45A01;2021-09-01;2021-09-28;10;04;9500;95000;D"
} | sed '1s/$/;declaratienummer/; 2s/$/;/; 4s/$/;/' > "r/inbox/client_$(fw 999900006).csv"
sed "s|<m:ReferentieAanbieder>REQ-A<|<m:ReferentieAanbieder>$(fw 111222333)<|" \
	"$SRC/tests/data/flow/01_jw315_a.xml" > r/inbox/jw315.xml
sed "0,/ToewijzingNummer>20001</s||ToewijzingNummer>$(fw 999900006)<|" \
	"$SRC/tests/data/ijw/jw323_prefixes.xml" > r/inbox/jw323.xml
grep -q "$(fw 999900006)" r/inbox/jw323.xml ||
	fail "the JW323 fixture has no ToewijzingNummer to replace"
old r/inbox/*
zr r ingest --rejects "$W/rej.csv" inbox
[ $RC = 2 ] || fail "ingest exit $RC, want 2: $(cat r/last.err)"
zr r run
written all.raw rej.csv
ascii all.raw > all.txt
grep -q 'field_too_long,"referentienummer: 24 characters, at most 20' \
	rej.csv || fail "no field_too_long line: $(cat rej.csv)"
grep -q "toewijzingnummer.*value_invalid\|value_invalid.*toewijzingnummer" \
	rej.csv || fail "the full-width ToewijzingNummer was not rejected"
[ "$(count r "SELECT count(*) FROM declaration WHERE ref LIKE '~%'")" -ge 1 ] ||
	fail "the mixed reference was not stored as a token"
no_bsn_part output all.txt 735192844 111222333 999900006
echo "rel23 wide digits: ok"
