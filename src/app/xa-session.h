/* xa-session.h — the app's link to its records server, apart from any widget: which server
 * and token it syncs from (from the command line, the settings, the keyring or the connect
 * dialog), the demo city with its own server and store, the sync and the automatic sync,
 * and how the last of them failed. The window is a view of it; whatever else shows records
 * can watch it too. */
#pragma once

#include <gio/gio.h>

#include "xa-application.h"
#include "xa-sync-client.h"

G_BEGIN_DECLS

/* What the session is doing now; one thing at a time. */
typedef enum
{
  XA_SESSION_STATE_IDLE,
  /* Reading the token saved in the keyring for the server in use. */
  XA_SESSION_STATE_LOOKING_UP_TOKEN,
  /* Starting the demo server (and letting a sync to the real server stop first). */
  XA_SESSION_STATE_STARTING_DEMO,
  XA_SESSION_STATE_SYNCING,
  /* The last sync or demo start failed: see xa_session_get_error(). */
  XA_SESSION_STATE_FAILED,
} XaSessionState;

GType xa_session_state_get_type (void) G_GNUC_CONST;
#define XA_TYPE_SESSION_STATE (xa_session_state_get_type ())

#define XA_TYPE_SESSION (xa_session_get_type ())
G_DECLARE_FINAL_TYPE (XaSession, xa_session, XA, SESSION, GObject)

/* @application may be NULL (tests): then there is no demo, and the server and token of
 * the command line are not used. @settings gives "server-url" and "sync-interval-minutes". */
XaSession      *xa_session_new                (XaApplication *application,
                                               GSettings     *settings,
                                               const char    *store_path);
/* The application whose demo server and records files the demo uses; NULL: no demo. */
void            xa_session_set_application    (XaSession     *self,
                                               XaApplication *application);
XaSessionState  xa_session_get_state          (XaSession     *self);
/* How the last sync or demo start failed, or NULL when it did not. */
const GError   *xa_session_get_error          (XaSession     *self);
const char     *xa_session_get_store_path     (XaSession     *self);
/* The records server in use, or NULL. */
const char     *xa_session_get_server_url     (XaSession     *self);
/* The token in use (kept in memory only), or NULL. */
const char     *xa_session_get_token          (XaSession     *self);
/* TRUE while the demo city (its own server, token and store) is in use. */
gboolean        xa_session_get_demo           (XaSession     *self);
/* Seconds between automatic syncs; 0: none. Follows "sync-interval-minutes" (times 60)
 * until set here. */
guint           xa_session_get_auto_sync_interval (XaSession *self);
void            xa_session_set_auto_sync_interval (XaSession *self,
                                                   guint      seconds);
/* While "finished" is emitted for a sync that replaced another server's records: where
 * they were kept. NULL otherwise. */
const char     *xa_session_get_replace_aside_path (XaSession *self);

/* The server to sync from and its token (kept in memory only); starts nothing. */
void            xa_session_set_server         (XaSession     *self,
                                               const char    *server_url,
                                               const char    *token);
/* What the window does once it is shown: syncs from a server with a token, or reads the
 * token of a known server from the keyring first. */
void            xa_session_start              (XaSession     *self);
/* Syncs from the server in use. FALSE (and nothing starts) when there is no server; TRUE
 * also when a sync or the demo's start is already under way (nothing more starts). */
gboolean        xa_session_sync               (XaSession     *self);
/* As xa_session_sync(), moving a store of another server to @aside_path first. */
gboolean        xa_session_sync_replacing     (XaSession     *self,
                                               const char    *aside_path);
void            xa_session_cancel_sync        (XaSession     *self);
/* The user chose @server_url and @token in the connect dialog: leaves the demo, saves the
 * address and the token, and syncs. */
void            xa_session_connect            (XaSession     *self,
                                               const char    *server_url,
                                               const char    *token);
/* Preferences saved a new token (empty: removed) for @server_url; the demo ignores it. */
void            xa_session_use_token          (XaSession     *self,
                                               const char    *server_url,
                                               const char    *token);
/* Starts the demo server, then syncs the demo's store from it. */
void            xa_session_open_demo          (XaSession     *self);
/* Stops whatever runs; nothing is emitted afterwards. */
void            xa_session_shutdown           (XaSession     *self);

G_END_DECLS
