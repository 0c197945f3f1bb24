/* xs-demo-city.c — the demo city: Linyi (临沂) with 3,490 compounds whose city totals are
 * exactly those of the seed article (shared/seed/SUMMARY.md), and around them cadres,
 * flood checks, charging, elevators and a year of problems. This file makes the city's exact
 * totals and writes it out; the parts have files of their own: placing, naming and sizing
 * each compound (xs-demo-compounds.c), the flood checks (xs-demo-flood.c), the elevators
 * (xs-demo-elevators.c), the problem ledger (xs-demo-problems.c) and the dates
 * (xs-demo-clock.c); xs-demo-city-private.h is what they share.
 *
 * Everything comes from one GRand seeded by the caller, drawn in a fixed order; hash
 * tables are only asked "is this name taken?", never iterated, so one seed always gives
 * byte-identical records. The generator first plans every compound (place, size, money,
 * ports), forces the exact totals by choosing and scaling over the whole city, and only
 * then emits, in the order the feed requires.
 *
 * The six compounds the article names have stable ids:
 *   LY-JUNLAN-1       君澜壹号院   罗庄区 盛庄街道 (south/east gate waterlogging, resolved)
 *   LY-LANSEGANGWAN   蓝色港湾     费县 (mixed, no owners' committee, 148,125 yuan supervised)
 *   LY-YILONGWAN-HY   沂龙湾慧园   兰山区 (1,400 ports for 1,400 e-bikes, 3 outside sites)
 *   LY-BOGUAN-1       博观新城一期 河东区 (west exit: city tier, in progress, overdue)
 *   LY-XIANGYU        翔宇小区     兰山区 (rain/sewage separation restarted, city tier)
 *   LY-ZHENGXIE       政协家园     兰山区 柳青街道 (power room leak, city tier)
 * The article gives the district only for the first two; the others are placed where the
 * article's hints point (北城供电公司 → 兰山区 north) or, lacking hints, in an urban district.
 *
 * Charging: the article's 449,000 are "smart ports built", so every port generated here
 * is a smart port: sum(ports) = sum(smart_ports) = 449,000.
 *
 * Dates: the city is always planned at DEMO_NOW and only dated when written out (see
 * "Dating the city" in xs-demo-clock.c), so a city generated for another day draws the same
 * numbers and is the same city, moved in time. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xs-demo-city-private.h"
#include "xs-demo-names.h"

/* The seed article's figures; N_COMPOUNDS is in xs-demo-city-private.h. */
#define N_RECORDED       3334
#define N_SPECIAL        747
#define SUPERVISED_FEN   G_GINT64_CONSTANT (3693230000)
#define N_WITH_PORTS     3197
#define TOTAL_PORTS      449000

/* A log-normal factor: money and traffic are skewed, a few compounds carry much of it. */
static double
skewed (GRand  *rand,
        double  sigma)
{
  double u1 = 1.0 - g_rand_double (rand), u2 = g_rand_double (rand);

  return exp (xa_random_normal (sigma, u1, u2));
}

void
_xs_demo_city_emit (City       *city,
                    const char *type,
                    const char *id,
                    JsonObject *data)
{
  city->sink (type, id, data, city->user_data);
  json_object_unref (data);
}

gboolean
_xs_demo_city_take_name (City       *city,
                         const char *name)
{
  if (g_hash_table_contains (city->taken, name))
    return FALSE;
  g_hash_table_add (city->taken, g_strdup (name));
  return TRUE;
}

/* ---- Districts and categories ---------------------------------------------------------- */

static void
emit_districts (City *city)
{
  for (guint i = 0; i < XS_DEMO_N_DISTRICTS; i++)
    {
      const XsDemoDistrict *d = &xs_demo_districts[i];
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "code", d->seat->code);
      json_object_set_string_member (o, "name", d->seat->name);
      json_object_set_double_member (o, "lat", d->seat->lat);
      json_object_set_double_member (o, "lon", d->seat->lon);
      _xs_demo_city_emit (city, "district", d->seat->code, o);
    }
}

