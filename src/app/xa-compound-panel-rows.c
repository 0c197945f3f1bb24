/* xa-compound-panel-rows.c — the rows of XaCompoundPanel that are made in code, one per
 * record: a cadre with a button to copy the phone number, an elevator that opens on its
 * details (code, maker, inspection, faults, assessment, renewal), an open problem as a
 * block of wrapped lines, a resolved one; and the local time and the " · " joins that the
 * panel's texts share. The panel (xa-compound-panel.c) reads the records and puts these
 * rows into its groups. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xa-calendar.h"
#include "xa-compound-panel-private.h"
#include "xa-format.h"
#include "xa-outbox-mark.h"
#include "xa-map-legend.h"
#include "xa-record-words.h"
#include "xa-store-queries.h"

/* In the bureau's time, UTC+8 (xa-calendar.h); "" for a time outside GDateTime's years. */
char *
_xa_compound_panel_format_time (gint64 unix_seconds)
{
  char *text = xa_calendar_format (unix_seconds, "%Y-%m-%d %H:%M");

  return text != NULL ? text : g_strdup ("");
}

/* Joins the non-empty @parts (NULL-terminated) with " · ". */
char *
_xa_compound_panel_join_parts (const char *first,
                               ...)
{
  GString *text = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    if (*part != '\0')
      {
        if (text->len > 0)
          g_string_append (text, " · ");
        g_string_append (text, part);
      }
  va_end (args);
  return g_string_free (text, FALSE);
}

void
_xa_compound_panel_set_read_only (GtkWidget *row)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
}

/* An action row showing record data: no markup, so an "&" in a name stays an "&". */
AdwActionRow *
_xa_compound_panel_data_row_new (const char *title,
                                 const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  _xa_compound_panel_set_read_only (GTK_WIDGET (row));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  return row;
}

static GtkWidget *
value_label_new (const char *value,
                 const char *css_class)
{
  GtkWidget *label = gtk_label_new (value);

  /* Values are short and must stay whole; the row's title wraps instead. */
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "xa-value");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  /* Codes are copied into other systems; other values are read, not copied. */
  gtk_label_set_selectable (GTK_LABEL (label), g_strcmp0 (css_class, "xa-selectable") == 0);
  return label;
}

static GtkWidget *
caption_new (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The record's edit waiting in the outbox, as the Problems page marks it; NULL for none. */
static GtkWidget *
outbox_mark_new (XaRecordType type,
                 int          outbox_state)
{
  GtkWidget *mark;

  if (outbox_state < 0)
    return NULL;
  mark = xa_outbox_mark_new ();
  gtk_widget_add_css_class (mark, "xa-outbox-mark");
  gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
  xa_outbox_mark_show (mark, outbox_state, type);
  return mark;
}

static void
copy_phone_cb (GtkButton  *button,
               const char *phone)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_TOAST_OVERLAY);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), phone);
  /* Say it worked where the window has a place for it; the panel itself has none. */
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 adw_toast_new (_("Phone number copied")));
}

GtkWidget *
_xa_compound_panel_cadre_row_new (const XaCadre *cadre)
{
  AdwActionRow *row = _xa_compound_panel_data_row_new (cadre->name, cadre->unit);
  GtkWidget *phone = value_label_new (cadre->phone, NULL);

  /* A row with a control in it: GTK 4.8's list box reaches the button through its row. */
  gtk_widget_set_focusable (GTK_WIDGET (row), TRUE);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  /* Selectable too, for those who copy part of it or read it out from the screen; not a
   * Tab stop of its own, the copy button beside it is the keyboard's way to copy it. */
  gtk_label_set_selectable (GTK_LABEL (phone), TRUE);
  gtk_widget_set_can_focus (phone, FALSE);
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy Phone Number"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy Phone Number"), -1);
  g_signal_connect_data (copy, "clicked", G_CALLBACK (copy_phone_cb), g_strdup (cadre->phone),
                         (GClosureNotify) G_CALLBACK (g_free), 0);
  adw_action_row_add_suffix (row, phone);
  adw_action_row_add_suffix (row, copy);
  return GTK_WIDGET (row);
}

static void
add_detail (AdwExpanderRow *expander,
            const char     *title,
            const char     *value,
            const char     *css_class)
{
  AdwActionRow *row = _xa_compound_panel_data_row_new (title, NULL);

  adw_action_row_add_suffix (row, value_label_new (value, css_class));
  adw_expander_row_add_row (expander, GTK_WIDGET (row));
}

