/* xa-elevator-edit-dialog.h — corrects an elevator's edit the records server refused (422):
 * the renewal status, planned year and funding source as the refused edit set them, the
 * note, and the server's words above. It offers "Save Correction" only for an edit the
 * server would accept (xa_elevator_edit_check()); the unsent edits window stores it with
 * xa_store_correct_edit() on that response. */
#pragma once

#include <adwaita.h>

#include "xa-record-edits.h"
#include "xa-store-edits.h"

G_BEGIN_DECLS

#define XA_TYPE_ELEVATOR_EDIT_DIALOG (xa_elevator_edit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XaElevatorEditDialog, xa_elevator_edit_dialog, XA, ELEVATOR_EDIT_DIALOG,
                      AdwMessageDialog)

/* Responses: "cancel", "save". NULL when the entry's elevator is not in @store. */
XaElevatorEditDialog *xa_elevator_edit_dialog_new_correction (GtkWindow           *parent,
                                                              XaStore             *store,
                                                              const XaOutboxEntry *entry);
/* The outbox entry the correction replaces. */
gint64      xa_elevator_edit_dialog_get_local_id (XaElevatorEditDialog *self);
/* The edit as chosen now: the members the refused edit set, and any the user changed; its
 * strings belong to the dialog. */
void        xa_elevator_edit_dialog_get_edit     (XaElevatorEditDialog *self,
                                                  XaElevatorEdit       *edit);

/* For tests: the planned year's spin button. */
GtkSpinButton *_xa_elevator_edit_dialog_get_year (XaElevatorEditDialog *self);

G_END_DECLS
