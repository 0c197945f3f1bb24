/* xa-mbtiles-source.c — see xa-mbtiles-source.h. Tiles are read and decoded in GTask's
 * thread pool, each read on its own sqlite connection (connections are never shared between
 * threads); only the tile itself is touched on the main thread. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "xa-mbtiles-source.h"

/* libshumate's viewport stops at zoom 20; past the file's deepest level tiles are enlarged. */
#define OVERZOOM_MAX_ZOOM 20

struct _XaMbtilesSource
{
  ShumateMapSource parent_instance;

  char            *path;
  char            *format;
  char            *attribution;
  guint            data_min_zoom;
  guint            data_max_zoom;
  gboolean         has_bounds;
  double           west, south, east, north;
};

G_DEFINE_FINAL_TYPE (XaMbtilesSource, xa_mbtiles_source, SHUMATE_TYPE_MAP_SOURCE)
G_DEFINE_QUARK (xa-mbtiles-error-quark, xa_mbtiles_error)

enum
{
  LOAD_RESULT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a worker thread needs, copied so that it never touches the GObject. */
typedef struct
{
  char  *path;
  int    x, y, z;
  guint  data_min_zoom;
  guint  data_max_zoom;
  guint  tile_size;
  gboolean has_bounds;
  double west, south, east, north;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_free (job->path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadJob, read_job_free)

/* Whether tile @x, @y at zoom @z lies wholly outside the file's bounds: then there is no
 * need to look for it, nor for shallower tiles covering it. */
static gboolean
outside_bounds (const ReadJob *job)
{
  double n = 1 << job->z;
  double west = job->x / n * 360.0 - 180.0;
  double east = (job->x + 1) / n * 360.0 - 180.0;
  double north = atan (sinh (G_PI * (1 - 2 * job->y / n))) * 180.0 / G_PI;
  double south = atan (sinh (G_PI * (1 - 2 * (job->y + 1) / n))) * 180.0 / G_PI;

  return job->has_bounds
         && (east < job->west || west > job->east || north < job->south || south > job->north);
}

static sqlite3 *
open_database (const char  *path,
               GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  /* NOMUTEX: each connection lives on one thread only. */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, XA_MBTILES_ERROR, XA_MBTILES_ERROR_NOT_FOUND,
                   _("The MBTiles file “%s” cannot be opened: %s."),
                   path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 2000);
  return db;
}

/* Reads the blob of one TMS-addressed tile; NULL without an error when there is none. */
static GBytes *
read_tile_blob (sqlite3  *db,
                int       z,
                int       column,
                int       tms_row,
                GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT tile_data FROM tiles"
                           " WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, z);
      sqlite3_bind_int (stmt, 2, column);
      sqlite3_bind_int (stmt, 3, tms_row);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const void *blob = sqlite3_column_blob (stmt, 0);
          int size = sqlite3_column_bytes (stmt, 0);

          if (blob != NULL && size > 0)
            bytes = g_bytes_new (blob, size);
          rc = SQLITE_DONE;
        }
    }
  /* SQLite's own words: the caller says which file and what to do. */
  if (rc != SQLITE_DONE)
    g_set_error_literal (error, XA_MBTILES_ERROR, XA_MBTILES_ERROR_READ, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return bytes;
}

/* Samples the square (@ox, @oy, @side) of @texture (in its pixels, possibly fractional)
 * bilinearly into a new @size × @size texture. Premultiplied pixels interpolate correctly. */
static GdkTexture *
enlarge_region (GdkTexture *texture,
                double      ox,
                double      oy,
                double      side,
                guint       size)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize src_stride = (gsize) width * 4;
  gsize dst_stride = (gsize) size * 4;
  g_autofree guchar *src = g_malloc ((gsize) height * src_stride);
  guchar *dst = g_malloc ((gsize) size * dst_stride);
  g_autoptr(GBytes) bytes = NULL;
  double scale = side / size;

  gdk_texture_download (texture, src, src_stride);
  for (guint j = 0; j < size; j++)
    {
      double sy = CLAMP (oy + (j + 0.5) * scale - 0.5, 0, height - 1);
      int y0 = (int) sy;
      int y1 = MIN (y0 + 1, height - 1);
      double fy = sy - y0;

      for (guint i = 0; i < size; i++)
        {
          double sx = CLAMP (ox + (i + 0.5) * scale - 0.5, 0, width - 1);
          int x0 = (int) sx;
          int x1 = MIN (x0 + 1, width - 1);
          double fx = sx - x0;
          const guchar *p00 = src + y0 * src_stride + x0 * 4;
          const guchar *p01 = src + y0 * src_stride + x1 * 4;
          const guchar *p10 = src + y1 * src_stride + x0 * 4;
          const guchar *p11 = src + y1 * src_stride + x1 * 4;
          guchar *out = dst + j * dst_stride + i * 4;

          for (int c = 0; c < 4; c++)
            {
              double top = p00[c] + (p01[c] - p00[c]) * fx;
              double bottom = p10[c] + (p11[c] - p10[c]) * fx;

              out[c] = (guchar) CLAMP (lround (top + (bottom - top) * fy), 0, 255);
            }
        }
    }

  bytes = g_bytes_new_take (dst, (gsize) size * dst_stride);
  return gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes, dst_stride);
}

