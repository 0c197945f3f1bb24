/* xs-database.c — see xs-database.h.
 *
 * The feed is the table itself: `changes` is an append-only log whose rowid is the feed's
 * seq, so a page is one range scan and its JSON is built by gluing the stored data text
 * together, never parsed again. seq is AUTOINCREMENT so a number is never given out twice,
 * even after compaction removed the newest rows: a client's cursor must never skip a new
 * change that happens to reuse an old number.
 *
 * Every statement is prepared once (with bound parameters) and kept in a cache. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "xs-database.h"

#define SCHEMA_VERSION 1

G_DEFINE_QUARK (xs-database-error-quark, xs_database_error)

struct _XsDatabase
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *epoch;
  GHashTable *statements;   /* SQL text (static) → sqlite3_stmt* */
  gboolean    in_transaction;
};

G_DEFINE_FINAL_TYPE (XsDatabase, xs_database, G_TYPE_OBJECT)

static const char * const record_types[] = {
  "district", "category", "compound", "cadre", "flood_check", "charging", "elevator", "problem",
  NULL
};

/* ---- Statements -------------------------------------------------------------------------- */

static gboolean
set_sqlite_error (XsDatabase  *self,
                  GError     **error,
                  const char  *what)
{
  g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_SQLITE,
               "Database %s: %s failed: %s", self->path, what, sqlite3_errmsg (self->db));
  return FALSE;
}

/* The cached, reset statement for @sql. @sql must be a string constant: it is the key. */
static sqlite3_stmt *
statement (XsDatabase  *self,
           const char  *sql,
           GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          set_sqlite_error (self, error, "preparing a statement");
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (XsDatabase    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sqlite_error (self, error, "a statement");
  return TRUE;
}

static gboolean
run (XsDatabase  *self,
     const char  *sql,
     GError     **error)
{
  sqlite3_stmt *stmt = statement (self, sql, error);

  return stmt != NULL && step_done (self, stmt, error);
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
    return set_sqlite_error (self, error, "preparing a statement");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, sql);
  return TRUE;
}

static gint64
query_int (XsDatabase  *self,
           const char  *sql,
           gint64       fallback,
           GError     **error)
{
  sqlite3_stmt *stmt = statement (self, sql, error);
  gint64 value = fallback;
  int rc;

  if (stmt == NULL)
    return fallback;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    set_sqlite_error (self, error, "a query");
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
  if (!run (self, "BEGIN IMMEDIATE", error))
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

  if (!run (self, "COMMIT", error))
    return FALSE;
  self->in_transaction = FALSE;
  return TRUE;
}

void
xs_database_rollback (XsDatabase *self)
{
  g_return_if_fail (XS_IS_DATABASE (self));

  if (self->in_transaction)
    run (self, "ROLLBACK", NULL);
  self->in_transaction = FALSE;
}

/* Starts a transaction unless the caller already holds one; *owned says who ends it. */
static gboolean
auto_begin (XsDatabase  *self,
            gboolean    *owned,
            GError     **error)
{
  *owned = !self->in_transaction;
  return !*owned || xs_database_begin (self, error);
}

static gboolean
auto_end (XsDatabase  *self,
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
        ok = (stmt = statement (self, "INSERT INTO meta (key, value) VALUES ('epoch', ?1)", error)) != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, epoch, -1, SQLITE_TRANSIENT);
          ok = step_done (self, stmt, error);
        }
    }
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
  sqlite3_stmt *stmt = statement (self, "SELECT value FROM meta WHERE key = 'epoch'", error);

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
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error, "opening");
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
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_statement);
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

  *out_horizon = query_int (self, "SELECT CAST (value AS INTEGER) FROM meta WHERE key = 'horizon_seq'",
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
xs_database_is_valid_type (const char *type)
{
  return type != NULL && g_strv_contains (record_types, type);
}

gboolean
xs_database_is_valid_id (const char *id)
{
  size_t len;

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  return len >= 1 && len <= 64 &&
         strspn (id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == len;
}

static gboolean
check_key (const char  *type,
           const char  *id,
           GError     **error)
{
  if (!xs_database_is_valid_type (type))
    {
      g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_BAD_TYPE,
                   "“%s” is not a record type; use one of district, category, compound, cadre, "
                   "flood_check, charging, elevator, problem", type ? type : "(null)");
      return FALSE;
    }
  if (!xs_database_is_valid_id (id))
    {
      g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_BAD_ID,
                   "“%s” is not a record id: use 1 to 64 characters of A–Z, a–z, 0–9, “.”, “_”, “-”",
                   id ? id : "(null)");
      return FALSE;
    }
  return TRUE;
}

