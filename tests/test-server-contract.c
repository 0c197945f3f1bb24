/* test-server-contract.c — holds the real xiaoqu-server binary to src/records-api.md over
 * HTTP on 127.0.0.1: tokens, limits, cursors, paging in seq order, the ordering guarantee,
 * gzip, ETags, error documents, tombstones after --delete, 410 and a clean full read after
 * --compact, the simulator, and the command line's refusals. Every record served is also
 * run through the client's own parser (xa_test_change_parse), so shapes are checked too. */
#include "config.h"

#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "xa-records.h"
#include "xa-test-http.h"
#include "xa-test-util.h"
#include "xa-test-store.h"

typedef XaTestServerFixture Fixture;

/* @f with @server and a session of its own for the test's requests. */
static void
fixture_serve (Fixture      *f,
               XaTestServer *server)
{
  f->server = server;
  f->session = xa_test_session_new ();
  /* The decoder would ask for gzip itself and hide Content-Encoding from us. */
  soup_session_remove_feature_by_type (f->session, SOUP_TYPE_CONTENT_DECODER);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fixture_serve (f, xa_test_demo_server_start ());
}

/* Sends @method to @path_and_query with @token (NULL: no Authorization), @body as
 * application/octet-stream (may be NULL) and the header @header: @value (NULL: none). */
static void
request_full (Fixture     *f,
              const char  *method,
              const char  *path_and_query,
              const char  *token,
              GBytes      *body,
              XaTestReply *reply,
              const char  *header,
              const char  *value)
{
  const char * const headers[] = { header, value, NULL };
  const XaTestRequest request = { method, path_and_query, token, "application/octet-stream",
                                  body, headers };

  xa_test_request (f->session, f->server->base_url, &request, reply);
}

static void
get (Fixture     *f,
     const char  *path_and_query,
     XaTestReply *reply)
{
  request_full (f, "GET", path_and_query, f->server->token, NULL, reply, NULL, NULL);
}

static JsonNode *
parse_json (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  json_parser_load_from_data (parser, data, len, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The reply is an RFC 9457 problem document with @status. */
static void
assert_problem (XaTestReply *reply,
                guint        status)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *problem;

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                   "application/problem+json");
  root = parse_json (reply->body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  problem = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (problem, "type"), ==, "about:blank");
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, status);
  g_assert_true (strlen (json_object_get_string_member (problem, "title")) > 0);
  g_assert_true (strlen (json_object_get_string_member (problem, "detail")) > 0);
}

static char *
changes_path (const char *cursor,
              guint       limit)
{
  g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;

  if (cursor != NULL && limit > 0)
    return g_strdup_printf ("/api/v1/changes?cursor=%s&limit=%u", escaped, limit);
  if (cursor != NULL)
    return g_strdup_printf ("/api/v1/changes?cursor=%s", escaped);
  if (limit > 0)
    return g_strdup_printf ("/api/v1/changes?limit=%u", limit);
  return g_strdup ("/api/v1/changes");
}

/* ---- The feed as the client sees it -------------------------------------------------- */

typedef struct
{
  gint64    seq;
  char     *type;
  char     *id;
  gint64    version;
  gboolean  deleted;
  JsonNode *data;
} Change;

static void
change_clear (gpointer p)
{
  Change *c = p;

  g_free (c->type);
  g_free (c->id);
  g_clear_pointer (&c->data, json_node_unref);
}

typedef struct
{
  GArray     *changes;   /* of Change, in the order served */
  char       *cursor;    /* the last cursor returned */
  guint       pages;
} Feed;

