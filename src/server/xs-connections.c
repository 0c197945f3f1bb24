/* xs-connections.c — see xs-connections.h.
 *
 * Why the server accepts connections itself: libsoup 3.2 (Debian 12 ships 3.2.3) waits for
 * the next request of a connection with no one to tell when the client leaves before
 * sending a byte, so such a connection is never closed; upstream fixed it in 3.3.0 ("Don't
 * leak idle connections closed by the client"). Every keep-alive connection a client closed,
 * and every connection that closed without a request, stayed in CLOSE-WAIT for ever until
 * the server ran out of descriptors. So libsoup only ever sees a connection with the first
 * bytes of a request waiting (from then on it closes it on any failure), and every answer
 * says "Connection: close", so it never waits for a second request. Until the bytes come,
 * the connection is ours: it is closed when the client leaves or when it stays silent too
 * long. Stalled requests are ended by shutting the socket down, which makes libsoup fail
 * the request and close the connection the way it does for any broken one. */
#include "config.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "xs-connections.h"

#define SWEEP_INTERVAL_MS 200
/* After a refusal the client may still be sending its body: it is read and dropped for a
 * moment so that closing does not reset the connection before the answer is read. */
#define LINGER_USEC       (2 * G_USEC_PER_SEC)
#define DRAIN_CHUNK       (64 * 1024)

typedef enum
{
  CLIENT_WAITING,   /* ours: accepted, no byte of a request yet */
  CLIENT_HANDED,    /* libsoup's: a request is being read or answered */
  CLIENT_DRAINING,  /* ours again: answered early, reading what is left, then closed */
} ClientState;

typedef struct
{
  XsConnections     *owner;
  GSocketConnection *connection;
  GSocket           *socket;       /* the connection's */
  GSocketAddress    *remote;       /* the key: libsoup hands the same object back */
  GSource           *source;       /* readable, while the connection is ours */
  ClientState        state;
  gint64             deadline;     /* monotonic µs */
} Client;

struct _XsConnections
{
  GObject         parent_instance;

  SoupServer     *soup;
  GSocketService *service;
  GHashTable     *clients;         /* GSocketAddress* remote → Client* */
  guint           sweep_id;
  gint64          header_usec;
  gint64          request_usec;
  guint           max_clients;
};

G_DEFINE_FINAL_TYPE (XsConnections, xs_connections, G_TYPE_OBJECT)

static void
client_free (Client *c)
{
  if (c->source != NULL)
    {
      g_source_destroy (c->source);
      g_source_unref (c->source);
    }
  /* Closing twice is harmless: libsoup closes a connection it was handed when it is done. */
  if (!g_socket_is_closed (c->socket))
    g_io_stream_close (G_IO_STREAM (c->connection), NULL, NULL);
  g_object_unref (c->remote);
  g_object_unref (c->connection);
  g_free (c);
}

static void
client_close (Client *c)
{
  g_hash_table_remove (c->owner->clients, c->remote);
}

static void
client_watch (Client        *c,
              GSocketSourceFunc callback)
{
  g_assert (c->source == NULL);
  c->source = g_socket_create_source (c->socket, G_IO_IN, NULL);
  g_source_set_callback (c->source, (GSourceFunc) (GCallback) callback, c, NULL);
  g_source_attach (c->source, NULL);
}

static void
client_unwatch (Client *c)
{
  if (c->source == NULL)
    return;
  g_source_destroy (c->source);
  g_clear_pointer (&c->source, g_source_unref);
}

