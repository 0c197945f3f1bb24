/* test-elevator-bulk-edit.c — the renewal change of many lifts on the Elevators page of a
 * real window, on the demo city synced from a real xiaoqu-server: three rows selected as
 * Ctrl+click does (the map keeps the first one's compound), the row menu of a right click, a
 * planned year outside 2000–2100 refused in the dialog with its message and nothing stored, a
 * change of status and planned year to all three at once shown as Pending with its toast,
 * undone (the rows as they were, no outbox entry), made again and pushed by a real sync into
 * the server's feed. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xa-elevator-list-private.h"
#include "xa-elevator-row.h"
#include "xa-map-view-private.h"
#include "xa-record-edits.h"
#include "xa-renewal-dialog.h"
#include "xa-store-edits.h"
#include "xa-test-feed.h"
#include "xa-test-store.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

#define N_CHANGED 3

static XaApplication *app;

typedef struct
{
  XaWindow       *window;
  XaElevatorList *list;
  XaStore        *store;      /* the test's own connection to the window's store */
  /* The lifts changed, and their values before. */
  char           *ids[N_CHANGED + 1];
  XaElevatorRowData before[N_CHANGED];
} Fixture;

/* The row of @id as the table shows it now (the model keeps it alive); asserts it is shown. */
static const XaElevatorRowData *
row_of (Fixture    *f,
        const char *id)
{
  GListModel *shown = _xa_elevator_list_get_shown (f->list);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(XaElevatorRow) row = g_list_model_get_item (shown, i);

      if (g_str_equal (xa_elevator_row_get_data (row)->id, id))
        return xa_elevator_row_get_data (row);
    }
  g_assert_not_reached ();
  return NULL;
}

static guint
n_selected (Fixture *f)
{
  GtkSelectionModel *model = gtk_column_view_get_model (
                               _xa_elevator_list_get_column_view (f->list));
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);

  return (guint) gtk_bitset_get_size (selected);
}

static gint64
outbox_size (Fixture *f)
{
  return xa_test_store_query (f->store, "SELECT count(*) FROM outbox");
}

static const char *
selected_compound (Fixture *f)
{
  return xa_compound_layer_get_selected_id (
           _xa_map_view_get_layer (_xa_window_get_map_view (f->window)));
}

/* Selects three rows not yet planned, as a click and two Ctrl+clicks do. */
static void
select_three (Fixture *f)
{
  GtkSelectionModel *model = gtk_column_view_get_model (
                               _xa_elevator_list_get_column_view (f->list));
  GListModel *shown = _xa_elevator_list_get_shown (f->list);
  guint found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (shown) && found < N_CHANGED; i++)
    {
      g_autoptr(XaElevatorRow) row = g_list_model_get_item (shown, i);
      const XaElevatorRowData *d = xa_elevator_row_get_data (row);

      if (d->renewal_status == XA_RENEWAL_PLANNED || d->outbox_state >= 0)
        continue;
      gtk_selection_model_select_item (model, i, found == 0);
      f->ids[found] = g_strdup (d->id);
      f->before[found] = *d;
      found++;
      /* One row: its compound on the map; more rows leave the map as it is. */
      g_assert_cmpstr (selected_compound (f), ==, f->before[0].compound_id);
    }
  g_assert_cmpuint (found, ==, N_CHANGED);
  g_assert_cmpuint (n_selected (f), ==, N_CHANGED);
}

/* Right-clicks the row of @registration_code as a pointer does; returns the row menu. */
static GtkWidget *
right_click (Fixture    *f,
             const char *registration_code)
{
  GtkWidget *view = GTK_WIDGET (_xa_elevator_list_get_column_view (f->list));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  GtkWidget *label = xa_test_ui_find_label (view, registration_code);
  GtkGesture *press = NULL;
  double x = 0, y = 0;

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_translate_coordinates (label, view, 4, 4, &x, &y));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller)
          && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller))
             == GDK_BUTTON_SECONDARY)
        press = GTK_GESTURE (controller);
    }
  g_assert_nonnull (press);
  g_signal_emit_by_name (press, "pressed", 1, x, y);
  xa_test_ui_wait_frames (view, 2);
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      {
        g_assert_true (gtk_widget_get_visible (child));
        return child;
      }
  g_assert_not_reached ();
  return NULL;
}

static XaRenewalDialog *
open_dialog (Fixture *f)
{
  XaRenewalDialog *dialog;
  guint n_ids = 0;
  const char * const *ids;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->list), "elevators.change-renewal",
                                             NULL));
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  dialog = XA_RENEWAL_DIALOG (xa_test_find_toplevel (XA_TYPE_RENEWAL_DIALOG));
  g_assert_nonnull (dialog);
  ids = xa_renewal_dialog_get_ids (dialog, &n_ids);
  g_assert_cmpuint (n_ids, ==, N_CHANGED);
  for (guint i = 0; i < N_CHANGED; i++)
    g_assert_true (g_strv_contains (ids, f->ids[i]));
  return dialog;
}

