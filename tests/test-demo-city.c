/* test-demo-city.c — the demo city (src/server/xs-demo-city.c): every record is valid by the
 * records contract (checked with the client's own parser), points only at records emitted
 * before it, lies where it should, and the city adds up exactly to the seed article's
 * figures; the article's six compounds carry their stories; one seed, one city. Dated for
 * another day (--demo-now) it is the same city moved in time. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "xa-metrics.h"
#include "xa-records.h"
#include "xa-test-util.h"
#include "xa-test-store.h"
#include "xs-demo-city.h"

typedef struct
{
  char       *type;
  char       *id;
  JsonObject *data;
  XaChange   *change;          /* the record as the client parses it */
} Record;

typedef struct
{
  GPtrArray  *records;
  GHashTable *by_key;          /* "type/id" → Record */
} City;

static City *city;             /* the default seed's city, generated once */

static void
record_free (Record *r)
{
  g_free (r->type);
  g_free (r->id);
  json_object_unref (r->data);
  g_clear_pointer (&r->change, xa_change_free);
  g_free (r);
}

static void
collect (const char *type,
         const char *id,
         JsonObject *data,
         gpointer    user_data)
{
  City *c = user_data;
  Record *r = g_new0 (Record, 1);

  r->type = g_strdup (type);
  r->id = g_strdup (id);
  r->data = json_object_ref (data);
  g_ptr_array_add (c->records, r);
}

static City *
city_generate (guint32 seed)
{
  City *c = g_new0 (City, 1);

  c->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  c->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xs_demo_city_generate (seed, collect, c);
  return c;
}

static void
city_free (City *c)
{
  g_ptr_array_unref (c->records);
  g_hash_table_unref (c->by_key);
  g_free (c);
}

static char *
city_to_json (City *c)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < c->records->len; i++)
    {
      Record *r = g_ptr_array_index (c->records, i);
      JsonNode *data = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (data, r->data);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, r->type);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, r->id);
      json_builder_set_member_name (builder, "data");
      json_builder_add_value (builder, data);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Wraps the data in a change of the feed and parses it as the client would. */
static XaChange *
parse_record (const char  *type,
              const char  *id,
              JsonObject  *data,
              guint        seq,
              GError     **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *change = json_object_new ();

  json_object_set_int_member (change, "seq", seq);
  json_object_set_string_member (change, "type", type);
  json_object_set_string_member (change, "id", id);
  json_object_set_int_member (change, "version", 1);
  json_object_set_boolean_member (change, "deleted", FALSE);
  json_object_set_object_member (change, "data", json_object_ref (data));
  json_node_take_object (node, change);
  return xa_test_change_parse (node, error);
}

static Record *
lookup (const char *type,
        const char *id)
{
  g_autofree char *key = g_strconcat (type, "/", id, NULL);

  return g_hash_table_lookup (city->by_key, key);
}

#define FOREACH_RECORD(r, wanted) \
  for (guint _i = 0; _i < city->records->len; _i++) \
    for (Record *r = g_ptr_array_index (city->records, _i); r != NULL && \
         strcmp (r->type, wanted) == 0; r = NULL)

static guint
count_type (const char *type)
{
  guint n = 0;

  FOREACH_RECORD (r, type)
    n++;
  return n;
}

static double
distance_m (double lat1,
            double lon1,
            double lat2,
            double lon2)
{
  double dy = (lat2 - lat1) * 111320.0;
  double dx = (lon2 - lon1) * 111320.0 * cos ((lat1 + lat2) / 2.0 * G_PI / 180.0);

  return sqrt (dx * dx + dy * dy);
}

/* Every record is valid by src/records-api.md, as the client's parser holds it, and the
 * times carry the city's own offset. */
