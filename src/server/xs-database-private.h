/* xs-database-private.h — what the files of XsDatabase share: the object's fields, the
 * cached statements, the transactions a write joins or owns, and the record helpers.
 * xs-database.c opens the file and writes and reads records; xs-database-delete.c deletes
 * them with what depends on them, xs-database-feed.c reads the feed's pages and
 * xs-database-compact.c merges the log below a horizon. Internal to XsDatabase. */
#pragma once

#include <sqlite3.h>

#include "xs-database.h"

G_BEGIN_DECLS

struct _XsDatabase
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *epoch;
  GHashTable *statements;   /* SQL text (static) → sqlite3_stmt* */
  gboolean    in_transaction;
};

/* Sets @error to sqlite's last message for @what; returns FALSE. */
gboolean      _xs_database_set_sqlite_error (XsDatabase    *self,
                                             GError       **error,
                                             const char    *what);
/* The cached, reset statement for @sql. @sql must be a string constant: it is the key. */
sqlite3_stmt *_xs_database_statement        (XsDatabase    *self,
                                             const char    *sql,
                                             GError       **error);
/* Runs a statement that returns no rows. */
gboolean      _xs_database_step_done        (XsDatabase    *self,
                                             sqlite3_stmt  *stmt,
                                             GError       **error);
/* Runs the cached statement @sql, which returns no rows. */
gboolean      _xs_database_run              (XsDatabase    *self,
                                             const char    *sql,
                                             GError       **error);

/* Starts a transaction unless the caller already holds one; *owned says who ends it. */
gboolean      _xs_database_auto_begin       (XsDatabase    *self,
                                             gboolean      *owned,
                                             GError       **error);
/* Commits (@ok) or rolls back the transaction when @owned; returns whether all went well. */
gboolean      _xs_database_auto_end         (XsDatabase    *self,
                                             gboolean       owned,
                                             gboolean       ok,
                                             GError       **error);

/* FALSE with XS_DATABASE_ERROR_BAD_TYPE or _BAD_ID unless @type and @id are valid. */
gboolean      _xs_database_check_key        (const char    *type,
                                             const char    *id,
                                             GError       **error);
/* The newest version of a record (retired ones included), 0 when never seen; *out_deleted
 * tells whether that newest state is a tombstone (TRUE when never seen). */
gboolean      _xs_database_current_version  (XsDatabase    *self,
                                             const char    *type,
                                             const char    *id,
                                             gint64        *out_version,
                                             gboolean      *out_deleted,
                                             GError       **error);
/* Appends a change (@data_json NULL: a tombstone); returns its seq, 0 on error. */
gint64        _xs_database_insert_change    (XsDatabase    *self,
                                             const char    *type,
                                             const char    *id,
                                             gint64         version,
                                             const char    *data_json,
                                             GError       **error);
/* Appends the next version of record @type @id, after its newest (retired ones included):
 * @data_json, or a tombstone when NULL; returns its seq, 0 on error. */
gint64        _xs_database_append_next      (XsDatabase    *self,
                                             const char    *type,
                                             const char    *id,
                                             const char    *data_json,
                                             GError       **error);
/* @data as compact JSON text. */
char         *_xs_database_object_to_json   (JsonObject    *data);

G_END_DECLS
