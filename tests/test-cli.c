/* test-cli.c — `xiaoqu-atlas --sync-only` against a real xiaoqu-server: the summary line,
 * the exit codes (0 synced, 1 sync failed, 2 bad usage) and messages that say what to do;
 * a damaged store moved aside, and a store of another server refused unless replaced.
 * The children run without DISPLAY or WAYLAND_DISPLAY: the command line needs no display. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "xa-store.h"
#include "xa-test-feed.h"
#include "xa-test-store.h"
#include "xa-test-util.h"

static XaTestServer *demo_server;

static XaTestServer *
get_demo_server (void)
{
  if (demo_server == NULL)
    demo_server = xa_test_demo_server_start ();
  return demo_server;
}

static void
test_sync_only (void)
{
  XaTestServer *server = get_demo_server ();
  g_autofree char *store_path = xa_test_path ("store.db");
  XaTestRun result;

  result = xa_test_run_sync_only (server->base_url, server->token, store_path);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  /* One line: pages, records, deletions, seconds. */
  g_assert_true (g_str_has_prefix (result.out, "Synced "));
  g_assert_nonnull (strstr (result.out, " pages, "));
  g_assert_nonnull (strstr (result.out, " records, "));
  g_assert_nonnull (strstr (result.out, " deletions in "));
  g_assert_nonnull (strstr (result.out, " s from "));
  g_assert_nonnull (strstr (result.out, server->base_url));
  g_assert_cmpint (strchr (result.out, '\n') - result.out, ==, strlen (result.out) - 1);
  xa_test_run_clear (&result);

  /* What the summary says was synced is there: every record of the server, field by field. */
  xa_test_assert_store_mirrors_server (store_path, server->base_url, server->token);

  /* A second run has nothing new: still exit 0, 0 records. */
  result = xa_test_run_sync_only (server->base_url, server->token, store_path);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, " 0 records, "));
  xa_test_run_clear (&result);
}

static void
test_wrong_token (void)
{
  XaTestServer *server = get_demo_server ();
  g_autofree char *store_path = xa_test_path ("store.db");
  XaTestRun result;

  result = xa_test_run_sync_only (server->base_url, "not-the-token", store_path);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_true (g_str_has_prefix (result.err, "xiaoqu-atlas: "));
  g_assert_nonnull (strstr (result.err, "token"));
  g_assert_nonnull (strstr (result.err, "--token"));
  /* The wrong token itself is never echoed. */
  g_assert_null (strstr (result.err, "not-the-token"));
  xa_test_run_clear (&result);
}

static void
test_bad_url (void)
{
  g_autofree char *store_path = xa_test_path ("store.db");
  XaTestRun result;

  result = xa_test_run_sync_only ("records.example", "t", store_path);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_true (g_str_has_prefix (result.err, "xiaoqu-atlas: "));
  g_assert_nonnull (strstr (result.err, "records.example"));
  g_assert_nonnull (strstr (result.err, "http://"));
  xa_test_run_clear (&result);
}

static void
test_unreachable (void)
{
  g_autofree char *store_path = xa_test_path ("store.db");
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", xa_test_closed_port ());
  XaTestRun result;

  result = xa_test_run_sync_only (url, "t", store_path);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_true (g_str_has_prefix (result.err, "xiaoqu-atlas: "));
  g_assert_nonnull (strstr (result.err, url));
  g_assert_nonnull (strstr (result.err, "Check the network connection"));
  xa_test_run_clear (&result);
}

static void
test_usage (void)
{
  XaTestRun result;

  result = xa_test_run_app ((const char * const[]) { "--sync-only", NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "--server"));
  xa_test_run_clear (&result);

  result = xa_test_run_app ((const char * const[]) { "--sync-only", "--demo", "--server",
                                                     "http://127.0.0.1:1", NULL });
  g_assert_cmpint (result.status, ==, 2);
  xa_test_run_clear (&result);

  result = xa_test_run_app ((const char * const[]) { "--no-such-option", NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "no-such-option"));
  xa_test_run_clear (&result);

  result = xa_test_run_app ((const char * const[]) { "--version", NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "xiaoqu-atlas " PACKAGE_VERSION "\n");
  xa_test_run_clear (&result);
}

/* The file named in @message right after @before and up to the next space or ". " (the
 * message names the file the store was kept in). */
static char *
named_file (const char *message,
            const char *before)
{
  const char *start = strstr (message, before);
  const char *end;

  g_assert_nonnull (start);
  start += strlen (before);
  end = start;
  while (*end != '\0' && *end != ' ' && *end != '\n' && !(end[0] == '.' && end[1] == ' ')
         && !(end[0] == ';' || (end[0] == '.' && end[1] == '\0')))
    end++;
  return g_strndup (start, end - start);
}

/* A store damaged on disk after a good sync: the next run says "damaged", exits 1, keeps
 * the damaged file byte for byte under the name it gives, and the run after that syncs
 * every record into a new file. (It used to report a good sync.) */
static void
test_damaged_store (void)
{
  XaTestServer *server = get_demo_server ();
  g_autofree char *store_path = xa_test_path ("store.db");
  g_autofree char *kept_path = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  XaTestRun result;

  xa_test_sync_only_ok (server, store_path);
  damaged = xa_test_damage_store (store_path);

  result = xa_test_run_sync_only (server->base_url, server->token, store_path);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_true (g_str_has_prefix (result.err, "xiaoqu-atlas: "));
  g_assert_nonnull (strstr (result.err, "damaged"));
  g_assert_nonnull (strstr (result.err, "Run the same command again"));
  kept_path = named_file (result.err, "It was moved to ");
  xa_test_run_clear (&result);
  g_assert_true (g_str_has_prefix (kept_path, store_path));
  g_assert_false (g_file_test (store_path, G_FILE_TEST_EXISTS));
  g_file_get_contents (kept_path, &kept, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (kept, length, g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));

  result = xa_test_run_sync_only (server->base_url, server->token, store_path);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, " 39,396 records, "));
  xa_test_run_clear (&result);
  store = xa_test_store_open (store_path);
  g_assert_true (xa_store_check (store, &error));
  g_assert_cmpint (xa_store_count (store, XA_RECORD_COMPOUND), ==, 3490);
}

