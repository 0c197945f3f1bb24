/* bench-sync.c — sync throughput and memory, each figure printed beside its goal and the
 * baselines measured in the same run: raw sqlite inserts and bare JSON parsing on this
 * machine (json-glib, and the project's own reader with and without record validation),
 * the demo city synced from the real server over loopback (goal: under 1 s), and synthetic
 * servers of 100,000 and 1,000,000 records (goal: at least 100,000 records/s, peak memory
 * that does not grow with the number of records). Each sync runs in a child process of its
 * own so its peak RSS is its own. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "xa-json-reader.h"
#include "xa-store.h"
#include "xa-sync-client.h"
#include "xa-sync-page-private.h"
#include "xa-test-util.h"

#define GOAL_RATE 100000.0

static void
figure (const char *name,
        double      value,
        const char *unit,
        const char *against)
{
  g_print ("%-32s %14.2f %-10s  # %s\n", name, value, unit, against);
}

/* The ceiling for the store: compound-sized rows inserted in one transaction. */
static double
raw_sqlite_rate (void)
{
  g_autofree char *path = xa_test_path ("raw.db");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const int n = 200000;
  gint64 start;

  sqlite3_open (path, &db);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                    "CREATE TABLE t (id TEXT PRIMARY KEY, version INTEGER, a TEXT, b TEXT, c REAL,"
                    " d REAL, e INTEGER, f INTEGER, g TEXT, h INTEGER)", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO t VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL);
  start = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (int i = 0; i < n; i++)
    {
      char id[32];
      g_snprintf (id, sizeof id, "PB%08d", i);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, "小区名称沂河花园", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, "兰山区通达路188号", -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 4, 35.05 + i * 1e-6);
      sqlite3_bind_double (stmt, 5, 118.35);
      sqlite3_bind_int (stmt, 6, i);
      sqlite3_bind_int (stmt, 7, 3);
      sqlite3_bind_text (stmt, 8, "resolved", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 9, 1751328000);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n / ((g_get_monotonic_time () - start) / 1e6);
}

typedef enum { PARSE_JSON_GLIB, PARSE_READER, PARSE_READER_VALIDATE } ParseKind;

/* Parsing on a page of 5000 problem records: json-glib and the project's reader bare (the
 * ceilings), and the reader with every record validated into structs, as a sync does. */
static double
json_parse_rate (ParseKind kind)
{
  g_autoptr(GString) page = g_string_new ("{\"cursor\":\"x\",\"more\":false,\"changes\":[");
  const int n = 5000, rounds = 10;
  gint64 start;

  for (int i = 0; i < n; i++)
    g_string_append_printf (page,
      "%s{\"seq\":%d,\"type\":\"problem\",\"id\":\"PB%06d\",\"version\":1,\"deleted\":false,"
      "\"data\":{"
      "\"compound\":\"C0001\",\"category\":\"FLOOD-01\",\"source\":\"hotline_12345\","
      "\"ticket_no\":\"12345-2025-%07d\",\"title\":\"南门积水严重\","
      "\"reported_at\":\"2025-07-01T08:00:00+08:00\","
      "\"deadline\":\"2025-07-04T18:00:00+08:00\",\"status\":\"resolved\",\"tier\":\"on_site\","
      "\"responsible_party\":\"罗庄区住建局\",\"resolved_at\":\"2025-07-02T10:00:00+08:00\","
      "\"resolution_note\":\"已派泵车排水\",\"satisfaction\":5}}", i ? "," : "", i + 1, i, i);
  g_string_append (page, "]}");

  start = g_get_monotonic_time ();
  for (int r = 0; r < rounds; r++)
    {
      g_autoptr(GError) error = NULL;

      if (kind == PARSE_JSON_GLIB)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          json_parser_load_from_data (parser, page->str, page->len, &error);
        }
      else if (kind == PARSE_READER)
        {
          g_autoptr(XaJsonDocument) document = xa_json_document_new (page->str, page->len, &error);
        }
      else
        {
          g_autoptr(XaSyncPage) parsed = _xa_sync_page_parse (g_memdup2 (page->str, page->len),
                                                              page->len, &error);
          g_assert_cmpuint (parsed->changes->len, ==, n);
        }
      g_assert_no_error (error);
    }
  return (double) n * rounds / ((g_get_monotonic_time () - start) / 1e6);
}

typedef struct
{
  double  seconds;
  guint64 records;
  double  peak_rss_mb;
} ChildSync;

