/*
 * cli/config.c -- the region's configuration (see config.h).
 *
 * GKeyFile parses the INI file. docs/configuration.md's example puts
 * comments after a value with ';', which GKeyFile would keep as part of
 * the value, so a ' ;' or ' #' (blank, then the comment sign) ends a
 * value here.
 */
#include "cli/config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/str.h"
#include "etl/mask.h"
#include "etl/refdata.h"
#include "metrics/period.h"

void zt_config_set_str(char **slot, const char *value) {
  g_free(*slot);
  *slot = value ? g_strdup(value) : NULL;
}

void zt_config_defaults(zt_config *c) {
  memset(c, 0, sizeof *c);
  c->base_dir = g_get_current_dir();
  c->region_name = g_strdup("Regio");
  c->store_path = g_strdup("zothuis.db");
  c->key_file = g_strdup("zothuis.key");
  c->inbox = g_strdup("inbox");
  c->archive = g_strdup("archive");
  c->rejected_dir = g_strdup("rejected");
  c->settle_seconds = 120;
  c->woonplaatsbeginsel = ZT_WPB_RESTATED;
  c->boundaries_historic = false;
  c->verblijf_gap_days = 0;
  c->wait_norm_days = 42;
  c->episode_kinds = g_strdup("instelling");
  c->population_band = g_strdup("0-17");
  c->episode_gap_days = 7;
  c->top_n = 25;
  c->cohort = g_strdup("previous-year");
  c->out_dir = g_strdup("out");
  c->formats = g_strdup("pdf,html,csv");
  c->suppression = ZT_SUPP_SMALL;
  c->threshold = 5;
  c->lock_wait_seconds = 60;
  c->periods = g_strdup("auto");
  c->compl_history = 12;
  c->compl_max_delay = 12;
  c->compl_min_clients = 50;
  c->as_of = ZT_DAY_NONE;
}

void zt_config_free(zt_config *c) {
  char **strs[] = {
      &c->file,          &c->base_dir,  &c->region_name,   &c->store_path,
      &c->key_file,      &c->inbox,     &c->archive,       &c->rejected_dir,
      &c->product_codes, &c->providers, &c->targets,       &c->measures,
      &c->budget,        &c->narrative, &c->mapping,       &c->reference_dir,
      &c->episode_kinds, &c->cohort,    &c->template_path, &c->out_dir,
      &c->formats,       &c->log_file,  &c->periods,
      &c->population,    &c->population_band};
  for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
    g_free(*strs[i]);
    *strs[i] = NULL;
  }
  free(c->members);
  c->members = NULL;
  c->nmembers = 0;
}

bool zt_config_is_member(const zt_config *c, uint16_t code, zt_day d) {
  return zt_member_on(c->members, c->nmembers, code, d);
}

/* Cut an inline comment (" ;..." or " #...") and blanks off a value. */
static char *clean_value(char *v) {
  for (char *p = v; *p; p++)
    if ((*p == ';' || *p == '#') && p > v && (p[-1] == ' ' || p[-1] == '\t')) {
      *p = '\0';
      break;
    }
  return g_strstrip(v);
}

/* A path from the file: relative to the file's folder. */
static char *resolve(const char *base, const char *value) {
  if (!*value || g_path_is_absolute(value))
    return g_strdup(value);
  return g_build_filename(base, value, NULL);
}

typedef enum {
  K_STR, K_PATH, K_INT, K_BOOL, K_WPB, K_BOUNDS, K_SUPPR, K_MEMBERS, K_COHORT,
  K_STATUS
} ktype;

typedef struct key_def {
  const char *section;
  const char *key;
  ktype type;
  size_t offset;
  long min, max;
} key_def;

