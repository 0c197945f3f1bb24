/* test-store.c — the local store: migrations (a real v1 file made from the v1 schema, with
 * data), pages applied with their cursor in one transaction, upserts that keep the higher
 * version, tombstones that cascade, rejected pages that leave everything as it was, the
 * full-resync swap and the R*Tree; one server per store; damage found by a check, by any
 * statement, and at the open after an unclean shutdown; moving a store aside. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "xa-records-private.h"
#include "xa-store.h"
#include "xa-test-store.h"
#include "xa-test-util.h"

#define SERVER "http://127.0.0.1:1"

static char *
compound_json (int         seq,
               const char *id,
               int         version,
               double      lat,
               double      lon)
{
  return g_strdup_printf (
    "{\"seq\": %d, \"type\": \"compound\", \"id\": \"%s\", \"version\": %d, \"data\": {"
    "\"name\": \"小区%s\", \"district\": \"371302\", \"subdistrict\": \"街道\","
    " \"community\": \"社区\", \"address\": \"地址\", \"lat\": %.6f, \"lon\": %.6f,"
    " \"kind\": \"residential\", \"buildings\": 3,"
    "\"households\": 100, \"owners_committee\": false, \"public_revenue_recorded\": true,"
    "\"special_account\": true, \"supervised_fen\": %d}}",
    seq, id, version, id, lat, lon, version * 100);
}

/* A page of the feed holding only compound_json() of the same arguments. */
static char *
compound_page (int         seq,
               const char *id,
               int         version,
               double      lat,
               double      lon)
{
  g_autofree char *compound = compound_json (seq, id, version, lat, lon);

  return g_strdup_printf ("[%s]", compound);
}

static const char districts[] =
  "{\"seq\": 1, \"type\": \"district\", \"id\": \"371302\", \"version\": 1,"
  " \"data\": {\"code\": \"371302\", \"name\": \"兰山区\", \"lat\": 35.05, \"lon\": 118.35}}";

static char *
base_page (void)
{
  g_autofree char *a = compound_json (2, "C1", 1, 35.05, 118.35);
  g_autofree char *b = compound_json (3, "C2", 1, 35.10, 118.40);
  return g_strdup_printf (
    "[%s, %s, %s,"
    " {\"seq\": 4, \"type\": \"elevator\", \"id\": \"E1\", \"version\": 1, \"data\": {"
    "  \"compound\": \"C1\", \"building\": \"1号楼\", \"unit\": \"1单元\","
    "  \"registration_code\": \"R1\","
    "  \"maker\": \"M\", \"model\": \"X\", \"commissioned\": \"2005-03-01\", \"faults_12m\": 1,"
    "  \"entrapments_12m\": 0, \"renewal_status\": \"none\"}},"
    " {\"seq\": 5, \"type\": \"cadre\", \"id\": \"CD1\", \"version\": 1, \"data\": {"
    "  \"name\": \"张三\", \"unit\": \"物业科\", \"phone\": \"13800000000\","
    "  \"compounds\": [\"C1\", \"C2\"]}}]",
    districts, a, b);
}

static void
apply (XaStore    *store,
       const char *json,
       const char *cursor)
{
  g_autoptr(GPtrArray) changes = xa_test_parse_changes (json);
  g_autoptr(GError) error = NULL;

  g_assert_true (xa_store_apply_page (store, SERVER, changes, cursor, &error));
  g_assert_no_error (error);
}

/* A new store.db holding base_page (), applied with @cursor. */
static XaStore *
open_base_store (const char *cursor)
{
  g_autofree char *path = xa_test_path ("store.db");
  g_autofree char *page = base_page ();
  XaStore *store = xa_test_store_open (path);

  apply (store, page, cursor);
  return store;
}

