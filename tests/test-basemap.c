/* test-basemap.c — the basemaps in a real window under Xvfb, never on the network: XYZ tiles
 * from an in-process SoupServer on 127.0.0.1, an MBTiles file made here with gdal_translate
 * (also zoomed in past its deepest level, and with metadata claiming deeper levels than it
 * holds), the "offline" property against a closed port and a failing server, the disk
 * cache's purge and names, Tianditu in the map view never asked past its deepest level, and
 * the errors for unusable choices. Saves screenshots to $XA_SCREENSHOT_DIR (or the test's
 * tmp dir). */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>
#include <shumate/shumate.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "xa-basemap.h"
#include "xa-basemap-private.h"
#include "xa-map-view-private.h"
#include "xa-mbtiles-source.h"
#include "xa-resources.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-tile-fetcher.h"
#include "xa-tile-fetcher-private.h"

/* Linyi, Shandong: where the demo city is. */
#define LINYI_LAT 35.05
#define LINYI_LON 118.35

#define MAP_WIDTH 480
#define MAP_HEIGHT 360

typedef struct
{
  guint8 r, g, b;
} Colour;

/* The XYZ server's tiles, and the two halves of the MBTiles raster. */
static const Colour xyz_colour = { 0x22, 0x88, 0x44 };
static const Colour west_colour = { 0xd0, 0x40, 0x30 };
static const Colour east_colour = { 0x30, 0x70, 0xd0 };

/* ---- A tile server on its own thread, so it answers while the test runs GTK's loop ---- */

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  guint16       port;
  GBytes       *tile;           /* a PNG of xyz_colour */
  /* under lock: */
  guint         requests;
  char         *user_agent;
  GPtrArray    *paths;
  gboolean      failing;        /* /flaky/ answers 503 while set */
} TileServer;

static void
tile_handler (SoupServer        *soup_server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  TileServer *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  gboolean failing;

  g_mutex_lock (&server->lock);
  server->requests++;
  g_free (server->user_agent);
  server->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  /* With the query, where Tianditu puts the tile's zoom. */
  g_ptr_array_add (server->paths,
                   g_uri_get_query (soup_server_message_get_uri (message)) != NULL
                   ? g_strconcat (path, "?",
                                  g_uri_get_query (soup_server_message_get_uri (message)), NULL)
                   : g_strdup (path));
  failing = server->failing;
  g_mutex_unlock (&server->lock);

  if (g_str_has_prefix (path, "/flaky/") && failing)
    {
      soup_server_message_set_status (message, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      return;
    }
  if (!g_str_has_prefix (path, "/tiles/") && !g_str_has_prefix (path, "/flaky/")
      && !g_str_has_prefix (path, "/tianditu/"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (server->tile, NULL),
                                    g_bytes_get_size (server->tile));
}

static gpointer
tile_server_thread (gpointer user_data)
{
  TileServer *server = user_data;
  g_autoptr(SoupServer) soup_server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (server->context);
  soup_server = soup_server_new ("server-header", "xa-test-tiles", NULL);
  soup_server_add_handler (soup_server, NULL, tile_handler, server, NULL);
  soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup_server);
  g_assert_nonnull (uris);

  g_mutex_lock (&server->lock);
  server->port = g_uri_get_port (uris->data);
  server->ready = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (server->loop);
  soup_server_disconnect (soup_server);
  g_clear_object (&soup_server);
  /* Closed connections are finalized from idle callbacks in this context. */
  while (g_main_context_iteration (server->context, FALSE))
    ;
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

static GBytes *
solid_png (Colour colour,
           int    size)
{
  g_autofree guchar *pixels = g_malloc ((gsize) size * size * 4);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  for (int i = 0; i < size * size; i++)
    {
      pixels[i * 4 + 0] = colour.r;
      pixels[i * 4 + 1] = colour.g;
      pixels[i * 4 + 2] = colour.b;
      pixels[i * 4 + 3] = 0xff;
    }
  bytes = g_bytes_new (pixels, (gsize) size * size * 4);
  texture = gdk_memory_texture_new (size, size, GDK_MEMORY_R8G8B8A8, bytes, size * 4);
  return gdk_texture_save_to_png_bytes (texture);
}

static TileServer *
tile_server_start (void)
{
  TileServer *server = g_new0 (TileServer, 1);

  g_mutex_init (&server->lock);
  g_cond_init (&server->cond);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->tile = solid_png (xyz_colour, 256);
  server->paths = g_ptr_array_new_with_free_func (g_free);
  server->thread = g_thread_new ("tile-server", tile_server_thread, server);

  g_mutex_lock (&server->lock);
  while (!server->ready)
    g_cond_wait (&server->cond, &server->lock);
  g_mutex_unlock (&server->lock);
  return server;
}

static gboolean
quit_loop_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
tile_server_stop (TileServer *server)
{
  g_main_context_invoke (server->context, quit_loop_cb, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_bytes_unref (server->tile);
  g_ptr_array_unref (server->paths);
  g_free (server->user_agent);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->cond);
  g_free (server);
}

/* Requests of @server whose address contains @text. */
static guint
tile_server_requests_with (TileServer *server,
                           const char *text)
{
  guint count = 0;

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->paths->len; i++)
    if (strstr (g_ptr_array_index (server->paths, i), text) != NULL)
      count++;
  g_mutex_unlock (&server->lock);
  return count;
}

static gboolean
tile_server_saw (TileServer *server,
                 const char *path)
{
  gboolean seen = FALSE;

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->paths->len && !seen; i++)
    seen = g_str_equal (g_ptr_array_index (server->paths, i), path);
  g_mutex_unlock (&server->lock);
  return seen;
}

