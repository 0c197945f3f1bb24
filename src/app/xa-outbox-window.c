/* xa-outbox-window.c — see xa-outbox-window.h. The list is read from the store each time it
 * changes (a resolution, a discard), so it never shows an entry the store no longer has. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-accessible.h"
#include "xa-edit-conflict-dialog.h"
#include "xa-message-dialogs.h"
#include "xa-problem-status-dialog.h"
#include "xa-renewal-dialog.h"
#include "xa-outbox-window-private.h"
#include "xa-store-conflicts.h"

typedef struct
{
  XaOutboxEntry *entry;
  AdwActionRow  *row;
  char          *title;
  char          *subtitle;
  GtkButton     *resolve;
  GtkButton     *correct;
  GtkButton     *discard;
} Item;

struct _XaOutboxWindow
{
  AdwWindow   parent_instance;

  GtkLabel   *empty_label;
  GtkListBox *list;

  XaStore    *store;
  GPtrArray  *items;    /* Item* */
  GtkWindow  *dialog;   /* weak */
};

G_DEFINE_FINAL_TYPE (XaOutboxWindow, xa_outbox_window, ADW_TYPE_WINDOW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
item_free (gpointer data)
{
  Item *item = data;

  xa_outbox_entry_free (item->entry);
  g_free (item->title);
  g_free (item->subtitle);
  g_free (item);
}

static char *
state_words (const XaOutboxEntry *entry)
{
  switch (entry->state)
    {
    case XA_OUTBOX_CONFLICT:
      return g_strdup (_("Conflicts with a change on the server"));
    case XA_OUTBOX_REJECTED:
      /* Translators: %s is the server's reason, as it wrote it. */
      return g_strdup_printf (_("Refused by the server: %s"),
                              entry->message != NULL ? entry->message : "");
    case XA_OUTBOX_PENDING:
    default:
      return g_strdup (_("Waiting to be sent with the next sync"));
    }
}

static void
set_dialog (XaOutboxWindow *self,
            GtkWindow      *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static Item *
item_of (XaOutboxWindow *self,
         GtkWidget      *button)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (GTK_WIDGET (item->resolve) == button || GTK_WIDGET (item->correct) == button
          || GTK_WIDGET (item->discard) == button)
        return item;
    }
  return NULL;
}

static void
changed (XaOutboxWindow *self)
{
  xa_outbox_window_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
resolve_clicked_cb (GtkButton      *button,
                    XaOutboxWindow *self)
{
  Item *item = item_of (self, GTK_WIDGET (button));
  GtkWidget *dialog;

  if (item == NULL)
    return;
  dialog = xa_edit_conflict_dialog_new (GTK_WINDOW (self), self->store, item->entry,
                                        item->title);
  g_signal_connect_swapped (dialog, "resolved", G_CALLBACK (changed), self);
  set_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The list stays as it was; say why in its place. */
static void
show_failure (XaOutboxWindow *self,
              const GError   *error)
{
  gtk_label_set_label (self->empty_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), TRUE);
}

/* A refused edit corrected: the correction takes the entry's place (one transaction) and
 * waits for the next sync. */
static void
correct_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     XaOutboxWindow   *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (XA_IS_PROBLEM_STATUS_DIALOG (dialog) && g_str_equal (response, "change"))
    {
      XaProblemStatusDialog *status = XA_PROBLEM_STATUS_DIALOG (dialog);
      XaProblemEdit edit;

      xa_problem_status_dialog_get_edit (status, &edit);
      ok = xa_store_correct_edit (self->store, xa_problem_status_dialog_get_local_id (status),
                                  &edit, NULL, &error);
    }
  else if (XA_IS_RENEWAL_DIALOG (dialog) && g_str_equal (response, "save"))
    {
      XaRenewalDialog *elevator = XA_RENEWAL_DIALOG (dialog);
      XaElevatorEdit edit;

      ok = xa_renewal_dialog_get_edit (elevator, &edit, &error)
           && xa_store_correct_edit (self->store, xa_renewal_dialog_get_local_id (elevator),
                                     NULL, &edit, &error);
    }
  else
    return;
  if (!ok)
    {
      show_failure (self, error);
      return;
    }
  changed (self);
}