/* Worker thread: finds the tile, or the nearest shallower tile covering it, and decodes it.
 * gdk_texture_new_from_bytes() is documented as safe to call from any thread. */
static void
read_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ReadJob *job = task_data;
  GError *error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  sqlite3 *db;
  int level;
  int depth = 0;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (outside_bounds (job))
    {
      g_task_return_new_error (task, XA_MBTILES_ERROR, XA_MBTILES_ERROR_NO_TILE,
                               "No tile at %d/%d/%d", job->z, job->x, job->y);
      return;
    }

  if (sqlite3_open_v2 (job->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL)
      != SQLITE_OK)
    {
      g_task_return_new_error (task, XA_MBTILES_ERROR, XA_MBTILES_ERROR_READ, "%s",
                               db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return;
    }

  /* Past the deepest level, and in holes of sparse files, a shallower tile is enlarged. */
  for (level = MIN (job->z, (int) job->data_max_zoom); level >= (int) job->data_min_zoom; level--)
    {
      depth = job->z - level;
      bytes = read_tile_blob (db, level, job->x >> depth, ((1 << level) - 1) - (job->y >> depth),
                              &error);
      if (bytes != NULL || error != NULL)
        break;
    }
  sqlite3_close (db);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (bytes == NULL)
    {
      g_task_return_new_error (task, XA_MBTILES_ERROR, XA_MBTILES_ERROR_NO_TILE,
                               "No tile at %d/%d/%d", job->z, job->x, job->y);
      return;
    }

  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      g_task_return_new_error (task, XA_MBTILES_ERROR, XA_MBTILES_ERROR_READ,
                               _("a tile is not a readable image: %s"),
                               error->message);
      g_error_free (error);
      return;
    }

  if (depth > 0)
    {
      /* A tile at @depth levels deeper covers 1 / 2^depth of the found tile's side. */
      double side = (double) gdk_texture_get_width (texture) / (1 << depth);
      int mask = (1 << depth) - 1;
      GdkTexture *enlarged = enlarge_region (texture, (job->x & mask) * side,
                                             (job->y & mask) * side, side, job->tile_size);

      g_object_unref (texture);
      texture = enlarged;
    }

  g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
}

