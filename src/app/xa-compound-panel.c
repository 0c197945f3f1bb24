/* xa-compound-panel.c — see xa-compound-panel.h. Everything is read from the store when a
 * compound is set; nothing is kept but the id, so a refresh after a sync is one more call.
 * This file reads the records (or says why it could not) and fills the sections: the facts,
 * the flood checklist and charging rows of the template, and the groups of rows made in
 * code, which xa-compound-panel-rows.c builds one record at a time. Records hold wire
 * values (enumerations, unix seconds, fen); they become the local times (UTC+8) and yuan
 * the bureau reads here and in xa-compound-panel-rows.c, and words in xa-record-words.c. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xa-compound-panel-private.h"
#include "xa-format.h"
#include "xa-map-legend.h"
#include "xa-record-words.h"
#include "xa-store-edits.h"
#include "xa-store-queries.h"

/* Enough resolved problems to show what was done lately without burying the open ones. */
#define MAX_RESOLVED_SHOWN 3
/* "Recently resolved" counts the last twelve months. */
#define RECENT_SECONDS (365 * 24 * 3600)

enum
{
  FLOOD_DRILLS_ROW,
  FLOOD_PUMPS_ROW,
  FLOOD_SANDBAGS_ROW,
  FLOOD_LOW_LYING_ROW,
  FLOOD_PROBLEMS_ROW,
  FLOOD_INSPECTED_ROW,
  N_FLOOD_ROWS
};

enum
{
  CHARGING_EBIKES_ROW,
  CHARGING_PORTS_ROW,
  CHARGING_SMART_ROW,
  CHARGING_SHEDS_ROW,
  CHARGING_OUTSIDE_ROW,
  CHARGING_RATIO_ROW,
  N_CHARGING_ROWS
};

struct _XaCompoundPanel
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  GtkWidget           *sync_again_button;
  GtkScrolledWindow   *scrolled;

  GtkLabel            *name_label;
  GtkLabel            *place_label;
  GtkLabel            *address_label;
  GtkButton           *agenda_button;
  GtkLabel            *kind_label;
  GtkLabel            *built_label;
  GtkLabel            *buildings_label;
  GtkLabel            *households_label;
  AdwActionRow        *property_row;
  GtkLabel            *committee_label;
  GtkLabel            *revenue_recorded_label;
  GtkLabel            *special_account_label;
  GtkLabel            *supervised_label;

  AdwPreferencesGroup *cadre_group;

  AdwPreferencesGroup *flood_group;
  AdwActionRow        *flood_item_rows[XA_N_FLOOD_ITEMS];
  GtkLabel            *flood_marks[XA_N_FLOOD_ITEMS];
  GtkWidget           *flood_rows[N_FLOOD_ROWS];
  GtkLabel            *flood_drills_label;
  GtkLabel            *flood_pumps_label;
  GtkLabel            *flood_sandbags_label;
  GtkLabel            *flood_low_lying_label;
  GtkLabel            *flood_problems_label;
  GtkWidget           *flood_missing_row;

  GtkWidget           *charging_rows[N_CHARGING_ROWS];
  GtkLabel            *charging_ebikes_label;
  GtkLabel            *charging_ports_label;
  GtkLabel            *charging_smart_label;
  GtkLabel            *charging_sheds_label;
  GtkLabel            *charging_outside_label;
  GtkLabel            *charging_ratio_label;
  AdwBin              *charging_swatch_bin;
  GtkWidget           *charging_missing_row;

  AdwPreferencesGroup *elevator_group;
  AdwPreferencesGroup *problem_group;
  AdwPreferencesGroup *resolved_group;

  /* The rows added in code, removed again on the next compound. */
  GPtrArray           *cadre_rows;
  GPtrArray           *elevator_rows;
  GPtrArray           *problem_rows;
  GPtrArray           *resolved_rows;

  char                *compound_id;
  /* For the years a safety assessment counts ("reassessment-interval"). */
  GSettings           *settings;
};

G_DEFINE_FINAL_TYPE (XaCompoundPanel, xa_compound_panel, ADW_TYPE_BIN)

