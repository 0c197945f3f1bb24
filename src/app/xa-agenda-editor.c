/* xa-agenda-editor.c — see xa-agenda-editor.h. The list box is bound to the agenda itself
 * (a GListModel), so whatever changes the agenda — this editor, or "Add to Agenda" on another
 * page — shows at once. Rows are made again for the items a change touches; their numbers
 * are set again after every change, since a removal renumbers rows it did not touch. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xa-accessible.h"
#include "xa-agenda-editor.h"
#include "xa-store-agendas.h"
#include "xa-store-queries.h"
#include "xa-window.h"

/* A typed topic is saved this long after the last key: a save per key would write the
 * agenda's rows while a sync may hold the file. */
#define TOPIC_SAVE_DELAY_MS 600
#define MAX_RESULTS 8

/* One compound as the search finds it. */
typedef struct
{
  char *id;
  char *name;
  char *name_folded;
  char *address_folded;
  char *place;  /* district · address, as the result row shows it */
} SearchEntry;

struct _XaAgendaEditor
{
  AdwBin          parent_instance;

  GtkStack       *stack;
  GtkButton      *back_button;
  GtkLabel       *name_label;
  GtkLabel       *count_label;
  GtkButton      *rename_button;
  GtkButton      *present_button;
  GtkSearchEntry *search_entry;
  GtkRevealer    *results_revealer;
  GtkListBox     *results_list;
  GtkStack       *items_stack;
  GtkListBox     *items_list;
  GtkEventController *key_controller;

  XaStore        *store;
  XaAgenda       *agenda;
  guint           save_id;
  /* District names by code, and the compounds for the search (read at its first use). */
  GHashTable     *district_names;
  GPtrArray      *search_index;
  AdwToast       *last_toast;  /* weak */
};

G_DEFINE_FINAL_TYPE (XaAgendaEditor, xa_agenda_editor, ADW_TYPE_BIN)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
search_entry_free (SearchEntry *entry)
{
  g_free (entry->id);
  g_free (entry->name);
  g_free (entry->name_folded);
  g_free (entry->address_folded);
  g_free (entry->place);
  g_free (entry);
}

void
xa_agenda_editor_add_toast (XaAgendaEditor *self,
                            AdwToast       *toast)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), XA_TYPE_WINDOW);

  /* The answer to what was just done shows now, in place of the one before: queued behind
   * other toasts, an Undo would come when it no longer means anything. */
  if (self->last_toast != NULL)
    adw_toast_dismiss (self->last_toast);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_set_weak_pointer (&self->last_toast, toast);
  if (window != NULL)
    xa_window_add_toast (XA_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
xa_agenda_editor_add_undo_toast (XaAgendaEditor *self,
                                 const char     *text,
                                 GCallback       undo,
                                 gpointer        data,
                                 GDestroyNotify  free_data)
{
  AdwToast *toast;

  g_return_if_fail (XA_IS_AGENDA_EDITOR (self));
  g_return_if_fail (text != NULL);

  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", undo, data,
                         (GClosureNotify) (void (*) (void)) free_data, 0);
  xa_agenda_editor_add_toast (self, toast);
}

gboolean
xa_agenda_editor_save (XaAgendaEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (XA_IS_AGENDA_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->store == NULL || self->agenda == NULL)
    return TRUE;
  if (!xa_store_save_agenda (self->store, self->agenda, &error))
    {
      /* Translators: %s is the store's technical message. */
      g_autofree char *text = g_strdup_printf (_("Could not save the agenda (%s). Your "
                                                 "changes are still shown; they are saved "
                                                 "with the next change."), error->message);

      xa_agenda_editor_add_toast (self, adw_toast_new (text));
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  XaAgendaEditor *self = user_data;

  self->save_id = 0;
  xa_agenda_editor_save (self);
  return G_SOURCE_REMOVE;
}

static const char *
district_name (XaAgendaEditor *self,
               const char     *code)
{
  const char *name;

  if (code == NULL)
    return "";
  name = g_hash_table_lookup (self->district_names, code);
  if (name == NULL)
    {
      g_autoptr(XaDistrict) district = xa_store_get_district (self->store, code, NULL);

      name = district != NULL ? district->name : code;
      g_hash_table_insert (self->district_names, g_strdup (code), g_strdup (name));
      name = g_hash_table_lookup (self->district_names, code);
    }
  return name;
}

/* The numbers before the names follow the order after any change. */
static void
renumber (XaAgendaEditor *self)
{
  guint n = self->agenda != NULL ? xa_agenda_get_n_items (self->agenda) : 0;
  g_autofree char *count = NULL;

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->items_list, (int) i);
      g_autofree char *title = NULL;

      if (row == NULL)
        continue;
      /* Translators: an agenda item's title: its number and the compound's name. */
      title = g_strdup_printf (_("%u. %s"), i + 1,
                               (const char *) g_object_get_data (G_OBJECT (row), "name"));
      gtk_label_set_label (g_object_get_data (G_OBJECT (row), "title"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "up"), i > 0);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "down"), i + 1 < n);
    }
  gtk_stack_set_visible_child_name (self->items_stack, n > 0 ? "items" : "empty");
  count = g_strdup_printf (ngettext ("%u compound", "%u compounds", n), n);
  gtk_label_set_label (self->count_label, count);
}

