/* xa-export-pdf.c — see xa-export-pdf.h. Every body row is one line tall, each cell cut
 * with an ellipsis at its column's edge, so a page holds a fixed number of rows and page
 * N's first row is known without laying out the pages before it: printing page 40 of 400
 * costs what printing page 1 does. Column widths share the page in proportion to what the
 * columns hold, measured once. */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "xa-calendar.h"
#include "xa-export-pdf.h"
#include "xa-export-xlsx.h"
#include "xa-format.h"
#include "xa-text-layout.h"

#define FONT_FAMILY "Noto Sans CJK SC"
#define MARGIN 28.0
#define TITLE_SIZE 14.0
#define SUBTITLE_SIZE 8.0
#define BODY_SIZE 6.5
#define CELL_PADDING 2.0
#define ROW_HEIGHT 10.0
/* The width of a digit at BODY_SIZE in Noto Sans CJK SC, with a little room. */
#define CHAR_WIDTH (BODY_SIZE * 0.58)
#define GAP 6.0
/* A column wider than this many characters is cut, so that one long title cannot squeeze
 * every other column into nothing. */
#define MAX_COLUMN_CHARS 36
#define MIN_COLUMN_CHARS 4
/* A header title may wrap onto two lines, no more, and a word of it is never broken. */
#define MAX_HEADER_CHARS 14

struct _XaExportPages
{
  XaExportTable *table;
  double         width;
  double         height;
  double        *column_widths;  /* points */
  double         header_height;
  double         top_height;     /* title and subtitle */
  guint          rows_per_page;
  guint          n_pages;
  char          *subtitle;
  /* A font map of the pages' own rather than pango's default one, which lives as long as
   * its thread: a command-line export frees every font it loaded before it exits. */
  PangoFontMap  *font_map;
  PangoContext  *context;
};

/* The narrowest a column may be for its title: its longest word, and half of it all. */
static double
title_chars (const char *title)
{
  g_auto(GStrv) words = g_strsplit (title, " ", -1);
  guint longest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    longest = MAX (longest, xa_export_text_width (words[i]));
  return MIN (MAX_HEADER_CHARS, MAX (longest, (xa_export_text_width (title) + 1) / 2));
}

/* A layout for @cr in the pages' font map. */
static PangoLayout *
new_layout (XaExportPages *self,
            cairo_t       *cr,
            double         size,
            gboolean       bold)
{
  return xa_export_pdf_layout_new (self->context, cr, size, bold);
}

PangoLayout *
xa_export_pdf_layout_new (PangoContext *context,
                          cairo_t      *cr,
                          double        size,
                          gboolean      bold)
{
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  pango_cairo_update_context (cr, context);
  return xa_text_layout_new (context, FONT_FAMILY, size, bold);
}

