#!/usr/bin/env python3
"""tests/e2e/xlsx_check.py -- read a report's rapport.xlsx with nothing but
Python's zipfile and the sheet XML (an independent reader, not
libxlsxwriter) and check it against the report folder's indicatoren.csv:

- Tabel 1 (clients per care kind): every cell of a period column is a
  number equal to clients.by_kind of that kind, period and the region, or
  the marker text of a hidden value;
- the indicator sheet: one row per row of indicatoren.csv, the same ids,
  values (numbers) and display texts; a hidden row has no value.

Usage: xlsx_check.py RAPPORT.XLSX INDICATOREN.CSV KINDS.TSV
(KINDS.TSV: `zothuis indicators --kinds`, kind id and Dutch label)."""
import csv
import sys
import zipfile
import xml.etree.ElementTree as ET

M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"m": M}


def fail(msg):
    print("xlsx_check: FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def col_index(ref):
    n = 0
    for ch in ref:
        if ch.isalpha():
            n = n * 26 + ord(ch) - 64
    return n - 1


def read_book(path):
    z = zipfile.ZipFile(path)
    if z.testzip() is not None:
        fail("a damaged member in the zip")
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    sheets = [(s.get("name"), s.get("{%s}id" % R))
              for s in wb.find("m:sheets", NS)]
    rels = {r.get("Id"): r.get("Target")
            for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    sst = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")):
            sst.append("".join(t.text or "" for t in si.iter("{%s}t" % M)))
    book = {}
    for name, rid in sheets:
        x = ET.fromstring(z.read("xl/" + rels[rid]))
        grid = {}
        for row in x.iter("{%s}row" % M):
            r = int(row.get("r")) - 1
            for c in row.findall("m:c", NS):
                v = c.find("m:v", NS)
                if v is None:
                    continue
                t = c.get("t")
                if t == "s":
                    cell = ("s", sst[int(v.text)])
                elif t in (None, "n"):
                    cell = ("n", float(v.text))
                else:
                    cell = (t, v.text)
                grid[(r, col_index(c.get("r")))] = cell
        book[name] = grid
    return book


def rows_of(grid):
    if not grid:
        return []
    nr = max(r for r, _ in grid) + 1
    nc = max(c for _, c in grid) + 1
    return [[grid.get((r, c)) for c in range(nc)] for r in range(nr)]


def period_id(head):
    """'2021' -> 2021, '1e hj 2023' -> 2023-H1, '2e hj 2023' -> 2023-H2"""
    parts = head.split()
    if len(parts) == 1 and parts[0].isdigit():
        return parts[0]
    if len(parts) == 3 and parts[1] == "hj":
        return "%s-H%s" % (parts[2], parts[0][0])
    return None


def main():
    book = read_book(sys.argv[1])
    ind = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
    kinds = {}
    for line in open(sys.argv[3], encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        kinds[f[1]] = f[0]
    if "Tabel 1" not in book or "Indicatoren" not in book:
        fail("sheets: %s" % sorted(book))

    # Tabel 1 against clients.by_kind
    by = {(r["period"], r["breakdown"]): r for r in ind
          if r["indicator"] == "clients.by_kind" and r["gemeente"] == "regio"}
    rows = rows_of(book["Tabel 1"])
    head = next(i for i, r in enumerate(rows)
                if r and r[0] and r[0][1] == "Zorgsoort")
    periods = {c: period_id(cell[1]) for c, cell in enumerate(rows[head])
               if c > 0 and cell and period_id(cell[1])}
    if len(periods) < 2:
        fail("Tabel 1 has no period columns: %s" % rows[head])
    checked = numbers = markers = 0
    for r in rows[head + 1:]:
        if not r or not r[0] or r[0][1] not in kinds:
            continue
        kind = kinds[r[0][1]]
        for c, p in periods.items():
            cell = r[c] if c < len(r) else None
            want = by.get((p, "kind=" + kind))
            if want is None:
                if cell is not None and cell[0] == "n":
                    fail("Tabel 1 %s %s: a number %s with no value in "
                         "indicatoren.csv" % (kind, p, cell[1]))
                continue
            if want["value"] == "":
                if cell is None or cell[0] != "s" or cell[1] != want["display"]:
                    fail("Tabel 1 %s %s: hidden value shows %r, want text %r"
                         % (kind, p, cell, want["display"]))
                markers += 1
            else:
                if cell is None or cell[0] != "n":
                    fail("Tabel 1 %s %s: %r is not a number" % (kind, p, cell))
                if abs(cell[1] - float(want["value"])) > 1e-9:
                    fail("Tabel 1 %s %s: %s, indicatoren.csv says %s"
                         % (kind, p, cell[1], want["value"]))
                numbers += 1
            checked += 1
    if numbers < 10:
        fail("Tabel 1: only %d numbers checked" % numbers)

    # the indicator sheet against indicatoren.csv, row by row
    rows = rows_of(book["Indicatoren"])
    names = [c[1] for c in rows[0]]
    if len(rows) - 1 != len(ind):
        fail("indicator sheet has %d rows, indicatoren.csv %d"
             % (len(rows) - 1, len(ind)))
    col = {n: i for i, n in enumerate(names)}
    hidden = 0
    for i, (want, got) in enumerate(zip(ind, rows[1:])):
        def cell(name):
            c = col[name]
            return got[c] if c < len(got) else None
        key = (cell("Indicator")[1], cell("Periode")[1], cell("Gemeente")[1])
        if key != (want["indicator"], want["period"], want["gemeente"]):
            fail("row %d: %s, want %s" % (i + 2, key, want))
        if cell("Weergave")[1] != want["display"]:
            fail("row %d: display %r, want %r"
                 % (i + 2, cell("Weergave")[1], want["display"]))
        v = cell("Waarde")
        if want["value"] == "":
            if v is not None:
                fail("row %d: hidden %s has a value %r"
                     % (i + 2, want["indicator"], v))
            hidden += 1
        else:
            if v is None or v[0] != "n":
                fail("row %d: value %r is not a number" % (i + 2, v))
            exp = float(want["value"])
            if abs(v[1] - exp) > 1e-6 * max(1.0, abs(exp)):
                fail("row %d %s: value %s, indicatoren.csv says %s"
                     % (i + 2, want["indicator"], v[1], want["value"]))
    print("xlsx_check: ok: Tabel 1 %d cells (%d numbers, %d markers), "
          "indicator sheet %d rows (%d hidden), %d sheets"
          % (checked, numbers, markers, len(ind), hidden, len(book)))


main()
