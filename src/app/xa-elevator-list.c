/* xa-elevator-list.c — see xa-elevator-list.h. The models: every row in a GListStore, and
 * what the table shows of them, sorted by the column view's sorter and filtered, in an
 * XaElevatorModel (xa-elevator-model.c), so that typing in the search narrows an already
 * sorted list instead of sorting again at each key. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "xa-agenda-sources.h"
#include "xa-accessible.h"
#include "xa-elevator-columns.h"
#include "xa-elevator-list-private.h"
#include "xa-elevator-model.h"
#include "xa-elevator-renewal.h"
#include "xa-elevator-row.h"
#include "xa-format.h"
#include "xa-metrics.h"
#include "xa-outbox-mark.h"
#include "xa-priority-settings.h"
#include "xa-record-words.h"
#include "xa-store-edits.h"


#define RESCORE_DELAY_MS 250

/* The choices of the age and assessment filters, after "all" (0). */
enum { AGE_UNDER_SCOPE = 1, AGE_SCOPE, AGE_OLD };
enum { ASSESSMENT_NONE = 1, ASSESSMENT_DUE, ASSESSMENT_GRADE_A };

struct _XaElevatorList
{
  AdwBin              parent_instance;

  /* template */
  GtkBox             *filter_bar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *age_dropdown;
  GtkDropDown        *assessment_dropdown;
  GtkDropDown        *funding_dropdown;
  GtkLabel           *count_label;
  GtkColumnView      *column_view;

  GListStore         *rows;
  GtkCustomFilter    *filter;
  /* The rows shown: sorted and filtered. */
  XaElevatorModel    *filtered;
  GtkMultiSelection  *selection;
  GtkPopoverMenu     *row_popover;
  /* The renewal change of the selected rows, its toast and its undo. */
  XaElevatorRenewal  *renewal;

  XaStore            *store;
  GSettings          *settings;
  /* The rows no longer match the store or the settings: read them at the next map. */
  gboolean            stale;
  /* What the rows were read from (store_fingerprint()): a sync that brought nothing new,
   * on the same day, leaves them as they are. */
  char               *fingerprint;
  /* Scoring again after a change of the settings waits for them to settle. */
  guint               rescore_id;
  char               *district;
  char               *district_name;
  /* What the search entry holds, stripped; matched without regard to ASCII case. */
  char               *search;
  /* The years of the age bands, from the priority settings the rows were scored with. */
  int                 scope_years;
  int                 old_years;
  /* The drop-downs' choices as of their last change: the filter reads them 100,000 times
   * a change, and asking each drop-down each time cost as much as the rest of the filter. */
  guint               status_choice;
  guint               age_choice;
  guint               assessment_choice;
  guint               funding_choice;
};

G_DEFINE_FINAL_TYPE (XaElevatorList, xa_elevator_list, ADW_TYPE_BIN)

