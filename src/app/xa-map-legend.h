/* xa-map-legend.h — the legend that floats over the map's bottom-left corner: the current
 * overlay's title and explanation, and for each band its colour, its label and how many
 * compounds fall in it. Colours and labels come from xa-overlay-style.h, like the map's.
 * With counts, each band is a button: clicking it (or Enter) emits "band-activated" with
 * the band's number, for the list of the compounds it counts (XaCompoundList). */
#pragma once

#include <adwaita.h>

#include "xa-overlay-style.h"

G_BEGIN_DECLS

#define XA_TYPE_MAP_LEGEND (xa_map_legend_get_type ())
G_DECLARE_FINAL_TYPE (XaMapLegend, xa_map_legend, XA, MAP_LEGEND, AdwBin)

GtkWidget *xa_map_legend_new         (void);

/* Shows @overlay with @counts[band] compounds in each of its bands (NULL: no counts yet);
 * @thresholds (NULL: the defaults) give the elevator age labels. */
void       xa_map_legend_set_overlay (XaMapLegend                *self,
                                      XaOverlay                   overlay,
                                      const guint                 counts[XA_OVERLAY_MAX_BANDS],
                                      const XaElevatorThresholds *thresholds);
XaOverlay  xa_map_legend_get_overlay (XaMapLegend                *self);
/* Names the district the counts are of in the title; NULL for the whole city. */
void       xa_map_legend_set_district (XaMapLegend               *self,
                                       const char                *name_or_NULL);

/* A small dot of @band's colour with the dark outline of the map's dots, for anything that
 * wants to point back at the map (the legend, the compound panel). Its size follows the
 * CSS min-width / min-height of the "xa-swatch" class. */
GtkWidget *xa_map_legend_swatch_new  (XaOverlay                   overlay,
                                      guint                       band);

G_END_DECLS
