#!/bin/sh
# Reliability, issue 18 defect 1: `run` and `ingest DIR` never follow a
# symbolic link out of the folder they were given. A linked folder and a
# linked file in the inbox are skipped with a warning (exit 2); the files
# they point at stay where they are, unread: nothing of them reaches the
# archive, rejected/, a .reason file, the store or the log. The real files
# of the inbox are ingested as usual.
# Usage: rel01_inbox_links.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

mkdir outside
echo "secret=hunter2,user=admin" > outside/secret.csv
{ echo "$DECL_HEADER"; decl_lines 3 91000000; } > outside/declaraties-elders.csv
cp -r outside outside.orig
make_region r
ln -s "$W/outside" r/inbox/link
ln -s "$W/outside/secret.csv" r/inbox/los.csv

zr r run
[ $RC = 2 ] || fail "run exit $RC, want 2 (links skipped): $(cat r/last.err)"
diff -r outside outside.orig > /dev/null || fail "files outside the inbox were moved or changed"
[ -L r/inbox/link ] && [ -L r/inbox/los.csv ] || fail "the links were moved"
grep -q "inbox/link: a symbolic link" r/last.err || fail "no warning for the linked folder: $(cat r/last.err)"
grep -q "inbox/los.csv: a symbolic link" r/last.err || fail "no warning for the linked file"
[ ! -e r/inbox/declaraties.csv ] || fail "the inbox's own file was not archived"
if grep -rq hunter2 r/archive r/rejected r/out r/last.out r/last.err 2>/dev/null; then
	fail "content of a file outside the inbox was read"
fi
sqlite3 r/zothuis.db .dump | grep -q hunter2 && fail "content outside the inbox in the store"
[ "$(count r "SELECT count(*) FROM ingest_file WHERE name LIKE '%elders%' OR name = 'secret.csv'")" = 0 ] ||
	fail "a file outside the inbox was ingested"

# ingest DIR by hand: the same boundary
zr r ingest inbox
[ $RC = 2 ] || fail "ingest inbox exit $RC, want 2"
diff -r outside outside.orig > /dev/null || fail "ingest inbox touched files outside"
[ "$(count r "SELECT count(*) FROM ingest_file WHERE name LIKE '%elders%'")" = 0 ] ||
	fail "ingest inbox read a file outside the inbox"
echo "rel01 inbox links: ok"
