/* xa-store-conflicts.c — see xa-store-conflicts.h. A resolution never guesses: what is sent
 * again is only what the user kept, on the version the server showed, so nothing the other
 * client changed is overwritten unless the user chose to. */
#include "config.h"

#include <sqlite3.h>

#include "xa-calendar.h"
#include "xa-store-conflicts.h"
#include "xa-store-private.h"

void
xa_edit_field_free (XaEditField *field)
{
  if (field == NULL)
    return;
  g_free (field->name);
  g_free (field->original);
  g_free (field->mine);
  g_free (field->theirs);
  g_free (field);
}

/* A member's value as text; a time kept as unix seconds (the row's deadline) as the feed
 * writes it, so that the three values of one field read alike. */
static char *
value_text (const char *name,
            JsonNode   *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      if (g_str_equal (name, "deadline"))
        return xa_calendar_format_time (json_node_get_int (node));
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return NULL;
}

static JsonObject *
object_of (JsonNode *root)
{
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static JsonNode *
member_or_null (JsonObject *object,
                const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

GPtrArray *
xa_outbox_entry_get_fields (const XaOutboxEntry *entry)
{
  g_autoptr(JsonNode) fields_root = NULL;
  g_autoptr(JsonNode) original_root = NULL;
  g_autoptr(JsonNode) current_root = NULL;
  g_autoptr(GList) names = NULL;
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) xa_edit_field_free);
  JsonObject *mine, *original, *current, *theirs = NULL;

  g_return_val_if_fail (entry != NULL, fields);

  fields_root = entry->fields != NULL ? json_from_string (entry->fields, NULL) : NULL;
  original_root = entry->original != NULL ? json_from_string (entry->original, NULL) : NULL;
  current_root = entry->current != NULL ? json_from_string (entry->current, NULL) : NULL;
  mine = object_of (fields_root);
  original = object_of (original_root);
  current = object_of (current_root);
  if (current != NULL && json_object_has_member (current, "data"))
    theirs = object_of (json_object_get_member (current, "data"));
  if (mine == NULL)
    return fields;
  names = json_object_get_members (mine);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      XaEditField *field;

      if (g_str_equal (name, "note"))
        continue;
      field = g_new0 (XaEditField, 1);
      field->name = g_strdup (name);
      field->original = value_text (name, member_or_null (original, name));
      field->mine = value_text (name, json_object_get_member (mine, name));
      field->theirs = value_text (name, member_or_null (theirs, name));
      g_ptr_array_add (fields, field);
    }
  return fields;
}

/* The entry's record, body and server's record, when it is a conflict. */
static gboolean
read_conflict (sqlite3        *db,
               gint64          local_id,
               XaRecordType   *out_type,
               char          **out_id,
               char          **out_fields,
               char          **out_current,
               GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT record_type, record_id, fields, current FROM outbox "
                              "WHERE local_id = ?1 AND state = 'conflict' "
                              "AND current IS NOT NULL", -1, &stmt, NULL) != SQLITE_OK)
    return _xa_store_set_sql_error (db, error, "Could not read the outbox");
  sqlite3_bind_int64 (stmt, 1, local_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = xa_record_type_from_string ((const char *) sqlite3_column_text (stmt, 0),
                                          out_type);
      *out_id = _xa_store_dup_column (stmt, 1);
      *out_fields = _xa_store_dup_column (stmt, 2);
      *out_current = _xa_store_dup_column (stmt, 3);
    }
  sqlite3_finalize (stmt);
  if (!found)
    g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_REJECTED,
                 "The edit %" G_GINT64_FORMAT " is not a conflict with the server", local_id);
  return found;
}

