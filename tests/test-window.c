/* test-window.c — the real XaWindow under Xvfb: the welcome page on an empty store, the
 * city totals on a store synced from a real demo server (the safety assessments due
 * checked against the store's rows, the figures of the district chosen on the map), the
 * whole "Open the demo city" path through a child xiaoqu-server (over a stale demo store
 * of another address, which it starts afresh), a damaged store found by a sync, a store
 * of one server not replaced by another's without asking, and a sync error; with a real
 * keyring daemon on a private bus: the demo opened over a saved server never talks to that
 * server, a server address set in the settings is used at once, and a saved token only ever
 * goes to its own server. Also the map's shortcuts from the Figures view and without
 * records, and the clusters' abbreviated counts in the language of the run.
 * The demo city is synced once, and the cases that open a synced store each get a copy of
 * it (its content is what the Figures page and the search are checked against: its 3,490
 * compounds, a named compound, its addresses). The cases that test the window's way
 * through a sync, not the city, sync a synthetic city of 6,000 records (as
 * test-window-actions does) from one server started for the whole run: each demo server
 * started, and each sync of the demo's 39,000 records in this process, was minutes of the
 * sanitizer run.
 * Saves screenshots to $XA_SCREENSHOT_DIR (or the test's tmp dir), named after the
 * language. */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "xa-application.h"
#include "xa-compound-layer-private.h"
#include "xa-connect-dialog.h"
#include "xa-fault-proxy.h"
#include "xa-format.h"
#include "xa-keyring.h"
#include "xa-map-view-private.h"
#include "xa-store.h"
#include "xa-sync-client.h"
#include "xa-test-keyring.h"
#include "xa-test-store.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"
#include "xa-window-private.h"

static XaApplication *app;
static XaTestKeyring *keyring;
/* A synthetic city of 6,000 records (district 379901), served from the start to the end:
 * for the cases that test the window's way through a sync, not the city's content. */
static XaTestServer *synthetic;
/* The demo city, synced once (see demo_city_copy()), and the address it was synced from. */
static char *demo_city;
static char *demo_city_url;

/* The demo city in a new file at @path: a copy of the one sync of it that the cases looking
 * at its content (its figures, its compounds and addresses) share. The server it came from
 * is stopped again, as after a demo. */
static void
copy_demo_city_to (const char *path)
{
  g_autofree char *wal = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (demo_city == NULL)
    {
      XaTestServer *server = xa_test_demo_server_start ();
      XaTestRun synced;

      /* Synced by the command line: a child with the fast unwinder (xa_test_run_app()),
       * where this process would unwind whole stacks at every malloc of 39,000 records. */
      demo_city = xa_test_path ("demo-city.db");
      synced = xa_test_run_sync_only (server->base_url, server->token, demo_city);
      g_assert_cmpint (synced.status, ==, 0);
      xa_test_run_clear (&synced);
      demo_city_url = g_strdup (server->base_url);
      xa_test_server_free (server);
    }
  /* Closed after its sync: the whole city is in the one file, nothing in a journal. */
  wal = g_strconcat (demo_city, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_file_get_contents (demo_city, &contents, &length, &error);
  g_assert_no_error (error);
  /* (The demo's folder may not be there yet: the app makes it when it first opens it.) */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* copy_demo_city_to() a new path made by xa_test_path (@name); returns it. */
static char *
demo_city_copy (const char *name)
{
  char *path = xa_test_path (name);

  copy_demo_city_to (path);
  return path;
}

/* The Figures page of @window. */
static GtkWidget *
summary_page (XaWindow *window)
{
  return GTK_WIDGET (_xa_window_get_city_summary (window));
}

static void
test_welcome (void)
{
  g_autofree char *store_path = xa_test_path ("empty.db");
  XaWindow *window = xa_test_window_open (app, store_path);

  g_assert_cmpstr (_xa_window_get_page (window), ==, "welcome");
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (window), _("Welcome to Xiaoqu Atlas")));
  if (g_str_equal (xa_test_ui_language_tag (), "zh_CN"))
    /* The translation is really loaded, not just the English fallback. */
    g_assert_cmpstr (_("Welcome to Xiaoqu Atlas"), !=, "Welcome to Xiaoqu Atlas");
  g_assert_null (_xa_window_get_error_text (window));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "welcome");
  xa_test_window_close (window);
}

/* A file that is not a records store gets a page that says so, not a crash or a
 * silently emptied file. */
static void
test_bad_store (void)
{
  g_autofree char *store_path = xa_test_path ("not-a-store.db");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  XaWindow *window;

  g_file_set_contents (store_path, "this is not sqlite, just some text of a document",
                       -1, &error);
  g_assert_no_error (error);

  window = xa_test_window_open (app, store_path);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "error");
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (window),
                                           _("The Records File Cannot Be Opened")));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "bad-store");
  xa_test_window_close (window);

  g_file_get_contents (store_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "this is not sqlite, just some text of a document");
}

