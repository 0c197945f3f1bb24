/* xa-store-files.c — the store as files on disk rather than as tables: whether the last
 * process that had it open closed it (a marker file beside it), a quick check of sqlite's
 * pages, and moving a store aside (with its -wal and -shm, which hold committed pages)
 * under a new name, so a damaged or replaced store is kept, never deleted. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/types.h>
#include <unistd.h>

#include "xa-store-private.h"

/* The files sqlite keeps beside a store; they belong to it and move with it. */
static const char * const companions[] = { "", "-wal", "-shm", "-journal" };

/* How many stores of each path this process has open, for the marker. */
static GMutex open_lock;
static GHashTable *open_counts;

static char *
marker_path (const char *path)
{
  return g_strconcat (path, "-open", NULL);
}

/* The process that wrote the marker, or 0 when there is none or it cannot be read. */
static pid_t
marker_owner (const char *marker)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (marker, &contents, NULL, NULL))
    return 0;
  return (pid_t) g_ascii_strtoll (contents, NULL, 10);
}

gboolean
_xa_store_note_open (const char *path)
{
  g_autofree char *marker = marker_path (path);
  gboolean unclean = FALSE;
  guint count;

  g_mutex_lock (&open_lock);
  if (open_counts == NULL)
    open_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_counts, path));
  if (count == 0)
    {
      pid_t owner = marker_owner (marker);

      /* A marker left by a process that is gone: it never closed the store. One whose
       * process still runs (another window, a scheduled sync) stays that process's. */
      if (owner == getpid () || (owner > 0 && kill (owner, 0) != 0 && errno == ESRCH))
        unclean = TRUE;
      if (owner <= 0 || unclean)
        {
          g_autofree char *pid = g_strdup_printf ("%d\n", (int) getpid ());

          g_file_set_contents (marker, pid, -1, NULL);
        }
    }
  g_hash_table_insert (open_counts, g_strdup (path), GUINT_TO_POINTER (count + 1));
  g_mutex_unlock (&open_lock);
  return unclean;
}

void
_xa_store_note_closed (const char *path)
{
  g_autofree char *marker = marker_path (path);
  guint count;

  g_mutex_lock (&open_lock);
  count = open_counts != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (open_counts, path)) : 0;
  if (count > 1)
    g_hash_table_insert (open_counts, g_strdup (path), GUINT_TO_POINTER (count - 1));
  else
    {
      if (open_counts != NULL)
        g_hash_table_remove (open_counts, path);
      if (marker_owner (marker) == getpid ())
        g_unlink (marker);
    }
  g_mutex_unlock (&open_lock);
}

gboolean
_xa_store_is_damage (int code)
{
  return (code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB;
}

gboolean
_xa_store_quick_check (sqlite3     *db,
                       const char  *path,
                       GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  /* quick_check reads every page but skips what integrity_check adds (index contents
   * against their tables): a few seconds for a million records. It stops at 10
   * problems; one is enough to know. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(10)", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      /* Each row says one thing, "ok" when all is well; a problem only stops the loop
       * at its end. */
      rc = SQLITE_OK;

      if (g_strcmp0 (line, "ok") != 0)
        {
          g_auto(GStrv) parts = g_strsplit (line != NULL ? line : "", "\n", -1);
          g_autofree char *joined = g_strjoinv (" ", parts);

          g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "", joined);
        }
    }
  if (rc != SQLITE_DONE && problems->len == 0)
    {
      if (!_xa_store_is_damage (sqlite3_errcode (db)))
        {
          _xa_store_set_sql_error (db, error, "Could not check the records store");
          sqlite3_finalize (stmt);
          return FALSE;
        }
      g_string_append (problems, sqlite3_errmsg (db));
    }
  sqlite3_finalize (stmt);
  if (problems->len == 0)
    return TRUE;
  g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED,
               "The records store %s is damaged: %s", path, problems->str);
  return FALSE;
}

gboolean
xa_store_check (XaStore  *self,
                GError  **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), FALSE);

  return _xa_store_quick_check (_xa_store_get_db (self), xa_store_get_path (self), error);
}

char *
xa_store_aside_path (const char *path,
                     const char *reason)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H-%M-%S");

  g_return_val_if_fail (path != NULL && reason != NULL, NULL);

  /* A name no file has yet, nor any of its companions. */
  for (guint n = 1;; n++)
    {
      g_autofree char *candidate = n == 1
        ? g_strdup_printf ("%s.%s.%s", path, stamp, reason)
        : g_strdup_printf ("%s.%s-%u.%s", path, stamp, n, reason);
      gboolean taken = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (companions) && !taken; i++)
        {
          g_autofree char *file = g_strconcat (candidate, companions[i], NULL);

          taken = g_file_test (file, G_FILE_TEST_EXISTS);
        }
      if (!taken)
        return g_steal_pointer (&candidate);
    }
}

gboolean
xa_store_move_aside (const char  *path,
                     const char  *aside_path,
                     GError     **error)
{
  g_autofree char *marker = NULL;

  g_return_val_if_fail (path != NULL && aside_path != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (path, companions[i], NULL);
      g_autofree char *to = g_strconcat (aside_path, companions[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      /* Never over another file: that one would be lost. */
      if (g_file_test (to, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_OPEN,
                       "Could not move the records store %s aside: %s already exists",
                       path, to);
          return FALSE;
        }
      if (g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_OPEN,
                       "Could not move the records store %s to %s: %s",
                       from, to, g_strerror (saved_errno));
          return FALSE;
        }
    }
  /* The marker describes the file that was here, which this process no longer has open. */
  marker = marker_path (path);
  if (marker_owner (marker) == getpid ())
    g_unlink (marker);
  return TRUE;
}
