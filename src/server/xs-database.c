/* xs-database.c — see xs-database.h: opening and migrating the file, its statements and
 * transactions, writing and reading records, and statistics. Deleting is in
 * xs-database-delete.c, the feed's pages in xs-database-feed.c, compaction in
 * xs-database-compact.c; xs-database-private.h is what they share.
 *
 * The feed is the table itself: `changes` is an append-only log whose rowid is the feed's
 * seq, so a page is one range scan and its JSON is built by gluing the stored data text
 * together, never parsed again. seq is AUTOINCREMENT so a number is never given out twice,
 * even after compaction removed the newest rows: a client's cursor must never skip a new
 * change that happens to reuse an old number.
 *
 * Every statement is prepared once (with bound parameters) and kept in a cache. */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "xa-record-ids.h"
#include "xa-records.h"
#include "xs-database-private.h"

#define SCHEMA_VERSION 2

G_DEFINE_QUARK (xs-database-error-quark, xs_database_error)

G_DEFINE_FINAL_TYPE (XsDatabase, xs_database, G_TYPE_OBJECT)

/* ---- Statements -------------------------------------------------------------------------- */

gboolean
_xs_database_set_sqlite_error (XsDatabase  *self,
                               GError     **error,
                               const char  *what)
{
  g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_SQLITE,
               "Database %s: %s failed: %s", self->path, what, sqlite3_errmsg (self->db));
  return FALSE;
}

