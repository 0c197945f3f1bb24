/* xa-test-util.c — see xa-test-util.h. Each test program gets its own throw-away home so
 * tests never touch a real user's store, settings or tile cache. */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <string.h>
#include <unistd.h>

#include "xa-records.h"
#include "xa-sync-client.h"
#include "xa-test-feed.h"
#include "xa-test-util.h"
#include "xa-test-store.h"

static char *test_tmpdir;
static guint path_counter;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        if (g_file_test (child, G_FILE_TEST_IS_DIR)
            && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
cleanup_tmpdir (void)
{
  if (test_tmpdir != NULL && g_getenv ("XA_TEST_KEEP_TMP") == NULL)
    remove_tree (test_tmpdir);
}

void
xa_test_init (int    *argc,
              char ***argv)
{
  static const char *subdirs[][2] = {
    { "HOME", "home" },
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_STATE_HOME", "state" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };

  g_test_init (argc, argv, NULL);

  test_tmpdir = g_dir_make_tmp ("xiaoqu-test-XXXXXX", NULL);
  g_assert_nonnull (test_tmpdir);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir = g_build_filename (test_tmpdir, subdirs[i][1], NULL);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (subdirs[i][0], dir, TRUE);
    }
  atexit (cleanup_tmpdir);
}

const char *
xa_test_tmpdir (void)
{
  return test_tmpdir;
}

char *
xa_test_path (const char *name)
{
  return g_strdup_printf ("%s/%s-%u", test_tmpdir, name, ++path_counter);
}

/* A server outlives nothing: when a test aborts, the kernel ends its children too. */
void
xa_test_die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static const char *
server_binary (void)
{
  const char *path = g_getenv ("XIAOQU_SERVER");

  g_assert_nonnull (path);
  return path;
}

/* Holds that @secret is nowhere in the command line of @process, as `ps` shows it. */
static void
assert_not_on_command_line (GSubprocess *process,
                            const char  *secret)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/cmdline",
                                           g_subprocess_get_identifier (process));
  g_autofree char *cmdline = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &cmdline, &length, NULL));
  for (gsize i = 0; i < length; i++)
    if (cmdline[i] == '\0')
      cmdline[i] = ' ';
  g_assert_null (strstr (cmdline, secret));
}

/* The window tests run under AddressSanitizer with slow unwinding (their leak suppressions
 * need whole stacks), and their children inherited it: a demo server made and served its
 * 39,000 records, and a --sync-only child parsed them, unwinding the whole stack at every
 * malloc. Neither child draws with GTK: like in the other tests, they are held to the
 * sanitizers with the fast unwinder. */
char *
xa_test_asan_options_fast_unwind (void)
{
  const char *options = g_getenv ("ASAN_OPTIONS");
  GString *fast;

  if (options == NULL || strstr (options, "fast_unwind_on_malloc=0") == NULL)
    return NULL;
  fast = g_string_new (options);
  g_string_replace (fast, "fast_unwind_on_malloc=0", "fast_unwind_on_malloc=1", 0);
  return g_string_free (fast, FALSE);
}

static void
unwind_children_fast (GSubprocessLauncher *launcher)
{
  g_autofree char *fast = xa_test_asan_options_fast_unwind ();

  if (fast != NULL)
    g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", fast, TRUE);
}

