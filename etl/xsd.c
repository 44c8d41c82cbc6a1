/*
 * etl/xsd.c -- iJw XSD validation for `check --xsd` (see xsd.h).
 *
 * The schema is parsed with libxml2's xmlSchema while our own external
 * entity loader is installed: it serves only files inside the schema
 * directory, matching names case-insensitively, and refuses everything
 * else. The document is then fed chunk by chunk (zt_source, so gzip works)
 * to a push parser whose SAX events are plugged into the schema validator
 * (xmlSchemaSAXPlug); our SAX handler refuses a DOCTYPE and collects the
 * parser's errors, the validator's errors come through its structured
 * error callback with the parser's line number.
 */
#include "etl/xsd.h"

#include <dirent.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "etl/ijw.h"
#include "etl/source.h"
#include "etl/xmlguard.h"

#define PEEK (64 * 1024)

typedef struct vstate {
  zt_xml_guard guard;     /* first: the SAX user data is this struct */
  const char *path;       /* the document */
  xmlParserCtxtPtr ctxt;  /* its push parser, once made */
  zt_buf *report;
  long problems;
  zt_status buf_status;   /* the report's first append failure */
  bool dtd;
  char schema_msg[512];   /* first error while loading the schema */
} vstate;

/* The schema directory, as a real path, while our loader is installed. */
static _Thread_local const char *loader_dir;

#if LIBXML_VERSION >= 21200
#define ERRPTR const xmlError *
#else
#define ERRPTR xmlErrorPtr
#endif

/* ---- finding files inside the schema directory ------------------------ */

/* The entry of `dir` named `name` ignoring ASCII case (an exact match
 * wins), as a newly allocated full path, or NULL. */
static char *find_in_dir(const char *dir, const char *name) {
  DIR *d;
  struct dirent *e;
  char *found = NULL;
  size_t dl = strlen(dir);
  if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
    return NULL;
  d = opendir(dir);
  if (!d)
    return NULL;
  while ((e = readdir(d)) != NULL) {
    bool exact = strcmp(e->d_name, name) == 0;
    if (!exact && (found || strcasecmp(e->d_name, name) != 0))
      continue;
    free(found);
    found = malloc(dl + strlen(e->d_name) + 2);
    if (!found)
      break;
    memcpy(found, dir, dl);
    found[dl] = '/';
    memcpy(found + dl + 1, e->d_name, strlen(e->d_name) + 1);
    if (exact)
      break;
  }
  closedir(d);
  return found;
}

/* Resolve `url` to a file inside loader_dir, or NULL. Accepts a plain
 * path or a file:// URL, percent-escaped or not. */
static char *resolve(const char *url) {
  const char *path = url;
  char *unesc = NULL, *slash, *dir, *found = NULL;
  char real[PATH_MAX];
  if (!url || !loader_dir)
    return NULL;
  if (strncmp(url, "file://", 7) == 0)
    path = url + 7;
  else if (strstr(url, "://"))
    return NULL;                      /* no network, no other schemes */
  if (strchr(path, '%')) {
    unesc = xmlURIUnescapeString(path, 0, NULL);
    if (!unesc)
      return NULL;
    path = unesc;
  }
  slash = strrchr(path, '/');
  if (!slash) {
    found = find_in_dir(loader_dir, path);
  } else {
    dir = strndup(path, (size_t)(slash - path));
    if (dir && realpath(dir[0] ? dir : "/", real) &&
        strcmp(real, loader_dir) == 0)
      found = find_in_dir(loader_dir, slash + 1);
    free(dir);
  }
  xmlFree(unesc);
  return found;
}

static xmlParserInputPtr dir_loader(const char *url, const char *id,
                                    xmlParserCtxtPtr ctxt) {
  char *file = resolve(url);
  xmlParserInputPtr in;
  (void)id;
  if (!file)
    return NULL;   /* libxml2 reports "failed to load external entity" */
  in = xmlNewInputFromFile(ctxt, file);
  free(file);
  return in;
}

/* ---- collecting problems ---------------------------------------------- */

/* Append "<path>:<line>: <message>" to the report. */
static void note(vstate *v, long line, const char *msg) {
  char m[400];
  size_t n;
  zt_status st;
  v->problems++;
  if (v->problems > ZT_XSD_MAX_REPORTED || v->buf_status)
    return;
  snprintf(m, sizeof m, "%s", msg ? msg : "error");
  for (char *c = m; *c; c++)
    if ((unsigned char)*c < 0x20)
      *c = ' ';
  n = strlen(m);
  while (n && m[n - 1] == ' ')
    m[--n] = '\0';
  zt_ijw_mask_digits(m);
  st = zt_buf_printf(v->report, "%s:%ld: %s\n", v->path, line, m);
  if (st)
    v->buf_status = st;
}

