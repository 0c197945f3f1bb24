/* xa-metrics.c — see xa-metrics.h. The overlay bands and the dashboard totals are defined
 * here once; the map layer, the dashboard, the CLI and the exports only read them. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "xa-metrics.h"

G_DEFINE_QUARK (xa-metrics-error-quark, xa_metrics_error)

/* A ratio this close under the target meets it: 7 ports for 10 e-bikes against a 0.7
 * target must not fall short by a rounding error of the division. */
#define RATIO_EPSILON 1e-9

/* ---- Flood readiness ---- */

int
xa_metrics_current_season (gint64 now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);

  /* Outside GDateTime's years 1 … 9999 the clock is broken. */
  g_return_val_if_fail (utc != NULL, 0);
  return xa_calendar_year (now);
}

int
xa_metrics_flood_items_in_place (const XaFloodCheck *check)
{
  int n = 0;

  g_return_val_if_fail (check != NULL, 0);

  for (guint i = 0; i < XA_N_FLOOD_ITEMS; i++)
    if (check->items[i].in_place)
      n++;
  return n;
}

XaFloodBand
xa_metrics_flood_band (const XaFloodCheck *check_or_NULL,
                       int                 season)
{
  int n;

  if (check_or_NULL == NULL || check_or_NULL->season != season)
    return XA_FLOOD_BAND_NOT_INSPECTED;

  n = xa_metrics_flood_items_in_place (check_or_NULL);
  if (n >= XA_N_FLOOD_ITEMS)
    return XA_FLOOD_BAND_READY;
  if (n == XA_N_FLOOD_ITEMS - 1)
    return XA_FLOOD_BAND_THREE;
  return XA_FLOOD_BAND_TWO_OR_LESS;
}

gboolean
xa_metrics_flood_check_replaces (const XaFloodCheck *check,
                                 int                 season,
                                 gint64              chosen_inspected_at)
{
  g_return_val_if_fail (check != NULL, FALSE);

  if (check->season != season)
    return FALSE;
  /* Strictly later: a check inspected at the same time as the one chosen comes later in id
   * order and leaves it. */
  return chosen_inspected_at == XA_METRICS_NO_FLOOD_CHECK
         || check->inspected_at > chosen_inspected_at;
}

/* ---- Charging ---- */

double
xa_metrics_charging_ratio (const XaCharging *charging_or_NULL)
{
  if (charging_or_NULL == NULL || charging_or_NULL->registered_ebikes <= 0)
    return NAN;
  return (double) charging_or_NULL->ports / (double) charging_or_NULL->registered_ebikes;
}

XaChargingBand
xa_metrics_charging_band (const XaCharging *charging_or_NULL,
                          double            target)
{
  double ratio;

  g_return_val_if_fail (isfinite (target) && target > 0, XA_CHARGING_BAND_NO_DATA);

  ratio = xa_metrics_charging_ratio (charging_or_NULL);
  if (isnan (ratio))
    return XA_CHARGING_BAND_NO_DATA;
  if (ratio >= target - RATIO_EPSILON)
    return XA_CHARGING_BAND_MEETS_TARGET;
  if (ratio >= target / 2 - RATIO_EPSILON)
    return XA_CHARGING_BAND_HALF_OR_MORE;
  return XA_CHARGING_BAND_BELOW_HALF;
}

/* ---- Elevator age ---- */

XaElevatorThresholds
xa_elevator_thresholds_default (void)
{
  return (XaElevatorThresholds) { .low = 10.0, .mid = 15.0, .high = 20.0 };
}

gboolean
xa_elevator_thresholds_valid (const XaElevatorThresholds *thresholds)
{
  if (thresholds == NULL)
    return FALSE;
  return isfinite (thresholds->low) && isfinite (thresholds->mid) && isfinite (thresholds->high) &&
         thresholds->low >= 0 && thresholds->low <= thresholds->mid &&
         thresholds->mid <= thresholds->high;
}

/* @start moved on by @years; GDate clamps 29 February to the 28th in common years, so
 * a lift commissioned on a leap day has its anniversary on the 28th. */
static void
anniversary (const GDate *start,
             int          years,
             GDate       *out)
{
  *out = *start;
  g_date_add_years (out, years);
}

