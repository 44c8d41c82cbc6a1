#!/bin/sh
# Reliability, issue 18 defect 2: output paths that are special files are
# written in place, never replaced: a character device given to
# --rejects (a private copy of /dev/null, made with mknod when root; else
# /dev/null itself) stays a device; a FIFO given to --rejects or to
# export --out stays a FIFO and its reader gets the whole file; a FIFO
# without a reader is an error, not a hang. Temporary files and folders
# that killed runs left (.NAME.tmp.XXXXXX, .PERIOD.tmp.XXXXXX) are removed
# by the next run (rel25: and only those).
# Usage: rel02_special_outputs.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
cp "$SRC/tests/data/ingest/bad.csv" r/bad.csv

# a character device
if [ "$(id -u)" = 0 ]; then
	mknod "$W/null" c 1 3 || fail "mknod failed (root is needed for this part)"
	chmod 666 "$W/null"
	dev=$W/null
else
	dev=/dev/null
fi
zr r check --rejects "$dev" bad.csv
[ $RC = 2 ] || fail "check --rejects $dev exit $RC, want 2: $(cat r/last.err)"
[ -c "$dev" ] || fail "$dev is no longer a character device"

# a FIFO with a reader, for --rejects
mkfifo rej.fifo
timeout 60 cat rej.fifo > got-rejects.csv &
reader=$!
zr r check --rejects "$W/rej.fifo" bad.csv
wait $reader || true
[ $RC = 2 ] || fail "check --rejects FIFO exit $RC, want 2: $(cat r/last.err)"
[ -p rej.fifo ] || fail "the FIFO was replaced by a regular file"
head -1 got-rejects.csv | grep -q '^file,line,field,reason,message,raw$' ||
	fail "the FIFO's reader did not get rejects.csv"
[ "$(wc -l < got-rejects.csv)" -gt 1 ] || fail "the FIFO's reader got no rejected line"

# export --out FIFO
mkfifo exp.fifo
timeout 60 cat exp.fifo > got-export.csv &
reader=$!
zr r export --period 2021-H2 --out "$W/exp.fifo"
wait $reader || true
[ $RC = 0 ] || fail "export --out FIFO exit $RC: $(cat r/last.err)"
[ -p exp.fifo ] || fail "the export FIFO was replaced"
[ "$(wc -l < got-export.csv)" -gt 10 ] || fail "the export FIFO's reader got too little"

# a FIFO nobody reads: an error at once, not a hang
mkfifo lonely.fifo
set +e
( cd r && timeout 30 "$Z" --config region.ini check --rejects "$W/lonely.fifo" bad.csv ) > lonely.out 2> lonely.err
rc=$?
set -e
[ $rc != 124 ] || fail "a FIFO without a reader hangs the program"
[ $rc = 4 ] || fail "FIFO without a reader exit $rc, want 4: $(cat lonely.err)"
[ -p lonely.fifo ] || fail "the FIFO without a reader was replaced"

# leftovers of killed runs are removed by the next run
zr r run
P=r/out/testregio/2021-H2
[ -d $P ] || fail "no report folder"
echo half > $P/.indicatoren.csv.tmp.Ab12Cd
mkdir -p r/out/testregio/.2021-H2.tmp.Qw34Er r/rejected r/archive/2020-01
echo half > r/out/testregio/.2021-H2.tmp.Qw34Er/rapport.pdf
echo half > r/rejected/.x.csv.reason.tmp.Zx56Cv
zr r run
[ $RC = 0 ] || [ $RC = 2 ] || fail "run exit $RC"
left=$(find r/out r/rejected -name '*.tmp.*' | wc -l)
[ "$left" = 0 ] || fail "temporary files of a killed run are still there: $(find r/out r/rejected -name '*.tmp.*')"
echo "rel02 special outputs: ok"