static void
set_style (GtkWidget  *widget,
           const char *css_class,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/* ---- Rows made in code (built in xa-compound-panel-rows.c) ----------------------------- */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

/* ---- Sections --------------------------------------------------------------------------- */

static void
show_facts (XaCompoundPanel  *self,
            const XaCompound *compound,
            const XaDistrict *district)
{
  g_autofree char *place = _xa_compound_panel_join_parts (district != NULL ? district->name
                                                                          : compound->district,
                                                          compound->subdistrict,
                                                          compound->community, NULL);
  g_autofree char *built = NULL, *yuan = NULL, *supervised = NULL;

  gtk_label_set_label (self->name_label, compound->name);
  gtk_label_set_label (self->place_label, place);
  gtk_label_set_label (self->address_label, compound->address);
  gtk_label_set_label (self->kind_label, xa_record_words_kind (compound->kind));
  built = compound->built_year > 0 ? g_strdup_printf ("%d", compound->built_year)
                                   : g_strdup (_("Unknown"));
  gtk_label_set_label (self->built_label, built);
  xa_format_label_count (self->buildings_label, compound->buildings);
  xa_format_label_count (self->households_label, compound->households);
  adw_action_row_set_subtitle (self->property_row,
                               compound->property_company != NULL ? compound->property_company
                                                                  : _("Self-managed"));
  gtk_label_set_label (self->committee_label, xa_record_words_yes_no (compound->owners_committee));

  gtk_label_set_label (self->revenue_recorded_label,
                       xa_record_words_yes_no (compound->public_revenue_recorded));
  gtk_label_set_label (self->special_account_label,
                       xa_record_words_yes_no (compound->special_account));
  yuan = xa_format_fen_as_yuan (compound->supervised_fen);
  /* Translators: an amount of money; %s is the number of yuan, e.g. "36,932,300.00". */
  supervised = g_strdup_printf (_("%s yuan"), yuan);
  gtk_label_set_label (self->supervised_label, supervised);
}

static void
show_cadres (XaCompoundPanel *self,
             GPtrArray       *cadres)
{
  clear_rows (self->cadre_group, self->cadre_rows);
  for (guint i = 0; cadres != NULL && i < cadres->len; i++)
    add_row (self->cadre_group, self->cadre_rows,
             _xa_compound_panel_cadre_row_new (g_ptr_array_index (cadres, i)));
  if (self->cadre_rows->len == 0)
    add_row (self->cadre_group, self->cadre_rows,
             GTK_WIDGET (_xa_compound_panel_data_row_new (_("No cadre assigned"), NULL)));
}

static void
show_flood (XaCompoundPanel    *self,
            const XaFloodCheck *check,
            int                 season)
{
  g_autofree char *title = NULL, *band = NULL;
  gboolean inspected = check != NULL;

  /* Translators: a group title; %d is the year of the flood season. */
  title = g_strdup_printf (_("Flood Prevention, %d Season"), season);
  adw_preferences_group_set_title (self->flood_group, title);
  band = xa_overlay_band_label (XA_OVERLAY_FLOOD, xa_metrics_flood_band (check, season), NULL);
  adw_preferences_group_set_description (self->flood_group, inspected ? band : NULL);

  gtk_widget_set_visible (self->flood_missing_row, !inspected);
  for (guint i = 0; i < N_FLOOD_ROWS; i++)
    gtk_widget_set_visible (self->flood_rows[i], inspected);
  for (guint i = 0; i < XA_N_FLOOD_ITEMS; i++)
    gtk_widget_set_visible (GTK_WIDGET (self->flood_item_rows[i]), inspected);
  if (!inspected)
    return;

  for (guint i = 0; i < XA_N_FLOOD_ITEMS; i++)
    {
      const XaFloodItem *item = &check->items[i];
      const char *state = item->in_place ? _("In place") : _("Not in place");
      g_autofree char *subtitle = _xa_compound_panel_join_parts (state,
                                                                 item->date ? item->date : "",
                                                                 item->notes ? item->notes : "",
                                                                 NULL);

      gtk_label_set_label (self->flood_marks[i], item->in_place ? "✓" : "✗");
      set_style (GTK_WIDGET (self->flood_marks[i]), "success", item->in_place);
      set_style (GTK_WIDGET (self->flood_marks[i]), "error", !item->in_place);
      adw_action_row_set_subtitle (self->flood_item_rows[i], subtitle);
    }

  xa_format_label_count (self->flood_drills_label, check->drills_held);
  xa_format_label_count (self->flood_pumps_label, check->pumps);
  xa_format_label_count (self->flood_sandbags_label, check->sandbags);
  xa_format_label_count (self->flood_low_lying_label, check->low_lying_spots);
  {
    g_autofree char *found_fixed = g_strdup_printf ("%d / %d", check->problems_found,
                                                    check->problems_fixed);
    g_autofree char *at = _xa_compound_panel_format_time (check->inspected_at);
    g_autofree char *inspected_text = _xa_compound_panel_join_parts (at, check->inspected_by,
                                                                     NULL);

    gtk_label_set_label (self->flood_problems_label, found_fixed);
    set_style (GTK_WIDGET (self->flood_problems_label), "warning",
               check->problems_fixed < check->problems_found);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->flood_rows[FLOOD_INSPECTED_ROW]),
                                 inspected_text);
  }
}

