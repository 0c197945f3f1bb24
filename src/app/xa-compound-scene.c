/* xa-compound-scene.c — see xa-compound-scene.h.
 *
 * The items and render node of a frame cover the view plus a margin; panning within it only
 * translates the cached node. Below XA_CLUSTER_MAX_ZOOM the items are the clusters of the
 * nearest whole zoom level, above it the points in the box. The node stamps a pre-drawn
 * texture per item, over the boundary tiles when few compounds are in view, and up to
 * XA_DISTRICT_LABEL_MAX_ZOOM a name plate per district in view. Compounds outside the
 * district filter are no items at all: not drawn, not hit, not in the Tab order. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xa-compound-scene.h"
#include "xa-format.h"

#define LABEL_GAP 2.0           /* between a name plate and its cluster, or another plate */

#define BOUNDARY_MIN_ZOOM 15.5
#define BOUNDARY_MAX_DOTS 600   /* more compounds in view than this: outlines are clutter */
#define HIT_SLOP 3.0

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


static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const XaCompoundItem *ia = a, *ib = b;

  if (ia->rank != ib->rank)
    return ia->rank - ib->rank;
  return ia->index < ib->index ? -1 : ia->index > ib->index;
}

static void
add_point_item (XaCompoundScene *self,
                guint            index,
                double           world)
{
  const XaCompoundPoint *p = xa_compound_points_get (self->points, index);
  XaCompoundItem item = {
    .wx = p->x * world,
    .wy = p->y * world,
    .ax = p->x * world,
    .ay = p->y * world,
    .r = xa_compound_scene_dot_radius (self, p),
    .index = index,
    .rank = band_severity (self->overlay, p->bands[self->overlay]),
  };

  if (xa_compound_scene_hides (self, p->district))
    return;
  g_array_append_val (self->items, item);
}

/* TRUE when the circle at @x, @y of radius @r reaches into @rect. */
static gboolean
circle_meets_rect (double                 x,
                   double                 y,
                   double                 r,
                   const graphene_rect_t *rect)
{
  double nx = CLAMP (x, rect->origin.x, rect->origin.x + rect->size.width);
  double ny = CLAMP (y, rect->origin.y, rect->origin.y + rect->size.height);

  return hypot (x - nx, y - ny) < r - 0.01;
}

/* A plate at @rect covers no plate placed before and no cluster of the frame, nor a
 * single dot unless @over_dots. */
static gboolean
label_fits (XaCompoundScene       *self,
            const graphene_rect_t *rect,
            gboolean               over_dots)
{
  graphene_rect_t grown;

  graphene_rect_inset_r (rect, -LABEL_GAP, -LABEL_GAP, &grown);
  if (self->keep_out->len > 0 && !graphene_rect_contains_rect (&self->label_room, rect))
    return FALSE;
  for (guint i = 0; i < self->keep_out_world->len; i++)
    if (graphene_rect_intersection (&grown, &g_array_index (self->keep_out_world,
                                                            graphene_rect_t, i), NULL))
      return FALSE;
  for (guint i = 0; i < self->labels->len; i++)
    {
      const XaCompoundLabel *l = &g_array_index (self->labels, XaCompoundLabel, i);

      if (graphene_rect_intersection (&grown, &GRAPHENE_RECT_INIT (l->wx, l->wy, l->w, l->h),
                                      NULL))
        return FALSE;
    }
  for (guint i = 0; i < self->items->len; i++)
    {
      const XaCompoundItem *item = &g_array_index (self->items, XaCompoundItem, i);

      if ((item->is_cluster || !over_dots) &&
          circle_meets_rect (item->wx, item->wy, item->r + 1.5, &grown))
        return FALSE;
    }
  return TRUE;
}

/* Whether the line that would tie @label, placed at @x, @y, to its cluster (see
 * append_plate_leaders()) passes clear of every other cluster and every plate placed. */
