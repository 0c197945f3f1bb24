/* xa-test-store.c — see xa-test-store.h. */
#include "config.h"

#include <sqlite3.h>

#include "xa-store-agendas.h"
#include "xa-store-private.h"
#include "xa-test-store.h"
#include "xa-varargs.h"

/* Changes a page of the made-up city holds, as the server sends them. */
#define PAGE_SIZE 5000

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

/* ---- A made-up city in a store ---- */

static char *
district_text (guint n)
{
  return g_strdup_printf ("{\"seq\": %u, \"type\": \"district\", \"id\": \"3713%02u\", "
                          "\"version\": 1, \"deleted\": false, \"data\": {\"code\": "
                          "\"3713%02u\", \"name\": \"区县%u\", \"lat\": 35.1, \"lon\": 118.3}}",
                          n + 1, n + 2, n + 2, n);
}

static char *
compound_text (guint n)
{
  return g_strdup_printf ("{\"seq\": %u, \"type\": \"compound\", \"id\": \"C%05u\", "
                          "\"version\": 1, \"deleted\": false, \"data\": {\"name\": "
                          "\"小区%u\", \"district\": \"3713%02u\", \"subdistrict\": \"街道\", "
                          "\"community\": \"社区\", \"address\": \"路%u号\", \"lat\": %.5f, "
                          "\"lon\": %.5f, \"kind\": \"residential\", \"buildings\": 12, "
                          "\"households\": 600, \"owners_committee\": true, "
                          "\"public_revenue_recorded\": false, \"special_account\": false, "
                          "\"supervised_fen\": 0}}",
                          n + 100, n, n, 2 + n % 12, n, 35.0 + (n % 97) * 0.003,
                          118.2 + (n % 89) * 0.003);
}

static char *
elevator_text (guint n,
               guint n_compounds)
{
  static const char * const grades[] = { "A", "B", "C", "D" };
  static const char * const results[] = { "pass", "pass_with_remarks", "fail" };

  return g_strdup_printf ("{\"seq\": %u, \"type\": \"elevator\", \"id\": \"EL%06u\", "
                          "\"version\": 1, \"deleted\": false, \"data\": {\"compound\": "
                          "\"C%05u\", \"building\": \"%u号楼\", \"unit\": \"%u单元\", "
                          "\"registration_code\": \"3713%010u\", \"maker\": \"制造商%u\", "
                          "\"model\": \"TKJ-%u\", \"commissioned\": \"%04u-%02u-15\", "
                          "\"last_inspection\": \"2026-0%u-10\", \"inspection_result\": \"%s\", "
                          "\"faults_12m\": %u, \"entrapments_12m\": %u, "
                          "\"assessment_grade\": \"%s\", \"assessed_on\": \"2022-05-01\", "
                          "\"renewal_status\": \"none\"}}",
                          n + 10000, n, n % n_compounds, 1 + n % 20, 1 + n % 4, n, n % 9,
                          n % 50, 1995 + n % 30, 1 + n % 12, 1 + n % 9, results[n % 3], n % 13,
                          n % 4, grades[n % 4]);
}

static void
apply_page (XaStore   *store,
            GPtrArray *texts,
            guint      last_seq)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) xa_change_free);
  g_autofree char *cursor = g_strdup_printf ("%u", last_seq);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < texts->len; i++)
    {
      XaChange *change = xa_change_from_text (texts->pdata[i], -1, &error);

      g_assert_no_error (error);
      g_ptr_array_add (changes, change);
    }
  xa_store_apply_page (store, "http://127.0.0.1:1", changes, cursor, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (texts, 0);
}

void
xa_test_store_fill_city (const char *path,
                         guint       n_compounds,
                         guint       n_elevators)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XaStore) store = xa_store_open (path, &error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < 12; i++)
    g_ptr_array_add (texts, district_text (i));
  for (guint i = 0; i < n_compounds; i++)
    g_ptr_array_add (texts, compound_text (i));
  apply_page (store, texts, n_compounds + 100);
  for (guint i = 0; i < n_elevators; i++)
    {
      g_ptr_array_add (texts, elevator_text (i, n_compounds));
      if (texts->len == PAGE_SIZE)
        apply_page (store, texts, i + 10000);
    }
  if (texts->len > 0)
    apply_page (store, texts, n_elevators + 10000);
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

gint64
xa_test_store_queryf (XaStore    *store,
                      const char *format,
                      ...)
{
  g_autofree char *sql = XA_STRDUP_VARARGS (format);

  return xa_test_store_query (store, sql);
}

void
xa_test_store_assert_record (XaStore    *store,
                             const char *table,
                             const char *id,
                             const char *where)
{
  g_assert_cmpint (xa_test_store_queryf (store, "SELECT count(*) FROM %s WHERE id = '%s' AND %s",
                                         table, id, where),
                   ==, 1);
}

XaAgenda *
xa_test_store_save_agenda (XaStore    *store,
                           const char *name,
                           const char *compound_id)
{
  g_autoptr(XaAgenda) agenda = xa_agenda_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (xa_agenda_append (agenda, compound_id, NULL));
  g_assert_true (xa_store_save_agenda (store, agenda, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&agenda);
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
