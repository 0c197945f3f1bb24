/* test-edit-conflicts.c — conflicting edits in a real window synced from a real demo
 * server: three local edits of problems that a second client changed first, a sync, the
 * toast with its way to the unsent edits, the list of them, the conflict dialog's original,
 * mine and theirs, and each of the three resolutions (keep mine, take theirs, mine for the
 * status and theirs for the deadline) held to the records the next sync brings back from
 * the server; then a pending edit discarded after its confirmation, and an edit the server
 * refused shown with the server's words and discarded. */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "xa-edit-conflict-dialog-private.h"
#include "xa-renewal-dialog.h"
#include "xa-outbox-window-private.h"
#include "xa-problem-status-dialog.h"
#include "xa-record-words.h"
#include "xa-store-edits.h"
#include "xa-test-http.h"
#include "xa-test-store.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

#define THEIR_DEADLINE "2026-12-10T09:30:00+08:00"
#define MY_DEADLINE    "2026-12-20T09:30:00+08:00"

static XaApplication *app;
static XaTestServer *server;

static void
sync_window (XaWindow *window)
{
  g_assert_false (_xa_window_is_syncing (window));
  xa_window_set_server (window, server->base_url, server->token);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  xa_test_window_wait_idle (window, 240);
  g_assert_null (_xa_window_get_error_text (window));
}

/* A window of @store_path, synced, in *@window; returns the test's own connection to that
 * store. */
static XaStore *
open_synced (const char  *store_path,
             XaWindow   **window)
{
  *window = xa_test_window_open (app, store_path);
  sync_window (*window);
  return xa_test_store_open (store_path);
}

/* The second client: sets problem @id (at @version) in progress with another deadline. */
static void
post_their_update (const char *id,
                   gint64      version)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *key = g_strdup_printf ("second-client-%s", id);
  g_autofree char *body = g_strdup_printf ("{\"base_version\": %" G_GINT64_FORMAT ", "
                                           "\"status\": \"in_progress\", "
                                           "\"deadline\": \"" THEIR_DEADLINE "\", "
                                           "\"note\": \"另一位干部已受理\"}", version);

  g_assert_cmpuint (xa_test_server_post_update (server, session, "problem", id, key, body,
                                                NULL), ==, 200);
}

/* The ids of the first four open problems. */
static void
collect_open (gconstpointer record,
              gpointer      user_data)
{
  const XaProblem *problem = record;
  GPtrArray *ids = user_data;

  if (problem->status == XA_STATUS_OPEN && ids->len < 4)
    g_ptr_array_add (ids, g_strdup (problem->id));
}

static gint64
version_of (XaStore    *store,
            const char *id)
{
  return xa_test_store_queryf (store, "SELECT version FROM problem WHERE id = '%s'", id);
}

static void
edit_mine (XaStore    *store,
           const char *id)
{
  XaProblemEdit edit = { .status = XA_STATUS_RESOLVED, .note = "现场解决" };
  g_autoptr(GError) error = NULL;

  g_assert_true (xa_parse_time (MY_DEADLINE, &edit.deadline));
  g_assert_true (xa_store_edit_problem (store, id, &edit, &error));
  g_assert_no_error (error);
}

/* The date the dialog shows for @unix_time, computed here in UTC+8. */
static char *
date_words (gint64 unix_time)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d");
}

static gboolean
outbox_shown (gpointer user_data)
{
  return xa_test_find_toplevel (XA_TYPE_OUTBOX_WINDOW) != NULL;
}

/* The list of unsent edits, once it shows (asserts it does within 10 seconds). */
static XaOutboxWindow *
wait_for_outbox (void)
{
  g_assert_true (xa_test_ui_spin_until (outbox_shown, NULL, 10));
  return XA_OUTBOX_WINDOW (xa_test_find_toplevel (XA_TYPE_OUTBOX_WINDOW));
}

