/* xa-compound-clusters.h — the clusters XaCompoundLayer draws below XA_CLUSTER_MAX_ZOOM: one
 * level per whole zoom, built on first use from a grid laid on the world and kept until the
 * points, the district filter or the tile size change. Used only by the layer's scene. */
#pragma once

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "xa-compound-points.h"
#include "xa-overlay.h"

G_BEGIN_DECLS

#define XA_CLUSTER_MAX_ZOOM 16   /* whole zoom levels below this cluster */
#define XA_DOT_RADIUS 6.0        /* a compound's dot, except in the problems overlay */

typedef struct
{
  double         x, y;          /* centroid, normalised mercator */
  guint          n;
  guint          n_match;       /* members in the district filter (all without one) */
  guint          first;         /* the point, when n == 1 */
  int            cx, cy;        /* grid cell of the centroid */
  guint          counts[XA_N_OVERLAYS][XA_OVERLAY_MAX_BANDS];  /* of the matching members,
                                                                * or of all when none match */
  GdkTexture    *texture;       /* its look for the current overlay, made on first use */
} XaCluster;

typedef struct
{
  double     cell;              /* grid cell in normalised mercator */
  XaCluster *clusters;          /* sorted by (cy, cx) */
  guint      n_clusters;
  int        cy_min;
  guint      n_rows;
  guint     *row_start;         /* clusters of row cy: row_start[cy - cy_min] … [+ 1] */
  guint     *cluster_of;        /* point → its cluster */
} XaClusterLevel;

typedef struct _XaCompoundClusters XaCompoundClusters;

/* The radius a cluster of @n compounds is drawn with; merging uses it to see what touches. */
static inline float
xa_cluster_radius (guint n)
{
  return (float) (11.0 + 3.5 * log10 ((double) n));
}

/* Whether @p is outside the district filter (drawn faded); no filter fades nothing. */
static inline gboolean
xa_compound_point_faded (const XaCompoundPoint *p,
                         const char            *district_filter)
{
  return district_filter != NULL && strcmp (p->district_code, district_filter) != 0;
}

XaCompoundClusters   *xa_compound_clusters_new            (void);
void                  xa_compound_clusters_free           (XaCompoundClusters *self);

/* Drops every level: the points, the district filter or the tile size changed. */
void                  xa_compound_clusters_clear          (XaCompoundClusters *self);
/* Drops the clusters' textures: the overlay, the scale or the font changed. */
void                  xa_compound_clusters_clear_textures (XaCompoundClusters *self);

/* The level of whole zoom @zoom (< XA_CLUSTER_MAX_ZOOM), built now if need be from @points
 * (may be NULL) under @district_filter at @tile_size. The caller clears the levels whenever
 * one of those changes. */
XaClusterLevel       *xa_compound_clusters_ensure_level   (XaCompoundClusters *self,
                                                           guint               zoom,
                                                           XaCompoundPoints   *points,
                                                           const char         *district_filter,
                                                           double              tile_size);
/* The level of @zoom if it is built, else NULL. */
XaClusterLevel       *xa_compound_clusters_peek_level     (XaCompoundClusters *self,
                                                           guint               zoom);

/* Appends to @indices (guint) the clusters of @level that may show in the box @x0,@y0 –
 * @x1,@y1 (normalised mercator), row by row. */
void                  xa_cluster_level_query              (const XaClusterLevel *level,
                                                           double                x0,
                                                           double                y0,
                                                           double                x1,
                                                           double                y1,
                                                           GArray               *indices);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaCompoundClusters, xa_compound_clusters_free)

G_END_DECLS
