/* xa-test-util.h — what every test program shares: a fresh HOME and XDG dirs per test
 * program, temp paths, the real xiaoqu-server as a child process (and the demo city synced
 * from it), the app's and the server's command lines run to their end, times parsed, a
 * loopback port nobody listens on, and what the benchmarks measure with. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* See xa-test-feed.h (which needs json-glib, as not every user of this header does). */
typedef struct _XaTestFeed XaTestFeed;

/* g_test_init plus a fresh temporary HOME / XDG_* for this program (removed at exit). */
void        xa_test_init         (int    *argc,
                                  char ***argv);
/* The temporary directory made by xa_test_init(). */
const char *xa_test_tmpdir       (void);
/* A new path inside it: "<tmpdir>/<name>-<n>" (the file does not exist yet). */
char       *xa_test_path         (const char *name);

/* For g_subprocess_launcher_set_child_setup(): the child is killed when the test program
 * that started it ends, also when it aborts. */
void        xa_test_die_with_parent (gpointer user_data);

typedef struct
{
  GSubprocess *process;
  char        *base_url;     /* "http://127.0.0.1:PORT" without a trailing slash */
  char        *token;
  char        *db_path;
} XaTestServer;

/* Starts $XIAOQU_SERVER (the real server binary) with "--port 0 --db DB" and @extra_args
 * (NULL-terminated, may be NULL), waits for the base URL line. The token goes over the
 * environment ($XIAOQU_SERVER_TOKEN), as a bureau would start it: never on the command line,
 * which every user of the machine can read. */
XaTestServer *xa_test_server_start (const char         *db_path,
                                    const char * const *extra_args);
/* Kills it (SIGKILL when @hard, SIGTERM otherwise) and waits. */
void          xa_test_server_stop  (XaTestServer *server,
                                    gboolean      hard);
void          xa_test_server_free  (XaTestServer *server);
/* $ASAN_OPTIONS with the fast unwinder on malloc instead of the slow one, or NULL when it
 * does not ask for the slow one: what the servers the tests start run with (they draw
 * nothing with GTK, whose leaks need whole stacks to be suppressed). */
char         *xa_test_asan_options_fast_unwind (void);
/* xa_test_server_start() with "--demo" on a new database in the temporary directory. */
XaTestServer *xa_test_demo_server_start (void);
/* The same with "--synthetic @n_records": a made-up city of that many records. */
XaTestServer *xa_test_synthetic_server_start (guint n_records);

/* The demo city in a new store, synced from a real server started with "--demo" and
 * @extra_args (may be NULL), which is stopped again; returns the store's path, made by
 * xa_test_path (@name). With @feed, also the server's feed as xa_test_feed_fetch() reads
 * it. */
char         *xa_test_sync_demo (const char          *name,
                                 const char * const  *extra_args,
                                 XaTestFeed         **feed);
/* The same, the server left running in *@out_server (free it with xa_test_server_free()):
 * for a test that changes the city on the server afterwards and syncs again. */
char         *xa_test_sync_demo_serving (const char          *name,
                                         const char * const  *extra_args,
                                         XaTestFeed         **feed,
                                         XaTestServer       **out_server);
/* xa_test_sync_demo_serving() without the feed, synced by xa_test_sync_only_ok() (a child)
 * instead of in this process: the window tests' demo city on a server of their own. */
char         *xa_test_sync_only_demo_serving (const char          *name,
                                              const char * const  *extra_args,
                                              XaTestServer       **out_server);

/* One sync of @server into the store at @store_path with the sync client; asserts it
 * succeeds. */
void          xa_test_sync_ok   (XaTestServer        *server,
                                 const char          *store_path);

/* A loopback port nothing listens on: bound, read and closed again. */
guint16       xa_test_closed_port (void);

/* How a run of the app's command line ended, and what it wrote. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} XaTestRun;

/* Runs $XIAOQU_ATLAS with @args (NULL-terminated) to its end, in English, without a display
 * (the command line needs none) and without $XIAOQU_ATLAS_TOKEN. */
XaTestRun     xa_test_run_app   (const char * const *args);
/* xa_test_run_app() in the locale @locale (e.g. "zh_CN.UTF-8"), with the build's own
 * translations (XA_LOCALEDIR): the command line as a Chinese user's scheduled job runs it. */
XaTestRun     xa_test_run_app_in_locale (const char         *locale,
                                         const char * const *args);
/* xa_test_run_app() with every file the app writes limited to @max_file_bytes (RLIMIT_FSIZE,
 * SIGXFSZ ignored): a write past that fails as on a disk that has filled up. */
XaTestRun     xa_test_run_app_file_limit (const char * const *args,
                                          guint64             max_file_bytes);
/* Runs $XIAOQU_SERVER (the real server binary) with @args to its end, in the test's own
 * environment. */
XaTestRun     xa_test_run_server (const char * const *args);
/* `xiaoqu-atlas --sync-only` of @server_url into @store_path, run as xa_test_run_app() does;
 * with --token @token when @token is not NULL. */
