/* main.c — xiaoqu-server: serves the municipal records API from a sqlite file, or runs one
 * admin command on that file and exits (--put, --delete, --compact, --stats). The first
 * line on stdout is the base URL, so a parent process (the app's demo, the tests) can start
 * it on port 0 and learn where it listens. */
#include "config.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "xa-calendar.h"
#include "xs-database.h"
#include "xs-demo-city.h"
#include "xs-server.h"
#include "xs-simulator.h"
#include "xs-synthetic.h"

#define EXIT_USAGE 2
#define TOKEN_ENV  "XIAOQU_SERVER_TOKEN"
#define REQUEST_SECONDS 120

typedef struct
{
  gboolean  demo;
  char     *db;
  int       port;
  char     *token;
  char     *token_file;
  char     *listen;
  gboolean  simulate;
  int       simulate_interval;
  int       timeout;
  char     *seed;
  char     *demo_now;
  char     *synthetic;
  gboolean  put;
  gboolean  delete;
  gboolean  compact;
  gboolean  stats;
} Options;

typedef struct
{
  XsDatabase *database;
  guint64     n_records;
  GError     *error;
} DemoLoad;

static void
demo_sink (const char *type,
           const char *id,
           JsonObject *data,
           gpointer    user_data)
{
  DemoLoad *load = user_data;

  if (load->error != NULL)
    return;
  if (xs_database_put (load->database, type, id, data, &load->error) > 0)
    load->n_records++;
}

static gboolean
load_demo (XsDatabase  *database,
           guint32      seed,
           gint64       when,
           GError     **error)
{
  DemoLoad load = { database, 0, NULL };
  gint64 start = g_get_monotonic_time ();

  if (!xs_database_begin (database, error))
    return FALSE;
  xs_demo_city_generate_at (seed, when, demo_sink, &load);
  if (load.error != NULL)
    {
      xs_database_rollback (database);
      g_propagate_prefixed_error (error, load.error, "The demo city could not be stored: ");
      return FALSE;
    }
  if (!xs_database_commit (database, error))
    return FALSE;
  {
    g_autofree char *dated = xa_calendar_format (xs_demo_city_now_for (when),
                                                 "%Y-%m-%dT%H:%M%:z");

    g_printerr ("demo city (seed %u, as of %s): %" G_GUINT64_FORMAT " records in %.2f s\n",
                seed, dated, load.n_records, (g_get_monotonic_time () - start) / 1e6);
  }
  return TRUE;
}

/* --demo-now: "today" is this instant; anything else an ISO 8601 time with its offset, since
 * a time without one would depend on the zone the server happens to run in. */
static gboolean
parse_demo_now (const char *text,
                gint64     *out)
{
  g_autoptr(GDateTime) time = NULL;

  if (g_str_equal (text, "today"))
    {
      *out = g_get_real_time () / G_USEC_PER_SEC;
      return TRUE;
    }
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return FALSE;
  *out = g_date_time_to_unix (time);
  return TRUE;
}

static int
fail (const char *message,
      int         code)
{
  g_printerr ("xiaoqu-server: %s\n", message);
  return code;
}

/* Admin commands: one change or one report, then exit, while a server may be serving the
 * same file (WAL lets them share it). */