/* ---- The window ---- */

static GtkWindow *
map_window (ShumateMap **out_map)
{
  ShumateMap *map = shumate_map_new ();
  GtkWindow *window = xa_test_ui_present (GTK_WIDGET (map), MAP_WIDTH, MAP_HEIGHT);

  while (!gtk_widget_get_mapped (GTK_WIDGET (map)))
    g_main_context_iteration (NULL, TRUE);
  *out_map = map;
  return window;
}

static void
close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static Colour
pixel_at (GdkTexture *texture,
          int         x,
          int         y)
{
  guint8 rgba[4];

  /* Premultiplied, but the tiles here are opaque. */
  xa_test_ui_texture_pixel (texture, x, y, rgba);
  return (Colour) { rgba[0], rgba[1], rgba[2] };
}

static gboolean
colour_near (Colour a,
             Colour b)
{
  return ABS (a.r - b.r) <= 8 && ABS (a.g - b.g) <= 8 && ABS (a.b - b.b) <= 8;
}

typedef struct
{
  GtkWindow *window;
  double     fx;
  Colour     expected;
} ColourWait;

static gboolean
shows_colour (gpointer user_data)
{
  ColourWait *wait = user_data;
  g_autoptr(GdkTexture) texture = xa_test_ui_try_render (GTK_WIDGET (wait->window));

  return texture != NULL
         && colour_near (pixel_at (texture, gdk_texture_get_width (texture) * wait->fx,
                                   gdk_texture_get_height (texture) / 2),
                         wait->expected);
}

/* Renders @window until the pixel at @fx of its width (half way down) shows @expected, or
 * @seconds pass; saves the last frame as @name (when not NULL) and asserts the colour. */
static void
assert_colour_at (GtkWindow  *window,
                  double      fx,
                  Colour      expected,
                  guint       seconds,
                  const char *name)
{
  ColourWait wait = { window, fx, expected };
  g_autoptr(GdkTexture) texture = NULL;
  Colour seen;
  int x, y;

  /* Tiles arrive from another thread and fade in: look again every 100 ms. */
  xa_test_ui_poll_until (shows_colour, &wait, 100, seconds);
  /* Let the last tiles fade in before the picture is kept. */
  xa_test_ui_spin (400);
  texture = xa_test_ui_try_render (GTK_WIDGET (window));
  g_assert_nonnull (texture);
  if (name != NULL)
    xa_test_ui_save_texture (texture, name);
  x = gdk_texture_get_width (texture) * fx;
  y = gdk_texture_get_height (texture) / 2;
  seen = pixel_at (texture, x, y);
  if (!colour_near (seen, expected))
    g_error ("%s: the map at %d,%d is #%02x%02x%02x, expected #%02x%02x%02x",
             name != NULL ? name : "map", x, y,
             seen.r, seen.g, seen.b, expected.r, expected.g, expected.b);
}

static void
assert_centre_colour (GtkWindow  *window,
                      Colour      expected,
                      guint       seconds,
                      const char *name)
{
  assert_colour_at (window, 0.5, expected, seconds, name);
}

static void
centre_map (ShumateMap *map,
            double      latitude,
            double      longitude,
            double      zoom)
{
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), zoom);
  shumate_map_center_on (map, latitude, longitude);
}

/* ---- (a) XYZ tiles from a local server ---- */

