#!/bin/sh
# Reliability, the third attack round: no output of zothuis replaces its
# own files.
#  a. `export --out` naming the store, its lock file, the key or the
#     configuration (also by another name: a hard link, a path with ..)
#     is refused with exit 1 and the file is unchanged; a not yet
#     existing -journal or -wal name is refused and not created;
#  b. `ingest --rejects KEY` is refused before anything is stored (the
#     pseudonyms would be orphaned); `check --rejects STORE` too;
#  c. `[run] log_file` naming the key or the store: run refuses with exit
#     1 before it reads, moves or writes anything;
#  d. `report --out` whose period folder holds the store: refused, the
#     store stays;
#  e. an ordinary --out still works;
#  f. no output replaces a delivery: `ingest`/`check --rejects` naming a
#     file given to read, `export --out` or `--rejects` inside the inbox
#     (a second attack run);
#  g. a report period folder that holds the inbox is refused, and the
#     delivery waiting there stays.
# Usage: rel28_output_guards.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

region_run r 0 2
cp r/zothuis.db db.before
cp r/zothuis.key key.before
cp r/region.ini ini.before
unchanged() {
	cmp -s r/zothuis.db db.before || fail "$1: the store changed"
	cmp -s r/zothuis.key key.before || fail "$1: the key changed"
	cmp -s r/region.ini ini.before || fail "$1: the configuration changed"
}

# a. export over the store, lock, key, configuration
: > r/zothuis.db.lock
ln r/zothuis.key r/key-link
mkdir r/sub
for t in zothuis.db zothuis.db.lock zothuis.key region.ini key-link \
	sub/../zothuis.db "$PWD/r/zothuis.key"; do
	zr r export --period 2021-H2 --out "$t"
	[ $RC = 1 ] || fail "a: export --out $t exit $RC, want 1"
	grep -q 'zothuis never writes over it' r/last.err ||
		fail "a: $t: $(cat r/last.err)"
	unchanged "a: $t"
done
for t in zothuis.db-journal zothuis.db-wal; do
	rm -f "r/$t"
	zr r export --period 2021-H2 --out "$t"
	[ $RC = 1 ] || fail "a: export --out $t exit $RC, want 1"
	[ ! -e "r/$t" ] || fail "a: $t was created"
done
grep -q 'is the store.s journal' r/last.err 2>/dev/null ||
	grep -q "write-ahead log" r/last.err || fail "a: $(cat r/last.err)"

# b. rejects over the key, before anything is stored
lines=$(count r "SELECT count(*) FROM ingest_file")
{ echo "$DECL_HEADER"; decl_lines 2 31000000;
  echo "98000011;0402;123;1;X1;;45;45A01;2021-09-01;2021-09-28;10;04;9500;95000;D"
} > nieuw.csv
zr r ingest --rejects zothuis.key ../nieuw.csv
[ $RC = 1 ] || fail "b: ingest --rejects KEY exit $RC, want 1"
grep -q "the store's key file" r/last.err || fail "b: $(cat r/last.err)"
unchanged "b: ingest"
[ "$(count r "SELECT count(*) FROM ingest_file")" = "$lines" ] ||
	fail "b: the file was stored"
zr r check --rejects zothuis.db ../nieuw.csv
[ $RC = 1 ] || fail "b: check --rejects STORE exit $RC, want 1"
unchanged "b: check"
zr r check --rejects ../rej.csv ../nieuw.csv
[ $RC = 2 ] || fail "b: check --rejects elsewhere exit $RC, want 2"
[ -s rej.csv ] || fail "b: no rejects.csv"

# c. the log file over the key or the store
cp nieuw.csv r/inbox/nieuw.csv
old r/inbox/nieuw.csv
for t in zothuis.key zothuis.db; do
	zr r --set run.log_file="$t" run
	[ $RC = 1 ] || fail "c: log_file = $t exit $RC, want 1"
	grep -q 'log_file' r/last.err || fail "c: $(cat r/last.err)"
	unchanged "c: $t"
	[ -e r/inbox/nieuw.csv ] || fail "c: the inbox was touched"
done

# d. a report folder that holds the store
mkdir -p r/o2/testregio/2021-H2
cp r/zothuis.db r/o2/testregio/2021-H2/zothuis.db
zr r --store o2/testregio/2021-H2/zothuis.db report --period 2021-H2 \
	--out o2
[ $RC = 1 ] || fail "d: report folder holding the store exit $RC, want 1"
grep -q 'holds the store' r/last.err || fail "d: $(cat r/last.err)"
cmp -s r/o2/testregio/2021-H2/zothuis.db db.before ||
	fail "d: the store in the report folder changed or went"

# e. an ordinary output
zr r export --period 2021-H2 --out ind.csv
[ $RC = 0 ] || fail "e: export exit $RC: $(cat r/last.err)"
[ -s r/ind.csv ] || fail "e: no export"
unchanged "e"

# f. deliveries are never written over
cp "$SRC/fixtures/samples/demo-declaraties.csv" r/lever.csv
cp r/lever.csv lever.before
zr r ingest lever.csv --rejects lever.csv
[ $RC = 1 ] || fail "f: ingest --rejects INPUT exit $RC, want 1"
zr r check lever.csv --rejects lever.csv
[ $RC = 1 ] || fail "f: check --rejects INPUT exit $RC, want 1"
cmp -s r/lever.csv lever.before || fail "f: the delivery was written over"
cp lever.before r/inbox/wacht.csv
zr r export --period 2021-H2 --out inbox/wacht.csv
[ $RC = 1 ] || fail "f: export --out into the inbox exit $RC, want 1"
grep -q 'inside the inbox' r/last.err || fail "f: $(cat r/last.err)"
zr r ingest inbox --rejects inbox/rej.csv
[ $RC = 1 ] || fail "f: --rejects into the inbox exit $RC, want 1"
cmp -s r/inbox/wacht.csv lever.before || fail "f: the waiting delivery changed"
[ ! -e r/inbox/rej.csv ] || fail "f: rejects written into the inbox"
unchanged "f"

# g. a report folder that holds the inbox
mkdir -p r/o3/testregio/2021-H2/inbox
cp lever.before r/o3/testregio/2021-H2/inbox/l.csv
zr r --set input.inbox=o3/testregio/2021-H2/inbox report --period 2021-H2 \
	--out o3
[ $RC = 1 ] || fail "g: report folder holding the inbox exit $RC, want 1"
grep -q 'holds the inbox' r/last.err || fail "g: $(cat r/last.err)"
[ -e r/o3/testregio/2021-H2/inbox/l.csv ] || fail "g: the delivery went"
echo "ok"