double
xa_metrics_elevator_years (const XaElevator *elevator,
                           gint64            now)
{
  GDate commissioned, today, last, next;
  int full;

  g_return_val_if_fail (elevator != NULL, NAN);

  g_date_clear (&commissioned, 1);
  if (!xa_parse_date (elevator->commissioned, &commissioned))
    return NAN;
  /* Dates before 1900 or after 9999 mean a broken clock, and would leave GDate's range. */
  if (now < G_GINT64_CONSTANT (-2208988800) || now > G_GINT64_CONSTANT (253402300799))
    return NAN;
  xa_calendar_date (now, &today);
  if (g_date_compare (&commissioned, &today) >= 0)
    return 0.0;

  /* Whole years by anniversaries, so the 15th anniversary is exactly 15.0 and not a day
   * early or late as dividing days by 365.25 would make it. */
  full = g_date_get_year (&today) - g_date_get_year (&commissioned);
  anniversary (&commissioned, full, &last);
  if (g_date_compare (&last, &today) > 0)
    anniversary (&commissioned, --full, &last);
  anniversary (&commissioned, full + 1, &next);

  return full + (double) g_date_days_between (&last, &today) /
                (double) g_date_days_between (&last, &next);
}

double
xa_metrics_oldest_elevator_years (const XaElevator * const *elevators,
                                  guint                     n,
                                  gint64                    now)
{
  double oldest = NAN;

  g_return_val_if_fail (elevators != NULL || n == 0, NAN);

  for (guint i = 0; i < n; i++)
    {
      double years;

      if (elevators[i] == NULL)
        continue;
      years = xa_metrics_elevator_years (elevators[i], now);
      if (!isnan (years) && (isnan (oldest) || years > oldest))
        oldest = years;
    }
  return oldest;
}

XaElevatorAgeBand
xa_metrics_elevator_age_band (double                      oldest_years,
                              const XaElevatorThresholds *thresholds)
{
  XaElevatorThresholds defaults = xa_elevator_thresholds_default ();

  if (thresholds == NULL)
    thresholds = &defaults;
  g_return_val_if_fail (xa_elevator_thresholds_valid (thresholds),
                        XA_ELEVATOR_AGE_BAND_NO_ELEVATORS);

  if (isnan (oldest_years) || oldest_years < 0)
    return XA_ELEVATOR_AGE_BAND_NO_ELEVATORS;
  if (oldest_years >= thresholds->high)
    return XA_ELEVATOR_AGE_BAND_20_PLUS;
  if (oldest_years >= thresholds->mid)
    return XA_ELEVATOR_AGE_BAND_15_TO_20;
  if (oldest_years >= thresholds->low)
    return XA_ELEVATOR_AGE_BAND_10_TO_15;
  return XA_ELEVATOR_AGE_BAND_UNDER_10;
}

gboolean
xa_metrics_elevator_assessment_due (const XaElevator *elevator,
                                    gint64            now,
                                    int               reassessment_years)
{
  g_return_val_if_fail (elevator != NULL, FALSE);

  return xa_metrics_elevator_assessment_due_at (elevator,
                                                xa_metrics_elevator_years (elevator, now),
                                                now, reassessment_years);
}

gboolean
xa_metrics_elevator_assessment_due_at (const XaElevator *elevator,
                                       double            years,
                                       gint64            now,
                                       int               reassessment_years)
{
  GDate assessed;

  g_return_val_if_fail (elevator != NULL, FALSE);
  g_return_val_if_fail (reassessment_years >= 1, FALSE);

  /* A renewed lift is a new lift in all but its record's commissioned date. */
  if (elevator->renewal_status == XA_RENEWAL_DONE)
    return FALSE;
  if (isnan (years) || years < XA_ELEVATOR_ASSESSMENT_YEARS)
    return FALSE;
  g_date_clear (&assessed, 1);
  if (xa_parse_date (elevator->assessed_on, &assessed))
    {
      GDate today, lapse;

      /* The assessment counts for the interval from its own day, to its anniversary. */
      xa_calendar_date (now, &today);
      anniversary (&assessed, reassessment_years, &lapse);
      return g_date_compare (&today, &lapse) >= 0;
    }
  if (elevator->assessment_grade == XA_GRADE_NONE)
    return TRUE;
  /* A grade without its date (from a server older than assessed_on, or a store synced
   * before it) is taken as the assessment required at 15 years; whole years, so the lapse
   * falls on an anniversary as the 15th does. */
  return years >= XA_ELEVATOR_ASSESSMENT_YEARS + reassessment_years;
}

