/* test-meeting-pack.c — the offline meeting pack against the real xiaoqu-server on
 * 127.0.0.1: a pack of the synced demo city holds exactly its agenda's compounds' records
 * (counted in SQL against the bureau's store), the agenda, the server and last sync but no
 * cursor, and the tiles found on this machine (an MBTiles file the test makes, a libshumate
 * tile cache, Tianditu's place names drawn over its roads) as MBTiles tables the MBTiles
 * source reads; a pack works as a store with its
 * server stopped; a decision taken in it comes back into the bureau's outbox and reaches
 * the server once; importing again adds nothing; a pack of another server, or a truncated
 * one, is refused and changes nothing; the command line writes one too. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "xa-basemap.h"
#include "xa-mbtiles-source.h"
#include "xa-meeting-pack.h"
#include "xa-store-agendas.h"
#include "xa-store-edits.h"
#include "xa-sync-client.h"
#include "xa-test-store.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"

static char *demo_store;

/* The records a pack must carry, counted for the compounds on the agendas (the bureau's
 * store has this one agenda only): the same question of both files. */
static const char * const counted[] = {
  "SELECT count (*) FROM compound WHERE id IN (SELECT compound FROM agenda_item)",
  "SELECT count (*) FROM elevator WHERE compound IN (SELECT compound FROM agenda_item)",
  "SELECT count (*) FROM problem WHERE compound IN (SELECT compound FROM agenda_item)",
  "SELECT count (*) FROM flood_check WHERE compound IN (SELECT compound FROM agenda_item)",
  "SELECT count (*) FROM charging WHERE compound IN (SELECT compound FROM agenda_item)",
  "SELECT count (*) FROM cadre_compound WHERE compound IN (SELECT compound FROM agenda_item)",
  "SELECT count (*) FROM cadre WHERE id IN (SELECT cadre FROM cadre_compound WHERE compound IN "
  "(SELECT compound FROM agenda_item))",
  "SELECT count (*) FROM district WHERE id IN (SELECT district FROM compound WHERE id IN "
  "(SELECT compound FROM agenda_item))",
};

static int
tile_x (double lon,
        int    z)
{
  return (int) floor ((lon + 180.0) / 360.0 * (1 << z));
}

static int
tile_y (double lat,
        int    z)
{
  double rad = lat * G_PI / 180.0;

  return (int) floor ((1.0 - log (tan (rad) + 1.0 / cos (rad)) / G_PI) / 2.0 * (1 << z));
}