static void
show_charging (XaCompoundPanel  *self,
               const XaCharging *charging)
{
  double ratio = xa_metrics_charging_ratio (charging);
  XaChargingBand band = xa_metrics_charging_band (charging, XA_CHARGING_TARGET_DEFAULT);
  g_autofree char *band_label = xa_overlay_band_label (XA_OVERLAY_CHARGING, band, NULL);
  g_autofree char *ratio_text = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  gtk_widget_set_visible (self->charging_missing_row, charging == NULL);
  for (guint i = 0; i < N_CHARGING_ROWS; i++)
    gtk_widget_set_visible (self->charging_rows[i], charging != NULL);
  if (charging == NULL)
    return;

  xa_format_label_count (self->charging_ebikes_label, charging->registered_ebikes);
  xa_format_label_count (self->charging_ports_label, charging->ports);
  xa_format_label_count (self->charging_smart_label, charging->smart_ports);
  xa_format_label_count (self->charging_sheds_label, charging->sheds);
  xa_format_label_count (self->charging_outside_label, charging->outside_sites);

  if (isnan (ratio))
    ratio_text = g_strdup ("—");
  else
    /* Translators: ports per registered e-bike as a ratio, e.g. "0.85 : 1". */
    ratio_text = g_strdup_printf (_("%s : 1"),
                                  g_ascii_formatd (number, sizeof number, "%.2f", ratio));
  gtk_label_set_label (self->charging_ratio_label, ratio_text);
  set_style (GTK_WIDGET (self->charging_ratio_label), "success",
             band == XA_CHARGING_BAND_MEETS_TARGET);
  set_style (GTK_WIDGET (self->charging_ratio_label), "error", band == XA_CHARGING_BAND_BELOW_HALF);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->charging_rows[CHARGING_RATIO_ROW]),
                               band_label);
  adw_bin_set_child (self->charging_swatch_bin,
                     xa_map_legend_swatch_new (XA_OVERLAY_CHARGING, band));
}

/* The outbox state of record @id in @states (xa_store_outbox_states()), or -1 for none. */
static int
outbox_state (GHashTable *states,
              const char *id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (states, id)) - 1;
}

static void
show_elevators (XaCompoundPanel            *self,
                GPtrArray                  *elevators,
                GHashTable                 *edited,
                gint64                      now,
                const XaElevatorThresholds *thresholds)
{
  guint due = 0;
  int interval = g_settings_get_int (self->settings, "reassessment-interval");
  g_autofree char *count = NULL, *due_text = NULL, *description = NULL;

  clear_rows (self->elevator_group, self->elevator_rows);
  for (guint i = 0; elevators != NULL && i < elevators->len; i++)
    {
      XaElevator *elevator = g_ptr_array_index (elevators, i);

      if (xa_metrics_elevator_assessment_due (elevator, now, interval))
        due++;
      add_row (self->elevator_group, self->elevator_rows,
               _xa_compound_panel_elevator_row_new (elevator, now, interval, thresholds,
                                                    outbox_state (edited, elevator->id)));
    }
  if (self->elevator_rows->len == 0)
    {
      add_row (self->elevator_group, self->elevator_rows,
               GTK_WIDGET (_xa_compound_panel_data_row_new (_("No elevators"), NULL)));
      adw_preferences_group_set_description (self->elevator_group, NULL);
      return;
    }

  count = g_strdup_printf (ngettext ("%u elevator", "%u elevators", elevators->len),
                           elevators->len);
  if (due > 0)
    due_text = g_strdup_printf (ngettext ("%u due for a safety assessment",
                                          "%u due for a safety assessment", due), due);
  description = _xa_compound_panel_join_parts (count, due_text ? due_text : "", NULL);
  adw_preferences_group_set_description (self->elevator_group, description);
}

