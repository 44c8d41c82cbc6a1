/*
 * etl/pseudo.c -- BSN checks and keyed pseudonyms (see pseudo.h).
 */
#include "etl/pseudo.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/hash.h"
#include "core/log.h"

struct zt_pseudonymizer {
  GHmac *proto;        /* keyed HMAC state, copied per new BSN */
  zt_u64map cache;     /* BSN as a number -> index into `seen` */
  zt_pseudo *seen;
  size_t nseen, cap;
};

/* The 11-test on nine digits, the first first: weights 9 down to 2 and
 * -1 for the last; nine zeros fail. */
static bool elfproef(const int d[9]) {
  int sum = 0;
  bool all_zero = true;
  for (int i = 0; i < 9; i++) {
    all_zero = all_zero && d[i] == 0;
    sum += i < 8 ? d[i] * (9 - i) : -d[i];
  }
  return !all_zero && sum % 11 == 0;
}

zt_reason zt_bsn_check(const char *s, size_t n) {
  int d[9];
  if (n != 9)
    return ZT_R_BSN_FORMAT;
  for (size_t i = 0; i < 9; i++) {
    d[i] = s[i] - '0';
    if (d[i] < 0 || d[i] > 9)
      return ZT_R_BSN_FORMAT;
  }
  return elfproef(d) ? ZT_R_NONE : ZT_R_BSN_ELFPROEF;
}

void zt_bsn_mask(const char *s, size_t n, char out[ZT_MASK_MAX]) {
  size_t k = n < ZT_MASK_MAX - 1 ? n : ZT_MASK_MAX - 1;
  for (size_t i = 0; i < k; i++) {
    bool keep = n >= 5 && (i < 2 || i >= n - 2);
    char c = s[i];
    out[i] = keep && c >= '0' && c <= '9' ? c : '*';
  }
  if (n >= 5 && k < n) {             /* keep the true last two digits */
    out[k - 2] = s[n - 2] >= '0' && s[n - 2] <= '9' ? s[n - 2] : '*';
    out[k - 1] = s[n - 1] >= '0' && s[n - 1] <= '9' ? s[n - 1] : '*';
  }
  out[k] = '\0';
}

/* Is c a letter (ASCII)? A digit group next to one is part of a code
 * (RN00674059), not a number of its own. */
static bool is_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/*
 * A decimal digit in any script: an ASCII one, or a character of
 * Unicode's class Nd in UTF-8 (a full-width '\uFF19', an Arabic-Indic
 * one, ...). A BSN written in such digits, or partly so, is a BSN too:
 * every matcher below reads its digits with these two.
 */

/* The digit whose character starts at s[i] (i < n): its value, with its
 * bytes in *w; or -1 (*w then the bytes to step over, at least 1). */
static int digit_at(const char *s, size_t n, size_t i, size_t *w) {
  unsigned char c = (unsigned char)s[i];
  gunichar u;
  int v;
  *w = 1;
  if (c < 0x80)
    return is_digit((char)c) ? c - '0' : -1;
  if (c < 0xC2)
    return -1;                       /* a continuation byte or worse */
  u = g_utf8_get_char_validated(s + i, (gssize)(n - i));
  if (u == (gunichar)-1 || u == (gunichar)-2)
    return -1;
  v = g_unichar_digit_value(u);
  if (v >= 0)
    *w = (size_t)g_unichar_to_utf8(u, NULL);
  return v;
}

int zt_digit_at(const char *s, size_t n, size_t i, size_t *w) {
  return digit_at(s, n, i, w);
}

/* Is there a digit at s[i] (i may be n)? */
static bool digit_here(const char *s, size_t n, size_t i) {
  size_t w;
  return i < n && digit_at(s, n, i, &w) >= 0;
}

/* Does a digit end just before s[i]? */
static bool digit_before(const char *s, size_t n, size_t i) {
  for (size_t back = 1; back <= 4 && back <= i; back++) {
    size_t w;
    unsigned char c = (unsigned char)s[i - back];
    if ((c & 0xC0) == 0x80)
      continue;                      /* a continuation byte: further */
    return digit_at(s, n, i - back, &w) >= 0 && w == back;
  }
  return false;
}

