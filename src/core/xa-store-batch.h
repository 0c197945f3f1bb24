/* xa-store-batch.h — the edit of many records at once and its undo: many elevators given the
 * same renewal change in one transaction, all of them or none, and that change taken back
 * in one transaction, whether its edits are still in the outbox or a sync already pushed
 * them. */
#pragma once

#include "xa-store-edits.h"

G_BEGIN_DECLS

/* Edits the stored elevators @ids (@n_ids of them) alike with @edit (what it leaves unset
 * stays as each row has it): every row changed and every update queued in one transaction,
 * or nothing at all when any of them fails (an unknown id, a value the server would refuse,
 * a failing disk). Returns the entries queued, in the order of @ids (XaOutboxEntry*, pending,
 * each with the row's values before the edit in @original), for
 * xa_store_undo_edits(); NULL on failure. */
GPtrArray *xa_store_edit_elevators  (XaStore              *self,
                                     const char * const   *ids,
                                     guint                 n_ids,
                                     const XaElevatorEdit *edit,
                                     GError              **error);
/* Takes back the edits @entries (as xa_store_edit_elevators() returned them) in one
 * transaction: an entry still in the outbox, in any state, is discarded as
 * xa_store_discard_edit() does (the row as it was, nothing sent); for an entry the server
 * already accepted, a new edit is queued that sets back the original value of each field the
 * row still has as the entry set it (a field changed since, by anyone, stays). *@out_queued:
 * how many edits were queued so. */
gboolean   xa_store_undo_edits      (XaStore              *self,
                                     GPtrArray            *entries,
                                     guint                *out_queued,
                                     GError              **error);

G_END_DECLS
