/* xa-format.c — see xa-format.h. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xa-format.h"

char *
xa_format_count (gint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             value < 0 ? (guint64) -(value + 1) + 1 : (guint64) value);
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

char *
xa_format_percent (double percent)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Always a dot: the figures are copied into reports written with one. */
  g_ascii_formatd (buf, sizeof buf, "%.1f", percent);
  /* Translators: a percentage, e.g. "91.6 %"; %s is the number. */
  return g_strdup_printf (_("%s %%"), buf);
}
