#!/bin/sh
# Attack round 2: a file rejected whole never lands in rejected/ without
# its NAME.reason. `run` writes the reason first and then moves the file,
# so a kill or a full disk between the two leaves the file in the inbox
# (read again by the next run), not a rejected file whose reason is
# lost. The reason that cannot be written is played by a folder of that
# name: the run ends with exit 4 and the file stays in the inbox; once
# the folder is gone the next run moves it, with its reason beside it.
# Usage: rel22_reason_first.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
# lines that end in CR alone: rejected whole (layout_unknown)
printf 'aanbieder_agb;gemeente;bsn\r12345678;0402;x\r' > r/inbox/mac.csv
old r/inbox/mac.csv
mkdir -p r/rejected/mac.csv.reason
zr r run
[ $RC = 4 ] || fail "run with an unwritable reason exit $RC, want 4: $(cat r/last.err)"
[ -f r/inbox/mac.csv ] || fail "the file left the inbox without its reason"
[ ! -e r/rejected/mac.csv ] || fail "the file is in rejected/ without its reason"
[ ! -e r/inbox/declaraties.csv ] || fail "the other files were not archived"

rmdir r/rejected/mac.csv.reason
zr r run
[ $RC = 2 ] || fail "second run exit $RC, want 2: $(cat r/last.err)"
[ ! -e r/inbox/mac.csv ] || fail "the file is still in the inbox"
[ -f r/rejected/mac.csv ] || fail "the file is not in rejected/"
[ "$(head -1 r/rejected/mac.csv.reason)" = layout_unknown ] ||
	fail "reason: $(cat r/rejected/mac.csv.reason)"
echo "rel22 reason first: ok"
