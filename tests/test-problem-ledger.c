/* test-problem-ledger.c — the Problems page of a real window on the demo city synced from a
 * real xiaoqu-server: every problem listed, the default order and a column's sort, each
 * filter and quick filter narrowed to the count a SQL query on the store gives, the status
 * dialog offering only the flow's transitions, and a change through it made pending, queued
 * once in the outbox, pushed by a real sync and found in the server's feed; a change another
 * client made first shows as a conflict after the sync. */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "xa-calendar.h"
#include "xa-compound-panel.h"
#include "xa-map-view-private.h"
#include "xa-preferences-window.h"
#include "xa-problem-status-dialog.h"
#include "xa-store-edits.h"
#include "xa-test-feed.h"
#include "xa-test-http.h"
#include "xa-test-store.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

static XaApplication *app;

typedef struct
{
  XaWindow        *window;
  XaProblemLedger *ledger;
  XaStore         *store;      /* the test's own connection to the window's store */
  XaTestServer    *server;
  char            *store_path;
} Fixture;

static guint
shown (Fixture *f)
{
  return g_list_model_get_n_items (_xa_problem_ledger_get_shown (f->ledger));
}

static XaLedgerItem *
shown_item (Fixture *f,
            guint    position)
{
  return g_list_model_get_item (_xa_problem_ledger_get_shown (f->ledger), position);
}

/* The ledger shows as many rows as @sql counts, and the count label says so. */
static void
assert_shown_as (Fixture    *f,
                 const char *what,
                 const char *sql)
{
  gint64 expected = xa_test_store_query (f->store, sql);

  g_test_message ("%s: %u shown, %" G_GINT64_FORMAT " by SQL", what, shown (f), expected);
  g_assert_cmpint (shown (f), ==, expected);
  /* A filter that leaves everything or nothing would prove little. */
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (expected, <, _xa_problem_ledger_get_total (f->ledger));
}

static void
select_in (Fixture    *f,
           const char *filter,
           guint       position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (_xa_problem_ledger_get_filter (f->ledger, filter)),
                              position);
}

static void
toggle (Fixture    *f,
        const char *filter,
        gboolean    active)
{
  gtk_toggle_button_set_active (
    GTK_TOGGLE_BUTTON (_xa_problem_ledger_get_filter (f->ledger, filter)), active);
}