/* A store synced from one server is never synced from another: refused with a message
 * naming both and the two ways on, the store unchanged row for row; with --replace-store
 * the old file is kept aside (named in the summary) and a new one filled. */
static void
test_other_server (void)
{
  XaTestServer *server = get_demo_server ();
  XaTestServer *other = xa_test_demo_server_start ();
  g_autofree char *store_path = xa_test_path ("store.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *kept_dump = NULL;
  g_autofree char *owner = NULL;
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  XaTestRun result;

  g_assert_cmpstr (other->base_url, !=, server->base_url);
  xa_test_sync_only_ok (server, store_path);
  before = xa_test_store_dump (store_path);

  result = xa_test_run_sync_only (other->base_url, other->token, store_path);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, server->base_url));
  g_assert_nonnull (strstr (result.err, other->base_url));
  g_assert_nonnull (strstr (result.err, "--replace-store"));
  g_assert_nonnull (strstr (result.err, "--store"));
  xa_test_run_clear (&result);
  after = xa_test_store_dump (store_path);
  g_assert_cmpstr (after, ==, before);

  result = xa_test_run_app ((const char * const[]) { "--sync-only", "--server", other->base_url,
                                                     "--token", other->token, "--replace-store",
                                                     "--store", store_path, NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, " 39,396 records, "));
  kept_path = named_file (result.out, "the previous records were kept in ");
  xa_test_run_clear (&result);
  g_assert_true (g_str_has_suffix (kept_path, ".bak"));
  kept_dump = xa_test_store_dump (kept_path);
  g_assert_cmpstr (kept_dump, ==, before);
  store = xa_test_store_open (store_path);
  owner = xa_store_dup_server (store);
  g_assert_cmpstr (owner, ==, other->base_url);
  g_clear_object (&store);

  /* --replace-store is for the command line only. */
  result = xa_test_run_app ((const char * const[]) { "--replace-store", NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "--sync-only"));
  xa_test_run_clear (&result);

  xa_test_server_free (other);
}

/* The address as typed does not make another server: after a sync from http://127.0.0.1:N,
 * one from HTTP://127.0.0.1:N/ goes into the same store and finds nothing new. */
static void
test_same_server_spelled_otherwise (void)
{
  XaTestServer *server = get_demo_server ();
  g_autofree char *store_path = xa_test_path ("spelling.db");
  g_autofree char *upper = g_strconcat ("HTTP", server->base_url + strlen ("http"), "/", NULL);
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  XaTestRun result;

  g_assert_true (g_str_has_prefix (server->base_url, "http://"));
  result = xa_test_run_sync_only (upper, server->token, store_path);
  g_assert_cmpint (result.status, ==, 0);
  xa_test_run_clear (&result);
  store = xa_test_store_open (store_path);
  owner = xa_store_dup_server (store);
  g_assert_cmpstr (owner, ==, server->base_url);
  g_clear_object (&store);

  result = xa_test_run_sync_only (server->base_url, server->token, store_path);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, " 0 records, "));
  xa_test_run_clear (&result);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  xa_test_init (&argc, &argv);

  g_test_add_func ("/cli/sync-only", test_sync_only);
  g_test_add_func ("/cli/wrong-token", test_wrong_token);
  g_test_add_func ("/cli/bad-url", test_bad_url);
  g_test_add_func ("/cli/unreachable", test_unreachable);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/damaged-store", test_damaged_store);
  g_test_add_func ("/cli/other-server", test_other_server);
  g_test_add_func ("/cli/same-server-spelled-otherwise", test_same_server_spelled_otherwise);

  ret = g_test_run ();
  g_clear_pointer (&demo_server, xa_test_server_free);
  return ret;
}
