/* xa-map-view.c — see xa-map-view.h. The view owns the map's chrome and its settings; the
 * drawing of compounds is XaCompoundLayer's, the card XaCompoundPanel's, the legend
 * XaMapLegend's and the tiles XaBasemap's. Which basemap to show, and its notice, is the
 * section "The basemap" below. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <shumate/shumate.h>
#include <string.h>

#include "xa-compound-layer.h"
#include "xa-compound-panel.h"
#include "xa-compound-points.h"
#include "xa-keyring.h"
#include "xa-compound-list.h"
#include "xa-map-legend.h"
#include "xa-map-view-private.h"
#include "xa-overlay.h"

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
  GtkPaned           *list_paned;
  XaCompoundPanel    *panel;
  XaCompoundList     *list;
  XaMapLegend        *legend;
  XaCompoundLayer    *layer;

  GSettings          *settings;
  XaStore            *store;
  XaCompoundPoints   *points;
  XaBasemap          *basemap;
  GCancellable       *key_cancellable;
  /* A meeting pack's tiles, instead of the basemap of the settings; or NULL. */
  char               *basemap_file;

  /* District codes in the order of the dropdown's items after "All districts". */
  GPtrArray          *district_codes;
  /* The box of the district seats, a first guess of the city's extent. */
  double              min_lat, max_lat, min_lon, max_lon;

  gboolean            view_restored;
  /* What presentation mode changed, to put back when it ends (presented: TRUE meanwhile). */
  struct
  {
    gboolean presenting;
    gboolean sidebar_shown;
    gboolean list_visible;
    guint    district;
    char    *selected_id;
    double   latitude, longitude, zoom;
  } before_presenting;
  /* Widgets floated over the map by xa_map_view_add_overlay(); the overlay owns them. */
  GPtrArray          *floating;
  /* Set while search brings every district back: the search's own move follows. */
  gboolean            keep_view;
};

G_DEFINE_FINAL_TYPE (XaMapView, xa_map_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_DISTRICT,
  PROP_OVERLAY,
  PROP_SIDEBAR_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_legend (XaMapView *self);
static XaOverlay get_overlay (XaMapView *self);
static void select_compound (XaMapView *self, const char *compound_id);

/* ---- The basemap ----------------------------------------------------------------------
 *
 * The one the settings choose (Tianditu's key read from the keyring first), built again
 * when they change; the zoom range and the attribution it brings; and the notice shown
 * while its tiles cannot be had, or when it cannot be built at all and the compounds fall
 * back to a plain background. The tiles themselves are XaBasemap's. */

static void
offline_changed_cb (XaMapView *self)
{
  gboolean offline = xa_basemap_get_offline (self->basemap);

  if (offline)
    {
      gtk_label_set_label (self->notice_chip_label, _("Basemap offline"));
      gtk_label_set_label (self->offline_label, xa_basemap_get_offline_message (self->basemap));
    }
  gtk_revealer_set_reveal_child (self->offline_revealer, offline);
}

/* Credit only what is drawn: no tile of the basemap shown yet, no attribution. */
static void
tiles_shown_cb (XaMapView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->attribution_label),
                          *xa_basemap_get_attribution (self->basemap) != '\0' &&
                          xa_basemap_get_tiles_shown (self->basemap));
}

void
_xa_map_view_use_basemap (XaMapView *self,
                          XaBasemap *basemap)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  if (self->basemap != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->basemap, self);
      xa_basemap_detach (self->basemap);
    }
  g_set_object (&self->basemap, basemap);
  xa_basemap_attach (basemap, self->map);
  /* The reference source copies its zoom range onto the viewport; the compounds need no
   * more than XA_MAP_VIEW_MAX_ZOOM. Not deeper than the tiles go either: libshumate 1.0's
   * map layer asks for tiles at the viewport's zoom, and Tianditu has none past 18 (MBTiles
   * sources enlarge their own deepest level and claim more). */
  shumate_viewport_set_min_zoom_level (viewport, (guint) XA_MAP_VIEW_MIN_ZOOM);
  shumate_viewport_set_max_zoom_level (viewport,
                                       MIN ((guint) XA_MAP_VIEW_MAX_ZOOM,
                                            shumate_map_source_get_max_zoom_level (
                                              xa_basemap_get_reference_source (basemap))));
  gtk_label_set_label (self->attribution_label, xa_basemap_get_attribution (basemap));
  g_signal_connect_swapped (basemap, "notify::tiles-shown", G_CALLBACK (tiles_shown_cb), self);
  tiles_shown_cb (self);
  g_signal_connect_swapped (basemap, "notify::offline", G_CALLBACK (offline_changed_cb), self);
  offline_changed_cb (self);
}

