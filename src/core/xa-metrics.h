/* xa-metrics.h — the numbers behind the map overlays (flood readiness, charging ratio,
 * elevator age, unresolved problems) and the city / district totals of the dashboard
 * (the figures of seed/SUMMARY.md), computed from the records of xa-records.h.
 *
 * Everything but xa_totals_compute*() is pure: no store, no globals, no clock. The time is
 * passed in as @now (unix seconds) and the thresholds as arguments, so the map, the
 * dashboard, the CLI and the exports agree and the tests can pin every boundary. */
#pragma once

#include <glib.h>

#include "xa-calendar.h"
#include "xa-records.h"
#include "xa-store.h"

G_BEGIN_DECLS

#define XA_METRICS_ERROR (xa_metrics_error_quark ())
GQuark xa_metrics_error_quark (void);

typedef enum
{
  XA_METRICS_ERROR_UNKNOWN_DISTRICT, /* totals asked for a district the store does not hold */
} XaMetricsError;

/* Calendar days (commissioned dates, anniversaries) are days in China Standard Time
 * (xa-calendar.h); the name the app's panel still uses. */
#define XA_METRICS_UTC_OFFSET XA_CALENDAR_UTC_OFFSET

/* ---- Flood readiness (防汛四到位) ---- */

typedef enum
{
  XA_FLOOD_BAND_READY,          /* all four items in place */
  XA_FLOOD_BAND_THREE,          /* three of four */
  XA_FLOOD_BAND_TWO_OR_LESS,
  XA_FLOOD_BAND_NOT_INSPECTED,  /* no check for this season */
} XaFloodBand;

/* The flood season under way at @now: the calendar year in UTC+8. The "flood-season"
 * setting 0 means this one. */
int         xa_metrics_current_season       (gint64              now);
/* How many of the four 到位 items of @check are in place (0 … 4). */
int         xa_metrics_flood_items_in_place (const XaFloodCheck *check);
/* The band of @check_or_NULL for @season. A check of another season counts as not
 * inspected: last year's readiness says nothing about this year's flood season. */
XaFloodBand xa_metrics_flood_band           (const XaFloodCheck *check_or_NULL,
                                             int                 season);

/* ---- E-bike charging (电动自行车充电) ---- */

/* The target ratio of ports to registered e-bikes (1:1); a setting, this is its default. */
#define XA_CHARGING_TARGET_DEFAULT 1.0

typedef enum
{
  XA_CHARGING_BAND_MEETS_TARGET, /* ratio >= target */
  XA_CHARGING_BAND_HALF_OR_MORE, /* target / 2 <= ratio < target */
  XA_CHARGING_BAND_BELOW_HALF,
  XA_CHARGING_BAND_NO_DATA,      /* no charging record, or no registered e-bikes */
} XaChargingBand;

/* Ports ÷ registered e-bikes. NaN means "no data": there is no charging record, or its
 * registered_ebikes is 0. A count of 0 means the registration was not done (every
 * compound with households has e-bikes), and the charging record has no households to
 * fall back on; a made-up ratio would paint a compound as covered when nobody knows. */
double         xa_metrics_charging_ratio (const XaCharging *charging_or_NULL);
/* The band of @charging_or_NULL against @target (> 0, usually 1.0). A ratio equal to the
 * target meets it. */
XaChargingBand xa_metrics_charging_band  (const XaCharging *charging_or_NULL,
                                          double            target);

/* ---- Elevator age (老旧电梯) ---- */

/* Provinces require a safety assessment (安全评估) from 15 years in service on. */
#define XA_ELEVATOR_ASSESSMENT_YEARS 15.0
/* How long an assessment counts before the lift is due again, in years: the setting
 * "reassessment-interval" (shared/DOMAIN.md: default 3, unconfirmed). */
#define XA_ELEVATOR_REASSESSMENT_DEFAULT 3
#define XA_ELEVATOR_REASSESSMENT_MAX 30

/* The band limits of the elevator age overlay, in years (settings; ascending). The band
 * names below are those of the defaults {10, 15, 20}. */
typedef struct
{
  double low;   /* 10: below it, young */
  double mid;   /* 15: the assessment age */
  double high;  /* 20: old */
} XaElevatorThresholds;

