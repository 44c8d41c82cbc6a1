/*
 * etl/csvread.c -- the CSV reader: header, layout, rows and rejects (see
 * csvread.h).
 *
 * The header is split once per candidate delimiter (the tokenizer's
 * zt_csv_resplit) and each split is decoded and folded into keys; layout
 * decisions compare keys only. After the header the per-line work is: one
 * word-at-a-time ASCII check of the line, a field count check, and
 * copying slices into the canonical order -- text is converted only on
 * lines with non-ASCII bytes.
 */
#include "etl/csvread.h"

#include <glib.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "etl/csv.h"
#include "etl/csvmap.h"
#include "etl/encoding.h"
#include "etl/mask.h"
#include "etl/pseudo.h"

#define NAME_SHOW 40                /* bytes of a column name in messages */

/* The header split with one delimiter. */
typedef struct hsplit {
  char delim;
  int n;
  zt_csv_error error;
  char **name;                      /* decoded and trimmed, as written */
  char **key;                       /* zt_csv_name_key() */
} hsplit;

typedef struct reader {
  zt_source *src;
  const char *path;
  zt_rowsink *sink;
  zt_kind want;
  zt_csv *csv;
  zt_csvmap *map;
  const zt_csvmap_section *sec;     /* the mapping section used, or NULL */
  zt_kind kind;
  const zt_kind_layout *lay;
  zt_decoder dec;
  bool bom;
  zt_dec_result hdr_dec;
  zt_value_fmt fmt;
  hsplit splits[4];
  int nsplits;
  const hsplit *hdr;                /* the split the layout uses */
  long hdr_line;
  int col[ZT_MAX_FIELDS];           /* header column per field, or -1 */
  zt_slice cst[ZT_MAX_FIELDS];      /* constants (p NULL: none) */
  zt_kind passed_over;              /* a kind with more of its columns
                                       in the header, which lacks some
                                       of its required ones, or AUTO */
  int *canon_of_col;                /* field per header column, or -1 */
  char **show;                      /* column names for messages */
  zt_slice out[ZT_MAX_FIELDS];
  zt_slice *conv_f;                 /* converted fields of a line */
  char *conv;                       /* their text, and the line's */
  size_t convcap;
} reader;

/* The pull function for the tokenizer: zt_source_next without the first
 * `skip` bytes (a BOM). */
typedef struct pull_ctx {
  zt_source *src;
  size_t skip;
} pull_ctx;

static zt_status pull_skip(void *ctx, const char **p, size_t *n,
                           zt_err *err) {
  pull_ctx *pc = ctx;
  for (;;) {
    zt_status st = zt_source_next(pc->src, p, n, err);
    size_t k;
    if (st || *n == 0 || pc->skip == 0)
      return st;
    k = pc->skip < *n ? pc->skip : *n;
    pc->skip -= k;
    *p += k;
    *n -= k;
    if (*n)
      return ZT_OK;
  }
}

/* Copy a name for messages: every run of 8 or more digits masked like a
 * BSN ("12*****82") -- a "header" may really be a line of data -- and
 * every run of 16 or more hexadecimal digits, and only then cut to at
 * most NAME_SHOW bytes on a character boundary, so that no cut can leave
 * part of a number unmasked. */
static char *show_name(const char *s) {
  char *m = zt_mask_secret_dup(s);
  size_t k = strlen(m);        /* masking may shorten the text */
  if (k > NAME_SHOW) {
    k = NAME_SHOW;
    while (k > 0 && ((unsigned char)m[k] & 0xC0) == 0x80)
      k--;
    m[k] = '\0';
    {
      char *r = g_strconcat(m, "...", NULL);
      g_free(m);
      return r;
    }
  }
  return m;
}

static void split_free(hsplit *h) {
  for (int i = 0; i < h->n; i++) {
    g_free(h->name[i]);
    g_free(h->key[i]);
  }
  g_free(h->name);
  g_free(h->key);
}

/* Decode, trim and fold the fields of a header record. */
static void split_fill(reader *rd, hsplit *h, char d,
                       const zt_csv_rec *rec) {
  h->delim = d;
  h->n = rec->nf;
  h->error = rec->error;
  h->name = g_new0(char *, (gsize)h->n + 1);
  h->key = g_new0(char *, (gsize)h->n + 1);
  for (int i = 0; i < h->n; i++) {
    const char *s = rec->f[i].p;
    size_t n = rec->f[i].n;
    char *tmp = NULL;
    if (rd->hdr_dec == ZT_DEC_CP1252) {
      tmp = g_malloc(ZT_UTF8_ROOM(n) + 1);
      n = zt_cp1252_to_utf8(s, n, tmp);
      s = tmp;
    }
    h->key[i] = zt_csv_name_key(s, n);
    zt_trim(&s, &n);
    if (zt_bom_len(s, n)) {
      s += 3;
      n -= 3;
    }
    h->name[i] = g_strndup(s, n);
    g_free(tmp);
  }
}