static void
test_open_and_migrate (void)
{
  g_autofree char *path = xa_test_path ("store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(XaStore) store = xa_test_store_open (path);

  g_assert_cmpint (xa_store_query_int (store, "PRAGMA user_version", NULL), ==, 7);
  g_assert_cmpint (xa_store_query_int (store, "PRAGMA foreign_keys", NULL), ==, 1);
  g_assert_null (xa_store_dup_cursor (store, SERVER));
  g_clear_object (&store);

  /* Reopening an existing store keeps it. */
  store = xa_test_store_open (path);
  g_assert_cmpint (xa_store_count (store, XA_RECORD_COMPOUND), ==, 0);
  g_clear_object (&store);

  /* A store from the future is refused with a way forward, and left alone. */
  xa_test_sqlite_exec (path, "PRAGMA user_version = 99");
  store = xa_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
test_not_a_store (void)
{
  g_autofree char *path = xa_test_path ("garbage.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(XaStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "this is not a database, just text that is long enough",
                                      -1, NULL));
  store = xa_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_OPEN);
}

static void
test_apply_and_reapply (void)
{
  g_autofree char *path = xa_test_path ("store.db");
  g_autoptr(XaStore) store = xa_test_store_open (path);
  g_autofree char *page = base_page ();
  g_autofree char *cursor = NULL;

  apply (store, page, "cursor-1");
  g_assert_cmpint (xa_store_count (store, XA_RECORD_DISTRICT), ==, 1);
  g_assert_cmpint (xa_store_count (store, XA_RECORD_COMPOUND), ==, 2);
  g_assert_cmpint (xa_store_count (store, XA_RECORD_ELEVATOR), ==, 1);
  g_assert_cmpint (xa_store_count (store, XA_RECORD_CADRE), ==, 1);
  g_assert_cmpint (xa_store_query_int (store, "SELECT count(*) FROM cadre_compound", NULL), ==, 2);
  cursor = xa_store_dup_cursor (store, SERVER);
  g_assert_cmpstr (cursor, ==, "cursor-1");
  g_assert_cmpint (xa_store_get_last_sync (store, SERVER), >, 0);

  /* The same page again changes nothing. */
  apply (store, page, "cursor-1");
  g_assert_cmpint (xa_store_count (store, XA_RECORD_COMPOUND), ==, 2);
  g_assert_cmpint (xa_store_query_int (store, "SELECT count(*) FROM cadre_compound", NULL), ==, 2);
}

static void
test_versions (void)
{
  g_autoptr(XaStore) store = open_base_store ("c1");
  g_autofree char *page_v3 = compound_page (10, "C1", 3, 35.06, 118.36);
  g_autofree char *page_v2 = compound_page (11, "C1", 2, 35.07, 118.37);
  g_autoptr(XaCompound) compound = NULL;

  apply (store, page_v3, "c2");
  apply (store, page_v2, "c3");   /* older than what is stored: ignored */
  compound = xa_store_get_compound (store, "C1");
  g_assert_nonnull (compound);
  g_assert_cmpint (compound->supervised_fen, ==, 300);
  g_assert_cmpfloat_with_epsilon (compound->lat, 35.06, 1e-9);
  /* The update kept the compound's children. */
  g_assert_cmpint (xa_store_count (store, XA_RECORD_ELEVATOR), ==, 1);
  g_assert_cmpint (xa_store_query_int (store, "SELECT version FROM compound WHERE id = 'C1'", NULL),
                   ==, 3);
}

