/* xa-fault-proxy.c — see xa-fault-proxy.h. Each connection is served on a thread of a
 * GThreadedSocketService with blocking I/O: one request, one answer, then the connection
 * is closed, which keeps the fault script simple to reason about. */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "xa-fault-proxy.h"

typedef struct
{
  guint       request;
  XaFaultKind kind;
  guint       status;
  int         retry_after;
  char       *from;
  char       *to;
} Fault;

struct _XaFaultProxy
{
  /* The listener lives on a thread of its own with its own main context: the test's main
   * thread is often blocked in a synchronous sync and could not accept connections. */
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  GMutex          ready_lock;
  GCond           ready;
  GSocketService *service;
  char           *url;
  GMutex          lock;
  char           *upstream;
  GList          *faults;
  guint           requests;
  guint           base;          /* requests seen when the last fault was queued */
  XaFaultKind     default_kind;
  guint           default_status;
  GCancellable   *stop;
};

static GPtrArray *retired;

/* Reads the request head; returns the request target ("/api/v1/changes?…") or NULL. */
static char *
read_request (GInputStream  *in,
              GString      **out_headers)
{
  g_autoptr(GString) head = g_string_new (NULL);
  char c;

  while (!g_str_has_suffix (head->str, "\r\n\r\n"))
    {
      if (g_input_stream_read (in, &c, 1, NULL, NULL) != 1 || head->len > 65536)
        return NULL;
      g_string_append_c (head, c);
    }
  {
    g_auto(GStrv) lines = g_strsplit (head->str, "\r\n", 2);
    g_auto(GStrv) words = g_strsplit (lines[0], " ", 3);

    if (g_strv_length (words) < 2)
      return NULL;
    *out_headers = g_steal_pointer (&head);
    return g_strdup (words[1]);
  }
}

static const char *
header_value (const char *head,
              const char *name)
{
  g_autofree char *needle = g_ascii_strdown (name, -1);
  g_autofree char *lower = g_ascii_strdown (head, -1);
  g_autofree char *line = g_strdup_printf ("\r\n%s:", needle);
  const char *found = strstr (lower, line);

  /* Same offsets in both strings: point into @head, which outlives this call. */
  return found ? head + (found - lower) + strlen (line) : NULL;
}

static void
write_all (GOutputStream *out,
           const void    *data,
           gsize          size)
{
  g_output_stream_write_all (out, data, size, NULL, NULL, NULL);
}

static gboolean
handle_connection (GThreadedSocketService *service,
                   GSocketConnection      *connection,
                   GObject                *source_object,
                   gpointer                user_data)
{
  XaFaultProxy *proxy = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) head = NULL;
  g_autofree char *target = read_request (in, &head);
  g_autofree char *upstream = NULL;
  g_autofree char *method = NULL;
  g_autoptr(GBytes) request_body = NULL;
  Fault fault = { 0, XA_FAULT_PASS, 0, -1, NULL, NULL };
  guint number;

  if (target == NULL)
    return TRUE;
  /* A request with a body (an update's POST) is read whole, so every fault, a status too,
   * answers a complete request, and passed on with its method and body. */
  method = g_strndup (head->str, strcspn (head->str, " "));
  {
    const char *length = header_value (head->str, "Content-Length");
    gsize size = length != NULL ? g_ascii_strtoull (length, NULL, 10) : 0;

    if (size > 0 && size <= 1024 * 1024)
      {
        g_autofree char *data = g_malloc (size);
        gsize read = 0;

        if (!g_input_stream_read_all (in, data, size, &read, NULL, NULL) || read != size)
          return TRUE;
        request_body = g_bytes_new_take (g_steal_pointer (&data), size);
      }
  }

  g_mutex_lock (&proxy->lock);
  number = ++proxy->requests;
  fault.kind = proxy->default_kind;
  fault.status = proxy->default_status;
  for (GList *l = proxy->faults; l != NULL; l = l->next)
    {
      Fault *queued = l->data;
      if (queued->request == number)
        {
          fault = *queued;
          fault.from = g_strdup (queued->from);
          fault.to = g_strdup (queued->to);
          break;
        }
    }
  upstream = g_strdup (proxy->upstream);
  g_mutex_unlock (&proxy->lock);

  switch (fault.kind)
    {
    case XA_FAULT_DROP:
      break;

    case XA_FAULT_STALL:
      for (guint i = 0; i < 400 && !g_cancellable_is_cancelled (proxy->stop); i++)
        g_usleep (50000);
      break;

    case XA_FAULT_STATUS:
      {
        static const char body[] = "{\"type\":\"about:blank\",\"title\":\"Injected fault\","
                                   "\"status\":0}";
        g_autoptr(GString) response = g_string_new (NULL);

        g_string_append_printf (response, "HTTP/1.1 %u %s\r\n"
                                "Content-Type: application/problem+json\r\n"
                                "Connection: close\r\nContent-Length: %zu\r\n",
                                fault.status, soup_status_get_phrase (fault.status), strlen (body));
        if (fault.retry_after >= 0)
          g_string_append_printf (response, "Retry-After: %d\r\n", fault.retry_after);
        g_string_append (response, "\r\n");
        g_string_append (response, body);
        write_all (out, response->str, response->len);
      }
      break;

    case XA_FAULT_PASS:
    case XA_FAULT_TRUNCATE:
    case XA_FAULT_REPLACE:
    default:
      {
        g_autoptr(SoupSession) session = soup_session_new ();
        g_autofree char *url = g_strconcat (upstream, target, NULL);
        g_autoptr(SoupMessage) msg = soup_message_new (method, url);
        g_autoptr(GBytes) body = NULL;
        g_autoptr(GString) response = g_string_new (NULL);
        g_autoptr(GString) text = NULL;
        const char *auth = header_value (head->str, "Authorization");
        const char *content_type;
        gsize size;
        const char *data;

        if (auth != NULL)
          {
            g_autofree char *value = g_strndup (auth, strcspn (auth, "\r"));
            soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                          g_strstrip (value));
          }
        {
          const char *key = header_value (head->str, "Idempotency-Key");

          if (key != NULL)
            {
              g_autofree char *value = g_strndup (key, strcspn (key, "\r"));
              soup_message_headers_replace (soup_message_get_request_headers (msg),
                                            "Idempotency-Key", g_strstrip (value));
            }
        }
        if (request_body != NULL)
          soup_message_set_request_body_from_bytes (msg, "application/json", request_body);
        /* The proxy rewrites bodies, so it asks the server for plain text. */
        soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
        soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Encoding",
                                      "identity");
        body = soup_session_send_and_read (session, msg, NULL, NULL);
        if (body == NULL)
          {
            static const char bad_gateway[] = "HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n"
                                              "Content-Length: 0\r\n\r\n";
            write_all (out, bad_gateway, strlen (bad_gateway));
            break;
          }
        data = g_bytes_get_data (body, &size);
        text = g_string_new_len (data, size);
        if (fault.kind == XA_FAULT_REPLACE)
          g_string_replace (text, fault.from, fault.to, 1);
        content_type = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                     "Content-Type");
        g_string_append_printf (response, "HTTP/1.1 %u %s\r\nContent-Type: %s\r\n"
                                "Connection: close\r\nContent-Length: %zu\r\n",
                                soup_message_get_status (msg),
                                soup_status_get_phrase (soup_message_get_status (msg)),
                                content_type ? content_type : "application/json", text->len);
        {
          const char *retry = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                            "Retry-After");
          if (retry != NULL)
            g_string_append_printf (response, "Retry-After: %s\r\n", retry);
        }
        g_string_append (response, "\r\n");
        write_all (out, response->str, response->len);
        write_all (out, text->str, fault.kind == XA_FAULT_TRUNCATE ? text->len / 2 : text->len);
      }
      break;
    }

  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_free (fault.from);
  g_free (fault.to);
  return TRUE;
}

