/* xa-city-summary.c — see xa-city-summary.h. The figures come from xa_totals_compute()
 * through xa-dashboard-figures, so the window, the report and the exports can never
 * disagree. The rows of splits whose number varies (categories) are made in code from the
 * report's own tables. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-city-summary.h"
#include "xa-dashboard-chart.h"
#include "xa-dashboard-figures.h"
#include "xa-format.h"
#include "xa-metrics.h"
#include "xa-store-queries.h"

struct _XaCitySummary
{
  AdwBin               parent_instance;

  GtkLabel            *scope_title_label;
  GtkLabel            *scope_subtitle_label;
  AdwPreferencesGroup *flood_group;
  GtkLabel            *compounds_label;
  GtkLabel            *revenue_recorded_label;
  GtkLabel            *special_accounts_label;
  GtkLabel            *supervised_label;
  GtkLabel            *coverage_label;
  GtkLabel            *charging_compounds_label;
  GtkLabel            *ports_label;
  GtkLabel            *smart_ports_label;
  GtkLabel            *flood_inspected_label;
  GtkLabel            *flood_ready_label;
  GtkLabel            *drills_label;
  GtkLabel            *flood_fixed_label;
  GtkLabel            *resolved_label;
  GtkLabel            *open_label;
  GtkLabel            *overdue_label;
  GtkLabel            *city_tier_label;
  GtkLabel            *elevators_label;
  AdwActionRow        *assessment_due_row;
  GtkLabel            *assessment_due_label;
  GtkLabel            *as_of_label;
  GtkDropDown         *measure_dropdown;
  XaDashboardChart    *district_chart;
  XaDashboardChart    *month_chart;
  GtkFlowBox          *splits_box;
  AdwPreferencesGroup *charging_group;
  AdwPreferencesGroup *problems_group;
  AdwPreferencesGroup *elevators_group;

  /* Rows made in code, beside those of the .ui. */
  GtkLabel            *flood_share_label;
  GtkLabel            *ebikes_label;
  GtkLabel            *port_ratio_label;
  GtkLabel            *problems_label;
  GtkLabel            *lifts_15_label;
  GtkLabel            *lifts_20_label;
  GPtrArray           *split_groups;   /* GtkFlowBoxChild*: the groups of the splits */

  XaDashboardFigures  *figures;        /* of the last update, for the chart and the report */
};

G_DEFINE_FINAL_TYPE (XaCitySummary, xa_city_summary, ADW_TYPE_BIN)

enum { FIGURE_ACTIVATED, DISTRICT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* A figure's row was activated: its name (the row's action target in the .ui). */
static void
show_compounds_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_signal_emit (widget, signals[FIGURE_ACTIVATED], 0, g_variant_get_string (parameter, NULL));
}

/* A figure's row made in code, not activatable: its value label. */
static GtkLabel *
add_value_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle_or_NULL)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle_or_NULL != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_or_NULL);
  gtk_widget_add_css_class (value, "xa-value");
  gtk_label_set_selectable (GTK_LABEL (value), FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (group, row);
  return GTK_LABEL (value);
}

/* A table of the report as a group of rows: the first cell the title, the second the
 * value, any others in the subtitle with their headers ("Open 3 · Overdue 1"). */
static GtkWidget *
table_group (const XaDashboardTable *table)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *child = gtk_flow_box_child_new ();
  GStrv header = g_ptr_array_index (table->rows, 0);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), table->title);
  for (guint i = 1; i < table->rows->len; i++)
    {
      GStrv cells = g_ptr_array_index (table->rows, i);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkLabel *value;

      for (guint c = 2; c < table->n_columns; c++)
        /* Translators: a figure in a row's subtitle, e.g. "Open 3"; then " · " between. */
        g_string_append_printf (subtitle, "%s%s %s", c > 2 ? _(" · ") : "", header[c],
                                cells[c]);
      value = add_value_row (ADW_PREFERENCES_GROUP (group), cells[0],
                             subtitle->len > 0 ? subtitle->str : NULL);
      gtk_label_set_label (value, cells[1]);
    }
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), group);
  gtk_widget_set_focusable (child, FALSE);
  gtk_widget_set_valign (child, GTK_ALIGN_START);
  return child;
}

