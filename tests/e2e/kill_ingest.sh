#!/bin/sh
# kill -9 at random moments of a large ingest (issue 17): many small
# declaration files (CSV and a few JW323), a large CSV between them, credits
# whose debit comes in a later or an earlier file (also across the large
# file), identical resends and a changed resend of a reference. After every
# kill the store passes PRAGMA integrity_check and no file is half stored;
# every history, once an ingest has run to its end, holds exactly what one
# uninterrupted ingest of the same inputs stores (declarations, files,
# rejects, clients), compared row by row with a reference store that uses
# the same key.
# Usage: kill_ingest.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
Z=$1; SRC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"; cd "$W"
. "$SRC/tests/e2e/lib/region.sh"
KILLS=${ZT_KILLS:-30}
BIG=150000

# --- 1. the inputs, built deterministically -------------------------------
# in/d1: files f0001..f0200, in/big.csv, in/d2: files f0201..f0400; the
# ingest reads them in that order (a folder in name order).
# - each small file: 50..300 debit lines of one provider (8 providers, 6
#   municipalities), clients from a pool of 3,000 BSNs passing the 11-test;
#   references S<file>-<line>, unique per provider;
# - file f (f % 10 = 1, f > 8) credits line 1 of file f-8 (an earlier
#   file, same provider): linked at once;
# - file f (f % 10 = 5, f <= 392) credits line 2 of file f+8 (a later
#   file): waits for its debit; f0195 and f0199 wait across big.csv;
# - big.csv: 150,000 debit lines of provider 98000047 (references B<n>),
#   one child each, and a credit of line 3 of every file in d2 of that
#   provider (25, all waiting until d2 arrives);
# - d1/f0010-kopie.csv and d2/f0300-kopie.csv: the same bytes as f0010 and
#   f0100 (already ingested, no row of their own);
# - d2/f0350-herzien.csv: line 1 of f0020 with another amount
#   (duplicate_reference), line 2 of f0020 unchanged (a duplicate) and
#   two new lines;
# - d1/x1..x3.xml, d2/x4..x6.xml: small JW323 messages (4 clients, 2 lines
#   each) of provider 98000023.
mkdir -p in/d1 in/d2
awk -v hdr="$DECL_HEADER" -v big=$BIG -v dir="$W/in" 'function rnd(m) {
		seed = (seed * 1103515245 + 12345) % 2147483648
		return int(seed / 65536) % m
	}
	function bsn(   s, x, i, d, c) {
		while (1) {
			p++; s = 0; x = p
			for (i = 8; i >= 1; i--) { d = x % 10; x = int(x / 10); s += d * (10 - i) }
			c = s % 11
			if (c != 10) return sprintf("%d%d", p, c)
		}
	}
	function fname(f) { return sprintf("%s/%s/f%04d.csv", dir, f <= 200 ? "d1" : "d2", f) }
	# a credit of line j of file f, written into out
	function credit(out, f, j, ref,   k) {
		k = f SUBSEP j
		printf "%s;%s;%s;%d;%s;%s;45;%s;%s;%s;%d;04;%d;%d;C\n", A[f], G[k], B[k], T[k], ref, R[k], P[k], D0[k], D1[k], V[k], 9500, V[k] * 9500 > out
	}
	BEGIN {
		seed = 17; p = 93000000
		split("98000011 98000023 98000035 98000047 98000059 98000060 98000072 98000084", agb, " ")
		split("0376 1942 0402 0406 0417 1696", gem, " ")
		for (i = 0; i < 3000; i++) pool[i] = bsn()
		for (f = 1; f <= 400; f++) {
			A[f] = agb[f % 8 + 1]; n[f] = 50 + rnd(251)
			out = fname(f); print hdr > out
			for (j = 1; j <= n[f]; j++) {
				k = f SUBSEP j
				G[k] = gem[(f + j) % 6 + 1]; B[k] = pool[rnd(3000)]
				T[k] = 100000 + f * 1000 + j; R[k] = sprintf("S%04d-%03d", f, j)
				P[k] = rnd(2) ? "45A01" : "45A02"; m = (f + j) % 12 + 1
				D0[k] = sprintf("2021-%02d-01", m); D1[k] = sprintf("2021-%02d-28", m)
				V[k] = 1 + rnd(10)
				printf "%s;%s;%s;%d;%s;;45;%s;%s;%s;%d;04;%d;%d;D\n", A[f], G[k], B[k], T[k], R[k], P[k], D0[k], D1[k], V[k], 9500, V[k] * 9500 > out
			}
		}
		for (f = 1; f <= 400; f++) {
			out = fname(f)
			if (f % 10 == 1 && f > 8) credit(out, f - 8, 1, sprintf("K%04d-1", f))
			if (f % 10 == 5 && f <= 392) credit(out, f + 8, 2, sprintf("K%04d-2", f))
			close(out)
		}
		# the changed resend
		out = dir "/d2/f0350-herzien.csv"; print hdr > out
		k = 20 SUBSEP 1
		printf "%s;%s;%s;%d;%s;;45;%s;%s;%s;%d;04;%d;%d;D\n", A[20], G[k], B[k], T[k], R[k], P[k], D0[k], D1[k], V[k], 9500, V[k] * 9500 + 100 > out
		k = 20 SUBSEP 2
		printf "%s;%s;%s;%d;%s;;45;%s;%s;%s;%d;04;%d;%d;D\n", A[20], G[k], B[k], T[k], R[k], P[k], D0[k], D1[k], V[k], 9500, V[k] * 9500 > out
		for (j = 1; j <= 2; j++)
			printf "%s;0402;%s;%d;H0350-%d;;45;45A01;2021-11-01;2021-11-28;3;04;9500;28500;D\n", A[20], pool[j], 990000 + j, j > out
		close(out)
		# the large file: provider 98000047 is agb[4], files f % 8 = 3
		out = dir "/big.csv"; print hdr > out
		for (i = 1; i <= big; i++) {
			m = i % 12 + 1
			printf "98000047;%s;%s;%d;B%06d;;45;45A01;2022-%02d-01;2022-%02d-28;10;04;9500;95000;D\n", gem[i % 6 + 1], bsn(), 2000000 + i % 997, i, m, m > out
		}
		for (f = 203; f <= 400; f += 8) credit(out, f, 3, sprintf("KB%04d", f))
		close(out)
		# JW323: provider 98000023, municipality 0402
		for (x = 1; x <= 6; x++) {
			out = sprintf("%s/%s/x%d.xml", dir, x <= 3 ? "d1" : "d2", x)
			tot = 0
			for (c = 1; c <= 4; c++) for (j = 1; j <= 2; j++) {
				XV[c, j] = 1 + rnd(8); tot += XV[c, j] * 7223
			}
			printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Bericht xmlns=\"http://www.istandaarden.nl/ijw/3_2/jw323/schema\" xmlns:ijw=\"http://www.istandaarden.nl/ijw/3_2/basisschema/schema\">\n" > out
			printf "<Header>\n<BerichtCode>490</BerichtCode>\n<BerichtVersie>3</BerichtVersie>\n<BerichtSubversie>2</BerichtSubversie>\n<Afzender>98000023</Afzender>\n<Ontvanger>0402</Ontvanger>\n" > out
			printf "<BerichtIdentificatie>\n<ijw:Identificatie>KI2021%02d</ijw:Identificatie>\n<ijw:Dagtekening>2021-%02d-11</ijw:Dagtekening>\n</BerichtIdentificatie>\n", x, x + 1 > out
			printf "<XsdVersie>\n<ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie>\n<ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie>\n</XsdVersie>\n</Header>\n" > out
			printf "<Declaratie>\n<DeclaratieNummer>KDN2021%02d</DeclaratieNummer>\n<DeclaratiePeriode>\n<ijw:Begindatum>2021-%02d-01</ijw:Begindatum>\n<ijw:Einddatum>2021-%02d-28</ijw:Einddatum>\n</DeclaratiePeriode>\n", x, x, x > out
			printf "<DeclaratieDagtekening>2021-%02d-11</DeclaratieDagtekening>\n<TotaalIngediendBedrag>\n<ijw:TotaalBedrag>%d</ijw:TotaalBedrag>\n<ijw:DebetCredit>D</ijw:DebetCredit>\n</TotaalIngediendBedrag>\n<Clienten>\n", x + 1, tot > out
			for (c = 1; c <= 4; c++) {
				printf "<Client>\n<Bsn>%s</Bsn>\n<Prestaties>\n", pool[100 + x * 4 + c] > out
				for (j = 1; j <= 2; j++)
					printf "<Prestatie><ProductReferentie><ijw:ReferentieNummer>X%d-%d-%d</ijw:ReferentieNummer></ProductReferentie><ToewijzingNummer>%d</ToewijzingNummer><ProductCategorie>45</ProductCategorie><ProductCode>45A01</ProductCode><ProductPeriode><ijw:Begindatum>2021-%02d-01</ijw:Begindatum><ijw:Einddatum>2021-%02d-28</ijw:Einddatum></ProductPeriode><GeleverdVolume>%d</GeleverdVolume><Eenheid>04</Eenheid><ProductTarief>7223</ProductTarief><IngediendBedrag><ijw:Bedrag>%d</ijw:Bedrag><ijw:DebetCredit>D</ijw:DebetCredit></IngediendBedrag></Prestatie>\n", x, c, j, 3000000 + x * 10 + c, x, x, XV[c, j], XV[c, j] * 7223 > out
				printf "</Prestaties>\n</Client>\n" > out
			}
			printf "</Clienten>\n</Declaratie>\n</Bericht>\n" > out
			close(out)
		}
	}'
