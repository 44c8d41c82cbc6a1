#!/bin/sh
# Reliability, the third attack round: a configuration or mapping path
# that names the wrong file never prints that file's secrets. GKeyFile
# quotes the line it cannot read; zothuis masks it as a header preview
# (docs/privacy.md): runs of 16 or more hexadecimal digits, runs of eight
# or more digits, BSN-like groups.
#  a. --config naming the key file: exit 1, no run of the key's digits;
#  b. --config naming a data file with a BSN: exit 1, the BSN masked;
#  c. a key (unknown, in a data file) that is a BSN: masked;
#  d. [input] mapping naming the key file: the key is not in the log.
# Usage: rel29_config_masking.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

make_region r
key=$(tr -d '\n' < r/zothuis.key)
[ ${#key} = 64 ] || fail "the key file is not 64 hex digits"
# no 8 consecutive characters of the key in a text
no_key() {
	i=0
	while [ $i -le 56 ]; do
		part=$(printf '%s' "$key" | cut -c$((i + 1))-$((i + 8)))
		grep -qF "$part" "$1" && fail "$2: key digits '$part' in $1"
		i=$((i + 4))
	done
	return 0
}

# a. the key file as the configuration
zr r --config zothuis.key run
[ $RC = 1 ] || fail "a: exit $RC, want 1"
grep -q 'configuration zothuis.key' r/last.err || fail "a: $(cat r/last.err)"
no_key r/last.err a
no_key r/last.out a

# b. a data file as the configuration
printf '942792877;0402;2012-01-01;\n' > r/n.csv
zr r --config n.csv export --period 2022
[ $RC = 1 ] || fail "b: exit $RC, want 1"
grep -q 'configuration n.csv' r/last.err || fail "b: $(cat r/last.err)"
grep -q '942792877' r/last.err && fail "b: the BSN was printed"
grep -q '94\*\*\*\*\*77' r/last.err || fail "b: not masked: $(cat r/last.err)"

# c. an unknown key that is a BSN, and a repeated one
printf '[region]\n942792877 = 1\n' > r/m.ini
zr r --config m.ini run
[ $RC = 1 ] || fail "c: exit $RC, want 1"
grep -q '942792877' r/last.err && fail "c: the BSN was printed"
printf '[region]\n942792877 = 1\n942792877 = 2\n' > r/m2.ini
zr r --config m2.ini run
[ $RC = 1 ] || fail "c: repeated key exit $RC, want 1"
grep -q '942792877' r/last.err && fail "c: the BSN was printed (repeated)"

# d. the key file as the mapping, read for a CSV of unknown layout
printf 'a;b;c\n1;2;3\n' > r/inbox/x.csv
old r/inbox/x.csv
zr r --set input.mapping=zothuis.key run
grep -q 'mapping' r/last.err || fail "d: no mapping error: $(cat r/last.err)"
no_key r/last.err d
no_key r/last.out d
echo ok
