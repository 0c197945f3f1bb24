/* xa-renewal-dialog.c — see xa-renewal-dialog.h. The choices come from the records' own
 * enumerations and words, and the edit is judged with xa_elevator_edit_check(), so the
 * dialog and the server cannot disagree about what is allowed. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "xa-accessible.h"
#include "xa-elevator-row.h"
#include "xa-record-words.h"
#include "xa-renewal-dialog.h"

/* The planned year's choices. */
enum { YEAR_UNCHANGED, YEAR_NONE, YEAR_SET };

struct _XaRenewalDialog
{
  AdwMessageDialog  parent_instance;

  GtkDropDown      *status_dropdown;
  GtkDropDown      *year_dropdown;
  GtkEntry         *year_entry;
  GtkLabel         *year_message;
  GtkDropDown      *funding_dropdown;
  GtkEntry         *note_entry;

  GStrv             ids;
  char             *note;   /* the note as get_edit() last returned it */
};

G_DEFINE_FINAL_TYPE (XaRenewalDialog, xa_renewal_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The planned year typed, or 0 when it is not a year at all. */
static gint64
typed_year (XaRenewalDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (
                                                  GTK_EDITABLE (self->year_entry))));
  guint64 year = 0;

  if (*text == '\0' || !g_ascii_string_to_unsigned (text, 10, 1, 9999, &year, NULL))
    return 0;
  return (gint64) year;
}

gboolean
xa_renewal_dialog_get_edit (XaRenewalDialog *self,
                            XaElevatorEdit  *edit,
                            GError         **error)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint year = gtk_drop_down_get_selected (self->year_dropdown);
  guint funding = gtk_drop_down_get_selected (self->funding_dropdown);

  g_return_val_if_fail (XA_IS_RENEWAL_DIALOG (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  g_free (self->note);
  self->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  *edit = (XaElevatorEdit) { 0 };
  /* Entry 0 is "Unchanged"; then the statuses in their order. */
  if (status > 0 && status != GTK_INVALID_LIST_POSITION)
    {
      edit->set_renewal_status = TRUE;
      edit->renewal_status = status - 1;
    }
  if (year == YEAR_NONE || year == YEAR_SET)
    {
      edit->set_planned_year = TRUE;
      edit->planned_year = year == YEAR_SET ? typed_year (self) : 0;
      if (year == YEAR_SET && !xa_planned_year_is_valid (edit->planned_year))
        {
          g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE,
                       _("The planned year must be a year from %d to %d."),
                       XA_EDIT_MIN_PLANNED_YEAR, XA_EDIT_MAX_PLANNED_YEAR);
          return FALSE;
        }
    }
  /* Entry 1 is "No funding" (XA_FUNDING_NONE, -1); then the sources in their order. */
  if (funding > 0 && funding != GTK_INVALID_LIST_POSITION)
    {
      edit->set_funding_source = TRUE;
      edit->funding_source = (int) funding - 2;
    }
  if (*self->note != '\0')
    edit->note = self->note;
  return xa_elevator_edit_check (edit, error);
}

static void
update_response (XaRenewalDialog *self)
{
  gboolean set_year = gtk_drop_down_get_selected (self->year_dropdown) == YEAR_SET;
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->year_entry));
  g_autoptr(GError) error = NULL;
  XaElevatorEdit edit;
  gboolean acceptable;

  gtk_widget_set_sensitive (GTK_WIDGET (self->year_entry), set_year);
  acceptable = xa_renewal_dialog_get_edit (self, &edit, &error);
  /* A year half typed is not yet wrong; one typed whole, or an empty field left, is. */
  if (set_year && !acceptable && error->code == XA_RECORD_EDIT_ERROR_VALUE
      && (g_utf8_strlen (typed, -1) >= 4 || !gtk_widget_has_focus (GTK_WIDGET (self->year_entry))))
    {
      gtk_label_set_label (self->year_message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->year_message), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->year_entry), "error");
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->year_message), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->year_entry), "error");
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->year_entry), GTK_ACCESSIBLE_STATE_INVALID,
                               gtk_widget_get_visible (GTK_WIDGET (self->year_message))
                               ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "change", acceptable);
}

static void
year_choice_cb (XaRenewalDialog *self)
{
  if (gtk_drop_down_get_selected (self->year_dropdown) == YEAR_SET)
    gtk_widget_grab_focus (GTK_WIDGET (self->year_entry));
  update_response (self);
}

const char * const *
xa_renewal_dialog_get_ids (XaRenewalDialog *self,
                           guint           *n_ids)
{
  g_return_val_if_fail (XA_IS_RENEWAL_DIALOG (self), NULL);

  if (n_ids != NULL)
    *n_ids = g_strv_length (self->ids);
  return (const char * const *) self->ids;
}