/* "Conflict resolved: kept mine for status, took theirs for deadline" */
static char *
decision_text (GPtrArray *kept,
               GPtrArray *taken)
{
  g_autoptr(GString) text = g_string_new ("Conflict resolved: ");

  if (kept->len > 0)
    {
      g_string_append (text, "kept mine for ");
      for (guint i = 0; i < kept->len; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (kept, i));
    }
  if (taken->len > 0)
    {
      g_string_append (text, kept->len > 0 ? ", took theirs for " : "took theirs for ");
      for (guint i = 0; i < taken->len; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (taken, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The body sent again: the kept members, a problem's status (the server's when mine was not
 * kept: an update always names one), and the note with the decision. NULL with nothing kept. */
static char *
merged_fields (XaRecordType         type,
               JsonObject          *mine,
               JsonObject          *theirs,
               const char * const  *keep_mine,
               const char          *decision_words,
               GError             **error)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GPtrArray) taken = g_ptr_array_new ();
  g_autoptr(GList) names = json_object_get_members (mine);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *decision = NULL;
  g_autofree char *note = NULL;
  const char *my_note = NULL;
  gboolean status_kept = FALSE;

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "note"))
      g_ptr_array_add (keep_mine != NULL && g_strv_contains (keep_mine, l->data) ? kept : taken,
                       l->data);
  if (kept->len == 0)
    return NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < kept->len; i++)
    {
      const char *name = g_ptr_array_index (kept, i);

      status_kept |= g_str_equal (name, "status");
      json_builder_set_member_name (builder, name);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (mine, name)));
    }
  if (type == XA_RECORD_PROBLEM)
    {
      const char *their_status = json_object_get_string_member_with_default (theirs, "status",
                                                                             NULL);
      const char *my_status = json_object_get_string_member_with_default (mine, "status",
                                                                          NULL);
      int from = xa_enum_from_string (xa_problem_status_names, their_status);
      int to = xa_enum_from_string (xa_problem_status_names, my_status);

      if (status_kept && from >= 0 && to >= 0 && !xa_problem_status_may_change (from, to))
        {
          g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_TRANSITION,
                       "The problem is “%s” on the server now and cannot become “%s”",
                       their_status, my_status);
          return NULL;
        }
      if (!status_kept && their_status != NULL)
        {
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, their_status);
        }
    }
  decision = decision_words != NULL ? g_strdup (decision_words) : decision_text (kept, taken);
  my_note = json_object_get_string_member_with_default (mine, "note", NULL);
  if (my_note != NULL && *my_note != '\0')
    note = g_strdup_printf ("%s (%s)", my_note, decision);
  if (note == NULL || !xa_edit_note_is_valid (note))
    {
      g_free (note);
      note = g_strdup (decision);
    }
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, note);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  return json_to_string (body, FALSE);
}

static gboolean
resolve (XaStore             *self,
         sqlite3             *db,
         gint64               local_id,
         const char * const  *keep_mine,
         const char          *decision,
         GError             **error)
{
  g_autofree char *id = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *current = NULL;
  g_autofree char *merged = NULL;
  g_autoptr(XaChange) change = NULL;
  g_autoptr(JsonNode) mine_root = NULL;
  g_autoptr(JsonNode) current_root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  XaRecordType type = XA_RECORD_PROBLEM;
  JsonObject *mine, *current_object, *theirs = NULL;

  if (!read_conflict (db, local_id, &type, &id, &fields, &current, error))
    return FALSE;
  change = xa_change_from_text (current, -1, error);
  if (change == NULL)
    return FALSE;
  mine_root = json_from_string (fields, NULL);
  current_root = json_from_string (current, NULL);
  mine = object_of (mine_root);
  current_object = object_of (current_root);
  if (current_object != NULL && json_object_has_member (current_object, "data"))
    theirs = object_of (json_object_get_member (current_object, "data"));
  if (mine == NULL)
    {
      g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
                   "The edit %" G_GINT64_FORMAT " in the outbox is not readable", local_id);
      return FALSE;
    }
  /* A record deleted on the server leaves nothing to keep mine on. */
  if (!change->deleted && theirs != NULL)
    merged = merged_fields (type, mine, theirs, keep_mine, decision, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* The row becomes the server's record (unless the feed already brought it or a newer
   * one); the pending edits of the record, this one too when kept, go over it again. */
  if (!_xa_store_apply_change (self, change, error))
    return FALSE;
  /* Kept, the entry waits again under a new key: the body is not the one the old key was
   * sent with. */
  if (merged == NULL
      ? !_xa_store_run (db, "Could not change the outbox", error,
                        "DELETE FROM outbox WHERE local_id = ?1", "i", local_id)
      : !_xa_store_run (db, "Could not change the outbox", error,
                        "UPDATE outbox SET state = 'pending', base_version = ?2, fields = ?3, "
                        "idempotency_key = ?4, message = NULL, field = NULL, current = NULL "
                        "WHERE local_id = ?1", "iitt", local_id, change->version, merged, key))
    return FALSE;
  return _xa_store_reapply_record (db, type, id, error);
}

gboolean
xa_store_resolve_conflict (XaStore             *self,
                           gint64               local_id,
                           const char * const  *keep_mine,
                           const char          *decision,
                           GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (XA_IS_STORE (self), FALSE);

  db = _xa_store_get_db (self);
  if (!_xa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  ok = resolve (self, db, local_id, keep_mine, decision, &local_error);
  return _xa_store_end_outbox_change (self, ok, &local_error, error);
}

char *
xa_store_edit_record_label (XaStore      *self,
                            XaRecordType  type,
                            const char   *id)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  char *label = NULL;
  const char *sql = type == XA_RECORD_PROBLEM
    ? "SELECT title FROM problem WHERE id = ?1"
    : "SELECT e.registration_code || coalesce (' · ' || c.name, '') FROM elevator e "
      "LEFT JOIN compound c ON c.id = e.compound WHERE e.id = ?1";

  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  db = _xa_store_get_db (self);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    label = _xa_store_dup_column (stmt, 0);
  sqlite3_finalize (stmt);
  return label;
}
