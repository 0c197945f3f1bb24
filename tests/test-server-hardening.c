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
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xa-demo-server.h"
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
  g_subprocess_launcher_set_child_setup (launcher, xa_test_die_with_parent, NULL, NULL);
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
static guint64
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

/* ---- Refusals from the headers ------------------------------------------------------- */

/* Sends @headers, expects the answer @status before any byte of the body, then pushes up to
 * @body_bytes of body (the server reads and drops it, or closes) and returns the answer. */
static GString *
refused_before_body (Server     *server,
                     const char *headers,
                     guint       status,
                     gsize       body_bytes)
{
  int fd = connect_to (server);
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autofree char *chunk = g_malloc (256 * 1024);
  gint64 give_up = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  gsize sent = 0;

  send_all (fd, headers, strlen (headers));
  /* The answer comes although not one byte of the body was sent. */
  while (strstr (answer->str, "\r\n\r\n") == NULL)
    {
      struct pollfd p = { .fd = fd, .events = POLLIN };
      char buffer[4096];
      ssize_t n;

      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      if (poll (&p, 1, 100) <= 0)
        continue;
      n = recv (fd, buffer, sizeof buffer, 0);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (answer, buffer, n);
    }
  g_assert_cmpuint (status_of (answer), ==, status);
  g_assert_nonnull (strstr (answer->str, "\r\nConnection: close\r\n"));

  memset (chunk, 'x', 256 * 1024);
  while (sent < body_bytes)
    {
      ssize_t n = send (fd, chunk, 256 * 1024, MSG_NOSIGNAL);

      if (n <= 0)
        break;   /* the server stopped reading: closed */
      sent += (gsize) n;
    }
  close (fd);
  return g_steal_pointer (&answer);
}

static void
test_refuse_early (void)
{
  const char * const args[] = { "--synthetic", "200", NULL };
  g_autoptr(Server) server = server_start (args, TRUE);
  const char big_no_token[] =
    "POST /api/v1/changes HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000\r\n\r\n";
  const char chunked_no_token[] =
    "POST /api/v1/changes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  const char big_with_token[] =
    "POST /api/v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " TOKEN "\r\n"
    "Content-Length: 300000000\r\n\r\n";
  const char wrong_token[] =
    "PUT /api/v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nope\r\n"
    "Expect: 100-continue\r\nContent-Length: 300000000\r\n\r\n";
  guint64 before, after;

  g_assert_cmpuint (exchange (server, feed_request, NULL), ==, 200);
  before = rss_kib (server);

  g_string_free (refused_before_body (server, big_no_token, 401, 64 << 20), TRUE);
  g_string_free (refused_before_body (server, chunked_no_token, 401, 16 << 20), TRUE);
  g_string_free (refused_before_body (server, big_with_token, 413, 16 << 20), TRUE);
  g_string_free (refused_before_body (server, wrong_token, 401, 0), TRUE);

  /* A chunked body with a good token is counted as it comes and cut at 64 KiB. */
  {
    int fd = connect_to (server);
    const char head[] = "POST /api/v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        TOKEN "\r\nTransfer-Encoding: chunked\r\n\r\n";
    g_autofree char *chunk = g_malloc (16384 + 16);
    g_autoptr(GString) answer = NULL;
    gsize sent = 0;

    send_all (fd, head, strlen (head));
    memcpy (chunk, "4000\r\n", 6);
    memset (chunk + 6, 'y', 16384);
    memcpy (chunk + 6 + 16384, "\r\n", 2);
    /* 256 KiB, far past the limit: the answer is there without waiting for the end. */
    for (guint i = 0; i < 16; i++)
      {
        ssize_t n = send (fd, chunk, 16384 + 8, MSG_NOSIGNAL);

        g_assert_cmpint (n, >, 0);
        sent += (gsize) n;
      }
    {
      struct pollfd p = { .fd = fd, .events = POLLIN };
      char buffer[4096];
      ssize_t n;

      g_assert_cmpint (poll (&p, 1, 2000), ==, 1);
      n = recv (fd, buffer, sizeof buffer - 1, 0);
      g_assert_cmpint (n, >, 0);
      answer = g_string_new_len (buffer, n);
      g_assert_cmpuint (status_of (answer), ==, 413);
    }
    while (sent < (32 << 20))
      {
        ssize_t n = send (fd, chunk, 16384 + 8, MSG_NOSIGNAL);

        if (n <= 0)
          break;
        sent += (gsize) n;
      }
    g_test_message ("chunked: %zu bytes sent before the server closed", sent);
    close (fd);
  }

  after = rss_kib (server);
  g_test_message ("server RSS: %" G_GUINT64_FORMAT " KiB before, %" G_GUINT64_FORMAT
                  " KiB after about 400 MB of refused bodies", before, after);
  g_assert_cmpuint (after, <, before + 8 * 1024);
  g_assert_cmpuint (exchange (server, feed_request, NULL), ==, 200);
  g_assert_cmpuint (settle_fds (server, 0, 1), <=, count_fds (server));
}

