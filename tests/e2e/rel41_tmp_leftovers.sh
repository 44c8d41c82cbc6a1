#!/bin/sh
# Reliability, cron safety: what interrupted runs left in the folders a
# run writes.
#  a. visible temporary names of zothuis before they were hidden
#     (NAME.tmp.XXXXXX, in [report] out, rejected/ and an archive month
#     folder): each is named in a warning, none is removed or changed, and
#     the exit code stays what it would be (0);
#  b. delivered files with such names (archived, or rejected whole with
#     their .reason) are not taken for leftovers: no warning for them;
#  c. hidden temporary files and folders of the current scheme are
#     removed only when they are exactly .NAME.tmp.XXXXXX (or a folder's
#     .NAME.old.XXXXXX), a regular file or folder, owned by the user and
#     last changed before the run took its lock: another user's, one
#     changed after the lock was taken, a FIFO, a link (and what it points
#     at) and a name one character short stay.
# Usage: rel41_tmp_leftovers.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
# b. deliveries named like temporary files: one stored, one rejected
tmp_named_deliveries 35000000
zr r run
[ $RC = 2 ] || fail "b: first run exit $RC, want 2: $(cat r/last.err)"
arch=$(find r/archive -name levering.csv.tmp.Ab12Cd)
[ -n "$arch" ] || fail "b: the delivery was not archived"
[ -e r/rejected/onbekend.csv.tmp.Cd34Ef.reason ] || fail "b: not rejected"
month=$(dirname "$arch")

# a. what older versions left: visible names, half written
echo 'indicator,peri' > r/out/rejects.csv.tmp.Qq11Ww
printf 'file_unreadable\nhalf' > r/rejected/x.csv.reason.tmp.Ee56Ff
mkdir -p r/archive/2020-01
{ echo "$DECL_HEADER"; decl_lines 1 36000000; } | head -c 100 \
	> r/archive/2020-01/oud.csv.tmp.Gg78Hh
# legacy FILE: the hashes of the visible temporary names but the deliveries
legacy() {
	find r/out r/rejected r/archive -name '*.tmp.??????' ! -name '.*' \
		! -name levering.csv.tmp.Ab12Cd ! -name onbekend.csv.tmp.Cd34Ef \
		-exec sha256sum {} + | sort > "$1"
}
legacy legacy.before
[ "$(wc -l < legacy.before)" = 3 ] || fail "a: $(cat legacy.before)"

# c. hidden leftovers of the current scheme
echo half > "$month/.a.csv.tmp.Hh11Ii"
mkdir -p r/out/testregio/.2021-H2.tmp.Kk33Ll
echo half > r/out/testregio/.2021-H2.tmp.Kk33Ll/rapport.pdf
echo later > r/rejected/.c.csv.tmp.Pp55Qq
echo short > r/rejected/.d.csv.tmp.Rr66S
mkfifo r/rejected/.e.csv.tmp.Ss77Tt
echo buiten > outside.txt
ln -s "$W/outside.txt" "$month/.f.csv.tmp.Uu88Vv"
old "$month/.a.csv.tmp.Hh11Ii" r/out/testregio/.2021-H2.tmp.Kk33Ll \
	r/rejected/.d.csv.tmp.Rr66S r/rejected/.e.csv.tmp.Ss77Tt
# changed after the lock will have been taken: another writer's
touch -d '+1 hour' r/rejected/.c.csv.tmp.Pp55Qq
if [ "$(id -u)" = 0 ]; then
	echo theirs > r/rejected/.b.csv.tmp.Jj22Kk
	mkdir r/out/testregio/.2021.old.Mm44Nn
	old r/rejected/.b.csv.tmp.Jj22Kk r/out/testregio/.2021.old.Mm44Nn
	chown 65534:65534 r/rejected/.b.csv.tmp.Jj22Kk \
		r/out/testregio/.2021.old.Mm44Nn
fi

zr r run
[ $RC = 0 ] || fail "a: run exit $RC, want 0 (warnings only): $(cat r/last.err)"
for f in out/rejects.csv.tmp.Qq11Ww rejected/x.csv.reason.tmp.Ee56Ff \
	archive/2020-01/oud.csv.tmp.Gg78Hh; do
	grep -q "warn  run: .*$f: named like the temporary files" r/last.err ||
		fail "a: $f not named in a warning: $(cat r/last.err)"
done
legacy legacy.after
cmp -s legacy.before legacy.after ||
	fail "a: a leftover of an older version was changed or removed"
if grep -q 'levering.csv.tmp.Ab12Cd\|onbekend.csv.tmp.Cd34Ef' r/last.err; then
	fail "b: a delivery was taken for a leftover: $(cat r/last.err)"
fi
[ -e "$arch" ] && [ -e r/rejected/onbekend.csv.tmp.Cd34Ef ] ||
	fail "b: a delivery named like a temporary file went"

[ ! -e "$month/.a.csv.tmp.Hh11Ii" ] || fail "c: an old hidden temporary file stayed"
[ ! -e r/out/testregio/.2021-H2.tmp.Kk33Ll ] ||
	fail "c: an old hidden temporary folder stayed"
[ -e r/rejected/.c.csv.tmp.Pp55Qq ] ||
	fail "c: a file changed after the lock was taken was removed"
[ -e r/rejected/.d.csv.tmp.Rr66S ] || fail "c: a name not of the pattern was removed"
[ -p r/rejected/.e.csv.tmp.Ss77Tt ] || fail "c: a FIFO was removed"
[ -L "$month/.f.csv.tmp.Uu88Vv" ] || fail "c: a link was removed"
[ "$(cat outside.txt)" = buiten ] || fail "c: the link's target changed"
if [ "$(id -u)" = 0 ]; then
	[ -e r/rejected/.b.csv.tmp.Jj22Kk ] || fail "c: another user's file was removed"
	[ -d r/out/testregio/.2021.old.Mm44Nn ] ||
		fail "c: another user's folder was removed"
fi
echo "rel41 temporary leftovers: ok"
