/* xa-format.c — see xa-format.h. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xa-calendar.h"
#include "xa-format.h"

char *
xa_format_count (gint64 value)
{
  /* -(value + 1) + 1: G_MININT64 has no positive gint64. */
  guint64 magnitude = value < 0 ? (guint64) -(value + 1) + 1 : (guint64) value;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
  GString *out = g_string_new (value < 0 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

void
xa_format_label_count (GtkLabel *label,
                       gint64    value)
{
  g_autofree char *text = xa_format_count (value);

  gtk_label_set_label (label, text);
}

char *
xa_format_percent (double percent)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Always a dot: the figures are copied into reports written with one. */
  g_ascii_formatd (buf, sizeof buf, "%.1f", percent);
  /* Translators: a percentage, e.g. "91.6 %"; %s is the number. */
  return g_strdup_printf (_("%s %%"), buf);
}

char *
xa_format_abbreviated_count (guint n)
{
  /* Translators: the unit a large cluster's count is abbreviated in, as digits only:
   * 1000 where "12k" is read (English), 10000 where it is "1.2万" (Chinese). */
  guint64 unit = g_ascii_strtoull (C_("cluster count unit", "1000"), NULL, 10);
  guint64 tenths;
  char number[32];

  if (n < 10000 || unit == 0)
    return g_strdup_printf ("%u", n);
  /* One decimal below ten units ("1.2万"), whole units above ("12k"); never rounded up,
   * so a count never looks larger than it is. */
  tenths = (guint64) n * 10 / unit;
  if (tenths < 100)
    g_snprintf (number, sizeof number, "%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT,
                tenths / 10, tenths % 10);
  else
    g_snprintf (number, sizeof number, "%" G_GUINT64_FORMAT, tenths / 10);
  /* Translators: a cluster of ten thousand compounds or more on the map; %s is the count
   * in the unit translated above ("12" for 12,000 in English, "1.2" in Chinese): "12k",
   * "1.2万". The circle has room for about four characters. */
  return g_strdup_printf (_("%sk"), number);
}

char *
xa_format_date_time (gint64 unix_seconds)
{
  return xa_calendar_format (unix_seconds, "%Y-%m-%d %H:%M");
}
