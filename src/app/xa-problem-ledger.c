/* xa-problem-ledger.c — see xa-problem-ledger.h. The store is read once per load into
 * compact items (xa-ledger-item.c); the filters and sorters then work on those alone, so
 * typing in the search or clicking a column header never touches sqlite. The model chain
 * is items → filter → sort (the column view's sorter, then the default order) → selection. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-agenda-sources.h"
#include "xa-accessible.h"
#include "xa-format.h"
#include "xa-ledger-columns.h"
#include "xa-message-dialogs.h"
#include "xa-problem-ledger.h"
#include "xa-problem-status-dialog.h"
#include "xa-record-words.h"
#include "xa-store-edits.h"

#define DAY_SECONDS 86400

struct _XaProblemLedger
{
  AdwBin             parent_instance;

  GtkWidget         *filter_bar;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *status_dropdown;
  GtkDropDown       *tier_dropdown;
  GtkDropDown       *category_dropdown;
  GtkDropDown       *source_dropdown;
  GtkToggleButton   *overdue_toggle;
  GtkToggleButton   *due_week_toggle;
  GtkToggleButton   *mine_toggle;
  GtkLabel          *count_label;
  GtkColumnView     *column_view;
  GtkPopoverMenu    *row_popover;

  GSettings         *settings;
  XaStore           *store;
  char              *district;          /* the window's district filter, or NULL */
  gint64             now;
  /* The rows no longer match the store: they are read when the page is next mapped, so a
   * sync in the background does not read every problem for a page no one looks at. */
  gboolean           stale;

  GListStore        *items;
  GtkCustomFilter   *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel  *sorted;
  GtkSingleSelection *selection;

  /* The category dropdown's codes, in its order after "All Categories" (index 0). */
  GPtrArray         *category_codes;
  /* The compounds of the cadre of the "my-cadre" setting; empty when unset or unknown. */
  GHashTable        *my_compounds;
  char              *search_folded;
};

G_DEFINE_FINAL_TYPE (XaProblemLedger, xa_problem_ledger, ADW_TYPE_BIN)

/* The dropdowns' first entry is "all"; entry i + 1 is enumeration value i. */
static int
dropdown_value (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected - 1;
}

static gboolean
is_open (XaLedgerItem *item)
{
  return item->status == XA_STATUS_OPEN || item->status == XA_STATUS_IN_PROGRESS;
}

static gboolean
contains_folded (const char *text,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, folded_needle) != NULL;
}

static gboolean
item_shown (gpointer object,
            gpointer user_data)
{
  XaProblemLedger *self = user_data;
  XaLedgerItem *item = object;
  int status = dropdown_value (self->status_dropdown);
  int tier = dropdown_value (self->tier_dropdown);
  int source = dropdown_value (self->source_dropdown);
  int category = dropdown_value (self->category_dropdown);

  if (self->district != NULL && g_strcmp0 (item->district, self->district) != 0)
    return FALSE;
  if ((status >= 0 && (int) item->status != status) || (tier >= 0 && (int) item->tier != tier)
      || (source >= 0 && (int) item->source != source))
    return FALSE;
  if (category >= 0 && (guint) category < self->category_codes->len
      && g_strcmp0 (item->category_code, self->category_codes->pdata[category]) != 0)
    return FALSE;
  if (gtk_toggle_button_get_active (self->overdue_toggle) && !item->overdue)
    return FALSE;
  /* Due this week: still open, deadline from now to seven days on. */
  if (gtk_toggle_button_get_active (self->due_week_toggle)
      && !(is_open (item) && item->deadline >= self->now
           && item->deadline < self->now + 7 * DAY_SECONDS))
    return FALSE;
  if (gtk_toggle_button_get_active (self->mine_toggle)
      && !g_hash_table_contains (self->my_compounds, item->compound_id))
    return FALSE;
  if (self->search_folded != NULL
      && !contains_folded (item->ticket_no, self->search_folded)
      && !contains_folded (item->title, self->search_folded)
      && !contains_folded (item->compound_name, self->search_folded))
    return FALSE;
  return TRUE;
}

static void
update_count (XaProblemLedger *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *shown_text = xa_format_count (shown);
  g_autofree char *total_text = xa_format_count (total);
  g_autofree char *text = NULL;

  /* Translators: the count of the problem ledger's rows, e.g. "22 of 3,456 problems"; the
   * plural follows the second number. */
  text = g_strdup_printf (ngettext ("%s of %s problem", "%s of %s problems", total),
                          shown_text, total_text);
  gtk_label_set_label (self->count_label, text);
}

