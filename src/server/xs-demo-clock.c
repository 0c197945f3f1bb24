/* xs-demo-clock.c — the dates of the demo city: times in Linyi (UTC+8) as unix seconds and
 * as the feed's ISO 8601 text, and the clock that dates the city, planned at DEMO_NOW, for
 * another day (xs_demo_city_generate_at()). Part of the demo city (xs-demo-city.c); it
 * draws nothing, so it cannot change what a seed gives. */
#include "config.h"

#include "xs-demo-city-private.h"

#define UNIX_EPOCH_JULIAN 719163   /* g_date_get_julian () of 1970-01-01 */

gint64
_xs_demo_local_time (int year,
                     int month,
                     int day,
                     int hour,
                     int minute)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return ((gint64) g_date_get_julian (&date) - UNIX_EPOCH_JULIAN) * DAY
         + hour * HOUR + minute * 60 - 8 * HOUR;
}

/* Division rounding towards minus infinity: days before 1970 still start at midnight. */
static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The day number (days since 1970-01-01) of @t in Linyi. */
static gint64
local_day (gint64 t)
{
  return floor_div (t + 8 * HOUR, DAY);
}

int
_xs_demo_local_year (gint64 t)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, local_day (t) + UNIX_EPOCH_JULIAN);
  return g_date_get_year (&date);
}

static char *
format_time (gint64 t)
{
  gint64 days = local_day (t);
  int secs = t + 8 * HOUR - days * DAY;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, days + UNIX_EPOCH_JULIAN);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d+08:00", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date),
                          secs / 3600, secs / 60 % 60, secs % 60);
}

char *
_xs_demo_format_date (gint64 t)
{
  g_autofree char *full = format_time (t);

  return g_strndup (full, 10);
}

void
_xs_demo_set_time (JsonObject *o,
                   const char *field,
                   gint64      t)
{
  g_autofree char *text = format_time (t);

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
  clock->year = _xs_demo_local_year (clock->now);
  clock->squeeze_flood = _xs_demo_local_year (FLOOD_SEASON_START + clock->shift) != clock->year;
}

gint64
_xs_demo_clock_flood_time (const Clock *clock,
                           gint64       t)
{
  gint64 span = local_day (DEMO_NOW) - local_day (FLOOD_SEASON_START);
  gint64 room, age, day, moved;

  if (!clock->squeeze_flood)
    return t + clock->shift;
  room = local_day (clock->now) - local_day (_xs_demo_local_time (clock->year, 1, 1, 0, 0));
  age = local_day (DEMO_NOW) - local_day (t);
  g_assert (age >= 0 && age <= span && room < span);
  day = local_day (clock->now) - age * room / span;
  moved = day * DAY - 8 * HOUR + (t + 8 * HOUR - local_day (t) * DAY);
  /* A check squeezed onto today happened before now. */
  return MIN (moved, clock->now - HOUR);
}