/* "Sync Now" with no server set up asks for one instead of failing. */
static void
test_connect (void)
{
  g_autofree char *store_path = xa_test_path ("empty.db");
  XaWindow *window = xa_test_window_open (app, store_path);
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  dialog = xa_test_find_toplevel (XA_TYPE_CONNECT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (_xa_window_is_syncing (window));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  xa_test_ui_save_screenshot (GTK_WIDGET (dialog), "connect");

  gtk_window_destroy (dialog);
  xa_test_window_close (window);
}

/* The window size is remembered; the shortcuts window and the about window open. */
static void
test_size_shortcuts_about (void)
{
  g_autofree char *store_path = xa_test_path ("empty.db");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  XaWindow *window = xa_test_window_open (app, store_path);
  GtkWindow *other;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  other = xa_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (other);
  xa_test_ui_save_screenshot (GTK_WIDGET (other), "shortcuts");
  /* The lists' section too: laid out without a critical (fatal here). */
  g_object_set (other, "section-name", "lists", NULL);
  xa_test_ui_save_screenshot (GTK_WIDGET (other), "shortcuts-lists");
  gtk_window_close (other);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  other = xa_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (other);
  xa_test_ui_save_screenshot (GTK_WIDGET (other), "about");
  gtk_window_destroy (other);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* @date ("YYYY-MM-DD") moved on by @years, as the same text; 29 February becomes the 28th
 * in a common year. Written here, not taken from xa-metrics, so the test can disagree. */
static char *
anniversary_text (const char *date,
                  int         years)
{
  int y, m, d;

  g_assert_cmpint (sscanf (date, "%d-%d-%d", &y, &m, &d), ==, 3);
  y += years;
  if (m == 2 && d == 29 && !g_date_is_leap_year (y))
    d = 28;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/* The lifts due for a safety assessment, counted from the store's rows with SQL and the
 * rule in words (15+ years in service, renewal not done, and an assessment older than
 * @interval years by its assessed_on date, or none; a grade without a date is from the
 * 15th year), for @district or the whole city (NULL). */
static guint
count_assessment_due (const char *store_path,
                      const char *district,
                      int         interval)
{
  g_autoptr(GTimeZone) china = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (china);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint due = 0;

  g_assert_cmpint (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT e.commissioned, e.assessment_grade,"
                                       " e.renewal_status, e.assessed_on"
                                       " FROM elevator e JOIN compound c ON c.id = e.compound"
                                       " WHERE ?1 IS NULL OR c.district = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, district, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *commissioned = (const char *) sqlite3_column_text (stmt, 0);
      gboolean graded = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      const char *renewal = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *at_15 = anniversary_text (commissioned, 15);
      const char *assessed_on = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *lapsed = assessed_on != NULL
                                ? anniversary_text (assessed_on, interval)
                                : anniversary_text (commissioned, 15 + interval);

      if (g_str_equal (renewal, "done") || strcmp (at_15, today) > 0)
        continue;
      if ((!graded && assessed_on == NULL) || strcmp (lapsed, today) <= 0)
        due++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return due;
}

/* The first label with the "xa-value" style class under @widget, or NULL. */
static GtkLabel *
find_value_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "xa-value"))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_value_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The figure of the row titled @title on the Figures page: its value label's text. */
static const char *
figure_text (XaWindow   *window,
             const char *title)
{
  GtkWidget *title_label = xa_test_ui_find_label (summary_page (window), title);
  GtkWidget *row;
  GtkLabel *value;

  g_assert_nonnull (title_label);
  row = gtk_widget_get_ancestor (title_label, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  value = find_value_label (row);
  g_assert_nonnull (value);
  return gtk_label_get_label (value);
}

/* @n with a comma every three digits, as the Figures page writes counts. */
static char *
grouped (guint n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);
  GString *out = g_string_new (NULL);

  for (gsize i = 0, len = strlen (digits); i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static void
assert_assessment_due (XaWindow   *window,
                       const char *store_path,
                       const char *district,
                       int         interval)
{
  guint expected = count_assessment_due (store_path, district, interval);
  g_autofree char *text = grouped (expected);
  g_autofree char *interval_text = g_strdup_printf ("%d", interval);
  GtkWidget *label = xa_test_ui_find_label (summary_page (window),
                                            _("Safety assessment due"));
  GtkWidget *row = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);

  g_test_message ("assessment due in %s, interval %d: %u", district ? district : "the city",
                  interval, expected);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpstr (figure_text (window, _("Safety assessment due")), ==, text);
  /* The rule is said where the figure is: the interval in the subtitle and the tooltip. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), interval_text));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), interval_text));
}

/* The Figures page: the city's totals, the safety assessments due counted by the rule
 * (checked against the store's rows), and the figures of the district chosen on the map,
 * which the page names. */
static void
test_summary (void)
{
  g_autofree char *store_path = demo_city_copy ("synced.db");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *district_name = NULL;
  g_autofree char *compounds = NULL;
  XaMapView *map;
  XaWindow *window;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  window = xa_test_window_open (app, store_path);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "map");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 5);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "map");
  _xa_window_show_view (window, "summary");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "summary");
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (window), "3,490"));
  g_assert_nonnull (xa_test_ui_find_label (summary_page (window), _("Whole City")));
  assert_assessment_due (window, store_path, NULL, 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "summary");

  /* The setting moves the figure at once. */
  g_settings_set_int (settings, "reassessment-interval", 5);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  assert_assessment_due (window, store_path, NULL, 5);
  g_settings_reset (settings, "reassessment-interval");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);

  /* The first district of the map's filter: the page follows it and names it. */
  map = _xa_window_get_map_view (window);
  gtk_drop_down_set_selected (_xa_map_view_child (map, GtkDropDown, "district_dropdown"), 1);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* The filter lists the districts by code. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM district ORDER BY id LIMIT 1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr (_xa_window_get_district (window), ==,
                   (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT d.name, (SELECT count(*) FROM compound c"
                                       " WHERE c.district = d.id) FROM district d WHERE d.id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, _xa_window_get_district (window), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  district_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  compounds = grouped (sqlite3_column_int (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_nonnull (xa_test_ui_find_label (summary_page (window), district_name));
  g_assert_null (xa_test_ui_find_label (summary_page (window), _("Whole City")));
  g_assert_cmpstr (figure_text (window, _("Compounds")), ==, compounds);
  assert_assessment_due (window, store_path, _xa_window_get_district (window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "summary-district");

  gtk_drop_down_set_selected (_xa_map_view_child (map, GtkDropDown, "district_dropdown"), 0);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_null (_xa_window_get_district (window));
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (window), "3,490"));
  xa_test_window_close (window);
}

/* The app's demo server inherits this process's $ASAN_OPTIONS: set to the fast unwinder
 * until restore_asan_options(), as for the test's own servers, instead of unwinding whole
 * stacks at every malloc of the 39,000 records it makes and serves (it draws nothing with
 * GTK). Returns the options to put back. */
static char *
demo_server_unwinds_fast (void)
{
  g_autofree char *fast = xa_test_asan_options_fast_unwind ();
  char *options = g_strdup (g_getenv ("ASAN_OPTIONS"));

  if (fast != NULL)
    g_setenv ("ASAN_OPTIONS", fast, TRUE);
  return options;
}

static void
restore_asan_options (char *options)
{
  if (options != NULL)
    g_setenv ("ASAN_OPTIONS", options, TRUE);
  g_free (options);
}

static void
test_open_demo (void)
{
  g_autofree char *store_path = xa_test_path ("unused.db");
  g_autofree char *demo_store = xa_application_dup_demo_store_path (app);
  g_autofree char *old_cursor = NULL;
  g_autofree char *demo_cursor = NULL;
  g_autoptr(XaStore) store = NULL;
  char *options;
  XaWindow *window;

  /* A demo store left by a demo served at another address (its port was taken since):
   * opening the demo must start it afresh, not lay today's city over it. */
  copy_demo_city_to (demo_store);
  store = xa_test_store_open (demo_store);
  old_cursor = xa_store_dup_cursor (store, demo_city_url);
  g_assert_nonnull (old_cursor);
  g_clear_pointer (&old_cursor, g_free);
  g_clear_object (&store);

  window = xa_test_window_open (app, store_path);

  /* The demo city never mixes with the records of a real server. */
  g_assert_cmpstr (demo_store, !=, xa_application_get_store_path (app));
  options = demo_server_unwinds_fast ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "busy");
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "demo-starting");

  xa_test_window_wait_page (window, "map", 240);
  restore_asan_options (g_steal_pointer (&options));
  g_assert_null (_xa_window_get_error_text (window));
  g_assert_cmpstr (_xa_window_get_store_path (window), ==, demo_store);
  g_assert_true (xa_demo_server_is_running (xa_application_get_demo_server (app)));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "demo");
  _xa_window_show_view (window, "summary");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (window), "3,490"));
  xa_test_window_close (window);

  store = xa_test_store_open (demo_store);
  old_cursor = xa_store_dup_cursor (store, demo_city_url);
  g_assert_null (old_cursor);
  demo_cursor = xa_store_dup_cursor (store,
                                     xa_demo_server_get_url (xa_application_get_demo_server (app)));
  g_assert_nonnull (demo_cursor);
  g_clear_object (&store);

  xa_demo_server_stop (xa_application_get_demo_server (app));
  g_assert_false (xa_demo_server_is_running (xa_application_get_demo_server (app)));
}

