/* test-store-queries.c — the read queries of the compound panel on a real store filled from
 * feed records: districts sorted by code, a compound's cadres, the flood check of a season,
 * charging, elevators oldest first, problems open-first with a limit on the resolved ones,
 * the recent resolved count, and query plans that use the existing indexes. */
#include "config.h"

#include <string.h>

#include "xa-store-queries.h"
#include "xa-test-util.h"
#include "xa-test-store.h"

#define SERVER "http://127.0.0.1:1"

/* Two districts out of code order, two compounds, and records for both so every query
 * must pick its compound's rows out of others. */
static const char records[] =
  "["
  "{\"seq\": 1, \"type\": \"district\", \"id\": \"371311\", \"version\": 1, \"data\": {"
  " \"code\": \"371311\", \"name\": \"罗庄区\", \"lat\": 35.00, \"lon\": 118.28}},"
  "{\"seq\": 2, \"type\": \"district\", \"id\": \"371302\", \"version\": 1, \"data\": {"
  " \"code\": \"371302\", \"name\": \"兰山区\", \"lat\": 35.05, \"lon\": 118.35}},"
  "{\"seq\": 3, \"type\": \"category\", \"id\": \"FLOOD-01\", \"version\": 1, \"data\": {"
  " \"code\": \"FLOOD-01\", \"name_zh\": \"防汛\", \"name_en\": \"Flooding\","
  " \"key_action\": \"flood_prevention\"}},"
  "{\"seq\": 4, \"type\": \"compound\", \"id\": \"C1\", \"version\": 1, \"data\": {"
  " \"name\": \"君澜壹号院\", \"district\": \"371311\", \"subdistrict\": \"盛庄街道\","
  " \"community\": \"盛庄社区\", \"address\": \"罗庄区三江路66号\", \"lat\": 35.012,"
  " \"lon\": 118.318, \"kind\": \"residential\", \"built_year\": 2019, \"buildings\": 18,"
  " \"households\": 1320, \"owners_committee\": false, \"public_revenue_recorded\": true,"
  " \"special_account\": true, \"supervised_fen\": 14812500}},"
  "{\"seq\": 5, \"type\": \"compound\", \"id\": \"C2\", \"version\": 1, \"data\": {"
  " \"name\": \"翔宇小区\", \"district\": \"371302\", \"subdistrict\": \"兰山街道\","
  " \"community\": \"新华社区\", \"address\": \"兰山区新华路57号\", \"lat\": 35.043,"
  " \"lon\": 118.338, \"kind\": \"residential\", \"buildings\": 12, \"households\": 576,"
  " \"owners_committee\": true, \"public_revenue_recorded\": false,"
  " \"special_account\": false, \"supervised_fen\": 0}},"
  "{\"seq\": 6, \"type\": \"cadre\", \"id\": \"K1\", \"version\": 1, \"data\": {"
  " \"name\": \"王芳\", \"unit\": \"罗庄区住建局\", \"phone\": \"13805390001\","
  " \"compounds\": [\"C1\"]}},"
  "{\"seq\": 7, \"type\": \"cadre\", \"id\": \"K2\", \"version\": 1, \"data\": {"
  " \"name\": \"李强\", \"unit\": \"盛庄街道办事处\", \"phone\": \"13805390002\","
  " \"compounds\": [\"C1\", \"C2\"]}},"
  "{\"seq\": 8, \"type\": \"cadre\", \"id\": \"K3\", \"version\": 1, \"data\": {"
  " \"name\": \"赵敏\", \"unit\": \"兰山区住建局\", \"phone\": \"13805390003\","
  " \"compounds\": [\"C2\"]}},"
  "{\"seq\": 9, \"type\": \"flood_check\", \"id\": \"F1-2024\", \"version\": 1, \"data\": {"
  " \"compound\": \"C1\", \"season\": 2024,"
  " \"supplies\": {\"in_place\": true}, \"personnel\": {\"in_place\": false},"
  " \"plan\": {\"in_place\": false}, \"drill\": {\"in_place\": false},"
  " \"drills_held\": 0, \"pumps\": 1, \"sandbags\": 10, \"low_lying_spots\": 0,"
  " \"problems_found\": 0, \"problems_fixed\": 0,"
  " \"inspected_at\": \"2024-05-20T09:00:00+08:00\", \"inspected_by\": \"张工\"}},"
  "{\"seq\": 10, \"type\": \"flood_check\", \"id\": \"F1-2025\", \"version\": 1, \"data\": {"
  " \"compound\": \"C1\", \"season\": 2025,"
  " \"supplies\": {\"in_place\": true, \"date\": \"2025-05-10\", \"notes\": \"挡水板20块\"},"
  " \"personnel\": {\"in_place\": true, \"date\": \"2025-05-11\"},"
  " \"plan\": {\"in_place\": true, \"date\": \"2025-05-12\"},"
  " \"drill\": {\"in_place\": false, \"notes\": \"待组织\"},"
  " \"drills_held\": 1, \"pumps\": 6, \"sandbags\": 300, \"low_lying_spots\": 2,"
  " \"problems_found\": 3, \"problems_fixed\": 2,"
  " \"inspected_at\": \"2025-05-20T09:30:00+08:00\", \"inspected_by\": \"刘工\"}},"
  "{\"seq\": 11, \"type\": \"charging\", \"id\": \"H1\", \"version\": 1, \"data\": {"
  " \"compound\": \"C1\", \"registered_ebikes\": 1400, \"ports\": 1400, \"smart_ports\": 1200,"
  " \"sheds\": 19, \"outside_sites\": 3}},"
  "{\"seq\": 12, \"type\": \"elevator\", \"id\": \"E-NEW\", \"version\": 1, \"data\": {"
  " \"compound\": \"C1\", \"building\": \"3号楼\", \"unit\": \"1单元\","
  " \"registration_code\": \"R3\", \"maker\": \"M\", \"model\": \"X\","
  " \"commissioned\": \"2019-06-01\", \"faults_12m\": 0, \"entrapments_12m\": 0,"
  " \"renewal_status\": \"none\"}},"
  "{\"seq\": 13, \"type\": \"elevator\", \"id\": \"E-OLD\", \"version\": 1, \"data\": {"
  " \"compound\": \"C1\", \"building\": \"1号楼\", \"unit\": \"2单元\","
  " \"registration_code\": \"R1\", \"maker\": \"M\", \"model\": \"X\","
  " \"commissioned\": \"2003-03-01\", \"last_inspection\": \"2025-03-02\","
  " \"inspection_result\": \"pass_with_remarks\", \"faults_12m\": 4, \"entrapments_12m\": 1,"
  " \"assessment_grade\": \"C\", \"renewal_status\": \"planned\", \"planned_year\": 2026,"
  " \"funding_source\": \"special_bonds\"}},"
  "{\"seq\": 14, \"type\": \"elevator\", \"id\": \"E-MID\", \"version\": 1, \"data\": {"
  " \"compound\": \"C1\", \"building\": \"2号楼\", \"unit\": \"1单元\","
  " \"registration_code\": \"R2\", \"maker\": \"M\", \"model\": \"X\","
  " \"commissioned\": \"2010-09-15\", \"faults_12m\": 1, \"entrapments_12m\": 0,"
  " \"renewal_status\": \"none\"}},"
  "{\"seq\": 15, \"type\": \"elevator\", \"id\": \"E-C2\", \"version\": 1, \"data\": {"
  " \"compound\": \"C2\", \"building\": \"1号楼\", \"unit\": \"1单元\","
  " \"registration_code\": \"R9\", \"maker\": \"M\", \"model\": \"X\","
  " \"commissioned\": \"1999-01-01\", \"faults_12m\": 0, \"entrapments_12m\": 0,"
  " \"renewal_status\": \"none\"}}";

