#!/bin/sh
# tests/e2e/layers.sh -- the include graph follows the layers of
# docs/architecture.md (core -> etl -> metrics -> render -> cli).
#
# Usage: sh layers.sh ZOTHUIS SOURCE_DIR WORK_DIR
#
# scripts/checksrc.sh builds the graph from every #include of the tree
# and fails on an edge against the layers. This test runs it on the
# sources (must pass), then on a copy with one upward include planted in
# metrics/ and one etl include in a render .c file (each must fail), so
# the check itself is known to bite.
set -eu
src=$2
work=$3

fail() {
	echo "layers: $*" >&2
	exit 1
}

"$src/scripts/checksrc.sh" "$src" || fail "checksrc fails on the sources"

rm -rf "$work"
mkdir -p "$work"
for d in cli core etl metrics render fixtures tests bench; do
	[ -d "$src/$d" ] && cp -R "$src/$d" "$work/"
done

plant() { # file, include
	cp "$src/$1" "$work/$1"
	printf '#include "%s"\n' "$2" >>"$work/$1"
	if out=$("$src/scripts/checksrc.sh" "$work" 2>&1); then
		fail "an include of $2 in $1 went unnoticed"
	fi
	echo "$out" | grep -q "$1: includes .* against the layers" ||
		fail "$1: no layer message: $out"
	cp "$src/$1" "$work/$1"
}
plant metrics/plausible.c render/doc.h
plant etl/csv.c metrics/table.h
plant core/str.c etl/record.h
plant render/doc.c etl/store.h
"$src/scripts/checksrc.sh" "$work" || fail "the restored copy fails"
echo "layers: the tree holds; four planted upward includes were caught"