#define OFF(f) offsetof(zt_config, f)
static const key_def keys[] = {
    {"region", "name", K_STR, OFF(region_name), 0, 0},
    {"region", "municipalities", K_MEMBERS, 0, 0, 0},
    {"store", "path", K_PATH, OFF(store_path), 0, 0},
    {"store", "key_file", K_PATH, OFF(key_file), 0, 0},
    {"input", "inbox", K_PATH, OFF(inbox), 0, 0},
    {"input", "archive", K_PATH, OFF(archive), 0, 0},
    {"input", "rejected", K_PATH, OFF(rejected_dir), 0, 0},
    {"input", "product_codes", K_PATH, OFF(product_codes), 0, 0},
    {"input", "providers", K_PATH, OFF(providers), 0, 0},
    {"input", "population", K_PATH, OFF(population), 0, 0},
    {"input", "targets", K_PATH, OFF(targets), 0, 0},
    {"input", "measures", K_PATH, OFF(measures), 0, 0},
    {"input", "budget", K_PATH, OFF(budget), 0, 0},
    {"input", "duiding", K_PATH, OFF(narrative), 0, 0},
    {"input", "mapping", K_PATH, OFF(mapping), 0, 0},
    {"input", "reference", K_PATH, OFF(reference_dir), 0, 0},
    {"input", "settle_seconds", K_INT, OFF(settle_seconds), 0, 86400},
    {"input", "require_marker", K_BOOL, OFF(require_marker), 0, 0},
    {"input", "reference_from_inbox", K_BOOL, OFF(reference_from_inbox), 0,
     0},
    {"normalize", "woonplaatsbeginsel", K_WPB, 0, 0, 0},
    {"normalize", "verblijf_gap_days", K_INT, OFF(verblijf_gap_days), 0, 366},
    {"normalize", "boundaries", K_BOUNDS, 0, 0, 0},
    {"analysis", "episode_kinds", K_STR, OFF(episode_kinds), 0, 0},
    {"analysis", "population_band", K_STR, OFF(population_band), 0, 0},
    {"analysis", "episode_gap_days", K_INT, OFF(episode_gap_days), 0, 366},
    {"analysis", "top_n", K_INT, OFF(top_n), 1, 1000},
    {"analysis", "wait_norm_days", K_INT, OFF(wait_norm_days), 1, 730},
    {"analysis", "cohort", K_COHORT, OFF(cohort), 0, 0},
    {"report", "template", K_PATH, OFF(template_path), 0, 0},
    {"report", "out", K_PATH, OFF(out_dir), 0, 0},
    {"report", "formats", K_STR, OFF(formats), 0, 0},
    {"report", "suppression", K_SUPPR, 0, 0, 0},
    {"report", "threshold", K_INT, OFF(threshold), 2, 100},
    {"report", "status", K_STATUS, 0, 0, 0},
    {"run", "lock_wait", K_INT, OFF(lock_wait_seconds), 0, 86400},
    {"completeness", "history_months", K_INT, OFF(compl_history), 3, 120},
    {"completeness", "max_delay", K_INT, OFF(compl_max_delay), 1, 36},
    {"completeness", "min_clients", K_INT, OFF(compl_min_clients), 1,
     1000000},
    {"run", "log_file", K_PATH, OFF(log_file), 0, 0},
    {"run", "periods", K_STR, OFF(periods), 0, 0},
};

static const key_def *find_key(const char *section, const char *key) {
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].key, key) == 0)
      return &keys[i];
  return NULL;
}

