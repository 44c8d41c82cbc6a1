/*
 * etl/narrative.h -- the region's own message for one period: a small
 * text file the policy officer writes (duiding-2023-H2.txt), read when a
 * report is written. It fills the blocks "Duiding" and "Besluitpunten"
 * of the summary (docs/configuration.md, "The steering text").
 *
 * The format is a tiny, safe subset of Markdown:
 *
 *   # Duiding
 *   A paragraph; lines up to a blank line form one paragraph.
 *   Text between *asterisks* is emphasised.
 *
 *   # Besluitpunten
 *   - A bullet; following lines continue it.
 *
 * Nothing else is markup: the text is kept as plain strings (the writers
 * escape it), so no HTML or pango markup can come in through the file.
 * The file is bounded (ZT_NARR_MAX_BYTES), must be UTF-8 and may hold no
 * control characters; a mistake is an error naming the file and line.
 */
#ifndef ZT_NARRATIVE_H
#define ZT_NARRATIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define ZT_NARR_MAX_BYTES (64u * 1024u)
#define ZT_NARR_MAX_ITEMS 100   /* paragraphs and bullets per part */

/* A piece of text, emphasised or not. */
typedef struct zt_narr_span {
  char *text;
  bool em;
} zt_narr_span;

/* A paragraph or a bullet. */
typedef struct zt_narr_item {
  bool bullet;
  zt_narr_span *spans;
  size_t nspans;
} zt_narr_item;

typedef struct zt_narr_part {
  zt_narr_item *items;
  size_t n;
} zt_narr_part;

/* The parts, in the order the headings name them. */
typedef enum zt_narr_part_id {
  ZT_NARR_DUIDING,
  ZT_NARR_BESLUITPUNTEN,
  ZT_NARR_NPARTS
} zt_narr_part_id;

typedef struct zt_narrative {
  zt_narr_part part[ZT_NARR_NPARTS];
} zt_narrative;

/* The part a heading names ("Duiding", "besluitpunten"; case is
 * ignored), or -1. */
int zt_narr_part_from_name(const char *name);

/* Parse `len` bytes of `text`; `name` is used in error messages
 * ("duiding-2023-H2.txt:7: ..."). ZT_ERR_INPUT on a malformed file,
 * ZT_ERR_NOMEM beyond the limits. Free with zt_narrative_free. */
zt_status zt_narrative_parse(const char *text, size_t len, const char *name,
                             zt_narrative **out, zt_err *err);

/* Read and parse the file at `path`. A file that does not exist is not
 * an error: *out is NULL. */
zt_status zt_narrative_load(const char *path, zt_narrative **out,
                            zt_err *err);

void zt_narrative_free(zt_narrative *n);

/* The plain text of an item (spans joined); caller g_free()s. */
char *zt_narr_item_plain(const zt_narr_item *it);

#endif
