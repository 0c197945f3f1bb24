/* xa-store-edits.h — local edits of problems and elevators and the outbox that keeps them
 * until the server has them (src/records-api.md, "Updates"). An edit changes the local row
 * and queues its update in one transaction; the sync client pushes the queue before it
 * pulls (xa-sync-push.c). An entry is pending until the server answers: 200 removes it (the
 * feed brings the new version back), 409 keeps it as a conflict with the server's record,
 * 422 keeps it as rejected with the server's message. */
#pragma once

#include "xa-record-edits.h"
#include "xa-store.h"

G_BEGIN_DECLS

typedef enum
{
  XA_OUTBOX_PENDING,    /* not yet accepted: pushed by the next sync */
  XA_OUTBOX_CONFLICT,   /* 409: the record changed on the server; @current holds it */
  XA_OUTBOX_REJECTED,   /* 422: the server refused it; @message and @field say why */
} XaOutboxState;

typedef struct
{
  gint64         local_id;         /* the order of the edits, oldest first */
  XaRecordType   type;             /* XA_RECORD_PROBLEM or XA_RECORD_ELEVATOR */
  char          *record_id;
  gint64         base_version;     /* the version the edit was made on */
  char          *fields;           /* the body's members without base_version (JSON) */
  char          *idempotency_key;  /* sent with every attempt of this entry */
  gint64         created_at;       /* unix seconds */
  XaOutboxState  state;
  char          *message;          /* the server's detail (conflict, rejected), or NULL */
  char          *field;            /* the member a 422 names, or NULL */
  char          *current;          /* on conflict: the server's record, a change of the feed */
  char          *original;         /* the edited fields as the row had them before (JSON
                                    * object), or NULL for an entry of a v1 outbox */
} XaOutboxEntry;

void xa_outbox_entry_free (XaOutboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaOutboxEntry, xa_outbox_entry_free)

/* Edits the stored problem @id and queues the update, in one transaction. The edit is
 * judged first with the rules the server uses (xa_problem_edit_check() on the stored
 * status): a forbidden transition fails with XA_RECORD_EDIT_ERROR and changes nothing, nor
 * does any other error. */
gboolean   xa_store_edit_problem    (XaStore              *self,
                                     const char           *id,
                                     const XaProblemEdit  *edit,
                                     GError              **error);
gboolean   xa_store_edit_elevator   (XaStore              *self,
                                     const char           *id,
                                     const XaElevatorEdit *edit,
                                     GError              **error);

/* Each record of @type with an entry in the outbox: id → its XaOutboxState + 1
 * (GINT_TO_POINTER), a refused entry before a pending one, as it holds back the record's
 * later edits. */
GHashTable *xa_store_outbox_states  (XaStore              *self,
                                     XaRecordType          type,
                                     GError              **error);

/* Every entry (XaOutboxEntry*), oldest first; @pending_only leaves out conflicts and
 * rejections. */
GPtrArray *xa_store_list_outbox     (XaStore              *self,
                                     gboolean              pending_only,
                                     GError              **error);
/* Whether record @id of @type has an entry in the outbox, in any state. */
gboolean   xa_store_has_edit        (XaStore              *self,
                                     XaRecordType          type,
                                     const char           *id);
/* Removes an entry, whatever its state, and puts the row back as it was before that edit
 * (the entry keeps the edited fields' values from then), with the record's later pending
 * edits written over it again, in one transaction. Once the feed has brought a newer
 * version of the record (after a conflict, say), the row is the server's and stays as it
 * is. Entries carried over from a v1 outbox kept no such values: discarding one leaves the
 * row until the feed next brings the record. */
gboolean   xa_store_discard_edit    (XaStore              *self,
                                     gint64                local_id,
                                     GError              **error);

/* For the sync client: the server accepted entry @local_id and answered @new_version. The
 * entry goes; later pending entries of the same record made on the same base are moved
 * onto @new_version (they were made after it, on top of it), in the same transaction. */
gboolean   xa_store_outbox_accepted (XaStore              *self,
                                     gint64                local_id,
                                     gint64                new_version,
                                     GError              **error);
/* For the sync client: the server refused entry @local_id (@state CONFLICT or REJECTED). */
gboolean   xa_store_outbox_refused  (XaStore              *self,
                                     gint64                local_id,
                                     XaOutboxState         state,
                                     const char           *message,
                                     const char           *field,
                                     const char           *current,
                                     GError              **error);

G_END_DECLS
