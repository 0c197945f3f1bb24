/* xa-edit-conflict-dialog.h — one edit the server refused because the record changed there
 * first, field by field: the value before my edit, mine and the server's, with a choice per
 * field and the three ways to settle it (keep all mine, take all theirs, apply the choices).
 * It settles the conflict in the store itself and says so with "resolved". */
#pragma once

#include <adwaita.h>

#include "xa-store-conflicts.h"

G_BEGIN_DECLS

#define XA_TYPE_EDIT_CONFLICT_DIALOG (xa_edit_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XaEditConflictDialog, xa_edit_conflict_dialog, XA, EDIT_CONFLICT_DIALOG,
                      AdwWindow)

/* @store is kept for the resolution; @entry is read now (a conflict); @record_label names
 * the record in the heading. */
GtkWidget *xa_edit_conflict_dialog_new (GtkWindow           *parent,
                                        XaStore             *store,
                                        const XaOutboxEntry *entry,
                                        const char          *record_label);

/* The words of value @text of member @name ("status", "deadline", …) for the user;
 * "—" for none. */
char      *xa_edit_conflict_value_words (const char *name,
                                         const char *text);
/* The name of an update's member for the user ("Status", "Deadline", …). */
const char *xa_edit_conflict_field_words (const char *name);

G_END_DECLS