/* ---- Problems ---- */

gboolean
xa_metrics_problem_is_open (const XaProblem *problem)
{
  g_return_val_if_fail (problem != NULL, FALSE);

  return problem->status == XA_STATUS_OPEN || problem->status == XA_STATUS_IN_PROGRESS;
}

gboolean
xa_metrics_problem_is_overdue (const XaProblem *problem,
                               gint64           now)
{
  g_return_val_if_fail (problem != NULL, FALSE);

  return xa_metrics_problem_is_open (problem) && problem->deadline < now;
}

gboolean
xa_metrics_problem_solved_at_city_level (const XaProblem *problem)
{
  g_return_val_if_fail (problem != NULL, FALSE);

  return problem->tier == XA_TIER_CITY &&
         (problem->status == XA_STATUS_RESOLVED || problem->status == XA_STATUS_CLOSED);
}

void
xa_metrics_count_problems (const XaProblem * const *problems,
                           guint                    n,
                           gint64                   now,
                           guint                   *open,
                           guint                   *overdue)
{
  guint n_open = 0, n_overdue = 0;

  if (open != NULL)
    *open = 0;
  if (overdue != NULL)
    *overdue = 0;
  g_return_if_fail (problems != NULL || n == 0);

  for (guint i = 0; i < n; i++)
    {
      if (problems[i] == NULL || !xa_metrics_problem_is_open (problems[i]))
        continue;
      n_open++;
      if (xa_metrics_problem_is_overdue (problems[i], now))
        n_overdue++;
    }
  if (open != NULL)
    *open = n_open;
  if (overdue != NULL)
    *overdue = n_overdue;
}

XaProblemBand
xa_metrics_problem_band (guint open,
                         guint overdue)
{
  if (overdue > 0)
    return XA_PROBLEM_BAND_OVERDUE;
  if (open > 0)
    return XA_PROBLEM_BAND_OPEN;
  return XA_PROBLEM_BAND_NONE;
}

/* ---- Totals ---- */

void
xa_totals_add_compound (XaTotals         *totals,
                        const XaCompound *compound)
{
  g_return_if_fail (totals != NULL);
  g_return_if_fail (compound != NULL);

  totals->compounds++;
  if (compound->public_revenue_recorded)
    totals->public_revenue_recorded++;
  if (compound->special_account)
    totals->special_accounts++;
  totals->supervised_fen += compound->supervised_fen;
}

void
xa_totals_add_charging (XaTotals         *totals,
                        const XaCharging *charging)
{
  g_return_if_fail (totals != NULL);
  g_return_if_fail (charging != NULL);

  /* Coverage counts facilities, not the ratio: a compound with ports but no e-bike count
   * is covered even though its ratio is "no data". */
  if (charging->ports > 0)
    totals->compounds_with_charging++;
  totals->charging_ports += MAX (charging->ports, 0);
  totals->smart_ports += MAX (charging->smart_ports, 0);
  totals->registered_ebikes += (guint64) MAX (charging->registered_ebikes, 0);
}

void
xa_totals_add_elevator (XaTotals         *totals,
                        const XaElevator *elevator,
                        gint64            now,
                        int               reassessment_years)
{
  double years;

  g_return_if_fail (totals != NULL);
  g_return_if_fail (elevator != NULL);

  years = xa_metrics_elevator_years (elevator, now);
  totals->elevators++;
  if (xa_metrics_elevator_assessment_due_at (elevator, years, now, reassessment_years))
    totals->elevators_assessment_due++;
  /* By the commissioned date, as the map's age overlay counts them: a renewed lift keeps
   * its record's date, and its renewal shows in elevators_by_renewal. */
  if (!isnan (years) && years >= XA_ELEVATOR_ASSESSMENT_YEARS)
    totals->elevators_15_years++;
  if (!isnan (years) && years >= XA_ELEVATOR_OLD_YEARS)
    totals->elevators_20_years++;
  if (elevator->renewal_status >= 0 && elevator->renewal_status < XA_N_RENEWAL_STATUSES)
    totals->elevators_by_renewal[elevator->renewal_status]++;
  if (elevator->funding_source >= 0 && elevator->funding_source < XA_N_FUNDING_SOURCES)
    totals->elevators_by_funding[elevator->funding_source]++;
}

