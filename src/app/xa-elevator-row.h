/* xa-elevator-row.h — one lift as a row of the elevator renewal list: the record's fields the
 * columns show, its compound's name and district, and its renewal priority computed once
 * when the list is read. Immutable; 100,000 of them live at once, so the repeated words
 * (makers, models, compound and district names) are shared, interned strings. */
#pragma once

#include <glib-object.h>

#include "xa-elevator-priority.h"
#include "xa-records.h"

G_BEGIN_DECLS

#define XA_TYPE_ELEVATOR_ROW (xa_elevator_row_get_type ())
G_DECLARE_FINAL_TYPE (XaElevatorRow, xa_elevator_row, XA, ELEVATOR_ROW, GObject)

/* What a row shows. Strings are never NULL but last_inspection, which is NULL without an
 * inspection on record. */
typedef struct
{
  char              *id;
  char              *compound_id;       /* interned (GRefString) */
  char              *compound_name;     /* interned; the id when the compound is unknown */
  char              *district_code;     /* interned; "" when unknown */
  char              *district_name;     /* interned; "" when unknown */
  char              *building;
  char              *unit;
  char              *registration_code;
  char              *maker;             /* interned */
  char              *model;             /* interned */
  char              *commissioned;      /* YYYY-MM-DD */
  char              *last_inspection;   /* YYYY-MM-DD or NULL */
  XaInspectionResult inspection_result;
  int                faults_12m;
  int                entrapments_12m;
  XaAssessmentGrade  assessment_grade;
  gboolean           assessment_due;    /* xa_metrics_elevator_assessment_due() */
  XaRenewalStatus    renewal_status;
  int                planned_year;      /* 0 when none */
  XaFundingSource    funding_source;
  int                outbox_state;      /* XaOutboxState of its edit; -1 without one */
  XaPriority         priority;
} XaElevatorRowData;

/* The words of a row that 100,000 rows repeat, each an interned GRefString
 * (g_ref_string_new_intern()) the row holds a reference of; none NULL. The reader of the
 * list interns each once, not once a row. */
typedef struct
{
  char *compound_id;
  char *compound_name;     /* the id when the compound is unknown */
  char *district_code;     /* "" when unknown */
  char *district_name;     /* "" when unknown */
  char *maker;
  char *model;
} XaElevatorRowWords;

/* A row of @elevator with the shared @words, its priority and whether its safety
 * assessment is due, both computed by the caller, and the state of its edit in the outbox
 * (-1: none). */
XaElevatorRow           *xa_elevator_row_new      (const XaElevator         *elevator,
                                                   const XaElevatorRowWords *words,
                                                   const XaPriority         *priority,
                                                   gboolean                  assessment_due,
                                                   int                       outbox_state);
const XaElevatorRowData *xa_elevator_row_get_data (XaElevatorRow    *self);

G_END_DECLS
