/* xa-outbox-mark.h — the small mark beside a row's status in the ledgers when the record
 * has an edit in the outbox: "Pending" until the server has it, "Conflict" or "Rejected"
 * when the server refused it, with a tooltip saying what that means. One look in the
 * Problems and the Elevators page alike. */
#pragma once

#include <gtk/gtk.h>

#include "xa-records.h"

G_BEGIN_DECLS

/* A new mark, hidden until xa_outbox_mark_show() gives it a state. */
GtkWidget *xa_outbox_mark_new  (void);
/* Shows @state (an XaOutboxState) on @mark, or hides it when @state is negative (no edit);
 * @type (problem, elevator) words the conflict's tooltip. */
void       xa_outbox_mark_show (GtkWidget    *mark,
                                int           state,
                                XaRecordType  type);

G_END_DECLS
