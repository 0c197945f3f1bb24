/* xa-store.c — the local sqlite mirror of the records server. Pages from the change feed
 * are applied together with their cursor in one transaction, so a sync interrupted at any
 * moment resumes at the last committed page and nothing is half-applied. Writes are
 * upserts that keep the higher version, so re-applying a page is harmless. This file is the
 * connection and its transactions; the other units of the store each have one job: the
 * tables, their migrations and the list of deferred indexes in xa-store-schema.c (when the
 * indexes are left out and built again is decided here), a record as a row in
 * xa-store-rows.c, the file on disk (damage, the clean-shutdown marker, moving it aside) in
 * xa-store-files.c, and the side panel's read queries in xa-store-queries.c. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "xa-store-private.h"
#include "xa-web-address.h"

G_DEFINE_QUARK (xa-store-error-quark, xa_store_error)

/* The page cache, in KiB (negative, as PRAGMA cache_size takes it): bounds the memory a
 * sync needs however many records it brings. */
#define CACHE_KIB -16000

struct _XaStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  sqlite3_stmt *upsert[XA_N_RECORD_TYPES];
  sqlite3_stmt *remove[XA_N_RECORD_TYPES];
  sqlite3_stmt *clear_cadre_links;
  sqlite3_stmt *add_cadre_link;
  sqlite3_stmt *get_cursor;
  sqlite3_stmt *put_cursor;
  sqlite3_stmt *get_server;
  sqlite3_stmt *put_server;
  gboolean      indexes_deferred;   /* see xa_store_defer_indexes() */
  gboolean      noted_open;         /* _xa_store_note_open() was called */
};

G_DEFINE_FINAL_TYPE (XaStore, xa_store, G_TYPE_OBJECT)

enum {
  OUTBOX_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_xa_store_outbox_changed (XaStore *self)
{
  g_signal_emit (self, signals[OUTBOX_CHANGED], 0);
}

void
xa_store_hold (XaStore   **slot,
               XaStore    *store,
               gpointer    owner,
               GCallback   outbox_changed)
{
  g_return_if_fail (slot != NULL);
  g_return_if_fail (store == NULL || XA_IS_STORE (store));

  if (*slot == store)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, owner);
  g_clear_object (slot);
  if (store == NULL)
    return;
  *slot = g_object_ref (store);
  if (outbox_changed != NULL)
    g_signal_connect_object (store, "outbox-changed", outbox_changed, owner,
                             G_CONNECT_SWAPPED);
}

gboolean
_xa_store_end_outbox_change (XaStore   *self,
                             gboolean   ok,
                             GError   **local_error,
                             GError   **error)
{
  sqlite3 *db = _xa_store_get_db (self);

  if (ok && *local_error == NULL && _xa_store_exec (db, "COMMIT", local_error))
    {
      _xa_store_outbox_changed (self);
      return TRUE;
    }
  _xa_store_exec (db, "ROLLBACK", NULL);
  g_propagate_error (error, g_steal_pointer (local_error));
  return FALSE;
}

/* Damage is told apart from every other failure wherever sqlite reports it, so that no
 * caller mistakes a damaged file for a passing problem (or, worse, for success). */
static XaStoreError
error_code (sqlite3 *db)
{
  return _xa_store_is_damage (sqlite3_extended_errcode (db)) ? XA_STORE_ERROR_DAMAGED
                                                             : XA_STORE_ERROR_SQL;
}

gboolean
_xa_store_set_sql_error (sqlite3     *db,
                         GError     **error,
                         const char  *what)
{
  XaStoreError code = error_code (db);

  g_set_error (error, XA_STORE_ERROR, code, "%s: %s%s", what, sqlite3_errmsg (db),
               code == XA_STORE_ERROR_DAMAGED ? " (the file is damaged)" : "");
  return FALSE;
}

