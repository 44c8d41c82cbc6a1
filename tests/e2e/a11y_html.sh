#!/bin/sh
# tests/e2e/a11y_html.sh -- accessibility of the reports, end to end.
#
# Usage: sh a11y_html.sh ZOTHUIS SOURCE_DIR WORK_DIR
#
# Writes the demo region's reports (zothuis demo --clients 300), runs the
# PDF/UA + WCAG checker (the hidden command `zothuis pdfcheck`) on the
# half-year and annual PDFs, and checks the half-year and annual HTML in
# headless Chromium (tests/e2e/a11y/check-html.mjs): axe-core at WCAG 2.1
# AA at 390, 1280 and 1920 px, no request leaving the file, and the layout
# (no sideways page scroll, nothing past the right edge outside a scroll
# box, no table scrolling at desk width, chart text of at least 12 px and
# the current period in view at 390 px, a link back to the contents in
# every section, no table wider than A4 in print). The screenshots
# (rapport-*.png full page, html-*.png one screen), axe.json and
# layout.json stay in WORK_DIR (the annual report's in WORK_DIR/jaar).
#
# Needs chromium, node and npm (scripts/install-deps.sh --test); the npm
# packages (axe-core, playwright-core, pinned in
# tests/e2e/a11y/package-lock.json) are installed with `npm ci` on the
# first run, next to WORK_DIR in the build tree (never in the sources).
set -eu
zothuis=$1
src=$2
work=$3
a11y="$src/tests/e2e/a11y"

fail() {
	echo "a11y_html: $*" >&2
	exit 1
}

for tool in node npm; do
	command -v "$tool" >/dev/null 2>&1 ||
		fail "$tool is missing (scripts/install-deps.sh --test)"
done
[ -x /usr/bin/chromium ] ||
	fail "/usr/bin/chromium is missing (scripts/install-deps.sh --test)"

# The npm packages, from the lock file, into the build tree: when missing
# or installed from another lock file. The checker is copied next to them
# so that node resolves them from there.
node_dir=$(dirname "$work")/a11y-node
mkdir -p "$node_dir"
if [ ! -f "$node_dir/node_modules/.package-lock.json" ] ||
	! cmp -s "$a11y/package-lock.json" "$node_dir/package-lock.json"; then
	echo "== npm ci (axe-core, playwright-core) in $node_dir"
	cp "$a11y/package.json" "$a11y/package-lock.json" "$node_dir/"
	npm ci --prefix "$node_dir" --no-audit --no-fund --loglevel=error ||
		fail "npm ci failed"
fi
cp "$a11y/check-html.mjs" "$node_dir/"

rm -rf "$work"
mkdir -p "$work"
SOURCE_DATE_EPOCH=1662296700
export SOURCE_DATE_EPOCH

echo "== zothuis demo --clients 300"
"$zothuis" demo --clients 300 --out "$work/out" >"$work/demo.log" 2>&1 ||
	{ cat "$work/demo.log"; fail "the demo failed"; }
half=$(find "$work/out" -path '*-H[12]/rapport.html' | sort | tail -n 1)
[ -n "$half" ] || fail "no half-year report in $work/out"
dir=$(dirname "$half")
year=$(find "$work/out" -path '*/[0-9][0-9][0-9][0-9]/rapport.pdf' | sort |
	tail -n 1)
[ -n "$year" ] || fail "no annual report in $work/out"

echo "== PDF/UA and WCAG checks of the PDFs"
"$zothuis" pdfcheck "$dir/rapport.pdf" "$year" ||
	fail "the PDF checker found problems (above)"
qpdf --check "$dir/rapport.pdf" >/dev/null || fail "qpdf --check failed"

echo "== axe-core and layout in Chromium: $half"
node "$node_dir/check-html.mjs" "$half" "$work" ||
	fail "axe-core or the layout checks failed, or the page made" \
		"requests (above)"
for png in rapport-desktop.png rapport-phone.png rapport-wide.png \
	html-390.png html-1280.png html-1920.png; do
	[ -s "$work/$png" ] || fail "no screenshot $png"
done
annual=$(dirname "$year")/rapport.html
mkdir -p "$work/jaar"
echo "== axe-core and layout in Chromium: $annual"
node "$node_dir/check-html.mjs" "$annual" "$work/jaar" ||
	fail "axe-core or the layout checks failed on the annual report," \
		"or the page made requests (above)"
echo "screenshots and axe.json in $work"
