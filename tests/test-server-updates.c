/* test-server-updates.c — edits pushed back to the real xiaoqu-server binary over HTTP on
 * 127.0.0.1 (POST /api/v1/problems/{id}/updates and /api/v1/elevators/{id}/updates, as
 * src/records-api.md describes them): an applied edit is answered as a change of the feed
 * and appears in the feed once with that version; the same Idempotency-Key applies once
 * and answers the same, also after a restart; a stale base_version gets 409 with the
 * current record; every transition the ledger's flow forbids and every invalid value gets
 * 422 naming the field; 400, 401, 404, 405 and the early refusals from the headers; and on
 * every refusal the feed stays byte for byte as it was. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>

#include "xa-records.h"
#include "xa-test-http.h"
#include "xa-test-util.h"

static const char * const statuses[] = { "open", "in_progress", "resolved", "closed" };

/* A problem of compound C1 in @status (resolved_at where the contract wants it). */
static char *
problem_json (const char *status)
{
  gboolean resolved = g_str_equal (status, "resolved") || g_str_equal (status, "closed");

  return g_strdup_printf ("{\"compound\": \"C1\", \"category\": \"K1\", \"source\": \"owner\", "
                          "\"title\": \"楼道灯不亮\", "
                          "\"reported_at\": \"2026-11-02T09:30:00+08:00\", "
                          "\"deadline\": \"2026-11-05T09:30:00+08:00\", \"status\": \"%s\", "
                          "\"tier\": \"on_site\", \"responsible_party\": \"物业公司\"%s}",
                          status,
                          resolved ? ", \"resolved_at\": \"2026-11-03T10:00:00+08:00\"" : "");
}

typedef XaTestServerFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = xa_test_path ("updates.db");
  xa_test_server_put_small_city (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *id = g_strdup_printf ("P-%s", statuses[i]);
      g_autofree char *json = problem_json (statuses[i]);

      xa_test_server_put (f->db, "problem", id, json);
    }
  f->server = xa_test_server_start (f->db, NULL);
  f->session = xa_test_session_new ();
}

static void
restart (Fixture *f)
{
  xa_test_server_free (f->server);
  f->server = xa_test_server_start (f->db, NULL);
}

/* Sends @method @path with @body (may be NULL), the bearer @token (NULL: none) and the
 * Idempotency-Key @key (NULL: none). */
static void
request (Fixture     *f,
         const char  *method,
         const char  *path,
         const char  *token,
         const char  *key,
         const char  *body,
         XaTestReply *a)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;
  const char * const headers[] = { "Idempotency-Key", key, NULL };
  const XaTestRequest request = { method, path, token, "application/json", bytes, headers };

  xa_test_request (f->session, f->server->base_url, &request, a);
}

static void
update (Fixture     *f,
        const char  *type,
        const char  *id,
        const char  *key,
        const char  *body,
        XaTestReply *a)
{
  xa_test_server_post_update (f->server, f->session, type, id, key, body, a);
}

/* A new key each time: what a client does for each new change. */
static char *
new_key (void)
{
  static guint n;

  return g_strdup_printf ("key-%u-%08x", ++n, g_random_int ());
}

/* The whole feed as text: any stored change at all would show (its cursor included). */
static char *
feed_text (Fixture *f)
{
  return xa_test_server_feed_text (f->server, f->session);
}

/* The feed is exactly @expected (from an earlier feed_text ()): nothing was applied since. */
static void
assert_feed_is (Fixture    *f,
                const char *expected)
{
  g_autofree char *text = feed_text (f);

  g_assert_cmpstr (text, ==, expected);
}

/* How many changes of the feed are @type @id at @version; *out_seq gets the last one's seq. */
static guint
feed_count (Fixture    *f,
            const char *type,
            const char *id,
            gint64      version,
            gint64     *out_seq)
{
  return xa_test_server_feed_count (f->server, f->session, type, id, version, out_seq, NULL);
}

/* A refusal: @status, a problem document naming @field (NULL: any or none), and nothing
 * stored. */