gboolean
_xa_store_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;
  int rc;

  if ((rc = sqlite3_exec (db, sql, NULL, NULL, &message)) != SQLITE_OK)
    {
      g_set_error (error, XA_STORE_ERROR,
                   _xa_store_is_damage (rc) ? XA_STORE_ERROR_DAMAGED : XA_STORE_ERROR_SQL, "%s",
                   message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_xa_store_run (sqlite3     *db,
               const char  *what,
               GError     **error,
               const char  *sql,
               const char  *types,
               ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return _xa_store_set_sql_error (db, error, what);
  va_start (args, types);
  for (int i = 0; types[i] != '\0'; i++)
    {
      if (types[i] == 'i')
        sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
      else
        sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_STATIC);
    }
  va_end (args);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _xa_store_set_sql_error (db, error, what);
  return TRUE;
}

char *
_xa_store_dup_column (sqlite3_stmt *stmt,
                      int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
set_sql_error (XaStore     *self,
               GError     **error,
               const char  *what)
{
  return _xa_store_set_sql_error (self->db, error, what);
}

static gboolean
exec (XaStore     *self,
      const char  *sql,
      GError     **error)
{
  return _xa_store_exec (self->db, sql, error);
}

static sqlite3_stmt *
prepare (XaStore     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (self, error, "Could not prepare a statement");
      return NULL;
    }
  return stmt;
}

static gboolean
prepare_statements (XaStore  *self,
                    GError  **error)
{
  for (guint type = 0; type < XA_N_RECORD_TYPES; type++)
    {
      const char *table = xa_record_type_to_string (type);
      g_auto(GStrv) columns = g_strsplit (_xa_record_columns (type), ",", -1);
      g_autoptr(GString) sql = g_string_new (NULL);
      g_autofree char *remove_sql = NULL;

      g_string_append_printf (sql, "INSERT INTO %s (id, version, %s) VALUES (?, ?",
                              table, _xa_record_columns (type));
      for (guint i = 0; columns[i] != NULL; i++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ") ON CONFLICT (id) DO UPDATE SET version = excluded.version");
      for (guint i = 0; columns[i] != NULL; i++)
        {
          const char *column = g_strstrip (columns[i]);
          g_string_append_printf (sql, ", %s = excluded.%s", column, column);
        }
      g_string_append_printf (sql, " WHERE excluded.version >= %s.version", table);

      if ((self->upsert[type] = prepare (self, sql->str, error)) == NULL)
        return FALSE;
      remove_sql = g_strdup_printf ("DELETE FROM %s WHERE id = ? AND version <= ?", table);
      if ((self->remove[type] = prepare (self, remove_sql, error)) == NULL)
        return FALSE;
    }

  return (self->clear_cadre_links = prepare (self, "DELETE FROM cadre_compound WHERE cadre = ?",
                                             error)) &&
         (self->add_cadre_link = prepare (self, "INSERT OR IGNORE INTO cadre_compound "
                                                "(cadre, compound) VALUES (?, ?)", error)) &&
         (self->get_cursor = prepare (self, "SELECT cursor, last_sync FROM sync_state "
                                            "WHERE server = ?", error)) &&
         (self->put_cursor = prepare (self, "INSERT INTO sync_state (server, cursor, last_sync) "
                                            "VALUES (?, ?, ?) ON CONFLICT (server) DO UPDATE SET "
                                            "cursor = excluded.cursor, "
                                            "last_sync = excluded.last_sync",
                                      error)) &&
         (self->get_server = prepare (self, "SELECT url FROM store_server", error)) &&
         (self->put_server = prepare (self, "INSERT OR IGNORE INTO store_server (only, url, since) "
                                            "VALUES (1, ?, ?)", error));
}

static void
xa_store_finalize (GObject *object)
{
  XaStore *self = XA_STORE (object);

  for (guint type = 0; type < XA_N_RECORD_TYPES; type++)
    {
      sqlite3_finalize (self->upsert[type]);
      sqlite3_finalize (self->remove[type]);
    }
  sqlite3_finalize (self->clear_cadre_links);
  sqlite3_finalize (self->add_cadre_link);
  sqlite3_finalize (self->get_cursor);
  sqlite3_finalize (self->put_cursor);
  sqlite3_finalize (self->get_server);
  sqlite3_finalize (self->put_server);
  if (self->db != NULL)
    sqlite3_close (self->db);
  if (self->noted_open)
    _xa_store_note_closed (self->path);
  g_free (self->path);

  G_OBJECT_CLASS (xa_store_parent_class)->finalize (object);
}

static void
xa_store_class_init (XaStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xa_store_finalize;

  signals[OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
}

static void
xa_store_init (XaStore *self)
{
}

char *
xa_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "xiaoqu-atlas", "records.db", NULL);
}