static zt_status apply(zt_config *c, const key_def *k, const char *value,
                       const char *base, const char *where, zt_err *err) {
  char **slot = (char **)((char *)c + k->offset);
  long v;
  switch (k->type) {
  case K_STR:
    zt_config_set_str(slot, value);
    return ZT_OK;
  case K_PATH:
    g_free(*slot);
    *slot = resolve(base, value);
    return ZT_OK;
  case K_INT:
    if (zt_parse_int(value, k->min, k->max, &v))
      return zt_fail(err, ZT_ERR_USAGE,
                     "%s: %s.%s = '%s': expected a whole number from %ld to "
                     "%ld", where, k->section, k->key, value, k->min, k->max);
    *(int *)((char *)c + k->offset) = (int)v;
    return ZT_OK;
  case K_BOOL:
    if (strcmp(value, "true") == 0 || strcmp(value, "yes") == 0 ||
        strcmp(value, "1") == 0)
      *(bool *)((char *)c + k->offset) = true;
    else if (strcmp(value, "false") == 0 || strcmp(value, "no") == 0 ||
             strcmp(value, "0") == 0)
      *(bool *)((char *)c + k->offset) = false;
    else
      return zt_fail(err, ZT_ERR_USAGE,
                     "%s: %s.%s = '%s': expected true or false", where,
                     k->section, k->key, value);
    return ZT_OK;
  case K_WPB:
    if (strcmp(value, "declared") == 0)
      c->woonplaatsbeginsel = ZT_WPB_DECLARED;
    else if (strcmp(value, "legal") == 0)
      c->woonplaatsbeginsel = ZT_WPB_LEGAL;
    else if (strcmp(value, "restated") == 0)
      c->woonplaatsbeginsel = ZT_WPB_RESTATED;
    else
      return zt_fail(err, ZT_ERR_USAGE,
                     "%s: normalize.woonplaatsbeginsel = '%s': expected "
                     "declared, legal or restated", where, value);
    return ZT_OK;
  case K_BOUNDS:
    if (strcmp(value, "current") == 0)
      c->boundaries_historic = false;
    else if (strcmp(value, "historic") == 0)
      c->boundaries_historic = true;
    else
      return zt_fail(err, ZT_ERR_USAGE,
                     "%s: normalize.boundaries = '%s': expected current or "
                     "historic", where, value);
    return ZT_OK;
  case K_SUPPR:
    if (strcmp(value, "none") == 0)
      c->suppression = ZT_SUPP_NONE;
    else if (strcmp(value, "small") == 0)
      c->suppression = ZT_SUPP_SMALL;
    else if (strcmp(value, "cbs") == 0)
      c->suppression = ZT_SUPP_CBS;
    else
      return zt_fail(err, ZT_ERR_USAGE,
                     "%s: report.suppression = '%s': expected none, small or "
                     "cbs", where, value);
    return ZT_OK;
  case K_STATUS:
    return zt_config_set_status(c, value, where, err);
  case K_COHORT: {
    zt_period p;
    if (strcmp(value, "previous-year") != 0 && strcmp(value, "period") != 0 &&
        zt_period_parse(value, &p, NULL) != ZT_OK)
      return zt_fail(err, ZT_ERR_USAGE,
                     "%s: analysis.cohort = '%s': expected previous-year, "
                     "period, YYYY or YYYY-H1/H2", where, value);
    zt_config_set_str(slot, value);
    return ZT_OK;
  }
  case K_MEMBERS: {
    zt_member *m;
    size_t n;
    zt_status st = zt_members_parse(value, &m, &n, err);
    if (st)
      return zt_err_prefix(err, "%s: region.municipalities", where);
    free(c->members);
    c->members = m;
    c->nmembers = n;
    return ZT_OK;
  }
  }
  return ZT_ERR_INTERNAL;
}

/* A key given twice in a section (also when the section is repeated):
 * GKeyFile would keep the last one without a word, so a second
 * `municipalities =` line would silently drop the first list. */
static zt_status no_repeated_keys(const char *path, const char *text,
                                  zt_err *err) {
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                           NULL);
  gchar **lines = g_strsplit(text, "\n", -1);
  char *group = g_strdup("");
  zt_status st = ZT_OK;
  for (size_t i = 0; lines[i] && !st; i++) {
    char *l = g_strstrip(lines[i]), *eq;
    if (*l == '[') {
      char *end = strchr(l, ']');
      g_free(group);
      group = g_strndup(l + 1, end ? (size_t)(end - l - 1) : strlen(l + 1));
    } else if (*l && *l != '#' && *l != ';' && (eq = strchr(l, '='))) {
      char *key;
      *eq = '\0';
      key = g_strdup_printf("[%s] %s", group, g_strstrip(l));
      if (g_hash_table_contains(seen, key)) {
        char *shown = zt_mask_secret_dup(key);
        st = zt_fail(err, ZT_ERR_USAGE,
                     "configuration %s: line %zu: %s is given a second "
                     "time; give each key once", path, i + 1, shown);
        g_free(shown);
        g_free(key);
      } else {
        g_hash_table_add(seen, key);
      }
    }
  }
  g_free(group);
  g_strfreev(lines);
  g_hash_table_destroy(seen);
  return st;
}

