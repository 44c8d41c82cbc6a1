#!/bin/sh
# Reliability, the second attack round: what a run from cron must never
# do.
#  a. a store moved aside (or a volume not mounted): `run` refuses with
#     exit 1 and reads, moves and writes nothing; the reports stay;
#  b. a missing inbox: an error line, the reports written, exit 2;
#  c. an inbox that holds the store (inbox = ./) or the archive: refused
#     with exit 1 before anything is read or moved;
#  d. `ingest` of a folder that holds the store and the key: both are
#     skipped (entry_skipped) and no digit of the key reaches the output;
#  e. a BSN in a file name is masked on stderr, stdout, in the .reason
#     file, rejects.csv and the store;
#  f. a modification time far in the future does not hold a file back:
#     its status change time tells when it was written;
#  g. a stray quote that a quote lines below closes, in a column nothing
#     reads, costs its own line: every other line is stored;
#  h. a configuration without member municipalities: export, report, run
#     and backtest refuse with exit 1 instead of reporting zeros.
# Usage: rel18_cron_guards.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

region_run r 0 2
ind=r/out/testregio/2021-H2/indicatoren.csv
[ -s "$ind" ] || fail "no reports after the first run"
cp "$ind" before.csv

# a. the store moved aside
mv r/zothuis.db r/zothuis.db.aside
{ echo "$DECL_HEADER"; decl_lines 3 30000000; } > r/inbox/nieuw.csv
old r/inbox/nieuw.csv
zr r run
[ $RC = 1 ] || fail "a: run without its store exit $RC, want 1"
grep -q "does not exist: create it with 'zothuis init'" r/last.err ||
	fail "a: $(cat r/last.err)"
[ ! -e r/zothuis.db ] || fail "a: a new store was made"
[ -e r/inbox/nieuw.csv ] || fail "a: the inbox was touched"
cmp -s "$ind" before.csv || fail "a: the reports were replaced"
mv r/zothuis.db.aside r/zothuis.db

# b. a missing inbox
mv r/inbox r/inbox.weg
zr r run
[ $RC = 2 ] || fail "b: run without its inbox exit $RC, want 2"
grep -q 'error run: inbox .* does not exist' r/last.err || fail "b: $(cat r/last.err)"
[ -s "$ind" ] || fail "b: no reports"
mv r/inbox.weg r/inbox

# c. an inbox that holds the store, or the archive
zr r --set input.inbox=./ run
[ $RC = 1 ] || fail "c: inbox ./ exit $RC, want 1"
grep -q 'holds the store' r/last.err || fail "c: $(cat r/last.err)"
[ -e r/zothuis.db ] && [ -e r/zothuis.key ] && [ -e r/region.ini ] &&
	[ -e r/inbox/nieuw.csv ] || fail "c: files were moved"
zr r --set input.archive=inbox/archief/ run
[ $RC = 1 ] || fail "c: archive in the inbox exit $RC, want 1"
grep -q 'holds the archive folder' r/last.err || fail "c: $(cat r/last.err)"
[ -e r/inbox/nieuw.csv ] || fail "c: the inbox was read"

# d. ingest of a folder that holds the store and the key
zr r ingest .
[ $RC = 2 ] || fail "d: ingest . exit $RC, want 2"
grep -q "zothuis.key: entry_skipped: .*the store's key file" r/last.out ||
	fail "d: the key not skipped: $(grep zothuis.key r/last.out)"
grep -q "zothuis.db: entry_skipped: .*the store," r/last.out ||
	fail "d: the store not skipped: $(grep zothuis.db r/last.out)"
key=$(head -c 12 r/zothuis.key)
[ ${#key} = 12 ] || fail "d: cannot read the key file"
grep -qF "$key" r/last.out r/last.err && fail "d: the key's digits were shown"
[ -e r/zothuis.key ] || fail "d: the key was moved"

# e. a BSN in a file name
bsn=$(decl_lines 1 40000000 | cut -d';' -f3)
printf 'kolom;x\n1;2\n' > "r/inbox/client_$bsn.csv"
old "r/inbox/client_$bsn.csv"
zr r run
[ $RC = 2 ] || fail "e: run exit $RC, want 2"
[ -e "r/rejected/client_$bsn.csv.reason" ] || fail "e: not rejected whole"
grep -qF "client_$(echo "$bsn" | cut -c1-2)*****" r/last.err ||
	fail "e: the file is not named, masked: $(cat r/last.err)"
if grep -rqF "$bsn" r/last.err r/last.out r/rejected/*.reason r/out; then
	fail "e: the BSN of a file name was shown"
fi
sqlite3 r/zothuis.db .dump | grep -qF "$bsn" &&
	fail "e: the BSN of a file name is in the store"

# f. a modification time far in the future, status change time now
{ echo "$DECL_HEADER"; decl_lines 2 31000000; } > r/inbox/toekomst.csv
touch -d '2099-01-01 00:00:00' r/inbox/toekomst.csv
zr r --set input.settle_seconds=0 run
[ $RC = 0 ] || [ $RC = 2 ] || fail "f: run exit $RC"
[ ! -e r/inbox/toekomst.csv ] ||
	fail "f: a modification time in the future held the file: $(cat r/last.err)"

# g. a stray quote closed lines below, in a column nothing reads
{
	echo "$DECL_HEADER;omschrijving"
	decl_lines 6 32000000 | awk '{
		if (NR == 2) print $0 ";\"zie notitie"
		else if (NR == 5) print $0 ";groep \"2\""
		else print $0 ";ambulant" }'
} > g.csv
zr r ingest "$W/g.csv"
[ $RC = 2 ] || fail "g: ingest exit $RC, want 2"
grep -q "read 6 = accepted 5 + rejected 1 + duplicates 0" r/last.out ||
	fail "g: not every line read: $(cat r/last.out)"
[ "$(count r "SELECT count(*) FROM declaration WHERE ref LIKE 'R32000%'")" = 5 ] ||
	fail "g: lines lost"
# h. no member municipalities
sed -i 's/^municipalities = .*/municipalities =/' r/region.ini
cp "$ind" before.csv
for cmd in "export --period 2021-H2 --out $W/h.csv" "report --period 2021-H2" \
	run backtest; do
	zr r $cmd
	[ $RC = 1 ] || fail "h: $cmd without members exit $RC, want 1"
	grep -q "names no municipality" r/last.err || fail "h: $(cat r/last.err)"
done
[ ! -e "$W/h.csv" ] || fail "h: export wrote a table"
cmp -s "$ind" before.csv || fail "h: the reports were replaced"
echo "rel18 cron guards: ok"
