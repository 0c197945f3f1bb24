/* xs-demo-compounds.c — the plan of each compound of the demo city before the city's totals
 * are forced: where it lies (no two within 150 m, a third of the urban ones near the
 * centre), its outline, subdistrict, community and address, its name, age, buildings and
 * households, and who manages it. The six compounds of the seed article come with their
 * own ids, places and figures. Part of the demo city (xs-demo-city.c), which then chooses
 * and scales over the whole city; every draw here comes from the city's GRand in order. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "xs-demo-city-private.h"
#include "xs-demo-names.h"

#define MIN_SEPARATION_M 150.0
#define MAX_BOUNDARY_M   70.0   /* < half the separation, so outlines never overlap */
#define KM_PER_DEG_LAT   111.32
#define GRID_DEG         0.002
#define GRID_LAT0        34.4
#define GRID_LON0        117.4
#define GRID_ROWS        900
#define GRID_COLS        900

static double
distance_m (double lat1,
            double lon1,
            double lat2,
            double lon2)
{
  double dy = (lat2 - lat1) * KM_PER_DEG_LAT * 1000.0;
  double dx = (lon2 - lon1) * KM_PER_DEG_LAT * 1000.0 * cos ((lat1 + lat2) / 2.0 * G_PI / 180.0);

  return sqrt (dx * dx + dy * dy);
}

static double
round6 (double v)
{
  return round (v * 1e6) / 1e6;
}

/* The compounds the seed article names, as it gives them or as its hints place them (see
 * the top of xs-demo-city.c). */
typedef struct
{
  const char *id;
  const char *name;
  guint       district;
  const char *subdistrict;
  const char *community;
  const char *address;
  double      lat;
  double      lon;
  const char *kind;
  int         built_year;
  int         buildings;
  int         highrise;
  int         households;
  const char *company;        /* NULL: self-managed */
  gboolean    owners_committee;
} NamedCompound;

static const NamedCompound named_compounds[N_NAMED] = {
  [NAMED_JUNLAN] = { "LY-JUNLAN-1", "君澜壹号院", 1, "盛庄街道", "盛庄社区", "罗庄区三江路66号",
                     35.0120, 118.3180, "residential", 2019, 18, 14, 1320,
                     "临沂君澜物业服务有限公司", FALSE },
  [NAMED_LANSE] = { "LY-LANSEGANGWAN", "蓝色港湾", 7, "费城街道", "城北社区", "费县建设路198号",
                    35.2620, 117.9920, "mixed", 2014, 6, 6, 860,
                    "费县蓝湾商业运营管理有限公司", FALSE },
  [NAMED_YILONGWAN] = { "LY-YILONGWAN-HY", "沂龙湾慧园", 0, "柳青街道", "沂滨社区",
                        "兰山区孝河路88号", 35.0780, 118.3720, "residential", 2016, 26, 20,
                        1560, "临沂润泽物业服务有限公司", TRUE },
  [NAMED_BOGUAN] = { "LY-BOGUAN-1", "博观新城一期", 2, "九曲街道", "九曲社区", "河东区九曲路216号",
                     35.1040, 118.4180, "residential", 2017, 22, 16, 1890,
                     "临沂恒泰物业服务有限公司", TRUE },
  [NAMED_XIANGYU] = { "LY-XIANGYU", "翔宇小区", 0, "兰山街道", "新华社区", "兰山区新华路57号",
                      35.0430, 118.3380, "residential", 2003, 12, 0, 576,
                      "临沂安居物业管理有限公司", TRUE },
  [NAMED_ZHENGXIE] = { "LY-ZHENGXIE", "政协家园", 0, "柳青街道", "柳青社区", "兰山区府右路126号",
                       35.0840, 118.3450, "residential", 2008, 14, 6, 780,
                       "临沂颐和物业服务有限公司", TRUE },
};

static int
grid_cell (double lat,
           double lon)
{
  int row = (int) floor ((lat - GRID_LAT0) / GRID_DEG);
  int col = (int) floor ((lon - GRID_LON0) / GRID_DEG);

  g_assert (row >= 0 && row < GRID_ROWS && col >= 0 && col < GRID_COLS);
  return row * GRID_COLS + col;
}