static XaEditConflictDialog *
open_resolve (XaOutboxWindow *outbox,
              guint           row)
{
  GtkButton *resolve = _xa_outbox_window_get_row_button (outbox, row, "resolve");
  GtkWindow *dialog;

  g_assert_nonnull (resolve);
  xa_test_click (GTK_WIDGET (resolve));
  dialog = _xa_outbox_window_get_dialog (outbox);
  g_assert_true (XA_IS_EDIT_CONFLICT_DIALOG (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (outbox));
  xa_test_ui_wait_frames (GTK_WIDGET (dialog), 3);
  return XA_EDIT_CONFLICT_DIALOG (dialog);
}

/* The problem's row after the last sync: what the server holds. */
static void
assert_record (XaStore     *store,
               const char  *id,
               const char  *status,
               const char  *deadline,
               gint64       version)
{
  g_autofree char *where = NULL;
  gint64 unix_time = 0;

  g_assert_true (xa_parse_time (deadline, &unix_time));
  g_test_message ("%s: %s, %s, version %" G_GINT64_FORMAT, id, status, deadline, version);
  where = g_strdup_printf ("status = '%s' AND deadline = %" G_GINT64_FORMAT " AND version = %"
                           G_GINT64_FORMAT, status, unix_time, version);
  xa_test_store_assert_record (store, "problem", id, where);
}

static void
test_resolve_in_window (void)
{
  g_autofree char *store_path = xa_test_path ("conflicts.db");
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func ((GDestroyNotify) xa_problem_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast_text = NULL;
  g_autofree char *original_date = NULL;
  g_autofree char *their_date = NULL;
  g_autofree char *my_date = NULL;
  g_autofree char *decision = NULL;
  XaOutboxEntry *merged;
  gint64 versions[3], unix_time = 0;
  XaWindow *window;
  XaOutboxWindow *outbox;
  XaEditConflictDialog *dialog;
  GtkWidget *toast_label, *review;
  AdwMessageDialog *question;

  store = open_synced (store_path, &window);
  g_assert_true (xa_store_foreach (store, XA_RECORD_PROBLEM, collect_open, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 4);
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (open, xa_store_get_problem (store, ids->pdata[i]));

  /* Three edits of mine; the second client changed each of those problems first. */
  for (guint i = 0; i < 3; i++)
    {
      XaProblem *problem = g_ptr_array_index (open, i);

      versions[i] = version_of (store, problem->id);
      post_their_update (problem->id, versions[i]);
      edit_mine (store, problem->id);
    }
  sync_window (window);

  toast_text = g_strdup_printf (ngettext ("%u edit conflicts with changes on the server",
                                          "%u edits conflict with changes on the server", 3),
                                3);
  toast_label = xa_test_ui_find_label (GTK_WIDGET (window), toast_text);
  g_assert_nonnull (toast_label);
  xa_test_window_assert_unsent_edits (window, 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "conflict-toast");
  review = xa_test_find_button (GTK_WIDGET (window), _("_Review"), "win.unsent-edits");
  g_assert_nonnull (review);
  xa_test_click (review);
  outbox = wait_for_outbox ();
  xa_test_ui_wait_frames (GTK_WIDGET (outbox), 3);
  g_assert_cmpuint (_xa_outbox_window_get_n_rows (outbox), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      XaProblem *problem = g_ptr_array_index (open, i);

      g_assert_cmpstr (_xa_outbox_window_get_row_title (outbox, i), ==, problem->title);
      g_assert_cmpstr (_xa_outbox_window_get_row_subtitle (outbox, i), ==,
                       _("Conflicts with a change on the server"));
    }
  xa_test_ui_save_screenshot (GTK_WIDGET (outbox), "unsent-edits");

  /* The first: original, mine, theirs in words; keep all mine. */
  dialog = open_resolve (outbox, 0);
  original_date = date_words (((XaProblem *) g_ptr_array_index (open, 0))->deadline);
  g_assert_true (xa_parse_time (MY_DEADLINE, &unix_time));
  my_date = date_words (unix_time);
  g_assert_true (xa_parse_time (THEIR_DEADLINE, &unix_time));
  their_date = date_words (unix_time);
  g_assert_cmpstr (_xa_edit_conflict_dialog_get_cell (dialog, 0, 0), ==, _("Status"));
  g_assert_cmpstr (_xa_edit_conflict_dialog_get_cell (dialog, 0, 1), ==,
                   xa_record_words_problem_status (XA_STATUS_OPEN));
  g_assert_cmpstr (_xa_edit_conflict_dialog_get_cell (dialog, 0, 2), ==,
                   xa_record_words_problem_status (XA_STATUS_RESOLVED));
  g_assert_cmpstr (_xa_edit_conflict_dialog_get_cell (dialog, 0, 3), ==,
                   xa_record_words_problem_status (XA_STATUS_IN_PROGRESS));
  g_assert_cmpstr (_xa_edit_conflict_dialog_get_cell (dialog, 1, 0), ==, _("Deadline"));
  g_assert_cmpstr (_xa_edit_conflict_dialog_get_cell (dialog, 1, 1), ==, original_date);
  g_assert_cmpstr (_xa_edit_conflict_dialog_get_cell (dialog, 1, 2), ==, my_date);
  g_assert_cmpstr (_xa_edit_conflict_dialog_get_cell (dialog, 1, 3), ==, their_date);
  g_assert_null (_xa_edit_conflict_dialog_get_cell (dialog, 2, 0));
  g_assert_true (gtk_check_button_get_active (_xa_edit_conflict_dialog_get_choice (dialog, 0,
                                                                                   TRUE)));
  xa_test_ui_save_screenshot (GTK_WIDGET (dialog), "edit-conflict");
  xa_test_click (GTK_WIDGET (_xa_edit_conflict_dialog_get_button (dialog, "keep-mine")));
  g_assert_null (_xa_outbox_window_get_dialog (outbox));
  g_assert_cmpstr (_xa_outbox_window_get_row_subtitle (outbox, 0), ==,
                   _("Waiting to be sent with the next sync"));

  /* The second: take all theirs; its row goes. */
  dialog = open_resolve (outbox, 1);
  xa_test_click (GTK_WIDGET (_xa_edit_conflict_dialog_get_button (dialog, "take-theirs")));
  g_assert_cmpuint (_xa_outbox_window_get_n_rows (outbox), ==, 2);

  /* The third: mine for the status, theirs for the deadline. */
  dialog = open_resolve (outbox, 1);
  /* As the keyboard does (Space on the focused check button). */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (_xa_edit_conflict_dialog_get_choice (dialog, 1,
                                                                                     FALSE))));
  g_assert_false (gtk_check_button_get_active (_xa_edit_conflict_dialog_get_choice (dialog, 1,
                                                                                    TRUE)));
  xa_test_click (GTK_WIDGET (_xa_edit_conflict_dialog_get_button (dialog, "apply")));
  g_assert_null (_xa_outbox_window_get_dialog (outbox));
  g_assert_cmpuint (_xa_outbox_window_get_n_rows (outbox), ==, 2);
  xa_test_window_assert_unsent_edits (window, 2);
  /* The note sent again says what was decided, in the user's words. */
  decision = g_strdup_printf (_("Conflict resolved: kept mine for %s, took theirs for %s"),
                              _("Status"), _("Deadline"));
  entries = xa_store_list_outbox (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  merged = g_ptr_array_index (entries, 1);
  g_test_message ("%s", merged->fields);
  g_assert_nonnull (strstr (merged->fields, decision));
  g_assert_null (strstr (merged->fields, "deadline"));
  g_clear_pointer (&entries, g_ptr_array_unref);
  gtk_window_destroy (GTK_WINDOW (outbox));

  sync_window (window);
  g_assert_null (xa_test_ui_find_label_containing (GTK_WIDGET (window), toast_text));
  entries = xa_store_list_outbox (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  xa_test_window_assert_unsent_edits (window, 0);
  assert_record (store, ((XaProblem *) g_ptr_array_index (open, 0))->id, "resolved",
                 MY_DEADLINE, versions[0] + 2);
  assert_record (store, ((XaProblem *) g_ptr_array_index (open, 1))->id, "in_progress",
                 THEIR_DEADLINE, versions[1] + 1);
  assert_record (store, ((XaProblem *) g_ptr_array_index (open, 2))->id, "resolved",
                 THEIR_DEADLINE, versions[2] + 2);

  /* A pending edit discarded from the menu's list, after its question. */
  edit_mine (store, ((XaProblem *) g_ptr_array_index (open, 3))->id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.unsent-edits", NULL);
  outbox = XA_OUTBOX_WINDOW (xa_test_find_toplevel (XA_TYPE_OUTBOX_WINDOW));
  g_assert_nonnull (outbox);
  g_assert_cmpuint (_xa_outbox_window_get_n_rows (outbox), ==, 1);
  g_assert_null (_xa_outbox_window_get_row_button (outbox, 0, "resolve"));
  xa_test_click (GTK_WIDGET (_xa_outbox_window_get_row_button (outbox, 0, "discard")));
  question = ADW_MESSAGE_DIALOG (_xa_outbox_window_get_dialog (outbox));
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "cancel");
  g_assert_cmpuint (_xa_outbox_window_get_n_rows (outbox), ==, 1);
  xa_test_click (GTK_WIDGET (_xa_outbox_window_get_row_button (outbox, 0, "discard")));
  question = ADW_MESSAGE_DIALOG (_xa_outbox_window_get_dialog (outbox));
  adw_message_dialog_response (question, "discard");
  g_assert_cmpuint (_xa_outbox_window_get_n_rows (outbox), ==, 0);
  g_assert_cmpint (xa_test_store_query (store, "SELECT count(*) FROM outbox"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (outbox));

  g_clear_object (&store);
  xa_test_window_close (window);
}

/* An edit the server refuses (422): the toast says so, the list shows the server's words and
 * offers no resolution, and discarding it (after the question) puts the row back. The
 * client's own checks refuse such an edit today, so the entry is written as an older client,
 * whose rules allowed it, would have queued it. */
static void
test_rejected_in_window (void)
{
  g_autofree char *store_path = xa_test_path ("rejected.db");
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *toast_text = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *prefix = NULL;
  XaElevatorEdit plan = { .set_planned_year = TRUE, .planned_year = 2031 };
  const char *subtitle;
  XaWindow *window;
  XaOutboxWindow *outbox;
  AdwMessageDialog *question;
  gint64 planned_before;

  store = open_synced (store_path, &window);
  id = xa_test_store_first_id (store, XA_RECORD_ELEVATOR);
  sql = g_strdup_printf ("SELECT coalesce (planned_year, 0) FROM elevator WHERE id = '%s'", id);
  planned_before = xa_test_store_query (store, sql);
  g_assert_true (xa_store_edit_elevator (store, id, &plan, &error));
  g_assert_no_error (error);
  xa_test_sqlite_exec (store_path, "UPDATE outbox SET fields = '{\"planned_year\":2101}'");

  sync_window (window);
  toast_text = g_strdup_printf (ngettext ("%u edit was refused by the server",
                                          "%u edits were refused by the server", 1), 1);
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (window), toast_text));
  xa_test_click (xa_test_find_button (GTK_WIDGET (window), _("_Review"), "win.unsent-edits"));
  outbox = wait_for_outbox ();
  g_assert_cmpuint (_xa_outbox_window_get_n_rows (outbox), ==, 1);
  /* An elevator is named by its registration code and its compound. */
  g_assert_nonnull (strstr (_xa_outbox_window_get_row_title (outbox, 0), " · "));
  subtitle = _xa_outbox_window_get_row_subtitle (outbox, 0);
  g_test_message ("%s", subtitle);
  prefix = g_strdup_printf (_("Refused by the server: %s"), "");
  g_assert_true (g_str_has_prefix (subtitle, prefix));
  g_assert_nonnull (strstr (subtitle, "2101"));
  g_assert_null (_xa_outbox_window_get_row_button (outbox, 0, "resolve"));
  xa_test_ui_save_screenshot (GTK_WIDGET (outbox), "unsent-edits-rejected");

  xa_test_click (GTK_WIDGET (_xa_outbox_window_get_row_button (outbox, 0, "discard")));
  question = ADW_MESSAGE_DIALOG (_xa_outbox_window_get_dialog (outbox));
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "discard");
  g_assert_cmpuint (_xa_outbox_window_get_n_rows (outbox), ==, 0);
  g_assert_cmpint (xa_test_store_query (store, sql), ==, planned_before);
  gtk_window_destroy (GTK_WINDOW (outbox));

  g_clear_object (&store);
  xa_test_window_close (window);
}

/* The open problem @user_data's ninth (by id): one no other test of the program edits. */
static void
ninth_open (gconstpointer record,
            gpointer      user_data)
{
  const XaProblem *problem = record;
  struct { guint seen; char *id; } *wanted = user_data;

  if (problem->status == XA_STATUS_OPEN && ++wanted->seen == 9)
    wanted->id = g_strdup (problem->id);
}

/* Answers @dialog with @response as its button would, and lets it go. */
static void
answer (GtkWindow  *dialog,
        const char *response)
{
  /* libadwaita 1.2 closes the dialog from its buttons, not from the response itself. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (dialog);
  xa_test_ui_spin (100);
}

/* Two edits the server refuses (422), a lift's planned year outside 2000–2100 and a
 * problem closed straight from open, each corrected through Correct…: the right dialog,
 * filled with the refused values and the server's words, replaces the entry, and the next
 * sync has both accepted. The entries are written as an older client, whose rules allowed
 * them, would have queued them (the client's own checks refuse them today). */
static void
test_corrected_in_window (void)
{
  g_autofree char *store_path = xa_test_path ("corrected.db");
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *elevator = NULL;
  struct { guint seen; char *id; } problem = { 0, NULL };
  XaElevatorEdit plan = { .set_planned_year = TRUE, .planned_year = 2031 };
  XaProblemEdit start = { .status = XA_STATUS_IN_PROGRESS, .note = "已受理" };
  XaWindow *window;
  XaOutboxWindow *outbox;
  GtkWindow *dialog;
  gint64 problem_version;

  store = open_synced (store_path, &window);
  elevator = xa_test_store_first_id (store, XA_RECORD_ELEVATOR);
  g_assert_true (xa_store_foreach (store, XA_RECORD_PROBLEM, ninth_open, &problem, &error));
  g_assert_no_error (error);
  g_assert_nonnull (problem.id);
  problem_version = version_of (store, problem.id);
  g_assert_true (xa_store_edit_elevator (store, elevator, &plan, &error));
  g_assert_true (xa_store_edit_problem (store, problem.id, &start, &error));
  g_assert_no_error (error);
  xa_test_sqlite_exec (store_path, "UPDATE outbox SET fields = '{\"planned_year\":2101}' "
                                   "WHERE record_type = 'elevator'; "
                                   "UPDATE outbox SET fields = '{\"status\":\"closed\","
                                   "\"note\":\"直接办结\"}' WHERE record_type = 'problem'");

  sync_window (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.unsent-edits", NULL);
  outbox = wait_for_outbox ();
  g_assert_cmpuint (_xa_outbox_window_get_n_rows (outbox), ==, 2);
  g_assert_nonnull (_xa_outbox_window_get_row_button (outbox, 0, "correct"));
  g_assert_nonnull (_xa_outbox_window_get_row_button (outbox, 1, "correct"));
  xa_test_ui_save_screenshot (GTK_WIDGET (outbox), "unsent-edits-correct");

  /* The lift: the refused year as it was, "Save" off until it is one the server takes. */
  xa_test_click (GTK_WIDGET (_xa_outbox_window_get_row_button (outbox, 0, "correct")));
  dialog = _xa_outbox_window_get_dialog (outbox);
  g_assert_true (XA_IS_RENEWAL_DIALOG (dialog));
  xa_test_ui_wait_frames (GTK_WIDGET (dialog), 3);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   _("Correct the Edit"));
  {
    XaElevatorEdit edit;
    g_autoptr(GError) year_error = NULL;

    g_assert_false (xa_renewal_dialog_get_edit (XA_RENEWAL_DIALOG (dialog), &edit,
                                                &year_error));
    g_assert_true (edit.set_planned_year);
    g_assert_cmpint (edit.planned_year, ==, 2101);
    g_assert_false (edit.set_renewal_status || edit.set_funding_source);
    g_assert_cmpstr (_xa_renewal_dialog_get_message (XA_RENEWAL_DIALOG (dialog)), ==,
                     year_error->message);
  }
  g_assert_nonnull (xa_test_ui_find_label_containing (GTK_WIDGET (dialog), "2000 … 2100"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  xa_test_ui_save_screenshot (GTK_WIDGET (dialog), "correct-elevator");
  _xa_renewal_dialog_choose (XA_RENEWAL_DIALOG (dialog), -1, "2032", -2, NULL);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  answer (dialog, "save");
  g_assert_cmpuint (_xa_outbox_window_get_n_rows (outbox), ==, 2);

  /* The problem: the status it was refused on, and the flow's steps from there (closed is
   * not one of them from open); the note kept. */
  xa_test_click (GTK_WIDGET (_xa_outbox_window_get_row_button (outbox, 1, "correct")));
  dialog = _xa_outbox_window_get_dialog (outbox);
  g_assert_true (XA_IS_PROBLEM_STATUS_DIALOG (dialog));
  xa_test_ui_wait_frames (GTK_WIDGET (dialog), 3);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   _("Correct the Edit"));
  {
    guint n = 0;
    const XaProblemStatus *offered =
      _xa_problem_status_dialog_get_offered (XA_PROBLEM_STATUS_DIALOG (dialog), &n);

    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpint (offered[0], ==, XA_STATUS_IN_PROGRESS);
  }
  g_assert_nonnull (xa_test_ui_find_label_containing (GTK_WIDGET (dialog), "closed"));
  xa_test_ui_save_screenshot (GTK_WIDGET (dialog), "correct-problem");
  _xa_problem_status_dialog_choose (XA_PROBLEM_STATUS_DIALOG (dialog), XA_STATUS_IN_PROGRESS,
                                    FALSE, "已受理，未能当场办结");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                          "change"));
  answer (dialog, "change");

  /* Both wait for the next sync again, in place of the refused ones. */
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (_xa_outbox_window_get_row_subtitle (outbox, i), ==,
                     _("Waiting to be sent with the next sync"));
  xa_test_window_assert_unsent_edits (window, 2);
  gtk_window_destroy (GTK_WINDOW (outbox));

  sync_window (window);
  entries = xa_store_list_outbox (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  xa_test_window_assert_unsent_edits (window, 0);
  /* What the feed brought back from the server. */
  xa_test_store_assert_record (store, "elevator", elevator, "planned_year = 2032 AND version = 2");
  {
    g_autofree char *where = g_strdup_printf ("status = 'in_progress' AND version = %"
                                              G_GINT64_FORMAT, problem_version + 1);

    xa_test_store_assert_record (store, "problem", problem.id, where);
  }

  g_free (problem.id);
  g_clear_object (&store);
  xa_test_window_close (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  xa_test_window_init (&argc, &argv);
  app = xa_test_window_app_new ();
  server = xa_test_demo_server_start ();

  g_test_add_func ("/edit-conflicts/resolve-in-window", test_resolve_in_window);
  g_test_add_func ("/edit-conflicts/rejected-in-window", test_rejected_in_window);
  g_test_add_func ("/edit-conflicts/corrected-in-window", test_corrected_in_window);

  ret = xa_test_window_run (&app);
  xa_test_server_free (server);
  return ret;
}
