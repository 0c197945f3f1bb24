/* test-agenda-editor.c — meeting agendas in the real window, on the demo city (dated today)
 * synced from a real xiaoqu-server, checked against SQL on the same store: an agenda built
 * by hand (the side panel's Add to Agenda, Ctrl+D, the editor's search), from the Problems
 * page's selected row, and from a filter (the Problems page's rows shown with status open,
 * tier consultation and overdue; a legend band's list of compounds), each compound once, in
 * the view's order; reordered by Alt+↑ / Alt+↓ and the Move buttons; an item removed and
 * put back; renamed (a blank name refused); deleted and undone; a topic typed just before
 * the window closes, there again after a restart; a compound the server deleted shown as
 * such. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xa-agenda-sources.h"
#include "xa-calendar.h"
#include "xa-elevator-list-private.h"
#include "xa-elevator-row.h"
#include "xa-map-view-private.h"
#include "xa-store-agendas.h"
#include "xa-test-store.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

static XaApplication *app;

typedef struct
{
  XaTestServer   *server;
  char           *store_path;
  XaStore        *store;
  XaWindow       *window;
  XaAgendaPage   *page;
  XaAgendaEditor *editor;
} Fixture;

/* The integer the SQL made from a printf-style format answers in @f's store. */
#define sql(f, ...) xa_test_store_queryf ((f)->store, __VA_ARGS__)

static gint64
current_id (Fixture *f)
{
  XaAgenda *agenda = xa_agenda_page_get_current (f->page);

  g_assert_nonnull (agenda);
  return xa_agenda_get_id (agenda);
}

/* The compound ids of the editor's rows, in order. */
static GPtrArray *
editor_ids (Fixture *f)
{
  GtkListBox *list = _xa_agenda_editor_get_items_list (f->editor);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    g_ptr_array_add (ids, g_strdup (g_object_get_data (G_OBJECT (row), "compound-id")));
  return ids;
}

/* Agenda @id as saved is exactly @ids in their order, each once, and the editor shows the
 * same rows when it is the agenda open. */
static void
assert_saved (Fixture   *f,
              gint64     id,
              GPtrArray *ids)
{
  g_assert_cmpint (sql (f, "SELECT count(*) FROM agenda_item WHERE agenda = %" G_GINT64_FORMAT,
                        id), ==, ids->len);
  g_assert_cmpint (sql (f, "SELECT count(DISTINCT compound) FROM agenda_item WHERE agenda = %"
                        G_GINT64_FORMAT, id), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (sql (f, "SELECT count(*) FROM agenda_item WHERE agenda = %" G_GINT64_FORMAT
                          " AND position = %u AND compound = '%s'", id, i,
                          (const char *) ids->pdata[i]), ==, 1);
  if (current_id (f) == id)
    {
      g_autoptr(GPtrArray) shown = editor_ids (f);

      g_assert_cmpuint (shown->len, ==, ids->len);
      for (guint i = 0; i < ids->len; i++)
        g_assert_cmpstr (shown->pdata[i], ==, ids->pdata[i]);
    }
}

static void
add_unique (GPtrArray  *ids,
            const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (ids->pdata[i], id))
      return;
  g_ptr_array_add (ids, g_strdup (id));
}

static void
collect_compound_cb (gconstpointer record,
                     gpointer      user_data)
{
  GPtrArray *compounds = user_data;

  if (compounds->len < 5)
    g_ptr_array_add (compounds, g_strdup (((const XaCompound *) record)->id));
}

