/* xa-store-edits.c — see xa-store-edits.h. The outbox keeps the members of each update as
 * the JSON the request will carry, so the request of every attempt is the same text under
 * the same Idempotency-Key. The same members are what an edit writes into the local row, and
 * what is written again over a row the feed brings while the edit is still pending
 * (_xa_store_reapply_edits()): a pulled page never makes a pending edit vanish from view. */
#include "config.h"

#include <sqlite3.h>

#include "xa-store-edits-private.h"

static const char * const state_names[] = { "pending", "conflict", "rejected", NULL };

void
xa_outbox_entry_free (XaOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->record_id);
  g_free (entry->fields);
  g_free (entry->idempotency_key);
  g_free (entry->message);
  g_free (entry->field);
  g_free (entry->current);
  g_free (entry->original);
  g_free (entry);
}

static gboolean
step_statement (sqlite3       *db,
                sqlite3_stmt  *stmt,
                GError       **error,
                const char    *what)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    _xa_store_set_sql_error (db, error, what);
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

/* Sets one column of the row @id of @table; @value NULL stores NULL. Column names come from
 * the fixed lists below, never from the JSON. */
static gboolean
set_column (sqlite3     *db,
            const char  *table,
            const char  *id,
            const char  *column,
            JsonNode    *value,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2", table, column);
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return _xa_store_set_sql_error (db, error, "Could not prepare a local edit");
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    sqlite3_bind_null (stmt, 1);
  else if (json_node_get_value_type (value) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, 1, json_node_get_int (value));
  else if (g_str_equal (column, "deadline"))
    {
      gint64 unix_time = 0;

      xa_parse_time (json_node_get_string (value), &unix_time);
      sqlite3_bind_int64 (stmt, 1, unix_time);
    }
  else
    sqlite3_bind_text (stmt, 1, json_node_get_string (value), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  ok = step_statement (db, stmt, error, "Could not store a local edit");
  sqlite3_finalize (stmt);
  return ok;
}

/* The columns an update may set, named as its members; resolved_at follows a status. */
static const char * const problem_columns[] = {
  "status", "tier", "responsible_party", "deadline", "resolution_note", "resolved_at", NULL
};
static const char * const elevator_columns[] = {
  "renewal_status", "planned_year", "funding_source", NULL
};

/* Sets each column of row @id of which @values has a member to that member. */
static gboolean
set_columns (sqlite3       *db,
             XaRecordType   type,
             const char    *id,
             JsonObject    *values,
             GError       **error)
{
  const char * const *columns = type == XA_RECORD_PROBLEM ? problem_columns : elevator_columns;
  const char *table = xa_record_type_to_string (type);

  for (guint i = 0; columns[i] != NULL; i++)
    if (json_object_has_member (values, columns[i]) &&
        !set_column (db, table, id, columns[i], json_object_get_member (values, columns[i]),
                     error))
      return FALSE;
  return TRUE;
}

/* Writes the members of an update into the local row, as the server would: a problem
 * that becomes resolved gets a resolved_at (now, until the server's own comes back), a
 * reopened one loses it. The note lives only in the outbox until the feed brings it. */
static gboolean
apply_fields (sqlite3       *db,
              XaRecordType   type,
              const char    *id,
              const char    *fields_json,
              GError       **error)
{
  const char *table = xa_record_type_to_string (type);
  g_autoptr(JsonNode) root = json_from_string (fields_json, NULL);
  JsonObject *fields;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
                   "An edit of %s %s in the outbox is not readable", table, id);
      return FALSE;
    }
  fields = json_node_get_object (root);
  if (type == XA_RECORD_PROBLEM && json_object_has_member (fields, "status"))
    {
      const char *status = json_object_get_string_member (fields, "status");

      if (g_strcmp0 (status, "resolved") == 0 &&
          !_xa_store_run (db, "Could not store a local edit", error,
                          "UPDATE problem SET resolved_at = CAST (strftime ('%s') AS INTEGER) "
                          "WHERE id = ?1 AND status <> 'resolved'", "t", id))
        return FALSE;
      if (g_strcmp0 (status, "in_progress") == 0 &&
          !_xa_store_run (db, "Could not store a local edit", error,
                          "UPDATE problem SET resolved_at = NULL WHERE id = ?1", "t", id))
        return FALSE;
    }
  return set_columns (db, type, id, fields, error);
}

