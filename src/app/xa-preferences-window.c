/* xa-preferences-window.c — see xa-preferences-window.h. Entry rows apply on Enter (their
 * apply button), so a half-typed address is never saved; spin buttons clamp to the
 * schema's ranges, so GSettings never sees a value out of range. The token and the Tianditu
 * key go to the keyring through xa-preferences-secrets.c, which hands them back here to be
 * passed on, even when the window was closed right after Enter. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xa-accessible.h"
#include "xa-basemap.h"
#include "xa-metrics.h"
#include "xa-preferences-secrets-private.h"
#include "xa-preferences-window-private.h"
#include "xa-monitor-row.h"
#include "xa-priority-settings.h"
#include "xa-store.h"
#include "xa-web-address.h"

struct _XaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  XaPreferencesSecrets *secrets;
  GtkFileChooserNative *chooser;
  gboolean              updating;        /* widgets are being set from the settings */

  AdwEntryRow          *server_row;
  AdwActionRow         *server_error_row;
  AdwPasswordEntryRow  *token_row;
  AdwActionRow         *token_status_row;
  GtkImage             *token_status_icon;
  GtkSpinButton        *interval_spin;
  GtkSpinButton        *reassessment_spin;
  GtkSpinButton        *on_site_days_spin;
  GtkSpinButton        *consultation_days_spin;
  GtkSpinButton        *city_days_spin;
  AdwComboRow          *season_row;
  /* The season of each row of season_row: 0 (the current year) first, then years. */
  GArray               *season_years;
  AdwComboRow          *cadre_row;
  /* The cadre id of each row of cadre_row after the first, "none". */
  GPtrArray            *cadre_ids;
  AdwPreferencesGroup  *basemap_group;
  AdwComboRow          *basemap_row;
  XaMonitorRow         *monitor_row;
  AdwEntryRow          *xyz_row;
  AdwActionRow         *xyz_error_row;
  AdwPasswordEntryRow  *tianditu_row;
  AdwActionRow         *tianditu_status_row;
  GtkImage             *tianditu_status_icon;
  AdwActionRow         *mbtiles_row;
  AdwActionRow         *mbtiles_error_row;
  GtkSpinButton        *low_spin;
  GtkSpinButton        *mid_spin;
  GtkSpinButton        *high_spin;
  AdwActionRow         *thresholds_error_row;
  GtkButton            *thresholds_restore_button;
  AdwPreferencesGroup  *priority_group;
  GtkButton            *priority_restore_button;
};