static zt_status load_file(zt_config *c, const char *path, zt_err *err) {
  GKeyFile *kf = g_key_file_new();
  GError *ge = NULL;
  gchar **groups;
  gchar *text = NULL;
  gsize len = 0;
  const char *body;
  zt_status st = ZT_OK;

  if (!g_file_get_contents(path, &text, &len, &ge)) {
    st = zt_fail(err, ZT_ERR_USAGE, "configuration %s: %s", path,
                 ge->message);
    g_error_free(ge);
    g_key_file_free(kf);
    return st;
  }
  /* a byte order mark (Windows Notepad) is not part of the first line */
  body = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? text + 3 : text;
  st = no_repeated_keys(path, body, err);
  if (!st && !g_key_file_load_from_data(kf, body, (gsize)-1,
                                         G_KEY_FILE_NONE, &ge)) {
    /* GKeyFile quotes the line: --config naming the key file or a data
     * file would print a key or a BSN; masked before it is cut */
    char *msg = zt_mask_secret_dup(ge->message);
    st = zt_fail(err, ZT_ERR_USAGE, "configuration %s: %s", path, msg);
    g_free(msg);
    g_error_free(ge);
  }
  g_free(text);
  if (st) {
    g_key_file_free(kf);
    return st;
  }
  g_free(c->base_dir);
  c->base_dir = g_path_get_dirname(path);
  zt_config_set_str(&c->file, path);
  groups = g_key_file_get_groups(kf, NULL);
  for (size_t g = 0; groups[g] && !st; g++) {
    gchar **names = g_key_file_get_keys(kf, groups[g], NULL, NULL);
    for (size_t i = 0; names && names[i] && !st; i++) {
      const key_def *k = find_key(groups[g], names[i]);
      gchar *raw = g_key_file_get_value(kf, groups[g], names[i], NULL);
      if (!k) {
        char *gs = zt_mask_secret_dup(groups[g]);
        char *ks = zt_mask_secret_dup(names[i]);
        st = zt_fail(err, ZT_ERR_USAGE,
                     "configuration %s: unknown key [%s] %s (see "
                     "docs/configuration.md)", path, gs, ks);
        g_free(gs);
        g_free(ks);
      } else
        st = apply(c, k, clean_value(raw), c->base_dir, path, err);
      g_free(raw);
    }
    g_strfreev(names);
  }
  g_strfreev(groups);
  g_key_file_free(kf);
  return st;
}

zt_status zt_config_load(zt_config *c, const char *path,
                         const char *const *sets, size_t nsets,
                         zt_err *err) {
  zt_status st = ZT_OK;
  if (path)
    st = load_file(c, path, err);
  else if (access("zothuis.ini", R_OK) == 0)
    st = load_file(c, "zothuis.ini", err);
  for (size_t i = 0; !st && i < nsets; i++) {
    char *dup = g_strdup(sets[i]);
    char *eq = strchr(dup, '=');
    char *dot = strchr(dup, '.');
    const key_def *k = NULL;
    char *cwd = g_get_current_dir();
    if (eq && dot && dot < eq) {
      *eq = '\0';
      *dot = '\0';
      k = find_key(g_strstrip(dup), g_strstrip(dot + 1));
    }
    if (!k)
      st = zt_fail(err, ZT_ERR_USAGE,
                   "--set '%s': expected section.key=value with a known key",
                   sets[i]);
    else
      st = apply(c, k, g_strstrip(eq + 1), cwd, "--set", err);
    g_free(cwd);
    g_free(dup);
  }
  /* a value quoted back (an unknown key, a number out of range) may be
   * a line of another file: masked like a header preview */
  if (st && err) {
    char *msg = zt_mask_secret_dup(err->msg);
    zt_strlcpy(err->msg, msg, sizeof err->msg);
    g_free(msg);
  }
  return st;
}