static gboolean
leader_clear (XaCompoundScene       *self,
              const XaCompoundLabel *label,
              double                 x,
              double                 y)
{
  double nx = CLAMP (label->cx, x, x + label->w), ny = CLAMP (label->cy, y, y + label->h);
  double length = hypot (nx - label->cx, ny - label->cy);

  /* Looked at every few pixels: the clusters and plates it could cross are far larger. */
  for (double t = label->r; t < length; t += 3)
    {
      double px = label->cx + (nx - label->cx) * t / length;
      double py = label->cy + (ny - label->cy) * t / length;

      for (guint i = 0; i < self->items->len; i++)
        {
          const XaCompoundItem *item = &g_array_index (self->items, XaCompoundItem, i);

          if (item->is_cluster && (item->wx != label->cx || item->wy != label->cy)
              && hypot (px - item->wx, py - item->wy) < item->r + LABEL_GAP)
            return FALSE;
        }
      for (guint i = 0; i < self->labels->len; i++)
        {
          const XaCompoundLabel *l = &g_array_index (self->labels, XaCompoundLabel, i);

          if (px > l->wx - LABEL_GAP && px < l->wx + l->w + LABEL_GAP
              && py > l->wy - LABEL_GAP && py < l->wy + l->h + LABEL_GAP)
            return FALSE;
        }
    }
  return TRUE;
}

/* Places @label with its top left at @x, @y if it fits there (see label_fits()). */
static gboolean
try_label (XaCompoundScene *self,
           XaCompoundLabel *label,
           double           x,
           double           y,
           gboolean         over_dots)
{
  if (!label_fits (self, &GRAPHENE_RECT_INIT (x, y, label->w, label->h), over_dots))
    return FALSE;
  label->wx = x;
  label->wy = y;
  g_array_append_val (self->labels, *label);
  return TRUE;
}

static int
compare_by_size (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const XaClusterLevel *level = user_data;
  guint na = level->clusters[*(const guint *) a].n, nb = level->clusters[*(const guint *) b].n;

  return na > nb ? -1 : na < nb;
}

/* Names each district whose largest cluster is in @mains beside that cluster, where it
 * is drawn: below it, else above, right, left or at a corner, then the same a plate's
 * height further out (up to five times); wherever it covers no plate placed before
 * (largest district first) and no dot or cluster, else no cluster. A district with no free
 * spot goes unnamed. */
static void
place_labels (XaCompoundScene *self,
              XaClusterLevel  *level,
              GArray          *mains,
              double           world)
{
  g_array_sort_with_data (mains, compare_by_size, level);
  for (guint k = 0; k < mains->len; k++)
    {
      guint index = g_array_index (mains, guint, k);
      const XaCluster *c = &level->clusters[index];
      const XaCompoundDistrict *d = xa_compound_points_get_district (self->points, c->district);
      const XaCompoundItem *item = xa_compound_scene_find_item (self, c->n > 1,
                                                                c->n > 1 ? index : c->first,
                                                                self->frame_level);
      XaCompoundLabel label = { .district = c->district };
      XaLabelSprite *sprite;
      gboolean placed = FALSE;
      double cx, cy, r;

      if (item == NULL)
        continue;
      cx = item->wx;
      cy = item->wy;
      r = item->r + 1.5 + LABEL_GAP;
      if (c->district >= self->label_sprites->len)
        g_array_set_size (self->label_sprites, c->district + 1);
      sprite = &g_array_index (self->label_sprites, XaLabelSprite, c->district);
      if (sprite->texture == NULL)
        {
          g_autofree char *count = xa_format_count (d->n_compounds);
          /* Translators: a district's name plate on the map at city zoom: its name and how
           * many compounds it has, e.g. "兰山区 · 1,046". */
          g_autofree char *text = g_strdup_printf (_("%s · %s"), d->name, count);

          sprite->texture = xa_compound_sprites_draw_label (self->sprites, self->widget, text,
                                                            &sprite->w, &sprite->h);
        }
      label.w = sprite->w;
      label.h = sprite->h;
      label.cx = cx;
      label.cy = cy;
      label.r = item->r;
      /* Where the clusters crowd (the urban districts at zoom 11), a plate may cover single
       * dots rather than go unnamed. */
      for (guint ring = 0; ring < 12 && !placed; ring++)
        {
          double o = r + (ring % 6) * label.h, diag = o * G_SQRT2 / 2;
          const graphene_point_t spots[] = {
            GRAPHENE_POINT_INIT (cx - label.w / 2, cy + o),
            GRAPHENE_POINT_INIT (cx - label.w / 2, cy - o - label.h),
            GRAPHENE_POINT_INIT (cx + o, cy - label.h / 2),
            GRAPHENE_POINT_INIT (cx - o - label.w, cy - label.h / 2),
            GRAPHENE_POINT_INIT (cx + diag, cy + diag),
            GRAPHENE_POINT_INIT (cx - diag - label.w, cy + diag),
            GRAPHENE_POINT_INIT (cx + diag, cy - diag - label.h),
            GRAPHENE_POINT_INIT (cx - diag - label.w, cy - diag - label.h),
          };

          /* Presentation mode takes only the spots beside the cluster here: further out,
           * below, its plates have a line to keep clear. */
          if (self->keep_out->len > 0 && ring % 6 != 0)
            continue;
          for (guint s = 0; s < G_N_ELEMENTS (spots) && !placed; s++)
            placed = try_label (self, &label, spots[s].x, spots[s].y, ring >= 6);
        }
      /* Presentation mode's plates, three times larger, kept inside the picture and clear of
       * its progress line and legend: further out in sixteen directions, tied to their
       * cluster by a line, rather than a district of the city left unnamed. */
      for (guint ring = 1; ring <= 12 && !placed && self->keep_out->len > 0; ring++)
        for (guint a = 0; a < 16 && !placed; a++)
          {
            double angle = a * G_PI / 8, o = r + ring * label.h * 0.75;
            double x = cx + o * cos (angle) + (cos (angle) - 1) * label.w / 2;
            double y = cy + o * sin (angle) + (sin (angle) - 1) * label.h / 2;

            /* Never where its line would cross another cluster or plate: it would seem to
             * name that one. */
            label.tied = TRUE;
            if (leader_clear (self, &label, x, y))
              placed = try_label (self, &label, x, y, TRUE);
          }
    }
}

