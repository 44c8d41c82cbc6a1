/*
 * etl/csvmap.c -- loading and checking CSV mapping files (see csvmap.h
 * and docs/mapping.md).
 *
 * Values are read raw (g_key_file_get_value) and then:
 *   - an inline comment is cut off: a ';' that follows a blank starts one
 *     (so `delimiter = ;` keeps its value, `x = y   ; note` becomes "y");
 *   - blanks are trimmed from both ends.
 * GKeyFile's own escapes (\s, \t) are not interpreted.
 */
#include "etl/csvmap.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "etl/mask.h"

static bool is_blank(unsigned char c) { return c == ' ' || c == '\t'; }

char *zt_csv_name_key(const char *s, size_t n) {
  char *norm, *key;
  for (;;) {                        /* trim blanks, NBSP and BOMs */
    const unsigned char *u = (const unsigned char *)s;
    if (n && is_blank(u[0])) {
      s++;
      n--;
    } else if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0) {
      s += 2;
      n -= 2;
    } else if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
      s += 3;
      n -= 3;
    } else
      break;
  }
  for (;;) {
    const unsigned char *u = (const unsigned char *)s;
    if (n && is_blank(u[n - 1]))
      n--;
    else if (n >= 2 && u[n - 2] == 0xC2 && u[n - 1] == 0xA0)
      n -= 2;
    else
      break;
  }
  if (!g_utf8_validate(s, (gssize)n, NULL))
    return g_ascii_strdown(s, (gssize)n);
  norm = g_utf8_normalize(s, (gssize)n, G_NORMALIZE_NFC);
  if (!norm)
    return g_ascii_strdown(s, (gssize)n);
  key = g_utf8_casefold(norm, -1);
  g_free(norm);
  return key;
}

char zt_csvmap_delim_from_name(const char *s) {
  size_t n = strlen(s);
  if (zt_slice_eq(s, n, ";") || zt_slice_ieq(s, n, "semicolon"))
    return ';';
  if (zt_slice_eq(s, n, ",") || zt_slice_ieq(s, n, "comma"))
    return ',';
  if (zt_slice_eq(s, n, "|") || zt_slice_ieq(s, n, "pipe"))
    return '|';
  if (zt_slice_eq(s, n, "\t") || zt_slice_ieq(s, n, "tab"))
    return '\t';
  return 0;
}

/* Cut an inline comment and trim; returns a new string. */
static char *clean_value(const char *raw) {
  size_t n = strlen(raw);
  const char *s = raw;
  for (size_t i = 1; i < n; i++)
    if (raw[i] == ';' && is_blank((unsigned char)raw[i - 1])) {
      n = i;
      break;
    }
  zt_trim(&s, &n);
  return g_strndup(s, n);
}

static void section_free(zt_csvmap_section *s) {
  g_free(s->name);
  g_strfreev(s->match);
  g_strfreev(s->match_key);
  for (int i = 0; i < ZT_MAX_FIELDS; i++) {
    g_free(s->column[i]);
    g_free(s->column_key[i]);
    g_free(s->constant[i]);
  }
}

void zt_csvmap_free(zt_csvmap *m) {
  if (!m)
    return;
  for (int i = 0; i < m->nsections; i++)
    section_free(&m->sections[i]);
  g_free(m->sections);
  g_free(m->path);
  g_free(m);
}

/* Index of canonical field `name` in layout `lay`, or -1. */
static int field_index(const zt_kind_layout *lay, const char *name) {
  for (int i = 0; i < lay->nfields; i++)
    if (strcmp(lay->names[i], name) == 0)
      return i;
  return -1;
}

static zt_status bad(zt_err *err, const zt_csvmap *m, const char *sec,
                     const char *key, const char *what) {
  return zt_fail(err, ZT_ERR_USAGE, "mapping %s [%s] %s: %s", m->path, sec,
                 key, what);
}

