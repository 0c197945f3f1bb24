/* xa-format.h — how the app writes numbers: counts with thousands separators whatever the
 * locale (bureau reports always group digits, and C.UTF-8 would not), percentages, and
 * durations for sync summaries. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "3,490" */
char *xa_format_count    (gint64 value);
/* "91.6 %" (one decimal) */
char *xa_format_percent  (double percent);

G_END_DECLS
