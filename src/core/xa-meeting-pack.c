/* xa-meeting-pack.c — see xa-meeting-pack.h. A pack is written by a fresh store's own
 * connection with the bureau's store attached, so the records go across with the very
 * columns they have, and the file is renamed into place only once everything is in it.
 * The pack keeps the bureau's server and last sync (its "data as of" stays true) but no
 * cursor and no outbox of the bureau's: it never syncs, and its outbox holds only what the
 * meeting decides. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "xa-meeting-pack.h"
#include "xa-store-edits-private.h"

G_DEFINE_QUARK (xa-meeting-pack-error-quark, xa_meeting_pack_error)

/* The city around the agenda's compounds at the overview levels, the streets around each
 * compound at the detail levels: what a meeting zooms through, a few hundred tiles. */
#define OVERVIEW_MIN_ZOOM 10
#define OVERVIEW_MAX_ZOOM 12
#define DETAIL_MAX_ZOOM 17
#define OVERVIEW_MARGIN_M 1500.0
#define DETAIL_RADIUS_M 500.0
#define METRES_PER_DEGREE 111320.0

/* The metadata row that tells a pack from an MBTiles file or a store. */
#define PACK_MARK "xiaoqu_atlas_pack"
#define PACK_AGENDA "xiaoqu_atlas_agenda"

static const char pack_tables[] =
  "CREATE TABLE metadata (name TEXT NOT NULL, value TEXT);"
  "CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL,"
  "  tile_row INTEGER NOT NULL, tile_data BLOB NOT NULL);"
  "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);";

/* The agenda's compounds and everything their records point at, from the attached store
 * "src" into this one; ?1 is the agenda. */
static const char * const copy_statements[] = {
  "CREATE TEMP TABLE pack_compound (id TEXT PRIMARY KEY)",
  "INSERT OR IGNORE INTO temp.pack_compound SELECT i.compound FROM src.agenda_item i"
  "  JOIN src.compound c ON c.id = i.compound WHERE i.agenda = ?1",
  "INSERT INTO main.store_server SELECT * FROM src.store_server",
  "INSERT INTO main.sync_state (server, cursor, last_sync)"
  "  SELECT server, NULL, last_sync FROM src.sync_state"
  "  WHERE server = (SELECT url FROM src.store_server)",
  "INSERT INTO main.district SELECT * FROM src.district WHERE id IN"
  "  (SELECT district FROM src.compound WHERE id IN (SELECT id FROM temp.pack_compound))",
  "INSERT INTO main.category SELECT * FROM src.category",
  "INSERT INTO main.compound SELECT * FROM src.compound"
  "  WHERE id IN (SELECT id FROM temp.pack_compound)",
  "INSERT INTO main.cadre SELECT * FROM src.cadre WHERE id IN (SELECT cadre FROM"
  "  src.cadre_compound WHERE compound IN (SELECT id FROM temp.pack_compound))",
  "INSERT INTO main.cadre_compound SELECT * FROM src.cadre_compound"
  "  WHERE compound IN (SELECT id FROM temp.pack_compound)",
  "INSERT INTO main.flood_check SELECT * FROM src.flood_check"
  "  WHERE compound IN (SELECT id FROM temp.pack_compound)",
  "INSERT INTO main.charging SELECT * FROM src.charging"
  "  WHERE compound IN (SELECT id FROM temp.pack_compound)",
  "INSERT INTO main.elevator SELECT * FROM src.elevator"
  "  WHERE compound IN (SELECT id FROM temp.pack_compound)",
  "INSERT INTO main.problem SELECT * FROM src.problem"
  "  WHERE compound IN (SELECT id FROM temp.pack_compound)",
  "INSERT INTO main.agenda (id, name, created_at, updated_at)"
  "  SELECT id, name, created_at, updated_at FROM src.agenda WHERE id = ?1",
  "INSERT INTO main.agenda_item SELECT * FROM src.agenda_item WHERE agenda = ?1",
  "INSERT INTO main.agenda_decision SELECT * FROM src.agenda_decision WHERE agenda = ?1",
};

