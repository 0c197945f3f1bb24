/* test-preferences.c — the real XaPreferencesWindow under Xvfb: basemap rows follow the
 * choice, wrong addresses and threshold orders are refused with a message and never reach
 * GSettings, tokens and the Tianditu key go to a real gnome-keyring-daemon on a private
 * bus (never to GSettings) and are handed over even when the window closes right after
 * Enter, and without a keyring the window says so and still hands the token over; the
 * renewal priority's spin buttons write their keys and Restore Defaults resets them all.
 * Screenshots go to $XA_SCREENSHOT_DIR (or the test's tmp dir), named after the language:
 * tests/meson.build runs this program again with LANG=zh_CN.UTF-8. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "xa-keyring.h"
#include "xa-metrics.h"
#include "xa-preferences-window-private.h"
#include "xa-priority-settings.h"
#include "xa-resources.h"
#include "xa-test-keyring.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"

#define SERVER "https://records.example.gov.cn"

static XaTestKeyring *keyring;
static GSettings *settings;

static gboolean
is_idle (gpointer user_data)
{
  return !_xa_preferences_window_is_busy (user_data);
}

/* Iterates until the window's keyring requests are answered. */
static void
wait_idle (XaPreferencesWindow *window)
{
  g_assert_true (xa_test_ui_spin_until (is_idle, window, 30));
}

static GtkWidget *
child (XaPreferencesWindow *window,
       const char          *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window),
                                                   XA_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static gboolean
shown (XaPreferencesWindow *window,
       const char          *name)
{
  return gtk_widget_get_visible (child (window, name));
}

static XaPreferencesWindow *
open_window (void)
{
  XaPreferencesWindow *window = XA_PREFERENCES_WINDOW (xa_preferences_window_new (NULL, settings));

  gtk_window_present (GTK_WINDOW (window));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  wait_idle (window);
  return window;
}

static void
close_window (XaPreferencesWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* What typing @text and pressing Enter (or the apply button) does. */
static void
type_and_apply (XaPreferencesWindow *window,
                const char          *row,
                const char          *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (window, row)), text);
  g_signal_emit_by_name (child (window, row), "apply");
}

/* Every key of the app's schema. */
static GStrv
settings_keys (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return g_settings_schema_list_keys (schema);
}

static void
reset_settings (void)
{
  g_auto(GStrv) keys = settings_keys ();

  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* The window over default settings but for the server address, SERVER. */
static XaPreferencesWindow *
open_with_server (void)
{
  reset_settings ();
  g_settings_set_string (settings, "server-url", SERVER);
  return open_window ();
}

/* No setting holds @secret, whatever its key. */
static void
assert_not_in_settings (const char *secret)
{
  g_auto(GStrv) keys = settings_keys ();

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, secret));
    }
}

/* The string setting @key holds @expected. */
static void
assert_setting (const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

/* Types @text into @row and applies it: when @refused, @error_row shows, @row is marked
 * and the string setting @key still holds @expected; otherwise no error shows and @key
 * holds @expected. */
static void
assert_entry (XaPreferencesWindow *window,
              const char          *row,
              const char          *error_row,
              const char          *text,
              gboolean             refused,
              const char          *key,
              const char          *expected)
{
  type_and_apply (window, row, text);
  g_assert_cmpint (shown (window, error_row) != FALSE, ==, refused != FALSE);
  if (refused)
    {
      g_assert_true (gtk_widget_has_css_class (child (window, row), "error"));
      g_test_message ("%s: %s", text,
                      adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, error_row))));
    }
  assert_setting (key, expected);
}

