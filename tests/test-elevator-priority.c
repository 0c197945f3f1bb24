/* test-elevator-priority.c — the renewal priority of xa-elevator-priority.h against the
 * formula help/C/elevator-priority.page states: each rule at its default, each weight and
 * threshold moved one at a time, the 15- and 20-year thresholds on the anniversary of
 * commissioning in UTC+8 and a day before, the assessment out of date by the very rule of the
 * "assessment due" figure, the explanation in English and in zh_CN, and the list's order. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>

#include "xa-calendar.h"
#include "xa-elevator-priority.h"
#include "xa-metrics.h"
#include "xa-test-util.h"

/* Every case is judged on 6 December 2026 at 00:30 in UTC+8 (still 5 December in UTC, so a
 * calendar in UTC would be a day behind and miss every anniversary below). */
static gint64
today (void)
{
  return xa_calendar_time (2026, 12, 6, 0, 30);
}

typedef struct
{
  const char        *name;
  const char        *commissioned;
  XaRenewalStatus    renewal;
  XaAssessmentGrade  grade;
  const char        *assessed_on;
  int                faults;
  int                entrapments;
  XaInspectionResult inspection;
  /* expected with the default parameters */
  int                score;
  gboolean           in_scope;
  const char        *english;
  const char        *chinese;
} Case;

static const Case cases[] = {
  { "exactly-15", "2011-12-06", XA_RENEWAL_NONE, XA_GRADE_NONE, NULL, 0, 0, XA_INSPECTION_PASS,
    20 + 15, TRUE, "15 years, never assessed", "15年，从未评估" },
  { "a-day-short-of-15", "2011-12-07", XA_RENEWAL_NONE, XA_GRADE_NONE, NULL, 0, 0,
    XA_INSPECTION_PASS, 0, FALSE, "14 years, under 15 years", "14年，未满15年" },
  { "exactly-20", "2006-12-06", XA_RENEWAL_PLANNED, XA_GRADE_B, "2025-01-01", 0, 0,
    XA_INSPECTION_PASS, 20 + 20, TRUE, "20 years", "20年" },
  { "a-day-short-of-20", "2006-12-07", XA_RENEWAL_NONE, XA_GRADE_B, "2025-01-01", 0, 0,
    XA_INSPECTION_PASS, 20, TRUE, "19 years", "19年" },
  { "the-example", "2004-05-01", XA_RENEWAL_PROPOSED, XA_GRADE_C, "2021-06-01", 9, 0,
    XA_INSPECTION_PASS, 20 + 20 + 20 + 27 + 15, TRUE,
    "22 years, grade C, 9 faults, no assessment since 2021",
    "22年，C级，9次故障，2021年后未评估" },
  { "faults-capped", "2011-01-01", XA_RENEWAL_NONE, XA_GRADE_A, "2025-01-01", 50, 1,
    XA_INSPECTION_PASS, 20 + 30 + 10, TRUE, "15 years, 50 faults, 1 entrapment",
    "15年，50次故障，1次困人" },
  { "entrapments-capped", "2011-01-01", XA_RENEWAL_NONE, XA_GRADE_A, "2025-01-01", 1, 7,
    XA_INSPECTION_PASS, 20 + 3 + 30, TRUE, "15 years, 1 fault, 7 entrapments",
    "15年，1次故障，7次困人" },
  { "hostile-fault-count", "2011-01-01", XA_RENEWAL_NONE, XA_GRADE_A, "2025-01-01",
    G_MAXINT, 0, XA_INSPECTION_PASS, 20 + 30, TRUE, NULL, NULL },
  { "inspection-failed", "2011-01-01", XA_RENEWAL_NONE, XA_GRADE_A, "2025-01-01", 0, 0,
    XA_INSPECTION_FAIL, 20 + 30, TRUE, "15 years, failed inspection", "15年，检验不合格" },
  { "inspection-remarks", "2011-01-01", XA_RENEWAL_NONE, XA_GRADE_A, "2025-01-01", 0, 0,
    XA_INSPECTION_PASS_WITH_REMARKS, 20 + 10, TRUE, "15 years, inspection remarks",
    "15年，检验有整改意见" },
  { "no-inspection", "2011-01-01", XA_RENEWAL_NONE, XA_GRADE_A, "2025-01-01", 0, 0,
    XA_INSPECTION_NONE, 20, TRUE, "15 years", "15年" },
  { "grade-d", "2011-01-01", XA_RENEWAL_NONE, XA_GRADE_D, "2025-01-01", 0, 0,
    XA_INSPECTION_PASS, 20 + 40, TRUE, "15 years, grade D", "15年，D级" },
  /* Three years to the day since the assessment: it has just stopped counting. */
  { "assessment-lapses-today", "2006-01-01", XA_RENEWAL_NONE, XA_GRADE_B, "2023-12-06", 0, 0,
    XA_INSPECTION_PASS, 40 + 15, TRUE, "20 years, no assessment since 2023",
    "20年，2023年后未评估" },
  { "assessment-lapses-tomorrow", "2006-01-01", XA_RENEWAL_NONE, XA_GRADE_B, "2023-12-07", 0,
    0, XA_INSPECTION_PASS, 40, TRUE, "20 years", "20年" },
  /* A grade without a date counts from the 15th year: out of date at 18. */
  { "graded-without-date", "2006-01-01", XA_RENEWAL_NONE, XA_GRADE_B, NULL, 0, 0,
    XA_INSPECTION_PASS, 40 + 15, TRUE, "20 years, assessment out of date",
    "20年，评估已过期" },
  { "graded-without-date-17", "2009-01-01", XA_RENEWAL_NONE, XA_GRADE_B, NULL, 0, 0,
    XA_INSPECTION_PASS, 20, TRUE, "17 years", "17年" },
  { "renewed", "1990-01-01", XA_RENEWAL_DONE, XA_GRADE_D, NULL, 20, 5, XA_INSPECTION_FAIL,
    0, FALSE, "renewed", "已更新" },
  { "no-date", "2010-02-30", XA_RENEWAL_NONE, XA_GRADE_D, NULL, 20, 5, XA_INSPECTION_FAIL,
    0, FALSE, "commissioning date unknown", "投入使用日期不详" },
  { "young-with-faults", "2020-01-01", XA_RENEWAL_NONE, XA_GRADE_NONE, NULL, 10, 3,
    XA_INSPECTION_FAIL, 0, FALSE, "6 years, under 15 years", "6年，未满15年" },
  { "one-year", "2025-06-01", XA_RENEWAL_NONE, XA_GRADE_NONE, NULL, 0, 0, XA_INSPECTION_PASS,
    0, FALSE, "1 year, under 15 years", "1年，未满15年" },
};