void
xa_totals_add_flood_check (XaTotals           *totals,
                           const XaFloodCheck *check,
                           int                 season)
{
  g_return_if_fail (totals != NULL);
  g_return_if_fail (check != NULL);

  if (check->season != season)
    return;
  totals->flood_inspected++;
  if (xa_metrics_flood_band (check, season) == XA_FLOOD_BAND_READY)
    totals->flood_ready++;
  totals->drills_held += MAX (check->drills_held, 0);
  totals->flood_problems_fixed += MAX (check->problems_fixed, 0);
}

void
xa_totals_add_problem (XaTotals        *totals,
                       const XaProblem *problem,
                       gint64           now)
{
  g_return_if_fail (totals != NULL);
  g_return_if_fail (problem != NULL);

  totals->problems++;
  if (xa_metrics_problem_is_open (problem))
    totals->problems_open++;
  else
    totals->problems_resolved++;
  if (xa_metrics_problem_is_overdue (problem, now))
    totals->problems_overdue++;
  if (problem->tier >= 0 && problem->tier < XA_N_PROBLEM_TIERS)
    {
      totals->problems_by_tier[problem->tier]++;
      if (xa_metrics_problem_is_open (problem))
        totals->problems_open_by_tier[problem->tier]++;
    }
}

void
xa_totals_add_compound_problems (XaTotals                *totals,
                                 const XaProblem * const *problems,
                                 guint                    n,
                                 gint64                   now)
{
  gboolean city_level = FALSE;

  g_return_if_fail (totals != NULL);
  g_return_if_fail (problems != NULL || n == 0);

  for (guint i = 0; i < n; i++)
    {
      if (problems[i] == NULL)
        continue;
      xa_totals_add_problem (totals, problems[i], now);
      city_level |= xa_metrics_problem_solved_at_city_level (problems[i]);
    }
  if (city_level)
    totals->city_tier_compounds++;
}

void
xa_totals_add_totals (XaTotals       *totals,
                      const XaTotals *other)
{
  g_return_if_fail (totals != NULL);
  g_return_if_fail (other != NULL);

  totals->compounds += other->compounds;
  totals->public_revenue_recorded += other->public_revenue_recorded;
  totals->special_accounts += other->special_accounts;
  totals->supervised_fen += other->supervised_fen;
  totals->compounds_with_charging += other->compounds_with_charging;
  totals->charging_ports += other->charging_ports;
  totals->smart_ports += other->smart_ports;
  totals->registered_ebikes += other->registered_ebikes;
  totals->elevators += other->elevators;
  totals->elevators_assessment_due += other->elevators_assessment_due;
  totals->elevators_15_years += other->elevators_15_years;
  totals->elevators_20_years += other->elevators_20_years;
  for (guint i = 0; i < XA_N_RENEWAL_STATUSES; i++)
    totals->elevators_by_renewal[i] += other->elevators_by_renewal[i];
  for (guint i = 0; i < XA_N_FUNDING_SOURCES; i++)
    totals->elevators_by_funding[i] += other->elevators_by_funding[i];
  totals->flood_ready += other->flood_ready;
  totals->flood_inspected += other->flood_inspected;
  totals->drills_held += other->drills_held;
  totals->flood_problems_fixed += other->flood_problems_fixed;
  totals->problems += other->problems;
  totals->problems_resolved += other->problems_resolved;
  totals->problems_open += other->problems_open;
  totals->problems_overdue += other->problems_overdue;
  for (guint i = 0; i < XA_N_PROBLEM_TIERS; i++)
    {
      totals->problems_by_tier[i] += other->problems_by_tier[i];
      totals->problems_open_by_tier[i] += other->problems_open_by_tier[i];
    }
  totals->city_tier_compounds += other->city_tier_compounds;
}

double
xa_totals_charging_coverage (const XaTotals *totals)
{
  g_return_val_if_fail (totals != NULL, 0.0);

  if (totals->compounds == 0)
    return 0.0;
  return 100.0 * totals->compounds_with_charging / totals->compounds;
}

double
xa_totals_port_ratio (const XaTotals *totals)
{
  g_return_val_if_fail (totals != NULL, NAN);

  if (totals->registered_ebikes == 0)
    return NAN;
  return (double) totals->charging_ports / (double) totals->registered_ebikes;
}