static gboolean
set_failed (GError     **error,
            const char  *path,
            const char  *reason)
{
  g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_FAILED,
               /* Translators: %s the file, %s what went wrong */
               _("Could not write the meeting pack %s: %s. Nothing was written; check the "
                 "disk and try again."),
               path, reason);
  return FALSE;
}

static gboolean
exec_bound (sqlite3     *db,
            const char  *sql,
            gint64       agenda_id,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL, "%s", sqlite3_errmsg (db));
      return FALSE;
    }
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, agenda_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL, "%s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           gint64      agenda_id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, agenda_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql,
            gint64      agenda_id)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, agenda_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* ---- tiles ---------------------------------------------------------------------------- */

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

/* The tiles around the pack's compounds, from @tiles, into the tables of MBTiles. */
static gboolean
write_tiles (sqlite3                   *db,
             gint64                     agenda_id,
             const XaMeetingPackTiles  *tiles,
             XaMeetingPackSummary      *summary,
             GError                   **error)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *name = query_text (db, "SELECT name FROM agenda WHERE id = ?1", agenda_id);
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
      format = query_text (reader.mbtiles,
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

/* ---- writing -------------------------------------------------------------------------- */

static void
remove_with_companions (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* The records and tiles into the new store @pack. */
static gboolean
fill_pack (XaStore                   *pack,
           const char                *store_path,
           gint64                     agenda_id,
           const XaMeetingPackTiles  *tiles,
           XaMeetingPackSummary      *summary,
           GError                   **error)
{
  sqlite3 *db = _xa_store_get_db (pack);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (!_xa_store_run (db, "Could not read the records store", error, "ATTACH ?1 AS src", "t",
                      store_path))
    return FALSE;

  ok = _xa_store_exec (db, "BEGIN IMMEDIATE", &local_error);
  if (ok && query_int (db, "SELECT count (*) FROM src.agenda WHERE id = ?1 AND deleted = 0",
                       agenda_id) != 1)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, agenda_id);

      /* Translators: %s the agenda's number, %s the records file */
      g_set_error (&local_error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_NO_AGENDA,
                   _("There is no agenda %s in the records file %s. "
                     "Choose one of the saved agendas."),
                   number, store_path);
      ok = FALSE;
    }
  if (ok && query_int (db, "SELECT count (*) FROM src.store_server", 0) != 1)
    {
      g_set_error (&local_error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_NOT_SYNCED,
                   _("The records file %s was never synced from a records server, so a "
                     "meeting pack could not bring its decisions back. Sync first."),
                   store_path);
      ok = FALSE;
    }
  for (guint i = 0; ok && i < G_N_ELEMENTS (copy_statements); i++)
    ok = exec_bound (db, copy_statements[i], agenda_id, &local_error);
  if (ok)
    {
      summary->compounds = (guint) query_int (db, "SELECT count (*) FROM compound", 0);
      if (summary->compounds == 0)
        {
          g_set_error (&local_error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_EMPTY_AGENDA,
                       _("The agenda has no compounds of the records file on it. Add the "
                         "compounds to discuss first."));
          ok = FALSE;
        }
    }
  ok = ok && write_tiles (db, agenda_id, tiles, summary, &local_error);
  ok = ok && _xa_store_exec (db, "COMMIT", &local_error);
  if (!ok)
    _xa_store_exec (db, "ROLLBACK", NULL);
  _xa_store_exec (db, "DROP TABLE IF EXISTS temp.pack_compound", NULL);
  _xa_store_exec (db, "DETACH src", NULL);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

/* A pack is one self-contained file: no -wal beside it on a USB stick. */
static gboolean
make_self_contained (const char  *path,
                     GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;

  ok = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK
       && _xa_store_exec (db, "PRAGMA journal_mode = DELETE", error);
  if (db != NULL && !ok && error != NULL && *error == NULL)
    _xa_store_set_sql_error (db, error, "Could not finish the pack");
  sqlite3_close (db);
  return ok;
}

gboolean
xa_meeting_pack_write (const char                *store_path,
                       gint64                     agenda_id,
                       const XaMeetingPackTiles  *tiles,
                       const char                *output_path,
                       XaMeetingPackSummary      *summary,
                       GError                   **error)
{
  g_autoptr(XaStore) source = NULL;
  g_autoptr(XaStore) pack = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tmp = NULL;
  XaMeetingPackSummary local_summary = { 0 };
  int fd;

  g_return_val_if_fail (store_path != NULL, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (summary == NULL)
    summary = &local_summary;
  memset (summary, 0, sizeof *summary);

  /* Opened as a store first: a file that is none, or damaged, or older, is told or brought
   * up to date before anything of it is read. */
  if (!g_file_test (store_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_NOT_SYNCED,
                   _("There is no records file %s. Sync first, or give the file with --store."),
                   store_path);
      return FALSE;
    }
  source = xa_store_open (store_path, error);
  if (source == NULL)
    return FALSE;
  g_clear_object (&source);

  tmp = g_strconcat (output_path, ".XXXXXX", NULL);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved_errno = errno;

      return set_failed (error, output_path, g_strerror (saved_errno));
    }
  close (fd);

  pack = xa_store_open (tmp, &local_error);
  if (pack != NULL && fill_pack (pack, store_path, agenda_id, tiles, summary, &local_error))
    {
      g_clear_object (&pack);
      if (make_self_contained (tmp, &local_error))
        {
          if (g_rename (tmp, output_path) == 0)
            {
              g_autofree char *stray = g_strconcat (tmp, "-journal", NULL);

              g_unlink (stray);
              return TRUE;
            }
          {
            int saved_errno = errno;

            g_clear_error (&local_error);
            set_failed (&local_error, output_path, g_strerror (saved_errno));
          }
        }
    }
  g_clear_object (&pack);
  remove_with_companions (tmp);
  if (local_error->domain == XA_MEETING_PACK_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    set_failed (error, output_path, local_error->message);
  return FALSE;
}

/* ---- reading -------------------------------------------------------------------------- */

static gboolean
not_a_pack (GError     **error,
            const char  *path,
            const char  *why)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_NOT_A_PACK,
               /* Translators: %s the file's name, %s why it cannot be read */
               _("“%s” is not a meeting pack that can be read: %s. Nothing was changed. Copy "
                 "the pack again, or export it again on the bureau’s computer."),
               name, why);
  return FALSE;
}