static void
test_tombstones (void)
{
  g_autoptr(XaStore) store = open_base_store ("c1");
  g_autofree char *page3 = compound_page (30, "C1", 5, 35.05, 118.35);
  g_autoptr(GPtrArray) found = NULL;

  apply (store,
         "[{\"seq\": 20, \"type\": \"compound\", \"id\": \"C1\", \"version\": 2, \"deleted\": true,"
         "  \"data\": null},"
         " {\"seq\": 21, \"type\": \"problem\", \"id\": \"NOPE\", \"version\": 1,"
         "  \"deleted\": true}]",
         "c2");
  g_assert_cmpint (xa_store_count (store, XA_RECORD_COMPOUND), ==, 1);
  /* Deleting a compound removes what points at it. */
  g_assert_cmpint (xa_store_count (store, XA_RECORD_ELEVATOR), ==, 0);
  g_assert_cmpint (xa_store_query_int (store, "SELECT count(*) FROM cadre_compound", NULL), ==, 1);
  found = xa_store_compounds_in_box (store, 35.0, 118.3, 35.08, 118.38);
  g_assert_cmpuint (found->len, ==, 0);

  /* Deleted, then created again with a higher version. */
  apply (store, page3, "c3");
  g_assert_cmpint (xa_store_count (store, XA_RECORD_COMPOUND), ==, 2);
  g_assert_cmpint (xa_store_query_int (store, "SELECT version FROM compound WHERE id = 'C1'", NULL),
                   ==, 5);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = xa_store_compounds_in_box (store, 35.0, 118.3, 35.08, 118.38);
  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_rejected_page_changes_nothing (void)
{
  g_autoptr(XaStore) store = open_base_store ("good");
  g_autofree char *fresh = compound_json (40, "C9", 1, 35.2, 118.2);
  g_autofree char *bad = g_strdup_printf (
    "[%s, {\"seq\": 41, \"type\": \"elevator\", \"id\": \"E9\", \"version\": 1, \"data\": {"
    "  \"compound\": \"C404\", \"building\": \"1\", \"unit\": \"1\", \"registration_code\": \"R\","
    "  \"maker\": \"M\", \"model\": \"X\", \"commissioned\": \"2005-03-01\", \"faults_12m\": 0,"
    "  \"entrapments_12m\": 0, \"renewal_status\": \"none\"}}]", fresh);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;

  changes = xa_test_parse_changes (bad);
  g_assert_false (xa_store_apply_page (store, SERVER, changes, "bad", &error));
  g_assert_error (error, XA_RECORD_ERROR, XA_RECORD_ERROR_UNKNOWN_REFERENCE);
  g_assert_nonnull (strstr (error->message,
                            "elevator E9: field “compound”: unknown compound “C404”"));

  /* C9 came before the bad record in the same page: it must not be there either. */
  g_assert_null (xa_store_get_compound (store, "C9"));
  g_assert_cmpint (xa_store_count (store, XA_RECORD_COMPOUND), ==, 2);
  cursor = xa_store_dup_cursor (store, SERVER);
  g_assert_cmpstr (cursor, ==, "good");
}

#define COUNT_INDEXES "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN (" \
  "'compound_district', 'cadre_compound_compound', 'flood_check_compound', 'charging_compound'," \
  "'elevator_compound', 'problem_compound', 'problem_category', 'problem_status')"

/* A first sync appends without secondary indexes and builds them once; a deletion brings
 * them back first, inside its own page's transaction. */
static void
test_deferred_indexes (void)
{
  g_autofree char *path = xa_test_path ("store.db");
  g_autoptr(XaStore) store = xa_test_store_open (path);
  g_autofree char *page = base_page ();
  g_autofree char *moved_page = compound_page (9, "C2", 2, 35.30, 118.60);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (xa_store_query_int (store, COUNT_INDEXES, NULL), ==, 8);
  g_assert_true (xa_store_defer_indexes (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xa_store_query_int (store, COUNT_INDEXES, NULL), ==, 0);

  apply (store, page, "c1");
  g_assert_cmpint (xa_store_query_int (store, COUNT_INDEXES, NULL), ==, 0);
  /* The R*Tree is kept up all along, moves included. */
  found = xa_store_compounds_in_box (store, 35.0, 118.3, 35.08, 118.38);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  apply (store, moved_page, "c2");
  found = xa_store_compounds_in_box (store, 35.25, 118.55, 35.35, 118.65);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Still deferred after reopening: an interrupted first sync continues as one. */
  g_clear_object (&store);
  store = xa_test_store_open (path);

  /* A rejected page with a tombstone takes the rebuilt indexes with it. */
  changes = xa_test_parse_changes (
    "[{\"seq\": 10, \"type\": \"compound\", \"id\": \"C1\", \"version\": 2, \"deleted\": true},"
    " {\"seq\": 11, \"type\": \"charging\", \"id\": \"H1\", \"version\": 1, \"data\": {"
    "  \"compound\": \"C404\", \"registered_ebikes\": 1, \"ports\": 1, \"smart_ports\": 0,"
    "  \"sheds\": 0, \"outside_sites\": 0}}]");
  g_assert_false (xa_store_apply_page (store, SERVER, changes, "bad", &error));
  g_assert_error (error, XA_RECORD_ERROR, XA_RECORD_ERROR_UNKNOWN_REFERENCE);
  g_clear_error (&error);
  g_assert_cmpint (xa_store_query_int (store, COUNT_INDEXES, NULL), ==, 0);
  g_assert_cmpint (xa_store_count (store, XA_RECORD_ELEVATOR), ==, 1);

  apply (store,
         "[{\"seq\": 10, \"type\": \"compound\", \"id\": \"C1\", \"version\": 2,"
         "  \"deleted\": true}]",
         "c3");
  g_assert_cmpint (xa_store_query_int (store, COUNT_INDEXES, NULL), ==, 8);
  g_assert_cmpint (xa_store_count (store, XA_RECORD_ELEVATOR), ==, 0);
  g_assert_cmpint (xa_store_query_int (store, "SELECT count(*) FROM cadre_compound", NULL), ==, 1);

  /* A store with records is never stripped; building again is a no-op. */
  g_assert_true (xa_store_defer_indexes (store, &error));
  g_assert_cmpint (xa_store_query_int (store, COUNT_INDEXES, NULL), ==, 8);
  g_assert_true (xa_store_build_indexes (store, &error));
  g_assert_no_error (error);
}

static void
test_build_indexes (void)
{
  g_autofree char *path = xa_test_path ("store.db");
  g_autoptr(XaStore) store = xa_test_store_open (path);
  g_autofree char *page = base_page ();
  g_autoptr(GError) error = NULL;

  g_assert_true (xa_store_defer_indexes (store, &error));
  apply (store, page, "c1");
  g_assert_true (xa_store_build_indexes (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xa_store_query_int (store, COUNT_INDEXES, NULL), ==, 8);
  g_assert_cmpint (xa_store_query_int (store, "SELECT count(*) FROM compound"
                                              " INDEXED BY compound_district"
                                              " WHERE district = '371302'", NULL), ==, 2);
  g_clear_object (&store);
  store = xa_test_store_open (path);
  g_assert_cmpint (xa_store_query_int (store, COUNT_INDEXES, NULL), ==, 8);
}

static void
test_replace_from (void)
{
  g_autofree char *path = xa_test_path ("store.db");
  g_autofree char *other_path = xa_test_path ("resync.db");
  g_autoptr(XaStore) store = xa_test_store_open (path);
  g_autoptr(XaStore) other = xa_test_store_open (other_path);
  g_autofree char *page = base_page ();
  g_autofree char *c3 = compound_json (2, "C3", 1, 35.3, 118.3);
  g_autofree char *other_page = g_strdup_printf ("[%s, %s]", districts, c3);
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(GPtrArray) found = NULL;

  apply (store, page, "old");
  {
    g_autoptr(GPtrArray) changes = xa_test_parse_changes (other_page);
    g_assert_true (xa_store_apply_page (other, SERVER, changes, "new", &error));
  }
  g_clear_object (&other);

  g_assert_true (xa_store_replace_from (store, other_path, SERVER, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xa_store_count (store, XA_RECORD_COMPOUND), ==, 1);
  {
    g_autoptr(XaCompound) stored = xa_store_get_compound (store, "C3");
    g_assert_nonnull (stored);
  }
  g_assert_cmpint (xa_store_count (store, XA_RECORD_ELEVATOR), ==, 0);
  g_assert_cmpint (xa_store_count (store, XA_RECORD_CADRE), ==, 0);
  cursor = xa_store_dup_cursor (store, SERVER);
  g_assert_cmpstr (cursor, ==, "new");
  found = xa_store_compounds_in_box (store, 35.29, 118.29, 35.31, 118.31);
  g_assert_cmpuint (found->len, ==, 1);
}

static void
count_compound (gconstpointer record,
                gpointer      user_data)
{
  const XaCompound *compound = record;
  GString *names = user_data;

  g_string_append_printf (names, "%s:%s;", compound->id, compound->name);
}

static void
test_foreach (void)
{
  g_autoptr(XaStore) store = open_base_store ("c");
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (xa_store_foreach (store, XA_RECORD_COMPOUND, count_compound, names, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (names->str, ==, "C1:小区C1;C2:小区C2;");
}

/* A store holding @n compounds of one district, closed (so its journal is folded in). */
static void
fill_store (const char *path,
            guint       n)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(XaStore) store = xa_test_store_open (path);
  g_autoptr(GError) error = NULL;

  g_string_append (json, districts);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("C%05u", i);
      g_autofree char *compound = compound_json (2 + i, id, 1, 35.0 + i * 1e-4, 118.3);

      g_string_append_printf (json, ", %s", compound);
    }
  g_string_append (json, "]");
  changes = xa_test_parse_changes (json->str);
  xa_store_apply_page (store, SERVER, changes, "c-fill", &error);
  g_assert_no_error (error);
}

static void
count_record (gconstpointer record,
              gpointer      user_data)
{
  (*(guint *) user_data)++;
}

/* A store mirrors one server: the first page names it, a page of any other is refused and
 * changes nothing. */
static void
test_one_server (void)
{
  g_autofree char *path = xa_test_path ("store.db");
  g_autoptr(XaStore) store = xa_test_store_open (path);
  g_autofree char *page = base_page ();
  g_autoptr(GPtrArray) changes = xa_test_parse_changes (page);
  g_autoptr(GPtrArray) other = xa_test_parse_changes ("[" "{\"seq\": 9, \"type\": \"district\","
                                                      " \"id\": \"371311\", \"version\": 1,"
                                                      " \"data\": {\"code\": \"371311\","
                                                      " \"name\": \"罗庄区\", \"lat\": 34.99,"
                                                      " \"lon\": 118.28}}]");
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_null (xa_store_dup_server (store));
  g_assert_true (xa_store_apply_page (store, SERVER, changes, "c1", &error));
  server = xa_store_dup_server (store);
  g_assert_cmpstr (server, ==, SERVER);

  before = xa_test_store_dump (path);
  g_assert_false (xa_store_apply_page (store, "http://records.other.example", other, "x1",
                                       &error));
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_OTHER_SERVER);
  g_assert_nonnull (strstr (error->message, SERVER));
  g_assert_nonnull (strstr (error->message, "http://records.other.example"));
  after = xa_test_store_dump (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (xa_store_dup_cursor (store, "http://records.other.example"));
}

/* Pages overwritten on disk: the open of a cleanly closed store does not read them all,
 * but the check finds them, any statement that meets them says "damaged" rather than
 * failing like a full disk, and moving the store aside keeps every byte. */
static void
test_damaged (void)
{
  g_autofree char *path = xa_test_path ("store.db");
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GError) error = NULL;
  gsize kept_length = 0;
  guint count = 0;

  fill_store (path, 3000);
  damaged = xa_test_damage_store (path);

  store = xa_test_store_open (path);
  g_assert_false (xa_store_check (store, &error));
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);
  g_assert_false (xa_store_foreach (store, XA_RECORD_COMPOUND, count_record, &count, &error));
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  g_clear_object (&store);

  aside = xa_store_aside_path (path, "damaged");
  g_assert_true (g_str_has_prefix (aside, path));
  g_assert_true (g_str_has_suffix (aside, ".damaged"));
  g_assert_true (xa_store_move_aside (path, aside, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_file_get_contents (aside, &kept, &kept_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (kept, kept_length, g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));

  /* Never over a file already there: a second store moved to the same name is refused
   * and both stay as they were. */
  fill_store (path, 10);
  g_assert_false (xa_store_move_aside (path, aside, &error));
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_OPEN);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&kept, g_free);
  g_file_get_contents (aside, &kept, &kept_length, NULL);
  g_assert_cmpmem (kept, kept_length, g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));
  /* The next name for it is another. */
  {
    g_autofree char *second = xa_store_aside_path (path, "damaged");

    g_assert_cmpstr (second, !=, aside);
  }
}

/* The pid of a process that has ended. */
static GPid
ended_pid (void)
{
  g_autoptr(GSubprocess) child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "true", NULL);
  GPid pid;

  g_assert_nonnull (child);
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (child), NULL, 10);
  g_assert_true (g_subprocess_wait (child, NULL, NULL));
  return pid;
}