/* The name dialog of New or Rename, answered with @name. */
static void
answer_name_dialog (const char *name,
                    const char *response)
{
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  xa_test_ui_spin (100);
  dialog = ADW_MESSAGE_DIALOG (xa_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_test_message ("dialog: %s — %s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog));
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  /* A name of blanks cannot be answered. */
  gtk_editable_set_text (entry, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, response));
  gtk_editable_set_text (entry, name);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  /* As its button answers: the response, then the dialog goes. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  xa_test_ui_spin (100);
}

static void
new_agenda (Fixture    *f,
            const char *name)
{
  gint64 before = xa_agenda_page_get_current (f->page) != NULL ? current_id (f) : 0;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "agendas.new", NULL);
  answer_name_dialog (name, "create");
  g_assert_cmpint (current_id (f), !=, before);
  g_assert_cmpstr (xa_agenda_get_name (xa_agenda_page_get_current (f->page)), ==, name);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM agenda WHERE name = '%s' AND id = %"
                        G_GINT64_FORMAT, name, current_id (f)), ==, 1);
}

static gboolean
undo_shown (gpointer user_data)
{
  Fixture *f = user_data;

  return xa_test_find_button (GTK_WIDGET (f->window), _("_Undo"), NULL) != NULL;
}

/* Clicks the Undo of the toast just shown, once its revealer has mapped it (a few frames
 * here, more in the sanitizer build). */
static void
click_undo (Fixture *f)
{
  g_assert_true (xa_test_ui_spin_until (undo_shown, f, 30));
  xa_test_click (xa_test_find_button (GTK_WIDGET (f->window), _("_Undo"), NULL));
}

static gboolean
press_alt (Fixture *f,
           guint    keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (_xa_agenda_editor_get_key_controller (f->editor), "key-pressed",
                         keyval, 0, GDK_ALT_MASK, &handled);
  return handled;
}

static int
focused_position (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  return row != NULL ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
}

static void
open_window (Fixture *f)
{
  f->window = xa_test_window_open (app, f->store_path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  xa_test_window_wait_page (f->window, "map", 60);
  f->page = _xa_window_get_agenda_page (f->window);
  f->editor = xa_agenda_page_get_editor (f->page);
}

/* By hand: the side panel's button (twice: once per compound), Ctrl+D on the map, and the
 * editor's search. Starts "Meeting <today>". */
static gint64
test_by_hand (Fixture   *f,
              GPtrArray *compounds)
{
  XaMapView *view = _xa_window_get_map_view (f->window);
  g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func (g_free);
  /* Today as the bureau's clock reads it (China Standard Time). */
  g_autofree char *date = xa_calendar_format_date (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *name = g_strdup_printf (_("Meeting %s"), date);
  g_autoptr(XaCompound) second = xa_store_get_compound (f->store, compounds->pdata[1]);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkListBox *results;
  GtkListBoxRow *row;
  GtkWidget *button;
  gint64 id;

  g_assert_null (xa_agenda_page_get_current (f->page));
  xa_map_view_select_compound (view, compounds->pdata[0]);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 2);
  button = xa_test_find_button (GTK_WIDGET (view), _("Add to _Agenda"), "win.agenda-add");
  g_assert_nonnull (button);
  xa_test_click (button);
  id = current_id (f);
  g_assert_cmpstr (xa_agenda_get_name (xa_agenda_page_get_current (f->page)), ==, name);
  g_assert_cmpint (g_settings_get_int64 (settings, "current-agenda"), ==, id);
  add_unique (want, compounds->pdata[0]);
  assert_saved (f, id, want);
  xa_test_click (button);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-agenda", NULL);
  assert_saved (f, id, want);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM agenda"), ==, 1);

  /* The editor's search: the second compound by its name. */
  _xa_window_show_view (f->window, "agendas");
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 2);
  gtk_editable_set_text (_xa_agenda_editor_get_search_entry (f->editor), second->name);
  g_signal_emit_by_name (_xa_agenda_editor_get_search_entry (f->editor), "search-changed");
  results = _xa_agenda_editor_get_results_list (f->editor);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (results, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "compound-id"), second->id) == 0)
      break;
  g_assert_nonnull (row);
  g_signal_emit_by_name (results, "row-activated", row);
  g_assert_cmpstr (gtk_editable_get_text (_xa_agenda_editor_get_search_entry (f->editor)), ==, "");
  add_unique (want, second->id);
  assert_saved (f, id, want);

  /* The Problems page's selected row. */
  {
    XaProblemLedger *ledger = _xa_window_get_problem_ledger (f->window);
    g_autoptr(XaLedgerItem) item = NULL;

    _xa_window_show_view (f->window, "problems");
    xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
    g_assert_cmpuint (g_list_model_get_n_items (_xa_problem_ledger_get_shown (ledger)), >, 0);
    _xa_problem_ledger_select (ledger, 3);
    item = g_list_model_get_item (_xa_problem_ledger_get_shown (ledger), 3);
    xa_test_click (xa_test_find_button (GTK_WIDGET (ledger), _("Add to _Agenda"),
                                        "ledger.add-to-agenda"));
    add_unique (want, item->compound_id);
    assert_saved (f, id, want);
  }

  /* The Elevators page's selection, by Ctrl+D's action: the compounds of the lifts. */
  {
    XaElevatorList *lifts = _xa_window_get_elevator_list (f->window);
    GtkSelectionModel *selection;

    _xa_window_show_view (f->window, "elevators");
    xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
    g_assert_cmpuint (g_list_model_get_n_items (_xa_elevator_list_get_shown (lifts)), >, 10);
    selection = gtk_column_view_get_model (_xa_elevator_list_get_column_view (lifts));
    gtk_selection_model_select_range (selection, 5, 4, TRUE);
    for (guint i = 5; i < 9; i++)
      {
        g_autoptr(XaElevatorRow) lift = g_list_model_get_item (
                                          _xa_elevator_list_get_shown (lifts), i);

        add_unique (want, xa_elevator_row_get_data (lift)->compound_id);
      }
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-agenda", NULL);
    assert_saved (f, id, want);
  }
  return id;
}

