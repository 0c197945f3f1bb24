/* test-server-hardening.c — the real xiaoqu-server binary as an attacker or a careless client
 * meets it, over raw sockets on 127.0.0.1: the open descriptors stay flat over thousands of
 * connections (whole requests, clients that leave before, during or after their request),
 * silent and slow connections are closed after the timeout, a full accept queue of 200
 * clients is served, refusals come from the headers before any body is read and the memory
 * stays flat, malformed requests get 400, tokens never show in the process list or in the
 * server's output, hostile records are refused by --put, and the database file is private. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xa-test-util.h"

#define TOKEN "hardening-secret-7f3a9c"

typedef struct
{
  GSubprocess *process;
  GPid         pid;
  guint16      port;
  char        *db_path;
  char        *out_path;
  char        *err_path;
} Server;

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

/* Starts the real binary with "--port 0 --db DB" and @args, the token in the environment
 * unless @args says otherwise, stdout and stderr into files; waits for the URL line. */
static Server *
server_start (const char * const *args,
              gboolean            token_in_env)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Server *server = g_new0 (Server, 1);
  gint64 give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  server->db_path = xa_test_path ("server.db");
  server->out_path = xa_test_path ("server.out");
  server->err_path = xa_test_path ("server.err");

  g_ptr_array_add (argv, (gpointer) g_getenv ("XIAOQU_SERVER"));
  g_ptr_array_add (argv, (gpointer) "--port");
  g_ptr_array_add (argv, (gpointer) "0");
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, server->db_path);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, server->out_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, server->err_path);
  if (token_in_env)
    g_subprocess_launcher_setenv (launcher, "XIAOQU_SERVER_TOKEN", TOKEN, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "XIAOQU_SERVER_TOKEN");
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);
  server->pid = atoi (g_subprocess_get_identifier (server->process));

  for (;;)
    {
      g_autofree char *out = read_text (server->out_path);
      const char *colon;

      if (strchr (out, '\n') != NULL)
        {
          g_assert_true (g_str_has_prefix (out, "http://127.0.0.1:"));
          colon = strrchr (out, ':');
          server->port = (guint16) atoi (colon + 1);
          break;
        }
      if (g_subprocess_get_identifier (server->process) == NULL)
        {
          g_autofree char *err = read_text (server->err_path);
          g_error ("the server exited before it printed its URL: %s", err);
        }
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_usleep (20 * 1000);
    }
  return server;
}

static void
server_free (Server *server)
{
  if (server == NULL)
    return;
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGKILL);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }
  g_free (server->db_path);
  g_free (server->out_path);
  g_free (server->err_path);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

static guint
count_fds (Server *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", server->pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* VmRSS in KiB. */
G_GNUC_UNUSED static guint64
rss_kib (Server *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", server->pid);
  g_autofree char *status = read_text (path);
  const char *line = strstr (status, "VmRSS:");

  g_assert_nonnull (line);
  return g_ascii_strtoull (line + 6, NULL, 10);
}

/* ---- Raw sockets ----------------------------------------------------------------------- */

static int
connect_to (Server *server)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (server->port) };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (connect (fd, (struct sockaddr *) &address, sizeof address) != 0)
    g_error ("connect: %s", g_strerror (errno));
  return fd;
}

static void
send_all (int         fd,
          const char *data,
          gsize       len)
{
  while (len > 0)
    {
      ssize_t n = send (fd, data, len, MSG_NOSIGNAL);

      g_assert_cmpint (n, >, 0);
      data += n;
      len -= (gsize) n;
    }
}

/* Reads until the server closes (every answer ends its connection) or @timeout_ms passes;
 * returns what came, NULL on a timeout. */
static GString *
read_until_close (int  fd,
                  int  timeout_ms)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 give_up = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      struct pollfd p = { .fd = fd, .events = POLLIN };
      char buffer[16384];
      int left = (int) ((give_up - g_get_monotonic_time ()) / 1000);
      ssize_t n;

      if (left <= 0 || poll (&p, 1, left) <= 0)
        return NULL;
      n = recv (fd, buffer, sizeof buffer, 0);
      if (n <= 0)
        break;
      g_string_append_len (text, buffer, n);
    }
  return g_steal_pointer (&text);
}

/* The status of an HTTP answer, 0 when it is not one. */
static guint
status_of (GString *answer)
{
  if (answer == NULL || !g_str_has_prefix (answer->str, "HTTP/1.1 "))
    return 0;
  return (guint) atoi (answer->str + 9);
}

/* Sends @request whole and returns the answer's status. */
static guint
exchange (Server     *server,
          const char *request,
          GString   **out_answer)
{
  int fd = connect_to (server);
  g_autoptr(GString) answer = NULL;
  guint status;

  send_all (fd, request, strlen (request));
  answer = read_until_close (fd, 10000);
  close (fd);
  status = status_of (answer);
  if (out_answer != NULL)
    *out_answer = g_steal_pointer (&answer);
  return status;
}

static const char feed_request[] =
  "GET /api/v1/changes?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
  "Authorization: Bearer " TOKEN "\r\n\r\n";

/* Waits up to @seconds for the server's descriptors to come down to @at_most. */
static guint
settle_fds (Server *server,
            guint   at_most,
            guint   seconds)
{
  gint64 give_up = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  guint n;

  while ((n = count_fds (server)) > at_most && g_get_monotonic_time () < give_up)
    g_usleep (50 * 1000);
  return n;
}

/* ---- Descriptors --------------------------------------------------------------------- */

static void
test_fds_flat (void)
{
  const char * const args[] = { "--synthetic", "200", NULL };
  g_autoptr(Server) server = server_start (args, TRUE);
  const guint rounds = 3000;
  guint before, after, served = 0;

  g_assert_cmpuint (exchange (server, feed_request, NULL), ==, 200);
  before = settle_fds (server, 0, 1);

  for (guint i = 0; i < rounds; i++)
    {
      int fd = connect_to (server);

      switch (i % 6)
        {
        case 0:   /* a whole keep-alive request, the answer read, then the client leaves */
          {
            g_autoptr(GString) answer = NULL;

            send_all (fd, feed_request, strlen (feed_request));
            answer = read_until_close (fd, 10000);
            served += status_of (answer) == 200;
          }
          break;
        case 1:   /* connects and leaves without a byte */
          break;
        case 2:   /* leaves in the middle of the headers */
          send_all (fd, feed_request, 30);
          break;
        case 3:   /* leaves in the middle of a body */
          {
            const char post[] = "POST /api/v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: "
                                "Bearer " TOKEN "\r\nContent-Length: 1000\r\n\r\n{\"half\":";
            send_all (fd, post, strlen (post));
          }
          break;
        case 4:   /* a whole request, gone before the answer */
          send_all (fd, feed_request, strlen (feed_request));
          break;
        case 5:   /* a reset instead of a close */
          {
            struct linger hard = { 1, 0 };

            send_all (fd, feed_request, 10);
            setsockopt (fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
          }
          break;
        }
      close (fd);
    }
  g_assert_cmpuint (served, ==, rounds / 6);

  /* Everything above is over: nothing but what the server had before may stay open. */
  after = settle_fds (server, before, 10);
  g_test_message ("open descriptors: %u before, %u after %u connections", before, after, rounds);
  g_assert_cmpuint (after, <=, before);
  g_assert_cmpuint (exchange (server, feed_request, NULL), ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  g_test_add_func ("/hardening/fds-flat", test_fds_flat);

  return g_test_run ();
}
