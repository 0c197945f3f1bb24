/* xa-connect-dialog.h — asks for the records server's address and access token. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define XA_TYPE_CONNECT_DIALOG (xa_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XaConnectDialog, xa_connect_dialog, XA, CONNECT_DIALOG, AdwMessageDialog)

/* Responds "connect" or "cancel". */
GtkWidget  *xa_connect_dialog_new       (GtkWindow       *parent,
                                         const char      *server_url,
                                         const char      *token);
const char *xa_connect_dialog_get_url   (XaConnectDialog *self);
const char *xa_connect_dialog_get_token (XaConnectDialog *self);

G_END_DECLS
