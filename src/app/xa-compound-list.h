/* xa-compound-list.h — the list of compounds beside the map: the compounds a legend band or
 * a figure of the Dashboard counts, as a sortable table (name, district, the measure
 * they are ranked by, cadre) that follows the map's district filter. Choosing a row emits
 * "compound-selected" (the compound's id) for the map to select it; Esc or the close
 * button hides the list. */
#pragma once

#include <adwaita.h>

#include "xa-compound-points.h"
#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_COMPOUND_LIST (xa_compound_list_get_type ())
G_DECLARE_FINAL_TYPE (XaCompoundList, xa_compound_list, XA, COMPOUND_LIST, AdwBin)

/* Where the rows come from: the map's compounds (names, bands and measures), the store
 * (cadres, figures) and the district filter (@district_code_or_NULL, NULL: all; its
 * @district_name_or_NULL for the title). Shown rows are built again from them. */
void         xa_compound_list_set_source   (XaCompoundList   *self,
                                            XaStore          *store,
                                            XaCompoundPoints *points,
                                            const char       *district_code_or_NULL,
                                            const char       *district_name_or_NULL);
/* Lists the compounds in @band of @overlay, as the legend counts them, and shows the list. */
void         xa_compound_list_show_band    (XaCompoundList   *self,
                                            XaOverlay         overlay,
                                            guint             band);
/* Lists the compounds the figure @figure of the Figures page counts, or those that hold
 * what it counts (problems, lifts, ports…), and shows the list. FALSE for a figure that
 * has no list (a percentage, an amount of money). The names are the targets of the
 * Dashboard's rows: "compounds", "revenue-recorded", "special-accounts",
 * "charging-compounds", "charging-ports", "smart-ports", "flood-inspected",
 * "flood-ready", "drills", "flood-fixed", "problems-resolved", "problems-open",
 * "problems-overdue", "city-tier", "elevators", "assessment-due". */
gboolean     xa_compound_list_show_figure  (XaCompoundList   *self,
                                            const char       *figure);
/* The number of compounds listed, and the title that says what they are. */
guint        xa_compound_list_get_n_items  (XaCompoundList   *self);
const char  *xa_compound_list_get_title    (XaCompoundList   *self);
/* The title's first line: what is listed ("Unresolved Problems · Some overdue"). */
const char  *xa_compound_list_get_heading  (XaCompoundList   *self);
/* The ids of the compounds listed, in the list's order, for an export; when the list shows
 * a measure, its column's title in @out_measure_title and each compound's measure as shown
 * (id → text) in @out_measures, else NULL in both (each may be NULL). */
GPtrArray   *xa_compound_list_get_shown_ids (XaCompoundList  *self,
                                             char           **out_measure_title,
                                             GHashTable     **out_measures);

G_END_DECLS