static void
emit_categories (City *city)
{
  for (guint i = 0; i < xs_demo_n_categories; i++)
    {
      const XsDemoCategory *c = &xs_demo_categories[i];
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "code", c->code);
      json_object_set_string_member (o, "name_zh", c->name_zh);
      json_object_set_string_member (o, "name_en", c->name_en);
      if (c->key_action != NULL)
        json_object_set_string_member (o, "key_action", c->key_action);
      _xs_demo_city_emit (city, "category", c->code, o);
    }
}

/* ---- Exact city totals ----------------------------------------------------------------- */

typedef struct
{
  double score;
  guint  index;
} Ranked;

static int
ranked_compare (const void *a,
                const void *b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->score != rb->score)
    return ra->score < rb->score ? -1 : 1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

/* Sorts by score, the index breaking ties, so the choice never depends on qsort. */
static Ranked *
rank (City   *city,
      double (*score) (City *city, Compound *c))
{
  Ranked *ranked = g_new (Ranked, city->n_compounds);

  for (guint i = 0; i < city->n_compounds; i++)
    ranked[i] = (Ranked) { score (city, &city->compounds[i]), i };
  qsort (ranked, city->n_compounds, sizeof (Ranked), ranked_compare);
  return ranked;
}

/* Low scores are the ones left without a record: small self-managed old compounds. */
static double
recorded_score (City     *city,
                Compound *c)
{
  double s = g_rand_double (city->rand);

  if (c->named >= 0)
    return 10.0;
  if (c->company == NULL)
    s *= 0.3;
  if (c->built_year < 2000)
    s *= 0.5;
  return s;
}

/* High scores get the special accounts: large compounds with owners' committees. */
static double
special_score (City     *city,
               Compound *c)
{
  double s = g_rand_double (city->rand);

  if (c->named == NAMED_LANSE)
    return -10.0;
  if (!c->recorded)
    return 10.0;
  if (c->owners_committee)
    s *= 0.4;
  return s * (1.0 - MIN (c->households, 2000) / 4000.0);
}

/* Spreads @total over the items with positive @weights: @floor_each each, the rest in
 * proportion, the rounding remainder one unit at a time from the front. */
static void
apportion (const double *weights,
           gint64       *out,
           guint         n,
           gint64        total,
           gint64        floor_each)
{
  double sum = 0;
  gint64 given = 0, rest;
  guint k = 0;

  for (guint i = 0; i < n; i++)
    sum += weights[i];
  rest = total;
  for (guint i = 0; i < n; i++)
    if (weights[i] > 0)
      rest -= floor_each;
  g_assert (rest >= 0 && sum > 0);
  for (guint i = 0; i < n; i++)
    {
      out[i] = weights[i] > 0 ? floor_each + (gint64) floor (weights[i] * rest / sum) : 0;
      given += out[i];
    }
  for (; given < total; k = (k + 1) % n)
    if (weights[k] > 0)
      {
        out[k]++;
        given++;
      }
}

static void
plan_public_revenue (City *city)
{
  g_autofree Ranked *recorded = rank (city, recorded_score);
  g_autofree Ranked *special = NULL;
  g_autofree double *weights = g_new0 (double, city->n_compounds);
  g_autofree gint64 *fen = g_new0 (gint64, city->n_compounds);
  gint64 fixed = 0;

  for (guint i = 0; i < city->n_compounds; i++)
    city->compounds[recorded[i].index].recorded = i >= N_COMPOUNDS - N_RECORDED;
  special = rank (city, special_score);
  for (guint i = 0; i < N_SPECIAL; i++)
    city->compounds[special[i].index].special = TRUE;

  for (guint i = 0; i < city->n_compounds; i++)
    {
      Compound *c = &city->compounds[i];
      double kind = strcmp (c->kind, "commercial") == 0 ? 4.0
                    : strcmp (c->kind, "mixed") == 0 ? 2.0
                    : 1.0;

      if (c->named == NAMED_LANSE)
        {
          c->supervised_fen = 14812500;   /* 148,125 yuan */
          fixed += c->supervised_fen;
        }
      else if (c->recorded)
        weights[i] = c->households * kind * skewed (city->rand, 0.7) * (c->special ? 1.5 : 1.0);
    }
  apportion (weights, fen, city->n_compounds, SUPERVISED_FEN - fixed, 100);
  for (guint i = 0; i < city->n_compounds; i++)
    if (weights[i] > 0)
      city->compounds[i].supervised_fen = fen[i];
}