static void
close_dialog (XaRenewalDialog *dialog,
              const char      *response)
{
  /* libadwaita 1.2 closes the dialog from its buttons, not from the response itself. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (GTK_WINDOW (dialog));
  xa_test_ui_spin (100);
  g_assert_null (xa_test_find_toplevel (XA_TYPE_RENEWAL_DIALOG));
}

/* Planned for 2028 through the dialog; the funding left "Unchanged". */
static void
plan_three (Fixture    *f,
            const char *screenshot)
{
  XaRenewalDialog *dialog = open_dialog (f);

  _xa_renewal_dialog_choose (dialog, XA_RENEWAL_PLANNED, "2028", -2, "2028年批量更新");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change"));
  g_assert_null (_xa_renewal_dialog_get_message (dialog));
  if (screenshot != NULL)
    {
      xa_test_ui_wait_frames (GTK_WIDGET (dialog), 3);
      xa_test_ui_save_screenshot (GTK_WIDGET (dialog), screenshot);
    }
  close_dialog (dialog, "change");
}

static void
assert_as_before (Fixture *f)
{
  for (guint i = 0; i < N_CHANGED; i++)
    {
      const XaElevatorRowData *d = row_of (f, f->ids[i]);

      g_assert_cmpint (d->renewal_status, ==, f->before[i].renewal_status);
      g_assert_cmpint (d->planned_year, ==, f->before[i].planned_year);
      g_assert_cmpint (d->funding_source, ==, f->before[i].funding_source);
      g_assert_cmpint (d->outbox_state, ==, -1);
    }
  g_assert_cmpint (outbox_size (f), ==, 0);
}

static void
test_invalid_year (Fixture *f)
{
  XaRenewalDialog *dialog = open_dialog (f);
  g_autofree char *message = g_strdup_printf (_("The planned year must be a year from %d to %d."),
                                              XA_EDIT_MIN_PLANNED_YEAR,
                                              XA_EDIT_MAX_PLANNED_YEAR);

  /* Nothing chosen yet: nothing to change. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "change"));
  _xa_renewal_dialog_choose (dialog, XA_RENEWAL_PLANNED, "1999", -2, NULL);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "change"));
  g_assert_cmpstr (_xa_renewal_dialog_get_message (dialog), ==, message);
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (dialog), message));
  xa_test_ui_wait_frames (GTK_WIDGET (dialog), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (dialog), "renewal-dialog-invalid-year");
  _xa_renewal_dialog_choose (dialog, XA_RENEWAL_PLANNED, "2101", -2, NULL);
  g_assert_cmpstr (_xa_renewal_dialog_get_message (dialog), ==, message);
  /* Even answered "Change" (as no button lets a user), the list stores nothing. */
  close_dialog (dialog, "change");
  assert_as_before (f);
}

static void
test_change_and_undo (Fixture *f)
{
  g_autofree char *toast = g_strdup_printf (ngettext ("Changed %u elevator",
                                                      "Changed %u elevators", N_CHANGED),
                                            N_CHANGED);

  plan_three (f, "renewal-dialog");
  for (guint i = 0; i < N_CHANGED; i++)
    {
      const XaElevatorRowData *d = row_of (f, f->ids[i]);

      g_assert_cmpint (d->renewal_status, ==, XA_RENEWAL_PLANNED);
      g_assert_cmpint (d->planned_year, ==, 2028);
      /* Left "Unchanged": as each row had it. */
      g_assert_cmpint (d->funding_source, ==, f->before[i].funding_source);
      g_assert_cmpint (d->outbox_state, ==, XA_OUTBOX_PENDING);
    }
  g_assert_cmpint (outbox_size (f), ==, N_CHANGED);
  /* Read again, they stay selected. */
  g_assert_cmpuint (n_selected (f), ==, N_CHANGED);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (f->list), _("Pending")));
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (f->window), toast));

  /* Ctrl+Z while the toast is up (10 s: no picture before it, which takes longer than that
   * under the sanitizers): the rows as they were, no entry left. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->list), "elevators.undo-renewal",
                                             NULL));
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  assert_as_before (f);
  g_assert_null (xa_test_ui_find_label (GTK_WIDGET (f->list), _("Pending")));
  g_assert_cmpuint (n_selected (f), ==, N_CHANGED);
  /* Nothing left to undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->list), "elevators.undo-renewal",
                                             NULL));
  assert_as_before (f);
}

static void
test_pushed (Fixture      *f,
             XaTestServer *server)
{
  g_autoptr(XaTestFeed) feed = NULL;
  GtkAdjustment *hadjustment;

  plan_three (f, NULL);
  g_assert_cmpint (outbox_size (f), ==, N_CHANGED);
  /* The picture shows the last columns: status with its mark, planned year, funding, and
   * the toast. */
  hadjustment = gtk_scrollable_get_hadjustment (
                  GTK_SCROLLABLE (_xa_elevator_list_get_column_view (f->list)));
  gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_upper (hadjustment));
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "elevators-changed-toast");
  gtk_adjustment_set_value (hadjustment, 0);
  xa_window_set_server (f->window, server->base_url, server->token);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL);
  xa_test_ui_spin (200);
  xa_test_window_wait_idle (f->window, 120);
  g_assert_null (_xa_window_get_error_text (f->window));
  g_assert_cmpint (outbox_size (f), ==, 0);
  feed = xa_test_feed_fetch (server->base_url, server->token);
  for (guint i = 0; i < N_CHANGED; i++)
    {
      JsonObject *record = xa_test_feed_lookup (feed, "elevator", f->ids[i]);
      const XaElevatorRowData *d = row_of (f, f->ids[i]);

      g_assert_nonnull (record);
      g_assert_cmpstr (json_object_get_string_member (record, "renewal_status"), ==, "planned");
      g_assert_cmpint (json_object_get_int_member (record, "planned_year"), ==, 2028);
      /* The sync brought them back: no longer pending. */
      g_assert_cmpint (d->outbox_state, ==, -1);
      g_assert_cmpint (d->planned_year, ==, 2028);
    }
}

