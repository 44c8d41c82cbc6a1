#!/usr/bin/env python3
"""tests/e2e/attacker.py -- try to work out every hidden count of a report
folder from what the folder publishes (docs/privacy.md, "The attacker
test").

Usage: attacker.py [--json REPORT] [--exact-columns] FOLDER [FOLDER...]

It reads only what a report folder offers for publication -- the
indicator table (indicatoren.csv and .json), the HTML report and the PDF's
text (pdftotext) -- and the public list of municipality names
(reference/gemeenten.csv, found beside this script's repository). It never
opens intern/. For every hidden cell (a marker such as "< 5" or "·" in
place of a number) it tries:

  - reading: a table of the HTML or the PDF that shows a number where the
    indicator table shows a marker;
  - ranges: every hidden cell has the range its marker allows ("< 5":
    1-4; cbs: "." 0-7; "·" and "x": any count, as the rules may hide a
    zero; a rounded count: +-2),
    narrowed over every sum it is in: breakdowns under their total (kinds
    of a municipality, the parts of the episode cohort), municipalities
    under the region (exactly for money and for the flow's counts of
    messages and assignments, and for clients once the report publishes
    its double counts; at least the region for other counts),
    half-years under their year (exactly for money and new placements;
    for unique clients each half <= the year <= their sum; for clients by
    their kind on the latest day, the 2e halfjaar <= the year <= the sum
    of the halves), a share times
    its whole (the kinds in a gezinsvorm), a shift (toegerekend minus
    gedeclareerd), the n column of a published mean or share (the count
    it is over; for the share volgens plan the stops less CBS overig,
    and the share times it the stops volgens plan), rows with the same
    value;
  - linear algebra: the exact sums above solved together (fractions,
    per connected set of cells), which finds what no single sum gives
    (a cell between two closed loops of a table);
  - means: a mean of the whole and of two parts (ended and continuing,
    short and long episodes) fix the size of a part.

With --exact-columns the attacker also knows which municipality columns
of a count add up to the region exactly although nothing makes them (no
mover counted twice: new placements, youths in verblijf on the
peildatum, in a small region clients per kind), and takes those for
exact sums: the worst case of a reader who sees a column come out in the
periods a table shows whole (Tabel 14 of one report shows it for new
placements). It learns which from intern/indicatoren-intern.csv: the
relation only, never a value.

A cell counts as derived when one of these gives it a single value. The
program prints how many hidden cells it tried, how many derivations it
attempted and how many it made, and exits 1 when it derived any (or
found the folder leaking a raw file), 0 otherwise.
"""

import csv
import html.parser
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from fractions import Fraction

INF = float("inf")

KINDS = {
    "Ambulante begeleiding": "amb_begeleiding",
    "Ambulante behandeling": "amb_behandeling",
    "Ambulante dagbehandeling": "dagbehandeling",
    "Dagactiviteiten": "dagactiviteiten",
    "Dyslexie": "dyslexie",
    "Ziekenhuiszorg": "ziekenhuis",
    "Logeren / respijtzorg": "logeren",
    "Crisis": "crisis",
    "Pleegzorg": "pleegzorg",
    "Gezinshuis": "gezinshuis",
    "Behandel- en leefgroepen": "residentieel",
    "Driemilieuvoorziening": "driemilieu",
    "JeugdzorgPlus (gesloten)": "gesloten",
    "Klinische jeugd-GGZ": "ggz_klinisch",
    "Beschermd wonen (<18)": "beschermd_wonen",
    "Landelijk Transitiearrangement": "lta",
    "Jeugdbescherming (OTS)": "jeugdbescherming",
    "Voogdij": "voogdij",
    "Jeugdreclassering": "jeugdreclassering",
    "Overig": "overig",
}
GEZINSVORM = ["pleegzorg", "gezinshuis"]
RESIDENTIEEL = ["residentieel", "driemilieu", "gesloten"]