static void
build_basemap (XaMapView  *self,
               const char *tianditu_key,
               const char *keyring_problem)
{
  g_autoptr(XaBasemap) basemap = NULL;
  g_autoptr(GError) error = NULL;

  basemap = self->basemap_file != NULL
            ? xa_basemap_new ("mbtiles", NULL, self->basemap_file, NULL, &error)
            : xa_basemap_new_from_settings (self->settings, tianditu_key, &error);
  if (basemap == NULL)
    {
      g_autofree char *text = NULL;

      /* The compounds must stay usable: fall back to the plain background and say why. */
      basemap = xa_basemap_new ("none", NULL, NULL, NULL, NULL);
      _xa_map_view_use_basemap (self, basemap);
      if (keyring_problem != NULL)
        /* Translators: the first %s says why the basemap cannot be shown, the second why
         * the keyring could not be read. */
        text = g_strdup_printf (_("%s (%s) The compounds are shown on a plain background."),
                                error->message, keyring_problem);
      else
        /* Translators: %s says why the basemap cannot be shown. */
        text = g_strdup_printf (_("%s The compounds are shown on a plain background."),
                                error->message);
      gtk_label_set_label (self->notice_chip_label, _("No basemap"));
      gtk_label_set_label (self->offline_label, text);
      gtk_revealer_set_reveal_child (self->offline_revealer, TRUE);
      return;
    }
  _xa_map_view_use_basemap (self, basemap);
}

static void
tianditu_key_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(XaMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = xa_keyring_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->settings == NULL)
    return;
  build_basemap (self, key, error != NULL ? error->message : NULL);
}

/* Builds the basemap the settings ask for. Tianditu's key lives in the keyring, which is
 * asked first; every other choice is built at once. */
static void
apply_basemap (XaMapView *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "basemap");

  g_cancellable_cancel (self->key_cancellable);
  g_clear_object (&self->key_cancellable);
  if (g_strcmp0 (kind, "tianditu") == 0 && self->basemap_file == NULL)
    {
      self->key_cancellable = g_cancellable_new ();
      xa_keyring_lookup (XA_SECRET_TIANDITU_KEY, NULL, XA_KEYRING_LOOKUP_NONE,
                         self->key_cancellable, tianditu_key_cb, g_object_ref (self));
      return;
    }
  build_basemap (self, NULL, NULL);
}

/* Settings that change the tiles. */
static const char * const basemap_keys[] = {
  "basemap", "basemap-xyz-url", "basemap-mbtiles-path",
};

static void
init_basemap (XaMapView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (basemap_keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", basemap_keys[i], NULL);

      g_signal_connect_swapped (self->settings, signal,
                                G_CALLBACK (apply_basemap), self);
    }
}

void
xa_map_view_reload_basemap (XaMapView *self)
{
  g_return_if_fail (XA_IS_MAP_VIEW (self));

  apply_basemap (self);
}

void
xa_map_view_set_basemap_file (XaMapView  *self,
                              const char *path)
{
  g_return_if_fail (XA_IS_MAP_VIEW (self));

  g_free (self->basemap_file);
  self->basemap_file = g_strdup (path);
  apply_basemap (self);
}

const char *
_xa_map_view_get_notice_text (XaMapView *self)
{
  if (!gtk_revealer_get_reveal_child (self->offline_revealer))
    return NULL;
  return gtk_label_get_label (self->offline_label);
}

/* ---- The view ---- */

static ShumateViewport *
get_viewport (XaMapView *self)
{
  return shumate_map_get_viewport (self->map);
}

/* In presentation mode the large district plates keep clear of the legend and of what
 * floats over the map (the progress line), and inside the picture: a plate under the
 * progress line or cut by the projector's edge cannot be read. */
static void
update_label_keep_out (XaMapView *self)
{
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  GtkWidget *layer = GTK_WIDGET (self->layer);

  if (self->before_presenting.presenting)
    {
      g_autoptr(GPtrArray) over = g_ptr_array_copy (self->floating, NULL, NULL);

      g_ptr_array_add (over, self->legend_bin);
      for (guint i = 0; i < over->len; i++)
        {
          graphene_rect_t bounds;

          if (gtk_widget_get_visible (over->pdata[i])
              && gtk_widget_compute_bounds (over->pdata[i], layer, &bounds)
              && bounds.size.width > 0 && bounds.size.height > 0)
            g_array_append_val (rects, bounds);
        }
    }
  xa_compound_layer_set_label_keep_out (self->layer, (const graphene_rect_t *) rects->data,
                                        rects->len);
}

/* The room a fit leaves free: a compound drawn under the overlay chooser, the zoom buttons,
 * the legend or the basemap chip could not be clicked. Measured, as the legend's height
 * follows the overlay and the language; guessed until the controls are laid out. */
