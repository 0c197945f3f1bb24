/* test-keyring.c — XaKeyring against a real Secret Service: every test starts its own
 * session bus and, unless it tests the missing keyring, its own gnome-keyring-daemon,
 * unlocked, in a fresh home. Also `xiaoqu-atlas --sync-only` taking its token from the
 * keyring, and going on without one when there is no keyring. */
#include "config.h"

#include <libsecret/secret.h>
#include <locale.h>
#include <string.h>

#include "xa-keyring.h"
#include "xa-test-keyring.h"
#include "xa-test-util.h"

#define SERVER_A "https://records-a.example.gov.cn"
#define SERVER_B "https://records-b.example.gov.cn:8443/city"

/* Every log line the library writes while a test runs, to check no secret is in one. */
static GString *log_text;

static GLogWriterOutput
capture_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      g_string_append_printf (log_text, "%s\n", (const char *) fields[i].value);
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
assert_token (const char *server,
              const char *expected)
{
  g_autofree char *token = xa_test_keyring_lookup_secret (XA_SECRET_ACCESS_TOKEN, server, NULL);

  g_assert_cmpstr (token, ==, expected);
}

static void
test_normalize (void)
{
  static const char *cases[][2] = {
    { "https://records.example.gov.cn", "https://records.example.gov.cn" },
    { "HTTPS://Records.Example.gov.cn/", "https://records.example.gov.cn" },
    { "  https://records.example.gov.cn//  ", "https://records.example.gov.cn" },
    { "https://records.example.gov.cn:443/", "https://records.example.gov.cn" },
    { "http://127.0.0.1:8080/api/", "http://127.0.0.1:8080/api" },
    { "https://user:secret@records.example.gov.cn/", "https://records.example.gov.cn" },
    { "not a url/", "not a url" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = xa_keyring_normalize_server (cases[i][0]);

      g_assert_cmpstr (normalized, ==, cases[i][1]);
    }
}

static void
test_store_lookup_replace_clear (void)
{
  g_autoptr(XaTestKeyring) keyring = xa_test_keyring_start (TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *no_prompt = NULL;

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

  /* Nothing kept yet: no error, no token. */
  assert_token (SERVER_A, NULL);

  xa_test_keyring_store_secret (XA_SECRET_ACCESS_TOKEN, SERVER_A, "first-Token-9f3b", NULL);
  assert_token (SERVER_A, "first-Token-9f3b");
  /* The same server written differently finds the same token. */
  assert_token ("HTTPS://Records-A.example.gov.cn/", "first-Token-9f3b");

  /* Storing again replaces, it does not add a second item. */
  xa_test_keyring_store_secret (XA_SECRET_ACCESS_TOKEN, SERVER_A "/", "second-Token-77aa", NULL);
  assert_token (SERVER_A, "second-Token-77aa");

  /* The command line's lookup, which never prompts, sees the unlocked item too. */
  no_prompt = xa_keyring_lookup_sync (XA_SECRET_ACCESS_TOKEN, SERVER_A,
                                      XA_KEYRING_LOOKUP_NO_PROMPT, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (no_prompt, ==, "second-Token-77aa");

  xa_test_keyring_clear_secret (XA_SECRET_ACCESS_TOKEN, SERVER_A, NULL);
  assert_token (SERVER_A, NULL);
  /* Clearing what is not kept is not an error. */
  xa_test_keyring_clear_secret (XA_SECRET_ACCESS_TOKEN, SERVER_A, NULL);

  /* Tokens never reach a log line, even with every debug message on. */
  g_assert_null (strstr (log_text->str, "first-Token"));
  g_assert_null (strstr (log_text->str, "second-Token"));
  g_unsetenv ("G_MESSAGES_DEBUG");
}

static void
test_two_servers (void)
{
  g_autoptr(XaTestKeyring) keyring = xa_test_keyring_start (TRUE);

  xa_test_keyring_store_secret (XA_SECRET_ACCESS_TOKEN, SERVER_A, "token-a", NULL);
  xa_test_keyring_store_secret (XA_SECRET_ACCESS_TOKEN, SERVER_B, "token-b", NULL);
  assert_token (SERVER_A, "token-a");
  assert_token (SERVER_B, "token-b");
  /* The same host on another path or port is another server. */
  assert_token ("https://records-b.example.gov.cn/city", NULL);
  assert_token ("https://records-b.example.gov.cn:8443", NULL);

  xa_test_keyring_clear_secret (XA_SECRET_ACCESS_TOKEN, SERVER_A, NULL);
  assert_token (SERVER_A, NULL);
  assert_token (SERVER_B, "token-b");
}

static void
test_tianditu_key (void)
{
  g_autoptr(XaTestKeyring) keyring = xa_test_keyring_start (TRUE);
  g_autofree char *key = NULL;

  xa_test_keyring_store_secret (XA_SECRET_ACCESS_TOKEN, SERVER_A, "token-a", NULL);
  key = xa_test_keyring_lookup_secret (XA_SECRET_TIANDITU_KEY, NULL, NULL);
  g_assert_null (key);

  xa_test_keyring_store_secret (XA_SECRET_TIANDITU_KEY, NULL, "0123456789abcdef0123456789abcdef",
                                NULL);
  key = xa_test_keyring_lookup_secret (XA_SECRET_TIANDITU_KEY, NULL, NULL);
  g_assert_cmpstr (key, ==, "0123456789abcdef0123456789abcdef");
  g_clear_pointer (&key, g_free);
  assert_token (SERVER_A, "token-a");

  /* Forgetting the key keeps the token, and the other way round. */
  xa_test_keyring_clear_secret (XA_SECRET_TIANDITU_KEY, NULL, NULL);
  key = xa_test_keyring_lookup_secret (XA_SECRET_TIANDITU_KEY, NULL, NULL);
  g_assert_null (key);
  assert_token (SERVER_A, "token-a");

  xa_test_keyring_store_secret (XA_SECRET_TIANDITU_KEY, NULL, "second-key", NULL);
  xa_test_keyring_clear_secret (XA_SECRET_ACCESS_TOKEN, SERVER_A, NULL);
  key = xa_test_keyring_lookup_secret (XA_SECRET_TIANDITU_KEY, NULL, NULL);
  g_assert_cmpstr (key, ==, "second-key");
}

static void
assert_unavailable (const GError *error)
{
  g_assert_error (error, XA_KEYRING_ERROR, XA_KEYRING_ERROR_UNAVAILABLE);
  g_test_message ("%s", error->message);
  /* The message says what to do and what happens meanwhile. */
  g_assert_nonnull (strstr (error->message, "GNOME Keyring"));
  g_assert_nonnull (strstr (error->message, "Secret Service"));
  g_assert_nonnull (strstr (error->message, "until Xiaoqu Atlas quits"));
}

static void
check_every_call_unavailable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  g_assert_false (xa_test_keyring_store_secret (XA_SECRET_ACCESS_TOKEN, SERVER_A, "token-a",
                                                &error));
  assert_unavailable (error);
  g_assert_null (strstr (error->message, "token-a"));
  g_clear_error (&error);

  token = xa_test_keyring_lookup_secret (XA_SECRET_ACCESS_TOKEN, SERVER_A, &error);
  g_assert_null (token);
  assert_unavailable (error);
  g_clear_error (&error);

  token = xa_keyring_lookup_sync (XA_SECRET_ACCESS_TOKEN, SERVER_A, XA_KEYRING_LOOKUP_NO_PROMPT,
                                  10, &error);
  g_assert_null (token);
  assert_unavailable (error);
  g_clear_error (&error);

  g_assert_false (xa_test_keyring_clear_secret (XA_SECRET_TIANDITU_KEY, NULL, &error));
  g_assert_error (error, XA_KEYRING_ERROR, XA_KEYRING_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "Tianditu key"));
}

/* A session bus where nobody owns org.freedesktop.secrets. */
static void
test_no_secret_service (void)
{
  g_autoptr(XaTestKeyring) keyring = xa_test_keyring_start (FALSE);

  check_every_call_unavailable ();
}

/* No session bus at all: a desktop without D-Bus, or a cron job. */
static void
test_no_bus (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_autofree char *address = g_strdup_printf ("unix:path=%s/no-such-bus", xa_test_tmpdir ());

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  check_every_call_unavailable ();
  secret_service_disconnect ();
  if (saved != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", saved, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
}

/* A locked keyring is "no keyring" for the command line, which must never prompt. */
static void
test_locked (void)
{
  g_autoptr(XaTestKeyring) keyring = xa_test_keyring_start (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autofree char *token = NULL;
  GList *objects;

  xa_test_keyring_store_secret (XA_SECRET_ACCESS_TOKEN, SERVER_A, "token-a", NULL);

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects = g_list_append (NULL, collection);
  secret_service_lock_sync (service, objects, NULL, NULL, &error);
  g_list_free (objects);
  g_assert_no_error (error);
  g_assert_true (secret_collection_get_locked (collection));

  token = xa_keyring_lookup_sync (XA_SECRET_ACCESS_TOKEN, SERVER_A, XA_KEYRING_LOOKUP_NO_PROMPT,
                                  10, &error);
  g_assert_null (token);
  g_assert_error (error, XA_KEYRING_ERROR, XA_KEYRING_ERROR_UNAVAILABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "locked"));
}

/* Runs `xiaoqu-atlas --sync-only` against @server, with --token when @token is set. */
static XaTestRun
run_sync_only (const char *server_url,
               const char *token)
{
  g_autofree char *store_path = xa_test_path ("store.db");

  return xa_test_run_sync_only (server_url, token, store_path);
}

static void
test_command_line (void)
{
  g_autofree char *server_db = xa_test_path ("server.db");
  XaTestServer *server = xa_test_server_start (server_db, NULL);
  XaTestRun result;

  {
    g_autoptr(XaTestKeyring) keyring = xa_test_keyring_start (TRUE);

    /* The token saved for the server is used when --token is not given. */
    xa_test_keyring_store_secret (XA_SECRET_ACCESS_TOKEN, server->base_url, server->token, NULL);
    result = run_sync_only (server->base_url, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_true (g_str_has_prefix (result.out, "Synced "));
    g_assert_cmpstr (result.err, ==, "");
    xa_test_run_clear (&result);

    /* --token still wins over the keyring. */
    result = run_sync_only (server->base_url, "not-the-token");
    g_assert_cmpint (result.status, ==, 1);
    g_assert_null (strstr (result.err, "keyring"));
    xa_test_run_clear (&result);

    /* A saved token the server refuses is named as the one to replace, never echoed. */
    xa_test_keyring_store_secret (XA_SECRET_ACCESS_TOKEN, server->base_url, "stale-token", NULL);
    result = run_sync_only (server->base_url, NULL);
    g_assert_cmpint (result.status, ==, 1);
    g_assert_nonnull (strstr (result.err, "saved in the keyring"));
    g_assert_null (strstr (result.err, "stale-token"));
    xa_test_run_clear (&result);
  }

  {
    g_autoptr(XaTestKeyring) keyring = xa_test_keyring_start (FALSE);

    /* No keyring: --token works as before, and nothing is said about the keyring. */
    result = run_sync_only (server->base_url, server->token);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.err, ==, "");
    xa_test_run_clear (&result);

    /* No keyring and no --token: the sync goes on and, as the server wants a token,
     * the message says the keyring could not be read and what to do. */
    result = run_sync_only (server->base_url, NULL);
    g_assert_cmpint (result.status, ==, 1);
    g_assert_nonnull (strstr (result.err, "--token"));
    g_assert_nonnull (strstr (result.err, "none could be read from the keyring"));
    g_assert_nonnull (strstr (result.err, "Secret Service"));
    xa_test_run_clear (&result);
  }

  xa_test_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  xa_test_init (&argc, &argv);
  log_text = g_string_new (NULL);
  /* Set once: GLib allows one writer per process. What it passes on goes to stderr, so that
   * the debug messages /keyring/store-lookup-replace-clear turns on stay out of the TAP
   * stream on stdout. */
  g_log_set_writer_func (capture_log_writer, NULL, NULL);
  g_log_writer_default_set_use_stderr (TRUE);

  g_test_add_func ("/keyring/normalize", test_normalize);
  g_test_add_func ("/keyring/store-lookup-replace-clear", test_store_lookup_replace_clear);
  g_test_add_func ("/keyring/two-servers", test_two_servers);
  g_test_add_func ("/keyring/tianditu-key", test_tianditu_key);
  g_test_add_func ("/keyring/no-secret-service", test_no_secret_service);
  g_test_add_func ("/keyring/no-bus", test_no_bus);
  g_test_add_func ("/keyring/locked", test_locked);
  g_test_add_func ("/keyring/command-line", test_command_line);

  return g_test_run ();
}