/* Fill `s` from the keys of section `sec`. */
static zt_status load_section(zt_csvmap *m, GKeyFile *kf, const char *sec,
                              zt_csvmap_section *s, zt_err *err) {
  gchar **keys = g_key_file_get_keys(kf, sec, NULL, NULL);
  const zt_kind_layout *lay = NULL;
  zt_status st = ZT_OK;
  char *v;

  s->name = g_strdup(sec);
  /* kind first: the column./const. keys are checked against it. */
  v = g_key_file_get_value(kf, sec, "kind", NULL);
  if (!v) {
    st = bad(err, m, sec, "kind", "missing (declaraties, toewijzingen, "
             "clienten, residenties, productcodes or aanbieders)");
    goto out;
  }
  {
    char *k = clean_value(v);
    g_free(v);
    s->kind = zt_kind_from_name(k);
    if (s->kind == ZT_KIND_COUNT || s->kind == ZT_KIND_AUTO ||
        !zt_kind_layout_of(s->kind)) {
      char msg[160];
      snprintf(msg, sizeof msg, "unknown kind '%.64s'", k);
      g_free(k);
      st = bad(err, m, sec, "kind", msg);
      goto out;
    }
    g_free(k);
  }
  lay = zt_kind_layout_of(s->kind);

  for (gchar **kp = keys; kp && *kp && !st; kp++) {
    const char *key = *kp;
    char *raw = g_key_file_get_value(kf, sec, key, NULL);
    char *val;
    char msg[200];
    if (!raw)
      continue;
    if (!g_utf8_validate(raw, -1, NULL)) {
      g_free(raw);
      st = bad(err, m, sec, key, "value is not valid UTF-8");
      break;
    }
    val = clean_value(raw);
    g_free(raw);
    if (strcmp(key, "kind") == 0 || strcmp(key, "description") == 0) {
      /* done above / free text */
    } else if (strcmp(key, "match") == 0) {
      gchar **parts = g_strsplit(val, ";", -1);
      GPtrArray *names = g_ptr_array_new();
      GPtrArray *keys2 = g_ptr_array_new();
      for (gchar **pp = parts; *pp; pp++) {
        const char *t = *pp;
        size_t n = strlen(t);
        zt_trim(&t, &n);
        if (n == 0)
          continue;
        g_ptr_array_add(names, g_strndup(t, n));
        g_ptr_array_add(keys2, zt_csv_name_key(t, n));
      }
      g_strfreev(parts);
      s->nmatch = (int)names->len;
      g_ptr_array_add(names, NULL);
      g_ptr_array_add(keys2, NULL);
      g_strfreev(s->match);
      g_strfreev(s->match_key);
      s->match = (char **)g_ptr_array_free(names, FALSE);
      s->match_key = (char **)g_ptr_array_free(keys2, FALSE);
    } else if (strcmp(key, "delimiter") == 0) {
      s->delim = zt_csvmap_delim_from_name(val);
      if (!s->delim) {
        snprintf(msg, sizeof msg, "unknown delimiter '%.32s' (use ; , | "
                 "or tab)", val);
        st = bad(err, m, sec, key, msg);
      }
    } else if (strcmp(key, "encoding") == 0) {
      if (!zt_encoding_from_name(val, &s->enc)) {
        snprintf(msg, sizeof msg, "unknown encoding '%.32s' (use auto, "
                 "utf-8 or windows-1252)", val);
        st = bad(err, m, sec, key, msg);
      }
    } else if (strcmp(key, "money") == 0) {
      if (g_ascii_strcasecmp(val, "euros") == 0)
        s->money_euros = true;
      else if (g_ascii_strcasecmp(val, "cents") == 0)
        s->money_euros = false;
      else {
        snprintf(msg, sizeof msg, "unknown money format '%.32s' (use "
                 "cents or euros)", val);
        st = bad(err, m, sec, key, msg);
      }
    } else if (g_str_has_prefix(key, "column.") ||
               g_str_has_prefix(key, "const.")) {
      bool is_col = g_str_has_prefix(key, "column.");
      const char *fname = key + (is_col ? 7 : 6);
      int fi = field_index(lay, fname);
      if (fi < 0) {
        snprintf(msg, sizeof msg, "'%.40s' is not a field of %s", fname,
                 zt_kind_name(s->kind));
        st = bad(err, m, sec, key, msg);
      } else if (is_col && val[0] == '\0') {
        st = bad(err, m, sec, key, "empty column name");
      } else if (is_col) {
        g_free(s->column[fi]);
        g_free(s->column_key[fi]);
        s->column[fi] = g_strdup(val);
        s->column_key[fi] = zt_csv_name_key(val, strlen(val));
      } else {
        g_free(s->constant[fi]);
        s->constant[fi] = g_strdup(val);
      }
      if (!st && s->column[fi] && s->constant[fi])
        st = bad(err, m, sec, key, "a field has both a column and a "
                 "constant");
    } else {
      st = bad(err, m, sec, key, "unknown key (known: match, kind, "
               "delimiter, encoding, money, description, column.FIELD, "
               "const.FIELD)");
    }
    g_free(val);
  }
  if (!st && s->nmatch == 0)
    st = bad(err, m, sec, "match", "missing or empty: name the header "
             "columns that identify this export");
out:
  g_strfreev(keys);
  return st;
}

zt_status zt_csvmap_load(zt_csvmap **out, const char *path, zt_err *err) {
  GKeyFile *kf = g_key_file_new();
  GError *ge = NULL;
  gchar **groups;
  gsize ng = 0;
  zt_csvmap *m;
  zt_status st = ZT_OK;

  *out = NULL;
  if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &ge)) {
    bool io = ge->domain == G_FILE_ERROR;
    /* GKeyFile quotes the line it could not read: a key or a BSN when
     * the path names the wrong file */
    char *msg = zt_mask_secret_dup(ge->message);
    st = zt_fail(err, io ? ZT_ERR_IO : ZT_ERR_USAGE, "mapping %s: %s", path,
                 msg);
    g_free(msg);
    g_error_free(ge);
    g_key_file_free(kf);
    return st;
  }
  m = g_new0(zt_csvmap, 1);
  m->path = g_strdup(path);
  groups = g_key_file_get_groups(kf, &ng);
  m->sections = g_new0(zt_csvmap_section, ng ? ng : 1);
  for (gsize i = 0; i < ng && !st; i++) {
    st = load_section(m, kf, groups[i], &m->sections[i], err);
    m->nsections = (int)i + 1;
  }
  if (!st && ng == 0)
    st = zt_fail(err, ZT_ERR_USAGE, "mapping %s: no sections", path);
  g_strfreev(groups);
  g_key_file_free(kf);
  if (st) {
    zt_csvmap_free(m);
    return st;
  }
  *out = m;
  return ZT_OK;
}