/* A store whose last process never closed it (its marker names a process that is gone):
 * the next open checks it, refuses it when damaged and takes it over when it is fine. */
static void
test_unclean_shutdown (void)
{
  g_autofree char *path = xa_test_path ("store.db");
  g_autofree char *marker = g_strconcat (path, "-open", NULL);
  g_autofree char *pid = NULL;
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) damaged = NULL;

  fill_store (path, 3000);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  pid = g_strdup_printf ("%d\n", (int) ended_pid ());

  /* Healthy: opened, and the marker is this process's until it closes the store. */
  g_assert_true (g_file_set_contents (marker, pid, -1, NULL));
  store = xa_test_store_open (path);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  /* Damaged: refused at the open, in words. */
  damaged = xa_test_damage_store (path);
  g_assert_true (g_file_set_contents (marker, pid, -1, NULL));
  store = xa_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "damaged"));
}

/* @dump (xa_test_store_dump()) of a store from before version 4, as its rows read after the
 * migration: each elevator has the new assessed_on column, NULL (sqlite type 5), and each
 * row of the old outbox is in version 5's. */
static char *
dump_with_v4_columns (const char *dump)
{
  g_auto(GStrv) lines = g_strsplit (dump, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean in_elevators = FALSE;
  gboolean in_outbox = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '[')
        {
          in_elevators = g_str_equal (lines[i], "[elevator]");
          in_outbox = g_str_equal (lines[i], "[outbox]");
        }
      /* v5: an old outbox row (local_id, problem, base, status, note, key, created) is a
       * pending problem update with its status and note as the update's members. */
      if (in_outbox && lines[i][0] != '[' && lines[i][0] != '\0')
        {
          g_auto(GStrv) c = g_strsplit (lines[i], "|", -1);

          g_assert_cmpuint (g_strv_length (c), ==, 7);
          g_string_append_printf (out, "%s|3:problem|%s|%s|3:{\"status\":\"%s\",\"note\":\"%s\"}|"
                                  "%s|%s|3:pending|5:|5:|5:|5:|5:", c[0], c[1], c[2], c[3] + 2,
                                  c[4] + 2, c[5], c[6]);
        }
      else
        g_string_append (out, lines[i]);
      if (in_elevators && lines[i][0] != '[' && lines[i][0] != '\0')
        g_string_append (out, "|5:");
      if (lines[i + 1] != NULL)
        g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Makes a store file at @path from the SQL of @fixture (tests/data) and returns its dump. */
static char *
store_from_fixture (const char *path,
                    const char *fixture)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", fixture, NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (file, &sql, NULL, &error);
  g_assert_no_error (error);
  xa_test_sqlite_exec (path, sql);
  return xa_test_store_dump (path);
}