static void
feed_clear (Feed *feed)
{
  g_clear_pointer (&feed->changes, g_array_unref);
  g_clear_pointer (&feed->cursor, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Feed, feed_clear)

/* @feed made ready to read into: an empty list of changes. */
static void
feed_init (Feed *feed)
{
  feed->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_array_set_clear_func (feed->changes, change_clear);
}

/* The feed from @cursor, @limit a page, is refused: @status and a problem document. */
static void
assert_cursor_refused (Fixture    *f,
                       const char *cursor,
                       guint       limit,
                       guint       status)
{
  g_autofree char *path = changes_path (cursor, limit);
  g_auto(XaTestReply) reply = { 0 };

  get (f, path, &reply);
  assert_problem (&reply, status);
}

/* One 200 page: checks its shape and every record with the client's parser. */
static gboolean
read_page (Fixture    *f,
           const char *cursor,
           guint       limit,
           Feed       *feed)
{
  g_autofree char *path = changes_path (cursor, limit);
  g_auto(XaTestReply) reply = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *page;
  JsonArray *changes;

  get (f, path, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply.headers, NULL), ==,
                   "application/json");
  g_assert_nonnull (soup_message_headers_get_one (reply.headers, "ETag"));
  root = parse_json (reply.body);
  page = json_node_get_object (root);
  g_assert_true (json_object_has_member (page, "cursor"));
  g_assert_true (json_object_has_member (page, "more"));
  changes = json_object_get_array_member (page, "changes");
  g_assert_nonnull (changes);
  if (limit > 0)
    g_assert_cmpuint (json_array_get_length (changes), <=, limit);

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonNode *node = json_array_get_element (changes, i);
      JsonObject *o = json_node_get_object (node);
      g_autoptr(GError) error = NULL;
      g_autoptr(XaChange) parsed = xa_test_change_parse (node, &error);
      Change c;

      g_assert_no_error (error);
      c.seq = json_object_get_int_member (o, "seq");
      c.type = g_strdup (json_object_get_string_member (o, "type"));
      c.id = g_strdup (json_object_get_string_member (o, "id"));
      c.version = json_object_get_int_member (o, "version");
      c.deleted = json_object_get_boolean_member (o, "deleted");
      c.data = json_node_copy (json_object_get_member (o, "data"));
      g_assert_true (c.deleted == JSON_NODE_HOLDS_NULL (c.data));
      g_assert_cmpint (c.version, >=, 1);
      g_array_append_val (feed->changes, c);
    }
  g_free (feed->cursor);
  feed->cursor = g_strdup (json_object_get_string_member (page, "cursor"));
  g_assert_nonnull (feed->cursor);
  feed->pages++;
  return json_object_get_boolean_member (page, "more");
}

/* Pages from @cursor (NULL: the beginning) until more is false. */
static void
read_all (Fixture    *f,
          const char *cursor,
          guint       limit,
          Feed       *feed)
{
  g_autofree char *from = g_strdup (cursor);

  feed_init (feed);
  while (read_page (f, from, limit, feed))
    {
      g_free (from);
      from = g_strdup (feed->cursor);
      g_assert_cmpuint (feed->pages, <, 100000);
    }
}

static char *
record_key (const char *type,
            const char *id)
{
  return g_strconcat (type, "/", id, NULL);
}

/* What @c points at, as "type/id" keys. */
static GPtrArray *
references (Change *c)
{
  GPtrArray *refs = g_ptr_array_new_with_free_func (g_free);
  JsonObject *data;

  if (c->deleted)
    return refs;
  data = json_node_get_object (c->data);
  if (g_str_equal (c->type, "compound"))
    g_ptr_array_add (refs, record_key ("district",
                                       json_object_get_string_member (data, "district")));
  else if (g_str_equal (c->type, "cadre"))
    {
      JsonArray *compounds = json_object_get_array_member (data, "compounds");

      for (guint i = 0; i < json_array_get_length (compounds); i++)
        g_ptr_array_add (refs, record_key ("compound",
                                           json_array_get_string_element (compounds, i)));
    }
  else if (json_object_has_member (data, "compound"))
    g_ptr_array_add (refs, record_key ("compound",
                                       json_object_get_string_member (data, "compound")));
  if (g_str_equal (c->type, "problem"))
    g_ptr_array_add (refs, record_key ("category",
                                       json_object_get_string_member (data, "category")));
  return refs;
}

/* seq strictly increasing, and each record after everything it points at, with nothing
 * live left pointing at a record when its tombstone comes. Returns the live records. */
