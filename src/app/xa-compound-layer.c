/* xa-compound-layer.c — see xa-compound-layer.h.
 *
 * How a frame is drawn, and why it is fast enough for 100,000 compounds:
 * - Below CLUSTER_MAX_ZOOM compounds are grouped by a grid of CLUSTER_CELL pixels laid on
 *   the world at the nearest whole zoom level. The grid is fixed to the world, not to the
 *   screen, so clusters stay put while panning and each level is computed once (on first
 *   use) and kept until the points or the district filter change. A cluster is a small pie
 *   of its band shares with the count in the middle: the share of red matters to a bureau
 *   more than the single worst compound, which would paint almost every city cluster red.
 * - A cluster's look (pie, outline, count) is one render node made once and reused.
 * - Dots are textures of a pre-drawn anti-aliased disc with its outline, one per colour and
 *   size, so a dot is one texture node and the GL renderer batches them.
 * - The items and render nodes of a frame cover the view plus a margin; panning within it
 *   only translates the cached node.
 * Hit testing, tooltips and keyboard focus work on the same items as the drawing. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xa-compound-layer.h"
#include "xa-compound-layer-private.h"
#include "xa-overlay-style.h"

#define CLUSTER_MAX_ZOOM 16     /* whole zoom levels below this cluster */
#define CLUSTER_CELL 60.0       /* grid cell, in pixels at the level's zoom */
#define DOT_RADIUS 6.0
#define BOUNDARY_MIN_ZOOM 15.5
#define BOUNDARY_TILE 256.0
#define BOUNDARY_MAX_DOTS 600   /* more compounds in view than this: outlines are clutter */
#define HIT_SLOP 3.0
#define TAB_ROW 48.0            /* Tab order reads rows of this height left to right */
#define FOCUS_ZOOM 17.0         /* how close go_to() and Enter on a compound come */

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
} Cluster;

typedef struct
{
  double   cell;                /* grid cell in normalised mercator */
  Cluster *clusters;            /* sorted by (cy, cx) */
  guint    n_clusters;
  int      cy_min;
  guint    n_rows;
  guint   *row_start;           /* clusters of row cy: row_start[cy - cy_min] … [+ 1] */
  guint   *cluster_of;          /* point → its cluster */
} Level;

typedef struct
{
  double wx, wy;                /* world pixels at the frame's zoom */
  float  r;
  guint  index;                 /* a point, or a cluster of the frame's level */
  guint8 is_cluster;
  guint8 faded;
  guint8 rank;                  /* drawing order: faded first, worst bands last (on top) */
} Item;

typedef struct
{
  double zoom, world;           /* world = tile size × 2^zoom, in pixels */
  double cx, cy;                /* world pixels of the centre */
  double x0, y0;                /* world pixels of the widget's top left, before rotation */
  double w, h, rotation;
} View;

struct _XaCompoundLayer
{
  ShumateLayer      parent_instance;

  XaCompoundPoints *points;
  XaOverlay         overlay;
  char             *district_filter;
  char             *selected_id;
  int               selected;   /* point index, -1 for none */

  double            tile_size;  /* of the levels below; they are rebuilt when it changes */
  Level            *levels[CLUSTER_MAX_ZOOM];
  GHashTable       *sprites;    /* sprite key → GdkTexture */
  int               sprite_scale;

  /* The frame cache: items and node for the box x0,y0 – x1,y1 (world pixels). */
  gboolean          frame_valid;
  guint             generation; /* bumped by whatever changes the look of items */
  guint             frame_generation;
  double            frame_zoom, frame_world;
  int               frame_level; /* -1: single points */
  double            frame_x0, frame_y0, frame_x1, frame_y1;
  GArray           *items;      /* Item */
  GskRenderNode    *frame_node;
  gboolean          frame_node_valid;
  gboolean          frame_zooming; /* built mid-zoom: small margin, no boundaries */
  guint             frame_in_view; /* items inside the view when the frame was built */
  GArray           *scratch;    /* guint, reused by point queries */
  GHashTable       *boundary_tiles; /* tile x, y → cairo node or NULL, at tiles_zoom */
  double            tiles_zoom;
  guint             tiles_generation;

  gboolean          has_focus_item;
  gboolean          focus_is_cluster;
  guint             focus_index;
  int               focus_level;

  gboolean          pending_fit;
  guint             settle_tick;
  gulong            viewport_handler;
};

G_DEFINE_FINAL_TYPE (XaCompoundLayer, xa_compound_layer, SHUMATE_TYPE_LAYER)

enum
{
  PROP_0,
  PROP_SELECTED_ID,
  N_PROPS
};

