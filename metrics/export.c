/*
 * metrics/export.c -- CSV and JSON export of the indicator table (see
 * export.h).
 */
#include "metrics/export.h"
#include "core/sort.h"

#include <stdlib.h>
#include <string.h>

#include "core/fileout.h"
#include "etl/refdata.h"
#include "metrics/indicator.h"

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

/* The export order; the same as zt_ind_table_sort(). */
static int cmp_rows(const void *pa, const void *pb) {
  const zt_ind_value *a = *(const zt_ind_value *const *)pa;
  const zt_ind_value *b = *(const zt_ind_value *const *)pb;
  int c = strcmp(a->indicator, b->indicator);
  if (c)
    return c;
  if ((c = strcmp(a->period, b->period)))
    return c;
  if (a->peildatum != b->peildatum)
    return a->peildatum < b->peildatum ? -1 : 1;
  if (a->gemeente != b->gemeente)
    return a->gemeente < b->gemeente ? -1 : 1;
  return strcmp(a->breakdown, b->breakdown);
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

/* An RFC 4180 field: quoted when it holds a comma, quote or line break,
 * with quotes doubled. */
static void csv_field(FILE *fp, const char *s) {
  if (!strpbrk(s, ",\"\r\n")) {
    fputs(s, fp);
    return;
  }
  fputc('"', fp);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', fp);
    fputc(*s, fp);
  }
  fputc('"', fp);
}

static zt_status finish(FILE *fp, zt_err *err) {
  if (fflush(fp) != 0 || ferror(fp))
    return zt_fail(err, ZT_ERR_OUTPUT, "export: write failed");
  return ZT_OK;
}

zt_status zt_export_csv(const zt_ind_table *t, FILE *fp, zt_err *err) {
  const zt_ind_value **rows;
  size_t n = zt_ind_table_count(t);
  zt_status st = sorted_rows(t, &rows, err);
  if (st)
    return st;
  fputs("indicator,period,peildatum,gemeente,breakdown,value,unit,n,"
        "suppressed,display\n", fp);
  for (size_t i = 0; i < n; i++) {
    const zt_ind_value *v = rows[i];
    char date[11], gem[8], value[64];
    zt_date_iso(v->peildatum, date);
    gemeente_text(v->gemeente, gem);
    zt_ind_value_text(v, value, sizeof value);
    csv_field(fp, v->indicator);
    fputc(',', fp);
    csv_field(fp, v->period);
    fprintf(fp, ",%s,%s,", date, gem);
    csv_field(fp, v->breakdown);
    fprintf(fp, ",%s,%s,%lld,%d,", value, zt_unit_id(v->unit),
            (long long)v->n, v->suppressed ? 1 : 0);
    csv_field(fp, v->display);
    fputc('\n', fp);
  }
  free(rows);
  return finish(fp, err);
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

zt_status zt_export_json(const zt_ind_table *t, FILE *fp, zt_err *err) {
  const zt_ind_value **rows;
  size_t n = zt_ind_table_count(t);
  zt_status st = sorted_rows(t, &rows, err);
  if (st)
    return st;
  fputs("[\n", fp);
  for (size_t i = 0; i < n; i++) {
    const zt_ind_value *v = rows[i];
    char date[11], gem[8], value[64];
    zt_date_iso(v->peildatum, date);
    gemeente_text(v->gemeente, gem);
    zt_ind_value_text(v, value, sizeof value);
    fputs("{\"indicator\":", fp);
    json_string(fp, v->indicator);
    fputs(",\"period\":", fp);
    json_string(fp, v->period);
    fprintf(fp, ",\"peildatum\":\"%s\",\"gemeente\":\"%s\",\"breakdown\":",
            date, gem);
    json_string(fp, v->breakdown);
    fprintf(fp, ",\"value\":%s,\"unit\":\"%s\",\"n\":%lld,"
            "\"suppressed\":%s,\"display\":", value, zt_unit_id(v->unit),
            (long long)v->n, v->suppressed ? "true" : "false");
    json_string(fp, v->display);
    fputs(i + 1 < n ? "},\n" : "}\n", fp);
  }
  fputs("]\n", fp);
  free(rows);
  return finish(fp, err);
}

zt_status zt_export_file(const zt_ind_table *t, const char *path,
                         zt_export_format format, zt_err *err) {
  zt_fileout out;
  zt_status st = zt_fileout_open(&out, path, ZT_MODE_PUBLIC, err);
  if (st)
    return st;
  st = format == ZT_EXPORT_JSON ? zt_export_json(t, out.fp, err)
                                : zt_export_csv(t, out.fp, err);
  if (st) {
    zt_fileout_abort(&out);
    return zt_err_prefix(err, "%s", path);
  }
  return zt_fileout_commit(&out, err);
}