/* The row's values of the columns @fields_json sets (with resolved_at when it sets the
 * status) as a JSON object, and the row's version: what the row was before the edit, for
 * xa_store_discard_edit() to put back. NULL without a row. */
char *
_xa_store_capture_original (sqlite3       *db,
                            XaRecordType   type,
                            const char    *id,
                            const char    *fields_json,
                            gint64        *out_version,
                            GError       **error)
{
  const char * const *columns = type == XA_RECORD_PROBLEM ? problem_columns : elevator_columns;
  g_autoptr(JsonNode) root = json_from_string (fields_json, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) sql = g_string_new ("SELECT version");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) original = NULL;
  sqlite3_stmt *stmt = NULL;
  JsonObject *fields;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  fields = json_node_get_object (root);
  for (guint i = 0; columns[i] != NULL; i++)
    if (json_object_has_member (fields, columns[i]) ||
        (g_str_equal (columns[i], "resolved_at") && json_object_has_member (fields, "status")))
      {
        g_ptr_array_add (names, (gpointer) columns[i]);
        g_string_append_printf (sql, ", %s", columns[i]);
      }
  g_string_append_printf (sql, " FROM %s WHERE id = ?1", xa_record_type_to_string (type));
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      _xa_store_set_sql_error (db, error, "Could not read the record to edit");
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  *out_version = sqlite3_column_int64 (stmt, 0);
  json_builder_begin_object (builder);
  for (guint i = 0; i < names->len; i++)
    {
      json_builder_set_member_name (builder, g_ptr_array_index (names, i));
      switch (sqlite3_column_type (stmt, i + 1))
        {
        case SQLITE_NULL:
          json_builder_add_null_value (builder);
          break;
        case SQLITE_INTEGER:
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, i + 1));
          break;
        default:
          json_builder_add_string_value (builder,
                                         (const char *) sqlite3_column_text (stmt, i + 1));
          break;
        }
    }
  json_builder_end_object (builder);
  sqlite3_finalize (stmt);
  original = json_builder_get_root (builder);
  return json_to_string (original, FALSE);
}

static gboolean
set_no_record (GError       **error,
               XaRecordType   type,
               const char    *id)
{
  g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_REJECTED,
               "There is no %s “%s” in the records store", xa_record_type_to_string (type), id);
  return FALSE;
}

