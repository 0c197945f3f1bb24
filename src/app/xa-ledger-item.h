/* xa-ledger-item.h — one problem as a row of the problem ledger (xa-problem-ledger.c): the
 * record's fields the table shows and filters on, with the names of its compound, district
 * and category resolved once when the ledger loads, and what depends on "now" (days open,
 * overdue) computed then too, so sorting and filtering never touch the store. */
#pragma once

#include <glib-object.h>

#include "xa-records.h"
#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_LEDGER_ITEM (xa_ledger_item_get_type ())
G_DECLARE_FINAL_TYPE (XaLedgerItem, xa_ledger_item, XA, LEDGER_ITEM, GObject)

/* Read-only for the ledger and its tests; an item is rebuilt, never changed. */
struct _XaLedgerItem
{
  GObject          parent_instance;

  char            *id;
  char            *title;
  char            *ticket_no;          /* or NULL */
  char            *compound_id;
  char            *compound_name;
  char            *district;           /* the compound's district code */
  char            *category_code;
  char            *category_name;      /* in the user's language */
  char            *responsible_party;
  XaProblemStatus  status;
  XaProblemTier    tier;
  XaProblemSource  source;
  gint64           reported_at;
  gint64           deadline;
  gint64           days_open;          /* reported → resolved, or → now while open */
  gboolean         overdue;            /* open and past its deadline at the ledger's now */
  gboolean         pending;            /* an outbox entry waits for the server */
  int              outbox_state;       /* its XaOutboxState (a refusal before pending), or -1 */
};

XaLedgerItem *xa_ledger_item_new (const XaProblem *problem,
                                  const char      *compound_name,
                                  const char      *district,
                                  const char      *category_name,
                                  int              outbox_state,
                                  gint64           now);

/* Every problem of @store as an item (XaLedgerItem*), in id order, at @now: one pass over
 * the outbox, compounds, categories and problems. @categories (may be NULL) receives each
 * category's code → its name in the user's language (newly allocated strings). */
GPtrArray    *xa_ledger_item_load_all (XaStore     *store,
                                       gint64       now,
                                       GHashTable  *categories,
                                       GError     **error);

G_END_DECLS