/* ---- Malformed requests --------------------------------------------------------------- */

static void
test_malformed (void)
{
  const char * const args[] = { "--synthetic", "200", NULL };
  g_autoptr(Server) server = server_start (args, TRUE);
  const char * const bad[] = {
    /* decoded, an empty cursor: the whole feed */
    "GET /api/v1/changes?cursor=%00 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " TOKEN "\r\n\r\n",
    "GET /api/v1/changes?limit=1%00 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " TOKEN "\r\n\r\n",
    /* "the last wins" would let a proxy and the server see two users */
    "GET /api/v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " TOKEN "\r\n"
    "Authorization: Bearer " TOKEN "\r\n\r\n",
    "GET /api/v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nope\r\n"
    "Authorization: Bearer " TOKEN "\r\n\r\n",
    /* two readers, two bodies: request smuggling */
    "POST /api/v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " TOKEN "\r\n"
    "Content-Length: 0\r\nContent-Length: 5\r\n\r\nabcde",
    "POST /api/v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " TOKEN "\r\n"
    "Content-Length: 5\r\nContent-Length: 0\r\n\r\nabcde",
    "POST /api/v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " TOKEN "\r\n"
    "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GString) answer = NULL;

      g_test_message ("%.60s", bad[i]);
      g_assert_cmpuint (exchange (server, bad[i], &answer), ==, 400);
      g_assert_nonnull (strstr (answer->str, "application/problem+json"));
      g_assert_nonnull (strstr (answer->str, "\"status\":400"));
    }
  /* What the contract allows still works: an empty cursor is the beginning. */
  g_assert_cmpuint (exchange (server, "GET /api/v1/changes?cursor=&limit=1 HTTP/1.1\r\nHost: x\r\n"
                                      "Authorization: Bearer " TOKEN "\r\n\r\n", NULL), ==, 200);
}

/* ---- Slow clients and a full accept queue ---------------------------------------------- */

