/* xs-demo-elevators.c — the demo city's lifts: those of the high-rises, commissioned in the
 * year their compound was built or the next (none before 1998), and those added to old
 * walk-ups since 2019; with registration codes, makers, the last periodic inspection,
 * faults and, after 15 years in service, a safety assessment (its grade and date) and its
 * renewal. Part of the demo city (xs-demo-city.c); every draw comes from the city's GRand in
 * order. */
#include "config.h"

#include "xs-demo-city-private.h"
#include "xs-demo-names.h"

static const char * const renewal_names[] = {
  "none", "proposed", "planned", "funded", "in_progress", "done",
};

/* When a lift of @years in service (15 or more) was last assessed, planned at DEMO_NOW: at
 * 15 years and every 3 after (DOMAIN.md's default interval), a few months after each
 * anniversary; one lift in four let its latest re-assessment slip, so its last one is older
 * than the interval and the Figures page counts it as due. Drawn from a hash of @serial,
 * not the city's GRand, so every other value of the city stays what it was. */
static gint64
assessment_time (gint64 commissioned,
                 double years,
                 guint  serial)
{
  guint32 h = serial * 2654435761u;
  int round = ((int) years - 15) / 3;
  gint64 scheduled, day;

  h ^= h >> 15;
  if (round > 0 && h % 4 == 0)
    round--;
  scheduled = commissioned + (gint64) ((15 + 3 * round) * 365.25 * DAY);
  day = scheduled + (gint64) (h >> 8) % (240 * DAY);
  return MIN (day, DEMO_NOW - DAY);
}

static void
emit_elevator (City       *city,
               Compound   *c,
               guint      *serial,
               int         building,
               int         unit,
               gint64      commissioned,
               guint       lift)
{
  static const guint renewal_d[] = { 10, 15, 20, 20, 20, 15 };
  static const guint renewal_c[] = { 40, 25, 15, 10, 5, 5 };
  static const guint renewal_ab[] = { 85, 8, 4, 0, 0, 3 };
  static const guint grade_weights[] = { 25, 40, 25, 10 };
  static const guint funding_weights[] = { 45, 35, 12, 8 };
  static const char * const funding_names[] = {
    "special_bonds", "maintenance_fund", "owners", "other"
  };
  gint64 now = DEMO_NOW;
  double years = (double) (now - commissioned) / (365.25 * DAY);
  g_autofree char *id = g_strdup_printf ("EL%06u", ++*serial);
  g_autofree char *building_s = g_strdup_printf ("%d号楼", building);
  g_autofree char *unit_s = g_strdup_printf ("%d单元", unit);
  g_autofree char *commissioned_s = xa_calendar_format_date (shifted (city, commissioned));
  int years_moved = city->clock.year - SEASON;
  g_autofree char *code = NULL;
  JsonObject *o = json_object_new ();
  guint renewal = 0;
  int faults;

  code = g_strdup_printf ("梯11鲁Q%05u(%.2s)", *serial, commissioned_s + 2);
  json_object_set_string_member (o, "compound", c->id);
  json_object_set_string_member (o, "building", building_s);
  json_object_set_string_member (o, "unit", unit_s);
  json_object_set_string_member (o, "registration_code", code);
  json_object_set_string_member (o, "maker", xs_demo_lifts[lift].maker);
  json_object_set_string_member (o, "model", xs_demo_lifts[lift].model);
  json_object_set_string_member (o, "commissioned", commissioned_s);

  /* A lift gets its first periodic inspection a year after acceptance. */
  if (years >= 1.0 || chance (city->rand, 0.5))
    {
      static const guint old_results[] = { 78, 17, 5 };
      static const guint new_results[] = { 90, 9, 1 };
      static const char * const results[] = { "pass", "pass_with_remarks", "fail" };
      gint64 earliest = MAX (commissioned + 30 * DAY, now - 364 * DAY);
      gint64 latest = xa_calendar_time (2025, 9, 10, 12, 0);
      g_autofree char *inspected = xa_calendar_format_date (shifted (city, earliest +
                                                         (gint64) (g_rand_double (city->rand) *
                                                                   (latest - earliest))));
      const char *result = results[pick_weighted (city->rand,
                                                  years >= 15 ? old_results : new_results, 3)];

      /* A lift accepted in the last weeks has had no inspection yet: the time drawn would
       * lie after now. Both draws are made all the same, so the rest of the city is the
       * same draw for draw. */
      if (earliest <= latest)
        {
          json_object_set_string_member (o, "last_inspection", inspected);
          json_object_set_string_member (o, "inspection_result", result);
        }
    }
  faults = years < 5 ? rand_int (city->rand, 0, 1)
           : years < 15 ? rand_int (city->rand, 0, 3) : rand_int (city->rand, 1, 7);
  json_object_set_int_member (o, "faults_12m", faults);
  json_object_set_int_member (o, "entrapments_12m", rand_int (city->rand, 0, faults / 3));

  /* Provinces ask for a safety assessment at 15 years in service (shared/DOMAIN.md). */
  if (years >= 15)
    {
      guint grade = pick_weighted (city->rand, grade_weights, 4);
      const guint *weights = grade == 3 ? renewal_d : grade == 2 ? renewal_c : renewal_ab;

      gint64 assessed_at = assessment_time (commissioned, years, *serial);
      g_autofree char *assessed = xa_calendar_format_date (shifted (city, assessed_at));

      json_object_set_string_member (o, "assessment_grade",
                                     (const char *[]) { "A", "B", "C", "D" }[grade]);
      json_object_set_string_member (o, "assessed_on", assessed);
      renewal = pick_weighted (city->rand, weights, 6);
    }
  json_object_set_string_member (o, "renewal_status", renewal_names[renewal]);
  if (renewal >= 2)
    {
      json_object_set_int_member (o, "planned_year",
                                  years_moved + (renewal == 5 ? rand_int (city->rand, 2024, 2025)
                                                 : renewal == 2 ? rand_int (city->rand, 2025, 2026)
                                                 : 2025));
      json_object_set_string_member (o, "funding_source",
                                     funding_names[pick_weighted (city->rand, funding_weights, 4)]);
    }
  else if (renewal == 1 && chance (city->rand, 0.5))
    json_object_set_int_member (o, "planned_year", years_moved + 2026);
  _xs_demo_city_emit (city, "elevator", id, o);
}