static void
test_filters (Fixture *f)
{
  g_autofree char *sql = NULL;
  g_autofree char *category = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *cadre = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  gint64 now = _xa_problem_ledger_get_now (f->ledger);

  /* Status, tier, source: entry i + 1 is enumeration value i. */
  select_in (f, "status", 1 + XA_STATUS_IN_PROGRESS);
  assert_shown_as (f, "in progress", "SELECT count(*) FROM problem WHERE status = 'in_progress'");
  select_in (f, "status", 0);
  select_in (f, "tier", 1 + XA_TIER_CITY);
  assert_shown_as (f, "city tier", "SELECT count(*) FROM problem WHERE tier = 'city'");
  select_in (f, "tier", 0);
  select_in (f, "source", 1 + XA_SOURCE_HOTLINE_12345);
  assert_shown_as (f, "12345", "SELECT count(*) FROM problem WHERE source = 'hotline_12345'");
  select_in (f, "source", 0);

  /* The first category of the list: every row shown is of it, as many as SQL counts. */
  select_in (f, "category", 1);
  g_assert_cmpuint (shown (f), >, 0);
  {
    g_autoptr(XaLedgerItem) first = shown_item (f, 0);

    category = g_strdup (first->category_code);
  }
  sql = g_strdup_printf ("SELECT count(*) FROM problem WHERE category = '%s'", category);
  assert_shown_as (f, "category", sql);
  g_clear_pointer (&sql, g_free);
  select_in (f, "category", 0);

  /* Text: two characters of a compound's name, matched in ticket, title or compound. */
  {
    g_autoptr(XaLedgerItem) first = shown_item (f, 0);
    const char *end = g_utf8_offset_to_pointer (first->compound_name, 2);

    needle = g_strndup (first->compound_name, end - first->compound_name);
  }
  gtk_editable_set_text (GTK_EDITABLE (_xa_problem_ledger_get_filter (f->ledger, "search")),
                         needle);
  xa_test_ui_spin (600);
  sql = g_strdup_printf ("SELECT count(*) FROM problem p JOIN compound c ON c.id = p.compound "
                         "WHERE instr (coalesce (p.ticket_no, ''), '%1$s') > 0 "
                         "OR instr (p.title, '%1$s') > 0 OR instr (c.name, '%1$s') > 0", needle);
  assert_shown_as (f, needle, sql);
  g_clear_pointer (&sql, g_free);
  gtk_editable_set_text (GTK_EDITABLE (_xa_problem_ledger_get_filter (f->ledger, "search")), "");
  xa_test_ui_spin (600);
  g_assert_cmpuint (shown (f), ==, _xa_problem_ledger_get_total (f->ledger));

  /* Quick filters, at the ledger's "now". */
  toggle (f, "overdue", TRUE);
  sql = g_strdup_printf ("SELECT count(*) FROM problem WHERE status IN ('open', 'in_progress') "
                         "AND deadline < %" G_GINT64_FORMAT, now);
  assert_shown_as (f, "overdue", sql);
  g_clear_pointer (&sql, g_free);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "problem-ledger-overdue");
  toggle (f, "overdue", FALSE);

  toggle (f, "due-week", TRUE);
  sql = g_strdup_printf ("SELECT count(*) FROM problem WHERE status IN ('open', 'in_progress') "
                         "AND deadline >= %1$" G_GINT64_FORMAT " AND deadline < %1$"
                         G_GINT64_FORMAT " + 7 * 86400", now);
  assert_shown_as (f, "due this week", sql);
  g_clear_pointer (&sql, g_free);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "problem-ledger-due-week");
  toggle (f, "due-week", FALSE);

  /* My compounds: none while no cadre is chosen, then the chosen cadre's. */
  toggle (f, "mine", TRUE);
  g_assert_cmpuint (shown (f), ==, 0);
  /* Chosen as a user does: in Preferences, the first cadre of the "My Cadre" row. */
  {
    g_autofree char *first = NULL;
    GtkWindow *preferences;
    GtkWidget *row;

    first = xa_test_store_first_id (f->store, XA_RECORD_CADRE);
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL);
    xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
    preferences = xa_test_find_toplevel (XA_TYPE_PREFERENCES_WINDOW);
    g_assert_nonnull (preferences);
    row = xa_test_find_row (GTK_WIDGET (preferences), _("My Cadre"));
    g_assert_true (ADW_IS_COMBO_ROW (row));
    /* "None", then every cadre of the store. */
    g_assert_cmpint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))),
                     ==, 1 + xa_store_count (f->store, XA_RECORD_CADRE));
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
    cadre = g_settings_get_string (settings, "my-cadre");
    /* The first in id order, as the store lists them. */
    g_assert_cmpstr (cadre, ==, first);
    gtk_window_destroy (preferences);
    xa_test_ui_spin (100);
  }
  sql = g_strdup_printf ("SELECT count(*) FROM problem WHERE compound IN "
                         "(SELECT compound FROM cadre_compound WHERE cadre = '%s')", cadre);
  assert_shown_as (f, "my compounds", sql);
  g_clear_pointer (&sql, g_free);
  g_settings_reset (settings, "my-cadre");
  g_assert_cmpuint (shown (f), ==, 0);
  toggle (f, "mine", FALSE);
  g_assert_cmpuint (shown (f), ==, _xa_problem_ledger_get_total (f->ledger));
}

