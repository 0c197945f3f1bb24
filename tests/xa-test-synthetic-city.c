/* xa-test-synthetic-city.c — see xa-test-synthetic-city.h: the made-up city of the tests
 * and benchmarks, drawn point by point and handed to xa_compound_points_new_from_points(). */
#include "config.h"

#include <math.h>

#include "xa-districts.h"
#include "xa-random.h"
#include "xa-test-synthetic-city.h"

typedef struct
{
  double      lat;
  double      lon;
  double      spread;   /* degrees, one standard deviation */
  double      weight;
} SyntheticTown;

/* Where the compounds of each of Linyi's divisions cluster (xa-districts.h, same order):
 * the three urban districts around the centre, the nine county seats (rounded). The centre
 * holds most compounds, as the demo city does. */
static const SyntheticTown towns[XA_LINYI_N_DISTRICTS] = {
  { 35.07, 118.33, 0.045, 0.30 },
  { 34.99, 118.29, 0.035, 0.12 },
  { 35.09, 118.41, 0.035, 0.14 },
  { 35.55, 118.47, 0.020, 0.05 },
  { 34.61, 118.37, 0.020, 0.05 },
  { 35.79, 118.63, 0.020, 0.06 },
  { 34.86, 118.07, 0.020, 0.05 },
  { 35.27, 117.98, 0.020, 0.05 },
  { 35.51, 117.64, 0.020, 0.05 },
  { 35.18, 118.83, 0.020, 0.05 },
  { 35.71, 117.95, 0.018, 0.04 },
  { 34.92, 118.65, 0.018, 0.04 },
};

static const char * const name_heads[] = {
  "幸福", "和平", "翠湖", "锦绣", "阳光", "金色",
  "书香", "滨河", "沂蒙", "凤凰", "银雀", "御景",
};
static const char * const name_tails[] = {
  "花园", "家园", "小区", "名苑", "新村", "雅居", "公寓", "华府",
};
static const char * const streets[] = {
  "沂蒙路", "通达路", "解放路", "金雀山路",
  "北京路", "上海路", "涑河街", "人民大街",
};

static double
gaussian (GRand *rand)
{
  double u = g_rand_double_range (rand, 1e-12, 1.0);
  double v = g_rand_double (rand);

  return xa_random_normal (1.0, u, v);
}

static guint
pick_weighted (GRand        *rand,
               const double *weights,
               guint         n)
{
  return xa_random_weighted_index (weights, n, g_rand_double (rand));
}

XaCompoundPoints *
xa_compound_points_new_synthetic (guint   n,
                                  guint32 seed)
{
  /* Rough shares of the demo city: most compounds fine, a tail that needs action. */
  static const double flood_weights[] = { 0.55, 0.2, 0.1, 0.15 };
  static const double charging_weights[] = { 0.35, 0.3, 0.2, 0.15 };
  static const double elevator_weights[] = { 0.25, 0.2, 0.15, 0.1, 0.3 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GArray) points = g_array_sized_new (FALSE, TRUE, sizeof (XaCompoundPoint), n);
  g_autoptr(GStringChunk) strings = g_string_chunk_new (64 * 1024);
  double town_weights[G_N_ELEMENTS (towns)];
  const guint ring = 6;
  /* Every fourth compound has a boundary: a hexagon of about 100 m across. */
  g_autofree double *boundaries = g_new (double, (n / 4 + 1) * ring * 2);

  for (guint t = 0; t < G_N_ELEMENTS (towns); t++)
    town_weights[t] = towns[t].weight;

  for (guint i = 0; i < n; i++)
    {
      guint t = pick_weighted (rand, town_weights, G_N_ELEMENTS (towns));
      const SyntheticTown *town = &towns[t];
      const XaLinyiDistrict *district = &xa_linyi_districts[t];
      double lat = town->lat + gaussian (rand) * town->spread;
      double lon = town->lon + gaussian (rand) * town->spread * 1.2;
      g_autofree char *id = g_strdup_printf ("S%06u", i);
      const char *head = name_heads[g_rand_int_range (rand, 0, G_N_ELEMENTS (name_heads))];
      const char *tail = name_tails[g_rand_int_range (rand, 0, G_N_ELEMENTS (name_tails))];
      const char *street = streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))];
      g_autofree char *name = g_strdup_printf ("%s%s%u", head, tail, i + 1);
      g_autofree char *address = g_strdup_printf ("%s%d号", street,
                                                  g_rand_int_range (rand, 1, 400));
      XaCompoundPoint p = { 0 };

      p.id = g_string_chunk_insert (strings, id);
      p.name = g_string_chunk_insert (strings, name);
      p.address = g_string_chunk_insert (strings, address);
      p.district_code = district->code;
      p.district_name = district->name;
      p.lat = lat;
      p.lon = lon;
      p.bands[XA_OVERLAY_FLOOD] =
        pick_weighted (rand, flood_weights, G_N_ELEMENTS (flood_weights));
      p.bands[XA_OVERLAY_CHARGING] =
        pick_weighted (rand, charging_weights, G_N_ELEMENTS (charging_weights));
      p.bands[XA_OVERLAY_ELEVATOR_AGE] =
        pick_weighted (rand, elevator_weights, G_N_ELEMENTS (elevator_weights));
      if (g_rand_double (rand) < 0.35)
        {
          p.open_problems = 1 + (guint) (-log (g_rand_double_range (rand, 1e-9, 1.0)) * 2.5);
          p.overdue_problems = g_rand_int_range (rand, 0, p.open_problems + 1) / 2;
        }
      p.bands[XA_OVERLAY_PROBLEMS] = xa_metrics_problem_band (p.open_problems, p.overdue_problems);

      if (i % 4 == 0)
        {
          double *b = boundaries + (i / 4) * ring * 2;
          double r = g_rand_double_range (rand, 0.0004, 0.0008);
          double turn = g_rand_double (rand);

          for (guint k = 0; k < ring; k++)
            {
              double a = (k + turn) * 2.0 * G_PI / ring;

              b[2 * k] = lon + r * 1.2 * cos (a);
              b[2 * k + 1] = lat + r * sin (a);
            }
          p.boundary = b;
          p.n_boundary_points = ring;
        }
      g_array_append_val (points, p);
    }
  return xa_compound_points_new_from_points ((const XaCompoundPoint *) points->data, n);
}