static void
filters_changed (XaProblemLedger *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
search_changed_cb (XaProblemLedger *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search_folded, g_free);
  if (*stripped != '\0')
    self->search_folded = g_utf8_casefold (stripped, -1);
  filters_changed (self);
}

/* ---- the row menu ---- */

/* A right click selects the row under the pointer and opens its menu there. */
static void
cell_clicked (GtkWidget *cell,
              guint      position,
              double     x,
              double     y,
              gpointer   user_data)
{
  XaProblemLedger *self = user_data;
  double view_x, view_y;
  GdkRectangle at;

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  if (!gtk_widget_translate_coordinates (cell, GTK_WIDGET (self->column_view), x, y,
                                         &view_x, &view_y))
    return;
  at = (GdkRectangle) { (int) view_x, (int) view_y, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_popover), &at);
  gtk_popover_popup (GTK_POPOVER (self->row_popover));
}

/* ---- the selected row and its action ---- */

static XaLedgerItem *
selected_item (XaProblemLedger *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (XaProblemLedger *self)
{
  XaLedgerItem *item = selected_item (self);

  /* Closed is final: a closed problem has no transition to offer. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.change-status",
                                 self->store != NULL && item != NULL
                                 && item->status != XA_STATUS_CLOSED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.add-to-agenda", item != NULL);
}

GStrv
xa_problem_ledger_dup_agenda_compounds (XaProblemLedger *self,
                                        gboolean         shown)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  g_return_val_if_fail (XA_IS_PROBLEM_LEDGER (self), NULL);

  if (!shown)
    {
      XaLedgerItem *item = selected_item (self);

      if (item != NULL)
        g_strv_builder_add (builder, item->compound_id);
      return g_strv_builder_end (builder);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(XaLedgerItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      /* The items outlive the table's rows: their strings do for this table. */
      if (g_hash_table_add (seen, item->compound_id))
        g_strv_builder_add (builder, item->compound_id);
    }
  return g_strv_builder_end (builder);
}

/* Hands the compounds to the window's agenda (win.agenda-add, xa-agenda-page.c). */
static void
add_to_agenda_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XaProblemLedger *self = XA_PROBLEM_LEDGER (widget);
  g_auto(GStrv) ids = xa_problem_ledger_dup_agenda_compounds (
                        self, g_str_equal (action_name, "ledger.add-shown-to-agenda"));

  xa_agenda_sources_hand_over (widget, (const char * const *) ids);
}

