/* xa-dashboard-chart.c — see xa-dashboard-chart.h. The geometry of a chart is computed in
 * one place (chart_geometry) for drawing and for hit testing, so a click lands on the bar
 * drawn under it at any size. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "xa-dashboard-chart.h"
#include "xa-text-layout.h"

#define FONT_FAMILY "Noto Sans CJK SC, Noto Sans, sans-serif"
#define SIDE_MARGIN 6.0
/* The series' colours: GNOME's blue 4 and green 5, dark enough for white text beside them
 * and for black labels above them on paper and on either theme. */
static const double series_colours[2][3] = {
  { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0 },
  { 0x26 / 255.0, 0xa2 / 255.0, 0x69 / 255.0 },
};

/* ---- Data ---- */

static void
chart_group_free (XaChartGroup *group)
{
  g_free (group->key);
  g_free (group->label);
  g_free (group->texts[0]);
  g_free (group->texts[1]);
  g_free (group);
}

XaChartData *
xa_chart_data_new (const char *title,
                   const char *series0,
                   const char *series1_or_NULL)
{
  XaChartData *data = g_new0 (XaChartData, 1);

  g_return_val_if_fail (title != NULL && series0 != NULL, NULL);

  data->title = g_strdup (title);
  data->series[0] = g_strdup (series0);
  data->series[1] = g_strdup (series1_or_NULL);
  data->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) chart_group_free);
  return data;
}

void
xa_chart_data_free (XaChartData *data)
{
  if (data == NULL)
    return;
  g_free (data->title);
  g_free (data->series[0]);
  g_free (data->series[1]);
  g_ptr_array_unref (data->groups);
  g_free (data);
}

void
xa_chart_data_add (XaChartData *data,
                   const char  *key_or_NULL,
                   const char  *label,
                   double       value0,
                   const char  *text0,
                   double       value1,
                   const char  *text1)
{
  XaChartGroup *group = g_new0 (XaChartGroup, 1);

  g_return_if_fail (data != NULL && label != NULL && text0 != NULL);

  group->key = g_strdup (key_or_NULL);
  group->label = g_strdup (label);
  group->values[0] = isfinite (value0) ? MAX (value0, 0) : 0;
  group->texts[0] = g_strdup (text0);
  if (data->series[1] != NULL)
    {
      group->values[1] = isfinite (value1) ? MAX (value1, 0) : 0;
      group->texts[1] = g_strdup (text1 != NULL ? text1 : "");
    }
  g_ptr_array_add (data->groups, group);
}

static guint
n_series (const XaChartData *data)
{
  return data->series[1] != NULL ? 2 : 1;
}

char *
xa_chart_data_describe (const XaChartData *data)
{
  GString *text;

  g_return_val_if_fail (data != NULL, NULL);

  text = g_string_new (data->title);
  /* Translators: between a chart's title and its figures, as in "Open problems: …". */
  g_string_append (text, _(": "));
  for (guint i = 0; i < data->groups->len; i++)
    {
      XaChartGroup *group = g_ptr_array_index (data->groups, i);

      if (i > 0)
        /* Translators: between the groups of a chart read aloud. */
        g_string_append (text, _(", "));
      if (n_series (data) == 1)
        g_string_append_printf (text, "%s %s", group->label, group->texts[0]);
      else
        g_string_append_printf (text, "%s %s %s %s %s", group->label, data->series[0],
                                group->texts[0], data->series[1], group->texts[1]);
    }
  return g_string_free (text, FALSE);
}

/* ---- Geometry ---- */

typedef struct
{
  double title_height;
  double plot_left, plot_right, plot_top, plot_bottom;
  double slot;          /* the width of one group */
  double bar;           /* the width of one bar */
  double max_value;     /* the value at plot_top */
} Geometry;

static void
chart_geometry (const XaChartData *data,
                double             font_size,
                double             width,
                double             height,
                Geometry          *g)
{
  guint n = data->groups->len;

  g->title_height = font_size * 2.2;
  /* Sideways nothing depends on the font size, so that xa_chart_group_at() needs none. */
  g->plot_left = SIDE_MARGIN;
  g->plot_right = width - SIDE_MARGIN;
  /* Room above the tallest bar for its number. */
  g->plot_top = g->title_height + font_size * 1.6;
  /* Room under the axis for a group's label. */
  g->plot_bottom = height - font_size * 1.9;
  g->slot = n > 0 ? (g->plot_right - g->plot_left) / n : 0;
  g->bar = g->slot * (n_series (data) == 1 ? 0.62 : 0.40);
  g->max_value = 0;
  for (guint i = 0; i < n; i++)
    {
      XaChartGroup *group = g_ptr_array_index (data->groups, i);

      g->max_value = MAX (g->max_value, MAX (group->values[0], group->values[1]));
    }
}