/* A file that does not even start like a database is some other file given by mistake,
 * not a damaged store: it is refused and left where it is. */
static gboolean
has_sqlite_header (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char header[sizeof magic] = { 0 };
  FILE *file = g_fopen (path, "rb");
  gboolean found;

  if (file == NULL)
    return FALSE;
  found = fread (header, 1, sizeof header, file) == sizeof header
          && memcmp (header, magic, sizeof magic) == 0;
  fclose (file);
  return found;
}

XaStore *
xa_store_open (const char  *path,
               GError     **error)
{
  static gsize configured = 0;
  g_autoptr(XaStore) self = NULL;
  g_autofree char *dir = NULL;
  gboolean unclean;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_OPEN,
                   "Could not create the folder %s for the records store: %s",
                   dir, g_strerror (errno));
      return NULL;
    }

  if (g_once_init_enter (&configured))
    {
      /* sqlite counts every allocation under a process-wide mutex unless told not to; that
       * lock was a tenth of a sync's time. Only possible before sqlite's first use in the
       * process, so it may fail quietly when another library got there first. */
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }

  self = g_object_new (XA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  unclean = _xa_store_note_open (path);
  self->noted_open = TRUE;
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_OPEN,
                   "Could not open the records store %s: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);
  sqlite3_extended_result_codes (self->db, 1);

  /* NORMAL is durable against an application crash in WAL mode, and a mirror can be
   * re-synced after a power cut; FULL would double the cost of every page. Under WAL it
   * cannot corrupt the file either: a commit cut short by a power cut is a torn tail of the
   * WAL, which its checksums make sqlite ignore, so the store falls back to an earlier page
   * and cursor together. NORMAL syncs only at checkpoints, and a checkpoint every 4 MiB
   * (the default) meant two fsyncs every other page of a first sync: 32 MiB between them,
   * with the WAL file cut back to that size after each. */
  if (!exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                   "PRAGMA wal_autocheckpoint = 8192; PRAGMA journal_size_limit = 33554432;"
                   "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
                   "PRAGMA cache_size = " G_STRINGIFY (CACHE_KIB) ";", error))
    {
      g_prefix_error (error, "Could not open the records store %s: ", path);
      if (g_error_matches (*error, XA_STORE_ERROR, XA_STORE_ERROR_SQL) ||
          (g_error_matches (*error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED) &&
           !has_sqlite_header (path)))
        (*error)->code = XA_STORE_ERROR_OPEN;
      return NULL;
    }
  /* After a crash or a power cut sqlite's journal brings back every committed page; a
   * quick check tells whether the disk kept its side of that bargain. */
  if (unclean && !_xa_store_quick_check (self->db, path, error))
    return NULL;
  if (!_xa_store_migrate (self->db, self->path, error) || !prepare_statements (self, error))
    return NULL;
  self->indexes_deferred = xa_store_query_int (self,
                                               "SELECT count(*) FROM sqlite_master "
                                               "WHERE type = 'index' AND name = 'problem_status'",
                                               NULL) == 0;

  return g_steal_pointer (&self);
}

const char *
xa_store_get_path (XaStore *self)
{
  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  return self->path;
}

sqlite3 *
_xa_store_get_db (XaStore *self)
{
  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  return self->db;
}

