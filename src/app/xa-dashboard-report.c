/* xa-dashboard-report.c — see xa-dashboard-report.h. A page is laid out top-down: the
 * header (title, scope, "Figures as of"), the section's title, its chart when it has one,
 * then its tables side by side as they fit, each measured before it is drawn. The same
 * layout draws the PNG at a slide's size with larger type. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "xa-dashboard-chart.h"
#include "xa-dashboard-report.h"
#include "xa-export-file.h"
#include "xa-export-pdf.h"
#include "xa-export-table.h"

#define PDF_MARGIN 32.0
#define PDF_FONT 8.0
#define PDF_CHART_HEIGHT 210.0
#define PNG_MARGIN 48.0
#define PNG_FONT 17.0

typedef struct
{
  const XaDashboardFigures *figures;
  XaDashboardMeasure        measure;
  /* A font map of the report's own, as the table PDF has: a command-line export frees
   * every font it loaded before it exits. */
  PangoFontMap             *font_map;
  PangoContext             *context;
  cairo_t                  *cr;
  double                    font;     /* body size; titles are multiples of it */
  double                    margin;
  double                    width;
  double                    height;
} Report;

static void
report_init (Report                   *report,
             const XaDashboardFigures *figures,
             XaDashboardMeasure        measure)
{
  *report = (Report) { .figures = figures, .measure = measure };
  report->font_map = pango_cairo_font_map_new ();
  report->context = pango_font_map_create_context (report->font_map);
}

static void
report_clear (Report *report)
{
  g_clear_object (&report->context);
  g_clear_object (&report->font_map);
}

static PangoLayout *
new_layout (Report   *report,
            double    size,
            gboolean  bold)
{
  pango_cairo_update_context (report->cr, report->context);
  return xa_dashboard_chart_new_layout (report->context, size, bold);
}

/* Shows @text at @x, @y (its top left; its top right when @right): its size in @out_w,
 * @out_h. Nothing is drawn when @draw is FALSE. */
static void
show_text (Report     *report,
           PangoLayout *layout,
           const char *text,
           double      x,
           double      y,
           gboolean    right,
           gboolean    draw,
           double     *out_w,
           double     *out_h)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  if (draw)
    {
      cairo_move_to (report->cr, right ? x - (double) w / PANGO_SCALE : x, y);
      pango_cairo_show_layout (report->cr, layout);
    }
  if (out_w != NULL)
    *out_w = (double) w / PANGO_SCALE;
  if (out_h != NULL)
    *out_h = (double) h / PANGO_SCALE;
}

/* Lays @table out with its top left at @x, @y, drawing it when @draw: its size in @out_w,
 * @out_h. The first column left-aligned, the figures right-aligned, a rule under the
 * header; all of it text, so a reader of the PDF can copy it. */
static void
lay_out_table (Report                 *report,
               const XaDashboardTable *table,
               double                  x,
               double                  y,
               gboolean                draw,
               double                 *out_w,
               double                 *out_h)
{
  g_autoptr(PangoLayout) title = new_layout (report, report->font * 1.15, TRUE);
  g_autoptr(PangoLayout) bold = new_layout (report, report->font, TRUE);
  g_autoptr(PangoLayout) body = new_layout (report, report->font, FALSE);
  g_autofree double *widths = g_new0 (double, table->n_columns);
  double gap = report->font * 1.5, row_height = report->font * 1.6;
  double title_w, title_h, total = 0, cy;

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        {
          double w;

          show_text (report, r == 0 ? bold : body, cells[c], 0, 0, FALSE, FALSE, &w, NULL);
          widths[c] = MAX (widths[c], w);
        }
    }
  for (guint c = 0; c < table->n_columns; c++)
    total += widths[c] + (c > 0 ? gap : 0);

  show_text (report, title, table->title, x, y, FALSE, draw, &title_w, &title_h);
  cy = y + title_h + report->font * 0.4;
  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (table->rows, r);
      double cx = x;

      for (guint c = 0; c < table->n_columns; c++)
        {
          if (c > 0)
            cx += gap + widths[c];
          show_text (report, r == 0 ? bold : body, cells[c], c == 0 ? x : cx, cy, c > 0,
                     draw, NULL, NULL);
          if (c == 0)
            cx += widths[0];
        }
      cy += row_height;
      if (r == 0 && draw)
        {
          cairo_set_line_width (report->cr, 0.6);
          cairo_move_to (report->cr, x, cy - report->font * 0.2);
          cairo_line_to (report->cr, x + total, cy - report->font * 0.2);
          cairo_stroke (report->cr);
        }
    }
  *out_w = MAX (total, title_w);
  *out_h = cy - y;
}