/* The header split with delimiter d (made on first use). */
static const hsplit *split_get(reader *rd, const zt_csv_rec *hrec, char d) {
  zt_csv_rec t = *hrec;
  hsplit *h;
  for (int i = 0; i < rd->nsplits; i++)
    if (rd->splits[i].delim == d)
      return &rd->splits[i];
  if (rd->nsplits == (int)(sizeof rd->splits / sizeof rd->splits[0]))
    return &rd->splits[0];          /* cannot happen: 4 delimiters */
  h = &rd->splits[rd->nsplits++];
  zt_csv_resplit(rd->csv, d, &t);
  split_fill(rd, h, d, &t);
  return h;
}

/* Column of `key` in the split, or -1; *count is how often it occurs. */
static int find_col(const hsplit *h, const char *key, int *count) {
  int at = -1, k = 0;
  for (int i = 0; i < h->n; i++)
    if (strcmp(h->key[i], key) == 0) {
      if (at < 0)
        at = i;
      k++;
    }
  if (count)
    *count = k;
  return at;
}

/* How many of a kind's columns the split has. */
static void kind_score(const hsplit *h, const zt_kind_layout *lay,
                       int *present, int *req_present, int *req_total) {
  *present = *req_present = *req_total = 0;
  for (int i = 0; i < lay->nfields; i++) {
    bool has = find_col(h, lay->names[i], NULL) >= 0;
    *present += has;
    if (!lay->optional[i]) {
      (*req_total)++;
      *req_present += has;
    }
  }
}

/* Is `key` a column of layout `lay`? */
static bool layout_has(const zt_kind_layout *lay, const char *key) {
  for (int f = 0; lay && f < lay->nfields; f++)
    if (strcmp(lay->names[f], key) == 0)
      return true;
  return false;
}

/* Is `key` a column of some kind's canonical layout? */
static bool canonical_name(const char *key) {
  for (int k = ZT_KIND_AUTO + 1; k < ZT_KIND_COUNT; k++)
    if (layout_has(zt_kind_layout_of((zt_kind)k), key))
      return true;
  return false;
}

/* The header fits `best` completely, but has more columns of `closer`.
 * Is it `best` with one more column, of another kind (a startzorg file
 * with an einddatum)? Only when that is its one column outside `best`,
 * and it has fewer names that no kind knows (each could be a misspelled
 * column) than `closer` lacks required columns: else it may be a
 * `closer` file with a column misspelled, and is not guessed at. */
static bool one_extra_column(const hsplit *h, const zt_kind_layout *best,
                             const zt_kind_layout *closer) {
  int other = 0, unknown = 0, present, reqp, reqt;
  for (int i = 0; i < h->n; i++) {
    if (h->key[i][0] == '\0' || layout_has(best, h->key[i]))
      continue;
    if (canonical_name(h->key[i]))
      other++;
    else
      unknown++;
  }
  kind_score(h, closer, &present, &reqp, &reqt);
  return other == 1 && unknown < reqt - reqp;
}

