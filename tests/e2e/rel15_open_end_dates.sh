#!/bin/sh
# Reliability, issue 18 defect 15: 9999-12-31 (and any year from 3000 up
# to 9999) in an end date that may be open -- a JW301 assignment's
# Einddatum, a residence period's einddatum, a product code's valid_to --
# is an open end, stored as such (NULL), not a rejected "not a real
# date". Where no open end fits (a declared period's end) it is rejected
# with that reason stated.
# Usage: rel15_open_end_dates.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

empty_region r
sed 's#<jw301:Einddatum>[0-9-]*</jw301:Einddatum>#<jw301:Einddatum>9999-12-31</jw301:Einddatum>#' \
	"$SRC/fixtures/samples/demo-jw301.xml" > r/inbox/toewijzing.xml
grep -q '9999-12-31' r/inbox/toewijzing.xml || fail "no open end in the JW301 (sample changed?)"
printf 'bsn;gemeente;begindatum;einddatum\n930426198;0402;2002-04-28;9999-12-31\n997347041;0402;2008-08-20;5000-01-01\n' > r/inbox/residenties.csv
sed 's/^45A01,\(.*\),,,$/45A01,\1,2015-01-01,9999-12-31,/' r/reference/productcodes.csv > p.csv
cp p.csv r/reference/productcodes.csv
grep -q '9999-12-31' r/reference/productcodes.csv || fail "no open end in the catalogue"
{ echo "$DECL_HEADER"
  echo "98000011;0402;123456782;3001;RD1;;45;45A01;2021-09-01;3000-01-31;10;04;9500;95000;D"; } > r/inbox/decl.csv
old r/inbox/*
zr r run
[ $RC = 2 ] || fail "run exit $RC, want 2 (the declaration): $(cat r/last.err)"
[ "$(count r "SELECT count(*) FROM reject WHERE reason = 'date_invalid' AND file_id IN (SELECT id FROM ingest_file WHERE name <> 'decl.csv')")" = 0 ] ||
	fail "open ends rejected: $(count r "SELECT message FROM reject WHERE reason = 'date_invalid'")"
n=$(count r "SELECT count(*) FROM assignment")
[ "$n" -gt 0 ] || fail "no assignment stored"
[ "$(count r "SELECT count(*) FROM assignment WHERE end_day IS NOT NULL")" = 0 ] || fail "an assignment's open end was stored as a date"
[ "$(count r "SELECT count(*) FROM residence WHERE end_day IS NULL")" = 2 ] || fail "residence open ends: $(count r 'SELECT begin_day, end_day FROM residence')"
[ "$(count r "SELECT count(*) FROM product_code WHERE code = '45A01' AND valid_to IS NULL")" = 1 ] || fail "the catalogue's open end"
m=$(count r "SELECT message FROM reject WHERE reason = 'date_invalid'")
echo "$m" | grep -q "open end" || fail "the declaration's reject does not say why: $m"
echo "rel15 open-end dates: ok"