static GHashTable *
assert_feed_order (Feed *feed)
{
  g_autoptr(GHashTable) live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) pointers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  gint64 last_seq = 0;

  for (guint i = 0; i < feed->changes->len; i++)
    {
      Change *c = &g_array_index (feed->changes, Change, i);
      g_autoptr(GPtrArray) refs = references (c);
      char *key = record_key (c->type, c->id);
      GPtrArray *old;

      g_assert_cmpint (c->seq, >, last_seq);
      last_seq = c->seq;

      /* Drop what the previous state of this record pointed at. */
      old = g_hash_table_lookup (held, key);
      for (guint j = 0; old != NULL && j < old->len; j++)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (pointers, old->pdata[j]));
          g_hash_table_insert (pointers, g_strdup (old->pdata[j]), GUINT_TO_POINTER (n - 1));
        }
      g_hash_table_remove (held, key);

      for (guint j = 0; j < refs->len; j++)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (pointers, refs->pdata[j]));

          if (!g_hash_table_contains (live, refs->pdata[j]))
            g_error ("seq %" G_GINT64_FORMAT ": %s %s points at %s, not served (live) before it",
                     c->seq, c->type, c->id, (char *) refs->pdata[j]);
          g_hash_table_insert (pointers, g_strdup (refs->pdata[j]), GUINT_TO_POINTER (n + 1));
        }

      if (c->deleted)
        {
          if (GPOINTER_TO_UINT (g_hash_table_lookup (pointers, key)) != 0)
            g_error ("seq %" G_GINT64_FORMAT ": tombstone of %s while live records still "
                     "point at it", c->seq, key);
          g_hash_table_remove (live, key);
          g_free (key);
        }
      else
        {
          g_hash_table_insert (held, g_strdup (key), g_ptr_array_ref (refs));
          g_hash_table_replace (live, key, c);
        }
    }
  return g_steal_pointer (&live);
}

static gint64
server_db_int (Fixture    *f,
               const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->server->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
admin (Fixture    *f,
       const char *command,
       const char *type,
       const char *id,
       const char *json)
{
  const char *args[] = { "--db", f->server->db_path, command, type, id, json, NULL };

  xa_test_server_run_admin (args);
}

/* ---- Tests ------------------------------------------------------------------------------ */

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *same_length = g_strdup (f->server->token);
  const char *bad_tokens[] = { "wrong", "", same_length, "test-token-and-more" };
  g_auto(XaTestReply) reply = { 0 };

  same_length[0] = 'X';

  request_full (f, "GET", "/api/v1/changes", NULL, NULL, &reply, NULL, NULL);
  assert_problem (&reply, 401);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "WWW-Authenticate"), ==,
                   "Bearer realm=\"xiaoqu\"");
  xa_test_reply_clear (&reply);

  for (guint i = 0; i < G_N_ELEMENTS (bad_tokens); i++)
    {
      request_full (f, "GET", "/api/v1/changes", bad_tokens[i], NULL, &reply, NULL, NULL);
      assert_problem (&reply, 401);
      g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "WWW-Authenticate"), ==,
                       "Bearer realm=\"xiaoqu\"");
      xa_test_reply_clear (&reply);
    }

  /* Another scheme carrying the right secret is still no bearer token. */
  request_full (f, "GET", "/api/v1/changes", NULL, NULL, &reply,
                "Authorization", "Basic dGVzdC10b2tlbg==");
  assert_problem (&reply, 401);
  xa_test_reply_clear (&reply);

  get (f, "/api/v1/changes?limit=1", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  const char *bad[] = { "0", "5001", "abc", "-1", "", "1e3", " 5", "99999999999999999999" };
  g_auto(Feed) feed = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *escaped = g_uri_escape_string (bad[i], NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?limit=%s", escaped);
      g_auto(XaTestReply) reply = { 0 };

      g_test_message ("limit=%s", bad[i]);
      get (f, path, &reply);
      assert_problem (&reply, 400);
    }

  feed_init (&feed);
  g_assert_true (read_page (f, NULL, 0, &feed));
  g_assert_cmpuint (feed.changes->len, ==, 500);
  g_array_set_size (feed.changes, 0);
  g_assert_true (read_page (f, NULL, 5000, &feed));
  g_assert_cmpuint (feed.changes->len, ==, 5000);
  g_array_set_size (feed.changes, 0);
  g_assert_true (read_page (f, NULL, 1, &feed));
  g_assert_cmpuint (feed.changes->len, ==, 1);
}

static char *
base64url (const char *text)
{
  char *b64 = g_base64_encode ((const guchar *) text, strlen (text));

  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  g_strdelimit (b64, "=", '\0');
  return b64;
}

