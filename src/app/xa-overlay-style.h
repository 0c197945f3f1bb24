/* xa-overlay-style.h — how the overlays look: the colour of each band, its legend label,
 * and each overlay's title and one-line explanation. The map layer, the legend and the
 * screenshots in the help pages all take their colours from here, so they always agree. */
#pragma once

#include <gtk/gtk.h>

#include "xa-overlay.h"

G_BEGIN_DECLS

/* The fill colour of @band of @overlay. The palette is ColorBrewer's RdYlBu (safe for the
 * common colour-vision deficiencies, and still apart on a washed-out projector): blue is
 * good, red needs action, grey is "no data". Every dot is also drawn with a dark outline so
 * light bands stay visible on a light basemap. */
void        xa_overlay_band_color   (XaOverlay                   overlay,
                                     guint                       band,
                                     GdkRGBA                    *out_color);
/* The legend label of @band (translated), e.g. "All four in place" or "15–20 years";
 * @thresholds (NULL: the defaults) give the elevator age limits. Free with g_free(). */
char       *xa_overlay_band_label   (XaOverlay                   overlay,
                                     guint                       band,
                                     const XaElevatorThresholds *thresholds);
/* "Flood Readiness", "Charging Coverage", "Elevator Age", "Unresolved Problems". */
const char *xa_overlay_title        (XaOverlay                   overlay);
/* One sentence saying what the colours mean. */
const char *xa_overlay_description  (XaOverlay                   overlay);

G_END_DECLS
