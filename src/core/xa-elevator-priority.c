/* xa-elevator-priority.c — see xa-elevator-priority.h. The list re-sorts 100,000 lifts at a
 * time, so the score is integer sums over the record with nothing allocated; only the
 * explanation, made for the rows on screen, builds a string. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xa-elevator-priority.h"
#include "xa-metrics.h"

XaPriorityParams
xa_priority_params_default (void)
{
  return (XaPriorityParams) {
    .scope_years = 15,
    .old_years = 20,
    .points_scope = 20,
    .points_old = 20,
    .points_per_fault = 3,
    .faults_cap = 30,
    .points_per_entrapment = 10,
    .entrapments_cap = 30,
    .points_inspection_fail = 30,
    .points_inspection_remarks = 10,
    .points_grade_c = 20,
    .points_grade_d = 40,
    .points_assessment_due = 15,
    .reassessment_years = XA_ELEVATOR_REASSESSMENT_DEFAULT,
  };
}

gboolean
xa_priority_params_valid (const XaPriorityParams *params)
{
  g_return_val_if_fail (params != NULL, FALSE);

  return params->scope_years >= 1 && params->old_years >= 1
         && params->points_scope >= 0 && params->points_old >= 0
         && params->points_per_fault >= 0 && params->faults_cap >= 0
         && params->points_per_entrapment >= 0 && params->entrapments_cap >= 0
         && params->points_inspection_fail >= 0 && params->points_inspection_remarks >= 0
         && params->points_grade_c >= 0 && params->points_grade_d >= 0
         && params->points_assessment_due >= 0
         && params->reassessment_years >= 1
         && params->reassessment_years <= XA_ELEVATOR_REASSESSMENT_MAX;
}

static void
add_reason (XaPriority           *out,
            XaPriorityReasonKind  kind,
            int                   figure,
            int                   points)
{
  g_assert (out->n_reasons < XA_PRIORITY_MAX_REASONS);
  out->reasons[out->n_reasons++] = (XaPriorityReason) { kind, figure, points };
  out->score += points;
}

/* @count times @each, but never more than @cap (and no overflow on a hostile count). */
static int
capped_points (int count,
               int each,
               int cap)
{
  if (count <= 0 || each <= 0)
    return 0;
  if (count > cap / each)
    return cap;
  return MIN (count * each, cap);
}

/* Year of the assessment that is out of date: that of assessed_on, 0 when the lift was
 * never assessed, -1 when it has a grade without a date. */
static int
last_assessment_year (const XaElevator *elevator)
{
  GDate assessed;

  g_date_clear (&assessed, 1);
  if (xa_parse_date (elevator->assessed_on, &assessed))
    return g_date_get_year (&assessed);
  return elevator->assessment_grade == XA_GRADE_NONE ? 0 : -1;
}