enum
{
  COMPOUND_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_accessible_label (XaCompoundLayer *self);

/* g_set_str() is GLib 2.76. */
static gboolean
set_string (char       **target,
            const char  *value)
{
  if (g_strcmp0 (*target, value) == 0)
    return FALSE;
  g_free (*target);
  *target = g_strdup (value);
  return TRUE;
}

/* ---- Bands ---- */

/* The overlays whose last band means "no data": it ranks below every real band. */
static gboolean
overlay_has_no_data (XaOverlay overlay)
{
  return overlay != XA_OVERLAY_PROBLEMS;
}

static guint
band_severity (XaOverlay overlay,
               guint     band)
{
  if (overlay_has_no_data (overlay) && band == xa_overlay_n_bands (overlay) - 1)
    return 0;
  return band + 1;
}

static float
dot_radius (XaCompoundLayer       *self,
            const XaCompoundPoint *p)
{
  /* Area grows with the open count, so a compound with 9 problems reads as three times
   * as wide as one with 1, and even a long list stays a dot. */
  if (self->overlay == XA_OVERLAY_PROBLEMS)
    return (float) MIN (4.0 + 2.0 * sqrt ((double) p->open_problems), 14.0);
  return DOT_RADIUS;
}

static float
cluster_radius (guint n)
{
  return (float) (11.0 + 3.5 * log10 ((double) n));
}

static gboolean
point_faded (XaCompoundLayer       *self,
             const XaCompoundPoint *p)
{
  return self->district_filter != NULL && strcmp (p->district_code, self->district_filter) != 0;
}

/* ---- Caches ---- */

static void
level_free (Level *level)
{
  for (guint i = 0; i < level->n_clusters; i++)
    g_clear_object (&level->clusters[i].texture);
  g_free (level->clusters);
  g_free (level->row_start);
  g_free (level->cluster_of);
  g_free (level);
}

static void
invalidate_frame (XaCompoundLayer *self)
{
  self->generation++;
  self->frame_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The cluster looks depend on the overlay, the scale and the font. */
static void
clear_cluster_nodes (XaCompoundLayer *self)
{
  for (guint l = 0; l < CLUSTER_MAX_ZOOM; l++)
    if (self->levels[l] != NULL)
      for (guint i = 0; i < self->levels[l]->n_clusters; i++)
        g_clear_object (&self->levels[l]->clusters[i].texture);
}

/* The clusters depend on the points and the district filter. */
static void
clear_levels (XaCompoundLayer *self)
{
  for (guint l = 0; l < CLUSTER_MAX_ZOOM; l++)
    g_clear_pointer (&self->levels[l], level_free);
}

typedef struct
{
  guint64 key;
  guint   index;
} CellEntry;

static int
compare_cell_entries (gconstpointer a,
                      gconstpointer b)
{
  const CellEntry *ea = a, *eb = b;

  if (ea->key != eb->key)
    return ea->key < eb->key ? -1 : 1;
  return ea->index < eb->index ? -1 : ea->index > eb->index;
}

static float
item_radius (guint n)
{
  return n == 1 ? DOT_RADIUS : cluster_radius (n);
}

/* Adds cluster @b to @a: centroid weighted by size, counts of matching members. */
static void
merge_clusters (Cluster       *a,
                const Cluster *b)
{
  guint n = a->n + b->n;

  a->x = (a->x * a->n + b->x * b->n) / n;
  a->y = (a->y * a->n + b->y * b->n) / n;
  a->n = n;
  if (a->n_match == 0 && b->n_match > 0)
    memcpy (a->counts, b->counts, sizeof a->counts);
  else if ((a->n_match > 0) == (b->n_match > 0))
    for (guint o = 0; o < XA_N_OVERLAYS; o++)
      for (guint k = 0; k < XA_OVERLAY_MAX_BANDS; k++)
        a->counts[o][k] += b->counts[o][k];
  a->n_match += b->n_match;
}

/* Sorts the clusters by cell (of their centroid) and indexes the rows; @cluster_of (point →
 * cluster) follows the clusters to their new places. */
static void
index_level (Level *level,
             guint *cluster_of,
             guint  n_points)
{
  g_autofree CellEntry *entries = g_new (CellEntry, MAX (level->n_clusters, 1));
  g_autofree guint *new_index = g_new (guint, MAX (level->n_clusters, 1));
  Cluster *sorted = g_new (Cluster, MAX (level->n_clusters, 1));

  for (guint i = 0; i < level->n_clusters; i++)
    {
      Cluster *c = &level->clusters[i];

      c->cx = (int) (c->x / level->cell);
      c->cy = (int) (c->y / level->cell);
      entries[i] = (CellEntry) { ((guint64) c->cy << 32) | (guint) c->cx, i };
    }
  qsort (entries, level->n_clusters, sizeof (CellEntry), compare_cell_entries);
  for (guint i = 0; i < level->n_clusters; i++)
    {
      sorted[i] = level->clusters[entries[i].index];
      new_index[entries[i].index] = i;
    }
  for (guint p = 0; p < n_points; p++)
    cluster_of[p] = new_index[cluster_of[p]];
  g_free (level->clusters);
  level->clusters = sorted;

  g_clear_pointer (&level->row_start, g_free);
  level->n_rows = 0;
  if (level->n_clusters > 0)
    {
      level->cy_min = level->clusters[0].cy;
      level->n_rows = level->clusters[level->n_clusters - 1].cy - level->cy_min + 1;
    }
  level->row_start = g_new0 (guint, level->n_rows + 1);
  for (guint i = 0; i < level->n_clusters; i++)
    level->row_start[level->clusters[i].cy - level->cy_min + 1]++;
  for (guint r = 0; r < level->n_rows; r++)
    level->row_start[r + 1] += level->row_start[r];
}

/* The first cluster of row @cy at or right of column @cx. */
static guint
row_search (const Level *level,
            int          cy,
            int          cx)
{
  guint lo = level->row_start[cy - level->cy_min];
  guint hi = level->row_start[cy - level->cy_min + 1];

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (level->clusters[mid].cx < cx)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static int
compare_by_size (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const Cluster *clusters = user_data;
  guint na = clusters[*(const guint *) a].n, nb = clusters[*(const guint *) b].n;

  return na > nb ? -1 : na < nb;
}

/* A grid alone cuts a town in two where a cell border crosses it, and draws the halves on
 * top of each other. Largest first, each cluster swallows the neighbours (the 3 × 3 cells
 * around it) that would touch it even zoomed out half a level. Returns FALSE when nothing
 * merged; else the level is re-indexed. */
static gboolean
merge_neighbours (Level  *level,
                  double  world,
                  guint  *cluster_of,
                  guint   n_points)
{
  guint n = level->n_clusters;
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autofree guint *into = g_new (guint, MAX (n, 1));
  g_autofree gboolean *seed = g_new0 (gboolean, MAX (n, 1));
  guint kept = 0;

  for (guint i = 0; i < n; i++)
    order[i] = i, into[i] = G_MAXUINT;
  g_qsort_with_data (order, n, sizeof (guint), compare_by_size, level->clusters);

  for (guint k = 0; k < n; k++)
    {
      guint i = order[k];
      Cluster *c = &level->clusters[i];

      if (into[i] != G_MAXUINT)
        continue;
      seed[i] = TRUE;
      for (int cy = c->cy - 1; cy <= c->cy + 1; cy++)
        {
          if (cy < level->cy_min || cy >= level->cy_min + (int) level->n_rows)
            continue;
          for (guint j = row_search (level, cy, c->cx - 1);
               j < level->row_start[cy - level->cy_min + 1] && level->clusters[j].cx <= c->cx + 1;
               j++)
            {
              const Cluster *o = &level->clusters[j];
              double reach = MAX (CLUSTER_CELL, (item_radius (c->n) + item_radius (o->n)) * 1.42);

              if (j == i || seed[j] || into[j] != G_MAXUINT)
                continue;
              if (hypot (c->x - o->x, c->y - o->y) * world < reach)
                {
                  merge_clusters (c, o);
                  into[j] = i;
                }
            }
        }
    }

  for (guint i = 0; i < n; i++)
    kept += into[i] == G_MAXUINT;
  if (kept == n)
    return FALSE;

  /* Drop the swallowed ones; points follow their cluster. */
  {
    g_autofree guint *compact = g_new (guint, n);
    guint w = 0;

    for (guint i = 0; i < n; i++)
      if (into[i] == G_MAXUINT)
        {
          compact[i] = w;
          level->clusters[w++] = level->clusters[i];
        }
    for (guint p = 0; p < n_points; p++)
      {
        guint c = cluster_of[p];

        cluster_of[p] = compact[into[c] == G_MAXUINT ? c : into[c]];
      }
    level->n_clusters = kept;
  }
  index_level (level, cluster_of, n_points);
  return TRUE;
}

static Level *ensure_level (XaCompoundLayer *self,
                            guint            zoom);

/* The units a level groups: points for the closest level, else the clusters of the level
 * one closer (as supercluster does), so only the closest level costs a pass over every
 * point and the others a pass over far fewer clusters. */
static Level *
build_level (XaCompoundLayer *self,
             guint            zoom)
{
  guint n = self->points != NULL ? xa_compound_points_get_n (self->points) : 0;
  Level *child = zoom + 1 < CLUSTER_MAX_ZOOM ? ensure_level (self, zoom + 1) : NULL;
  guint n_units = child != NULL ? child->n_clusters : n;
  g_autofree CellEntry *entries = g_new (CellEntry, MAX (n_units, 1));
  g_autofree guint *unit_to_cluster = g_new (guint, MAX (n_units, 1));
  Level *level = g_new0 (Level, 1);
  GArray *clusters = g_array_new (FALSE, TRUE, sizeof (Cluster));
  double world = self->tile_size * ldexp (1.0, zoom);

  level->cell = CLUSTER_CELL / world;
  level->cluster_of = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n_units; i++)
    {
      double x, y;

      if (child != NULL)
        x = child->clusters[i].x, y = child->clusters[i].y;
      else
        {
          const XaCompoundPoint *p = xa_compound_points_get (self->points, i);

          x = p->x, y = p->y;
        }
      entries[i].key = ((guint64) (y / level->cell) << 32) | (guint64) (x / level->cell);
      entries[i].index = i;
    }
  /* Sorting by cell puts each cell's units together. */
  qsort (entries, n_units, sizeof (CellEntry), compare_cell_entries);

  for (guint i = 0; i < n_units; i++)
    {
      Cluster unit;

      if (child != NULL)
        {
          unit = child->clusters[entries[i].index];
          unit.texture = NULL;
        }
      else
        {
          const XaCompoundPoint *p = xa_compound_points_get (self->points, entries[i].index);

          unit = (Cluster) { .x = p->x, .y = p->y, .n = 1, .n_match = !point_faded (self, p),
                             .first = entries[i].index };
          for (guint o = 0; o < XA_N_OVERLAYS; o++)
            unit.counts[o][MIN (p->bands[o], XA_OVERLAY_MAX_BANDS - 1)] = 1;
        }
      if (i == 0 || entries[i].key != entries[i - 1].key)
        g_array_append_val (clusters, unit);
      else
        merge_clusters (&g_array_index (clusters, Cluster, clusters->len - 1), &unit);
      unit_to_cluster[entries[i].index] = clusters->len - 1;
    }
  for (guint p = 0; p < n; p++)
    level->cluster_of[p] = unit_to_cluster[child != NULL ? child->cluster_of[p] : p];

  level->n_clusters = clusters->len;
  level->clusters = (Cluster *) g_array_free (clusters, FALSE);
  index_level (level, level->cluster_of, n);
  for (guint pass = 0; pass < 3; pass++)
    if (!merge_neighbours (level, world, level->cluster_of, n))
      break;
  return level;
}

static Level *
ensure_level (XaCompoundLayer *self,
              guint            zoom)
{
  g_assert (zoom < CLUSTER_MAX_ZOOM);

  if (self->levels[zoom] == NULL)
    self->levels[zoom] = build_level (self, zoom);
  return self->levels[zoom];
}

/* ---- Drawing pieces ---- */

static void
check_scale (XaCompoundLayer *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (scale != self->sprite_scale)
    {
      self->sprite_scale = scale;
      g_hash_table_remove_all (self->sprites);
      clear_cluster_nodes (self);
      self->frame_valid = FALSE;
    }
}

/* Cairo's premultiplied native-endian ARGB32 is GDK_MEMORY_DEFAULT. */
static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static const GdkRGBA outline_color = { 0.12, 0.12, 0.12, 0.9 };

/* A disc of @radius with its dark outline, drawn once with cairo at the widget's scale. */
static GdkTexture *
get_sprite (XaCompoundLayer *self,
            guint            band,
            float            radius,
            gboolean         faded)
{
  guint r = (guint) lrintf (radius * 2);  /* half-pixel steps */
  guint key = (self->overlay << 24) | (band << 16) | (r << 1) | (faded ? 1 : 0);
  GdkTexture *texture = g_hash_table_lookup (self->sprites, GUINT_TO_POINTER (key));
  cairo_surface_t *surface;
  cairo_t *cr;
  GdkRGBA color;
  double logical = radius * 2 + 3;
  int size = (int) ceil (logical * self->sprite_scale);

  if (texture != NULL)
    return texture;

  xa_overlay_band_color (self->overlay, band, &color);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (surface);
  cairo_scale (cr, self->sprite_scale, self->sprite_scale);
  cairo_arc (cr, logical / 2, logical / 2, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, faded ? 0.3 : 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, outline_color.red, outline_color.green, outline_color.blue,
                         faded ? 0.3 : outline_color.alpha);
  cairo_stroke (cr);
  cairo_destroy (cr);
  texture = texture_from_surface (surface);
  cairo_surface_destroy (surface);
  g_hash_table_insert (self->sprites, GUINT_TO_POINTER (key), texture);
  return texture;
}

static char *
format_count (guint n)
{
  if (n < 10000)
    return g_strdup_printf ("%u", n);
  /* Translators: a cluster of more than ten thousand compounds on the map, in thousands:
   * "12k". The circle has room for about four characters. */
  return g_strdup_printf (_("%uk"), n / 1000);
}

/* A cluster's look, drawn once with cairo into a texture: a pie of its band shares
 * (clockwise from the top in legend order), a light hole with the count, a dark outline.
 * As a texture it costs a frame one textured square; as render nodes (conic gradient,
 * clips, text) it cost software GL several times that for each of hundreds of clusters. */
static GdkTexture *
make_cluster_texture (XaCompoundLayer *self,
                      const Cluster   *cluster)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  g_autofree char *text = NULL;
  const guint *counts = cluster->counts[self->overlay];
  guint n_bands = xa_overlay_n_bands (self->overlay);
  guint shown = self->district_filter != NULL && cluster->n_match > 0 ? cluster->n_match
                                                                       : cluster->n;
  gboolean faded = self->district_filter != NULL && cluster->n_match == 0;
  double r = cluster_radius (shown), half = r + 1.5, alpha = faded ? 0.35 : 1.0;
  int size = (int) ceil (2 * half * self->sprite_scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);
  guint total = 0, acc = 0;
  PangoRectangle extents;
  GdkTexture *texture;

  cairo_scale (cr, self->sprite_scale, self->sprite_scale);
  cairo_translate (cr, half, half);
  for (guint b = 0; b < n_bands; b++)
    total += counts[b];
  for (guint b = 0; b < n_bands && total > 0; b++)
    {
      GdkRGBA color;
      double a0 = -G_PI / 2 + 2 * G_PI * acc / total;

      if (counts[b] == 0)
        continue;
      acc += counts[b];
      xa_overlay_band_color (self->overlay, b, &color);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, alpha);
      cairo_move_to (cr, 0, 0);
      cairo_arc (cr, 0, 0, r, a0, -G_PI / 2 + 2 * G_PI * acc / total);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  /* A light hole keeps the count readable over any band colour. */
  cairo_arc (cr, 0, 0, r * 0.62, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92 * alpha);
  cairo_fill (cr);
  cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, outline_color.red, outline_color.green, outline_color.blue,
                         outline_color.alpha * alpha);
  cairo_stroke (cr);