static XaElevator
elevator_of (const Case *c)
{
  return (XaElevator) {
    .id = (char *) c->name,
    .compound = (char *) "C1",
    .commissioned = (char *) c->commissioned,
    .inspection_result = c->inspection,
    .faults_12m = c->faults,
    .entrapments_12m = c->entrapments,
    .assessment_grade = c->grade,
    .assessed_on = (char *) c->assessed_on,
    .renewal_status = c->renewal,
    .funding_source = XA_FUNDING_NONE,
  };
}

static const Case *
find_case (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    if (g_str_equal (cases[i].name, name))
      return &cases[i];
  g_assert_not_reached ();
}

static gboolean
has_reason (const XaPriority     *priority,
            XaPriorityReasonKind  kind)
{
  for (guint i = 0; i < priority->n_reasons; i++)
    if (priority->reasons[i].kind == kind)
      return TRUE;
  return FALSE;
}

/* Switches the messages to @locale (a locale this machine must have) with the build's
 * catalogues; gettext reloads them on every setlocale(). */
static void
use_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    g_error ("The locale %s is not installed: generate it (build-aux/install-deps does)",
             locale);
}

static void
test_defaults_valid (void)
{
  XaPriorityParams params = xa_priority_params_default ();
  XaPriorityParams bad = params;

  g_assert_true (xa_priority_params_valid (&params));
  /* The figures' own default interval, not a second one. */
  g_assert_cmpint (params.reassessment_years, ==, XA_ELEVATOR_REASSESSMENT_DEFAULT);
  bad.points_per_fault = -1;
  g_assert_false (xa_priority_params_valid (&bad));
  bad = params;
  bad.reassessment_years = 0;
  g_assert_false (xa_priority_params_valid (&bad));
  bad = params;
  bad.scope_years = 0;
  g_assert_false (xa_priority_params_valid (&bad));
}

static void
test_cases (void)
{
  XaPriorityParams params = xa_priority_params_default ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      XaElevator e = elevator_of (c);
      XaPriority p;
      int sum = 0;

      g_test_message ("case %s", c->name);
      xa_elevator_priority (&e, today (), &params, &p);
      g_assert_cmpint (p.score, ==, c->score);
      g_assert_cmpint (p.in_scope, ==, c->in_scope);
      g_assert_cmpuint (p.n_reasons, >=, 1);
      for (guint r = 0; r < p.n_reasons; r++)
        sum += p.reasons[r].points;
      /* Every point has its reason. */
      g_assert_cmpint (sum, ==, p.score);
      /* Out of date exactly when the figures count the lift as due. */
      g_assert_cmpint (has_reason (&p, XA_PRIORITY_REASON_ASSESSMENT_DUE), ==,
                       xa_metrics_elevator_assessment_due (&e, today (),
                                                           params.reassessment_years));
    }
}

