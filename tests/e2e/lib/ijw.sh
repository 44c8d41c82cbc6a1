# tests/e2e/lib/ijw.sh -- sourced after lib/region.sh by the tests of
# declarations and their answers (rel21, rel37, rel39): builders of iJw
# 3.2 JW323 declarations and JW325 answers of provider 98000011 and
# municipality 0402 for product 45A01 in September 2021, the header of
# the answer CSV layout, and the spending figures the answers decide.

# ijw_ns KIND: the namespace attributes of an iJw 3.2 message of KIND
# (jw323, jw325)
ijw_ns() {
	echo "xmlns=\"http://www.istandaarden.nl/ijw/3_2/$1/schema\" xmlns:ijw=\"http://www.istandaarden.nl/ijw/3_2/basisschema/schema\""
}

# ref_bsn BASE REF: a 9-digit number that passes the 11-test, one per
# reference: the first from the 8-digit BASE + 10 * (REF's digits) on,
# followed by its check digit (R6 of base 37000000: from 37000060 on)
ref_bsn() {
	awk -v b="$1" -v p="$(echo "$2" | tr -dc 0-9)" 'BEGIN {
		for (p = b + 10 * p;; p++) {
			s = 0; x = p
			for (i = 8; i >= 1; i--) { d = x % 10; x = int(x / 10); s += d * (10 - i) }
			c = s % 11; if (c != 10) { printf "%d%d\n", p, c; exit }
		}
	}'
}

# retourcodes CODE...: a RetourCodes element
retourcodes() {
	printf '<RetourCodes>'
	for c; do printf '<RetourCode>%s</RetourCode>' "$c"; done
	printf '</RetourCodes>'
}