  text = format_count (shown);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  font = pango_font_description_copy (
    pango_context_get_font_description (pango_layout_get_context (layout)));
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_size (font, (shown >= 1000 ? 7 : 8) * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_get_pixel_extents (layout, NULL, &extents);
  cairo_move_to (cr, -extents.width / 2.0 - extents.x, -extents.height / 2.0 - extents.y);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, alpha);
  pango_cairo_show_layout (cr, layout);

  cairo_destroy (cr);
  texture = texture_from_surface (surface);
  cairo_surface_destroy (surface);
  return texture;
}

/* ---- The view and its items ---- */

static gboolean
get_view (XaCompoundLayer *self,
          View            *view)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double mx, my, tile;

  view->w = gtk_widget_get_width (GTK_WIDGET (self));
  view->h = gtk_widget_get_height (GTK_WIDGET (self));
  if (source == NULL || view->w <= 0 || view->h <= 0)
    return FALSE;

  tile = shumate_map_source_get_tile_size (source);
  if (tile != self->tile_size)
    {
      self->tile_size = tile;
      clear_levels (self);
      self->has_focus_item = FALSE;
      self->generation++;
    }
  view->zoom = shumate_viewport_get_zoom_level (viewport);
  view->world = tile * exp2 (view->zoom);
  view->rotation = shumate_viewport_get_rotation (viewport);
  xa_mercator_from_location (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                             shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                             &mx, &my);
  view->cx = mx * view->world;
  view->cy = my * view->world;
  view->x0 = view->cx - view->w / 2;
  view->y0 = view->cy - view->h / 2;
  return TRUE;
}

/* The world box that can show in the widget (all of it when the map is rotated). */
static void
view_box (const View         *view,
          graphene_rect_t    *box)
{
  double hw = view->w / 2, hh = view->h / 2;

  if (view->rotation != 0)
    hw = hh = hypot (view->w, view->h) / 2;
  graphene_rect_init (box, view->cx - hw, view->cy - hh, 2 * hw, 2 * hh);
}

