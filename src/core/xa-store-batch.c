/* xa-store-batch.c — see xa-store-batch.h. Built on the steps of one edit
 * (xa-store-edits-private.h), run for each record inside one transaction. */
#include "config.h"

#include <sqlite3.h>

#include "xa-store-batch.h"
#include "xa-store-edits-private.h"

GPtrArray *
xa_store_edit_elevators (XaStore              *self,
                         const char * const   *ids,
                         guint                 n_ids,
                         const XaElevatorEdit *edit,
                         GError              **error)
{
  sqlite3 *db;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (edit != NULL, NULL);

  db = _xa_store_get_db (self);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) xa_outbox_entry_free);
  if (!_xa_store_exec (db, "BEGIN IMMEDIATE", error))
    return NULL;
  for (guint i = 0; i < n_ids && local_error == NULL; i++)
    {
      XaOutboxEntry *entry = _xa_store_edit_one (db, 0, ids[i], NULL, edit, &local_error);

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }
  if (!_xa_store_end_outbox_change (self, TRUE, &local_error, error))
    return NULL;
  return g_steal_pointer (&entries);
}

/* Whether @entry is still in the outbox: its key as well as its local id, which a later
 * entry may reuse once it is gone. */
static gboolean
outbox_has_entry (sqlite3              *db,
                  const XaOutboxEntry  *entry,
                  gboolean             *out_found,
                  GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM outbox WHERE local_id = ?1 AND "
                              "idempotency_key = ?2", -1, &stmt, NULL) != SQLITE_OK)
    return _xa_store_set_sql_error (db, error, "Could not read the outbox");
  sqlite3_bind_int64 (stmt, 1, entry->local_id);
  sqlite3_bind_text (stmt, 2, entry->idempotency_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  *out_found = rc == SQLITE_ROW;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _xa_store_set_sql_error (db, error, "Could not read the outbox");
  return TRUE;
}

/* The members of @entry's original values whose column the row still has as @entry set
 * it, as a JSON object text, or NULL when there are none (someone changed them all since,
 * or the record is gone). */
static char *
reverse_fields (sqlite3              *db,
                const XaOutboxEntry  *entry,
                GError              **error)
{
  g_autoptr(JsonNode) set = json_from_string (entry->fields, NULL);
  g_autoptr(JsonNode) before = json_from_string (entry->original, NULL);
  g_autoptr(JsonNode) now = NULL;
  g_autoptr(JsonObject) reverse = json_object_new ();
  g_autoptr(GList) members = NULL;
  g_autofree char *now_text = NULL;
  gint64 version = 0;

  if (set == NULL || before == NULL || !JSON_NODE_HOLDS_OBJECT (set)
      || !JSON_NODE_HOLDS_OBJECT (before))
    return NULL;
  now_text = _xa_store_capture_original (db, entry->type, entry->record_id, entry->fields, &version,
                               error);
  if (now_text == NULL || (now = json_from_string (now_text, NULL)) == NULL)
    return NULL;
  members = json_object_get_members (json_node_get_object (before));
  for (GList *m = members; m != NULL; m = m->next)
    {
      JsonNode *was = json_object_get_member (json_node_get_object (before), m->data);
      JsonNode *mine = json_object_get_member (json_node_get_object (set), m->data);
      JsonNode *is = json_object_get_member (json_node_get_object (now), m->data);

      if (mine != NULL && is != NULL && json_node_equal (mine, is)
          && !json_node_equal (was, is))
        json_object_set_member (reverse, m->data, json_node_copy (was));
    }
  if (json_object_get_size (reverse) == 0)
    return NULL;
  {
    g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), reverse);

    return json_to_string (root, FALSE);
  }
}

gboolean
xa_store_undo_edits (XaStore    *self,
                     GPtrArray  *entries,
                     guint      *out_queued,
                     GError    **error)
{
  sqlite3 *db;
  g_autoptr(GError) local_error = NULL;
  guint queued = 0;

  g_return_val_if_fail (XA_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);

  db = _xa_store_get_db (self);
  if (!_xa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < entries->len && local_error == NULL; i++)
    {
      const XaOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(XaOutboxEntry) undo = g_new0 (XaOutboxEntry, 1);
      gboolean in_outbox = FALSE;

      if (!outbox_has_entry (db, entry, &in_outbox, &local_error))
        break;
      undo->type = entry->type;
      undo->record_id = g_strdup (entry->record_id);
      if (in_outbox)
        _xa_store_discard_entry (db, entry->local_id, NULL, NULL, &local_error);
      else if ((undo->fields = reverse_fields (db, entry, &local_error)) != NULL &&
               _xa_store_queue_entry (db, undo, &local_error))
        queued++;
    }
  if (!_xa_store_end_outbox_change (self, TRUE, &local_error, error))
    return FALSE;
  if (out_queued != NULL)
    *out_queued = queued;
  return TRUE;
}
