/* test-sync.c — the sync client against the real xiaoqu-server over HTTP on 127.0.0.1,
 * directly or through the fault proxy: a full sync of the demo city checked field by field
 * against the server's feed, resume after the server is killed mid-sync, malformed and
 * truncated pages, 410 (also after an interrupted first sync: the indexes come back), 401,
 * 429 with Retry-After, 500 then success, a stalled server, tombstones, a record deleted
 * and created again, and a second sync that applies nothing. */
#include "config.h"

#include <signal.h>

#include "xa-fault-proxy.h"
#include "xa-store.h"
#include "xa-sync-client.h"
#include "xa-test-feed.h"
#include "xa-test-http.h"
#include "xa-test-util.h"

typedef XaTestServerFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = xa_test_demo_server_start ();
  f->proxy = xa_fault_proxy_new (f->server->base_url);
  f->store_path = xa_test_path ("records.db");
}

/* A client with retries short enough for tests. */
static XaSyncClient *
make_client (const char *url,
             const char *token)
{
  XaSyncClient *client = xa_sync_client_new (url, token);

  /* Short backoff so the retry tests run quickly; a request timeout a sanitizer build on a
   * loaded machine never reaches by accident (at 2 s it did, and counted a retry too many).
   * test_stalled_server() sets its own. */
  xa_sync_client_set_retry_policy (client, 10, 3, 20, 100);
  return client;
}

static gboolean
sync_once (const char    *url,
           const char    *token,
           const char    *store_path,
           guint          page_limit,
           XaSyncResult  *result,
           GError       **error)
{
  g_autoptr(XaSyncClient) client = make_client (url, token);

  if (page_limit > 0)
    xa_sync_client_set_page_limit (client, page_limit);
  return xa_sync_client_sync (client, store_path, NULL, result, error);
}

/* Every record of the server, field by field, read from its feed over HTTP by the test. */
static void
assert_mirror_equals_server (Fixture *f)
{
  xa_test_assert_store_mirrors_server (f->store_path, f->server->base_url, f->server->token);
}

static gint64
store_count (Fixture      *f,
             XaRecordType  type)
{
  g_autoptr(XaStore) store = xa_store_open (f->store_path, NULL);
  return xa_store_count (store, type);
}

static gint64
store_int (Fixture    *f,
           const char *sql)
{
  g_autoptr(XaStore) store = xa_store_open (f->store_path, NULL);
  return xa_store_query_int (store, sql, NULL);
}

static void
test_full_sync_and_again (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  XaSyncResult result;
  guint64 total = 0;

  g_assert_true (sync_once (f->server->base_url, f->server->token, f->store_path, 0, &result,
                            &error));
  g_assert_no_error (error);
  g_assert_false (result.full_resync);
  g_assert_cmpuint (result.retries, ==, 0);
  assert_mirror_equals_server (f);
  for (XaRecordType type = 0; type < XA_N_RECORD_TYPES; type++)
    total += store_count (f, type);
  g_assert_cmpuint (result.records, ==, total);

  /* The demo city as the seed article reports it. */
  g_assert_cmpint (store_count (f, XA_RECORD_DISTRICT), ==, 12);
  g_assert_cmpint (store_count (f, XA_RECORD_COMPOUND), ==, 3490);
  g_assert_cmpint (store_int (f, "SELECT count(*) FROM compound WHERE public_revenue_recorded"),
                   ==, 3334);
  g_assert_cmpint (store_int (f, "SELECT count(*) FROM compound WHERE special_account"), ==, 747);
  g_assert_cmpint (store_int (f, "SELECT sum(supervised_fen) FROM compound"),
                   ==, G_GINT64_CONSTANT (3693230000));
  g_assert_cmpint (store_int (f, "SELECT count(DISTINCT compound) FROM charging WHERE ports > 0"),
                   ==, 3197);
  g_assert_cmpint (store_int (f, "SELECT sum(ports) FROM charging"), ==, 449000);
  g_assert_cmpint (store_int (f, "SELECT count(*) FROM problem "
                                 "WHERE status IN ('resolved', 'closed')"), >, 15000);

  /* A second sync right after applies nothing. */
  g_assert_true (sync_once (f->server->base_url, f->server->token, f->store_path, 0, &result,
                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.records, ==, 0);
  g_assert_cmpuint (result.pages, ==, 1);
  assert_mirror_equals_server (f);
}

typedef struct
{
  Fixture   *fixture;
  guint      kill_at_page;
  gboolean   killed;
  gboolean   done;
  gboolean   ok;
  GError    *error;
  XaSyncResult result;
  guint      progress_calls;
} KillRun;

static void
on_progress (XaSyncClient *client,
             guint64       records,
             guint         pages,
             gpointer      user_data)
{
  KillRun *run = user_data;

  run->progress_calls++;
  if (!run->killed && pages >= run->kill_at_page)
    {
      xa_test_server_stop (run->fixture->server, TRUE);
      run->killed = TRUE;
    }
}

static void
on_sync_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  KillRun *run = user_data;

  run->ok = xa_sync_client_sync_finish (XA_SYNC_CLIENT (source), result, &run->result, &run->error);
  run->done = TRUE;
}