/* Widget coordinates of a world point, and back (rotation as ShumateViewport does it). */
static void
world_to_widget (const View *view,
                 double      wx,
                 double      wy,
                 double     *x,
                 double     *y)
{
  double dx = wx - view->cx, dy = wy - view->cy;
  double c = cos (view->rotation), s = sin (view->rotation);

  *x = view->w / 2 + dx * c - dy * s;
  *y = view->h / 2 + dx * s + dy * c;
}

static void
widget_to_world (const View *view,
                 double      x,
                 double      y,
                 double     *wx,
                 double     *wy)
{
  double dx = x - view->w / 2, dy = y - view->h / 2;
  double c = cos (view->rotation), s = sin (view->rotation);

  *wx = view->cx + dx * c + dy * s;
  *wy = view->cy - dx * s + dy * c;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *ia = a, *ib = b;

  if (ia->rank != ib->rank)
    return ia->rank - ib->rank;
  return ia->index < ib->index ? -1 : ia->index > ib->index;
}

static void
add_point_item (XaCompoundLayer *self,
                guint            index,
                double           world)
{
  const XaCompoundPoint *p = xa_compound_points_get (self->points, index);
  gboolean faded = point_faded (self, p);
  Item item = {
    .wx = p->x * world,
    .wy = p->y * world,
    .r = dot_radius (self, p),
    .index = index,
    .faded = faded,
    .rank = (faded ? 0 : 8) + band_severity (self->overlay, p->bands[self->overlay]),
  };

  g_array_append_val (self->items, item);
}

static void
add_cluster_items (XaCompoundLayer *self,
                   guint            zoom,
                   double           world,
                   double           x0,
                   double           y0,
                   double           x1,
                   double           y1)
{
  Level *level = ensure_level (self, zoom);
  /* Centroids lie anywhere in their cell and circles reach past it: one cell of slack. */
  int cy0 = (int) floor (y0 / world / level->cell) - 1;
  int cy1 = (int) floor (y1 / world / level->cell) + 1;
  int cx0 = (int) floor (x0 / world / level->cell) - 1;
  int cx1 = (int) floor (x1 / world / level->cell) + 1;

  cy0 = MAX (cy0, level->cy_min);
  cy1 = MIN (cy1, level->cy_min + (int) level->n_rows - 1);
  for (int cy = cy0; cy <= cy1; cy++)
    {
      guint lo = row_search (level, cy, cx0);

      for (guint i = lo; i < level->row_start[cy - level->cy_min + 1]; i++)
        {
          const Cluster *c = &level->clusters[i];
          double wx = c->x * world, wy = c->y * world;
          guint worst = 0;
          gboolean faded;
          Item item;

          if (c->cx > cx1)
            break;
          if (c->n == 1)
            {
              add_point_item (self, c->first, world);
              continue;
            }
          faded = self->district_filter != NULL && c->n_match == 0;
          for (guint b = 0; b < xa_overlay_n_bands (self->overlay); b++)
            if (c->counts[self->overlay][b] > 0)
              worst = MAX (worst, band_severity (self->overlay, b));
          item = (Item) {
            .wx = wx, .wy = wy,
            .r = cluster_radius (faded || self->district_filter == NULL ? c->n : c->n_match),
            .index = i,
            .is_cluster = TRUE,
            .faded = faded,
            .rank = (faded ? 0 : 8) + worst,
          };
          g_array_append_val (self->items, item);
        }
    }
}

/* Makes the frame's items cover the view; TRUE when they were rebuilt. */
static gboolean
ensure_items (XaCompoundLayer *self,
              const View      *view)
{
  graphene_rect_t box;
  double margin;
  int level;

  check_scale (self);
  view_box (view, &box);
  if (self->frame_valid && self->frame_generation == self->generation &&
      self->frame_zoom == view->zoom && !self->frame_zooming &&
      box.origin.x >= self->frame_x0 && box.origin.y >= self->frame_y0 &&
      box.origin.x + box.size.width <= self->frame_x1 &&
      box.origin.y + box.size.height <= self->frame_y1)
    return FALSE;

  /* While zooming every frame is new: a margin would only cost. While panning, half a
   * view each side lets the next frames reuse this one. */
  self->frame_zooming = self->frame_valid && self->frame_zoom != view->zoom;
  margin = self->frame_zooming ? 16 : MAX (view->w, view->h) / 2;
  self->frame_valid = TRUE;
  self->frame_node_valid = FALSE;
  self->frame_generation = self->generation;
  self->frame_zoom = view->zoom;
  self->frame_world = view->world;
  self->frame_x0 = box.origin.x - margin;
  self->frame_y0 = box.origin.y - margin;
  self->frame_x1 = box.origin.x + box.size.width + margin;
  self->frame_y1 = box.origin.y + box.size.height + margin;
  g_array_set_size (self->items, 0);

  level = (int) floor (view->zoom + 0.5);
  self->frame_level = level < CLUSTER_MAX_ZOOM ? MAX (level, 0) : -1;
  if (self->points == NULL)
    return TRUE;

  if (self->frame_level >= 0)
    add_cluster_items (self, self->frame_level, view->world,
                       self->frame_x0, self->frame_y0, self->frame_x1, self->frame_y1);
  else
    {
      double slop = 16;

      g_array_set_size (self->scratch, 0);
      xa_compound_points_query (self->points,
                                (self->frame_x0 - slop) / view->world,
                                (self->frame_y0 - slop) / view->world,
                                (self->frame_x1 + slop) / view->world,
                                (self->frame_y1 + slop) / view->world,
                                self->scratch);
      for (guint i = 0; i < self->scratch->len; i++)
        add_point_item (self, g_array_index (self->scratch, guint, i), view->world);
    }
  g_array_sort (self->items, compare_items);
  self->frame_in_view = 0;
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      self->frame_in_view += graphene_rect_contains_point (&box, &GRAPHENE_POINT_INIT (item->wx,
                                                                                      item->wy));
    }
  return TRUE;
}

/* Boundaries are drawn with cairo in world tiles of BOUNDARY_TILE pixels, one cairo node
 * per tile, kept while the zoom stays: panning reuses them (and the renderer the textures
 * it made of them), and a frame costs a dozen textured squares instead of a draw per
 * outline. */
static GskRenderNode *
make_boundary_tile (XaCompoundLayer *self,
                    int              tx,
                    int              ty)
{
  g_autoptr(GtkSnapshot) snapshot = NULL;
  double world = self->frame_world, ox = tx * BOUNDARY_TILE, oy = ty * BOUNDARY_TILE;
  /* Outlines reaching in from compounds of the tiles around. */
  double pad = 256;
  cairo_t *cr = NULL;

  g_array_set_size (self->scratch, 0);
  xa_compound_points_query (self->points, (ox - pad) / world, (oy - pad) / world,
                            (ox + BOUNDARY_TILE + pad) / world, (oy + BOUNDARY_TILE + pad) / world,
                            self->scratch);
  for (guint i = 0; i < self->scratch->len; i++)
    {
      const XaCompoundPoint *p = xa_compound_points_get (self->points,
                                                         g_array_index (self->scratch, guint, i));
      gboolean faded = point_faded (self, p);
      GdkRGBA color;

      if (p->boundary == NULL || p->n_boundary_points < 3)
        continue;
      if (cr == NULL)
        {
          snapshot = gtk_snapshot_new ();
          cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, BOUNDARY_TILE,
                                                                         BOUNDARY_TILE));
          cairo_set_line_width (cr, 1.5);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        }
      for (guint k = 0; k < p->n_boundary_points; k++)
        {
          double mx, my;

          xa_mercator_from_location (p->boundary[2 * k + 1], p->boundary[2 * k], &mx, &my);
          cairo_line_to (cr, mx * world - ox, my * world - oy);
        }
      cairo_close_path (cr);
      xa_overlay_band_color (self->overlay, p->bands[self->overlay], &color);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, faded ? 0.06 : 0.18);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, color.red * 0.6, color.green * 0.6, color.blue * 0.6,
                             faded ? 0.3 : 0.9);
      cairo_stroke (cr);
    }
  if (cr == NULL)
    return NULL;
  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static void
