/*
 * render/xlsx.c -- the report as an Excel workbook (xlsx.h), written with
 * libxlsxwriter.
 *
 * Number formats are stored as Excel stores them, in its invariant
 * notation ("#,##0", "0.0%", "€ #,##0"); Excel and LibreOffice show them
 * with the reader's separators, so a Dutch reader sees 1.234 and 68,4%.
 * A number is written at the precision the report prints it: the value is
 * read back from the cell's display text, so a share shown as 68,4% is
 * 0,684 in the workbook and no hidden count can be worked out from more
 * digits than the PDF gives.
 */
#include "render/xlsx.h"

#include "core/fileout.h"
#include "metrics/indicator.h"   /* zt_ind_value_text */
#include "render/report.h"

#include <glib.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#define MINUS "\xe2\x88\x92"   /* U+2212 */
#define MAX_WIDTH 60.0         /* widest column, in characters */

/* ---- display text -> number ------------------------------------------ */

bool zt_xlsx_parse_display(const char *s, zt_xlsx_num *out) {
  const char *p = s;
  bool neg = false;
  int64_t ip = 0, fp = 0;
  int digits = 0, dec = 0;
  memset(out, 0, sizeof *out);
  if (strncmp(p, "\xe2\x82\xac ", 4) == 0) {   /* "€ " */
    out->euro = true;
    p += 4;
  }
  if (*p == '-' || *p == '+') {
    neg = *p == '-';
    p++;
  } else if (strncmp(p, MINUS, 3) == 0) {
    neg = true;
    p += 3;
  }
  /* integer part: groups of three after a '.' */
  while (*p >= '0' && *p <= '9') {
    int run = 0;
    while (*p >= '0' && *p <= '9') {
      if (ip > (INT64_MAX - 9) / 10)
        return false;
      ip = ip * 10 + (*p++ - '0');
      run++;
    }
    if (digits > 0 && run != 3)
      return false;
    digits += run;
    if (*p == '.' && p[1] >= '0' && p[1] <= '9')
      p++;
    else
      break;
  }
  if (digits == 0)
    return false;
  if (*p == ',') {
    p++;
    while (*p >= '0' && *p <= '9' && dec < 9) {
      fp = fp * 10 + (*p++ - '0');
      dec++;
    }
    if (dec == 0)
      return false;
  }
  if (*p == '%') {
    out->percent = true;
    p++;
  }
  if (*p == ' ') {
    /* a unit word ("dagen", "jaar"): letters only */
    const char *w = p + 1;
    if (!*w || strlen(p) >= sizeof out->suffix)
      return false;
    for (; *w; w++)
      if (!g_ascii_isalpha(*w))
        return false;
    memcpy(out->suffix, p, strlen(p) + 1);
    p += strlen(p);
  }
  if (*p)
    return false;
  {
    double scale = 1.0;
    for (int i = 0; i < dec; i++)
      scale *= 10.0;
    out->value = (double)ip + (double)fp / scale;
  }
  if (out->percent)
    out->value /= 100.0;
  if (neg)
    out->value = -out->value;
  out->decimals = dec;
  return true;
}

/* ---- formats ------------------------------------------------------------ */

/* The workbook's formats, made once and looked up by their code. */
typedef struct xfmt {
  lxw_workbook *wb;
  GHashTable *num;   /* format code -> lxw_format* */
  lxw_format *title, *head, *text, *wrap, *strong, *note, *right;
} xfmt;

static lxw_format *num_format(xfmt *f, const zt_xlsx_num *n, bool strong) {
  GString *one = g_string_new(NULL);
  char *code, *key;
  lxw_format *fmt;
  if (n->euro)
    g_string_append(one, "\"\xe2\x82\xac \"");
  g_string_append(one, n->percent ? "0" : "#,##0");
  if (n->decimals > 0) {
    g_string_append_c(one, '.');
    for (int i = 0; i < n->decimals; i++)
      g_string_append_c(one, '0');
  }
  if (n->percent)
    g_string_append_c(one, '%');
  if (n->suffix[0])
    g_string_append_printf(one, "\"%s\"", n->suffix);
  /* positive;negative, with the report's minus sign (U+2212) */
  code = g_strdup_printf("%s;" MINUS "%s", one->str, one->str);
  key = g_strdup_printf("%s%s", strong ? "b:" : "", code);
  fmt = g_hash_table_lookup(f->num, key);
  if (!fmt) {
    fmt = workbook_add_format(f->wb);
    format_set_num_format(fmt, code);
    if (strong)
      format_set_bold(fmt);
    g_hash_table_insert(f->num, key, fmt);
    key = NULL;
  }
  g_free(key);
  g_free(code);
  g_string_free(one, TRUE);
  return fmt;
}