static void
test_xyz (void)
{
  TileServer *server = tile_server_start ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/tiles/{z}/{x}/{y}.png",
                                          server->port);
  g_autofree char *expected_path = NULL;
  g_autoptr(XaBasemap) basemap = NULL;
  g_autoptr(XaBasemap) none = NULL;
  g_autoptr(GError) error = NULL;
  ShumateLayer *top;
  ShumateMapSource *reference;
  ShumateMap *map;
  GtkWindow *window;
  GtkWidget *child;
  int tile_x, tile_y;

  /* libshumate's disk cache must be this test's own. */
  g_assert_true (g_str_has_prefix (g_get_user_cache_dir (), xa_test_tmpdir ()));

  basemap = xa_basemap_new ("xyz", url, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (xa_basemap_get_kind (basemap), ==, "xyz");
  g_assert_cmpuint (xa_basemap_get_layer_sources (basemap)->len, ==, 1);
  g_assert_true (strstr (xa_basemap_get_attribution (basemap), "127.0.0.1") != NULL);
  g_assert_false (xa_basemap_get_offline (basemap));
  g_assert_null (xa_basemap_get_offline_message (basemap));

  window = map_window (&map);
  /* Stands in for the compound layer, which must stay above the basemap. */
  top = SHUMATE_LAYER (shumate_marker_layer_new (shumate_map_get_viewport (map)));
  shumate_map_add_layer (map, top);

  xa_basemap_attach (basemap, map);
  g_assert_true (xa_basemap_get_map (basemap) == map);
  reference = xa_basemap_get_reference_source (basemap);
  g_assert_true (shumate_viewport_get_reference_map_source (shumate_map_get_viewport (map))
                 == reference);
  child = gtk_widget_get_first_child (GTK_WIDGET (map));
  g_assert_true (SHUMATE_IS_MAP_LAYER (child));
  g_assert_true (gtk_widget_get_last_child (GTK_WIDGET (map)) == GTK_WIDGET (top));

  centre_map (map, LINYI_LAT, LINYI_LON, 12);
  assert_centre_colour (window, xyz_colour, 30, "basemap-xyz");

  g_assert_cmpuint (tile_server_requests_with (server, "/tiles/"), >, 0);
  tile_x = (int) floor (shumate_map_source_get_x (reference, 12, LINYI_LON) / 256);
  tile_y = (int) floor (shumate_map_source_get_y (reference, 12, LINYI_LAT) / 256);
  expected_path = g_strdup_printf ("/tiles/12/%d/%d.png", tile_x, tile_y);
  g_assert_true (tile_server_saw (server, expected_path));
  g_mutex_lock (&server->lock);
  g_assert_true (g_str_has_prefix (server->user_agent, "XiaoquAtlas/" PACKAGE_VERSION " (+"));
  g_mutex_unlock (&server->lock);
  g_assert_false (xa_basemap_get_offline (basemap));

  /* A new choice replaces the old layers; the layer on top stays. */
  none = xa_basemap_new ("none", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (xa_basemap_get_layer_sources (none)->len, ==, 0);
  g_assert_nonnull (xa_basemap_get_reference_source (none));
  g_assert_cmpstr (xa_basemap_get_attribution (none), ==, "");
  xa_basemap_attach (none, map);
  g_assert_null (xa_basemap_get_map (basemap));
  g_assert_true (shumate_viewport_get_reference_map_source (shumate_map_get_viewport (map))
                 == xa_basemap_get_reference_source (none));
  for (child = gtk_widget_get_first_child (GTK_WIDGET (map)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_assert_false (SHUMATE_IS_MAP_LAYER (child));
  g_assert_true (gtk_widget_get_first_child (GTK_WIDGET (map)) == GTK_WIDGET (top));
  {
    g_autoptr(GdkTexture) texture = NULL;

    xa_test_ui_spin (300);
    texture = xa_test_ui_try_render (GTK_WIDGET (window));
    xa_test_ui_save_texture (texture, "basemap-none");
    g_assert_false (colour_near (pixel_at (texture, MAP_WIDTH / 2, MAP_HEIGHT / 2),
                                 xyz_colour));
  }

  /* And back, attached again after a detach. */
  xa_basemap_detach (none);
  xa_basemap_attach (basemap, map);
  g_assert_true (SHUMATE_IS_MAP_LAYER (gtk_widget_get_first_child (GTK_WIDGET (map))));
  assert_centre_colour (window, xyz_colour, 30, "basemap-xyz-again");

  close_window (window);
  /* The client's keep-alive connections close before the server goes. */
  g_clear_object (&none);
  g_clear_object (&basemap);
  tile_server_stop (server);
}

/* ---- The disk cache ---- */

typedef struct
{
  GBytes  *bytes;
  GError  *error;
  gboolean done;
} DataWait;

static void
tile_data_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DataWait *wait = user_data;

  wait->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (source), result,
                                                          &wait->error);
  wait->done = TRUE;
}

/* The tiles in the disk cache under @cache_key: how many, and @bytes in all. */
static guint
count_cached_tiles (const char *cache_key,
                    goffset    *bytes)
{
  g_autofree char *top = g_build_filename (g_get_user_cache_dir (), "shumate", cache_key, NULL);
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  guint count = 0;

  *bytes = 0;
  g_ptr_array_add (dirs, g_steal_pointer (&top));
  while (dirs->len > 0)
    {
      g_autofree char *dir = g_ptr_array_steal_index (dirs, dirs->len - 1);
      g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
      const char *name;

      while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          GStatBuf info;

          if (g_stat (path, &info) != 0)
            continue;
          if (S_ISDIR (info.st_mode))
            g_ptr_array_add (dirs, g_steal_pointer (&path));
          else if (g_str_has_suffix (name, ".png"))
            {
              count++;
              *bytes += info.st_size;
            }
        }
    }
  return count;
}

typedef struct
{
  const char *cache_key;
  guint       at_least;
  guint       at_most;
} CacheWait;

static gboolean
cache_holds (gpointer user_data)
{
  CacheWait *wait = user_data;
  goffset bytes;
  guint count = count_cached_tiles (wait->cache_key, &bytes);

  return count >= wait->at_least && count <= wait->at_most;
}

/* The size and change time of the cache's database files (everything at the top of the
 * cache that is not a tile), to see libshumate's writes to them come to an end. */
static char *
cache_database_state (const char *cache_key)
{
  g_autofree char *top = g_build_filename (g_get_user_cache_dir (), "shumate", cache_key, NULL);
  g_autoptr(GDir) handle = g_dir_open (top, 0, NULL);
  GString *state = g_string_new (NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (top, name, NULL);
      struct stat info;

      if (stat (path, &info) == 0 && S_ISREG (info.st_mode))
        g_string_append_printf (state, "%s %jd %jd.%09ld\n", name, (intmax_t) info.st_size,
                                (intmax_t) info.st_mtim.tv_sec, info.st_mtim.tv_nsec);
    }
  return g_string_free (state, FALSE);
}

/* Waits until the cache's database has not changed for a second and a half (at most 20 s):
 * its rows are written on a thread after the tiles' files, and a purge that races one
 * finds the database locked (libshumate 1.0.3 sets no busy timeout). A fixed pause was
 * too short on a loaded machine. */