static zt_status file_fail(reader *rd, zt_reason *why, zt_reason r,
                           zt_err *err, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static zt_status file_fail(reader *rd, zt_reason *why, zt_reason r,
                           zt_err *err, const char *fmt, ...) {
  char msg[ZT_ERR_MSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  *why = r;
  zt_fail(err, ZT_ERR_INPUT, "%s: %s", rd->path, msg);
  if (err) {                 /* a cut message must not end mid-character */
    size_t n = strlen(err->msg), k = n;
    while (k > 0 && n - k < 4 && ((unsigned char)err->msg[k - 1] & 0xC0) ==
                                     0x80)
      k--;
    if (k > 0 && (unsigned char)err->msg[k - 1] >= 0xC0 &&
        zt_utf8_seq(err->msg + k - 1, n - k + 1) == 0)
      err->msg[k - 1] = '\0';
  }
  return ZT_ERR_INPUT;
}

/* The "unknown layout" message: columns found, columns expected for
 * `closest`, and which of those are missing; `fits` (not AUTO): a kind
 * whose columns are all there, not guessed at. */
static zt_status layout_unknown(reader *rd, const hsplit *h,
                                zt_kind closest, zt_kind fits,
                                zt_reason *why, zt_err *err) {
  const zt_kind_layout *lay = zt_kind_layout_of(closest);
  zt_buf b;
  zt_status st;
  int shown = 0, missing = 0;
  zt_buf_init(&b, 8192);
  zt_buf_printf(&b, "line %ld: unknown CSV layout; columns found:",
                rd->hdr_line);
  for (int i = 0; i < h->n && shown < 16; i++) {
    char *s;
    if (h->name[i][0] == '\0')
      continue;
    s = show_name(h->name[i]);
    zt_buf_printf(&b, "%s %s", shown ? "," : "", s);
    g_free(s);
    shown++;
  }
  if (shown == 0)
    zt_buf_puts(&b, " (none)");
  else if (shown < h->n)
    zt_buf_puts(&b, " ...");
  zt_buf_printf(&b, "; expected for %s:", zt_kind_name(closest));
  for (int i = 0; i < lay->nfields; i++)
    zt_buf_printf(&b, "%s %s%s", i ? "," : "", lay->names[i],
                  lay->optional[i] ? " (optional)" : "");
  zt_buf_puts(&b, "; missing:");
  for (int i = 0; i < lay->nfields; i++)
    if (!lay->optional[i] && find_col(h, lay->names[i], NULL) < 0)
      zt_buf_printf(&b, "%s %s", missing++ ? "," : "", lay->names[i]);
  if (missing == 0)
    zt_buf_puts(&b, " (none, but the header fits another kind better)");
  if (fits != ZT_KIND_AUTO && fits != closest)
    zt_buf_printf(&b, "; it has every column of %s as well, but more of "
                  "%s, so it is not guessed at (add or correct the "
                  "missing column, or give --kind %s)",
                  zt_kind_name(fits), zt_kind_name(closest),
                  zt_kind_name(fits));
  if (rd->map)
    zt_buf_printf(&b, "; no section of mapping %s matches", rd->map->path);
  st = file_fail(rd, why, ZT_R_LAYOUT_UNKNOWN, err, "%s", zt_buf_str(&b));
  zt_buf_free(&b);
  return st;
}

/* Is every `match` column of the section in the split? */
static bool section_matches(const zt_csvmap_section *s, const hsplit *h) {
  for (int i = 0; i < s->nmatch; i++)
    if (find_col(h, s->match_key[i], NULL) < 0)
      return false;
  return true;
}

/* Score a split: how many of its names some layout or mapping knows. */
static int known_names(const reader *rd, const hsplit *h) {
  int score = 0;
  for (int i = 0; i < h->n; i++) {
    const char *k = h->key[i];
    bool known = false;
    for (int kind = ZT_KIND_AUTO + 1; kind < ZT_KIND_COUNT && !known;
         kind++) {
      const zt_kind_layout *lay = zt_kind_layout_of((zt_kind)kind);
      for (int f = 0; lay && f < lay->nfields && !known; f++)
        known = strcmp(lay->names[f], k) == 0;
    }
    for (int s = 0; rd->map && s < rd->map->nsections && !known; s++) {
      const zt_csvmap_section *sec = &rd->map->sections[s];
      for (int m = 0; m < sec->nmatch && !known; m++)
        known = strcmp(sec->match_key[m], k) == 0;
      for (int f = 0; f < ZT_MAX_FIELDS && !known; f++)
        known = sec->column_key[f] && strcmp(sec->column_key[f], k) == 0;
    }
    score += known;
  }
  return score;
}

/* A file of a canonical layout with columns it does not read: one
 * warning names them (a misspelled optional column, such as
 * "toewijzingsnummer", would otherwise be lost unseen). A mapping's
 * export has columns nobody asked for by nature: no warning. */
static void warn_unread(reader *rd) {
  zt_buf b;
  int n = 0, first = -1;
  if (!rd->sink->warn)
    return;
  zt_buf_init(&b, 4096);
  for (int j = 0; j < rd->hdr->n; j++)
    if (rd->canon_of_col[j] < 0 && rd->hdr->name[j][0] != '\0') {
      if (first < 0)
        first = j;
      n++;
    }
  if (n == 1) {
    zt_buf_printf(&b, "line %ld: column '%s' is not read (%s has no such "
                  "column)", rd->hdr_line, rd->show[first],
                  zt_kind_name(rd->kind));
  } else if (n > 1) {
    int shown = 0;
    zt_buf_printf(&b, "line %ld: %d columns are not read (%s has no such "
                  "columns):", rd->hdr_line, n, zt_kind_name(rd->kind));
    for (int j = first; j < rd->hdr->n && shown < 8; j++)
      if (rd->canon_of_col[j] < 0 && rd->hdr->name[j][0] != '\0')
        zt_buf_printf(&b, "%s '%s'", shown++ ? "," : "", rd->show[j]);
    if (n > shown)
      zt_buf_printf(&b, " and %d more", n - shown);
  }
  if (n && rd->passed_over != ZT_KIND_AUTO) {
    const zt_kind_layout *lay = zt_kind_layout_of(rd->passed_over);
    int m = 0;
    zt_buf_printf(&b, "; the header has more columns of %s, but not its",
                  zt_kind_name(rd->passed_over));
    for (int i = 0; i < lay->nfields; i++)
      if (!lay->optional[i] && find_col(rd->hdr, lay->names[i], NULL) < 0)
        zt_buf_printf(&b, "%s %s", m++ ? "," : "", lay->names[i]);
    zt_buf_printf(&b, ": read as %s", zt_kind_name(rd->kind));
  }
  if (n)
    rd->sink->warn(rd->sink->ctx, zt_buf_str(&b));
  zt_buf_free(&b);
}

/* Decide the delimiter, the kind and the column of every field. */
static zt_status decide_layout(reader *rd, zt_csv_rec *hrec,
                               zt_reason *why, zt_err *err) {
  const hsplit *semi = split_get(rd, hrec, ';');
  const hsplit *comma = split_get(rd, hrec, ',');
  const hsplit *h;
  char detected = known_names(rd, comma) > known_names(rd, semi) ? ',' : ';';

  rd->sec = NULL;
  rd->passed_over = ZT_KIND_AUTO;
  h = detected == ',' ? comma : semi;
  for (int s = 0; rd->map && s < rd->map->nsections; s++) {
    const zt_csvmap_section *sec = &rd->map->sections[s];
    const hsplit *hs;
    if (rd->want != ZT_KIND_AUTO && sec->kind != rd->want)
      continue;
    hs = split_get(rd, hrec, sec->delim ? sec->delim : detected);
    if (section_matches(sec, hs)) {
      rd->sec = sec;
      h = hs;
      break;
    }
  }

  if (rd->sec) {
    rd->kind = rd->sec->kind;
  } else {
    /* Canonical columns: the best candidate, unless a kind that is not a
     * candidate has more of its columns present. */
    zt_kind best = ZT_KIND_AUTO, closest = ZT_KIND_DECLARATIES;
    int best_present = -1, cl_present = -1;
    double cl_frac = -1;
    for (int k = ZT_KIND_AUTO + 1; k < ZT_KIND_COUNT; k++) {
      const zt_kind_layout *lay = zt_kind_layout_of((zt_kind)k);
      int present, reqp, reqt;
      double frac;
      if (!lay || (rd->want != ZT_KIND_AUTO && k != (int)rd->want))
        continue;
      kind_score(h, lay, &present, &reqp, &reqt);
      frac = reqt ? (double)reqp / reqt : 1.0;
      if (reqp == reqt && present > best_present) {
        best = (zt_kind)k;
        best_present = present;
      }
      if (present > cl_present || (present == cl_present && frac > cl_frac)) {
        closest = (zt_kind)k;
        cl_present = present;
        cl_frac = frac;
      }
    }
    if (best == ZT_KIND_AUTO ||
        (cl_present > best_present &&
         !one_extra_column(h, zt_kind_layout_of(best),
                           zt_kind_layout_of(closest)))) {
      if (h->error)
        goto header_error;
      return layout_unknown(rd, h, closest, best, why, err);
    }
    rd->kind = best;
    if (cl_present > best_present)
      rd->passed_over = closest;
  }
  if (h->error)
    goto header_error;
  rd->hdr = h;
  rd->lay = zt_kind_layout_of(rd->kind);
  zt_csv_set_delim(rd->csv, h->delim);
  /* A line with half the header's delimiters inside a quoted field is a
   * line swallowed by a stray quote, not a remark (csv.h): a swallowed
   * line is read as a line of its own even when it leaves out its
   * trailing empty fields. */
  zt_csv_set_guard(rd->csv, h->n >= 2 ? (h->n / 2 > 1 ? h->n / 2 : 1) : 0);

  /* Where each field comes from. */
  for (int i = 0; i < rd->lay->nfields; i++) {
    const char *key = rd->lay->names[i];
    int count = 0;
    rd->col[i] = -1;
    rd->cst[i] = (zt_slice){NULL, 0};
    if (rd->sec && rd->sec->constant[i]) {
      rd->cst[i].p = rd->sec->constant[i];
      rd->cst[i].n = strlen(rd->sec->constant[i]);
      continue;
    }
    if (rd->sec && rd->sec->column_key[i])
      key = rd->sec->column_key[i];
    rd->col[i] = find_col(h, key, &count);
    if (count > 1) {
      char *s = show_name(h->name[rd->col[i]]);
      zt_status st = file_fail(rd, why, ZT_R_LAYOUT_UNKNOWN, err,
                               "line %ld: column '%s' appears %d times in "
                               "the header", rd->hdr_line, s, count);
      g_free(s);
      return st;
    }
    if (rd->col[i] < 0 && !rd->lay->optional[i]) {
      /* Only a mapping section can get here. */
      return file_fail(rd, why, ZT_R_LAYOUT_UNKNOWN, err,
                       "line %ld: the header matches section [%s] of "
                       "mapping %s, but has no column '%s' for field %s",
                       rd->hdr_line, rd->sec->name, rd->map->path,
                       rd->sec->column[i] ? rd->sec->column[i]
                                          : rd->lay->names[i],
                       rd->lay->names[i]);
    }
  }
  rd->canon_of_col = g_new(int, (gsize)h->n + 1);
  rd->show = g_new0(char *, (gsize)h->n + 1);
  for (int j = 0; j < h->n; j++) {
    rd->canon_of_col[j] = -1;
    rd->show[j] = show_name(h->name[j]);
  }
  for (int i = rd->lay->nfields - 1; i >= 0; i--)
    if (rd->col[i] >= 0)
      rd->canon_of_col[rd->col[i]] = i;
  if (!rd->sec)
    warn_unread(rd);
  return ZT_OK;

header_error:
  switch (h->error) {
  case ZT_CSV_TOO_MANY_FIELDS:
    return file_fail(rd, why, ZT_R_LAYOUT_UNKNOWN, err,
                     "line %ld: the header has more than %d columns",
                     rd->hdr_line, ZT_CSV_FIELDS_MAX);
  default:
    return file_fail(rd, why, ZT_R_LAYOUT_UNKNOWN, err,
                     "line %ld: a header name is longer than %d bytes",
                     rd->hdr_line, ZT_CSV_FIELD_MAX);
  }
}

/* Report a rejected line; `raw` is shown as valid UTF-8. */
static zt_status reject(reader *rd, const zt_csv_rec *rec, zt_reason why,
                        int field, zt_err *err, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static zt_status reject(reader *rd, const zt_csv_rec *rec, zt_reason why,
                        int field, zt_err *err, const char *fmt, ...) {
  char msg[256];
  zt_slice raw = rec->raw;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (!zt_text_is_ascii(raw.p, raw.n)) {
    raw.n = zt_decoder_display(&rd->dec, raw.p, raw.n, rd->conv);
    raw.p = rd->conv;
  }
  return rd->sink->reject(rd->sink->ctx, rd->kind, rec->line, why, field,
                          msg, raw, err);
}

/* A line with more or fewer fields than the header. When it holds a CR
 * that no LF follows, the likely cause is named: a line that ends in CR
 * alone, so that it and the next ran together (both are in this reject,
 * nothing is lost, but the data officer must know to look for two). */
static zt_status reject_field_count(reader *rd, const zt_csv_rec *rec,
                                    zt_err *err) {
  for (size_t i = 0; i + 1 < rec->raw.n; i++)
    if (rec->raw.p[i] == '\r' && rec->raw.p[i + 1] != '\n')
      return reject(rd, rec, ZT_R_FIELD_COUNT, -1, err,
                    "the line has %d fields, the header %d; byte %zu is a "
                    "CR with no LF after it: if that ends a line, two "
                    "lines ran together here and both are in this reject",
                    rec->ncols, rd->hdr->n, i + 1);
  return reject(rd, rec, ZT_R_FIELD_COUNT, -1, err,
                "the line has %d fields, the header %d", rec->ncols,
                rd->hdr->n);
}

static zt_status reject_structure(reader *rd, const zt_csv_rec *rec,
                                  zt_err *err) {
  int j = rec->error_field;
  switch (rec->error) {
  case ZT_CSV_UNTERMINATED:
    return reject(rd, rec, ZT_R_QUOTE_UNTERMINATED, -1, err,
                  "a quoted field opened on this line is not closed within "
                  "%d lines and %d bytes or before the end of the file, or "
                  "the lines it would take in are lines of their own; "
                  "only this line is rejected, reading goes on with the "
                  "next", ZT_CSV_QUOTED_LINES_MAX, ZT_CSV_RECORD_MAX);
  case ZT_CSV_RECORD_TOO_LONG:
    return reject(rd, rec, ZT_R_FIELD_TOO_LONG, -1, err,
                  "the line is longer than %d bytes", ZT_CSV_RECORD_MAX);
  case ZT_CSV_FIELD_TOO_LONG:
    if (j < rd->hdr->n)
      return reject(rd, rec, ZT_R_FIELD_TOO_LONG, rd->canon_of_col[j], err,
                    "column %d (%s) is longer than %d bytes", j + 1,
                    rd->show[j], ZT_CSV_FIELD_MAX);
    return reject(rd, rec, ZT_R_FIELD_TOO_LONG, -1, err,
                  "field %d is longer than %d bytes", j + 1,
                  ZT_CSV_FIELD_MAX);
  case ZT_CSV_TOO_MANY_FIELDS:
    return reject_field_count(rd, rec, err);
  case ZT_CSV_OK:
    break;
  }
  return ZT_OK;
}

/* Is c a control byte a field may not hold: C0 (but TAB, and CR and LF,
 * which a quoted field spanning lines has) or DEL? */
static bool bad_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f;
}

/* Might p[0..n) hold such a byte? A word at a time: false is certain
 * (every byte from 0x20 to 0x7E, or 0x80 and up), true asks for the
 * bytes (a TAB, CR, LF or DEL, or a byte after a hit, also says so). */
static bool may_have_control(const char *p, size_t n) {
  const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, p + i, 8);
    /* a byte below 0x20, or 0x7F (+1 is 0x80) */
    if (((x - 0x20 * ones) & ~x & highs) || ((x + ones) & ~x & highs))
      return true;
  }
  for (; i < n; i++)
    if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] == 0x7f)
      return true;
  return false;
}