/* The position of the row holding @widget, or -1. */
static int
row_position (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return row != NULL ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
}

static void
topic_changed_cb (GtkEditable    *entry,
                  XaAgendaEditor *self)
{
  XaAgendaItem *item = g_object_get_data (G_OBJECT (entry), "item");

  if (g_strcmp0 (xa_agenda_item_get_topic (item), gtk_editable_get_text (entry)) == 0)
    return;
  xa_agenda_item_set_topic (item, gtk_editable_get_text (entry));
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (TOPIC_SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
move_clicked_cb (GtkButton      *button,
                 XaAgendaEditor *self)
{
  int position = row_position (GTK_WIDGET (button));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  guint n = xa_agenda_get_n_items (self->agenda);

  if (position < 0 || position + delta < 0 || (guint) (position + delta) >= n)
    return;
  xa_agenda_editor_move (self, (guint) position, (guint) (position + delta));
}

static void
remove_clicked_cb (GtkButton      *button,
                   XaAgendaEditor *self)
{
  int position = row_position (GTK_WIDGET (button));

  if (position >= 0)
    xa_agenda_editor_remove (self, (guint) position);
}

/* Drag and drop: a row is dragged by its name (the topic's field keeps its own drags of
 * text) and carries its compound's id; dropped on another row, it takes that row's place.
 * The move waits for the drop to end: it makes the rows again. */
static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  return gdk_content_provider_new_typed (G_TYPE_STRING,
                                         g_object_get_data (G_OBJECT (row), "compound-id"));
}

typedef struct
{
  XaAgendaEditor *self;  /* weak */
  char           *compound_id;
  guint           to;
} Drop;

static gboolean
drop_later_cb (gpointer data)
{
  Drop *drop = data;
  XaAgendaEditor *self = drop->self;
  int from = self != NULL && self->agenda != NULL
             ? xa_agenda_find (self->agenda, drop->compound_id) : -1;

  if (from >= 0 && drop->to < xa_agenda_get_n_items (self->agenda))
    xa_agenda_editor_move (self, (guint) from, drop->to);
  g_clear_weak_pointer (&drop->self);
  g_free (drop->compound_id);
  g_free (drop);
  return G_SOURCE_REMOVE;
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         XaAgendaEditor *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const char *id = g_value_get_string (value);
  Drop *drop;

  if (self->agenda == NULL || id == NULL || xa_agenda_find (self->agenda, id) < 0)
    return FALSE;
  drop = g_new0 (Drop, 1);
  g_set_weak_pointer (&drop->self, self);
  drop->compound_id = g_strdup (id);
  drop->to = (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  /* Before the next frame: an idle of the lowest priority would wait behind the redraws. */
  g_idle_add_full (G_PRIORITY_DEFAULT, drop_later_cb, drop, NULL);
  return TRUE;
}

/* The compound's name and place on @row, read from the store again: after a sync, a
 * compound may be gone (the server deleted it) or renamed. */
static void
show_names (XaAgendaEditor *self,
            GtkWidget      *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "compound-id");
  g_autoptr(XaCompound) compound = self->store != NULL
                                   ? xa_store_get_compound (self->store, id) : NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *entry_name = NULL;
  char *name;

  if (compound != NULL)
    {
      name = g_strdup (compound->name);
      subtitle = compound->subdistrict != NULL
                 ? g_strdup_printf ("%s · %s", district_name (self, compound->district),
                                    compound->subdistrict)
                 : g_strdup (district_name (self, compound->district));
    }
  else
    {
      /* Translators: an agenda item whose compound the records no longer have; %s is its id. */
      name = g_strdup_printf (_("Compound %s"), id);
      subtitle = g_strdup (_("No longer in the records: the server deleted it. Remove it, or "
                             "keep it to discuss."));
    }
  if (compound == NULL)
    gtk_widget_add_css_class (row, "xa-agenda-missing");
  else
    gtk_widget_remove_css_class (row, "xa-agenda-missing");
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "place"), subtitle);
  /* Translators: the accessible name of an agenda item's topic; %s is the compound. */
  entry_name = g_strdup_printf (_("What is to be decided about %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (g_object_get_data (G_OBJECT (row), "entry")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, entry_name, -1);
  g_object_set_data_full (G_OBJECT (row), "name", name, g_free);
}

static GtkWidget *
create_row (gpointer object,
            gpointer user_data)
{
  XaAgendaEditor *self = user_data;
  XaAgendaItem *item = object;
  const char *id = xa_agenda_item_get_compound_id (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *place = gtk_label_new (NULL);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *button;
  GtkDragSource *drag;
  GtkDropTarget *target;

  g_object_set_data_full (G_OBJECT (row), "compound-id", g_strdup (id), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  /* The names take the room the topics leave: every topic has one width, so that they
   * line up under each other; the names wrap when the window is narrow. */
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (place), 0);
  gtk_label_set_wrap (GTK_LABEL (place), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (place), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (place, "subtitle");
  gtk_widget_add_css_class (place, "caption");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), place);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);
  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "place", place);

  gtk_editable_set_text (GTK_EDITABLE (entry), xa_agenda_item_get_topic (item));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What is to be decided"));
  gtk_widget_set_size_request (entry, 170, -1);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (entry), "item", g_object_ref (item), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (topic_changed_cb), self);
  gtk_box_append (GTK_BOX (box), entry);
  g_object_set_data (G_OBJECT (row), "entry", entry);

  button = xa_accessible_icon_button ("go-up-symbolic", _("Move Up (Alt+↑)"));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (-1));
  g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  g_object_set_data (G_OBJECT (row), "up", button);

  button = xa_accessible_icon_button ("go-down-symbolic", _("Move Down (Alt+↓)"));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (1));
  g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  g_object_set_data (G_OBJECT (row), "down", button);

  button = xa_accessible_icon_button ("user-trash-symbolic",
                                      _("Remove from the Agenda (Alt+Delete)"));
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), row);
  gtk_widget_add_controller (labels, GTK_EVENT_CONTROLLER (drag));
  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  show_names (self, row);
  return row;
}

