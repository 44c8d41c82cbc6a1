# tests/e2e/lib/region.sh -- sourced by the reliability tests
# (tests/e2e/rel*.sh, issue 18): a small region folder built from
# fixtures/samples, a generator of declaration lines with made-up BSNs
# that pass the 11-test, and helpers. A test starts with
#     set -eu
#     . "$2/tests/e2e/lib/region.sh"
#     begin_test "$@"
# after which Z (the program), SRC (the source tree) and W (the work
# folder, the current folder) are set.

fail() { echo "FAIL: $*" >&2; exit 1; }

# begin_test ZOTHUIS SOURCE_DIR WORK_DIR: the test's own arguments (as
# tests/CMakeLists.txt passes them) in Z, SRC and W; W made anew, empty,
# and the current folder
begin_test() {
	Z=$1; SRC=$2; W=$3
	rm -rf "$W"; mkdir -p "$W"; cd "$W"
}

# make_region DIR [noinit]: the sample region of fixtures/samples with an
# inbox, archive and rejected folder as in the issue's reproducers, and
# its store and key made by `init` (only init creates a store; `noinit`:
# the test makes them). Reports are CSV
# only (fast) for 2021-H2. The configuration uses only keys that
# zothuis has long known, so that each test runs (and fails) on older
# builds too; inbox files are dated back (`old`) so that the settle time
# does not hold them.
make_region() {
	d=$1
	mkdir -p "$d/reference" "$d/steering" "$d/inbox"
	cp "$SRC/fixtures/samples/demo-productcodes.csv" "$d/reference/productcodes.csv"
	cp "$SRC/fixtures/samples/demo-aanbieders.csv" "$d/reference/aanbieders.csv"
	cp "$SRC/fixtures/samples/demo-declaraties.csv" "$d/inbox/declaraties.csv"
	cp "$SRC/fixtures/samples/demo-residenties.csv" "$d/inbox/residenties.csv"
	old "$d/inbox/declaraties.csv" "$d/inbox/residenties.csv"
	cat > "$d/region.ini" <<'INI'
[region]
name = Testregio
municipalities = 0376,1942,0402,0406,0417,1696,0457@..2022-03-23

[store]
path = zothuis.db
key_file = zothuis.key

[input]
inbox = inbox/
archive = archive/
rejected = rejected/
product_codes = reference/productcodes.csv
providers = reference/aanbieders.csv

[report]
out = out/
formats = csv

[run]
periods = 2021-H2
lock_wait = 5
INI
	[ "${2:-}" = noinit ] ||
		( cd "$d" && "$Z" --config region.ini init > /dev/null ) ||
		fail "init of $d"
}

# old FILE...: last changed long ago, as a delivery that is complete
old() { touch -d '2021-01-01 00:00:00' "$@"; }