static int
run_admin (Options  *o,
           char    **args,
           int       n_args)
{
  g_autoptr(XsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  if ((o->put && n_args != 3) || (o->delete && n_args != 2) ||
      ((o->compact || o->stats) && n_args != 0))
    return fail (o->put ? "--put takes TYPE ID JSON_DATA, for example: --put district 371302 "
                          "'{\"code\": \"371302\", \"name\": \"兰山区\", "
                          "\"lat\": 35.05, \"lon\": 118.34}'"
                 : o->delete ? "--delete takes TYPE ID, for example: --delete compound C0001"
                 : "--compact and --stats take no further arguments", EXIT_USAGE);

  database = xs_database_open (o->db, &error);
  if (database == NULL)
    return fail (error->message, EXIT_FAILURE);

  if (o->put)
    {
      g_autoptr(JsonNode) node = NULL;
      gint64 seq;

      /* The text as given, before json-glib reads it: the client reads this text, not
       * what json-glib would make of it. */
      if (!xs_database_check_record (args[0], args[1], args[2], &error))
        {
          g_autofree char *message = g_strdup_printf ("the record was not stored, because no "
                                                      "client could accept it: %s",
                                                      error->message);
          return fail (message, EXIT_FAILURE);
        }
      node = json_from_string (args[2], &error);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *message = g_strdup_printf ("JSON_DATA must be a JSON object: %s",
                                                      error ? error->message
                                                      : "it is not an object");
          return fail (message, EXIT_USAGE);
        }
      seq = xs_database_put (database, args[0], args[1], json_node_get_object (node), &error);
      if (seq == 0)
        return fail (error->message, EXIT_FAILURE);
      g_printerr ("put %s %s: seq %" G_GINT64_FORMAT "\n", args[0], args[1], seq);
    }
  else if (o->delete)
    {
      guint n = xs_database_delete (database, args[0], args[1], &error);

      if (n == 0)
        return fail (error->message, EXIT_FAILURE);
      g_printerr ("deleted %s %s: %u changes\n", args[0], args[1], n);
    }
  else if (o->compact)
    {
      gint64 horizon, max_seq;

      if (!xs_database_get_positions (database, &horizon, &max_seq, &error) ||
          !xs_database_compact (database, max_seq + 1, &error))
        return fail (error->message, EXIT_FAILURE);
      g_printerr ("compacted below seq %" G_GINT64_FORMAT "\n", max_seq + 1);
    }
  else
    {
      g_autofree XsTypeCount *counts = NULL;
      gint64 horizon, max_seq;
      guint n_types;

      counts = xs_database_count_types (database, &n_types, &error);
      if (counts == NULL || !xs_database_get_positions (database, &horizon, &max_seq, &error))
        return fail (error->message, EXIT_FAILURE);
      g_print ("epoch %s, last seq %" G_GINT64_FORMAT ", horizon %" G_GINT64_FORMAT "\n",
               xs_database_get_epoch (database), max_seq, horizon);
      for (guint i = 0; i < n_types; i++)
        g_print ("%-12s %10" G_GINT64_FORMAT " live %10" G_GINT64_FORMAT " deleted\n",
                 counts[i].type, counts[i].live, counts[i].deleted);
    }
  return EXIT_SUCCESS;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* The token clients must send: --token, --token-file or $XIAOQU_SERVER_TOKEN (which
 * keep it out of the process list), or the demo's. @out_source says where it came from, in
 * words that may be printed: the token itself never is. */
static char *
find_token (Options     *o,
            char       **out_source,
            GError     **error)
{
  const char *env = g_getenv (TOKEN_ENV);
  g_autofree char *token = NULL;

  if (o->token != NULL && o->token_file != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "use one of --token and --token-file");
      return NULL;
    }
  if (o->token_file != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      GStatBuf st;

      if (!g_file_get_contents (o->token_file, &token, NULL, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       "--token-file: %s", local_error->message);
          return NULL;
        }
      g_strstrip (token);
      if (g_stat (o->token_file, &st) == 0 && (st.st_mode & 0077) != 0)
        g_printerr ("xiaoqu-server: warning: other users can read %s; make it private "
                    "(chmod 600)\n", o->token_file);
      *out_source = g_strdup_printf ("the file %s", o->token_file);
    }
  else if (o->token != NULL)
    {
      token = g_strdup (o->token);
      *out_source = g_strdup ("--token (shown in the process list: prefer --token-file or "
                              TOKEN_ENV ")");
    }
  else if (env != NULL)
    {
      token = g_strdup (env);
      *out_source = g_strdup ("the environment (" TOKEN_ENV ")");
    }
  else if (o->demo)
    {
      token = g_strdup ("demo");
      *out_source = g_strdup ("the default of --demo (see --help)");
    }
  else
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "no token: a server without --demo needs the token clients must "
                           "send (--token-file FILE, or " TOKEN_ENV ")");
      return NULL;
    }
  /* Nothing this process starts needs it. */
  g_unsetenv (TOKEN_ENV);
  if (token[0] == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "the token from %s is empty",
                   *out_source);
      g_clear_pointer (out_source, g_free);
      return NULL;
    }
  return g_steal_pointer (&token);
}

