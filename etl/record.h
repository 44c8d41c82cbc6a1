/*
 * etl/record.h -- what readers hand to validation, and what validation
 * hands to the store.
 *
 * Every reader (CSV in etl/csv*.c, iJw XML in etl/ijw.c) turns its input
 * into *rows*: for one input kind, an array of text slices in the kind's
 * canonical field order (the canonical CSV header, docs/inputs.md), plus
 * the line
 * number. Readers do not judge values; etl/validate.c does, for all readers
 * alike, so the same declaration read from CSV or from JW323 gives the same
 * record. A slice with p == NULL is an absent field; n == 0 is empty.
 *
 * Validation replaces the BSN by the client's pseudonym (etl/pseudo.h) as
 * it parses it: no typed record holds a BSN.
 */
#ifndef ZT_RECORD_H
#define ZT_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "etl/reasons.h"

typedef struct zt_slice {
  const char *p;
  size_t n;
} zt_slice;

/* The input kinds of `zothuis ingest --kind`. */
typedef enum zt_kind {
  ZT_KIND_AUTO = 0,
  ZT_KIND_DECLARATIES,   /* declaration lines: CSV or JW323 */
  ZT_KIND_TOEWIJZINGEN,  /* assignments: JW301 */
  ZT_KIND_CLIENTEN,      /* client CSV: bsn, birth date, gender */
  ZT_KIND_RESIDENTIES,   /* residence history CSV (BRP extract) */
  ZT_KIND_PRODUCTCODES,  /* the region's product catalogue */
  ZT_KIND_AANBIEDERS,    /* providers */
  ZT_KIND_BEVOLKING,     /* population by municipality, year, age band */
  ZT_KIND_BENCHMARK,     /* reference figures from elsewhere (CBS) */
  ZT_KIND_VERZOEKEN,     /* requests for assignment: JW315 or CSV */
  ZT_KIND_STARTZORG,     /* care starts: JW305 or CSV */
  ZT_KIND_STOPZORG,      /* care stops: JW307 or CSV */
  ZT_KIND_ANTWOORDEN,    /* declaration answers: JW325 or its CSV */
  ZT_KIND_COUNT
} zt_kind;

const char *zt_kind_name(zt_kind k);          /* "declaraties" */
zt_kind zt_kind_from_name(const char *name);  /* ZT_KIND_COUNT if unknown */

/* Canonical declaration fields, in the order of the canonical CSV header
 * (docs/inputs.md). BIRTH and DECLNR are optional columns. */
enum {
  ZT_D_AGB,        /* aanbieder_agb */
  ZT_D_GEMEENTE,   /* gemeente (receiving municipality) */
  ZT_D_BSN,        /* bsn */
  ZT_D_TOEWIJZING, /* toewijzingnummer */
  ZT_D_REF,        /* referentienummer */
  ZT_D_PREVREF,    /* vorig_referentienummer */
  ZT_D_CATEGORY,   /* productcategorie */
  ZT_D_CODE,       /* productcode */
  ZT_D_BEGIN,      /* begindatum */
  ZT_D_END,        /* einddatum */
  ZT_D_VOLUME,     /* volume */
  ZT_D_UNIT,       /* eenheid */
  ZT_D_TARIFF,     /* tarief */
  ZT_D_AMOUNT,     /* bedrag */
  ZT_D_DC,         /* debet_credit */
  ZT_D_BIRTH,      /* geboortedatum (optional) */
  ZT_D_DECLNR,     /* declaratienummer (optional) */
  ZT_D_NFIELDS
};

/* Assignment fields (JW301 ToegewezenProduct with its client). */
enum {
  ZT_A_GEMEENTE,   /* header Afzender */
  ZT_A_AGB,        /* header Ontvanger */
  ZT_A_BSN,
  ZT_A_BIRTH,      /* Geboortedatum/Datum */
  ZT_A_BIRTH_USE,  /* Geboortedatum/DatumGebruik: 1, 2, 3 or absent */
  ZT_A_GENDER,     /* Geslacht: 0, 1, 2 */
  ZT_A_TOEWIJZING, /* ToewijzingNummer */
  ZT_A_CATEGORY,   /* Product/Categorie (optional) */
  ZT_A_CODE,       /* Product/Code (optional) */
  ZT_A_BEGIN,      /* Ingangsdatum */
  ZT_A_END,        /* Einddatum (optional) */
  ZT_A_REASON,     /* RedenWijziging (optional) */
  ZT_A_REF,        /* ReferentieAanbieder (optional): the request it
                      answers (JW315) */
  ZT_A_DAY,        /* Toewijzingsdatum (optional): the day it was made */
  ZT_A_NFIELDS
};