/* Low scores have no charging facilities yet: old compounds without space or manager. */
static double
charging_score (City     *city,
                Compound *c)
{
  double s = g_rand_double (city->rand);

  if (c->named >= 0)
    return 10.0;
  if (c->built_year < 2000)
    s *= 0.4;
  if (c->company == NULL)
    s *= 0.5;
  if (strcmp (c->kind, "commercial") == 0)
    s *= 0.3;
  return s;
}

static void
plan_charging (City *city)
{
  g_autofree Ranked *ranked = rank (city, charging_score);
  g_autofree double *weights = g_new0 (double, city->n_compounds);
  g_autofree gint64 *ports = g_new0 (gint64, city->n_compounds);
  gint64 fixed = 0;

  for (guint i = 0; i < city->n_compounds; i++)
    {
      Compound *c = &city->compounds[i];
      double per_household = strcmp (c->kind, "commercial") == 0
                             ? rand_range (city->rand, 0.1, 0.2)
                             : rand_range (city->rand, 0.35, 0.7);

      c->ebikes = MAX (5, (int) (c->households * per_household));
    }
  for (guint i = 0; i < city->n_compounds; i++)
    {
      Compound *c = &city->compounds[ranked[i].index];
      gboolean has_ports = i >= N_COMPOUNDS - N_WITH_PORTS;

      if (c->named == NAMED_YILONGWAN)
        {
          c->ebikes = 1400;
          c->ports = 1400;     /* ports : e-bikes = 1 : 1 */
          fixed += c->ports;
        }
      else if (has_ports)
        weights[ranked[i].index] = c->ebikes * rand_range (city->rand, 0.55, 1.05);
      c->charging_record = has_ports || chance (city->rand, 0.5);
    }
  apportion (weights, ports, city->n_compounds, TOTAL_PORTS - fixed, 10);
  for (guint i = 0; i < city->n_compounds; i++)
    {
      Compound *c = &city->compounds[i];

      if (weights[i] > 0)
        c->ports = ports[i];
      if (c->named == NAMED_YILONGWAN)
        {
          c->sheds = 34;             /* 19 places, 34 sheds, covering 26 buildings */
          c->outside_sites = 3;
        }
      else if (c->ports > 0)
        {
          int per_shed = rand_int (city->rand, 24, 48);

          c->sheds = MAX (1, c->ports / per_shed);
          c->outside_sites = chance (city->rand, 0.1) ? rand_int (city->rand, 1, 2) : 0;
        }
    }
}

/* ---- Cadres ---------------------------------------------------------------------------- */

