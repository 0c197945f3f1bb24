/* xa-accessible.h — names for screen readers that GTK 4.8 and libadwaita 1.2 leave out:
 * icon-only buttons (GTK 4.8 does not take the tooltip as the name), the peek icon of a
 * password entry, the search entry of a preferences window, the close button of a toast,
 * the button inside a drop-down (named as the drop-down's tooltip); and icon buttons built
 * in code, named as they are made. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Names every such widget under @root (itself included). Call it once the widgets exist;
 * names given in .ui files are left as they are. */
void xa_accessible_name_controls (GtkWidget *root);
/* GTK 4.8's drop-down shows its own button to screen readers, without the drop-down's
 * name: gives that button @name. */
void xa_accessible_name_drop_down (GtkWidget  *drop_down,
                                   const char *name);
/* A flat icon button for a row, centred in its height, whose tooltip and name for screen
 * readers are both @label. */
GtkWidget *xa_accessible_icon_button (const char *icon_name,
                                      const char *label);

G_END_DECLS