/* A filter of the Problems page: open, consultation tier, overdue. */
static void
test_problems_shown (Fixture *f)
{
  XaProblemLedger *ledger = _xa_window_get_problem_ledger (f->window);
  GListModel *shown = _xa_problem_ledger_get_shown (ledger);
  g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func (g_free);
  gint64 now = _xa_problem_ledger_get_now (ledger);
  gint64 id;

  new_agenda (f, "超期会商");
  id = current_id (f);
  _xa_window_show_view (f->window, "problems");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (_xa_problem_ledger_get_filter (ledger, "status")),
                              XA_STATUS_OPEN + 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (_xa_problem_ledger_get_filter (ledger, "tier")),
                              XA_TIER_CONSULTATION + 1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (_xa_problem_ledger_get_filter (ledger,
                                                                                  "overdue")),
                                TRUE);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpint (g_list_model_get_n_items (shown), ==,
                   sql (f, "SELECT count(*) FROM problem WHERE status = 'open' AND tier = "
                        "'consultation' AND deadline < %" G_GINT64_FORMAT, now));
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 1);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(XaLedgerItem) item = g_list_model_get_item (shown, i);

      add_unique (want, item->compound_id);
    }
  g_assert_cmpint (want->len, ==,
                   sql (f, "SELECT count(DISTINCT compound) FROM problem WHERE status = 'open' "
                        "AND tier = 'consultation' AND deadline < %" G_GINT64_FORMAT, now));
  xa_test_click (xa_test_find_button (GTK_WIDGET (ledger), _("Add S_hown to Agenda"),
                                      "ledger.add-shown-to-agenda"));
  assert_saved (f, id, want);
  /* Again, by its shortcut's action: every one is on it already. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-shown-to-agenda", NULL);
  assert_saved (f, id, want);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "agenda-problems-shown");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (_xa_problem_ledger_get_filter (ledger,
                                                                                  "overdue")),
                                FALSE);
}

/* A legend band's list: the compounds not flood-ready (two items or fewer in place). */
static gint64
test_compound_list (Fixture *f)
{
  XaMapView *view = _xa_window_get_map_view (f->window);
  XaCompoundList *list = xa_map_view_get_compound_list (view);
  g_autoptr(GPtrArray) want = NULL;
  gint64 id;

  new_agenda (f, "防汛未到位");
  id = current_id (f);
  _xa_window_show_view (f->window, "map");
  gtk_widget_activate_action (GTK_WIDGET (view), "map.overlay", "s", "flood");
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 2);
  xa_test_click (xa_test_find_legend_band (GTK_WIDGET (_xa_map_view_get_legend (view)),
                                   XA_FLOOD_BAND_TWO_OR_LESS));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));
  want = xa_compound_list_get_shown_ids (list, NULL, NULL);
  g_assert_cmpuint (want->len, >, 3);
  xa_test_click (xa_test_find_button (GTK_WIDGET (list), _("Add All to _Agenda"),
                                      "compound-list.add-to-agenda"));
  assert_saved (f, id, want);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "agenda-compound-list");

  /* A list left empty (a district without such compounds): Shift+Ctrl+D says why it adds
   * nothing rather than nothing at all. */
  {
    g_auto(GStrv) none = NULL;
    const char *hint = NULL;
    XaCompoundPoints *points = xa_compound_layer_get_points (_xa_map_view_get_layer (view));

    /* The band's list again, of a district code that no compound has. */
    xa_compound_list_set_source (list, f->store, points, "379999", NULL);
    g_assert_cmpuint (xa_compound_list_get_n_items (list), ==, 0);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));
    none = xa_agenda_sources_collect (GTK_WIDGET (view), TRUE, &hint);
    g_assert_null (none[0]);
    g_assert_cmpstr (hint, ==, _("The list shows no compounds: choose another row of the "
                                 "legend, a figure or another district."));
    xa_compound_list_set_source (list, f->store, points, NULL, NULL);
    g_assert_cmpuint (xa_compound_list_get_n_items (list), ==, want->len);
  }
  return id;
}

