#!/bin/sh
# What SQLite costs per stored declaration line under the physical layouts
# issue 17 names (docs/benchmarks.md, "What a layout change would buy"):
# the same 1M rows shaped like the `declaration` table, written by the
# `sqlite3` shell from generate_series (no zothuis code, no parsing), into
# a new WAL database with the store's 144 MiB page cache, in batches of
# 32,768 rows sorted by their key as zothuis writes them. Prints seconds
# per layout; compare them with each other, in one run.
#
#   bench/layouts.sh            1M rows per layout
#   bench/layouts.sh --full     also 1M keys into a key table of 10M
#
# Needs the sqlite3 shell (scripts/install-deps.sh --bench). Databases go
# to build/bench-work/layouts/ (BENCH_WORK to change).
set -eu
cd "$(dirname "$0")/.."
W=${BENCH_WORK:-$(pwd)/build/bench-work}/layouts
FULL=0
[ "${1:-}" = "--full" ] && FULL=1
command -v sqlite3 > /dev/null || {
	echo "bench: the sqlite3 shell is missing" \
		"(scripts/install-deps.sh --bench)" >&2
	exit 1
}
mkdir -p "$W"
PRAGMAS="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
PRAGMA cache_size=-147456;"
# A key spread like the store's ref_key hash over 56 bits, unique for
# values below 2^24.
KEY="((value * 2654435761) % 4294967291) * 16777216 + value"
COLS="file_id, line, client_id, agb, gemeente, toewijzing, ref, ref_key,
prev_ref, category, product_code, begin_day, end_day, volume, unit,
tariff, amount, credit, debit_id, declaratie_nr"
VALS="1, value, value % 50000, 12345678, 402, 1000 + value % 9999,
'RN' || value, $KEY AS k, NULL, 45, '45A12', 19000 + value % 300,
19030 + value % 300, 10, 4, 9500, 95000, 0, NULL, 'D' || (value / 70)"
TABLE="CREATE TABLE declaration (id INTEGER PRIMARY KEY, file_id INTEGER
NOT NULL, line INTEGER NOT NULL, client_id INTEGER NOT NULL, agb INTEGER
NOT NULL, gemeente INTEGER NOT NULL, toewijzing INTEGER, ref TEXT NOT
NULL, ref_key INTEGER, prev_ref TEXT, category INTEGER NOT NULL,
product_code TEXT NOT NULL, begin_day INTEGER NOT NULL, end_day INTEGER
NOT NULL, volume INTEGER NOT NULL, unit INTEGER NOT NULL, tariff INTEGER,
amount INTEGER NOT NULL, credit INTEGER NOT NULL, debit_id INTEGER,
declaratie_nr TEXT);"

# batches FIRST COUNT SQL-WITH-@LO-@HI: COUNT/32768 statements, each over
# one batch of values, sorted by k
batches() {
	i=0
	while [ $((i * 32768)) -lt "$2" ]; do
		lo=$(($1 + i * 32768))
		hi=$((lo + 32767))
		[ "$hi" -lt $(($1 + $2)) ] || hi=$(($1 + $2 - 1))
		echo "$3" | sed "s/@LO/$lo/; s/@HI/$hi/"
		i=$((i + 1))
	done
}

# measure LABEL SETUP-SQL WORK-SQL: a new database, SETUP untimed, WORK
# timed in one transaction
measure() {
	db=$W/layout.db
	rm -f "$db" "$db-wal" "$db-shm"
	echo "$PRAGMAS $2" | sqlite3 "$db" > /dev/null
	t0=$(date +%s.%N)
	{ echo "$PRAGMAS BEGIN;"; cat "$3"; echo "COMMIT;"; } |
		sqlite3 "$db" > /dev/null
	t1=$(date +%s.%N)
	printf '%-58s %6.2f s %5d MB\n' "$1" "$(echo "$t1 - $t0" | bc)" \
		$(($(stat -c %s "$db") / 1048576))
}

N=1000000
ROWS="INSERT INTO declaration ($COLS) SELECT $VALS
FROM generate_series(@LO, @HI) ORDER BY k;"
batches 1 $N "$ROWS" > "$W/rows.sql"
batches 1 $N "SELECT count(*) FROM (SELECT $VALS
FROM generate_series(@LO, @HI) ORDER BY k);" > "$W/gen.sql"
batches 1 $N "INSERT INTO k SELECT $KEY AS k, value, value * 7
FROM generate_series(@LO, @HI) ORDER BY k;" > "$W/keys.sql"
# 245 blocks of 4,096 lines of 48 bytes: the lines packed per file
echo "INSERT INTO block SELECT value, 1, randomblob(4096 * 48)
FROM generate_series(1, 245);" > "$W/blocks.sql"

echo "SQLite per 1M declaration-shaped rows, one transaction:"
measure "the rows made and sorted, nothing stored (subtract this)" \
	"$TABLE" "$W/gen.sql"
measure "rows, no index (what .import writes)" "$TABLE" "$W/rows.sql"
measure "rows + UNIQUE index on the key (today's layout)" \
	"$TABLE CREATE UNIQUE INDEX r ON declaration(ref_key);" "$W/rows.sql"
measure "rows clustered by the key (rowid = key)" \
	"$(echo "$TABLE" | sed 's/id INTEGER PRIMARY KEY,/id INTEGER,/;
		s/ref_key INTEGER,/ref_key INTEGER PRIMARY KEY,/')" \
	"$W/rows.sql"
measure "lean key table (key, id, content hash) only" \
	"CREATE TABLE k (key INTEGER PRIMARY KEY, id INTEGER, ck INTEGER);" \
	"$W/keys.sql"
measure "lines packed in blocks of 4,096 only" \
	"CREATE TABLE block (id INTEGER PRIMARY KEY, file_id INTEGER,
	 data BLOB);" "$W/blocks.sql"

if [ "$FULL" -eq 1 ]; then
	batches 1000001 $((10 * N)) "INSERT INTO k SELECT $KEY AS k, value,
value * 7 FROM generate_series(@LO, @HI) ORDER BY k;" > "$W/keys10.sql"
	measure "10M keys into an empty key table (untimed setup below)" \
		"CREATE TABLE k (key INTEGER PRIMARY KEY, id INTEGER,
		 ck INTEGER);" "$W/keys10.sql"
	db=$W/layout.db
	t0=$(date +%s.%N)
	{ echo "$PRAGMAS BEGIN;"; cat "$W/keys.sql"; echo "COMMIT;"; } |
		sqlite3 "$db" > /dev/null
	t1=$(date +%s.%N)
	printf '%-58s %6.2f s\n' "1M keys into the key table of 10M" \
		"$(echo "$t1 - $t0" | bc)"
fi
rm -f "$W/layout.db" "$W/layout.db-wal" "$W/layout.db-shm"
