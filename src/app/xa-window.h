/* xa-window.h — the main window: header bar with sync, the welcome page for an empty
 * store, the city summary once records exist, toasts and a strip for sync errors. */
#pragma once

#include <adwaita.h>

#include "xa-application.h"
#include "xa-presentation.h"
#include "xa-session.h"

G_BEGIN_DECLS

#define XA_TYPE_WINDOW (xa_window_get_type ())
G_DECLARE_FINAL_TYPE (XaWindow, xa_window, XA, WINDOW, AdwApplicationWindow)

/* @application may be NULL (tests); then there is no demo server. */
XaWindow *xa_window_new        (XaApplication *application,
                                const char    *store_path);
/* The server to sync from and its token (kept in memory only): see
 * xa_session_set_server(). */
void      xa_window_set_server (XaWindow      *self,
                                const char    *server_url,
                                const char    *token);
/* The window's link to its records server: what it shows the state of. */
XaSession *xa_window_get_session (XaWindow   *self);
/* Reads the records of the store again, as after a sync (another connection changed it). */
void      xa_window_reload_records (XaWindow  *self);
/* Whether the window shows a meeting pack (offline, never synced). */
gboolean  xa_window_get_meeting_pack (XaWindow *self);
/* Presentation mode (F5) of the window, and its meetings' minutes. */
XaPresentation *xa_window_get_presentation (XaWindow *self);
/* Takes ownership of @toast. */
void      xa_window_add_toast  (XaWindow      *self,
                                AdwToast      *toast);

G_END_DECLS