static void
test_bad_cursors (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *garbage = base64url ("hello world");
  g_autofree char *wrong_version = base64url ("v9.0123456789abcdef.0.1");
  g_autofree char *negative = base64url ("v1.0123456789abcdef.0.-1");
  g_autofree char *other_epoch = base64url ("v1.0123456789abcdef.0.1");
  g_autofree char *long_cursor = g_strnfill (1000, 'A');
  const char *bad[] = { "!!!", "A", garbage, wrong_version, negative, long_cursor };
  g_auto(Feed) feed = { 0 };
  g_autofree char *epoch = NULL;
  g_autofree char *future = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("cursor=%.40s (%zu bytes)", bad[i], strlen (bad[i]));
      assert_cursor_refused (f, bad[i], 10, 400);
    }

  /* Well formed, but from another database: only a full resync helps. */
  assert_cursor_refused (f, other_epoch, 10, 410);

  /* This database's epoch, but a seq it never gave out. */
  feed_init (&feed);
  read_page (f, NULL, 1, &feed);
  {
    gsize len;
    g_autofree char *b64 = g_strdup (feed.cursor);
    g_autofree guchar *plain = NULL;
    g_auto(GStrv) parts = NULL;
    g_autofree char *text = NULL;

    g_strdelimit (b64, "-", '+');
    g_strdelimit (b64, "_", '/');
    while (strlen (b64) % 4 != 0)
      {
        char *padded = g_strconcat (b64, "=", NULL);
        g_free (b64);
        b64 = padded;
      }
    plain = g_base64_decode (b64, &len);
    text = g_strndup ((char *) plain, len);
    parts = g_strsplit (text, ".", -1);
    g_assert_cmpuint (g_strv_length (parts), >=, 3);
    epoch = g_strdup (parts[1]);
    future = g_strdup_printf ("v1.%s.0.999999999", epoch);
    g_free (text);
    text = base64url (future);
    assert_cursor_refused (f, text, 10, 400);
  }
}

static void
test_full_read (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Feed) feed = { 0 };
  g_autoptr(GHashTable) live = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *end_cursor = NULL;
  guint pages;

  read_all (f, NULL, 997, &feed);
  g_assert_cmpint (feed.changes->len, ==, server_db_int (f, "SELECT count(*) FROM changes"));
  g_assert_cmpuint (feed.pages, ==, (feed.changes->len + 996) / 997);
  live = assert_feed_order (&feed);

  /* A freshly generated city: every record exactly once. */
  for (guint i = 0; i < feed.changes->len; i++)
    {
      Change *c = &g_array_index (feed.changes, Change, i);
      char *key = record_key (c->type, c->id);

      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, key);
    }
  g_assert_cmpuint (g_hash_table_size (live), ==, feed.changes->len);
  g_assert_cmpuint (g_hash_table_size (live), >, 3490);

  /* At the end: an empty page, more false, and a cursor to keep. */
  end_cursor = g_strdup (feed.cursor);
  pages = feed.pages;
  g_assert_false (read_page (f, end_cursor, 100, &feed));
  g_assert_cmpuint (feed.pages, ==, pages + 1);
  g_assert_cmpuint (g_hash_table_size (seen), ==, feed.changes->len);
  g_assert_nonnull (feed.cursor);
}

