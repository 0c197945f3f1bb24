/* xa-map-legend.c — see xa-map-legend.h. The swatches are drawn with cairo rather than
 * styled boxes so their fill is exactly the colour of xa_overlay_band_color(), untouched by
 * the theme, and so they carry the same dark outline as the dots on the map. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-format.h"
#include "xa-map-legend.h"

struct _XaMapLegend
{
  AdwBin     parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *description_label;
  GtkGrid   *bands_grid;

  XaOverlay  overlay;
  char      *district;
};

G_DEFINE_FINAL_TYPE (XaMapLegend, xa_map_legend, ADW_TYPE_BIN)

enum { BAND_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const GdkRGBA *color = user_data;
  double line = 1.5;
  double radius = (MIN (width, height) - line) / 2.0;

  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill_preserve (cr);
  /* Dark enough to hold the pale bands apart from a light basemap or card. */
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.8);
  cairo_set_line_width (cr, line);
  cairo_stroke (cr);
}

GtkWidget *
xa_map_legend_swatch_new (XaOverlay overlay,
                          guint     band)
{
  GtkWidget *area;
  GdkRGBA color;

  g_return_val_if_fail (overlay < XA_N_OVERLAYS, NULL);
  g_return_val_if_fail (band < xa_overlay_n_bands (overlay), NULL);

  xa_overlay_band_color (overlay, band, &color);
  /* The band's label says in words what the colour says; a screen reader skips the dot. */
  area = g_object_new (GTK_TYPE_DRAWING_AREA,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       "halign", GTK_ALIGN_CENTER,
                       "valign", GTK_ALIGN_CENTER,
                       NULL);
  gtk_widget_add_css_class (area, "xa-swatch");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch,
                                  g_memdup2 (&color, sizeof color), g_free);
  return area;
}

static void
update_title (XaMapLegend *self)
{
  g_autofree char *title = NULL;

  if (self->district == NULL)
    {
      gtk_label_set_label (self->title_label, xa_overlay_title (self->overlay));
      return;
    }
  /* Translators: the map legend's title while one district is shown: the overlay's title
   * and the district's name, e.g. "Flood Readiness — 兰山区". */
  title = g_strdup_printf (_("%s — %s"), xa_overlay_title (self->overlay), self->district);
  gtk_label_set_label (self->title_label, title);
}

void
xa_map_legend_set_district (XaMapLegend *self,
                            const char  *name_or_NULL)
{
  g_return_if_fail (XA_IS_MAP_LEGEND (self));

  g_free (self->district);
  self->district = g_strdup (name_or_NULL);
  update_title (self);
}

static void
band_clicked_cb (GtkButton   *button,
                 XaMapLegend *self)
{
  g_signal_emit (self, signals[BAND_ACTIVATED], 0,
                 GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "band")));
}

/* A band with its count is a button that opens the list of its compounds: the whole row,
 * so the target is large and the row reads as one thing to a screen reader. */
static GtkWidget *
band_button_new (XaMapLegend *self,
                 guint        band,
                 GtkWidget   *swatch,
                 GtkWidget   *label,
                 GtkWidget   *count,
                 const char  *text,
                 guint        n)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  g_autofree char *number = xa_format_count (n);
  g_autofree char *name = NULL;

  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "xa-legend-band");
  gtk_widget_set_tooltip_text (button, _("Show the list of these compounds"));
  /* Translators: what a screen reader says for a row of the map legend: the band and
   * how many compounds are in it, e.g. "Some overdue: 22 compounds, show the list". */
  name = g_strdup_printf (ngettext ("%s: %s compound, show the list",
                                    "%s: %s compounds, show the list", n), text, number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_object_set_data (G_OBJECT (button), "band", GUINT_TO_POINTER (band));
  g_signal_connect (button, "clicked", G_CALLBACK (band_clicked_cb), self);
  return button;
}

void
xa_map_legend_set_overlay (XaMapLegend                *self,
                           XaOverlay                   overlay,
                           const guint                 counts[XA_OVERLAY_MAX_BANDS],
                           const XaElevatorThresholds *thresholds)
{
  GtkWidget *child;
  guint n_bands;

  g_return_if_fail (XA_IS_MAP_LEGEND (self));
  g_return_if_fail (overlay < XA_N_OVERLAYS);

  self->overlay = overlay;
  update_title (self);
  gtk_label_set_label (self->description_label, xa_overlay_description (overlay));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->bands_grid))) != NULL)
    gtk_grid_remove (self->bands_grid, child);

  n_bands = xa_overlay_n_bands (overlay);
  for (guint band = 0; band < n_bands; band++)
    {
      g_autofree char *text = xa_overlay_band_label (overlay, band, thresholds);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      if (counts != NULL)
        {
          g_autofree char *number = xa_format_count (counts[band]);
          GtkWidget *count = gtk_label_new (number);

          gtk_label_set_xalign (GTK_LABEL (count), 1);
          gtk_widget_add_css_class (count, "xa-value");
          gtk_grid_attach (self->bands_grid,
                           band_button_new (self, band, xa_map_legend_swatch_new (overlay, band),
                                            label, count, text, counts[band]),
                           0, band, 3, 1);
          continue;
        }
      gtk_grid_attach (self->bands_grid, xa_map_legend_swatch_new (overlay, band), 0, band, 1, 1);
      gtk_grid_attach (self->bands_grid, label, 1, band, 1, 1);
    }
}

XaOverlay
xa_map_legend_get_overlay (XaMapLegend *self)
{
  g_return_val_if_fail (XA_IS_MAP_LEGEND (self), XA_OVERLAY_FLOOD);
  return self->overlay;
}

GtkWidget *
xa_map_legend_new (void)
{
  return g_object_new (XA_TYPE_MAP_LEGEND, NULL);
}

static void
xa_map_legend_finalize (GObject *object)
{
  g_free (XA_MAP_LEGEND (object)->district);

  G_OBJECT_CLASS (xa_map_legend_parent_class)->finalize (object);
}

static void
xa_map_legend_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XA_TYPE_MAP_LEGEND);

  G_OBJECT_CLASS (xa_map_legend_parent_class)->dispose (object);
}

static void
xa_map_legend_class_init (XaMapLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xa_map_legend_dispose;
  object_class->finalize = xa_map_legend_finalize;

  /* A band's row was activated: the number of the band, for the list of its compounds. */
  signals[BAND_ACTIVATED] = g_signal_new ("band-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/xiaoquatlas/XiaoquAtlas/xa-map-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, XaMapLegend, title_label);
  gtk_widget_class_bind_template_child (widget_class, XaMapLegend, description_label);
  gtk_widget_class_bind_template_child (widget_class, XaMapLegend, bands_grid);
  gtk_widget_class_set_css_name (widget_class, "xa-map-legend");
}

static void
xa_map_legend_init (XaMapLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  xa_map_legend_set_overlay (self, XA_OVERLAY_FLOOD, NULL, NULL);
}