XaTestRun     xa_test_run_sync_only (const char *server_url,
                                     const char *token,
                                     const char *store_path);
/* xa_test_run_sync_only() of @server (its URL and token) into @store_path; asserts it
 * exits 0. The sync in a child process of its own, as a scheduled job runs it: what the
 * window tests use, whose own process unwinds slowly under AddressSanitizer. */
void          xa_test_sync_only_ok (XaTestServer *server,
                                    const char   *store_path);
void          xa_test_run_clear (XaTestRun *run);

/* What the benchmarks measure with: this process's resident set in MiB (from
 * /proc/self/statm, 0 when it cannot be read), and the order of two doubles for
 * g_array_sort() and qsort(). */
double        xa_test_rss_mib (void);
int           xa_test_compare_doubles (gconstpointer a,
                                       gconstpointer b);

/* The time @iso (RFC 3339 with an offset) names, in seconds since the epoch; asserts it
 * parses. */
gint64        xa_test_parse_time (const char *iso);

/* Parses a JSON array of feed changes into XaChange values; asserts each one is valid. */
GPtrArray    *xa_test_parse_changes (const char *json_changes);

/* Runs $XIAOQU_SERVER with @args (NULL-terminated) to completion; asserts it exits 0. */
void          xa_test_server_run_admin (const char * const *args);
/* The records of a one-compound city (district 371302, category K1, compound C1 with lift E1
 * of 2004) and a problem of C1 in a status, with @extra fields (`, "key": value`), as
 * JSON for the server's --put: what the tests of edits and updates start from. */
#define XA_TEST_CATEGORY_JSON \
  "{\"code\": \"K1\", \"name_zh\": \"物业服务\", \"name_en\": \"Property service\"}"
#define XA_TEST_DISTRICT_JSON \
  "{\"code\": \"371302\", \"name\": \"兰山区\", \"lat\": 35.05, \"lon\": 118.34}"
#define XA_TEST_COMPOUND_JSON \
  "{\"name\": \"小区\", \"district\": \"371302\", \"subdistrict\": \"街道\", \"community\": " \
  "\"社区\", \"address\": \"路1号\", \"lat\": 35.06, \"lon\": 118.34, \"kind\": \"residential\", " \
  "\"buildings\": 2, \"households\": 80, \"owners_committee\": false, " \
  "\"public_revenue_recorded\": false, \"special_account\": false, \"supervised_fen\": 0}"
#define XA_TEST_ELEVATOR_JSON \
  "{\"compound\": \"C1\", \"building\": \"3号楼\", \"unit\": \"2单元\", " \
  "\"registration_code\": \"31103713022005000123\", \"maker\": \"通力\", " \
  "\"model\": \"KONE 3000\", " \
  "\"commissioned\": \"2004-05-01\", \"faults_12m\": 9, \"entrapments_12m\": 2, " \
  "\"renewal_status\": \"none\"}"
#define XA_TEST_PROBLEM_JSON(status, extra) \
  "{\"compound\": \"C1\", \"category\": \"K1\", \"source\": \"owner\", " \
  "\"title\": \"楼道灯不亮\", " \
  "\"reported_at\": \"2026-11-02T09:30:00+08:00\", \"deadline\": \"2026-11-05T09:30:00+08:00\", " \
  "\"status\": \"" status "\", \"tier\": \"on_site\", \"responsible_party\": \"物业公司\"" extra "}"

/* Puts district 371302, category K1, compound C1 and elevator E1 into the server database
 * @db. */
void          xa_test_server_put_small_city (const char *db);
/* The same, and problems P-open (open) and P-closed (closed, resolved on 3 November) of C1. */
void          xa_test_server_put_small_city_problems (const char *db);

/* `xiaoqu-server --db @db --put @type @id @json`: one record stored as an administrator
 * would; asserts the server took it. */
void          xa_test_server_put (const char *db,
                                  const char *type,
                                  const char *id,
                                  const char *json);

/* Every row of every table of the sqlite file at @path (opened read-only), table by table
 * in name order, each row as its quoted values in rowid or key order: two files with the
 * same dump hold the same records. */
char         *xa_test_store_dump (const char *path);
/* Runs @sql on the sqlite file at @path through a connection of its own, as another
 * program would (to damage, age or rewrite a file behind its owner's back); a failure names
 * the statements and sqlite's message. */
void          xa_test_sqlite_exec (const char *path,
                                   const char *sql);
/* Cuts the agenda tables (version 6 of the store's schema) and the keys of imported meeting
 * packs' edits (version 7) out of a dump of a file migrated from before, asserting they are
 * there and empty: they are the bureau's own data, which an older file never had. */
void          xa_test_store_cut_agendas (char *dump);

/* @value with a comma every three digits ("1,234,567"), as the app shows counts in every
 * language: the tests' own formatting of the values they expect. */
char         *xa_test_group_thousands (guint64 value);

/* Damages the sqlite file at @path as a failing disk would: overwrites four pages in the
 * middle of it with a pattern. Returns the file's bytes after the damage. */
GBytes       *xa_test_damage_store (const char *path);

G_END_DECLS
