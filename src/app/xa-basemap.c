/* xa-basemap.c — see xa-basemap.h. libshumate 1.0 swallows tile errors, so the sources
 * here report every load (XaTileFetcher, XaMbtilesSource "load-result") and the basemap
 * counts failures in a row to tell "offline" from a tile that is merely missing. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xa-basemap.h"
#include "xa-basemap-private.h"
#include "xa-mbtiles-source.h"
#include "xa-tile-fetcher.h"
#include "xa-web-address.h"

/* One failed tile is often a slow server; three in a row with none loaded in between is a
 * basemap that does not load. */
#define FAILURES_BEFORE_OFFLINE 3

#define OSM_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
#define OSM_LICENSE_URI "https://www.openstreetmap.org/copyright"
/* Tianditu asks clients to spread requests over its hosts t0 … t7. */
#define TIANDITU_URL "%s/DataServer?T=%s&x={x}&y={y}&l={z}&tk=%s"
#define TIANDITU_LICENSE_URI "https://www.tianditu.gov.cn/"
#define MAP_DATA_KEY "xa-basemap"

/* Tianditu's servers; tests serve it from 127.0.0.1. */
static char *tianditu_server;

struct _XaBasemap
{
  GObject           parent_instance;

  char             *kind;
  char             *display_name;    /* who serves the tiles, for the offline message */
  char             *attribution;
  char             *license_uri;
  ShumateMapSource *reference;
  GPtrArray        *sources;         /* ShumateMapSource*, bottom first */
  GPtrArray        *watched;         /* objects emitting "load-result" */

  guint             failures;
  gboolean          offline;
  char             *offline_message;
  gboolean          tiles_shown;

  ShumateMap       *map;             /* weak */
  GPtrArray        *layers;          /* ShumateLayer* we put into map */
};

G_DEFINE_FINAL_TYPE (XaBasemap, xa_basemap, G_TYPE_OBJECT)
G_DEFINE_QUARK (xa-basemap-error-quark, xa_basemap_error)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_ATTRIBUTION,
  PROP_OFFLINE,
  PROP_OFFLINE_MESSAGE,
  PROP_TILES_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_offline (XaBasemap  *self,
             gboolean    offline,
             const char *message)
{
  gboolean changed = self->offline != offline;

  if (g_strcmp0 (self->offline_message, message) != 0)
    {
      g_free (self->offline_message);
      self->offline_message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_MESSAGE]);
    }
  self->offline = offline;
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

/* A tile reached the map (downloaded, from the disk cache or read from a file): from now
 * on its source is drawn, and credited. */
static void
tile_shown (XaBasemap *self)
{
  if (self->tiles_shown)
    return;
  self->tiles_shown = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TILES_SHOWN]);
}

static char *
describe_failure (XaBasemap    *self,
                  GObject      *source,
                  const GError *error)
{
  const char *reason = error != NULL ? error->message : _("unknown error");

  if (XA_IS_MBTILES_SOURCE (source))
    {
      g_autofree char *name = g_filename_display_name (
        xa_mbtiles_source_get_path (XA_MBTILES_SOURCE (source)));

      return g_strdup_printf (_("The map tiles cannot be read from the file “%s” (%s). "
                                "Compounds and figures are not affected; check that the "
                                "file is still there or choose another in Preferences."),
                              name, reason);
    }
  /* Tianditu answers a bad or blocked key with a refusal or with an error page. */
  if (g_strcmp0 (self->kind, "tianditu") == 0
      && (g_error_matches (error, XA_TILE_FETCHER_ERROR, XA_TILE_FETCHER_ERROR_REFUSED)
          || g_error_matches (error, XA_TILE_FETCHER_ERROR, XA_TILE_FETCHER_ERROR_NOT_AN_IMAGE)))
    return g_strdup_printf (_("Tianditu refuses the map tiles (%s). Check the Tianditu key in "
                              "Preferences. Compounds and figures are not affected."),
                            reason);
  return g_strdup_printf (_("The basemap is offline: map tiles from %s cannot be loaded (%s). "
                            "Tiles saved earlier are shown where there are any; compounds "
                            "and figures are not affected."),
                          self->display_name, reason);
}