static void
correct_clicked_cb (GtkButton      *button,
                    XaOutboxWindow *self)
{
  Item *item = item_of (self, GTK_WIDGET (button));
  GtkWidget *dialog;

  if (item == NULL)
    return;
  if (item->entry->type == XA_RECORD_PROBLEM)
    dialog = (GtkWidget *) xa_problem_status_dialog_new_correction (GTK_WINDOW (self),
                                                                    self->store, item->entry);
  else
    dialog = (GtkWidget *) xa_renewal_dialog_new_correction (GTK_WINDOW (self), self->store,
                                                             item->entry);
  if (dialog == NULL)
    return;
  g_signal_connect (dialog, "response", G_CALLBACK (correct_response_cb), self);
  set_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     XaOutboxWindow   *self)
{
  gint64 local_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "local-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "discard"))
    return;
  if (!xa_store_discard_edit (self->store, local_id, &error))
    {
      show_failure (self, error);
      return;
    }
  changed (self);
}

static void
discard_clicked_cb (GtkButton      *button,
                    XaOutboxWindow *self)
{
  Item *item = item_of (self, GTK_WIDGET (button));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (item == NULL)
    return;
  /* Translators: %s names the record (a problem's title, a lift's code and compound). */
  body = g_strdup_printf (_("Your edit of “%s” will not be sent, and the record shows the "
                            "server’s values again."), item->title);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard This Edit?"), body);
  xa_message_dialog_add_answer (ADW_MESSAGE_DIALOG (dialog), "discard", _("_Discard"),
                                ADW_RESPONSE_DESTRUCTIVE);
  /* An id rather than the entry: a reload may free the entry while the question is open. */
  g_object_set_data (G_OBJECT (dialog), "local-id", GSIZE_TO_POINTER (item->entry->local_id));
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response_cb), self);
  set_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkButton *
add_button (AdwActionRow *row,
            const char   *label,
            char         *name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_free (name);
  adw_action_row_add_suffix (row, button);
  return GTK_BUTTON (button);
}

void
xa_outbox_window_reload (XaOutboxWindow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (XA_IS_OUTBOX_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->items, 0);
  entries = xa_store_list_outbox (self->store, FALSE, &error);
  if (entries == NULL)
    {
      gtk_label_set_label (self->empty_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->empty_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      Item *item = g_new0 (Item, 1);
      g_autofree char *escaped_title = NULL;
      g_autofree char *escaped_subtitle = NULL;

      item->entry = g_steal_pointer (&g_ptr_array_index (entries, i));
      item->title = xa_store_edit_record_label (self->store, item->entry->type,
                                                item->entry->record_id);
      if (item->title == NULL)
        item->title = g_strdup (item->entry->record_id);
      item->subtitle = state_words (item->entry);
      item->row = ADW_ACTION_ROW (adw_action_row_new ());
      escaped_title = g_markup_escape_text (item->title, -1);
      escaped_subtitle = g_markup_escape_text (item->subtitle, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->row), escaped_title);
      adw_action_row_set_subtitle (item->row, escaped_subtitle);
      if (item->entry->state == XA_OUTBOX_CONFLICT)
        {
          /* Translators: the accessible name of a button; %s names the record. */
          item->resolve = add_button (item->row, _("_Resolve…"),
                                      g_strdup_printf (_("Resolve the edit of %s"),
                                                       item->title));
          g_signal_connect (item->resolve, "clicked", G_CALLBACK (resolve_clicked_cb), self);
          gtk_widget_add_css_class (GTK_WIDGET (item->resolve), "suggested-action");
        }
      /* A refused edit is corrected where it was made; one of a v1 outbox kept nothing to
       * start the correction from. */
      if (item->entry->state == XA_OUTBOX_REJECTED && item->entry->original != NULL)
        {
          /* Translators: the accessible name of a button; %s names the record. */
          item->correct = add_button (item->row, _("C_orrect…"),
                                      g_strdup_printf (_("Correct the edit of %s"),
                                                       item->title));
          g_signal_connect (item->correct, "clicked", G_CALLBACK (correct_clicked_cb), self);
          gtk_widget_add_css_class (GTK_WIDGET (item->correct), "suggested-action");
        }
      /* Translators: the accessible name of a button; %s names the record. */
      item->discard = add_button (item->row, _("_Discard"),
                                  g_strdup_printf (_("Discard the edit of %s"), item->title));
      g_signal_connect (item->discard, "clicked", G_CALLBACK (discard_clicked_cb), self);
      gtk_list_box_append (self->list, GTK_WIDGET (item->row));
      g_ptr_array_add (self->items, item);
    }
  g_ptr_array_set_free_func (entries, NULL);
  gtk_label_set_label (self->empty_label, _("Every edit has been sent to the server."));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->items->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->items->len > 0);
}

