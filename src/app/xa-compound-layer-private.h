/* xa-compound-layer-private.h — what XaCompoundLayer's files share: the instance struct and
 * the functions one file calls in another (xa-compound-layer.c: the widget, its drawing,
 * selection, accessible name, hover, tooltips and clicks; xa-compound-layer-keyboard.c: Tab
 * focus over the compounds in view and the keys), and what
 * the tests and the benchmark ask of the layer beyond its public API: where things are
 * drawn, and the click path without a pointer. */
#pragma once

#include "xa-compound-layer.h"
#include "xa-compound-scene.h"

G_BEGIN_DECLS

struct _XaCompoundLayer
{
  ShumateLayer      parent_instance;

  /* The points, overlay and district filter, and the frame drawn of them. */
  XaCompoundScene  *scene;
  char             *selected_id;
  int               selected;   /* point index, -1 for none */

  gboolean          has_focus_item;
  gboolean          focus_is_cluster;
  guint             focus_index;
  int               focus_level;

  /* A fit asked for before the layer had a size, done at the first allocation. */
  gboolean          pending_fit;
  double            pending_box[4];  /* min lat, min lon, max lat, max lon */
  XaCompoundLayerMarginsFunc fit_margins;
  gpointer          fit_margins_data;
  guint             settle_tick;
};

/* ---- Between the layer's files ---- */

/* xa-compound-layer.c */
/* Reads the current view into @view; FALSE while there is nothing to see yet (no map
 * source, no size). A new tile size drops the keyboard ring, whose items no longer exist. */
gboolean              _xa_compound_layer_get_view      (XaCompoundLayer      *self,
                                                        XaCompoundView       *view);
/* Enter or a click on @item: a dot is selected and activated, a cluster opens. */
void                  _xa_compound_layer_activate_item (XaCompoundLayer      *self,
                                                        const XaCompoundItem *item);
/* Names the compound (or cluster) under the keyboard ring, else the selected one. */
void                  _xa_compound_layer_update_accessible_label (XaCompoundLayer *self);

/* xa-compound-layer-keyboard.c */
/* The item under the keyboard ring, if the frame has it. */
const XaCompoundItem *_xa_compound_layer_find_focus_item (XaCompoundLayer *self);
/* GtkWidget.focus: Tab and Shift+Tab move the ring over the compounds in view. */
gboolean              _xa_compound_layer_focus         (GtkWidget            *widget,
                                                        GtkDirectionType      direction);
void                  _xa_compound_layer_init_keyboard (XaCompoundLayer      *self);

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
/* The id of the compound with the keyboard focus ring, or NULL. */
const char *_xa_compound_layer_get_focus_id  (XaCompoundLayer *self);
/* The tooltip markup at @x, @y, or NULL over empty map. Free with g_free(). */
char       *_xa_compound_layer_dup_tooltip   (XaCompoundLayer *self,
                                              double           x,
                                              double           y);

G_END_DECLS
