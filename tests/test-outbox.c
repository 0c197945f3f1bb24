/* test-outbox.c — local edits and their outbox against the real xiaoqu-server on 127.0.0.1:
 * the v5 migration keeps a v4 store's data and carries its outbox over; an edit changes the
 * row and queues the update in one transaction (a forbidden one changes nothing); a sync
 * pushes the outbox before it pulls and the server's feed, the outbox and the local row
 * agree afterwards; a 409 keeps the server's record, a 422 the server's message; an edit
 * made before the app was killed is pushed by the next start's sync, once; an attempt whose
 * answer was lost is answered again and applied once; a pending edit survives a pulled page,
 * a refused token and an unreachable server; many lifts edited in one transaction, all or
 * nothing, and undone before and after their push. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "xa-store-batch.h"
#include "xa-store-conflicts.h"
#include "xa-store-edits.h"
#include "xa-fault-proxy.h"
#include "xa-sync-client.h"
#include "xa-test-http.h"
#include "xa-test-store.h"
#include "xa-test-util.h"

typedef XaTestServerFixture Fixture;

/* Syncs the store at @store_path from @url with @token, retrying quickly. */
static gboolean
sync_store (const char    *url,
            const char    *token,
            const char    *store_path,
            XaSyncResult  *result,
            GError       **error)
{
  g_autoptr(XaSyncClient) client = xa_sync_client_new (url, token);

  xa_sync_client_set_retry_policy (client, 10, 2, 20, 100);
  return xa_sync_client_sync (client, store_path, NULL, result, error);
}

/* The same; asserts the sync succeeds. */
static void
sync_via (const char   *url,
          const char   *token,
          const char   *store_path,
          XaSyncResult *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sync_store (url, token, store_path, result, &error));
  g_assert_no_error (error);
}

/* The client's store synced from the fixture's server. */
static void
sync_ok (Fixture      *f,
         XaSyncResult *result)
{
  sync_via (f->server->base_url, f->server->token, f->store_path, result);
}

/* A server with one compound, one elevator (E1) and problems P-open, P-closed, and the
 * client's store synced from it. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  XaSyncResult result = { 0 };

  f->db = xa_test_path ("server.db");
  xa_test_server_put_small_city_problems (f->db);
  f->server = xa_test_server_start (f->db, NULL);
  f->store_path = xa_test_path ("client.db");
  f->session = xa_test_session_new ();
  sync_ok (f, &result);
  g_assert_cmpuint (result.pushed, ==, 0);
}

/* POSTs @body to the update path of @type @id as another client would; returns the status
 * and, in @reply (may be NULL), the answer. */
static guint
post_update (Fixture     *f,
             const char  *type,
             const char  *id,
             const char  *key,
             const char  *body,
             XaTestReply *reply)
{
  return xa_test_server_post_update (f->server, f->session, type, id, key, body, reply);
}

/* The server's feed: how many changes are @type @id at @version, and (in @out_data, when not
 * NULL) the data of the newest change of that record. */
static guint
feed_count (Fixture     *f,
            const char  *type,
            const char  *id,
            gint64       version,
            char       **out_data)
{
  return xa_test_server_feed_count (f->server, f->session, type, id, version, NULL, out_data);
}