static void
test_basemap_rows (void)
{
  static const struct {
    const char *id;
    gboolean    xyz, tianditu, mbtiles;
  } choices[] = {
    { "osm", FALSE, FALSE, FALSE },
    { "tianditu", FALSE, TRUE, FALSE },
    { "xyz", TRUE, FALSE, FALSE },
    { "mbtiles", FALSE, FALSE, TRUE },
    { "none", FALSE, FALSE, FALSE },
  };
  XaPreferencesWindow *window;

  reset_settings ();
  window = open_window ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "map");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (window, "basemap_row"))), ==,
                    0);

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autofree char *id = NULL;

      adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "basemap_row")), i);
      id = g_settings_get_string (settings, "basemap");
      g_assert_cmpstr (id, ==, choices[i].id);
      g_assert_cmpint (shown (window, "xyz_row"), ==, choices[i].xyz);
      g_assert_cmpint (shown (window, "tianditu_row"), ==, choices[i].tianditu);
      g_assert_cmpint (shown (window, "mbtiles_row"), ==, choices[i].mbtiles);
      g_assert_false (shown (window, "xyz_error_row"));
      g_assert_false (shown (window, "mbtiles_error_row"));
    }

  /* A change made elsewhere shows up here. */
  g_settings_set_string (settings, "basemap", "mbtiles");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (window, "basemap_row"))), ==,
                    3);
  g_assert_true (shown (window, "mbtiles_row"));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-map-mbtiles");
  close_window (window);
}

static void
test_xyz_url (void)
{
  static const char *wrong[] = {
    "",
    "https://tiles.example.gov.cn/tile.png",
    "https://tiles.example.gov.cn/{z}/{x}.png",
    "ftp://tiles.example.gov.cn/{z}/{x}/{y}.png",
    "tiles.example.gov.cn/{z}/{x}/{y}.png",
  };
  XaPreferencesWindow *window;

  reset_settings ();
  g_settings_set_string (settings, "basemap", "xyz");
  window = open_window ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "map");
  g_assert_true (shown (window, "xyz_row"));

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    assert_entry (window, "xyz_row", "xyz_error_row", wrong[i], TRUE, "basemap-xyz-url", "");
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-xyz-error");

  /* The error goes as soon as the address is right, before it is applied. */
  gtk_editable_set_text (GTK_EDITABLE (child (window, "xyz_row")),
                         "https://tiles.example.gov.cn/{z}/{x}/{y}.png");
  g_assert_false (shown (window, "xyz_error_row"));
  g_signal_emit_by_name (child (window, "xyz_row"), "apply");
  assert_setting ("basemap-xyz-url", "https://tiles.example.gov.cn/{z}/{x}/{y}.png");
  g_assert_false (gtk_widget_has_css_class (child (window, "xyz_row"), "error"));

  /* TMS rows are accepted too. */
  assert_entry (window, "xyz_row", "xyz_error_row",
                "http://10.0.0.5:8080/tms/{z}/{x}/{tmsy}.png", FALSE, "basemap-xyz-url",
                "http://10.0.0.5:8080/tms/{z}/{x}/{tmsy}.png");

  /* So is a server letter, which the map fills in: Preferences accepts what it can use. */
  assert_entry (window, "xyz_row", "xyz_error_row",
                "https://{s}.tiles.example.gov.cn/{z}/{x}/{y}.png", FALSE, "basemap-xyz-url",
                "https://{s}.tiles.example.gov.cn/{z}/{x}/{y}.png");
  close_window (window);
}

static void
test_server_url (void)
{
  static const char *wrong[] = {
    "records.example.gov.cn",
    "ftp://records.example.gov.cn",
    "https://",
    "http//records.example.gov.cn",
  };
  XaPreferencesWindow *window;

  window = open_with_server ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "server_row"))), ==,
                   SERVER);

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    assert_entry (window, "server_row", "server_error_row", wrong[i], TRUE, "server-url", SERVER);
  wait_idle (window);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-server-error");

  assert_entry (window, "server_row", "server_error_row", "  http://127.0.0.1:8080  ", FALSE,
                "server-url", "http://127.0.0.1:8080");

  /* Empty means no server, which is a valid choice. */
  assert_entry (window, "server_row", "server_error_row", "", FALSE, "server-url", "");
  wait_idle (window);
  close_window (window);
}

