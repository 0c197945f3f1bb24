/* xa-tile-fetcher.c — see xa-tile-fetcher.h. A tile found in the disk cache is shown at
 * once; a stale one is shown while it is fetched again, and stays when the network fails. */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "xa-tile-fetcher.h"
#include "xa-tile-fetcher-private.h"

/* OpenStreetMap's tile policy allows two connections per client; other servers don't mind. */
#define MAX_CONNS_PER_HOST 2
#define MAX_CONNS 8
#define IO_TIMEOUT_SECONDS 20
#define CACHE_BYTES (100 * 1000 * 1000)
/* Tiles newer than this are not asked for again. */
#define CACHE_FRESH_SPAN (7 * G_TIME_SPAN_DAY)

struct _XaTileFetcher
{
  ShumateDataSource  parent_instance;

  char              *url_template;
  GStrv              hosts;
  char              *cache_key;
  guint              cache_bytes;
  SoupSession       *session;
  ShumateFileCache  *cache;
};

G_DEFINE_FINAL_TYPE (XaTileFetcher, xa_tile_fetcher, SHUMATE_TYPE_DATA_SOURCE)
G_DEFINE_QUARK (xa-tile-fetcher-error-quark, xa_tile_fetcher_error)

enum
{
  LOAD_RESULT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  int          x, y, z;
  GBytes      *cached;     /* from the disk cache, possibly stale */
  char        *etag;
  GDateTime   *modified;
  SoupMessage *message;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_pointer (&fetch->cached, g_bytes_unref);
  g_clear_pointer (&fetch->etag, g_free);
  g_clear_pointer (&fetch->modified, g_date_time_unref);
  g_clear_object (&fetch->message);
  g_free (fetch);
}

static char *
fill_template (XaTileFetcher *self,
               int            x,
               int            y,
               int            z)
{
  g_autoptr(GString) url = g_string_new (self->url_template);
  char number[16];

  g_snprintf (number, sizeof number, "%d", x);
  g_string_replace (url, "{x}", number, 0);
  g_snprintf (number, sizeof number, "%d", y);
  g_string_replace (url, "{y}", number, 0);
  g_snprintf (number, sizeof number, "%d", z);
  g_string_replace (url, "{z}", number, 0);
  g_snprintf (number, sizeof number, "%d", (1 << z) - 1 - y);
  g_string_replace (url, "{tmsy}", number, 0);
  if (self->hosts != NULL && self->hosts[0] != NULL)
    g_string_replace (url, "{s}", self->hosts[(guint) (x + y) % g_strv_length (self->hosts)], 0);
  return g_string_free (g_steal_pointer (&url), FALSE);
}

