/*
 * render/hyph.c -- soft hyphens from libhyphen's Dutch patterns (hyph.h).
 * The pattern file is ISO 8859-1, so each word is converted to lower-case
 * Latin-1 for the lookup and the breaks are mapped back onto the UTF-8.
 */
#include "render/hyph.h"

#include <hyphen.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MIN_WORD 6
#define MAX_WORD 64

struct zt_hyph {
  HyphenDict *dict;
};

zt_status zt_hyph_open(const char *dic, zt_hyph **out, zt_err *err) {
  zt_hyph *h;
  *out = NULL;
  if (!dic)
    dic = ZT_HYPH_NL_DIC;
  h = calloc(1, sizeof *h);
  if (!h)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  h->dict = hnj_hyphen_load(dic);
  if (!h->dict) {
    free(h);
    return zt_fail(err, ZT_ERR_IO,
                   "%s: cannot load the hyphenation patterns (install "
                   "hyphen-nl)", dic);
  }
  *out = h;
  return ZT_OK;
}

void zt_hyph_close(zt_hyph *h) {
  if (!h)
    return;
  hnj_hyphen_free(h->dict);
  free(h);
}

/* Decode one UTF-8 character at s; returns its length (0 at the end) and
 * the code point in *cp (0xfffd when malformed). */
static size_t utf8_next(const unsigned char *s, unsigned *cp) {
  if (!s[0])
    return 0;
  if (s[0] < 0x80) {
    *cp = s[0];
    return 1;
  }
  if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
    *cp = ((unsigned)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
    return 2;
  }
  if ((s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
      (s[2] & 0xc0) == 0x80) {
    *cp = ((unsigned)(s[0] & 0x0f) << 12) | ((unsigned)(s[1] & 0x3f) << 6) |
          (s[2] & 0x3f);
    return 3;
  }
  if ((s[0] & 0xf8) == 0xf0 && (s[1] & 0xc0) == 0x80 &&
      (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80) {
    *cp = 0x10000;
    return 4;
  }
  *cp = 0xfffd;
  return 1;
}

/* A letter the Latin-1 patterns know (ASCII or Latin-1 letters). */
static bool is_letter(unsigned cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         (cp >= 0xc0 && cp <= 0xff && cp != 0xd7 && cp != 0xf7);
}

/* An upper-case letter (ASCII or Latin-1): a word starting with one is a
 * name or starts a sentence and is never split. */
static bool is_upper(unsigned cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde &&
                                      cp != 0xd7);
}

static bool is_wordish(unsigned cp) {
  /* letters of any script and digits stop a word from being split */
  return is_letter(cp) || (cp >= '0' && cp <= '9') || cp > 0xff;
}

static unsigned char lower_latin1(unsigned cp) {
  if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde && cp != 0xd7))
    cp += 0x20;
  return (unsigned char)cp;
}

/* Hyphenate one word of n letters (UTF-8 bytes s..e) into out. */
static zt_status word(zt_hyph *h, const char *s, const char *e, size_t n,
                      zt_buf *out) {
  char lat[MAX_WORD + 1], hy[MAX_WORD + 5];
  size_t offs[MAX_WORD + 1];
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  const unsigned char *p = (const unsigned char *)s;
  zt_status st = ZT_OK;
  size_t k = 0, prev = 0;
  if (n < MIN_WORD || n > MAX_WORD)
    return zt_buf_append(out, s, (size_t)(e - s));
  while ((const char *)p < e && k < n) {
    unsigned cp;
    size_t len = utf8_next(p, &cp);
    offs[k] = (size_t)((const char *)p - s);
    lat[k++] = (char)lower_latin1(cp);
    p += len;
  }
  offs[k] = (size_t)(e - s);
  lat[k] = '\0';
  memset(hy, 0, sizeof hy);
  if (hnj_hyphen_hyphenate3(h->dict, lat, (int)k, hy, NULL, &rep, &pos,
                            &cut, 2, 2, 2, 2) != 0)
    return zt_buf_append(out, s, (size_t)(e - s));
  for (size_t i = 0; i + 1 < k && st == ZT_OK; i++) {
    if (!(hy[i] & 1) || (rep && rep[i]))
      continue;
    st = zt_buf_append(out, s + prev, offs[i + 1] - prev);
    if (st == ZT_OK)
      st = zt_buf_append(out, "\xc2\xad", 2);
    prev = offs[i + 1];
  }
  if (st == ZT_OK)
    st = zt_buf_append(out, s + prev, (size_t)(e - s) - prev);
  if (rep) {
    for (size_t i = 0; i < k; i++)
      free(rep[i]);
    free(rep);
  }
  free(pos);
  free(cut);
  return st;
}

zt_status zt_hyph_text(zt_hyph *h, const char *utf8, zt_buf *out) {
  const unsigned char *p = (const unsigned char *)utf8;
  zt_status st = ZT_OK;
  while (*p && st == ZT_OK) {
    unsigned cp;
    size_t len = utf8_next(p, &cp);
    if (!is_wordish(cp)) {
      st = zt_buf_append(out, (const char *)p, len);
      p += len;
      continue;
    }
    /* a run of word characters */
    {
      const unsigned char *start = p;
      size_t n = 0;
      bool letters = !is_upper(cp);   /* capitalised: a name, kept whole */
      while (*p) {
        len = utf8_next(p, &cp);
        if (!is_wordish(cp))
          break;
        if (!is_letter(cp))
          letters = false;
        n++;
        p += len;
      }
      if (letters)
        st = word(h, (const char *)start, (const char *)p, n, out);
      else
        st = zt_buf_append(out, (const char *)start, (size_t)(p - start));
    }
  }
  return st;
}
