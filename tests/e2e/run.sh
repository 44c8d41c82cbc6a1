#!/bin/sh
# End-to-end for `zothuis run` (cron): inbox ingested and archived, files
# rejected whole moved aside with a .reason file, reports written; a second
# run waits for the lock and exits 3; an unreadable inbox file is reported
# and skipped while the rest proceeds; a full output disk leaves the
# previous report intact and exits 4; kill -9 at random points during the
# ingest of a large file never corrupts the store or half-stores the file;
# kill -9 at random points of `run` while a slow writer still appends to
# an inbox file loses no line, stores none twice and leaves no temporary
# file behind after the next run.
# Usage: run.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"; cd "$W"
fail() { echo "FAIL: $*" >&2; exit 1; }
export SOURCE_DATE_EPOCH=1704067200   # 2024-01-01: reports 2023-H2 and 2024

# a small region from the demo generator
"$Z" demo --clients 150 --out d > demo.out 2>&1 || fail "demo exit $?"
mkdir r
cp -r d/demo-regio/zothuis.ini d/demo-regio/reference d/demo-regio/steering \
	d/demo-regio/inbox r/
cd r
nin=$(find inbox -type f | wc -l)
# the files were just copied: take them now, not after the settle time
S="--set input.settle_seconds=0"

# 0. no store yet: run refuses (exit 1) and reads, moves and writes
# nothing; only init creates a store (a store moved aside or on a volume
# not mounted must never become a new empty one)
set +e
"$Z" --config zothuis.ini $S run > run0.out 2> run0.log
rc=$?
set -e
[ $rc = 1 ] || fail "run without a store: exit $rc, want 1"
grep -q "does not exist: create it with 'zothuis init'" run0.log ||
	fail "run without a store: $(cat run0.log)"
[ "$(find inbox -type f | wc -l)" = "$nin" ] || fail "run without a store moved files"
[ ! -e zothuis.db ] && [ ! -e out ] || fail "run without a store wrote something"
"$Z" --config zothuis.ini init > init.out 2>&1 || fail "init exit $?"