static void
test_district (Fixture *f)
{
  XaMapView *view = _xa_window_get_map_view (f->window);
  GtkDropDown *dropdown;
  g_autofree char *sql = NULL;

  /* The district drop-down: the first one of the map view. */
  dropdown = GTK_DROP_DOWN (xa_test_ui_find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_nonnull (xa_map_view_get_district (view));
  sql = g_strdup_printf ("SELECT count(*) FROM problem p JOIN compound c ON c.id = p.compound "
                         "WHERE c.district = '%s'", xa_map_view_get_district (view));
  assert_shown_as (f, "district", sql);
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_cmpuint (shown (f), ==, _xa_problem_ledger_get_total (f->ledger));
}

static void
test_order (Fixture *f)
{
  GListModel *columns =
    gtk_column_view_get_columns (_xa_problem_ledger_get_column_view (f->ledger));
  g_autoptr(GtkColumnViewColumn) days_open = NULL;
  guint n = shown (f);

  /* Default: overdue first, then the nearest deadline. */
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(XaLedgerItem) a = shown_item (f, i - 1);
      g_autoptr(XaLedgerItem) b = shown_item (f, i);

      g_assert_true (a->overdue >= b->overdue);
      if (a->overdue == b->overdue)
        g_assert_cmpint (a->deadline, <=, b->deadline);
    }

  /* "Days Open", the tenth column, descending. */
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 11);
  days_open = g_list_model_get_item (columns, 9);
  g_assert_cmpstr (gtk_column_view_column_get_title (days_open), ==, _("Days Open"));
  gtk_column_view_sort_by_column (_xa_problem_ledger_get_column_view (f->ledger), days_open,
                                  GTK_SORT_DESCENDING);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(XaLedgerItem) a = shown_item (f, i - 1);
      g_autoptr(XaLedgerItem) b = shown_item (f, i);

      g_assert_cmpint (a->days_open, >=, b->days_open);
    }
  {
    g_autoptr(XaLedgerItem) first = shown_item (f, 0);
    g_autoptr(XaLedgerItem) last = shown_item (f, n - 1);

    g_assert_cmpint (first->days_open, >, last->days_open);
  }
  gtk_column_view_sort_by_column (_xa_problem_ledger_get_column_view (f->ledger), NULL,
                                  GTK_SORT_ASCENDING);
}