static void
assert_refused (Fixture    *f,
                const char *type,
                const char *id,
                const char *body,
                guint       status,
                const char *field)
{
  g_autofree char *before = feed_text (f);
  g_autofree char *after = NULL;
  g_autofree char *key = new_key ();
  g_auto(XaTestReply) a = { 0 };

  JsonObject *problem;

  update (f, type, id, key, body, &a);
  g_test_message ("%s %s %s → %u %s", type, id, body, a.status, xa_test_reply_text (&a));
  g_assert_cmpuint (a.status, ==, status);
  g_assert_cmpstr (xa_test_reply_content_type (&a), ==, "application/problem+json");
  problem = xa_test_reply_object (&a);
  g_assert_nonnull (problem);
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, status);
  g_assert_nonnull (json_object_get_string_member (problem, "detail"));
  if (field != NULL)
    {
      g_assert_cmpstr (json_object_get_string_member_with_default (problem, "field", ""), ==,
                       field);
      g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), field));
    }
  after = feed_text (f);
  g_assert_cmpstr (after, ==, before);
}

/* A 200: the record as a change of the feed, which the client's own parser accepts. */
static JsonObject *
assert_applied (XaTestReply *a,
                const char  *type,
                const char  *id,
                gint64       version)
{
  g_autoptr(XaChange) change = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *applied;

  g_test_message ("→ %u %s", a->status, xa_test_reply_text (a));
  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpstr (xa_test_reply_content_type (a), ==, "application/json");
  applied = xa_test_reply_object (a);
  g_assert_cmpstr (json_object_get_string_member (applied, "type"), ==, type);
  g_assert_cmpstr (json_object_get_string_member (applied, "id"), ==, id);
  g_assert_cmpint (json_object_get_int_member (applied, "version"), ==, version);
  g_assert_false (json_object_get_boolean_member (applied, "deleted"));
  change = xa_change_from_text (xa_test_reply_text (a), -1, &error);
  g_assert_no_error (error);
  return json_object_get_object_member (applied, "data");
}

/* ---- Applied ------------------------------------------------------------------------------ */

static void
test_applied_once_in_feed (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *key = new_key ();
  g_autofree char *key2 = new_key ();
  g_autofree char *key3 = new_key ();
  g_auto(XaTestReply) a = { 0 };
  g_auto(XaTestReply) b = { 0 };
  g_auto(XaTestReply) c = { 0 };
  JsonObject *record;
  JsonArray *notes;
  gint64 seq = 0;

  update (f, "problem", "P-open", key,
          "{\"base_version\": 1, \"status\": \"in_progress\", \"note\": \"已签收，会商处理\", "
          "\"tier\": \"consultation\", \"responsible_party\": \"街道办\", "
          "\"deadline\": \"2026-11-20T09:30:00+08:00\"}", &a);
  record = assert_applied (&a, "problem", "P-open", 2);
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "in_progress");
  /* Escalation raised the tier. */
  g_assert_cmpstr (json_object_get_string_member (record, "tier"), ==, "consultation");
  g_assert_cmpstr (json_object_get_string_member (record, "responsible_party"), ==, "街道办");
  g_assert_cmpstr (json_object_get_string_member (record, "deadline"), ==,
                   "2026-11-20T09:30:00+08:00");
  /* The status change keeps its note. */
  notes = json_object_get_array_member (record, "notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, 0), "note"),
                   ==, "已签收，会商处理");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (notes, 0), "version"),
                   ==, 2);
  /* In the feed once, with the answered version and seq. */
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 2, &seq), ==, 1);
  g_assert_cmpint (seq, ==, json_object_get_int_member (xa_test_reply_object (&a), "seq"));

  /* Resolved: resolved_at is set; reopened: it is gone again. */
  update (f, "problem", "P-open", key2,
          "{\"base_version\": 2, \"status\": \"resolved\", \"note\": \"已修复\", "
          "\"resolution_note\": \"更换灯泡\"}", &b);
  record = assert_applied (&b, "problem", "P-open", 3);
  g_assert_true (json_object_has_member (record, "resolved_at"));
  g_assert_cmpstr (json_object_get_string_member (record, "resolution_note"), ==, "更换灯泡");
  update (f, "problem", "P-open", key3,
          "{\"base_version\": 3, \"status\": \"in_progress\", "
          "\"note\": \"业主不认可，重新处理\"}", &c);
  record = assert_applied (&c, "problem", "P-open", 4);
  g_assert_false (json_object_has_member (record, "resolved_at"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "notes")), ==, 3);
  g_assert_cmpuint (feed_count (f, "problem", "P-open", 4, NULL), ==, 1);
}

