/* xa-compound-boundaries.c — see xa-compound-boundaries.h.
 *
 * Boundaries are drawn with cairo in world tiles of BOUNDARY_TILE pixels, one cairo node
 * per tile, kept while the zoom stays: panning reuses them (and the renderer the textures
 * it made of them), and a frame costs a dozen textured squares instead of a draw per
 * outline. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "xa-compound-boundaries.h"
#include "xa-overlay-style.h"

#define BOUNDARY_TILE 256.0

struct _XaCompoundBoundaries
{
  GHashTable *tiles;            /* gint64 (tile y << 32 | x) → cairo node or NULL, at zoom */
  double      zoom;
  guint       generation;
  GArray     *scratch;          /* guint, reused by point queries */
};

static GskRenderNode *
make_boundary_tile (XaCompoundBoundaries *self,
                    XaCompoundPoints     *points,
                    XaOverlay             overlay,
                    const char           *district_filter,
                    double                world,
                    int                   tx,
                    int                   ty)
{
  g_autoptr(GtkSnapshot) snapshot = NULL;
  double ox = tx * BOUNDARY_TILE, oy = ty * BOUNDARY_TILE;
  /* Outlines reaching in from compounds of the tiles around, however far (and the stroke). */
  double pad = xa_compound_points_get_boundary_reach (points) * world + 2;
  cairo_t *cr = NULL;

  g_array_set_size (self->scratch, 0);
  xa_compound_points_query (points, (ox - pad) / world, (oy - pad) / world,
                            (ox + BOUNDARY_TILE + pad) / world, (oy + BOUNDARY_TILE + pad) / world,
                            self->scratch);
  for (guint i = 0; i < self->scratch->len; i++)
    {
      const XaCompoundPoint *p = xa_compound_points_get (points,
                                                         g_array_index (self->scratch, guint, i));
      GdkRGBA color;

      if (p->boundary == NULL || p->n_boundary_points < 3 ||
          (district_filter != NULL && strcmp (p->district_code, district_filter) != 0))
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
      xa_overlay_band_color (overlay, p->bands[overlay], &color);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.18);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, color.red * 0.6, color.green * 0.6, color.blue * 0.6, 0.9);
      cairo_stroke (cr);
    }
  if (cr == NULL)
    return NULL;
  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

void
xa_compound_boundaries_append (XaCompoundBoundaries *self,
                               GtkSnapshot          *snapshot,
                               XaCompoundPoints     *points,
                               XaOverlay             overlay,
                               const char           *district_filter,
                               guint                 generation,
                               double                zoom,
                               double                world,
                               double                x0,
                               double                y0,
                               double                x1,
                               double                y1)
{
  int tx0 = (int) floor (x0 / BOUNDARY_TILE);
  int ty0 = (int) floor (y0 / BOUNDARY_TILE);
  int tx1 = (int) floor (x1 / BOUNDARY_TILE);
  int ty1 = (int) floor (y1 / BOUNDARY_TILE);

  if (self->zoom != zoom || self->generation != generation)
    {
      g_hash_table_remove_all (self->tiles);
      self->zoom = zoom;
      self->generation = generation;
    }
  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        gint64 key = (gint64) ((guint64) (guint32) ty << 32 | (guint32) tx);
        GskRenderNode *node;

        if (!g_hash_table_lookup_extended (self->tiles, &key, NULL, (gpointer *) &node))
          {
            /* Empty tiles are remembered too, as NULL. */
            node = make_boundary_tile (self, points, overlay, district_filter, world, tx, ty);
            g_hash_table_insert (self->tiles, g_memdup2 (&key, sizeof key), node);
          }
        if (node == NULL)
          continue;
        gtk_snapshot_save (snapshot);
        gtk_snapshot_translate (snapshot,
                                &GRAPHENE_POINT_INIT (tx * BOUNDARY_TILE - x0,
                                                      ty * BOUNDARY_TILE - y0));
        gtk_snapshot_append_node (snapshot, node);
        gtk_snapshot_restore (snapshot);
      }
}

/* Empty tiles are stored as NULL. */
static void
render_node_unref_nullable (gpointer node)
{
  if (node != NULL)
    gsk_render_node_unref (node);
}

XaCompoundBoundaries *
xa_compound_boundaries_new (void)
{
  XaCompoundBoundaries *self = g_new0 (XaCompoundBoundaries, 1);

  self->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       render_node_unref_nullable);
  self->scratch = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
xa_compound_boundaries_free (XaCompoundBoundaries *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->tiles);
  g_array_unref (self->scratch);
  g_free (self);
}

void
xa_compound_boundaries_clear (XaCompoundBoundaries *self)
{
  g_hash_table_remove_all (self->tiles);
}
