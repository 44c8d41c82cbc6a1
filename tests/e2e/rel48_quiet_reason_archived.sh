#!/bin/sh
# Reliability, cron safety: what `run` says under --quiet, and two names
# in its folders that got in the way of a move.
#  a. `run --quiet` that ends with exit 2 ends with one warning that
#     says why ("done (exit 2): ... line(s) rejected"); one that ends
#     with exit 0 prints nothing;
#  b. a FIFO, or a link, at rejected/NAME.reason: the run neither waits
#     on the FIFO nor writes through the link; the file rejected whole
#     takes the next free name, NAME.1 with NAME.1.reason (before: the
#     FIFO made the move fail, exit 4, every night);
#  c. an archive month folder that holds NAME with the very bytes of
#     the inbox's NAME (what a move by copy to another file system
#     killed before it removed the inbox name leaves): the inbox file is
#     removed, no NAME.1 is made (before: NAME.1, a second copy); a NAME
#     of the same size but other bytes still gets NAME.1;
#  d. `run --quiet` whose archive cannot take a file (as rel46: the
#     month folder not writable; as root the test runs as nobody): exit
#     4 and a last warning "done (exit 4): 1 file(s) stored but not
#     moved ...", on stderr and in the log file.
# Usage: rel48_quiet_reason_archived.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
month=r/archive/$(date -u +%Y-%m)

# a. exit 2 says why, exit 0 says nothing
zr r --quiet run
[ $RC = 2 ] || fail "a: first run exit $RC: $(cat r/last.err)"
tail -n 1 r/last.err | grep -q 'warn  run: done (exit 2): .*line(s) rejected' ||
	fail "a: no last line that says why: $(cat r/last.err)"
zr r --quiet run
[ $RC = 0 ] || fail "a: second run exit $RC: $(cat r/last.err)"
[ ! -s r/last.err ] || fail "a: exit 0 under --quiet printed: $(cat r/last.err)"

# b. a FIFO and a link where the .reason files would go
printf 'kolom;x\n1;2\n' > r/inbox/vreemd.csv
printf 'kolom;y\n3;4\n' > r/inbox/anders.csv
old r/inbox/vreemd.csv r/inbox/anders.csv
mkdir -p r/rejected
mkfifo r/rejected/vreemd.csv.reason
echo "niet van zothuis" > elders.txt
ln -s "$W/elders.txt" r/rejected/anders.csv.reason
set +e
( cd r && timeout 60 "$Z" --config region.ini --quiet run ) > r/last.out 2> r/last.err
RC=$?
set -e
[ $RC != 124 ] || fail "b: the run hung on the FIFO"
[ $RC = 2 ] || fail "b: exit $RC, want 2: $(cat r/last.err)"
[ -p r/rejected/vreemd.csv.reason ] || fail "b: the FIFO was replaced"
[ -L r/rejected/anders.csv.reason ] || fail "b: the link was replaced"
[ "$(cat elders.txt)" = "niet van zothuis" ] ||
	fail "b: written through the link"
for f in vreemd anders; do
	[ ! -e r/inbox/$f.csv ] || fail "b: $f.csv left in the inbox"
	[ -f r/rejected/$f.csv.1 ] || fail "b: no rejected/$f.csv.1"
	[ -f r/rejected/$f.csv.1.reason ] && [ ! -L r/rejected/$f.csv.1.reason ] ||
		fail "b: no regular $f.csv.1.reason"
	head -n 1 r/rejected/$f.csv.1.reason | grep -q layout_unknown ||
		fail "b: $f.csv.1.reason: $(cat r/rejected/$f.csv.1.reason)"
done

# c. the archive holds the very bytes already, or other bytes
{ echo "$DECL_HEADER"; decl_lines 3 53000000; } > r/inbox/zelfde.csv
{ echo "$DECL_HEADER"; decl_lines 3 54000000; } > r/inbox/ander.csv
old r/inbox/zelfde.csv r/inbox/ander.csv
mkdir -p "$month"
cp r/inbox/zelfde.csv "$month/zelfde.csv"
# the same size, one byte other
sed '$ s/D$/C/' r/inbox/ander.csv > "$month/ander.csv"
[ "$(stat -c %s "$month/ander.csv")" = "$(stat -c %s r/inbox/ander.csv)" ] ||
	fail "c: the other copy is not of the same size"
cmp -s "$month/ander.csv" r/inbox/ander.csv && fail "c: the copies are equal"
cp r/inbox/zelfde.csv zelfde.csv
zr r --quiet run
[ $RC = 0 ] || fail "c: exit $RC: $(cat r/last.err)"
[ ! -e r/inbox/zelfde.csv ] || fail "c: zelfde.csv left in the inbox"
[ ! -e "$month/zelfde.csv.1" ] || fail "c: archived twice as zelfde.csv.1"
cmp -s "$month/zelfde.csv" zelfde.csv || fail "c: the archived copy changed"
[ ! -e r/inbox/ander.csv ] || fail "c: ander.csv left in the inbox"
[ -e "$month/ander.csv.1" ] || fail "c: other bytes not archived as .1"
[ "$(count r "SELECT count(*) FROM declaration WHERE ref LIKE 'R53%'")" = 3 ] ||
	fail "c: zelfde.csv not stored"

# d. exit 4 under --quiet says why, on stderr and in the log file
echo 'log_file = zothuis.log' >> r/region.ini     # [run] is the last
{ echo "$DECL_HEADER"; decl_lines 2 55000000; } > r/inbox/laat.csv
old r/inbox/laat.csv
chmod 555 "$month"
if [ "$(id -u)" = 0 ]; then
	command -v setpriv > /dev/null || fail "setpriv is needed to test as a user"
	chown -R 65534:65534 r
	chmod 755 "$W"
	as() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	as() { "$@"; }
fi
set +e
( cd r && as "$Z" --config region.ini --quiet run ) > r/last.out 2> r/last.err
RC=$?
set -e
[ $RC = 4 ] || fail "d: exit $RC, want 4: $(cat r/last.err)"
why='warn  run: done (exit 4): 1 file(s) stored but not moved'
tail -n 1 r/last.err | grep -q "$why" ||
	fail "d: no last line that says why: $(cat r/last.err)"
grep -q "$why" r/zothuis.log || fail "d: not in the log: $(cat r/zothuis.log)"
chmod 755 "$month"
echo "rel48 quiet, reason, archived: ok"
