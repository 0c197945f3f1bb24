/* xa-connect-dialog.c — see xa-connect-dialog.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-accessible.h"
#include "xa-connect-dialog.h"
#include "xa-message-dialogs.h"
#include "xa-web-address.h"

struct _XaConnectDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *url_row;
  AdwEntryRow      *token_row;
};

G_DEFINE_FINAL_TYPE (XaConnectDialog, xa_connect_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
url_changed_cb (XaConnectDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  gboolean valid = xa_web_address_is_valid (text);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "connect", valid);
  if (valid || *text == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
}

GtkWidget *
xa_connect_dialog_new (GtkWindow  *parent,
                       const char *server_url,
                       const char *token)
{
  XaConnectDialog *self = g_object_new (XA_TYPE_CONNECT_DIALOG,
                                        "transient-for", parent,
                                        "modal", TRUE,
                                        NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), server_url != NULL ? server_url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token != NULL ? token : "");
  return GTK_WIDGET (self);
}

const char *
xa_connect_dialog_get_url (XaConnectDialog *self)
{
  g_return_val_if_fail (XA_IS_CONNECT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->url_row));
}

const char *
xa_connect_dialog_get_token (XaConnectDialog *self)
{
  g_return_val_if_fail (XA_IS_CONNECT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->token_row));
}

static void
xa_connect_dialog_class_init (XaConnectDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/xiaoquatlas/XiaoquAtlas/xa-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XaConnectDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, XaConnectDialog, token_row);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
}

static void
xa_connect_dialog_init (XaConnectDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  xa_accessible_name_controls (GTK_WIDGET (self));

  xa_message_dialog_add_answer (dialog, "connect", _("C_onnect"), ADW_RESPONSE_SUGGESTED);
  /* "Connect" stays off until the address is an http(s) URL. */
  adw_message_dialog_set_response_enabled (dialog, "connect", FALSE);
}