static int
compare_items_by_x (gconstpointer a,
                    gconstpointer b)
{
  const XaCompoundItem *ia = a, *ib = b;

  return (ia->wx > ib->wx) - (ia->wx < ib->wx);
}

/* At city zoom the clusters of neighbouring districts (the urban districts round the city
 * centre) would be drawn over each other: pushes every pair that overlaps apart along the
 * line between their centres, the smaller one further, until none overlaps. The place
 * each item stands for is kept in ax, ay; a leader line joins the two. */
static void
spread_items (XaCompoundScene *self)
{
  const double gap = 3.0;
  float r_max = 0;

  for (guint i = 0; i < self->items->len; i++)
    r_max = MAX (r_max, g_array_index (self->items, XaCompoundItem, i).r);
  for (guint round = 0; round < 24; round++)
    {
      gboolean moved = FALSE;

      g_array_sort (self->items, compare_items_by_x);
      for (guint i = 0; i < self->items->len; i++)
        {
          XaCompoundItem *a = &g_array_index (self->items, XaCompoundItem, i);

          for (guint j = i + 1; j < self->items->len; j++)
            {
              XaCompoundItem *b = &g_array_index (self->items, XaCompoundItem, j);
              double need = a->r + b->r + 3 + gap, dx = b->wx - a->wx, dy = b->wy - a->wy;
              double d, push, share;

              if (dx >= a->r + r_max + 3 + gap)
                break;
              d = hypot (dx, dy);
              if (d >= need)
                continue;
              if (d < 0.01)
                {
                  dx = 1;
                  dy = 0;
                  d = 1;
                }
              /* A little past touching, so the next round has nothing left to do here. */
              push = need - d + 0.5;
              share = a->r / (a->r + b->r);
              a->wx -= dx / d * push * (1 - share);
              a->wy -= dy / d * push * (1 - share);
              b->wx += dx / d * push * share;
              b->wy += dy / d * push * share;
              moved = TRUE;
            }
        }
      if (!moved)
        break;
    }
}