static void
fit_margins_cb (XaCompoundLayer *layer,
                GtkBorder       *margins,
                gpointer         user_data)
{
  XaMapView *self = XA_MAP_VIEW (user_data);
  GtkWidget *map = GTK_WIDGET (self->map);
  const int gap = 12;
  graphene_rect_t bounds;

  *margins = (GtkBorder) { .left = 48, .right = 72, .top = 72, .bottom = 160 };
  if (gtk_widget_compute_bounds (GTK_WIDGET (self->overlay_chooser), map, &bounds) &&
      bounds.size.height > 0)
    margins->top = bounds.origin.y + bounds.size.height + gap;
  if (gtk_widget_compute_bounds (GTK_WIDGET (self->zoom_buttons), map, &bounds) &&
      bounds.size.width > 0)
    margins->right = gtk_widget_get_width (map) - bounds.origin.x + gap;
  if (gtk_widget_compute_bounds (GTK_WIDGET (self->legend_bin), map, &bounds) &&
      bounds.size.height > 0)
    margins->bottom = gtk_widget_get_height (map) - bounds.origin.y + gap;
  /* Presentation mode's progress line in the top-left corner (three lines of large type),
   * and its large clusters and name plates, which reach far beyond the compounds' box. */
  if (self->before_presenting.presenting)
    {
      /* A tenth of the map each side at most, so a small projector keeps room to fit. */
      int extra_x = MIN (110, gtk_widget_get_width (map) / 10);
      int extra_y = MIN (110, gtk_widget_get_height (map) / 10);

      /* The large legend takes the left column rather than the bottom: the projector's
       * wide picture has room beside it. */
      margins->bottom = 48 + extra_y;
      if (gtk_widget_compute_bounds (GTK_WIDGET (self->legend_bin), map, &bounds) &&
          bounds.size.width > 0)
        margins->left = (int) (bounds.origin.x + bounds.size.width) + gap;
      margins->top = MAX (margins->top, 220) + extra_y;
      margins->left += extra_x;
      margins->right += extra_x;
    }
  update_label_keep_out (self);
  /* The basemap chip, while it shows, in the top-left corner. */
  if (gtk_revealer_get_reveal_child (self->offline_revealer) &&
      gtk_widget_compute_bounds (GTK_WIDGET (self->offline_revealer), map, &bounds) &&
      bounds.size.height > 0)
    margins->top = MAX (margins->top, (int) (bounds.origin.y + bounds.size.height) + gap);
}

/* The compounds, or the district seats when there are none; the same fit as Home on the
 * map. */
static void
fit_city (XaMapView *self,
          gboolean   animate)
{
  double min_lat, min_lon, max_lat, max_lon;

  if (self->points != NULL
      && xa_compound_points_get_bounds (self->points, &min_lat, &min_lon, &max_lat, &max_lon))
    xa_compound_layer_fit_box (self->layer, min_lat, min_lon, max_lat, max_lon, animate);
  else if (self->min_lat <= self->max_lat)
    xa_compound_layer_fit_box (self->layer, self->min_lat, self->min_lon, self->max_lat,
                               self->max_lon, animate);
}

/* The first time the map has a size after a load: the last view, or the whole city. */
static gboolean
restore_view_tick (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  XaMapView *self = XA_MAP_VIEW (user_data);
  double zoom;

  if (gtk_widget_get_width (GTK_WIDGET (self->map)) <= 0)
    return G_SOURCE_CONTINUE;

  zoom = g_settings_get_double (self->settings, "map-zoom");
  if (zoom >= XA_MAP_VIEW_MIN_ZOOM)
    {
      shumate_viewport_set_zoom_level (get_viewport (self), MIN (zoom, XA_MAP_VIEW_MAX_ZOOM));
      shumate_location_set_location (SHUMATE_LOCATION (get_viewport (self)),
                                     g_settings_get_double (self->settings, "map-latitude"),
                                     g_settings_get_double (self->settings, "map-longitude"));
    }
  else
    fit_city (self, FALSE);
  return G_SOURCE_REMOVE;
}

void
xa_map_view_save_state (XaMapView *self)
{
  ShumateViewport *viewport;

  g_return_if_fail (XA_IS_MAP_VIEW (self));

  if (!self->view_restored)
    return;
  viewport = get_viewport (self);
  g_settings_set_double (self->settings, "map-latitude",
                         CLAMP (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                -85, 85));
  g_settings_set_double (self->settings, "map-longitude",
                         CLAMP (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                -180, 180));
  g_settings_set_double (self->settings, "map-zoom",
                         CLAMP (shumate_viewport_get_zoom_level (viewport), 0, 20));
}

/* ---- Districts ---- */

typedef struct
{
  GtkStringList *names;
  GPtrArray     *codes;
  XaMapView     *self;
} DistrictCollect;

static void
collect_district (gconstpointer record,
                  gpointer      user_data)
{
  const XaDistrict *district = record;
  DistrictCollect *collect = user_data;
  XaMapView *self = collect->self;

  gtk_string_list_append (collect->names, district->name);
  g_ptr_array_add (collect->codes, g_strdup (district->code));
  self->min_lat = MIN (self->min_lat, district->lat);
  self->max_lat = MAX (self->max_lat, district->lat);
  self->min_lon = MIN (self->min_lon, district->lon);
  self->max_lon = MAX (self->max_lon, district->lon);
}

