#!/bin/sh
# Reliability, the third attack round: a configured input file inside the
# inbox (targets, measures, budget, mapping, population, the folder of
# the duiding texts) would be read by the run as a delivery and moved to
# rejected/, and every later run would fail. run refuses such an inbox
# with exit 1 before it reads or moves anything (operations.md, step 0).
# Usage: rel31_inbox_inputs.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
printf 'x\n' > r/inbox/stuurfile.csv
old r/inbox/stuurfile.csv
for k in targets measures budget mapping population; do
	zr r --set input.$k=inbox/stuurfile.csv run
	[ $RC = 1 ] || fail "$k in the inbox: exit $RC, want 1"
	grep -q "holds the .*$k" r/last.err ||
		fail "$k: $(cat r/last.err)"
	[ -e r/inbox/stuurfile.csv ] && [ ! -e r/rejected ] && [ ! -e r/archive ] ||
		fail "$k: the inbox was touched"
done
zr r --set 'input.duiding=inbox/duiding-{periode}.txt' run
[ $RC = 1 ] || fail "duiding in the inbox: exit $RC, want 1"
grep -q 'duiding' r/last.err || fail "duiding: $(cat r/last.err)"
mkdir -p r/inbox/teksten
zr r --set 'input.duiding=inbox/teksten/{periode}/duiding.txt' run
[ $RC = 1 ] || fail "duiding folder in the inbox: exit $RC, want 1"
zr r --set 'input.duiding=inbox/duiding.txt' run
[ $RC = 1 ] || fail "a fixed duiding file in the inbox: exit $RC, want 1"
[ ! -e r/archive ] || fail "something was archived"
# outside the inbox: fine
mkdir -p r/steering
zr r --set 'input.duiding=steering/duiding-{periode}.txt' run
[ $RC = 0 ] || [ $RC = 2 ] || fail "duiding outside the inbox: exit $RC: $(cat r/last.err)"
echo ok
