/* xa-map-view.h — the map page of the window: every compound on a libshumate map coloured
 * by one of the four overlays, a legend, the basemap and its offline notice, and a sidebar
 * with search, the district filter and the selected compound's card; on the right, when a
 * legend row or a figure asks for it, the list of the compounds it counts (XaCompoundList).
 *
 * Its actions are widget actions of the view: map.overlay (s: flood | charging |
 * elevator-age | problems; the property "overlay"), map.search, map.toggle-sidebar (the
 * property "sidebar-shown"), map.zoom-in, map.zoom-out, map.fit. The window forwards its
 * accelerators to them. */
#pragma once

#include <adwaita.h>

#include "xa-compound-list.h"
#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_MAP_VIEW (xa_map_view_get_type ())
G_DECLARE_FINAL_TYPE (XaMapView, xa_map_view, XA, MAP_VIEW, AdwBin)

/* Reads the compounds of @store again (after a sync) and redraws. The view keeps a
 * reference to @store for the compound card. The first load after construction restores
 * the last view from settings, or fits the whole city. */
gboolean      xa_map_view_load          (XaMapView  *self,
                                         XaStore    *store,
                                         GError    **error);
/* Builds the basemap again, e.g. after its key changed in the keyring. */
void          xa_map_view_reload_basemap (XaMapView *self);
/* Shows the tiles of the MBTiles file @path (a meeting pack's) whatever the settings
 * choose; NULL: the settings' basemap again. */
void          xa_map_view_set_basemap_file (XaMapView  *self,
                                            const char *path);
/* Forgets the store (it is about to be replaced or closed). */
void          xa_map_view_clear         (XaMapView  *self);
/* The district chosen in the sidebar (property "district", notified on change): its code,
 * or NULL for all districts. The map then shows, hit tests and counts only its compounds. */
const char   *xa_map_view_get_district      (XaMapView  *self);
/* Chooses the district @code_or_NULL (NULL or an unknown code: all districts), as the
 * sidebar's drop-down does: the map, the lists and the figures follow. */
void          xa_map_view_set_district      (XaMapView  *self,
                                             const char *code_or_NULL);
/* The chosen district's name, or NULL for all districts. */
const char   *xa_map_view_get_district_name (XaMapView  *self);
/* Selects the compound @compound_id and brings it into view, as a search result does; the
 * district filter goes back to all districts when the compound lies in another. */
void          xa_map_view_select_compound   (XaMapView  *self,
                                             const char *compound_id);
/* The compound the sidebar's card shows (the one selected), or NULL. */
const char   *xa_map_view_get_selected_compound (XaMapView *self);
/* Opens the list of the compounds the figure @figure of the Figures page counts (names in
 * xa-compound-list.h) beside the map; FALSE for a figure without one. */
gboolean      xa_map_view_show_figure_list  (XaMapView  *self,
                                             const char *figure);
/* The list of compounds beside the map (hidden until a legend row or a figure opens it). */
XaCompoundList *xa_map_view_get_compound_list (XaMapView *self);
/* The selected compound's id, or NULL. */
const char   *xa_map_view_get_selected_id   (XaMapView  *self);
/* Fits the whole city, with nothing selected: the overview of a meeting. */
void          xa_map_view_show_city         (XaMapView  *self);
/* Presentation mode's map: no sidebar, list of compounds, overlay chooser or zoom buttons,
 * every district, the compounds and their counts @type_scale times larger (see
 * xa_compound_layer_set_type_scale()). Leaving it puts back the sidebar, the list, the
 * district filter, the selection and the view as they were. */
void          xa_map_view_set_presenting    (XaMapView  *self,
                                             gboolean    presenting,
                                             double      type_scale);
gboolean      xa_map_view_get_presenting    (XaMapView  *self);
/* Floats @widget over the map (presentation mode's card and progress line). */
void          xa_map_view_add_overlay       (XaMapView  *self,
                                             GtkWidget  *widget);
/* Writes the centre and zoom to settings, for the next start. */
void          xa_map_view_save_state    (XaMapView  *self);

G_END_DECLS