static gboolean
load_districts (XaMapView  *self,
                GError    **error)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  DistrictCollect collect = { names, codes, self };

  gtk_string_list_append (names, _("All Districts"));
  self->min_lat = self->min_lon = G_MAXDOUBLE;
  self->max_lat = self->max_lon = -G_MAXDOUBLE;
  if (!xa_store_foreach (self->store, XA_RECORD_DISTRICT, collect_district, &collect, error))
    return FALSE;

  g_clear_pointer (&self->district_codes, g_ptr_array_unref);
  self->district_codes = g_steal_pointer (&codes);
  gtk_drop_down_set_model (self->district_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->district_dropdown, 0);
  return TRUE;
}

/* NULL for "All districts". */
static const char *
get_district_filter (XaMapView *self)
{
  guint selected = gtk_drop_down_get_selected (self->district_dropdown);

  if (self->district_codes == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION
      || selected > self->district_codes->len)
    return NULL;
  return g_ptr_array_index (self->district_codes, selected - 1);
}

/* A district chosen shows only its compounds, fitted to the view, and the legend counts
 * them and names the district; the selection goes when it lies elsewhere. */
static void
district_changed_cb (XaMapView *self)
{
  const char *code = get_district_filter (self);
  int district = code != NULL && self->points != NULL
                 ? xa_compound_points_find_district (self->points, code) : -1;
  const char *selected = xa_compound_layer_get_selected_id (self->layer);
  int index;

  xa_compound_layer_set_district_filter (self->layer, code);
  if (code != NULL && selected != NULL && self->points != NULL &&
      (index = xa_compound_points_find (self->points, selected)) >= 0 &&
      (int) xa_compound_points_get (self->points, index)->district != district)
    xa_compound_layer_set_selected_id (self->layer, NULL);
  update_legend (self);
  if (!self->keep_view)
    {
      if (district >= 0)
        {
          const XaCompoundDistrict *d = xa_compound_points_get_district (self->points, district);

          xa_compound_layer_fit_box (self->layer, d->min_lat, d->min_lon, d->max_lat,
                                     d->max_lon, TRUE);
        }
      else if (code == NULL)
        fit_city (self, TRUE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT]);
}

void
xa_map_view_set_district (XaMapView  *self,
                          const char *code_or_NULL)
{
  guint position = 0;

  g_return_if_fail (XA_IS_MAP_VIEW (self));

  for (guint i = 0; code_or_NULL != NULL && self->district_codes != NULL &&
       i < self->district_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->district_codes, i), code_or_NULL))
      position = i + 1;
  /* The drop-down's "notify::selected" filters the map and notifies "district". */
  gtk_drop_down_set_selected (self->district_dropdown, position);
}

const char *
xa_map_view_get_district (XaMapView *self)
{
  g_return_val_if_fail (XA_IS_MAP_VIEW (self), NULL);

  return get_district_filter (self);
}

const char *
xa_map_view_get_district_name (XaMapView *self)
{
  const char *code;
  int district;

  g_return_val_if_fail (XA_IS_MAP_VIEW (self), NULL);

  code = get_district_filter (self);
  if (code == NULL || self->points == NULL ||
      (district = xa_compound_points_find_district (self->points, code)) < 0)
    return code;
  return xa_compound_points_get_district (self->points, district)->name;
}

/* ---- Actions ---- */

static void
zoom_by (XaMapView *self,
         double     delta)
{
  ShumateViewport *viewport = get_viewport (self);
  double zoom = shumate_viewport_get_zoom_level (viewport) + delta;

  zoom = CLAMP (round (zoom), XA_MAP_VIEW_MIN_ZOOM, XA_MAP_VIEW_MAX_ZOOM);
  shumate_viewport_set_zoom_level (viewport, zoom);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  zoom_by (XA_MAP_VIEW (widget), 1.0);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zoom_by (XA_MAP_VIEW (widget), -1.0);
}

static void
fit_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  fit_city (XA_MAP_VIEW (widget), TRUE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XaMapView *self = XA_MAP_VIEW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The flap also folds by itself in a narrow window: "sidebar-shown" (and map.toggle-sidebar
 * with it) follows, so a toggle button bound to it always shows the truth. */
static void
reveal_flap_changed_cb (XaMapView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_SHOWN]);
}

static void
overlay_changed_cb (XaMapView *self)
{
  xa_compound_layer_set_overlay (self->layer, get_overlay (self));
  update_legend (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERLAY]);
}

/* ---- Search ---- */

#define MAX_RESULTS 50

