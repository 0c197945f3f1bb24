/* xa-elevator-model.h — the rows of the elevator renewal list as the table shows them:
 * every XaElevatorRow of a source model, sorted by the column view's sorter and filtered by
 * a GtkFilter, in one model that does what GtkSortListModel and GtkFilterListModel did for
 * the list, in the same order with the same rows, fast enough for 100,000 lifts: the order
 * of each column is sorted once and kept (both directions read it), filtering walks plain
 * arrays and asks the filter only about the rows a change can concern, and each change is
 * told as GTK 4.8's list view handles it fastest. */
#pragma once

#include <gtk/gtk.h>

#include "xa-elevator-columns.h"

G_BEGIN_DECLS

#define XA_TYPE_ELEVATOR_MODEL (xa_elevator_model_get_type ())
G_DECLARE_FINAL_TYPE (XaElevatorModel, xa_elevator_model, XA, ELEVATOR_MODEL, GObject)

/* The rows of @rows (XaElevatorRow items; followed as it changes) in the order of @sorter,
 * the sorter of a GtkColumnView whose columns have the sorters of
 * xa_elevator_model_column_sorter_new(), those @filter matches. A sorter that sorts by no
 * column leaves the rows in @rows' order. */
XaElevatorModel *xa_elevator_model_new               (GListModel       *rows,
                                                      GtkSorter        *sorter,
                                                      GtkFilter        *filter);

/* The selection model over @self (not held): a change that would remove a row it selects
 * is told so that the row stays selected, others in the way GTK 4.8's list view handles
 * fastest. Without one every change is told in one piece. */
void             xa_elevator_model_set_selection     (XaElevatorModel   *self,
                                                      GtkSelectionModel *selection);

/* The sorter of @column for its GtkColumnViewColumn: xa_elevator_column_compare() for
 * anyone who asks, and which column the view sorts by, and which way, for the model. */
GtkSorter       *xa_elevator_model_column_sorter_new (XaElevatorColumn  column);

G_END_DECLS
