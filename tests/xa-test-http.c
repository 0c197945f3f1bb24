/* xa-test-http.c — see xa-test-http.h. */
#include "config.h"

#include <string.h>

#include "xa-test-http.h"

SoupSession *
xa_test_session_new (void)
{
  SoupSession *session = soup_session_new ();

  soup_session_set_timeout (session, 60);
  return session;
}

void
xa_test_server_fixture_tear_down (XaTestServerFixture *f,
                                  gconstpointer        data)
{
  g_clear_object (&f->session);
  g_clear_pointer (&f->proxy, xa_fault_proxy_free);
  g_clear_pointer (&f->server, xa_test_server_free);
  g_clear_pointer (&f->store_path, g_free);
  g_clear_pointer (&f->db, g_free);
}

void
xa_test_reply_clear (XaTestReply *reply)
{
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->text, g_free);
  g_clear_pointer (&reply->object, json_object_unref);
}

const char *
xa_test_reply_text (XaTestReply *reply)
{
  if (reply->text == NULL)
    reply->text = g_strndup (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));
  return reply->text;
}

JsonObject *
xa_test_reply_object (XaTestReply *reply)
{
  g_autoptr(JsonParser) parser = NULL;

  if (reply->object != NULL)
    return reply->object;
  parser = json_parser_new ();
  if (json_parser_load_from_data (parser, xa_test_reply_text (reply), -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    reply->object = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return reply->object;
}

const char *
xa_test_reply_content_type (XaTestReply *reply)
{
  return soup_message_headers_get_content_type (reply->headers, NULL);
}

void
xa_test_request (SoupSession         *session,
                 const char          *base_url,
                 const XaTestRequest *request,
                 XaTestReply         *reply)
{
  g_autofree char *url = g_strconcat (base_url, request->path, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  msg = soup_message_new (request->method != NULL ? request->method : "GET", url);
  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (request->token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", request->token);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  for (guint i = 0; request->headers != NULL && request->headers[i] != NULL; i += 2)
    if (request->headers[i + 1] != NULL)
      soup_message_headers_replace (headers, request->headers[i], request->headers[i + 1]);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (msg, request->content_type, request->body);

  reply->body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
}

guint
xa_test_server_post_update (XaTestServer *server,
                            SoupSession  *session,
                            const char   *type,
                            const char   *id,
                            const char   *key,
                            const char   *body,
                            XaTestReply  *reply)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%ss/%s/updates", type, id);
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;
  g_auto(XaTestReply) unread = { 0 };
  const char * const headers[] = { "Idempotency-Key", key, NULL };
  const XaTestRequest request = { "POST", path, server->token, "application/json", bytes,
                                  headers };

  if (reply == NULL)
    reply = &unread;
  xa_test_request (session, server->base_url, &request, reply);
  return reply->status;
}

char *
xa_test_server_feed_text (XaTestServer *server,
                          SoupSession  *session)
{
  const XaTestRequest request = { .path = "/api/v1/changes?limit=5000", .token = server->token };
  g_auto(XaTestReply) reply = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  xa_test_request (session, server->base_url, &request, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  root = json_from_string (xa_test_reply_text (&reply), &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "more"));
  return g_steal_pointer (&reply.text);
}

guint
xa_test_server_feed_count (XaTestServer  *server,
                           SoupSession   *session,
                           const char    *type,
                           const char    *id,
                           gint64         version,
                           gint64        *out_seq,
                           char         **out_data)
{
  g_autofree char *text = xa_test_server_feed_text (server, session);
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonArray *changes = json_object_get_array_member (json_node_get_object (root), "changes");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      if (!g_str_equal (json_object_get_string_member (c, "type"), type) ||
          !g_str_equal (json_object_get_string_member (c, "id"), id))
        continue;
      if (json_object_get_int_member (c, "version") == version)
        {
          n++;
          if (out_seq != NULL)
            *out_seq = json_object_get_int_member (c, "seq");
        }
      if (out_data != NULL)
        {
          g_free (*out_data);
          *out_data = json_to_string (json_object_get_member (c, "data"), FALSE);
        }
    }
  return n;
}