int
xa_chart_group_at (const XaChartData *data,
                   double             width,
                   double             x)
{
  Geometry g;
  int index;

  g_return_val_if_fail (data != NULL, -1);

  chart_geometry (data, 10, width, 100, &g);
  if (g.slot <= 0 || x < g.plot_left || x >= g.plot_right)
    return -1;
  index = (int) ((x - g.plot_left) / g.slot);
  return index < (int) data->groups->len ? index : -1;
}

/* ---- Drawing ---- */

XaChartStyle
xa_chart_style_print (double font_size)
{
  return (XaChartStyle) { .font_size = font_size, .fg = { 0, 0, 0, 1 },
                          .focus_group = -1, .chosen_group = -1 };
}

PangoLayout *
xa_dashboard_chart_new_layout (PangoContext *context,
                               double        size,
                               gboolean      bold)
{
  return xa_text_layout_new (context, FONT_FAMILY, size, bold);
}

/* Shows @text centred on @cx with its top at @y; squeezed to @max_width when wider. */
static void
show_centred (cairo_t     *cr,
              PangoLayout *layout,
              const char  *text,
              double       cx,
              double       y,
              double       max_width)
{
  int w, h;
  double scale = 1.0;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  if (max_width > 0 && w / (double) PANGO_SCALE > max_width)
    scale = MAX (0.5, max_width / (w / (double) PANGO_SCALE));
  cairo_save (cr);
  cairo_translate (cr, cx - scale * w / (2.0 * PANGO_SCALE), y);
  cairo_scale (cr, scale, scale);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_legend (const XaChartData  *data,
             const XaChartStyle *style,
             cairo_t            *cr,
             PangoLayout        *layout,
             double              right)
{
  double x = right;
  double fs = style->font_size;

  for (int s = 1; s >= 0; s--)
    {
      int w, h;

      pango_layout_set_text (layout, data->series[s], -1);
      pango_layout_get_size (layout, &w, &h);
      x -= w / (double) PANGO_SCALE;
      cairo_move_to (cr, x, fs * 0.4);
      cairo_set_source_rgba (cr, style->fg[0], style->fg[1], style->fg[2], style->fg[3]);
      pango_cairo_show_layout (cr, layout);
      x -= fs * 1.3;
      cairo_set_source_rgb (cr, series_colours[s][0], series_colours[s][1],
                            series_colours[s][2]);
      cairo_rectangle (cr, x, fs * 0.6, fs * 0.9, fs * 0.9);
      cairo_fill (cr);
      x -= fs * 1.5;
    }
}

/* Whether every number of a two-bar chart fits over its bar without squeezing it below
 * 85 % (a month's two numbers side by side at the Dashboard's usual width do not). */
static gboolean
values_fit_bars (const XaChartData *data,
                 PangoLayout       *layout,
                 double             bar)
{
  for (guint i = 0; i < data->groups->len; i++)
    {
      XaChartGroup *group = g_ptr_array_index (data->groups, i);

      for (guint s = 0; s < 2; s++)
        {
          int w, h;

          pango_layout_set_text (layout, group->texts[s], -1);
          pango_layout_get_size (layout, &w, &h);
          if (w / (double) PANGO_SCALE * 0.85 > bar)
            return FALSE;
        }
    }
  return TRUE;
}

/* The number of series @s of @group when the two do not fit side by side: both stand over
 * the group's taller bar, centred on the group and as wide as it, the left bar's above the
 * right one's, each in its bar's colour halfway to the text colour (readable on paper and
 * on either theme) so that which is which does not rest on the order alone. */
static void
show_value_staggered (cairo_t            *cr,
                      PangoLayout        *layout,
                      const XaChartStyle *style,
                      const XaChartGroup *group,
                      guint               s,
                      double              range,
                      const Geometry     *g,
                      double              group_centre)
{
  double fs = style->font_size;
  double top = MAX (group->values[0], group->values[1]);
  double h = (g->plot_bottom - g->plot_top) * top / range;
  double y = g->plot_bottom - h - fs * 1.3 - (s == 0 ? fs * 1.2 : 0);

  cairo_set_source_rgba (cr, (series_colours[s][0] + style->fg[0]) / 2,
                         (series_colours[s][1] + style->fg[1]) / 2,
                         (series_colours[s][2] + style->fg[2]) / 2, style->fg[3]);
  show_centred (cr, layout, group->texts[s], group_centre, y, g->slot - 2);
}

void
xa_chart_draw (const XaChartData  *data,
               const XaChartStyle *style,
               cairo_t            *cr,
               PangoContext       *context_or_NULL,
               double              width,
               double              height)
{
  PangoContext *own_context = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) small = NULL;
  g_autoptr(PangoLayout) label = NULL;
  PangoContext *context = context_or_NULL;
  double fs, range;
  gboolean stagger;
  Geometry g;

  g_return_if_fail (data != NULL && style != NULL && cr != NULL);

  if (context == NULL)
    context = own_context = pango_cairo_create_context (cr);
  else
    pango_cairo_update_context (cr, context);
  fs = style->font_size;
  title = xa_dashboard_chart_new_layout (context, fs * 1.1, TRUE);
  small = xa_dashboard_chart_new_layout (context, fs * 0.85, FALSE);
  label = xa_dashboard_chart_new_layout (context, fs * 0.9, FALSE);
  chart_geometry (data, fs, width, height, &g);
  stagger = n_series (data) == 2 && !values_fit_bars (data, small, g.bar);
  /* Staggered numbers stand two lines above a group's taller bar. */
  if (stagger)
    g.plot_top += fs * 1.2;
  range = g.max_value > 0 ? g.max_value : 1;

  cairo_save (cr);
  cairo_set_source_rgba (cr, style->fg[0], style->fg[1], style->fg[2], style->fg[3]);
  pango_layout_set_text (title, data->title, -1);
  pango_layout_set_width (title, (int) (width * 0.6 * PANGO_SCALE));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, g.plot_left, fs * 0.3);
  pango_cairo_show_layout (cr, title);
  if (n_series (data) == 2)
    draw_legend (data, style, cr, small, g.plot_right);

  /* The axis. */
  cairo_set_source_rgba (cr, style->fg[0], style->fg[1], style->fg[2], style->fg[3] * 0.4);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, g.plot_left, g.plot_bottom + 0.5);
  cairo_line_to (cr, g.plot_right, g.plot_bottom + 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < data->groups->len; i++)
    {
      XaChartGroup *group = g_ptr_array_index (data->groups, i);
      double slot_left = g.plot_left + i * g.slot;
      double centre = slot_left + g.slot / 2;
      guint n = n_series (data);

      if ((int) i == style->chosen_group)
        {
          cairo_set_source_rgba (cr, series_colours[0][0], series_colours[0][1],
                                 series_colours[0][2], 0.15);
          cairo_rectangle (cr, slot_left + 1, g.title_height, g.slot - 2,
                           height - g.title_height);
          cairo_fill (cr);
        }
      for (guint s = 0; s < n; s++)
        {
          double x = centre - n * g.bar / 2 + s * g.bar;
          double h = (g.plot_bottom - g.plot_top) * group->values[s] / range;

          cairo_set_source_rgb (cr, series_colours[s][0], series_colours[s][1],
                                series_colours[s][2]);
          cairo_rectangle (cr, x + 1, g.plot_bottom - h, g.bar - 2, h);
          cairo_fill (cr);
          cairo_set_source_rgba (cr, style->fg[0], style->fg[1], style->fg[2], style->fg[3]);
          if (stagger)
            show_value_staggered (cr, small, style, group, s, range, &g, centre);
          else
            show_centred (cr, small, group->texts[s], x + g.bar / 2,
                          g.plot_bottom - h - fs * 1.3, n == 1 ? g.slot - 2 : g.bar);
        }
      /* One line, squeezed rather than wrapped: "兰山区" broken in two reads as two
       * words, and a month's "2025-" and "09" as two months. */
      cairo_set_source_rgba (cr, style->fg[0], style->fg[1], style->fg[2], style->fg[3]);
      show_centred (cr, label, group->label, centre, g.plot_bottom + fs * 0.3, g.slot - 2);

      if ((int) i == style->focus_group)
        {
          double dash = 2;

          cairo_set_source_rgba (cr, style->fg[0], style->fg[1], style->fg[2], style->fg[3]);
          cairo_set_dash (cr, &dash, 1, 0);
          cairo_rectangle (cr, slot_left + 1.5, g.title_height + 0.5, g.slot - 3,
                           height - g.title_height - 1);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }
  cairo_restore (cr);
  g_clear_object (&own_context);
}

