/* xa-export-file.h — one export from a records file into an output file, as the command
 * line and the window's Export… ask for it: the format follows the output's extension,
 * and the file is written beside the output under a temporary name and renamed over it,
 * so a failed export never leaves half a file nor destroys the one already there. */
#pragma once

#include "xa-export-table.h"

G_BEGIN_DECLS

typedef enum
{
  XA_EXPORT_FORMAT_CSV,
  XA_EXPORT_FORMAT_XLSX,
  XA_EXPORT_FORMAT_PDF,
} XaExportFormat;

/* The format @path's extension names (case does not matter); XA_EXPORT_ERROR_UNKNOWN_FORMAT
 * listing the ones there are otherwise. */
gboolean xa_export_format_from_path (const char      *path,
                                     XaExportFormat  *out_format,
                                     GError         **error);

/* Writes @table to @output in @format through a temporary file beside it. */
gboolean xa_export_write_table      (XaExportTable   *table,
                                     XaExportFormat   format,
                                     const char      *output,
                                     GError         **error);

/* Writes a file at @path (the temporary one) for xa_export_write_through_temporary(). */
typedef gboolean (*XaExportWriteFunc) (const char  *path,
                                       gpointer     user_data,
                                       GError     **error);

/* Any document (a table, the minutes of a meeting) written by @write to a temporary file
 * beside @output and renamed over it: a failure leaves no half file and the old one whole,
 * and its message names @output (and a full disk) rather than the temporary file. */
gboolean xa_export_write_through_temporary (const char        *output,
                                            XaExportWriteFunc  write,
                                            gpointer           user_data,
                                            GError           **error);

/* XA_EXPORT_ERROR_WRITE when the folder of @output does not exist or may not be written
 * to: checked before a long read of the store. */
gboolean xa_export_check_output_folder (const char *output,
                                        GError    **error);

/* XA_EXPORT_ERROR_EMPTY_STORE, with the way to fill it, when there is no records file at
 * @store_path: opening one would create an empty store. */
gboolean xa_export_check_store_file    (const char *store_path,
                                        GError    **error);
/* The store at @store_path opened for an export to @output, once both checks above have
 * passed: NULL with @error set otherwise. */
XaStore *xa_export_open_store          (const char *store_path,
                                        const char *output,
                                        GError    **error);
/* Exports @table_name ("compounds", "elevators", "problems") of the store at @store_path,
 * of @district_code only unless NULL, to @output, the elevators' priority scored with
 * @params (NULL: the defaults), with every check of the command line:
 * the table's name, the extension, the store (it is never created: a missing file is an
 * empty store), the district. Returns the number of rows written in @out_rows. */
gboolean xa_export_file             (const char              *store_path,
                                     const char              *table_name,
                                     const char              *district_code,
                                     const char              *output,
                                     gint64                   now,
                                     const XaPriorityParams  *params,
                                     guint                   *out_rows,
                                     GError                 **error);

G_END_DECLS
