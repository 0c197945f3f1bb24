/* xa-presentation-card.h — the large card presentation mode shows beside the map for the
 * agenda item being discussed: the compound's name and the topic, its facts in a line or
 * two (district, households, year built, cadres), and each open problem with its deadline
 * and tier, with "Agreed…" and "Escalate…" buttons; a decision already taken in this
 * meeting shows in the problem's place. */
#pragma once

#include <adwaita.h>

#include "xa-store-agendas.h"

G_BEGIN_DECLS

#define XA_TYPE_PRESENTATION_CARD (xa_presentation_card_get_type ())
G_DECLARE_FINAL_TYPE (XaPresentationCard, xa_presentation_card, XA, PRESENTATION_CARD, AdwBin)

GtkWidget  *xa_presentation_card_new             (void);
/* Shows @item's compound from @store, its problems' deadlines judged at @now (unix
 * seconds), and the decisions of @decisions (XaAgendaDecision*, the meeting's) on it. */
void        xa_presentation_card_show            (XaPresentationCard *self,
                                                  XaStore            *store,
                                                  XaAgendaItem       *item,
                                                  GPtrArray          *decisions,
                                                  gint64              now);
/* The compound shown, or NULL. */
const char *xa_presentation_card_get_compound_id (XaPresentationCard *self);
/* The compound's name as the card's heading shows it. */
const char *xa_presentation_card_get_title       (XaPresentationCard *self);

/* Signal "decide" (problem id, XaDecisionKind as int): a problem's "Agreed…" or
 * "Escalate…" was clicked. */

/* For tests: the button of problem @problem_id for @kind, or NULL. */
GtkButton  *_xa_presentation_card_get_button     (XaPresentationCard *self,
                                                  const char         *problem_id,
                                                  XaDecisionKind      kind);

G_END_DECLS