static gboolean
place_is_free (City   *city,
               double  lat,
               double  lon)
{
  int cell = grid_cell (lat, lon);

  for (int dr = -1; dr <= 1; dr++)
    for (int dc = -1; dc <= 1; dc++)
      for (int i = city->grid[cell + dr * GRID_COLS + dc]; i >= 0; i = city->grid_next[i])
        if (distance_m (lat, lon, city->compounds[i].lat, city->compounds[i].lon)
            < MIN_SEPARATION_M)
          return FALSE;
  return TRUE;
}

static void
place_take (City  *city,
            guint  index)
{
  int cell = grid_cell (city->compounds[index].lat, city->compounds[index].lon);

  city->grid_next[index] = city->grid[cell];
  city->grid[cell] = index;
}

/* Urban compounds crowd towards the centre: a third of them within 3 km. */
static void
place_compound (City     *city,
                Compound *c)
{
  const XsDemoDistrict *d = &xs_demo_districts[c->district];
  double km_per_deg_lon = KM_PER_DEG_LAT * cos (d->seat->lat * G_PI / 180.0);

  for (guint attempt = 0; ; attempt++)
    {
      double radius = d->radius_km * 0.97;
      double r, angle;

      g_assert (attempt < 10000);
      if (d->seat->urban && chance (city->rand, 0.35))
        radius = 3.0;
      r = radius * sqrt (g_rand_double (city->rand));
      angle = rand_range (city->rand, 0, 2 * G_PI);
      c->lat = round6 (d->seat->lat + r * sin (angle) / KM_PER_DEG_LAT);
      c->lon = round6 (d->seat->lon + r * cos (angle) / km_per_deg_lon);
      if (place_is_free (city, c->lat, c->lon))
        return;
    }
}

static void
make_boundary (City     *city,
               Compound *c)
{
  double km_per_deg_lon = KM_PER_DEG_LAT * cos (c->lat * G_PI / 180.0);
  double size = rand_range (city->rand, 50.0, MAX_BOUNDARY_M);
  double turn = rand_range (city->rand, 0, G_PI);

  c->n_boundary = rand_int (city->rand, 4, 7);
  for (guint i = 0; i < c->n_boundary; i++)
    {
      double angle = turn + 2 * G_PI * i / c->n_boundary
                     + rand_range (city->rand, -0.25, 0.25);
      double r = size * rand_range (city->rand, 0.8, 1.0) / 1000.0;

      c->boundary[2 * i] = round6 (c->lon + r * cos (angle) / km_per_deg_lon);
      c->boundary[2 * i + 1] = round6 (c->lat + r * sin (angle) / KM_PER_DEG_LAT);
    }
}

/* Subdistricts sit around the seat; a compound belongs to the nearest one. */
static const char *
nearest_subdistrict (const XsDemoDistrict *d,
                     double                lat,
                     double                lon)
{
  guint n = xs_demo_count (d->subdistricts);
  double km_per_deg_lon = KM_PER_DEG_LAT * cos (d->seat->lat * G_PI / 180.0);
  double best = G_MAXDOUBLE;
  guint best_i = 0;

  for (guint i = 0; n > 1 && i < n; i++)
    {
      double angle = 0.5 + 2 * G_PI * i / n;
      double slat = d->seat->lat + 0.5 * d->radius_km * sin (angle) / KM_PER_DEG_LAT;
      double slon = d->seat->lon + 0.5 * d->radius_km * cos (angle) / km_per_deg_lon;
      double dist = distance_m (lat, lon, slat, slon);

      if (dist < best)
        {
          best = dist;
          best_i = i;
        }
    }
  return d->subdistricts[best_i];
}