/* ---- Records ----------------------------------------------------------------------------- */

/* The newest version of a record (retired ones included), 0 when never seen; *out_deleted
 * tells whether that newest state is a tombstone (TRUE when never seen). */
static gboolean
current_version (XsDatabase  *self,
                 const char  *type,
                 const char  *id,
                 gint64      *out_version,
                 gboolean    *out_deleted,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_version = 0;
  *out_deleted = TRUE;
  stmt = statement (self, "SELECT version, deleted FROM changes WHERE type = ?1 AND id = ?2 "
                          "ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_version = sqlite3_column_int64 (stmt, 0);
      *out_deleted = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, error, "reading a record's version");
  if (rc == SQLITE_ROW)
    return TRUE;

  stmt = statement (self, "SELECT version FROM retired WHERE type = ?1 AND id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, error, "reading a record's version");
  return TRUE;
}

static gint64
insert_change (XsDatabase  *self,
               const char  *type,
               const char  *id,
               gint64       version,
               const char  *data_json,
               GError     **error)
{
  sqlite3_stmt *stmt = statement (self, "INSERT INTO changes (type, id, version, deleted, data) "
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
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
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
  if (!current_version (self, type, id, &version, &deleted, error))
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

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
check_references (XsDatabase  *self,
                  const char  *type,
                  const char  *id,
                  JsonObject  *data,
                  GError     **error)
{
  if (g_str_equal (type, "compound"))
    return require_live (self, "district", string_member (data, "district"), type, id, "district", error);
  if (g_str_equal (type, "problem") &&
      !require_live (self, "category", string_member (data, "category"), type, id, "category", error))
    return FALSE;
  if (g_str_equal (type, "flood_check") || g_str_equal (type, "charging") ||
      g_str_equal (type, "elevator") || g_str_equal (type, "problem"))
    return require_live (self, "compound", string_member (data, "compound"), type, id, "compound", error);
  if (g_str_equal (type, "cadre"))
    {
      JsonNode *node = json_object_get_member (data, "compounds");
      JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

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

static char *
object_to_json (JsonObject *data)
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
  gint64 version, seq = 0;
  gboolean deleted, owned;

  g_return_val_if_fail (XS_IS_DATABASE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  if (!check_key (type, id, error))
    return 0;
  text = object_to_json (data);
  if (!auto_begin (self, &owned, error))
    return 0;
  if (check_references (self, type, id, data, error) &&
      current_version (self, type, id, &version, &deleted, error))
    seq = insert_change (self, type, id, version + 1, text, error);
  if (!auto_end (self, owned, seq > 0, error))
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

  return insert_change (self, type, id, 1, data_json, error);
}

static gint64
tombstone (XsDatabase  *self,
           const char  *type,
           const char  *id,
           GError     **error)
{
  gint64 version;
  gboolean deleted;

  if (!current_version (self, type, id, &version, &deleted, error))
    return 0;
  return insert_change (self, type, id, version + 1, NULL, error);
}

typedef struct
{
  char *type;
  char *id;
  char *data;
} Dependent;

static void
dependent_clear (gpointer p)
{
  Dependent *d = p;

  g_free (d->type);
  g_free (d->id);
  g_free (d->data);
}

/* The live records that point at compound @id, oldest first. */
static GArray *
compound_dependents (XsDatabase  *self,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (Dependent));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (list, dependent_clear);
  stmt = statement (self,
    "SELECT c.type, c.id, c.data FROM changes c "
    "WHERE c.deleted = 0 AND c.type IN ('cadre', 'flood_check', 'charging', 'elevator', 'problem') "
    "AND CASE c.type WHEN 'cadre' "
    "  THEN EXISTS (SELECT 1 FROM json_each (c.data, '$.compounds') j WHERE j.value = ?1) "
    "  ELSE json_extract (c.data, '$.compound') = ?1 END "
    "AND NOT EXISTS (SELECT 1 FROM changes d WHERE d.type = c.type AND d.id = c.id AND d.seq > c.seq) "
    "ORDER BY c.seq", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Dependent d = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
      };
      g_array_append_val (list, d);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, "finding a compound's records");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* A cadre loses the deleted compound from its list, or goes when it had only that one. */
static guint
unlink_cadre (XsDatabase  *self,
              Dependent   *cadre,
              const char  *compound,
              GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (cadre->data, NULL);
  JsonObject *data = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonArray *old = data != NULL ? json_object_get_array_member (data, "compounds") : NULL;
  g_autoptr(JsonArray) kept = json_array_new ();
  g_autofree char *text = NULL;
  gint64 version;
  gboolean deleted;

  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    {
      JsonNode *element = json_array_get_element (old, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (element), compound))
        continue;
      json_array_add_element (kept, json_node_copy (element));
    }
  if (json_array_get_length (kept) == 0)
    return tombstone (self, cadre->type, cadre->id, error) > 0 ? 1 : 0;

  json_object_set_array_member (data, "compounds", g_steal_pointer (&kept));
  text = object_to_json (data);
  if (!current_version (self, cadre->type, cadre->id, &version, &deleted, error))
    return 0;
  return insert_change (self, cadre->type, cadre->id, version + 1, text, error) > 0 ? 1 : 0;
}

static gint64
count_live_referrers (XsDatabase  *self,
                      const char  *type,
                      const char  *id,
                      GError     **error)
{
  const char *sql = g_str_equal (type, "district")
    ? "SELECT count(*) FROM changes c WHERE c.type = 'compound' AND c.deleted = 0 "
      "AND json_extract (c.data, '$.district') = ?1 "
      "AND NOT EXISTS (SELECT 1 FROM changes d WHERE d.type = c.type AND d.id = c.id AND d.seq > c.seq)"
    : "SELECT count(*) FROM changes c WHERE c.type = 'problem' AND c.deleted = 0 "
      "AND json_extract (c.data, '$.category') = ?1 "
      "AND NOT EXISTS (SELECT 1 FROM changes d WHERE d.type = c.type AND d.id = c.id AND d.seq > c.seq)";
  sqlite3_stmt *stmt = statement (self, sql, error);
  gint64 count = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    set_sqlite_error (self, error, "counting references");
  sqlite3_reset (stmt);
  return count;
}

guint
xs_database_delete (XsDatabase  *self,
                    const char  *type,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(GArray) dependents = NULL;
  gint64 version;
  gboolean deleted, owned, ok;
  guint written = 0;

  g_return_val_if_fail (XS_IS_DATABASE (self), 0);

  if (!check_key (type, id, error) || !auto_begin (self, &owned, error))
    return 0;

  ok = current_version (self, type, id, &version, &deleted, error);
  if (ok && deleted)
    {
      g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_NOT_FOUND,
                   "There is no %s “%s” to delete", type, id);
      ok = FALSE;
    }
  if (ok && (g_str_equal (type, "district") || g_str_equal (type, "category")))
    {
      gint64 users = count_live_referrers (self, type, id, error);

      ok = users >= 0;
      if (users > 0)
        {
          g_set_error (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_STILL_REFERENCED,
                       "%s “%s” is still used by %" G_GINT64_FORMAT " %s; delete or change those first",
                       type, id, users, g_str_equal (type, "district") ? "compounds" : "problems");
          ok = FALSE;
        }
    }
  /* Dependents go first, so a client never holds a record pointing at a deleted compound. */
  if (ok && g_str_equal (type, "compound"))
    {
      dependents = compound_dependents (self, id, error);
      ok = dependents != NULL;
      for (guint i = 0; ok && i < dependents->len; i++)
        {
          Dependent *d = &g_array_index (dependents, Dependent, i);
          guint n = g_str_equal (d->type, "cadre") ? unlink_cadre (self, d, id, error)
                                                   : (tombstone (self, d->type, d->id, error) > 0);
          ok = n > 0;
          written += n;
        }
    }
  if (ok)
    {
      ok = insert_change (self, type, id, version + 1, NULL, error) > 0;
      written++;
    }
  if (!auto_end (self, owned, ok, error))
    return 0;
  return written;
}

JsonObject *
xs_database_get (XsDatabase  *self,
                 const char  *type,
                 const char  *id,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(JsonNode) node = NULL;
  int rc;

  g_return_val_if_fail (XS_IS_DATABASE (self), NULL);

  stmt = statement (self, "SELECT deleted, data FROM changes WHERE type = ?1 AND id = ?2 "
                          "ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0)
    node = json_from_string ((const char *) sqlite3_column_text (stmt, 1), NULL);
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    set_sqlite_error (self, error, "reading a record");
  sqlite3_reset (stmt);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
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
    "AND NOT EXISTS (SELECT 1 FROM changes d WHERE d.type = c.type AND d.id = c.id AND d.seq > c.seq)";
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

      stmt = statement (self, pass == 0 ? count_sql : pick_sql, error);
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
        set_sqlite_error (self, error, "picking a record");
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW || count == 0)
        return NULL;
    }
  return id;
}

/* ---- The feed ---------------------------------------------------------------------------- */

void
xs_page_free (XsPage *page)
{
  if (page == NULL)
    return;
  if (page->changes_json != NULL)
    g_string_free (page->changes_json, TRUE);
  g_free (page->epoch);
  g_free (page);
}

XsPage *
xs_database_read_page (XsDatabase  *self,
                       gint64       after_seq,
                       guint        limit,
                       GError     **error)
{
  g_autoptr(XsPage) page = g_new0 (XsPage, 1);
  sqlite3_stmt *stmt;
  gboolean owned = FALSE;
  int rc;

  g_return_val_if_fail (XS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  /* One read transaction: the horizon and the page come from the same snapshot even when
   * an admin command compacts the file meanwhile. */
  if (!self->in_transaction)
    {
      if (!run (self, "BEGIN", error))
        return NULL;
      owned = TRUE;
    }
  if (!xs_database_get_positions (self, &page->horizon, &page->max_seq, error))
    goto fail;
  page->epoch = g_strdup (self->epoch);
  page->last_seq = after_seq;
  page->changes_json = g_string_sized_new (limit * 400 + 2);
  g_string_append_c (page->changes_json, '[');

  stmt = statement (self, "SELECT seq, type, id, version, deleted, data FROM changes "
                          "WHERE seq > ?1 ORDER BY seq LIMIT ?2", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, after_seq);
  sqlite3_bind_int64 (stmt, 2, (gint64) limit + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *out = page->changes_json;
      char number[24];
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      gboolean deleted = sqlite3_column_int (stmt, 4) != 0;

      if (page->n_changes == limit)
        {
          page->more = TRUE;
          break;
        }
      if (page->n_changes > 0)
        g_string_append_c (out, ',');
      /* Types and ids were validated on the way in ([A-Za-z0-9._-]): no escaping needed. */
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, seq);
      g_string_append (out, "{\"seq\":");
      g_string_append (out, number);
      g_string_append (out, ",\"type\":\"");
      g_string_append (out, (const char *) sqlite3_column_text (stmt, 1));
      g_string_append (out, "\",\"id\":\"");
      g_string_append (out, (const char *) sqlite3_column_text (stmt, 2));
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 3));
      g_string_append (out, "\",\"version\":");
      g_string_append (out, number);
      if (deleted || sqlite3_column_type (stmt, 5) == SQLITE_NULL)
        g_string_append (out, ",\"deleted\":true,\"data\":null}");
      else
        {
          const char *data = (const char *) sqlite3_column_text (stmt, 5);

          g_string_append (out, ",\"deleted\":false,\"data\":");
          g_string_append_len (out, data, sqlite3_column_bytes (stmt, 5));
          g_string_append_c (out, '}');
        }
      page->last_seq = seq;
      page->n_changes++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, "reading changes");
      goto fail;
    }
  g_string_append_c (page->changes_json, ']');
  if (owned)
    run (self, "COMMIT", NULL);
  return g_steal_pointer (&page);