static GBytes *
gunzip (GBytes *compressed)
{
  g_autoptr(GZlibDecompressor) decompressor =
    g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_bytes (compressed);
  g_autoptr(GInputStream) stream = g_converter_input_stream_new (raw, G_CONVERTER (decompressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_gzip (Fixture       *f,
           gconstpointer  data)
{
  g_auto(XaTestReply) plain = { 0 };
  g_auto(XaTestReply) zipped = { 0 };
  g_auto(XaTestReply) refused = { 0 };
  g_autoptr(GBytes) decoded = NULL;

  request_full (f, "GET", "/api/v1/changes?limit=2000", f->server->token, NULL, &plain,
                NULL, NULL);
  g_assert_cmpuint (plain.status, ==, 200);
  g_assert_null (soup_message_headers_get_one (plain.headers, "Content-Encoding"));

  request_full (f, "GET", "/api/v1/changes?limit=2000", f->server->token, NULL, &zipped,
                "Accept-Encoding", "br, gzip;q=0.8");
  g_assert_cmpuint (zipped.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (zipped.headers, "Content-Encoding"), ==, "gzip");
  g_assert_cmpuint (g_bytes_get_size (zipped.body), <, g_bytes_get_size (plain.body) / 3);
  decoded = gunzip (zipped.body);
  g_assert_true (g_bytes_equal (decoded, plain.body));

  /* q=0 means "not this one". */
  request_full (f, "GET", "/api/v1/changes?limit=10", f->server->token, NULL, &refused,
                "Accept-Encoding", "gzip;q=0");
  g_assert_cmpuint (refused.status, ==, 200);
  g_assert_null (soup_message_headers_get_one (refused.headers, "Content-Encoding"));
}

static void
test_etag (Fixture       *f,
           gconstpointer  data)
{
  g_auto(XaTestReply) first = { 0 };
  g_auto(XaTestReply) again = { 0 };
  g_auto(XaTestReply) weak = { 0 };
  g_auto(XaTestReply) other = { 0 };
  g_auto(XaTestReply) stale = { 0 };
  g_auto(Feed) feed = { 0 };
  g_autofree char *weak_tag = NULL;
  g_autofree char *end_path = NULL;
  g_autofree char *end_etag = NULL;
  const char *etag;

  get (f, "/api/v1/changes?limit=50", &first);
  g_assert_cmpuint (first.status, ==, 200);
  etag = soup_message_headers_get_one (first.headers, "ETag");
  g_assert_nonnull (etag);
  g_assert_true (etag[0] == '"' && etag[strlen (etag) - 1] == '"');

  request_full (f, "GET", "/api/v1/changes?limit=50", f->server->token, NULL, &again,
                "If-None-Match", etag);
  g_assert_cmpuint (again.status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (again.body), ==, 0);
  g_assert_cmpstr (soup_message_headers_get_one (again.headers, "ETag"), ==, etag);

  weak_tag = g_strconcat ("\"nope\", W/", etag, NULL);
  request_full (f, "GET", "/api/v1/changes?limit=50", f->server->token, NULL, &weak,
                "If-None-Match", weak_tag);
  g_assert_cmpuint (weak.status, ==, 304);

  /* Another page is another representation. */
  request_full (f, "GET", "/api/v1/changes?limit=51", f->server->token, NULL, &other,
                "If-None-Match", etag);
  g_assert_cmpuint (other.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (other.headers, "ETag"), !=, etag);

  /* The empty page at the end changes once a record changes. */
  read_all (f, NULL, 5000, &feed);
  end_path = changes_path (feed.cursor, 100);
  {
    g_auto(XaTestReply) end = { 0 };

    get (f, end_path, &end);
    g_assert_cmpuint (end.status, ==, 200);
    end_etag = g_strdup (soup_message_headers_get_one (end.headers, "ETag"));
  }
  admin (f, "--delete", "problem", "PB000001", NULL);
  request_full (f, "GET", end_path, f->server->token, NULL, &stale,
                "If-None-Match", end_etag);
  g_assert_cmpuint (stale.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (stale.headers, "ETag"), !=, end_etag);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  const char *paths[] = { "/", "/api/v1/changes/", "/api/v1/change", "/api/v2/changes",
                          "/favicon.ico" };
  const char *methods[] = { "POST", "PUT", "DELETE", "PATCH" };
  g_autofree char *huge = g_malloc0 (100 * 1024);
  g_autoptr(GBytes) big_body = g_bytes_new_static (huge, 100 * 1024);
  g_autofree char *long_value = g_strnfill (10000, 'a');
  g_autofree char *long_path = g_strdup_printf ("/api/v1/changes?limit=5&x=%s", long_value);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(XaTestReply) reply = { 0 };

      get (f, paths[i], &reply);
      assert_problem (&reply, 404);
    }
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_auto(XaTestReply) reply = { 0 };

      request_full (f, methods[i], "/api/v1/changes", f->server->token, NULL, &reply, NULL, NULL);
      assert_problem (&reply, 405);
      g_assert_nonnull (strstr (soup_message_headers_get_one (reply.headers, "Allow"), "GET"));
    }
  {
    g_auto(XaTestReply) reply = { 0 };

    request_full (f, "POST", "/api/v1/changes", f->server->token, big_body, &reply, NULL, NULL);
    assert_problem (&reply, 413);
  }
  {
    g_auto(XaTestReply) reply = { 0 };

    get (f, long_path, &reply);
    g_assert_true (reply.status == 414 || reply.status == 400);
    assert_problem (&reply, reply.status);
  }
  /* Still serving after all that. */
  {
    g_auto(XaTestReply) reply = { 0 };

    get (f, "/api/v1/changes?limit=1", &reply);
    g_assert_cmpuint (reply.status, ==, 200);
  }
}

/* The demo compound C0001 and what points at it, from a full read. */
static GHashTable *
dependents_of (Feed       *feed,
               const char *compound)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *target = record_key ("compound", compound);

  for (guint i = 0; i < feed->changes->len; i++)
    {
      Change *c = &g_array_index (feed->changes, Change, i);
      g_autoptr(GPtrArray) refs = references (c);

      for (guint j = 0; j < refs->len; j++)
        if (g_str_equal (refs->pdata[j], target))
          g_hash_table_add (set, record_key (c->type, c->id));
    }
  return set;
}

