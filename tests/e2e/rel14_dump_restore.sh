#!/bin/sh
# Reliability, issue 18 defect 14: a store restored from `sqlite3 .dump`
# (user_version 0, tables present) is recognised. Commands other than
# init refuse it with the advice to run init (exit 1); init recognises the
# schema, sets the version back (exit 0), and the restored store then
# gives the same export as the original, with the same key.
# Usage: rel14_dump_restore.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

region_run r 0 2
zr r export --period 2021-H2 --out "$W/before.csv"
[ $RC = 0 ] || fail "export exit $RC"
v0=$(sqlite3 r/zothuis.db 'PRAGMA user_version')
sqlite3 r/zothuis.db .dump > dump.sql
mv r/zothuis.db original.db
rm -f r/zothuis.db-wal r/zothuis.db-shm
sqlite3 r/zothuis.db < dump.sql
[ "$(sqlite3 r/zothuis.db 'PRAGMA user_version')" = 0 ] || fail "the dump kept the version (nothing to test)"

zr r export --period 2021-H2 --out "$W/early.csv"
[ $RC = 1 ] || fail "export of a restored store exit $RC, want 1"
grep -q "zothuis init" r/last.err || fail "no advice to run init: $(cat r/last.err)"
zr r init
[ $RC = 0 ] || fail "init of a restored store exit $RC, want 0: $(cat r/last.err)"
grep -qi "recognised" r/last.out || fail "init did not say what it did: $(cat r/last.out)"
[ "$(sqlite3 r/zothuis.db 'PRAGMA user_version')" = "$v0" ] ||
	fail "the version was not set back to $v0"
zr r export --period 2021-H2 --out "$W/after.csv"
[ $RC = 0 ] || fail "export after init exit $RC: $(cat r/last.err)"
cmp -s before.csv after.csv || fail "the restored store gives another export"
zr r run
[ $RC = 0 ] || fail "run on the restored store exit $RC: $(cat r/last.err)"
echo "rel14 dump restore: ok"
