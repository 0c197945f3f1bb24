/* xa-compound-points.c — see xa-compound-points.h. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "xa-compound-points.h"

struct _XaCompoundPoints
{
  GObject       parent_instance;

  GArray       *points;          /* XaCompoundPoint */
  GStringChunk *strings;         /* every string of every point, and the folded ones */
  double       *boundaries;      /* all boundary rings back to back */
  GHashTable   *by_id;           /* id (in strings) → index + 1 */
  GArray       *districts;       /* XaCompoundDistrict */
  const char  **folded_names;    /* g_utf8_casefold of each name, for search */
  const char  **folded_addresses;
  XaCompoundPointsOptions options;

  gboolean      has_bounds;
  double        min_lat, min_lon, max_lat, max_lon;
  double        boundary_reach;  /* the farthest any outline goes from its point (mercator) */

  /* A uniform grid over the mercator box of the points, in compressed rows: the points
   * of cell c are cell_items[cell_start[c] … cell_start[c + 1]). */
  guint         grid_w, grid_h;
  double        grid_x0, grid_y0, grid_cell_w, grid_cell_h;
  guint        *cell_start;
  guint        *cell_items;
};

G_DEFINE_FINAL_TYPE (XaCompoundPoints, xa_compound_points, G_TYPE_OBJECT)

static void
xa_compound_points_finalize (GObject *object)
{
  XaCompoundPoints *self = XA_COMPOUND_POINTS (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->boundaries, g_free);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->districts, g_array_unref);
  g_clear_pointer (&self->folded_names, g_free);
  g_clear_pointer (&self->folded_addresses, g_free);
  g_clear_pointer (&self->cell_start, g_free);
  g_clear_pointer (&self->cell_items, g_free);

  G_OBJECT_CLASS (xa_compound_points_parent_class)->finalize (object);
}

static void
xa_compound_points_class_init (XaCompoundPointsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xa_compound_points_finalize;
}

static void
xa_compound_points_init (XaCompoundPoints *self)
{
  self->points = g_array_new (FALSE, TRUE, sizeof (XaCompoundPoint));
  self->strings = g_string_chunk_new (64 * 1024);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->districts = g_array_new (FALSE, FALSE, sizeof (XaCompoundDistrict));
  xa_compound_points_options_init (&self->options);
}

void
xa_compound_points_options_init (XaCompoundPointsOptions *options)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_if_fail (options != NULL);

  options->season = xa_metrics_current_season (now);
  options->thresholds = xa_elevator_thresholds_default ();
  options->charging_target = XA_CHARGING_TARGET_DEFAULT;
  options->now = now;
}