static void
test_slow_clients (void)
{
  const char * const args[] = { "--synthetic", "200", "--timeout", "2", NULL };
  g_autoptr(Server) server = server_start (args, TRUE);
  const guint n = 200;
  int fds[200];
  gint64 closed_at[200] = { 0 };
  gint64 start, give_up;
  guint n_closed = 0, before, after;
  const char slow[] = "GET /api/v1/changes HTTP/1.1\r\nHost: x\r\nX-Slow: ";

  g_assert_cmpuint (exchange (server, feed_request, NULL), ==, 200);
  before = settle_fds (server, 0, 1);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      fds[i] = connect_to (server);
      /* Half stay silent; half trickle a header that never ends (slowloris). */
      if (i % 2 == 1)
        send_all (fds[i], slow, strlen (slow));
    }
  give_up = start + 8 * G_USEC_PER_SEC;
  while (n_closed < n && g_get_monotonic_time () < give_up)
    {
      for (guint i = 0; i < n; i++)
        {
          char buffer[256];
          ssize_t got;

          if (closed_at[i] != 0)
            continue;
          if (i % 2 == 1)
            send (fds[i], "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
          got = recv (fds[i], buffer, sizeof buffer, MSG_DONTWAIT);
          if (got == 0 || (got < 0 && errno != EAGAIN))
            {
              closed_at[i] = g_get_monotonic_time ();
              n_closed++;
            }
        }
      g_usleep (200 * 1000);
    }
  for (guint i = 0; i < n; i++)
    {
      close (fds[i]);
      if (closed_at[i] != 0)
        {
          double seconds = (closed_at[i] - start) / 1e6;
          /* Closed by the server after its 2 s, not before, and not much after. */
          g_assert_cmpfloat (seconds, >=, 1.5);
          g_assert_cmpfloat (seconds, <, 5.0);
        }
    }
  g_test_message ("%u of %u silent and slow connections closed by the server", n_closed, n);
  g_assert_cmpuint (n_closed, ==, n);
  after = settle_fds (server, before, 5);
  g_assert_cmpuint (after, <=, before);
  g_assert_cmpuint (exchange (server, feed_request, NULL), ==, 200);
}

/* 200 clients connect while the server is stopped: with a backlog of 10 (libsoup's) most of
 * them would wait for SYN retries; with ours every handshake completes in the queue, and
 * every one is served once the server runs again. */
static void
test_backlog (void)
{
  const char * const args[] = { "--synthetic", "200", NULL };
  g_autoptr(Server) server = server_start (args, TRUE);
  const guint n = 200;
  int fds[200];
  guint connected = 0, served = 0;
  gint64 give_up;

  g_assert_cmpuint (exchange (server, feed_request, NULL), ==, 200);
  kill (server->pid, SIGSTOP);
  for (guint i = 0; i < n; i++)
    {
      struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (server->port) };

      address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
      fds[i] = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
      g_assert_cmpint (fds[i], >=, 0);
      g_assert_true (connect (fds[i], (struct sockaddr *) &address, sizeof address) == 0 ||
                     errno == EINPROGRESS);
    }
  /* Well before the first SYN retry (1 s): only what the queue holds is connected. */
  give_up = g_get_monotonic_time () + 700 * 1000;
  while (connected < n && g_get_monotonic_time () < give_up)
    {
      connected = 0;
      for (guint i = 0; i < n; i++)
        {
          struct pollfd p = { .fd = fds[i], .events = POLLOUT };
          int error = 0;
          socklen_t len = sizeof error;

          if (poll (&p, 1, 0) == 1 &&
              getsockopt (fds[i], SOL_SOCKET, SO_ERROR, &error, &len) == 0 && error == 0)
            connected++;
        }
      g_usleep (50 * 1000);
    }
  kill (server->pid, SIGCONT);
  g_test_message ("%u of %u handshakes completed while the server was stopped", connected, n);
  g_assert_cmpuint (connected, ==, n);

  for (guint i = 0; i < n; i++)
    {
      int flags = fcntl (fds[i], F_GETFL);

      fcntl (fds[i], F_SETFL, flags & ~O_NONBLOCK);
      send_all (fds[i], feed_request, strlen (feed_request));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) answer = read_until_close (fds[i], 20000);

      served += status_of (answer) == 200;
      close (fds[i]);
    }
  g_assert_cmpuint (served, ==, n);
}

/* ---- Secrets ---------------------------------------------------------------------------- */

/* The command line of @pid as ps shows it (NULs as spaces). */
static char *
cmdline_of (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", pid);
  char *text = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &text, &len, NULL))
    return g_strdup ("");
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\0')
      text[i] = ' ';
  return text;
}