void
_xa_renewal_dialog_choose (XaRenewalDialog *self,
                           int              status,
                           const char      *year,
                           int              funding,
                           const char      *note)
{
  g_return_if_fail (XA_IS_RENEWAL_DIALOG (self));

  gtk_drop_down_set_selected (self->status_dropdown, status + 1);
  gtk_drop_down_set_selected (self->year_dropdown,
                              year == NULL ? YEAR_UNCHANGED
                              : *year == '\0' ? YEAR_NONE : YEAR_SET);
  gtk_editable_set_text (GTK_EDITABLE (self->year_entry), year != NULL ? year : "");
  gtk_drop_down_set_selected (self->funding_dropdown, funding + 2);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note != NULL ? note : "");
  /* As when the user leaves the year's field. */
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
  update_response (self);
}

const char *
_xa_renewal_dialog_get_message (XaRenewalDialog *self)
{
  g_return_val_if_fail (XA_IS_RENEWAL_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->year_message))
         ? gtk_label_get_label (self->year_message) : NULL;
}

static void
fill (GtkDropDown *dropdown,
      const char  *first,
      const char  *second,
      const char  *name)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, first);
  if (second != NULL)
    gtk_string_list_append (choices, second);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (choices));
  xa_accessible_name_drop_down (GTK_WIDGET (dropdown), name);
}

static void
xa_renewal_dialog_finalize (GObject *object)
{
  XaRenewalDialog *self = XA_RENEWAL_DIALOG (object);

  g_strfreev (self->ids);
  g_free (self->note);

  G_OBJECT_CLASS (xa_renewal_dialog_parent_class)->finalize (object);
}

static void
xa_renewal_dialog_class_init (XaRenewalDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = xa_renewal_dialog_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/xiaoquatlas/XiaoquAtlas/xa-renewal-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XaRenewalDialog, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaRenewalDialog, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaRenewalDialog, year_entry);
  gtk_widget_class_bind_template_child (widget_class, XaRenewalDialog, year_message);
  gtk_widget_class_bind_template_child (widget_class, XaRenewalDialog, funding_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaRenewalDialog, note_entry);
}

static void
xa_renewal_dialog_init (XaRenewalDialog *self)
{
  GtkStringList *choices;

  gtk_widget_init_template (GTK_WIDGET (self));

  fill (self->status_dropdown, _("Unchanged"), NULL, _("Renewal Status"));
  choices = GTK_STRING_LIST (gtk_drop_down_get_model (self->status_dropdown));
  for (XaRenewalStatus status = XA_RENEWAL_NONE; status <= XA_RENEWAL_DONE; status++)
    gtk_string_list_append (choices, xa_record_words_renewal (status));
  fill (self->year_dropdown, _("Unchanged"), _("No planned year"), _("Planned Year"));
  gtk_string_list_append (GTK_STRING_LIST (gtk_drop_down_get_model (self->year_dropdown)),
                          _("Planned for"));
  fill (self->funding_dropdown, _("Unchanged"), _("No funding"), _("Funding Source"));
  choices = GTK_STRING_LIST (gtk_drop_down_get_model (self->funding_dropdown));
  for (XaFundingSource source = XA_FUNDING_SPECIAL_BONDS; source <= XA_FUNDING_OTHER; source++)
    gtk_string_list_append (choices, xa_record_words_funding (source));
  gtk_entry_set_max_length (self->note_entry, XA_EDIT_MAX_NOTE);

  g_signal_connect_swapped (self->status_dropdown, "notify::selected",
                            G_CALLBACK (update_response), self);
  g_signal_connect_swapped (self->year_dropdown, "notify::selected",
                            G_CALLBACK (year_choice_cb), self);
  g_signal_connect_swapped (self->year_entry, "changed", G_CALLBACK (update_response), self);
  g_signal_connect_swapped (self->year_entry, "notify::has-focus",
                            G_CALLBACK (update_response), self);
  g_signal_connect_swapped (self->funding_dropdown, "notify::selected",
                            G_CALLBACK (update_response), self);
  g_signal_connect_swapped (self->note_entry, "changed", G_CALLBACK (update_response), self);
}

XaRenewalDialog *
xa_renewal_dialog_new (GtkWindow *parent,
                       GPtrArray *rows)
{
  XaRenewalDialog *self;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autofree char *body = NULL;

  g_return_val_if_fail (rows != NULL && rows->len > 0, NULL);

  self = g_object_new (XA_TYPE_RENEWAL_DIALOG, "transient-for", parent, NULL);
  for (guint i = 0; i < rows->len; i++)
    g_strv_builder_add (ids, xa_elevator_row_get_data (rows->pdata[i])->id);
  self->ids = g_strv_builder_end (ids);
  if (rows->len == 1)
    {
      const XaElevatorRowData *d = xa_elevator_row_get_data (rows->pdata[0]);

      /* Translators: the renewal dialog's text for one lift: %1$s its registration code,
       * %2$s its compound, %3$s its building and %4$s its unit, e.g. "The elevator
       * 31103713022005000123 at 兰山花园, 3号楼 2单元." */
      body = g_strdup_printf (_("The elevator %1$s at %2$s, %3$s %4$s."), d->registration_code,
                              d->compound_name, d->building, d->unit);
    }
  else
    /* Translators: the renewal dialog's text for many lifts; %u is how many. */
    body = g_strdup_printf (ngettext ("%u elevator is selected.", "%u elevators are selected.",
                                      rows->len), rows->len);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  update_response (self);
  return self;
}
