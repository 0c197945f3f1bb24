/* xa-preferences-window.h — the Preferences window: the records server and its access
 * token (kept in the keyring), automatic sync, the flood season, the basemap (with the
 * Tianditu key in the keyring), the elevator age bands and the cadre whose compounds the
 * problem ledger's "My Compounds" shows. Only valid values reach
 * GSettings; a value refused is shown with why, and the one in use stays. */
#pragma once

#include <adwaita.h>

#include "xa-store.h"

G_BEGIN_DECLS

#define XA_TYPE_PREFERENCES_WINDOW (xa_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (XaPreferencesWindow, xa_preferences_window, XA, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* A window transient for @parent (may be NULL) editing @settings (the app's schema).
 *
 * Signals, for the main window to act on at once:
 *   "token-changed" (const char *server_url, const char *token): the user applied a new
 *     access token for @server_url ("" when it was removed). Emitted whether or not the
 *     keyring could keep it: without a keyring the token is to be kept in memory for this
 *     session.
 *   "tianditu-key-changed" (const char *key): the same for the Tianditu key. */
GtkWidget *xa_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings);
/* The cadres of @store (NULL: none) for the "My Cadre" row, the one of "my-cadre" chosen. */
void       xa_preferences_window_set_store (XaPreferencesWindow *self,
                                            XaStore             *store);

G_END_DECLS