/* Reject a line with a control byte in a field (docs/mapping.md): no
 * data field holds one, and one may be an escape sequence for a
 * terminal or hide text from a reader. The message names the column
 * and the byte's place in the field, never the field's text; the raw
 * line shows the byte as '?' (zt_mask_line). *done tells whether it
 * rejected. */
static zt_status reject_control(reader *rd, const zt_csv_rec *rec,
                                bool *done, zt_err *err) {
  size_t n = rec->raw.n;
  *done = false;
  while (n > 0 && (rec->raw.p[n - 1] == '\n' || rec->raw.p[n - 1] == '\r'))
    n--;                             /* the line end */
  if (!may_have_control(rec->raw.p, n))
    return ZT_OK;
  for (int j = 0; j < rec->nf; j++)
    for (size_t k = 0; k < rec->f[j].n; k++) {
      unsigned byte = (unsigned char)rec->f[j].p[k];
      if (!bad_control((unsigned char)byte))
        continue;
      *done = true;
      if (j < rd->hdr->n)
        return reject(rd, rec, ZT_R_ENCODING_INVALID, rd->canon_of_col[j],
                      err, "column %d (%s): control byte 0x%02X at byte "
                      "%zu of the field; a field holds text (a tab, and "
                      "line ends inside quotes, are the only control "
                      "bytes allowed)", j + 1, rd->show[j], byte, k + 1);
      return reject(rd, rec, ZT_R_ENCODING_INVALID, -1, err,
                    "field %d: control byte 0x%02X at byte %zu of the "
                    "field; a field holds text", j + 1, byte, k + 1);
    }
  return ZT_OK;
}

