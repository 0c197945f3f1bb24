/* xa-store-edits-private.h — the steps of a local edit inside the caller's transaction
 * (xa-store-edits.c), for the edits of many records at once and their undo
 * (xa-store-batch.c). */
#pragma once

#include "xa-store-edits.h"
#include "xa-store-private.h"

G_BEGIN_DECLS

/* Judges @problem_edit or @elevator_edit (by @type) on the stored row @id with the server's
 * rules, writes it over the row and queues it; with @out_entry, the entry queued. */
gboolean _xa_store_edit_one         (sqlite3               *db,
                                     XaRecordType           type,
                                     const char            *id,
                                     const XaProblemEdit   *problem_edit,
                                     const XaElevatorEdit  *elevator_edit,
                                     XaOutboxEntry        **out_entry,
                                     GError               **error);
/* Writes the members @fields (JSON) over row @id and queues them on its version, as they
 * are: *@out_original the row's values of those columns before, *@version its version,
 * *@out_key (may be NULL) the entry's idempotency key. */
gboolean _xa_store_queue_fields     (sqlite3               *db,
                                     XaRecordType           type,
                                     const char            *id,
                                     const char            *fields,
                                     char                 **out_original,
                                     gint64                *version,
                                     char                 **out_key,
                                     GError               **error);
/* The row's values of the columns @fields_json sets, as a JSON object, and its version;
 * NULL without a row. */
char    *_xa_store_capture_original (sqlite3               *db,
                                     XaRecordType           type,
                                     const char            *id,
                                     const char            *fields_json,
                                     gint64                *out_version,
                                     GError               **error);
/* Removes entry @local_id and puts its row back as xa_store_discard_edit() does. */
gboolean _xa_store_discard_entry    (sqlite3               *db,
                                     gint64                 local_id,
                                     GError               **error);

G_END_DECLS
