/* xa-problem-status-dialog.h — asks for the new status of one problem of the ledger: only
 * the transitions the flow allows from its status (xa-record-edits.c), escalation one tier
 * up with the new tier's deadline (days from today, set in Preferences), and a note,
 * required where the flow requires one (reopening). It judges the edit as
 * the user types with the rules the server uses and offers "Change Status" only for an edit
 * the server would accept; the ledger stores it (xa_store_edit_problem()) on that response. */
#pragma once

#include <adwaita.h>

#include "xa-ledger-item.h"
#include "xa-record-edits.h"
#include "xa-store-edits.h"

G_BEGIN_DECLS

#define XA_TYPE_PROBLEM_STATUS_DIALOG (xa_problem_status_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XaProblemStatusDialog, xa_problem_status_dialog, XA,
                      PROBLEM_STATUS_DIALOG, AdwMessageDialog)

/* Responses: "cancel", "change". */
XaProblemStatusDialog *xa_problem_status_dialog_new (GtkWindow    *parent,
                                                     XaLedgerItem *item);
/* The same dialog correcting @entry, a problem's edit the server refused: the status and
 * tier it was made on, the edit as it was (status, escalation, note) chosen, and the
 * server's words above; its "change" response says "Save Correction". NULL when the
 * entry's record or its status before the edit is unknown. */
XaProblemStatusDialog *xa_problem_status_dialog_new_correction (GtkWindow           *parent,
                                                                XaStore             *store,
                                                                const XaOutboxEntry *entry);
/* The outbox entry a correction replaces (xa_store_correct_edit()); 0 for a new edit. */
gint64      xa_problem_status_dialog_get_local_id   (XaProblemStatusDialog *self);
/* The line that gives the server's reason for refusing an edit, in the correction dialogs. */
GtkWidget  *xa_problem_status_dialog_refusal_new    (const char            *message);
const char *xa_problem_status_dialog_get_problem_id (XaProblemStatusDialog *self);
/* The edit as chosen now; its strings belong to the dialog. */
void        xa_problem_status_dialog_get_edit       (XaProblemStatusDialog *self,
                                                     XaProblemEdit         *edit);

/* The days a problem has at @tier (Preferences: deadline-days-*), for any dialog that sets
 * a tier's deadline (xa_calendar_deadline()). */
int         xa_problem_status_dialog_tier_days      (GSettings             *settings,
                                                     XaProblemTier          tier);

/* For tests: the statuses offered, in order (*@n_statuses of them; owned by the dialog). */
const XaProblemStatus *_xa_problem_status_dialog_get_offered (XaProblemStatusDialog *self,
                                                              guint                 *n_statuses);
/* Chooses @status (one of those offered), escalation and @note as a user would. */
void        _xa_problem_status_dialog_choose        (XaProblemStatusDialog *self,
                                                     XaProblemStatus        status,
                                                     gboolean               escalate,
                                                     const char            *note);

/* For tests: the line that says the deadline an escalation sets. */
GtkLabel   *_xa_problem_status_dialog_get_deadline_label (XaProblemStatusDialog *self);

G_END_DECLS