append_boundaries (XaCompoundLayer *self,
                   GtkSnapshot     *snapshot)
{
  int tx0 = (int) floor (self->frame_x0 / BOUNDARY_TILE);
  int ty0 = (int) floor (self->frame_y0 / BOUNDARY_TILE);
  int tx1 = (int) floor (self->frame_x1 / BOUNDARY_TILE);
  int ty1 = (int) floor (self->frame_y1 / BOUNDARY_TILE);

  if (self->tiles_zoom != self->frame_zoom || self->tiles_generation != self->generation)
    {
      g_hash_table_remove_all (self->boundary_tiles);
      self->tiles_zoom = self->frame_zoom;
      self->tiles_generation = self->generation;
    }
  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        gpointer key = GSIZE_TO_POINTER (((gsize) (guint32) ty << 32) | (guint32) tx);
        GskRenderNode *node;

        if (!g_hash_table_lookup_extended (self->boundary_tiles, key, NULL, (gpointer *) &node))
          {
            /* Empty tiles are remembered too, as NULL. */
            node = make_boundary_tile (self, tx, ty);
            g_hash_table_insert (self->boundary_tiles, key, node);
          }
        if (node == NULL)
          continue;
        gtk_snapshot_save (snapshot);
        gtk_snapshot_translate (snapshot,
                                &GRAPHENE_POINT_INIT (tx * BOUNDARY_TILE - self->frame_x0,
                                                      ty * BOUNDARY_TILE - self->frame_y0));
        gtk_snapshot_append_node (snapshot, node);
        gtk_snapshot_restore (snapshot);
      }
}

static void
ensure_node (XaCompoundLayer *self)
{
  g_autoptr(GtkSnapshot) snapshot = NULL;
  Level *level = self->frame_level >= 0 ? self->levels[self->frame_level] : NULL;

  if (self->frame_node_valid)
    return;
  self->frame_node_valid = TRUE;
  g_clear_pointer (&self->frame_node, gsk_render_node_unref);
  if (self->items->len == 0)
    return;

  snapshot = gtk_snapshot_new ();
  /* Outlines are drawn with cairo, slow in software: left out while the zoom changes (back
   * the frame it settles), and where hundreds of compounds crowd the view, where they would
   * be clutter more than shape (measured: 425 outlines cost a pan at 100,000 compounds
   * 10–15 fps on the 2-core CPU-only machine). */
  if (self->frame_zoom >= BOUNDARY_MIN_ZOOM && !self->frame_zooming &&
      self->frame_in_view <= BOUNDARY_MAX_DOTS)
    append_boundaries (self, snapshot);

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      double x = item->wx - self->frame_x0, y = item->wy - self->frame_y0;

      if (item->is_cluster)
        {
          Cluster *c = &level->clusters[item->index];

          double half = item->r + 1.5;

          if (c->texture == NULL)
            c->texture = make_cluster_texture (self, c);
          gtk_snapshot_append_texture (snapshot, c->texture,
                                       &GRAPHENE_RECT_INIT (x - half, y - half,
                                                            2 * half, 2 * half));
        }
      else
        {
          const XaCompoundPoint *p = xa_compound_points_get (self->points, item->index);
          GdkTexture *sprite = get_sprite (self, p->bands[self->overlay], item->r, item->faded);
          double half = item->r + 1.5;

          gtk_snapshot_append_texture (snapshot, sprite,
                                       &GRAPHENE_RECT_INIT (x - half, y - half,
                                                            2 * half, 2 * half));
        }
    }
  self->frame_node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/* The topmost item within reach of widget point @x, @y, or NULL. */
static const Item *
hit_test (XaCompoundLayer *self,
          double           x,
          double           y)
{
  View view;
  double wx, wy;

  if (self->points == NULL || !get_view (self, &view))
    return NULL;
  ensure_items (self, &view);
  widget_to_world (&view, x, y, &wx, &wy);
  for (guint i = self->items->len; i-- > 0;)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      double reach = item->r + HIT_SLOP;

      if (fabs (item->wx - wx) <= reach && fabs (item->wy - wy) <= reach &&
          hypot (item->wx - wx, item->wy - wy) <= reach)
        return item;
    }
  return NULL;
}

/* ---- GtkWidget ---- */

static void
append_ring (GtkSnapshot   *snapshot,
             double         x,
             double         y,
             double         r,
             float          width,
             const GdkRGBA *color)
{
  GskRoundedRect ring;

  gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (x - r, y - r, 2 * r, 2 * r), r);
  gtk_snapshot_append_border (snapshot, &ring, (float[4]) { width, width, width, width },
                              (GdkRGBA[4]) { *color, *color, *color, *color });
}

static gboolean
settle_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  XA_COMPOUND_LAYER (widget)->settle_tick = 0;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_REMOVE;
}

static void
xa_compound_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (widget);
  static const GdkRGBA white = { 1, 1, 1, 1 }, black = { 0, 0, 0, 1 };
  static const GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
  View view;

  if (self->points == NULL || !get_view (self, &view))
    return;
  ensure_items (self, &view);
  ensure_node (self);
  /* A frame built mid-zoom is redrawn complete once the zoom stops changing. */
  if (self->frame_zooming && self->settle_tick == 0)
    self->settle_tick = gtk_widget_add_tick_callback (widget, settle_tick_cb, NULL, NULL);

  gtk_snapshot_save (snapshot);
  if (view.rotation != 0)
    {
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (view.w / 2, view.h / 2));
      gtk_snapshot_rotate (snapshot, view.rotation * 180 / G_PI);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-view.w / 2, -view.h / 2));
    }
  /* From here on, world pixels minus the view's top left. */
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-view.x0, -view.y0));
  if (self->frame_node != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->frame_x0, self->frame_y0));
      gtk_snapshot_append_node (snapshot, self->frame_node);
      gtk_snapshot_restore (snapshot);
    }

  /* The selection shows at every zoom, even inside a cluster: a ring where it is. */
  if (self->selected >= 0)
    {
      const XaCompoundPoint *p = xa_compound_points_get (self->points, self->selected);
      double x = p->x, y = p->y, r = dot_radius (self, p) + 6;

      /* Inside a cluster, the ring goes round the cluster. */
      if (self->frame_level >= 0)
        {
          Level *level = self->levels[self->frame_level];
          const Cluster *c = &level->clusters[level->cluster_of[self->selected]];

          if (c->n > 1)
            {
              x = c->x;
              y = c->y;
              r = cluster_radius (self->district_filter != NULL && c->n_match > 0 ? c->n_match
                                                                                  : c->n) + 6;
            }
        }
      append_ring (snapshot, x * view.world, y * view.world, r + 2, 2, &white);
      append_ring (snapshot, x * view.world, y * view.world, r, 3, &black);
    }
  if (self->has_focus_item && gtk_widget_has_focus (widget))
    {
      for (guint i = 0; i < self->items->len; i++)
        {
          const Item *item = &g_array_index (self->items, Item, i);

          if (item->index == self->focus_index && item->is_cluster == self->focus_is_cluster &&
              (!item->is_cluster || self->focus_level == self->frame_level))
            {
              append_ring (snapshot, item->wx, item->wy, item->r + 9, 2, &white);
              append_ring (snapshot, item->wx, item->wy, item->r + 7, 2.5, &accent);
              break;
            }
        }
    }
  gtk_snapshot_restore (snapshot);
}

