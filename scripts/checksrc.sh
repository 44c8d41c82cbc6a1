#!/bin/sh
# Code style check (docs/style.md): banned functions, file header
# comments, and no tabs or trailing blanks in C sources. Exit 1 on a hit.
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
exit $status