/* A row dropped on another (as drag and drop ends): it takes that row's place. */
static void
drop_on_row (Fixture    *f,
             const char *compound_id,
             guint       position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (
                         _xa_agenda_editor_get_items_list (f->editor), (int) position);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (row));
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, compound_id);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &accepted);
    }
  g_assert_true (accepted);
  xa_test_ui_spin (100);
}

/* Alt+↑ and Alt+↓ on the row with the focus, the Move buttons and a drop. */
static void
test_reorder (Fixture *f,
              gint64   id)
{
  g_autoptr(GPtrArray) want = NULL;
  char *moved;

  _xa_window_show_view (f->window, "agendas");
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  /* With compounds listed too, the page never widens the window past 360 pixels. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                        NULL, NULL);
    g_test_message ("agenda page minimum width with items: %d", minimum);
    g_assert_cmpint (minimum, <=, 360);
  }
  want = editor_ids (f);
  gtk_widget_grab_focus (GTK_WIDGET (_xa_agenda_editor_get_topic_entry (f->editor, 2)));
  g_assert_cmpint (focused_position (f), ==, 2);
  g_assert_true (press_alt (f, GDK_KEY_Up));
  moved = want->pdata[2];
  want->pdata[2] = want->pdata[1];
  want->pdata[1] = moved;
  assert_saved (f, id, want);
  g_assert_cmpint (focused_position (f), ==, 1);

  g_assert_true (press_alt (f, GDK_KEY_Down));
  g_assert_true (press_alt (f, GDK_KEY_Down));
  /* The item went back to 2, then on to 3. */
  want->pdata[1] = want->pdata[2];
  want->pdata[2] = want->pdata[3];
  want->pdata[3] = moved;
  assert_saved (f, id, want);
  g_assert_cmpint (focused_position (f), ==, 3);

  /* The first row's Move Up does nothing; Alt+↑ there neither. */
  gtk_widget_grab_focus (GTK_WIDGET (_xa_agenda_editor_get_topic_entry (f->editor, 0)));
  g_assert_true (press_alt (f, GDK_KEY_Up));
  assert_saved (f, id, want);

  /* Move Down, as clicked. */
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (
                           _xa_agenda_editor_get_items_list (f->editor), 0);
    GtkWidget *down = xa_test_find_button (GTK_WIDGET (row), NULL, NULL);

    /* The row's buttons: Move Up (insensitive here), Move Down, Remove. */
    while (down != NULL && g_strcmp0 (gtk_widget_get_tooltip_text (down),
                                      _("Move Down (Alt+↓)")) != 0)
      down = gtk_widget_get_next_sibling (down);
    g_assert_nonnull (down);
    xa_test_click (down);
    moved = want->pdata[0];
    want->pdata[0] = want->pdata[1];
    want->pdata[1] = moved;
    assert_saved (f, id, want);
  }

  /* Dragged: the first row dropped on the third. */
  moved = want->pdata[0];
  want->pdata[0] = want->pdata[1];
  want->pdata[1] = want->pdata[2];
  want->pdata[2] = moved;
  drop_on_row (f, moved, 2);
  assert_saved (f, id, want);
}

