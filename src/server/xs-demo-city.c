/* xs-demo-city.c — the demo city: Linyi (临沂) with 3,490 compounds whose city totals are
 * exactly those of the seed article (shared/seed/SUMMARY.md), and around them cadres,
 * flood checks, charging and elevators; the year of problems is xs-demo-problems.c's, the
 * dates xs-demo-clock.c's, and xs-demo-city-private.h what the three share.
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

/* The seed article's figures. */
#define N_COMPOUNDS      3490
#define N_RECORDED       3334
#define N_SPECIAL        747
#define SUPERVISED_FEN   G_GINT64_CONSTANT (3693230000)
#define N_WITH_PORTS     3197
#define TOTAL_PORTS      449000
#define FLOOD_FIXED      195
#define MIN_DRILLS       4000

#define MIN_SEPARATION_M 150.0
#define MAX_BOUNDARY_M   70.0   /* < half the separation, so outlines never overlap */
#define KM_PER_DEG_LAT   111.32
#define GRID_DEG         0.002
#define GRID_LAT0        34.4
#define GRID_LON0        117.4
#define GRID_ROWS        900
#define GRID_COLS        900

/* A log-normal factor: money and traffic are skewed, a few compounds carry much of it. */
static double
skewed (GRand  *rand,
        double  sigma)
{
  double u1 = 1.0 - g_rand_double (rand), u2 = g_rand_double (rand);

  return exp (sigma * sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2));
}

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

/* ---- The named compounds --------------------------------------------------------------- */

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

void
_xs_demo_city_emit (City       *city,
                    const char *type,
                    const char *id,
                    JsonObject *data)
{
  city->sink (type, id, data, city->user_data);
  json_object_unref (data);
}

/* ---- Districts and categories ---------------------------------------------------------- */

static void
emit_districts (City *city)
{
  for (guint i = 0; i < XS_DEMO_N_DISTRICTS; i++)
    {
      const XsDemoDistrict *d = &xs_demo_districts[i];
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "code", d->code);
      json_object_set_string_member (o, "name", d->name);
      json_object_set_double_member (o, "lat", d->lat);
      json_object_set_double_member (o, "lon", d->lon);
      _xs_demo_city_emit (city, "district", d->code, o);
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

/* ---- Placing compounds ----------------------------------------------------------------- */

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
        if (distance_m (lat, lon, city->compounds[i].lat, city->compounds[i].lon) < MIN_SEPARATION_M)
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
  double km_per_deg_lon = KM_PER_DEG_LAT * cos (d->lat * G_PI / 180.0);

  for (guint attempt = 0; ; attempt++)
    {
      double radius = d->radius_km * 0.97;
      double r, angle;

      g_assert (attempt < 10000);
      if (d->urban && chance (city->rand, 0.35))
        radius = 3.0;
      r = radius * sqrt (g_rand_double (city->rand));
      angle = rand_range (city->rand, 0, 2 * G_PI);
      c->lat = round6 (d->lat + r * sin (angle) / KM_PER_DEG_LAT);
      c->lon = round6 (d->lon + r * cos (angle) / km_per_deg_lon);
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
  double km_per_deg_lon = KM_PER_DEG_LAT * cos (d->lat * G_PI / 180.0);
  double best = G_MAXDOUBLE;
  guint best_i = 0;

  for (guint i = 0; n > 1 && i < n; i++)
    {
      double angle = 0.5 + 2 * G_PI * i / n;
      double slat = d->lat + 0.5 * d->radius_km * sin (angle) / KM_PER_DEG_LAT;
      double slon = d->lon + 0.5 * d->radius_km * cos (angle) / km_per_deg_lon;
      double dist = distance_m (lat, lon, slat, slon);

      if (dist < best)
        {
          best = dist;
          best_i = i;
        }
    }
  return d->subdistricts[best_i];
}

static gboolean
take_name (City       *city,
           const char *name)
{
  if (g_hash_table_contains (city->taken, name))
    return FALSE;
  g_hash_table_add (city->taken, g_strdup (name));
  return TRUE;
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
          g_string_append (name, d->urban ? "市" : d->name);
          g_string_append (name, xs_demo_pick (city->rand, xs_demo_work_units));
          g_string_append (name, xs_demo_pick (city->rand, xs_demo_unit_housing));
        }
      else
        {
          if (!d->urban && d->local_stems[0] != NULL && chance (city->rand, 0.4))
            g_string_append (name, xs_demo_pick (city->rand, d->local_stems));
          else
            g_string_append (name, xs_demo_pick (city->rand, xs_demo_name_stems));
          g_string_append (name, xs_demo_pick (city->rand, xs_demo_name_suffixes));
        }
      if (attempt >= 4 || chance (city->rand, 0.08))
        g_string_append (name, xs_demo_pick (city->rand, xs_demo_name_phases));
      if (take_name (city, name->str))
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
  if (!d->urban && chance (rand, 0.5))
    {
      stem = xs_demo_pick (rand, county_words);
      suffix = xs_demo_pick (rand, xs_demo_company_suffixes);
      return g_strconcat (d->name, stem, suffix, NULL);
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
  c->address = g_strdup_printf ("%s%s%d号", d->name, road, rand_int (city->rand, 1, 599));
  u = g_rand_double (city->rand);
  c->kind = u < 0.03 ? "commercial" : u < 0.10 ? "mixed" : "residential";
  c->built_year = pick_built_year (city->rand, d->urban);
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

static void
plan_compounds (City *city)
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
        take_name (city, named_compounds[k].name);

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
      double kind = strcmp (c->kind, "commercial") == 0 ? 4.0 : strcmp (c->kind, "mixed") == 0 ? 2.0 : 1.0;

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
      double per_household = strcmp (c->kind, "commercial") == 0 ? rand_range (city->rand, 0.1, 0.2)
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
      const char *given2 = chance (city->rand, 0.7) ? xs_demo_pick (city->rand, xs_demo_given_chars) : "";
      g_autofree char *name = g_strconcat (surname, given1, given2, NULL);

      if (take_name (city, name))
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

      if (take_name (city, phone))
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
      if (d->urban && chance (city->rand, 0.7))
        cadre.unit = g_strdup (xs_demo_pick (city->rand, xs_demo_city_units));
      else
        cadre.unit = g_strconcat (d->name, xs_demo_pick (city->rand, xs_demo_county_units), NULL);
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
      json_object_set_string_member (o, "district", xs_demo_districts[c->district].code);
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
        json_array_add_string_element (ids, city->compounds[city->cadre_order[cadre->first + k]].id);
      json_object_set_array_member (o, "compounds", ids);
      _xs_demo_city_emit (city, "cadre", id, o);
    }
}