double
xa_totals_flood_ready_share (const XaTotals *totals)
{
  g_return_val_if_fail (totals != NULL, 0.0);

  if (totals->compounds == 0)
    return 0.0;
  return 100.0 * totals->flood_ready / totals->compounds;
}

/* ---- Problems by category and by month ---- */

struct _XaProblemBreakdown
{
  GHashTable *categories;  /* code (the row's) → XaCategoryCount* (owned) */
  GHashTable *months;      /* GINT_TO_POINTER (month index) → XaMonthCount* (owned) */
};

/* Months since year 0, so consecutive months are consecutive integers. */
static int
month_index (gint64 unix_seconds)
{
  GDate date;

  xa_calendar_date (unix_seconds, &date);
  return g_date_get_year (&date) * 12 + (g_date_get_month (&date) - 1);
}

static void
category_count_free (XaCategoryCount *count)
{
  g_free (count->category);
  g_free (count);
}

XaProblemBreakdown *
xa_problem_breakdown_new (void)
{
  XaProblemBreakdown *breakdown = g_new0 (XaProblemBreakdown, 1);

  breakdown->categories = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                 (GDestroyNotify) category_count_free);
  breakdown->months = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return breakdown;
}

void
xa_problem_breakdown_free (XaProblemBreakdown *breakdown)
{
  if (breakdown == NULL)
    return;
  g_hash_table_unref (breakdown->categories);
  g_hash_table_unref (breakdown->months);
  g_free (breakdown);
}

static XaMonthCount *
month_count (XaProblemBreakdown *breakdown,
             int                 index)
{
  XaMonthCount *count = g_hash_table_lookup (breakdown->months, GINT_TO_POINTER (index));

  if (count == NULL)
    {
      count = g_new0 (XaMonthCount, 1);
      count->year = index / 12;
      count->month = index % 12 + 1;
      g_hash_table_insert (breakdown->months, GINT_TO_POINTER (index), count);
    }
  return count;
}

void
xa_problem_breakdown_add (XaProblemBreakdown *breakdown,
                          const XaProblem    *problem,
                          gint64              now)
{
  const char *code;
  XaCategoryCount *category;
  gboolean open;

  g_return_if_fail (breakdown != NULL);
  g_return_if_fail (problem != NULL);

  code = problem->category != NULL ? problem->category : "";
  category = g_hash_table_lookup (breakdown->categories, code);
  if (category == NULL)
    {
      category = g_new0 (XaCategoryCount, 1);
      category->category = g_strdup (code);
      g_hash_table_insert (breakdown->categories, category->category, category);
    }
  open = xa_metrics_problem_is_open (problem);
  category->problems++;
  if (open)
    category->open++;
  else
    category->resolved++;
  if (xa_metrics_problem_is_overdue (problem, now))
    category->overdue++;

  month_count (breakdown, month_index (problem->reported_at))->opened++;
  if (!open && problem->resolved_at != 0)
    month_count (breakdown, month_index (problem->resolved_at))->resolved++;
}

static int
compare_category_counts (gconstpointer a,
                         gconstpointer b)
{
  const XaCategoryCount *ca = *(XaCategoryCount * const *) a;
  const XaCategoryCount *cb = *(XaCategoryCount * const *) b;

  return strcmp (ca->category, cb->category);
}

GPtrArray *
xa_problem_breakdown_categories (XaProblemBreakdown *breakdown)
{
  GPtrArray *rows;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (breakdown != NULL, NULL);

  rows = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, breakdown->categories);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (rows, value);
  g_ptr_array_sort (rows, compare_category_counts);
  return rows;
}

GArray *
xa_problem_breakdown_months (XaProblemBreakdown *breakdown,
                             guint               max_months)
{
  GArray *months;
  GHashTableIter iter;
  gpointer key;
  int first = G_MAXINT, last = G_MININT;

  g_return_val_if_fail (breakdown != NULL, NULL);

  months = g_array_new (FALSE, TRUE, sizeof (XaMonthCount));
  g_hash_table_iter_init (&iter, breakdown->months);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      first = MIN (first, GPOINTER_TO_INT (key));
      last = MAX (last, GPOINTER_TO_INT (key));
    }
  if (first > last)
    return months;
  if (max_months > 0 && last - first + 1 > (int) max_months)
    first = last - (int) max_months + 1;
  for (int index = first; index <= last; index++)
    {
      XaMonthCount *count = g_hash_table_lookup (breakdown->months, GINT_TO_POINTER (index));
      XaMonthCount row = { .year = index / 12, .month = index % 12 + 1 };

      if (count != NULL)
        row = *count;
      g_array_append_val (months, row);
    }
  return months;
}

