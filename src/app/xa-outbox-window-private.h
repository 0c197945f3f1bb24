/* xa-outbox-window-private.h — what the UI tests read and click in the unsent edits. */
#pragma once

#include "xa-outbox-window.h"

G_BEGIN_DECLS

guint       _xa_outbox_window_get_n_rows      (XaOutboxWindow *self);
/* The record and the state shown in row @row. */
const char *_xa_outbox_window_get_row_title    (XaOutboxWindow *self,
                                                guint           row);
const char *_xa_outbox_window_get_row_subtitle (XaOutboxWindow *self,
                                                guint           row);
/* The row's "resolve" (NULL unless a conflict), "correct" (NULL unless rejected) or
 * "discard" button. */
GtkButton  *_xa_outbox_window_get_row_button   (XaOutboxWindow *self,
                                                guint           row,
                                                const char     *name);
/* The dialog the last button opened (the conflict dialog, a correction dialog, or the
 * discard confirmation) while it is open. */
GtkWindow  *_xa_outbox_window_get_dialog       (XaOutboxWindow *self);

G_END_DECLS
