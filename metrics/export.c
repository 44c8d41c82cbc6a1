/*
 * metrics/export.c -- CSV and JSON export of the indicator table (see
 * export.h).
 */
#include "metrics/export.h"
#include "core/sort.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvout.h"
#include "core/fileout.h"
#include "etl/refdata.h"
#include "metrics/indicator.h"
#include "metrics/suppress.h"

/* One evaluated target as doelen.csv/.json write it: its texts. */
typedef struct target_line {
  const char *indicator, *period, *gemeente, *target_period, *target;
  const char *judged_period, *value, *display, *status;
} target_line;

/* A file format of the indicator table (export.h). */
struct zt_export_writer {
  /* the table: raw values (pub NULL) or as a publication in mode *pub */
  zt_status (*table)(const zt_ind_table *t, FILE *fp,
                     const zt_supp_mode *pub, zt_err *err);
  /* the targets: before the rows, one row (`last`: no row follows),
   * after the rows */
  void (*targets_head)(FILE *fp);
  void (*target_row)(FILE *fp, const target_line *l, bool last);
  void (*targets_tail)(FILE *fp);
};

/* The export order of row pointers (zt_ind_value_cmp). */
static int cmp_rows(const void *pa, const void *pb) {
  return zt_ind_value_cmp(*(const zt_ind_value *const *)pa,
                          *(const zt_ind_value *const *)pb);
}

static zt_status sorted_rows(const zt_ind_table *t, const zt_ind_value ***out,
                             zt_err *err) {
  size_t n = zt_ind_table_count(t);
  const zt_ind_value **rows = malloc((n + 1) * sizeof *rows);
  if (!rows)
    return zt_fail(err, ZT_ERR_NOMEM, "export: out of memory");
  for (size_t i = 0; i < n; i++)
    rows[i] = zt_ind_table_at(t, i);
  zt_qsort(rows, n, sizeof *rows, cmp_rows);
  *out = rows;
  return ZT_OK;
}

static void gemeente_text(uint16_t g, char buf[8]) {
  if (g == ZT_GEMEENTE_REGIO)
    memcpy(buf, "regio", sizeof "regio");
  else
    zt_gemeente_format(g, buf);
}


static zt_status finish(FILE *fp, zt_err *err) {
  if (fflush(fp) != 0 || ferror(fp))
    return zt_fail(err, ZT_ERR_OUTPUT, "export: write failed");
  return ZT_OK;
}

/* The value and n a row is written with: the raw ones (pub NULL), or
 * what a publication may carry (metrics/suppress.h): nothing for a
 * hidden row. `value` and `n` get "" then. */
static void row_texts(const zt_ind_table *t, const zt_ind_value *v,
                      const zt_supp_mode *pub, char value[64], char n[24]) {
  zt_ind_value shown;
  if (pub && !zt_supp_public(t, v, *pub, &shown)) {
    value[0] = n[0] = '\0';
    return;
  }
  if (!pub)
    shown = *v;
  zt_ind_value_text(&shown, value, 64);
  snprintf(n, 24, "%lld", (long long)shown.n);
}

static zt_status write_csv(const zt_ind_table *t, FILE *fp,
                           const zt_supp_mode *pub, zt_err *err) {
  const zt_ind_value **rows;
  zt_csvout c;
  size_t n = zt_ind_table_count(t);
  zt_status st = sorted_rows(t, &rows, err);
  if (st)
    return st;
  fputs("indicator,period,peildatum,gemeente,breakdown,value,unit,n,"
        "suppressed,display\n", fp);
  zt_csvout_init(&c, fp, ',');
  for (size_t i = 0; i < n; i++) {
    const zt_ind_value *v = rows[i];
    char date[11], gem[8], value[64], nn[24];
    zt_date_iso(v->peildatum, date);
    gemeente_text(v->gemeente, gem);
    row_texts(t, v, pub, value, nn);
    zt_csvout_str(&c, v->indicator);
    zt_csvout_str(&c, v->period);
    zt_csvout_str(&c, date);
    zt_csvout_str(&c, gem);
    zt_csvout_str(&c, v->breakdown);
    zt_csvout_str(&c, value);
    zt_csvout_str(&c, zt_unit_id(v->unit));
    zt_csvout_str(&c, nn);
    zt_csvout_int(&c, v->suppressed ? 1 : 0);
    zt_csvout_str(&c, v->display);
    zt_csvout_end(&c);
  }
  free(rows);
  return finish(fp, err);
}

