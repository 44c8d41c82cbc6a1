#!/bin/sh
# Text at the edges of a CSV line (docs/inputs.md "Field lengths",
# docs/mapping.md, docs/privacy.md):
#  a. a reference of 20 two-byte characters is stored, one of 21 is
#     rejected as field_too_long with the characters counted;
#  b. a C1 control character (U+0092, Windows-1252 read as Latin-1) in a
#     field rejects the line as encoding_invalid; it is written nowhere;
#  c. BSNs in digit groups joined by the separators a spreadsheet or a
#     web page writes (a no-break space, a narrow no-break space, an en
#     dash, a thin space between full-width digits): in a wrong column, in
#     a line that could not be split, in a provider's name; and the
#     line's own BSN in such groups in its reference, stored as a token.
#     No row of the store, cell of rejects.csv or line of the output shows
#     seven digits of them, and rejects.csv and the stored raw texts are
#     valid UTF-8.
# Usage: rel34_text_edges.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"
. "$SRC/tests/e2e/lib/bsn.sh"

C1=$(printf '\302\222')          # U+0092
E=$(printf '\303\251')           # U+00E9
# e N: N e-acutes
e() { awk -v n="$1" -v c="$E" 'BEGIN { for (i = 0; i < n; i++) printf "%s", c }'; }

empty_region r
# made-up numbers that pass the 11-test: 735192844 (the lines' client),
# 111222333 and 917322721 (other children)
L='98000011;0402;735192844'
T='45;45A01;2021-09-01;2021-09-28;10;04;9500;95000;D'
{
	echo "$DECL_HEADER"
	echo "$L;3001;R$(e 19);;$T"
	echo "$L;3002;R$(e 20);;$T"
	echo "$L;3003;d${C1}Artagnan;;$T"
	echo "$L;3004;R4;;45;45A01;2021-09-01;111${NBSP}222${NBSP}333;10;04;9500;95000;D"
	echo "$L;3005;735${NNBSP}192${NNBSP}844-X;;$T"
	echo "$L;3006;R6;zie 735${ENDASH}19${ENDASH}2844 en $(fw 111)${THIN}$(fw 222)${THIN}$(fw 333);$T;extra"
} > r/inbox/tekst.csv
old r/inbox/tekst.csv
zr r ingest --rejects "$W/rej.csv" inbox
[ $RC = 2 ] || fail "ingest exit $RC, want 2: $(cat r/last.err)"
grep -q "read 6 = accepted 2 + rejected 4" r/last.out ||
	fail "not 2 accepted and 4 rejected: $(cat r/last.out)"

# a. lengths in characters
[ "$(count r "SELECT count(*) FROM declaration WHERE ref = 'R$(e 19)'")" = 1 ] ||
	fail "a: the reference of 20 characters was not stored"
grep -q 'field_too_long,"referentienummer: 21 characters, at most 20 allowed"' rej.csv ||
	fail "a: no field_too_long counted in characters: $(cat rej.csv)"

# b. the C1 control
grep -q 'encoding_invalid,"\?column 5 (referentienummer): control character U+0092 at byte 2' rej.csv ||
	fail "b: the C1 control was not rejected: $(cat rej.csv)"
grep -q ';d?Artagnan;' rej.csv || fail "b: raw not shown with '?': $(cat rej.csv)"

# c. the separators
[ "$(count r "SELECT count(*) FROM declaration WHERE line = 6 AND ref LIKE '~%-X'")" = 1 ] ||
	fail "c: the own BSN in the reference is not a token: $(count r "SELECT ref FROM declaration")"
grep -q "11\*${NBSP}\*\*\*${NBSP}\*33" rej.csv ||
	fail "c: the wrong-column BSN not masked in its groups: $(cat rej.csv)"
grep -q "field_count" rej.csv || fail "c: the line that could not be split"
grep -q "73\*${ENDASH}\*\*${ENDASH}\*\*44" rej.csv ||
	fail "c: the en-dash groups not masked: $(cat rej.csv)"
# a provider's name
sed '$a\'"98000099,Zorg 917${THIN}322${THIN}721 BV,J&O,ja" \
	"$SRC/fixtures/samples/demo-aanbieders.csv" > r/reference/aanbieders.csv
zr r ingest reference/aanbieders.csv
[ $RC = 0 ] || [ $RC = 2 ] || fail "c: providers exit $RC: $(cat r/last.err)"
[ "$(count r "SELECT name FROM provider WHERE agb = 98000099")" = "Zorg 91*${THIN}***${THIN}*21 BV" ] ||
	fail "c: the provider's name: $(count r "SELECT name FROM provider WHERE agb = 98000099")"

sqlite3 r/zothuis.db .dump > dump.sql
sqlite3 r/zothuis.db "SELECT raw, message FROM reject" > raw.txt
iconv -f UTF-8 -t UTF-8 rej.csv > /dev/null || fail "rejects.csv is not UTF-8"
iconv -f UTF-8 -t UTF-8 raw.txt > /dev/null || fail "a stored raw text is not UTF-8"
cat rej.csv dump.sql r/last.out r/last.err > all.raw
LC_ALL=C grep -q "$C1" all.raw && fail "b: the C1 control was written"
digits all.raw > all.txt
no_bsn_part c all.txt 735192844 111222333 917322721
echo "rel34 text edges: ok"