static void
parse_all (void)
{
  static const char * const time_fields[] = { "reported_at", "deadline", "resolved_at",
                                              "inspected_at", NULL };
  static gboolean parsed;

  if (parsed)
    return;
  parsed = TRUE;
  g_assert_cmpuint (city->records->len, >, 0);
  for (guint i = 0; i < city->records->len; i++)
    {
      Record *r = g_ptr_array_index (city->records, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *key = g_strconcat (r->type, "/", r->id, NULL);

      r->change = parse_record (r->type, r->id, r->data, i + 1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (r->change);
      /* Ids are unique within their type. */
      g_assert_false (g_hash_table_contains (city->by_key, key));
      g_hash_table_insert (city->by_key, g_steal_pointer (&key), r);
      for (guint k = 0; time_fields[k] != NULL; k++)
        if (json_object_has_member (r->data, time_fields[k]))
          g_assert_true (g_str_has_suffix (json_object_get_string_member (r->data, time_fields[k]),
                                           "+08:00"));
    }
}

static void
test_contract (void)
{
  parse_all ();
  g_assert_cmpuint (g_hash_table_size (city->by_key), ==, city->records->len);
}

/* Parsing has to come first; the other tests read the parsed records. */
static void
require_parsed (void)
{
  parse_all ();
}

static void
test_order_and_references (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);
  static const char * const order[] = { "district", "category", "compound", "cadre",
                                        "flood_check", "charging", "elevator", "problem" };
  guint stage = 0;

  require_parsed ();
  for (guint i = 0; i < city->records->len; i++)
    {
      Record *r = g_ptr_array_index (city->records, i);
      const char *compound = NULL;

      /* Types come in the order the brief asks for. */
      while (stage < G_N_ELEMENTS (order) && strcmp (order[stage], r->type) != 0)
        stage++;
      g_assert_cmpuint (stage, <, G_N_ELEMENTS (order));

      if (strcmp (r->type, "compound") == 0)
        {
          XaCompound *c = r->change->record;
          g_autofree char *key = g_strconcat ("district/", c->district, NULL);

          g_assert_true (g_hash_table_contains (seen, key));
        }
      else if (strcmp (r->type, "cadre") == 0)
        {
          XaCadre *cadre = r->change->record;
          guint n = g_strv_length (cadre->compounds);

          g_assert_cmpuint (n, >=, 2);
          g_assert_cmpuint (n, <=, 3);
          for (guint k = 0; k < n; k++)
            {
              g_autofree char *key = g_strconcat ("compound/", cadre->compounds[k], NULL);
              XaCompound *first = lookup ("compound", cadre->compounds[0])->change->record;
              XaCompound *this = lookup ("compound", cadre->compounds[k])->change->record;

              g_assert_true (g_hash_table_contains (seen, key));
              /* A cadre's compounds are neighbours in one district. */
              g_assert_cmpstr (this->district, ==, first->district);
              /* Each compound has exactly one cadre. */
              g_assert_false (g_hash_table_contains (covered, cadre->compounds[k]));
              g_hash_table_add (covered, cadre->compounds[k]);
            }
          g_assert_cmpuint (strlen (cadre->phone), ==, 11);
          g_assert_true (cadre->phone[0] == '1');
          for (guint k = 0; k < 11; k++)
            g_assert_true (g_ascii_isdigit (cadre->phone[k]));
        }
      else if (strcmp (r->type, "flood_check") == 0)
        compound = ((XaFloodCheck *) r->change->record)->compound;
      else if (strcmp (r->type, "charging") == 0)
        compound = ((XaCharging *) r->change->record)->compound;
      else if (strcmp (r->type, "elevator") == 0)
        compound = ((XaElevator *) r->change->record)->compound;
      else if (strcmp (r->type, "problem") == 0)
        {
          XaProblem *p = r->change->record;
          g_autofree char *key = g_strconcat ("category/", p->category, NULL);

          g_assert_true (g_hash_table_contains (seen, key));
          compound = p->compound;
        }
      if (compound != NULL)
        {
          g_autofree char *key = g_strconcat ("compound/", compound, NULL);

          g_assert_true (g_hash_table_contains (seen, key));
        }
      g_hash_table_add (seen, g_strconcat (r->type, "/", r->id, NULL));
    }
  g_assert_cmpuint (g_hash_table_size (covered), ==, count_type ("compound"));
}

static void
test_counts (void)
{
  static const char * const key_actions[] = {
    "contract_publicity", "public_revenue", "elevator_renewal", "flood_prevention",
    "ebike_charging", "maintenance_fund", "power_supply", "utilities_supply",
    "property_service", "fire_safety",
  };
  static const struct { const char *code, *name; } districts[] = {
    { "371302", "兰山区" }, { "371311", "罗庄区" }, { "371312", "河东区" }, { "371321", "沂南县" },
    { "371322", "郯城县" }, { "371323", "沂水县" }, { "371324", "兰陵县" }, { "371325", "费县" },
    { "371326", "平邑县" }, { "371327", "莒南县" }, { "371328", "蒙阴县" }, { "371329", "临沭县" },
  };
  guint without_action = 0;

  require_parsed ();
  g_assert_cmpuint (count_type ("district"), ==, 12);
  g_assert_cmpuint (count_type ("compound"), ==, 3490);
  for (guint i = 0; i < G_N_ELEMENTS (districts); i++)
    {
      Record *r = lookup ("district", districts[i].code);

      g_assert_nonnull (r);
      g_assert_cmpstr (((XaDistrict *) r->change->record)->name, ==, districts[i].name);
    }
  for (guint k = 0; k < G_N_ELEMENTS (key_actions); k++)
    {
      gboolean found = FALSE;

      FOREACH_RECORD (r, "category")
        found |= ((XaCategory *) r->change->record)->key_action == (XaKeyAction) k;
      g_assert_true (found);
    }
  FOREACH_RECORD (r, "category")
    without_action += ((XaCategory *) r->change->record)->key_action == XA_KEY_ACTION_NONE;
  g_assert_cmpuint (without_action, >=, 3);
}

/* The figures of shared/seed/SUMMARY.md, exactly. */
static void
test_seed_totals (void)
{
  guint recorded = 0, special = 0, with_ports = 0, compounds = 0;
  gint64 fen = 0, ports = 0, smart = 0;

  require_parsed ();
  FOREACH_RECORD (r, "compound")
    {
      XaCompound *c = r->change->record;

      compounds++;
      recorded += c->public_revenue_recorded;
      special += c->special_account;
      /* Special accounts only where the revenue is on record, and no money elsewhere. */
      if (c->special_account)
        g_assert_true (c->public_revenue_recorded);
      if (!c->public_revenue_recorded)
        g_assert_cmpint (c->supervised_fen, ==, 0);
      fen += c->supervised_fen;
    }
  FOREACH_RECORD (r, "charging")
    {
      XaCharging *ch = r->change->record;

      with_ports += ch->ports > 0;
      ports += ch->ports;
      smart += ch->smart_ports;
    }
  g_test_message ("compounds %u, revenue recorded %u, special accounts %u, supervised %"
                  G_GINT64_FORMAT " fen (%.2f yuan)", compounds, recorded, special, fen,
                  fen / 100.0);
  g_test_message ("charging: %u compounds with ports (%.1f %%), %" G_GINT64_FORMAT
                  " ports, %" G_GINT64_FORMAT " smart", with_ports, 100.0 * with_ports / compounds,
                  ports, smart);
  g_assert_cmpuint (recorded, ==, 3334);
  g_assert_cmpuint (special, ==, 747);
  g_assert_cmpint (fen, ==, G_GINT64_CONSTANT (3693230000));
  g_assert_cmpuint (with_ports, ==, 3197);
  g_assert_cmpfloat_with_epsilon (100.0 * with_ports / compounds, 91.6, 0.05);
  g_assert_cmpint (ports, ==, 449000);
  g_assert_cmpint (smart, ==, 449000);
}

/* The same figures, and those of the dashboard that no article states, as the app counts
 * them: the demo city stored as a sync stores it and its totals computed by the one
 * function the dashboard, the report and the map's figures call. */
static void
test_dashboard_totals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = xa_test_path ("demo-store");
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new ();
  g_autoptr(XaProblemBreakdown) breakdown = xa_problem_breakdown_new ();
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  gint64 now = xa_test_parse_time ("2025-09-15T09:00:00+08:00");
  XaTotals t, sum = { 0 };
  guint tiers = 0, by_category = 0, opened = 0, resolved = 0, renewals = 0;

  require_parsed ();
  for (guint i = 0; i < city->records->len; i++)
    g_ptr_array_add (changes, ((Record *) g_ptr_array_index (city->records, i))->change);
  store = xa_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (xa_store_apply_page (store, "http://127.0.0.1:1", changes, "c1", &error));
  g_assert_no_error (error);

  g_assert_true (xa_totals_compute_breakdown (store, NULL, 2025, now,
                                              XA_ELEVATOR_REASSESSMENT_DEFAULT, &t, breakdown,
                                              &error));
  g_assert_no_error (error);
  g_test_message ("dashboard: %u compounds, %u problems (%u resolved, %u open, %u overdue), "
                  "lifts %u (15+ %u, 20+ %u, due %u)", t.compounds, t.problems,
                  t.problems_resolved, t.problems_open, t.problems_overdue, t.elevators,
                  t.elevators_15_years, t.elevators_20_years, t.elevators_assessment_due);

  /* shared/seed/SUMMARY.md's table. */
  g_assert_cmpuint (t.compounds, ==, 3490);
  g_assert_cmpuint (t.problems_resolved, >, 15000);
  g_assert_cmpuint (t.flood_problems_fixed, ==, 195);
  g_assert_cmpuint (t.drills_held, >=, 4000);
  g_assert_cmpuint (t.public_revenue_recorded, ==, 3334);
  g_assert_cmpuint (t.special_accounts, ==, 747);
  g_assert_cmpint (t.supervised_fen, ==, G_GINT64_CONSTANT (3693230000));
  g_assert_cmpint (t.charging_ports, ==, 449000);
  g_assert_cmpfloat_with_epsilon (xa_totals_charging_coverage (&t), 91.6, 0.05);
  g_assert_cmpuint (t.city_tier_compounds, ==, 48);

  /* Each split adds up to the figure it splits. */
  for (guint i = 0; i < XA_N_PROBLEM_TIERS; i++)
    {
      g_assert_cmpuint (t.problems_open_by_tier[i], <=, t.problems_by_tier[i]);
      tiers += t.problems_by_tier[i];
    }
  g_assert_cmpuint (tiers, ==, t.problems);
  categories = xa_problem_breakdown_categories (breakdown);
  g_assert_cmpuint (categories->len, >, 10);
  for (guint i = 0; i < categories->len; i++)
    by_category += ((XaCategoryCount *) g_ptr_array_index (categories, i))->problems;
  g_assert_cmpuint (by_category, ==, t.problems);
  /* From September 2024 to the demo's day: every month, none missing. */
  months = xa_problem_breakdown_months (breakdown, 0);
  g_assert_cmpuint (months->len, ==, 13);
  g_assert_cmpint (g_array_index (months, XaMonthCount, 0).year, ==, 2024);
  g_assert_cmpint (g_array_index (months, XaMonthCount, 0).month, ==, 9);
  for (guint i = 0; i < months->len; i++)
    {
      opened += g_array_index (months, XaMonthCount, i).opened;
      resolved += g_array_index (months, XaMonthCount, i).resolved;
    }
  g_assert_cmpuint (opened, ==, t.problems);
  g_assert_cmpuint (resolved, ==, t.problems_resolved);
  for (guint i = 0; i < XA_N_RENEWAL_STATUSES; i++)
    renewals += t.elevators_by_renewal[i];
  g_assert_cmpuint (renewals, ==, t.elevators);
  g_assert_cmpuint (t.elevators_20_years, <, t.elevators_15_years);
  g_assert_cmpuint (t.elevators_assessment_due, <=, t.elevators_15_years);
  g_assert_cmpfloat_with_epsilon (xa_totals_port_ratio (&t),
                                  (double) t.charging_ports / t.registered_ebikes, 1e-12);

  /* The districts add up to the city, split by split. */
  districts = xa_totals_compute_by_district (store, 2025, now, XA_ELEVATOR_REASSESSMENT_DEFAULT,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (districts->len, ==, 12);
  for (guint i = 0; i < districts->len; i++)
    xa_totals_add_totals (&sum, &((XaDistrictTotals *) g_ptr_array_index (districts, i))->totals);
  g_assert_cmpuint (sum.compounds, ==, t.compounds);
  g_assert_cmpuint (sum.problems_open, ==, t.problems_open);
  g_assert_cmpuint (sum.problems_overdue, ==, t.problems_overdue);
  g_assert_cmpuint (sum.flood_ready, ==, t.flood_ready);
  g_assert_cmpuint (sum.compounds_with_charging, ==, t.compounds_with_charging);
  g_assert_cmpuint (sum.elevators_20_years, ==, t.elevators_20_years);
  for (guint i = 0; i < XA_N_PROBLEM_TIERS; i++)
    g_assert_cmpuint (sum.problems_by_tier[i], ==, t.problems_by_tier[i]);
  for (guint i = 0; i < XA_N_FUNDING_SOURCES; i++)
    g_assert_cmpuint (sum.elevators_by_funding[i], ==, t.elevators_by_funding[i]);
}

static void
test_flood (void)
{
  guint checks = 0, all_four = 0, three = 0, two_or_less = 0;
  int drills = 0, found = 0, fixed = 0;
  gint64 from = xa_test_parse_time ("2025-04-01T00:00:00+08:00");
  gint64 to = xa_test_parse_time ("2025-09-11T00:00:00+08:00");

  require_parsed ();
  FOREACH_RECORD (r, "flood_check")
    {
      XaFloodCheck *f = r->change->record;
      int in_place = 0;
      g_autofree char *expected_id = g_strconcat ("FC-2025-", f->compound, NULL);

      checks++;
      g_assert_cmpstr (r->id, ==, expected_id);
      g_assert_cmpint (f->season, ==, 2025);
      for (guint k = 0; k < XA_N_FLOOD_ITEMS; k++)
        in_place += f->items[k].in_place;
      all_four += in_place == 4;
      three += in_place == 3;
      two_or_less += in_place <= 2;
      /* "发现并整改问题195条": what was found was fixed; gaps still open are in_place false. */
      g_assert_cmpint (f->problems_found, ==, f->problems_fixed);
      if (!f->items[XA_FLOOD_DRILL].in_place)
        g_assert_cmpint (f->drills_held, ==, 0);
      g_assert_cmpint (f->inspected_at, >=, from);
      g_assert_cmpint (f->inspected_at, <, to);
      drills += f->drills_held;
      found += f->problems_found;
      fixed += f->problems_fixed;
    }
  g_test_message ("flood checks %u (4/4 %u, 3/4 %u, <=2/4 %u), drills %d, problems found %d, "
                  "fixed %d", checks, all_four, three, two_or_less, drills, found, fixed);
  g_assert_cmpint (drills, >=, 4000);
  g_assert_cmpint (fixed, ==, 195);
  g_assert_cmpint (found, ==, 195);
  /* About 3 % of compounds were not inspected. */
  g_assert_cmpuint (checks, <, 3490 - 3490 / 100);
  g_assert_cmpuint (checks, >, 3490 - 3490 * 6 / 100);
  g_assert_cmpuint (all_four, >, checks * 7 / 10);
  g_assert_cmpuint (three, >, 0);
  g_assert_cmpuint (two_or_less, >, 0);
}

static void
test_elevators (void)
{
  gint64 now = xa_test_parse_time ("2025-09-15T09:00:00+08:00");
  guint n = 0, old = 0, renewing = 0, renewal_done = 0, due = 0;
  guint statuses[6] = { 0, };

  require_parsed ();
  FOREACH_RECORD (r, "elevator")
    {
      XaElevator *e = r->change->record;
      GDate date;
      g_autofree char *midnight = g_strconcat (e->commissioned, "T00:00:00+08:00", NULL);
      double years;

      n++;
      g_assert_true (xa_parse_date (e->commissioned, &date));
      g_assert_cmpint (g_date_get_year (&date), >=, 1998);
      g_assert_cmpint (g_date_get_year (&date), <=, 2025);
      years = (now - xa_test_parse_time (midnight)) / (365.25 * 86400);
      /* A grade is given by the 15-year assessment, and only by it. */
      if (years >= 15.0)
        {
          old++;
          g_assert_cmpint (e->assessment_grade, !=, XA_GRADE_NONE);
          /* Its date: from the 15th year in service on, before now. */
          g_assert_nonnull (e->assessed_on);
          g_assert_cmpint (atoi (e->assessed_on) - atoi (e->commissioned), >=, 15);
          g_assert_cmpstr (e->assessed_on, <, "2025-09-15");
          due += xa_metrics_elevator_assessment_due (e, now, 3);
        }
      else
        {
          g_assert_cmpint (e->assessment_grade, ==, XA_GRADE_NONE);
          g_assert_null (e->assessed_on);
          g_assert_cmpint (e->renewal_status, ==, XA_RENEWAL_NONE);
        }
      statuses[e->renewal_status]++;
      if (e->renewal_status >= XA_RENEWAL_PLANNED)
        g_assert_cmpint (e->funding_source, !=, XA_FUNDING_NONE);
      renewing += e->renewal_status != XA_RENEWAL_NONE;
      renewal_done += e->renewal_status == XA_RENEWAL_DONE;
      g_assert_cmpint (e->entrapments_12m, <=, e->faults_12m);
      /* Inspected after acceptance and before now: nothing in the city lies in the future. */
      if (e->last_inspection != NULL)
        {
          g_autofree char *inspected = g_strconcat (e->last_inspection, "T00:00:00+08:00", NULL);

          g_assert_cmpstr (e->last_inspection, >, e->commissioned);
          g_assert_cmpint (xa_test_parse_time (inspected), <, now);
        }
      g_assert_true (g_str_has_suffix (e->building, "号楼"));
      g_assert_true (g_str_has_suffix (e->unit, "单元"));
    }
  g_test_message ("elevators %u, %u of them 15+ years; renewal none %u proposed %u planned %u "
                  "funded %u in progress %u done %u", n, old, statuses[0], statuses[1],
                  statuses[2], statuses[3], statuses[4], statuses[5]);
  g_assert_cmpuint (n, >=, 8000);
  g_assert_cmpuint (n, <=, 14000);
  g_assert_cmpuint (old, >, n / 10);
  /* Some lifts let a re-assessment slip: due, but far from all that are 15 or older. */
  g_test_message ("safety assessment due at the demo's now: %u of %u", due, old);
  g_assert_cmpuint (due, >, old / 20);
  g_assert_cmpuint (due, <, old / 3);
  g_assert_cmpuint (statuses[XA_RENEWAL_NONE], >, n / 2);
  for (guint k = XA_RENEWAL_PROPOSED; k <= XA_RENEWAL_DONE; k++)
    g_assert_cmpuint (statuses[k], >, 0);
  g_assert_cmpuint (renewing, <, n / 3);
  g_assert_cmpuint (renewal_done, >, 0);
}

static void
test_problems (void)
{
  gint64 now = xa_test_parse_time ("2025-09-15T09:00:00+08:00");
  gint64 first = xa_test_parse_time ("2024-09-01T00:00:00+08:00");
  gint64 last = xa_test_parse_time ("2025-09-11T00:00:00+08:00");
  g_autoptr(GHashTable) city_solved = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) tickets = g_hash_table_new (g_str_hash, g_str_equal);
  guint settled = 0, open = 0, overdue = 0, happy = 0, rated = 0;
  guint sources[4] = { 0, }, tiers[3] = { 0, };
  gint64 previous = 0;

  require_parsed ();
  FOREACH_RECORD (r, "problem")
    {
      XaProblem *p = r->change->record;

      g_assert_cmpint (p->reported_at, >=, first);
      g_assert_cmpint (p->reported_at, <, last);
      /* Emitted in the order they were reported. */
      g_assert_cmpint (p->reported_at, >=, previous);
      previous = p->reported_at;
      g_assert_cmpint (p->deadline, >, p->reported_at);
      /* City-level works may run for most of a year, nothing longer. */
      g_assert_cmpint (p->deadline - p->reported_at, <=, 300 * 86400);
      sources[p->source]++;
      tiers[p->tier]++;
      if (p->source == XA_SOURCE_HOTLINE_12345)
        {
          g_assert_nonnull (p->ticket_no);
          g_assert_true (g_regex_match_simple ("^12345-20(24|25)-[0-9]{7}$", p->ticket_no, 0, 0));
          g_assert_false (g_hash_table_contains (tickets, p->ticket_no));
          g_hash_table_add (tickets, p->ticket_no);
        }
      else
        g_assert_null (p->ticket_no);
      if (p->status == XA_STATUS_RESOLVED || p->status == XA_STATUS_CLOSED)
        {
          settled++;
          g_assert_cmpint (p->resolved_at, >, p->reported_at);
          g_assert_cmpint (p->resolved_at, <, now);
          g_assert_nonnull (p->resolution_note);
          if (p->tier == XA_TIER_CITY)
            g_hash_table_add (city_solved, p->compound);
          if (p->satisfaction > 0)
            {
              rated++;
              happy += p->satisfaction >= 4;
            }
        }
      else
        {
          open++;
          g_assert_cmpint (p->resolved_at, ==, 0);
          g_assert_cmpint (p->satisfaction, ==, 0);
          overdue += p->deadline < now;
        }
    }
  g_test_message ("problems: %u resolved/closed, %u open (%u overdue), %u compounds with a "
                  "city-tier solution; sources hotline %u inspection %u owner %u cadre %u; "
                  "tiers on site %u consultation %u city %u; %u of %u ratings 4-5",
                  settled, open, overdue, g_hash_table_size (city_solved), sources[0], sources[1],
                  sources[2], sources[3], tiers[0], tiers[1], tiers[2], happy, rated);
  g_assert_cmpuint (settled, >, 15000);
  g_assert_cmpuint (open, >=, 300);
  g_assert_cmpuint (open, <=, 600);
  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpuint (overdue, <, open / 2);
  g_assert_cmpuint (g_hash_table_size (city_solved), ==, 48);
  for (guint k = 0; k < 4; k++)
    g_assert_cmpuint (sources[k], >, 0);
  g_assert_cmpuint (sources[XA_SOURCE_HOTLINE_12345], >, settled / 3);
  g_assert_cmpuint (tiers[XA_TIER_ON_SITE], >, tiers[XA_TIER_CONSULTATION]);
  g_assert_cmpuint (tiers[XA_TIER_CONSULTATION], >, tiers[XA_TIER_CITY]);
  g_assert_cmpuint (happy, >, rated * 8 / 10);
}