static void
test_tombstones (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Feed) before = { 0 };
  g_auto(Feed) after = { 0 };
  g_autoptr(GHashTable) dependents = NULL;
  g_autoptr(GHashTable) live = NULL;
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 compound_seq = 0;
  guint touched = 0;

  read_all (f, NULL, 5000, &before);
  dependents = dependents_of (&before, "C0001");
  g_assert_cmpuint (g_hash_table_size (dependents), >, 1);
  for (guint i = 0; i < before.changes->len; i++)
    {
      Change *c = &g_array_index (before.changes, Change, i);
      g_hash_table_insert (versions, record_key (c->type, c->id),
                           GINT_TO_POINTER ((int) c->version));
    }

  admin (f, "--delete", "compound", "C0001", NULL);
  read_all (f, before.cursor, 500, &after);
  g_assert_cmpuint (after.changes->len, ==, g_hash_table_size (dependents) + 1);

  for (guint i = 0; i < after.changes->len; i++)
    {
      Change *c = &g_array_index (after.changes, Change, i);
      g_autofree char *key = record_key (c->type, c->id);

      g_assert_cmpint (c->version, ==, GPOINTER_TO_INT (g_hash_table_lookup (versions, key)) + 1);
      if (g_str_equal (c->type, "compound"))
        {
          g_assert_cmpstr (c->id, ==, "C0001");
          g_assert_true (c->deleted);
          compound_seq = c->seq;
          continue;
        }
      /* Dependents come before the compound's tombstone. */
      g_assert_cmpint (compound_seq, ==, 0);
      g_assert_true (g_hash_table_contains (dependents, key));
      touched++;
      if (g_str_equal (c->type, "cadre") && !c->deleted)
        {
          g_autoptr(GPtrArray) refs = references (c);

          for (guint j = 0; j < refs->len; j++)
            g_assert_cmpstr (refs->pdata[j], !=, "compound/C0001");
        }
      else
        g_assert_true (c->deleted);
    }
  g_assert_cmpint (compound_seq, >, 0);
  g_assert_cmpuint (touched, ==, g_hash_table_size (dependents));

  /* Before + after still obeys the guarantee, tombstones included. */
  g_array_append_vals (before.changes, after.changes->data, after.changes->len);
  g_array_set_clear_func (after.changes, NULL);   /* moved into before */
  live = assert_feed_order (&before);
  g_assert_false (g_hash_table_contains (live, "compound/C0001"));
}

static const char compound_template[] =
  "{\"name\": \"新建小区\", \"district\": \"371302\", \"subdistrict\": \"兰山街道\","
  " \"community\": \"社区\", \"address\": \"兰山区某路1号\", \"lat\": 35.06, \"lon\": 118.34,"
  " \"kind\": \"residential\", \"buildings\": 2, \"households\": 80, \"owners_committee\": false,"
  " \"public_revenue_recorded\": false, \"special_account\": false, \"supervised_fen\": 0}";

