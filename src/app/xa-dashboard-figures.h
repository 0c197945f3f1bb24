/* xa-dashboard-figures.h — everything the Dashboard shows, computed once from the store
 * for the whole city or one district: the totals and their splits (xa-metrics.h), every
 * district's totals for the chart by district, the time of the last sync; and the same
 * figures in words, as the tables and charts the page and the report (PDF, PNG) both
 * show, so that the window, the report and the command line can never disagree. */
#pragma once

#include "xa-dashboard-chart.h"
#include "xa-metrics.h"
#include "xa-store.h"

G_BEGIN_DECLS

/* The measure of the chart by district, chosen on the page. */
typedef enum
{
  XA_DASHBOARD_MEASURE_OPEN_PROBLEMS,
  XA_DASHBOARD_MEASURE_OVERDUE,
  XA_DASHBOARD_MEASURE_FLOOD_READY,    /* share of compounds, % */
  XA_DASHBOARD_MEASURE_CHARGING,       /* coverage, % */
  XA_DASHBOARD_MEASURE_LIFTS_20_YEARS,
  XA_N_DASHBOARD_MEASURES
} XaDashboardMeasure;

/* The measure's name in the user's language ("Open problems"). */
const char *xa_dashboard_measure_title (XaDashboardMeasure measure);

typedef struct
{
  char               *district;       /* its code, or NULL for the whole city */
  char               *district_name;  /* or NULL for the whole city */
  int                 season;
  gint64              now;
  gint64              last_sync;      /* unix seconds; 0 when never synced */
  XaTotals            totals;
  XaProblemBreakdown *breakdown;
  GPtrArray          *districts;      /* XaDistrictTotals*, by code */
  GHashTable         *category_names; /* code → name in the user's language */
} XaDashboardFigures;

/* The figures of @store for @district_code_or_NULL (arguments as xa_totals_compute()). */
XaDashboardFigures *xa_dashboard_figures_compute (XaStore     *store,
                                                  const char  *district_code_or_NULL,
                                                  int          season,
                                                  gint64       now,
                                                  int          reassessment_years,
                                                  GError     **error);
void                xa_dashboard_figures_free    (XaDashboardFigures *figures);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaDashboardFigures, xa_dashboard_figures_free)

/* "Figures as of 2025-09-15 09:00" (local time), or that the store was never synced. */
char        *xa_dashboard_figures_as_of          (const XaDashboardFigures *figures);
/* Ports per registered e-bike as "0.98 : 1"; "No data" for NaN. */
char        *xa_dashboard_format_port_ratio      (double                    ratio);
/* "Whole City" or the district's name. */
const char  *xa_dashboard_figures_scope          (const XaDashboardFigures *figures);

/* One table of figures as text: a title, a header row and rows, all of @n_columns
 * cells. */
typedef struct
{
  char      *title;
  guint      n_columns;
  GPtrArray *rows;   /* GStrv, each of n_columns cells; rows->pdata[0] is the header */
} XaDashboardTable;

void xa_dashboard_table_free (XaDashboardTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaDashboardTable, xa_dashboard_table_free)

/* The report's sections, in order: each a title, its tables, and a chart or none. */
typedef enum
{
  XA_DASHBOARD_SECTION_COMPOUNDS,
  XA_DASHBOARD_SECTION_PROBLEMS,
  XA_DASHBOARD_SECTION_PROBLEM_MONTHS,
  XA_DASHBOARD_SECTION_FLOOD,
  XA_DASHBOARD_SECTION_CHARGING,
  XA_DASHBOARD_SECTION_ELEVATORS,
  XA_DASHBOARD_SECTION_DISTRICTS,
  XA_N_DASHBOARD_SECTIONS
} XaDashboardSection;

const char *xa_dashboard_section_title  (XaDashboardSection section);
/* The tables of @section, XaDashboardTable* (the array frees them). */
GPtrArray  *xa_dashboard_figures_tables (const XaDashboardFigures *figures,
                                         XaDashboardSection        section);

/* A bar per district for @measure, keyed by district code. */
XaChartData *xa_dashboard_figures_district_chart (const XaDashboardFigures *figures,
                                                  XaDashboardMeasure        measure);
/* Problems opened and resolved by month, the last @max_months months with any. */
XaChartData *xa_dashboard_figures_month_chart    (const XaDashboardFigures *figures,
                                                  guint                     max_months);

G_END_DECLS