static gboolean
is_urban (const char *district)
{
  return strcmp (district, "371302") == 0 || strcmp (district, "371311") == 0 ||
         strcmp (district, "371312") == 0;
}

static void
test_places_and_names (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) compounds = g_ptr_array_new ();
  guint urban = 0, with_boundary = 0, self_managed = 0;
  double closest = G_MAXDOUBLE;

  require_parsed ();
  FOREACH_RECORD (r, "compound")
    {
      XaCompound *c = r->change->record;
      XaDistrict *d = lookup ("district", c->district)->change->record;
      double limit = is_urban (c->district) ? 5000.0 : 2000.0;

      g_assert_cmpfloat (distance_m (c->lat, c->lon, d->lat, d->lon), <=, limit);
      urban += is_urban (c->district);
      g_assert_false (g_hash_table_contains (names, c->name));
      g_hash_table_add (names, c->name);
      g_assert_true (g_str_has_prefix (c->address, d->name));
      g_assert_true (g_str_has_suffix (c->address, "号"));
      g_assert_true (g_str_has_suffix (c->subdistrict, "街道"));
      g_assert_true (g_str_has_suffix (c->community, "社区"));
      g_assert_cmpint (c->built_year, >=, 1985);
      g_assert_cmpint (c->built_year, <=, 2024);
      g_assert_cmpint (c->buildings, >, 0);
      g_assert_cmpint (c->households, >, 0);
      self_managed += c->property_company == NULL;
      if (c->boundary != NULL)
        {
          with_boundary++;
          for (guint k = 0; k < c->n_boundary_points; k++)
            g_assert_cmpfloat (distance_m (c->lat, c->lon, c->boundary[2 * k + 1],
                                           c->boundary[2 * k]), <=, 75.0);
        }
      g_ptr_array_add (compounds, c);
    }
  /* No two compounds on top of each other (and outlines of at most 75 m never touch). */
  for (guint i = 0; i < compounds->len; i++)
    for (guint j = i + 1; j < compounds->len; j++)
      {
        XaCompound *a = g_ptr_array_index (compounds, i), *b = g_ptr_array_index (compounds, j);

        if (fabs (a->lat - b->lat) < 0.01)
          closest = MIN (closest, distance_m (a->lat, a->lon, b->lat, b->lon));
      }
  g_test_message ("compounds: %u urban, %u with an outline, %u self-managed, closest pair %.0f m",
                  urban, with_boundary, self_managed, closest);
  g_assert_cmpfloat (closest, >=, 150.0);
  g_assert_cmpuint (urban, >, compounds->len / 2);
  g_assert_cmpuint (with_boundary, >, 0);
  g_assert_cmpuint (with_boundary, <, compounds->len);
  g_assert_cmpuint (self_managed, >, 0);
}