static void
test_resume_after_kill (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(XaSyncClient) client = make_client (f->server->base_url, f->server->token);
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup (strrchr (f->server->base_url, ':') + 1);
  const char *restart_args[] = { "--demo", "--port", port, NULL };
  g_autofree char *db = g_strdup (f->server->db_path);
  KillRun run = { f, 3, FALSE, FALSE, FALSE, NULL, { 0 }, 0 };
  XaSyncResult second;
  gint64 applied_before;

  xa_sync_client_set_page_limit (client, 50);
  g_signal_connect (client, "progress", G_CALLBACK (on_progress), &run);
  xa_sync_client_sync_async (client, f->store_path, NULL, on_sync_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (run.killed);
  g_assert_false (run.ok);
  g_assert_error (run.error, XA_SYNC_ERROR, XA_SYNC_ERROR_NETWORK);
  g_test_message ("stopped after %u pages: %s", run.result.pages, run.error->message);
  g_clear_error (&run.error);
  g_assert_cmpuint (run.result.pages, >=, 3);
  g_assert_cmpuint (run.progress_calls, >=, 3);

  /* Everything committed before the kill is there, page by page. */
  applied_before = 0;
  for (XaRecordType type = 0; type < XA_N_RECORD_TYPES; type++)
    applied_before += store_count (f, type);
  g_assert_cmpint (applied_before, ==, run.result.records);
  g_assert_cmpint (applied_before, ==, (gint64) run.result.pages * 50);

  /* The server comes back on the same address; the sync resumes where it stopped. */
  xa_test_server_free (f->server);
  f->server = xa_test_server_start (db, restart_args);
  g_assert_true (sync_once (f->server->base_url, f->server->token, f->store_path, 50, &second,
                            &error));
  g_assert_no_error (error);
  assert_mirror_equals_server (f);
  {
    guint64 total = 0;
    for (XaRecordType type = 0; type < XA_N_RECORD_TYPES; type++)
      total += store_count (f, type);
    /* Nothing applied twice: the second sync fetched only what was missing. */
    g_assert_cmpuint (second.records + run.result.records, ==, total);
  }
}

static void
test_malformed_page (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor_before = NULL;
  g_autofree char *cursor_after = NULL;
  XaSyncResult result;
  gint64 before;

  /* Page 1 commits; page 2 has a record with a latitude that is text. */
  xa_fault_proxy_add (f->proxy, 2, XA_FAULT_REPLACE, 0, -1, "\"lat\":", "\"lat\":\"x\",\"_\":");
  g_assert_false (sync_once (xa_fault_proxy_get_url (f->proxy), f->server->token, f->store_path, 20,
                             &result, &error));
  g_assert_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_PAGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "field “lat”"));
  g_assert_nonnull (strstr (error->message, "Nothing of that page was applied"));
  g_assert_cmpuint (result.pages, ==, 1);
  before = 0;
  for (XaRecordType type = 0; type < XA_N_RECORD_TYPES; type++)
    before += store_count (f, type);
  g_assert_cmpint (before, ==, 20);
  g_clear_error (&error);

  /* Not JSON at all (a proxy's error page, say). */
  {
    g_autoptr(XaStore) store = xa_store_open (f->store_path, NULL);
    cursor_before = xa_store_dup_cursor (store, xa_fault_proxy_get_url (f->proxy));
  }
  xa_fault_proxy_add (f->proxy, 1, XA_FAULT_REPLACE, 0, -1, "{", "<html>");
  g_assert_false (sync_once (xa_fault_proxy_get_url (f->proxy), f->server->token, f->store_path, 20,
                             &result, &error));
  g_assert_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_PAGE);
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
  g_clear_error (&error);
  {
    g_autoptr(XaStore) store = xa_store_open (f->store_path, NULL);
    cursor_after = xa_store_dup_cursor (store, xa_fault_proxy_get_url (f->proxy));
  }
  g_assert_cmpstr (cursor_before, ==, cursor_after);

  /* A body cut short every time: retried, then given up, nothing stored. */
  xa_fault_proxy_set_default (f->proxy, XA_FAULT_TRUNCATE, 0);
  g_assert_false (sync_once (xa_fault_proxy_get_url (f->proxy), f->server->token, f->store_path, 20,
                             &result, &error));
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, XA_SYNC_ERROR, XA_SYNC_ERROR_NETWORK) ||
                 g_error_matches (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_PAGE));
  g_assert_cmpuint (result.pages, ==, 0);
  g_clear_error (&error);
  xa_fault_proxy_set_default (f->proxy, XA_FAULT_PASS, 0);

  /* Once the server behaves, the sync completes from where it was. */
  g_assert_true (sync_once (xa_fault_proxy_get_url (f->proxy), f->server->token, f->store_path, 0,
                            &result, &error));
  g_assert_no_error (error);
  assert_mirror_equals_server (f);
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  XaSyncResult result;

  g_assert_false (sync_once (f->server->base_url, "wrong-token", f->store_path, 0, &result,
                             &error));
  g_assert_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "token"));
  g_assert_cmpuint (result.retries, ==, 0);
  g_clear_error (&error);
  g_assert_false (sync_once (f->server->base_url, NULL, f->store_path, 0, &result, &error));
  g_assert_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpint (store_count (f, XA_RECORD_COMPOUND), ==, 0);
}

