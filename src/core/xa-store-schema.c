/* xa-store-schema.c — what the store's file holds, as sqlite sees it: the tables, the steps
 * that bring a file written by an older version up to date (counted in PRAGMA user_version),
 * and the secondary indexes that a first sync leaves out and builds at its end. When to
 * leave them out and when to build them is XaStore's business (xa-store.c), tied to its
 * transactions; this file only knows what they are. A new field of a record is a column
 * added by a new step here and a row of its type's description (xa-records.c); test-store
 * checks that the two agree. */
#include "config.h"

#include <sqlite3.h>

#include "xa-store-private.h"

#define SCHEMA_VERSION 7

static const char schema_v1[] =
  "CREATE TABLE sync_state ("
  "  server TEXT PRIMARY KEY, cursor TEXT, last_sync INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE district ("
  "  id TEXT PRIMARY KEY, version INTEGER NOT NULL, name TEXT NOT NULL,"
  "  lat REAL NOT NULL, lon REAL NOT NULL);"
  "CREATE TABLE category ("
  "  id TEXT PRIMARY KEY, version INTEGER NOT NULL, name_zh TEXT NOT NULL,"
  "  name_en TEXT NOT NULL, key_action TEXT);"
  /* An integer key so the R*Tree below can point at compounds. */
  "CREATE TABLE compound ("
  "  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL,"
  "  name TEXT NOT NULL, district TEXT NOT NULL REFERENCES district (id),"
  "  subdistrict TEXT NOT NULL, community TEXT NOT NULL, address TEXT NOT NULL,"
  "  lat REAL NOT NULL, lon REAL NOT NULL, boundary BLOB, kind TEXT NOT NULL,"
  "  built_year INTEGER, buildings INTEGER NOT NULL, households INTEGER NOT NULL,"
  "  property_company TEXT, owners_committee INTEGER NOT NULL,"
  "  public_revenue_recorded INTEGER NOT NULL, special_account INTEGER NOT NULL,"
  "  supervised_fen INTEGER NOT NULL);"
  "CREATE INDEX compound_district ON compound (district);"
  "CREATE VIRTUAL TABLE compound_position USING rtree ("
  "compound, min_lat, max_lat, min_lon, max_lon);"
  "CREATE TRIGGER compound_position_insert AFTER INSERT ON compound BEGIN"
  "  INSERT INTO compound_position VALUES (new.rowid, new.lat, new.lat, new.lon, new.lon); END;"
  "CREATE TRIGGER compound_position_update AFTER UPDATE OF lat, lon ON compound BEGIN"
  "  UPDATE compound_position SET min_lat = new.lat, max_lat = new.lat,"
  "    min_lon = new.lon, max_lon = new.lon WHERE compound = new.rowid; END;"
  "CREATE TRIGGER compound_position_delete AFTER DELETE ON compound BEGIN"
  "  DELETE FROM compound_position WHERE compound = old.rowid; END;"
  "CREATE TABLE cadre ("
  "  id TEXT PRIMARY KEY, version INTEGER NOT NULL, name TEXT NOT NULL,"
  "  unit TEXT NOT NULL, phone TEXT NOT NULL);"
  "CREATE TABLE cadre_compound ("
  "  cadre TEXT NOT NULL REFERENCES cadre (id) ON DELETE CASCADE,"
  "  compound TEXT NOT NULL REFERENCES compound (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (cadre, compound)) WITHOUT ROWID;"
  "CREATE INDEX cadre_compound_compound ON cadre_compound (compound);"
  "CREATE TABLE flood_check ("
  "  id TEXT PRIMARY KEY, version INTEGER NOT NULL,"
  "  compound TEXT NOT NULL REFERENCES compound (id) ON DELETE CASCADE,"
  "  season INTEGER NOT NULL,"
  "  supplies_in_place INTEGER NOT NULL, supplies_date TEXT, supplies_notes TEXT,"
  "  personnel_in_place INTEGER NOT NULL, personnel_date TEXT, personnel_notes TEXT,"
  "  plan_in_place INTEGER NOT NULL, plan_date TEXT, plan_notes TEXT,"
  "  drill_in_place INTEGER NOT NULL, drill_date TEXT, drill_notes TEXT,"
  "  drills_held INTEGER NOT NULL, pumps INTEGER NOT NULL, sandbags INTEGER NOT NULL,"
  "  low_lying_spots INTEGER NOT NULL, problems_found INTEGER NOT NULL,"
  "  problems_fixed INTEGER NOT NULL, inspected_at INTEGER NOT NULL, inspected_by TEXT NOT NULL);"
  "CREATE INDEX flood_check_compound ON flood_check (compound);"
  "CREATE TABLE charging ("
  "  id TEXT PRIMARY KEY, version INTEGER NOT NULL,"
  "  compound TEXT NOT NULL REFERENCES compound (id) ON DELETE CASCADE,"
  "  registered_ebikes INTEGER NOT NULL, ports INTEGER NOT NULL, smart_ports INTEGER NOT NULL,"
  "  sheds INTEGER NOT NULL, outside_sites INTEGER NOT NULL);"
  "CREATE INDEX charging_compound ON charging (compound);"
  "CREATE TABLE elevator ("
  "  id TEXT PRIMARY KEY, version INTEGER NOT NULL,"
  "  compound TEXT NOT NULL REFERENCES compound (id) ON DELETE CASCADE,"
  "  building TEXT NOT NULL, unit TEXT NOT NULL, registration_code TEXT NOT NULL,"
  "  maker TEXT NOT NULL, model TEXT NOT NULL, commissioned TEXT NOT NULL,"
  "  last_inspection TEXT, inspection_result TEXT, faults_12m INTEGER NOT NULL,"
  "  entrapments_12m INTEGER NOT NULL, assessment_grade TEXT, renewal_status TEXT NOT NULL,"
  "  planned_year INTEGER, funding_source TEXT);"
  "CREATE INDEX elevator_compound ON elevator (compound);"
  "CREATE TABLE problem ("
  "  id TEXT PRIMARY KEY, version INTEGER NOT NULL,"
  "  compound TEXT NOT NULL REFERENCES compound (id) ON DELETE CASCADE,"
  "  category TEXT NOT NULL REFERENCES category (id),"
  "  source TEXT NOT NULL, ticket_no TEXT, title TEXT NOT NULL, description TEXT,"
  "  reported_at INTEGER NOT NULL, deadline INTEGER NOT NULL, status TEXT NOT NULL,"
  "  tier TEXT NOT NULL, responsible_party TEXT NOT NULL, resolved_at INTEGER,"
  "  resolution_note TEXT, satisfaction INTEGER);"
  "CREATE INDEX problem_compound ON problem (compound);"
  "CREATE INDEX problem_category ON problem (category);"
  "CREATE INDEX problem_status ON problem (status, deadline);"
  /* Local edits waiting for the server to accept them (pushed by a later sync). */
  "CREATE TABLE outbox ("
  "  local_id INTEGER PRIMARY KEY, problem TEXT NOT NULL, base_version INTEGER NOT NULL,"
  "  status TEXT NOT NULL, note TEXT, idempotency_key TEXT NOT NULL UNIQUE,"
  "  created_at INTEGER NOT NULL);";