static GPtrArray *
problems_of (const char *compound)
{
  GPtrArray *found = g_ptr_array_new ();

  FOREACH_RECORD (r, "problem")
    if (strcmp (((XaProblem *) r->change->record)->compound, compound) == 0)
      g_ptr_array_add (found, r->change->record);
  return found;
}

static XaProblem *
find_problem (const char *compound,
              const char *title_part,
              gboolean    settled,
              XaProblemTier tier)
{
  g_autoptr(GPtrArray) problems = problems_of (compound);

  for (guint i = 0; i < problems->len; i++)
    {
      XaProblem *p = g_ptr_array_index (problems, i);
      gboolean is_settled = p->status == XA_STATUS_RESOLVED || p->status == XA_STATUS_CLOSED;

      if (strstr (p->title, title_part) != NULL && is_settled == settled && p->tier == tier)
        return p;
    }
  return NULL;
}

static void
test_named_compounds (void)
{
  XaCompound *c;
  XaCharging *ch;
  XaProblem *p;
  g_autoptr(GPtrArray) boguan = NULL;
  guint boguan_hotline = 0;

  require_parsed ();
  c = lookup ("compound", "LY-JUNLAN-1")->change->record;
  g_assert_cmpstr (c->name, ==, "君澜壹号院");
  g_assert_cmpstr (c->district, ==, "371311");
  g_assert_cmpstr (c->subdistrict, ==, "盛庄街道");
  p = find_problem ("LY-JUNLAN-1", "三江路", TRUE, XA_TIER_CONSULTATION);
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (p->resolution_note, "抽污车"));
  p = find_problem ("LY-JUNLAN-1", "建筑垃圾", TRUE, XA_TIER_CONSULTATION);
  g_assert_nonnull (p);

  c = lookup ("compound", "LY-LANSEGANGWAN")->change->record;
  g_assert_cmpstr (c->name, ==, "蓝色港湾");
  g_assert_cmpstr (c->district, ==, "371325");
  g_assert_cmpint (c->kind, ==, XA_COMPOUND_MIXED);
  g_assert_false (c->owners_committee);
  g_assert_true (c->public_revenue_recorded);
  g_assert_cmpint (c->supervised_fen, ==, 14812500);
  p = find_problem ("LY-LANSEGANGWAN", "公共收益收支不规范", TRUE, XA_TIER_CONSULTATION);
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (p->resolution_note, "40178.4元"));

  c = lookup ("compound", "LY-YILONGWAN-HY")->change->record;
  g_assert_cmpstr (c->name, ==, "沂龙湾慧园");
  g_assert_cmpint (c->buildings, ==, 26);
  ch = lookup ("charging", "CH-LY-YILONGWAN-HY")->change->record;
  g_assert_cmpint (ch->ports, ==, ch->registered_ebikes);
  g_assert_cmpint (ch->ports, >=, 1300);
  g_assert_cmpint (ch->ports, <=, 1500);
  g_assert_cmpint (ch->sheds, ==, 34);
  g_assert_cmpint (ch->outside_sites, ==, 3);

  c = lookup ("compound", "LY-BOGUAN-1")->change->record;
  g_assert_cmpstr (c->name, ==, "博观新城一期");
  p = find_problem ("LY-BOGUAN-1", "西出口", FALSE, XA_TIER_CITY);
  g_assert_nonnull (p);
  g_assert_cmpint (p->status, ==, XA_STATUS_IN_PROGRESS);
  boguan = problems_of ("LY-BOGUAN-1");
  for (guint i = 0; i < boguan->len; i++)
    {
      XaProblem *q = g_ptr_array_index (boguan, i);

      boguan_hotline += q->source == XA_SOURCE_HOTLINE_12345 && strstr (q->title, "西出口") != NULL;
    }
  g_assert_cmpuint (boguan_hotline, >=, 20);

  c = lookup ("compound", "LY-XIANGYU")->change->record;
  g_assert_cmpstr (c->name, ==, "翔宇小区");
  g_assert_nonnull (find_problem ("LY-XIANGYU", "雨污分流", TRUE, XA_TIER_CITY));

  c = lookup ("compound", "LY-ZHENGXIE")->change->record;
  g_assert_cmpstr (c->name, ==, "政协家园");
  p = find_problem ("LY-ZHENGXIE", "配电室", TRUE, XA_TIER_CITY);
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (p->responsible_party, "供电"));
}

