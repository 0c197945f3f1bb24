/* xa-export-xlsx.c — see xa-export-xlsx.h. The workbook is written in libxlsxwriter's
 * constant-memory mode, row by row, so 100,000 elevators do not hold a second copy of the
 * table in memory; the column widths are measured in a pass before it, as that mode needs
 * them before the first row. */
#include "config.h"

#include <glib/gi18n.h>
#include <xlsxwriter.h>

#include "xa-calendar.h"
#include "xa-export-xlsx.h"
#include "xa-format.h"

/* Excel's widest column is 255; past 60 a column of long titles only hides the others. */
#define MAX_COLUMN_WIDTH 60
#define DATE_WIDTH 10
#define DATE_TIME_WIDTH 16

guint
xa_export_text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static guint
cell_width (const XaExportCell *cell)
{
  switch (cell->type)
    {
    case XA_EXPORT_CELL_EMPTY:
      return 0;
    case XA_EXPORT_CELL_INTEGER:
      {
        char digits[32];

        return (guint) g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, cell->number);
      }
    case XA_EXPORT_CELL_DATE:
      return DATE_WIDTH;
    case XA_EXPORT_CELL_DATE_TIME:
      return DATE_TIME_WIDTH;
    default:
      return xa_export_text_width (cell->text);
    }
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 lxw_error    code)
{
  g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_WRITE,
               _("Cannot write %s: %s"), path, lxw_strerror (code));
  return FALSE;
}

/* The cell's day (and time) as Excel stores it, in UTC+8 as everything the bureau reads. */
static gboolean
cell_datetime (const XaExportCell *cell,
               lxw_datetime       *out)
{
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  if (cell->type == XA_EXPORT_CELL_DATE)
    {
      if (!xa_parse_date (cell->text, &date))
        return FALSE;
      *out = (lxw_datetime) { g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0 };
      return TRUE;
    }
  local = g_date_time_new_from_unix_utc (cell->number + XA_CALENDAR_UTC_OFFSET);
  if (local == NULL)
    return FALSE;
  *out = (lxw_datetime) { g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), g_date_time_get_hour (local),
                          g_date_time_get_minute (local), 0 };
  return TRUE;
}

/* @text for a header or footer of Excel's, where "&" starts a code. */
static char *
escape_header_text (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "&", -1);

  return g_strjoinv ("&&", parts);
}

/* How the sheet prints, as the PDF export does: landscape, one page wide, the column
 * titles on every page, the title and filter at the top left, when the figures are of at
 * the top right, and the page number at the foot. */
static void
set_up_printing (lxw_worksheet *worksheet,
                 XaExportTable *table)
{
  g_autofree char *title = escape_header_text (xa_export_table_get_title (table));
  g_autofree char *filter = escape_header_text (xa_export_table_get_filter (table));
  g_autofree char *date = xa_calendar_format_date (xa_export_table_get_now (table));
  g_autofree char *as_of = NULL;
  g_autofree char *header = NULL;
  g_autofree char *footer = NULL;

  if (xa_export_table_get_last_sync (table) > 0)
    {
      g_autofree char *synced = xa_format_date_time (xa_export_table_get_last_sync (table));

      /* Translators: the top right of a printed workbook: the date and time of the last
       * sync the records are of, and the day the table was made (YYYY-MM-DD). */
      as_of = g_strdup_printf (_("Figures as of %s · made %s"), synced, date);
    }
  else
    /* Translators: the top right of a printed workbook: the day it was made (YYYY-MM-DD). */
    as_of = g_strdup_printf (_("As of %s"), date);
  header = g_strdup_printf ("&L%s · %s&R%s", title, filter, as_of);
  /* Translators: the foot of a printed workbook's pages; keep &P (this page) and &N (the
   * number of pages) as they are. */
  footer = g_strdup_printf ("&C%s", _("Page &P of &N"));

  worksheet_set_landscape (worksheet);
  worksheet_fit_to_pages (worksheet, 1, 0);
  worksheet_repeat_rows (worksheet, 0, 0);
  /* Excel takes no header longer than 255 bytes: a very long filter leaves it out, the
   * rest of the workbook is the same. */
  if (worksheet_set_header (worksheet, header) != LXW_NO_ERROR)
    g_debug ("The workbook's print header was left out: %s", header);
  worksheet_set_footer (worksheet, footer);
}