/* A header title wrapped into its column: its height in points. */
static double
header_cell_height (PangoLayout *layout,
                    const char  *title,
                    double       width)
{
  int text_height;

  pango_layout_set_text (layout, title, -1);
  pango_layout_set_width (layout, (int) ((width - 2 * CELL_PADDING) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_size (layout, NULL, &text_height);
  return (double) text_height / PANGO_SCALE;
}

/* The widest a text column may be so that all of them fit in @room points: the widest
 * columns give way first, the narrow ones keep what they need. What is left when all fit
 * goes to each of them alike, in @out_spare. */
static double
text_column_cap (const double   *chars,
                 const gboolean *numeric,
                 guint           n_columns,
                 double          room,
                 double         *out_spare)
{
  double low = 0, high = MAX_COLUMN_CHARS * CHAR_WIDTH + 2 * CELL_PADDING, sum = 0;
  guint n_text = 0;

  for (guint column = 0; column < n_columns; column++)
    if (!numeric[column])
      {
        sum += chars[column] * CHAR_WIDTH + 2 * CELL_PADDING;
        n_text++;
      }
  *out_spare = 0;
  if (sum <= room)
    {
      *out_spare = n_text > 0 ? (room - sum) / n_text : 0;
      return high;
    }
  for (int step = 0; step < 40; step++)
    {
      double cap = (low + high) / 2;

      sum = 0;
      for (guint column = 0; column < n_columns; column++)
        if (!numeric[column])
          sum += MIN (chars[column] * CHAR_WIDTH + 2 * CELL_PADDING, cap);
      if (sum > room)
        high = cap;
      else
        low = cap;
    }
  return low;
}

/* The measures of the pages: made on a scratch surface, since only the fonts matter. */
static void
measure (XaExportPages *self)
{
  XaExportTable *table = self->table;
  guint n_columns = xa_export_table_get_n_columns (table);
  guint n_rows = xa_export_table_get_n_rows (table);
  g_autofree double *chars = g_new0 (double, n_columns);
  g_autofree gboolean *numeric = g_new0 (gboolean, n_columns);
  g_autofree double *need = g_new0 (double, n_columns);
  g_autoptr(GPtrArray) widest = g_ptr_array_new_full (n_columns, g_free);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(PangoLayout) header = new_layout (self, cr, BODY_SIZE, TRUE);
  g_autoptr(PangoLayout) body = new_layout (self, cr, BODY_SIZE, FALSE);
  double fixed = 0, usable = self->width - 2 * MARGIN, body_height, text_cap, spare;

  for (guint column = 0; column < n_columns; column++)
    {
      guint widest_chars = 0;

      numeric[column] = TRUE;
      g_ptr_array_add (widest, NULL);
      for (guint row = 0; row < n_rows; row++)
        {
          const XaExportCell *cell = xa_export_table_get_cell (table, row, column);
          g_autofree char *text = NULL;

          if (cell->type == XA_EXPORT_CELL_EMPTY)
            continue;
          if (cell->type == XA_EXPORT_CELL_TEXT && !xa_export_table_column_is_key (table, column))
            numeric[column] = FALSE;
          text = xa_export_cell_to_text (cell);
          if (xa_export_text_width (text) > widest_chars)
            {
              widest_chars = xa_export_text_width (text);
              g_free (g_ptr_array_index (widest, column));
              g_ptr_array_index (widest, column) = g_steal_pointer (&text);
            }
          chars[column] = widest_chars;
          if (chars[column] >= MAX_COLUMN_CHARS && !numeric[column])
            break;
        }
      chars[column] = MAX (chars[column],
                           title_chars (xa_export_table_get_column_title (table, column)));
      chars[column] = CLAMP (chars[column], MIN_COLUMN_CHARS, MAX_COLUMN_CHARS);
      need[column] = chars[column] * CHAR_WIDTH + 2 * CELL_PADDING;
      /* Numbers, dates and the records' own ids or ticket numbers get all they need, as
       * the font draws the widest of them: cut, they would say something else. */
      if (numeric[column])
        {
          if (g_ptr_array_index (widest, column) != NULL)
            {
              PangoRectangle extents;

              pango_layout_set_text (body, g_ptr_array_index (widest, column), -1);
              pango_layout_get_pixel_extents (body, NULL, &extents);
              need[column] = MAX (need[column], extents.width + 2 * CELL_PADDING + 1);
            }
          fixed += need[column];
        }
    }
  text_cap = text_column_cap (chars, numeric, n_columns, usable - fixed, &spare);

  self->column_widths = g_new0 (double, n_columns);
  self->header_height = 0;
  for (guint column = 0; column < n_columns; column++)
    {
      if (numeric[column])
        self->column_widths[column] = need[column];
      else
        self->column_widths[column] = MIN (need[column], text_cap) + spare;
      self->header_height = MAX (self->header_height,
                                 header_cell_height (header,
                                                     xa_export_table_get_column_title (table,
                                                                                       column),
                                                     self->column_widths[column]));
    }
  self->header_height += 2 * CELL_PADDING;
  self->top_height = TITLE_SIZE * 1.5 + SUBTITLE_SIZE * 1.6 + GAP;

  /* Below the rows: a gap and the page number. */
  body_height = self->height - 2 * MARGIN - self->top_height - self->header_height
                - GAP - SUBTITLE_SIZE * 1.5;
  self->rows_per_page = MAX (1, (guint) (body_height / ROW_HEIGHT));
  self->n_pages = MAX (1, (n_rows + self->rows_per_page - 1) / self->rows_per_page);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

XaExportPages *
xa_export_pages_new (XaExportTable *table,
                     double         width,
                     double         height)
{
  XaExportPages *self;
  g_autofree char *date = NULL;
  g_autofree char *rows = NULL;
  guint n_rows;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (width > 4 * MARGIN && height > 4 * MARGIN, NULL);

  self = g_new0 (XaExportPages, 1);
  self->table = table;
  self->width = width;
  self->height = height;
  n_rows = xa_export_table_get_n_rows (table);
  rows = g_strdup_printf ("%u", n_rows);
  date = xa_calendar_format_date (xa_export_table_get_now (table));
  if (xa_export_table_get_last_sync (table) > 0)
    {
      g_autofree char *synced = xa_format_date_time (xa_export_table_get_last_sync (table));

      /* Translators: under the title of a printed table: the filter ("All districts" or a
       * district), the number of rows, the date and time of the last sync the records are
       * of, and the day the table was made (YYYY-MM-DD), which overdue problems and years
       * in service are counted to. */
      self->subtitle = g_strdup_printf (ngettext ("%s · %s record · figures as of %s · made %s",
                                                  "%s · %s records · figures as of %s · made %s",
                                                  n_rows),
                                        xa_export_table_get_filter (table), rows, synced, date);
    }
  else
    {
      /* Translators: under the title of a printed table: the filter ("All districts" or a
       * district), the number of rows, and the day it was made (YYYY-MM-DD). */
      self->subtitle = g_strdup_printf (ngettext ("%s · %s record · as of %s",
                                                  "%s · %s records · as of %s", n_rows),
                                        xa_export_table_get_filter (table), rows, date);
    }
  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  measure (self);
  return self;
}

void
xa_export_pages_free (XaExportPages *pages)
{
  if (pages == NULL)
    return;
  g_clear_object (&pages->context);
  g_clear_object (&pages->font_map);
  g_free (pages->column_widths);
  g_free (pages->subtitle);
  g_free (pages);
}

guint
xa_export_pages_get_n_pages (XaExportPages *pages)
{
  g_return_val_if_fail (pages != NULL, 0);

  return pages->n_pages;
}

/* Shows @text in the box at @x, @y, @width wide: one line cut with an ellipsis, or wrapped
 * when @wrap. */
static void
show_text (cairo_t        *cr,
           PangoLayout    *layout,
           const char     *text,
           double          x,
           double          y,
           double          width,
           PangoAlignment  alignment,
           gboolean        wrap)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) ((width - 2 * CELL_PADDING) * PANGO_SCALE));
  pango_layout_set_alignment (layout, alignment);
  if (wrap)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
    }
  else
    {
      /* A line break in a title must not spill into the next row. */
      pango_layout_set_single_paragraph_mode (layout, TRUE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  cairo_move_to (cr, x + CELL_PADDING, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_rule (cairo_t *cr,
           double   x,
           double   y,
           double   width,
           double   line_width)
{
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x, y);
  cairo_rel_line_to (cr, width, 0);
  cairo_stroke (cr);
}

void
xa_export_pages_draw (XaExportPages *pages,
                      cairo_t       *cr,
                      guint          page)
{
  XaExportTable *table;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  g_autoptr(PangoLayout) header = NULL;
  g_autoptr(PangoLayout) body = NULL;
  g_autofree char *page_number = NULL;
  guint n_columns, n_rows, first_row, last_row;
  double usable, x, y;

  g_return_if_fail (pages != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < pages->n_pages);

  table = pages->table;
  n_columns = xa_export_table_get_n_columns (table);
  n_rows = xa_export_table_get_n_rows (table);
  usable = pages->width - 2 * MARGIN;
  first_row = page * pages->rows_per_page;
  last_row = MIN (n_rows, first_row + pages->rows_per_page);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  title = new_layout (pages, cr, TITLE_SIZE, TRUE);
  subtitle = new_layout (pages, cr, SUBTITLE_SIZE, FALSE);
  header = new_layout (pages, cr, BODY_SIZE, TRUE);
  body = new_layout (pages, cr, BODY_SIZE, FALSE);

  y = MARGIN;
  show_text (cr, title, xa_export_table_get_title (table), MARGIN, y, usable,
             PANGO_ALIGN_LEFT, FALSE);
  y += TITLE_SIZE * 1.5;
  show_text (cr, subtitle, pages->subtitle, MARGIN, y, usable, PANGO_ALIGN_LEFT, FALSE);
  y = MARGIN + pages->top_height;

  /* The header row, on every page. */
  cairo_set_source_rgb (cr, 0.90, 0.92, 0.95);
  cairo_rectangle (cr, MARGIN, y, usable, pages->header_height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  x = MARGIN;
  for (guint column = 0; column < n_columns; column++)
    {
      show_text (cr, header, xa_export_table_get_column_title (table, column), x,
                 y + CELL_PADDING, pages->column_widths[column], PANGO_ALIGN_LEFT, TRUE);
      x += pages->column_widths[column];
    }
  y += pages->header_height;
  draw_rule (cr, MARGIN, y, usable, 0.8);

  for (guint row = first_row; row < last_row; row++)
    {
      x = MARGIN;
      for (guint column = 0; column < n_columns; column++)
        {
          const XaExportCell *cell = xa_export_table_get_cell (table, row, column);
          g_autofree char *text = xa_export_cell_to_text (cell);

          show_text (cr, body, text, x, y + (ROW_HEIGHT - BODY_SIZE * 1.3) / 2,
                     pages->column_widths[column],
                     cell->type == XA_EXPORT_CELL_INTEGER ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
                     FALSE);
          x += pages->column_widths[column];
        }
      y += ROW_HEIGHT;
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      draw_rule (cr, MARGIN, y, usable, 0.3);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }

  /* Translators: the page number at the foot of a printed table. */
  page_number = g_strdup_printf (_("Page %u of %u"), page + 1, pages->n_pages);
  show_text (cr, subtitle, page_number, MARGIN, pages->height - MARGIN - SUBTITLE_SIZE * 1.5,
             usable, PANGO_ALIGN_CENTER, FALSE);
  cairo_restore (cr);
}

gboolean
xa_export_pdf_write (XaExportTable  *table,
                     const char     *path,
                     GError        **error)
{
  g_autoptr(XaExportPages) pages = NULL;
  cairo_t *cr;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pages = xa_export_pages_new (table, XA_EXPORT_PDF_PAGE_WIDTH, XA_EXPORT_PDF_PAGE_HEIGHT);
  cr = xa_export_pdf_begin (path, XA_EXPORT_PDF_PAGE_WIDTH, XA_EXPORT_PDF_PAGE_HEIGHT,
                            xa_export_table_get_title (table));
  for (guint page = 0; page < xa_export_pages_get_n_pages (pages); page++)
    {
      xa_export_pages_draw (pages, cr, page);
      cairo_show_page (cr);
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        break;
    }
  return xa_export_pdf_end (cr, path, error);
}

cairo_t *
xa_export_pdf_begin (const char *path,
                     double      width,
                     double      height,
                     const char *title)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL, NULL);

  surface = cairo_pdf_surface_create (path, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Xiaoqu Atlas");
  cr = cairo_create (surface);
  cairo_surface_destroy (surface);
  return cr;
}

gboolean
xa_export_pdf_end (cairo_t     *cr,
                   const char  *path,
                   GError     **error)
{
  cairo_surface_t *surface = cairo_surface_reference (cairo_get_target (cr));
  cairo_status_t status = cairo_status (cr);

  cairo_destroy (cr);
  /* Finishing writes the file's end: a full disk shows up here. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
