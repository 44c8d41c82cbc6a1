#!/bin/sh
# End-to-end: no hidden count can be worked out from what a report folder
# publishes (docs/privacy.md). tests/e2e/attacker.py reads each folder's
# indicatoren.csv/.json, rapport.html and the PDF text -- never intern/ --
# and tries ranges, the exact sums as a linear system, means and reading,
# taking a municipality column that comes out for an exact sum (it is told
# which do, from intern/: the relation, never a value);
# it must derive nothing, on
#  - a demo region (2023-H2 and 2023, suppression small), and
#  - a fixture built around one small municipality: the same data with
#    a region of Hilversum and Laren only (every Laren cell is the region
#    minus Hilversum), in the modes small and cbs.
# A control shows the attacker has teeth: put back the raw value of the
# cells hidden only to protect others ("·") and it derives the small ones.
# Usage: disclosure.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"; cd "$W"
. "$SRC/tests/e2e/lib/demo.sh"

make_demo --clients 1500 --seed 3
D=$W/out/gooi-en-vechtstreek-demo
CFG=$W/out/demo-regio/zothuis.ini
for p in 2023-H2 2023; do
	for m in small cbs; do
		"$Z" --config "$CFG" --set "region.name=Hilversum en Laren $m" \
			--set region.municipalities=0402,0417 \
			--set report.suppression=$m report --period $p \
			--out "$W/small" > /dev/null 2>> demo.err ||
			fail "report $m $p: $(tail -3 demo.err)"
	done
done
set -- "$D/2023-H2" "$D/2023" "$W"/small/*/2023-H2 "$W"/small/*/2023
[ $# -eq 6 ] || fail "expected 6 report folders, found $#"
python3 "$SRC/tests/e2e/attacker.py" --json attack.json --exact-columns "$@" \
	> attack.out ||
	fail "the attacker derived hidden cells: $(head -20 attack.out)"
cat attack.out
# not a vacuous pass: many hidden cells, many attempts
python3 - attack.json <<'EOF' || fail "the attack tried too little"
import json, sys
for r in json.load(open(sys.argv[1])):
    assert r["hidden_cells_tried"] > 200, r["folder"]
    assert r["derivations_attempted"] > 2000, r["folder"]
    assert r["derived"] == [], r["folder"]
EOF

# the control: the cells hidden as complements ("·") back in view, with
# their raw values from the internal table; the attacker must now derive
# hidden cells (the "< 5" they protected)
C=$W/control
mkdir -p "$C"
cp "$D/2023-H2/rapport.html" "$D/2023-H2/rapport.pdf" "$C/"
python3 - "$D/2023-H2" "$C" <<'EOF' || fail "control not written"
import csv, sys
src, dst = sys.argv[1], sys.argv[2]
raw = {}
with open(src + "/intern/indicatoren-intern.csv", newline="") as f:
    for r in csv.DictReader(f):
        raw[(r["indicator"], r["period"], r["peildatum"], r["gemeente"],
             r["breakdown"])] = r
with open(src + "/indicatoren.csv", newline="") as f:
    rows = list(csv.DictReader(f))
shown = 0
for r in rows:
    k = (r["indicator"], r["period"], r["peildatum"], r["gemeente"],
         r["breakdown"])
    if r["display"] == "\u00b7" and r["unit"] == "count":
        r.update(value=raw[k]["value"], n=raw[k]["n"], suppressed="0",
                 display=raw[k]["value"])
        shown += 1
assert shown > 10
with open(dst + "/indicatoren.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    w.writerows(rows)
EOF
if python3 "$SRC/tests/e2e/attacker.py" "$C" > control.out; then
	fail "the attacker derives nothing without the complements: $(cat control.out)"
fi
grep -q "derived \[" control.out || fail "control: $(cat control.out)"
echo "disclosure e2e: $(grep -c ' 0 derived' attack.out) folders, 0 derived; control: $(head -1 control.out | sed 's/.*attempted, //')"