static gboolean
xa_compound_layer_contains (GtkWidget *widget,
                            double     x,
                            double     y)
{
  /* Only dots and clusters catch the pointer; elsewhere the map below pans and zooms. */
  return hit_test (XA_COMPOUND_LAYER (widget), x, y) != NULL;
}

static void
xa_compound_layer_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (widget);

  if (GTK_WIDGET_CLASS (xa_compound_layer_parent_class)->size_allocate != NULL)
    GTK_WIDGET_CLASS (xa_compound_layer_parent_class)->size_allocate (widget, width, height,
                                                                      baseline);
  self->frame_valid = FALSE;
  if (self->pending_fit && width > 0 && height > 0)
    xa_compound_layer_fit_all (self);
}

/* ---- Selection, activation, tooltips ---- */

static void
activate_point (XaCompoundLayer *self,
                guint            index)
{
  const XaCompoundPoint *p = xa_compound_points_get (self->points, index);

  xa_compound_layer_set_selected_id (self, p->id);
  g_signal_emit (self, signals[COMPOUND_ACTIVATED], 0, p->id);
}

static ShumateMap *
find_map (XaCompoundLayer *self)
{
  GtkWidget *map = gtk_widget_get_ancestor (GTK_WIDGET (self), SHUMATE_TYPE_MAP);

  return map != NULL && gtk_widget_get_mapped (map) ? SHUMATE_MAP (map) : NULL;
}

static void
move_view (XaCompoundLayer *self,
           double           lat,
           double           lon,
           double           zoom)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMap *map = find_map (self);

  zoom = CLAMP (zoom, shumate_viewport_get_min_zoom_level (viewport),
                shumate_viewport_get_max_zoom_level (viewport));
  if (map != NULL)
    shumate_map_go_to_full (map, lat, lon, zoom);
  else
    {
      shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
      shumate_viewport_set_zoom_level (viewport, zoom);
    }
}

/* A cluster opens by zooming in until it splits. */
static void
open_cluster (XaCompoundLayer *self,
              guint            index)
{
  const Cluster *c = &self->levels[self->frame_level]->clusters[index];
  double lat, lon;

  xa_mercator_to_location (c->x, c->y, &lat, &lon);
  move_view (self, lat, lon, self->frame_level + 2);
}

static void
activate_item (XaCompoundLayer *self,
               const Item      *item)
{
  if (item->is_cluster)
    open_cluster (self, item->index);
  else
    activate_point (self, item->index);
}

static char *
band_label (XaCompoundLayer *self,
            guint            band)
{
  return xa_overlay_band_label (self->overlay, band,
                                &xa_compound_points_get_options (self->points)->thresholds);
}

static char *
point_tooltip (XaCompoundLayer       *self,
               const XaCompoundPoint *p)
{
  g_autofree char *label = band_label (self, p->bands[self->overlay]);
  g_autofree char *head = g_markup_printf_escaped ("<b>%s</b>\n%s\n%s: %s", p->name,
                                                   p->district_name,
                                                   xa_overlay_title (self->overlay), label);
  GString *markup = g_string_new (head);

  if (self->overlay == XA_OVERLAY_PROBLEMS && p->open_problems > 0)
    {
      g_string_append_c (markup, '\n');
      g_string_append_printf (markup,
                              /* Translators: in a map tooltip; a second line may follow. */
                              ngettext ("%u open problem", "%u open problems", p->open_problems),
                              p->open_problems);
      if (p->overdue_problems > 0)
        {
          g_string_append (markup, _(", "));
          g_string_append_printf (markup,
                                  /* Translators: after "3 open problems, ". */
                                  ngettext ("%u overdue", "%u overdue", p->overdue_problems),
                                  p->overdue_problems);
        }
    }
  return g_string_free (markup, FALSE);
}

static char *
cluster_tooltip (XaCompoundLayer *self,
                 const Cluster   *c)
{
  guint shown = self->district_filter != NULL && c->n_match > 0 ? c->n_match : c->n;
  GString *markup = g_string_new ("<b>");

  g_string_append_printf (markup, ngettext ("%u compound", "%u compounds", shown), shown);
  g_string_append (markup, "</b>");
  for (guint b = 0; b < xa_overlay_n_bands (self->overlay); b++)
    if (c->counts[self->overlay][b] > 0)
      {
        g_autofree char *label = band_label (self, b);
        g_autofree char *escaped = g_markup_escape_text (label, -1);

        /* Translators: one line of a cluster's tooltip: a legend label and a count. */
        g_string_append_printf (markup, _("\n%s: %u"), escaped, c->counts[self->overlay][b]);
      }
  g_string_append_c (markup, '\n');
  g_string_append (markup, _("Click to zoom in"));
  return g_string_free (markup, FALSE);
}

static char *
item_tooltip (XaCompoundLayer *self,
              const Item      *item)
{
  if (item->is_cluster)
    return cluster_tooltip (self, &self->levels[self->frame_level]->clusters[item->index]);
  return point_tooltip (self, xa_compound_points_get (self->points, item->index));
}

static const Item *
find_focus_item (XaCompoundLayer *self)
{
  if (!self->has_focus_item)
    return NULL;
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      if (item->index == self->focus_index && item->is_cluster == self->focus_is_cluster &&
          (!item->is_cluster || self->focus_level == self->frame_level))
        return item;
    }
  return NULL;
}

static gboolean
query_tooltip_cb (XaCompoundLayer *self,
                  int              x,
                  int              y,
                  gboolean         keyboard_mode,
                  GtkTooltip      *tooltip)
{
  const Item *item;
  g_autofree char *markup = NULL;

  if (keyboard_mode)
    {
      View view;

      if (self->points == NULL || !get_view (self, &view))
        return FALSE;
      ensure_items (self, &view);
      item = find_focus_item (self);
    }
  else
    item = hit_test (self, x, y);
  if (item == NULL)
    return FALSE;
  markup = item_tooltip (self, item);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* ---- Keyboard ---- */

typedef struct
{
  double row, x;
  guint  item;
} TabStop;

static int
compare_tab_stops (gconstpointer a,
                   gconstpointer b)
{
  const TabStop *ta = a, *tb = b;

  if (ta->row != tb->row)
    return ta->row < tb->row ? -1 : 1;
  return ta->x < tb->x ? -1 : ta->x > tb->x;
}

/* The items inside the widget in reading order: rows of TAB_ROW pixels, left to right, so
 * Tab sweeps the map the way eyes do and neighbours follow each other. */
static GArray *
tab_order (XaCompoundLayer *self,
           const View      *view)
{
  GArray *stops = g_array_new (FALSE, FALSE, sizeof (TabStop));

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      TabStop stop = { .item = i };
      double y;

      world_to_widget (view, item->wx, item->wy, &stop.x, &y);
      if (stop.x < 0 || y < 0 || stop.x > view->w || y > view->h)
        continue;
      stop.row = floor (y / TAB_ROW);
      g_array_append_val (stops, stop);
    }
  g_array_sort (stops, compare_tab_stops);
  return stops;
}