fail:
  if (owned)
    run (self, "ROLLBACK", NULL);
  return NULL;
}

/* ---- Compaction -------------------------------------------------------------------------- */

/* Records below the horizon (after merging) that point at a record with no live row
 * before them. Only possible when a record's references changed after it first appeared
 * (a cadre given a newer compound, a compound moved to a newer district). */
static const char ordering_violations_sql[] =
  "WITH refs (seq, rtype, rid) AS ("
  "  SELECT seq, 'district', json_extract (data, '$.district') FROM changes "
  "   WHERE seq < ?1 AND deleted = 0 AND type = 'compound' "
  "  UNION ALL SELECT seq, 'category', json_extract (data, '$.category') FROM changes "
  "   WHERE seq < ?1 AND deleted = 0 AND type = 'problem' "
  "  UNION ALL SELECT seq, 'compound', json_extract (data, '$.compound') FROM changes "
  "   WHERE seq < ?1 AND deleted = 0 AND type IN ('flood_check', 'charging', 'elevator', 'problem') "
  "  UNION ALL SELECT c.seq, 'compound', j.value FROM changes c, json_each (c.data, '$.compounds') j "
  "   WHERE c.seq < ?1 AND c.deleted = 0 AND c.type = 'cadre') "
  "SELECT count(*) FROM refs r WHERE NOT EXISTS (SELECT 1 FROM changes b "
  "  WHERE b.type = r.rtype AND b.id = r.rid AND b.seq < r.seq AND b.deleted = 0)";