static void
add_cluster_items (XaCompoundScene *self,
                   guint            zoom,
                   double           world,
                   double           x0,
                   double           y0,
                   double           x1,
                   double           y1)
{
  XaClusterLevel *level = xa_compound_clusters_ensure_level (self->clusters, zoom, self->points,
                                                             self->tile_size);
  g_autoptr(GArray) mains = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_set_size (self->scratch, 0);
  xa_cluster_level_query (level, x0 / world, y0 / world, x1 / world, y1 / world, self->scratch);
  for (guint k = 0; k < self->scratch->len; k++)
    {
      guint i = g_array_index (self->scratch, guint, k);
      const XaCluster *c = &level->clusters[i];
      double wx = c->x * world, wy = c->y * world;
      guint worst = 0;
      XaCompoundItem item;

      if (xa_compound_scene_hides (self, c->district))
        continue;
      if (zoom <= XA_DISTRICT_LABEL_MAX_ZOOM && level->district_main[c->district] == i)
        g_array_append_val (mains, i);
      if (c->n == 1)
        {
          add_point_item (self, c->first, world);
          continue;
        }
      for (guint b = 0; b < xa_overlay_n_bands (self->overlay); b++)
        if (c->counts[self->overlay][b] > 0)
          worst = MAX (worst, band_severity (self->overlay, b));
      item = (XaCompoundItem) {
        .wx = wx, .wy = wy, .ax = wx, .ay = wy,
        .r = xa_compound_scene_cluster_radius (self, c->n),
        .index = i,
        .is_cluster = TRUE,
        .rank = worst,
      };
      g_array_append_val (self->items, item);
    }
  if (zoom <= XA_DISTRICT_LABEL_MAX_ZOOM)
    spread_items (self);
  place_labels (self, level, mains, world);
}

/* The keep-out rectangles in world pixels of the frame built for @view, and the widget's
 * box there. A rotated map keeps none: its plates are laid out unturned. */
static void
place_keep_out (XaCompoundScene      *self,
                const XaCompoundView *view)
{
  g_array_set_size (self->keep_out_world, 0);
  if (view->rotation != 0)
    {
      self->label_room = GRAPHENE_RECT_INIT (-G_MAXFLOAT / 2, -G_MAXFLOAT / 2, G_MAXFLOAT,
                                             G_MAXFLOAT);
      return;
    }
  self->label_room = GRAPHENE_RECT_INIT (view->x0, view->y0, view->w, view->h);
  for (guint i = 0; i < self->keep_out->len; i++)
    {
      graphene_rect_t world;

      graphene_rect_offset_r (&g_array_index (self->keep_out, graphene_rect_t, i), view->x0,
                              view->y0, &world);
      g_array_append_val (self->keep_out_world, world);
    }
}

gboolean
xa_compound_scene_ensure_items (XaCompoundScene      *self,
                                const XaCompoundView *view)
{
  graphene_rect_t box;
  double margin;
  int level;

  /* Dots and clusters are drawn at the widget's scale. */
  if (xa_compound_sprites_set_scale (self->sprites, gtk_widget_get_scale_factor (self->widget)))
    {
      xa_compound_scene_clear_textures (self);
      self->frame_valid = FALSE;
    }
  xa_compound_view_box (view, &box);
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
  g_array_set_size (self->labels, 0);
  place_keep_out (self, view);

  level = (int) floor (view->zoom + 0.5);
  self->frame_level = level < XA_CLUSTER_MAX_ZOOM ? MAX (level, 0) : -1;
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
      const XaCompoundItem *item = &g_array_index (self->items, XaCompoundItem, i);

      self->frame_in_view += graphene_rect_contains_point (&box, &GRAPHENE_POINT_INIT (item->wx,
                                                                                      item->wy));
    }
  return TRUE;
}

static const GdkRGBA leader_ink = { 0.2, 0.2, 0.2, 0.8 };

/* A line @width wide from widget point @x, @y towards @dx, @dy, from @start to @end along
 * it. */
static void
append_line (GtkSnapshot *snapshot,
             double       x,
             double       y,
             double       dx,
             double       dy,
             double       start,
             double       end,
             double       width)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_rotate (snapshot, atan2 (dy, dx) * 180 / G_PI);
  gtk_snapshot_append_color (snapshot, &leader_ink,
                             &GRAPHENE_RECT_INIT (start, -width / 2, end - start, width));
  gtk_snapshot_restore (snapshot);
}

/* From each item moved apart to the place it stands for: a thin dark line ending in a small
 * dot, under the items. */
