/* xa-test-palette.h — the overlay colours as the tests expect them, written here from the
 * help's promise (blue for good through orange to red, grey for no data; ColorBrewer's
 * colour-blind-safe RdYlBu in four classes) rather than read from the code that draws
 * them, so a colour changed by mistake in the app fails the map and legend tests. */
#pragma once

#include <gdk/gdk.h>

#include "xa-overlay.h"

G_BEGIN_DECLS

/* The colour of @band of @overlay (a band enum of xa-metrics.h). */
void xa_test_palette_color (XaOverlay  overlay,
                            guint      band,
                            GdkRGBA   *out_color);

G_END_DECLS
