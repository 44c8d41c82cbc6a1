#!/bin/sh
# tests/fuzz/run.sh SECONDS -- build every tests/fuzz/fuzz_*.c as a
# libFuzzer program with ASan + UBSan and run each for SECONDS seconds
# (default 30) on its seed corpus tests/fuzz/corpus/<name>/ (fuzz_csv.c
# -> corpus/csv/). Fails on any crash, leak, sanitizer report or timeout.
#
# The library is built once with clang in build-fuzz/ (instrumented for
# coverage, not linked with the fuzzer's main); each fuzz_*.c is then
# linked against it. New inputs found go to build-fuzz/corpus/<name>/ (the
# seeds in git are only read); a crashing input is saved under
# build-fuzz/findings/ -- rerun it with
#   build-fuzz/fuzz_<name> build-fuzz/findings/<file>
# Environment: CC_FUZZ (default clang), FUZZ_JOBS (build jobs, default 2).
set -eu
secs=${1:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
bdir=$root/build-fuzz
cc=${CC_FUZZ:-clang}
jobs=${FUZZ_JOBS:-2}
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
flags="-g -O1 -fno-omit-frame-pointer $san"

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz: $cc not found" >&2
	exit 1
fi

# The project's warnings are errors here too: clang sees a few things
# gcc does not (a table entry without its last field, say).
echo "fuzz: building the library with $cc in $bdir"
cmake -S "$root" -B "$bdir" -DCMAKE_C_COMPILER="$cc" \
	-DCMAKE_BUILD_TYPE=Fuzz \
	-DCMAKE_C_FLAGS_FUZZ="$flags -fsanitize=fuzzer-no-link" \
	-UCMAKE_C_COMPILE_OBJECT \
	-DZT_BUILD_TESTS=OFF >/dev/null
if ! cmake --build "$bdir" --target zothuis_lib -j"$jobs" \
	>"$bdir/build.log" 2>&1; then
	cat "$bdir/build.log" >&2
	exit 1
fi

pkgs="glib-2.0 libxml-2.0 sqlite3 zlib cairo pangocairo libqpdf"
cflags=$(pkg-config --cflags $pkgs)
libs=$(pkg-config --libs $pkgs)
mkdir -p "$bdir/findings"

status=0
found=0
for src in "$root"/tests/fuzz/fuzz_*.c; do
	[ -e "$src" ] || continue
	found=1
	name=$(basename "$src" .c)
	short=${name#fuzz_}
	seeds=$root/tests/fuzz/corpus/$short
	work=$bdir/corpus/$short
	mkdir -p "$work" "$seeds"
	echo "fuzz: $name for ${secs}s"
	# shellcheck disable=SC2086
	$cc $flags -fsanitize=fuzzer -I"$root" -I"$bdir/generated" $cflags \
		-D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
		-DZT_SOURCE_DIR="\"$root\"" \
		"$src" "$bdir/libzothuis_lib.a" $libs -lhyphen -lm -lpthread \
		-o "$bdir/$name"
	if ! ASAN_OPTIONS=detect_leaks=1 \
		"$bdir/$name" -max_total_time="$secs" -max_len=16384 \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$bdir/findings/$name-" \
		"$work" "$seeds" >"$bdir/$name.log" 2>&1; then
		echo "fuzz: $name FAILED; the end of $bdir/$name.log:" >&2
		tail -n 40 "$bdir/$name.log" >&2
		status=1
	else
		grep -E '^stat::number_of_executed_units|^stat::new_units_added' \
			"$bdir/$name.log" | sed "s/^/fuzz: $name: /"
	fi
done
if [ "$found" = 0 ]; then
	echo "fuzz: no tests/fuzz/fuzz_*.c" >&2
	exit 1
fi
exit $status
