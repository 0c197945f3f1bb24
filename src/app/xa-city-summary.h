/* xa-city-summary.h — the Dashboard page: the figures the bureau reports (compounds, public
 * revenue, charging, flood, problems, elevators and their splits) as lists of rows, a chart
 * by district of the measure chosen and a chart of problems by month, computed from the
 * store for the whole city or one district, "Figures as of" the last sync on top.
 * Activating a figure that counts compounds, or things compounds hold, emits
 * "figure-activated" with the figure's name (those of xa-compound-list.h), for the list of
 * those compounds; a district's bar emits "district-activated" with its code (NULL when
 * it was the district chosen already). Its "Export Report…" button is the window's
 * win.export, which exports the report of this page (xa-view-export). */
#pragma once

#include <adwaita.h>

#include "xa-dashboard-figures.h"
#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_CITY_SUMMARY (xa_city_summary_get_type ())
G_DECLARE_FINAL_TYPE (XaCitySummary, xa_city_summary, XA, CITY_SUMMARY, AdwBin)

/* Recomputes the figures from @store for the district @district_code_or_NULL (NULL:
 * the whole city, which the heading then says), flood @season, at @now (unix seconds),
 * with safety assessments counting for @reassessment_years. */
gboolean xa_city_summary_update (XaCitySummary  *self,
                                 XaStore        *store,
                                 const char     *district_code_or_NULL,
                                 int             season,
                                 gint64          now,
                                 int             reassessment_years,
                                 GError        **error);

/* The figures of the last update (NULL before one), and the measure chosen for the chart
 * by district: what the report exports. */
const XaDashboardFigures *xa_city_summary_get_figures (XaCitySummary *self);
XaDashboardMeasure        xa_city_summary_get_measure (XaCitySummary *self);

G_END_DECLS
