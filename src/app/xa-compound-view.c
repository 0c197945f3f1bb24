/* xa-compound-view.c — see xa-compound-view.h. */
#include "config.h"

#include <math.h>

#include "xa-compound-view.h"
#include "xa-compound-points.h"

gboolean
xa_compound_view_read (XaCompoundView *view,
                       ShumateLayer   *layer,
                       double         *tile_size)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (layer);
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double mx, my, tile;

  view->w = gtk_widget_get_width (GTK_WIDGET (layer));
  view->h = gtk_widget_get_height (GTK_WIDGET (layer));
  if (source == NULL || view->w <= 0 || view->h <= 0)
    return FALSE;

  tile = *tile_size = shumate_map_source_get_tile_size (source);
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

void
xa_compound_view_box (const XaCompoundView *view,
                      graphene_rect_t      *box)
{
  double hw = view->w / 2, hh = view->h / 2;

  if (view->rotation != 0)
    hw = hh = hypot (view->w, view->h) / 2;
  graphene_rect_init (box, view->cx - hw, view->cy - hh, 2 * hw, 2 * hh);
}

void
xa_compound_view_to_widget (const XaCompoundView *view,
                            double                wx,
                            double                wy,
                            double               *x,
                            double               *y)
{
  double dx = wx - view->cx, dy = wy - view->cy;
  double c = cos (view->rotation), s = sin (view->rotation);

  *x = view->w / 2 + dx * c - dy * s;
  *y = view->h / 2 + dx * s + dy * c;
}

void
xa_compound_view_to_world (const XaCompoundView *view,
                           double                x,
                           double                y,
                           double               *wx,
                           double               *wy)
{
  double dx = x - view->w / 2, dy = y - view->h / 2;
  double c = cos (view->rotation), s = sin (view->rotation);

  *wx = view->cx + dx * c + dy * s;
  *wy = view->cy - dx * s + dy * c;
}

gboolean
xa_compound_view_shows (const XaCompoundView *view,
                        double                wx,
                        double                wy,
                        double               *x,
                        double               *y)
{
  xa_compound_view_to_widget (view, wx, wy, x, y);
  return *x >= 0 && *y >= 0 && *x <= view->w && *y <= view->h;
}

static ShumateMap *
find_map (ShumateLayer *layer)
{
  GtkWidget *map = gtk_widget_get_ancestor (GTK_WIDGET (layer), SHUMATE_TYPE_MAP);

  return map != NULL && gtk_widget_get_mapped (map) ? SHUMATE_MAP (map) : NULL;
}

static double
clamp_zoom (ShumateViewport *viewport,
            double           zoom)
{
  return CLAMP (zoom, shumate_viewport_get_min_zoom_level (viewport),
                shumate_viewport_get_max_zoom_level (viewport));
}

/* Without an animation: the viewport itself is set, at once. */
static void
jump_to (ShumateViewport *viewport,
         double           lat,
         double           lon,
         double           zoom)
{
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  shumate_viewport_set_zoom_level (viewport, zoom);
}

void
xa_compound_view_move_to (ShumateLayer *layer,
                          double        lat,
                          double        lon,
                          double        zoom)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (layer);
  ShumateMap *map = find_map (layer);

  zoom = clamp_zoom (viewport, zoom);
  if (map != NULL)
    shumate_map_go_to_full (map, lat, lon, zoom);
  else
    jump_to (viewport, lat, lon, zoom);
}

void
xa_compound_view_fit (ShumateLayer         *layer,
                      const XaCompoundView *view,
                      double                tile_size,
                      double                min_lat,
                      double                min_lon,
                      double                max_lat,
                      double                max_lon,
                      const GtkBorder      *margins,
                      double                max_zoom,
                      gboolean              animate)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (layer);
  double x0, y0, x1, y1, zoom, world, lat, lon;

  xa_mercator_from_location (max_lat, min_lon, &x0, &y0);
  xa_mercator_from_location (min_lat, max_lon, &x1, &y1);
  zoom = MIN (log2 (MAX (view->w - margins->left - margins->right, 1)
                    / MAX ((x1 - x0) * tile_size, 1e-12)),
              log2 (MAX (view->h - margins->top - margins->bottom, 1)
                    / MAX ((y1 - y0) * tile_size, 1e-12)));
  zoom = clamp_zoom (viewport, MIN (zoom, max_zoom));
  /* The box's centre goes to the centre of the free part of the widget. */
  world = tile_size * exp2 (zoom);
  xa_mercator_to_location ((x0 + x1) / 2 - (margins->left - margins->right) / 2.0 / world,
                           (y0 + y1) / 2 - (margins->top - margins->bottom) / 2.0 / world,
                           &lat, &lon);
  if (animate)
    xa_compound_view_move_to (layer, lat, lon, zoom);
  else
    jump_to (viewport, lat, lon, zoom);
}

void
xa_compound_view_pan (ShumateLayer         *layer,
                      const XaCompoundView *view,
                      double                dx,
                      double                dy)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (layer);
  double wx, wy, lat, lon;

  xa_compound_view_to_world (view, view->w / 2 + dx * view->w, view->h / 2 + dy * view->h,
                             &wx, &wy);
  xa_mercator_to_location (wx / view->world - floor (wx / view->world),
                           CLAMP (wy / view->world, 0.0, 1.0), &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
}

void
xa_compound_view_zoom_by (ShumateLayer *layer,
                          int           steps)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (layer);
  ShumateMap *map = find_map (layer);

  if (map != NULL && steps > 0)
    shumate_map_zoom_in (map);
  else if (map != NULL)
    shumate_map_zoom_out (map);
  else
    shumate_viewport_set_zoom_level (viewport,
                                     round (shumate_viewport_get_zoom_level (viewport)) + steps);
}
