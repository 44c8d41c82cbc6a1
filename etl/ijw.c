/*
 * etl/ijw.c -- the iJw XML reader (see ijw.h): libxml2's SAX2 push parser
 * driven by a small state machine over the element stack.
 *
 * Per element the parser calls on_start, on_chars (zero or more times) and
 * on_end. on_start finds the element's state from its parent's state, its
 * namespace class and its name; leaf fields we keep get a text slot, a
 * fixed buffer that on_chars fills. When a line element (Prestatie,
 * ToegewezenProduct) ends, its slots, the client's and the header's become
 * one canonical row, or one reject when its structure is wrong.
 *
 * Hot path: element names are recognised by pointer. libxml2 interns every
 * name in the parser's dictionary, so the names we know are interned once
 * per file and looked up in a small open-addressing table keyed by the
 * pointer; a name the dictionary does not own falls back to string
 * comparison, so nothing depends on that behaviour for correctness.
 * Namespace URIs (interned as well) are cached the same way. Nothing is
 * allocated per element or per line; only a JW325's lines are copied,
 * into one growing buffer, until their answer's own row is judged.
 */
#define _GNU_SOURCE /* memrchr */
#include "etl/ijw.h"

#include <libxml/SAX2.h>
#include <libxml/dict.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "etl/answer.h"
#include "etl/encoding.h"
#include "etl/pseudo.h"
#include "etl/xmlguard.h"

/* ---- element names ---------------------------------------------------- */

#define NAMES(X)                                                          \
  X(Bericht) X(Header) X(BerichtCode) X(Afzender) X(Ontvanger)            \
  X(Declaratie) X(DeclaratieNummer) X(TotaalIngediendBedrag)              \
  X(TotaalBedrag) X(DebetCredit) X(Clienten) X(Client) X(Bsn)             \
  X(Prestaties) X(Prestatie) X(ProductReferentie) X(ReferentieNummer)     \
  X(VorigReferentieNummer) X(ToewijzingNummer) X(ProductCategorie)        \
  X(ProductCode) X(ProductPeriode) X(Begindatum) X(Einddatum)             \
  X(GeleverdVolume) X(Eenheid) X(ProductTarief) X(IngediendBedrag)        \
  X(Bedrag) X(Geboortedatum) X(Datum) X(DatumGebruik) X(Geslacht)         \
  X(ToegewezenProducten) X(ToegewezenProduct) X(Product) X(Categorie)     \
  X(Code) X(Ingangsdatum) X(RedenWijziging) X(ReferentieAanbieder)        \
  X(Toewijzingsdatum) X(Toewijzingstijd) X(Omvang) X(Budget)              \
  X(Commentaar) X(BerichtIdentificatie) X(Dagtekening)                   \
  X(DeclaratieDagtekening)                                                \
  X(Identificatie) X(DeclaratieIdentificatie) X(DeclaratieAntwoord)       \
  X(TotaalToegekendBedrag) X(RetourCodes) X(RetourCode)                  \
  X(AangevraagdeProducten) X(AangevraagdProduct)                         \
  X(ToewijzingIngangsdatum) X(Verwijzer) X(Type) X(StartProducten)        \
  X(StartProduct) X(StopProducten) X(StopProduct) X(StatusAanlevering)    \
  X(RedenBeeindiging) X(BeschikkingNummer) X(BeschikkingIngangsdatum)     \
  X(ToewijzingEinddatum) X(Raamcontract)

#define NAME_ENUM(n) N_##n,
#define NAME_STR(n) #n,
enum { N_UNKNOWN, NAMES(NAME_ENUM) N_COUNT };
static const char *const name_text[N_COUNT] = {"?", NAMES(NAME_STR)};

#define NTAB 256 /* pointer table size, a power of two */

/* ---- namespace classes ------------------------------------------------ */

enum {
  NS_NONE,      /* no namespace */
  NS_OTHER,     /* not an iJw namespace */
  NS_BASIS,     /* .../basisschema/schema */
  NS_IJW_OTHER, /* an iJw message that is not in the table */
  NS_MSG        /* NS_MSG + i: the message of row i of the table */
};

/* ---- states ----------------------------------------------------------- */

enum {
  S_SKIP,        /* a subtree we do not read */
  S_ROOT,        /* Bericht */
  S_HEADER,
  S_DECL,        /* JW323 Declaratie */
  S_TOTAL,       /* JW323 TotaalIngediendBedrag */
  S_CLIENTS,     /* JW323 Clienten */
  S_CLIENT,
  S_BIRTH,       /* JW301 Client/Geboortedatum */
  S_LINES,       /* Prestaties, ToegewezenProducten */
  S_LINE,        /* Prestatie, ToegewezenProduct */
  S_G_REF,       /* Prestatie/ProductReferentie */
  S_G_PERIOD,    /* Prestatie/ProductPeriode */
  S_G_AMOUNT,    /* Prestatie/IngediendBedrag */
  S_G_PRODUCT,   /* ToegewezenProduct/Product */
  S_LFIELD,      /* a text field of the current line */
  S_GFIELD,      /* a text field of the header or the client */
  S_LSKIP,       /* inside a line: a subtree we do not read */
  S_IDENT,       /* Header/BerichtIdentificatie */
  /* JW325 (declaratie-antwoord) */
  S_ANSWER,      /* DeclaratieAntwoord */
  S_DIDENT,      /* Header/DeclaratieIdentificatie */
  S_GRANTED,     /* DeclaratieAntwoord/TotaalToegekendBedrag */
  S_RC_DECL,     /* RetourCodes of the Header or DeclaratieAntwoord */
  S_RC_LINE,     /* Prestatie/RetourCodes */
  S_RCODE,       /* a RetourCode in one of those */
  S_G_VERWIJZER  /* AangevraagdProduct/Verwijzer (JW315) */
};

/* ---- text slots ------------------------------------------------------- */

/* Slots 0 .. ZT_MAX_FIELDS-1 are the current line's fields, indexed by the
 * kind's canonical field number; the rest belong to the header and the
 * client. */
enum {
  G_CODE = ZT_MAX_FIELDS, /* Header/BerichtCode */
  G_FROM,                 /* Header/Afzender */
  G_TO,                   /* Header/Ontvanger */
  G_DECLNR,               /* Declaratie/DeclaratieNummer */
  G_TOTAL,                /* TotaalIngediendBedrag/TotaalBedrag */
  G_TOTAL_DC,             /* TotaalIngediendBedrag/DebetCredit */
  G_BSN,                  /* Client/Bsn */
  G_BIRTH,                /* Client/Geboortedatum/Datum */
  G_BIRTH_USE,            /* Client/Geboortedatum/DatumGebruik */
  G_GENDER,               /* Client/Geslacht */
  G_DAY,                  /* Header/BerichtIdentificatie/Dagtekening */
  G_DECL_DAY,             /* Declaratie/DeclaratieDagtekening */
  G_IDENT,                /* Header/BerichtIdentificatie/Identificatie */
  G_DECL_IDENT,           /* JW325 DeclaratieIdentificatie/Identificatie */
  G_GRANTED,              /* JW325 TotaalToegekendBedrag/TotaalBedrag */
  G_GRANTED_DC,           /* JW325 TotaalToegekendBedrag/DebetCredit */
  G_RC_DECL,              /* JW325 header's and DeclaratieAntwoord's
                           * RetourCodes, blank separated */
  G_RC_TMP,               /* the RetourCode being read */
  G_LEVEL,                /* JW325: "declaratie", for its answer row */
  NSLOTS
};

/* Bytes kept of a field: four a character for the longest field (the
 * retour codes), so a field that overflows is longer than its limit in
 * characters whatever its script (asserted below the field tables). */
#define SLOT_CAP 240
#define NO_SLOT (-1)

typedef struct slot {
  char buf[SLOT_CAP];
  uint8_t len;   /* bytes in buf, leading white space skipped */
  uint8_t seen;  /* the element occurred */
  uint8_t dup;   /* ... more than once */
  uint8_t over;  /* more text than SLOT_CAP (not counting white space) */
} slot;

/* Where a canonical field comes from, and its rules. */
typedef struct fdesc {
  int slot;          /* a slot, or NO_SLOT: always absent */
  const char *name;  /* for messages */
  uint8_t max;       /* longest text allowed */
  uint8_t need;      /* OPTIONAL, REQUIRED or IN_GROUP: required when
                      * the line's group element (JW301 Product)
                      * occurs */
} fdesc;

enum { OPTIONAL, REQUIRED, IN_GROUP };

/* Lexical maximum for fields whose form etl/validate.c judges: longer
 * than any sane spelling of a number, date or code. */
#define TYPED_MAX 32

static const fdesc decl_fields[ZT_D_NFIELDS] = {
    [ZT_D_AGB] = {G_FROM, "Header/Afzender", TYPED_MAX, REQUIRED},
    [ZT_D_GEMEENTE] = {G_TO, "Header/Ontvanger", TYPED_MAX, REQUIRED},
    [ZT_D_BSN] = {G_BSN, "Client/Bsn", TYPED_MAX, REQUIRED},
    [ZT_D_TOEWIJZING] = {ZT_D_TOEWIJZING, "ToewijzingNummer", TYPED_MAX,
                         REQUIRED},
    [ZT_D_REF] = {ZT_D_REF, "ProductReferentie/ReferentieNummer", ZT_REF_MAX,
                  REQUIRED},
    [ZT_D_PREVREF] = {ZT_D_PREVREF, "ProductReferentie/VorigReferentieNummer",
                      ZT_REF_MAX, OPTIONAL},
    [ZT_D_CATEGORY] = {ZT_D_CATEGORY, "ProductCategorie", TYPED_MAX, REQUIRED},
    [ZT_D_CODE] = {ZT_D_CODE, "ProductCode", ZT_CODE_MAX, REQUIRED},
    [ZT_D_BEGIN] = {ZT_D_BEGIN, "ProductPeriode/Begindatum", TYPED_MAX,
                    REQUIRED},
    [ZT_D_END] = {ZT_D_END, "ProductPeriode/Einddatum", TYPED_MAX, REQUIRED},
    [ZT_D_VOLUME] = {ZT_D_VOLUME, "GeleverdVolume", TYPED_MAX, REQUIRED},
    [ZT_D_UNIT] = {ZT_D_UNIT, "Eenheid", TYPED_MAX, REQUIRED},
    [ZT_D_TARIFF] = {ZT_D_TARIFF, "ProductTarief", TYPED_MAX, OPTIONAL},
    [ZT_D_AMOUNT] = {ZT_D_AMOUNT, "IngediendBedrag/Bedrag", TYPED_MAX,
                     REQUIRED},
    [ZT_D_DC] = {ZT_D_DC, "IngediendBedrag/DebetCredit", TYPED_MAX, REQUIRED},
    [ZT_D_BIRTH] = {NO_SLOT, "Geboortedatum", 0, OPTIONAL},
    [ZT_D_DECLNR] = {G_DECLNR, "DeclaratieNummer", ZT_DECLNR_MAX, OPTIONAL},
};

static const fdesc assign_fields[ZT_A_NFIELDS] = {
    [ZT_A_GEMEENTE] = {G_FROM, "Header/Afzender", TYPED_MAX, REQUIRED},
    [ZT_A_AGB] = {G_TO, "Header/Ontvanger", TYPED_MAX, REQUIRED},
    [ZT_A_BSN] = {G_BSN, "Client/Bsn", TYPED_MAX, REQUIRED},
    [ZT_A_BIRTH] = {G_BIRTH, "Client/Geboortedatum/Datum", TYPED_MAX,
                    REQUIRED},
    [ZT_A_BIRTH_USE] = {G_BIRTH_USE, "Client/Geboortedatum/DatumGebruik",
                        TYPED_MAX, OPTIONAL},
    [ZT_A_GENDER] = {G_GENDER, "Client/Geslacht", TYPED_MAX, REQUIRED},
    [ZT_A_TOEWIJZING] = {ZT_A_TOEWIJZING, "ToewijzingNummer", TYPED_MAX,
                         REQUIRED},
    [ZT_A_CATEGORY] = {ZT_A_CATEGORY, "Product/Categorie", TYPED_MAX,
                       IN_GROUP},
    [ZT_A_CODE] = {ZT_A_CODE, "Product/Code", ZT_CODE_MAX, OPTIONAL},
    [ZT_A_BEGIN] = {ZT_A_BEGIN, "Ingangsdatum", TYPED_MAX, REQUIRED},
    [ZT_A_END] = {ZT_A_END, "Einddatum", TYPED_MAX, OPTIONAL},
    [ZT_A_REASON] = {ZT_A_REASON, "RedenWijziging", TYPED_MAX, OPTIONAL},
    [ZT_A_REF] = {ZT_A_REF, "ReferentieAanbieder", ZT_REFA_MAX, OPTIONAL},
    [ZT_A_DAY] = {ZT_A_DAY, "Toewijzingsdatum", TYPED_MAX, OPTIONAL},
};

