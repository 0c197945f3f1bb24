/* xa-problem-status-dialog.c — see xa-problem-status-dialog.h. The widgets are few and made
 * in code; what is offered comes from xa_problem_status_may_change(), never from a list of
 * its own, so the dialog and the server cannot disagree about the flow. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-accessible.h"
#include "xa-calendar.h"
#include "xa-message-dialogs.h"
#include "xa-problem-status-dialog.h"
#include "xa-record-words.h"
#include "xa-store-conflicts.h"

struct _XaProblemStatusDialog
{
  AdwMessageDialog  parent_instance;

  char             *problem_id;
  XaProblemStatus   current_status;
  XaProblemTier     current_tier;
  XaProblemStatus   offered[XA_STATUS_CLOSED + 1];
  guint             n_offered;

  GtkDropDown      *status_dropdown;
  GtkCheckButton   *escalate_check;
  GtkEntry         *note_entry;
  GtkLabel         *deadline_label;
  char             *note;          /* the note's text as get_edit() last returned it */
  gint64            local_id;      /* the outbox entry a correction replaces, or 0 */
  /* The deadline an escalation sets: the next tier's days (Preferences) from today. */
  gint64            escalated_deadline;
};

/* The settings key of the days a problem has at @tier. */
static const char * const deadline_keys[] = {
  [XA_TIER_ON_SITE] = "deadline-days-on-site",
  [XA_TIER_CONSULTATION] = "deadline-days-consultation",
  [XA_TIER_CITY] = "deadline-days-city",
};

G_DEFINE_FINAL_TYPE (XaProblemStatusDialog, xa_problem_status_dialog, ADW_TYPE_MESSAGE_DIALOG)

static XaProblemStatus
chosen_status (XaProblemStatusDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  return selected < self->n_offered ? self->offered[selected] : self->current_status;
}

/* The flow asks for a note when a resolved problem is reopened (owners disagree). */
static gboolean
note_required (XaProblemStatusDialog *self)
{
  return self->current_status == XA_STATUS_RESOLVED
         && chosen_status (self) == XA_STATUS_IN_PROGRESS;
}

static gboolean
escalating (XaProblemStatusDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->escalate_check))
         && gtk_check_button_get_active (self->escalate_check);
}

static void
update_response (XaProblemStatusDialog *self)
{
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (note));
  gboolean required = note_required (self);
  XaProblemEdit edit;
  gboolean acceptable;

  xa_problem_status_dialog_get_edit (self, &edit);
  acceptable = self->n_offered > 0 && xa_problem_edit_check (&edit, self->current_status, NULL)
               && (!required || *stripped != '\0');
  gtk_entry_set_placeholder_text (self->note_entry,
                                  required ? _("Why it is reopened (required)")
                                           : _("Note (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_entry),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, required, -1);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "change", acceptable);
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), escalating (self));
}

const char *
xa_problem_status_dialog_get_problem_id (XaProblemStatusDialog *self)
{
  g_return_val_if_fail (XA_IS_PROBLEM_STATUS_DIALOG (self), NULL);

  return self->problem_id;
}

void
xa_problem_status_dialog_get_edit (XaProblemStatusDialog *self,
                                   XaProblemEdit         *edit)
{
  g_return_if_fail (XA_IS_PROBLEM_STATUS_DIALOG (self));
  g_return_if_fail (edit != NULL);

  g_free (self->note);
  self->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  *edit = (XaProblemEdit) { 0 };
  edit->status = chosen_status (self);
  edit->note = self->note;
  if (escalating (self))
    {
      edit->set_tier = TRUE;
      edit->tier = self->current_tier + 1;
      edit->deadline = self->escalated_deadline;
    }
}

const XaProblemStatus *
_xa_problem_status_dialog_get_offered (XaProblemStatusDialog *self,
                                       guint                 *n_statuses)
{
  g_return_val_if_fail (XA_IS_PROBLEM_STATUS_DIALOG (self), NULL);

  *n_statuses = self->n_offered;
  return self->offered;
}

GtkLabel *
_xa_problem_status_dialog_get_deadline_label (XaProblemStatusDialog *self)
{
  g_return_val_if_fail (XA_IS_PROBLEM_STATUS_DIALOG (self), NULL);

  return self->deadline_label;
}