# jw323 IDENT DECLNR DAY ASSIGNMENT CHILD LINE...: a JW323 declaration
# message IDENT, declaration number DECLNR, dated DAY, its total the sum
# of its lines; each LINE, REF:CENTS, a client with one line REF of CENTS
# at EUR 95 an hour (volume CENTS / 9500 hours) under assignment
# ASSIGNMENT. The client: CHILD, a 9-digit BSN, for every line; or, with
# CHILD an 8-digit base, a child of its own per line (ref_bsn CHILD REF).
jw323() {
	id=$1; nr=$2; day=$3; tw=$4; child=$5; shift 5; t=0
	for x; do t=$((t + ${x#*:})); done
	echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Bericht $(ijw_ns jw323)><Header><BerichtCode>490</BerichtCode><BerichtVersie>3</BerichtVersie><BerichtSubversie>2</BerichtSubversie><Afzender>98000011</Afzender><Ontvanger>0402</Ontvanger><BerichtIdentificatie><ijw:Identificatie>$id</ijw:Identificatie><ijw:Dagtekening>$day</ijw:Dagtekening></BerichtIdentificatie></Header><Declaratie><DeclaratieNummer>$nr</DeclaratieNummer><DeclaratieDagtekening>$day</DeclaratieDagtekening><TotaalIngediendBedrag><ijw:TotaalBedrag>$t</ijw:TotaalBedrag><ijw:DebetCredit>D</ijw:DebetCredit></TotaalIngediendBedrag><Clienten>"
	for x; do
		ref=${x%%:*}; cents=${x#*:}; bsn=$child
		[ ${#child} = 9 ] || bsn=$(ref_bsn "$child" "$ref")
		echo "<Client><Bsn>$bsn</Bsn><Prestaties><Prestatie><ProductReferentie><ijw:ReferentieNummer>$ref</ijw:ReferentieNummer></ProductReferentie><ToewijzingNummer>$tw</ToewijzingNummer><ProductCategorie>45</ProductCategorie><ProductCode>45A01</ProductCode><ProductPeriode><ijw:Begindatum>2021-09-01</ijw:Begindatum><ijw:Einddatum>2021-09-28</ijw:Einddatum></ProductPeriode><GeleverdVolume>$((cents / 9500))</GeleverdVolume><Eenheid>04</Eenheid><ProductTarief>9500</ProductTarief><IngediendBedrag><ijw:Bedrag>$cents</ijw:Bedrag><ijw:DebetCredit>D</ijw:DebetCredit></IngediendBedrag></Prestatie></Prestaties></Client>"
	done
	echo "</Clienten></Declaratie></Bericht>"
}

# jw325 IDENT DECL_IDENT DECLNR HEADER_CODE ANSWER_CODE|- BSN [LINE]...:
# a JW325 answer message IDENT, dated 2021-10-20, to the declaration
# message DECL_IDENT of 2021-10-11, with the retour code HEADER_CODE in
# its header and a DeclaratieAntwoord for DECLNR with the retour codes
# ANSWER_CODE (split at blanks) for client BSN; - : refused on header
# level, no DeclaratieAntwoord. Each LINE, REF:CODE or REF:CODE:CENTS,
# answers line REF with CODE (and restates its amount CENTS). One line
# of XML for each LINE, the rest on the first and the last.
jw325() {
	id=$1; di=$2; nr=$3; hc=$4; da=$5; bsn=$6; shift 6
	printf '%s' "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Bericht $(ijw_ns jw325)><Header><BerichtCode>491</BerichtCode><BerichtVersie>3</BerichtVersie><BerichtSubversie>2</BerichtSubversie><Afzender>0402</Afzender><Ontvanger>98000011</Ontvanger><BerichtIdentificatie><ijw:Identificatie>$id</ijw:Identificatie><ijw:Dagtekening>2021-10-20</ijw:Dagtekening></BerichtIdentificatie><DeclaratieIdentificatie><ijw:Identificatie>$di</ijw:Identificatie><ijw:Dagtekening>2021-10-11</ijw:Dagtekening></DeclaratieIdentificatie>$(retourcodes $hc)</Header>"
	if [ "$da" != - ]; then
		echo "<DeclaratieAntwoord><DeclaratieNummer>$nr</DeclaratieNummer><Clienten><Client><Bsn>$bsn</Bsn><Prestaties>"
		for x; do
			ref=${x%%:*}; x=${x#*:}; code=${x%%:*}; amount=
			[ "$code" = "$x" ] ||
				amount="<IngediendBedrag><ijw:Bedrag>${x#*:}</ijw:Bedrag><ijw:DebetCredit>D</ijw:DebetCredit></IngediendBedrag>"
			echo "<Prestatie><ProductReferentie><ijw:ReferentieNummer>$ref</ijw:ReferentieNummer></ProductReferentie>$amount$(retourcodes $code)</Prestatie>"
		done
		printf '%s' "</Prestaties></Client></Clienten>$(retourcodes $da)</DeclaratieAntwoord>"
	fi
	echo "</Bericht>"
}

# the header of the answer CSV layout (docs/inputs.md, "Declaration
# answers")
ANSWER_HEADER='gemeente;aanbieder_agb;antwoord_id;declaratie_id;declaratienummer;niveau;referentienummer;bedrag;debet_credit;toegekend_bedrag;toegekend_debet_credit;retourcodes'

# spend: the spending, the spending rejected by the municipality (euros)
# and the lines not yet judged of the region r in 2021-H2, from an export
# to $W/e.csv, as "SPEND REJECTED WAITING" ("none" for a figure the
# export does not have)
spend() {
	zr r export --period 2021-H2 --out "$W/e.csv"
	[ $RC = 0 ] || fail "export exit $RC: $(cat r/last.err)"
	s=$(awk -F, '$1 == "spend.total" && $2 == "2021-H2" && $4 == "regio" && $5 == "" { print $6 }' "$W/e.csv")
	j=$(awk -F, '$1 == "dq.spend_rejected_by_gemeente" && $2 == "2021-H2" && $5 == "" { print $6 }' "$W/e.csv")
	o=$(awk -F, '$1 == "dq.lines_not_assessed" && $2 == "2021-H2" && $5 == "" { print $6 }' "$W/e.csv")
	echo "${s:-none} ${j:-none} ${o:-none}"
}