/* The groups of the splits (by tier, category, renewal status, funding), made again from
 * the figures' tables each update. */
static void
show_splits (XaCitySummary *self)
{
  static const struct { XaDashboardSection section; guint table; } splits[] = {
    /* The long list of categories last, where it leaves no gap beside a short one. */
    { XA_DASHBOARD_SECTION_PROBLEMS, 1 },
    { XA_DASHBOARD_SECTION_ELEVATORS, 1 },
    { XA_DASHBOARD_SECTION_ELEVATORS, 2 },
    { XA_DASHBOARD_SECTION_PROBLEMS, 2 },
  };

  for (guint i = 0; i < self->split_groups->len; i++)
    gtk_flow_box_remove (self->splits_box, g_ptr_array_index (self->split_groups, i));
  g_ptr_array_set_size (self->split_groups, 0);
  for (guint i = 0; i < G_N_ELEMENTS (splits); i++)
    {
      g_autoptr(GPtrArray) tables = xa_dashboard_figures_tables (self->figures,
                                                                 splits[i].section);
      GtkWidget *child = table_group (g_ptr_array_index (tables, splits[i].table));

      gtk_flow_box_append (self->splits_box, child);
      g_ptr_array_add (self->split_groups, child);
    }
}

static XaDashboardMeasure
get_measure (XaCitySummary *self)
{
  guint selected = gtk_drop_down_get_selected (self->measure_dropdown);

  return selected < XA_N_DASHBOARD_MEASURES ? (XaDashboardMeasure) selected : 0;
}

static void
show_charts (XaCitySummary *self)
{
  if (self->figures == NULL)
    return;
  xa_dashboard_chart_set_data (self->district_chart,
                               xa_dashboard_figures_district_chart (self->figures,
                                                                    get_measure (self)));
  xa_dashboard_chart_set_chosen (self->district_chart, self->figures->district);
  xa_dashboard_chart_set_data (self->month_chart,
                               xa_dashboard_figures_month_chart (self->figures, 0));
}

/* A district's bar clicked: that district alone, or all of them again when it was the one
 * chosen already. */
static void
group_activated_cb (XaCitySummary *self,
                    const char    *code)
{
  const char *chosen = self->figures != NULL ? self->figures->district : NULL;

  g_signal_emit (self, signals[DISTRICT_ACTIVATED], 0,
                 g_strcmp0 (chosen, code) == 0 ? NULL : code);
}

/* Says whose figures these are: the whole city, or the district chosen on the map. */
static gboolean
show_scope (XaCitySummary  *self,
            XaStore        *store,
            const char     *district_code_or_NULL,
            GError        **error)
{
  XaDistrict *district;
  g_autoptr(GError) local_error = NULL;

  if (district_code_or_NULL == NULL)
    {
      gtk_label_set_label (self->scope_title_label, _("Whole City"));
      gtk_label_set_label (self->scope_subtitle_label,
                           _("Figures for all districts and counties. Choose a district on "
                             "the map to see its figures alone."));
      return TRUE;
    }

  district = xa_store_get_district (store, district_code_or_NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  gtk_label_set_label (self->scope_title_label,
                       district != NULL ? district->name : district_code_or_NULL);
  gtk_label_set_label (self->scope_subtitle_label,
                       _("Figures for this district alone, as chosen on the map. Choose "
                         "“All Districts” there to see the whole city."));
  g_clear_pointer (&district, xa_district_free);
  return TRUE;
}

/* The rule of the "Safety assessment due" figure, in its subtitle and at length in its
 * tooltip, with the interval of the settings. */
static void
show_assessment_rule (XaCitySummary *self,
                      int            reassessment_years)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;

  subtitle = g_strdup_printf (ngettext ("15+ years in service, not renewed, not assessed in "
                                        "the last %d year",
                                        "15+ years in service, not renewed, not assessed in "
                                        "the last %d years", reassessment_years),
                              reassessment_years);
  tooltip = g_strdup_printf (ngettext ("Elevators 15 or more years in service whose renewal "
                                       "is not done and that have no safety assessment on "
                                       "record, or one more than %d year old. An "
                                       "assessment without a date on record counts as made "
                                       "at 15 years.",
                                       "Elevators 15 or more years in service whose renewal "
                                       "is not done and that have no safety assessment on "
                                       "record, or one more than %d years old. An "
                                       "assessment without a date on record counts as made "
                                       "at 15 years.",
                                       reassessment_years),
                             reassessment_years);
  adw_action_row_set_subtitle (self->assessment_due_row, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->assessment_due_row), tooltip);
}