static void
append_leader_lines (XaCompoundScene *self,
                     GtkSnapshot     *snapshot)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      const XaCompoundItem *item = &g_array_index (self->items, XaCompoundItem, i);
      double ax = item->ax - self->frame_x0, ay = item->ay - self->frame_y0;
      double dx = item->wx - item->ax, dy = item->wy - item->ay, length = hypot (dx, dy);
      GskRoundedRect spot;

      if (length < item->r)
        continue;
      append_line (snapshot, ax, ay, dx, dy, 0, length, 1.5);
      gsk_rounded_rect_init_from_rect (&spot, &GRAPHENE_RECT_INIT (ax - 2.5, ay - 2.5, 5, 5),
                                       2.5);
      gtk_snapshot_push_rounded_clip (snapshot, &spot);
      gtk_snapshot_append_color (snapshot, &leader_ink, &spot.bounds);
      gtk_snapshot_pop (snapshot);
    }
}

/* A line from each plate placed away from its cluster to the cluster's ring, so the name
 * still reads as the cluster's. */
static void
append_plate_leaders (XaCompoundScene *self,
                      GtkSnapshot     *snapshot)
{
  for (guint i = 0; i < self->labels->len; i++)
    {
      const XaCompoundLabel *label = &g_array_index (self->labels, XaCompoundLabel, i);
      double nx = CLAMP (label->cx, label->wx, label->wx + label->w);
      double ny = CLAMP (label->cy, label->wy, label->wy + label->h);
      double dx = nx - label->cx, dy = ny - label->cy;

      if (label->tied)
        append_line (snapshot, label->cx - self->frame_x0, label->cy - self->frame_y0, dx, dy,
                     label->r, hypot (dx, dy), MAX (1.5, label->h / 24));
    }
}

void
xa_compound_scene_ensure_node (XaCompoundScene *self)
{
  g_autoptr(GtkSnapshot) snapshot = NULL;
  XaClusterLevel *level = self->frame_level >= 0
                          ? xa_compound_clusters_peek_level (self->clusters, self->frame_level)
                          : NULL;

  if (self->frame_node_valid)
    return;
  self->frame_node_valid = TRUE;
  g_clear_pointer (&self->frame_node, gsk_render_node_unref);
  if (self->items->len == 0 && self->labels->len == 0)
    return;

  snapshot = gtk_snapshot_new ();
  /* Outlines are drawn with cairo, slow in software: left out while the zoom changes (back
   * the frame it settles), and where hundreds of compounds crowd the view, where they would
   * be clutter more than shape (measured: 425 outlines cost a pan at 100,000 compounds
   * 10–15 fps on the 2-core CPU-only machine). */
  if (self->frame_zoom >= BOUNDARY_MIN_ZOOM && !self->frame_zooming &&
      self->frame_in_view <= BOUNDARY_MAX_DOTS)
    xa_compound_boundaries_append (self->boundaries, snapshot, self->points, self->overlay,
                                   self->district_filter, self->generation, self->frame_zoom,
                                   self->frame_world, self->frame_x0, self->frame_y0,
                                   self->frame_x1, self->frame_y1);

  append_leader_lines (self, snapshot);
  append_plate_leaders (self, snapshot);
  for (guint i = 0; i < self->items->len; i++)
    {
      const XaCompoundItem *item = &g_array_index (self->items, XaCompoundItem, i);
      double x = item->wx - self->frame_x0, y = item->wy - self->frame_y0;

      if (item->is_cluster)
        {
          XaCluster *c = &level->clusters[item->index];

          double half = item->r + 1.5;

          if (c->texture == NULL)
            c->texture = xa_compound_sprites_draw_cluster (self->sprites, self->widget,
                                                           self->overlay, c);
          gtk_snapshot_append_texture (snapshot, c->texture,
                                       &GRAPHENE_RECT_INIT (x - half, y - half,
                                                            2 * half, 2 * half));
        }
      else
        {
          const XaCompoundPoint *p = xa_compound_points_get (self->points, item->index);
          GdkTexture *sprite = xa_compound_sprites_get_dot (self->sprites, self->overlay,
                                                            p->bands[self->overlay], item->r);
          double half = item->r + 1.5;

          gtk_snapshot_append_texture (snapshot, sprite,
                                       &GRAPHENE_RECT_INIT (x - half, y - half,
                                                            2 * half, 2 * half));
        }
    }
  /* The names over the clusters they name. */
  for (guint i = 0; i < self->labels->len; i++)
    {
      const XaCompoundLabel *label = &g_array_index (self->labels, XaCompoundLabel, i);

      gtk_snapshot_append_texture (snapshot, g_array_index (self->label_sprites, XaLabelSprite,
                                                            label->district).texture,
                                   &GRAPHENE_RECT_INIT (label->wx - self->frame_x0,
                                                        label->wy - self->frame_y0,
                                                        label->w, label->h));
    }
  self->frame_node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

const XaCompoundItem *
xa_compound_scene_item_at (XaCompoundScene      *self,
                           const XaCompoundView *view,
                           double                x,
                           double                y)
{
  double wx, wy;

  xa_compound_scene_ensure_items (self, view);
  xa_compound_view_to_world (view, x, y, &wx, &wy);
  for (guint i = self->items->len; i-- > 0;)
    {
      const XaCompoundItem *item = &g_array_index (self->items, XaCompoundItem, i);
      double reach = item->r + HIT_SLOP;

      if (fabs (item->wx - wx) <= reach && fabs (item->wy - wy) <= reach &&
          hypot (item->wx - wx, item->wy - wy) <= reach)
        return item;
    }
  return NULL;
}

const XaCompoundItem *
xa_compound_scene_find_item (XaCompoundScene *self,
                             gboolean         is_cluster,
                             guint            index,
                             int              level)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      const XaCompoundItem *item = &g_array_index (self->items, XaCompoundItem, i);

      if (item->index == index && item->is_cluster == is_cluster &&
          (!item->is_cluster || level == self->frame_level))
        return item;
    }
  return NULL;
}

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