static void
add_detail_text (AdwExpanderRow *expander,
                 const char     *title,
                 const char     *text)
{
  AdwActionRow *row = _xa_compound_panel_data_row_new (title, text);

  adw_expander_row_add_row (expander, GTK_WIDGET (row));
}

GtkWidget *
_xa_compound_panel_elevator_row_new (const XaElevator           *elevator,
                                     gint64                      now,
                                     int                         reassessment_years,
                                     const XaElevatorThresholds *thresholds,
                                     int                         outbox_state)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  GtkWidget *mark = outbox_mark_new (XA_RECORD_ELEVATOR, outbox_state);
  double years = xa_metrics_elevator_years (elevator, now);
  gboolean due = xa_metrics_elevator_assessment_due (elevator, now, reassessment_years);
  XaElevatorAgeBand band = xa_metrics_elevator_age_band (years, thresholds);
  g_autofree char *title = g_strdup_printf ("%s %s", elevator->building, elevator->unit);
  g_autofree char *age = NULL, *subtitle = NULL, *maker = NULL, *inspection = NULL;
  g_autofree char *faults = NULL, *entrapments = NULL, *renewal = NULL, *planned = NULL;
  g_autofree char *assessment = NULL;
  const char *grade, *funding;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (years))
    age = g_strdup (_("Age unknown"));
  else
    /* Translators: %s is a number of years with one decimal, e.g. "22.5". */
    age = g_strdup_printf (_("%s years in service"),
                           g_ascii_formatd (number, sizeof number, "%.1f", years));
  subtitle = _xa_compound_panel_join_parts (age, due ? _("Safety assessment due") : "", NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (row, subtitle);
  adw_expander_row_add_prefix (row, xa_map_legend_swatch_new (XA_OVERLAY_ELEVATOR_AGE, band));
  if (mark != NULL)
    adw_expander_row_add_action (row, mark);

  add_detail (row, _("Registration code"), elevator->registration_code, "xa-selectable");
  maker = _xa_compound_panel_join_parts (elevator->maker, elevator->model, NULL);
  add_detail_text (row, _("Maker and model"), maker);
  add_detail (row, _("Commissioned"), elevator->commissioned, NULL);
  if (elevator->last_inspection != NULL)
    inspection = _xa_compound_panel_join_parts (elevator->last_inspection,
                                                xa_record_words_inspection (
                                                  elevator->inspection_result),
                                                NULL);
  add_detail_text (row, _("Last periodic inspection"),
                   inspection != NULL ? inspection : _("None recorded"));
  faults = xa_format_count (elevator->faults_12m);
  add_detail (row, _("Faults in the last 12 months"), faults,
              elevator->faults_12m > 0 ? "warning" : NULL);
  entrapments = xa_format_count (elevator->entrapments_12m);
  add_detail (row, _("Entrapments in the last 12 months"), entrapments,
              elevator->entrapments_12m > 0 ? "error" : NULL);

  switch (elevator->assessment_grade)
    {
    case XA_GRADE_A:
      grade = _("Grade A");
      break;
    case XA_GRADE_B:
      grade = _("Grade B");
      break;
    case XA_GRADE_C:
      grade = _("Grade C");
      break;
    case XA_GRADE_D:
      grade = _("Grade D");
      break;
    case XA_GRADE_NONE:
    default:
      grade = due ? _("Due, not assessed") : _("Not assessed");
      break;
    }
  /* A grade older than the re-assessment interval no longer counts. */
  if (due && elevator->assessment_grade != XA_GRADE_NONE)
    assessment = _xa_compound_panel_join_parts (grade, _("Due again"), NULL);
  add_detail (row, _("Safety assessment"), assessment != NULL ? assessment : grade,
              due ? "warning" : NULL);

  if (elevator->planned_year > 0)
    /* Translators: the year an elevator renewal is planned for; %d is the year. */
    planned = g_strdup_printf (_("Planned for %d"), elevator->planned_year);
  funding = xa_record_words_funding (elevator->funding_source);
  renewal = _xa_compound_panel_join_parts (xa_record_words_renewal (elevator->renewal_status),
                                           planned ? planned : "", funding ? funding : "", NULL);
  add_detail_text (row, _("Renewal"), renewal);
  return GTK_WIDGET (row);
}

/* A problem as a block of wrapped lines: a sidebar is too narrow for title and value
 * side by side, and the overdue line must stand out on its own. */