static void
test_elevator_applied (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *key = new_key ();
  g_autofree char *key2 = new_key ();
  g_auto(XaTestReply) a = { 0 };
  g_auto(XaTestReply) b = { 0 };
  JsonObject *record;
  gint64 seq = 0;

  update (f, "elevator", "E1", key,
          "{\"base_version\": 1, \"renewal_status\": \"planned\", \"planned_year\": 2027, "
          "\"funding_source\": \"special_bonds\", \"note\": \"列入2027年更新计划\"}", &a);
  record = assert_applied (&a, "elevator", "E1", 2);
  g_assert_cmpstr (json_object_get_string_member (record, "renewal_status"), ==, "planned");
  g_assert_cmpint (json_object_get_int_member (record, "planned_year"), ==, 2027);
  g_assert_cmpstr (json_object_get_string_member (record, "funding_source"), ==, "special_bonds");
  g_assert_cmpstr (json_object_get_string_member (record, "maker"), ==, "通力");
  g_assert_cmpuint (feed_count (f, "elevator", "E1", 2, &seq), ==, 1);
  g_assert_cmpint (seq, ==, json_object_get_int_member (xa_test_reply_object (&a), "seq"));

  /* null takes an optional field away. */
  update (f, "elevator", "E1", key2,
          "{\"base_version\": 2, \"planned_year\": null, \"funding_source\": null}", &b);
  record = assert_applied (&b, "elevator", "E1", 3);
  g_assert_false (json_object_has_member (record, "planned_year"));
  g_assert_false (json_object_has_member (record, "funding_source"));
  g_assert_cmpstr (json_object_get_string_member (record, "renewal_status"), ==, "planned");
  g_assert_cmpuint (feed_count (f, "elevator", "E1", 3, NULL), ==, 1);

  /* A note alone is an update too; a record keeps its newest 20 notes. */
  for (guint version = 3; version < 25; version++)
    {
      g_autofree char *note_key = new_key ();
      g_autofree char *body = g_strdup_printf ("{\"base_version\": %u, \"note\": \"第%u次\"}",
                                               version, version);
      g_auto(XaTestReply) n = { 0 };
      JsonArray *notes;

      update (f, "elevator", "E1", note_key, body, &n);
      record = assert_applied (&n, "elevator", "E1", version + 1);
      notes = json_object_get_array_member (record, "notes");
      g_assert_cmpuint (json_array_get_length (notes), ==, MIN (version, 20));
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                         notes, json_array_get_length (notes) - 1), "version"), ==, version + 1);
    }
}

/* ---- Idempotency ------------------------------------------------------------------------- */

