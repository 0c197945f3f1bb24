/* xa-store-agendas.c — see xa-store-agendas.h. Tables agenda, agenda_item and
 * agenda_decision (schema version 6, xa-store-schema.c). An agenda's items are written
 * whole on each save: an agenda is a few dozen rows, and a save that rewrites them cannot
 * leave half an order behind. */
#include "config.h"

#include <sqlite3.h>

#include "xa-store-agendas.h"
#include "xa-store-edits-private.h"

/* The kind column's spelling of each XaDecisionKind. */
static const char * const decision_kind_names[] = { "agreed", "escalated", NULL };

void
xa_agenda_summary_free (XaAgendaSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->name);
  g_free (summary);
}

void
xa_agenda_decision_free (XaAgendaDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->compound_id);
  g_free (decision->problem_id);
  g_free (decision->note);
  g_free (decision->responsible_party);
  g_free (decision->idempotency_key);
  g_free (decision);
}

GPtrArray *
xa_store_list_agendas (XaStore  *self,
                       GError  **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) agendas = NULL;
  int rc;

  g_return_val_if_fail (XA_IS_STORE (self), NULL);

  db = _xa_store_get_db (self);
  if (sqlite3_prepare_v2 (db, "SELECT id, name, updated_at,"
                              " (SELECT count (*) FROM agenda_item WHERE agenda = agenda.id)"
                              " FROM agenda WHERE NOT deleted"
                              " ORDER BY updated_at DESC, id DESC", -1, &stmt, NULL) != SQLITE_OK)
    {
      _xa_store_set_sql_error (db, error, "Could not read the agendas");
      return NULL;
    }
  agendas = g_ptr_array_new_with_free_func ((GDestroyNotify) xa_agenda_summary_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XaAgendaSummary *summary = g_new0 (XaAgendaSummary, 1);

      summary->id = sqlite3_column_int64 (stmt, 0);
      summary->name = _xa_store_dup_column (stmt, 1);
      summary->updated_at = sqlite3_column_int64 (stmt, 2);
      summary->n_items = (guint) sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (agendas, summary);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _xa_store_set_sql_error (db, error, "Could not read the agendas");
      return NULL;
    }
  return g_steal_pointer (&agendas);
}