static char *
compound_name (City     *city,
               Compound *c)
{
  const XsDemoDistrict *d = &xs_demo_districts[c->district];

  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GString) name = g_string_new (NULL);

      g_assert (attempt < 1000);
      if (c->built_year < 2000 && chance (city->rand, 0.35))
        {
          /* Old work-unit housing keeps the unit's name. */
          g_string_append (name, d->seat->urban ? "市" : d->seat->name);
          g_string_append (name, xs_demo_pick (city->rand, xs_demo_work_units));
          g_string_append (name, xs_demo_pick (city->rand, xs_demo_unit_housing));
        }
      else
        {
          if (!d->seat->urban && d->local_stems[0] != NULL && chance (city->rand, 0.4))
            g_string_append (name, xs_demo_pick (city->rand, d->local_stems));
          else
            g_string_append (name, xs_demo_pick (city->rand, xs_demo_name_stems));
          g_string_append (name, xs_demo_pick (city->rand, xs_demo_name_suffixes));
        }
      if (attempt >= 4 || chance (city->rand, 0.08))
        g_string_append (name, xs_demo_pick (city->rand, xs_demo_name_phases));
      if (_xs_demo_city_take_name (city, name->str))
        return g_string_free (g_steal_pointer (&name), FALSE);
    }
}

static int
pick_built_year (GRand   *rand,
                 gboolean urban)
{
  double u = g_rand_double (rand);

  if (u < (urban ? 0.18 : 0.15))
    return rand_int (rand, 1985, 1999);
  if (u < (urban ? 0.50 : 0.45))
    return rand_int (rand, 2000, 2009);
  return rand_int (rand, 2010, 2024);
}

/* Households follow the buildings: walk-ups of 5–7 floors, high-rises of 11–33. */
static void
size_compound (GRand    *rand,
               Compound *c)
{
  int year = c->built_year;

  if (strcmp (c->kind, "commercial") == 0)
    {
      c->buildings = rand_int (rand, 1, 4);
      c->highrise = c->buildings;
    }
  else if (year < 2000)
    {
      c->buildings = rand_int (rand, 2, 14);
      c->highrise = 0;
    }
  else if (year < 2010)
    {
      c->buildings = rand_int (rand, 4, 18);
      c->highrise = chance (rand, 0.3) ? (int) (c->buildings * rand_range (rand, 0.2, 0.5)) : 0;
    }
  else
    {
      c->buildings = rand_int (rand, 3, 14);
      c->highrise = chance (rand, 0.65) ? (int) (c->buildings * rand_range (rand, 0.3, 0.8)) : 0;
    }

  c->households = 0;
  for (int b = 0; b < c->buildings; b++)
    {
      gboolean high = b >= c->buildings - c->highrise;
      int units = high ? rand_int (rand, 1, 2) : rand_int (rand, 2, 4);
      int floors = high ? rand_int (rand, 11, 33) : rand_int (rand, 5, 7);

      c->households += units * floors * 2;   /* two flats per floor and unit */
    }
  if (strcmp (c->kind, "commercial") == 0)
    c->households /= 2;     /* apartments above shops */

  /* Walk-ups of the 1990s and early 2000s get lifts added (加装电梯) since 2019. */
  if (c->highrise == 0 && year >= 1990 && year < 2006 && chance (rand, 0.12))
    c->retrofit_lifts = rand_int (rand, 1, 4);
}

static char *
company_name (GRand                *rand,
              const XsDemoDistrict *d)
{
  static const char * const county_words[] = { "城建", "安居", "鑫盛", "恒通", "广厦", NULL };

  const char *stem, *suffix;

  /* Draws go into locals: the order C evaluates arguments in is unspecified. */
  if (!d->seat->urban && chance (rand, 0.5))
    {
      stem = xs_demo_pick (rand, county_words);
      suffix = xs_demo_pick (rand, xs_demo_company_suffixes);
      return g_strconcat (d->seat->name, stem, suffix, NULL);
    }
  stem = xs_demo_pick (rand, xs_demo_company_stems);
  suffix = xs_demo_pick (rand, xs_demo_company_suffixes);
  return g_strconcat (stem, suffix, NULL);
}