static void
set_focus_item (XaCompoundLayer *self,
                const Item      *item)
{
  self->has_focus_item = item != NULL;
  if (item != NULL)
    {
      self->focus_is_cluster = item->is_cluster;
      self->focus_index = item->index;
      self->focus_level = self->frame_level;
    }
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
xa_compound_layer_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (widget);
  gboolean forward = direction == GTK_DIR_TAB_FORWARD;
  g_autoptr(GArray) stops = NULL;
  const Item *current;
  View view;
  int next;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    {
      if (gtk_widget_has_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }
  if (self->points == NULL || !get_view (self, &view))
    {
      if (gtk_widget_has_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }

  ensure_items (self, &view);
  stops = tab_order (self, &view);
  current = gtk_widget_has_focus (widget) ? find_focus_item (self) : NULL;
  /* From the start (or the end) when arriving, or when the ring has left the view. */
  next = forward ? 0 : (int) stops->len - 1;
  for (guint i = 0; current != NULL && i < stops->len; i++)
    if (&g_array_index (self->items, Item, g_array_index (stops, TabStop, i).item) == current)
      {
        next = forward ? (int) i + 1 : (int) i - 1;
        break;
      }

  if (next < 0 || next >= (int) stops->len)
    {
      /* Past the last compound (or none in view): let focus leave the map, unless it is
       * just arriving. */
      set_focus_item (self, NULL);
      if (gtk_widget_has_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }
  if (!gtk_widget_has_focus (widget))
    gtk_widget_grab_focus (widget);
  set_focus_item (self, &g_array_index (self->items, Item,
                                        g_array_index (stops, TabStop, next).item));
  return TRUE;
}

static void
pan (XaCompoundLayer *self,
     double           dx,
     double           dy)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  View view;
  double wx, wy, lat, lon;

  if (!get_view (self, &view))
    return;
  widget_to_world (&view, view.w / 2 + dx * view.w, view.h / 2 + dy * view.h, &wx, &wy);
  xa_mercator_to_location (wx / view.world - floor (wx / view.world),
                           CLAMP (wy / view.world, 0.0, 1.0), &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
}

static void
zoom_by (XaCompoundLayer *self,
         int              steps)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMap *map = find_map (self);

  if (map != NULL && steps > 0)
    shumate_map_zoom_in (map);
  else if (map != NULL)
    shumate_map_zoom_out (map);
  else
    shumate_viewport_set_zoom_level (viewport,
                                     round (shumate_viewport_get_zoom_level (viewport)) + steps);
}

static gboolean
key_pressed_cb (XaCompoundLayer *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  const Item *item;
  View view;

  /* Ctrl+1…4, Ctrl+F and friends belong to the window. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      pan (self, -0.25, 0);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      pan (self, 0.25, 0);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      pan (self, 0, -0.25);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      pan (self, 0, 0.25);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      zoom_by (self, 1);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      zoom_by (self, -1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      xa_compound_layer_fit_all (self);
      return TRUE;
    case GDK_KEY_Escape:
      if (!self->has_focus_item)
        return FALSE;
      set_focus_item (self, NULL);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (self->points == NULL || !get_view (self, &view))
        return FALSE;
      ensure_items (self, &view);
      if ((item = find_focus_item (self)) == NULL)
        return FALSE;
      {
        Item copy = *item;

        activate_item (self, &copy);
      }
      return TRUE;
    default:
      return FALSE;
    }
}

/* ---- Pointer ---- */

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   XaCompoundLayer *self)
{
  if (n_press == 1 && _xa_compound_layer_click (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           XaCompoundLayer          *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hit_test (self, x, y) != NULL ? "pointer"
                                                                                   : NULL);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          XaCompoundLayer          *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
viewport_notify_cb (XaCompoundLayer *self,
                    GParamSpec      *pspec,
                    ShumateViewport *viewport)
{
  if (self->pending_fit && shumate_viewport_get_reference_map_source (viewport) != NULL)
    xa_compound_layer_fit_all (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- Accessibility ---- */

/* Orca speaks a focused widget's new name, and GTK 4.8 has no other way to announce: the
 * label carries the compound under the keyboard ring, else the selected one. */
static void
update_accessible_label (XaCompoundLayer *self)
{
  g_autofree char *label = NULL;
  int index = -1;

  if (self->points != NULL && self->has_focus_item && !self->focus_is_cluster)
    index = self->focus_index;
  else if (self->points != NULL && self->has_focus_item && self->focus_level >= 0 &&
           self->levels[self->focus_level] != NULL &&
           self->focus_index < self->levels[self->focus_level]->n_clusters)
    {
      guint n = self->levels[self->focus_level]->clusters[self->focus_index].n;

      /* Translators: the accessible name of the map while a cluster has keyboard focus. */
      label = g_strdup_printf (ngettext ("Compound map: a group of %u compound",
                                         "Compound map: a group of %u compounds", n), n);
    }
  else
    index = self->selected;

  if (label == NULL && index >= 0)
    {
      const XaCompoundPoint *p = xa_compound_points_get (self->points, index);
      g_autofree char *band = band_label (self, p->bands[self->overlay]);

      /* Translators: the accessible name of the map: a compound's name, its district and
       * its legend label in the current overlay. */
      label = g_strdup_printf (_("Compound map: %s, %s, %s"), p->name, p->district_name, band);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : _("Compound map"),
                                  -1);
}

/* ---- GObject ---- */

static void
xa_compound_layer_constructed (GObject *object)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (xa_compound_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  self->viewport_handler = g_signal_connect_object (viewport, "notify",
                                                    G_CALLBACK (viewport_notify_cb), self,
                                                    G_CONNECT_SWAPPED);
}

static void
xa_compound_layer_dispose (GObject *object)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (object);

  if (self->settle_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick);
  self->settle_tick = 0;
  clear_levels (self);
  g_clear_object (&self->points);
  g_clear_pointer (&self->frame_node, gsk_render_node_unref);
  g_hash_table_remove_all (self->sprites);
  g_hash_table_remove_all (self->boundary_tiles);

  G_OBJECT_CLASS (xa_compound_layer_parent_class)->dispose (object);
}

static void
xa_compound_layer_finalize (GObject *object)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (object);

  g_clear_pointer (&self->district_filter, g_free);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->sprites, g_hash_table_unref);
  g_clear_pointer (&self->boundary_tiles, g_hash_table_unref);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->scratch, g_array_unref);

  G_OBJECT_CLASS (xa_compound_layer_parent_class)->finalize (object);
}

static void
xa_compound_layer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_compound_layer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      xa_compound_layer_set_selected_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_compound_layer_class_init (XaCompoundLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = xa_compound_layer_constructed;
  object_class->dispose = xa_compound_layer_dispose;
  object_class->finalize = xa_compound_layer_finalize;
  object_class->get_property = xa_compound_layer_get_property;
  object_class->set_property = xa_compound_layer_set_property;

  widget_class->snapshot = xa_compound_layer_snapshot;
  widget_class->contains = xa_compound_layer_contains;
  widget_class->size_allocate = xa_compound_layer_size_allocate;
  widget_class->focus = xa_compound_layer_focus;

  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user picked a compound with a click or Enter; it is selected by then. */
  signals[COMPOUND_ACTIVATED] =
    g_signal_new ("compound-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /* A panel of compounds the user moves through with Tab; GTK 4.8 has no "map" role. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* Empty boundary tiles are stored as NULL. */
static void
render_node_unref_nullable (gpointer node)
{
  if (node != NULL)
    gsk_render_node_unref (node);
}

static void
xa_compound_layer_init (XaCompoundLayer *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *click;

  self->overlay = XA_OVERLAY_FLOOD;
  self->selected = -1;
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->scratch = g_array_new (FALSE, FALSE, sizeof (guint));
  self->sprites = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->boundary_tiles = g_hash_table_new_full (NULL, NULL, NULL, render_node_unref_nullable);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Compound map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Tab moves between the compounds in view, Enter selects one, "
                                    "arrow keys pan, plus and minus zoom, Home shows every "
                                    "compound"),
                                  -1);
}

/* ---- Public API ---- */

XaCompoundLayer *
xa_compound_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (XA_TYPE_COMPOUND_LAYER, "viewport", viewport, NULL);
}

void
xa_compound_layer_set_points (XaCompoundLayer  *self,
                              XaCompoundPoints *points)
{
  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));
  g_return_if_fail (points == NULL || XA_IS_COMPOUND_POINTS (points));

  if (!g_set_object (&self->points, points))
    return;
  clear_levels (self);
  self->has_focus_item = FALSE;
  self->selected = points != NULL ? xa_compound_points_find (points, self->selected_id) : -1;
  if (self->selected < 0 && self->selected_id != NULL)
    xa_compound_layer_set_selected_id (self, NULL);
  update_accessible_label (self);
  invalidate_frame (self);
}

