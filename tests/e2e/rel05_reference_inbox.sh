#!/bin/sh
# Reliability, issue 18 defect 5: reference data come only from where the
# configuration says. A product catalogue dropped in the inbox is rejected
# whole (reference_in_inbox, moved to rejected/ with a .reason) and the
# configured catalogue stays, also in later runs. With [input]
# reference_from_inbox = true it is taken; the next run without it reads
# the configured file again, since the table no longer came from it. A
# configured file that changed is read again.
# Usage: rel05_reference_inbox.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

region_run r 0 2
n0=$(count r "SELECT count(*) FROM product_code")
[ "$n0" = 24 ] || fail "the configured catalogue has $n0 rows, want 24"

printf 'productcode,kind,label,valid_from,valid_to,gemeente\n45A01,residentieel,Alles is verblijf,,,\n' > een.csv
cp een.csv r/inbox/catalogus.csv
old r/inbox/catalogus.csv
zr r run
[ $RC = 2 ] || fail "run with a catalogue in the inbox exit $RC, want 2"
[ "$(count r "SELECT count(*) FROM product_code")" = 24 ] || fail "a catalogue in the inbox replaced the configured one"
[ -e r/rejected/catalogus.csv ] || fail "the catalogue was not moved to rejected/"
head -1 r/rejected/catalogus.csv.reason | grep -qx reference_in_inbox || fail "reason: $(cat r/rejected/catalogus.csv.reason)"
zr r run
[ "$(count r "SELECT count(*) FROM product_code")" = 24 ] || fail "a later run lost the configured catalogue"

# opting in: taken; without the opt-in the configured file comes back
cp een.csv r/inbox/catalogus2.csv
old r/inbox/catalogus2.csv
zr r --set input.reference_from_inbox=true run
[ "$(count r "SELECT count(*) FROM product_code")" = 1 ] || fail "the opt-in did not take the inbox catalogue"
zr r run
[ "$(count r "SELECT count(*) FROM product_code")" = 24 ] ||
	fail "the configured catalogue was not read again (the configured file counted as already ingested)"

# a configured file that changed is read again
grep -v '^45A10,' r/reference/productcodes.csv > p.csv && cp p.csv r/reference/productcodes.csv
zr r run
[ "$(count r "SELECT count(*) FROM product_code")" = 23 ] || fail "a changed configured catalogue was not read again"
# the very catalogue the region configured, found again in the inbox:
# rejected there (exit 2), never a failure of the store (it was exit 70:
# the fingerprint of the ingested file taken a second time)
cp r/reference/productcodes.csv r/inbox/kopie.csv
old r/inbox/kopie.csv
zr r run
[ $RC = 2 ] || fail "run with a copy of the configured catalogue in the inbox exit $RC, want 2"
[ -e r/rejected/kopie.csv ] || fail "the copy was not moved to rejected/"
[ "$(count r "SELECT count(*) FROM product_code")" = 23 ] || fail "the copy changed the catalogue"
# the same copy again under the same name: its rejection replaces the
# earlier record of that delivery (it added one record at every run)
q="SELECT count(*) FROM ingest_file WHERE status = 'rejected'"
n1=$(count r "$q")
cp r/reference/productcodes.csv r/inbox/kopie.csv
old r/inbox/kopie.csv
zr r run
[ $RC = 2 ] || fail "run with the copy again exit $RC, want 2"
[ "$(count r "$q")" = "$n1" ] || fail "the copy found again added a rejected file record ($n1 -> $(count r "$q"))"
# ... and under another name it is another delivery: both are listed
cp r/reference/productcodes.csv r/inbox/kopie2.csv
old r/inbox/kopie2.csv
zr r run
[ $RC = 2 ] || fail "run with a second copy exit $RC, want 2"
[ "$(count r "$q")" = "$((n1 + 1))" ] || fail "a second copy under another name is not listed ($n1 -> $(count r "$q"))"
# two files of the same bytes refused whole in one run: both listed
printf 'x,y\n1,2\n' > r/inbox/aanbieder_A.csv
cp r/inbox/aanbieder_A.csv r/inbox/aanbieder_B.csv
old r/inbox/aanbieder_A.csv
old r/inbox/aanbieder_B.csv
zr r run
[ "$(count r "SELECT count(*) FROM ingest_file WHERE name LIKE 'aanbieder__.csv'")" = 2 ] ||
	fail "two refused files of the same bytes: $(count r "SELECT group_concat(name) FROM ingest_file WHERE name LIKE 'aanbieder%'")"
echo "rel05 reference files: ok"
