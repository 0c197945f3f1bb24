/* xs-demo-clock.c — the dates of the demo city: its times as the feed's text (the calendar
 * of UTC+8 itself is the core's, xa-calendar.h), and the clock that dates the city, planned
 * at DEMO_NOW, for another day (xs_demo_city_generate_at()). Part of the demo city
 * (xs-demo-city.c); it draws nothing, so it cannot change what a seed gives. */
#include "config.h"

#include "xs-demo-city-private.h"

/* Division rounding towards minus infinity: days before 1970 still start at midnight. */
static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

void
_xs_demo_set_time (JsonObject *o,
                   const char *field,
                   gint64      t)
{
  g_autofree char *text = xa_calendar_format_time (t);

  json_object_set_string_member (o, field, text);
}

/* ---- Dating the city -------------------------------------------------------------------
 *
 * A demo dated 2025 looks dead a year later: every open problem overdue, the flood checks
 * of a past season, lifts a year too young. So the city can be generated for another
 * instant, WHEN, and is then moved in time by whole days: its "now" becomes the last 09:00
 * in Linyi at or before WHEN. Whole days keep what happens at a time of day where it was
 * (calls from 07:00, work done by 21:00); moving by exactly WHEN - DEMO_NOW would put
 * calls at night. Taking the last 09:00 rather than the nearest one keeps every record in
 * the past of WHEN. Everything relative to "now" stays as it was: the same problems are
 * open, the same ones overdue by the same number of days, lifts have the same ages.
 *
 * Calendar years move with the dates: ticket numbers take the year the call was made, the
 * planned years of lift renewals move by the years "now" moved, and the flood season is
 * the year of "now" in Linyi (the app's "current season"). Moving everything by the same
 * whole years instead would keep the months of the seasons but leave "now" in September,
 * so in November every open problem would be two months more overdue: the relative facts
 * matter more to someone learning the app than the month a complaint about heating falls in.
 *
 * The flood checks need one exception. They were made between the season's start (April)
 * and now, up to 167 days back; when WHEN is early in its year, moving them by the same
 * days would put this season's checks into last year, and the map would show nearly every
 * compound as not inspected. Moving them by whole years would date them after WHEN. So in
 * that case alone their days are squeezed between 1 January and now, in the same order and
 * at the same times of day: the season is WHEN's year and nothing lies in the future. From
 * mid-June on the plain shift fits and is used.
 *
 * Construction years are not moved: they are history, and the bureau's "built before 2000"
 * line for old compounds is a fixed year. */

gint64
_xs_demo_clock_now_for (gint64 when)
{
  return DEMO_NOW + floor_div (when - DEMO_NOW, DAY) * DAY;
}

void
_xs_demo_clock_init (Clock  *clock,
                     gint64  when)
{
  clock->now = _xs_demo_clock_now_for (when);
  clock->shift = clock->now - DEMO_NOW;
  clock->year = xa_calendar_year (clock->now);
  clock->squeeze_flood = xa_calendar_year (FLOOD_SEASON_START + clock->shift) != clock->year;
}

gint64
_xs_demo_clock_flood_time (const Clock *clock,
                           gint64       t)
{
  gint64 span = xa_calendar_day_number (DEMO_NOW) - xa_calendar_day_number (FLOOD_SEASON_START);
  gint64 room, age, day, moved;

  if (!clock->squeeze_flood)
    return t + clock->shift;
  room = xa_calendar_day_number (clock->now)
         - xa_calendar_day_number (xa_calendar_time (clock->year, 1, 1, 0, 0));
  age = xa_calendar_day_number (DEMO_NOW) - xa_calendar_day_number (t);
  g_assert (age >= 0 && age <= span && room < span);
  day = xa_calendar_day_number (clock->now) - age * room / span;
  moved = day * DAY - XA_CALENDAR_UTC_OFFSET
          + (t + XA_CALENDAR_UTC_OFFSET - xa_calendar_day_number (t) * DAY);
  /* A check squeezed onto today happened before now. */
  return MIN (moved, clock->now - HOUR);
}

