/* xa-agenda-editor.h — the agenda editor (议程): the compounds of one agenda in their order,
 * each with its name and district read from the store (or a note that the records no longer
 * have it) and what the meeting is to decide about it; moved with Move Up / Move Down or
 * Alt+↑ / Alt+↓, removed with an undo, added by a search; Present hands the agenda to
 * presentation mode (win.present-agenda). Every change is saved to the store: at once for
 * the order, a moment after the typing stops for a topic, and whatever is still pending when
 * the editor lets the agenda go. */
#pragma once

#include <adwaita.h>

#include "xa-agenda.h"
#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_AGENDA_EDITOR (xa_agenda_editor_get_type ())
G_DECLARE_FINAL_TYPE (XaAgendaEditor, xa_agenda_editor, XA, AGENDA_EDITOR, AdwBin)

GtkWidget *xa_agenda_editor_new        (void);
/* Edits @agenda_or_NULL (saved: it has an id) of @store_or_NULL, saving what was pending of
 * the agenda shown before. NULL: the "no agenda open" state. Call it again after a sync: the
 * names are read again. Emits "saved" after each save. */
void       xa_agenda_editor_set_agenda (XaAgendaEditor *self,
                                        XaStore        *store_or_NULL,
                                        XaAgenda       *agenda_or_NULL);
XaAgenda  *xa_agenda_editor_get_agenda (XaAgendaEditor *self);
/* Saves now what waits to be saved (a topic being typed); FALSE, with a toast saying why,
 * when the store refused it. */
gboolean   xa_agenda_editor_save       (XaAgendaEditor *self);
/* Shows @toast (taking it) in the window, in place of the agendas' toast before: the page's
 * and the editor's answers to what was just done. */
void       xa_agenda_editor_add_toast  (XaAgendaEditor *self,
                                        AdwToast       *toast);
/* The same with a toast of @text whose "Undo" calls @undo (AdwToast *, @data); @data is let
 * go with @free_data when the toast is. */
void       xa_agenda_editor_add_undo_toast (XaAgendaEditor *self,
                                            const char     *text,
                                            GCallback       undo,
                                            gpointer        data,
                                            GDestroyNotify  free_data);
/* Shows the button back to the list of agendas (the page is too narrow for both). */
void       xa_agenda_editor_set_folded (XaAgendaEditor *self,
                                        gboolean        folded);
/* Moves the item at @from to @to and saves, the focus following the item. */
void       xa_agenda_editor_move       (XaAgendaEditor *self,
                                        guint           from,
                                        guint           to);
/* Removes the item at @position and saves; a toast offers to undo it. */
void       xa_agenda_editor_remove     (XaAgendaEditor *self,
                                        guint           position);

/* For tests: the list of items (its rows in the agenda's order) and the search. */
GtkListBox *_xa_agenda_editor_get_items_list   (XaAgendaEditor *self);
GtkEditable *_xa_agenda_editor_get_search_entry (XaAgendaEditor *self);
GtkListBox *_xa_agenda_editor_get_results_list (XaAgendaEditor *self);
/* The topic entry of the row at @position. */
GtkEditable *_xa_agenda_editor_get_topic_entry (XaAgendaEditor *self,
                                                guint           position);
GtkEventController *_xa_agenda_editor_get_key_controller (XaAgendaEditor *self);

G_END_DECLS
