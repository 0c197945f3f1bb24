/* xa-map-view-private.h — a narrow view into XaMapView for the UI tests and benchmarks: the
 * objects it draws with, the basemap shown without the settings, and its template children
 * by their ids in xa-map-view.ui. Nothing in the application includes it. */
#pragma once

#include <shumate/shumate.h>

#include "xa-basemap.h"
#include "xa-compound-layer.h"
#include "xa-compound-list.h"
#include "xa-compound-panel.h"
#include "xa-map-legend.h"
#include "xa-map-view.h"

G_BEGIN_DECLS

ShumateMap      *_xa_map_view_get_map           (XaMapView *self);
XaCompoundLayer *_xa_map_view_get_layer         (XaMapView *self);
XaCompoundPanel *_xa_map_view_get_panel         (XaMapView *self);
XaMapLegend     *_xa_map_view_get_legend        (XaMapView *self);
XaCompoundList  *_xa_map_view_get_compound_list (XaMapView *self);
GtkEditable     *_xa_map_view_get_search_entry  (XaMapView *self);
GtkListBox      *_xa_map_view_get_results_list  (XaMapView *self);
gboolean         _xa_map_view_get_sidebar_shown (XaMapView *self);
/* Shows @basemap as the settings' choice would, without reading them (or the keyring). */
void             _xa_map_view_use_basemap       (XaMapView *self,
                                                 XaBasemap *basemap);
/* The text of the basemap notice, or NULL while it is hidden. */
const char      *_xa_map_view_get_notice_text   (XaMapView *self);

/* The template child of @view with @id in xa-map-view.ui, as a @Type *. */
#define _xa_map_view_child(view, Type, id) \
  ((Type *) gtk_widget_get_template_child (GTK_WIDGET (view), XA_TYPE_MAP_VIEW, (id)))

G_END_DECLS
