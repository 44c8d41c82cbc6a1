/*
 * tests/unit/test_indicator_other.c -- gi.*, wpb.* (declared versus
 * normalized and the shift), dq.* (counts that reconcile, reasons,
 * normalization notes), region membership and mergers through the whole
 * entry point zt_metrics_compute (Weesp leaving the region with current
 * boundaries), the rows of the possible double declarations
 * (dq.double_lines, dq.double_spend), and the catalogue itself (every
 * id of docs/indicators.md).
 *
 * Region: A 0402 and B 0406 unless stated. X 0344 is not a member.
 */
#include "testutil.h"

#include "etl/double.h"
#include "metrics/indicator.h"
#include "mfixture.h"

enum { GA = 402, GB = 406, GX = 344, P1 = 11111111 };

static zt_refdata *rd;

static int setup(void **state) {
  (void)state;
  rd = mf_refdata();
  return rd ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  zt_refdata_free(rd);
  return 0;
}

#define Y mf_day

static mf *two_members(size_t nclients) {
  mf *m = mf_new(rd, nclients);
  mf_member(m, GA, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_member(m, GB, ZT_DAY_NONE, ZT_DAY_NONE);
  return m;
}

/* c0: jeugdbescherming A and voogdij A in 2022; c1: voogdij B
 * 2022-12-01..2023-01-31; c2: jeugdbescherming A 2021 only. */
static void test_gi(void **state) {
  mf *m = two_members(3);
  (void)state;
  mf_cp(m, 0, ZT_K_JEUGDBESCHERMING, P1, GA, Y(2022, 1, 1), Y(2022, 12, 31),
        1);
  mf_cp(m, 0, ZT_K_VOOGDIJ, P1, GA, Y(2022, 6, 1), Y(2022, 6, 30), 1);
  mf_cp(m, 1, ZT_K_VOOGDIJ, P1, GB, Y(2022, 12, 1), Y(2023, 1, 31), 1);
  mf_cp(m, 2, ZT_K_JEUGDBESCHERMING, P1, GA, Y(2021, 1, 1), Y(2021, 3, 31),
        1);
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "gi.jeugdbescherming", "2022", 0, "", 1, 1);   /* c0 */
  MF_EXPECT(m, "gi.voogdij", "2022", 0, "", 2, 1);            /* c0, c1 */
  MF_EXPECT(m, "gi.voogdij", "2022", GB, "", 1, 1);           /* c1 */
  MF_EXPECT(m, "gi.jeugdreclassering", "2022", 0, "", 0, 1);  /* zero */
  assert_int_equal(mf_run1(m, "2023-H1", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "gi.voogdij", "2023-H1", 0, "", 1, 1);         /* c1 */
  MF_EXPECT(m, "gi.jeugdbescherming", "2023-H1", 0, "", 0, 1);
  mf_free(m);
}

/* c0: responsible A, declared to B, 2022-03, 1000
 * c1: responsible A, declared to A, 2022-04, 500
 * c2: responsible B, declared to X (not a member), 2022-05, 700 */
static void test_wpb(void **state) {
  mf *m = two_members(3);
  (void)state;
  mf_cp(m, 0, ZT_K_AMB_BEHANDELING, P1, GA, Y(2022, 3, 1), Y(2022, 3, 31),
        1000)->gem_declared = GB;
  mf_cp(m, 1, ZT_K_AMB_BEHANDELING, P1, GA, Y(2022, 4, 1), Y(2022, 4, 30),
        500);
  mf_cp(m, 2, ZT_K_AMB_BEHANDELING, P1, GB, Y(2022, 5, 1), Y(2022, 5, 31),
        700)->gem_declared = GX;
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  /* A: normalized c0, c1 = 2, declared c1 = 1 -> shift +1; spend 1500
   * against 500 -> +1000 */
  MF_EXPECT(m, "clients.total", "2022", GA, "", 2, 1);
  MF_EXPECT(m, "wpb.clients_declared", "2022", GA, "", 1, 1);
  MF_EXPECT(m, "wpb.clients_shift", "2022", GA, "", 1, 1);
  MF_EXPECT(m, "wpb.spend_declared", "2022", GA, "", 500, 1);
  MF_EXPECT(m, "wpb.spend_shift", "2022", GA, "", 1000, 1);
  /* B: normalized c2 = 1, declared c0 = 1 -> 0; 700 against 1000 ->
   * -300 */
  MF_EXPECT(m, "wpb.clients_declared", "2022", GB, "", 1, 1);
  MF_EXPECT(m, "wpb.clients_shift", "2022", GB, "", 0, 1);
  MF_EXPECT(m, "wpb.spend_shift", "2022", GB, "", -300, 1);
  assert_string_equal(mf_get(m, "wpb.spend_shift", "2022", GB, "")->display,
                      "\xe2\x82\xac \xe2\x88\x92" "3");   /* U+2212 */
  assert_string_equal(mf_get(m, "wpb.clients_shift", "2022", GB, "")->display,
                      "0");
  /* region: normalized 3; declared to a member: c0 (B), c1 (A) = 2 ->
   * +1; 2200 against 1500 -> +700 */
  MF_EXPECT(m, "wpb.clients_declared", "2022", 0, "", 2, 1);
  MF_EXPECT(m, "wpb.clients_shift", "2022", 0, "", 1, 1);
  MF_EXPECT(m, "wpb.spend_declared", "2022", 0, "", 1500, 1);
  MF_EXPECT(m, "wpb.spend_shift", "2022", 0, "", 700, 1);
  /* a change is written with its sign */
  assert_string_equal(mf_get(m, "wpb.clients_shift", "2022", 0, "")->display,
                      "+1");
  assert_string_equal(mf_get(m, "wpb.spend_shift", "2022", 0, "")->display,
                      "\xe2\x82\xac +7");
  mf_free(m);
}

static void test_dq(void **state) {
  mf *m = two_members(4);
  (void)state;
  m->dq.lines_read = 100;
  m->dq.lines_accepted = 90;
  m->dq.duplicates_skipped = 2;
  m->dq.rejected[ZT_R_BSN_ELFPROEF] = 5;
  m->dq.rejected[ZT_R_DATE_INVALID] = 3;
  m->dq.credits_applied = 4;
  m->dq.credits_waiting = 1;
  m->clients[1].birth_precision = 1;
  m->clients[2].birth = ZT_DAY_NONE;
  m->clients[3].birth = ZT_DAY_NONE;   /* no care: not counted */
  mf_cp(m, 0, ZT_K_AMB_BEHANDELING, P1, GA, Y(2022, 3, 1), Y(2022, 3, 31),
        1234)->flags = ZT_CP_FALLBACK | ZT_CP_NO_CATALOGUE;
  mf_cp(m, 0, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 4, 15), Y(2022, 5, 14),
        1)->flags = ZT_CP_CATEGORY_RES | ZT_CP_NO_CATALOGUE |
                    ZT_CP_CROSSES_MONTH | ZT_CP_FALLBACK;
  mf_cp(m, 1, ZT_K_AMB_BEHANDELING, P1, GA, Y(2022, 3, 1), Y(2022, 3, 31),
        1);
  mf_cp(m, 2, ZT_K_AMB_BEHANDELING, P1, GX, Y(2022, 3, 1), Y(2022, 3, 31),
        1);
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  /* 100 = (90 + 2) + (5 + 3) */
  MF_EXPECT(m, "dq.lines_read", "2022", 0, "", 100, 1);
  MF_EXPECT(m, "dq.lines_accepted", "2022", 0, "", 92, 1);
  MF_EXPECT(m, "dq.lines_rejected", "2022", 0, "", 8, 1);
  MF_EXPECT(m, "dq.lines_rejected", "2022", 0, "reason=bsn_elfproef", 5, 1);
  MF_EXPECT(m, "dq.lines_rejected", "2022", 0, "reason=date_invalid", 3, 1);
  MF_ABSENT(m, "dq.lines_rejected", "2022", 0, "reason=agb_format");
  MF_EXPECT(m, "dq.duplicates_skipped", "2022", 0, "", 2, 1);
  MF_EXPECT(m, "dq.credits_applied", "2022", 0, "", 4, 1);
  MF_EXPECT(m, "dq.credits_waiting", "2022", 0, "", 1, 1);
  /* c0 fell back (two care periods, one client) */
  MF_EXPECT(m, "dq.residence_fallback", "2022", 0, "", 1, 1);
  /* not in catalogue: 2 lines, 1234 + 1 cents */
  MF_EXPECT(m, "dq.not_in_catalogue", "2022", 0, "", 2, 1);
  MF_EXPECT(m, "dq.not_in_catalogue_spend", "2022", 0, "", 1235, 1);
  MF_EXPECT(m, "dq.category_fallback", "2022", 0, "", 1, 1);
  MF_EXPECT(m, "dq.crosses_month", "2022", 0, "", 1, 1);
  /* c1 partly known; c2 unknown (c3 has no care) */
  MF_EXPECT(m, "dq.birth_partial", "2022", 0, "", 1, 1);
  MF_EXPECT(m, "dq.age_unknown", "2022", 0, "", 1, 1);
  /* c2's care is outside the region */
  MF_EXPECT(m, "dq.outside_region", "2022", 0, "gemeente=0344", 1, 1);
  /* data quality is a region figure only */
  MF_ABSENT(m, "dq.lines_read", "2022", GA, "");
  /* counts that do not reconcile are an input error */
  m->dq.lines_read = 101;
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_ERR_INPUT);
  mf_free(m);
}