XaCompoundPoints *
xa_compound_layer_get_points (XaCompoundLayer *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), NULL);

  return self->points;
}

void
xa_compound_layer_set_overlay (XaCompoundLayer *self,
                               XaOverlay        overlay)
{
  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));
  g_return_if_fail (overlay < XA_N_OVERLAYS);

  if (self->overlay == overlay)
    return;
  self->overlay = overlay;
  clear_cluster_nodes (self);
  update_accessible_label (self);
  invalidate_frame (self);
}

XaOverlay
xa_compound_layer_get_overlay (XaCompoundLayer *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), XA_OVERLAY_FLOOD);

  return self->overlay;
}

void
xa_compound_layer_set_district_filter (XaCompoundLayer *self,
                                       const char      *code_or_NULL)
{
  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));

  if (!set_string (&self->district_filter, code_or_NULL))
    return;
  /* Cluster counts and colours are of the matching members: rebuild them. */
  clear_levels (self);
  self->has_focus_item = FALSE;
  invalidate_frame (self);
}

const char *
xa_compound_layer_get_district_filter (XaCompoundLayer *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), NULL);

  return self->district_filter;
}

void
xa_compound_layer_set_selected_id (XaCompoundLayer *self,
                                   const char      *id_or_NULL)
{
  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));

  if (!set_string (&self->selected_id, id_or_NULL))
    return;
  self->selected = self->points != NULL ? xa_compound_points_find (self->points, id_or_NULL) : -1;
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

const char *
xa_compound_layer_get_selected_id (XaCompoundLayer *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), NULL);

  return self->selected_id;
}

void
xa_compound_layer_fit_all (XaCompoundLayer *self)
{
  double min_lat, min_lon, max_lat, max_lon, x0, y0, x1, y1, lat, lon, zoom;
  const double pad = 48;
  View view;

  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));

  if (self->points == NULL ||
      !xa_compound_points_get_bounds (self->points, &min_lat, &min_lon, &max_lat, &max_lon))
    return;
  if (!get_view (self, &view))
    {
      self->pending_fit = TRUE;
      return;
    }
  self->pending_fit = FALSE;

  xa_mercator_from_location (max_lat, min_lon, &x0, &y0);
  xa_mercator_from_location (min_lat, max_lon, &x1, &y1);
  zoom = MIN (log2 (MAX (view.w - 2 * pad, 1) / MAX ((x1 - x0) * self->tile_size, 1e-12)),
              log2 (MAX (view.h - 2 * pad, 1) / MAX ((y1 - y0) * self->tile_size, 1e-12)));
  xa_mercator_to_location ((x0 + x1) / 2, (y0 + y1) / 2, &lat, &lon);
  move_view (self, lat, lon, MIN (zoom, FOCUS_ZOOM));
}

gboolean
xa_compound_layer_go_to (XaCompoundLayer *self,
                         const char      *id)
{
  ShumateViewport *viewport;
  const XaCompoundPoint *p;
  double zoom;
  int index;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), FALSE);

  if (self->points == NULL || (index = xa_compound_points_find (self->points, id)) < 0)
    return FALSE;
  p = xa_compound_points_get (self->points, index);
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  zoom = shumate_viewport_get_zoom_level (viewport);
  /* Below the cluster limit it would hide in a cluster: come close enough to see it. */
  move_view (self, p->lat, p->lon, zoom < CLUSTER_MAX_ZOOM - 0.5 ? FOCUS_ZOOM : zoom);
  return TRUE;
}

/* ---- Private API ---- */

static gboolean
item_in_widget (const View *view,
                const Item *item,
                double     *x,
                double     *y)
{
  world_to_widget (view, item->wx, item->wy, x, y);
  return *x >= 0 && *y >= 0 && *x <= view->w && *y <= view->h;
}

gboolean
_xa_compound_layer_locate (XaCompoundLayer *self,
                           const char      *id,
                           double          *x,
                           double          *y)
{
  View view;
  int index;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), FALSE);

  if (self->points == NULL || !get_view (self, &view) ||
      (index = xa_compound_points_find (self->points, id)) < 0)
    return FALSE;
  ensure_items (self, &view);
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      if (!item->is_cluster && item->index == (guint) index)
        return item_in_widget (&view, item, x, y);
    }
  return FALSE;
}

gboolean
_xa_compound_layer_locate_cluster (XaCompoundLayer *self,
                                   double          *x,
                                   double          *y,
                                   guint           *count)
{
  View view;
  guint best = 0;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), FALSE);

  if (self->points == NULL || !get_view (self, &view))
    return FALSE;
  ensure_items (self, &view);
  /* The largest one: the easiest to find in a screenshot. */
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      const Cluster *c;
      double ix, iy;

      if (!item->is_cluster || !item_in_widget (&view, item, &ix, &iy))
        continue;
      c = &self->levels[self->frame_level]->clusters[item->index];
      if (c->n > best)
        {
          best = c->n;
          *x = ix;
          *y = iy;
          *count = c->n;
        }
    }
  return best > 0;
}

void
_xa_compound_layer_count_visible (XaCompoundLayer *self,
                                  guint           *dots,
                                  guint           *clusters)
{
  View view;

  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));

  *dots = *clusters = 0;
  if (self->points == NULL || !get_view (self, &view))
    return;
  ensure_items (self, &view);
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      double x, y;

      if (item_in_widget (&view, item, &x, &y))
        (*(item->is_cluster ? clusters : dots))++;
    }
}

gboolean
_xa_compound_layer_click (XaCompoundLayer *self,
                          double           x,
                          double           y)
{
  const Item *hit;
  Item item;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), FALSE);

  if ((hit = hit_test (self, x, y)) == NULL)
    return FALSE;
  item = *hit;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  activate_item (self, &item);
  return TRUE;
}

const char *
_xa_compound_layer_get_focus_id (XaCompoundLayer *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), NULL);

  if (self->points == NULL || !self->has_focus_item || self->focus_is_cluster)
    return NULL;
  return xa_compound_points_get (self->points, self->focus_index)->id;
}

char *
_xa_compound_layer_dup_tooltip (XaCompoundLayer *self,
                                double           x,
                                double           y)
{
  const Item *item;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), NULL);

  item = hit_test (self, x, y);
  return item != NULL ? item_tooltip (self, item) : NULL;
}
