/* xa-problem-ledger.h — the Problems page (问题台账): every problem of the store in a
 * sortable table with filters (status, tier, category, source, text, the window's district,
 * overdue, due this week, the compounds of "my" cadre), the count they leave, and the status
 * change of the selected problem through the ledger's flow, queued in the outbox. */
#pragma once

#include <adwaita.h>

#include "xa-ledger-item.h"
#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_PROBLEM_LEDGER (xa_problem_ledger_get_type ())
G_DECLARE_FINAL_TYPE (XaProblemLedger, xa_problem_ledger, XA, PROBLEM_LEDGER, AdwBin)

/* Reads every problem of @store again (one pass over problems, compounds, categories and
 * the outbox), at @now (unix seconds), showing those of district @district_or_NULL (NULL:
 * the whole city): at once when the page is shown, otherwise when it is next shown (an
 * error then is shown in a dialog). The ledger keeps @store for its edits until
 * xa_problem_ledger_unload(). */
gboolean xa_problem_ledger_load        (XaProblemLedger  *self,
                                        XaStore          *store,
                                        const char       *district_or_NULL,
                                        gint64            now,
                                        GError          **error);
/* Follows the window's district filter without reading the store again. */
void     xa_problem_ledger_set_district (XaProblemLedger *self,
                                         const char      *district_or_NULL);
/* Lets the store go (the window closes its connection): the table empties. */
void     xa_problem_ledger_unload      (XaProblemLedger  *self);
/* The ids of the problems the table shows, in its order (filters and sort): what Export…
 * and Print… write. Free with g_ptr_array_unref(). */
GPtrArray *xa_problem_ledger_get_shown_ids (XaProblemLedger *self);
/* The compounds for a meeting's agenda: the selected problem's (@shown FALSE; none when no
 * row is selected), or those of every row shown (@shown TRUE), once each, in the table's
 * order. Free with g_strfreev(). */
GStrv      xa_problem_ledger_dup_agenda_compounds (XaProblemLedger *self,
                                                   gboolean         shown);

/* For tests: the rows shown, in order (after filters and sort), and all rows. */
GListModel *_xa_problem_ledger_get_shown (XaProblemLedger *self);
guint       _xa_problem_ledger_get_total (XaProblemLedger *self);
gint64      _xa_problem_ledger_get_now   (XaProblemLedger *self);
GtkColumnView *_xa_problem_ledger_get_column_view (XaProblemLedger *self);
/* Selects row @position of the shown rows. */
void        _xa_problem_ledger_select    (XaProblemLedger *self,
                                          guint            position);
/* The widgets of the filter bar, by name: "status", "tier", "category", "source" (GtkDropDown),
 * "search" (GtkSearchEntry), "overdue", "due-week", "mine" (GtkToggleButton), "count"
 * (GtkLabel). */
GtkWidget  *_xa_problem_ledger_get_filter (XaProblemLedger *self,
                                           const char      *name);

G_END_DECLS
