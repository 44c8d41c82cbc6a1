/*
 * etl/refdata.c -- national reference tables (see refdata.h).
 *
 * The shipped CSVs are small, comma separated, unquoted and UTF-8
 * (reference/README.md), so they are read whole and split here; input
 * files from providers go through the streaming CSV reader instead.
 */
#include "etl/refdata.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/kinds.h"
#include "core/str.h"

bool zt_gemeente_parse(const char *s, size_t n, uint16_t *code) {
  uint64_t v;
  if (n >= 2 && (s[0] == 'G' || s[0] == 'g') && (s[1] == 'M' || s[1] == 'm')) {
    s += 2;
    n -= 2;
  }
  if (n < 1 || n > 4 || zt_parse_u64(s, n, &v) || v == 0)
    return false;
  *code = (uint16_t)v;
  return true;
}

void zt_gemeente_format(uint16_t code, char buf[5]) {
  buf[0] = (char)('0' + code / 1000 % 10);
  buf[1] = (char)('0' + code / 100 % 10);
  buf[2] = (char)('0' + code / 10 % 10);
  buf[3] = (char)('0' + code % 10);
  buf[4] = '\0';
}

/* Split one line of a shipped table into cells, in place. A cell may be
 * quoted ("Nuenen, Gerwen en Nederwetten") with "" for a quote. Returns
 * the number of cells, or -1 for more than `max`. */
static int split_line(char *line, char **cells, int max) {
  int n = 0;
  char *r = line, *w = line;
  for (;;) {
    bool quoted = *r == '"';
    if (n == max)
      return -1;
    cells[n++] = w;
    if (quoted) {
      r++;
      while (*r && !(*r == '"' && r[1] != '"')) {
        if (*r == '"')
          r++;
        *w++ = *r++;
      }
      if (*r == '"')
        r++;
    }
    while (*r && *r != ',')
      *w++ = *r++;
    if (!*r) {
      *w = '\0';
      return n;
    }
    *w++ = '\0';
    r++;
  }
}

/* Parse an optional ISO date column; empty means ZT_DAY_NONE. */
static bool opt_date(const char *s, zt_day *out) {
  if (!*s) {
    *out = ZT_DAY_NONE;
    return true;
  }
  return zt_date_parse(s, strlen(s), out) == ZT_OK;
}

static int count_cells(const char *line) {
  int n = 1;
  for (; *line; line++)
    n += *line == ',';
  return n;
}

/* Read `dir/name` and split it into lines of comma separated cells; the
 * header line must start with `first_col`. */
static zt_status read_table(const char *dir, const char *name,
                            const char *first_col, int min_cols,
                            gchar ***lines_out, zt_err *err) {
  char *path = g_build_filename(dir, name, NULL);
  gchar *text = NULL;
  GError *ge = NULL;
  gchar **lines;
  zt_status st = ZT_OK;

  if (!g_file_get_contents(path, &text, NULL, &ge)) {
    st = zt_fail(err, ZT_ERR_IO, "reference data %s: %s", path, ge->message);
    g_error_free(ge);
    g_free(path);
    return st;
  }
  lines = g_strsplit(text, "\n", -1);
  g_free(text);
  if (!lines[0] || !g_str_has_prefix(lines[0], first_col) ||
      count_cells(lines[0]) < min_cols) {
    st = zt_fail(err, ZT_ERR_INPUT, "reference data %s: unexpected header",
                 path);
    g_strfreev(lines);
    lines = NULL;
  }
  g_free(path);
  *lines_out = lines;
  return st;
}