# the count a published share or mean is over (its n column)
N_OF = {
    "verblijf.share_gezinsvorm": "verblijf.clients",
    "verblijf.share_residentieel": "verblijf.clients",
    "instroom.share_residentieel": "instroom.placements",
    "spend.per_client": "clients.total",
    "wpb.clients_shift": "clients.total",
    "episodes.duration_mean": "episodes.clients",
    "episodes.duration_mean_ended": "episodes.ended",
    "episodes.duration_mean_continuing": "episodes.continuing",
    "episodes.short_duration_mean": "episodes.short",
    "episodes.cost_mean": "episodes.clients",
    "episodes.cost_mean_continuing": "episodes.continuing",
    "episodes.cost_mean_history": "episodes.clients",
    "episodes.cost_mean_history_continuing": "episodes.continuing",
    "episodes.ambulant_cost_mean": "episodes.clients",
    "savings.placement": "episodes.clients",
}
# exact sums: total id -> part ids (no breakdown), or a breakdown key
ROW_SUMS = [
    ("verblijf.clients", ("verblijf.clients_by_kind", "kind")),
    ("episodes.clients", ["episodes.ended", "episodes.continuing"]),
    ("episodes.clients", ("episodes.clients", "duration")),
    ("episodes.clients", ("episodes.clients", "providers")),
    ("episodes.short", ["episodes.short_ended", "episodes.short_running"]),
    ("episodes.clients", ["episodes.short", "episodes.long"]),
    ("spend.total", ("spend.by_kind", "kind")),
    # every JW315 request names one verwijzer (the schema requires it),
    # every stop one reason, every waiting assignment one care kind
    ("flow.requests", ("flow.requests", "verwijzer")),
    ("flow.stops", ("flow.stops", "reason")),
    ("flow.stops", ("flow.stops_cbs", "cbs")),
    ("flow.waiting_at_peildatum", ("flow.waiting_at_peildatum", "kind")),
    ("flow.waiting_over_norm", ("flow.waiting_over_norm", "kind")),
]
# a client may count in several parts: total <= sum, part <= total
ROW_COVERS = [
    ("clients.total", ("clients.by_kind", "kind")),
    ("verblijf.at_peildatum", ("verblijf.at_peildatum", "kind")),
    ("verblijf.at_peildatum", ("verblijf.at_peildatum", "provider")),
]
SAME = [
    (("episodes.short", ""), ("episodes.clients", "duration=1-30")),
    (("episodes.single_provider", ""), ("episodes.clients", "providers=1")),
    (("ggz_klinisch.clients", ""), ("clients.by_kind", "kind=ggz_klinisch")),
    (("beschermd_wonen.clients", ""),
     ("clients.by_kind", "kind=beschermd_wonen")),
    (("gi.jeugdbescherming", ""), ("clients.by_kind", "kind=jeugdbescherming")),
    (("gi.voogdij", ""), ("clients.by_kind", "kind=voogdij")),
    (("gi.jeugdreclassering", ""), ("clients.by_kind", "kind=jeugdreclassering")),
]
MONEY_COLUMNS = ["spend.total", "spend.by_kind", "wpb.spend_declared"]
# counts of messages and assignments, each of one municipality: the
# municipalities add up to the region exactly (every breakdown too)
EXACT_COUNT_COLUMNS = [
    "flow.requests", "flow.assignments", "flow.waiting_at_peildatum",
    "flow.waiting_over_norm", "flow.stops", "flow.stops_cbs",
]
COUNT_COLUMNS = [
    "clients.total", "clients.by_kind", "verblijf.clients",
    "verblijf.clients_by_kind", "verblijf.residentieel_under12",
    "ggz_klinisch.clients", "ggz_klinisch.under12",
    "beschermd_wonen.clients", "verblijf.at_peildatum",
    "instroom.placements", "episodes.clients", "episodes.ended",
    "episodes.continuing", "episodes.short", "episodes.single_provider",
    "gi.jeugdbescherming", "gi.voogdij", "gi.jeugdreclassering",
    "wpb.clients_declared",
]
# other counts of one municipality each under the region's
MORE_COUNT_COLUMNS = ["episodes.age_le12", "episodes.short_ended",
                      "episodes.short_running"]
TIME_SUM = ["spend.total", "spend.by_kind", "wpb.spend_declared",
            "instroom.placements"]
