/* xa-overlay.h — the four map overlays (flood readiness, charging coverage, elevator age,
 * unresolved problems) as one enumeration, with the number of bands each one draws and
 * the names they have in settings and actions. The bands themselves are those of
 * xa-metrics.h: band i of an overlay is the value i of its Xa…Band enumeration. */
#pragma once

#include <glib.h>

#include "xa-metrics.h"

G_BEGIN_DECLS

typedef enum
{
  XA_OVERLAY_FLOOD,         /* XaFloodBand */
  XA_OVERLAY_CHARGING,      /* XaChargingBand */
  XA_OVERLAY_ELEVATOR_AGE,  /* XaElevatorAgeBand */
  XA_OVERLAY_PROBLEMS,      /* XaProblemBand; dots sized by the open count */
  XA_N_OVERLAYS
} XaOverlay;

/* The most bands any overlay has (elevator age: four age bands and "no elevators"). */
#define XA_OVERLAY_MAX_BANDS 5

/* Number of bands of @overlay, the last of which is "no data" where the overlay has one. */
guint       xa_overlay_n_bands     (XaOverlay   overlay);
/* "flood", "charging", "elevator-age", "problems": the spelling in GSettings and actions. */
const char *xa_overlay_to_string   (XaOverlay   overlay);
gboolean    xa_overlay_from_string (const char *name,
                                    XaOverlay  *out_overlay);

G_END_DECLS
