/* xa-sync-client.c — the client side of the change feed (src/records-api.md). A sync runs
 * on a worker thread with its own store connection; a second thread with its own
 * SoupSession (xa-sync-pipeline.c) fetches and validates the next page while the worker
 * commits the current one with its cursor. Pages are committed strictly in order and one at
 * a time, so stopping at any point (a kill, a network drop, a cancel) loses nothing and the
 * next sync resumes at the last committed page. The outbox of local edits goes first, on the
 * worker thread (xa-sync-push.c). */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "xa-sync-client.h"
#include "xa-sync-page-private.h"
#include "xa-sync-pipeline-private.h"
#include "xa-sync-push-private.h"
#include "xa-web-address.h"

G_DEFINE_QUARK (xa-sync-error-quark, xa_sync_error)

/* A page is at most 5000 records of a few hundred bytes; anything far beyond is not a page. */
#define MAX_PAGE_BYTES (256 * 1024 * 1024)
#define MAX_RETRY_AFTER_SECONDS 300

struct _XaSyncClient
{
  GObject  parent_instance;

  char    *server_url;      /* normalised: see xa_web_address_normalize() */
  char    *token;
  guint    page_limit;
  guint    timeout_seconds;
  guint    max_attempts;
  guint    base_delay_ms;
  guint    max_delay_ms;
  char    *replace_aside_path;
};

G_DEFINE_FINAL_TYPE (XaSyncClient, xa_sync_client, G_TYPE_OBJECT)

enum { PROGRESS, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef void (*ProgressFunc) (guint64  records,
                              guint    pages,
                              gpointer user_data);

/* Everything one running sync needs; lives on the worker thread. */
typedef struct
{
  XaSyncClient *client;
  GCancellable *cancellable;
  ProgressFunc  progress;
  gpointer      progress_data;
  XaSyncResult  result;
} SyncRun;

static void
xa_sync_client_finalize (GObject *object)
{
  XaSyncClient *self = XA_SYNC_CLIENT (object);

  g_free (self->server_url);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->replace_aside_path);

  G_OBJECT_CLASS (xa_sync_client_parent_class)->finalize (object);
}

static void
xa_sync_client_class_init (XaSyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xa_sync_client_finalize;

  /**
   * XaSyncClient::progress:
   * @records: changes applied so far in this sync
   * @pages: pages committed so far
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_UINT64, G_TYPE_UINT);
}

static void
xa_sync_client_init (XaSyncClient *self)
{
  self->page_limit = 2000;
  self->timeout_seconds = 30;
  self->max_attempts = 6;
  self->base_delay_ms = 500;
  self->max_delay_ms = 30000;
}

XaSyncClient *
xa_sync_client_new (const char *server_url,
                    const char *token)
{
  XaSyncClient *self;

  g_return_val_if_fail (server_url != NULL, NULL);

  self = g_object_new (XA_TYPE_SYNC_CLIENT, NULL);
  /* The spelling the store records and compares: "HTTP://host:80/" is "http://host". */
  self->server_url = xa_web_address_normalize (server_url);
  self->token = g_strdup (token);
  return self;
}

void
xa_sync_client_set_page_limit (XaSyncClient *self,
                               guint         limit)
{
  g_return_if_fail (XA_IS_SYNC_CLIENT (self));
  self->page_limit = CLAMP (limit, 1, 5000);
}

void
xa_sync_client_set_retry_policy (XaSyncClient *self,
                                 guint         timeout_seconds,
                                 guint         max_attempts,
                                 guint         base_delay_ms,
                                 guint         max_delay_ms)
{
  g_return_if_fail (XA_IS_SYNC_CLIENT (self));
  self->timeout_seconds = MAX (timeout_seconds, 1);
  self->max_attempts = MAX (max_attempts, 1);
  self->base_delay_ms = base_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, base_delay_ms);
}

