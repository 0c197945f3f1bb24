/* xa-test-feed.h — what the records server holds, as the tests see it without the code
 * under test: the change feed read whole over HTTP with the test's own requests and JSON
 * parsing (not the sync client, not the app's JSON reader), and a record-by-record
 * comparison of a store file with it, read with plain SQL. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _XaTestFeed XaTestFeed;

/* Reads GET /api/v1/changes from the start to the end with @token; asserts every page is
 * 200 and well formed. Keeps the newest state of each record; tombstones remove it. */
XaTestFeed *xa_test_feed_fetch         (const char *base_url,
                                        const char *token);
void        xa_test_feed_free          (XaTestFeed *feed);

/* How many live records of @type ("compound", "problem"…) the server has. */
guint       xa_test_feed_count         (XaTestFeed *feed,
                                        const char *type);
/* The ids of the live records of @type, in no particular order (free the array only). */
GPtrArray  *xa_test_feed_ids           (XaTestFeed *feed,
                                        const char *type);
/* The "data" object of the live record @type/@id, or NULL when there is none. Owned by
 * @feed. */
JsonObject *xa_test_feed_lookup        (XaTestFeed *feed,
                                        const char *type,
                                        const char *id);
/* Its version, or -1 when there is no such live record. */
gint64      xa_test_feed_version       (XaTestFeed *feed,
                                        const char *type,
                                        const char *id);

/* Compares the store at @store_path with the live records of @feed: for every type the
 * same ids, each with the same version and every field of its data (optional fields absent
 * in the feed are NULL in the store; times are compared as instants; the boundary ring
 * point by point; a cadre's compounds as a set), and no record more. Returns the number of
 * differences and names the first ones in the test log. */
guint       xa_test_feed_compare_store (XaTestFeed *feed,
                                        const char *store_path);
/* The same for a store a sync has filled only in part: every record it holds must be the
 * server's, but records may be missing. @n_records (may be NULL) gets how many it holds. */
guint       xa_test_feed_compare_store_part (XaTestFeed *feed,
                                             const char *store_path,
                                             guint      *n_records);
/* Asserts that xa_test_feed_compare_store() finds no difference. */
void        xa_test_feed_assert_store  (XaTestFeed *feed,
                                        const char *store_path);

/* The shortcut most sync tests want: fetch, compare, free. */
void        xa_test_assert_store_mirrors_server (const char *store_path,
                                                 const char *base_url,
                                                 const char *token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaTestFeed, xa_test_feed_free)

G_END_DECLS
