/* test-metrics.c — the overlay metrics and the dashboard totals: every band at and around
 * its boundaries (exactly 15.0 years, exactly the target ratio, a deadline equal to now,
 * another season, no data), the money format, and the totals computed from a small store
 * for the whole city, one district and every district. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "xa-metrics.h"
#include "xa-test-util.h"

#define SERVER "http://127.0.0.1:1"

/* ---- Flood readiness ---- */

static XaFloodCheck
flood_check (int      season,
             gboolean supplies,
             gboolean personnel,
             gboolean plan,
             gboolean drill)
{
  XaFloodCheck check = { 0 };

  check.compound = (char *) "C1";
  check.season = season;
  check.items[XA_FLOOD_SUPPLIES].in_place = supplies;
  check.items[XA_FLOOD_PERSONNEL].in_place = personnel;
  check.items[XA_FLOOD_PLAN].in_place = plan;
  check.items[XA_FLOOD_DRILL].in_place = drill;
  return check;
}

static void
test_flood (void)
{
  XaFloodCheck four = flood_check (2025, TRUE, TRUE, TRUE, TRUE);
  XaFloodCheck three = flood_check (2025, TRUE, TRUE, FALSE, TRUE);
  XaFloodCheck three_no_drill = flood_check (2025, TRUE, TRUE, TRUE, FALSE);
  XaFloodCheck two = flood_check (2025, FALSE, TRUE, FALSE, TRUE);
  XaFloodCheck one = flood_check (2025, FALSE, FALSE, FALSE, TRUE);
  XaFloodCheck none = flood_check (2025, FALSE, FALSE, FALSE, FALSE);
  XaFloodCheck last_year = flood_check (2024, TRUE, TRUE, TRUE, TRUE);

  g_assert_cmpint (xa_metrics_flood_items_in_place (&four), ==, 4);
  g_assert_cmpint (xa_metrics_flood_items_in_place (&three), ==, 3);
  g_assert_cmpint (xa_metrics_flood_items_in_place (&three_no_drill), ==, 3);
  g_assert_cmpint (xa_metrics_flood_items_in_place (&two), ==, 2);
  g_assert_cmpint (xa_metrics_flood_items_in_place (&one), ==, 1);
  g_assert_cmpint (xa_metrics_flood_items_in_place (&none), ==, 0);

  g_assert_cmpint (xa_metrics_flood_band (&four, 2025), ==, XA_FLOOD_BAND_READY);
  g_assert_cmpint (xa_metrics_flood_band (&three, 2025), ==, XA_FLOOD_BAND_THREE);
  g_assert_cmpint (xa_metrics_flood_band (&three_no_drill, 2025), ==, XA_FLOOD_BAND_THREE);
  g_assert_cmpint (xa_metrics_flood_band (&two, 2025), ==, XA_FLOOD_BAND_TWO_OR_LESS);
  g_assert_cmpint (xa_metrics_flood_band (&one, 2025), ==, XA_FLOOD_BAND_TWO_OR_LESS);
  g_assert_cmpint (xa_metrics_flood_band (&none, 2025), ==, XA_FLOOD_BAND_TWO_OR_LESS);

  /* Not inspected: no check at all, or only last season's (even a perfect one). */
  g_assert_cmpint (xa_metrics_flood_band (NULL, 2025), ==, XA_FLOOD_BAND_NOT_INSPECTED);
  g_assert_cmpint (xa_metrics_flood_band (&last_year, 2025), ==, XA_FLOOD_BAND_NOT_INSPECTED);
  g_assert_cmpint (xa_metrics_flood_band (&last_year, 2024), ==, XA_FLOOD_BAND_READY);
  g_assert_cmpint (xa_metrics_flood_band (&four, 2026), ==, XA_FLOOD_BAND_NOT_INSPECTED);

  /* A NULL check is a caller's bug for the item count. */
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*check != NULL*");
  g_assert_cmpint (xa_metrics_flood_items_in_place (NULL), ==, 0);
  g_test_assert_expected_messages ();
}

/* Of a compound's flood checks read in id order, the one that counts is of the season, the
 * latest inspected, and of equals the first. */
static void
test_flood_check_replaces (void)
{
  XaFloodCheck check = flood_check (2025, TRUE, TRUE, TRUE, TRUE);
  XaFloodCheck last_year = flood_check (2024, TRUE, TRUE, TRUE, TRUE);

  check.inspected_at = 1000;
  last_year.inspected_at = 2000;
  g_assert_true (xa_metrics_flood_check_replaces (&check, 2025, XA_METRICS_NO_FLOOD_CHECK));
  g_assert_true (xa_metrics_flood_check_replaces (&check, 2025, 999));
  g_assert_false (xa_metrics_flood_check_replaces (&check, 2025, 1000));
  g_assert_false (xa_metrics_flood_check_replaces (&check, 2025, 1001));

  g_assert_false (xa_metrics_flood_check_replaces (&last_year, 2025, XA_METRICS_NO_FLOOD_CHECK));
  g_assert_false (xa_metrics_flood_check_replaces (&last_year, 2025, 1000));
  g_assert_false (xa_metrics_flood_check_replaces (&check, 2026, XA_METRICS_NO_FLOOD_CHECK));
}

/* ---- Charging ---- */

static XaCharging
charging (int ebikes,
          int ports)
{
  XaCharging c = { 0 };

  c.compound = (char *) "C1";
  c.registered_ebikes = ebikes;
  c.ports = ports;
  c.smart_ports = ports;
  return c;
}

static void
test_charging (void)
{
  XaCharging one_to_one = charging (100, 100);
  XaCharging more = charging (100, 150);
  XaCharging just_under = charging (100, 99);
  XaCharging half = charging (100, 50);
  XaCharging under_half = charging (100, 49);
  XaCharging no_ports = charging (100, 0);
  XaCharging no_ebikes = charging (0, 40);
  XaCharging nothing = charging (0, 0);
  XaCharging seven_of_ten = charging (10, 7);

  g_assert_cmpfloat (xa_metrics_charging_ratio (&one_to_one), ==, 1.0);
  g_assert_cmpfloat (xa_metrics_charging_ratio (&more), ==, 1.5);
  g_assert_cmpfloat (xa_metrics_charging_ratio (&half), ==, 0.5);
  g_assert_cmpfloat (xa_metrics_charging_ratio (&no_ports), ==, 0.0);
  /* No data: no record, or no registered e-bikes (even with ports). */
  g_assert_true (isnan (xa_metrics_charging_ratio (NULL)));
  g_assert_true (isnan (xa_metrics_charging_ratio (&no_ebikes)));
  g_assert_true (isnan (xa_metrics_charging_ratio (&nothing)));

  g_assert_cmpint (xa_metrics_charging_band (&one_to_one, 1.0), ==, XA_CHARGING_BAND_MEETS_TARGET);
  g_assert_cmpint (xa_metrics_charging_band (&more, 1.0), ==, XA_CHARGING_BAND_MEETS_TARGET);
  g_assert_cmpint (xa_metrics_charging_band (&just_under, 1.0), ==, XA_CHARGING_BAND_HALF_OR_MORE);
  g_assert_cmpint (xa_metrics_charging_band (&half, 1.0), ==, XA_CHARGING_BAND_HALF_OR_MORE);
  g_assert_cmpint (xa_metrics_charging_band (&under_half, 1.0), ==, XA_CHARGING_BAND_BELOW_HALF);
  g_assert_cmpint (xa_metrics_charging_band (&no_ports, 1.0), ==, XA_CHARGING_BAND_BELOW_HALF);
  g_assert_cmpint (xa_metrics_charging_band (NULL, 1.0), ==, XA_CHARGING_BAND_NO_DATA);
  g_assert_cmpint (xa_metrics_charging_band (&no_ebikes, 1.0), ==, XA_CHARGING_BAND_NO_DATA);

  /* Another target: exactly on it despite 0.7 not being exact in binary; and its half. */
  g_assert_cmpint (xa_metrics_charging_band (&seven_of_ten, 0.7), ==,
                   XA_CHARGING_BAND_MEETS_TARGET);
  g_assert_cmpint (xa_metrics_charging_band (&seven_of_ten, 0.71), ==,
                   XA_CHARGING_BAND_HALF_OR_MORE);
  g_assert_cmpint (xa_metrics_charging_band (&more, 2.0), ==, XA_CHARGING_BAND_HALF_OR_MORE);
  g_assert_cmpint (xa_metrics_charging_band (&one_to_one, 2.0), ==, XA_CHARGING_BAND_HALF_OR_MORE);
  g_assert_cmpint (xa_metrics_charging_band (&half, 2.0), ==, XA_CHARGING_BAND_BELOW_HALF);
  g_assert_cmpint (xa_metrics_charging_band (&half, 0.5), ==, XA_CHARGING_BAND_MEETS_TARGET);

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*target*");
  g_assert_cmpint (xa_metrics_charging_band (&one_to_one, 0.0), ==, XA_CHARGING_BAND_NO_DATA);
  g_test_assert_expected_messages ();
}

