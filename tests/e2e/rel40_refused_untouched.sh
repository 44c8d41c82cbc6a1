#!/bin/sh
# Reliability, cron safety: a run that is refused is refused before it
# touches anything. Every check that the configuration, the arguments
# and the folders as they are allow is made before the lock is taken,
# the store opened or a file read; the region folder (inbox, archive,
# rejected files, store, key, reports) is then the same, byte for byte,
# after the refusal as before it: the same entries with the same type,
# mode, size, modification time and SHA-256. (Before the fix a report
# folder holding the inbox was refused only at the report step, after
# the inbox had been ingested and archived.) Cases:
#  a. the inbox inside the report's period folder (exit 1);
#  b. the report folder inside the archive (exit 1);
#  c. the region folder or the period folder a symbolic link (exit 4);
#  d. [report] formats unknown (exit 1);
#  e. a report template missing or broken (exit 1);
#  f. a steering text (duiding) that does not parse, for a report that
#     prints it (exit 1);
#  g. [analysis] episode_kinds or population_band that do not parse
#     (exit 1);
#  h. the archive's month folder a symbolic link, an archive, rejected
#     or report folder that cannot be made (a file in the way) (exit 4);
#  i. a store that does not exist: refused without a lock file made;
#  j. `ingest --rejects` that cannot be written (a folder, a file in the
#     way of its folder): exit 4 before the store is opened;
#  k. `report` with a broken template: exit 1 before anything is read;
#  l. --no-reports: the report checks do not stop a run that writes no
#     report; and an accepted run does change the listing (the
#     comparison can see a change).
# Usage: rel40_refused_untouched.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

# snap FILE: every entry below r/ (but zr's own last.out, last.err) with
# type, mode, size, modification time, link target, and every file's
# SHA-256
snap() {
	( cd r && find . \( -name last.out -o -name last.err \) -prune -o \
		-printf '%y %m %s %T@ %p -> %l\n' | LC_ALL=C sort
	  find . -type f ! -name last.out ! -name last.err \
		-exec sha256sum {} + | LC_ALL=C sort -k2 ) > "$1"
}
# refused WANT WHAT MESSAGE ARGS...: zothuis ARGS ends with exit WANT, says
# MESSAGE (a grep pattern) and leaves r/ as it was
refused() {
	want=$1; what=$2; msg=$3; shift 3
	zr r "$@"
	[ "$RC" = "$want" ] ||
		fail "$what: exit $RC, want $want: $(cat r/last.err)"
	grep -q -- "$msg" r/last.err ||
		fail "$what: no '$msg' in: $(cat r/last.err)"
	snap after.list
	diff before.list after.list > diff.out ||
		fail "$what: refused, but it touched the folders: $(cat diff.out)"
}

make_region r
zr r run
[ $RC = 0 ] || [ $RC = 2 ] || fail "first run exit $RC: $(cat r/last.err)"
# deliveries waiting: one to store, one to reject whole, one for the
# inbox inside the report folder (a)
{ echo "$DECL_HEADER"; decl_lines 3 34000000; } > r/inbox/nieuw.csv
printf 'kolom;x\n1;2\n' > r/inbox/vreemd.csv
mkdir -p r/out/testregio/2021-H2/wachtrij
cp r/inbox/nieuw.csv r/out/testregio/2021-H2/wachtrij/ook.csv
old r/inbox/nieuw.csv r/inbox/vreemd.csv r/out/testregio/2021-H2/wachtrij/ook.csv
echo 'notitie' > r/notitie.txt
mkdir -p r/elders r/o2 r/o3/testregio
ln -s ../elders r/o2/testregio
ln -s ../../elders r/o3/testregio/2021-H2
printf '<template>\n<kapot\n' > r/steering/kapot.xml
printf 'Eerst tekst zonder kop.\n# Duiding\nTekst.\n' > r/steering/duiding-2021-H2.txt
month=$(date -u +%Y-%m)
mkdir -p r/arch2
ln -s ../elders "r/arch2/$month"
snap before.list

# a. the inbox inside the period folder
refused 1 a "holds the inbox" \
	--set input.inbox=out/testregio/2021-H2/wachtrij run
# b. the report folder inside the archive
refused 1 b "is inside the archive folder" --set report.out=archive/rapporten run
# c. links in the report folder
refused 4 "c region" "symbolic link" --set report.out=o2 run
refused 4 "c period" "symbolic link" --set report.out=o3 run
# d. an unknown format
refused 1 d "doc" --set report.formats=csv,doc run
# e. templates
refused 1 "e missing" "report template" --set report.formats=csv,html \
	--set report.template=steering/weg.xml run
refused 1 "e broken" "report template" --set report.formats=csv,html \
	--set report.template=steering/kapot.xml run
# f. a steering text that does not parse
refused 1 f "steering text" --set report.formats=csv,html \
	--set 'input.duiding=steering/duiding-{periode}.txt' run
# g. analysis settings that do not parse
refused 1 "g kinds" "episode_kinds" --set analysis.episode_kinds=bogus run
refused 1 "g band" "population_band" --set analysis.population_band=oud run
# h. archive, rejected, report folders that cannot be used
refused 4 "h month link" "symbolic link" --set input.archive=arch2 run
refused 4 "h archive" "not a folder" --set input.archive=notitie.txt run
refused 4 "h rejected" "not a folder" \
	--set input.rejected=notitie.txt/afgewezen run
refused 4 "h out" "not a folder" --set report.out=notitie.txt run
# i. no store: no lock file either
refused 1 i "does not exist: create it with 'zothuis init'" --store weg.db run
[ ! -e r/weg.db.lock ] || fail "i: a lock file was made for a missing store"
# j. ingest --rejects that cannot be written
refused 4 "j folder" "it is a folder" ingest --rejects elders inbox/nieuw.csv
refused 4 "j in the way" "not a folder" \
	ingest --rejects notitie.txt/rej.csv inbox/nieuw.csv
# k. report with a broken template
refused 1 k "report template" report --period 2021-H2 --format html \
	--template steering/kapot.xml

# l. --no-reports: the report's checks do not apply; the run does what it
#    should, and the listing shows it
zr r --set report.formats=csv,doc run --no-reports
[ $RC = 2 ] || fail "l: run --no-reports exit $RC, want 2: $(cat r/last.err)"
[ ! -e r/inbox/nieuw.csv ] || fail "l: the inbox was not read"
[ -e r/rejected/vreemd.csv.reason ] || fail "l: nothing rejected"
snap after.list
if diff before.list after.list > /dev/null; then
	fail "l: the listing does not see a run that moved files"
fi
echo "rel40 refused untouched: ok"