enum {
  SIGNAL_COMPOUND_SELECTED,
  SIGNAL_COMPOUND_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Reading the rows ---- */

typedef struct
{
  GHashTable *district_names;   /* code → name */
  GHashTable *compounds;        /* id → XaElevatorRowWords of its lifts (maker and model
                                 * NULL) */
  GHashTable *words;            /* the interned words of this reading, each held once */
  GPtrArray  *rows;
  GHashTable *outbox_states;    /* id → XaOutboxState + 1 */
  gint64      now;
  XaPriorityParams params;
} Loading;

/* @text (NULL: "") interned, held by @loading until the rows are read: each distinct word
 * goes through GLib's global table of interned strings once, not once a row. */
static char *
intern (Loading    *loading,
        const char *text)
{
  char *word = g_hash_table_lookup (loading->words, text != NULL ? text : "");

  if (word == NULL)
    {
      word = g_ref_string_new_intern (text != NULL ? text : "");
      g_hash_table_add (loading->words, word);
    }
  return word;
}

static void
collect_district (gconstpointer record,
                  gpointer      user_data)
{
  const XaDistrict *district = record;
  Loading *loading = user_data;

  g_hash_table_insert (loading->district_names, g_strdup (district->code),
                       g_strdup (district->name));
}

static void
collect_compound (gconstpointer record,
                  gpointer      user_data)
{
  const XaCompound *compound = record;
  Loading *loading = user_data;
  XaElevatorRowWords *words = g_new0 (XaElevatorRowWords, 1);

  words->compound_id = intern (loading, compound->id);
  words->compound_name = intern (loading, compound->name);
  words->district_code = intern (loading, compound->district);
  words->district_name = intern (loading, compound->district != NULL
                                          ? g_hash_table_lookup (loading->district_names,
                                                                 compound->district)
                                          : NULL);
  g_hash_table_insert (loading->compounds, words->compound_id, words);
}

static void
collect_elevator (gconstpointer record,
                  gpointer      user_data)
{
  const XaElevator *elevator = record;
  Loading *loading = user_data;
  XaElevatorRowWords *compound = g_hash_table_lookup (loading->compounds, elevator->compound);
  XaElevatorRowWords words = { 0 };
  XaPriority priority;
  gboolean due;

  if (compound != NULL)
    words = *compound;
  else
    {
      words.compound_id = words.compound_name = intern (loading, elevator->compound);
      words.district_code = words.district_name = intern (loading, NULL);
    }
  words.maker = intern (loading, elevator->maker);
  words.model = intern (loading, elevator->model);
  xa_elevator_priority (elevator, loading->now, &loading->params, &priority);
  /* The years the priority counted: the dates are parsed once a row. */
  due = xa_metrics_elevator_assessment_due_at (elevator, priority.years, loading->now,
                                               loading->params.reassessment_years);
  g_ptr_array_add (loading->rows,
                   xa_elevator_row_new (elevator, &words, &priority, due,
                                        GPOINTER_TO_INT (g_hash_table_lookup (
                                                           loading->outbox_states,
                                                           elevator->id)) - 1));
}

/* Changes whenever a sync stores anything (the feed's cursor moves on) or the day changes
 * (years in service, assessments due); NULL when the store has no cursor, and then the
 * rows are always read again. */
static char *
store_fingerprint (XaStore *store)
{
  g_autofree char *server = xa_store_dup_server (store);
  g_autofree char *cursor = server != NULL ? xa_store_dup_cursor (store, server) : NULL;
  /* Days of UTC+8, as the priority counts them. */
  gint64 day = (g_get_real_time () / G_USEC_PER_SEC + 8 * 3600) / 86400;
  /* A sync that only pushed edits, or had one refused, moves no cursor but changes the
   * rows' marks. */
  g_autoptr(GPtrArray) outbox = cursor != NULL ? xa_store_list_outbox (store, FALSE, NULL)
                                               : NULL;
  g_autoptr(GString) edits = g_string_new (NULL);

  if (cursor == NULL || outbox == NULL)
    return NULL;
  for (guint i = 0; i < outbox->len; i++)
    g_string_append_printf (edits, " %" G_GINT64_FORMAT ":%d",
                            ((XaOutboxEntry *) outbox->pdata[i])->local_id,
                            ((XaOutboxEntry *) outbox->pdata[i])->state);
  return g_strdup_printf ("%" G_GINT64_FORMAT " %s%s", day, cursor, edits->str);
}

static void
load (XaElevatorList *self)
{
  g_autoptr(GHashTable) district_names = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                g_free, g_free);
  g_autoptr(GHashTable) compounds = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                           NULL, g_free);
  g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                       (GDestroyNotify) g_ref_string_release,
                                                       NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) outbox_states = NULL;
  g_autoptr(GError) error = NULL;
  Loading loading = {
    .district_names = district_names,
    .compounds = compounds,
    .words = words,
    .rows = rows,
    .now = g_get_real_time () / G_USEC_PER_SEC,
  };

  self->stale = FALSE;
  if (self->store == NULL)
    {
      g_list_store_remove_all (self->rows);
      return;
    }

  g_free (self->fingerprint);
  self->fingerprint = store_fingerprint (self->store);
  xa_priority_params_from_settings (self->settings, &loading.params);
  self->scope_years = loading.params.scope_years;
  self->old_years = loading.params.old_years;
  outbox_states = xa_store_outbox_states (self->store, XA_RECORD_ELEVATOR, &error);
  loading.outbox_states = outbox_states;
  if (outbox_states == NULL
      || !xa_store_foreach (self->store, XA_RECORD_DISTRICT, collect_district, &loading, &error)
      || !xa_store_foreach (self->store, XA_RECORD_COMPOUND, collect_compound, &loading,
                            &error)
      || !xa_store_foreach (self->store, XA_RECORD_ELEVATOR, collect_elevator, &loading,
                            &error))
    {
      /* The list then shows what it read before; the window reports store errors. */
      g_warning ("Could not read the elevators for the renewal list: %s", error->message);
      return;
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

static gboolean
rescore_cb (gpointer user_data)
{
  XaElevatorList *self = user_data;

  self->rescore_id = 0;
  if (self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  return G_SOURCE_REMOVE;
}

/* A spin button in Preferences changes its key at each step: the 100,000 rows are scored
 * again once the steps pause, not at each of them. */
static void
priority_setting_changed_cb (XaElevatorList *self,
                             const char     *key)
{
  if (!g_str_has_prefix (key, "priority-") && strcmp (key, "reassessment-interval") != 0)
    return;
  self->stale = TRUE;
  g_clear_handle_id (&self->rescore_id, g_source_remove);
  self->rescore_id = g_timeout_add (RESCORE_DELAY_MS, rescore_cb, self);
}

void
xa_elevator_list_set_store (XaElevatorList *self,
                            XaStore        *store_or_NULL,
                            GSettings      *settings)
{
  g_return_if_fail (XA_IS_ELEVATOR_LIST (self));
  g_return_if_fail (store_or_NULL == NULL || XA_IS_STORE (store_or_NULL));
  g_return_if_fail (store_or_NULL == NULL || G_IS_SETTINGS (settings));

  if (store_or_NULL != NULL && store_or_NULL == self->store && settings == self->settings
      && !self->stale && self->fingerprint != NULL)
    {
      g_autofree char *fingerprint = store_fingerprint (store_or_NULL);

      if (g_strcmp0 (fingerprint, self->fingerprint) == 0)
        return;
    }
  g_set_object (&self->store, store_or_NULL);
  xa_elevator_renewal_set_store (self->renewal, store_or_NULL);
  if (settings != self->settings)
    {
      if (self->settings != NULL)
        g_signal_handlers_disconnect_by_data (self->settings, self);
      g_set_object (&self->settings, settings);
      if (settings != NULL)
        g_signal_connect_swapped (settings, "changed",
                                  G_CALLBACK (priority_setting_changed_cb), self);
    }
  self->stale = TRUE;
  /* A closing store lets go of its rows now: they are of records about to go. */
  if (store_or_NULL == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

/* ---- Filtering ---- */

/* Whether @haystack holds @needle, ASCII letters in any case: "otis" finds "OTIS", and
 * Chinese text matches as it is, without allocating for each of 100,000 rows. */
static gboolean
contains (const char *haystack,
          const char *needle)
{
  size_t length = strlen (needle);
  char first = g_ascii_tolower (*needle);

  if (length == 0)
    return *haystack != '\0';
  /* Comparing the first byte here first: most places of most rows end there. */
  for (; *haystack != '\0'; haystack++)
    if (g_ascii_tolower (*haystack) == first
        && g_ascii_strncasecmp (haystack, needle, length) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  XaElevatorList *self = user_data;
  const XaElevatorRowData *d = xa_elevator_row_get_data (item);
  guint status = self->status_choice;
  guint age = self->age_choice;
  guint assessment = self->assessment_choice;
  guint funding = self->funding_choice;

  if (self->district != NULL && strcmp (d->district_code, self->district) != 0)
    return FALSE;
  if (status > 0 && status != GTK_INVALID_LIST_POSITION
      && (guint) d->renewal_status != status - 1)
    return FALSE;
  if (age > 0 && age != GTK_INVALID_LIST_POSITION)
    {
      double years = d->priority.years;

      if (isnan (years))
        return FALSE;
      if (age == AGE_UNDER_SCOPE && years >= self->scope_years)
        return FALSE;
      if (age == AGE_SCOPE && (years < self->scope_years || years >= self->old_years))
        return FALSE;
      if (age == AGE_OLD && years < self->old_years)
        return FALSE;
    }
  if (assessment > 0 && assessment != GTK_INVALID_LIST_POSITION)
    {
      if (assessment == ASSESSMENT_NONE && d->assessment_grade != XA_GRADE_NONE)
        return FALSE;
      if (assessment == ASSESSMENT_DUE && !d->assessment_due)
        return FALSE;
      if (assessment >= ASSESSMENT_GRADE_A
          && (int) d->assessment_grade != (int) (assessment - ASSESSMENT_GRADE_A))
        return FALSE;
    }
  /* 1: no funding (XA_FUNDING_NONE, -1), then the sources in their order. */
  if (funding > 0 && funding != GTK_INVALID_LIST_POSITION
      && (int) d->funding_source != (int) funding - 2)
    return FALSE;
  if (self->search != NULL
      && !contains (d->compound_name, self->search)
      && !contains (d->registration_code, self->search)
      && !contains (d->maker, self->search))
    return FALSE;
  return TRUE;
}

static void
update_count (XaElevatorList *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *shown_text = xa_format_count (shown);
  g_autofree char *total_text = xa_format_count (total);
  g_autofree char *text = NULL;

  /* Translators: the count above the elevator list; the first %s is how many the filters
   * leave, the second how many there are, e.g. "1,234 of 60,000 elevators". */
  text = g_strdup_printf (ngettext ("%s of %s elevator", "%s of %s elevators", total),
                          shown_text, total_text);
  if (self->district_name != NULL)
    {
      g_autofree char *in_district = NULL;

      /* Translators: the count above the elevator list when the map shows one district;
       * the first %s is the count ("1,234 of 60,000 elevators"), the second the district,
       * which the map's district filter chose. */
      in_district = g_strdup_printf (_("%s, in %s as chosen on the map"), text,
                                     self->district_name);
      gtk_label_set_label (self->count_label, in_district);
      return;
    }
  gtk_label_set_label (self->count_label, text);
}

static void
filters_changed (XaElevatorList *self)
{
  /* The drop-downs may still speak while the widget is disposed, after the models. */
  if (self->filter == NULL)
    return;
  self->status_choice = gtk_drop_down_get_selected (self->status_dropdown);
  self->age_choice = gtk_drop_down_get_selected (self->age_dropdown);
  self->assessment_choice = gtk_drop_down_get_selected (self->assessment_dropdown);
  self->funding_choice = gtk_drop_down_get_selected (self->funding_dropdown);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
search_changed_cb (XaElevatorList *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (
                                                  GTK_EDITABLE (self->search_entry))));

  g_autofree char *before = g_steal_pointer (&self->search);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (*text != '\0')
    self->search = g_steal_pointer (&text);
  if (g_strcmp0 (before, self->search) == 0 || self->filter == NULL)
    return;
  /* Typing on only narrows the rows shown, and deleting only widens them: the filter model
   * then looks at those rows alone, not at all 100,000. */
  if (self->search == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (before == NULL || contains (self->search, before))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (contains (before, self->search))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

void
xa_elevator_list_set_district (XaElevatorList *self,
                               const char     *code_or_NULL,
                               const char     *name_or_NULL)
{
  g_return_if_fail (XA_IS_ELEVATOR_LIST (self));

  if (g_strcmp0 (self->district, code_or_NULL) == 0)
    return;
  g_free (self->district);
  self->district = g_strdup (code_or_NULL);
  g_free (self->district_name);
  self->district_name = g_strdup (code_or_NULL != NULL ? name_or_NULL : NULL);
  filters_changed (self);
  /* The name in the count changes even when the rows shown do not. */
  update_count (self);
}

void
xa_elevator_list_focus_search (XaElevatorList *self)
{
  g_return_if_fail (XA_IS_ELEVATOR_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- Columns ---- */

/* The reason of a row is long: the whole of it shows on hover. Its tooltip is set only
 * while the pointer is over it: setting a tooltip asks the display where the pointer is (a
 * round trip on X11), which for each of the 200 rows GTK binds again at every sort or
 * filter change cost more than the change. */
static void
reason_entered_cb (GtkEventController *motion)
{
  GtkWidget *label = gtk_event_controller_get_widget (motion);

  gtk_widget_set_tooltip_text (label, g_object_get_data (G_OBJECT (label), "xa-reason"));
}

static void
reason_left_cb (GtkEventController *motion)
{
  gtk_widget_set_tooltip_text (gtk_event_controller_get_widget (motion), NULL);
}

/* A cell's label of @column, for the row of @list_item. */
static GtkWidget *
cell_label_new (XaElevatorColumn  column,
                GtkListItem      *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xa_elevator_column_is_numeric (column) ? 1.0 : 0.0);
  /* Only the long texts give way; the others keep their width and the table scrolls. */
  if (column == XA_ELEVATOR_COLUMN_WHY || column == XA_ELEVATOR_COLUMN_COMPOUND)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (xa_elevator_column_is_numeric (column))
    gtk_widget_add_css_class (label, "numeric");
  /* The row's position for its context menu (row_pressed_cb()). */
  g_object_set_data (G_OBJECT (label), "xa-list-item", list_item);
  return label;
}

/* Each cell is one label: GTK 4.8 makes the cells of some 200 rows again at every change of
 * the rows shown (tests/bench-elevator-list), and each widget more in a cell is 200 more
 * to make, style and measure. The status cell of a lift with an edit in the outbox also
 * shows its mark (bind_status()). */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  XaElevatorColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = cell_label_new (column, list_item);

  if (column == XA_ELEVATOR_COLUMN_WHY)
    {
      GtkEventController *motion = gtk_event_controller_motion_new ();

      g_signal_connect (motion, "enter", G_CALLBACK (reason_entered_cb), NULL);
      g_signal_connect (motion, "leave", G_CALLBACK (reason_left_cb), NULL);
      gtk_widget_add_controller (label, motion);
    }
  gtk_list_item_set_child (list_item, label);
}

/* The status cell of @row: its label alone, or in a box with the mark of its edit in the
 * outbox, which few rows have. Returns the label. */
static GtkLabel *
bind_status (GtkListItem             *list_item,
             const XaElevatorRowData *d)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  gboolean marked = d->outbox_state >= 0;

  if (marked != GTK_IS_BOX (cell))
    {
      GtkWidget *label = cell_label_new (XA_ELEVATOR_COLUMN_STATUS, list_item);

      cell = label;
      if (marked)
        {
          cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          gtk_box_append (GTK_BOX (cell), label);
          gtk_box_append (GTK_BOX (cell), xa_outbox_mark_new ());
          g_object_set_data (G_OBJECT (cell), "xa-list-item", list_item);
        }
      gtk_list_item_set_child (list_item, cell);
    }
  if (!marked)
    return GTK_LABEL (cell);
  xa_outbox_mark_show (gtk_widget_get_last_child (cell), d->outbox_state, XA_RECORD_ELEVATOR);
  return GTK_LABEL (gtk_widget_get_first_child (cell));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  XaElevatorColumn column = GPOINTER_TO_INT (user_data);
  const XaElevatorRowData *d = xa_elevator_row_get_data (gtk_list_item_get_item (list_item));
  GtkLabel *label = column == XA_ELEVATOR_COLUMN_STATUS
                    ? bind_status (list_item, d)
                    : GTK_LABEL (gtk_list_item_get_child (list_item));
  g_autofree char *text = xa_elevator_column_text (d, column);

  gtk_label_set_label (label, text != NULL ? text : "—");
  if (column == XA_ELEVATOR_COLUMN_WHY)
    {
      /* Under the pointer (its tooltip set), a row bound again shows its own reason. */
      if (gtk_widget_get_has_tooltip (GTK_WIDGET (label)))
        gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
      g_object_set_data_full (G_OBJECT (label), "xa-reason", g_steal_pointer (&text), g_free);
    }
}

static void
add_columns (XaElevatorList *self)
{
  GtkColumnViewColumn *priority_column = NULL;

  for (XaElevatorColumn column = 0; column < XA_ELEVATOR_N_COLUMNS; column++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) view_column = NULL;
      GtkSorter *sorter;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
      view_column = gtk_column_view_column_new (xa_elevator_column_title (column), factory);
      sorter = xa_elevator_model_column_sorter_new (column);
      gtk_column_view_column_set_sorter (view_column, sorter);
      g_object_unref (sorter);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      if (column == XA_ELEVATOR_COLUMN_WHY)
        {
          gtk_column_view_column_set_expand (view_column, TRUE);
          gtk_column_view_column_set_fixed_width (view_column, 400);
        }
      else if (column == XA_ELEVATOR_COLUMN_COMPOUND)
        gtk_column_view_column_set_fixed_width (view_column, 160);
      gtk_column_view_append_column (self->column_view, view_column);
      if (column == XA_ELEVATOR_COLUMN_PRIORITY)
        priority_column = view_column;
    }
  gtk_column_view_sort_by_column (self->column_view, priority_column, GTK_SORT_DESCENDING);
}

/* Fills @dropdown with "all" and then @words. */
static void
set_choices (GtkDropDown *dropdown,
             const char  *all,
             const char  *const *words,
             guint        n_words)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, all);
  for (guint i = 0; i < n_words; i++)
    gtk_string_list_append (choices, words[i]);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (dropdown, 0);
}

static void
fill_filters (XaElevatorList *self)
{
  const char *statuses[XA_RENEWAL_DONE + 1];
  const char *ages[] = {
    _("Under 15 years"),
    _("15 to 20 years"),
    _("20 years or more"),
  };
  const char *assessments[] = {
    _("Never assessed"),
    _("Assessment due"),
    _("Grade A"), _("Grade B"), _("Grade C"), _("Grade D"),
  };
  const char *fundings[] = {
    _("No funding"),
    xa_record_words_funding (XA_FUNDING_SPECIAL_BONDS),
    xa_record_words_funding (XA_FUNDING_MAINTENANCE_FUND),
    xa_record_words_funding (XA_FUNDING_OWNERS),
    xa_record_words_funding (XA_FUNDING_OTHER),
  };

  for (int status = XA_RENEWAL_NONE; status <= XA_RENEWAL_DONE; status++)
    statuses[status] = xa_record_words_renewal (status);
  set_choices (self->status_dropdown, _("Any renewal status"), statuses,
               G_N_ELEMENTS (statuses));
  set_choices (self->age_dropdown, _("Any age"), ages, G_N_ELEMENTS (ages));
  set_choices (self->assessment_dropdown, _("Any assessment"), assessments,
               G_N_ELEMENTS (assessments));
  set_choices (self->funding_dropdown, _("Any funding"), fundings, G_N_ELEMENTS (fundings));
}

/* ---- The selection and the renewal change of the rows selected ---- */

/* The rows selected, in the table's order (XaElevatorRow items). */
static GPtrArray *
selected_rows (XaElevatorList *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (
                                    GTK_SELECTION_MODEL (self->selection));
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (self->filtered), position));
  return rows;
}

