#!/bin/sh
# `cmake --install` puts the program, the man page, templates, reference
# data and documents under the prefix, and the installed program finds its
# data there (it renders a report with the installed templates).
# Usage: install.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"
fail() { echo "FAIL: $*" >&2; exit 1; }
BUILD=$(dirname "$Z")
cmake --install "$BUILD" --prefix "$W/prefix" > "$W/install.log" 2>&1 ||
	fail "cmake --install failed: $(tail -3 "$W/install.log")"
P=$W/prefix
for f in bin/zothuis share/man/man1/zothuis.1 share/zothuis/templates/halfjaar.xml \
	share/zothuis/templates/jaar.xml share/zothuis/reference/gemeenten.csv \
	share/zothuis/reference/productcategorieen.csv share/doc/zothuis/operations.md \
	share/doc/zothuis/systemd/zothuis.timer; do
	[ -s "$P/$f" ] || fail "$f not installed"
done
grep -q '^\.SH "EXIT STATUS"' "$P/share/man/man1/zothuis.1" || fail "man page has no exit status"
# the installed program uses the installed data, not the source tree
cd "$W"
ZOTHUIS_DATADIR= "$P/bin/zothuis" demo --clients 100 --out demo > demo.out 2>&1 ||
	fail "installed demo failed: $(tail -5 demo.out)"
[ -s demo/gooi-en-vechtstreek-demo/2023-H2/rapport.pdf ] || fail "no report"
echo "install e2e: ok"
