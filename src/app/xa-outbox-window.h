/* xa-outbox-window.h — the unsent edits: every entry of the store's outbox with its record
 * and its state (waiting, in conflict with the server, refused with the server's words),
 * a way to resolve a conflict (xa-edit-conflict-dialog), to correct a refused edit (the
 * problem status dialog, the renewal dialog) and to discard an edit. */
#pragma once

#include <adwaita.h>

#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_OUTBOX_WINDOW (xa_outbox_window_get_type ())
G_DECLARE_FINAL_TYPE (XaOutboxWindow, xa_outbox_window, XA, OUTBOX_WINDOW, AdwWindow)

GtkWidget *xa_outbox_window_new    (GtkWindow      *parent,
                                    XaStore        *store);
/* Reads the outbox again. */
void       xa_outbox_window_reload (XaOutboxWindow *self);

/* Fills @section (a section of the window's menu) with its one item, "Unsent Edits…" (the
 * action win.unsent-edits), naming how many edits @store holds unsent. */
void       xa_outbox_window_fill_menu (GMenu   *section,
                                       XaStore *store);

G_END_DECLS
