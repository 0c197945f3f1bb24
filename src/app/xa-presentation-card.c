/* xa-presentation-card.c — see xa-presentation-card.h. Built in code: its rows follow the
 * compound's problems. Its type is presentation mode's (the window's "presentation" style
 * class, style.css): every size here is relative to it. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-calendar.h"
#include "xa-presentation-card.h"
#include "xa-record-words.h"
#include "xa-store-queries.h"

/* More open problems than this do not fit on a projector's card: the rest are counted. */
#define MAX_PROBLEMS 4

struct _XaPresentationCard
{
  AdwBin     parent_instance;

  GtkBox    *box;
  char      *compound_id;
  char      *title;
  /* "problem-id:kind" → GtkButton (borrowed: the card owns the rows) */
  GHashTable *buttons;
};

G_DEFINE_FINAL_TYPE (XaPresentationCard, xa_presentation_card, ADW_TYPE_BIN)

enum
{
  DECIDE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_box_append (box, label);
  return label;
}

static void
button_clicked_cb (GtkButton          *button,
                   XaPresentationCard *self)
{
  const char *problem_id = g_object_get_data (G_OBJECT (button), "problem-id");
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind"));

  g_signal_emit (self, signals[DECIDE], 0, problem_id, kind);
}

static GtkWidget *
new_button (XaPresentationCard *self,
            const char         *label,
            const char         *problem_id,
            XaDecisionKind      kind)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data_full (G_OBJECT (button), "problem-id", g_strdup (problem_id), g_free);
  g_object_set_data (G_OBJECT (button), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (button, "clicked", G_CALLBACK (button_clicked_cb), self);
  g_hash_table_insert (self->buttons, g_strdup_printf ("%s:%d", problem_id, kind), button);
  return button;
}

/* "By 2026-12-10 · Consultation", or "3 days overdue · …". */
static char *
deadline_text (const XaProblem *problem,
               gint64           now)
{
  g_autofree char *date = xa_calendar_format (problem->deadline, "%Y-%m-%d");
  const char *tier = xa_record_words_problem_tier (problem->tier);
  gint64 late = xa_calendar_day_number (now) - xa_calendar_day_number (problem->deadline);

  if (problem->deadline > 0 && problem->deadline < now && late > 0)
    /* Translators: on the meeting's card; %1$s a date, %2$d days, %3$s a tier. */
    return g_strdup_printf (ngettext ("By %1$s, %2$d day overdue · %3$s",
                                      "By %1$s, %2$d days overdue · %3$s", (gulong) late),
                            date != NULL ? date : "", (int) late, tier);
  /* Translators: on the meeting's card; %1$s a date, %2$s a tier. */
  return g_strdup_printf (_("By %1$s · %2$s"), date != NULL ? date : "", tier);
}

static const XaAgendaDecision *
find_decision (GPtrArray  *decisions,
               const char *problem_id)
{
  const XaAgendaDecision *found = NULL;

  for (guint i = 0; decisions != NULL && i < decisions->len; i++)
    if (g_strcmp0 (((XaAgendaDecision *) decisions->pdata[i])->problem_id, problem_id) == 0)
      found = decisions->pdata[i];  /* the last one counts */
  return found;
}

static void
add_problem (XaPresentationCard *self,
             const XaProblem    *problem,
             GPtrArray          *decisions,
             gint64              now)
{
  const XaAgendaDecision *decision = find_decision (decisions, problem->id);
  GtkBox *row = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  g_autofree char *when = NULL;

  gtk_widget_add_css_class (GTK_WIDGET (row), "xa-card-problem");
  add_label (row, problem->title, "xa-card-problem-title");
  if (decision != NULL)
    {
      g_autofree char *date = xa_calendar_format (decision->deadline, "%Y-%m-%d");
      g_autofree char *text = NULL;

      text = decision->kind == XA_DECISION_AGREED
        /* Translators: a decision on the meeting's card; %1$s who, %2$s a date. */
        ? g_strdup_printf (_("✓ Agreed: %1$s by %2$s"), decision->responsible_party,
                           date != NULL ? date : "")
        /* Translators: a decision on the meeting's card; %1$s a tier, %2$s who, %3$s a
         * date. */
        : g_strdup_printf (_("↑ Escalated to %1$s: %2$s by %3$s"),
                           xa_record_words_problem_tier (decision->tier),
                           decision->responsible_party, date != NULL ? date : "");
      add_label (row, text, "xa-card-decided");
    }
  else
    {
      GtkBox *buttons = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12));

      when = deadline_text (problem, now);
      add_label (row, when, problem->deadline < now ? "xa-card-overdue" : "xa-card-deadline");
      gtk_box_append (buttons, new_button (self, _("_Agreed…"), problem->id,
                                           XA_DECISION_AGREED));
      if (problem->tier < XA_TIER_CITY)
        gtk_box_append (buttons, new_button (self, _("_Escalate…"), problem->id,
                                             XA_DECISION_ESCALATED));
      gtk_box_append (row, GTK_WIDGET (buttons));
    }
  gtk_box_append (self->box, GTK_WIDGET (row));
}

