/* xs-database-delete.c — deleting a record from XsDatabase: a tombstone in the change log,
 * after the records that depend on it. A district or category still in use is refused; a
 * compound takes its flood checks, charging, elevators and problems with it, and its cadres
 * lose it from their lists (or go, when it was their only one), so a client never holds a
 * record that points at a deleted compound. Part of XsDatabase (xs-database.c). */
#include "config.h"

#include "xs-database-private.h"

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
  stmt = _xs_database_statement (self,
    "SELECT c.type, c.id, c.data FROM changes c "
    "WHERE c.deleted = 0 AND c.type IN ('cadre', 'flood_check', 'charging', 'elevator', 'problem') "
    "AND CASE c.type WHEN 'cadre' "
    "  THEN EXISTS (SELECT 1 FROM json_each (c.data, '$.compounds') j WHERE j.value = ?1) "
    "  ELSE json_extract (c.data, '$.compound') = ?1 END "
    "AND NOT EXISTS (SELECT 1 FROM changes d "
    "                WHERE d.type = c.type AND d.id = c.id AND d.seq > c.seq) "
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
      _xs_database_set_sqlite_error (self, error, "finding a compound's records");
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
  JsonObject *data = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                    : NULL;
  JsonArray *old = data != NULL ? json_object_get_array_member (data, "compounds") : NULL;
  g_autoptr(JsonArray) kept = json_array_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    {
      JsonNode *element = json_array_get_element (old, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (element), compound))
        continue;
      json_array_add_element (kept, json_node_copy (element));
    }
  if (json_array_get_length (kept) == 0)
    return _xs_database_append_next (self, cadre->type, cadre->id, NULL, error) > 0 ? 1 : 0;

  json_object_set_array_member (data, "compounds", g_steal_pointer (&kept));
  text = _xs_database_object_to_json (data);
  return _xs_database_append_next (self, cadre->type, cadre->id, text, error) > 0 ? 1 : 0;
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
      "AND NOT EXISTS (SELECT 1 FROM changes d "
      "                WHERE d.type = c.type AND d.id = c.id AND d.seq > c.seq)"
    : "SELECT count(*) FROM changes c WHERE c.type = 'problem' AND c.deleted = 0 "
      "AND json_extract (c.data, '$.category') = ?1 "
      "AND NOT EXISTS (SELECT 1 FROM changes d "
      "                WHERE d.type = c.type AND d.id = c.id AND d.seq > c.seq)";
  sqlite3_stmt *stmt = _xs_database_statement (self, sql, error);
  gint64 count = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _xs_database_set_sqlite_error (self, error, "counting references");
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

  if (!_xs_database_check_key (type, id, error) || !_xs_database_auto_begin (self, &owned, error))
    return 0;

  ok = _xs_database_current_version (self, type, id, &version, &deleted, error);
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
                       "%s “%s” is still used by %" G_GINT64_FORMAT " %s; "
                       "delete or change those first",
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
          guint n;

          if (g_str_equal (d->type, "cadre"))
            n = unlink_cadre (self, d, id, error);
          else
            n = _xs_database_append_next (self, d->type, d->id, NULL, error) > 0;
          ok = n > 0;
          written += n;
        }
    }
  if (ok)
    {
      ok = _xs_database_insert_change (self, type, id, version + 1, NULL, error) > 0;
      written++;
    }
  if (!_xs_database_auto_end (self, owned, ok, error))
    return 0;
  return written;
}
