/*
 * core/str.h -- small string helpers that replace the banned libc calls.
 *
 * Input fields are (pointer, length) slices, not C strings, so the parsers
 * here take a length. They are strict: no leading blanks, no sign unless
 * stated, no trailing garbage.
 */
#ifndef ZT_STR_H
#define ZT_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* Copy at most size-1 bytes of `src` and a NUL into `dst`; returns
 * strlen(src), so a result >= size means the copy was truncated. */
size_t zt_strlcpy(char *dst, const char *src, size_t size);

/* Copy the slice (s, n) into `dst` as a C string; false when it does not
 * fit (dst is then the empty string). */
bool zt_slice_copy(char *dst, size_t size, const char *s, size_t n);

/* Parse an unsigned decimal of 1..18 digits. ZT_ERR_INPUT otherwise. */
zt_status zt_parse_u64(const char *s, size_t n, uint64_t *out);
/* Parse an optionally '-'-signed decimal integer of 1..18 digits. */
zt_status zt_parse_i64(const char *s, size_t n, int64_t *out);
/* Parse a whole C string as an int in [min, max] (options, config). */
zt_status zt_parse_int(const char *s, long min, long max, long *out);

bool zt_all_digits(const char *s, size_t n);
/* Trim ASCII blanks (space, tab) from both ends of the slice. */
void zt_trim(const char **s, size_t *n);
/* Case-insensitive ASCII comparison of a slice with a C string. */
bool zt_slice_ieq(const char *s, size_t n, const char *lit);
bool zt_slice_eq(const char *s, size_t n, const char *lit);

#endif
