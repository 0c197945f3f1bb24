/* xa-demo-server.c — see xa-demo-server.h. The child dies with us (PR_SET_PDEATHSIG) so a
 * crashed app never leaves a server behind holding the demo database.
 *
 * The demo city is dated today (--demo-now today) and kept between runs; a key file beside
 * the server's database says for which day it was made and on which port it was served.
 * A city of another day is deleted before the server starts, so the server makes today's
 * (half a second). The port is asked for again so the demo keeps its URL: the app's mirror
 * keeps its sync cursor per URL, so on the same day a reopened demo syncs nothing new, and
 * after a new city the server answers the old cursor with 410 (another database) and the
 * sync client rebuilds the mirror from scratch and swaps it in whole, leaving nothing of
 * yesterday's city. When the port is taken, any free one is used; the session then finds
 * no cursor for the new URL in the mirror and deletes it before syncing it afresh
 * (forget_stale_demo_store() in xa-session.c), so nothing of an older city stays. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "xa-calendar.h"
#include "xa-demo-server.h"

/* Generating the demo city on a first start takes a few seconds on a slow machine. */
#define START_TIMEOUT_SECONDS 60
#define STOP_GRACE_MS 3000

struct _XaDemoServer
{
  GObject           parent_instance;

  char             *db_path;
  char             *state_path;      /* the key file of the stored city */
  char             *day;             /* the day the running server's city is dated */
  guint             port;            /* asked of the child now; 0 for any */
  char             *binary;
  char             *token;
  char             *url;
  GSubprocess      *process;
  GDataInputStream *stdout_lines;
  GCancellable     *cancellable;     /* the reads and the wait on the child */
  GPtrArray        *pending;         /* GTask* waiting for the URL */
  guint             timeout_id;
};

G_DEFINE_FINAL_TYPE (XaDemoServer, xa_demo_server, G_TYPE_OBJECT)
G_DEFINE_QUARK (xa-demo-server-error-quark, xa_demo_server_error)

static void
complete_pending (XaDemoServer *self,
                  const GError *error)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);

  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      GTask *task = g_ptr_array_index (pending, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static gboolean spawn_server (XaDemoServer  *self,
                              GError       **error);

static void
fail_start (XaDemoServer *self,
            GError       *error)
{
  g_autoptr(GError) owned = error;

  g_debug ("demo server: %s", error->message);
  if (self->process != NULL)
    g_subprocess_force_exit (self->process);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stdout_lines);
  g_clear_object (&self->process);
  g_clear_pointer (&self->url, g_free);

  /* The port of the last run may be taken by now: any free one will do. */
  if (self->port != 0 && g_error_matches (owned, XA_DEMO_SERVER_ERROR, XA_DEMO_SERVER_ERROR_FAILED))
    {
      g_autoptr(GError) spawn_error = NULL;

      self->port = 0;
      if (spawn_server (self, &spawn_error))
        return;
      g_debug ("demo server: %s", spawn_error->message);
    }
  complete_pending (self, owned);
}

#define STATE_GROUP "demo-city"

/* The day of the city a server started now makes: it dates the city to the last 09:00 in
 * Linyi, UTC+8 (xs_demo_city_now_for() in src/server/xs-demo-city.c), so before that hour
 * it is still yesterday's city. */
static char *
demo_day (void)
{
  g_autoptr(GTimeZone) linyi = g_time_zone_new_offset (XA_CALENDAR_UTC_OFFSET);
  g_autoptr(GDateTime) now = g_date_time_new_now (linyi);
  g_autoptr(GDateTime) morning = g_date_time_add_hours (now, -9);

  return g_date_time_format (morning, "%Y-%m-%d");
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_debug ("demo server: could not remove %s: %s", file, g_strerror (errno));
    }
}

/* Removes a stored city of another day (or of unknown date), so the server makes today's,
 * and returns the port the last run was served on, 0 when none is known. */
static guint
prepare_database (XaDemoServer *self)
{
  g_autoptr(GKeyFile) state = g_key_file_new ();
  g_autofree char *dated = NULL;
  guint64 port = 0;

  if (g_key_file_load_from_file (state, self->state_path, G_KEY_FILE_NONE, NULL))
    {
      dated = g_key_file_get_string (state, STATE_GROUP, "dated", NULL);
      port = g_key_file_get_uint64 (state, STATE_GROUP, "port", NULL);
    }
  if (g_strcmp0 (dated, self->day) != 0)
    {
      g_debug ("demo server: the stored city is dated %s; making the city of %s",
               dated != NULL ? dated : "(unknown)", self->day);
      remove_database (self->db_path);
    }
  return port <= 65535 ? (guint) port : 0;
}