static char *
community_name (GRand      *rand,
                const char *subdistrict)
{
  /* A subdistrict has a handful of communities: a stem chosen by the subdistrict name
   * keeps neighbours in the same few communities. */
  guint n = xs_demo_count (xs_demo_community_stems);
  guint base = g_str_hash (subdistrict) % n;
  guint k = (base + 3 * rand_int (rand, 0, 7)) % n;

  return g_strconcat (xs_demo_community_stems[k], "社区", NULL);
}

static void
plan_generic (City     *city,
              Compound *c,
              guint     number)
{
  const XsDemoDistrict *d = &xs_demo_districts[c->district];
  const char *road;
  double u;

  c->id = g_strdup_printf ("C%04u", number);
  c->named = -1;
  place_compound (city, c);
  c->subdistrict = nearest_subdistrict (d, c->lat, c->lon);
  c->community = community_name (city->rand, c->subdistrict);
  road = xs_demo_pick (city->rand, d->roads);
  c->address = g_strdup_printf ("%s%s%d号", d->seat->name, road, rand_int (city->rand, 1, 599));
  u = g_rand_double (city->rand);
  c->kind = u < 0.03 ? "commercial" : u < 0.10 ? "mixed" : "residential";
  c->built_year = pick_built_year (city->rand, d->seat->urban);
  size_compound (city->rand, c);
  c->name = compound_name (city, c);
  if (strcmp (c->kind, "commercial") != 0 &&
      chance (city->rand, c->built_year < 2000 ? 0.35 : 0.04))
    c->company = NULL;
  else
    c->company = company_name (city->rand, d);
  if (c->company == NULL)
    c->owners_committee = chance (city->rand, 0.5);
  else if (strcmp (c->kind, "commercial") == 0)
    c->owners_committee = chance (city->rand, 0.1);
  else
    c->owners_committee = chance (city->rand, c->built_year >= 2005 ? 0.45 : 0.25);
  if (chance (city->rand, 0.6))
    make_boundary (city, c);
}

static void
plan_named (City     *city,
            Compound *c,
            guint     which)
{
  const NamedCompound *n = &named_compounds[which];

  c->id = g_strdup (n->id);
  c->named = which;
  c->name = g_strdup (n->name);
  c->subdistrict = n->subdistrict;
  c->community = g_strdup (n->community);
  c->address = g_strdup (n->address);
  c->lat = n->lat;
  c->lon = n->lon;
  c->kind = n->kind;
  c->built_year = n->built_year;
  c->buildings = n->buildings;
  c->highrise = n->highrise;
  c->households = n->households;
  c->company = g_strdup (n->company);
  c->owners_committee = n->owners_committee;
  make_boundary (city, c);
}

void
_xs_demo_city_plan_compounds (City *city)
{
  guint number = 0, index = 0;

  city->n_compounds = N_COMPOUNDS;
  city->compounds = g_new0 (Compound, N_COMPOUNDS);
  city->grid = g_new (int, GRID_ROWS * GRID_COLS);
  city->grid_next = g_new (int, N_COMPOUNDS);
  for (guint i = 0; i < GRID_ROWS * GRID_COLS; i++)
    city->grid[i] = -1;

  /* The named ones go into the grid first so nothing is placed on top of them. */
  for (guint d = 0; d < XS_DEMO_N_DISTRICTS; d++)
    for (guint k = 0; k < N_NAMED; k++)
      if (named_compounds[k].district == d)
        _xs_demo_city_take_name (city, named_compounds[k].name);

  for (guint d = 0; d < XS_DEMO_N_DISTRICTS; d++)
    {
      guint start = index;

      for (guint k = 0; k < N_NAMED; k++)
        if (named_compounds[k].district == d)
          {
            city->compounds[index].district = d;
            plan_named (city, &city->compounds[index], k);
            place_take (city, index++);
          }
      while (index - start < xs_demo_districts[d].n_compounds)
        {
          city->compounds[index].district = d;
          plan_generic (city, &city->compounds[index], ++number);
          place_take (city, index++);
        }
    }
  g_assert (index == N_COMPOUNDS);
}
