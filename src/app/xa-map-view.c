/* xa-map-view.c — see xa-map-view.h. The view owns the map's chrome and its settings; the
 * drawing of compounds is XaCompoundLayer's, the card XaCompoundPanel's, the legend
 * XaMapLegend's and the tiles XaBasemap's. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <shumate/shumate.h>

#include "xa-map-view.h"
#include "xa-overlay.h"

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
  AdwBin             *panel_bin;
  ShumateMap         *map;
  GtkRevealer        *offline_revealer;
  GtkLabel           *offline_label;
  AdwBin             *legend_bin;
  ShumateScale       *scale;
  ShumateLicense     *license;

  GSettings          *settings;
  GSimpleActionGroup *actions;
  XaStore            *store;
  ShumateMapSource   *reference_source;

  /* District codes in the order of the dropdown's items after "All districts". */
  GPtrArray          *district_codes;
  /* The box of the district seats, a first guess of the city's extent. */
  double              min_lat, max_lat, min_lon, max_lon;

  gboolean            view_restored;
};

G_DEFINE_FINAL_TYPE (XaMapView, xa_map_view, ADW_TYPE_BIN)

/* Zoom levels the map allows: below 5 China is a dot, above 19 tiles run out. */
#define MIN_ZOOM 5.0
#define MAX_ZOOM 19.0

static ShumateViewport *
get_viewport (XaMapView *self)
{
  return shumate_map_get_viewport (self->map);
}

/* Sets the viewport so the box fills the map with a margin; deferred by the caller until
 * the map has a size. */
static void
fit_box (XaMapView *self,
         double     min_lat,
         double     max_lat,
         double     min_lon,
         double     max_lon)
{
  ShumateViewport *viewport = get_viewport (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self->map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double x0, x1, y0, y1, zoom_x, zoom_y, zoom;
  const double tile = 256.0;

  if (width <= 0 || height <= 0 || min_lat > max_lat)
    return;

  /* Web Mercator, normalised to 0…1 at zoom 0. */
  x0 = (min_lon + 180.0) / 360.0;
  x1 = (max_lon + 180.0) / 360.0;
  y0 = (1.0 - log (tan (max_lat * G_PI / 180.0) + 1.0 / cos (max_lat * G_PI / 180.0)) / G_PI) / 2.0;
  y1 = (1.0 - log (tan (min_lat * G_PI / 180.0) + 1.0 / cos (min_lat * G_PI / 180.0)) / G_PI) / 2.0;

  zoom_x = log2 (width * 0.85 / (tile * MAX (x1 - x0, 1e-9)));
  zoom_y = log2 (height * 0.85 / (tile * MAX (y1 - y0, 1e-9)));
  zoom = CLAMP (MIN (zoom_x, zoom_y), MIN_ZOOM, MAX_ZOOM);

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 (min_lat + max_lat) / 2.0, (min_lon + max_lon) / 2.0);
}

static void
fit_city (XaMapView *self)
{
  fit_box (self, self->min_lat, self->max_lat, self->min_lon, self->max_lon);
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
  if (zoom >= MIN_ZOOM)
    {
      shumate_viewport_set_zoom_level (get_viewport (self), MIN (zoom, MAX_ZOOM));
      shumate_location_set_location (SHUMATE_LOCATION (get_viewport (self)),
                                     g_settings_get_double (self->settings, "map-latitude"),
                                     g_settings_get_double (self->settings, "map-longitude"));
    }
  else
    fit_city (self);
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
                         CLAMP (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), -85, 85));
  g_settings_set_double (self->settings, "map-longitude",
                         CLAMP (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), -180, 180));
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

static void
district_changed_cb (XaMapView *self)
{
  (void) get_district_filter (self);
}

/* ---- Actions ---- */

static void
zoom_by (XaMapView *self,
         double     delta)
{
  ShumateViewport *viewport = get_viewport (self);
  double zoom = shumate_viewport_get_zoom_level (viewport) + delta;

  shumate_viewport_set_zoom_level (viewport, CLAMP (round (zoom), MIN_ZOOM, MAX_ZOOM));
}

static void
zoom_in_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  zoom_by (XA_MAP_VIEW (user_data), 1.0);
}

static void
zoom_out_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  zoom_by (XA_MAP_VIEW (user_data), -1.0);
}

