/* xa-agenda.h — a meeting's agenda (会商议程): a named, ordered list of the compounds to
 * discuss, as a GListModel of XaAgendaItem that the agenda editor and presentation mode show
 * and step through. It lives in memory; xa-store-agendas.h keeps it in the store. */
#pragma once

#include <gio/gio.h>

#include "xa-agenda-item.h"

G_BEGIN_DECLS

#define XA_TYPE_AGENDA (xa_agenda_get_type ())
G_DECLARE_FINAL_TYPE (XaAgenda, xa_agenda, XA, AGENDA, GObject)

/* A new agenda, not yet saved (id 0), with no items. */
XaAgenda     *xa_agenda_new           (const char   *name);
/* The id the store gave it (xa_store_save_agenda()), 0 while never saved. */
gint64        xa_agenda_get_id        (XaAgenda     *self);
/* For the store only: the id it was saved under. */
void          xa_agenda_set_id        (XaAgenda     *self,
                                       gint64        id);
const char   *xa_agenda_get_name      (XaAgenda     *self);
void          xa_agenda_set_name      (XaAgenda     *self,
                                       const char   *name);
guint         xa_agenda_get_n_items   (XaAgenda     *self);
/* The item at @position (borrowed), or NULL past the end. */
XaAgendaItem *xa_agenda_peek_item     (XaAgenda     *self,
                                       guint         position);
/* The position of the first item on @compound_id, or -1. */
int           xa_agenda_find          (XaAgenda     *self,
                                       const char   *compound_id);
/* Adds the compound at the end unless it is on the agenda already: a compound is discussed
 * once per meeting. Returns whether it was added. */
gboolean      xa_agenda_append        (XaAgenda     *self,
                                       const char   *compound_id,
                                       const char   *topic_or_NULL);
/* Inserts @item at @position (clamped to the end); FALSE, and nothing changes, when its
 * compound is on the agenda already. */
gboolean      xa_agenda_insert        (XaAgenda     *self,
                                       guint         position,
                                       XaAgendaItem *item);
void          xa_agenda_remove        (XaAgenda     *self,
                                       guint         position);
/* Moves the item at @from so that it ends up at @to (both < n_items). */
void          xa_agenda_move          (XaAgenda     *self,
                                       guint         from,
                                       guint         to);
/* The compound ids in order, NULL-terminated (free with g_strfreev). */
char        **xa_agenda_dup_compound_ids (XaAgenda  *self);

G_END_DECLS
