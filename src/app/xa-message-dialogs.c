/* xa-message-dialogs.c — see xa-message-dialogs.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-message-dialogs.h"

void
xa_message_dialog_add_answer (AdwMessageDialog      *dialog,
                              const char            *response,
                              const char            *label,
                              AdwResponseAppearance  appearance)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, appearance == ADW_RESPONSE_DESTRUCTIVE
                                                   ? "cancel" : response);
  adw_message_dialog_set_close_response (dialog, "cancel");
}

AdwMessageDialog *
xa_message_dialog_new_error (GtkWindow  *parent,
                             const char *heading,
                             const char *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading,
                                                                         message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_close_response (dialog, "close");
  return dialog;
}