gboolean
xa_city_summary_update (XaCitySummary  *self,
                        XaStore        *store,
                        const char     *district_code_or_NULL,
                        int             season,
                        gint64          now,
                        int             reassessment_years,
                        GError        **error)
{
  g_autoptr(XaDashboardFigures) figures = NULL;
  XaTotals totals = { 0 };
  g_autofree char *as_of = NULL;
  g_autofree char *ratio = NULL;
  g_autofree char *yuan = NULL;
  g_autofree char *supervised = NULL;
  g_autofree char *coverage = NULL;
  g_autofree char *flood_title = NULL;

  g_return_val_if_fail (XA_IS_CITY_SUMMARY (self), FALSE);
  g_return_val_if_fail (XA_IS_STORE (store), FALSE);

  figures = xa_dashboard_figures_compute (store, district_code_or_NULL, season, now,
                                          reassessment_years, error);
  if (figures == NULL || !show_scope (self, store, district_code_or_NULL, error))
    return FALSE;
  totals = figures->totals;
  g_clear_pointer (&self->figures, xa_dashboard_figures_free);
  self->figures = g_steal_pointer (&figures);
  show_assessment_rule (self, reassessment_years);
  as_of = xa_dashboard_figures_as_of (self->figures);
  gtk_label_set_label (self->as_of_label, as_of);
  show_charts (self);
  show_splits (self);

  xa_format_label_count (self->compounds_label, totals.compounds);
  xa_format_label_count (self->revenue_recorded_label, totals.public_revenue_recorded);
  xa_format_label_count (self->special_accounts_label, totals.special_accounts);

  yuan = xa_format_fen_as_yuan (totals.supervised_fen);
  /* Translators: an amount of money; %s is the number of yuan, e.g. "36,932,300.00". */
  supervised = g_strdup_printf (_("%s yuan"), yuan);
  gtk_label_set_label (self->supervised_label, supervised);

  coverage = xa_format_percent (xa_totals_charging_coverage (&totals));
  gtk_label_set_label (self->coverage_label, coverage);
  xa_format_label_count (self->charging_compounds_label, totals.compounds_with_charging);
  xa_format_label_count (self->ports_label, totals.charging_ports);
  xa_format_label_count (self->smart_ports_label, totals.smart_ports);

  /* Translators: a group title; %d is the year of the flood season. */
  flood_title = g_strdup_printf (_("Flood Prevention, %d Season"), season);
  adw_preferences_group_set_title (self->flood_group, flood_title);
  xa_format_label_count (self->flood_inspected_label, totals.flood_inspected);
  xa_format_label_count (self->flood_ready_label, totals.flood_ready);
  xa_format_label_count (self->drills_label, totals.drills_held);
  xa_format_label_count (self->flood_fixed_label, totals.flood_problems_fixed);
  g_clear_pointer (&coverage, g_free);
  coverage = xa_format_percent (xa_totals_flood_ready_share (&totals));
  gtk_label_set_label (self->flood_share_label, coverage);
  xa_format_label_count (self->ebikes_label, (gint64) totals.registered_ebikes);
  ratio = xa_dashboard_format_port_ratio (xa_totals_port_ratio (&totals));
  gtk_label_set_label (self->port_ratio_label, ratio);
  xa_format_label_count (self->problems_label, totals.problems);
  xa_format_label_count (self->lifts_15_label, totals.elevators_15_years);
  xa_format_label_count (self->lifts_20_label, totals.elevators_20_years);

  xa_format_label_count (self->resolved_label, totals.problems_resolved);
  xa_format_label_count (self->open_label, totals.problems_open);
  xa_format_label_count (self->overdue_label, totals.problems_overdue);
  if (totals.problems_overdue > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->overdue_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->overdue_label), "error");

  xa_format_label_count (self->city_tier_label, totals.city_tier_compounds);

  xa_format_label_count (self->elevators_label, totals.elevators);
  xa_format_label_count (self->assessment_due_label, totals.elevators_assessment_due);
  return TRUE;
}