void
xa_sync_client_set_replace_store (XaSyncClient *self,
                                  const char   *aside_path)
{
  g_return_if_fail (XA_IS_SYNC_CLIENT (self));
  g_free (self->replace_aside_path);
  self->replace_aside_path = g_strdup (aside_path);
}

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean cancelled;
} Waiter;

static void
waiter_wake (GCancellable *cancellable,
             gpointer      user_data)
{
  Waiter *waiter = user_data;

  g_mutex_lock (&waiter->lock);
  waiter->cancelled = TRUE;
  g_cond_signal (&waiter->cond);
  g_mutex_unlock (&waiter->lock);
}

/* Waits @ms, or less when @cancellable is cancelled; FALSE when cancelled. A condition
 * variable with an absolute monotonic deadline: a cancel wakes it at once, and no sum of
 * clock readings can turn into a negative (for g_usleep, endless) sleep. */
static gboolean
wait_cancellable (guint         ms,
                  GCancellable *cancellable)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;
  Waiter waiter = { .cancelled = FALSE };
  gulong handler = 0;

  g_mutex_init (&waiter.lock);
  g_cond_init (&waiter.cond);
  /* Runs waiter_wake() at once if already cancelled. */
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (waiter_wake), &waiter, NULL);
  g_mutex_lock (&waiter.lock);
  /* TRUE on a signal or a spurious wake-up, FALSE once @end has passed. */
  while (!waiter.cancelled && g_cond_wait_until (&waiter.cond, &waiter.lock, end))
    ;
  g_mutex_unlock (&waiter.lock);
  /* Waits for a waiter_wake() still running on the cancelling thread. */
  g_cancellable_disconnect (cancellable, handler);
  g_cond_clear (&waiter.cond);
  g_mutex_clear (&waiter.lock);
  return !g_cancellable_is_cancelled (cancellable);
}

/* Retry-After as seconds or an HTTP date; -1 when absent or unreadable. */
static int
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end = NULL;
  gint64 seconds;

  if (value == NULL)
    return -1;
  seconds = g_ascii_strtoll (value, &end, 10);
  if (end != value && *end == '\0')
    return (int) CLAMP (seconds, 0, MAX_RETRY_AFTER_SECONDS);
  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  seconds = g_date_time_difference (date, now) / G_TIME_SPAN_SECOND;
  return (int) CLAMP (seconds, 0, MAX_RETRY_AFTER_SECONDS);
}

static guint
backoff_ms (XaSyncClient *self,
            guint         attempt)
{
  guint64 delay = self->base_delay_ms;

  for (guint i = 1; i < attempt && delay < self->max_delay_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->max_delay_ms);
  /* Full jitter over the upper half keeps many clients from retrying in step. */
  return (guint) (delay / 2 + g_random_int_range (0, (gint32) MAX (delay / 2, 1)));
}

/* Reads straight into one growing buffer: the JSON reader decodes the page in place. */
static GBytes *
read_body (GInputStream  *stream,
           GCancellable  *cancellable,
           GError       **error)
{
  gsize capacity = 256 * 1024, length = 0;
  g_autofree char *body = g_malloc (capacity);

  for (;;)
    {
      gssize n;

      if (capacity - length < 64 * 1024)
        {
          capacity *= 2;
          body = g_realloc (body, capacity);
        }
      n = g_input_stream_read (stream, body + length, capacity - length, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      length += n;
      if (length > MAX_PAGE_BYTES)
        {
          g_set_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_PAGE,
                       "The server sent a page larger than %d MiB; it is not a records server "
                       "or it is misconfigured", MAX_PAGE_BYTES / (1024 * 1024));
          return NULL;
        }
    }
  return g_bytes_new_take (g_steal_pointer (&body), length);
}

/* The title and detail of an application/problem+json body, for error messages. */
static char *
describe_problem (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *detail, *title;
  gsize size;
  const char *data;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &size);
  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  title = json_object_get_string_member_with_default (object, "title", NULL);
  detail = json_object_get_string_member_with_default (object, "detail", NULL);
  if (title && detail)
    return g_strdup_printf ("%s: %s", title, detail);
  return g_strdup (detail ? detail : title);
}

