/* xa-agenda-sources.h — where the window's "Add to Agenda" (Ctrl+D) and "Add Shown to
 * Agenda" (Shift+Ctrl+D) take their compounds from, by the page the window shows: on the
 * map the compound selected, or every compound of the list beside it; on the Problems page
 * the selected problem's compound, or those of every row its filters leave; on the Elevators
 * page the compounds of the lifts selected. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The compounds @page (the view stack's visible child: XaMapView, XaProblemLedger or
 * XaElevatorList) offers: its selection (@shown FALSE) or every row it shows (@shown TRUE),
 * once each, in its order; an empty array when it has none, with @out_hint (may be NULL) set
 * to a sentence saying what to do first. Free with g_strfreev(). */
GStrv xa_agenda_sources_collect (GtkWidget   *page,
                                 gboolean     shown,
                                 const char **out_hint);

/* Hands @ids (NULL-terminated compound ids) from @widget to the window's agenda through the
 * action win.agenda-add (xa-agenda-page.c); nothing when @ids is empty. */
void  xa_agenda_sources_hand_over (GtkWidget          *widget,
                                   const char * const *ids);

G_END_DECLS