static void
xa_city_summary_dispose (GObject *object)
{
  XaCitySummary *self = XA_CITY_SUMMARY (object);

  g_clear_pointer (&self->split_groups, g_ptr_array_unref);
  g_clear_pointer (&self->figures, xa_dashboard_figures_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), XA_TYPE_CITY_SUMMARY);

  G_OBJECT_CLASS (xa_city_summary_parent_class)->dispose (object);
}

static void
xa_city_summary_class_init (XaCitySummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xa_city_summary_dispose;

  signals[FIGURE_ACTIVATED] = g_signal_new ("figure-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_install_action (widget_class, "summary.show-compounds", "s",
                                   show_compounds_action);
  /* A district's bar activated: its code, or NULL for all districts again. */
  signals[DISTRICT_ACTIVATED] = g_signal_new ("district-activated", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_STRING);
  g_type_ensure (XA_TYPE_DASHBOARD_CHART);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/xiaoquatlas/XiaoquAtlas/xa-city-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, scope_title_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, scope_subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, flood_group);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, compounds_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, revenue_recorded_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, special_accounts_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, supervised_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, coverage_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, charging_compounds_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, ports_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, smart_ports_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, flood_inspected_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, flood_ready_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, drills_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, flood_fixed_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, resolved_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, open_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, city_tier_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, elevators_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, assessment_due_row);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, assessment_due_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, district_chart);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, month_chart);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, splits_box);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, charging_group);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, problems_group);
  gtk_widget_class_bind_template_child (widget_class, XaCitySummary, elevators_group);
}

static void
xa_city_summary_init (XaCitySummary *self)
{
  g_autoptr(GtkStringList) measures = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < XA_N_DASHBOARD_MEASURES; i++)
    gtk_string_list_append (measures, xa_dashboard_measure_title (i));
  gtk_drop_down_set_model (self->measure_dropdown, G_LIST_MODEL (measures));
  g_signal_connect_swapped (self->measure_dropdown, "notify::selected",
                            G_CALLBACK (show_charts), self);
  g_signal_connect_swapped (self->district_chart, "group-activated",
                            G_CALLBACK (group_activated_cb), self);
  self->split_groups = g_ptr_array_new ();

  self->flood_share_label = add_value_row (self->flood_group, _("Flood-ready share"),
                                           _("All four items in place, as a share of all "
                                             "compounds"));
  self->ebikes_label = add_value_row (self->charging_group, _("Registered e-bikes"), NULL);
  self->port_ratio_label = add_value_row (self->charging_group, _("Port ratio"),
                                          _("Charging ports per registered e-bike; the "
                                            "target is 1 : 1"));
  self->problems_label = add_value_row (self->problems_group, _("Problems"),
                                        _("Every problem on the ledger"));
  self->lifts_15_label = add_value_row (self->elevators_group,
                                        _("15 or more years in service"), NULL);
  self->lifts_20_label = add_value_row (self->elevators_group,
                                        _("20 or more years in service"), NULL);
}

const XaDashboardFigures *
xa_city_summary_get_figures (XaCitySummary *self)
{
  g_return_val_if_fail (XA_IS_CITY_SUMMARY (self), NULL);

  return self->figures;
}

XaDashboardMeasure
xa_city_summary_get_measure (XaCitySummary *self)
{
  g_return_val_if_fail (XA_IS_CITY_SUMMARY (self), 0);

  return get_measure (self);
}