static void
assert_thresholds (int low,
                   int mid,
                   int high)
{
  g_assert_cmpint (g_settings_get_int (settings, "elevator-threshold-low"), ==, low);
  g_assert_cmpint (g_settings_get_int (settings, "elevator-threshold-mid"), ==, mid);
  g_assert_cmpint (g_settings_get_int (settings, "elevator-threshold-high"), ==, high);
}

static void
test_thresholds (void)
{
  XaPreferencesWindow *window;
  GtkSpinButton *low, *mid, *high;

  reset_settings ();
  window = open_window ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "map");
  low = GTK_SPIN_BUTTON (child (window, "low_spin"));
  mid = GTK_SPIN_BUTTON (child (window, "mid_spin"));
  high = GTK_SPIN_BUTTON (child (window, "high_spin"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (low), ==, 10);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (mid), ==, 15);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (high), ==, 20);

  /* low > mid: refused, settings untouched. */
  gtk_spin_button_set_value (low, 16);
  g_assert_true (shown (window, "thresholds_error_row"));
  assert_thresholds (10, 15, 20);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-thresholds-error");

  /* Equal thresholds would leave a band empty: refused too. */
  gtk_spin_button_set_value (low, 10);
  g_assert_false (shown (window, "thresholds_error_row"));
  gtk_spin_button_set_value (mid, 20);
  g_assert_true (shown (window, "thresholds_error_row"));
  assert_thresholds (10, 15, 20);

  /* Restore brings back the values in use. */
  g_signal_emit_by_name (child (window, "thresholds_restore_button"), "clicked");
  g_assert_false (shown (window, "thresholds_error_row"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (mid), ==, 15);

  /* An order that needs two steps: the first is refused, the second saves all three. */
  gtk_spin_button_set_value (mid, 22);
  g_assert_true (shown (window, "thresholds_error_row"));
  assert_thresholds (10, 15, 20);
  gtk_spin_button_set_value (high, 30);
  g_assert_false (shown (window, "thresholds_error_row"));
  assert_thresholds (10, 22, 30);

  /* A change made elsewhere shows up here. */
  g_settings_set_int (settings, "elevator-threshold-low", 8);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (low), ==, 8);
  close_window (window);
}

static void
test_sync_settings (void)
{
  XaPreferencesWindow *window;

  reset_settings ();
  window = open_window ();
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "interval_spin")), 0);
  g_assert_cmpint (g_settings_get_int (settings, "sync-interval-minutes"), ==, 0);
  /* Out of range never reaches the settings: the spin button clamps to the schema's range. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "interval_spin")), 5000);
  g_assert_cmpint (g_settings_get_int (settings, "sync-interval-minutes"), ==, 1440);
  /* The years an assessment counts, within the schema's 1 … 30. */
  {
    GtkSpinButton *years = GTK_SPIN_BUTTON (child (window, "reassessment_spin"));

    g_assert_cmpint (gtk_spin_button_get_value_as_int (years), ==, 3);
    gtk_spin_button_set_value (years, 5);
    g_assert_cmpint (g_settings_get_int (settings, "reassessment-interval"), ==, 5);
    gtk_spin_button_set_value (years, 100);
    g_assert_cmpint (g_settings_get_int (settings, "reassessment-interval"), ==, 30);
    g_settings_set_int (settings, "reassessment-interval", 4);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (years), ==, 4);
  }
  /* The season: "this year" (0) first, then the years, newest first. */
  {
    AdwComboRow *season = ADW_COMBO_ROW (child (window, "season_row"));
    int current = xa_metrics_current_season (g_get_real_time () / G_USEC_PER_SEC);

    g_assert_cmpuint (adw_combo_row_get_selected (season), ==, 0);
    adw_combo_row_set_selected (season, 2);
    g_assert_cmpint (g_settings_get_int (settings, "flood-season"), ==, current - 1);
    adw_combo_row_set_selected (season, 0);
    g_assert_cmpint (g_settings_get_int (settings, "flood-season"), ==, 0);
    /* A year set elsewhere, older than the list, is shown and kept. */
    g_settings_set_int (settings, "flood-season", 2001);
    g_assert_cmpuint (adw_combo_row_get_selected (season),
                      ==, g_list_model_get_n_items (adw_combo_row_get_model (season)) - 1);
    g_assert_cmpint (g_settings_get_int (settings, "flood-season"), ==, 2001);
  }
  close_window (window);
}

