#!/bin/sh
# Reliability, issue 18 defect 3: the key is bound to the store. With the
# key file moved away, `run` refuses (exit 1) instead of making a new key;
# `--key-file other.key ingest` refuses a key the store does not know;
# `rm zothuis.key; zothuis init` on a store with pseudonyms refuses and
# makes no key. Clients are never doubled; with the right key all is well.
# A store that holds pseudonyms but lost its record of the key (meta
# key_id deleted) is refused as damaged (exit 5), not bound to whatever
# key is at hand.
# Usage: rel03_key_binding.sh ZOTHUIS SOURCE_DIR WORK_DIR
set -eu
. "$2/tests/e2e/lib/region.sh"
begin_test "$@"

region_run r 0 2
clients=$(count r "SELECT count(*) FROM client")
[ "$clients" -gt 0 ] || fail "no clients after the first run"

# another delivery with the same children (new references)
sed 's/;RN\([0-9]*\);/;RX\1;/' "$SRC/fixtures/samples/demo-declaraties.csv" > again.csv

# 1. the key file moved away: run refuses, no new key
mv r/zothuis.key r/zothuis.key.saved
cp again.csv r/inbox/again.csv
old r/inbox/again.csv
zr r run
[ $RC = 1 ] || fail "run without its key exit $RC, want 1"
grep -qi "key" r/last.err || fail "no message about the key: $(cat r/last.err)"
[ ! -e r/zothuis.key ] || fail "run made a new key for a store with pseudonyms"
[ "$(count r "SELECT count(*) FROM client")" = "$clients" ] || fail "clients changed without the key"
[ -e r/inbox/again.csv ] || fail "the delivery left the inbox although nothing was read"

# 2. another key: refused
other_key
mv r/zothuis.key.saved r/zothuis.key
zr r --key-file "$W/other/o.key" ingest "$W/again.csv"
[ $RC = 1 ] || fail "ingest with another key exit $RC, want 1"
grep -q "does not belong to store" r/last.err || fail "no message about the wrong key: $(cat r/last.err)"
[ "$(count r "SELECT count(*) FROM client")" = "$clients" ] || fail "clients doubled with another key"

# 3. rm zothuis.key; init: refused, no key made
cp r/zothuis.key key.saved
rm r/zothuis.key
zr r init
[ $RC = 1 ] || fail "init without the key of a populated store exit $RC, want 1"
[ ! -e r/zothuis.key ] || fail "init made a new key for a store with pseudonyms"

# 4. the right key: the same children stay the same clients
cp key.saved r/zothuis.key
chmod 600 r/zothuis.key
zr r run
[ $RC = 0 ] || [ $RC = 2 ] || fail "run with its key exit $RC: $(cat r/last.err)"
[ ! -e r/inbox/again.csv ] || fail "the delivery was not read with the right key"
[ "$(count r "SELECT count(*) FROM client")" = "$clients" ] || fail "the same children became new clients"
# 5. the record of the key lost, another key at hand
sqlite3 r/zothuis.db "DELETE FROM meta WHERE key = 'key_id'"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > r/zothuis.key
chmod 600 r/zothuis.key
{ echo "$DECL_HEADER"; decl_lines 2 43000000; } > n.csv
zr r ingest "$W/n.csv"
[ $RC = 5 ] || fail "a store without its key record took another key: exit $RC"
grep -q "no record of the key" r/last.err || fail "5: $(cat r/last.err)"
[ "$(count r "SELECT count(*) FROM client")" = "$clients" ] || fail "5: new clients"
echo "rel03 key binding: ok"
