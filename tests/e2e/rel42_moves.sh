#!/bin/sh
# Reliability, cron safety: moving what was read out of the inbox.
#  a. an inbox that cannot be changed (a share mounted read-only,
#     simulated with a folder the run's user may not write): every file
#     is read and stored, each is named in an error line and stays, the
#     reports are written and the exit code is 2 (before: exit 4 at the
#     first file and no report, every night); with the archive on
#     another file system no copy is left in the archive either (else
#     one more each night);
#  b. a file replaced by a new one of the same name between the last
#     check and the move (a sender re-uploading): the new file, never
#     read, is put back in the inbox instead of being archived unread;
#     the next run stores it;
#  c. the same while a file is copied to an archive on another file
#     system: the archive gets the file that was read, the new one stays
#     in the inbox (before: removed with the old one, lost);
#  d. a completion marker NAME.done older than its file (what a run
#     killed between moving a file and removing its marker leaves, when
#     the sender later uploads a file of that name) does not make the
#     new file be taken at once: it waits for the settle time; a marker
#     made after the file takes it; a file taken after its settle time
#     takes its old marker along.
# The moments in b and c are made exact with an LD_PRELOAD shim around
# rename(2) (lib/racefs.c), built here with the system's C compiler.
# Usage: rel42_moves.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

${CC:-cc} -shared -fPIC -o racefs.so "$SRC/tests/e2e/lib/racefs.c" -ldl ||
	fail "cannot build the rename shim (a C compiler is needed)"
chmod 755 racefs.so
# an ASan build must accept a library loaded before its runtime
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
# zshim DIR ARGS...: zr with the shim loaded
zshim() {
	zd=$1; shift
	set +e
	( cd "$zd" && LD_PRELOAD="$W/racefs.so" "$Z" --config region.ini "$@" ) \
		> "$zd/last.out" 2> "$zd/last.err"
	RC=$?
	set -e
}
ind=r/out/testregio/2021-H2/indicatoren.csv

# a. an inbox that cannot be changed
region_run r 2
{ echo "$DECL_HEADER"; decl_lines 3 37000000; } > r/inbox/vast.csv
old r/inbox/vast.csv
rm -rf r/out
chmod 555 r/inbox
unprivileged r   # as CMD: CMD as nobody when the test runs as root
for shim in "" "$W/racefs.so"; do
	set +e
	( cd r && ZT_RACE_EXDEV=/inbox/ LD_PRELOAD=$shim \
		as "$Z" --config region.ini run ) > r/last.out 2> r/last.err
	RC=$?
	set -e
	[ $RC = 2 ] || fail "a${shim:+ (copy)}: exit $RC, want 2: $(cat r/last.err)"
	grep -q "error ingest: cannot move ./inbox/vast.csv: .*cannot be changed" \
		r/last.err || fail "a: the file is not named: $(cat r/last.err)"
	[ -s "$ind" ] || fail "a${shim:+ (copy)}: no reports written"
	[ -e r/inbox/vast.csv ] || fail "a: the file left a read-only inbox"
	[ -z "$(find r/archive -name 'vast.csv*')" ] ||
		fail "a${shim:+ (copy)}: copies in the archive: $(find r/archive -name 'vast*')"
done
[ "$(count r "SELECT count(*) FROM declaration WHERE ref LIKE 'R37%'")" = 3 ] ||
	fail "a: the file was not stored"
chmod 755 r/inbox

# b. replaced just before the move (same file system)
rm -rf r; make_region r
zr r run
{ echo "$DECL_HEADER"; decl_lines 2 38000000; } > r/inbox/b.csv
{ echo "$DECL_HEADER"; decl_lines 2 39000000; } > nieuw-b.csv
old r/inbox/b.csv
cp nieuw-b.csv nieuw-b.src
ZT_RACE_SWAP_AT=/inbox/b.csv ZT_RACE_SWAP_FROM="$W/nieuw-b.csv" \
	ZT_RACE_SWAP_TO="$W/r/inbox/b.csv" zshim r run
