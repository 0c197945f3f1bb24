/* xa-web-address.h — whether a text is a web address the app can fetch from: the one test
 * the connect dialog, Preferences (server and XYZ tiles) and the basemap share. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @text parses as an http:// or https:// URI with a non-empty host. */
gboolean xa_web_address_is_valid (const char *text);

G_END_DECLS
