/* xa-presentation-actions.h — the window's presentation-mode actions: F5 (the current
 * agenda, or the whole city), Present of an agenda, and Save Minutes… of the meeting just
 * held, with the toast that offers the minutes when a meeting that decided something ends. */
#pragma once

#include "xa-window.h"

G_BEGIN_DECLS

/* Installs win.present, win.present-agenda (x), win.save-minutes and win.save-minutes-to (s)
 * on the window class. */
void xa_presentation_actions_install (GtkWidgetClass *widget_class);

/* Tells @window, in a toast, of each meeting of its presentation that ends with decisions;
 * call once the window's presentation exists. */
void xa_presentation_actions_follow  (XaWindow       *window);

G_END_DECLS