/* Writes the values of capture_original() back. */
static gboolean
restore_original (sqlite3       *db,
                  XaRecordType   type,
                  const char    *id,
                  const char    *original_json,
                  GError       **error)
{
  g_autoptr(JsonNode) root = json_from_string (original_json, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;
  return set_columns (db, type, id, json_node_get_object (root), error);
}

/* Writes the pending entries (of record @type @id only, when @id is not NULL; of the records
 * in @changes only, when it is not NULL) over their rows, oldest first, each after keeping
 * the row as it was before it in the entry. A row the page did not bring still holds its
 * edits, and must not be kept as the entry's "before". */
static gboolean
reapply (sqlite3       *db,
         XaRecordType   type,
         const char    *id,
         GPtrArray     *changes,
         GError       **error)
{
  g_autoptr(GHashTable) in_page = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* One record's entries through the index: undoing many edits reapplies record by record,
   * and a scan of the whole outbox for each made that quadratic (7 s for 11,885 lifts). */
  if (sqlite3_prepare_v2 (db, id != NULL
                              ? "SELECT local_id, record_type, record_id, fields FROM outbox "
                                "WHERE state = 'pending' AND record_type = ?2 AND record_id = ?1 "
                                "ORDER BY local_id"
                              : "SELECT local_id, record_type, record_id, fields FROM outbox "
                                "WHERE state = 'pending' ORDER BY local_id", -1, &stmt,
                          NULL) != SQLITE_OK)
    return _xa_store_set_sql_error (db, error, "Could not read the outbox");
  if (id != NULL)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, xa_record_type_to_string (type), -1, SQLITE_STATIC);
    }
  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) xa_outbox_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XaOutboxEntry *entry = g_new0 (XaOutboxEntry, 1);

      entry->local_id = sqlite3_column_int64 (stmt, 0);
      if (!xa_record_type_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                       &entry->type))
        entry->type = XA_RECORD_PROBLEM;
      entry->record_id = _xa_store_dup_column (stmt, 2);
      entry->fields = _xa_store_dup_column (stmt, 3);
      g_ptr_array_add (pending, entry);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _xa_store_set_sql_error (db, error, "Could not read the outbox");
  if (pending->len > 0 && changes != NULL)
    {
      /* Each record of the page and the newest version it brought. */
      in_page = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < changes->len; i++)
        {
          XaChange *change = g_ptr_array_index (changes, i);
          g_autofree char *key = NULL;
          gint64 *version;

          if (change->type != XA_RECORD_PROBLEM && change->type != XA_RECORD_ELEVATOR)
            continue;
          key = g_strdup_printf ("%d/%s", change->type, change->id);
          version = g_hash_table_lookup (in_page, key);
          if (version == NULL)
            {
              version = g_new (gint64, 1);
              *version = change->version;
              g_hash_table_insert (in_page, g_steal_pointer (&key), version);
            }
          *version = MAX (*version, change->version);
        }
    }

  for (guint i = 0; i < pending->len; i++)
    {
      XaOutboxEntry *entry = g_ptr_array_index (pending, i);
      g_autofree char *key = g_strdup_printf ("%d/%s", entry->type, entry->record_id);
      gint64 version = 0;
      g_autofree char *original = NULL;

      gint64 *page_version = in_page != NULL ? g_hash_table_lookup (in_page, key) : NULL;

      if (in_page != NULL && page_version == NULL)
        continue;
      original = _xa_store_capture_original (db, entry->type, entry->record_id, entry->fields,
                                             &version, error);
      if (original == NULL)
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          continue;   /* the record is gone: the push will say so (404) */
        }
      /* A page older than the row left it as it was, edits and all. */
      if (page_version != NULL && *page_version < version)
        continue;
      if (!_xa_store_run (db, "Could not change the outbox", error,
                          "UPDATE outbox SET original = ?2, original_version = ?3 "
                          "WHERE local_id = ?1", "iti", entry->local_id, original, version) ||
          !apply_fields (db, entry->type, entry->record_id, entry->fields, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_xa_store_reapply_record (sqlite3       *db,
                          XaRecordType   type,
                          const char    *id,
                          GError       **error)
{
  return reapply (db, type, id, NULL, error);
}

gboolean
_xa_store_reapply_edits (sqlite3    *db,
                         GPtrArray  *changes,
                         GError    **error)
{
  return reapply (db, XA_RECORD_PROBLEM, NULL, changes, error);
}

/* The stored version of row @id and, for a problem, its status. FALSE without a row. */
static gboolean
read_row (sqlite3       *db,
          XaRecordType   type,
          const char    *id,
          gint64        *out_version,
          char         **out_status,
          GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version, %s FROM %s WHERE id = ?1",
                                          type == XA_RECORD_PROBLEM ? "status" : "NULL",
                                          xa_record_type_to_string (type));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return _xa_store_set_sql_error (db, error, "Could not read the record to edit");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_version = sqlite3_column_int64 (stmt, 0);
      *out_status = _xa_store_dup_column (stmt, 1);
    }
  else if (rc == SQLITE_DONE)
    set_no_record (error, type, id);
  else
    _xa_store_set_sql_error (db, error, "Could not read the record to edit");
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

/* The one way into the outbox, for a local edit and an imported one alike: keeps the row's
 * values of the columns @entry's fields set as its original, writes the fields over the row
 * and inserts the entry, as entry @entry->local_id (the place of an entry it corrects) or,
 * with 0, as a new one at the end, whose local id it then takes. @on_row_version: the entry
 * is made on the row's version (its base_version becomes that); else on its own. */
static gboolean
write_and_queue (sqlite3        *db,
                 XaOutboxEntry  *entry,
                 gboolean        on_row_version,
                 GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 version = 0;

  g_assert (entry->original == NULL);
  entry->original = _xa_store_capture_original (db, entry->type, entry->record_id,
                                                entry->fields, &version, &local_error);
  /* Without a row, the capture says nothing; the edit's row must be there. */
  if (entry->original == NULL && local_error == NULL)
    return set_no_record (error, entry->type, entry->record_id);
  if (entry->original == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (on_row_version)
    entry->base_version = version;
  /* A local id of 0 is none: sqlite gives the new entry the next one. */
  if (!apply_fields (db, entry->type, entry->record_id, entry->fields, error) ||
      !_xa_store_run (db, "Could not queue the edit", error,
                      "INSERT INTO outbox (record_type, record_id, base_version, fields, "
                      "idempotency_key, created_at, original, original_version, local_id) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif (?9, 0))", "ttittitii",
                      xa_record_type_to_string (entry->type), entry->record_id,
                      entry->base_version, entry->fields, entry->idempotency_key,
                      entry->created_at, entry->original, version,
                      MAX (entry->local_id, (gint64) 0)))
    return FALSE;
  entry->local_id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

gboolean
_xa_store_queue_entry (sqlite3        *db,
                       XaOutboxEntry  *entry,
                       GError        **error)
{
  entry->idempotency_key = g_uuid_string_random ();
  entry->created_at = g_get_real_time () / G_USEC_PER_SEC;
  entry->state = XA_OUTBOX_PENDING;
  return write_and_queue (db, entry, TRUE, error);
}

gboolean
_xa_store_import_entry (sqlite3        *db,
                        XaOutboxEntry  *entry,
                        GError        **error)
{
  /* On the version the edit was made on, not the row's here: the server judges it as the
   * meeting saw the record, and answers with a conflict if it changed since. */
  return write_and_queue (db, entry, FALSE, error);
}

/* One edit inside the caller's transaction: the rules on the stored row, the row, the
 * queue. The entry queued, its "original" the row's values before. */
XaOutboxEntry *
_xa_store_edit_one (sqlite3               *db,
                    gint64                 local_id,
                    const char            *id,
                    const XaProblemEdit   *problem_edit,
                    const XaElevatorEdit  *elevator_edit,
                    GError               **error)
{
  XaRecordType type = problem_edit != NULL ? XA_RECORD_PROBLEM : XA_RECORD_ELEVATOR;
  g_autoptr(XaOutboxEntry) entry = g_new0 (XaOutboxEntry, 1);
  g_autofree char *status = NULL;
  gint64 version = 0;

  g_assert ((problem_edit != NULL) != (elevator_edit != NULL));
  if (!read_row (db, type, id, &version, &status, error))
    return NULL;
  if (type == XA_RECORD_PROBLEM)
    {
      int current = xa_enum_from_string (xa_problem_status_names, status);

      if (current < 0)
        {
          g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_REJECTED,
                       "The problem “%s” has no status the flow knows", id);
          return NULL;
        }
      if (!xa_problem_edit_check (problem_edit, current, error))
        return NULL;
      entry->fields = xa_problem_edit_to_json (problem_edit);
    }
  else
    {
      if (!xa_elevator_edit_check (elevator_edit, error))
        return NULL;
      entry->fields = xa_elevator_edit_to_json (elevator_edit);
    }
  entry->local_id = local_id;
  entry->type = type;
  entry->record_id = g_strdup (id);
  if (!_xa_store_queue_entry (db, entry, error))
    return NULL;
  return g_steal_pointer (&entry);
}

/* The edit's own transaction. */
static gboolean
edit_record (XaStore              *self,
             const char           *id,
             const XaProblemEdit  *problem_edit,
             const XaElevatorEdit *elevator_edit,
             GError              **error)
{
  sqlite3 *db = _xa_store_get_db (self);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(XaOutboxEntry) entry = NULL;

  if (!_xa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  entry = _xa_store_edit_one (db, 0, id, problem_edit, elevator_edit, &local_error);
  return _xa_store_end_outbox_change (self, entry != NULL, &local_error, error);
}

gboolean
xa_store_edit_problem (XaStore              *self,
                       const char           *id,
                       const XaProblemEdit  *edit,
                       GError              **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && edit != NULL, FALSE);

  return edit_record (self, id, edit, NULL, error);
}

gboolean
xa_store_edit_elevator (XaStore              *self,
                        const char           *id,
                        const XaElevatorEdit *edit,
                        GError              **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && edit != NULL, FALSE);

  return edit_record (self, id, NULL, edit, error);
}

GPtrArray *
xa_store_list_outbox (XaStore   *self,
                      gboolean   pending_only,
                      GError   **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (XA_IS_STORE (self), NULL);

  db = _xa_store_get_db (self);
  if (sqlite3_prepare_v2 (db, "SELECT local_id, record_type, record_id, base_version, fields, "
                              "idempotency_key, created_at, state, message, field, current, "
                              "original FROM outbox WHERE state = 'pending' OR NOT ?1 "
                              "ORDER BY local_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _xa_store_set_sql_error (db, error, "Could not read the outbox");
      return NULL;
    }
  sqlite3_bind_int (stmt, 1, pending_only);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) xa_outbox_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XaOutboxEntry *entry = g_new0 (XaOutboxEntry, 1);
      int state = xa_enum_from_string (state_names,
                                       (const char *) sqlite3_column_text (stmt, 7));

      entry->local_id = sqlite3_column_int64 (stmt, 0);
      xa_record_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &entry->type);
      entry->record_id = _xa_store_dup_column (stmt, 2);
      entry->base_version = sqlite3_column_int64 (stmt, 3);
      entry->fields = _xa_store_dup_column (stmt, 4);
      entry->idempotency_key = _xa_store_dup_column (stmt, 5);
      entry->created_at = sqlite3_column_int64 (stmt, 6);
      if (state >= 0)
        entry->state = state;
      entry->message = _xa_store_dup_column (stmt, 8);
      entry->field = _xa_store_dup_column (stmt, 9);
      entry->current = _xa_store_dup_column (stmt, 10);
      entry->original = _xa_store_dup_column (stmt, 11);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      _xa_store_set_sql_error (db, error, "Could not read the outbox");
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&entries);
}