/* Reads and drops what the client still sends after an early answer. */
static gboolean
drain_cb (GSocket      *socket,
          GIOCondition  condition,
          gpointer      user_data)
{
  Client *c = user_data;
  char buffer[DRAIN_CHUNK];

  for (guint i = 0; i < 16; i++)
    {
      gssize n = g_socket_receive_with_blocking (socket, buffer, sizeof buffer, FALSE, NULL, NULL);

      if (n < 0 && errno == EAGAIN)
        return G_SOURCE_CONTINUE;
      if (n <= 0)
        {
          client_close (c);
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

/* The first bytes of a request have come: libsoup takes over. Nothing yet means the client
 * left without a request, which is the connection libsoup would never close. */
static gboolean
waiting_cb (GSocket      *socket,
            GIOCondition  condition,
            gpointer      user_data)
{
  Client *c = user_data;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GError) error = NULL;
  char byte;
  ssize_t n;

  n = recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    {
      client_close (c);
      return G_SOURCE_REMOVE;
    }

  local = g_socket_connection_get_local_address (c->connection, &error);
  if (local == NULL)
    {
      client_close (c);
      return G_SOURCE_REMOVE;
    }
  /* libsoup may read the whole request, and call our handlers, before it returns. */
  client_unwatch (c);
  c->state = CLIENT_HANDED;
  if (!soup_server_accept_iostream (c->owner->soup, G_IO_STREAM (c->connection), local, c->remote,
                                    &error))
    {
      g_warning ("A connection could not be served: %s", error->message);
      client_close (c);
    }
  return G_SOURCE_REMOVE;
}

static gboolean sweep_cb (gpointer user_data);

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  XsConnections *self = user_data;
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  Client *c;

  /* Past the limit a new connection is closed at once (returning lets GLib close it), so
   * the server keeps descriptors to answer the ones it has. */
  /* Connections libsoup has closed are only forgotten by the sweep: count them out first. */
  if (g_hash_table_size (self->clients) >= self->max_clients)
    sweep_cb (self);
  if (remote == NULL || g_hash_table_size (self->clients) >= self->max_clients)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }

  c = g_new0 (Client, 1);
  c->owner = self;
  c->connection = g_object_ref (connection);
  c->socket = g_socket_connection_get_socket (connection);
  c->remote = g_steal_pointer (&remote);
  c->state = CLIENT_WAITING;
  c->deadline = g_get_monotonic_time () + self->header_usec;
  g_hash_table_replace (self->clients, c->remote, c);
  client_watch (c, waiting_cb);
  return TRUE;
}

/* Closes what overstayed and forgets what libsoup has closed. */
static gboolean
sweep_cb (gpointer user_data)
{
  XsConnections *self = user_data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  Client *c;

  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    {
      if (g_socket_is_closed (c->socket))
        g_hash_table_iter_remove (&iter);
      else if (now < c->deadline)
        continue;
      else if (c->state == CLIENT_HANDED)
        {
          /* libsoup fails the request on the next read or write and closes the socket. */
          g_socket_shutdown (c->socket, TRUE, TRUE, NULL);
          c->deadline = G_MAXINT64;
        }
      else
        g_hash_table_iter_remove (&iter);
    }
  return G_SOURCE_CONTINUE;
}

/* A request's first line and headers, counted from the connection's start, then the rest. */
static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  XsConnections *self = user_data;
  Client *c = g_hash_table_lookup (self->clients, soup_server_message_get_remote_address (msg));

  if (c != NULL && c->state == CLIENT_HANDED)
    c->deadline = g_get_monotonic_time () + self->request_usec;
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  /* One request per connection: libsoup then closes it itself (see the top of the file). */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers_cb), user_data, 0);
}

static GBytes *
serialize_answer (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  guint status = soup_server_message_get_status (msg);
  GString *text = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  g_autoptr(GBytes) flat = soup_message_body_flatten (body);

  g_string_append_printf (text, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "Content-Length") != 0 &&
        g_ascii_strcasecmp (name, "Connection") != 0)
      g_string_append_printf (text, "%s: %s\r\n", name, value);
  g_string_append_printf (text, "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          g_bytes_get_size (flat));
  if (soup_server_message_get_method (msg) != SOUP_METHOD_HEAD)
    g_string_append_len (text, g_bytes_get_data (flat, NULL), g_bytes_get_size (flat));
  return g_string_free_to_bytes (text);
}