static void
test_deterministic (void)
{
  City *again = city_generate (XS_DEMO_CITY_DEFAULT_SEED);
  City *other = city_generate (XS_DEMO_CITY_DEFAULT_SEED + 1);
  g_autofree char *a = city_to_json (city);
  g_autofree char *b = city_to_json (again);
  g_autofree char *c = city_to_json (other);

  g_assert_cmpuint (strlen (a), >, 1000000);
  g_assert_true (strcmp (a, b) == 0);
  g_assert_false (strcmp (a, c) == 0);
  /* Another seed is another city, but with the same exact totals. */
  g_assert_cmpuint (other->records->len, >, 30000);
  city_free (again);
  city_free (other);
}

static void
test_new_problem (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gint64 now = xa_test_parse_time ("2025-09-20T10:15:00+08:00");

  require_parsed ();
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(JsonObject) data = xs_demo_city_new_problem (rand, "C0042", now);
      g_autoptr(GError) error = NULL;
      g_autoptr(XaChange) change = parse_record ("problem", "PB900001", data, 1, &error);
      XaProblem *p;

      g_assert_no_error (error);
      p = change->record;
      g_assert_cmpstr (p->compound, ==, "C0042");
      g_assert_nonnull (lookup ("category", p->category));
      g_assert_cmpint (p->status, ==, XA_STATUS_OPEN);
      g_assert_true (p->source == XA_SOURCE_HOTLINE_12345 || p->source == XA_SOURCE_INSPECTION);
      g_assert_true ((p->ticket_no != NULL) == (p->source == XA_SOURCE_HOTLINE_12345));
      g_assert_cmpint (p->reported_at, ==, now);
      g_assert_cmpint (p->deadline, >=, now + 3 * 86400);
      g_assert_cmpint (p->deadline, <=, now + 21 * 86400);
    }
}

