/* xa-store-queries.c — see xa-store-queries.h. The statements are prepared per call: a
 * selection on the map runs a handful of them, preparing one costs a few microseconds, and
 * cached statements would have to be finalized before XaStore closes its connection, which
 * this file cannot see. */
#include "config.h"

#include <sqlite3.h>

#include "xa-store-private.h"
#include "xa-store-queries.h"

typedef enum
{
  QUERY_DISTRICTS,
  QUERY_DISTRICT,
  QUERY_CATEGORY,
  QUERY_CADRES,
  QUERY_FLOOD_CHECK,
  QUERY_CHARGING,
  QUERY_ELEVATORS,
  QUERY_PROBLEMS_OPEN,
  QUERY_PROBLEMS_RESOLVED,
  QUERY_RESOLVED_COUNT,
  N_QUERIES
} Query;

/* Most queries read whole records: "SELECT id, version, <the type's columns> FROM <table>"
 * followed by @tail. The problem queries name the status with a unary plus so sqlite keeps
 * to the per-compound index (a few rows) instead of problem_status, which would walk every
 * open problem of the city. */
static const struct
{
  const char  *name;
  XaRecordType type;
  const char  *tail;
} queries[N_QUERIES] = {
  [QUERY_DISTRICTS] = { "districts", XA_RECORD_DISTRICT, "ORDER BY id" },
  [QUERY_DISTRICT] = { "district", XA_RECORD_DISTRICT, "WHERE id = ?1" },
  [QUERY_CATEGORY] = { "category", XA_RECORD_CATEGORY, "WHERE id = ?1" },
  [QUERY_CADRES] = { "cadres", XA_RECORD_CADRE,
                     "WHERE id IN (SELECT cadre FROM cadre_compound WHERE compound = ?1) "
                     "ORDER BY name, id" },
  /* The rule of xa_metrics_flood_check_replaces(): the latest inspected, of equals the
   * first in id order. */
  [QUERY_FLOOD_CHECK] = { "flood-check", XA_RECORD_FLOOD_CHECK,
                          "WHERE compound = ?1 AND season = ?2 "
                          "ORDER BY inspected_at DESC, id LIMIT 1" },
  [QUERY_CHARGING] = { "charging", XA_RECORD_CHARGING, "WHERE compound = ?1 ORDER BY id LIMIT 1" },
  [QUERY_ELEVATORS] = { "elevators", XA_RECORD_ELEVATOR,
                        "WHERE compound = ?1 ORDER BY commissioned, building, unit, id" },
  [QUERY_PROBLEMS_OPEN] = { "problems-open", XA_RECORD_PROBLEM,
                            "WHERE compound = ?1 AND +status IN ('open', 'in_progress') "
                            "ORDER BY deadline, reported_at, id" },
  [QUERY_PROBLEMS_RESOLVED] = { "problems-resolved", XA_RECORD_PROBLEM,
                                "WHERE compound = ?1 AND +status IN ('resolved', 'closed') "
                                "ORDER BY resolved_at DESC, id LIMIT ?2" },
  [QUERY_RESOLVED_COUNT] = { "resolved-count", XA_N_RECORD_TYPES,
                             "SELECT count(*) FROM problem WHERE compound = ?1 "
                             "AND +status IN ('resolved', 'closed') AND resolved_at >= ?2" },
};

static char *
query_sql (Query query)
{
  XaRecordType type = queries[query].type;

  if (type == XA_N_RECORD_TYPES)
    return g_strdup (queries[query].tail);
  return g_strdup_printf ("SELECT id, version, %s FROM %s %s", _xa_record_columns (type),
                          xa_record_type_to_string (type), queries[query].tail);
}

static gboolean
set_error (sqlite3     *db,
           Query        query,
           GError     **error)
{
  g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
               "Could not read the %s from the records store: %s",
               queries[query].name, sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (XaStore  *self,
         Query     query,
         GError  **error)
{
  sqlite3 *db = _xa_store_get_db (self);
  g_autofree char *sql = query_sql (query);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error (db, query, error);
      return NULL;
    }
  return stmt;
}

