/*
 * render/hyph.h -- Dutch hyphenation for narrow text: libhyphen with the
 * hyphen-nl patterns marks where a word may break, and we insert soft
 * hyphens (U+00AD) there before pango lays the text out; pango then
 * breaks at them and shows a hyphen only where it breaks.
 *
 * Only prose is hyphenated: words of letters only, at least six long.
 * Numbers, codes and words with digits stay whole. Dutch breaks that
 * change spelling (cafeetje, café-tje) cannot be written as a soft hyphen
 * and are skipped.
 *
 * A word that starts with a capital letter is never split: proper names
 * (Zorggroep Cliënt, Hilversum), the names of care kinds and providers as
 * the report writes them (Gezinshuizen, Jeugdbescherming) and the first
 * word of a sentence all stay whole. A simple rule that needs no list of
 * names. Callers use this only for running body text; table cells, chart
 * labels, tiles and headings are never hyphenated (docs/report.md).
 */
#ifndef ZT_HYPH_H
#define ZT_HYPH_H

#include "core/buf.h"
#include "core/err.h"

#define ZT_HYPH_NL_DIC "/usr/share/hyphen/hyph_nl_NL.dic"

typedef struct zt_hyph zt_hyph;

/* Load the patterns from `dic` (NULL: ZT_HYPH_NL_DIC). */
zt_status zt_hyph_open(const char *dic, zt_hyph **out, zt_err *err);
void zt_hyph_close(zt_hyph *h);
/* Append `utf8` to `out` with soft hyphens inserted. */
zt_status zt_hyph_text(zt_hyph *h, const char *utf8, zt_buf *out);

#endif