static void
show_problems (XaCompoundPanel *self,
               XaStore         *store,
               GPtrArray       *problems,
               GHashTable      *edited,
               gint64           resolved_recently,
               gint64           now)
{
  guint open = 0, overdue = 0;
  g_autofree char *open_text = NULL, *overdue_text = NULL, *description = NULL;
  g_autofree char *recent = NULL;

  clear_rows (self->problem_group, self->problem_rows);
  clear_rows (self->resolved_group, self->resolved_rows);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      XaProblem *problem = g_ptr_array_index (problems, i);

      if (xa_metrics_problem_is_open (problem))
        {
          open++;
          overdue += xa_metrics_problem_is_overdue (problem, now);
          add_row (self->problem_group, self->problem_rows,
                   _xa_compound_panel_problem_row_new (store, problem, now,
                                                       outbox_state (edited, problem->id)));
        }
      else
        add_row (self->resolved_group, self->resolved_rows,
                 _xa_compound_panel_resolved_row_new (problem,
                                                      outbox_state (edited, problem->id)));
    }

  if (open == 0)
    {
      add_row (self->problem_group, self->problem_rows,
               GTK_WIDGET (_xa_compound_panel_data_row_new (_("No open problems"), NULL)));
      adw_preferences_group_set_description (self->problem_group, NULL);
    }
  else
    {
      open_text = g_strdup_printf (ngettext ("%u open", "%u open", open), open);
      if (overdue > 0)
        overdue_text = g_strdup_printf (ngettext ("%u overdue", "%u overdue", overdue), overdue);
      description = _xa_compound_panel_join_parts (open_text, overdue_text ? overdue_text : "",
                                                   NULL);
      adw_preferences_group_set_description (self->problem_group, description);
    }

  recent = g_strdup_printf (ngettext ("%d resolved in the last 12 months",
                                      "%d resolved in the last 12 months",
                                      (gulong) MAX (resolved_recently, 0)),
                            (int) MAX (resolved_recently, 0));
  adw_preferences_group_set_description (self->resolved_group, recent);
  gtk_widget_set_visible (GTK_WIDGET (self->resolved_group),
                          self->resolved_rows->len > 0 || resolved_recently > 0);
}

