/* xa-window-private.h — a narrow view into XaWindow for the UI tests: which page and view
 * it shows, its sync state and error strip, and the few widgets a test clicks or reads.
 * Nothing else uses it; the window's own state lives in xa-window.c and its session. */
#pragma once

#include "xa-agenda-page.h"
#include "xa-city-summary.h"
#include "xa-elevator-list.h"
#include "xa-problem-ledger.h"
#include "xa-map-view.h"
#include "xa-presentation.h"
#include "xa-window.h"

G_BEGIN_DECLS

/* "welcome", "busy", "error", "damaged", or the records view shown: "map", "summary" or
 * "elevators". */
const char       *_xa_window_get_page               (XaWindow   *self);
/* Shows the records view @name ("map", "summary" or "elevators"). */
void              _xa_window_show_view              (XaWindow   *self,
                                                     const char *name);
/* TRUE while a sync or the demo's start runs, or its progress strip still shows. */
gboolean          _xa_window_is_syncing             (XaWindow   *self);
const char       *_xa_window_get_store_path         (XaWindow   *self);
/* The records server in use, or NULL. */
const char       *_xa_window_get_server_url         (XaWindow   *self);
/* The text of the sync error strip, or NULL when it is hidden. */
const char       *_xa_window_get_error_text         (XaWindow   *self);
/* The error strip's action button (Try Again, Enter Token…, Change Server…). */
GtkButton        *_xa_window_get_error_button       (XaWindow   *self);
/* The code of the district chosen on the map, or NULL for the whole city. */
const char       *_xa_window_get_district           (XaWindow   *self);
XaMapView        *_xa_window_get_map_view           (XaWindow   *self);
XaCitySummary    *_xa_window_get_city_summary       (XaWindow   *self);
XaElevatorList   *_xa_window_get_elevator_list      (XaWindow   *self);
XaProblemLedger  *_xa_window_get_problem_ledger     (XaWindow   *self);
XaAgendaPage     *_xa_window_get_agenda_page        (XaWindow   *self);
/* Where the damaged store was moved, or NULL. */
const char       *_xa_window_get_damaged_aside_path (XaWindow   *self);
/* The dialog asking to replace another server's records, while it is open. */
AdwMessageDialog *_xa_window_get_replace_dialog     (XaWindow   *self);

G_END_DECLS