# clients by their kind on the latest day of the period: a client of the
# 2e halfjaar has the year's kind (one of the 1e may not): H2 <= year <=
# H1 + H2
TIME_LATEST = ["verblijf.clients_by_kind"]
TIME_UNION = ["clients.total", "clients.by_kind", "verblijf.clients",
              "verblijf.residentieel_under12", "ggz_klinisch.clients",
              "ggz_klinisch.under12", "beschermd_wonen.clients",
              "gi.jeugdbescherming", "gi.voogdij", "gi.jeugdreclassering",
              "wpb.clients_declared"]


class Cell:
    __slots__ = ("key", "unit", "hidden", "display", "value", "n", "lo",
                 "hi", "exact")

    def __init__(self, key, unit, hidden, display, value, n):
        self.key, self.unit, self.hidden = key, unit, hidden
        self.display, self.value, self.n = display, value, n
        self.lo, self.hi, self.exact = -INF, INF, False


def to_fraction(text):
    return Fraction(text) if text not in ("", None) else None


def load_table(folder):
    """The published indicator table: CSV, checked against the JSON."""
    rows = {}
    path = os.path.join(folder, "indicatoren.csv")
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (r["indicator"], r["period"], r["peildatum"], r["gemeente"],
                   r["breakdown"])
            rows[key] = r
    jpath = os.path.join(folder, "indicatoren.json")
    if os.path.exists(jpath):
        with open(jpath, encoding="utf-8") as f:
            for r in json.load(f):
                key = (r["indicator"], r["period"], r["peildatum"],
                       r["gemeente"], r["breakdown"])
                c = rows.get(key)
                if c is None or c["display"] != r["display"]:
                    raise SystemExit(f"{jpath}: {key} differs from the CSV")
                if r["suppressed"] and (r["value"] is not None
                                        or r["n"] is not None):
                    raise SystemExit(f"{jpath}: hidden {key} has a value")
    return rows


def mode_of(rows):
    """small (threshold t) or cbs, from the markers the table uses."""
    t = None
    cbs = False
    for r in rows.values():
        d = r["display"]
        if r["suppressed"] == "1":
            if d.startswith("<"):
                t = int(d[1:].strip())
            if d in (".", "x"):
                cbs = True
    return ("cbs", 8) if cbs else ("small", t or 5)


def build_cells(rows, mode, t):
    cells = {}
    for key, r in rows.items():
        hidden = r["suppressed"] == "1"
        if hidden and (r["value"] or r["n"]):
            raise SystemExit(f"a hidden cell carries its value: {key}")
        c = Cell(key, r["unit"], hidden, r["display"],
                 to_fraction(r["value"]), to_fraction(r["n"]))
        is_count = r["unit"] == "count"
        region = key[3] == "regio" and not key[4].startswith("provider=")
        if not hidden:
            c.lo = c.hi = c.value
            c.exact = True
            if mode == "cbs" and not region and is_count and \
                    c.value is not None and c.value.denominator == 1 and \
                    c.value != 0:
                # a rounded count: the raw one is within 2 (and more than
                # 7, or it would show "."; a shown 0 is a 0)
                c.lo, c.hi, c.exact = max(c.value - 2, 8), c.value + 2, False
        elif is_count and ("shift" in key[0] or key[0].endswith("_multi")):
            pass     # a difference: any sign
        elif is_count:
            if mode == "small" and c.display.startswith("<"):
                c.lo, c.hi = 1, t - 1
            elif mode == "cbs" and c.display == ".":
                c.lo, c.hi = 0, 7
            else:
                c.lo, c.hi = 0, INF   # "·", "x": any count
        cells[key] = c
    return cells


class Equation:
    """sum(coef * cell) + const == 0 (eq) or, for a cover, the total is at
    most the sum of the parts and each part at most the total."""
    __slots__ = ("terms", "const", "kind", "total", "parts", "below")

    def __init__(self, terms, const=Fraction(0), kind="eq", total=None,
                 parts=None, below=None):
        self.terms, self.const, self.kind = terms, const, kind
        self.total, self.parts = total, parts
        # the parts known to be at most the total (all, unless given)
        self.below = parts if below is None else below