static gboolean
compact_step (XsDatabase  *self,
              const char  *sql,
              gint64       horizon,
              GError     **error)
{
  sqlite3_stmt *stmt = statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, horizon);
  return step_done (self, stmt, error);
}

gboolean
xs_database_compact (XsDatabase  *self,
                     gint64       horizon,
                     GError     **error)
{
  static const char * const merge[] = {
    "CREATE TEMP TABLE IF NOT EXISTS compact_keys (type TEXT, id TEXT, first INTEGER, "
    "last INTEGER, dead INTEGER, PRIMARY KEY (type, id))",
    "DELETE FROM compact_keys",
    "INSERT INTO compact_keys SELECT type, id, min(seq), max(seq), 0 FROM changes "
    "WHERE seq < ?1 GROUP BY type, id",
    "UPDATE compact_keys SET dead = (SELECT deleted FROM changes WHERE seq = compact_keys.last)",
    /* Remember the versions of what disappears, so it continues its version if created again. */
    "INSERT OR REPLACE INTO retired (type, id, version) SELECT k.type, k.id, c.version "
    "FROM compact_keys k JOIN changes c ON c.seq = k.last WHERE k.dead",
    "DELETE FROM changes WHERE seq < ?1 AND (type, id) IN (SELECT type, id FROM compact_keys WHERE dead)",
    "DELETE FROM compact_keys WHERE dead",
    /* The newest state below the horizon moves into the record's first position. */
    "UPDATE changes SET version = l.version, deleted = l.deleted, data = l.data "
    "FROM compact_keys k JOIN changes l ON l.seq = k.last "
    "WHERE changes.seq = k.first AND k.first <> k.last",
    "DELETE FROM changes WHERE seq < ?1 AND seq NOT IN (SELECT first FROM compact_keys)",
  };
  /* When references changed, first positions alone can break the ordering guarantee;
   * then the merged rows are dealt out again over the same positions, referenced types
   * first (districts and categories, compounds, the rest), each in its old order. */
  static const char * const reorder[] = {
    "CREATE TEMP TABLE IF NOT EXISTS compact_remap (old INTEGER PRIMARY KEY, slot INTEGER)",
    "DELETE FROM compact_remap",
    "INSERT INTO compact_remap (old, slot) SELECT r.old, s.slot FROM "
    "(SELECT seq AS old, row_number () OVER (ORDER BY CASE type WHEN 'district' THEN 0 "
    "  WHEN 'category' THEN 0 WHEN 'compound' THEN 1 ELSE 2 END, seq) AS n "
    "  FROM changes WHERE seq < ?1) r "
    "JOIN (SELECT seq AS slot, row_number () OVER (ORDER BY seq) AS n FROM changes WHERE seq < ?1) s "
    "ON r.n = s.n",
    "UPDATE changes SET seq = -seq WHERE seq < ?1",
    "UPDATE changes SET seq = (SELECT slot FROM compact_remap WHERE old = -changes.seq) WHERE seq < 0",
  };
  sqlite3_stmt *stmt;
  gint64 current_horizon, max_seq, violations = 0;
  gboolean owned, ok;

  g_return_val_if_fail (XS_IS_DATABASE (self), FALSE);

  if (!auto_begin (self, &owned, error))
    return FALSE;
  ok = xs_database_get_positions (self, &current_horizon, &max_seq, error);
  if (ok && horizon <= current_horizon)
    return auto_end (self, owned, TRUE, error);   /* nothing new to merge */

  for (guint i = 0; ok && i < G_N_ELEMENTS (merge); i++)
    ok = compact_step (self, merge[i], horizon, error);
  if (ok)
    {
      stmt = statement (self, ordering_violations_sql, error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, horizon);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            violations = sqlite3_column_int64 (stmt, 0);
          else
            ok = set_sqlite_error (self, error, "checking the order");
          sqlite3_reset (stmt);
        }
    }
  for (guint i = 0; ok && violations > 0 && i < G_N_ELEMENTS (reorder); i++)
    ok = compact_step (self, reorder[i], horizon, error);
  if (ok)
    {
      stmt = statement (self, "UPDATE meta SET value = CAST (?1 AS TEXT) WHERE key = 'horizon_seq'", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, horizon);
          ok = step_done (self, stmt, error);
        }
    }
  return auto_end (self, owned, ok, error);
}

/* ---- Statistics -------------------------------------------------------------------------- */

XsTypeCount *
xs_database_count_types (XsDatabase  *self,
                         guint       *n_types,
                         GError     **error)
{
  g_autofree XsTypeCount *counts = g_new0 (XsTypeCount, G_N_ELEMENTS (record_types));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XS_IS_DATABASE (self), NULL);

  for (guint i = 0; record_types[i] != NULL; i++)
    counts[i].type = record_types[i];
  stmt = statement (self, "SELECT c.type, c.deleted, count(*) FROM changes c "
                          "WHERE NOT EXISTS (SELECT 1 FROM changes d WHERE d.type = c.type "
                          "AND d.id = c.id AND d.seq > c.seq) GROUP BY c.type, c.deleted", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);

      for (guint i = 0; record_types[i] != NULL; i++)
        if (g_str_equal (type, record_types[i]))
          {
            if (sqlite3_column_int (stmt, 1))
              counts[i].deleted = sqlite3_column_int64 (stmt, 2);
            else
              counts[i].live = sqlite3_column_int64 (stmt, 2);
          }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, "counting records");
      return NULL;
    }
  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (record_types) - 1;
  return g_steal_pointer (&counts);
}