static char *
page_url (XaSyncClient *self,
          const char   *cursor)
{
  g_autofree char *escaped = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;

  if (escaped != NULL)
    return g_strdup_printf ("%s/api/v1/changes?cursor=%s&limit=%u", self->server_url, escaped,
                            self->page_limit);
  return g_strdup_printf ("%s/api/v1/changes?limit=%u", self->server_url, self->page_limit);
}

/* Fetches one page, retrying what is worth retrying: the XaSyncFetchFunc of the pipeline,
 * on its fetching thread. */
static XaSyncFetchOutcome
fetch_page (gpointer       user_data,
            SoupSession   *session,
            GCancellable  *cancellable,
            guint         *retries,
            const char    *cursor,
            GBytes       **out_body,
            GError       **error)
{
  XaSyncClient *self = user_data;
  g_autofree char *url = page_url (self, cursor);
  g_autoptr(GError) last_error = NULL;

  for (guint attempt = 1; attempt <= self->max_attempts; attempt++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) local_error = NULL;
      int retry_after = -1;
      guint status;

      if (attempt > 1)
        (*retries)++;
      if (msg == NULL)
        {
          g_set_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_URL,
                       "“%s” is not a server address; enter one like http://records.example:8080",
                       self->server_url);
          return XA_SYNC_FETCH_FAILED;
        }
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                    "application/json");
      if (self->token != NULL && *self->token != '\0')
        {
          g_autofree char *auth = g_strdup_printf ("Bearer %s", self->token);
          soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                        auth);
        }

      stream = soup_session_send (session, msg, cancellable, &local_error);
      if (stream != NULL)
        {
          body = read_body (stream, cancellable, &local_error);
          g_input_stream_close (stream, NULL, NULL);
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return XA_SYNC_FETCH_FAILED;
        }
      if (g_error_matches (local_error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_PAGE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return XA_SYNC_FETCH_FAILED;
        }

      status = soup_message_get_status (msg);
      if (local_error != NULL)
        {
          gboolean timed_out = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);

          g_clear_error (&last_error);
          if (timed_out)
            g_set_error (&last_error, XA_SYNC_ERROR, XA_SYNC_ERROR_TIMEOUT,
                         "The records server at %s stopped answering (no reply within %u s). "
                         "It may be overloaded; try again later", self->server_url,
                         self->timeout_seconds);
          else if (stream != NULL)
            g_set_error (&last_error, XA_SYNC_ERROR, XA_SYNC_ERROR_NETWORK,
                         "The answer from the records server at %s was cut short (%s). "
                         "Check the network and try again", self->server_url, local_error->message);
          else
            g_set_error (&last_error, XA_SYNC_ERROR, XA_SYNC_ERROR_NETWORK,
                         "Could not reach the records server at %s: %s. "
                         "Check the address and the network, then try again",
                         self->server_url, local_error->message);
        }
      else if (status == SOUP_STATUS_OK && (body == NULL || g_bytes_get_size (body) == 0))
        {
          /* A server that dies between its headers and its body leaves an empty answer
           * that libsoup reports as complete: that is the network, not a bad page. */
          g_clear_error (&last_error);
          g_set_error (&last_error, XA_SYNC_ERROR, XA_SYNC_ERROR_NETWORK,
                       "The answer from the records server at %s was cut short (no page came). "
                       "Check the network and try again", self->server_url);
        }
      else if (status == SOUP_STATUS_OK)
        {
          *out_body = g_steal_pointer (&body);
          return XA_SYNC_FETCH_OK;
        }
      else if (status == SOUP_STATUS_GONE)
        return XA_SYNC_FETCH_GONE;
      else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
        {
          g_set_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_UNAUTHORIZED,
                       "The records server at %s refused the access token (HTTP %u). "
                       "Enter a valid token for this server", self->server_url, status);
          return XA_SYNC_FETCH_FAILED;
        }
      else
        {
          g_autofree char *problem = describe_problem (body);
          gboolean retryable = status == 408 || status == 429 || status >= 500;

          g_clear_error (&last_error);
          g_set_error (&last_error, XA_SYNC_ERROR, XA_SYNC_ERROR_SERVER,
                       "The records server at %s answered HTTP %u %s%s%s", self->server_url,
                       status, soup_status_get_phrase (status), problem ? ": " : "",
                       problem ? problem : "");
          if (!retryable)
            {
              g_propagate_error (error, g_steal_pointer (&last_error));
              return XA_SYNC_FETCH_FAILED;
            }
          if (status == 429 || status == 503)
            retry_after = parse_retry_after (msg);
        }

      if (attempt == self->max_attempts)
        break;
      {
        guint delay = backoff_ms (self, attempt);

        if (retry_after >= 0)
          delay = MAX (delay, (guint) retry_after * 1000);
        g_debug ("sync: attempt %u failed (%s); retrying in %u ms", attempt,
                 last_error ? last_error->message : "?", delay);
        if (!wait_cancellable (delay, cancellable))
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The sync was cancelled");
            return XA_SYNC_FETCH_FAILED;
          }
      }
    }

  g_prefix_error (&last_error, "Gave up after %u attempts. ", self->max_attempts);
  g_propagate_error (error, g_steal_pointer (&last_error));
  return XA_SYNC_FETCH_FAILED;
}

