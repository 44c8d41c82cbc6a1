#!/bin/sh
# A flow CSV (startzorg, stopzorg) with a column its layout does not
# have is read, the column named in one warning, as in every CSV layout
# (docs/inputs.md, "Canonical flow CSV"; docs/mapping.md):
#  a. startzorg with an unknown column (opmerking), through `run`: its
#     lines are stored, exit 0, one warning names the column, and the
#     file's record keeps it;
#  b. startzorg with an einddatum (a column of stopzorg, which also needs
#     reden_beeindiging): a start, not a stop, and the warning says why;
#  c. with a name no kind knows beside it (reden_beeindigng: perhaps a
#     stopzorg file with a misspelled column) it is not guessed at:
#     rejected whole with --kind named, and --kind startzorg reads it;
#  d. stopzorg and the declarations layout with an extra column: the
#     same warning, every line stored.
# Usage: rel38_flow_csv_columns.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

# bsn N: the first 9-digit number from 10000000N0 on (8 digits and a
# check digit) that passes the 11-test
bsn() {
	awk -v p="$1" 'BEGIN {
		for (;; p++) {
			s = 0; x = p
			for (i = 8; i >= 1; i--) { d = x % 10; x = int(x / 10); s += d * (10 - i) }
			c = s % 11; if (c != 10) { printf "%d%d\n", p, c; exit }
		}
	}'
}
B1=$(bsn 38000001); B2=$(bsn 38000101); B3=$(bsn 38000201)
START='aanbieder_agb;gemeente;bsn;toewijzingnummer;productcategorie;productcode;toewijzing_ingangsdatum;begindatum;status_aanlevering'

empty_region r
# a. an unknown column, through the inbox of `run`
{
	echo "$START;opmerking"
	echo "98000011;0402;$B1;3801;45;45A01;2021-09-01;2021-09-06;1;na intake"
	echo "98000011;0402;$B2;3802;45;45A01;2021-09-01;2021-09-08;1;"
} > r/inbox/start-a.csv
old r/inbox/start-a.csv
zr r run
[ $RC = 0 ] || fail "a: run exit $RC: $(cat r/last.err)"
# files: KIND read accepted of the file named like $1
files() {
	count r "SELECT kind || ' ' || lines_read || ' ' || lines_accepted FROM
		ingest_file WHERE name LIKE '%$1'"
}
[ "$(files start-a.csv)" = "startzorg 2 2" ] || fail "a: $(files start-a.csv)"
[ "$(grep -c "start-a.csv: line 1: column 'opmerking' is not read (startzorg has no such column)" \
	r/last.err)" = 1 ] || fail "a: not one warning: $(cat r/last.err)"
[ "$(count r "SELECT count(*) FROM flow_start WHERE toewijzing IN (3801, 3802)")" = 2 ] ||
	fail "a: the starts were not stored"
count r "SELECT warnings FROM ingest_file WHERE name LIKE '%start-a.csv'" |
	grep -q "column 'opmerking' is not read" || fail "a: the file's record has no warning"

# b. einddatum: a start, not a stop
{
	echo "$START;einddatum"
	echo "98000011;0402;$B3;3803;45;45A01;2021-09-01;2021-09-13;1;"
} > r/inbox/start-b.csv
old r/inbox/start-b.csv
zr r run
[ $RC = 0 ] || fail "b: run exit $RC: $(cat r/last.err)"
[ "$(files start-b.csv)" = "startzorg 1 1" ] || fail "b: $(files start-b.csv)"
grep -q "column 'einddatum' is not read (startzorg has no such column); the header has more columns of stopzorg, but not its reden_beeindiging: read as startzorg" \
	r/last.err || fail "b: $(cat r/last.err)"
[ "$(count r "SELECT count(*) FROM flow_start WHERE toewijzing = 3803")" = 1 ] &&
	[ "$(count r "SELECT count(*) FROM flow_stop")" = 0 ] ||
	fail "b: not stored as a start"

# c. einddatum and a misspelled reden_beeindiging: not guessed at
{
	echo "$START;einddatum;reden_beeindigng"
	echo "98000011;0402;$B1;3801;45;45A01;2021-09-01;2021-09-06;1;2021-11-30;32"
} > c.csv
zr r ingest "$W/c.csv"
[ $RC = 2 ] || fail "c: exit $RC, want 2"
grep -q "REJECTED .*c.csv: layout_unknown: .*missing: reden_beeindiging; it has every column of startzorg as well, but more of stopzorg, so it is not guessed at (add or correct the missing column, or give --kind startzorg)" \
	r/last.out || fail "c: $(cat r/last.out)"
zr r ingest --kind startzorg "$W/c.csv"
[ $RC = 0 ] || fail "c: --kind startzorg exit $RC: $(cat r/last.err)"
grep -q "read 1 = accepted 0 + rejected 0 + duplicates 1" r/last.out ||
	fail "c: --kind startzorg: $(cat r/last.out)"
grep -q "2 columns are not read (startzorg has no such columns): 'einddatum', 'reden_beeindigng'" \
	r/last.err || fail "c: --kind startzorg: $(cat r/last.err)"

# d. stopzorg and declarations with an extra column
{
	echo "$START;reden_beeindiging;einddatum;opmerking"
	echo "98000011;0402;$B1;3801;45;45A01;2021-09-01;2021-09-06;1;32;2021-11-30;klaar"
} > d-stop.csv
{ echo "$DECL_HEADER;omschrijving"; decl_lines 3 38100000 | sed 's/$/;ambulant/'; } > d-decl.csv
zr r ingest "$W/d-stop.csv" "$W/d-decl.csv"
[ $RC = 0 ] || fail "d: exit $RC: $(cat r/last.out r/last.err)"
grep -q "d-stop.csv \[stopzorg, csv\]: read 1 = accepted 1" r/last.out &&
	grep -q "d-decl.csv \[declaraties, csv\]: read 3 = accepted 3" r/last.out ||
	fail "d: $(cat r/last.out)"
grep -q "d-stop.csv: line 1: column 'opmerking' is not read (stopzorg has no such column)" \
	r/last.err && grep -q "d-decl.csv: line 1: column 'omschrijving' is not read (declaraties has no such column)" \
	r/last.err || fail "d: $(cat r/last.err)"
echo "rel38 flow csv columns: ok"
