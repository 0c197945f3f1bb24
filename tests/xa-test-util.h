/* xa-test-util.h — shared helpers for the test programs: a fresh HOME and XDG dirs per
 * test program, starting the real xiaoqu-server as a child process, temp paths. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* g_test_init plus a fresh temporary HOME / XDG_* for this program (removed at exit). */
void        xa_test_init         (int    *argc,
                                  char ***argv);
/* The temporary directory made by xa_test_init(). */
const char *xa_test_tmpdir       (void);
/* A new path inside it: "<tmpdir>/<name>-<n>" (the file does not exist yet). */
char       *xa_test_path         (const char *name);

typedef struct
{
  GSubprocess *process;
  char        *base_url;     /* "http://127.0.0.1:PORT" without a trailing slash */
  char        *token;
  char        *db_path;
} XaTestServer;

/* Starts $XIAOQU_SERVER (the real server binary) with "--port 0 --db DB --token TOKEN"
 * and @extra_args (NULL-terminated, may be NULL), waits for the base URL line. */
XaTestServer *xa_test_server_start (const char         *db_path,
                                    const char * const *extra_args);
/* Kills it (SIGKILL when @hard, SIGTERM otherwise) and waits. */
void          xa_test_server_stop  (XaTestServer *server,
                                    gboolean      hard);
void          xa_test_server_free  (XaTestServer *server);

/* Parses a JSON array of feed changes into XaChange values; asserts each one is valid. */
GPtrArray    *xa_test_parse_changes (const char *json_changes);

/* Runs $XIAOQU_SERVER with @args (NULL-terminated) to completion; asserts it exits 0. */
void          xa_test_server_run_admin (const char * const *args);

/* Every row of every table of the sqlite file at @path (opened read-only), table by table
 * in name order, each row as its quoted values in rowid or key order: two files with the
 * same dump hold the same records. */
char         *xa_test_store_dump (const char *path);

/* @value with a comma every three digits ("1,234,567"), as the app shows counts in every
 * language: the tests' own formatting of the values they expect. */
char         *xa_test_group_thousands (guint64 value);

/* Damages the sqlite file at @path as a failing disk would: overwrites four pages in the
 * middle of it with a pattern. Returns the file's bytes after the damage. */
GBytes       *xa_test_damage_store (const char *path);

G_END_DECLS