XaAgenda *
xa_store_load_agenda (XaStore  *self,
                      gint64    id,
                      GError  **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(XaAgenda) agenda = NULL;
  int rc;

  g_return_val_if_fail (XA_IS_STORE (self), NULL);

  db = _xa_store_get_db (self);
  if (sqlite3_prepare_v2 (db, "SELECT name FROM agenda WHERE id = ?1", -1, &stmt, NULL)
      != SQLITE_OK)
    {
      _xa_store_set_sql_error (db, error, "Could not read the agenda");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      agenda = xa_agenda_new ((const char *) sqlite3_column_text (stmt, 0));
      xa_agenda_set_id (agenda, id);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
                   "The agenda %" G_GINT64_FORMAT " is not in the records store", id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _xa_store_set_sql_error (db, error, "Could not read the agenda");
      return NULL;
    }

  if (sqlite3_prepare_v2 (db, "SELECT compound, topic FROM agenda_item WHERE agenda = ?1"
                              " ORDER BY position", -1, &stmt, NULL) != SQLITE_OK)
    {
      _xa_store_set_sql_error (db, error, "Could not read the agenda's items");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    xa_agenda_append (agenda, (const char *) sqlite3_column_text (stmt, 0),
                      (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _xa_store_set_sql_error (db, error, "Could not read the agenda's items");
      return NULL;
    }
  return g_steal_pointer (&agenda);
}

/* The rows of @agenda under @id, in the caller's transaction. */
static gboolean
write_items (sqlite3   *db,
             XaAgenda  *agenda,
             gint64     id,
             GError   **error)
{
  if (!_xa_store_run (db, "Could not save the agenda", error,
                      "DELETE FROM agenda_item WHERE agenda = ?1", "i", id))
    return FALSE;
  for (guint i = 0; i < xa_agenda_get_n_items (agenda); i++)
    {
      XaAgendaItem *item = xa_agenda_peek_item (agenda, i);
      const char *topic = xa_agenda_item_get_topic (item);

      if (!_xa_store_run (db, "Could not save the agenda", error,
                          "INSERT INTO agenda_item (agenda, position, compound, topic)"
                          " VALUES (?1, ?2, ?3, ?4)", "iitt", id, (gint64) i,
                          xa_agenda_item_get_compound_id (item),
                          topic[0] != '\0' ? topic : NULL))
        return FALSE;
    }
  return TRUE;
}

gboolean
xa_store_save_agenda (XaStore   *self,
                      XaAgenda  *agenda,
                      GError   **error)
{
  sqlite3 *db;
  g_autofree char *name = NULL;
  gint64 id;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (XA_IS_STORE (self), FALSE);
  g_return_val_if_fail (XA_IS_AGENDA (agenda), FALSE);

  name = g_strstrip (g_strdup (xa_agenda_get_name (agenda)));
  if (name[0] == '\0')
    {
      g_set_error_literal (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
                           "An agenda needs a name");
      return FALSE;
    }
  db = _xa_store_get_db (self);
  id = xa_agenda_get_id (agenda);
  if (!_xa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* An agenda saved before keeps its id, even when its row is gone (saved in another
   * store, or put back by an undo). */
  if (!_xa_store_run (db, "Could not save the agenda", error,
                      "INSERT INTO agenda (id, name, created_at, updated_at) VALUES"
                      " (nullif (?1, 0), ?2, ?3, ?3)"
                      " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                      " updated_at = excluded.updated_at, deleted = 0",
                      "iti", id, name, now))
    goto failed;
  if (id == 0)
    id = sqlite3_last_insert_rowid (db);
  if (!write_items (db, agenda, id, error) || !_xa_store_exec (db, "COMMIT", error))
    goto failed;
  xa_agenda_set_id (agenda, id);
  return TRUE;

failed:
  _xa_store_exec (db, "ROLLBACK", NULL);
  return FALSE;
}

static gboolean
set_deleted (XaStore  *self,
             gint64    id,
             gboolean  deleted,
             GError  **error)
{
  sqlite3 *db = _xa_store_get_db (self);

  if (!_xa_store_run (db, "Could not change the agenda", error,
                      "UPDATE agenda SET deleted = ?2 WHERE id = ?1", "ii", id, (gint64) deleted))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
                   "The agenda %" G_GINT64_FORMAT " is not in the records store", id);
      return FALSE;
    }
  return TRUE;
}

gboolean
xa_store_delete_agenda (XaStore  *self,
                        gint64    id,
                        GError  **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), FALSE);

  return set_deleted (self, id, TRUE, error);
}

gboolean
xa_store_restore_agenda (XaStore  *self,
                         gint64    id,
                         GError  **error)
{
  g_return_val_if_fail (XA_IS_STORE (self), FALSE);

  return set_deleted (self, id, FALSE, error);
}

static XaAgendaDecision *
read_decision (sqlite3_stmt *stmt)
{
  XaAgendaDecision *decision = g_new0 (XaAgendaDecision, 1);
  int tier, kind;

  decision->id = sqlite3_column_int64 (stmt, 0);
  decision->agenda_id = sqlite3_column_int64 (stmt, 1);
  decision->compound_id = _xa_store_dup_column (stmt, 2);
  decision->problem_id = _xa_store_dup_column (stmt, 3);
  kind = xa_enum_from_string (decision_kind_names, (const char *) sqlite3_column_text (stmt, 4));
  decision->kind = kind >= 0 ? (XaDecisionKind) kind : XA_DECISION_AGREED;
  decision->note = _xa_store_dup_column (stmt, 5);
  decision->responsible_party = _xa_store_dup_column (stmt, 6);
  decision->deadline = sqlite3_column_int64 (stmt, 7);
  tier = xa_enum_from_string (xa_problem_tier_names, (const char *) sqlite3_column_text (stmt, 8));
  decision->tier = tier >= 0 ? (XaProblemTier) tier : XA_TIER_ON_SITE;
  decision->decided_at = sqlite3_column_int64 (stmt, 9);
  decision->idempotency_key = _xa_store_dup_column (stmt, 10);
  return decision;
}