static void
items_changed_cb (XaAgendaEditor *self)
{
  renumber (self);
}

static void
focus_item (XaAgendaEditor *self,
            guint           position,
            const char     *what)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->items_list, (int) position);
  GtkWidget *widget;

  if (row == NULL)
    return;
  widget = g_object_get_data (G_OBJECT (row), what);
  /* A Move Up button is insensitive on the first row: the topic takes the focus there. */
  if (widget == NULL || !gtk_widget_get_sensitive (widget))
    widget = g_object_get_data (G_OBJECT (row), "entry");
  gtk_widget_grab_focus (widget);
}

void
xa_agenda_editor_move (XaAgendaEditor *self,
                       guint           from,
                       guint           to)
{
  GtkWidget *focus;
  const char *what = "entry";

  g_return_if_fail (XA_IS_AGENDA_EDITOR (self));
  g_return_if_fail (self->agenda != NULL);
  g_return_if_fail (from < xa_agenda_get_n_items (self->agenda));
  g_return_if_fail (to < xa_agenda_get_n_items (self->agenda));

  if (from == to)
    return;
  /* The focus stays on the control it was on, in the row that moved. */
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  if (focus != NULL)
    {
      GtkWidget *row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);

      if (row != NULL && focus == g_object_get_data (G_OBJECT (row), "up"))
        what = "up";
      else if (row != NULL && focus == g_object_get_data (G_OBJECT (row), "down"))
        what = "down";
    }
  xa_agenda_move (self->agenda, from, to);
  xa_agenda_editor_save (self);
  focus_item (self, to, what);
}