static gpointer
proxy_thread (gpointer user_data)
{
  XaFaultProxy *proxy = user_data;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (proxy->context);
  proxy->service = g_threaded_socket_service_new (8);
  g_socket_listener_add_address (G_SOCKET_LISTENER (proxy->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (proxy->service, "run", G_CALLBACK (handle_connection), proxy);
  g_socket_service_start (proxy->service);

  g_mutex_lock (&proxy->ready_lock);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%u",
                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_cond_signal (&proxy->ready);
  g_mutex_unlock (&proxy->ready_lock);

  g_main_loop_run (proxy->loop);

  g_socket_service_stop (proxy->service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy->service));
  g_main_context_pop_thread_default (proxy->context);
  return NULL;
}

XaFaultProxy *
xa_fault_proxy_new (const char *upstream_url)
{
  XaFaultProxy *proxy = g_new0 (XaFaultProxy, 1);

  g_mutex_init (&proxy->lock);
  g_mutex_init (&proxy->ready_lock);
  g_cond_init (&proxy->ready);
  proxy->upstream = g_strdup (upstream_url);
  proxy->stop = g_cancellable_new ();
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);

  g_mutex_lock (&proxy->ready_lock);
  proxy->thread = g_thread_new ("fault-proxy", proxy_thread, proxy);
  while (proxy->url == NULL)
    g_cond_wait (&proxy->ready, &proxy->ready_lock);
  g_mutex_unlock (&proxy->ready_lock);
  return proxy;
}

void
xa_fault_proxy_free (XaFaultProxy *proxy)
{
  if (proxy == NULL)
    return;
  g_cancellable_cancel (proxy->stop);
  g_main_loop_quit (proxy->loop);
  g_thread_join (proxy->thread);
  /* A stalled handler thread may still be finishing after the cancel and reads the
   * struct, so it stays reachable until the test program exits. */
  if (retired == NULL)
    retired = g_ptr_array_new ();
  g_ptr_array_add (retired, proxy);
}

const char *
xa_fault_proxy_get_url (XaFaultProxy *proxy)
{
  return proxy->url;
}

void
xa_fault_proxy_set_upstream (XaFaultProxy *proxy,
                             const char   *upstream_url)
{
  g_mutex_lock (&proxy->lock);
  g_free (proxy->upstream);
  proxy->upstream = g_strdup (upstream_url);
  g_mutex_unlock (&proxy->lock);
}

void
xa_fault_proxy_add (XaFaultProxy *proxy,
                    guint         request,
                    XaFaultKind   kind,
                    guint         status,
                    int           retry_after,
                    const char   *from,
                    const char   *to)
{
  Fault *fault = g_new0 (Fault, 1);

  g_mutex_lock (&proxy->lock);
  fault->request = proxy->requests + request;
  fault->kind = kind;
  fault->status = status;
  fault->retry_after = retry_after;
  fault->from = g_strdup (from);
  fault->to = g_strdup (to);
  proxy->faults = g_list_prepend (proxy->faults, fault);
  g_mutex_unlock (&proxy->lock);
}

void
xa_fault_proxy_set_default (XaFaultProxy *proxy,
                            XaFaultKind   kind,
                            guint         status)
{
  g_mutex_lock (&proxy->lock);
  proxy->default_kind = kind;
  proxy->default_status = status;
  g_mutex_unlock (&proxy->lock);
}

guint
xa_fault_proxy_get_requests (XaFaultProxy *proxy)
{
  guint n;

  g_mutex_lock (&proxy->lock);
  n = proxy->requests;
  g_mutex_unlock (&proxy->lock);
  return n;
}