static GPtrArray *
list_outbox (XaStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = xa_store_list_outbox (store, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

/* Lists the outbox of @store again into *@entries (the list before let go); returns how
 * many entries it holds. */
static guint
relist_outbox (XaStore    *store,
               GPtrArray **entries)
{
  g_clear_pointer (entries, g_ptr_array_unref);
  *entries = list_outbox (store);
  return (*entries)->len;
}

/* The client's store has nothing left in its outbox. */
static void
assert_outbox_empty (Fixture *f)
{
  g_autoptr(XaStore) store = xa_test_store_open (f->store_path);
  g_autoptr(GPtrArray) entries = list_outbox (store);

  g_assert_cmpuint (entries->len, ==, 0);
}

/* The rows of @table in the dump of the store at @path: what the tests compare. */
static char *
table_dump (const char *path,
            const char *table)
{
  g_autofree char *dump = xa_test_store_dump (path);
  g_autofree char *heading = g_strdup_printf ("[%s]\n", table);
  const char *start = strstr (dump, heading);
  const char *end;

  g_assert_nonnull (start);
  end = strstr (start + strlen (heading), "\n[");
  return end != NULL ? g_strndup (start, end - start) : g_strdup (start);
}

static void
edit_problem (XaStore         *store,
              const char      *id,
              XaProblemStatus  status,
              const char      *note)
{
  XaProblemEdit edit = { .status = status, .note = note };
  g_autoptr(GError) error = NULL;

  g_assert_true (xa_store_edit_problem (store, id, &edit, &error));
  g_assert_no_error (error);
}

/* edit_problem() of P-open in the store at @store_path, opened for it and closed again: what
 * the next sync (or the next start of the app) finds. */
static void
edit_problem_closed (const char      *store_path,
                     XaProblemStatus  status,
                     const char      *note)
{
  g_autoptr(XaStore) store = xa_test_store_open (store_path);

  edit_problem (store, "P-open", status, note);
}

/* The rules both sides judge with (xa-record-edits.c): the ledger's flow pair by pair, the
 * planned years' bounds, and a body's members in the order the client sends them. */
static void
test_rules (void)
{
  /* Rows: from open, in_progress, resolved, closed; columns: to, in the same order. */
  static const gboolean expected[4][4] = {
    { TRUE, TRUE, TRUE, FALSE },
    { FALSE, TRUE, TRUE, FALSE },
    { FALSE, TRUE, TRUE, TRUE },
    { FALSE, FALSE, FALSE, FALSE },
  };
  XaElevatorEdit clear = { .set_planned_year = TRUE, .planned_year = 0,
                           .set_funding_source = TRUE, .funding_source = XA_FUNDING_NONE };
  XaProblemEdit bad_status = { .status = 7, .note = "x" };
  g_autofree char *fields = xa_elevator_edit_to_json (&clear);
  g_autofree char *body = xa_record_edit_body (fields, 4);
  g_autofree char *not_object = xa_record_edit_body ("[1]", 4);
  g_autoptr(GError) error = NULL;

  for (guint from = 0; from < 4; from++)
    for (guint to = 0; to < 4; to++)
      g_assert_cmpint (xa_problem_status_may_change (from, to), ==, expected[from][to]);
  g_assert_false (xa_problem_status_may_change (4, 0));
  g_assert_false (xa_planned_year_is_valid (1999));
  g_assert_true (xa_planned_year_is_valid (2000));
  g_assert_true (xa_planned_year_is_valid (2100));
  g_assert_false (xa_planned_year_is_valid (2101));
  g_assert_cmpstr (body, ==, "{\"base_version\":4,\"planned_year\":null,"
                             "\"funding_source\":null}");
  g_assert_null (not_object);
  g_assert_false (xa_problem_edit_check (&bad_status, XA_STATUS_OPEN, &error));
  g_assert_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE);
}

/* A v4 file (store-v3.sql brought to v4 as version 4 of the app did) opens as v5 with
 * every row as it was and its outbox entry a pending problem update with the same key. */
static void
test_migrate_v4 (void)
{
  g_autofree char *path = xa_test_path ("v4.db");
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", "store-v3.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  XaOutboxEntry *entry;
  char *outbox;

  g_file_get_contents (file, &sql, NULL, &error);
  g_assert_no_error (error);
  xa_test_sqlite_exec (path, sql);
  xa_test_sqlite_exec (path, "ALTER TABLE elevator ADD COLUMN assessed_on TEXT;"
                             "PRAGMA user_version = 4");
  before = xa_test_store_dump (path);

  store = xa_test_store_open (path);
  g_assert_cmpint (xa_test_store_query (store, "PRAGMA user_version"), ==, 7);
  g_assert_cmpuint (relist_outbox (store, &entries), ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->type, ==, XA_RECORD_PROBLEM);
  g_assert_cmpstr (entry->record_id, ==, "PR-2");
  g_assert_cmpint (entry->base_version, ==, 1);
  g_assert_cmpstr (entry->fields, ==, "{\"status\":\"in_progress\",\"note\":\"已联系施工方\"}");
  g_assert_cmpstr (entry->idempotency_key, ==, "k-0001");
  g_assert_cmpint (entry->created_at, ==, 1751100000);
  g_assert_cmpint (entry->state, ==, XA_OUTBOX_PENDING);
  g_assert_true (xa_store_has_edit (store, XA_RECORD_PROBLEM, "PR-2"));
  g_clear_object (&store);

  /* Every other table byte for byte as it was. */
  after = xa_test_store_dump (path);
  xa_test_store_cut_agendas (after);
  for (char *dump_text = before; dump_text != NULL; dump_text = dump_text == before ? after : NULL)
    {
      outbox = strstr (dump_text, "[outbox]\n");
      g_assert_nonnull (outbox);
      memmove (outbox, strstr (outbox, "\n[problem]") + 1,
               strlen (strstr (outbox, "\n[problem]") + 1) + 1);
    }
  g_assert_cmpstr (after, ==, before);
}

/* An edit changes the row and queues its update together; a forbidden one changes nothing. */
static void
test_local_edit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(XaStore) store = xa_test_store_open (f->store_path);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  XaProblemEdit reopen_closed = { .status = XA_STATUS_OPEN, .note = "重新打开" };
  XaProblemEdit skip_to_closed = { .status = XA_STATUS_CLOSED, .note = "直接关闭" };
  XaElevatorEdit bad_year = { .set_planned_year = TRUE, .planned_year = 2101 };
  XaElevatorEdit nothing = { 0 };
  XaElevatorEdit plan = { .set_renewal_status = TRUE, .renewal_status = XA_RENEWAL_PLANNED,
                          .set_planned_year = TRUE, .planned_year = 2030,
                          .set_funding_source = TRUE,
                          .funding_source = XA_FUNDING_SPECIAL_BONDS, .note = "列入计划" };
  XaOutboxEntry *entry;

  before = xa_test_store_dump (f->store_path);
  g_assert_false (xa_store_edit_problem (store, "P-closed", &reopen_closed, &error));
  g_assert_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_TRANSITION);
  g_assert_nonnull (strstr (error->message, "closed"));
  g_clear_error (&error);
  g_assert_false (xa_store_edit_problem (store, "P-open", &skip_to_closed, &error));
  g_assert_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_TRANSITION);
  g_assert_nonnull (strstr (error->message, "“open” to “closed”"));
  g_clear_error (&error);
  g_assert_false (xa_store_edit_elevator (store, "E1", &bad_year, &error));
  g_assert_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "planned_year"));
  g_clear_error (&error);
  g_assert_false (xa_store_edit_elevator (store, "E1", &nothing, &error));
  g_assert_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_NOTHING);
  g_clear_error (&error);
  g_assert_false (xa_store_edit_problem (store, "P-none", &skip_to_closed, &error));
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_REJECTED);
  g_clear_error (&error);
  after = xa_test_store_dump (f->store_path);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (xa_store_has_edit (store, XA_RECORD_PROBLEM, "P-open"));

  edit_problem (store, "P-open", XA_STATUS_IN_PROGRESS, "已派单");
  g_assert_true (xa_store_edit_elevator (store, "E1", &plan, &error));
  g_assert_no_error (error);
  xa_test_store_assert_record (store, "problem", "P-open",
                               "status = 'in_progress' AND version = 1");
  xa_test_store_assert_record (store, "elevator", "E1",
                               "renewal_status = 'planned' AND planned_year = 2030 AND "
                               "funding_source = 'special_bonds'");
  g_assert_cmpuint (relist_outbox (store, &entries), ==, 2);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->record_id, ==, "P-open");
  g_assert_cmpstr (entry->fields, ==, "{\"status\":\"in_progress\",\"note\":\"已派单\"}");
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpint (entry->type, ==, XA_RECORD_ELEVATOR);
  g_assert_cmpstr (entry->fields, ==, "{\"renewal_status\":\"planned\",\"planned_year\":2030,"
                                      "\"funding_source\":\"special_bonds\","
                                      "\"note\":\"列入计划\"}");
  g_assert_true (xa_store_has_edit (store, XA_RECORD_ELEVATOR, "E1"));

  /* The row and the entry go together: when queueing fails after the row changed, the row
   * is as it was (a full disk, played by a trigger on another connection). */
  {
    sqlite3 *db = NULL;
    g_autofree char *rows_before = xa_test_store_dump (f->store_path);
    g_autofree char *rows_after = NULL;
    XaProblemEdit resolve = { .status = XA_STATUS_RESOLVED, .note = "已修好" };

    g_assert_cmpint (sqlite3_open (f->store_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER full BEFORE INSERT ON outbox BEGIN "
                                       "SELECT RAISE (ABORT, 'database or disk is full'); END",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_false (xa_store_edit_problem (store, "P-open", &resolve, &error));
    g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL);
    g_assert_nonnull (strstr (error->message, "disk is full"));
    g_clear_error (&error);
    g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER full", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
    rows_after = xa_test_store_dump (f->store_path);
    g_assert_cmpstr (rows_after, ==, rows_before);
  }
  g_assert_cmpint (xa_test_store_query (store, "SELECT count(*) FROM outbox"), ==, 2);
  g_assert_true (xa_store_discard_edit (store, entry->local_id, &error));
  g_assert_no_error (error);
  g_assert_false (xa_store_has_edit (store, XA_RECORD_ELEVATOR, "E1"));
}

