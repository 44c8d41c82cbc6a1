#!/bin/sh
# End-to-end: rates beside figures published elsewhere (issue 14). The
# demo's annual and 1e-halfjaar reports are read back (pdftotext):
#  - the annex chart of rates per 1.000 has a bar per member, the region
#    and Nederland, with the values of indicatoren.csv and of the
#    benchmark table of the store, for the latest complete calendar year
#    (2023 in the annual report, 2022 in the 1e-halfjaar report);
#  - the table "Regio en Nederland" sets each benchmark figure beside the
#    region's own value of the same indicator and year, with its status
#    and source (once, under the table, when all share it), and marks
#    the demo's figures as synthetic;
#  - without benchmark input the section is left out (no empty table),
#    and the chart has no Nederland bar.
# Usage: benchmark_report.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"; cd "$W"
. "$SRC/tests/e2e/lib/demo.sh"

make_demo --clients 800
R=$W/out/demo-regio
D=$W/out/gooi-en-vechtstreek-demo
"$Z" --config "$R/zothuis.ini" report --period 2023-H1 --format pdf,csv \
	--out "$W/h1" > h1.out 2> h1.err || fail "report 2023-H1: $(cat h1.err)"
pdftotext -layout "$D/2023/rapport.pdf" year.txt
pdftotext -layout "$W/h1/gooi-en-vechtstreek-demo/2023-H1/rapport.pdf" \
	h1.txt

python3 - "$R/zothuis.db" "$D/2023/indicatoren.csv" year.txt 2023 <<'EOF' ||
import csv, re, sqlite3, sys
db, ind, txt, year = sys.argv[1:]
text = open(txt, encoding="utf-8").read()
rows = {}
for r in csv.DictReader(open(ind, encoding="utf-8")):
    if r["breakdown"] == "":
        rows[(r["indicator"], r["period"], r["gemeente"])] = r["display"]
con = sqlite3.connect(db)
bench = {(i, p): (n, d, s, b) for i, p, n, d, s, b in con.execute(
    "SELECT indicator, periode, waarde_num, waarde_den, status, bron "
    "FROM benchmark WHERE gebied = 'NL'")}
assert bench, "the demo wrote no benchmark figures"

def nl1(n, d):  # one decimal, Dutch comma, half away from zero
    q, r = divmod(abs(n) * 10, d)
    q += 2 * r >= d
    return "%s%d,%d" % ("-" if n < 0 else "", q // 10, q % 10)

# the chart: its title names the year; Nederland's bar is the benchmark
m = re.search(r"Figuur \d+\. Jeugdigen met jeugdhulp per 1\.000 jeugdigen"
              r"[^\n]*, (\d{4})\n(.*?)\n\s*\n\s*\n", text, re.S)
assert m, "no chart of rates per 1.000"
assert m.group(1) == year, "chart year %s, want %s" % (m.group(1), year)
chart = m.group(2)
n, d, status, src = bench[("rate.clients_per_1000", year)]
want = nl1(n, d)
assert re.search(r"Nederland\s+%s" % re.escape(want), chart), \
    "Nederland bar is not %s:\n%s" % (want, chart)
reg = rows[("rate.clients_per_1000", year, "regio")]
assert re.search(r"Regio [^\n]*\s+%s" % re.escape(reg), chart), \
    "region bar is not %s" % reg

# the table: per indicator, Nederland per year, own value beside it
t = text[text.index("Regio en Nederland\n"):]
t = t[t.index("Eigen cijfers naast cijfers van elders"):]
t = t[:t.index("Eigen cijfer: bij Nederland")]
# one source for all (the demo's), said once under the table
assert re.search(r"Bron van de gepubliceerde cijfers: synthetisch", t), \
    "the demo's figures are not marked synthetic"
seen = 0
for line in t.splitlines():
    m = re.match(r"\s*Nederland\s+(\d{4})\s+(\S+)\s+(\S+)\s+(\S+)(.*)",
                 line)
    if not m:
        continue
    y, own, pub, st, src_txt = m.groups()
    kind = "rate.clients_per_1000" if seen < 3 else "rate.verblijf_per_1000"
    n, d, status, src = bench[(kind, y)]
    assert pub == nl1(n, d), "%s %s: published %s, want %s" % (
        kind, y, pub, nl1(n, d))
    assert own == rows[(kind, y, "regio")], "%s %s: own %s, want %s" % (
        kind, y, own, rows[(kind, y, "regio")])
    assert st == status, "%s %s: status %s, want %s" % (kind, y, st, status)
    seen += 1
assert seen == 6, "%d benchmark rows, want 3 years x 2 rates" % seen
print("year %s: chart and table agree with the store" % year)
EOF
	fail "annual report"

grep -q "Figuur [0-9]*\. Jeugdigen met jeugdhulp per 1\.000 jeugdigen.*, 2022" \
	h1.txt || fail "1e halfjaar: the chart is not of the last full year"
grep -q "Regio en Nederland" h1.txt || fail "1e halfjaar: no comparison"

# without benchmark input: no section, no Nederland bar
sqlite3 "$R/zothuis.db" "DELETE FROM benchmark"
"$Z" --config "$R/zothuis.ini" report --period 2023 --format pdf \
	--out "$W/none" > none.out 2> none.err || fail "report: $(cat none.err)"
pdftotext -layout "$W/none/gooi-en-vechtstreek-demo/2023/rapport.pdf" \
	none.txt
grep -q "Regio en Nederland" none.txt && fail "an empty comparison is shown"
grep -q "Eigen cijfers naast" none.txt && fail "an empty table is shown"
grep -q "Figuur [0-9]*\. Jeugdigen met jeugdhulp per 1\.000" none.txt ||
	fail "the rates chart is gone with the benchmark"
# the chart, from its title to the page's footer: its bars, no Nederland
sed -n '/per 1\.000 jeugdigen (0-17 jaar), 2023/,/pagina [0-9]* van/p' \
	none.txt > rates.txt
grep -q "^Regio Gooi en Vechtstreek" rates.txt ||
	fail "the rates chart was not found: $(head -3 rates.txt)"
grep -q "Nederland" rates.txt && fail "a Nederland bar without a benchmark"
echo "benchmark_report e2e: ok"