static void
wait_cache_settled (const char *cache_key)
{
  g_autofree char *last = cache_database_state (cache_key);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gint64 quiet_since = g_get_monotonic_time ();

  while (g_get_monotonic_time () - quiet_since < 1500 * 1000 &&
         g_get_monotonic_time () < deadline)
    {
      g_autofree char *now = NULL;

      xa_test_ui_spin (100);
      now = cache_database_state (cache_key);
      if (g_strcmp0 (now, last) != 0)
        {
          g_free (last);
          last = g_steal_pointer (&now);
          quiet_since = g_get_monotonic_time ();
        }
    }
}

/* The disk cache keeps to its size limit only when purged: a new fetcher (a start, a new
 * basemap) purges what an earlier one left, before it stores a tile of its own. */
static void
test_cache_purge (void)
{
  TileServer *server = tile_server_start ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/tiles/{z}/{x}/{y}.png",
                                          server->port);
  const char *cache_key = "xa_test_purge";
  const guint n = 8, limit = 1000;
  g_autoptr(XaTileFetcher) fetcher = _xa_tile_fetcher_new_full (url, NULL, cache_key, limit);
  CacheWait filled = { cache_key, n, G_MAXUINT }, purged = { cache_key, 0, 1 };
  goffset bytes;
  guint count;

  for (guint i = 0; i < n; i++)
    {
      DataWait wait = { 0 };

      shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (fetcher), 100 + i, 200, 9,
                                               NULL, tile_data_cb, &wait);
      while (!wait.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (wait.error);
      g_bytes_unref (wait.bytes);
    }
  /* The tiles are stored after they are returned, the file first, then its row in the
   * cache's database: a purge racing that row would find the database locked. */
  xa_test_ui_spin_until (cache_holds, &filled, 10);
  wait_cache_settled (cache_key);
  count = count_cached_tiles (cache_key, &bytes);
  g_test_message ("%u tiles, %" G_GOFFSET_FORMAT " bytes cached", count, bytes);
  g_assert_cmpuint (count, ==, n);
  g_assert_cmpint (bytes, >, limit);

  g_clear_object (&fetcher);
  fetcher = _xa_tile_fetcher_new_full (url, NULL, cache_key, limit);
  xa_test_ui_spin_until (cache_holds, &purged, 10);
  count = count_cached_tiles (cache_key, &bytes);
  g_test_message ("after the purge: %u tiles, %" G_GOFFSET_FORMAT " bytes", count, bytes);
  g_assert_cmpint (bytes, <=, limit);

  g_clear_object (&fetcher);
  tile_server_stop (server);
}

static const char *
xyz_cache_key (XaBasemap *basemap)
{
  ShumateMapSource *source = g_ptr_array_index (xa_basemap_get_layer_sources (basemap), 0);
  g_autoptr(XaTileFetcher) fetcher = NULL;

  g_object_get (source, "data-source", &fetcher, NULL);
  /* The basemap holds the source, the source the fetcher. */
  return _xa_tile_fetcher_get_cache_key (fetcher);
}

/* A custom address's tiles are cached under a short name that a new key in the address
 * does not change, but another server or another layer does. */
static void
test_xyz_cache_key (void)
{
  g_autofree char *token = g_strnfill (300, 'k');
  g_autofree char *long_url = g_strdup_printf ("https://tiles.example.org/{z}/{x}/{y}.png"
                                               "?style=day&access_token=%s", token);
  const char *urls[] = {
    long_url,
    "https://tiles.example.org/{z}/{x}/{y}.png?style=day&access_token=other",
    "https://tiles.example.org/{z}/{x}/{y}.png?access_token=other&style=day",
    "https://tiles.example.org/{z}/{x}/{y}.png?style=night&access_token=other",
    "https://tiles.example.net/{z}/{x}/{y}.png?style=day&access_token=other",
  };
  XaBasemap *basemaps[G_N_ELEMENTS (urls)];
  const char *keys[G_N_ELEMENTS (urls)];

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;

      basemaps[i] = xa_basemap_new ("xyz", urls[i], NULL, NULL, &error);
      g_assert_no_error (error);
      keys[i] = xyz_cache_key (basemaps[i]);
      g_test_message ("%s", keys[i]);
      /* A folder name, far from the 255 bytes a file name may have. */
      g_assert_cmpuint (strlen (keys[i]), <, 64);
    }
  g_assert_cmpstr (keys[0], ==, keys[1]);
  g_assert_cmpstr (keys[1], ==, keys[2]);
  g_assert_cmpstr (keys[1], !=, keys[3]);
  g_assert_cmpstr (keys[1], !=, keys[4]);
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    g_object_unref (basemaps[i]);
}

typedef struct
{
  TileServer *server;
  const char *text;
} RequestWait;

static gboolean
server_saw_request (gpointer user_data)
{
  RequestWait *wait = user_data;

  return tile_server_requests_with (wait->server, wait->text) > 0;
}

/* Tianditu has tiles down to level 18: the map, zoomed in as far as it goes, asks for no
 * deeper ones (they would come back blank and count towards the offline notice). */