/* ---- Totals from the store ---- */

/* One pass over the store. Compounds come first and decide which XaTotals each compound
 * id adds to; every other record finds its totals through its compound, so records of
 * compounds outside the chosen district fall out without a second query. */
typedef struct
{
  int          season;
  gint64       now;
  int          reassessment_years;
  const char  *district;      /* only this district (single mode), or NULL */
  XaTotals    *single;        /* single mode: everything adds here */
  GHashTable  *districts;     /* by-district mode: code (the row's) → XaDistrictTotals*
                               * (owned) */
  GHashTable  *by_compound;   /* by-compound mode: compound id → XaTotals* (both owned) */
  GHashTable  *compounds;     /* compound id (owned) → XaTotals* */
  GHashTable  *city_counted;  /* compound ids (keys of @compounds) already in
                               * city_tier_compounds */
  GHashTable  *charging_counted; /* compound ids (keys of @compounds) whose charging
                                  * record is counted */
  GHashTable  *flood_chosen;  /* compound id (key of @compounds) → FloodChoice* (owned) */
  gboolean     district_seen; /* single mode: @district is a stored district */
  XaProblemBreakdown *breakdown; /* single mode, or NULL: the problems counted, split */
} Accumulation;

/* The one flood check of this season a compound is counted by. The contract allows one
 * per compound and season; should a server send two, the totals count the same one the
 * map and the side panel show, by xa_metrics_flood_check_replaces(). */
typedef struct
{
  XaTotals *totals;        /* the compound's row */
  gint64    inspected_at;
  XaTotals  contribution;  /* what the chosen check adds, by xa_totals_add_flood_check() */
} FloodChoice;

static XaDistrictTotals *
district_totals_new (const char *code,
                     const char *name)
{
  XaDistrictTotals *row = g_new0 (XaDistrictTotals, 1);

  row->code = g_strdup (code);
  row->name = g_strdup (name != NULL ? name : code);
  return row;
}

void
xa_district_totals_free (XaDistrictTotals *district_totals)
{
  if (district_totals == NULL)
    return;
  g_free (district_totals->code);
  g_free (district_totals->name);
  g_free (district_totals);
}

static void
accumulate_district (gconstpointer record,
                     gpointer      user_data)
{
  const XaDistrict *district = record;
  Accumulation *acc = user_data;

  if (acc->districts != NULL)
    {
      XaDistrictTotals *row = district_totals_new (district->code, district->name);

      g_hash_table_insert (acc->districts, row->code, row);
    }
  else if (acc->district != NULL && strcmp (district->code, acc->district) == 0)
    acc->district_seen = TRUE;
}

static void
accumulate_compound (gconstpointer record,
                     gpointer      user_data)
{
  const XaCompound *compound = record;
  Accumulation *acc = user_data;
  XaTotals *totals;

  if (acc->districts != NULL)
    {
      XaDistrictTotals *row = g_hash_table_lookup (acc->districts, compound->district);

      /* The store's references make this unreachable; if not, still count the compound. */
      if (row == NULL)
        {
          row = district_totals_new (compound->district, NULL);
          g_hash_table_insert (acc->districts, row->code, row);
        }
      totals = &row->totals;
    }
  else if (acc->by_compound != NULL)
    {
      if (acc->district != NULL && g_strcmp0 (compound->district, acc->district) != 0)
        return;
      totals = g_new0 (XaTotals, 1);
      g_hash_table_insert (acc->by_compound, g_strdup (compound->id), totals);
    }
  else if (acc->district == NULL || g_strcmp0 (compound->district, acc->district) == 0)
    totals = acc->single;
  else
    return;

  xa_totals_add_compound (totals, compound);
  g_hash_table_insert (acc->compounds, g_strdup (compound->id), totals);
}