void
_xa_problem_status_dialog_choose (XaProblemStatusDialog *self,
                                  XaProblemStatus        status,
                                  gboolean               escalate,
                                  const char            *note)
{
  g_return_if_fail (XA_IS_PROBLEM_STATUS_DIALOG (self));

  for (guint i = 0; i < self->n_offered; i++)
    if (self->offered[i] == status)
      gtk_drop_down_set_selected (self->status_dropdown, i);
  gtk_check_button_set_active (self->escalate_check, escalate);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note);
}

static void
xa_problem_status_dialog_finalize (GObject *object)
{
  XaProblemStatusDialog *self = XA_PROBLEM_STATUS_DIALOG (object);

  g_free (self->problem_id);
  g_free (self->note);

  G_OBJECT_CLASS (xa_problem_status_dialog_parent_class)->finalize (object);
}

static void
xa_problem_status_dialog_class_init (XaProblemStatusDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xa_problem_status_dialog_finalize;
}

static void
xa_problem_status_dialog_init (XaProblemStatusDialog *self)
{
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  return box;
}

/* The dialog for problem @id (@title at @compound_name), @status and @tier before the
 * change; @refusal: the server's words when it corrects a refused edit, else NULL. */
static XaProblemStatusDialog *
build (GtkWindow       *parent,
       const char      *id,
       const char      *title,
       const char      *compound_name,
       XaProblemStatus  status,
       XaProblemTier    tier,
       const char      *refusal)
{
  XaProblemStatusDialog *self;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *body = NULL;
  g_autofree char *escalate = NULL;
  GtkWidget *box;
  GtkWidget *hint;

  self = g_object_new (XA_TYPE_PROBLEM_STATUS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", refusal != NULL ? _("Correct the Edit") : _("Change Status"),
                       NULL);
  self->problem_id = g_strdup (id);
  self->current_status = status;
  self->current_tier = tier;
  /* Only the flow's transitions; keeping the status is not a change of status. */
  for (XaProblemStatus to = XA_STATUS_OPEN; to <= XA_STATUS_CLOSED; to++)
    if (to != status && xa_problem_status_may_change (status, to))
      {
        self->offered[self->n_offered++] = to;
        gtk_string_list_append (names, xa_record_words_problem_status (to));
      }

  /* Translators: the status dialog's text: %1$s the problem's title, %2$s its compound,
   * %3$s its status now, e.g. "Leaking roof at 兰山花园 is Open now." */
  body = g_strdup_printf (_("“%1$s” at %2$s is %3$s now."), title, compound_name,
                          xa_record_words_problem_status (status));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  if (refusal != NULL)
    gtk_box_append (GTK_BOX (box), xa_problem_status_dialog_refusal_new (refusal));
  self->status_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)),
                                                            NULL));
  gtk_box_append (GTK_BOX (box), labelled (_("New _status"), GTK_WIDGET (self->status_dropdown)));
  xa_accessible_name_drop_down (GTK_WIDGET (self->status_dropdown), _("New Status"));

  if (tier < XA_TIER_CITY)
    /* Translators: a check box; %s is the next tier up, e.g. "Consultation". */
    escalate = g_strdup_printf (_("_Escalate to %s"),
                                xa_record_words_problem_tier (tier + 1));
  self->escalate_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (escalate));
  gtk_widget_set_visible (GTK_WIDGET (self->escalate_check), tier < XA_TIER_CITY);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->escalate_check));

  /* Deadlines follow the tier: shown before the user confirms, as it will be sent. */
  self->deadline_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->deadline_label, 0);
  gtk_label_set_wrap (self->deadline_label, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->deadline_label), 28);
  gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "xa-escalated-deadline");
  if (tier < XA_TIER_CITY)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      int days = xa_problem_status_dialog_tier_days (settings, tier + 1);
      g_autofree char *when = NULL;
      g_autofree char *text = NULL;

      self->escalated_deadline = xa_calendar_deadline (g_get_real_time () / G_USEC_PER_SEC,
                                                       days);
      when = xa_calendar_format (self->escalated_deadline, "%Y-%m-%d %H:%M");
      /* Translators: under "Escalate to …"; %1$s is a date and time, e.g. "2026-12-22
       * 18:00", %2$d the days the new tier has (Preferences). */
      text = g_strdup_printf (ngettext ("New deadline %1$s (%2$d day)",
                                        "New deadline %1$s (%2$d days)", days), when, days);
      gtk_label_set_label (self->deadline_label, text);
    }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->deadline_label));

  self->note_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (self->note_entry, XA_EDIT_MAX_NOTE);
  gtk_entry_set_activates_default (self->note_entry, TRUE);
  gtk_box_append (GTK_BOX (box), labelled (_("_Note"), GTK_WIDGET (self->note_entry)));

  hint = gtk_label_new (_("The change is kept on this computer and sent to the records server "
                          "at the next sync."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (hint), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (box), hint);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  xa_message_dialog_add_answer (ADW_MESSAGE_DIALOG (self), "change",
                                refusal != NULL ? _("_Save Correction") : _("C_hange Status"),
                                ADW_RESPONSE_SUGGESTED);

  g_signal_connect_swapped (self->status_dropdown, "notify::selected",
                            G_CALLBACK (update_response), self);
  g_signal_connect_swapped (self->escalate_check, "toggled", G_CALLBACK (update_response), self);
  g_signal_connect_swapped (self->note_entry, "changed", G_CALLBACK (update_response), self);
  update_response (self);
  return self;
}