static void
test_compact (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Feed) early = { 0 };
  g_auto(Feed) before = { 0 };
  g_auto(Feed) after = { 0 };
  g_auto(Feed) tail = { 0 };
  g_auto(Feed) recreated = { 0 };
  g_autoptr(GHashTable) newest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) live = NULL;
  g_autoptr(GHashTable) once = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *early_cursor = NULL;
  g_autofree char *end_cursor = NULL;
  g_autofree char *mid_cursor = NULL;
  g_autoptr(JsonNode) compound_node = NULL;
  g_autofree char *compound_json = NULL;
  gint64 c0002_version = 0;
  guint n_live = 0;

  feed_init (&early);
  read_page (f, NULL, 100, &early);
  early_cursor = g_strdup (early.cursor);

  /* Superseded versions (a district renamed twice), a cascade of tombstones. */
  admin (f, "--put", "district", "371302",
         "{\"code\": \"371302\", \"name\": \"兰山区（一）\", \"lat\": 35.05, \"lon\": 118.35}");
  admin (f, "--put", "district", "371302",
         "{\"code\": \"371302\", \"name\": \"兰山区（二）\", \"lat\": 35.05, \"lon\": 118.35}");
  admin (f, "--delete", "compound", "C0002", NULL);
  /* A cadre given a compound newer than the cadre's first position: compaction may not
   * simply merge it back there. */
  admin (f, "--put", "compound", "C-NEW", compound_template);
  admin (f, "--put", "cadre", "CD0001", "{\"name\": \"王伟\", \"unit\": \"兰山区住建局\", "
         "\"phone\": \"13900000000\", \"compounds\": [\"C-NEW\"]}");

  read_all (f, NULL, 5000, &before);
  for (guint i = 0; i < before.changes->len; i++)
    {
      Change *c = &g_array_index (before.changes, Change, i);
      if (g_str_equal (c->type, "compound") && g_str_equal (c->id, "C0001"))
        compound_node = json_node_copy (c->data);
      g_hash_table_replace (newest, record_key (c->type, c->id), c);
    }
  end_cursor = g_strdup (before.cursor);
  admin (f, "--compact", NULL, NULL, NULL);

  /* An old cursor cannot be served exactly any more. */
  assert_cursor_refused (f, early_cursor, 100, 410);
  /* A cursor that had read everything still goes on. */
  feed_init (&tail);
  g_assert_false (read_page (f, end_cursor, 100, &tail));
  g_assert_cmpuint (tail.changes->len, ==, 0);

  /* A full read in small pages: each live record once, newest version, in order; its
   * cursors are made after the compaction and must not be refused half way. */
  read_all (f, NULL, 700, &after);
  g_assert_cmpuint (after.pages, >, 2);
  live = assert_feed_order (&after);
  for (guint i = 0; i < after.changes->len; i++)
    {
      Change *c = &g_array_index (after.changes, Change, i);
      char *key = record_key (c->type, c->id);
      Change *old = g_hash_table_lookup (newest, key);

      g_assert_false (c->deleted);
      g_assert_false (g_hash_table_contains (once, key));
      g_assert_nonnull (old);
      g_assert_false (old->deleted);
      g_assert_cmpint (c->version, ==, old->version);
      g_assert_true (json_node_equal (c->data, old->data));
      g_hash_table_add (once, key);
      if (g_str_equal (c->type, "district") && g_str_equal (c->id, "371302"))
        g_assert_cmpstr (json_object_get_string_member (json_node_get_object (c->data), "name"), ==,
                         "兰山区（二）");
    }
  {
    GHashTableIter iter;
    Change *c;

    g_hash_table_iter_init (&iter, newest);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
      n_live += !c->deleted;
  }
  g_assert_cmpuint (g_hash_table_size (once), ==, n_live);
  g_assert_false (g_hash_table_contains (once, "compound/C0002"));

  /* A record deleted, compacted away and created again continues its version. */
  for (guint i = 0; i < before.changes->len; i++)
    {
      Change *c = &g_array_index (before.changes, Change, i);
      if (g_str_equal (c->type, "compound") && g_str_equal (c->id, "C0002"))
        c0002_version = MAX (c0002_version, c->version);
    }
  g_assert_cmpint (c0002_version, >=, 2);
  compound_json = json_to_string (compound_node, FALSE);
  admin (f, "--put", "compound", "C0002", compound_json);
  mid_cursor = g_strdup (after.cursor);
  read_all (f, mid_cursor, 100, &recreated);
  g_assert_cmpuint (recreated.changes->len, ==, 1);
  g_assert_cmpint (g_array_index (recreated.changes, Change, 0).version, ==, c0002_version + 1);
}

static void
test_simulate (void)
{
  g_autofree char *db = xa_test_path ("simulate.db");
  const char * const args[] = { "--demo", "--simulate", "--simulate-interval", "1", NULL };
  Fixture fixture = { 0 }, *f = &fixture;
  g_auto(Feed) start = { 0 };
  g_auto(Feed) later = { 0 };
  g_autoptr(GHashTable) live = NULL;

  fixture_serve (f, xa_test_server_start (db, args));

  read_all (f, NULL, 5000, &start);
  for (guint i = 0; i < 80; i++)
    {
      g_usleep (100 * 1000);
      if (server_db_int (f, "SELECT count(*) FROM changes") >= (gint64) start.changes->len + 3)
        break;
    }
  read_all (f, start.cursor, 500, &later);
  g_assert_cmpuint (later.changes->len, >=, 3);
  g_array_append_vals (start.changes, later.changes->data, later.changes->len);
  g_array_set_clear_func (later.changes, NULL);
  live = assert_feed_order (&start);

  xa_test_server_fixture_tear_down (f, NULL);
}