void
xa_elevator_priority (const XaElevator       *elevator,
                      gint64                  now,
                      const XaPriorityParams *params,
                      XaPriority             *out)
{
  int whole_years, points;

  g_return_if_fail (out != NULL);
  *out = (XaPriority) { .years = NAN };
  g_return_if_fail (elevator != NULL);
  g_return_if_fail (params != NULL && xa_priority_params_valid (params));

  out->years = xa_metrics_elevator_years (elevator, now);
  /* A renewed lift is a new lift, whatever its record's commissioned date says. */
  if (elevator->renewal_status == XA_RENEWAL_DONE)
    {
      add_reason (out, XA_PRIORITY_REASON_RENEWED, 0, 0);
      return;
    }
  if (isnan (out->years))
    {
      add_reason (out, XA_PRIORITY_REASON_NO_DATE, 0, 0);
      return;
    }
  /* Floored: exactly scope_years on the anniversary of commissioning, not a day before. */
  whole_years = (int) floor (out->years);
  if (whole_years < params->scope_years)
    {
      add_reason (out, XA_PRIORITY_REASON_YEARS, whole_years, 0);
      add_reason (out, XA_PRIORITY_REASON_UNDER_SCOPE, params->scope_years, 0);
      return;
    }

  out->in_scope = TRUE;
  points = params->points_scope;
  if (whole_years >= params->old_years)
    points += params->points_old;
  add_reason (out, XA_PRIORITY_REASON_YEARS, whole_years, points);

  if (elevator->assessment_grade == XA_GRADE_D && params->points_grade_d > 0)
    add_reason (out, XA_PRIORITY_REASON_GRADE, XA_GRADE_D, params->points_grade_d);
  else if (elevator->assessment_grade == XA_GRADE_C && params->points_grade_c > 0)
    add_reason (out, XA_PRIORITY_REASON_GRADE, XA_GRADE_C, params->points_grade_c);

  points = capped_points (elevator->faults_12m, params->points_per_fault, params->faults_cap);
  if (points > 0)
    add_reason (out, XA_PRIORITY_REASON_FAULTS, elevator->faults_12m, points);
  points = capped_points (elevator->entrapments_12m, params->points_per_entrapment,
                          params->entrapments_cap);
  if (points > 0)
    add_reason (out, XA_PRIORITY_REASON_ENTRAPMENTS, elevator->entrapments_12m, points);

  if (elevator->inspection_result == XA_INSPECTION_FAIL && params->points_inspection_fail > 0)
    add_reason (out, XA_PRIORITY_REASON_INSPECTION, XA_INSPECTION_FAIL,
                params->points_inspection_fail);
  else if (elevator->inspection_result == XA_INSPECTION_PASS_WITH_REMARKS
           && params->points_inspection_remarks > 0)
    add_reason (out, XA_PRIORITY_REASON_INSPECTION, XA_INSPECTION_PASS_WITH_REMARKS,
                params->points_inspection_remarks);

  /* The very rule and interval of the "assessment due" figure, so that list and figures
   * never disagree on which lifts are due. */
  if (params->points_assessment_due > 0
      && xa_metrics_elevator_assessment_due_at (elevator, out->years, now,
                                                params->reassessment_years))
    add_reason (out, XA_PRIORITY_REASON_ASSESSMENT_DUE, last_assessment_year (elevator),
                params->points_assessment_due);
}

int
xa_elevator_priority_compare (const XaPriority *a,
                              const XaPriority *b)
{
  double years_a, years_b;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  if (a->in_scope != b->in_scope)
    return a->in_scope ? -1 : 1;
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  years_a = isnan (a->years) ? -1 : a->years;
  years_b = isnan (b->years) ? -1 : b->years;
  if (years_a != years_b)
    return years_a > years_b ? -1 : 1;
  return 0;
}

static void
append_reason (GString                *text,
               const XaPriorityReason *reason)
{
  /* The grades and results by their letters and words: the figure is an enum value. */
  switch (reason->kind)
    {
    case XA_PRIORITY_REASON_YEARS:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years",
                                                 reason->figure), reason->figure);
      break;
    case XA_PRIORITY_REASON_GRADE:
      g_string_append (text, reason->figure == XA_GRADE_D ? _("grade D") : _("grade C"));
      break;
    case XA_PRIORITY_REASON_FAULTS:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d fault", "%d faults",
                                                 reason->figure), reason->figure);
      break;
    case XA_PRIORITY_REASON_ENTRAPMENTS:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d entrapment",
                                                 "%d entrapments", reason->figure),
                              reason->figure);
      break;
    case XA_PRIORITY_REASON_INSPECTION:
      g_string_append (text, reason->figure == XA_INSPECTION_FAIL
                               ? _("failed inspection") : _("inspection remarks"));
      break;
    case XA_PRIORITY_REASON_ASSESSMENT_DUE:
      if (reason->figure > 0)
        /* TRANSLATORS: %d is a year, such as 2021 */
        g_string_append_printf (text, _("no assessment since %d"), reason->figure);
      else if (reason->figure == 0)
        g_string_append (text, _("never assessed"));
      else
        g_string_append (text, _("assessment out of date"));
      break;
    case XA_PRIORITY_REASON_RENEWED:
      g_string_append (text, _("renewed"));
      break;
    case XA_PRIORITY_REASON_UNDER_SCOPE:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "under %d year",
                                                 "under %d years", reason->figure),
                              reason->figure);
      break;
    case XA_PRIORITY_REASON_NO_DATE:
      g_string_append (text, _("commissioning date unknown"));
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
xa_elevator_priority_explain (const XaPriority *priority)
{
  GString *text;

  g_return_val_if_fail (priority != NULL, NULL);
  g_return_val_if_fail (priority->n_reasons <= XA_PRIORITY_MAX_REASONS, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < priority->n_reasons; i++)
    {
      if (i > 0)
        /* TRANSLATORS: between the reasons of an elevator's renewal priority */
        g_string_append (text, C_("priority reasons", ", "));
      append_reason (text, &priority->reasons[i]);
    }
  return g_string_free (text, FALSE);
}
