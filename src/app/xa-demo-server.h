/* xa-demo-server.h — the bundled `xiaoqu-server --demo` run as a child process on a free
 * loopback port, so "Open the demo city" syncs over real HTTP like production does. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define XA_DEMO_SERVER_ERROR (xa_demo_server_error_quark ())
GQuark xa_demo_server_error_quark (void);

typedef enum
{
  XA_DEMO_SERVER_ERROR_NOT_FOUND,   /* no xiaoqu-server binary anywhere */
  XA_DEMO_SERVER_ERROR_FAILED,      /* it could not start or stopped before it was ready */
  XA_DEMO_SERVER_ERROR_TIMEOUT,     /* it did not say where it listens in time */
} XaDemoServerError;

#define XA_TYPE_DEMO_SERVER (xa_demo_server_get_type ())
G_DECLARE_FINAL_TYPE (XaDemoServer, xa_demo_server, XA, DEMO_SERVER, GObject)

/* The server binary: $XIAOQU_SERVER, the build tree's when running from it, BINDIR's, or
 * the first on PATH. NULL when there is none. */
char         *xa_demo_server_find_binary  (void);

/* @db_path: the server's own database, with the demo city dated today: made on the first
 * start of a day, kept for the rest of it (a key file beside it, @db_path.state, says for
 * which day). */
XaDemoServer *xa_demo_server_new          (const char          *db_path);

/* Starts the child (or returns at once when it already runs) and waits for its URL. */
void          xa_demo_server_start_async  (XaDemoServer        *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      xa_demo_server_start_finish (XaDemoServer        *self,
                                           GAsyncResult        *result,
                                           GError             **error);

gboolean      xa_demo_server_is_running   (XaDemoServer        *self);
/* "http://127.0.0.1:PORT" without a trailing slash, or NULL when not running. */
const char   *xa_demo_server_get_url      (XaDemoServer        *self);
/* The random token this run of the server accepts. */
const char   *xa_demo_server_get_token    (XaDemoServer        *self);

/* Terminates the child and waits for it (briefly; then kills it). */
void          xa_demo_server_stop         (XaDemoServer        *self);

G_END_DECLS
