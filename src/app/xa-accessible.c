/* xa-accessible.c — see xa-accessible.h. GTK 4.8 puts a widget without a label on the
 * AT-SPI bus under its type name ("GtkImage" for an icon button): a screen reader says
 * nothing useful. Our own .ui files name their controls; this names the ones GTK and
 * libadwaita build inside their widgets, which no .ui file reaches. Held by
 * tests/test-accessibility.py, which walks the real tree on the bus. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "xa-accessible.h"

static void
set_name (GtkWidget  *widget,
          const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
}

static gboolean
inside (GtkWidget  *widget,
        const char *type_name)
{
  GType type = g_type_from_name (type_name);

  return type != 0 && gtk_widget_get_ancestor (widget, type) != NULL;
}

void
xa_accessible_name_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) == NULL)
    {
      const char *tooltip = gtk_widget_get_tooltip_text (root);
      GtkWidget *dropdown = gtk_widget_get_ancestor (root, GTK_TYPE_DROP_DOWN);

      /* An icon button: the tooltip says what it does. */
      if (tooltip != NULL && *tooltip != '\0')
        set_name (root, tooltip);
      /* The button that opens a drop-down: named as the drop-down's tooltip says. */
      else if (dropdown != NULL && gtk_widget_get_tooltip_text (dropdown) != NULL)
        set_name (root, gtk_widget_get_tooltip_text (dropdown));
      else if (inside (root, "AdwToastWidget"))
        set_name (root, _("Dismiss"));
    }
  /* The eye icon that shows the text of a password entry. */
  else if (GTK_IS_IMAGE (root) && GTK_IS_PASSWORD_ENTRY (gtk_widget_get_parent (root)))
    set_name (root, _("Show Text"));
  else if (GTK_IS_SEARCH_ENTRY (root) && inside (root, "AdwPreferencesWindow"))
    set_name (root, _("Search Preferences"));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    xa_accessible_name_controls (child);
}

void
xa_accessible_name_drop_down (GtkWidget  *drop_down,
                              const char *name)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  for (GtkWidget *child = gtk_widget_get_first_child (drop_down); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      set_name (child, name);
}

GtkWidget *
xa_accessible_icon_button (const char *icon_name,
                           const char *label)
{
  GtkWidget *button;

  g_return_val_if_fail (icon_name != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  button = gtk_button_new_from_icon_name (icon_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  set_name (button, label);
  gtk_widget_add_css_class (button, "flat");
  return button;
}
