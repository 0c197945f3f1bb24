/* xa-overlay-style.c — see xa-overlay-style.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-overlay-style.h"

/* RdYlBu, four classes, plus a neutral grey for "no data". */
#define COLOR_GOOD     "#2c7bb6"
#define COLOR_FAIR     "#abd9e9"
#define COLOR_POOR     "#fdae61"
#define COLOR_BAD      "#d7191c"
#define COLOR_NO_DATA  "#9e9e9e"

static const char * const band_colors[XA_N_OVERLAYS][XA_OVERLAY_MAX_BANDS] = {
  [XA_OVERLAY_FLOOD] = {
    [XA_FLOOD_BAND_READY] = COLOR_GOOD,
    [XA_FLOOD_BAND_THREE] = COLOR_POOR,
    [XA_FLOOD_BAND_TWO_OR_LESS] = COLOR_BAD,
    [XA_FLOOD_BAND_NOT_INSPECTED] = COLOR_NO_DATA,
  },
  [XA_OVERLAY_CHARGING] = {
    [XA_CHARGING_BAND_MEETS_TARGET] = COLOR_GOOD,
    [XA_CHARGING_BAND_HALF_OR_MORE] = COLOR_POOR,
    [XA_CHARGING_BAND_BELOW_HALF] = COLOR_BAD,
    [XA_CHARGING_BAND_NO_DATA] = COLOR_NO_DATA,
  },
  [XA_OVERLAY_ELEVATOR_AGE] = {
    [XA_ELEVATOR_AGE_BAND_UNDER_10] = COLOR_GOOD,
    [XA_ELEVATOR_AGE_BAND_10_TO_15] = COLOR_FAIR,
    [XA_ELEVATOR_AGE_BAND_15_TO_20] = COLOR_POOR,
    [XA_ELEVATOR_AGE_BAND_20_PLUS] = COLOR_BAD,
    [XA_ELEVATOR_AGE_BAND_NO_ELEVATORS] = COLOR_NO_DATA,
  },
  [XA_OVERLAY_PROBLEMS] = {
    [XA_PROBLEM_BAND_NONE] = COLOR_GOOD,
    [XA_PROBLEM_BAND_OPEN] = COLOR_POOR,
    [XA_PROBLEM_BAND_OVERDUE] = COLOR_BAD,
  },
};

void
xa_overlay_band_color (XaOverlay  overlay,
                       guint      band,
                       GdkRGBA   *out_color)
{
  g_return_if_fail (overlay < XA_N_OVERLAYS);
  g_return_if_fail (band < xa_overlay_n_bands (overlay));
  g_return_if_fail (out_color != NULL);

  gdk_rgba_parse (out_color, band_colors[overlay][band]);
}

static char *
elevator_band_label (guint                       band,
                     const XaElevatorThresholds *thresholds)
{
  XaElevatorThresholds limits = thresholds != NULL ? *thresholds
                                                   : xa_elevator_thresholds_default ();

  switch ((XaElevatorAgeBand) band)
    {
    case XA_ELEVATOR_AGE_BAND_UNDER_10:
      /* Translators: an elevator age band of the map legend; %g is a number of years. */
      return g_strdup_printf (_("Under %g years"), limits.low);
    case XA_ELEVATOR_AGE_BAND_10_TO_15:
      /* Translators: an elevator age band; the two %g are numbers of years. */
      return g_strdup_printf (_("%g–%g years"), limits.low, limits.mid);
    case XA_ELEVATOR_AGE_BAND_15_TO_20:
      /* Translators: an elevator age band; the two %g are numbers of years. */
      return g_strdup_printf (_("%g–%g years"), limits.mid, limits.high);
    case XA_ELEVATOR_AGE_BAND_20_PLUS:
      /* Translators: an elevator age band; %g is a number of years. */
      return g_strdup_printf (_("%g years or more"), limits.high);
    case XA_ELEVATOR_AGE_BAND_NO_ELEVATORS:
      return g_strdup (_("No elevators"));
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
xa_overlay_band_label (XaOverlay                   overlay,
                       guint                       band,
                       const XaElevatorThresholds *thresholds)
{
  g_return_val_if_fail (overlay < XA_N_OVERLAYS, NULL);
  g_return_val_if_fail (band < xa_overlay_n_bands (overlay), NULL);

  switch (overlay)
    {
    case XA_OVERLAY_FLOOD:
      {
        static const char * const labels[] = {
          [XA_FLOOD_BAND_READY] = N_("All four in place"),
          [XA_FLOOD_BAND_THREE] = N_("Three of four"),
          [XA_FLOOD_BAND_TWO_OR_LESS] = N_("Two or fewer"),
          [XA_FLOOD_BAND_NOT_INSPECTED] = N_("Not inspected this season"),
        };
        return g_strdup (_(labels[band]));
      }
    case XA_OVERLAY_CHARGING:
      {
        static const char * const labels[] = {
          [XA_CHARGING_BAND_MEETS_TARGET] = N_("One port per e-bike or more"),
          [XA_CHARGING_BAND_HALF_OR_MORE] = N_("Half the target or more"),
          [XA_CHARGING_BAND_BELOW_HALF] = N_("Below half the target"),
          [XA_CHARGING_BAND_NO_DATA] = N_("No data"),
        };
        return g_strdup (_(labels[band]));
      }
    case XA_OVERLAY_ELEVATOR_AGE:
      return elevator_band_label (band, thresholds);
    case XA_OVERLAY_PROBLEMS:
      {
        static const char * const labels[] = {
          [XA_PROBLEM_BAND_NONE] = N_("Nothing open"),
          [XA_PROBLEM_BAND_OPEN] = N_("Open, none overdue"),
          [XA_PROBLEM_BAND_OVERDUE] = N_("Some overdue"),
        };
        return g_strdup (_(labels[band]));
      }
    case XA_N_OVERLAYS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
xa_overlay_title (XaOverlay overlay)
{
  switch (overlay)
    {
    case XA_OVERLAY_FLOOD:
      return _("Flood Readiness");
    case XA_OVERLAY_CHARGING:
      return _("Charging Coverage");
    case XA_OVERLAY_ELEVATOR_AGE:
      return _("Elevator Age");
    case XA_OVERLAY_PROBLEMS:
      return _("Unresolved Problems");
    case XA_N_OVERLAYS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
xa_overlay_description (XaOverlay overlay)
{
  switch (overlay)
    {
    case XA_OVERLAY_FLOOD:
      return _("How many of the four flood items (supplies, personnel, plan, drill) are in "
               "place this season.");
    case XA_OVERLAY_CHARGING:
      return _("E-bike charging ports per registered e-bike, against the target of one "
               "port per e-bike.");
    case XA_OVERLAY_ELEVATOR_AGE:
      return _("Years in service of each compound’s oldest elevator; from 15 years a "
               "safety assessment is due.");
    case XA_OVERLAY_PROBLEMS:
      return _("Open problems and 12345 tickets: the dot grows with the number open and "
               "turns red when one is past its deadline.");
    case XA_N_OVERLAYS:
    default:
      g_return_val_if_reached (NULL);
    }
}
