/* test-agendas.c — meeting agendas in the store and the decisions a meeting takes, against
 * the real xiaoqu-server on 127.0.0.1: an agenda saved, reordered and read back in its order;
 * a compound once per agenda; deleting and undoing; agendas untouched by a sync; a decision
 * edits the problem and queues it in the outbox in one transaction, reaches the server on
 * the next sync, and stays in the minutes; a decision the flow forbids, or one filed under
 * the wrong compound, changes nothing. */
#include "config.h"

#include "xa-store-agendas.h"
#include "xa-store-edits.h"
#include "xa-sync-client.h"
#include "xa-test-http.h"
#include "xa-test-store.h"
#include "xa-test-util.h"

typedef XaTestServerFixture Fixture;

/* The small city (compound C1) with problems P-open and P-closed, synced into a store. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = xa_test_path ("server.db");
  xa_test_server_put_small_city_problems (f->db);
  xa_test_server_put (f->db, "compound", "C2", XA_TEST_COMPOUND_JSON);
  f->server = xa_test_server_start (f->db, NULL);
  f->store_path = xa_test_path ("client.db");
  xa_test_sync_ok (f->server, f->store_path);
}

static char *
joined_ids (XaAgenda *agenda)
{
  g_auto(GStrv) ids = xa_agenda_dup_compound_ids (agenda);

  return g_strjoinv (",", ids);
}

static void
test_save_and_order (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(XaStore) store = xa_test_store_open (f->store_path);
  g_autoptr(XaAgenda) agenda = xa_agenda_new ("十一月会商");
  g_autoptr(XaAgenda) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;

  g_assert_true (xa_agenda_append (agenda, "C1", "南门积水"));
  g_assert_true (xa_agenda_append (agenda, "C2", NULL));
  g_assert_false (xa_agenda_append (agenda, "C1", "again"));  /* once per meeting */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (agenda)), ==, 2);
  g_assert_true (xa_store_save_agenda (store, agenda, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xa_agenda_get_id (agenda), >, 0);

  xa_agenda_move (agenda, 1, 0);
  order = joined_ids (agenda);
  g_assert_cmpstr (order, ==, "C2,C1");
  g_assert_true (xa_store_save_agenda (store, agenda, &error));
  g_assert_no_error (error);

  loaded = xa_store_load_agenda (store, xa_agenda_get_id (agenda), &error);
  g_assert_no_error (error);
  g_clear_pointer (&order, g_free);
  order = joined_ids (loaded);
  g_assert_cmpstr (order, ==, "C2,C1");
  g_assert_cmpstr (xa_agenda_get_name (loaded), ==, "十一月会商");
  g_assert_cmpstr (xa_agenda_item_get_topic (xa_agenda_peek_item (loaded, 1)), ==, "南门积水");
  g_assert_cmpstr (xa_agenda_item_get_topic (xa_agenda_peek_item (loaded, 0)), ==, "");

  list = xa_store_list_agendas (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (((XaAgendaSummary *) list->pdata[0])->n_items, ==, 2);

  /* A name of blanks is refused and nothing is saved. */
  xa_agenda_set_name (loaded, "  ");
  xa_agenda_remove (loaded, 0);
  g_assert_false (xa_store_save_agenda (store, loaded, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (xa_test_store_query (store, "SELECT count (*) FROM agenda_item"), ==, 2);
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(XaStore) store = xa_test_store_open (f->store_path);
  g_autoptr(XaAgenda) agenda = xa_test_store_save_agenda (store, "防汛", "C1");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (xa_store_delete_agenda (store, xa_agenda_get_id (agenda), &error));
  g_assert_no_error (error);
  list = xa_store_list_agendas (store, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (xa_store_restore_agenda (store, xa_agenda_get_id (agenda), &error));
  list = xa_store_list_agendas (store, &error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_false (xa_store_delete_agenda (store, 999, &error));
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL);
}

static void
test_decision_pushed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(XaStore) store = xa_test_store_open (f->store_path);
  g_autoptr(XaAgenda) agenda = xa_test_store_save_agenda (store, "会商", "C1");
  g_autoptr(XaAgendaDecision) decision = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(XaProblem) problem = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = 1800000000;
  XaProblemEdit edit = {
    .status = XA_STATUS_IN_PROGRESS, .note = "会商议定：街道牵头疏通",
    .set_tier = TRUE, .tier = XA_TIER_CONSULTATION,
    .responsible_party = "盛庄街道办事处", .deadline = deadline,
  };

  decision = xa_store_decide (store, xa_agenda_get_id (agenda), "C1", "P-open",
                              XA_DECISION_AGREED, &edit, 1790000000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (decision);
  g_assert_cmpstr (decision->responsible_party, ==, "盛庄街道办事处");
  g_assert_cmpint (decision->deadline, ==, deadline);
  g_assert_cmpint (decision->tier, ==, XA_TIER_CONSULTATION);
  g_assert_true (xa_store_has_edit (store, XA_RECORD_PROBLEM, "P-open"));
  problem = xa_store_get_problem (store, "P-open");
  g_assert_cmpint (problem->status, ==, XA_STATUS_IN_PROGRESS);

  /* Forbidden by the flow (closed is final): no decision, no outbox entry. */
  g_assert_null (xa_store_decide (store, xa_agenda_get_id (agenda), "C1", "P-closed",
                                  XA_DECISION_AGREED, &edit, 1790000001, &error));
  g_assert_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_TRANSITION);
  g_clear_error (&error);
  /* Filed under a compound the problem is not of: nothing either, not even the edit. */
  edit.status = XA_STATUS_RESOLVED;
  edit.note = "另议";
  g_assert_null (xa_store_decide (store, xa_agenda_get_id (agenda), "C2", "P-open",
                                  XA_DECISION_ESCALATED, &edit, 1790000002, &error));
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL);
  g_clear_error (&error);
  g_clear_pointer (&problem, xa_problem_free);
  problem = xa_store_get_problem (store, "P-open");
  g_assert_cmpint (problem->status, ==, XA_STATUS_IN_PROGRESS);
  g_assert_cmpint (xa_test_store_query (store, "SELECT count (*) FROM outbox"), ==, 1);
  g_assert_cmpint (xa_test_store_query (store, "SELECT count (*) FROM agenda_decision"), ==, 1);

  /* The next sync pushes it; the minutes keep it; the agenda outlives the sync. */
  g_clear_object (&store);
  xa_test_sync_ok (f->server, f->store_path);
  store = xa_test_store_open (f->store_path);
  g_assert_cmpint (xa_test_store_query (store, "SELECT count (*) FROM outbox"), ==, 0);
  xa_test_store_assert_record (store, "problem", "P-open",
                               "version > 1 AND tier = 'consultation' AND "
                               "responsible_party = '盛庄街道办事处'");
  decisions = xa_store_list_decisions (store, xa_agenda_get_id (agenda), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, ==, 1);
  g_assert_cmpstr (((XaAgendaDecision *) decisions->pdata[0])->note, ==, "会商议定：街道牵头疏通");
  g_assert_cmpint (xa_test_store_query (store, "SELECT count (*) FROM agenda"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  g_test_add ("/agendas/save-and-order", Fixture, NULL, fixture_set_up, test_save_and_order,
              xa_test_server_fixture_tear_down);
  g_test_add ("/agendas/delete-and-undo", Fixture, NULL, fixture_set_up, test_delete_and_undo,
              xa_test_server_fixture_tear_down);
  g_test_add ("/agendas/decision-pushed", Fixture, NULL, fixture_set_up, test_decision_pushed,
              xa_test_server_fixture_tear_down);
  return g_test_run ();
}