static void
select_id (XaProblemLedger *self,
           const char      *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(XaLedgerItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (g_str_equal (item->id, id))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
show_error (XaProblemLedger *self,
            const char      *heading,
            const char      *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_window_present (GTK_WINDOW (xa_message_dialog_new_error (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, message)));
}

static void
status_dialog_response_cb (XaProblemStatusDialog *dialog,
                           const char            *response,
                           XaProblemLedger       *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  XaProblemEdit edit;

  if (!g_str_equal (response, "change") || self->store == NULL)
    return;

  id = g_strdup (xa_problem_status_dialog_get_problem_id (dialog));
  xa_problem_status_dialog_get_edit (dialog, &edit);
  if (!xa_store_edit_problem (self->store, id, &edit, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The status was not changed and nothing was "
                                                 "queued for the server (%s)."),
                                               error->message);

      show_error (self, _("Status Not Changed"), text);
      return;
    }

  /* The store's "outbox-changed" has read the problems again: the row says "pending". */
  select_id (self, id);
}

static void
change_status_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XaProblemLedger *self = XA_PROBLEM_LEDGER (widget);
  XaLedgerItem *item = selected_item (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  XaProblemStatusDialog *dialog;

  if (item == NULL || item->status == XA_STATUS_CLOSED)
    return;
  dialog = xa_problem_status_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         item);
  g_signal_connect_object (dialog, "response", G_CALLBACK (status_dialog_response_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Enter or a double click on a row: its status change, as the button. */
static void
row_activated_cb (XaProblemLedger *self,
                  guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "ledger.change-status", NULL);
}

/* ---- loading ---- */

typedef struct
{
  XaProblemLedger *self;
  const char      *id;
} CadreWanted;

static void
collect_cadre (gconstpointer record,
               gpointer      user_data)
{
  const XaCadre *cadre = record;
  CadreWanted *wanted = user_data;

  if (g_strcmp0 (cadre->id, wanted->id) != 0 || cadre->compounds == NULL)
    return;
  for (char **id = cadre->compounds; *id != NULL; id++)
    g_hash_table_add (wanted->self->my_compounds, g_strdup (*id));
}

static int
compare_category_names (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  GHashTable *categories = user_data;

  return g_utf8_collate (g_hash_table_lookup (categories, *(const char * const *) a),
                         g_hash_table_lookup (categories, *(const char * const *) b));
}

/* The category dropdown offers the categories of this store, by name; the one chosen
 * stays chosen when it still exists. */
static void
fill_categories (XaProblemLedger *self,
                 GHashTable      *categories)
{
  int chosen = dropdown_value (self->category_dropdown);
  g_autofree char *chosen_code = chosen >= 0 && (guint) chosen < self->category_codes->len
                                 ? g_strdup (self->category_codes->pdata[chosen]) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GHashTableIter iter;
  gpointer code;
  guint select = 0;

  g_ptr_array_set_size (self->category_codes, 0);
  g_hash_table_iter_init (&iter, categories);
  while (g_hash_table_iter_next (&iter, &code, NULL))
    g_ptr_array_add (self->category_codes, g_strdup (code));
  g_ptr_array_sort_with_data (self->category_codes, compare_category_names, categories);

  gtk_string_list_append (names, _("All Categories"));
  for (guint i = 0; i < self->category_codes->len; i++)
    {
      gtk_string_list_append (names, g_hash_table_lookup (categories,
                                                          self->category_codes->pdata[i]));
      if (g_strcmp0 (chosen_code, self->category_codes->pdata[i]) == 0)
        select = i + 1;
    }
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->category_dropdown, select);
}

static void
update_mine_toggle (XaProblemLedger *self)
{
  g_autofree char *cadre = g_settings_get_string (self->settings, "my-cadre");

  if (*cadre == '\0')
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->mine_toggle),
                                 _("Choose your cadre in Preferences to see the problems of "
                                   "your compounds"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->mine_toggle),
                                 _("Problems of the compounds of the cadre chosen in "
                                   "Preferences"));
}

/* Reads every problem of the store into the rows. */
static gboolean
read_rows (XaProblemLedger  *self,
           GError          **error)
{
  g_autoptr(GHashTable) categories = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *my_cadre = NULL;
  CadreWanted wanted;

  categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  items = xa_ledger_item_load_all (self->store, self->now, categories, error);
  if (items == NULL)
    return FALSE;
  my_cadre = g_settings_get_string (self->settings, "my-cadre");
  g_hash_table_remove_all (self->my_compounds);
  wanted.self = self;
  wanted.id = my_cadre;
  if (*my_cadre != '\0'
      && !xa_store_foreach (self->store, XA_RECORD_CADRE, collect_cadre, &wanted, error))
    return FALSE;

  self->stale = FALSE;
  fill_categories (self, categories);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  filters_changed (self);
  update_actions (self);
  return TRUE;
}

static void
outbox_changed_cb (XaProblemLedger *self)
{
  g_autoptr(GError) error = NULL;

  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !read_rows (self, &error))
    show_error (self, _("Could Not Read the Problems"), error->message);
}

gboolean
xa_problem_ledger_load (XaProblemLedger  *self,
                        XaStore          *store,
                        const char       *district_or_NULL,
                        gint64            now,
                        GError          **error)
{
  g_return_val_if_fail (XA_IS_PROBLEM_LEDGER (self), FALSE);
  g_return_val_if_fail (XA_IS_STORE (store), FALSE);

  /* An edit, a discard or a resolution anywhere in the app marks its row at once. */
  xa_store_hold (&self->store, store, self, G_CALLBACK (outbox_changed_cb));
  g_free (self->district);
  self->district = g_strdup (district_or_NULL);
  self->now = now;
  self->stale = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return TRUE;
  return read_rows (self, error);
}

void
xa_problem_ledger_set_district (XaProblemLedger *self,
                                const char      *district_or_NULL)
{
  g_return_if_fail (XA_IS_PROBLEM_LEDGER (self));

  if (g_strcmp0 (self->district, district_or_NULL) == 0)
    return;
  g_free (self->district);
  self->district = g_strdup (district_or_NULL);
  filters_changed (self);
}

void
xa_problem_ledger_unload (XaProblemLedger *self)
{
  g_return_if_fail (XA_IS_PROBLEM_LEDGER (self));

  xa_store_hold (&self->store, NULL, self, NULL);
  self->stale = FALSE;
  g_list_store_remove_all (self->items);
  filters_changed (self);
  update_actions (self);
}