char *
xa_store_dup_server (XaStore *self)
{
  char *url = NULL;

  g_return_val_if_fail (XA_IS_STORE (self), NULL);

  if (sqlite3_step (self->get_server) == SQLITE_ROW)
    url = _xa_store_dup_column (self->get_server, 0);
  sqlite3_reset (self->get_server);
  return url;
}

/* Inside the page's transaction: names @server_url as the store's server when it has none
 * yet, and refuses a page of any other. */
static gboolean
claim_server (XaStore     *self,
              const char  *server_url,
              GError     **error)
{
  g_autofree char *owner = xa_store_dup_server (self);

  if (owner != NULL && !xa_web_address_same (owner, server_url))
    {
      g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_OTHER_SERVER,
                   "The records store %s mirrors the records server at %s, not the one at %s",
                   self->path, owner, server_url);
      return FALSE;
    }
  if (owner != NULL)
    return TRUE;
  sqlite3_bind_text (self->put_server, 1, server_url, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->put_server, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (self->put_server) != SQLITE_DONE)
    set_sql_error (self, error, "Could not note the store's server");
  sqlite3_reset (self->put_server);
  sqlite3_clear_bindings (self->put_server);
  return error == NULL || *error == NULL;
}

char *
xa_store_dup_cursor (XaStore    *self,
                     const char *server_url)
{
  char *cursor = NULL;

  g_return_val_if_fail (XA_IS_STORE (self), NULL);

  sqlite3_bind_text (self->get_cursor, 1, server_url, -1, SQLITE_STATIC);
  if (sqlite3_step (self->get_cursor) == SQLITE_ROW && sqlite3_column_text (self->get_cursor, 0))
    cursor = _xa_store_dup_column (self->get_cursor, 0);
  sqlite3_reset (self->get_cursor);
  sqlite3_clear_bindings (self->get_cursor);
  return cursor;
}

gint64
xa_store_get_last_sync (XaStore    *self,
                        const char *server_url)
{
  gint64 last = 0;

  g_return_val_if_fail (XA_IS_STORE (self), 0);

  sqlite3_bind_text (self->get_cursor, 1, server_url, -1, SQLITE_STATIC);
  if (sqlite3_step (self->get_cursor) == SQLITE_ROW)
    last = sqlite3_column_int64 (self->get_cursor, 1);
  sqlite3_reset (self->get_cursor);
  sqlite3_clear_bindings (self->get_cursor);
  return last;
}

gboolean
_xa_store_row_exists (sqlite3    *db,
                      const char *table,
                      const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* Explains a foreign-key failure by finding the reference that points nowhere; the feed's
 * ordering guarantee makes such a record a server error, named for its operator. A cadre's
 * link to a compound fails on its own row (@link_target); a record's references are found
 * in its type's description, the first that points nowhere named (the last if none seems
 * to). */
static void
set_reference_error (XaStore    *self,
                     XaChange   *change,
                     const char *link_target,
                     GError    **error)
{
  const XaRecordSpec *spec = _xa_record_spec (change->type);
  const char *type = xa_record_type_to_string (change->type);
  const XaFieldSpec *field = NULL;
  const char *target = NULL;

  for (guint i = 0; i < spec->n_fields && change->record != NULL; i++)
    {
      const XaFieldSpec *f = &spec->fields[i];

      if (f->kind == XA_FIELD_ID_LIST && link_target != NULL)
        field = f, target = link_target;
      else if (f->kind == XA_FIELD_REF && link_target == NULL &&
               (field == NULL ||
                _xa_store_row_exists (self->db, xa_record_type_to_string (field->target),
                                      target)))
        field = f, target = G_STRUCT_MEMBER (const char *, change->record, f->offset);
    }

  if (field != NULL)
    g_set_error (error, XA_RECORD_ERROR, XA_RECORD_ERROR_UNKNOWN_REFERENCE,
                 "%s %s: field “%s”: unknown %s “%s”", type, change->id, field->key,
                 xa_record_type_to_string (field->target), target);
  else
    g_set_error (error, XA_RECORD_ERROR, XA_RECORD_ERROR_UNKNOWN_REFERENCE,
                 "%s %s: other records still point at it", type, change->id);
}