void
xs_connections_answer_now (XsConnections     *self,
                           SoupServerMessage *msg)
{
  Client *c;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GIOStream) stolen = NULL;
  gsize size;
  const char *data;

  g_return_if_fail (XS_IS_CONNECTIONS (self));

  c = g_hash_table_lookup (self->clients, soup_server_message_get_remote_address (msg));
  if (c == NULL || c->state != CLIENT_HANDED)
    return;   /* not one of ours: libsoup answers after the body, as it would anyway */

  answer = serialize_answer (msg);
  /* From here libsoup has let go of the connection: it reads nothing more of it. */
  stolen = soup_server_message_steal_connection (msg);
  data = g_bytes_get_data (answer, &size);
  /* A few hundred bytes into an empty send buffer: never short in practice, and a client
   * that does not read its answer gets nothing better than a close. */
  g_socket_send_with_blocking (c->socket, data, size, FALSE, NULL, NULL);
  g_socket_shutdown (c->socket, FALSE, TRUE, NULL);
  c->state = CLIENT_DRAINING;
  c->deadline = g_get_monotonic_time () + LINGER_USEC;
  client_watch (c, drain_cb);
}

gboolean
xs_connections_listen (XsConnections   *self,
                       GSocketAddress  *address,
                       guint           *out_port,
                       GError         **error)
{
  g_autoptr(GSocketAddress) effective = NULL;

  g_return_val_if_fail (XS_IS_CONNECTIONS (self), FALSE);

  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, error))
    return FALSE;
  if (out_port != NULL)
    *out_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_service_start (self->service);
  if (self->sweep_id == 0)
    self->sweep_id = g_timeout_add (SWEEP_INTERVAL_MS, sweep_cb, self);
  return TRUE;
}

void
xs_connections_set_timeouts (XsConnections *self,
                             guint          header_seconds,
                             guint          request_seconds)
{
  g_return_if_fail (XS_IS_CONNECTIONS (self));
  g_return_if_fail (header_seconds > 0 && request_seconds > 0);

  self->header_usec = (gint64) header_seconds * G_USEC_PER_SEC;
  self->request_usec = (gint64) request_seconds * G_USEC_PER_SEC;
}

guint
xs_connections_get_n_open (XsConnections *self)
{
  GHashTableIter iter;
  Client *c;
  guint n = 0;

  g_return_val_if_fail (XS_IS_CONNECTIONS (self), 0);

  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    n += !g_socket_is_closed (c->socket);
  return n;
}

void
xs_connections_close (XsConnections *self)
{
  g_return_if_fail (XS_IS_CONNECTIONS (self));

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    }
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  g_hash_table_remove_all (self->clients);
}

static void
xs_connections_dispose (GObject *object)
{
  XsConnections *self = XS_CONNECTIONS (object);

  xs_connections_close (self);
  if (self->soup != NULL)
    g_signal_handlers_disconnect_by_data (self->soup, self);
  g_clear_object (&self->service);
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (xs_connections_parent_class)->dispose (object);
}

static void
xs_connections_finalize (GObject *object)
{
  XsConnections *self = XS_CONNECTIONS (object);

  g_hash_table_unref (self->clients);

  G_OBJECT_CLASS (xs_connections_parent_class)->finalize (object);
}

static void
xs_connections_class_init (XsConnectionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xs_connections_dispose;
  object_class->finalize = xs_connections_finalize;
}

static void
xs_connections_init (XsConnections *self)
{
  struct rlimit limit;

  self->clients = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                         (GDestroyNotify) client_free);
  self->header_usec = 10 * G_USEC_PER_SEC;
  self->request_usec = 120 * G_USEC_PER_SEC;
  /* Leave room for the database, the log and the listening sockets. */
  self->max_clients = 1000;
  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      limit.rlim_cur < 1000 + 64)
    self->max_clients = limit.rlim_cur > 128 ? (guint) limit.rlim_cur - 64 : 64;
}

XsConnections *
xs_connections_new (SoupServer *soup)
{
  XsConnections *self;

  g_return_val_if_fail (SOUP_IS_SERVER (soup), NULL);

  self = g_object_new (XS_TYPE_CONNECTIONS, NULL);
  self->soup = g_object_ref (soup);
  self->service = g_socket_service_new ();
  g_socket_listener_set_backlog (G_SOCKET_LISTENER (self->service), XS_CONNECTIONS_BACKLOG);
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_signal_connect (soup, "request-started", G_CALLBACK (request_started_cb), self);
  return self;
}
