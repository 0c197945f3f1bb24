/* xa-tooltips.c — see xa-tooltips.h. GTK 4.8 caps a tooltip's width at as many average
 * character widths as its text has characters (gtktooltipwindow.c, update_label_width).
 * The average is that of Latin letters; a Han character is about twice as wide, so a
 * Chinese tooltip gets half the width it needs: "主菜单" (3 characters, room for 3 Latin
 * letters) wraps after every character, "立即同步" after every second one.
 *
 * GTK offers no setting for that width, so in a Han language the default handler of
 * "query-tooltip" is overridden for every widget: a plain tooltip is shown in a label of
 * our own whose width limit is counted in Han characters. Widgets that answer
 * "query-tooltip" themselves (the compound layer) or whose class does (tree views) are
 * left to GTK. */
#include "config.h"

#include "xa-tooltips.h"

/* About a line of a Chinese sentence before a long tooltip wraps. */
#define MAX_TOOLTIP_CHARS 24

static gboolean (*default_query_tooltip) (GtkWidget  *widget,
                                          int         x,
                                          int         y,
                                          gboolean    keyboard_tooltip,
                                          GtkTooltip *tooltip);

static gboolean
query_tooltip (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard_tooltip,
               GtkTooltip *tooltip)
{
  const char *markup = gtk_widget_get_tooltip_markup (widget);
  GtkWidget *label;
  int n_chars;

  if (markup == NULL || *markup == '\0'
      || GTK_WIDGET_GET_CLASS (widget)->query_tooltip != default_query_tooltip)
    {
      gboolean handled = FALSE;

      g_signal_chain_from_overridden_handler (widget, x, y, keyboard_tooltip, tooltip,
                                              &handled);
      return handled;
    }

  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  n_chars = g_utf8_strlen (gtk_label_get_text (GTK_LABEL (label)), -1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Counted in average character widths, as GTK does, but two for each character: the
   * width a Han character takes. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 2 * MIN (n_chars, MAX_TOOLTIP_CHARS));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

void
xa_tooltips_fit_language (void)
{
  static gboolean done;
  GtkWidgetClass *widget_class;

  if (done)
    return;
  done = TRUE;
  if (!pango_language_includes_script (pango_language_get_default (), PANGO_SCRIPT_HAN))
    return;

  widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
  default_query_tooltip = widget_class->query_tooltip;
  g_signal_override_class_handler ("query-tooltip", GTK_TYPE_WIDGET, G_CALLBACK (query_tooltip));
  g_type_class_unref (widget_class);
}
