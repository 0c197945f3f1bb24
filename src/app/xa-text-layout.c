/* xa-text-layout.c — see xa-text-layout.h. The size is absolute so that it does not
 * follow the context's resolution: a chart and a page measure in their own units. */
#include "config.h"

#include "xa-text-layout.h"

PangoLayout *
xa_text_layout_new (PangoContext *context,
                    const char   *family,
                    double        size,
                    gboolean      bold)
{
  PangoLayout *layout;
  g_autoptr(PangoFontDescription) font = NULL;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (family != NULL, NULL);

  layout = pango_layout_new (context);
  font = pango_font_description_from_string (family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  return layout;
}