def exact_columns(folder):
    """The municipality columns of counts that add up exactly to the
    region in the internal table: (ind, period, peildatum, breakdown)."""
    col = defaultdict(dict)
    path = os.path.join(folder, "intern", "indicatoren-intern.csv")
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["unit"] != "count" or r["value"] in ("", None):
                continue
            col[(r["indicator"], r["period"], r["peildatum"],
                 r["breakdown"])][r["gemeente"]] = Fraction(r["value"])
    exact = set()
    for k, g in col.items():
        if "regio" in g and len(g) > 1 and \
                sum(v for m, v in g.items() if m != "regio") == g["regio"]:
            exact.add(k)
    return exact


def gather(cells, mode, exact=frozenset()):
    """Every relation a reader can state between the published cells. In
    cbs mode a figure below region level is rounded, and so is what is
    computed from it (a shift, a share, an n): those give ranges."""
    eqs = []
    cbs = mode == "cbs"
    by_group = defaultdict(dict)   # (ind, period, peil, gem) -> bd -> cell
    by_col = defaultdict(dict)     # (ind, period, peil, bd) -> gem -> cell
    by_time = defaultdict(dict)    # (ind, gem, bd) -> period -> cell
    for k, c in cells.items():
        ind, per, peil, gem, bd = k
        by_group[(ind, per, peil, gem)][bd] = c
        by_col[(ind, per, peil, bd)][gem] = c
        by_time[(ind, gem, bd)][per] = c
    units = {(k[1], k[2], k[3]) for k in cells}
    for per, peil, gem in units:
        def get(ind, bd=""):
            return by_group.get((ind, per, peil, gem), {}).get(bd)
        for total, parts in ROW_SUMS + ROW_COVERS:
            cover = (total, parts) in ROW_COVERS
            tc = get(total)
            if tc is None:
                continue
            if isinstance(parts, tuple):
                ind, key = parts
                pcs = [c for bd, c in by_group.get((ind, per, peil, gem),
                                                   {}).items()
                       if bd.startswith(key + "=")]
            else:
                pcs = [get(p) for p in parts]
                if None in pcs:
                    continue
            if not pcs:
                continue
            if cover:
                eqs.append(Equation(None, kind="cover", total=tc, parts=pcs))
            else:
                eqs.append(Equation([(1, c) for c in pcs] + [(-1, tc)]))
        for (ia, ba), (ib, bb) in SAME:
            a, b = get(ia, ba), get(ib, bb)
            if a and b:
                eqs.append(Equation([(1, a), (-1, b)]))
        # shifts: toegerekend - gedeclareerd
        sub = gem != "regio"
        for s, a, b in (("wpb.clients_shift", "clients.total",
                         "wpb.clients_declared"),
                        ("wpb.spend_shift", "spend.total",
                         "wpb.spend_declared")):
            cs, ca, cb = get(s), get(a), get(b)
            if cs and ca and cb and not (cbs and sub and s ==
                                         "wpb.clients_shift"):
                eqs.append(Equation([(1, cs), (-1, ca), (1, cb)]))
        # the shares: share * whole / 100 = the kinds in the group
        v = get("verblijf.clients")
        for sid, group in (("verblijf.share_gezinsvorm", GEZINSVORM),
                           ("verblijf.share_residentieel", RESIDENTIEEL)):
            s = get(sid)
            ks = [get("verblijf.clients_by_kind", "kind=" + k)
                  for k in group]
            if s is None or s.hidden or v is None or None in ks:
                continue
            if cbs and sub:
                # 100 * round5(num) / round5(whole): the part, rounded
                num = Cell(None, "count", True, "", None, None)
                r5 = round(s.value * s.n / 100)
                num.lo, num.hi = max(r5 - 2, 0), r5 + 2
                eqs.append(Equation([(1, c) for c in ks] + [(-1, num)]))
            elif v.exact:
                num = s.value * v.value / 100
                eqs.append(Equation([(1, c) for c in ks],
                                    -Fraction(round(num))))
            else:
                eqs.append(Equation([(100, c) for c in ks] +
                                    [(-s.value, v)]))
        # spend per client * clients = spend
        pc, ct, sp = get("spend.per_client"), get("clients.total"), \
            get("spend.total")
        if pc and ct and sp and not pc.hidden and ct.exact and \
                not (cbs and sub):
            eqs.append(Equation([(1, sp)], -pc.value * ct.value))
        # the n column of a published share or mean is the count it is over
        for ind, of in N_OF.items():
            c, oc = get(ind), get(of)
            if c and oc and not c.hidden and c.n is not None and \
                    not (cbs and sub):
                eqs.append(Equation([(1, oc)], -c.n))
        # the share volgens plan is over the definitive stops, the stops
        # less CBS overig (its n), and share * n is the part volgens plan
        s, st = get("flow.share_volgens_plan"), get("flow.stops")
        ov = get("flow.stops_cbs", "cbs=overig")
        pl = get("flow.stops_cbs", "cbs=volgens_plan")
        if s and st and ov and not s.hidden and s.n is not None and \
                not (cbs and sub):
            eqs.append(Equation([(1, st), (-1, ov)], -s.n))
            if pl and s.value is not None:
                eqs.append(Equation([(1, pl)],
                                    -Fraction(round(s.value * s.n / 100))))
    # municipalities under the region
    for (ind, per, peil, bd), col in by_col.items():
        if "regio" not in col or len(col) < 2:
            continue
        region = col["regio"]
        munis = [c for g, c in col.items() if g != "regio"]
        multi = None
        if bd == "" and ind in ("clients.total", "wpb.clients_declared"):
            mid = ("wpb.clients_multi" if ind == "clients.total"
                   else "wpb.clients_declared_multi")
            multi = cells.get((mid, per, peil, "regio", ""))
        if ind in MONEY_COLUMNS or ind in EXACT_COUNT_COLUMNS or \
                (ind in COUNT_COLUMNS + MORE_COUNT_COLUMNS and
                 (ind, per, peil, bd) in exact):
            eqs.append(Equation([(1, c) for c in munis] + [(-1, region)]))
        elif multi is not None and not multi.hidden:
            # sum of municipalities = region - multi
            eqs.append(Equation([(1, c) for c in munis] + [(-1, region)],
                                multi.value))
        elif ind in COUNT_COLUMNS and not bd.startswith(("duration=",
                                                        "providers=")):
            eqs.append(Equation(None, kind="cover", total=region,
                                parts=munis))
    # half-years under their year
    for (ind, gem, bd), per in by_time.items():
        for p, y in per.items():
            if len(p) != 4:
                continue
            h1, h2 = per.get(p + "-H1"), per.get(p + "-H2")
            if ind in TIME_LATEST and h2 is not None:
                eqs.append(Equation(None, kind="cover", total=y,
                                    parts=[h1, h2] if h1 is not None
                                    else [h2, None], below=[h2]))
                continue
            if h1 is None or h2 is None:
                continue
            if ind in TIME_SUM:
                eqs.append(Equation([(1, h1), (1, h2), (-1, y)]))
            elif ind in TIME_UNION:
                eqs.append(Equation(None, kind="cover", total=y,
                                    parts=[h1, h2]))
    return eqs


