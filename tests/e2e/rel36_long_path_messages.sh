#!/bin/sh
# A message that names a file at a deep path (about 2,800 bytes, more
# than a message's 1,023) keeps its end: the file's name and what went
# wrong, with the middle of the path shortened to '…' (core/err.h,
# docs/operations.md "The inbox"). Two files rejected whole in a deep
# folder of the inbox: a CSV whose layout is unknown (the message ends
# with the columns missing) and a broken gzip; and a folder nested
# deeper than 16 levels, skipped. The line `ingest` prints, the message
# in rejects.csv, the store's reject row and the .reason file of `run`
# end with the reason, name the file, and are valid UTF-8; before, all
# of them stopped in the middle of the path.
# Usage: rel36_long_path_messages.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

empty_region r
# twelve folders of 230 characters (a folder is read 16 levels deep)
D=inbox/$(awk 'BEGIN { s = ""; for (i = 0; i < 12; i++) {
	s = s (i ? "/" : "") sprintf("%02d%0228d", i, 0) } print s }')
mkdir -p "r/$D"
[ ${#D} -gt 2700 ] || fail "the folder is not deep: ${#D} bytes"
# and 18 levels of 100 characters: the deepest are not read
N=inbox/$(awk 'BEGIN { s = ""; for (i = 0; i < 18; i++) {
	s = s (i ? "/" : "") sprintf("n%02d%097d", i, 0) } print s }')
mkdir -p "r/$N"
printf 'x\n' > "r/$N/ver.csv"
printf 'kolom_a;kolom_b\n1;2\n' > "r/$D/onbekend.csv"
{ echo "$DECL_HEADER"; decl_lines 2 33000000; } | gzip | head -c 40 \
	> "r/$D/kapot.csv.gz"
old "r/$D/onbekend.csv" "r/$D/kapot.csv.gz"

zr r ingest --rejects "$W/rej.csv" inbox
[ $RC = 2 ] || fail "ingest exit $RC, want 2: $(cat r/last.err)"
# the lines ingest prints
grep -q '^REJECTED .*/onbekend\.csv: layout_unknown: .*/onbekend\.csv: line 1: .*missing: .*debet_credit$' r/last.out ||
	fail "the layout message lost its end: $(cut -c1-200 r/last.out)"
grep -q '^REJECTED .*/kapot\.csv\.gz: file_unreadable: .*….*/kapot\.csv\.gz: .*gzip' r/last.out ||
	fail "the gzip message lost its end: $(cut -c1-200 r/last.out)"
grep -q '^SKIPPED .*: entry_skipped: inbox/n00.*….*: folders nested deeper than 16 levels: not read$' r/last.out ||
	fail "the skip message lost its end: $(cut -c1-200 r/last.out)"
# rejects.csv and the store
grep -q 'onbekend\.csv: line 1: .*missing: .*debet_credit' rej.csv ||
	fail "rejects.csv: the layout message lost its end"
grep -q 'kapot\.csv\.gz: .*gzip' rej.csv || fail "rejects.csv: the gzip message"
sqlite3 r/zothuis.db "SELECT message FROM reject ORDER BY id" > msgs.txt
[ "$(wc -l < msgs.txt)" = 2 ] || fail "not two rejects in the store: $(cat msgs.txt)"
grep -q 'onbekend\.csv: line 1: .*debet_credit$' msgs.txt ||
	fail "the store: the layout message lost its end"
grep -q '…' msgs.txt || fail "the store: no path shortened"
awk 'length($0) > 1023 { exit 1 }' msgs.txt || fail "a message over 1023 bytes"
for f in r/last.out rej.csv msgs.txt; do
	iconv -f UTF-8 -t UTF-8 "$f" > /dev/null || fail "$f is not UTF-8"
done

# run: the file rejected whole goes aside with a .reason file
rm -f r/zothuis.db*
( cd r && "$Z" --config region.ini init > /dev/null ) || fail "init"
zr r run
[ $RC = 2 ] || fail "run exit $RC, want 2: $(cat r/last.err)"
reason=$(find r/rejected -name 'onbekend.csv*.reason' | head -1)
[ -n "$reason" ] || fail "no .reason file: $(find r/rejected | head)"
grep -q 'onbekend\.csv: line 1: .*debet_credit' "$reason" ||
	fail "the .reason file lost its end: $(cut -c1-200 "$reason")"
echo "rel36 long path messages: ok"
