/* xa-edit-conflict-dialog-private.h — what the UI tests read and click in the conflict
 * dialog. */
#pragma once

#include "xa-edit-conflict-dialog.h"

G_BEGIN_DECLS

/* The text shown in row @row (0: the first field) and column @column (0 field, 1 original,
 * 2 mine, 3 theirs); NULL past the grid. */
const char *_xa_edit_conflict_dialog_get_cell    (XaEditConflictDialog *self,
                                                  guint                 row,
                                                  guint                 column);
/* The "Mine" (@mine TRUE) or "Theirs" check button of row @row. */
GtkCheckButton *_xa_edit_conflict_dialog_get_choice (XaEditConflictDialog *self,
                                                     guint                 row,
                                                     gboolean              mine);
/* "keep-mine", "take-theirs" or "apply". */
GtkButton  *_xa_edit_conflict_dialog_get_button  (XaEditConflictDialog *self,
                                                  const char           *name);
/* The error shown when the resolution failed, or NULL. */
const char *_xa_edit_conflict_dialog_get_error   (XaEditConflictDialog *self);

G_END_DECLS