/* Main thread: hands the texture to the tile and completes the caller's task. */
static void
read_tile_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  XaMbtilesSource *self = XA_MBTILES_SOURCE (source);
  g_autoptr(GTask) task = user_data;
  ShumateTile *tile = g_task_get_task_data (task);
  g_autoptr(GdkTexture) texture = NULL;
  GError *error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gboolean readable = g_error_matches (error, XA_MBTILES_ERROR, XA_MBTILES_ERROR_NO_TILE);

          if (!readable)
            g_debug ("mbtiles: %s", error->message);
          g_signal_emit (self, signals[LOAD_RESULT], 0, readable, error);
        }
      g_task_return_error (task, error);
      return;
    }

  shumate_tile_set_paintable (tile, GDK_PAINTABLE (texture));
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  g_signal_emit (self, signals[LOAD_RESULT], 0, TRUE, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
xa_mbtiles_source_fill_tile_async (ShumateMapSource    *source,
                                   ShumateTile         *tile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  XaMbtilesSource *self = XA_MBTILES_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read = NULL;
  ReadJob *job;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, xa_mbtiles_source_fill_tile_async);
  g_task_set_task_data (task, g_object_ref (tile), g_object_unref);

  job = g_new0 (ReadJob, 1);
  job->path = g_strdup (self->path);
  job->x = shumate_tile_get_x (tile);
  job->y = shumate_tile_get_y (tile);
  job->z = shumate_tile_get_zoom_level (tile);
  job->data_min_zoom = self->data_min_zoom;
  job->data_max_zoom = self->data_max_zoom;
  job->tile_size = shumate_map_source_get_tile_size (source);
  job->has_bounds = self->has_bounds;
  job->west = self->west;
  job->south = self->south;
  job->east = self->east;
  job->north = self->north;

  read = g_task_new (self, cancellable, read_tile_cb, g_steal_pointer (&task));
  g_task_set_source_tag (read, read_tile_thread);
  g_task_set_task_data (read, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (read, read_tile_thread);
}

static gboolean
xa_mbtiles_source_fill_tile_finish (ShumateMapSource  *source,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
xa_mbtiles_source_finalize (GObject *object)
{
  XaMbtilesSource *self = XA_MBTILES_SOURCE (object);

  g_free (self->path);
  g_free (self->format);
  g_free (self->attribution);

  G_OBJECT_CLASS (xa_mbtiles_source_parent_class)->finalize (object);
}

static void
xa_mbtiles_source_class_init (XaMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->finalize = xa_mbtiles_source_finalize;
  source_class->fill_tile_async = xa_mbtiles_source_fill_tile_async;
  source_class->fill_tile_finish = xa_mbtiles_source_fill_tile_finish;

  signals[LOAD_RESULT] =
    g_signal_new ("load-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_ERROR);
}

static void
xa_mbtiles_source_init (XaMbtilesSource *self)
{
}

/* Metadata values are often HTML links ("<a href=…>© OpenStreetMap</a>"); the map shows
 * plain text, so tags go and the common entities are decoded. */
static char *
strip_html (const char *html)
{
  static const char *entities[][2] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&#39;", "'" }, { "&apos;", "'" }, { "&nbsp;", " " }, { "&copy;", "©" },
  };
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_tag = FALSE;
  gboolean space = FALSE;

  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        in_tag = FALSE;
      else if (!in_tag && g_ascii_isspace (*p))
        space = text->len > 0;
      else if (!in_tag)
        {
          if (space)
            g_string_append_c (text, ' ');
          space = FALSE;
          g_string_append_c (text, *p);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    g_string_replace (text, entities[i][0], entities[i][1], 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
parse_zoom (const char *value,
            guint      *zoom)
{
  g_autofree char *trimmed = value != NULL ? g_strstrip (g_strdup (value)) : NULL;
  guint64 number;

  if (trimmed == NULL || !g_ascii_string_to_unsigned (trimmed, 10, 0, 30, &number, NULL))
    return FALSE;
  *zoom = (guint) number;
  return TRUE;
}

static void
parse_bounds (XaMbtilesSource *self,
              const char      *value)
{
  g_auto(GStrv) parts = NULL;
  double numbers[4];

  if (value == NULL)
    return;
  parts = g_strsplit (value, ",", -1);
  if (g_strv_length (parts) != 4)
    return;
  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;

      numbers[i] = g_ascii_strtod (parts[i], &end);
      if (end == parts[i])
        return;
    }
  if (numbers[0] >= numbers[2] || numbers[1] >= numbers[3])
    return;
  self->west = numbers[0];
  self->south = numbers[1];
  self->east = numbers[2];
  self->north = numbers[3];
  self->has_bounds = TRUE;
}

static const char *
sniff_format (GBytes *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "jpg";
  return NULL;
}

/* Reads one row of one column as text; NULL when the query has no row. */
static char *
query_text (sqlite3    *db,
            const char *sql,
            int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, 0);

          text = g_strdup (value != NULL ? value : "");
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc_out != NULL)
    *rc_out = rc;
  return text;
}

/* The first tile of level @zoom, or NULL when the level has none. */
static GBytes *
read_sample (sqlite3 *db,
             guint    zoom)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *sample = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT tile_data FROM tiles WHERE zoom_level = ? LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, zoom);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) > 0)
        sample = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return sample;
}

/* The metadata table as name → value (empty when the file has none: it is often left out). */
static GHashTable *
read_metadata (sqlite3 *db)
{
  GHashTable *metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name, value FROM metadata", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *name = (const char *) sqlite3_column_text (stmt, 0);
        const char *value = (const char *) sqlite3_column_text (stmt, 1);

        if (name != NULL && value != NULL)
          g_hash_table_insert (metadata, g_ascii_strdown (name, -1), g_strdup (value));
      }
  sqlite3_finalize (stmt);
  return metadata;
}