static void
test_tianditu_max_zoom (void)
{
  TileServer *server = tile_server_start ();
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u/tianditu", server->port);
  g_autoptr(XaBasemap) basemap = NULL;
  g_autoptr(GError) error = NULL;
  RequestWait deepest = { server, "&l=18&" };
  GtkWindow *window;
  XaMapView *view = g_object_new (XA_TYPE_MAP_VIEW, NULL);
  ShumateViewport *viewport = shumate_map_get_viewport (_xa_map_view_get_map (view));

  _xa_basemap_set_tianditu_server (base);
  basemap = xa_basemap_new ("tianditu", NULL, NULL, "0123456789abcdef", &error);
  _xa_basemap_set_tianditu_server (NULL);
  g_assert_no_error (error);

  window = xa_test_ui_present (GTK_WIDGET (view), MAP_WIDTH, MAP_HEIGHT);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  _xa_map_view_use_basemap (view, basemap);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), LINYI_LAT, LINYI_LON);
  shumate_viewport_set_zoom_level (viewport, 16);
  for (int i = 0; i < 5; i++)
    gtk_widget_activate_action (GTK_WIDGET (view), "map.zoom-in", NULL);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 18);

  xa_test_ui_spin_until (server_saw_request, &deepest, 30);
  g_assert_cmpuint (tile_server_requests_with (server, "&l=18&"), >, 0);
  xa_test_ui_spin (500);
  g_assert_cmpuint (tile_server_requests_with (server, "&l=19&"), ==, 0);
  g_assert_cmpuint (tile_server_requests_with (server, "&l=20&"), ==, 0);

  close_window (window);
  g_clear_object (&basemap);
  tile_server_stop (server);
}

/* ---- (b) an MBTiles file made with gdal_translate ---- */

static gboolean
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("%s failed:\n%s%s", argv[0], out, err);
      return FALSE;
    }
  return TRUE;
}

static double
mercator_x (double longitude)
{
  return longitude * 20037508.342789244 / 180.0;
}

static double
mercator_y (double latitude)
{
  return log (tan ((90.0 + latitude) * G_PI / 360.0)) * 6378137.0;
}

/* A 512 × 512 raster around Linyi (16 km across), west half west_colour, east half
 * east_colour, turned into MBTiles with two shallower levels. NULL when GDAL is missing. */
static char *
make_mbtiles (void)
{
  g_autofree char *stem = xa_test_path ("linyi");
  g_autofree char *ppm = g_strconcat (stem, ".ppm", NULL);
  g_autofree char *mbtiles = g_strconcat (stem, ".mbtiles", NULL);
  g_autofree char *translate_path = g_find_program_in_path ("gdal_translate");
  g_autofree char *addo_path = g_find_program_in_path ("gdaladdo");
  g_autofree char *ulx = NULL, *uly = NULL, *lrx = NULL, *lry = NULL;
  g_autoptr(GString) image = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const int size = 512;
  double x = mercator_x (LINYI_LON), y = mercator_y (LINYI_LAT);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (translate_path == NULL || addo_path == NULL)
    return NULL;

  g_string_append_printf (image, "P6\n%d %d\n255\n", size, size);
  for (int row = 0; row < size; row++)
    for (int column = 0; column < size; column++)
      {
        Colour colour = column < size / 2 ? west_colour : east_colour;

        g_string_append_c (image, colour.r);
        g_string_append_c (image, colour.g);
        g_string_append_c (image, colour.b);
      }
  g_file_set_contents (ppm, image->str, image->len, &error);
  g_assert_no_error (error);

  ulx = g_strdup (g_ascii_dtostr (number, sizeof number, x - 8000));
  uly = g_strdup (g_ascii_dtostr (number, sizeof number, y + 8000));
  lrx = g_strdup (g_ascii_dtostr (number, sizeof number, x + 8000));
  lry = g_strdup (g_ascii_dtostr (number, sizeof number, y - 8000));
  {
    const char *translate[] = { "gdal_translate", "-q", "-of", "MBTILES",
                                "-a_srs", "EPSG:3857", "-a_ullr", ulx, uly, lrx, lry,
                                "-co", "NAME=Linyi test", ppm, mbtiles, NULL };
    const char *addo[] = { "gdaladdo", "-q", "-r", "average", mbtiles, "2", "4", NULL };

    g_assert_true (run_tool (translate));
    g_assert_true (run_tool (addo));
  }
  return g_steal_pointer (&mbtiles);
}

static void
fill_tile_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (source), result, error);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

