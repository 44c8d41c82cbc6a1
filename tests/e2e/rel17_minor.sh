#!/bin/sh
# Reliability, issue 18 defect 17, the minor ones:
#  a. a file name with a line end cannot forge a log line;
#  b. a UTF-8 line after a Windows-1252 line is read as UTF-8 (no
#     mojibake);
#  c. bytes after the last gzip member give a warning;
#  d. UTF-16 XML is rejected as XML in the wrong encoding, not as a CSV of
#     unknown layout;
#  e. a symbolic link as a period folder in out/ is not followed;
#  f. a FIFO as key file is refused at once instead of blocking;
#  g. init on another program's SQLite file refuses and adds nothing.
# Usage: rel17_minor.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

region_run r 0 2

# a. a forged log line
nl='
'
name="x.csv${nl}2030-01-01T00:00:00Z error run: vervalst.csv"
printf 'kolom;x\n1;2\n' > "r/inbox/$name"
old "r/inbox/$name"
zr r run
[ $RC = 2 ] || fail "a: run exit $RC"
grep -q '^2030-01-01T00:00:00Z error run: vervalst' r/last.err r/last.out &&
	fail "a: a file name forged a log line"
grep -qF 'x.csv\n2030-01-01' r/last.err || fail "a: the name is not shown escaped: $(cat r/last.err)"

# b. Windows-1252, then UTF-8
printf 'productcode,kind,label,valid_from,valid_to,gemeente\n45A01,amb_begeleiding,Cli\353nt een,,,\n45A02,amb_behandeling,Cli\303\253nt twee,,,\n' > b.csv
zr r ingest --kind productcodes "$W/b.csv"
[ $RC = 0 ] || fail "b: ingest exit $RC: $(cat r/last.out)"
[ "$(count r "SELECT count(*) FROM product_code WHERE label LIKE 'Cliënt%'")" = 2 ] ||
	fail "b: labels: $(count r 'SELECT label FROM product_code')"

# c. trailing garbage after the gzip data
{ echo "$DECL_HEADER"; decl_lines 2 99000000; } | gzip -c > c.csv.gz
printf 'rommel na het einde' >> c.csv.gz
zr r ingest "$W/c.csv.gz"
[ $RC = 0 ] || fail "c: ingest exit $RC: $(cat r/last.out r/last.err)"
grep -q "after the end of the gzip data were ignored" r/last.err || fail "c: no warning: $(cat r/last.err)"
count r "SELECT warnings FROM ingest_file WHERE name = 'c.csv.gz'" | grep -q "gzip" ||
	fail "c: the warning is not recorded with the file"

# d. UTF-16 XML
iconv -f UTF-8 -t UTF-16 "$SRC/fixtures/samples/demo-jw323.xml" > d.xml
zr r ingest "$W/d.xml"
[ $RC = 2 ] || fail "d: ingest exit $RC"
grep -q "xml_malformed.*UTF-16" r/last.out || fail "d: $(cat r/last.out)"

# e. a linked period folder
mkdir elders
echo mine > elders/eigen.txt
P=r/out/testregio/2021-H2
rm -rf $P
ln -s "$W/elders" $P
zr r report --period 2021-H2
[ $RC = 4 ] || fail "e: report into a linked folder exit $RC, want 4"
[ -L $P ] || fail "e: the link was replaced"
[ "$(ls elders)" = eigen.txt ] || fail "e: the linked folder was written: $(ls elders)"
grep -q "symbolic link" r/last.err || fail "e: $(cat r/last.err)"
rm $P

# f. a FIFO as key file
mkfifo sleutel.fifo
set +e
( cd r && timeout 20 "$Z" --config region.ini --key-file "$W/sleutel.fifo" check "$W/b.csv" ) > f.out 2> f.err
rc=$?
set -e
[ $rc != 124 ] || fail "f: a FIFO key file blocks"
[ $rc = 1 ] || fail "f: exit $rc, want 1: $(cat f.err)"

# g. another program's database
sqlite3 ander.db 'CREATE TABLE boeken (titel TEXT); INSERT INTO boeken VALUES (1);'
chmod 644 ander.db
mode0=644
set +e
"$Z" --store "$W/ander.db" --key-file "$W/ander.key" init > g.out 2> g.err
rc=$?
set -e
[ $rc = 1 ] || fail "g: init on another database exit $rc, want 1"
[ "$(sqlite3 ander.db "SELECT group_concat(name) FROM sqlite_schema")" = boeken ] ||
	fail "g: tables were added: $(sqlite3 ander.db 'SELECT name FROM sqlite_schema')"
[ ! -e ander.key ] || fail "g: a key was made for another database"
[ "$(stat -c %a ander.db)" = "$mode0" ] || fail "g: the other database's mode was changed"
[ "$(sqlite3 ander.db 'PRAGMA journal_mode')" = delete ] || fail "g: the other database was switched to WAL"
echo "rel17 minor: ok"
