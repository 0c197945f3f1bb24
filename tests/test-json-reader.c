/* test-json-reader.c — the JSON reader that every page of the feed goes through: values
 * and strings come out right (escapes, surrogate pairs, UTF-8, int64 limits), and every kind
 * of malformed text fails with its own error code and the byte where reading stopped. */
#include "config.h"

#include <string.h>

#include "xa-json-reader.h"
#include "xa-test-util.h"

static XaJsonDocument *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  XaJsonDocument *document = xa_json_document_new (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static void
test_scalars (void)
{
  static const struct
  {
    const char *text;
    XaJsonKind  kind;
    gint64      integer;
    double      number;
  } cases[] = {
    { "0", XA_JSON_INTEGER, 0, 0 },
    { "-0", XA_JSON_INTEGER, 0, 0 },
    { " 42 ", XA_JSON_INTEGER, 42, 42 },
    { "9223372036854775807", XA_JSON_INTEGER, G_MAXINT64, 0 },
    { "-9223372036854775808", XA_JSON_INTEGER, G_MININT64, 0 },
    /* Past int64 a number is still a number, only no longer an exact integer. */
    { "9223372036854775808", XA_JSON_DOUBLE, 0, 9223372036854775808.0 },
    { "-9223372036854775809", XA_JSON_DOUBLE, 0, -9223372036854775808.0 },
    { "123456789012345678901234567890", XA_JSON_DOUBLE, 0, 1.2345678901234568e29 },
    { "1.5", XA_JSON_DOUBLE, 0, 1.5 },
    { "-2.5e-3", XA_JSON_DOUBLE, 0, -0.0025 },
    { "1E10", XA_JSON_DOUBLE, 0, 1e10 },
    { "1e+2", XA_JSON_DOUBLE, 0, 100 },
    { "0.1", XA_JSON_DOUBLE, 0, 0.1 },
    { "1e-400", XA_JSON_DOUBLE, 0, 0 },   /* underflow to zero is no error */
    { "118.351", XA_JSON_DOUBLE, 0, 118.351 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(XaJsonDocument) document = parse_ok (cases[i].text);
      const XaJsonNode *root = xa_json_document_get_root (document);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (xa_json_node_get_kind (root), ==, cases[i].kind);
      if (cases[i].kind == XA_JSON_INTEGER)
        {
          g_assert_cmpint (xa_json_node_get_int (root), ==, cases[i].integer);
          g_assert_cmpfloat (xa_json_node_get_double (root), ==, (double) cases[i].integer);
        }
      else
        g_assert_cmpfloat (xa_json_node_get_double (root), ==, cases[i].number);
    }

  {
    g_autoptr(XaJsonDocument) t = parse_ok ("true");
    g_autoptr(XaJsonDocument) f = parse_ok ("\tfalse\r\n");
    g_autoptr(XaJsonDocument) n = parse_ok ("null");

    g_assert_cmpint (xa_json_node_get_kind (xa_json_document_get_root (t)), ==, XA_JSON_BOOLEAN);
    g_assert_true (xa_json_node_get_boolean (xa_json_document_get_root (t)));
    g_assert_false (xa_json_node_get_boolean (xa_json_document_get_root (f)));
    g_assert_cmpint (xa_json_node_get_kind (xa_json_document_get_root (n)), ==, XA_JSON_NULL);
    g_assert_null (xa_json_node_get_string (xa_json_document_get_root (n), NULL));
  }
}

static void
test_strings (void)
{
  static const struct
  {
    const char *text;
    const char *expected;
    gsize       length;
  } cases[] = {
    { "\"\"", "", 0 },
    { "\"plain\"", "plain", 5 },
    { "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t", 8 },
    { "\"caf\\u00e9\"", "café", 5 },
    { "\"\\u4e2d\\u6587\"", "中文", 6 },
    { "\"\\uD83D\\uDE00 ok\"", "😀 ok", 7 },              /* a surrogate pair, upper case */
    { "\"\\ud83c\\udfe0\"", "🏠", 4 },
    { "\"沂河花园 188号\"", "沂河花园 188号", 19 },         /* raw UTF-8 passes unchanged */
    { "\"\xf0\x9f\x98\x80\"", "😀", 4 },
    { "\"a\\u0000b\"", "a", 3 },                           /* NUL kept, length tells */
    { "\"\\u007f\\u0080\\u07ff\\u0800\\uffff\"",
      "\x7f\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf", 11 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(XaJsonDocument) document = parse_ok (cases[i].text);
      const XaJsonNode *root = xa_json_document_get_root (document);
      gsize length = 0;
      const char *value;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (xa_json_node_get_kind (root), ==, XA_JSON_STRING);
      value = xa_json_node_get_string (root, &length);
      g_assert_cmpuint (length, ==, cases[i].length);
      g_assert_cmpstr (value, ==, cases[i].expected);
      g_assert_cmpint (value[length], ==, '\0');
    }

  /* Decoding in place must not disturb the values that follow a shrinking string. */
  {
    g_autoptr(XaJsonDocument) document =
      parse_ok ("[\"a\\nb\\u00e9\", \"\\ud83d\\ude00\", \"next\", 7]");
    const XaJsonNode *node = xa_json_node_first_child (xa_json_document_get_root (document));

    g_assert_cmpstr (xa_json_node_get_string (node, NULL), ==, "a\nbé");
    node = xa_json_node_next (node);
    g_assert_cmpstr (xa_json_node_get_string (node, NULL), ==, "😀");
    node = xa_json_node_next (node);
    g_assert_cmpstr (xa_json_node_get_string (node, NULL), ==, "next");
    node = xa_json_node_next (node);
    g_assert_cmpint (xa_json_node_get_int (node), ==, 7);
    g_assert_null (xa_json_node_next (node));
  }
}

static void
test_containers (void)
{
  g_autoptr(XaJsonDocument) document = parse_ok (
    " { \"cursor\" : \"c1\", \"more\": true, \"empty\": {}, \"none\": [],\n"
    "   \"changes\": [ {\"seq\": 1, \"data\": {\"boundary\": [[118.3, 35.0], [1, 2]]}},\n"
    "                  {\"seq\": 2, \"data\": null} ], \"z\": -1 } ");
  const XaJsonNode *root = xa_json_document_get_root (document);
  const XaJsonNode *changes, *change, *data, *ring, *point, *member;
  guint n = 0;

  g_assert_cmpint (xa_json_node_get_kind (root), ==, XA_JSON_OBJECT);
  g_assert_cmpuint (xa_json_node_get_size (root), ==, 6);
  g_assert_cmpstr (xa_json_node_get_string (xa_json_object_get_member (root, "cursor", NULL), NULL),
                   ==, "c1");
  g_assert_true (xa_json_node_get_boolean (xa_json_object_get_member (root, "more", NULL)));
  g_assert_cmpuint (xa_json_node_get_size (xa_json_object_get_member (root, "empty", NULL)), ==, 0);
  g_assert_null (xa_json_node_first_child (xa_json_object_get_member (root, "none", NULL)));
  g_assert_null (xa_json_object_get_member (root, "missing", NULL));
  g_assert_null (xa_json_object_get_member (xa_json_object_get_member (root, "empty", NULL), "x",
                                            NULL));
  g_assert_cmpint (xa_json_node_get_int (xa_json_object_get_member (root, "z", NULL)), ==, -1);

  /* Every hint finds every member: the search wraps around. */
  for (member = xa_json_node_first_child (root); member != NULL;
       member = xa_json_node_next (member))
    {
      for (const XaJsonNode *other = xa_json_node_first_child (root); other != NULL;
           other = xa_json_node_next (other))
        g_assert_true (xa_json_object_get_member (root, xa_json_node_get_name (other), member)
                       == other);
      n++;
    }
  g_assert_cmpuint (n, ==, 6);

  changes = xa_json_object_get_member (root, "changes", NULL);
  g_assert_cmpuint (xa_json_node_get_size (changes), ==, 2);
  change = xa_json_node_first_child (changes);
  g_assert_null (xa_json_node_get_name (change));
  g_assert_cmpint (xa_json_node_get_int (xa_json_object_get_member (change, "seq", NULL)), ==, 1);
  data = xa_json_object_get_member (change, "data", NULL);
  ring = xa_json_object_get_member (data, "boundary", NULL);
  g_assert_cmpuint (xa_json_node_get_size (ring), ==, 2);
  point = xa_json_node_first_child (ring);
  g_assert_cmpfloat (xa_json_node_get_double (xa_json_node_first_child (point)), ==, 118.3);
  point = xa_json_node_next (point);
  g_assert_cmpfloat (xa_json_node_get_double (xa_json_node_next (xa_json_node_first_child (point))),
                     ==, 2);
  change = xa_json_node_next (change);
  g_assert_cmpint (xa_json_node_get_int (xa_json_object_get_member (change, "seq", NULL)), ==, 2);
  g_assert_cmpint (xa_json_node_get_kind (xa_json_object_get_member (change, "data", NULL)), ==,
                   XA_JSON_NULL);
  g_assert_null (xa_json_node_next (change));
}

typedef struct
{
  const char *text;
  gssize      length;     /* -1: NUL-terminated */
  XaJsonError code;
  gssize      offset;     /* the byte the message must name; -1: not checked */
} BadCase;

static void
check_bad (const BadCase *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XaJsonDocument) document = xa_json_document_new (c->text, c->length, &error);
  g_autofree char *shown = g_strescape (c->text, NULL);

  /* Escaped: the case's invalid UTF-8 would break the TAP stream meson reads. */
  g_test_message ("%s → %s", shown, error ? error->message : "(no error)");
  g_assert_null (document);
  g_assert_error (error, XA_JSON_ERROR, (int) c->code);
  if (c->offset >= 0)
    {
      g_autofree char *where = g_strdup_printf ("at byte %" G_GSSIZE_FORMAT, c->offset);
      g_assert_nonnull (strstr (error->message, where));
    }
}

static void
test_malformed (void)
{
  static const BadCase cases[] = {
    { "", -1, XA_JSON_ERROR_TRUNCATED, 0 },
    { "   \n", -1, XA_JSON_ERROR_TRUNCATED, 4 },
    { "{", -1, XA_JSON_ERROR_TRUNCATED, 1 },
    { "[1, 2", -1, XA_JSON_ERROR_TRUNCATED, 5 },
    { "{\"a\": ", -1, XA_JSON_ERROR_TRUNCATED, 6 },
    { "{\"a\"", -1, XA_JSON_ERROR_TRUNCATED, 4 },
    { "\"abc", -1, XA_JSON_ERROR_TRUNCATED, 4 },
    { "\"abc\\", -1, XA_JSON_ERROR_TRUNCATED, 5 },
    { "\"\\u12", -1, XA_JSON_ERROR_TRUNCATED, 5 },
    { "\"\\ud83d", -1, XA_JSON_ERROR_TRUNCATED, 7 },
    { "tru", -1, XA_JSON_ERROR_TRUNCATED, 3 },
    { "nul", -1, XA_JSON_ERROR_TRUNCATED, 3 },
    { "-", -1, XA_JSON_ERROR_TRUNCATED, 1 },
    { "1.", -1, XA_JSON_ERROR_TRUNCATED, 2 },
    { "1e", -1, XA_JSON_ERROR_TRUNCATED, 2 },
    { "\"\xe4\xb8", -1, XA_JSON_ERROR_TRUNCATED, 3 },
    { "{\"a\": 1,}", -1, XA_JSON_ERROR_SYNTAX, 8 },
    { "[1,]", -1, XA_JSON_ERROR_SYNTAX, 3 },
    { "[1 2]", -1, XA_JSON_ERROR_SYNTAX, 3 },
    { "{1: 2}", -1, XA_JSON_ERROR_SYNTAX, 1 },
    { "{'a': 1}", -1, XA_JSON_ERROR_SYNTAX, 1 },
    { "{\"a\" 1}", -1, XA_JSON_ERROR_SYNTAX, 5 },
    { "[.5]", -1, XA_JSON_ERROR_SYNTAX, 1 },
    { "[+1]", -1, XA_JSON_ERROR_SYNTAX, 1 },
    { "trux", -1, XA_JSON_ERROR_SYNTAX, 3 },
    { "True", -1, XA_JSON_ERROR_SYNTAX, 0 },
    { "NaN", -1, XA_JSON_ERROR_SYNTAX, 0 },
    { "<html>", -1, XA_JSON_ERROR_SYNTAX, 0 },
    { "\xef\xbb\xbf{}", -1, XA_JSON_ERROR_SYNTAX, 0 },      /* no byte order mark */
    { "[1,\0 2]", 7, XA_JSON_ERROR_SYNTAX, 3 },
    { "[01]", -1, XA_JSON_ERROR_BAD_NUMBER, 2 },
    { "[-01]", -1, XA_JSON_ERROR_BAD_NUMBER, 3 },
    { "[1.]", -1, XA_JSON_ERROR_BAD_NUMBER, 3 },
    { "[1.e5]", -1, XA_JSON_ERROR_BAD_NUMBER, 3 },
    { "[-]", -1, XA_JSON_ERROR_BAD_NUMBER, 2 },
    { "[- 1]", -1, XA_JSON_ERROR_BAD_NUMBER, 2 },
    { "[1e]", -1, XA_JSON_ERROR_BAD_NUMBER, 3 },
    { "[1e+]", -1, XA_JSON_ERROR_BAD_NUMBER, 4 },
    { "1e999", -1, XA_JSON_ERROR_BAD_NUMBER, 0 },
    { "-1e999", -1, XA_JSON_ERROR_BAD_NUMBER, 0 },
    { "\"\\x\"", -1, XA_JSON_ERROR_BAD_STRING, 2 },
    { "\"\\u12G4\"", -1, XA_JSON_ERROR_BAD_STRING, 5 },
    { "\"\\ud800\"", -1, XA_JSON_ERROR_BAD_STRING, 7 },
    { "\"\\udc00\"", -1, XA_JSON_ERROR_BAD_STRING, 1 },
    { "\"\\ud800\\u0041\"", -1, XA_JSON_ERROR_BAD_STRING, 7 },
    { "\"\\ud800\\ud800\"", -1, XA_JSON_ERROR_BAD_STRING, 7 },
    { "\"a\nb\"", -1, XA_JSON_ERROR_BAD_STRING, 2 },
    { "\"tab\there\"", -1, XA_JSON_ERROR_BAD_STRING, 4 },
    { "\"\xff\"", -1, XA_JSON_ERROR_BAD_UTF8, 1 },
    { "\"\x80\"", -1, XA_JSON_ERROR_BAD_UTF8, 1 },
    { "\"\xc0\xaf\"", -1, XA_JSON_ERROR_BAD_UTF8, 1 },           /* overlong "/" */
    { "\"\xe0\x80\xaf\"", -1, XA_JSON_ERROR_BAD_UTF8, 1 },       /* overlong, three bytes */
    { "\"\xed\xa0\x80\"", -1, XA_JSON_ERROR_BAD_UTF8, 1 },       /* a surrogate as UTF-8 */
    { "\"\xf4\x90\x80\x80\"", -1, XA_JSON_ERROR_BAD_UTF8, 1 },   /* past U+10FFFF */
    { "\"\xe4\xb8\x41\"", -1, XA_JSON_ERROR_BAD_UTF8, 1 },       /* a continuation missing */
    { "{} x", -1, XA_JSON_ERROR_TRAILING, 3 },
    { "[1] [2]", -1, XA_JSON_ERROR_TRAILING, 4 },
    { "{\"a\": 1}}", -1, XA_JSON_ERROR_TRAILING, 8 },
    { "{\"a\": 1, \"b\": 2, \"a\": 3}", -1, XA_JSON_ERROR_DUPLICATE_MEMBER, 23 },
    { "{\"d\": {\"x\": 1, \"x\": 1}}", -1, XA_JSON_ERROR_DUPLICATE_MEMBER, 21 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_bad (&cases[i]);
}

static void
test_duplicates_in_large_objects (void)
{
  g_autoptr(GString) text = g_string_new ("{");
  g_autoptr(XaJsonDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  const XaJsonNode *root;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "%s\"member%u\": %u", i ? ", " : "", i, i);
  g_string_append (text, "}");
  document = parse_ok (text->str);
  root = xa_json_document_get_root (document);
  g_assert_cmpuint (xa_json_node_get_size (root), ==, 200);
  g_assert_cmpint (xa_json_node_get_int (xa_json_object_get_member (root, "member150", NULL)), ==,
                   150);
  g_clear_pointer (&document, xa_json_document_free);

  g_string_insert (text, text->len - 1, ", \"member77\": 0");
  document = xa_json_document_new (text->str, -1, &error);
  g_assert_null (document);
  g_assert_error (error, XA_JSON_ERROR, XA_JSON_ERROR_DUPLICATE_MEMBER);
  g_assert_nonnull (strstr (error->message, "member77"));
}

static void
test_depth (void)
{
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(XaJsonDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < XA_JSON_MAX_DEPTH; i++)
    g_string_append (ok, i % 2 ? "{\"a\":" : "[");
  g_string_append (ok, "1");
  for (guint i = XA_JSON_MAX_DEPTH; i-- > 0;)
    g_string_append (ok, i % 2 ? "}" : "]");
  document = parse_ok (ok->str);

  /* Far past the limit: refused early, without recursing down the whole way. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (xa_json_document_new (deep->str, -1, &error));
  g_assert_error (error, XA_JSON_ERROR, XA_JSON_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "at byte 64"));
}

/* Every proper prefix of a page is a page cut short: never accepted, never read past. */
static void
test_every_prefix_fails (void)
{
  static const char page[] =
    "{\"cursor\":\"djEuZXBvY2g\",\"more\":true,\"changes\":[{\"seq\":1,\"type\":\"compound\","
    "\"id\":\"C0001\",\"version\":2,\"deleted\":false,"
    "\"data\":{\"name\":\"沂河花园\\u00e9\\ud83d\\ude00\","
    "\"lat\":35.05,\"lon\":-1.5e2,\"n\":[1,2,3],\"ok\":true,\"none\":null}}]}";
  gsize length = strlen (page);

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      /* An exact-size copy, so ASan sees any read past the end. */
      char *copy = g_memdup2 (page, cut);
      g_autoptr(XaJsonDocument) document = xa_json_document_new_take (copy, cut, &error);

      g_assert_null (document);
      g_assert_error (error, XA_JSON_ERROR, XA_JSON_ERROR_TRUNCATED);
    }
  {
    g_autoptr(XaJsonDocument) document = parse_ok (page);
    g_assert_nonnull (document);
  }
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  g_test_add_func ("/json-reader/scalars", test_scalars);
  g_test_add_func ("/json-reader/strings", test_strings);
  g_test_add_func ("/json-reader/containers", test_containers);
  g_test_add_func ("/json-reader/malformed", test_malformed);
  g_test_add_func ("/json-reader/duplicates-in-large-objects", test_duplicates_in_large_objects);
  g_test_add_func ("/json-reader/depth", test_depth);
  g_test_add_func ("/json-reader/every-prefix-fails", test_every_prefix_fails);

  return g_test_run ();
}
