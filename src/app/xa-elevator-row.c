/* xa-elevator-row.c — see xa-elevator-row.h. */
#include "config.h"

#include "xa-elevator-row.h"

struct _XaElevatorRow
{
  GObject           parent_instance;
  XaElevatorRowData data;
};

G_DEFINE_FINAL_TYPE (XaElevatorRow, xa_elevator_row, G_TYPE_OBJECT)

/* Words a hundred thousand rows repeat are kept once, released with their last row. */
static char *
shared (const char *text)
{
  return g_ref_string_new_intern (text != NULL ? text : "");
}

XaElevatorRow *
xa_elevator_row_new (const XaElevator *elevator,
                     const char       *compound_name,
                     const char       *district_code,
                     const char       *district_name,
                     const XaPriority *priority,
                     gboolean          assessment_due)
{
  XaElevatorRow *self;
  XaElevatorRowData *d;

  g_return_val_if_fail (elevator != NULL, NULL);
  g_return_val_if_fail (priority != NULL, NULL);

  self = g_object_new (XA_TYPE_ELEVATOR_ROW, NULL);
  d = &self->data;
  d->id = g_strdup (elevator->id);
  d->compound_id = shared (elevator->compound);
  d->compound_name = shared (compound_name != NULL ? compound_name : elevator->compound);
  d->district_code = shared (district_code);
  d->district_name = shared (district_name);
  d->building = g_strdup (elevator->building != NULL ? elevator->building : "");
  d->unit = g_strdup (elevator->unit != NULL ? elevator->unit : "");
  d->registration_code = g_strdup (elevator->registration_code != NULL
                                   ? elevator->registration_code : "");
  d->maker = shared (elevator->maker);
  d->model = shared (elevator->model);
  d->commissioned = g_strdup (elevator->commissioned != NULL ? elevator->commissioned : "");
  d->last_inspection = g_strdup (elevator->last_inspection);
  d->inspection_result = elevator->inspection_result;
  d->faults_12m = elevator->faults_12m;
  d->entrapments_12m = elevator->entrapments_12m;
  d->assessment_grade = elevator->assessment_grade;
  d->assessment_due = assessment_due;
  d->renewal_status = elevator->renewal_status;
  d->planned_year = elevator->planned_year;
  d->funding_source = elevator->funding_source;
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
  XaElevatorRowData *d = &XA_ELEVATOR_ROW (object)->data;

  g_free (d->id);
  g_ref_string_release (d->compound_id);
  g_ref_string_release (d->compound_name);
  g_ref_string_release (d->district_code);
  g_ref_string_release (d->district_name);
  g_free (d->building);
  g_free (d->unit);
  g_free (d->registration_code);
  g_ref_string_release (d->maker);
  g_ref_string_release (d->model);
  g_free (d->commissioned);
  g_free (d->last_inspection);

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