/* Fills @tile from @source; NULL when it worked, the error otherwise. */
static GError *
fill_tile (ShumateMapSource *source,
           ShumateTile      *tile)
{
  GError *error = NULL;

  shumate_map_source_fill_tile_async (source, tile, NULL, fill_tile_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_clear_error (&error);
  return error;
}

static gboolean
is_offline (gpointer basemap)
{
  return xa_basemap_get_offline (basemap);
}

static void
test_mbtiles (void)
{
  g_autofree char *path = make_mbtiles ();
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(XaMbtilesSource) source = NULL;
  g_autoptr(XaMbtilesSource) other = NULL;
  g_autoptr(XaBasemap) basemap = NULL;
  g_autoptr(ShumateTile) tile = NULL;
  g_autoptr(GError) error = NULL;
  ShumateMapSource *map_source;
  double west, south, east, north;
  double east_lon = LINYI_LON + 0.03;
  double west_lon = LINYI_LON - 0.03;
  guint max_zoom, over_zoom;
  ShumateMap *map;
  GtkWindow *window;
  gsize length;

  if (path == NULL)
    {
      g_test_fail_printf ("gdal_translate and gdaladdo (Debian package gdal-bin) are needed "
                          "to make the MBTiles file for this test: run build-aux/install-deps, "
                          "which installs gdal-bin.");
      return;
    }

  /* An attribution as MBTiles files often have it: HTML. */
  xa_test_sqlite_exec (path, "DELETE FROM metadata WHERE name = 'attribution';"
                  "INSERT INTO metadata (name, value) VALUES ('attribution',"
                  " '<a href=\"https://example.org/\">© Linyi Survey &amp; Mapping</a>');");

  source = xa_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  map_source = SHUMATE_MAP_SOURCE (source);
  g_assert_cmpstr (xa_mbtiles_source_get_format (source), ==, "png");
  g_assert_cmpstr (xa_mbtiles_source_get_attribution (source), ==, "© Linyi Survey & Mapping");
  g_assert_cmpstr (shumate_map_source_get_name (map_source), ==, "Linyi test");
  max_zoom = xa_mbtiles_source_get_data_max_zoom (source);
  g_test_message ("MBTiles zoom levels %u–%u", xa_mbtiles_source_get_data_min_zoom (source),
                  max_zoom);
  g_assert_cmpuint (max_zoom, >=, 11);
  g_assert_cmpuint (max_zoom, <=, 13);
  /* gdaladdo made at least one shallower level. */
  g_assert_cmpuint (xa_mbtiles_source_get_data_min_zoom (source), <, max_zoom);
  /* The source goes deeper than the file, so the viewport can. */
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (map_source), ==, 20);
  g_assert_true (xa_mbtiles_source_get_bounds (source, &west, &south, &east, &north));
  g_assert_cmpfloat (west, <, LINYI_LON);
  g_assert_cmpfloat (east, >, LINYI_LON);
  g_assert_cmpfloat (south, <, LINYI_LAT);
  g_assert_cmpfloat (north, >, LINYI_LAT);
  g_assert_true (g_str_has_prefix (shumate_map_source_get_id (map_source), "xa-mbtiles-"));

  /* One id per file: libshumate caches tiles in memory by id. */
  copy = xa_test_path ("copy.mbtiles");
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, contents, length, &error);
  g_assert_no_error (error);
  other = xa_mbtiles_source_new (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (other)), !=,
                   shumate_map_source_get_id (map_source));

  /* Far from Linyi there is no tile: an error, and the tile is not marked done. */
  tile = shumate_tile_new_full (0, 0, 256, max_zoom);
  error = fill_tile (map_source, tile);
  g_assert_error (error, XA_MBTILES_ERROR, XA_MBTILES_ERROR_NO_TILE);
  g_clear_error (&error);
  g_assert_cmpint (shumate_tile_get_state (tile), !=, SHUMATE_STATE_DONE);
  g_clear_object (&tile);

  /* Three levels past the deepest: the east half is cut from the parent and enlarged. */
  over_zoom = max_zoom + 3;
  tile = shumate_tile_new_full (floor (shumate_map_source_get_x (map_source, over_zoom, east_lon)
                                       / 256),
                                floor (shumate_map_source_get_y (map_source, over_zoom,
                                                                 LINYI_LAT) / 256),
                                256, over_zoom);
  error = fill_tile (map_source, tile);
  g_assert_no_error (error);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  g_assert_true (GDK_IS_TEXTURE (shumate_tile_get_paintable (tile)));
  {
    GdkTexture *texture = GDK_TEXTURE (shumate_tile_get_paintable (tile));

    g_assert_cmpint (gdk_texture_get_width (texture), ==, 256);
    g_assert_true (colour_near (pixel_at (texture, 128, 128), east_colour));
  }

  /* In a window: at the file's own deepest level, and past it. */
  basemap = xa_basemap_new ("mbtiles", NULL, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (xa_basemap_get_attribution (basemap), ==, "© Linyi Survey & Mapping");
  window = map_window (&map);
  xa_basemap_attach (basemap, map);
  centre_map (map, LINYI_LAT, west_lon, max_zoom);
  assert_centre_colour (window, west_colour, 30, "basemap-mbtiles");
  /* Four levels deeper, on the line between the halves: each side is cut from its own
   * parent tile, so west stays west and east stays east. */
  centre_map (map, LINYI_LAT, LINYI_LON, max_zoom + 4);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (shumate_map_get_viewport (map)), ==,
                     max_zoom + 4);
  assert_colour_at (window, 0.25, west_colour, 30, NULL);
  assert_colour_at (window, 0.75, east_colour, 30, "basemap-mbtiles-overzoom");
  g_assert_false (xa_basemap_get_offline (basemap));

  /* The file goes away while the map shows it: new tiles cannot be read → offline. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  centre_map (map, LINYI_LAT + 0.02, west_lon, max_zoom + 2);
  xa_test_ui_spin_until (is_offline, basemap, 30);
  g_assert_true (xa_basemap_get_offline (basemap));
  g_test_message ("offline message: %s", xa_basemap_get_offline_message (basemap));
  g_assert_true (strstr (xa_basemap_get_offline_message (basemap), "linyi") != NULL);

  close_window (window);
  g_unlink (copy);

  /* Metadata claiming two levels deeper than the file holds: the file still opens, and
   * enlarges its own deepest level. */
  g_clear_object (&source);
  g_file_set_contents (copy, contents, length, &error);
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE metadata SET value = '%u'"
                                            " WHERE name = 'maxzoom';", max_zoom + 2);

    xa_test_sqlite_exec (copy, sql);
  }
  source = xa_mbtiles_source_new (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (xa_mbtiles_source_get_data_max_zoom (source), ==, max_zoom);
  g_clear_object (&tile);
  tile = shumate_tile_new_full (floor (shumate_map_source_get_x (SHUMATE_MAP_SOURCE (source),
                                                                 max_zoom + 1, west_lon) / 256),
                                floor (shumate_map_source_get_y (SHUMATE_MAP_SOURCE (source),
                                                                 max_zoom + 1, LINYI_LAT) / 256),
                                256, max_zoom + 1);
  error = fill_tile (SHUMATE_MAP_SOURCE (source), tile);
  g_assert_no_error (error);
  g_assert_true (colour_near (pixel_at (GDK_TEXTURE (shumate_tile_get_paintable (tile)),
                                        128, 128), west_colour));
  g_unlink (copy);
}

