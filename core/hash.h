/*
 * core/hash.h -- a fast non-cryptographic 64-bit hash and an integer map.
 *
 * zt_hash64 keys the store's reference index and the content fingerprint of
 * a declaration line; it is not for secrets (pseudonyms use HMAC-SHA256 in
 * etl/pseudo.c). zt_u64map maps 64-bit keys to 64-bit values with open
 * addressing; it grows with the number of keys (clients), never with input
 * lines.
 */
#ifndef ZT_HASH_H
#define ZT_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

uint64_t zt_hash64(const void *p, size_t n, uint64_t seed);
/* Mix a 64-bit integer into a well-spread 64-bit value. */
uint64_t zt_mix64(uint64_t x);

typedef struct zt_u64map {
  uint64_t *keys;
  uint64_t *vals;
  size_t cap;   /* a power of two, or 0 */
  size_t count;
} zt_u64map;

void zt_u64map_init(zt_u64map *m);
void zt_u64map_free(zt_u64map *m);
void zt_u64map_clear(zt_u64map *m);
/* Look up `key`; true and *val set when present. Key UINT64_MAX is
 * reserved (it marks an empty slot). */
bool zt_u64map_get(const zt_u64map *m, uint64_t key, uint64_t *val);
zt_status zt_u64map_put(zt_u64map *m, uint64_t key, uint64_t val);



/* A streaming 128-bit content fingerprint: four multiply-rotate lanes over
 * 32-byte stripes, independent of how the input is cut into chunks. It
 * identifies files already ingested (several GB/s, where SHA-256 manages
 * 200 MB/s); it is not a defence against deliberately crafted
 * collisions. */
typedef struct zt_fingerprint {
  uint64_t lane[4];
  uint64_t len;
  unsigned char tail[32];
  size_t ntail;
} zt_fingerprint;

void zt_fp_init(zt_fingerprint *fp);
void zt_fp_update(zt_fingerprint *fp, const void *p, size_t n);
/* 32 lower-case hex digits and a NUL. */
void zt_fp_hex(const zt_fingerprint *fp, char out[33]);
#endif
