/* xa-store-conflicts.h — an edit the server refused with 409 (the record changed there
 * meanwhile) seen field by field and settled: the edited fields' values before my edit, mine
 * and the server's; keep mine, take theirs, or choose per field. Each resolution is one
 * transaction of the store. */
#pragma once

#include "xa-store-edits.h"

G_BEGIN_DECLS

/* One edited field of an outbox entry. Each value is the field's text as the feed writes it
 * (a string as it is, an integer in decimal, a time in ISO 8601), NULL for none. */
typedef struct
{
  char *name;       /* the update's member: "status", "deadline", "planned_year", … */
  char *original;   /* the row's value before my edit */
  char *mine;       /* my edit's value */
  char *theirs;     /* the server's current value (a conflict's record), else NULL */
} XaEditField;

void xa_edit_field_free (XaEditField *field);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaEditField, xa_edit_field_free)

/* The fields @entry edits (XaEditField*), in the order of its body; the note is not one. */
GPtrArray *xa_outbox_entry_get_fields (const XaOutboxEntry *entry);

/* Settles the conflict of entry @local_id. The fields named in @keep_mine (NULL-terminated;
 * NULL or empty: none) keep my value; every other edited field takes the server's.
 * With none kept, the entry goes and the row takes the server's record ("take theirs").
 * Otherwise the entry is pending again, made on the server's current version with only the
 * kept fields, a new Idempotency-Key and the decision added to its note, and the row shows
 * it over the server's record: the next sync sends it. A problem's status kept against a
 * server status the flow does not allow to change that way fails with XA_RECORD_EDIT_ERROR
 * and changes nothing; an entry that is not a conflict fails with XA_STORE_ERROR_REJECTED. */
gboolean xa_store_resolve_conflict (XaStore             *self,
                                    gint64               local_id,
                                    const char * const  *keep_mine,
                                    const char          *decision,
                                    GError             **error);

/* The words that name record @id of @type in a list of edits: a problem's title, or an
 * elevator's registration code and its compound's name ("31103… · 小区"); NULL without a
 * row. */
char    *xa_store_edit_record_label (XaStore      *self,
                                     XaRecordType  type,
                                     const char   *id);

G_END_DECLS
