/* xa-compound-scene.h — what XaCompoundLayer draws for a view: the items of the frame (dots
 * and clusters) and its render node, built from the points, the overlay and the district
 * filter through the cluster, sprite and boundary caches. The layer draws the node and hit
 * tests, shows tooltips for and moves keyboard focus over the same items. Used only by the
 * layer, which reads the fields freely and changes them through the functions below. */
#pragma once

#include <gtk/gtk.h>

#include "xa-compound-boundaries.h"
#include "xa-compound-clusters.h"
#include "xa-compound-points.h"
#include "xa-compound-sprites.h"
#include "xa-compound-view.h"
#include "xa-overlay.h"

G_BEGIN_DECLS

/* A dot or a cluster of the frame. */
typedef struct
{
  double wx, wy;                /* where it is drawn, world pixels at the frame's zoom */
  double ax, ay;                /* where it stands: apart from wx, wy when spread at city
                                 * zoom, joined to it by a leader line */
  float  r;
  guint  index;                 /* a point, or a cluster of the frame's level */
  guint8 is_cluster;
  guint8 rank;                  /* drawing order: worst bands last (on top) */
} XaCompoundItem;

typedef struct
{
  GdkTexture *texture;
  double      w, h;             /* widget pixels */
} XaLabelSprite;

/* A district's name plate at city zoom, beside its largest cluster (at cx, cy, radius r);
 * in presentation mode one placed further out is tied to it by a line. */
typedef struct
{
  double wx, wy;                /* top left, world pixels at the frame's zoom */
  double w, h;
  guint  district;
  double cx, cy, r;             /* the cluster named, world pixels */
  gboolean tied;                /* placed away from it: a line ties it to the cluster */
} XaCompoundLabel;

typedef struct
{
  GtkWidget            *widget; /* drawn for: its scale factor and font; not a reference */

  /* What is drawn. */
  XaCompoundPoints     *points;
  XaOverlay             overlay;
  char                 *district_filter;  /* only its compounds are drawn; NULL: all */
  int                   filter_index;     /* its index in points, -1 without a filter */
  double                tile_size;  /* of the cluster levels; they are rebuilt when it changes */
  guint                 generation; /* bumped by whatever changes the look of items */

  XaCompoundClusters   *clusters;
  XaCompoundSprites    *sprites;
  XaCompoundBoundaries *boundaries;

  /* The frame cache: items and node for the box x0,y0 – x1,y1 (world pixels). */
  gboolean              frame_valid;
  guint                 frame_generation;
  double                frame_zoom, frame_world;
  int                   frame_level;   /* -1: single points */
  double                frame_x0, frame_y0, frame_x1, frame_y1;
  GArray               *items;         /* XaCompoundItem */
  GArray               *labels;        /* XaCompoundLabel, up to XA_DISTRICT_LABEL_MAX_ZOOM */
  GArray               *label_sprites; /* XaLabelSprite per district, made on first use */
  GskRenderNode        *frame_node;
  gboolean              frame_node_valid;
  gboolean              frame_zooming; /* built mid-zoom: small margin, no boundaries */
  guint                 frame_in_view; /* items inside the view when the frame was built */
  GArray               *scratch;       /* guint, reused by point and cluster queries */

  /* Widget rectangles that name plates keep clear of (presentation mode's progress line
   * and legend), graphene_rect_t; while there are any, plates also stay inside the widget.
   * label_room is the frame's view box and keep_out_world the rectangles, in world pixels
   * of the frame. */
  GArray               *keep_out;
  GArray               *keep_out_world;
  graphene_rect_t       label_room;
} XaCompoundScene;

XaCompoundScene      *xa_compound_scene_new                 (GtkWidget       *widget);
void                  xa_compound_scene_free                (XaCompoundScene *self);
/* Drops the points and every cache (the widget's dispose). */
void                  xa_compound_scene_dispose             (XaCompoundScene *self);

/* The setters return TRUE on a change, and leave the frame to xa_compound_scene_invalidate(). */
gboolean              xa_compound_scene_set_points          (XaCompoundScene  *self,
                                                             XaCompoundPoints *points);
gboolean              xa_compound_scene_set_overlay         (XaCompoundScene  *self,
                                                             XaOverlay         overlay);
gboolean              xa_compound_scene_set_district_filter (XaCompoundScene  *self,
                                                             const char       *code_or_NULL);
/* The map source's tile size; a change invalidates the frame too. */
gboolean              xa_compound_scene_set_tile_size       (XaCompoundScene  *self,
                                                             double            tile_size);
/* The look of the items changed: the next frame is built anew. */
void                  xa_compound_scene_invalidate          (XaCompoundScene  *self);
/* Drops the textures with text (cluster counts, district names): the font changed. */
void                  xa_compound_scene_clear_textures      (XaCompoundScene  *self);
/* Whether the district filter hides compounds of district @district (an index in points). */
static inline gboolean
xa_compound_scene_hides (const XaCompoundScene *self,
                         guint                  district)
{
  return self->district_filter != NULL && (int) district != self->filter_index;
}

/* Makes the frame's items cover @view; TRUE when they were rebuilt. */
gboolean              xa_compound_scene_ensure_items        (XaCompoundScene      *self,
                                                             const XaCompoundView *view);
/* Makes frame_node draw the items (NULL when there are none). */
void                  xa_compound_scene_ensure_node         (XaCompoundScene      *self);
/* The topmost item within reach of widget point @x, @y, or NULL; ensures the items. */
const XaCompoundItem *xa_compound_scene_item_at             (XaCompoundScene      *self,
                                                             const XaCompoundView *view,
                                                             double                x,
                                                             double                y);
/* The first item of the frame that is point @index, or cluster @index of level @level (it
 * must be the frame's); NULL when the frame has none. */
const XaCompoundItem *xa_compound_scene_find_item           (XaCompoundScene      *self,
                                                             gboolean              is_cluster,
                                                             guint                 index,
                                                             int                   level);
/* The frame's items inside the widget in reading order (rows of @row_height pixels, left
 * to right), as indices into items. Free with g_array_unref(). */
GArray               *xa_compound_scene_tab_order           (XaCompoundScene      *self,
                                                             const XaCompoundView *view,
                                                             double                row_height);
/* Cluster @index of the frame's level. */
const XaCluster      *xa_compound_scene_get_cluster         (XaCompoundScene      *self,
                                                             guint                 index);
/* How much larger than normal dots, clusters and plates are drawn (presentation mode's
 * large type); a change invalidates the frame and drops the textures. */
gboolean              xa_compound_scene_set_magnification   (XaCompoundScene      *self,
                                                             double                magnification);
/* The widget rectangles name plates keep clear of, @n_rects of them (0: none, and plates
 * may reach past the widget's edges). A change invalidates the frame; TRUE when it was
 * one. */
gboolean              xa_compound_scene_set_label_keep_out  (XaCompoundScene       *self,
                                                             const graphene_rect_t *rects,
                                                             guint                  n_rects);
/* The radius a cluster of @n compounds is drawn with, magnified. */
float                 xa_compound_scene_cluster_radius      (XaCompoundScene       *self,
                                                             guint                  n);
/* The radius of @p's dot in the current overlay, magnified. */
float                 xa_compound_scene_dot_radius          (XaCompoundScene       *self,
                                                             const XaCompoundPoint *p);

G_END_DECLS