# empty_region DIR: make_region DIR with nothing in its inbox
empty_region() {
	make_region "$1"
	rm "$1"/inbox/*
}

# region_run DIR CODE...: make_region DIR and its first `run` (of the
# sample inbox), which must end with one of the exit codes CODE
region_run() {
	rd=$1; shift
	make_region "$rd"
	zr "$rd" run
	for c; do [ "$RC" = "$c" ] && return 0; done
	fail "first run exit $RC, want $*: $(cat "$rd/last.err")"
}

# zr DIR ARGS...: zothuis with DIR's region.ini, output in DIR/last.out and
# DIR/last.err; sets RC (never exits on a non-zero code). With ZR_AS set
# (to `as`, see unprivileged) zothuis is run through that command.
zr() {
	zd=$1; shift
	set +e
	( cd "$zd" && ${ZR_AS:-} "$Z" --config region.ini "$@" ) > "$zd/last.out" 2> "$zd/last.err"
	RC=$?
	set -e
}

# unprivileged DIR: define `as CMD...`, which runs CMD where a folder's
# mode is kept: as the user nobody, after DIR is handed to that user, when
# the test runs as root (root may write anyway); as it is otherwise
unprivileged() {
	if [ "$(id -u)" = 0 ]; then
		command -v setpriv > /dev/null || fail "setpriv is needed to test as a user"
		chown -R 65534:65534 "$1"
		chmod 755 "$W"
		as() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	else
		as() { "$@"; }
	fi
}

# other_key: other/o.key, the key of another store (other/o.db)
other_key() {
	( mkdir other && cd other && "$Z" --store o.db --key-file o.key init \
		> /dev/null ) || fail "cannot make another key"
}

# decl_lines N FIRST [GEMEENTE] [MONTH]: N declaration lines (no header)
# of N different children, BSNs from the 8-digit number FIRST on (each
# followed by its 11-test check digit; numbers without one are skipped),
# references R<number>_<i> (not R<number>-<i>: with i the check digit
# that would be the child's BSN written in two groups, which ingest
# replaces, docs/privacy.md), in 2021-MONTH (default 09).
decl_lines() {
	awk -v n="$1" -v p="$2" -v g="${3:-0402}" -v m="${4:-09}" 'BEGIN {
		k = 0
		while (k < n) {
			p++; s = 0; x = p
			for (i = 8; i >= 1; i--) { d = x % 10; x = int(x / 10); s += d * (10 - i) }
			c = s % 11; if (c == 10) continue
			printf "98000011;%s;%d%d;%d;R%d_%d;;45;45A01;2021-%s-01;2021-%s-28;10;04;9500;95000;D\n", g, p, c, 3000 + k, p, k, m, m
			k++
		}
	}'
}

DECL_HEADER="aanbieder_agb;gemeente;bsn;toewijzingnummer;referentienummer;vorig_referentienummer;productcategorie;productcode;begindatum;einddatum;volume;eenheid;tarief;bedrag;debet_credit"

# decl_file FILE N FIRST: a declaration file of N lines, decl_lines N
# FIRST under DECL_HEADER
decl_file() { { echo "$DECL_HEADER"; decl_lines "$2" "$3"; } > "$1"; }

# tmp_named_deliveries FIRST: two deliveries in r's inbox named like
# temporary files, dated back: levering.csv.tmp.Ab12Cd (decl_file of 2
# lines from FIRST on) and onbekend.csv.tmp.Cd34Ef (of no known layout)
tmp_named_deliveries() {
	decl_file r/inbox/levering.csv.tmp.Ab12Cd 2 "$1"
	printf 'a;b\n1;2\n' > r/inbox/onbekend.csv.tmp.Cd34Ef
	old r/inbox/levering.csv.tmp.Ab12Cd r/inbox/onbekend.csv.tmp.Cd34Ef
}

# report_text: the report of region r for 2021-H2 as PDF and CSV (exit 0
# or fail), the PDF's text as one line, blanks squeezed, in rep.txt
report_text() {
	zr r report --period 2021-H2 --format pdf,csv
	[ $RC = 0 ] || fail "report exit $RC: $(cat r/last.err)"
	pdftotext -raw r/out/*/2021-H2/rapport.pdf - | tr '\n' ' ' |
		sed 's/  */ /g' > rep.txt
}

# count DIR SQL: one value from the region's store
count() { sqlite3 "$1/zothuis.db" "$2"; }

# written OUT [FILE...]: all that zothuis wrote for the region r, in
# OUT: the FILEs, r/last.out, r/last.err, the store (dumped to
# dump.sql), the .reason files of r/rejected and every report file
written() {
	wo=$1; shift
	sqlite3 r/zothuis.db .dump > dump.sql
	cat "$@" r/last.out r/last.err dump.sql > "$wo"
	find r/rejected -name "*.reason" -exec cat {} + >> "$wo" 2>/dev/null || true
	find r/out -type f -exec cat {} + >> "$wo" 2>/dev/null || true
}
