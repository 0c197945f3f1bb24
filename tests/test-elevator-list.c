/* test-elevator-list.c — the Elevators page of a real window on the demo city synced from a
 * real xiaoqu-server: it lists every lift of the store, in the core's renewal order by
 * default (checked against priorities this test computes from the store's records), sorts
 * by another column when asked, and each filter and the search leave exactly the lifts an
 * SQL count on the same store finds. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xa-elevator-list-private.h"
#include "xa-elevator-row.h"
#include "xa-map-view-private.h"
#include "xa-priority-settings.h"
#include "xa-test-store.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

static XaApplication *app;

typedef struct
{
  GHashTable      *priorities;   /* id → XaPriority */
  gint64           now;
  XaPriorityParams params;
} Scoring;

static void
score_elevator (gconstpointer record,
                gpointer      user_data)
{
  const XaElevator *elevator = record;
  Scoring *scoring = user_data;
  XaPriority *priority = g_new0 (XaPriority, 1);

  xa_elevator_priority (elevator, scoring->now, &scoring->params, priority);
  g_hash_table_insert (scoring->priorities, g_strdup (elevator->id), priority);
}

static const XaElevatorRowData *
shown_row (XaElevatorList *list,
           guint           position)
{
  g_autoptr(XaElevatorRow) row = g_list_model_get_item (_xa_elevator_list_get_shown (list),
                                                        position);

  /* The model keeps its own reference: the data outlives this one. */
  return xa_elevator_row_get_data (row);
}

static guint
n_shown (XaElevatorList *list)
{
  return g_list_model_get_n_items (_xa_elevator_list_get_shown (list));
}

static void
assert_count_text (XaElevatorList *list,
                   guint           shown,
                   guint           total)
{
  g_autofree char *shown_text = xa_test_group_thousands (shown);
  g_autofree char *total_text = xa_test_group_thousands (total);
  g_autofree char *want = g_strdup_printf (ngettext ("%s of %s elevator", "%s of %s elevators",
                                                     total), shown_text, total_text);

  g_assert_cmpstr (_xa_elevator_list_get_count_text (list), ==, want);
}

/* The number of lifts @where (SQL over elevator e joined to its compound c) selects. */
static gint64
sql_count (XaStore    *store,
           const char *where)
{
  return xa_test_store_queryf (store, "SELECT count(*) FROM elevator e JOIN compound c "
                                      "ON c.id = e.compound WHERE %s", where);
}

/* Chooses @choice in the filter @id and checks the rows left (with the other filters as they
 * are) against @where; then back to "all". */
static void
check_filter (XaElevatorList *list,
              XaStore        *store,
              const char     *id,
              guint           choice,
              const char     *where)
{
  GtkDropDown *dropdown = _xa_elevator_list_child (list, GtkDropDown, id);
  guint total = g_list_model_get_n_items (_xa_elevator_list_get_rows (list));
  gint64 want = sql_count (store, where);

  gtk_drop_down_set_selected (dropdown, choice);
  g_assert_cmpint (n_shown (list), ==, want);
  assert_count_text (list, (guint) want, total);
  gtk_drop_down_set_selected (dropdown, 0);
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  return xa_test_ui_find_column (view, title);
}

/* Types @text into the search and waits for the search entry's delay to pass. */
static void
search (XaElevatorList *list,
        const char     *text)
{
  GtkEditable *entry = _xa_elevator_list_child (list, GtkEditable, "search_entry");

  gtk_editable_set_text (entry, text);
  /* GtkSearchEntry waits 150 ms after the last key before it says the text changed. */
  xa_test_ui_spin (400);
}

/* The position of the one row selected in the table. */
static guint
selected_position (XaElevatorList *list)
{
  GtkColumnView *view = _xa_elevator_list_get_column_view (list);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (
                                    gtk_column_view_get_model (view));

  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  return gtk_bitset_get_minimum (selected);
}

static void
assert_selected (XaElevatorList *list,
                 const char     *id)
{
  g_assert_cmpstr (shown_row (list, selected_position (list))->id, ==, id);
}

/* The first GtkEventControllerMotion of @widget. */
static GtkEventController *
motion_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        return controller;
    }
  g_assert_not_reached ();
}

/* The first row's reason shows whole as its tooltip while the pointer is over it (the
 * tooltip is set on entering, not at every bind), and none after it leaves. */