XaTestServer *
xa_test_server_start (const char         *db_path,
                      const char * const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  XaTestServer *server = g_new0 (XaTestServer, 1);

  server->token = g_strdup ("test-token");
  server->db_path = g_strdup (db_path);

  g_ptr_array_add (argv, (gpointer) server_binary ());
  g_ptr_array_add (argv, (gpointer) "--port");
  g_ptr_array_add (argv, (gpointer) "0");
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db_path);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "XIAOQU_SERVER_TOKEN", server->token, TRUE);
  unwind_children_fast (launcher);
  g_subprocess_launcher_set_child_setup (launcher, xa_test_die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher,
                                                  (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://"));
  if (g_str_has_suffix (line, "/"))
    line[strlen (line) - 1] = '\0';
  server->base_url = g_steal_pointer (&line);
  assert_not_on_command_line (server->process, server->token);
  return server;
}

void
xa_test_server_stop (XaTestServer *server,
                     gboolean      hard)
{
  if (server->process == NULL)
    return;
  g_subprocess_send_signal (server->process, hard ? SIGKILL : SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

void
xa_test_server_free (XaTestServer *server)
{
  if (server == NULL)
    return;
  xa_test_server_stop (server, TRUE);
  g_free (server->base_url);
  g_free (server->token);
  g_free (server->db_path);
  g_free (server);
}

void
xa_test_server_run_admin (const char * const *args)
{
  XaTestRun run = xa_test_run_server (args);

  g_assert_cmpint (run.status, ==, 0);
  xa_test_run_clear (&run);
}

void
xa_test_server_put (const char *db,
                    const char *type,
                    const char *id,
                    const char *json)
{
  const char * const args[] = { "--db", db, "--put", type, id, json, NULL };

  xa_test_server_run_admin (args);
}

void
xa_test_server_put_small_city (const char *db)
{
  xa_test_server_put (db, "district", "371302", XA_TEST_DISTRICT_JSON);
  xa_test_server_put (db, "category", "K1", XA_TEST_CATEGORY_JSON);
  xa_test_server_put (db, "compound", "C1", XA_TEST_COMPOUND_JSON);
  xa_test_server_put (db, "elevator", "E1", XA_TEST_ELEVATOR_JSON);
}

void
xa_test_server_put_small_city_problems (const char *db)
{
  xa_test_server_put_small_city (db);
  xa_test_server_put (db, "problem", "P-open", XA_TEST_PROBLEM_JSON ("open", ""));
  xa_test_server_put (db, "problem", "P-closed",
       XA_TEST_PROBLEM_JSON ("closed", ", \"resolved_at\": \"2026-11-03T10:00:00+08:00\""));
}

/* A server started with "--demo" and @extra_args (may be NULL) on a new database. */
static XaTestServer *
demo_server_start (const char * const *extra_args)
{
  g_autofree char *server_db = xa_test_path ("demo-server.db");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "--demo");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra_args[i]);
  g_ptr_array_add (args, NULL);
  return xa_test_server_start (server_db, (const char * const *) args->pdata);
}

XaTestServer *
xa_test_demo_server_start (void)
{
  return demo_server_start (NULL);
}

XaTestServer *
xa_test_synthetic_server_start (guint n_records)
{
  g_autofree char *db = xa_test_path ("synthetic.db");
  g_autofree char *n = g_strdup_printf ("%u", n_records);

  return xa_test_server_start (db, (const char * const[]) { "--synthetic", n, NULL });
}

char *
xa_test_sync_demo_serving (const char          *name,
                           const char * const  *extra_args,
                           XaTestFeed         **feed,
                           XaTestServer       **out_server)
{
  char *store_path = xa_test_path (name);
  g_autoptr(XaSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  XaTestServer *server;
  XaSyncResult result;

  /* The sync runs in this thread while the server is another process. */
  server = demo_server_start (extra_args);
  client = xa_sync_client_new (server->base_url, server->token);
  xa_sync_client_sync (client, store_path, NULL, &result, &error);
  g_assert_no_error (error);
  if (feed != NULL)
    *feed = xa_test_feed_fetch (server->base_url, server->token);
  if (out_server != NULL)
    *out_server = server;
  else
    xa_test_server_free (server);
  return store_path;
}

char *
xa_test_sync_only_demo_serving (const char          *name,
                                const char * const  *extra_args,
                                XaTestServer       **out_server)
{
  char *store_path = xa_test_path (name);

  *out_server = demo_server_start (extra_args);
  xa_test_sync_only_ok (*out_server, store_path);
  return store_path;
}

char *
xa_test_sync_demo (const char          *name,
                   const char * const  *extra_args,
                   XaTestFeed         **feed)
{
  return xa_test_sync_demo_serving (name, extra_args, feed, NULL);
}

guint16
xa_test_closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

/* Runs @binary with @args (NULL-terminated) from @launcher to its end and keeps what it
 * wrote: the one way both binaries are run to completion. */
static XaTestRun
run_to_end (GSubprocessLauncher *launcher,
            const char          *binary,
            const char * const  *args)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  XaTestRun run = { 0 };

  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run.status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run.status, run.out, run.err);
  return run;
}

static GSubprocessLauncher *
piped_launcher (void)
{
  return g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                    G_SUBPROCESS_FLAGS_STDERR_PIPE);
}

static GSubprocessLauncher *
app_launcher (void)
{
  GSubprocessLauncher *launcher = piped_launcher ();

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "XIAOQU_ATLAS_TOKEN");
  unwind_children_fast (launcher);
  return launcher;
}

XaTestRun
xa_test_run_app (const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = app_launcher ();
  const char *atlas = g_getenv ("XIAOQU_ATLAS");

  g_assert_nonnull (atlas);
  return run_to_end (launcher, atlas, args);
}

XaTestRun
xa_test_run_app_in_locale (const char         *locale,
                           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = app_launcher ();
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po",
                                                 NULL);
  const char *atlas = g_getenv ("XIAOQU_ATLAS");

  g_assert_nonnull (atlas);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", locale, TRUE);
  g_subprocess_launcher_setenv (launcher, "XA_LOCALEDIR", localedir, TRUE);
  return run_to_end (launcher, atlas, args);
}