zt_status zt_export_csv(const zt_ind_table *t, FILE *fp, zt_err *err) {
  return write_csv(t, fp, NULL, err);
}

/* A JSON string with the escapes RFC 8259 requires; UTF-8 passes. */
static void json_string(FILE *fp, const char *s) {
  fputc('"', fp);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      fprintf(fp, "\\%c", c);
    else if (c < 0x20)
      fprintf(fp, "\\u%04x", c);
    else
      fputc(c, fp);
  }
  fputc('"', fp);
}

static zt_status write_json(const zt_ind_table *t, FILE *fp,
                            const zt_supp_mode *pub, zt_err *err) {
  const zt_ind_value **rows;
  size_t n = zt_ind_table_count(t);
  zt_status st = sorted_rows(t, &rows, err);
  if (st)
    return st;
  fputs("[\n", fp);
  for (size_t i = 0; i < n; i++) {
    const zt_ind_value *v = rows[i];
    char date[11], gem[8], value[64], nn[24];
    zt_date_iso(v->peildatum, date);
    gemeente_text(v->gemeente, gem);
    row_texts(t, v, pub, value, nn);
    fputs("{\"indicator\":", fp);
    json_string(fp, v->indicator);
    fputs(",\"period\":", fp);
    json_string(fp, v->period);
    fprintf(fp, ",\"peildatum\":\"%s\",\"gemeente\":\"%s\",\"breakdown\":",
            date, gem);
    json_string(fp, v->breakdown);
    fprintf(fp, ",\"value\":%s,\"unit\":\"%s\",\"n\":%s,"
            "\"suppressed\":%s,\"display\":", value[0] ? value : "null",
            zt_unit_id(v->unit), nn[0] ? nn : "null",
            v->suppressed ? "true" : "false");
    json_string(fp, v->display);
    fputs(i + 1 < n ? "},\n" : "}\n", fp);
  }
  fputs("]\n", fp);
  free(rows);
  return finish(fp, err);
}

zt_status zt_export_json(const zt_ind_table *t, FILE *fp, zt_err *err) {
  return write_json(t, fp, NULL, err);
}

static zt_status write_file(const zt_ind_table *t, const char *path,
                            const zt_export_writer *w,
                            const zt_supp_mode *pub, mode_t mode,
                            zt_err *err) {
  zt_fileout out;
  zt_status st = zt_fileout_open(&out, path, mode, err);
  if (st)
    return st;
  st = w->table(t, out.fp, pub, err);
  if (st) {
    zt_fileout_abort(&out);
    return zt_err_prefix(err, "%s", path);
  }
  return zt_fileout_commit(&out, err);
}

zt_status zt_export_file(const zt_ind_table *t, const char *path,
                         const zt_export_writer *w, mode_t mode,
                         zt_err *err) {
  return write_file(t, path, w, NULL, mode, err);
}

zt_status zt_export_public_file(const zt_ind_table *t, const char *path,
                                const zt_export_writer *w,
                                zt_supp_mode mode, zt_err *err) {
  return write_file(t, path, w, &mode, ZT_MODE_PUBLIC, err);
}

/* One evaluated target, as doelen.csv/.json write it. */
typedef struct target_row {
  const char *indicator;
  uint16_t gemeente;
  zt_target_eval ev;
} target_row;

static size_t target_rows(const zt_target *targets, size_t n,
                          const zt_ind_table *t, const zt_period *p,
                          const uint16_t *units, size_t nunits,
                          target_row *out) {
  size_t k = 0;
  for (size_t u = 0; u <= nunits; u++) {
    uint16_t gem = u == 0 ? ZT_GEMEENTE_REGIO : units[u - 1];
    for (size_t i = 0; i < n; i++) {
      bool dup = false;
      /* each indicator once per unit, in the order of targets.csv */
      for (size_t j = 0; j < i && !dup; j++)
        dup = strcmp(targets[j].indicator, targets[i].indicator) == 0;
      if (dup || !zt_target_find(targets, n, targets[i].indicator, p, gem))
        continue;
      out[k].indicator = targets[i].indicator;
      out[k].gemeente = gem;
      zt_target_evaluate(targets, n, t, targets[i].indicator, p, gem,
                         &out[k].ev);
      k++;
    }
  }
  return k;
}

