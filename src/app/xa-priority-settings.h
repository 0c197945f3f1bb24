/* xa-priority-settings.h — the elevator renewal priority's weights and thresholds as the
 * app's GSettings keep them ("priority-*" and the figures' "reassessment-interval"): read
 * into the core's XaPriorityParams, shown as rows of Preferences, restored to defaults. */
#pragma once

#include <adwaita.h>

#include "xa-elevator-priority.h"

G_BEGIN_DECLS

/* The parameters @settings holds (a settings object of the app's schema). The schema's
 * ranges keep every value valid for xa_elevator_priority(). */
void xa_priority_params_from_settings (GSettings           *settings,
                                       XaPriorityParams    *out);
/* Every "priority-*" key back to its default, in one change. The reassessment interval is
 * the figures' setting and stays as it is. */
void xa_priority_settings_reset       (GSettings           *settings);
/* Adds to @group one row a key, a spin button bound to @settings, in the formula's order. */
void xa_priority_settings_add_rows    (AdwPreferencesGroup *group,
                                       GSettings           *settings);

G_END_DECLS
