/* xs-server.c — see xs-server.h. One handler serves every path so that anything that is
 * neither the feed nor an update still gets a problem document, never libsoup's bare error
 * pages.
 *
 * A cursor is base64url ("v1.EPOCH.HORIZON.SEQ"): the client has seen everything up to SEQ
 * in the log as it was when the horizon was HORIZON. After a compaction moved the horizon,
 * such a cursor is still exact only when SEQ reached the new horizon; a cursor made after
 * the compaction (mid full sync) carries the new horizon and stays good. */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "xs-connections.h"
#include "xs-server.h"
#include "xs-updates.h"

#define FEED_PATH          "/api/v1/changes"
#define DEFAULT_LIMIT      500
#define MAX_LIMIT          5000
#define MAX_BODY_BYTES     (64 * 1024)
#define MAX_QUERY_BYTES    2048
#define MAX_CURSOR_BYTES   256
/* Fast compression: a 5000-record page must leave in milliseconds, and JSON this
 * repetitive shrinks well even at level 1. */
#define GZIP_LEVEL         1

G_DEFINE_QUARK (xs-server-error-quark, xs_server_error)

struct _XsServer
{
  GObject     parent_instance;

  XsDatabase *database;
  char       *token;
  SoupServer *soup;
  XsConnections *connections;
  char       *url;
};

G_DEFINE_FINAL_TYPE (XsServer, xs_server, G_TYPE_OBJECT)

/* ---- Cursors ----------------------------------------------------------------------------- */

char *
xs_cursor_encode (const char *epoch,
                  gint64      horizon,
                  gint64      seq)
{
  g_autofree char *plain = g_strdup_printf ("v1.%s.%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT,
                                            epoch, horizon, seq);
  char *b64 = g_base64_encode ((const guchar *) plain, strlen (plain));
  char *end;

  /* base64url without padding: safe in a query string as it is. */
  for (char *p = b64; *p != '\0'; p++)
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';
  end = strchr (b64, '=');
  if (end != NULL)
    *end = '\0';
  return b64;
}

static gboolean
parse_decimal (const char *text,
               gint64     *out)
{
  guint64 value;

  /* Digits only: no sign, no spaces, no hex, nothing after. */
  if (text[0] == '\0' || strspn (text, "0123456789") != strlen (text) || strlen (text) > 18)
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

gboolean
xs_cursor_decode (const char  *cursor,
                  char       **out_epoch,
                  gint64      *out_horizon,
                  gint64      *out_seq)
{
  size_t len = strlen (cursor);
  g_autofree char *b64 = NULL;
  g_autofree guchar *plain = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  gsize plain_len;

  if (len == 0 || len > MAX_CURSOR_BYTES || len % 4 == 1 ||
      strspn (cursor, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != len)
    return FALSE;
  b64 = g_malloc (len + 4);
  for (size_t i = 0; i < len; i++)
    b64[i] = cursor[i] == '-' ? '+' : cursor[i] == '_' ? '/' : cursor[i];
  while (len % 4 != 0)
    b64[len++] = '=';
  b64[len] = '\0';
  plain = g_base64_decode (b64, &plain_len);
  if (plain == NULL || plain_len == 0 || memchr (plain, '\0', plain_len) != NULL)
    return FALSE;
  text = g_strndup ((const char *) plain, plain_len);
  parts = g_strsplit (text, ".", -1);
  if (g_strv_length (parts) != 4 || !g_str_equal (parts[0], "v1") ||
      strlen (parts[1]) != 16 || strspn (parts[1], "0123456789abcdef") != 16 ||
      !parse_decimal (parts[2], out_horizon) || !parse_decimal (parts[3], out_seq))
    return FALSE;
  *out_epoch = g_strdup (parts[1]);
  return TRUE;
}

/* ---- Responses --------------------------------------------------------------------------- */

static void
send_problem (SoupServerMessage *msg,
              guint              status,
              const char        *detail)
{
  char *text = xs_problem_document (status, detail, NULL);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "application/problem+json", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
}

static gboolean
accepts_gzip (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Accept-Encoding");
  GSList *acceptable;
  gboolean gzip = FALSE;

  if (header == NULL)
    return FALSE;
  acceptable = soup_header_parse_quality_list (header, NULL);
  for (GSList *l = acceptable; l != NULL; l = l->next)
    if (g_ascii_strcasecmp (l->data, "gzip") == 0 || g_ascii_strcasecmp (l->data, "x-gzip") == 0)
      gzip = TRUE;
  soup_header_free_list (acceptable);
  return gzip;
}

static GBytes *
gzip_compress (const char  *data,
               gsize        len,
               GError     **error)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP,
                                                                 GZIP_LEVEL);
  gsize capacity = len / 4 + 1024, used = 0, consumed = 0;
  g_autofree guchar *out = g_malloc (capacity);

  for (;;)
    {
      gsize bytes_read = 0, bytes_written = 0;
      GConverterResult result;
      g_autoptr(GError) local_error = NULL;

      result = g_converter_convert (G_CONVERTER (compressor), data + consumed, len - consumed,
                                    out + used, capacity - used, G_CONVERTER_INPUT_AT_END,
                                    &bytes_read, &bytes_written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          capacity *= 2;
          out = g_realloc (out, capacity);
          continue;
        }
      consumed += bytes_read;
      used += bytes_written;
      if (result == G_CONVERTER_FINISHED)
        break;
      if (used == capacity)
        {
          capacity *= 2;
          out = g_realloc (out, capacity);
        }
    }
  return g_bytes_new_take (g_steal_pointer (&out), used);
}