gboolean
xa_export_xlsx_write (XaExportTable  *table,
                      const char     *path,
                      GError        **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  g_autofree guint *widths = NULL;
  g_autofree char *tmpdir = NULL;
  lxw_workbook *workbook;
  lxw_worksheet *worksheet;
  lxw_format *header, *date_format, *date_time_format;
  guint n_columns, n_rows;
  lxw_error status = LXW_NO_ERROR;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  n_columns = xa_export_table_get_n_columns (table);
  n_rows = xa_export_table_get_n_rows (table);

  widths = g_new0 (guint, n_columns);
  for (guint column = 0; column < n_columns; column++)
    widths[column] = xa_export_text_width (xa_export_table_get_column_title (table, column));
  for (guint row = 0; row < n_rows; row++)
    for (guint column = 0; column < n_columns; column++)
      widths[column] = MAX (widths[column],
                            cell_width (xa_export_table_get_cell (table, row, column)));

  /* Its scratch files beside the output rather than in /tmp, which may be small. */
  tmpdir = g_path_get_dirname (path);
  options.tmpdir = tmpdir;
  workbook = workbook_new_opt (path, &options);
  if (workbook == NULL)
    return set_write_error (error, path, LXW_ERROR_CREATING_XLSX_FILE);

  worksheet = workbook_add_worksheet (workbook, xa_export_table_get_title (table));
  header = workbook_add_format (workbook);
  format_set_bold (header);
  date_format = workbook_add_format (workbook);
  format_set_num_format (date_format, "yyyy-mm-dd");
  date_time_format = workbook_add_format (workbook);
  format_set_num_format (date_time_format, "yyyy-mm-dd hh:mm");

  for (guint column = 0; column < n_columns; column++)
    {
      /* Room for the autofilter's button beside the title. */
      double width = MIN (widths[column] + 3, MAX_COLUMN_WIDTH);

      worksheet_set_column (worksheet, column, column, width, NULL);
      worksheet_write_string (worksheet, 0, column,
                              xa_export_table_get_column_title (table, column), header);
    }
  worksheet_freeze_panes (worksheet, 1, 0);
  worksheet_autofilter (worksheet, 0, 0, n_rows, n_columns - 1);
  set_up_printing (worksheet, table);

  for (guint row = 0; row < n_rows && status == LXW_NO_ERROR; row++)
    for (guint column = 0; column < n_columns && status == LXW_NO_ERROR; column++)
      {
        const XaExportCell *cell = xa_export_table_get_cell (table, row, column);
        lxw_datetime when;

        switch (cell->type)
          {
          case XA_EXPORT_CELL_EMPTY:
            break;
          case XA_EXPORT_CELL_INTEGER:
            status = worksheet_write_number (worksheet, row + 1, column, (double) cell->number,
                                             NULL);
            break;
          case XA_EXPORT_CELL_DATE:
          case XA_EXPORT_CELL_DATE_TIME:
            if (cell_datetime (cell, &when))
              status = worksheet_write_datetime (worksheet, row + 1, column, &when,
                                                 cell->type == XA_EXPORT_CELL_DATE
                                                 ? date_format : date_time_format);
            else
              status = worksheet_write_string (worksheet, row + 1, column, cell->text, NULL);
            break;
          default:
            status = worksheet_write_string (worksheet, row + 1, column, cell->text, NULL);
            break;
          }
      }

  /* workbook_close() frees the workbook whatever happens. */
  if (status != LXW_NO_ERROR)
    {
      workbook_close (workbook);
      return set_write_error (error, path, status);
    }
  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    return set_write_error (error, path, status);
  return TRUE;
}