/*
 * Separators between digit groups, by kind: a space, a dot or a dash, in
 * ASCII or as a spreadsheet, a web page or an input method writes them
 * (a no-break space for thousands, an en dash for a hyphen, full-width
 * forms). Groups joined by separators of one kind are one number; the
 * kinds never mix ("917 32-2721" is two numbers).
 */
enum { SEP_NONE = 0, SEP_SPACE, SEP_DOT, SEP_DASH };

static const struct {
  const char *bytes;   /* UTF-8 */
  int kind;
} seps[] = {
    {" ", SEP_SPACE},
    {".", SEP_DOT},
    {"-", SEP_DASH},
    {"\xc2\xa0", SEP_SPACE},       /* U+00A0 no-break space */
    {"\xe2\x80\x87", SEP_SPACE},   /* U+2007 figure space */
    {"\xe2\x80\x89", SEP_SPACE},   /* U+2009 thin space */
    {"\xe2\x80\xaf", SEP_SPACE},   /* U+202F narrow no-break space */
    {"\xe3\x80\x80", SEP_SPACE},   /* U+3000 ideographic space */
    {"\xe2\x80\x90", SEP_DASH},    /* U+2010 hyphen */
    {"\xe2\x80\x91", SEP_DASH},    /* U+2011 non-breaking hyphen */
    {"\xe2\x80\x92", SEP_DASH},    /* U+2012 figure dash */
    {"\xe2\x80\x93", SEP_DASH},    /* U+2013 en dash */
    {"\xef\xbc\x8d", SEP_DASH},    /* U+FF0D full-width hyphen-minus */
    {"\xef\xbc\x8e", SEP_DOT},     /* U+FF0E full-width full stop */
};

/* The kind of the separator that starts at s[i] (SEP_NONE when none, or
 * i == n), its bytes in *w. */
static int sep_at(const char *s, size_t n, size_t i, size_t *w) {
  unsigned char c = i < n ? (unsigned char)s[i] : 0;
  *w = 1;
  if (c != ' ' && c != '.' && c != '-' && c != 0xc2 && c != 0xe2 &&
      c != 0xe3 && c != 0xef)
    return SEP_NONE;                 /* the common case */
  for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
    size_t len = strlen(seps[k].bytes);
    if (len <= n - i && memcmp(s + i, seps[k].bytes, len) == 0) {
      *w = len;
      return seps[k].kind;
    }
  }
  return SEP_NONE;
}

/* The kind of a separator that ends just before s[i], its bytes in *w. */
static int sep_before(const char *s, size_t i, size_t *w) {
  for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
    size_t len = strlen(seps[k].bytes);
    if (len <= i && memcmp(s + i - len, seps[k].bytes, len) == 0) {
      *w = len;
      return seps[k].kind;
    }
  }
  return SEP_NONE;
}