GHashTable *
xa_store_outbox_states (XaStore       *self,
                        XaRecordType   type,
                        GError       **error)
{
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GHashTable) states = NULL;

  g_return_val_if_fail (XA_IS_STORE (self), NULL);

  outbox = xa_store_list_outbox (self, FALSE, error);
  if (outbox == NULL)
    return NULL;
  states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < outbox->len; i++)
    {
      XaOutboxEntry *entry = outbox->pdata[i];
      int seen;

      if (entry->type != type)
        continue;
      seen = GPOINTER_TO_INT (g_hash_table_lookup (states, entry->record_id)) - 1;
      if (seen < 0 || (seen == XA_OUTBOX_PENDING && entry->state != XA_OUTBOX_PENDING))
        g_hash_table_insert (states, g_strdup (entry->record_id),
                             GINT_TO_POINTER (entry->state + 1));
    }
  return g_steal_pointer (&states);
}

gboolean
xa_store_has_edit (XaStore      *self,
                   XaRecordType  type,
                   const char   *id)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_return_val_if_fail (XA_IS_STORE (self), FALSE);

  db = _xa_store_get_db (self);
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM outbox WHERE record_type = ?1 AND record_id = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, xa_record_type_to_string (type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* Discards entry @local_id inside the caller's transaction and puts its row back; says which
 * record it was in @out_type and @out_id when not NULL (*@out_id NULL: there was no such
 * entry). */
gboolean
_xa_store_discard_entry (sqlite3       *db,
                         gint64         local_id,
                         XaRecordType  *out_type,
                         char         **out_id,
                         GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *id = NULL;
  g_autofree char *original = NULL;
  XaRecordType type = XA_RECORD_PROBLEM;
  gboolean restore = FALSE;
  gboolean ok;

  /* The row is put back only while it is still the version the entry kept it at: once the
   * feed brought a newer one, the row is the server's and stays. */
  if (sqlite3_prepare_v2 (db, "SELECT o.record_type, o.record_id, o.original, "
                              "coalesce ((SELECT version FROM problem WHERE id = o.record_id "
                              "AND o.record_type = 'problem'), (SELECT version FROM elevator "
                              "WHERE id = o.record_id AND o.record_type = 'elevator')) "
                              "= o.original_version FROM outbox o WHERE local_id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _xa_store_set_sql_error (db, error, "Could not read the outbox");
  sqlite3_bind_int64 (stmt, 1, local_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      xa_record_type_from_string ((const char *) sqlite3_column_text (stmt, 0), &type);
      id = _xa_store_dup_column (stmt, 1);
      original = _xa_store_dup_column (stmt, 2);
      restore = original != NULL && sqlite3_column_int (stmt, 3) == 1;
    }
  sqlite3_finalize (stmt);
  ok = _xa_store_run (db, "Could not change the outbox", error,
                      "DELETE FROM outbox WHERE local_id = ?1", "i", local_id) &&
       (!restore || (restore_original (db, type, id, original, error) &&
                     reapply (db, type, id, NULL, error)));
  if (out_type != NULL)
    *out_type = type;
  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return ok;
}

gboolean
xa_store_discard_edit (XaStore  *self,
                       gint64    local_id,
                       GError  **error)
{
  sqlite3 *db;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (XA_IS_STORE (self), FALSE);

  db = _xa_store_get_db (self);
  if (!_xa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  ok = _xa_store_discard_entry (db, local_id, NULL, NULL, &local_error);
  return _xa_store_end_outbox_change (self, ok, &local_error, error);
}

gboolean
xa_store_correct_edit (XaStore              *self,
                       gint64                local_id,
                       const XaProblemEdit  *problem_edit,
                       const XaElevatorEdit *elevator_edit,
                       GError              **error)
{
  sqlite3 *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  XaRecordType type;

  g_return_val_if_fail (XA_IS_STORE (self), FALSE);
  g_return_val_if_fail ((problem_edit != NULL) != (elevator_edit != NULL), FALSE);

  db = _xa_store_get_db (self);
  if (!_xa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (_xa_store_discard_entry (db, local_id, &type, &id, &local_error))
    {
      if (id == NULL || type != (problem_edit != NULL ? XA_RECORD_PROBLEM : XA_RECORD_ELEVATOR))
        g_set_error (&local_error, XA_STORE_ERROR, XA_STORE_ERROR_REJECTED,
                     "The outbox has no such edit to correct");
      else
        xa_outbox_entry_free (_xa_store_edit_one (db, local_id, id, problem_edit, elevator_edit,
                                                  &local_error));
    }
  return _xa_store_end_outbox_change (self, TRUE, &local_error, error);
}

gboolean
xa_store_outbox_accepted (XaStore  *self,
                          gint64    local_id,
                          gint64    new_version,
                          GError  **error)
{
  sqlite3 *db;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (XA_IS_STORE (self), FALSE);

  db = _xa_store_get_db (self);
  ok = _xa_store_exec (db, "BEGIN IMMEDIATE", &local_error) &&
       _xa_store_run (db, "Could not change the outbox", &local_error,
                      "UPDATE outbox SET base_version = ?2 WHERE state = 'pending' AND "
                      "local_id > ?1 AND (record_type, record_id, base_version) = "
                      "(SELECT record_type, record_id, base_version FROM outbox "
                      " WHERE local_id = ?1)", "ii", local_id, new_version) &&
       _xa_store_run (db, "Could not change the outbox", &local_error,
                      "DELETE FROM outbox WHERE local_id = ?1", "i", local_id);
  return _xa_store_end_outbox_change (self, ok, &local_error, error);
}

gboolean
xa_store_outbox_refused (XaStore        *self,
                         gint64          local_id,
                         XaOutboxState   state,
                         const char     *message,
                         const char     *field,
                         const char     *current,
                         GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (XA_IS_STORE (self), FALSE);
  g_return_val_if_fail (state == XA_OUTBOX_CONFLICT || state == XA_OUTBOX_REJECTED, FALSE);

  ok = _xa_store_run (_xa_store_get_db (self), "Could not change the outbox", error,
                      "UPDATE outbox SET state = ?2, message = ?3, field = ?4, current = ?5 "
                      "WHERE local_id = ?1", "itttt", local_id, state_names[state], message,
                      field, current);
  if (ok)
    _xa_store_outbox_changed (self);
  return ok;
}