zt_status zt_export_targets_file(const zt_target *targets, size_t n,
                                 const zt_ind_table *t, const zt_period *p,
                                 const uint16_t *units, size_t nunits,
                                 zt_supp_mode mode, const char *path,
                                 const zt_export_writer *w, zt_err *err) {
  target_row *rows = calloc(n * (nunits + 1) + 1, sizeof *rows);
  size_t k;
  char pname[8];
  zt_fileout out;
  zt_status st;
  if (!rows)
    return zt_fail(err, ZT_ERR_NOMEM, "export: out of memory");
  k = target_rows(targets, n, t, p, units, nunits, rows);
  zt_period_name(p, pname);
  st = zt_fileout_open(&out, path, ZT_MODE_PUBLIC, err);
  if (st) {
    free(rows);
    return st;
  }
  w->targets_head(out.fp);
  for (size_t i = 0; i < k; i++) {
    const zt_target_eval *ev = &rows[i].ev;
    char gem[8], jp[8], value[64] = "", disp[40] = "\xe2\x80\x93";
    zt_ind_value shown;
    target_line l;
    gemeente_text(rows[i].gemeente, gem);
    zt_period_name(&ev->judged_period, jp);
    if (ev->judged && zt_supp_public(t, ev->judged, mode, &shown))
      zt_ind_value_text(&shown, value, sizeof value);
    if (ev->judged)
      snprintf(disp, sizeof disp, "%s", ev->judged->display);
    l = (target_line){rows[i].indicator, pname, gem, ev->target->period,
                      ev->target_text, jp, value, disp,
                      zt_target_status_word(ev->status)};
    w->target_row(out.fp, &l, i + 1 == k);
  }
  w->targets_tail(out.fp);
  free(rows);
  st = finish(out.fp, err);
  if (st) {
    zt_fileout_abort(&out);
    return zt_err_prefix(err, "%s", path);
  }
  return zt_fileout_commit(&out, err);
}

/* ---- the two formats ------------------------------------------------ */

static void targets_csv_head(FILE *fp) {
  fputs("indicator,period,gemeente,target_period,target,judged_period,"
        "value,display,status\n", fp);
}

static void target_csv_row(FILE *fp, const target_line *l, bool last) {
  zt_csvout c;
  (void)last;
  zt_csvout_init(&c, fp, ',');
  zt_csvout_str(&c, l->indicator);
  zt_csvout_str(&c, l->period);
  zt_csvout_str(&c, l->gemeente);
  zt_csvout_str(&c, l->target_period);
  zt_csvout_str(&c, l->target);
  zt_csvout_str(&c, l->judged_period);
  zt_csvout_str(&c, l->value);
  zt_csvout_str(&c, l->display);
  zt_csvout_str(&c, l->status);
  zt_csvout_end(&c);
}

static void targets_csv_tail(FILE *fp) {
  (void)fp;
}

static void targets_json_head(FILE *fp) {
  fputs("[\n", fp);
}

static void target_json_row(FILE *fp, const target_line *l, bool last) {
  fputs("{\"indicator\":", fp);
  json_string(fp, l->indicator);
  fprintf(fp, ",\"period\":\"%s\",\"gemeente\":\"%s\","
          "\"target_period\":\"%s\",\"target\":", l->period, l->gemeente,
          l->target_period);
  json_string(fp, l->target);
  fprintf(fp, ",\"judged_period\":\"%s\",\"value\":%s,\"display\":",
          l->judged_period, l->value[0] ? l->value : "null");
  json_string(fp, l->display);
  fputs(",\"status\":", fp);
  json_string(fp, l->status);
  fputs(last ? "}\n" : "},\n", fp);
}

static void targets_json_tail(FILE *fp) {
  fputs("]\n", fp);
}

const zt_export_writer zt_export_csv_writer = {
    write_csv, targets_csv_head, target_csv_row, targets_csv_tail};
const zt_export_writer zt_export_json_writer = {
    write_json, targets_json_head, target_json_row, targets_json_tail};

zt_status zt_export_write(const zt_export_writer *w, const zt_ind_table *t,
                          FILE *fp, zt_err *err) {
  return w->table(t, fp, NULL, err);
}