GtkWidget *
xa_outbox_window_new (GtkWindow *parent,
                      XaStore   *store)
{
  XaOutboxWindow *self;

  g_return_val_if_fail (XA_IS_STORE (store), NULL);

  self = g_object_new (XA_TYPE_OUTBOX_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  xa_outbox_window_reload (self);
  return GTK_WIDGET (self);
}

void
xa_outbox_window_fill_menu (GMenu   *section,
                            XaStore *store)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (G_IS_MENU (section));
  g_return_if_fail (XA_IS_STORE (store));

  entries = xa_store_list_outbox (store, FALSE, NULL);
  if (entries != NULL && entries->len > 0)
    /* Translators: a menu item; %u is how many edits wait to be sent. */
    label = g_strdup_printf (ngettext ("_Unsent Edits (%u)…", "_Unsent Edits (%u)…",
                                       entries->len), entries->len);
  else
    label = g_strdup (_("_Unsent Edits…"));
  g_menu_remove_all (section);
  g_menu_append (section, label, "win.unsent-edits");
}

guint
_xa_outbox_window_get_n_rows (XaOutboxWindow *self)
{
  g_return_val_if_fail (XA_IS_OUTBOX_WINDOW (self), 0);

  return self->items->len;
}

static Item *
nth_item (XaOutboxWindow *self,
          guint           row)
{
  g_return_val_if_fail (XA_IS_OUTBOX_WINDOW (self), NULL);
  g_return_val_if_fail (row < self->items->len, NULL);

  return g_ptr_array_index (self->items, row);
}

const char *
_xa_outbox_window_get_row_title (XaOutboxWindow *self,
                                 guint           row)
{
  Item *item = nth_item (self, row);

  return item != NULL ? item->title : NULL;
}

const char *
_xa_outbox_window_get_row_subtitle (XaOutboxWindow *self,
                                    guint           row)
{
  Item *item = nth_item (self, row);

  return item != NULL ? item->subtitle : NULL;
}

GtkButton *
_xa_outbox_window_get_row_button (XaOutboxWindow *self,
                                  guint           row,
                                  const char     *name)
{
  Item *item = nth_item (self, row);

  if (item == NULL)
    return NULL;
  if (g_str_equal (name, "resolve"))
    return item->resolve;
  if (g_str_equal (name, "correct"))
    return item->correct;
  return item->discard;
}

GtkWindow *
_xa_outbox_window_get_dialog (XaOutboxWindow *self)
{
  g_return_val_if_fail (XA_IS_OUTBOX_WINDOW (self), NULL);

  return self->dialog;
}

static void
xa_outbox_window_dispose (GObject *object)
{
  XaOutboxWindow *self = XA_OUTBOX_WINDOW (object);

  set_dialog (self, NULL);
  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (xa_outbox_window_parent_class)->dispose (object);
}

static void
xa_outbox_window_class_init (XaOutboxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xa_outbox_window_dispose;

  /* Emitted after an edit was resolved or discarded: the records shown may differ. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/xiaoquatlas/XiaoquAtlas/xa-outbox-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XaOutboxWindow, empty_label);
  gtk_widget_class_bind_template_child (widget_class, XaOutboxWindow, list);
}

static void
xa_outbox_window_init (XaOutboxWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_ptr_array_new_with_free_func (item_free);
}