static void
test_same_key_applies_once (Fixture       *f,
                            gconstpointer  data)
{
  const char *body = "{\"base_version\": 1, \"renewal_status\": \"proposed\", "
                     "\"note\": \"申请评估\"}";
  g_autofree char *key = new_key ();
  g_autofree char *after_first = NULL;
  g_autofree char *after_second = NULL;
  g_autofree char *after_restart = NULL;
  g_auto(XaTestReply) first = { 0 };
  g_auto(XaTestReply) second = { 0 };
  g_auto(XaTestReply) third = { 0 };

  update (f, "elevator", "E1", key, body, &first);
  assert_applied (&first, "elevator", "E1", 2);
  after_first = feed_text (f);

  /* The answer was lost, say: the client sends the same change with the same key. */
  update (f, "elevator", "E1", key, body, &second);
  g_assert_cmpuint (second.status, ==, 200);
  g_assert_cmpstr (xa_test_reply_text (&second), ==, xa_test_reply_text (&first));
  after_second = feed_text (f);
  g_assert_cmpstr (after_second, ==, after_first);
  g_assert_cmpuint (feed_count (f, "elevator", "E1", 2, NULL), ==, 1);
  g_assert_cmpuint (feed_count (f, "elevator", "E1", 3, NULL), ==, 0);

  /* The server restarts on the same file: the key is not forgotten. */
  restart (f);
  update (f, "elevator", "E1", key, body, &third);
  g_assert_cmpuint (third.status, ==, 200);
  g_assert_cmpstr (xa_test_reply_text (&third), ==, xa_test_reply_text (&first));
  after_restart = feed_text (f);
  g_assert_cmpstr (after_restart, ==, after_first);

  /* The same key for another request is the client's mistake: refused, nothing stored. */
  {
    g_auto(XaTestReply) other = { 0 };

    update (f, "elevator", "E1", key,
            "{\"base_version\": 2, \"renewal_status\": \"planned\"}", &other);
    g_assert_cmpuint (other.status, ==, 422);
    g_assert_cmpstr (json_object_get_string_member (xa_test_reply_object (&other), "field"), ==,
                     "Idempotency-Key");
    assert_feed_is (f, after_first);
  }
}

/* A file written by the server before updates existed (schema 1, no table of answers) is
 * brought up to date when it is opened, and keeps its keys from then on. */
static void
test_old_file_keeps_keys (Fixture       *f,
                          gconstpointer  data)
{
  const char *body = "{\"base_version\": 1, \"funding_source\": \"owners\"}";
  g_autofree char *key = new_key ();
  g_autofree char *after_first = NULL;
  g_auto(XaTestReply) first = { 0 };
  g_auto(XaTestReply) again = { 0 };

  xa_test_server_stop (f->server, FALSE);
  xa_test_sqlite_exec (f->db, "DROP TABLE answers; PRAGMA user_version = 1");
  restart (f);

  update (f, "elevator", "E1", key, body, &first);
  assert_applied (&first, "elevator", "E1", 2);
  after_first = feed_text (f);
  restart (f);
  update (f, "elevator", "E1", key, body, &again);
  g_assert_cmpstr (xa_test_reply_text (&again), ==, xa_test_reply_text (&first));
  assert_feed_is (f, after_first);
}

/* Answers are kept for 90 days; a retry after that cannot apply twice either: its base
 * version was moved on by its own first delivery. */
static void
test_expired_key_never_applies_twice (Fixture       *f,
                                      gconstpointer  data)
{
  const char *body = "{\"base_version\": 1, \"renewal_status\": \"funded\"}";
  g_autofree char *key = new_key ();
  g_autofree char *other_key = new_key ();
  g_autofree char *before = NULL;
  g_auto(XaTestReply) first = { 0 };
  g_auto(XaTestReply) other = { 0 };
  g_auto(XaTestReply) late = { 0 };

  update (f, "elevator", "E1", key, body, &first);
  assert_applied (&first, "elevator", "E1", 2);
  xa_test_server_stop (f->server, FALSE);
  xa_test_sqlite_exec (f->db, "UPDATE answers SET created = created - 91 * 86400");
  restart (f);
  /* The next applied update forgets the old answer... */
  update (f, "problem", "P-open", other_key,
          "{\"base_version\": 1, \"status\": \"in_progress\", \"note\": \"签收\"}", &other);
  assert_applied (&other, "problem", "P-open", 2);
  before = feed_text (f);
  /* ... and the late retry is a conflict, not a second change. */
  update (f, "elevator", "E1", key, body, &late);
  g_assert_cmpuint (late.status, ==, 409);
  assert_feed_is (f, before);
}

/* ---- Conflicts --------------------------------------------------------------------------- */

