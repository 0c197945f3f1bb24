/* xa-preferences-window-private.h — for the UI tests: what the file chooser's answer
 * does, without driving a native file dialog. */
#pragma once

#include "xa-preferences-window.h"

G_BEGIN_DECLS

/* Checks @file as the file chooser's answer would and saves it when it is an MBTiles file. */
void     _xa_preferences_window_choose_mbtiles (XaPreferencesWindow *self,
                                                GFile               *file);
/* TRUE while a keyring request started by the window is under way. */
gboolean _xa_preferences_window_is_busy        (XaPreferencesWindow *self);

G_END_DECLS
