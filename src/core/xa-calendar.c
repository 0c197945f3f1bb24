/* xa-calendar.c — see xa-calendar.h. */
#include "config.h"

#include "xa-calendar.h"

#define DAY (24 * 3600)
#define UNIX_EPOCH_JULIAN 719163   /* g_date_get_julian () of 1970-01-01 */

gint64
xa_calendar_day_number (gint64 unix_seconds)
{
  gint64 local = unix_seconds + XA_CALENDAR_UTC_OFFSET;

  /* Division rounding towards minus infinity: days before 1970 still start at midnight. */
  return local / DAY - (local % DAY < 0);
}

gint64
xa_calendar_deadline (gint64 unix_seconds,
                      int    days)
{
  gint64 day = xa_calendar_day_number (unix_seconds) + days;

  return day * DAY - XA_CALENDAR_UTC_OFFSET + 18 * 3600;
}

void
xa_calendar_date (gint64  unix_seconds,
                  GDate  *out)
{
  g_date_clear (out, 1);
  g_date_set_julian (out, xa_calendar_day_number (unix_seconds) + UNIX_EPOCH_JULIAN);
}

int
xa_calendar_year (gint64 unix_seconds)
{
  GDate date;

  xa_calendar_date (unix_seconds, &date);
  return g_date_get_year (&date);
}

gint64
xa_calendar_time (int year,
                  int month,
                  int day,
                  int hour,
                  int minute)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return ((gint64) g_date_get_julian (&date) - UNIX_EPOCH_JULIAN) * DAY
         + hour * 3600 + minute * 60 - XA_CALENDAR_UTC_OFFSET;
}

char *
xa_calendar_format_time (gint64 unix_seconds)
{
  gint64 days = xa_calendar_day_number (unix_seconds);
  int secs = unix_seconds + XA_CALENDAR_UTC_OFFSET - days * DAY;
  GDate date;

  xa_calendar_date (unix_seconds, &date);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d+08:00", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date),
                          secs / 3600, secs / 60 % 60, secs % 60);
}

char *
xa_calendar_format_date (gint64 unix_seconds)
{
  g_autofree char *full = xa_calendar_format_time (unix_seconds);

  return g_strndup (full, 10);
}

char *
xa_calendar_format (gint64      unix_seconds,
                    const char *format)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (XA_CALENDAR_UTC_OFFSET);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (local, format);
}