/* Reject a line with a C1 control character (U+0080..U+009F) in a field
 * (`f`, the fields as UTF-8), as a control byte is rejected: no text
 * holds one, and one is almost always a Windows-1252 character that a
 * program decoded as Latin-1 before it wrote UTF-8 (0x92, a curly
 * apostrophe, as U+0092), so the text is not what the sender meant; one
 * may also be a terminal's control sequence (U+009B). In Windows-1252
 * these bytes are letters and signs: a file read as Windows-1252 has
 * none after conversion. The message names the column, the code point
 * and its byte in the field, never the field's text; the raw line shows
 * it as '?' (zt_mask_line). *done tells whether it rejected. */
static zt_status reject_c1(reader *rd, const zt_csv_rec *rec,
                           const zt_slice *f, bool *done, zt_err *err) {
  *done = false;
  for (int j = 0; j < rec->nf; j++) {
    size_t k = zt_utf8_find_c1(f[j].p, f[j].n);
    unsigned cp;
    if (k == f[j].n)
      continue;
    *done = true;
    cp = (unsigned char)f[j].p[k + 1];
    if (j < rd->hdr->n)
      return reject(rd, rec, ZT_R_ENCODING_INVALID, rd->canon_of_col[j],
                    err, "column %d (%s): control character U+%04X at byte "
                    "%zu of the field; a field holds text (U+0080 to "
                    "U+009F are most likely Windows-1252 text that was "
                    "read as Latin-1 before the file was written in "
                    "UTF-8)", j + 1, rd->show[j], cp, k + 1);
    return reject(rd, rec, ZT_R_ENCODING_INVALID, -1, err,
                  "field %d: control character U+%04X at byte %zu of the "
                  "field; a field holds text", j + 1, cp, k + 1);
  }
  return ZT_OK;
}

