/* xa-dashboard-figures.c — see xa-dashboard-figures.h. Only words and formats live here:
 * every number comes from xa-metrics (one pass for the scope, one for the districts). */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xa-dashboard-figures.h"
#include "xa-format.h"
#include "xa-record-words.h"
#include "xa-store-queries.h"

/* The months the chart and the table by month show: a year and the month before it, so
 * the same month of last year is in view. */
#define MONTHS_SHOWN 13

const char *
xa_dashboard_measure_title (XaDashboardMeasure measure)
{
  switch (measure)
    {
    case XA_DASHBOARD_MEASURE_OPEN_PROBLEMS:
      return _("Open problems");
    case XA_DASHBOARD_MEASURE_OVERDUE:
      return _("Overdue problems");
    case XA_DASHBOARD_MEASURE_FLOOD_READY:
      return _("Flood-ready share");
    case XA_DASHBOARD_MEASURE_CHARGING:
      return _("Charging coverage");
    case XA_DASHBOARD_MEASURE_LIFTS_20_YEARS:
      return _("Elevators 20+ years in service");
    case XA_N_DASHBOARD_MEASURES:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
xa_dashboard_section_title (XaDashboardSection section)
{
  switch (section)
    {
    case XA_DASHBOARD_SECTION_COMPOUNDS:
      return _("Compounds and Public Revenue");
    case XA_DASHBOARD_SECTION_PROBLEMS:
      return _("Problems and Appeals");
    case XA_DASHBOARD_SECTION_PROBLEM_MONTHS:
      return _("Problems by Month");
    case XA_DASHBOARD_SECTION_FLOOD:
      return _("Flood Prevention");
    case XA_DASHBOARD_SECTION_CHARGING:
      return _("E-Bike Charging");
    case XA_DASHBOARD_SECTION_ELEVATORS:
      return _("Elevators");
    case XA_DASHBOARD_SECTION_DISTRICTS:
      return _("Districts Compared");
    case XA_N_DASHBOARD_SECTIONS:
    default:
      g_return_val_if_reached ("");
    }
}

/* ---- Computing ---- */

XaDashboardFigures *
xa_dashboard_figures_compute (XaStore     *store,
                              const char  *district_code_or_NULL,
                              int          season,
                              gint64       now,
                              int          reassessment_years,
                              GError     **error)
{
  g_autoptr(XaDashboardFigures) figures = g_new0 (XaDashboardFigures, 1);
  g_autofree char *server = NULL;

  g_return_val_if_fail (XA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  figures->district = g_strdup (district_code_or_NULL);
  figures->season = season;
  figures->now = now;
  figures->breakdown = xa_problem_breakdown_new ();
  figures->category_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!xa_totals_compute_breakdown (store, district_code_or_NULL, season, now,
                                    reassessment_years, &figures->totals, figures->breakdown,
                                    error))
    return NULL;
  figures->districts = xa_totals_compute_by_district (store, season, now, reassessment_years,
                                                      error);
  if (figures->districts == NULL)
    return NULL;
  if (!xa_record_words_category_names (store, figures->category_names, error))
    return NULL;
  for (guint i = 0; district_code_or_NULL != NULL && i < figures->districts->len; i++)
    {
      XaDistrictTotals *row = g_ptr_array_index (figures->districts, i);

      if (g_str_equal (row->code, district_code_or_NULL))
        figures->district_name = g_strdup (row->name);
    }
  /* The store names the one server it mirrors; its last page is the figures' date. */
  server = xa_store_dup_server (store);
  if (server != NULL)
    figures->last_sync = xa_store_get_last_sync (store, server);
  return g_steal_pointer (&figures);
}

void
xa_dashboard_figures_free (XaDashboardFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->district);
  g_free (figures->district_name);
  g_clear_pointer (&figures->breakdown, xa_problem_breakdown_free);
  g_clear_pointer (&figures->districts, g_ptr_array_unref);
  g_clear_pointer (&figures->category_names, g_hash_table_unref);
  g_free (figures);
}

char *
xa_dashboard_figures_as_of (const XaDashboardFigures *figures)
{
  g_autofree char *time = NULL;

  g_return_val_if_fail (figures != NULL, NULL);

  if (figures->last_sync <= 0)
    return g_strdup (_("Figures of records never synced"));
  time = xa_format_date_time (figures->last_sync);
  /* Translators: at the top of the Dashboard and of its report; %s is the date and time
   * of the last sync, e.g. "2025-09-15 09:00". */
  return g_strdup_printf (_("Figures as of %s"), time);
}

const char *
xa_dashboard_figures_scope (const XaDashboardFigures *figures)
{
  g_return_val_if_fail (figures != NULL, NULL);

  if (figures->district == NULL)
    return _("Whole City");
  return figures->district_name != NULL ? figures->district_name : figures->district;
}

/* ---- Tables ---- */

void
xa_dashboard_table_free (XaDashboardTable *table)
{
  if (table == NULL)
    return;
  g_free (table->title);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* A new table in @tables, with its header of @n_columns cells after @title. */
static XaDashboardTable *
table_new (GPtrArray  *tables,
           const char *title,
           guint       n_columns,
           ...)
{
  XaDashboardTable *table = g_new0 (XaDashboardTable, 1);
  GStrv header = g_new0 (char *, n_columns + 1);
  va_list args;

  table->title = g_strdup (title);
  table->n_columns = n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  va_start (args, n_columns);
  for (guint i = 0; i < n_columns; i++)
    header[i] = g_strdup (va_arg (args, const char *));
  va_end (args);
  g_ptr_array_add (table->rows, header);
  g_ptr_array_add (tables, table);
  return table;
}

/* Adds a row whose cells are @n_columns strings, the ones after the first taken (freed). */
static void
table_add (XaDashboardTable *table,
           const char       *first,
           ...)
{
  GStrv row = g_new0 (char *, table->n_columns + 1);
  va_list args;

  row[0] = g_strdup (first);
  va_start (args, first);
  for (guint i = 1; i < table->n_columns; i++)
    row[i] = va_arg (args, char *);
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

static XaDashboardTable *
figures_table (GPtrArray  *tables,
               const char *title)
{
  return table_new (tables, title, 2, _("Figure"), _("Value"));
}

static char *
yuan (gint64 fen)
{
  g_autofree char *amount = xa_format_fen_as_yuan (fen);

  /* Translators: an amount of money; %s is the number of yuan, e.g. "36,932,300.00". */
  return g_strdup_printf (_("%s yuan"), amount);
}

char *
xa_dashboard_format_port_ratio (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup (_("No data"));
  /* Always a dot, as xa_format_percent() writes one. */
  g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  /* Translators: ports per registered e-bike; %s is e.g. "0.98" (the target is 1 : 1). */
  return g_strdup_printf (_("%s : 1"), buf);
}

static char *
month_label (const XaMonthCount *month)
{
  return g_strdup_printf ("%04d-%02d", month->year, month->month);
}

static void
add_compound_tables (const XaDashboardFigures *f,
                     GPtrArray                *tables)
{
  XaDashboardTable *t = figures_table (tables, _("Compounds and Public Revenue"));

  table_add (t, _("Compounds"), xa_format_count (f->totals.compounds));
  table_add (t, _("Public revenue recorded"), xa_format_count (f->totals.public_revenue_recorded));
  table_add (t, _("Special accounts opened"), xa_format_count (f->totals.special_accounts));
  table_add (t, _("Public revenue under supervision"), yuan (f->totals.supervised_fen));
}

static void
add_problem_tables (const XaDashboardFigures *f,
                    GPtrArray                *tables)
{
  XaDashboardTable *t = figures_table (tables, _("Problems and Appeals"));
  g_autoptr(GPtrArray) categories = xa_problem_breakdown_categories (f->breakdown);

  table_add (t, _("Problems"), xa_format_count (f->totals.problems));
  table_add (t, _("Resolved"), xa_format_count (f->totals.problems_resolved));
  table_add (t, _("Open"), xa_format_count (f->totals.problems_open));
  table_add (t, _("Overdue"), xa_format_count (f->totals.problems_overdue));
  table_add (t, _("Solved at city level"), xa_format_count (f->totals.city_tier_compounds));

  t = table_new (tables, _("By Tier"), 3, _("Tier"), _("Problems"), _("Open"));
  for (guint i = 0; i < XA_N_PROBLEM_TIERS; i++)
    table_add (t, xa_record_words_problem_tier (i),
               xa_format_count (f->totals.problems_by_tier[i]),
               xa_format_count (f->totals.problems_open_by_tier[i]));

  t = table_new (tables, _("By Category"), 5, _("Category"), _("Problems"), _("Resolved"),
                 _("Open"), _("Overdue"));
  for (guint i = 0; i < categories->len; i++)
    {
      XaCategoryCount *c = g_ptr_array_index (categories, i);
      const char *name = g_hash_table_lookup (f->category_names, c->category);

      table_add (t, name != NULL ? name : c->category, xa_format_count (c->problems),
                 xa_format_count (c->resolved), xa_format_count (c->open),
                 xa_format_count (c->overdue));
    }
}

static void
add_month_table (const XaDashboardFigures *f,
                 GPtrArray                *tables)
{
  g_autoptr(GArray) months = xa_problem_breakdown_months (f->breakdown, MONTHS_SHOWN);
  XaDashboardTable *t = table_new (tables, _("Problems by Month"), 3, _("Month"), _("Opened"),
                                   _("Resolved"));

  for (guint i = 0; i < months->len; i++)
    {
      XaMonthCount *m = &g_array_index (months, XaMonthCount, i);
      g_autofree char *label = month_label (m);

      table_add (t, label, xa_format_count (m->opened), xa_format_count (m->resolved));
    }
}

static void
add_flood_tables (const XaDashboardFigures *f,
                  GPtrArray                *tables)
{
  /* Translators: a table title; %d is the year of the flood season. */
  g_autofree char *title = g_strdup_printf (_("Flood Prevention, %d Season"), f->season);
  XaDashboardTable *t = figures_table (tables, title);

  table_add (t, _("Compounds inspected"), xa_format_count (f->totals.flood_inspected));
  table_add (t, _("All four items in place"), xa_format_count (f->totals.flood_ready));
  table_add (t, _("Flood-ready share"),
             xa_format_percent (xa_totals_flood_ready_share (&f->totals)));
  table_add (t, _("Drills held"), xa_format_count (f->totals.drills_held));
  table_add (t, _("Problems found and fixed"), xa_format_count (f->totals.flood_problems_fixed));
}

static void
add_charging_tables (const XaDashboardFigures *f,
                     GPtrArray                *tables)
{
  XaDashboardTable *t = figures_table (tables, _("E-Bike Charging"));

  table_add (t, _("Charging coverage"),
             xa_format_percent (xa_totals_charging_coverage (&f->totals)));
  table_add (t, _("Compounds with charging facilities"),
             xa_format_count (f->totals.compounds_with_charging));
  table_add (t, _("Charging ports"), xa_format_count (f->totals.charging_ports));
  table_add (t, _("Smart charging ports"), xa_format_count (f->totals.smart_ports));
  table_add (t, _("Registered e-bikes"), xa_format_count ((gint64) f->totals.registered_ebikes));
  table_add (t, _("Port ratio"),
             xa_dashboard_format_port_ratio (xa_totals_port_ratio (&f->totals)));
}

static void
add_elevator_tables (const XaDashboardFigures *f,
                     GPtrArray                *tables)
{
  XaDashboardTable *t = figures_table (tables, _("Elevators"));

  table_add (t, _("Elevators"), xa_format_count (f->totals.elevators));
  table_add (t, _("15 or more years in service"), xa_format_count (f->totals.elevators_15_years));
  table_add (t, _("20 or more years in service"), xa_format_count (f->totals.elevators_20_years));
  table_add (t, _("Safety assessment due"), xa_format_count (f->totals.elevators_assessment_due));

  t = table_new (tables, _("Renewal by Status"), 2, _("Renewal status"), _("Elevators"));
  for (guint i = 0; i < XA_N_RENEWAL_STATUSES; i++)
    table_add (t, xa_record_words_renewal (i),
               xa_format_count (f->totals.elevators_by_renewal[i]));

  t = table_new (tables, _("Renewal by Funding"), 2, _("Funding source"), _("Elevators"));
  for (guint i = 0; i < XA_N_FUNDING_SOURCES; i++)
    table_add (t, xa_record_words_funding (i),
               xa_format_count (f->totals.elevators_by_funding[i]));
}

static char *
measure_text (const XaTotals     *totals,
              XaDashboardMeasure  measure,
              double             *out_value)
{
  double value = 0;
  gboolean percent = FALSE;

  switch (measure)
    {
    case XA_DASHBOARD_MEASURE_OPEN_PROBLEMS:
      value = totals->problems_open;
      break;
    case XA_DASHBOARD_MEASURE_OVERDUE:
      value = totals->problems_overdue;
      break;
    case XA_DASHBOARD_MEASURE_FLOOD_READY:
      value = xa_totals_flood_ready_share (totals);
      percent = TRUE;
      break;
    case XA_DASHBOARD_MEASURE_CHARGING:
      value = xa_totals_charging_coverage (totals);
      percent = TRUE;
      break;
    case XA_DASHBOARD_MEASURE_LIFTS_20_YEARS:
      value = totals->elevators_20_years;
      break;
    case XA_N_DASHBOARD_MEASURES:
    default:
      g_assert_not_reached ();
    }
  if (out_value != NULL)
    *out_value = value;
  return percent ? xa_format_percent (value) : xa_format_count ((gint64) value);
}

static void
add_district_tables (const XaDashboardFigures *f,
                     GPtrArray                *tables)
{
  XaDashboardTable *t = table_new (tables, _("Districts Compared"), 2 + XA_N_DASHBOARD_MEASURES,
                                   _("District"), _("Compounds"),
                                   xa_dashboard_measure_title (0), xa_dashboard_measure_title (1),
                                   xa_dashboard_measure_title (2), xa_dashboard_measure_title (3),
                                   xa_dashboard_measure_title (4));

  G_STATIC_ASSERT (XA_N_DASHBOARD_MEASURES == 5);
  for (guint i = 0; i < f->districts->len; i++)
    {
      XaDistrictTotals *row = g_ptr_array_index (f->districts, i);

      table_add (t, row->name, xa_format_count (row->totals.compounds),
                 measure_text (&row->totals, 0, NULL), measure_text (&row->totals, 1, NULL),
                 measure_text (&row->totals, 2, NULL), measure_text (&row->totals, 3, NULL),
                 measure_text (&row->totals, 4, NULL));
    }
}

GPtrArray *
xa_dashboard_figures_tables (const XaDashboardFigures *figures,
                             XaDashboardSection        section)
{
  GPtrArray *tables;

  g_return_val_if_fail (figures != NULL, NULL);

  tables = g_ptr_array_new_with_free_func ((GDestroyNotify) xa_dashboard_table_free);
  switch (section)
    {
    case XA_DASHBOARD_SECTION_COMPOUNDS:
      add_compound_tables (figures, tables);
      break;
    case XA_DASHBOARD_SECTION_PROBLEMS:
      add_problem_tables (figures, tables);
      break;
    case XA_DASHBOARD_SECTION_PROBLEM_MONTHS:
      add_month_table (figures, tables);
      break;
    case XA_DASHBOARD_SECTION_FLOOD:
      add_flood_tables (figures, tables);
      break;
    case XA_DASHBOARD_SECTION_CHARGING:
      add_charging_tables (figures, tables);
      break;
    case XA_DASHBOARD_SECTION_ELEVATORS:
      add_elevator_tables (figures, tables);
      break;
    case XA_DASHBOARD_SECTION_DISTRICTS:
      add_district_tables (figures, tables);
      break;
    case XA_N_DASHBOARD_SECTIONS:
    default:
      g_return_val_if_reached (tables);
    }
  return tables;
}

/* ---- Charts ---- */

XaChartData *
xa_dashboard_figures_district_chart (const XaDashboardFigures *figures,
                                     XaDashboardMeasure        measure)
{
  XaChartData *data;

  g_return_val_if_fail (figures != NULL, NULL);
  g_return_val_if_fail (measure < XA_N_DASHBOARD_MEASURES, NULL);

  data = xa_chart_data_new (xa_dashboard_measure_title (measure),
                            xa_dashboard_measure_title (measure), NULL);
  for (guint i = 0; i < figures->districts->len; i++)
    {
      XaDistrictTotals *row = g_ptr_array_index (figures->districts, i);
      double value;
      g_autofree char *text = measure_text (&row->totals, measure, &value);

      xa_chart_data_add (data, row->code, row->name, value, text, 0, NULL);
    }
  return data;
}

XaChartData *
xa_dashboard_figures_month_chart (const XaDashboardFigures *figures,
                                  guint                     max_months)
{
  g_autoptr(GArray) months = NULL;
  XaChartData *data;

  g_return_val_if_fail (figures != NULL, NULL);

  months = xa_problem_breakdown_months (figures->breakdown,
                                        max_months > 0 ? max_months : MONTHS_SHOWN);
  data = xa_chart_data_new (_("Problems by Month"), _("Opened"),
                            _("Resolved"));
  for (guint i = 0; i < months->len; i++)
    {
      XaMonthCount *m = &g_array_index (months, XaMonthCount, i);
      /* The year only where it starts, as calendars print it: thirteen "2025-"s would
       * leave the months no room. */
      g_autofree char *label = i == 0 || m->month == 1 ? month_label (m)
                                                       : g_strdup_printf ("%02d", m->month);
      g_autofree char *opened = xa_format_count (m->opened);
      g_autofree char *resolved = xa_format_count (m->resolved);

      xa_chart_data_add (data, NULL, label, m->opened, opened, m->resolved, resolved);
    }
  return data;
}