static void formats_init(xfmt *f, lxw_workbook *wb) {
  f->wb = wb;
  f->num = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  f->title = workbook_add_format(wb);
  format_set_bold(f->title);
  format_set_font_size(f->title, 12);
  f->head = workbook_add_format(wb);
  format_set_bold(f->head);
  format_set_bottom(f->head, LXW_BORDER_THIN);
  format_set_text_wrap(f->head);
  format_set_align(f->head, LXW_ALIGN_VERTICAL_TOP);
  f->text = workbook_add_format(wb);
  format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
  f->wrap = workbook_add_format(wb);
  format_set_text_wrap(f->wrap);
  format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
  f->strong = workbook_add_format(wb);
  format_set_bold(f->strong);
  f->right = workbook_add_format(wb);
  format_set_align(f->right, LXW_ALIGN_RIGHT);
  f->note = workbook_add_format(wb);
  format_set_italic(f->note);
}

/* ---- one sheet per table ------------------------------------------------ */

static size_t utf8_len(const char *s) {
  return s ? (size_t)g_utf8_strlen(s, -1) : 0;
}

static zt_status check(lxw_error e, const char *what, zt_err *err) {
  if (e == LXW_NO_ERROR)
    return ZT_OK;
  return zt_fail(err, ZT_ERR_OUTPUT, "xlsx: %s: %s", what,
                 lxw_strerror(e));
}

static zt_status table_sheet(lxw_workbook *wb, xfmt *f, const char *name,
                             const char *title, const zt_table *t,
                             zt_err *err) {
  lxw_worksheet *ws = workbook_add_worksheet(wb, name);
  size_t head = zt_table_head_rows(t);
  double *width;
  lxw_row_t r0 = 2;   /* title, an empty row, then the table */
  if (!ws)
    return zt_fail(err, ZT_ERR_OUTPUT, "xlsx: cannot add sheet %s", name);
  width = g_new0(double, t->ncols);
  worksheet_write_string(ws, 0, 0, title, f->title);
  for (size_t r = 0; r < t->nrows; r++) {
    unsigned rf = t->rflags[r];
    for (size_t c = 0; c < t->ncols; c++) {
      const char *s = zt_table_cell(t, r, c);
      unsigned cf = zt_table_cflags(t, r, c);
      bool strong = (rf & (ZT_ROW_TOTAL | ZT_ROW_GROUP)) ||
                    (cf & ZT_CELL_STRONG) || (c == 0 && t->row_header);
      zt_xlsx_num n;
      lxw_row_t xr = r0 + (lxw_row_t)r;
      lxw_col_t xc = (lxw_col_t)c;
      double w = (double)utf8_len(s);
      if (!s || !*s)
        continue;
      if (rf & ZT_ROW_HEAD) {
        worksheet_write_string(ws, xr, xc, s, f->head);
        w = w > 14 ? 14 : w;   /* headings wrap */
      } else if (t->numeric[c] &&
                 !(cf & (ZT_CELL_SUPPRESSED | ZT_CELL_MISSING)) &&
                 zt_xlsx_parse_display(s, &n)) {
        worksheet_write_number(ws, xr, xc, n.value,
                               num_format(f, &n, strong && c > 0));
      } else if (t->numeric[c]) {
        /* a marker ("< 5", "·", "–") keeps its text, right-aligned */
        worksheet_write_string(ws, xr, xc, s, f->right);
      } else {
        worksheet_write_string(ws, xr, xc, s,
                               strong ? f->strong
                                      : (w > MAX_WIDTH ? f->wrap : f->text));
      }
      if (!(rf & ZT_ROW_GROUP) && w > width[c])
        width[c] = w;
    }
  }
  for (size_t i = 0; i < t->nnotes; i++)
    worksheet_write_string(ws, r0 + (lxw_row_t)(t->nrows + 1 + i), 0,
                           t->notes[i], f->note);
  for (size_t c = 0; c < t->ncols; c++) {
    double w = width[c] + 2;
    worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                         w < 8 ? 8 : (w > MAX_WIDTH ? MAX_WIDTH : w), NULL);
  }
  worksheet_freeze_panes(ws, r0 + (lxw_row_t)head,
                         t->row_header ? 1 : 0);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);   /* A4 */
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, r0, r0 + (lxw_row_t)(head ? head - 1 : 0));
  g_free(width);
  return ZT_OK;
}