void
xa_mercator_from_location (double  lat,
                           double  lon,
                           double *x,
                           double *y)
{
  /* The latitude limit of the square web mercator world, as libshumate clamps it. */
  double phi = CLAMP (lat, -85.0511287798, 85.0511287798) * G_PI / 180.0;

  *x = (CLAMP (lon, -180.0, 180.0) + 180.0) / 360.0;
  *y = (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0;
}

void
xa_mercator_to_location (double  x,
                         double  y,
                         double *lat,
                         double *lon)
{
  *lon = x * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

/* ---- Building ---- */

static guint
add_point (XaCompoundPoints *self,
           const char       *id,
           const char       *name,
           const char       *address,
           const char       *district_code,
           const char       *district_name,
           double            lat,
           double            lon)
{
  XaCompoundPoint point = { 0 };
  guint index = self->points->len;

  point.id = g_string_chunk_insert (self->strings, id);
  point.name = g_string_chunk_insert (self->strings, name);
  point.address = g_string_chunk_insert (self->strings, address);
  /* A few dozen districts for thousands of compounds: share their strings. */
  point.district_code = g_string_chunk_insert_const (self->strings, district_code);
  point.district_name = g_string_chunk_insert_const (self->strings, district_name);
  point.lat = lat;
  point.lon = lon;
  xa_mercator_from_location (lat, lon, &point.x, &point.y);
  g_array_append_val (self->points, point);
  g_hash_table_insert (self->by_id, (gpointer) point.id, GUINT_TO_POINTER (index + 1));
  return index;
}

static guint
grid_cell (XaCompoundPoints      *self,
           const XaCompoundPoint *p)
{
  guint cx = MIN ((guint) ((p->x - self->grid_x0) / self->grid_cell_w), self->grid_w - 1);
  guint cy = MIN ((guint) ((p->y - self->grid_y0) / self->grid_cell_h), self->grid_h - 1);

  return cy * self->grid_w + cx;
}

static void
build_grid (XaCompoundPoints *self)
{
  guint n = self->points->len;
  double x0 = 1.0, y0 = 1.0, x1 = 0.0, y1 = 0.0;
  guint side, n_cells;
  g_autofree guint *fill = NULL;

  for (guint i = 0; i < n; i++)
    {
      const XaCompoundPoint *p = &g_array_index (self->points, XaCompoundPoint, i);

      x0 = MIN (x0, p->x);
      x1 = MAX (x1, p->x);
      y0 = MIN (y0, p->y);
      y1 = MAX (y1, p->y);
    }
  if (n == 0)
    x0 = y0 = 0.0, x1 = y1 = 1.0;

  /* About four compounds a cell: a viewport query touches few empty cells and few points
   * outside the box. */
  side = CLAMP ((guint) ceil (sqrt (n / 4.0)), 1, 1024);
  self->grid_w = self->grid_h = side;
  self->grid_x0 = x0;
  self->grid_y0 = y0;
  self->grid_cell_w = MAX (x1 - x0, 1e-12) / side * (1.0 + 1e-9);
  self->grid_cell_h = MAX (y1 - y0, 1e-12) / side * (1.0 + 1e-9);

  n_cells = side * side;
  self->cell_start = g_new0 (guint, n_cells + 1);
  self->cell_items = g_new (guint, MAX (n, 1));
  fill = g_new0 (guint, n_cells);

  /* Count each cell, turn the counts into starts, then place each point. */
  for (guint i = 0; i < n; i++)
    self->cell_start[grid_cell (self, &g_array_index (self->points, XaCompoundPoint, i)) + 1]++;
  for (guint c = 0; c < n_cells; c++)
    self->cell_start[c + 1] += self->cell_start[c];
  for (guint i = 0; i < n; i++)
    {
      guint cell = grid_cell (self, &g_array_index (self->points, XaCompoundPoint, i));

      self->cell_items[self->cell_start[cell] + fill[cell]++] = i;
    }
}

/* Numbers the districts of the points, in order of their first compound, and sums them. */
static void
index_districts (XaCompoundPoints *self)
{
  /* Codes are shared strings: a district is one pointer. */
  g_autoptr(GHashTable) index_of = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < self->points->len; i++)
    {
      XaCompoundPoint *p = &g_array_index (self->points, XaCompoundPoint, i);
      gpointer found = g_hash_table_lookup (index_of, p->district_code);
      XaCompoundDistrict *d;

      if (found == NULL)
        {
          XaCompoundDistrict district = { p->district_code, p->district_name, 0,
                                          p->lat, p->lon, p->lat, p->lon };

          g_array_append_val (self->districts, district);
          found = GUINT_TO_POINTER (self->districts->len);
          g_hash_table_insert (index_of, (gpointer) p->district_code, found);
        }
      p->district = GPOINTER_TO_UINT (found) - 1;
      d = &g_array_index (self->districts, XaCompoundDistrict, p->district);
      d->n_compounds++;
      d->min_lat = MIN (d->min_lat, p->lat);
      d->max_lat = MAX (d->max_lat, p->lat);
      d->min_lon = MIN (d->min_lon, p->lon);
      d->max_lon = MAX (d->max_lon, p->lon);
    }
}

/* What every constructor does last: the districts, the search keys, the bounds, the grid. */
static void
finish (XaCompoundPoints *self)
{
  guint n = self->points->len;

  index_districts (self);

  self->folded_names = g_new (const char *, MAX (n, 1));
  self->folded_addresses = g_new (const char *, MAX (n, 1));
  self->has_bounds = n > 0;
  self->min_lat = self->min_lon = G_MAXDOUBLE;
  self->max_lat = self->max_lon = -G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      const XaCompoundPoint *p = &g_array_index (self->points, XaCompoundPoint, i);
      g_autofree char *name = g_utf8_casefold (p->name, -1);
      g_autofree char *address = g_utf8_casefold (p->address, -1);

      self->folded_names[i] = g_string_chunk_insert (self->strings, name);
      self->folded_addresses[i] = g_string_chunk_insert (self->strings, address);
      self->min_lat = MIN (self->min_lat, p->lat);
      self->max_lat = MAX (self->max_lat, p->lat);
      self->min_lon = MIN (self->min_lon, p->lon);
      self->max_lon = MAX (self->max_lon, p->lon);
      for (guint k = 0; p->boundary != NULL && k < p->n_boundary_points; k++)
        {
          double mx, my;

          xa_mercator_from_location (p->boundary[2 * k + 1], p->boundary[2 * k], &mx, &my);
          self->boundary_reach = MAX (self->boundary_reach,
                                      MAX (fabs (mx - p->x), fabs (my - p->y)));
        }
    }
  build_grid (self);
}

