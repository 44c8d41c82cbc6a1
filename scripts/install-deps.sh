#!/bin/sh
# Install the Debian packages zothuis needs to build, test and render, but
# only those that are missing. Run as root on Debian 12 (bookworm).
# Usage: scripts/install-deps.sh [--test] [--bench]
#   --test adds the test-only tools; --bench adds what bench/run.sh needs
#   (sqlite3, time, and python3-pandas + python3-matplotlib for
#   bench/pandas_report.py). The two may be combined.
set -eu

build="build-essential cmake pkg-config libglib2.0-dev libxml2-dev zlib1g-dev
libsqlite3-dev libcairo2-dev libpango1.0-dev libqpdf-dev libhyphen-dev
libxlsxwriter-dev
hyphen-nl fonts-lato fonts-dejavu-core"
test="libcmocka-dev sqlite3 qpdf poppler-utils time afl++ clang
libclang-rt-14-dev hyperfine chromium valgrind"
bench="sqlite3 time python3 python3-pandas python3-matplotlib"
# The HTML accessibility test (tests/e2e/a11y_html.sh) also needs node and
# npm (for axe-core and playwright-core); take Debian's only when there are
# none (a machine may have its own node).
if ! command -v npm >/dev/null 2>&1; then
	test="$test nodejs npm"
fi

want=$build
for arg in "$@"; do
	case $arg in
	--test) want="$want $test" ;;
	--bench) want="$want $bench" ;;
	*) echo "install-deps: ignoring unknown option $arg" >&2 ;;
	esac
done

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages:$missing" >&2
	echo "install-deps: run as root (or: sudo apt-get install$missing)" >&2
	exit 1
fi

echo "install-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >&2