/* The pack's checks on a connection that has it as schema @schema ("main" or "pack"). */
static gboolean
check_schema (sqlite3     *db,
              const char  *schema,
              const char  *path,
              gint64      *out_agenda_id,
              char       **out_server,
              GError     **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *check = NULL;
  g_autofree char *agenda = NULL;
  g_autofree char *server = NULL;
  gint64 version, agenda_id = 0;

  sql = g_strdup_printf ("PRAGMA %s.quick_check", schema);
  check = query_text (db, sql, 0);
  if (g_strcmp0 (check, "ok") != 0)
    return not_a_pack (error, path, check != NULL ? check : sqlite3_errmsg (db));
  g_free (sql);
  sql = g_strdup_printf ("PRAGMA %s.user_version", schema);
  version = query_int (db, sql, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT value FROM %s.metadata WHERE name = '" PACK_AGENDA "'"
                         " AND EXISTS (SELECT 1 FROM %s.metadata WHERE name = '" PACK_MARK "')",
                         schema, schema);
  agenda = query_text (db, sql, 0);
  if (version < 6 || agenda == NULL)
    return not_a_pack (error, path, _("it is no meeting pack of Xiaoqu Atlas"));
  if (version > 7)
    return not_a_pack (error, path, _("it was written by a newer version of Xiaoqu Atlas"));
  agenda_id = g_ascii_strtoll (agenda, NULL, 10);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM %s.agenda WHERE id = ?1", schema);
  if (query_int (db, sql, agenda_id) != 1)
    return not_a_pack (error, path, _("its agenda is missing"));
  g_free (sql);
  sql = g_strdup_printf ("SELECT url FROM %s.store_server", schema);
  server = query_text (db, sql, 0);
  if (server == NULL)
    return not_a_pack (error, path, _("it names no records server"));
  if (out_agenda_id != NULL)
    *out_agenda_id = agenda_id;
  if (out_server != NULL)
    *out_server = g_steal_pointer (&server);
  return TRUE;
}