G_DEFINE_FINAL_TYPE (XaPreferencesWindow, xa_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  TOKEN_CHANGED,
  TIANDITU_KEY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the combo row's items in the .ui file. */
static const char * const basemap_ids[] = { "osm", "tianditu", "xyz", "mbtiles", "none" };
static const char * const basemap_descriptions[] = {
  N_("Map tiles from OpenStreetMap. Needs an internet connection."),
  N_("Map tiles from Tianditu, the national map service. Needs a key from the Tianditu "
     "developer site; the key is kept in the desktop keyring."),
  N_("Map tiles from any tile server, such as one your bureau runs. The address must "
     "contain {x}, {y} and {z}."),
  N_("Map tiles from an MBTiles file, for work without a network."),
  N_("No map tiles: the compounds are drawn on a plain background."),
};

/* Validation */

/* NULL when @text is a usable tile address, else why not, for the user: the basemap's own
 * check, so what Preferences accepts is what the map can use. */
static char *
xyz_problem (const char *text)
{
  g_autoptr(GError) error = NULL;

  if (xa_basemap_check_xyz_address (text, &error))
    return NULL;
  return g_strdup (error->message);
}

static void
show_error_row (AdwActionRow *row,
                GtkWidget    *entry,
                const char   *subtitle)
{
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
  if (entry != NULL)
    gtk_widget_add_css_class (entry, "error");
}

static void
hide_error_row (AdwActionRow *row,
                GtkWidget    *entry)
{
  gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
  if (entry != NULL)
    gtk_widget_remove_css_class (entry, "error");
}

/* Secrets: their keyring requests are in xa-preferences-secrets.c. */

static void
secret_applied_cb (GObject      *owner,
                   XaSecretKind  kind,
                   const char   *server_url,
                   const char   *secret)
{
  if (kind == XA_SECRET_ACCESS_TOKEN)
    g_signal_emit (owner, signals[TOKEN_CHANGED], 0, server_url, secret);
  else
    g_signal_emit (owner, signals[TIANDITU_KEY_CHANGED], 0, secret);
}

static void
token_apply_cb (XaPreferencesWindow *self)
{
  _xa_preferences_secrets_apply (self->secrets, XA_SECRET_ACCESS_TOKEN);
}

static void
tianditu_apply_cb (XaPreferencesWindow *self)
{
  _xa_preferences_secrets_apply (self->secrets, XA_SECRET_TIANDITU_KEY);
}

/* Server address */

/* The text of an entry row without the spaces a paste brings along. */
static char *
stripped_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static void
server_changed_cb (XaPreferencesWindow *self)
{
  g_autofree char *text = stripped_text (self->server_row);

  /* The error goes as soon as the address is right, but does not appear while typing. */
  if (*text == '\0' || xa_web_address_is_valid (text))
    hide_error_row (self->server_error_row, GTK_WIDGET (self->server_row));
}

static void
server_apply_cb (XaPreferencesWindow *self)
{
  g_autofree char *text = stripped_text (self->server_row);
  g_autofree char *current = g_settings_get_string (self->settings, "server-url");

  if (*text != '\0' && !xa_web_address_is_valid (text))
    {
      show_error_row (self->server_error_row, GTK_WIDGET (self->server_row), NULL);
      return;
    }
  hide_error_row (self->server_error_row, GTK_WIDGET (self->server_row));
  if (!g_str_equal (text, current))
    g_settings_set_string (self->settings, "server-url", text);
}

static void
load_server (XaPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "server-url");

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  hide_error_row (self->server_error_row, GTK_WIDGET (self->server_row));
  _xa_preferences_secrets_lookup (self->secrets, XA_SECRET_ACCESS_TOKEN);
}

/* Basemap */

static guint
basemap_index (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (basemap_ids); i++)
    if (g_str_equal (basemap_ids[i], id))
      return i;
  return 0;
}

static void
update_mbtiles_row (XaPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "basemap-mbtiles-path");

  adw_action_row_set_subtitle (self->mbtiles_row,
                               *path != '\0' ? path : _("No file chosen yet: choose the file "
                                                        "with the map tiles for offline work"));
}

static void
update_basemap_rows (XaPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->basemap_row);
  const char *id = basemap_ids[MIN (selected, G_N_ELEMENTS (basemap_ids) - 1)];
  gboolean xyz = g_str_equal (id, "xyz");
  gboolean mbtiles = g_str_equal (id, "mbtiles");

  adw_preferences_group_set_description (self->basemap_group,
                                         _(basemap_descriptions[basemap_index (id)]));
  gtk_widget_set_visible (GTK_WIDGET (self->xyz_row), xyz);
  gtk_widget_set_visible (GTK_WIDGET (self->tianditu_row), g_str_equal (id, "tianditu"));
  gtk_widget_set_visible (GTK_WIDGET (self->mbtiles_row), mbtiles);
  /* Status and error rows belong to their row: hidden with it, and not shown again
   * with a stale message when it comes back. */
  if (!xyz)
    hide_error_row (self->xyz_error_row, GTK_WIDGET (self->xyz_row));
  if (!mbtiles)
    hide_error_row (self->mbtiles_error_row, NULL);
  if (!g_str_equal (id, "tianditu"))
    gtk_widget_set_visible (GTK_WIDGET (self->tianditu_status_row), FALSE);
}

