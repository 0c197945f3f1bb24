/* xa-agenda-page.c — see xa-agenda-page.h. The page keeps the current agenda as one
 * XaAgenda object that the editor shows and xa_agenda_page_add() appends to, so a compound
 * added from the map appears in the editor at once. The setting "current-agenda" follows
 * the agenda opened, and the page follows the setting when something else (presentation
 * mode) changes it. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-accessible.h"
#include "xa-agenda-page.h"
#include "xa-calendar.h"
#include "xa-format.h"
#include "xa-message-dialogs.h"
#include "xa-store-agendas.h"

struct _XaAgendaPage
{
  AdwBin          parent_instance;

  AdwLeaflet     *leaflet;
  GtkStack       *list_stack;
  GtkListBox     *agendas_list;
  XaAgendaEditor *editor;

  GSettings      *settings;
  XaStore        *store;
  XaAgenda       *current;
};

G_DEFINE_FINAL_TYPE (XaAgendaPage, xa_agenda_page, ADW_TYPE_BIN)

static void
error_toast (XaAgendaPage *self,
             const char   *what,
             const GError *error)
{
  /* Translators: the first %s says what failed, the second is the store's message. */
  g_autofree char *text = g_strdup_printf (_("%s (%s)."), what, error->message);

  xa_agenda_editor_add_toast (self->editor, adw_toast_new (text));
}

static char *
format_changed (gint64 updated_at)
{
  return xa_format_date_time (updated_at);
}

static GtkWidget *
row_button (const char *icon_name,
            const char *label,
            const char *action_name,
            gint64      id)
{
  GtkWidget *button = xa_accessible_icon_button (icon_name, label);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  return button;
}

static GtkWidget *
summary_row (XaAgendaSummary *summary)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;
  g_autofree char *changed = format_changed (summary->updated_at);
  g_autofree char *detail = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *rename = NULL;
  g_autofree char *delete = NULL;

  /* Translators: under an agenda's name: how many compounds, and when it was last changed. */
  detail = g_strdup_printf (ngettext ("%u compound · changed %s", "%u compounds · changed %s",
                                      summary->n_items), summary->n_items, changed);
  label = gtk_label_new (summary->name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (labels), label);
  label = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (labels), label);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  /* Translators: accessible names of an agenda's buttons; %s is the agenda's name. */
  rename = g_strdup_printf (_("Rename “%s”…"), summary->name);
  delete = g_strdup_printf (_("Delete “%s”"), summary->name);
  gtk_box_append (GTK_BOX (box), row_button ("document-edit-symbolic", rename, "agendas.rename",
                                             summary->id));
  gtk_box_append (GTK_BOX (box), row_button ("user-trash-symbolic", delete, "agendas.delete",
                                             summary->id));
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  accessible = g_strdup_printf ("%s, %s", summary->name, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data_full (G_OBJECT (row), "agenda-id", g_memdup2 (&summary->id, sizeof (gint64)),
                          g_free);
  g_object_set_data_full (G_OBJECT (row), "agenda-name", g_strdup (summary->name), g_free);
  return row;
}

static gint64
row_id (GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "agenda-id");

  return id != NULL ? *id : 0;
}

/* Reads the saved agendas again and selects the current one. */
static void
refresh_list (XaAgendaPage *self)
{
  g_autoptr(GPtrArray) agendas = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agendas_list))) != NULL)
    gtk_list_box_remove (self->agendas_list, child);
  if (self->store != NULL)
    {
      agendas = xa_store_list_agendas (self->store, &error);
      if (agendas == NULL)
        error_toast (self, _("Could not read the agendas"), error);
    }
  for (guint i = 0; agendas != NULL && i < agendas->len; i++)
    {
      XaAgendaSummary *summary = g_ptr_array_index (agendas, i);
      GtkWidget *row = summary_row (summary);

      gtk_list_box_append (self->agendas_list, row);
      if (self->current != NULL && summary->id == xa_agenda_get_id (self->current))
        gtk_list_box_select_row (self->agendas_list, GTK_LIST_BOX_ROW (row));
    }
  gtk_stack_set_visible_child_name (self->list_stack,
                                    agendas != NULL && agendas->len > 0 ? "list" : "empty");
}

/* Makes @agenda_or_NULL the current agenda: the editor shows it, the setting names it. */
static void
set_current (XaAgendaPage *self,
             XaAgenda     *agenda_or_NULL)
{
  gint64 id = agenda_or_NULL != NULL ? xa_agenda_get_id (agenda_or_NULL) : 0;

  g_set_object (&self->current, agenda_or_NULL);
  xa_agenda_editor_set_agenda (self->editor, self->store, self->current);
  if (g_settings_get_int64 (self->settings, "current-agenda") != id)
    g_settings_set_int64 (self->settings, "current-agenda", id);
  refresh_list (self);
}

