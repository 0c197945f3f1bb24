/* xa-elevator-columns.h — the columns of the elevator renewal list: their titles, what a
 * cell of each shows for a row and how each sorts, apart from the widget that holds them. */
#pragma once

#include <gtk/gtk.h>

#include "xa-elevator-row.h"

G_BEGIN_DECLS

typedef enum
{
  XA_ELEVATOR_COLUMN_PRIORITY,
  XA_ELEVATOR_COLUMN_WHY,
  XA_ELEVATOR_COLUMN_COMPOUND,
  XA_ELEVATOR_COLUMN_DISTRICT,
  XA_ELEVATOR_COLUMN_BUILDING,
  XA_ELEVATOR_COLUMN_REGISTRATION,
  XA_ELEVATOR_COLUMN_MAKER,
  XA_ELEVATOR_COLUMN_MODEL,
  XA_ELEVATOR_COLUMN_COMMISSIONED,
  XA_ELEVATOR_COLUMN_YEARS,
  XA_ELEVATOR_COLUMN_INSPECTION,
  XA_ELEVATOR_COLUMN_FAULTS,
  XA_ELEVATOR_COLUMN_ENTRAPMENTS,
  XA_ELEVATOR_COLUMN_GRADE,
  XA_ELEVATOR_COLUMN_STATUS,
  XA_ELEVATOR_COLUMN_PLANNED,
  XA_ELEVATOR_COLUMN_FUNDING,
  XA_ELEVATOR_N_COLUMNS
} XaElevatorColumn;

const char *xa_elevator_column_title      (XaElevatorColumn         column);
/* Numbers, set right-aligned in tabular figures. */
gboolean    xa_elevator_column_is_numeric (XaElevatorColumn         column);
/* The text of @column's cell for @d, NULL for an empty cell. Free with g_free(). */
char       *xa_elevator_column_text       (const XaElevatorRowData *d,
                                           XaElevatorColumn         column);
/* A GCompareDataFunc of two XaElevatorRow for a GtkCustomSorter, @column as its data
 * (GINT_TO_POINTER): ascending order, ties in id order. The priority's ascending order is
 * the lowest priority first, so that its descending order is the core's renewal order. */
int         xa_elevator_column_compare    (gconstpointer            a,
                                           gconstpointer            b,
                                           gpointer                 column);

G_END_DECLS
