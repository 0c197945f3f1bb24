/* xa-view-export.h — Export… and Print… of the window's Elevators and Problems pages and of
 * the list of compounds beside the map: the rows the view shows, in its order, with its
 * filters in words, written to CSV, XLSX or PDF in a thread (a toast says where, with a
 * button to open it; a failure says what failed and offers to save elsewhere), or printed
 * through GtkPrintOperation on the same pages as the PDF. On the Dashboard ("summary") the
 * same Export… writes its report (xa-dashboard-report: PDF or PNG) instead of a table, and
 * there is nothing to print. The window owns one and forwards its export actions to it. */
#pragma once

#include <adwaita.h>

#include "xa-compound-list.h"
#include "xa-elevator-list.h"
#include "xa-problem-ledger.h"

G_BEGIN_DECLS

#define XA_TYPE_VIEW_EXPORT (xa_view_export_get_type ())
G_DECLARE_FINAL_TYPE (XaViewExport, xa_view_export, XA, VIEW_EXPORT, GObject)

/* Exports from @view_stack's pages "elevators" (@elevator_list) and "problems"
 * (@problem_ledger) of @window, and from its page "map" while @compound_list shows, reading
 * the store at @window's session's store path and the priority weights of @settings.
 * Enables the window's actions win.export, win.print, win.export-to and win.print-to while
 * one of those shows in @main_stack's page "records". Keeps no reference to @window and its
 * widgets: the window owns it. */
XaViewExport *xa_view_export_new      (GtkWidget       *window,
                                       GtkStack        *main_stack,
                                       AdwViewStack    *view_stack,
                                       XaElevatorList  *elevator_list,
                                       XaProblemLedger *problem_ledger,
                                       XaCompoundList  *compound_list,
                                       GSettings       *settings);

/* Runs the window action @action_name with @parameter, exporting the rows of the district
 * @district_or_NULL chosen on the map:
 * "win.export": the save dialog, then the export to the file chosen;
 * "win.export-to" (s): to the path @parameter, the format following its extension;
 * "win.print": the print dialog;
 * "win.print-to" (s): prints the pages to the PDF file @parameter, as "Print to File" does;
 * "win.open-export" (s): opens the exported file at the URI @parameter (the toast's button). */
void          xa_view_export_activate (XaViewExport    *self,
                                       const char      *action_name,
                                       GVariant        *parameter,
                                       const char      *district_or_NULL);

/* The window's export actions, for gtk_widget_class_install_action(): name and parameter
 * type (NULL or "s"), NULL-terminated. */
extern const char * const xa_view_export_actions[][2];

G_END_DECLS
