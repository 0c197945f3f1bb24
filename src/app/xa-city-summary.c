/* xa-city-summary.c — see xa-city-summary.h. The figures come from xa_totals_compute()
 * so the window, the dashboard and the exports can never disagree. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-city-summary.h"
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
};

G_DEFINE_FINAL_TYPE (XaCitySummary, xa_city_summary, ADW_TYPE_BIN)

enum { FIGURE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* A figure's row was activated: its name (the row's action target in the .ui). */
static void
show_compounds_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_signal_emit (widget, signals[FIGURE_ACTIVATED], 0, g_variant_get_string (parameter, NULL));
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
  XaTotals totals = { 0 };
  g_autofree char *yuan = NULL;
  g_autofree char *supervised = NULL;
  g_autofree char *coverage = NULL;
  g_autofree char *flood_title = NULL;

  g_return_val_if_fail (XA_IS_CITY_SUMMARY (self), FALSE);
  g_return_val_if_fail (XA_IS_STORE (store), FALSE);

  if (!xa_totals_compute (store, district_code_or_NULL, season, now, reassessment_years,
                          &totals, error)
      || !show_scope (self, store, district_code_or_NULL, error))
    return FALSE;
  show_assessment_rule (self, reassessment_years);

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
}

static void
xa_city_summary_init (XaCitySummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
