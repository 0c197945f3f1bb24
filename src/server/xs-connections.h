/* xs-connections.h — the TCP side of the reference server: it listens with a real backlog,
 * accepts connections itself and hands each to libsoup only once its request has begun to
 * arrive, lets libsoup keep none of them idle, closes what stalls, and can answer a request
 * at once from its headers without reading its body. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define XS_TYPE_CONNECTIONS (xs_connections_get_type ())
G_DECLARE_FINAL_TYPE (XsConnections, xs_connections, XS, CONNECTIONS, GObject)

/* At least 128 (the issue that made this file: libsoup listens with 10). */
#define XS_CONNECTIONS_BACKLOG 512

XsConnections *xs_connections_new          (SoupServer        *soup);
/* A connection that has not sent its whole request header @header_seconds after it was
 * accepted is closed, and so is one whose request and answer take @request_seconds. */
void           xs_connections_set_timeouts (XsConnections     *self,
                                            guint              header_seconds,
                                            guint              request_seconds);
/* Listens on @address; @out_port gets the port bound (useful with port 0). */
gboolean       xs_connections_listen       (XsConnections     *self,
                                            GSocketAddress    *address,
                                            guint             *out_port,
                                            GError           **error);
/* Sends the status, response headers and body already set on @msg right away, before
 * its request body is read, and closes the connection (a refusal from its headers). */
void           xs_connections_answer_now   (XsConnections     *self,
                                            SoupServerMessage *msg);
/* Connections accepted and not closed yet. */
guint          xs_connections_get_n_open   (XsConnections     *self);
/* Stops listening and closes every connection. */
void           xs_connections_close        (XsConnections     *self);

G_END_DECLS
