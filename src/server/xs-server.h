/* xs-server.h — the HTTP side of the reference server: GET /api/v1/changes served from an
 * XsDatabase exactly as src/records-api.md says, with bearer tokens, gzip, ETags and
 * problem documents for every error, and the update paths handed to xs-updates.c. */
#pragma once

#include <gio/gio.h>

#include "xs-database.h"

G_BEGIN_DECLS

#define XS_SERVER_ERROR (xs_server_error_quark ())
GQuark xs_server_error_quark (void);

typedef enum
{
  XS_SERVER_ERROR_BAD_ADDRESS,   /* --listen is not an IP address */
  XS_SERVER_ERROR_LISTEN,        /* the port is taken or not ours to use */
} XsServerError;

#define XS_TYPE_SERVER (xs_server_get_type ())
G_DECLARE_FINAL_TYPE (XsServer, xs_server, XS, SERVER, GObject)

XsServer   *xs_server_new      (XsDatabase  *database,
                                const char  *token);
/* Listens on @address (NULL: 127.0.0.1) and @port (0: a free one). */
gboolean    xs_server_listen   (XsServer    *self,
                                const char  *address,
                                guint        port,
                                GError     **error);
/* A connection that has not sent its request's headers @header_seconds after it opened is
 * closed, and so is one whose request and answer take longer than @request_seconds. */
void        xs_server_set_timeouts (XsServer *self,
                                    guint     header_seconds,
                                    guint     request_seconds);
/* "http://HOST:PORT" once listening, without a trailing slash. */
const char *xs_server_get_url  (XsServer    *self);
void        xs_server_shutdown (XsServer    *self);

/* Cursors, exposed for the tests of this file's rules. */
char       *xs_cursor_encode   (const char  *epoch,
                                gint64       horizon,
                                gint64       seq);
gboolean    xs_cursor_decode   (const char  *cursor,
                                char       **out_epoch,
                                gint64      *out_horizon,
                                gint64      *out_seq);

G_END_DECLS
