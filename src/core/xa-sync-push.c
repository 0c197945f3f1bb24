/* xa-sync-push.c — see xa-sync-push-private.h. Every attempt of an entry sends the same
 * body (xa_record_edit_body() of what the outbox keeps) under the same Idempotency-Key, so
 * an attempt whose answer was lost and is sent again is answered as the first was and
 * applied once. An entry leaves the outbox only after the server's 200 for it. */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "xa-sync-push-private.h"

/* The members of an answer's problem document the outbox keeps. */
typedef struct
{
  char   *detail;
  char   *field;
  char   *current;   /* the record in a 409, as JSON text */
  gint64  version;   /* of a 200 */
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->detail, g_free);
  g_clear_pointer (&answer->field, g_free);
  g_clear_pointer (&answer->current, g_free);
}

static void
read_answer (GBytes *body,
             Answer *answer)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *current;
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  answer->detail = g_strdup (json_object_get_string_member_with_default (object, "detail",
                                                                          NULL));
  answer->field = g_strdup (json_object_get_string_member_with_default (object, "field", NULL));
  answer->version = json_object_get_int_member_with_default (object, "version", 0);
  current = json_object_get_member (object, "current");
  if (current != NULL && JSON_NODE_HOLDS_OBJECT (current))
    answer->current = json_to_string (current, FALSE);
}

/* POSTs one entry; returns the HTTP status, 0 when no answer came (@error set). */
static guint
post_entry (SoupSession    *session,
            const char     *server_url,
            const char     *token,
            XaOutboxEntry  *entry,
            GCancellable   *cancellable,
            Answer         *answer,
            GError        **error)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/%ss/%s/updates", server_url,
                                          xa_record_type_to_string (entry->type),
                                          entry->record_id);
  g_autofree char *body = xa_record_edit_body (entry->fields, entry->base_version);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) reply = NULL;
  SoupMessageHeaders *headers;

  if (msg == NULL || body == NULL)
    {
      g_set_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_URL,
                   "The edit of %s %s could not be sent to “%s”",
                   xa_record_type_to_string (entry->type), entry->record_id, server_url);
      return 0;
    }
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "Idempotency-Key", entry->idempotency_key);
  if (token != NULL && *token != '\0')
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  {
    gsize length = strlen (body);

    request = g_bytes_new_take (g_steal_pointer (&body), length);
  }
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  reply = soup_session_send_and_read (session, msg, cancellable, error);
  if (reply == NULL)
    return 0;
  read_answer (reply, answer);
  return soup_message_get_status (msg);
}

gboolean
_xa_sync_push (XaStore       *store,
               const char    *server_url,
               const char    *token,
               guint          timeout_seconds,
               GCancellable  *cancellable,
               XaSyncResult  *result,
               GError       **error)
{
  g_autoptr(GPtrArray) entries = xa_store_list_outbox (store, TRUE, error);
  g_autoptr(SoupSession) session = NULL;

  if (entries == NULL)
    return FALSE;
  if (entries->len == 0)
    return TRUE;
  session = soup_session_new_with_options ("timeout", timeout_seconds,
                                           "idle-timeout", timeout_seconds, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      XaOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GError) local_error = NULL;
      Answer answer = { 0 };
      gboolean stored = TRUE;
      guint status;

      /* An earlier entry of the same record accepted in this run moved this one's base. */
      if (i > 0)
        {
          g_autoptr(GPtrArray) now = xa_store_list_outbox (store, TRUE, error);

          if (now == NULL)
            return FALSE;
          for (guint j = 0; j < now->len; j++)
            {
              XaOutboxEntry *fresh = g_ptr_array_index (now, j);

              if (fresh->local_id == entry->local_id)
                entry->base_version = fresh->base_version;
            }
        }

      status = post_entry (session, server_url, token, entry, cancellable, &answer,
                           &local_error);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (local_error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_URL))
        {
          answer_clear (&answer);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
        {
          answer_clear (&answer);
          g_set_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_UNAUTHORIZED,
                       "The records server at %s refused the access token (HTTP %u). "
                       "Enter a valid token for this server", server_url, status);
          return FALSE;
        }
      if (status == 0 || status == 408 || status == 429 || status >= 500 ||
          (status == SOUP_STATUS_OK && answer.version < 1))
        {
          /* The server is away or busy (or its answer was cut short): this entry and the
           * rest wait, unchanged, for the next sync, whose attempt reuses their keys. */
          g_debug ("sync: pushing %s %s stopped: %s", xa_record_type_to_string (entry->type),
                   entry->record_id, local_error != NULL ? local_error->message : "HTTP status");
          result->unpushed = entries->len - i;
          answer_clear (&answer);
          return TRUE;
        }
      if (status == SOUP_STATUS_OK)
        {
          stored = xa_store_outbox_accepted (store, entry->local_id, answer.version, error);
          result->pushed++;
        }
      else if (status == SOUP_STATUS_CONFLICT)
        {
          stored = xa_store_outbox_refused (store, entry->local_id, XA_OUTBOX_CONFLICT,
                                            answer.detail, NULL, answer.current, error);
          result->conflicts++;
        }
      else
        {
          /* 422, and any other refusal (404: the record is gone; 400): kept for the user to
           * correct or discard, never silently dropped. */
          g_autofree char *message = answer.detail != NULL
            ? g_strdup (answer.detail)
            : g_strdup_printf ("HTTP %u %s", status, soup_status_get_phrase (status));

          stored = xa_store_outbox_refused (store, entry->local_id, XA_OUTBOX_REJECTED,
                                            message, answer.field, NULL, error);
          result->rejected++;
        }
      answer_clear (&answer);
      if (!stored)
        return FALSE;
    }
  return TRUE;
}
