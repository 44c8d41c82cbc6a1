#!/bin/sh
# Reliability, issue 18 defect 13: one bad inbox entry does not stop the
# run. A link loop (ln -s . inbox/loop) and a subfolder that cannot be
# read are reported and skipped; the rest is ingested and archived, the
# reports are written, and the exit code (2) says something was skipped.
# The unreadable folder needs a user without root's override: as root the
# run goes through setpriv as nobody (the test fails if it cannot).
# Usage: rel13_bad_entry.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
ln -s . r/inbox/loop
zr r run
[ $RC = 2 ] || fail "run with a link loop exit $RC, want 2: $(cat r/last.err)"
grep -q "inbox/loop: a symbolic link" r/last.err || fail "the loop was not reported"
[ ! -e r/inbox/declaraties.csv ] || fail "the good file was not archived"
[ -s r/out/testregio/2021-H2/indicatoren.csv ] || fail "no report written"

# an unreadable subfolder
make_region u
mkdir u/inbox/dicht
cp "$SRC/fixtures/samples/demo-declaraties.csv" u/inbox/dicht/x.csv
chmod 000 u/inbox/dicht
if [ "$(id -u)" = 0 ]; then
	command -v setpriv > /dev/null || fail "setpriv is needed to test as a user"
	chown -R 65534:65534 u
	set +e
	( cd u && setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$Z" --config region.ini run ) > u/last.out 2> u/last.err
	RC=$?
	set -e
else
	zr u run
fi
chmod 755 u/inbox/dicht
[ $RC = 2 ] || fail "run with an unreadable folder exit $RC, want 2: $(cat u/last.err)"
grep -q "inbox/dicht: cannot read the folder" u/last.err || fail "the unreadable folder was not reported: $(cat u/last.err)"
[ ! -e u/inbox/declaraties.csv ] || fail "the readable file was not archived"
[ -e u/inbox/dicht/x.csv ] || fail "the file in the unreadable folder was moved"
[ -s u/out/testregio/2021-H2/indicatoren.csv ] || fail "no report written"
echo "rel13 bad inbox entry: ok"
