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

/* A compound has one flood check a season by the contract, but the store keeps what the
 * server sends. Where it holds two, the one that counts, on the map, in the side panel and
 * in the totals alike, is the latest inspected; of equals the first in id order.
 * xa_metrics_flood_check_replaces() is that rule for records read in id order: whether
 * @check is of @season and replaces the check chosen so far, inspected at
 * @chosen_inspected_at, or XA_METRICS_NO_FLOOD_CHECK if none is. (The store's query
 * "flood-check" in xa-store-queries.c says the same in SQL.) No time read from the feed
 * is as early as XA_METRICS_NO_FLOOD_CHECK. */
#define XA_METRICS_NO_FLOOD_CHECK G_MININT64
gboolean    xa_metrics_flood_check_replaces (const XaFloodCheck *check,
                                             int                 season,
                                             gint64              chosen_inspected_at);

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

/* The second age the bureau reports lifts by: 20 years in service and more. */
#define XA_ELEVATOR_OLD_YEARS 20.0
/* The sizes of the per-value counts of XaTotals, one slot per C value of the enum. */
#define XA_N_PROBLEM_TIERS (XA_TIER_CITY + 1)
#define XA_N_RENEWAL_STATUSES (XA_RENEWAL_DONE + 1)
#define XA_N_FUNDING_SOURCES (XA_FUNDING_OTHER + 1)

/* Zero-initialise (XaTotals t = { 0 }) and add records with the accumulators below.
 * Plain data (fixed arrays, no pointers), so totals are copied and summed by value. */
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
  guint   elevators_15_years;        /* >= XA_ELEVATOR_ASSESSMENT_YEARS in service */
  guint   elevators_20_years;        /* >= XA_ELEVATOR_OLD_YEARS in service */
  guint   elevators_by_renewal[XA_N_RENEWAL_STATUSES];  /* by renewal_status */
  guint   elevators_by_funding[XA_N_FUNDING_SOURCES];   /* by funding_source; those
                                                         * without one are not counted */
  guint   flood_ready;               /* compounds whose check of the season has all four */
  guint   flood_inspected;           /* compounds with a check of the season */
  guint   drills_held;               /* summed over those checks, one a compound */
  guint   flood_problems_fixed;      /* summed over those checks, one a compound */
  guint   problems;
  guint   problems_resolved;         /* resolved or closed */
  guint   problems_open;             /* open or in progress */
  guint   problems_overdue;
  guint   problems_by_tier[XA_N_PROBLEM_TIERS];       /* every problem, by tier */
  guint   problems_open_by_tier[XA_N_PROBLEM_TIERS];  /* the open ones, by tier */
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
/* Charging ports ÷ registered e-bikes, summed over the compounds' charging records (the
 * bureau's "port ratio", target 1:1). NaN when no e-bike is registered. */
double xa_totals_port_ratio        (const XaTotals *totals);
/* Flood readiness in percent: compounds with all four items in place ÷ compounds × 100
 * (a compound not inspected this season is not ready); 0 when there are no compounds. */
double xa_totals_flood_ready_share (const XaTotals *totals);

/* ---- Problems by category and by month ----
 *
 * What a fixed-size XaTotals cannot hold: the categories are records (any number of
 * them) and the months run as long as the ledger. Filled by xa_totals_compute_breakdown()
 * in the same pass, from the same problems, as the totals beside it. */

typedef struct
{
  char  *category;   /* the category's code */
  guint  problems;
  guint  resolved;   /* resolved or closed */
  guint  open;       /* open or in progress */
  guint  overdue;
} XaCategoryCount;

typedef struct
{
  int   year;
  int   month;       /* 1 … 12, in UTC+8 */
  guint opened;      /* problems reported that month */
  guint resolved;    /* problems resolved that month */
} XaMonthCount;

typedef struct _XaProblemBreakdown XaProblemBreakdown;

XaProblemBreakdown *xa_problem_breakdown_new  (void);
void                xa_problem_breakdown_free (XaProblemBreakdown *breakdown);
/* Adds one problem: to its category, to the month it was reported in and, when it is
 * resolved or closed, to the month of its resolved_at. A problem's record keeps only its
 * latest resolution (reopening removes resolved_at), so "resolved in a month" counts the
 * problems whose present resolution falls in it, not every resolution there ever was. A
 * resolved problem without a resolved_at (the contract requires one; an old store may
 * lack it) counts in no month: a made-up month would move the chart. */
void                xa_problem_breakdown_add  (XaProblemBreakdown *breakdown,
                                               const XaProblem    *problem,
                                               gint64              now);
/* The categories with at least one problem, as XaCategoryCount* sorted by code; the
 * array is new, its rows belong to @breakdown. */
GPtrArray          *xa_problem_breakdown_categories (XaProblemBreakdown *breakdown);
/* The months from the first to the last one with a problem opened or resolved, every
 * month between included (with zeros), as XaMonthCount in order; at most the last
 * @max_months of them (0: all). A new array. */
GArray             *xa_problem_breakdown_months     (XaProblemBreakdown *breakdown,
                                                     guint               max_months);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaProblemBreakdown, xa_problem_breakdown_free)

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

/* xa_totals_compute() that also fills @breakdown (from xa_problem_breakdown_new(), empty)
 * with the same problems the totals count. */
gboolean xa_totals_compute_breakdown (XaStore            *store,
                                      const char         *district_code_or_NULL,
                                      int                 season,
                                      gint64              now,
                                      int                 reassessment_years,
                                      XaTotals           *out,
                                      XaProblemBreakdown *breakdown,
                                      GError            **error);

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