typedef enum
{
  XA_ELEVATOR_AGE_BAND_UNDER_10,     /* years < low */
  XA_ELEVATOR_AGE_BAND_10_TO_15,     /* low <= years < mid */
  XA_ELEVATOR_AGE_BAND_15_TO_20,     /* mid <= years < high */
  XA_ELEVATOR_AGE_BAND_20_PLUS,      /* years >= high */
  XA_ELEVATOR_AGE_BAND_NO_ELEVATORS, /* years negative or NaN */
} XaElevatorAgeBand;

XaElevatorThresholds xa_elevator_thresholds_default (void);
/* TRUE when the limits are finite, >= 0 and ascending (low <= mid <= high). Check
 * values read from settings with this before passing them on. */
gboolean             xa_elevator_thresholds_valid   (const XaElevatorThresholds *thresholds);

/* Years in service of @elevator at @now, with the fraction of the current year: exactly
 * 15.0 on the 15th anniversary of commissioning (a day in UTC+8). 0 for a commissioned
 * date still in the future; NaN when the date is not a valid YYYY-MM-DD. */
double   xa_metrics_elevator_years          (const XaElevator *elevator,
                                             gint64            now);
/* The largest xa_metrics_elevator_years() of @elevators (@n of them; NULL allowed when
 * @n is 0); NaN when there are none with a valid date. */
double   xa_metrics_oldest_elevator_years   (const XaElevator * const *elevators,
                                             guint                     n,
                                             gint64                    now);
/* The band of @oldest_years; @thresholds NULL means the defaults. */
XaElevatorAgeBand xa_metrics_elevator_age_band (double                      oldest_years,
                                                const XaElevatorThresholds *thresholds);
/* Whether @elevator needs a safety assessment at @now: XA_ELEVATOR_ASSESSMENT_YEARS or
 * more in service, not renewed (a renewal status other than "done"), and no assessment
 * that still counts: an assessment counts for @reassessment_years (>= 1) years from its
 * assessed_on date. A grade without a date is taken as that of the assessment required at
 * 15 years, counting until 15 + @reassessment_years years in service. A lift without a
 * valid commissioned date is never due: nothing says how old it is. */
gboolean xa_metrics_elevator_assessment_due (const XaElevator *elevator,
                                             gint64            now,
                                             int               reassessment_years);
/* The same for a lift @years in service at @now, as xa_metrics_elevator_years() counts
 * them (NAN without a date): a caller that has the years already parses no date twice. */
gboolean xa_metrics_elevator_assessment_due_at (const XaElevator *elevator,
                                                double            years,
                                                gint64            now,
                                                int               reassessment_years);

/* ---- Problems (问题诉求) ---- */

typedef enum
{
  XA_PROBLEM_BAND_NONE,     /* nothing open */
  XA_PROBLEM_BAND_OPEN,     /* open problems, none overdue */
  XA_PROBLEM_BAND_OVERDUE,  /* at least one open problem past its deadline */
} XaProblemBand;

/* Open = open or in progress: resolved and closed problems need nothing more. */
gboolean      xa_metrics_problem_is_open    (const XaProblem *problem);
/* Open and deadline < @now; a problem whose deadline is exactly now is not late yet. */
gboolean      xa_metrics_problem_is_overdue (const XaProblem *problem,
                                             gint64           now);
/* Resolved or closed, at the city tier: the compound counts among those whose hard
 * problems were solved at city level (市级协调). */
gboolean      xa_metrics_problem_solved_at_city_level (const XaProblem *problem);
/* Counts the open and the overdue ones of @problems (@n of them); either out may be NULL. */
void          xa_metrics_count_problems     (const XaProblem * const *problems,
                                             guint                    n,
                                             gint64                   now,
                                             guint                   *open,
                                             guint                   *overdue);
XaProblemBand xa_metrics_problem_band       (guint open,
                                             guint overdue);

/* ---- Totals (the dashboard figures) ---- */

