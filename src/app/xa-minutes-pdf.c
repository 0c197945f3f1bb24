/* xa-minutes-pdf.c — see xa-minutes-pdf.h. The minutes are a list of paragraphs (the title,
 * one heading per compound, one line per decision) measured first and then drawn, so that a
 * paragraph never breaks across pages and the foot can say "Page 1 of N". The page set-up
 * and the font are the exports' (xa-export-pdf.h). */
#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "xa-calendar.h"
#include "xa-export-file.h"
#include "xa-export-pdf.h"
#include "xa-minutes-pdf.h"
#include "xa-record-words.h"
#include "xa-store-agendas.h"

/* A4 portrait, in points: the exports' landscape page turned. */
#define PAGE_WIDTH  XA_EXPORT_PDF_PAGE_HEIGHT
#define PAGE_HEIGHT XA_EXPORT_PDF_PAGE_WIDTH
#define MARGIN      48.0
#define FOOT_SIZE   8.0

typedef struct
{
  char    *text;
  double   size;
  gboolean bold;
  double   indent;
  double   space_before;
  double   height;        /* measured */
} Paragraph;

static void
paragraph_free (gpointer data)
{
  Paragraph *paragraph = data;

  g_free (paragraph->text);
  g_free (paragraph);
}

static void
add (GPtrArray  *paragraphs,
     char       *text,
     double      size,
     gboolean    bold,
     double      indent,
     double      space_before)
{
  Paragraph *paragraph = g_new0 (Paragraph, 1);

  paragraph->text = text;
  paragraph->size = size;
  paragraph->bold = bold;
  paragraph->indent = indent;
  paragraph->space_before = space_before;
  g_ptr_array_add (paragraphs, paragraph);
}

/* "Agreed at consultation: note. Responsible: party. By 2026-12-22." for one decision. */
static char *
decision_text (XaStore                *store,
               const XaAgendaDecision *decision)
{
  g_autoptr(XaProblem) problem = xa_store_get_problem (store, decision->problem_id);
  g_autofree char *deadline = xa_calendar_format (decision->deadline, "%Y-%m-%d");
  g_autofree char *what = NULL;
  const char *title = problem != NULL ? problem->title : decision->problem_id;

  if (decision->kind == XA_DECISION_AGREED)
    what = g_strdup (_("Agreed at consultation"));
  else
    /* Translators: in the minutes; %s is the tier, e.g. "City level". */
    what = g_strdup_printf (_("Escalated to %s"),
                            xa_record_words_problem_tier (decision->tier));
  /* Translators: one decision in the minutes: %1$s the problem's title, %2$s "Agreed at
   * consultation" or "Escalated to …", %3$s the note, %4$s the responsible party, %5$s
   * the deadline (a date). */
  return g_strdup_printf (_("• %1$s — %2$s: %3$s; responsible: %4$s; by %5$s."), title, what,
                          decision->note, decision->responsible_party,
                          deadline != NULL ? deadline : "");
}

static GPtrArray *
collect (XaStore   *store,
         XaAgenda  *agenda,
         gint64     started,
         GError   **error)
{
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (paragraph_free);
  g_autoptr(GPtrArray) decisions = NULL;
  g_autofree char *when = NULL;
  guint n_items = xa_agenda_get_n_items (agenda);

  decisions = xa_store_list_decisions (store, xa_agenda_get_id (agenda), error);
  if (decisions == NULL)
    return NULL;
  if (started <= 0)
    started = decisions->len > 0 ? ((XaAgendaDecision *) decisions->pdata[0])->decided_at
                                 : g_get_real_time () / G_USEC_PER_SEC;

  /* Translators: the title of the minutes; %s is the agenda's name. */
  add (paragraphs, g_strdup_printf (_("Minutes: %s"), xa_agenda_get_name (agenda)), 18, TRUE,
       0, 0);
  when = xa_calendar_format (started, "%Y-%m-%d %H:%M");
  {
    /* Translators: under the title of the minutes; %1$s a date and time, %2$u a count. */
    g_autofree char *meeting = g_strdup_printf (ngettext (
                                                  "Coordination meeting of %1$s · %2$u "
                                                  "compound on the agenda",
                                                  "Coordination meeting of %1$s · %2$u "
                                                  "compounds on the agenda", n_items),
                                                when != NULL ? when : "", n_items);
    /* Translators: after the meeting's date in the minutes. */
    g_autofree char *decided = g_strdup_printf (ngettext ("%u decision", "%u decisions",
                                                          decisions->len), decisions->len);

    add (paragraphs, g_strdup_printf ("%s · %s", meeting, decided), 10, FALSE, 0, 4);
  }

  for (guint i = 0; i < n_items; i++)
    {
      XaAgendaItem *item = xa_agenda_peek_item (agenda, i);
      const char *id = xa_agenda_item_get_compound_id (item);
      const char *topic = xa_agenda_item_get_topic (item);
      g_autoptr(XaCompound) compound = xa_store_get_compound (store, id);
      const char *name = compound != NULL ? compound->name : id;
      guint n_decided = 0;

      add (paragraphs, *topic != '\0' ? g_strdup_printf ("%u. %s — %s", i + 1, name, topic)
                                      : g_strdup_printf ("%u. %s", i + 1, name),
           12, TRUE, 0, 14);
      for (guint d = 0; d < decisions->len; d++)
        {
          const XaAgendaDecision *decision = decisions->pdata[d];

          if (g_strcmp0 (decision->compound_id, id) != 0)
            continue;
          add (paragraphs, decision_text (store, decision), 10, FALSE, 14, 4);
          n_decided++;
        }
      if (n_decided == 0)
        add (paragraphs, g_strdup (_("No decision taken.")), 10, FALSE, 14, 4);
    }
  return g_steal_pointer (&paragraphs);
}