typedef struct
{
  const char *demo_store;
  const char *user_store;
  const char *user_dump;
} DemoRun;

static gboolean
demo_synced_or_user_store_changed (gpointer user_data)
{
  DemoRun *run = user_data;
  g_autofree char *dump = NULL;
  g_autoptr(XaStore) demo = NULL;

  dump = xa_test_store_dump (run->user_store);
  if (g_strcmp0 (dump, run->user_dump) != 0)
    return TRUE;
  if (!g_file_test (run->demo_store, G_FILE_TEST_EXISTS))
    return FALSE;
  demo = xa_store_open (run->demo_store, NULL);
  return demo != NULL && xa_store_count (demo, XA_RECORD_COMPOUND) == 3490
         && xa_store_query_int (demo, "SELECT count(*) FROM sync_state", NULL) > 0;
}

/* `xiaoqu-atlas --store FILE --demo`, the real program: the demo city goes into the demo's
 * own file, and FILE keeps every one of its records, row for row. (It used to be emptied
 * and filled with the demo city.) The records are a city of a few compounds made by hand,
 * stored through the same code a sync uses. */
static void
test_demo_leaves_store (void)
{
  g_autofree char *user_store = xa_test_path ("bureau.db");
  g_autofree char *demo_store = xa_application_dup_demo_store_path (app);
  g_autofree char *user_dump = NULL;
  g_autofree char *dump_after = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  DemoRun run;

  changes = xa_test_parse_changes (
    "[{\"seq\": 1, \"type\": \"district\", \"id\": \"371302\", \"version\": 1,"
    "  \"deleted\": false, \"data\": {\"code\": \"371302\", \"name\": \"兰山区\","
    "  \"lat\": 35.05, \"lon\": 118.35}},"
    " {\"seq\": 2, \"type\": \"compound\", \"id\": \"BUREAU-1\", \"version\": 4,"
    "  \"deleted\": false, \"data\": {\"name\": \"局里的小区\", \"district\": \"371302\","
    "  \"subdistrict\": \"金雀山街道\", \"community\": \"沂州社区\", \"address\": \"沂州路1号\","
    "  \"lat\": 35.06, \"lon\": 118.34, \"kind\": \"residential\", \"buildings\": 7,"
    "  \"households\": 420, \"owners_committee\": true, \"public_revenue_recorded\": true,"
    "  \"special_account\": false, \"supervised_fen\": 1234500}}]");
  store = xa_test_store_open (user_store);
  xa_store_apply_page (store, "http://records.bureau.example", changes, "c-2", &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  user_dump = xa_test_store_dump (user_store);
  g_assert_nonnull (strstr (user_dump, "局里的小区"));

  /* The demo store the program will use is the one this process would use: the same
   * data folder. Nothing of an earlier test may make it look synced already. */
  g_assert_cmpstr (demo_store, !=, user_store);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (demo_store, (const char *[]) { "", "-wal", "-shm" }[i],
                                           NULL);
      g_unlink (file);
    }

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("XIAOQU_ATLAS"),
                            "--store", user_store, "--demo", NULL);
  g_assert_no_error (error);
  run = (DemoRun) { demo_store, user_store, user_dump };
  xa_test_ui_poll_until (demo_synced_or_user_store_changed, &run, 500, 240);
  g_subprocess_send_signal (child, SIGTERM);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);

  dump_after = xa_test_store_dump (user_store);
  g_assert_cmpstr (dump_after, ==, user_dump);
  store = xa_test_store_open (demo_store);
  g_assert_cmpint (xa_store_count (store, XA_RECORD_COMPOUND), ==, 3490);
  g_assert_null (xa_store_get_compound (store, "BUREAU-1"));
}

