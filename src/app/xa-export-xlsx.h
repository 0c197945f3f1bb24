/* xa-export-xlsx.h — an export table as an Excel workbook (libxlsxwriter): numbers as
 * numbers and dates as dates, so a bureau can sum and sort them; a bold, frozen header row
 * with an autofilter, and columns as wide as what they hold. */
#pragma once

#include "xa-export-table.h"

G_BEGIN_DECLS

/* Writes @table to the workbook file at @path (created or replaced). XA_EXPORT_ERROR_WRITE
 * names @path when it cannot be written. */
gboolean xa_export_xlsx_write (XaExportTable  *table,
                               const char     *path,
                               GError        **error);

/* How many character widths @text takes in a spreadsheet column: two for each wide (CJK)
 * character, one for any other. */
guint    xa_export_text_width (const char     *text);

G_END_DECLS