/* ---- Flood checks ---------------------------------------------------------------------- */

typedef struct
{
  gboolean inspected;
  gboolean in_place[4];
  int      drills;
  int      fixed;
} FloodPlan;

static void
emit_flood_checks (City *city)
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
      gint64 inspected = _xs_demo_local_time (SEASON, 5, 20, 8, 30)
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
              g_autofree char *date = _xs_demo_format_date (dated);

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

/* ---- Elevators ------------------------------------------------------------------------- */

static const char * const renewal_names[] = {
  "none", "proposed", "planned", "funded", "in_progress", "done",
};

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
  static const char * const funding_names[] = { "special_bonds", "maintenance_fund", "owners", "other" };
  gint64 now = DEMO_NOW;
  double years = (double) (now - commissioned) / (365.25 * DAY);
  g_autofree char *id = g_strdup_printf ("EL%06u", ++*serial);
  g_autofree char *building_s = g_strdup_printf ("%d号楼", building);
  g_autofree char *unit_s = g_strdup_printf ("%d单元", unit);
  g_autofree char *commissioned_s = _xs_demo_format_date (shifted (city, commissioned));
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
      gint64 latest = _xs_demo_local_time (2025, 9, 10, 12, 0);
      g_autofree char *inspected = _xs_demo_format_date (shifted (city, earliest +
                                                         (gint64) (g_rand_double (city->rand) *
                                                                   (latest - earliest))));

      json_object_set_string_member (o, "last_inspection", inspected);
      json_object_set_string_member (o, "inspection_result",
                                     results[pick_weighted (city->rand,
                                                            years >= 15 ? old_results : new_results, 3)]);
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

      json_object_set_string_member (o, "assessment_grade", (const char *[]) { "A", "B", "C", "D" }[grade]);
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

  return _xs_demo_local_time (year, month, day, 10, 0);
}

static void
emit_elevators (City *city)
{
  gint64 latest = _xs_demo_local_time (2025, 8, 31, 10, 0);
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
                                   ? (guint) g_rand_int_range (city->rand, 0, xs_demo_n_lifts) : lift);
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

  plan_compounds (&city);
  plan_public_revenue (&city);
  plan_charging (&city);
  plan_cadres (&city);

  emit_districts (&city);
  emit_categories (&city);
  emit_compounds (&city);
  emit_cadres (&city);
  emit_flood_checks (&city);
  emit_charging (&city);
  emit_elevators (&city);
  _xs_demo_city_emit_problems (&city);
  city_clear (&city);
}
