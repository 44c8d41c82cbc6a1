#!/bin/sh
# Prove that the repository stands on its own: copy the tree that git
# tracks (plus new files not ignored; in CI exactly the committed tree) into
# an empty temporary folder with nothing next to it, then configure, build,
# run the unit tests and the demo there. Any path outside the repository
# that the build, a test or the program needs makes this fail.
# Called by scripts/run-tests.sh; usage: scripts/check-isolated.sh
set -eu
cd "$(dirname "$0")/.."
src=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)

fail() {
	echo "check-isolated: $*" >&2
	exit 1
}

# Nothing in the tree may point outside it (the product specification
# next to the repository is for reading, not for loading).
if hits=$(git grep -nE '\.\./shared|\.\./\.\./shared' -- . 2>/dev/null); then
	echo "$hits" >&2
	fail "files refer to the shared folder beside the repository"
fi

top=$(mktemp -d "${TMPDIR:-/tmp}/zothuis-isolated.XXXXXX")
trap 'rm -rf "$top"' EXIT INT TERM
copy=$top/zothuis
mkdir "$copy"

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# tracked and new files, as they are in the working tree
	git ls-files -z -co --exclude-standard |
		xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
		tar --null -T - -cf - | tar -xf - -C "$copy"
else
	tar --exclude='./build*' --exclude=./out -cf - . | tar -xf - -C "$copy"
fi
[ -f "$copy/CMakeLists.txt" ] || fail "the copy has no CMakeLists.txt"
logs=$copy/build-logs    # inside the copy: nothing else sits beside it
mkdir "$logs"
echo "check-isolated: building a copy in $copy (nothing next to it)"

cmake -S "$copy" -B "$copy/build" -DCMAKE_BUILD_TYPE=Release \
	-DZT_BUILD_TESTS=ON >"$logs/cmake.log" 2>&1 ||
	{ cat "$logs/cmake.log" >&2; fail "configure failed"; }
cmake --build "$copy/build" -j"$jobs" >"$logs/build.log" 2>&1 ||
	{ tail -n 40 "$logs/build.log" >&2; fail "build failed"; }

echo "check-isolated: unit tests"
ctest --test-dir "$copy/build" -L unit -j"$jobs" --output-on-failure \
	>"$logs/ctest.log" 2>&1 ||
	{ tail -n 60 "$logs/ctest.log" >&2; fail "unit tests failed"; }
if grep -q '^\[  SKIPPED \]' "$copy/build/Testing/Temporary/LastTest.log"; then
	grep '^\[  SKIPPED \]' "$copy/build/Testing/Temporary/LastTest.log" >&2
	fail "unit tests were skipped"
fi
grep 'tests passed' "$logs/ctest.log"

echo "check-isolated: the demo"
(cd "$copy" && SOURCE_DATE_EPOCH=1662296700 build/zothuis demo --out out \
	>"$logs/demo.log" 2>&1) ||
	{ tail -n 20 "$logs/demo.log" >&2; fail "the demo failed"; }
pdf=$(find "$copy/out" -path '*-H[12]/rapport.pdf' | head -n 1)
[ -n "$pdf" ] && [ -s "$pdf" ] || fail "the demo wrote no half-year PDF"
[ -s "$(dirname "$pdf")/rapport.html" ] || fail "the demo wrote no HTML"
echo "check-isolated: ok ($(echo "$pdf" | sed "s|$copy/||"))"
