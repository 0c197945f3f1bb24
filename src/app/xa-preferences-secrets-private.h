/* xa-preferences-secrets-private.h — the keyring side of the Preferences window: the records
 * server's access token and the Tianditu key are looked up when the window opens (the token
 * again whenever the server changes), stored or cleared when their row is applied, and each
 * answer is shown on the secret's status row. Internal to XaPreferencesWindow, which owns the
 * rows and hands a secret on once it is applied.
 *
 * A store keeps a reference to the window until the keyring answers: a token applied just
 * before the window closes still reaches whoever listens to the window. */
#pragma once

#include <adwaita.h>

#include "xa-keyring.h"

G_BEGIN_DECLS

typedef struct _XaPreferencesSecrets XaPreferencesSecrets;

/* The user applied @secret ("" when it was removed) for @kind (and @server_url, for the
 * token), whether or not the keyring could keep it. Called after the rows show the answer. */
typedef void (*XaSecretAppliedFunc) (GObject      *owner,
                                     XaSecretKind  kind,
                                     const char   *server_url,
                                     const char   *secret);

/* For @owner (the window, not referenced but for the stores under way), reading the
 * server address from @settings. */
XaPreferencesSecrets *_xa_preferences_secrets_new      (GObject              *owner,
                                                        GSettings            *settings,
                                                        XaSecretAppliedFunc   applied);
/* The rows of @kind: the entry, and the status row with its icon. */
void                  _xa_preferences_secrets_set_rows (XaPreferencesSecrets *self,
                                                        XaSecretKind          kind,
                                                        AdwPasswordEntryRow  *entry,
                                                        AdwActionRow         *status,
                                                        GtkImage             *icon);
/* Empties the entry of @kind and fills it with what the keyring keeps (for the server set
 * now, for the token). */
void                  _xa_preferences_secrets_lookup   (XaPreferencesSecrets *self,
                                                        XaSecretKind          kind);
/* Stores what the entry of @kind holds, or clears the secret when it is empty. */
void                  _xa_preferences_secrets_apply    (XaPreferencesSecrets *self,
                                                        XaSecretKind          kind);
/* TRUE while a lookup or store is under way. */
gboolean              _xa_preferences_secrets_is_busy  (XaPreferencesSecrets *self);
/* For the window's dispose: cancels the lookups; the stores under way finish without
 * touching the rows, and still call the applied function. */
void                  _xa_preferences_secrets_stop     (XaPreferencesSecrets *self);
/* For the owner's finalize, when no store can be under way any more. */
void                  _xa_preferences_secrets_free     (XaPreferencesSecrets *self);

G_END_DECLS
