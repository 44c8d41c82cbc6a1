#!/bin/sh
# Code style check (docs/style.md): banned functions, file header
# comments, no tabs or trailing blanks in C sources, at most 79 columns,
# and the layers of docs/architecture.md (no include against the data flow). Exit 1 on a
# hit.
# Usage: scripts/checksrc.sh [SOURCE_DIR]
set -u
root=${1:-$(dirname "$0")/..}
cd "$root" || exit 2

files=$(find cli core etl metrics render fixtures tests bench -name '*.[ch]' 2>/dev/null | sort)
status=0

# Functions that invite overflows or hide errors, and their replacements:
#   atoi/atol/atoll -> zt_parse_int / zt_parse_i64   sprintf/vsprintf -> snprintf
#   strcpy/strncpy -> zt_strlcpy   strcat/strncat -> zt_buf   strtok -> manual
#   gets -> fgets   tmpnam/mktemp -> mkstemp   asctime/ctime/localtime/gmtime
#   -> *_r variants
banned='\<(atoi|atol|atoll|atof|sprintf|vsprintf|strcpy|strncpy|strcat|strncat|strtok|gets|tmpnam|mktemp|asctime|ctime|localtime|gmtime)[[:space:]]*\('
if hits=$(grep -nE "$banned" $files | grep -v 'checksrc: allow'); then
	echo "checksrc: banned function:" >&2
	echo "$hits" >&2
	status=1
fi

# malloc/calloc/realloc results must be checked: flag a call whose result
# is used on the same line without a test, e.g. "malloc(n)->x" or
# "memset(malloc(...".
if hits=$(grep -nE '(malloc|calloc|realloc)\([^;]*\)[[:space:]]*(->|\[)' $files); then
	echo "checksrc: unchecked allocation:" >&2
	echo "$hits" >&2
	status=1
fi

for f in $files; do
	if ! head -n 3 "$f" | grep -q '^ *\(/\*\|\*\)'; then
		echo "checksrc: $f: does not start with a comment saying what it is for" >&2
		status=1
	fi
done

if hits=$(grep -nP '\t' $files); then
	echo "checksrc: tab characters:" >&2
	echo "$hits" | head -20 >&2
	status=1
fi
if hits=$(grep -nE '[[:space:]]+$' $files); then
	echo "checksrc: trailing blanks:" >&2
	echo "$hits" | head -20 >&2
	status=1
fi
# At most 79 columns (docs/style.md), counted in characters: a "€" is
# one column.
if hits=$(perl -CSD -ne 'chomp; print "$ARGV:$.\n" if length($_) > 79;
	close ARGV if eof' $files); [ -n "$hits" ]; then
	echo "checksrc: lines over 79 columns:" >&2
	echo "$hits" | head -20 >&2
	status=1
fi

# The layers (docs/architecture.md): each folder includes only itself and
# the folders before it in core -> etl -> metrics -> render -> cli, and
# render reads no etl header: what a report shows reaches it through the
# indicator table or the report input (render/report.h, filled by cli/,
# the one render file that names etl types), never from ingest.
layer_ok() { # folder, included folder, file
	case "$1:$2" in
	core:core | etl:core | etl:etl) return 0 ;;
	metrics:core | metrics:etl | metrics:metrics) return 0 ;;
	render:core | render:metrics | render:render) return 0 ;;
	cli:*) return 0 ;;
	esac
	[ "$3" = render/report.h ] && [ "$2" = etl ] && return 0
	return 1
}
for f in $(find core etl metrics render cli -name '*.[ch]' | sort); do
	from=${f%%/*}
	for to in $(sed -n 's@^#include "\([a-z]*\)/.*@\1@p' "$f" | sort -u); do
		if ! layer_ok "$from" "$to" "$f"; then
			echo "checksrc: $f: includes $to/ against the layers" \
				"(docs/architecture.md)" >&2
			status=1
		fi
	done
done

exit $status