/* Selects the rows shown of the lifts @ids, and only those. */
static void
select_ids (XaElevatorList     *self,
            const char * const *ids)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (wanted, (gpointer) ids[i]);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(XaElevatorRow) row = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (g_hash_table_contains (wanted, xa_elevator_row_get_data (row)->id))
        gtk_bitset_add (selected, i);
    }
  mask = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
}

/* One row selected selects its compound on the map. Many leave the map as it is: it shows
 * one compound, and following every Ctrl+click (or the first of 100,000 rows after Ctrl+A)
 * would only make the side panel jump while the user gathers rows. */
static void
selection_changed_cb (XaElevatorList *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (
                                    GTK_SELECTION_MODEL (self->selection));
  g_autoptr(XaElevatorRow) row = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "elevators.change-renewal",
                                 self->store != NULL && !gtk_bitset_is_empty (selected));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "elevators.add-to-agenda",
                                 !gtk_bitset_is_empty (selected));
  if (gtk_bitset_get_size (selected) != 1)
    return;
  row = g_list_model_get_item (G_LIST_MODEL (self->filtered), gtk_bitset_get_minimum (selected));
  if (row != NULL)
    g_signal_emit (self, signals[SIGNAL_COMPOUND_SELECTED], 0,
                   xa_elevator_row_get_data (row)->compound_id);
}

