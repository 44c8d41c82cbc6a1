/*
 * core/kinds.c -- the care kind table (see kinds.h).
 */
#include "core/kinds.h"

#include <string.h>

static const struct {
  const char *id;
  const char *label;
  unsigned groups;
  int rank;
} kinds[ZT_K_COUNT] = {
    [ZT_K_AMB_BEGELEIDING] = {"amb_begeleiding", "Ambulante begeleiding",
                              ZT_G_AMBULANT, 0},
    [ZT_K_AMB_BEHANDELING] = {"amb_behandeling", "Ambulante behandeling",
                              ZT_G_AMBULANT, 0},
    [ZT_K_DAGBEHANDELING] = {"dagbehandeling", "Ambulante dagbehandeling",
                             ZT_G_AMBULANT, 0},
    [ZT_K_DAGACTIVITEITEN] = {"dagactiviteiten", "Dagactiviteiten",
                              ZT_G_AMBULANT, 0},
    [ZT_K_DYSLEXIE] = {"dyslexie", "Dyslexie", ZT_G_AMBULANT, 0},
    [ZT_K_ZIEKENHUIS] = {"ziekenhuis", "Ziekenhuiszorg", ZT_G_AMBULANT, 0},
    [ZT_K_LOGEREN] = {"logeren", "Logeren / respijtzorg", ZT_G_SHORT_STAY, 0},
    [ZT_K_CRISIS] = {"crisis", "Crisis", ZT_G_SHORT_STAY, 0},
    [ZT_K_PLEEGZORG] = {"pleegzorg", "Pleegzorg",
                        ZT_G_VERBLIJF | ZT_G_GEZINSVORM, 1},
    [ZT_K_GEZINSHUIS] = {"gezinshuis", "Gezinshuis",
                         ZT_G_VERBLIJF | ZT_G_GEZINSVORM, 2},
    [ZT_K_RESIDENTIEEL] = {"residentieel", "Behandel- en leefgroepen",
                           ZT_G_VERBLIJF | ZT_G_RESIDENTIEEL | ZT_G_INSTELLING,
                           4},
    [ZT_K_DRIEMILIEU] = {"driemilieu", "Driemilieuvoorziening",
                         ZT_G_VERBLIJF | ZT_G_RESIDENTIEEL | ZT_G_INSTELLING,
                         6},
    [ZT_K_GESLOTEN] = {"gesloten", "JeugdzorgPlus (gesloten)",
                       ZT_G_VERBLIJF | ZT_G_RESIDENTIEEL | ZT_G_INSTELLING, 7},
    [ZT_K_GGZ_KLINISCH] = {"ggz_klinisch", "Klinische jeugd-GGZ",
                           ZT_G_VERBLIJF | ZT_G_INSTELLING, 5},
    [ZT_K_BESCHERMD_WONEN] = {"beschermd_wonen", "Beschermd wonen (<18)",
                              ZT_G_VERBLIJF, 3},
    [ZT_K_LTA] = {"lta", "Landelijk Transitiearrangement", ZT_G_OTHER, 0},
    [ZT_K_JEUGDBESCHERMING] = {"jeugdbescherming", "Jeugdbescherming (OTS)",
                               ZT_G_GI, 0},
    [ZT_K_VOOGDIJ] = {"voogdij", "Voogdij", ZT_G_GI, 0},
    [ZT_K_JEUGDRECLASSERING] = {"jeugdreclassering", "Jeugdreclassering",
                                ZT_G_GI, 0},
    [ZT_K_OVERIG] = {"overig", "Overig", ZT_G_OTHER, 0},
};

static const struct {
  const char *name;
  unsigned bit;
} groups[] = {
  {"ambulant", ZT_G_AMBULANT},         {"short_stay", ZT_G_SHORT_STAY},
  {"verblijf", ZT_G_VERBLIJF},         {"gezinsvorm", ZT_G_GEZINSVORM},
  {"residentieel", ZT_G_RESIDENTIEEL}, {"instelling", ZT_G_INSTELLING},
  {"gi", ZT_G_GI},                     {"other", ZT_G_OTHER},
};

const char *zt_kind_id(zt_care_kind k) {
  return (unsigned)k < ZT_K_COUNT ? kinds[k].id : "?";
}

const char *zt_kind_label_nl(zt_care_kind k) {
  return (unsigned)k < ZT_K_COUNT ? kinds[k].label : "?";
}

unsigned zt_kind_groups(zt_care_kind k) {
  return (unsigned)k < ZT_K_COUNT ? kinds[k].groups : 0;
}

bool zt_kind_in(zt_care_kind k, unsigned group_mask) {
  return (zt_kind_groups(k) & group_mask) != 0;
}

int zt_kind_restrictiveness(zt_care_kind k) {
  return (unsigned)k < ZT_K_COUNT ? kinds[k].rank : 0;
}

int zt_kind_from_id(const char *id) {
  for (int k = 0; k < ZT_K_COUNT; k++)
    if (strcmp(kinds[k].id, id) == 0)
      return k;
  return -1;
}

unsigned zt_group_from_name(const char *name) {
  for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
    if (strcmp(groups[i].name, name) == 0)
      return groups[i].bit;
  return 0;
}

const char *zt_group_name(unsigned group_bit) {
  for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
    if (groups[i].bit == group_bit)
      return groups[i].name;
  return "?";
}