static gint64
random_day (GRand *rand,
            int    year_from,
            int    year_to)
{
  int year = rand_int (rand, year_from, year_to);
  int month = rand_int (rand, 1, 12);
  int day = rand_int (rand, 1, 28);

  return xa_calendar_time (year, month, day, 10, 0);
}

void
_xs_demo_city_emit_elevators (City *city)
{
  gint64 latest = xa_calendar_time (2025, 8, 31, 10, 0);
  guint serial = 0;

  for (guint i = 0; i < city->n_compounds; i++)
    {
      Compound *c = &city->compounds[i];
      guint lift = g_rand_int_range (city->rand, 0, xs_demo_n_lifts);

      for (int b = c->buildings - c->highrise + 1; b <= c->buildings; b++)
        {
          int units = rand_int (city->rand, 1, 2);

          for (int u = 1; u <= units; u++)
            {
              int per_unit = chance (city->rand, 0.25) ? 2 : 1;

              for (int k = 0; k < per_unit; k++)
                {
                  gint64 day = random_day (city->rand, MAX (1998, c->built_year),
                                           MAX (1998, MIN (2025, c->built_year + 1)));

                  emit_elevator (city, c, &serial, b, u, MIN (day, latest),
                                 chance (city->rand, 0.2)
                                   ? (guint) g_rand_int_range (city->rand, 0, xs_demo_n_lifts)
                                   : lift);
                }
            }
        }
      for (int k = 0; k < c->retrofit_lifts; k++)
        {
          gint64 day = random_day (city->rand, 2019, 2025);
          guint maker = g_rand_int_range (city->rand, 0, xs_demo_n_lifts);

          emit_elevator (city, c, &serial, 1 + k % c->buildings, 1 + k / c->buildings,
                         MIN (day, latest), maker);
        }
    }
}
