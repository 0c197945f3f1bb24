/* xa-web-address.h — web addresses as the app uses them: whether a text is one the app can
 * fetch from (the one test the connect dialog, Preferences and the basemap share), and the
 * one spelling of a server's address under which the store, the sync and the keyring know
 * that server. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @text parses as an http:// or https:// URI with a non-empty host. */
gboolean xa_web_address_is_valid  (const char *text);
/* @text as the one spelling of its server: surrounding space, user name and password and
 * trailing slashes left out, scheme and host in lower case, a default port dropped
 * ("HTTP://Host:80/" is "http://host"). Text that is no URI only loses its trailing
 * slashes. */
char    *xa_web_address_normalize (const char *text);
/* TRUE when @a and @b are the same server once normalised; FALSE when either is NULL. */
gboolean xa_web_address_same      (const char *a,
                                   const char *b);

G_END_DECLS