/* ---- Elevator age ---- */

static XaElevator
elevator (const char *commissioned)
{
  XaElevator e = { 0 };

  e.compound = (char *) "C1";
  e.commissioned = (char *) commissioned;
  e.assessment_grade = XA_GRADE_NONE;
  e.funding_source = XA_FUNDING_NONE;
  return e;
}

/* The elevator's age in years at the time @iso names. */
static double
years_at (const XaElevator *elevator,
          const char       *iso)
{
  return xa_metrics_elevator_years (elevator, xa_test_parse_time (iso));
}

static void
test_elevator_years (void)
{
  XaElevator e2010 = elevator ("2010-06-01");
  XaElevator leap = elevator ("2012-02-29");
  XaElevator march = elevator ("2012-03-01");
  XaElevator sixties = elevator ("1968-12-31");
  XaElevator future = elevator ("2030-01-01");
  XaElevator bad = elevator ("2010-13-01");
  XaElevator missing = elevator (NULL);
  double years;

  /* The 15th anniversary starts at midnight in Beijing: exactly 15.0 then, all day. */
  g_assert_cmpfloat (years_at (&e2010, "2025-06-01T00:00:00+08:00"), ==, 15.0);
  g_assert_cmpfloat (years_at (&e2010, "2025-06-01T23:59:59+08:00"), ==, 15.0);
  /* 2025-06-01 00:00 UTC is already 08:00 in Beijing. */
  g_assert_cmpfloat (years_at (&e2010, "2025-06-01T00:00:00Z"), ==, 15.0);
  /* One second before: the last day of the 15th year, not yet 15. */
  years = years_at (&e2010, "2025-05-31T23:59:59+08:00");
  g_assert_cmpfloat (years, <, 15.0);
  g_assert_cmpfloat (years, >, 14.99);
  /* Half a year on: 183 of the 365 days to the next anniversary. */
  years = years_at (&e2010, "2025-12-01T12:00:00+08:00");
  g_assert_cmpfloat_with_epsilon (years, 15.0 + 183.0 / 365.0, 1e-12);
  /* The day it went into service, and before. */
  g_assert_cmpfloat (years_at (&e2010, "2010-06-01T10:00:00+08:00"), ==, 0.0);
  g_assert_cmpfloat (years_at (&future, "2025-06-01T00:00:00+08:00"), ==, 0.0);

  /* A leap-day lift has its anniversary on 28 February in common years. */
  g_assert_cmpfloat (years_at (&leap, "2013-02-28T09:00:00+08:00"), ==, 1.0);
  g_assert_cmpfloat (years_at (&leap, "2016-02-29T09:00:00+08:00"), ==, 4.0);
  years = years_at (&leap, "2016-02-28T09:00:00+08:00");
  g_assert_cmpfloat (years, <, 4.0);
  g_assert_cmpfloat (years, >, 3.99);

  /* Bad or absent dates are no data. */
  g_assert_true (isnan (years_at (&bad, "2025-06-01T00:00:00+08:00")));
  g_assert_true (isnan (years_at (&missing, "2025-06-01T00:00:00+08:00")));

  /* Before 1970 the day still starts at midnight in Beijing (floor, not truncation). */
  g_assert_cmpfloat (years_at (&sixties, "1969-12-31T12:00:00+08:00"), ==, 1.0);

  /* Before this year's anniversary the fraction runs over the year that contains a
   * 29 February (366 days), not over the next one. */
  years = years_at (&march, "2016-02-15T09:00:00+08:00");
  g_assert_cmpfloat_with_epsilon (years, 3.0 + 351.0 / 366.0, 1e-12);
}

static void
test_elevator_band (void)
{
  XaElevatorThresholds def = xa_elevator_thresholds_default ();
  XaElevatorThresholds custom = { .low = 5, .mid = 8, .high = 12 };
  XaElevatorThresholds descending = { .low = 15, .mid = 10, .high = 20 };
  XaElevatorThresholds negative = { .low = -1, .mid = 10, .high = 20 };
  XaElevatorThresholds not_a_number = { .low = 10, .mid = NAN, .high = 20 };

  g_assert_cmpfloat (def.low, ==, 10.0);
  g_assert_cmpfloat (def.mid, ==, 15.0);
  g_assert_cmpfloat (def.high, ==, 20.0);
  g_assert_true (xa_elevator_thresholds_valid (&def));
  g_assert_true (xa_elevator_thresholds_valid (&custom));
  g_assert_false (xa_elevator_thresholds_valid (&descending));
  g_assert_false (xa_elevator_thresholds_valid (&negative));
  g_assert_false (xa_elevator_thresholds_valid (&not_a_number));
  g_assert_false (xa_elevator_thresholds_valid (NULL));

  g_assert_cmpint (xa_metrics_elevator_age_band (0.0, &def), ==, XA_ELEVATOR_AGE_BAND_UNDER_10);
  g_assert_cmpint (xa_metrics_elevator_age_band (9.999, &def), ==, XA_ELEVATOR_AGE_BAND_UNDER_10);
  g_assert_cmpint (xa_metrics_elevator_age_band (10.0, &def), ==, XA_ELEVATOR_AGE_BAND_10_TO_15);
  g_assert_cmpint (xa_metrics_elevator_age_band (14.999, &def), ==, XA_ELEVATOR_AGE_BAND_10_TO_15);
  g_assert_cmpint (xa_metrics_elevator_age_band (15.0, &def), ==, XA_ELEVATOR_AGE_BAND_15_TO_20);
  g_assert_cmpint (xa_metrics_elevator_age_band (19.999, &def), ==, XA_ELEVATOR_AGE_BAND_15_TO_20);
  g_assert_cmpint (xa_metrics_elevator_age_band (20.0, &def), ==, XA_ELEVATOR_AGE_BAND_20_PLUS);
  g_assert_cmpint (xa_metrics_elevator_age_band (45.0, &def), ==, XA_ELEVATOR_AGE_BAND_20_PLUS);
  g_assert_cmpint (xa_metrics_elevator_age_band (NAN, &def), ==, XA_ELEVATOR_AGE_BAND_NO_ELEVATORS);
  g_assert_cmpint (xa_metrics_elevator_age_band (-1.0, &def), ==,
                   XA_ELEVATOR_AGE_BAND_NO_ELEVATORS);
  /* NULL thresholds are the defaults. */
  g_assert_cmpint (xa_metrics_elevator_age_band (15.0, NULL), ==, XA_ELEVATOR_AGE_BAND_15_TO_20);
  g_assert_cmpint (xa_metrics_elevator_age_band (9.0, NULL), ==, XA_ELEVATOR_AGE_BAND_UNDER_10);
  /* Thresholds from preferences move the bands. */
  g_assert_cmpint (xa_metrics_elevator_age_band (4.9, &custom), ==, XA_ELEVATOR_AGE_BAND_UNDER_10);
  g_assert_cmpint (xa_metrics_elevator_age_band (5.0, &custom), ==, XA_ELEVATOR_AGE_BAND_10_TO_15);
  g_assert_cmpint (xa_metrics_elevator_age_band (8.0, &custom), ==, XA_ELEVATOR_AGE_BAND_15_TO_20);
  g_assert_cmpint (xa_metrics_elevator_age_band (12.0, &custom), ==, XA_ELEVATOR_AGE_BAND_20_PLUS);

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*thresholds_valid*");
  g_assert_cmpint (xa_metrics_elevator_age_band (12.0, &descending), ==,
                   XA_ELEVATOR_AGE_BAND_NO_ELEVATORS);
  g_test_assert_expected_messages ();

}