static void
xa_problem_ledger_map (GtkWidget *widget)
{
  XaProblemLedger *self = XA_PROBLEM_LEDGER (widget);
  g_autoptr(GError) error = NULL;

  GTK_WIDGET_CLASS (xa_problem_ledger_parent_class)->map (widget);
  if (self->stale && self->store != NULL && !read_rows (self, &error))
    show_error (self, _("Could Not Read the Problems"), error->message);
}

static void
my_cadre_changed_cb (XaProblemLedger *self)
{
  g_autoptr(GError) error = NULL;

  update_mine_toggle (self);
  if (self->store != NULL
      && !xa_problem_ledger_load (self, self->store, self->district, self->now, &error))
    show_error (self, _("Could Not Read the Problems"), error->message);
}

GPtrArray *
xa_problem_ledger_get_shown_ids (XaProblemLedger *self)
{
  GListModel *shown;
  GPtrArray *ids;
  guint n;

  g_return_val_if_fail (XA_IS_PROBLEM_LEDGER (self), NULL);

  shown = G_LIST_MODEL (self->sorted);
  n = g_list_model_get_n_items (shown);
  ids = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(XaLedgerItem) item = g_list_model_get_item (shown, i);

      g_ptr_array_add (ids, g_strdup (item->id));
    }
  return ids;
}

/* ---- for tests ---- */

