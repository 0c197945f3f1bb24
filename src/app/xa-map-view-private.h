/* xa-map-view-private.h — what the UI tests and benchmarks look at inside XaMapView. */
#pragma once

#include <shumate/shumate.h>

#include "xa-basemap.h"
#include "xa-compound-layer.h"
#include "xa-compound-panel.h"
#include "xa-map-legend.h"
#include "xa-map-view.h"

G_BEGIN_DECLS

ShumateMap      *_xa_map_view_get_map          (XaMapView *self);
XaCompoundLayer *_xa_map_view_get_layer        (XaMapView *self);
XaCompoundPanel *_xa_map_view_get_panel        (XaMapView *self);
XaMapLegend     *_xa_map_view_get_legend       (XaMapView *self);
GtkEditable     *_xa_map_view_get_search_entry (XaMapView *self);
GtkListBox      *_xa_map_view_get_results_list (XaMapView *self);
gboolean         _xa_map_view_get_sidebar_shown (XaMapView *self);
/* Shows @basemap as the settings' choice would, without reading them (or the keyring). */
void             _xa_map_view_use_basemap      (XaMapView *self,
                                                XaBasemap *basemap);
/* The text of the basemap notice, or NULL while it is hidden. */
const char      *_xa_map_view_get_notice_text  (XaMapView *self);

G_END_DECLS
