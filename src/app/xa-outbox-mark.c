/* xa-outbox-mark.c — see xa-outbox-mark.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-outbox-mark.h"
#include "xa-store-edits.h"

GtkWidget *
xa_outbox_mark_new (void)
{
  GtkWidget *mark = gtk_label_new (_("Pending"));

  gtk_widget_add_css_class (mark, "caption-heading");
  gtk_widget_set_visible (mark, FALSE);
  return mark;
}

void
xa_outbox_mark_show (GtkWidget    *mark,
                     int           state,
                     XaRecordType  type)
{
  gboolean refused = state == XA_OUTBOX_CONFLICT || state == XA_OUTBOX_REJECTED;

  g_return_if_fail (GTK_IS_LABEL (mark));

  gtk_widget_set_visible (mark, state >= 0);
  if (state < 0)
    return;
  gtk_widget_remove_css_class (mark, refused ? "accent" : "error");
  gtk_widget_add_css_class (mark, refused ? "error" : "accent");
  if (state == XA_OUTBOX_CONFLICT)
    {
      gtk_label_set_label (GTK_LABEL (mark), _("Conflict"));
      gtk_widget_set_tooltip_text (mark, type == XA_RECORD_ELEVATOR
                                         ? _("The elevator changed on the records server; "
                                             "this change was not applied there")
                                         : _("The problem changed on the records server; this "
                                             "change was not applied there"));
    }
  else if (state == XA_OUTBOX_REJECTED)
    {
      gtk_label_set_label (GTK_LABEL (mark), _("Rejected"));
      gtk_widget_set_tooltip_text (mark, _("The records server refused this change"));
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (mark), _("Pending"));
      gtk_widget_set_tooltip_text (mark, _("Changed here; sent to the records server at the "
                                           "next sync"));
    }
}