/* Request fields (JW315 AangevraagdProduct with its client). */
enum {
  ZT_Q_AGB,        /* header Afzender */
  ZT_Q_GEMEENTE,   /* header Ontvanger */
  ZT_Q_BSN,
  ZT_Q_REF,        /* ReferentieAanbieder */
  ZT_Q_CATEGORY,   /* Product/Categorie (optional) */
  ZT_Q_CODE,       /* Product/Code (optional) */
  ZT_Q_BEGIN,      /* ToewijzingIngangsdatum asked for */
  ZT_Q_VERWIJZER,  /* Verwijzer/Type (COD327) */
  ZT_Q_DAY,        /* the request's day: header Dagtekening */
  ZT_Q_NFIELDS
};

/* Start and stop fields (JW305 StartProduct, JW307 StopProduct with
 * the header); a start has the first ZT_Z_START_NFIELDS. */
enum {
  ZT_Z_AGB,        /* header Afzender */
  ZT_Z_GEMEENTE,   /* header Ontvanger */
  ZT_Z_BSN,
  ZT_Z_TOEWIJZING, /* ToewijzingNummer (optional) */
  ZT_Z_CATEGORY,   /* Product/Categorie (optional) */
  ZT_Z_CODE,       /* Product/Code (optional) */
  ZT_Z_ASSIGN_BEGIN, /* ToewijzingIngangsdatum (optional) */
  ZT_Z_BEGIN,      /* Begindatum: the start */
  ZT_Z_STATUS,     /* StatusAanlevering: 1 new, 3 delete */
  ZT_Z_REASON,     /* stop: RedenBeeindiging (JZ588) */
  ZT_Z_END,        /* stop: Einddatum */
  ZT_Z_NFIELDS
};
#define ZT_Z_START_NFIELDS ZT_Z_REASON

/* Client CSV fields: bsn;geboortedatum;geslacht. */
enum { ZT_C_BSN, ZT_C_BIRTH, ZT_C_GENDER, ZT_C_NFIELDS };

/* Residence history fields: bsn;gemeente;begindatum;einddatum. */
enum { ZT_R_BSN_F, ZT_R_GEMEENTE_F, ZT_R_BEGIN_F, ZT_R_END_F, ZT_R_NFIELDS };

/* Product catalogue: productcode;kind;label;valid_from;valid_to;gemeente. */
enum {
  ZT_P_CODE, ZT_P_KIND, ZT_P_LABEL, ZT_P_FROM, ZT_P_TO, ZT_P_GEMEENTE,
  ZT_P_NFIELDS
};

/* Providers: agb;name;provider_type;contracted. */
enum { ZT_V_AGB, ZT_V_NAME, ZT_V_TYPE, ZT_V_CONTRACTED, ZT_V_NFIELDS };

/* Population: gemeente;jaar;leeftijd_van;leeftijd_tot;aantal and, for
 * the CBS StatLine download, the optional geslacht and burgerlijke_staat
 * (only their totals are used). */
enum {
  ZT_B_GEMEENTE, ZT_B_YEAR, ZT_B_AGE_FROM, ZT_B_AGE_TO, ZT_B_COUNT,
  ZT_B_GENDER, ZT_B_CIVIL, ZT_B_NFIELDS
};

/* Benchmark figures: indicator;gebied;periode;waarde;status;bron and the
 * optional eenheid (procent: a percentage of youths, read per 1.000). */
enum {
  ZT_M_INDICATOR, ZT_M_AREA, ZT_M_PERIOD, ZT_M_VALUE, ZT_M_STATUS,
  ZT_M_SOURCE, ZT_M_UNIT, ZT_M_NFIELDS
};

/* Declaration answers (JW325, etl/store_answer.c): one row per answer
 * (niveau "declaratie": the header's and DeclaratieAntwoord's retour
 * codes) and one per rejected line (niveau "prestatie"). */