/* If-None-Match compares weakly (RFC 9110 §13.1.2): W/ prefixes do not matter. */
static gboolean
etag_matches (const char *if_none_match,
              const char *etag)
{
  g_auto(GStrv) tags = NULL;

  if (if_none_match == NULL)
    return FALSE;
  tags = g_strsplit (if_none_match, ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      if (g_str_equal (tag, "*"))
        return TRUE;
      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (g_str_equal (tag, etag))
        return TRUE;
    }
  return FALSE;
}

/* ---- Requests ---------------------------------------------------------------------------- */

static void log_request (SoupServerMessage *msg,
                         const char        *note);

/* Takes time that depends only on the expected token's length, not on where they differ. */
static gboolean
token_equal (const char *given,
             const char *expected)
{
  size_t given_len = strlen (given);
  size_t expected_len = strlen (expected);
  guint diff = given_len != expected_len;

  for (size_t i = 0; i < expected_len; i++)
    diff |= (guchar) expected[i] ^ (guchar) (i < given_len ? given[i] : 0);
  return diff == 0;
}

static gboolean
check_token (XsServer          *self,
             SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  const char *given;

  if (header != NULL && g_ascii_strncasecmp (header, "Bearer ", 7) == 0)
    {
      given = header + 7;
      while (*given == ' ')
        given++;
      if (*given != '\0' && token_equal (given, self->token))
        return TRUE;
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", "Bearer realm=\"xiaoqu\"");
  send_problem (msg, SOUP_STATUS_UNAUTHORIZED,
                header == NULL ? "The request has no “Authorization: Bearer” token."
                               : "The bearer token is not valid for this server.");
  return FALSE;
}

static gboolean
parse_limit (GHashTable *query,
             guint      *out_limit)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  gint64 value;

  *out_limit = DEFAULT_LIMIT;
  if (text == NULL)
    return TRUE;
  if (!parse_decimal (text, &value) || value < 1 || value > MAX_LIMIT)
    return FALSE;
  *out_limit = (guint) value;
  return TRUE;
}

