/*
 * metrics/table.c -- the indicator table (see table.h): a growable array
 * of rows with a hash index on the full key and one on the key without
 * the peildatum.
 */
#include "metrics/table.h"
#include "core/sort.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct zt_ind_table {
  zt_ind_value *rows;
  size_t count, cap;
  GHashTable *index;   /* full key (with peildatum) -> row position + 1 */
  GHashTable *first;   /* key without peildatum -> position + 1 of the
                          row with the earliest peildatum */
  int supp_mode;       /* the suppression applied (zt_supp_mode), */
  int supp_threshold;  /* and its threshold */
};

const char *zt_unit_id(zt_unit u) {
  switch (u) {
  case ZT_UNIT_COUNT: return "count";
  case ZT_UNIT_EUR: return "eur";
  case ZT_UNIT_PERCENT: return "percent";
  case ZT_UNIT_DAYS: return "days";
  case ZT_UNIT_YEARS: return "years";
  }
  return "?";
}

double zt_ind_as_double(const zt_ind_value *v) {
  double x = v->den ? (double)v->num / (double)v->den : 0.0;
  if (v->unit == ZT_UNIT_PERCENT)
    x *= 100.0;
  else if (v->unit == ZT_UNIT_EUR)
    x /= 100.0;
  return x;
}

static char *key_of(const char *indicator, const char *period,
                    uint16_t gemeente, const char *breakdown) {
  return g_strdup_printf("%s|%s|%u|%s", indicator, period, gemeente,
                         breakdown);
}

static char *key_at(const char *indicator, const char *period,
                    zt_day peildatum, uint16_t gemeente,
                    const char *breakdown) {
  return g_strdup_printf("%s|%s|%lld|%u|%s", indicator, period,
                         (long long)peildatum, gemeente, breakdown);
}

/* Point the short index at row i when it has the earliest peildatum of
 * its key. */
static void index_first(zt_ind_table *t, size_t i) {
  zt_ind_value *r = &t->rows[i];
  char *key = key_of(r->indicator, r->period, r->gemeente, r->breakdown);
  gpointer pos = g_hash_table_lookup(t->first, key);
  if (pos && t->rows[GPOINTER_TO_SIZE(pos) - 1].peildatum <= r->peildatum) {
    g_free(key);
    return;
  }
  g_hash_table_insert(t->first, key, GSIZE_TO_POINTER(i + 1));
}

zt_ind_table *zt_ind_table_new(void) {
  zt_ind_table *t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  t->first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  return t;
}

void zt_ind_table_free(zt_ind_table *t) {
  if (!t)
    return;
  g_hash_table_destroy(t->index);
  g_hash_table_destroy(t->first);
  free(t->rows);
  free(t);
}

static void reindex(zt_ind_table *t) {
  g_hash_table_remove_all(t->index);
  g_hash_table_remove_all(t->first);
  for (size_t i = 0; i < t->count; i++) {
    zt_ind_value *r = &t->rows[i];
    g_hash_table_insert(t->index,
                        key_at(r->indicator, r->period, r->peildatum,
                               r->gemeente, r->breakdown),
                        GSIZE_TO_POINTER(i + 1));
    index_first(t, i);
  }
}

zt_status zt_ind_table_put(zt_ind_table *t, const zt_ind_value *v) {
  char *key = key_at(v->indicator, v->period, v->peildatum, v->gemeente,
                     v->breakdown);
  gpointer pos = g_hash_table_lookup(t->index, key);
  if (pos) {
    t->rows[GPOINTER_TO_SIZE(pos) - 1] = *v;
    g_free(key);
    return ZT_OK;
  }
  if (t->count == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 256;
    zt_ind_value *rows = realloc(t->rows, cap * sizeof *rows);
    if (!rows) {
      g_free(key);
      return ZT_ERR_NOMEM;
    }
    t->rows = rows;
    t->cap = cap;
  }
  t->rows[t->count] = *v;
  t->count++;
  g_hash_table_insert(t->index, key, GSIZE_TO_POINTER(t->count));
  index_first(t, t->count - 1);
  return ZT_OK;
}

size_t zt_ind_table_count(const zt_ind_table *t) {
  return t->count;
}

void zt_ind_table_set_supp(zt_ind_table *t, int mode, int threshold) {
  t->supp_mode = mode;
  t->supp_threshold = threshold;
}

int zt_ind_table_supp(const zt_ind_table *t, int *threshold) {
  if (threshold)
    *threshold = t->supp_threshold;
  return t->supp_mode;
}

zt_ind_value *zt_ind_table_at(const zt_ind_table *t, size_t i) {
  return i < t->count ? &t->rows[i] : NULL;
}

int zt_ind_value_cmp(const zt_ind_value *a, const zt_ind_value *b) {
  int c = strcmp(a->indicator, b->indicator);
  if (c)
    return c;
  if ((c = strcmp(a->period, b->period)))
    return c;
  if (a->peildatum != b->peildatum)
    return a->peildatum < b->peildatum ? -1 : 1;
  if (a->gemeente != b->gemeente)
    return a->gemeente < b->gemeente ? -1 : 1;  /* regio (0) first */
  return strcmp(a->breakdown, b->breakdown);
}

static int cmp_rows(const void *pa, const void *pb) {
  return zt_ind_value_cmp(pa, pb);
}

void zt_ind_table_sort(zt_ind_table *t) {
  zt_qsort(t->rows, t->count, sizeof *t->rows, cmp_rows);
  reindex(t);
}

const zt_ind_value *zt_ind_table_find(const zt_ind_table *t,
                                      const char *indicator,
                                      const char *period, uint16_t gemeente,
                                      const char *breakdown) {
  char *key = key_of(indicator, period, gemeente, breakdown ? breakdown : "");
  gpointer pos = g_hash_table_lookup(t->first, key);
  g_free(key);
  return pos ? &t->rows[GPOINTER_TO_SIZE(pos) - 1] : NULL;
}

const zt_ind_value *zt_ind_table_find_at(const zt_ind_table *t,
                                         const char *indicator,
                                         const char *period,
                                         zt_day peildatum, uint16_t gemeente,
                                         const char *breakdown) {
  char *key;
  gpointer pos;
  if (peildatum == ZT_DAY_NONE)
    return zt_ind_table_find(t, indicator, period, gemeente, breakdown);
  key = key_at(indicator, period, peildatum, gemeente,
               breakdown ? breakdown : "");
  pos = g_hash_table_lookup(t->index, key);
  g_free(key);
  return pos ? &t->rows[GPOINTER_TO_SIZE(pos) - 1] : NULL;
}