/* Places @tables from @y down, side by side while they fit in the page's width. */
static void
draw_tables (Report    *report,
             GPtrArray *tables,
             double     y)
{
  double x = report->margin, line_height = 0;
  double right = report->width - report->margin;

  for (guint i = 0; i < tables->len; i++)
    {
      double w, h;

      lay_out_table (report, g_ptr_array_index (tables, i), 0, 0, FALSE, &w, &h);
      if (x > report->margin && x + w > right)
        {
          x = report->margin;
          y += line_height + report->font * 2;
          line_height = 0;
        }
      lay_out_table (report, g_ptr_array_index (tables, i), x, y, TRUE, &w, &h);
      x += w + report->font * 4;
      line_height = MAX (line_height, h);
    }
}

/* The title, the scope and "Figures as of" on top: the height they take. */
static double
draw_header (Report     *report,
             const char *section_title)
{
  g_autoptr(PangoLayout) title = new_layout (report, report->font * 1.8, TRUE);
  g_autoptr(PangoLayout) small = new_layout (report, report->font, FALSE);
  g_autoptr(PangoLayout) heading = new_layout (report, report->font * 1.4, TRUE);
  g_autofree char *as_of = xa_dashboard_figures_as_of (report->figures);
  g_autofree char *line = NULL;
  double y = report->margin, h;

  /* Translators: the report's title; %s is "Whole City" or a district's name. */
  line = g_strdup_printf (_("Dashboard · %s"), xa_dashboard_figures_scope (report->figures));
  show_text (report, title, line, report->margin, y, FALSE, TRUE, NULL, &h);
  y += h;
  show_text (report, small, as_of, report->margin, y, FALSE, TRUE, NULL, &h);
  y += h + report->font;
  if (section_title != NULL)
    {
      show_text (report, heading, section_title, report->margin, y, FALSE, TRUE, NULL, &h);
      y += h + report->font * 0.8;
    }
  return y;
}

static XaChartData *
section_chart (Report             *report,
               XaDashboardSection  section)
{
  switch (section)
    {
    case XA_DASHBOARD_SECTION_PROBLEM_MONTHS:
      return xa_dashboard_figures_month_chart (report->figures, 0);
    case XA_DASHBOARD_SECTION_DISTRICTS:
      return xa_dashboard_figures_district_chart (report->figures, report->measure);
    case XA_DASHBOARD_SECTION_COMPOUNDS:
    case XA_DASHBOARD_SECTION_PROBLEMS:
    case XA_DASHBOARD_SECTION_FLOOD:
    case XA_DASHBOARD_SECTION_CHARGING:
    case XA_DASHBOARD_SECTION_ELEVATORS:
    case XA_N_DASHBOARD_SECTIONS:
    default:
      return NULL;
    }
}

static void
draw_chart (Report            *report,
            const XaChartData *chart,
            double             x,
            double             y,
            double             width,
            double             height)
{
  XaChartStyle style = xa_chart_style_print (report->font);

  cairo_save (report->cr);
  cairo_translate (report->cr, x, y);
  xa_chart_draw (chart, &style, report->cr, report->context, width, height);
  cairo_restore (report->cr);
}

static void
draw_section_page (Report             *report,
                   XaDashboardSection  section,
                   guint               n_pages)
{
  g_autoptr(GPtrArray) tables = xa_dashboard_figures_tables (report->figures, section);
  g_autoptr(XaChartData) chart = section_chart (report, section);
  g_autoptr(PangoLayout) small = new_layout (report, report->font * 0.9, FALSE);
  g_autofree char *page_number = NULL;
  double y;

  cairo_set_source_rgb (report->cr, 0, 0, 0);
  y = draw_header (report, xa_dashboard_section_title (section));
  if (chart != NULL)
    {
      draw_chart (report, chart, report->margin, y, report->width - 2 * report->margin,
                  PDF_CHART_HEIGHT);
      cairo_set_source_rgb (report->cr, 0, 0, 0);
      y += PDF_CHART_HEIGHT + report->font * 2;
    }
  draw_tables (report, tables, y);
  page_number = g_strdup_printf (_("Page %u of %u"), section + 1, n_pages);
  show_text (report, small, page_number, report->width - report->margin,
             report->height - report->margin + report->font, TRUE, TRUE, NULL, NULL);
}

/* The measures of the pages: @width × @height, text of @font, margins of @margin. */
static void
set_measures (Report *report,
              double  width,
              double  height,
              double  font,
              double  margin)
{
  report->width = width;
  report->height = height;
  report->font = font;
  report->margin = margin;
}

