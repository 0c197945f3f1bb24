/* xa-meeting-pack-tiles.c — the basemap tiles of a meeting pack (see xa-meeting-pack.h):
 * which tiles a meeting needs around its compounds, each taken from the MBTiles file or the
 * viewed-tile cache on this machine (never downloaded), written as MBTiles tables into the
 * pack so that the MBTiles basemap reads it as it reads any MBTiles file. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xa-meeting-pack-private.h"

/* The city around the agenda's compounds at the overview levels, the streets around each
 * compound at the detail levels: what a meeting zooms through, a few hundred tiles. */
#define OVERVIEW_MIN_ZOOM 10
#define OVERVIEW_MAX_ZOOM 12
#define DETAIL_MAX_ZOOM 17
#define OVERVIEW_MARGIN_M 1500.0
#define DETAIL_RADIUS_M 500.0
#define METRES_PER_DEGREE 111320.0

static const char pack_tables[] =
  "CREATE TABLE metadata (name TEXT NOT NULL, value TEXT);"
  "CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL,"
  "  tile_row INTEGER NOT NULL, tile_data BLOB NOT NULL);"
  "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);";

static int
tile_x (double lon,
        int    z)
{
  int n = 1 << z;

  return CLAMP ((int) floor ((lon + 180.0) / 360.0 * n), 0, n - 1);
}

static int
tile_y (double lat,
        int    z)
{
  double rad = CLAMP (lat, -85.0511, 85.0511) * G_PI / 180.0;
  int n = 1 << z;

  return CLAMP ((int) floor ((1.0 - log (tan (rad) + 1.0 / cos (rad)) / G_PI) / 2.0 * n), 0,
                n - 1);
}