[ $RC = 2 ] || fail "b: exit $RC, want 2: $(cat r/last.err)"
[ ! -e nieuw-b.csv ] || fail "b: the shim did not replace the file"
grep -q "b.csv was replaced by another file just before it was moved" \
	r/last.err || fail "b: not said: $(cat r/last.err)"
cmp -s r/inbox/b.csv nieuw-b.src ||
	fail "b: the new file is not back in the inbox: $(ls -R r/inbox r/archive)"
for f in $(find r/archive -name 'b.csv*'); do
	cmp -s "$f" nieuw-b.src && fail "b: the unread file was archived"
done
old r/inbox/b.csv
zr r run
[ "$(count r "SELECT count(*) FROM declaration WHERE ref LIKE 'R39%'")" = 2 ] ||
	fail "b: the new file was not stored by the next run"

# c. replaced while it is copied to another file system
{ echo "$DECL_HEADER"; decl_lines 2 40000000; } > r/inbox/c.csv
{ echo "$DECL_HEADER"; decl_lines 2 41000000; } > nieuw-c.csv
old r/inbox/c.csv
cp r/inbox/c.csv oud-c.src
cp nieuw-c.csv nieuw-c.src
ZT_RACE_EXDEV=/inbox/ ZT_RACE_SWAP_AT=/archive/ \
	ZT_RACE_SWAP_FROM="$W/nieuw-c.csv" ZT_RACE_SWAP_TO="$W/r/inbox/c.csv" \
	zshim r run
[ $RC = 0 ] || fail "c: exit $RC, want 0: $(cat r/last.err)"
[ ! -e nieuw-c.csv ] || fail "c: the shim did not replace the file"
cmp -s r/inbox/c.csv nieuw-c.src ||
	fail "c: the new file went from the inbox: $(cat r/last.err)"
cmp -s "$(find r/archive -name c.csv)" oud-c.src ||
	fail "c: the archive does not hold the file that was read"
grep -q "another file took its name while it was archived" r/last.err ||
	fail "c: not said: $(cat r/last.err)"
old r/inbox/c.csv
zr r run
[ "$(count r "SELECT count(*) FROM declaration WHERE ref LIKE 'R41%'")" = 2 ] ||
	fail "c: the new file was not stored by the next run"

# d. a marker older than its file
touch r/inbox/d.csv.done
sleep 1
{ echo "$DECL_HEADER"; decl_lines 2 42000000; } > r/inbox/d.csv
zr r --verbose run
[ $RC = 0 ] || fail "d: exit $RC: $(cat r/last.err)"
[ -e r/inbox/d.csv ] || fail "d: a file newer than its marker was taken at once"
grep -q "not complete yet: ./inbox/d.csv" r/last.err ||
	fail "d: not said to wait: $(cat r/last.err)"
[ "$(count r "SELECT count(*) FROM declaration WHERE ref LIKE 'R42%'")" = 0 ] ||
	fail "d: lines of a file that waits were stored"
touch r/inbox/d.csv.done
zr r run
[ $RC = 0 ] || fail "d: exit $RC: $(cat r/last.err)"
[ ! -e r/inbox/d.csv ] && [ ! -e r/inbox/d.csv.done ] ||
	fail "d: a file with a fresh marker was not taken: $(cat r/last.err)"
# a file taken after its settle time takes its old marker with it
touch r/inbox/e.csv.done
sleep 1
{ echo "$DECL_HEADER"; decl_lines 2 43500000; } > r/inbox/e.csv
old r/inbox/e.csv
zr r run
[ ! -e r/inbox/e.csv ] || fail "d: a settled file was not taken"
[ ! -e r/inbox/e.csv.done ] || fail "d: its old marker stayed in the inbox"
echo "rel42 moves: ok"