/* Zero-initialise (XaTotals t = { 0 }) and add records with the accumulators below. */
typedef struct
{
  guint   compounds;
  guint   public_revenue_recorded;
  guint   special_accounts;
  gint64  supervised_fen;
  guint   compounds_with_charging;   /* ports > 0 */
  gint64  charging_ports;
  gint64  smart_ports;
  guint64 registered_ebikes;
  guint   elevators;
  guint   elevators_assessment_due;  /* xa_metrics_elevator_assessment_due() */
  guint   flood_ready;               /* compounds whose check of the season has all four */
  guint   flood_inspected;           /* compounds with a check of the season */
  guint   drills_held;               /* summed over those checks, one a compound */
  guint   flood_problems_fixed;      /* summed over those checks, one a compound */
  guint   problems;
  guint   problems_resolved;         /* resolved or closed */
  guint   problems_open;             /* open or in progress */
  guint   problems_overdue;
  guint   city_tier_compounds;       /* compounds with a resolved city-tier problem */
} XaTotals;

void xa_totals_add_compound    (XaTotals           *totals,
                                const XaCompound   *compound);
void xa_totals_add_charging    (XaTotals           *totals,
                                const XaCharging   *charging);
/* @reassessment_years: see xa_metrics_elevator_assessment_due(). */
void xa_totals_add_elevator    (XaTotals           *totals,
                                const XaElevator   *elevator,
                                gint64              now,
                                int                 reassessment_years);
/* Checks of another season than @season are ignored. */
void xa_totals_add_flood_check (XaTotals           *totals,
                                const XaFloodCheck *check,
                                int                 season);
/* Adds one problem to the problem counts; city_tier_compounds is per compound, so it is
 * left to xa_totals_add_compound_problems() or to the caller. */
void xa_totals_add_problem     (XaTotals           *totals,
                                const XaProblem    *problem,
                                gint64              now);
/* Adds the problems of ONE compound, and counts that compound once in
 * city_tier_compounds when any of them was solved at city level. */
void xa_totals_add_compound_problems (XaTotals                *totals,
                                      const XaProblem * const *problems,
                                      guint                    n,
                                      gint64                   now);
/* Adds every count of @other to @totals (a city from its districts). */
void xa_totals_add_totals      (XaTotals           *totals,
                                const XaTotals     *other);

/* Charging coverage (覆盖率) in percent: compounds with ports > 0 ÷ compounds × 100.
 * 0 when there are no compounds, so an empty store reads "0.0 %", not "nan %". */
double xa_totals_charging_coverage (const XaTotals *totals);

/* The totals of the stored records: the whole city when @district_code_or_NULL is NULL,
 * else only the compounds of that district and the records pointing at them. Flood
 * figures count the checks of @season; ages and overdue problems are taken at @now, and
 * assessments count for @reassessment_years (xa_metrics_elevator_assessment_due()).
 * Fails with XA_METRICS_ERROR_UNKNOWN_DISTRICT for a district the store does not hold,
 * or with the store's error. @out is left zeroed on failure. */
gboolean xa_totals_compute (XaStore     *store,
                            const char  *district_code_or_NULL,
                            int          season,
                            gint64       now,
                            int          reassessment_years,
                            XaTotals    *out,
                            GError     **error);

/* One row of xa_totals_compute_by_district(). */
typedef struct
{
  char    *code;
  char    *name;   /* the district's name; its code when the store has no district record */
  XaTotals totals;
} XaDistrictTotals;

void xa_district_totals_free (XaDistrictTotals *district_totals);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaDistrictTotals, xa_district_totals_free)

/* The totals of every stored district in one pass over the store, as XaDistrictTotals*
 * sorted by district code (districts without compounds included, with zeros); the array
 * frees its rows. Their sum (xa_totals_add_totals) equals the city's totals. NULL with
 * @error set on failure. */
GPtrArray *xa_totals_compute_by_district (XaStore  *store,
                                          int       season,
                                          gint64    now,
                                          int       reassessment_years,
                                          GError  **error);

/* The totals of each compound of one district (or of all when @district_code_or_NULL is
 * NULL), as compound id → XaTotals*, each counting that compound and its records alone:
 * a figure's compounds are those whose own totals have it above 0, and their sum is the
 * figure. Arguments and errors as xa_totals_compute(). */
GHashTable *xa_totals_compute_by_compound (XaStore     *store,
                                           const char  *district_code_or_NULL,
                                           int          season,
                                           gint64       now,
                                           int          reassessment_years,
                                           GError     **error);

/* ---- Money ---- */

/* @fen as yuan with thousands separators and two decimals, whatever the locale:
 * 3693230000 → "36,932,300.00", -5 → "-0.05". Integer arithmetic only. */
char *xa_format_fen_as_yuan (gint64 fen);

G_END_DECLS
