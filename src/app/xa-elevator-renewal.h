/* xa-elevator-renewal.h — changing the renewal of the lifts selected in the renewal list,
 * apart from the list itself: the dialog (xa-renewal-dialog), all of them stored and queued
 * for the server in one transaction, the toast "Changed N elevators" with its Undo, and the
 * undo itself (xa_store_undo_edits(): the edits taken back while still unsent, edits back to
 * the previous values once a sync has pushed them). */
#pragma once

#include <gtk/gtk.h>

#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_ELEVATOR_RENEWAL (xa_elevator_renewal_get_type ())
G_DECLARE_FINAL_TYPE (XaElevatorRenewal, xa_elevator_renewal, XA, ELEVATOR_RENEWAL, GObject)

/* For the page @page (not referenced: it owns the object), whose window shows the dialog
 * and the toasts. */
XaElevatorRenewal *xa_elevator_renewal_new      (GtkWidget         *page);
/* The store the edits go to; a new store (or NULL) forgets what could be undone. */
void               xa_elevator_renewal_set_store (XaElevatorRenewal *self,
                                                  XaStore           *store_or_NULL);
/* Asks how to change the lifts @rows (XaElevatorRow items, at least one). */
void               xa_elevator_renewal_ask      (XaElevatorRenewal *self,
                                                 GPtrArray         *rows);
/* Whether the last change can still be undone: its toast is up. */
gboolean           xa_elevator_renewal_can_undo (XaElevatorRenewal *self);
/* Undoes the last change (its toast's Undo, Ctrl+Z while the toast is up). */
void               xa_elevator_renewal_undo     (XaElevatorRenewal *self);

/* Signal "changed" (GStrv ids): the store's rows of these lifts changed; the list reads
 * them again and keeps them selected. */

G_END_DECLS