typedef struct
{
  XaAgendaEditor *self;  /* weak */
  XaAgenda       *agenda;
  XaAgendaItem   *item;
  guint           position;
} RemovedItem;

static void
removed_item_free (gpointer data)
{
  RemovedItem *removed = data;

  g_clear_weak_pointer (&removed->self);
  g_object_unref (removed->agenda);
  g_object_unref (removed->item);
  g_free (removed);
}

static void
undo_remove_cb (AdwToast    *toast,
                RemovedItem *removed)
{
  XaAgendaEditor *self = removed->self;

  /* The agenda may have been closed since: the item goes back to it all the same. */
  xa_agenda_insert (removed->agenda, removed->position, removed->item);
  if (self != NULL && self->agenda == removed->agenda)
    {
      xa_agenda_editor_save (self);
      focus_item (self, MIN (removed->position, xa_agenda_get_n_items (self->agenda) - 1),
                  "entry");
    }
}

void
xa_agenda_editor_remove (XaAgendaEditor *self,
                         guint           position)
{
  XaAgendaItem *item;
  GtkListBoxRow *row;
  RemovedItem *removed;
  g_autofree char *text = NULL;
  guint n;

  g_return_if_fail (XA_IS_AGENDA_EDITOR (self));
  g_return_if_fail (self->agenda != NULL);
  g_return_if_fail (position < xa_agenda_get_n_items (self->agenda));

  item = xa_agenda_peek_item (self->agenda, position);
  row = gtk_list_box_get_row_at_index (self->items_list, (int) position);
  /* Translators: a toast; %s is the compound's name. */
  text = g_strdup_printf (_("“%s” removed from the agenda"),
                          (const char *) g_object_get_data (G_OBJECT (row), "name"));
  removed = g_new0 (RemovedItem, 1);
  g_set_weak_pointer (&removed->self, self);
  removed->agenda = g_object_ref (self->agenda);
  removed->item = g_object_ref (item);
  removed->position = position;

  xa_agenda_remove (self->agenda, position);
  xa_agenda_editor_save (self);
  n = xa_agenda_get_n_items (self->agenda);
  if (n > 0)
    focus_item (self, MIN (position, n - 1), "entry");

  xa_agenda_editor_add_undo_toast (self, text, G_CALLBACK (undo_remove_cb), removed,
                                   removed_item_free);
}

/* Alt+↑, Alt+↓ and Alt+Delete on the row that has the focus. Captured before the topic's
 * entry sees them. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                XaAgendaEditor        *self)
{
  GtkWidget *focus;
  int position;
  guint n;

  if ((state & gtk_accelerator_get_default_mod_mask ()) != GDK_ALT_MASK || self->agenda == NULL)
    return FALSE;
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->items_list)))
    return FALSE;
  position = row_position (focus);
  n = xa_agenda_get_n_items (self->agenda);
  if (position < 0 || (guint) position >= n)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (position > 0)
        xa_agenda_editor_move (self, (guint) position, (guint) position - 1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if ((guint) position + 1 < n)
        xa_agenda_editor_move (self, (guint) position, (guint) position + 1);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      xa_agenda_editor_remove (self, (guint) position);
      return TRUE;
    default:
      return FALSE;
    }
}

/* The search: every compound's name and address, folded, read once per store. */
static void
index_compound_cb (gconstpointer record,
                   gpointer      user_data)
{
  XaAgendaEditor *self = user_data;
  const XaCompound *compound = record;
  SearchEntry *entry = g_new0 (SearchEntry, 1);

  entry->id = g_strdup (compound->id);
  entry->name = g_strdup (compound->name);
  entry->name_folded = g_utf8_casefold (compound->name, -1);
  entry->address_folded = g_utf8_casefold (compound->address != NULL ? compound->address : "",
                                           -1);
  entry->place = g_strdup_printf ("%s · %s", district_name (self, compound->district),
                                  compound->address != NULL ? compound->address : "");
  g_ptr_array_add (self->search_index, entry);
}

