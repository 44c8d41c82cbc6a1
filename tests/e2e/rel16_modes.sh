#!/bin/sh
# Reliability, issue 18 defect 16: file modes follow the umask, and the
# store, the key and rejects.csv are never readable by others. Under
# umask 077 nothing zothuis makes (store, key, lock, reports, exports,
# rejects.csv, .reason files, folders) has a bit for group or others;
# under umask 022 reports are 644 while the store, key and rejects.csv
# are not readable by others (rejects.csv is 0600 in the report's
# intern/ folder, whatever the umask); under umask 002 reports are 664. An
# existing store readable by others loses those bits.
# Usage: rel16_modes.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

mode() { stat -c %a "$1"; }

# umask 077
make_region a noinit
printf 'kolom;x\n1;2\n' > a/inbox/onbekend.csv
old a/inbox/onbekend.csv
( umask 077; cd a && "$Z" --config region.ini init > /dev/null &&
  "$Z" --config region.ini --set report.formats=pdf,html,csv run ) > a.out 2> a.err || [ $? = 2 ] ||
	fail "run under umask 077 failed: $(cat a.err)"
made=$(find a -mindepth 1 -newer a/region.ini \( -type f -o -type d \) ! -path 'a/inbox*' ! -path 'a/reference*' ! -path 'a/steering*' ! -name 'last.*')
[ -n "$made" ] || fail "nothing made"
for f in $made; do
	case $(mode "$f") in
	600|700) ;;
	*) fail "under umask 077 $f has mode $(mode "$f")" ;;
	esac
done
[ -e a/zothuis.db ] && [ -e a/out/testregio/2021-H2/rapport.pdf ] && [ -e a/rejected/onbekend.csv.reason ] ||
	fail "expected files missing"

# umask 022
make_region b noinit
( umask 022; cd b && "$Z" --config region.ini init > /dev/null &&
  "$Z" --config region.ini run ) > b.out 2> b.err || [ $? = 2 ] ||
	fail "run under umask 022 failed: $(cat b.err)"
[ "$(mode b/zothuis.db)" = 640 ] || fail "store mode $(mode b/zothuis.db) under umask 022, want 640"
[ "$(mode b/zothuis.key)" = 600 ] || fail "key mode $(mode b/zothuis.key)"
[ "$(mode b/out/testregio/2021-H2/intern/rejects.csv)" = 600 ] || fail "rejects.csv mode $(mode b/out/testregio/2021-H2/intern/rejects.csv)"
[ "$(mode b/out/testregio/2021-H2/indicatoren.csv)" = 644 ] || fail "indicatoren.csv mode $(mode b/out/testregio/2021-H2/indicatoren.csv)"
[ "$(mode b/out/testregio/2021-H2)" = 755 ] || fail "report folder mode $(mode b/out/testregio/2021-H2)"

# umask 002: reports follow it
( umask 002; cd b && "$Z" --config region.ini report --period 2021-H2 ) > c.out 2> c.err || fail "report under umask 002"
[ "$(mode b/out/testregio/2021-H2/indicatoren.csv)" = 664 ] || fail "indicatoren.csv mode $(mode b/out/testregio/2021-H2/indicatoren.csv) under umask 002"
[ "$(mode b/out/testregio/2021-H2/intern/rejects.csv)" = 600 ] || fail "rejects.csv mode $(mode b/out/testregio/2021-H2/intern/rejects.csv) under umask 002"

# an existing store readable by others
chmod 644 b/zothuis.db
( umask 022; cd b && "$Z" --config region.ini run ) > d.out 2> d.err || [ $? = 2 ] || fail "run failed"
[ "$(mode b/zothuis.db)" = 640 ] || fail "a world-readable store stays $(mode b/zothuis.db)"
grep -q "readable by others" d.err || fail "no warning about the store's mode"
echo "rel16 modes: ok"
