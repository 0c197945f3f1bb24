/* xs-updates.h — edits that clients push back to the server: POST
 * /api/v1/problems/{id}/updates and POST /api/v1/elevators/{id}/updates (src/records-api.md).
 * An update is checked against the record as it now is, its base version and the problem
 * flow of the ledger; the new state goes into the change log together with the answer kept
 * under its Idempotency-Key, in one transaction, so a retry never applies it twice. */
#pragma once

#include "xa-record-edits.h"
#include "xs-database.h"

G_BEGIN_DECLS

/* The longest note an update may carry, in characters. */
#define XS_UPDATES_MAX_NOTE   XA_EDIT_MAX_NOTE
/* How many notes a record keeps (the oldest go first). */
#define XS_UPDATES_MAX_NOTES  20

/* Applies the update in @body (@length bytes, the request's JSON) to the @type ("problem"
 * or "elevator") record @id, made with the Idempotency-Key @key (NULL when the request had
 * none). Returns the HTTP status of the answer; *out_body gets its text (the record as a
 * change of the feed on 200, a problem document otherwise). */
guint  xs_updates_apply     (XsDatabase *database,
                             const char *type,
                             const char *id,
                             const char *key,
                             const char *body,
                             gsize       length,
                             char      **out_body);

/* An RFC 9457 problem document: type, title, status, detail, and "field" when @field is
 * not NULL. */
char  *xs_problem_document  (guint       status,
                             const char *detail,
                             const char *field);

G_END_DECLS