/* Problems of C1: two open (the later deadline stored first), one in progress, and four
 * resolved or closed at different times; one problem of C2. */
static char *
problem_json (int         seq,
              const char *id,
              const char *compound,
              const char *status,
              const char *deadline,
              const char *resolved_at)
{
  g_autofree char *resolved = resolved_at != NULL
    ? g_strdup_printf (", \"resolved_at\": \"%s\"", resolved_at) : g_strdup ("");

  return g_strdup_printf (
    ",{\"seq\": %d, \"type\": \"problem\", \"id\": \"%s\", \"version\": 1, \"data\": {"
    " \"compound\": \"%s\", \"category\": \"FLOOD-01\", \"source\": \"hotline_12345\","
    " \"ticket_no\": \"12345-%s\", \"title\": \"问题%s\","
    " \"reported_at\": \"2025-06-01T09:00:00+08:00\","
    " \"deadline\": \"%s\", \"status\": \"%s\", \"tier\": \"on_site\","
    " \"responsible_party\": \"物业\"%s}}",
    seq, id, compound, id, id, deadline, status, resolved);
}

static XaStore *
filled_store (void)
{
  g_autofree char *path = xa_test_path ("queries.db");
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  XaStore *store;
  static const struct { const char *id, *compound, *status, *deadline, *resolved; } rows[] = {
    { "P-LATE", "C1", "open", "2025-09-30T18:00:00+08:00", NULL },
    { "P-SOON", "C1", "open", "2025-08-31T18:00:00+08:00", NULL },
    { "P-WORK", "C1", "in_progress", "2025-09-10T18:00:00+08:00", NULL },
    { "P-R1", "C1", "resolved", "2025-07-01T18:00:00+08:00", "2025-06-20T10:00:00+08:00" },
    { "P-R2", "C1", "closed", "2025-07-01T18:00:00+08:00", "2025-08-20T10:00:00+08:00" },
    { "P-R3", "C1", "closed", "2025-07-01T18:00:00+08:00", "2024-08-20T10:00:00+08:00" },
    { "P-R4", "C1", "resolved", "2025-07-01T18:00:00+08:00", "2025-07-15T10:00:00+08:00" },
    { "P-C2", "C2", "open", "2025-06-30T18:00:00+08:00", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *one = problem_json (100 + i, rows[i].id, rows[i].compound,
                                           rows[i].status, rows[i].deadline, rows[i].resolved);
      g_string_append (problems, one);
    }
  json = g_strconcat (records, problems->str, "]", NULL);
  changes = xa_test_parse_changes (json);

  store = xa_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (xa_store_apply_page (store, SERVER, changes, "1", &error));
  g_assert_no_error (error);
  return store;
}

static void
test_districts (void)
{
  g_autoptr(XaStore) store = filled_store ();
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GError) error = NULL;
  XaDistrict *district;

  districts = xa_store_list_districts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (districts->len, ==, 2);
  g_assert_cmpstr (((XaDistrict *) districts->pdata[0])->code, ==, "371302");
  g_assert_cmpstr (((XaDistrict *) districts->pdata[0])->name, ==, "兰山区");
  g_assert_cmpstr (((XaDistrict *) districts->pdata[1])->code, ==, "371311");

  district = xa_store_get_district (store, "371311", &error);
  g_assert_no_error (error);
  g_assert_nonnull (district);
  g_assert_cmpstr (district->name, ==, "罗庄区");
  g_assert_cmpfloat_with_epsilon (district->lat, 35.0, 1e-9);
  xa_district_free (district);

  g_assert_null (xa_store_get_district (store, "999999", &error));
  g_assert_no_error (error);
}