/* Version 2: an upsert names lat and lon in every update, so "UPDATE OF lat, lon" alone
 * rewrote the R*Tree entry of every compound the feed sent again, moved or not. */
static const char schema_v2[] =
  "DROP TRIGGER IF EXISTS compound_position_update;"
  "CREATE TRIGGER compound_position_update AFTER UPDATE OF lat, lon ON compound"
  "  WHEN old.lat IS NOT new.lat OR old.lon IS NOT new.lon BEGIN"
  "  UPDATE compound_position SET min_lat = new.lat, max_lat = new.lat,"
  "    min_lon = new.lon, max_lon = new.lon WHERE compound = new.rowid; END;";

/* Version 3: a store mirrors exactly one server, named here (one row at most). A store
 * from before knew its server only from its sync positions: the one synced last is the one
 * it mirrors. */
static const char schema_v3[] =
  "CREATE TABLE store_server ("
  "  only INTEGER PRIMARY KEY CHECK (only = 1), url TEXT NOT NULL, since INTEGER NOT NULL);"
  "INSERT INTO store_server (only, url, since)"
  "  SELECT 1, server, last_sync FROM sync_state ORDER BY last_sync DESC LIMIT 1;";

/* Version 4: an elevator's safety assessment has a date (records-api.md), optional. */
static const char schema_v4[] =
  "ALTER TABLE elevator ADD COLUMN assessed_on TEXT;";

/* Version 5: the outbox of edits pushed back to the server (xa-store-edits.c), for problems
 * and elevators alike. Version 1's outbox held problem statuses only; whatever a file has in
 * it becomes pending problem updates, so no edit is lost on the way. */
static const char schema_v5[] =
  "ALTER TABLE outbox RENAME TO outbox_v1;"
  "CREATE TABLE outbox ("
  "  local_id INTEGER PRIMARY KEY,"
  "  record_type TEXT NOT NULL CHECK (record_type IN ('problem', 'elevator')),"
  "  record_id TEXT NOT NULL, base_version INTEGER NOT NULL, fields TEXT NOT NULL,"
  "  idempotency_key TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'conflict', 'rejected')),"
  "  message TEXT, field TEXT, current TEXT, original TEXT, original_version INTEGER);"
  "INSERT INTO outbox (local_id, record_type, record_id, base_version, fields,"
  "  idempotency_key, created_at)"
  "  SELECT local_id, 'problem', problem, base_version,"
  "    json_object ('status', status, 'note', coalesce (note, '')), idempotency_key, created_at"
  "  FROM outbox_v1;"
  "DROP TABLE outbox_v1;"
  "CREATE INDEX outbox_record ON outbox (record_type, record_id);";