/* Edit → sync → the server has it, the outbox is empty and the local rows are those of a
 * fresh mirror of the server. */
static void
test_push_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(XaStore) store = xa_test_store_open (f->store_path);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_data = NULL;
  g_autofree char *mirror = xa_test_path ("mirror.db");
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  XaProblemEdit escalate = { .status = XA_STATUS_IN_PROGRESS, .note = "升级处理",
                             .set_tier = TRUE, .tier = XA_TIER_CITY,
                             .responsible_party = "街道办事处",
                             .deadline = xa_test_parse_time ("2026-12-01T18:00:00+08:00") };
  XaElevatorEdit plan = { .set_planned_year = TRUE, .planned_year = 2031 };
  XaSyncResult result = { 0 };

  g_assert_true (xa_store_edit_problem (store, "P-open", &escalate, &error));
  g_assert_no_error (error);
  g_assert_true (xa_store_edit_elevator (store, "E1", &plan, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  sync_ok (f, &result);
  g_assert_cmpuint (result.pushed, ==, 2);
  g_assert_cmpuint (result.conflicts, ==, 0);
  g_assert_cmpuint (result.rejected, ==, 0);
  g_assert_cmpuint (result.unpushed, ==, 0);

  g_assert_cmpuint (feed_count (f, "problem", "P-open", 2, &server_data), ==, 1);
  g_assert_nonnull (strstr (server_data, "\"status\":\"in_progress\""));
  g_assert_nonnull (strstr (server_data, "\"tier\":\"city\""));
  g_assert_nonnull (strstr (server_data, "\"responsible_party\":\"街道办事处\""));
  g_assert_nonnull (strstr (server_data, "\"deadline\":\"2026-12-01T18:00:00+08:00\""));
  g_assert_nonnull (strstr (server_data, "升级处理"));
  g_assert_cmpuint (feed_count (f, "elevator", "E1", 2, NULL), ==, 1);

  store = xa_test_store_open (f->store_path);
  g_assert_cmpuint (relist_outbox (store, &entries), ==, 0);
  g_assert_cmpint (xa_test_store_query (store,
                                        "SELECT version FROM problem WHERE id = 'P-open'"),
                   ==, 2);
  g_clear_object (&store);

  xa_test_sync_ok (f->server, mirror);
  for (guint i = 0; i < 2; i++)
    {
      const char *table = i == 0 ? "problem" : "elevator";

      g_free (mine);
      g_free (theirs);
      mine = table_dump (f->store_path, table);
      theirs = table_dump (mirror, table);
      g_assert_cmpstr (mine, ==, theirs);
    }
}

/* A second client changed the record first: 409, the entry keeps the server's record and
 * nothing of it is overwritten, on the server or by the pull. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *server_data = NULL;
  XaSyncResult result = { 0 };
  XaOutboxEntry *entry;

  g_assert_cmpuint (post_update (f, "problem", "P-open", "other-client-1",
                                 "{\"base_version\": 1, \"status\": \"in_progress\", "
                                 "\"note\": \"另一位干部已受理\"}", NULL), ==, 200);
  edit_problem_closed (f->store_path, XA_STATUS_RESOLVED, "现场解决");

  sync_ok (f, &result);
  g_assert_cmpuint (result.pushed, ==, 0);
  g_assert_cmpuint (result.conflicts, ==, 1);

  g_assert_cmpuint (feed_count (f, "problem", "P-open", 3, NULL), ==, 0);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 2, &server_data), ==, 1);
  g_assert_nonnull (strstr (server_data, "\"status\":\"in_progress\""));

  store = xa_test_store_open (f->store_path);
  g_assert_cmpuint (relist_outbox (store, &entries), ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->state, ==, XA_OUTBOX_CONFLICT);
  g_assert_cmpstr (entry->fields, ==, "{\"status\":\"resolved\",\"note\":\"现场解决\"}");
  g_assert_nonnull (entry->current);
  g_assert_nonnull (strstr (entry->current, "\"version\":2"));
  g_assert_nonnull (strstr (entry->current, "另一位干部已受理"));
  g_assert_nonnull (strstr (entry->message, "version 2"));
  /* The local row shows the server's record; the conflict is in the outbox for the user. */
  xa_test_store_assert_record (store, "problem", "P-open",
                               "version = 2 AND status = 'in_progress'");
  g_assert_true (xa_store_has_edit (store, XA_RECORD_PROBLEM, "P-open"));

  /* A conflict is not pushed again by itself. */
  g_clear_object (&store);
  sync_ok (f, &result);
  g_assert_cmpuint (result.conflicts, ==, 0);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 3, NULL), ==, 0);
}

/* A conflict settled three ways (/outbox/resolve/…, @data the choice): my edit set the status
 * and the deadline, another client changed both first. The three values of each field are
 * the ones the user sees; after the resolution and a sync the server holds what was decided,
 * with the decision in the record's notes, and nothing else of the other client's is lost. */
