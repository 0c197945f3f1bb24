/* test-server-records.c — whatever xiaoqu-server stores, every client accepts: the real
 * binary's --put refuses the records no client can read (a number too large for a double,
 * a NUL inside a string, an integer past 2^63, a lone surrogate), names the record and the
 * field, leaves its database as it was, and the feed keeps flowing through the client's own
 * page parser. And when a client does meet such a record, its message names the record's
 * type, id and field, not a byte. */
#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "xa-records.h"
#include "xa-sync-client.h"
#include "xa-sync-page-private.h"
#include "xa-test-http.h"
#include "xa-test-util.h"

#define DISTRICT "{\"code\": \"371302\", \"name\": \"兰山区\", \"lat\": 35.05, \"lon\": 118.34}"
#define COMPOUND(households)                                                                    \
  "{\"name\": \"小区\", \"district\": \"371302\", \"subdistrict\": \"街道\", \"community\": "     \
  "\"社区\", \"address\": \"路1号\", \"lat\": 35.06, \"lon\": 118.34, \"kind\": \"residential\", " \
  "\"buildings\": 2, \"households\": " households ", \"owners_committee\": false, "              \
  "\"public_revenue_recorded\": false, \"special_account\": false, \"supervised_fen\": 0}"

/* Everything the log holds, as text: any change at all would show. */
static char *
dump_log (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *dump = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT seq, type, id, version, deleted, "
                                           "quote (data) FROM changes ORDER BY seq",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (dump, "%lld %s %s %lld %d %s\n", sqlite3_column_int64 (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                            sqlite3_column_int64 (stmt, 3), sqlite3_column_int (stmt, 4),
                            sqlite3_column_text (stmt, 5));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

/* Reads the whole feed through the client's page parser; returns the number of changes. */
static guint
read_feed (XaTestServer *server)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *cursor = NULL;
  guint n = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?limit=2%s%s",
                                               cursor != NULL ? "&cursor=" : "",
                                               cursor != NULL ? escaped : "");
      const XaTestRequest request = { .path = path, .token = server->token };
      g_auto(XaTestReply) reply = { 0 };
      g_autoptr(XaSyncPage) page = NULL;
      g_autoptr(GError) error = NULL;
      gsize size;
      const char *data;

      xa_test_request (session, server->base_url, &request, &reply);
      g_assert_cmpuint (reply.status, ==, 200);
      data = g_bytes_get_data (reply.body, &size);
      page = _xa_sync_page_parse (g_memdup2 (data, size), size, &error);
      g_assert_no_error (error);
      n += page->changes->len;
      more = page->more;
      g_free (cursor);
      cursor = g_strdup (page->cursor);
    }
  return n;
}