/* A right click on a row: the row menu, for the selection when the row is in it, for the
 * row alone otherwise. */
static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                XaElevatorList  *self)
{
  GtkWidget *view = GTK_WIDGET (self->column_view);
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  GtkListItem *item = NULL;
  GdkRectangle at = { (int) x, (int) y, 1, 1 };
  guint position;

  for (GtkWidget *w = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
       w != NULL && w != view && item == NULL; w = gtk_widget_get_parent (w))
    item = g_object_get_data (G_OBJECT (w), "xa-list-item");
  if (item == NULL)
    return;
  position = gtk_list_item_get_position (item);
  if (!gtk_selection_model_is_selected (model, position))
    gtk_selection_model_select_item (model, position, TRUE);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_popover), &at);
  gtk_popover_popup (GTK_POPOVER (self->row_popover));
}

static void
change_renewal_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  XaElevatorList *self = XA_ELEVATOR_LIST (widget);
  g_autoptr(GPtrArray) rows = selected_rows (self);

  xa_elevator_renewal_ask (self->renewal, rows);
}

GStrv
xa_elevator_list_dup_agenda_compounds (XaElevatorList *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (XA_IS_ELEVATOR_LIST (self), NULL);

  rows = selected_rows (self);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *id = xa_elevator_row_get_data (g_ptr_array_index (rows, i))->compound_id;

      if (g_hash_table_add (seen, (gpointer) id))
        g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

/* The selected lifts' compounds to the window's agenda (win.agenda-add, xa-agenda-page.c). */
static void
add_to_agenda_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_auto(GStrv) ids = xa_elevator_list_dup_agenda_compounds (XA_ELEVATOR_LIST (widget));

  xa_agenda_sources_hand_over (widget, (const char * const *) ids);
}