/* The lift with a bit of everything, and the score after one parameter moves. */
typedef struct
{
  const char *what;
  gsize       offset;
  int         value;
  int         score;
} Change;

static void
test_each_parameter (void)
{
  static const Change changes[] = {
    { "default", G_STRUCT_OFFSET (XaPriorityParams, points_scope), 20, 137 },
    { "points_scope", G_STRUCT_OFFSET (XaPriorityParams, points_scope), 0, 117 },
    { "points_old", G_STRUCT_OFFSET (XaPriorityParams, points_old), 5, 122 },
    { "old_years past it", G_STRUCT_OFFSET (XaPriorityParams, old_years), 23, 117 },
    { "old_years at it", G_STRUCT_OFFSET (XaPriorityParams, old_years), 22, 137 },
    { "scope_years past it", G_STRUCT_OFFSET (XaPriorityParams, scope_years), 23, 0 },
    { "points_per_fault capped", G_STRUCT_OFFSET (XaPriorityParams, points_per_fault), 10, 155 },
    { "points_per_fault off", G_STRUCT_OFFSET (XaPriorityParams, points_per_fault), 0, 125 },
    { "faults_cap", G_STRUCT_OFFSET (XaPriorityParams, faults_cap), 5, 130 },
    { "points_per_entrapment", G_STRUCT_OFFSET (XaPriorityParams, points_per_entrapment), 1,
      119 },
    { "entrapments_cap off", G_STRUCT_OFFSET (XaPriorityParams, entrapments_cap), 0, 117 },
    { "points_inspection_fail", G_STRUCT_OFFSET (XaPriorityParams, points_inspection_fail), 0,
      107 },
    { "points_inspection_remarks (it failed)",
      G_STRUCT_OFFSET (XaPriorityParams, points_inspection_remarks), 99, 137 },
    { "points_grade_c", G_STRUCT_OFFSET (XaPriorityParams, points_grade_c), 50, 167 },
    { "points_grade_d (it is C)", G_STRUCT_OFFSET (XaPriorityParams, points_grade_d), 99, 137 },
    { "points_assessment_due", G_STRUCT_OFFSET (XaPriorityParams, points_assessment_due), 0,
      122 },
    /* Assessed 2021-06-01: with six years it counts until 2027-06-01. */
    { "reassessment_years", G_STRUCT_OFFSET (XaPriorityParams, reassessment_years), 6, 122 },
    { "reassessment_years 5", G_STRUCT_OFFSET (XaPriorityParams, reassessment_years), 5, 137 },
  };
  /* 22 years (40), grade C (20), 4 faults (12), 2 entrapments (20), failed (30), assessed
   * 2021 (15): 137. */
  XaElevator e = {
    .compound = (char *) "C1", .commissioned = (char *) "2004-05-01",
    .inspection_result = XA_INSPECTION_FAIL, .faults_12m = 4, .entrapments_12m = 2,
    .assessment_grade = XA_GRADE_C, .assessed_on = (char *) "2021-06-01",
    .renewal_status = XA_RENEWAL_NONE, .funding_source = XA_FUNDING_NONE,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      XaPriorityParams params = xa_priority_params_default ();
      XaPriority p;

      g_test_message ("change %s", changes[i].what);
      G_STRUCT_MEMBER (int, &params, changes[i].offset) = changes[i].value;
      xa_elevator_priority (&e, today (), &params, &p);
      g_assert_cmpint (p.score, ==, changes[i].score);
    }
}

/* A weight of 0 drops its reason from the explanation: nothing to explain. */
static void
test_zero_weight_not_named (void)
{
  XaPriorityParams params = xa_priority_params_default ();
  XaElevator e = elevator_of (find_case ("the-example"));
  XaPriority p;
  g_autofree char *text = NULL;

  use_locale ("C.UTF-8");
  params.points_per_fault = 0;
  params.points_grade_c = 0;
  xa_elevator_priority (&e, today (), &params, &p);
  g_assert_cmpint (p.score, ==, 20 + 20 + 15);
  text = xa_elevator_priority_explain (&p);
  g_assert_cmpstr (text, ==, "22 years, no assessment since 2021");
}

