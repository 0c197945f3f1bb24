/* xa-format.h — how the app writes numbers: counts with thousands separators whatever the
 * locale (bureau reports always group digits, and C.UTF-8 would not), percentages, and
 * large counts abbreviated for the map's clusters; and the one way a label shows a count. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* "3,490" */
char *xa_format_count    (gint64 value);
/* Sets @label's text to xa_format_count (@value). */
void  xa_format_label_count (GtkLabel *label,
                             gint64    value);
/* "91.6 %" (one decimal) */
char *xa_format_percent  (double percent);
/* A count for the small circle of a map cluster: "9999", then "12k" (in Chinese "1.2万",
 * the unit comes from the translation). */
char *xa_format_abbreviated_count (guint n);
/* "2026-12-06 09:30": a moment as the bureau's clock reads it (China Standard Time, as
 * every deadline and date of the records is shown), whatever this computer's time zone. */
char *xa_format_date_time (gint64 unix_seconds);

G_END_DECLS
