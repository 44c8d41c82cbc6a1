#!/bin/sh
# Reliability, cron safety: one store, one run at a time, and nothing
# read from outside the inbox.
#  a. a store named through a symbolic link (--store link.db) is locked
#     where the link points: while another run holds the store's lock,
#     the run through the link waits and ends with exit 3, the inbox
#     untouched (before: it took a lock of its own, link.db.lock, and ran
#     beside the other); no link.db.lock is made;
#  b. a store with a second name (a hard link, a "backup" made with ln):
#     refused with exit 1 before anything is touched, since no lock can
#     keep runs through the two names apart and SQLite would keep a
#     write-ahead log per name;
#  c. a lock file that is a symbolic link is not followed: exit 4, the
#     file it points at is not made;
#  d. a large inbox file of the size of a stored one is fingerprinted by
#     opening it again: a link swapped in for it at that moment is not
#     followed (before: that open followed links, so the file outside the
#     inbox was read, found to be stored, and the delivery taken for a
#     repeat of it); every open of the inbox name is made with
#     O_NOFOLLOW, the link stays where it is and nothing of the file it
#     points at is stored.
# Usage: rel43_one_store.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

region_run r 2
decl_file r/inbox/wacht.csv 2 45000000
old r/inbox/wacht.csv

# a. through a link, while the store's own lock is held
ln -s zothuis.db r/link.db
flock r/zothuis.db.lock sleep 5 &
holder=$!
sleep 0.5
zr r --store link.db --set run.lock_wait=1 run
wait $holder
[ $RC = 3 ] || fail "a: run through a link beside a locked run exit $RC, want 3: $(cat r/last.err)"
[ -e r/inbox/wacht.csv ] || fail "a: the inbox was read beside the other run"
[ ! -e r/link.db.lock ] || fail "a: a lock of its own for the link"
zr r --store link.db run
[ $RC = 0 ] || fail "a: run through the link exit $RC: $(cat r/last.err)"
[ ! -e r/link.db.lock ] || fail "a: a lock file beside the link"
[ ! -e r/inbox/wacht.csv ] || fail "a: the run through the link did nothing"

# b. a second name
decl_file r/inbox/wacht.csv 2 46000000
old r/inbox/wacht.csv
ln r/zothuis.db r/kopie.db
cp r/zothuis.db db.before
zr r run
[ $RC = 1 ] || fail "b: hard-linked store exit $RC, want 1: $(cat r/last.err)"
grep -q "hard links" r/last.err || fail "b: $(cat r/last.err)"
[ -e r/inbox/wacht.csv ] || fail "b: the inbox was read"
cmp -s r/zothuis.db db.before || fail "b: the store changed"
rm r/kopie.db

# c. the lock file a link
mkdir elders
rm r/zothuis.db.lock
ln -s "$W/elders/slot" r/zothuis.db.lock
zr r run
[ $RC = 4 ] || fail "c: linked lock file exit $RC, want 4: $(cat r/last.err)"
grep -q "lock file .*symbolic link" r/last.err || fail "c: $(cat r/last.err)"
[ ! -e elders/slot ] || fail "c: the lock file's link was followed"
[ -e r/inbox/wacht.csv ] || fail "c: the inbox was read"
rm r/zothuis.db.lock
zr r run
[ $RC = 0 ] || fail "c: run exit $RC: $(cat r/last.err)"

# d. a link swapped in when a large file is opened again
${CC:-cc} -shared -fPIC -o racefs.so "$SRC/tests/e2e/lib/racefs.c" -ldl ||
	fail "cannot build the shim (a C compiler is needed)"
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
decl_file groot1.csv 12000 43000000
decl_file groot2.csv 12000 44000000
[ "$(wc -c < groot1.csv)" = "$(wc -c < groot2.csv)" ] ||
	fail "d: the two files differ in size"
[ "$(wc -c < groot1.csv)" -ge 1048576 ] || fail "d: the files are too small"
zr r ingest "$W/groot1.csv"
[ $RC = 0 ] || fail "d: ingest exit $RC: $(cat r/last.err)"
mkdir buiten
cp groot1.csv buiten/groot1.csv
ln -s "$W/buiten/groot1.csv" swap.lnk
cp groot2.csv r/inbox/groot2.csv
old r/inbox/groot2.csv
set +e
( cd r && LD_PRELOAD="$W/racefs.so" ZT_RACE_OPEN_AT=./inbox/groot2.csv \
	ZT_RACE_SWAP_FROM="$W/swap.lnk" ZT_RACE_SWAP_TO="$W/r/inbox/groot2.csv" \
	ZT_RACE_OPEN_LOG="$W/opens.log" \
	"$Z" --config region.ini run ) > r/last.out 2> r/last.err
RC=$?
set -e
[ -L r/inbox/groot2.csv ] || fail "d: the shim did not swap the link in"
[ $RC = 0 ] || [ $RC = 2 ] || fail "d: run exit $RC: $(cat r/last.err)"
[ "$(grep -c . opens.log)" -ge 2 ] || fail "d: the file was not opened twice"
if grep -qx follow opens.log; then
	fail "d: an inbox entry was opened following links: $(cat opens.log)"
fi
[ "$(count r "SELECT count(*) FROM ingest_file WHERE name = 'groot2.csv'")" = 0 ] ||
	fail "d: the swapped entry was recorded"
cmp -s buiten/groot1.csv groot1.csv || fail "d: the file outside changed"
zr r run
[ $RC = 2 ] || fail "d: the next run exit $RC, want 2 (the link skipped)"
grep -q "inbox/groot2.csv: a symbolic link" r/last.err ||
	fail "d: the link was not skipped: $(cat r/last.err)"
echo "rel43 one store: ok"