static void
test_mbtiles (void)
{
  g_autofree char *text_path = g_build_filename (xa_test_tmpdir (), "notes.mbtiles", NULL);
  g_autofree char *tiles_path = g_build_filename (xa_test_tmpdir (), "city.mbtiles", NULL);
  g_autoptr(GFile) text_file = g_file_new_for_path (text_path);
  g_autoptr(GFile) tiles_file = g_file_new_for_path (tiles_path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/city.mbtiles");
  char header[100] = "SQLite format 3";
  g_autoptr(GError) error = NULL;
  XaPreferencesWindow *window;

  g_file_set_contents (text_path, "not a database, only some words", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (tiles_path, header, sizeof header, &error);
  g_assert_no_error (error);

  reset_settings ();
  g_settings_set_string (settings, "basemap", "mbtiles");
  window = open_window ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "map");

  _xa_preferences_window_choose_mbtiles (window, text_file);
  g_assert_true (shown (window, "mbtiles_error_row"));
  assert_setting ("basemap-mbtiles-path", "");
  _xa_preferences_window_choose_mbtiles (window, missing);
  g_assert_true (shown (window, "mbtiles_error_row"));
  assert_setting ("basemap-mbtiles-path", "");

  _xa_preferences_window_choose_mbtiles (window, tiles_file);
  g_assert_false (shown (window, "mbtiles_error_row"));
  assert_setting ("basemap-mbtiles-path", tiles_path);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, "mbtiles_row"))),
                   ==, tiles_path);
  close_window (window);
}

typedef struct
{
  guint  count;
  char  *server_url;
  char  *secret;
} Changed;

static void
changed_clear (Changed *changed)
{
  g_clear_pointer (&changed->server_url, g_free);
  g_clear_pointer (&changed->secret, g_free);
}

static void
token_changed_cb (XaPreferencesWindow *window,
                  const char          *server_url,
                  const char          *token,
                  Changed             *changed)
{
  changed_clear (changed);
  changed->count++;
  changed->server_url = g_strdup (server_url);
  changed->secret = g_strdup (token);
}

static void
key_changed_cb (XaPreferencesWindow *window,
                const char          *key,
                Changed             *changed)
{
  changed_clear (changed);
  changed->count++;
  changed->secret = g_strdup (key);
}

static void
test_token_keyring (void)
{
  XaPreferencesWindow *window;
  Changed changed = { 0 };
  g_autofree char *stored = NULL;

  window = open_with_server ();
  g_signal_connect (window, "token-changed", G_CALLBACK (token_changed_cb), &changed);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "token_row"))), ==, "");
  g_assert_false (shown (window, "token_status_row"));

  type_and_apply (window, "token_row", "secret-Token-4c1d");
  wait_idle (window);
  g_assert_true (shown (window, "token_status_row"));
  g_assert_false (gtk_widget_has_css_class (child (window, "token_status_row"), "warning"));
  g_assert_cmpuint (changed.count, ==, 1);
  g_assert_cmpstr (changed.server_url, ==, SERVER);
  g_assert_cmpstr (changed.secret, ==, "secret-Token-4c1d");
  stored = xa_test_keyring_lookup_secret (XA_SECRET_ACCESS_TOKEN, SERVER, NULL);
  g_assert_cmpstr (stored, ==, "secret-Token-4c1d");
  assert_not_in_settings ("secret-Token");
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-server");
  close_window (window);

  /* Opened again, the window finds the token in the keyring. */
  window = open_window ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "token_row"))), ==,
                   "secret-Token-4c1d");

  /* Another server has no token yet. */
  type_and_apply (window, "server_row", "https://other.example.gov.cn");
  wait_idle (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "token_row"))), ==, "");

  /* Back to the first one; an empty token removes it from the keyring. */
  type_and_apply (window, "server_row", SERVER);
  wait_idle (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "token_row"))), ==,
                   "secret-Token-4c1d");
  g_signal_connect (window, "token-changed", G_CALLBACK (token_changed_cb), &changed);
  type_and_apply (window, "token_row", "");
  wait_idle (window);
  g_assert_cmpstr (changed.secret, ==, "");
  g_clear_pointer (&stored, g_free);
  stored = xa_test_keyring_lookup_secret (XA_SECRET_ACCESS_TOKEN, SERVER, NULL);
  g_assert_null (stored);
  close_window (window);
  changed_clear (&changed);

  /* No server yet: the token has nothing to belong to, and the window says so. */
  g_settings_set_string (settings, "server-url", "");
  window = open_window ();
  type_and_apply (window, "token_row", "orphan-token");
  wait_idle (window);
  g_assert_true (shown (window, "token_status_row"));
  g_assert_true (gtk_widget_has_css_class (child (window, "token_status_row"), "warning"));
  close_window (window);
}