static void
show_empty (XaCompoundPanel *self,
            const char      *title,
            const char      *description)
{
  g_clear_pointer (&self->compound_id, g_free);
  adw_status_page_set_icon_name (self->empty_page, "mark-location-symbolic");
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_set_visible (self->sync_again_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* A query failed: the sections would say "No cadre assigned", "No open problems" and the
 * like, which the records may well contradict. Say what failed and what can be done. */
static void
show_read_error (XaCompoundPanel *self,
                 XaStore         *store,
                 const char      *compound_id,
                 const GError    *error)
{
  g_autofree char *description = NULL;

  g_message ("Could not read all the records of compound %s: %s", compound_id, error->message);
  g_free (self->compound_id);
  self->compound_id = g_strdup (compound_id);
  /* Translators: %s (first) is the technical error, %s (second) the records file. */
  description = g_strdup_printf (_("This compound’s records could not be read (%s). Sync "
                                   "again to fetch them anew; if that does not help, quit, "
                                   "move the records file %s aside and sync again."),
                                 error->message, xa_store_get_path (store));
  adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->empty_page, _("Records Cannot Be Read"));
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_set_visible (self->sync_again_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Whether something under @widget (itself excluded) can take the focus. */
static gboolean
holds_focusable (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && gtk_widget_get_can_focus (child)
        && (gtk_widget_get_focusable (child) || holds_focusable (child)))
      return TRUE;
  return FALSE;
}

/* GTK 4.8's list box takes Tab onto its first row even when no row can hold the focus,
 * and the focus is then nowhere: a list of read-only rows must not be entered at all. */
static void
update_list_focus (GtkWidget *widget)
{
  /* Inner lists first (an elevator's details inside the list of elevators). */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    update_list_focus (child);
  if (GTK_IS_LIST_BOX (widget))
    gtk_widget_set_can_focus (widget, holds_focusable (widget));
}

void
xa_compound_panel_set_compound (XaCompoundPanel            *self,
                                XaStore                    *store,
                                const char                 *compound_id_or_NULL,
                                gint64                      now,
                                int                         season,
                                const XaElevatorThresholds *thresholds)
{
  g_autoptr(XaCompound) compound = NULL;
  g_autoptr(GPtrArray) cadres = NULL, elevators = NULL, problems = NULL;
  g_autoptr(XaFloodCheck) check = NULL;
  g_autoptr(XaCharging) charging = NULL;
  g_autoptr(GHashTable) edited_elevators = NULL, edited_problems = NULL;
  g_autoptr(GError) error = NULL;
  XaDistrict *district = NULL;
  gint64 resolved_recently = 0;
  gboolean same;

  g_return_if_fail (XA_IS_COMPOUND_PANEL (self));
  g_return_if_fail (compound_id_or_NULL == NULL || XA_IS_STORE (store));

  if (compound_id_or_NULL == NULL)
    {
      show_empty (self, _("Select a compound on the map"),
                  _("Its facts, cadres, flood checklist, charging, elevators and open "
                    "problems are shown here."));
      return;
    }

  compound = xa_store_get_compound (store, compound_id_or_NULL);
  if (compound == NULL)
    {
      show_empty (self, _("Compound Not Found"),
                  _("This compound is no longer in the records; it may have been removed "
                    "by the last sync. Select another one on the map."));
      return;
    }

  /* Each query reads one compound through an index; the first failure stops the reading
   * and the panel says so instead of showing sections it could not fill. */
  district = xa_store_get_district (store, compound->district, &error);
  if (error == NULL)
    cadres = xa_store_compound_cadres (store, compound->id, &error);
  if (error == NULL)
    check = xa_store_get_flood_check (store, compound->id, season, &error);
  if (error == NULL)
    charging = xa_store_get_charging (store, compound->id, &error);
  if (error == NULL)
    elevators = xa_store_compound_elevators (store, compound->id, &error);
  if (error == NULL)
    problems = xa_store_compound_problems (store, compound->id, MAX_RESOLVED_SHOWN, &error);
  if (error == NULL)
    edited_elevators = xa_store_outbox_states (store, XA_RECORD_ELEVATOR, &error);
  if (error == NULL)
    edited_problems = xa_store_outbox_states (store, XA_RECORD_PROBLEM, &error);
  if (error == NULL)
    resolved_recently = xa_store_count_resolved_problems (store, compound->id,
                                                          now - RECENT_SECONDS, &error);
  if (error != NULL)
    {
      g_clear_pointer (&district, xa_district_free);
      show_read_error (self, store, compound->id, error);
      return;
    }

  same = g_strcmp0 (self->compound_id, compound->id) == 0;
  g_free (self->compound_id);
  self->compound_id = g_strdup (compound->id);
  {
    const char *ids[] = { compound->id, NULL };

    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->agenda_button),
                                            g_variant_new_strv (ids, -1));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->agenda_button), "win.agenda-add");
  }

  show_facts (self, compound, district);
  show_cadres (self, cadres);
  show_flood (self, check, season);
  show_charging (self, charging);
  show_elevators (self, elevators, edited_elevators, now, thresholds);
  show_problems (self, store, problems, edited_problems, resolved_recently, now);
  g_clear_pointer (&district, xa_district_free);
  update_list_focus (GTK_WIDGET (self->scrolled));

  gtk_stack_set_visible_child_name (self->stack, "compound");
  /* A new compound starts at its name; a refresh of the same one keeps the reader's place. */
  if (!same)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
}

const char *
xa_compound_panel_get_compound_id (XaCompoundPanel *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_PANEL (self), NULL);
  return self->compound_id;
}

GtkWidget *
xa_compound_panel_new (void)
{
  return g_object_new (XA_TYPE_COMPOUND_PANEL, NULL);
}

