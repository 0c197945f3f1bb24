/* xs-demo-city.h — the generated demo city (Linyi, 临沂): districts, categories, 3,490
 * compounds, cadres, flood checks, charging, elevators and problems, deterministic for a
 * seed, whose totals match the figures of the seed article (shared/seed/SUMMARY.md). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define XS_DEMO_CITY_DEFAULT_SEED 20250901u

/* Receives each generated record, in an order that satisfies the feed's ordering
 * guarantee (src/records-api.md): districts, categories, compounds, cadres, then the
 * records that point at compounds. @data is the record's "data" object; the sink may
 * keep a reference. @type is the wire type name ("compound", "problem", …). */
typedef void (*XsRecordSink) (const char *type,
                              const char *id,
                              JsonObject *data,
                              gpointer    user_data);

/* The city as of 2025-09-15 09:00 +08:00, the instant it was written for. */
void   xs_demo_city_generate    (guint32      seed,
                                 XsRecordSink sink,
                                 gpointer     user_data);
/* The same city dated for @when (unix seconds): every date moves by the whole days from
 * xs_demo_city_default_now() to xs_demo_city_now_for(@when), so what is open, overdue or
 * old at that "now" is what it was; the flood checks are of @when's year in UTC+8. */
void   xs_demo_city_generate_at (guint32      seed,
                                 gint64       when,
                                 XsRecordSink sink,
                                 gpointer     user_data);
/* 2025-09-15 09:00 +08:00, as unix seconds. */
gint64 xs_demo_city_default_now (void);
/* The "now" of the city generated for @when: the last 09:00 in Linyi (UTC+8) at or before
 * @when. */
gint64 xs_demo_city_now_for     (gint64       when);

/* A fresh, realistic 12345 / inspection problem for @compound_id, reported at @now (unix
 * seconds), for the live simulation (--simulate). */
JsonObject *xs_demo_city_new_problem (GRand      *rand,
                                      const char *compound_id,
                                      gint64      now);

G_END_DECLS