typedef struct
{
  XaStore  *store;
  XaAgenda *agenda;
  gint64    started;
} Minutes;

static gboolean
write_cb (const char  *path,
          gpointer     user_data,
          GError     **error)
{
  Minutes *minutes = user_data;
  g_autoptr(GPtrArray) paragraphs = NULL;
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autoptr(GObject) context_object = G_OBJECT (pango_font_map_create_context (font_map));
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *title = NULL;
  double usable = PAGE_WIDTH - 2 * MARGIN;
  double bottom = PAGE_HEIGHT - MARGIN - 2 * FOOT_SIZE;
  double y = MARGIN;
  guint first = 0;
  cairo_t *cr;

  paragraphs = collect (minutes->store, minutes->agenda, minutes->started, error);
  if (paragraphs == NULL)
    return FALSE;
  title = g_strdup_printf (_("Minutes: %s"), xa_agenda_get_name (minutes->agenda));
  cr = xa_export_pdf_begin (path, PAGE_WIDTH, PAGE_HEIGHT, title);

  /* Measured first: where each page starts. */
  g_array_append_val (breaks, first);
  for (guint i = 0; i < paragraphs->len; i++)
    {
      Paragraph *p = paragraphs->pdata[i];
      g_autoptr(PangoLayout) layout = xa_export_pdf_layout_new (context, cr, p->size, p->bold);
      int height;

      pango_layout_set_width (layout, (int) ((usable - p->indent) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, p->text, -1);
      pango_layout_get_size (layout, NULL, &height);
      p->height = (double) height / PANGO_SCALE;
      if (y + p->space_before + p->height > bottom && i > 0)
        {
          g_array_append_val (breaks, i);
          y = MARGIN;
        }
      y += p->space_before + p->height;
    }

  for (guint page = 0; page < breaks->len; page++)
    {
      guint end = page + 1 < breaks->len ? g_array_index (breaks, guint, page + 1)
                                         : paragraphs->len;
      g_autoptr(PangoLayout) foot = xa_export_pdf_layout_new (context, cr, FOOT_SIZE, FALSE);
      g_autofree char *page_number = NULL;

      y = MARGIN;
      cairo_set_source_rgb (cr, 0, 0, 0);
      for (guint i = g_array_index (breaks, guint, page); i < end; i++)
        {
          Paragraph *p = paragraphs->pdata[i];
          g_autoptr(PangoLayout) layout = xa_export_pdf_layout_new (context, cr, p->size,
                                                                    p->bold);

          pango_layout_set_width (layout, (int) ((usable - p->indent) * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_text (layout, p->text, -1);
          y += p->space_before;
          cairo_move_to (cr, MARGIN + p->indent, y);
          pango_cairo_show_layout (cr, layout);
          y += p->height;
        }
      /* The exports' words for the page number. */
      page_number = g_strdup_printf (_("Page %u of %u"), page + 1, breaks->len);
      pango_layout_set_width (foot, (int) (usable * PANGO_SCALE));
      pango_layout_set_alignment (foot, PANGO_ALIGN_CENTER);
      pango_layout_set_text (foot, page_number, -1);
      cairo_move_to (cr, MARGIN, PAGE_HEIGHT - MARGIN - FOOT_SIZE * 1.5);
      pango_cairo_show_layout (cr, foot);
      cairo_show_page (cr);
    }
  return xa_export_pdf_end (cr, path, error);
}

gboolean
xa_minutes_pdf_write (XaStore     *store,
                      XaAgenda    *agenda,
                      gint64       started,
                      const char  *output,
                      GError     **error)
{
  Minutes minutes = { store, agenda, started };

  g_return_val_if_fail (XA_IS_STORE (store), FALSE);
  g_return_val_if_fail (XA_IS_AGENDA (agenda), FALSE);
  g_return_val_if_fail (xa_agenda_get_id (agenda) > 0, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  return xa_export_write_through_temporary (output, write_cb, &minutes, error);
}
