/* xa-decision-dialog.h — asks, during a coordination meeting, for one decision on a problem:
 * "agreed at consultation" (the problem goes to the consultation tier and in progress) or
 * "escalate" (one tier up), each with a short note, the responsible party and a deadline
 * (the new tier's days from today, set in Preferences, until changed). Large type, for the
 * projector the meeting looks at. The edit it gives is judged as the server judges it;
 * "Decide" is offered only for one the server would accept. */
#pragma once

#include <adwaita.h>

#include "xa-record-edits.h"
#include "xa-store-agendas.h"

G_BEGIN_DECLS

#define XA_TYPE_DECISION_DIALOG (xa_decision_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XaDecisionDialog, xa_decision_dialog, XA, DECISION_DIALOG,
                      AdwMessageDialog)

/* Responses: "cancel", "decide". */
XaDecisionDialog *xa_decision_dialog_new          (GtkWindow        *parent,
                                                   const XaProblem  *problem,
                                                   XaDecisionKind    kind);
XaDecisionKind    xa_decision_dialog_get_kind      (XaDecisionDialog *self);
const char       *xa_decision_dialog_get_problem_id (XaDecisionDialog *self);
/* The edit as entered now; its strings belong to the dialog. */
void              xa_decision_dialog_get_edit      (XaDecisionDialog *self,
                                                    XaProblemEdit    *edit);

/* For tests: types @note, @party and @deadline ("YYYY-MM-DD"; NULL keeps the one offered)
 * as a user would. */
void              _xa_decision_dialog_fill         (XaDecisionDialog *self,
                                                    const char       *note,
                                                    const char       *party,
                                                    const char       *deadline);

G_END_DECLS
