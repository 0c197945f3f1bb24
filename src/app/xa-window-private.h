/* xa-window-private.h — what the UI tests look at inside XaWindow. */
#pragma once

#include "xa-map-view.h"
#include "xa-window.h"

G_BEGIN_DECLS

/* "welcome", "busy", "error", or the records view shown: "map" or "summary". */
const char *_xa_window_get_page       (XaWindow *self);
/* Shows the records view @name ("map" or "summary"). */
void        _xa_window_show_view      (XaWindow   *self,
                                       const char *name);
gboolean    _xa_window_is_syncing     (XaWindow *self);
const char *_xa_window_get_store_path (XaWindow *self);
/* The records server in use, or NULL. */
const char *_xa_window_get_server_url (XaWindow *self);
/* The text of the sync error strip, or NULL when it is hidden. */
const char *_xa_window_get_error_text (XaWindow *self);

XaMapView  *_xa_window_get_map_view   (XaWindow *self);

G_END_DECLS