static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  const char *choice = data;
  g_autoptr(XaStore) store = xa_test_store_open (f->store_path);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_data = NULL;
  XaProblemEdit edit = { .status = XA_STATUS_RESOLVED, .note = "现场解决" };
  const char * const all_mine[] = { "status", "deadline", NULL };
  const char * const status_only[] = { "status", NULL };
  XaSyncResult result = { 0 };
  XaOutboxEntry *entry;
  XaEditField *field;

  g_assert_true (xa_parse_time ("2026-11-20T09:30:00+08:00", &edit.deadline));
  g_assert_cmpuint (post_update (f, "problem", "P-open", "other-client-r",
                                 "{\"base_version\": 1, \"status\": \"in_progress\", "
                                 "\"deadline\": \"2026-11-10T09:30:00+08:00\", "
                                 "\"note\": \"另一位干部已受理\"}", NULL), ==, 200);
  g_assert_true (xa_store_edit_problem (store, "P-open", &edit, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  sync_ok (f, &result);
  g_assert_cmpuint (result.conflicts, ==, 1);

  store = xa_test_store_open (f->store_path);
  g_assert_cmpuint (relist_outbox (store, &entries), ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->state, ==, XA_OUTBOX_CONFLICT);
  fields = xa_outbox_entry_get_fields (entry);
  g_assert_cmpuint (fields->len, ==, 2);
  field = g_ptr_array_index (fields, 0);
  g_assert_cmpstr (field->name, ==, "status");
  g_assert_cmpstr (field->original, ==, "open");
  g_assert_cmpstr (field->mine, ==, "resolved");
  g_assert_cmpstr (field->theirs, ==, "in_progress");
  field = g_ptr_array_index (fields, 1);
  g_assert_cmpstr (field->name, ==, "deadline");
  g_assert_cmpstr (field->original, ==, "2026-11-05T09:30:00+08:00");
  g_assert_cmpstr (field->mine, ==, "2026-11-20T09:30:00+08:00");
  g_assert_cmpstr (field->theirs, ==, "2026-11-10T09:30:00+08:00");

  /* Only a conflict can be resolved; a wrong id changes nothing. */
  g_assert_false (xa_store_resolve_conflict (store, entry->local_id + 100, NULL, NULL,
                                                &error));
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_REJECTED);
  g_clear_error (&error);

  if (g_str_equal (choice, "mine"))
    g_assert_true (xa_store_resolve_conflict (store, entry->local_id, all_mine, NULL,
                                                   &error));
  else if (g_str_equal (choice, "theirs"))
    g_assert_true (xa_store_resolve_conflict (store, entry->local_id, NULL, NULL, &error));
  else
    g_assert_true (xa_store_resolve_conflict (store, entry->local_id, status_only,
                                                   "冲突已解决", &error));
  g_assert_no_error (error);
  relist_outbox (store, &entries);
  if (g_str_equal (choice, "theirs"))
    {
      g_assert_cmpuint (entries->len, ==, 0);
      xa_test_store_assert_record (store, "problem", "P-open",
                                   "version = 2 AND status = 'in_progress'");
    }
  else
    {
      g_assert_cmpuint (entries->len, ==, 1);
      entry = g_ptr_array_index (entries, 0);
      g_assert_cmpint (entry->state, ==, XA_OUTBOX_PENDING);
      g_assert_cmpint (entry->base_version, ==, 2);
      /* The row shows the decision until the server's answer comes back. */
      xa_test_store_assert_record (store, "problem", "P-open", "status = 'resolved'");
    }
  g_clear_object (&store);

  sync_ok (f, &result);
  g_assert_cmpuint (result.conflicts, ==, 0);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 3, &server_data),
                    ==, g_str_equal (choice, "theirs") ? 0 : 1);
  if (g_str_equal (choice, "theirs"))
    {
      g_assert_cmpuint (feed_count (f, "problem", "P-open", 2, &server_data), ==, 1);
      g_assert_nonnull (strstr (server_data, "\"status\":\"in_progress\""));
      g_assert_nonnull (strstr (server_data, "\"deadline\":\"2026-11-10T09:30:00+08:00\""));
    }
  else if (g_str_equal (choice, "mine"))
    {
      g_assert_nonnull (strstr (server_data, "\"status\":\"resolved\""));
      g_assert_nonnull (strstr (server_data, "\"deadline\":\"2026-11-20T09:30:00+08:00\""));
      g_assert_nonnull (strstr (server_data,
                                "现场解决 (Conflict resolved: kept mine for status, deadline)"));
    }
  else
    {
      g_assert_nonnull (strstr (server_data, "\"status\":\"resolved\""));
      g_assert_nonnull (strstr (server_data, "\"deadline\":\"2026-11-10T09:30:00+08:00\""));
      /* The decision in the words the app gave. */
      g_assert_nonnull (strstr (server_data, "现场解决 (冲突已解决)"));
    }
  /* The other client's note is still there: nothing was overwritten silently. */
  g_assert_nonnull (strstr (server_data, "另一位干部已受理"));
  assert_outbox_empty (f);
}

/* E1 planned for 2031, then its entry made to carry 2101 as an older client, whose rules
 * allowed it, would have queued it (the client's own checks refuse it today); the sync sends
 * it and the server rejects it. Returns the store opened again, its outbox in *@entries: the
 * one entry, rejected. */