/* ---- the indicator sheet ------------------------------------------------ */

static const char *const ind_head[] = {
  "Indicator", "Periode", "Peildatum", "Gemeente", "Uitsplitsing",
  "Waarde", "Eenheid", "Aantal (n)", "Verborgen", "Weergave"
};
enum { IND_NCOLS = sizeof ind_head / sizeof ind_head[0] };

void zt_xlsx_public_of(const zt_ind_value *v, zt_xlsx_public *out) {
  char text[64];
  memset(out, 0, sizeof *out);
  zt_ind_value_text(v, text, sizeof text);
  out->has_value = text[0] != '\0';
  out->value = out->has_value ? g_ascii_strtod(text, NULL) : 0;
  out->has_n = true;
  out->n = v->n;
}

static void default_public(const zt_ind_value *v, void *ctx,
                           zt_xlsx_public *out) {
  (void)ctx;
  if (v->suppressed)
    memset(out, 0, sizeof *out);
  else
    zt_xlsx_public_of(v, out);
}

static zt_status indicator_sheet(lxw_workbook *wb, xfmt *f,
                                 const zt_ind_table *ind,
                                 zt_xlsx_public_fn pub, void *ctx,
                                 zt_err *err) {
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Indicatoren");
  double width[IND_NCOLS];
  lxw_format *date, *count, *value;
  size_t n = zt_ind_table_count(ind);
  if (!ws)
    return zt_fail(err, ZT_ERR_OUTPUT, "xlsx: cannot add sheet Indicatoren");
  date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  count = workbook_add_format(wb);
  format_set_num_format(count, "#,##0");
  value = workbook_add_format(wb);
  format_set_num_format(value, "#,##0.########");
  for (size_t c = 0; c < IND_NCOLS; c++) {
    worksheet_write_string(ws, 0, (lxw_col_t)c, ind_head[c], f->head);
    width[c] = (double)utf8_len(ind_head[c]);
  }
  for (size_t i = 0; i < n; i++) {
    const zt_ind_value *v = zt_ind_table_at(ind, i);
    lxw_row_t r = (lxw_row_t)(i + 1);
    zt_xlsx_public p;
    char day[16], gem[8];
    int y, m, d;
    lxw_datetime dt;
    (pub ? pub : default_public)(v, ctx, &p);
    zt_day_to_ymd(v->peildatum, &y, &m, &d);
    snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
    if (v->gemeente == ZT_GEMEENTE_REGIO)
      snprintf(gem, sizeof gem, "regio");
    else
      snprintf(gem, sizeof gem, "%04u", (unsigned)v->gemeente);
    dt = (lxw_datetime){y, m, d, 0, 0, 0};
    worksheet_write_string(ws, r, 0, v->indicator, NULL);
    worksheet_write_string(ws, r, 1, v->period, NULL);
    worksheet_write_datetime(ws, r, 2, &dt, date);
    worksheet_write_string(ws, r, 3, gem, NULL);
    if (v->breakdown[0])
      worksheet_write_string(ws, r, 4, v->breakdown, NULL);
    if (p.has_value)
      worksheet_write_number(ws, r, 5, p.value, value);
    worksheet_write_string(ws, r, 6, zt_unit_id(v->unit), NULL);
    if (p.has_n)
      worksheet_write_number(ws, r, 7, (double)p.n, count);
    worksheet_write_string(ws, r, 8, v->suppressed ? "ja" : "nee", NULL);
    worksheet_write_string(ws, r, 9, v->display, f->right);
    {
      const char *cells[IND_NCOLS] = {v->indicator, v->period, day,
                                      gem, v->breakdown, "", "", "", "",
                                      v->display};
      for (size_t c = 0; c < IND_NCOLS; c++)
        if (cells[c] && (double)utf8_len(cells[c]) > width[c])
          width[c] = (double)utf8_len(cells[c]);
    }
  }
  width[5] = width[5] < 12 ? 12 : width[5];
  width[7] = width[7] < 10 ? 10 : width[7];
  for (size_t c = 0; c < IND_NCOLS; c++)
    worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                         width[c] + 2 > MAX_WIDTH ? MAX_WIDTH : width[c] + 2,
                         NULL);
  worksheet_freeze_panes(ws, 1, 1);
  worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, IND_NCOLS - 1);
  return ZT_OK;
}

/* ---- the workbook ------------------------------------------------------- */

