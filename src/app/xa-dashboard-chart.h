/* xa-dashboard-chart.h — the Dashboard's charts: a bar per group (a district, a month), one
 * or two series side by side, every bar labelled with its number, drawn with cairo and
 * pango in one function that the page's widget, the PDF report and the PNG image all call,
 * so what is printed is what is shown.
 *
 * XaChartData holds what a chart shows; xa_chart_draw() draws it on any cairo_t;
 * XaDashboardChart is the widget: it draws through xa_chart_draw() in its snapshot, moves
 * a focus from bar to bar with the arrow keys, and emits "group-activated" with the
 * group's key when a bar is clicked or Enter is pressed on it. Its accessible label reads
 * the title and every number. */
#pragma once

#include <gtk/gtk.h>
#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* ---- What a chart shows ---- */

typedef struct
{
  char  *key;        /* what activating the group means (a district code), or NULL */
  char  *label;      /* under the bars */
  double values[2];
  char  *texts[2];   /* each value as the bar's label says it */
} XaChartGroup;

typedef struct
{
  char      *title;
  char      *series[2];  /* the series' names; series[1] NULL for a chart of one series */
  GPtrArray *groups;     /* XaChartGroup* */
} XaChartData;

XaChartData *xa_chart_data_new   (const char  *title,
                                  const char  *series0,
                                  const char  *series1_or_NULL);
void         xa_chart_data_free  (XaChartData *data);
/* Adds a group; @text1 and @value1 are ignored for a chart of one series. */
void         xa_chart_data_add   (XaChartData *data,
                                  const char  *key_or_NULL,
                                  const char  *label,
                                  double       value0,
                                  const char  *text0,
                                  double       value1,
                                  const char  *text1);
/* The chart in words: "Title: label value, label value …" (with both series' names and
 * values for two), for screen readers and for the report's text. A new string. */
char        *xa_chart_data_describe (const XaChartData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaChartData, xa_chart_data_free)

/* ---- Drawing ---- */

typedef struct
{
  double font_size;    /* of the labels, in the units of the cairo_t */
  double fg[4];        /* text and axis, RGBA */
  int    focus_group;  /* drawn with a focus frame, or -1 */
  int    chosen_group; /* drawn shaded (the district filter), or -1 */
} XaChartStyle;

/* The style of a printed chart: black text at @font_size, nothing focused or chosen. */
XaChartStyle xa_chart_style_print (double font_size);

/* Draws @data in the rectangle 0,0 … @width × @height of @cr. Text is laid out in
 * @context (NULL: a context of pango's default font map for @cr). */
void xa_chart_draw      (const XaChartData  *data,
                         const XaChartStyle *style,
                         cairo_t            *cr,
                         PangoContext       *context_or_NULL,
                         double              width,
                         double              height);
/* The group whose slot holds @x in a chart drawn @width wide, or -1. */
int  xa_chart_group_at  (const XaChartData  *data,
                         double              width,
                         double              x);

/* ---- The widget ---- */

#define XA_TYPE_DASHBOARD_CHART (xa_dashboard_chart_get_type ())
G_DECLARE_FINAL_TYPE (XaDashboardChart, xa_dashboard_chart, XA, DASHBOARD_CHART, GtkWidget)

GtkWidget         *xa_dashboard_chart_new       (void);
/* Takes @data; NULL shows nothing. */
void               xa_dashboard_chart_set_data  (XaDashboardChart *self,
                                                 XaChartData      *data);
const XaChartData *xa_dashboard_chart_get_data  (XaDashboardChart *self);
/* Shades the group whose key is @key_or_NULL (the district chosen on the map). */
void               xa_dashboard_chart_set_chosen (XaDashboardChart *self,
                                                  const char       *key_or_NULL);
/* Activates group @index as a click on its bar does ("group-activated"). */
void               xa_dashboard_chart_activate_group (XaDashboardChart *self,
                                                      guint             index);

/* A layout of @context in the charts' font (Noto Sans CJK first) at @size pixels (points
 * on a PDF page), bold or not: the charts and the report around them write alike. */
PangoLayout *xa_dashboard_chart_new_layout (PangoContext *context,
                                            double        size,
                                            gboolean      bold);

G_END_DECLS