static int
cadre_order_compare (const void *a,
                     const void *b,
                     void       *user_data)
{
  City *city = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  const Compound *ca = &city->compounds[ia], *cb = &city->compounds[ib];
  int by_sub = strcmp (ca->subdistrict, cb->subdistrict);

  if (ca->district != cb->district)
    return ca->district < cb->district ? -1 : 1;
  if (by_sub != 0)
    return by_sub;
  if (ca->lat != cb->lat)
    return ca->lat < cb->lat ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static char *
person_name (City *city)
{
  for (;;)
    {
      const char *surname = xs_demo_pick (city->rand, xs_demo_surnames);
      const char *given1 = xs_demo_pick (city->rand, xs_demo_given_chars);
      const char *given2 = chance (city->rand, 0.7) ? xs_demo_pick (city->rand, xs_demo_given_chars)
                                                    : "";
      g_autofree char *name = g_strconcat (surname, given1, given2, NULL);

      if (_xs_demo_city_take_name (city, name))
        return g_steal_pointer (&name);
    }
}

static char *
phone_number (City *city)
{
  for (;;)
    {
      const char *prefix = xs_demo_pick (city->rand, xs_demo_phone_prefixes);
      int rest = rand_int (city->rand, 0, 99999999);
      g_autofree char *phone = g_strdup_printf ("%s%08d", prefix, rest);

      if (_xs_demo_city_take_name (city, phone))
        return g_steal_pointer (&phone);
    }
}

/* Each cadre looks after 2–3 neighbouring compounds of one district ("1+4+N"). */
static void
plan_cadres (City *city)
{
  guint start = 0;

  city->cadre_order = g_new (guint, city->n_compounds);
  for (guint i = 0; i < city->n_compounds; i++)
    city->cadre_order[i] = i;
  g_qsort_with_data (city->cadre_order, city->n_compounds, sizeof (guint),
                     cadre_order_compare, city);
  city->cadres = g_array_new (FALSE, TRUE, sizeof (Cadre));

  while (start < city->n_compounds)
    {
      guint district = city->compounds[city->cadre_order[start]].district;
      const XsDemoDistrict *d = &xs_demo_districts[district];
      guint left = 0;
      Cadre cadre = { NULL, };

      while (start + left < city->n_compounds &&
             city->compounds[city->cadre_order[start + left]].district == district)
        left++;
      cadre.first = start;
      cadre.n = rand_int (city->rand, 2, 3);
      if (cadre.n > left)
        cadre.n = left;
      if (left - cadre.n == 1)
        cadre.n = cadre.n == 2 ? 3 : 2;
      cadre.name = person_name (city);
      if (d->seat->urban && chance (city->rand, 0.7))
        cadre.unit = g_strdup (xs_demo_pick (city->rand, xs_demo_city_units));
      else
        cadre.unit = g_strconcat (d->seat->name, xs_demo_pick (city->rand, xs_demo_county_units),
                                  NULL);
      cadre.phone = phone_number (city);
      for (guint k = 0; k < cadre.n; k++)
        city->compounds[city->cadre_order[start + k]].cadre = city->cadres->len;
      g_array_append_val (city->cadres, cadre);
      start += cadre.n;
    }
}

/* ---- Emitting compounds and cadres ----------------------------------------------------- */

static void
emit_compounds (City *city)
{
  for (guint i = 0; i < city->n_compounds; i++)
    {
      Compound *c = &city->compounds[i];
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "name", c->name);
      json_object_set_string_member (o, "district", xs_demo_districts[c->district].seat->code);
      json_object_set_string_member (o, "subdistrict", c->subdistrict);
      json_object_set_string_member (o, "community", c->community);
      json_object_set_string_member (o, "address", c->address);
      json_object_set_double_member (o, "lat", c->lat);
      json_object_set_double_member (o, "lon", c->lon);
      if (c->n_boundary > 0)
        {
          JsonArray *ring = json_array_new ();

          for (guint k = 0; k < c->n_boundary; k++)
            {
              JsonArray *point = json_array_new ();

              json_array_add_double_element (point, c->boundary[2 * k]);
              json_array_add_double_element (point, c->boundary[2 * k + 1]);
              json_array_add_array_element (ring, point);
            }
          json_object_set_array_member (o, "boundary", ring);
        }
      json_object_set_string_member (o, "kind", c->kind);
      json_object_set_int_member (o, "built_year", c->built_year);
      json_object_set_int_member (o, "buildings", c->buildings);
      json_object_set_int_member (o, "households", c->households);
      if (c->company != NULL)
        json_object_set_string_member (o, "property_company", c->company);
      json_object_set_boolean_member (o, "owners_committee", c->owners_committee);
      json_object_set_boolean_member (o, "public_revenue_recorded", c->recorded);
      json_object_set_boolean_member (o, "special_account", c->special);
      json_object_set_int_member (o, "supervised_fen", c->supervised_fen);
      _xs_demo_city_emit (city, "compound", c->id, o);
    }
}

