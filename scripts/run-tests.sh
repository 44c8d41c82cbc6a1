#!/bin/sh
# Install what is missing, build, and run every test: the style check, the
# unit and end-to-end tests on a normal build, export and report under
# valgrind's memcheck, the same suite on an ASan+UBSan build, and a short
# fuzzing run. This is the README's test
# command and what CI (.ci/run) calls.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

scripts/install-deps.sh --test

echo "== style check"
scripts/checksrc.sh

echo "== build (release)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DZT_BUILD_TESTS=ON >/dev/null
cmake --build build -j"$jobs"
echo "== tests (release)"
ctest --test-dir build --output-on-failure -j"$jobs"
# A test that cannot run fails; none may be skipped.
if grep -q '^\[  SKIPPED \]' build/Testing/Temporary/LastTest.log; then
	grep '^\[  SKIPPED \]' build/Testing/Temporary/LastTest.log >&2
	echo "run-tests: skipped tests (above)" >&2
	exit 1
fi

echo "== memcheck (valgrind: uninitialised reads, which ASan does not see)"
sh tests/memcheck.sh "$PWD/build/zothuis" "$PWD/build/memcheck-work"

echo "== build (sanitizers)"
cmake -S . -B build-san -DCMAKE_BUILD_TYPE=Sanitize -DZT_BUILD_TESTS=ON \
	>/dev/null
cmake --build build-san -j"$jobs"
echo "== tests (sanitizers)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir build-san --output-on-failure -j"$jobs"

echo "== fuzzing (short)"
tests/fuzz/run.sh 30

echo "== isolated copy (builds, unit tests and demo with nothing beside it)"
scripts/check-isolated.sh
echo "== all tests passed"
