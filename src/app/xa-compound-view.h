/* xa-compound-view.h — the map's viewport as XaCompoundLayer sees it for one frame (world
 * pixels at the current zoom, the widget's size, the rotation), and the moves the layer
 * makes on it for keys, clicks, go_to() and fitting a box. The moves take the layer to find
 * its viewport and the ShumateMap around it, whose animations they use when it is shown.
 * Used only by the layer and its scene. */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

typedef struct
{
  double zoom, world;           /* world = tile size × 2^zoom, in pixels */
  double cx, cy;                /* world pixels of the centre */
  double x0, y0;                /* world pixels of the widget's top left, before rotation */
  double w, h, rotation;
} XaCompoundView;

/* Reads @layer's viewport and size into @view, and the map source's @tile_size. FALSE when
 * there is nothing to see yet (no map source, no size). */
gboolean xa_compound_view_read       (XaCompoundView       *view,
                                      ShumateLayer         *layer,
                                      double               *tile_size);

/* The world box that can show in the widget (all of it when the map is rotated). */
void     xa_compound_view_box        (const XaCompoundView *view,
                                      graphene_rect_t      *box);
/* Widget coordinates of a world point, and back (rotation as ShumateViewport does it). */
void     xa_compound_view_to_widget  (const XaCompoundView *view,
                                      double                wx,
                                      double                wy,
                                      double               *x,
                                      double               *y);
void     xa_compound_view_to_world   (const XaCompoundView *view,
                                      double                x,
                                      double                y,
                                      double               *wx,
                                      double               *wy);
/* Whether world point @wx, @wy is inside the widget, and where. */
gboolean xa_compound_view_shows      (const XaCompoundView *view,
                                      double                wx,
                                      double                wy,
                                      double               *x,
                                      double               *y);

/* Centres @layer's map on @lat, @lon at @zoom (clamped to the viewport's range). */
void     xa_compound_view_move_to    (ShumateLayer         *layer,
                                      double                lat,
                                      double                lon,
                                      double                zoom);
/* Centres @layer's map on the box @min_lat … @max_lon at the deepest zoom (up to
 * @max_zoom) that shows all of it inside @view's widget less @margins, and centred there;
 * @tile_size is the map source's. With @animate, as xa_compound_view_move_to(); else at
 * once. */
void     xa_compound_view_fit        (ShumateLayer         *layer,
                                      const XaCompoundView *view,
                                      double                tile_size,
                                      double                min_lat,
                                      double                min_lon,
                                      double                max_lat,
                                      double                max_lon,
                                      const GtkBorder      *margins,
                                      double                max_zoom,
                                      gboolean              animate);
/* Moves @layer's map by @dx, @dy widget sizes, as @view (its current view) is turned. */
void     xa_compound_view_pan        (ShumateLayer         *layer,
                                      const XaCompoundView *view,
                                      double                dx,
                                      double                dy);
/* Zooms @layer's map in (@steps > 0) or out by one step, or by @steps whole levels when no
 * map is shown. */
void     xa_compound_view_zoom_by    (ShumateLayer         *layer,
                                      int                   steps);

G_END_DECLS
