/* xa-monitor-row.h — the Preferences row that picks the monitor presentation mode goes
 * fullscreen on (the "presentation-monitor" setting): Automatic, or one of the monitors
 * attached now, named by connector, maker and size. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define XA_TYPE_MONITOR_ROW (xa_monitor_row_get_type ())
G_DECLARE_FINAL_TYPE (XaMonitorRow, xa_monitor_row, XA, MONITOR_ROW, AdwComboRow)

/* Shows and changes "presentation-monitor" of @settings from now on. */
void xa_monitor_row_set_settings (XaMonitorRow *self,
                                  GSettings    *settings);

G_END_DECLS