static void
test_bulk_edit (void)
{
  Fixture f = { 0 };
  XaTestServer *server = NULL;
  g_autofree char *store_path = xa_test_sync_only_demo_serving ("bulk.db", NULL, &server);
  GtkWidget *button;

  f.store = xa_test_store_open (store_path);

  f.window = xa_test_window_open (app, store_path);
  xa_test_window_wait_page (f.window, "map", 60);
  _xa_window_show_view (f.window, "elevators");
  xa_test_ui_wait_frames (GTK_WIDGET (f.window), 3);
  f.list = _xa_window_get_elevator_list (f.window);
  button = xa_test_find_button (GTK_WIDGET (f.list), NULL, "elevators.change-renewal");
  g_assert_nonnull (button);
  /* Nothing selected, nothing to change. */
  g_assert_false (gtk_widget_get_sensitive (button));

  /* Ctrl+A (the table's own list.select-all): every row shown; the map keeps its compound. */
  gtk_selection_model_select_item (gtk_column_view_get_model (
                                     _xa_elevator_list_get_column_view (f.list)), 7, TRUE);
  {
    GtkWidget *view = GTK_WIDGET (_xa_elevator_list_get_column_view (f.list));
    GtkWidget *rows = gtk_widget_get_first_child (view);
    g_autofree char *compound = g_strdup (selected_compound (&f));

    while (rows != NULL && !GTK_IS_LIST_VIEW (rows))
      rows = gtk_widget_get_next_sibling (rows);
    g_assert_nonnull (rows);
    g_assert_true (gtk_widget_activate_action (rows, "list.select-all", NULL));
    g_assert_cmpuint (n_selected (&f), ==,
                      g_list_model_get_n_items (_xa_elevator_list_get_shown (f.list)));
    g_assert_cmpstr (selected_compound (&f), ==, compound);
    g_assert_true (gtk_widget_get_sensitive (button));
  }
  /* A right click on a row: inside the selection, the selection stays (below); outside it,
   * that row alone, and its menu. */
  gtk_selection_model_unselect_all (gtk_column_view_get_model (
                                      _xa_elevator_list_get_column_view (f.list)));
  {
    GListModel *shown = _xa_elevator_list_get_shown (f.list);
    g_autoptr(XaElevatorRow) row = g_list_model_get_item (shown, 5);
    const char *code = xa_elevator_row_get_data (row)->registration_code;

    gtk_popover_popdown (GTK_POPOVER (right_click (&f, code)));
    g_assert_cmpuint (n_selected (&f), ==, 1);
  }
  select_three (&f);
  g_assert_true (gtk_widget_get_sensitive (button));
  /* Inside the selection: the selection stays, for the menu's Change Renewal…. */
  gtk_popover_popdown (GTK_POPOVER (right_click (&f, f.before[1].registration_code)));
  g_assert_cmpuint (n_selected (&f), ==, N_CHANGED);
  test_invalid_year (&f);
  test_change_and_undo (&f);
  test_pushed (&f, server);

  xa_test_window_close_all (f.window, f.store, server, NULL);
  for (guint i = 0; i < N_CHANGED; i++)
    g_free (f.ids[i]);
}

int
main (int   argc,
      char *argv[])
{
  return xa_test_window_main (&argc, &argv, &app, "/elevator-bulk-edit/change-undo-push",
                              test_bulk_edit);
}
