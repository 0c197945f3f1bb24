/* xa-record-edits.h — the rules of an edit pushed back to the server (src/records-api.md,
 * "Updates"), in the one place both sides read them: the problem flow, the ranges of the
 * values an update sets, and the JSON body of an update. The server judges every update it
 * receives with these (src/server/xs-updates.c); the client refuses an edit the server would
 * refuse before it is stored or queued (xa-store-edits.c). */
#pragma once

#include <json-glib/json-glib.h>

#include "xa-records.h"

G_BEGIN_DECLS

#define XA_EDIT_MIN_PLANNED_YEAR 2000
#define XA_EDIT_MAX_PLANNED_YEAR 2100
/* The longest note, resolution note (characters). */
#define XA_EDIT_MAX_NOTE         2000
/* The longest responsible party (characters). */
#define XA_EDIT_MAX_PARTY        200

#define XA_RECORD_EDIT_ERROR (xa_record_edit_error_quark ())
GQuark xa_record_edit_error_quark (void);

typedef enum
{
  XA_RECORD_EDIT_ERROR_TRANSITION,   /* the problem flow forbids the status change */
  XA_RECORD_EDIT_ERROR_VALUE,        /* a value outside its range, or a missing note */
  XA_RECORD_EDIT_ERROR_NOTHING,      /* the edit changes nothing */
} XaRecordEditError;

/* The ledger's flow (DOMAIN.md): open → in_progress → resolved → closed, open → resolved,
 * resolved → in_progress. Keeping the status is allowed, except on a closed problem:
 * closed is final and nothing about it may change. */
gboolean xa_problem_status_may_change (XaProblemStatus from,
                                       XaProblemStatus to);
gboolean xa_planned_year_is_valid     (gint64          year);
/* A note or resolution note short enough (in characters). */
gboolean xa_edit_note_is_valid        (const char     *text);
/* A responsible party: 1–XA_EDIT_MAX_PARTY characters, not only blanks. */
gboolean xa_edit_party_is_valid       (const char     *text);

/* One problem update. @note is required; the rest keeps the record's value when unset. */
typedef struct
{
  XaProblemStatus status;
  const char     *note;
  gboolean        set_tier;
  XaProblemTier   tier;
  const char     *responsible_party;    /* NULL: kept */
  gint64          deadline;             /* unix seconds; 0: kept */
  gboolean        set_resolution_note;
  const char     *resolution_note;      /* with set_resolution_note, NULL removes it */
} XaProblemEdit;

/* One elevator update; at least one member set. */
typedef struct
{
  gboolean         set_renewal_status;
  XaRenewalStatus  renewal_status;
  gboolean         set_planned_year;
  gint64           planned_year;        /* with set_planned_year, 0 removes it */
  gboolean         set_funding_source;
  XaFundingSource  funding_source;      /* XA_FUNDING_NONE removes it */
  const char      *note;                /* NULL: none */
} XaElevatorEdit;

/* Whether the server would accept @edit of a problem whose status is @current; the error
 * (XA_RECORD_EDIT_ERROR) names the field. */
gboolean xa_problem_edit_check  (const XaProblemEdit  *edit,
                                 XaProblemStatus       current,
                                 GError              **error);
gboolean xa_elevator_edit_check (const XaElevatorEdit *edit,
                                 GError              **error);

/* The members of the update's body, without base_version, as a JSON object text. */
char    *xa_problem_edit_to_json  (const XaProblemEdit  *edit);
char    *xa_elevator_edit_to_json (const XaElevatorEdit *edit);

/* The body of the request: {"base_version": @base_version} followed by the members of
 * @fields_json (a text from the two functions above). NULL when @fields_json is not an
 * object. */
char    *xa_record_edit_body      (const char           *fields_json,
                                   gint64                base_version);

G_END_DECLS