static void
test_stale_base_409 (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *key = new_key ();
  g_autofree char *key2 = new_key ();
  g_autofree char *before = NULL;
  g_autoptr(JsonNode) feed = NULL;
  g_auto(XaTestReply) mine = { 0 };
  g_auto(XaTestReply) theirs = { 0 };
  JsonObject *problem;
  JsonObject *current;
  JsonArray *changes;
  JsonObject *last;

  /* Another client got there first. */
  update (f, "problem", "P-in_progress", key,
          "{\"base_version\": 1, \"status\": \"resolved\", \"note\": \"已处理\"}", &theirs);
  assert_applied (&theirs, "problem", "P-in_progress", 2);
  before = feed_text (f);

  update (f, "problem", "P-in_progress", key2,
          "{\"base_version\": 1, \"status\": \"in_progress\", \"note\": \"转交\", "
          "\"responsible_party\": \"社区居委会\"}", &mine);
  g_test_message ("%s", xa_test_reply_text (&mine));
  g_assert_cmpuint (mine.status, ==, 409);
  g_assert_cmpstr (xa_test_reply_content_type (&mine), ==, "application/problem+json");
  problem = xa_test_reply_object (&mine);
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, 409);
  current = json_object_get_object_member (problem, "current");
  g_assert_nonnull (current);
  g_assert_cmpstr (json_object_get_string_member (current, "type"), ==, "problem");
  g_assert_cmpstr (json_object_get_string_member (current, "id"), ==, "P-in_progress");
  g_assert_cmpint (json_object_get_int_member (current, "version"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (current, "data"),
                                                  "status"), ==, "resolved");
  /* The current record is the feed's, field for field. */
  feed = json_from_string (before, NULL);
  changes = json_object_get_array_member (json_node_get_object (feed), "changes");
  last = json_array_get_object_element (changes, json_array_get_length (changes) - 1);
  g_assert_true (json_node_equal (json_object_get_member (last, "data"),
                                  json_object_get_member (current, "data")));
  assert_feed_is (f, before);

  /* A base from the future is as stale. */
  assert_refused (f, "problem", "P-in_progress",
                  "{\"base_version\": 9, \"status\": \"resolved\", \"note\": \"x\"}", 409, NULL);
}

/* ---- The flow ---------------------------------------------------------------------------- */

static void
test_forbidden_transitions_422 (Fixture       *f,
                                gconstpointer  data)
{
  /* Every pair the flow does not allow: anything from closed, and the ways back. */
  const struct
  {
    const char *from;
    const char *to;
  } forbidden[] = {
    { "open", "closed" },
    { "in_progress", "open" },
    { "in_progress", "closed" },
    { "resolved", "open" },
    { "closed", "open" },
    { "closed", "in_progress" },
    { "closed", "resolved" },
    { "closed", "closed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      g_autofree char *id = g_strdup_printf ("P-%s", forbidden[i].from);
      g_autofree char *body = g_strdup_printf ("{\"base_version\": 1, \"status\": \"%s\", "
                                               "\"note\": \"试一下\"}", forbidden[i].to);

      assert_refused (f, "problem", id, body, 422, "status");
    }
  /* Closed is final: not even the tier of a closed problem changes. */
  assert_refused (f, "problem", "P-closed",
                  "{\"base_version\": 1, \"status\": \"closed\", \"note\": \"升级\", "
                  "\"tier\": \"city\"}", 422, "status");
}

static void
test_allowed_transitions (Fixture       *f,
                          gconstpointer  data)
{
  const struct
  {
    const char *from;
    const char *to;
  } allowed[] = {
    { "open", "in_progress" },
    { "in_progress", "resolved" },
    { "resolved", "closed" },
  };
  g_auto(XaTestReply) spot = { 0 };
  g_autofree char *spot_key = new_key ();

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autofree char *key = new_key ();
      g_autofree char *body = g_strdup_printf ("{\"base_version\": %u, \"status\": \"%s\", "
                                               "\"note\": \"下一步\"}", i + 1, allowed[i].to);
      g_auto(XaTestReply) a = { 0 };
      JsonObject *record;

      update (f, "problem", "P-open", key, body, &a);
      record = assert_applied (&a, "problem", "P-open", i + 2);
      g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, allowed[i].to);
    }
  /* open → resolved, settled on the spot. */
  update (f, "problem", "P-in_progress", spot_key,
          "{\"base_version\": 1, \"status\": \"resolved\", \"note\": \"现场解决\"}", &spot);
  assert_applied (&spot, "problem", "P-in_progress", 2);
}