/* Commits one page and its cursor; a record the store rejects names itself in the error. */
static gboolean
apply_page (SyncRun     *run,
            XaStore     *store,
            XaSyncPage  *page,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!xa_store_apply_page (store, run->client->server_url, page->changes, page->cursor,
                            &local_error))
    {
      if (local_error->domain == XA_RECORD_ERROR)
        _xa_sync_page_bad (error, "%s", local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  run->result.pages++;
  run->result.records += page->changes->len;
  run->result.deleted += page->deleted;
  if (run->progress != NULL)
    run->progress (run->result.records, run->result.pages, run->progress_data);
  return TRUE;
}

/* Pulls pages into @store until the feed has no more. Returns XA_SYNC_FETCH_GONE on a 410. */
static XaSyncFetchOutcome
pull (SyncRun  *run,
      XaStore  *store,
      GError  **error)
{
  XaSyncFetchOutcome outcome = XA_SYNC_FETCH_OK;
  g_autofree char *cursor = NULL;
  XaSyncPipeline *pipeline;
  XaSyncPage *page;

  if (!xa_store_defer_indexes (store, error))
    return XA_SYNC_FETCH_FAILED;

  cursor = xa_store_dup_cursor (store, run->client->server_url);
  pipeline = _xa_sync_pipeline_start (fetch_page, run->client, run->client->timeout_seconds,
                                      cursor, run->cancellable);
  while ((page = _xa_sync_pipeline_next (pipeline, &outcome, error)) != NULL)
    {
      gboolean more = page->more;

      /* A page fetched ahead is not applied once the sync was cancelled. */
      if (g_cancellable_set_error_if_cancelled (run->cancellable, error) ||
          !apply_page (run, store, page, error))
        outcome = XA_SYNC_FETCH_FAILED;
      _xa_sync_pipeline_done (pipeline, page);
      if (outcome != XA_SYNC_FETCH_OK || !more)
        break;
    }
  run->result.retries += _xa_sync_pipeline_finish (pipeline, outcome != XA_SYNC_FETCH_OK);

  if (outcome == XA_SYNC_FETCH_OK && !xa_store_build_indexes (store, error))
    outcome = XA_SYNC_FETCH_FAILED;
  return outcome;
}

static void
remove_store_files (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* The server no longer knows our cursor: rebuild the mirror in a separate file (resumable
 * on its own) and swap it in only when complete, so the bureau keeps working on the old
 * mirror meanwhile and an interrupted resync never leaves it half empty. */
static gboolean
full_resync (SyncRun  *run,
             XaStore  *store,
             GError  **error)
{
  g_autofree char *resync_path = g_strconcat (xa_store_get_path (store), ".resync", NULL);
  XaSyncFetchOutcome outcome;

  run->result.full_resync = TRUE;
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(XaStore) resync = xa_store_open (resync_path, error);
      g_autofree char *owner = resync != NULL ? xa_store_dup_server (resync) : NULL;

      if (resync == NULL)
        return FALSE;
      /* Left by a resync from the server this store mirrored before it was replaced: only
       * a partial copy, and of no use here. */
      if (owner != NULL && !xa_web_address_same (owner, run->client->server_url))
        {
          g_clear_object (&resync);
          remove_store_files (resync_path);
          if ((resync = xa_store_open (resync_path, error)) == NULL)
            return FALSE;
        }
      outcome = pull (run, resync, error);
      g_clear_object (&resync);
      /* A failed resync keeps its file: the next sync continues it where it stopped. */
      if (outcome != XA_SYNC_FETCH_GONE)
        break;
      /* A leftover resync file whose own cursor expired: start it over once. */
      remove_store_files (resync_path);
    }
  if (outcome == XA_SYNC_FETCH_FAILED)
    return FALSE;
  if (outcome == XA_SYNC_FETCH_GONE)
    {
      g_set_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_SERVER,
                   "The records server at %s refused even a full resync (HTTP 410 without a "
                   "cursor); report this to the server's operator", run->client->server_url);
      return FALSE;
    }

  if (!xa_store_replace_from (store, resync_path, run->client->server_url, error))
    return FALSE;
  remove_store_files (resync_path);
  return TRUE;
}

