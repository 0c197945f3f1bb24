/* xa-priority-settings.c — see xa-priority-settings.h. One table links each key to its
 * field and to its row's words, so that reading, resetting and showing the keys cannot drift
 * apart; the spin buttons take their ranges from the schema itself. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-priority-settings.h"

typedef struct
{
  const char *key;
  gsize       offset;        /* of the int in XaPriorityParams */
  const char *title;
  const char *subtitle;
} PriorityKey;

static const PriorityKey priority_keys[] = {
  { "priority-scope-years", G_STRUCT_OFFSET (XaPriorityParams, scope_years),
    N_("Programme From"), N_("Years in service; younger and renewed elevators get no priority") },
  { "priority-old-years", G_STRUCT_OFFSET (XaPriorityParams, old_years),
    N_("Old From"), N_("Years in service") },
  { "priority-points-scope", G_STRUCT_OFFSET (XaPriorityParams, points_scope),
    N_("In the Programme"), N_("Points for every elevator in the programme") },
  { "priority-points-old", G_STRUCT_OFFSET (XaPriorityParams, points_old),
    N_("Old Elevator"), N_("Points added for an old elevator") },
  { "priority-points-per-fault", G_STRUCT_OFFSET (XaPriorityParams, points_per_fault),
    N_("Each Fault"), N_("Points per fault in the last 12 months") },
  { "priority-faults-cap", G_STRUCT_OFFSET (XaPriorityParams, faults_cap),
    N_("Most for Faults"), N_("Points faults can add at most") },
  { "priority-points-per-entrapment", G_STRUCT_OFFSET (XaPriorityParams, points_per_entrapment),
    N_("Each Entrapment"), N_("Points per entrapment in the last 12 months") },
  { "priority-entrapments-cap", G_STRUCT_OFFSET (XaPriorityParams, entrapments_cap),
    N_("Most for Entrapments"), N_("Points entrapments can add at most") },
  { "priority-points-inspection-fail",
    G_STRUCT_OFFSET (XaPriorityParams, points_inspection_fail),
    N_("Failed Inspection"), N_("Points when the last periodic inspection failed") },
  { "priority-points-inspection-remarks",
    G_STRUCT_OFFSET (XaPriorityParams, points_inspection_remarks),
    N_("Inspection With Remarks"), N_("Points when it passed with remarks") },
  { "priority-points-grade-c", G_STRUCT_OFFSET (XaPriorityParams, points_grade_c),
    N_("Grade C"), N_("Points for safety assessment grade C") },
  { "priority-points-grade-d", G_STRUCT_OFFSET (XaPriorityParams, points_grade_d),
    N_("Grade D"), N_("Points for safety assessment grade D") },
  { "priority-points-assessment-due",
    G_STRUCT_OFFSET (XaPriorityParams, points_assessment_due),
    N_("Assessment Out of Date"), N_("Points when the elevator is due for a safety assessment") },
};

void
xa_priority_params_from_settings (GSettings        *settings,
                                  XaPriorityParams *out)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (out != NULL);

  *out = xa_priority_params_default ();
  for (gsize i = 0; i < G_N_ELEMENTS (priority_keys); i++)
    G_STRUCT_MEMBER (int, out, priority_keys[i].offset) =
      g_settings_get_int (settings, priority_keys[i].key);
  /* The interval of the "assessment due" figure, so that both count the same lifts. */
  out->reassessment_years = g_settings_get_int (settings, "reassessment-interval");
}

void
xa_priority_settings_reset (GSettings *settings)
{
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GSettings) batch = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));

  /* Applied at once, so that nobody re-sorts on a half-restored formula; on an object of its
   * own, because delay mode, once set, stays on the object for good. */
  g_object_get (settings, "backend", &backend, "settings-schema", &schema, "path", &path, NULL);
  batch = g_settings_new_full (schema, backend, path);
  g_settings_delay (batch);
  for (gsize i = 0; i < G_N_ELEMENTS (priority_keys); i++)
    g_settings_reset (batch, priority_keys[i].key);
  g_settings_apply (batch);
}

static GtkWidget *
spin_button_for_key (GSettings  *settings,
                     const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *type;
  int lower, upper;
  GtkWidget *spin;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &type, &limits);
  g_assert (g_str_equal (type, "range"));
  g_variant_get (limits, "(ii)", &lower, &upper);

  spin = gtk_spin_button_new_with_range (lower, upper, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  /* One width for all, caps up to 1000 included, so that the column of values lines up. */
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);
  g_settings_bind (settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
  return spin;
}

void
xa_priority_settings_add_rows (AdwPreferencesGroup *group,
                               GSettings           *settings)
{
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));
  g_return_if_fail (G_IS_SETTINGS (settings));

  for (gsize i = 0; i < G_N_ELEMENTS (priority_keys); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = spin_button_for_key (settings, priority_keys[i].key);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(priority_keys[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(priority_keys[i].subtitle));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      /* Read out under the row's title, as the window's other spin buttons. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(priority_keys[i].title), -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
      gtk_widget_set_name (spin, priority_keys[i].key);
      adw_preferences_group_add (group, row);
    }
}
