#!/bin/sh
# Reliability, issue 18 defect 6: a damaged store is never read silently.
# With 8 KiB in the middle of the store overwritten (sqlite3 itself says
# the image is malformed), export, report and run stop with exit 5 and a
# message that points at the backup, instead of computing from what is
# left.
# Usage: rel06_corrupt_store.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
{ echo "$DECL_HEADER"; decl_lines 3000 95000000; } > r/inbox/veel.csv
old r/inbox/veel.csv
zr r run
[ $RC = 0 ] || [ $RC = 2 ] || fail "run exit $RC: $(cat r/last.err)"
zr r export --period 2021-H2 --out "$W/before.csv"
[ $RC = 0 ] || fail "export of the sound store exit $RC"
sqlite3 r/zothuis.db 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
size=$(stat -c %s r/zothuis.db)
pages=$((size / 4096))
[ $pages -gt 20 ] || fail "the store is too small to damage ($pages pages)"
# two pages in the middle (the declaration table's leaves and indexes)
awk 'BEGIN { for (i = 0; i < 8192; i++) printf "%c", 85 }' |
	dd of=r/zothuis.db bs=4096 seek=$((pages / 2)) conv=notrunc 2> /dev/null
[ "$(sqlite3 r/zothuis.db 'PRAGMA integrity_check' 2>&1 | head -1)" != ok ] ||
	fail "the damage was not done (integrity_check still ok)"

for cmd in "export --period 2021-H2 --out $W/after.csv" "report --period 2021-H2" run; do
	zr r $cmd
	[ $RC = 5 ] || fail "$cmd on a damaged store exit $RC, want 5: $(cat r/last.err)"
	grep -q "backup" r/last.err || fail "$cmd: the message does not point at the backup: $(cat r/last.err)"
done
[ ! -e after.csv ] || fail "an export was written from a damaged store"
echo "rel06 damaged store: ok"