static gboolean
check_url (XaSyncClient  *self,
           GError       **error)
{
  g_autoptr(GUri) uri = g_uri_parse (self->server_url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
    {
      g_set_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_URL,
                   "“%s” is not a server address; enter one like http://records.example:8080",
                   self->server_url);
      return FALSE;
    }
  return TRUE;
}

/* The store files this process has checked (xa_store_check()) before syncing into them. */
static GMutex checked_lock;
static GHashTable *checked_paths;

/* Checks @store once per process: the command line on every run, a window at its first
 * sync. Damage that a sync's own statements never touch would otherwise go unnoticed while
 * every sync reported success. */
static gboolean
check_once (XaStore  *store,
            GError  **error)
{
  const char *path = xa_store_get_path (store);
  gboolean checked;

  g_mutex_lock (&checked_lock);
  if (checked_paths == NULL)
    checked_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  checked = g_hash_table_contains (checked_paths, path);
  g_mutex_unlock (&checked_lock);
  if (checked)
    return TRUE;
  if (!xa_store_check (store, error))
    return FALSE;
  g_mutex_lock (&checked_lock);
  g_hash_table_add (checked_paths, g_strdup (path));
  g_mutex_unlock (&checked_lock);
  return TRUE;
}

/* Opens the store at @store_path for this client's server: one of another server is
 * refused, or moved aside when the user chose to replace it. */
static XaStore *
open_own_store (XaSyncClient  *self,
                const char    *store_path,
                XaSyncResult  *result,
                GError       **error)
{
  g_autoptr(XaStore) store = xa_store_open (store_path, error);
  g_autofree char *owner = NULL;

  if (store == NULL || !check_once (store, error))
    return NULL;
  owner = xa_store_dup_server (store);
  if (owner == NULL || xa_web_address_same (owner, self->server_url))
    return g_steal_pointer (&store);

  if (self->replace_aside_path == NULL)
    {
      g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_OTHER_SERVER,
                   "The records store %s mirrors the records server at %s, not the one at %s",
                   store_path, owner, self->server_url);
      return NULL;
    }
  g_clear_object (&store);
  if (!xa_store_move_aside (store_path, self->replace_aside_path, error))
    return NULL;
  result->store_replaced = TRUE;
  return xa_store_open (store_path, error);
}

