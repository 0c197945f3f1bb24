/* xa-test-keyring.c — see xa-test-keyring.h. The bus has no service directories, so a
 * test that wants "no keyring" really gets none, even where gnome-keyring is installed
 * and D-Bus activation would start it. */
#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <signal.h>

#include "xa-test-keyring.h"
#include "xa-test-util.h"

#define SECRETS_NAME "org.freedesktop.secrets"

struct _XaTestKeyring
{
  char            *dir;
  char            *address;
  char            *saved_address;
  GSubprocess     *bus;
  GSubprocess     *keyring;
  GDBusConnection *connection;
};

static const char bus_config[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>session</type>\n"
  "  <listen>unix:dir=%s</listen>\n"
  "  <auth>EXTERNAL</auth>\n"
  "  <policy context=\"default\">\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

static char *
make_dir (const char *parent,
          const char *name)
{
  char *dir = g_build_filename (parent, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static void
start_bus (XaTestKeyring *self)
{
  g_autofree char *config_path = g_build_filename (self->dir, "bus.conf", NULL);
  g_autofree char *config = g_markup_printf_escaped (bus_config, self->dir);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, xa_test_die_with_parent, NULL, NULL);
  self->bus = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon",
                                           "--config-file", config_path,
                                           "--print-address=1", "--nofork", NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->bus));
  self->address = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (self->address);
  g_assert_true (g_str_has_prefix (self->address, "unix:"));
}

static gboolean
name_has_owner (GDBusConnection *connection,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

static gboolean
has_default_collection (XaTestKeyring *self)
{
  g_autoptr(GVariant) reply = NULL;
  const char *path = "/";

  reply = g_dbus_connection_call_sync (self->connection, SECRETS_NAME, "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "ReadAlias",
                                       g_variant_new ("(s)", "default"), G_VARIANT_TYPE ("(o)"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(&o)", &path);
  return !g_str_equal (path, "/");
}

static void
start_secret_service (XaTestKeyring *self)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = make_dir (self->dir, "home");
  g_autofree char *data = make_dir (self->dir, "data");
  g_autofree char *config = make_dir (self->dir, "config");
  g_autofree char *runtime = make_dir (self->dir, "runtime");
  GOutputStream *input;
  gint64 deadline;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, xa_test_die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", self->address, TRUE);
  /* Nothing may wait for a person at a prompt. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  self->keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                               "--foreground", "--components=secrets",
                                               "--unlock", NULL);
  g_assert_no_error (error);

  /* --unlock reads the password of the login keyring (created on first use) up to EOF. */
  input = g_subprocess_get_stdin_pipe (self->keyring);
  g_output_stream_write_all (input, "test-password", 13, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, &error);
  g_assert_no_error (error);

  /* Ready when the login keyring it makes from the password is the default one. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!name_has_owner (self->connection, SECRETS_NAME) || !has_default_collection (self))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
}

XaTestKeyring *
xa_test_keyring_start (gboolean with_secret_service)
{
  XaTestKeyring *self = g_new0 (XaTestKeyring, 1);
  g_autoptr(GError) error = NULL;

  self->dir = xa_test_path ("bus");
  g_assert_cmpint (g_mkdir_with_parents (self->dir, 0700), ==, 0);
  start_bus (self);

  self->saved_address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", self->address, TRUE);

  /* This becomes GIO's session bus for the process while the test runs; it must not take
   * the process down when the bus goes away at the end. */
  self->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_set_exit_on_close (self->connection, FALSE);
  g_assert_false (g_dbus_connection_is_closed (self->connection));
  g_assert_false (name_has_owner (self->connection, SECRETS_NAME));

  if (with_secret_service)
    start_secret_service (self);
  return self;
}

const char *
xa_test_keyring_get_address (XaTestKeyring *self)
{
  return self->address;
}

static void
stop_process (GSubprocess **process)
{
  if (*process == NULL)
    return;
  g_subprocess_send_signal (*process, SIGTERM);
  g_subprocess_wait (*process, NULL, NULL);
  g_clear_object (process);
}

void
xa_test_keyring_stop_secret_service (XaTestKeyring *self)
{
  stop_process (&self->keyring);
  /* libsecret would go on talking to the daemon it knew. */
  secret_service_disconnect ();
}

void
xa_test_keyring_stop (XaTestKeyring *self)
{
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  if (self == NULL)
    return;

  /* libsecret keeps one SecretService per process, and GIO one session connection: both
   * go, so the next test connects to its own bus. */
  secret_service_disconnect ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_dbus_connection_close_sync (self->connection, NULL, &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (self->connection), (gpointer *) &self->connection);
  g_object_unref (self->connection);
  /* Proxies let go of the connection from idle callbacks, some of them only after the
   * worker thread has seen the close. */
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (self->connection != NULL && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  if (self->connection != NULL)
    {
      g_test_message ("the session bus connection is still referenced after the test");
      g_object_remove_weak_pointer (G_OBJECT (self->connection), (gpointer *) &self->connection);
    }

  stop_process (&self->keyring);
  stop_process (&self->bus);

  if (self->saved_address != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", self->saved_address, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");

  g_free (self->dir);
  g_free (self->address);
  g_free (self->saved_address);
  g_free (self);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The result the call that got @slot gives, once it has answered: the default main context
 * runs until then. */
static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Gives @local_error to the caller's @error, or, where the caller passed none, holds that
 * the call succeeded. Returns @ok. */
static gboolean
handed_on (gboolean   ok,
           GError   **local_error,
           GError   **error)
{
  if (error == NULL)
    {
      g_assert_no_error (*local_error);
      g_assert_true (ok);
    }
  if (*local_error != NULL)
    g_propagate_error (error, g_steal_pointer (local_error));
  return ok;
}

gboolean
xa_test_keyring_store_secret (XaSecretKind   kind,
                              const char    *server_url,
                              const char    *secret,
                              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *local_error = NULL;

  xa_keyring_store (kind, server_url, secret, NULL, result_cb, &result);
  return handed_on (xa_keyring_store_finish (wait_result (&result), &local_error),
                    &local_error, error);
}

char *
xa_test_keyring_lookup_secret (XaSecretKind   kind,
                               const char    *server_url,
                               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *local_error = NULL;
  char *secret;

  xa_keyring_lookup (kind, server_url, XA_KEYRING_LOOKUP_NONE, NULL, result_cb, &result);
  secret = xa_keyring_lookup_finish (wait_result (&result), &local_error);
  handed_on (TRUE, &local_error, error);
  return secret;
}

gboolean
xa_test_keyring_clear_secret (XaSecretKind   kind,
                              const char    *server_url,
                              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *local_error = NULL;

  xa_keyring_clear (kind, server_url, NULL, result_cb, &result);
  return handed_on (xa_keyring_clear_finish (wait_result (&result), &local_error),
                    &local_error, error);
}