static void
accumulate_charging (gconstpointer record,
                     gpointer      user_data)
{
  const XaCharging *charging = record;
  Accumulation *acc = user_data;
  gpointer key, value;

  /* One charging record per compound, as the contract says; of two, the first in id
   * order, the one the side panel shows. */
  if (g_hash_table_lookup_extended (acc->compounds, charging->compound, &key, &value)
      && g_hash_table_add (acc->charging_counted, key))
    xa_totals_add_charging (value, charging);
}

static void
accumulate_elevator (gconstpointer record,
                     gpointer      user_data)
{
  const XaElevator *elevator = record;
  Accumulation *acc = user_data;
  XaTotals *totals = g_hash_table_lookup (acc->compounds, elevator->compound);

  if (totals != NULL)
    xa_totals_add_elevator (totals, elevator, acc->now, acc->reassessment_years);
}

static void
accumulate_flood_check (gconstpointer record,
                        gpointer      user_data)
{
  const XaFloodCheck *check = record;
  Accumulation *acc = user_data;
  gpointer key, value;
  FloodChoice *choice;

  if (check->season != acc->season
      || !g_hash_table_lookup_extended (acc->compounds, check->compound, &key, &value))
    return;
  choice = g_hash_table_lookup (acc->flood_chosen, key);
  if (!xa_metrics_flood_check_replaces (check, acc->season,
                                        choice != NULL ? choice->inspected_at
                                                       : XA_METRICS_NO_FLOOD_CHECK))
    return;
  if (choice == NULL)
    {
      choice = g_new0 (FloodChoice, 1);
      g_hash_table_insert (acc->flood_chosen, key, choice);
    }
  choice->totals = value;
  choice->inspected_at = check->inspected_at;
  choice->contribution = (XaTotals) { 0 };
  xa_totals_add_flood_check (&choice->contribution, check, acc->season);
}

static void
add_flood_choice (gpointer key,
                  gpointer value,
                  gpointer user_data)
{
  FloodChoice *choice = value;

  xa_totals_add_totals (choice->totals, &choice->contribution);
}

static void
accumulate_problem (gconstpointer record,
                    gpointer      user_data)
{
  const XaProblem *problem = record;
  Accumulation *acc = user_data;
  gpointer key, value;

  if (!g_hash_table_lookup_extended (acc->compounds, problem->compound, &key, &value))
    return;
  xa_totals_add_problem (value, problem, acc->now);
  if (acc->breakdown != NULL)
    xa_problem_breakdown_add (acc->breakdown, problem, acc->now);
  /* Problems arrive in id order, not by compound: remember which compounds were counted
   * so that two city-level problems of one compound count it once. */
  if (xa_metrics_problem_solved_at_city_level (problem) &&
      g_hash_table_add (acc->city_counted, key))
    ((XaTotals *) value)->city_tier_compounds++;
}

static gboolean
accumulate (XaStore       *store,
            Accumulation  *acc,
            GError       **error)
{
  static const struct
  {
    XaRecordType       type;
    XaStoreForeachFunc func;
  } passes[] = {
    /* Compounds before the records that point at them. */
    { XA_RECORD_DISTRICT, accumulate_district },
    { XA_RECORD_COMPOUND, accumulate_compound },
    { XA_RECORD_CHARGING, accumulate_charging },
    { XA_RECORD_ELEVATOR, accumulate_elevator },
    { XA_RECORD_FLOOD_CHECK, accumulate_flood_check },
    { XA_RECORD_PROBLEM, accumulate_problem },
  };

  acc->compounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  acc->city_counted = g_hash_table_new (g_str_hash, g_str_equal);
  acc->charging_counted = g_hash_table_new (g_str_hash, g_str_equal);
  acc->flood_chosen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (passes); i++)
    {
      if (!xa_store_foreach (store, passes[i].type, passes[i].func, acc, error))
        return FALSE;
      /* A district that is not stored is a mistyped code, not a district with nothing:
       * say so instead of reporting zeros. */
      if (passes[i].type == XA_RECORD_DISTRICT && acc->district != NULL &&
          !acc->district_seen)
        {
          g_set_error (error, XA_METRICS_ERROR, XA_METRICS_ERROR_UNKNOWN_DISTRICT,
                       "There is no district with the code “%s” in the local records; "
                       "check the code, or sync to fetch it", acc->district);
          return FALSE;
        }
    }
  g_hash_table_foreach (acc->flood_chosen, add_flood_choice, NULL);
  return TRUE;
}