cp in/d1/f0010.csv in/d1/f0010-kopie.csv
cp in/d1/f0100.csv in/d2/f0300-kopie.csv
# delivery days come from the files' dates: the same for every run
find in -type f -exec touch -d '2022-06-01 12:00:00' {} +
INPUTS="$W/in/d1 $W/in/big.csv $W/in/d2"
nsmall=$(find in/d1 in/d2 -type f | wc -l)

# ingest DIR [--quiet]: one ingest of INPUTS into DIR's store; exit 0 or 2
# (the changed resend is rejected) is a complete run
ingest() {
	set +e
	( cd "$1" && "$Z" --config region.ini ${2:-} ingest $INPUTS ) \
		> "$1/ingest.out" 2> "$1/ingest.err"
	RC=$?
	set -e
	[ $RC = 0 ] || [ $RC = 2 ] || fail "ingest into $1 exit $RC: $(tail -3 "$1/ingest.err")"
}

# dump DIR PREFIX: the store's contents, without ids and times, sorted
dump() {
	db=$1/zothuis.db
	sqlite3 -separator '|' "$db" "
	SELECT f.content_hash, c.pseudonym, d.agb, d.gemeente, d.toewijzing,
	  d.ref, d.prev_ref, d.category, d.product_code, d.begin_day,
	  d.end_day, d.volume, d.unit, d.tariff, d.amount, d.credit,
	  d.debit_id IS NOT NULL, e.ref, d.declaratie_nr
	FROM declaration d JOIN client c ON c.id = d.client_id
	JOIN ingest_file f ON f.id = d.file_id
	LEFT JOIN declaration e ON e.id = d.debit_id" | LC_ALL=C sort > "$2.decl"
	sqlite3 -separator '|' "$db" "
	SELECT content_hash, path, name, status, kind, format, bytes,
	  reject_reason, lines_read, lines_accepted, lines_rejected,
	  lines_duplicate, credits_linked, credits_waiting, warnings
	FROM ingest_file" | LC_ALL=C sort > "$2.file"
	sqlite3 -separator '|' "$db" "
	SELECT f.content_hash, r.line, r.field, r.reason, r.message, r.raw
	FROM reject r JOIN ingest_file f ON f.id = r.file_id" |
		LC_ALL=C sort > "$2.reject"
	sqlite3 -separator '|' "$db" "
	SELECT pseudonym, birth_day, birth_precision, gender, birth_source
	FROM client" | LC_ALL=C sort > "$2.client"
}