/* ---- Loading from the store ---- */

/* What decided a point's bands so far, so that the record a band comes from is the one the
 * side panel shows (xa-store-queries.h) whatever order the records come in. */
typedef struct
{
  double   oldest;            /* years of the oldest elevator, NaN: none */
  gint64   flood_inspected;   /* inspected_at of this season's check, or
                               * XA_METRICS_NO_FLOOD_CHECK */
  gboolean has_charging;
} Chosen;

typedef struct
{
  XaCompoundPoints              *self;
  const XaCompoundPointsOptions *options;
  GHashTable                    *district_names;  /* code → name, both in self->strings */
  GArray                        *boundary_data;   /* double */
  GArray                        *boundary_start;  /* guint offset per point, G_MAXUINT: none */
  GArray                        *chosen;          /* Chosen, per point */
} Loading;

static XaCompoundPoint *
point_of (Loading     *loading,
          const char  *compound_id,
          Chosen     **chosen)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (loading->self->by_id, compound_id));

  /* The store's foreign keys make a miss unreachable; skip rather than crash if not. */
  if (index == 0)
    return NULL;
  if (chosen != NULL)
    *chosen = &g_array_index (loading->chosen, Chosen, index - 1);
  return &g_array_index (loading->self->points, XaCompoundPoint, index - 1);
}

static void
load_district (gconstpointer record,
               gpointer      user_data)
{
  const XaDistrict *district = record;
  Loading *loading = user_data;
  GStringChunk *strings = loading->self->strings;

  g_hash_table_insert (loading->district_names,
                       g_string_chunk_insert_const (strings, district->code),
                       g_string_chunk_insert_const (strings, district->name));
}

static void
load_compound (gconstpointer record,
               gpointer      user_data)
{
  const XaCompound *compound = record;
  Loading *loading = user_data;
  const char *district_name = g_hash_table_lookup (loading->district_names, compound->district);
  const XaCompoundPointsOptions *options = loading->options;
  XaCompoundPoint *point;
  guint index, start = G_MAXUINT;
  Chosen none = { NAN, XA_METRICS_NO_FLOOD_CHECK, FALSE };

  index = add_point (loading->self, compound->id, compound->name, compound->address,
                     compound->district,
                     district_name != NULL ? district_name : compound->district,
                     compound->lat, compound->lon);
  point = &g_array_index (loading->self->points, XaCompoundPoint, index);

  /* Records that never come leave a compound in its "nothing known" bands. */
  point->bands[XA_OVERLAY_FLOOD] = xa_metrics_flood_band (NULL, options->season);
  point->bands[XA_OVERLAY_CHARGING] = xa_metrics_charging_band (NULL, options->charging_target);
  point->bands[XA_OVERLAY_ELEVATOR_AGE] = xa_metrics_elevator_age_band (NAN, &options->thresholds);
  point->bands[XA_OVERLAY_PROBLEMS] = xa_metrics_problem_band (0, 0);
  point->measures[XA_OVERLAY_FLOOD] = NAN;
  point->measures[XA_OVERLAY_CHARGING] = NAN;
  point->measures[XA_OVERLAY_ELEVATOR_AGE] = NAN;
  point->measures[XA_OVERLAY_PROBLEMS] = 0;

  if (compound->boundary != NULL && compound->n_boundary_points > 0)
    {
      start = loading->boundary_data->len;
      g_array_append_vals (loading->boundary_data, compound->boundary,
                           compound->n_boundary_points * 2);
      point->n_boundary_points = compound->n_boundary_points;
    }
  g_array_append_val (loading->boundary_start, start);
  g_array_append_val (loading->chosen, none);
}

static void
load_flood_check (gconstpointer record,
                  gpointer      user_data)
{
  const XaFloodCheck *check = record;
  Loading *loading = user_data;
  Chosen *chosen;
  XaCompoundPoint *point = point_of (loading, check->compound, &chosen);

  /* Only this season's check says anything; of two, the one xa_store_get_flood_check()
   * gives the side panel (records come in id order). */
  if (point != NULL &&
      xa_metrics_flood_check_replaces (check, loading->options->season,
                                       chosen->flood_inspected))
    {
      chosen->flood_inspected = check->inspected_at;
      point->bands[XA_OVERLAY_FLOOD] = xa_metrics_flood_band (check, loading->options->season);
      point->measures[XA_OVERLAY_FLOOD] = xa_metrics_flood_items_in_place (check);
    }
}

