/* xs-database-compact.c — compacting XsDatabase's change log below a horizon: each record
 * keeps one row, at its first position, holding its newest state; records deleted below the
 * horizon go, their last version kept so they continue it if created again; rows are dealt
 * out again in the feed's order when references changed. Part of XsDatabase
 * (xs-database.c). */
#include "config.h"

#include "xs-database-private.h"

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
  "   WHERE seq < ?1 AND deleted = 0 "
  "     AND type IN ('flood_check', 'charging', 'elevator', 'problem') "
  "  UNION ALL SELECT c.seq, 'compound', j.value "
  "   FROM changes c, json_each (c.data, '$.compounds') j "
  "   WHERE c.seq < ?1 AND c.deleted = 0 AND c.type = 'cadre') "
  "SELECT count(*) FROM refs r WHERE NOT EXISTS (SELECT 1 FROM changes b "
  "  WHERE b.type = r.rtype AND b.id = r.rid AND b.seq < r.seq AND b.deleted = 0)";

static gboolean
compact_step (XsDatabase  *self,
              const char  *sql,
              gint64       horizon,
              GError     **error)
{
  sqlite3_stmt *stmt = _xs_database_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, horizon);
  return _xs_database_step_done (self, stmt, error);
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
    "DELETE FROM changes "
    "WHERE seq < ?1 AND (type, id) IN (SELECT type, id FROM compact_keys WHERE dead)",
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
    "JOIN (SELECT seq AS slot, row_number () OVER (ORDER BY seq) AS n "
    "      FROM changes WHERE seq < ?1) s "
    "ON r.n = s.n",
    "UPDATE changes SET seq = -seq WHERE seq < ?1",
    "UPDATE changes SET seq = (SELECT slot FROM compact_remap WHERE old = -changes.seq) "
    "WHERE seq < 0",
  };
  sqlite3_stmt *stmt;
  gint64 current_horizon, max_seq, violations = 0;
  gboolean owned, ok;

  g_return_val_if_fail (XS_IS_DATABASE (self), FALSE);

  if (!_xs_database_auto_begin (self, &owned, error))
    return FALSE;
  ok = xs_database_get_positions (self, &current_horizon, &max_seq, error);
  if (ok && horizon <= current_horizon)
    return _xs_database_auto_end (self, owned, TRUE, error);   /* nothing new to merge */

  for (guint i = 0; ok && i < G_N_ELEMENTS (merge); i++)
    ok = compact_step (self, merge[i], horizon, error);
  if (ok)
    {
      stmt = _xs_database_statement (self, ordering_violations_sql, error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, horizon);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            violations = sqlite3_column_int64 (stmt, 0);
          else
            ok = _xs_database_set_sqlite_error (self, error, "checking the order");
          sqlite3_reset (stmt);
        }
    }
  for (guint i = 0; ok && violations > 0 && i < G_N_ELEMENTS (reorder); i++)
    ok = compact_step (self, reorder[i], horizon, error);
  if (ok)
    {
      stmt = _xs_database_statement (self, "UPDATE meta SET value = CAST (?1 AS TEXT) "
                                           "WHERE key = 'horizon_seq'", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, horizon);
          ok = _xs_database_step_done (self, stmt, error);
        }
    }
  return _xs_database_auto_end (self, owned, ok, error);
}
