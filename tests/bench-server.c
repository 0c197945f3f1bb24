/* bench-server.c — the records server under load on loopback, beside a baseline measured in
 * the same run: the real xiaoqu-server (a synthetic database, one feed page per request)
 * and a bare SoupServer as libsoup sets it up by default (listen backlog 10, keep-alive,
 * no timeouts) answering a fixed body of the same size. The same clients hit both: 50
 * threads, each request on a new connection that the client closes once it has read the
 * answer. Printed for each: requests/s, p50 and p99 latency, failures, and the server's open
 * descriptors and RSS before and after. Bounded: 800 requests per server, 10 s per request
 * at most (the bare server keeps every connection its clients closed, so a run much longer
 * would take it to its descriptor limit, which is the bug this compares against). */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <libsoup/soup.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "xa-test-util.h"

#define TOKEN       "bench-server-token"
#define N_REQUESTS  800
#define N_CLIENTS   50
#define REQUEST_SEC 10

/* ---- The baseline server (this program run with --bare SIZE) ------------------------- */

static void
bare_handler (SoupServer        *soup,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  GBytes *body = user_data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/json", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

static int
run_bare (gsize size)
{
  g_autoptr(SoupServer) soup = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GBytes) body = g_bytes_new_take (g_strnfill (size, 'x'), size);
  GSList *uris;

  soup_server_add_handler (soup, NULL, bare_handler, body, NULL);
  if (!soup_server_listen_local (soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("%s", error->message);
  uris = soup_server_get_uris (soup);
  g_print ("http://127.0.0.1:%d\n", g_uri_get_port (uris->data));
  fflush (stdout);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (loop);
  return 0;
}

/* ---- Servers as child processes --------------------------------------------------------- */

typedef struct
{
  GSubprocess *process;
  GPid         pid;
  guint16      port;
} Child;

static Child
spawn (const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  Child child = { 0 };

  g_subprocess_launcher_set_child_setup (launcher, xa_test_die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "XIAOQU_SERVER_TOKEN", TOKEN, TRUE);
  child.process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  child.pid = atoi (g_subprocess_get_identifier (child.process));
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child.process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  child.port = (guint16) atoi (strrchr (line, ':') + 1);
  return child;
}

static void
child_stop (Child *child)
{
  g_subprocess_send_signal (child->process, SIGKILL);
  g_subprocess_wait (child->process, NULL, NULL);
  g_clear_object (&child->process);
}

static guint
count_fds (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static guint64
rss_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL)
      || (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + 6, NULL, 10);
}

/* ---- The clients ------------------------------------------------------------------------ */

typedef struct
{
  guint16  port;
  gint     next;          /* atomic: the next request to make */
  double  *latency_ms;    /* per request; < 0 when it failed */
  gsize    body_size;     /* of the last answer read */
} Load;

/* One request on a new connection; reads the answer to its Content-Length, then closes.
 * Returns the milliseconds it took, or -1. */
static double
one_request (Load *load)
{
  static const char request[] = "GET /api/v1/changes?limit=100 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Authorization: Bearer " TOKEN "\r\n\r\n";
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (load->port) };
  struct timeval timeout = { REQUEST_SEC, 0 };
  g_autoptr(GString) answer = g_string_new (NULL);
  gint64 start = g_get_monotonic_time ();
  gssize expected = -1;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  gboolean ok = FALSE;

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  if (connect (fd, (struct sockaddr *) &address, sizeof address) != 0 ||
      send (fd, request, strlen (request), MSG_NOSIGNAL) != (ssize_t) strlen (request))
    goto out;
  for (;;)
    {
      char buffer[16384];
      ssize_t n = recv (fd, buffer, sizeof buffer, 0);
      const char *end;

      if (n <= 0)
        break;
      g_string_append_len (answer, buffer, n);
      end = strstr (answer->str, "\r\n\r\n");
      if (expected < 0 && end != NULL)
        {
          const char *length = strstr (answer->str, "Content-Length: ");

          if (length == NULL || length > end)
            break;
          expected = (end - answer->str) + 4 + atoi (length + 16);
        }
      if (expected >= 0 && (gssize) answer->len >= expected)
        {
          ok = g_str_has_prefix (answer->str, "HTTP/1.1 200");
          load->body_size = (gsize) expected - (strstr (answer->str, "\r\n\r\n") - answer->str) - 4;
          break;
        }
    }
out:
  close (fd);
  return ok ? (g_get_monotonic_time () - start) / 1000.0 : -1;
}

static gpointer
client_thread (gpointer user_data)
{
  Load *load = user_data;
  gint i;

  while ((i = g_atomic_int_add (&load->next, 1)) < N_REQUESTS)
    load->latency_ms[i] = one_request (load);
  return NULL;
}

