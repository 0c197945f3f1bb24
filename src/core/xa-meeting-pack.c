/* xa-meeting-pack.c — see xa-meeting-pack.h. A pack is written by a fresh store's own
 * connection with the bureau's store attached, so the records go across with the very
 * columns they have, and the file is renamed into place only once everything is in it.
 * The pack keeps the bureau's server and last sync (its "data as of" stays true) but no
 * cursor and no outbox of the bureau's: it never syncs, and its outbox holds only what the
 * meeting decides. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "xa-meeting-pack-private.h"
#include "xa-store-edits-private.h"

G_DEFINE_QUARK (xa-meeting-pack-error-quark, xa_meeting_pack_error)

/* The agenda's compounds and everything their records point at, from the attached store
 * "src" into this one; ?1 is the agenda. */
static const char * const copy_statements[] = {
  "CREATE TEMP TABLE pack_compound (id TEXT PRIMARY KEY)",
  "INSERT OR IGNORE INTO temp.pack_compound SELECT i.compound FROM src.agenda_item i"
  "  JOIN src.compound c ON c.id = i.compound WHERE i.agenda = ?1",
  "INSERT INTO main.store_server SELECT * FROM src.store_server",
  "INSERT INTO main.sync_state (server, cursor, last_sync)"
  "  SELECT server, NULL, last_sync FROM src.sync_state"
  "  WHERE server = (SELECT url FROM src.store_server)",
  "INSERT INTO main.district SELECT * FROM src.district WHERE id IN"
  "  (SELECT district FROM src.compound WHERE id IN (SELECT id FROM temp.pack_compound))",
  "INSERT INTO main.category SELECT * FROM src.category",
  "INSERT INTO main.compound SELECT * FROM src.compound"
  "  WHERE id IN (SELECT id FROM temp.pack_compound)",
  "INSERT INTO main.cadre SELECT * FROM src.cadre WHERE id IN (SELECT cadre FROM"
  "  src.cadre_compound WHERE compound IN (SELECT id FROM temp.pack_compound))",
  "INSERT INTO main.cadre_compound SELECT * FROM src.cadre_compound"
  "  WHERE compound IN (SELECT id FROM temp.pack_compound)",
  "INSERT INTO main.flood_check SELECT * FROM src.flood_check"
  "  WHERE compound IN (SELECT id FROM temp.pack_compound)",
  "INSERT INTO main.charging SELECT * FROM src.charging"
  "  WHERE compound IN (SELECT id FROM temp.pack_compound)",
  "INSERT INTO main.elevator SELECT * FROM src.elevator"
  "  WHERE compound IN (SELECT id FROM temp.pack_compound)",
  "INSERT INTO main.problem SELECT * FROM src.problem"
  "  WHERE compound IN (SELECT id FROM temp.pack_compound)",
  "INSERT INTO main.agenda (id, name, created_at, updated_at)"
  "  SELECT id, name, created_at, updated_at FROM src.agenda WHERE id = ?1",
  "INSERT INTO main.agenda_item SELECT * FROM src.agenda_item WHERE agenda = ?1",
  "INSERT INTO main.agenda_decision SELECT * FROM src.agenda_decision WHERE agenda = ?1",
};

static gboolean
set_failed (GError     **error,
            const char  *path,
            const char  *reason)
{
  g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_FAILED,
               /* Translators: %s the file, %s what went wrong */
               _("Could not write the meeting pack %s: %s. Nothing was written; check the "
                 "disk and try again."),
               path, reason);
  return FALSE;
}

/* @sql prepared, with @agenda_id as its parameter when it has one; NULL when it does not
 * prepare. */
static sqlite3_stmt *
prepare_bound (sqlite3    *db,
               const char *sql,
               gint64      agenda_id)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, agenda_id);
  return stmt;
}

