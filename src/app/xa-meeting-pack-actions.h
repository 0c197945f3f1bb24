/* xa-meeting-pack-actions.h — the window's meeting-pack actions: Export Meeting Pack… (the
 * current agenda, with the tiles of the chosen basemap found on this machine), Open
 * Meeting Pack… and Import Decisions…, each a file chooser and its work in a thread, told
 * in a toast or an error dialog. */
#pragma once

#include "xa-window.h"

G_BEGIN_DECLS

/* Installs win.export-meeting-pack, win.open-meeting-pack and win.import-decisions on the
 * window class. */
void     xa_meeting_pack_actions_install (GtkWidgetClass *widget_class);

/* Brings the decisions of the pack at @pack_path back into the store at @store_path in a
 * thread, then tells @window (a toast, or an error dialog) and reloads its records. */
void     xa_meeting_pack_import_async    (XaWindow       *window,
                                          const char     *pack_path,
                                          const char     *store_path);

G_END_DECLS