static void
load_result_cb (GObject      *source,
                gboolean      reachable,
                const GError *error,
                XaBasemap    *self)
{
  g_autofree char *message = NULL;

  if (reachable && error == NULL)
    tile_shown (self);
  if (reachable)
    {
      self->failures = 0;
      set_offline (self, FALSE, NULL);
      return;
    }

  self->failures++;
  if (self->failures < FAILURES_BEFORE_OFFLINE)
    return;
  message = describe_failure (self, source, error);
  set_offline (self, TRUE, message);
}

static void
watch (XaBasemap *self,
       GObject   *source)
{
  g_signal_connect_object (source, "load-result", G_CALLBACK (load_result_cb), self, 0);
  /* Offline, a tile from the disk cache is drawn though the server was not reached. */
  if (SHUMATE_IS_DATA_SOURCE (source))
    g_signal_connect_object (source, "received-data", G_CALLBACK (tile_shown), self,
                             G_CONNECT_SWAPPED);
  g_ptr_array_add (self->watched, g_object_ref (source));
}

static ShumateMapSource *
network_source (XaBasemap          *self,
                const char         *id,
                const char         *name,
                guint               min_zoom,
                guint               max_zoom,
                const char         *url_template,
                const char * const *hosts,
                const char         *cache_key)
{
  g_autoptr(XaTileFetcher) fetcher = xa_tile_fetcher_new (url_template, hosts, cache_key);

  watch (self, G_OBJECT (fetcher));
  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (id, name, self->attribution,
                                                               self->license_uri,
                                                               min_zoom, max_zoom, 256,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               SHUMATE_DATA_SOURCE (fetcher)));
}

static void
setup_osm (XaBasemap *self)
{
  self->display_name = g_strdup (_("OpenStreetMap"));
  self->attribution = g_strdup (_("© OpenStreetMap contributors"));
  self->license_uri = g_strdup (OSM_LICENSE_URI);
  g_ptr_array_add (self->sources,
                   network_source (self, "xa-osm", _("OpenStreetMap"), 0, 19, OSM_URL, NULL,
                                   "xa_osm"));
}

static gboolean
setup_tianditu (XaBasemap   *self,
                const char  *key,
                GError     **error)
{
  static const char * const hosts[] = { "0", "1", "2", "3", "4", "5", "6", "7", NULL };
  g_autofree char *trimmed = g_strstrip (g_strdup (key != NULL ? key : ""));
  g_autofree char *escaped = NULL;
  g_autofree char *roads = NULL;
  g_autofree char *labels = NULL;
  const char *server;

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_NO_TIANDITU_KEY,
                           _("Tianditu needs a key. Apply for a free key at "
                             "https://console.tianditu.gov.cn/ and enter it in Preferences, "
                             "or choose another basemap."));
      return FALSE;
    }

  escaped = g_uri_escape_string (trimmed, NULL, FALSE);
  server = tianditu_server != NULL ? tianditu_server : "https://t{s}.tianditu.gov.cn";
  roads = g_strdup_printf (TIANDITU_URL, server, "vec_w", escaped);
  labels = g_strdup_printf (TIANDITU_URL, server, "cva_w", escaped);
  self->display_name = g_strdup (_("Tianditu"));
  self->attribution = g_strdup (_("© Tianditu (National Platform for Common GeoSpatial "
                                  "Information Services)"));
  self->license_uri = g_strdup (TIANDITU_LICENSE_URI);
  /* The cache keys leave the key out: a new key must not throw away the saved tiles. */
  g_ptr_array_add (self->sources,
                   network_source (self, "xa-tianditu-vec", _("Tianditu"), 1, 18, roads,
                                   hosts, "xa_tianditu_vec_w"));
  g_ptr_array_add (self->sources,
                   network_source (self, "xa-tianditu-cva", _("Tianditu labels"), 1, 18,
                                   labels, hosts, "xa_tianditu_cva_w"));
  return TRUE;
}