/* JW315: the request's day is the message's (Header Dagtekening). */
static const fdesc req_fields[ZT_Q_NFIELDS] = {
    [ZT_Q_AGB] = {G_FROM, "Header/Afzender", TYPED_MAX, REQUIRED},
    [ZT_Q_GEMEENTE] = {G_TO, "Header/Ontvanger", TYPED_MAX, REQUIRED},
    [ZT_Q_BSN] = {G_BSN, "Client/Bsn", TYPED_MAX, REQUIRED},
    [ZT_Q_REF] = {ZT_Q_REF, "ReferentieAanbieder", ZT_REFA_MAX, REQUIRED},
    [ZT_Q_CATEGORY] = {ZT_Q_CATEGORY, "Product/Categorie", TYPED_MAX,
                       IN_GROUP},
    [ZT_Q_CODE] = {ZT_Q_CODE, "Product/Code", ZT_CODE_MAX, OPTIONAL},
    [ZT_Q_BEGIN] = {ZT_Q_BEGIN, "ToewijzingIngangsdatum", TYPED_MAX, REQUIRED},
    [ZT_Q_VERWIJZER] = {ZT_Q_VERWIJZER, "Verwijzer/Type", TYPED_MAX, REQUIRED},
    [ZT_Q_DAY] = {G_DAY, "Header/BerichtIdentificatie/Dagtekening",
                  TYPED_MAX, REQUIRED},
};

/* JW305 and JW307 (a start has no RedenBeeindiging and Einddatum). */
#define CARE_FIELDS                                                       \
    [ZT_Z_AGB] = {G_FROM, "Header/Afzender", TYPED_MAX, REQUIRED},        \
    [ZT_Z_GEMEENTE] = {G_TO, "Header/Ontvanger", TYPED_MAX, REQUIRED},    \
    [ZT_Z_BSN] = {G_BSN, "Client/Bsn", TYPED_MAX, REQUIRED},              \
    [ZT_Z_TOEWIJZING] = {ZT_Z_TOEWIJZING, "ToewijzingNummer", TYPED_MAX,  \
                         OPTIONAL},                                       \
    [ZT_Z_CATEGORY] = {ZT_Z_CATEGORY, "Product/Categorie", TYPED_MAX,     \
                       IN_GROUP},                                         \
    [ZT_Z_CODE] = {ZT_Z_CODE, "Product/Code", ZT_CODE_MAX, OPTIONAL},     \
    [ZT_Z_ASSIGN_BEGIN] = {ZT_Z_ASSIGN_BEGIN, "ToewijzingIngangsdatum",   \
                           TYPED_MAX, OPTIONAL},                          \
    [ZT_Z_BEGIN] = {ZT_Z_BEGIN, "Begindatum", TYPED_MAX, REQUIRED},       \
    [ZT_Z_STATUS] = {ZT_Z_STATUS, "StatusAanlevering", TYPED_MAX,         \
                     REQUIRED}

static const fdesc start_fields[ZT_Z_START_NFIELDS] = {CARE_FIELDS};
static const fdesc stop_fields[ZT_Z_NFIELDS] = {
    CARE_FIELDS,
    [ZT_Z_REASON] = {ZT_Z_REASON, "RedenBeeindiging", TYPED_MAX, REQUIRED},
    [ZT_Z_END] = {ZT_Z_END, "Einddatum", TYPED_MAX, REQUIRED},
};


/* JW325: a rejected line (Prestatie) with the answer it belongs to. Its
 * retour codes are judged one by one as they end (rc_end), at most
 * ZT_ANSWER_CODES of them, so the list always fits its slot. */
#define CODES_MAX (ZT_ANSWER_CODES * 5 - 1)
_Static_assert(CODES_MAX < SLOT_CAP, "the retour codes fit a slot");
static const fdesc answer_line_fields[ZT_N_NFIELDS] = {
    [ZT_N_GEMEENTE] = {G_FROM, "Header/Afzender", TYPED_MAX, REQUIRED},
    [ZT_N_AGB] = {G_TO, "Header/Ontvanger", TYPED_MAX, REQUIRED},
    [ZT_N_ANSWER_ID] = {G_IDENT, "Header/BerichtIdentificatie/Identificatie",
                        ZT_ANSWER_ID_MAX, REQUIRED},
    [ZT_N_DECL_ID] = {G_DECL_IDENT,
                      "Header/DeclaratieIdentificatie/Identificatie",
                      ZT_ANSWER_ID_MAX, REQUIRED},
    [ZT_N_DECLNR] = {G_DECLNR, "DeclaratieNummer", ZT_DECLNR_MAX, OPTIONAL},
    [ZT_N_LEVEL] = {ZT_N_LEVEL, "niveau", 16, REQUIRED},
    [ZT_N_REF] = {ZT_N_REF, "ProductReferentie/ReferentieNummer",
                  ZT_REF_MAX, REQUIRED},
    [ZT_N_AMOUNT] = {ZT_N_AMOUNT, "IngediendBedrag/Bedrag", TYPED_MAX,
                     OPTIONAL},
    [ZT_N_DC] = {ZT_N_DC, "IngediendBedrag/DebetCredit", TYPED_MAX, OPTIONAL},
    [ZT_N_GRANTED] = {NO_SLOT, "TotaalToegekendBedrag", 0, OPTIONAL},
    [ZT_N_GRANTED_DC] = {NO_SLOT, "TotaalToegekendBedrag", 0, OPTIONAL},
    [ZT_N_CODES] = {ZT_N_CODES, "Prestatie/RetourCodes/RetourCode",
                    CODES_MAX, REQUIRED},
};

/* JW325: the answer itself (one row per message). */
static const fdesc answer_decl_fields[ZT_N_NFIELDS] = {
    [ZT_N_GEMEENTE] = {G_FROM, "Header/Afzender", TYPED_MAX, REQUIRED},
    [ZT_N_AGB] = {G_TO, "Header/Ontvanger", TYPED_MAX, REQUIRED},
    [ZT_N_ANSWER_ID] = {G_IDENT, "Header/BerichtIdentificatie/Identificatie",
                        ZT_ANSWER_ID_MAX, REQUIRED},
    [ZT_N_DECL_ID] = {G_DECL_IDENT,
                      "Header/DeclaratieIdentificatie/Identificatie",
                      ZT_ANSWER_ID_MAX, REQUIRED},
    [ZT_N_DECLNR] = {G_DECLNR, "DeclaratieNummer", ZT_DECLNR_MAX, OPTIONAL},
    [ZT_N_LEVEL] = {G_LEVEL, "niveau", 16, REQUIRED},
    [ZT_N_REF] = {NO_SLOT, "ReferentieNummer", 0, OPTIONAL},
    [ZT_N_AMOUNT] = {G_TOTAL, "TotaalIngediendBedrag/TotaalBedrag",
                     TYPED_MAX, OPTIONAL},
    [ZT_N_DC] = {G_TOTAL_DC, "TotaalIngediendBedrag/DebetCredit", TYPED_MAX,
                 OPTIONAL},
    [ZT_N_GRANTED] = {G_GRANTED, "TotaalToegekendBedrag/TotaalBedrag",
                      TYPED_MAX, OPTIONAL},
    [ZT_N_GRANTED_DC] = {G_GRANTED_DC, "TotaalToegekendBedrag/DebetCredit",
                         TYPED_MAX, OPTIONAL},
    [ZT_N_CODES] = {G_RC_DECL, "RetourCodes/RetourCode", CODES_MAX, REQUIRED},
};

_Static_assert(4 * CODES_MAX <= SLOT_CAP && 4 * TYPED_MAX <= SLOT_CAP &&
                   4 * ZT_REFA_MAX <= SLOT_CAP &&
                   4 * ZT_ANSWER_ID_MAX <= SLOT_CAP && SLOT_CAP <= 255,
               "a slot holds every field's limit in characters");

static const zt_value_fmt ijw_fmt = {.money_euros = false, .ijw = true};

/* ---- the message table ------------------------------------------------ */

typedef struct rd rd;

/* Where an element leads: its state, and the slot its text goes to. */
typedef struct step {
  int state;
  int slot;
} step;

/* A party of the header: Afzender or Ontvanger. */
typedef struct party {
  uint8_t digits;       /* the code's length */
  const char *what;     /* "a provider AGB code", for messages */
} party;

/*
 * One row per iJw message zothuis reads. The root element's namespace
 * .../3_<digits>/<ns>/schema picks the row; everything the reader does
 * differently per message is here. Adding a message is one row, its
 * handler (child: the states below its root, and the element names and
 * field slots it needs), its validation and its store function (see
 * docs/architecture.md, "Adding an iJw message").
 */
typedef struct ijw_msg {
  const char *code;        /* "JW323" */
  const char *ns;          /* the <msg> of its namespace URI; also the
                            * file's format in the store ("jw323") */
  zt_kind kind;            /* the records its lines become */
  const char *label;       /* in messages: "JW323 (declaraties)" */
  const char *what;        /* English: "a JW323 declaration" */
  const char *bericht_code;  /* Header/BerichtCode */
  party from, to;          /* Header/Afzender, Header/Ontvanger */
  int line;                /* the line element (N_Prestatie) */
  const char *line_path;   /* where lines belong, below the root */
  const fdesc *fields;     /* the kind's canonical fields */
  int nfields;
  /* The state of a child element (see child_323). */
  step (*child)(rd *r, int parent, int ns, int id, const xmlChar *local,
                const xmlChar *uri);
  void (*line_done)(rd *r);  /* a line ended, before its row; or NULL */
  void (*file_done)(rd *r);  /* the whole file was read; or NULL */
} ijw_msg;

static step child_323(rd *r, int parent, int ns, int id,
                      const xmlChar *local, const xmlChar *uri);
static step child_301(rd *r, int parent, int ns, int id,
                      const xmlChar *local, const xmlChar *uri);
static step child_325(rd *r, int parent, int ns, int id,
                      const xmlChar *local, const xmlChar *uri);
static step child_flow(rd *r, int parent, int ns, int id,
                       const xmlChar *local, const xmlChar *uri);
static void line_amount(rd *r);
static void check_totals(rd *r);
static void answer_line_done(rd *r);
static void answer_file_done(rd *r);

#define AGB {8, "a provider AGB code"}
#define GEMEENTE {4, "a municipality code"}

static const ijw_msg messages[] = {
    {"JW323", "jw323", ZT_KIND_DECLARATIES, "JW323 (declaraties)",
     "a JW323 declaration", "490", AGB, GEMEENTE, N_Prestatie,
     "Clienten/Client/Prestaties", decl_fields, ZT_D_NFIELDS, child_323,
     line_amount, check_totals},
    {"JW301", "jw301", ZT_KIND_TOEWIJZINGEN, "JW301 (toewijzingen)",
     "a JW301 assignment", "436", GEMEENTE, AGB, N_ToegewezenProduct,
     "Client/ToegewezenProducten", assign_fields, ZT_A_NFIELDS, child_301,
     NULL, NULL},
    {"JW325", "jw325", ZT_KIND_ANTWOORDEN, "JW325 (declaratie-antwoorden)",
     "a JW325 declaration answer", "491", GEMEENTE, AGB, N_Prestatie,
     "DeclaratieAntwoord/Clienten/Client/Prestaties", answer_line_fields,
     ZT_N_NFIELDS, child_325, answer_line_done, answer_file_done},
    {"JW315", "jw315", ZT_KIND_VERZOEKEN, "JW315 (verzoeken om toewijzing)",
     "a JW315 request for assignment", "446", AGB, GEMEENTE,
     N_AangevraagdProduct, "Client/AangevraagdeProducten", req_fields,
     ZT_Q_NFIELDS, child_flow, NULL, NULL},
    {"JW305", "jw305", ZT_KIND_STARTZORG, "JW305 (start zorg)",
     "a JW305 start of care", "438", AGB, GEMEENTE, N_StartProduct,
     "Client/StartProducten", start_fields, ZT_Z_START_NFIELDS, child_flow,
     NULL, NULL},
    {"JW307", "jw307", ZT_KIND_STOPZORG, "JW307 (stop zorg)",
     "a JW307 stop of care", "440", AGB, GEMEENTE, N_StopProduct,
     "Client/StopProducten", stop_fields, ZT_Z_NFIELDS, child_flow, NULL,
     NULL},
};

#define NMSG ((int)(sizeof messages / sizeof messages[0]))

