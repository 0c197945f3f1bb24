/* xa-compound-layer-private.h — what the tests and the benchmark ask of XaCompoundLayer
 * beyond its public API: where things are drawn, and the click path without a pointer. */
#pragma once

#include "xa-compound-layer.h"

G_BEGIN_DECLS

/* The widget coordinates of compound @id when it is drawn on its own (not inside a
 * cluster) in the current view; FALSE otherwise. */
gboolean    _xa_compound_layer_locate        (XaCompoundLayer *self,
                                              const char      *id,
                                              double          *x,
                                              double          *y);
/* The centre of the first cluster in view and its count; FALSE when no cluster shows. */
gboolean    _xa_compound_layer_locate_cluster (XaCompoundLayer *self,
                                               double          *x,
                                               double          *y,
                                               guint           *count);
/* How many single compounds and clusters the current view draws. */
void        _xa_compound_layer_count_visible (XaCompoundLayer *self,
                                              guint           *dots,
                                              guint           *clusters);
/* What a primary click at @x, @y does. TRUE when it hit a compound or a cluster. */
gboolean    _xa_compound_layer_click         (XaCompoundLayer *self,
                                              double           x,
                                              double           y);
/* The id of the compound with the keyboard focus ring, or NULL. */
const char *_xa_compound_layer_get_focus_id  (XaCompoundLayer *self);
/* The tooltip markup at @x, @y, or NULL over empty map. Free with g_free(). */
char       *_xa_compound_layer_dup_tooltip   (XaCompoundLayer *self,
                                              double           x,
                                              double           y);

G_END_DECLS
