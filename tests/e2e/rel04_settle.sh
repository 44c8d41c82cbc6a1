#!/bin/sh
# Reliability, issue 18 defect 4: a file still being written is not
# taken. A writer appends 24 lines at 5 a second while `run` starts: the
# run leaves the file in the inbox and stores none of it; once the file
# has not changed for the settle time, the next run stores all 24 lines
# and archives the whole file. A file with a completion marker NAME.done
# is taken at once (and its marker removed); with require_marker a file
# without one waits.
# Usage: rel04_settle.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

empty_region r
{ echo "$DECL_HEADER"; decl_lines 24 92000000; } > slow.src
( while IFS= read -r line; do
	printf '%s\n' "$line" >> r/inbox/levering.csv
	sleep 0.2
  done < slow.src ) &
writer=$!
sleep 1
zr r run
[ $RC = 0 ] || fail "run during the writing exit $RC: $(cat r/last.err)"
[ "$(count r "SELECT count(*) FROM declaration")" = 0 ] ||
	fail "lines of a file still being written were stored"
[ -e r/inbox/levering.csv ] || fail "a file still being written left the inbox"
[ ! -d r/archive ] || [ -z "$(find r/archive -type f)" ] || fail "a growing file was archived"
wait $writer
sleep 1.2
zr r --set input.settle_seconds=1 run
[ $RC = 0 ] || fail "run after the writing exit $RC: $(cat r/last.err)"
[ "$(count r "SELECT count(*) FROM declaration")" = 24 ] ||
	fail "not all 24 lines stored: $(count r 'SELECT count(*) FROM declaration')"
cmp -s slow.src r/archive/*/levering.csv || fail "the archive does not hold the whole file"

# a completion marker: taken at once, whatever the settle time
{ echo "$DECL_HEADER"; decl_lines 3 93000000; } > r/inbox/klaar.csv
: > r/inbox/klaar.csv.done
zr r run
[ $RC = 0 ] || fail "run with a marker exit $RC: $(cat r/last.err)"
[ ! -e r/inbox/klaar.csv ] || fail "a file with its marker was not taken"
[ ! -e r/inbox/klaar.csv.done ] || fail "the marker was left behind"
[ "$(count r "SELECT count(*) FROM declaration")" = 27 ] || fail "the marked file was not stored"

# require_marker: a settled file without its marker waits
{ echo "$DECL_HEADER"; decl_lines 2 94000000; } > r/inbox/zonder.csv
old r/inbox/zonder.csv
zr r --set input.require_marker=true run
[ $RC = 0 ] || fail "run with require_marker exit $RC"
[ -e r/inbox/zonder.csv ] || fail "a file without its marker was taken"
echo "rel04 settle: ok"
