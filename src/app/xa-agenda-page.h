/* xa-agenda-page.h — the Agendas page (会商议程) of the window: the saved agendas (name,
 * number of compounds, last changed) with New, Rename, Delete (with an undo) and Open, beside
 * the editor of the current agenda — the one the setting "current-agenda" names, which
 * presentation mode presents. The other pages add compounds to it through
 * xa_agenda_page_add(), which makes a new agenda when none is open.
 *
 * Its actions are widget actions of the page: agendas.new, agendas.open (x),
 * agendas.rename (x), agendas.delete (x), agendas.back. */
#pragma once

#include <adwaita.h>

#include "xa-agenda-editor.h"
#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_AGENDA_PAGE (xa_agenda_page_get_type ())
G_DECLARE_FINAL_TYPE (XaAgendaPage, xa_agenda_page, XA, AGENDA_PAGE, AdwBin)

/* Reads the saved agendas of @store_or_NULL and opens the current one; NULL lets the store
 * go (saving what was pending first). Call it again after a sync: names are read again. */
void            xa_agenda_page_set_store   (XaAgendaPage        *self,
                                            XaStore             *store_or_NULL);
/* Adds the compounds @compound_ids (in their order; those on it already are left where
 * they are) to the current agenda, making "Meeting <today>" first when none is open, and
 * saves it; a toast says how many were added and how many were on it already. FALSE, with
 * a toast saying why, when nothing could be saved. @out_added and @out_already may be NULL. */
gboolean        xa_agenda_page_add         (XaAgendaPage        *self,
                                            const char * const  *compound_ids,
                                            guint               *out_added,
                                            guint               *out_already);
/* Opens the saved agenda @id: it becomes the current one (the setting follows). */
gboolean        xa_agenda_page_open        (XaAgendaPage        *self,
                                            gint64               id,
                                            GError             **error);
/* The current agenda, or NULL. */
XaAgenda       *xa_agenda_page_get_current (XaAgendaPage        *self);
XaAgendaEditor *xa_agenda_page_get_editor  (XaAgendaPage        *self);

/* For tests: the list of saved agendas (a row per agenda, the last changed first). */
GtkListBox     *_xa_agenda_page_get_list   (XaAgendaPage        *self);

G_END_DECLS