enum {
  ZT_N_GEMEENTE,   /* gemeente: header Afzender */
  ZT_N_AGB,        /* aanbieder_agb: header Ontvanger */
  ZT_N_ANSWER_ID,  /* antwoord_id: BerichtIdentificatie/Identificatie */
  ZT_N_DECL_ID,    /* declaratie_id: DeclaratieIdentificatie/Identificatie */
  ZT_N_DECLNR,     /* declaratienummer (optional) */
  ZT_N_LEVEL,      /* niveau: declaratie or prestatie */
  ZT_N_REF,        /* referentienummer (prestatie) */
  ZT_N_AMOUNT,     /* bedrag: IngediendBedrag / TotaalIngediendBedrag */
  ZT_N_DC,         /* debet_credit of bedrag */
  ZT_N_GRANTED,    /* toegekend_bedrag: TotaalToegekendBedrag */
  ZT_N_GRANTED_DC, /* toegekend_debet_credit */
  ZT_N_CODES,      /* retourcodes: 4-character codes, blank separated */
  ZT_N_NFIELDS
};

#define ZT_MAX_FIELDS ZT_D_NFIELDS

/* Canonical column names of a kind's CSV header, in field order, and which
 * of them may be left out. */
typedef struct zt_kind_layout {
  zt_kind kind;
  int nfields;
  const char *const *names;
  const bool *optional;
} zt_kind_layout;

const zt_kind_layout *zt_kind_layout_of(zt_kind k);

/* A client pseudonym: the first 16 bytes of HMAC-SHA256(key, bsn). */
typedef struct zt_pseudo {
  uint8_t b[16];
} zt_pseudo;

/* Field length limits (iJw logical data types), in characters: an XSD
 * maxLength counts Unicode code points, not bytes (etl/validate.c). */
#define ZT_REF_MAX 20     /* LDT_ReferentieNummer */
#define ZT_CODE_MAX 5     /* LDT_ProductCode */
#define ZT_DECLNR_MAX 12  /* LDT_IdentificatieDeclaratie */
#define ZT_REFA_MAX 36    /* LDT_Referentie (ReferentieAanbieder) */
/* Bytes that hold a text of at most n characters in UTF-8 (at most four
 * bytes a character) with its NUL. A product code is the exception: it
 * is kept in ZT_CODE_MAX + 1 bytes everywhere (the catalogue's keys, the
 * 40-byte lines of etl/normalize.h), so one of five characters that
 * takes more bytes is rejected as a technical limit, named in bytes. */
#define ZT_TEXT_BYTES(n) (4 * (n) + 1)

/* A validated declaration line. Money in cents; dates as day numbers. */
typedef struct zt_decl {
  zt_pseudo client;
  uint32_t agb;          /* 8-digit AGB code, as a number */
  uint16_t gemeente;     /* receiving municipality, CBS code as a number */
  uint8_t category;      /* 2-digit product category */
  uint8_t unit;          /* Eenheid code: 1, 4, 14, 16, 82, 83, 84 */
  bool credit;           /* DebetCredit = C */
  bool amount_off;       /* amount != volume x tariff: a warning, counted
                            only when the line is stored */
  int64_t toewijzing;    /* ToewijzingNummer, -1 when absent */
  char ref[ZT_TEXT_BYTES(ZT_REF_MAX)];
  char prev_ref[ZT_TEXT_BYTES(ZT_REF_MAX)];  /* "" when absent */
  char code[ZT_CODE_MAX + 1];                /* bytes, see above */
  char declnr[ZT_TEXT_BYTES(ZT_DECLNR_MAX)]; /* "" when absent */
  zt_day begin, end;
  int64_t volume;
  int64_t tariff;        /* cents, -1 when absent */
  int64_t amount;        /* cents, >= 0; the sign is `credit` */
  zt_day birth;          /* ZT_DAY_NONE unless the input gave one */
} zt_decl;

/* A validated assignment (JW301). */
typedef struct zt_assign {
  zt_pseudo client;
  uint16_t gemeente;
  uint32_t agb;
  int64_t toewijzing;
  int category;          /* -1 when absent */
  char code[ZT_CODE_MAX + 1];
  zt_day begin, end;     /* end ZT_DAY_NONE when open */
  zt_day birth;          /* ZT_DAY_NONE when wholly unknown */
  int birth_precision;   /* 0 exact, 1 day unknown, 2 day+month, 3 unknown */
  int gender;            /* 0 unknown, 1 man, 2 vrouw */
  int reason;            /* RedenWijziging, -1 when absent */
  char ref[ZT_TEXT_BYTES(ZT_REFA_MAX)]; /* ReferentieAanbieder, "" when
                                         * absent */
  zt_day assigned;       /* Toewijzingsdatum, ZT_DAY_NONE when absent */
} zt_assign;