/* A synced store damaged on disk: the window's first sync finds it, moves it aside whole
 * and shows the damage page naming the kept file; Sync Again fills a new file. */
static void
test_damaged_store (void)
{
  g_autofree char *store_path = xa_test_path ("damaged.db");
  g_autofree char *kept = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GError) error = NULL;
  XaTestRun synced;
  XaWindow *window;
  gsize length = 0;

  /* Synced by the command line: a process checks a store before its own first sync, and
   * the window's sync must be this process's first into this file. */
  synced = xa_test_run_sync_only (synthetic->base_url, synthetic->token, store_path);
  g_assert_cmpint (synced.status, ==, 0);
  xa_test_run_clear (&synced);
  damaged = xa_test_damage_store (store_path);

  /* Found at the open when the map's reading meets the damage, else by the sync's check. */
  window = xa_window_new (app, store_path);
  xa_window_set_server (window, synthetic->base_url, synthetic->token);
  gtk_window_present (GTK_WINDOW (window));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  g_test_message ("page after opening the damaged store: %s", _xa_window_get_page (window));
  if (g_strcmp0 (_xa_window_get_page (window), "damaged") != 0)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  xa_test_window_wait_page (window, "damaged", 120);
  g_assert_nonnull (_xa_window_get_damaged_aside_path (window));
  g_assert_false (g_file_test (store_path, G_FILE_TEST_EXISTS));
  g_file_get_contents (_xa_window_get_damaged_aside_path (window), &kept, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (kept, length, g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));
  /* The page names the kept file, in the language of the run. */
  g_assert_nonnull (xa_test_ui_find_label_containing (GTK_WIDGET (window),
                                                      _xa_window_get_damaged_aside_path (window)));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "damaged-store");

  /* A reload (here: the server address set again) keeps the page up. */
  xa_window_set_server (window, synthetic->base_url, synthetic->token);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "damaged");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  xa_test_window_wait_page (window, "map", 120);
  g_assert_null (_xa_window_get_error_text (window));
  xa_test_window_close (window);
}

static gboolean
replace_dialog_open (gpointer user_data)
{
  return _xa_window_get_replace_dialog (user_data) != NULL;
}

/* The records of one server are never replaced by another's without asking: the dialog
 * names the file they will be kept in; Cancel leaves the store row for row as it was, and
 * Replace keeps it there and syncs a new one. The store holds the demo city, the other
 * server the synthetic one. */
static void
test_replace_store (void)
{
  g_autofree char *store_path = demo_city_copy ("replace.db");
  g_autofree char *before = xa_test_store_dump (store_path);
  g_autofree char *after = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *kept_dump = NULL;
  g_autofree char *owner = NULL;
  g_autoptr(XaStore) store = NULL;
  XaTestServer *second = synthetic;
  AdwMessageDialog *dialog;
  XaWindow *window;

  window = xa_test_window_open (app, store_path);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "map");

  /* Cancel. */
  xa_window_set_server (window, second->base_url, second->token);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  xa_test_ui_spin_until (replace_dialog_open, window, 60);
  dialog = _xa_window_get_replace_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), second->base_url));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), store_path));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), ".bak"));
  xa_test_ui_wait_frames (GTK_WIDGET (dialog), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (dialog), "replace-store");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  xa_test_window_wait_page (window, "map", 30);
  g_assert_nonnull (_xa_window_get_error_text (window));
  after = xa_test_store_dump (store_path);
  g_assert_cmpstr (after, ==, before);

  /* Replace. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  xa_test_ui_spin_until (replace_dialog_open, window, 60);
  dialog = _xa_window_get_replace_dialog (window);
  g_assert_nonnull (dialog);
  {
    const char *body = adw_message_dialog_get_body (dialog);
    const char *start = strstr (body, store_path);
    const char *end;

    /* The kept file: the store's path, a time and ".bak". */
    start = strstr (start + strlen (store_path), store_path);
    g_assert_nonnull (start);
    end = strstr (start, ".bak");
    g_assert_nonnull (end);
    kept_path = g_strndup (start, end + strlen (".bak") - start);
  }
  adw_message_dialog_response (dialog, "replace");
  gtk_window_destroy (GTK_WINDOW (dialog));
  xa_test_window_wait_page (window, "map", 120);
  g_assert_null (_xa_window_get_error_text (window));
  kept_dump = xa_test_store_dump (kept_path);
  g_assert_cmpstr (kept_dump, ==, before);
  store = xa_store_open (store_path, NULL);
  owner = xa_store_dup_server (store);
  g_assert_cmpstr (owner, ==, second->base_url);
  g_clear_object (&store);
  xa_test_window_close (window);
}