#define DECISION_COLUMNS \
  "id, agenda, compound, problem, kind, note, responsible_party, deadline, tier," \
  " decided_at, idempotency_key"

/* The decision row @rowid, in the caller's transaction. */
static XaAgendaDecision *
get_decision (sqlite3  *db,
              gint64    rowid,
              GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  XaAgendaDecision *decision = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT " DECISION_COLUMNS " FROM agenda_decision WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _xa_store_set_sql_error (db, error, "Could not read the decision");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    decision = read_decision (stmt);
  else
    _xa_store_set_sql_error (db, error, "Could not read the decision");
  sqlite3_finalize (stmt);
  return decision;
}

XaAgendaDecision *
xa_store_decide (XaStore              *self,
                 gint64                agenda_id,
                 const char           *compound_id,
                 const char           *problem_id,
                 XaDecisionKind        kind,
                 const XaProblemEdit  *edit,
                 gint64                decided_at,
                 GError              **error)
{
  sqlite3 *db;
  g_autoptr(XaOutboxEntry) entry = NULL;
  g_autoptr(GError) local_error = NULL;
  XaAgendaDecision *decision = NULL;

  g_return_val_if_fail (XA_IS_STORE (self), NULL);
  g_return_val_if_fail (compound_id != NULL && problem_id != NULL, NULL);
  g_return_val_if_fail (edit != NULL, NULL);

  db = _xa_store_get_db (self);
  if (!_xa_store_exec (db, "BEGIN IMMEDIATE", error))
    return NULL;
  /* The problem must belong to the compound the meeting discussed: a decision filed under
   * another compound would put it in the wrong place of the minutes. The problem's row,
   * after the edit, gives what the minutes say (tier, party, deadline). */
  if ((entry = _xa_store_edit_one (db, 0, problem_id, edit, NULL, &local_error)) != NULL &&
      _xa_store_run (db, "Could not keep the decision", &local_error,
                     "INSERT INTO agenda_decision (agenda, compound, problem, kind, note,"
                     "  responsible_party, deadline, tier, decided_at, idempotency_key)"
                     " SELECT a.id, p.compound, p.id, ?4, ?5, p.responsible_party, p.deadline,"
                     "   p.tier, ?6, ?7"
                     " FROM agenda a, problem p"
                     " WHERE a.id = ?1 AND p.id = ?2 AND p.compound = ?3",
                     "ittttit", agenda_id, problem_id, compound_id,
                     decision_kind_names[kind], edit->note, decided_at,
                     entry->idempotency_key))
    {
      if (sqlite3_changes (db) == 0)
        g_set_error (&local_error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
                     "The decision names an agenda or a compound’s problem that is not in "
                     "the records store");
      else
        decision = get_decision (db, sqlite3_last_insert_rowid (db), &local_error);
    }
  if (!_xa_store_end_outbox_change (self, decision != NULL, &local_error, error))
    {
      xa_agenda_decision_free (decision);
      return NULL;
    }
  return decision;
}

GPtrArray *
xa_store_list_decisions (XaStore  *self,
                         gint64    agenda_id,
                         GError  **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  int rc;

  g_return_val_if_fail (XA_IS_STORE (self), NULL);

  db = _xa_store_get_db (self);
  if (sqlite3_prepare_v2 (db, "SELECT " DECISION_COLUMNS " FROM agenda_decision"
                              " WHERE agenda = ?1 ORDER BY decided_at, id", -1, &stmt, NULL)
      != SQLITE_OK)
    {
      _xa_store_set_sql_error (db, error, "Could not read the decisions");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, agenda_id);
  decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) xa_agenda_decision_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (decisions, read_decision (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _xa_store_set_sql_error (db, error, "Could not read the decisions");
      return NULL;
    }
  return g_steal_pointer (&decisions);
}