static XaStore *
sync_refused_year (Fixture       *f,
                   XaSyncResult  *result,
                   GPtrArray    **entries)
{
  g_autoptr(XaStore) store = xa_test_store_open (f->store_path);
  g_autoptr(GError) error = NULL;
  XaElevatorEdit plan = { .set_planned_year = TRUE, .planned_year = 2031 };

  g_assert_true (xa_store_edit_elevator (store, "E1", &plan, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  xa_test_sqlite_exec (f->store_path, "UPDATE outbox SET fields = '{\"planned_year\":2101}'");

  sync_ok (f, result);
  g_assert_cmpuint (result->rejected, ==, 1);

  store = xa_test_store_open (f->store_path);
  g_assert_cmpuint (relist_outbox (store, entries), ==, 1);
  g_assert_cmpint (((XaOutboxEntry *) (*entries)->pdata[0])->state, ==, XA_OUTBOX_REJECTED);
  return g_steal_pointer (&store);
}

/* A value the server refuses: 422, the entry kept as rejected with the server's message and
 * the field it names. The client's own checks refuse such an edit today (the same rules), so
 * the entry is written as an older client, whose rules allowed it, would have queued it. */
static void
test_rejected (Fixture       *f,
               gconstpointer  data)
{
  XaSyncResult result = { 0 };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(XaStore) store = sync_refused_year (f, &result, &entries);
  XaOutboxEntry *entry = g_ptr_array_index (entries, 0);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (result.pushed, ==, 0);
  g_assert_cmpuint (feed_count (f, "elevator", "E1", 2, NULL), ==, 0);
  g_assert_cmpstr (entry->field, ==, "planned_year");
  g_assert_nonnull (strstr (entry->message, "2101"));
  g_assert_nonnull (strstr (entry->message, "2000 … 2100"));
  g_assert_null (entry->current);

  /* The user gives up on it: the row is the server's again. */
  g_assert_cmpint (xa_test_store_query (store,
                                        "SELECT planned_year FROM elevator WHERE id = 'E1'"),
                   ==, 2031);
  g_assert_true (xa_store_discard_edit (store, entry->local_id, &error));
  g_assert_no_error (error);
  xa_test_store_assert_record (store, "elevator", "E1", "planned_year IS NULL AND version = 1");
}

/* A rejected entry corrected: the refused value goes, the corrected one replaces the entry
 * (pending, on the record's version) and the next sync pushes it, accepted. */
static void
test_rejected_corrected (Fixture       *f,
                         gconstpointer  data)
{
  XaSyncResult result = { 0 };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(XaStore) store = sync_refused_year (f, &result, &entries);
  gint64 local_id = ((XaOutboxEntry *) entries->pdata[0])->local_id;
  XaElevatorEdit corrected = { .set_planned_year = TRUE, .planned_year = 2033,
                               .note = "更正年份" };
  XaElevatorEdit invalid = { .set_planned_year = TRUE, .planned_year = 2101 };
  XaProblemEdit wrong_type = { .status = XA_STATUS_RESOLVED, .note = "x" };
  g_autoptr(GError) error = NULL;
  g_autofree char *server_data = NULL;
  XaOutboxEntry *entry;

  /* A correction the rules refuse, or of the wrong kind, changes nothing. */
  g_assert_false (xa_store_correct_edit (store, local_id, NULL, &invalid, &error));
  g_assert_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_false (xa_store_correct_edit (store, local_id, &wrong_type, NULL, &error));
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_REJECTED);
  g_clear_error (&error);
  g_assert_cmpuint (relist_outbox (store, &entries), ==, 1);
  g_assert_cmpint (((XaOutboxEntry *) entries->pdata[0])->local_id, ==, local_id);
  g_assert_cmpint (((XaOutboxEntry *) entries->pdata[0])->state, ==, XA_OUTBOX_REJECTED);

  g_assert_true (xa_store_correct_edit (store, local_id, NULL, &corrected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (relist_outbox (store, &entries), ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->state, ==, XA_OUTBOX_PENDING);
  g_assert_cmpint (entry->local_id, ==, local_id);
  g_assert_cmpint (entry->base_version, ==, 1);
  g_assert_null (entry->message);
  g_assert_nonnull (strstr (entry->fields, "2033"));
  g_assert_cmpint (xa_test_store_query (store,
                                        "SELECT planned_year FROM elevator WHERE id = 'E1'"),
                   ==, 2033);
  g_clear_object (&store);

  sync_ok (f, &result);
  g_assert_cmpuint (result.pushed, ==, 1);
  g_assert_cmpuint (result.rejected, ==, 0);
  g_assert_cmpuint (feed_count (f, "elevator", "E1", 2, &server_data), ==, 1);
  g_assert_nonnull (strstr (server_data, "\"planned_year\":2033"));
  assert_outbox_empty (f);
}

/* The app killed between the edit and the push: the next start's sync pushes it, once. */
static void
test_killed_before_push (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(XaStore) store = NULL;
  XaSyncResult result = { 0 };

  edit_problem_closed (f->store_path, XA_STATUS_RESOLVED, "当场解决");   /* without a sync */

  store = xa_test_store_open (f->store_path);
  g_assert_true (xa_store_has_edit (store, XA_RECORD_PROBLEM, "P-open"));
  xa_test_store_assert_record (store, "problem", "P-open",
                               "status = 'resolved' AND resolved_at IS NOT NULL");
  g_clear_object (&store);

  sync_ok (f, &result);
  g_assert_cmpuint (result.pushed, ==, 1);
  sync_ok (f, &result);
  g_assert_cmpuint (result.pushed, ==, 0);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 2, NULL), ==, 1);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 3, NULL), ==, 0);
  assert_outbox_empty (f);
}

/* The network cut after the server applied a push: the first attempt (sent here with the
 * entry's own body and key) reached the server and its answer was lost. The sync's attempt
 * is answered the same and applied once. */
static void
test_answer_lost (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(XaStore) store = xa_test_store_open (f->store_path);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *body = NULL;
  g_auto(XaTestReply) first_answer = { 0 };
  XaSyncResult result = { 0 };
  XaOutboxEntry *entry;

  edit_problem (store, "P-open", XA_STATUS_IN_PROGRESS, "已派单");
  entries = list_outbox (store);
  entry = g_ptr_array_index (entries, 0);
  body = xa_record_edit_body (entry->fields, entry->base_version);
  g_assert_cmpstr (body, ==, "{\"base_version\":1,\"status\":\"in_progress\",\"note\":\"已派单\"}");
  g_assert_cmpuint (post_update (f, "problem", "P-open", entry->idempotency_key, body,
                                 &first_answer), ==, 200);
  g_assert_nonnull (strstr (xa_test_reply_text (&first_answer), "\"version\":2"));
  g_clear_object (&store);

  sync_ok (f, &result);
  g_assert_cmpuint (result.pushed, ==, 1);
  g_assert_cmpuint (result.conflicts, ==, 0);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 2, NULL), ==, 1);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 3, NULL), ==, 0);
  store = xa_test_store_open (f->store_path);
  g_assert_cmpuint (relist_outbox (store, &entries), ==, 0);
  g_assert_cmpint (xa_test_store_query (store,
                                        "SELECT version FROM problem WHERE id = 'P-open'"),
                   ==, 2);
}