/* ---- Invalid values ---------------------------------------------------------------------- */

static void
test_invalid_values_422 (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *long_note = NULL;
  g_autofree char *long_body = NULL;
  const struct
  {
    const char *type;
    const char *id;
    const char *body;
    const char *field;
  } cases[] = {
    { "elevator", "E1", "{\"base_version\": 1, \"planned_year\": 1999}", "planned_year" },
    { "elevator", "E1", "{\"base_version\": 1, \"planned_year\": 2101}", "planned_year" },
    { "elevator", "E1", "{\"base_version\": 1, \"planned_year\": \"2027\"}", "planned_year" },
    { "elevator", "E1", "{\"base_version\": 1, \"planned_year\": 2027.5}", "planned_year" },
    { "elevator", "E1", "{\"base_version\": 1, \"renewal_status\": \"soon\"}", "renewal_status" },
    { "elevator", "E1", "{\"base_version\": 1, \"renewal_status\": 3}", "renewal_status" },
    { "elevator", "E1", "{\"base_version\": 1, \"renewal_status\": null}", "renewal_status" },
    { "elevator", "E1", "{\"base_version\": 1, \"funding_source\": \"lottery\"}",
      "funding_source" },
    { "elevator", "E1", "{\"base_version\": 1, \"note\": [\"a\"]}", "note" },
    { "elevator", "E1", "{\"base_version\": 1, \"maker\": \"奥的斯\"}", "maker" },
    { "elevator", "E1", "{\"renewal_status\": \"planned\"}", "base_version" },
    { "elevator", "E1", "{\"base_version\": \"1\", \"renewal_status\": \"planned\"}",
      "base_version" },
    { "problem", "P-open", "{\"base_version\": 1, \"status\": \"pending\", \"note\": \"x\"}",
      "status" },
    { "problem", "P-open", "{\"base_version\": 1, \"note\": \"x\"}", "status" },
    { "problem", "P-open", "{\"base_version\": 1, \"status\": true, \"note\": \"x\"}", "status" },
    { "problem", "P-open", "{\"base_version\": 1, \"status\": \"in_progress\"}", "note" },
    { "problem", "P-open", "{\"base_version\": 1, \"status\": \"in_progress\", \"note\": \"x\", "
      "\"tier\": \"province\"}", "tier" },
    { "problem", "P-open", "{\"base_version\": 1, \"status\": \"in_progress\", \"note\": \"x\", "
      "\"deadline\": \"next week\"}", "deadline" },
    { "problem", "P-open", "{\"base_version\": 1, \"status\": \"in_progress\", \"note\": \"x\", "
      "\"responsible_party\": \"  \"}", "responsible_party" },
    { "problem", "P-open", "{\"base_version\": 1, \"status\": \"in_progress\", \"note\": \"x\", "
      "\"resolution_note\": 5}", "resolution_note" },
    { "problem", "P-open", "{\"base_version\": 1, \"status\": \"in_progress\", "
      "\"note\": \"a\\u0000b\"}", "note" },
    { "problem", "P-open", "{\"base_version\": 1, \"status\": \"in_progress\", \"note\": \"x\", "
      "\"compound\": \"C2\"}", "compound" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (f, cases[i].type, cases[i].id, cases[i].body, 422, cases[i].field);

  long_note = g_strnfill (2001, 'x');
  long_body = g_strdup_printf ("{\"base_version\": 1, \"status\": \"open\", \"note\": \"%s\"}",
                               long_note);
  assert_refused (f, "problem", "P-open", long_body, 422, "note");

  /* An elevator update that changes nothing, without a note, is no update. */
  assert_refused (f, "elevator", "E1", "{\"base_version\": 1}", 422, NULL);
  assert_refused (f, "elevator", "E1", "{\"base_version\": 1, \"renewal_status\": \"none\"}",
                  422, NULL);
}

/* ---- The other refusals ------------------------------------------------------------------ */

static void
test_other_refusals (Fixture       *f,
                     gconstpointer  data)
{
  const char *good = "{\"base_version\": 1, \"renewal_status\": \"planned\"}";
  const char * const malformed[] = {
    "", "{", "{\"base_version\": 1,}", "[1]", "\"text\"",
    "{\"base_version\": 1, \"base_version\": 2}", "{\"base_version\": 1e400}",
    "{\"base_version\": 1, \"note\": \"\\ud800\"}",
  };
  g_autofree char *before = feed_text (f);
  g_autofree char *key = new_key ();

  /* 401: no token, a wrong one. */
  {
    g_auto(XaTestReply) none = { 0 };
    g_auto(XaTestReply) wrong = { 0 };

    request (f, "POST", "/api/v1/elevators/E1/updates", NULL, key, good, &none);
    g_assert_cmpuint (none.status, ==, 401);
    g_assert_cmpstr (xa_test_reply_content_type (&none), ==, "application/problem+json");
    request (f, "POST", "/api/v1/problems/P-open/updates", "not-the-token", key,
             "{\"base_version\": 1, \"status\": \"in_progress\", \"note\": \"x\"}", &wrong);
    g_assert_cmpuint (wrong.status, ==, 401);
  }
  /* 404: no such record, an id no record can have, a path that is no update. */
  assert_refused (f, "elevator", "E404", good, 404, NULL);
  assert_refused (f, "problem", "P-none",
                  "{\"base_version\": 1, \"status\": \"in_progress\", \"note\": \"x\"}", 404, NULL);
  assert_refused (f, "elevator", "E%21", good, 404, NULL);
  assert_refused (f, "elevator", "P-open", good, 404, NULL);   /* a problem's id */
  {
    g_auto(XaTestReply) a = { 0 };

    request (f, "POST", "/api/v1/compounds/C1/updates", f->server->token, key, good, &a);
    g_assert_cmpuint (a.status, ==, 404);
  }
  /* 400: not JSON, not an object. */
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    assert_refused (f, "elevator", "E1", malformed[i], 400, NULL);
  /* 400: without an Idempotency-Key, or with one that is no key. */
  {
    g_auto(XaTestReply) a = { 0 };
    g_auto(XaTestReply) b = { 0 };
    g_autofree char *long_key = g_strnfill (256, 'k');

    update (f, "elevator", "E1", NULL, good, &a);
    g_assert_cmpuint (a.status, ==, 400);
    g_assert_cmpstr (json_object_get_string_member (xa_test_reply_object (&a), "field"), ==,
                     "Idempotency-Key");
    update (f, "elevator", "E1", long_key, good, &b);
    g_assert_cmpuint (b.status, ==, 400);
  }
  /* 405: an update path only takes POST. */
  {
    g_auto(XaTestReply) a = { 0 };

    request (f, "GET", "/api/v1/elevators/E1/updates", f->server->token, NULL, NULL, &a);
    g_assert_cmpuint (a.status, ==, 405);
  }
  assert_feed_is (f, before);

  /* And then the good request still applies. */
  {
    g_auto(XaTestReply) a = { 0 };
    g_autofree char *fresh = new_key ();

    update (f, "elevator", "E1", fresh, good, &a);
    assert_applied (&a, "elevator", "E1", 2);
  }
}

/* ---- Early refusals ---------------------------------------------------------------------- */

/* Sends @head (request line and headers) and @body (may be NULL), never more; returns the
 * status the server answers with, which must come without the rest of the body. */
static guint
answered_from_headers (Fixture    *f,
                       const char *head,
                       const char *body)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = g_strdup (f->server->base_url + strlen ("http://"));
  struct pollfd p = { .events = POLLIN };
  char buffer[1024] = { 0 };
  GSocket *socket;
  guint status = 0;

  connection = g_socket_client_connect_to_host (client, host, 0, NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);
  g_assert_cmpint (g_socket_send (socket, head, strlen (head), NULL, &error), ==, strlen (head));
  for (gsize sent = 0; body != NULL && sent < strlen (body); )
    {
      gssize n = g_socket_send (socket, body + sent, strlen (body) - sent, NULL, &error);

      g_assert_no_error (error);
      sent += n;
    }
  p.fd = g_socket_get_fd (socket);
  g_assert_cmpint (poll (&p, 1, 10000), ==, 1);
  g_assert_cmpint (recv (p.fd, buffer, sizeof buffer - 1, 0), >, 12);
  g_assert_true (g_str_has_prefix (buffer, "HTTP/1.1 "));
  status = (guint) g_ascii_strtoull (buffer + 9, NULL, 10);
  return status;
}

static void
test_early_refusals (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *before = feed_text (f);
  g_autofree char *no_token = g_strdup_printf (
    "POST /api/v1/elevators/E1/updates HTTP/1.1\r\nHost: x\r\nIdempotency-Key: k1\r\n"
    "Content-Type: application/json\r\nContent-Length: 300000000\r\n\r\n");
  g_autofree char *too_big = g_strdup_printf (
    "POST /api/v1/problems/P-open/updates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
    "Idempotency-Key: k2\r\nContent-Type: application/json\r\nContent-Length: 70000\r\n\r\n",
    f->server->token);
  g_autofree char *two_keys = g_strdup_printf (
    "POST /api/v1/elevators/E1/updates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
    "Idempotency-Key: k3\r\nIdempotency-Key: k4\r\nContent-Length: 40\r\n\r\n", f->server->token);
  g_autofree char *chunked = g_strdup_printf (
    "POST /api/v1/elevators/E1/updates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
    "Idempotency-Key: k5\r\nTransfer-Encoding: chunked\r\n\r\n", f->server->token);
  g_autofree char *big_note = g_strnfill (70 * 1024, 'x');
  g_autofree char *big_body = g_strdup_printf ("{\"base_version\": 1, \"note\": \"%s\"}", big_note);
  g_autofree char *big_chunk = g_strdup_printf ("%zx\r\n%s\r\n", strlen (big_body), big_body);
  g_autofree char *key = new_key ();
  g_auto(XaTestReply) whole = { 0 };

  g_assert_cmpuint (answered_from_headers (f, no_token, NULL), ==, 401);
  g_assert_cmpuint (answered_from_headers (f, too_big, NULL), ==, 413);
  g_assert_cmpuint (answered_from_headers (f, two_keys, NULL), ==, 400);
  /* A chunked body is cut off once it passes 64 KiB, before its end. */
  g_assert_cmpuint (answered_from_headers (f, chunked, big_chunk), ==, 413);
  /* And a body past 64 KiB from an ordinary client is refused as well. */
  update (f, "elevator", "E1", key, big_body, &whole);
  g_assert_cmpuint (whole.status, ==, 413);
  assert_feed_is (f, before);
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

#define ADD(name, fn) \
  g_test_add ("/server-updates/" name, Fixture, NULL, fixture_set_up, fn, \
              xa_test_server_fixture_tear_down)
  ADD ("applied-once-in-feed", test_applied_once_in_feed);
  ADD ("elevator-applied", test_elevator_applied);
  ADD ("same-key-applies-once", test_same_key_applies_once);
  ADD ("old-file-keeps-keys", test_old_file_keeps_keys);
  ADD ("expired-key-never-applies-twice", test_expired_key_never_applies_twice);
  ADD ("stale-base-409", test_stale_base_409);
  ADD ("forbidden-transitions-422", test_forbidden_transitions_422);
  ADD ("allowed-transitions", test_allowed_transitions);
  ADD ("invalid-values-422", test_invalid_values_422);
  ADD ("other-refusals", test_other_refusals);
  ADD ("early-refusals", test_early_refusals);
#undef ADD

  return g_test_run ();
}
