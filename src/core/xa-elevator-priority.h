/* xa-elevator-priority.h — the renewal priority of one lift: a points formula over years in
 * service, faults, entrapments, inspection, assessment grade and an assessment out of date,
 * whose every point comes with its reason, so that a row of the renewal list can say why it
 * ranks where it does. The weights and thresholds are settings; help/C/elevator-priority.page
 * states the formula for users and must change with it. */
#pragma once

#include <glib.h>

#include "xa-records.h"

G_BEGIN_DECLS

/* The weights (points) and thresholds (years, counts) of the formula. The defaults are
 * those of xa_priority_params_default(); the GSettings keys "priority-*" hold the user's. */
typedef struct
{
  int scope_years;              /* 15: from here on a lift is in the renewal programme */
  int old_years;                /* 20: from here on it is old, as cities that put 20+ first */
  int points_scope;             /* 20: for scope_years or more in service */
  int points_old;               /* 20: more for old_years or more */
  int points_per_fault;         /* 3: each fault in the last 12 months … */
  int faults_cap;               /* 30: … at most this many points in all */
  int points_per_entrapment;    /* 10: each entrapment (困人) in the last 12 months … */
  int entrapments_cap;          /* 30: … at most this many points in all */
  int points_inspection_fail;   /* 30: the last periodic inspection failed */
  int points_inspection_remarks;/* 10: it passed with remarks */
  int points_grade_c;           /* 20: safety assessment grade C */
  int points_grade_d;           /* 40: grade D */
  int points_assessment_due;    /* 15: xa_metrics_elevator_assessment_due() */
  int reassessment_years;       /* 3: the setting "reassessment-interval", the figures' own */
} XaPriorityParams;

/* What raised a score, or why a lift has none. */
typedef enum
{
  XA_PRIORITY_REASON_YEARS,          /* figure: whole years in service */
  XA_PRIORITY_REASON_GRADE,          /* figure: XA_GRADE_C or XA_GRADE_D */
  XA_PRIORITY_REASON_FAULTS,         /* figure: faults in 12 months */
  XA_PRIORITY_REASON_ENTRAPMENTS,    /* figure: entrapments in 12 months */
  XA_PRIORITY_REASON_INSPECTION,     /* figure: XA_INSPECTION_FAIL or _PASS_WITH_REMARKS */
  XA_PRIORITY_REASON_ASSESSMENT_DUE, /* figure: year of the last assessment, 0 never
                                      * assessed, -1 graded without a date */
  /* Out of the programme: score 0, listed after every lift in it. */
  XA_PRIORITY_REASON_RENEWED,        /* figure: 0 */
  XA_PRIORITY_REASON_UNDER_SCOPE,    /* figure: scope_years (after a YEARS reason) */
  XA_PRIORITY_REASON_NO_DATE,        /* figure: 0; the commissioned date is not a date */
} XaPriorityReasonKind;

typedef struct
{
  XaPriorityReasonKind kind;
  int                  figure;
  int                  points;       /* what it added to the score; 0 for the last three */
} XaPriorityReason;

#define XA_PRIORITY_MAX_REASONS 6

/* The score of one lift and its reasons, in the order the explanation names them. Plain
 * data on the stack: computing it allocates nothing. */
typedef struct
{
  int              score;
  gboolean         in_scope;       /* FALSE: renewed, under scope_years or no date */
  double           years;          /* xa_metrics_elevator_years(); NaN without a date */
  guint            n_reasons;
  XaPriorityReason reasons[XA_PRIORITY_MAX_REASONS];
} XaPriority;

XaPriorityParams xa_priority_params_default (void);
/* TRUE when every figure is >= 0 and the years and interval >= 1. Check values read from
 * anywhere but xa_priority_params_default() with this. */
gboolean         xa_priority_params_valid   (const XaPriorityParams *params);

/* The priority of @elevator at @now (unix seconds; days and years in UTC+8). */
void     xa_elevator_priority         (const XaElevator       *elevator,
                                       gint64                  now,
                                       const XaPriorityParams *params,
                                       XaPriority             *out);
/* The renewal list's order: lifts in the programme first, then the higher score, then the
 * longer in service. A qsort()-style comparison of two XaPriority. */
int      xa_elevator_priority_compare (const XaPriority       *a,
                                       const XaPriority       *b);
/* "22 years, grade C, 9 faults, no assessment since 2021", in the user's language; only
 * for rows shown. Free with g_free(). */
char    *xa_elevator_priority_explain (const XaPriority       *priority);

G_END_DECLS