/* Two edits of one record before a sync: the second was made on top of the first, so it is
 * pushed on the version the first one's answer made. */
static void
test_two_edits_one_record (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(XaStore) store = xa_test_store_open (f->store_path);
  XaSyncResult result = { 0 };
  g_autofree char *server_data = NULL;

  edit_problem (store, "P-open", XA_STATUS_IN_PROGRESS, "已派单");
  edit_problem (store, "P-open", XA_STATUS_RESOLVED, "已修好");
  g_clear_object (&store);

  sync_ok (f, &result);
  g_assert_cmpuint (result.pushed, ==, 2);
  g_assert_cmpuint (result.conflicts, ==, 0);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 3, &server_data), ==, 1);
  g_assert_nonnull (strstr (server_data, "\"status\":\"resolved\""));
}

/* A pending edit outlives what can stop a push: a refused token (the sync fails with the
 * authentication error), an unreachable server, and a page that brings the record again
 * (the edit is written over the pulled row). */
static void
test_pending_survives (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  XaSyncResult result = { 0 };
  g_autofree char *elsewhere = NULL;

  edit_problem_closed (f->store_path, XA_STATUS_IN_PROGRESS, "已派单");

  g_assert_false (sync_store (f->server->base_url, "wrong-token", f->store_path, &result,
                              &error));
  g_assert_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  /* Another client's change of the elevator: the pull brings a page, and with it the
   * records; the pending problem edit stays on its row. */
  g_assert_cmpuint (post_update (f, "elevator", "E1", "other-client-2",
                                 "{\"base_version\": 1, \"renewal_status\": \"proposed\"}",
                                 NULL), ==, 200);
  {
    g_autoptr(XaStore) reopened = xa_test_store_open (f->store_path);
    g_autoptr(GPtrArray) changes = xa_test_parse_changes (
      "[{\"seq\": 900, \"type\": \"problem\", \"id\": \"P-open\", \"version\": 1, "
      "\"deleted\": false, \"data\": " XA_TEST_PROBLEM_JSON ("open", "") "}]");
    g_autofree char *server = xa_store_dup_server (reopened);
    g_autofree char *cursor = xa_store_dup_cursor (reopened, server);

    g_assert_true (xa_store_apply_page (reopened, server, changes, cursor, &error));
    g_assert_no_error (error);
    xa_test_store_assert_record (reopened, "problem", "P-open", "status = 'in_progress'");
  }

  /* The server unreachable: the pull fails, the entry stays pending. */
  elsewhere = g_strdup_printf ("http://127.0.0.1:%u", xa_test_closed_port ());
  {
    g_autoptr(XaSyncClient) client = xa_sync_client_new (elsewhere, f->server->token);

    xa_sync_client_set_retry_policy (client, 2, 1, 10, 10);
    g_assert_false (xa_sync_client_sync (client, f->store_path, NULL, &result, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  store = xa_test_store_open (f->store_path);
  g_assert_cmpuint (relist_outbox (store, &entries), ==, 1);
  g_assert_cmpint (((XaOutboxEntry *) g_ptr_array_index (entries, 0))->state, ==,
                   XA_OUTBOX_PENDING);
  g_clear_object (&store);

  sync_ok (f, &result);
  g_assert_cmpuint (result.pushed, ==, 1);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 2, NULL), ==, 1);
}

/* Discards the first entry of @store's outbox; asserts it goes. */
static void
discard_first_edit (XaStore *store)
{
  g_autoptr(GPtrArray) entries = list_outbox (store);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (entries->len, >, 0);
  g_assert_true (xa_store_discard_edit (store, ((XaOutboxEntry *) entries->pdata[0])->local_id,
                                        &error));
  g_assert_no_error (error);
}

/* Discarding an entry puts the row back as it was before that edit (the later pending edits
 * of the record written over it again); a rejected entry likewise. Once the feed brought a
 * newer version, the row is the server's and a discard leaves it. */
static void
test_discard (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(XaStore) store = xa_test_store_open (f->store_path);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pristine = table_dump (f->store_path, "problem");
  g_autofree char *pristine_elevators = table_dump (f->store_path, "elevator");
  g_autofree char *now = NULL;
  XaProblemEdit escalate = { .status = XA_STATUS_OPEN, .note = "升级", .set_tier = TRUE,
                             .tier = XA_TIER_CITY };
  XaElevatorEdit plan = { .set_planned_year = TRUE, .planned_year = 2031,
                          .set_funding_source = TRUE, .funding_source = XA_FUNDING_OWNERS };
  gint64 first, second;

  /* A page that brings other records, or an older version, leaves the kept row alone. */
  edit_problem (store, "P-open", XA_STATUS_IN_PROGRESS, "已派单");
  {
    g_autoptr(GPtrArray) changes = xa_test_parse_changes (
      "[{\"seq\": 900, \"type\": \"elevator\", \"id\": \"E1\", \"version\": 1, "
      "\"deleted\": false, \"data\": " XA_TEST_ELEVATOR_JSON "}]");
    g_autofree char *server = xa_store_dup_server (store);
    g_autofree char *cursor = xa_store_dup_cursor (store, server);

    g_assert_true (xa_store_apply_page (store, server, changes, cursor, &error));
    g_assert_no_error (error);
  }
  discard_first_edit (store);
  now = table_dump (f->store_path, "problem");
  g_assert_cmpstr (now, ==, pristine);
  g_clear_pointer (&now, g_free);

  g_assert_true (xa_store_edit_problem (store, "P-open", &escalate, &error));
  g_assert_no_error (error);
  edit_problem (store, "P-open", XA_STATUS_RESOLVED, "已修好");
  entries = list_outbox (store);
  first = ((XaOutboxEntry *) g_ptr_array_index (entries, 0))->local_id;
  second = ((XaOutboxEntry *) g_ptr_array_index (entries, 1))->local_id;

  /* The first goes: the tier is back, the later edit's status stays. */
  g_assert_true (xa_store_discard_edit (store, first, &error));
  g_assert_no_error (error);
  xa_test_store_assert_record (store, "problem", "P-open",
                               "tier = 'on_site' AND status = 'resolved' AND "
                               "resolved_at IS NOT NULL");
  /* The second goes: the row is the server's again, byte for byte. */
  g_assert_true (xa_store_discard_edit (store, second, &error));
  g_assert_no_error (error);
  now = table_dump (f->store_path, "problem");
  g_assert_cmpstr (now, ==, pristine);
  g_assert_false (xa_store_has_edit (store, XA_RECORD_PROBLEM, "P-open"));

  /* An elevator edit discarded: its row as it was. */
  g_assert_true (xa_store_edit_elevator (store, "E1", &plan, &error));
  g_assert_no_error (error);
  discard_first_edit (store);
  g_free (now);
  now = table_dump (f->store_path, "elevator");
  g_assert_cmpstr (now, ==, pristine_elevators);

  /* A conflict: the pull brought the server's newer record; discarding leaves it. */
  {
    XaSyncResult result = { 0 };

    g_assert_cmpuint (post_update (f, "elevator", "E1", "other-client-3",
                                   "{\"base_version\": 1, \"renewal_status\": \"proposed\"}",
                                   NULL), ==, 200);
    g_assert_true (xa_store_edit_elevator (store, "E1", &plan, &error));
    g_assert_no_error (error);
    g_clear_object (&store);
    sync_ok (f, &result);
    g_assert_cmpuint (result.conflicts, ==, 1);
    store = xa_test_store_open (f->store_path);
    g_free (now);
    now = table_dump (f->store_path, "elevator");
    discard_first_edit (store);
    g_free (pristine_elevators);
    pristine_elevators = table_dump (f->store_path, "elevator");
    g_assert_cmpstr (pristine_elevators, ==, now);
    xa_test_store_assert_record (store, "elevator", "E1",
                                 "version = 2 AND renewal_status = 'proposed' AND "
                                 "planned_year IS NULL");
  }
}

/* Many lifts edited alike in one transaction, all or nothing; undone before the sync (the
 * rows as they were, nothing queued) and after it (edits back to the previous values, pushed
 * by the next sync, except a field someone else changed since). */
static void
test_batch_and_undo (Fixture       *f,
                     gconstpointer  data)
{
  const char * const ids[] = { "E1", "E2", "E3" };
  const char * const with_unknown[] = { "E1", "E2", "E-none" };
  XaElevatorEdit plan = { .set_renewal_status = TRUE, .renewal_status = XA_RENEWAL_PLANNED,
                          .set_planned_year = TRUE, .planned_year = 2028, .note = "批量列入计划" };
  XaElevatorEdit bad_year = { .set_renewal_status = TRUE, .renewal_status = XA_RENEWAL_PLANNED,
                              .set_planned_year = TRUE, .planned_year = 1999 };
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  g_autofree char *record = NULL;
  XaSyncResult result = { 0 };
  guint queued = 99;

  xa_test_server_put (f->db, "elevator", "E2", XA_TEST_ELEVATOR_JSON);
  xa_test_server_put (f->db, "elevator", "E3",
                      "{\"compound\": \"C1\", \"building\": \"5号楼\", \"unit\": \"1单元\", "
                      "\"registration_code\": \"31103713022003000125\", \"maker\": \"通力\", "
                      "\"model\": \"KONE 3000\", \"commissioned\": \"2003-05-01\", "
                      "\"faults_12m\": 3, \"entrapments_12m\": 0, "
                      "\"renewal_status\": \"proposed\", \"planned_year\": 2027, "
                      "\"funding_source\": \"owners\"}");
  sync_ok (f, &result);
  store = xa_test_store_open (f->store_path);
  before = table_dump (f->store_path, "elevator");

  /* One refused value or one unknown lift: nothing changed, nothing queued. */
  g_assert_null (xa_store_edit_elevators (store, ids, 3, &bad_year, &error));
  g_assert_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "planned_year"));
  g_clear_error (&error);
  g_assert_null (xa_store_edit_elevators (store, with_unknown, 3, &plan, &error));
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "E-none"));
  g_clear_error (&error);
  now = table_dump (f->store_path, "elevator");
  g_assert_cmpstr (now, ==, before);
  g_assert_cmpint (xa_test_store_query (store, "SELECT count(*) FROM outbox"), ==, 0);

  /* All three; a field left unset stays as each row has it. Undone before a sync: the rows
   * as they were, byte for byte, and the outbox empty. */
  entries = xa_store_edit_elevators (store, ids, 3, &plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (((XaOutboxEntry *) entries->pdata[2])->record_id, ==, "E3");
  g_assert_cmpint (xa_test_store_query (store, "SELECT count(*) FROM elevator WHERE "
                                               "renewal_status = 'planned' AND "
                                               "planned_year = 2028"), ==, 3);
  g_assert_cmpint (xa_test_store_query (store, "SELECT count(*) FROM elevator WHERE "
                                               "id = 'E3' AND funding_source = 'owners'"),
                   ==, 1);
  g_assert_cmpint (xa_test_store_query (store, "SELECT count(*) FROM outbox"), ==, 3);
  g_assert_true (xa_store_undo_edits (store, entries, &queued, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (queued, ==, 0);
  g_free (now);
  now = table_dump (f->store_path, "elevator");
  g_assert_cmpstr (now, ==, before);
  g_assert_cmpint (xa_test_store_query (store, "SELECT count(*) FROM outbox"), ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Pushed, then another client plans E2 for 2029; the undo sets back what is still ours. */
  entries = xa_store_edit_elevators (store, ids, 3, &plan, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  sync_ok (f, &result);
  g_assert_cmpuint (result.pushed, ==, 3);
  g_assert_cmpuint (feed_count (f, "elevator", "E3", 2, &record), ==, 1);
  g_assert_nonnull (strstr (record, "\"planned_year\":2028"));
  g_assert_cmpuint (post_update (f, "elevator", "E2", "other-client-batch",
                                 "{\"base_version\": 2, \"planned_year\": 2029}", NULL), ==, 200);
  sync_ok (f, &result);
  store = xa_test_store_open (f->store_path);
  g_assert_true (xa_store_undo_edits (store, entries, &queued, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (queued, ==, 3);
  g_assert_cmpint (xa_test_store_query (store, "SELECT count(*) FROM elevator WHERE "
                                               "id = 'E2' AND renewal_status = 'none' AND "
                                               "planned_year = 2029"), ==, 1);
  g_clear_object (&store);
  sync_ok (f, &result);
  g_assert_cmpuint (result.pushed, ==, 3);
  g_assert_cmpuint (feed_count (f, "elevator", "E3", 3, &record), ==, 1);
  g_assert_nonnull (strstr (record, "\"renewal_status\":\"proposed\""));
  g_assert_nonnull (strstr (record, "\"planned_year\":2027"));
  g_assert_nonnull (strstr (record, "\"funding_source\":\"owners\""));
  g_assert_cmpuint (feed_count (f, "elevator", "E2", 4, &record), ==, 1);
  g_assert_nonnull (strstr (record, "\"renewal_status\":\"none\""));
  g_assert_nonnull (strstr (record, "\"planned_year\":2029"));
  g_assert_cmpuint (feed_count (f, "elevator", "E1", 3, &record), ==, 1);
  g_assert_null (strstr (record, "planned_year\":2"));
  store = xa_test_store_open (f->store_path);
  g_assert_cmpint (xa_test_store_query (store, "SELECT count(*) FROM outbox"), ==, 0);
}

/* Through a proxy that misbehaves: a busy server (503) leaves the edit pending and the pull
 * still goes on; an answer cut short after the server applied the edit (the network cut on
 * the way back) leaves it pending too, and the next sync's attempt is answered by its key:
 * applied once. */
static void
test_server_busy_and_answer_cut (Fixture       *f,
                                 gconstpointer  data)
{
  XaFaultProxy *proxy = xa_fault_proxy_new (f->server->base_url);
  const char *url = xa_fault_proxy_get_url (proxy);
  g_autofree char *path = xa_test_path ("proxied.db");
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  XaSyncResult result = { 0 };

  sync_via (url, f->server->token, path, &result);
  edit_problem_closed (path, XA_STATUS_IN_PROGRESS, "已派单");

  xa_fault_proxy_add (proxy, 1, XA_FAULT_STATUS, 503, -1, NULL, NULL);
  sync_via (url, f->server->token, path, &result);
  g_assert_cmpuint (result.pushed, ==, 0);
  g_assert_cmpuint (result.unpushed, ==, 1);
  g_assert_cmpuint (result.pages, >=, 1);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 2, NULL), ==, 0);

  xa_fault_proxy_add (proxy, 1, XA_FAULT_TRUNCATE, 0, -1, NULL, NULL);
  sync_via (url, f->server->token, path, &result);
  g_assert_cmpuint (result.pushed, ==, 0);
  g_assert_cmpuint (result.unpushed, ==, 1);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 2, NULL), ==, 1);
  store = xa_test_store_open (path);
  g_assert_cmpuint (relist_outbox (store, &entries), ==, 1);
  g_assert_cmpint (((XaOutboxEntry *) g_ptr_array_index (entries, 0))->state, ==,
                   XA_OUTBOX_PENDING);
  /* The pull brought version 2 meanwhile; the pending edit is still on the row. */
  xa_test_store_assert_record (store, "problem", "P-open", "status = 'in_progress'");
  g_clear_object (&store);

  sync_via (url, f->server->token, path, &result);
  g_assert_cmpuint (result.pushed, ==, 1);
  g_assert_cmpuint (result.conflicts, ==, 0);
  g_assert_cmpuint (result.unpushed, ==, 0);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 2, NULL), ==, 1);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 3, NULL), ==, 0);
  store = xa_test_store_open (path);
  g_assert_cmpuint (relist_outbox (store, &entries), ==, 0);
  g_clear_object (&store);
  xa_fault_proxy_free (proxy);
}