# same WHAT [DIR]: the dump in DIR/ equals the reference dump in a/
# (DIR: b unless given)
same() {
	sd=${2:-b}
	dump $sd $sd/dump
	for t in decl file reject client; do
		cmp -s a/dump.$t $sd/dump.$t || {
			diff a/dump.$t $sd/dump.$t | head -20 >&2
			fail "$1: the $t rows differ from one uninterrupted ingest (< a/, > $sd/)"
		}
	done
}

# sound DIR WHAT: integrity_check ok; no file half stored
sound() {
	db=$1/zothuis.db
	r=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
	[ "$r" = ok ] || fail "integrity_check $2: $r"
	# every stored file holds exactly its accepted lines and its rejects,
	# and no line or reject belongs to no file
	r=$(sqlite3 "$db" "
	SELECT f.name || ': ' || coalesce(d.n, 0) || ' lines for '
	  || f.lines_accepted || ' accepted, ' || coalesce(r.n, 0)
	  || ' rejects for ' || f.lines_rejected
	FROM ingest_file f
	LEFT JOIN (SELECT file_id, count(*) n FROM declaration GROUP BY 1) d
	  ON d.file_id = f.id
	LEFT JOIN (SELECT file_id, count(*) n FROM reject GROUP BY 1) r
	  ON r.file_id = f.id
	WHERE f.kind = 'declaraties' AND f.status = 'ingested'
	  AND (coalesce(d.n, 0) <> f.lines_accepted
	       OR coalesce(r.n, 0) <> f.lines_rejected)
	UNION ALL
	SELECT 'declaration of no file: ' || count(*) FROM declaration
	WHERE file_id NOT IN (SELECT id FROM ingest_file) HAVING count(*)
	UNION ALL
	SELECT 'reject of no file: ' || count(*) FROM reject
	WHERE file_id NOT IN (SELECT id FROM ingest_file) HAVING count(*)")
	[ -z "$r" ] || fail "half a file stored $2: $r"
	nb=$(sqlite3 "$db" "SELECT count(*) FROM declaration WHERE ref GLOB 'B*'")
	[ "$nb" = 0 ] || [ "$nb" = $BIG ] ||
		fail "half of big.csv stored $2: $nb of $BIG lines"
}

# --- 2. the reference: one uninterrupted ingest into a/ -------------------
make_region a
zr a init
[ $RC = 0 ] || fail "init a exit $RC: $(cat a/last.err)"
t0=$(date +%s%N)
ingest a
t1=$(date +%s%N)
T=$(( (t1 - t0) / 1000000 ))
sound a "of the reference store"
dump a a/dump
# what the reference must hold, worked out from the generator above
[ "$(count a "SELECT count(*) FROM declaration WHERE ref GLOB 'B*'")" = $BIG ] ||
	fail "reference: big.csv not stored"
[ "$(count a "SELECT count(*) FROM ingest_file WHERE kind = 'declaraties'
	AND status = 'ingested'")" = $((nsmall - 2 + 1)) ] ||
	fail "reference: want $((nsmall - 1)) declaration files (two copies skipped)"
[ "$(count a "SELECT group_concat(reason) FROM reject")" = duplicate_reference ] ||
	fail "reference: want one duplicate_reference reject: $(count a 'SELECT reason, line FROM reject')"
[ "$(count a "SELECT lines_duplicate FROM ingest_file WHERE name = 'f0350-herzien.csv'")" = 1 ] ||
	fail "reference: the unchanged resent line is not a duplicate"
# credits: 39 of an earlier file (f = 11, 21, .., 391), 39 of a later one
# (f = 5, 15, .., 385), 25 in big.csv (f = 203, 211, .., 395); all find
# their debit
nc=$(count a "SELECT count(*) FROM declaration WHERE credit = 1")
nl=$(count a "SELECT count(*) FROM declaration WHERE credit = 1 AND debit_id IS NOT NULL")
[ "$nc" = $((39 + 39 + 25)) ] || fail "reference: $nc credits, want 103"
[ "$nl" = "$nc" ] || fail "reference: $((nc - nl)) credits without their debit"
[ "$(count a "SELECT count(*) FROM ingest_file WHERE format = 'jw323'
	AND lines_accepted = 8")" = 6 ] || fail "reference: the JW323 files not stored"

# --- 3. how long each part takes: d1, big.csv and d2 ingested one by one
# into c/ (which then must hold the same as a/ too) -----------------------
make_region c noinit
cp a/zothuis.key c/zothuis.key
zr c init
[ $RC = 0 ] || fail "init c exit $RC: $(cat c/last.err)"
INPUTS_ALL=$INPUTS
for part in d1 big.csv d2; do
	INPUTS="$W/in/$part"
	t0=$(date +%s%N)
	ingest c
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	[ $ms -gt 30 ] || ms=30
	case $part in d1) P1=$ms ;; big.csv) P2=$ms ;; *) P3=$ms ;; esac