static void
note_elevator (gconstpointer record,
               gpointer      user_data)
{
  const XaElevator *elevator = record;

  g_ptr_array_add (user_data, g_strdup_printf ("%s %s %s", elevator->id,
                                               elevator->commissioned,
                                               elevator->assessed_on ? elevator->assessed_on
                                                                     : "(none)"));
}

/* The v3 -> current migration on a real v3 file (tests/data/store-v3.sql): every row stays
 * as it was, elevators gain an assessed_on that is empty until the server sends one, and
 * one that is sent is stored and read back; the old outbox's entry is a pending update. */
static void
test_migrate_v3 (void)
{
  g_autofree char *path = xa_test_path ("v3.db");
  g_autofree char *v3_dump = store_from_fixture (path, "store-v3.sql");
  g_autofree char *expected = dump_with_v4_columns (v3_dump);
  g_autofree char *migrated_dump = NULL;
  g_autofree char *server = NULL;
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GPtrArray) elevators = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (strstr (v3_dump, "[store_server]\n"));
  store = xa_test_store_open (path);
  g_assert_cmpint (xa_store_query_int (store, "PRAGMA user_version", NULL), ==, 7);
  g_clear_object (&store);
  migrated_dump = xa_test_store_dump (path);
  xa_test_store_cut_agendas (migrated_dump);
  g_assert_cmpstr (migrated_dump, ==, expected);

  store = xa_test_store_open (path);
  server = xa_store_dup_server (store);
  g_assert_cmpstr (server, ==, "http://records.v3.example:8080");
  g_assert_true (xa_store_foreach (store, XA_RECORD_ELEVATOR, note_elevator, elevators, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (elevators->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (elevators, 0), ==, "EL-1 2006-04-18 (none)");

  page = xa_test_parse_changes (
    "[{\"seq\": 41, \"type\": \"elevator\", \"id\": \"EL-1\", \"version\": 3, \"data\": {"
    "  \"compound\": \"V1-A\", \"building\": \"3号楼\", \"unit\": \"2单元\","
    "  \"registration_code\": \"梯11371302000123\", \"maker\": \"通力\", \"model\": \"KONE 3000\","
    "  \"commissioned\": \"2006-04-18\", \"faults_12m\": 5, \"entrapments_12m\": 1,"
    "  \"assessment_grade\": \"C\", \"assessed_on\": \"2024-05-20\","
    "  \"renewal_status\": \"planned\", \"planned_year\": 2026}}]");
  g_assert_true (xa_store_apply_page (store, server, page, "c-v3-41", &error));
  g_assert_no_error (error);
  g_ptr_array_set_size (elevators, 0);
  g_assert_true (xa_store_foreach (store, XA_RECORD_ELEVATOR, note_elevator, elevators, &error));
  g_assert_cmpstr (g_ptr_array_index (elevators, 0), ==, "EL-1 2006-04-18 2024-05-20");
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Each record type's description (xa-records.c) and its table after every migration
 * (xa-store-schema.c) name the same columns: a field added to one and not the other fails
 * here, before any page is applied. */
static void
test_description_matches_schema (void)
{
  g_autofree char *path = xa_test_path ("columns.db");
  g_autoptr(XaStore) store = xa_test_store_open (path);
  sqlite3 *db = NULL;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint type = 0; type < XA_N_RECORD_TYPES; type++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') "
                                              "WHERE name NOT IN ('rowid', 'id', 'version') "
                                              "ORDER BY name",
                                              xa_record_type_to_string (type));
      g_auto(GStrv) described = g_strsplit (_xa_record_columns (type), ", ", -1);
      g_autoptr(GString) table = g_string_new (NULL);
      g_autofree char *description = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (table, "%s%s", table->len > 0 ? ", " : "",
                                (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      g_qsort_with_data (described, g_strv_length (described), sizeof (char *),
                         compare_names, NULL);
      description = g_strjoinv (", ", described);
      g_assert_cmpstr (description, ==, table->str);
    }
  sqlite3_close (db);
}

/* The v1 -> current migration on a real v1 file: made here from the v1 schema as it was
 * released, with a row in every table, then opened with today's code. Every row survives
 * as it was (the whole dump, not counts), it reads back through the current code, the
 * store knows its server from its sync position, and the R*Tree follows a moved compound. */
static void
test_migrate_v1 (void)
{
  g_autofree char *path = xa_test_path ("v1.db");
  g_autofree char *v1_dump = store_from_fixture (path, "store-v1.sql");
  g_autofree char *migrated_dump = NULL;
  g_autofree char *server = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(XaStore) store = NULL;
  g_autoptr(XaCompound) compound = NULL;
  g_autoptr(GPtrArray) in_box = NULL;
  g_autoptr(GPtrArray) move = NULL;
  g_autoptr(GError) error = NULL;
  guint problems = 0;

  g_assert_nonnull (strstr (v1_dump, "沂河花园"));

  store = xa_test_store_open (path);
  g_assert_cmpint (xa_store_query_int (store, "PRAGMA user_version", NULL), ==, 7);
  g_clear_object (&store);

  /* Every v1 row as it was; the new tables are cut out by name: version 3's server, and
   * version 6's agendas, empty (the bureau's own data, which a v1 file never had). */
  migrated_dump = xa_test_store_dump (path);
  xa_test_store_cut_agendas (migrated_dump);
  {
    char *table = strstr (migrated_dump, "[store_server]\n");
    char *next;

    g_assert_nonnull (table);
    next = strchr (strchr (table, '\n') + 1, '[');
    g_assert_nonnull (strstr (table, "http://records.v1.example:8080"));
    memmove (table, next != NULL ? next : table + strlen (table),
             strlen (next != NULL ? next : table + strlen (table)) + 1);
  }
  {
    g_autofree char *expected = dump_with_v4_columns (v1_dump);

    g_assert_cmpstr (migrated_dump, ==, expected);
  }

  /* Through today's code. */
  store = xa_test_store_open (path);
  server = xa_store_dup_server (store);
  g_assert_cmpstr (server, ==, "http://records.v1.example:8080");
  cursor = xa_store_dup_cursor (store, server);
  g_assert_cmpstr (cursor, ==, "c-v1-17");
  compound = xa_store_get_compound (store, "V1-A");
  g_assert_nonnull (compound);
  g_assert_cmpstr (compound->name, ==, "沂河花园");
  g_assert_cmpstr (compound->district, ==, "371302");
  g_assert_cmpstr (compound->property_company, ==, "临沂物业有限公司");
  g_assert_cmpint (compound->households, ==, 864);
  g_assert_cmpint (compound->supervised_fen, ==, 2345600);
  g_assert_cmpfloat (compound->lat, ==, 35.061);
  g_assert_cmpuint (compound->n_boundary_points, ==, 3);
  g_assert_cmpfloat (compound->boundary[5], ==, 35.062);
  g_assert_true (xa_store_foreach (store, XA_RECORD_PROBLEM, count_record, &problems, &error));
  g_assert_cmpuint (problems, ==, 2);

  in_box = xa_store_compounds_in_box (store, 35.06, 118.34, 35.07, 118.35);
  g_assert_cmpuint (in_box->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (in_box, 0), ==, "V1-A");
  g_clear_pointer (&in_box, g_ptr_array_unref);

  /* The same server's next page applies on top, and a moved compound moves in the R*Tree
   * (the trigger version 2 rewrote). */
  {
    g_autofree char *page = compound_page (18, "V1-A", 6, 35.20, 118.50);

    move = xa_test_parse_changes (page);
  }
  /* compound_json() names district 371302, which the v1 file has. */
  g_assert_true (xa_store_apply_page (store, server, move, "c-v1-18", &error));
  g_assert_no_error (error);
  in_box = xa_store_compounds_in_box (store, 35.19, 118.49, 35.21, 118.51);
  g_assert_cmpuint (in_box->len, ==, 1);
  g_clear_pointer (&in_box, g_ptr_array_unref);
  in_box = xa_store_compounds_in_box (store, 35.06, 118.34, 35.07, 118.35);
  g_assert_cmpuint (in_box->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  g_test_add_func ("/store/open-and-migrate", test_open_and_migrate);
  g_test_add_func ("/store/not-a-store", test_not_a_store);
  g_test_add_func ("/store/apply-and-reapply", test_apply_and_reapply);
  g_test_add_func ("/store/versions", test_versions);
  g_test_add_func ("/store/tombstones", test_tombstones);
  g_test_add_func ("/store/rejected-page", test_rejected_page_changes_nothing);
  g_test_add_func ("/store/replace-from", test_replace_from);
  g_test_add_func ("/store/deferred-indexes", test_deferred_indexes);
  g_test_add_func ("/store/build-indexes", test_build_indexes);
  g_test_add_func ("/store/foreach", test_foreach);
  g_test_add_func ("/store/one-server", test_one_server);
  g_test_add_func ("/store/damaged", test_damaged);
  g_test_add_func ("/store/unclean-shutdown", test_unclean_shutdown);
  g_test_add_func ("/store/migrate-v1", test_migrate_v1);
  g_test_add_func ("/store/migrate-v3", test_migrate_v3);
  g_test_add_func ("/store/description-matches-schema", test_description_matches_schema);

  return g_test_run ();
}