static void
load_charging (gconstpointer record,
               gpointer      user_data)
{
  const XaCharging *charging = record;
  Loading *loading = user_data;
  Chosen *chosen;
  XaCompoundPoint *point = point_of (loading, charging->compound, &chosen);

  /* Should a compound have two, the first in id order, as xa_store_get_charging(): a
   * charging record has no date or revision that could say which is newer. */
  if (point != NULL && !chosen->has_charging)
    {
      chosen->has_charging = TRUE;
      point->bands[XA_OVERLAY_CHARGING] =
        xa_metrics_charging_band (charging, loading->options->charging_target);
      point->measures[XA_OVERLAY_CHARGING] = xa_metrics_charging_ratio (charging);
    }
}

static void
load_elevator (gconstpointer record,
               gpointer      user_data)
{
  const XaElevator *elevator = record;
  Loading *loading = user_data;
  Chosen *chosen;
  XaCompoundPoint *point = point_of (loading, elevator->compound, &chosen);
  double years;

  if (point == NULL)
    return;
  /* The same rule as xa_metrics_oldest_elevator_years(), one elevator at a time. */
  years = xa_metrics_elevator_years (elevator, loading->options->now);
  if (!isnan (years) && (isnan (chosen->oldest) || years > chosen->oldest))
    {
      chosen->oldest = years;
      point->bands[XA_OVERLAY_ELEVATOR_AGE] =
        xa_metrics_elevator_age_band (years, &loading->options->thresholds);
      point->measures[XA_OVERLAY_ELEVATOR_AGE] = years;
    }
}

static void
load_problem (gconstpointer record,
              gpointer      user_data)
{
  const XaProblem *problem = record;
  Loading *loading = user_data;
  XaCompoundPoint *point = point_of (loading, problem->compound, NULL);

  if (point == NULL || !xa_metrics_problem_is_open (problem))
    return;
  point->open_problems++;
  if (xa_metrics_problem_is_overdue (problem, loading->options->now))
    point->overdue_problems++;
  point->measures[XA_OVERLAY_PROBLEMS] = point->overdue_problems;
  point->bands[XA_OVERLAY_PROBLEMS] =
    xa_metrics_problem_band (point->open_problems, point->overdue_problems);
}

