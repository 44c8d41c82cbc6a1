/*
 * core/kinds.h -- the care kinds and their groups (docs/indicators.md,
 * "Care kinds", generated from this table).
 *
 * Every declaration line gets one care kind; a kind belongs to one or more
 * groups (verblijf, gezinsvorm, residentieel, instelling, ...). This table
 * is shared by ingest (the product catalogue names kinds), normalization,
 * the indicators and the report (labels and colours keyed by kind).
 */
#ifndef ZT_KINDS_H
#define ZT_KINDS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum zt_care_kind {
  ZT_K_AMB_BEGELEIDING,
  ZT_K_AMB_BEHANDELING,
  ZT_K_DAGBEHANDELING,
  ZT_K_DAGACTIVITEITEN,
  ZT_K_DYSLEXIE,
  ZT_K_ZIEKENHUIS,
  ZT_K_LOGEREN,
  ZT_K_CRISIS,
  ZT_K_PLEEGZORG,
  ZT_K_GEZINSHUIS,
  ZT_K_RESIDENTIEEL,
  ZT_K_DRIEMILIEU,
  ZT_K_GESLOTEN,
  ZT_K_GGZ_KLINISCH,
  ZT_K_BESCHERMD_WONEN,
  ZT_K_LTA,
  ZT_K_JEUGDBESCHERMING,
  ZT_K_VOOGDIJ,
  ZT_K_JEUGDRECLASSERING,
  ZT_K_OVERIG,
  ZT_K_COUNT
} zt_care_kind;

/* Groups as bit flags. */
enum {
  ZT_G_AMBULANT = 1u << 0,
  ZT_G_SHORT_STAY = 1u << 1,
  ZT_G_VERBLIJF = 1u << 2,
  ZT_G_GEZINSVORM = 1u << 3,
  ZT_G_RESIDENTIEEL = 1u << 4,
  ZT_G_INSTELLING = 1u << 5,
  ZT_G_GI = 1u << 6,
  ZT_G_OTHER = 1u << 7
};

const char *zt_kind_id(zt_care_kind k);      /* "pleegzorg" */
const char *zt_kind_label_nl(zt_care_kind k); /* "Pleegzorg" */
unsigned zt_kind_groups(zt_care_kind k);
bool zt_kind_in(zt_care_kind k, unsigned group_mask);
/* Rank for "most restrictive wins" among verblijf kinds: gesloten (7) >
 * driemilieu > ggz_klinisch > residentieel > beschermd_wonen > gezinshuis
 * > pleegzorg (1); 0 for kinds outside verblijf. */
int zt_kind_restrictiveness(zt_care_kind k);
/* Kind by id; -1 when unknown. */
int zt_kind_from_id(const char *id);
/* Group mask by name ("verblijf", "instelling", ...); 0 when unknown. */
unsigned zt_group_from_name(const char *name);
const char *zt_group_name(unsigned group_bit);

#endif