static zt_status load_gemeenten(zt_refdata *rd, const char *dir,
                                zt_err *err) {
  gchar **lines;
  size_t n = 0;
  zt_status st = read_table(dir, "gemeenten.csv", "code,", 7, &lines, err);
  if (st)
    return st;
  rd->gemeenten = calloc(g_strv_length(lines), sizeof *rd->gemeenten);
  if (!rd->gemeenten) {
    g_strfreev(lines);
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  for (size_t i = 1; lines[i]; i++) {
    char *c[8];
    zt_gemeente *g = &rd->gemeenten[n];
    g_strchomp(lines[i]);
    if (!lines[i][0])
      continue;
    if (split_line(lines[i], c, 8) != 7 ||
        !zt_gemeente_parse(c[0], strlen(c[0]), &g->code) ||
        !opt_date(c[4], &g->valid_from) || !opt_date(c[5], &g->valid_to) ||
        (c[6][0] && !zt_gemeente_parse(c[6], strlen(c[6]), &g->successor))) {
      st = zt_fail(err, ZT_ERR_INPUT, "reference data gemeenten.csv line %zu: "
                   "malformed", i + 1);
      break;
    }
    zt_strlcpy(g->name, c[1], sizeof g->name);
    zt_strlcpy(g->province, c[2], sizeof g->province);
    zt_strlcpy(g->jeugdregio, c[3], sizeof g->jeugdregio);
    rd->index[g->code] = (int16_t)n;
    n++;
  }
  rd->ngemeenten = n;
  g_strfreev(lines);
  return st;
}

static zt_status load_categories(zt_refdata *rd, const char *dir,
                                 zt_err *err) {
  gchar **lines;
  zt_status st = read_table(dir, "productcategorieen.csv", "code,", 4, &lines,
                            err);
  if (st)
    return st;
  for (size_t i = 1; lines[i]; i++) {
    char *c[5];
    uint64_t code;
    int kind;
    g_strchomp(lines[i]);
    if (!lines[i][0])
      continue;
    if (split_line(lines[i], c, 5) != 4 ||
        zt_parse_u64(c[0], strlen(c[0]), &code) ||
        code > 99 || (kind = zt_kind_from_id(c[3])) < 0) {
      st = zt_fail(err, ZT_ERR_INPUT,
                   "reference data productcategorieen.csv line %zu: malformed",
                   i + 1);
      break;
    }
    rd->categories[code].known = true;
    zt_strlcpy(rd->categories[code].name, c[1],
               sizeof rd->categories[code].name);
    zt_strlcpy(rd->categories[code].class_name, c[2],
               sizeof rd->categories[code].class_name);
    rd->categories[code].default_kind = kind;
  }
  g_strfreev(lines);
  return st;
}

zt_status zt_refdata_load(zt_refdata **out, const char *dir, zt_err *err) {
  zt_refdata *rd = calloc(1, sizeof *rd);
  zt_status st;
  *out = NULL;
  if (!rd)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  memset(rd->index, 0xff, sizeof rd->index);
  st = load_gemeenten(rd, dir, err);
  if (!st)
    st = load_categories(rd, dir, err);
  if (st) {
    zt_refdata_free(rd);
    return st;
  }
  *out = rd;
  return ZT_OK;
}

void zt_refdata_free(zt_refdata *rd) {
  if (!rd)
    return;
  free(rd->gemeenten);
  free(rd);
}

const zt_gemeente *zt_refdata_gemeente(const zt_refdata *rd, uint16_t code) {
  if (code >= 10000 || rd->index[code] < 0)
    return NULL;
  return &rd->gemeenten[rd->index[code]];
}

bool zt_gemeente_valid_on(const zt_refdata *rd, uint16_t code, zt_day d) {
  const zt_gemeente *g = zt_refdata_gemeente(rd, code);
  if (!g)
    return false;
  if (g->valid_from != ZT_DAY_NONE && d < g->valid_from)
    return false;
  if (g->valid_to != ZT_DAY_NONE && d > g->valid_to)
    return false;
  return true;
}

uint16_t zt_gemeente_on(const zt_refdata *rd, uint16_t code, zt_day d) {
  /* A chain of mergers is short; the bound guards against a cycle in a
   * hand-edited table. */
  for (int hops = 0; hops < 16; hops++) {
    const zt_gemeente *g = zt_refdata_gemeente(rd, code);
    if (!g || !g->successor || g->valid_to == ZT_DAY_NONE || d <= g->valid_to)
      return code;
    code = g->successor;
  }
  return code;
}

const char *zt_gemeente_name(const zt_refdata *rd, uint16_t code) {
  const zt_gemeente *g = zt_refdata_gemeente(rd, code);
  return g ? g->name : NULL;
}

const zt_category *zt_refdata_category(const zt_refdata *rd, int code) {
  if (code < 0 || code > 99 || !rd->categories[code].known)
    return NULL;
  return &rd->categories[code];
}

bool zt_unit_known(int unit) {
  return zt_unit_name(unit) != NULL;
}

const char *zt_unit_name(int unit) {
  switch (unit) {
  case 1: return "minuut";
  case 4: return "uur";
  case 14: return "etmaal";
  case 16: return "dagdeel";
  case 82: return "stuks (output)";
  case 83: return "euro's";
  case 84: return "stuks (inspanning)";
  default: return NULL;
  }
}