static void
accumulation_clear (Accumulation *acc)
{
  g_clear_pointer (&acc->city_counted, g_hash_table_unref);
  g_clear_pointer (&acc->charging_counted, g_hash_table_unref);
  g_clear_pointer (&acc->flood_chosen, g_hash_table_unref);
  g_clear_pointer (&acc->compounds, g_hash_table_unref);
  g_clear_pointer (&acc->districts, g_hash_table_unref);
}

gboolean
xa_totals_compute (XaStore     *store,
                   const char  *district_code_or_NULL,
                   int          season,
                   gint64       now,
                   int          reassessment_years,
                   XaTotals    *out,
                   GError     **error)
{
  return xa_totals_compute_breakdown (store, district_code_or_NULL, season, now,
                                      reassessment_years, out, NULL, error);
}

gboolean
xa_totals_compute_breakdown (XaStore            *store,
                             const char         *district_code_or_NULL,
                             int                 season,
                             gint64              now,
                             int                 reassessment_years,
                             XaTotals           *out,
                             XaProblemBreakdown *breakdown,
                             GError            **error)
{
  XaTotals totals = { 0 };
  Accumulation acc = { 0 };
  gboolean ok;

  g_return_val_if_fail (XA_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out = (XaTotals) { 0 };
  g_return_val_if_fail (reassessment_years >= 1, FALSE);
  acc.season = season;
  acc.now = now;
  acc.reassessment_years = reassessment_years;
  acc.district = district_code_or_NULL;
  acc.single = &totals;
  acc.breakdown = breakdown;

  ok = accumulate (store, &acc, error);
  accumulation_clear (&acc);
  if (ok)
    *out = totals;
  return ok;
}

GHashTable *
xa_totals_compute_by_compound (XaStore     *store,
                               const char  *district_code_or_NULL,
                               int          season,
                               gint64       now,
                               int          reassessment_years,
                               GError     **error)
{
  Accumulation acc = { 0 };
  g_autoptr(GHashTable) by_compound = NULL;
  gboolean ok;

  g_return_val_if_fail (XA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (reassessment_years >= 1, NULL);

  by_compound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  acc.season = season;
  acc.now = now;
  acc.reassessment_years = reassessment_years;
  acc.district = district_code_or_NULL;
  acc.by_compound = by_compound;
  ok = accumulate (store, &acc, error);
  accumulation_clear (&acc);
  return ok ? g_steal_pointer (&by_compound) : NULL;
}

static int
compare_district_totals (gconstpointer a,
                         gconstpointer b)
{
  const XaDistrictTotals *ra = *(XaDistrictTotals * const *) a;
  const XaDistrictTotals *rb = *(XaDistrictTotals * const *) b;

  return strcmp (ra->code, rb->code);
}

GPtrArray *
xa_totals_compute_by_district (XaStore  *store,
                               int       season,
                               gint64    now,
                               int       reassessment_years,
                               GError  **error)
{
  Accumulation acc = { 0 };
  GPtrArray *rows;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (XA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (reassessment_years >= 1, NULL);

  acc.season = season;
  acc.now = now;
  acc.reassessment_years = reassessment_years;
  acc.districts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) xa_district_totals_free);
  if (!accumulate (store, &acc, error))
    {
      accumulation_clear (&acc);
      return NULL;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) xa_district_totals_free);
  g_hash_table_iter_init (&iter, acc.districts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (rows, value);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (rows, compare_district_totals);
  accumulation_clear (&acc);
  return rows;
}

/* ---- Money ---- */

char *
xa_format_fen_as_yuan (gint64 fen)
{
  /* The magnitude as unsigned, so G_MININT64 does not overflow on negation. */
  guint64 magnitude = fen < 0 ? (guint64) (-(fen + 1)) + 1 : (guint64) fen;
  char digits[24];
  GString *out = g_string_sized_new (32);
  gsize len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude / 100);
  len = strlen (digits);

  if (fen < 0)
    g_string_append_c (out, '-');
  for (gsize i = 0; i < len; i++)
    {
      /* A separator before every group of three digits counted from the right. */
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  g_string_append_printf (out, ".%02u", (guint) (magnitude % 100));
  return g_string_free (out, FALSE);
}