/* An MBTiles file with the tile under (@lat, @lon) at zoom 14 and one far away (Beijing). */
static char *
make_mbtiles (double lat,
              double lon)
{
  char *path = xa_test_path ("bureau.mbtiles");
  g_autoptr(GBytes) tile = xa_test_ui_png_tile (0x2080c0ff);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const int rows[2][2] = { { tile_x (lon, 14), tile_y (lat, 14) },
                           { tile_x (116.4, 14), tile_y (39.9, 14) } };

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
                                 "INSERT INTO metadata VALUES ('format', 'png');"
                                 "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                                 " tile_row INTEGER, tile_data BLOB)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (14, ?1, ?2, ?3)", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < 2; i++)
    {
      sqlite3_bind_int (stmt, 1, rows[i][0]);
      sqlite3_bind_int (stmt, 2, (1 << 14) - 1 - rows[i][1]);
      sqlite3_bind_blob (stmt, 3, g_bytes_get_data (tile, NULL), (int) g_bytes_get_size (tile),
                         SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return path;
}

/* libshumate's cache layout: <dir>/<z>/<x>/<y>.png, with the tile under (@lat, @lon) at
 * zoom 15 and 16. */
static char *
make_cache (double lat,
            double lon)
{
  char *dir = g_build_filename (g_get_user_cache_dir (), "shumate", "xa_osm", "xa_osm", NULL);
  g_autoptr(GBytes) tile = xa_test_ui_png_tile (0xc08020ff);
  g_autoptr(GError) error = NULL;

  for (int z = 15; z <= 16; z++)
    {
      g_autofree char *zs = g_strdup_printf ("%d", z);
      g_autofree char *xs = g_strdup_printf ("%d", tile_x (lon, z));
      g_autofree char *ys = g_strdup_printf ("%d.png", tile_y (lat, z));
      g_autofree char *folder = g_build_filename (dir, zs, xs, NULL);
      g_autofree char *file = g_build_filename (folder, ys, NULL);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      g_file_set_contents (file, g_bytes_get_data (tile, NULL), g_bytes_get_size (tile), &error);
      g_assert_no_error (error);
    }
  return dir;
}

/* An agenda of three demo compounds with problems, lifts and cadres, saved. */
static gint64
save_agenda (const char  *store_path,
             char       **out_first)
{
  g_autoptr(XaStore) store = xa_test_store_open (store_path);
  g_autoptr(XaAgenda) agenda = xa_agenda_new ("十二月会商");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT compound FROM problem WHERE compound IN "
                                       "(SELECT compound FROM elevator) AND compound IN "
                                       "(SELECT compound FROM cadre_compound) GROUP BY compound "
                                       "ORDER BY compound LIMIT 3", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (ids->len, ==, 3);

  for (guint i = 0; i < ids->len; i++)
    xa_agenda_append (agenda, g_ptr_array_index (ids, i), NULL);
  g_assert_true (xa_store_save_agenda (store, agenda, &error));
  g_assert_no_error (error);
  if (out_first != NULL)
    *out_first = g_strdup (g_ptr_array_index (ids, 0));
  return xa_agenda_get_id (agenda);
}

static void
test_records_and_tiles (void)
{
  g_autofree char *pack_path = xa_test_path ("meeting.xqpack");
  g_autofree char *first = NULL;
  g_autofree char *mbtiles = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *server = NULL;
  g_autoptr(XaStore) bureau = NULL;
  g_autoptr(XaStore) pack = NULL;
  g_autoptr(XaCompound) compound = NULL;
  g_autoptr(XaAgenda) agenda = NULL;
  g_autoptr(XaMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  XaMeetingPackSummary summary = { 0 };
  XaMeetingPackTiles tiles = { NULL, NULL, "© test tiles" };
  gint64 agenda_id, checked_id = 0;

  agenda_id = save_agenda (demo_store, &first);
  bureau = xa_test_store_open (demo_store);
  compound = xa_store_get_compound (bureau, first);
  mbtiles = make_mbtiles (compound->lat, compound->lon);
  cache = make_cache (compound->lat, compound->lon);
  tiles.mbtiles_path = mbtiles;
  tiles.cache_dir = cache;

  g_assert_true (xa_meeting_pack_write (demo_store, agenda_id, &tiles, pack_path, &summary,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.compounds, ==, 3);
  /* One tile of the file (the far one is not wanted) and two of the cache, of hundreds. */
  g_assert_cmpuint (summary.tiles_found, ==, 3);
  g_assert_cmpuint (summary.tiles_wanted, >, 50);
  g_assert_cmpuint (summary.tiles_wanted, <, 2000);

  /* One file: nothing left beside it. */
  {
    g_autofree char *wal = g_strconcat (pack_path, "-wal", NULL);
    g_autofree char *dir = g_path_get_dirname (pack_path);
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    while ((name = g_dir_read_name (handle)) != NULL)
      g_assert_false (g_str_has_prefix (name, "meeting.xqpack."));
  }

  g_assert_true (xa_meeting_pack_check (pack_path, &checked_id, &server, &error));
  g_assert_no_error (error);
  g_assert_cmpint (checked_id, ==, agenda_id);

  /* Exactly the agenda's compounds and what their records point at, counted in both. */
  pack = xa_test_store_open (pack_path);
  for (guint i = 0; i < G_N_ELEMENTS (counted); i++)
    {
      gint64 in_pack = xa_test_store_query (pack, counted[i]);
      gint64 in_bureau = xa_test_store_query (bureau, counted[i]);

      g_test_message ("%s: pack %" G_GINT64_FORMAT ", bureau %" G_GINT64_FORMAT, counted[i],
                      in_pack, in_bureau);
      g_assert_cmpint (in_pack, ==, in_bureau);
      if (i < 3)
        g_assert_cmpint (in_pack, >, 0);
    }
  /* … and nothing else of theirs. */
  g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM cadre_compound"), ==,
                   xa_test_store_query (pack, counted[5]));
  g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM elevator"), ==,
                   xa_test_store_query (pack, counted[1]));
  g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM cadre"), ==,
                   xa_test_store_query (pack, counted[6]));
  g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM compound"), ==, 3);
  g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM problem"), >, 0);
  g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM problem"), <,
                   xa_test_store_query (bureau, "SELECT count (*) FROM problem"));
  g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM category"), ==,
                   xa_test_store_query (bureau, "SELECT count (*) FROM category"));
  g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM compound_position"), ==, 3);

  /* The same agenda, the server and its last sync, but no cursor and an empty outbox. */
  agenda = xa_store_load_agenda (pack, agenda_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (xa_agenda_get_name (agenda), ==, "十二月会商");
  g_assert_cmpuint (xa_agenda_get_n_items (agenda), ==, 3);
  g_assert_cmpstr (xa_agenda_item_get_compound_id (xa_agenda_peek_item (agenda, 0)), ==, first);
  {
    g_autofree char *bureau_server = xa_store_dup_server (bureau);
    g_autofree char *pack_server = xa_store_dup_server (pack);

    g_assert_cmpstr (pack_server, ==, bureau_server);
    g_assert_cmpstr (server, ==, bureau_server);
    g_assert_null (xa_store_dup_cursor (pack, pack_server));
    g_assert_cmpint (xa_store_get_last_sync (pack, pack_server), ==,
                     xa_store_get_last_sync (bureau, bureau_server));
    g_assert_cmpint (xa_store_get_last_sync (pack, pack_server), >, 0);
  }
  g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM outbox"), ==, 0);
  g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM tiles"), ==, 3);
  g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM tiles WHERE zoom_level = 14"),
                   ==, 1);
  g_clear_object (&pack);

  /* The MBTiles source reads the pack's tiles as it reads any MBTiles file. */
  source = xa_mbtiles_source_new (pack_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);
  g_assert_cmpstr (xa_mbtiles_source_get_format (source), ==, "png");
  g_assert_cmpstr (xa_mbtiles_source_get_attribution (source), ==, "© test tiles");
  g_assert_cmpuint (xa_mbtiles_source_get_data_max_zoom (source), ==, 16);

  /* A deleted or unknown agenda writes nothing, and the pack there stays as it was. */
  {
    g_autofree char *before = NULL, *after = NULL;
    gsize before_size = 0, after_size = 0;

    g_assert_true (g_file_get_contents (pack_path, &before, &before_size, NULL));
    g_assert_false (xa_meeting_pack_write (demo_store, 9999, &tiles, pack_path, NULL, &error));
    g_assert_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_NO_AGENDA);
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (pack_path, &after, &after_size, NULL));
    g_assert_cmpmem (before, before_size, after, after_size);
  }
}

