#!/bin/sh
# End-to-end: one number for one quantity. The demo's 2e-halfjaar and
# annual reports are rendered and read back (pdftotext, and the HTML's
# tables), and every figure is checked against the folder's
# indicatoren.csv:
#  - every number in the summary's text and tiles (before "Opvallend") is
#    the display of a region row of the report's periods, or a target;
#  - the numbers of the Verantwoording's sources paragraph are the dq.*
#    rows, and the deliveries table's total row says the same (lines
#    read and rejected);
#  - the first row and the total row of every table of indicators are
#    the rows of indicatoren.csv they stand for, in the HTML and on the
#    same line of the PDF text; every row of the broken links' table;
#  - the woonplaatsbeginsel table reconciles: in every column the
#    municipalities plus the double-count row are the region (raw values
#    of intern/), and the region's shift is the two flows outside;
#  - the programme tile's funds of the year are the budget table's row
#    Middelen per jaar under that year;
#  - the waiting norm the text states is the configured one;
#  - the measures and budget tables agree (the demo's inputs are
#    consistent, so no conflict is reported), and a conflicting input
#    is reported under both tables, in the summary and on the console.
# Usage: text_vs_table.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"; cd "$W"
. "$SRC/tests/e2e/lib/demo.sh"

make_demo --clients 800
D=$W/out/gooi-en-vechtstreek-demo
for p in 2023-H2 2023; do
	pdftotext -layout "$D/$p/rapport.pdf" "$p.txt" || fail "pdftotext $p"
done

python3 - "$D" "$W" "$SRC" <<'EOF' || fail "figures disagree (see above)"
import csv, os, re, sys

D, W, SRC = sys.argv[1], sys.argv[2], sys.argv[3]
bad = []

def check(cond, msg):
    if not cond:
        bad.append(msg)

# the HTML report's tables, read as the attacker reads them (no
# bytecode written into the source tree)
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(SRC, "tests", "e2e"))
from attacker import Tables

def norm(s):
    return s.replace("\u00a0", " ").replace(" ", "")

KIND = {"Ambulante begeleiding": "amb_begeleiding"}
GEM = {"Blaricum": "0376"}