static zt_status beside_count(void *ctx, zt_err *err) {
  (void)err;
  (*(int *)ctx)++;
  return ZT_OK;
}

static zt_status beside_fail(void *ctx, zt_err *err) {
  (void)ctx;
  return zt_fail(err, ZT_ERR_NOMEM, "beside job: out of memory");
}

/* The whole entry point on declaration lines. Members: Hilversum 0402
 * and Weesp 0457 until 2022-03-23; Weesp merged into Amsterdam 0363
 * (not a member) on 2022-03-24. Declared mode.
 *   c0: declared to Weesp 2021-06 (1000); c1: Hilversum 2021-06 (500)
 * Current boundaries for a report over 2021 and 2022 (codes as on
 * 2022-12-31): Weesp -> Amsterdam -> outside the region from the first
 * period: region 2021 = c1 only; no Weesp rows. Historic boundaries:
 * Weesp stays Weesp, a member on 2021-06-01: region 2021 = 2. */
static void test_membership_mergers(void **state) {
  zt_nline lines[2];
  zt_nclient clients[2];
  zt_member members[2] = {{402, ZT_DAY_NONE, ZT_DAY_NONE},
                          {457, ZT_DAY_NONE, 0}};
  zt_norm_config cfg;
  zt_metrics_input in;
  zt_period p[2] = {zt_period_year(2021), zt_period_year(2022)};
  zt_ind_table *t = zt_ind_table_new();
  zt_err err;
  (void)state;
  members[1].to = Y(2022, 3, 23);
  memset(lines, 0, sizeof lines);
  memset(clients, 0, sizeof clients);
  for (int i = 0; i < 2; i++) {
    lines[i].client = (uint32_t)i;
    lines[i].agb = P1;
    lines[i].category = 45;
    lines[i].unit = 4;
    lines[i].begin = Y(2021, 6, 1);
    lines[i].end = Y(2021, 6, 30);
    clients[i].birth = Y(2010, 1, 1);
  }
  lines[0].gemeente = 457;
  lines[0].amount = 1000;
  lines[1].gemeente = 402;
  lines[1].amount = 500;
  zt_norm_config_default(&cfg);
  cfg.woonplaatsbeginsel = ZT_WPB_DECLARED;
  cfg.members = members;
  cfg.nmembers = 2;
  memset(&in, 0, sizeof in);
  in.norm.lines = lines;
  in.norm.nlines = 2;
  in.norm.clients = clients;
  in.norm.nclients = 2;
  in.norm.refdata = rd;
  in.norm.config = &cfg;
  in.suppression = ZT_SUPP_NONE;
  assert_int_equal(zt_metrics_compute(&in, p, 2, ZT_DAY_NONE, t, &err),
                   ZT_OK);
  assert_int_equal(zt_ind_table_find(t, "clients.total", "2021", 0, "")->num,
                   1);
  assert_int_equal(zt_ind_table_find(t, "spend.total", "2021", 0, "")->num,
                   500);
  assert_null(zt_ind_table_find(t, "clients.total", "2021", 457, ""));
  assert_null(zt_ind_table_find(t, "clients.total", "2021", 363, ""));
  assert_int_equal(
      zt_ind_table_find(t, "dq.outside_region", "2021", 0, "gemeente=0363")
          ->num,
      1);
  /* counted in the period of its begin date only: none in 2022 */
  assert_int_equal(zt_ind_table_find(t, "dq.outside_region", "2022", 0, "")
                       ->num,
                   0);
  assert_null(zt_ind_table_find(t, "dq.outside_region", "2022", 0,
                                "gemeente=0363"));
  /* rows for a member without care: Hilversum 2022 = 0 */
  assert_int_equal(zt_ind_table_find(t, "clients.total", "2022", 402, "")->num,
                   0);

  cfg.boundaries_historic = true;
  zt_ind_table_free(t);
  t = zt_ind_table_new();
  assert_int_equal(zt_metrics_compute(&in, p, 2, ZT_DAY_NONE, t, &err),
                   ZT_OK);
  assert_int_equal(zt_ind_table_find(t, "clients.total", "2021", 0, "")->num,
                   2);
  assert_int_equal(zt_ind_table_find(t, "clients.total", "2021", 457, "")->num,
                   1);
  /* Weesp is a member for part of 2022: a row, with nobody */
  assert_int_equal(zt_ind_table_find(t, "clients.total", "2022", 457, "")->num,
                   0);
  assert_null(zt_ind_table_find(t, "dq.outside_region", "2021", 0,
                                "gemeente=0363"));
  /* a report over 2021 alone with current boundaries maps to the code
   * valid on 2021-12-31: Weesp is still Weesp */
  cfg.boundaries_historic = false;
  zt_ind_table_free(t);
  t = zt_ind_table_new();
  assert_int_equal(zt_metrics_compute(&in, p, 1, ZT_DAY_NONE, t, &err),
                   ZT_OK);
  assert_int_equal(zt_ind_table_find(t, "clients.total", "2021", 0, "")->num,
                   2);
  /* the caller's job beside the normalization runs once, changes
   * nothing, and its error stops the computation */
  {
    int ran = 0;
    in.beside = beside_count;
    in.beside_ctx = &ran;
    zt_ind_table_free(t);
    t = zt_ind_table_new();
    assert_int_equal(zt_metrics_compute(&in, p, 1, ZT_DAY_NONE, t, &err),
                     ZT_OK);
    assert_int_equal(ran, 1);
    assert_int_equal(
        zt_ind_table_find(t, "clients.total", "2021", 0, "")->num, 2);
    in.beside = beside_fail;
    zt_ind_table_free(t);
    t = zt_ind_table_new();
    assert_int_equal(zt_metrics_compute(&in, p, 1, ZT_DAY_NONE, t, &err),
                     ZT_ERR_NOMEM);
    assert_non_null(strstr(err.msg, "beside job"));
  }
  zt_ind_table_free(t);
}

