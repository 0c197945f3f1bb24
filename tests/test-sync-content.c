/* test-sync-content.c — the record-by-record check the sync tests rely on
 * (xa-test-feed.c) holds a synced demo city equal to the server's feed, and finds each kind
 * of difference a sync could leave behind: a field off by a little, an optional field lost
 * or invented, a version, a cadre's compound link, a record missing or left over. A check
 * that could not fail would make every sync test pass whatever the sync stored. */
#include "config.h"

#include <sqlite3.h>

#include "xa-sync-client.h"
#include "xa-test-feed.h"
#include "xa-test-util.h"

static XaTestServer *server;
static char *synced_store;

static XaTestFeed *
fetch_feed (void)
{
  return xa_test_feed_fetch (server->base_url, server->token);
}

/* The demo city in a store of its own, synced once for every test here. */
static const char *
get_synced_store (void)
{
  if (synced_store == NULL)
    {
      g_autoptr(XaSyncClient) client = xa_sync_client_new (server->base_url, server->token);
      g_autoptr(GError) error = NULL;
      XaSyncResult result;

      synced_store = xa_test_path ("synced.db");
      xa_sync_client_sync (client, synced_store, NULL, &result, &error);
      g_assert_no_error (error);
    }
  return synced_store;
}

/* The records whose optional fields are set: the check must have something to compare. */
static guint
count_with_member (XaTestFeed *feed,
                   const char *type,
                   const char *member)
{
  g_autoptr(GPtrArray) ids = xa_test_feed_ids (feed, type);
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *data = xa_test_feed_lookup (feed, type, ids->pdata[i]);
      JsonNode *node = json_object_get_member (data, member);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        n++;
    }
  return n;
}

static void
test_mirror (void)
{
  g_autoptr(XaTestFeed) feed = fetch_feed ();

  /* The demo city of the seed article, read from the feed itself. */
  g_assert_cmpuint (xa_test_feed_count (feed, "district"), ==, 12);
  g_assert_cmpuint (xa_test_feed_count (feed, "compound"), ==, 3490);
  g_assert_cmpuint (count_with_member (feed, "compound", "boundary"), >, 0);
  g_assert_cmpuint (count_with_member (feed, "compound", "property_company"), >, 0);
  g_assert_cmpuint (count_with_member (feed, "problem", "resolved_at"), >, 0);
  g_assert_cmpuint (count_with_member (feed, "problem", "satisfaction"), >, 0);
  g_assert_cmpuint (count_with_member (feed, "elevator", "assessment_grade"), >, 0);
  g_assert_cmpuint (count_with_member (feed, "category", "key_action"), >, 0);

  xa_test_feed_assert_store (feed, get_synced_store ());
}

/* Each a change to one row that the check must see. */
static const char * const tamperings[] = {
  "UPDATE compound SET lat = lat + 1e-9 WHERE rowid = (SELECT min(rowid) FROM compound)",
  "UPDATE compound SET boundary = NULL "
  "WHERE id = (SELECT id FROM compound WHERE boundary IS NOT NULL LIMIT 1)",
  "UPDATE compound SET special_account = 1 - special_account "
  "WHERE rowid = (SELECT max(rowid) FROM compound)",
  "UPDATE district SET name = name || ' ' WHERE id = '371302'",
  "UPDATE category SET key_action = NULL "
  "WHERE id = (SELECT id FROM category WHERE key_action IS NOT NULL LIMIT 1)",
  "UPDATE problem SET resolved_at = resolved_at + 1 "
  "WHERE id = (SELECT id FROM problem WHERE resolved_at IS NOT NULL LIMIT 1)",
  "UPDATE problem SET satisfaction = NULL "
  "WHERE id = (SELECT id FROM problem WHERE satisfaction IS NOT NULL LIMIT 1)",
  "UPDATE flood_check SET drill_notes = coalesce (drill_notes, '') || 'x' "
  "WHERE id = (SELECT id FROM flood_check LIMIT 1)",
  "UPDATE elevator SET version = version + 1 WHERE id = (SELECT id FROM elevator LIMIT 1)",
  "UPDATE charging SET smart_ports = smart_ports + 1 WHERE id = (SELECT id FROM charging LIMIT 1)",
  "DELETE FROM cadre_compound "
  "WHERE (cadre, compound) = (SELECT cadre, compound FROM cadre_compound LIMIT 1)",
  "DELETE FROM charging WHERE id = (SELECT id FROM charging LIMIT 1)",
  "INSERT INTO district (id, version, name, lat, lon) VALUES ('379999', 1, '新区', 35.0, 118.0)",
};

static void
test_catches_differences (void)
{
  g_autoptr(XaTestFeed) feed = fetch_feed ();
  const char *original = get_synced_store ();

  for (guint i = 0; i < G_N_ELEMENTS (tamperings); i++)
    {
      g_autofree char *copy = xa_test_path ("tampered.db");
      g_autofree char *vacuum = g_strdup_printf ("VACUUM INTO '%s'", copy);
      sqlite3 *db = NULL;

      g_test_message ("%s", tamperings[i]);
      g_assert_cmpint (sqlite3_open (original, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, vacuum, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, tamperings[i], NULL, NULL, NULL), ==, SQLITE_OK);
      /* Exactly one row changed: the check is asked about one difference at a time. */
      g_assert_cmpint (sqlite3_changes (db), ==, 1);
      sqlite3_close (db);

      g_assert_cmpuint (xa_test_feed_compare_store (feed, copy), >=, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  xa_test_init (&argc, &argv);
  server = xa_test_demo_server_start ();

  g_test_add_func ("/sync-content/mirror", test_mirror);
  g_test_add_func ("/sync-content/catches-differences", test_catches_differences);

  ret = g_test_run ();
  xa_test_server_free (server);
  g_free (synced_store);
  return ret;
}