static void
test_sync_error (void)
{
  g_autofree char *store_path = xa_test_path ("error.db");
  XaWindow *window = xa_test_window_open (app, store_path);
  const char *text;

  xa_window_set_server (window, synthetic->base_url, "wrong-token");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  xa_test_window_wait_page (window, "welcome", 120);

  text = _xa_window_get_error_text (window);
  g_assert_nonnull (text);
  g_test_message ("error strip: %s", text);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "sync-error");
  xa_test_window_close (window);
}

/* A large cluster's count in the language of the run: Chinese counts in 万, not in
 * thousands ("12千" is not how anyone reads 12,345). */
static void
test_cluster_count (void)
{
  gboolean chinese = g_str_equal (xa_test_ui_language_tag (), "zh_CN");
  struct { guint n; const char *en, *zh; } cases[] = {
    { 9999, "9999", "9999" },
    { 10000, "10k", "1.0万" },
    { 12345, "12k", "1.2万" },
    { 99999, "99k", "9.9万" },
    { 123456, "123k", "12万" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = xa_format_abbreviated_count (cases[i].n);

      g_assert_cmpstr (text, ==, chinese ? cases[i].zh : cases[i].en);
    }
}

/* Does what the window's shortcut controller does with @accel: activates the actions the
 * application gives it, from the window. */
static void
press_accel (XaWindow   *window,
             const char *accel)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), accel);

  g_assert_nonnull (actions[0]);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GError) error = NULL;

      g_action_parse_detailed_name (actions[i], &name, &target, &error);
      g_assert_no_error (error);
      gtk_widget_activate_action_variant (GTK_WIDGET (window), name, target);
    }
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
}

/* The last key controller added to @widget: the application's own, after GTK's. */
static GtkEventController *
last_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GtkEventController *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        found = controller;
    }
  g_assert_nonnull (found);
  return found;
}

static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (last_key_controller (widget), "key-pressed", keyval, 0,
                         (GdkModifierType) 0, &handled);
  return handled;
}

static gboolean
search_settled (gpointer user_data)
{
  XaMapView *view = user_data;
  GtkRevealer *revealer = _xa_map_view_child (view, GtkRevealer, "results_revealer");

  return gtk_revealer_get_reveal_child (revealer) && gtk_revealer_get_child_revealed (revealer);
}

/* Types @text into the search field and waits for its results to show. */
static void
search_for (XaWindow   *window,
            const char *text)
{
  XaMapView *view = _xa_window_get_map_view (window);
  GtkEditable *entry = GTK_EDITABLE (_xa_map_view_child (view, GtkSearchEntry, "search_entry"));

  gtk_editable_set_text (entry, "");
  xa_test_ui_spin (300);
  gtk_editable_set_text (entry, text);
  xa_test_ui_spin (400);
  g_assert_true (xa_test_ui_spin_until (search_settled, view, 10));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
}

/* Many matches say how many in words (no "%u"); none shows a status page with what to
 * try; ↓ from the search field goes to the first result and ↑ comes back. */
static void
test_search (void)
{
  g_autofree char *store_path = demo_city_copy ("search.db");
  XaWindow *window = xa_test_window_open (app, store_path);
  XaMapView *view = _xa_window_get_map_view (window);
  GtkWidget *entry = GTK_WIDGET (_xa_map_view_child (view, GtkSearchEntry, "search_entry"));
  GtkListBoxRow *first;
  GtkWidget *focus;
  const char *text;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.map-search", NULL);
  /* Every demo address names its district (…区 or …县): more results than are shown. */
  search_for (window, "区");
  text = gtk_label_get_label (_xa_map_view_child (view, GtkLabel, "results_label"));
  g_test_message ("many: %s", text);
  g_assert_null (strchr (text, '%'));
  g_assert_nonnull (strstr (text, "50"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (_xa_map_view_child (view, GtkLabel,
                                                                        "results_label"))));
  g_assert_false (gtk_widget_get_visible (_xa_map_view_child (view, GtkWidget,
                                                              "no_results_page")));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "search-many");

  first = gtk_list_box_get_row_at_index (_xa_map_view_child (view, GtkListBox, "results_list"),
                                         0);
  g_assert_nonnull (first);
  gtk_widget_grab_focus (entry);
  g_assert_true (press_key (entry, GDK_KEY_Down));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (first));
  g_assert_true (press_key (GTK_WIDGET (_xa_map_view_child (view, GtkListBox, "results_list")),
                            GDK_KEY_Up));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  /* Enter takes the first result; its dot's tooltip names the overlay and the band with
   * the colon of the language (full-width in Chinese). */
  search_for (window, "君澜壹号院");
  g_signal_emit_by_name (_xa_map_view_child (view, GtkSearchEntry, "search_entry"), "activate");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 5);
  g_assert_cmpstr (xa_compound_layer_get_selected_id (_xa_map_view_get_layer (view)), ==,
                   "LY-JUNLAN-1");
  {
    g_autofree char *tooltip = NULL;
    double x, y;

    g_assert_true (_xa_compound_layer_locate (_xa_map_view_get_layer (view), "LY-JUNLAN-1",
                                              &x, &y));
    tooltip = _xa_compound_layer_dup_tooltip (_xa_map_view_get_layer (view), x, y);
    g_assert_nonnull (tooltip);
    g_test_message ("tooltip: %s", tooltip);
    if (g_str_equal (xa_test_ui_language_tag (), "zh_CN"))
      {
        g_assert_null (strchr (tooltip, ':'));
        g_assert_nonnull (strstr (tooltip, "："));
      }
    else
      g_assert_nonnull (strstr (tooltip, ": "));
  }

  search_for (window, "zzqq不存在");
  g_assert_true (gtk_widget_get_mapped (_xa_map_view_child (view, GtkWidget, "no_results_page")));
  g_assert_false (gtk_widget_get_visible (_xa_map_view_child (view, GtkWidget,
                                                              "results_scrolled")));
  g_assert_nonnull (strstr (gtk_label_get_label (_xa_map_view_child (view, GtkLabel,
                                                                     "no_results_title")),
                            "zzqq不存在"));
  /* Nothing to go down to: the key goes on to GTK. */
  g_assert_false (press_key (entry, GDK_KEY_Down));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "search-none");
  xa_test_window_close (window);
}

