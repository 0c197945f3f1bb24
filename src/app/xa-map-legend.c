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
      gtk_grid_attach (self->bands_grid, xa_map_legend_swatch_new (overlay, band), 0, band, 1, 1);
      gtk_grid_attach (self->bands_grid, label, 1, band, 1, 1);

      if (counts != NULL)
        {
          g_autofree char *number = xa_format_count (counts[band]);
          GtkWidget *count = gtk_label_new (number);

          gtk_label_set_xalign (GTK_LABEL (count), 1);
          gtk_widget_add_css_class (count, "xa-value");
          gtk_grid_attach (self->bands_grid, count, 2, band, 1, 1);
        }
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