static void
serve_changes (XsServer          *self,
               SoupServerMessage *msg,
               GHashTable        *query)
{
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *cursor = query != NULL ? g_hash_table_lookup (query, "cursor") : NULL;
  g_autofree char *cursor_epoch = NULL;
  g_autofree char *next_cursor = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(XsPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 cursor_horizon = 0, cursor_seq = 0;
  gboolean gzip;
  GString *text;
  guint limit;

  if (!parse_limit (query, &limit))
    {
      send_problem (msg, SOUP_STATUS_BAD_REQUEST,
                    "“limit” must be a whole number from 1 to 5000 (default 500).");
      return;
    }
  if (cursor != NULL && cursor[0] != '\0' &&
      !xs_cursor_decode (cursor, &cursor_epoch, &cursor_horizon, &cursor_seq))
    {
      send_problem (msg, SOUP_STATUS_BAD_REQUEST,
                    "“cursor” is not a cursor this server gave out; leave it out to start "
                    "from the beginning.");
      return;
    }

  page = xs_database_read_page (self->database, cursor_seq, limit, &error);
  if (page == NULL)
    {
      g_warning ("Reading the change log failed: %s", error->message);
      send_problem (msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                    "The change log could not be read; try again.");
      soup_message_headers_replace (response_headers, "Retry-After", "5");
      return;
    }

  if (cursor_epoch != NULL)
    {
      gboolean other_epoch = !g_str_equal (cursor_epoch, page->epoch);
      /* A horizon from the future means a database restored from an older copy. */
      gboolean stale = cursor_horizon > page->horizon ||
                       (cursor_horizon < page->horizon && cursor_seq + 1 < page->horizon);

      if (!other_epoch && !stale && cursor_seq > page->max_seq)
        {
          send_problem (msg, SOUP_STATUS_BAD_REQUEST,
                        "“cursor” points past the end of the change log; it was not made here.");
          return;
        }
      if (other_epoch || stale)
        {
          send_problem (msg, SOUP_STATUS_GONE,
                        other_epoch ? "The cursor belongs to another database of this server; "
                                      "sync again from the beginning, without a cursor."
                                    : "The cursor is older than the server's retention horizon; "
                                      "sync again from the beginning, without a cursor.");
          return;
        }
    }

  gzip = accepts_gzip (msg);
  etag = g_strdup_printf ("\"%s-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "-%u-%" G_GINT64_FORMAT
                          "-%d%s\"", page->epoch, page->horizon, cursor_seq, limit,
                          page->last_seq, page->more, gzip ? "-gz" : "");
  soup_message_headers_replace (response_headers, "ETag", etag);
  soup_message_headers_replace (response_headers, "Vary", "Accept-Encoding, Authorization");
  soup_message_headers_replace (response_headers, "Cache-Control", "private, no-cache");
  if (etag_matches (soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                   "If-None-Match"), etag))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  next_cursor = xs_cursor_encode (page->epoch, page->horizon, page->last_seq);
  prefix = g_strdup_printf ("{\"cursor\":\"%s\",\"more\":%s,\"changes\":", next_cursor,
                            page->more ? "true" : "false");
  text = g_steal_pointer (&page->changes_json);
  g_string_prepend (text, prefix);
  g_string_append_c (text, '}');

  if (gzip)
    {
      body = gzip_compress (text->str, text->len, &error);
      g_string_free (text, TRUE);
      if (body == NULL)
        {
          send_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Compressing the page failed.");
          return;
        }
      soup_message_headers_replace (response_headers, "Content-Encoding", "gzip");
    }
  else
    body = g_string_free_to_bytes (text);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (response_headers, "application/json", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

/* ---- Updates ----------------------------------------------------------------------------- */

/* Whether @path is an update path ("/api/v1/problems/P1/updates"); if so, the record type
 * and the id (out arguments may be NULL). Whether the id is valid is the update's to say. */
static gboolean
update_target (const char  *path,
               const char **out_type,
               char       **out_id)
{
  static const struct
  {
    const char *prefix;
    const char *type;
  } targets[] = {
    { "/api/v1/problems/", "problem" },
    { "/api/v1/elevators/", "elevator" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      const char *rest = path + strlen (targets[i].prefix);
      size_t length;

      if (!g_str_has_prefix (path, targets[i].prefix) || !g_str_has_suffix (rest, "/updates"))
        continue;
      length = strlen (rest) - strlen ("/updates");
      if (length == 0 || memchr (rest, '/', length) != NULL)
        return FALSE;
      if (out_type != NULL)
        *out_type = targets[i].type;
      if (out_id != NULL)
        *out_id = g_strndup (rest, length);
      return TRUE;
    }
  return FALSE;
}

static void
serve_update (XsServer          *self,
              SoupServerMessage *msg,
              const char        *type,
              const char        *id)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  char *answer = NULL;
  const char *data;
  gsize size;
  guint status;

  data = g_bytes_get_data (body, &size);
  status = xs_updates_apply (self->database, type, id,
                             soup_message_headers_get_one (headers, "Idempotency-Key"),
                             data != NULL ? data : "", size, &answer);
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, status == SOUP_STATUS_OK ? "application/json"
                                                                  : "application/problem+json",
                                    SOUP_MEMORY_TAKE, answer, strlen (answer));
}

/* Requests whose framing or credentials are ambiguous: two Authorization headers ("the last
 * wins" would let a proxy and the server see different users), or a body length that two
 * readers could take two ways (request smuggling). */
static const char *
ambiguity (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value, *length = NULL;
  guint n_auth = 0, n_keys = 0;
  gboolean encoded = FALSE;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Authorization") == 0)
        n_auth++;
      else if (g_ascii_strcasecmp (name, "Idempotency-Key") == 0)
        n_keys++;
      else if (g_ascii_strcasecmp (name, "Transfer-Encoding") == 0)
        encoded = TRUE;
      else if (g_ascii_strcasecmp (name, "Content-Length") == 0)
        {
          if (length != NULL && !g_str_equal (length, value))
            return "The request has Content-Length headers that disagree.";
          /* "10, 20" in one header is the same disagreement. */
          if (strchr (value, ',') != NULL)
            return "The request's Content-Length is not one number.";
          length = value;
        }
    }
  if (n_auth > 1)
    return "The request has more than one Authorization header; send exactly one.";
  if (n_keys > 1)
    return "The request has more than one Idempotency-Key header; send exactly one.";
  if (encoded && length != NULL)
    return "The request has both Content-Length and Transfer-Encoding.";
  return NULL;
}