/* The first drawable widget under @widget (itself included) whose tooltip is @text. */
static GtkWidget *
find_tooltip_owner (GtkWidget  *widget,
                    const char *text)
{
  if (gtk_widget_is_drawable (widget)
      && g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip_owner (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The label of a tooltip shown under @widget, or NULL: GTK makes the tooltip window a
 * child of the widget it is about (or of one of its ancestors). */
static GtkLabel *
shown_tooltip_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (g_str_equal (gtk_widget_get_css_name (child), "tooltip"))
        {
          GtkWidget *label;

          if (!gtk_widget_get_mapped (child))
            continue;
          label = xa_test_ui_find_label_containing (child, "");
          return label != NULL ? GTK_LABEL (label) : NULL;
        }
      found = shown_tooltip_label (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
tooltip_shown (gpointer widget)
{
  return shown_tooltip_label (widget) != NULL;
}

/* The main menu's tooltip, shown by moving the X pointer onto the button, stands on one
 * line: in Chinese GTK 4.8 gave "主菜单" the width of three Latin letters. */
static void
test_tooltip_one_line (void)
{
  g_autofree char *store_path = xa_test_path ("empty.db");
  XaWindow *window = xa_test_window_open (app, store_path);
  GtkWidget *button = find_tooltip_owner (GTK_WIDGET (window), _("Main Menu"));
  GtkNative *native = GTK_NATIVE (window);
  Display *xdisplay;
  Window xid;
  graphene_point_t centre;
  double dx, dy;
  GtkLabel *label;

  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))))
    {
      g_test_skip ("needs an X11 display to move the pointer");
      xa_test_window_close (window);
      return;
    }
  g_assert_nonnull (button);
  centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (button) / 2.f,
                                gtk_widget_get_height (button) / 2.f);
  g_assert_true (gtk_widget_compute_point (button, GTK_WIDGET (window), &centre, &centre));
  gtk_native_get_surface_transform (native, &dx, &dy);
  xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (native));
  /* Two moves: the tooltip starts on motion inside the button. */
  XWarpPointer (xdisplay, None, xid, 0, 0, 0, 0, (int) (centre.x + dx) - 4, (int) (centre.y + dy));
  XFlush (xdisplay);
  xa_test_ui_spin (100);
  XWarpPointer (xdisplay, None, xid, 0, 0, 0, 0, (int) (centre.x + dx), (int) (centre.y + dy));
  XFlush (xdisplay);
  g_assert_true (xa_test_ui_spin_until (tooltip_shown, window, 10));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);

  label = shown_tooltip_label (GTK_WIDGET (window));
  g_test_message ("tooltip “%s”: %d line(s), %d px wide", gtk_label_get_text (label),
                  pango_layout_get_line_count (gtk_label_get_layout (label)),
                  gtk_widget_get_width (GTK_WIDGET (label)));
  g_assert_cmpstr (gtk_label_get_text (label), ==, _("Main Menu"));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (label)), ==, 1);

  XWarpPointer (xdisplay, None, xid, 0, 0, 0, 0, 600, 400);
  XFlush (xdisplay);
  xa_test_window_close (window);
}

/* Whether the X server shows a top-level window titled @title (_NET_WM_NAME). */
static gboolean
x_shows_window (Display    *xdisplay,
                const char *title)
{
  Atom net_wm_name = XInternAtom (xdisplay, "_NET_WM_NAME", False);
  Atom utf8 = XInternAtom (xdisplay, "UTF8_STRING", False);
  Window root, parent, *children = NULL;
  unsigned int n = 0;
  gboolean found = FALSE;

  if (!XQueryTree (xdisplay, DefaultRootWindow (xdisplay), &root, &parent, &children, &n))
    return FALSE;
  for (unsigned int i = 0; i < n && !found; i++)
    {
      XWindowAttributes attributes;
      Atom type;
      int format;
      unsigned long items, after;
      unsigned char *name = NULL;

      if (!XGetWindowAttributes (xdisplay, children[i], &attributes)
          || attributes.map_state != IsViewable)
        continue;
      if (XGetWindowProperty (xdisplay, children[i], net_wm_name, 0, 1024, False, utf8, &type,
                              &format, &items, &after, &name) == Success && name != NULL)
        found = g_strcmp0 ((const char *) name, title) == 0;
      if (name != NULL)
        XFree (name);
    }
  if (children != NULL)
    XFree (children);
  return found;
}

