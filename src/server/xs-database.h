/* xs-database.h — the reference server's own sqlite file: an append-only change log that
 * the feed (GET /api/v1/changes) is served from, its epoch and retention horizon, the
 * writes the server, the simulator and the admin commands make to it, and the answers kept
 * for the Idempotency-Keys of updates. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define XS_DATABASE_ERROR (xs_database_error_quark ())
GQuark xs_database_error_quark (void);

typedef enum
{
  XS_DATABASE_ERROR_SQLITE,            /* sqlite failed: open, disk full, locked too long */
  XS_DATABASE_ERROR_BAD_TYPE,          /* not one of the record types of the contract */
  XS_DATABASE_ERROR_BAD_ID,            /* not 1–64 characters of [A-Za-z0-9._-] */
  XS_DATABASE_ERROR_NOT_FOUND,         /* deleting a record that is not there */
  XS_DATABASE_ERROR_UNKNOWN_REFERENCE, /* the data points at a record that is not there */
  XS_DATABASE_ERROR_STILL_REFERENCED,  /* deleting a district or category still in use */
  XS_DATABASE_ERROR_INVALID_RECORD,    /* data every client would refuse (see below) */
} XsDatabaseError;

#define XS_TYPE_DATABASE (xs_database_get_type ())
G_DECLARE_FINAL_TYPE (XsDatabase, xs_database, XS, DATABASE, GObject)

/* One page of the feed, its JSON "changes" array already built. */
typedef struct
{
  GString *changes_json;   /* "[{…},{…}]" */
  guint    n_changes;
  gint64   last_seq;       /* of the last change served; the cursor's seq when none */
  gboolean more;
  char    *epoch;
  gint64   horizon;        /* horizon_seq at the time of the read */
  gint64   max_seq;        /* the highest seq ever given out, at the time of the read */
} XsPage;

void xs_page_free (XsPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsPage, xs_page_free)

typedef struct
{
  const char *type;
  gint64      live;
  gint64      deleted;
} XsTypeCount;

XsDatabase  *xs_database_open           (const char   *path,
                                         GError      **error);

const char  *xs_database_get_epoch      (XsDatabase   *self);
gboolean     xs_database_is_empty       (XsDatabase   *self,
                                         gboolean     *out_empty,
                                         GError      **error);
/* The horizon and the highest seq ever given out (0 when none), read fresh from the file:
 * another process (an admin command) may have changed them. */
gboolean     xs_database_get_positions  (XsDatabase   *self,
                                         gint64       *out_horizon,
                                         gint64       *out_max_seq,
                                         GError      **error);

gboolean     xs_database_begin          (XsDatabase   *self,
                                         GError      **error);
gboolean     xs_database_commit         (XsDatabase   *self,
                                         GError      **error);
void         xs_database_rollback       (XsDatabase   *self);

/* Checks @data_json (the text of a record's data object) with the parser every client
 * uses (xa_change_from_text in src/core), so that nothing is stored that a client cannot
 * accept; the error names the record, the field and the fault. Every write goes through it;
 * callers with text from outside call it before json-glib reads it, which would turn
 * 1e400 into inf and keep a lone surrogate as bytes that are not UTF-8. */
gboolean     xs_database_check_record   (const char   *type,
                                         const char   *id,
                                         const char   *data_json,
                                         GError      **error);
/* Appends a new state of (@type, @id); version = previous version + 1. Returns the new
 * seq, or 0 with @error set. */
gint64       xs_database_put            (XsDatabase   *self,
                                         const char   *type,
                                         const char   *id,
                                         JsonObject   *data,
                                         GError      **error);
/* The same for data already serialized as a JSON object, with no reference checks: for
 * bulk loads that are known to be in order and new (version 1). */
gint64       xs_database_append_new     (XsDatabase   *self,
                                         const char   *type,
                                         const char   *id,
                                         const char   *data_json,
                                         GError      **error);
/* Tombstones (@type, @id); a compound's dependents first. Returns the number of
 * changes written, 0 with @error set. */
guint        xs_database_delete         (XsDatabase   *self,
                                         const char   *type,
                                         const char   *id,
                                         GError      **error);
/* The newest data of a live record, or NULL (no error) when absent or deleted. */
JsonObject  *xs_database_get            (XsDatabase   *self,
                                         const char   *type,
                                         const char   *id,
                                         GError      **error);
/* The newest state of a live record as the feed serves it: the text of its data, its seq
 * and its version; NULL (no error) when absent or deleted. */
char        *xs_database_get_current    (XsDatabase   *self,
                                         const char   *type,
                                         const char   *id,
                                         gint64       *out_seq,
                                         gint64       *out_version,
                                         GError      **error);
/* The answer kept for an Idempotency-Key (xs-updates.c): *out_body is NULL when there is
 * none. Returns FALSE only when sqlite fails. */
gboolean     xs_database_find_answer    (XsDatabase   *self,
                                         const char   *key,
                                         char        **out_fingerprint,
                                         guint        *out_status,
                                         char        **out_body,
                                         GError      **error);
/* How long an answer is kept for its Idempotency-Key. */
#define XS_DATABASE_ANSWER_DAYS 90

/* Keeps the answer given to the request first made with @key, and forgets the answers
 * older than XS_DATABASE_ANSWER_DAYS; call it in the transaction of the change it answers,
 * so that both are kept or neither. */
gboolean     xs_database_keep_answer    (XsDatabase   *self,
                                         const char   *key,
                                         const char   *fingerprint,
                                         guint         status,
                                         const char   *body,
                                         GError      **error);
/* The id of a random live record of @type whose data.@field is one of @values (any
 * record when @field is NULL), or NULL when there is none. */
char        *xs_database_pick_random    (XsDatabase         *self,
                                         GRand              *rand,
                                         const char         *type,
                                         const char         *field,
                                         const char * const *values,
                                         GError            **error);

XsPage      *xs_database_read_page      (XsDatabase   *self,
                                         gint64        after_seq,
                                         guint         limit,
                                         GError      **error);

/* Merges the log below @horizon (see the contract's Retention); returns FALSE on error. */
gboolean     xs_database_compact        (XsDatabase   *self,
                                         gint64        horizon,
                                         GError      **error);

/* Live and deleted record counts per type, NULL-type terminated. */
XsTypeCount *xs_database_count_types    (XsDatabase   *self,
                                         guint        *n_types,
                                         GError      **error);

G_END_DECLS