/* An id unique to the file and its contents: libshumate caches tiles in memory by source
 * id, so a replaced file must not show the old file's tiles. */
static char *
make_source_id (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *absolute = g_file_get_path (file);
  g_autofree char *hash = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_string_append (key, absolute);
  if (info != NULL)
    g_string_append_printf (key, "|%" G_GINT64_FORMAT "|%" G_GUINT64_FORMAT,
                            g_file_info_get_size (info),
                            g_file_info_get_attribute_uint64 (info,
                                                              G_FILE_ATTRIBUTE_TIME_MODIFIED));
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key->str, key->len);
  hash[16] = '\0';
  return g_strconcat ("xa-mbtiles-", hash, NULL);
}

static gboolean
load_metadata (XaMbtilesSource  *self,
               GError          **error)
{
  g_autoptr(GHashTable) metadata = NULL;
  g_autoptr(GBytes) sample = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tiles = NULL;
  g_autofree char *display_name = g_filename_display_name (self->path);
  g_autofree char *id = NULL;
  const char *format, *name, *attribution;
  guint min_zoom, max_zoom;
  sqlite3 *db;
  int rc;

  if (!g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, XA_MBTILES_ERROR, XA_MBTILES_ERROR_NOT_FOUND,
                   _("The MBTiles file “%s” does not exist. Choose another file in "
                     "Preferences."), display_name);
      return FALSE;
    }

  db = open_database (self->path, error);
  if (db == NULL)
    return FALSE;

  tiles = query_text (db, "SELECT name FROM sqlite_master"
                          " WHERE name = 'tiles' AND type IN ('table', 'view')", &rc);
  if (rc != SQLITE_OK || tiles == NULL)
    {
      g_set_error (error, XA_MBTILES_ERROR, XA_MBTILES_ERROR_NOT_MBTILES,
                   rc != SQLITE_OK
                   ? _("“%s” is not an MBTiles file: it is not an SQLite database.")
                   : _("“%s” is not an MBTiles file: it has no table of tiles."),
                   display_name);
      sqlite3_close (db);
      return FALSE;
    }

  metadata = read_metadata (db);
  min_zoom = 0;
  max_zoom = 0;
  if (!parse_zoom (g_hash_table_lookup (metadata, "minzoom"), &min_zoom)
      || !parse_zoom (g_hash_table_lookup (metadata, "maxzoom"), &max_zoom)
      || min_zoom > max_zoom)
    {
      g_autofree char *low = query_text (db, "SELECT MIN(zoom_level) FROM tiles", NULL);
      g_autofree char *high = query_text (db, "SELECT MAX(zoom_level) FROM tiles", NULL);

      if (!parse_zoom (low, &min_zoom) || !parse_zoom (high, &max_zoom))
        {
          g_set_error (error, XA_MBTILES_ERROR, XA_MBTILES_ERROR_EMPTY,
                       _("The MBTiles file “%s” holds no tiles."), display_name);
          sqlite3_close (db);
          return FALSE;
        }
    }

  /* One tile tells the size and, when the metadata does not, the format. Metadata may
   * claim a deeper level than the file holds: then the deepest one it holds is the one
   * enlarged past. */
  sample = read_sample (db, max_zoom);
  if (sample == NULL)
    {
      g_autofree char *high = query_text (db, "SELECT MAX(zoom_level) FROM tiles", NULL);
      guint stored;

      if (parse_zoom (high, &stored) && stored < max_zoom)
        {
          max_zoom = stored;
          min_zoom = MIN (min_zoom, max_zoom);
          sample = read_sample (db, max_zoom);
        }
    }
  sqlite3_close (db);
  self->data_min_zoom = min_zoom;
  self->data_max_zoom = max_zoom;

  if (sample == NULL)
    {
      g_set_error (error, XA_MBTILES_ERROR, XA_MBTILES_ERROR_EMPTY,
                   _("The MBTiles file “%s” holds no tiles."), display_name);
      return FALSE;
    }

  format = g_hash_table_lookup (metadata, "format");
  if (format == NULL || *format == '\0')
    format = sniff_format (sample);
  if (g_strcmp0 (format, "jpeg") == 0)
    format = "jpg";
  if (g_strcmp0 (format, "png") != 0 && g_strcmp0 (format, "jpg") != 0)
    {
      g_set_error (error, XA_MBTILES_ERROR, XA_MBTILES_ERROR_UNSUPPORTED_FORMAT,
                   _("The MBTiles file “%s” holds tiles in the format “%s”; only PNG and "
                     "JPEG images can be shown. Make the file with PNG or JPEG tiles."),
                   display_name, format != NULL ? format : _("unknown"));
      return FALSE;
    }
  self->format = g_strdup (format);

  texture = gdk_texture_new_from_bytes (sample, &local_error);
  if (texture == NULL || gdk_texture_get_width (texture) != gdk_texture_get_height (texture))
    {
      g_set_error (error, XA_MBTILES_ERROR, XA_MBTILES_ERROR_UNSUPPORTED_FORMAT,
                   _("The tiles of the MBTiles file “%s” cannot be read as images."),
                   display_name);
      return FALSE;
    }
  shumate_map_source_set_tile_size (SHUMATE_MAP_SOURCE (self), gdk_texture_get_width (texture));

  parse_bounds (self, g_hash_table_lookup (metadata, "bounds"));
  attribution = g_hash_table_lookup (metadata, "attribution");
  if (attribution != NULL)
    {
      self->attribution = strip_html (attribution);
      if (*self->attribution == '\0')
        g_clear_pointer (&self->attribution, g_free);
    }

  name = g_hash_table_lookup (metadata, "name");
  if (name == NULL || *name == '\0')
    {
      g_autofree char *basename = g_path_get_basename (self->path);

      shumate_map_source_set_name (SHUMATE_MAP_SOURCE (self), basename);
    }
  else
    shumate_map_source_set_name (SHUMATE_MAP_SOURCE (self), name);

  id = make_source_id (self->path);
  shumate_map_source_set_id (SHUMATE_MAP_SOURCE (self), id);
  shumate_map_source_set_license (SHUMATE_MAP_SOURCE (self), self->attribution);
  shumate_map_source_set_projection (SHUMATE_MAP_SOURCE (self), SHUMATE_MAP_PROJECTION_MERCATOR);
  /* The source accepts zooms around the file's own: shallower ones show the plain
   * background (so the whole city still fits), deeper ones enlarge the deepest tiles. */
  shumate_map_source_set_min_zoom_level (SHUMATE_MAP_SOURCE (self), 0);
  shumate_map_source_set_max_zoom_level (SHUMATE_MAP_SOURCE (self), OVERZOOM_MAX_ZOOM);
  return TRUE;
}