typedef struct
{
  double  rate;
  double  p50;
  double  p99;
  guint   failed;
  guint   fds_before;
  guint   fds_after;
  guint64 rss_before;
  guint64 rss_after;
  gsize   body_size;
} Figures;

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static Figures
measure (Child *child)
{
  Load load = { child->port, 0, g_new0 (double, N_REQUESTS), 0 };
  GThread *threads[N_CLIENTS];
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (double));
  Figures f = { 0 };
  gint64 start;

  /* One request first, so that both servers have their pages and code in memory. */
  one_request (&load);
  f.fds_before = count_fds (child->pid);
  f.rss_before = rss_kib (child->pid);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_CLIENTS; i++)
    threads[i] = g_thread_new ("client", client_thread, &load);
  for (guint i = 0; i < N_CLIENTS; i++)
    g_thread_join (threads[i]);
  f.rate = N_REQUESTS / ((g_get_monotonic_time () - start) / 1e6);
  /* Give the server a moment to close what its clients closed. */
  g_usleep (500 * 1000);
  f.fds_after = count_fds (child->pid);
  f.rss_after = rss_kib (child->pid);

  for (guint i = 0; i < N_REQUESTS; i++)
    if (load.latency_ms[i] >= 0)
      g_array_append_val (done, load.latency_ms[i]);
    else
      f.failed++;
  g_array_sort (done, compare_double);
  if (done->len > 0)
    {
      f.p50 = g_array_index (done, double, done->len / 2);
      f.p99 = g_array_index (done, double, MIN (done->len - 1, done->len * 99 / 100));
    }
  f.body_size = load.body_size;
  g_free (load.latency_ms);
  return f;
}

static void
row (const char *name,
     const char *ours,
     const char *base)
{
  g_print ("%-28s %22s   %22s\n", name, ours, base);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *self_exe = NULL;
  g_autofree char *size = NULL;
  Child ours, bare;
  Figures a, b;

  if (argc == 3 && g_str_equal (argv[1], "--bare"))
    return run_bare (g_ascii_strtoull (argv[2], NULL, 10));

  xa_test_init (&argc, &argv);
  db = xa_test_path ("bench-server.db");
  {
    const char * const args[] = { g_getenv ("XIAOQU_SERVER"), "--port", "0", "--db", db,
                                  "--synthetic", "5000", NULL };
    ours = spawn (args);
  }
  a = measure (&ours);
  child_stop (&ours);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  size = g_strdup_printf ("%" G_GSIZE_FORMAT, a.body_size);
  {
    const char * const args[] = { self_exe, "--bare", size, NULL };
    bare = spawn (args);
  }
  b = measure (&bare);
  child_stop (&bare);

  g_print ("%u requests, %u clients, each request on a new connection the client closes; "
           "answers of %" G_GSIZE_FORMAT " bytes\n", N_REQUESTS, N_CLIENTS, a.body_size);
  row ("", "xiaoqu-server", "bare SoupServer (base)");
#define FIG(name, format, x, y)                                       \
  {                                                                   \
    g_autofree char *l = g_strdup_printf (format, x);                 \
    g_autofree char *r = g_strdup_printf (format, y);                 \
    row (name, l, r);                                                 \
  }
  FIG ("requests/s", "%.0f", a.rate, b.rate);
  FIG ("p50 latency (ms)", "%.2f", a.p50, b.p50);
  FIG ("p99 latency (ms)", "%.2f", a.p99, b.p99);
  FIG ("failed requests", "%u", a.failed, b.failed);
  {
    g_autofree char *l = g_strdup_printf ("%u → %u", a.fds_before, a.fds_after);
    g_autofree char *r = g_strdup_printf ("%u → %u", b.fds_before, b.fds_after);
    row ("open descriptors", l, r);
  }
  {
    g_autofree char *l = g_strdup_printf ("%" G_GUINT64_FORMAT " → %" G_GUINT64_FORMAT,
                                          a.rss_before, a.rss_after);
    g_autofree char *r = g_strdup_printf ("%" G_GUINT64_FORMAT " → %" G_GUINT64_FORMAT,
                                          b.rss_before, b.rss_after);
    row ("RSS (KiB)", l, r);
  }
#undef FIG
  g_print ("# the baseline keeps every connection its clients closed (libsoup 3.2, fixed in "
           "3.3.0) and queues 10 connections; xiaoqu-server must end with the descriptors it "
           "began with\n");
  return a.failed == 0 && a.fds_after <= a.fds_before ? 0 : 1;
}