static int
run_server (Options *o)
{
  g_autoptr(XsDatabase) database = NULL;
  g_autoptr(XsServer) server = NULL;
  g_autoptr(XsSimulator) simulator = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_source = NULL;
  guint64 seed = XS_DEMO_CITY_DEFAULT_SEED, n_synthetic = 0;
  gint64 demo_now = xs_demo_city_default_now ();
  gboolean empty;
  guint sigterm_id, sigint_id;

  token = find_token (o, &token_source, &error);
  if (token == NULL)
    return fail (error->message, EXIT_USAGE);
  if (o->port < 0 || o->port > 65535)
    return fail ("--port must be from 0 (any free port) to 65535", EXIT_USAGE);
  if (o->timeout < 1 || o->timeout > 3600)
    return fail ("--timeout must be from 1 to 3600 seconds", EXIT_USAGE);
  if (o->simulate_interval < 1)
    return fail ("--simulate-interval must be at least 1 second", EXIT_USAGE);
  if (o->seed != NULL && !g_ascii_string_to_unsigned (o->seed, 10, 0, G_MAXUINT32, &seed, NULL))
    return fail ("--seed must be a whole number from 0 to 4294967295", EXIT_USAGE);
  if (o->synthetic != NULL &&
      !g_ascii_string_to_unsigned (o->synthetic, 10, 1, G_GUINT64_CONSTANT (100000000),
                                   &n_synthetic, NULL))
    return fail ("--synthetic must be a number of records from 1 to 100000000", EXIT_USAGE);
  if (o->synthetic != NULL && o->demo)
    return fail ("--synthetic and --demo each fill the database: use one of them", EXIT_USAGE);
  if (o->demo_now != NULL && !o->demo)
    return fail ("--demo-now dates the demo city: use it with --demo", EXIT_USAGE);
  if (o->demo_now != NULL && !parse_demo_now (o->demo_now, &demo_now))
    return fail ("--demo-now takes “today” or a time with its offset, for example "
                 "2026-11-25T10:00:00+08:00", EXIT_USAGE);

  database = xs_database_open (o->db, &error);
  if (database == NULL)
    return fail (error->message, EXIT_FAILURE);
  if (!xs_database_is_empty (database, &empty, &error))
    return fail (error->message, EXIT_FAILURE);
  if (empty && o->demo && !load_demo (database, (guint32) seed, demo_now, &error))
    return fail (error->message, EXIT_FAILURE);
  if (empty && n_synthetic > 0)
    {
      gint64 start = g_get_monotonic_time ();

      if (!xs_synthetic_fill (database, n_synthetic, &error))
        return fail (error->message, EXIT_FAILURE);
      g_printerr ("synthetic: %" G_GUINT64_FORMAT " records in %.2f s\n", n_synthetic,
                  (g_get_monotonic_time () - start) / 1e6);
    }
  else if (!empty && (o->demo || n_synthetic > 0))
    g_printerr ("%s already holds records: serving them as they are%s\n", o->db,
                o->demo_now != NULL ? " (--demo-now dates only a new demo city)" : "");

  server = xs_server_new (database, token);
  /* A page of 5000 records to a slow client still fits in the request's time. */
  xs_server_set_timeouts (server, (guint) o->timeout, MAX ((guint) o->timeout, REQUEST_SECONDS));
  if (!xs_server_listen (server, o->listen, (guint) o->port, &error))
    return fail (error->message, EXIT_FAILURE);

  /* The parent reads these two lines through a pipe: flush, or it waits forever. */
  g_print ("%s\n", xs_server_get_url (server));
  fflush (stdout);
  g_printerr ("serving %s on %s (token from %s)\n", o->db, xs_server_get_url (server),
              token_source);

  if (o->simulate)
    {
      simulator = xs_simulator_new (database, (guint32) seed);
      /* Live changes follow the city's dates: they start at the instant it was dated for. */
      if (o->demo_now != NULL)
        xs_simulator_set_now (simulator, demo_now);
      xs_simulator_start (simulator, (guint) o->simulate_interval);
    }

  loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);

  g_printerr ("stopping\n");
  if (simulator != NULL)
    xs_simulator_stop (simulator);
  xs_server_shutdown (server);
  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  Options o = { .port = 8080, .simulate_interval = 5, .timeout = 10 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int n_commands, status;
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &o.demo,
      "Fill an empty database with the demo city; token “demo” unless one is given", NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &o.db,
      "The server's sqlite database (created when missing)", "FILE" },
    { "port", 0, 0, G_OPTION_ARG_INT, &o.port, "TCP port, 0 for any free one (default 8080)", "N" },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &o.token_file,
      "Read the bearer token clients must send from FILE (keep it mode 600); or set "
      TOKEN_ENV, "FILE" },
    { "token", 0, 0, G_OPTION_ARG_STRING, &o.token,
      "The bearer token itself (visible in the process list: prefer --token-file)", "T" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &o.listen,
      "Address to listen on (default 127.0.0.1)", "ADDR" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &o.timeout,
      "Close a connection that has not sent its request headers within SECONDS (default 10); a "
      "whole request and its answer get 120", "SECONDS" },
    { "simulate", 0, 0, G_OPTION_ARG_NONE, &o.simulate,
      "Produce live changes every few seconds", NULL },
    { "simulate-interval", 0, 0, G_OPTION_ARG_INT, &o.simulate_interval,
      "Seconds between simulated changes (default 5)", "SECONDS" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &o.seed, "Seed of the demo city and the simulation", "N" },
    { "demo-now", 0, 0, G_OPTION_ARG_STRING, &o.demo_now,
      "Date a new demo city for WHEN: “today” or an ISO 8601 time with offset (default "
      "2025-09-15T09:00:00+08:00)", "WHEN" },
    { "synthetic", 0, 0, G_OPTION_ARG_STRING, &o.synthetic,
      "Fill an empty database with N synthetic records", "N" },
    { "put", 0, 0, G_OPTION_ARG_NONE, &o.put,
      "Admin: store a record (args: TYPE ID JSON_DATA) and exit", NULL },
    { "delete", 0, 0, G_OPTION_ARG_NONE, &o.delete,
      "Admin: delete a record (args: TYPE ID) and exit", NULL },
    { "compact", 0, 0, G_OPTION_ARG_NONE, &o.compact,
      "Admin: compact the whole change log and exit", NULL },
    { "stats", 0, 0, G_OPTION_ARG_NONE, &o.stats,
      "Admin: print record counts per type and exit", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("[TYPE ID [JSON_DATA]] — the municipal records API reference "
                                  "server");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("xiaoqu-server: %s\nTry “xiaoqu-server --help”.\n", error->message);
      return EXIT_USAGE;
    }

  n_commands = o.put + o.delete + o.compact + o.stats;
  if (o.db == NULL)
    status = fail ("--db FILE is required: the sqlite file the server keeps its records in",
                   EXIT_USAGE);
  else if (n_commands > 1)
    status = fail ("use only one of --put, --delete, --compact and --stats at a time", EXIT_USAGE);
  else if (n_commands == 1)
    {
      /* "--" ends the options, so ids starting with "-" can be given. */
      int first = argc > 1 && g_str_equal (argv[1], "--") ? 2 : 1;

      status = run_admin (&o, argv + first, argc - first);
    }
  else if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf ("unexpected argument “%s”", argv[1]);
      status = fail (message, EXIT_USAGE);
    }
  else
    status = run_server (&o);

  g_free (o.db);
  g_free (o.token);
  g_free (o.token_file);
  g_free (o.listen);
  g_free (o.seed);
  g_free (o.demo_now);
  g_free (o.synthetic);
  return status;
}