GListModel *
_xa_problem_ledger_get_shown (XaProblemLedger *self)
{
  g_return_val_if_fail (XA_IS_PROBLEM_LEDGER (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

guint
_xa_problem_ledger_get_total (XaProblemLedger *self)
{
  g_return_val_if_fail (XA_IS_PROBLEM_LEDGER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

gint64
_xa_problem_ledger_get_now (XaProblemLedger *self)
{
  g_return_val_if_fail (XA_IS_PROBLEM_LEDGER (self), 0);

  return self->now;
}

GtkColumnView *
_xa_problem_ledger_get_column_view (XaProblemLedger *self)
{
  g_return_val_if_fail (XA_IS_PROBLEM_LEDGER (self), NULL);

  return self->column_view;
}

void
_xa_problem_ledger_select (XaProblemLedger *self,
                           guint            position)
{
  g_return_if_fail (XA_IS_PROBLEM_LEDGER (self));

  gtk_single_selection_set_selected (self->selection, position);
}

GtkWidget *
_xa_problem_ledger_get_filter (XaProblemLedger *self,
                               const char      *name)
{
  g_return_val_if_fail (XA_IS_PROBLEM_LEDGER (self), NULL);

  if (g_str_equal (name, "status"))
    return GTK_WIDGET (self->status_dropdown);
  if (g_str_equal (name, "tier"))
    return GTK_WIDGET (self->tier_dropdown);
  if (g_str_equal (name, "category"))
    return GTK_WIDGET (self->category_dropdown);
  if (g_str_equal (name, "source"))
    return GTK_WIDGET (self->source_dropdown);
  if (g_str_equal (name, "search"))
    return GTK_WIDGET (self->search_entry);
  if (g_str_equal (name, "overdue"))
    return GTK_WIDGET (self->overdue_toggle);
  if (g_str_equal (name, "due-week"))
    return GTK_WIDGET (self->due_week_toggle);
  if (g_str_equal (name, "mine"))
    return GTK_WIDGET (self->mine_toggle);
  if (g_str_equal (name, "count"))
    return GTK_WIDGET (self->count_label);
  return NULL;
}

/* ---- the object ---- */

static void
fill_enum_dropdown (GtkDropDown *dropdown,
                    const char  *all,
                    const char *(*words) (int value),
                    int          n_values)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (int i = 0; i < n_values; i++)
    gtk_string_list_append (list, words (i));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static const char *
status_words (int value)
{
  return xa_record_words_problem_status (value);
}

static const char *
tier_words (int value)
{
  return xa_record_words_problem_tier (value);
}

static const char *
source_words (int value)
{
  return xa_record_words_problem_source (value);
}

static void
xa_problem_ledger_dispose (GObject *object)
{
  XaProblemLedger *self = XA_PROBLEM_LEDGER (object);

  if (self->row_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->row_popover));
  gtk_widget_dispose_template (GTK_WIDGET (object), XA_TYPE_PROBLEM_LEDGER);
  self->row_popover = NULL;
  xa_store_hold (&self->store, NULL, self, NULL);
  g_clear_object (&self->settings);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (xa_problem_ledger_parent_class)->dispose (object);
}

static void
xa_problem_ledger_finalize (GObject *object)
{
  XaProblemLedger *self = XA_PROBLEM_LEDGER (object);

  g_free (self->district);
  g_free (self->search_folded);
  g_ptr_array_unref (self->category_codes);
  g_hash_table_unref (self->my_compounds);

  G_OBJECT_CLASS (xa_problem_ledger_parent_class)->finalize (object);
}

static void
xa_problem_ledger_class_init (XaProblemLedgerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xa_problem_ledger_dispose;
  object_class->finalize = xa_problem_ledger_finalize;
  widget_class->map = xa_problem_ledger_map;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/xiaoquatlas/XiaoquAtlas/xa-problem-ledger.ui");
  gtk_widget_class_bind_template_child (widget_class, XaProblemLedger, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, XaProblemLedger, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XaProblemLedger, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaProblemLedger, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaProblemLedger, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaProblemLedger, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaProblemLedger, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, XaProblemLedger, due_week_toggle);
  gtk_widget_class_bind_template_child (widget_class, XaProblemLedger, mine_toggle);
  gtk_widget_class_bind_template_child (widget_class, XaProblemLedger, count_label);
  gtk_widget_class_bind_template_child (widget_class, XaProblemLedger, column_view);
  gtk_widget_class_bind_template_child (widget_class, XaProblemLedger, row_popover);

  gtk_widget_class_install_action (widget_class, "ledger.change-status", NULL,
                                   change_status_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "ledger.change-status", NULL);
  gtk_widget_class_install_action (widget_class, "ledger.add-to-agenda", NULL,
                                   add_to_agenda_action);
  gtk_widget_class_install_action (widget_class, "ledger.add-shown-to-agenda", NULL,
                                   add_to_agenda_action);
}

static void
xa_problem_ledger_init (XaProblemLedger *self)
{
  GtkMultiSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->row_popover), GTK_WIDGET (self->column_view));
  xa_accessible_name_drop_down (GTK_WIDGET (self->status_dropdown), _("Status"));
  xa_accessible_name_drop_down (GTK_WIDGET (self->tier_dropdown), _("Tier"));
  xa_accessible_name_drop_down (GTK_WIDGET (self->category_dropdown), _("Category"));
  xa_accessible_name_drop_down (GTK_WIDGET (self->source_dropdown), _("Source"));

  self->settings = g_settings_new (APP_ID);
  self->category_codes = g_ptr_array_new_with_free_func (g_free);
  self->my_compounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->now = g_get_real_time () / G_USEC_PER_SEC;

  fill_enum_dropdown (self->status_dropdown, _("All Statuses"), status_words,
                      XA_STATUS_CLOSED + 1);
  fill_enum_dropdown (self->tier_dropdown, _("All Tiers"), tier_words, XA_TIER_CITY + 1);
  fill_enum_dropdown (self->source_dropdown, _("All Sources"), source_words,
                      XA_SOURCE_CADRE + 1);
  {
    g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);

    gtk_string_list_append (categories, _("All Categories"));
    gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (categories));
  }

  xa_ledger_columns_add (self->column_view, cell_clicked, self);

  self->items = g_list_store_new (XA_TYPE_LEDGER_ITEM);
  self->filter = gtk_custom_filter_new (item_shown, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  /* A clicked header sorts first; the default order settles the rest (and everything when
   * no header is clicked). */
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter,
                           g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_multi_sorter_append (sorter, xa_ledger_columns_default_sorter ());
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          GTK_SORTER (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected",
                            G_CALLBACK (filters_changed), self);
  g_signal_connect_swapped (self->tier_dropdown, "notify::selected",
                            G_CALLBACK (filters_changed), self);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (filters_changed), self);
  g_signal_connect_swapped (self->source_dropdown, "notify::selected",
                            G_CALLBACK (filters_changed), self);
  g_signal_connect_swapped (self->overdue_toggle, "toggled", G_CALLBACK (filters_changed), self);
  g_signal_connect_swapped (self->due_week_toggle, "toggled", G_CALLBACK (filters_changed),
                            self);
  g_signal_connect_swapped (self->mine_toggle, "toggled", G_CALLBACK (filters_changed), self);
  g_signal_connect_swapped (self->settings, "changed::my-cadre",
                            G_CALLBACK (my_cadre_changed_cb), self);
  update_mine_toggle (self);
  update_count (self);
  update_actions (self);
}