gboolean
xa_agenda_page_open (XaAgendaPage  *self,
                     gint64         id,
                     GError       **error)
{
  g_autoptr(XaAgenda) agenda = NULL;

  g_return_val_if_fail (XA_IS_AGENDA_PAGE (self), FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
                           "There is no records store open");
      return FALSE;
    }
  if (self->current != NULL && xa_agenda_get_id (self->current) == id)
    return TRUE;
  /* What was typed in the agenda shown so far is kept first. */
  xa_agenda_editor_save (self->editor);
  agenda = xa_store_load_agenda (self->store, id, error);
  if (agenda == NULL)
    return FALSE;
  set_current (self, agenda);
  return TRUE;
}

/* Whether @id is a saved agenda of the list (not a deleted one). */
static gboolean
is_listed (XaAgendaPage *self,
           gint64        id)
{
  g_autoptr(GPtrArray) agendas = xa_store_list_agendas (self->store, NULL);

  for (guint i = 0; agendas != NULL && i < agendas->len; i++)
    if (((XaAgendaSummary *) g_ptr_array_index (agendas, i))->id == id)
      return TRUE;
  return FALSE;
}

/* The setting changed (presentation mode opened another agenda): the page follows. */
static void
current_setting_changed_cb (XaAgendaPage *self)
{
  gint64 id = g_settings_get_int64 (self->settings, "current-agenda");
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || (self->current != NULL && xa_agenda_get_id (self->current) == id))
    return;
  if (id == 0 || !is_listed (self, id))
    {
      xa_agenda_editor_save (self->editor);
      set_current (self, NULL);
      return;
    }
  if (!xa_agenda_page_open (self, id, &error))
    error_toast (self, _("Could not open the agenda"), error);
}

void
xa_agenda_page_set_store (XaAgendaPage *self,
                          XaStore      *store_or_NULL)
{
  gint64 id;
  g_autoptr(XaAgenda) agenda = NULL;

  g_return_if_fail (XA_IS_AGENDA_PAGE (self));
  g_return_if_fail (store_or_NULL == NULL || XA_IS_STORE (store_or_NULL));

  xa_agenda_editor_save (self->editor);
  if (store_or_NULL == NULL)
    {
      xa_agenda_editor_set_agenda (self->editor, NULL, NULL);
      g_clear_object (&self->current);
      g_clear_object (&self->store);
      refresh_list (self);
      return;
    }
  g_set_object (&self->store, store_or_NULL);
  /* The same agenda after a sync keeps its object (and what the editor shows); its names
   * are read again. */
  id = g_settings_get_int64 (self->settings, "current-agenda");
  if (self->current != NULL && xa_agenda_get_id (self->current) == id)
    agenda = g_object_ref (self->current);
  else if (id != 0 && is_listed (self, id))
    agenda = xa_store_load_agenda (self->store, id, NULL);
  g_set_object (&self->current, agenda);
  xa_agenda_editor_set_agenda (self->editor, self->store, self->current);
  refresh_list (self);
}

static char *
default_name (void)
{
  g_autofree char *date = xa_calendar_format_date (g_get_real_time () / G_USEC_PER_SEC);

  /* Translators: the name of an agenda made by "Add to Agenda"; %s is today's date. */
  return g_strdup_printf (_("Meeting %s"), date);
}

/* A new agenda named @name, saved and made current. */
static gboolean
create_agenda (XaAgendaPage *self,
               const char   *name)
{
  g_autoptr(XaAgenda) agenda = xa_agenda_new (name);
  g_autoptr(GError) error = NULL;

  if (!xa_store_save_agenda (self->store, agenda, &error))
    {
      error_toast (self, _("Could not save the new agenda"), error);
      return FALSE;
    }
  xa_agenda_editor_save (self->editor);
  set_current (self, agenda);
  return TRUE;
}