zt_status zt_config_set_status(zt_config *c, const char *value,
                               const char *where, zt_err *err) {
  if (strcmp(value, "concept") == 0)
    c->definitief = false;
  else if (strcmp(value, "definitief") == 0)
    c->definitief = true;
  else
    return zt_fail(err, ZT_ERR_USAGE,
                   "%s: report.status = '%s': expected concept or "
                   "definitief", where, value);
  return ZT_OK;
}

char *zt_config_narrative_path(const zt_config *c, const char *pname) {
  const char *p = c->narrative, *at;
  if (!p || !*p)
    return NULL;
  at = strstr(p, "{periode}");
  if (!at)
    return g_strdup(p);
  return g_strdup_printf("%.*s%s%s", (int)(at - p), p, pname, at + 9);
}

char **zt_config_describe(const zt_config *c) {
  static const char *const wpb[] = {"declared", "legal", "restated"};
  static const char *const sup[] = {"none", "small", "cbs"};
  GPtrArray *a = g_ptr_array_new();
  GString *m = g_string_new(NULL);
  for (size_t i = 0; i < c->nmembers; i++) {
    char iso[11];
    g_string_append_printf(m, "%s%04u", i ? "," : "", c->members[i].gemeente);
    if (c->members[i].from != ZT_DAY_NONE || c->members[i].to != ZT_DAY_NONE) {
      g_string_append_c(m, '@');
      zt_date_iso(c->members[i].from, iso);
      g_string_append_printf(m, "%s..", iso);
      zt_date_iso(c->members[i].to, iso);
      g_string_append(m, iso);
    }
  }
  g_ptr_array_add(a, g_strdup_printf("region.name = %s", c->region_name));
  g_ptr_array_add(a, g_strdup_printf("region.municipalities = %s", m->str));
  g_ptr_array_add(a, g_strdup_printf("normalize.woonplaatsbeginsel = %s",
                                     wpb[c->woonplaatsbeginsel]));
  g_ptr_array_add(a, g_strdup_printf("normalize.boundaries = %s",
                                     c->boundaries_historic ? "historic"
                                                            : "current"));
  g_ptr_array_add(a, g_strdup_printf("normalize.verblijf_gap_days = %d",
                                     c->verblijf_gap_days));
  g_ptr_array_add(a, g_strdup_printf("analysis.episode_kinds = %s",
                                     c->episode_kinds));
  g_ptr_array_add(a, g_strdup_printf("analysis.episode_gap_days = %d",
                                     c->episode_gap_days));
  g_ptr_array_add(a, g_strdup_printf("analysis.top_n = %d", c->top_n));
  g_ptr_array_add(a, g_strdup_printf("analysis.cohort = %s", c->cohort));
  g_ptr_array_add(a, g_strdup_printf("analysis.wait_norm_days = %d",
                                     c->wait_norm_days));
  g_ptr_array_add(a, g_strdup_printf("report.suppression = %s",
                                     sup[c->suppression]));
  g_ptr_array_add(a, g_strdup_printf("report.threshold = %d", c->threshold));
  g_ptr_array_add(a, NULL);
  g_string_free(m, TRUE);
  return (char **)g_ptr_array_free(a, FALSE);
}

/* The folder the steering texts ([input] duiding) are read from: the
 * pattern's folder when {periode} stands in its name, the folder before
 * {periode} when it stands in a folder's name; the path itself when it
 * has no {periode}. NULL when none is set. */
static char *narrative_place(const zt_config *c) {
  const char *p = c->narrative, *at;
  char *head, *dir;
  if (!p || !*p)
    return NULL;
  at = strstr(p, "{periode}");
  if (!at)
    return g_strdup(p);
  head = g_strndup(p, (size_t)(at - p));
  dir = g_path_get_dirname(head);
  g_free(head);
  return dir;
}