/* One record after the header: a row or a reject. */
static zt_status do_record(reader *rd, const zt_csv_rec *rec, zt_err *err) {
  const zt_slice *f = rec->f;
  zt_row row;

  if (rec->error)
    return reject_structure(rd, rec, err);

  if (!zt_text_is_ascii(rec->raw.p, rec->raw.n)) {
    bool convert = false;
    size_t o;
    for (int j = 0; j < rec->nf; j++) {
      size_t bad = 0;
      zt_dec_result r = zt_decoder_check(&rd->dec, f[j].p, f[j].n, &bad);
      if (r == ZT_DEC_INVALID) {
        unsigned byte = (unsigned char)f[j].p[bad];
        const char *enc = rd->dec.enc == ZT_ENC_AUTO
                              ? "text"
                              : zt_encoding_name(rd->dec.enc);
        if (j < rd->hdr->n)
          return reject(rd, rec, ZT_R_ENCODING_INVALID, rd->canon_of_col[j],
                        err, "column %d (%s): byte 0x%02X is not valid %s",
                        j + 1, rd->show[j], byte, enc);
        return reject(rd, rec, ZT_R_ENCODING_INVALID, -1, err,
                      "field %d: byte 0x%02X is not valid %s", j + 1, byte,
                      enc);
      }
      convert |= r == ZT_DEC_CP1252;
    }
    if (convert) {
      /* Windows-1252: the line and every field into conv. */
      o = zt_cp1252_to_utf8(rec->raw.p, rec->raw.n, rd->conv);
      row.raw = (zt_slice){rd->conv, o};
      for (int j = 0; j < rec->nf; j++) {
        size_t k = zt_cp1252_to_utf8(f[j].p, f[j].n, rd->conv + o);
        rd->conv_f[j] = (zt_slice){rd->conv + o, k};
        o += k;
      }
      f = rd->conv_f;
    } else
      row.raw = rec->raw;
    {
      bool done;
      zt_status st = reject_c1(rd, rec, f, &done, err);
      if (st || done)
        return st;
    }
  } else
    row.raw = rec->raw;
  {
    bool done;
    zt_status st = reject_control(rd, rec, &done, err);
    if (st || done)
      return st;
  }

  if (rec->ncols != rd->hdr->n) {
    bool extra_empty = rec->ncols > rd->hdr->n;
    for (int j = rd->hdr->n; extra_empty && j < rec->nf; j++)
      extra_empty = f[j].n == 0;
    if (!extra_empty)
      return reject_field_count(rd, rec, err);
  }

  for (int i = 0; i < rd->lay->nfields; i++)
    rd->out[i] = rd->col[i] >= 0 ? f[rd->col[i]] : rd->cst[i];
  row.kind = rd->kind;
  row.f = rd->out;
  row.line = rec->line;
  row.fmt = &rd->fmt;
  return rd->sink->row(rd->sink->ctx, &row, err);
}

