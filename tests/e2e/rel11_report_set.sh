#!/bin/sh
# Reliability, issue 18 defect 11: a report set is replaced as a whole.
# When writing a new set fails part-way (here: a file size limit that the
# PDF, HTML and indicatoren.csv pass and the long rejects.csv does not,
# written last: exit 4), the folder
# still holds the previous set, every file of it, and no temporary file;
# the next successful report replaces all of it at once.
# Usage: rel11_report_set.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"
export SOURCE_DATE_EPOCH=1700000000

make_region r
zr r run
[ $RC = 0 ] || [ $RC = 2 ] || fail "run exit $RC"
zr r report --period 2021-H2 --format pdf,html,csv
[ $RC = 0 ] || fail "report exit $RC: $(cat r/last.err)"
P=r/out/testregio/2021-H2
cp -r $P set1
# new data, so that every file of a new set differs, with 6,000 rejected
# lines that make rejects.csv the largest file
{ echo "$DECL_HEADER"; decl_lines 30 96000000 0402 12
  decl_lines 6000 97000000 | sed 's/;45;45A01;/;58;45A01;/'; } > r/inbox/meer.csv
old r/inbox/meer.csv
zr r ingest inbox
[ $RC = 2 ] || fail "ingest exit $RC"
zr r report --period 2021-H2 --format csv --out "$W/probe"
big=$(stat -c %s probe/testregio/2021-H2/intern/rejects.csv)
[ $big -gt 700000 ] || fail "rejects.csv is only $big bytes: adjust the test"
set +e
( cd r && ulimit -f 1200 && "$Z" --config region.ini report --period 2021-H2 --format pdf,html,csv ) > full.out 2> full.err
rc=$?
set -e
[ $rc = 4 ] || fail "report under the size limit exit $rc, want 4: $(cat full.err)"
for f in rapport.pdf rapport.html indicatoren.csv intern/rejects.csv; do
	cmp -s set1/$f $P/$f || fail "$f was replaced although the set was not complete"
done
[ "$(ls -A $P | wc -l)" = 4 ] || fail "the folder holds more than the old set: $(ls -A $P)"
[ -z "$(find r/out -name '*.tmp.*')" ] || fail "temporary files left: $(find r/out -name '*.tmp.*')"

zr r report --period 2021-H2 --format pdf,html,csv
[ $RC = 0 ] || fail "report exit $RC"
for f in rapport.pdf rapport.html indicatoren.csv intern/rejects.csv; do
	cmp -s set1/$f $P/$f && fail "$f was not replaced by the new set"
done
echo "rel11 report set: ok"