static gboolean
step_done (XaStore      *self,
           sqlite3_stmt *stmt,
           XaChange     *change,
           const char   *link_target,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    set_reference_error (self, change, link_target, error);
  else
    g_set_error (error, XA_STORE_ERROR, error_code (self->db), "%s %s: could not be stored: %s",
                 xa_record_type_to_string (change->type), change->id, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
apply_change (XaStore   *self,
              XaChange  *change,
              GError   **error)
{
  sqlite3_stmt *stmt;

  if (change->deleted)
    {
      stmt = self->remove[change->type];
      sqlite3_bind_text (stmt, 1, change->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, change->version);
      return step_done (self, stmt, change, NULL, error);
    }

  stmt = self->upsert[change->type];
  _xa_store_bind_record (stmt, change);
  if (!step_done (self, stmt, change, NULL, error))
    return FALSE;

  /* A cadre's links follow the cadre row, but only when that row took the new version. */
  if (change->type == XA_RECORD_CADRE && sqlite3_changes (self->db) > 0)
    {
      XaCadre *cadre = change->record;

      sqlite3_bind_text (self->clear_cadre_links, 1, change->id, -1, SQLITE_STATIC);
      if (!step_done (self, self->clear_cadre_links, change, NULL, error))
        return FALSE;
      for (guint i = 0; cadre->compounds[i] != NULL; i++)
        {
          sqlite3_bind_text (self->add_cadre_link, 1, change->id, -1, SQLITE_STATIC);
          sqlite3_bind_text (self->add_cadre_link, 2, cadre->compounds[i], -1, SQLITE_STATIC);
          if (!step_done (self, self->add_cadre_link, change, cadre->compounds[i], error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
_xa_store_apply_change (XaStore   *self,
                        XaChange  *change,
                        GError   **error)
{
  return apply_change (self, change, error);
}

static gboolean
put_cursor (XaStore     *self,
            const char  *server_url,
            const char  *cursor,
            GError     **error)
{
  sqlite3_bind_text (self->put_cursor, 1, server_url, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->put_cursor, 2, cursor, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->put_cursor, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (self->put_cursor) != SQLITE_DONE)
    set_sql_error (self, error, "Could not store the sync position");
  sqlite3_reset (self->put_cursor);
  sqlite3_clear_bindings (self->put_cursor);
  return error == NULL || *error == NULL;
}

gboolean
xa_store_apply_page (XaStore     *self,
                     const char  *server_url,
                     GPtrArray   *changes,
                     const char  *cursor,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean building = FALSE;

  g_return_val_if_fail (XA_IS_STORE (self), FALSE);
  g_return_val_if_fail (server_url != NULL && cursor != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!claim_server (self, server_url, &local_error))
    {
      exec (self, "ROLLBACK", NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A deletion cascades through the indexes on "compound" and checks the other references:
   * without them each tombstone would scan whole tables. So the indexes come back first, in
   * this page's transaction, and go with it if the page is rejected. */
  if (self->indexes_deferred)
    for (guint i = 0; i < changes->len && !building; i++)
      building = ((XaChange *) g_ptr_array_index (changes, i))->deleted;
  if (building)
    _xa_store_create_indexes (self->db, &local_error);

  for (guint i = 0; i < changes->len && local_error == NULL; i++)
    apply_change (self, g_ptr_array_index (changes, i), &local_error);
  if (local_error == NULL)
    _xa_store_reapply_edits (self->db, changes, &local_error);
  if (local_error == NULL)
    put_cursor (self, server_url, cursor, &local_error);
  if (local_error == NULL && exec (self, "COMMIT", &local_error))
    {
      if (building)
        self->indexes_deferred = FALSE;
      return TRUE;
    }

  exec (self, "ROLLBACK", NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
store_is_empty (XaStore *self)
{
  for (guint type = 0; type < XA_N_RECORD_TYPES; type++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s)",
                                              xa_record_type_to_string (type));
      if (xa_store_query_int (self, sql, NULL) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
xa_store_defer_indexes (XaStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), FALSE);

  if (self->indexes_deferred || !store_is_empty (self))
    return TRUE;
  if (!_xa_store_drop_indexes (self->db, error))
    return FALSE;
  self->indexes_deferred = TRUE;
  return TRUE;
}

gboolean
xa_store_build_indexes (XaStore  *self,
                        GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (XA_IS_STORE (self), FALSE);

  if (!self->indexes_deferred)
    return TRUE;
  /* Sorting a million keys in memory would make the peak grow with the store: the sorter
   * spills to a temporary file once it holds as much as the page cache, kept small here. */
  exec (self, "PRAGMA temp_store = FILE; PRAGMA cache_size = -4000", NULL);
  if (exec (self, "BEGIN IMMEDIATE", &local_error) &&
      _xa_store_create_indexes (self->db, &local_error) &&
      exec (self, "COMMIT", &local_error))
    self->indexes_deferred = FALSE;
  else
    exec (self, "ROLLBACK", NULL);
  exec (self, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = " G_STRINGIFY (CACHE_KIB), NULL);
  if (!self->indexes_deferred)
    return TRUE;
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              "Could not index the records store: ");
  return FALSE;
}

gboolean
xa_store_replace_from (XaStore     *self,
                       const char  *other_path,
                       const char  *server_url,
                       GError     **error)
{
  sqlite3_stmt *attach = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *cursor_sql = NULL;

  g_return_val_if_fail (XA_IS_STORE (self), FALSE);

  if (sqlite3_prepare_v2 (self->db, "ATTACH DATABASE ? AS resync", -1, &attach, NULL) != SQLITE_OK)
    return set_sql_error (self, error, "Could not open the resynced records");
  sqlite3_bind_text (attach, 1, other_path, -1, SQLITE_STATIC);
  if (sqlite3_step (attach) != SQLITE_DONE)
    {
      sqlite3_finalize (attach);
      return set_sql_error (self, error, "Could not open the resynced records");
    }
  sqlite3_finalize (attach);

  if (exec (self, "BEGIN IMMEDIATE", &local_error))
    {
      /* Children first when emptying, parents first when filling. */
      for (int type = XA_N_RECORD_TYPES - 1; type >= 0 && local_error == NULL; type--)
        {
          g_autofree char *sql = g_strdup_printf ("DELETE FROM main.%s",
                                                  xa_record_type_to_string (type));
          if (type == XA_RECORD_CADRE)
            exec (self, "DELETE FROM main.cadre_compound", &local_error);
          if (local_error == NULL)
            exec (self, sql, &local_error);
        }
      for (guint type = 0; type < XA_N_RECORD_TYPES && local_error == NULL; type++)
        {
          const char *table = xa_record_type_to_string (type);
          g_autofree char *sql = g_strdup_printf ("INSERT INTO main.%s SELECT * FROM resync.%s",
                                                  table, table);
          exec (self, sql, &local_error);
          if (local_error == NULL && type == XA_RECORD_CADRE)
            exec (self, "INSERT INTO main.cadre_compound SELECT * FROM resync.cadre_compound",
                  &local_error);
        }
      if (local_error == NULL)
        {
          sqlite3_stmt *copy = NULL;

          if (sqlite3_prepare_v2 (self->db,
                                  "INSERT INTO main.sync_state (server, cursor, last_sync) "
                                  "SELECT server, cursor, last_sync FROM resync.sync_state "
                                  "WHERE server = ?1 ON CONFLICT (server) DO UPDATE SET "
                                  "cursor = excluded.cursor, last_sync = excluded.last_sync",
                                  -1, &copy, NULL) != SQLITE_OK)
            set_sql_error (self, &local_error, "Could not copy the sync position");
          else
            {
              sqlite3_bind_text (copy, 1, server_url, -1, SQLITE_STATIC);
              if (sqlite3_step (copy) != SQLITE_DONE)
                set_sql_error (self, &local_error, "Could not copy the sync position");
              sqlite3_finalize (copy);
            }
        }
      if (local_error == NULL)
        _xa_store_reapply_edits (self->db, NULL, &local_error);
      if (local_error == NULL)
        exec (self, "COMMIT", &local_error);
      else
        exec (self, "ROLLBACK", NULL);
    }
  exec (self, "DETACH DATABASE resync", NULL);

  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "Could not replace the records after a full resync: ");
      return FALSE;
    }
  /* The copy brings rows, not indexes: a store whose first sync was interrupted (indexes
   * deferred) would otherwise stay without them until some later sync completed. */
  return xa_store_build_indexes (self, error);
}

gint64
xa_store_count (XaStore      *self,
                XaRecordType  type)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (XA_IS_STORE (self), -1);
  g_return_val_if_fail (type < XA_N_RECORD_TYPES, -1);

  sql = g_strdup_printf ("SELECT count(*) FROM %s", xa_record_type_to_string (type));
  return xa_store_query_int (self, sql, NULL);
}

gint64
xa_store_query_int (XaStore     *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc;

  g_return_val_if_fail (XA_IS_STORE (self), -1);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (self, error, "Could not run a query");
      return -1;
    }
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    set_sql_error (self, error, "Could not run a query");
  sqlite3_finalize (stmt);
  return value;
}

GPtrArray *
xa_store_compounds_in_box (XaStore *self,
                           double   min_lat,
                           double   min_lon,
                           double   max_lat,
                           double   max_lon)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (XA_IS_STORE (self), ids);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT c.id FROM compound_position p "
                          "JOIN compound c ON c.rowid = p.compound "
                          "WHERE p.max_lat >= ?1 AND p.min_lat <= ?3 AND p.max_lon >= ?2 "
                          "AND p.min_lon <= ?4 ORDER BY c.id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return ids;
  sqlite3_bind_double (stmt, 1, min_lat);
  sqlite3_bind_double (stmt, 2, min_lon);
  sqlite3_bind_double (stmt, 3, max_lat);
  sqlite3_bind_double (stmt, 4, max_lon);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, _xa_store_dup_column (stmt, 0));
  sqlite3_finalize (stmt);
  return ids;
}

static sqlite3_stmt *
prepare_select (XaStore      *self,
                XaRecordType  type,
                const char   *where,
                GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, version, %s FROM %s %s ORDER BY id",
                                          _xa_record_columns (type),
                                          xa_record_type_to_string (type), where);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    set_sql_error (self, error, "Could not read the records");
  return stmt;
}

gboolean
xa_store_foreach (XaStore            *self,
                  XaRecordType        type,
                  XaStoreForeachFunc  func,
                  gpointer            user_data,
                  GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XA_IS_STORE (self), FALSE);
  g_return_val_if_fail (type < XA_N_RECORD_TYPES, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if ((stmt = prepare_select (self, type, "", error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer record = _xa_store_read_row (self->db, type, stmt);
      func (record, user_data);
      _xa_record_free (type, record);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sql_error (self, error, "Could not read the records");
  return TRUE;
}

static gpointer
get_record (XaStore      *self,
            XaRecordType  type,
            const char   *id)
{
  sqlite3_stmt *stmt;
  gpointer record = NULL;

  if ((stmt = prepare_select (self, type, "WHERE id = ?", NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = _xa_store_read_row (self->db, type, stmt);
  sqlite3_finalize (stmt);
  return record;
}

XaCompound *
xa_store_get_compound (XaStore    *self,
                       const char *id)
{
  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return get_record (self, XA_RECORD_COMPOUND, id);
}

XaProblem *
xa_store_get_problem (XaStore    *self,
                      const char *id)
{
  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return get_record (self, XA_RECORD_PROBLEM, id);
}

XaElevator *
xa_store_get_elevator (XaStore    *self,
                       const char *id)
{
  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return get_record (self, XA_RECORD_ELEVATOR, id);
}