static gboolean
exec_bound (sqlite3     *db,
            const char  *sql,
            gint64       agenda_id,
            GError     **error)
{
  sqlite3_stmt *stmt = prepare_bound (db, sql, agenda_id);
  int rc;

  if (stmt == NULL)
    {
      g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL, "%s", sqlite3_errmsg (db));
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL, "%s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           gint64      agenda_id)
{
  sqlite3_stmt *stmt = prepare_bound (db, sql, agenda_id);
  gint64 value = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
_xa_meeting_pack_query_text (sqlite3    *db,
                             const char *sql,
                             gint64      agenda_id)
{
  sqlite3_stmt *stmt = prepare_bound (db, sql, agenda_id);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = _xa_store_dup_column (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* ---- writing -------------------------------------------------------------------------- */

static void
remove_with_companions (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* The records and tiles into the new store @pack. */
static gboolean
fill_pack (XaStore                   *pack,
           const char                *store_path,
           gint64                     agenda_id,
           const XaMeetingPackTiles  *tiles,
           XaMeetingPackSummary      *summary,
           GError                   **error)
{
  sqlite3 *db = _xa_store_get_db (pack);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (!_xa_store_run (db, "Could not read the records store", error, "ATTACH ?1 AS src", "t",
                      store_path))
    return FALSE;

  ok = _xa_store_exec (db, "BEGIN IMMEDIATE", &local_error);
  if (ok && query_int (db, "SELECT count (*) FROM src.agenda WHERE id = ?1 AND deleted = 0",
                       agenda_id) != 1)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, agenda_id);

      /* Translators: %s the agenda's number, %s the records file */
      g_set_error (&local_error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_NO_AGENDA,
                   _("There is no agenda %s in the records file %s. "
                     "Choose one of the saved agendas."),
                   number, store_path);
      ok = FALSE;
    }
  if (ok && query_int (db, "SELECT count (*) FROM src.store_server", 0) != 1)
    {
      g_set_error (&local_error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_NOT_SYNCED,
                   _("The records file %s was never synced from a records server, so a "
                     "meeting pack could not bring its decisions back. Sync first."),
                   store_path);
      ok = FALSE;
    }
  for (guint i = 0; ok && i < G_N_ELEMENTS (copy_statements); i++)
    ok = exec_bound (db, copy_statements[i], agenda_id, &local_error);
  if (ok)
    {
      summary->compounds = (guint) query_int (db, "SELECT count (*) FROM compound", 0);
      if (summary->compounds == 0)
        {
          g_set_error (&local_error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_EMPTY_AGENDA,
                       _("The agenda has no compounds of the records file on it. Add the "
                         "compounds to discuss first."));
          ok = FALSE;
        }
    }
  ok = ok && _xa_meeting_pack_write_tiles (db, agenda_id, tiles, summary, &local_error);
  ok = ok && _xa_store_exec (db, "COMMIT", &local_error);
  if (!ok)
    _xa_store_exec (db, "ROLLBACK", NULL);
  _xa_store_exec (db, "DROP TABLE IF EXISTS temp.pack_compound", NULL);
  _xa_store_exec (db, "DETACH src", NULL);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

/* A pack is one self-contained file: no -wal beside it on a USB stick. */
static gboolean
make_self_contained (const char  *path,
                     GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;

  ok = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK
       && _xa_store_exec (db, "PRAGMA journal_mode = DELETE", error);
  if (db != NULL && !ok && error != NULL && *error == NULL)
    _xa_store_set_sql_error (db, error, "Could not finish the pack");
  sqlite3_close (db);
  return ok;
}

gboolean
xa_meeting_pack_write (const char                *store_path,
                       gint64                     agenda_id,
                       const XaMeetingPackTiles  *tiles,
                       const char                *output_path,
                       XaMeetingPackSummary      *summary,
                       GError                   **error)
{
  g_autoptr(XaStore) source = NULL;
  g_autoptr(XaStore) pack = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tmp = NULL;
  XaMeetingPackSummary local_summary = { 0 };
  int fd;

  g_return_val_if_fail (store_path != NULL, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (summary == NULL)
    summary = &local_summary;
  memset (summary, 0, sizeof *summary);

  /* Opened as a store first: a file that is none, or damaged, or older, is told or brought
   * up to date before anything of it is read. */
  if (!g_file_test (store_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_NOT_SYNCED,
                   _("There is no records file %s. Sync first, or give the file with --store."),
                   store_path);
      return FALSE;
    }
  source = xa_store_open (store_path, error);
  if (source == NULL)
    return FALSE;
  g_clear_object (&source);

  tmp = g_strconcat (output_path, ".XXXXXX", NULL);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved_errno = errno;

      return set_failed (error, output_path, g_strerror (saved_errno));
    }
  close (fd);

  pack = xa_store_open (tmp, &local_error);
  if (pack != NULL && fill_pack (pack, store_path, agenda_id, tiles, summary, &local_error))
    {
      g_clear_object (&pack);
      if (make_self_contained (tmp, &local_error))
        {
          if (g_rename (tmp, output_path) == 0)
            {
              g_autofree char *stray = g_strconcat (tmp, "-journal", NULL);

              g_unlink (stray);
              return TRUE;
            }
          {
            int saved_errno = errno;

            g_clear_error (&local_error);
            set_failed (&local_error, output_path, g_strerror (saved_errno));
          }
        }
    }
  g_clear_object (&pack);
  remove_with_companions (tmp);
  if (local_error->domain == XA_MEETING_PACK_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    set_failed (error, output_path, local_error->message);
  return FALSE;
}

/* ---- reading -------------------------------------------------------------------------- */

static gboolean
not_a_pack (GError     **error,
            const char  *path,
            const char  *why)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_NOT_A_PACK,
               /* Translators: %s the file's name, %s why it cannot be read */
               _("“%s” is not a meeting pack that can be read: %s. Nothing was changed. Copy "
                 "the pack again, or export it again on the bureau’s computer."),
               name, why);
  return FALSE;
}

/* The pack's checks on a connection that has it as schema @schema ("main" or "pack"). */
static gboolean
check_schema (sqlite3     *db,
              const char  *schema,
              const char  *path,
              gint64      *out_agenda_id,
              char       **out_server,
              GError     **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *check = NULL;
  g_autofree char *agenda = NULL;
  g_autofree char *server = NULL;
  gint64 version, agenda_id = 0;

  sql = g_strdup_printf ("PRAGMA %s.quick_check", schema);
  check = _xa_meeting_pack_query_text (db, sql, 0);
  if (g_strcmp0 (check, "ok") != 0)
    return not_a_pack (error, path, check != NULL ? check : sqlite3_errmsg (db));
  g_free (sql);
  sql = g_strdup_printf ("PRAGMA %s.user_version", schema);
  version = query_int (db, sql, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT value FROM %s.metadata WHERE name = '" PACK_AGENDA "'"
                         " AND EXISTS (SELECT 1 FROM %s.metadata WHERE name = '" PACK_MARK "')",
                         schema, schema);
  agenda = _xa_meeting_pack_query_text (db, sql, 0);
  if (version < 6 || agenda == NULL)
    return not_a_pack (error, path, _("it is no meeting pack of Xiaoqu Atlas"));
  if (version > 7)
    return not_a_pack (error, path, _("it was written by a newer version of Xiaoqu Atlas"));
  agenda_id = g_ascii_strtoll (agenda, NULL, 10);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM %s.agenda WHERE id = ?1", schema);
  if (query_int (db, sql, agenda_id) != 1)
    return not_a_pack (error, path, _("its agenda is missing"));
  g_free (sql);
  sql = g_strdup_printf ("SELECT url FROM %s.store_server", schema);
  server = _xa_meeting_pack_query_text (db, sql, 0);
  if (server == NULL)
    return not_a_pack (error, path, _("it names no records server"));
  if (out_agenda_id != NULL)
    *out_agenda_id = agenda_id;
  if (out_server != NULL)
    *out_server = g_steal_pointer (&server);
  return TRUE;
}

gboolean
xa_meeting_pack_check (const char  *path,
                       gint64      *out_agenda_id,
                       char       **out_server,
                       GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return not_a_pack (error, path, _("there is no such file"));
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      ok = not_a_pack (error, path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return ok;
    }
  ok = check_schema (db, "main", path, out_agenda_id, out_server, error);
  sqlite3_close (db);
  return ok;
}

gboolean
xa_meeting_pack_is_pack (const char *path)
{
  g_autofree char *mark = NULL;
  sqlite3 *db = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    mark = _xa_meeting_pack_query_text (db, "SELECT value FROM metadata WHERE name = '"
                                        PACK_MARK "'", 0);
  sqlite3_close (db);
  return mark != NULL;
}

/* ---- importing ------------------------------------------------------------------------ */

/* An entry of the pack's outbox as this store's outbox will hold it, and the name of its
 * record type, which is judged only once the entry is not known here already. */
typedef struct
{
  char          *type;
  XaOutboxEntry *edit;
} PackEntry;

static void
pack_entry_free (gpointer data)
{
  PackEntry *entry = data;

  g_free (entry->type);
  xa_outbox_entry_free (entry->edit);
  g_free (entry);
}

static GPtrArray *
read_pack_entries (sqlite3  *db,
                   GError  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (pack_entry_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT record_type, record_id, fields, idempotency_key, "
                          "base_version, created_at FROM pack.outbox WHERE state = 'pending' "
                          "ORDER BY local_id", -1, &stmt, NULL) != SQLITE_OK)
    {
      _xa_store_set_sql_error (db, error, "Could not read the pack's decisions");
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PackEntry *entry = g_new0 (PackEntry, 1);

      entry->type = _xa_store_dup_column (stmt, 0);
      entry->edit = g_new0 (XaOutboxEntry, 1);
      entry->edit->record_id = _xa_store_dup_column (stmt, 1);
      entry->edit->fields = _xa_store_dup_column (stmt, 2);
      entry->edit->idempotency_key = _xa_store_dup_column (stmt, 3);
      entry->edit->base_version = sqlite3_column_int64 (stmt, 4);
      entry->edit->created_at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _xa_store_set_sql_error (db, error, "Could not read the pack's decisions");
      return NULL;
    }
  return g_steal_pointer (&entries);
}

static gboolean
key_known (sqlite3    *db,
           const char *key)
{
  sqlite3_stmt *stmt = NULL;
  gboolean known = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT EXISTS (SELECT 1 FROM main.outbox WHERE idempotency_key"
                          " = ?1) OR EXISTS (SELECT 1 FROM main.agenda_decision WHERE "
                          "idempotency_key = ?1) OR EXISTS (SELECT 1 FROM main.imported_edit "
                          "WHERE idempotency_key = ?1)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    known = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  return known;
}

/* The entries, their decisions and the agenda they belong to, inside the transaction. */
static gboolean
import_entries (sqlite3    *db,
                gint64      agenda_id,
                GPtrArray  *entries,
                guint      *imported,
                guint      *skipped,
                guint      *gone,
                GError    **error)
{
  /* The meeting's agenda comes along when this store has no agenda of that id (a pack
   * taken to another of the bureau's machines). */
  if (query_int (db, "SELECT count (*) FROM main.agenda WHERE id = ?1", agenda_id) == 0
      && (!exec_bound (db, "INSERT INTO main.agenda SELECT * FROM pack.agenda WHERE id = ?1",
                       agenda_id, error)
          || !exec_bound (db, "INSERT INTO main.agenda_item SELECT * FROM pack.agenda_item "
                          "WHERE agenda = ?1", agenda_id, error)))
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      PackEntry *entry = g_ptr_array_index (entries, i);
      XaOutboxEntry *edit = entry->edit;

      if (key_known (db, edit->idempotency_key))
        {
          (*skipped)++;
          continue;
        }
      if (!xa_record_type_from_string (entry->type, &edit->type))
        {
          g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
                       "The pack holds an edit of an unknown kind of record (%s)", entry->type);
          return FALSE;
        }
      /* A record the server deleted after the pack was made (the feed took it out of the
       * store): its decision has nothing left to change, and the server would refuse it.
       * Left out, and counted, rather than keeping every other decision out with it; the
       * pack keeps it. */
      if (!_xa_store_row_exists (db, xa_record_type_to_string (edit->type),
                                 edit->record_id))
        {
          (*gone)++;
          continue;
        }
      if (!_xa_store_import_entry (db, edit, error)
          || !_xa_store_run (db, "Could not copy a meeting decision", error,
                             "INSERT INTO main.agenda_decision (agenda, compound, problem, kind,"
                             " note, responsible_party, deadline, tier, decided_at, "
                             "idempotency_key) SELECT agenda, compound, problem, kind, note, "
                             "responsible_party, deadline, tier, decided_at, idempotency_key "
                             "FROM pack.agenda_decision WHERE idempotency_key = ?1", "t",
                             edit->idempotency_key)
          || !_xa_store_run (db, "Could not copy a meeting decision", error,
                             "INSERT INTO main.imported_edit (idempotency_key, imported_at) "
                             "VALUES (?1, CAST (strftime ('%s') AS INTEGER))", "t", edit->idempotency_key))
        return FALSE;
      (*imported)++;
    }
  return TRUE;
}

gboolean
xa_meeting_pack_import (const char  *pack_path,
                        const char  *store_path,
                        guint       *out_imported,
                        guint       *out_skipped,
                        guint       *out_gone,
                        GError     **error)
{
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *pack_server = NULL;
  g_autofree char *server = NULL;
  g_autofree char *canonical_pack = NULL;
  g_autofree char *canonical_store = NULL;
  guint imported = 0, skipped = 0, gone = 0;
  gint64 agenda_id = 0;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (pack_path != NULL, FALSE);
  g_return_val_if_fail (store_path != NULL, FALSE);

  canonical_pack = g_canonicalize_filename (pack_path, NULL);
  canonical_store = g_canonicalize_filename (store_path, NULL);
  if (g_str_equal (canonical_pack, canonical_store))
    {
      g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_OTHER_SERVER,
                   _("The meeting pack is the records file itself: open the bureau’s records "
                     "to bring its decisions back."));
      return FALSE;
    }
  if (!xa_meeting_pack_check (pack_path, &agenda_id, &pack_server, error))
    return FALSE;

  store = xa_store_open (store_path, error);
  if (store == NULL)
    return FALSE;
  server = xa_store_dup_server (store);
  if (g_strcmp0 (server, pack_server) != 0)
    {
      g_autofree char *name = g_filename_display_basename (pack_path);

      g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_OTHER_SERVER,
                   /* Translators: the pack's name, its server, the records' server */
                   _("The meeting pack “%s” holds records of the server at %s, but these "
                     "records are of %s. Nothing was imported: open the pack where the records "
                     "of its server are kept."),
                   name, pack_server, server != NULL ? server : _("no server"));
      return FALSE;
    }

  db = _xa_store_get_db (store);
  if (!_xa_store_run (db, "Could not read the meeting pack", &local_error, "ATTACH ?1 AS pack",
                      "t", pack_path))
    return set_failed (error, pack_path, local_error->message);
  /* Checked again through this connection: the file may have changed since. */
  ok = check_schema (db, "pack", pack_path, &agenda_id, NULL, &local_error)
       && _xa_store_exec (db, "BEGIN IMMEDIATE", &local_error);
  if (ok)
    {
      entries = read_pack_entries (db, &local_error);
      ok = entries != NULL
           && import_entries (db, agenda_id, entries, &imported, &skipped, &gone,
                              &local_error)
           && _xa_store_exec (db, "COMMIT", &local_error);
      if (!ok)
        _xa_store_exec (db, "ROLLBACK", NULL);
    }
  _xa_store_exec (db, "DETACH pack", NULL);
  if (!ok)
    {
      if (local_error->domain == XA_MEETING_PACK_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (local_error->domain == XA_STORE_ERROR
               && local_error->code == XA_STORE_ERROR_SQL
               && g_str_has_prefix (local_error->message, "Could not read"))
        not_a_pack (error, pack_path, local_error->message);
      else
        g_set_error (error, XA_MEETING_PACK_ERROR, XA_MEETING_PACK_ERROR_FAILED,
                     _("The decisions of the meeting pack could not be brought back (%s). "
                       "Nothing was changed."),
                     local_error->message);
      return FALSE;
    }
  if (imported > 0)
    _xa_store_outbox_changed (store);
  if (out_imported != NULL)
    *out_imported = imported;
  if (out_skipped != NULL)
    *out_skipped = skipped;
  if (out_gone != NULL)
    *out_gone = gone;
  return TRUE;
}
