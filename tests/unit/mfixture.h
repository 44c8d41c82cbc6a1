/*
 * tests/unit/mfixture.h -- test-only helpers shared by the normalization
 * and metrics tests: a small reference table (the municipalities the
 * tests use, with the Bussum/Muiden/Naarden and Weesp mergers, and the
 * shipped product categories), written to a temporary directory and
 * loaded with zt_refdata_load. Static functions: include once per test.
 */
#ifndef ZT_MFIXTURE_H
#define ZT_MFIXTURE_H

#include <stdlib.h>

#include "etl/refdata.h"
#include "testutil.h"

static const char mf_gemeenten[] =
    "code,name,province,jeugdregio,valid_from,valid_to,successor_code\n"
    "GM0307,Amersfoort,Utrecht,Eemland,,,\n"
    "GM0344,Utrecht,Utrecht,Utrecht stad,,,\n"
    "GM0363,Amsterdam,Noord-Holland,Amsterdam-Amstelland,,,\n"
    "GM0376,Blaricum,Noord-Holland,Gooi-en Vechtstreek,,,\n"
    "GM0402,Hilversum,Noord-Holland,Gooi-en Vechtstreek,,,\n"
    "GM0406,Huizen,Noord-Holland,Gooi-en Vechtstreek,,,\n"
    "GM0417,Laren (NH.),Noord-Holland,Gooi-en Vechtstreek,,,\n"
    "GM1696,Wijdemeren,Noord-Holland,Utrecht-West,,,\n"
    "GM1942,Gooise Meren,Noord-Holland,Gooi-en Vechtstreek,2016-01-01,,\n"
    "GM0381,Bussum,Noord-Holland,Gooi-en Vechtstreek,,2015-12-31,GM1942\n"
    "GM0424,Muiden,Noord-Holland,Gooi-en Vechtstreek,,2015-12-31,GM1942\n"
    "GM0425,Naarden,Noord-Holland,Gooi-en Vechtstreek,,2015-12-31,GM1942\n"
    "GM0457,Weesp,Noord-Holland,,,2022-03-23,GM0363\n";

/* Load the test reference data; NULL on failure (printed). */
static zt_refdata *mf_refdata(void) {
  char *dir = tu_tmpdir("refdata");
  char *cats = tu_read(ZT_SOURCE_DIR "/reference/productcategorieen.csv",
                       NULL);
  char *p1, *p2;
  zt_refdata *rd = NULL;
  zt_err err;
  if (!cats)
    return NULL;
  p1 = tu_write(dir, "gemeenten.csv", mf_gemeenten);
  p2 = tu_write(dir, "productcategorieen.csv", cats);
  if (zt_refdata_load(&rd, dir, &err) != ZT_OK) {
    print_message("refdata: %s\n", err.msg);
    rd = NULL;
  }
  tu_rmtree(dir);
  free(p1);
  free(p2);
  free(cats);
  free(dir);
  return rd;
}

#endif