for period in ("2023-H2", "2023"):
    folder = os.path.join(D, period)
    half = period != "2023"
    rows = {}
    with open(os.path.join(folder, "indicatoren.csv"), newline="",
              encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows[(r["indicator"], r["period"], r["peildatum"], r["gemeente"],
                  r["breakdown"])] = r
    def disp(ind, per, gem="regio", bd="", peil=None):
        peil = peil or {"2023-H2": "2023-12-31", "2023-H1": "2023-06-30",
                        "2023": "2023-12-31", "2022": "2022-12-31",
                        "2022-H2": "2022-12-31", "2021": "2021-12-31"}[per]
        r = rows.get((ind, per, peil, gem, bd))
        check(r is not None, f"{period}: no row {ind} {per} {gem} {bd}")
        return r["display"] if r else None
    pdf = open(os.path.join(W, period + ".txt"), encoding="utf-8").read()
    lines = [l.rstrip() for l in pdf.splitlines()]
    # -- the summary: every figure is a region display or a target
    try:
        a = max(i for i, l in enumerate(lines) if l.strip() == "1 Samenvatting")
        b = next(i for i in range(a, len(lines))
                 if re.match(r"1\.\d+ Opvallend", lines[i].strip()))
    except (ValueError, StopIteration):
        bad.append(f"{period}: no summary in the PDF text")
        continue
    # headings lose their numbers ("1.2 Besluitpunten")
    text = " ".join(re.sub(r"^\d+(\.\d+)+ ", " ", l.strip())
                    for l in lines[a:b])
    summary = text
    text = re.sub(r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|"
                  r"augustus|september|oktober|november|december) \d{4}",
                  " ", text)
    text = re.sub(r"(jonger dan|doel|heel|halfjaar|in) (\d{4}|12)\b", " ",
                  text)
    text = re.sub(r"pagina \d+ van \d+", " ", text)
    text = re.sub(r"\b20\d\d\b", " ", text)
    pers = ["2023", "2022"] + (["2023-H1", "2023-H2", "2022-H2"] if half
                               else [])
    known = {norm(r["display"]) for k, r in rows.items()
             if k[3] == "regio" and k[1] in pers}
    # a status over few children names their number (the n of a share)
    known |= {r["n"] for k, r in rows.items()
              if k[3] == "regio" and k[1] in pers and r["unit"] == "percent"}
    def nl(v, dec=0):
        s = f"{abs(v):,.{dec}f}".replace(",", "_").replace(".", ",")
        return s.replace("_", ".")
    # the tiles' change since the same period a year earlier
    ago = "2022-H2" if half else "2022"
    def change(c, o):
        ch = (float(c["value"]) / float(o["value"]) - 1) * 100
        return norm(nl(round(ch + (1e-9 if ch >= 0 else -1e-9), 1), 1) + "%")
    raw_spend_change = None
    for ind in ("clients.total", "spend.total"):
        c = rows.get((ind, period, "2023-12-31", "regio", ""))
        o = rows.get((ind, ago, "2022-12-31", "regio", ""))
        if c and o and float(o["value"]):
            known.add(change(c, o))
            if ind == "spend.total":
                raw_spend_change = change(c, o)
    # provisional spending: the tile's change is that of the expected
    # final value, never that of the figures so far (a false fall)
    share = rows.get(("completeness.spend_share", period, "2023-12-31",
                      "regio", ""))
    est = rows.get(("estimate.spend_final", period, "2023-12-31", "regio",
                    ""))
    o = rows.get(("spend.total", ago, "2022-12-31", "regio", ""))
    if share and float(share["value"]) < 98 and est and o:
        known.add(change(est, o))
        if raw_spend_change and raw_spend_change != change(est, o):
            known.discard(raw_spend_change)
    # the programme tile: the year's spending against its funds
    with open(os.path.join(W, "out", "demo-regio", "steering",
                           "budget.csv"), encoding="utf-8") as f:
        spent = funds = 0
        for r in csv.DictReader(f):
            if r["jaar"] == "2023":
                spent += int(r["uitgaven"])
                funds += int(r["middelen"])
    known |= {norm("€ " + nl(spent)), norm("€ " + nl(funds)),
              norm(nl(spent / funds * 100, 1) + "%")}
    with open(os.path.join(folder, "doelen.csv"), newline="",
              encoding="utf-8") as f:
        for r in csv.DictReader(f):
            t = norm(r["target"]).lstrip("\u2265\u2264")
            known.add(t)
    figures = [f.rstrip(".") for f in
               re.findall(r"€ ?-?[\d.]+(?:,\d+)?|-?\d[\d.]*(?:,\d+)?%?", text)]
    check(len(figures) >= 12, f"{period}: only {len(figures)} figures in the "
          "summary")
    for fig in figures:
        check(norm(fig) in known, f"{period}: summary figure {fig} is no "
              "display of indicatoren.csv")
    # the tiles of the year targets show the year (also in a 2e halfjaar)
    y = disp("verblijf.share_gezinsvorm", "2023")
    check(y is not None and y in text, f"{period}: the year's share in a "
          f"gezinsvorm ({y}) is not in the summary")
    # -- the Verantwoording: the sources paragraph and table
    try:
        # 8.1 without the optional sections, up to 10.1 with the flow's
        # (Toegang en uitstroom) and Volledigheid van de cijfers
        a = max(i for i, l in enumerate(lines)
                if re.fullmatch(r"(8|9|10)\.1 Bronnen", l.strip()))
    except ValueError:
        bad.append(f"{period}: no Bronnen (8.1 to 10.1)")
        continue
    para = " ".join(lines[a:a + 6])
    for ind in ("dq.lines_read", "dq.lines_accepted",
                "dq.duplicates_skipped", "dq.lines_rejected"):
        d = disp(ind, period)
        check(d is not None and f" {d} " in f" {para} ",
              f"{period}: {ind} ({d}) not in the sources paragraph")
    # the deliveries table's total: files, lines read, lines rejected
    tot = next((l for l in lines[a:] if l.strip().startswith("Totaal ")),
               "")
    nums = tot.split()[2:]
    want = [disp(i, period) for i in ("dq.lines_read",
                                      "dq.lines_rejected")]
    check(nums == want, f"{period}: sources total {nums}, the text says "
          f"{want}")
    # -- first row and total of the tables of indicators
    p = Tables()
    p.feed(open(os.path.join(folder, "rapport.html"), encoding="utf-8").read())
    tabs = {re.sub(r"^Tabel \d+\. ", "", t["caption"]): t for t in p.tables}
    def cols_of(head):
        out = []
        for h in head[1:]:
            m = re.fullmatch(r"([12])e hj (\d{4})", h)
            out.append(f"{m.group(2)}-H{m.group(1)}" if m else h)
        return out
    def table_check(cap, first, total, total_label=None):
        t = tabs.get(cap)
        if t is None:
            bad.append(f"{period}: no table '{cap}'")
            return
        rows_t = t["rows"]
        # a group row ("Heel jaar", "Halfjaar") above the column labels
        while rows_t and rows_t[0][0] == "" and \
                set(rows_t[0][1:]) <= {"", "Heel jaar", "Halfjaar"}:
            rows_t = rows_t[1:]
        head, body = rows_t[0], rows_t[1:]
        pers = cols_of(head)
        last = next((r[0] for r in body if r[0] == total_label),
                    body[-1][0])
        for label, spec in ((body[0][0], first), (last, total)):
            row = next(r for r in body if r[0] == label)
            want = [spec(c) for c in pers]
            check(row[1:] == want, f"{period}: {cap}: row {label}: "
                  f"{row[1:]} in the HTML, {want} in indicatoren.csv")
            # the PDF shows the same figures on one line of the table
            lines_t, inside = [], False
            for l in lines:
                if l.strip().startswith(t["caption"]):
                    inside = True
                    continue
                if inside and re.match(r"\s*(Tabel|Figuur) \d+\.", l) and \
                        t["caption"].split(".")[0] not in l:
                    inside = False
                if inside:
                    lines_t.append(l)
            seq = "".join(norm(x) for x in want)
            ok = any(norm(l).endswith(seq) for l in lines_t)
            check(ok, f"{period}: {cap}: {label}: {want} not on one line "
                  "of the PDF text")
    cur = period
    # the programme tile's funds stand in the budget table: the row
    # Middelen per jaar, under the tile's year (a figure found nowhere
    # else could not be traced)
    m = re.search(r"middelen (\d{4}): (€ ?[\d.]+)", summary)
    tb = tabs.get("Uitgaven en middelen per actielijn")
    check(m is not None, f"{period}: no funds in the programme tile")
    check(tb is not None, f"{period}: no budget table")
    if m and tb:
        head = tb["rows"][0]
        fr = next((r for r in tb["rows"] if r[0] == "Middelen per jaar"),
                  None)
        check(fr is not None and m.group(1) in head and
              norm(fr[head.index(m.group(1))]) == norm(m.group(2)),
              f"{period}: the tile's middelen {m.group(1)} {m.group(2)} "
              f"are not in the budget table's row {fr} ({head})")
    table_check("Unieke cliënten per zorgsoort",
                lambda c: disp("clients.by_kind", c, bd="kind=amb_begeleiding"),
                lambda c: disp("clients.total", c))
    table_check("Unieke cliënten per gemeente",
                lambda c: disp("clients.total", c, "0376"),
                lambda c: disp("clients.total", c))
    table_check("Kosten per zorgsoort",
                lambda c: disp("spend.by_kind", c, bd="kind=amb_begeleiding"),
                lambda c: disp("spend.total", c))
    wpb = ["wpb.clients_declared", "clients.total", "wpb.clients_shift",
           "wpb.spend_declared", "spend.total", "wpb.spend_shift"]
    t7 = tabs.get("Gedeclareerd en toegerekend per gemeente")
    if t7:
        heads = t7["rows"][0][1:]
        table_check("Gedeclareerd en toegerekend per gemeente",
                    lambda c: disp(wpb[heads.index(c)], cur, "0376"),
                    lambda c: disp(wpb[heads.index(c)], cur),
                    "Regio Gooi en Vechtstreek (demo)")
    # the key figures per municipality, in two tables (counts and costs;
    # verblijf), each column by its label
    kc = {"Jeugdigen met jeugdhulp": "clients.total",
          "Per 1.000 jeugdigen": "rate.clients_per_1000",
          "Kosten": "spend.total", "Kosten per jeugdige": "spend.per_client",
          "In verblijf": "verblijf.clients",
          "Verblijf per 1.000": "rate.verblijf_per_1000",
          "Gezinsvorm": "verblijf.share_gezinsvorm",
          "Residentieel": "verblijf.share_residentieel",
          "Nieuwe plaatsingen": "instroom.placements"}
    seen = set()
    for t10 in [c for c in tabs if c.startswith(("Kerncijfers per gemeente",
                                                 "Verblijf per gemeente"))]:
        seen.update(tabs[t10]["rows"][0][1:])
        table_check(t10, lambda c: disp(kc[c], cur, "0376"),
                    lambda c: disp(kc[c], cur))
    check(seen == set(kc), f"{period}: key figure columns {sorted(seen)}")
    # a municipality's kinds without anything to publish are one line
    # that names them: each of them is hidden, missing or 0 in every
    # column (the labels of the kinds from docs/indicators.md)
    tb = tabs.get("Blaricum: unieke cliënten per zorgsoort")
    kinds = {}
    with open(os.path.join(SRC, "docs", "indicators.md"),
              encoding="utf-8") as f:
        for l in f:
            m = re.match(r"\| `([a-z_0-9]+)` \| ([^|]+) \|", l)
            if m:
                kinds[m.group(2).strip()] = m.group(1)
    fold = [r for r in (tb["rows"] if tb else [])
            if r[0].startswith("Overige zorgsoorten")]
    for r in fold:
        check(all(x == "" for x in r[1:]), f"{period}: folded row has "
              f"figures: {r}")
        names = r[0].split("): ", 1)[1]
        hd = next(x for x in tb["rows"] if x[0] == "Zorgsoort")
        for name, kid in kinds.items():
            if name not in names:
                continue
            for c in cols_of(hd):
                row = rows.get(("clients.by_kind", c,
                                {"2023-H2": "2023-12-31",
                                 "2023-H1": "2023-06-30",
                                 "2022-H2": "2022-12-31",
                                 "2023": "2023-12-31",
                                 "2022": "2022-12-31"}[c], "0376",
                                "kind=" + kid))
                check(row is None or row["suppressed"] == "1" or
                      float(row["value"]) == 0,
                      f"{period}: {name} folded but {row and row['display']}"
                      f" in {c}")
    if tb:
        first = next(r[0] for r in tb["rows"][1:] if r[0] != "Zorgsoort")
        table_check("Blaricum: unieke cliënten per zorgsoort",
                    (lambda c: disp("clients.by_kind", c, "0376",
                                    "kind=" + kinds[first]))
                    if first in kinds else (lambda c: ""),
                    lambda c: disp("clients.total", c, "0376"))
    coh = "2022"
    # one unit per column: the children, and the mean duration in days
    ep = lambda i: disp(i, coh, peil="2023-12-31")
    table_check("Kenmerken van de verblijfsepisodes, cohort " + coh,
                lambda c: ep({"Jeugdigen": "episodes.clients",
                              "Gemiddelde duur (dagen)":
                              "episodes.duration_mean"}[c]),
                lambda c: ep("episodes.age_le12") if c == "Jeugdigen"
                else "")
    table_check("Afgewezen regels naar reden",
                lambda c: disp("dq.lines_rejected", cur,
                               bd="reason=bsn_elfproef"),
                lambda c: disp("dq.lines_rejected", cur))
    # the broken links of the flow, every reason and the total (the
    # waiting table's note sends the reader here)
    t = tabs.get("Gebroken koppelingen naar soort")
    check(t is not None, f"{period}: no table of the broken links")
    reasons = {"Start zonder toewijzing": "start_zonder_toewijzing",
               "Start vóór de toewijzing": "start_voor_toewijzing",
               "Stop zonder start": "stop_zonder_start",
               "Declaratie zonder start": "declaratie_zonder_start",
               "Verzoek na 8 weken onbeantwoord": "verzoek_onbeantwoord",
               "Totaal": None}
    seen = set()
    for r in (t["rows"][1:] if t else []):
        check(r[0] in reasons, f"{period}: broken links: row {r[0]}?")
        rs = reasons.get(r[0])
        want = disp("dq.flow_broken_links", cur,
                    bd=f"reason={rs}" if rs else "")
        check(r[1:] == [want], f"{period}: broken links {r[0]}: {r[1:]}, "
              f"indicatoren.csv {want}")
        seen.add(r[0])
    check(seen == set(reasons), f"{period}: broken links: rows {seen}")
    # -- the woonplaatsbeginsel table reconciles (raw values)
    raw = {}
    with open(os.path.join(folder, "intern", "indicatoren-intern.csv"),
              newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["period"] == cur and r["breakdown"] == "":
                raw[(r["indicator"], r["gemeente"])] = float(r["value"])
    gems = {g for (i, g) in raw if i == "clients.total" and g != "regio"}
    for ind, multi in (("wpb.clients_declared", "wpb.clients_declared_multi"),
                       ("clients.total", "wpb.clients_multi"),
                       ("wpb.clients_shift", "wpb.clients_shift_multi"),
                       ("wpb.spend_declared", None), ("spend.total", None),
                       ("wpb.spend_shift", None)):
        s = sum(raw[(ind, g)] for g in gems) + (raw[(multi, "regio")]
                                                 if multi else 0)
        check(abs(s - raw[(ind, "regio")]) < 0.005,
              f"{period}: {ind}: municipalities + correction {s} != region "
              f"{raw[(ind, 'regio')]}")
    for a, o, i in (("wpb.clients_shift", "wpb.clients_shift_out",
                     "wpb.clients_shift_in"),
                    ("wpb.spend_shift", "wpb.spend_shift_out",
                     "wpb.spend_shift_in")):
        check(abs(raw[(o, "regio")] + raw[(i, "regio")] - raw[(a, "regio")])
              < 0.005, f"{period}: {a} of the region is not out + in")
    # -- measures and budget agree in the demo
    check("Maatregelen en begroting verschillen" not in pdf,
          f"{period}: the demo's measures and budget disagree")
for b in bad:
    print("  " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

# a conflicting input: one measure's spending changed; the report says so
# under both tables, in the summary and on the console
R=$W/out/demo-regio
sed 's/,Regulier budget,80000,/,Regulier budget,95000,/' \
	"$R/steering/maatregelen.csv" > conflict.csv
cmp -s conflict.csv "$R/steering/maatregelen.csv" && fail "no measure changed"
"$Z" --config "$R/zothuis.ini" --set "input.measures=$W/conflict.csv" \
	report --period 2023-H2 --format pdf --out "$W/conflict" \
	> conflict.out 2> conflict.err || fail "report exit $?"
grep -q "Maatregelen en begroting verschillen bij Afbouw residenti" conflict.err ||
	fail "no warning on the console: $(cat conflict.err)"
pdftotext "$W/conflict/gooi-en-vechtstreek-demo/2023-H2/rapport.pdf" c.txt
tr '\n' ' ' < c.txt > c1.txt
n=$(grep -o "Maatregelen en begroting verschillen bij Afbouw" c1.txt | wc -l)
[ "$n" -ge 3 ] || fail "the conflict is reported $n times (summary, measures, budget: 3)"
grep -q "besteed volgens de maatregelen € 725.000, uitgaven volgens de begroting € 710.000" c1.txt ||
	fail "the conflict does not give both totals"
# the waiting norm the text states is the one in force (never a default
# written into the template): in days and, when whole, in weeks
for n in 30 35; do
	"$Z" --config "$R/zothuis.ini" --set "analysis.wait_norm_days=$n" \
		report --period 2023-H2 --format pdf --out "$W/norm$n" \
		> norm.out 2>> norm.err || fail "report (norm $n) exit $?"
	pdftotext "$W/norm$n/gooi-en-vechtstreek-demo/2023-H2/rapport.pdf" - |
		tr '\n' ' ' > "norm$n.txt"
done
grep -q "De wachtnorm is 30 dagen van de ingangsdatum" norm30.txt ||
	fail "a norm of 30 days is not stated as such"
grep -q "De wachtnorm is 35 dagen (vijf weken) van de ingangsdatum" \
	norm35.txt || fail "a norm of 35 days is not stated with its weeks"
grep -q "tenzij de regio" norm30.txt norm35.txt &&
	fail "the norm is still hedged"
echo "text_vs_table e2e: ok"