static void
result_activated_cb (XaAgendaEditor *self,
                     GtkListBoxRow  *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "compound-id");
  int found;

  if (id == NULL || self->agenda == NULL)
    return;
  if (xa_agenda_append (self->agenda, id, NULL))
    xa_agenda_editor_save (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  found = xa_agenda_find (self->agenda, id);
  if (found >= 0)
    focus_item (self, (guint) found, "entry");
}

static void
search_changed_cb (XaAgendaEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  if (text[0] == '\0' || self->store == NULL || self->agenda == NULL)
    {
      gtk_revealer_set_reveal_child (self->results_revealer, FALSE);
      return;
    }
  if (self->search_index == NULL)
    {
      self->search_index = g_ptr_array_new_with_free_func ((GDestroyNotify) search_entry_free);
      xa_store_foreach (self->store, XA_RECORD_COMPOUND, index_compound_cb, self, NULL);
    }
  folded = g_utf8_casefold (text, -1);
  /* Names first, then addresses, as the map's search. */
  for (guint pass = 0; pass < 2 && shown < MAX_RESULTS; pass++)
    for (guint i = 0; i < self->search_index->len && shown < MAX_RESULTS; i++)
      {
        SearchEntry *entry = g_ptr_array_index (self->search_index, i);
        gboolean by_name = strstr (entry->name_folded, folded) != NULL;
        GtkWidget *row;

        if (pass == 0 ? !by_name : by_name || strstr (entry->address_folded, folded) == NULL)
          continue;
        row = adw_action_row_new ();
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
        if (xa_agenda_find (self->agenda, entry->id) >= 0)
          {
            g_autofree char *subtitle = g_strdup_printf (_("%s · on the agenda already"),
                                                         entry->place);

            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          }
        else
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->place);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   gtk_image_new_from_icon_name ("list-add-symbolic"));
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        g_object_set_data_full (G_OBJECT (row), "compound-id", g_strdup (entry->id), g_free);
        gtk_list_box_append (self->results_list, row);
        shown++;
      }
  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No compound found"));
      gtk_list_box_append (self->results_list, row);
    }
  gtk_revealer_set_reveal_child (self->results_revealer, TRUE);
}

/* Enter adds the first compound found. */
static void
search_activate_cb (XaAgendaEditor *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  if (first != NULL)
    result_activated_cb (self, first);
}

static void
search_stop_cb (XaAgendaEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
update_header (XaAgendaEditor *self)
{
  if (self->agenda == NULL)
    return;
  gtk_label_set_label (self->name_label, xa_agenda_get_name (self->agenda));
  /* The target first: an action with a parameter refuses a button without one. Presenting
   * is presentation mode's (win.present-agenda sets "current-agenda" and presents). */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->present_button), "x",
                                    xa_agenda_get_id (self->agenda));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->present_button), "win.present-agenda");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->rename_button), "x",
                                    xa_agenda_get_id (self->agenda));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->rename_button), "agendas.rename");
}