/* A validated request for assignment (JW315). */
typedef struct zt_request {
  zt_pseudo client;
  uint32_t agb;
  uint16_t gemeente;
  int category;          /* -1 when absent */
  char code[ZT_CODE_MAX + 1];
  char ref[ZT_TEXT_BYTES(ZT_REFA_MAX)];  /* ReferentieAanbieder */
  zt_day begin;          /* ToewijzingIngangsdatum asked for */
  zt_day day;            /* the request's day */
  int verwijzer;         /* TypeVerwijzer: 1-6, 8 */
} zt_request;

/* A validated start (JW305) or stop (JW307) of care. */
typedef struct zt_care_event {
  zt_pseudo client;
  uint32_t agb;
  uint16_t gemeente;
  bool stop;             /* JW307 */
  bool remove;           /* StatusAanlevering 3: delete what it names */
  int category;          /* -1 when absent */
  char code[ZT_CODE_MAX + 1];
  int64_t toewijzing;    /* -1 when absent */
  zt_day assign_begin;   /* ToewijzingIngangsdatum, ZT_DAY_NONE absent */
  zt_day begin;          /* Begindatum (of the start) */
  int reason;            /* stop: RedenBeeindiging; start: -1 */
  zt_day end;            /* stop: Einddatum; start: ZT_DAY_NONE */
} zt_care_event;
/* A validated answer row (JW325). codes: up to ZT_ANSWER_CODES retour
 * codes, each 4 characters, in the order given; main: the first that is
 * not an approving code (0200, 8001), else the first. */
#define ZT_ANSWER_CODES 12
#define ZT_ANSWER_ID_MAX 20
typedef struct zt_answer {
  uint16_t gemeente;
  uint32_t agb;
  bool line;             /* niveau prestatie (else declaratie) */
  bool rejects;          /* declaratie: the message is rejected whole
                          * (a code other than 0200 or 8001) */
  bool credit;           /* DebetCredit of amount */
  bool granted_credit;
  char answer_id[ZT_TEXT_BYTES(ZT_ANSWER_ID_MAX)];
  char decl_id[ZT_TEXT_BYTES(ZT_ANSWER_ID_MAX)];
  char declnr[ZT_TEXT_BYTES(ZT_DECLNR_MAX)];   /* "" when absent */
  char ref[ZT_TEXT_BYTES(ZT_REF_MAX)];         /* "" on a declaratie row */
  int64_t amount;        /* cents, -1 when absent */
  int64_t granted;       /* cents, -1 when absent */
  char codes[ZT_ANSWER_CODES * 5];  /* "0611 9339" */
  char main[5];
} zt_answer;

/* A validated client row. */
typedef struct zt_client {
  zt_pseudo client;
  zt_day birth;
  int birth_precision;
  int gender;
} zt_client;

/* A validated residence period; gemeente 0 = unknown / abroad. */
typedef struct zt_residence {
  zt_pseudo client;
  uint16_t gemeente;
  bool gemeente_known;   /* false: not in the municipality table (warned) */
  zt_day begin, end;     /* end ZT_DAY_NONE when current */
} zt_residence;

typedef struct zt_productcode {
  char code[ZT_CODE_MAX + 1];
  int kind;              /* a zt_care_kind (core/kinds.h) */
  char label[128];
  zt_day valid_from, valid_to; /* ZT_DAY_NONE when open */
  uint16_t gemeente;     /* 0 = every municipality */
} zt_productcode;

typedef struct zt_provider {
  uint32_t agb;
  char name[128];
  char type[32];         /* GGZ, J&O, LVB, pleegzorg, gezinshuis, ... */
  bool contracted;
} zt_provider;

/* Youths living in a municipality on 1 January of `year`, aged
 * age_from..age_to (completed years, inclusive). */
typedef struct zt_population {
  uint16_t gemeente;     /* CBS code as given (mergers are applied later) */
  int16_t year;
  uint8_t age_from, age_to;
  int64_t count;
} zt_population;

/* A benchmark figure: the value of `indicator` (a catalogue id,
 * optionally "|kind=..." for a breakdown row) for an area and period,
 * from another source. Exact: num / den. */
typedef struct zt_benchmark {
  char indicator[64];
  char area[8];          /* "NL", a municipality "0402", a region "JZ16" */
  char period[8];        /* "2023", "2023-H1" */
  int64_t num, den;
  char status[20];       /* voorlopig, nader voorlopig, definitief */
  char source[128];
} zt_benchmark;

/* Why a row was rejected: the reason, the canonical field (or -1) and a
 * message a data officer understands. Never holds a BSN in clear. */
typedef struct zt_reject {
  zt_reason reason;
  int field;
  char message[256];
} zt_reject;

#endif