/* Steps @stmt to the end, appending each row as a record to @out; finalizes @stmt. */
static gboolean
collect (XaStore       *self,
         Query          query,
         sqlite3_stmt  *stmt,
         GPtrArray     *out,
         GError       **error)
{
  sqlite3 *db = _xa_store_get_db (self);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, _xa_store_read_row (db, queries[query].type, stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_error (db, query, error);
  return TRUE;
}

/* Runs @query with @text as ?1 (and @number as ?2 when the query has one). */
static GPtrArray *
run (XaStore     *self,
     Query        query,
     const char  *text,
     gint64       number,
     GError     **error)
{
  GDestroyNotify free_record = _xa_record_spec (queries[query].type)->free;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_record);
  sqlite3_stmt *stmt;

  if ((stmt = prepare (self, query, error)) == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, number);
  if (!collect (self, query, stmt, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* The first record of run(), or NULL (with @error set only on failure). */
static gpointer
run_one (XaStore     *self,
         Query        query,
         const char  *text,
         gint64       number,
         GError     **error)
{
  g_autoptr(GPtrArray) rows = run (self, query, text, number, error);

  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

GPtrArray *
xa_store_list_districts (XaStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  return run (self, QUERY_DISTRICTS, NULL, 0, error);
}

XaDistrict *
xa_store_get_district (XaStore     *self,
                       const char  *code,
                       GError     **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  return run_one (self, QUERY_DISTRICT, code, 0, error);
}

XaCategory *
xa_store_get_category (XaStore     *self,
                       const char  *code,
                       GError     **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  return run_one (self, QUERY_CATEGORY, code, 0, error);
}

GPtrArray *
xa_store_compound_cadres (XaStore     *self,
                          const char  *compound_id,
                          GError     **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (compound_id != NULL, NULL);
  return run (self, QUERY_CADRES, compound_id, 0, error);
}

XaFloodCheck *
xa_store_get_flood_check (XaStore     *self,
                          const char  *compound_id,
                          int          season,
                          GError     **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (compound_id != NULL, NULL);
  return run_one (self, QUERY_FLOOD_CHECK, compound_id, season, error);
}

XaCharging *
xa_store_get_charging (XaStore     *self,
                       const char  *compound_id,
                       GError     **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (compound_id != NULL, NULL);
  return run_one (self, QUERY_CHARGING, compound_id, 0, error);
}

GPtrArray *
xa_store_compound_elevators (XaStore     *self,
                             const char  *compound_id,
                             GError     **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (compound_id != NULL, NULL);
  return run (self, QUERY_ELEVATORS, compound_id, 0, error);
}

GPtrArray *
xa_store_compound_problems (XaStore     *self,
                            const char  *compound_id,
                            guint        max_resolved,
                            GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (compound_id != NULL, NULL);

  if ((problems = run (self, QUERY_PROBLEMS_OPEN, compound_id, 0, error)) == NULL)
    return NULL;
  if (max_resolved == 0)
    return g_steal_pointer (&problems);

  if ((stmt = prepare (self, QUERY_PROBLEMS_RESOLVED, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, compound_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, max_resolved);
  if (!collect (self, QUERY_PROBLEMS_RESOLVED, stmt, problems, error))
    return NULL;
  return g_steal_pointer (&problems);
}

gint64
xa_store_count_resolved_problems (XaStore     *self,
                                  const char  *compound_id,
                                  gint64       since,
                                  GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (XA_IS_STORE (self), -1);
  g_return_val_if_fail (compound_id != NULL, -1);

  if ((stmt = prepare (self, QUERY_RESOLVED_COUNT, error)) == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, compound_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, since);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    set_error (_xa_store_get_db (self), QUERY_RESOLVED_COUNT, error);
  sqlite3_finalize (stmt);
  return count;
}

char *
_xa_store_queries_nth_sql (guint        n,
                           const char **out_name)
{
  if (n >= N_QUERIES)
    return NULL;
  *out_name = queries[n].name;
  return query_sql (n);
}
