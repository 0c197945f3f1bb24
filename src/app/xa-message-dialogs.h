/* xa-message-dialogs.h — the app's questions and error messages set up one way: "Cancel"
 * beside the one answer that acts, and an error with "Close". */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Adds "Cancel" (response "cancel", also what Escape answers) and the answer @response
 * labelled @label to @dialog. A suggested answer (ADW_RESPONSE_SUGGESTED) is what Enter
 * answers; a destructive one (ADW_RESPONSE_DESTRUCTIVE) is not, so Enter cancels. */
void              xa_message_dialog_add_answer (AdwMessageDialog      *dialog,
                                                const char            *response,
                                                const char            *label,
                                                AdwResponseAppearance  appearance);
/* An error over @parent (may be NULL): @heading, @message and one answer, "close". Not
 * presented yet, so that the caller may add to it. */
AdwMessageDialog *xa_message_dialog_new_error  (GtkWindow             *parent,
                                                const char            *heading,
                                                const char            *message);

G_END_DECLS