/* Errors of the document's parser and of the validator. */
static void on_error(void *ctx, ERRPTR e) {
  vstate *v = ctx;
  if (!e || e->level < XML_ERR_ERROR)
    return;
  if (e->domain == XML_FROM_PARSER && e->code == XML_ERR_USER_STOP)
    return;
  note(v, e->line, e->message);
}

/* Errors while loading the schema: the first one explains. */
static void on_schema_error(void *ctx, ERRPTR e) {
  vstate *v = ctx;
  if (!e || e->level < XML_ERR_ERROR || v->schema_msg[0])
    return;
  snprintf(v->schema_msg, sizeof v->schema_msg, "%s line %d: %s",
           e->file ? e->file : "schema", e->line,
           e->message ? e->message : "error");
  for (char *c = v->schema_msg; *c; c++)
    if (*c == '\n')
      *c = ' ';
}

/* The guard's refusal (etl/xmlguard.h): a DOCTYPE, an entity or a load. */
static void on_refuse(void *ctx, const char *what) {
  vstate *v = ctx;
  (void)what;
  if (v->dtd)
    return;
  v->dtd = true;
  note(v, v->ctxt ? xmlSAX2GetLineNumber(v->ctxt) : 0,
       "DTD not allowed: an iJw message has no DOCTYPE");
  if (v->ctxt)
    xmlStopParser(v->ctxt);
}

static int locate(void *ctx, const char **file, unsigned long *line) {
  vstate *v = ctx;
  *file = v->path;
  *line = v->ctxt ? (unsigned long)xmlSAX2GetLineNumber(v->ctxt) : 0;
  return 0;
}

static void silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

/* ---- validation ------------------------------------------------------- */

/* Feed the document to a push parser plugged into the validator. */
static zt_status run(vstate *v, zt_source *src, xmlSchemaValidCtxtPtr vctxt,
                     zt_err *err) {
  xmlSAXHandler sax, *sp = &sax;
  void *ud = v;
  xmlSchemaSAXPlugPtr plug;
  zt_status st = ZT_OK;

  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  zt_xml_guard_install(&sax);
  sax.serror = on_error;
  sax.warning = silent;
  sax.error = silent;
  sax.fatalError = silent;
  plug = xmlSchemaSAXPlug(vctxt, &sp, &ud);
  if (!plug)
    return zt_fail(err, ZT_ERR_NOMEM, "%s: cannot start validation",
                   v->path);
  v->ctxt = xmlCreatePushParserCtxt(sp, ud, NULL, 0, v->path);
  if (!v->ctxt) {
    xmlSchemaSAXUnplug(plug);
    return zt_fail(err, ZT_ERR_NOMEM, "%s: cannot create an XML parser",
                   v->path);
  }
  xmlCtxtUseOptions(v->ctxt, XML_PARSE_NONET);
  xmlSchemaValidateSetLocator(vctxt, locate, v);
  for (;;) {
    const char *p;
    size_t n;
    st = zt_source_next(src, &p, &n, err);
    if (st || n == 0 || v->dtd)
      break;
    if (xmlParseChunk(v->ctxt, p, (int)n, 0) != 0 &&
        v->ctxt->instate == XML_PARSER_EOF)
      break;
  }
  if (!st && !v->dtd && v->ctxt->instate != XML_PARSER_EOF)
    xmlParseChunk(v->ctxt, NULL, 0, 1);
  if (!st && v->problems == 0 &&
      (!v->ctxt->wellFormed || xmlSchemaIsValid(vctxt) != 1))
    note(v, xmlSAX2GetLineNumber(v->ctxt), "not valid");
  xmlFreeParserCtxt(v->ctxt);
  v->ctxt = NULL;
  xmlSchemaSAXUnplug(plug);
  return st;
}

