/* xa-tooltips.h — keeps short tooltips on one line in languages written in Han
 * characters (GTK 4.8 draws the tooltip "主菜单" one character per line). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* When the user's language is written in Han characters, makes every plain tooltip of the
 * process (tooltip-text or tooltip-markup) wrap by its width instead of its count of
 * characters. Does nothing in other languages, and nothing the second time. */
void xa_tooltips_fit_language (void);

G_END_DECLS