static void
save_state (XaDemoServer *self)
{
  g_autoptr(GKeyFile) state = g_key_file_new ();
  g_autoptr(GUri) uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;

  g_key_file_set_string (state, STATE_GROUP, "dated", self->day);
  if (uri != NULL && g_uri_get_port (uri) > 0)
    g_key_file_set_uint64 (state, STATE_GROUP, "port", g_uri_get_port (uri));
  /* Without it the next start only makes the city again. */
  if (!g_key_file_save_to_file (state, self->state_path, &error))
    g_debug ("demo server: %s", error->message);
}

static void read_line_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
read_next_line (XaDemoServer *self)
{
  g_data_input_stream_read_line_async (self->stdout_lines, G_PRIORITY_DEFAULT,
                                       self->cancellable, read_line_cb, g_object_ref (self));
}

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(XaDemoServer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                    NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A child that failed and was replaced: its last read is none of our business. */
  if (G_DATA_INPUT_STREAM (source) != self->stdout_lines)
    return;

  if (self->url != NULL)
    {
      /* Keep draining stdout so the child never blocks on a full pipe. */
      if (line != NULL)
        read_next_line (self);
      return;
    }

  if (line == NULL || !g_str_has_prefix (line, "http"))
    {
      fail_start (self, g_error_new (XA_DEMO_SERVER_ERROR, XA_DEMO_SERVER_ERROR_FAILED,
                                     _("The demo server stopped before it was ready: %s"),
                                     error != NULL ? error->message
                                     : line != NULL ? line
                                     : _("no address printed")));
      return;
    }

  g_strstrip (line);
  if (g_str_has_suffix (line, "/"))
    line[strlen (line) - 1] = '\0';
  self->url = g_steal_pointer (&line);
  g_debug ("demo server listening at %s", self->url);
  save_state (self);
  complete_pending (self, NULL);
  read_next_line (self);
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(XaDemoServer) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error))
    return;   /* cancelled: stop() or dispose is handling it */

  if (self->process != G_SUBPROCESS (source))
    return;

  /* It exited by itself: forget it, so the next start launches a fresh one. */
  g_debug ("demo server exited");
  if (self->url == NULL)
    {
      fail_start (self, g_error_new_literal (XA_DEMO_SERVER_ERROR, XA_DEMO_SERVER_ERROR_FAILED,
                                             _("The demo server stopped before it was ready.")));
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stdout_lines);
  g_clear_object (&self->process);
  g_clear_pointer (&self->url, g_free);
}

