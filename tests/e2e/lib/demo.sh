# tests/e2e/lib/demo.sh -- sourced by the end-to-end tests that read
# back the demo region's reports (benchmark_report, demo_invariants,
# disclosure, report_words, text_vs_table). Expects Z (the program) and
# W (the work folder, already the current folder).

fail() { echo "FAIL: $*" >&2; exit 1; }

# make_demo ARGS...: `zothuis demo ARGS --out $W/out` (the demo region
# in $W/out/demo-regio, its reports in $W/out/gooi-en-vechtstreek-demo),
# its output in demo.out and demo.err. Before it, for it and every later
# call: SOURCE_DATE_EPOCH, so that reports are reproducible, and in the
# Sanitize build a leak suppression for fontconfig, which keeps its
# parsed configuration for the life of the process (see
# tests/unit/test_render.c); every other leak still fails the run.
make_demo() {
	SOURCE_DATE_EPOCH=1700000000
	export SOURCE_DATE_EPOCH
	echo "leak:libfontconfig.so" > lsan.supp
	LSAN_OPTIONS=suppressions=$W/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
	export LSAN_OPTIONS
	"$Z" demo "$@" --out "$W/out" > demo.out 2> demo.err ||
		fail "demo exit $?: $(tail -5 demo.err)"
}
