/*
 * etl/encoding.c -- UTF-8 validation, BOMs, Windows-1252 conversion and
 * encoding detection (see encoding.h).
 *
 * The common case is a line of plain ASCII, so zt_text_is_ascii() and the
 * ASCII runs inside zt_utf8_check() go a 64-bit word at a time; only lines
 * with non-ASCII bytes take the byte-by-byte paths.
 */
#include "etl/encoding.h"

#include <stdint.h>
#include <string.h>

#include "core/str.h"

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Nonzero when a byte of `w` is 0x00 or >= 0x80. A flag above the lowest
 * real zero byte may be false (borrow), which does not matter here. */
static inline uint64_t word_special(uint64_t w) {
  return (w | ((w - ONES) & ~w)) & HIGHS;
}

const char *zt_encoding_name(zt_encoding e) {
  switch (e) {
  case ZT_ENC_AUTO: return "auto";
  case ZT_ENC_UTF8: return "utf-8";
  case ZT_ENC_CP1252: return "windows-1252";
  }
  return "?";
}

bool zt_encoding_from_name(const char *name, zt_encoding *out) {
  size_t n = strlen(name);
  if (zt_slice_ieq(name, n, "auto"))
    *out = ZT_ENC_AUTO;
  else if (zt_slice_ieq(name, n, "utf-8") || zt_slice_ieq(name, n, "utf8"))
    *out = ZT_ENC_UTF8;
  else if (zt_slice_ieq(name, n, "windows-1252") ||
           zt_slice_ieq(name, n, "cp1252"))
    *out = ZT_ENC_CP1252;
  else
    return false;
  return true;
}

size_t zt_bom_len(const char *p, size_t n) {
  return n >= 3 && (unsigned char)p[0] == 0xEF &&
                 (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF
             ? 3
             : 0;
}

bool zt_bom_utf16(const char *p, size_t n) {
  const unsigned char *u = (const unsigned char *)p;
  return n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                    (u[0] == 0xFE && u[1] == 0xFF));
}

bool zt_text_is_ascii(const char *p, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    if (word_special(w))
      return false;
  }
  for (; i < n; i++)
    if ((unsigned char)p[i] - 1u >= 0x7Fu)   /* 0x00 or >= 0x80 */
      return false;
  return true;
}

size_t zt_utf8_seq(const char *p, size_t n) {
  const unsigned char *u = (const unsigned char *)p;
  unsigned lo = 0x80, hi = 0xBF;
  size_t len;
  if (n == 0 || u[0] == 0)
    return 0;
  if (u[0] < 0x80)
    return 1;
  if (u[0] < 0xC2)           /* continuation byte, or overlong C0/C1 */
    return 0;
  if (u[0] < 0xE0)
    len = 2;
  else if (u[0] < 0xF0) {
    len = 3;
    if (u[0] == 0xE0)
      lo = 0xA0;             /* overlong */
    else if (u[0] == 0xED)
      hi = 0x9F;             /* surrogates */
  } else if (u[0] < 0xF5) {
    len = 4;
    if (u[0] == 0xF0)
      lo = 0x90;             /* overlong */
    else if (u[0] == 0xF4)
      hi = 0x8F;             /* above U+10FFFF */
  } else
    return 0;
  if (n < len || u[1] < lo || u[1] > hi)
    return 0;
  for (size_t i = 2; i < len; i++)
    if (u[i] < 0x80 || u[i] > 0xBF)
      return 0;
  return len;
}

size_t zt_utf8_check(const char *p, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t k;
    if (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, p + i, 8);
      if (!word_special(w)) {
        i += 8;
        continue;
      }
    }
    k = zt_utf8_seq(p + i, n - i);
    if (k == 0)
      return i;
    i += k;
  }
  return n;
}

size_t zt_utf8_chars(const char *p, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += ((unsigned char)p[i] & 0xC0) != 0x80;
  return k;
}

size_t zt_utf8_find_c1(const char *p, size_t n) {
  const char *q = p;
  while ((q = memchr(q, 0xC2, (size_t)(p + n - q))) != NULL) {
    if (q + 1 < p + n && (unsigned char)q[1] >= 0x80 &&
        (unsigned char)q[1] <= 0x9F)
      return (size_t)(q - p);
    q++;
  }
  return n;
}

/* Windows-1252 0x80..0x9F as Unicode code points; 0 = undefined. */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static inline bool cp1252_bad(unsigned char c) {
  return c == 0 || (c >= 0x80 && c < 0xA0 && cp1252_c1[c - 0x80] == 0);
}

size_t zt_cp1252_check(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (cp1252_bad((unsigned char)p[i]))
      return i;
  return n;
}

static inline size_t put_cp(char *out, unsigned cp) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  out[0] = (char)(0xE0 | (cp >> 12));
  out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[2] = (char)(0x80 | (cp & 0x3F));
  return 3;
}

#define REPLACEMENT 0xFFFDu

size_t zt_cp1252_to_utf8(const char *p, size_t n, char *out) {
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    unsigned cp;
    if (cp1252_bad(c))
      cp = REPLACEMENT;
    else if (c >= 0x80 && c < 0xA0)
      cp = cp1252_c1[c - 0x80];
    else
      cp = c;                 /* ASCII, and 0xA0..0xFF = U+00A0..U+00FF */
    o += put_cp(out + o, cp);
  }
  return o;
}

size_t zt_utf8_sanitize(const char *p, size_t n, char *out) {
  size_t i = 0, o = 0;
  while (i < n) {
    size_t k = zt_utf8_seq(p + i, n - i);
    if (k == 0) {
      o += put_cp(out + o, REPLACEMENT);
      i++;
    } else {
      memcpy(out + o, p + i, k);
      o += k;
      i += k;
    }
  }
  return o;
}

void zt_decoder_init(zt_decoder *d, zt_encoding declared, bool bom) {
  d->enc = bom ? ZT_ENC_UTF8 : declared;
  d->guessed = false;
}

zt_dec_result zt_decoder_check(zt_decoder *d, const char *p, size_t n,
                               size_t *bad) {
  size_t off;
  if (zt_text_is_ascii(p, n))
    return ZT_DEC_ASCII;
  if (d->enc == ZT_ENC_AUTO) {
    /* Undecided: find the first NUL or non-ASCII byte. */
    for (off = 0; off < n; off++) {
      unsigned char c = (unsigned char)p[off];
      if (c == 0) {
        if (bad)
          *bad = off;
        return ZT_DEC_INVALID;
      }
      if (c >= 0x80)
        break;
    }
    d->enc = zt_utf8_seq(p + off, n - off) ? ZT_ENC_UTF8 : ZT_ENC_CP1252;
    d->guessed = true;
  }
  if (d->enc == ZT_ENC_CP1252 && d->guessed && zt_utf8_check(p, n) == n)
    return ZT_DEC_UTF8;         /* a UTF-8 line in a guessed cp1252 file */
  if (d->enc == ZT_ENC_UTF8) {
    off = zt_utf8_check(p, n);
    if (off == n)
      return ZT_DEC_UTF8;
  } else {
    off = zt_cp1252_check(p, n);
    if (off == n)
      return ZT_DEC_CP1252;
  }
  if (bad)
    *bad = off;
  return ZT_DEC_INVALID;
}

size_t zt_decoder_display(const zt_decoder *d, const char *p, size_t n,
                          char *out) {
  if (d->enc == ZT_ENC_CP1252 &&
      !(d->guessed && zt_utf8_check(p, n) == n))
    return zt_cp1252_to_utf8(p, n, out);
  return zt_utf8_sanitize(p, n, out);
}