/* Due = 15+ years in service, not renewed, and no assessment that still counts. */
static void
test_assessment_due (void)
{
  gint64 now = xa_test_parse_time ("2025-07-01T00:00:00+08:00");
  XaElevator fifteen = elevator ("2010-07-01");    /* exactly 15 on "now" */
  XaElevator young = elevator ("2010-07-02");      /* a day short of 15 */
  XaElevator eighteen = elevator ("2007-07-01");   /* exactly 18 */
  XaElevator seventeen = elevator ("2007-07-02");  /* a day short of 18 */
  XaElevator thirty = elevator ("1995-03-01");
  XaElevator bad = elevator ("2010-02-30");

  /* Never assessed: due from exactly 15 years on, independent of the display thresholds. */
  g_assert_true (xa_metrics_elevator_assessment_due (&fifteen, now, 3));
  g_assert_false (xa_metrics_elevator_assessment_due (&young, now, 3));
  g_assert_true (xa_metrics_elevator_assessment_due (&thirty, now, 3));
  g_assert_false (xa_metrics_elevator_assessment_due (&bad, now, 3));

  /* Assessed: the grade counts from the 15th year for the interval, then lapses. */
  fifteen.assessment_grade = XA_GRADE_B;
  seventeen.assessment_grade = XA_GRADE_A;
  eighteen.assessment_grade = XA_GRADE_C;
  thirty.assessment_grade = XA_GRADE_D;
  g_assert_false (xa_metrics_elevator_assessment_due (&fifteen, now, 3));
  g_assert_false (xa_metrics_elevator_assessment_due (&seventeen, now, 3));
  g_assert_true (xa_metrics_elevator_assessment_due (&eighteen, now, 3));
  g_assert_true (xa_metrics_elevator_assessment_due (&thirty, now, 3));
  /* The interval is the setting's: five years keep the 18-year-old's grade valid. */
  g_assert_false (xa_metrics_elevator_assessment_due (&eighteen, now, 5));
  g_assert_true (xa_metrics_elevator_assessment_due (&eighteen, now, 1));

  /* Renewed: never due, assessed or not; any other renewal status still is. */
  for (XaRenewalStatus status = XA_RENEWAL_NONE; status <= XA_RENEWAL_DONE; status++)
    {
      thirty.renewal_status = status;
      thirty.assessment_grade = XA_GRADE_NONE;
      g_assert_cmpint (xa_metrics_elevator_assessment_due (&thirty, now, 3), ==,
                       status != XA_RENEWAL_DONE);
      thirty.assessment_grade = XA_GRADE_A;
      g_assert_cmpint (xa_metrics_elevator_assessment_due (&thirty, now, 3), ==,
                       status != XA_RENEWAL_DONE);
    }

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*reassessment_years*");
  g_assert_false (xa_metrics_elevator_assessment_due (&fifteen, now, 0));
  g_test_assert_expected_messages ();
}

/* An assessment with its date counts for the interval from that date, however old the lift:
 * a graded lift of 20 years assessed last year is not due (the grade alone would say it
 * lapsed at 18), one of 17 assessed at 14 is (the grade alone would say it counts to 18). */
static void
test_assessment_dated (void)
{
  gint64 now = xa_test_parse_time ("2025-07-01T00:00:00+08:00");
  XaElevator twenty = elevator ("2005-03-01");
  XaElevator seventeen = elevator ("2008-03-01");

  twenty.assessment_grade = XA_GRADE_B;
  twenty.assessed_on = (char *) "2024-06-30";
  g_assert_false (xa_metrics_elevator_assessment_due (&twenty, now, 3));
  g_assert_true (xa_metrics_elevator_assessment_due (&twenty, now, 1));
  /* Due from the interval's anniversary of the date on, not a day before. */
  twenty.assessed_on = (char *) "2022-07-02";
  g_assert_false (xa_metrics_elevator_assessment_due (&twenty, now, 3));
  twenty.assessed_on = (char *) "2022-07-01";
  g_assert_true (xa_metrics_elevator_assessment_due (&twenty, now, 3));

  seventeen.assessment_grade = XA_GRADE_A;
  g_assert_false (xa_metrics_elevator_assessment_due (&seventeen, now, 3));
  seventeen.assessed_on = (char *) "2022-03-01";
  g_assert_true (xa_metrics_elevator_assessment_due (&seventeen, now, 3));
  g_assert_false (xa_metrics_elevator_assessment_due (&seventeen, now, 5));
  /* A renewed lift is never due, dated or not. */
  seventeen.renewal_status = XA_RENEWAL_DONE;
  g_assert_false (xa_metrics_elevator_assessment_due (&seventeen, now, 3));
}

static void
test_oldest_elevator (void)
{
  gint64 now = xa_test_parse_time ("2025-06-01T12:00:00+08:00");
  XaElevator a = elevator ("2015-06-01");
  XaElevator b = elevator ("2005-06-01");
  XaElevator c = elevator ("2020-06-01");
  XaElevator bad = elevator ("not a date");
  const XaElevator *lifts[] = { &a, &bad, &b, &c };
  const XaElevator *only_bad[] = { &bad };

  g_assert_cmpfloat (xa_metrics_oldest_elevator_years (lifts, G_N_ELEMENTS (lifts), now), ==, 20.0);
  /* The first one only. */
  g_assert_cmpfloat (xa_metrics_oldest_elevator_years (lifts, 2, now), ==, 10.0);
  g_assert_true (isnan (xa_metrics_oldest_elevator_years (NULL, 0, now)));
  g_assert_true (isnan (xa_metrics_oldest_elevator_years (lifts, 0, now)));
  g_assert_true (isnan (xa_metrics_oldest_elevator_years (only_bad, 1, now)));
  g_assert_cmpint (xa_metrics_elevator_age_band (xa_metrics_oldest_elevator_years (NULL, 0, now),
                                                 NULL),
                   ==, XA_ELEVATOR_AGE_BAND_NO_ELEVATORS);
  g_assert_cmpint (xa_metrics_elevator_age_band (xa_metrics_oldest_elevator_years (lifts, 4, now),
                                                 NULL),
                   ==, XA_ELEVATOR_AGE_BAND_20_PLUS);
}

/* ---- Problems ---- */

static XaProblem
problem (XaProblemStatus status,
         XaProblemTier   tier,
         gint64          deadline)
{
  XaProblem p = { 0 };

  p.compound = (char *) "C1";
  p.status = status;
  p.tier = tier;
  p.deadline = deadline;
  return p;
}

static void
test_problems (void)
{
  gint64 now = xa_test_parse_time ("2025-07-01T12:00:00+08:00");
  XaProblem open_late = problem (XA_STATUS_OPEN, XA_TIER_ON_SITE, now - 1);
  XaProblem open_due_now = problem (XA_STATUS_OPEN, XA_TIER_ON_SITE, now);
  XaProblem working_late = problem (XA_STATUS_IN_PROGRESS, XA_TIER_CONSULTATION, now - 86400);
  XaProblem working = problem (XA_STATUS_IN_PROGRESS, XA_TIER_CITY, now + 86400);
  XaProblem resolved_late = problem (XA_STATUS_RESOLVED, XA_TIER_ON_SITE, now - 86400);
  XaProblem closed_city = problem (XA_STATUS_CLOSED, XA_TIER_CITY, now - 86400);
  XaProblem resolved_city = problem (XA_STATUS_RESOLVED, XA_TIER_CITY, now + 86400);
  const XaProblem *all[] = { &open_late, &open_due_now, &working_late, &working,
                             &resolved_late, &closed_city };
  const XaProblem *calm[] = { &open_due_now, &working, &resolved_late };
  guint open = 99, overdue = 99;

  g_assert_true (xa_metrics_problem_is_open (&open_late));
  g_assert_true (xa_metrics_problem_is_open (&working));
  g_assert_false (xa_metrics_problem_is_open (&resolved_late));
  g_assert_false (xa_metrics_problem_is_open (&closed_city));

  g_assert_true (xa_metrics_problem_is_overdue (&open_late, now));
  g_assert_true (xa_metrics_problem_is_overdue (&working_late, now));
  /* A deadline equal to now is not missed yet; one second later it is. */
  g_assert_false (xa_metrics_problem_is_overdue (&open_due_now, now));
  g_assert_true (xa_metrics_problem_is_overdue (&open_due_now, now + 1));
  g_assert_false (xa_metrics_problem_is_overdue (&working, now));
  /* Resolved work is never overdue, however late it was. */
  g_assert_false (xa_metrics_problem_is_overdue (&resolved_late, now));

  g_assert_true (xa_metrics_problem_solved_at_city_level (&closed_city));
  g_assert_true (xa_metrics_problem_solved_at_city_level (&resolved_city));
  g_assert_false (xa_metrics_problem_solved_at_city_level (&working));
  g_assert_false (xa_metrics_problem_solved_at_city_level (&resolved_late));

  xa_metrics_count_problems (all, G_N_ELEMENTS (all), now, &open, &overdue);
  g_assert_cmpuint (open, ==, 4);
  g_assert_cmpuint (overdue, ==, 2);
  g_assert_cmpint (xa_metrics_problem_band (open, overdue), ==, XA_PROBLEM_BAND_OVERDUE);

  xa_metrics_count_problems (calm, G_N_ELEMENTS (calm), now, &open, &overdue);
  g_assert_cmpuint (open, ==, 2);
  g_assert_cmpuint (overdue, ==, 0);
  g_assert_cmpint (xa_metrics_problem_band (open, overdue), ==, XA_PROBLEM_BAND_OPEN);

  /* Either out may be NULL. */
  xa_metrics_count_problems (all, G_N_ELEMENTS (all), now, NULL, &overdue);
  g_assert_cmpuint (overdue, ==, 2);
  xa_metrics_count_problems (all, G_N_ELEMENTS (all), now, &open, NULL);
  g_assert_cmpuint (open, ==, 4);

  xa_metrics_count_problems (NULL, 0, now, &open, &overdue);
  g_assert_cmpuint (open, ==, 0);
  g_assert_cmpuint (overdue, ==, 0);
  g_assert_cmpint (xa_metrics_problem_band (0, 0), ==, XA_PROBLEM_BAND_NONE);
  g_assert_cmpint (xa_metrics_problem_band (3, 1), ==, XA_PROBLEM_BAND_OVERDUE);
}