/* The real program, started where there is no session bus (DBUS_SESSION_BUS_ADDRESS
 * points at nothing), opens its window and says on stderr what is missing. */
static void
test_no_session_bus (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *home = xa_test_path ("no-bus-home");
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  GdkDisplay *display = gdk_display_get_default ();
  Display *xdisplay;
  gboolean shown = FALSE;

  if (!GDK_IS_X11_DISPLAY (display))
    {
      g_test_skip ("needs an X11 display to list the program's windows");
      return;
    }
  xdisplay = gdk_x11_display_get_xdisplay (display);
  g_assert_false (x_shows_window (xdisplay, _("Xiaoqu Atlas")));

  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                "unix:path=/nonexistent/xiaoqu-atlas-test-bus", TRUE);
  /* Its own records: the unique-instance path, which --store would bypass. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  /* The translations of this tree, as the test's own, so the title is the one looked for. */
  g_subprocess_launcher_setenv (launcher, "XA_LOCALEDIR", localedir, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("XIAOQU_ATLAS"), NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < 150 && !shown; i++)
    {
      xa_test_ui_spin (200);
      shown = x_shows_window (xdisplay, _("Xiaoqu Atlas"));
      /* Still running: it has not handed the start to another instance and gone. */
      g_assert_nonnull (g_subprocess_get_identifier (process));
    }
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_true (shown);
  g_assert_nonnull (strstr (err, "dbus-run-session"));
}

/* Ctrl+F and Ctrl+1…4 pressed on the Figures view go to the Map and act there; with no
 * records on screen, the map's shortcuts do nothing. */
static void
test_map_shortcuts (void)
{
  g_autofree char *store_path = demo_city_copy ("shortcuts.db");
  g_autofree char *empty_path = xa_test_path ("no-records.db");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *overlay = NULL;
  XaWindow *window = xa_test_window_open (app, store_path);
  XaMapView *view = _xa_window_get_map_view (window);
  GtkWidget *search = GTK_WIDGET (_xa_map_view_get_search_entry (view));
  GtkWidget *focus;
  gboolean sidebar;

  _xa_window_show_view (window, "summary");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  press_accel (window, "<Control>f");
  g_assert_cmpstr (_xa_window_get_page (window), ==, "map");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == search || (focus != NULL && gtk_widget_is_ancestor (focus, search)));

  _xa_window_show_view (window, "summary");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  press_accel (window, "<Control>3");
  g_assert_cmpstr (_xa_window_get_page (window), ==, "map");
  overlay = g_settings_get_string (settings, "overlay");
  g_assert_cmpstr (overlay, ==, "elevator-age");
  xa_test_window_close (window);

  /* The welcome page: the overlay, the sidebar and the focus stay as they were. */
  window = xa_test_window_open (app, empty_path);
  view = _xa_window_get_map_view (window);
  search = GTK_WIDGET (_xa_map_view_get_search_entry (view));
  sidebar = _xa_map_view_get_sidebar_shown (view);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "welcome");
  press_accel (window, "<Control>1");
  press_accel (window, "F9");
  press_accel (window, "<Control>f");
  g_assert_cmpstr (_xa_window_get_page (window), ==, "welcome");
  g_clear_pointer (&overlay, g_free);
  overlay = g_settings_get_string (settings, "overlay");
  g_assert_cmpstr (overlay, ==, "elevator-age");
  g_assert_cmpint (_xa_map_view_get_sidebar_shown (view), ==, sidebar);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_false (focus == search || (focus != NULL && gtk_widget_is_ancestor (focus, search)));
  g_settings_reset (settings, "overlay");
  xa_test_window_close (window);
}

/* Saves @token for @server in the test's keyring, as the connect dialog would. */
static void
save_token (const char *server,
            const char *token)
{
  xa_test_keyring_store_secret (XA_SECRET_ACCESS_TOKEN, server, token, NULL);
}

static gboolean
proxy_was_asked (gpointer user_data)
{
  return xa_fault_proxy_get_requests (user_data) > 0;
}

/* Opening the demo while the window reads the saved token of the server in the settings:
 * the demo city is synced, and not one request reaches that other server. */
