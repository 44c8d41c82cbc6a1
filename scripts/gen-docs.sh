#!/bin/sh
# scripts/gen-docs.sh -- rewrite the parts of docs/ that are generated
# from the code, so the documentation cannot drift from it:
#
#   docs/indicators.md  <!-- catalogue:begin --> ... <!-- catalogue:end -->
#                       zothuis indicators --markdown (metrics/indicator.c)
#                       <!-- kinds:begin --> ... <!-- kinds:end -->
#                       zothuis indicators --kinds --markdown (core/kinds.c)
#
# Usage: scripts/gen-docs.sh [--check] [ZOTHUIS]
#   ZOTHUIS  the built program (default build/zothuis)
#   --check  change nothing; exit 1 and show the difference when a
#            committed region differs from what the program prints
#            (tests/e2e/docs_catalogue.sh runs this).
set -eu
check=0
if [ "${1:-}" = "--check" ]; then
	check=1
	shift
fi
root=$(cd "$(dirname "$0")/.." && pwd)
zothuis=${1:-$root/build/zothuis}
[ -x "$zothuis" ] || {
	echo "gen-docs: $zothuis is not a built program (cmake --build build)" >&2
	exit 2
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0

# region FILE NAME COMMAND...: replace the lines between the NAME markers
# of FILE by a blank line, the command's output and a blank line.
region() {
	file=$1
	name=$2
	shift 2
	{
		echo
		"$@"
		echo
	} >"$tmp/gen"
	awk -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" \
		-v gen="$tmp/gen" '
		$0 == begin {
			print
			while ((getline line < gen) > 0)
				print line
			inside = 1
			found++
			next
		}
		$0 == end { inside = 0 }
		!inside { print }
		END { if (found != 1 || inside) exit 3 }' "$file" >"$tmp/new" || {
		echo "gen-docs: $file: expected one pair of '$name' markers" >&2
		exit 2
	}
	if cmp -s "$file" "$tmp/new"; then
		return 0
	fi
	if [ $check -eq 1 ]; then
		echo "gen-docs: $file: the $name region differs from what" \
			"'$*' prints; run scripts/gen-docs.sh:" >&2
		diff -u "$file" "$tmp/new" >&2 || true
		status=1
	else
		cp "$tmp/new" "$file"
		echo "gen-docs: $file: $name region rewritten"
	fi
}

region "$root/docs/indicators.md" catalogue "$zothuis" indicators --markdown
region "$root/docs/indicators.md" kinds "$zothuis" indicators --kinds --markdown
exit $status
