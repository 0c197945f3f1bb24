/* xa-elevator-columns.c — see xa-elevator-columns.h. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "xa-elevator-columns.h"
#include "xa-record-words.h"

static int
compare_ints (int a,
              int b)
{
  return (a > b) - (a < b);
}

/* NULL sorts before any text, as an empty cell. */
static int
compare_texts (const char *a,
               const char *b)
{
  return g_strcmp0 (a, b);
}

int
xa_elevator_column_compare (gconstpointer a,
                            gconstpointer b,
                            gpointer      column)
{
  const XaElevatorRowData *x = xa_elevator_row_get_data ((XaElevatorRow *) a);
  const XaElevatorRowData *y = xa_elevator_row_get_data ((XaElevatorRow *) b);
  int order = 0;

  switch ((XaElevatorColumn) GPOINTER_TO_INT (column))
    {
    case XA_ELEVATOR_COLUMN_PRIORITY:
    case XA_ELEVATOR_COLUMN_WHY:
      /* Ascending is the lowest priority first, so the default, descending, is the
       * core's renewal order. */
      order = xa_elevator_priority_compare (&y->priority, &x->priority);
      break;
    case XA_ELEVATOR_COLUMN_COMPOUND:
      order = compare_texts (x->compound_name, y->compound_name);
      break;
    case XA_ELEVATOR_COLUMN_DISTRICT:
      order = compare_texts (x->district_name, y->district_name);
      break;
    case XA_ELEVATOR_COLUMN_BUILDING:
      order = compare_texts (x->compound_name, y->compound_name);
      if (order == 0)
        order = compare_texts (x->building, y->building);
      if (order == 0)
        order = compare_texts (x->unit, y->unit);
      break;
    case XA_ELEVATOR_COLUMN_REGISTRATION:
      order = compare_texts (x->registration_code, y->registration_code);
      break;
    case XA_ELEVATOR_COLUMN_MAKER:
      order = compare_texts (x->maker, y->maker);
      break;
    case XA_ELEVATOR_COLUMN_MODEL:
      order = compare_texts (x->model, y->model);
      break;
    case XA_ELEVATOR_COLUMN_COMMISSIONED:
    case XA_ELEVATOR_COLUMN_YEARS:
      /* Commissioned later is fewer years: years ascending is dates descending. */
      order = compare_texts (y->commissioned, x->commissioned);
      if (GPOINTER_TO_INT (column) == XA_ELEVATOR_COLUMN_COMMISSIONED)
        order = -order;
      break;
    case XA_ELEVATOR_COLUMN_INSPECTION:
      order = compare_texts (x->last_inspection, y->last_inspection);
      if (order == 0)
        order = compare_ints (x->inspection_result, y->inspection_result);
      break;
    case XA_ELEVATOR_COLUMN_FAULTS:
      order = compare_ints (x->faults_12m, y->faults_12m);
      break;
    case XA_ELEVATOR_COLUMN_ENTRAPMENTS:
      order = compare_ints (x->entrapments_12m, y->entrapments_12m);
      break;
    case XA_ELEVATOR_COLUMN_GRADE:
      order = compare_ints (x->assessment_grade, y->assessment_grade);
      break;
    case XA_ELEVATOR_COLUMN_STATUS:
      order = compare_ints (x->renewal_status, y->renewal_status);
      break;
    case XA_ELEVATOR_COLUMN_PLANNED:
      order = compare_ints (x->planned_year, y->planned_year);
      break;
    case XA_ELEVATOR_COLUMN_FUNDING:
      order = compare_ints (x->funding_source, y->funding_source);
      break;
    case XA_ELEVATOR_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  /* Ties in the id's order, so that a sort is the same every time. */
  if (order == 0)
    order = strcmp (x->id, y->id);
  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static const char *
grade_letter (XaAssessmentGrade grade)
{
  static const char *const letters[] = { "A", "B", "C", "D" };

  return grade >= XA_GRADE_A && grade <= XA_GRADE_D ? letters[grade] : NULL;
}

/* The text of @column for @d; NULL for an empty cell. */
char *
xa_elevator_column_text (const XaElevatorRowData *d,
                         XaElevatorColumn         column)
{
  switch (column)
    {
    case XA_ELEVATOR_COLUMN_PRIORITY:
      return d->priority.in_scope ? g_strdup_printf ("%d", d->priority.score) : NULL;
    case XA_ELEVATOR_COLUMN_WHY:
      return xa_elevator_priority_explain (&d->priority);
    case XA_ELEVATOR_COLUMN_COMPOUND:
      return g_strdup (d->compound_name);
    case XA_ELEVATOR_COLUMN_DISTRICT:
      return g_strdup (d->district_name);
    case XA_ELEVATOR_COLUMN_BUILDING:
      /* Translators: a lift's place in its compound: building, then unit (楼栋 · 单元). */
      return g_strdup_printf (_("%s · %s"), d->building, d->unit);
    case XA_ELEVATOR_COLUMN_REGISTRATION:
      return g_strdup (d->registration_code);
    case XA_ELEVATOR_COLUMN_MAKER:
      return g_strdup (d->maker);
    case XA_ELEVATOR_COLUMN_MODEL:
      return g_strdup (d->model);
    case XA_ELEVATOR_COLUMN_COMMISSIONED:
      return g_strdup (d->commissioned);
    case XA_ELEVATOR_COLUMN_YEARS:
      return isnan (d->priority.years) ? NULL
             : g_strdup_printf ("%d", (int) floor (d->priority.years));
    case XA_ELEVATOR_COLUMN_INSPECTION:
      if (d->last_inspection == NULL)
        return NULL;
      /* Translators: the last inspection of a lift: its date, then its result. */
      return g_strdup_printf (_("%s, %s"), d->last_inspection,
                              xa_record_words_inspection (d->inspection_result));
    case XA_ELEVATOR_COLUMN_FAULTS:
      return g_strdup_printf ("%d", d->faults_12m);
    case XA_ELEVATOR_COLUMN_ENTRAPMENTS:
      return g_strdup_printf ("%d", d->entrapments_12m);
    case XA_ELEVATOR_COLUMN_GRADE:
      if (d->assessment_due)
        /* Translators: an assessment grade (A–D, or "none") of a lift whose safety
         * assessment is out of date or missing, e.g. "C, due". */
        return g_strdup_printf (_("%s, due"), grade_letter (d->assessment_grade) != NULL
                                ? grade_letter (d->assessment_grade) : _("none"));
      return g_strdup (grade_letter (d->assessment_grade));
    case XA_ELEVATOR_COLUMN_STATUS:
      return g_strdup (xa_record_words_renewal (d->renewal_status));
    case XA_ELEVATOR_COLUMN_PLANNED:
      return d->planned_year > 0 ? g_strdup_printf ("%d", d->planned_year) : NULL;
    case XA_ELEVATOR_COLUMN_FUNDING:
      return g_strdup (xa_record_words_funding (d->funding_source));
    case XA_ELEVATOR_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

gboolean
xa_elevator_column_is_numeric (XaElevatorColumn column)
{
  return column == XA_ELEVATOR_COLUMN_PRIORITY || column == XA_ELEVATOR_COLUMN_YEARS
         || column == XA_ELEVATOR_COLUMN_FAULTS || column == XA_ELEVATOR_COLUMN_ENTRAPMENTS
         || column == XA_ELEVATOR_COLUMN_PLANNED;
}

const char *
xa_elevator_column_title (XaElevatorColumn column)
{
  switch (column)
    {
    case XA_ELEVATOR_COLUMN_PRIORITY: return _("Priority");
    case XA_ELEVATOR_COLUMN_WHY: return _("Why");
    case XA_ELEVATOR_COLUMN_COMPOUND: return C_("elevator list column", "Compound");
    case XA_ELEVATOR_COLUMN_DISTRICT: return _("District");
    case XA_ELEVATOR_COLUMN_BUILDING: return _("Building · Unit");
    case XA_ELEVATOR_COLUMN_REGISTRATION: return _("Registration Code");
    case XA_ELEVATOR_COLUMN_MAKER: return _("Maker");
    case XA_ELEVATOR_COLUMN_MODEL: return _("Model");
    case XA_ELEVATOR_COLUMN_COMMISSIONED: return _("Commissioned");
    case XA_ELEVATOR_COLUMN_YEARS: return _("Years");
    case XA_ELEVATOR_COLUMN_INSPECTION: return _("Last Inspection");
    case XA_ELEVATOR_COLUMN_FAULTS: return _("Faults (12 m)");
    case XA_ELEVATOR_COLUMN_ENTRAPMENTS: return _("Entrapments (12 m)");
    case XA_ELEVATOR_COLUMN_GRADE: return _("Assessment");
    case XA_ELEVATOR_COLUMN_STATUS: return _("Renewal Status");
    case XA_ELEVATOR_COLUMN_PLANNED: return _("Planned Year");
    case XA_ELEVATOR_COLUMN_FUNDING: return _("Funding");
    case XA_ELEVATOR_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