static void
test_tianditu_key (void)
{
  XaPreferencesWindow *window;
  Changed changed = { 0 };
  g_autofree char *stored = NULL;

  reset_settings ();
  g_settings_set_string (settings, "basemap", "tianditu");
  window = open_window ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "map");
  g_signal_connect (window, "tianditu-key-changed", G_CALLBACK (key_changed_cb), &changed);

  type_and_apply (window, "tianditu_row", "0123456789abcdef0123456789abcdef");
  wait_idle (window);
  g_assert_cmpuint (changed.count, ==, 1);
  g_assert_cmpstr (changed.secret, ==, "0123456789abcdef0123456789abcdef");
  g_assert_true (shown (window, "tianditu_status_row"));
  stored = xa_test_keyring_lookup_secret (XA_SECRET_TIANDITU_KEY, NULL, NULL);
  g_assert_cmpstr (stored, ==, "0123456789abcdef0123456789abcdef");
  assert_not_in_settings ("0123456789abcdef");
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-map-tianditu");
  close_window (window);
  changed_clear (&changed);
}

static gboolean
changed_once (gpointer user_data)
{
  return ((Changed *) user_data)->count == 1;
}

/* A token applied just before the window closes is still stored and handed over: the
 * window lives on until the keyring has answered. */
static void
test_token_on_close (void)
{
  XaPreferencesWindow *window;
  Changed changed = { 0 };
  g_autofree char *stored = NULL;

  window = open_with_server ();
  g_signal_connect (window, "token-changed", G_CALLBACK (token_changed_cb), &changed);
  type_and_apply (window, "token_row", "closing-Token-77e0");
  g_assert_cmpuint (changed.count, ==, 0);
  close_window (window);

  g_assert_true (xa_test_ui_spin_until (changed_once, &changed, 30));
  g_assert_cmpstr (changed.server_url, ==, SERVER);
  g_assert_cmpstr (changed.secret, ==, "closing-Token-77e0");
  stored = xa_test_keyring_lookup_secret (XA_SECRET_ACCESS_TOKEN, SERVER, NULL);
  g_assert_cmpstr (stored, ==, "closing-Token-77e0");
  changed_clear (&changed);
}

/* The descendant of @root whose widget name is @name (the priority rows name their spin
 * buttons after their keys), or NULL. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_str_equal (gtk_widget_get_name (root), name))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkSpinButton *
priority_spin (XaPreferencesWindow *window,
               const char          *key)
{
  GtkWidget *spin = find_named (GTK_WIDGET (window), key);

  g_assert_nonnull (spin);
  return GTK_SPIN_BUTTON (spin);
}

/* The monitor presentation mode goes to: Automatic, each monitor attached with a connector
 * (Xvfb has one), and a chosen one that is not attached now kept as such. */