/* ---- The widget ---- */

struct _XaDashboardChart
{
  GtkWidget    parent_instance;

  XaChartData *data;
  int          focus_group;
  int          chosen_group;
  char        *chosen_key;
};

G_DEFINE_FINAL_TYPE (XaDashboardChart, xa_dashboard_chart, GTK_TYPE_WIDGET)

enum { GROUP_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define WIDGET_FONT_SIZE 13.0

static void
update_accessible (XaDashboardChart *self)
{
  g_autofree char *text = self->data != NULL ? xa_chart_data_describe (self->data) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : "", -1);
}

static void
update_chosen (XaDashboardChart *self)
{
  self->chosen_group = -1;
  for (guint i = 0; self->data != NULL && self->chosen_key != NULL &&
       i < self->data->groups->len; i++)
    if (g_strcmp0 (((XaChartGroup *) g_ptr_array_index (self->data->groups, i))->key,
                   self->chosen_key) == 0)
      self->chosen_group = (int) i;
}

void
xa_dashboard_chart_set_data (XaDashboardChart *self,
                             XaChartData      *data)
{
  g_return_if_fail (XA_IS_DASHBOARD_CHART (self));

  g_clear_pointer (&self->data, xa_chart_data_free);
  self->data = data;
  if (data == NULL || self->focus_group >= (int) data->groups->len)
    self->focus_group = -1;
  update_chosen (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const XaChartData *
xa_dashboard_chart_get_data (XaDashboardChart *self)
{
  g_return_val_if_fail (XA_IS_DASHBOARD_CHART (self), NULL);

  return self->data;
}

void
xa_dashboard_chart_set_chosen (XaDashboardChart *self,
                               const char       *key_or_NULL)
{
  g_return_if_fail (XA_IS_DASHBOARD_CHART (self));

  g_free (self->chosen_key);
  self->chosen_key = g_strdup (key_or_NULL);
  update_chosen (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
xa_dashboard_chart_activate_group (XaDashboardChart *self,
                                   guint             index)
{
  XaChartGroup *group;

  g_return_if_fail (XA_IS_DASHBOARD_CHART (self));
  g_return_if_fail (self->data != NULL && index < self->data->groups->len);

  group = g_ptr_array_index (self->data->groups, index);
  if (group->key != NULL)
    g_signal_emit (self, signals[GROUP_ACTIVATED], 0, group->key);
}

static void
pressed_cb (GtkGestureClick  *gesture,
            int               n_press,
            double            x,
            double            y,
            XaDashboardChart *self)
{
  int index;

  if (self->data == NULL)
    return;
  index = xa_chart_group_at (self->data, gtk_widget_get_width (GTK_WIDGET (self)), x);
  if (index < 0)
    return;
  self->focus_group = index;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  xa_dashboard_chart_activate_group (self, (guint) index);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                XaDashboardChart      *self)
{
  int n = self->data != NULL ? (int) self->data->groups->len : 0;
  int focus = self->focus_group;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      focus = focus < 0 ? 0 : MAX (focus - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      focus = focus < 0 ? 0 : MIN (focus + 1, n - 1);
      break;
    case GDK_KEY_Home:
      focus = 0;
      break;
    case GDK_KEY_End:
      focus = n - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (focus >= 0)
        xa_dashboard_chart_activate_group (self, (guint) focus);
      return focus >= 0;
    default:
      return FALSE;
    }
  self->focus_group = focus;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
focus_leave_cb (XaDashboardChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
xa_dashboard_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  XaDashboardChart *self = XA_DASHBOARD_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  XaChartStyle style = xa_chart_style_print (WIDGET_FONT_SIZE);
  GdkRGBA fg;
  cairo_t *cr;

  if (self->data == NULL || width <= 0 || height <= 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  style.fg[0] = fg.red;
  style.fg[1] = fg.green;
  style.fg[2] = fg.blue;
  style.fg[3] = fg.alpha;
  style.chosen_group = self->chosen_group;
  style.focus_group = gtk_widget_has_focus (widget) ? MAX (self->focus_group, 0) : -1;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  xa_chart_draw (self->data, &style, cr, NULL, width, height);
  cairo_destroy (cr);
}

static void
xa_dashboard_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 640;
    }
  else
    {
      *minimum = 220;
      *natural = 260;
    }
}

static void
xa_dashboard_chart_finalize (GObject *object)
{
  XaDashboardChart *self = XA_DASHBOARD_CHART (object);

  g_clear_pointer (&self->data, xa_chart_data_free);
  g_free (self->chosen_key);

  G_OBJECT_CLASS (xa_dashboard_chart_parent_class)->finalize (object);
}

static void
xa_dashboard_chart_class_init (XaDashboardChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = xa_dashboard_chart_finalize;
  widget_class->snapshot = xa_dashboard_chart_snapshot;
  widget_class->measure = xa_dashboard_chart_measure;

  /* The key of the group whose bar was clicked or activated from the keyboard. */
  signals[GROUP_ACTIVATED] = g_signal_new ("group-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_css_name (widget_class, "xa-dashboard-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
xa_dashboard_chart_init (XaDashboardChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->focus_group = -1;
  self->chosen_group = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_leave_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  update_accessible (self);
}

GtkWidget *
xa_dashboard_chart_new (void)
{
  return g_object_new (XA_TYPE_DASHBOARD_CHART, NULL);
}