/* dq.double_lines and dq.double_spend: the region row is the count and
 * the sum of the amounts, a gemeente= row per responsible municipality
 * adds up to it, the peildatum is the period's last day by default, and
 * a period without doubles still has its region rows (0). */
static void test_doubles_rows(void **state) {
  zt_double d[3];
  zt_period p = zt_period_half(2021, 2);
  zt_ind_table *t = zt_ind_table_new();
  const zt_ind_value *v;
  int64_t lines = 0, cents = 0;
  (void)state;
  assert_non_null(t);
  memset(d, 0, sizeof d);
  d[0].gem_resp = 406;
  d[0].amount = 95000;
  d[1].gem_resp = 402;
  d[1].amount = 1250;
  d[2].gem_resp = 406;
  d[2].amount = -300;
  assert_int_equal(zt_dq_doubles_put(t, &p, ZT_DAY_NONE, d, 3), ZT_OK);
  for (size_t i = 0; i < 3; i++)
    cents += d[i].amount;
  v = zt_ind_table_find(t, "dq.double_lines", "2021-H2", ZT_GEMEENTE_REGIO,
                        "");
  assert_non_null(v);
  assert_int_equal(v->num, 3);
  assert_int_equal(v->den, 1);
  assert_int_equal(v->peildatum, p.end);
  assert_string_equal(v->display, "3");
  v = zt_ind_table_find(t, "dq.double_spend", "2021-H2", ZT_GEMEENTE_REGIO,
                        "");
  assert_non_null(v);
  assert_int_equal(v->num, cents);
  assert_int_equal(v->unit, ZT_UNIT_EUR);
  cents = 0;
  for (size_t i = 0; i < zt_ind_table_count(t); i++) {
    v = zt_ind_table_at(t, i);
    assert_int_equal(v->gemeente, ZT_GEMEENTE_REGIO);
    assert_false(v->suppressed);
    if (strncmp(v->breakdown, "gemeente=", 9) != 0)
      continue;
    if (strcmp(v->indicator, "dq.double_lines") == 0)
      lines += v->num;
    else
      cents += v->num;
  }
  assert_int_equal(lines, 3);
  assert_int_equal(cents, 95000 + 1250 - 300);
  assert_int_equal(zt_ind_table_count(t), 6);
  v = zt_ind_table_find(t, "dq.double_lines", "2021-H2", ZT_GEMEENTE_REGIO,
                        "gemeente=0406");
  assert_non_null(v);
  assert_int_equal(v->num, 2);
  /* sorted: export order */
  for (size_t i = 1; i < zt_ind_table_count(t); i++)
    assert_true(zt_ind_value_cmp(zt_ind_table_at(t, i - 1),
                                 zt_ind_table_at(t, i)) < 0);
  /* none: the region rows, 0, at the peildatum given */
  p = zt_period_year(2020);
  assert_int_equal(zt_dq_doubles_put(t, &p, zt_day_from_ymd(2021, 3, 1),
                                     NULL, 0), ZT_OK);
  v = zt_ind_table_find(t, "dq.double_spend", "2020", ZT_GEMEENTE_REGIO, "");
  assert_non_null(v);
  assert_int_equal(v->num, 0);
  assert_int_equal(v->peildatum, zt_day_from_ymd(2021, 3, 1));
  assert_int_equal(zt_ind_table_count(t), 8);
  zt_ind_table_free(t);
}

