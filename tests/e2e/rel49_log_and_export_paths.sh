#!/bin/sh
# Reliability, cron safety: paths refused before the lock.
#  a. `[run] log_file` inside the archive or the rejected folder (or the
#     inbox), whose files a run moves: refused with exit 1 before the
#     lock, the message naming the log file and the folder; no log file,
#     no lock file made, the inbox not read (before: only the inbox was
#     refused; a log in the archive was written, and in a month folder
#     it would have been archived with the deliveries);
#  b. a log file inside [report] out is allowed (docs/configuration.md);
#  c. `export --out PATH` checks PATH before it takes the lock, opens
#     the store or computes: a folder of PATH that does not exist (a
#     typo), or PATH a folder, fails at once with exit 1, also while
#     another run holds the store (before: it waited for the lock, then
#     computed, and only then failed); a good PATH is still written.
# Usage: rel49_log_and_export_paths.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

region_run r 2
{ echo "$DECL_HEADER"; decl_lines 2 56000000; } > r/inbox/wacht.csv
old r/inbox/wacht.csv
mkdir -p r/rejected

# a. the log file in a folder of deliveries
rm -f r/zothuis.db.lock
for log in archive/run.log "archive/$(date -u +%Y-%m)/run.log" \
	rejected/run.log inbox/run.log; do
	zr r --set "run.log_file=$log" run
	[ $RC = 1 ] || fail "a: log_file $log exit $RC, want 1: $(cat r/last.err)"
	grep -q "log_file .*/$log is inside" r/last.err ||
		fail "a: $log: the log file is not named: $(cat r/last.err)"
	dir=${log%%/*}
	grep -q "$dir/)" r/last.err ||
		fail "a: $log: the folder is not named: $(cat r/last.err)"
	[ ! -e "r/$log" ] || fail "a: $log was written"
	[ ! -e r/zothuis.db.lock ] || fail "a: $log: a lock file was made"
	[ -e r/inbox/wacht.csv ] || fail "a: $log: the inbox was read"
done

# b. a log file in the report folder
zr r --set run.log_file=out/zothuis.log run
[ $RC = 0 ] || fail "b: exit $RC: $(cat r/last.err)"
grep -q 'run: ' r/out/zothuis.log || fail "b: nothing logged"

# c. export --out, checked before the lock (held by another run here)
flock r/zothuis.db.lock sleep 8 &
holder=$!
sleep 0.5
for out in "$W/tikfout/e.csv:does not exist" "$W/r/out:it is a folder"; do
	start=$(date +%s)
	zr r --set run.lock_wait=5 export --period 2021-H2 --out "${out%%:*}"
	took=$(($(date +%s) - start))
	[ $RC = 1 ] || fail "c: --out $out exit $RC, want 1: $(cat r/last.err)"
	grep -q -- "--out.*${out#*:}" r/last.err || fail "c: $out: $(cat r/last.err)"
	[ $took -lt 4 ] || fail "c: --out $out took $took s: waited for the lock"
done
[ ! -e "$W/tikfout" ] || fail "c: the mistyped folder was made"
wait $holder
zr r export --period 2021-H2 --out "$W/goed.csv"
[ $RC = 0 ] || fail "c: export exit $RC: $(cat r/last.err)"
[ -s goed.csv ] || fail "c: no export written"
echo "rel49 log and export paths: ok"
