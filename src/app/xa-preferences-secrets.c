/* xa-preferences-secrets.c — see xa-preferences-secrets-private.h. The access token and the
 * Tianditu key share their handling; the token differs only in belonging to a server. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-preferences-secrets-private.h"

typedef struct
{
  GtkEditable  *entry;
  AdwActionRow *status;
  GtkImage     *icon;
} SecretRows;

struct _XaPreferencesSecrets
{
  GObject             *owner;
  GSettings           *settings;
  XaSecretAppliedFunc  applied;
  GCancellable        *cancellable;     /* lookups; cancelled when the window goes */
  guint                pending;         /* keyring requests under way */
  gboolean             stopped;
  SecretRows           rows[2];         /* indexed by XaSecretKind */
};

typedef struct
{
  XaPreferencesSecrets *self;
  XaSecretKind          kind;
  char                 *server_url;
  char                 *secret;
} SecretRequest;

static SecretRequest *
secret_request_new (XaPreferencesSecrets *self,
                    XaSecretKind          kind,
                    const char           *server_url,
                    const char           *secret)
{
  SecretRequest *request = g_new0 (SecretRequest, 1);

  request->self = self;
  request->kind = kind;
  request->server_url = g_strdup (server_url);
  request->secret = g_strdup (secret);
  return request;
}

static void
secret_request_free (SecretRequest *request)
{
  g_free (request->server_url);
  g_free (request->secret);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecretRequest, secret_request_free)

static SecretRows *
secret_rows (XaPreferencesSecrets *self,
             XaSecretKind          kind)
{
  g_assert (kind < G_N_ELEMENTS (self->rows));
  return &self->rows[kind];
}

static void
show_secret_status (XaPreferencesSecrets *self,
                    XaSecretKind          kind,
                    gboolean              ok,
                    const char           *title,
                    const char           *subtitle)
{
  SecretRows *rows = secret_rows (self, kind);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->status), title);
  adw_action_row_set_subtitle (rows->status, subtitle);
  gtk_image_set_from_icon_name (rows->icon,
                                ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (rows->status), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (rows->status), "warning");
  gtk_widget_set_visible (GTK_WIDGET (rows->status), TRUE);
}

static void
show_keyring_error (XaPreferencesSecrets *self,
                    XaSecretKind          kind,
                    const GError         *error)
{
  const char *title = g_error_matches (error, XA_KEYRING_ERROR, XA_KEYRING_ERROR_UNAVAILABLE)
                      ? _("No Keyring Available")
                      : _("Not Saved in the Keyring");

  show_secret_status (self, kind, FALSE, title, error->message);
}

static void
secret_lookup_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SecretRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = xa_keyring_lookup_finish (result, &error);
  XaPreferencesSecrets *self;
  g_autofree char *current_url = NULL;
  SecretRows *rows;

  /* Cancelled only when the window is gone, and @self with it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = request->self;
  self->pending--;

  /* An answer for a server that is no longer the one set is of no use. */
  current_url = g_settings_get_string (self->settings, "server-url");
  if (request->kind == XA_SECRET_ACCESS_TOKEN && g_strcmp0 (current_url, request->server_url) != 0)
    return;

  rows = secret_rows (self, request->kind);
  if (error != NULL)
    show_keyring_error (self, request->kind, error);
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (rows->status), FALSE);
      /* What the user started typing meanwhile wins. */
      if (secret != NULL && *gtk_editable_get_text (rows->entry) == '\0')
        gtk_editable_set_text (rows->entry, secret);
    }
}

void
_xa_preferences_secrets_lookup (XaPreferencesSecrets *self,
                                XaSecretKind          kind)
{
  g_autofree char *server_url = g_settings_get_string (self->settings, "server-url");
  SecretRows *rows = secret_rows (self, kind);

  gtk_editable_set_text (rows->entry, "");
  gtk_widget_set_visible (GTK_WIDGET (rows->status), FALSE);
  if (kind == XA_SECRET_ACCESS_TOKEN && *server_url == '\0')
    return;

  self->pending++;
  xa_keyring_lookup (kind, server_url, XA_KEYRING_LOOKUP_NONE, self->cancellable,
                     secret_lookup_cb, secret_request_new (self, kind, server_url, NULL));
}

