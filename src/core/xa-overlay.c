/* xa-overlay.c — see xa-overlay.h. */
#include "config.h"

#include "xa-overlay.h"
#include "xa-records.h"

/* NULL-terminated for xa_enum_from_string(). */
static const char * const overlay_names[XA_N_OVERLAYS + 1] = {
  [XA_OVERLAY_FLOOD] = "flood",
  [XA_OVERLAY_CHARGING] = "charging",
  [XA_OVERLAY_ELEVATOR_AGE] = "elevator-age",
  [XA_OVERLAY_PROBLEMS] = "problems",
  [XA_N_OVERLAYS] = NULL,
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
  int index;

  g_return_val_if_fail (name != NULL, FALSE);

  index = xa_enum_from_string (overlay_names, name);
  if (index < 0)
    return FALSE;
  if (out_overlay != NULL)
    *out_overlay = (XaOverlay) index;
  return TRUE;
}
