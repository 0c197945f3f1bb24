/* xa-store-queries.h — the read queries behind the compound side panel and the district
 * filter: one compound's cadres, flood check, charging, elevators and problems, and the
 * districts. Each is one or two prepared statements on the store's connection that use the
 * indexes the schema already has, so selecting a compound on the map costs microseconds.
 *
 * Like XaStore itself, call these from the store's thread only. Records come back as the
 * structs of xa-records.h and belong to the caller. A NULL return with no error set means
 * "there is no such record". */
#pragma once

#include "xa-store.h"

G_BEGIN_DECLS

/* Every district (XaDistrict*), sorted by code; the array frees its elements. */
GPtrArray    *xa_store_list_districts    (XaStore     *self,
                                          GError     **error);
/* The district with @code, or NULL. */
XaDistrict   *xa_store_get_district      (XaStore     *self,
                                          const char  *code,
                                          GError     **error);

/* The problem category with @code (its Chinese and English names), or NULL. */
XaCategory   *xa_store_get_category      (XaStore     *self,
                                          const char  *code,
                                          GError     **error);

/* The cadres (XaCadre*) assigned to @compound_id, by name. */
GPtrArray    *xa_store_compound_cadres   (XaStore     *self,
                                          const char  *compound_id,
                                          GError     **error);
/* The flood check of @compound_id for @season (the latest inspected, then the first in id
 * order, should the server ever send two: the map's band follows the same rule), or NULL
 * when it was not inspected that season. */
XaFloodCheck *xa_store_get_flood_check   (XaStore     *self,
                                          const char  *compound_id,
                                          int          season,
                                          GError     **error);
/* The charging record of @compound_id (the first in id order, should the server ever send
 * two, as the map's band), or NULL when there is none. */
XaCharging   *xa_store_get_charging      (XaStore     *self,
                                          const char  *compound_id,
                                          GError     **error);
/* The elevators (XaElevator*) of @compound_id, oldest first (by commissioned date, then
 * building, unit and id). */
GPtrArray    *xa_store_compound_elevators (XaStore    *self,
                                           const char *compound_id,
                                           GError    **error);
/* The problems (XaProblem*) of @compound_id: every open one (open or in progress), the
 * nearest deadline first, followed by at most @max_resolved resolved or closed ones, the
 * latest resolved first. Open problems are never cut: they are what the panel is for. */
GPtrArray    *xa_store_compound_problems (XaStore     *self,
                                          const char  *compound_id,
                                          guint        max_resolved,
                                          GError     **error);
/* How many problems of @compound_id were resolved or closed at or after @since (unix
 * seconds); -1 on error. */
gint64        xa_store_count_resolved_problems (XaStore     *self,
                                                const char  *compound_id,
                                                gint64       since,
                                                GError     **error);

G_END_DECLS