gboolean
xa_agenda_page_add (XaAgendaPage       *self,
                    const char * const *compound_ids,
                    guint              *out_added,
                    guint              *out_already)
{
  g_autofree char *text = NULL;
  g_autofree char *added_text = NULL;
  guint added = 0;
  guint already = 0;
  AdwToast *toast;
  const char *name;

  g_return_val_if_fail (XA_IS_AGENDA_PAGE (self), FALSE);
  g_return_val_if_fail (compound_ids != NULL, FALSE);

  if (self->store == NULL)
    return FALSE;
  if (self->current == NULL)
    {
      g_autofree char *new_name = default_name ();

      if (!create_agenda (self, new_name))
        return FALSE;
    }
  for (guint i = 0; compound_ids[i] != NULL; i++)
    {
      if (xa_agenda_append (self->current, compound_ids[i], NULL))
        added++;
      else
        already++;
    }
  if (added > 0 && !xa_agenda_editor_save (self->editor))
    return FALSE;

  name = xa_agenda_get_name (self->current);
  if (added == 0 && already == 1)
    /* Translators: a toast; %s is the agenda's name. */
    text = g_strdup_printf (_("The compound is on “%s” already"), name);
  else if (added == 0)
    /* Translators: a toast; %u is how many compounds (two or more), %s the agenda's name. */
    text = g_strdup_printf (_("All %u compounds are on “%s” already"), already, name);
  else
    {
      /* Translators: a toast; %u is how many compounds were added, %s the agenda's name. */
      added_text = g_strdup_printf (ngettext ("%u compound added to “%s”",
                                              "%u compounds added to “%s”", added),
                                    added, name);
      if (already > 0)
        /* Translators: follows "N compounds added to …" in a toast. */
        text = g_strdup_printf (ngettext ("%s; %u was on it already",
                                          "%s; %u were on it already", already),
                                added_text, already);
      else
        text = g_steal_pointer (&added_text);
    }
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.show-agendas");
  xa_agenda_editor_add_toast (self->editor, toast);
  if (out_added != NULL)
    *out_added = added;
  if (out_already != NULL)
    *out_already = already;
  return TRUE;
}

/* The name dialog of New and Rename: Enter answers when the name is not only blanks. */
static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  const char *response = g_object_get_data (G_OBJECT (dialog), "answer");

  adw_message_dialog_set_response_enabled (dialog, response, name[0] != '\0');
}

static AdwMessageDialog *
name_dialog (XaAgendaPage *self,
             const char   *heading,
             const char   *answer_label,
             const char   *answer,
             const char   *name)
{
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, NULL);
  xa_message_dialog_add_answer (ADW_MESSAGE_DIALOG (dialog), answer, answer_label,
                                ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "answer", g_strdup (answer), g_free);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the agenda"), -1);
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  return ADW_MESSAGE_DIALOG (dialog);
}

static char *
dialog_name (AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static void
new_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 XaAgendaPage     *self)
{
  g_autofree char *name = dialog_name (dialog);

  if (g_strcmp0 (response, "create") != 0 || name[0] == '\0' || self->store == NULL)
    return;
  if (create_agenda (self, name))
    adw_leaflet_set_visible_child_name (self->leaflet, "editor");
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  XaAgendaPage *self = XA_AGENDA_PAGE (widget);
  g_autofree char *name = default_name ();
  AdwMessageDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = name_dialog (self, _("New Agenda"), _("C_reate"), "create", name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    XaAgendaPage     *self)
{
  g_autofree char *name = dialog_name (dialog);
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "agenda-id");
  g_autoptr(XaAgenda) agenda = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || name[0] == '\0' || self->store == NULL)
    return;
  /* The current agenda is renamed in place, with whatever is pending of it. */
  if (self->current != NULL && xa_agenda_get_id (self->current) == id)
    {
      xa_agenda_set_name (self->current, name);
      xa_agenda_editor_save (self->editor);
      refresh_list (self);
      return;
    }
  agenda = xa_store_load_agenda (self->store, id, &error);
  if (agenda != NULL)
    xa_agenda_set_name (agenda, name);
  if (agenda == NULL || !xa_store_save_agenda (self->store, agenda, &error))
    error_toast (self, _("Could not rename the agenda"), error);
  refresh_list (self);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XaAgendaPage *self = XA_AGENDA_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(XaAgenda) agenda = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (self->store == NULL)
    return;
  agenda = xa_store_load_agenda (self->store, id, &error);
  if (agenda == NULL)
    {
      error_toast (self, _("Could not rename the agenda"), error);
      return;
    }
  dialog = name_dialog (self, _("Rename Agenda"), _("_Rename"), "rename",
                        self->current != NULL && xa_agenda_get_id (self->current) == id
                        ? xa_agenda_get_name (self->current) : xa_agenda_get_name (agenda));
  g_object_set_data_full (G_OBJECT (dialog), "agenda-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* F2: renames the agenda open. */
static gboolean
rename_current_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  XaAgendaPage *self = XA_AGENDA_PAGE (widget);

  if (self->current == NULL)
    return FALSE;
  gtk_widget_activate_action (widget, "agendas.rename", "x", xa_agenda_get_id (self->current));
  return TRUE;
}

typedef struct
{
  XaAgendaPage *self;  /* weak */
  gint64        id;
  gboolean      was_current;
} DeletedAgenda;

static void
deleted_agenda_free (gpointer data)
{
  DeletedAgenda *deleted = data;

  g_clear_weak_pointer (&deleted->self);
  g_free (deleted);
}