static void
test_category (void)
{
  g_autoptr(XaStore) store = filled_store ();
  g_autoptr(GError) error = NULL;
  XaCategory *category = xa_store_get_category (store, "FLOOD-01", &error);

  g_assert_no_error (error);
  g_assert_nonnull (category);
  g_assert_cmpstr (category->name_zh, ==, "防汛");
  g_assert_cmpstr (category->name_en, ==, "Flooding");
  g_assert_cmpint (category->key_action, ==, XA_KEY_ACTION_FLOOD_PREVENTION);
  xa_category_free (category);
  g_assert_null (xa_store_get_category (store, "NOPE", &error));
  g_assert_no_error (error);
}

static void
test_cadres (void)
{
  g_autoptr(XaStore) store = filled_store ();
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GError) error = NULL;
  XaCadre *cadre;

  cadres = xa_store_compound_cadres (store, "C1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cadres->len, ==, 2);
  /* By name: 李 (U+674E) sorts before 王 (U+738B) in the UTF-8 byte order sqlite uses. */
  cadre = cadres->pdata[0];
  g_assert_cmpstr (cadre->id, ==, "K2");
  g_assert_cmpstr (cadre->phone, ==, "13805390002");
  g_assert_cmpstr (cadre->unit, ==, "盛庄街道办事处");
  g_assert_cmpuint (g_strv_length (cadre->compounds), ==, 2);
  g_assert_cmpstr (((XaCadre *) cadres->pdata[1])->id, ==, "K1");
  g_clear_pointer (&cadres, g_ptr_array_unref);

  cadres = xa_store_compound_cadres (store, "C2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cadres->len, ==, 2);
  g_clear_pointer (&cadres, g_ptr_array_unref);

  cadres = xa_store_compound_cadres (store, "NOWHERE", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cadres->len, ==, 0);
}

static void
test_flood_check (void)
{
  g_autoptr(XaStore) store = filled_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(XaFloodCheck) check = NULL;
  g_autoptr(XaFloodCheck) old = NULL;
  g_autoptr(XaFloodCheck) none = NULL;

  check = xa_store_get_flood_check (store, "C1", 2025, &error);
  g_assert_no_error (error);
  g_assert_nonnull (check);
  g_assert_cmpstr (check->id, ==, "F1-2025");
  g_assert_true (check->items[XA_FLOOD_SUPPLIES].in_place);
  g_assert_cmpstr (check->items[XA_FLOOD_SUPPLIES].notes, ==, "挡水板20块");
  g_assert_false (check->items[XA_FLOOD_DRILL].in_place);
  g_assert_null (check->items[XA_FLOOD_DRILL].date);
  g_assert_cmpint (check->pumps, ==, 6);
  g_assert_cmpint (check->inspected_at, ==, 1747704600);   /* 2025-05-20T01:30:00Z */
  g_assert_cmpstr (check->inspected_by, ==, "刘工");

  old = xa_store_get_flood_check (store, "C1", 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (old->id, ==, "F1-2024");

  none = xa_store_get_flood_check (store, "C2", 2025, &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

static void
test_charging (void)
{
  g_autoptr(XaStore) store = filled_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(XaCharging) charging = NULL;
  g_autoptr(XaCharging) none = NULL;

  charging = xa_store_get_charging (store, "C1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (charging);
  g_assert_cmpint (charging->registered_ebikes, ==, 1400);
  g_assert_cmpint (charging->smart_ports, ==, 1200);
  g_assert_cmpint (charging->sheds, ==, 19);

  none = xa_store_get_charging (store, "C2", &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

static void
test_elevators (void)
{
  g_autoptr(XaStore) store = filled_store ();
  g_autoptr(GPtrArray) elevators = NULL;
  g_autoptr(GError) error = NULL;
  XaElevator *oldest;

  elevators = xa_store_compound_elevators (store, "C1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elevators->len, ==, 3);
  oldest = elevators->pdata[0];
  g_assert_cmpstr (oldest->id, ==, "E-OLD");
  g_assert_cmpint (oldest->inspection_result, ==, XA_INSPECTION_PASS_WITH_REMARKS);
  g_assert_cmpint (oldest->assessment_grade, ==, XA_GRADE_C);
  g_assert_cmpint (oldest->renewal_status, ==, XA_RENEWAL_PLANNED);
  g_assert_cmpint (oldest->planned_year, ==, 2026);
  g_assert_cmpint (oldest->funding_source, ==, XA_FUNDING_SPECIAL_BONDS);
  g_assert_cmpstr (((XaElevator *) elevators->pdata[1])->id, ==, "E-MID");
  g_assert_cmpstr (((XaElevator *) elevators->pdata[2])->id, ==, "E-NEW");
  g_assert_cmpint (((XaElevator *) elevators->pdata[2])->assessment_grade, ==, XA_GRADE_NONE);
  g_assert_cmpint (((XaElevator *) elevators->pdata[2])->funding_source, ==, XA_FUNDING_NONE);
}

static void
test_problems (void)
{
  g_autoptr(XaStore) store = filled_store ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const expected[] = { "P-SOON", "P-WORK", "P-LATE", "P-R2", "P-R4" };
  gint64 since;

  /* Open first by deadline (in progress counts as open), then the two latest resolved. */
  problems = xa_store_compound_problems (store, "C1", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (((XaProblem *) problems->pdata[i])->id, ==, expected[i]);
  g_assert_cmpint (((XaProblem *) problems->pdata[1])->status, ==, XA_STATUS_IN_PROGRESS);
  g_assert_cmpstr (((XaProblem *) problems->pdata[0])->ticket_no, ==, "12345-P-SOON");
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* No resolved ones asked for: only the open ones. */
  problems = xa_store_compound_problems (store, "C1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 3);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A limit above what there is returns them all, latest resolved first. */
  problems = xa_store_compound_problems (store, "C1", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 7);
  g_assert_cmpstr (((XaProblem *) problems->pdata[6])->id, ==, "P-R3");
  g_clear_pointer (&problems, g_ptr_array_unref);

  problems = xa_store_compound_problems (store, "C2", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((XaProblem *) problems->pdata[0])->id, ==, "P-C2");

  /* Resolved since 2025-01-01 (+08:00): P-R1, P-R2, P-R4, not last year's P-R3. */
  since = 1735660800;
  g_assert_cmpint (xa_store_count_resolved_problems (store, "C1", since, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpint (xa_store_count_resolved_problems (store, "C1", 0, &error), ==, 4);
  g_assert_cmpint (xa_store_count_resolved_problems (store, "C2", 0, &error), ==, 0);
}

/* Every query looks its rows up through an index the schema already has; none walks a
 * whole table, and the problem queries keep to the per-compound index. */
static void
test_plans (void)
{
  g_autoptr(XaStore) store = filled_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *plans = xa_test_store_explain (store, &error);
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (plans);
  g_test_message ("%s", plans);
  lines = g_strsplit (plans, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        continue;
      /* The district list reads the whole (tiny) table in key order by design. */
      if (g_str_has_prefix (lines[i], "districts:"))
        continue;
      g_assert_null (strstr (lines[i], "SCAN "));
      if (strstr (lines[i], "SEARCH problem ") != NULL)
        g_assert_nonnull (strstr (lines[i], "USING INDEX problem_compound (compound=?)"));
    }
  g_assert_nonnull (strstr (plans,
                            "flood-check: SEARCH flood_check USING INDEX flood_check_compound"));
  g_assert_nonnull (strstr (plans, "elevators: SEARCH elevator USING INDEX elevator_compound"));
  g_assert_nonnull (strstr (plans, "cadre_compound_compound"));
  g_assert_nonnull (strstr (plans, "problems-open: SEARCH problem USING INDEX problem_compound"));
  g_assert_nonnull (strstr (plans, "resolved-count: SEARCH problem USING INDEX problem_compound"));
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  g_test_add_func ("/store-queries/districts", test_districts);
  g_test_add_func ("/store-queries/category", test_category);
  g_test_add_func ("/store-queries/cadres", test_cadres);
  g_test_add_func ("/store-queries/flood-check", test_flood_check);
  g_test_add_func ("/store-queries/charging", test_charging);
  g_test_add_func ("/store-queries/elevators", test_elevators);
  g_test_add_func ("/store-queries/problems", test_problems);
  g_test_add_func ("/store-queries/plans", test_plans);

  return g_test_run ();
}
