/* xa-dashboard-report.h — the Dashboard as a report: a PDF of one A4 landscape page per
 * section (its tables as text that can be copied, its chart drawn as vectors by
 * xa-dashboard-chart, Chinese text in Noto Sans CJK SC embedded), or one PNG image of
 * XA_DASHBOARD_PNG_WIDTH × XA_DASHBOARD_PNG_HEIGHT pixels for slides (the two charts and
 * the key figures). Every page and the image say "Figures as of" the last sync. Written
 * through a temporary file renamed over the output (xa-export-file.h), from the window's
 * "Export Report…" and from the command line (--export dashboard). */
#pragma once

#include "xa-dashboard-figures.h"

G_BEGIN_DECLS

/* Full HD, the size of a 16:9 slide. */
#define XA_DASHBOARD_PNG_WIDTH  1920
#define XA_DASHBOARD_PNG_HEIGHT 1080

typedef enum
{
  XA_DASHBOARD_REPORT_PDF,
  XA_DASHBOARD_REPORT_PNG,
} XaDashboardReportFormat;

/* The format @path's extension names (.pdf or .png, any case);
 * XA_EXPORT_ERROR_UNKNOWN_FORMAT naming both otherwise. */
gboolean xa_dashboard_report_format_from_path (const char               *path,
                                               XaDashboardReportFormat  *out_format,
                                               GError                  **error);

/* Writes the report of @figures, its chart by district showing @measure, to @output in the
 * format its extension names, through a temporary file beside it. XA_EXPORT_ERROR_WRITE
 * naming @output when it cannot be written; nothing is left behind then. */
gboolean xa_dashboard_report_write (const XaDashboardFigures *figures,
                                    XaDashboardMeasure        measure,
                                    const char               *output,
                                    GError                  **error);

/* An export apart from any widget (the command line's, and the window's in its thread):
 * the figures of the store at @store_path (never created; a missing file is said so), of
 * the district @district_code_or_NULL, flood @season (0: the season under way at @now),
 * assessments counting @reassessment_years, with the chart by district of @measure, to
 * @output. Every check before the store is read. */
gboolean xa_dashboard_report_export_file (const char          *store_path,
                                          const char          *district_code_or_NULL,
                                          const char          *output,
                                          gint64               now,
                                          int                  season,
                                          int                  reassessment_years,
                                          XaDashboardMeasure   measure,
                                          GError             **error);

G_END_DECLS
