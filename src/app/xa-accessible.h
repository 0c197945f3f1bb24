/* xa-accessible.h — names for screen readers that GTK 4.8 and libadwaita 1.2 leave out:
 * icon-only buttons (GTK 4.8 does not take the tooltip as the name), the peek icon of a
 * password entry, the search entry of a preferences window, the close button of a toast,
 * the button inside a drop-down (named as the drop-down's tooltip). */
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

G_END_DECLS