static void
xa_compound_panel_dispose (GObject *object)
{
  /* The stack is both AdwBin's child and a bound template child: take it from the bin
   * first, or the bin would later unparent a widget the template has already freed. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), XA_TYPE_COMPOUND_PANEL);

  G_OBJECT_CLASS (xa_compound_panel_parent_class)->dispose (object);
}

static void
xa_compound_panel_finalize (GObject *object)
{
  XaCompoundPanel *self = XA_COMPOUND_PANEL (object);

  g_ptr_array_unref (self->cadre_rows);
  g_ptr_array_unref (self->elevator_rows);
  g_ptr_array_unref (self->problem_rows);
  g_ptr_array_unref (self->resolved_rows);
  g_free (self->compound_id);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (xa_compound_panel_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, XaCompoundPanel, name)
#define BIND_AT(name, member) \
  gtk_widget_class_bind_template_child_full (widget_class, name, FALSE, \
                                             G_STRUCT_OFFSET (XaCompoundPanel, member))

static void
xa_compound_panel_class_init (XaCompoundPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xa_compound_panel_dispose;
  object_class->finalize = xa_compound_panel_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/xiaoquatlas/XiaoquAtlas/xa-compound-panel.ui");
  BIND (stack);
  BIND (empty_page);
  BIND (sync_again_button);
  BIND (scrolled);
  BIND (name_label);
  BIND (place_label);
  BIND (address_label);
  BIND (agenda_button);
  BIND (kind_label);
  BIND (built_label);
  BIND (buildings_label);
  BIND (households_label);
  BIND (property_row);
  BIND (committee_label);
  BIND (revenue_recorded_label);
  BIND (special_account_label);
  BIND (supervised_label);
  BIND (cadre_group);
  BIND (flood_group);
  BIND (flood_drills_label);
  BIND (flood_pumps_label);
  BIND (flood_sandbags_label);
  BIND (flood_low_lying_label);
  BIND (flood_problems_label);
  BIND (flood_missing_row);
  BIND (charging_ebikes_label);
  BIND (charging_ports_label);
  BIND (charging_smart_label);
  BIND (charging_sheds_label);
  BIND (charging_outside_label);
  BIND (charging_ratio_label);
  BIND (charging_swatch_bin);
  BIND (charging_missing_row);
  BIND (elevator_group);
  BIND (problem_group);
  BIND (resolved_group);

  BIND_AT ("flood_supplies_row", flood_item_rows[XA_FLOOD_SUPPLIES]);
  BIND_AT ("flood_personnel_row", flood_item_rows[XA_FLOOD_PERSONNEL]);
  BIND_AT ("flood_plan_row", flood_item_rows[XA_FLOOD_PLAN]);
  BIND_AT ("flood_drill_row", flood_item_rows[XA_FLOOD_DRILL]);
  BIND_AT ("flood_supplies_mark", flood_marks[XA_FLOOD_SUPPLIES]);
  BIND_AT ("flood_personnel_mark", flood_marks[XA_FLOOD_PERSONNEL]);
  BIND_AT ("flood_plan_mark", flood_marks[XA_FLOOD_PLAN]);
  BIND_AT ("flood_drill_mark", flood_marks[XA_FLOOD_DRILL]);
  BIND_AT ("flood_drills_row", flood_rows[FLOOD_DRILLS_ROW]);
  BIND_AT ("flood_pumps_row", flood_rows[FLOOD_PUMPS_ROW]);
  BIND_AT ("flood_sandbags_row", flood_rows[FLOOD_SANDBAGS_ROW]);
  BIND_AT ("flood_low_lying_row", flood_rows[FLOOD_LOW_LYING_ROW]);
  BIND_AT ("flood_problems_row", flood_rows[FLOOD_PROBLEMS_ROW]);
  BIND_AT ("flood_inspected_row", flood_rows[FLOOD_INSPECTED_ROW]);
  BIND_AT ("charging_ebikes_row", charging_rows[CHARGING_EBIKES_ROW]);
  BIND_AT ("charging_ports_row", charging_rows[CHARGING_PORTS_ROW]);
  BIND_AT ("charging_smart_row", charging_rows[CHARGING_SMART_ROW]);
  BIND_AT ("charging_sheds_row", charging_rows[CHARGING_SHEDS_ROW]);
  BIND_AT ("charging_outside_row", charging_rows[CHARGING_OUTSIDE_ROW]);
  BIND_AT ("charging_ratio_row", charging_rows[CHARGING_RATIO_ROW]);
}

/* The template's rows show figures and have nothing to activate. */
static void
set_template_rows_read_only (GtkWidget *widget)
{
  if (ADW_IS_ACTION_ROW (widget)
      && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget)) == NULL)
    _xa_compound_panel_set_read_only (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    set_template_rows_read_only (child);
}

static void
xa_compound_panel_init (XaCompoundPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cadre_rows = g_ptr_array_new ();
  self->elevator_rows = g_ptr_array_new ();
  self->problem_rows = g_ptr_array_new ();
  self->resolved_rows = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);
  set_template_rows_read_only (GTK_WIDGET (self));
}