/* Every id of docs/indicators.md is in the catalogue, ids are unique, and
 * lookup finds each by name. */
static void test_catalogue(void **state) {
  static const char *const ids[] = {
      "clients.total", "clients.by_kind", "spend.total", "spend.by_kind",
      "spend.per_client", "providers.active", "providers.top10_share",
      "verblijf.clients", "verblijf.clients_by_kind",
      "verblijf.share_gezinsvorm", "verblijf.share_residentieel",
      "verblijf.residentieel_under12", "ggz_klinisch.clients",
      "ggz_klinisch.under12", "beschermd_wonen.clients",
      "verblijf.at_peildatum", "instroom.placements",
      "instroom.share_residentieel", "episodes.clients", "episodes.ended",
      "episodes.continuing", "episodes.age_le12", "episodes.duration_mean",
      "episodes.duration_mean_ended", "episodes.duration_mean_continuing",
      "episodes.short", "episodes.long", "episodes.short_duration_mean",
      "episodes.long_duration_mean", "episodes.top",
      "episodes.top_duration_mean",
      "episodes.top_cost_mean", "episodes.top_age_mean",
      "episodes.single_provider", "episodes.providers_mean_multi",
      "episodes.provider_days_mean", "episodes.cost_mean",
      "episodes.cost_mean_continuing", "episodes.cost_mean_history",
      "episodes.cost_mean_history_continuing", "episodes.ambulant_cost_mean",
      "savings.longstay", "savings.placement", "gi.jeugdbescherming",
      "gi.voogdij", "gi.jeugdreclassering", "wpb.clients_declared",
      "wpb.spend_declared", "wpb.clients_shift", "wpb.spend_shift",
      "dq.lines_read", "dq.lines_accepted", "dq.lines_rejected",
      "dq.credits_applied", "dq.residence_fallback", "dq.outside_region",
      "dq.double_lines", "dq.double_spend"};
  (void)state;
  for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
    const zt_ind_def *d = zt_ind_lookup(ids[i]);
    if (!d)
      print_error("missing indicator %s\n", ids[i]);
    assert_non_null(d);
    assert_string_equal(d->id, ids[i]);
    assert_non_null(d->fn);
  }
  for (size_t i = 0; i < zt_ind_count(); i++)
    for (size_t j = i + 1; j < zt_ind_count(); j++)
      assert_string_not_equal(zt_ind_at(i)->id, zt_ind_at(j)->id);
  assert_null(zt_ind_lookup("clients.totaal"));
  assert_null(zt_ind_at(zt_ind_count()));
  assert_true(zt_ind_lookup("clients.by_kind")->breakdown_only);
  assert_true(zt_ind_has_breakdown(zt_ind_lookup("verblijf.at_peildatum"),
                                   "provider"));
  assert_false(zt_ind_has_breakdown(zt_ind_lookup("verblijf.at_peildatum"),
                                    "prov"));
  assert_int_equal(zt_ind_lookup("verblijf.share_gezinsvorm")->unit,
                   ZT_UNIT_PERCENT);
  assert_int_equal(zt_ind_lookup("episodes.top_cost_mean")->unit,
                   ZT_UNIT_EUR);
}