XaCompoundPoints *
xa_compound_points_load (XaStore                       *store,
                         const XaCompoundPointsOptions *options,
                         GError                       **error)
{
  static const struct
  {
    XaRecordType       type;
    XaStoreForeachFunc func;
  } passes[] = {
    /* Districts, then compounds, then the records that point at compounds. */
    { XA_RECORD_DISTRICT, load_district },
    { XA_RECORD_COMPOUND, load_compound },
    { XA_RECORD_FLOOD_CHECK, load_flood_check },
    { XA_RECORD_CHARGING, load_charging },
    { XA_RECORD_ELEVATOR, load_elevator },
    { XA_RECORD_PROBLEM, load_problem },
  };
  g_autoptr(XaCompoundPoints) self = NULL;
  g_autoptr(GHashTable) district_names = NULL;
  g_autoptr(GArray) boundary_data = NULL;
  g_autoptr(GArray) boundary_start = NULL;
  g_autoptr(GArray) chosen = NULL;
  Loading loading;

  g_return_val_if_fail (XA_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (XA_TYPE_COMPOUND_POINTS, NULL);
  self->options = *options;
  district_names = g_hash_table_new (g_str_hash, g_str_equal);
  boundary_data = g_array_new (FALSE, FALSE, sizeof (double));
  boundary_start = g_array_new (FALSE, FALSE, sizeof (guint));
  chosen = g_array_new (FALSE, FALSE, sizeof (Chosen));
  loading = (Loading) { self, options, district_names, boundary_data, boundary_start, chosen };

  for (guint i = 0; i < G_N_ELEMENTS (passes); i++)
    if (!xa_store_foreach (store, passes[i].type, passes[i].func, &loading, error))
      return NULL;

  /* The boundary array no longer grows: now the points can point into it. */
  self->boundaries = (double *) g_array_free (g_steal_pointer (&boundary_data), FALSE);
  for (guint i = 0; i < self->points->len; i++)
    {
      XaCompoundPoint *p = &g_array_index (self->points, XaCompoundPoint, i);
      guint start = g_array_index (boundary_start, guint, i);

      if (start != G_MAXUINT)
        p->boundary = self->boundaries + start;
    }
  finish (self);
  return g_steal_pointer (&self);
}

/* ---- Points made by hand ---- */

XaCompoundPoints *
xa_compound_points_new_from_points (const XaCompoundPoint *points,
                                    guint                  n)
{
  g_autoptr(XaCompoundPoints) self = g_object_new (XA_TYPE_COMPOUND_POINTS, NULL);
  gsize n_boundary = 0, at = 0;

  g_return_val_if_fail (points != NULL || n == 0, NULL);

  for (guint i = 0; i < n; i++)
    n_boundary += points[i].boundary != NULL ? points[i].n_boundary_points : 0;
  self->boundaries = g_new (double, MAX (n_boundary, 1) * 2);

  for (guint i = 0; i < n; i++)
    {
      const XaCompoundPoint *from = &points[i];
      guint index = add_point (self, from->id, from->name, from->address, from->district_code,
                               from->district_name, from->lat, from->lon);
      XaCompoundPoint *p = &g_array_index (self->points, XaCompoundPoint, index);

      memcpy (p->bands, from->bands, sizeof p->bands);
      memcpy (p->measures, from->measures, sizeof p->measures);
      p->open_problems = from->open_problems;
      p->overdue_problems = from->overdue_problems;
      if (from->boundary != NULL && from->n_boundary_points > 0)
        {
          p->boundary = self->boundaries + at;
          p->n_boundary_points = from->n_boundary_points;
          memcpy (self->boundaries + at, from->boundary,
                  sizeof (double) * 2 * from->n_boundary_points);
          at += 2 * from->n_boundary_points;
        }
    }
  finish (self);
  return g_steal_pointer (&self);
}

/* ---- Queries ---- */

const XaCompoundPointsOptions *
xa_compound_points_get_options (XaCompoundPoints *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_POINTS (self), NULL);

  return &self->options;
}

guint
xa_compound_points_get_n (XaCompoundPoints *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_POINTS (self), 0);

  return self->points->len;
}

const XaCompoundPoint *
xa_compound_points_get (XaCompoundPoints *self,
                        guint             index)
{
  g_return_val_if_fail (XA_IS_COMPOUND_POINTS (self), NULL);
  g_return_val_if_fail (index < self->points->len, NULL);

  return &g_array_index (self->points, XaCompoundPoint, index);
}

int
xa_compound_points_find (XaCompoundPoints *self,
                         const char       *id)
{
  g_return_val_if_fail (XA_IS_COMPOUND_POINTS (self), -1);

  if (id == NULL)
    return -1;
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, id)) - 1;
}

guint
xa_compound_points_get_n_districts (XaCompoundPoints *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_POINTS (self), 0);

  return self->districts->len;
}

const XaCompoundDistrict *
xa_compound_points_get_district (XaCompoundPoints *self,
                                 guint             index)
{
  g_return_val_if_fail (XA_IS_COMPOUND_POINTS (self), NULL);
  g_return_val_if_fail (index < self->districts->len, NULL);

  return &g_array_index (self->districts, XaCompoundDistrict, index);
}

int
xa_compound_points_find_district (XaCompoundPoints *self,
                                  const char       *code)
{
  g_return_val_if_fail (XA_IS_COMPOUND_POINTS (self), -1);

  for (guint i = 0; code != NULL && i < self->districts->len; i++)
    if (strcmp (g_array_index (self->districts, XaCompoundDistrict, i).code, code) == 0)
      return (int) i;
  return -1;
}

guint
xa_compound_points_count_bands (XaCompoundPoints *self,
                                XaOverlay         overlay,
                                const char       *district_code_or_NULL,
                                guint             counts[XA_OVERLAY_MAX_BANDS])
{
  guint counted = 0;

  g_return_val_if_fail (XA_IS_COMPOUND_POINTS (self), 0);
  g_return_val_if_fail (overlay < XA_N_OVERLAYS, 0);
  g_return_val_if_fail (counts != NULL, 0);

  memset (counts, 0, sizeof (guint) * XA_OVERLAY_MAX_BANDS);
  for (guint i = 0; i < self->points->len; i++)
    {
      const XaCompoundPoint *p = &g_array_index (self->points, XaCompoundPoint, i);

      if (district_code_or_NULL != NULL && strcmp (p->district_code, district_code_or_NULL) != 0)
        continue;
      counts[MIN (p->bands[overlay], XA_OVERLAY_MAX_BANDS - 1)]++;
      counted++;
    }
  return counted;
}