gboolean
xa_basemap_check_xyz_address (const char  *url,
                              GError     **error)
{
  g_autoptr(GString) sample = NULL;
  const char *missing = NULL;

  if (*url == '\0')
    {
      g_set_error_literal (error, XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_BAD_XYZ_ADDRESS,
                           _("No XYZ tile address is set. Enter one in Preferences, such as "
                             "https://tiles.example.org/{z}/{x}/{y}.png."));
      return FALSE;
    }

  if (strstr (url, "{z}") == NULL)
    missing = "{z}";
  else if (strstr (url, "{x}") == NULL)
    missing = "{x}";
  else if (strstr (url, "{y}") == NULL && strstr (url, "{tmsy}") == NULL)
    missing = "{y}";
  if (missing != NULL)
    {
      g_set_error (error, XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_BAD_XYZ_ADDRESS,
                   _("The XYZ tile address “%s” has no %s. Write the address with {z}, {x} "
                     "and {y} where the zoom, column and row go, such as "
                     "https://tiles.example.org/{z}/{x}/{y}.png."),
                   url, missing);
      return FALSE;
    }

  sample = g_string_new (url);
  g_string_replace (sample, "{z}", "0", 0);
  g_string_replace (sample, "{x}", "0", 0);
  g_string_replace (sample, "{y}", "0", 0);
  g_string_replace (sample, "{tmsy}", "0", 0);
  g_string_replace (sample, "{s}", "a", 0);
  if (!xa_web_address_is_valid (sample->str))
    {
      g_set_error (error, XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_BAD_XYZ_ADDRESS,
                   _("The XYZ tile address “%s” is not a web address. It must start with "
                     "http:// or https://; for tiles in a file, choose an MBTiles file."),
                   url);
      return FALSE;
    }
  return TRUE;
}

/* The disk cache's name for the tiles of @url: a hash, as an address with a long token
 * would pass the 255 bytes a file name may have, and of the address without its key, so a
 * new key keeps the saved tiles. Query parameters that choose the tiles (a layer, a style)
 * stay in. */
static char *
xyz_cache_key (const char *url)
{
  static const char * const credentials[] = {
    "key", "apikey", "api_key", "token", "access_token", "accesstoken", "tk", "ak", NULL,
  };
  const char *query = strchr (url, '?');
  g_autoptr(GString) kept = g_string_new_len (url, query != NULL ? query - url : -1);
  g_autofree char *hash = NULL;

  if (query != NULL)
    {
      g_auto(GStrv) parameters = g_strsplit (query + 1, "&", -1);
      char separator = '?';

      for (guint i = 0; parameters[i] != NULL; i++)
        {
          g_autofree char *name = g_ascii_strdown (parameters[i],
                                                   strcspn (parameters[i], "="));

          if (g_strv_contains (credentials, name))
            continue;
          g_string_append_c (kept, separator);
          g_string_append (kept, parameters[i]);
          separator = '&';
        }
    }
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, kept->str, -1);
  hash[16] = '\0';
  return g_strconcat ("xa_xyz_", hash, NULL);
}