/* Rows, left to right: Tab sweeps the map the way eyes do and neighbours follow each
 * other. */
GArray *
xa_compound_scene_tab_order (XaCompoundScene      *self,
                             const XaCompoundView *view,
                             double                row_height)
{
  g_autoptr(GArray) stops = g_array_new (FALSE, FALSE, sizeof (TabStop));
  GArray *order;

  for (guint i = 0; i < self->items->len; i++)
    {
      const XaCompoundItem *item = &g_array_index (self->items, XaCompoundItem, i);
      TabStop stop = { .item = i };
      double y;

      xa_compound_view_to_widget (view, item->wx, item->wy, &stop.x, &y);
      if (stop.x < 0 || y < 0 || stop.x > view->w || y > view->h)
        continue;
      stop.row = floor (y / row_height);
      g_array_append_val (stops, stop);
    }
  g_array_sort (stops, compare_tab_stops);
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), stops->len);
  for (guint i = 0; i < stops->len; i++)
    g_array_append_val (order, g_array_index (stops, TabStop, i).item);
  return order;
}

float
xa_compound_scene_dot_radius (XaCompoundScene       *self,
                              const XaCompoundPoint *p)
{
  /* Area grows with the open count, so a compound with 9 problems reads as three times
   * as wide as one with 1, and even a long list stays a dot. */
  double m = xa_compound_sprites_get_magnification (self->sprites);

  if (self->overlay == XA_OVERLAY_PROBLEMS)
    return (float) (MIN (4.0 + 2.0 * sqrt ((double) p->open_problems), 14.0) * m);
  return (float) (XA_DOT_RADIUS * m);
}

float
xa_compound_scene_cluster_radius (XaCompoundScene *self,
                                  guint            n)
{
  return (float) (xa_cluster_radius (n) * xa_compound_sprites_get_magnification (self->sprites));
}

gboolean
xa_compound_scene_set_magnification (XaCompoundScene *self,
                                     double           magnification)
{
  if (!xa_compound_sprites_set_magnification (self->sprites, magnification))
    return FALSE;
  xa_compound_scene_clear_textures (self);
  self->generation++;
  return TRUE;
}

gboolean
xa_compound_scene_set_label_keep_out (XaCompoundScene       *self,
                                      const graphene_rect_t *rects,
                                      guint                  n_rects)
{
  gboolean same = self->keep_out->len == n_rects;

  for (guint i = 0; same && i < n_rects; i++)
    same = graphene_rect_equal (&g_array_index (self->keep_out, graphene_rect_t, i), &rects[i]);
  if (same)
    return FALSE;
  g_array_set_size (self->keep_out, 0);
  g_array_append_vals (self->keep_out, rects, n_rects);
  self->generation++;
  return TRUE;
}

const XaCluster *
xa_compound_scene_get_cluster (XaCompoundScene *self,
                               guint            index)
{
  XaClusterLevel *level;

  g_assert (self->frame_level >= 0);
  level = xa_compound_clusters_peek_level (self->clusters, self->frame_level);
  g_assert (level != NULL && index < level->n_clusters);
  return &level->clusters[index];
}

