/* xa-store-edits-private.h — the steps of a local edit inside the caller's transaction
 * (xa-store-edits.c), for the edits of many records at once and their undo
 * (xa-store-batch.c). */
#pragma once

#include "xa-store-edits.h"
#include "xa-store-private.h"

G_BEGIN_DECLS

/* Judges @problem_edit or @elevator_edit (exactly one is given: the record type of row @id)
 * on the stored row @id with the server's rules, writes it over the row and queues it as
 * entry @local_id (the place of an entry it corrects) or, with 0, as a new entry at the
 * end. Returns the entry queued, or NULL with @error. */
XaOutboxEntry *_xa_store_edit_one   (sqlite3               *db,
                                     gint64                 local_id,
                                     const char            *id,
                                     const XaProblemEdit   *problem_edit,
                                     const XaElevatorEdit  *elevator_edit,
                                     GError               **error);
/* Writes the members @entry->fields (JSON) of @entry (new: its local_id, type, record_id
 * and fields set, the rest 0) over its row and queues them on the row's version, as they
 * are, as entry @entry->local_id as for _xa_store_edit_one(). Fills in the rest of @entry
 * as xa_store_list_outbox() would read it: its local id, base version, new idempotency key,
 * time, state, and original (the row's values of those columns before). */
gboolean _xa_store_queue_entry      (sqlite3               *db,
                                     XaOutboxEntry         *entry,
                                     GError               **error);
/* The row's values of the columns @fields_json sets, as a JSON object, and its version;
 * NULL without a row. */
char    *_xa_store_capture_original (sqlite3               *db,
                                     XaRecordType           type,
                                     const char            *id,
                                     const char            *fields_json,
                                     gint64                *out_version,
                                     GError               **error);
/* Writes @entry, an edit made in another store (a meeting pack: its type, record_id, fields,
 * base_version, idempotency_key and created_at set), over its row and queues it under its
 * own key, on its base_version, the version it was made on. Fills in its local id and
 * original as _xa_store_queue_entry() does. */
gboolean _xa_store_import_entry     (sqlite3               *db,
                                     XaOutboxEntry         *entry,
                                     GError               **error);
/* Removes entry @local_id and puts its row back as xa_store_discard_edit() does; which
 * record it was in @out_type and @out_id (may be NULL; *@out_id NULL: no such entry). */
gboolean _xa_store_discard_entry    (sqlite3               *db,
                                     gint64                 local_id,
                                     XaRecordType          *out_type,
                                     char                 **out_id,
                                     GError               **error);

G_END_DECLS
