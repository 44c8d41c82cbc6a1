#!/bin/sh
# Reliability, the third attack round: long but legal file names in the
# inbox (up to NAME_MAX, 255 bytes). Every name `run` makes from one must
# fit too, so that one long name stops nothing:
#  a. two 255-byte names that share their first 250 bytes, delivered
#     twice: the second copies are archived as NAME.1 and NAME.2 with
#     the stem shortened and .csv kept; exit 0, inbox empty, every line
#     stored, the reports written (before the fix: exit 4 on every run,
#     no reports);
#  b. a 250-byte file rejected whole: in rejected/ under a shorter name
#     with its .reason beside it; a second one that shares its first 245
#     bytes gets a name of its own (the collision suffix);
#  c. long names of two- and three-byte UTF-8 characters are cut on a
#     character boundary, never inside one;
#  d. a file for which no name can be made (the archive's path leaves
#     no room for it): an error line that names it, its BSN masked; it
#     stays in the inbox, the other file is archived, the reports are
#     written, exit 2; a later run with room archives it.
# Usage: rel20_long_names.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

# rep CHAR N: CHAR repeated N times
rep() { awk -v c="$1" -v n="$2" 'BEGIN { while (n-- > 0) printf "%s", c }'; }
# bytes TEXT: its length in bytes
bytes() { printf '%s' "$1" | wc -c | tr -d ' '; }
# run_ok WANT WHAT ARGS...: a run that must end with exit WANT and
# (re)write the reports
ind=r/out/testregio/2021-H2/indicatoren.csv
run_ok() {
	want=$1; what=$2; shift 2
	rm -rf r/out
	zr r "$@" run
	[ "$RC" = "$want" ] ||
		fail "$what: run exit $RC, want $want: $(cat r/last.err)"
	[ -s "$ind" ] || fail "$what: no reports written"
	if find r -name '*.tmp.*' | grep -q .; then
		fail "$what: temporary files left: $(find r -name '*.tmp.*')"
	fi
}

make_region r
run_ok 2 "first run"     # the samples hold rejected lines
month=$(ls r/archive)
A=r/archive/$month

# a. two 255-byte names, delivered twice
N1="$(rep b 250)1.csv"; N2="$(rep b 250)2.csv"
[ "$(bytes "$N1")" = 255 ] || fail "a: the test name is not 255 bytes"
decl_file "r/inbox/$N1" 2 11000000; decl_file "r/inbox/$N2" 2 11100000; old r/inbox/*
run_ok 0 "a (first delivery)"
decl_file "r/inbox/$N1" 2 12000000; decl_file "r/inbox/$N2" 2 12100000; old r/inbox/*
run_ok 0 "a (second delivery)"
[ -z "$(ls r/inbox)" ] || fail "a: left in the inbox: $(ls r/inbox)"
for f in "$N1" "$N2" "$(rep b 249).csv.1" "$(rep b 249).csv.2"; do
	[ -f "$A/$f" ] || fail "a: not in the archive: $f ($(ls "$A"))"
done
[ "$(count r "SELECT count(*) FROM declaration WHERE ref LIKE 'R11%'
	OR ref LIKE 'R12%'")" = 8 ] || fail "a: not every line stored"

# b. 250-byte files rejected whole
R1="$(rep a 246).csv"; R2="$(rep a 245)x.csv"
[ "$(bytes "$R1")" = 250 ] || fail "b: the test name is not 250 bytes"
echo garbage > "r/inbox/$R1"; echo rommel > "r/inbox/$R2"; old r/inbox/*
run_ok 2 b
[ -z "$(ls r/inbox)" ] || fail "b: left in the inbox: $(ls r/inbox)"
for f in "$(rep a 244).csv" "$(rep a 242).csv.1"; do
	[ -f "r/rejected/$f" ] || fail "b: not in rejected/: $f"
	[ "$(head -n 1 "r/rejected/$f.reason")" = layout_unknown ] ||
		fail "b: no .reason beside $f"
done
grep -qF "rejected whole (layout_unknown)" r/last.err ||
	fail "b: not said: $(cat r/last.err)"

# c. multi-byte UTF-8 characters: u-umlaut (2 bytes), euro sign (3)
U="$(rep 'ü' 125).csv"; E="$(rep '€' 82).csv"
[ "$(bytes "$U")" = 254 ] && [ "$(bytes "$E")" = 250 ] ||
	fail "c: the test names have the wrong length"
decl_file "r/inbox/$U" 2 13000000; old r/inbox/*
run_ok 0 "c (first delivery)"
decl_file "r/inbox/$U" 2 13100000; echo garbage > "r/inbox/$E"; old r/inbox/*
run_ok 2 "c (second delivery)"
# NAME.1 in 255 bytes would cut the 125th character in two
[ -f "$A/$U" ] && [ -f "$A/$(rep 'ü' 124).csv.1" ] ||
	fail "c: not archived on a character boundary: $(ls "$A" | grep csv)"
# NAME.reason in 255 bytes would cut the 82nd character
[ -f "r/rejected/$(rep '€' 81).csv" ] &&
	[ -f "r/rejected/$(rep '€' 81).csv.reason" ] ||
	fail "c: not rejected on a character boundary: $(ls r/rejected)"

# d. no name can be made: an archive path that leaves no room for it
# (with the month folder about 4000 of the 4095 bytes a path may have)
long=$(pwd)/r/archief
left=$((4000 - ${#long} - 8))
while [ $left -gt 201 ]; do
	long="$long/$(rep p 200)"; left=$((left - 201))
done
[ $left -lt 2 ] || long="$long/$(rep q $((left - 1)))"
bsn=$(decl_lines 1 40000000 | cut -d';' -f3)
L="lang_${bsn}_$(rep c 230).csv"
decl_file "r/inbox/$L" 2 14000000; decl_file r/inbox/kort.csv 2 14100000; old r/inbox/*
run_ok 2 d --set "input.archive=$long"
[ -f "r/inbox/$L" ] || fail "d: the long name was moved"
[ ! -e r/inbox/kort.csv ] || fail "d: the run stopped at the long name"
grep -qF "error ingest: cannot move ./inbox/lang_$(echo "$bsn" |
	cut -c1-2)*****" r/last.err ||
	fail "d: no error line that names the file: $(cat r/last.err)"
grep -q "File name too long" r/last.err || fail "d: no reason given"
grep -qF "$bsn" r/last.err r/last.out && fail "d: the BSN was shown"
run_ok 0 "d (room again)"
[ -f "$A/$L" ] || fail "d: not archived once there is room"
echo "rel20 long names: ok"
