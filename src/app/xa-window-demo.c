/* xa-window-demo.c — the window's "open the demo city": starting the demo server, then
 * switching the window to the demo's own store, server and token (after any sync to the
 * real server has stopped), and starting the demo store afresh when it was filled from an
 * earlier demo at another address. Leaving the demo is connecting to a server
 * (xa-window-server.c). */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "xa-window-private.h"

/* The demo store mirrors only the demo server running now. One filled from an earlier
 * demo at another address (its port was taken) is another server's store (see
 * xa_store_dup_server()), into which no sync goes; and laying today's city over it would
 * keep what today's city no longer has, such as last season's flood checks. It is only a
 * demo, in a file of its own: start it afresh. */
static void
forget_stale_demo_store (XaWindow   *self,
                         const char *demo_store,
                         const char *user_store,
                         const char *url)
{
  g_autoptr(XaStore) store = NULL;
  g_autofree char *owner = NULL;
  const char * const suffixes[] = { "", "-wal", "-shm", ".resync" };

  /* Only ever the demo's own file: whatever the application calls its records file holds
   * a bureau's records, which nothing here may remove. */
  if (!g_file_test (demo_store, G_FILE_TEST_EXISTS) || g_strcmp0 (demo_store, user_store) == 0)
    return;
  if (self->store != NULL && g_strcmp0 (xa_store_get_path (self->store), demo_store) == 0)
    store = g_object_ref (self->store);
  else
    store = xa_store_open (demo_store, NULL);
  if (store == NULL)
    return;
  owner = xa_store_dup_server (store);
  if (owner == NULL || g_strcmp0 (owner, url) == 0)
    return;

  /* Every connection closes before the files go. */
  g_clear_object (&store);
  if (self->store != NULL && g_strcmp0 (xa_store_get_path (self->store), demo_store) == 0)
    {
      xa_map_view_clear (self->map_view);
      g_clear_object (&self->store);
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (demo_store, suffixes[i], NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        g_warning ("Could not remove the old demo records %s: %s", path, g_strerror (errno));
    }
}

/* The demo server is running and no sync is: the demo's store, server and token. */
void
_xa_window_switch_to_demo (XaWindow *self)
{
  g_autoptr(XaDemoServer) demo = g_steal_pointer (&self->started_demo);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  self->demo_starting = FALSE;
  _xa_window_set_syncing (self, FALSE);
  if (XA_IS_APPLICATION (app))
    {
      g_autofree char *demo_store = xa_application_dup_demo_store_path (XA_APPLICATION (app));

      forget_stale_demo_store (self, demo_store,
                               xa_application_get_store_path (XA_APPLICATION (app)),
                               xa_demo_server_get_url (demo));
      _xa_window_set_store_path (self, demo_store);
    }
  self->is_demo = TRUE;
  g_free (self->server_url);
  self->server_url = g_strdup (xa_demo_server_get_url (demo));
  g_free (self->token);
  self->token = g_strdup (xa_demo_server_get_token (demo));
  _xa_window_reload (self);
  _xa_window_start_sync (self);
}

static void
demo_started_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(XaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  XaDemoServer *demo = XA_DEMO_SERVER (source);
  gboolean started = xa_demo_server_start_finish (demo, result, &error);

  if (self->settings == NULL)
    return;
  if (!started)
    {
      self->demo_starting = FALSE;
      _xa_window_set_syncing (self, FALSE);
      _xa_window_show_error_strip (self, error);
      _xa_window_reload (self);
      /* Back to the real server: the token lookup the demo cancelled is needed again. */
      if (!self->is_demo && self->server_url != NULL && self->token == NULL)
        _xa_window_lookup_token (self);
      return;
    }

  self->started_demo = g_object_ref (demo);
  /* A sync cancelled for the demo may still be writing to its store: sync_done_cb() in
   * xa-window.c switches once it has finished. */
  if (self->sync_client == NULL)
    _xa_window_switch_to_demo (self);
}

void
_xa_window_open_demo_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!XA_IS_APPLICATION (app) || self->demo_starting)
    return;

  /* Nothing of the real server may start or go on while the demo takes over. */
  self->demo_starting = TRUE;
  _xa_window_cancel_token_lookup (self);
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_label (self->progress_label, _("Starting the demo server…"));
  adw_status_page_set_title (self->busy_page, _("Opening the Demo City…"));
  adw_status_page_set_description (self->busy_page, _("Starting the demo server…"));
  _xa_window_set_syncing (self, TRUE);
  /* Keep the cancel button off: the start cannot be cancelled half-way. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", FALSE);
  _xa_window_start_pulse (self);
  _xa_window_show_page (self, "busy");
  xa_demo_server_start_async (xa_application_get_demo_server (XA_APPLICATION (app)), NULL,
                              demo_started_cb, g_object_ref (self));
}