static gboolean
setup_xyz (XaBasemap   *self,
           const char  *xyz_url,
           GError     **error)
{
  static const char * const hosts[] = { "a", "b", "c", NULL };
  g_autofree char *url = g_strstrip (g_strdup (xyz_url != NULL ? xyz_url : ""));
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;
  g_autofree char *cache_key = NULL;
  g_autoptr(GString) sample = NULL;
  g_autoptr(GUri) uri = NULL;

  if (!xa_basemap_check_xyz_address (url, error))
    return FALSE;

  sample = g_string_new (url);
  g_string_replace (sample, "{s}", "a", 0);
  g_string_replace (sample, "{", "", 0);
  g_string_replace (sample, "}", "", 0);
  uri = g_uri_parse (sample->str, G_URI_FLAGS_NONE, NULL);
  self->display_name = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL
                                 ? g_uri_get_host (uri) : url);
  /* Translators: %s is the host name of a tile server */
  self->attribution = g_strdup_printf (_("Map tiles from %s"), self->display_name);

  /* libshumate caches tiles in memory by source id: one id per address. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url, -1);
  hash[16] = '\0';
  id = g_strconcat ("xa-xyz-", hash, NULL);
  cache_key = xyz_cache_key (url);
  g_ptr_array_add (self->sources,
                   network_source (self, id, self->display_name, 0, 19, url, hosts, cache_key));
  return TRUE;
}

static gboolean
setup_mbtiles (XaBasemap   *self,
               const char  *path,
               GError     **error)
{
  g_autoptr(XaMbtilesSource) source = NULL;
  g_autofree char *display_name = NULL;

  if (path == NULL || *path == '\0')
    {
      g_set_error_literal (error, XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_NO_MBTILES_FILE,
                           _("No MBTiles file is chosen. Choose one in Preferences."));
      return FALSE;
    }

  source = xa_mbtiles_source_new (path, error);
  if (source == NULL)
    return FALSE;

  display_name = g_filename_display_basename (path);
  self->display_name = g_strdup (display_name);
  if (xa_mbtiles_source_get_attribution (source) != NULL)
    self->attribution = g_strdup (xa_mbtiles_source_get_attribution (source));
  else
    /* Translators: %s is the name of an MBTiles file */
    self->attribution = g_strdup_printf (_("Map tiles from the file %s"), display_name);
  watch (self, G_OBJECT (source));
  g_ptr_array_add (self->sources, g_steal_pointer (&source));
  return TRUE;
}

/* "none" still needs a reference source: one that has no tiles and is never drawn. */
static ShumateMapSource *
empty_source (void)
{
  g_autoptr(XaTileFetcher) fetcher = xa_tile_fetcher_new (NULL, NULL, NULL);

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full ("xa-none", _("No basemap"), "",
                                                               NULL, 0, 19, 256,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               SHUMATE_DATA_SOURCE (fetcher)));
}

XaBasemap *
xa_basemap_new (const char  *kind,
                const char  *xyz_url,
                const char  *mbtiles_path,
                const char  *tianditu_key,
                GError     **error)
{
  g_autoptr(XaBasemap) self = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* For anything in libshumate that still downloads by itself; XaTileFetcher sets its own. */
  shumate_set_user_agent (XA_TILE_USER_AGENT);

  self = g_object_new (XA_TYPE_BASEMAP, NULL);
  self->kind = g_strdup (kind);
  if (g_str_equal (kind, "osm"))
    setup_osm (self);
  else if (g_str_equal (kind, "tianditu"))
    ok = setup_tianditu (self, tianditu_key, error);
  else if (g_str_equal (kind, "xyz"))
    ok = setup_xyz (self, xyz_url, error);
  else if (g_str_equal (kind, "mbtiles"))
    ok = setup_mbtiles (self, mbtiles_path, error);
  else if (g_str_equal (kind, "none"))
    {
      self->display_name = g_strdup (_("No basemap"));
      self->attribution = g_strdup ("");
    }
  else
    {
      g_set_error (error, XA_BASEMAP_ERROR, XA_BASEMAP_ERROR_UNKNOWN_KIND,
                   _("“%s” is not a known basemap. Choose OpenStreetMap, Tianditu, an XYZ "
                     "tile address, an MBTiles file or a plain background in Preferences."),
                   kind);
      ok = FALSE;
    }
  if (!ok)
    return NULL;

  self->reference = self->sources->len > 0
                    ? g_object_ref (g_ptr_array_index (self->sources, 0))
                    : empty_source ();
  return g_steal_pointer (&self);
}

XaBasemap *
xa_basemap_new_from_settings (GSettings   *settings,
                              const char  *tianditu_key,
                              GError     **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *xyz_url = NULL;
  g_autofree char *mbtiles_path = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  kind = g_settings_get_string (settings, "basemap");
  xyz_url = g_settings_get_string (settings, "basemap-xyz-url");
  mbtiles_path = g_settings_get_string (settings, "basemap-mbtiles-path");
  return xa_basemap_new (kind, xyz_url, mbtiles_path, tianditu_key, error);
}