def propagate(eqs, stats):
    """Narrow every cell's range over every relation until nothing moves."""
    def lohi(c):
        return c.lo, c.hi

    changed = True
    rounds = 0
    while changed and rounds < 100:
        changed = False
        rounds += 1
        for e in eqs:
            if e.kind == "cover":
                T = e.total
                # a part not published: T has no upper bound from them
                parts = [p for p in e.parts if p is not None]
                slo = sum(p.lo for p in parts)
                shi = (sum(p.hi for p in parts)
                       if len(parts) == len(e.parts) else INF)
                # T <= sum of parts, T >= every part below it
                nlo = max([T.lo] + [p.lo for p in e.below])
                nhi = min(T.hi, shi)
                if T.hidden or not T.exact:
                    stats["attempts"] += 1
                if nlo <= nhi and (nlo > T.lo or nhi < T.hi):
                    T.lo, T.hi = nlo, nhi
                    changed = True
                for p in parts:
                    if not (p.hidden or not p.exact):
                        continue
                    stats["attempts"] += 1
                    others = shi - p.hi if p.hi != INF else INF
                    plo = max(p.lo, T.lo - others) if others != INF else p.lo
                    phi = min(p.hi, T.hi) if p in e.below else p.hi
                    if plo <= phi and (plo > p.lo or phi < p.hi):
                        p.lo, p.hi = plo, phi
                        changed = True
                continue
            if any(abs(a) != 1 for a, _ in e.terms):
                continue      # fractional weights: the linear system
            for a, c in e.terms:
                if c.exact:
                    continue
                stats["attempts"] += 1
                # a*c = -(const + sum of the others)
                olo = ohi = -e.const
                for b, d in e.terms:
                    if d is c:
                        continue
                    lo, hi = lohi(d)
                    if b > 0:
                        olo, ohi = olo - hi, ohi - lo
                    else:
                        olo, ohi = olo + lo, ohi + hi
                if a < 0:
                    olo, ohi = -ohi, -olo
                if olo <= ohi and (olo > c.lo or ohi < c.hi):
                    nlo, nhi = max(c.lo, olo), min(c.hi, ohi)
                    if nlo <= nhi:
                        c.lo, c.hi = nlo, nhi
                        changed = True


