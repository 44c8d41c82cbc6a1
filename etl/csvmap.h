/*
 * etl/csvmap.h -- CSV mapping files: how to read an export flavour that
 * does not use the canonical CSV layout (docs/inputs.md, docs/mapping.md).
 *
 * A mapping file is an INI file (GLib GKeyFile) with one section per
 * export flavour:
 *
 *   [suite4jeugd]
 *   match = Clientnummer;AGB-code zorgaanbieder
 *   kind = declaraties
 *   delimiter = ;
 *   encoding = windows-1252
 *   money = euros
 *   column.aanbieder_agb = AGB-code zorgaanbieder
 *   const.gemeente = 0402
 *
 * A file matches a section when every `match` column is in its header;
 * the first matching section (in file order) wins. Loading checks every
 * section completely, so a typo in a mapping is a configuration error at
 * once, not a silently ignored column.
 */
#ifndef ZT_CSVMAP_H
#define ZT_CSVMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "etl/encoding.h"
#include "etl/record.h"

typedef struct zt_csvmap_section {
  char *name;                  /* the section: the flavour's name */
  zt_kind kind;                /* never ZT_KIND_AUTO */
  char delim;                  /* 0: detect from the header */
  zt_encoding enc;             /* ZT_ENC_AUTO: detect */
  bool money_euros;            /* money = euros */
  int nmatch;
  char **match;                /* header names that identify the flavour,
                                * as written */
  char **match_key;            /* the same, folded (zt_csv_name_key) */
  /* Per canonical field of `kind` (record.h order): */
  char *column[ZT_MAX_FIELDS];     /* header name, or NULL: the canonical
                                    * name itself */
  char *column_key[ZT_MAX_FIELDS]; /* folded */
  char *constant[ZT_MAX_FIELDS];   /* a constant value, or NULL */
} zt_csvmap_section;

typedef struct zt_csvmap {
  char *path;
  int nsections;
  zt_csvmap_section *sections;
} zt_csvmap;

/* Load and check a mapping file. ZT_ERR_IO when it cannot be read,
 * ZT_ERR_USAGE when it is not valid (the message names the file, the
 * section and the key). The caller frees with zt_csvmap_free(). */
zt_status zt_csvmap_load(zt_csvmap **out, const char *path, zt_err *err);
void zt_csvmap_free(zt_csvmap *m);

/* The key under which a header name is compared: blanks, no-break spaces
 * and BOMs trimmed from both ends, Unicode NFC, case folded. `s` must be
 * valid UTF-8. Returns a string to g_free(). */
char *zt_csv_name_key(const char *s, size_t n);

/* The delimiter a mapping value names (";", ",", "|", "tab", "semicolon",
 * "comma", "pipe"), or 0. */
char zt_csvmap_delim_from_name(const char *s);

#endif
