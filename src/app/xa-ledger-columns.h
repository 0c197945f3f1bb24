/* xa-ledger-columns.h — the problem ledger's eleven columns (status, tier, category,
 * source, ticket, compound, responsible party, reported, deadline, days open, overdue):
 * their cells, the words in them, each column's sorter, and the ledger's default order. */
#pragma once

#include <gtk/gtk.h>

#include "xa-records.h"

G_BEGIN_DECLS

/* A right click on a cell: the cell, its row's position, the point in the cell. */
typedef void (*XaLedgerCellClickFunc) (GtkWidget *cell,
                                       guint      position,
                                       double     x,
                                       double     y,
                                       gpointer   user_data);

/* Appends the columns to @view (a model of XaLedgerItem), each sortable. */
void       xa_ledger_columns_add            (GtkColumnView         *view,
                                             XaLedgerCellClickFunc  on_click,
                                             gpointer               user_data);
/* The order before any column is clicked, and after it for ties: overdue first, then the
 * nearest deadline, then the id, so a load gives the same order as the last. */
GtkSorter *xa_ledger_columns_default_sorter (void);

G_END_DECLS
