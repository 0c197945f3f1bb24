/* xa-export-csv.h — an export table as CSV the way Excel opens it in China: UTF-8 with a
 * byte order mark (without it Excel reads the file as GBK), RFC 4180 quoting, CRLF line
 * ends, the column titles first. */
#pragma once

#include "xa-export-table.h"

G_BEGIN_DECLS

/* Writes @table to the file at @path (created or truncated). XA_EXPORT_ERROR_WRITE names
 * @path when it cannot be written. */
gboolean xa_export_csv_write (XaExportTable  *table,
                              const char     *path,
                              GError        **error);

G_END_DECLS