/* The cached, reset statement for @sql. @sql must be a string constant: it is the key. */
sqlite3_stmt *
_xs_database_statement (XsDatabase  *self,
                        const char  *sql,
                        GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL)
          != SQLITE_OK)
        {
          _xs_database_set_sqlite_error (self, error, "preparing a statement");
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

/* Runs a statement that returns no rows. */
gboolean
_xs_database_step_done (XsDatabase    *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _xs_database_set_sqlite_error (self, error, "a statement");
  return TRUE;
}

gboolean
_xs_database_run (XsDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = _xs_database_statement (self, sql, error);

  return stmt != NULL && _xs_database_step_done (self, stmt, error);
}

/* Runs a one-off statement (schema, pragmas) without caching it. */
static gboolean
run_once (XsDatabase  *self,
          const char  *sql,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return _xs_database_set_sqlite_error (self, error, "preparing a statement");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _xs_database_set_sqlite_error (self, error, sql);
  return TRUE;
}

static gint64
query_int (XsDatabase  *self,
           const char  *sql,
           gint64       fallback,
           GError     **error)
{
  sqlite3_stmt *stmt = _xs_database_statement (self, sql, error);
  gint64 value = fallback;
  int rc;

  if (stmt == NULL)
    return fallback;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _xs_database_set_sqlite_error (self, error, "a query");
  sqlite3_reset (stmt);
  return value;
}

/* ---- Transactions ------------------------------------------------------------------------ */

gboolean
xs_database_begin (XsDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (XS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  /* IMMEDIATE: take the write lock now, so a read that turns into a write never fails
   * with SQLITE_BUSY_SNAPSHOT when an admin command wrote in between. */
  if (!_xs_database_run (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
xs_database_commit (XsDatabase  *self,
                    GError     **error)
{
  g_return_val_if_fail (XS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!_xs_database_run (self, "COMMIT", error))
    return FALSE;
  self->in_transaction = FALSE;
  return TRUE;
}

void
xs_database_rollback (XsDatabase *self)
{
  g_return_if_fail (XS_IS_DATABASE (self));

  if (self->in_transaction)
    _xs_database_run (self, "ROLLBACK", NULL);
  self->in_transaction = FALSE;
}

/* Starts a transaction unless the caller already holds one; *owned says who ends it. */
gboolean
_xs_database_auto_begin (XsDatabase  *self,
                         gboolean    *owned,
                         GError     **error)
{
  *owned = !self->in_transaction;
  return !*owned || xs_database_begin (self, error);
}

gboolean
_xs_database_auto_end (XsDatabase  *self,
                       gboolean     owned,
                       gboolean     ok,
                       GError     **error)
{
  if (!owned)
    return ok;
  if (ok)
    return xs_database_commit (self, error);
  xs_database_rollback (self);
  return FALSE;
}

/* ---- Opening ----------------------------------------------------------------------------- */

static gboolean
migrate (XsDatabase  *self,
         GError     **error)
{
  static const char * const schema_v1[] = {
    "CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, "
    "id TEXT NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, data TEXT)",
    "CREATE INDEX changes_record ON changes (type, id)",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    /* The last version of records that compaction dropped, so a record created again
     * continues its version as the contract asks. */
    "CREATE TABLE retired (type TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, "
    "PRIMARY KEY (type, id))",
    "INSERT INTO meta (key, value) VALUES ('horizon_seq', '0')",
    "PRAGMA user_version = 1",
  };
  /* The answers to applied updates by their Idempotency-Key, so that a client's retry
   * (after a lost answer, a crash, a restart of either side) gets the same answer and
   * applies nothing twice. The fingerprint is of the request the key was first used on;
   * created (unix seconds) lets old answers go (see xs_database_keep_answer). */
  static const char * const schema_v2[] = {
    "CREATE TABLE answers (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, "
    "status INTEGER NOT NULL, body TEXT NOT NULL, created INTEGER NOT NULL)",
    "CREATE INDEX answers_created ON answers (created)",
    "PRAGMA user_version = 2",
  };
  gint64 version;
  gboolean ok = TRUE;

  version = query_int (self, "PRAGMA user_version", -1, error);
  if (version < 0)
    return FALSE;
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_SQLITE,
                   "Database %s was made by a newer xiaoqu-server (schema %" G_GINT64_FORMAT
                   "); use that version or another file", self->path, version);
      return FALSE;
    }
  if (version == SCHEMA_VERSION)
    return TRUE;

  if (!xs_database_begin (self, error))
    return FALSE;
  if (version < 1)
    {
      g_autofree char *epoch = g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
      sqlite3_stmt *stmt;

      for (guint i = 0; ok && i < G_N_ELEMENTS (schema_v1); i++)
        ok = run_once (self, schema_v1[i], error);
      if (ok)
        ok = (stmt = _xs_database_statement (self,
                                             "INSERT INTO meta (key, value) VALUES ('epoch', ?1)",
                                             error)) != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, epoch, -1, SQLITE_TRANSIENT);
          ok = _xs_database_step_done (self, stmt, error);
        }
    }
  for (guint i = 0; ok && version < 2 && i < G_N_ELEMENTS (schema_v2); i++)
    ok = run_once (self, schema_v2[i], error);
  if (!ok)
    {
      xs_database_rollback (self);
      return FALSE;
    }
  return xs_database_commit (self, error);
}

static gboolean
load_epoch (XsDatabase  *self,
            GError     **error)
{
  sqlite3_stmt *stmt = _xs_database_statement (self, "SELECT value FROM meta WHERE key = 'epoch'",
                                               error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->epoch = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (self->epoch == NULL)
    {
      g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_SQLITE,
                   "Database %s has no epoch: it is damaged or not a xiaoqu-server database",
                   self->path);
      return FALSE;
    }
  return TRUE;
}

XsDatabase *
xs_database_open (const char  *path,
                  GError     **error)
{
  g_autoptr(XsDatabase) self = NULL;
  static const char * const pragmas[] = {
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -32768",
  };

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (XS_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  /* The records are a bureau's, and sqlite makes its -wal and -shm files with the mode of
   * the database: create it private, whatever the umask. */
  {
    int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

    if (fd >= 0)
      close (fd);
  }
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
      != SQLITE_OK)
    {
      _xs_database_set_sqlite_error (self, error, "opening");
      return NULL;
    }
  /* A server and an admin command share the file; wait for each other's short writes. */
  sqlite3_busy_timeout (self->db, 10000);
  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    if (!run_once (self, pragmas[i], error))
      return NULL;
  if (!migrate (self, error) || !load_epoch (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
xs_database_finalize (GObject *object)
{
  XsDatabase *self = XS_DATABASE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->epoch);

  G_OBJECT_CLASS (xs_database_parent_class)->finalize (object);
}

static void
xs_database_class_init (XsDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xs_database_finalize;
}

static void
xs_database_init (XsDatabase *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

const char *
xs_database_get_epoch (XsDatabase *self)
{
  g_return_val_if_fail (XS_IS_DATABASE (self), NULL);

  return self->epoch;
}

gboolean
xs_database_is_empty (XsDatabase  *self,
                      gboolean    *out_empty,
                      GError     **error)
{
  GError *local_error = NULL;
  gint64 any;

  g_return_val_if_fail (XS_IS_DATABASE (self), FALSE);

  any = query_int (self, "SELECT EXISTS (SELECT 1 FROM changes)", 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *out_empty = any == 0;
  return TRUE;
}

gboolean
xs_database_get_positions (XsDatabase  *self,
                           gint64      *out_horizon,
                           gint64      *out_max_seq,
                           GError     **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (XS_IS_DATABASE (self), FALSE);

  *out_horizon = query_int (self,
                            "SELECT CAST (value AS INTEGER) FROM meta WHERE key = 'horizon_seq'",
                            0, &local_error);
  if (local_error == NULL)
    *out_max_seq = query_int (self, "SELECT seq FROM sqlite_sequence WHERE name = 'changes'", 0,
                              &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* ---- Validation -------------------------------------------------------------------------- */

gboolean
_xs_database_check_key (const char  *type,
                        const char  *id,
                        GError     **error)
{
  XaRecordType known;

  /* The same rules as every client's parser (src/core), so nothing stored is refused. */
  if (type == NULL || !xa_record_type_from_string (type, &known))
    {
      g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_BAD_TYPE,
                   "“%s” is not a record type; use one of district, category, compound, cadre, "
                   "flood_check, charging, elevator, problem", type ? type : "(null)");
      return FALSE;
    }
  if (!xa_record_id_is_valid (id))
    {
      g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_BAD_ID,
                   "“%s” is not a record id: use 1 to 64 characters of A–Z, a–z, 0–9, "
                   "“.”, “_”, “-”",
                   id ? id : "(null)");
      return FALSE;
    }
  return TRUE;
}

/* ---- Records ----------------------------------------------------------------------------- */

/* Runs @sql, bound to @type and @id, for at most one row of (version[, deleted]);
 * *out_found says whether there was one. @out_deleted may be NULL. */
static gboolean
read_version_row (XsDatabase  *self,
                  const char  *sql,
                  const char  *type,
                  const char  *id,
                  gint64      *out_version,
                  gboolean    *out_deleted,
                  gboolean    *out_found,
                  GError     **error)
{
  sqlite3_stmt *stmt = _xs_database_statement (self, sql, error);
  int rc;

  *out_found = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_found = TRUE;
      *out_version = sqlite3_column_int64 (stmt, 0);
      if (out_deleted != NULL)
        *out_deleted = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _xs_database_set_sqlite_error (self, error, "reading a record's version");
  return TRUE;
}

/* The newest version of a record (retired ones included), 0 when never seen; *out_deleted
 * tells whether that newest state is a tombstone (TRUE when never seen). */
gboolean
_xs_database_current_version (XsDatabase  *self,
                              const char  *type,
                              const char  *id,
                              gint64      *out_version,
                              gboolean    *out_deleted,
                              GError     **error)
{
  gboolean found;

  *out_version = 0;
  *out_deleted = TRUE;
  if (!read_version_row (self, "SELECT version, deleted FROM changes "
                               "WHERE type = ?1 AND id = ?2 ORDER BY seq DESC LIMIT 1",
                         type, id, out_version, out_deleted, &found, error))
    return FALSE;
  if (found)
    return TRUE;
  return read_version_row (self, "SELECT version FROM retired WHERE type = ?1 AND id = ?2",
                           type, id, out_version, NULL, &found, error);
}

gboolean
xs_database_check_record (const char  *type,
                          const char  *id,
                          const char  *data_json,
                          GError     **error)
{
  g_autofree char *prefix = NULL;
  g_autofree char *change = NULL;
  g_autoptr(XaChange) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *at;
  guint64 offset;

  g_return_val_if_fail (data_json != NULL, FALSE);

  if (!_xs_database_check_key (type, id, error))
    return FALSE;
  /* A change as the feed will carry it, type and id first: a fault in the data is then
   * named by the record and the field, as a client would name it. */
  prefix = g_strdup_printf ("{\"seq\":1,\"type\":\"%s\",\"id\":\"%s\",\"version\":1,"
                            "\"deleted\":false,\"data\":", type, id);
  change = g_strconcat (prefix, data_json, "}", NULL);
  parsed = xa_change_from_text (change, -1, &local_error);
  if (parsed != NULL)
    return TRUE;

  /* Byte offsets count from the start of the data, not of the change made around it. */
  at = strstr (local_error->message, " at byte ");
  if (at != NULL && g_ascii_string_to_unsigned (at + 9, 10, strlen (prefix), G_MAXUINT64,
                                                &offset, NULL))
    g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_INVALID_RECORD,
                 "%.*s at byte %" G_GUINT64_FORMAT " of the data",
                 (int) (at - local_error->message), local_error->message,
                 offset - strlen (prefix));
  else
    g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_INVALID_RECORD, "%s",
                 local_error->message);
  return FALSE;
}

gint64
_xs_database_insert_change (XsDatabase  *self,
                            const char  *type,
                            const char  *id,
                            gint64       version,
                            const char  *data_json,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  /* The one way into the log: nothing goes in that a client would refuse. */
  if (data_json != NULL && !xs_database_check_record (type, id, data_json, error))
    return 0;
  stmt = _xs_database_statement (self, "INSERT INTO changes (type, id, version, deleted, data) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, version);
  sqlite3_bind_int (stmt, 4, data_json == NULL);
  if (data_json != NULL)
    sqlite3_bind_text (stmt, 5, data_json, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 5);
  if (!_xs_database_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

gint64
_xs_database_append_next (XsDatabase  *self,
                          const char  *type,
                          const char  *id,
                          const char  *data_json,
                          GError     **error)
{
  gint64 version;
  gboolean deleted;

  if (!_xs_database_current_version (self, type, id, &version, &deleted, error))
    return 0;
  return _xs_database_insert_change (self, type, id, version + 1, data_json, error);
}

static gboolean
require_live (XsDatabase  *self,
              const char  *type,
              const char  *id,
              const char  *from_type,
              const char  *from_id,
              const char  *field,
              GError     **error)
{
  gint64 version;
  gboolean deleted;

  if (id == NULL)
    {
      g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_UNKNOWN_REFERENCE,
                   "%s %s: field “%s” must be the id of a %s", from_type, from_id, field, type);
      return FALSE;
    }
  if (!_xs_database_current_version (self, type, id, &version, &deleted, error))
    return FALSE;
  if (deleted)
    {
      /* The feed's ordering guarantee needs what a record points at to be there first. */
      g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_UNKNOWN_REFERENCE,
                   "%s %s: field “%s” points at %s “%s”, which does not exist; add it first",
                   from_type, from_id, field, type, id);
      return FALSE;
    }
  return TRUE;
}

static const char *
string_member (JsonObject *data,
               const char *name)
{
  JsonNode *node = json_object_get_member (data, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The field named after the record type it points at, as "district" in a compound. */
static gboolean
require_field (XsDatabase  *self,
               JsonObject  *data,
               const char  *field,
               const char  *from_type,
               const char  *from_id,
               GError     **error)
{
  return require_live (self, field, string_member (data, field), from_type, from_id, field,
                       error);
}

static gboolean
check_references (XsDatabase  *self,
                  const char  *type,
                  const char  *id,
                  JsonObject  *data,
                  GError     **error)
{
  if (g_str_equal (type, "compound"))
    return require_field (self, data, "district", type, id, error);
  if (g_str_equal (type, "problem") &&
      !require_field (self, data, "category", type, id, error))
    return FALSE;
  if (g_str_equal (type, "flood_check") || g_str_equal (type, "charging") ||
      g_str_equal (type, "elevator") || g_str_equal (type, "problem"))
    return require_field (self, data, "compound", type, id, error);
  if (g_str_equal (type, "cadre"))
    {
      JsonNode *node = json_object_get_member (data, "compounds");
      JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                      : NULL;

      if (array == NULL || json_array_get_length (array) == 0)
        {
          g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_UNKNOWN_REFERENCE,
                       "cadre %s: field “compounds” must be a non-empty array of compound ids", id);
          return FALSE;
        }
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *ref = JSON_NODE_HOLDS_VALUE (element) &&
                            json_node_get_value_type (element) == G_TYPE_STRING
                            ? json_node_get_string (element) : NULL;

          if (!require_live (self, "compound", ref, type, id, "compounds", error))
            return FALSE;
        }
    }
  return TRUE;
}

char *
_xs_database_object_to_json (JsonObject *data)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, data);
  return json_to_string (node, FALSE);
}

gint64
xs_database_put (XsDatabase  *self,
                 const char  *type,
                 const char  *id,
                 JsonObject  *data,
                 GError     **error)
{
  g_autofree char *text = NULL;
  gint64 seq = 0;
  gboolean owned;

  g_return_val_if_fail (XS_IS_DATABASE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  if (!_xs_database_check_key (type, id, error))
    return 0;
  text = _xs_database_object_to_json (data);
  if (!_xs_database_auto_begin (self, &owned, error))
    return 0;
  if (check_references (self, type, id, data, error))
    seq = _xs_database_append_next (self, type, id, text, error);
  if (!_xs_database_auto_end (self, owned, seq > 0, error))
    return 0;
  return seq;
}

gint64
xs_database_append_new (XsDatabase  *self,
                        const char  *type,
                        const char  *id,
                        const char  *data_json,
                        GError     **error)
{
  g_return_val_if_fail (XS_IS_DATABASE (self), 0);
  g_return_val_if_fail (data_json != NULL, 0);

  return _xs_database_insert_change (self, type, id, 1, data_json, error);
}

JsonObject *
xs_database_get (XsDatabase  *self,
                 const char  *type,
                 const char  *id,
                 GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 seq, version;

  g_return_val_if_fail (XS_IS_DATABASE (self), NULL);

  data = xs_database_get_current (self, type, id, &seq, &version, error);
  if (data != NULL)
    node = json_from_string (data, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

char *
xs_database_get_current (XsDatabase  *self,
                         const char  *type,
                         const char  *id,
                         gint64      *out_seq,
                         gint64      *out_version,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  char *data = NULL;
  int rc;

  g_return_val_if_fail (XS_IS_DATABASE (self), NULL);

  stmt = _xs_database_statement (self, "SELECT seq, version, deleted, data FROM changes "
                                       "WHERE type = ?1 AND id = ?2 ORDER BY seq DESC LIMIT 1",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 2) == 0)
    {
      *out_seq = sqlite3_column_int64 (stmt, 0);
      *out_version = sqlite3_column_int64 (stmt, 1);
      data = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _xs_database_set_sqlite_error (self, error, "reading a record");
  sqlite3_reset (stmt);
  return data;
}

gboolean
xs_database_find_answer (XsDatabase  *self,
                         const char  *key,
                         char       **out_fingerprint,
                         guint       *out_status,
                         char       **out_body,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XS_IS_DATABASE (self), FALSE);

  *out_fingerprint = NULL;
  *out_body = NULL;
  stmt = _xs_database_statement (self, "SELECT fingerprint, status, body FROM answers "
                                       "WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_fingerprint = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *out_status = sqlite3_column_int (stmt, 1);
      *out_body = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _xs_database_set_sqlite_error (self, error, "reading an answer");
  return TRUE;
}

gboolean
xs_database_keep_answer (XsDatabase  *self,
                         const char  *key,
                         const char  *fingerprint,
                         guint        status,
                         const char  *body,
                         GError     **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XS_IS_DATABASE (self), FALSE);

  /* A retry older than that would find its base version moved on by its own first
   * delivery and get 409, never apply twice: forgetting its answer is safe. */
  stmt = _xs_database_statement (self, "DELETE FROM answers WHERE created < ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now - XS_DATABASE_ANSWER_DAYS * 24 * 3600);
  if (!_xs_database_step_done (self, stmt, error))
    return FALSE;
  stmt = _xs_database_statement (self, "INSERT INTO answers (key, fingerprint, status, body, "
                                       "created) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, fingerprint, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, status);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  return _xs_database_step_done (self, stmt, error);
}

char *
xs_database_pick_random (XsDatabase         *self,
                         GRand              *rand,
                         const char         *type,
                         const char         *field,
                         const char * const *values,
                         GError            **error)
{
  static const char *where =
    "FROM changes c WHERE c.type = ?1 AND c.deleted = 0 "
    "AND (?2 IS NULL OR json_extract (c.data, ?2) IN (?3, ?4, ?5)) "
    "AND NOT EXISTS (SELECT 1 FROM changes d "
    "                WHERE d.type = c.type AND d.id = c.id AND d.seq > c.seq)";
  static char *count_sql, *pick_sql;
  g_autofree char *path = field != NULL ? g_strconcat ("$.", field, NULL) : NULL;
  sqlite3_stmt *stmt;
  gint64 count = 0;
  char *id = NULL;

  g_return_val_if_fail (XS_IS_DATABASE (self), NULL);

  if (count_sql == NULL)
    {
      count_sql = g_strconcat ("SELECT count(*) ", where, NULL);
      pick_sql = g_strconcat ("SELECT c.id ", where, " ORDER BY c.seq LIMIT 1 OFFSET ?6", NULL);
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      int rc;

      stmt = _xs_database_statement (self, pass == 0 ? count_sql : pick_sql, error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
      if (path != NULL)
        sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
      for (guint i = 0; values != NULL && i < 3 && values[i] != NULL; i++)
        sqlite3_bind_text (stmt, 3 + i, values[i], -1, SQLITE_STATIC);
      if (pass == 1)
        sqlite3_bind_int64 (stmt, 6, (gint64) (g_rand_double (rand) * count));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && pass == 0)
        count = sqlite3_column_int64 (stmt, 0);
      else if (rc == SQLITE_ROW)
        id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      else if (rc != SQLITE_DONE)
        _xs_database_set_sqlite_error (self, error, "picking a record");
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW || count == 0)
        return NULL;
    }
  return id;
}

/* ---- Statistics -------------------------------------------------------------------------- */

XsTypeCount *
xs_database_count_types (XsDatabase  *self,
                         guint       *n_types,
                         GError     **error)
{
  g_autofree XsTypeCount *counts = g_new0 (XsTypeCount, XA_N_RECORD_TYPES + 1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XS_IS_DATABASE (self), NULL);

  for (guint i = 0; i < XA_N_RECORD_TYPES; i++)
    counts[i].type = xa_record_type_to_string (i);
  stmt = _xs_database_statement (self, "SELECT c.type, c.deleted, count(*) FROM changes c "
                                       "WHERE NOT EXISTS (SELECT 1 FROM changes d "
                                       "WHERE d.type = c.type AND d.id = c.id AND d.seq > c.seq) "
                                       "GROUP BY c.type, c.deleted", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      XaRecordType i;

      if (!xa_record_type_from_string (type, &i))
        continue;
      if (sqlite3_column_int (stmt, 1))
        counts[i].deleted = sqlite3_column_int64 (stmt, 2);
      else
        counts[i].live = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _xs_database_set_sqlite_error (self, error, "counting records");
      return NULL;
    }
  if (n_types != NULL)
    *n_types = XA_N_RECORD_TYPES;
  return g_steal_pointer (&counts);
}