XaProblemStatusDialog *
xa_problem_status_dialog_new (GtkWindow    *parent,
                              XaLedgerItem *item)
{
  g_return_val_if_fail (XA_IS_LEDGER_ITEM (item), NULL);

  return build (parent, item->id, item->title, item->compound_name, item->status, item->tier,
                NULL);
}

XaProblemStatusDialog *
xa_problem_status_dialog_new_correction (GtkWindow           *parent,
                                         XaStore             *store,
                                         const XaOutboxEntry *entry)
{
  g_autoptr(XaProblem) problem = NULL;
  g_autoptr(XaCompound) compound = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(JsonNode) root = NULL;
  XaProblemStatusDialog *self;
  int status = -1, tier = -1, my_status = -1, my_tier = -1;
  const char *note = "";

  g_return_val_if_fail (XA_IS_STORE (store), NULL);
  g_return_val_if_fail (entry != NULL && entry->type == XA_RECORD_PROBLEM, NULL);

  problem = xa_store_get_problem (store, entry->record_id);
  if (problem == NULL)
    return NULL;
  compound = xa_store_get_compound (store, problem->compound);
  /* The status and tier the refused edit was made on: the row shows the edit itself. */
  fields = xa_outbox_entry_get_fields (entry);
  for (guint i = 0; i < fields->len; i++)
    {
      XaEditField *field = fields->pdata[i];

      if (g_str_equal (field->name, "status"))
        {
          status = xa_enum_from_string (xa_problem_status_names, field->original);
          my_status = xa_enum_from_string (xa_problem_status_names, field->mine);
        }
      else if (g_str_equal (field->name, "tier"))
        {
          tier = xa_enum_from_string (xa_problem_tier_names, field->original);
          my_tier = xa_enum_from_string (xa_problem_tier_names, field->mine);
        }
    }
  if (status < 0)
    return NULL;
  if (tier < 0)
    tier = problem->tier;
  root = json_from_string (entry->fields, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "note"))
    note = json_object_get_string_member (json_node_get_object (root), "note");

  self = build (parent, problem->id, problem->title,
                compound != NULL ? compound->name : problem->compound, status, tier,
                entry->message != NULL ? entry->message : "");
  self->local_id = entry->local_id;
  /* What was refused, as it was: the user corrects it rather than starting again. */
  _xa_problem_status_dialog_choose (self, my_status, my_tier > tier, note != NULL ? note : "");
  return self;
}

gint64
xa_problem_status_dialog_get_local_id (XaProblemStatusDialog *self)
{
  g_return_val_if_fail (XA_IS_PROBLEM_STATUS_DIALOG (self), 0);

  return self->local_id;
}

GtkWidget *
xa_problem_status_dialog_refusal_new (const char *message)
{
  GtkWidget *label;
  g_autofree char *text = NULL;

  /* Translators: above a dialog that corrects an edit the records server refused; %s is
   * the server's reason, as it wrote it. */
  text = g_strdup_printf (_("The records server refused this change: %s"), message);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "xa-refusal");
  return label;
}

int
xa_problem_status_dialog_tier_days (GSettings     *settings,
                                    XaProblemTier  tier)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), 0);
  g_return_val_if_fail (tier <= XA_TIER_CITY, 0);

  return g_settings_get_int (settings, deadline_keys[tier]);
}