/* Runs this program in --child mode against @url and reads its peak RSS from wait4(). */
static ChildSync
sync_in_child (const char *self_path,
               const char *url,
               const char *token)
{
  g_autofree char *store = xa_test_path ("bench-store.db");
  const char *argv[] = { self_path, "--child", url, token, store, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  GPid pid;
  int out_fd, status = 0;
  struct rusage usage = { 0 };
  ChildSync result = { 0 };
  g_autoptr(GIOChannel) channel = NULL;
  gsize length;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_to_end (channel, &output, &length, NULL);
  wait4 (pid, &status, 0, &usage);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_cmpint (sscanf (output, "%lf %" G_GUINT64_FORMAT, &result.seconds, &result.records),
                   ==, 2);
  result.peak_rss_mb = usage.ru_maxrss / 1024.0;
  return result;
}

static int
child_main (const char *url,
            const char *token,
            const char *store)
{
  g_autoptr(XaSyncClient) client = xa_sync_client_new (url, token);
  g_autoptr(GError) error = NULL;
  XaSyncResult result;

  xa_sync_client_set_page_limit (client, 5000);
  if (!xa_sync_client_sync (client, store, NULL, &result, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%f %" G_GUINT64_FORMAT "\n", result.seconds, result.records);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  double sqlite_rate, json_rate, reader_rate, validate_rate;
  g_autofree char *baselines = NULL;
  const char * const demo_args[] = { "--demo", NULL };
  g_autofree char *self_path = NULL;

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3], argv[4]);

  self_path = g_canonicalize_filename (argv[0], NULL);
  xa_test_init (&argc, &argv);

  sqlite_rate = raw_sqlite_rate ();
  json_rate = json_parse_rate (PARSE_JSON_GLIB);
  reader_rate = json_parse_rate (PARSE_READER);
  validate_rate = json_parse_rate (PARSE_READER_VALIDATE);
  figure ("baseline_sqlite_insert", sqlite_rate, "records/s",
          "raw prepared inserts, one transaction");
  figure ("baseline_json_parse", json_rate, "records/s", "json-glib parse of a 5000-record page");
  {
    g_autofree char *against = g_strdup_printf ("xa-json-reader, same page: %.1f times json-glib",
                                                reader_rate / json_rate);
    figure ("reader_json_parse", reader_rate, "records/s", against);
  }
  {
    g_autofree char *against = g_strdup_printf ("reader + record validation, as a sync parses: "
                                                "%.1f times bare json-glib",
                                                validate_rate / json_rate);
    figure ("reader_parse_and_validate", validate_rate, "records/s", against);
  }
  baselines = g_strdup_printf ("baselines this run: sqlite %.0f, json-glib %.0f, "
                               "reader+validation %.0f", sqlite_rate, json_rate, validate_rate);

  {
    g_autofree char *db = xa_test_path ("demo.db");
    XaTestServer *server = xa_test_server_start (db, demo_args);
    ChildSync demo = sync_in_child (self_path, server->base_url, server->token);

    figure ("demo_sync_time", demo.seconds, "s",
            demo.seconds < 1 ? "goal < 1 s for the whole demo city: met"
                             : "goal < 1 s for the whole demo city: NOT met");
    figure ("demo_sync_records", demo.records, "records", "the demo city's records");
    figure ("demo_sync_rate", demo.records / demo.seconds, "records/s", baselines);
    figure ("demo_sync_peak_rss", demo.peak_rss_mb, "MiB", "whole client process");
    xa_test_server_free (server);
  }

  {
    ChildSync synthetic[2];
    const guint sizes[] = { 100000, 1000000 };

    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        XaTestServer *server = xa_test_synthetic_server_start (sizes[i]);
        g_autofree char *name_rate = g_strdup_printf ("synthetic_%u_sync_rate", sizes[i]);
        g_autofree char *name_rss = g_strdup_printf ("synthetic_%u_peak_rss", sizes[i]);
        g_autofree char *against = NULL;
        double rate;

        synthetic[i] = sync_in_child (self_path, server->base_url, server->token);
        rate = synthetic[i].records / synthetic[i].seconds;
        against = g_strdup_printf ("goal >= %.0f records/s: %s; %s", GOAL_RATE,
                                   rate >= GOAL_RATE ? "met" : "NOT met", baselines);

        figure (name_rate, rate, "records/s", against);
        figure (name_rss, synthetic[i].peak_rss_mb, "MiB",
                i == 0 ? "streaming: should not grow with records"
                       : "compare with the line for 100000");
        xa_test_server_free (server);
      }
    figure ("synthetic_rss_growth_10x_records", synthetic[1].peak_rss_mb / synthetic[0].peak_rss_mb,
            "ratio", "goal ~1.0 (whole-feed buffering would be ~10)");
  }
  return 0;
}
