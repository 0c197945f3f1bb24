/* test-window.c — the real XaWindow under Xvfb: the welcome page on an empty store, the
 * city totals on a store synced from a real demo server, the whole "Open the demo city"
 * path through a child xiaoqu-server (over a stale demo store of another address, which
 * it starts afresh), and a sync error with its way forward. Saves
 * screenshots to $XA_SCREENSHOT_DIR (or the test's tmp dir), named after the language. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "xa-application.h"
#include "xa-connect-dialog.h"
#include "xa-store.h"
#include "xa-sync-client.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-window-private.h"

static XaApplication *app;

typedef struct
{
  XaWindow   *window;
  const char *page;
} PageWait;

static gboolean
shows_page (gpointer user_data)
{
  PageWait *wait = user_data;

  return !_xa_window_is_syncing (wait->window)
         && g_strcmp0 (_xa_window_get_page (wait->window), wait->page) == 0;
}

/* Iterates until @window is no longer syncing and shows @page; fails after @seconds. */
static void
wait_for_page (XaWindow   *window,
               const char *page,
               guint       seconds)
{
  PageWait wait = { window, page };

  xa_test_ui_spin_until (shows_page, &wait, seconds);
  g_assert_cmpstr (_xa_window_get_page (window), ==, page);
}

static XaWindow *
open_window (const char *store_path)
{
  XaWindow *window = xa_window_new (app, store_path);

  gtk_window_present (GTK_WINDOW (window));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  return window;
}

static void
close_window (XaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_welcome (void)
{
  g_autofree char *store_path = xa_test_path ("empty.db");
  XaWindow *window = open_window (store_path);

  g_assert_cmpstr (_xa_window_get_page (window), ==, "welcome");
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (window), _("Welcome to Xiaoqu Atlas")));
  if (g_str_equal (xa_test_ui_language_tag (), "zh_CN"))
    /* The translation is really loaded, not just the English fallback. */
    g_assert_cmpstr (_("Welcome to Xiaoqu Atlas"), !=, "Welcome to Xiaoqu Atlas");
  g_assert_null (_xa_window_get_error_text (window));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "welcome");
  close_window (window);
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

  window = open_window (store_path);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "error");
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (window),
                                           _("The Records File Cannot Be Opened")));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "bad-store");
  close_window (window);

  g_file_get_contents (store_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "this is not sqlite, just some text of a document");
}

static GtkWindow *find_toplevel (GType type);

/* "Sync Now" with no server set up asks for one instead of failing. */
static void
test_connect (void)
{
  g_autofree char *store_path = xa_test_path ("empty.db");
  XaWindow *window = open_window (store_path);
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  dialog = find_toplevel (XA_TYPE_CONNECT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (_xa_window_is_syncing (window));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  xa_test_ui_save_screenshot (GTK_WIDGET (dialog), "connect");

  gtk_window_destroy (dialog);
  close_window (window);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

/* The window size is remembered; the shortcuts window and the about window open. */
static void
test_size_shortcuts_about (void)
{
  g_autofree char *store_path = xa_test_path ("empty.db");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  XaWindow *window = open_window (store_path);
  GtkWindow *other;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  other = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (other);
  xa_test_ui_save_screenshot (GTK_WIDGET (other), "shortcuts");
  gtk_window_close (other);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  other = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
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

static void
test_summary (void)
{
  g_autofree char *server_db = xa_test_path ("server.db");
  g_autofree char *store_path = xa_test_path ("synced.db");
  g_autoptr(XaSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  XaTestServer *server;
  XaSyncResult result;
  XaWindow *window;

  /* The sync runs in this thread while the server is another process. */
  server = xa_test_server_start (server_db, (const char * const[]) { "--demo", NULL });
  client = xa_sync_client_new (server->base_url, server->token);
  xa_sync_client_sync (client, store_path, NULL, &result, &error);
  g_assert_no_error (error);
  xa_test_server_free (server);

  window = open_window (store_path);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "map");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 5);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "map");
  _xa_window_show_view (window, "summary");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "summary");
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (window), "3,490"));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "summary");
  close_window (window);
}

static void
test_open_demo (void)
{
  g_autofree char *store_path = xa_test_path ("unused.db");
  g_autofree char *demo_store = xa_application_dup_demo_store_path (app);
  g_autofree char *server_db = xa_test_path ("server.db");
  g_autofree char *old_url = NULL;
  g_autofree char *old_cursor = NULL;
  g_autofree char *demo_cursor = NULL;
  g_autoptr(XaSyncClient) client = NULL;
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  XaTestServer *server;
  XaSyncResult result;
  XaWindow *window;

  /* A demo store left by a demo served at another address (its port was taken since):
   * opening the demo must start it afresh, not lay today's city over it. */
  server = xa_test_server_start (server_db, (const char * const[]) { "--demo", NULL });
  old_url = g_strdup (server->base_url);
  client = xa_sync_client_new (server->base_url, server->token);
  xa_sync_client_sync (client, demo_store, NULL, &result, &error);
  g_assert_no_error (error);
  xa_test_server_free (server);

  window = open_window (store_path);

  /* The demo city never mixes with the records of a real server. */
  g_assert_cmpstr (demo_store, !=, xa_application_get_store_path (app));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "busy");
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "demo-starting");

  wait_for_page (window, "map", 240);
  g_assert_null (_xa_window_get_error_text (window));
  g_assert_cmpstr (_xa_window_get_store_path (window), ==, demo_store);
  g_assert_true (xa_demo_server_is_running (xa_application_get_demo_server (app)));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "demo");
  _xa_window_show_view (window, "summary");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (window), "3,490"));
  close_window (window);

  store = xa_store_open (demo_store, &error);
  g_assert_no_error (error);
  old_cursor = xa_store_dup_cursor (store, old_url);
  g_assert_null (old_cursor);
  demo_cursor = xa_store_dup_cursor (store,
                                     xa_demo_server_get_url (xa_application_get_demo_server (app)));
  g_assert_nonnull (demo_cursor);
  g_clear_object (&store);

  xa_demo_server_stop (xa_application_get_demo_server (app));
  g_assert_false (xa_demo_server_is_running (xa_application_get_demo_server (app)));
}

static void
test_sync_error (void)
{
  g_autofree char *store_path = xa_test_path ("error.db");
  g_autofree char *server_db = xa_test_path ("server.db");
  XaTestServer *server;
  XaWindow *window = open_window (store_path);
  const char *text;

  server = xa_test_server_start (server_db, (const char * const[]) { "--demo", NULL });
  xa_window_set_server (window, server->base_url, "wrong-token");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  wait_for_page (window, "welcome", 120);
  xa_test_server_free (server);

  text = _xa_window_get_error_text (window);
  g_assert_nonnull (text);
  g_test_message ("error strip: %s", text);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "sync-error");
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  xa_test_init (&argc, &argv);

  /* The translations built in this tree, not the installed ones. */
  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Tests never touch the network: no basemap tiles (test-basemap serves its own). */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_string (settings, "basemap", "none");
  }

  app = xa_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* Screenshots must show where a transition ends, not a frame in the middle of it. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/window/welcome", test_welcome);
  g_test_add_func ("/window/bad-store", test_bad_store);
  g_test_add_func ("/window/connect", test_connect);
  g_test_add_func ("/window/size-shortcuts-about", test_size_shortcuts_about);
  g_test_add_func ("/window/summary", test_summary);
  g_test_add_func ("/window/open-demo", test_open_demo);
  g_test_add_func ("/window/sync-error", test_sync_error);

  ret = g_test_run ();
  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
