/* xa-presentation.h — presentation mode (F5) for coordination meetings (会商): the main
 * window fullscreen on the chosen monitor with no header bar, switcher, sidebar or editing
 * chrome, the map in large type and high contrast, and a tour through an agenda of
 * compounds driven by a presenter's clicker: PageDown / Space / Right the next compound,
 * PageUp / Left back, Home the overview, B or "." a black screen, Esc (or F5) leaves and
 * puts the window back as it was. Each compound has a large card (XaPresentationCard) on
 * which the meeting takes its decisions (xa_store_decide(): problem edits in the outbox
 * and lines of the minutes), and the minutes come out as a PDF (xa-minutes-pdf.h).
 * The window owns one and hands it the widgets it hides. */
#pragma once

#include <adwaita.h>

#include "xa-agenda.h"
#include "xa-map-view.h"
#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_PRESENTATION (xa_presentation_get_type ())
G_DECLARE_FINAL_TYPE (XaPresentation, xa_presentation, XA, PRESENTATION, GObject)

/* @chrome: the widgets hidden while presenting (header bar, strips, switcher bar),
 * NULL-terminated; @view_stack shows the map page; @map_view gets the card. */
XaPresentation *xa_presentation_new          (GtkWindow     *window,
                                              GtkWidget    **chrome,
                                              AdwViewStack  *view_stack,
                                              XaMapView     *map_view,
                                              GSettings     *settings);
/* The window's read connection to its store (NULL: none) and the server it syncs from
 * (NULL: none; the "data as of" line reads its last sync). */
void            xa_presentation_set_store    (XaPresentation *self,
                                              XaStore        *store,
                                              const char     *server_url);
/* Presents agenda @agenda_id of the store (0: the overview only). FALSE, and nothing
 * changes, when the store has no such agenda or there is no store. */
gboolean        xa_presentation_start        (XaPresentation *self,
                                              gint64          agenda_id,
                                              GError        **error);
/* Leaves presentation mode, the window as it was before. */
void            xa_presentation_stop         (XaPresentation *self);
gboolean        xa_presentation_is_active    (XaPresentation *self);
/* The agenda presented, or the last one (NULL: none). */
XaAgenda       *xa_presentation_get_agenda   (XaPresentation *self);
/* The item shown: -1 for the overview. */
int             xa_presentation_get_position (XaPresentation *self);
/* Writes the minutes of the agenda presented (or last presented) to @output. */
gboolean        xa_presentation_save_minutes (XaPresentation *self,
                                              const char     *output,
                                              GError        **error);

/* Signal "stopped" (guint n_decisions): presentation mode ended after @n_decisions
 * decisions were taken in it. */

/* For tests: the card, the black screen, the progress line. */
GtkWidget      *_xa_presentation_get_card    (XaPresentation *self);
gboolean        _xa_presentation_is_blanked  (XaPresentation *self);
const char     *_xa_presentation_get_progress (XaPresentation *self);
/* The decision dialog open now, or NULL. */
GtkWindow      *_xa_presentation_get_dialog  (XaPresentation *self);

G_END_DECLS