static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  XaSyncResult result;
  gint64 start;
  double elapsed;

  xa_fault_proxy_add (f->proxy, 1, XA_FAULT_STATUS, 429, 1, NULL, NULL);
  start = g_get_monotonic_time ();
  g_assert_true (sync_once (xa_fault_proxy_get_url (f->proxy), f->server->token, f->store_path, 0,
                            &result, &error));
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_cmpuint (result.retries, ==, 1);
  /* The client's own backoff is 20–100 ms here: only Retry-After explains a 1 s wait. */
  g_assert_cmpfloat (elapsed, >=, 1.0);
  assert_mirror_equals_server (f);
}

static void
test_server_error_then_success (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  XaSyncResult result;

  xa_fault_proxy_add (f->proxy, 1, XA_FAULT_STATUS, 500, -1, NULL, NULL);
  xa_fault_proxy_add (f->proxy, 2, XA_FAULT_STATUS, 503, 0, NULL, NULL);
  xa_fault_proxy_add (f->proxy, 4, XA_FAULT_DROP, 0, -1, NULL, NULL);
  g_assert_true (sync_once (xa_fault_proxy_get_url (f->proxy), f->server->token, f->store_path,
                            2000, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.retries, ==, 3);
  assert_mirror_equals_server (f);

  /* Errors that do not go away end the sync with the server's answer in the message. */
  xa_fault_proxy_set_default (f->proxy, XA_FAULT_STATUS, 500);
  g_assert_false (sync_once (xa_fault_proxy_get_url (f->proxy), f->server->token, f->store_path, 0,
                             &result, &error));
  g_assert_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_cmpuint (result.retries, ==, 2);
}

static void
test_stalled_server (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  XaSyncResult result;
  gint64 start = g_get_monotonic_time ();

  g_autoptr(XaSyncClient) client = make_client (xa_fault_proxy_get_url (f->proxy),
                                                f->server->token);

  xa_sync_client_set_retry_policy (client, 2, 3, 20, 100);
  xa_fault_proxy_set_default (f->proxy, XA_FAULT_STALL, 0);
  g_assert_false (xa_sync_client_sync (client, f->store_path, NULL, &result, &error));
  g_assert_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_TIMEOUT);
  g_test_message ("%s after %.1f s", error->message, (g_get_monotonic_time () - start) / 1e6);
  g_assert_nonnull (strstr (error->message, "stopped answering"));
  /* Three attempts of a 2 s timeout each, not forever. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);
  g_assert_cmpint (store_count (f, XA_RECORD_COMPOUND), ==, 0);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(XaSyncClient) client = make_client (xa_fault_proxy_get_url (f->proxy),
                                                 f->server->token);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  KillRun run = { f, G_MAXUINT, FALSE, FALSE, FALSE, NULL, { 0 }, 0 };

  xa_fault_proxy_set_default (f->proxy, XA_FAULT_STALL, 0);
  xa_sync_client_sync_async (client, f->store_path, cancellable, on_sync_done, &run);
  g_timeout_add_once (200, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
}

static void
test_gone_runs_full_resync (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *resync_path = g_strconcat (f->store_path, ".resync", NULL);
  const char *compact_args[] = { "--db", f->server->db_path, "--compact", NULL };
  const char *delete_args[] = { "--db", f->server->db_path, "--delete", "compound", "C0002", NULL };
  XaSyncResult result;

  /* Through the proxy from the start: the sync position is kept per server address. */
  g_assert_true (sync_once (xa_fault_proxy_get_url (f->proxy), f->server->token, f->store_path, 0,
                            &result, &error));
  g_assert_no_error (error);
  xa_test_server_run_admin (delete_args);
  xa_test_server_run_admin (compact_args);

  /* The resync breaks off half way: the old mirror stays whole meanwhile. */
  xa_fault_proxy_add (f->proxy, 4, XA_FAULT_STATUS, 400, -1, NULL, NULL);
  g_assert_false (sync_once (xa_fault_proxy_get_url (f->proxy), f->server->token, f->store_path,
                             1000, &result, &error));
  g_clear_error (&error);
  g_assert_cmpint (store_count (f, XA_RECORD_COMPOUND), ==, 3490);
  g_assert_true (g_file_test (resync_path, G_FILE_TEST_EXISTS));

  /* Without the fault it completes, and replaces the mirror in one go. */
  g_assert_true (sync_once (xa_fault_proxy_get_url (f->proxy), f->server->token, f->store_path,
                            1000, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.full_resync);
  g_assert_cmpint (store_count (f, XA_RECORD_COMPOUND), ==, 3489);
  assert_mirror_equals_server (f);
  g_assert_false (g_file_test (resync_path, G_FILE_TEST_EXISTS));
}

/* A first sync that breaks off leaves the mirror without its secondary indexes (they are
 * built once at the end); a 410 and full resync after that must bring them back. */
static void
test_gone_after_interrupted_first_sync (Fixture       *f,
                                        gconstpointer  data)
{
  static const char count_indexes[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ("
    "'compound_district', 'cadre_compound_compound', 'flood_check_compound', "
    "'charging_compound', 'elevator_compound', 'problem_compound', 'problem_category', "
    "'problem_status')";
  g_autoptr(GError) error = NULL;
  const char *compact_args[] = { "--db", f->server->db_path, "--compact", NULL };
  const char *delete_args[] = { "--db", f->server->db_path, "--delete", "compound", "C0002", NULL };
  XaSyncResult result;

  xa_fault_proxy_add (f->proxy, 3, XA_FAULT_STATUS, 400, -1, NULL, NULL);
  g_assert_false (sync_once (xa_fault_proxy_get_url (f->proxy), f->server->token, f->store_path,
                             1000, &result, &error));
  g_clear_error (&error);
  g_assert_cmpuint (result.pages, ==, 2);
  g_assert_cmpint (store_int (f, count_indexes), ==, 0);

  xa_test_server_run_admin (delete_args);
  xa_test_server_run_admin (compact_args);
  g_assert_true (sync_once (xa_fault_proxy_get_url (f->proxy), f->server->token, f->store_path,
                            1000, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.full_resync);
  assert_mirror_equals_server (f);
  g_assert_cmpint (store_int (f, count_indexes), ==, 8);
}

static void
test_tombstones_and_recreate (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *delete_args[] = { "--db", f->server->db_path, "--delete", "compound", "C0001", NULL };
  const char *put_args[] = { "--db", f->server->db_path, "--put", "compound", "C0001",
    "{\"name\": \"重建小区\", \"district\": \"371302\", \"subdistrict\": \"兰山街道\","
    " \"community\": \"社区\", \"address\": \"兰山区某路1号\", \"lat\": 35.06, \"lon\": 118.34,"
    " \"kind\": \"residential\", \"buildings\": 2, \"households\": 80, \"owners_committee\": false,"
    " \"public_revenue_recorded\": false, \"special_account\": false, \"supervised_fen\": 0}",
    NULL };
  XaSyncResult result;
  gint64 elevators_before, version_before;

  g_assert_true (sync_once (f->server->base_url, f->server->token, f->store_path, 0, &result,
                            &error));
  g_assert_no_error (error);
  elevators_before = store_count (f, XA_RECORD_ELEVATOR);
  version_before = store_int (f, "SELECT version FROM compound WHERE id = 'C0001'");
  g_assert_cmpint (version_before, >=, 1);
  g_assert_cmpint (store_int (f, "SELECT count(*) FROM problem WHERE compound = 'C0001'"), >, 0);

  xa_test_server_run_admin (delete_args);
  g_assert_true (sync_once (f->server->base_url, f->server->token, f->store_path, 0, &result,
                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.deleted, >, 1);
  g_assert_cmpint (store_int (f, "SELECT count(*) FROM compound WHERE id = 'C0001'"), ==, 0);
  g_assert_cmpint (store_int (f, "SELECT count(*) FROM problem WHERE compound = 'C0001'"), ==, 0);
  g_assert_cmpint (store_count (f, XA_RECORD_ELEVATOR), <=, elevators_before);
  assert_mirror_equals_server (f);

  xa_test_server_run_admin (put_args);
  g_assert_true (sync_once (f->server->base_url, f->server->token, f->store_path, 0, &result,
                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.records, ==, 1);
  g_assert_cmpint (store_int (f, "SELECT version FROM compound WHERE id = 'C0001'"),
                   >, version_before);
  assert_mirror_equals_server (f);
}

static void
test_bad_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = xa_test_path ("records.db");
  XaSyncResult result;

  g_assert_false (sync_once ("ftp://example", "t", store_path, 0, &result, &error));
  g_assert_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_URL);
  g_clear_error (&error);
  /* Nothing listens on port 9 of the loopback. */
  g_assert_false (sync_once ("http://127.0.0.1:9", "t", store_path, 0, &result, &error));
  g_assert_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "Could not reach"));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, xa_test_server_fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  ADD ("/sync/full-and-again", test_full_sync_and_again);
  ADD ("/sync/resume-after-kill", test_resume_after_kill);
  ADD ("/sync/malformed-page", test_malformed_page);
  ADD ("/sync/unauthorized", test_unauthorized);
  ADD ("/sync/retry-after", test_retry_after);
  ADD ("/sync/server-error-then-success", test_server_error_then_success);
  ADD ("/sync/stalled-server", test_stalled_server);
  ADD ("/sync/cancel", test_cancel);
  ADD ("/sync/gone-runs-full-resync", test_gone_runs_full_resync);
  ADD ("/sync/gone-after-interrupted-first-sync", test_gone_after_interrupted_first_sync);
  ADD ("/sync/tombstones-and-recreate", test_tombstones_and_recreate);
  g_test_add_func ("/sync/bad-url", test_bad_url);

  return g_test_run ();
}