static void
update_filter_index (XaCompoundScene *self)
{
  self->filter_index = -1;
  if (self->district_filter != NULL && self->points != NULL)
    self->filter_index = xa_compound_points_find_district (self->points, self->district_filter);
}

gboolean
xa_compound_scene_set_points (XaCompoundScene  *self,
                              XaCompoundPoints *points)
{
  if (!g_set_object (&self->points, points))
    return FALSE;
  xa_compound_clusters_clear (self->clusters);
  g_array_set_size (self->label_sprites, 0);
  update_filter_index (self);
  return TRUE;
}

gboolean
xa_compound_scene_set_overlay (XaCompoundScene *self,
                               XaOverlay        overlay)
{
  if (self->overlay == overlay)
    return FALSE;
  self->overlay = overlay;
  /* The cluster looks depend on the overlay, the scale and the font. */
  xa_compound_clusters_clear_textures (self->clusters);
  return TRUE;
}

gboolean
xa_compound_scene_set_district_filter (XaCompoundScene *self,
                                       const char      *code_or_NULL)
{
  if (g_strcmp0 (self->district_filter, code_or_NULL) == 0)
    return FALSE;
  g_free (self->district_filter);
  self->district_filter = g_strdup (code_or_NULL);
  /* Clusters keep to one district, so the levels stay: the filter only leaves some out. */
  update_filter_index (self);
  return TRUE;
}

gboolean
xa_compound_scene_set_tile_size (XaCompoundScene *self,
                                 double           tile_size)
{
  if (tile_size == self->tile_size)
    return FALSE;
  self->tile_size = tile_size;
  xa_compound_clusters_clear (self->clusters);
  self->generation++;
  return TRUE;
}

void
xa_compound_scene_clear_textures (XaCompoundScene *self)
{
  xa_compound_clusters_clear_textures (self->clusters);
  g_array_set_size (self->label_sprites, 0);
}

void
xa_compound_scene_invalidate (XaCompoundScene *self)
{
  self->generation++;
  self->frame_valid = FALSE;
}

static void
clear_label_sprite (gpointer data)
{
  g_clear_object (&((XaLabelSprite *) data)->texture);
}

XaCompoundScene *
xa_compound_scene_new (GtkWidget *widget)
{
  XaCompoundScene *self = g_new0 (XaCompoundScene, 1);

  self->widget = widget;
  self->overlay = XA_OVERLAY_FLOOD;
  self->filter_index = -1;
  self->clusters = xa_compound_clusters_new ();
  self->sprites = xa_compound_sprites_new ();
  self->boundaries = xa_compound_boundaries_new ();
  self->items = g_array_new (FALSE, FALSE, sizeof (XaCompoundItem));
  self->labels = g_array_new (FALSE, FALSE, sizeof (XaCompoundLabel));
  self->keep_out = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->keep_out_world = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->label_sprites = g_array_new (FALSE, TRUE, sizeof (XaLabelSprite));
  g_array_set_clear_func (self->label_sprites, clear_label_sprite);
  self->scratch = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
xa_compound_scene_dispose (XaCompoundScene *self)
{
  xa_compound_clusters_clear (self->clusters);
  g_clear_object (&self->points);
  g_clear_pointer (&self->frame_node, gsk_render_node_unref);
  g_array_set_size (self->label_sprites, 0);
  xa_compound_sprites_clear (self->sprites);
  xa_compound_boundaries_clear (self->boundaries);
}

void
xa_compound_scene_free (XaCompoundScene *self)
{
  if (self == NULL)
    return;
  xa_compound_scene_dispose (self);
  g_clear_pointer (&self->district_filter, g_free);
  g_clear_pointer (&self->clusters, xa_compound_clusters_free);
  g_clear_pointer (&self->sprites, xa_compound_sprites_free);
  g_clear_pointer (&self->boundaries, xa_compound_boundaries_free);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->keep_out, g_array_unref);
  g_clear_pointer (&self->keep_out_world, g_array_unref);
  g_clear_pointer (&self->label_sprites, g_array_unref);
  g_clear_pointer (&self->scratch, g_array_unref);
  g_free (self);
}