/* A lower scope takes the young lift in, with its faults and entrapments. */
static void
test_scope_lowered (void)
{
  XaPriorityParams params = xa_priority_params_default ();
  XaElevator e = elevator_of (find_case ("young-with-faults"));
  XaPriority p;

  params.scope_years = 6;
  xa_elevator_priority (&e, today (), &params, &p);
  g_assert_true (p.in_scope);
  /* 20 in the programme, 10 faults 30, 3 entrapments 30, failed 30; not 15 years: not due */
  g_assert_cmpint (p.score, ==, 20 + 30 + 30 + 30);
  g_assert_false (has_reason (&p, XA_PRIORITY_REASON_ASSESSMENT_DUE));
}

static void
check_explanations (gboolean chinese)
{
  XaPriorityParams params = xa_priority_params_default ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      XaElevator e = elevator_of (c);
      XaPriority p;
      g_autofree char *text = NULL;

      if (c->english == NULL)
        continue;
      xa_elevator_priority (&e, today (), &params, &p);
      text = xa_elevator_priority_explain (&p);
      g_assert_cmpstr (text, ==, chinese ? c->chinese : c->english);
    }
}

static void
test_explanation_english (void)
{
  use_locale ("C.UTF-8");
  check_explanations (FALSE);
}

static void
test_explanation_chinese (void)
{
  g_autofree char *catalogues = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  bindtextdomain (GETTEXT_PACKAGE, catalogues);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  use_locale ("zh_CN.UTF-8");
  if (g_str_equal (g_dgettext (GETTEXT_PACKAGE, "never assessed"), "never assessed"))
    g_error ("No zh_CN catalogue of %s in %s: build the translations (ninja) first",
             GETTEXT_PACKAGE, catalogues);
  check_explanations (TRUE);
  use_locale ("C.UTF-8");
}

typedef struct
{
  XaPriority  priority;
  const char *name;
} Row;

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return xa_elevator_priority_compare (&((const Row *) a)->priority,
                                       &((const Row *) b)->priority);
}

static void
test_order (void)
{
  static const char * const shuffled[] = {
    "no-date", "exactly-15", "renewed", "the-example", "a-day-short-of-15", "exactly-20",
    "a-day-short-of-20", "inspection-remarks",
  };
  /* By score (102, 40, 35, 30, 20); then those outside the programme, the longer in service
   * first (renewed at 36 years, then 14) and the one without a date last. */
  static const char * const expected[] = {
    "the-example", "exactly-20", "exactly-15", "inspection-remarks", "a-day-short-of-20",
    "renewed", "a-day-short-of-15", "no-date",
  };
  XaPriorityParams params = xa_priority_params_default ();
  Row rows[G_N_ELEMENTS (shuffled)];
  XaPriority tie_a, tie_b;
  XaElevator older, younger;

  G_STATIC_ASSERT (G_N_ELEMENTS (shuffled) == G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (shuffled); i++)
    {
      XaElevator e = elevator_of (find_case (shuffled[i]));

      xa_elevator_priority (&e, today (), &params, &rows[i].priority);
      rows[i].name = shuffled[i];
    }
  qsort (rows, G_N_ELEMENTS (rows), sizeof rows[0], compare_rows);
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (rows[i].name, ==, expected[i]);

  /* The same score: the longer in service first. */
  older = elevator_of (find_case ("exactly-15"));
  younger = older;
  older.commissioned = (char *) "2011-06-01";
  xa_elevator_priority (&older, today (), &params, &tie_a);
  xa_elevator_priority (&younger, today (), &params, &tie_b);
  g_assert_cmpint (tie_a.score, ==, tie_b.score);
  g_assert_cmpint (xa_elevator_priority_compare (&tie_a, &tie_b), <, 0);
  g_assert_cmpint (xa_elevator_priority_compare (&tie_b, &tie_a), >, 0);
  g_assert_cmpint (xa_elevator_priority_compare (&tie_a, &tie_a), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  g_test_add_func ("/elevator-priority/defaults-valid", test_defaults_valid);
  g_test_add_func ("/elevator-priority/cases", test_cases);
  g_test_add_func ("/elevator-priority/each-parameter", test_each_parameter);
  g_test_add_func ("/elevator-priority/zero-weight-not-named", test_zero_weight_not_named);
  g_test_add_func ("/elevator-priority/scope-lowered", test_scope_lowered);
  g_test_add_func ("/elevator-priority/explanation-english", test_explanation_english);
  g_test_add_func ("/elevator-priority/explanation-chinese", test_explanation_chinese);
  g_test_add_func ("/elevator-priority/order", test_order);
  return g_test_run ();
}
