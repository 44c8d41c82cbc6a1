#!/bin/sh
# End-to-end: the demo region's reports are internally consistent
# (docs/quality.md "Correctness") and well-formed.
#  - the report folder: what it publishes (indicatoren.csv) has no value
#    or n for a hidden cell and otherwise the internal table's; intern/
#    is private (0700, files 0600); doelen.csv of the 2e halfjaar and the
#    year agree on every year target;
#  - intern/indicatoren-intern.csv (the raw table), loaded into SQLite:
#    spending = the sum over kinds;
#    shares within 0..100; ended + continuing = cohort, and each episode
#    distribution adds up to the cohort; verblijf = the sum of its kinds,
#    and the shares agree with those kinds; lines read = accepted +
#    rejected (accepted includes identical resends) and the rejects add up
#    by reason; municipality rows add up to at least the region for
#    counts and exactly to it for money; half-years add up to their year
#    where a figure is additive over time; suppression only below region
#    level (or per provider) and never showing a number; the declared
#    clients and spending and the lines read agree with SQL on the store;
#  - the PDF: the exported display strings appear in their sections
#    (pdftotext), qpdf --check passes, every font is embedded (pdffonts);
#  - the same store, configuration and template with SOURCE_DATE_EPOCH
#    give byte-identical PDF, HTML and CSV (demo vs. a later `report`).
# Usage: demo_invariants.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"; cd "$W"
. "$SRC/tests/e2e/lib/demo.sh"

make_demo --clients 400
H=$W/out/gooi-en-vechtstreek-demo/2023-H2
Y=$W/out/gooi-en-vechtstreek-demo/2023
for f in "$H/rapport.pdf" "$H/rapport.html" "$H/indicatoren.csv" \
	"$Y/rapport.pdf" "$Y/rapport.html" "$Y/indicatoren.csv" \
	"$H/intern/indicatoren-intern.csv" "$H/intern/rejects.csv" \
	"$H/doelen.csv" "$Y/doelen.csv"; do
	[ -s "$f" ] || fail "missing $f"