size_t zt_own_paths(const zt_config *c, zt_own_path out[ZT_OWN_PATHS_MAX]) {
  static const char *const sfx[] = {"", "-wal", "-shm", "-journal",
                                    ".lock"};
  static const char *const sfx_what[] = {
      "the store", "the store's write-ahead log",
      "the store's shared memory file", "the store's journal",
      "the store's lock file"};
  const struct {
    const char *path;
    const char *what;
    bool walk, file;
  } more[] = {{c->key_file, "the store's key file", true, true},
              {c->file, "the configuration file", true, true},
              {c->archive, "the archive folder", true, false},
              {c->rejected_dir, "the folder of rejected files", true, false},
              {c->out_dir, "the report folder", true, false},
              {c->log_file, "the log file", true, true},
              {c->product_codes, "the product catalogue", false, true},
              {c->providers, "the provider list", false, true},
              {c->population, "the population file", false, true},
              {c->targets, "the targets file ([input] targets)", false,
               true},
              {c->measures, "the measures file ([input] measures)", false,
               true},
              {c->budget, "the budget file ([input] budget)", false, true},
              {c->mapping, "the CSV mapping file ([input] mapping)", false,
               true}};
  size_t n = 0;
  char *duiding, *real = NULL;
  struct stat sb;
  /* a store named through a link: SQLite keeps its -wal, -shm and
   * -journal, and zothuis its lock file, beside the file linked to */
  if (c->store_path && lstat(c->store_path, &sb) == 0 && S_ISLNK(sb.st_mode))
    real = realpath(c->store_path, NULL);
  for (size_t i = 0; c->store_path && i < G_N_ELEMENTS(sfx); i++)
    out[n++] = (zt_own_path){g_strconcat(i && real ? real : c->store_path,
                                         sfx[i], NULL),
                             sfx_what[i], true, true, false};
  free(real);
  for (size_t i = 0; i < G_N_ELEMENTS(more); i++)
    if (more[i].path && *more[i].path)
      out[n++] = (zt_own_path){g_strdup(more[i].path), more[i].what,
                               more[i].walk, more[i].file,
                               more[i].path == c->log_file};
  duiding = narrative_place(c);
  if (duiding)
    out[n++] = (zt_own_path){duiding, "the steering texts ([input] duiding)",
                             false, false, false};
  return n;
}

void zt_own_paths_free(zt_own_path *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    g_free(p[i].path);
}

char *zt_path_canonical(const char *p) {
  char *r = realpath(p, NULL), *dir, *base, *rd;
  if (r) {
    char *g = g_strdup(r);
    free(r);
    return g;
  }
  dir = g_path_get_dirname(p);
  base = g_path_get_basename(p);
  rd = realpath(dir, NULL);
  r = rd ? g_build_filename(rd, base, NULL) : g_canonicalize_filename(p, NULL);
  free(rd);
  g_free(dir);
  g_free(base);
  return r;
}

/* Is the canonical path `p` the canonical folder `dir` or inside it? */
static bool inside(const char *p, const char *dir) {
  size_t len = strlen(dir);
  return strncmp(p, dir, len) == 0 &&
         (p[len] == '/' || p[len] == '\0' || len == 1);
}

/* The folders deliveries live in (the inbox, the archive, the rejected
 * files): no output is written into them, and a folder replaced whole
 * never holds them. `which` 0..2; NULL when not set. */
static const char *delivery_dir(const zt_config *c, int which,
                                const char **what) {
  static const char *const whats[3] = {"the inbox", "the archive folder",
                                       "the folder of rejected files"};
  const char *d = which == 0 ? c->inbox : which == 1 ? c->archive
                                                     : c->rejected_dir;
  *what = whats[which];
  return d && *d ? d : NULL;
}

zt_status zt_check_output_inputs(const zt_config *c, const char *path,
                                 const char *what, char *const *inputs,
                                 size_t n, zt_err *err) {
  struct stat ps, is;
  bool have, in_out;
  char *cp, *co;
  zt_status st = ZT_OK;
  if (!path || strcmp(path, "-") == 0)
    return ZT_OK;
  have = stat(path, &ps) == 0;
  cp = zt_path_canonical(path);
  /* the report folder is zothuis's own: a walk never reads it */
  co = c->out_dir && *c->out_dir ? zt_path_canonical(c->out_dir) : NULL;
  in_out = co && inside(cp, co);
  g_free(co);
  for (size_t i = 0; !st && i < n; i++) {
    char *ci = zt_path_canonical(inputs[i]);
    bool same = have && stat(inputs[i], &is) == 0 &&
                ps.st_dev == is.st_dev && ps.st_ino == is.st_ino;
    if (same || (inside(cp, ci) && !in_out))
      st = zt_fail(err, ZT_ERR_USAGE,
                   "%s %s is %s %s, given to read: zothuis never writes "
                   "over a delivery; choose another file", what, path,
                   same || strcmp(cp, ci) == 0 ? "the file" : "inside",
                   inputs[i]);
    g_free(ci);
  }
  g_free(cp);
  return st;
}

