/* xa-window-server.c — which records server the window syncs from, and with which token:
 * the connect dialog (which also leaves the demo), Preferences (a new address or token
 * applies at once; a new Tianditu key reloads the basemap), the token saved in the keyring
 * (read for the server in use, stored once entered), and the automatic sync every few
 * minutes. The demo city brings its own server and token (xa-window-demo.c): the keyring,
 * the address setting and Preferences leave them alone. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-connect-dialog.h"
#include "xa-keyring.h"
#include "xa-preferences-window.h"
#include "xa-window-private.h"

/* Stops a pending token lookup; its answer is not wanted any more. */
void
_xa_window_cancel_token_lookup (XaWindow *self)
{
  g_cancellable_cancel (self->lookup_cancellable);
  g_object_unref (self->lookup_cancellable);
  self->lookup_cancellable = g_cancellable_new ();
}

static void
token_stored_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(XaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (xa_keyring_store_finish (result, &error) || self->settings == NULL
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  {
    /* Translators: %s says why the keyring could not be used. */
    g_autofree char *text = g_strdup_printf (_("The token is used until you quit, but it "
                                               "could not be saved: %s"), error->message);
    AdwToast *toast = adw_toast_new (text);

    adw_toast_set_timeout (toast, 0);
    xa_window_add_toast (self, toast);
  }
}

/* Keeps @token for @url in the desktop keyring, never in settings or logs. */
static void
remember_token (XaWindow   *self,
                const char *url,
                const char *token)
{
  if (token == NULL || *token == '\0')
    return;
  xa_keyring_store (XA_SECRET_ACCESS_TOKEN, url, token, self->keyring_cancellable,
                    token_stored_cb, g_object_ref (self));
}

static void
connect_response_cb (XaConnectDialog *dialog,
                     const char      *response,
                     XaWindow        *self)
{
  const char *url;

  if (g_strcmp0 (response, "connect") != 0)
    return;

  url = xa_connect_dialog_get_url (dialog);

  /* Leaving the demo: the real server's records go to the real store. */
  if (self->is_demo)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      self->is_demo = FALSE;
      if (XA_IS_APPLICATION (app))
        _xa_window_set_store_path (self, xa_application_get_store_path (XA_APPLICATION (app)));
    }
  xa_window_set_server (self, url, xa_connect_dialog_get_token (dialog));
  /* After the window has the address, so _xa_window_server_url_changed() has nothing left
   * to do. */
  g_settings_set_string (self->settings, "server-url", url);
  remember_token (self, url, xa_connect_dialog_get_token (dialog));
  _xa_window_reload (self);
  _xa_window_start_sync (self);
}

void
_xa_window_connect_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);
  GtkWidget *dialog;

  dialog = xa_connect_dialog_new (GTK_WINDOW (self),
                                  self->is_demo ? NULL : self->server_url,
                                  self->is_demo ? NULL : self->token);
  g_signal_connect (dialog, "response", G_CALLBACK (connect_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_token_changed_cb (XaWindow   *self,
                              const char *server_url,
                              const char *token)
{
  /* The demo's own token comes from the demo server, never from the preferences. */
  if (self->is_demo || self->demo_starting)
    return;
  xa_window_set_server (self, server_url, *token != '\0' ? token : NULL);
  if (*token != '\0')
    _xa_window_start_sync (self);
}

void
_xa_window_preferences_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);
  GtkWidget *preferences = xa_preferences_window_new (GTK_WINDOW (self), self->settings);

  g_signal_connect_object (preferences, "token-changed",
                           G_CALLBACK (preferences_token_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (preferences, "tianditu-key-changed",
                           G_CALLBACK (xa_map_view_reload_basemap), self->map_view,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static gboolean
auto_sync_cb (gpointer user_data)
{
  XaWindow *self = user_data;

  /* Only when a server and token are known: an automatic sync must never open a dialog. */
  if (self->sync_client == NULL && !self->demo_starting && self->server_url != NULL
      && self->token != NULL)
    _xa_window_start_sync (self);
  return G_SOURCE_CONTINUE;
}

void
_xa_window_schedule_auto_sync (XaWindow *self)
{
  int minutes = g_settings_get_int (self->settings, "sync-interval-minutes");

  g_clear_handle_id (&self->auto_sync_id, g_source_remove);
  if (minutes > 0)
    self->auto_sync_id = g_timeout_add_seconds ((guint) minutes * 60, auto_sync_cb, self);
}

typedef struct
{
  XaWindow *window;
  char     *url;
} TokenLookup;

static void
saved_token_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TokenLookup *lookup = user_data;
  g_autoptr(XaWindow) self = lookup->window;
  g_autofree char *url = lookup->url;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = xa_keyring_lookup_finish (result, &error);

  g_free (lookup);
  if (self->settings == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The token of the server asked about goes to that server only: not to an address set
   * since, nor to the demo. */
  if (self->demo_starting || self->is_demo || g_strcmp0 (url, self->server_url) != 0)
    return;
  if (error != NULL)
    {
      /* Not fatal: the records on this computer still show; a sync will ask for the token. */
      g_autofree char *text = g_strdup_printf (_("The saved token could not be read: %s"),
                                               error->message);

      xa_window_add_toast (self, adw_toast_new (text));
      return;
    }
  if (token == NULL || self->token != NULL)
    return;
  self->token = g_steal_pointer (&token);
  if (self->sync_client != NULL)
    self->sync_when_done = TRUE;
  else
    _xa_window_start_sync (self);
}

/* Reads the token saved for the server in use, then syncs with it. */
void
_xa_window_lookup_token (XaWindow *self)
{
  TokenLookup *lookup = g_new0 (TokenLookup, 1);

  g_assert (self->server_url != NULL);
  _xa_window_cancel_token_lookup (self);
  lookup->window = g_object_ref (self);
  lookup->url = g_strdup (self->server_url);
  xa_keyring_lookup (XA_SECRET_ACCESS_TOKEN, self->server_url, XA_KEYRING_LOOKUP_NONE,
                     self->lookup_cancellable, saved_token_cb, lookup);
}

/* A new (or emptied) address from Preferences is used at once, as the help says. */
void
_xa_window_server_url_changed (XaWindow *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "server-url");
  const char *url = *setting != '\0' ? setting : NULL;

  /* The demo keeps its own server; the address is used once the demo is left. */
  if (self->is_demo || self->demo_starting || g_strcmp0 (url, self->server_url) == 0)
    return;

  /* What a sync to the old address has received so far is kept. */
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  _xa_window_cancel_token_lookup (self);
  self->sync_when_done = FALSE;
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  xa_window_set_server (self, url, NULL);
  _xa_window_reload (self);
  if (url != NULL)
    _xa_window_lookup_token (self);
}
