/* xa-export-csv.c — see xa-export-csv.h. Written through stdio with a large buffer: 100,000
 * rows are a few megabytes, and one write call per field would dominate the export.
 *
 * Problem titles and other texts come from the public (the 12345 hotline): a text that
 * begins like a formula (=, +, -, @) would be run as one by Excel and WPS on opening the
 * file, so it gets a leading apostrophe, which they show as text (OWASP's advice on CSV
 * injection). The XLSX writer needs none: its texts are typed as strings. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "xa-export-csv.h"

#define WRITE_BUFFER_BYTES (256 * 1024)

/* RFC 4180: a field with a comma, a quote or a line break goes in quotes, its quotes
 * doubled. */
static void
write_field (FILE       *file,
             const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      fputs (text, file);
      return;
    }
  fputc ('"', file);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        fputc ('"', file);
      fputc (*p, file);
    }
  fputc ('"', file);
}

gboolean
xa_export_csv_write (XaExportTable  *table,
                     const char     *path,
                     GError        **error)
{
  g_autofree char *buffer = g_malloc (WRITE_BUFFER_BYTES);
  guint n_columns, n_rows;
  FILE *file;
  int saved_errno;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_fopen (path, "wb");
  if (file == NULL)
    {
      saved_errno = errno;
      g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  setvbuf (file, buffer, _IOFBF, WRITE_BUFFER_BYTES);

  n_columns = xa_export_table_get_n_columns (table);
  n_rows = xa_export_table_get_n_rows (table);

  fputs ("\xEF\xBB\xBF", file);
  for (guint column = 0; column < n_columns; column++)
    {
      if (column > 0)
        fputc (',', file);
      write_field (file, xa_export_table_get_column_title (table, column));
    }
  fputs ("\r\n", file);

  for (guint row = 0; row < n_rows; row++)
    {
      for (guint column = 0; column < n_columns; column++)
        {
          const XaExportCell *cell = xa_export_table_get_cell (table, row, column);

          if (column > 0)
            fputc (',', file);
          if (cell->type == XA_EXPORT_CELL_INTEGER)
            fprintf (file, "%" G_GINT64_FORMAT, cell->number);
          else if (cell->type == XA_EXPORT_CELL_TEXT && cell->text[0] != '\0'
                   && strchr ("=+-@\t\r", cell->text[0]) != NULL)
            {
              g_autofree char *quoted = g_strconcat ("'", cell->text, NULL);

              write_field (file, quoted);
            }
          else if (cell->text != NULL)
            write_field (file, cell->text);
        }
      fputs ("\r\n", file);
    }

  /* A full disk shows up when the buffer is flushed: fflush() keeps the reason (ENOSPC),
   * where ferror() after a failed write in the loop only says that one failed. */
  saved_errno = 0;
  if (fflush (file) != 0)
    saved_errno = errno;
  else if (ferror (file))
    saved_errno = EIO;
  if (fclose (file) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
