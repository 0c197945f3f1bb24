/* xa-map-view-private.h — what XaMapView's files share: the instance struct and the
 * functions one file calls in another (xa-map-view.c: the widget, its actions, the district
 * filter, the search, the compounds and the saved view; xa-map-view-basemap.c: the basemap
 * the settings choose, its zoom range, attribution and offline notice), and what the UI
 * tests and benchmarks look at inside the view. */
#pragma once

#include <shumate/shumate.h>

#include "xa-basemap.h"
#include "xa-compound-layer.h"
#include "xa-compound-panel.h"
#include "xa-compound-points.h"
#include "xa-map-legend.h"
#include "xa-map-view.h"

G_BEGIN_DECLS

/* Zoom levels the map allows: below 5 China is a dot, above 19 tiles run out. */
#define XA_MAP_VIEW_MIN_ZOOM 5.0
#define XA_MAP_VIEW_MAX_ZOOM 19.0

struct _XaMapView
{
  AdwBin              parent_instance;

  /* template */
  AdwFlap            *flap;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *district_dropdown;
  GtkRevealer        *results_revealer;
  GtkLabel           *results_label;
  GtkListBox         *results_list;
  GtkWidget          *results_scrolled;
  GtkWidget          *no_results_page;
  GtkLabel           *no_results_title;
  AdwBin             *panel_bin;
  ShumateMap         *map;
  GtkRevealer        *offline_revealer;
  GtkLabel           *offline_label;
  GtkMenuButton      *notice_button;
  GtkLabel           *notice_chip_label;
  AdwBin             *legend_bin;
  GtkWidget          *overlay_chooser;
  GtkWidget          *zoom_buttons;
  ShumateScale       *scale;
  GtkLabel           *attribution_label;
  XaCompoundPanel    *panel;
  XaMapLegend        *legend;
  XaCompoundLayer    *layer;

  GSettings          *settings;
  XaStore            *store;
  XaCompoundPoints   *points;
  XaBasemap          *basemap;
  GCancellable       *key_cancellable;

  /* District codes in the order of the dropdown's items after "All districts". */
  GPtrArray          *district_codes;
  /* The box of the district seats, a first guess of the city's extent. */
  double              min_lat, max_lat, min_lon, max_lon;

  gboolean            view_restored;
  /* Set while search brings every district back: the search's own move follows. */
  gboolean            keep_view;
};

/* ---- Between the view's files ---- */

/* xa-map-view-basemap.c */
/* Builds the basemap the settings ask for (asking the keyring first for Tianditu's key). */
void             _xa_map_view_apply_basemap    (XaMapView *self);
/* Follows the settings that choose the basemap. */
void             _xa_map_view_init_basemap     (XaMapView *self);

/* ---- For the tests and benchmarks ---- */

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