static void
undo_renewal_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  xa_elevator_renewal_undo (XA_ELEVATOR_LIST (widget)->renewal);
}

/* The lifts @ids changed in the store: read again, they stay selected. */
static void
renewal_changed_cb (XaElevatorList *self,
                    GStrv           ids)
{
  self->stale = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  load (self);
  select_ids (self, (const char * const *) ids);
}

/* ---- The widget ---- */

static void
row_activated_cb (XaElevatorList *self,
                  guint           position)
{
  g_autoptr(XaElevatorRow) row = g_list_model_get_item (G_LIST_MODEL (self->filtered),
                                                        position);

  if (row != NULL)
    g_signal_emit (self, signals[SIGNAL_COMPOUND_ACTIVATED], 0,
                   xa_elevator_row_get_data (row)->compound_id);
}

static void
xa_elevator_list_map (GtkWidget *widget)
{
  XaElevatorList *self = XA_ELEVATOR_LIST (widget);

  GTK_WIDGET_CLASS (xa_elevator_list_parent_class)->map (widget);
  if (self->stale)
    load (self);
}

GPtrArray *
xa_elevator_list_get_shown_ids (XaElevatorList *self)
{
  GListModel *shown;
  GPtrArray *ids;
  guint n;

  g_return_val_if_fail (XA_IS_ELEVATOR_LIST (self), NULL);

  shown = G_LIST_MODEL (self->filtered);
  n = g_list_model_get_n_items (shown);
  ids = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(XaElevatorRow) row = g_list_model_get_item (shown, i);

      g_ptr_array_add (ids, g_strdup (xa_elevator_row_get_data (row)->id));
    }
  return ids;
}

