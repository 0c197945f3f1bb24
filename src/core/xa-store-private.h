/* xa-store-private.h — what the store's files share: moving records in and out of their rows
 * (xa-store-rows.c, used by xa-store.c and xa-store-queries.c), the schema, its migrations
 * and the deferred indexes (xa-store-schema.c, used by xa-store.c), the file on disk: its
 * damage, its clean-shutdown marker (xa-store-files.c), the SQL helpers they all use, and
 * the store's connection for the read queries of xa-store-queries.c. Each record type's
 * table is named as the type on the wire (xa_record_type_to_string()); its columns are those
 * of the type's description (_xa_record_columns() in xa-records-private.h). */
#pragma once

#include <sqlite3.h>

#include "xa-records-private.h"
#include "xa-store.h"

G_BEGIN_DECLS

/* The store's own connection, for read queries kept in other files (xa-store-queries.c).
 * Owned by the store; use it from the store's thread only. */
sqlite3 *_xa_store_get_db      (XaStore      *self);

/* Emits "outbox-changed" (see xa-store.h) after a committed change of the outbox. */
void     _xa_store_outbox_changed (XaStore      *self);
/* Ends a change of the outbox begun with BEGIN IMMEDIATE: when @ok and *@local_error is
 * unset, COMMIT and "outbox-changed"; otherwise (or when COMMIT fails) ROLLBACK, and
 * *@local_error goes to @error. Returns whether the change was committed. */
gboolean _xa_store_end_outbox_change (XaStore   *self,
                                      gboolean   ok,
                                      GError   **local_error,
                                      GError   **error);

/* Sets @error to XA_STORE_ERROR_SQL with @what and sqlite's last message; returns FALSE. */
gboolean _xa_store_set_sql_error  (sqlite3      *db,
                                   GError      **error,
                                   const char   *what);
/* Runs @sql (one or more statements) and says why it failed in XA_STORE_ERROR_SQL. */
gboolean _xa_store_exec           (sqlite3      *db,
                                   const char   *sql,
                                   GError      **error);
/* Runs the one statement @sql with its parameters ?1, ?2 … bound in turn from the arguments
 * after @types, a letter each: 'i' a gint64 (cast a literal), 't' a string that outlives the
 * call (NULL binds NULL). A failure is told as @what and sqlite's message (see
 * _xa_store_set_sql_error()). */
gboolean _xa_store_run            (sqlite3      *db,
                                   const char   *what,
                                   GError      **error,
                                   const char   *sql,
                                   const char   *types,
                                   ...);
/* Whether the table @table (a record type's, say) holds a row of id @id; FALSE also when
 * sqlite cannot tell. */
gboolean _xa_store_row_exists     (sqlite3      *db,
                                   const char   *table,
                                   const char   *id);
/* A copy of the text of column @column of @stmt's row, or NULL for a NULL. */
char    *_xa_store_dup_column     (sqlite3_stmt *stmt,
                                   int           column);

/* Whether an extended sqlite result code means the file is damaged (corrupt, or not a
 * database). */
gboolean _xa_store_is_damage      (int           code);
/* PRAGMA quick_check on @db; XA_STORE_ERROR_DAMAGED naming @path when it finds damage. */
gboolean _xa_store_quick_check    (sqlite3      *db,
                                   const char   *path,
                                   GError      **error);
/* The clean-shutdown marker beside the store file (xa-store-files.c): note_open() says
 * whether the last process to have @path open never closed it; note_closed() goes with
 * each note_open(). */
gboolean _xa_store_note_open      (const char   *path);
void     _xa_store_note_closed    (const char   *path);

/* Brings the file's tables to the current schema, one transaction for all the steps it
 * lacks; fails with XA_STORE_ERROR_TOO_NEW for a file written by a newer version. @path is
 * for the message only. */
gboolean _xa_store_migrate        (sqlite3      *db,
                                   const char   *path,
                                   GError      **error);
/* Creates the secondary indexes that are missing, in the caller's transaction. */
gboolean _xa_store_create_indexes (sqlite3      *db,
                                   GError      **error);
/* Drops the secondary indexes in a transaction of its own, for a first sync to build them
 * once at its end (see xa_store_defer_indexes()). */
gboolean _xa_store_drop_indexes   (sqlite3      *db,
                                   GError      **error);

/* Writes the pending edits of record @type @id over its row again, each entry keeping the row
 * as it was before it (xa-store-edits.c); for a resolved conflict (xa-store-conflicts.c). */
gboolean _xa_store_reapply_record (sqlite3      *db,
                                   XaRecordType  type,
                                   const char   *id,
                                   GError      **error);
/* Applies one change of the feed to its row, as a page would (only a newer version is
 * written); inside the caller's transaction. */
gboolean _xa_store_apply_change   (XaStore      *self,
                                   XaChange     *change,
                                   GError      **error);
/* Writes the pending edits of the outbox over their rows again, oldest first, in the
 * caller's transaction, after a page (@changes, XaChange*) or a full resync (@changes NULL:
 * every record) brought those records (xa-store-edits.c). */
gboolean _xa_store_reapply_edits  (sqlite3      *db,
                                   GPtrArray    *changes,
                                   GError      **error);

/* Binds @change (not a tombstone) to its type's upsert statement. */
void     _xa_store_bind_record (sqlite3_stmt *stmt,
                                XaChange     *change);
/* Reads the current row of a "SELECT id, version, <columns>" into a new record. */
gpointer _xa_store_read_row    (sqlite3      *db,
                                XaRecordType  type,
                                sqlite3_stmt *stmt);

/* The SQL of the @n-th query of xa-store-queries.c and its name (in @out_name), or NULL past
 * the last: for the tests that hold each query to its index (tests/xa-test-store.c). */
char    *_xa_store_queries_nth_sql (guint         n,
                                    const char  **out_name);

G_END_DECLS