void
xa_presentation_card_show (XaPresentationCard *self,
                           XaStore            *store,
                           XaAgendaItem       *item,
                           GPtrArray          *decisions,
                           gint64              now)
{
  g_autoptr(XaCompound) compound = NULL;
  g_autoptr(XaDistrict) district = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) facts = g_string_new (NULL);
  GtkWidget *child;
  guint n_open = 0;
  const char *topic;

  g_return_if_fail (XA_IS_PRESENTATION_CARD (self));
  g_return_if_fail (XA_IS_STORE (store));
  g_return_if_fail (XA_IS_AGENDA_ITEM (item));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
  g_hash_table_remove_all (self->buttons);
  g_free (self->compound_id);
  self->compound_id = g_strdup (xa_agenda_item_get_compound_id (item));

  compound = xa_store_get_compound (store, self->compound_id);
  g_free (self->title);
  self->title = g_strdup (compound != NULL ? compound->name : self->compound_id);
  add_label (self->box, self->title, "xa-card-title");
  topic = xa_agenda_item_get_topic (item);
  if (*topic != '\0')
    add_label (self->box, topic, "xa-card-topic");
  if (compound == NULL)
    {
      add_label (self->box, _("This compound is no longer in the records."), NULL);
      return;
    }

  district = xa_store_get_district (store, compound->district, NULL);
  g_string_append_printf (facts, "%s · %s", district != NULL ? district->name : compound->district,
                          compound->subdistrict);
  g_string_append_c (facts, '\n');
  /* Translators: facts on the meeting's card. */
  g_string_append_printf (facts, ngettext ("%d household", "%d households",
                                           (gulong) compound->households),
                          compound->households);
  if (compound->built_year > 0)
    /* Translators: facts on the meeting's card; %d is a year. */
    g_string_append_printf (facts, _(" · built %d"), compound->built_year);
  cadres = xa_store_compound_cadres (store, compound->id, NULL);
  for (guint i = 0; cadres != NULL && i < cadres->len; i++)
    {
      const XaCadre *cadre = cadres->pdata[i];

      g_string_append (facts, i == 0 ? "\n" : "、");
      if (i == 0)
        /* Translators: before the cadres' names on the meeting's card. */
        g_string_append (facts, _("Cadre: "));
      g_string_append (facts, cadre->name);
    }
  add_label (self->box, facts->str, "xa-card-facts");

  problems = xa_store_compound_problems (store, compound->id, 0, NULL);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const XaProblem *problem = problems->pdata[i];

      if (problem->status != XA_STATUS_OPEN && problem->status != XA_STATUS_IN_PROGRESS)
        continue;
      if (n_open == 0)
        add_label (self->box, _("Open problems"), "xa-card-heading");
      if (n_open < MAX_PROBLEMS || find_decision (decisions, problem->id) != NULL)
        add_problem (self, problem, decisions, now);
      n_open++;
    }
  if (n_open == 0)
    add_label (self->box, _("No open problems."), "xa-card-heading");
  else if (n_open > MAX_PROBLEMS)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u more open problem",
                                                         "%u more open problems",
                                                         n_open - MAX_PROBLEMS),
                                               n_open - MAX_PROBLEMS);

      add_label (self->box, more, "xa-card-facts");
    }
}

const char *
xa_presentation_card_get_compound_id (XaPresentationCard *self)
{
  g_return_val_if_fail (XA_IS_PRESENTATION_CARD (self), NULL);

  return self->compound_id;
}

const char *
xa_presentation_card_get_title (XaPresentationCard *self)
{
  g_return_val_if_fail (XA_IS_PRESENTATION_CARD (self), NULL);

  return self->title;
}

GtkButton *
_xa_presentation_card_get_button (XaPresentationCard *self,
                                  const char         *problem_id,
                                  XaDecisionKind      kind)
{
  g_autofree char *key = g_strdup_printf ("%s:%d", problem_id, kind);

  g_return_val_if_fail (XA_IS_PRESENTATION_CARD (self), NULL);

  return g_hash_table_lookup (self->buttons, key);
}

static void
xa_presentation_card_finalize (GObject *object)
{
  XaPresentationCard *self = XA_PRESENTATION_CARD (object);

  g_hash_table_unref (self->buttons);
  g_free (self->compound_id);
  g_free (self->title);

  G_OBJECT_CLASS (xa_presentation_card_parent_class)->finalize (object);
}

static void
xa_presentation_card_class_init (XaPresentationCardClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xa_presentation_card_finalize;

  signals[DECIDE] =
    g_signal_new ("decide", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);
}

static void
xa_presentation_card_init (XaPresentationCard *self)
{
  self->buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_widget_add_css_class (GTK_WIDGET (self), "xa-presentation-card");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->box));
}

GtkWidget *
xa_presentation_card_new (void)
{
  return g_object_new (XA_TYPE_PRESENTATION_CARD, NULL);
}