gboolean
xa_meeting_pack_check (const char  *path,
                       gint64      *out_agenda_id,
                       char       **out_server,
                       GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return not_a_pack (error, path, _("there is no such file"));
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      ok = not_a_pack (error, path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return ok;
    }
  ok = check_schema (db, "main", path, out_agenda_id, out_server, error);
  sqlite3_close (db);
  return ok;
}

gboolean
xa_meeting_pack_is_pack (const char *path)
{
  g_autofree char *mark = NULL;
  sqlite3 *db = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    mark = query_text (db, "SELECT value FROM metadata WHERE name = '" PACK_MARK "'", 0);
  sqlite3_close (db);
  return mark != NULL;
}

gboolean
xa_meeting_pack_has_suffix (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return g_str_has_suffix (path, XA_MEETING_PACK_SUFFIX);
}

/* ---- importing ------------------------------------------------------------------------ */

typedef struct
{
  char         *type;
  char         *id;
  char         *fields;
  char         *key;
  gint64        base_version;
  gint64        created_at;
} PackEntry;

static void
pack_entry_free (gpointer data)
{
  PackEntry *entry = data;

  g_free (entry->type);
  g_free (entry->id);
  g_free (entry->fields);
  g_free (entry->key);
  g_free (entry);
}

static GPtrArray *
read_pack_entries (sqlite3  *db,
                   GError  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (pack_entry_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT record_type, record_id, fields, idempotency_key, "
                          "base_version, created_at FROM pack.outbox WHERE state = 'pending' "
                          "ORDER BY local_id", -1, &stmt, NULL) != SQLITE_OK)
    {
      _xa_store_set_sql_error (db, error, "Could not read the pack's decisions");
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PackEntry *entry = g_new0 (PackEntry, 1);

      entry->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry->id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->fields = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->key = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->base_version = sqlite3_column_int64 (stmt, 4);
      entry->created_at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _xa_store_set_sql_error (db, error, "Could not read the pack's decisions");
      return NULL;
    }
  return g_steal_pointer (&entries);
}

static gboolean
key_known (sqlite3    *db,
           const char *key)
{
  sqlite3_stmt *stmt = NULL;
  gboolean known = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT EXISTS (SELECT 1 FROM main.outbox WHERE idempotency_key"
                          " = ?1) OR EXISTS (SELECT 1 FROM main.agenda_decision WHERE "
                          "idempotency_key = ?1) OR EXISTS (SELECT 1 FROM main.imported_edit "
                          "WHERE idempotency_key = ?1)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    known = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  return known;
}

/* The entries, their decisions and the agenda they belong to, inside the transaction. */
static gboolean
import_entries (sqlite3    *db,
                gint64      agenda_id,
                GPtrArray  *entries,
                guint      *imported,
                guint      *skipped,
                GError    **error)
{
  /* The meeting's agenda comes along when this store has no agenda of that id (a pack
   * taken to another of the bureau's machines). */
  if (query_int (db, "SELECT count (*) FROM main.agenda WHERE id = ?1", agenda_id) == 0
      && (!exec_bound (db, "INSERT INTO main.agenda SELECT * FROM pack.agenda WHERE id = ?1",
                       agenda_id, error)
          || !exec_bound (db, "INSERT INTO main.agenda_item SELECT * FROM pack.agenda_item "
                          "WHERE agenda = ?1", agenda_id, error)))
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      PackEntry *entry = g_ptr_array_index (entries, i);
      XaRecordType type;

      if (key_known (db, entry->key))
        {
          (*skipped)++;
          continue;
        }
      if (!xa_record_type_from_string (entry->type, &type))
        {
          g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
                       "The pack holds an edit of an unknown kind of record (%s)", entry->type);
          return FALSE;
        }
      if (!_xa_store_import_entry (db, type, entry->id, entry->fields, entry->base_version,
                                   entry->key, entry->created_at, error)
          || !_xa_store_run (db, "Could not copy a meeting decision", error,
                             "INSERT INTO main.agenda_decision (agenda, compound, problem, kind,"
                             " note, responsible_party, deadline, tier, decided_at, "
                             "idempotency_key) SELECT agenda, compound, problem, kind, note, "
                             "responsible_party, deadline, tier, decided_at, idempotency_key "
                             "FROM pack.agenda_decision WHERE idempotency_key = ?1", "t",
                             entry->key)
          || !_xa_store_run (db, "Could not copy a meeting decision", error,
                             "INSERT INTO main.imported_edit (idempotency_key, imported_at) "
                             "VALUES (?1, CAST (strftime ('%s') AS INTEGER))", "t", entry->key))
        return FALSE;
      (*imported)++;
    }
  return TRUE;
}