GListModel *
_xa_elevator_list_get_rows (XaElevatorList *self)
{
  return G_LIST_MODEL (self->rows);
}

GListModel *
_xa_elevator_list_get_shown (XaElevatorList *self)
{
  return G_LIST_MODEL (self->filtered);
}

GtkColumnView *
_xa_elevator_list_get_column_view (XaElevatorList *self)
{
  return self->column_view;
}

const char *
_xa_elevator_list_get_count_text (XaElevatorList *self)
{
  return gtk_label_get_label (self->count_label);
}

static void
xa_elevator_list_dispose (GObject *object)
{
  XaElevatorList *self = XA_ELEVATOR_LIST (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_handle_id (&self->rescore_id, g_source_remove);
  if (self->renewal != NULL)
    g_signal_handlers_disconnect_by_data (self->renewal, self);
  g_clear_object (&self->renewal);
  if (self->row_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->row_popover));
  self->row_popover = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  gtk_widget_dispose_template (GTK_WIDGET (object), XA_TYPE_ELEVATOR_LIST);

  G_OBJECT_CLASS (xa_elevator_list_parent_class)->dispose (object);
}

static void
xa_elevator_list_finalize (GObject *object)
{
  XaElevatorList *self = XA_ELEVATOR_LIST (object);

  g_free (self->fingerprint);
  g_free (self->district);
  g_free (self->district_name);
  g_free (self->search);

  G_OBJECT_CLASS (xa_elevator_list_parent_class)->finalize (object);
}