static GQuark
body_bytes_quark (void)
{
  return g_quark_from_static_string ("xs-server-body-bytes");
}

/* A chunked body has no length to refuse in advance: it is counted as it comes. */
static void
got_chunk (SoupServerMessage *msg,
           GBytes            *chunk,
           gpointer           user_data)
{
  XsServer *self = user_data;
  gsize total = GPOINTER_TO_SIZE (g_object_get_qdata (G_OBJECT (msg), body_bytes_quark ()));

  total += g_bytes_get_size (chunk);
  g_object_set_qdata (G_OBJECT (msg), body_bytes_quark (), GSIZE_TO_POINTER (total));
  if (total > MAX_BODY_BYTES && soup_server_message_get_status (msg) == 0)
    {
      send_problem (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                    "Request bodies are limited to 64 KiB.");
      log_request (msg, "(answered before the rest of its body)");
      xs_connections_answer_now (self->connections, msg);
    }
}

/* Runs on the headers, before any byte of a body is read: a request that will be refused
 * is answered now and its connection closed, so no one can make the server read a body,
 * let alone keep it, without a token. */
static void
early_handler (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  XsServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *ambiguous = ambiguity (msg);

  if (ambiguous != NULL)
    send_problem (msg, SOUP_STATUS_BAD_REQUEST, ambiguous);
  else if (!check_token (self, msg))
    ;   /* 401, with its problem document */
  else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
           soup_message_headers_get_content_length (headers) > MAX_BODY_BYTES)
    send_problem (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                  "Request bodies are limited to 64 KiB.");
  else
    {
      /* Only an update has a body worth keeping (at most 64 KiB, see got_chunk); any
       * other is counted, never stored. */
      gboolean update = soup_server_message_get_method (msg) == SOUP_METHOD_POST &&
                        update_target (path, NULL, NULL);

      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), update);
      g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk), self, 0);
      return;
    }
  log_request (msg, "(answered from its headers)");
  xs_connections_answer_now (self->connections, msg);
}

static void
handler (SoupServer        *soup,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  XsServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *type;
  g_autofree char *id = NULL;

  if (soup_server_message_get_status (msg) != 0)
    return;   /* answered early */
  if (update_target (path, &type, &id))
    {
      if (method != SOUP_METHOD_POST)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                        "POST");
          send_problem (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Updates are only sent with POST.");
          return;
        }
      serve_update (self, msg, type, id);
      return;
    }
  if (!g_str_equal (path, FEED_PATH))
    {
      send_problem (msg, SOUP_STATUS_NOT_FOUND,
                    "This server has no such resource; the change feed is GET " FEED_PATH ".");
      return;
    }
  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD");
      send_problem (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "The change feed only answers GET.");
      return;
    }
  if (raw_query != NULL && strlen (raw_query) > MAX_QUERY_BYTES)
    {
      send_problem (msg, SOUP_STATUS_REQUEST_URI_TOO_LONG, "The query string is too long.");
      return;
    }
  /* Decoded, "cursor=%00" would be an empty cursor, that is the whole feed from the start. */
  if (raw_query != NULL && strstr (raw_query, "%00") != NULL)
    {
      send_problem (msg, SOUP_STATUS_BAD_REQUEST,
                    "The query contains a NUL character (%00); no parameter can hold one.");
      return;
    }
  serve_changes (self, msg, query);
}

/* ---- Logging ----------------------------------------------------------------------------- */

static GQuark
start_quark (void)
{
  return g_quark_from_static_string ("xs-server-start");
}

static void
request_started (SoupServer        *soup,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  gint64 now = g_get_monotonic_time ();

  g_object_set_qdata_full (G_OBJECT (msg), start_quark (), g_memdup2 (&now, sizeof now), g_free);
}