zt_status zt_xsd_validate(const char *xml_path, const char *xsd_dir,
                          zt_buf *report, bool *valid, zt_err *err) {
  zt_source *src = NULL;
  vstate v;
  const char *head;
  size_t nhead;
  char msg[16], name[32], real[PATH_MAX];
  char *schema_path = NULL;
  xmlSchemaParserCtxtPtr pctxt = NULL;
  xmlSchemaPtr schema = NULL;
  xmlSchemaValidCtxtPtr vctxt = NULL;
  xmlExternalEntityLoader old_loader;
  xmlGenericErrorFunc old_fn;
  void *old_ctx, *old_sctx;
  xmlStructuredErrorFunc old_sfn;
  zt_status st;

  *valid = false;
  memset(&v, 0, sizeof v);
  v.guard.refuse = on_refuse;
  v.path = xml_path;
  v.report = report;

  st = zt_source_open(&src, xml_path, err);
  if (st)
    return st;
  st = zt_source_peek(src, PEEK, &head, &nhead, err);
  if (st) {
    zt_source_close(src);
    return st;
  }
  if (!zt_ijw_root_message(head, nhead, msg, sizeof msg)) {
    zt_source_close(src);
    return zt_fail(err, ZT_ERR_INPUT,
                   "%s: not an iJw message (no root element in an iJw "
                   "namespace in the first %d KiB)",
                   xml_path, PEEK / 1024);
  }
  {
    /* as the reader does (etl/xmlguard.h): UTF-7 could hide elements */
    char enc[41];
    if (zt_xml_declared_encoding(head, nhead, enc, sizeof enc) &&
        !zt_xml_encoding_ok(enc)) {
      zt_source_close(src);
      return zt_fail(err, ZT_ERR_INPUT,
                     "%s: the XML declaration names the encoding '%s'; "
                     "iJw messages are UTF-8", xml_path, enc);
    }
  }
  if (!realpath(xsd_dir, real)) {
    zt_source_close(src);
    return zt_fail(err, ZT_ERR_USAGE, "%s: no such schema directory",
                   xsd_dir);
  }
  snprintf(name, sizeof name, "%s.xsd", msg);
  schema_path = find_in_dir(real, name);
  if (!schema_path) {
    zt_source_close(src);
    for (char *c = name; *c && *c != '.'; c++)
      if (*c >= 'a' && *c <= 'z')
        *c = (char)(*c - 'a' + 'A');
    return zt_fail(err, ZT_ERR_USAGE, "%s: no schema %s in %s", xml_path,
                   name, xsd_dir);
  }

  xmlInitParser();
  old_loader = xmlGetExternalEntityLoader();
  old_fn = xmlGenericError;
  old_ctx = xmlGenericErrorContext;
  old_sfn = xmlStructuredError;
  old_sctx = xmlStructuredErrorContext;
  loader_dir = real;
  xmlSetExternalEntityLoader(dir_loader);
  xmlSetGenericErrorFunc(NULL, silent);
  xmlSetStructuredErrorFunc(&v, on_schema_error);

  pctxt = xmlSchemaNewParserCtxt(schema_path);
  if (pctxt) {
    xmlSchemaSetParserStructuredErrors(pctxt, on_schema_error, &v);
    schema = xmlSchemaParse(pctxt);
  }
  if (!schema) {
    st = zt_fail(err, ZT_ERR_USAGE, "%s: cannot load the schema: %s",
                 schema_path, v.schema_msg[0] ? v.schema_msg : "error");
    goto out;
  }
  vctxt = xmlSchemaNewValidCtxt(schema);
  if (!vctxt) {
    st = zt_fail(err, ZT_ERR_NOMEM, "%s: out of memory", xml_path);
    goto out;
  }
  xmlSchemaSetValidStructuredErrors(vctxt, on_error, &v);
  /* The document parser's errors come through the global handler: the
   * schema plug does not pass our SAX handler's serror on. */
  xmlSetStructuredErrorFunc(&v, on_error);
  st = run(&v, src, vctxt, err);
  if (!st && v.buf_status)
    st = zt_fail(err, v.buf_status, "%s: the report is full", xml_path);
  if (!st) {
    if (v.problems > ZT_XSD_MAX_REPORTED)
      st = zt_buf_printf(report, "%s: ... and %ld more problems\n",
                         xml_path, v.problems - ZT_XSD_MAX_REPORTED);
    *valid = v.problems == 0;
  }

out:
  if (vctxt)
    xmlSchemaFreeValidCtxt(vctxt);
  if (schema)
    xmlSchemaFree(schema);
  if (pctxt)
    xmlSchemaFreeParserCtxt(pctxt);
  xmlSetExternalEntityLoader(old_loader);
  xmlSetGenericErrorFunc(old_ctx, old_fn);
  xmlSetStructuredErrorFunc(old_sctx, old_sfn);
  loader_dir = NULL;
  free(schema_path);
  zt_source_close(src);
  return st;
}
