#!/bin/sh
# End-to-end: the reports speak Dutch (issue 12, "Dutch everywhere"). The
# demo's 2e-halfjaar and annual PDFs are read back with pdftotext, and
# neither may contain a configuration value or file kind in English or
# in code (restated, declared, legal, jw323, jw301), the word elfproef,
# a raw dated member list (@..), or a four-digit municipality code as a
# word of its own outside the Verantwoording's code table (a table whose
# caption names "gemeentecode"; there is none today), nor "het" before a
# year ("van het 2023") or missing before a half-year ("in 2e halfjaar
# 2023"), nor an abbreviation an alderman need not know
# (OvJ, JJI, POH, t.o.v., t/m); and the HTML's running text holds no
# hidden value ("·" where a number belongs). The codes are read from the
# shipped municipality table, not written here.
# Usage: report_words.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"; cd "$W"
. "$SRC/tests/e2e/lib/demo.sh"

make_demo --clients 300
D=$W/out/gooi-en-vechtstreek-demo
for p in 2023-H2 2023; do
	[ -f "$D/$p/rapport.pdf" ] || fail "no $p/rapport.pdf"
	pdftotext -layout "$D/$p/rapport.pdf" "$p.txt" || fail "pdftotext $p"
done

python3 - "$SRC/reference/gemeenten.csv" 2023-H2.txt 2023.txt <<'PY' ||
import csv, re, sys

codes = set()
with open(sys.argv[1], encoding="utf-8") as f:
    for row in csv.DictReader(f):
        c = row["code"].strip()
        codes.add(c[2:] if c.upper().startswith("GM") else c.zfill(4))
if len(codes) < 300:
    sys.exit(f"only {len(codes)} municipality codes read")

words = ["restated", "declared", "legal", "jw323", "jw301", "elfproef",
         "@.."]
bad = []
for path in sys.argv[2:]:
    lines = open(path, encoding="utf-8").read().splitlines()
    in_codes = False
    for n, line in enumerate(lines, 1):
        low = line.lower()
        # the Verantwoording's code table: from its caption to the first
        # blank line
        if re.match(r"\s*Tabel \d+\. .*gemeentecode", line, re.I):
            in_codes = True
        elif not line.strip():
            in_codes = False
        for w in words:
            if w in low:
                bad.append(f"{path}:{n}: '{w}': {line.strip()}")
        if in_codes:
            continue
        for m in re.finditer(r"(?<!\w)(\d{4})(?!\w)", line):
            if m.group(1) in codes:
                bad.append(f"{path}:{n}: municipality code {m.group(1)}: "
                           f"{line.strip()}")
    # abbreviations an alderman need not know: the verwijzer "Rechter,
    # OvJ of JJI", the demo's "POH-jeugd", "t.o.v.", "t/m"
    for n, line in enumerate(lines, 1):
        for m in re.finditer(r"(?<!\w)(OvJ|JJI|POH)(?!\w)|"
                             r"(?<!\w)(t\.o\.v\.|t/m)(?!\w)", line):
            bad.append(f"{path}:{n}: abbreviation '{m.group(0)}': "
                       f"{line.strip()}")
    # a year is no half-year: "van het 2023" (the annual template once
    # said "de kosten van het <period/>", as the half-year one does)
    whole = " ".join(lines)
    for m in re.finditer(r"\bhet\s+(\d{4})\b", whole):
        bad.append(f"{path}: 'het {m.group(1)}': "
                   f"{whole[max(m.start() - 40, 0):m.end() + 20]}")
    # and a half-year takes the article: "in het 2e halfjaar 2023", not
    # "Van 2e halfjaar 2023" (Opvallend once said so)
    for m in re.finditer(r"\b(in|van|tegenover|met|over)\s+[12]e\s+"
                         r"halfjaar\b", whole, re.I):
        bad.append(f"{path}: '{m.group(0)}' without 'het': "
                   f"{whole[max(m.start() - 40, 0):m.end() + 20]}")
    # sentences that once said what the report did not do: chapter 5
    # claimed a restatement whatever the setting, with the setting after
    # it in brackets ("... volgens de regel die nu geldt (instelling:
    # opnieuw toegerekend volgens de regel van nu)"), and the
    # definitions called a hidden figure's status "geen gegevens"
    flat = " ".join(whole.split())
    for s in ["(instelling:", "verborgen of ontbrekend cijfer geeft geen"]:
        if s in flat:
            bad.append(f"{path}: '{s}'")
for b in bad[:40]:
    print(b)
if bad:
    sys.exit(f"{len(bad)} words the reader does not know")
PY
	fail "the reports use words the reader does not know (see above)"

# no hidden value in running text: the template's paragraphs and list
# items (<p>, <li> without a class, in <main>) never hold the marker "·"
# where a number belongs ("gemiddeld · jaar oud"); the suppression rule
# quotes it ('·')
python3 - "$D/2023-H2/rapport.html" "$D/2023/rapport.html" <<'PY' ||
import html, re, sys

bad = []
for path in sys.argv[1:]:
    h = open(path, encoding="utf-8").read()
    main = h[h.index("<main"):h.index("</main>")]
    for m in re.finditer(r"<(p|li)>(.*?)</\1>", main, re.S):
        text = html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
        if re.search(r"(?<!')\u00b7(?!')", text):
            bad.append(f"{path}: {' '.join(text.split())[:120]}")
for b in bad:
    print(b)
if bad:
    sys.exit(f"{len(bad)} hidden values in running text")
PY
	fail "a hidden value stands in running text (see above)"
echo "ok: no English settings, file kinds, elfproef, municipality codes" \
	"or abbreviations"
