/* xs-simulator.h — live activity for the demo server (--simulate): every few seconds a new
 * 12345 problem, a problem moving on towards resolution, a flood check update or a newly
 * commissioned elevator, written to the change log like any other change. */
#pragma once

#include <glib-object.h>

#include "xs-database.h"

G_BEGIN_DECLS

#define XS_TYPE_SIMULATOR (xs_simulator_get_type ())
G_DECLARE_FINAL_TYPE (XsSimulator, xs_simulator, XS, SIMULATOR, GObject)

XsSimulator *xs_simulator_new   (XsDatabase  *database,
                                 guint32      seed);
/* Starts ticking every @interval_seconds (≥ 1) on the thread-default main context. */
void         xs_simulator_start (XsSimulator *self,
                                 guint        interval_seconds);
void         xs_simulator_stop  (XsSimulator *self);
/* Runs the simulation's clock from @now (unix seconds) on, for a demo city dated with
 * --demo-now; without it the simulation keeps the real clock. */
void         xs_simulator_set_now (XsSimulator *self,
                                   gint64       now);
/* One step of the simulation, now; FALSE with @error when the database refused it. */
gboolean     xs_simulator_step  (XsSimulator  *self,
                                 GError      **error);

G_END_DECLS
