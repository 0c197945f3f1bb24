/* xa-elevator-list-private.h — a narrow view into XaElevatorList for the UI tests: its
 * models and filter widgets, to count, sort and filter as a user would. */
#pragma once

#include "xa-elevator-list.h"

G_BEGIN_DECLS

/* The rows read from the store, in store order (XaElevatorRow items). */
GListModel    *_xa_elevator_list_get_rows         (XaElevatorList *self);
/* The rows as the table shows them: sorted and filtered. */
GListModel    *_xa_elevator_list_get_shown        (XaElevatorList *self);
GtkColumnView *_xa_elevator_list_get_column_view  (XaElevatorList *self);
/* The text of the count above the table. */
const char    *_xa_elevator_list_get_count_text   (XaElevatorList *self);

/* The template child of @list with @id in xa-elevator-list.ui, as a @Type *. */
#define _xa_elevator_list_child(list, Type, id) \
  ((Type *) gtk_widget_get_template_child (GTK_WIDGET (list), XA_TYPE_ELEVATOR_LIST, (id)))

G_END_DECLS
