/* xa-store.h — the local records store: one sqlite file (WAL, migrations, foreign keys,
 * an R*Tree over compound positions) mirroring the records server, plus the sync cursor.
 * One XaStore is one sqlite connection: use it from one thread only; a worker thread opens
 * its own XaStore on the same file. */
#pragma once

#include <gio/gio.h>
#include "xa-records.h"

G_BEGIN_DECLS

#define XA_STORE_ERROR (xa_store_error_quark ())
GQuark xa_store_error_quark (void);

typedef enum
{
  XA_STORE_ERROR_OPEN,        /* the file cannot be opened or is not a store */
  XA_STORE_ERROR_TOO_NEW,     /* written by a newer Xiaoqu Atlas */
  XA_STORE_ERROR_SQL,         /* sqlite failed (disk full, I/O error …) */
  XA_STORE_ERROR_REJECTED,    /* a page was rejected; the store is unchanged */
  XA_STORE_ERROR_DAMAGED,     /* the file is damaged on disk (sqlite: corrupt, not a database) */
  XA_STORE_ERROR_OTHER_SERVER,/* the store mirrors another server; see xa_store_dup_server() */
} XaStoreError;

#define XA_TYPE_STORE (xa_store_get_type ())
G_DECLARE_FINAL_TYPE (XaStore, xa_store, XA, STORE, GObject)

/* Signal "outbox-changed" (no arguments): an edit, a discard, a push's answer or a resolved
 * conflict changed the outbox through this connection. Views holding the same connection
 * update their "pending" marks and counts at once; changes made through another connection
 * (the sync's worker) are announced by whoever runs it (the session's "finished"). */

/* For a view that shows a store: puts @store (may be NULL) in *@slot, which @owner holds,
 * and @outbox_changed (called with @owner, may be NULL) on its "outbox-changed" for as long
 * as @owner holds it. The store held before is let go, with every handler of @owner on it.
 * Nothing happens when *@slot is @store already. */
void     xa_store_hold           (XaStore    **slot,
                                  XaStore     *store,
                                  gpointer     owner,
                                  GCallback    outbox_changed);

/* The default file: $XDG_DATA_HOME/xiaoqu-atlas/records.db */
char    *xa_store_default_path   (void);

XaStore *xa_store_open           (const char  *path,
                                  GError     **error);
const char *xa_store_get_path    (XaStore     *self);

/* The server this store mirrors (its address as the sync client uses it), or NULL while
 * nothing was ever synced into it. A store mirrors one server only: the first page applied
 * names it, and xa_store_apply_page() refuses pages of any other
 * (XA_STORE_ERROR_OTHER_SERVER). */
char    *xa_store_dup_server     (XaStore     *self);

/* PRAGMA quick_check: XA_STORE_ERROR_DAMAGED, saying what is wrong, when a page of the file
 * is damaged. xa_store_open() runs it by itself when the last process that had the file
 * open did not close it. Reads the whole file: seconds for a million records. */
gboolean xa_store_check          (XaStore     *self,
                                  GError     **error);

/* A name to keep the store at @path under, beside it: "PATH.<local time>.@reason"
 * ("damaged", "bak"), one no file has yet. */
char    *xa_store_aside_path     (const char  *path,
                                  const char  *reason);
/* Renames the store at @path and its -wal, -shm and -journal files to @aside_path (plus the
 * same suffixes), so the kept file still opens with everything committed to it; never over
 * an existing file. Every connection to it should be closed first. Nothing is deleted. */
gboolean xa_store_move_aside     (const char  *path,
                                  const char  *aside_path,
                                  GError     **error);

/* The cursor of the server at @server_url, or NULL when it was never synced. */
char    *xa_store_dup_cursor     (XaStore     *self,
                                  const char  *server_url);
/* When the last page from @server_url was committed (unix seconds), 0 if never. */
gint64   xa_store_get_last_sync  (XaStore     *self,
                                  const char  *server_url);

/* Applies @changes (XaChange*) and stores @cursor for @server_url in one transaction.
 * All or nothing: on error the store is exactly as before and the error names the record.
 * Returns the number of changes applied. */
gboolean xa_store_apply_page     (XaStore     *self,
                                  const char  *server_url,
                                  GPtrArray   *changes,
                                  const char  *cursor,
                                  GError     **error);

/* For a first sync: when the store holds no records, drops its secondary indexes so pages
 * are appended without maintaining them (queries stay correct, only slower, meanwhile).
 * They come back with xa_store_build_indexes(), or by themselves inside the transaction of
 * the first page that deletes anything. Survives reopening: an interrupted first sync
 * continues without them until a later sync completes. */
gboolean xa_store_defer_indexes  (XaStore     *self,
                                  GError     **error);
/* Builds the indexes xa_store_defer_indexes() dropped, in one transaction; a no-op when
 * nothing was deferred. */
gboolean xa_store_build_indexes  (XaStore     *self,
                                  GError     **error);

/* Replaces every record and the sync state of @server_url with those of the store file
 * at @other_path, in one transaction (the end of a full resync), then builds any secondary
 * index that xa_store_defer_indexes() dropped. */
gboolean xa_store_replace_from   (XaStore     *self,
                                  const char  *other_path,
                                  const char  *server_url,
                                  GError     **error);

/* Number of stored records of @type. */
gint64   xa_store_count          (XaStore      *self,
                                  XaRecordType  type);

/* Runs @sql (a read-only query written by the caller, never user text) with no
 * parameters and returns the first column of the first row as an integer. For tests
 * and reports. */
gint64   xa_store_query_int      (XaStore     *self,
                                  const char  *sql,
                                  GError     **error);

/* Compound ids whose position falls in the box, via the R*Tree. */
GPtrArray *xa_store_compounds_in_box (XaStore *self,
                                      double   min_lat,
                                      double   min_lon,
                                      double   max_lat,
                                      double   max_lon);

/* Calls @func with each stored record of @type (an XaCompound*, XaProblem* … as in
 * xa-records.h; valid only during the call), in id order. */
typedef void (*XaStoreForeachFunc) (gconstpointer record,
                                    gpointer      user_data);
gboolean xa_store_foreach        (XaStore            *self,
                                  XaRecordType        type,
                                  XaStoreForeachFunc  func,
                                  gpointer            user_data,
                                  GError            **error);

/* The compound with @id, or NULL. */
XaCompound *xa_store_get_compound (XaStore    *self,
                                   const char *id);
/* The problem with @id as its row is now (local edits included), or NULL. */
XaProblem  *xa_store_get_problem  (XaStore    *self,
                                   const char *id);
/* The elevator with @id as its row is now (local edits included), or NULL. */
XaElevator *xa_store_get_elevator (XaStore    *self,
                                   const char *id);

G_END_DECLS