/* The position of the first row of @status without an outbox entry. */
static guint
find_row (Fixture         *f,
          XaProblemStatus  status)
{
  for (guint i = 0; i < shown (f); i++)
    {
      g_autoptr(XaLedgerItem) item = shown_item (f, i);

      if (item->status == status && !item->pending && item->tier < XA_TIER_CITY)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

/* Opens the status dialog of row @position: by the action (the button, the menu, Ctrl+E)
 * or, @by_activation, as Enter or a double click on the row does. */
static XaProblemStatusDialog *
open_status_dialog (Fixture  *f,
                    guint     position,
                    gboolean  by_activation)
{
  XaProblemStatusDialog *dialog;

  if (by_activation)
    g_signal_emit_by_name (_xa_problem_ledger_get_column_view (f->ledger), "activate",
                           position);
  else
    {
      _xa_problem_ledger_select (f->ledger, position);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->ledger),
                                                 "ledger.change-status", NULL));
    }
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  dialog = XA_PROBLEM_STATUS_DIALOG (xa_test_find_toplevel (XA_TYPE_PROBLEM_STATUS_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

static void
assert_offered (XaProblemStatusDialog *dialog,
                XaProblemStatus        first,
                XaProblemStatus        second)
{
  guint n = 0;
  const XaProblemStatus *offered = _xa_problem_status_dialog_get_offered (dialog, &n);

  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (offered[0], ==, first);
  g_assert_cmpint (offered[1], ==, second);
}

static void
close_dialog (XaProblemStatusDialog *dialog,
              const char            *response)
{
  /* libadwaita 1.2 closes the dialog from its buttons, not from the response itself. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (GTK_WINDOW (dialog));
  xa_test_ui_spin (100);
  g_assert_null (xa_test_find_toplevel (XA_TYPE_PROBLEM_STATUS_DIALOG));
}

/* Sets the days a problem has at @tier as a user does, on its row in Preferences; returns
 * them as the settings now say. */
static int
set_deadline_days (Fixture       *f,
                   XaProblemTier  tier,
                   int            days)
{
  static const char * const titles[] = { N_("Days On Site"), N_("Days at Consultation"),
                                         N_("Days at City Level") };
  static const char * const keys[] = { "deadline-days-on-site", "deadline-days-consultation",
                                       "deadline-days-city" };
  static const int defaults[] = { 3, 15, 30 };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *preferences;
  GtkWidget *row;
  GtkWidget *spin;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  preferences = xa_test_find_toplevel (XA_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  row = xa_test_find_row (GTK_WIDGET (preferences), _(titles[tier]));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  spin = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  /* The defaults DOMAIN.md names: on site 3 days, consultation 15, city level 30. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==,
                   defaults[tier]);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), days);
  g_assert_cmpint (g_settings_get_int (settings, keys[tier]), ==, days);
  xa_test_ui_save_screenshot (GTK_WIDGET (preferences), "preferences-deadlines");
  gtk_window_destroy (preferences);
  xa_test_ui_spin (100);
  return g_settings_get_int (settings, keys[tier]);
}

static void
test_status_change (Fixture *f)
{
  GtkWidget *button = xa_test_find_button (GTK_WIDGET (f->ledger), NULL, "ledger.change-status");
  XaProblemStatusDialog *dialog;
  g_autoptr(XaLedgerItem) item = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(XaTestFeed) feed = NULL;
  g_autofree char *sql = NULL;
  JsonObject *record;
  GtkWidget *deadline_label;
  GtkWidget *panel;
  gint64 deadline;
  guint position;
  int days;

  g_assert_nonnull (button);

  /* Closed is final: nothing to offer, the action is off. */
  _xa_problem_ledger_select (f->ledger, find_row (f, XA_STATUS_CLOSED));
  g_assert_false (gtk_widget_get_sensitive (button));

  /* Resolved: reopen (with a note, which is required) or close. */
  dialog = open_status_dialog (f, find_row (f, XA_STATUS_RESOLVED), TRUE);
  assert_offered (dialog, XA_STATUS_IN_PROGRESS, XA_STATUS_CLOSED);
  _xa_problem_status_dialog_choose (dialog, XA_STATUS_IN_PROGRESS, FALSE, "");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "change"));
  _xa_problem_status_dialog_choose (dialog, XA_STATUS_IN_PROGRESS, FALSE, "Owners disagree");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                          "change"));
  close_dialog (dialog, "cancel");

  /* Open: start or settle on the spot. Started and escalated through the dialog, the new
   * tier's days set in Preferences first: the deadline follows the tier. */
  position = find_row (f, XA_STATUS_OPEN);
  item = shown_item (f, position);
  /* Its compound open in the map's side panel, which shows no mark yet. */
  panel = GTK_WIDGET (_xa_map_view_get_panel (_xa_window_get_map_view (f->window)));
  xa_map_view_select_compound (_xa_window_get_map_view (f->window), item->compound_id);
  g_assert_cmpstr (xa_compound_panel_get_compound_id (XA_COMPOUND_PANEL (panel)), ==,
                   item->compound_id);
  _xa_window_show_view (f->window, "problems");
  days = set_deadline_days (f, item->tier + 1, 12);
  deadline = xa_calendar_deadline (g_get_real_time () / G_USEC_PER_SEC, days);
  dialog = open_status_dialog (f, position, FALSE);
  assert_offered (dialog, XA_STATUS_IN_PROGRESS, XA_STATUS_RESOLVED);
  g_assert_true (gtk_widget_get_sensitive (button));
  deadline_label = GTK_WIDGET (_xa_problem_status_dialog_get_deadline_label (dialog));
  _xa_problem_status_dialog_choose (dialog, XA_STATUS_IN_PROGRESS, FALSE, "Sent to the team");
  g_assert_false (gtk_widget_get_visible (deadline_label));
  _xa_problem_status_dialog_choose (dialog, XA_STATUS_IN_PROGRESS, TRUE, "Sent to the team");
  g_assert_true (gtk_widget_get_visible (deadline_label));
  {
    g_autofree char *when = xa_calendar_format (deadline, "%Y-%m-%d %H:%M");

    g_test_message ("escalated deadline: %s", gtk_label_get_text (GTK_LABEL (deadline_label)));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (deadline_label)), when));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (deadline_label)), "12"));
  }
  xa_test_ui_wait_frames (GTK_WIDGET (dialog), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (dialog), "problem-status-dialog");
  xa_test_window_assert_unsent_edits (f->window, 0);
  close_dialog (dialog, "change");
  /* The menu counts it at once, not at the next sync. */
  xa_test_window_assert_unsent_edits (f->window, 1);

  /* Pending at once, changed here, one entry in the outbox. */
  {
    g_autoptr(XaLedgerItem) after = NULL;

    for (guint i = 0; i < shown (f) && after == NULL; i++)
      {
        g_autoptr(XaLedgerItem) row = shown_item (f, i);

        if (g_str_equal (row->id, item->id))
          after = g_steal_pointer (&row);
      }
    g_assert_nonnull (after);
    g_assert_true (after->pending);
    g_assert_cmpint (after->status, ==, XA_STATUS_IN_PROGRESS);
    g_assert_cmpint (after->tier, ==, item->tier + 1);
    g_assert_cmpint (after->deadline, ==, deadline);
  }
  outbox = xa_store_list_outbox (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (((XaOutboxEntry *) outbox->pdata[0])->record_id, ==, item->id);
  g_clear_pointer (&outbox, g_ptr_array_unref);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "problem-ledger-pending");
  /* The side panel marks it too, without a sync or a new selection. */
  _xa_window_show_view (f->window, "map");
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  {
    GtkWidget *mark = xa_test_ui_find_label (panel, _("Pending"));
    GtkWidget *title = xa_test_ui_find_label (panel, item->title);

    g_assert_nonnull (mark);
    g_assert_nonnull (title);
    g_assert_true (gtk_widget_get_ancestor (mark, GTK_TYPE_LIST_BOX_ROW) ==
                   gtk_widget_get_ancestor (title, GTK_TYPE_LIST_BOX_ROW));
  }
  _xa_window_show_view (f->window, "problems");
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);

  /* A real sync pushes it; the server's feed has it. */
  xa_window_set_server (f->window, f->server->base_url, f->server->token);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL);
  xa_test_ui_spin (200);
  xa_test_window_wait_idle (f->window, 120);
  g_assert_null (_xa_window_get_error_text (f->window));
  outbox = xa_store_list_outbox (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 0);
  xa_test_window_assert_unsent_edits (f->window, 0);
  feed = xa_test_feed_fetch (f->server->base_url, f->server->token);
  record = xa_test_feed_lookup (feed, "problem", item->id);
  g_assert_nonnull (record);
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "in_progress");
  g_assert_cmpstr (json_object_get_string_member (record, "tier"), ==,
                   xa_problem_tier_names[item->tier + 1]);
  {
    gint64 sent = 0;

    g_assert_true (xa_parse_time (json_object_get_string_member (record, "deadline"), &sent));
    g_assert_cmpint (sent, ==, deadline);
  }
  /* The synced row holds the server's deadline. */
  sql = g_strdup_printf ("SELECT deadline FROM problem WHERE id = '%s'", item->id);
  g_assert_cmpint (xa_test_store_query (f->store, sql), ==, deadline);
  /* Read again after the sync: no longer pending. */
  for (guint i = 0; i < shown (f); i++)
    {
      g_autoptr(XaLedgerItem) row = shown_item (f, i);

      if (g_str_equal (row->id, item->id))
        g_assert_false (row->pending);
    }
}