/* ---- Totals from hand-made records ---- */

static void
test_totals_accumulate (void)
{
  gint64 now = xa_test_parse_time ("2025-07-01T12:00:00+08:00");
  XaCompound c1 = { .id = (char *) "C1", .public_revenue_recorded = TRUE,
                    .special_account = TRUE, .supervised_fen = 14812500 };
  XaCompound c2 = { .id = (char *) "C2", .public_revenue_recorded = TRUE,
                    .special_account = FALSE, .supervised_fen = 5 };
  XaCompound c3 = { .id = (char *) "C3" };
  XaCompound c4 = { .id = (char *) "C4" };
  XaCharging ch1 = charging (100, 120);
  XaCharging ch2 = charging (0, 30);     /* ports but no e-bike count: still covered */
  XaCharging ch3 = charging (80, 0);     /* a record without ports: not covered */
  XaElevator old = elevator ("2010-07-01");   /* exactly 15 at midnight, 1 July */
  XaElevator young = elevator ("2010-07-02");
  XaElevator bad = elevator ("2010-02-30");
  XaElevator older = elevator ("2005-07-01");  /* exactly 20 */
  XaElevator renewed = elevator ("2005-07-02"); /* a day short of 20 */
  XaFloodCheck ready = flood_check (2025, TRUE, TRUE, TRUE, TRUE);
  XaFloodCheck three = flood_check (2025, TRUE, FALSE, TRUE, TRUE);
  XaFloodCheck last_year = flood_check (2024, TRUE, TRUE, TRUE, TRUE);
  XaProblem p_open = problem (XA_STATUS_OPEN, XA_TIER_ON_SITE, now - 1);
  XaProblem p_city1 = problem (XA_STATUS_RESOLVED, XA_TIER_CITY, now);
  XaProblem p_city2 = problem (XA_STATUS_CLOSED, XA_TIER_CITY, now);
  XaProblem p_working = problem (XA_STATUS_IN_PROGRESS, XA_TIER_CITY, now + 10);
  const XaProblem *c1_problems[] = { &p_open, &p_city1, &p_city2 };
  const XaProblem *c2_problems[] = { &p_working };
  XaTotals t = { 0 };
  XaTotals sum = { 0 };

  ready.drills_held = 3;
  ready.problems_fixed = 2;
  three.drills_held = 1;
  three.problems_fixed = 1;
  last_year.drills_held = 100;
  last_year.problems_fixed = 100;
  ch1.smart_ports = 100;

  g_assert_cmpfloat (xa_totals_charging_coverage (&t), ==, 0.0);

  xa_totals_add_compound (&t, &c1);
  xa_totals_add_compound (&t, &c2);
  xa_totals_add_compound (&t, &c3);
  xa_totals_add_compound (&t, &c4);
  g_assert_cmpuint (t.compounds, ==, 4);
  g_assert_cmpuint (t.public_revenue_recorded, ==, 2);
  g_assert_cmpuint (t.special_accounts, ==, 1);
  g_assert_cmpint (t.supervised_fen, ==, 14812505);

  xa_totals_add_charging (&t, &ch1);
  xa_totals_add_charging (&t, &ch2);
  xa_totals_add_charging (&t, &ch3);
  g_assert_cmpuint (t.compounds_with_charging, ==, 2);
  g_assert_cmpint (t.charging_ports, ==, 150);
  g_assert_cmpint (t.smart_ports, ==, 130);
  g_assert_cmpuint (t.registered_ebikes, ==, 180);
  g_assert_cmpfloat (xa_totals_charging_coverage (&t), ==, 50.0);

  xa_totals_add_elevator (&t, &old, xa_test_parse_time ("2025-07-01T00:00:00+08:00"),
                          XA_ELEVATOR_REASSESSMENT_DEFAULT);
  xa_totals_add_elevator (&t, &young, xa_test_parse_time ("2025-07-01T00:00:00+08:00"),
                          XA_ELEVATOR_REASSESSMENT_DEFAULT);
  xa_totals_add_elevator (&t, &bad, xa_test_parse_time ("2025-07-01T00:00:00+08:00"),
                          XA_ELEVATOR_REASSESSMENT_DEFAULT);
  g_assert_cmpuint (t.elevators, ==, 3);
  g_assert_cmpuint (t.elevators_assessment_due, ==, 1);
  g_assert_cmpuint (t.elevators_15_years, ==, 1);
  g_assert_cmpuint (t.elevators_20_years, ==, 0);

  /* The 20-year boundary, and renewal and funding counted whatever the age. */
  older.renewal_status = XA_RENEWAL_FUNDED;
  older.funding_source = XA_FUNDING_SPECIAL_BONDS;
  renewed.renewal_status = XA_RENEWAL_DONE;
  renewed.funding_source = XA_FUNDING_OWNERS;
  young.renewal_status = XA_RENEWAL_PROPOSED;
  xa_totals_add_elevator (&t, &older, xa_test_parse_time ("2025-07-01T00:00:00+08:00"),
                          XA_ELEVATOR_REASSESSMENT_DEFAULT);
  xa_totals_add_elevator (&t, &renewed, xa_test_parse_time ("2025-07-01T00:00:00+08:00"),
                          XA_ELEVATOR_REASSESSMENT_DEFAULT);
  g_assert_cmpuint (t.elevators, ==, 5);
  /* The renewed lift is no longer due, but still 15+ by its record's date. */
  g_assert_cmpuint (t.elevators_assessment_due, ==, 2);
  g_assert_cmpuint (t.elevators_15_years, ==, 3);
  g_assert_cmpuint (t.elevators_20_years, ==, 1);
  g_assert_cmpuint (t.elevators_by_renewal[XA_RENEWAL_NONE], ==, 3);
  g_assert_cmpuint (t.elevators_by_renewal[XA_RENEWAL_FUNDED], ==, 1);
  g_assert_cmpuint (t.elevators_by_renewal[XA_RENEWAL_DONE], ==, 1);
  g_assert_cmpuint (t.elevators_by_renewal[XA_RENEWAL_PROPOSED], ==, 0);
  g_assert_cmpuint (t.elevators_by_funding[XA_FUNDING_SPECIAL_BONDS], ==, 1);
  g_assert_cmpuint (t.elevators_by_funding[XA_FUNDING_OWNERS], ==, 1);
  g_assert_cmpuint (t.elevators_by_funding[XA_FUNDING_MAINTENANCE_FUND], ==, 0);
  g_assert_cmpuint (t.elevators_by_funding[XA_FUNDING_OTHER], ==, 0);

  xa_totals_add_flood_check (&t, &ready, 2025);
  xa_totals_add_flood_check (&t, &three, 2025);
  xa_totals_add_flood_check (&t, &last_year, 2025);
  g_assert_cmpuint (t.flood_inspected, ==, 2);
  g_assert_cmpuint (t.flood_ready, ==, 1);
  g_assert_cmpuint (t.drills_held, ==, 4);
  g_assert_cmpuint (t.flood_problems_fixed, ==, 3);

  /* Two city-level problems of one compound count it once; an unfinished one not at all. */
  xa_totals_add_compound_problems (&t, c1_problems, G_N_ELEMENTS (c1_problems), now);
  xa_totals_add_compound_problems (&t, c2_problems, G_N_ELEMENTS (c2_problems), now);
  xa_totals_add_compound_problems (&t, NULL, 0, now);
  g_assert_cmpuint (t.problems, ==, 4);
  g_assert_cmpuint (t.problems_resolved, ==, 2);
  g_assert_cmpuint (t.problems_open, ==, 2);
  g_assert_cmpuint (t.problems_overdue, ==, 1);
  g_assert_cmpuint (t.city_tier_compounds, ==, 1);
  g_assert_cmpuint (t.problems_by_tier[XA_TIER_ON_SITE], ==, 1);
  g_assert_cmpuint (t.problems_by_tier[XA_TIER_CONSULTATION], ==, 0);
  g_assert_cmpuint (t.problems_by_tier[XA_TIER_CITY], ==, 3);
  g_assert_cmpuint (t.problems_open_by_tier[XA_TIER_ON_SITE], ==, 1);
  g_assert_cmpuint (t.problems_open_by_tier[XA_TIER_CITY], ==, 1);

  /* A single problem never touches the per-compound figure. */
  xa_totals_add_problem (&t, &p_city1, now);
  g_assert_cmpuint (t.problems, ==, 5);
  g_assert_cmpuint (t.city_tier_compounds, ==, 1);

  xa_totals_add_totals (&sum, &t);
  xa_totals_add_totals (&sum, &t);
  g_assert_cmpuint (sum.compounds, ==, 8);
  g_assert_cmpint (sum.supervised_fen, ==, 2 * 14812505);
  g_assert_cmpuint (sum.registered_ebikes, ==, 360);
  g_assert_cmpuint (sum.elevators_assessment_due, ==, 4);
  g_assert_cmpuint (sum.flood_problems_fixed, ==, 6);
  g_assert_cmpuint (sum.problems_overdue, ==, 2);
  g_assert_cmpuint (sum.city_tier_compounds, ==, 2);
  g_assert_cmpuint (sum.elevators_15_years, ==, 6);
  g_assert_cmpuint (sum.elevators_20_years, ==, 2);
  g_assert_cmpuint (sum.elevators_by_renewal[XA_RENEWAL_NONE], ==, 6);
  g_assert_cmpuint (sum.elevators_by_funding[XA_FUNDING_OWNERS], ==, 2);
  g_assert_cmpuint (sum.problems_by_tier[XA_TIER_CITY], ==, 8);
  g_assert_cmpuint (sum.problems_open_by_tier[XA_TIER_ON_SITE], ==, 2);
  g_assert_cmpfloat (xa_totals_charging_coverage (&sum), ==, 50.0);
  /* 150 ports for 180 e-bikes. */
  g_assert_cmpfloat_with_epsilon (xa_totals_port_ratio (&sum), 300.0 / 360, 1e-12);
  /* One ready compound of four. */
  g_assert_cmpfloat (xa_totals_flood_ready_share (&t), ==, 25.0);
}

