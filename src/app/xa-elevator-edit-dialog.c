/* xa-elevator-edit-dialog.c — see xa-elevator-edit-dialog.h. The rows are made in code, as
 * in the problem status dialog; the values start as the refused edit set them, so the user
 * changes only what the server objected to. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-elevator-edit-dialog.h"
#include "xa-problem-status-dialog.h"
#include "xa-record-words.h"
#include "xa-store-conflicts.h"

struct _XaElevatorEditDialog
{
  AdwMessageDialog  parent_instance;

  gint64            local_id;
  /* The row's values before the refused edit, and which members that edit set. */
  XaRenewalStatus   row_status;
  int               row_year;
  XaFundingSource   row_funding;
  gboolean          edited_status;
  gboolean          edited_year;
  gboolean          edited_funding;

  AdwComboRow      *status_row;
  GtkSpinButton    *year_spin;
  AdwComboRow      *funding_row;
  AdwEntryRow      *note_row;
  char             *note;          /* the note's text as get_edit() last returned it */
};

G_DEFINE_FINAL_TYPE (XaElevatorEditDialog, xa_elevator_edit_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The funding row's entries: "None", then each source in its enumeration's order. */
static XaFundingSource
chosen_funding (XaElevatorEditDialog *self)
{
  return (XaFundingSource) ((int) adw_combo_row_get_selected (self->funding_row) - 1);
}

void
xa_elevator_edit_dialog_get_edit (XaElevatorEditDialog *self,
                                  XaElevatorEdit       *edit)
{
  XaRenewalStatus status;
  int year;
  XaFundingSource funding;

  g_return_if_fail (XA_IS_ELEVATOR_EDIT_DIALOG (self));
  g_return_if_fail (edit != NULL);

  status = adw_combo_row_get_selected (self->status_row);
  year = gtk_spin_button_get_value_as_int (self->year_spin);
  funding = chosen_funding (self);
  g_free (self->note);
  self->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  *edit = (XaElevatorEdit) { 0 };
  edit->set_renewal_status = self->edited_status || status != self->row_status;
  edit->renewal_status = status;
  edit->set_planned_year = self->edited_year || year != self->row_year;
  edit->planned_year = year;
  edit->set_funding_source = self->edited_funding || funding != self->row_funding;
  edit->funding_source = funding;
  edit->note = *self->note != '\0' ? self->note : NULL;
}

gint64
xa_elevator_edit_dialog_get_local_id (XaElevatorEditDialog *self)
{
  g_return_val_if_fail (XA_IS_ELEVATOR_EDIT_DIALOG (self), 0);

  return self->local_id;
}

GtkSpinButton *
_xa_elevator_edit_dialog_get_year (XaElevatorEditDialog *self)
{
  g_return_val_if_fail (XA_IS_ELEVATOR_EDIT_DIALOG (self), NULL);

  return self->year_spin;
}

/* "Save Correction" only for an edit the server would take. */
static void
update_response (XaElevatorEditDialog *self)
{
  XaElevatorEdit edit;

  xa_elevator_edit_dialog_get_edit (self, &edit);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save",
                                           xa_elevator_edit_check (&edit, NULL));
}

static void
xa_elevator_edit_dialog_finalize (GObject *object)
{
  XaElevatorEditDialog *self = XA_ELEVATOR_EDIT_DIALOG (object);

  g_free (self->note);

  G_OBJECT_CLASS (xa_elevator_edit_dialog_parent_class)->finalize (object);
}

static void
xa_elevator_edit_dialog_class_init (XaElevatorEditDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xa_elevator_edit_dialog_finalize;
}

static void
xa_elevator_edit_dialog_init (XaElevatorEditDialog *self)
{
}

/* The refused edit's values over the row's: @status, @year and @funding start as the row
 * has them and take each member the edit set. */
static void
take_edited_values (XaElevatorEditDialog *self,
                    const XaOutboxEntry  *entry,
                    XaRenewalStatus      *status,
                    int                  *year,
                    XaFundingSource      *funding,
                    const char          **note,
                    JsonNode            **root)
{
  g_autoptr(GPtrArray) fields = xa_outbox_entry_get_fields (entry);

  for (guint i = 0; i < fields->len; i++)
    {
      XaEditField *field = fields->pdata[i];

      if (g_str_equal (field->name, "renewal_status"))
        {
          int value = xa_enum_from_string (xa_renewal_status_names, field->mine);

          self->edited_status = TRUE;
          if (value >= 0)
            *status = value;
        }
      else if (g_str_equal (field->name, "planned_year"))
        {
          self->edited_year = TRUE;
          *year = field->mine != NULL ? (int) g_ascii_strtoll (field->mine, NULL, 10) : 0;
        }
      else if (g_str_equal (field->name, "funding_source"))
        {
          self->edited_funding = TRUE;
          *funding = field->mine != NULL
                     ? (XaFundingSource) xa_enum_from_string (xa_funding_source_names,
                                                              field->mine)
                     : XA_FUNDING_NONE;
        }
    }
  *root = json_from_string (entry->fields, NULL);
  if (*root != NULL && JSON_NODE_HOLDS_OBJECT (*root) &&
      json_object_has_member (json_node_get_object (*root), "note"))
    *note = json_object_get_string_member (json_node_get_object (*root), "note");
}

