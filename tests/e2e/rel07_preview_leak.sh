#!/bin/sh
# Reliability, issue 18 defect 7: the header preview of a rejected file
# never leaks local files. A link in the inbox to the region's key file or
# to a password file outside it is skipped unread; a binary file (control
# bytes in its first line) is rejected without a preview. None of their
# content reaches stdout, the log, a .reason file, rejects.csv or the
# store.
# Usage: rel07_preview_leak.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
printf 'root:$6$SHADOWSECRET$x:19000:0:99999:7:::\n' > shadow
ln -s ../zothuis.key r/inbox/levering.csv
ln -s "$W/shadow" r/inbox/schaduw.csv
printf '\001\002BINSECRET;a;b\nmore\n' > r/inbox/foto.csv
old r/inbox/foto.csv

zr r run
[ $RC = 2 ] || fail "run exit $RC, want 2: $(cat r/last.err)"
written all.txt
key=$(head -c 64 r/zothuis.key)
i=0
while [ $i -le 52 ]; do
	part=$(echo "$key" | cut -c$((i + 1))-$((i + 12)))
	grep -qF "$part" all.txt && fail "part of the key file ($part) was shown"
	i=$((i + 4))
done
grep -q SHADOWSECRET all.txt && fail "a file outside the inbox was shown"
grep -q BINSECRET all.txt && fail "the content of a binary file was shown"
grep -q "foto.csv" all.txt || fail "the binary file was not reported"
grep -q "not a CSV text file" r/rejected/foto.csv.reason || fail "reason: $(cat r/rejected/foto.csv.reason)"
[ -L r/inbox/levering.csv ] && [ -L r/inbox/schaduw.csv ] || fail "a link was moved"
echo "rel07 preview leak: ok"