/* Method, path, query, status, size and time: never headers, so never the token. */
static void
log_request (SoupServerMessage *msg,
             const char        *note)
{
  gint64 *start = g_object_get_qdata (G_OBJECT (msg), start_quark ());
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = uri != NULL ? g_uri_get_query (uri) : NULL;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  double ms = start != NULL ? (g_get_monotonic_time () - *start) / 1000.0 : 0.0;

  g_printerr ("%s %s %s%s%.*s %u %" G_GINT64_FORMAT " %.1f ms%s%s\n",
              soup_server_message_get_remote_host (msg) ?: "-",
              soup_server_message_get_method (msg) ?: "-",
              uri != NULL ? g_uri_get_path (uri) : "-",
              query != NULL ? "?" : "", query != NULL ? 120 : 0, query != NULL ? query : "",
              soup_server_message_get_status (msg),
              body != NULL ? body->length : 0, ms, note != NULL ? " " : "", note ?: "");
}

static void
request_finished (SoupServer        *soup,
                  SoupServerMessage *msg,
                  gpointer           user_data)
{
  log_request (msg, NULL);
}

/* ---- Object ------------------------------------------------------------------------------ */

static void
xs_server_dispose (GObject *object)
{
  XsServer *self = XS_SERVER (object);

  if (self->connections != NULL)
    xs_connections_close (self->connections);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->connections);
  g_clear_object (&self->soup);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (xs_server_parent_class)->dispose (object);
}

static void
xs_server_finalize (GObject *object)
{
  XsServer *self = XS_SERVER (object);

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->url);

  G_OBJECT_CLASS (xs_server_parent_class)->finalize (object);
}

static void
xs_server_class_init (XsServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xs_server_dispose;
  object_class->finalize = xs_server_finalize;
}

static void
xs_server_init (XsServer *self)
{
}

XsServer *
xs_server_new (XsDatabase *database,
               const char *token)
{
  XsServer *self;

  g_return_val_if_fail (XS_IS_DATABASE (database), NULL);
  g_return_val_if_fail (token != NULL && token[0] != '\0', NULL);

  self = g_object_new (XS_TYPE_SERVER, NULL);
  self->database = g_object_ref (database);
  self->token = g_strdup (token);
  self->soup = soup_server_new ("server-header", "xiaoqu-server/" PACKAGE_VERSION " ", NULL);
  self->connections = xs_connections_new (self->soup);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_finished), self);
  return self;
}

gboolean
xs_server_listen (XsServer    *self,
                  const char  *address,
                  guint        port,
                  GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *address_text = NULL;
  guint bound_port = port;

  g_return_val_if_fail (XS_IS_SERVER (self), FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  inet = g_inet_address_new_from_string (address != NULL ? address : "127.0.0.1");
  if (inet == NULL)
    {
      g_set_error (error, XS_SERVER_ERROR, XS_SERVER_ERROR_BAD_ADDRESS,
                   "“%s” is not an IP address to listen on (for example 127.0.0.1 or 0.0.0.0)",
                   address);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (inet, port);
  if (!xs_connections_listen (self->connections, socket_address, &bound_port, &local_error))
    {
      g_set_error (error, XS_SERVER_ERROR, XS_SERVER_ERROR_LISTEN,
                   "Could not listen on %s port %u: %s", address ? address : "127.0.0.1", port,
                   local_error->message);
      return FALSE;
    }

  /* Listening on every address: hand out the loopback one, which always works here. */
  if (g_inet_address_get_is_any (inet))
    host = g_strdup (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? "[::1]"
                     : "127.0.0.1");
  else
    {
      address_text = g_inet_address_to_string (inet);
      host = g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6
             ? g_strdup_printf ("[%s]", address_text) : g_strdup (address_text);
    }
  g_free (self->url);
  self->url = g_strdup_printf ("http://%s:%u", host, bound_port);
  return TRUE;
}

void
xs_server_set_timeouts (XsServer *self,
                        guint     header_seconds,
                        guint     request_seconds)
{
  g_return_if_fail (XS_IS_SERVER (self));

  xs_connections_set_timeouts (self->connections, header_seconds, request_seconds);
}

const char *
xs_server_get_url (XsServer *self)
{
  g_return_val_if_fail (XS_IS_SERVER (self), NULL);

  return self->url;
}

void
xs_server_shutdown (XsServer *self)
{
  g_return_if_fail (XS_IS_SERVER (self));

  if (self->connections != NULL)
    xs_connections_close (self->connections);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}
