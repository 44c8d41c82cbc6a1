/*
 * core/hash.c -- 64-bit hash and integer map (see hash.h).
 *
 * The hash reads eight bytes at a time and mixes each word with a
 * multiply-xorshift step; the tail is folded in byte by byte. Good spread
 * for short keys (references, field tuples), a few ns per call.
 */
#include "core/hash.h"

#include <stdlib.h>
#include <string.h>

#define EMPTY UINT64_MAX

uint64_t zt_mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

uint64_t zt_hash64(const void *p, size_t n, uint64_t seed) {
  const unsigned char *s = p;
  uint64_t h = seed ^ (0x9e3779b97f4a7c15ULL * (n + 1));
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ zt_mix64(w)) * 0x100000001b3ULL;
    h ^= h >> 29;
    s += 8;
    n -= 8;
  }
  {
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++)
      w |= (uint64_t)s[i] << (8 * i);
    h = (h ^ zt_mix64(w ^ 0xa5a5a5a5a5a5a5a5ULL)) * 0x100000001b3ULL;
  }
  return zt_mix64(h);
}

void zt_u64map_init(zt_u64map *m) {
  memset(m, 0, sizeof *m);
}

void zt_u64map_free(zt_u64map *m) {
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof *m);
}

void zt_u64map_clear(zt_u64map *m) {
  if (m->keys)
    memset(m->keys, 0xff, m->cap * sizeof *m->keys);
  m->count = 0;
}

static size_t slot_of(const zt_u64map *m, uint64_t key) {
  size_t mask = m->cap - 1;
  size_t i = (size_t)zt_mix64(key) & mask;
  while (m->keys[i] != EMPTY && m->keys[i] != key)
    i = (i + 1) & mask;
  return i;
}

bool zt_u64map_get(const zt_u64map *m, uint64_t key, uint64_t *val) {
  size_t i;
  if (!m->cap)
    return false;
  i = slot_of(m, key);
  if (m->keys[i] != key)
    return false;
  *val = m->vals[i];
  return true;
}

static zt_status grow(zt_u64map *m) {
  size_t cap = m->cap ? m->cap * 2 : 1024;
  zt_u64map n = {0};
  n.keys = malloc(cap * sizeof *n.keys);
  n.vals = malloc(cap * sizeof *n.vals);
  if (!n.keys || !n.vals) {
    free(n.keys);
    free(n.vals);
    return ZT_ERR_NOMEM;
  }
  memset(n.keys, 0xff, cap * sizeof *n.keys);
  n.cap = cap;
  for (size_t i = 0; i < m->cap; i++) {
    if (m->keys[i] != EMPTY) {
      size_t j = slot_of(&n, m->keys[i]);
      n.keys[j] = m->keys[i];
      n.vals[j] = m->vals[i];
      n.count++;
    }
  }
  zt_u64map_free(m);
  *m = n;
  return ZT_OK;
}

zt_status zt_u64map_put(zt_u64map *m, uint64_t key, uint64_t val) {
  size_t i;
  if (key == EMPTY)
    return ZT_ERR_INTERNAL;
  if ((m->count + 1) * 4 > m->cap * 3) {   /* keep load below 3/4 */
    zt_status st = grow(m);
    if (st)
      return st;
  }
  i = slot_of(m, key);
  if (m->keys[i] != key) {
    m->keys[i] = key;
    m->count++;
  }
  m->vals[i] = val;
  return ZT_OK;
}

#define FP_P1 0x9e3779b185ebca87ULL
#define FP_P2 0xc2b2ae3d27d4eb4fULL

static uint64_t rotl64(uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

void zt_fp_init(zt_fingerprint *fp) {
  fp->lane[0] = 0x243f6a8885a308d3ULL;
  fp->lane[1] = 0x13198a2e03707344ULL;
  fp->lane[2] = 0xa4093822299f31d0ULL;
  fp->lane[3] = 0x082efa98ec4e6c89ULL;
  fp->len = 0;
  fp->ntail = 0;
}

static void fp_stripe(zt_fingerprint *fp, const unsigned char *s) {
  for (int i = 0; i < 4; i++) {
    uint64_t w;
    memcpy(&w, s + 8 * i, 8);
    fp->lane[i] = rotl64(fp->lane[i] + w * FP_P2, 31) * FP_P1;
  }
}

void zt_fp_update(zt_fingerprint *fp, const void *p, size_t n) {
  const unsigned char *s = p;
  fp->len += n;
  if (fp->ntail) {
    size_t k = 32 - fp->ntail < n ? 32 - fp->ntail : n;
    memcpy(fp->tail + fp->ntail, s, k);
    fp->ntail += k;
    s += k;
    n -= k;
    if (fp->ntail < 32)
      return;
    fp_stripe(fp, fp->tail);
    fp->ntail = 0;
  }
  while (n >= 32) {
    fp_stripe(fp, s);
    s += 32;
    n -= 32;
  }
  memcpy(fp->tail, s, n);
  fp->ntail = n;
}

void zt_fp_hex(const zt_fingerprint *fp, char out[33]) {
  static const char digits[] = "0123456789abcdef";
  uint64_t h[2];
  uint64_t t = zt_hash64(fp->tail, fp->ntail, fp->len);
  h[0] = zt_mix64(fp->lane[0] ^ rotl64(fp->lane[1], 17) ^ t);
  h[1] = zt_mix64(fp->lane[2] ^ rotl64(fp->lane[3], 29) ^ fp->len ^
                  rotl64(t, 7) ^ h[0]);
  for (int i = 0; i < 16; i++) {
    unsigned b = (unsigned)(h[i / 8] >> (8 * (7 - i % 8))) & 0xff;
    out[2 * i] = digits[b >> 4];
    out[2 * i + 1] = digits[b & 15];
  }
  out[32] = '\0';
}
