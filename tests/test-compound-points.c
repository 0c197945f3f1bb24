/* test-compound-points.c — the compounds as the map draws them: bands of every overlay from
 * real records in a store (this season's flood check only, the oldest elevator, open and
 * overdue problems; of two flood checks or charging records the one the side panel shows,
 * and the city's totals count the same one),
 * band counts per district, search in Chinese and Latin text, find, bounds, the grid query
 * (also when every compound shares one spot), and the synthetic points of the benchmarks. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "xa-compound-points.h"
#include "xa-store-queries.h"
#include "xa-test-synthetic-city.h"
#include "xa-test-util.h"

#define SERVER "http://127.0.0.1:1"

static const char records[] =
  "["
  "{\"seq\": 1, \"type\": \"district\", \"id\": \"371302\", \"version\": 1,"
  " \"data\": {\"code\": \"371302\", \"name\": \"兰山区\", \"lat\": 35.05, \"lon\": 118.35}},"
  "{\"seq\": 2, \"type\": \"district\", \"id\": \"371311\", \"version\": 1,"
  " \"data\": {\"code\": \"371311\", \"name\": \"罗庄区\", \"lat\": 34.99, \"lon\": 118.29}},"
  "{\"seq\": 3, \"type\": \"category\", \"id\": \"P01\", \"version\": 1,"
  " \"data\": {\"code\": \"P01\", \"name_zh\": \"漏水\", \"name_en\": \"Leaks\"}},"
#define COMPOUND(seq, id, name, district, address, lat, lon, extra) \
  "{\"seq\": " #seq ", \"type\": \"compound\", \"id\": \"" id "\", \"version\": 1, \"data\": {" \
  "\"name\": \"" name "\", \"district\": \"" district "\", \"subdistrict\": \"街道\"," \
  "\"community\": \"社区\", \"address\": \"" address "\", \"lat\": " #lat ", \"lon\": " #lon "," \
  "\"kind\": \"residential\", \"buildings\": 3, \"households\": 100, \"owners_committee\": false," \
  "\"public_revenue_recorded\": true, \"special_account\": true, \"supervised_fen\": 0" extra "}},"
  COMPOUND (4, "C1", "翠湖花园", "371302", "沂蒙路12号", 35.06, 118.34,
            ", \"boundary\": [[118.339, 35.059], [118.341, 35.059], [118.341, 35.061],"
            " [118.339, 35.061]]")
  COMPOUND (5, "C2", "Sunny Garden 阳光家园", "371302", "通达路3号", 35.10, 118.40, "")
  COMPOUND (6, "C3", "滨河新村", "371311", "翠湖路8号", 34.98, 118.28, "")
#define FLOOD_AT(seq, id, compound, season, a, b, c, d, at) \
  "{\"seq\": " #seq ", \"type\": \"flood_check\", \"id\": \"" id "\", \"version\": 1, \"data\": {" \
  "\"compound\": \"" compound "\", \"season\": " #season ", \"supplies\": {\"in_place\": " #a "}," \
  "\"personnel\": {\"in_place\": " #b "}, \"plan\": {\"in_place\": " #c "}," \
  "\"drill\": {\"in_place\": " #d "}, \"drills_held\": 1, \"pumps\": 1, \"sandbags\": 10," \
  "\"low_lying_spots\": 0, \"problems_found\": 0, \"problems_fixed\": 0," \
  "\"inspected_at\": \"" at "\", \"inspected_by\": \"李四\"}},"
#define FLOOD(seq, id, compound, season, a, b, c, d) \
  FLOOD_AT (seq, id, compound, season, a, b, c, d, "2025-05-01T09:00:00+08:00")
  FLOOD (7, "F1", "C1", 2025, true, true, true, true)
  FLOOD (8, "F2", "C2", 2024, true, true, true, true)
  FLOOD (9, "F3", "C3", 2025, true, true, true, false)
#define CHARGING(seq, id, compound, ebikes, ports) \
  "{\"seq\": " #seq ", \"type\": \"charging\", \"id\": \"" id "\", \"version\": 1, \"data\": {" \
  "\"compound\": \"" compound "\", \"registered_ebikes\": " #ebikes ", \"ports\": " #ports "," \
  "\"smart_ports\": 0, \"sheds\": 1, \"outside_sites\": 0}},"
  CHARGING (10, "K1", "C1", 100, 100)
  CHARGING (11, "K2", "C2", 100, 60)
#define ELEVATOR(seq, id, compound, date) \
  "{\"seq\": " #seq ", \"type\": \"elevator\", \"id\": \"" id "\", \"version\": 1, \"data\": {" \
  "\"compound\": \"" compound "\", \"building\": \"1号楼\", \"unit\": \"1单元\"," \
  "\"registration_code\": \"R" id "\", \"maker\": \"M\", \"model\": \"X\"," \
  "\"commissioned\": \"" date "\", \"faults_12m\": 0, \"entrapments_12m\": 0," \
  "\"renewal_status\": \"none\"}},"
  ELEVATOR (12, "E1", "C1", "2020-01-01")
  ELEVATOR (13, "E2", "C1", "2008-01-01")
  ELEVATOR (14, "E3", "C3", "2000-01-01")
#define PROBLEM(seq, id, compound, status, deadline, extra) \
  "{\"seq\": " #seq ", \"type\": \"problem\", \"id\": \"" id "\", \"version\": 1, \"data\": {" \
  "\"compound\": \"" compound "\", \"category\": \"P01\", \"source\": \"hotline_12345\"," \
  "\"title\": \"漏水\", \"reported_at\": \"2025-05-01T09:00:00+08:00\"," \
  "\"deadline\": \"" deadline "\", \"status\": \"" status "\", \"tier\": \"on_site\"," \
  "\"responsible_party\": \"物业\"" extra "}}"
  PROBLEM (15, "P1", "C1", "open", "2025-06-01T00:00:00+08:00", "") ","
  PROBLEM (16, "P2", "C1", "resolved", "2025-06-01T00:00:00+08:00",
           ", \"resolved_at\": \"2025-05-20T00:00:00+08:00\"") ","
  PROBLEM (17, "P3", "C2", "in_progress", "2025-08-01T00:00:00+08:00", "") ","
  PROBLEM (18, "P4", "C1", "open", "2025-09-01T00:00:00+08:00", "")
  "]";

/* Two flood checks of one season for C1 (the later inspected has the smaller id), for C2
 * (inspected at the same time) and for C3 (the later inspected has the larger id), and two
 * charging records for C1: the store allows it. */
