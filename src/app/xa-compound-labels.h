/* xa-compound-labels.h — the words XaCompoundLayer says about the compounds of its scene:
 * the tooltip markup of a dot or a cluster, and the map's accessible name while one is
 * focused or selected. Used only by the layer. */
#pragma once

#include "xa-compound-scene.h"

G_BEGIN_DECLS

/* Pango markup for the tooltip of @item, an item of @scene's frame. */
char *xa_compound_labels_item_tooltip (XaCompoundScene       *scene,
                                       const XaCompoundItem  *item);
/* The map's accessible name with compound @p under the keyboard ring or selected. */
char *xa_compound_labels_point_name   (XaCompoundScene       *scene,
                                       const XaCompoundPoint *p);
/* The map's accessible name with a cluster of @n compounds under the keyboard ring. */
char *xa_compound_labels_cluster_name (guint                  n);

G_END_DECLS
