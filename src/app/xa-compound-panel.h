/* xa-compound-panel.h — the side panel of the map: everything the bureau knows about the
 * selected compound (facts, public revenue, cadres, this season's flood checklist,
 * charging, elevators, open problems), or an empty state when nothing is selected. */
#pragma once

#include <adwaita.h>

#include "xa-metrics.h"
#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_COMPOUND_PANEL (xa_compound_panel_get_type ())
G_DECLARE_FINAL_TYPE (XaCompoundPanel, xa_compound_panel, XA, COMPOUND_PANEL, AdwBin)

GtkWidget  *xa_compound_panel_new             (void);

/* Shows the compound @compound_id_or_NULL of @store (NULL: the empty state), reading its
 * records now. Ages and overdue problems are taken at @now (unix seconds), the flood
 * checklist is that of @season, and @thresholds (NULL: the defaults) colour the elevator
 * ages as the map does. Call it again after a sync to refresh. */
void        xa_compound_panel_set_compound    (XaCompoundPanel            *self,
                                               XaStore                    *store,
                                               const char                 *compound_id_or_NULL,
                                               gint64                      now,
                                               int                         season,
                                               const XaElevatorThresholds *thresholds);
/* The compound shown, or NULL in the empty state. */
const char *xa_compound_panel_get_compound_id (XaCompoundPanel            *self);

G_END_DECLS