static gboolean
start_timeout_cb (gpointer user_data)
{
  XaDemoServer *self = user_data;

  self->timeout_id = 0;
  fail_start (self, g_error_new (XA_DEMO_SERVER_ERROR, XA_DEMO_SERVER_ERROR_TIMEOUT,
                                 _("The demo server did not start within %d seconds."),
                                 START_TIMEOUT_SECONDS));
  return G_SOURCE_REMOVE;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
is_executable (const char *path)
{
  return path != NULL && g_file_test (path, G_FILE_TEST_IS_EXECUTABLE)
         && !g_file_test (path, G_FILE_TEST_IS_DIR);
}

char *
xa_demo_server_find_binary (void)
{
  const char *env = g_getenv ("XIAOQU_SERVER");
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *self_dir = self_exe != NULL ? g_path_get_dirname (self_exe) : NULL;
  g_autofree char *installed = g_build_filename (BINDIR, "xiaoqu-server", NULL);

  if (is_executable (env))
    return g_strdup (env);
  /* An installed app uses the installed server even if a build tree is still around. */
  if (self_dir != NULL && g_strcmp0 (self_dir, BINDIR) == 0 && is_executable (installed))
    return g_steal_pointer (&installed);
  if (is_executable (BUILD_SERVER_PATH))
    return g_strdup (BUILD_SERVER_PATH);
  if (is_executable (installed))
    return g_steal_pointer (&installed);
  return g_find_program_in_path ("xiaoqu-server");
}

static char *
random_token (void)
{
  g_autofree char *a = g_uuid_string_random ();
  g_autofree char *b = g_uuid_string_random ();

  return g_strconcat ("demo-", a, "-", b, NULL);
}

XaDemoServer *
xa_demo_server_new (const char *db_path)
{
  XaDemoServer *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (XA_TYPE_DEMO_SERVER, NULL);
  self->db_path = g_strdup (db_path);
  self->state_path = g_strconcat (db_path, ".state", NULL);
  return self;
}

static gboolean
spawn_server (XaDemoServer  *self,
              GError       **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *port = g_strdup_printf ("%u", self->port);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* In the environment, which only this user can read, not on the command line, which
   * every user sees in the process list. */
  g_subprocess_launcher_setenv (launcher, "XIAOQU_SERVER_TOKEN", self->token, TRUE);
  self->process = g_subprocess_launcher_spawn (launcher, error, self->binary,
                                               "--demo", "--demo-now", "today",
                                               "--port", port,
                                               "--db", self->db_path,
                                               NULL);
  if (self->process == NULL)
    return FALSE;

  self->cancellable = g_cancellable_new ();
  self->stdout_lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  read_next_line (self);
  g_subprocess_wait_async (self->process, self->cancellable, wait_cb, g_object_ref (self));
  return TRUE;
}

void
xa_demo_server_start_async (XaDemoServer        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_dir = NULL;
  gboolean starting;

  g_return_if_fail (XA_IS_DEMO_SERVER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, xa_demo_server_start_async);

  if (self->url != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  starting = self->process != NULL;
  g_ptr_array_add (self->pending, g_steal_pointer (&task));
  if (starting)
    return;

  g_free (self->binary);
  self->binary = xa_demo_server_find_binary ();
  if (self->binary == NULL)
    {
      fail_start (self, g_error_new_literal (XA_DEMO_SERVER_ERROR, XA_DEMO_SERVER_ERROR_NOT_FOUND,
                                             _("The demo server (xiaoqu-server) is not installed. "
                                               "Reinstall Xiaoqu Atlas to get it back.")));
      return;
    }

  db_dir = g_path_get_dirname (self->db_path);
  g_mkdir_with_parents (db_dir, 0700);

  g_free (self->token);
  self->token = random_token ();
  g_free (self->day);
  self->day = demo_day ();
  self->port = prepare_database (self);

  if (!spawn_server (self, &error))
    {
      /* Not worth a second try on another port: the binary itself would not run. */
      self->port = 0;
      fail_start (self, g_error_new (XA_DEMO_SERVER_ERROR, XA_DEMO_SERVER_ERROR_FAILED,
                                     _("Could not start the demo server %s: %s"),
                                     self->binary, error->message));
      return;
    }
  self->timeout_id = g_timeout_add_seconds (START_TIMEOUT_SECONDS, start_timeout_cb, self);
}

gboolean
xa_demo_server_start_finish (XaDemoServer  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
xa_demo_server_is_running (XaDemoServer *self)
{
  g_return_val_if_fail (XA_IS_DEMO_SERVER (self), FALSE);

  return self->url != NULL;
}

const char *
xa_demo_server_get_url (XaDemoServer *self)
{
  g_return_val_if_fail (XA_IS_DEMO_SERVER (self), NULL);

  return self->url;
}

const char *
xa_demo_server_get_token (XaDemoServer *self)
{
  g_return_val_if_fail (XA_IS_DEMO_SERVER (self), NULL);

  return self->token;
}

static void
stop_wait_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
stop_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
xa_demo_server_stop (XaDemoServer *self)
{
  g_autoptr(GSubprocess) process = NULL;
  gboolean done = FALSE;
  gboolean timed_out = FALSE;
  guint timeout_id;

  g_return_if_fail (XA_IS_DEMO_SERVER (self));

  if (self->process == NULL)
    return;

  process = g_steal_pointer (&self->process);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stdout_lines);
  g_clear_pointer (&self->url, g_free);

  /* SIGTERM lets the server close its database cleanly; a stuck one is killed. */
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, stop_wait_cb, &done);
  timeout_id = g_timeout_add (STOP_GRACE_MS, stop_timeout_cb, &timed_out);
  while (!done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!done)
    {
      g_subprocess_force_exit (process);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    g_source_remove (timeout_id);

  {
    g_autoptr(GError) error = g_error_new_literal (XA_DEMO_SERVER_ERROR,
                                                   XA_DEMO_SERVER_ERROR_FAILED,
                                                   _("The demo server was stopped."));
    complete_pending (self, error);
  }
}

static void
xa_demo_server_dispose (GObject *object)
{
  XaDemoServer *self = XA_DEMO_SERVER (object);

  if (self->process != NULL)
    xa_demo_server_stop (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (xa_demo_server_parent_class)->dispose (object);
}

static void
xa_demo_server_finalize (GObject *object)
{
  XaDemoServer *self = XA_DEMO_SERVER (object);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_free (self->db_path);
  g_free (self->state_path);
  g_free (self->day);
  g_free (self->binary);
  g_free (self->token);
  g_free (self->url);

  G_OBJECT_CLASS (xa_demo_server_parent_class)->finalize (object);
}

static void
xa_demo_server_class_init (XaDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xa_demo_server_dispose;
  object_class->finalize = xa_demo_server_finalize;
}

static void
xa_demo_server_init (XaDemoServer *self)
{
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
}
