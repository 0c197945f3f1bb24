/* xa-elevator-row.c — see xa-elevator-row.h. A row is small: its own texts share one
 * allocation and the repeated ones are interned. */
#include "config.h"

#include <string.h>

#include "xa-elevator-row.h"

struct _XaElevatorRow
{
  GObject           parent_instance;
  XaElevatorRowData data;
  /* The row's own texts (id, building, unit, registration code, dates) one after the other
   * in one block: one allocation a row instead of six. */
  char             *texts;
};

G_DEFINE_FINAL_TYPE (XaElevatorRow, xa_elevator_row, G_TYPE_OBJECT)

/* Copies @text (NULL: "") to *@end and moves *@end past it; returns the copy. */
static char *
pack (char      **end,
      const char *text)
{
  char *copy = *end;
  size_t length = text != NULL ? strlen (text) : 0;

  memcpy (copy, text != NULL ? text : "", length);
  copy[length] = '\0';
  *end += length + 1;
  return copy;
}

static size_t
packed_size (const char *text)
{
  return (text != NULL ? strlen (text) : 0) + 1;
}

XaElevatorRow *
xa_elevator_row_new (const XaElevator         *elevator,
                     const XaElevatorRowWords *words,
                     const XaPriority         *priority,
                     gboolean                  assessment_due,
                     int                       outbox_state)
{
  XaElevatorRow *self;
  XaElevatorRowData *d;
  char *end;

  g_return_val_if_fail (elevator != NULL, NULL);
  g_return_val_if_fail (words != NULL, NULL);
  g_return_val_if_fail (priority != NULL, NULL);

  self = g_object_new (XA_TYPE_ELEVATOR_ROW, NULL);
  d = &self->data;
  self->texts = g_malloc (packed_size (elevator->id) + packed_size (elevator->building)
                          + packed_size (elevator->unit)
                          + packed_size (elevator->registration_code)
                          + packed_size (elevator->commissioned)
                          + packed_size (elevator->last_inspection));
  end = self->texts;
  d->id = pack (&end, elevator->id);
  d->compound_id = g_ref_string_acquire (words->compound_id);
  d->compound_name = g_ref_string_acquire (words->compound_name);
  d->district_code = g_ref_string_acquire (words->district_code);
  d->district_name = g_ref_string_acquire (words->district_name);
  d->building = pack (&end, elevator->building);
  d->unit = pack (&end, elevator->unit);
  d->registration_code = pack (&end, elevator->registration_code);
  d->maker = g_ref_string_acquire (words->maker);
  d->model = g_ref_string_acquire (words->model);
  d->commissioned = pack (&end, elevator->commissioned);
  d->last_inspection = elevator->last_inspection != NULL
                       ? pack (&end, elevator->last_inspection) : NULL;
  d->inspection_result = elevator->inspection_result;
  d->faults_12m = elevator->faults_12m;
  d->entrapments_12m = elevator->entrapments_12m;
  d->assessment_grade = elevator->assessment_grade;
  d->assessment_due = assessment_due;
  d->renewal_status = elevator->renewal_status;
  d->planned_year = elevator->planned_year;
  d->funding_source = elevator->funding_source;
  d->outbox_state = outbox_state;
  d->priority = *priority;
  return self;
}

const XaElevatorRowData *
xa_elevator_row_get_data (XaElevatorRow *self)
{
  g_return_val_if_fail (XA_IS_ELEVATOR_ROW (self), NULL);

  return &self->data;
}

static void
xa_elevator_row_finalize (GObject *object)
{
  XaElevatorRow *self = XA_ELEVATOR_ROW (object);
  XaElevatorRowData *d = &self->data;

  g_free (self->texts);
  g_ref_string_release (d->compound_id);
  g_ref_string_release (d->compound_name);
  g_ref_string_release (d->district_code);
  g_ref_string_release (d->district_name);
  g_ref_string_release (d->maker);
  g_ref_string_release (d->model);

  G_OBJECT_CLASS (xa_elevator_row_parent_class)->finalize (object);
}

static void
xa_elevator_row_class_init (XaElevatorRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xa_elevator_row_finalize;
}

static void
xa_elevator_row_init (XaElevatorRow *self)
{
}