/* ---- (c) offline ---- */

static gboolean
is_online (gpointer basemap)
{
  return !xa_basemap_get_offline (basemap);
}

static void
wait_for_offline (XaBasemap *basemap,
                  gboolean   offline,
                  guint      seconds)
{
  xa_test_ui_spin_until (offline ? is_offline : is_online, basemap, seconds);
  g_assert_cmpint (xa_basemap_get_offline (basemap), ==, offline);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_offline_closed_port (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png",
                                          xa_test_closed_port ());
  g_autoptr(XaBasemap) basemap = NULL;
  g_autoptr(GError) error = NULL;
  ShumateMap *map;
  GtkWindow *window;
  guint notifications = 0;

  basemap = xa_basemap_new ("xyz", url, NULL, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (basemap, "notify::offline", G_CALLBACK (notify_count_cb), &notifications);
  window = map_window (&map);
  xa_basemap_attach (basemap, map);
  centre_map (map, LINYI_LAT, LINYI_LON, 12);

  wait_for_offline (basemap, TRUE, 30);
  g_assert_cmpuint (notifications, ==, 1);
  g_assert_nonnull (xa_basemap_get_offline_message (basemap));
  g_test_message ("offline message: %s", xa_basemap_get_offline_message (basemap));
  g_assert_true (strstr (xa_basemap_get_offline_message (basemap), "127.0.0.1") != NULL);
  /* Not one tile drawn: nothing to credit. */
  g_assert_false (xa_basemap_get_tiles_shown (basemap));
  {
    g_autoptr(GdkTexture) texture = NULL;

    xa_test_ui_spin (300);
    texture = xa_test_ui_try_render (GTK_WIDGET (window));
    g_assert_nonnull (texture);
    xa_test_ui_save_texture (texture, "basemap-offline");
  }
  close_window (window);
}

static void
test_offline_recovers (void)
{
  TileServer *server = tile_server_start ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/flaky/{z}/{x}/{tmsy}.png",
                                          server->port);
  g_autoptr(XaBasemap) basemap = NULL;
  g_autoptr(GError) error = NULL;
  ShumateMap *map;
  GtkWindow *window;

  server->failing = TRUE;
  basemap = xa_basemap_new ("xyz", url, NULL, NULL, &error);
  g_assert_no_error (error);
  window = map_window (&map);
  xa_basemap_attach (basemap, map);
  centre_map (map, LINYI_LAT, LINYI_LON, 11);
  wait_for_offline (basemap, TRUE, 30);
  g_test_message ("offline message: %s", xa_basemap_get_offline_message (basemap));
  g_assert_true (strstr (xa_basemap_get_offline_message (basemap), "503") != NULL);
  g_assert_false (xa_basemap_get_tiles_shown (basemap));

  /* The server is back: the next tiles load and the notice goes. */
  g_mutex_lock (&server->lock);
  server->failing = FALSE;
  g_mutex_unlock (&server->lock);
  centre_map (map, LINYI_LAT + 1.0, LINYI_LON + 1.0, 11);
  wait_for_offline (basemap, FALSE, 30);
  g_assert_null (xa_basemap_get_offline_message (basemap));
  assert_centre_colour (window, xyz_colour, 30, "basemap-recovered");
  /* Tiles drawn: now they are credited. */
  g_assert_true (xa_basemap_get_tiles_shown (basemap));

  close_window (window);
  g_clear_object (&basemap);
  tile_server_stop (server);
}

/* ---- (d) unusable choices ---- */

static void
assert_basemap_error (const char *kind,
                      const char *xyz_url,
                      const char *mbtiles_path,
                      const char *key,
                      GQuark      domain,
                      int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XaBasemap) basemap = xa_basemap_new (kind, xyz_url, mbtiles_path, key, &error);

  g_assert_null (basemap);
  g_assert_error (error, domain, code);
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_test_message ("%s: %s", kind, error->message);
}