static void
test_demo_over_saved_server (void)
{
  g_autofree char *store_path = xa_test_path ("real.db");
  g_autofree char *demo_store = xa_application_dup_demo_store_path (app);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(XaStore) store = NULL;
  g_autofree char *real_binary = g_strdup (g_getenv ("XIAOQU_SERVER"));
  g_autofree char *slow_binary = xa_test_path ("slow-xiaoqu-server");
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  XaDemoServer *demo = xa_application_get_demo_server (app);
  XaFaultProxy *proxy;
  XaWindow *window;
  char *options;

  proxy = xa_fault_proxy_new (synthetic->base_url);
  save_token (xa_fault_proxy_get_url (proxy), synthetic->token);
  g_settings_set_string (settings, "server-url", xa_fault_proxy_get_url (proxy));

  /* The keyring answers in a fraction of a second; a demo server that takes two seconds
   * to start (a slow machine making the city) makes sure the answer comes first. */
  script = g_strdup_printf ("#!/bin/sh\nsleep 2\nexec '%s' \"$@\"\n", real_binary);
  g_file_set_contents (slow_binary, script, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (slow_binary, 0700), ==, 0);
  g_setenv ("XIAOQU_SERVER", slow_binary, TRUE);

  /* As `xiaoqu-atlas --demo` does: the window starts, then the demo is asked for. */
  options = demo_server_unwinds_fast ();
  window = xa_window_new (app, store_path);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
  gtk_window_present (GTK_WINDOW (window));
  xa_test_window_wait_page (window, "map", 240);
  g_setenv ("XIAOQU_SERVER", real_binary, TRUE);
  restore_asan_options (options);

  g_assert_null (_xa_window_get_error_text (window));
  g_assert_cmpstr (_xa_window_get_store_path (window), ==, demo_store);
  g_assert_cmpstr (_xa_window_get_server_url (window), ==, xa_demo_server_get_url (demo));
  store = xa_store_open (demo_store, NULL);
  g_assert_nonnull (store);
  g_assert_cmpint (xa_store_get_last_sync (store, xa_demo_server_get_url (demo)), >, 0);
  g_assert_cmpuint (xa_fault_proxy_get_requests (proxy), ==, 0);
  xa_test_window_close (window);

  xa_demo_server_stop (demo);
  g_settings_reset (settings, "server-url");
  xa_fault_proxy_free (proxy);
}

/* An address set in Preferences is used at once: its saved token is read and the window
 * syncs; emptied, there is no server any more and "Sync" asks for one. */
static void
test_server_url_setting (void)
{
  g_autofree char *store_path = xa_test_path ("preferences.db");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  XaTestServer *server = synthetic;
  XaWindow *window;
  GtkWindow *dialog;

  save_token (server->base_url, server->token);
  window = xa_test_window_open (app, store_path);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "welcome");

  g_settings_set_string (settings, "server-url", server->base_url);
  xa_test_window_wait_page (window, "map", 240);
  g_assert_cmpstr (_xa_window_get_server_url (window), ==, server->base_url);
  g_assert_null (_xa_window_get_error_text (window));

  /* Emptied: the records stay on screen, and no sync goes to the old address. */
  g_settings_set_string (settings, "server-url", "");
  g_assert_null (_xa_window_get_server_url (window));
  g_assert_cmpstr (_xa_window_get_page (window), ==, "map");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  g_assert_false (_xa_window_is_syncing (window));
  dialog = xa_test_find_toplevel (XA_TYPE_CONNECT_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  xa_test_window_close (window);

  g_settings_reset (settings, "server-url");
}

/* The server changes while the saved token of the old one is being read: that token is
 * never sent to the new server. */
static void
test_token_stays_with_server (void)
{
  g_autofree char *store_path = xa_test_path ("switch.db");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  XaTestServer *server = synthetic;
  XaFaultProxy *other;
  XaWindow *window;

  /* Another server, which would accept the first one's token if it were sent. */
  other = xa_fault_proxy_new (server->base_url);
  save_token (server->base_url, server->token);
  g_settings_set_string (settings, "server-url", server->base_url);

  window = xa_window_new (app, store_path);
  /* Before the lookup the window started has been answered. */
  xa_window_set_server (window, xa_fault_proxy_get_url (other), NULL);
  gtk_window_present (GTK_WINDOW (window));
  xa_test_ui_spin_until (proxy_was_asked, other, 5);
  g_assert_cmpuint (xa_fault_proxy_get_requests (other), ==, 0);
  g_assert_false (_xa_window_is_syncing (window));
  xa_test_window_close (window);

  g_settings_reset (settings, "server-url");
  xa_fault_proxy_free (other);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = xa_test_window_init_with_keyring (&argc, &argv, &keyring);
  synthetic = xa_test_synthetic_server_start (6000);

  g_test_add_func ("/window/welcome", test_welcome);
  g_test_add_func ("/window/bad-store", test_bad_store);
  g_test_add_func ("/window/connect", test_connect);
  g_test_add_func ("/window/size-shortcuts-about", test_size_shortcuts_about);
  g_test_add_func ("/window/summary", test_summary);
  g_test_add_func ("/window/open-demo", test_open_demo);
  g_test_add_func ("/window/demo-leaves-store", test_demo_leaves_store);
  g_test_add_func ("/window/damaged-store", test_damaged_store);
  g_test_add_func ("/window/replace-store", test_replace_store);
  g_test_add_func ("/window/sync-error", test_sync_error);
  g_test_add_func ("/window/map-shortcuts", test_map_shortcuts);
  g_test_add_func ("/window/search", test_search);
  g_test_add_func ("/window/tooltip-one-line", test_tooltip_one_line);
  g_test_add_func ("/window/no-session-bus", test_no_session_bus);
  g_test_add_func ("/window/cluster-count", test_cluster_count);
  g_test_add_func ("/window/demo-over-saved-server", test_demo_over_saved_server);
  g_test_add_func ("/window/server-url-setting", test_server_url_setting);
  g_test_add_func ("/window/token-stays-with-server", test_token_stays_with_server);

  ret = xa_test_window_run (&app);
  xa_test_server_free (synthetic);
  g_clear_pointer (&demo_city, g_free);
  g_clear_pointer (&demo_city_url, g_free);
  g_clear_pointer (&keyring, xa_test_keyring_stop);
  return ret;
}