static void
secret_saved (SecretRequest *request,
              gboolean       stored,
              const GError  *error)
{
  XaPreferencesSecrets *self = request->self;

  self->pending--;
  if (!self->stopped)
    {
      if (error != NULL)
        show_keyring_error (self, request->kind, error);
      else if (request->kind == XA_SECRET_ACCESS_TOKEN)
        {
          g_autofree char *subtitle = NULL;

          if (stored)
            subtitle = g_strdup_printf (_("The token for %s is kept in the desktop keyring."),
                                        request->server_url);
          else
            subtitle = g_strdup_printf (_("No token is kept for %s any more."),
                                        request->server_url);

          show_secret_status (self, request->kind, TRUE,
                              stored ? _("Saved in the Keyring") : _("Removed from the Keyring"),
                              subtitle);
        }
      else
        show_secret_status (self, request->kind, TRUE,
                            stored ? _("Saved in the Keyring") : _("Removed from the Keyring"),
                            stored ? _("The Tianditu key is kept in the desktop keyring.")
                                   : _("No Tianditu key is kept any more."));
    }

  /* Even without a keyring the new secret is to be used, for this session at least. */
  self->applied (self->owner, request->kind, request->server_url, request->secret);
}

static void
secret_store_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SecretRequest) request = user_data;
  g_autoptr(GObject) owner = request->self->owner;   /* the reference taken for the store */
  g_autoptr(GError) error = NULL;

  xa_keyring_store_finish (result, &error);
  secret_saved (request, TRUE, error);
}

static void
secret_clear_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SecretRequest) request = user_data;
  g_autoptr(GObject) owner = request->self->owner;
  g_autoptr(GError) error = NULL;

  xa_keyring_clear_finish (result, &error);
  secret_saved (request, FALSE, error);
}

void
_xa_preferences_secrets_apply (XaPreferencesSecrets *self,
                               XaSecretKind          kind)
{
  g_autofree char *server_url = g_settings_get_string (self->settings, "server-url");
  SecretRows *rows = secret_rows (self, kind);
  g_autofree char *secret = g_strstrip (g_strdup (gtk_editable_get_text (rows->entry)));
  SecretRequest *request;

  if (kind == XA_SECRET_ACCESS_TOKEN && *server_url == '\0')
    {
      show_secret_status (self, kind, FALSE, _("No Server Address"),
                          _("Enter the server address above and press Enter first: the token "
                            "is kept for that server."));
      return;
    }

  /* No cancellable, and a reference to the owner, which frees @self: the store finishes
   * even if the window closes. */
  self->pending++;
  g_object_ref (self->owner);
  request = secret_request_new (self, kind, server_url, secret);
  if (*secret != '\0')
    xa_keyring_store (kind, server_url, secret, NULL, secret_store_cb, request);
  else
    xa_keyring_clear (kind, server_url, NULL, secret_clear_cb, request);
}

XaPreferencesSecrets *
_xa_preferences_secrets_new (GObject             *owner,
                             GSettings           *settings,
                             XaSecretAppliedFunc  applied)
{
  XaPreferencesSecrets *self;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (applied != NULL, NULL);

  self = g_new0 (XaPreferencesSecrets, 1);
  self->owner = owner;
  self->settings = g_object_ref (settings);
  self->applied = applied;
  self->cancellable = g_cancellable_new ();
  return self;
}

void
_xa_preferences_secrets_set_rows (XaPreferencesSecrets *self,
                                  XaSecretKind          kind,
                                  AdwPasswordEntryRow  *entry,
                                  AdwActionRow         *status,
                                  GtkImage             *icon)
{
  SecretRows *rows = secret_rows (self, kind);

  rows->entry = GTK_EDITABLE (entry);
  rows->status = status;
  rows->icon = icon;
}

gboolean
_xa_preferences_secrets_is_busy (XaPreferencesSecrets *self)
{
  return self->pending > 0;
}

void
_xa_preferences_secrets_stop (XaPreferencesSecrets *self)
{
  self->stopped = TRUE;
  g_cancellable_cancel (self->cancellable);
}

void
_xa_preferences_secrets_free (XaPreferencesSecrets *self)
{
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_free (self);
}
