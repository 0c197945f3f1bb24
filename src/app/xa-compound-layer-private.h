/* xa-compound-layer-private.h — what XaCompoundLayer lends beyond its public API: to its
 * XaCompoundKeyboard (xa-compound-keyboard.c), the view, activation and accessible name the
 * keys act on; to the tests and the benchmark, where things are drawn and the click path
 * without a pointer. */
#pragma once

#include "xa-compound-layer.h"
#include "xa-compound-scene.h"

G_BEGIN_DECLS

/* ---- For the layer's keyboard ---- */

/* Reads the current view into @view; FALSE while there is nothing to see yet (no map
 * source, no size). A new tile size drops the keyboard ring, whose items no longer exist. */
gboolean              _xa_compound_layer_get_view      (XaCompoundLayer      *self,
                                                        XaCompoundView       *view);
/* Enter or a click on @item: a dot is selected and activated, a cluster opens. */
void                  _xa_compound_layer_activate_item (XaCompoundLayer      *self,
                                                        const XaCompoundItem *item);
/* Names the compound (or cluster) under the keyboard ring, else the selected one. */
void                  _xa_compound_layer_update_accessible_label (XaCompoundLayer *self);

/* ---- For the tests and the benchmark ---- */

/* The widget coordinates of compound @id when it is drawn on its own (not inside a
 * cluster) in the current view; FALSE otherwise. */
gboolean    _xa_compound_layer_locate        (XaCompoundLayer *self,
                                              const char      *id,
                                              double          *x,
                                              double          *y);
/* The centre of the largest cluster in view and its count; FALSE when no cluster shows. */
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
/* The district name plates drawn in the current view, as graphene_rect_t in widget
 * coordinates. Free with g_array_unref(). */
GArray     *_xa_compound_layer_dup_plates    (XaCompoundLayer *self);
/* The dots and clusters drawn in the current view, as graphene_point3d_t: x, y in widget
 * coordinates and z the radius drawn. Free with g_array_unref(). */
GArray     *_xa_compound_layer_dup_marks     (XaCompoundLayer *self);
/* The scene the layer draws: its cluster levels, name plates and tile size. */
XaCompoundScene *_xa_compound_layer_get_scene (XaCompoundLayer *self);
/* The id of the compound with the keyboard focus ring, or NULL. */
const char *_xa_compound_layer_get_focus_id  (XaCompoundLayer *self);
/* The tooltip markup at @x, @y, or NULL over empty map. Free with g_free(). */
char       *_xa_compound_layer_dup_tooltip   (XaCompoundLayer *self,
                                              double           x,
                                              double           y);

G_END_DECLS