static gboolean
cairo_result (cairo_surface_t  *surface,
              cairo_status_t    status,
              const char       *path,
              GError          **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_pdf (const char  *path,
           gpointer     user_data,
           GError     **error)
{
  Report *report = user_data;
  g_autofree char *title = g_strdup_printf (_("Dashboard · %s"),
                                            xa_dashboard_figures_scope (report->figures));

  set_measures (report, XA_EXPORT_PDF_PAGE_WIDTH, XA_EXPORT_PDF_PAGE_HEIGHT, PDF_FONT,
                PDF_MARGIN);
  report->cr = xa_export_pdf_begin (path, report->width, report->height, title);
  for (guint section = 0; section < XA_N_DASHBOARD_SECTIONS; section++)
    {
      draw_section_page (report, section, XA_N_DASHBOARD_SECTIONS);
      cairo_show_page (report->cr);
      if (cairo_status (report->cr) != CAIRO_STATUS_SUCCESS)
        break;
    }
  return xa_export_pdf_end (g_steal_pointer (&report->cr), path, error);
}

/* The slide: both charts side by side, the key figures under them. */
static gboolean
write_png (const char  *path,
           gpointer     user_data,
           GError     **error)
{
  Report *report = user_data;
  static const XaDashboardSection key_sections[] = {
    XA_DASHBOARD_SECTION_COMPOUNDS, XA_DASHBOARD_SECTION_PROBLEMS, XA_DASHBOARD_SECTION_FLOOD,
    XA_DASHBOARD_SECTION_CHARGING, XA_DASHBOARD_SECTION_ELEVATORS,
  };
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (
    (GDestroyNotify) xa_dashboard_table_free);
  g_autoptr(XaChartData) districts = NULL;
  g_autoptr(XaChartData) months = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  double y, chart_width, chart_height = 430;
  gboolean ok;

  set_measures (report, XA_DASHBOARD_PNG_WIDTH, XA_DASHBOARD_PNG_HEIGHT, PNG_FONT, PNG_MARGIN);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, XA_DASHBOARD_PNG_WIDTH,
                                        XA_DASHBOARD_PNG_HEIGHT);
  report->cr = cairo_create (surface);
  cairo_set_source_rgb (report->cr, 1, 1, 1);
  cairo_paint (report->cr);
  cairo_set_source_rgb (report->cr, 0, 0, 0);
  y = draw_header (report, NULL);

  districts = xa_dashboard_figures_district_chart (report->figures, report->measure);
  months = xa_dashboard_figures_month_chart (report->figures, 0);
  chart_width = (report->width - 2 * report->margin - report->font * 3) / 2;
  draw_chart (report, districts, report->margin, y, chart_width, chart_height);
  draw_chart (report, months, report->width - report->margin - chart_width, y, chart_width,
              chart_height);
  cairo_set_source_rgb (report->cr, 0, 0, 0);
  y += chart_height + report->font * 2;

  /* The first table of each section: its headline figures. */
  for (guint i = 0; i < G_N_ELEMENTS (key_sections); i++)
    {
      g_autoptr(GPtrArray) section = xa_dashboard_figures_tables (report->figures,
                                                                  key_sections[i]);

      g_ptr_array_add (tables, g_ptr_array_steal_index (section, 0));
    }
  draw_tables (report, tables, y);

  status = cairo_status (report->cr);
  g_clear_pointer (&report->cr, cairo_destroy);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (surface, path);
  ok = cairo_result (surface, status, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

gboolean
xa_dashboard_report_format_from_path (const char               *path,
                                      XaDashboardReportFormat  *out_format,
                                      GError                  **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *out_format = XA_DASHBOARD_REPORT_PDF;
  else if (g_str_has_suffix (lower, ".png"))
    *out_format = XA_DASHBOARD_REPORT_PNG;
  else
    {
      g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_UNKNOWN_FORMAT,
                   _("Cannot tell the format of %s from its name: the dashboard is exported "
                     "to .pdf (a report) or .png (an image for slides)."), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
xa_dashboard_report_write (const XaDashboardFigures *figures,
                           XaDashboardMeasure        measure,
                           const char               *output,
                           GError                  **error)
{
  XaDashboardReportFormat format;
  Report report;
  gboolean ok;

  g_return_val_if_fail (figures != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  if (!xa_dashboard_report_format_from_path (output, &format, error))
    return FALSE;
  report_init (&report, figures, measure);
  ok = xa_export_write_through_temporary (output,
                                          format == XA_DASHBOARD_REPORT_PDF ? write_pdf
                                                                            : write_png,
                                          &report, error);
  report_clear (&report);
  return ok;
}

gboolean
xa_dashboard_report_export_file (const char          *store_path,
                                 const char          *district_code_or_NULL,
                                 const char          *output,
                                 gint64               now,
                                 int                  season,
                                 int                  reassessment_years,
                                 XaDashboardMeasure   measure,
                                 GError             **error)
{
  g_autoptr(XaStore) store = NULL;
  g_autoptr(XaDashboardFigures) figures = NULL;
  XaDashboardReportFormat format;

  g_return_val_if_fail (store_path != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  if (!xa_dashboard_report_format_from_path (output, &format, error))
    return FALSE;
  store = xa_export_open_store (store_path, output, error);
  if (store == NULL)
    return FALSE;
  figures = xa_dashboard_figures_compute (store, district_code_or_NULL,
                                          season != 0 ? season : xa_metrics_current_season (now),
                                          now, reassessment_years, error);
  if (figures == NULL)
    return FALSE;
  return xa_dashboard_report_write (figures, measure, output, error);
}
