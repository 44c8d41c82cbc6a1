/*
 * etl/narrative.c -- the policy officer's steering text (narrative.h):
 * bounded, UTF-8 checked, headings, paragraphs, bullets and *emphasis*,
 * everything else kept as plain text.
 */
#include "etl/narrative.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

static const char *const part_names[ZT_NARR_NPARTS] = {"Duiding",
                                                       "Besluitpunten"};

int zt_narr_part_from_name(const char *name) {
  for (int i = 0; i < ZT_NARR_NPARTS; i++)
    if (g_ascii_strcasecmp(name, part_names[i]) == 0)
      return i;
  return -1;
}

typedef struct pstate {
  zt_narrative *n;
  const char *name;
  zt_err *err;
  int part;                 /* -1 before the first heading */
  bool seen[ZT_NARR_NPARTS];
  GString *item;            /* the paragraph or bullet being read */
  bool open, bullet;
  long item_line;
} pstate;

static void add_span(GArray *spans, const char *s, size_t len, bool em) {
  zt_narr_span sp;
  if (len == 0)
    return;
  if (!em && spans->len > 0 &&
      !g_array_index(spans, zt_narr_span, spans->len - 1).em) {
    zt_narr_span *last = &g_array_index(spans, zt_narr_span, spans->len - 1);
    char *joined = g_strdup_printf("%s%.*s", last->text, (int)len, s);
    g_free(last->text);
    last->text = joined;
    return;
  }
  sp.text = g_strndup(s, len);
  sp.em = em;
  g_array_append_val(spans, sp);
}

/* Split text into spans: "*word*" is emphasis when the opening star is
 * followed and the closing star preceded by a non-blank; any other star
 * is text. */
static void split_emphasis(const char *s, GArray *spans) {
  size_t n = strlen(s), start = 0, i = 0;
  while (i < n) {
    if (s[i] == '*' && i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '*') {
      size_t j = i + 1;
      while (j < n && !(s[j] == '*' && s[j - 1] != ' '))
        j++;
      if (j < n) {
        add_span(spans, s + start, i - start, false);
        add_span(spans, s + i + 1, j - i - 1, true);
        i = start = j + 1;
        continue;
      }
    }
    i++;
  }
  add_span(spans, s + start, n - start, false);
}

static zt_status flush(pstate *p) {
  zt_narr_part *part;
  zt_narr_item *it;
  GArray *spans;
  char *text;
  if (!p->open)
    return ZT_OK;
  p->open = false;
  text = g_strstrip(g_strdup(p->item->str));
  g_string_truncate(p->item, 0);
  if (!*text) {
    g_free(text);
    return ZT_OK;
  }
  part = &p->n->part[p->part];
  if (part->n >= ZT_NARR_MAX_ITEMS) {
    g_free(text);
    return zt_fail(p->err, ZT_ERR_NOMEM,
                   "%s:%ld: more than %d paragraphs and bullets under "
                   "'# %s'", p->name, p->item_line, ZT_NARR_MAX_ITEMS,
                   part_names[p->part]);
  }
  part->items = g_renew(zt_narr_item, part->items, part->n + 1);
  it = &part->items[part->n++];
  spans = g_array_new(FALSE, FALSE, sizeof(zt_narr_span));
  split_emphasis(text, spans);
  g_free(text);
  it->bullet = p->bullet;
  it->nspans = spans->len;
  it->spans = (zt_narr_span *)(void *)g_array_free(spans, FALSE);
  return ZT_OK;
}

/* Append a line's text to the open item, blanks collapsed. */
static void append(pstate *p, const char *s) {
  bool sp = p->item->len > 0;
  for (; *s; s++) {
    if (*s == ' ' || *s == '\t') {
      sp = p->item->len > 0;
      continue;
    }
    if (sp)
      g_string_append_c(p->item, ' ');
    sp = false;
    g_string_append_c(p->item, *s);
  }
}

/* A character no steering text needs and some attacks use: C0 and C1
 * controls (except tab) and the bidirectional overrides. */