/* The row whose namespace name is `ns` ("jw323"), or NULL. */
static const ijw_msg *msg_by_ns(const char *ns) {
  for (int i = 0; i < NMSG; i++)
    if (strcmp(messages[i].ns, ns) == 0)
      return &messages[i];
  return NULL;
}

/* The rows' codes ("JW323 or JW301"), or with `what` their descriptions
 * ("a JW323 declaration or a JW301 assignment"), for messages. */
static const char *msg_list(char *buf, size_t size, bool what) {
  size_t n = 0;
  buf[0] = '\0';
  for (int i = 0; i < NMSG && n < size; i++)
    n += (size_t)snprintf(buf + n, size - n, "%s%s",
                          i == 0 ? "" : i == NMSG - 1 ? " or " : ", ",
                          what ? messages[i].what : messages[i].code);
  return buf;
}

/* ---- the reader's state ----------------------------------------------- */

typedef struct frame {
  uint8_t state;
  int8_t slot;   /* slot receiving this element's text, or NO_SLOT */
} frame;

struct rd {
  zt_xml_guard guard;   /* first: the SAX user data is this struct */
  xmlParserCtxtPtr ctxt;
  zt_rowsink *sink;
  zt_err *err;
  zt_kind want;
  zt_kind kind;         /* ZT_KIND_AUTO until the root is seen */
  const ijw_msg *msg;   /* the message's row, once the root is seen */
  int msg_ns;           /* its namespace class: NS_MSG + row */
  bool stop;            /* failed, or the sink said stop */

  int depth;
  frame stack[ZT_IJW_MAX_DEPTH];
  int cap;              /* slot receiving text now, or NO_SLOT */
  size_t run;           /* bytes in the current text run */

  /* name and namespace recognition */
  bool by_ptr;          /* the dictionary interns names */
  struct {
    const xmlChar *p;
    int id;
  } ntab[NTAB];
  int ntab_used;
  const xmlChar *ns_ptr[4];
  int ns_cls[4];
  int ns_n;

  slot s[NSLOTS];

  /* the current line */
  long line_no;
  bool line_group;      /* the line's group element (JW301 Product) */
  zt_reason bad;        /* a structure problem found while reading it */
  int bad_field;        /* its canonical field, or -1 */
  char bad_msg[200];

  /* JW325 retour codes: how many the line and the answer have, the
   * place of the one being read in its RetourCodes, and a problem with
   * one of the answer's (its row is rejected then) */
  int rc_line, rc_answer, rc_pos;
  zt_reason rc_bad;
  char rc_bad_msg[200];
  /* JW325: the lines wait until the answer's own row is judged (it ends
   * the message): a rejected answer is not used at all, its lines too */
  bool hold;
  zt_buf held;

  bool root_seen, header_done, decl_seen;
  bool answer_done;     /* JW325: the answer's own row was reported */
  char answer_bad[200]; /* JW325: why its DeclaratieAntwoord was not
                         * read (its row is a reject then), or "" */

  /* JW323 totals, cents */
  int64_t debit, credit;
  long unreadable;      /* lines whose amount could not be read */

  zt_reason fail_reason;
  char fail_msg[512];
  zt_status sink_status;
};

/* ---- messages --------------------------------------------------------- */

void zt_ijw_mask_digits(char *s) {
  /* digits of any script (zt_digit_at): a masked one is one star, so
   * the text may get shorter */
  size_t n = strlen(s), i = 0, o = 0, w;
  while (i < n) {
    size_t j = i, d = 0;
    while (j < n && zt_digit_at(s, n, j, &w) >= 0) {
      d++;
      j += w;
    }
    if (d == 0) {
      s[o++] = s[i++];
      continue;
    }
    for (size_t k = i, di = 0; k < j; k += w, di++) {
      (void)zt_digit_at(s, n, k, &w);
      if (d >= 9 && di >= 2 && di < d - 2) {
        s[o++] = '*';
      } else {
        memmove(s + o, s + k, w);
        o += w;
      }
    }
    i = j;
  }
  s[o] = '\0';
  /* and BSNs written in groups ("123 456 782", "1234.56.782", with a
   * no-break space, ...), as a rejected line's raw text is masked:
   * at most one byte out per byte in, so the text fits where it was */
  {
    char *m = malloc(o + 1);
    if (!m) {
      for (char *c = s; *c; c++)   /* no memory: hide every digit */
        if (*c >= '0' && *c <= '9')
          *c = '*';
      return;
    }
    zt_mask_text(s, o, NULL, 0, 0, m, o + 1);
    memcpy(s, m, strlen(m) + 1);
    free(m);
  }
}

/* Copy input text (p, n) into `out` for a message: control characters
 * (C0, DEL and C1) become '?', digit runs of 9 or more are masked
 * (before any cut, so no cut can expose a part of one), and text that
 * does not fit ends in "...". Returns out. */
