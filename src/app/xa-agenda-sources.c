/* xa-agenda-sources.c — see xa-agenda-sources.h. Each page says itself what it offers
 * (xa_problem_ledger_dup_agenda_compounds() …); this file only knows which page is which,
 * so that the window's two shortcuts mean the same thing as the page's own buttons. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-agenda-sources.h"
#include "xa-elevator-list.h"
#include "xa-map-view.h"
#include "xa-problem-ledger.h"

static GStrv
no_compounds (const char **out_hint,
              const char  *hint)
{
  if (out_hint != NULL)
    *out_hint = hint;
  return g_new0 (char *, 1);
}

static GStrv
map_compounds (XaMapView   *view,
               gboolean     shown,
               const char **out_hint)
{
  XaCompoundList *list = xa_map_view_get_compound_list (view);
  const char *selected = xa_map_view_get_selected_compound (view);

  if (shown)
    {
      g_autoptr(GPtrArray) ids = NULL;

      if (!gtk_widget_get_visible (GTK_WIDGET (list)))
        return no_compounds (out_hint, _("Open a list of compounds first: click a row of the "
                                         "legend or a figure."));
      ids = xa_compound_list_get_shown_ids (list, NULL, NULL);
      if (ids->len == 0)
        return no_compounds (out_hint, _("The list shows no compounds: choose another row of "
                                         "the legend, a figure or another district."));
      g_ptr_array_add (ids, NULL);
      return g_strdupv ((char **) ids->pdata);
    }
  if (selected == NULL)
    return no_compounds (out_hint, _("Select a compound on the map first."));
  return g_strdupv ((char *[]) { (char *) selected, NULL });
}

GStrv
xa_agenda_sources_collect (GtkWidget   *page,
                           gboolean     shown,
                           const char **out_hint)
{
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (page == NULL || GTK_IS_WIDGET (page), NULL);

  if (out_hint != NULL)
    *out_hint = NULL;
  if (XA_IS_MAP_VIEW (page))
    return map_compounds (XA_MAP_VIEW (page), shown, out_hint);
  if (XA_IS_PROBLEM_LEDGER (page))
    {
      ids = xa_problem_ledger_dup_agenda_compounds (XA_PROBLEM_LEDGER (page), shown);
      if (ids[0] == NULL)
        return no_compounds (out_hint, shown ? _("No problems are shown: change the filters.")
                                             : _("Select a problem first."));
      return g_steal_pointer (&ids);
    }
  if (XA_IS_ELEVATOR_LIST (page) && !shown)
    {
      ids = xa_elevator_list_dup_agenda_compounds (XA_ELEVATOR_LIST (page));
      if (ids[0] == NULL)
        return no_compounds (out_hint, _("Select elevators first."));
      return g_steal_pointer (&ids);
    }
  return no_compounds (out_hint, _("Compounds are added to the agenda from the map, the "
                                   "Elevators page and the Problems page."));
}

void
xa_agenda_sources_hand_over (GtkWidget          *widget,
                             const char * const *ids)
{
  g_autoptr(GVariant) parameter = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (ids == NULL || ids[0] == NULL)
    return;
  /* Sunk here: GTK 4.8's gtk_widget_activate_action_variant() leaves a floating parameter
   * floating, and it leaked on every Add to Agenda. */
  parameter = g_variant_ref_sink (g_variant_new_strv (ids, -1));
  gtk_widget_activate_action_variant (widget, "win.agenda-add", parameter);
}
