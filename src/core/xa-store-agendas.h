/* xa-store-agendas.h — meeting agendas kept in the store, and the decisions a meeting takes
 * on their compounds' problems. Agendas are the bureau's own data: a sync or a full resync
 * never touches them. A decision is a problem edit queued in the outbox like any other
 * (xa-store-edits.h) and, in the same transaction, a line of the meeting's minutes. */
#pragma once

#include "xa-agenda.h"
#include "xa-record-edits.h"
#include "xa-store.h"

G_BEGIN_DECLS

/* One saved agenda, as a list of agendas shows it. */
typedef struct
{
  gint64  id;
  char   *name;
  guint   n_items;
  gint64  updated_at;  /* unix seconds */
} XaAgendaSummary;

void xa_agenda_summary_free (XaAgendaSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaAgendaSummary, xa_agenda_summary_free)

typedef enum
{
  XA_DECISION_AGREED,     /* agreed at consultation: who does it, by when */
  XA_DECISION_ESCALATED,  /* raised to the next tier */
} XaDecisionKind;

/* One decision of a meeting, as the minutes list it. */
typedef struct
{
  gint64          id;
  gint64          agenda_id;
  char           *compound_id;
  char           *problem_id;
  XaDecisionKind  kind;
  char           *note;
  char           *responsible_party;  /* the problem's after the decision */
  gint64          deadline;           /* the problem's after the decision, unix seconds */
  XaProblemTier   tier;               /* the problem's after the decision */
  gint64          decided_at;         /* unix seconds */
  char           *idempotency_key;    /* of the outbox entry that carries it to the server */
} XaAgendaDecision;

void xa_agenda_decision_free (XaAgendaDecision *decision);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaAgendaDecision, xa_agenda_decision_free)

/* Every saved agenda but the deleted ones (XaAgendaSummary*), the last changed first. */
GPtrArray *xa_store_list_agendas   (XaStore   *self,
                                    GError   **error);
/* The saved agenda @id (deleted ones too, for an undo), or NULL with XA_STORE_ERROR_SQL
 * saying it does not exist. */
XaAgenda  *xa_store_load_agenda    (XaStore   *self,
                                    gint64     id,
                                    GError   **error);
/* Saves @agenda's name and items in one transaction, replacing what was saved under its id;
 * a new agenda (id 0) gets its id here. An agenda must have a name that is not only
 * blanks (XA_STORE_ERROR_SQL otherwise, nothing saved). */
gboolean   xa_store_save_agenda    (XaStore   *self,
                                    XaAgenda  *agenda,
                                    GError   **error);
/* Deletes agenda @id from the list, keeping it and its decisions in the file so that
 * xa_store_restore_agenda() can undo it. */
gboolean   xa_store_delete_agenda  (XaStore   *self,
                                    gint64     id,
                                    GError   **error);
gboolean   xa_store_restore_agenda (XaStore   *self,
                                    gint64     id,
                                    GError   **error);

/* Takes a decision in the meeting of agenda @agenda_id (saved) on problem @problem_id of
 * @compound_id: @edit is judged, applied and queued as xa_store_edit_problem() does, and the
 * decision is kept for the minutes, all in one transaction (on any error, nothing changes).
 * @decided_at in unix seconds. Returns the decision kept. */
XaAgendaDecision *xa_store_decide  (XaStore              *self,
                                    gint64                agenda_id,
                                    const char           *compound_id,
                                    const char           *problem_id,
                                    XaDecisionKind        kind,
                                    const XaProblemEdit  *edit,
                                    gint64                decided_at,
                                    GError              **error);
/* The decisions of agenda @agenda_id (XaAgendaDecision*), in the order they were taken. */
GPtrArray *xa_store_list_decisions (XaStore   *self,
                                    gint64     agenda_id,
                                    GError   **error);

G_END_DECLS