XaMbtilesSource *
xa_mbtiles_source_new (const char  *path,
                       GError     **error)
{
  g_autoptr(XaMbtilesSource) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (XA_TYPE_MBTILES_SOURCE, NULL);
  self->path = g_strdup (path);
  if (!load_metadata (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
xa_mbtiles_source_get_path (XaMbtilesSource *self)
{
  g_return_val_if_fail (XA_IS_MBTILES_SOURCE (self), NULL);

  return self->path;
}

const char *
xa_mbtiles_source_get_format (XaMbtilesSource *self)
{
  g_return_val_if_fail (XA_IS_MBTILES_SOURCE (self), NULL);

  return self->format;
}

guint
xa_mbtiles_source_get_data_min_zoom (XaMbtilesSource *self)
{
  g_return_val_if_fail (XA_IS_MBTILES_SOURCE (self), 0);

  return self->data_min_zoom;
}

guint
xa_mbtiles_source_get_data_max_zoom (XaMbtilesSource *self)
{
  g_return_val_if_fail (XA_IS_MBTILES_SOURCE (self), 0);

  return self->data_max_zoom;
}

gboolean
xa_mbtiles_source_get_bounds (XaMbtilesSource *self,
                              double          *west,
                              double          *south,
                              double          *east,
                              double          *north)
{
  g_return_val_if_fail (XA_IS_MBTILES_SOURCE (self), FALSE);

  if (!self->has_bounds)
    return FALSE;
  if (west != NULL)
    *west = self->west;
  if (south != NULL)
    *south = self->south;
  if (east != NULL)
    *east = self->east;
  if (north != NULL)
    *north = self->north;
  return TRUE;
}

const char *
xa_mbtiles_source_get_attribution (XaMbtilesSource *self)
{
  g_return_val_if_fail (XA_IS_MBTILES_SOURCE (self), NULL);

  return self->attribution;
}