static void
select_compound (XaMapView  *self,
                 const char *compound_id)
{
  xa_compound_layer_set_selected_id (self->layer, compound_id);
  xa_compound_layer_go_to (self->layer, compound_id);
}

void
xa_map_view_select_compound (XaMapView  *self,
                             const char *compound_id)
{
  const char *code;
  int index;

  g_return_if_fail (XA_IS_MAP_VIEW (self));

  if (compound_id == NULL)
    return;
  code = get_district_filter (self);
  /* Search looks through the whole city: a compound found in another district brings every
   * district back, so it is drawn and can be clicked. */
  if (code != NULL && self->points != NULL &&
      (index = xa_compound_points_find (self->points, compound_id)) >= 0 &&
      strcmp (xa_compound_points_get (self->points, index)->district_code, code) != 0)
    {
      self->keep_view = TRUE;
      gtk_drop_down_set_selected (self->district_dropdown, 0);
      self->keep_view = FALSE;
    }
  select_compound (self, compound_id);
}

static void
result_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     XaMapView     *self)
{
  xa_map_view_select_compound (self, g_object_get_data (G_OBJECT (row), "compound-id"));
}

static void
search_changed_cb (XaMapView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GArray) found = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  if (self->points == NULL || *stripped == '\0')
    {
      gtk_revealer_set_reveal_child (self->results_revealer, FALSE);
      return;
    }

  found = xa_compound_points_search (self->points, text, MAX_RESULTS + 1);
  for (guint i = 0; i < MIN (found->len, MAX_RESULTS); i++)
    {
      const XaCompoundPoint *point =
        xa_compound_points_get (self->points, g_array_index (found, guint, i));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", point->district_name,
                                                   point->address != NULL ? point->address : "");
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), point->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "compound-id", g_strdup (point->id), g_free);
      gtk_list_box_append (self->results_list, row);
    }

  /* Nothing found: a status page that says what to try, not an empty list. */
  gtk_widget_set_visible (GTK_WIDGET (self->results_label), found->len > 0);
  gtk_widget_set_visible (self->results_scrolled, found->len > 0);
  gtk_widget_set_visible (self->no_results_page, found->len == 0);
  if (found->len == 0)
    {
      /* Translators: a search without results; %s is what was typed. */
      g_autofree char *title = g_strdup_printf (_("No Compound Matches “%s”"), stripped);

      gtk_label_set_label (self->no_results_title, title);
    }
  else if (found->len > MAX_RESULTS)
    {
      /* Translators: %u is the number of search results shown. */
      g_autofree char *text_many =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "More than %u compound matches; type more to narrow "
                                      "the search.",
                                      "More than %u compounds match; type more to narrow "
                                      "the search.",
                                      MAX_RESULTS), MAX_RESULTS);

      gtk_label_set_label (self->results_label, text_many);
    }
  else
    {
      /* Translators: %u is a number of compounds found. */
      g_autofree char *text_found = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%u compound found",
                                                                  "%u compounds found",
                                                                  found->len), found->len);

      gtk_label_set_label (self->results_label, text_found);
    }
  gtk_revealer_set_reveal_child (self->results_revealer, TRUE);
}

/* Enter in the search field takes the first result. */
static void
search_activate_cb (XaMapView *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  if (first != NULL)
    result_activated_cb (self->results_list, first, self);
}

/* ↓ in the search field goes to the results, not to the next widget (the district
 * filter); ↑ on the first result comes back. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       XaMapView             *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) || first == NULL
      || !gtk_revealer_get_reveal_child (self->results_revealer))
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return GDK_EVENT_STOP;
}

static gboolean
results_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        XaMapView             *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  if ((keyval != GDK_KEY_Up && keyval != GDK_KEY_KP_Up) || first == NULL
      || focus != GTK_WIDGET (first))
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return GDK_EVENT_STOP;
}

static void
search_stop_cb (XaMapView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->layer));
}

/* ---- Compounds ---- */

static void
read_points_options (XaMapView               *self,
                     XaCompoundPointsOptions *options)
{
  XaElevatorThresholds thresholds = {
    g_settings_get_int (self->settings, "elevator-threshold-low"),
    g_settings_get_int (self->settings, "elevator-threshold-mid"),
    g_settings_get_int (self->settings, "elevator-threshold-high"),
  };

  xa_compound_points_options_init (options);
  options->now = g_get_real_time () / G_USEC_PER_SEC;
  options->season = g_settings_get_int (self->settings, "flood-season");
  if (options->season == 0)
    options->season = xa_metrics_current_season (options->now);
  /* Settings written by hand (dconf) may disagree with each other; the defaults then. */
  if (xa_elevator_thresholds_valid (&thresholds))
    options->thresholds = thresholds;
}

static XaOverlay
get_overlay (XaMapView *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "overlay");
  XaOverlay overlay = XA_OVERLAY_FLOOD;

  xa_overlay_from_string (name, &overlay);
  return overlay;
}

