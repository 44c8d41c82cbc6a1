#!/bin/sh
# A control byte inside a CSV field (docs/mapping.md): a line with one
# (SOH, an ESC sequence, BS, DEL) is rejected as encoding_invalid with
# the column and the byte's place named; its raw text in rejects.csv and
# in the store's reject table has the byte as '?' and every BSN masked,
# also one in a wrong column; a tab in a field and a line end inside
# quotes stay allowed.
# Usage: rel24_csv_control.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

empty_region r
# 735192844 and 111222333 are made-up numbers that pass the 11-test
L='98000011;0402;735192844;3001'
T='45;45A01;2021-09-01;2021-09-28;10;04;9500;95000;D'
{
	echo "$DECL_HEADER"
	printf '%s;R1\001x;111222333;%s\n' "$L" "$T"
	printf '%s;"R2\033[31m";;%s\n' "$L" "$T"
	printf '%s;R3\010;;%s\n' "$L" "$T"
	printf '%s;R4\177;;%s\n' "$L" "$T"
	printf '%s;R5\tx;;%s\n' "$L" "$T"
	printf '%s;"R6\r\ny";;%s\n' "$L" "$T"
} > r/inbox/ctl.csv
old r/inbox/ctl.csv
zr r ingest --rejects "$W/rej.csv" inbox
[ $RC = 2 ] || fail "ingest exit $RC, want 2: $(cat r/last.err)"
grep -q "read 6 = accepted 2 + rejected 4" r/last.out ||
	fail "not 2 accepted and 4 rejected: $(cat r/last.out)"
[ "$(grep -c 'encoding_invalid,"column 5 (referentienummer): control byte' rej.csv)" = 4 ] ||
	fail "not four control-byte rejects: $(cat rej.csv)"
grep -q "control byte 0x1B at byte 3 of the field" rej.csv ||
	fail "the ESC is not named: $(cat rej.csv)"
sqlite3 r/zothuis.db "SELECT raw FROM reject" > raw.txt
cat rej.csv r/last.out r/last.err raw.txt > all.txt
if LC_ALL=C grep -q "$(printf '[\001\010\033\177]')" all.txt; then
	fail "a control byte was written: $(LC_ALL=C grep -n "$(printf '[\001\010\033\177]')" all.txt | od -c | head)"
fi
grep -q 'R1?x;11\*\*\*\*\*33' rej.csv || fail "raw not shown masked: $(cat rej.csv)"
grep -q 'R2?\[31m' raw.txt || fail "the store's raw text: $(cat raw.txt)"
grep -q "735192\|111222" all.txt && fail "a BSN was shown: $(grep 735192 all.txt)"
[ "$(count r "SELECT count(*) FROM declaration")" = 2 ] ||
	fail "the tab and the quoted line end are no longer allowed"
echo "rel24 CSV control bytes: ok"
