/*
 * etl/double.c -- possible double declarations (see double.h).
 */
#include "etl/double.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvout.h"
#include "core/sort.h"
#include "core/str.h"

/* One candidate with what the store adds. */
typedef struct cand {
  const zt_nline *l;
  int64_t id;
  int64_t volume;
  int64_t toewijzing;                /* 0: none */
  uint16_t gem_resp;
  char ref[ZT_TEXT_BYTES(ZT_REF_MAX)];
} cand;

/* Code, volume, assignment, then id: the lines of one double group in
 * the order they were stored. */
static int cand_cmp(const void *pa, const void *pb) {
  const cand *a = pa, *b = pb;
  int c = strcmp(a->l->code, b->l->code);
  if (c)
    return c;
  if (a->volume != b->volume)
    return a->volume < b->volume ? -1 : 1;
  if (a->toewijzing != b->toewijzing)
    return a->toewijzing < b->toewijzing ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

/* Are `a` and `b` one double group (the fields the care period does not
 * hold)? */
static bool same_group(const cand *a, const cand *b) {
  return strcmp(a->l->code, b->l->code) == 0 && a->volume == b->volume &&
         a->toewijzing == b->toewijzing;
}

static zt_status push(zt_double **out, size_t *n, size_t *cap,
                      const cand *first, const cand *rep) {
  zt_double *d;
  if (*n == *cap) {
    size_t c = *cap ? *cap * 2 : 64;
    zt_double *p = realloc(*out, c * sizeof *p);
    if (!p)
      return ZT_ERR_NOMEM;
    *out = p;
    *cap = c;
  }
  d = &(*out)[(*n)++];
  memset(d, 0, sizeof *d);
  d->first_id = first->id;
  d->repeat_id = rep->id;
  zt_strlcpy(d->ref_first, first->ref, sizeof d->ref_first);
  zt_strlcpy(d->ref_repeat, rep->ref, sizeof d->ref_repeat);
  d->agb = rep->l->agb;
  d->toewijzing = rep->toewijzing;
  d->gem_resp = rep->gem_resp;
  d->category = rep->l->category;
  d->unit = rep->l->unit;
  zt_strlcpy(d->code, rep->l->code, sizeof d->code);
  d->begin = rep->l->begin;
  d->end = rep->l->end;
  d->volume = rep->volume;
  d->amount = rep->l->amount;
  return ZT_OK;
}

/* Whether candidate `t` is care of the period (begin day, member). */
static bool in_period(const zt_snapshot *sn, const zt_norm_twin *t,
                      zt_day from, zt_day to, const zt_member *members,
                      size_t nmembers) {
  const zt_nline *l = &sn->lines[t->line];
  return (from == ZT_DAY_NONE || l->begin >= from) &&
         (to == ZT_DAY_NONE || l->begin <= to) &&
         (!members || zt_member_on(members, nmembers, t->gem_resp,
                                   l->begin));
}

zt_status zt_double_find(zt_store *store, const zt_snapshot *sn,
                         const zt_norm_twin *tw, size_t n, zt_day from,
                         zt_day to, const zt_member *members,
                         size_t nmembers, zt_double **out, size_t *nout,
                         zt_err *err) {
  sqlite3 *db = zt_store_db(store);
  sqlite3_stmt *st = NULL;
  cand *g = NULL;
  size_t gcap = 0, cap = 0;
  zt_status rc = ZT_OK;
  *out = NULL;
  *nout = 0;
  if (!n)
    return ZT_OK;
  if (!sn->ids)
    return zt_fail(err, ZT_ERR_USAGE, "double declarations: the snapshot "
                   "has no line ids");
  if (sqlite3_prepare_v2(db, "SELECT volume, ref, toewijzing FROM "
                             "declaration WHERE id = ?1",
                         -1, &st, NULL) != SQLITE_OK)
    return zt_store_sqlite_fail(db, err, "preparing a query");
  for (size_t i = 0; i < n && !rc;) {
    size_t j = i, k = 0;
    size_t inside = 0;
    while (j < n && tw[j].group == tw[i].group)
      j++;
    for (size_t t = i; t < j; t++)
      inside += tw[t].line < sn->nlines &&
                in_period(sn, &tw[t], from, to, members, nmembers);
    if (inside < 2) {              /* no pair left in the period */
      i = j;
      continue;
    }
    if (j - i > gcap) {
      cand *p = realloc(g, (j - i) * sizeof *p);
      if (!p) {
        rc = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
        break;
      }
      g = p;
      gcap = j - i;
    }
    for (size_t t = i; t < j; t++) {
      cand *c = &g[k];
      const unsigned char *ref;
      if (tw[t].line >= sn->nlines) {
        rc = zt_fail(err, ZT_ERR_INPUT, "double declarations: line %u out "
                     "of range", tw[t].line);
        break;
      }
      if (!in_period(sn, &tw[t], from, to, members, nmembers))
        continue;
      k++;
      c->l = &sn->lines[tw[t].line];
      c->id = sn->ids[tw[t].line];
      c->gem_resp = tw[t].gem_resp;
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, c->id);
      if (sqlite3_step(st) != SQLITE_ROW) {
        rc = zt_store_sqlite_fail(db, err, "reading a declaration line");
        break;
      }
      c->volume = sqlite3_column_int64(st, 0);
      ref = sqlite3_column_text(st, 1);
      zt_strlcpy(c->ref, ref ? (const char *)ref : "", sizeof c->ref);
      c->toewijzing = sqlite3_column_int64(st, 2);
    }
    if (rc)
      break;
    zt_qsort(g, k, sizeof *g, cand_cmp);
    for (size_t a = 0; a < k && !rc;) {
      size_t b = a + 1;
      while (b < k && same_group(&g[a], &g[b])) {
        if (push(out, nout, &cap, &g[a], &g[b]))
          rc = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
        b++;
      }
      a = b;
    }
    i = j;
  }
  sqlite3_finalize(st);
  free(g);
  if (rc) {
    free(*out);
    *out = NULL;
    *nout = 0;
  }
  return rc;
}