/* A captive portal or a server's error page arrives with "200 OK"; only images are tiles. */
static gboolean
looks_like_image (GBytes *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  return (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
         || (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
         || (size >= 6 && memcmp (data, "GIF8", 4) == 0)
         || (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0);
}

static void
report (XaTileFetcher *self,
        gboolean       reachable,
        const GError  *error)
{
  g_signal_emit (self, signals[LOAD_RESULT], 0, reachable, error);
}

/* Completes @task with the tile when the cache had one (the map keeps working from the
 * cache), and with @error otherwise. Takes @error. */
static void
return_cached_or_error (GTask  *task,
                        GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  if (fetch->cached != NULL)
    {
      g_error_free (error);
      g_task_return_pointer (task, g_bytes_ref (fetch->cached), (GDestroyNotify) g_bytes_unref);
    }
  else
    g_task_return_error (task, error);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  XaTileFetcher *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("tile %d/%d/%d: %s", fetch->z, fetch->x, fetch->y, error->message);
          report (self, FALSE, error);
          return_cached_or_error (task, error);
        }
      else
        g_task_return_error (task, error);
      return;
    }

  status = soup_message_get_status (fetch->message);
  if (status == SOUP_STATUS_NOT_MODIFIED && fetch->cached != NULL)
    {
      shumate_file_cache_mark_up_to_date (self->cache, fetch->x, fetch->y, fetch->z);
      report (self, TRUE, NULL);
      g_task_return_pointer (task, g_bytes_ref (fetch->cached), (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_NO_CONTENT)
    {
      /* Servers of one city answer 404 outside it: the server is there, the tile is not. */
      report (self, TRUE, NULL);
      g_task_return_new_error (task, XA_TILE_FETCHER_ERROR, XA_TILE_FETCHER_ERROR_NO_TILE,
                               "No tile at %d/%d/%d", fetch->z, fetch->x, fetch->y);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* Tianditu has been seen to answer 418 when it turns a client away. */
      gboolean refused = status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN
                         || status == 418 || status == 429 /* Too Many Requests */;
      const char *phrase = soup_message_get_reason_phrase (fetch->message);

      if (phrase == NULL || *phrase == '\0')
        phrase = soup_status_get_phrase (status);
      error = g_error_new (XA_TILE_FETCHER_ERROR,
                           refused ? XA_TILE_FETCHER_ERROR_REFUSED
                                   : XA_TILE_FETCHER_ERROR_BAD_RESPONSE,
                           /* Translators: "HTTP 403 Forbidden" */
                           _("the tile server answered HTTP %u %s"), status,
                           phrase != NULL ? phrase : "");
      report (self, FALSE, error);
      return_cached_or_error (task, error);
      return;
    }

  if (!looks_like_image (body))
    {
      error = g_error_new_literal (XA_TILE_FETCHER_ERROR, XA_TILE_FETCHER_ERROR_NOT_AN_IMAGE,
                                   _("the tile server answered with something that is not "
                                     "a map tile"));
      report (self, FALSE, error);
      return_cached_or_error (task, error);
      return;
    }

  g_signal_emit_by_name (self, "received-data", fetch->x, fetch->y, fetch->z, body);
  /* Storing finishes on its own; the tile need not wait for the disk. */
  shumate_file_cache_store_tile_async (self->cache, fetch->x, fetch->y, fetch->z, body,
                                       soup_message_headers_get_one (
                                         soup_message_get_response_headers (fetch->message),
                                         "ETag"),
                                       NULL, NULL, NULL);
  report (self, TRUE, NULL);
  g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
}

/* Takes @owned_task. */
static void
fetch_from_network (GTask *owned_task)
{
  g_autoptr(GTask) task = owned_task;
  XaTileFetcher *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autofree char *url = fill_template (self, fetch->x, fetch->y, fetch->z);
  SoupMessageHeaders *headers;

  fetch->message = soup_message_new (SOUP_METHOD_GET, url);
  if (fetch->message == NULL)
    {
      GError *error = g_error_new (XA_TILE_FETCHER_ERROR, XA_TILE_FETCHER_ERROR_BAD_ADDRESS,
                                   _("“%s” is not a valid tile address"), url);

      report (self, FALSE, error);
      return_cached_or_error (task, error);
      return;
    }

  headers = soup_message_get_request_headers (fetch->message);
  if (fetch->etag != NULL)
    soup_message_headers_append (headers, "If-None-Match", fetch->etag);
  else if (fetch->modified != NULL)
    {
      g_autofree char *date = g_date_time_format (fetch->modified, "%a, %d %b %Y %T GMT");

      soup_message_headers_append (headers, "If-Modified-Since", date);
    }

  soup_session_send_and_read_async (self->session, fetch->message, G_PRIORITY_DEFAULT,
                                    cancellable, send_cb, g_steal_pointer (&task));
}

static void
cache_get_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  XaTileFetcher *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  fetch->cached = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (source), &fetch->etag,
                                                      &fetch->modified, result, NULL);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (fetch->cached != NULL)
    {
      g_signal_emit_by_name (self, "received-data", fetch->x, fetch->y, fetch->z, fetch->cached);
      if (fetch->modified != NULL
          && g_date_time_difference (now, fetch->modified) < CACHE_FRESH_SPAN)
        {
          g_task_return_pointer (task, g_bytes_ref (fetch->cached),
                                 (GDestroyNotify) g_bytes_unref);
          return;
        }
    }

  fetch_from_network (g_steal_pointer (&task));
}

static void
xa_tile_fetcher_get_tile_data_async (ShumateDataSource   *source,
                                     int                  x,
                                     int                  y,
                                     int                  zoom_level,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  XaTileFetcher *self = XA_TILE_FETCHER (source);
  g_autoptr(GTask) task = NULL;
  Fetch *fetch;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, xa_tile_fetcher_get_tile_data_async);

  if (self->url_template == NULL)
    {
      g_task_return_new_error (task, XA_TILE_FETCHER_ERROR, XA_TILE_FETCHER_ERROR_NO_SOURCE,
                               "No tile source");
      return;
    }

  fetch = g_new0 (Fetch, 1);
  fetch->x = x;
  fetch->y = y;
  fetch->z = zoom_level;
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  shumate_file_cache_get_tile_async (self->cache, x, y, zoom_level, cancellable, cache_get_cb,
                                     g_steal_pointer (&task));
}

/* The open file caches by cache key (GWeakRef: a cache may be finalized in a worker thread
 * of its own last task). The table itself is used from the main thread only. Two fetchers
 * of one address at once (a basemap chosen again before its predecessor is gone, a token
 * changed) share one cache: two of libshumate 1.0.3's caches on one database are two
 * sqlite connections with no busy timeout, and the second one's purge found the database
 * locked. */
