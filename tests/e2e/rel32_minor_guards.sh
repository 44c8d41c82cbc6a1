#!/bin/sh
# Reliability, the third attack round, smaller findings:
#  a. a file at a path longer than 1024 bytes in the inbox is stored and
#     archived (not "changed after it was read" for ever);
#  b. [run] periods empty: exit 1 with a message, no report;
#  c. --key-file on a file that is not a key: refused, its mode unchanged;
#  d. a member code the municipality table does not know: run, report,
#     export and backtest refuse it alike (exit 1, the same message) and
#     write nothing;
#  e. a region name of 300 characters: its folder name is cut to 80;
#  f. demo --clients 0 or -1: exit 1, nothing generated.
# Usage: rel32_minor_guards.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
# a. a deep path
D=inbox/$(awk 'BEGIN { s = ""; for (i = 0; i < 11; i++) {
	s = s (i ? "/" : "") sprintf("%0100d", i) } print s }')
mkdir -p "r/$D"
{ echo "$DECL_HEADER"; decl_lines 2 33000000; } > "r/$D/diep.csv"
old "r/$D/diep.csv"
zr r run
[ $RC = 0 ] || [ $RC = 2 ] || fail "a: run exit $RC: $(cat r/last.err)"
grep -q 'changed after it was read' r/last.err && fail "a: $(cat r/last.err)"
[ ! -e "r/$D/diep.csv" ] || fail "a: the deep file was left in the inbox"
[ -n "$(find r/archive -name diep.csv)" ] || fail "a: not archived"

# b. periods empty
rm -rf r/out
zr r --set run.periods= run
[ $RC = 1 ] || fail "b: periods empty exit $RC, want 1"
grep -q 'periods is empty' r/last.err || fail "b: $(cat r/last.err)"
[ ! -e r/out/testregio ] || fail "b: reports written"

# c. a key file that is not a key
echo 'notities' > r/notes.txt
chmod 644 r/notes.txt
zr r --key-file notes.txt run
[ $RC = 1 ] || fail "c: exit $RC, want 1"
[ "$(stat -c %a r/notes.txt)" = 644 ] || fail "c: the mode of notes.txt changed"

# d. an unknown member code (the store holds lines: backtest would run)
for cmd in run "report --period 2021-H2" \
	"export --period 2021-H2 --out $W/d.csv" "backtest --out $W/d-bt.csv"; do
	zr r --set region.municipalities=0402,9999 $cmd
	[ $RC = 1 ] || fail "d: $cmd exit $RC, want 1"
	grep -q 'region.municipalities: 9999 is not a municipality code' \
		r/last.err || fail "d: $cmd: $(cat r/last.err)"
done
[ ! -e "$W/d.csv" ] && [ ! -e "$W/d-bt.csv" ] || fail "d: a table was written"

# e. a long region name
long=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "x" }')
zr r --set "region.name=$long" run
[ $RC = 0 ] || [ $RC = 2 ] || fail "e: exit $RC: $(cat r/last.err)"
slug=$(ls r/out | awk 'length($0) == 80')
[ -n "$slug" ] || fail "e: no folder of 80 bytes: $(ls r/out)"

# f. demo --clients out of range
for n in 0 -1; do
	set +e
	"$Z" demo --clients=$n --out demo$n > /dev/null 2> demo.err
	rc=$?
	set -e
	[ $rc = 1 ] || fail "f: demo --clients=$n exit $rc, want 1"
	[ ! -e demo$n ] || fail "f: demo --clients=$n generated a region"
done
echo ok
