/*
 * render/qpdfx.c -- helpers around libqpdf's C API (qpdfx.h).
 *
 * qpdf's C API reports errors by state rather than by return value, and
 * a look-up on an object of the wrong type leaves a warning behind; these
 * helpers check types first so that a warning always means a real
 * problem.
 */
#include "render/qpdfx.h"

#include <glib.h>
#include <string.h>

#define MAX_DEPTH 200

zt_status zt_qpdfx_error(qpdf_data q, zt_status status, zt_err *err,
                         const char *what) {
  qpdf_error e = NULL;
  if (qpdf_has_error(q))
    e = qpdf_get_error(q);
  else if (qpdf_more_warnings(q))
    e = qpdf_next_warning(q);
  if (!e)
    return ZT_OK;
  return zt_fail(err, status, "%s: %s", what,
                 qpdf_get_error_full_text(q, e));
}

zt_status zt_qpdfx_open(const char *path, qpdf_data *q, zt_err *err) {
  *q = qpdf_init();
  if (!*q)
    return zt_fail(err, ZT_ERR_NOMEM, "%s: cannot start qpdf", path);
  qpdf_silence_errors(*q);
  qpdf_set_suppress_warnings(*q, QPDF_TRUE);
  if (qpdf_read(*q, path, NULL) & QPDF_ERRORS) {
    zt_status st = zt_qpdfx_error(*q, ZT_ERR_INPUT, err, path);
    if (st == ZT_OK)
      st = zt_fail(err, ZT_ERR_INPUT, "%s: not a readable PDF", path);
    qpdf_cleanup(q);
    *q = NULL;
    return st;
  }
  return ZT_OK;
}

qpdf_oh zt_qpdfx_get(qpdf_data q, qpdf_oh oh, const char *key) {
  if (qpdf_oh_is_stream(q, oh)) {
    qpdf_oh d = qpdf_oh_get_dict(q, oh);
    qpdf_oh v = qpdf_oh_get_key(q, d, key);
    qpdf_oh_release(q, d);
    return v;
  }
  if (qpdf_oh_is_dictionary(q, oh))
    return qpdf_oh_get_key(q, oh, key);
  return qpdf_oh_new_null(q);
}

bool zt_qpdfx_is_name(qpdf_data q, qpdf_oh oh, const char *key,
                      const char *name) {
  qpdf_oh v = zt_qpdfx_get(q, oh, key);
  bool yes = qpdf_oh_is_name_and_equals(q, v, name);
  qpdf_oh_release(q, v);
  return yes;
}

char *zt_qpdfx_text(qpdf_data q, qpdf_oh oh) {
  const char *s;
  size_t n = 0;
  if (!qpdf_oh_is_string(q, oh))
    return NULL;
  s = qpdf_oh_get_binary_utf8_value(q, oh, &n);
  return g_strndup(s ? s : "", s ? n : 0);
}

bool zt_qpdfx_int(qpdf_data q, qpdf_oh oh, const char *key,
                  long long *out) {
  qpdf_oh v = zt_qpdfx_get(q, oh, key);
  bool yes = qpdf_oh_is_integer(q, v);
  if (yes)
    *out = qpdf_oh_get_int_value(q, v);
  qpdf_oh_release(q, v);
  return yes;
}

typedef struct walker {
  zt_qpdfx_visit visit;
  void *ud;
  qpdf_oh rolemap;
  GHashTable *seen;    /* object ids of indirect elements */
  size_t count;
  bool stop;
} walker;

/* The element's type without the slash, through the RoleMap (at most a
 * few steps: a RoleMap may be circular). */
static void elem_type(qpdf_data q, walker *w, qpdf_oh elem, char *out,
                      size_t n) {
  qpdf_oh s = zt_qpdfx_get(q, elem, "/S");
  out[0] = '\0';
  for (int step = 0; step < 8 && qpdf_oh_is_name(q, s); step++) {
    const char *name = qpdf_oh_get_name(q, s);
    qpdf_oh m;
    g_strlcpy(out, name[0] == '/' ? name + 1 : name, n);
    m = zt_qpdfx_get(q, w->rolemap, name);
    qpdf_oh_release(q, s);
    s = m;
  }
  qpdf_oh_release(q, s);
}

static bool is_elem(qpdf_data q, qpdf_oh k) {
  qpdf_oh s;
  bool yes;
  if (!qpdf_oh_is_dictionary(q, k))
    return false;
  /* MCR and OBJR dictionaries have a /Type of their own and no /S */
  s = qpdf_oh_get_key(q, k, "/S");
  yes = qpdf_oh_is_name(q, s);
  qpdf_oh_release(q, s);
  return yes;
}

static void walk_kids(qpdf_data q, walker *w, qpdf_oh parent,
                      const char *ptype, int depth);

