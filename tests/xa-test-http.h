/* xa-test-http.h — what tests ask of xiaoqu-server over HTTP, apart from the app's own
 * client: the fixture of a test case against a server of its own, one request with its
 * whole reply, an edit posted as another client would, and the feed as served. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "xa-fault-proxy.h"
#include "xa-test-util.h"

G_BEGIN_DECLS

/* A session for the tests' own requests: a server silent for a minute fails the request
 * rather than hanging the test until meson kills it. */
SoupSession *xa_test_session_new (void);

/* What a test case against a real server of its own keeps (the fixture of g_test_add()):
 * the server's database, the server, a fault proxy in front of it, a client's store and a
 * session for the test's own requests. Each test's set-up fills in what it uses; the rest
 * stays NULL. */
typedef struct
{
  char         *db;
  XaTestServer *server;
  XaFaultProxy *proxy;
  char         *store_path;
  SoupSession  *session;
} XaTestServerFixture;

/* Frees what @f holds (the server stopped) and sets it back to NULL: the tear-down of
 * g_test_add(). */
void        xa_test_server_fixture_tear_down (XaTestServerFixture *f,
                                              gconstpointer        data);

/* A server's answer to one request. */
typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;   /* the response's headers */
  GBytes             *body;
  char               *text;      /* xa_test_reply_text()'s, made on first ask */
  JsonObject         *object;    /* xa_test_reply_object()'s, made on first ask */
} XaTestReply;

void        xa_test_reply_clear        (XaTestReply *reply);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XaTestReply, xa_test_reply_clear)

/* The body as a string. */
const char *xa_test_reply_text         (XaTestReply *reply);
/* The body parsed, when it is a JSON object; else NULL. */
JsonObject *xa_test_reply_object       (XaTestReply *reply);
/* The media type of the body, without parameters, or NULL. */
const char *xa_test_reply_content_type (XaTestReply *reply);

/* One request to a server, as xa_test_request() sends it. */
typedef struct
{
  const char         *method;        /* NULL: GET */
  const char         *path;          /* with its query, if any */
  const char         *token;         /* the bearer token; NULL: no Authorization */
  const char         *content_type;  /* of @body */
  GBytes             *body;          /* NULL: none */
  const char * const *headers;       /* more headers, name and value pairs up to a NULL name (a
                                      * NULL value leaves its header out); may be NULL */
} XaTestRequest;

/* Sends @request to the server at @base_url through @session and fills @reply, to be
 * cleared with xa_test_reply_clear(). Asserts the request is answered. */
void        xa_test_request            (SoupSession         *session,
                                        const char          *base_url,
                                        const XaTestRequest *request,
                                        XaTestReply         *reply);

/* POSTs @body (NULL: none) to the update path of @type @id on @server as another client
 * would, with the server's token and the Idempotency-Key @key (NULL: none), through
 * @session; returns the status and fills @reply (may be NULL; to be cleared) with the whole
 * answer. Asserts the request is answered. */
guint       xa_test_server_post_update (XaTestServer *server,
                                        SoupSession  *session,
                                        const char   *type,
                                        const char   *id,
                                        const char   *key,
                                        const char   *body,
                                        XaTestReply  *reply);

/* @server's whole feed (one page of up to 5,000 changes, asked with its token through
 * @session) as the text served. Asserts a 200 that holds every change (no "more"). */
char       *xa_test_server_feed_text   (XaTestServer *server,
                                        SoupSession  *session);

/* How many changes of @server's feed are @type @id at @version. @out_seq (may be NULL) gets
 * the seq of the last such change; @out_data (may be NULL) the data of the newest change of
 * @type @id at any version (what it held is freed). */
guint       xa_test_server_feed_count  (XaTestServer  *server,
                                        SoupSession   *session,
                                        const char    *type,
                                        const char    *id,
                                        gint64         version,
                                        gint64        *out_seq,
                                        char         **out_data);

G_END_DECLS