/* The row of @id among those shown; asserts there is one. */
static XaLedgerItem *
find_item (Fixture    *f,
           const char *id)
{
  for (guint i = 0; i < shown (f); i++)
    {
      g_autoptr(XaLedgerItem) row = shown_item (f, i);

      if (g_str_equal (row->id, id))
        return g_steal_pointer (&row);
    }
  g_assert_not_reached ();
  return NULL;
}

/* Another client changes the problem first: the push meets a 409 and the row says so. */
static void
test_conflict (Fixture *f)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(XaLedgerItem) item = NULL;
  g_autoptr(XaLedgerItem) after = NULL;
  g_autofree char *body = NULL;
  XaProblemStatusDialog *dialog;
  guint position = find_row (f, XA_STATUS_OPEN);

  item = shown_item (f, position);
  dialog = open_status_dialog (f, position, FALSE);
  _xa_problem_status_dialog_choose (dialog, XA_STATUS_RESOLVED, FALSE, "Settled on the spot");
  close_dialog (dialog, "change");

  body = g_strdup_printf ("{\"base_version\": %" G_GINT64_FORMAT ", \"status\": "
                          "\"in_progress\", \"note\": \"另一位干部已受理\"}",
                          xa_test_store_queryf (f->store, "SELECT version FROM problem "
                                                          "WHERE id = '%s'", item->id));
  g_assert_cmpuint (xa_test_server_post_update (f->server, session, "problem", item->id,
                                                "ledger-other-client", body, NULL), ==, 200);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL);
  xa_test_ui_spin (200);
  xa_test_window_wait_idle (f->window, 120);
  after = find_item (f, item->id);
  g_assert_cmpint (after->outbox_state, ==, XA_OUTBOX_CONFLICT);
  g_assert_nonnull (xa_test_ui_find_label_containing (GTK_WIDGET (f->ledger), _("Conflict")));
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "problem-ledger-conflict");
}