/* Version 6: the bureau's meeting agendas and the decisions their meetings took
 * (xa-store-agendas.c). Local data: no sync writes these tables, and an agenda names its
 * compounds by id without a foreign key, so a compound the feed deletes leaves the agenda
 * (and its minutes) as they were. A deleted agenda is only marked, so that it can be undone
 * with its decisions. */
static const char schema_v6[] =
  "CREATE TABLE agenda ("
  "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE agenda_item ("
  "  agenda INTEGER NOT NULL REFERENCES agenda (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, compound TEXT NOT NULL, topic TEXT,"
  "  PRIMARY KEY (agenda, position));"
  "CREATE TABLE agenda_decision ("
  "  id INTEGER PRIMARY KEY,"
  "  agenda INTEGER NOT NULL REFERENCES agenda (id) ON DELETE CASCADE,"
  "  compound TEXT NOT NULL, problem TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('agreed', 'escalated')), note TEXT NOT NULL,"
  "  responsible_party TEXT, deadline INTEGER, tier TEXT NOT NULL,"
  "  decided_at INTEGER NOT NULL, idempotency_key TEXT NOT NULL UNIQUE);"
  "CREATE INDEX agenda_decision_agenda ON agenda_decision (agenda);";

/* Version 7: the idempotency keys of the edits copied in from meeting packs
 * (xa-meeting-pack.c). An outbox entry is gone once the server has it, so only this table
 * remembers that a pack's edit came in before: importing the pack again adds nothing. */
static const char schema_v7[] =
  "CREATE TABLE imported_edit ("
  "  idempotency_key TEXT PRIMARY KEY, imported_at INTEGER NOT NULL) WITHOUT ROWID;";

/* The secondary indexes, as in schema_v1. A first sync into an empty store builds them once
 * at its end instead of row by row: rows arrive in id order but these keys in no order, so
 * every page would dirty (and write to the WAL) nearly every page of each index, and a
 * million records would write gigabytes for a few hundred megabytes of store. */
static const struct
{
  const char *name;
  const char *create;
} deferred_indexes[] = {
  { "compound_district", "CREATE INDEX IF NOT EXISTS compound_district ON compound (district)" },
  { "cadre_compound_compound",
    "CREATE INDEX IF NOT EXISTS cadre_compound_compound ON cadre_compound (compound)" },
  { "flood_check_compound",
    "CREATE INDEX IF NOT EXISTS flood_check_compound ON flood_check (compound)" },
  { "charging_compound", "CREATE INDEX IF NOT EXISTS charging_compound ON charging (compound)" },
  { "elevator_compound", "CREATE INDEX IF NOT EXISTS elevator_compound ON elevator (compound)" },
  { "problem_compound", "CREATE INDEX IF NOT EXISTS problem_compound ON problem (compound)" },
  { "problem_category", "CREATE INDEX IF NOT EXISTS problem_category ON problem (category)" },
  { "problem_status", "CREATE INDEX IF NOT EXISTS problem_status ON problem (status, deadline)" },
};

gboolean
_xa_store_migrate (sqlite3     *db,
                   const char  *path,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return _xa_store_set_sql_error (db, error, "Could not read the store's version");
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, XA_STORE_ERROR, XA_STORE_ERROR_TOO_NEW,
                   "The records store %s was written by a newer version of Xiaoqu Atlas "
                   "(format %d, this version reads up to %d); update Xiaoqu Atlas",
                   path, version, SCHEMA_VERSION);
      return FALSE;
    }
  if (version == SCHEMA_VERSION)
    return TRUE;

  /* Every step the file lacks runs in one transaction together with the new user_version:
   * a file is at its old version or at the current one, never in between, whenever the
   * process stops. */
  if (!_xa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if ((version < 1 && !_xa_store_exec (db, schema_v1, error)) ||
      (version < 2 && !_xa_store_exec (db, schema_v2, error)) ||
      (version < 3 && !_xa_store_exec (db, schema_v3, error)) ||
      (version < 4 && !_xa_store_exec (db, schema_v4, error)) ||
      (version < 5 && !_xa_store_exec (db, schema_v5, error)) ||
      (version < 6 && !_xa_store_exec (db, schema_v6, error)) ||
      (version < 7 && !_xa_store_exec (db, schema_v7, error)))
    {
      _xa_store_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  if (!_xa_store_exec (db, "PRAGMA user_version = " G_STRINGIFY (SCHEMA_VERSION), error) ||
      !_xa_store_exec (db, "COMMIT", error))
    {
      _xa_store_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
_xa_store_create_indexes (sqlite3  *db,
                          GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (deferred_indexes); i++)
    if (!_xa_store_exec (db, deferred_indexes[i].create, error))
      return FALSE;
  return TRUE;
}

gboolean
_xa_store_drop_indexes (sqlite3  *db,
                        GError  **error)
{
  if (!_xa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (deferred_indexes); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX IF EXISTS %s", deferred_indexes[i].name);

      if (!_xa_store_exec (db, sql, error))
        {
          _xa_store_exec (db, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  if (!_xa_store_exec (db, "COMMIT", error))
    {
      _xa_store_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}
