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

zt_status zt_export_format_parse(const char *s, zt_export_format *out,
                                 zt_err *err) {
  if (s && strcmp(s, "csv") == 0)
    *out = ZT_EXPORT_CSV;
  else if (s && strcmp(s, "json") == 0)
    *out = ZT_EXPORT_JSON;
  else
    return zt_fail(err, ZT_ERR_USAGE, "export format '%s': expected csv or "
                   "json", s ? s : "");
  return ZT_OK;
}

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
                            zt_export_format format, const zt_supp_mode *pub,
                            mode_t mode, zt_err *err) {
  zt_fileout out;
  zt_status st = zt_fileout_open(&out, path, mode, err);
  if (st)
    return st;
  st = format == ZT_EXPORT_JSON ? write_json(t, out.fp, pub, err)
                                : write_csv(t, out.fp, pub, err);
  if (st) {
    zt_fileout_abort(&out);
    return zt_err_prefix(err, "%s", path);
  }
  return zt_fileout_commit(&out, err);
}

zt_status zt_export_file(const zt_ind_table *t, const char *path,
                         zt_export_format format, mode_t mode, zt_err *err) {
  return write_file(t, path, format, NULL, mode, err);
}

zt_status zt_export_public_file(const zt_ind_table *t, const char *path,
                                zt_export_format format, zt_supp_mode mode,
                                zt_err *err) {
  return write_file(t, path, format, &mode, ZT_MODE_PUBLIC, err);
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
                                 zt_export_format format, zt_err *err) {
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
  if (format == ZT_EXPORT_CSV)
    fputs("indicator,period,gemeente,target_period,target,judged_period,"
          "value,display,status\n", out.fp);
  else
    fputs("[\n", out.fp);
  for (size_t i = 0; i < k; i++) {
    const zt_target_eval *ev = &rows[i].ev;
    char gem[8], jp[8], value[64] = "", disp[40] = "\xe2\x80\x93";
    zt_ind_value shown;
    gemeente_text(rows[i].gemeente, gem);
    zt_period_name(&ev->judged_period, jp);
    if (ev->judged && zt_supp_public(t, ev->judged, mode, &shown))
      zt_ind_value_text(&shown, value, sizeof value);
    if (ev->judged)
      snprintf(disp, sizeof disp, "%s", ev->judged->display);
    if (format == ZT_EXPORT_CSV) {
      zt_csvout c;
      zt_csvout_init(&c, out.fp, ',');
      zt_csvout_str(&c, rows[i].indicator);
      zt_csvout_str(&c, pname);
      zt_csvout_str(&c, gem);
      zt_csvout_str(&c, ev->target->period);
      zt_csvout_str(&c, ev->target_text);
      zt_csvout_str(&c, jp);
      zt_csvout_str(&c, value);
      zt_csvout_str(&c, disp);
      zt_csvout_str(&c, zt_target_status_word(ev->status));
      zt_csvout_end(&c);
    } else {
      fputs("{\"indicator\":", out.fp);
      json_string(out.fp, rows[i].indicator);
      fprintf(out.fp, ",\"period\":\"%s\",\"gemeente\":\"%s\","
              "\"target_period\":\"%s\",\"target\":", pname, gem,
              ev->target->period);
      json_string(out.fp, ev->target_text);
      fprintf(out.fp, ",\"judged_period\":\"%s\",\"value\":%s,\"display\":",
              jp, value[0] ? value : "null");
      json_string(out.fp, disp);
      fputs(",\"status\":", out.fp);
      json_string(out.fp, zt_target_status_word(ev->status));
      fputs(i + 1 < k ? "},\n" : "}\n", out.fp);
    }
  }
  if (format == ZT_EXPORT_JSON)
    fputs("]\n", out.fp);
  free(rows);
  st = finish(out.fp, err);
  if (st) {
    zt_fileout_abort(&out);
    return zt_err_prefix(err, "%s", path);
  }
  return zt_fileout_commit(&out, err);
}