/* o bytes of out, less a UTF-8 sequence that a cut left incomplete. */
static size_t whole_chars(const char *out, size_t o) {
  size_t k = o, need;
  unsigned char lead;
  while (k > 0 && o - k < 4 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
    k--;
  if (k == 0)
    return o;
  lead = (unsigned char)out[k - 1];
  need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return o - (k - 1) < need ? k - 1 : o;
}

/* Would these 8 digits be a BSN whose leading zero was lost (Excel)? */
static bool bsn_without_zero(const char *digits8) {
  char nine[9];
  nine[0] = '0';
  memcpy(nine + 1, digits8, 8);
  return zt_bsn_check(nine, 9) == ZT_R_NONE;
}

/*
 * A digit group is a run of digits, or digit runs joined by single
 * separators of one kind (space or dot, "917 322 721", "1234.56.789"; a
 * dash only joins a group of nine digits, since an 8-digit group with
 * dashes is a date; each kind in ASCII or in any form of seps[], a
 * no-break space, an en dash, ...). Masked: nine digits; eight digits
 * that are a BSN with its leading zero lost, standing free (no letter
 * next to them), so that provider codes (AGB, 8 digits) stay readable;
 * with ZT_MASK_LONG, also plain runs of ten or more digits.
 */
/* The nine digits (ASCII) of a BSN field's value, or false when it is
 * not nine digits of any script. */
static bool own_digits(const char *p, size_t n, char own[9]) {
  size_t i = 0, d = 0, w;
  while (i < n) {
    int v = digit_at(p, n, i, &w);
    if (v < 0 || d == 9)
      return false;
    own[d++] = (char)('0' + v);
    i += w;
  }
  return d == 9;
}

/* In a run of digits that is masked no other way, mask every occurrence
 * of the line's own BSN (`own`) as zt_bsn_mask would ("94*****77"), in
 * star[] by digit index. The run's digits are read from raw[i..j). */
static void mask_own_in_run(const char *raw, size_t n, size_t i, size_t j,
                            size_t d, const char own[9], bool *star) {
  char *dig = g_malloc(d);
  size_t k = 0, w;
  for (size_t x = i; x < j && k < d; x += w) {
    int v = digit_at(raw, n, x, &w);
    if (v >= 0)
      dig[k++] = (char)('0' + v);
  }
  for (size_t at = 0; at + 9 <= k; at++)
    if (memcmp(dig + at, own, 9) == 0)
      for (size_t m = 2; m < 7; m++)
        star[at + m] = true;
  g_free(dig);
}

static void mask_core(const char *raw, size_t n, const char *bsn_p,
                      size_t bsn_n, const char *own, unsigned flags,
                      char *out, size_t outsz) {
  size_t o = 0, i = 0, w;
  bool full = false;        /* out is full: what is left is cut off */
  /* the BSN field as offsets into raw (empty when there is none) */
  size_t bs = bsn_p && bsn_p >= raw && bsn_p <= raw + n
                  ? (size_t)(bsn_p - raw) : n;
  size_t be = bs < n ? bs + bsn_n : n;
  if (!outsz)
    return;
  while (i < n && o + 1 < outsz) {
    unsigned char c0 = (unsigned char)raw[i];
    bool in_bsn, *star;
    int dv;
    if (c0 >= 0x20 && c0 < 0x7f && !is_digit((char)c0) &&
        (i < bs || i >= be)) {
      out[o++] = (char)c0;          /* the common byte: as it is */
      i++;
      continue;
    }
    in_bsn = i >= bs && i < be;
    dv = digit_at(raw, n, i, &w);
    if (in_bsn && dv >= 0) {
      size_t run = 0, j = i;
      while (j < n && digit_at(raw, n, j, &w) >= 0) {
        run++;
        j += w;
      }
      for (size_t k = 0; k < run && !full; k++) {
        (void)digit_at(raw, n, i, &w);
        if (run >= 5 && (k < 2 || k >= run - 2)) {
          if (o + w >= outsz) {
            full = true;
            break;
          }
          memcpy(out + o, raw + i, w);
          o += w;
        } else {
          out[o++] = '*';           /* one star for a digit of any width */
        }
        full = full || o + 1 >= outsz;
        i += w;
      }
      if (full)
        break;                      /* cut: nothing after a cut group */
      i = j;
      continue;
    }
    if (dv >= 0) {
      size_t j = i, d = 0, runs = 0, sw;
      int sep = SEP_NONE, k;
      char digits[9];
      bool mask;
      for (;;) {                      /* one run, then maybe a separator */
        int v;
        while (j < n && (v = digit_at(raw, n, j, &w)) >= 0) {
          if (d < sizeof digits)
            digits[d] = (char)('0' + v);
          d++;
          j += w;
        }
        runs++;
        k = sep_at(raw, n, j, &sw);
        if (k != SEP_NONE && (sep == SEP_NONE || k == sep) &&
            digit_here(raw, n, j + sw)) {
          sep = k;
          j += sw;
          continue;
        }
        break;
      }
      if (runs > 1 && (d > 9 || (sep == SEP_DASH && d != 9))) {
        /* not a BSN-like group: take its first run alone */
        int v;
        j = i;
        d = 0;
        while (j < n && (v = digit_at(raw, n, j, &w)) >= 0) {
          if (d < sizeof digits)
            digits[d] = (char)('0' + v);
          d++;
          j += w;
        }
        runs = 1;
      }
      {
        bool free_standing =
            (i == 0 || !is_letter((unsigned char)raw[i - 1])) &&
            (j == n || !is_letter((unsigned char)raw[j]));
        mask = d == 9 ||
               (d == 8 && (flags & ZT_MASK_ALL8) && runs == 1) ||
               (d == 8 && free_standing && bsn_without_zero(digits)) ||
               (d >= 10 && runs == 1 && (flags & ZT_MASK_LONG));
      }
      star = NULL;
      if (!mask && own && d >= 10 && runs == 1) {
        /* the line's own BSN inside a longer run ("9173227210921") */
        star = g_malloc0(d);
        mask_own_in_run(raw, n, i, j, d, own, star);
      }
      for (size_t x = i, di = 0; x < j && !full; x += w) {
        bool digit = digit_at(raw, n, x, &w) >= 0;
        if (!digit)
          (void)sep_at(raw, n, x, &w);   /* a separator, whole */
        if (!digit || (star ? !star[di] : !mask || di < 2 || di >= d - 2)) {
          if (o + w >= outsz) {
            full = true;
            break;
          }
          memcpy(out + o, raw + x, w);
          o += w;
        } else {
          out[o++] = '*';
        }
        di += digit;
        full = full || o + 1 >= outsz;
      }
      g_free(star);
      if (full)
        break;
      i = j;
      continue;
    }
    if (in_bsn) {
      out[o++] = '*';
    } else {
      unsigned char c = (unsigned char)raw[i];
      if (c == 0xC2 && i + 1 < n && (unsigned char)raw[i + 1] >= 0x80 &&
          (unsigned char)raw[i + 1] <= 0x9F) {
        out[o++] = '?';              /* a C1 control: two bytes, one '?' */
        i += 2;
        continue;
      }
      out[o++] = (c == '\r' || c == '\n' || c == '\t') ? ' '
                 : (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    i++;
  }
  if (i < n)
    o = whole_chars(out, o);       /* cut: never half a character */
  out[o] = '\0';
}

void zt_mask_text(const char *raw, size_t n, const char *bsn_p, size_t bsn_n,
                  unsigned flags, char *out, size_t outsz) {
  char own[9];
  bool known = bsn_p && own_digits(bsn_p, bsn_n, own);
  mask_core(raw, n, bsn_p, bsn_n, known ? own : NULL, flags, out, outsz);
}

void zt_mask_line(const char *raw, size_t n, const char *bsn_p, size_t bsn_n,
                  char *out, size_t outsz) {
  zt_mask_text(raw, n, bsn_p, bsn_n, 0, out, outsz);
}

void zt_mask_line_of(const char *raw, size_t n, const char *bsn,
                     size_t bsn_n, char *out, size_t outsz) {
  char own[9];
  bool known = bsn && own_digits(bsn, bsn_n, own);
  mask_core(raw, n, NULL, 0, known ? own : NULL, 0, out, outsz);
}

/*
 * The child's own BSN in a text, in the forms a provider writes it:
 * nine digits, plain or in groups joined by single separators of one
 * kind (space, dot or dash: "100-00-0010", "100.000.022", each in any
 * form of seps[]), also inside a longer run; or, for a BSN with a
 * leading zero, the other eight digits standing free (no digit next to
 * them: "R12345672-1"), plain or in groups joined by spaces or dots.
 * Each span found is replaced by '~' and characters of the child's
 * pseudonym text, as many characters as the span. One
 * matcher for both callers, which know the child differently (its BSN at
 * ingest, only its pseudonym text in a stored row), so that both write
 * the same text.
 */

/* Does the BSN with these nine digits belong to the child? */
typedef zt_status (*own_test)(const void *ctx, const char nine[9],
                              bool *own);

/* Read `want` digits of s[0..n) from `i` on, digit runs joined by single
 * separators of one kind (a dash only when `dash`; see seps[]), into
 * `digits` (as ASCII digits, whatever digits the text has). Returns the
 * offset after the last digit, or 0 when there are fewer; *sep is the
 * kind of separator used, or SEP_NONE; *chars the characters read,
 * separators included. */
static size_t read_digits(const char *s, size_t n, size_t i, size_t want,
                          bool dash, char *digits, int *sep,
                          size_t *chars) {
  size_t d = 0, w;
  *sep = SEP_NONE;
  *chars = 0;
  while (i < n) {
    int v = digit_at(s, n, i, &w), k;
    if (v >= 0) {
      digits[d++] = (char)('0' + v);
      i += w;
      ++*chars;
      if (d == want)
        return i;
      continue;
    }
    k = sep_at(s, n, i, &w);
    if (d > 0 && k != SEP_NONE && (dash || k != SEP_DASH) &&
        (*sep == SEP_NONE || k == *sep) && digit_here(s, n, i + w)) {
      *sep = k;
      i += w;
      ++*chars;
      continue;
    }
    break;
  }
  return 0;
}

/* Eight digits in s[i..end) standing free: no digit next to them, and,
 * when they are grouped, no group of the same separator going on. */
static bool free_eight(const char *s, size_t n, size_t i, size_t end,
                       int sep) {
  size_t wb, wa;
  if (digit_before(s, n, i) || digit_here(s, n, end))
    return false;
  if (sep == SEP_NONE)
    return true;
  return !(sep_before(s, i, &wb) == sep && digit_before(s, n, i - wb)) &&
         !(sep_at(s, n, end, &wa) == sep && digit_here(s, n, end + wa));
}

/* Put '~' and the first chars - 1 characters of `text` in the place of
 * s[i..end), a span of `chars` characters: as many characters as the
 * span (fewer bytes, when its digits were wider than ASCII), so a field
 * limit that held still holds. Returns the offset after it. */
static size_t put_token(char *s, size_t i, size_t end, size_t chars,
                        const char *text) {
  s[i] = '~';
  memcpy(s + i + 1, text, chars - 1);
  if (i + chars < end)
    memmove(s + i + chars, s + end, strlen(s + end) + 1);
  return i + chars;
}

/* Replace every span of the child's BSN in `s` (see above) by '~' and
 * the first characters of `text`, the child's pseudonym text. */
static zt_status scrub_own(char *s, const char *text, own_test test,
                           const void *ctx, long *hits) {
  size_t i = 0, n = strlen(s);
  while (i < n) {
    char nine[9];
    int sep;
    size_t end, chars, w;
    bool own = false;
    zt_status st;
    if (digit_at(s, n, i, &w) < 0) {
      i += w;
      continue;
    }
    end = read_digits(s, n, i, 9, true, nine, &sep, &chars);
    if (end && (st = test(ctx, nine, &own)) != ZT_OK)
      return st;
    if (!own) {
      /* a BSN with a leading zero, written without it */
      nine[0] = '0';
      end = read_digits(s, n, i, 8, false, nine + 1, &sep, &chars);
      if (end && free_eight(s, n, i, end, sep) &&
          (st = test(ctx, nine, &own)) != ZT_OK)
        return st;
    }
    if (!own) {
      i += w;
      continue;
    }
    i = put_token(s, i, end, chars, text);
    n = strlen(s);
    (*hits)++;
  }
  return ZT_OK;
}

static zt_status own_by_bsn(const void *ctx, const char nine[9],
                            bool *own) {
  *own = memcmp(nine, ctx, 9) == 0;
  return ZT_OK;
}

bool zt_bsn_scrub(char *s, const char *bsn, const zt_pseudo *p) {
  char text[ZT_PSEUDO_TEXT];
  long hits = 0;
  zt_pseudo_text(p, text);
  (void)scrub_own(s, text, own_by_bsn, bsn, &hits); /* cannot fail */
  return hits > 0;
}

zt_status zt_bsn_scrub_any(zt_pseudonymizer *ps, char *s, long *hits) {
  size_t i = 0, n = strlen(s);
  while (i < n) {
    size_t j = i, w, d = 0;
    char nine[9];
    int v;
    if (digit_at(s, n, i, &w) < 0) {
      i += w;
      continue;
    }
    while (j < n && (v = digit_at(s, n, j, &w)) >= 0) {
      if (d < sizeof nine)
        nine[d] = (char)('0' + v);
      d++;
      j += w;
    }
    if (d == 9 && zt_bsn_check(nine, 9) == ZT_R_NONE) {
      zt_pseudo p;
      char text[ZT_PSEUDO_TEXT];
      zt_status st = zt_pseudo_of(ps, nine, 9, &p);
      if (st)
        return st;
      zt_pseudo_text(&p, text);
      j = put_token(s, i, j, 9, text);
      n = strlen(s);
      (*hits)++;
    }
    i = j;
  }
  return ZT_OK;
}

typedef struct own_pseudo {
  zt_pseudonymizer *ps;
  const char *client;   /* the child's pseudonym text */
} own_pseudo;

static zt_status own_by_pseudo(const void *ctx, const char nine[9],
                               bool *own) {
  const own_pseudo *o = ctx;
  zt_pseudo p;
  char text[ZT_PSEUDO_TEXT];
  zt_status st;
  *own = false;
  if (zt_bsn_check(nine, 9) != ZT_R_NONE)
    return ZT_OK;
  st = zt_pseudo_of(o->ps, nine, 9, &p);
  if (st)
    return st;
  zt_pseudo_text(&p, text);
  *own = strcmp(text, o->client) == 0;
  return ZT_OK;
}

zt_status zt_bsn_scrub_client(zt_pseudonymizer *ps, char *s,
                              const char *client, long *hits) {
  own_pseudo o = {ps, client};
  if (strlen(client) != ZT_PSEUDO_TEXT - 1)
    return ZT_OK;       /* not a pseudonym text: no BSN can be its own */
  return scrub_own(s, client, own_by_pseudo, &o, hits);
}

char *zt_mask_dup(const char *s) {
  size_t n = strlen(s);
  char *m = g_malloc(n + 1);
  zt_mask_line(s, n, NULL, 0, m, n + 1);
  return m;
}

static zt_status read_exact(int fd, void *p, size_t n) {
  unsigned char *b = p;
  while (n) {
    ssize_t k = read(fd, b, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return ZT_ERR_IO;
    b += k;
    n -= (size_t)k;
  }
  return ZT_OK;
}

zt_status zt_key_create(const char *path, bool *created, zt_err *err) {
  unsigned char key[ZT_KEY_BYTES];
  char hex[ZT_KEY_BYTES * 2 + 2];
  int fd;
  ssize_t w;
  *created = false;
  if (access(path, F_OK) == 0)
    return ZT_OK;
  if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key)
    return zt_fail(err, ZT_ERR_INTERNAL, "no random bytes for a new key: %s",
                   strerror(errno));
  for (size_t i = 0; i < sizeof key; i++) {
    static const char digits[] = "0123456789abcdef";
    hex[2 * i] = digits[key[i] >> 4];
    hex[2 * i + 1] = digits[key[i] & 15];
  }
  hex[2 * ZT_KEY_BYTES] = '\n';
  /* O_EXCL: never overwrite a key another process just made. */
  fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return zt_fail(err, errno == EEXIST ? ZT_OK : ZT_ERR_IO,
                   "cannot create key file %s: %s", path, strerror(errno));
  w = write(fd, hex, 2 * ZT_KEY_BYTES + 1);
  memset(key, 0, sizeof key);
  if (w != 2 * ZT_KEY_BYTES + 1 || fsync(fd) != 0) {
    close(fd);
    unlink(path);
    return zt_fail(err, ZT_ERR_IO, "cannot write key file %s", path);
  }
  close(fd);
  *created = true;
  return ZT_OK;
}

zt_status zt_pseudo_open_key(zt_pseudonymizer **out,
                             const unsigned char key[ZT_KEY_BYTES],
                             zt_err *err) {
  zt_pseudonymizer *ps = calloc(1, sizeof *ps);
  *out = NULL;
  if (!ps)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  ps->proto = g_hmac_new(G_CHECKSUM_SHA256, key, ZT_KEY_BYTES);
  zt_u64map_init(&ps->cache);
  *out = ps;
  return ZT_OK;
}

zt_status zt_pseudo_clone(zt_pseudonymizer **out,
                          const zt_pseudonymizer *ps, zt_err *err) {
  zt_pseudonymizer *c = calloc(1, sizeof *c);
  *out = NULL;
  if (!c)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  c->proto = g_hmac_copy(ps->proto);
  zt_u64map_init(&c->cache);
  *out = c;
  return ZT_OK;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

zt_status zt_pseudo_open(zt_pseudonymizer **out, const char *key_path,
                         zt_err *err) {
  char hex[ZT_KEY_BYTES * 2];
  unsigned char key[ZT_KEY_BYTES];
  struct stat sb;
  zt_status st;
  /* O_NONBLOCK: a FIFO in the key's place must not hang the run. */
  int fd = open(key_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  *out = NULL;
  if (fd < 0)
    return zt_fail(err, ZT_ERR_USAGE,
                   "cannot read key file %s: %s (run 'zothuis init' to "
                   "create one)", key_path, strerror(errno));
  if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
    close(fd);
    return zt_fail(err, ZT_ERR_USAGE,
                   "key file %s is not a regular file: restore the key file "
                   "from its backup", key_path);
  }
  st = read_exact(fd, hex, sizeof hex);
  if (st) {
    close(fd);
    return zt_fail(err, ZT_ERR_USAGE, "key file %s: too short", key_path);
  }
  for (size_t i = 0; i < ZT_KEY_BYTES; i++) {
    int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      close(fd);
      memset(key, 0, sizeof key);
      memset(hex, 0, sizeof hex);
      return zt_fail(err, ZT_ERR_USAGE, "key file %s: not a hex key",
                     key_path);
    }
    key[i] = (unsigned char)(hi << 4 | lo);
  }
  /* Never readable by everyone: take those bits away, only from a file
   * that is a key (a wrong --key-file keeps its mode). */
  if (sb.st_mode & 007) {
    if (fchmod(fd, sb.st_mode & 0770) == 0)
      zt_warn("pseudo", "key file %s was readable by others; its mode is "
              "now %03o", key_path, (unsigned)(sb.st_mode & 0770));
    else
      zt_warn("pseudo", "key file %s is readable by others; chmod o-rwx "
              "it", key_path);
  }
  close(fd);
  st = zt_pseudo_open_key(out, key, err);
  memset(key, 0, sizeof key);
  memset(hex, 0, sizeof hex);
  return st;
}

void zt_pseudo_key_id(const zt_pseudonymizer *ps, char out[33]) {
  static const char text[] = "zothuis key id v1";
  static const char hex[] = "0123456789abcdef";
  guint8 mac[32];
  gsize len = sizeof mac;
  GHmac *h = g_hmac_copy(ps->proto);
  g_hmac_update(h, (const guchar *)text, (gssize)(sizeof text - 1));
  g_hmac_get_digest(h, mac, &len);
  g_hmac_unref(h);
  for (size_t i = 0; i < 16; i++) {
    out[2 * i] = hex[mac[i] >> 4];
    out[2 * i + 1] = hex[mac[i] & 15];
  }
  out[32] = '\0';
}

void zt_pseudo_close(zt_pseudonymizer *ps) {
  if (!ps)
    return;
  g_hmac_unref(ps->proto);
  /* The cache is keyed by BSN: wipe it before giving memory back. */
  if (ps->cache.keys)
    memset(ps->cache.keys, 0, ps->cache.cap * sizeof *ps->cache.keys);
  zt_u64map_free(&ps->cache);
  free(ps->seen);
  free(ps);
}

zt_status zt_pseudo_of(zt_pseudonymizer *ps, const char *bsn, size_t n,
                       zt_pseudo *out) {
  uint64_t num = 0, idx;
  guint8 mac[32];
  gsize len = sizeof mac;
  GHmac *h;
  zt_status st;
  for (size_t i = 0; i < n; i++)
    num = num * 10 + (uint64_t)(bsn[i] - '0');
  if (zt_u64map_get(&ps->cache, num, &idx)) {
    *out = ps->seen[idx];
    return ZT_OK;
  }
  h = g_hmac_copy(ps->proto);
  g_hmac_update(h, (const guchar *)bsn, (gssize)n);
  g_hmac_get_digest(h, mac, &len);
  g_hmac_unref(h);
  memcpy(out->b, mac, sizeof out->b);
  if (ps->nseen == ps->cap) {
    size_t cap = ps->cap ? ps->cap * 2 : 1024;
    zt_pseudo *p = realloc(ps->seen, cap * sizeof *p);
    if (!p)
      return ZT_ERR_NOMEM;
    ps->seen = p;
    ps->cap = cap;
  }
  ps->seen[ps->nseen] = *out;
  st = zt_u64map_put(&ps->cache, num, ps->nseen);
  if (st)
    return st;
  ps->nseen++;
  return ZT_OK;
}

bool zt_number_bsn_shaped(int64_t nr, bool *own_only) {
  /* the digits of the number itself: no text per line */
  int d[9];
  int64_t v = nr;
  if (nr < 10000000 || nr > 999999999)
    return false;
  for (int i = 8; i >= 0; i--, v /= 10)
    d[i] = (int)(v % 10);
  *own_only = nr < 100000000;
  return elfproef(d);
}

zt_status zt_number_token(zt_pseudonymizer *ps, int64_t nr, int64_t *tok,
                          zt_pseudo *pseudo) {
  char d[24];
  uint64_t v = 0;
  zt_status st;
  if (nr < 0 || nr > 999999999)
    return ZT_ERR_USAGE;        /* no LDT_Nummer */
  snprintf(d, sizeof d, "%09lld", (long long)nr);
  st = zt_pseudo_of(ps, d, 9, pseudo);
  if (st)
    return st;
  for (size_t i = 0; i < 8; i++)
    v = v << 8 | pseudo->b[i];
  *tok = ZT_TOKEN_MIN + (int64_t)(v % (uint64_t)ZT_TOKEN_SPAN);
  return ZT_OK;
}

zt_status zt_number_scrub(zt_pseudonymizer *ps, int64_t *nr,
                          const zt_pseudo *client, bool *hit) {
  bool own_only;
  zt_pseudo p;
  int64_t tok;
  zt_status st;
  *hit = false;
  if (!zt_number_bsn_shaped(*nr, &own_only))
    return ZT_OK;
  st = zt_number_token(ps, *nr, &tok, &p);
  if (st)
    return st;
  if (own_only && (!client || memcmp(p.b, client->b, sizeof p.b) != 0))
    return ZT_OK;
  *nr = tok;
  *hit = true;
  return ZT_OK;
}

void zt_pseudo_text(const zt_pseudo *p, char out[ZT_PSEUDO_TEXT]) {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  uint32_t acc = 0;
  int bits = 0;
  size_t o = 0;
  for (size_t i = 0; i < sizeof p->b; i++) {
    acc = acc << 8 | p->b[i];
    bits += 8;
    while (bits >= 5) {
      out[o++] = alphabet[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0)
    out[o++] = alphabet[(acc << (5 - bits)) & 31];
  out[o] = '\0';
}
