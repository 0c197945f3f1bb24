/* xa-test-store.h — what tests and benchmarks ask of the records and the store that the app
 * never does: parsing a change held by json-glib, the query plans of the side panel's
 * queries, a record checked with SQL, an agenda saved, and a store filled with a made-up
 * city of any size. Part of the test support library (test_util_lib). */
#pragma once

#include <json-glib/json-glib.h>

#include "xa-agenda.h"
#include "xa-records.h"
#include "xa-store.h"

G_BEGIN_DECLS

/* Parses a change held by json-glib through its text, so it meets exactly the checks of the
 * feed (xa_change_from_text()); a value JSON cannot carry (a NaN, say) fails there, named
 * like any other field. */
XaChange *xa_test_change_parse  (JsonNode  *node,
                                 GError   **error);

/* The query plan sqlite chooses for each query of xa-store-queries.h, one line per step
 * prefixed with the query's name ("problems-open: SEARCH problem USING INDEX
 * problem_compound (compound=?)"): none of them may scan a whole table. */
char     *xa_test_store_explain (XaStore   *store,
                                 GError   **error);
/* The store at @path, opened; asserts it opens. */
XaStore  *xa_test_store_open    (const char *path);
/* The id of the first record of @type in id order, a new string; asserts there is one. */
char     *xa_test_store_first_id (XaStore      *store,
                                  XaRecordType  type);
/* The integer @sql (one row, one column) answers in @store; asserts it answers. Both go
 * to the test's log. */
gint64    xa_test_store_query   (XaStore    *store,
                                 const char *sql);
/* The same with the SQL made from @format (printf-style) and what follows. */
gint64    xa_test_store_queryf  (XaStore    *store,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (2, 3);
/* Asserts that the record @id of @table in @store meets the SQL condition @where: one row
 * of "SELECT count(*) FROM @table WHERE id = '@id' AND @where". */
void      xa_test_store_assert_record (XaStore    *store,
                                       const char *table,
                                       const char *id,
                                       const char *where);

/* A new agenda named @name of the one compound @compound_id, saved in @store; asserts it
 * is. */
XaAgenda *xa_test_store_save_agenda (XaStore    *store,
                                     const char *name,
                                     const char *compound_id);

/* Fills the new store at @path with a made-up city, page by page through
 * xa_store_apply_page () as a sync does: 12 districts, @n_compounds compounds ("小区N") and
 * @n_elevators elevators spread evenly over them, with every field set (commissioned 1995
 * to 2024, faults, grades, inspection results); asserts that it works. For the benchmarks
 * of 100,000 elevators. */
void      xa_test_store_fill_city (const char *path,
                                   guint       n_compounds,
                                   guint       n_elevators);

G_END_DECLS