done
# and the cost of a run that reads nothing (start, open, close): paid
# once per run, not once per part
mkdir empty
INPUTS="$W/empty"
t0=$(date +%s%N)
ingest c
t1=$(date +%s%N)
O=$(( (t1 - t0) / 1000000 ))
[ $O -lt 20 ] || { P2=$((P2 - O)); P3=$((P3 - O)); }
[ $P2 -gt 30 ] || P2=30
[ $P3 -gt 30 ] || P3=30
# the machine may be busier now than during the reference: the parts'
# shares of one uninterrupted run (T), in that order
sum=$((P1 + P2 + P3))
P1=$((T * P1 / sum)); P2=$((T * P2 / sum)); P3=$((T - P1 - P2))
INPUTS=$INPUTS_ALL
# and of a run that finds every file already stored: what a run of a
# history that has stored some parts spends before it reaches new work
t0=$(date +%s%N)
ingest c
t1=$(date +%s%N)
SK=$(( (t1 - t0) / 1000000 ))
sound c "after three ingests"
same "d1, big.csv and d2 ingested one after the other" c

# the small files are read ahead on a second thread, and the storing
# thread takes what it read without reading the file again: the same
# store without reading ahead
make_region n noinit
cp a/zothuis.key n/zothuis.key
zr n init
[ $RC = 0 ] || fail "init n exit $RC: $(cat n/last.err)"
export ZOTHUIS_NO_AHEAD=1
ingest n
unset ZOTHUIS_NO_AHEAD
sound n "without reading ahead"
same "the same inputs without reading ahead" n

