/* xa-sync-pipeline-private.h — the two threads of one pull of the change feed. A fetching
 * thread with its own SoupSession requests, parses and validates the pages in feed order and
 * runs at most one page ahead of the worker that commits them; the pages the worker is done
 * with are freed back on the fetching thread. Internal to the sync client, which supplies
 * the HTTP request of one page (with its retries) and commits what comes out. */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "xa-sync-page-private.h"

G_BEGIN_DECLS

typedef enum
{
  XA_SYNC_FETCH_OK,
  XA_SYNC_FETCH_GONE,     /* HTTP 410: the server no longer knows the cursor */
  XA_SYNC_FETCH_FAILED,
} XaSyncFetchOutcome;

/* Fetches the page after @cursor (NULL: the first) on the fetching thread, whose @session
 * it is; adds its retries to *@retries. On XA_SYNC_FETCH_OK *@out_body holds the page. */
typedef XaSyncFetchOutcome (*XaSyncFetchFunc) (gpointer       user_data,
                                               SoupSession   *session,
                                               GCancellable  *cancellable,
                                               guint         *retries,
                                               const char    *cursor,
                                               GBytes       **out_body,
                                               GError       **error);

typedef struct _XaSyncPipeline XaSyncPipeline;

/* Starts the fetching thread at @cursor with a session of @timeout_seconds. Cancelling
 * @cancellable (may be NULL) cancels the request under way. */
XaSyncPipeline *_xa_sync_pipeline_start  (XaSyncFetchFunc      fetch,
                                          gpointer             fetch_data,
                                          guint                timeout_seconds,
                                          const char          *cursor,
                                          GCancellable        *cancellable);
/* The next page in feed order, waiting for it; the last has more = FALSE. NULL when the
 * fetcher stopped instead: *@outcome is XA_SYNC_FETCH_GONE, or XA_SYNC_FETCH_FAILED with
 * @error set. */
XaSyncPage     *_xa_sync_pipeline_next   (XaSyncPipeline      *self,
                                          XaSyncFetchOutcome  *outcome,
                                          GError             **error);
/* Gives back (takes) a page from _xa_sync_pipeline_next(), to be freed on the fetching
 * thread. */
void            _xa_sync_pipeline_done   (XaSyncPipeline      *self,
                                          XaSyncPage          *page);
/* Stops the fetcher (cancelling its request when @abort), waits for it, drops whatever it
 * read ahead and frees @self. Returns the retries it made. */
guint           _xa_sync_pipeline_finish (XaSyncPipeline      *self,
                                          gboolean             abort);

G_END_DECLS
