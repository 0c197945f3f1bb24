/* xa-elevator-list.h — the Elevators page of the window: the renewal list, every lift of the
 * store in one sortable table, highest renewal priority first, each row saying why it ranks
 * where it does; filters by renewal status, age, assessment, funding and text, and the
 * window's district. Smooth with 100,000 lifts: the rows are read once a store change, the
 * explanations made only for the rows on screen. */
#pragma once

#include <adwaita.h>

#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_ELEVATOR_LIST (xa_elevator_list_get_type ())
G_DECLARE_FINAL_TYPE (XaElevatorList, xa_elevator_list, XA, ELEVATOR_LIST, AdwBin)

/* The lifts of @store_or_NULL (after a sync, or NULL when the store closes), scored with
 * the priority settings of @settings (the app's schema; followed while the store is set).
 * The rows are read now when the page is on screen, otherwise when it next shows. */
void        xa_elevator_list_set_store    (XaElevatorList *self,
                                           XaStore        *store_or_NULL,
                                           GSettings      *settings);
/* Shows only the lifts of the district @code_or_NULL (NULL: the whole city), whose name
 * @name_or_NULL the count above the table then gives. */
void        xa_elevator_list_set_district (XaElevatorList *self,
                                           const char     *code_or_NULL,
                                           const char     *name_or_NULL);

/* Puts the keyboard focus in the search field (Ctrl+F on this page). */
void        xa_elevator_list_focus_search (XaElevatorList *self);
/* The ids of the lifts the table shows, in its order (sort and filters): what Export… and
 * Print… write. Free with g_ptr_array_unref(). */
GPtrArray  *xa_elevator_list_get_shown_ids (XaElevatorList *self);
/* The compounds of the lifts selected, once each, in the table's order, for a meeting's
 * agenda. Free with g_strfreev(). */
GStrv       xa_elevator_list_dup_agenda_compounds (XaElevatorList *self);

/* Signal "compound-selected" (const char *compound_id): a row was selected; the window
 * selects its compound on the map.
 * Signal "compound-activated" (const char *compound_id): a row was activated (Enter, a
 * double click); the window shows its compound on the map. */

G_END_DECLS
