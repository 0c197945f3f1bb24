/* xs-database-feed.c — one page of the feed (GET /api/v1/changes) from XsDatabase: a range
 * scan of the change log after a cursor, its JSON glued together from the stored data text,
 * with the horizon and the highest seq read in the same snapshot. Part of XsDatabase
 * (xs-database.c). */
#include "config.h"

#include "xs-database-private.h"

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
      if (!_xs_database_run (self, "BEGIN", error))
        return NULL;
      owned = TRUE;
    }
  if (!xs_database_get_positions (self, &page->horizon, &page->max_seq, error))
    goto fail;
  page->epoch = g_strdup (self->epoch);
  page->last_seq = after_seq;
  page->changes_json = g_string_sized_new (limit * 400 + 2);
  g_string_append_c (page->changes_json, '[');

  stmt = _xs_database_statement (self, "SELECT seq, type, id, version, deleted, data FROM changes "
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
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT,
                  (gint64) sqlite3_column_int64 (stmt, 3));
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
      _xs_database_set_sqlite_error (self, error, "reading changes");
      goto fail;
    }
  g_string_append_c (page->changes_json, ']');
  if (owned)
    _xs_database_run (self, "COMMIT", NULL);
  return g_steal_pointer (&page);

fail:
  if (owned)
    _xs_database_run (self, "ROLLBACK", NULL);
  return NULL;
}
