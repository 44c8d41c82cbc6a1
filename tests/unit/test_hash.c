/*
 * tests/unit/test_hash.c -- known answers for core/hash.c. zt_hash64 keys
 * the store's reference index and line fingerprints, and zt_fingerprint
 * identifies files already ingested: the values below are in every store,
 * so a change to the functions must fail here (and then needs a store
 * migration, docs/store.md). Also: the fingerprint does not depend on how
 * the input is cut into chunks, and the integer map.
 */
#include "testutil.h"

#include <stdint.h>
#include <string.h>

#include "core/hash.h"

/* The seed the store uses for its reference key (etl/store.c REF_SEED). */
#define STORE_REF_SEED 0x7a6f746875697331ULL

/* zt_hash64 over the first `len` bytes of pattern(), seed 0 and the
 * store's seed; recorded from the implementation of the first release. */
static const struct {
  size_t len;
  uint64_t seed0, store;
} kat[] = {
    {0, 0xcdabfa2ddc9ff781ULL, 0xa1937ba7426c9762ULL},
    {1, 0x7d9215f08f6095cbULL, 0xe019557f13d6a3ecULL},
    {3, 0xe84bb51e647ec384ULL, 0x767feaaafd93f521ULL},
    {4, 0x79c37d3e2760ba3eULL, 0x5784533b66e8ef8eULL},
    {7, 0x45121aafed01bd9eULL, 0xd67541eff861d47dULL},
    {8, 0x9f38fabfbcc88ee6ULL, 0x3acd9c774f63b7c4ULL},
    {9, 0xc0bf3e7f88dcc4f2ULL, 0xfb8abb7cb3398c32ULL},
    {15, 0x8a452162ca5527d1ULL, 0x27383e75c3925257ULL},
    {16, 0x4b092af1769c7969ULL, 0x39b8f8041c633cd3ULL},
    {17, 0x2be0054c9d2cf1d7ULL, 0x4f79f3904a304fe2ULL},
    {31, 0x51375d6f5eb2e665ULL, 0x4e035317b758e564ULL},
    {32, 0xc2a949255a6a5c89ULL, 0x7a38811a8465ab69ULL},
    {33, 0x889e9cf135d01fdfULL, 0x64ffab33eed846ddULL},
    {63, 0xe268afc8d249e448ULL, 0xa18681f8e45b08efULL},
    {64, 0x28e80ec4f1972ac3ULL, 0x0cbe4547d176aca4ULL},
    {65, 0x4e013a3f3bbce78dULL, 0x02181a27c2fa7f69ULL},
    {100, 0xaf05116474618d72ULL, 0x49e71566fff490e2ULL},
};

static void pattern(unsigned char *p, size_t n, unsigned mul, unsigned add) {
  for (size_t i = 0; i < n; i++)
    p[i] = (unsigned char)(i * mul + add);
}

static void test_hash64_known_answers(void **state) {
  unsigned char buf[256];
  (void)state;
  pattern(buf, sizeof buf, 7, 3);
  for (size_t i = 0; i < sizeof kat / sizeof kat[0]; i++) {
    assert_int_equal(zt_hash64(buf, kat[i].len, 0), kat[i].seed0);
    assert_int_equal(zt_hash64(buf, kat[i].len, STORE_REF_SEED),
                     kat[i].store);
  }
}

/* Every byte and the length count: changing one byte or one more byte of
 * the same content gives another value. */
static void test_hash64_sensitivity(void **state) {
  unsigned char buf[100], alt[100];
  uint64_t h;
  (void)state;
  pattern(buf, sizeof buf, 7, 3);
  h = zt_hash64(buf, sizeof buf, 0);
  for (size_t i = 0; i < sizeof buf; i++) {
    memcpy(alt, buf, sizeof buf);
    alt[i] ^= 1;
    assert_true(zt_hash64(alt, sizeof alt, 0) != h);
  }
  memset(alt, 0, sizeof alt);
  assert_true(zt_hash64(alt, 10, 0) != zt_hash64(alt, 11, 0));
  assert_true(zt_hash64(buf, 10, 0) != zt_hash64(buf, 10, 1));
}

static void test_mix64(void **state) {
  (void)state;
  assert_int_equal(zt_mix64(0), 0);
  assert_int_equal(zt_mix64(1), 0xb456bcfc34c2cb2cULL);
  assert_int_equal(zt_mix64(UINT64_MAX), 0x64b5720b4b825f21ULL);
}

static void fp_of(const unsigned char *p, size_t n, size_t chunk,
                  char hex[33]) {
  zt_fingerprint fp;
  zt_fp_init(&fp);
  for (size_t o = 0; o < n; o += chunk)
    zt_fp_update(&fp, p + o, n - o < chunk ? n - o : chunk);
  zt_fp_hex(&fp, hex);
}

static void test_fingerprint_known_answers(void **state) {
  static const unsigned char none[1] = {0};
  unsigned char big[1000];
  char hex[33];
  (void)state;
  fp_of(none, 0, 1, hex);
  assert_string_equal(hex, "325c77c5b1ac01c7b588c5fcb75d5d20");
  fp_of((const unsigned char *)"abc", 3, 3, hex);
  assert_string_equal(hex, "7f771269a09279699e8bc9b59f71ed16");
  pattern(big, sizeof big, 31, 5);
  fp_of(big, sizeof big, sizeof big, hex);
  assert_string_equal(hex, "3a0af4db90c490b6f95f5b8e3b46a9d7");
}

/* A file read in blocks of any size has one fingerprint. */
static void test_fingerprint_chunking(void **state) {
  unsigned char big[1000];
  char whole[33], cut[33];
  (void)state;
  pattern(big, sizeof big, 31, 5);
  fp_of(big, sizeof big, sizeof big, whole);
  for (size_t chunk = 1; chunk <= 70; chunk++) {
    fp_of(big, sizeof big, chunk, cut);
    assert_string_equal(cut, whole);
  }
  big[999] ^= 0x80;
  fp_of(big, sizeof big, 64, cut);
  assert_string_not_equal(cut, whole);
}

static void test_u64map(void **state) {
  zt_u64map m;
  uint64_t v = 0;
  (void)state;
  zt_u64map_init(&m);
  assert_false(zt_u64map_get(&m, 5, &v));
  for (uint64_t k = 0; k < 10000; k++)
    assert_int_equal(zt_u64map_put(&m, k * 7919, k + 1), ZT_OK);
  assert_int_equal(m.count, 10000);
  assert_int_equal(m.cap & (m.cap - 1), 0);   /* a power of two */
  for (uint64_t k = 0; k < 10000; k++) {
    assert_true(zt_u64map_get(&m, k * 7919, &v));
    assert_int_equal(v, k + 1);
  }
  assert_false(zt_u64map_get(&m, 7920, &v));
  assert_int_equal(zt_u64map_put(&m, 0, 42), ZT_OK);   /* replace */
  assert_int_equal(m.count, 10000);
  assert_true(zt_u64map_get(&m, 0, &v));
  assert_int_equal(v, 42);
  zt_u64map_clear(&m);
  assert_int_equal(m.count, 0);
  assert_false(zt_u64map_get(&m, 7919, &v));
  zt_u64map_free(&m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_hash64_known_answers),
      cmocka_unit_test(test_hash64_sensitivity),
      cmocka_unit_test(test_mix64),
      cmocka_unit_test(test_fingerprint_known_answers),
      cmocka_unit_test(test_fingerprint_chunking),
      cmocka_unit_test(test_u64map),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