static const char duplicates[] =
  "["
  "{\"seq\": 1, \"type\": \"district\", \"id\": \"371302\", \"version\": 1,"
  " \"data\": {\"code\": \"371302\", \"name\": \"兰山区\", \"lat\": 35.05, \"lon\": 118.35}},"
  COMPOUND (2, "C1", "翠湖花园", "371302", "沂蒙路12号", 35.06, 118.34, "")
  COMPOUND (3, "C2", "阳光家园", "371302", "通达路3号", 35.10, 118.40, "")
  FLOOD_AT (4, "F1", "C1", 2025, true, true, true, true, "2025-06-01T09:00:00+08:00")
  FLOOD_AT (5, "F2", "C1", 2025, true, true, true, false, "2025-05-01T09:00:00+08:00")
  FLOOD_AT (6, "F3", "C2", 2025, true, true, true, true, "2025-05-01T09:00:00+08:00")
  FLOOD_AT (7, "F4", "C2", 2025, true, false, true, false, "2025-05-01T09:00:00+08:00")
  CHARGING (8, "K1", "C1", 100, 100)
  CHARGING (9, "K2", "C1", 100, 10)
  COMPOUND (10, "C3", "滨河新村", "371302", "翠湖路8号", 34.98, 118.28, "")
  FLOOD_AT (11, "F5", "C3", 2025, true, true, true, false, "2025-05-01T09:00:00+08:00")
  FLOOD_AT (12, "F6", "C3", 2025, true, true, true, true, "2025-06-01T09:00:00+08:00")
  "{\"seq\": 13, \"type\": \"category\", \"id\": \"P01\", \"version\": 1,"
  " \"data\": {\"code\": \"P01\", \"name_zh\": \"漏水\", \"name_en\": \"Leaks\"}}"
  "]";