typedef struct
{
  GBytes *bytes;
  gsize   offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (reader->bytes, &size);

  if (reader->offset + length > size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, bytes + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
write_png (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
xa_basemap_compose_tiles (GBytes *base,
                          GBytes *labels)
{
  PngReader base_reader = { base, 0 }, labels_reader = { labels, 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_png, &base_reader);
  cairo_surface_t *over = cairo_image_surface_create_from_png_stream (read_png, &labels_reader);
  GByteArray *png = NULL;
  cairo_t *cr;

  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS
      && cairo_surface_status (over) == CAIRO_STATUS_SUCCESS)
    {
      cr = cairo_create (surface);
      cairo_set_source_surface (cr, over, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      png = g_byte_array_new ();
      if (cairo_surface_write_to_png_stream (surface, write_png, png) != CAIRO_STATUS_SUCCESS)
        g_clear_pointer (&png, g_byte_array_unref);
    }
  cairo_surface_destroy (surface);
  cairo_surface_destroy (over);
  return png != NULL ? g_byte_array_free_to_bytes (png) : NULL;
}

void
xa_basemap_pack_sources (GSettings  *settings,
                         char      **out_mbtiles_path,
                         char      **out_cache_dir,
                         char      **out_labels_cache_dir,
                         char      **out_attribution)
{
  g_autofree char *kind = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));

  *out_mbtiles_path = NULL;
  *out_cache_dir = NULL;
  *out_labels_cache_dir = NULL;
  *out_attribution = NULL;
  kind = g_settings_get_string (settings, "basemap");
  if (g_str_equal (kind, "mbtiles"))
    {
      *out_mbtiles_path = g_settings_get_string (settings, "basemap-mbtiles-path");
      return;
    }
  if (g_str_equal (kind, "osm"))
    {
      key = g_strdup ("xa_osm");
      *out_attribution = g_strdup (_("© OpenStreetMap contributors"));
    }
  else if (g_str_equal (kind, "tianditu"))
    {
      /* Two layers, the place names drawn over the roads: a pack holds one. */
      key = g_strdup ("xa_tianditu_vec_w");
      *out_labels_cache_dir = g_build_filename (g_get_user_cache_dir (), "shumate",
                                                "xa_tianditu_cva_w", "xa_tianditu_cva_w",
                                                NULL);
      *out_attribution = g_strdup (_("© Tianditu (National Platform for Common GeoSpatial "
                                     "Information Services)"));
    }
  else if (g_str_equal (kind, "xyz"))
    {
      g_autofree char *url = g_settings_get_string (settings, "basemap-xyz-url");

      g_strstrip (url);
      key = xyz_cache_key (url);
    }
  if (key != NULL)
    *out_cache_dir = g_build_filename (g_get_user_cache_dir (), "shumate", key, key, NULL);
}

const char *
xa_basemap_get_kind (XaBasemap *self)
{
  g_return_val_if_fail (XA_IS_BASEMAP (self), NULL);

  return self->kind;
}

ShumateMapSource *
xa_basemap_get_reference_source (XaBasemap *self)
{
  g_return_val_if_fail (XA_IS_BASEMAP (self), NULL);

  return self->reference;
}

GPtrArray *
xa_basemap_get_layer_sources (XaBasemap *self)
{
  g_return_val_if_fail (XA_IS_BASEMAP (self), NULL);

  return self->sources;
}

const char *
xa_basemap_get_attribution (XaBasemap *self)
{
  g_return_val_if_fail (XA_IS_BASEMAP (self), NULL);

  return self->attribution;
}

const char *
xa_basemap_get_license_uri (XaBasemap *self)
{
  g_return_val_if_fail (XA_IS_BASEMAP (self), NULL);

  return self->license_uri;
}

gboolean
xa_basemap_get_offline (XaBasemap *self)
{
  g_return_val_if_fail (XA_IS_BASEMAP (self), FALSE);

  return self->offline;
}

gboolean
xa_basemap_get_tiles_shown (XaBasemap *self)
{
  g_return_val_if_fail (XA_IS_BASEMAP (self), FALSE);

  return self->tiles_shown;
}

const char *
xa_basemap_get_offline_message (XaBasemap *self)
{
  g_return_val_if_fail (XA_IS_BASEMAP (self), NULL);

  return self->offline_message;
}

ShumateMap *
xa_basemap_get_map (XaBasemap *self)
{
  g_return_val_if_fail (XA_IS_BASEMAP (self), NULL);

  return self->map;
}

void
xa_basemap_detach (XaBasemap *self)
{
  g_return_if_fail (XA_IS_BASEMAP (self));

  if (self->map == NULL)
    return;

  for (guint i = 0; i < self->layers->len; i++)
    {
      GtkWidget *layer = g_ptr_array_index (self->layers, i);

      if (gtk_widget_get_parent (layer) == GTK_WIDGET (self->map))
        shumate_map_remove_layer (self->map, SHUMATE_LAYER (layer));
    }
  g_ptr_array_set_size (self->layers, 0);
  if (g_object_get_data (G_OBJECT (self->map), MAP_DATA_KEY) == self)
    g_object_set_data (G_OBJECT (self->map), MAP_DATA_KEY, NULL);
  g_object_remove_weak_pointer (G_OBJECT (self->map), (gpointer *) &self->map);
  self->map = NULL;
}

void
xa_basemap_attach (XaBasemap  *self,
                   ShumateMap *map)
{
  ShumateViewport *viewport;
  XaBasemap *previous;
  ShumateLayer *below = NULL;

  g_return_if_fail (XA_IS_BASEMAP (self));
  g_return_if_fail (SHUMATE_IS_MAP (map));

  if (self->map == map)
    return;
  xa_basemap_detach (self);
  previous = g_object_get_data (G_OBJECT (map), MAP_DATA_KEY);
  if (previous != NULL)
    xa_basemap_detach (previous);

  self->map = map;
  g_object_add_weak_pointer (G_OBJECT (map), (gpointer *) &self->map);
  g_object_set_data (G_OBJECT (map), MAP_DATA_KEY, self);

  viewport = shumate_map_get_viewport (map);
  shumate_viewport_set_reference_map_source (viewport, self->reference);

  /* insert_layer_above (…, NULL) puts a layer at the very bottom; each next one goes just
   * above the previous, so layers other code added stay on top. */
  for (guint i = 0; i < self->sources->len; i++)
    {
      ShumateMapLayer *layer = shumate_map_layer_new (g_ptr_array_index (self->sources, i),
                                                      viewport);

      g_ptr_array_add (self->layers, g_object_ref_sink (layer));
      shumate_map_insert_layer_above (map, SHUMATE_LAYER (layer), below);
      below = SHUMATE_LAYER (layer);
    }
}

static void
xa_basemap_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  XaBasemap *self = XA_BASEMAP (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_ATTRIBUTION:
      g_value_set_string (value, self->attribution);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    case PROP_OFFLINE_MESSAGE:
      g_value_set_string (value, self->offline_message);
      break;
    case PROP_TILES_SHOWN:
      g_value_set_boolean (value, self->tiles_shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_basemap_dispose (GObject *object)
{
  XaBasemap *self = XA_BASEMAP (object);

  xa_basemap_detach (self);
  for (guint i = 0; self->watched != NULL && i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_object (&self->reference);

  G_OBJECT_CLASS (xa_basemap_parent_class)->dispose (object);
}

static void
xa_basemap_finalize (GObject *object)
{
  XaBasemap *self = XA_BASEMAP (object);

  g_free (self->kind);
  g_free (self->display_name);
  g_free (self->attribution);
  g_free (self->license_uri);
  g_free (self->offline_message);

  G_OBJECT_CLASS (xa_basemap_parent_class)->finalize (object);
}

static void
xa_basemap_class_init (XaBasemapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = xa_basemap_get_property;
  object_class->dispose = xa_basemap_dispose;
  object_class->finalize = xa_basemap_finalize;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTRIBUTION] =
    g_param_spec_string ("attribution", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OFFLINE_MESSAGE] =
    g_param_spec_string ("offline-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TILES_SHOWN] =
    g_param_spec_boolean ("tiles-shown", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xa_basemap_init (XaBasemap *self)
{
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
}

void
_xa_basemap_set_tianditu_server (const char *base_url)
{
  g_free (tianditu_server);
  tianditu_server = g_strdup (base_url);
}
