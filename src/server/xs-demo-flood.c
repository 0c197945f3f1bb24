/* xs-demo-flood.c — the demo city's flood checks of this season: which of supplies,
 * personnel, plan and drill are in place in each compound, its pumps, sandbags and
 * low-lying spots, with the seed article's 195 problems found and fixed and its 4,000 and
 * more drills. Part of the demo city (xs-demo-city.c); the checks are planned in the 2025
 * season and dated by the city's clock (xs-demo-clock.c). */
#include "config.h"

#include "xs-demo-city-private.h"
#include "xs-demo-names.h"

/* The seed article's figures. */
#define FLOOD_FIXED      195
#define MIN_DRILLS       4000

typedef struct
{
  gboolean inspected;
  gboolean in_place[4];
  int      drills;
  int      fixed;
} FloodPlan;

void
_xs_demo_city_emit_flood_checks (City *city)
{
  static const char * const items[4] = { "supplies", "personnel", "plan", "drill" };
  static const char * const missing_notes[4] = {
    "排水泵、挡水板数量不足，已要求补充", "汛期值班人员未落实到岗", "防汛预案未按今年要求修订",
    "本汛期尚未组织应急演练",
  };
  static const guint missing_weights[4] = { 25, 10, 25, 40 };
  g_autofree FloodPlan *plans = g_new0 (FloodPlan, city->n_compounds);
  guint n_inspected = 0;
  int drills = 0;

  for (guint i = 0; i < city->n_compounds; i++)
    {
      FloodPlan *f = &plans[i];
      double u;
      int n_missing;

      /* About 3 % of compounds have no recorded check this season. */
      f->inspected = city->compounds[i].named >= 0 || !chance (city->rand, 0.03);
      if (!f->inspected)
        continue;
      n_inspected++;
      u = g_rand_double (city->rand);
      n_missing = u < 0.88 || city->compounds[i].named >= 0 ? 0 : u < 0.97 ? 1 : u < 0.995 ? 2 : 3;
      for (int k = 0; k < 4; k++)
        f->in_place[k] = TRUE;
      for (int m = 0; m < n_missing; )
        {
          guint k = pick_weighted (city->rand, missing_weights, 4);

          if (f->in_place[k])
            {
              f->in_place[k] = FALSE;
              m++;
            }
        }
      if (f->in_place[3])
        {
          f->drills = 1 + chance (city->rand, 0.3);
          f->drills += chance (city->rand, 0.05);
        }
      drills += f->drills;
    }
  /* The article: "4,000 余次" drills. */
  while (drills < MIN_DRILLS + 150)
    {
      FloodPlan *f = &plans[g_rand_int_range (city->rand, 0, city->n_compounds)];

      if (f->inspected && f->in_place[3])
        {
          f->drills++;
          drills++;
        }
    }
  /* The article: 195 problems found and fixed. */
  for (int fixed = 0; fixed < FLOOD_FIXED; )
    {
      FloodPlan *f = &plans[g_rand_int_range (city->rand, 0, city->n_compounds)];

      if (f->inspected)
        {
          f->fixed++;
          fixed++;
        }
    }

  for (guint i = 0; i < city->n_compounds; i++)
    {
      Compound *c = &city->compounds[i];
      FloodPlan *f = &plans[i];
      Cadre *cadre = &g_array_index (city->cadres, Cadre, c->cadre);
      gint64 season_start = FLOOD_SEASON_START;
      gint64 inspected = xa_calendar_time (SEASON, 5, 20, 8, 30)
                         + (gint64) rand_int (city->rand, 0, 113) * DAY;
      g_autofree char *id = NULL;
      JsonObject *o;

      if (!f->inspected)
        continue;
      inspected += rand_int (city->rand, 0, 9 * 60) * 60;
      o = json_object_new ();
      id = g_strdup_printf ("FC-%d-%s", city->clock.year, c->id);
      json_object_set_string_member (o, "compound", c->id);
      json_object_set_int_member (o, "season", city->clock.year);
      for (int k = 0; k < 4; k++)
        {
          JsonObject *item = json_object_new ();

          json_object_set_boolean_member (item, "in_place", f->in_place[k]);
          if (f->in_place[k])
            {
              gint64 done = season_start + (gint64) (g_rand_double (city->rand) *
                                                     (inspected - season_start));
              gint64 dated = _xs_demo_clock_flood_time (&city->clock, done);
              g_autofree char *date = xa_calendar_format_date (dated);

              json_object_set_string_member (item, "date", date);
            }
          else
            json_object_set_string_member (item, "notes", missing_notes[k]);
          json_object_set_object_member (o, items[k], item);
        }
      json_object_set_int_member (o, "drills_held", f->drills);
      json_object_set_int_member (o, "pumps", c->named == NAMED_JUNLAN ? 6
                                  : c->households < 150 && chance (city->rand, 0.5) ? 0
                                  : rand_int (city->rand, 1, 5));
      json_object_set_int_member (o, "sandbags", 10 * rand_int (city->rand, 3, 30));
      json_object_set_int_member (o, "low_lying_spots", c->named == NAMED_JUNLAN ? 2
                                  : chance (city->rand, 0.7) ? 0 : rand_int (city->rand, 1, 3));
      /* The article's 195 were found and fixed; gaps still open show as in_place false. */
      json_object_set_int_member (o, "problems_found", f->fixed);
      json_object_set_int_member (o, "problems_fixed", f->fixed);
      _xs_demo_set_time (o, "inspected_at", _xs_demo_clock_flood_time (&city->clock, inspected));
      json_object_set_string_member (o, "inspected_by", cadre->name);
      _xs_demo_city_emit (city, "flood_check", id, o);
    }
  g_assert (n_inspected > 0);
}