static void
update_legend (XaMapView *self)
{
  XaCompoundPointsOptions options;
  guint counts[XA_OVERLAY_MAX_BANDS] = { 0 };
  XaOverlay overlay = get_overlay (self);

  read_points_options (self, &options);
  if (self->points != NULL)
    xa_compound_points_count_bands (self->points, overlay, get_district_filter (self), counts);
  xa_map_legend_set_district (self->legend, xa_map_view_get_district_name (self));
  xa_map_legend_set_overlay (self->legend, overlay, counts, &options.thresholds);
  /* The list of compounds counts as the legend does, whatever it was opened from. */
  xa_compound_list_set_source (self->list, self->store, self->points, get_district_filter (self),
                               xa_map_view_get_district_name (self));
}

static void
band_activated_cb (XaMapView *self,
                   guint      band)
{
  xa_compound_list_show_band (self->list, get_overlay (self), band);
}

/* A row chosen in the list of compounds: selected and brought into view, as by search. */
static void
list_compound_selected_cb (XaMapView  *self,
                           const char *compound_id)
{
  select_compound (self, compound_id);
}

gboolean
xa_map_view_show_figure_list (XaMapView  *self,
                              const char *figure)
{
  g_return_val_if_fail (XA_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (figure != NULL, FALSE);

  return xa_compound_list_show_figure (self->list, figure);
}

XaCompoundList *
xa_map_view_get_compound_list (XaMapView *self)
{
  g_return_val_if_fail (XA_IS_MAP_VIEW (self), NULL);

  return self->list;
}

static void
update_panel (XaMapView  *self,
              const char *compound_id)
{
  XaCompoundPointsOptions options;

  if (self->store == NULL)
    return;
  read_points_options (self, &options);
  xa_compound_panel_set_compound (self->panel, self->store, compound_id, options.now,
                                  options.season, &options.thresholds);
}

static gboolean
load_points (XaMapView  *self,
             GError    **error)
{
  g_autoptr(XaCompoundPoints) points = NULL;
  XaCompoundPointsOptions options;

  read_points_options (self, &options);
  points = xa_compound_points_load (self->store, &options, error);
  if (points == NULL)
    return FALSE;
  g_set_object (&self->points, points);
  xa_compound_layer_set_points (self->layer, points);
  update_legend (self);
  return TRUE;
}

static void
points_settings_changed_cb (XaMapView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!load_points (self, &error))
    g_warning ("Could not reload the compounds: %s", error->message);
  update_panel (self, xa_compound_panel_get_compound_id (self->panel));
}

static void
selected_changed_cb (XaMapView *self)
{
  update_panel (self, xa_compound_layer_get_selected_id (self->layer));
}