zt_status zt_check_output(const zt_config *c, const char *path,
                          const char *what, bool is_log, zt_err *err) {
  zt_own_path own[ZT_OWN_PATHS_MAX];
  struct stat ps, os;
  bool have;
  char *cp = NULL;
  size_t n;
  zt_status st = ZT_OK;
  if (!path || strcmp(path, "-") == 0)
    return ZT_OK;
  have = stat(path, &ps) == 0;
  n = zt_own_paths(c, own);
  for (size_t i = 0; !st && i < n; i++) {
    bool same;
    if (!own[i].file || (is_log && own[i].log))
      continue;
    if (have && stat(own[i].path, &os) == 0) {
      same = ps.st_dev == os.st_dev && ps.st_ino == os.st_ino;
    } else {
      char *co = zt_path_canonical(own[i].path);
      if (!cp)
        cp = zt_path_canonical(path);
      same = strcmp(cp, co) == 0;
      g_free(co);
    }
    if (same)
      st = zt_fail(err, ZT_ERR_USAGE,
                   "%s %s is %s (%s): zothuis never writes over it; "
                   "choose another file", what, path, own[i].what,
                   own[i].path);
  }
  /* a log file too: the run moves the files of these folders (and
   * would archive its own log); [report] out may hold one, but not a
   * period folder, which is replaced whole (zt_check_output_dir) */
  for (int w = 0; !st && w < 3; w++) {
    const char *dw, *d = delivery_dir(c, w, &dw);
    char *cd;
    if (!d)
      continue;
    if (!cp)
      cp = zt_path_canonical(path);
    cd = zt_path_canonical(d);
    if (inside(cp, cd))
      st = zt_fail(err, ZT_ERR_USAGE,
                   "%s %s is inside %s (%s): zothuis never writes into the "
                   "folders of deliveries; choose another place", what, path,
                   dw, d);
    g_free(cd);
  }
  g_free(cp);
  zt_own_paths_free(own, n);
  return st;
}

zt_status zt_check_output_dir(const zt_config *c, const char *dir,
                              const char *what, zt_err *err) {
  zt_own_path own[ZT_OWN_PATHS_MAX];
  char *cd = zt_path_canonical(dir);
  size_t n = zt_own_paths(c, own);
  zt_status st = ZT_OK;
  for (size_t i = 0; !st && i < n; i++) {
    char *co;
    if (!own[i].file)
      continue;
    co = zt_path_canonical(own[i].path);
    if (inside(co, cd))
      st = zt_fail(err, ZT_ERR_USAGE,
                   "%s %s holds %s (%s): the folder is replaced whole when "
                   "it is written; keep zothuis's own files and its input "
                   "files out of it", what, dir, own[i].what, own[i].path);
    g_free(co);
  }
  for (int w = 0; !st && w < 3; w++) {
    const char *dw, *d = delivery_dir(c, w, &dw);
    char *cw;
    if (!d)
      continue;
    cw = zt_path_canonical(d);
    if (inside(cw, cd) || inside(cd, cw))
      st = zt_fail(err, ZT_ERR_USAGE,
                   "%s %s %s %s (%s): the folder is replaced whole when it "
                   "is written; keep the folders of deliveries apart from "
                   "the reports", what, dir,
                   inside(cw, cd) ? "holds" : "is inside", dw, d);
    g_free(cw);
  }
  zt_own_paths_free(own, n);
  g_free(cd);
  return st;
}