static void
test_ledger (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  guint total;

  /* Dated today, as the app's own demo is: the ledger measures "overdue" and "due this
   * week" against the real clock, and a city dated 2025-09-15 would have every open problem
   * overdue and none due this week. */
  f.store_path = xa_test_sync_only_demo_serving ("ledger.db",
                                                 (const char * const[]) { "--demo-now", "today",
                                                                          NULL }, &f.server);

  f.window = xa_test_window_open (app, f.store_path);
  xa_test_window_wait_page (f.window, "map", 60);
  /* A page no one looks at reads nothing: every sync would otherwise read every problem. */
  g_assert_cmpuint (_xa_problem_ledger_get_total (_xa_window_get_problem_ledger (f.window)), ==,
                    0);
  _xa_window_show_view (f.window, "problems");
  xa_test_ui_wait_frames (GTK_WIDGET (f.window), 3);
  g_assert_cmpstr (_xa_window_get_page (f.window), ==, "problems");
  f.ledger = _xa_window_get_problem_ledger (f.window);
  f.store = xa_test_store_open (f.store_path);

  /* Every problem of the store, and the count says so. */
  total = (guint) xa_store_count (f.store, XA_RECORD_PROBLEM);
  g_assert_cmpuint (total, >, 100);
  g_assert_cmpuint (_xa_problem_ledger_get_total (f.ledger), ==, total);
  g_assert_cmpuint (shown (&f), ==, total);
  xa_test_ui_save_screenshot (GTK_WIDGET (f.window), "problem-ledger");
  /* The page never widens the window past its narrowest (360 pixels): the view stack gives
   * every page the widest page's minimum. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (f.ledger), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                        NULL, NULL);
    g_test_message ("ledger minimum width: %d", minimum);
    g_assert_cmpint (minimum, <=, 360);
  }

  test_order (&f);
  test_filters (&f);
  test_district (&f);
  test_status_change (&f);
  test_conflict (&f);

  xa_test_window_close_all (f.window, f.store, f.server, f.store_path);
}

int
main (int   argc,
      char *argv[])
{
  return xa_test_window_main (&argc, &argv, &app, "/problem-ledger/all", test_ledger);
}