static void
basemap_selected_cb (XaPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->basemap_row);

  update_basemap_rows (self);
  if (!self->updating && selected < G_N_ELEMENTS (basemap_ids))
    g_settings_set_string (self->settings, "basemap", basemap_ids[selected]);
}

static void
load_basemap (XaPreferencesWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "basemap");
  g_autofree char *xyz = g_settings_get_string (self->settings, "basemap-xyz-url");
  gboolean updating = self->updating;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->basemap_row, basemap_index (id));
  self->updating = updating;
  gtk_editable_set_text (GTK_EDITABLE (self->xyz_row), xyz);
  update_mbtiles_row (self);
  update_basemap_rows (self);
}

static void
xyz_changed_cb (XaPreferencesWindow *self)
{
  g_autofree char *problem = xyz_problem (gtk_editable_get_text (GTK_EDITABLE (self->xyz_row)));

  if (problem == NULL)
    hide_error_row (self->xyz_error_row, GTK_WIDGET (self->xyz_row));
}

static void
xyz_apply_cb (XaPreferencesWindow *self)
{
  g_autofree char *text = stripped_text (self->xyz_row);
  g_autofree char *problem = xyz_problem (text);

  if (problem != NULL)
    {
      show_error_row (self->xyz_error_row, GTK_WIDGET (self->xyz_row), problem);
      return;
    }
  hide_error_row (self->xyz_error_row, GTK_WIDGET (self->xyz_row));
  g_settings_set_string (self->settings, "basemap-xyz-url", text);
}

/* An MBTiles file is an SQLite database; anything else would only fail later, on the map. */
static gboolean
is_sqlite_file (GFile   *file,
                GError **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  char header[16] = { 0 };
  gsize read = 0;

  if (stream == NULL)
    return FALSE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &read, NULL, error))
    return FALSE;
  return read == sizeof header && memcmp (header, magic, sizeof header) == 0;
}

void
_xa_preferences_window_choose_mbtiles (XaPreferencesWindow *self,
                                       GFile               *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (XA_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      message = g_strdup_printf (_("“%s” is not a file on this computer. Copy the MBTiles file "
                                   "to a local folder and choose it there."), uri);
    }
  else if (!is_sqlite_file (file, &error))
    {
      if (error != NULL)
        message = g_strdup_printf (_("“%s” cannot be read (%s). The file in use is unchanged."),
                                   path, error->message);
      else
        message = g_strdup_printf (_("“%s” is not an MBTiles file: such a file is an SQLite "
                                     "database of map tiles. The file in use is unchanged."),
                                   path);
    }

  if (message != NULL)
    {
      show_error_row (self->mbtiles_error_row, NULL, message);
      return;
    }
  hide_error_row (self->mbtiles_error_row, NULL);
  g_settings_set_string (self->settings, "basemap-mbtiles-path", path);
}