static void
fit_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  fit_city (XA_MAP_VIEW (user_data));
}

static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  XaMapView *self = XA_MAP_VIEW (user_data);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
toggle_sidebar_changed (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  XaMapView *self = XA_MAP_VIEW (user_data);

  adw_flap_set_reveal_flap (self->flap, g_variant_get_boolean (state));
}

/* The flap also folds by itself in a narrow window: the action's state follows it, so the
 * header's toggle button always shows the truth. */
static void
reveal_flap_changed_cb (XaMapView *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "toggle-sidebar");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (adw_flap_get_reveal_flap (self->flap)));
}

static const GActionEntry map_actions[] = {
  { .name = "zoom-in", .activate = zoom_in_activated },
  { .name = "zoom-out", .activate = zoom_out_activated },
  { .name = "fit", .activate = fit_activated },
  { .name = "search", .activate = search_activated },
  { .name = "toggle-sidebar", .state = "true", .change_state = toggle_sidebar_changed },
};

static void
overlay_changed_cb (XaMapView *self)
{
}

/* ---- Search ---- */

static void
result_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     XaMapView     *self)
{
}

/* ---- Loading ---- */

static void
set_reference_source (XaMapView *self)
{
  ShumateViewport *viewport = get_viewport (self);

  if (self->reference_source == NULL)
    {
      /* A plain background: the source only gives the map its projection and zoom range;
       * no map layer draws it, so no tile is ever requested. */
      self->reference_source =
        SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full_from_url (
          "xa-plain", _("Plain background"), "", "", 0, 20, 256,
          SHUMATE_MAP_PROJECTION_MERCATOR, "http://127.0.0.1:9/{z}/{x}/{y}.png"));
    }
  shumate_viewport_set_reference_map_source (viewport, self->reference_source);
  shumate_viewport_set_min_zoom_level (viewport, (guint) MIN_ZOOM);
  shumate_viewport_set_max_zoom_level (viewport, (guint) MAX_ZOOM);
}

gboolean
xa_map_view_load (XaMapView  *self,
                  XaStore    *store,
                  GError    **error)
{
  g_return_val_if_fail (XA_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (XA_IS_STORE (store), FALSE);

  g_set_object (&self->store, store);
  if (!load_districts (self, error))
    return FALSE;

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

  g_clear_object (&self->store);
}

GActionGroup *
xa_map_view_get_actions (XaMapView *self)
{
  g_return_val_if_fail (XA_IS_MAP_VIEW (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

static void
xa_map_view_dispose (GObject *object)
{
  XaMapView *self = XA_MAP_VIEW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->store);
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);
  g_clear_object (&self->reference_source);
  g_clear_pointer (&self->district_codes, g_ptr_array_unref);

  /* The flap is both AdwBin's child and a template child: let AdwBin drop it first, or
   * dispose_template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XA_TYPE_MAP_VIEW);

  G_OBJECT_CLASS (xa_map_view_parent_class)->dispose (object);
}

static void
xa_map_view_class_init (XaMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xa_map_view_dispose;

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);
  g_type_ensure (SHUMATE_TYPE_LICENSE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xiaoquatlas/XiaoquAtlas/xa-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, XaMapView, flap);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, district_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, results_revealer);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, results_label);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, results_list);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, panel_bin);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, map);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, offline_label);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, legend_bin);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, scale);
  gtk_widget_class_bind_template_child (widget_class, XaMapView, license);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
}

static void
xa_map_view_init (XaMapView *self)
{
  g_autoptr(GAction) overlay_action = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), map_actions,
                                   G_N_ELEMENTS (map_actions), self);
  overlay_action = g_settings_create_action (self->settings, "overlay");
  g_action_map_add_action (G_ACTION_MAP (self->actions), overlay_action);
  /* Inserted here too, so the buttons inside the view find the actions even before the
   * window inserts the group for its accelerators. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "map", G_ACTION_GROUP (self->actions));

  g_signal_connect_swapped (self->settings, "changed::overlay",
                            G_CALLBACK (overlay_changed_cb), self);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap",
                            G_CALLBACK (reveal_flap_changed_cb), self);
  g_signal_connect_swapped (self->district_dropdown, "notify::selected",
                            G_CALLBACK (district_changed_cb), self);

  shumate_scale_set_viewport (self->scale, get_viewport (self));
  set_reference_source (self);
}