static void
test_put_refuses_hostile_records (void)
{
  g_autofree char *db = xa_test_path ("put.db");
  const char * const district[] = { "--db", db, "--put", "district", "371302", DISTRICT, NULL };
  const char * const compound[] = { "--db", db, "--put", "compound", "C1", COMPOUND ("80"), NULL };
  const struct
  {
    const char *type;
    const char *id;
    const char *data;
    const char *field;
  } hostile[] = {
    { "district", "371302",
      "{\"code\": \"371302\", \"name\": \"兰山区\", \"lat\": 1e400, \"lon\": 118.34}", "lat" },
    { "district", "371302",
      "{\"code\": \"371302\", \"name\": \"兰山\\u0000区\", \"lat\": 35.05, \"lon\": 118.34}",
      "name" },
    { "compound", "C1", COMPOUND ("9223372036854775808"), "households" },
    { "district", "371302",
      "{\"code\": \"371302\", \"name\": \"兰山\\ud800区\", \"lat\": 35.05, \"lon\": 118.34}",
      "name" },
    /* The same faults in a field no client reads are refused as well: the whole record is
     * read, and json-glib would store inf or bytes that are not UTF-8. */
    { "district", "371302",
      "{\"code\": \"371302\", \"name\": \"兰山区\", \"lat\": 35.05, \"lon\": 118.34, "
      "\"note\": 1e999}", "note" },
  };
  g_autofree char *before = NULL;
  XaTestServer *server;
  const char * const serve[] = { NULL };
  XaTestRun ok;

  ok = xa_test_run_server (district);
  g_assert_cmpint (ok.status, ==, 0);
  xa_test_run_clear (&ok);
  ok = xa_test_run_server (compound);
  g_assert_cmpint (ok.status, ==, 0);
  xa_test_run_clear (&ok);
  before = dump_log (db);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      const char * const args[] = { "--db", db, "--put", hostile[i].type, hostile[i].id,
                                    hostile[i].data, NULL };
      g_autofree char *record = g_strdup_printf ("%s %s", hostile[i].type, hostile[i].id);
      g_autofree char *field = g_strdup_printf ("field “%s”", hostile[i].field);
      g_autofree char *after = NULL;
      XaTestRun run = xa_test_run_server (args);

      g_assert_cmpint (run.status, !=, 0);
      g_assert_nonnull (strstr (run.err, "not stored"));
      g_assert_nonnull (strstr (run.err, record));
      g_assert_nonnull (strstr (run.err, field));
      after = dump_log (db);
      g_assert_cmpstr (after, ==, before);
      xa_test_run_clear (&run);
    }

  /* The feed still flows, every record through the client's own parser. */
  server = xa_test_server_start (db, serve);
  g_assert_cmpuint (read_feed (server), ==, 2);
  xa_test_server_free (server);
}

/* A page the way a client meets it: the record and the field are named, not only a byte. */
static void
test_client_names_record (void)
{
  const struct
  {
    const char *data;
    const char *field;
  } cases[] = {
    { "{\"code\": \"371302\", \"name\": \"兰山区\", \"lat\": 1e400, \"lon\": 118.34}", "lat" },
    { "{\"code\": \"371302\", \"name\": \"兰山\\ud800区\", \"lat\": 35.05, \"lon\": 118.34}",
      "name" },
    { "{\"code\": \"371302\", \"name\": \"兰山区\", \"lat\": 35.05, \"lon\": 118.34, "
      "\"boundary\": [[118.3, 35.0], [118.4, 35.1], [118.3, 3e999]]}", "boundary[2][1]" },
    { "{\"code\": \"371302\", \"name\": \"兰山区\" \"lat\": 35.05}", "name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"cursor\": \"c1\", \"more\": false, \"changes\": ["
        "{\"seq\": 1, \"type\": \"category\", \"id\": \"K1\", \"version\": 1, \"deleted\": false,"
        " \"data\": {\"code\": \"K1\", \"name_zh\": \"类\", \"name_en\": \"kind\"}},"
        "{\"seq\": 2, \"type\": \"district\", \"id\": \"371302\", \"version\": 1,"
        " \"deleted\": false, \"data\": %s}]}", cases[i].data);
      g_autofree char *field = g_strdup_printf ("field “%s”", cases[i].field);
      g_autoptr(XaSyncPage) page = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(XaChange) change = NULL;
      g_autofree char *one = g_strdup_printf ("{\"seq\": 2, \"type\": \"district\", "
                                              "\"id\": \"371302\", \"version\": 1, "
                                              "\"data\": %s}", cases[i].data);

      page = _xa_sync_page_parse (g_strdup (text), strlen (text), &error);
      g_assert_null (page);
      g_test_message ("%s", error->message);
      g_assert_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_PAGE);
      g_assert_nonnull (strstr (error->message, "district 371302"));
      g_assert_nonnull (strstr (error->message, field));
      g_clear_error (&error);

      change = xa_change_from_text (one, -1, &error);
      g_assert_null (change);
      g_assert_error (error, XA_RECORD_ERROR, XA_RECORD_ERROR_BAD_JSON);
      g_assert_nonnull (strstr (error->message, "district 371302"));
      g_assert_nonnull (strstr (error->message, field));
    }
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  g_test_add_func ("/server-records/put-refuses-hostile", test_put_refuses_hostile_records);
  g_test_add_func ("/server-records/client-names-record", test_client_names_record);

  return g_test_run ();
}
