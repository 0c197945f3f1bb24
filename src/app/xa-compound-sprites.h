/* xa-compound-sprites.h — the pre-drawn textures XaCompoundLayer stamps on the map: an
 * outlined disc per overlay, band and size for the dots, a cluster's pie with its count, and
 * a district's name plate. Drawn once with cairo at the widget's scale so that a dot or a
 * cluster costs a frame one texture node, which the GL renderer batches. Used only by the
 * layer's scene. */
#pragma once

#include <gtk/gtk.h>

#include "xa-compound-clusters.h"
#include "xa-overlay.h"

G_BEGIN_DECLS

typedef struct _XaCompoundSprites XaCompoundSprites;

XaCompoundSprites *xa_compound_sprites_new          (void);
void               xa_compound_sprites_free         (XaCompoundSprites *self);

/* Drops every dot texture (the widget is going away). */
void               xa_compound_sprites_clear        (XaCompoundSprites *self);
/* The widget's scale factor; TRUE when it changed, and then every dot texture is dropped
 * (and the caller drops its cluster textures). */
gboolean           xa_compound_sprites_set_scale    (XaCompoundSprites *self,
                                                     int                scale);
/* How much larger than normal clusters, their counts and the district plates are drawn
 * (1 normally; presentation mode's large type on a projector); TRUE when it changed, and
 * then the caller drops its cluster and plate textures. Dots take their radius from the
 * caller. */
gboolean           xa_compound_sprites_set_magnification (XaCompoundSprites *self,
                                                          double             magnification);
double             xa_compound_sprites_get_magnification (XaCompoundSprites *self);

/* The dot of a compound in @band of @overlay, @radius wide, kept by @self. */
GdkTexture        *xa_compound_sprites_get_dot      (XaCompoundSprites *self,
                                                     XaOverlay          overlay,
                                                     guint              band,
                                                     float              radius);
/* A new texture of @cluster in @overlay, its text in @widget's font. */
GdkTexture        *xa_compound_sprites_draw_cluster (XaCompoundSprites *self,
                                                     GtkWidget         *widget,
                                                     XaOverlay          overlay,
                                                     const XaCluster   *cluster);
/* A new texture naming a district and its number of compounds (@text) on a light plate, in
 * @widget's font; its size in widget pixels goes to @width and @height. */
GdkTexture        *xa_compound_sprites_draw_label   (XaCompoundSprites *self,
                                                     GtkWidget         *widget,
                                                     const char        *text,
                                                     double            *width,
                                                     double            *height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaCompoundSprites, xa_compound_sprites_free)

G_END_DECLS
