/* xa-compound-points.h — every compound as the map draws it: position (also in web
 * mercator), the band of each overlay, problem counts and boundary, in one immutable array
 * with a grid index for viewport queries. Built once from the store (or by hand for tests
 * and benchmarks) so that drawing a frame never touches sqlite or allocates per compound. */
#pragma once

#include <glib-object.h>

#include "xa-metrics.h"
#include "xa-overlay.h"
#include "xa-store.h"

G_BEGIN_DECLS

/* The inputs of the bands, as in xa-metrics.h; xa_compound_points_options_init() gives
 * the defaults (this year's season, the default thresholds and target, now). */
typedef struct
{
  int                  season;
  XaElevatorThresholds thresholds;
  double               charging_target;
  gint64               now;
} XaCompoundPointsOptions;

void xa_compound_points_options_init (XaCompoundPointsOptions *options);

typedef struct
{
  const char   *id;
  const char   *name;
  const char   *address;
  const char   *district_code;
  const char   *district_name;     /* the code when the store has no district record */
  guint         district;          /* index of its district, xa_compound_points_get_district() */
  double        lat;
  double        lon;
  /* Web mercator normalised to the world square: x 0 … 1 west to east, y 0 … 1 north to
   * south. Screen pixels at zoom z are x × tile size × 2^z. */
  double        x;
  double        y;
  /* bands[overlay] is a value of that overlay's Xa…Band enumeration. */
  guint8        bands[XA_N_OVERLAYS];
  guint         open_problems;
  guint         overdue_problems;
  /* measures[overlay] is the number its band was drawn from, for lists that rank the
   * compounds of a band: flood items in place this season, ports per registered e-bike,
   * the oldest lift's years in service (NaN when there is none to say), and overdue
   * problems. */
  double        measures[XA_N_OVERLAYS];
  const double *boundary;          /* lon,lat pairs; NULL when unknown */
  guint         n_boundary_points;
} XaCompoundPoint;

/* A district (or county) as the compounds name it, with how many compounds it has and the
 * box around them. */
typedef struct
{
  const char   *code;
  const char   *name;
  guint         n_compounds;
  double        min_lat, min_lon, max_lat, max_lon;
} XaCompoundDistrict;

#define XA_TYPE_COMPOUND_POINTS (xa_compound_points_get_type ())
G_DECLARE_FINAL_TYPE (XaCompoundPoints, xa_compound_points, XA, COMPOUND_POINTS, GObject)

/* Reads every compound of @store with its flood check, charging, elevators and problems.
 * NULL with @error set (the store's error) on failure. */
XaCompoundPoints      *xa_compound_points_load          (XaStore                       *store,
                                                         const XaCompoundPointsOptions *options,
                                                         GError                       **error);
/* Copies of @n @points made by hand (the synthetic city of the tests and benchmarks), with
 * their strings and boundaries; their x, y and district are computed, their bands and
 * problem counts kept. The options are the defaults. */
XaCompoundPoints      *xa_compound_points_new_from_points (const XaCompoundPoint       *points,
                                                           guint                        n);

/* The options the bands were computed with (the defaults for synthetic points), so that
 * legends and tooltips name the same thresholds. */
const XaCompoundPointsOptions *xa_compound_points_get_options (XaCompoundPoints *self);
guint                  xa_compound_points_get_n         (XaCompoundPoints              *self);
const XaCompoundPoint *xa_compound_points_get           (XaCompoundPoints              *self,
                                                         guint                          index);
/* The index of the compound with @id, or -1. */
int                    xa_compound_points_find          (XaCompoundPoints              *self,
                                                         const char                    *id);
/* The districts that have compounds, in order of their first compound. */
guint                  xa_compound_points_get_n_districts (XaCompoundPoints            *self);
const XaCompoundDistrict *xa_compound_points_get_district (XaCompoundPoints            *self,
                                                         guint                          index);
/* The index of the district with @code, or -1 when no compound is in it. */
int                    xa_compound_points_find_district (XaCompoundPoints              *self,
                                                         const char                    *code);
/* Fills @counts with the number of compounds in each band of @overlay (zeros past its
 * bands), of one district or of all when @district_code_or_NULL is NULL. Returns the
 * number of compounds counted. */
guint                  xa_compound_points_count_bands   (XaCompoundPoints *self,
                                                         XaOverlay         overlay,
                                                         const char       *district_code_or_NULL,
                                                         guint counts[XA_OVERLAY_MAX_BANDS]);
/* Indices (guint) of the compounds whose name or address contains @text, ignoring case
 * (Chinese text matches as written); at most @max_results (0: no limit), in index order.
 * Names matching come before addresses matching. */
GArray                *xa_compound_points_search        (XaCompoundPoints *self,
                                                         const char       *text,
                                                         guint             max_results);
/* The box around every compound; FALSE (and the outs untouched) when there are none. */
gboolean               xa_compound_points_get_bounds    (XaCompoundPoints              *self,
                                                         double                        *min_lat,
                                                         double                        *min_lon,
                                                         double                        *max_lat,
                                                         double                        *max_lon);
/* How far the farthest outline vertex lies from its compound's point, along x or y, in
 * the normalised mercator of XaCompoundPoint; 0 when no compound has an outline. A query
 * padded by this finds every compound whose outline reaches into a box. */
double                 xa_compound_points_get_boundary_reach (XaCompoundPoints        *self);
/* Appends to @out (a GArray of guint) the indices of the compounds whose mercator x/y
 * fall in the box (normalised coordinates as in XaCompoundPoint), via the grid index.
 * Returns how many were appended. */
guint                  xa_compound_points_query         (XaCompoundPoints              *self,
                                                         double                         min_x,
                                                         double                         min_y,
                                                         double                         max_x,
                                                         double                         max_y,
                                                         GArray                        *out);

/* Normalised web mercator of @lat/@lon and back. */
void                   xa_mercator_from_location        (double                         lat,
                                                         double                         lon,
                                                         double                        *x,
                                                         double                        *y);
void                   xa_mercator_to_location          (double                         x,
                                                         double                         y,
                                                         double                        *lat,
                                                         double                        *lon);

G_END_DECLS