GtkWidget *
_xa_compound_panel_problem_row_new (XaStore         *store,
                                    const XaProblem *problem,
                                    gint64           now,
                                    int              outbox_state)
{
  GtkWidget *mark = outbox_mark_new (XA_RECORD_PROBLEM, outbox_state);
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  XaCategory *category = xa_store_get_category (store, problem->category, NULL);
  const char *category_name = category == NULL ? problem->category
                              : xa_record_words_category (category);
  g_autofree char *deadline = _xa_compound_panel_format_time (problem->deadline);
  g_autofree char *deadline_text = NULL, *ticket = NULL, *meta = NULL, *responsible = NULL;
  g_autofree char *state = NULL, *line = NULL;
  GtkWidget *title;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->title);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  title = caption_new (problem->title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  if (mark != NULL)
    {
      gtk_widget_set_halign (mark, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), mark);
    }

  if (xa_metrics_problem_is_open (problem))
    {
      if (xa_metrics_problem_is_overdue (problem, now))
        {
          /* Any part of a day past the deadline counts as a day: late is late. */
          gint64 days = (now - problem->deadline + 86399) / 86400;
          g_autofree char *overdue = g_strdup_printf (ngettext ("Overdue by %d day",
                                                                "Overdue by %d days",
                                                                (gulong) days), (int) days);
          GtkWidget *label;

          state = _xa_compound_panel_join_parts (overdue,
                                                 xa_record_words_problem_status (problem->status),
                                                 NULL);
          label = caption_new (state, "error");
          gtk_widget_add_css_class (label, "heading");
          gtk_widget_add_css_class (label, "xa-overdue");
          gtk_box_append (GTK_BOX (box), label);
        }
      else
        {
          GtkWidget *label = caption_new (xa_record_words_problem_status (problem->status),
                                          "accent");

          gtk_widget_add_css_class (label, "caption-heading");
          gtk_box_append (GTK_BOX (box), label);
        }
    }

  /* Translators: %s is a date and time, e.g. "2025-08-31 18:00". */
  deadline_text = g_strdup_printf (_("Deadline %s"), deadline);
  line = _xa_compound_panel_join_parts (deadline_text,
                                        xa_record_words_problem_tier (problem->tier), NULL);
  gtk_box_append (GTK_BOX (box), caption_new (line, "caption"));
  meta = _xa_compound_panel_join_parts (category_name,
                                        xa_record_words_problem_source (problem->source), NULL);
  gtk_box_append (GTK_BOX (box), caption_new (meta, "caption"));
  /* On a line of its own, whole: staff type it into the 12345 system. */
  if (problem->ticket_no != NULL)
    {
      /* Translators: a 12345 work order number; %s is the number. */
      ticket = g_strdup_printf (_("Ticket %s"), problem->ticket_no);
      gtk_box_append (GTK_BOX (box), caption_new (ticket, "caption"));
    }
  g_clear_pointer (&category, xa_category_free);
  /* Translators: %s is the unit responsible for a problem (承办单位). */
  responsible = g_strdup_printf (_("Responsible: %s"), problem->responsible_party);
  gtk_box_append (GTK_BOX (box), caption_new (responsible, "caption"));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  _xa_compound_panel_set_read_only (row);
  return row;
}

GtkWidget *
_xa_compound_panel_resolved_row_new (const XaProblem *problem,
                                     int              outbox_state)
{
  AdwActionRow *row = _xa_compound_panel_data_row_new (problem->title, NULL);
  GtkWidget *mark = outbox_mark_new (XA_RECORD_PROBLEM, outbox_state);
  g_autofree char *when = _xa_compound_panel_format_time (problem->resolved_at);
  g_autofree char *resolved = NULL, *satisfaction = NULL, *subtitle = NULL;

  /* Translators: %s is a date and time, e.g. "2025-08-02 18:00". */
  resolved = g_strdup_printf (_("Resolved %s"), when);
  if (problem->satisfaction > 0)
    /* Translators: the owner's rating of how a problem was handled; %d is 1 to 5. */
    satisfaction = g_strdup_printf (_("Satisfaction %d/5"), problem->satisfaction);
  subtitle = _xa_compound_panel_join_parts (resolved, satisfaction ? satisfaction : "", NULL);
  adw_action_row_set_subtitle (row, subtitle);
  if (mark != NULL)
    adw_action_row_add_suffix (row, mark);
  return GTK_WIDGET (row);
}