/* Every row of a full run belongs to a catalogue id, and the internal
 * consistency docs/quality.md asks for holds: spend.total = the sum of
 * spend.by_kind; ended + continuing = clients, and so does each of the
 * two episode distributions; shares within 0..100. */
static void test_consistency(void **state) {
  mf *m = two_members(6);
  zt_period p[3] = {zt_period_year(2022), zt_period_half(2022, 1),
                    zt_period_half(2022, 2)};
  (void)state;
  for (uint32_t c = 0; c < 6; c++) {
    uint16_t g = c % 2 ? GA : GB;
    mf_cp(m, c, ZT_K_RESIDENTIEEL, P1, g, Y(2022, 1, 1) + 20 * (int)c,
          Y(2022, 3, 31) + 30 * (int)c, 1000 * (c + 1));
    mf_cp(m, c, ZT_K_PLEEGZORG, P1 + c, g, Y(2022, 5, 1) + 9 * (int)c,
          Y(2022, 12, 31), 700);
    mf_cp(m, c, ZT_K_AMB_BEGELEIDING, P1, g, Y(2021, 5, 1), Y(2021, 5, 31),
          300);
  }
  assert_int_equal(mf_run(m, p, 3, ZT_DAY_NONE), ZT_OK);
  for (size_t i = 0; i < zt_ind_table_count(m->t); i++) {
    const zt_ind_value *v = zt_ind_table_at(m->t, i);
    assert_non_null(zt_ind_lookup(v->indicator));
    assert_true(v->den > 0);
    if (v->unit == ZT_UNIT_PERCENT)
      assert_true(v->num >= 0 && v->num <= v->den);
    if (strcmp(v->indicator, "spend.total") == 0) {
      int64_t sum = 0;
      for (int k = 0; k < ZT_K_COUNT; k++) {
        char bd[64];
        snprintf(bd, sizeof bd, "kind=%s", zt_kind_id((zt_care_kind)k));
        sum += zt_ind_table_find(m->t, "spend.by_kind", v->period,
                                 v->gemeente, bd)->num;
      }
      assert_int_equal(sum, v->num);
    }
    if (strcmp(v->indicator, "episodes.clients") == 0 && !v->breakdown[0]) {
      static const char *const dist[] = {
          "duration=1-30", "duration=31-90", "duration=91-180",
          "duration=181-365", "duration=366-730", "duration=731+",
          "providers=1", "providers=2", "providers=3", "providers=4",
          "providers=5+"};
      int64_t dsum = 0, psum = 0;
      assert_int_equal(zt_ind_table_find(m->t, "episodes.ended", v->period,
                                         v->gemeente, "")->num +
                           zt_ind_table_find(m->t, "episodes.continuing",
                                             v->period, v->gemeente, "")
                               ->num,
                       v->num);
      /* each distribution adds up to the cohort */
      for (size_t k = 0; k < sizeof dist / sizeof dist[0]; k++) {
        const zt_ind_value *b = zt_ind_table_find(
            m->t, "episodes.clients", v->period, v->gemeente, dist[k]);
        assert_non_null(b);
        if (k < 6)
          dsum += b->num;
        else
          psum += b->num;
      }
      assert_int_equal(dsum, v->num);
      assert_int_equal(psum, v->num);
    }
  }
  mf_free(m);
}