static void
compound_activated_cb (XaMapView  *self,
                       const char *compound_id)
{
  /* A compound picked on the map shows its card even when the sidebar was hidden. */
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

static void
outbox_changed_cb (XaMapView *self)
{
  update_panel (self, xa_compound_panel_get_compound_id (self->panel));
}

gboolean
xa_map_view_load (XaMapView  *self,
                  XaStore    *store,
                  GError    **error)
{
  g_return_val_if_fail (XA_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (XA_IS_STORE (store), FALSE);

  /* The card marks an edited problem or lift at once, not at the next sync. */
  xa_store_hold (&self->store, store, self, G_CALLBACK (outbox_changed_cb));
  if (!load_districts (self, error) || !load_points (self, error))
    return FALSE;
  if (self->basemap == NULL)
    apply_basemap (self);
  /* The card shows the records as synced now; a compound deleted by the sync goes. */
  if (xa_compound_panel_get_compound_id (self->panel) != NULL
      && xa_compound_points_find (self->points,
                                  xa_compound_panel_get_compound_id (self->panel)) < 0)
    xa_compound_layer_set_selected_id (self->layer, NULL);
  update_panel (self, xa_compound_layer_get_selected_id (self->layer));

  if (!self->view_restored)
    {
      self->view_restored = TRUE;
      gtk_widget_add_tick_callback (GTK_WIDGET (self), restore_view_tick, self, NULL);
    }
  return TRUE;
}

void
xa_map_view_clear (XaMapView *self)
{
  g_return_if_fail (XA_IS_MAP_VIEW (self));

  xa_store_hold (&self->store, NULL, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  xa_compound_list_set_source (self->list, NULL, NULL, NULL, NULL);
}

static void
xa_map_view_dispose (GObject *object)
{
  XaMapView *self = XA_MAP_VIEW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  xa_store_hold (&self->store, NULL, self, NULL);
  g_clear_object (&self->settings);
  g_cancellable_cancel (self->key_cancellable);
  g_clear_object (&self->key_cancellable);
  g_clear_pointer (&self->basemap_file, g_free);
  if (self->basemap != NULL)
    g_signal_handlers_disconnect_by_data (self->basemap, self);
  g_clear_object (&self->basemap);
  g_clear_object (&self->points);
  g_clear_pointer (&self->district_codes, g_ptr_array_unref);
  g_clear_pointer (&self->before_presenting.selected_id, g_free);
  g_clear_pointer (&self->floating, g_ptr_array_unref);

  /* The flap is both AdwBin's child and a template child: let AdwBin drop it first, or
   * dispose_template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XA_TYPE_MAP_VIEW);

  G_OBJECT_CLASS (xa_map_view_parent_class)->dispose (object);
}

/* ---- Presentation mode ---- */

void
xa_map_view_set_presenting (XaMapView *self,
                            gboolean   presenting,
                            double     type_scale)
{
  ShumateViewport *viewport;

  g_return_if_fail (XA_IS_MAP_VIEW (self));

  if (self->before_presenting.presenting == presenting)
    return;
  viewport = get_viewport (self);
  if (presenting)
    {
      self->before_presenting.sidebar_shown = adw_flap_get_reveal_flap (self->flap);
      self->before_presenting.list_visible = gtk_widget_get_visible (GTK_WIDGET (self->list));
      self->before_presenting.district = gtk_drop_down_get_selected (self->district_dropdown);
      self->before_presenting.selected_id =
        g_strdup (xa_compound_layer_get_selected_id (self->layer));
      self->before_presenting.latitude =
        shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
      self->before_presenting.longitude =
        shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
      self->before_presenting.zoom = shumate_viewport_get_zoom_level (viewport);
      adw_flap_set_reveal_flap (self->flap, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
      /* The whole city: an agenda's compounds lie in any district. */
      self->keep_view = TRUE;
      gtk_drop_down_set_selected (self->district_dropdown, 0);
      self->keep_view = FALSE;
    }
  gtk_widget_set_visible (self->overlay_chooser, !presenting);
  gtk_widget_set_visible (self->zoom_buttons, !presenting);
  xa_compound_layer_set_type_scale (self->layer, presenting ? type_scale : 1.0);
  self->before_presenting.presenting = presenting;
  update_label_keep_out (self);
  if (presenting)
    return;

  adw_flap_set_reveal_flap (self->flap, self->before_presenting.sidebar_shown);
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->before_presenting.list_visible);
  self->keep_view = TRUE;
  gtk_drop_down_set_selected (self->district_dropdown, self->before_presenting.district);
  self->keep_view = FALSE;
  xa_compound_layer_set_selected_id (self->layer, self->before_presenting.selected_id);
  g_clear_pointer (&self->before_presenting.selected_id, g_free);
  shumate_map_center_on (self->map, self->before_presenting.latitude,
                         self->before_presenting.longitude);
  shumate_viewport_set_zoom_level (viewport, self->before_presenting.zoom);
}

gboolean
xa_map_view_get_presenting (XaMapView *self)
{
  g_return_val_if_fail (XA_IS_MAP_VIEW (self), FALSE);

  return self->before_presenting.presenting;
}

void
xa_map_view_add_overlay (XaMapView *self,
                         GtkWidget *widget)
{
  g_return_if_fail (XA_IS_MAP_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_overlay_add_overlay (GTK_OVERLAY (gtk_widget_get_parent (GTK_WIDGET (self->map))),
                           widget);
  g_ptr_array_add (self->floating, widget);
}

void
xa_map_view_show_city (XaMapView *self)
{
  g_return_if_fail (XA_IS_MAP_VIEW (self));

  xa_compound_layer_set_selected_id (self->layer, NULL);
  fit_city (self, TRUE);
}

const char *
xa_map_view_get_selected_id (XaMapView *self)
{
  g_return_val_if_fail (XA_IS_MAP_VIEW (self), NULL);

  return xa_compound_layer_get_selected_id (self->layer);
}

static void
xa_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  XaMapView *self = XA_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_DISTRICT:
      g_value_set_string (value, xa_map_view_get_district (XA_MAP_VIEW (object)));
      break;
    case PROP_OVERLAY:
      g_value_take_string (value, g_settings_get_string (self->settings, "overlay"));
      break;
    case PROP_SIDEBAR_SHOWN:
      g_value_set_boolean (value, adw_flap_get_reveal_flap (self->flap));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  XaMapView *self = XA_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_OVERLAY:
      /* The settings key is the truth; its "changed" signal redraws and notifies. */
      g_settings_set_string (self->settings, "overlay", g_value_get_string (value));
      break;
    case PROP_SIDEBAR_SHOWN:
      adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_map_view_class_init (XaMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xa_map_view_dispose;
  object_class->get_property = xa_map_view_get_property;
  object_class->set_property = xa_map_view_set_property;

  properties[PROP_DISTRICT] =
    g_param_spec_string ("district", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The overlay shown (flood | charging | elevator-age | problems), the "overlay" setting. */
  properties[PROP_OVERLAY] =
    g_param_spec_string ("overlay", NULL, NULL, "flood",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SIDEBAR_SHOWN] =
    g_param_spec_boolean ("sidebar-shown", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "map.search", NULL, search_action);
  gtk_widget_class_install_property_action (widget_class, "map.overlay", "overlay");
  gtk_widget_class_install_property_action (widget_class, "map.toggle-sidebar",
                                            "sidebar-shown");

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xiaoquatlas/XiaoquAtlas/xa-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, XaMapView, flap);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, district_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, results_revealer);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, results_label);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, results_list);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, results_scrolled);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, no_results_title);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, panel_bin);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, map);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, offline_label);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, notice_button);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, notice_chip_label);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, legend_bin);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, overlay_chooser);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, zoom_buttons);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, scale);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, attribution_label);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, list_paned);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
}

