/* xa-agenda-item.h — one compound on a meeting's agenda (议程): which compound, and what the
 * meeting is to decide about it, in the presenter's words. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define XA_TYPE_AGENDA_ITEM (xa_agenda_item_get_type ())
G_DECLARE_FINAL_TYPE (XaAgendaItem, xa_agenda_item, XA, AGENDA_ITEM, GObject)

/* @topic_or_NULL: what is to be decided ("the south gate's drainage"), may be NULL. */
XaAgendaItem *xa_agenda_item_new             (const char   *compound_id,
                                              const char   *topic_or_NULL);
const char   *xa_agenda_item_get_compound_id (XaAgendaItem *self);
/* Never NULL: "" when there is no topic. */
const char   *xa_agenda_item_get_topic       (XaAgendaItem *self);
void          xa_agenda_item_set_topic       (XaAgendaItem *self,
                                              const char   *topic_or_NULL);

G_END_DECLS
