#!/bin/sh
# tests/e2e/docs_catalogue.sh -- the generated parts of docs/ match the
# program: the indicator catalogue and the care kinds in
# docs/indicators.md must be exactly what `zothuis indicators --markdown`
# (and `--kinds --markdown`) print. Fails with the difference otherwise;
# scripts/gen-docs.sh rewrites them.
#
# Usage: sh docs_catalogue.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
zothuis=$1
src=$2
work=$3
mkdir -p "$work"

# The catalogue lists every id of the program, once.
"$zothuis" indicators >"$work/ids.tsv"
n=$(wc -l <"$work/ids.tsv")
[ "$n" -gt 0 ] || {
	echo "docs_catalogue: zothuis indicators printed nothing" >&2
	exit 1
}
dups=$(cut -f1 "$work/ids.tsv" | sort | uniq -d)
[ -z "$dups" ] || {
	echo "docs_catalogue: ids listed twice: $dups" >&2
	exit 1
}

sh "$src/scripts/gen-docs.sh" --check "$zothuis"
echo "docs_catalogue: $n indicators, docs/indicators.md up to date"