static void
want_box (GArray *wanted,
          int     z,
          double  min_lat,
          double  min_lon,
          double  max_lat,
          double  max_lon)
{
  for (int x = tile_x (min_lon, z); x <= tile_x (max_lon, z); x++)
    for (int y = tile_y (max_lat, z); y <= tile_y (min_lat, z); y++)
      {
        gint64 key = ((gint64) z << 48) | ((gint64) x << 24) | y;

        g_array_append_val (wanted, key);
      }
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @wanted and drops the tiles wanted twice (compounds side by side). */
static void
unique_keys (GArray *wanted)
{
  guint kept = 0;

  g_array_sort (wanted, compare_keys);
  for (guint i = 0; i < wanted->len; i++)
    if (kept == 0 || g_array_index (wanted, gint64, i) != g_array_index (wanted, gint64, kept - 1))
      g_array_index (wanted, gint64, kept++) = g_array_index (wanted, gint64, i);
  g_array_set_size (wanted, kept);
}

typedef struct
{
  sqlite3                  *mbtiles;
  sqlite3_stmt             *read;
  const char               *cache_dir;
  const char               *labels_cache_dir;
  XaMeetingPackComposeFunc  compose;
} TileReader;

static void
tile_reader_clear (TileReader *reader)
{
  g_clear_pointer (&reader->read, sqlite3_finalize);
  g_clear_pointer (&reader->mbtiles, sqlite3_close);
}

/* Tile @z/@x/@y of libshumate's cache in @dir, or NULL. */
static GBytes *
read_cached (const char *dir,
             int         z,
             int         x,
             int         y)
{
  g_autofree char *name = g_strdup_printf ("%d.png", y);
  g_autofree char *zs = g_strdup_printf ("%d", z);
  g_autofree char *xs = g_strdup_printf ("%d", x);
  g_autofree char *path = g_build_filename (dir, zs, xs, name, NULL);
  char *contents = NULL;
  gsize length = 0;

  if (g_file_get_contents (path, &contents, &length, NULL) && length > 0)
    return g_bytes_new_take (contents, length);
  g_free (contents);
  return NULL;
}

/* Tile @z/@x/@y (XYZ rows) from the MBTiles file, else from the cache (with the labels'
 * cache drawn over it); NULL when none has it. Nothing is ever fetched. */
static GBytes *
read_tile (TileReader *reader,
           int         z,
           int         x,
           int         y)
{
  if (reader->read != NULL)
    {
      GBytes *bytes = NULL;

      sqlite3_reset (reader->read);
      sqlite3_bind_int (reader->read, 1, z);
      sqlite3_bind_int (reader->read, 2, x);
      sqlite3_bind_int (reader->read, 3, (1 << z) - 1 - y);
      if (sqlite3_step (reader->read) == SQLITE_ROW && sqlite3_column_bytes (reader->read, 0) > 0)
        bytes = g_bytes_new (sqlite3_column_blob (reader->read, 0),
                             sqlite3_column_bytes (reader->read, 0));
      sqlite3_reset (reader->read);
      if (bytes != NULL)
        return bytes;
    }
  if (reader->cache_dir != NULL)
    {
      g_autoptr(GBytes) base = read_cached (reader->cache_dir, z, x, y);
      g_autoptr(GBytes) labels = NULL;
      GBytes *composed = NULL;

      if (base == NULL || reader->labels_cache_dir == NULL || reader->compose == NULL)
        return g_steal_pointer (&base);
      labels = read_cached (reader->labels_cache_dir, z, x, y);
      if (labels != NULL)
        composed = reader->compose (base, labels);
      return composed != NULL ? composed : g_steal_pointer (&base);
    }
  return NULL;
}

static gboolean
put_metadata (sqlite3     *db,
              const char  *name,
              const char  *value,
              GError     **error)
{
  return _xa_store_run (db, "Could not write the pack's metadata", error,
                        "INSERT INTO metadata (name, value) VALUES (?1, ?2)", "tt", name, value);
}

gboolean
_xa_meeting_pack_write_tiles (sqlite3                   *db,
                              gint64                     agenda_id,
                              const XaMeetingPackTiles  *tiles,
                              XaMeetingPackSummary      *summary,
                              GError                   **error)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *name = _xa_meeting_pack_query_text (db, "SELECT name FROM agenda WHERE id = ?1",
                                                        agenda_id);
  g_autofree char *format = NULL;
  g_autofree char *bounds = NULL;
  g_autofree char *agenda = g_strdup_printf ("%" G_GINT64_FORMAT, agenda_id);
  TileReader reader = { NULL, NULL, NULL, NULL, NULL };
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *insert = NULL;
  double min_lat = 90, min_lon = 180, max_lat = -90, max_lon = -180;
  gboolean ok = TRUE;

  if (!_xa_store_exec (db, pack_tables, error))
    return FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT lat, lon FROM compound", -1, &stmt, NULL) != SQLITE_OK)
    return _xa_store_set_sql_error (db, error, "Could not read the pack's compounds");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double lat = sqlite3_column_double (stmt, 0), lon = sqlite3_column_double (stmt, 1);
      double dlat = DETAIL_RADIUS_M / METRES_PER_DEGREE;
      double dlon = dlat / MAX (cos (lat * G_PI / 180.0), 0.1);

      min_lat = MIN (min_lat, lat);
      max_lat = MAX (max_lat, lat);
      min_lon = MIN (min_lon, lon);
      max_lon = MAX (max_lon, lon);
      for (int z = OVERVIEW_MAX_ZOOM + 1; z <= DETAIL_MAX_ZOOM; z++)
        want_box (order, z, lat - dlat, lon - dlon, lat + dlat, lon + dlon);
    }
  sqlite3_finalize (stmt);
  if (min_lat > max_lat)
    return TRUE;

  {
    double dlat = OVERVIEW_MARGIN_M / METRES_PER_DEGREE;
    double dlon = dlat / MAX (cos (min_lat * G_PI / 180.0), 0.1);

    min_lat -= dlat;
    max_lat += dlat;
    min_lon -= dlon;
    max_lon += dlon;
    for (int z = OVERVIEW_MIN_ZOOM; z <= OVERVIEW_MAX_ZOOM; z++)
      want_box (order, z, min_lat, min_lon, max_lat, max_lon);
  }
  unique_keys (order);
  summary->tiles_wanted = order->len;

  if (tiles != NULL && tiles->mbtiles_path != NULL && *tiles->mbtiles_path != '\0')
    {
      if (sqlite3_open_v2 (tiles->mbtiles_path, &reader.mbtiles, SQLITE_OPEN_READONLY, NULL)
          != SQLITE_OK
          || sqlite3_prepare_v2 (reader.mbtiles, "SELECT tile_data FROM tiles WHERE zoom_level = ?1"
                                 " AND tile_column = ?2 AND tile_row = ?3", -1, &reader.read,
                                 NULL) != SQLITE_OK)
        {
          g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_FAILED,
                       _("The MBTiles file %s cannot be read (%s). Choose another one in "
                         "Preferences, or export the pack without it."),
                       tiles->mbtiles_path,
                       reader.mbtiles != NULL ? sqlite3_errmsg (reader.mbtiles) : "");
          tile_reader_clear (&reader);
          return FALSE;
        }
      format = _xa_meeting_pack_query_text (reader.mbtiles,
                           "SELECT value FROM metadata WHERE lower (name) = 'format'", 0);
    }
  if (tiles != NULL)
    {
      reader.cache_dir = tiles->cache_dir;
      reader.labels_cache_dir = tiles->labels_cache_dir;
      reader.compose = tiles->compose;
    }

  if (sqlite3_prepare_v2 (db, "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data)"
                          " VALUES (?1, ?2, ?3, ?4)", -1, &insert, NULL) != SQLITE_OK)
    {
      tile_reader_clear (&reader);
      return _xa_store_set_sql_error (db, error, "Could not write the pack's tiles");
    }
  for (guint i = 0; ok && i < order->len; i++)
    {
      gint64 key = g_array_index (order, gint64, i);
      int z = (int) (key >> 48), x = (int) ((key >> 24) & 0xffffff), y = (int) (key & 0xffffff);
      g_autoptr(GBytes) bytes = read_tile (&reader, z, x, y);
      gsize size = 0;
      gconstpointer data;

      if (bytes == NULL)
        continue;
      data = g_bytes_get_data (bytes, &size);
      sqlite3_reset (insert);
      sqlite3_bind_int (insert, 1, z);
      sqlite3_bind_int (insert, 2, x);
      sqlite3_bind_int (insert, 3, (1 << z) - 1 - y);
      sqlite3_bind_blob (insert, 4, data, (int) size, SQLITE_STATIC);
      if (sqlite3_step (insert) != SQLITE_DONE)
        ok = _xa_store_set_sql_error (db, error, "Could not write the pack's tiles");
      else
        summary->tiles_found++;
      sqlite3_reset (insert);
    }
  sqlite3_finalize (insert);
  tile_reader_clear (&reader);
  if (!ok)
    return FALSE;

  {
    char b[4][G_ASCII_DTOSTR_BUF_SIZE];

    bounds = g_strdup_printf ("%s,%s,%s,%s", g_ascii_dtostr (b[0], sizeof b[0], min_lon),
                              g_ascii_dtostr (b[1], sizeof b[1], min_lat),
                              g_ascii_dtostr (b[2], sizeof b[2], max_lon),
                              g_ascii_dtostr (b[3], sizeof b[3], max_lat));
  }
  return put_metadata (db, "name", name != NULL ? name : "", error)
         && put_metadata (db, "type", "baselayer", error)
         && put_metadata (db, "format", format != NULL ? format : "png", error)
         && put_metadata (db, "minzoom", G_STRINGIFY (OVERVIEW_MIN_ZOOM), error)
         && put_metadata (db, "maxzoom", G_STRINGIFY (DETAIL_MAX_ZOOM), error)
         && put_metadata (db, "bounds", bounds, error)
         && (tiles == NULL || tiles->attribution == NULL
             || put_metadata (db, "attribution", tiles->attribution, error))
         && put_metadata (db, PACK_MARK, "1", error)
         && put_metadata (db, PACK_AGENDA, agenda, error);
}
