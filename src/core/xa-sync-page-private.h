/* xa-sync-page-private.h — one page of the change feed read and validated whole, before
 * anything of it is stored. Internal to the sync client, which parses a page on its fetching
 * thread and hands the result to the thread that applies it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *changes;   /* XaChange*, in seq order */
  char      *cursor;    /* where the next request continues */
  gboolean   more;
  guint64    deleted;   /* tombstones among @changes */
} XaSyncPage;

/* Parses the page body @data (taking it: g_free) into changes. Any fault of the page, in its
 * JSON or in one of its records, is an XA_SYNC_ERROR_BAD_PAGE that names the record. */
XaSyncPage *_xa_sync_page_parse (char        *data,
                                 gsize        length,
                                 GError     **error);
void        _xa_sync_page_free  (XaSyncPage  *page);

/* Sets the XA_SYNC_ERROR_BAD_PAGE error that says nothing of the page was stored. */
gboolean    _xa_sync_page_bad   (GError     **error,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (2, 3);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaSyncPage, _xa_sync_page_free)

G_END_DECLS
