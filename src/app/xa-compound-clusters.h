/* xa-compound-clusters.h — the clusters XaCompoundLayer draws below XA_CLUSTER_MAX_ZOOM: one
 * level per whole zoom, built on first use from a grid laid on the world and kept until the
 * points or the tile size change. A cluster never crosses a district line: each holds the
 * compounds of one district. Used only by the layer's scene. */
#pragma once

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "xa-compound-points.h"
#include "xa-overlay.h"

G_BEGIN_DECLS

#define XA_CLUSTER_MAX_ZOOM 16   /* whole zoom levels below this cluster */
#define XA_DOT_RADIUS 6.0        /* a compound's dot, except in the problems overlay */
#define XA_DISTRICT_LABEL_MAX_ZOOM 11  /* up to this whole zoom, districts are named on the map */

typedef struct
{
  double         x, y;          /* centroid, normalised mercator */
  guint          n;
  guint          district;      /* of every member, as XaCompoundPoint.district */
  guint          first;         /* the point, when n == 1 */
  int            cx, cy;        /* grid cell of the centroid */
  guint          counts[XA_N_OVERLAYS][XA_OVERLAY_MAX_BANDS];
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
  guint     *district_main;     /* district → its largest cluster (G_MAXUINT: none) */
} XaClusterLevel;

typedef struct _XaCompoundClusters XaCompoundClusters;

/* The radius a cluster of @n compounds is drawn with; merging uses it to see what touches. */
static inline float
xa_cluster_radius (guint n)
{
  return (float) (11.0 + 3.5 * log10 ((double) n));
}

XaCompoundClusters   *xa_compound_clusters_new            (void);
void                  xa_compound_clusters_free           (XaCompoundClusters *self);

/* Drops every level: the points or the tile size changed. */
void                  xa_compound_clusters_clear          (XaCompoundClusters *self);
/* Drops the clusters' textures: the overlay, the scale or the font changed. */
void                  xa_compound_clusters_clear_textures (XaCompoundClusters *self);

/* The level of whole zoom @zoom (< XA_CLUSTER_MAX_ZOOM), built now if need be from @points
 * (may be NULL) at @tile_size. The caller clears the levels whenever one of those
 * changes. */
XaClusterLevel       *xa_compound_clusters_ensure_level   (XaCompoundClusters *self,
                                                           guint               zoom,
                                                           XaCompoundPoints   *points,
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