gboolean
xa_meeting_pack_import (const char  *pack_path,
                        const char  *store_path,
                        guint       *out_imported,
                        guint       *out_skipped,
                        GError     **error)
{
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *pack_server = NULL;
  g_autofree char *server = NULL;
  g_autofree char *canonical_pack = NULL;
  g_autofree char *canonical_store = NULL;
  guint imported = 0, skipped = 0;
  gint64 agenda_id = 0;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (pack_path != NULL, FALSE);
  g_return_val_if_fail (store_path != NULL, FALSE);

  canonical_pack = g_canonicalize_filename (pack_path, NULL);
  canonical_store = g_canonicalize_filename (store_path, NULL);
  if (g_str_equal (canonical_pack, canonical_store))
    {
      g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_OTHER_SERVER,
                   _("The meeting pack is the records file itself: open the bureau’s records "
                     "to bring its decisions back."));
      return FALSE;
    }
  if (!xa_meeting_pack_check (pack_path, &agenda_id, &pack_server, error))
    return FALSE;

  store = xa_store_open (store_path, error);
  if (store == NULL)
    return FALSE;
  server = xa_store_dup_server (store);
  if (g_strcmp0 (server, pack_server) != 0)
    {
      g_autofree char *name = g_filename_display_basename (pack_path);

      g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_OTHER_SERVER,
                   /* Translators: the pack's name, its server, the records' server */
                   _("The meeting pack “%s” holds records of the server at %s, but these "
                     "records are of %s. Nothing was imported: open the pack where the records "
                     "of its server are kept."),
                   name, pack_server, server != NULL ? server : _("no server"));
      return FALSE;
    }

  db = _xa_store_get_db (store);
  if (!_xa_store_run (db, "Could not read the meeting pack", &local_error, "ATTACH ?1 AS pack",
                      "t", pack_path))
    return set_failed (error, pack_path, local_error->message);
  /* Checked again through this connection: the file may have changed since. */
  ok = check_schema (db, "pack", pack_path, &agenda_id, NULL, &local_error)
       && _xa_store_exec (db, "BEGIN IMMEDIATE", &local_error);
  if (ok)
    {
      entries = read_pack_entries (db, &local_error);
      ok = entries != NULL
           && import_entries (db, agenda_id, entries, &imported, &skipped, &local_error)
           && _xa_store_exec (db, "COMMIT", &local_error);
      if (!ok)
        _xa_store_exec (db, "ROLLBACK", NULL);
    }
  _xa_store_exec (db, "DETACH pack", NULL);
  if (!ok)
    {
      if (local_error->domain == XA_MEETING_PACK_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (local_error->domain == XA_STORE_ERROR
               && local_error->code == XA_STORE_ERROR_SQL
               && g_str_has_prefix (local_error->message, "Could not read"))
        not_a_pack (error, pack_path, local_error->message);
      else
        g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_FAILED,
                     _("The decisions of the meeting pack could not be brought back (%s). "
                       "Nothing was changed."),
                     local_error->message);
      return FALSE;
    }
  if (imported > 0)
    _xa_store_outbox_changed (store);
  if (out_imported != NULL)
    *out_imported = imported;
  if (out_skipped != NULL)
    *out_skipped = skipped;
  return TRUE;
}