static GHashTable *open_caches;

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* The cache of @cache_key in @cache_dir, new (and purged) or the one already open. */
static ShumateFileCache *
cache_for_key (const char *cache_key,
               const char *cache_dir,
               guint       cache_bytes)
{
  ShumateFileCache *cache;
  GWeakRef *ref;

  if (open_caches == NULL)
    open_caches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) weak_ref_free);
  ref = g_hash_table_lookup (open_caches, cache_key);
  if (ref == NULL)
    {
      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, NULL);
      g_hash_table_insert (open_caches, g_strdup (cache_key), ref);
    }
  cache = g_weak_ref_get (ref);
  if (cache != NULL)
    return cache;

  cache = shumate_file_cache_new_full (cache_bytes, cache_key, cache_dir);
  g_weak_ref_set (ref, cache);
  /* The size limit holds only after a purge. libshumate 1.0.3 purges by itself when the
   * cache stores its first tile, so a session that shows only cached tiles never purges:
   * purge at once (at every start and basemap change). In 1.0.3 a purge that finds the
   * cache small enough leaves it refusing later ones, so the cache may still grow past
   * the limit within one session, until the next. */
  shumate_file_cache_purge_cache_async (cache, NULL, NULL, NULL);
  return cache;
}

static void
open_session_and_cache (XaTileFetcher *self)
{
  g_autofree char *cache_dir = NULL;

  /* Without an address there is nothing to download or cache: no session, no cache file. */
  if (self->url_template == NULL)
    return;

  if (self->cache_key == NULL)
    self->cache_key = g_compute_checksum_for_string (G_CHECKSUM_SHA1, self->url_template, -1);
  /* A directory, and so a database, of its own: libshumate 1.0.3 keeps every cache's rows
   * in one cache.db of the directory and sets no busy timeout, so two sources at once (the
   * two layers of Tianditu, a basemap and its successor) found it locked. */
  cache_dir = g_build_filename (g_get_user_cache_dir (), "shumate", self->cache_key, NULL);
  self->cache = cache_for_key (self->cache_key, cache_dir, self->cache_bytes);
  self->session = soup_session_new_with_options ("user-agent", XA_TILE_USER_AGENT,
                                                 "max-conns-per-host", MAX_CONNS_PER_HOST,
                                                 "max-conns", MAX_CONNS,
                                                 "timeout", IO_TIMEOUT_SECONDS,
                                                 NULL);
}

static void
xa_tile_fetcher_dispose (GObject *object)
{
  XaTileFetcher *self = XA_TILE_FETCHER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (xa_tile_fetcher_parent_class)->dispose (object);
}

static void
xa_tile_fetcher_finalize (GObject *object)
{
  XaTileFetcher *self = XA_TILE_FETCHER (object);

  g_free (self->url_template);
  g_strfreev (self->hosts);
  g_free (self->cache_key);

  G_OBJECT_CLASS (xa_tile_fetcher_parent_class)->finalize (object);
}

static void
xa_tile_fetcher_class_init (XaTileFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->dispose = xa_tile_fetcher_dispose;
  object_class->finalize = xa_tile_fetcher_finalize;
  source_class->get_tile_data_async = xa_tile_fetcher_get_tile_data_async;

  signals[LOAD_RESULT] =
    g_signal_new ("load-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_ERROR);
}

static void
xa_tile_fetcher_init (XaTileFetcher *self)
{
}

XaTileFetcher *
_xa_tile_fetcher_new_full (const char         *url_template,
                           const char * const *hosts,
                           const char         *cache_key,
                           guint               cache_bytes)
{
  XaTileFetcher *self = g_object_new (XA_TYPE_TILE_FETCHER, NULL);

  /* Plain fields, not properties: a fetcher never changes; a new basemap makes a new one. */
  self->url_template = g_strdup (url_template);
  self->hosts = g_strdupv ((char **) hosts);
  self->cache_key = g_strdup (cache_key);
  self->cache_bytes = cache_bytes;
  open_session_and_cache (self);
  return self;
}

XaTileFetcher *
xa_tile_fetcher_new (const char         *url_template,
                     const char * const *hosts,
                     const char         *cache_key)
{
  return _xa_tile_fetcher_new_full (url_template, hosts, cache_key, CACHE_BYTES);
}

const char *
_xa_tile_fetcher_get_cache_key (XaTileFetcher *self)
{
  g_return_val_if_fail (XA_IS_TILE_FETCHER (self), NULL);

  return self->cache_key;
}

const char *
xa_tile_fetcher_get_url_template (XaTileFetcher *self)
{
  g_return_val_if_fail (XA_IS_TILE_FETCHER (self), NULL);

  return self->url_template;
}
