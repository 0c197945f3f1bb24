/* xa-compound-keyboard.h — the compound layer from the keyboard: a focus ring that Tab and
 * Shift+Tab move over the compounds and clusters in view, and the keys that act on it and
 * on the map. XaCompoundLayer owns one and asks it where the ring is, to draw it, name it
 * and show its tooltip. */
#pragma once

#include "xa-compound-layer.h"
#include "xa-compound-scene.h"

G_BEGIN_DECLS

typedef struct _XaCompoundKeyboard XaCompoundKeyboard;

/* Makes @layer focusable and gives it the keys. @scene is the layer's, whose items the ring
 * goes over. Neither is referenced: the layer frees the result before either goes. */
XaCompoundKeyboard   *xa_compound_keyboard_new       (XaCompoundLayer    *layer,
                                                      XaCompoundScene    *scene);
void                  xa_compound_keyboard_free      (XaCompoundKeyboard *self);

/* The layer's GtkWidget.focus: Tab and Shift+Tab move the ring over the compounds in view
 * in reading order, and let focus leave the map past the last one. */
gboolean              xa_compound_keyboard_focus     (XaCompoundKeyboard *self,
                                                      GtkDirectionType    direction);
/* Drops the ring without a redraw: the items it was on no longer exist (other points, a
 * district filter, a new tile size). */
void                  xa_compound_keyboard_forget    (XaCompoundKeyboard *self);
/* The item under the ring, if the frame has it; NULL without a ring. */
const XaCompoundItem *xa_compound_keyboard_find_item (XaCompoundKeyboard *self);
/* What the ring is on: point @index, or cluster @index of cluster level @level (-1 for
 * single points). FALSE without a ring. */
gboolean              xa_compound_keyboard_get_ring  (XaCompoundKeyboard *self,
                                                      gboolean           *is_cluster,
                                                      guint              *index,
                                                      int                *level);

G_END_DECLS
