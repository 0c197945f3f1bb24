/* test-cli.c — `xiaoqu-atlas --sync-only` against a real xiaoqu-server: the summary line,
 * the exit codes (0 synced, 1 sync failed, 2 bad usage) and messages that say what to do.
 * The children run without DISPLAY or WAYLAND_DISPLAY: the command line needs no display. */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "xa-store.h"
#include "xa-test-feed.h"
#include "xa-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

/* Runs $XIAOQU_ATLAS with @args in English, without a display. */
static RunResult
run_app (const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  RunResult result = { 0 };

  g_ptr_array_add (argv, (gpointer) g_getenv ("XIAOQU_ATLAS"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "XIAOQU_ATLAS_TOKEN");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result.out, &result.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result.status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", result.status, result.out, result.err);
  return result;
}

static XaTestServer *demo_server;

static XaTestServer *
get_demo_server (void)
{
  if (demo_server == NULL)
    {
      g_autofree char *db = xa_test_path ("server.db");

      demo_server = xa_test_server_start (db, (const char * const[]) { "--demo", NULL });
    }
  return demo_server;
}

static void
test_sync_only (void)
{
  XaTestServer *server = get_demo_server ();
  g_autofree char *store_path = xa_test_path ("store.db");
  RunResult result;

  result = run_app ((const char * const[]) { "--sync-only", "--server", server->base_url,
                                             "--token", server->token,
                                             "--store", store_path, NULL });
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
  run_result_clear (&result);

  /* What the summary says was synced is there: every record of the server, field by field. */
  xa_test_assert_store_mirrors_server (store_path, server->base_url, server->token);

  /* A second run has nothing new: still exit 0, 0 records. */
  result = run_app ((const char * const[]) { "--sync-only", "--server", server->base_url,
                                             "--token", server->token,
                                             "--store", store_path, NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, " 0 records, "));
  run_result_clear (&result);
}

static void
test_wrong_token (void)
{
  XaTestServer *server = get_demo_server ();
  g_autofree char *store_path = xa_test_path ("store.db");
  RunResult result;

  result = run_app ((const char * const[]) { "--sync-only", "--server", server->base_url,
                                             "--token", "not-the-token",
                                             "--store", store_path, NULL });
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_true (g_str_has_prefix (result.err, "xiaoqu-atlas: "));
  g_assert_nonnull (strstr (result.err, "token"));
  g_assert_nonnull (strstr (result.err, "--token"));
  /* The wrong token itself is never echoed. */
  g_assert_null (strstr (result.err, "not-the-token"));
  run_result_clear (&result);
}

static void
test_bad_url (void)
{
  g_autofree char *store_path = xa_test_path ("store.db");
  RunResult result;

  result = run_app ((const char * const[]) { "--sync-only", "--server", "records.example",
                                             "--token", "t", "--store", store_path, NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_true (g_str_has_prefix (result.err, "xiaoqu-atlas: "));
  g_assert_nonnull (strstr (result.err, "records.example"));
  g_assert_nonnull (strstr (result.err, "http://"));
  run_result_clear (&result);
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  /* Bind, read the port, close: nothing listens there afterwards. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_unreachable (void)
{
  g_autofree char *store_path = xa_test_path ("store.db");
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  RunResult result;

  result = run_app ((const char * const[]) { "--sync-only", "--server", url, "--token", "t",
                                             "--store", store_path, NULL });
  g_assert_cmpint (result.status, ==, 1);
  g_assert_true (g_str_has_prefix (result.err, "xiaoqu-atlas: "));
  g_assert_nonnull (strstr (result.err, url));
  g_assert_nonnull (strstr (result.err, "Check the network connection"));
  run_result_clear (&result);
}

static void
test_usage (void)
{
  RunResult result;

  result = run_app ((const char * const[]) { "--sync-only", NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "--server"));
  run_result_clear (&result);

  result = run_app ((const char * const[]) { "--sync-only", "--demo", "--server",
                                             "http://127.0.0.1:1", NULL });
  g_assert_cmpint (result.status, ==, 2);
  run_result_clear (&result);

  result = run_app ((const char * const[]) { "--no-such-option", NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "no-such-option"));
  run_result_clear (&result);

  result = run_app ((const char * const[]) { "--version", NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "xiaoqu-atlas " PACKAGE_VERSION "\n");
  run_result_clear (&result);
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

  ret = g_test_run ();
  g_clear_pointer (&demo_server, xa_test_server_free);
  return ret;
}
