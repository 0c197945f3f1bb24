/* xa-decision-dialog.c — see xa-decision-dialog.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-calendar.h"
#include "xa-decision-dialog.h"
#include "xa-message-dialogs.h"
#include "xa-problem-status-dialog.h"
#include "xa-record-words.h"

struct _XaDecisionDialog
{
  AdwMessageDialog  parent_instance;

  XaDecisionKind    kind;
  char             *problem_id;
  XaProblemStatus   status;      /* the problem's before the decision */
  XaProblemTier     tier;        /* the problem's after it */
  GtkEntry         *note_entry;
  GtkEntry         *party_entry;
  GtkEntry         *deadline_entry;
  GtkLabel         *hint_label;
};

G_DEFINE_FINAL_TYPE (XaDecisionDialog, xa_decision_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The deadline entered: 18:00 of that day in UTC+8, or 0 when it is no date. */
static gint64
entered_deadline (XaDecisionDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->deadline_entry));
  int year, month, day;
  char end;

  if (sscanf (text, "%d-%d-%d%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return 0;
  return xa_calendar_time (year, month, day, 18, 0);
}

void
xa_decision_dialog_get_edit (XaDecisionDialog *self,
                             XaProblemEdit    *edit)
{
  g_return_if_fail (XA_IS_DECISION_DIALOG (self));
  g_return_if_fail (edit != NULL);

  *edit = (XaProblemEdit) {
    /* Agreed: someone works on it now. Escalated: the next tier decides what happens. */
    .status = self->kind == XA_DECISION_AGREED ? XA_STATUS_IN_PROGRESS : self->status,
    .note = gtk_editable_get_text (GTK_EDITABLE (self->note_entry)),
    .set_tier = TRUE,
    .tier = self->tier,
    .responsible_party = gtk_editable_get_text (GTK_EDITABLE (self->party_entry)),
    .deadline = entered_deadline (self),
  };
}

/* "Decide" only for an edit the server would take; the line under the fields says why
 * not. */
static void
changed_cb (XaDecisionDialog *self)
{
  XaProblemEdit edit;
  g_autoptr(GError) error = NULL;
  const char *why = NULL;
  gint64 today = xa_calendar_deadline (g_get_real_time () / G_USEC_PER_SEC, 0);
  g_autofree char *note = NULL;

  xa_decision_dialog_get_edit (self, &edit);
  note = g_strstrip (g_strdup (edit.note));
  if (note[0] == '\0')
    why = _("Write what the meeting decided.");
  else if (!xa_edit_party_is_valid (edit.responsible_party))
    why = _("Name who is responsible.");
  else if (edit.deadline == 0)
    why = _("Enter the deadline as a date, such as 2026-12-31.");
  else if (edit.deadline < today)
    why = _("The deadline has passed: choose today or a later day.");
  else if (!xa_problem_edit_check (&edit, self->status, &error))
    why = error->message;
  gtk_label_set_label (self->hint_label, why != NULL ? why : "");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "decide", why == NULL);
}

static GtkEntry *
add_field (XaDecisionDialog *self,
           GtkBox           *box,
           const char       *label,
           int               max_length)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), entry);
  gtk_entry_set_max_length (GTK_ENTRY (entry), max_length);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  title, NULL, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (changed_cb), self);
  gtk_box_append (box, title);
  gtk_box_append (box, entry);
  return GTK_ENTRY (entry);
}

XaDecisionDialog *
xa_decision_dialog_new (GtkWindow       *parent,
                        const XaProblem *problem,
                        XaDecisionKind   kind)
{
  XaDecisionDialog *self;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *body = NULL;
  g_autofree char *deadline = NULL;
  GtkBox *box;
  int days;

  g_return_val_if_fail (problem != NULL, NULL);
  g_return_val_if_fail (kind == XA_DECISION_AGREED || problem->tier < XA_TIER_CITY, NULL);

  self = g_object_new (XA_TYPE_DECISION_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", kind == XA_DECISION_AGREED ? _("Agreed at Consultation")
                                                             : _("Escalate"),
                       NULL);
  self->kind = kind;
  self->problem_id = g_strdup (problem->id);
  self->status = problem->status;
  self->tier = kind == XA_DECISION_AGREED ? MAX (problem->tier, XA_TIER_CONSULTATION)
                                          : problem->tier + 1;
  /* The room reads it from afar: the dialog has the meeting's large type. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  gtk_window_set_default_size (GTK_WINDOW (self), 900, -1);

  body = kind == XA_DECISION_AGREED
    ? g_strdup (problem->title)
    /* Translators: in the escalation dialog; %1$s is the problem's title, %2$s a tier. */
    : g_strdup_printf (_("%1$s → %2$s"), problem->title,
                       xa_record_words_problem_tier (self->tier));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  self->note_entry = add_field (self, box, _("Decision _note"), XA_EDIT_MAX_NOTE);
  self->party_entry = add_field (self, box, _("_Responsible party"), XA_EDIT_MAX_PARTY);
  self->deadline_entry = add_field (self, box, _("Dead_line (YYYY-MM-DD)"), 10);
  self->hint_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->hint_label, 0);
  gtk_label_set_wrap (self->hint_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "dim-label");
  gtk_box_append (box, GTK_WIDGET (self->hint_label));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), GTK_WIDGET (box));

  xa_message_dialog_add_answer (ADW_MESSAGE_DIALOG (self), "decide", _("_Decide"),
                                ADW_RESPONSE_SUGGESTED);
  /* The deadline the tier has from today (Preferences), as the status dialog sets it. */
  days = xa_problem_status_dialog_tier_days (settings, self->tier);
  deadline = xa_calendar_format (xa_calendar_deadline (g_get_real_time () / G_USEC_PER_SEC,
                                                       days), "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->party_entry),
                         problem->responsible_party != NULL ? problem->responsible_party : "");
  gtk_editable_set_text (GTK_EDITABLE (self->deadline_entry), deadline != NULL ? deadline : "");
  changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
  return self;
}

XaDecisionKind
xa_decision_dialog_get_kind (XaDecisionDialog *self)
{
  g_return_val_if_fail (XA_IS_DECISION_DIALOG (self), XA_DECISION_AGREED);

  return self->kind;
}

const char *
xa_decision_dialog_get_problem_id (XaDecisionDialog *self)
{
  g_return_val_if_fail (XA_IS_DECISION_DIALOG (self), NULL);

  return self->problem_id;
}

void
_xa_decision_dialog_fill (XaDecisionDialog *self,
                          const char       *note,
                          const char       *party,
                          const char       *deadline)
{
  g_return_if_fail (XA_IS_DECISION_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note);
  gtk_editable_set_text (GTK_EDITABLE (self->party_entry), party);
  if (deadline != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->deadline_entry), deadline);
}

static void
xa_decision_dialog_finalize (GObject *object)
{
  XaDecisionDialog *self = XA_DECISION_DIALOG (object);

  g_free (self->problem_id);

  G_OBJECT_CLASS (xa_decision_dialog_parent_class)->finalize (object);
}

static void
xa_decision_dialog_class_init (XaDecisionDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xa_decision_dialog_finalize;
}

static void
xa_decision_dialog_init (XaDecisionDialog *self)
{
}