static void
undo_delete_cb (AdwToast      *toast,
                DeletedAgenda *deleted)
{
  XaAgendaPage *self = deleted->self;
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->store == NULL)
    return;
  if (!xa_store_restore_agenda (self->store, deleted->id, &error))
    {
      error_toast (self, _("Could not restore the agenda"), error);
      return;
    }
  if (deleted->was_current && self->current == NULL)
    {
      if (!xa_agenda_page_open (self, deleted->id, &error))
        error_toast (self, _("Could not open the agenda"), error);
      return;
    }
  refresh_list (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XaAgendaPage *self = XA_AGENDA_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(XaAgenda) agenda = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  DeletedAgenda *deleted;

  if (self->store == NULL)
    return;
  /* Saved first: the undo brings back everything typed until now. */
  xa_agenda_editor_save (self->editor);
  agenda = xa_store_load_agenda (self->store, id, &error);
  if (agenda == NULL || !xa_store_delete_agenda (self->store, id, &error))
    {
      error_toast (self, _("Could not delete the agenda"), error);
      return;
    }
  deleted = g_new0 (DeletedAgenda, 1);
  g_set_weak_pointer (&deleted->self, self);
  deleted->id = id;
  deleted->was_current = self->current != NULL && xa_agenda_get_id (self->current) == id;
  if (deleted->was_current)
    set_current (self, NULL);
  else
    refresh_list (self);

  /* Translators: a toast; %s is the agenda's name. */
  text = g_strdup_printf (_("Agenda “%s” deleted"), xa_agenda_get_name (agenda));
  xa_agenda_editor_add_undo_toast (self->editor, text, G_CALLBACK (undo_delete_cb), deleted,
                                   deleted_agenda_free);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  XaAgendaPage *self = XA_AGENDA_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!xa_agenda_page_open (self, g_variant_get_int64 (parameter), &error))
    {
      error_toast (self, _("Could not open the agenda"), error);
      return;
    }
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_set_visible_child_name (XA_AGENDA_PAGE (widget)->leaflet, "list");
}

static void
row_activated_cb (XaAgendaPage  *self,
                  GtkListBoxRow *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "agendas.open", "x", row_id (row));
}

/* Delete on an agenda of the list deletes it (with the toast's undo). */
static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     XaAgendaPage          *self)
{
  GtkWidget *focus;
  GtkWidget *row;

  if ((keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete)
      || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  if (row == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "agendas.delete", "x",
                              row_id (GTK_LIST_BOX_ROW (row)));
  return TRUE;
}

static void
folded_cb (XaAgendaPage *self)
{
  xa_agenda_editor_set_folded (self->editor, adw_leaflet_get_folded (self->leaflet));
}

XaAgenda *
xa_agenda_page_get_current (XaAgendaPage *self)
{
  g_return_val_if_fail (XA_IS_AGENDA_PAGE (self), NULL);

  return self->current;
}

XaAgendaEditor *
xa_agenda_page_get_editor (XaAgendaPage *self)
{
  g_return_val_if_fail (XA_IS_AGENDA_PAGE (self), NULL);

  return self->editor;
}

GtkListBox *
_xa_agenda_page_get_list (XaAgendaPage *self)
{
  return self->agendas_list;
}

static void
xa_agenda_page_dispose (GObject *object)
{
  XaAgendaPage *self = XA_AGENDA_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  /* The editor saves what is pending as it goes, and the list is gone by then. */
  if (self->leaflet != NULL)
    g_signal_handlers_disconnect_by_data (self->leaflet, self);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  /* The leaflet is both AdwBin's child and a template child: AdwBin lets it go first, or
   * dispose_template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XA_TYPE_AGENDA_PAGE);
  g_clear_object (&self->current);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xa_agenda_page_parent_class)->dispose (object);
}

static void
xa_agenda_page_class_init (XaAgendaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xa_agenda_page_dispose;

  g_type_ensure (XA_TYPE_AGENDA_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xiaoquatlas/XiaoquAtlas/"
                                               "xa-agenda-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XaAgendaPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaPage, agendas_list);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaPage, editor);

  gtk_widget_class_install_action (widget_class, "agendas.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "agendas.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "agendas.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "agendas.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "agendas.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "agendas.new", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F2, 0, rename_current_cb, NULL);
}

static void
xa_agenda_page_init (XaAgendaPage *self)
{
  GtkEventController *key;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::current-agenda",
                            G_CALLBACK (current_setting_changed_cb), self);
  g_signal_connect_swapped (self->agendas_list, "row-activated", G_CALLBACK (row_activated_cb),
                            self);
  g_signal_connect_swapped (self->editor, "saved", G_CALLBACK (refresh_list), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self);
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->agendas_list), key);
  folded_cb (self);
}
