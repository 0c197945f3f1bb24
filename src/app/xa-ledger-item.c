/* xa-ledger-item.c — see xa-ledger-item.h. */
#include "config.h"

#include "xa-ledger-item.h"
#include "xa-metrics.h"

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
                    gboolean         pending,
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
  self->pending = pending;
  return self;
}