static XaCompoundPoints *
load_points_from (const char  *text,
                  XaStore    **store_out)
{
  g_autofree char *path = xa_test_path ("store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(XaStore) store = xa_store_open (path, &error);
  g_autoptr(GPtrArray) changes = NULL;
  XaCompoundPointsOptions options;
  XaCompoundPoints *points;

  g_assert_no_error (error);
  changes = xa_test_parse_changes (text);
  g_assert_true (xa_store_apply_page (store, SERVER, changes, "c1", &error));
  g_assert_no_error (error);

  xa_compound_points_options_init (&options);
  options.season = 2025;
  options.now = xa_test_parse_time ("2025-07-01T00:00:00+08:00");
  points = xa_compound_points_load (store, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (points);
  if (store_out != NULL)
    *store_out = g_steal_pointer (&store);
  return points;
}

static XaCompoundPoints *
load_points (void)
{
  return load_points_from (records, NULL);
}

static void
test_load_bands (void)
{
  g_autoptr(XaCompoundPoints) points = load_points ();
  const XaCompoundPoint *c1, *c2, *c3;

  g_assert_cmpuint (xa_compound_points_get_n (points), ==, 3);
  c1 = xa_compound_points_get (points, xa_compound_points_find (points, "C1"));
  c2 = xa_compound_points_get (points, xa_compound_points_find (points, "C2"));
  c3 = xa_compound_points_get (points, xa_compound_points_find (points, "C3"));

  g_assert_cmpstr (c1->name, ==, "翠湖花园");
  g_assert_cmpstr (c1->address, ==, "沂蒙路12号");
  g_assert_cmpstr (c1->district_code, ==, "371302");
  g_assert_cmpstr (c1->district_name, ==, "兰山区");
  g_assert_cmpstr (c3->district_name, ==, "罗庄区");
  /* Strings of one district are shared, not copied per compound. */
  g_assert_true (c1->district_name == c2->district_name);
  /* Two districts with compounds, counted, with the box of their compounds. */
  {
    const XaCompoundDistrict *lanshan, *luozhuang;

    g_assert_cmpuint (xa_compound_points_get_n_districts (points), ==, 2);
    g_assert_cmpint (xa_compound_points_find_district (points, "371302"), ==, (int) c1->district);
    g_assert_cmpint (xa_compound_points_find_district (points, "371311"), ==, (int) c3->district);
    g_assert_cmpint (xa_compound_points_find_district (points, "371312"), ==, -1);
    g_assert_cmpuint (c1->district, ==, c2->district);
    lanshan = xa_compound_points_get_district (points, c1->district);
    luozhuang = xa_compound_points_get_district (points, c3->district);
    g_assert_cmpstr (lanshan->name, ==, "兰山区");
    g_assert_cmpuint (lanshan->n_compounds, ==, 2);
    g_assert_cmpuint (luozhuang->n_compounds, ==, 1);
    g_assert_cmpfloat_with_epsilon (lanshan->min_lat, 35.06, 1e-9);
    g_assert_cmpfloat_with_epsilon (lanshan->max_lat, 35.10, 1e-9);
    g_assert_cmpfloat_with_epsilon (lanshan->min_lon, 118.34, 1e-9);
    g_assert_cmpfloat_with_epsilon (lanshan->max_lon, 118.40, 1e-9);
  }
  g_assert_cmpfloat_with_epsilon (c1->lat, 35.06, 1e-9);
  g_assert_cmpfloat_with_epsilon (c1->lon, 118.34, 1e-9);
  /* East of the prime meridian and north of the equator: right of and above the middle. */
  g_assert_cmpfloat (c1->x, >, 0.5);
  g_assert_cmpfloat (c1->y, <, 0.5);
  g_assert_cmpfloat (c2->x, >, c1->x);
  g_assert_cmpfloat (c2->y, <, c1->y);

  /* Flood: this season's check only; last season's counts as not inspected. */
  g_assert_cmpuint (c1->bands[XA_OVERLAY_FLOOD], ==, XA_FLOOD_BAND_READY);
  g_assert_cmpuint (c2->bands[XA_OVERLAY_FLOOD], ==, XA_FLOOD_BAND_NOT_INSPECTED);
  g_assert_cmpuint (c3->bands[XA_OVERLAY_FLOOD], ==, XA_FLOOD_BAND_THREE);

  g_assert_cmpuint (c1->bands[XA_OVERLAY_CHARGING], ==, XA_CHARGING_BAND_MEETS_TARGET);
  g_assert_cmpuint (c2->bands[XA_OVERLAY_CHARGING], ==, XA_CHARGING_BAND_HALF_OR_MORE);
  g_assert_cmpuint (c3->bands[XA_OVERLAY_CHARGING], ==, XA_CHARGING_BAND_NO_DATA);

  /* The oldest elevator decides, whatever order they come in. */
  g_assert_cmpuint (c1->bands[XA_OVERLAY_ELEVATOR_AGE], ==, XA_ELEVATOR_AGE_BAND_15_TO_20);
  g_assert_cmpuint (c2->bands[XA_OVERLAY_ELEVATOR_AGE], ==, XA_ELEVATOR_AGE_BAND_NO_ELEVATORS);
  g_assert_cmpuint (c3->bands[XA_OVERLAY_ELEVATOR_AGE], ==, XA_ELEVATOR_AGE_BAND_20_PLUS);

  g_assert_cmpuint (c1->open_problems, ==, 2);
  g_assert_cmpuint (c1->overdue_problems, ==, 1);
  g_assert_cmpuint (c1->bands[XA_OVERLAY_PROBLEMS], ==, XA_PROBLEM_BAND_OVERDUE);
  g_assert_cmpuint (c2->open_problems, ==, 1);
  g_assert_cmpuint (c2->overdue_problems, ==, 0);
  g_assert_cmpuint (c2->bands[XA_OVERLAY_PROBLEMS], ==, XA_PROBLEM_BAND_OPEN);
  g_assert_cmpuint (c3->bands[XA_OVERLAY_PROBLEMS], ==, XA_PROBLEM_BAND_NONE);

  /* The measures the bands were drawn from, for the lists of compounds; NaN: none. */
  g_assert_cmpfloat (c1->measures[XA_OVERLAY_FLOOD], ==, 4);
  g_assert_true (isnan (c2->measures[XA_OVERLAY_FLOOD]));
  g_assert_cmpfloat (c3->measures[XA_OVERLAY_FLOOD], ==, 3);
  g_assert_cmpfloat (c1->measures[XA_OVERLAY_CHARGING], >=, 1.0);
  g_assert_cmpfloat (c2->measures[XA_OVERLAY_CHARGING], >=, 0.5);
  g_assert_cmpfloat (c2->measures[XA_OVERLAY_CHARGING], <, 1.0);
  g_assert_true (isnan (c3->measures[XA_OVERLAY_CHARGING]));
  g_assert_cmpfloat (c1->measures[XA_OVERLAY_ELEVATOR_AGE], >=, 15.0);
  g_assert_cmpfloat (c1->measures[XA_OVERLAY_ELEVATOR_AGE], <, 20.0);
  g_assert_true (isnan (c2->measures[XA_OVERLAY_ELEVATOR_AGE]));
  g_assert_cmpfloat (c3->measures[XA_OVERLAY_ELEVATOR_AGE], >=, 20.0);
  g_assert_cmpfloat (c1->measures[XA_OVERLAY_PROBLEMS], ==, 1);
  g_assert_cmpfloat (c2->measures[XA_OVERLAY_PROBLEMS], ==, 0);
  g_assert_cmpfloat (c3->measures[XA_OVERLAY_PROBLEMS], ==, 0);

  g_assert_cmpuint (c1->n_boundary_points, ==, 4);
  g_assert_nonnull (c1->boundary);
  g_assert_cmpfloat_with_epsilon (c1->boundary[0], 118.339, 1e-9);
  g_assert_cmpfloat_with_epsilon (c1->boundary[7], 35.061, 1e-9);
  g_assert_null (c2->boundary);
  g_assert_cmpuint (c2->n_boundary_points, ==, 0);
}

static void
test_thresholds (void)
{
  g_autofree char *path = xa_test_path ("store.db");
  g_autoptr(XaStore) store = xa_store_open (path, NULL);
  g_autoptr(GPtrArray) changes = xa_test_parse_changes (records);
  g_autoptr(XaCompoundPoints) points = NULL;
  XaCompoundPointsOptions options;
  const XaCompoundPoint *c1;

  g_assert_true (xa_store_apply_page (store, SERVER, changes, "c1", NULL));
  xa_compound_points_options_init (&options);
  options.season = 2024;
  options.charging_target = 0.5;
  options.thresholds = (XaElevatorThresholds) { 5, 18, 30 };
  options.now = xa_test_parse_time ("2025-07-01T00:00:00+08:00");
  points = xa_compound_points_load (store, &options, NULL);
  c1 = xa_compound_points_get (points, xa_compound_points_find (points, "C1"));

  /* The options reach the bands: another season, a lower target, other age limits. */
  g_assert_cmpuint (c1->bands[XA_OVERLAY_FLOOD], ==, XA_FLOOD_BAND_NOT_INSPECTED);
  g_assert_cmpuint (xa_compound_points_get (points, xa_compound_points_find (points, "C2"))
                      ->bands[XA_OVERLAY_FLOOD], ==, XA_FLOOD_BAND_READY);
  g_assert_cmpuint (xa_compound_points_get (points, xa_compound_points_find (points, "C2"))
                      ->bands[XA_OVERLAY_CHARGING], ==, XA_CHARGING_BAND_MEETS_TARGET);
  g_assert_cmpuint (c1->bands[XA_OVERLAY_ELEVATOR_AGE], ==, XA_ELEVATOR_AGE_BAND_10_TO_15);
}

static void
test_counts (void)
{
  g_autoptr(XaCompoundPoints) points = load_points ();
  guint counts[XA_OVERLAY_MAX_BANDS];

  g_assert_cmpuint (xa_compound_points_count_bands (points, XA_OVERLAY_FLOOD, NULL, counts), ==, 3);
  g_assert_cmpuint (counts[XA_FLOOD_BAND_READY], ==, 1);
  g_assert_cmpuint (counts[XA_FLOOD_BAND_THREE], ==, 1);
  g_assert_cmpuint (counts[XA_FLOOD_BAND_TWO_OR_LESS], ==, 0);
  g_assert_cmpuint (counts[XA_FLOOD_BAND_NOT_INSPECTED], ==, 1);
  g_assert_cmpuint (counts[4], ==, 0);

  g_assert_cmpuint (xa_compound_points_count_bands (points, XA_OVERLAY_PROBLEMS, "371302",
                                                    counts), ==, 2);
  g_assert_cmpuint (counts[XA_PROBLEM_BAND_NONE], ==, 0);
  g_assert_cmpuint (counts[XA_PROBLEM_BAND_OPEN], ==, 1);
  g_assert_cmpuint (counts[XA_PROBLEM_BAND_OVERDUE], ==, 1);

  g_assert_cmpuint (xa_compound_points_count_bands (points, XA_OVERLAY_ELEVATOR_AGE, "371311",
                                                    counts), ==, 1);
  g_assert_cmpuint (counts[XA_ELEVATOR_AGE_BAND_20_PLUS], ==, 1);

  g_assert_cmpuint (xa_compound_points_count_bands (points, XA_OVERLAY_CHARGING, "999999",
                                                    counts), ==, 0);
  for (guint i = 0; i < XA_OVERLAY_MAX_BANDS; i++)
    g_assert_cmpuint (counts[i], ==, 0);
}

static const char *
result_id (XaCompoundPoints *points,
           GArray           *results,
           guint             i)
{
  return xa_compound_points_get (points, g_array_index (results, guint, i))->id;
}

static void
test_search_find (void)
{
  g_autoptr(XaCompoundPoints) points = load_points ();
  g_autoptr(GArray) results = NULL;

  results = xa_compound_points_search (points, "翠湖", 0);
  /* The name match first, then the compound on 翠湖路. */
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpstr (result_id (points, results, 0), ==, "C1");
  g_assert_cmpstr (result_id (points, results, 1), ==, "C3");
  g_clear_pointer (&results, g_array_unref);

  results = xa_compound_points_search (points, "翠湖", 1);
  g_assert_cmpuint (results->len, ==, 1);
  g_clear_pointer (&results, g_array_unref);

  results = xa_compound_points_search (points, "  sunny GARDEN ", 0);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpstr (result_id (points, results, 0), ==, "C2");
  g_clear_pointer (&results, g_array_unref);

  results = xa_compound_points_search (points, "通达路", 0);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpstr (result_id (points, results, 0), ==, "C2");
  g_clear_pointer (&results, g_array_unref);

  results = xa_compound_points_search (points, "不存在", 0);
  g_assert_cmpuint (results->len, ==, 0);
  g_clear_pointer (&results, g_array_unref);

  results = xa_compound_points_search (points, "", 0);
  g_assert_cmpuint (results->len, ==, 0);

  g_assert_cmpint (xa_compound_points_find (points, "C2"), >=, 0);
  g_assert_cmpint (xa_compound_points_find (points, "C9"), ==, -1);
  g_assert_cmpint (xa_compound_points_find (points, NULL), ==, -1);
}

static void
test_bounds_query (void)
{
  g_autoptr(XaCompoundPoints) points = load_points ();
  g_autoptr(XaCompoundPoints) empty = xa_compound_points_new_synthetic (0, 1);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  const XaCompoundPoint *c1 = xa_compound_points_get (points,
                                                      xa_compound_points_find (points, "C1"));
  double min_lat, min_lon, max_lat, max_lon, lat, lon;

  g_assert_true (xa_compound_points_get_bounds (points, &min_lat, &min_lon, &max_lat, &max_lon));
  g_assert_cmpfloat_with_epsilon (min_lat, 34.98, 1e-9);
  g_assert_cmpfloat_with_epsilon (max_lat, 35.10, 1e-9);
  g_assert_cmpfloat_with_epsilon (min_lon, 118.28, 1e-9);
  g_assert_cmpfloat_with_epsilon (max_lon, 118.40, 1e-9);
  g_assert_false (xa_compound_points_get_bounds (empty, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (xa_compound_points_get_n (empty), ==, 0);
  g_assert_cmpuint (xa_compound_points_query (empty, 0, 0, 1, 1, found), ==, 0);

  xa_mercator_to_location (c1->x, c1->y, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 35.06, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 118.34, 1e-9);

  g_assert_cmpuint (xa_compound_points_query (points, 0, 0, 1, 1, found), ==, 3);
  g_array_set_size (found, 0);
  g_assert_cmpuint (xa_compound_points_query (points, c1->x - 1e-6, c1->y - 1e-6,
                                              c1->x + 1e-6, c1->y + 1e-6, found), ==, 1);
  g_assert_cmpstr (xa_compound_points_get (points, g_array_index (found, guint, 0))->id, ==, "C1");
  g_array_set_size (found, 0);
  g_assert_cmpuint (xa_compound_points_query (points, 0.9, 0.9, 1, 1, found), ==, 0);
}

/* The map's band comes from the very record the side panel shows (xa-store-queries.h), even
 * where the store holds two: the latest inspected flood check, the first of equals and the
 * first charging record in id order. */
static void
test_duplicates_agree_with_panel (void)
{
  g_autoptr(XaStore) store = NULL;
  g_autoptr(XaCompoundPoints) points = load_points_from (duplicates, &store);
  const XaCompoundPointsOptions *options = xa_compound_points_get_options (points);
  static const char * const ids[] = { "C1", "C2", "C3" };
  static const char * const checks[] = { "F1", "F3", "F6" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const XaCompoundPoint *p = xa_compound_points_get (points,
                                                         xa_compound_points_find (points, ids[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(XaFloodCheck) check = xa_store_get_flood_check (store, ids[i], options->season,
                                                                &error);
      g_autoptr(XaCharging) charging = xa_store_get_charging (store, ids[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (check->id, ==, checks[i]);
      g_assert_cmpuint (p->bands[XA_OVERLAY_FLOOD], ==,
                        xa_metrics_flood_band (check, options->season));
      g_assert_cmpuint (p->bands[XA_OVERLAY_CHARGING], ==,
                        xa_metrics_charging_band (charging, options->charging_target));
    }
  /* The records chosen are told apart by their bands. */
  g_assert_cmpuint (xa_compound_points_get (points, xa_compound_points_find (points, "C1"))
                      ->bands[XA_OVERLAY_FLOOD], ==, XA_FLOOD_BAND_READY);
  g_assert_cmpuint (xa_compound_points_get (points, xa_compound_points_find (points, "C2"))
                      ->bands[XA_OVERLAY_FLOOD], ==, XA_FLOOD_BAND_READY);
  g_assert_cmpuint (xa_compound_points_get (points, xa_compound_points_find (points, "C3"))
                      ->bands[XA_OVERLAY_FLOOD], ==, XA_FLOOD_BAND_READY);
  g_assert_cmpuint (xa_compound_points_get (points, xa_compound_points_find (points, "C1"))
                      ->bands[XA_OVERLAY_CHARGING], ==, XA_CHARGING_BAND_MEETS_TARGET);

  /* The city's figures count each compound once, by the same records. */
  {
    g_autoptr(GError) error = NULL;
    XaTotals totals;

    g_assert_true (xa_totals_compute (store, NULL, options->season, options->now,
                                      XA_ELEVATOR_REASSESSMENT_DEFAULT, &totals,
                                      &error));
    g_assert_no_error (error);
    g_assert_cmpuint (totals.flood_inspected, ==, 3);
    g_assert_cmpuint (totals.flood_ready, ==, 3);
    g_assert_cmpuint (totals.compounds_with_charging, ==, 1);
    g_assert_cmpint (totals.charging_ports, ==, 100);
  }
}

/* When every compound shares one x and y the grid cells are 1e-12 wide: a box around the
 * world still finds the compound, and boxes far off, beside it or NaN find nothing. */
static void
test_query_one_point (void)
{
  g_autoptr(XaCompoundPoints) one = xa_compound_points_new_synthetic (1, 1);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  const XaCompoundPoint *p = xa_compound_points_get (one, 0);

  g_assert_cmpuint (xa_compound_points_query (one, 0, 0, 1, 1, found), ==, 1);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 0);
  g_assert_cmpuint (xa_compound_points_query (one, p->x, p->y, p->x, p->y, found), ==, 1);
  g_assert_cmpuint (xa_compound_points_query (one, -1e300, -1e300, 1e300, 1e300, found), ==, 1);
  g_assert_cmpuint (xa_compound_points_query (one, 0, 0, p->x - 1e-9, 1, found), ==, 0);
  g_assert_cmpuint (xa_compound_points_query (one, p->x + 1e-9, 0, 1, 1, found), ==, 0);
  g_assert_cmpuint (xa_compound_points_query (one, 0, 0, 1, p->y - 1e-9, found), ==, 0);
  g_assert_cmpuint (xa_compound_points_query (one, NAN, 0, 1, 1, found), ==, 0);
  g_assert_cmpuint (xa_compound_points_query (one, 0, 0, 1, NAN, found), ==, 0);
  g_assert_cmpuint (found->len, ==, 3);
}

/* The grid query returns exactly what a scan of every point returns. */
static void
test_synthetic (void)
{
  g_autoptr(XaCompoundPoints) points = xa_compound_points_new_synthetic (5000, 7);
  g_autoptr(XaCompoundPoints) again = xa_compound_points_new_synthetic (5000, 7);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  double min_lat, min_lon, max_lat, max_lon, x0, y0, x1, y1;
  guint expected = 0, with_boundary = 0;

  g_assert_cmpuint (xa_compound_points_get_n (points), ==, 5000);
  g_assert_cmpstr (xa_compound_points_get (points, 1234)->name, ==,
                   xa_compound_points_get (again, 1234)->name);
  g_assert_true (xa_compound_points_get_bounds (points, &min_lat, &min_lon, &max_lat, &max_lon));
  /* Linyi and its counties, not the whole province. */
  g_assert_cmpfloat (min_lat, >, 34.0);
  g_assert_cmpfloat (max_lat, <, 36.3);
  g_assert_cmpfloat (min_lon, >, 117.0);
  g_assert_cmpfloat (max_lon, <, 119.5);

  xa_mercator_from_location (35.10, 118.30, &x0, &y0);
  xa_mercator_from_location (35.00, 118.42, &x1, &y1);
  for (guint i = 0; i < 5000; i++)
    {
      const XaCompoundPoint *p = xa_compound_points_get (points, i);

      if (p->x >= x0 && p->x <= x1 && p->y >= y0 && p->y <= y1)
        expected++;
      if (p->boundary != NULL)
        with_boundary++;
      for (guint o = 0; o < XA_N_OVERLAYS; o++)
        g_assert_cmpuint (p->bands[o], <, xa_overlay_n_bands (o));
      g_assert_cmpuint (p->overdue_problems, <=, p->open_problems);
    }
  g_assert_cmpuint (expected, >, 500);
  g_assert_cmpuint (with_boundary, >, 1000);
  g_assert_cmpuint (xa_compound_points_query (points, x0, y0, x1, y1, found), ==, expected);
  for (guint i = 1; i < found->len; i++)
    g_assert_cmpuint (g_array_index (found, guint, i), !=, g_array_index (found, guint, i - 1));
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  g_test_add_func ("/compound-points/load-bands", test_load_bands);
  g_test_add_func ("/compound-points/thresholds", test_thresholds);
  g_test_add_func ("/compound-points/counts", test_counts);
  g_test_add_func ("/compound-points/search-find", test_search_find);
  g_test_add_func ("/compound-points/bounds-query", test_bounds_query);
  g_test_add_func ("/compound-points/duplicates-agree-with-panel",
                   test_duplicates_agree_with_panel);
  g_test_add_func ("/compound-points/query-one-point", test_query_one_point);
  g_test_add_func ("/compound-points/synthetic", test_synthetic);

  return g_test_run ();
}