static const char *show(const void *src, size_t n, char *out, size_t size) {
  char tmp[256];
  const unsigned char *p = src;
  size_t k = 0;
  size_t o = 0;
  while (k < n && o + 1 < sizeof tmp) {
    unsigned char c = p ? p[k] : 0;
    if (c == 0xC2 && k + 1 < n && p[k + 1] >= 0x80 && p[k + 1] <= 0x9F) {
      tmp[o++] = '?';                /* a C1 control (U+0080..U+009F) */
      k += 2;
      continue;
    }
    tmp[o++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    k++;
  }
  tmp[o] = '\0';
  zt_ijw_mask_digits(tmp);
  {
    /* masking may have shortened it; cut on a character's boundary */
    size_t m = strlen(tmp), keep = m < size ? m : size - 1;
    bool cut = keep < m || k < n;
    if (cut && keep >= 3)
      keep -= 3;
    while (keep > 0 && keep < m &&
           ((unsigned char)tmp[keep] & 0xC0) == 0x80)
      keep--;
    memcpy(out, tmp, keep);
    if (cut && keep + 3 < size) {
      memcpy(out + keep, "...", 3);
      keep += 3;
    }
    out[keep] = '\0';
  }
  return out;
}

static const char *show_str(const xmlChar *s, char *out, size_t size) {
  return show(s, s ? strlen((const char *)s) : 0, out, size);
}


/* ---- stopping --------------------------------------------------------- */

static void fail(rd *r, zt_reason why, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reject the whole file (the first reason wins) and stop the parser. */
static void fail(rd *r, zt_reason why, const char *fmt, ...) {
  va_list ap;
  if (r->stop)
    return;
  r->stop = true;
  r->fail_reason = why;
  va_start(ap, fmt);
  vsnprintf(r->fail_msg, sizeof r->fail_msg, fmt, ap);
  va_end(ap);
  xmlStopParser(r->ctxt);
}

static void sink_stop(rd *r, zt_status st) {
  if (r->stop)
    return;
  r->stop = true;
  r->sink_status = st;
  xmlStopParser(r->ctxt);
}

static long cur_line(const rd *r) {
  return (long)xmlSAX2GetLineNumber(r->ctxt);
}

/* ---- names and namespaces --------------------------------------------- */

static size_t ptr_hash(const xmlChar *p) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  return (size_t)(((x >> 3) * 0x9E3779B97F4A7C15ull) >> 56) & (NTAB - 1);
}

static int name_slow(const xmlChar *name) {
  for (int i = 1; i < N_COUNT; i++)
    if (strcmp((const char *)name, name_text[i]) == 0)
      return i;
  return N_UNKNOWN;
}

static void ntab_put(rd *r, const xmlChar *p, int id) {
  size_t h = ptr_hash(p);
  while (r->ntab[h].p && r->ntab[h].p != p)
    h = (h + 1) & (NTAB - 1);
  if (!r->ntab[h].p)
    r->ntab_used++;
  r->ntab[h].p = p;
  r->ntab[h].id = id;
}

/* Intern the names we know in the parser's dictionary. */
static void names_init(rd *r) {
  xmlDictPtr dict = r->ctxt->dict;
  r->by_ptr = dict != NULL;
  for (int i = 1; i < N_COUNT && r->by_ptr; i++) {
    const xmlChar *p = xmlDictLookup(dict, (const xmlChar *)name_text[i], -1);
    if (!p)
      r->by_ptr = false;
    else
      ntab_put(r, p, i);
  }
}

static int name_id(rd *r, const xmlChar *name) {
  int id;
  if (r->by_ptr) {
    size_t h = ptr_hash(name);
    while (r->ntab[h].p) {
      if (r->ntab[h].p == name)
        return r->ntab[h].id;
      h = (h + 1) & (NTAB - 1);
    }
  }
  id = name_slow(name);
  /* Cache unknown names too (JW301 has many we skip), but only interned
   * ones: a transient buffer's address could later hold another name. */
  if (r->by_ptr && r->ntab_used < NTAB / 2 &&
      xmlDictOwns(r->ctxt->dict, name) == 1)
    ntab_put(r, name, id);
  return id;
}

static bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

/* The <msg> of http://www.istandaarden.nl/ijw/3_<digits>/<msg>/schema. */
static bool ns_message(const char *u, size_t n, char *msg, size_t size) {
  static const char pre[] = "http://www.istandaarden.nl/ijw/3_";
  const size_t k = sizeof pre - 1;
  size_t i, j;
  if (size)
    msg[0] = '\0';
  if (n < k || memcmp(u, pre, k) != 0)
    return false;
  for (i = k; i < n && u[i] >= '0' && u[i] <= '9'; i++)
    ;
  if (i == k || i >= n || u[i] != '/')
    return false;
  j = ++i;
  while (i < n && is_alnum(u[i]))
    i++;
  if (i == j || i - j >= size || n - i != 7 || memcmp(u + i, "/schema", 7))
    return false;
  memcpy(msg, u + j, i - j);
  msg[i - j] = '\0';
  return true;
}

static int ns_classify(const char *uri) {
  char msg[16];
  if (!ns_message(uri, strlen(uri), msg, sizeof msg))
    return NS_OTHER;
  if (strcmp(msg, "basisschema") == 0)
    return NS_BASIS;
  for (int i = 0; i < NMSG; i++)
    if (strcmp(msg, messages[i].ns) == 0)
      return NS_MSG + i;
  return NS_IJW_OTHER;
}

static int ns_class(rd *r, const xmlChar *uri) {
  int c;
  if (!uri)
    return NS_NONE;
  for (int i = 0; i < r->ns_n; i++)
    if (r->ns_ptr[i] == uri)
      return r->ns_cls[i];
  c = ns_classify((const char *)uri);
  if (r->by_ptr && r->ns_n < 4 && xmlDictOwns(r->ctxt->dict, uri) == 1) {
    r->ns_ptr[r->ns_n] = uri;
    r->ns_cls[r->ns_n++] = c;
  }
  return c;
}

/* ---- slots ------------------------------------------------------------ */

static bool is_ws(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Start collecting text into slot k; NO_SLOT when it already has a value
 * (the repeat is flagged and its text ignored). */
static int slot_open(rd *r, int k) {
  slot *s = &r->s[k];
  if (s->seen) {
    s->dup = 1;
    return NO_SLOT;
  }
  s->seen = 1;
  s->len = 0;
  s->over = 0;
  return k;
}

static void slot_clear(slot *s) {
  s->seen = s->dup = s->over = 0;
  s->len = 0;
}

/* The slot's text without trailing white space (leading white space was
 * never stored). */
static zt_slice slot_text(const slot *s) {
  size_t n = s->len;
  while (n && is_ws((unsigned char)s->buf[n - 1]))
    n--;
  return (zt_slice){s->buf, n};
}

/* ---- structure problems inside a line ---------------------------------- */

static void line_bad(rd *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void line_bad(rd *r, const char *fmt, ...) {
  va_list ap;
  if (r->bad)
    return;
  r->bad = ZT_R_VALUE_INVALID;
  r->bad_field = -1;
  va_start(ap, fmt);
  vsnprintf(r->bad_msg, sizeof r->bad_msg, fmt, ap);
  va_end(ap);
}

/* The same with a reason and a field of the line: a retour code. */
static void line_bad_as(rd *r, zt_reason why, int field, const char *fmt,
                        ...) __attribute__((format(printf, 4, 5)));

static void line_bad_as(rd *r, zt_reason why, int field, const char *fmt,
                        ...) {
  va_list ap;
  if (r->bad)
    return;
  r->bad = why;
  r->bad_field = field;
  va_start(ap, fmt);
  vsnprintf(r->bad_msg, sizeof r->bad_msg, fmt, ap);
  va_end(ap);
}

static void line_unexpected(rd *r, const xmlChar *local, const xmlChar *uri,
                            const char *where) {
  char nm[64], ns[96];
  if (uri)
    line_bad(r, "unexpected element '%s' (namespace %s) in %s",
             show_str(local, nm, sizeof nm), show_str(uri, ns, sizeof ns),
             where);
  else
    line_bad(r, "unexpected element '%s' (no namespace) in %s",
             show_str(local, nm, sizeof nm), where);
}

/* ---- the header ------------------------------------------------------- */

static bool header_value(rd *r, int k, const char *name, zt_slice *v) {
  const slot *s = &r->s[k];
  char shown[40];
  if (!s->seen) {
    fail(r, ZT_R_HEADER_INVALID, "%s header has no %s", r->msg->label,
         name);
    return false;
  }
  if (s->dup) {
    fail(r, ZT_R_HEADER_INVALID, "%s header has more than one %s",
         r->msg->label, name);
    return false;
  }
  *v = slot_text(s);
  if (s->over) {
    fail(r, ZT_R_HEADER_INVALID, "%s header: %s '%s' is too long",
         r->msg->label, name, show(v->p, v->n, shown, sizeof shown));
    return false;
  }
  return true;
}

static void header_check_code(rd *r, int k, const char *name, size_t digits,
                              const char *what) {
  zt_slice v;
  char shown[40];
  if (!header_value(r, k, name, &v))
    return;
  if (v.n != digits || !zt_all_digits(v.p, v.n))
    fail(r, ZT_R_HEADER_INVALID, "%s header: %s '%s' is not %s (%zu digits)",
         r->msg->label, name, show(v.p, v.n, shown, sizeof shown),
         what, digits);
}

/* Called when Header ends: BerichtCode, Afzender and Ontvanger. */
static void header_end(rd *r) {
  const ijw_msg *m = r->msg;
  const char *want = m->bericht_code;
  zt_slice v;
  char shown[40];
  if (r->header_done) {
    fail(r, ZT_R_HEADER_INVALID, "%s message has more than one Header",
         r->msg->label);
    return;
  }
  if (!header_value(r, G_CODE, "BerichtCode", &v))
    return;
  if (!zt_slice_eq(v.p, v.n, want)) {
    fail(r, ZT_R_HEADER_INVALID,
         "%s header: BerichtCode is '%s', must be %s for this message",
         r->msg->label, show(v.p, v.n, shown, sizeof shown), want);
    return;
  }
  header_check_code(r, G_FROM, "Afzender", m->from.digits, m->from.what);
  header_check_code(r, G_TO, "Ontvanger", m->to.digits, m->to.what);
  r->header_done = true;
}

static void need_header(rd *r, const char *elem) {
  if (!r->header_done)
    fail(r, ZT_R_HEADER_INVALID, "%s message has no Header before %s",
         r->msg->label, elem);
}

/* ---- lines ------------------------------------------------------------ */

static void line_begin(rd *r) {
  for (int k = 0; k < ZT_MAX_FIELDS; k++)
    slot_clear(&r->s[k]);
  r->line_no = cur_line(r);
  r->line_group = false;
  r->bad = ZT_R_NONE;
  r->bad_field = -1;
  r->rc_line = 0;
}

static void client_begin(rd *r) {
  slot_clear(&r->s[G_BSN]);
  slot_clear(&r->s[G_BIRTH]);
  slot_clear(&r->s[G_BIRTH_USE]);
  slot_clear(&r->s[G_GENDER]);
}

static void reject(rd *r, zt_reason why, int field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void reject(rd *r, zt_reason why, int field, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  zt_status st;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  st = r->sink->reject(r->sink->ctx, r->kind, r->line_no, why, field, msg,
                       (zt_slice){NULL, 0}, r->err);
  if (st)
    sink_stop(r, st);
}

/* JW323: add the line's amount to the debit or credit total. */
static void line_amount(rd *r) {
  const slot *a = &r->s[ZT_D_AMOUNT], *dc = &r->s[ZT_D_DC];
  zt_slice v, c;
  uint64_t cents;
  if (!a->seen || a->dup || a->over || !dc->seen || dc->dup) {
    r->unreadable++;
    return;
  }
  v = slot_text(a);
  c = slot_text(dc);
  if (v.n > 12 || zt_parse_u64(v.p, v.n, &cents) != ZT_OK ||
      c.n != 1 || (c.p[0] != 'D' && c.p[0] != 'C')) {
    r->unreadable++;
    return;
  }
  if (c.p[0] == 'D')
    r->debit += (int64_t)cents;
  else
    r->credit += (int64_t)cents;
}

static void emit_fields(rd *r, const fdesc *fields, int nfields,
                        const char *where);
static void hold_line(rd *r);

/* A line's row, or its reject. */
static void line_emit(rd *r) {
  const ijw_msg *m = r->msg;
  if (m->line_done)
    m->line_done(r);
  if (r->bad) {
    reject(r, r->bad, r->bad_field, "%s", r->bad_msg);
    return;
  }
  emit_fields(r, m->fields, m->nfields, name_text[m->line]);
}

/* Called when a line element ends: one row, or one reject; a JW325's
 * lines wait for their answer's own row (answer_row). */
static void line_end(rd *r) {
  if (r->hold)
    hold_line(r);
  else
    line_emit(r);
}

/* Why the row from `fields` is not made. */
typedef struct rowrej {
  zt_reason why;
  int field;
  char msg[256];
} rowrej;

static bool row_bad(rowrej *rj, zt_reason why, int field, const char *fmt,
                    ...) __attribute__((format(printf, 4, 5)));

static bool row_bad(rowrej *rj, zt_reason why, int field, const char *fmt,
                    ...) {
  va_list ap;
  rj->why = why;
  rj->field = field;
  va_start(ap, fmt);
  vsnprintf(rj->msg, sizeof rj->msg, fmt, ap);
  va_end(ap);
  return false;
}

/* Does a field's text hold a control character that no text holds? The
 * parser refuses every C0 control but tab, CR and LF (XML 1.0 has no
 * such characters); DEL and the C1 controls (U+0080..U+009F) are
 * characters of XML 1.0, rejected here as a CSV field rejects them
 * (etl/csvread.c). *at is its byte in the field, *cp its code point. */
static bool control_in(zt_slice v, size_t *at, unsigned *cp) {
  const char *del = memchr(v.p, 0x7f, v.n);
  size_t c1 = zt_utf8_find_c1(v.p, v.n);
  if (del && (size_t)(del - v.p) < c1) {
    *at = (size_t)(del - v.p);
    *cp = 0x7f;
    return true;
  }
  if (c1 == v.n)
    return false;
  *at = c1;
  *cp = (unsigned char)v.p[c1 + 1];
  return true;
}

/* The row the slots `fields` name into f and *row; false, and why in
 * *rj, when a field is missing, repeated or too long. */
static bool build_fields(rd *r, const fdesc *fields, int nfields,
                         const char *where, zt_slice *f, zt_row *row,
                         rowrej *rj) {
  size_t at;
  unsigned cp;
  for (int k = 0; k < nfields; k++) {
    const fdesc *d = &fields[k];
    const slot *s;
    bool required = d->need == REQUIRED;
    if (d->slot == NO_SLOT) {
      f[k] = (zt_slice){NULL, 0};
      continue;
    }
    if (d->need == IN_GROUP && r->line_group)
      required = true;   /* Product needs its Categorie */
    s = &r->s[d->slot];
    if (!s->seen) {
      if (required) {
        if (d->slot < ZT_MAX_FIELDS)
          return row_bad(rj, ZT_R_MISSING_FIELD, k, "%s is missing in %s",
                         d->name, where);
        return row_bad(rj, ZT_R_MISSING_FIELD, k, "%s is missing",
                       d->name);
      }
      f[k] = (zt_slice){NULL, 0};
      continue;
    }
    if (s->dup)
      return row_bad(rj, ZT_R_VALUE_INVALID, k, "%s occurs more than once",
                     d->name);
    f[k] = slot_text(s);
    if (s->over)
      return row_bad(rj, ZT_R_FIELD_TOO_LONG, k,
                     "%s is longer than %d characters", d->name, d->max);
    if (zt_utf8_chars(f[k].p, f[k].n) > d->max)
      return row_bad(rj, ZT_R_FIELD_TOO_LONG, k,
                     "%s has %zu characters, at most %d allowed", d->name,
                     zt_utf8_chars(f[k].p, f[k].n), d->max);
    if (control_in(f[k], &at, &cp))
      return row_bad(rj, ZT_R_ENCODING_INVALID, k,
                     "%s: control character U+%04X at byte %zu; a field "
                     "holds text (U+0080 to U+009F are most likely "
                     "Windows-1252 text that was read as Latin-1 before "
                     "the message was written)", d->name, cp, at + 1);
    if (f[k].n == 0 && required)
      return row_bad(rj, ZT_R_MISSING_FIELD, k, "%s is empty", d->name);
  }
  row->kind = r->kind;
  row->f = f;
  row->line = r->line_no;
  row->raw = (zt_slice){NULL, 0};
  row->fmt = &ijw_fmt;
  return true;
}

/* One row from the slots `fields` name, or one reject. */
static void emit_fields(rd *r, const fdesc *fields, int nfields,
                        const char *where) {
  zt_slice f[ZT_MAX_FIELDS];
  zt_row row;
  rowrej rj;
  zt_status st;
  if (!build_fields(r, fields, nfields, where, f, &row, &rj)) {
    reject(r, rj.why, rj.field, "%s", rj.msg);
    return;
  }
  st = r->sink->row(r->sink->ctx, &row, r->err);
  if (st)
    sink_stop(r, st);
}

/* ---- JW325: lines held until the answer's row ------------------------ */

/* A held line: its number, its problem, and its seen slots, each as
 * the slot's index, flags and length, then its text; 0xFF ends it. */
#define HELD_MAX ((size_t)256 << 20)

static void hold_put(rd *r, const void *p, size_t n) {
  if (!r->stop && zt_buf_append(&r->held, p, n))
    fail(r, ZT_R_FILE_UNREADABLE,
         "a JW325 listing more than %zu MiB of rejected lines: refused",
         HELD_MAX >> 20);
}

static void hold_line(rd *r) {
  int32_t head[3] = {(int32_t)r->line_no, (int32_t)r->bad, r->bad_field};
  uint8_t end = 0xFF;
  hold_put(r, head, sizeof head);
  if (r->bad) {
    uint8_t n = (uint8_t)strnlen(r->bad_msg, 255);
    hold_put(r, &n, 1);
    hold_put(r, r->bad_msg, n);
  }
  for (int k = 0; k < ZT_MAX_FIELDS; k++) {
    const slot *sl = &r->s[k];
    uint8_t h[5] = {(uint8_t)k, sl->seen, sl->dup, sl->over, sl->len};
    if (!sl->seen)
      continue;
    hold_put(r, h, sizeof h);
    hold_put(r, sl->buf, sl->len);
  }
  hold_put(r, &end, 1);
}

/* Each held line, in file order: `rj` NULL: its row (or its own
 * reject); else a reject for the answer's (at line `at`). */
static void held_out(rd *r, const rowrej *rj, long at) {
  const unsigned char *p = (const unsigned char *)zt_buf_str(&r->held);
  const unsigned char *e = p + r->held.len;
  while (p < e && !r->stop) {
    int32_t head[3];
    memcpy(head, p, sizeof head);
    p += sizeof head;
    for (int k = 0; k < ZT_MAX_FIELDS; k++)
      slot_clear(&r->s[k]);
    r->line_no = head[0];
    r->bad = (zt_reason)head[1];
    r->bad_field = head[2];
    r->bad_msg[0] = '\0';
    if (r->bad) {
      memcpy(r->bad_msg, p + 1, *p);
      r->bad_msg[*p] = '\0';
      p += 1 + *p;
    }
    while (*p != 0xFF) {
      slot *sl = &r->s[p[0]];
      sl->seen = p[1];
      sl->dup = p[2];
      sl->over = p[3];
      sl->len = p[4];
      memcpy(sl->buf, p + 5, sl->len);
      p += 5 + sl->len;
    }
    p++;
    if (rj)
      reject(r, rj->why, -1, "not used: the answer's own row (line %ld) "
             "is rejected: %.180s", at, rj->msg);
    else
      line_emit(r);
  }
  zt_buf_reset(&r->held);
}


/* ---- the state machine ------------------------------------------------ */

static step gfield(rd *r, int k) { return (step){S_GFIELD, slot_open(r, k)}; }
static step lfield(rd *r, int k) { return (step){S_LFIELD, slot_open(r, k)}; }

/* The part both messages share: the header. */
static bool header_child(rd *r, int ns, int id, step *out) {
  if (ns != r->msg_ns)
    return false;
  switch (id) {
  case N_BerichtCode: *out = gfield(r, G_CODE); return true;
  case N_Afzender: *out = gfield(r, G_FROM); return true;
  case N_Ontvanger: *out = gfield(r, G_TO); return true;
  case N_BerichtIdentificatie: *out = (step){S_IDENT, NO_SLOT}; return true;
  default: return false;
  }
}

static step child_323(rd *r, int parent, int ns, int id,
                      const xmlChar *local, const xmlChar *uri) {
  const step skip = {S_SKIP, NO_SLOT}, lskip = {S_LSKIP, NO_SLOT};
  bool m = ns == r->msg_ns, b = ns == NS_BASIS;
  step out;
  switch (parent) {
  case S_ROOT:
    if (m && id == N_Header)
      return (step){S_HEADER, NO_SLOT};
    if (m && id == N_Declaratie) {
      need_header(r, "Declaratie");
      r->decl_seen = true;
      return (step){S_DECL, NO_SLOT};
    }
    return skip;
  case S_HEADER:
    return header_child(r, ns, id, &out) ? out : skip;
  case S_DECL:
    if (m && id == N_DeclaratieNummer)
      return gfield(r, G_DECLNR);
    if (m && id == N_DeclaratieDagtekening)
      return gfield(r, G_DECL_DAY);
    if (m && id == N_TotaalIngediendBedrag)
      return (step){S_TOTAL, NO_SLOT};
    if (m && id == N_Clienten)
      return (step){S_CLIENTS, NO_SLOT};
    return skip;
  case S_TOTAL:
    if (b && id == N_TotaalBedrag)
      return gfield(r, G_TOTAL);
    if (b && id == N_DebetCredit)
      return gfield(r, G_TOTAL_DC);
    return skip;
  case S_CLIENTS:
    if (m && id == N_Client) {
      client_begin(r);
      return (step){S_CLIENT, NO_SLOT};
    }
    return skip;
  case S_CLIENT:
    if (m && id == N_Bsn)
      return gfield(r, G_BSN);
    if (m && id == N_Prestaties)
      return (step){S_LINES, NO_SLOT};
    return skip;
  case S_LINES:
    if (m && id == N_Prestatie) {
      line_begin(r);
      return (step){S_LINE, NO_SLOT};
    }
    return skip;
  case S_LINE:
    if (m) {
      switch (id) {
      case N_ProductReferentie: return (step){S_G_REF, NO_SLOT};
      case N_ToewijzingNummer: return lfield(r, ZT_D_TOEWIJZING);
      case N_ProductCategorie: return lfield(r, ZT_D_CATEGORY);
      case N_ProductCode: return lfield(r, ZT_D_CODE);
      case N_ProductPeriode: return (step){S_G_PERIOD, NO_SLOT};
      case N_GeleverdVolume: return lfield(r, ZT_D_VOLUME);
      case N_Eenheid: return lfield(r, ZT_D_UNIT);
      case N_ProductTarief: return lfield(r, ZT_D_TARIFF);
      case N_IngediendBedrag: return (step){S_G_AMOUNT, NO_SLOT};
      default: break;
      }
    }
    line_unexpected(r, local, uri, "Prestatie");
    return lskip;
  case S_G_REF:
    if (b && id == N_ReferentieNummer)
      return lfield(r, ZT_D_REF);
    if (b && id == N_VorigReferentieNummer)
      return lfield(r, ZT_D_PREVREF);
    line_unexpected(r, local, uri, "ProductReferentie");
    return lskip;
  case S_G_PERIOD:
    if (b && id == N_Begindatum)
      return lfield(r, ZT_D_BEGIN);
    if (b && id == N_Einddatum)
      return lfield(r, ZT_D_END);
    line_unexpected(r, local, uri, "ProductPeriode");
    return lskip;
  case S_G_AMOUNT:
    if (b && id == N_Bedrag)
      return lfield(r, ZT_D_AMOUNT);
    if (b && id == N_DebetCredit)
      return lfield(r, ZT_D_DC);
    line_unexpected(r, local, uri, "IngediendBedrag");
    return lskip;
  case S_LFIELD:
    line_unexpected(r, local, uri, "a text field");
    return lskip;
  default:
    return skip;
  }
}

static step child_301(rd *r, int parent, int ns, int id,
                      const xmlChar *local, const xmlChar *uri) {
  const step skip = {S_SKIP, NO_SLOT}, lskip = {S_LSKIP, NO_SLOT};
  bool m = ns == r->msg_ns, b = ns == NS_BASIS;
  step out;
  switch (parent) {
  case S_ROOT:
    if (m && id == N_Header)
      return (step){S_HEADER, NO_SLOT};
    if (m && id == N_Client) {
      need_header(r, "Client");
      client_begin(r);
      return (step){S_CLIENT, NO_SLOT};
    }
    return skip;
  case S_HEADER:
    return header_child(r, ns, id, &out) ? out : skip;
  case S_CLIENT:
    if (m && id == N_Bsn)
      return gfield(r, G_BSN);
    if (m && id == N_Geboortedatum)
      return (step){S_BIRTH, NO_SLOT};
    if (m && id == N_Geslacht)
      return gfield(r, G_GENDER);
    if (m && id == N_ToegewezenProducten)
      return (step){S_LINES, NO_SLOT};
    return skip;
  case S_BIRTH:
    if (b && id == N_Datum)
      return gfield(r, G_BIRTH);
    if (b && id == N_DatumGebruik)
      return gfield(r, G_BIRTH_USE);
    return skip;
  case S_LINES:
    if (m && id == N_ToegewezenProduct) {
      line_begin(r);
      return (step){S_LINE, NO_SLOT};
    }
    return skip;
  case S_LINE:
    if (m) {
      switch (id) {
      case N_ToewijzingNummer: return lfield(r, ZT_A_TOEWIJZING);
      case N_Product:
        if (r->line_group)
          line_bad(r, "Product occurs more than once");
        r->line_group = true;
        return (step){S_G_PRODUCT, NO_SLOT};
      case N_Ingangsdatum: return lfield(r, ZT_A_BEGIN);
      case N_Einddatum: return lfield(r, ZT_A_END);
      case N_RedenWijziging: return lfield(r, ZT_A_REASON);
      case N_ReferentieAanbieder: return lfield(r, ZT_A_REF);
      case N_Toewijzingsdatum: return lfield(r, ZT_A_DAY);
      case N_Toewijzingstijd:
      case N_Omvang:
      case N_Budget:
      case N_Commentaar:
        return lskip;
      default: break;
      }
    }
    line_unexpected(r, local, uri, "ToegewezenProduct");
    return lskip;
  case S_G_PRODUCT:
    if (b && id == N_Categorie)
      return lfield(r, ZT_A_CATEGORY);
    if (b && id == N_Code)
      return lfield(r, ZT_A_CODE);
    line_unexpected(r, local, uri, "Product");
    return lskip;
  case S_LFIELD:
    line_unexpected(r, local, uri, "a text field");
    return lskip;
  default:
    return skip;
  }
}

/* JW325: the answer's retour codes are gathered in a slot, blank
 * separated; the answer's own row is reported when DeclaratieAntwoord
 * ends, or at the end of the file when there is none (a message refused
 * on header level). The client's Bsn is never read. */
static step child_325(rd *r, int parent, int ns, int id,
                      const xmlChar *local, const xmlChar *uri) {
  const step skip = {S_SKIP, NO_SLOT}, lskip = {S_LSKIP, NO_SLOT};
  bool m = ns == r->msg_ns, b = ns == NS_BASIS;
  step out;
  switch (parent) {
  case S_ROOT:
    if (m && id == N_Header)
      return (step){S_HEADER, NO_SLOT};
    if (m && id == N_DeclaratieAntwoord && !r->decl_seen) {
      need_header(r, "DeclaratieAntwoord");
      r->decl_seen = true;
      return (step){S_ANSWER, NO_SLOT};
    }
    return skip;
  case S_HEADER:
    if (header_child(r, ns, id, &out))
      return out;
    if (m && id == N_DeclaratieIdentificatie)
      return (step){S_DIDENT, NO_SLOT};
    if (m && id == N_RetourCodes) {
      r->rc_pos = 0;
      return (step){S_RC_DECL, NO_SLOT};
    }
    return skip;
  case S_DIDENT:
    if (b && id == N_Identificatie)
      return gfield(r, G_DECL_IDENT);
    return skip;
  case S_ANSWER:
    if (m && id == N_DeclaratieNummer)
      return gfield(r, G_DECLNR);
    if (m && id == N_TotaalIngediendBedrag)
      return (step){S_TOTAL, NO_SLOT};
    if (m && id == N_TotaalToegekendBedrag)
      return (step){S_GRANTED, NO_SLOT};
    if (m && id == N_Clienten)
      return (step){S_CLIENTS, NO_SLOT};
    if (m && id == N_RetourCodes) {
      r->rc_pos = 0;
      return (step){S_RC_DECL, NO_SLOT};
    }
    return skip;
  case S_TOTAL:
    if (b && id == N_TotaalBedrag)
      return gfield(r, G_TOTAL);
    if (b && id == N_DebetCredit)
      return gfield(r, G_TOTAL_DC);
    return skip;
  case S_GRANTED:
    if (b && id == N_TotaalBedrag)
      return gfield(r, G_GRANTED);
    if (b && id == N_DebetCredit)
      return gfield(r, G_GRANTED_DC);
    return skip;
  case S_CLIENTS:
    if (m && id == N_Client) {
      client_begin(r);
      return (step){S_CLIENT, NO_SLOT};
    }
    return skip;
  case S_CLIENT:
    if (m && id == N_Prestaties)
      return (step){S_LINES, NO_SLOT};
    return skip;             /* Bsn and the client's RetourCodes */
  case S_LINES:
    if (m && id == N_Prestatie) {
      line_begin(r);
      return (step){S_LINE, NO_SLOT};
    }
    return skip;
  case S_LINE:
    if (m) {
      switch (id) {
      case N_ProductReferentie: return (step){S_G_REF, NO_SLOT};
      case N_IngediendBedrag: return (step){S_G_AMOUNT, NO_SLOT};
      case N_RetourCodes:
        r->rc_pos = 0;
        return (step){S_RC_LINE, NO_SLOT};
      case N_ToewijzingNummer:
      case N_ProductCategorie:
      case N_ProductCode:
      case N_ProductPeriode:
      case N_GeleverdVolume:
      case N_Eenheid:
      case N_ProductTarief:
        return lskip;
      default: break;
      }
    }
    line_unexpected(r, local, uri, "Prestatie");
    return lskip;
  case S_G_REF:
    if (b && id == N_ReferentieNummer)
      return lfield(r, ZT_N_REF);
    if (b && id == N_VorigReferentieNummer)
      return lskip;
    line_unexpected(r, local, uri, "ProductReferentie");
    return lskip;
  case S_G_AMOUNT:
    if (b && id == N_Bedrag)
      return lfield(r, ZT_N_AMOUNT);
    if (b && id == N_DebetCredit)
      return lfield(r, ZT_N_DC);
    line_unexpected(r, local, uri, "IngediendBedrag");
    return lskip;
  case S_RC_DECL:
  case S_RC_LINE:
    if (m && id == N_RetourCode) {
      slot_clear(&r->s[G_RC_TMP]);
      return (step){S_RCODE, slot_open(r, G_RC_TMP)};
    }
    if (parent == S_RC_LINE) {
      line_unexpected(r, local, uri, "RetourCodes");
      return lskip;
    }
    return skip;
  case S_RCODE:
  case S_LFIELD:
    if (parent == S_RCODE && r->stack[r->depth - 2].state != S_RC_LINE)
      return skip;
    line_unexpected(r, local, uri, "a text field");
    return lskip;
  default:
    return skip;
  }
}

/* A retour code that is not one: the line's (then the line is rejected)
 * or the answer's (then its row is, and its lines with it). */
static void rc_bad(rd *r, bool line, zt_reason why, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void rc_bad(rd *r, bool line, zt_reason why, const char *fmt, ...) {
  char msg[200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (line) {
    line_bad_as(r, why, ZT_N_CODES, "%s", msg);
  } else if (!r->rc_bad) {
    r->rc_bad = why;
    zt_strlcpy(r->rc_bad_msg, msg, sizeof r->rc_bad_msg);
  }
}

/* A RetourCode ended (`parent` its RetourCodes, `owner` the element
 * that has them): judged as etl/answer.c judges a CSV's (4 digits or
 * capitals, at most ZT_ANSWER_CODES a row) and added to the codes of
 * its level. A code that is not one rejects its row, with the code's
 * place and the start of its text: it is never cut to fit. */
static void rc_end(rd *r, int parent, int owner) {
  bool line = parent == S_RC_LINE;
  int k = line ? ZT_N_CODES : G_RC_DECL;
  int *count = line ? &r->rc_line : &r->rc_answer;
  slot *t = &r->s[k];
  const slot *c = &r->s[G_RC_TMP];
  zt_slice v = slot_text(c);
  const char *where = line               ? "Prestatie/RetourCodes"
                      : owner == S_HEADER ? "Header/RetourCodes"
                                          : "DeclaratieAntwoord/RetourCodes";
  char shown[24];
  size_t chars = 0;
  bool form = true;
  int pos = ++r->rc_pos;
  for (size_t i = 0; i < v.n; i++) {
    chars += ((unsigned char)v.p[i] & 0xC0) != 0x80;
    form = form && ((v.p[i] >= '0' && v.p[i] <= '9') ||
                    (v.p[i] >= 'A' && v.p[i] <= 'Z'));
  }
  if (c->over || chars > 4) {
    rc_bad(r, line, ZT_R_FIELD_TOO_LONG,
           "%s/RetourCode %d is longer than 4 characters ('%s'): a retour "
           "code has 4 (WJ001)", where, pos,
           show(v.p, v.n, shown, sizeof shown));
    return;
  }
  if (chars < 4 || !form) {
    rc_bad(r, line, ZT_R_VALUE_INVALID,
           "%s/RetourCode %d ('%s') is not a retour code: 4 digits or "
           "capitals (WJ001)", where, pos, show(v.p, v.n, shown,
                                                 sizeof shown));
    return;
  }
  if (*count == ZT_ANSWER_CODES) {
    rc_bad(r, line, ZT_R_FIELD_TOO_LONG,
           "more than %d retour codes (%s/RetourCode %d): zothuis reads "
           "at most %d a row", ZT_ANSWER_CODES, where, pos,
           ZT_ANSWER_CODES);
    return;
  }
  (*count)++;
  if (!t->seen) {
    t->seen = 1;
    t->len = 0;
  }
  if (t->len)
    t->buf[t->len++] = ' ';
  memcpy(t->buf + t->len, v.p, v.n);
  t->len = (uint8_t)(t->len + v.n);
}

static void put_text(slot *s, const char *text) {
  size_t n = strlen(text);
  memcpy(s->buf, text, n);
  s->len = (uint8_t)n;
  s->seen = 1;
  s->dup = s->over = 0;
}

/* JW325: a Prestatie ended: it is a rejected line. */
static void answer_line_done(rd *r) {
  put_text(&r->s[ZT_N_LEVEL], "prestatie");
}

/* JW325: the answer's own row (niveau declaratie). It is judged first,
 * as the store will judge it (zt_answer_parse): when it is rejected,
 * its held lines are rejected with it, so no answer is stored in part
 * (its lines without its codes would make the JW323 approved where the
 * codes may reject it whole, and turn a corrected answer into an
 * answer_conflict). Otherwise the lines go first, then the row. */
static void answer_row(rd *r) {
  zt_slice f[ZT_MAX_FIELDS];
  zt_row row;
  rowrej rj = {ZT_R_NONE, -1, ""};
  long at;
  if (r->answer_done || r->stop)
    return;
  r->answer_done = true;
  at = r->line_no = cur_line(r);
  if (r->answer_bad[0]) {
    row_bad(&rj, ZT_R_VALUE_INVALID, -1, "%s", r->answer_bad);
  } else if (r->rc_bad) {
    row_bad(&rj, r->rc_bad, ZT_N_CODES, "%s", r->rc_bad_msg);
  } else {
    put_text(&r->s[G_LEVEL], "declaratie");
    if (build_fields(r, answer_decl_fields, ZT_N_NFIELDS,
                     "DeclaratieAntwoord", f, &row, &rj)) {
      zt_answer a;
      zt_reject rej;
      zt_answer_parse(&row, &a, &rej);
      if (rej.reason != ZT_R_NONE)
        row_bad(&rj, rej.reason, rej.field, "%s", rej.message);
    }
  }
  held_out(r, rj.why ? &rj : NULL, at);
  r->line_no = at;
  if (rj.why)
    reject(r, rj.why, rj.field, "%s", rj.msg);
  else
    emit_fields(r, answer_decl_fields, ZT_N_NFIELDS, "DeclaratieAntwoord");
}

/* JW325: a DeclaratieAntwoord the reader skips (in no or another
 * namespace, its name in another letter case, out of place, or a second
 * one). Its codes and totals are not read, so the answer's row is not
 * made from the header alone: it is rejected (a second one after the
 * answer's row: a reject of its own), and its lines are rejected as not
 * read; a corrected answer can then be sent. */
static void unread_answer(rd *r, const xmlChar *local, const xmlChar *uri) {
  const char *da = name_text[N_DeclaratieAntwoord];
  char nm[64], ns[128];
  if (!zt_slice_ieq((const char *)local, strlen((const char *)local), da))
    return;
  if (r->answer_done) {
    r->line_no = cur_line(r);
    reject(r, ZT_R_VALUE_INVALID, -1, "a second %s: not read", da);
    return;
  }
  if (r->answer_bad[0])
    return;
  if (r->decl_seen)
    snprintf(r->answer_bad, sizeof r->answer_bad,
             "a %s inside another: the answer is not read", da);
  else if (strcmp((const char *)local, da) != 0)
    snprintf(r->answer_bad, sizeof r->answer_bad,
             "'%s' is not %s (element names are case-sensitive): the "
             "answer is not read", show_str(local, nm, sizeof nm), da);
  else if (ns_class(r, uri) != r->msg_ns)
    snprintf(r->answer_bad, sizeof r->answer_bad,
             "%s in %s%s%s, not in the JW325 namespace: the answer is not "
             "read", da, uri ? "namespace '" : "no namespace",
             uri ? show_str(uri, ns, sizeof ns) : "", uri ? "'" : "");
  else
    snprintf(r->answer_bad, sizeof r->answer_bad,
             "%s outside Bericht: the answer is not read", da);
}

static void answer_file_done(rd *r) {
  if (r->header_done)
    answer_row(r);
}

/* JW315, JW305 and JW307: Client with a list of lines, each a product
 * with its dates (and, in JW315, the Verwijzer). */
static step child_flow(rd *r, int parent, int ns, int id,
                       const xmlChar *local, const xmlChar *uri) {
  const step skip = {S_SKIP, NO_SLOT}, lskip = {S_LSKIP, NO_SLOT};
  bool m = ns == r->msg_ns, b = ns == NS_BASIS;
  zt_kind k = r->msg->kind;
  int list = k == ZT_KIND_VERZOEKEN   ? N_AangevraagdeProducten
             : k == ZT_KIND_STARTZORG ? N_StartProducten
                                      : N_StopProducten;
  const char *where = name_text[r->msg->line];
  step out;
  switch (parent) {
  case S_ROOT:
    if (m && id == N_Header)
      return (step){S_HEADER, NO_SLOT};
    if (m && id == N_Client) {
      need_header(r, "Client");
      client_begin(r);
      return (step){S_CLIENT, NO_SLOT};
    }
    return skip;
  case S_HEADER:
    return header_child(r, ns, id, &out) ? out : skip;
  case S_CLIENT:
    if (m && id == N_Bsn)
      return gfield(r, G_BSN);
    if (m && id == list)
      return (step){S_LINES, NO_SLOT};
    return skip;
  case S_LINES:
    if (m && id == r->msg->line) {
      line_begin(r);
      return (step){S_LINE, NO_SLOT};
    }
    return skip;
  case S_LINE:
    if (m && id == N_Product) {
      if (r->line_group)
        line_bad(r, "Product occurs more than once");
      r->line_group = true;
      return (step){S_G_PRODUCT, NO_SLOT};
    }
    if (m && k == ZT_KIND_VERZOEKEN) {
      switch (id) {
      case N_ReferentieAanbieder: return lfield(r, ZT_Q_REF);
      case N_ToewijzingIngangsdatum: return lfield(r, ZT_Q_BEGIN);
      case N_Verwijzer: return (step){S_G_VERWIJZER, NO_SLOT};
      case N_BeschikkingNummer:
      case N_BeschikkingIngangsdatum:
      case N_ToewijzingEinddatum:
      case N_Omvang:
      case N_Budget:
      case N_Raamcontract:
      case N_Commentaar:
        return lskip;
      default: break;
      }
    } else if (m) {
      switch (id) {
      case N_ToewijzingNummer: return lfield(r, ZT_Z_TOEWIJZING);
      case N_ToewijzingIngangsdatum: return lfield(r, ZT_Z_ASSIGN_BEGIN);
      case N_Begindatum: return lfield(r, ZT_Z_BEGIN);
      case N_StatusAanlevering: return lfield(r, ZT_Z_STATUS);
      case N_RedenBeeindiging:
        if (k == ZT_KIND_STOPZORG)
          return lfield(r, ZT_Z_REASON);
        break;
      case N_Einddatum:
        if (k == ZT_KIND_STOPZORG)
          return lfield(r, ZT_Z_END);
        break;
      default: break;
      }
    }
    line_unexpected(r, local, uri, where);
    return lskip;
  case S_G_PRODUCT:
    if (b && id == N_Categorie)
      return lfield(r, k == ZT_KIND_VERZOEKEN ? ZT_Q_CATEGORY
                                              : ZT_Z_CATEGORY);
    if (b && id == N_Code)
      return lfield(r, k == ZT_KIND_VERZOEKEN ? ZT_Q_CODE : ZT_Z_CODE);
    line_unexpected(r, local, uri, "Product");
    return lskip;
  case S_G_VERWIJZER:
    if (b && id == N_Type)
      return lfield(r, ZT_Q_VERWIJZER);
    return lskip;    /* Naam, ZorgverlenerCode */
  case S_LFIELD:
    line_unexpected(r, local, uri, "a text field");
    return lskip;
  default:
    return skip;
  }
}

/* The root element decides the message: a row of the table, or the file
 * is refused (xml_kind_unknown). */
static void root_start(rd *r, const xmlChar *local, const xmlChar *uri) {
  char msg[16], nm[64], ns[128], known[320];
  const char *u = (const char *)uri;
  bool ijw = u && ns_message(u, strlen(u), msg, sizeof msg);
  const ijw_msg *m = ijw ? msg_by_ns(msg) : NULL;
  r->root_seen = true;
  if (m) {
    r->msg = m;
    r->kind = m->kind;
    r->msg_ns = NS_MSG + (int)(m - messages);
    r->hold = m->kind == ZT_KIND_ANTWOORDEN;
  } else if (ijw) {
    for (char *c = msg; *c; c++)
      if (*c >= 'a' && *c <= 'z')
        *c = (char)(*c - 'a' + 'A');
    fail(r, ZT_R_XML_KIND_UNKNOWN,
         "an iJw %s message (root element '%s'), not %s: zothuis does not "
         "read it",
         msg, show_str(local, nm, sizeof nm),
         msg_list(known, sizeof known, true));
    return;
  } else if (u) {
    fail(r, ZT_R_XML_KIND_UNKNOWN,
         "XML root element '%s' in namespace '%s' is not an iJw %s message",
         show_str(local, nm, sizeof nm), show_str(uri, ns, sizeof ns),
         msg_list(known, sizeof known, false));
    return;
  } else {
    fail(r, ZT_R_XML_KIND_UNKNOWN,
         "XML root element '%s' has no namespace: not an iJw %s message",
         show_str(local, nm, sizeof nm),
         msg_list(known, sizeof known, false));
    return;
  }
  if (r->want != ZT_KIND_AUTO && r->want != r->kind) {
    fail(r, ZT_R_XML_KIND_UNKNOWN, "the file is an iJw %s message, not %s",
         m->label, zt_kind_name(r->want));
    return;
  }
  if (name_id(r, local) != N_Bericht)
    fail(r, ZT_R_XML_KIND_UNKNOWN,
         "root element is '%s', an iJw %s message starts with Bericht",
         show_str(local, nm, sizeof nm), m->label);
}

/* ---- SAX callbacks ---------------------------------------------------- */

/* How an element relates to the message's line element (Prestatie,
 * ToegewezenProduct, ...). */
enum {
  LINE_NOT,      /* another element */
  LINE_EXACT,    /* the line element, in the message's namespace */
  LINE_VARIANT   /* its name in another letter case, or in no or another
                  * namespace: the provider meant a line */
};

/* The line elements of all messages: each message has only its own, so
 * another's (a StopProduct in a JW305) is a line its sender meant. */
static const int line_names[] = {N_Prestatie, N_ToegewezenProduct,
                                 N_AangevraagdProduct, N_StartProduct,
                                 N_StopProduct};
#define NLINE_NAMES ((int)(sizeof line_names / sizeof line_names[0]))

static int line_like(rd *r, const xmlChar *local, const xmlChar *uri) {
  int id = name_id(r, local);
  size_t n = strlen((const char *)local);
  if (id == r->msg->line)
    return ns_class(r, uri) == r->msg_ns ? LINE_EXACT : LINE_VARIANT;
  for (int i = 0; i < NLINE_NAMES; i++)
    if (id == line_names[i] ||
        (id == N_UNKNOWN &&
         zt_slice_ieq((const char *)local, n, name_text[line_names[i]])))
      return LINE_VARIANT;
  return LINE_NOT;
}

/* What is wrong with a line element the reader did not take (`like`):
 * its place, or its name's letter case and its namespace. */
static void line_problem(rd *r, int like, const xmlChar *local,
                         const xmlChar *uri, char *out, size_t size) {
  const char *line = name_text[r->msg->line];
  char nm[64], ns[128];
  size_t n = 0;
  if (like == LINE_EXACT) {
    snprintf(out, size, "%s outside %s", line, r->msg->line_path);
    return;
  }
  out[0] = '\0';
  if (strcmp((const char *)local, line) != 0)
    n += (size_t)snprintf(out, size, "'%s' is not %s (%s)",
                          show_str(local, nm, sizeof nm), line,
                          zt_slice_ieq((const char *)local,
                                       strlen((const char *)local), line)
                              ? "element names are case-sensitive"
                              : "the line of another iJw message");
  if (ns_class(r, uri) != r->msg_ns && n < size)
    snprintf(out + n, size - n, "%s%s in %s%s%s, not in the %s namespace",
             n ? "; " : "", line, uri ? "namespace '" : "no namespace",
             uri ? show_str(uri, ns, sizeof ns) : "", uri ? "'" : "",
             r->msg->code);
}

/* A line element where none belongs (say a Prestatie straight under
 * Client), or one the reader does not take for the message's own (in no
 * or another namespace, or in another letter case): reported, so that no
 * line goes missing without a trace. */
static void misplaced_line(rd *r, int like, const xmlChar *local,
                           const xmlChar *uri) {
  char what[300];
  line_problem(r, like, local, uri, what, sizeof what);
  r->line_no = cur_line(r);
  reject(r, ZT_R_VALUE_INVALID, -1, "%s: not read", what);
}

/* The same inside a line, in a subtree the reader skips (a Prestatie in
 * another's ProductPeriode, a ToegewezenProduct in Commentaar): the line
 * around it is rejected, with the reason. */
static void nested_line(rd *r, int like, const xmlChar *local,
                        const xmlChar *uri) {
  const char *line = name_text[r->msg->line];
  char what[300];
  if (like == LINE_EXACT) {
    line_bad(r, "a %s inside a %s: not read", line, line);
    return;
  }
  line_problem(r, like, local, uri, what, sizeof what);
  line_bad(r, "%s, inside a %s: not read", what, line);
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
                     const xmlChar *uri, int nb_ns, const xmlChar **nss,
                     int nb_attr, int nb_def, const xmlChar **attrs) {
  rd *r = ctx;
  step next;
  int parent;
  (void)prefix;
  (void)nb_ns;
  (void)nss;
  (void)nb_def;
  if (r->stop)
    return;
  r->run = 0;
  for (int i = 0; i < nb_attr; i++) {
    const xmlChar *v = attrs[5 * i + 3], *e = attrs[5 * i + 4];
    if ((size_t)(e - v) > ZT_IJW_TEXT_MAX) {
      fail(r, ZT_R_XML_MALFORMED,
           "attribute value longer than %d bytes at line %ld: refused",
           ZT_IJW_TEXT_MAX, cur_line(r));
      return;
    }
  }
  if (r->depth == ZT_IJW_MAX_DEPTH) {
    fail(r, ZT_R_XML_MALFORMED,
         "elements nested deeper than %d levels at line %ld: refused",
         ZT_IJW_MAX_DEPTH, cur_line(r));
    return;
  }
  if (r->depth == 0) {
    root_start(r, local, uri);
    if (r->stop)
      return;
    r->stack[r->depth++] = (frame){S_ROOT, NO_SLOT};
    r->cap = NO_SLOT;
    return;
  }
  parent = r->stack[r->depth - 1].state;
  if (parent == S_LSKIP) {
    next = (step){S_LSKIP, NO_SLOT};
  } else if (parent == S_SKIP) {
    next = (step){S_SKIP, NO_SLOT};
  } else if (parent == S_IDENT) {
    /* the message's date, for the delivery date (ingest) */
    int id = ns_class(r, uri) == NS_BASIS ? name_id(r, local) : N_UNKNOWN;
    next = id == N_Dagtekening     ? gfield(r, G_DAY)
           : id == N_Identificatie ? gfield(r, G_IDENT)
                                   : (step){S_SKIP, NO_SLOT};
  } else {
    int ns = ns_class(r, uri);
    int id = name_id(r, local);
    next = r->msg->child(r, parent, ns, id, local, uri);
  }
  /* A line element the reader does not take is never lost: outside a
   * line it is a reject of its own, inside one it rejects that line. */
  if (next.state == S_SKIP || next.state == S_LSKIP) {
    int like = line_like(r, local, uri);
    if (like != LINE_NOT && next.state == S_SKIP)
      misplaced_line(r, like, local, uri);
    else if (like != LINE_NOT)
      nested_line(r, like, local, uri);
    if (r->msg->kind == ZT_KIND_ANTWOORDEN)
      unread_answer(r, local, uri);
  }
  r->stack[r->depth++] = (frame){(uint8_t)next.state, (int8_t)next.slot};
  r->cap = next.slot;
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
                   const xmlChar *uri) {
  rd *r = ctx;
  int state;
  (void)local;
  (void)prefix;
  (void)uri;
  if (r->stop || r->depth == 0)
    return;
  r->run = 0;
  state = r->stack[--r->depth].state;
  r->cap = r->depth ? r->stack[r->depth - 1].slot : NO_SLOT;
  if (state == S_LINE)
    line_end(r);
  else if (state == S_HEADER)
    header_end(r);
  else if (state == S_RCODE)
    rc_end(r, r->depth ? r->stack[r->depth - 1].state : S_SKIP,
           r->depth > 1 ? r->stack[r->depth - 2].state : S_SKIP);
  else if (state == S_ANSWER)
    answer_row(r);
}

static void on_chars(void *ctx, const xmlChar *ch, int len) {
  rd *r = ctx;
  const char *p = (const char *)ch;
  size_t n = (size_t)len, room;
  slot *s;
  if (r->stop)
    return;
  r->run += n;
  if (r->run > ZT_IJW_TEXT_MAX) {
    fail(r, ZT_R_XML_MALFORMED,
         "text longer than %d bytes in one element at line %ld: refused",
         ZT_IJW_TEXT_MAX, cur_line(r));
    return;
  }
  if (r->cap == NO_SLOT)
    return;
  s = &r->s[r->cap];
  if (s->len == 0)
    while (n && is_ws((unsigned char)*p)) {
      p++;
      n--;
    }
  room = SLOT_CAP - s->len;
  if (n <= room) {
    memcpy(s->buf + s->len, p, n);
    s->len = (uint8_t)(s->len + n);
    return;
  }
  memcpy(s->buf + s->len, p, room);
  s->len = SLOT_CAP;
  for (size_t i = room; i < n; i++)
    if (!is_ws((unsigned char)p[i]))
      s->over = 1;
}

/* The guard's refusal (etl/xmlguard.h): a DOCTYPE, an entity or a load. */
static void on_refuse(void *ctx, const char *what) {
  rd *r = ctx;
  (void)what;
  fail(r, ZT_R_XML_MALFORMED,
       "DTD not allowed (DOCTYPE at line %ld): iJw messages have none, and "
       "a DTD can declare entity bombs or external entities",
       cur_line(r));
}

#if LIBXML_VERSION >= 21200
static void on_error(void *ctx, const xmlError *e) {
#else
static void on_error(void *ctx, xmlErrorPtr e) {
#endif
  rd *r = ctx;
  char m[200];
  size_t n;
  if (!e || e->level < XML_ERR_ERROR || r->stop)
    return;
  {
    char raw[400];
    snprintf(raw, sizeof raw, "%s", e->message ? e->message : "error");
    for (char *c = raw; *c; c++)
      if (*c == '\n' || *c == '\r' || *c == '\t')
        *c = ' ';
    show(raw, strlen(raw), m, sizeof m);
  }
  n = strlen(m);
  while (n && m[n - 1] == ' ')
    m[--n] = '\0';
  fail(r, ZT_R_XML_MALFORMED, "not well-formed XML at line %d, column %d: %s",
       e->line, e->int2, m);
}

static void silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

/* ---- attribute count ---------------------------------------------------- */

/*
 * libxml2 checks the attributes of a start tag for duplicates pair by
 * pair, so one element with many attributes costs time in the square of
 * their number (400,000 attributes: two minutes). Before a chunk reaches
 * the parser, the '=' signs since the last '<' are counted, across chunk
 * boundaries, and the file is refused when they pass ZT_IJW_MAX_ATTRS --
 * as depth and length are capped. Every attribute has a '=', and all
 * attributes libxml2 gathers for one start tag lie between its '<' and
 * the next '<' (XML forbids '<' in attribute values, and libxml2 stops
 * the tag at one), so the count is never below the attributes of a tag.
 * It may be above (a text or comment with many '='), hence the generous
 * cap; text runs are capped at ZT_IJW_TEXT_MAX bytes anyway. Both
 * searches are memchr over bytes that hold few '=': the scan costs next
 * to nothing.
 */
typedef struct tagscan {
  long eq;           /* '=' since the last '<' */
} tagscan;

/* Feed p[0..n); false when more than ZT_IJW_MAX_ATTRS '=' follow one
 * '<'. */
static bool tagscan_feed(tagscan *t, const char *p, size_t n) {
  size_t pos = 0;
  const char *e;
  while ((e = memchr(p + pos, '=', n - pos)) != NULL) {
    if (memrchr(p + pos, '<', (size_t)(e - (p + pos))))
      t->eq = 0;                     /* a new tag since the last '=' */
    if (++t->eq > ZT_IJW_MAX_ATTRS)
      return false;
    pos = (size_t)(e - p) + 1;
  }
  if (pos < n && memrchr(p + pos, '<', n - pos))
    t->eq = 0;
  return true;
}

/* ---- the reader ------------------------------------------------------- */

/* Compare TotaalIngediendBedrag with the lines' sum; warn on a mismatch. */
static void check_totals(rd *r) {
  const slot *t = &r->s[G_TOTAL], *dc = &r->s[G_TOTAL_DC];
  int64_t lines = r->debit - r->credit, total;
  uint64_t v;
  zt_slice a, c;
  char msg[400], note[96] = "", shown[40];
  if (!r->decl_seen || !r->sink->warn)
    return;
  if (r->unreadable)
    snprintf(note, sizeof note,
             "; %ld line(s) without a readable amount were left out",
             r->unreadable);
  if (!t->seen || !dc->seen) {
    snprintf(msg, sizeof msg,
             "JW323: TotaalIngediendBedrag is missing, so the lines' total "
             "(%lld cents) could not be checked",
             (long long)lines);
    r->sink->warn(r->sink->ctx, msg);
    return;
  }
  a = slot_text(t);
  c = slot_text(dc);
  if (t->dup || t->over || a.n > 15 || zt_parse_u64(a.p, a.n, &v) ||
      dc->dup || c.n != 1 || (c.p[0] != 'D' && c.p[0] != 'C')) {
    snprintf(msg, sizeof msg,
             "JW323: TotaalIngediendBedrag '%s' is not an amount with D or "
             "C, so the lines' total (%lld cents) could not be checked",
             show(a.p, a.n, shown, sizeof shown), (long long)lines);
    r->sink->warn(r->sink->ctx, msg);
    return;
  }
  total = c.p[0] == 'C' ? -(int64_t)v : (int64_t)v;
  if (total == lines)
    return;
  snprintf(msg, sizeof msg,
           "JW323: TotaalIngediendBedrag is %lld cents %s, but the lines "
           "add up to %lld cents %s (debit %lld - credit %lld)%s",
           (long long)v, c.p[0] == 'C' ? "credit" : "debit",
           (long long)(lines < 0 ? -lines : lines),
           lines < 0 ? "credit" : "debit", (long long)r->debit,
           (long long)r->credit, note);
  r->sink->warn(r->sink->ctx, msg);
}

/* The date in slot k when it is one valid ISO date, else ZT_DAY_NONE. */
static zt_day slot_day(const rd *r, int k) {
  const slot *s = &r->s[k];
  zt_slice v = slot_text(s);
  zt_day d;
  if (!s->seen || s->dup || s->over ||
      zt_date_parse_iso(v.p, v.n, &d) != ZT_OK)
    return ZT_DAY_NONE;
  return d;
}

zt_status zt_ijw_read(zt_source *src, const zt_read_opts *opts,
                      zt_rowsink *sink, zt_kind *kind_out,
                      zt_reason *file_reason, zt_err *err) {
  return zt_ijw_read_dated(src, opts, sink, kind_out, file_reason, NULL,
                           err);
}

static zt_status read_msg(zt_source *src, const zt_read_opts *opts,
                          zt_rowsink *sink, zt_kind *kind_out,
                          zt_reason *file_reason, zt_day *message_day,
                          zt_ijw_info *info, zt_err *err);

zt_status zt_ijw_read_dated(zt_source *src, const zt_read_opts *opts,
                            zt_rowsink *sink, zt_kind *kind_out,
                            zt_reason *file_reason, zt_day *message_day,
                            zt_err *err) {
  return read_msg(src, opts, sink, kind_out, file_reason, message_day, NULL,
                  err);
}

zt_status zt_ijw_read_info(zt_source *src, const zt_read_opts *opts,
                           zt_rowsink *sink, zt_kind *kind_out,
                           zt_reason *file_reason, zt_ijw_info *info,
                           zt_err *err) {
  return read_msg(src, opts, sink, kind_out, file_reason,
                  info ? &info->day : NULL, info, err);
}

static zt_status read_msg(zt_source *src, const zt_read_opts *opts,
                          zt_rowsink *sink, zt_kind *kind_out,
                          zt_reason *file_reason, zt_day *message_day,
                          zt_ijw_info *info, zt_err *err) {
  xmlSAXHandler sax;
  xmlGenericErrorFunc old_fn;
  void *old_ctx;
  rd *r;
  zt_status st = ZT_OK;
  const char *path = zt_source_path(src);
  tagscan scan;

  memset(&scan, 0, sizeof scan);
  if (kind_out)
    *kind_out = ZT_KIND_AUTO;
  if (file_reason)
    *file_reason = ZT_R_NONE;
  r = calloc(1, sizeof *r);
  if (!r)
    return zt_fail(err, ZT_ERR_NOMEM, "%s: out of memory", path);
  r->sink = sink;
  r->err = err;
  r->want = opts ? opts->want : ZT_KIND_AUTO;
  r->cap = NO_SLOT;
  r->guard.refuse = on_refuse;
  zt_buf_init(&r->held, HELD_MAX);

  xmlInitParser();
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_chars;
  sax.cdataBlock = on_chars;
  zt_xml_guard_install(&sax);
  sax.serror = on_error;
  sax.warning = silent;
  sax.error = silent;
  sax.fatalError = silent;

  /* Errors raised without a parser context would go to stderr. */
  old_fn = xmlGenericError;
  old_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, silent);

  r->ctxt = xmlCreatePushParserCtxt(&sax, r, NULL, 0, path);
  if (!r->ctxt) {
    st = zt_fail(err, ZT_ERR_NOMEM, "%s: cannot create an XML parser", path);
    goto out;
  }
  /* No network, no DTD loading, no entity substitution. */
  xmlCtxtUseOptions(r->ctxt, XML_PARSE_NONET);
  names_init(r);

  {
    /* The encoding, before the parser reads a byte (etl/xmlguard.h). */
    const char *p;
    size_t n;
    char enc[41];
    st = zt_source_peek(src, ZT_XML_DECL_MAX, &p, &n, err);
    if (st) {
      if (file_reason)
        *file_reason = ZT_R_FILE_UNREADABLE;
      goto out;
    }
    if (zt_xml_declared_encoding(p, n, enc, sizeof enc) &&
        !zt_xml_encoding_ok(enc))
      fail(r, ZT_R_XML_MALFORMED,
           "the XML declaration names the encoding '%s'; iJw messages are "
           "UTF-8: ask for the message again in UTF-8", enc);
  }

  while (!r->stop) {
    const char *p;
    size_t n;
    st = zt_source_next(src, &p, &n, err);
    if (st) {
      if (file_reason)
        *file_reason = ZT_R_FILE_UNREADABLE;
      goto out;
    }
    if (n == 0)
      break;
    if (!tagscan_feed(&scan, p, n)) {
      fail(r, ZT_R_XML_MALFORMED,
           "an element with more than %d attributes after line %ld: "
           "refused", ZT_IJW_MAX_ATTRS, cur_line(r));
      break;
    }
    xmlParseChunk(r->ctxt, p, (int)n, 0);
    if (r->stop)
      break;
  }
  if (!r->stop)
    xmlParseChunk(r->ctxt, NULL, 0, 1);

  if (r->sink_status) {
    st = r->sink_status;
    goto out;
  }
  if (!r->stop) {
    if (!r->ctxt->wellFormed || !r->root_seen)
      fail(r, ZT_R_XML_MALFORMED, "not well-formed XML (no root element)");
    else if (!r->header_done)
      fail(r, ZT_R_HEADER_INVALID, "%s message has no Header",
           r->msg->label);
  }
  if (r->fail_reason) {
    if (file_reason)
      *file_reason = r->fail_reason;
    st = zt_fail(err, ZT_ERR_INPUT, "%s: %s", path, r->fail_msg);
    goto out;
  }
  if (r->msg->file_done)
    r->msg->file_done(r);
  if (r->sink_status)
    st = r->sink_status;

out:
  if (kind_out)
    *kind_out = r->kind;
  if (message_day) {
    *message_day = slot_day(r, G_DAY);
    if (*message_day == ZT_DAY_NONE)
      *message_day = slot_day(r, G_DECL_DAY);
  }
  if (info) {
    const slot *id = &r->s[G_IDENT];
    zt_slice v = slot_text(id);
    info->ident[0] = '\0';
    if (!st && id->seen && !id->dup && !id->over &&
        v.n < sizeof info->ident) {
      memcpy(info->ident, v.p, v.n);
      info->ident[v.n] = '\0';
    }
  }
  if (r->ctxt)
    xmlFreeParserCtxt(r->ctxt);
  xmlSetGenericErrorFunc(old_ctx, old_fn);
  zt_buf_free(&r->held);
  free(r);
  return st;
}

/* ---- sniffing --------------------------------------------------------- */

/*
 * The root element is found by libxml2 itself: a push parser is fed the
 * head of the file, its startElementNs records the root's local name and
 * namespace URI and stops the parser. The hostile-XML guard is installed
 * but only notes what it sees (a DOCTYPE is passed over to reach the root;
 * the reader refuses the file later), no entity is declared or loaded and
 * the network is off. What libxml2 cannot read up to the root (a head cut
 * short, a prolog that is not well-formed) shows no root.
 */

enum { SN_NOT_XML, SN_UNKNOWN, SN_FOUND };

#define SNIFF_CHUNK 4096   /* bytes handed to libxml2 at a time */

typedef struct sniffer {
  zt_xml_guard guard;   /* first: the SAX user data is this struct */
  xmlParserCtxtPtr ctxt;
  bool found;
  char uri[256];        /* the root's namespace URI ("" for none) */
  bool uri_cut;         /* ... longer than uri holds */
} sniffer;

static void sniff_refuse(void *ctx, const char *what) {
  (void)ctx;
  (void)what;           /* noted by not loading it: the reader refuses */
}

static void sniff_start(void *ctx, const xmlChar *local,
                        const xmlChar *prefix, const xmlChar *uri,
                        int nb_ns, const xmlChar **nss, int nb_attr,
                        int nb_def, const xmlChar **attrs) {
  sniffer *s = ctx;
  size_t n = uri ? strlen((const char *)uri) : 0;
  (void)local;
  (void)prefix;
  (void)nb_ns;
  (void)nss;
  (void)nb_attr;
  (void)nb_def;
  (void)attrs;
  s->found = true;
  s->uri_cut = n >= sizeof s->uri;
  if (!s->uri_cut)
    memcpy(s->uri, uri ? (const char *)uri : "", n + 1);
  xmlStopParser(s->ctxt);
}

#if LIBXML_VERSION >= 21200
static void sniff_error(void *ctx, const xmlError *e) {
#else
static void sniff_error(void *ctx, xmlErrorPtr e) {
#endif
  (void)ctx;
  (void)e;
}

/* Is p[0..n) XML at all: '<' first, after an optional UTF-8 byte order
 * mark and white space? A UTF-16 byte order mark followed by '<' is XML
 * too (the reader then refuses it: iJw messages are UTF-8). */
static bool sniff_xml(const char *p, size_t n, bool *wide) {
  const unsigned char *u = (const unsigned char *)p;
  size_t i = 0;
  *wide = false;
  if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    i = 3;
  } else if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                        (u[0] == 0xFE && u[1] == 0xFF))) {
    *wide = n >= 4 && ((u[0] == 0xFF && u[2] == '<' && u[3] == 0) ||
                       (u[0] == 0xFE && u[2] == 0 && u[3] == '<'));
    return *wide;
  }
  while (i < n && is_ws(u[i]))
    i++;
  return i < n && p[i] == '<';
}

/* Find the root element's namespace URI in p[0..n) with libxml2. Returns
 * SN_NOT_XML, SN_FOUND (uri set, "" when it has none) or SN_UNKNOWN. */
static int scan_root(const char *p, size_t n, char *uri, size_t size) {
  xmlSAXHandler sax;
  xmlGenericErrorFunc old_fn;
  void *old_ctx;
  sniffer s;
  tagscan ts;
  bool wide;
  if (size)
    uri[0] = '\0';
  if (!sniff_xml(p, n, &wide))
    return SN_NOT_XML;
  if (wide)
    return SN_UNKNOWN;
  memset(&ts, 0, sizeof ts);
  memset(&s, 0, sizeof s);
  s.guard.refuse = sniff_refuse;
  xmlInitParser();
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = sniff_start;
  zt_xml_guard_install(&sax);
  sax.serror = sniff_error;
  sax.warning = silent;
  sax.error = silent;
  sax.fatalError = silent;
  old_fn = xmlGenericError;
  old_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, silent);
  s.ctxt = xmlCreatePushParserCtxt(&sax, &s, NULL, 0, NULL);
  if (s.ctxt) {
    size_t off = 0;
    bool refused = false;
    xmlCtxtUseOptions(s.ctxt, XML_PARSE_NONET);
    /* In pieces that end before a '<' (or after SNIFF_CHUNK bytes), so
     * that nothing after the root is looked at, not even by the
     * attribute count; then the end, so that libxml2 waits for
     * nothing. */
    while (off < n && !s.found && !refused) {
      size_t k = n - off < SNIFF_CHUNK ? n - off : SNIFF_CHUNK;
      const char *lt = k > 1 ? memchr(p + off + 1, '<', k - 1) : NULL;
      if (lt)
        k = (size_t)(lt - (p + off));
      refused = !tagscan_feed(&ts, p + off, k);
      if (!refused)
        xmlParseChunk(s.ctxt, p + off, (int)k, 0);
      off += k;
    }
    if (!s.found && !refused)
      xmlParseChunk(s.ctxt, NULL, 0, 1);
    /* An entity declaration in a DOCTYPE makes libxml2 keep it in a
     * document of its own ("expat compatibility"), never used here (the
     * guard resolves no entity): freed with the parser. */
    if (s.ctxt->myDoc) {
      xmlFreeDoc(s.ctxt->myDoc);
      s.ctxt->myDoc = NULL;
    }
    xmlFreeParserCtxt(s.ctxt);
  }
  xmlSetGenericErrorFunc(old_ctx, old_fn);
  if (!s.found || s.uri_cut)
    return SN_UNKNOWN;
  zt_strlcpy(uri, s.uri, size);
  return SN_FOUND;
}

int zt_ijw_sniff(const char *p, size_t n) {
  char uri[256], msg[16];
  int s = scan_root(p, n, uri, sizeof uri);
  if (s == SN_NOT_XML)
    return -1;
  if (s == SN_FOUND && ns_message(uri, strlen(uri), msg, sizeof msg)) {
    const ijw_msg *m = msg_by_ns(msg);
    if (m)
      return (int)m->kind;
  }
  return ZT_KIND_AUTO;
}

bool zt_ijw_root_message(const char *p, size_t n, char *msg, size_t size) {
  char uri[256];
  if (size)
    msg[0] = '\0';
  if (scan_root(p, n, uri, sizeof uri) != SN_FOUND)
    return false;
  return ns_message(uri, strlen(uri), msg, size);
}

const char *zt_ijw_format(zt_kind kind) {
  for (int i = 0; i < NMSG; i++)
    if (messages[i].kind == kind)
      return messages[i].ns;
  return NULL;
}
