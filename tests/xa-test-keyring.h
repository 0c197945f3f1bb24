/* xa-test-keyring.h — a private session bus for one test, with or without a real Secret
 * Service (gnome-keyring-daemon, unlocked, in a throw-away home) on it, so keyring tests
 * never touch the user's keyring nor the bus `dbus-run-session` gives the test run; and
 * XaKeyring's calls made and waited for, to set up or read what a test needs. */
#pragma once

#include <gio/gio.h>

#include "xa-keyring.h"

G_BEGIN_DECLS

typedef struct _XaTestKeyring XaTestKeyring;

/* Starts a dbus-daemon that activates nothing and points DBUS_SESSION_BUS_ADDRESS at it;
 * with @with_secret_service, also gnome-keyring-daemon with an unlocked login keyring,
 * and waits until it owns org.freedesktop.secrets. Call it before anything in the process
 * connects to the session bus (GTK, libadwaita): GIO keeps one session connection. */
XaTestKeyring *xa_test_keyring_start (gboolean       with_secret_service);
/* The address of the private bus. */
const char    *xa_test_keyring_get_address (XaTestKeyring *keyring);
/* Stops the Secret Service but keeps the bus: from now on there is no keyring. */
void           xa_test_keyring_stop_secret_service (XaTestKeyring *keyring);
/* Drops libsecret's and GIO's connections, stops both daemons, restores the environment. */
void           xa_test_keyring_stop  (XaTestKeyring *keyring);

/* xa_keyring_store(), xa_keyring_lookup() (no flags) and xa_keyring_clear(), each waited
 * for by running the default main context. With @error NULL the call must succeed. */
gboolean       xa_test_keyring_store_secret  (XaSecretKind   kind,
                                              const char    *server_url,
                                              const char    *secret,
                                              GError       **error);
char          *xa_test_keyring_lookup_secret (XaSecretKind   kind,
                                              const char    *server_url,
                                              GError       **error);
gboolean       xa_test_keyring_clear_secret  (XaSecretKind   kind,
                                              const char    *server_url,
                                              GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaTestKeyring, xa_test_keyring_stop)

G_END_DECLS
