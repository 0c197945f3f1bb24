/* xs-demo-names.h — the word tables of the demo city (xs-demo-city.c): Linyi's districts
 * with their subdistricts and roads, the stems that compound, community and person names
 * are built from, the problem categories and the texts of typical problems. Internal to
 * the server; the tables are NULL-terminated unless a count is given. */
#pragma once

#include <glib.h>

#include "xa-districts.h"

G_BEGIN_DECLS

/* What the demo city adds to each of Linyi's divisions (xa-districts.h, same order). */
typedef struct
{
  const XaLinyiDistrict *seat;        /* code, name, seat, urban or county */
  double              radius_km;      /* compounds lie within this distance of the seat */
  guint               n_compounds;    /* the twelve add up to 3,490 */
  const char * const *subdistricts;   /* 街道 around the seat */
  const char * const *roads;
  const char * const *local_stems;    /* name stems only this county uses */
} XsDemoDistrict;

#define XS_DEMO_N_DISTRICTS XA_LINYI_N_DISTRICTS
extern const XsDemoDistrict xs_demo_districts[XS_DEMO_N_DISTRICTS];

typedef struct
{
  const char *code;
  const char *name_zh;
  const char *name_en;
  const char *key_action;             /* NULL for categories outside the ten actions */
  guint       weight;                 /* share of everyday problems */
} XsDemoCategory;

extern const XsDemoCategory xs_demo_categories[];
extern const guint xs_demo_n_categories;

/* One kind of everyday problem: what residents say and what fixed it. */
typedef struct
{
  const char *category;
  const char *title;
  const char *description;
  const char *resolution;
} XsDemoProblemText;

extern const XsDemoProblemText xs_demo_problem_texts[];
extern const guint xs_demo_n_problem_texts;
/* Hard problems that only a city-level meeting of several departments could settle. */
extern const XsDemoProblemText xs_demo_city_problem_texts[];
extern const guint xs_demo_n_city_problem_texts;

extern const char * const xs_demo_name_stems[];
extern const char * const xs_demo_name_suffixes[];
extern const char * const xs_demo_name_phases[];
extern const char * const xs_demo_work_units[];       /* old unit housing: 化肥厂宿舍 */
extern const char * const xs_demo_unit_housing[];
extern const char * const xs_demo_community_stems[];
extern const char * const xs_demo_company_stems[];
extern const char * const xs_demo_company_suffixes[];
extern const char * const xs_demo_surnames[];
extern const char * const xs_demo_given_chars[];
extern const char * const xs_demo_phone_prefixes[];
extern const char * const xs_demo_city_units[];
extern const char * const xs_demo_county_units[];

typedef struct
{
  const char *maker;
  const char *model;
} XsDemoLift;

extern const XsDemoLift xs_demo_lifts[];
extern const guint xs_demo_n_lifts;

guint       xs_demo_count (const char * const *list);
const char *xs_demo_pick  (GRand              *rand,
                           const char * const *list);

G_END_DECLS