/* Cents as euros with two decimals, "1234.50" (amounts here are never
 * negative: a counted line's net amount). */
static void euros(int64_t cents, char buf[32]) {
  snprintf(buf, 32, "%s%lld.%02lld", cents < 0 ? "-" : "",
           (long long)(cents < 0 ? -cents : cents) / 100,
           (long long)(cents < 0 ? -cents : cents) % 100);
}

void zt_double_write_csv(FILE *fp, const zt_double *d, size_t n) {
  zt_csvout c;
  fputs("agb,toewijzingnummer,referentie_eerste,referentie_herhaling,"
        "productcategorie,productcode,begindatum,einddatum,volume,eenheid,"
        "bedrag\n", fp);
  zt_csvout_init(&c, fp, ',');
  zt_csvout_guard(&c, true);     /* text from input files: no formulas */
  for (size_t i = 0; i < n; i++) {
    char b[32], day[11];
    snprintf(b, sizeof b, "%08u", (unsigned)d[i].agb);
    zt_csvout_str(&c, b);
    if (d[i].toewijzing)
      zt_csvout_int(&c, d[i].toewijzing);
    else
      zt_csvout_str(&c, "");
    zt_csvout_str(&c, d[i].ref_first);
    zt_csvout_str(&c, d[i].ref_repeat);
    snprintf(b, sizeof b, "%02u", (unsigned)d[i].category);
    zt_csvout_str(&c, b);
    zt_csvout_str(&c, d[i].code);
    zt_date_iso(d[i].begin, day);
    zt_csvout_str(&c, day);
    zt_date_iso(d[i].end, day);
    zt_csvout_str(&c, day);
    zt_csvout_int(&c, d[i].volume);
    snprintf(b, sizeof b, "%02u", (unsigned)d[i].unit);
    zt_csvout_str(&c, b);
    euros(d[i].amount, b);
    zt_csvout_str(&c, b);
    zt_csvout_end(&c);
  }
}