/* ---- The city dated for another day (--demo-now) ---------------------------------------- */

#define DAY_SECONDS 86400

static City *
city_generate_at (guint32  seed,
                  gint64   when,
                  gboolean parse)
{
  City *c = g_new0 (City, 1);

  c->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  c->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xs_demo_city_generate_at (seed, when, collect, c);
  for (guint i = 0; parse && i < c->records->len; i++)
    {
      Record *r = g_ptr_array_index (c->records, i);
      g_autoptr(GError) error = NULL;

      r->change = parse_record (r->type, r->id, r->data, i + 1, &error);
      g_assert_no_error (error);
    }
  return c;
}

static gint64
date_at_midnight (const char *date)
{
  g_autofree char *midnight = g_strconcat (date, "T00:00:00+08:00", NULL);

  return xa_test_parse_time (midnight);
}

/* The year of @t in Linyi (UTC+8); 719163 is the GDate day number of 1970-01-01. */
static int
year_of (gint64 t)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) ((t + 8 * 3600) / DAY_SECONDS + 719163));
  return g_date_get_year (&date);
}

/* What the app shows of the backlog at @at: open problems, and those past their deadline. */
static void
count_backlog (City   *c,
               gint64  at,
               guint  *open,
               guint  *overdue)
{
  *open = *overdue = 0;
  for (guint i = 0; i < c->records->len; i++)
    {
      Record *r = g_ptr_array_index (c->records, i);
      XaProblem *p;

      if (strcmp (r->type, "problem") != 0)
        continue;
      p = r->change->record;
      if (p->status == XA_STATUS_RESOLVED || p->status == XA_STATUS_CLOSED)
        continue;
      (*open)++;
      *overdue += p->deadline < at;
    }
}