static void
test_bad_inputs (void)
{
  g_autofree char *missing = xa_test_path ("missing.mbtiles");
  g_autofree char *garbage = xa_test_path ("garbage.mbtiles");
  g_autofree char *no_tiles = xa_test_path ("no-tiles.mbtiles");
  g_autofree char *empty = xa_test_path ("empty.mbtiles");
  g_autofree char *vector = xa_test_path ("vector.mbtiles");
  g_autoptr(XaBasemap) tianditu = NULL;
  g_autoptr(XaBasemap) osm = NULL;
  g_autoptr(XaBasemap) tms = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *sources;

  g_file_set_contents (garbage, "This is not a database, just some text.\n", -1, &error);
  g_assert_no_error (error);
  xa_test_sqlite_exec (no_tiles, "CREATE TABLE metadata (name TEXT, value TEXT);");
  xa_test_sqlite_exec (empty, "CREATE TABLE metadata (name TEXT, value TEXT);"
                   "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                   " tile_row INTEGER, tile_data BLOB);");
  xa_test_sqlite_exec (vector, "CREATE TABLE metadata (name TEXT, value TEXT);"
                    "INSERT INTO metadata VALUES ('format', 'pbf'), ('minzoom', '0'),"
                    " ('maxzoom', '0');"
                    "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                    " tile_row INTEGER, tile_data BLOB);"
                    "INSERT INTO tiles VALUES (0, 0, 0, x'1f8b0800');");

  assert_basemap_error ("mbtiles", NULL, missing, NULL,
                        XA_MBTILES_ERROR, XA_MBTILES_ERROR_NOT_FOUND);
  assert_basemap_error ("mbtiles", NULL, garbage, NULL,
                        XA_MBTILES_ERROR, XA_MBTILES_ERROR_NOT_MBTILES);
  assert_basemap_error ("mbtiles", NULL, no_tiles, NULL,
                        XA_MBTILES_ERROR, XA_MBTILES_ERROR_NOT_MBTILES);
  assert_basemap_error ("mbtiles", NULL, empty, NULL,
                        XA_MBTILES_ERROR, XA_MBTILES_ERROR_EMPTY);
  assert_basemap_error ("mbtiles", NULL, vector, NULL,
                        XA_MBTILES_ERROR, XA_MBTILES_ERROR_UNSUPPORTED_FORMAT);
  assert_basemap_error ("mbtiles", NULL, "", NULL,
                        XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_NO_MBTILES_FILE);
  assert_basemap_error ("mbtiles", NULL, NULL, NULL,
                        XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_NO_MBTILES_FILE);

  assert_basemap_error ("xyz", NULL, NULL, NULL,
                        XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_BAD_XYZ_ADDRESS);
  assert_basemap_error ("xyz", "https://tiles.example.org/{z}/{x}.png", NULL, NULL,
                        XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_BAD_XYZ_ADDRESS);
  assert_basemap_error ("xyz", "https://tiles.example.org/tile.png", NULL, NULL,
                        XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_BAD_XYZ_ADDRESS);
  assert_basemap_error ("xyz", "file:///srv/tiles/{z}/{x}/{y}.png", NULL, NULL,
                        XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_BAD_XYZ_ADDRESS);
  assert_basemap_error ("xyz", "tiles/{z}/{x}/{y}.png", NULL, NULL,
                        XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_BAD_XYZ_ADDRESS);

  assert_basemap_error ("tianditu", NULL, NULL, NULL,
                        XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_NO_TIANDITU_KEY);
  assert_basemap_error ("tianditu", NULL, NULL, "  ",
                        XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_NO_TIANDITU_KEY);
  assert_basemap_error ("satellite", NULL, NULL, NULL,
                        XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_UNKNOWN_KIND);

  /* The good choices are built without touching the network (never attached here). */
  tianditu = xa_basemap_new ("tianditu", NULL, NULL, "0123456789abcdef", &error);
  g_assert_no_error (error);
  sources = xa_basemap_get_layer_sources (tianditu);
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_cmpstr (shumate_map_source_get_id (g_ptr_array_index (sources, 0)), !=,
                   shumate_map_source_get_id (g_ptr_array_index (sources, 1)));
  g_assert_true (xa_basemap_get_reference_source (tianditu) == g_ptr_array_index (sources, 0));
  g_assert_cmpstr (xa_basemap_get_attribution (tianditu), !=, "");
  g_assert_nonnull (xa_basemap_get_license_uri (tianditu));
  {
    XaTileFetcher *fetcher = NULL;

    g_object_get (g_ptr_array_index (sources, 1), "data-source", &fetcher, NULL);
    g_assert_true (XA_IS_TILE_FETCHER (fetcher));
    g_assert_true (strstr (xa_tile_fetcher_get_url_template (fetcher), "T=cva_w") != NULL);
    g_assert_true (strstr (xa_tile_fetcher_get_url_template (fetcher),
                           "tk=0123456789abcdef") != NULL);
    g_object_unref (fetcher);
  }

  osm = xa_basemap_new ("osm", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strstr (xa_basemap_get_attribution (osm), "OpenStreetMap") != NULL);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (xa_basemap_get_reference_source (osm)),
                    ==, 19);

  tms = xa_basemap_new ("xyz", " https://{s}.tiles.example.org/{z}/{x}/{tmsy}.png ", NULL,
                        NULL, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{

  xa_test_init (&argc, &argv);

  /* The translations built in this tree, not the installed ones. */
  xa_test_ui_init_locale (NULL);

  /* The map view's template; without an XaApplication nothing pulls the resources out of
   * the static library. */
  (void) xa_get_resource ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/basemap/xyz", test_xyz);
  g_test_add_func ("/basemap/cache-purge", test_cache_purge);
  g_test_add_func ("/basemap/xyz-cache-key", test_xyz_cache_key);
  g_test_add_func ("/basemap/tianditu-max-zoom", test_tianditu_max_zoom);
  g_test_add_func ("/basemap/mbtiles", test_mbtiles);
  g_test_add_func ("/basemap/offline-closed-port", test_offline_closed_port);
  g_test_add_func ("/basemap/offline-recovers", test_offline_recovers);
  g_test_add_func ("/basemap/bad-inputs", test_bad_inputs);

  return g_test_run ();
}
