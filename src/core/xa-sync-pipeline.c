/* xa-sync-pipeline.c — see xa-sync-pipeline-private.h. */
#include "config.h"

#include "xa-sync-pipeline-private.h"

/* Parsed pages waiting for the worker: one is enough to keep both threads busy, and more
 * would only hold more memory. */
#define MAX_PAGES_AHEAD 1

/* What the fetching thread hands to the worker: a parsed page, or, last, why it stopped. */
typedef struct
{
  XaSyncPage         *page;      /* NULL for the last item */
  XaSyncFetchOutcome  outcome;   /* of the last item: XA_SYNC_FETCH_GONE or _FAILED */
  GError             *error;
} Handoff;

static void
handoff_free (Handoff *item)
{
  _xa_sync_page_free (item->page);
  g_clear_error (&item->error);
  g_free (item);
}

struct _XaSyncPipeline
{
  XaSyncFetchFunc  fetch;
  gpointer         fetch_data;
  guint            timeout_seconds;
  char            *cursor;          /* where the fetcher starts */
  GCancellable    *cancellable;     /* the fetcher's: cancelled with the sync or on abort */
  GCancellable    *sync_cancellable;
  gulong           cancel_handler;
  GThread         *fetcher;
  GMutex           lock;
  GCond            changed;
  GQueue           items;           /* Handoff*, in feed order */
  GPtrArray       *applied;         /* XaSyncPage* the worker is done with, freed by the fetcher */
  gboolean         stop;            /* the worker wants nothing more */
  guint            retries;
};

/* Returns FALSE when the worker has stopped and the item was not taken. */
static gboolean
pipeline_push (XaSyncPipeline *self,
               Handoff        *item)
{
  gboolean taken;

  g_mutex_lock (&self->lock);
  while (!self->stop && self->items.length >= MAX_PAGES_AHEAD)
    g_cond_wait (&self->changed, &self->lock);
  taken = !self->stop;
  if (taken)
    g_queue_push_tail (&self->items, item);
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  return taken;
}

/* Freeing a page's thousands of records is the fetcher's job: it has time to spare while
 * the worker waits on sqlite, the one stage every page has to pass through alone. */
static void
pipeline_free_applied (XaSyncPipeline *self)
{
  g_autoptr(GPtrArray) applied = NULL;

  g_mutex_lock (&self->lock);
  applied = g_steal_pointer (&self->applied);
  self->applied = g_ptr_array_new_with_free_func ((GDestroyNotify) _xa_sync_page_free);
  g_mutex_unlock (&self->lock);
}

/* The fetching thread: requests, parses and validates pages in feed order. It never
 * touches the store; a page it read is committed only by the worker. */
static gpointer
fetch_thread (gpointer user_data)
{
  XaSyncPipeline *self = user_data;
  /* Created on this thread: a SoupSession belongs to the thread that first uses it. */
  g_autoptr(SoupSession) session =
    soup_session_new_with_options ("timeout", self->timeout_seconds, "idle-timeout", 60,
                                   "user-agent", "XiaoquAtlas/" PACKAGE_VERSION " ", NULL);
  g_autofree char *cursor = g_strdup (self->cursor);
  gboolean last = FALSE;

  while (!last)
    {
      Handoff *item = g_new0 (Handoff, 1);
      g_autoptr(GBytes) body = NULL;

      item->outcome = self->fetch (self->fetch_data, session, self->cancellable,
                                   &self->retries, cursor, &body, &item->error);
      if (item->outcome == XA_SYNC_FETCH_OK)
        {
          gsize length;
          char *data = g_bytes_unref_to_data (g_steal_pointer (&body), &length);

          item->page = _xa_sync_page_parse (data, length, &item->error);
          if (item->page == NULL)
            item->outcome = XA_SYNC_FETCH_FAILED;
        }
      last = item->page == NULL || !item->page->more;
      if (!last)
        {
          g_free (cursor);
          cursor = g_strdup (item->page->cursor);
        }
      if (!pipeline_push (self, item))
        {
          handoff_free (item);
          break;
        }
      pipeline_free_applied (self);
    }
  return NULL;
}

static void
cancel_fetcher (GCancellable *cancellable,
                gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

XaSyncPipeline *
_xa_sync_pipeline_start (XaSyncFetchFunc  fetch,
                         gpointer         fetch_data,
                         guint            timeout_seconds,
                         const char      *cursor,
                         GCancellable    *cancellable)
{
  XaSyncPipeline *self = g_new0 (XaSyncPipeline, 1);

  self->fetch = fetch;
  self->fetch_data = fetch_data;
  self->timeout_seconds = timeout_seconds;
  self->cursor = g_strdup (cursor);
  self->cancellable = g_cancellable_new ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  g_queue_init (&self->items);
  self->applied = g_ptr_array_new_with_free_func ((GDestroyNotify) _xa_sync_page_free);
  if (cancellable != NULL)
    {
      self->sync_cancellable = g_object_ref (cancellable);
      self->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_fetcher),
                                                    g_object_ref (self->cancellable),
                                                    g_object_unref);
    }
  self->fetcher = g_thread_new ("xa-sync-fetch", fetch_thread, self);
  return self;
}

XaSyncPage *
_xa_sync_pipeline_next (XaSyncPipeline      *self,
                        XaSyncFetchOutcome  *outcome,
                        GError             **error)
{
  Handoff *item;
  XaSyncPage *page;

  g_mutex_lock (&self->lock);
  while (self->items.length == 0)
    g_cond_wait (&self->changed, &self->lock);
  item = g_queue_pop_head (&self->items);
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);

  *outcome = item->outcome;
  page = g_steal_pointer (&item->page);
  if (page == NULL && item->outcome == XA_SYNC_FETCH_FAILED)
    g_propagate_error (error, g_steal_pointer (&item->error));
  handoff_free (item);
  return page;
}

void
_xa_sync_pipeline_done (XaSyncPipeline *self,
                        XaSyncPage     *page)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->applied, page);
  g_mutex_unlock (&self->lock);
}

guint
_xa_sync_pipeline_finish (XaSyncPipeline *self,
                          gboolean        abort)
{
  Handoff *item;
  guint retries;

  /* Stop the fetcher (it may be waiting for room or in the middle of a request) and drop
   * whatever it read ahead: nothing after a failed page is ever committed. */
  g_mutex_lock (&self->lock);
  self->stop = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  if (abort)
    g_cancellable_cancel (self->cancellable);
  g_thread_join (self->fetcher);
  while ((item = g_queue_pop_head (&self->items)) != NULL)
    handoff_free (item);

  if (self->sync_cancellable != NULL)
    {
      g_cancellable_disconnect (self->sync_cancellable, self->cancel_handler);
      g_object_unref (self->sync_cancellable);
    }
  retries = self->retries;
  g_ptr_array_unref (self->applied);
  g_object_unref (self->cancellable);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  g_free (self->cursor);
  g_free (self);
  return retries;
}