static bool bad_char(gunichar c) {
  return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static zt_status line(pstate *p, char *s, long ln) {
  size_t len = strlen(s);
  zt_status st;
  while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
                     s[len - 1] == '\r'))
    s[--len] = '\0';
  for (const char *q = s; *q; q += g_utf8_skip[*(const guchar *)q])
    if (bad_char(g_utf8_get_char(q)))
      return zt_fail(p->err, ZT_ERR_INPUT,
                     "%s:%ld: control character U+%04X (expected plain "
                     "text)", p->name, ln, (unsigned)g_utf8_get_char(q));
  if (s[0] == '#') {
    const char *h = s;
    int part;
    if ((st = flush(p)))
      return st;
    while (*h == '#')
      h++;
    while (*h == ' ' || *h == '\t')
      h++;
    part = zt_narr_part_from_name(h);
    if (part < 0)
      return zt_fail(p->err, ZT_ERR_INPUT,
                     "%s:%ld: unknown heading '%.60s' (expected '# Duiding' "
                     "or '# Besluitpunten')", p->name, ln, s);
    if (p->seen[part])
      return zt_fail(p->err, ZT_ERR_INPUT,
                     "%s:%ld: second heading '# %s' (expected each "
                     "heading once)", p->name, ln, part_names[part]);
    p->seen[part] = true;
    p->part = part;
    return ZT_OK;
  }
  if (len == 0)
    return flush(p);
  if (p->part < 0)
    return zt_fail(p->err, ZT_ERR_INPUT,
                   "%s:%ld: text before the first heading (expected "
                   "'# Duiding')", p->name, ln);
  if (s[0] == '-' && (s[1] == ' ' || s[1] == '\t')) {
    if ((st = flush(p)))
      return st;
    p->open = true;
    p->bullet = true;
    p->item_line = ln;
    append(p, s + 2);
    return ZT_OK;
  }
  if (!p->open) {
    p->open = true;
    p->bullet = false;
    p->item_line = ln;
  }
  append(p, s);
  return ZT_OK;
}

zt_status zt_narrative_parse(const char *text, size_t len, const char *name,
                             zt_narrative **out, zt_err *err) {
  pstate p;
  const char *end;
  zt_status st = ZT_OK;
  char *copy, *cur;
  long ln = 0;
  *out = NULL;
  if (len > ZT_NARR_MAX_BYTES)
    return zt_fail(err, ZT_ERR_NOMEM,
                   "%s: %zu bytes (expected at most %u: a steering text "
                   "is a page, not a document)", name, len,
                   ZT_NARR_MAX_BYTES);
  if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
    text += 3;
    len -= 3;
  }
  if (!g_utf8_validate(text, (gssize)len, &end)) {
    long bad = 1;
    for (const char *q = text; q < end; q++)
      bad += *q == '\n';
    return zt_fail(err, ZT_ERR_INPUT,
                   "%s:%ld: not UTF-8 text (save the file as UTF-8)", name,
                   bad);
  }
  memset(&p, 0, sizeof p);
  p.n = g_new0(zt_narrative, 1);
  p.name = name;
  p.err = err;
  p.part = -1;
  p.item = g_string_new(NULL);
  copy = g_strndup(text, len);
  cur = copy;
  while (!st && cur) {
    char *nl = strchr(cur, '\n');
    if (nl)
      *nl = '\0';
    st = line(&p, cur, ++ln);
    cur = nl ? nl + 1 : NULL;
  }
  if (!st)
    st = flush(&p);
  if (!st && p.n->part[ZT_NARR_DUIDING].n == 0)
    st = zt_fail(err, ZT_ERR_INPUT,
                 "%s: no text under '# Duiding' (expected a heading "
                 "'# Duiding' followed by at least one paragraph)", name);
  g_free(copy);
  g_string_free(p.item, TRUE);
  if (st) {
    zt_narrative_free(p.n);
    return st;
  }
  *out = p.n;
  return ZT_OK;
}

zt_status zt_narrative_load(const char *path, zt_narrative **out,
                            zt_err *err) {
  FILE *fp;
  char *buf;
  size_t n;
  zt_status st;
  *out = NULL;
  fp = fopen(path, "rb");
  if (!fp) {
    if (errno == ENOENT)
      return ZT_OK;
    return zt_fail(err, ZT_ERR_IO, "%s: %s", path, strerror(errno));
  }
  /* one byte more than allowed tells a file that is too large */
  buf = g_malloc(ZT_NARR_MAX_BYTES + 1);
  n = fread(buf, 1, ZT_NARR_MAX_BYTES + 1, fp);
  if (ferror(fp)) {
    st = zt_fail(err, ZT_ERR_IO, "%s: read error", path);
  } else {
    st = zt_narrative_parse(buf, n, path, out, err);
  }
  fclose(fp);
  g_free(buf);
  return st;
}

void zt_narrative_free(zt_narrative *n) {
  if (!n)
    return;
  for (int k = 0; k < ZT_NARR_NPARTS; k++) {
    for (size_t i = 0; i < n->part[k].n; i++) {
      for (size_t j = 0; j < n->part[k].items[i].nspans; j++)
        g_free(n->part[k].items[i].spans[j].text);
      g_free(n->part[k].items[i].spans);
    }
    g_free(n->part[k].items);
  }
  g_free(n);
}

char *zt_narr_item_plain(const zt_narr_item *it) {
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < it->nspans; i++)
    g_string_append(s, it->spans[i].text);
  return g_string_free(s, FALSE);
}