static void
test_presentation_monitor (void)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) first = g_list_model_get_item (monitors, 0);
  const char *connector = gdk_monitor_get_connector (first);
  XaPreferencesWindow *window;
  AdwComboRow *row;
  GListModel *choices;
  g_autofree char *chosen = NULL;
  g_autofree char *missing = g_strdup_printf (_("%s (not attached)"), "HDMI-9");

  reset_settings ();
  window = open_window ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "map");
  row = ADW_COMBO_ROW (child (window, "monitor_row"));
  choices = adw_combo_row_get_model (row);
  g_test_message ("monitor: %s", connector != NULL ? connector : "(no connector)");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==,
                   _("Automatic: the projector when one is attached"));
  if (connector != NULL)
    {
      g_assert_cmpuint (g_list_model_get_n_items (choices), ==,
                        1 + g_list_model_get_n_items (monitors));
      g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (choices), 1),
                                       connector));
      adw_combo_row_set_selected (row, 1);
      chosen = g_settings_get_string (settings, "presentation-monitor");
      g_assert_cmpstr (chosen, ==, connector);
      g_clear_pointer (&chosen, g_free);
    }

  /* A projector chosen in the meeting room, absent at the desk: listed, still chosen. */
  g_settings_set_string (settings, "presentation-monitor", "HDMI-9");
  choices = adw_combo_row_get_model (row);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices),
                                               adw_combo_row_get_selected (row)), ==, missing);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-presentation-monitor");

  adw_combo_row_set_selected (row, 0);
  chosen = g_settings_get_string (settings, "presentation-monitor");
  g_assert_cmpstr (chosen, ==, "");
  close_window (window);
}

static void
test_priority (void)
{
  static const char * const keys[] = {
    "priority-scope-years", "priority-old-years", "priority-points-scope",
    "priority-points-old", "priority-points-per-fault", "priority-faults-cap",
    "priority-points-per-entrapment", "priority-entrapments-cap",
    "priority-points-inspection-fail", "priority-points-inspection-remarks",
    "priority-points-grade-c", "priority-points-grade-d", "priority-points-assessment-due",
  };
  XaPriorityParams defaults = xa_priority_params_default ();
  XaPriorityParams read;
  XaPreferencesWindow *window;
  GtkSpinButton *fault, *scope;

  reset_settings ();
  /* The schema's defaults are the core's. */
  xa_priority_params_from_settings (settings, &read);
  g_assert_cmpmem (&read, sizeof read, &defaults, sizeof defaults);

  window = open_window ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "renewal");
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpint (gtk_spin_button_get_value_as_int (priority_spin (window, keys[i])), ==,
                     g_settings_get_int (settings, keys[i]));
  fault = priority_spin (window, "priority-points-per-fault");
  scope = priority_spin (window, "priority-scope-years");
  /* A screen reader says which weight a spin button holds. */
  gtk_test_accessible_assert_property (fault, GTK_ACCESSIBLE_PROPERTY_LABEL, _("Each Fault"));

  /* A spin button writes its key, and the parameters read it back. */
  gtk_spin_button_set_value (fault, 7);
  gtk_spin_button_set_value (scope, 12);
  g_assert_cmpint (g_settings_get_int (settings, "priority-points-per-fault"), ==, 7);
  g_settings_set_int (settings, "reassessment-interval", 5);
  xa_priority_params_from_settings (settings, &read);
  g_assert_cmpint (read.points_per_fault, ==, 7);
  g_assert_cmpint (read.scope_years, ==, 12);
  g_assert_cmpint (read.reassessment_years, ==, 5);
  /* The schema's range holds: no negative weight. */
  gtk_spin_button_set_value (fault, -4);
  g_assert_cmpint (g_settings_get_int (settings, "priority-points-per-fault"), ==, 0);
  gtk_spin_button_set_value (fault, 7);

  /* A change made elsewhere shows up here. */
  g_settings_set_int (settings, "priority-points-grade-d", 55);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (priority_spin (window,
                                                      "priority-points-grade-d")), ==, 55);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-renewal-changed");

  /* Restore Defaults: every priority key back, the figures' interval left alone. */
  g_signal_emit_by_name (child (window, "priority_restore_button"), "clicked");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GVariant) value = g_settings_get_user_value (settings, keys[i]);

      g_assert_null (value);
    }
  g_assert_cmpint (gtk_spin_button_get_value_as_int (fault), ==, defaults.points_per_fault);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (scope), ==, defaults.scope_years);
  g_assert_cmpint (g_settings_get_int (settings, "reassessment-interval"), ==, 5);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-renewal-page");

  /* The rows below the fold, for the screenshot. */
  {
    GtkWidget *last = GTK_WIDGET (priority_spin (window, "priority-points-assessment-due"));
    GtkWidget *scrolled = gtk_widget_get_ancestor (last, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment;

    g_assert_nonnull (scrolled);
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
    xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-renewal-bottom");
  }
  close_window (window);
}