/* The command line writes a pack of a saved agenda, and refuses without one. */
static void
test_command_line (void)
{
  g_autoptr(XaStore) bureau = xa_test_store_open (demo_store);
  g_autoptr(GPtrArray) list = xa_store_list_agendas (bureau, NULL);
  g_autofree char *pack_path = xa_test_path ("cli.xqpack");
  g_autofree char *agenda = NULL;
  XaTestRun run = { 0 };

  if (list->len == 0)
    save_agenda (demo_store, NULL);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = xa_store_list_agendas (bureau, NULL);
  agenda = g_strdup_printf ("%" G_GINT64_FORMAT, ((XaAgendaSummary *) list->pdata[0])->id);
  {
    const char * const args[] = { "--store", demo_store, "--export", "pack", "--agenda", agenda,
                                  "--output", pack_path, NULL };

    run = xa_test_run_app (args);
    g_test_message ("%s%s", run.out, run.err);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Wrote a meeting pack of 3 compounds"));
    g_assert_true (xa_meeting_pack_check (pack_path, NULL, NULL, NULL));
    xa_test_run_clear (&run);
  }
  {
    const char * const args[] = { "--store", demo_store, "--export", "pack", "--output",
                                  pack_path, NULL };

    run = xa_test_run_app (args);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--agenda"));
    xa_test_run_clear (&run);
  }
  {
    const char * const args[] = { "--store", demo_store, "--export", "pack", "--agenda", agenda,
                                  "--district", "371302", "--output", pack_path, NULL };

    run = xa_test_run_app (args);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--district"));
    xa_test_run_clear (&run);
  }
  {
    const char * const args[] = { "--store", demo_store, "--export", "pack", "--agenda", "4242",
                                  "--output", pack_path, NULL };

    run = xa_test_run_app (args);
    g_assert_cmpint (run.status, ==, 3);
    g_assert_nonnull (strstr (run.err, "4242"));
    xa_test_run_clear (&run);
  }
}

