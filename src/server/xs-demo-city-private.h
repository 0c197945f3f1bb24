/* xs-demo-city-private.h — what the files of the demo city share: the plan of the city
 * (its compounds, cadres and clock), the draws from its one GRand, and the dates.
 * xs-demo-city.c makes the exact totals and writes the city out, with the help of
 * xs-demo-compounds.c (each compound's place, name and size), xs-demo-flood.c (the flood
 * checks), xs-demo-elevators.c, xs-demo-problems.c (the problem ledger) and xs-demo-clock.c
 * (the dates and the moving in time).
 * Internal to the demo city. */
#pragma once

#include <json-glib/json-glib.h>

#include "xa-calendar.h"
#include "xa-random.h"
#include "xs-demo-city.h"

G_BEGIN_DECLS

#define HOUR 3600
#define DAY  86400

/* The flood season of the article; dated for the city's clock when written out. */
#define SEASON 2025

/* The seed article's count of compounds. */
#define N_COMPOUNDS 3490

/* ---- Dates (xs-demo-clock.c) ----------------------------------------------------------- */

/* Sets @field of @o to @t as ISO 8601 with +08:00. */
void   _xs_demo_set_time   (JsonObject *o,
                            const char *field,
                            gint64      t);

/* The day the demo city describes: reports run to 2025-09-10, the backlog is judged now. */
#define DEMO_NOW xa_calendar_time (2025, 9, 15, 9, 0)
#define FLOOD_SEASON_START xa_calendar_time (SEASON, 4, 1, 9, 0)

/* How the city planned at DEMO_NOW is dated when it is written out (see xs-demo-clock.c). */
typedef struct
{
  gint64   shift;          /* seconds, a whole number of days */
  gint64   now;            /* DEMO_NOW + shift */
  int      year;           /* of now, in Linyi: the flood season */
  gboolean squeeze_flood;  /* the flood checks do not fit into this year by the shift */
} Clock;

/* The city's "now" for @when: the last 09:00 in Linyi at or before it. */
gint64 _xs_demo_clock_now_for     (gint64       when);
void   _xs_demo_clock_init        (Clock       *clock,
                                   gint64       when);
/* The flood check time @t (planned at DEMO_NOW) as dated for @clock. */
gint64 _xs_demo_clock_flood_time  (const Clock *clock,
                                   gint64       t);

/* ---- Draws ------------------------------------------------------------------------------
 *
 * Every file of the city draws from the same GRand in a fixed order; these few helpers are
 * used by all of them, in nearly every line that draws. */

static inline double
rand_range (GRand  *rand,
            double  lo,
            double  hi)
{
  return g_rand_double_range (rand, lo, hi);
}

static inline int
rand_int (GRand *rand,
          int    lo,
          int    hi)      /* inclusive */
{
  return g_rand_int_range (rand, lo, hi + 1);
}

static inline gboolean
chance (GRand  *rand,
        double  p)
{
  return g_rand_double (rand) < p;
}

/* Picks an index by integer weights (at most 64 of them), drawing an integer. */
static inline guint
pick_weighted (GRand       *rand,
               const guint *weights,
               guint        n)
{
  double as_double[64];
  guint total = 0;

  g_assert (n <= G_N_ELEMENTS (as_double));
  for (guint i = 0; i < n; i++)
    {
      total += weights[i];
      as_double[i] = weights[i];
    }
  return xa_random_weighted_index (as_double, n, g_rand_int_range (rand, 0, total));
}

/* ---- The plan of the city (xs-demo-city.c) --------------------------------------------- */

/* The six compounds the seed article names (see the top of xs-demo-city.c); their places
 * and figures are in xs-demo-compounds.c. */
enum { NAMED_JUNLAN, NAMED_LANSE, NAMED_YILONGWAN, NAMED_BOGUAN, NAMED_XIANGYU, NAMED_ZHENGXIE,
       N_NAMED };

typedef struct
{
  char       *id;
  char       *name;
  guint       district;
  const char *subdistrict;
  char       *community;
  char       *address;
  double      lat;
  double      lon;
  guint       n_boundary;
  double      boundary[2 * 7];
  const char *kind;
  int         built_year;
  int         buildings;
  int         highrise;       /* buildings with lifts */
  int         retrofit_lifts; /* lifts added to old walk-ups (加装电梯) */
  int         households;
  char       *company;
  gboolean    owners_committee;
  gboolean    recorded;
  gboolean    special;
  gint64      supervised_fen;
  int         ebikes;
  int         ports;
  int         sheds;
  int         outside_sites;
  gboolean    charging_record;
  guint       cadre;
  int         named;          /* NAMED_*, or -1 */
} Compound;

typedef struct
{
  char  *name;
  char  *unit;
  char  *phone;
  guint  first;               /* compounds are consecutive in the cadre order */
  guint  n;
} Cadre;

typedef struct
{
  GRand      *rand;
  XsRecordSink sink;
  gpointer    user_data;
  Compound   *compounds;
  guint       n_compounds;
  guint      *cadre_order;    /* compound indices, grouped by cadre */
  GArray     *cadres;         /* of Cadre */
  GHashTable *taken;          /* names and phone numbers already used */
  int        *grid;           /* head compound index per cell, -1 when empty */
  int        *grid_next;
  guint       problem_weights[64];
  Clock       clock;
} City;

/* @t, planned at DEMO_NOW, as dated for the city's clock. */
static inline gint64
shifted (City   *city,
         gint64  t)
{
  return t + city->clock.shift;
}

/* Hands @data (taken) to the city's sink as the record @type @id. */
void     _xs_demo_city_emit      (City       *city,
                                  const char *type,
                                  const char *id,
                                  JsonObject *data);
/* Marks @name (a name or a phone number) as used; FALSE if it already was. */
gboolean _xs_demo_city_take_name (City       *city,
                                  const char *name);

/* ---- The parts of the city ------------------------------------------------------------- */

/* xs-demo-compounds.c: places, names and sizes all N_COMPOUNDS compounds, the named ones
 * among them, district by district. */
void _xs_demo_city_plan_compounds     (City *city);
/* xs-demo-flood.c: this season's flood check of nearly every compound. */
void _xs_demo_city_emit_flood_checks  (City *city);
/* xs-demo-elevators.c: the lifts of the high-rises and those added to old walk-ups. */
void _xs_demo_city_emit_elevators     (City *city);

/* xs-demo-problems.c: plans a year of problems, the article's stories among them, and
 * writes them out in the order they were reported. */
void _xs_demo_city_emit_problems      (City *city);

G_END_DECLS