XaElevatorEditDialog *
xa_elevator_edit_dialog_new_correction (GtkWindow           *parent,
                                        XaStore             *store,
                                        const XaOutboxEntry *entry)
{
  XaElevatorEditDialog *self;
  g_autoptr(XaElevator) elevator = NULL;
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *label = NULL;
  g_autofree char *body = NULL;
  XaRenewalStatus status;
  XaFundingSource funding;
  const char *note = NULL;
  AdwPreferencesGroup *group;
  AdwActionRow *year_row;
  GtkWidget *box;
  int year;

  g_return_val_if_fail (XA_IS_STORE (store), NULL);
  g_return_val_if_fail (entry != NULL && entry->type == XA_RECORD_ELEVATOR, NULL);

  elevator = xa_store_get_elevator (store, entry->record_id);
  if (elevator == NULL)
    return NULL;
  label = xa_store_edit_record_label (store, XA_RECORD_ELEVATOR, entry->record_id);

  self = g_object_new (XA_TYPE_ELEVATOR_EDIT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Correct the Edit"),
                       NULL);
  self->local_id = entry->local_id;
  /* The row shows the members the refused edit set; the others are the row's own, and
   * only a change of those joins the corrected edit. */
  self->row_status = status = elevator->renewal_status;
  self->row_year = year = elevator->planned_year;
  self->row_funding = funding = elevator->funding_source;
  take_edited_values (self, entry, &status, &year, &funding, &note, &root);

  /* Translators: the elevator correction dialog's text; %s names the lift (its
   * registration code and compound). */
  body = g_strdup_printf (_("Correct your edit of the elevator %s and save it: it is sent "
                            "again at the next sync."), label != NULL ? label : entry->record_id);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), xa_problem_status_dialog_refusal_new (entry->message != NULL
                                                                        ? entry->message : ""));
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  for (XaRenewalStatus s = XA_RENEWAL_NONE; s <= XA_RENEWAL_DONE; s++)
    gtk_string_list_append (statuses, xa_record_words_renewal (s));
  self->status_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Renewal Status"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (self->status_row, status);
  adw_preferences_group_add (group, GTK_WIDGET (self->status_row));

  /* Wider than the server's range, so a refused year shows as it was, not clamped. */
  self->year_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 9999, 1));
  gtk_spin_button_set_numeric (self->year_spin, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->year_spin), GTK_ALIGN_CENTER);
  gtk_spin_button_set_value (self->year_spin, year);
  year_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (year_row), _("Planned Year"));
  /* Translators: under "Planned Year"; the numbers are the years the server accepts. */
  adw_action_row_set_subtitle (year_row, _("2000 to 2100; 0 for none"));
  adw_action_row_add_suffix (year_row, GTK_WIDGET (self->year_spin));
  adw_action_row_set_activatable_widget (year_row, GTK_WIDGET (self->year_spin));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->year_spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, year_row, NULL, -1);
  adw_preferences_group_add (group, GTK_WIDGET (year_row));

  gtk_string_list_append (sources, _("None"));
  for (XaFundingSource s = XA_FUNDING_SPECIAL_BONDS; s <= XA_FUNDING_OTHER; s++)
    gtk_string_list_append (sources, xa_record_words_funding (s));
  self->funding_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->funding_row), _("Funding"));
  adw_combo_row_set_model (self->funding_row, G_LIST_MODEL (sources));
  adw_combo_row_set_selected (self->funding_row, (guint) (funding + 1));
  adw_preferences_group_add (group, GTK_WIDGET (self->funding_row));

  self->note_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row), _("Note"));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), note != NULL ? note : "");
  adw_preferences_group_add (group, GTK_WIDGET (self->note_row));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save Correction"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  g_signal_connect_swapped (self->status_row, "notify::selected",
                            G_CALLBACK (update_response), self);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (update_response),
                            self);
  g_signal_connect_swapped (self->funding_row, "notify::selected",
                            G_CALLBACK (update_response), self);
  g_signal_connect_swapped (self->note_row, "changed", G_CALLBACK (update_response), self);
  update_response (self);
  return self;
}
