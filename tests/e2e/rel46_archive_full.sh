#!/bin/sh
# Reliability, cron safety: an archive that cannot take the files read
# does not stop the reports. The files are stored (committed) before
# they are moved; when the move fails (a full disk, no permission) each
# such file is named in an error line and stays in the inbox, where the
# next run finds it already stored, and the reports are still written
# from the complete store; the run ends with exit 4 (an output failed).
# Before, the run stopped at the first file and wrote no report.
#  a. the archive's month folder not writable for the run's user (as
#     root the test runs as nobody): exit 4, the reports written with
#     the new lines, the file in the inbox and stored, nothing in the
#     archive, a file rejected whole still moved to rejected/;
#  b. once the folder can be written, the next run archives the file
#     (already stored: no line stored twice) and ends with exit 2 (a
#     file rejected whole in a), 0 now.
# Usage: rel46_archive_full.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

region_run r 2
ind=r/out/testregio/2021-H2/indicatoren.csv
cp "$ind" before.csv
decl_file r/inbox/nieuw.csv 40 50000000
printf 'kolom;x\n1;2\n' > r/inbox/vreemd.csv
old r/inbox/nieuw.csv r/inbox/vreemd.csv
month=r/archive/$(date -u +%Y-%m)
mkdir -p "$month"
chmod 555 "$month"
unprivileged r
ZR_AS=as   # zr runs zothuis as nobody when the test runs as root
zr r run
[ $RC = 4 ] || fail "a: exit $RC, want 4: $(cat r/last.err)"
grep -q "error run: cannot move ./inbox/nieuw.csv: .*left in the inbox" \
	r/last.err || fail "a: the file is not named: $(cat r/last.err)"
[ -e r/inbox/nieuw.csv ] || fail "a: the file left the inbox"
[ -z "$(find "$month" -name '*nieuw*')" ] ||
	fail "a: a copy in the archive: $(ls -A "$month")"
[ -e r/rejected/vreemd.csv.reason ] || fail "a: the rejected file not moved"
[ "$(count r "SELECT count(*) FROM declaration WHERE ref LIKE 'R50%'")" = 40 ] ||
	fail "a: the file was not stored"
cmp -s "$ind" before.csv && fail "a: the reports were not written anew"
cp "$ind" after-a.csv

# b. the archive writable again
chmod 755 "$month"
zr r run
[ $RC = 0 ] || fail "b: exit $RC, want 0: $(cat r/last.err)"
[ ! -e r/inbox/nieuw.csv ] || fail "b: the file is still in the inbox"
[ -e "$month/nieuw.csv" ] || fail "b: the file is not in the archive"
[ "$(count r "SELECT count(*) FROM declaration WHERE ref LIKE 'R50%'")" = 40 ] ||
	fail "b: lines stored twice"
cmp -s "$ind" after-a.csv || fail "b: the reports changed"
echo "rel46 archive full: ok"
