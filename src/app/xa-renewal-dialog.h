/* xa-renewal-dialog.h — asks how to change the renewal of one or many elevators of the
 * renewal list: renewal status, planned year and funding source, each "Unchanged" until
 * chosen (a field left so stays as each elevator has it), and an optional note. The planned
 * year is judged as it is typed, with the rule the server uses (2000–2100), and the dialog
 * says what is wrong and offers "Change" only for an edit the server would accept; the list
 * stores it for all of them at once (xa_store_edit_elevators()) on that response. */
#pragma once

#include <adwaita.h>

#include "xa-record-edits.h"

G_BEGIN_DECLS

#define XA_TYPE_RENEWAL_DIALOG (xa_renewal_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XaRenewalDialog, xa_renewal_dialog, XA, RENEWAL_DIALOG, AdwMessageDialog)

/* A dialog for the lifts @rows (XaElevatorRow items, at least one). Responses: "cancel",
 * "change". */
XaRenewalDialog    *xa_renewal_dialog_new     (GtkWindow        *parent,
                                               GPtrArray        *rows);
/* The ids of the lifts, *@n_ids of them; owned by the dialog. */
const char * const *xa_renewal_dialog_get_ids (XaRenewalDialog  *self,
                                               guint            *n_ids);
/* The edit as chosen now (its note belongs to the dialog); FALSE with the reason when the
 * server would refuse it or it changes nothing. */
gboolean            xa_renewal_dialog_get_edit (XaRenewalDialog *self,
                                                XaElevatorEdit  *edit,
                                                GError         **error);

/* For tests: chooses as a user would. @status: an XaRenewalStatus, or -1 for "Unchanged";
 * @year: NULL for "Unchanged", "" for "No planned year", otherwise the text typed;
 * @funding: an XaFundingSource (XA_FUNDING_NONE: "No funding"), or -2 for "Unchanged". */
void        _xa_renewal_dialog_choose      (XaRenewalDialog *self,
                                            int              status,
                                            const char      *year,
                                            int              funding,
                                            const char      *note);
/* The message under the planned year, or NULL while it is hidden. */
const char *_xa_renewal_dialog_get_message (XaRenewalDialog *self);

G_END_DECLS
