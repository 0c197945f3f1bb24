/* xa-test-palette.c — see xa-test-palette.h. */
#include "config.h"

#include "xa-test-palette.h"

/* RdYlBu, four classes, from good to bad, and the grey of "no data". */
#define BLUE        "#2c7bb6"
#define LIGHT_BLUE  "#abd9e9"
#define ORANGE      "#fdae61"
#define RED         "#d7191c"
#define GREY        "#9e9e9e"

static const char * const palette[XA_N_OVERLAYS][5] = {
  [XA_OVERLAY_FLOOD] = {
    [XA_FLOOD_BAND_READY] = BLUE,
    [XA_FLOOD_BAND_THREE] = ORANGE,
    [XA_FLOOD_BAND_TWO_OR_LESS] = RED,
    [XA_FLOOD_BAND_NOT_INSPECTED] = GREY,
  },
  [XA_OVERLAY_CHARGING] = {
    [XA_CHARGING_BAND_MEETS_TARGET] = BLUE,
    [XA_CHARGING_BAND_HALF_OR_MORE] = ORANGE,
    [XA_CHARGING_BAND_BELOW_HALF] = RED,
    [XA_CHARGING_BAND_NO_DATA] = GREY,
  },
  [XA_OVERLAY_ELEVATOR_AGE] = {
    [XA_ELEVATOR_AGE_BAND_UNDER_10] = BLUE,
    [XA_ELEVATOR_AGE_BAND_10_TO_15] = LIGHT_BLUE,
    [XA_ELEVATOR_AGE_BAND_15_TO_20] = ORANGE,
    [XA_ELEVATOR_AGE_BAND_20_PLUS] = RED,
    [XA_ELEVATOR_AGE_BAND_NO_ELEVATORS] = GREY,
  },
  [XA_OVERLAY_PROBLEMS] = {
    [XA_PROBLEM_BAND_NONE] = BLUE,
    [XA_PROBLEM_BAND_OPEN] = ORANGE,
    [XA_PROBLEM_BAND_OVERDUE] = RED,
  },
};

void
xa_test_palette_color (XaOverlay  overlay,
                       guint      band,
                       GdkRGBA   *out_color)
{
  g_assert_cmpint (overlay, <, XA_N_OVERLAYS);
  g_assert_cmpuint (band, <, G_N_ELEMENTS (palette[overlay]));
  g_assert_nonnull (palette[overlay][band]);
  g_assert_true (gdk_rgba_parse (out_color, palette[overlay][band]));
}