# --- 4. kill -9 at random moments, store b/ with the same key -------------
# A history starts from an empty store and has up to five killed runs,
# aimed at d1, big.csv, big.csv, d2, d2 (or the first part not yet stored,
# if later): each killed at a moment uniform within that part's time
# measured above, from the run's start (a quarter sooner each time a run
# ended before its kill: the machine may be less busy than when
# measured). Then one uninterrupted ingest completes the history, which
# is compared with the reference, and the next history starts afresh.
make_region b noinit
cp a/zothuis.key b/zothuis.key
rnd() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 )); }
new_history() {
	rm -f b/zothuis.db b/zothuis.db-wal b/zothuis.db-shm
	zr b init
	[ $RC = 0 ] || fail "init b exit $RC: $(cat b/last.err)"
	grep -q "key file.*created" b/last.out b/last.err &&
		fail "init b made a new key instead of using the reference's"
	true
}
new_history
stage=0   # parts stored: 0 none, 1 d1, 2 d1 and big.csv
scale=100 # in %: lowered by a quarter whenever a run ends before its kill
inhist=0  # runs in this history
kills=0; in_d1=0; in_big=0; in_d2=0; after=0; ended=0; histories=1
while [ $kills -lt $KILLS ]; do
	( cd b && exec "$Z" --config region.ini --quiet ingest $INPUTS ) \
		> b/ingest.out 2> b/ingest.err &
	pid=$!
	case $inhist in 0) part=0 ;; 1|2) part=1 ;; *) part=2 ;; esac
	[ $part -ge $stage ] || part=$stage
	inhist=$((inhist + 1))
	lo=0
	[ $stage = 0 ] || lo=$SK
	[ $stage -lt 1 ] && [ $part -gt 0 ] && lo=$((lo + P1))
	[ $stage -lt 2 ] && [ $part -gt 1 ] && lo=$((lo + P2))
	case $part in 0) len=$P1 ;; 1) len=$P2 ;; *) len=$P3 ;; esac
	ms=$(( (lo + $(rnd $len)) * scale / 100 ))
	[ $ms -ge 20 ] || ms=20
	sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
	kill -9 $pid 2>/dev/null || true
	set +e
	wait $pid 2>/dev/null
	rc=$?
	set -e
	what="after run $((kills + ended + 1)) (history $histories, ${ms} ms)"
	sound b "$what"
	# where the kill landed, from what is stored: d1 is committed as one
	# group before big.csv, big.csv on its own, d2 as one group at the end
	nd1=$(count b "SELECT count(*) FROM ingest_file WHERE path GLOB '*/in/d1/*'")
	nf=$(count b "SELECT count(*) FROM ingest_file WHERE kind = 'declaraties'")
	nb=$(count b "SELECT count(*) FROM declaration WHERE ref GLOB 'B*'")
	if [ $rc = 137 ]; then
		kills=$((kills + 1))
		if [ "$nd1" = 0 ]; then
			in_d1=$((in_d1 + 1))
		elif [ "$nb" = 0 ]; then
			in_big=$((in_big + 1))
		elif [ "$nf" -lt $((nsmall - 1)) ]; then
			in_d2=$((in_d2 + 1))
		else
			after=$((after + 1))
		fi
	else
		[ $rc = 0 ] || [ $rc = 2 ] || fail "ingest $what exit $rc: $(tail -3 b/ingest.err)"
		ended=$((ended + 1))
		scale=$((scale * 3 / 4))
	fi
	if [ "$nf" != $((nsmall - 1)) ] && [ $inhist -ge 5 ] &&
		[ $kills -lt $KILLS ]; then
		ingest b
		sound b "after the uninterrupted ingest of history $histories"
		nf=$(count b "SELECT count(*) FROM ingest_file WHERE kind = 'declaraties'")
	fi
	if [ "$nf" = $((nsmall - 1)) ]; then
		same "history $histories"
		inhist=0
		histories=$((histories + 1))
		new_history
		stage=0
	elif [ "$nb" = $BIG ]; then
		stage=2
	elif [ "$nd1" != 0 ]; then
		stage=1
	fi
done

# --- 5. the last history: one uninterrupted ingest, then the same ---------
ingest b
sound b "after the last ingest"
same "the last history"
echo "kill_ingest: $kills kills (landed in: d1 $in_d1, big.csv $in_big, d2 $in_d2, after the last commit $after), $ended runs ended first, $histories histories; one uninterrupted ingest ${T} ms (d1 $P1, big.csv $P2, d2 $P3, start $O, all seen $SK ms)"