static void reader_free(reader *rd) {
  for (int i = 0; i < rd->nsplits; i++)
    split_free(&rd->splits[i]);
  if (rd->show)
    for (int j = 0; rd->hdr && j < rd->hdr->n; j++)
      g_free(rd->show[j]);
  g_free(rd->show);
  g_free(rd->canon_of_col);
  zt_csv_free(rd->csv);
  zt_csvmap_free(rd->map);
  free(rd->conv);
  free(rd->conv_f);
}

/* Read the header and decide the layout. */
static zt_status start(reader *rd, zt_reason *why, zt_err *err) {
  zt_csv_rec hrec;
  bool got;
  size_t bad = 0;
  zt_status st = zt_csv_next(rd->csv, &hrec, &got, err);
  if (st) {
    *why = ZT_R_FILE_UNREADABLE;
    return st;
  }
  if (!got)
    return file_fail(rd, why, ZT_R_LAYOUT_UNKNOWN, err,
                     "no header line: the file is empty");
  rd->hdr_line = hrec.line;
  if (hrec.error == ZT_CSV_UNTERMINATED ||
      hrec.error == ZT_CSV_RECORD_TOO_LONG)
    return file_fail(rd, why, ZT_R_LAYOUT_UNKNOWN, err,
                     "line %ld: the header is not a CSV header (%s)",
                     hrec.line,
                     hrec.error == ZT_CSV_UNTERMINATED
                         ? "a quote is never closed"
                         : "it is too long");
  /* A CR inside the first line: lines that end in CR alone (a classic
   * Mac or "CSV (Macintosh)" export), which run together as one. */
  for (size_t i = 0; i + 1 < hrec.raw.n; i++)
    if (hrec.raw.p[i] == '\r' && hrec.raw.p[i + 1] != '\n')
      return file_fail(rd, why, ZT_R_LAYOUT_UNKNOWN, err,
                       "line %ld: the lines of the file end in CR alone "
                       "(a Macintosh export): save it with Windows (CRLF) "
                       "or Unix (LF) line ends", hrec.line);
  /* Control bytes in the first line: not a text file (a zip, a PDF, an
   * image). Its bytes are not quoted in the message. */
  for (size_t i = 0; i < hrec.raw.n; i++) {
    unsigned char c = (unsigned char)hrec.raw.p[i];
    if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
      return file_fail(rd, why, ZT_R_LAYOUT_UNKNOWN, err,
                       "line %ld: not a CSV text file (control byte 0x%02X "
                       "at byte %zu of the line); its content is not shown",
                       hrec.line, c, i + 1);
  }
  rd->hdr_dec = zt_decoder_check(&rd->dec, hrec.raw.p, hrec.raw.n, &bad);
  if (rd->hdr_dec == ZT_DEC_INVALID)
    return file_fail(rd, why, ZT_R_LAYOUT_UNKNOWN, err,
                     "line %ld: the header has byte 0x%02X, not valid %s",
                     hrec.line, (unsigned char)hrec.raw.p[bad],
                     zt_encoding_name(rd->dec.enc));
  return decide_layout(rd, &hrec, why, err);
}

