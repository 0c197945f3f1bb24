/* test-meeting-pack-window.c — a meeting pack in the real window with the network and the
 * server gone: the demo city synced from the real server, which is then stopped; a pack of
 * an agenda written; the window opened on it shows the map of its compounds, the "Meeting
 * Pack — Offline" label, no sync and no sync error, the pack's agenda as the current one,
 * the agenda's first compound in the side panel when it is selected, and under it the
 * pack's own tiles (taken from a tile cache the test fills) as the basemap; a decision taken
 * in it comes back into the bureau's records when the pack is opened where they are kept,
 * once; Export Meeting Pack… of the bureau's window writes its current agenda. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "xa-map-view.h"
#include "xa-meeting-pack.h"
#include "xa-store-agendas.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

static XaApplication *app;

/* Agenda "会商" of the two first compounds with open problems, saved in @store_path; the first's
 * id and name in @out_id and @out_name. */
static gint64
save_agenda (const char  *store_path,
             char       **out_id,
             char       **out_name)
{
  g_autoptr(XaStore) store = xa_store_open (store_path, NULL);
  g_autoptr(XaAgenda) agenda = xa_agenda_new ("会商");
  g_autoptr(XaCompound) first = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_nonnull (store);
  g_assert_cmpint (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT DISTINCT compound FROM problem WHERE "
                                       "status = 'open' ORDER BY compound LIMIT 2", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    xa_agenda_append (agenda, (const char *) sqlite3_column_text (stmt, 0), NULL);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (xa_agenda_get_n_items (agenda), ==, 2);
  g_assert_true (xa_store_save_agenda (store, agenda, &error));
  g_assert_no_error (error);

  *out_id = g_strdup (xa_agenda_item_get_compound_id (xa_agenda_peek_item (agenda, 0)));
  first = xa_store_get_compound (store, *out_id);
  *out_name = g_strdup (first->name);
  return xa_agenda_get_id (agenda);
}

/* The pack's tiles' colour, as the map draws it. */
static const guint8 tile_rgb[3] = { 0xd0, 0xe4, 0xc0 };

/* A viewed-tile cache (libshumate's <z>/<x>/<y>.png) with the 5 × 5 tiles around (@lat,
 * @lon) at every zoom level a pack takes. */
static char *
make_cache (double lat,
            double lon)
{
  char *dir = xa_test_path ("tiles");
  g_autoptr(GBytes) tile = xa_test_ui_png_tile ((guint32) tile_rgb[0] << 24
                                                | (guint32) tile_rgb[1] << 16
                                                | (guint32) tile_rgb[2] << 8 | 0xff);

  for (int z = 10; z <= 17; z++)
    {
      double rad = lat * G_PI / 180.0;
      int x0 = (int) floor ((lon + 180.0) / 360.0 * (1 << z));
      int y0 = (int) floor ((1.0 - log (tan (rad) + 1.0 / cos (rad)) / G_PI) / 2.0 * (1 << z));

      for (int x = x0 - 2; x <= x0 + 2; x++)
        for (int y = y0 - 2; y <= y0 + 2; y++)
          {
            g_autofree char *zs = g_strdup_printf ("%d", z);
            g_autofree char *xs = g_strdup_printf ("%d", x);
            g_autofree char *ys = g_strdup_printf ("%d.png", y);
            g_autofree char *folder = g_build_filename (dir, zs, xs, NULL);
            g_autofree char *file = g_build_filename (folder, ys, NULL);

            g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
            g_assert_true (g_file_set_contents (file, g_bytes_get_data (tile, NULL),
                                                g_bytes_get_size (tile), NULL));
          }
    }
  return dir;
}

/* Whether the map shows the pack's tile colour at the top of the map, away from the
 * compounds and the legend. */
static gboolean
shows_tiles (gpointer user_data)
{
  XaWindow *window = user_data;
  g_autoptr(GdkTexture) texture = xa_test_ui_try_render (GTK_WIDGET (window));
  int width;
  guint8 rgba[4];

  if (texture == NULL)
    return FALSE;
  width = gdk_texture_get_width (texture);
  xa_test_ui_texture_pixel (texture, width - 420, 200, rgba);
  return abs (rgba[0] - tile_rgb[0]) < 6 && abs (rgba[1] - tile_rgb[1]) < 6
         && abs (rgba[2] - tile_rgb[2]) < 6;
}

/* An open problem of compound @compound_id. */
static char *
first_open_problem (XaStore    *store,
                    const char *compound_id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  g_assert_cmpint (sqlite3_open_v2 (xa_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM problem WHERE compound = ?1 AND "
                                       "status = 'open' ORDER BY id LIMIT 1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, compound_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_nonnull (id);
  return id;
}

/* Whether @window shows the toast of decisions brought back (one, or none new). */
static gboolean
shows_toast (gpointer user_data)
{
  GtkWidget *window = user_data;
  g_autofree char *one = g_strdup_printf (ngettext ("%u decision of the meeting brought back: "
                                                    "it is sent at the next sync",
                                                    "%u decisions of the meeting brought back: "
                                                    "they are sent at the next sync", 1), 1);

  return xa_test_ui_find_label (window, one) != NULL
         || xa_test_ui_find_label (window, _("The meeting pack has no new decisions: they "
                                             "were brought back before")) != NULL;
}

static gboolean
chooser_shown (gpointer user_data)
{
  return xa_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

typedef struct
{
  GtkWidget *window;
  char      *text;
} LabelWait;

static LabelWait label_wait;

/* What shows_label() waits for: a label in @window that contains @text. */
static LabelWait *
saved_in (XaWindow   *window,
          const char *text)
{
  g_free (label_wait.text);
  label_wait.window = GTK_WIDGET (window);
  label_wait.text = g_strdup (text);
  return &label_wait;
}

static gboolean
shows_label (gpointer user_data)
{
  LabelWait *wait = user_data;

  return xa_test_ui_find_label_containing (wait->window, wait->text) != NULL;
}

static void
test_pack_offline (void)
{
  /* The server is stopped once the demo is synced: nothing answers on its address. */
  g_autofree char *store_path = xa_test_sync_demo ("bureau.db", NULL, NULL);
  g_autofree char *pack_path = xa_test_path ("meeting.xqpack");
  g_autofree char *first_id = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *offline = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  XaMeetingPackTiles tiles = { NULL, NULL, NULL };
  XaMeetingPackSummary summary = { 0 };
  g_autofree char *bureau_path = NULL;
  g_autofree char *bureau_dir = NULL;
  g_autofree char *problem_id = NULL;
  XaWindow *window;
  GtkWidget *label;
  gint64 agenda_id;

  agenda_id = save_agenda (store_path, &first_id, &first_name);
  {
    g_autoptr(XaStore) store = xa_store_open (store_path, NULL);
    g_autoptr(XaCompound) first = xa_store_get_compound (store, first_id);

    cache = make_cache (first->lat, first->lon);
  }
  tiles.cache_dir = cache;
  g_assert_true (xa_meeting_pack_write (store_path, agenda_id, &tiles, pack_path, &summary,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.tiles_found, >, 20);
  /* The meeting room has no copy of the bureau's records: they are the bureau computer's
   * own (the default records file), below. */
  bureau_path = xa_store_default_path ();
  bureau_dir = g_path_get_dirname (bureau_path);
  g_assert_cmpint (g_mkdir_with_parents (bureau_dir, 0700), ==, 0);
  g_assert_cmpint (g_rename (store_path, bureau_path), ==, 0);

  window = xa_test_window_open (app, pack_path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  xa_test_window_wait_page (window, "map", 30);
  g_assert_true (xa_window_get_meeting_pack (window));
  g_assert_cmpint (g_settings_get_int64 (settings, "current-agenda"), ==, agenda_id);

  /* The header says what this is, and since when its records are (in the tooltip and, in
   * a narrow window, the subtitle). */
  offline = g_strdup (_("Meeting pack — offline · data as of %s"));
  *strstr (offline, "%s") = '\0';
  label = xa_test_ui_find_label (GTK_WIDGET (window), _("Meeting Pack — Offline"));
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (label), offline));

  /* No sync starts by itself or from the keyboard, so no sync error either. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  xa_test_ui_spin (1500);
  g_assert_false (_xa_window_is_syncing (window));
  g_assert_null (_xa_window_get_error_text (window));

  /* The agenda's first compound, as presentation mode starts with it. */
  xa_map_view_select_compound (_xa_window_get_map_view (window), first_id);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  g_assert_nonnull (xa_test_ui_find_label_containing (GTK_WIDGET (window), first_name));
  /* The pack's tiles under it, as the basemap. */
  g_assert_true (xa_test_ui_poll_until (shows_tiles, window, 200, 20));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "meeting-pack");

  /* A decision of the meeting, kept in the pack. */
  {
    g_autoptr(XaStore) pack = xa_store_open (pack_path, NULL);
    g_autoptr(XaAgendaDecision) decision = NULL;
    XaProblemEdit edit = { .status = XA_STATUS_IN_PROGRESS, .note = "会商议定" };

    problem_id = first_open_problem (pack, first_id);
    decision = xa_store_decide (pack, agenda_id, first_id, problem_id, XA_DECISION_AGREED,
                                &edit, g_get_real_time () / G_USEC_PER_SEC, &error);
    g_assert_no_error (error);
  }
  xa_test_window_close (window);

  /* Back at the bureau: opening the pack where its server's records are kept brings the
   * decision into them, once. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (pack_path);
      g_autoptr(XaStore) bureau = NULL;
      XaWindow *bureau_window;

      g_application_open (G_APPLICATION (app), &file, 1, "");
      bureau_window = XA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
      g_assert_false (xa_window_get_meeting_pack (bureau_window));
      g_assert_cmpstr (_xa_window_get_store_path (bureau_window), ==, bureau_path);
      g_assert_true (xa_test_ui_spin_until (shows_toast, bureau_window, 20));
      if (round == 0)
        xa_test_ui_save_screenshot (GTK_WIDGET (bureau_window), "meeting-pack-imported");
      bureau = xa_store_open (bureau_path, NULL);
      g_assert_cmpint (xa_store_query_int (bureau, "SELECT count (*) FROM outbox WHERE "
                                           "state = 'pending'", NULL), ==, 1);
      g_assert_cmpint (xa_store_query_int (bureau, "SELECT count (*) FROM agenda_decision",
                                           NULL), ==, 1);
      g_clear_object (&bureau);
      xa_test_window_close (bureau_window);
    }

  /* Export Meeting Pack… of the bureau's window: the current agenda, under its name. */
  {
    XaWindow *bureau_window = xa_test_window_open (app, bureau_path);
    g_autofree char *folder_path = g_path_get_dirname (pack_path);
    g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
    g_autofree char *exported = g_build_filename (folder_path, "exported.xqpack", NULL);
    g_autofree char *name = NULL;
    gint64 exported_agenda = 0;
    GtkWindow *chooser;

    gtk_widget_activate_action (GTK_WIDGET (bureau_window), "win.export-meeting-pack", NULL);
    g_assert_true (xa_test_ui_spin_until (chooser_shown, NULL, 10));
    /* The chooser reads its first folder before it takes another, and before an answer. */
    xa_test_ui_spin (1500);
    chooser = xa_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
    name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
    g_assert_cmpstr (name, ==, "会商.xqpack");
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder,
                                                        NULL));
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "exported.xqpack");
    xa_test_ui_spin (1500);
    /* Never into the folder the tests run in. */
    {
      g_autoptr(GFile) shown = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));

      g_assert_nonnull (shown);
      g_assert_true (g_file_equal (shown, folder));
    }
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    g_assert_true (xa_test_ui_spin_until (xa_test_ui_file_exists, exported, 60));
    /* The toast names the file (in any language). */
    g_assert_true (xa_test_ui_spin_until (shows_label, saved_in (bureau_window,
                                                                 "exported.xqpack"), 30));
    g_assert_true (xa_meeting_pack_check (exported, &exported_agenda, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (exported_agenda, ==, agenda_id);
    xa_test_window_close (bureau_window);
    g_clear_pointer (&label_wait.text, g_free);
  }
}

int
main (int   argc,
      char *argv[])
{
  return xa_test_window_main (&argc, &argv, &app, "/meeting-pack-window/offline",
                              test_pack_offline);
}