/* The pixel at @x, @y of the PNG @png as 0xRRGGBB. */
static guint32
png_pixel (GBytes *png,
           int     x,
           int     y)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  const guint8 *p;

  g_assert_nonnull (pixbuf);
  p = gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf)
      + x * gdk_pixbuf_get_n_channels (pixbuf);
  return (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
}

/* Tianditu's two layers in two caches become one tile, the place names over the roads. */
static void
test_labels_over_roads (void)
{
  g_autofree char *pack_path = xa_test_path ("labels.xqpack");
  g_autofree char *roads = xa_test_path ("roads");
  g_autofree char *names = xa_test_path ("names");
  g_autofree char *roads_file = NULL;
  g_autofree char *names_file = NULL;
  g_autoptr(GBytes) road_tile = xa_test_ui_png_tile (0x2080c0ff);
  g_autoptr(GBytes) packed = NULL;
  g_autoptr(GdkPixbuf) label = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 256, 256);
  g_autoptr(GdkPixbuf) corner = NULL;
  g_autoptr(XaStore) store = xa_test_store_open (demo_store);
  g_autoptr(XaCompound) compound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agendas = xa_store_list_agendas (store, NULL);
  g_autofree char *first = NULL;
  XaMeetingPackTiles tiles = { NULL, roads, NULL, names, xa_basemap_compose_tiles };
  XaMeetingPackSummary summary = { 0 };
  char *buffer = NULL;
  gsize size = 0;
  int x, y;
  gint64 agenda_id;

  agenda_id = agendas->len > 0 ? ((XaAgendaSummary *) agendas->pdata[0])->id
                               : save_agenda (demo_store, NULL);
  {
    g_autoptr(XaAgenda) agenda = xa_store_load_agenda (store, agenda_id, NULL);

    first = g_strdup (xa_agenda_item_get_compound_id (xa_agenda_peek_item (agenda, 0)));
  }
  compound = xa_store_get_compound (store, first);
  x = tile_x (compound->lon, 16);
  y = tile_y (compound->lat, 16);

  /* Names: transparent but for a red corner. */
  gdk_pixbuf_fill (label, 0x00000000);
  corner = gdk_pixbuf_new_subpixbuf (label, 0, 0, 64, 64);
  gdk_pixbuf_fill (corner, 0xe01010ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (label, &buffer, &size, "png", &error, NULL));
  {
    g_autofree char *xs = g_strdup_printf ("%d", x);
    g_autofree char *ys = g_strdup_printf ("%d.png", y);
    g_autofree char *roads_dir = g_build_filename (roads, "16", xs, NULL);
    g_autofree char *names_dir = g_build_filename (names, "16", xs, NULL);

    roads_file = g_build_filename (roads_dir, ys, NULL);
    names_file = g_build_filename (names_dir, ys, NULL);
    g_assert_cmpint (g_mkdir_with_parents (roads_dir, 0700), ==, 0);
    g_assert_cmpint (g_mkdir_with_parents (names_dir, 0700), ==, 0);
  }
  g_assert_true (g_file_set_contents (roads_file, g_bytes_get_data (road_tile, NULL),
                                      g_bytes_get_size (road_tile), NULL));
  g_assert_true (g_file_set_contents (names_file, buffer, size, NULL));
  g_free (buffer);

  g_assert_true (xa_meeting_pack_write (demo_store, agenda_id, &tiles, pack_path, &summary,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.tiles_found, ==, 1);

  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (pack_path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT tile_data FROM tiles WHERE zoom_level = 16",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    packed = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_assert_cmphex (png_pixel (packed, 10, 10), ==, 0xe01010);
  g_assert_cmphex (png_pixel (packed, 200, 200), ==, 0x2080c0);
}

/* ---- decisions: the small city, its server stopped while the meeting decides --------- */

typedef struct
{
  char         *db;
  XaTestServer *server;
  char         *store_path;
  char         *pack_path;
  gint64        agenda_id;
} Fixture;


static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(XaStore) store = NULL;
  g_autoptr(XaAgenda) agenda = NULL;
  g_autoptr(GError) error = NULL;

  static guint run;
  g_autofree char *db = g_strdup_printf ("server-%u.db", ++run);
  g_autofree char *bureau = g_strdup_printf ("bureau-%u.db", run);
  g_autofree char *pack = g_strdup_printf ("decisions-%u.xqpack", run);

  f->db = xa_test_path (db);
  xa_test_server_put_small_city (f->db);
  xa_test_server_put (f->db, "problem", "P-open", XA_TEST_PROBLEM_JSON ("open", ""));
  xa_test_server_put (f->db, "compound", "C2", XA_TEST_COMPOUND_JSON);
  f->server = xa_test_server_start (f->db, NULL);
  f->store_path = xa_test_path (bureau);
  f->pack_path = xa_test_path (pack);
  xa_test_sync_ok (f->server, f->store_path);

  store = xa_test_store_open (f->store_path);
  agenda = xa_test_store_save_agenda (store, "会商", "C1");
  f->agenda_id = xa_agenda_get_id (agenda);
  g_assert_true (xa_meeting_pack_write (f->store_path, f->agenda_id, NULL, f->pack_path, NULL,
                                        &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  xa_test_server_free (f->server);
  g_free (f->store_path);
  g_free (f->pack_path);
  g_free (f->db);
}

/* The meeting, with the server gone: the pack opens as a store and takes a decision. */
static void
decide_in_pack (Fixture *f)
{
  g_autoptr(XaStore) pack = NULL;
  g_autoptr(XaAgenda) agenda = NULL;
  g_autoptr(XaAgendaDecision) decision = NULL;
  g_autoptr(XaProblem) problem = NULL;
  g_autoptr(GError) error = NULL;
  XaProblemEdit edit = {
    .status = XA_STATUS_IN_PROGRESS, .note = "会商议定：物业三日内修复",
    .set_tier = TRUE, .tier = XA_TIER_CONSULTATION,
    .responsible_party = "物业公司", .deadline = 1800000000,
  };

  xa_test_server_stop (f->server, TRUE);
  pack = xa_test_store_open (f->pack_path);
  agenda = xa_store_load_agenda (pack, f->agenda_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (xa_agenda_item_get_compound_id (xa_agenda_peek_item (agenda, 0)), ==, "C1");
  problem = xa_store_get_problem (pack, "P-open");
  g_assert_nonnull (problem);
  decision = xa_store_decide (pack, f->agenda_id, "C1", "P-open", XA_DECISION_AGREED, &edit,
                              1790000000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (decision);
  g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM outbox"), ==, 1);
}

/* The same server on the same port again, as the bureau's server comes back. */
static void
restart_server (Fixture *f)
{
  const char *port = strrchr (f->server->base_url, ':') + 1;
  const char * const args[] = { "--port", port, NULL };
  XaTestServer *again = xa_test_server_start (f->db, args);

  g_assert_cmpstr (again->base_url, ==, f->server->base_url);
  xa_test_server_free (f->server);
  f->server = again;
}

static void
test_decision_comes_back (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(XaStore) bureau = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pack_key = NULL;
  guint imported = 0, skipped = 0, gone = 0;

  decide_in_pack (f);
  {
    g_autoptr(XaStore) pack = xa_test_store_open (f->pack_path);
    GPtrArray *outbox = xa_store_list_outbox (pack, FALSE, &error);

    g_assert_cmpuint (outbox->len, ==, 1);
    pack_key = g_strdup (((XaOutboxEntry *) outbox->pdata[0])->idempotency_key);
    g_ptr_array_unref (outbox);
  }

  /* Back at the bureau: the edit and its decision, under the same key. */
  g_assert_true (xa_meeting_pack_import (f->pack_path, f->store_path, &imported, &skipped, &gone,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, 1);
  g_assert_cmpuint (skipped, ==, 0);
  g_assert_cmpuint (gone, ==, 0);
  bureau = xa_test_store_open (f->store_path);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM outbox WHERE "
                                            "idempotency_key = '%s' AND record_id = 'P-open' "
                                            "AND base_version = 1", pack_key);

    g_assert_cmpint (xa_test_store_query (bureau, sql), ==, 1);
  }
  xa_test_store_assert_record (bureau, "problem", "P-open",
                               "status = 'in_progress' AND tier = 'consultation'");
  decisions = xa_store_list_decisions (bureau, f->agenda_id, &error);
  g_assert_cmpuint (decisions->len, ==, 1);
  g_assert_cmpstr (((XaAgendaDecision *) decisions->pdata[0])->idempotency_key, ==, pack_key);
  g_clear_object (&bureau);

  /* Twice: nothing more. */
  g_assert_true (xa_meeting_pack_import (f->pack_path, f->store_path, &imported, &skipped, &gone,
                                         &error));
  g_assert_cmpuint (imported, ==, 0);
  g_assert_cmpuint (skipped, ==, 1);

  /* The server comes back; one sync pushes it, once: one new version of the problem. */
  restart_server (f);
  xa_test_sync_ok (f->server, f->store_path);
  bureau = xa_test_store_open (f->store_path);
  g_assert_cmpint (xa_test_store_query (bureau, "SELECT count (*) FROM outbox"), ==, 0);
  g_assert_cmpint (xa_test_store_query (bureau, "SELECT version FROM problem WHERE id = "
                                        "'P-open'"), ==, 2);
  xa_test_store_assert_record (bureau, "problem", "P-open",
                               "responsible_party = '物业公司' AND tier = 'consultation'");
  g_clear_object (&bureau);

  /* After the push, importing the pack again still adds nothing, and a sync sends nothing. */
  g_assert_true (xa_meeting_pack_import (f->pack_path, f->store_path, &imported, &skipped, &gone,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, 0);
  g_assert_cmpuint (skipped, ==, 1);
  xa_test_sync_ok (f->server, f->store_path);
  bureau = xa_test_store_open (f->store_path);
  g_assert_cmpint (xa_test_store_query (bureau, "SELECT count (*) FROM outbox"), ==, 0);
  g_assert_cmpint (xa_test_store_query (bureau, "SELECT version FROM problem WHERE id = "
                                        "'P-open'"), ==, 2);
  g_assert_cmpint (xa_test_store_query (bureau, "SELECT count (*) FROM agenda_decision"), ==, 1);
}

/* The server deletes one of the meeting's problems before the pack comes back: its decision
 * is left out and counted, the other one comes back, and the pack still holds both. */
static void
test_decision_on_deleted_problem (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(XaStore) bureau = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pack_before = NULL;
  guint imported = 0, skipped = 0, gone = 0;

  /* A second problem of C1 in the pack, and a decision on it too. */
  xa_test_server_put (f->db, "problem", "P-kept", XA_TEST_PROBLEM_JSON ("open", ""));
  xa_test_sync_ok (f->server, f->store_path);
  g_assert_true (xa_meeting_pack_write (f->store_path, f->agenda_id, NULL, f->pack_path, NULL,
                                        &error));
  g_assert_no_error (error);
  decide_in_pack (f);
  {
    g_autoptr(XaStore) pack = xa_test_store_open (f->pack_path);
    g_autoptr(XaAgendaDecision) decision = NULL;
    XaProblemEdit edit = { .status = XA_STATUS_IN_PROGRESS, .note = "会商议定：本周内处理" };

    decision = xa_store_decide (pack, f->agenda_id, "C1", "P-kept", XA_DECISION_AGREED, &edit,
                                1790000100, &error);
    g_assert_no_error (error);
    g_assert_cmpint (xa_test_store_query (pack, "SELECT count (*) FROM outbox"), ==, 2);
  }
  pack_before = xa_test_store_dump (f->pack_path);

  /* Meanwhile the server deletes P-open, and the bureau's store follows. */
  xa_test_server_run_admin ((const char * const[]) { "--db", f->db, "--delete", "problem",
                                                      "P-open", NULL });
  restart_server (f);
  xa_test_sync_ok (f->server, f->store_path);
  bureau = xa_test_store_open (f->store_path);
  g_assert_cmpint (xa_test_store_query (bureau, "SELECT count (*) FROM problem WHERE id = "
                                        "'P-open'"), ==, 0);

  g_assert_true (xa_meeting_pack_import (f->pack_path, f->store_path, &imported, &skipped, &gone,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, 1);
  g_assert_cmpuint (skipped, ==, 0);
  g_assert_cmpuint (gone, ==, 1);
  g_assert_cmpint (xa_test_store_query (bureau, "SELECT count (*) FROM outbox WHERE record_id = "
                                        "'P-kept'"), ==, 1);
  g_assert_cmpint (xa_test_store_query (bureau, "SELECT count (*) FROM outbox"), ==, 1);
  g_assert_cmpint (xa_test_store_query (bureau, "SELECT count (*) FROM agenda_decision WHERE "
                                        "problem = 'P-kept'"), ==, 1);
  g_assert_cmpint (xa_test_store_query (bureau, "SELECT count (*) FROM agenda_decision"), ==, 1);
  xa_test_store_assert_record (bureau, "problem", "P-kept", "status = 'in_progress'");
  {
    g_autofree char *pack_after = xa_test_store_dump (f->pack_path);

    g_assert_cmpstr (pack_after, ==, pack_before);
  }

  /* Again: the kept one is known, the other still left out. */
  g_assert_true (xa_meeting_pack_import (f->pack_path, f->store_path, &imported, &skipped, &gone,
                                         &error));
  g_assert_cmpuint (imported, ==, 0);
  g_assert_cmpuint (skipped, ==, 1);
  g_assert_cmpuint (gone, ==, 1);
}

/* Another server's pack, and a truncated one: refused, the bureau's store unchanged. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *cut_path = xa_test_path ("cut.xqpack");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  decide_in_pack (f);
  before = xa_test_store_dump (f->store_path);

  /* The pack made to name another server, as a pack of another city's would. */
  {
    g_autofree char *other_path = xa_test_path ("other.xqpack");

    g_assert_true (g_file_get_contents (f->pack_path, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (other_path, contents, length, NULL));
    xa_test_sqlite_exec (other_path, "UPDATE store_server SET url = 'http://192.0.2.1:8080'");
    g_assert_false (xa_meeting_pack_import (other_path, f->store_path, NULL, NULL, NULL, &error));
    g_assert_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_OTHER_SERVER);
    g_assert_nonnull (strstr (error->message, "192.0.2.1"));
    g_clear_error (&error);
  }

  /* Cut in half, as a copy interrupted. */
  g_assert_true (g_file_set_contents (cut_path, contents, (gssize) (length / 2), NULL));
  g_assert_false (xa_meeting_pack_check (cut_path, NULL, NULL, &error));
  g_assert_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_NOT_A_PACK);
  g_clear_error (&error);
  g_assert_false (xa_meeting_pack_import (cut_path, f->store_path, NULL, NULL, NULL, &error));
  g_assert_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_NOT_A_PACK);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* A plain store is no pack either. */
  g_assert_false (xa_meeting_pack_import (f->store_path, f->store_path, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = xa_test_store_dump (f->store_path);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  xa_test_init (&argc, &argv);
  demo_store = xa_test_sync_demo ("demo.db", NULL, NULL);

  g_test_add_func ("/meeting-pack/records-and-tiles", test_records_and_tiles);
  g_test_add_func ("/meeting-pack/command-line", test_command_line);
  g_test_add_func ("/meeting-pack/labels-over-roads", test_labels_over_roads);
  g_test_add ("/meeting-pack/decision-comes-back", Fixture, NULL, fixture_set_up,
              test_decision_comes_back, fixture_tear_down);
  g_test_add ("/meeting-pack/decision-on-deleted-problem", Fixture, NULL, fixture_set_up,
              test_decision_on_deleted_problem, fixture_tear_down);
  g_test_add ("/meeting-pack/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  status = g_test_run ();
  g_free (demo_store);
  return status;
}