/* Compounds the flood overlay shows as inspected in the season current at @at. */
static guint
count_inspected (City   *c,
                 gint64  at)
{
  int season = xa_metrics_current_season (at);
  guint n = 0;

  for (guint i = 0; i < c->records->len; i++)
    {
      Record *r = g_ptr_array_index (c->records, i);

      if (strcmp (r->type, "flood_check") == 0)
        n += xa_metrics_flood_band (r->change->record, season) != XA_FLOOD_BAND_NOT_INSPECTED;
    }
  return n;
}

/* A flood check dated for @when: of @when's season, everything on or before it. */
static void
assert_flood_dated (XaFloodCheck *f,
                    gint64        when)
{
  int season = year_of (when);

  g_assert_cmpint (f->season, ==, season);
  g_assert_cmpint (year_of (f->inspected_at), ==, season);
  g_assert_cmpint (f->inspected_at, <=, when);
  for (guint k = 0; k < XA_N_FLOOD_ITEMS; k++)
    if (f->items[k].date != NULL)
      {
        gint64 day = date_at_midnight (f->items[k].date);

        g_assert_cmpint (year_of (day), ==, season);
        g_assert_cmpint (day, <=, f->inspected_at);
      }
}

/* Checks @moved against the unshifted city record by record: the same records, every
 * problem time and lift date moved by @shift, the flood checks of @when's season. */
static void
assert_same_city_moved (City   *moved,
                        gint64  when,
                        gint64  shift,
                        gboolean flood_moved_too)
{
  int years = year_of (when) - 2025;

  g_assert_cmpuint (moved->records->len, ==, city->records->len);
  for (guint i = 0; i < city->records->len; i++)
    {
      Record *a = g_ptr_array_index (city->records, i);
      Record *b = g_ptr_array_index (moved->records, i);

      g_assert_cmpstr (a->type, ==, b->type);
      if (strcmp (a->type, "flood_check") == 0)
        {
          XaFloodCheck *fa = a->change->record, *fb = b->change->record;
          g_autofree char *id = g_strdup_printf ("FC-%d-%s", year_of (when), fa->compound);

          g_assert_cmpstr (b->id, ==, id);
          g_assert_cmpstr (fb->compound, ==, fa->compound);
          for (guint k = 0; k < XA_N_FLOOD_ITEMS; k++)
            g_assert_cmpint (fb->items[k].in_place, ==, fa->items[k].in_place);
          g_assert_cmpint (fb->drills_held, ==, fa->drills_held);
          g_assert_cmpint (fb->problems_fixed, ==, fa->problems_fixed);
          if (flood_moved_too)
            g_assert_cmpint (fb->inspected_at - fa->inspected_at, ==, shift);
          assert_flood_dated (fb, when);
          continue;
        }
      g_assert_cmpstr (a->id, ==, b->id);
      if (strcmp (a->type, "problem") == 0)
        {
          XaProblem *pa = a->change->record, *pb = b->change->record;

          g_assert_cmpint (pb->reported_at - pa->reported_at, ==, shift);
          g_assert_cmpint (pb->deadline - pa->deadline, ==, shift);
          g_assert_cmpint (pb->resolved_at - pa->resolved_at, ==, pa->resolved_at != 0 ? shift : 0);
          g_assert_cmpint (pb->status, ==, pa->status);
          g_assert_cmpint (pb->reported_at, <=, when);
          g_assert_cmpint (pb->resolved_at, <=, when);
          g_assert_cmpstr (pb->title, ==, pa->title);
          if (pb->ticket_no != NULL)
            {
              g_autofree char *prefix = g_strdup_printf ("12345-%d-", year_of (pb->reported_at));

              g_assert_true (g_str_has_prefix (pb->ticket_no, prefix));
            }
          else
            g_assert_null (pa->ticket_no);
        }
      else if (strcmp (a->type, "elevator") == 0)
        {
          XaElevator *ea = a->change->record, *eb = b->change->record;

          /* The same age, to the day, at the moved now. */
          g_assert_cmpint (date_at_midnight (eb->commissioned) -
                           date_at_midnight (ea->commissioned), ==, shift);
          g_assert_true ((ea->last_inspection == NULL) == (eb->last_inspection == NULL));
          if (eb->last_inspection != NULL)
            {
              g_assert_cmpint (date_at_midnight (eb->last_inspection) -
                               date_at_midnight (ea->last_inspection), ==, shift);
            }
          g_assert_cmpint (eb->planned_year, ==,
                           ea->planned_year != 0 ? ea->planned_year + years : 0);
          g_assert_cmpint (eb->assessment_grade, ==, ea->assessment_grade);
          g_assert_cmpint (eb->renewal_status, ==, ea->renewal_status);
          /* The registration code carries the year of acceptance. */
          g_assert_cmpint (strncmp (strrchr (eb->registration_code, '(') + 1,
                                    eb->commissioned + 2, 2), ==, 0);
        }
      else
        {
          /* Districts, categories, compounds, cadres and charging carry no dates: all the
           * city's totals stay exactly the seed article's. */
          g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), a->data);
          g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), b->data);

          g_assert_true (json_node_equal (na, nb));
        }
    }
}

