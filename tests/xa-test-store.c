/* xa-test-store.c — see xa-test-store.h. */
#include "config.h"

#include <sqlite3.h>

#include "xa-store-private.h"
#include "xa-test-store.h"

XaChange *
xa_test_change_parse (JsonNode  *node,
                      GError   **error)
{
  g_autofree char *text = NULL;

  g_assert (node != NULL);
  text = json_to_string (node, FALSE);
  return xa_change_from_text (text, -1, error);
}

char *
xa_test_store_explain (XaStore  *store,
                       GError  **error)
{
  sqlite3 *db = _xa_store_get_db (store);
  g_autoptr(GString) plans = g_string_new (NULL);
  const char *name;
  char *sql;

  for (guint n = 0; (sql = _xa_store_queries_nth_sql (n, &name)) != NULL; n++)
    {
      g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
      sqlite3_stmt *stmt = NULL;
      int rc;

      g_free (sql);
      rc = sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL);
      /* Columns: id, parent, notused, detail. */
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_string_append_printf (plans, "%s: %s\n", name,
                                  (const char *) sqlite3_column_text (stmt, 3));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
                       "Could not explain the %s query: %s", name, sqlite3_errmsg (db));
          return NULL;
        }
    }
  return g_string_free (g_steal_pointer (&plans), FALSE);
}

XaStore *
xa_test_store_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  XaStore *store = xa_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

gint64
xa_test_store_query (XaStore    *store,
                     const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = xa_store_query_int (store, sql, &error);

  g_assert_no_error (error);
  g_test_message ("%s: %" G_GINT64_FORMAT, sql, value);
  return value;
}

typedef struct
{
  XaRecordType  type;
  char         *id;
} FirstId;

static void
take_first_id (gconstpointer record,
               gpointer      user_data)
{
  FirstId *first = user_data;

  if (first->id == NULL)
    first->id = g_strdup (G_STRUCT_MEMBER (const char *, record,
                                           _xa_record_spec (first->type)->id_offset));
}

char *
xa_test_store_first_id (XaStore      *store,
                        XaRecordType  type)
{
  g_autoptr(GError) error = NULL;
  FirstId first = { type, NULL };

  g_assert_true (xa_store_foreach (store, type, take_first_id, &first, &error));
  g_assert_no_error (error);
  g_assert_nonnull (first.id);
  return first.id;
}