def solve(eqs, stats):
    """The exact relations as one linear system over the unknown cells
    (fractions, per connected set): the cells it fixes."""
    unknown = [e for e in eqs if e.kind == "eq" and
               any(not c.exact for _, c in e.terms)]
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for e in unknown:
        us = [id(c) for _, c in e.terms if not c.exact]
        for u in us[1:]:
            parent[find(u)] = find(us[0])
    comps = defaultdict(list)
    for e in unknown:
        u = next(id(c) for _, c in e.terms if not c.exact)
        comps[find(u)].append(e)
    fixed = {}
    for comp in comps.values():
        cols, idx = [], {}
        for e in comp:
            for _, c in e.terms:
                if not c.exact and id(c) not in idx:
                    idx[id(c)] = len(cols)
                    cols.append(c)
        stats["attempts"] += sum(1 for c in cols if c.hidden)
        m = []
        for e in comp:
            row = [Fraction(0)] * (len(cols) + 1)
            k = Fraction(e.const)
            for a, c in e.terms:
                if c.exact:
                    k += a * c.value
                else:
                    row[idx[id(c)]] += a
            row[-1] = -k
            m.append(row)
        # reduced row echelon form
        r = 0
        for col in range(len(cols)):
            piv = next((i for i in range(r, len(m)) if m[i][col] != 0), None)
            if piv is None:
                continue
            m[r], m[piv] = m[piv], m[r]
            p = m[r][col]
            m[r] = [x / p for x in m[r]]
            for i in range(len(m)):
                if i != r and m[i][col] != 0:
                    f = m[i][col]
                    m[i] = [x - f * y for x, y in zip(m[i], m[r])]
            r += 1
            if r == len(m):
                break
        for row in m[:r]:
            nz = [j for j in range(len(cols)) if row[j] != 0]
            if len(nz) == 1:
                fixed[id(cols[nz[0]])] = (cols[nz[0]], row[-1])
    return fixed


def means(cells, stats):
    """A mean of the whole and of two parts give the parts' sizes."""
    found = []
    trios = [("episodes.duration_mean", "episodes.duration_mean_ended",
              "episodes.duration_mean_continuing", "episodes.ended",
              "episodes.continuing"),
             ("episodes.duration_mean", "episodes.short_duration_mean",
              "episodes.long_duration_mean", "episodes.short",
              "episodes.long")]
    keys = {(k[1], k[2], k[3]) for k in cells if k[0] == "episodes.clients"}
    for per, peil, gem in keys:
        tot = cells.get(("episodes.clients", per, peil, gem, ""))
        for m, ma, mb, na, nb in trios:
            cm, ca, cb = (cells.get((i, per, peil, gem, ""))
                          for i in (m, ma, mb))
            part = cells.get((na, per, peil, gem, ""))
            if None in (cm, ca, cb, tot, part) or not part.hidden:
                continue
            stats["attempts"] += 1
            if cm.hidden or ca.hidden or cb.hidden or not tot.exact or \
                    ca.value == cb.value:
                continue
            x = tot.value * (cm.value - cb.value) / (ca.value - cb.value)
            near = round(x)
            if abs(x - near) < Fraction(1, 100) and part.lo <= near <= \
                    part.hi:
                found.append((part, near))
    return found


