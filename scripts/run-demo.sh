#!/bin/sh
# Install what is missing, build, and run the main job: generate the demo
# region, ingest it and write its report to out/. The README's run command.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
scripts/install-deps.sh
# Tests off: the demo needs none of the test-only packages (cmocka, ...).
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DZT_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$jobs" --target zothuis
exec build/zothuis demo --out out "$@"
