#!/bin/sh
# Reliability, cron safety: a damaged store of an older schema is
# checked before it is upgraded. `init` and `run` open such a store in a
# mode that migrates it; the migration wrote to the damaged file before
# any PRAGMA quick_check ran. Now the check comes first, so the store is
# refused with exit 5 and the restore advice, and its file stays byte
# for byte as it was. An old store is made from a new one by taking
# back the last migration (schema 5: no redelivery table), as rel45
# does; a run of pages in the middle of the file is overwritten.
#  a. `init`: exit 5, "backup" in the message, the file unchanged;
#  b. `run`: the same, and the inbox not read;
#  c. a sound old store (the copy made before the damage) is still
#     upgraded by `init`.
# Usage: rel47_damaged_old_store.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

region_run r 2
sqlite3 r/zothuis.db "DROP TABLE redelivery; PRAGMA user_version = 5;"
sqlite3 r/zothuis.db 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
[ ! -s r/zothuis.db-wal ] || fail "the old store kept a -wal"
[ "$(count r 'PRAGMA user_version')" = 5 ] || fail "no old store made"
cp r/zothuis.db sound.db
# the declarations' first page: the schema, the key's record and the
# clients stay readable, so only the check can find the damage
page=$(count r "SELECT rootpage FROM sqlite_schema WHERE name = 'declaration'")
[ "$page" -gt 1 ] || fail "no page of declarations"
awk 'BEGIN { for (i = 0; i < 4096; i++) printf "%c", 85 }' |
	dd of=r/zothuis.db bs=4096 seek=$((page - 1)) conv=notrunc 2> /dev/null
cp r/zothuis.db damaged.db
{ echo "$DECL_HEADER"; decl_lines 2 51000000; } > r/inbox/wacht.csv
old r/inbox/wacht.csv

# same WHAT: the store's file is byte for byte the damaged one, and no
# -wal holds a change for it
same() {
	cmp -s r/zothuis.db damaged.db || fail "$1: the damaged store changed"
	[ ! -s r/zothuis.db-wal ] || fail "$1: a -wal with changes was left"
}

# a. init
zr r init
[ $RC = 5 ] || fail "a: init exit $RC, want 5: $(cat r/last.err)"
grep -q "damaged" r/last.err || fail "a: $(cat r/last.err)"
grep -q "backup" r/last.err || fail "a: no restore advice: $(cat r/last.err)"
same a
# b. run
zr r run
[ $RC = 5 ] || fail "b: run exit $RC, want 5: $(cat r/last.err)"
grep -q "backup" r/last.err || fail "b: no restore advice: $(cat r/last.err)"
same b
[ -e r/inbox/wacht.csv ] || fail "b: the inbox was read"
# c. the sound copy is upgraded
cp sound.db r/zothuis.db
rm -f r/zothuis.db-wal r/zothuis.db-shm
zr r init
[ $RC = 0 ] || fail "c: init exit $RC: $(cat r/last.err)"
[ "$(count r 'PRAGMA user_version')" = 6 ] || fail "c: not upgraded"
echo "rel47 damaged old store: ok"