static void visit_one(qpdf_data q, walker *w, qpdf_oh elem, qpdf_oh parent,
                      int index, const char *ptype, int depth) {
  zt_qpdfx_elem e;
  char type[64];
  if (w->stop || !is_elem(q, elem))
    return;
  if (qpdf_oh_is_indirect(q, elem)) {
    gpointer id = GINT_TO_POINTER(qpdf_oh_get_object_id(q, elem));
    if (g_hash_table_contains(w->seen, id))
      return;
    g_hash_table_add(w->seen, id);
  }
  elem_type(q, w, elem, type, sizeof type);
  e.elem = elem;
  e.parent = parent;
  e.index = index;
  e.type = type;
  e.parent_type = ptype;
  e.depth = depth;
  w->count++;
  if (!w->visit(q, &e, w->ud)) {
    w->stop = true;
    return;
  }
  if (depth < MAX_DEPTH)
    walk_kids(q, w, elem, type, depth + 1);
}

static void walk_kids(qpdf_data q, walker *w, qpdf_oh parent,
                      const char *ptype, int depth) {
  qpdf_oh k = zt_qpdfx_get(q, parent, "/K");
  if (qpdf_oh_is_array(q, k)) {
    int n = qpdf_oh_get_array_n_items(q, k);
    for (int i = 0; i < n && !w->stop; i++) {
      qpdf_oh item = qpdf_oh_get_array_item(q, k, i);
      visit_one(q, w, item, parent, i, ptype, depth);
      qpdf_oh_release(q, item);
    }
  } else {
    visit_one(q, w, k, parent, -1, ptype, depth);
  }
  qpdf_oh_release(q, k);
}

size_t zt_qpdfx_walk(qpdf_data q, qpdf_oh root, zt_qpdfx_visit visit,
                     void *ud) {
  walker w;
  memset(&w, 0, sizeof w);
  w.visit = visit;
  w.ud = ud;
  w.rolemap = zt_qpdfx_get(q, root, "/RoleMap");
  w.seen = g_hash_table_new(g_direct_hash, g_direct_equal);
  walk_kids(q, &w, root, "", 1);
  g_hash_table_destroy(w.seen);
  qpdf_oh_release(q, w.rolemap);
  return w.count;
}

void zt_qpdfx_mcids(qpdf_data q, qpdf_oh elem,
                    void (*mcr)(qpdf_data q, long long mcid, qpdf_oh page,
                                void *ud),
                    void *ud) {
  qpdf_oh k = zt_qpdfx_get(q, elem, "/K");
  qpdf_oh pg = zt_qpdfx_get(q, elem, "/Pg");
  int n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1;
  for (int i = 0; i < n; i++) {
    qpdf_oh item = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i)
                                          : qpdf_oh_new_object(q, k);
    long long id;
    if (qpdf_oh_is_integer(q, item)) {
      mcr(q, qpdf_oh_get_int_value(q, item), pg, ud);
    } else if (zt_qpdfx_is_name(q, item, "/Type", "/MCR") &&
               zt_qpdfx_int(q, item, "/MCID", &id)) {
      qpdf_oh p = zt_qpdfx_get(q, item, "/Pg");
      mcr(q, id, qpdf_oh_is_null(q, p) ? pg : p, ud);
      qpdf_oh_release(q, p);
    }
    qpdf_oh_release(q, item);
  }
  qpdf_oh_release(q, pg);
  qpdf_oh_release(q, k);
}

/* Search a number-tree node for key n. */
static qpdf_oh tree_get(qpdf_data q, qpdf_oh node, long long n, int depth) {
  qpdf_oh nums = zt_qpdfx_get(q, node, "/Nums");
  qpdf_oh kids = zt_qpdfx_get(q, node, "/Kids");
  qpdf_oh found = 0;
  bool have = false;
  if (qpdf_oh_is_array(q, nums)) {
    int len = qpdf_oh_get_array_n_items(q, nums);
    for (int i = 0; i + 1 < len && !have; i += 2) {
      qpdf_oh key = qpdf_oh_get_array_item(q, nums, i);
      if (qpdf_oh_is_integer(q, key) &&
          qpdf_oh_get_int_value(q, key) == n) {
        found = qpdf_oh_get_array_item(q, nums, i + 1);
        have = true;
      }
      qpdf_oh_release(q, key);
    }
  }
  if (!have && depth < 32 && qpdf_oh_is_array(q, kids)) {
    int len = qpdf_oh_get_array_n_items(q, kids);
    for (int i = 0; i < len && !have; i++) {
      qpdf_oh kid = qpdf_oh_get_array_item(q, kids, i);
      qpdf_oh r = tree_get(q, kid, n, depth + 1);
      if (!qpdf_oh_is_null(q, r)) {
        found = r;
        have = true;
      } else {
        qpdf_oh_release(q, r);
      }
      qpdf_oh_release(q, kid);
    }
  }
  qpdf_oh_release(q, nums);
  qpdf_oh_release(q, kids);
  return have ? found : qpdf_oh_new_null(q);
}

qpdf_oh zt_qpdfx_parent_tree_get(qpdf_data q, qpdf_oh parent_tree,
                                 long long n) {
  return tree_get(q, parent_tree, n, 0);
}
