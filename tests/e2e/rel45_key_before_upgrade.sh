#!/bin/sh
# Reliability, cron safety: a store is never changed under a key it
# refuses. `run`, `init` and `demo` open the store in a mode that
# upgrades an older schema; the key file is now checked against the
# store's record of its key (read from the file read-only, without a
# -wal or -shm made for it) before that, so an old-schema store with a
# wrong or missing key is refused with exit 1 and its bytes stay as
# they were (before: it was migrated to the current schema, and only
# then was the key refused). An old store is made from a new one by
# taking back the last migration (schema 5: no redelivery table).
#  a. `run` with another store's key: exit 1, the store's SHA-256 the
#     same, no -wal left with changes, still schema 5;
#  b. `init` with that key: the same;
#  c. `run` without a key file: exit 1, the same, and no key made;
#  d. `run` with a key file that is no key: exit 1, the same;
#  e. with its own key, `run` upgrades it (the comparison sees that).
# Usage: rel45_key_before_upgrade.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

region_run r 2
[ -n "$(count r "SELECT value FROM meta WHERE key = 'key_id'")" ] ||
	fail "the store recorded no key"
sqlite3 r/zothuis.db "DROP TABLE redelivery; PRAGMA user_version = 5;"
[ ! -e r/zothuis.db-wal ] || fail "the old store kept a -wal"
[ "$(count r 'PRAGMA user_version')" = 5 ] || fail "no old store made"
sha256sum < r/zothuis.db > db.sum
other_key
decl_file r/inbox/wacht.csv 2 49000000
old r/inbox/wacht.csv

# same WHAT: the store file is byte for byte as it was, no -wal holds a
# change for it, and it is still of schema 5
same() {
	sha256sum < r/zothuis.db | cmp -s - db.sum ||
		fail "$1: the store file changed"
	[ ! -s r/zothuis.db-wal ] || fail "$1: a -wal with changes was left"
	[ "$(count r 'PRAGMA user_version')" = 5 ] || fail "$1: upgraded"
	[ -e r/inbox/wacht.csv ] || fail "$1: the inbox was read"
}

# a. run, another key
zr r --key-file "$W/other/o.key" run
[ $RC = 1 ] || fail "a: run exit $RC, want 1: $(cat r/last.err)"
grep -q "does not belong to store" r/last.err || fail "a: $(cat r/last.err)"
same a
# b. init, another key
zr r --key-file "$W/other/o.key" init
[ $RC = 1 ] || fail "b: init exit $RC, want 1: $(cat r/last.err)"
grep -q "does not belong to store" r/last.err || fail "b: $(cat r/last.err)"
same b
# c. run, no key file
zr r --key-file "$W/weg.key" run
[ $RC = 1 ] || fail "c: run exit $RC, want 1: $(cat r/last.err)"
grep -q "is missing" r/last.err || fail "c: $(cat r/last.err)"
[ ! -e weg.key ] || fail "c: a key was made"
same c
# d. a key file that is no key
printf 'geen sleutel\n' > nokey.key
chmod 600 nokey.key
zr r --key-file "$W/nokey.key" run
[ $RC = 1 ] || fail "d: run exit $RC, want 1: $(cat r/last.err)"
same d
# e. its own key: upgraded, and the comparison sees it
zr r run
[ $RC = 0 ] || fail "e: run exit $RC: $(cat r/last.err)"
[ "$(count r 'PRAGMA user_version')" = 6 ] || fail "e: not upgraded"
sha256sum < r/zothuis.db | cmp -s - db.sum &&
	fail "e: the comparison does not see an upgraded store"
echo "rel45 key before upgrade: ok"