zt_status zt_xlsx_write(const zt_doc *doc, const zt_ind_table *ind,
                        zt_xlsx_public_fn pub, void *pub_ctx,
                        const char *path, const char *tmpdir, zt_err *err) {
  /* libxlsxwriter takes non-const strings: give it copies */
  char *dir = g_strdup(tmpdir);
  lxw_workbook_options opt = {.constant_memory = LXW_FALSE,
                              .tmpdir = dir,
                              .use_zip64 = LXW_FALSE};
  lxw_workbook *wb = workbook_new_opt(path, &opt);
  lxw_doc_properties props;
  xfmt f;
  zt_status st = ZT_OK;
  if (!wb) {
    g_free(dir);
    return zt_fail(err, ZT_ERR_OUTPUT, "%s: cannot create the workbook",
                   path);
  }
  memset(&props, 0, sizeof props);
  props.title = g_strdup(doc->title ? doc->title : "");
  props.subject = g_strdup(doc->period ? doc->period : "");
  props.author = g_strdup(doc->region ? doc->region : "");
  props.keywords = g_strdup(doc->keywords ? doc->keywords : "");
  props.comments =
      g_strdup(doc->not_for_publication ? "Niet voor publicatie" : "");
  props.created = (time_t)doc->created;
  workbook_set_properties(wb, &props);
  formats_init(&f, wb);
  for (size_t i = 0; i < doc->nblocks && !st; i++) {
    const zt_block *b = &doc->blocks[i];
    char name[32], *title;
    const zt_table *t = NULL;
    if (b->kind == ZT_BLK_TABLE && b->table) {
      t = b->table;
      if (t->number > 0)
        snprintf(name, sizeof name, "Tabel %d", t->number % 100000);
      else   /* an unnumbered table: by its place */
        snprintf(name, sizeof name, "Tabel (blok %u)",
                 (unsigned)(i + 1) % 100000u);
      title = g_strdup_printf("Tabel %d. %s", t->number,
                              t->caption ? t->caption : "");
    } else if (b->kind == ZT_BLK_CHART && b->chart && b->chart_table) {
      t = b->chart_table;
      snprintf(name, sizeof name, "Figuur %d", b->chart->number % 100000);
      title = g_strdup_printf("Figuur %d. %s (gegevens)", b->chart->number,
                              b->title ? b->title : "");
    } else {
      continue;
    }
    if (t->nrows && t->ncols)
      st = table_sheet(wb, &f, name, title, t, err);
    g_free(title);
  }
  if (!st && ind)
    st = indicator_sheet(wb, &f, ind, pub, pub_ctx, err);
  {
    lxw_error e = workbook_close(wb);   /* frees wb whatever happens */
    if (!st)
      st = check(e, path, err);
  }
  g_hash_table_destroy(f.num);
  g_free(props.title);
  g_free(props.subject);
  g_free(props.author);
  g_free(props.keywords);
  g_free(props.comments);
  g_free(dir);
  return st;
}

/* ---- the writer table's row (render/output.c) ---------------------- */

/* A row of the indicator sheet as the report folder's indicatoren.csv
 * publishes it (metrics/suppress.h), with the number the CSV prints. */
typedef struct xlsx_ctx {
  const zt_report_input *in;
} xlsx_ctx;

static void xlsx_public(const zt_ind_value *v, void *ctx,
                        zt_xlsx_public *out) {
  const zt_report_input *in = ((const xlsx_ctx *)ctx)->in;
  zt_ind_value pv;
  memset(out, 0, sizeof *out);
  if (!zt_supp_public(in->ind, v, in->suppression, &pv))
    return;
  zt_xlsx_public_of(&pv, out);
}

zt_status zt_xlsx_output(const zt_doc *doc, const zt_report_input *in,
                         const char *path, zt_err *err) {
  zt_fileout fo;
  char *dir;
  xlsx_ctx ctx = {in};
  zt_status st = zt_fileout_open(&fo, path, ZT_MODE_PUBLIC, err);
  if (st)
    return st;
  if (fo.direct) {
    zt_fileout_abort(&fo);
    return zt_fail(err, ZT_ERR_OUTPUT, "%s: a workbook is written to a "
                   "file, not to a pipe or device", path);
  }
  /* libxlsxwriter writes the temporary file by its name; its own
   * scratch files go beside it */
  dir = g_path_get_dirname(path);
  st = zt_xlsx_write(doc, in->ind, xlsx_public, &ctx, fo.tmp, dir, err);
  g_free(dir);
  if (st) {
    zt_fileout_abort(&fo);
    zt_err_prefix(err, "%s", path);
    return st;
  }
  return zt_fileout_commit(&fo, err);
}
