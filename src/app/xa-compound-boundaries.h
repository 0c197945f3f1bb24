/* xa-compound-boundaries.h — the compounds' outlines at high zoom, drawn with cairo in
 * world tiles that are kept while the zoom and the look stay, so that panning reuses them.
 * Used only by the layer's scene. */
#pragma once

#include <gtk/gtk.h>

#include "xa-compound-points.h"
#include "xa-overlay.h"

G_BEGIN_DECLS

typedef struct _XaCompoundBoundaries XaCompoundBoundaries;

XaCompoundBoundaries *xa_compound_boundaries_new    (void);
void                  xa_compound_boundaries_free   (XaCompoundBoundaries *self);

/* Drops every tile. */
void                  xa_compound_boundaries_clear  (XaCompoundBoundaries *self);

/* Appends to @snapshot the outlines of @points (in the colours of @overlay, only those in
 * @district_filter when it is not NULL) over the box @x0,@y0 – @x1,@y1 in world pixels of a
 * world @world pixels wide at @zoom, with @snapshot's origin at @x0,@y0. Tiles are reused
 * until @zoom or @generation (bumped by the caller whenever the look changes) differ. */
void                  xa_compound_boundaries_append (XaCompoundBoundaries *self,
                                                     GtkSnapshot          *snapshot,
                                                     XaCompoundPoints     *points,
                                                     XaOverlay             overlay,
                                                     const char           *district_filter,
                                                     guint                 generation,
                                                     double                zoom,
                                                     double                world,
                                                     double                x0,
                                                     double                y0,
                                                     double                x1,
                                                     double                y1);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaCompoundBoundaries, xa_compound_boundaries_free)

G_END_DECLS