/* Settings that change the bands of the compounds. */
static const char * const points_keys[] = {
  "flood-season", "elevator-threshold-low", "elevator-threshold-mid", "elevator-threshold-high",
};

/* GTK 4.8's drop-down shows its own button to screen readers, without the drop-down's
 * name: give it the same one. */
static void
name_drop_down_button (GtkWidget *drop_down)
{
  const char *name = _("District filter");

  for (GtkWidget *child = gtk_widget_get_first_child (drop_down); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
}

static void
xa_map_view_init (XaMapView *self)
{
  GtkEventController *key;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->floating = g_ptr_array_new ();
  name_drop_down_button (GTK_WIDGET (self->district_dropdown));

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::overlay",
                            G_CALLBACK (overlay_changed_cb), self);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap",
                            G_CALLBACK (reveal_flap_changed_cb), self);
  g_signal_connect_swapped (self->district_dropdown, "notify::selected",
                            G_CALLBACK (district_changed_cb), self);

  shumate_scale_set_viewport (self->scale, get_viewport (self));

  self->layer = xa_compound_layer_new (get_viewport (self));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->layer));
  xa_compound_layer_set_fit_margins_func (self->layer, fit_margins_cb, self);
  xa_compound_layer_set_overlay (self->layer, get_overlay (self));
  g_signal_connect_swapped (self->layer, "notify::selected-id",
                            G_CALLBACK (selected_changed_cb), self);
  g_signal_connect_swapped (self->layer, "compound-activated",
                            G_CALLBACK (compound_activated_cb), self);

  self->panel = XA_COMPOUND_PANEL (xa_compound_panel_new ());
  adw_bin_set_child (self->panel_bin, GTK_WIDGET (self->panel));
  self->legend = XA_MAP_LEGEND (xa_map_legend_new ());
  adw_bin_set_child (self->legend_bin, GTK_WIDGET (self->legend));
  g_signal_connect_swapped (self->legend, "band-activated", G_CALLBACK (band_activated_cb), self);
  self->list = XA_COMPOUND_LIST (g_object_new (XA_TYPE_COMPOUND_LIST, NULL));
  gtk_paned_set_end_child (self->list_paned, GTK_WIDGET (self->list));
  g_signal_connect_swapped (self->list, "compound-selected",
                            G_CALLBACK (list_compound_selected_cb), self);

  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate",
                            G_CALLBACK (search_activate_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search",
                            G_CALLBACK (search_stop_cb), self);
  key = gtk_event_controller_key_new ();
  /* Before the entry's text moves focus on by itself. */
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (results_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->results_list), key);

  for (guint i = 0; i < G_N_ELEMENTS (points_keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", points_keys[i], NULL);

      g_signal_connect_swapped (self->settings, signal,
                                G_CALLBACK (points_settings_changed_cb), self);
    }
  init_basemap (self);
}

ShumateMap *
_xa_map_view_get_map (XaMapView *self)
{
  return self->map;
}

XaCompoundLayer *
_xa_map_view_get_layer (XaMapView *self)
{
  return self->layer;
}

const char *
xa_map_view_get_selected_compound (XaMapView *self)
{
  g_return_val_if_fail (XA_IS_MAP_VIEW (self), NULL);

  return xa_compound_panel_get_compound_id (self->panel);
}

XaCompoundPanel *
_xa_map_view_get_panel (XaMapView *self)
{
  return self->panel;
}

XaCompoundList *
_xa_map_view_get_compound_list (XaMapView *self)
{
  return self->list;
}

XaMapLegend *
_xa_map_view_get_legend (XaMapView *self)
{
  return self->legend;
}

GtkEditable *
_xa_map_view_get_search_entry (XaMapView *self)
{
  return GTK_EDITABLE (self->search_entry);
}

GtkListBox *
_xa_map_view_get_results_list (XaMapView *self)
{
  return self->results_list;
}

gboolean
_xa_map_view_get_sidebar_shown (XaMapView *self)
{
  return adw_flap_get_reveal_flap (self->flap);
}