static void
emit_cadres (City *city)
{
  for (guint i = 0; i < city->cadres->len; i++)
    {
      Cadre *cadre = &g_array_index (city->cadres, Cadre, i);
      JsonObject *o = json_object_new ();
      JsonArray *ids = json_array_new ();
      g_autofree char *id = g_strdup_printf ("CD%04u", i + 1);

      json_object_set_string_member (o, "name", cadre->name);
      json_object_set_string_member (o, "unit", cadre->unit);
      json_object_set_string_member (o, "phone", cadre->phone);
      for (guint k = 0; k < cadre->n; k++)
        json_array_add_string_element (ids,
                                       city->compounds[city->cadre_order[cadre->first + k]].id);
      json_object_set_array_member (o, "compounds", ids);
      _xs_demo_city_emit (city, "cadre", id, o);
    }
}

/* ---- Charging -------------------------------------------------------------------------- */

static void
emit_charging (City *city)
{
  for (guint i = 0; i < city->n_compounds; i++)
    {
      Compound *c = &city->compounds[i];
      g_autofree char *id = NULL;
      JsonObject *o;

      if (!c->charging_record)
        continue;
      o = json_object_new ();
      id = g_strconcat ("CH-", c->id, NULL);
      json_object_set_string_member (o, "compound", c->id);
      json_object_set_int_member (o, "registered_ebikes", c->ebikes);
      json_object_set_int_member (o, "ports", c->ports);
      json_object_set_int_member (o, "smart_ports", c->ports);
      json_object_set_int_member (o, "sheds", c->sheds);
      json_object_set_int_member (o, "outside_sites", c->outside_sites);
      _xs_demo_city_emit (city, "charging", id, o);
    }
}

/* ---- Public API ------------------------------------------------------------------------ */

static void
city_clear (City *city)
{
  for (guint i = 0; i < city->n_compounds; i++)
    {
      Compound *c = &city->compounds[i];

      g_free (c->id);
      g_free (c->name);
      g_free (c->community);
      g_free (c->address);
      g_free (c->company);
    }
  for (guint i = 0; city->cadres != NULL && i < city->cadres->len; i++)
    {
      Cadre *cadre = &g_array_index (city->cadres, Cadre, i);

      g_free (cadre->name);
      g_free (cadre->unit);
      g_free (cadre->phone);
    }
  g_clear_pointer (&city->cadres, g_array_unref);
  g_clear_pointer (&city->compounds, g_free);
  g_clear_pointer (&city->cadre_order, g_free);
  g_clear_pointer (&city->grid, g_free);
  g_clear_pointer (&city->grid_next, g_free);
  g_clear_pointer (&city->taken, g_hash_table_unref);
  g_clear_pointer (&city->rand, g_rand_free);
}

gint64
xs_demo_city_default_now (void)
{
  return DEMO_NOW;
}

gint64
xs_demo_city_now_for (gint64 when)
{
  return _xs_demo_clock_now_for (when);
}

void
xs_demo_city_generate (guint32      seed,
                       XsRecordSink sink,
                       gpointer     user_data)
{
  xs_demo_city_generate_at (seed, DEMO_NOW, sink, user_data);
}

void
xs_demo_city_generate_at (guint32      seed,
                          gint64       when,
                          XsRecordSink sink,
                          gpointer     user_data)
{
  City city = { NULL, };

  g_return_if_fail (sink != NULL);

  _xs_demo_clock_init (&city.clock, when);
  city.rand = g_rand_new_with_seed (seed);
  city.sink = sink;
  city.user_data = user_data;
  city.taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  _xs_demo_city_plan_compounds (&city);
  plan_public_revenue (&city);
  plan_charging (&city);
  plan_cadres (&city);

  emit_districts (&city);
  emit_categories (&city);
  emit_compounds (&city);
  emit_cadres (&city);
  _xs_demo_city_emit_flood_checks (&city);
  emit_charging (&city);
  _xs_demo_city_emit_elevators (&city);
  _xs_demo_city_emit_problems (&city);
  city_clear (&city);
}