class Tables(html.parser.HTMLParser):
    """Every table of the HTML report: caption and rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self.cur, self.row, self.cell, self.cap = [], None, \
            None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.cur = {"caption": "", "rows": []}
        elif tag == "caption" and self.cur is not None:
            self.cap = ""
        elif tag == "tr" and self.cur is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table" and self.cur is not None:
            self.tables.append(self.cur)
            self.cur = None
        elif tag == "caption" and self.cap is not None:
            self.cur["caption"] = " ".join(self.cap.split())
            self.cap = None
        elif tag == "tr" and self.row is not None:
            self.cur["rows"].append(self.row)
            self.row = None
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join(self.cell.split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        elif self.cap is not None:
            self.cap += data


def period_of(label):
    m = re.fullmatch(r"([12])e hj (\d{4})", label)
    if m:
        return f"{m.group(2)}-H{m.group(1)}"
    return label if re.fullmatch(r"\d{4}", label) else None


def is_number(text):
    return re.search(r"\d", text) is not None and text not in ("–",)


def read_tables(folder, cells, names, stats):
    """Reading: a number in the HTML (or the PDF) where the table hides
    one. Each table column is matched to the indicator table by its shown
    values; a hidden cell of the matching column must show its marker."""
    leaks = []
    with open(os.path.join(folder, "rapport.html"), encoding="utf-8") as f:
        p = Tables()
        p.feed(f.read())
    # the published cells, by the key a table row can name
    index = defaultdict(dict)   # (ind, per, peil, gem) / bd ... -> display
    for k, c in cells.items():
        index[k[:4]][k[4]] = c
    regio_keys = [k for k in index if k[3] == "regio"]
    scope_keys = defaultdict(list)
    for k in index:
        scope_keys[k[3]].append(k)
    try:
        pdf = subprocess.run(["pdftotext", "-layout",
                              os.path.join(folder, "rapport.pdf"), "-"],
                             capture_output=True, text=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pdf = ""
    pdf_lines = [l.strip() for l in pdf.splitlines()]
    for t in p.tables:
        rows = t["rows"]
        if len(rows) < 2:
            continue
        head, body = rows[0], rows[1:]
        cap = re.sub(r"^(Tabel \d+\. |Cijfers bij figuur: )", "",
                     t["caption"])
        scope = next((names[n] for n in names if cap.startswith(n + ":")),
                     "regio")
        for j in range(1, len(head)):
            col = [(r[0], r[j]) for r in body if len(r) > j]
            best, score = None, 0
            hp = period_of(head[j])
            by_muni = any(label in names for label, _ in col)
            # candidates: rows are municipalities, kinds or periods
            for key4 in (regio_keys if by_muni else scope_keys[scope]):
                bds = index[key4]
                ind, per, peil, gem = key4
                if hp is not None and not by_muni and \
                        any(label in KINDS for label, _ in col) and \
                        per != hp:
                    continue
                if hp is not None and by_muni and per != hp:
                    continue
                ok = 0
                for label, text in col:
                    c = None
                    if label in names and gem == "regio":
                        c = index.get((ind, per, peil, names[label]),
                                      {}).get("")
                    elif label in KINDS and gem == scope and \
                            (hp is None or hp == per):
                        c = bds.get("kind=" + KINDS[label])
                    elif period_of(label) and gem == scope:
                        c = index.get((ind, period_of(label), peil, gem),
                                      {}).get("")
                    if c is not None and c.display == text:
                        ok += 1
                if ok > score:
                    best, score = key4, ok
            if best is None or score < max(3, len(col) * 2 // 3):
                continue
            ind, per, peil, gem = best
            for label, text in col:
                if label in names:
                    c = index.get((ind, per, peil, names[label]), {}).get("")
                elif label in KINDS:
                    c = index.get(best, {}).get("kind=" + KINDS[label])
                elif period_of(label):
                    c = index.get((ind, period_of(label), peil, gem),
                                  {}).get("")
                else:
                    c = None
                if c is None or not c.hidden:
                    continue
                stats["attempts"] += 1
                if is_number(text) and text != c.display:
                    leaks.append((c, f"HTML {t['caption']}: {label} "
                                     f"shows {text}"))
                # the PDF's line for the same row of the same table
                for line in table_lines(pdf_lines, t["caption"]):
                    if not line.startswith(label + "  "):
                        continue
                    toks = re.split(r"\s{2,}", line[len(label):].strip())
                    shown = toks[j - 1].replace(" ", "") \
                        if len(toks) == len(head) - 1 else None
                    if shown and is_number(shown) and \
                            shown != c.display.replace(" ", ""):
                        leaks.append((c, f"PDF {t['caption']}: {label} "
                                         f"shows {shown}"))
    return leaks


def table_lines(lines, caption):
    """The PDF text lines of the table with this caption (and its
    continuation on the next page), up to the next caption."""
    out, inside = [], False
    for line in lines:
        if line.startswith(caption):
            inside = True
            continue
        if inside and re.match(r"(Tabel|Figuur) \d+\.", line) and \
                not line.startswith(caption.split(".")[0] + "."):
            inside = False
        if inside:
            out.append(line)
    return out


def municipality_names(src):
    names = {}
    path = os.path.join(src, "reference", "gemeenten.csv")
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            names[r["name"]] = r["code"][2:]
    return names


def attack(folder, names, exact_cols=False):
    for f in os.listdir(folder):
        if f in ("rejects.csv",) or "intern" in f and f != "intern":
            raise SystemExit(f"{folder}: an internal file is published: {f}")
    rows = load_table(folder)
    mode, t = mode_of(rows)
    cells = build_cells(rows, mode, t)
    hidden = [c for c in cells.values() if c.hidden]
    counts = [c for c in hidden if c.unit == "count"]
    stats = {"attempts": 0}
    eqs = gather(cells, mode,
                 exact_columns(folder) if exact_cols else frozenset())
    propagate(eqs, stats)
    derived = {}
    for c in hidden:
        if c.lo == c.hi:
            derived[c.key] = (c.lo, "ranges")
    for c, v in solve(eqs, stats).values():
        if c.hidden:
            derived.setdefault(c.key, (v, "linear algebra"))
    for c, v in (means(cells, stats) if mode == "small" else []):
        derived.setdefault(c.key, (v, "means"))
    for c, why in read_tables(folder, cells, names, stats):
        derived.setdefault(c.key, (None, why))
    return {
        "folder": folder,
        "mode": mode,
        "threshold": t,
        "cells_published": len(cells) - len(hidden),
        "hidden_cells_tried": len(hidden),
        "hidden_counts_tried": len(counts),
        "relations": len(eqs),
        "derivations_attempted": stats["attempts"],
        # a hidden zero worked out is no disclosure: zeros are published
        # as such (docs/privacy.md, rule 1); listed apart, not counted
        "derived": [{"cell": list(k), "value": None if v is None else
                     str(v), "how": how}
                    for k, (v, how) in sorted(derived.items()) if v != 0],
        "zeros": [{"cell": list(k), "how": how}
                  for k, (v, how) in sorted(derived.items()) if v == 0],
    }


def main(argv):
    out = None
    if len(argv) > 2 and argv[1] == "--json":
        out, argv = argv[2], [argv[0]] + argv[3:]
    exact_cols = len(argv) > 1 and argv[1] == "--exact-columns"
    if exact_cols:
        argv = [argv[0]] + argv[2:]
    if len(argv) < 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    src = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    names = municipality_names(src)
    results, bad = [], 0
    for folder in argv[1:]:
        r = attack(folder, names, exact_cols)
        results.append(r)
        n = len(r["derived"])
        bad += n
        print(f"{folder}: mode {r['mode']}, {r['hidden_cells_tried']} hidden "
              f"cells tried ({r['hidden_counts_tried']} counts), "
              f"{r['relations']} relations, {r['derivations_attempted']} "
              f"derivations attempted, {n} derived, {len(r['zeros'])} "
              f"hidden zeros worked out")
        for d in r["derived"][:20]:
            print(f"  derived {d['cell']} = {d['value']} ({d['how']})")
        for d in r["zeros"][:5]:
            print(f"  zero {d['cell']} ({d['how']})")
    if out:
        with open(out, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