/* Benchmark data is valid data: the client's parser and the ordering guarantee accept it. */
static void
test_synthetic (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_auto(Feed) feed = { 0 };
  g_autoptr(GHashTable) live = NULL;
  guint per_type[XA_N_RECORD_TYPES] = { 0 };

  fixture_serve (f, xa_test_synthetic_server_start (20000));

  read_all (f, NULL, 5000, &feed);
  g_assert_cmpuint (feed.changes->len, ==, 20000);
  live = assert_feed_order (&feed);
  g_assert_cmpuint (g_hash_table_size (live), ==, 20000);
  for (guint i = 0; i < feed.changes->len; i++)
    {
      XaRecordType type;

      g_assert_true (xa_record_type_from_string (g_array_index (feed.changes, Change, i).type,
                                                 &type));
      per_type[type]++;
    }
  g_assert_cmpuint (per_type[XA_RECORD_DISTRICT], >, 0);
  g_assert_cmpuint (per_type[XA_RECORD_COMPOUND], >, 1000);
  g_assert_cmpuint (per_type[XA_RECORD_PROBLEM], >, 1000);

  xa_test_server_fixture_tear_down (f, NULL);
}

/* Runs the binary with @args and returns its exit status. */
static int
run_status (const char * const *args)
{
  XaTestRun run = xa_test_run_server (args);

  xa_test_run_clear (&run);
  return run.status;
}

static void
test_command_line (void)
{
  g_autofree char *db = xa_test_path ("cli.db");
  const char * const district[] = { "--db", db, "--put", "district", "371302",
    "{\"code\": \"371302\", \"name\": \"兰山区\", \"lat\": 35.05, \"lon\": 118.35}", NULL };
  const char * const refusals[][8] = {
    { "--db", db, NULL },                                           /* no token, no demo */
    { "--port", "0", "--token", "t", NULL },                        /* no --db */
    { "--db", db, "--token", "t", "--port", "70000", NULL },
    { "--db", db, "--put", "district", NULL },
    { "--db", db, "--put", "district", "X", "not json", NULL },
    { "--db", db, "--put", "nonsense", "X", "{}", NULL },
    { "--db", db, "--put", "compound", "bad id!", "{}", NULL },
    { "--db", db, "--put", "problem", "P1", "{\"compound\": \"NOPE\", \"category\": \"NOPE\"}",
      NULL },
    { "--db", db, "--delete", "compound", "NOPE", NULL },
    { "--db", db, "--delete", "district", "371302", NULL },          /* still used below */
    { "--db", db, "--compact", "--stats", NULL },
    { "--no-such-option", NULL },
  };
  const char * const compound[] = { "--db", db, "--put", "compound", "C1", XA_TEST_COMPOUND_JSON,
                                     NULL };
  const char * const stats[] = { "--db", db, "--stats", NULL };

  g_assert_cmpint (run_status (district), ==, 0);
  g_assert_cmpint (run_status (compound), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_test_message ("refusal %u", i);
      g_assert_cmpint (run_status (refusals[i]), !=, 0);
    }
  g_assert_cmpint (run_status (stats), ==, 0);
}

/* Adds a test that gets a demo server and a session of its own (the Fixture). */
#define add_with_server(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), xa_test_server_fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  add_with_server ("/server/auth", test_auth);
  add_with_server ("/server/limits", test_limits);
  add_with_server ("/server/bad-cursors", test_bad_cursors);
  add_with_server ("/server/full-read", test_full_read);
  add_with_server ("/server/gzip", test_gzip);
  add_with_server ("/server/etag", test_etag);
  add_with_server ("/server/errors", test_errors);
  add_with_server ("/server/tombstones", test_tombstones);
  add_with_server ("/server/compact", test_compact);
  g_test_add_func ("/server/simulate", test_simulate);
  g_test_add_func ("/server/synthetic", test_synthetic);
  g_test_add_func ("/server/command-line", test_command_line);

  return g_test_run ();
}
