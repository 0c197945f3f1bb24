/* xa-text-layout.h — the one way text drawn with cairo and pango (the Dashboard's charts,
 * PDF pages) gets its font: a family at an absolute size, bold or not. */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* A new layout of @context in @family (a pango font family list) at @size units of
 * @context's drawing (points on a page, pixels on screen), bold when @bold. */
PangoLayout *xa_text_layout_new (PangoContext *context,
                                 const char   *family,
                                 double        size,
                                 gboolean      bold);

G_END_DECLS