static void
chooser_response_cb (XaPreferencesWindow  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        _xa_preferences_window_choose_mbtiles (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
mbtiles_choose_cb (XaPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *path = g_settings_get_string (self->settings, "basemap-mbtiles-path");

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose an MBTiles File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("MBTiles files"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  gtk_file_filter_add_pattern (filter, "*.MBTILES");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (*path != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), file, NULL);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Elevator age thresholds */

static void
load_thresholds (XaPreferencesWindow *self)
{
  gboolean updating = self->updating;

  self->updating = TRUE;
  gtk_spin_button_set_value (self->low_spin,
                             g_settings_get_int (self->settings, "elevator-threshold-low"));
  gtk_spin_button_set_value (self->mid_spin,
                             g_settings_get_int (self->settings, "elevator-threshold-mid"));
  gtk_spin_button_set_value (self->high_spin,
                             g_settings_get_int (self->settings, "elevator-threshold-high"));
  self->updating = updating;
  hide_error_row (self->thresholds_error_row, NULL);
}

static void
threshold_changed_cb (XaPreferencesWindow *self)
{
  int low = gtk_spin_button_get_value_as_int (self->low_spin);
  int mid = gtk_spin_button_get_value_as_int (self->mid_spin);
  int high = gtk_spin_button_get_value_as_int (self->high_spin);
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GSettings) batch = NULL;

  if (self->updating)
    return;
  if (!(low < mid && mid < high))
    {
      show_error_row (self->thresholds_error_row, NULL, NULL);
      return;
    }
  hide_error_row (self->thresholds_error_row, NULL);

  /* All three change at once, so nobody ever reads a half-written, unordered set. */
  g_object_get (self->settings, "backend", &backend, "settings-schema", &schema, "path", &path,
                NULL);
  batch = g_settings_new_full (schema, backend, path);
  g_settings_delay (batch);
  g_settings_set_int (batch, "elevator-threshold-low", low);
  g_settings_set_int (batch, "elevator-threshold-mid", mid);
  g_settings_set_int (batch, "elevator-threshold-high", high);
  g_settings_apply (batch);
}

static void
thresholds_restore_cb (XaPreferencesWindow *self)
{
  load_thresholds (self);
}

/* The renewal priority: its rows are made from xa-priority-settings.c's table of keys. */
static void
priority_restore_cb (XaPreferencesWindow *self)
{
  xa_priority_settings_reset (self->settings);
}

static void load_seasons (XaPreferencesWindow *self);

/* Changes made elsewhere (the connect dialog, another window) show up here. */
static void
settings_changed_cb (XaPreferencesWindow *self,
                     const char          *key,
                     GSettings           *settings)
{
  if (g_str_equal (key, "server-url"))
    load_server (self);
  else if (g_str_equal (key, "basemap") || g_str_equal (key, "basemap-xyz-url"))
    load_basemap (self);
  else if (g_str_equal (key, "basemap-mbtiles-path"))
    update_mbtiles_row (self);
  else if (g_str_equal (key, "flood-season"))
    load_seasons (self);
  else if (g_str_has_prefix (key, "elevator-threshold-")
           && !gtk_widget_get_visible (GTK_WIDGET (self->thresholds_error_row)))
    load_thresholds (self);
}

/* The spin buttons are read out under their row's title. */
static void
label_spin_button (GtkSpinButton *spin)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW);

  if (row != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                    -1);
}

/* ---- Flood season ---- */

/* How many past years the season list offers besides the current one. */
#define PAST_SEASONS 5

static void
season_selected_cb (XaPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->season_row);

  if (self->updating || selected >= self->season_years->len)
    return;
  g_settings_set_int (self->settings, "flood-season",
                      g_array_index (self->season_years, int, selected));
}

/* Gives @row the list @names with @selected chosen, without writing that choice back to
 * the settings it came from. */
static void
set_choices (XaPreferencesWindow *self,
             AdwComboRow         *row,
             GtkStringList       *names,
             guint                selected)
{
  gboolean updating = self->updating;

  self->updating = TRUE;
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
  self->updating = updating;
}

/* "This year (2026)", then this year and the five before it by number, so a bureau can
 * both follow the calendar and look back at a finished season. A year set by other means
 * and not in the list is added at its end. */
static void
load_seasons (XaPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  int current = xa_metrics_current_season (g_get_real_time () / G_USEC_PER_SEC);
  int stored = g_settings_get_int (self->settings, "flood-season");
  g_autofree char *this_year = NULL;
  guint selected = adw_combo_row_get_selected (self->season_row);

  /* Our own change coming back from the settings: the list already says it, and it must
   * not be replaced while the combo row is still notifying about it. */
  if (selected < self->season_years->len
      && g_array_index (self->season_years, int, selected) == stored)
    return;

  selected = 0;
  g_array_set_size (self->season_years, 0);
  /* Translators: the first entry of the flood season list; %d is the current year. */
  this_year = g_strdup_printf (_("This Year (%d)"), current);
  gtk_string_list_append (names, this_year);
  g_array_append_val (self->season_years, (int) { 0 });
  for (int year = current; year >= current - PAST_SEASONS; year--)
    {
      g_autofree char *name = g_strdup_printf ("%d", year);

      gtk_string_list_append (names, name);
      g_array_append_val (self->season_years, year);
      if (year == stored)
        selected = self->season_years->len - 1;
    }
  if (stored != 0 && selected == 0)
    {
      g_autofree char *name = g_strdup_printf ("%d", stored);

      gtk_string_list_append (names, name);
      g_array_append_val (self->season_years, stored);
      selected = self->season_years->len - 1;
    }

  set_choices (self, self->season_row, names, selected);
}

