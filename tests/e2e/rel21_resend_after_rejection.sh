#!/bin/sh
# A declaration rejected whole by the municipality (JW325 retour code
# 0001: it counts as not received) and sent again by the provider with
# the same lines in a new declaration: the lines are identical resends
# of stored lines, but the new declaration's answer decides for them
# (docs/inputs.md, "Declaration answers").
#  a. resent and approved (8001): the spending counts;
#  b. resent and not answered yet: nog niet beoordeeld, counted;
#  c. approved first, then resent and the resend rejected as already
#     delivered (8021): the spending still counts;
#  d. a copy of a declaration (same DeclaratieNummer, other bytes) is no
#     second delivery.
# Usage: rel21_resend_after_rejection.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"
. "$SRC/tests/e2e/lib/ijw.sh"

# answer ID DECL_ID DECLNR CODE [REF LINECODE]: an answer (CSV layout)
answer() {
	echo "$ANSWER_HEADER"
	g=95000; [ "$4" = 8001 ] || [ "$4" = 0200 ] || g=0
	echo "0402;98000011;$1;$2;$3;declaratie;;95000;D;$g;D;$4"
	[ -z "${5:-}" ] || echo "0402;98000011;$1;$2;$3;prestatie;$5;95000;D;0;D;$6"
}
ing() {
	zr r ingest "$@"
	[ $RC = 0 ] || fail "ingest $* exit $RC: $(cat r/last.out r/last.err)"
}

empty_region r
ing "$SRC/fixtures/samples/demo-aanbieders.csv"
jw323 WM1 WDN1 2021-10-11 3000 100000010 WR1:95000 > w1.xml
answer A1 WM1 WDN1 0001 > ans1.csv
jw323 WM2 WDN2 2021-10-11 3000 100000010 WR1:95000 > w2.xml
answer A2 WM2 WDN2 8001 > ans2.csv
ing "$W/w1.xml" "$W/ans1.csv"
[ "$(spend)" = "0.00 950.00 0" ] || fail "the rejected declaration counts: $(spend)"
# b. the resend, not answered yet
ing "$W/w2.xml"
grep -q "read 1 = accepted 0 + rejected 0 + duplicates 1" r/last.out ||
	fail "b: the resend is not a duplicate: $(cat r/last.out)"
[ "$(count r "SELECT count(*) FROM redelivery")" = 1 ] ||
	fail "b: the second delivery was not noted"
[ "$(spend)" = "950.00 0.00 1" ] || fail "b: the resend does not wait: $(spend)"
# a. approved
ing "$W/ans2.csv"
[ "$(spend)" = "950.00 0.00 0" ] || fail "a: the approved resend does not count: $(spend)"

# c. approved first; the resend rejected as already delivered
jw323 WM3 WDN3 2021-10-11 3000 100000010 WR3:95000 > w3.xml
answer A3 WM3 WDN3 8001 > ans3.csv
jw323 WM4 WDN4 2021-10-11 3000 100000010 WR3:95000 > w4.xml
answer A4 WM4 WDN4 0200 WR3 8021 > ans4.csv
ing "$W/w3.xml" "$W/ans3.csv"
[ "$(spend)" = "1900.00 0.00 0" ] || fail "c: the first delivery: $(spend)"
ing "$W/w4.xml" "$W/ans4.csv"
[ "$(spend)" = "1900.00 0.00 0" ] || fail "c: a rejected resend undid an approval: $(spend)"

# d. a copy of a declaration (another byte) is no second delivery
sed 's#<Header>#<!-- kopie --><Header>#' w3.xml > w3-kopie.xml
ing "$W/w3-kopie.xml"
[ "$(count r "SELECT count(*) FROM redelivery")" = 2 ] ||
	fail "d: a copy was noted as a delivery"
echo "rel21 resend after rejection: ok"
