#!/bin/sh
# Reliability, issue 18 defect 8: every BSN-like number is masked. A
# field_count line whose BSN lost its leading zero (8 digits), an
# encoding_invalid line with a BSN written "917 322 721", and a headerless
# '|' file whose first line has a BSN across byte 40 of its preview: no
# rejects.csv, .reason, log line or store row shows 7 or more digits of
# those BSNs. Provider codes (AGB, 8 digits) stay readable.
# Usage: rel08_bsn_masking.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"
. "$SRC/tests/e2e/lib/bsn.sh"

empty_region r
# 012345672 passes the 11-test; without its zero: 12345672
{
	echo "$DECL_HEADER"
	echo "98000011;0402;12345672;3001;RM1;;45;45A01;2021-09-01;2021-09-28;10;04;9500;95000;D;extra"
	printf '98000011;0402;123456782;3002;RM2;;45;45A01;2021-09-01;2021-09-28;10;04;9500;95000;D \201 917 322 721\n'
} > r/inbox/maskers.csv
printf 'aaaaaaaaaa|bbbbbbbbbb|cccccccccc|dd917322721|eeeeeeeeee\nx|y\n' > r/inbox/pijp.csv
old r/inbox/maskers.csv r/inbox/pijp.csv
zr r ingest --rejects "$W/rej.csv" inbox
[ $RC = 2 ] || fail "ingest exit $RC, want 2"
zr r run
written all.txt rej.csv
grep -q field_count rej.csv || fail "no field_count line"
grep -q encoding_invalid rej.csv || fail "no encoding_invalid line"
grep -q layout_unknown rej.csv || fail "the '|' file was not rejected"
no_bsn_part output all.txt 12345672 917322721 123456782
grep -q "917 322 721" all.txt && fail "a spaced BSN was shown"
grep -q "98000011" rej.csv || fail "the provider code is no longer readable"
echo "rel08 BSN masking: ok"