static void
cadre_selected_cb (XaPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->cadre_row);

  if (self->updating || self->settings == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  g_settings_set_string (self->settings, "my-cadre",
                         selected == 0 || selected > self->cadre_ids->len
                         ? "" : self->cadre_ids->pdata[selected - 1]);
}

typedef struct
{
  GPtrArray     *ids;
  GtkStringList *names;
} CadreList;

static void
collect_cadre (gconstpointer record,
               gpointer      user_data)
{
  const XaCadre *cadre = record;
  CadreList *list = user_data;
  g_autofree char *name = NULL;

  /* Translators: a cadre in the "My Cadre" list: %1$s the name, %2$s the unit. */
  name = g_strdup_printf (_("%1$s, %2$s"), cadre->name, cadre->unit);
  g_ptr_array_add (list->ids, g_strdup (cadre->id));
  gtk_string_list_append (list->names, name);
}

void
xa_preferences_window_set_store (XaPreferencesWindow *self,
                                 XaStore             *store)
{
  g_autofree char *chosen = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  CadreList list = { self->cadre_ids, names };
  guint selected = 0;

  g_return_if_fail (XA_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (store == NULL || XA_IS_STORE (store));

  chosen = g_settings_get_string (self->settings, "my-cadre");
  g_ptr_array_set_size (self->cadre_ids, 0);
  gtk_string_list_append (names, _("None"));
  if (store != NULL && !xa_store_foreach (store, XA_RECORD_CADRE, collect_cadre, &list, NULL))
    {
      /* Unreadable records offer no cadre, as a store without any. */
      g_ptr_array_set_size (self->cadre_ids, 0);
      gtk_string_list_splice (names, 1, g_list_model_get_n_items (G_LIST_MODEL (names)) - 1,
                              NULL);
    }
  for (guint i = 0; i < self->cadre_ids->len; i++)
    if (g_str_equal (self->cadre_ids->pdata[i], chosen))
      selected = i + 1;
  /* A cadre these records do not have stays chosen, by its id. */
  if (selected == 0 && *chosen != '\0')
    {
      g_ptr_array_add (self->cadre_ids, g_strdup (chosen));
      gtk_string_list_append (names, chosen);
      selected = self->cadre_ids->len;
    }
  set_choices (self, self->cadre_row, names, selected);
}

static void
xa_preferences_window_constructed (GObject *object)
{
  XaPreferencesWindow *self = XA_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (xa_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  self->secrets = _xa_preferences_secrets_new (object, self->settings, secret_applied_cb);
  _xa_preferences_secrets_set_rows (self->secrets, XA_SECRET_ACCESS_TOKEN, self->token_row,
                                    self->token_status_row, self->token_status_icon);
  _xa_preferences_secrets_set_rows (self->secrets, XA_SECRET_TIANDITU_KEY, self->tianditu_row,
                                    self->tianditu_status_row, self->tianditu_status_icon);
  g_settings_bind (self->settings, "sync-interval-minutes", self->interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reassessment-interval", self->reassessment_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "deadline-days-on-site", self->on_site_days_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "deadline-days-consultation", self->consultation_days_spin,
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "deadline-days-city", self->city_days_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  xa_priority_settings_add_rows (self->priority_group, self->settings);
  xa_monitor_row_set_settings (self->monitor_row, self->settings);
  load_seasons (self);
  load_server (self);
  load_basemap (self);
  load_thresholds (self);
  xa_preferences_window_set_store (self, NULL);
  _xa_preferences_secrets_lookup (self->secrets, XA_SECRET_TIANDITU_KEY);
  self->updating = FALSE;

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->basemap_row, "notify::selected",
                           G_CALLBACK (basemap_selected_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
xa_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (XA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}

gboolean
_xa_preferences_window_is_busy (XaPreferencesWindow *self)
{
  g_return_val_if_fail (XA_IS_PREFERENCES_WINDOW (self), FALSE);

  return _xa_preferences_secrets_is_busy (self->secrets);
}

static void
xa_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  XaPreferencesWindow *self = XA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  XaPreferencesWindow *self = XA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_preferences_window_dispose (GObject *object)
{
  XaPreferencesWindow *self = XA_PREFERENCES_WINDOW (object);

  if (self->secrets != NULL)
    _xa_preferences_secrets_stop (self->secrets);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), XA_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (xa_preferences_window_parent_class)->dispose (object);
}

static void
xa_preferences_window_finalize (GObject *object)
{
  XaPreferencesWindow *self = XA_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->secrets, _xa_preferences_secrets_free);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->season_years, g_array_unref);
  g_clear_pointer (&self->cadre_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (xa_preferences_window_parent_class)->finalize (object);
}

static void
xa_preferences_window_class_init (XaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = xa_preferences_window_constructed;
  object_class->set_property = xa_preferences_window_set_property;
  object_class->get_property = xa_preferences_window_get_property;
  object_class->dispose = xa_preferences_window_dispose;
  object_class->finalize = xa_preferences_window_finalize;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TOKEN_CHANGED] =
    g_signal_new ("token-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[TIANDITU_KEY_CHANGED] =
    g_signal_new ("tianditu-key-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (XA_TYPE_MONITOR_ROW);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/xiaoquatlas/XiaoquAtlas/xa-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, server_error_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, token_status_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, token_status_icon);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, reassessment_spin);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, on_site_days_spin);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow,
                                        consultation_days_spin);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, city_days_spin);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, season_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, cadre_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, basemap_group);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, basemap_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, monitor_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, xyz_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, xyz_error_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, tianditu_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, tianditu_status_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, tianditu_status_icon);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, mbtiles_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, mbtiles_error_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, low_spin);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, mid_spin);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, high_spin);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, thresholds_error_row);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow,
                                        thresholds_restore_button);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow, priority_group);
  gtk_widget_class_bind_template_child (widget_class, XaPreferencesWindow,
                                        priority_restore_button);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, xyz_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, xyz_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, tianditu_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, mbtiles_choose_cb);
  gtk_widget_class_bind_template_callback (widget_class, threshold_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, thresholds_restore_cb);
  gtk_widget_class_bind_template_callback (widget_class, priority_restore_cb);
}

static void
xa_preferences_window_init (XaPreferencesWindow *self)
{
  /* Until constructed() has loaded the settings, nothing the widgets say is the user's. */
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  xa_accessible_name_controls (GTK_WIDGET (self));

  self->season_years = g_array_new (FALSE, FALSE, sizeof (int));
  self->cadre_ids = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_swapped (self->cadre_row, "notify::selected",
                            G_CALLBACK (cadre_selected_cb), self);
  g_signal_connect_swapped (self->season_row, "notify::selected",
                            G_CALLBACK (season_selected_cb), self);
  label_spin_button (self->interval_spin);
  label_spin_button (self->reassessment_spin);
  label_spin_button (self->on_site_days_spin);
  label_spin_button (self->consultation_days_spin);
  label_spin_button (self->city_days_spin);
  label_spin_button (self->low_spin);
  label_spin_button (self->mid_spin);
  label_spin_button (self->high_spin);
}
