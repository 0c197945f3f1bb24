/* xa-city-summary.h — the city totals the bureau reports (compounds, public revenue,
 * charging, problems, elevators) as lists of rows, computed from the store, for the whole
 * city or one district. Activating a figure that counts compounds, or things compounds hold,
 * emits "figure-activated" with the figure's name (those of xa-compound-list.h), for the
 * list of those compounds. */
#pragma once

#include <adwaita.h>

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

G_END_DECLS