# 1. the first run: exit 2 (the demo inbox has bad lines and files)
set +e
"$Z" --config zothuis.ini $S run > run1.out 2> run1.log
rc=$?
set -e
[ $rc = 2 ] || fail "first run exit $rc, want 2: $(tail -3 run1.log)"
[ "$(find inbox -type f | wc -l)" = 0 ] || fail "files left in the inbox"
[ "$(ls rejected/*.reason | wc -l)" = 4 ] || fail "want 4 .reason files"
grep -q layout_unknown rejected/*.reason || fail "no layout_unknown reason"
narch=$(find archive -type f | wc -l)
[ $((narch + 4)) = "$nin" ] || fail "archived $narch + 4 rejected != $nin inbox files"
for p in 2023-H2 2024; do
	[ -s "out/gooi-en-vechtstreek-demo/$p/rapport.pdf" ] || fail "no $p report"
done
grep -q "warn  ingest:" run1.log || fail "no warning lines in the log"

# 2. nothing new: exit 0, reports written again
"$Z" --config zothuis.ini $S run > run2.out 2> run2.log || fail "second run exit $?"

# 3. a second run while one holds the lock: waits lock_wait, exits 3
flock zothuis.db.lock sleep 4 &
holder=$!
sleep 0.5
set +e
"$Z" --config zothuis.ini $S --set run.lock_wait=1 run > lock.out 2> lock.log
rc=$?
set -e
wait $holder
[ $rc = 3 ] || fail "locked run exit $rc, want 3"
grep -qi "in use by another" lock.log || fail "lock message: $(cat lock.log)"

# 4. a link in the inbox (here a broken one) is reported and skipped, the
#    rest proceeds
cp "$SRC/tests/data/ingest/good.csv" inbox/good.csv
ln -s /nonexistent/declaraties.csv inbox/broken.csv
set +e
"$Z" --config zothuis.ini $S --set run.periods=2023-H2 run > unread.out 2> unread.log
rc=$?
set -e
[ $rc = 2 ] || fail "unreadable-file run exit $rc, want 2"
grep -q "broken.csv: a symbolic link" unread.log || fail "skipped link not reported"
[ -L inbox/broken.csv ] || fail "the skipped link was moved"
[ ! -e inbox/good.csv ] || fail "the readable file was not archived"
rm inbox/broken.csv

# 5. a full output disk: the previous report stays, exit 4
pdf=out/gooi-en-vechtstreek-demo/2023-H2/rapport.pdf
cp "$pdf" before.pdf
set +e
( ulimit -f 32; "$Z" --config zothuis.ini report --period 2023-H2 ) > full.out 2> full.log
rc=$?
set -e
[ $rc = 4 ] || fail "full disk exit $rc, want 4: $(cat full.log)"
cmp -s "$pdf" before.pdf || fail "the previous report was damaged"
ls out/gooi-en-vechtstreek-demo/2023-H2/ | grep -q '\.tmp\.' &&
	fail "temporary files left behind"

# 6. kill -9 at random points while a large file is ingested
cd "$W"
mkdir k
cp r/zothuis.ini k/
cd k
awk 'BEGIN {
	print "aanbieder_agb;gemeente;bsn;toewijzingnummer;referentienummer;vorig_referentienummer;productcategorie;productcode;begindatum;einddatum;volume;eenheid;tarief;bedrag;debet_credit"
	n = 0; p = 91000000
	while (n < 120000) {
		p++; s = 0; x = p
		for (i = 8; i >= 1; i--) { d = x % 10; x = int(x / 10); s += d * (10 - i) }
		c = s % 11; if (c == 10) continue
		m = n % 12 + 1
		printf "12345678;0402;%d%d;%d;K%08d;;45;45A01;2022-%02d-01;2022-%02d-28;10;04;9500;95000;D\n", p, c, 1000 + n % 997, n, m, m
		n++
	}
}' > big.csv
"$Z" --config zothuis.ini init > /dev/null
i=0
while [ $i -lt 12 ]; do
	"$Z" --config zothuis.ini --quiet ingest big.csv > /dev/null 2>&1 &
	pid=$!
	# 20..600 ms
	sleep "0.$(printf '%03d' $(( ($(od -An -N2 -tu2 /dev/urandom) % 580) + 20 )))"
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	[ "$(sqlite3 zothuis.db 'PRAGMA integrity_check')" = ok ] ||
		fail "integrity_check after kill $i"
	n=$(sqlite3 zothuis.db 'SELECT count(*) FROM declaration')
	[ "$n" = 0 ] || [ "$n" = 120000 ] || fail "half a file stored after kill $i: $n lines"
	i=$((i + 1))
done
"$Z" --config zothuis.ini ingest big.csv > rerun.out 2>&1 || fail "rerun exit $?"
[ "$(sqlite3 zothuis.db 'SELECT count(*) FROM declaration')" = 120000 ] ||
	fail "rerun did not complete"

# 7. kill -9 at random points of `run` while a slow writer appends to an
#    inbox file: the file is never taken while it grows (settle time 3 s),
#    the store never holds part of it, and once the writer is done the
#    next run stores every line once, archives the whole file and clears
#    what the killed runs left.
cd "$W"
mkdir s
cp -r r/zothuis.ini r/reference r/steering s/
cd s
"$Z" --config zothuis.ini init > /dev/null
mkdir inbox
N=40
awk -v n=$N 'BEGIN {
	print "aanbieder_agb;gemeente;bsn;toewijzingnummer;referentienummer;vorig_referentienummer;productcategorie;productcode;begindatum;einddatum;volume;eenheid;tarief;bedrag;debet_credit"
	k = 0; p = 92000000
	while (k < n) {
		p++; s = 0; x = p
		for (i = 8; i >= 1; i--) { d = x % 10; x = int(x / 10); s += d * (10 - i) }
		c = s % 11; if (c == 10) continue
		printf "12345678;0402;%d%d;%d;S%08d;;45;45A01;2023-09-01;2023-09-30;10;04;9500;95000;D\n", p, c, 2000 + k, k
		k++
	}
}' > slow.src
# the writer: the header, then a line every 0.2 s (about 8 s)
( i=0
  while IFS= read -r line; do
	printf '%s\n' "$line" >> inbox/slow.csv
	i=$((i + 1))
	sleep 0.2
  done < slow.src ) &
writer=$!
i=0
while kill -0 $writer 2>/dev/null; do
	"$Z" --config zothuis.ini --set input.settle_seconds=3 --quiet run > /dev/null 2>&1 &
	pid=$!
	sleep "0.$(printf '%03d' $(( ($(od -An -N2 -tu2 /dev/urandom) % 900) + 50 )))"
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	[ "$(sqlite3 zothuis.db 'PRAGMA integrity_check')" = ok ] ||
		fail "integrity_check after killed run $i"
	n=$(sqlite3 zothuis.db 'SELECT count(*) FROM declaration')
	[ "$n" = 0 ] || fail "a file still being written was stored ($n lines) after killed run $i"
	[ -e inbox/slow.csv ] || fail "a file still being written left the inbox"
	i=$((i + 1))
done
wait $writer
[ $i -ge 3 ] || fail "only $i runs while the writer wrote"
sleep 3.5
"$Z" --config zothuis.ini --set input.settle_seconds=3 run > slow.out 2> slow.log ||
	fail "run after the writer exit $?: $(tail -3 slow.log)"
[ "$(sqlite3 zothuis.db 'SELECT count(*) FROM declaration')" = $N ] ||
	fail "not every line of the slow file was stored"
[ ! -e inbox/slow.csv ] || fail "the finished file was not archived"
cmp -s slow.src archive/*/slow.csv || fail "the archived file is not the whole file"
left=$(find out archive rejected -name '*.tmp.*' 2>/dev/null | wc -l)
[ "$left" = 0 ] || fail "temporary files left after the next run: $(find out -name '*.tmp.*')"
echo "run e2e: ok"