/* In the child, before exec: async-signal-safe calls only. */
static void
limit_file_size (gpointer user_data)
{
  const struct rlimit limit = { *(const guint64 *) user_data, *(const guint64 *) user_data };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

XaTestRun
xa_test_run_app_file_limit (const char * const *args,
                            guint64             max_file_bytes)
{
  g_autoptr(GSubprocessLauncher) launcher = app_launcher ();
  const char *atlas = g_getenv ("XIAOQU_ATLAS");

  g_assert_nonnull (atlas);
  g_subprocess_launcher_set_child_setup (launcher, limit_file_size, &max_file_bytes, NULL);
  return run_to_end (launcher, atlas, args);
}

XaTestRun
xa_test_run_server (const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = piped_launcher ();

  return run_to_end (launcher, server_binary (), args);
}

XaTestRun
xa_test_run_sync_only (const char *server_url,
                       const char *token,
                       const char *store_path)
{
  return xa_test_run_app ((const char * const[]) { "--sync-only", "--server", server_url,
                                                   "--store", store_path,
                                                   token != NULL ? "--token" : NULL, token,
                                                   NULL });
}

void
xa_test_sync_only_ok (XaTestServer *server,
                      const char   *store_path)
{
  XaTestRun run = xa_test_run_sync_only (server->base_url, server->token, store_path);

  g_assert_cmpint (run.status, ==, 0);
  xa_test_run_clear (&run);
}

void
xa_test_run_clear (XaTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

double
xa_test_rss_mib (void)
{
  g_autofree char *statm = NULL;
  long pages = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL)
      || sscanf (statm, "%ld %ld", &pages, &resident) != 2)
    return 0;
  return resident * (double) sysconf (_SC_PAGESIZE) / (1024 * 1024);
}

int
xa_test_compare_doubles (gconstpointer a,
                         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

gint64
xa_test_parse_time (const char *iso)
{
  gint64 t = 0;

  g_assert_true (xa_parse_time (iso, &t));
  return t;
}

GPtrArray *
xa_test_parse_changes (const char *json_changes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) xa_change_free);
  JsonArray *array;

  json_parser_load_from_data (parser, json_changes, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      XaChange *change = xa_test_change_parse (json_array_get_element (array, i), &error);

      g_assert_no_error (error);
      g_ptr_array_add (changes, change);
    }
  return changes;
}

static int
compare_rows (const char **a,
              const char **b)
{
  return strcmp (*a, *b);
}

void
xa_test_store_cut_agendas (char *dump)
{
  static const char agenda_tables[] = "[agenda]\n[agenda_decision]\n[agenda_item]\n";

  /* Version 7's keys of edits imported from meeting packs: the bureau's own too. */
  static const char imported[] = "[imported_edit]\n";
  char *at;

  g_assert_true (g_str_has_prefix (dump, agenda_tables));
  memmove (dump, dump + strlen (agenda_tables), strlen (dump) - strlen (agenda_tables) + 1);
  at = strstr (dump, imported);
  g_assert_nonnull (at);
  memmove (at, at + strlen (imported), strlen (at) - strlen (imported) + 1);
}

void
xa_test_sqlite_exec (const char *path,
                     const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

char *
xa_test_store_dump (const char *path)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* The R*Tree's shadow tables follow from the compounds; the table itself is dumped. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE "
                                           "'compound_position_%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ", table);
      int rc;

      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      g_string_append_printf (dump, "[%s]\n", table);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              int type = sqlite3_column_type (stmt, c);

              g_string_append_printf (row, "%s%d:", c > 0 ? "|" : "", type);
              if (type == SQLITE_BLOB)
                {
                  const guint8 *blob = sqlite3_column_blob (stmt, c);

                  for (int b = 0; b < sqlite3_column_bytes (stmt, c); b++)
                    g_string_append_printf (row, "%02x", blob[b]);
                }
              else if (type != SQLITE_NULL)
                g_string_append (row, (const char *) sqlite3_column_text (stmt, c));
            }
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      /* Rows in one order whatever the table's key. */
      g_ptr_array_sort (rows, (GCompareFunc) compare_rows);
      for (guint r = 0; r < rows->len; r++)
        g_string_append_printf (dump, "%s\n", (const char *) g_ptr_array_index (rows, r));
      g_assert_cmpint (rc, ==, SQLITE_DONE);
      g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

char *
xa_test_group_thousands (guint64 value)
{
  GString *out = g_string_new (NULL);
  guint digits = 0;

  /* From the last digit up, a comma before each further group of three. */
  do
    {
      if (digits > 0 && digits % 3 == 0)
        g_string_prepend_c (out, ',');
      g_string_prepend_c (out, (char) ('0' + value % 10));
      value /= 10;
      digits++;
    }
  while (value > 0);
  return g_string_free (out, FALSE);
}

GBytes *
xa_test_damage_store (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  gsize pages, start;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  pages = length / 4096;
  /* Leave the first page (the header) and the tables' roots near the start alone. */
  g_assert_cmpuint (pages, >=, 16);
  start = (pages / 2) * 4096;
  for (gsize i = 0; i < 4 * 4096; i++)
    contents[start + i] = (char) (i % 2 == 0 ? 0xde : 0xad);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

void
xa_test_sync_ok (XaTestServer *server,
                 const char   *store_path)
{
  g_autoptr(XaSyncClient) client = xa_sync_client_new (server->base_url, server->token);
  g_autoptr(GError) error = NULL;
  XaSyncResult result = { 0 };

  g_assert_true (xa_sync_client_sync (client, store_path, NULL, &result, &error));
  g_assert_no_error (error);
}
