/* xa-compound-layer.h — the compounds on the map: one ShumateLayer that draws every
 * compound itself (dots in the colours of the current overlay, clusters with a count at low
 * zoom, boundaries at high zoom), with clicks, hover tooltips, keyboard navigation and the
 * selected compound. Thousands of ShumateMarker widgets are far too slow for a city. */
#pragma once

#include <shumate/shumate.h>

#include "xa-compound-points.h"
#include "xa-overlay.h"

G_BEGIN_DECLS

#define XA_TYPE_COMPOUND_LAYER (xa_compound_layer_get_type ())
G_DECLARE_FINAL_TYPE (XaCompoundLayer, xa_compound_layer, XA, COMPOUND_LAYER, ShumateLayer)

XaCompoundLayer  *xa_compound_layer_new                 (ShumateViewport  *viewport);

/* The compounds to draw; NULL draws none. The selection is kept when its id is still
 * there. */
void              xa_compound_layer_set_points          (XaCompoundLayer  *self,
                                                         XaCompoundPoints *points);
XaCompoundPoints *xa_compound_layer_get_points          (XaCompoundLayer  *self);

void              xa_compound_layer_set_overlay         (XaCompoundLayer  *self,
                                                         XaOverlay         overlay);
XaOverlay         xa_compound_layer_get_overlay         (XaCompoundLayer  *self);

/* Only the compounds of district @code_or_NULL are drawn, hit and reached with Tab; NULL
 * shows every district. */
void              xa_compound_layer_set_district_filter (XaCompoundLayer  *self,
                                                         const char       *code_or_NULL);
const char       *xa_compound_layer_get_district_filter (XaCompoundLayer  *self);

/* The selected compound (property "selected-id"); NULL for none. Setting it does not emit
 * "compound-activated": that is for the user's click or Enter. */
void              xa_compound_layer_set_selected_id     (XaCompoundLayer  *self,
                                                         const char       *id_or_NULL);
const char       *xa_compound_layer_get_selected_id     (XaCompoundLayer  *self);

/* How much larger than normal the dots, the clusters with their counts and the district
 * plates are drawn (property "type-scale", 1 to 4, default 1): presentation mode's large
 * type, read from five metres away on a projector. */
void              xa_compound_layer_set_type_scale      (XaCompoundLayer  *self,
                                                         double            type_scale);
double            xa_compound_layer_get_type_scale      (XaCompoundLayer  *self);
/* Rectangles of the layer (controls floating over the map: presentation mode's progress
 * line and legend) that the district plates keep clear of, @n_rects of them; while there
 * are any, plates also stay inside the layer. 0 for none, as by default. */
void              xa_compound_layer_set_label_keep_out  (XaCompoundLayer       *self,
                                                         const graphene_rect_t *rects,
                                                         guint                  n_rects);

/* Fills @margins (48 px each side when it is not called) with the room that fitting must
 * leave free along the layer's edges, for controls floating over the map. */
typedef void (*XaCompoundLayerMarginsFunc) (XaCompoundLayer *self,
                                            GtkBorder       *margins,
                                            gpointer         user_data);

/* How the fits below learn the room to leave; NULL for 48 px each side. */
void              xa_compound_layer_set_fit_margins_func (XaCompoundLayer           *self,
                                                          XaCompoundLayerMarginsFunc func,
                                                          gpointer                   user_data);
/* Moves the viewport so the box shows whole inside the margins, no closer than a street
 * (after the first allocation, if the layer has no size yet); with @animate, the map flies
 * there when it is shown. */
void              xa_compound_layer_fit_box             (XaCompoundLayer  *self,
                                                         double            min_lat,
                                                         double            min_lon,
                                                         double            max_lat,
                                                         double            max_lon,
                                                         gboolean          animate);
/* The same, animated, for the box of every compound (Home); nothing without compounds. */
void              xa_compound_layer_fit_all             (XaCompoundLayer  *self);
/* Centres the viewport on the compound @id, zooming in when the view is too far out to
 * show it as a single dot. FALSE when there is no such compound. */
gboolean          xa_compound_layer_go_to               (XaCompoundLayer  *self,
                                                         const char       *id);

G_END_DECLS