/* Ratios without a denominator: no e-bikes is "no data", no compounds is 0 %. */
static void
test_ratios_empty (void)
{
  XaTotals t = { .charging_ports = 10 };

  g_assert_true (isnan (xa_totals_port_ratio (&t)));
  g_assert_cmpfloat (xa_totals_flood_ready_share (&t), ==, 0.0);
  t.registered_ebikes = 4;
  g_assert_cmpfloat (xa_totals_port_ratio (&t), ==, 2.5);
}

static XaProblem
dated_problem (const char     *category,
               XaProblemStatus status,
               const char     *reported,
               const char     *resolved_or_NULL)
{
  XaProblem p = problem (status, XA_TIER_ON_SITE, xa_test_parse_time (reported) + 86400);

  p.category = (char *) category;
  p.reported_at = xa_test_parse_time (reported);
  p.resolved_at = resolved_or_NULL != NULL ? xa_test_parse_time (resolved_or_NULL) : 0;
  return p;
}

/* Categories sorted by code; months in UTC+8, the gaps between them filled with zeros. */
static void
test_breakdown (void)
{
  gint64 now = xa_test_parse_time ("2025-05-01T12:00:00+08:00");
  g_autoptr(XaProblemBreakdown) breakdown = xa_problem_breakdown_new ();
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GArray) last_two = NULL;
  /* 2025-01-31T20:00 UTC is 1 February in UTC+8. */
  XaProblem january = dated_problem ("WATER-02", XA_STATUS_RESOLVED, "2025-01-05T09:00:00+08:00",
                                     "2025-02-01T04:00:00+08:00");
  XaProblem february = dated_problem ("FLOOD-01", XA_STATUS_OPEN, "2025-01-31T20:00:00+00:00",
                                      NULL);
  XaProblem april = dated_problem ("FLOOD-01", XA_STATUS_CLOSED, "2025-04-02T09:00:00+08:00",
                                   "2025-04-30T23:59:00+08:00");
  /* Resolved without its date (an old store): counted, but in no month's resolutions. */
  XaProblem undated = dated_problem ("FLOOD-01", XA_STATUS_RESOLVED,
                                     "2025-04-03T09:00:00+08:00", NULL);
  XaMonthCount *m;
  XaCategoryCount *c;

  xa_problem_breakdown_add (breakdown, &january, now);
  xa_problem_breakdown_add (breakdown, &february, now);
  xa_problem_breakdown_add (breakdown, &april, now);
  xa_problem_breakdown_add (breakdown, &undated, now);

  categories = xa_problem_breakdown_categories (breakdown);
  g_assert_cmpuint (categories->len, ==, 2);
  c = g_ptr_array_index (categories, 0);
  g_assert_cmpstr (c->category, ==, "FLOOD-01");
  g_assert_cmpuint (c->problems, ==, 3);
  g_assert_cmpuint (c->open, ==, 1);
  g_assert_cmpuint (c->resolved, ==, 2);
  g_assert_cmpuint (c->overdue, ==, 1);
  c = g_ptr_array_index (categories, 1);
  g_assert_cmpstr (c->category, ==, "WATER-02");
  g_assert_cmpuint (c->problems, ==, 1);
  g_assert_cmpuint (c->resolved, ==, 1);
  g_assert_cmpuint (c->overdue, ==, 0);

  months = xa_problem_breakdown_months (breakdown, 0);
  g_assert_cmpuint (months->len, ==, 4);
  m = &g_array_index (months, XaMonthCount, 0);
  g_assert_cmpint (m->year, ==, 2025);
  g_assert_cmpint (m->month, ==, 1);
  g_assert_cmpuint (m->opened, ==, 1);
  g_assert_cmpuint (m->resolved, ==, 0);
  m = &g_array_index (months, XaMonthCount, 1);
  g_assert_cmpint (m->month, ==, 2);
  g_assert_cmpuint (m->opened, ==, 1);
  g_assert_cmpuint (m->resolved, ==, 1);
  m = &g_array_index (months, XaMonthCount, 2);
  g_assert_cmpint (m->month, ==, 3);
  g_assert_cmpuint (m->opened, ==, 0);
  g_assert_cmpuint (m->resolved, ==, 0);
  m = &g_array_index (months, XaMonthCount, 3);
  g_assert_cmpint (m->month, ==, 4);
  g_assert_cmpuint (m->opened, ==, 2);
  g_assert_cmpuint (m->resolved, ==, 1);

  last_two = xa_problem_breakdown_months (breakdown, 2);
  g_assert_cmpuint (last_two->len, ==, 2);
  g_assert_cmpint (g_array_index (last_two, XaMonthCount, 0).month, ==, 3);
  g_assert_cmpint (g_array_index (last_two, XaMonthCount, 1).month, ==, 4);
}

static void
test_coverage (void)
{
  XaTotals t = { .compounds = 3490, .compounds_with_charging = 3197 };
  XaTotals none = { 0 };
  XaTotals all = { .compounds = 7, .compounds_with_charging = 7 };

  /* The city's reported figure: 91.6 %. */
  g_assert_cmpfloat_with_epsilon (xa_totals_charging_coverage (&t), 91.604, 0.001);
  g_assert_cmpfloat (xa_totals_charging_coverage (&none), ==, 0.0);
  g_assert_cmpfloat (xa_totals_charging_coverage (&all), ==, 100.0);
}

/* ---- Money ---- */