zt_status zt_csv_read(zt_source *src, const zt_read_opts *opts,
                      zt_rowsink *sink, zt_kind *kind_out,
                      zt_reason *file_reason, zt_err *err) {
  reader rd;
  pull_ctx pc = {src, 0};
  const char *p;
  size_t n;
  zt_status st;
  zt_reason why = ZT_R_NONE;

  memset(&rd, 0, sizeof rd);
  rd.src = src;
  rd.path = zt_source_path(src);
  rd.sink = sink;
  rd.want = opts ? opts->want : ZT_KIND_AUTO;
  rd.kind = rd.want;
  if (kind_out)
    *kind_out = rd.want;
  if (file_reason)
    *file_reason = ZT_R_NONE;
  if (rd.want != ZT_KIND_AUTO && !zt_kind_layout_of(rd.want))
    return zt_fail(err, ZT_ERR_USAGE, "%s: no CSV layout for kind %d",
                   rd.path, (int)rd.want);

  if (opts && opts->mapping_path) {
    st = zt_csvmap_load(&rd.map, opts->mapping_path, err);
    if (st)
      return st;
  }
  st = zt_source_peek(src, 4, &p, &n, err);
  if (st) {
    why = ZT_R_FILE_UNREADABLE;
    goto out;
  }
  if (zt_bom_utf16(p, n)) {
    st = file_fail(&rd, &why, ZT_R_LAYOUT_UNKNOWN, err,
                   "the file is UTF-16 text; save it as UTF-8 or "
                   "Windows-1252 CSV");
    goto out;
  }
  rd.bom = zt_bom_len(p, n) > 0;
  pc.skip = rd.bom ? 3 : 0;
  zt_decoder_init(&rd.dec, ZT_ENC_AUTO, rd.bom);
  st = zt_csv_new(&rd.csv, ';', NULL, pull_skip, &pc, err);
  if (st)
    goto out;
  rd.convcap = 2 * ZT_UTF8_ROOM(ZT_CSV_RECORD_MAX + 2);
  rd.conv = malloc(rd.convcap);
  rd.conv_f = malloc(ZT_CSV_FIELDS_MAX * sizeof *rd.conv_f);
  if (!rd.conv || !rd.conv_f) {
    st = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    goto out;
  }

  st = start(&rd, &why, err);
  if (st)
    goto out;
  if (kind_out)
    *kind_out = rd.kind;
  if (rd.sec) {
    rd.fmt.money_euros = rd.sec->money_euros;
    if (rd.sec->enc != ZT_ENC_AUTO) {
      if (rd.bom && rd.sec->enc != ZT_ENC_UTF8) {
        if (sink->warn) {
          char msg[200];
          snprintf(msg, sizeof msg, "%s: starts with a UTF-8 BOM, so it "
                   "is read as UTF-8, not as %s (mapping [%s])", rd.path,
                   zt_encoding_name(rd.sec->enc), rd.sec->name);
          sink->warn(sink->ctx, msg);
        }
      } else
        rd.dec.enc = rd.sec->enc;
    }
  }

  for (;;) {
    zt_csv_rec rec;
    bool got;
    st = zt_csv_next(rd.csv, &rec, &got, err);
    if (st) {
      why = ZT_R_FILE_UNREADABLE;
      break;
    }
    if (!got)
      break;
    st = do_record(&rd, &rec, err);
    if (st)
      break;
  }
out:
  if (file_reason)
    *file_reason = why;
  reader_free(&rd);
  return st;
}

bool zt_csv_sniff(const char *p, size_t n) {
  size_t i = 0;
  bool delim = false;
  if (zt_bom_utf16(p, n))
    return true;
  i = zt_bom_len(p, n);
  while (i < n && (p[i] == '\n' || p[i] == '\r'))
    i++;
  {
    size_t j = i;                   /* XML may start with blanks */
    while (j < n && (p[j] == ' ' || p[j] == '\t' || p[j] == '\n' ||
                     p[j] == '\r'))
      j++;
    if (j == n || p[j] == '<')
      return false;
  }
  for (; i < n && p[i] != '\n'; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == ';' || c == ',' || c == '\t')
      delim = true;
    else if ((c < 0x20 && c != '\r') || c == 0x7F)
      return false;
  }
  return delim;
}