static void
xa_elevator_list_class_init (XaElevatorListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xa_elevator_list_dispose;
  object_class->finalize = xa_elevator_list_finalize;
  widget_class->map = xa_elevator_list_map;

  signals[SIGNAL_COMPOUND_SELECTED] =
    g_signal_new ("compound-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_COMPOUND_ACTIVATED] =
    g_signal_new ("compound-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/xiaoquatlas/XiaoquAtlas/xa-elevator-list.ui");
  gtk_widget_class_bind_template_child (widget_class, XaElevatorList, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, XaElevatorList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XaElevatorList, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaElevatorList, age_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaElevatorList, assessment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaElevatorList, funding_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaElevatorList, count_label);
  gtk_widget_class_bind_template_child (widget_class, XaElevatorList, column_view);

  gtk_widget_class_install_action (widget_class, "elevators.change-renewal", NULL,
                                   change_renewal_action);
  gtk_widget_class_install_action (widget_class, "elevators.undo-renewal", NULL,
                                   undo_renewal_action);
  gtk_widget_class_install_action (widget_class, "elevators.add-to-agenda", NULL,
                                   add_to_agenda_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "elevators.change-renewal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "elevators.undo-renewal", NULL);
}

static void
xa_elevator_list_init (XaElevatorList *self)
{
  XaPriorityParams defaults = xa_priority_params_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->scope_years = defaults.scope_years;
  self->old_years = defaults.old_years;

  fill_filters (self);
  add_columns (self);
  xa_accessible_name_controls (GTK_WIDGET (self->filter_bar));

  self->rows = g_list_store_new (XA_TYPE_ELEVATOR_ROW);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = xa_elevator_model_new (G_LIST_MODEL (self->rows),
                                          gtk_column_view_get_sorter (self->column_view),
                                          GTK_FILTER (self->filter));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  xa_elevator_model_set_selection (self->filtered, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  self->renewal = xa_elevator_renewal_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->renewal, "changed", G_CALLBACK (renewal_changed_cb), self);
  {
    g_autoptr(GMenu) menu = g_menu_new ();
    GtkGesture *press = gtk_gesture_click_new ();

    g_menu_append (menu, _("Change _Renewal…"), "elevators.change-renewal");
    g_menu_append (menu, _("Add to _Agenda"), "elevators.add-to-agenda");
    self->row_popover = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (G_MENU_MODEL (menu)));
    gtk_popover_set_has_arrow (GTK_POPOVER (self->row_popover), FALSE);
    gtk_widget_set_parent (GTK_WIDGET (self->row_popover), GTK_WIDGET (self->column_view));
    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), GDK_BUTTON_SECONDARY);
    g_signal_connect (press, "pressed", G_CALLBACK (row_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (press));
  }

  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->rows, "items-changed", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected",
                            G_CALLBACK (filters_changed), self);
  g_signal_connect_swapped (self->age_dropdown, "notify::selected",
                            G_CALLBACK (filters_changed), self);
  g_signal_connect_swapped (self->assessment_dropdown, "notify::selected",
                            G_CALLBACK (filters_changed), self);
  g_signal_connect_swapped (self->funding_dropdown, "notify::selected",
                            G_CALLBACK (filters_changed), self);
  update_count (self);
  selection_changed_cb (self);
}
