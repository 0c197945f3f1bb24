/* xa-keyring.h — secrets in the desktop keyring (any Secret Service: GNOME Keyring,
 * KWallet, KeePassXC…): the records server's access token, one per server address, and
 * the Tianditu basemap key. Secrets never go to GSettings or to logs. No GTK. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define XA_KEYRING_ERROR (xa_keyring_error_quark ())
GQuark xa_keyring_error_quark (void);

typedef enum
{
  /* No Secret Service on the session bus, no session bus at all, or a keyring that is
   * locked and could not be unlocked: the message says what to do. */
  XA_KEYRING_ERROR_UNAVAILABLE,
  /* The Secret Service answered but refused the request. */
  XA_KEYRING_ERROR_FAILED,
} XaKeyringError;

typedef enum
{
  XA_SECRET_ACCESS_TOKEN,     /* the records server's token; needs a server address */
  XA_SECRET_TIANDITU_KEY,     /* the Tianditu basemap key; one for all servers */
} XaSecretKind;

typedef enum
{
  XA_KEYRING_LOOKUP_NONE = 0,
  /* Never ask to unlock a locked keyring, nor start a Secret Service that is not running:
   * for the command line, where nobody can answer an unlock prompt. Either is then
   * XA_KEYRING_ERROR_UNAVAILABLE. */
  XA_KEYRING_LOOKUP_NO_PROMPT = 1 << 0,
} XaKeyringLookupFlags;

/* Keeps @secret for @kind (and @server_url, for an access token), replacing the one kept
 * before. @secret must not be empty: use xa_keyring_clear() to forget one. */
void      xa_keyring_store          (XaSecretKind          kind,
                                     const char           *server_url,
                                     const char           *secret,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean  xa_keyring_store_finish   (GAsyncResult         *result,
                                     GError              **error);

/* Finds the secret kept for @kind (and @server_url). The finish function returns a new
 * string, or NULL without an error when none is kept. */
void      xa_keyring_lookup         (XaSecretKind          kind,
                                     const char           *server_url,
                                     XaKeyringLookupFlags  flags,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
char     *xa_keyring_lookup_finish  (GAsyncResult         *result,
                                     GError              **error);

/* The same, blocking, for the command line: iterates the thread-default main context
 * until the answer is there, and gives up after @timeout_seconds, so a Secret Service
 * that never answers cannot hang a cron job. */
char     *xa_keyring_lookup_sync    (XaSecretKind          kind,
                                     const char           *server_url,
                                     XaKeyringLookupFlags  flags,
                                     guint                 timeout_seconds,
                                     GError              **error);

/* Forgets the secret kept for @kind (and @server_url); succeeds when none was kept. */
void      xa_keyring_clear          (XaSecretKind          kind,
                                     const char           *server_url,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean  xa_keyring_clear_finish   (GAsyncResult         *result,
                                     GError              **error);

/* The form of @server_url secrets are kept under: "https://host:port/path" with the
 * scheme and host in lower case and no trailing slash, so "HTTPS://Host/" and
 * "https://host" share one token. */
char     *xa_keyring_normalize_server (const char *server_url);

G_END_DECLS
