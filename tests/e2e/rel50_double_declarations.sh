#!/bin/sh
# Possible double declarations (docs/rules.md §8, docs/report.md): a
# provider sends two lines of an earlier file again under new
# references. The report names the count and the amount in Opvallend and
# in the Bronnen (by provider), the indicator table and `zothuis export`
# carry them (dq.double_lines, dq.double_spend),
# intern/mogelijk-dubbel.csv lists them with both references (mode
# 0600), every line still counts in the spending; a line with another
# amount is no double, and a credit of one of the repeats takes it out
# of the signal. The expected figures are
# computed here from the test's own input.
# Usage: rel50_double_declarations.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
rm r/inbox/declaraties.csv       # only this test's own lines
# a.csv: six children, September 2021
{ echo "$DECL_HEADER"; decl_lines 6 39100000 0402 09; } > a.csv
# b.csv: lines 2 and 4 of a.csv again under new references (R -> X),
# and line 5 again with another amount (1 euro less): no double
awk -F';' -v OFS=';' 'NR == 1 { print; next }
	NR == 3 || NR == 5 { sub(/^R/, "X", $5); print }
	NR == 6 { sub(/^R/, "Y", $5); $14 = $14 - 100; print }' a.csv > b.csv
# expected: the repeats' count, amount in cents and references
n_exp=$(awk -F';' '$5 ~ /^X/' b.csv | wc -l)
c_exp=$(awk -F';' '$5 ~ /^X/ { s += $14 } END { print s + 0 }' b.csv)
[ "$n_exp" = 2 ] || fail "the test's own input: $n_exp repeats"
# eur CENTS: the report's "€ 1.900" (whole euros, half away from zero,
# thousands dots)
eur() {
	awk -v c="$1" 'BEGIN { e = int((c + 50) / 100); s = ""
		while (e >= 1000) { s = sprintf(".%03d", e % 1000) s; e = int(e / 1000) }
		printf "€ %d%s\n", e, s }'
}
total_exp=$(awk -F';' 'NR > 1 { s += $14 } END { print s + 0 }' a.csv b.csv)

zr r ingest reference/productcodes.csv reference/aanbieders.csv \
	"$W/a.csv" "$W/b.csv"
[ $RC = 0 ] || fail "ingest exit $RC: $(cat r/last.err)"

report_text
csv=$(ls r/out/*/2021-H2/intern/mogelijk-dubbel.csv)
# every line still counts in the spending
s=$(awk -F, '$1 == "spend.total" && $2 == "2021-H2" && $4 == "regio" && $5 == "" { print $6 }' r/out/*/2021-H2/indicatoren.csv)
[ "$(awk -v s="$s" 'BEGIN { printf "%d", s * 100 + 0.5 }')" = "$total_exp" ] ||
	fail "spend.total $s, expected every line: $total_exp cents"
# the indicator table carries the count and the amount (the Opvallend
# line and the Bronnen total are these rows): the region row, and the
# gemeente= rows add up to it
# dq FILE ID BREAKDOWN: the region's value of ID in 2021-H2 (cents for
# money, from the export's euros with two decimals)
dq() {
	awk -F, -v id="$2" -v bd="$3" '$1 == id && $2 == "2021-H2" &&
		$4 == "regio" && $5 == bd { v = $6; n++ }
		END { if (n != 1) print "rows:" n + 0
			else if (id ~ /spend/) printf "%d\n", v * 100 + (v < 0 ? -0.5 : 0.5)
			else print v }' "$1"
}
dq_parts() { # FILE ID: the sum of the gemeente= rows (cents for money)
	awk -F, -v id="$2" '$1 == id && $2 == "2021-H2" && $4 == "regio" &&
		$5 ~ /^gemeente=/ { s += (id ~ /spend/) ? $6 * 100 : $6 }
		END { printf "%.0f\n", s }' "$1"
}
check_dq() { # FILE WHAT LINES CENTS
	got=$(dq "$1" dq.double_lines "")
	[ "$got" = "$3" ] || fail "$2: dq.double_lines $got, expected $3"
	got=$(dq "$1" dq.double_spend "")
	[ "$got" = "$4" ] || fail "$2: dq.double_spend $got, expected $4 cents"
	got=$(dq_parts "$1" dq.double_lines)
	[ "$got" = "$3" ] || fail "$2: dq.double_lines per gemeente add up to $got"
	got=$(dq_parts "$1" dq.double_spend)
	[ "$got" = "$4" ] || fail "$2: dq.double_spend per gemeente add up to $got"
}
ind=$(ls r/out/*/2021-H2/indicatoren.csv)
check_dq "$ind" indicatoren.csv "$n_exp" "$c_exp"
# `zothuis export` of the period carries the same rows
zr r export --period 2021-H2 --format csv --out -
[ $RC = 0 ] || fail "export exit $RC: $(cat r/last.err)"
check_dq r/last.out "zothuis export" "$n_exp" "$c_exp"
# Opvallend
want="$n_exp declaratieregels (samen $(eur "$c_exp")) lijken dubbel gedeclareerd"
grep -qF "$want" rep.txt || fail "no '$want' in the report: $(grep -o '.\{80\}dubbel.\{80\}' rep.txt | head -3)"
# the Bronnen: the provider by name with its lines and amount
grep -qF "Mogelijk dubbel gedeclareerd, per aanbieder" rep.txt ||
	fail "no Bronnen table"
grep -qF "Jeugd-GGZ Het Baken $n_exp $(eur "$c_exp")" rep.txt ||
	fail "no provider row in the Bronnen table"
# the internal file: 0600, one row per repeat with both references
[ "$(stat -c %a "$csv")" = 600 ] || fail "mode $(stat -c %a "$csv") of $csv"
[ "$(tail -n +2 "$csv" | wc -l)" = "$n_exp" ] || fail "rows of $csv: $(cat "$csv")"
awk -F';' '$5 ~ /^X/ { r = $5; f = r; sub(/^X/, "R", f)
	printf "98000011,%s,%s,%s,45,45A01,2021-09-01,2021-09-28,%s,04,%.2f\n", $4, f, r, $11, $14 / 100 }' b.csv |
	sort > want.csv
tail -n +2 "$csv" | sort > got.csv
cmp -s want.csv got.csv || fail "mogelijk-dubbel.csv: $(diff want.csv got.csv)"
# no BSN in it
! grep -q "$(awk -F';' 'NR == 3 { print $3 }' a.csv)" "$csv" ||
	fail "a BSN in $csv"

# c.csv: a credit of the first repeat takes it out of the signal
awk -F';' -v OFS=';' 'NR == 1 { print; next }
	$5 ~ /^X/ && !done { $6 = $5; sub(/^X/, "C", $5); $15 = "C"; print; done = 1 }' b.csv > c.csv
c_left=$(awk -F';' '$5 ~ /^X/ { n++; if (n == 2) print $14 }' b.csv)
zr r ingest "$W/c.csv"
[ $RC = 0 ] || fail "ingest of the credit exit $RC: $(cat r/last.err)"
report_text
want="1 declaratieregel ($(eur "$c_left")) lijkt dubbel gedeclareerd"
grep -qF "$want" rep.txt || fail "after the credit no '$want': $(grep -o '.\{80\}dubbel.\{80\}' rep.txt | head -3)"
[ "$(tail -n +2 "$csv" | wc -l)" = 1 ] || fail "after the credit: $(cat "$csv")"
check_dq "$ind" "indicatoren.csv after the credit" 1 "$c_left"
echo "ok"