/* Alt+Delete removes the row with the focus; the toast's Undo puts it back where it was. */
static void
test_remove (Fixture *f,
             gint64   id)
{
  g_autoptr(GPtrArray) want = editor_ids (f);
  g_autoptr(GPtrArray) without = editor_ids (f);

  g_ptr_array_remove_index (without, 1);
  gtk_widget_grab_focus (GTK_WIDGET (_xa_agenda_editor_get_topic_entry (f->editor, 1)));
  g_assert_true (press_alt (f, GDK_KEY_Delete));
  assert_saved (f, id, without);
  click_undo (f);
  assert_saved (f, id, want);
}

/* Rename of the agenda open, and delete with undo: of another agenda, then of this one. */
static void
test_rename_delete (Fixture *f,
                    gint64   other_id)
{
  GtkListBox *list = _xa_agenda_page_get_list (f->page);
  gint64 id = current_id (f);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "agendas.rename", "x", id);
  answer_name_dialog ("十二月防汛会商", "rename");
  g_assert_cmpint (sql (f, "SELECT count(*) FROM agenda WHERE id = %" G_GINT64_FORMAT
                        " AND name = '十二月防汛会商'", id), ==, 1);
  g_assert_cmpstr (xa_agenda_get_name (xa_agenda_page_get_current (f->page)), ==,
                   "十二月防汛会商");
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (f->editor), "十二月防汛会商"));

  g_assert_cmpint (sql (f, "SELECT count(*) FROM agenda WHERE NOT deleted"), ==, 3);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 2));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "agendas.delete", "x", other_id);
  g_assert_cmpint (sql (f, "SELECT deleted FROM agenda WHERE id = %" G_GINT64_FORMAT,
                        other_id), ==, 1);
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  g_assert_cmpint (current_id (f), ==, id);
  click_undo (f);
  g_assert_cmpint (sql (f, "SELECT deleted FROM agenda WHERE id = %" G_GINT64_FORMAT,
                        other_id), ==, 0);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 2));

  /* The agenda open: none is open then, and the undo opens it again. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "agendas.delete", "x", id);
  g_assert_null (xa_agenda_page_get_current (f->page));
  g_assert_cmpint (g_settings_get_int64 (settings, "current-agenda"), ==, 0);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "agenda-deleted");
  click_undo (f);
  g_assert_cmpint (current_id (f), ==, id);
  g_assert_cmpint (g_settings_get_int64 (settings, "current-agenda"), ==, id);
}

static void
test_agendas (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) compounds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_id = NULL;
  g_autofree char *missing_title = NULL;
  const char *topic = "南门积水，泵站未到位";
  gint64 first_id, id;

  /* Dated today, as the app's own demo is: "overdue" is measured against the real clock. */
  f.store_path = xa_test_sync_demo_serving ("agendas.db",
                                            (const char * const[]) { "--demo-now", "today",
                                                                     NULL }, NULL, &f.server);
  f.store = xa_test_store_open (f.store_path);
  xa_store_foreach (f.store, XA_RECORD_COMPOUND, collect_compound_cb, compounds, &error);
  g_assert_no_error (error);

  open_window (&f);
  /* The page never widens the window past its narrowest (360 pixels). */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (f.page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                        NULL, NULL);
    g_test_message ("agenda page minimum width: %d", minimum);
    g_assert_cmpint (minimum, <=, 360);
  }
  first_id = test_by_hand (&f, compounds);
  test_problems_shown (&f);
  id = test_compound_list (&f);
  test_reorder (&f, id);
  test_remove (&f, id);
  test_rename_delete (&f, first_id);

  /* A topic typed, the window closed at once: it is saved all the same. */
  gtk_editable_set_text (_xa_agenda_editor_get_topic_entry (f.editor, 0), topic);
  kept = editor_ids (&f);
  _xa_window_show_view (f.window, "agendas");
  xa_test_ui_wait_frames (GTK_WIDGET (f.window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (f.window), "agenda-editor");
  xa_test_window_close (f.window);
  g_assert_cmpint (sql (&f, "SELECT count(*) FROM agenda_item WHERE agenda = %" G_GINT64_FORMAT
                        " AND position = 0 AND topic = '%s'", id, topic), ==, 1);

  /* Reopened after a restart: the same agenda, its order and its topic. */
  open_window (&f);
  g_assert_cmpint (current_id (&f), ==, id);
  assert_saved (&f, id, kept);
  g_assert_cmpstr (gtk_editable_get_text (_xa_agenda_editor_get_topic_entry (f.editor, 0)), ==,
                   topic);

  /* The shortcuts window's section of the agendas: laid out without a critical. */
  {
    GtkWindow *shortcuts;

    gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-help-overlay", NULL);
    shortcuts = xa_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
    g_assert_nonnull (shortcuts);
    g_object_set (shortcuts, "section-name", "agendas", NULL);
    xa_test_ui_save_screenshot (GTK_WIDGET (shortcuts), "agenda-shortcuts");
    gtk_window_close (shortcuts);
  }

  /* The server deletes the first compound of the agenda: after a sync it is shown as no
   * longer in the records, and stays on the agenda. */
  missing_id = g_strdup (kept->pdata[0]);
  xa_test_server_run_admin ((const char * const[]) { "--db", f.server->db_path, "--delete",
                                                     "compound", missing_id, NULL });
  _xa_window_show_view (f.window, "agendas");
  xa_test_ui_wait_frames (GTK_WIDGET (f.window), 2);
  gtk_widget_grab_focus (GTK_WIDGET (_xa_agenda_editor_get_topic_entry (f.editor, 1)));
  xa_window_set_server (f.window, f.server->base_url, f.server->token);
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.sync", NULL);
  xa_test_window_wait_idle (f.window, 120);
  /* The rows stayed: the topic being typed keeps the focus through the sync. */
  g_assert_cmpint (focused_position (&f), ==, 1);
  g_assert_cmpint (sql (&f, "SELECT count(*) FROM compound WHERE id = '%s'", missing_id), ==, 0);
  assert_saved (&f, id, kept);
  _xa_window_show_view (f.window, "agendas");
  xa_test_ui_wait_frames (GTK_WIDGET (f.window), 3);
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (
                           _xa_agenda_editor_get_items_list (f.editor), 0);

    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "xa-agenda-missing"));
    missing_title = g_strdup_printf (_("Compound %s"), missing_id);
    g_assert_nonnull (xa_test_ui_find_label_containing (GTK_WIDGET (row), missing_title));
  }
  xa_test_ui_save_screenshot (GTK_WIDGET (f.window), "agenda-missing");

  xa_test_window_close_all (f.window, f.store, f.server, f.store_path);
}

int
main (int   argc,
      char *argv[])
{
  return xa_test_window_main (&argc, &argv, &app, "/agenda-editor/all", test_agendas);
}