GArray *
xa_compound_points_search (XaCompoundPoints *self,
                           const char       *text,
                           guint             max_results)
{
  GArray *results;
  g_autofree char *needle = NULL;
  guint n;

  g_return_val_if_fail (XA_IS_COMPOUND_POINTS (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  results = g_array_new (FALSE, FALSE, sizeof (guint));
  needle = g_utf8_casefold (text, -1);
  g_strstrip (needle);
  if (*needle == '\0')
    return results;

  n = self->points->len;
  /* Two passes: someone typing a compound's name wants it above the compounds that
   * merely lie on a street of that name. */
  for (guint i = 0; i < n && (max_results == 0 || results->len < max_results); i++)
    if (strstr (self->folded_names[i], needle) != NULL)
      g_array_append_val (results, i);
  for (guint i = 0; i < n && (max_results == 0 || results->len < max_results); i++)
    if (strstr (self->folded_names[i], needle) == NULL &&
        strstr (self->folded_addresses[i], needle) != NULL)
      g_array_append_val (results, i);
  return results;
}

gboolean
xa_compound_points_get_bounds (XaCompoundPoints *self,
                               double           *min_lat,
                               double           *min_lon,
                               double           *max_lat,
                               double           *max_lon)
{
  g_return_val_if_fail (XA_IS_COMPOUND_POINTS (self), FALSE);

  if (!self->has_bounds)
    return FALSE;
  if (min_lat != NULL)
    *min_lat = self->min_lat;
  if (min_lon != NULL)
    *min_lon = self->min_lon;
  if (max_lat != NULL)
    *max_lat = self->max_lat;
  if (max_lon != NULL)
    *max_lon = self->max_lon;
  return TRUE;
}

double
xa_compound_points_get_boundary_reach (XaCompoundPoints *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_POINTS (self), 0);

  return self->boundary_reach;
}

/* The grid column (or row) of @v, clamped in double to -1 … @n before the cast: when every
 * compound shares one x or y the cell is 1e-12 wide and the quotient overflows an int. -1
 * and @n mean before the first and past the last cell. */
static int
grid_index (double v,
            double origin,
            double cell,
            guint  n)
{
  double c = floor ((v - origin) / cell);

  return (int) CLAMP (c, -1.0, (double) n);
}

guint
xa_compound_points_query (XaCompoundPoints *self,
                          double            min_x,
                          double            min_y,
                          double            max_x,
                          double            max_y,
                          GArray           *out)
{
  int cx0, cy0, cx1, cy1;
  guint added = 0;

  g_return_val_if_fail (XA_IS_COMPOUND_POINTS (self), 0);
  g_return_val_if_fail (out != NULL, 0);

  /* A NaN compares false both ways, so it would pass the order check below. */
  if (isnan (min_x) || isnan (min_y) || isnan (max_x) || isnan (max_y))
    return 0;
  if (self->points->len == 0 || max_x < min_x || max_y < min_y)
    return 0;

  cx0 = grid_index (min_x, self->grid_x0, self->grid_cell_w, self->grid_w);
  cx1 = grid_index (max_x, self->grid_x0, self->grid_cell_w, self->grid_w);
  cy0 = grid_index (min_y, self->grid_y0, self->grid_cell_h, self->grid_h);
  cy1 = grid_index (max_y, self->grid_y0, self->grid_cell_h, self->grid_h);
  if (cx1 < 0 || cy1 < 0 || cx0 >= (int) self->grid_w || cy0 >= (int) self->grid_h)
    return 0;
  cx0 = MAX (cx0, 0);
  cy0 = MAX (cy0, 0);
  cx1 = MIN (cx1, (int) self->grid_w - 1);
  cy1 = MIN (cy1, (int) self->grid_h - 1);

  for (int cy = cy0; cy <= cy1; cy++)
    for (int cx = cx0; cx <= cx1; cx++)
      {
        guint cell = cy * self->grid_w + cx;

        for (guint k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
          {
            guint i = self->cell_items[k];
            const XaCompoundPoint *p = &g_array_index (self->points, XaCompoundPoint, i);

            if (p->x >= min_x && p->x <= max_x && p->y >= min_y && p->y <= max_y)
              {
                g_array_append_val (out, i);
                added++;
              }
          }
      }
  return added;
}