/* `xiaoqu-atlas --sync-only` says what became of the edits it sent. */
static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  XaTestRun run = { 0 };

  edit_problem_closed (f->store_path, XA_STATUS_IN_PROGRESS, "已派单");
  run = xa_test_run_sync_only (f->server->base_url, f->server->token, f->store_path);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\nEdits sent to the server: 1 accepted, 0 in conflict, "
                                     "0 rejected, 0 left for the next sync\n"));
  xa_test_run_clear (&run);

  /* Nothing sent, nothing said. */
  run = xa_test_run_sync_only (f->server->base_url, f->server->token, f->store_path);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "Edits sent"));
  xa_test_run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  g_test_add_func ("/outbox/rules", test_rules);
  g_test_add_func ("/outbox/migrate-v4", test_migrate_v4);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, xa_test_server_fixture_tear_down)
  ADD ("/outbox/local-edit", test_local_edit);
  ADD ("/outbox/push-round-trip", test_push_round_trip);
  ADD ("/outbox/conflict", test_conflict);
  ADD ("/outbox/rejected", test_rejected);
  ADD ("/outbox/rejected-corrected", test_rejected_corrected);
  g_test_add ("/outbox/resolve/keep-mine", Fixture, "mine", fixture_set_up, test_resolve,
              xa_test_server_fixture_tear_down);
  g_test_add ("/outbox/resolve/take-theirs", Fixture, "theirs", fixture_set_up, test_resolve,
              xa_test_server_fixture_tear_down);
  g_test_add ("/outbox/resolve/merge", Fixture, "merge", fixture_set_up, test_resolve,
              xa_test_server_fixture_tear_down);
  ADD ("/outbox/killed-before-push", test_killed_before_push);
  ADD ("/outbox/answer-lost", test_answer_lost);
  ADD ("/outbox/two-edits-one-record", test_two_edits_one_record);
  ADD ("/outbox/pending-survives", test_pending_survives);
  ADD ("/outbox/discard", test_discard);
  ADD ("/outbox/batch-and-undo", test_batch_and_undo);
  ADD ("/outbox/server-busy-and-answer-cut", test_server_busy_and_answer_cut);
  ADD ("/outbox/command-line", test_command_line);
#undef ADD
  return g_test_run ();
}
