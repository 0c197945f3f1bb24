/* xa-compound-sprites.c — see xa-compound-sprites.h. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xa-compound-sprites.h"
#include "xa-format.h"
#include "xa-overlay-style.h"

struct _XaCompoundSprites
{
  GHashTable *dots;             /* dot key → GdkTexture */
  int         scale;
  double      magnification;    /* of clusters' and plates' text and size: 1, or more on a
                                 * projector */
};

/* Cairo's premultiplied native-endian ARGB32 is GDK_MEMORY_DEFAULT. */
static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

/* Finishes drawing with @cr on @surface: both go, a texture comes. */
static GdkTexture *
finish_texture (cairo_t         *cr,
                cairo_surface_t *surface)
{
  GdkTexture *texture;

  cairo_destroy (cr);
  texture = texture_from_surface (surface);
  cairo_surface_destroy (surface);
  return texture;
}

/* @text in @widget's font, bold at @points, and its ink extents. */
static PangoLayout *
bold_layout (GtkWidget      *widget,
             const char     *text,
             int             points,
             PangoRectangle *extents)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  g_autoptr(PangoFontDescription) font = NULL;

  font = pango_font_description_copy (
    pango_context_get_font_description (pango_layout_get_context (layout)));
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_size (font, points * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_get_pixel_extents (layout, NULL, extents);
  return layout;
}

static const GdkRGBA outline_color = { 0.12, 0.12, 0.12, 0.9 };

/* A disc of @radius with its dark outline, drawn once with cairo at the widget's scale. */
GdkTexture *
xa_compound_sprites_get_dot (XaCompoundSprites *self,
                             XaOverlay          overlay,
                             guint              band,
                             float              radius)
{
  guint r = (guint) lrintf (radius * 2);  /* half-pixel steps */
  guint key = (overlay << 24) | (band << 16) | r;
  GdkTexture *texture = g_hash_table_lookup (self->dots, GUINT_TO_POINTER (key));
  cairo_surface_t *surface;
  cairo_t *cr;
  GdkRGBA color;
  double logical = radius * 2 + 3;
  int size = (int) ceil (logical * self->scale);

  if (texture != NULL)
    return texture;

  xa_overlay_band_color (overlay, band, &color);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (surface);
  cairo_scale (cr, self->scale, self->scale);
  cairo_arc (cr, logical / 2, logical / 2, radius, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  gdk_cairo_set_source_rgba (cr, &outline_color);
  cairo_stroke (cr);
  texture = finish_texture (cr, surface);
  g_hash_table_insert (self->dots, GUINT_TO_POINTER (key), texture);
  return texture;
}

/* A cluster's look, drawn once with cairo into a texture: a pie of its band shares
 * (clockwise from the top in legend order), a light hole with the count, a dark outline.
 * As a texture it costs a frame one textured square; as render nodes (conic gradient,
 * clips, text) it cost software GL several times that for each of hundreds of clusters. */
GdkTexture *
xa_compound_sprites_draw_cluster (XaCompoundSprites *self,
                                  GtkWidget         *widget,
                                  XaOverlay          overlay,
                                  const XaCluster   *cluster)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  const guint *counts = cluster->counts[overlay];
  guint n_bands = xa_overlay_n_bands (overlay);
  guint shown = cluster->n;
  double m = self->magnification;
  double r = xa_cluster_radius (shown) * m, half = r + 1.5;
  int size = (int) ceil (2 * half * self->scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);
  guint total = 0, acc = 0;
  PangoRectangle extents;

  cairo_scale (cr, self->scale, self->scale);
  cairo_translate (cr, half, half);
  for (guint b = 0; b < n_bands; b++)
    total += counts[b];
  for (guint b = 0; b < n_bands && total > 0; b++)
    {
      GdkRGBA color;
      double a0 = -G_PI / 2 + 2 * G_PI * acc / total;

      if (counts[b] == 0)
        continue;
      acc += counts[b];
      xa_overlay_band_color (overlay, b, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_move_to (cr, 0, 0);
      cairo_arc (cr, 0, 0, r, a0, -G_PI / 2 + 2 * G_PI * acc / total);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  /* A light hole keeps the count readable over any band colour. */
  cairo_arc (cr, 0, 0, r * 0.62, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_fill (cr);
  cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
  cairo_set_line_width (cr, 1.5);
  gdk_cairo_set_source_rgba (cr, &outline_color);
  cairo_stroke (cr);

  text = xa_format_abbreviated_count (shown);
  /* A smaller size only where the count would not fit the hole (four digits). */
  layout = bold_layout (widget, text, (int) lrint (8 * m), &extents);
  if (extents.width > 2 * r * 0.62 * 0.92)
    {
      g_clear_object (&layout);
      layout = bold_layout (widget, text, (int) lrint (7 * m), &extents);
    }
  cairo_move_to (cr, -extents.width / 2.0 - extents.x, -extents.height / 2.0 - extents.y);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 1);
  pango_cairo_show_layout (cr, layout);
  return finish_texture (cr, surface);
}

GdkTexture *
xa_compound_sprites_draw_label (XaCompoundSprites *self,
                                GtkWidget         *widget,
                                const char        *text,
                                double            *width,
                                double            *height)
{
  /* Magnified three quarters as much as the clusters: a district's name is read once,
   * its cluster's count compared with the others; at 1920×1080 the name is still 24 px,
   * and twelve plates find room around the crowded centre of the city. */
  const double magnification = MAX (1.0, self->magnification * 0.75);
  const double pad_x = 5 * magnification, pad_y = 2 * magnification;
  g_autoptr(PangoLayout) layout = NULL;
  cairo_surface_t *surface;
  PangoRectangle extents;
  cairo_t *cr;

  layout = bold_layout (widget, text, (int) lrint (8 * magnification), &extents);
  *width = extents.width + 2 * pad_x;
  *height = extents.height + 2 * pad_y;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (*width * self->scale),
                                        (int) ceil (*height * self->scale));
  cr = cairo_create (surface);
  cairo_scale (cr, self->scale, self->scale);
  /* A light plate with a dark edge reads over any tile and any band colour. */
  cairo_rectangle (cr, 0.5, 0.5, *width - 1, *height - 1);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, outline_color.red, outline_color.green, outline_color.blue, 0.5);
  cairo_stroke (cr);
  cairo_move_to (cr, pad_x - extents.x, pad_y - extents.y);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 1);
  pango_cairo_show_layout (cr, layout);
  return finish_texture (cr, surface);
}

XaCompoundSprites *
xa_compound_sprites_new (void)
{
  XaCompoundSprites *self = g_new0 (XaCompoundSprites, 1);

  self->dots = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->magnification = 1;
  return self;
}

void
xa_compound_sprites_free (XaCompoundSprites *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->dots);
  g_free (self);
}

void
xa_compound_sprites_clear (XaCompoundSprites *self)
{
  g_hash_table_remove_all (self->dots);
}

gboolean
xa_compound_sprites_set_scale (XaCompoundSprites *self,
                               int                scale)
{
  if (scale == self->scale)
    return FALSE;
  self->scale = scale;
  g_hash_table_remove_all (self->dots);
  return TRUE;
}

gboolean
xa_compound_sprites_set_magnification (XaCompoundSprites *self,
                                       double             magnification)
{
  if (magnification == self->magnification)
    return FALSE;
  self->magnification = magnification;
  return TRUE;
}

double
xa_compound_sprites_get_magnification (XaCompoundSprites *self)
{
  return self->magnification;
}
