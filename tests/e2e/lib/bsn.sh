# tests/e2e/lib/bsn.sh -- sourced after lib/region.sh by the tests that
# look for a BSN in what zothuis wrote (rel08, rel23, rel34, rel35): the
# separators and full-width digits a BSN may be written in, and the
# check that no seven digits of one show in any of those forms.

NBSP=$(printf '\302\240')        # U+00A0
NNBSP=$(printf '\342\200\257')   # U+202F
THIN=$(printf '\342\200\211')    # U+2009
ENDASH=$(printf '\342\200\223')  # U+2013

# fw TEXT: TEXT with every ASCII digit written full-width
fw() {
	printf '%s' "$1" | sed 's/0/\xef\xbc\x90/g; s/1/\xef\xbc\x91/g;
		s/2/\xef\xbc\x92/g; s/3/\xef\xbc\x93/g; s/4/\xef\xbc\x94/g;
		s/5/\xef\xbc\x95/g; s/6/\xef\xbc\x96/g; s/7/\xef\xbc\x97/g;
		s/8/\xef\xbc\x98/g; s/9/\xef\xbc\x99/g'
}

# ascii FILE: FILE with every full-width digit written in ASCII
ascii() {
	sed 's/\xef\xbc\x90/0/g; s/\xef\xbc\x91/1/g; s/\xef\xbc\x92/2/g;
		s/\xef\xbc\x93/3/g; s/\xef\xbc\x94/4/g; s/\xef\xbc\x95/5/g;
		s/\xef\xbc\x96/6/g; s/\xef\xbc\x97/7/g; s/\xef\xbc\x98/8/g;
		s/\xef\xbc\x99/9/g' "$1"
}

# digits FILE: FILE in ASCII digits with every separator between two
# digits taken out (a no-break, narrow no-break or thin space, an en
# dash, a blank, a full stop or a hyphen), so a BSN in any form shows
# as nine digits in a row
digits() {
	sed "s/$NBSP//g; s/$NNBSP//g; s/$THIN//g; s/$ENDASH//g" "$1" |
		ascii - | sed -E ':a; s/([0-9])[ .-]([0-9])/\1\2/g; ta'
}

# no_bsn_part WHAT FILE BSN...: fail (naming WHAT) when FILE holds seven
# digits in a row of any BSN
no_bsn_part() {
	what=$1; file=$2; shift 2
	for bsn; do
		k=1
		while [ $((k + 6)) -le ${#bsn} ]; do
			part=$(echo "$bsn" | cut -c$k-$((k + 6)))
			grep -q "$part" "$file" &&
				fail "$what: 7 digits ($part) of BSN $bsn shown: $(grep -h "$part" "$file" | head -3)"
			k=$((k + 1))
		done
	done
	return 0
}
