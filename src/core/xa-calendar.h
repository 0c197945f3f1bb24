/* xa-calendar.h — the bureau's calendar: China Standard Time, one zone for the whole
 * country, UTC+8 with no daylight saving since 1991. Days, years and the feed's ISO 8601
 * times by integer arithmetic, so that no time zone database or local setting can move
 * them; shared by the metrics of the core and the demo city and simulation of the server. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define XA_CALENDAR_UTC_OFFSET (8 * 3600)

/* Days since 1970-01-01 of @unix_seconds in UTC+8 (floored, so earlier instants work). */
gint64 xa_calendar_day_number  (gint64       unix_seconds);
/* The calendar day of @unix_seconds in UTC+8. */
void   xa_calendar_date        (gint64       unix_seconds,
                                GDate       *out);
/* The calendar year of @unix_seconds in UTC+8. */
int    xa_calendar_year        (gint64       unix_seconds);
/* Unix seconds of @year-@month-@day @hour:@minute in UTC+8. */
gint64 xa_calendar_time        (int          year,
                                int          month,
                                int          day,
                                int          hour,
                                int          minute);
/* The deadline @days calendar days after the day of @unix_seconds: 18:00, the end of the
 * bureau's working day, in UTC+8 (a problem's deadline when it reaches a tier). */
gint64 xa_calendar_deadline    (gint64       unix_seconds,
                                int          days);
/* @unix_seconds as the feed writes times, "YYYY-MM-DDTHH:MM:SS+08:00". Free with g_free(). */
char  *xa_calendar_format_time (gint64       unix_seconds);
/* @unix_seconds as "YYYY-MM-DD" in UTC+8. Free with g_free(). */
char  *xa_calendar_format_date (gint64       unix_seconds);
/* @unix_seconds in UTC+8 by g_date_time_format() @format; NULL outside GDateTime's years. */
char  *xa_calendar_format      (gint64       unix_seconds,
                                const char  *format);

G_END_DECLS
