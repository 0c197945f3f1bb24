/* xa-city-summary.h — the city totals the bureau reports (compounds, public revenue,
 * charging, problems, elevators) as lists of rows, computed from the store. */
#pragma once

#include <adwaita.h>

#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_CITY_SUMMARY (xa_city_summary_get_type ())
G_DECLARE_FINAL_TYPE (XaCitySummary, xa_city_summary, XA, CITY_SUMMARY, AdwBin)

/* Recomputes the figures from @store for flood @season at @now (unix seconds). */
gboolean xa_city_summary_update (XaCitySummary  *self,
                                 XaStore        *store,
                                 int             season,
                                 gint64          now,
                                 GError        **error);

G_END_DECLS
