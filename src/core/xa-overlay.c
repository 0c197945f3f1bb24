/* xa-overlay.c — see xa-overlay.h. */
#include "config.h"

#include <string.h>

#include "xa-overlay.h"

static const char * const overlay_names[XA_N_OVERLAYS] = {
  [XA_OVERLAY_FLOOD] = "flood",
  [XA_OVERLAY_CHARGING] = "charging",
  [XA_OVERLAY_ELEVATOR_AGE] = "elevator-age",
  [XA_OVERLAY_PROBLEMS] = "problems",
};

guint
xa_overlay_n_bands (XaOverlay overlay)
{
  switch (overlay)
    {
    case XA_OVERLAY_FLOOD:
      return XA_FLOOD_BAND_NOT_INSPECTED + 1;
    case XA_OVERLAY_CHARGING:
      return XA_CHARGING_BAND_NO_DATA + 1;
    case XA_OVERLAY_ELEVATOR_AGE:
      return XA_ELEVATOR_AGE_BAND_NO_ELEVATORS + 1;
    case XA_OVERLAY_PROBLEMS:
      return XA_PROBLEM_BAND_OVERDUE + 1;
    case XA_N_OVERLAYS:
    default:
      g_return_val_if_reached (0);
    }
}

const char *
xa_overlay_to_string (XaOverlay overlay)
{
  g_return_val_if_fail (overlay < XA_N_OVERLAYS, NULL);
  return overlay_names[overlay];
}

gboolean
xa_overlay_from_string (const char *name,
                        XaOverlay  *out_overlay)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < XA_N_OVERLAYS; i++)
    if (strcmp (name, overlay_names[i]) == 0)
      {
        if (out_overlay != NULL)
          *out_overlay = (XaOverlay) i;
        return TRUE;
      }
  return FALSE;
}