/* A naive recomputation, one unit at a time, of some indicators on
 * random data must agree with the one-pass computation (movers between
 * municipalities, a member with dated membership, care outside the
 * region). Unit `g` 0 = the region. */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(uint32_t n) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)(rng % n);
}

static bool in_unit(const mf *m, const zt_careperiod *c, uint16_t g) {
  if (!zt_member_on(m->members, m->nmembers, c->gem_resp, c->begin))
    return false;
  return g == 0 || c->gem_resp == g;
}

static void test_random_against_naive(void **state) {
  static const uint16_t gems[4] = {GA, GB, 417, GX};
  static const int kinds[6] = {ZT_K_AMB_BEGELEIDING, ZT_K_PLEEGZORG,
                               ZT_K_RESIDENTIEEL, ZT_K_GESLOTEN,
                               ZT_K_GEZINSHUIS, ZT_K_VOOGDIJ};
  static const uint16_t units[4] = {0, GA, GB, 417};
  mf *m = mf_new(rd, 60);
  zt_period p = zt_period_year(2022);
  (void)state;
  mf_member(m, GA, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_member(m, GB, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_member(m, 417, Y(2022, 4, 1), ZT_DAY_NONE);   /* joined in April */
  for (int i = 0; i < 480; i++) {
    zt_day b = Y(2021, 10, 1) + (int)rnd(500);
    mf_cp(m, rnd(60), kinds[rnd(6)], 10000000 + rnd(5), gems[rnd(4)], b,
          b + (int)rnd(60), 100 + rnd(10000));
  }
  assert_int_equal(mf_run(m, &p, 1, ZT_DAY_NONE), ZT_OK);
  for (int u = 0; u < 4; u++) {
    int64_t clients = 0, spend = 0, verblijf = 0, vo = 0;
    for (uint32_t c = 0; c < 60; c++) {
      bool any = false, v = false, gi = false;
      for (size_t i = 0; i < m->ncps; i++) {
        const zt_careperiod *cp = &m->cps[i];
        if (cp->client != c || !in_unit(m, cp, units[u]))
          continue;
        if (zt_period_overlaps(&p, cp->begin, cp->end)) {
          any = true;
          v = v || zt_kind_in((zt_care_kind)cp->kind, ZT_G_VERBLIJF);
          gi = gi || cp->kind == ZT_K_VOOGDIJ;
        }
        if (zt_period_contains(&p, cp->begin))
          spend += cp->amount;
      }
      clients += any;
      verblijf += v;
      vo += gi;
    }
    MF_EXPECT(m, "clients.total", "2022", units[u], "", clients, 1);
    MF_EXPECT(m, "spend.total", "2022", units[u], "", spend, 1);
    MF_EXPECT(m, "verblijf.clients", "2022", units[u], "", verblijf, 1);
    MF_EXPECT(m, "gi.voogdij", "2022", units[u], "", vo, 1);
  }
  mf_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_gi),
    cmocka_unit_test(test_wpb),
    cmocka_unit_test(test_dq),
    cmocka_unit_test(test_membership_mergers),
    cmocka_unit_test(test_doubles_rows),
    cmocka_unit_test(test_catalogue),
    cmocka_unit_test(test_consistency),
    cmocka_unit_test(test_random_against_naive),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