done
[ ! -e "$H/rejects.csv" ] || fail "rejects.csv beside the report"
[ "$(stat -c %a "$H/intern")" = 700 ] || fail "intern/ is not private"
for f in "$H"/intern/*; do
	[ "$(stat -c %a "$f")" = 600 ] || fail "$f is not private"
done

# --- the indicator table ------------------------------------------------
# Every query lists violations; each must return nothing. Money is
# compared in whole cents.
sqlite3 ind.db ".import --csv $H/intern/indicatoren-intern.csv ind" ||
	fail "cannot load indicatoren-intern.csv"
sqlite3 ind.db ".import --csv $H/indicatoren.csv pub" ||
	fail "cannot load indicatoren.csv"
[ "$(sqlite3 ind.db "SELECT count(*) FROM ind WHERE period = '2023-H2'")" -gt 500 ] ||
	fail "too few rows for 2023-H2"
check() { # NAME SQL
	out=$(sqlite3 ind.db "$2") || fail "$1: query failed"
	[ -z "$out" ] || fail "$1: $(echo "$out" | head -5)"
}
# a total row (empty breakdown) of one indicator, as a number
V="CAST(value AS REAL)"
C="CAST(round(CAST(value AS REAL) * 100) AS INTEGER)"
cat > views.sql <<EOF
CREATE VIEW t AS SELECT indicator, period, peildatum, gemeente, breakdown,
  $V AS v, $C AS cents, CAST(n AS INTEGER) AS n, suppressed, display, unit
  FROM ind;
EOF
sqlite3 ind.db < views.sql

# the published table: the internal rows, without a hidden value
check "published = internal, rows and displays" "
SELECT indicator, period, peildatum, gemeente, breakdown FROM ind
EXCEPT SELECT indicator, period, peildatum, gemeente, breakdown FROM pub;
SELECT p.indicator, p.gemeente, p.breakdown FROM pub p JOIN ind i
  USING (indicator, period, peildatum, gemeente, breakdown)
  WHERE p.display <> i.display OR p.suppressed <> i.suppressed;"
check "no value or n of a hidden cell is published" "
SELECT indicator, period, gemeente, breakdown FROM pub
  WHERE suppressed = '1' AND (value <> '' OR n <> '');"
check "a shown cell is published as it is (mode small)" "
SELECT p.indicator, p.gemeente FROM pub p JOIN ind i
  USING (indicator, period, peildatum, gemeente, breakdown)
  WHERE p.suppressed = '0' AND (p.value <> i.value OR p.n <> i.n);"
[ "$(sqlite3 ind.db "SELECT count(*) FROM pub WHERE suppressed = '1'")" -gt 50 ] ||
	fail "too few hidden cells to be a test"
# one evaluator: the 2e halfjaar and the year give every 2023 year
# target the same value and status
sqlite3 ind.db ".import --csv $H/doelen.csv dh" ".import --csv $Y/doelen.csv dy" ||
	fail "cannot load doelen.csv"
check "year targets: 2023-H2 = 2023" "
SELECT h.indicator, h.gemeente, h.display, h.status, y.display, y.status
  FROM dh h JOIN dy y USING (indicator, gemeente)
  WHERE h.target_period = '2023' AND y.target_period = '2023'
  AND (h.display <> y.display OR h.status <> y.status
       OR h.judged_period <> '2023');"
[ "$(sqlite3 ind.db "SELECT count(*) FROM dh JOIN dy USING (indicator,
  gemeente) WHERE dh.target_period = '2023'")" -ge 3 ] ||
	fail "too few year targets compared"

check "spend.total = sum of spend.by_kind" "
SELECT s.period, s.gemeente FROM t s WHERE s.indicator = 'spend.total'
  AND s.breakdown = '' AND s.cents <> (SELECT sum(k.cents) FROM t k
  WHERE k.indicator = 'spend.by_kind' AND k.period = s.period
  AND k.peildatum = s.peildatum AND k.gemeente = s.gemeente);"
check "spend.by_kind has all 20 kinds" "
SELECT s.period, s.gemeente FROM t s WHERE s.indicator = 'spend.total'
  AND s.breakdown = '' AND (SELECT count(*) FROM t k
  WHERE k.indicator = 'spend.by_kind' AND k.period = s.period
  AND k.peildatum = s.peildatum AND k.gemeente = s.gemeente) <> 20;"
check "shares within 0..100" "
SELECT indicator, period, gemeente, v FROM t WHERE unit = 'percent'
  AND (v < 0 OR v > 100);"
check "ended + continuing = cohort" "
SELECT c.period, c.gemeente FROM t c WHERE c.indicator = 'episodes.clients'
  AND c.breakdown = '' AND c.v <> (SELECT sum(e.v) FROM t e
  WHERE e.indicator IN ('episodes.ended', 'episodes.continuing')
  AND e.breakdown = '' AND e.period = c.period
  AND e.peildatum = c.peildatum AND e.gemeente = c.gemeente);"
for key in duration providers; do
	check "episode $key distribution = cohort" "
SELECT c.period, c.gemeente FROM t c WHERE c.indicator = 'episodes.clients'
  AND c.breakdown = '' AND c.v <> (SELECT sum(d.v) FROM t d
  WHERE d.indicator = 'episodes.clients' AND d.breakdown LIKE '$key=%'
  AND d.period = c.period AND d.peildatum = c.peildatum
  AND d.gemeente = c.gemeente);"
done
check "short episodes = the 1-30 bucket" "
SELECT s.period, s.gemeente FROM t s WHERE s.indicator = 'episodes.short'
  AND s.v <> (SELECT d.v FROM t d WHERE d.indicator = 'episodes.clients'
  AND d.breakdown = 'duration=1-30' AND d.period = s.period
  AND d.peildatum = s.peildatum AND d.gemeente = s.gemeente);"
check "single-provider episodes = the providers=1 bucket" "
SELECT s.period, s.gemeente FROM t s
  WHERE s.indicator = 'episodes.single_provider'
  AND s.v <> (SELECT d.v FROM t d WHERE d.indicator = 'episodes.clients'
  AND d.breakdown = 'providers=1' AND d.period = s.period
  AND d.peildatum = s.peildatum AND d.gemeente = s.gemeente);"
check "verblijf.clients = sum of its kinds" "
SELECT c.period, c.gemeente FROM t c WHERE c.indicator = 'verblijf.clients'
  AND c.v <> (SELECT sum(k.v) FROM t k
  WHERE k.indicator = 'verblijf.clients_by_kind' AND k.period = c.period
  AND k.peildatum = c.peildatum AND k.gemeente = c.gemeente);"
# share * |V| / 100 is the number of clients of the group's kinds
for g in "gezinsvorm:'kind=pleegzorg','kind=gezinshuis'" \
	"residentieel:'kind=residentieel','kind=driemilieu','kind=gesloten'"; do
	name=${g%%:*}; kinds=${g#*:}
	check "share_$name agrees with the kinds" "
SELECT s.period, s.gemeente FROM t s
  WHERE s.indicator = 'verblijf.share_$name'
  AND abs(s.v * s.n / 100.0 - (SELECT sum(k.v) FROM t k
  WHERE k.indicator = 'verblijf.clients_by_kind' AND k.breakdown IN ($kinds)
  AND k.period = s.period AND k.peildatum = s.peildatum
  AND k.gemeente = s.gemeente)) > 0.001;"
done
check "spend.per_client = spend.total / clients.total" "
SELECT p.period, p.gemeente FROM t p WHERE p.indicator = 'spend.per_client'
  AND abs(p.v - (SELECT s.v FROM t s WHERE s.indicator = 'spend.total'
  AND s.breakdown = '' AND s.period = p.period AND s.peildatum = p.peildatum
  AND s.gemeente = p.gemeente) / (SELECT c.v FROM t c
  WHERE c.indicator = 'clients.total' AND c.period = p.period
  AND c.peildatum = p.peildatum AND c.gemeente = p.gemeente)) > 0.006;"
check "clients.total <= sum of clients.by_kind, >= each kind" "
SELECT c.period, c.gemeente FROM t c WHERE c.indicator = 'clients.total'
  AND (c.v > (SELECT sum(k.v) FROM t k WHERE k.indicator = 'clients.by_kind'
  AND k.period = c.period AND k.peildatum = c.peildatum
  AND k.gemeente = c.gemeente) OR c.v < (SELECT max(k.v) FROM t k
  WHERE k.indicator = 'clients.by_kind' AND k.period = c.period
  AND k.peildatum = c.peildatum AND k.gemeente = c.gemeente));"
check "lines read = accepted + rejected" "
SELECT r.period FROM t r WHERE r.indicator = 'dq.lines_read'
  AND r.v <> (SELECT sum(a.v) FROM t a WHERE a.breakdown = ''
  AND a.indicator IN ('dq.lines_accepted', 'dq.lines_rejected')
  AND a.period = r.period AND a.peildatum = r.peildatum);"
check "rejected = the sum over reasons" "
SELECT r.period FROM t r WHERE r.indicator = 'dq.lines_rejected'
  AND r.breakdown = '' AND r.v <> (SELECT sum(x.v) FROM t x
  WHERE x.indicator = 'dq.lines_rejected' AND x.breakdown LIKE 'reason=%'
  AND x.period = r.period AND x.peildatum = r.peildatum);"
check "duplicates within accepted" "
SELECT d.period FROM t d WHERE d.indicator = 'dq.duplicates_skipped'
  AND d.v > (SELECT a.v FROM t a WHERE a.indicator = 'dq.lines_accepted'
  AND a.period = d.period AND a.peildatum = d.peildatum);"
# the deliberately bad lines the generator lists (expected-rejects.csv,
# docs/demo.md) are exactly the rejects per reason; identical resends are
# skipped, not rejected; early credits wait in quarantine
sqlite3 ind.db ".import --csv $W/out/demo-regio/expected-rejects.csv exp" ||
	fail "cannot load expected-rejects.csv"
check "rejects per reason = the generator's bad lines" "
SELECT e.reason, e.n, r.v FROM (SELECT reason, count(*) AS n FROM exp
  WHERE line <> '0' AND reason NOT IN ('skipped_duplicate',
  'credit_without_debit') GROUP BY reason) e LEFT JOIN (SELECT
  substr(breakdown, 8) AS reason, v FROM t
  WHERE indicator = 'dq.lines_rejected' AND period = '2023-H2'
  AND breakdown LIKE 'reason=%') r ON r.reason = e.reason
  WHERE r.v IS NULL OR r.v <> e.n
UNION ALL SELECT r.reason, 0, r.v FROM (SELECT substr(breakdown, 8)
  AS reason, v FROM t WHERE indicator = 'dq.lines_rejected'
  AND period = '2023-H2' AND breakdown LIKE 'reason=%') r
  WHERE r.reason NOT IN (SELECT reason FROM exp);"
check "identical resends = the generator's" "
SELECT d.v FROM t d WHERE d.indicator = 'dq.duplicates_skipped'
  AND d.period = '2023-H2' AND d.v <> (SELECT count(*) FROM exp
  WHERE reason = 'skipped_duplicate');"
check "credits waiting within the early credits generated" "
SELECT w.v FROM t w WHERE w.indicator = 'dq.credits_waiting'
  AND w.period = '2023-H2' AND w.v > (SELECT count(*) FROM exp
  WHERE reason = 'credit_without_debit');"
# independent of the pipeline: the declared figures straight from the
# store with SQL (a debit counts unless a credit cancels it or the
# municipality's answer (JW325) rejected it, by its reference or its
# message as a whole; the members in 2023-H2 are the six; 2023-07-01 is
# day 19539, 2023-12-31 day 19722), and the lines read from the ingest log
DB=$W/out/demo-regio/zothuis.db
sql_decl=$(sqlite3 -readonly "$DB" "
CREATE TEMP TABLE cred AS SELECT DISTINCT debit_id AS id FROM declaration
  WHERE credit = 1 AND debit_id IS NOT NULL;
CREATE TEMP TABLE whole AS SELECT m.file_id AS id FROM message_ident m
  JOIN answer a ON a.decl_id = m.identificatie AND a.whole_rejected = 1
  JOIN ingest_file f ON f.id = m.file_id AND f.agb = a.agb;
CREATE TEMP TABLE live AS SELECT * FROM declaration d WHERE credit = 0
  AND id NOT IN (SELECT id FROM cred)
  AND file_id NOT IN (SELECT id FROM whole)
  AND NOT EXISTS (SELECT 1 FROM answer_line a WHERE a.agb = d.agb
    AND a.ref = d.ref)
  AND gemeente IN (376, 1942, 402, 406, 417, 1696);
SELECT (SELECT count(DISTINCT client_id) FROM live WHERE begin_day <= 19722
  AND end_day >= 19539) || ' ' || (SELECT sum(amount) FROM live
  WHERE begin_day BETWEEN 19539 AND 19722) || ' ' ||
  (SELECT sum(lines_read) FROM ingest_file);") || fail "store query"
ours=$(sqlite3 ind.db "SELECT (SELECT CAST(v AS INTEGER) FROM t
  WHERE indicator = 'wpb.clients_declared' AND period = '2023-H2'
  AND gemeente = 'regio') || ' ' || (SELECT cents FROM t
  WHERE indicator = 'wpb.spend_declared' AND period = '2023-H2'
  AND gemeente = 'regio') || ' ' || (SELECT CAST(v AS INTEGER) FROM t
  WHERE indicator = 'dq.lines_read' AND period = '2023-H2');")
[ "$sql_decl" = "$ours" ] ||
	fail "declared clients, cents, lines read: store $sql_decl, export $ours"
# municipalities: every count at least the region's (a mover counts in
# both), money exactly the region's (one municipality per care period)
COUNTS="'clients.total','verblijf.clients','verblijf.at_peildatum',
  'instroom.placements','episodes.clients','gi.jeugdbescherming','gi.voogdij',
  'gi.jeugdreclassering','ggz_klinisch.clients','beschermd_wonen.clients',
  'wpb.clients_declared','verblijf.residentieel_under12'"
check "municipality counts >= region" "
SELECT r.indicator, r.period FROM t r WHERE r.gemeente = 'regio'
  AND r.breakdown = '' AND r.indicator IN ($COUNTS)
  AND r.v > (SELECT sum(m.v) FROM t m WHERE m.indicator = r.indicator
  AND m.breakdown = '' AND m.period = r.period AND m.peildatum = r.peildatum
  AND m.gemeente <> 'regio');"
check "municipality money = region" "
SELECT r.indicator, r.period FROM t r WHERE r.gemeente = 'regio'
  AND r.breakdown = '' AND r.indicator IN ('spend.total',
  'wpb.spend_declared') AND r.cents <> (SELECT sum(m.cents) FROM t m
  WHERE m.indicator = r.indicator AND m.breakdown = ''
  AND m.period = r.period AND m.peildatum = r.peildatum
  AND m.gemeente <> 'regio');"
check "half-years add up to the year (money, outside care)" "
SELECT y.indicator, y.period, y.gemeente FROM t y
  WHERE y.indicator IN ('spend.total', 'wpb.spend_declared',
  'dq.outside_region') AND y.breakdown = '' AND length(y.period) = 4
  AND y.cents <> (SELECT sum(h.cents) FROM t h
  WHERE h.indicator = y.indicator AND h.breakdown = ''
  AND h.gemeente = y.gemeente AND h.period IN (y.period || '-H1',
  y.period || '-H2'));"
check "a year's unique clients between its larger half and their sum" "
SELECT y.period, y.gemeente FROM t y WHERE y.indicator = 'clients.total'
  AND length(y.period) = 4 AND (y.v > (SELECT sum(h.v) FROM t h
  WHERE h.indicator = 'clients.total' AND h.gemeente = y.gemeente
  AND h.period IN (y.period || '-H1', y.period || '-H2'))
  OR y.v < (SELECT max(h.v) FROM t h WHERE h.indicator = 'clients.total'
  AND h.gemeente = y.gemeente
  AND h.period IN (y.period || '-H1', y.period || '-H2')));"
check "dq.outside_region is not the same in every year" "
SELECT 1 WHERE (SELECT count(DISTINCT v) FROM t
  WHERE indicator = 'dq.outside_region' AND breakdown = ''
  AND length(period) = 4) < 2;"
check "at region level no count, share or sum of money is suppressed" "
SELECT indicator, period, breakdown FROM t WHERE suppressed = '1'
  AND gemeente = 'regio' AND breakdown NOT LIKE 'provider=%'
  AND ((unit = 'count' AND indicator NOT LIKE '%_mean%')
   OR (unit = 'percent' AND indicator <> 'providers.top10_share')
   OR indicator IN ('spend.total', 'spend.by_kind', 'wpb.spend_declared'));"
# at region level a mean or median over fewer than 5 is hidden (and a
# mean over part of the episodes whose rest is 1-4, above)
check "a region mean or median over fewer than 5 is hidden" "
SELECT indicator, period, breakdown, n FROM t WHERE suppressed <> '1'
  AND gemeente = 'regio' AND breakdown NOT LIKE 'provider=%' AND n > 0
  AND n < 5 AND (indicator LIKE '%_mean%' OR indicator LIKE '%_median'
  OR indicator LIKE '%_p90');"
check "a suppressed value never shows a number" "
SELECT indicator, period, gemeente, display FROM t WHERE suppressed = '1'
  AND display NOT IN ('< 5', '·');"
check "a small municipal count is suppressed" "
SELECT indicator, period, gemeente, v FROM t WHERE gemeente <> 'regio'
  AND unit = 'count' AND v > 0 AND v < 5 AND suppressed <> '1'
  AND indicator NOT LIKE 'dq.%' AND indicator <> 'providers.active'
  AND n = v;"

# --- the PDF ------------------------------------------------------------
pdftotext "$H/rapport.pdf" - > h.raw || fail "pdftotext"
tr -d '\f' < h.raw > h.txt     # pages start with a form feed
# The text of top-level section N: from its heading (the last line that
# is exactly "N Title": the contents list the headings first) to the
# next section's heading.
section() { # FIRST NEXT
	a=$(grep -n -x "$1" h.txt | tail -1 | cut -d: -f1)
	b=$(grep -n -x "$2" h.txt | tail -1 | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ] ||
		fail "section '$1' .. '$2' not found in the PDF text"
	sed -n "${a},${b}p" h.txt
}
# PER and PEIL choose another period and peildatum (the episode cohort)
display() { # INDICATOR [GEMEENTE [BREAKDOWN]]
	sqlite3 ind.db "SELECT display FROM t WHERE indicator = '$1'
	  AND period = '${PER:-2023-H2}' AND peildatum = '${PEIL:-2023-12-31}'
	  AND gemeente = '${2:-regio}' AND breakdown = '${3:-}'"
}
expect_in() { # SECTION-FILE INDICATOR...
	f=$1; shift
	for id in "$@"; do
		d=$(display "$id")
		[ -n "$d" ] || fail "no 2023-H2 value for $id"
		grep -q -F -- "$d" "$f" ||
			fail "$id ($d) not in the text of $f"
	done
}
section "1 Samenvatting" "2 Jeugdhulp in cijfers" > s1.txt
section "2 Jeugdhulp in cijfers" "3 Zo thuis mogelijk" > s2.txt
section "3 Zo thuis mogelijk" "4 Verblijfsepisodes" > s3.txt
section "4 Verblijfsepisodes" "5 Woonplaatsbeginsel" > s4.txt
section "5 Woonplaatsbeginsel" "6 Toegang en uitstroom" > s5.txt
section "6 Toegang en uitstroom" "7 Voortgang maatregelen" > s6.txt
section "8 Volledigheid van de cijfers" "9 Bijlage per gemeente" > s7.txt
section "10 Verantwoording" "10.2 Definities" > s8.txt
expect_in s1.txt clients.total spend.total verblijf.clients \
	verblijf.share_gezinsvorm verblijf.share_residentieel
expect_in s2.txt clients.total spend.total spend.per_client \
	providers.active providers.top10_share gi.jeugdbescherming gi.voogdij \
	gi.jeugdreclassering
expect_in s3.txt verblijf.clients verblijf.share_gezinsvorm \
	verblijf.share_residentieel instroom.placements \
	instroom.share_residentieel verblijf.at_peildatum ggz_klinisch.clients \
	beschermd_wonen.clients verblijf.residentieel_under12
# the episode section: the cohort of 2022 followed up to 31 December 2023
PER=2022
expect_in s4.txt episodes.clients episodes.ended \
	episodes.continuing episodes.duration_mean episodes.cost_mean \
	savings.placement savings.longstay episodes.short_ended \
	episodes.short_running episodes.long episodes.top
unset PER
grep -q "de jeugdigen met een episode in 2022, gevolgd tot de peildatum" s4.txt ||
	fail "the episode section does not say which cohort it follows"
expect_in s5.txt wpb.clients_declared wpb.spend_declared clients.total \
	spend.total
expect_in s8.txt dq.lines_read dq.lines_accepted dq.lines_rejected \
	dq.duplicates_skipped
# the flow (JW315, JW305, JW307): its section, and every broken link the
# generator plants counted (fixtures/gen/gen_flow.c)
expect_in s6.txt flow.requests flow.share_huisarts flow.assignments \
	flow.stops flow.share_volgens_plan flow.duration_mean_ended
for r in start_zonder_toewijzing start_voor_toewijzing stop_zonder_start \
	declaratie_zonder_start verzoek_onbeantwoord; do
	n=$(display dq.flow_broken_links regio "reason=$r")
	[ -n "$n" ] && [ "$n" != 0 ] || fail "no broken link $r counted"
done
# completeness (issue 16): the demo's latest months are not complete
expect_in s7.txt completeness.spend_share completeness.clients_share \
	estimate.spend_final estimate.spend_final_low estimate.spend_final_high
# no expected number of youths: it would read high (docs/completeness.md)
d=$(display estimate.clients_final)
[ -n "$d" ] || fail "no estimate.clients_final in the export"
grep -q -F -- "$d" s7.txt s1.txt &&
	fail "the report shows estimate.clients_final ($d) as a final figure"
grep -q "Voorlopige cijfers" h.txt ||
	fail "the cover does not say the figures are provisional"
# the savings and their caveat on one page (docs/report.md: the savings
# estimates "with their caveat printed beside them")
for pg in $(seq 1 40); do
	pdftotext -f "$pg" -l "$pg" "$H/rapport.pdf" pg.txt 2> /dev/null || break
	if grep -q "bovengrenzen, geen" pg.txt; then
		grep -q -F -- "$(PER=2022; display savings.placement)" pg.txt ||
			fail "the savings caveat (page $pg) is not on the savings' page"
		caveat=$pg
	fi
done
[ -n "${caveat:-}" ] || fail "no savings caveat in the PDF"
# provider names, not AGB codes, in the table of youths in verblijf
grep -q "^980000[0-9][0-9]$" s3.txt && fail "an AGB code in section 3"
grep -q -F "Pleegzorg Gooi en Eem" s3.txt || fail "no provider name in section 3"
# Tabel 4 (youths in verblijf on the peildatum) says it is provisional
# exactly when the period's declarations are still arriving (below 97%)
share=$(sqlite3 ind.db "SELECT v FROM t WHERE indicator =
	'completeness.spend_share' AND period = '2023-H2' AND
	peildatum = '2023-12-31' AND gemeente = 'regio' AND breakdown = ''")
[ -n "$share" ] || fail "no completeness.spend_share"
if awk -v s="$share" 'BEGIN { exit !(s < 97) }'; then
	grep -q "ontbreekt in deze tabel" s3.txt ||
		fail "Tabel 4 lacks its provisional note ($share% in)"
	grep -q -F -- "$(display completeness.spend_share)" s3.txt ||
		fail "Tabel 4's note does not give the share"
else
	grep -q "ontbreekt in deze tabel" s3.txt &&
		fail "Tabel 4 says provisional at $share% in"
fi
# the two episode charts have data
grep -q "Geen gegevens voor deze figuur" s4.txt && fail "an empty chart in section 4"
# the settings the text names are found ("ten hoogste 7 dagen")
grep -q "ten hoogste – dagen" h.txt && fail "an unresolved setting"

for pdf in "$H/rapport.pdf" "$Y/rapport.pdf"; do
	qpdf --check "$pdf" > qpdf.out 2>&1 || fail "qpdf --check $pdf: $(tail -3 qpdf.out)"
	pdffonts "$pdf" > fonts.txt || fail "pdffonts $pdf"
	[ "$(tail -n +3 fonts.txt | wc -l)" -ge 1 ] || fail "no fonts in $pdf"
	# columns: name type [type] encoding emb sub uni object ID
	tail -n +3 fonts.txt | awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }' ||
		fail "a font not embedded in $pdf: $(cat fonts.txt)"
done

# --- reproducible --------------------------------------------------------
"$Z" --config "$W/out/demo-regio/zothuis.ini" report --period 2023-H2 \
	--format pdf,html,csv --out "$W/again" > report.out 2>> demo.err ||
	fail "report exit $?"
A=$W/again/gooi-en-vechtstreek-demo/2023-H2
for f in rapport.pdf rapport.html indicatoren.csv; do
	cmp -s "$H/$f" "$A/$f" || fail "$f differs between two runs"
done

# --- the completeness backtest (issue 16, docs/completeness.md) ----------
# one row per measure and delay, and the estimate's median error below
# the naive "observed = final" at every delay (this region of 400
# clients a year is noisier than the default demo: docs/completeness.md)
"$Z" --config "$W/out/demo-regio/zothuis.ini" backtest --out "$W/bt.csv" \
	> bt.out 2>> demo.err || fail "backtest exit $?"
[ "$(tail -n +2 bt.csv | wc -l)" = 6 ] || fail "backtest rows: $(cat bt.csv)"
awk -F, 'NR > 1 && ($3 < 12 || $4 + 0 >= $6 + 0) { bad = 1 }
	END { exit bad }' bt.csv || fail "backtest: $(cat bt.csv)"
echo "ok"