void
xa_agenda_editor_set_agenda (XaAgendaEditor *self,
                             XaStore        *store_or_NULL,
                             XaAgenda       *agenda_or_NULL)
{
  g_return_if_fail (XA_IS_AGENDA_EDITOR (self));
  g_return_if_fail (store_or_NULL == NULL || XA_IS_STORE (store_or_NULL));
  g_return_if_fail (agenda_or_NULL == NULL || XA_IS_AGENDA (agenda_or_NULL));

  /* Nothing typed is lost when another agenda, or another store, comes. */
  if (self->save_id != 0)
    xa_agenda_editor_save (self);
  /* The same agenda after a sync: the rows stay (and the focus in a topic being typed);
   * only the names are read again. */
  if (store_or_NULL == self->store && agenda_or_NULL == self->agenda && self->agenda != NULL)
    {
      GtkListBoxRow *row;

      g_hash_table_remove_all (self->district_names);
      g_clear_pointer (&self->search_index, g_ptr_array_unref);
      for (int i = 0; (row = gtk_list_box_get_row_at_index (self->items_list, i)) != NULL; i++)
        show_names (self, GTK_WIDGET (row));
      renumber (self);
      return;
    }
  if (self->agenda != NULL)
    g_signal_handlers_disconnect_by_data (self->agenda, self);
  g_set_object (&self->store, store_or_NULL);
  g_set_object (&self->agenda, agenda_or_NULL);
  g_hash_table_remove_all (self->district_names);
  g_clear_pointer (&self->search_index, g_ptr_array_unref);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  gtk_list_box_bind_model (self->items_list, G_LIST_MODEL (self->agenda), create_row, self,
                           NULL);
  if (self->agenda == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  g_signal_connect_swapped (self->agenda, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect_swapped (self->agenda, "notify::name", G_CALLBACK (update_header), self);
  g_signal_connect_swapped (self->agenda, "notify::id", G_CALLBACK (update_header), self);
  update_header (self);
  renumber (self);
  gtk_stack_set_visible_child_name (self->stack, "agenda");
}

XaAgenda *
xa_agenda_editor_get_agenda (XaAgendaEditor *self)
{
  g_return_val_if_fail (XA_IS_AGENDA_EDITOR (self), NULL);

  return self->agenda;
}

void
xa_agenda_editor_set_folded (XaAgendaEditor *self,
                             gboolean        folded)
{
  g_return_if_fail (XA_IS_AGENDA_EDITOR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), folded);
}

GtkListBox *
_xa_agenda_editor_get_items_list (XaAgendaEditor *self)
{
  return self->items_list;
}

GtkEditable *
_xa_agenda_editor_get_search_entry (XaAgendaEditor *self)
{
  return GTK_EDITABLE (self->search_entry);
}

GtkListBox *
_xa_agenda_editor_get_results_list (XaAgendaEditor *self)
{
  return self->results_list;
}

GtkEditable *
_xa_agenda_editor_get_topic_entry (XaAgendaEditor *self,
                                   guint           position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->items_list, (int) position);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "entry") : NULL;
}

GtkEventController *
_xa_agenda_editor_get_key_controller (XaAgendaEditor *self)
{
  return self->key_controller;
}

static void
xa_agenda_editor_dispose (GObject *object)
{
  XaAgendaEditor *self = XA_AGENDA_EDITOR (object);

  /* The window closes: a topic still waiting is saved now. */
  if (self->save_id != 0)
    xa_agenda_editor_save (self);
  if (self->agenda != NULL)
    g_signal_handlers_disconnect_by_data (self->agenda, self);
  if (self->items_list != NULL)
    gtk_list_box_bind_model (self->items_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->agenda);
  g_clear_object (&self->store);
  g_clear_pointer (&self->search_index, g_ptr_array_unref);
  g_clear_weak_pointer (&self->last_toast);
  /* The stack is both AdwBin's child and a template child (see xa-map-view.c). */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XA_TYPE_AGENDA_EDITOR);

  G_OBJECT_CLASS (xa_agenda_editor_parent_class)->dispose (object);
}

static void
xa_agenda_editor_finalize (GObject *object)
{
  XaAgendaEditor *self = XA_AGENDA_EDITOR (object);

  g_hash_table_unref (self->district_names);

  G_OBJECT_CLASS (xa_agenda_editor_parent_class)->finalize (object);
}

static void
xa_agenda_editor_class_init (XaAgendaEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xa_agenda_editor_dispose;
  object_class->finalize = xa_agenda_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xiaoquatlas/XiaoquAtlas/"
                                               "xa-agenda-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, XaAgendaEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaEditor, name_label);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaEditor, count_label);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaEditor, rename_button);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaEditor, present_button);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaEditor, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaEditor, results_revealer);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaEditor, results_list);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaEditor, items_stack);
  gtk_widget_class_bind_template_child (widget_class, XaAgendaEditor, items_list);
}

static void
xa_agenda_editor_init (XaAgendaEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->district_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->key_controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->key_controller, GTK_PHASE_CAPTURE);
  g_signal_connect (self->key_controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->items_list), self->key_controller);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                            self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activate_cb),
                            self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (search_stop_cb),
                            self);
  g_signal_connect_swapped (self->results_list, "row-activated",
                            G_CALLBACK (result_activated_cb), self);
  gtk_stack_set_visible_child_name (self->stack, "none");
}

GtkWidget *
xa_agenda_editor_new (void)
{
  return g_object_new (XA_TYPE_AGENDA_EDITOR, NULL);
}