/* The window as a user first sees it, in each language (no keyring answer shown). */
static void
test_screenshots (void)
{
  XaPreferencesWindow *window;

  window = open_with_server ();
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-server-page");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "map");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "basemap_row")), 2);
  type_and_apply (window, "xyz_row", "https://tiles.example.gov.cn/tile.png");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "low_spin")), 18);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-map-page");
  close_window (window);
}

/* Last: the keyring daemon goes away, as on a desktop without one. */
static void
test_no_keyring (void)
{
  XaPreferencesWindow *window;
  Changed changed = { 0 };
  const char *subtitle;

  xa_test_keyring_stop_secret_service (keyring);
  window = open_with_server ();
  /* The failed lookup already says that there is no keyring. */
  g_assert_true (shown (window, "token_status_row"));
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, "token_status_row")));
  g_test_message ("%s", subtitle);
  g_assert_nonnull (strstr (subtitle, "GNOME Keyring"));

  g_signal_connect (window, "token-changed", G_CALLBACK (token_changed_cb), &changed);
  type_and_apply (window, "token_row", "session-only-token");
  wait_idle (window);
  g_assert_true (shown (window, "token_status_row"));
  g_assert_true (gtk_widget_has_css_class (child (window, "token_status_row"), "warning"));
  /* The window still gets the token, to keep for this session. */
  g_assert_cmpuint (changed.count, ==, 1);
  g_assert_cmpstr (changed.secret, ==, "session-only-token");
  assert_not_in_settings ("session-only-token");
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "preferences-no-keyring");
  close_window (window);
  changed_clear (&changed);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir_override = g_getenv ("XA_TEST_LOCALEDIR");
  g_autofree char *localedir = NULL;
  int ret;

  xa_test_init (&argc, &argv);

  /* The translations built in this tree, not the installed ones. */
  localedir = localedir_override != NULL ? g_strdup (localedir_override)
                                         : g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  xa_test_ui_init_locale (localedir);

  /* Before GTK and libadwaita connect to the session bus: they would keep the outer one. */
  keyring = xa_test_keyring_start (TRUE);
  /* Without an XaApplication nothing else pulls the resources out of the static library. */
  (void) xa_get_resource ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  settings = g_settings_new (APP_ID);

  g_test_add_func ("/preferences/basemap-rows", test_basemap_rows);
  g_test_add_func ("/preferences/xyz-url", test_xyz_url);
  g_test_add_func ("/preferences/server-url", test_server_url);
  g_test_add_func ("/preferences/thresholds", test_thresholds);
  g_test_add_func ("/preferences/sync-settings", test_sync_settings);
  g_test_add_func ("/preferences/mbtiles", test_mbtiles);
  g_test_add_func ("/preferences/token-keyring", test_token_keyring);
  g_test_add_func ("/preferences/tianditu-key", test_tianditu_key);
  g_test_add_func ("/preferences/token-on-close", test_token_on_close);
  g_test_add_func ("/preferences/priority", test_priority);
  g_test_add_func ("/preferences/presentation-monitor", test_presentation_monitor);
  g_test_add_func ("/preferences/screenshots", test_screenshots);
  g_test_add_func ("/preferences/no-keyring", test_no_keyring);

  ret = g_test_run ();
  g_clear_object (&settings);
  g_clear_pointer (&keyring, xa_test_keyring_stop);
  return ret;
}