static void
assert_token_kept (Server     *server,
                   const char *token)
{
  g_autofree char *cmdline = cmdline_of (server->pid);
  g_autofree char *good = g_strdup_printf ("GET /api/v1/changes?limit=1 HTTP/1.1\r\nHost: x\r\n"
                                           "Authorization: Bearer %s\r\n\r\n", token);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GStatBuf st;

  /* The token works ... */
  g_assert_cmpuint (exchange (server, good, NULL), ==, 200);
  g_assert_cmpuint (exchange (server, "GET /api/v1/changes HTTP/1.1\r\nHost: x\r\n"
                                      "Authorization: Bearer wrong\r\n\r\n", NULL), ==, 401);
  /* ... and shows nowhere: not in the process list, not in the server's output. */
  g_assert_null (strstr (cmdline, token));
  out = read_text (server->out_path);
  err = read_text (server->err_path);
  g_assert_cmpuint (strlen (err), >, 0);
  g_assert_null (strstr (out, token));
  g_assert_null (strstr (err, token));
  /* The bureau's records are the user's alone. */
  g_assert_cmpint (g_stat (server->db_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_secrets (void)
{
  const char * const from_env[] = { "--synthetic", "50", NULL };
  g_autofree char *file = xa_test_path ("token");
  const char * const from_file[] = { "--synthetic", "50", "--token-file", file, NULL };
  const char file_token[] = "file-secret-91b2c4d8";
  mode_t old_umask = umask (022);

  {
    g_autoptr(Server) server = server_start (from_env, TRUE);
    assert_token_kept (server, TOKEN);
  }
  {
    g_autoptr(Server) server = NULL;

    g_assert_true (g_file_set_contents_full (file, "file-secret-91b2c4d8\n", -1,
                                             G_FILE_SET_CONTENTS_NONE, 0600, NULL));
    server = server_start (from_file, FALSE);
    assert_token_kept (server, file_token);
  }
  umask (old_umask);
}

static void
demo_started_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (xa_demo_server_start_finish (XA_DEMO_SERVER (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* The app's demo launcher hands its random token over the environment, not argv. */
static void
test_demo_launcher (void)
{
  g_autofree char *db = xa_test_path ("demo.db");
  g_autoptr(XaDemoServer) demo = xa_demo_server_new (db);
  g_autoptr(GDir) proc = NULL;
  const char *name;
  const char *token;
  gboolean done = FALSE, seen = FALSE;

  xa_demo_server_start_async (demo, NULL, demo_started_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  token = xa_demo_server_get_token (demo);
  g_assert_true (strlen (token) > 16);

  proc = g_dir_open ("/proc", 0, NULL);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *cmdline = NULL;

      if (!g_ascii_isdigit (name[0]))
        continue;
      cmdline = cmdline_of (atoi (name));
      g_assert_null (strstr (cmdline, token));
      if (strstr (cmdline, db) != NULL && strstr (cmdline, "--demo") != NULL)
        seen = TRUE;
    }
  g_assert_true (seen);
  {
    g_autofree char *url = g_strdup (xa_demo_server_get_url (demo));
    Server server = { .port = (guint16) atoi (strrchr (url, ':') + 1) };
    g_autofree char *good = g_strdup_printf ("GET /api/v1/changes?limit=1 HTTP/1.1\r\nHost: x\r\n"
                                             "Authorization: Bearer %s\r\n\r\n", token);

    g_assert_cmpuint (exchange (&server, good, NULL), ==, 200);
  }
  xa_demo_server_stop (demo);
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  g_test_add_func ("/hardening/fds-flat", test_fds_flat);
  g_test_add_func ("/hardening/refuse-early", test_refuse_early);
  g_test_add_func ("/hardening/malformed", test_malformed);
  g_test_add_func ("/hardening/slow-clients", test_slow_clients);
  g_test_add_func ("/hardening/backlog", test_backlog);
  g_test_add_func ("/hardening/secrets", test_secrets);
  g_test_add_func ("/hardening/demo-launcher", test_demo_launcher);

  return g_test_run ();
}