static gboolean
run_sync (XaSyncClient  *self,
          const char    *store_path,
          GCancellable  *cancellable,
          ProgressFunc   progress,
          gpointer       progress_data,
          XaSyncResult  *out_result,
          GError       **error)
{
  g_autoptr(XaStore) store = NULL;
  SyncRun run = { self, cancellable, progress, progress_data, { 0 } };
  gint64 start = g_get_monotonic_time ();
  XaSyncFetchOutcome outcome;
  gboolean ok;

  if (!check_url (self, error))
    return FALSE;
  if ((store = open_own_store (self, store_path, &run.result, error)) == NULL)
    {
      if (out_result != NULL)
        *out_result = run.result;
      return FALSE;
    }

  /* Edits first, so the pull brings back the versions they made; a server that cannot take
   * them now leaves them pending and the pull still tries. */
  ok = _xa_sync_push (store, self->server_url, self->token, self->timeout_seconds, cancellable,
                      &run.result, error);
  if (ok)
    {
      outcome = pull (&run, store, error);
      if (outcome == XA_SYNC_FETCH_GONE)
        ok = full_resync (&run, store, error);
      else
        ok = outcome == XA_SYNC_FETCH_OK;
    }

  run.result.seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (out_result != NULL)
    *out_result = run.result;
  return ok;
}

gboolean
xa_sync_client_sync (XaSyncClient  *self,
                     const char    *store_path,
                     GCancellable  *cancellable,
                     XaSyncResult  *out_result,
                     GError       **error)
{
  g_return_val_if_fail (XA_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (store_path != NULL, FALSE);

  return run_sync (self, store_path, cancellable, NULL, NULL, out_result, error);
}

/* — async: the same on a worker thread, progress sent back to the caller's context — */

typedef struct
{
  char         *store_path;
  GMainContext *context;
  XaSyncResult  result;
} AsyncData;

static void
async_data_free (AsyncData *data)
{
  g_free (data->store_path);
  g_main_context_unref (data->context);
  g_free (data);
}

typedef struct
{
  XaSyncClient *client;
  guint64       records;
  guint         pages;
} ProgressEvent;

static gboolean
emit_progress (gpointer user_data)
{
  ProgressEvent *event = user_data;

  g_signal_emit (event->client, signals[PROGRESS], 0, event->records, event->pages);
  return G_SOURCE_REMOVE;
}

static void
progress_event_free (gpointer user_data)
{
  ProgressEvent *event = user_data;

  g_object_unref (event->client);
  g_free (event);
}

static void
forward_progress (guint64  records,
                  guint    pages,
                  gpointer user_data)
{
  GTask *task = user_data;
  AsyncData *data = g_task_get_task_data (task);
  ProgressEvent *event = g_new (ProgressEvent, 1);

  event->client = g_object_ref (g_task_get_source_object (task));
  event->records = records;
  event->pages = pages;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, emit_progress, event,
                              progress_event_free);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  XaSyncClient *self = source_object;
  AsyncData *data = task_data;
  GError *error = NULL;

  if (run_sync (self, data->store_path, cancellable, forward_progress, task, &data->result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
xa_sync_client_sync_async (XaSyncClient        *self,
                           const char          *store_path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (XA_IS_SYNC_CLIENT (self));
  g_return_if_fail (store_path != NULL);

  data = g_new0 (AsyncData, 1);
  data->store_path = g_strdup (store_path);
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, xa_sync_client_sync_async);
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_task_run_in_thread (task, sync_thread);
}

gboolean
xa_sync_client_sync_finish (XaSyncClient  *self,
                            GAsyncResult  *result,
                            XaSyncResult  *out_result,
                            GError       **error)
{
  AsyncData *data;

  g_return_val_if_fail (XA_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (out_result != NULL)
    *out_result = data->result;
  return g_task_propagate_boolean (G_TASK (result), error);
}