static void
test_dated_today (void)
{
  gint64 demo_now = xa_test_parse_time ("2025-09-15T09:00:00+08:00");
  gint64 when = xa_test_parse_time ("2026-11-25T10:00:00+08:00");
  gint64 now = xs_demo_city_now_for (when);
  gint64 shift = now - demo_now;
  City *moved, *again;
  guint open0, overdue0, open1, overdue1, inspected0, inspected1;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  require_parsed ();
  g_assert_cmpint (xs_demo_city_default_now (), ==, demo_now);
  /* The last 09:00 in Linyi at or before @when: 436 whole days later. */
  g_assert_cmpint (now, ==, xa_test_parse_time ("2026-11-25T09:00:00+08:00"));
  g_assert_cmpint (shift, ==, 436 * DAY_SECONDS);
  g_assert_cmpint (xs_demo_city_now_for (xa_test_parse_time ("2026-11-25T08:59:00+08:00")), ==,
                   xa_test_parse_time ("2026-11-24T09:00:00+08:00"));

  moved = city_generate_at (XS_DEMO_CITY_DEFAULT_SEED, when, TRUE);
  assert_same_city_moved (moved, when, shift, TRUE);

  /* The backlog the app shows at WHEN is the one the unshifted city had at the same
   * distance from its now. */
  count_backlog (city, demo_now, &open0, &overdue0);
  count_backlog (moved, now, &open1, &overdue1);
  g_assert_cmpuint (open1, ==, open0);
  g_assert_cmpuint (overdue1, ==, overdue0);
  count_backlog (city, demo_now + (when - now), &open0, &overdue0);
  count_backlog (moved, when, &open1, &overdue1);
  g_assert_cmpuint (open1, ==, open0);
  g_assert_cmpuint (overdue1, ==, overdue0);
  g_assert_cmpuint (overdue1, >, 0);
  g_assert_cmpuint (overdue1, <, open1 / 2);

  /* The flood overlay at WHEN shows this season's checks for the same compounds. */
  inspected0 = count_inspected (city, demo_now);
  inspected1 = count_inspected (moved, when);
  g_assert_cmpint (xa_metrics_current_season (when), ==, 2026);
  g_assert_cmpuint (inspected1, ==, inspected0);
  g_assert_cmpuint (inspected1, >, 3490 * 94 / 100);
  g_test_message ("dated 2026-11-25 10:00: %u open, %u overdue; %u of 3490 compounds (%.1f %%) "
                  "inspected in season 2026", open1, overdue1, inspected1,
                  100.0 * inspected1 / 3490);

  /* One seed and one WHEN, one city; any time of the same Linyi day gives it too. */
  again = city_generate_at (XS_DEMO_CITY_DEFAULT_SEED,
                            xa_test_parse_time ("2026-11-26T08:30:00+08:00"), FALSE);
  a = city_to_json (moved);
  b = city_to_json (again);
  g_assert_true (strcmp (a, b) == 0);
  city_free (again);
  city_free (moved);
}

/* Without --demo-now, or dated on the demo's own day, the city is byte for byte the same. */
static void
test_dated_on_its_own_day (void)
{
  City *same = city_generate_at (XS_DEMO_CITY_DEFAULT_SEED,
                                 xa_test_parse_time ("2025-09-16T08:59:59+08:00"), FALSE);
  g_autofree char *a = city_to_json (city);
  g_autofree char *b = city_to_json (same);

  g_assert_true (strcmp (a, b) == 0);
  city_free (same);
}

/* Early in a year the flood checks cannot keep their distance from now and stay in the
 * year: they are squeezed into it, and everything else still moves by whole days. */
static void
test_dated_early_in_the_year (void)
{
  gint64 demo_now = xa_test_parse_time ("2025-09-15T09:00:00+08:00");
  gint64 when = xa_test_parse_time ("2027-02-01T10:00:00+08:00");
  gint64 now = xs_demo_city_now_for (when);
  City *moved;
  guint open0, overdue0, open1, overdue1;

  require_parsed ();
  moved = city_generate_at (XS_DEMO_CITY_DEFAULT_SEED, when, TRUE);
  assert_same_city_moved (moved, when, now - demo_now, FALSE);
  count_backlog (city, demo_now, &open0, &overdue0);
  count_backlog (moved, now, &open1, &overdue1);
  g_assert_cmpuint (open1, ==, open0);
  g_assert_cmpuint (overdue1, ==, overdue0);
  g_assert_cmpuint (count_inspected (moved, when), ==, count_inspected (city, demo_now));
  city_free (moved);
}

int
main (int    argc,
      char **argv)
{
  gint64 start;
  int status;

  xa_test_init (&argc, &argv);

  start = g_get_monotonic_time ();
  city = city_generate (XS_DEMO_CITY_DEFAULT_SEED);
  g_test_message ("generated %u records in %.0f ms (including collecting them)", city->records->len,
                  (g_get_monotonic_time () - start) / 1000.0);

  g_test_add_func ("/demo-city/contract", test_contract);
  g_test_add_func ("/demo-city/order-and-references", test_order_and_references);
  g_test_add_func ("/demo-city/counts", test_counts);
  g_test_add_func ("/demo-city/seed-totals", test_seed_totals);
  g_test_add_func ("/demo-city/dashboard-totals", test_dashboard_totals);
  g_test_add_func ("/demo-city/flood", test_flood);
  g_test_add_func ("/demo-city/elevators", test_elevators);
  g_test_add_func ("/demo-city/problems", test_problems);
  g_test_add_func ("/demo-city/places-and-names", test_places_and_names);
  g_test_add_func ("/demo-city/named-compounds", test_named_compounds);
  g_test_add_func ("/demo-city/deterministic", test_deterministic);
  g_test_add_func ("/demo-city/new-problem", test_new_problem);
  g_test_add_func ("/demo-city/dated-today", test_dated_today);
  g_test_add_func ("/demo-city/dated-on-its-own-day", test_dated_on_its_own_day);
  g_test_add_func ("/demo-city/dated-early-in-the-year", test_dated_early_in_the_year);
  status = g_test_run ();
  city_free (city);
  return status;
}
