#!/bin/sh
# Reliability, the third attack round: a delivered file whose name looks
# like a temporary name (levering.csv.tmp.Ab12Cd) is archived by one run
# and kept by every later run. zothuis's own temporary files are hidden
# (.NAME.tmp.XXXXXX) and only hidden names are cleaned up, in the archive
# and rejected folders as in the report folders.
# Usage: rel30_delivered_tmp_names.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
tmp_named_deliveries 32000000
zr r run
[ $RC = 0 ] || [ $RC = 2 ] || fail "first run exit $RC: $(cat r/last.err)"
a=$(find r/archive -name 'levering.csv.tmp.Ab12Cd')
[ -n "$a" ] || fail "the delivery was not archived: $(ls -R r)"
[ -e r/rejected/onbekend.csv.tmp.Cd34Ef ] ||
	fail "the unknown file was not moved to rejected: $(ls -R r)"
# what a killed run of zothuis leaves: hidden temporary names
m=$(dirname "$a")
echo half > "$m/.levering.csv.tmp.Zz11Yy"
echo half > r/rejected/.x.csv.reason.tmp.Qq22Ww
zr r run
[ $RC = 0 ] || [ $RC = 2 ] || fail "second run exit $RC: $(cat r/last.err)"
[ -e "$a" ] || fail "the second run deleted the archived delivery $a"
[ -e r/rejected/onbekend.csv.tmp.Cd34Ef ] ||
	fail "the second run deleted the rejected delivery"
[ -e r/rejected/onbekend.csv.tmp.Cd34Ef.reason ] ||
	fail "the rejected delivery lost its reason"
[ ! -e "$m/.levering.csv.tmp.Zz11Yy" ] ||
	fail "a temporary file of a killed run was left in the archive"
[ ! -e r/rejected/.x.csv.reason.tmp.Qq22Ww ] ||
	fail "a temporary file of a killed run was left in rejected"
# zothuis's own temporary names are hidden: none is left, none visible
[ -z "$(find r/out r/archive r/rejected -name '[!.]*.tmp.??????' \
	! -name 'levering.csv.tmp.Ab12Cd' ! -name 'onbekend.csv.tmp.Cd34Ef')" ] ||
	fail "visible temporary names: $(find r -name '*.tmp.*')"
echo ok