static void
test_fen_as_yuan (void)
{
  static const struct
  {
    gint64      fen;
    const char *yuan;
  } cases[] = {
    { 0, "0.00" },
    { 5, "0.05" },
    { 10, "0.10" },
    { 100, "1.00" },
    { 99999, "999.99" },
    { 100000, "1,000.00" },
    { 4017840, "40,178.40" },
    { 14812500, "148,125.00" },
    { 3693230000, "36,932,300.00" },
    { 100000000000, "1,000,000,000.00" },
    { -5, "-0.05" },
    { -100, "-1.00" },
    { -123456789, "-1,234,567.89" },
    { G_MAXINT64, "92,233,720,368,547,758.07" },
    { G_MININT64, "-92,233,720,368,547,758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = xa_format_fen_as_yuan (cases[i].fen);

      g_assert_cmpstr (text, ==, cases[i].yuan);
    }
}

/* ---- Totals from a store ---- */

/* Each record as one change of the feed; @seq numbers them in order. */
static void
add_change (GString    *page,
            int        *seq,
            const char *type,
            const char *id,
            const char *data)
{
  g_string_append_printf (page, "%s{\"seq\": %d, \"type\": \"%s\", \"id\": \"%s\", "
                          "\"version\": 1, \"data\": %s}",
                          *seq == 1 ? "" : ",\n", *seq, type, id, data);
  (*seq)++;
}

static void
add_district (GString    *page,
              int        *seq,
              const char *code,
              const char *name)
{
  g_autofree char *data = g_strdup_printf ("{\"code\": \"%s\", \"name\": \"%s\", "
                                           "\"lat\": 35.05, \"lon\": 118.35}", code, name);
  add_change (page, seq, "district", code, data);
}

static void
add_compound (GString    *page,
              int        *seq,
              const char *id,
              const char *district,
              gboolean    recorded,
              gboolean    account,
              gint64      fen)
{
  g_autofree char *data = g_strdup_printf (
    "{\"name\": \"小区%s\", \"district\": \"%s\", \"subdistrict\": \"街道\", "
    "\"community\": \"社区\", \"address\": \"地址\", \"lat\": 35.05, \"lon\": 118.35, "
    "\"kind\": \"residential\", \"buildings\": 3, \"households\": 100, "
    "\"owners_committee\": false, \"public_revenue_recorded\": %s, "
    "\"special_account\": %s, \"supervised_fen\": %" G_GINT64_FORMAT "}",
    id, district, recorded ? "true" : "false", account ? "true" : "false", fen);
  add_change (page, seq, "compound", id, data);
}

static void
add_charging (GString    *page,
              int        *seq,
              const char *id,
              const char *compound,
              int         ebikes,
              int         ports,
              int         smart)
{
  g_autofree char *data = g_strdup_printf (
    "{\"compound\": \"%s\", \"registered_ebikes\": %d, \"ports\": %d, \"smart_ports\": %d, "
    "\"sheds\": 1, \"outside_sites\": 0}", compound, ebikes, ports, smart);
  add_change (page, seq, "charging", id, data);
}

static void
add_elevator (GString    *page,
              int        *seq,
              const char *id,
              const char *compound,
              const char *commissioned)
{
  g_autofree char *data = g_strdup_printf (
    "{\"compound\": \"%s\", \"building\": \"1号楼\", \"unit\": \"1单元\", "
    "\"registration_code\": \"R-%s\", \"maker\": \"M\", \"model\": \"X\", "
    "\"commissioned\": \"%s\", \"faults_12m\": 0, \"entrapments_12m\": 0, "
    "\"renewal_status\": \"none\"}", compound, id, commissioned);
  add_change (page, seq, "elevator", id, data);
}

static void
add_flood_check (GString    *page,
                 int        *seq,
                 const char *id,
                 const char *compound,
                 int         season,
                 int         n_in_place,
                 int         drills,
                 int         fixed)
{
  g_autofree char *data = g_strdup_printf (
    "{\"compound\": \"%s\", \"season\": %d, "
    "\"supplies\": {\"in_place\": %s}, \"personnel\": {\"in_place\": %s}, "
    "\"plan\": {\"in_place\": %s}, \"drill\": {\"in_place\": %s}, "
    "\"drills_held\": %d, \"pumps\": 1, \"sandbags\": 50, \"low_lying_spots\": 0, "
    "\"problems_found\": %d, \"problems_fixed\": %d, "
    "\"inspected_at\": \"%d-05-20T09:30:00+08:00\", \"inspected_by\": \"王伟\"}",
    compound, season,
    n_in_place > 0 ? "true" : "false", n_in_place > 1 ? "true" : "false",
    n_in_place > 2 ? "true" : "false", n_in_place > 3 ? "true" : "false",
    drills, fixed, fixed, season);
  add_change (page, seq, "flood_check", id, data);
}

static void
add_problem (GString    *page,
             int        *seq,
             const char *id,
             const char *compound,
             const char *status,
             const char *tier,
             const char *deadline)
{
  gboolean done = g_str_equal (status, "resolved") || g_str_equal (status, "closed");
  g_autofree char *data = g_strdup_printf (
    "{\"compound\": \"%s\", \"category\": \"FLOOD-01\", \"source\": \"inspection\", "
    "\"title\": \"积水\", \"reported_at\": \"2025-06-01T08:00:00+08:00\", "
    "\"deadline\": \"%s\", \"status\": \"%s\", \"tier\": \"%s\", "
    "\"responsible_party\": \"区住建局\"%s}",
    compound, deadline, status, tier,
    done ? ", \"resolved_at\": \"2025-06-10T08:00:00+08:00\"" : "");
  add_change (page, seq, "problem", id, data);
}

/* Three districts (one without compounds), compounds in two of them, and records chosen
 * so that each total differs between the city and each district. */
static char *
city_page (void)
{
  GString *page = g_string_new ("[");
  int seq = 1;

  /* Out of code order, so that the by-district rows must be sorted. */
  add_district (page, &seq, "371329", "临沭县");
  add_district (page, &seq, "371311", "罗庄区");
  add_district (page, &seq, "371325", "费县");
  add_district (page, &seq, "371312", "河东区");
  add_district (page, &seq, "371302", "兰山区");
  add_district (page, &seq, "371321", "沂南县");
  add_change (page, &seq, "category", "FLOOD-01",
              "{\"code\": \"FLOOD-01\", \"name_zh\": \"防汛\", \"name_en\": \"Flooding\", "
              "\"key_action\": \"flood_prevention\"}");

  add_compound (page, &seq, "C1", "371302", TRUE, TRUE, 14812500);
  add_compound (page, &seq, "C2", "371302", TRUE, FALSE, 17);
  add_compound (page, &seq, "C3", "371311", FALSE, FALSE, 3693230000);

  add_charging (page, &seq, "CH1", "C1", 100, 120, 100);
  add_charging (page, &seq, "CH2", "C2", 60, 0, 0);
  add_charging (page, &seq, "CH3", "C3", 0, 40, 10);

  add_elevator (page, &seq, "E1", "C1", "2005-03-01");   /* 20 years: due */
  add_elevator (page, &seq, "E2", "C1", "2015-01-01");   /* 10 years */
  add_elevator (page, &seq, "E3", "C3", "2010-07-01");   /* exactly 15 on "now": due */
  add_elevator (page, &seq, "E4", "C3", "2010-07-02");   /* a day short of 15 */

  add_flood_check (page, &seq, "F1", "C1", 2025, 4, 3, 2);
  add_flood_check (page, &seq, "F2", "C2", 2025, 3, 1, 1);
  add_flood_check (page, &seq, "F3", "C3", 2024, 4, 50, 40);  /* last season: ignored */
  add_flood_check (page, &seq, "F4", "C3", 2025, 2, 2, 0);

  add_problem (page, &seq, "P1", "C1", "open", "on_site", "2025-06-30T18:00:00+08:00");
  add_problem (page, &seq, "P2", "C1", "in_progress", "consultation", "2025-07-10T18:00:00+08:00");
  add_problem (page, &seq, "P3", "C1", "resolved", "city", "2025-06-20T18:00:00+08:00");
  add_problem (page, &seq, "P4", "C1", "closed", "city", "2025-06-20T18:00:00+08:00");
  add_problem (page, &seq, "P5", "C3", "resolved", "city", "2025-06-20T18:00:00+08:00");
  add_problem (page, &seq, "P6", "C2", "open", "on_site", "2025-07-01T00:00:00+08:00");
  add_problem (page, &seq, "P7", "C3", "closed", "on_site", "2025-06-20T18:00:00+08:00");
  add_problem (page, &seq, "P8", "C3", "in_progress", "city", "2025-06-25T18:00:00+08:00");

  g_string_append (page, "]");
  return g_string_free (page, FALSE);
}

static XaStore *
open_city_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = xa_test_path ("store");
  g_autofree char *json = city_page ();
  g_autoptr(GPtrArray) changes = xa_test_parse_changes (json);
  XaStore *store = xa_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (xa_store_apply_page (store, SERVER, changes, "c1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (xa_store_count (store, XA_RECORD_PROBLEM), ==, 8);
  return store;
}

/* @t holds every figure of @expected. */
static void
assert_totals (const XaTotals *t,
               const XaTotals *expected)
{
  g_assert_cmpuint (t->compounds, ==, expected->compounds);
  g_assert_cmpuint (t->public_revenue_recorded, ==, expected->public_revenue_recorded);
  g_assert_cmpuint (t->special_accounts, ==, expected->special_accounts);
  g_assert_cmpint (t->supervised_fen, ==, expected->supervised_fen);
  g_assert_cmpuint (t->compounds_with_charging, ==, expected->compounds_with_charging);
  g_assert_cmpint (t->charging_ports, ==, expected->charging_ports);
  g_assert_cmpint (t->smart_ports, ==, expected->smart_ports);
  g_assert_cmpuint (t->registered_ebikes, ==, expected->registered_ebikes);
  g_assert_cmpuint (t->elevators, ==, expected->elevators);
  g_assert_cmpuint (t->elevators_assessment_due, ==, expected->elevators_assessment_due);
  g_assert_cmpuint (t->flood_inspected, ==, expected->flood_inspected);
  g_assert_cmpuint (t->flood_ready, ==, expected->flood_ready);
  g_assert_cmpuint (t->drills_held, ==, expected->drills_held);
  g_assert_cmpuint (t->flood_problems_fixed, ==, expected->flood_problems_fixed);
  g_assert_cmpuint (t->problems, ==, expected->problems);
  g_assert_cmpuint (t->problems_resolved, ==, expected->problems_resolved);
  g_assert_cmpuint (t->problems_open, ==, expected->problems_open);
  g_assert_cmpuint (t->problems_overdue, ==, expected->problems_overdue);
  g_assert_cmpuint (t->city_tier_compounds, ==, expected->city_tier_compounds);
  g_assert_cmpuint (t->elevators_15_years, ==, expected->elevators_15_years);
  g_assert_cmpuint (t->elevators_20_years, ==, expected->elevators_20_years);
  for (guint i = 0; i < XA_N_RENEWAL_STATUSES; i++)
    g_assert_cmpuint (t->elevators_by_renewal[i], ==, expected->elevators_by_renewal[i]);
  for (guint i = 0; i < XA_N_FUNDING_SOURCES; i++)
    g_assert_cmpuint (t->elevators_by_funding[i], ==, expected->elevators_by_funding[i]);
  for (guint i = 0; i < XA_N_PROBLEM_TIERS; i++)
    {
      g_assert_cmpuint (t->problems_by_tier[i], ==, expected->problems_by_tier[i]);
      g_assert_cmpuint (t->problems_open_by_tier[i], ==, expected->problems_open_by_tier[i]);
    }
}

static void
assert_lanshan (const XaTotals *t)
{
  static const XaTotals expected = {
    .compounds = 2, .public_revenue_recorded = 2, .special_accounts = 1, .supervised_fen = 14812517,
    .compounds_with_charging = 1, .charging_ports = 120, .smart_ports = 100,
    .registered_ebikes = 160, .elevators = 2, .elevators_assessment_due = 1, .flood_inspected = 2,
    .flood_ready = 1, .drills_held = 4, .flood_problems_fixed = 3, .problems = 5,
    .problems_resolved = 2, .problems_open = 3,
    /* P1 is late; P6's deadline is exactly now, so not yet. */
    .problems_overdue = 1, .city_tier_compounds = 1,
    /* E1 is 20, E2 10. */
    .elevators_15_years = 1, .elevators_20_years = 1, .elevators_by_renewal = { 2 },
    /* P1, P6 on site; P2 consultation; P3, P4 city. */
    .problems_by_tier = { 2, 1, 2 }, .problems_open_by_tier = { 2, 1, 0 },
  };

  assert_totals (t, &expected);
  g_assert_cmpfloat (xa_totals_charging_coverage (t), ==, 50.0);
  g_assert_cmpfloat (xa_totals_port_ratio (t), ==, 120.0 / 160);
  g_assert_cmpfloat (xa_totals_flood_ready_share (t), ==, 50.0);
}

static void
assert_luozhuang (const XaTotals *t)
{
  static const XaTotals expected = {
    .compounds = 1, .public_revenue_recorded = 0, .special_accounts = 0,
    .supervised_fen = 3693230000, .compounds_with_charging = 1, .charging_ports = 40,
    .smart_ports = 10, .registered_ebikes = 0, .elevators = 2, .elevators_assessment_due = 1,
    .flood_inspected = 1, .flood_ready = 0, .drills_held = 2, .flood_problems_fixed = 0,
    .problems = 3, .problems_resolved = 2, .problems_open = 1, .problems_overdue = 1,
    .city_tier_compounds = 1,
    /* E3 exactly 15, E4 a day short. */
    .elevators_15_years = 1, .elevators_20_years = 0, .elevators_by_renewal = { 2 },
    /* P7 on site; P5, P8 city. */
    .problems_by_tier = { 1, 0, 2 }, .problems_open_by_tier = { 0, 0, 1 },
  };

  assert_totals (t, &expected);
  g_assert_cmpfloat (xa_totals_charging_coverage (t), ==, 100.0);
  /* 40 ports and no e-bike registered: no ratio. */
  g_assert_true (isnan (xa_totals_port_ratio (t)));
  g_assert_cmpfloat (xa_totals_flood_ready_share (t), ==, 0.0);
}

static void
assert_city (const XaTotals *t)
{
  static const XaTotals expected = {
    .compounds = 3, .public_revenue_recorded = 2, .special_accounts = 1,
    .supervised_fen = 14812517 + G_GINT64_CONSTANT (3693230000), .compounds_with_charging = 2,
    .charging_ports = 160, .smart_ports = 110, .registered_ebikes = 160, .elevators = 4,
    .elevators_assessment_due = 2, .flood_inspected = 3, .flood_ready = 1, .drills_held = 6,
    .flood_problems_fixed = 3, .problems = 8, .problems_resolved = 4, .problems_open = 4,
    .problems_overdue = 2, .city_tier_compounds = 2,
    .elevators_15_years = 2, .elevators_20_years = 1, .elevators_by_renewal = { 4 },
    .problems_by_tier = { 3, 1, 4 }, .problems_open_by_tier = { 2, 1, 1 },
  };

  assert_totals (t, &expected);
  g_assert_cmpfloat (xa_totals_port_ratio (t), ==, 160.0 / 160);
  g_assert_cmpfloat_with_epsilon (xa_totals_charging_coverage (t), 200.0 / 3, 1e-9);
}

static void
test_store_totals (void)
{
  g_autoptr(XaStore) store = open_city_store ();
  g_autoptr(GError) error = NULL;
  gint64 now = xa_test_parse_time ("2025-07-01T00:00:00+08:00");
  XaTotals city, lanshan, luozhuang, feixian, last_season;
  XaTotals unknown = { .compounds = 99 };

  g_assert_true (xa_totals_compute (store, NULL, 2025, now, XA_ELEVATOR_REASSESSMENT_DEFAULT,
                                    &city, &error));
  g_assert_no_error (error);
  assert_city (&city);

  /* The breakdown counts the very problems of the totals: the district's only. */
  {
    g_autoptr(XaProblemBreakdown) breakdown = xa_problem_breakdown_new ();
    g_autoptr(GPtrArray) categories = NULL;
    g_autoptr(GArray) months = NULL;
    XaCategoryCount *category;
    XaMonthCount *month;

    g_assert_true (xa_totals_compute_breakdown (store, "371311", 2025, now,
                                                XA_ELEVATOR_REASSESSMENT_DEFAULT,
                                                &luozhuang, breakdown, &error));
    g_assert_no_error (error);
    assert_luozhuang (&luozhuang);
    categories = xa_problem_breakdown_categories (breakdown);
    g_assert_cmpuint (categories->len, ==, 1);
    category = g_ptr_array_index (categories, 0);
    g_assert_cmpstr (category->category, ==, "FLOOD-01");
    g_assert_cmpuint (category->problems, ==, 3);
    g_assert_cmpuint (category->resolved, ==, 2);
    g_assert_cmpuint (category->open, ==, 1);
    g_assert_cmpuint (category->overdue, ==, 1);
    months = xa_problem_breakdown_months (breakdown, 12);
    g_assert_cmpuint (months->len, ==, 1);
    month = &g_array_index (months, XaMonthCount, 0);
    g_assert_cmpint (month->year, ==, 2025);
    g_assert_cmpint (month->month, ==, 6);
    g_assert_cmpuint (month->opened, ==, 3);
    g_assert_cmpuint (month->resolved, ==, 2);
  }

  g_assert_true (xa_totals_compute (store, "371302", 2025, now, XA_ELEVATOR_REASSESSMENT_DEFAULT,
                                    &lanshan, &error));
  g_assert_no_error (error);
  assert_lanshan (&lanshan);

  g_assert_true (xa_totals_compute (store, "371311", 2025, now, XA_ELEVATOR_REASSESSMENT_DEFAULT,
                                    &luozhuang, &error));
  g_assert_no_error (error);
  assert_luozhuang (&luozhuang);

  /* A stored district without compounds: zeros, not an error. */
  g_assert_true (xa_totals_compute (store, "371325", 2025, now, XA_ELEVATOR_REASSESSMENT_DEFAULT,
                                    &feixian, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (feixian.compounds, ==, 0);
  g_assert_cmpuint (feixian.problems, ==, 0);
  g_assert_cmpfloat (xa_totals_charging_coverage (&feixian), ==, 0.0);

  /* Another season changes only the flood figures. */
  g_assert_true (xa_totals_compute (store, "371311", 2024, now, XA_ELEVATOR_REASSESSMENT_DEFAULT,
                                    &last_season, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last_season.flood_inspected, ==, 1);
  g_assert_cmpuint (last_season.flood_ready, ==, 1);
  g_assert_cmpuint (last_season.drills_held, ==, 50);
  g_assert_cmpuint (last_season.flood_problems_fixed, ==, 40);
  g_assert_cmpuint (last_season.problems, ==, 3);

  /* A mistyped code is an error, and leaves the output zeroed. */
  g_assert_false (xa_totals_compute (store, "37130", 2025, now, XA_ELEVATOR_REASSESSMENT_DEFAULT,
                                    &unknown, &error));
  g_assert_error (error, XA_METRICS_ERROR, XA_METRICS_ERROR_UNKNOWN_DISTRICT);
  g_assert_nonnull (strstr (error->message, "37130"));
  g_assert_cmpuint (unknown.compounds, ==, 0);
}

static void
test_store_totals_later (void)
{
  g_autoptr(XaStore) store = open_city_store ();
  g_autoptr(GError) error = NULL;
  XaTotals city;

  /* Ten days later E4 is 15 as well, and P2's and P6's deadlines have passed. */
  g_assert_true (xa_totals_compute (store, NULL, 2025,
                                    xa_test_parse_time ("2025-07-11T00:00:00+08:00"),
                                    XA_ELEVATOR_REASSESSMENT_DEFAULT, &city, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (city.elevators_assessment_due, ==, 3);
  g_assert_cmpuint (city.problems_overdue, ==, 4);
  g_assert_cmpuint (city.problems_open, ==, 4);
}

static void
test_store_by_district (void)
{
  g_autoptr(XaStore) store = open_city_store ();
  g_autoptr(GError) error = NULL;
  gint64 now = xa_test_parse_time ("2025-07-01T00:00:00+08:00");
  g_autoptr(GPtrArray) rows = xa_totals_compute_by_district (store, 2025, now,
                                                             XA_ELEVATOR_REASSESSMENT_DEFAULT,
                                                             &error);
  XaDistrictTotals *row;
  XaTotals sum = { 0 };

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, 6);

  for (guint i = 0; i < rows->len; i++)
    {
      row = g_ptr_array_index (rows, i);
      if (i > 0)
        g_assert_cmpstr (((XaDistrictTotals *) g_ptr_array_index (rows, i - 1))->code, <,
                         row->code);
      xa_totals_add_totals (&sum, &row->totals);
    }

  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->code, ==, "371302");
  g_assert_cmpstr (row->name, ==, "兰山区");
  assert_lanshan (&row->totals);

  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row->code, ==, "371311");
  g_assert_cmpstr (row->name, ==, "罗庄区");
  assert_luozhuang (&row->totals);

  /* Districts without compounds are there, with zeros. */
  row = g_ptr_array_index (rows, 4);
  g_assert_cmpstr (row->code, ==, "371325");
  g_assert_cmpstr (row->name, ==, "费县");
  g_assert_cmpuint (row->totals.compounds, ==, 0);
  g_assert_cmpuint (row->totals.elevators, ==, 0);
  g_assert_cmpuint (row->totals.problems, ==, 0);

  /* The districts add up to the city. */
  assert_city (&sum);
}

/* Each compound's own totals: one compound each, and they add up to their district's and to
 * the city's, so a figure's list holds the compounds that make the figure. */
static void
test_store_by_compound (void)
{
  g_autoptr(XaStore) store = open_city_store ();
  g_autoptr(GError) error = NULL;
  gint64 now = xa_test_parse_time ("2025-07-01T00:00:00+08:00");
  g_autoptr(GHashTable) city = xa_totals_compute_by_compound (
    store, NULL, 2025, now, XA_ELEVATOR_REASSESSMENT_DEFAULT, &error);
  g_autoptr(GHashTable) luozhuang = NULL;
  g_autoptr(GHashTable) unknown = NULL;
  XaTotals sum = { 0 };
  GHashTableIter iter;
  gpointer value;

  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (city), ==, 3);
  g_hash_table_iter_init (&iter, city);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_assert_cmpuint (((XaTotals *) value)->compounds, ==, 1);
      xa_totals_add_totals (&sum, value);
    }
  assert_city (&sum);

  luozhuang = xa_totals_compute_by_compound (store, "371311", 2025, now,
                                             XA_ELEVATOR_REASSESSMENT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (luozhuang), ==, 1);
  g_hash_table_iter_init (&iter, luozhuang);
  g_assert_true (g_hash_table_iter_next (&iter, NULL, &value));
  assert_luozhuang (value);

  unknown = xa_totals_compute_by_compound (store, "37130", 2025, now,
                                           XA_ELEVATOR_REASSESSMENT_DEFAULT, &error);
  g_assert_null (unknown);
  g_assert_error (error, XA_METRICS_ERROR, XA_METRICS_ERROR_UNKNOWN_DISTRICT);
}

static void
test_store_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = xa_test_path ("empty");
  g_autoptr(XaStore) store = xa_store_open (path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  XaTotals city = { .compounds = 5 };

  g_assert_no_error (error);
  g_assert_true (xa_totals_compute (store, NULL, 2025, 0, XA_ELEVATOR_REASSESSMENT_DEFAULT,
                                    &city, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (city.compounds, ==, 0);
  g_assert_cmpuint (city.problems, ==, 0);
  g_assert_cmpfloat (xa_totals_charging_coverage (&city), ==, 0.0);

  rows = xa_totals_compute_by_district (store, 2025, 0, XA_ELEVATOR_REASSESSMENT_DEFAULT,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  g_test_add_func ("/metrics/flood", test_flood);
  g_test_add_func ("/metrics/flood-check-replaces", test_flood_check_replaces);
  g_test_add_func ("/metrics/charging", test_charging);
  g_test_add_func ("/metrics/elevator-years", test_elevator_years);
  g_test_add_func ("/metrics/elevator-band", test_elevator_band);
  g_test_add_func ("/metrics/assessment-due", test_assessment_due);
  g_test_add_func ("/metrics/assessment-dated", test_assessment_dated);
  g_test_add_func ("/metrics/oldest-elevator", test_oldest_elevator);
  g_test_add_func ("/metrics/problems", test_problems);
  g_test_add_func ("/metrics/totals-accumulate", test_totals_accumulate);
  g_test_add_func ("/metrics/coverage", test_coverage);
  g_test_add_func ("/metrics/ratios-empty", test_ratios_empty);
  g_test_add_func ("/metrics/breakdown", test_breakdown);
  g_test_add_func ("/metrics/fen-as-yuan", test_fen_as_yuan);
  g_test_add_func ("/metrics/store-totals", test_store_totals);
  g_test_add_func ("/metrics/store-totals-later", test_store_totals_later);
  g_test_add_func ("/metrics/store-by-district", test_store_by_district);
  g_test_add_func ("/metrics/store-by-compound", test_store_by_compound);
  g_test_add_func ("/metrics/store-empty", test_store_empty);

  return g_test_run ();
}