static void
check_reason_tooltip (XaWindow       *window,
                      XaElevatorList *list)
{
  g_autofree char *reason = xa_elevator_priority_explain (&shown_row (list, 0)->priority);
  GtkWidget *label = xa_test_ui_find_label (GTK_WIDGET (window), reason);
  GtkEventController *motion;

  g_assert_nonnull (label);
  g_assert_null (gtk_widget_get_tooltip_text (label));
  motion = motion_controller (label);
  g_signal_emit_by_name (motion, "enter", 1.0, 1.0);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, reason);
  g_signal_emit_by_name (motion, "leave");
  g_assert_null (gtk_widget_get_tooltip_text (label));
}

/* Gives @list @store again, as the window does after each sync; TRUE when it read its rows
 * again (its first row is another object). */
static gboolean
reads_again (XaElevatorList *list,
             XaStore        *store,
             GSettings      *settings)
{
  g_autoptr(GObject) before = g_list_model_get_item (_xa_elevator_list_get_rows (list), 0);
  g_autoptr(GObject) after = NULL;

  xa_elevator_list_set_store (list, store, settings);
  after = g_list_model_get_item (_xa_elevator_list_get_rows (list), 0);
  return before != after;
}

static void
test_elevator_list (void)
{
  g_autofree char *store_path = xa_test_sync_demo ("elevators.db", NULL, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GHashTable) priorities = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, g_free);
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *planned = NULL;
  g_autofree char *old = NULL;
  g_autofree char *young = NULL;
  g_autofree char *today = NULL;
  g_autofree char *code = NULL;
  g_autofree char *due = NULL;
  g_autofree char *district_where = NULL;
  g_autofree char *maker = NULL;
  g_autofree char *maker_where = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *selected_id = NULL;
  Scoring scoring = { .priorities = priorities };
  const XaPriority *best = NULL;
  const XaElevatorRowData *row;
  GtkAdjustment *hadjustment;
  GtkColumnView *view;
  XaElevatorList *list;
  XaWindow *window;
  GHashTableIter iter;
  gpointer value;
  gint64 total;
  guint top, with_faults = 0, with_q0;
  int top_score;

  store = xa_test_store_open (store_path);
  total = xa_store_count (store, XA_RECORD_ELEVATOR);
  g_assert_cmpint (total, >, 100);

  window = xa_test_window_open (app, store_path);
  _xa_window_show_view (window, "elevators");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "elevators");
  list = _xa_window_get_elevator_list (window);
  view = _xa_elevator_list_get_column_view (list);

  /* Every lift, once. */
  g_assert_cmpint (g_list_model_get_n_items (_xa_elevator_list_get_rows (list)), ==, total);
  g_assert_cmpint (n_shown (list), ==, total);
  assert_count_text (list, (guint) total, (guint) total);

  /* The renewal order, by priorities computed here from the store's own records. */
  scoring.now = g_get_real_time () / G_USEC_PER_SEC;
  xa_priority_params_from_settings (settings, &scoring.params);
  g_assert_true (xa_store_foreach (store, XA_RECORD_ELEVATOR, score_elevator, &scoring,
                                   &error));
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, priorities);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (best == NULL || xa_elevator_priority_compare (value, best) < 0)
      best = value;
  g_assert_true (best->in_scope);
  top = MIN (200, n_shown (list));
  for (guint i = 0; i < top; i++)
    {
      const XaPriority *mine = g_hash_table_lookup (priorities, shown_row (list, i)->id);

      g_assert_nonnull (mine);
      g_assert_cmpint (shown_row (list, i)->priority.score, ==, mine->score);
      if (i == 0)
        g_assert_cmpint (xa_elevator_priority_compare (mine, best), ==, 0);
      else
        g_assert_cmpint (xa_elevator_priority_compare (
                           g_hash_table_lookup (priorities, shown_row (list, i - 1)->id),
                           mine), <=, 0);
    }
  top_score = shown_row (list, 0)->priority.score;
  g_test_message ("top score %d", top_score);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "elevators");
  check_reason_tooltip (window, list);

  /* Another column's order, then the priority's again. */
  first_id = g_strdup (shown_row (list, 0)->id);
  gtk_column_view_sort_by_column (view, find_column (view, _("Registration Code")),
                                  GTK_SORT_ASCENDING);
  for (guint i = 1; i < n_shown (list); i++)
    g_assert_cmpstr (shown_row (list, i - 1)->registration_code, <=,
                     shown_row (list, i)->registration_code);
  g_assert_cmpstr (shown_row (list, 0)->id, !=, first_id);
  gtk_column_view_sort_by_column (view, find_column (view, _("Faults (12 m)")),
                                  GTK_SORT_DESCENDING);
  for (guint i = 1; i < n_shown (list); i++)
    g_assert_cmpint (shown_row (list, i - 1)->faults_12m, >=, shown_row (list, i)->faults_12m);
  gtk_column_view_sort_by_column (view, find_column (view, _("Priority")),
                                  GTK_SORT_DESCENDING);
  g_assert_cmpstr (shown_row (list, 0)->id, ==, first_id);

  /* Each filter against the store. */
  check_filter (list, store, "status_dropdown", 1 + XA_RENEWAL_PLANNED,
                "e.renewal_status = 'planned'");
  check_filter (list, store, "status_dropdown", 1 + XA_RENEWAL_DONE,
                "e.renewal_status = 'done'");
  /* Years in service count in days of UTC+8. */
  today = g_strdup_printf ("date(%" G_GINT64_FORMAT ", 'unixepoch', '+8 hours')", scoring.now);
  old = g_strdup_printf ("e.commissioned <= date(%" G_GINT64_FORMAT ", 'unixepoch', "
                         "'+8 hours', '-20 years')", scoring.now);
  check_filter (list, store, "age_dropdown", 3, old);
  young = g_strdup_printf ("e.commissioned > date(%" G_GINT64_FORMAT ", 'unixepoch', "
                           "'+8 hours', '-15 years')", scoring.now);
  check_filter (list, store, "age_dropdown", 1, young);
  check_filter (list, store, "assessment_dropdown", 1, "e.assessment_grade IS NULL");
  check_filter (list, store, "assessment_dropdown", 5, "e.assessment_grade = 'C'");
  /* Due, by the rule of help/C/figures.page: 15 years or more, not renewed, and no
   * assessment in the last 3 years (a grade without a date counts until 18 years). */
  due = g_strdup_printf ("e.renewal_status != 'done' AND e.commissioned <= date(%1$s, '-15 years') "
                         "AND ((e.assessed_on IS NOT NULL AND e.assessed_on <= date(%1$s, "
                         "'-3 years')) OR (e.assessed_on IS NULL AND e.assessment_grade IS NULL) "
                         "OR (e.assessed_on IS NULL AND e.assessment_grade IS NOT NULL AND "
                         "e.commissioned <= date(%1$s, '-18 years')))", today);
  check_filter (list, store, "assessment_dropdown", 2, due);
  check_filter (list, store, "funding_dropdown", 1, "e.funding_source IS NULL");
  check_filter (list, store, "funding_dropdown", 2, "e.funding_source = 'special_bonds'");
  /* A picture of the table's last columns, with a filter on. */
  gtk_drop_down_set_selected (_xa_elevator_list_child (list, GtkDropDown, "funding_dropdown"), 2);
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_upper (hadjustment));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "elevators-funded");
  gtk_adjustment_set_value (hadjustment, 0);
  gtk_drop_down_set_selected (_xa_elevator_list_child (list, GtkDropDown, "funding_dropdown"), 0);

  planned = g_strdup ("e.renewal_status = 'planned' AND e.funding_source = 'special_bonds'");
  gtk_drop_down_set_selected (_xa_elevator_list_child (list, GtkDropDown, "status_dropdown"),
                              1 + XA_RENEWAL_PLANNED);
  check_filter (list, store, "funding_dropdown", 2, planned);
  gtk_drop_down_set_selected (_xa_elevator_list_child (list, GtkDropDown, "status_dropdown"), 0);
  g_assert_cmpint (n_shown (list), ==, total);

  /* The district chosen on the map. */
  gtk_drop_down_set_selected (_xa_map_view_child (_xa_window_get_map_view (window),
                                                  GtkDropDown, "district_dropdown"), 1);
  g_assert_nonnull (_xa_window_get_district (window));
  district_where = g_strdup_printf ("c.district = '%s'", _xa_window_get_district (window));
  g_assert_cmpint (n_shown (list), ==, sql_count (store, district_where));
  g_assert_cmpint (n_shown (list), <, total);
  g_assert_nonnull (strstr (_xa_elevator_list_get_count_text (list),
                            xa_map_view_get_district_name (_xa_window_get_map_view (window))));
  gtk_drop_down_set_selected (_xa_map_view_child (_xa_window_get_map_view (window),
                                                  GtkDropDown, "district_dropdown"), 0);
  g_assert_cmpint (n_shown (list), ==, total);

  /* Text: the maker of the first row, in lower case, and a registration code. */
  maker = g_ascii_strdown (shown_row (list, 0)->maker, -1);
  g_assert_null (strchr (maker, '\''));
  maker_where = g_strdup_printf ("c.name LIKE '%%%s%%' OR e.registration_code LIKE '%%%s%%' "
                                 "OR e.maker LIKE '%%%s%%'", maker, maker, maker);
  search (list, maker);
  g_assert_cmpint (n_shown (list), ==, sql_count (store, maker_where));
  g_assert_cmpint (n_shown (list), <, total);
  /* Typing on narrows, deleting widens again: "q0", then a whole code, then "q0". */
  code = g_strdup (shown_row (list, 0)->registration_code);
  g_assert_nonnull (strstr (code, "Q0"));
  search (list, "q0");
  with_q0 = n_shown (list);
  g_assert_cmpint (with_q0, ==, sql_count (store, "c.name LIKE '%q0%' OR "
                                           "e.registration_code LIKE '%q0%' OR "
                                           "e.maker LIKE '%q0%'"));
  search (list, code);
  g_assert_cmpint (n_shown (list), ==, 1);
  g_assert_cmpstr (shown_row (list, 0)->registration_code, ==, code);
  search (list, "q0");
  g_assert_cmpuint (n_shown (list), ==, with_q0);
  search (list, "");
  g_assert_cmpint (n_shown (list), ==, total);

  /* Ctrl+F on this page searches the lifts, and stays on it. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.map-search", NULL));
  g_assert_cmpstr (_xa_window_get_page (window), ==, "elevators");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (_xa_elevator_list_child (
                                                       list, GtkWidget, "search_entry"))));

  /* Selecting a row selects its compound on the map. */
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE);
  g_assert_cmpstr (xa_compound_layer_get_selected_id (
                     _xa_map_view_get_layer (_xa_window_get_map_view (window))), ==,
                   shown_row (list, 0)->compound_id);

  /* The selected row stays selected, wherever a sort or a search that keeps it moves it. */
  selected_id = g_strdup (shown_row (list, 0)->id);
  gtk_column_view_sort_by_column (view, find_column (view, _("Registration Code")),
                                  GTK_SORT_ASCENDING);
  assert_selected (list, selected_id);
  search (list, shown_row (list, selected_position (list))->registration_code);
  g_assert_cmpint (n_shown (list), ==, 1);
  assert_selected (list, selected_id);
  search (list, "");
  assert_selected (list, selected_id);
  gtk_column_view_sort_by_column (view, find_column (view, _("Priority")),
                                  GTK_SORT_DESCENDING);
  assert_selected (list, selected_id);
  g_assert_cmpuint (selected_position (list), ==, 0);

  /* Enter on a row: the map, with the row's compound selected. */
  g_signal_emit_by_name (view, "activate", 1);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "map");
  g_assert_cmpstr (xa_compound_layer_get_selected_id (
                     _xa_map_view_get_layer (_xa_window_get_map_view (window))), ==,
                   shown_row (list, 1)->compound_id);
  _xa_window_show_view (window, "elevators");

  /* New weights: the rows are scored again. */
  g_settings_set_int (settings, "priority-points-per-fault", 0);
  g_settings_set_int (settings, "priority-faults-cap", 0);
  /* The list waits for the settings to settle (a quarter of a second) before scoring. */
  for (guint waited = 0; waited < 5000 && shown_row (list, 0)->priority.score == top_score;
       waited += 50)
    xa_test_ui_spin (50);
  for (guint i = 0; i < top; i++)
    {
      row = shown_row (list, i);
      with_faults += row->priority.in_scope && row->faults_12m > 0;
      for (guint j = 0; j < row->priority.n_reasons; j++)
        g_assert_cmpint (row->priority.reasons[j].kind, !=, XA_PRIORITY_REASON_FAULTS);
    }
  g_assert_cmpuint (with_faults, >, 0);
  g_settings_reset (settings, "priority-points-per-fault");
  g_settings_reset (settings, "priority-faults-cap");

  /* A store read again after a sync that brought nothing: the rows stay as they are. */
  g_assert_true (reads_again (list, store, settings));
  g_assert_false (reads_again (list, store, settings));

  xa_test_window_close (window);
}

int
main (int   argc,
      char *argv[])
{
  return xa_test_window_main (&argc, &argv, &app, "/elevator-list/page", test_elevator_list);
}
