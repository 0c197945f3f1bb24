/* xa-export-file.c — see xa-export-file.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xa-export-csv.h"
#include "xa-export-file.h"
#include "xa-export-pdf.h"
#include "xa-export-xlsx.h"

static const struct
{
  const char    *extension;
  XaExportFormat format;
} formats[] = {
  { ".csv", XA_EXPORT_FORMAT_CSV },
  { ".xlsx", XA_EXPORT_FORMAT_XLSX },
  { ".pdf", XA_EXPORT_FORMAT_PDF },
};

gboolean
xa_export_format_from_path (const char      *path,
                            XaExportFormat  *out_format,
                            GError         **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_utf8_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].extension))
      {
        *out_format = formats[i].format;
        return TRUE;
      }
  g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_UNKNOWN_FORMAT,
               _("The output file %s has no extension that names a format: end its name in "
                 ".csv, .xlsx or .pdf."), path);
  return FALSE;
}

/* A temporary file an export of this output left when it was killed (power cut, kill -9)
 * is no longer written to after this long; a live one is written to all along. */
#define STALE_TEMPORARY_SECONDS (60 * 60)

/* Deletes the temporaries of earlier exports to @base in @dir that were killed before they
 * could (".BASE.XXXXXX", a regular file of ours, untouched for an hour); anything else in
 * the folder, and a temporary another export is writing now, stays. */
static void
remove_stale_temporaries (const char *dir,
                          const char *base)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *entry;

  while (folder != NULL && (entry = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf info;

      if (!g_str_has_prefix (entry, prefix) || strlen (entry) != strlen (prefix) + 6)
        continue;
      path = g_build_filename (dir, entry, NULL);
      if (g_lstat (path, &info) == 0 && S_ISREG (info.st_mode) && info.st_uid == getuid ()
          && now - (gint64) info.st_mtime > STALE_TEMPORARY_SECONDS)
        {
          g_debug ("Removing %s, left by an export that did not finish", path);
          g_unlink (path);
        }
    }
}

/* A new empty file beside @output, under a hidden name of its own. */
static char *
create_temporary (const char  *output,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (output);
  g_autofree char *base = g_path_get_basename (output);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd;

  remove_stale_temporaries (dir, base);
  fd = g_mkstemp_full (path, O_RDWR, 0644);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_WRITE,
                   _("Cannot write the output file %s: %s. Choose a folder that exists and "
                     "that you may write to."),
                   output, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&path);
}

static gboolean
write_format (XaExportTable   *table,
              XaExportFormat   format,
              const char      *path,
              GError         **error)
{
  switch (format)
    {
    case XA_EXPORT_FORMAT_CSV:
      return xa_export_csv_write (table, path, error);
    case XA_EXPORT_FORMAT_XLSX:
      return xa_export_xlsx_write (table, path, error);
    case XA_EXPORT_FORMAT_PDF:
      return xa_export_pdf_write (table, path, error);
    default:
      g_assert_not_reached ();
    }
}

/* Whether the disk of @output's folder has (almost) no room left: what the writers' own
 * words ("error while writing to output stream") do not say. */
static gboolean
folder_is_full (const char *output)
{
  g_autofree char *folder = g_path_get_dirname (output);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  return info != NULL &&
         g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE) &&
         g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE) < 1024 * 1024;
}

typedef struct
{
  XaExportTable  *table;
  XaExportFormat  format;
} TableWrite;

static gboolean
write_table_to (const char  *path,
                gpointer     user_data,
                GError     **error)
{
  TableWrite *write = user_data;

  return write_format (write->table, write->format, path, error);
}

gboolean
xa_export_write_table (XaExportTable   *table,
                       XaExportFormat   format,
                       const char      *output,
                       GError         **error)
{
  TableWrite write = { table, format };

  g_return_val_if_fail (table != NULL, FALSE);

  return xa_export_write_through_temporary (output, write_table_to, &write, error);
}

gboolean
xa_export_write_through_temporary (const char          *output,
                                   XaExportWriteFunc    write,
                                   gpointer             user_data,
                                   GError             **error)
{
  g_autofree char *temporary = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (write != NULL, FALSE);

  temporary = create_temporary (output, error);
  if (temporary == NULL)
    return FALSE;
  if (!write (temporary, user_data, &local_error))
    {
      g_autoptr(GString) message = g_string_new (local_error->message);

      g_unlink (temporary);
      /* The writers name the file they wrote, a hidden temporary one beside the output:
       * the user knows the output's name. */
      g_string_replace (message, temporary, output, 0);
      if (folder_is_full (output))
        g_string_append_printf (message, "%s %s",
                                g_str_has_suffix (message->str, ".") ? "" : ".",
                                _("The disk is full: free some space, or choose a folder on "
                                  "another disk."));
      g_set_error_literal (error, local_error->domain, local_error->code, message->str);
      return FALSE;
    }
  if (g_rename (temporary, output) != 0)
    {
      int saved_errno = errno;

      g_unlink (temporary);
      g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_WRITE,
                   _("Cannot write the output file %s: %s"), output, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
xa_export_check_output_folder (const char  *output,
                               GError     **error)
{
  g_autofree char *output_dir = NULL;

  g_return_val_if_fail (output != NULL, FALSE);

  output_dir = g_path_get_dirname (output);
  if (!g_file_test (output_dir, G_FILE_TEST_IS_DIR) || g_access (output_dir, W_OK) != 0)
    {
      g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_WRITE,
                   _("Cannot write the output file %s: its folder %s does not exist or may "
                     "not be written to."),
                   output, output_dir);
      return FALSE;
    }
  return TRUE;
}

gboolean
xa_export_check_store_file (const char  *store_path,
                            GError     **error)
{
  g_return_val_if_fail (store_path != NULL, FALSE);

  /* Opening a missing file would create an empty store in its place. */
  if (!g_file_test (store_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_EMPTY_STORE,
                   _("There is no records file at %s: sync it from the records server first "
                     "(xiaoqu-atlas --sync-only --server URL), or give another with --store."),
                   store_path);
      return FALSE;
    }
  return TRUE;
}

XaStore *
xa_export_open_store (const char  *store_path,
                      const char  *output,
                      GError     **error)
{
  /* Said before the store is read, which takes seconds on a large city. */
  if (!xa_export_check_store_file (store_path, error) ||
      !xa_export_check_output_folder (output, error))
    return NULL;
  return xa_store_open (store_path, error);
}

gboolean
xa_export_file (const char              *store_path,
                const char              *table_name,
                const char              *district_code,
                const char              *output,
                gint64                   now,
                const XaPriorityParams  *params,
                guint                   *out_rows,
                GError                 **error)
{
  g_autoptr(XaStore) store = NULL;
  g_autoptr(XaExportTable) table = NULL;
  XaExportKind kind;
  XaExportFormat format;

  g_return_val_if_fail (store_path != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  if (!xa_export_kind_from_string (table_name, &kind))
    {
      g_autofree char *names = xa_export_kind_list ();

      g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_UNKNOWN_TABLE,
                   _("There is no table “%s” to export; the tables are: %s; or "
                     "dashboard, for the Dashboard’s report."),
                   table_name, names);
      return FALSE;
    }
  if (!xa_export_format_from_path (output, &format, error))
    return FALSE;

  store = xa_export_open_store (store_path, output, error);
  if (store == NULL)
    return FALSE;
  table = xa_export_table_new (store, kind, district_code, now, params, error);
  if (table == NULL)
    return FALSE;
  if (!xa_export_write_table (table, format, output, error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = xa_export_table_get_n_rows (table);
  return TRUE;
}
