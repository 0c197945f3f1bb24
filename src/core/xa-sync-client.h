/* xa-sync-client.h — pulls the records server's change feed into an XaStore over HTTP
 * (libsoup), page by page, each page committed with its cursor; retries, timeouts,
 * Retry-After, 410 full resync, progress and cancellation. Before it pulls, it pushes the
 * store's outbox of local edits (xa-store-edits.h). See src/records-api.md. */
#pragma once

#include <gio/gio.h>
#include "xa-store.h"

G_BEGIN_DECLS

#define XA_SYNC_ERROR (xa_sync_error_quark ())
GQuark xa_sync_error_quark (void);

typedef enum
{
  XA_SYNC_ERROR_UNAUTHORIZED,   /* 401: a (new) token is needed */
  XA_SYNC_ERROR_NETWORK,        /* could not reach the server after all retries */
  XA_SYNC_ERROR_TIMEOUT,        /* the server stopped answering */
  XA_SYNC_ERROR_SERVER,         /* 5xx after all retries, or an unexpected status */
  XA_SYNC_ERROR_BAD_PAGE,       /* a page failed validation: nothing of it was stored */
  XA_SYNC_ERROR_BAD_URL,        /* the server address is not an http(s) URL */
} XaSyncError;

#define XA_TYPE_SYNC_CLIENT (xa_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (XaSyncClient, xa_sync_client, XA, SYNC_CLIENT, GObject)

/* What one sync did; returned by xa_sync_client_sync_finish(). */
typedef struct
{
  guint    pages;
  guint64  records;          /* changes applied, tombstones included */
  guint64  deleted;          /* tombstones applied */
  gboolean full_resync;      /* the server answered 410 and the mirror was rebuilt */
  guint    retries;          /* requests that had to be repeated */
  gboolean store_replaced;   /* the store of another server was moved aside (see
                              * xa_sync_client_set_replace_store()) */
  double   seconds;
  /* The outbox, pushed before the pull (xa-store-edits.h): edits the server accepted,
   * answered with a conflict (409) or rejected (422), and those left pending because the
   * server could not be reached or was busy (pushed again by the next sync). */
  guint    pushed;
  guint    conflicts;
  guint    rejected;
  guint    unpushed;
} XaSyncResult;

XaSyncClient *xa_sync_client_new        (const char *server_url,
                                         const char *token);
void          xa_sync_client_set_page_limit (XaSyncClient *self,
                                             guint         limit);
/* Per-request timeout (seconds) and how many attempts a request gets before the sync
 * fails; the backoff between attempts starts at @base_delay_ms, doubles, and is capped. */
void          xa_sync_client_set_retry_policy (XaSyncClient *self,
                                               guint         timeout_seconds,
                                               guint         max_attempts,
                                               guint         base_delay_ms,
                                               guint         max_delay_ms);

/* A store mirrors one server (xa_store_dup_server()); a sync into the store of another
 * fails with XA_STORE_ERROR_OTHER_SERVER and leaves it alone. Once the user has chosen to
 * replace it, set @aside_path (from xa_store_aside_path()): the next sync then moves such a
 * store there and fills a new one. NULL (the default) refuses again. */
void          xa_sync_client_set_replace_store (XaSyncClient *self,
                                                const char   *aside_path);

/* Syncs into the store file at @store_path on a worker thread (with its own
 * connection). "progress" (guint64 records, guint pages) is emitted on the calling
 * thread's main context while it runs. */
void          xa_sync_client_sync_async  (XaSyncClient        *self,
                                          const char          *store_path,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean      xa_sync_client_sync_finish (XaSyncClient        *self,
                                          GAsyncResult        *result,
                                          XaSyncResult        *out_result,
                                          GError             **error);

/* Before its first sync of a store file, a process checks the file's pages
 * (xa_store_check()): a damaged store fails with XA_STORE_ERROR_DAMAGED, whose caller moves
 * it aside (xa_store_move_aside()) and offers a full sync into a new file. */

/* The same, blocking the calling thread (no progress signal): for the command line,
 * benchmarks and worker threads. */
gboolean      xa_sync_client_sync        (XaSyncClient  *self,
                                          const char    *store_path,
                                          GCancellable  *cancellable,
                                          XaSyncResult  *out_result,
                                          GError       **error);

G_END_DECLS
