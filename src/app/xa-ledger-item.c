/* xa-ledger-item.c — see xa-ledger-item.h. Loading reads each table once and joins in
 * hash tables: one query a problem would cost seconds on a city's ledger. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-compound-names.h"
#include "xa-ledger-item.h"
#include "xa-metrics.h"
#include "xa-record-words.h"
#include "xa-store-edits.h"

G_DEFINE_FINAL_TYPE (XaLedgerItem, xa_ledger_item, G_TYPE_OBJECT)

static void
xa_ledger_item_finalize (GObject *object)
{
  XaLedgerItem *self = XA_LEDGER_ITEM (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->ticket_no);
  g_free (self->compound_id);
  g_free (self->compound_name);
  g_free (self->district);
  g_free (self->category_code);
  g_free (self->category_name);
  g_free (self->responsible_party);

  G_OBJECT_CLASS (xa_ledger_item_parent_class)->finalize (object);
}

static void
xa_ledger_item_class_init (XaLedgerItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xa_ledger_item_finalize;
}

static void
xa_ledger_item_init (XaLedgerItem *self)
{
}

XaLedgerItem *
xa_ledger_item_new (const XaProblem *problem,
                    const char      *compound_name,
                    const char      *district,
                    const char      *category_name,
                    int              outbox_state,
                    gint64           now)
{
  XaLedgerItem *self;
  gint64 end;

  g_return_val_if_fail (problem != NULL, NULL);

  self = g_object_new (XA_TYPE_LEDGER_ITEM, NULL);
  self->id = g_strdup (problem->id);
  self->title = g_strdup (problem->title);
  self->ticket_no = g_strdup (problem->ticket_no);
  self->compound_id = g_strdup (problem->compound);
  self->compound_name = g_strdup (compound_name != NULL ? compound_name : problem->compound);
  self->district = g_strdup (district != NULL ? district : "");
  self->category_code = g_strdup (problem->category);
  self->category_name = g_strdup (category_name != NULL ? category_name : problem->category);
  self->responsible_party = g_strdup (problem->responsible_party);
  self->status = problem->status;
  self->tier = problem->tier;
  self->source = problem->source;
  self->reported_at = problem->reported_at;
  self->deadline = problem->deadline;
  /* A problem resolved stops counting; one whose resolution time is unknown counts on. */
  end = xa_metrics_problem_is_open (problem) || problem->resolved_at == 0
        ? now : problem->resolved_at;
  self->days_open = MAX (0, (end - problem->reported_at) / 86400);
  self->overdue = xa_metrics_problem_is_overdue (problem, now);
  self->outbox_state = outbox_state;
  self->pending = outbox_state >= 0;
  return self;
}

typedef struct
{
  gint64      now;
  GHashTable *compounds;    /* id → XaCompoundNames */
  GHashTable *categories;   /* code → name in the user's language */
  GHashTable *pending;      /* problem id → its outbox state + 1 */
  GPtrArray  *items;
} LoadState;

static void
collect_problem (gconstpointer record,
                 gpointer      user_data)
{
  const XaProblem *problem = record;
  LoadState *state = user_data;
  XaCompoundNames *names = g_hash_table_lookup (state->compounds, problem->compound);

  g_ptr_array_add (state->items,
                   xa_ledger_item_new (problem, names != NULL ? names->name : NULL,
                                       names != NULL ? names->district : NULL,
                                       g_hash_table_lookup (state->categories,
                                                            problem->category),
                                       GPOINTER_TO_INT (g_hash_table_lookup (state->pending,
                                                                             problem->id)) - 1,
                                       state->now));
}

GPtrArray *
xa_ledger_item_load_all (XaStore     *store,
                         gint64       now,
                         GHashTable  *categories,
                         GError     **error)
{
  g_autoptr(GHashTable) compounds = NULL;
  g_autoptr(GHashTable) own_categories = NULL;
  g_autoptr(GHashTable) pending = NULL;
  g_autoptr(GPtrArray) items = NULL;
  LoadState state;

  g_return_val_if_fail (XA_IS_STORE (store), NULL);

  pending = xa_store_outbox_states (store, XA_RECORD_PROBLEM, error);
  if (pending == NULL)
    return NULL;

  if (categories == NULL)
    categories = own_categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_free);
  compounds = xa_compound_names_new ();
  items = g_ptr_array_new_with_free_func (g_object_unref);
  state = (LoadState) { now, compounds, categories, pending, items };
  if (!xa_compound_names_read (compounds, store, error)
      || !xa_record_words_category_names (store, categories, error)
      || !xa_store_foreach (store, XA_RECORD_PROBLEM, collect_problem, &state, error))
    return NULL;
  return g_steal_pointer (&items);
}
