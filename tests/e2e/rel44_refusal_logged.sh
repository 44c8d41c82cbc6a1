#!/bin/sh
# Reliability, cron safety: a refused run leaves its trace in the log
# file. cron throws stderr away, so with [run] log_file set every
# refusal and every fatal error of `run` is also written there: one line
# in the format of every log line, level error, ending with the exit
# code "(exit N)". Before the fix a refusal made before the lock was
# printed to stderr only. Cases, each one new error line in the log:
#  a. a configuration error found once it is read (no member
#     municipality; an unknown report format) (exit 1);
#  b. an inbox that holds the archive folder (exit 1); and an inbox
#     that holds the log file itself: then nothing is written into it;
#  c. an archive folder that cannot be made, a file in the way (exit 4);
#  d. a store that does not exist, its name holding a BSN (exit 1): the
#     BSN is masked in the log as on stderr;
#  e. a store locked by another run (exit 3);
#  f. a key file that does not belong to the store, or none at all
#     (exit 1): no byte of either key reaches the log;
#  g. a damaged store (exit 5).
# Usage: rel44_refusal_logged.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

region_run r 2
echo 'log_file = zothuis.log' >> r/region.ini     # [run] is the last
: > r/zothuis.log
decl_file r/inbox/wacht.csv 2 47000000
old r/inbox/wacht.csv

# logged WANT WHAT ARGS...: the run ends with exit WANT and adds exactly
# one error line to the log, a timestamped line that ends with the code
logged() {
	want=$1; what=$2; shift 2
	cp r/zothuis.log log.before
	zr r "$@"
	[ "$RC" = "$want" ] ||
		fail "$what: exit $RC, want $want: $(cat r/last.err)"
	tail -n +$(($(wc -l < log.before) + 1)) r/zothuis.log > log.new
	grep ' error ' log.new > log.err || true
	[ "$(wc -l < log.err)" = 1 ] ||
		fail "$what: want one error line in the log, got: $(cat log.new)"
	grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z error (run|report): .* \(exit $want\)\$" log.err ||
		fail "$what: not a log line with the exit code: $(cat log.err)"
	[ -e r/inbox/wacht.csv ] || fail "$what: the inbox was read"
}

# a. configuration errors found once it is read
logged 1 "a members" --set region.municipalities= run
grep -q "names no municipality" log.err || fail "a: $(cat log.err)"
logged 1 "a formats" --set report.formats=csv,doc run
grep -q "doc" log.err || fail "a formats: $(cat log.err)"
# b. the inbox holds the archive; or the log file itself: not written
logged 1 b --set input.archive=inbox/archief/ run
grep -q "holds the archive folder" log.err || fail "b: $(cat log.err)"
cp r/zothuis.log log.before
zr r --set input.inbox=./ run
[ $RC = 1 ] || fail "b: inbox ./ exit $RC, want 1"
cmp -s r/zothuis.log log.before ||
	fail "b: a line was written into a log file inside the inbox"
# c. an archive folder with a file in its way
echo notitie > r/notitie.txt
logged 4 c --set input.archive=notitie.txt run
grep -q "not a folder" log.err || fail "c: $(cat log.err)"
# d. no store, a BSN in its name
bsn=$(decl_lines 1 48000000 | cut -d';' -f3)
logged 1 d --store "weg_$bsn.db" run
grep -q "does not exist" log.err || fail "d: $(cat log.err)"
grep -qF "$bsn" r/zothuis.log && fail "d: the BSN reached the log"
# e. a locked store
flock r/zothuis.db.lock sleep 4 &
holder=$!
sleep 0.5
logged 3 e --set run.lock_wait=1 run
wait $holder
# f. another key, no key
other_key
logged 1 "f other" --key-file "$W/other/o.key" run
grep -q "does not belong to store" log.err || fail "f: $(cat log.err)"
logged 1 "f none" --key-file "$W/weg.key" run
grep -q "is missing" log.err || fail "f none: $(cat log.err)"
for k in r/zothuis.key other/o.key; do
	kb=$(head -c 12 "$k")
	[ ${#kb} = 12 ] || fail "f: cannot read $k"
	grep -qF "$kb" r/zothuis.log && fail "f: bytes of $k reached the log"
done
# g. a damaged store (a copy, so that r's own stays sound)
sqlite3 r/zothuis.db 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
cp r/zothuis.db r/kapot.db
pages=$(($(stat -c %s r/kapot.db) / 4096))
[ $pages -gt 4 ] || fail "g: the store is too small to damage"
awk 'BEGIN { for (i = 0; i < 8192; i++) printf "%c", 85 }' |
	dd of=r/kapot.db bs=4096 seek=$((pages / 2)) conv=notrunc 2> /dev/null
logged 5 g --store kapot.db run
grep -q "backup" log.err || fail "g: $(cat log.err)"

# and a run that goes through writes no error line
zr r run
[ $RC = 0 ] || fail "last run exit $RC: $(cat r/last.err)"
echo "rel44 refusal logged: ok"
