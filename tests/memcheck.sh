#!/bin/sh
# tests/memcheck.sh -- the computing and rendering core under valgrind's
# memcheck: a read of uninitialised memory is what ASan and UBSan do not
# see (the suppression audit once read an uninitialised array, and its
# hidden cells then differed from run to run). A small demo region is
# generated with the release build, then `export` (snapshot, metrics,
# suppression) and `report` (PDF and HTML) run under memcheck; any error
# fails. Run by scripts/run-tests.sh after the release tests.
#
# Usage: sh tests/memcheck.sh ZOTHUIS WORK_DIR
set -eu
Z=$1
W=$2

fail() {
	echo "memcheck: $*" >&2
	exit 1
}

command -v valgrind >/dev/null 2>&1 ||
	fail "valgrind is missing (scripts/install-deps.sh --test installs it)"
rm -rf "$W"
mkdir -p "$W"
SOURCE_DATE_EPOCH=1662296700
export SOURCE_DATE_EPOCH
"$Z" demo --clients 1000 --out "$W/out" >"$W/demo.log" 2>&1 ||
	{ cat "$W/demo.log" >&2; fail "demo failed"; }
cd "$W/out/demo-regio"
# vg NAME COMMAND...: run COMMAND under memcheck, its log in NAME.vg
vg() {
	name=$1
	shift
	valgrind --error-exitcode=99 --quiet --log-file="$W/$name.vg" "$@" ||
		{ cat "$W/$name.vg" >&2; fail "$name: errors (above) or a failure"; }
}
vg export "$Z" --quiet export --period 2023-H2 --out "$W/export.csv" >/dev/null
[ -s "$W/export.csv" ] || fail "export wrote nothing"
vg report "$Z" --quiet report --period 2023-H2 --format pdf,html --out "$W/rep" \
	>/dev/null
[ -s "$W/rep/gooi-en-vechtstreek-demo/2023-H2/rapport.pdf" ] ||
	fail "report wrote no PDF"
echo "memcheck: export and report clean"
