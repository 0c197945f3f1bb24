/* xa-json-reader.c — see xa-json-reader.h. A recursive-descent parser over the page's own
 * buffer that holds to RFC 8259 strictly: it is the first line of the client's validation,
 * so whatever it lets through must be JSON and nothing else. Every error names the byte
 * where reading stopped, because that is what lets a server operator find the fault. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xa-json-reader.h"
#include "xa-varargs.h"

G_DEFINE_QUARK (xa-json-error-quark, xa_json_error)

struct _XaJsonNode
{
  guint8      kind;
  guint32     key_len;
  guint32     key_hash;
  guint32     next;       /* nodes from this one to its next sibling; 0 for the last */
  guint32     size;       /* string bytes, elements or members */
  const char *key;        /* member name, NULL outside objects */
  union
  {
    gint64      integer;
    double      number;
    const char *string;
    gboolean    boolean;
  } value;
};

struct _XaJsonDocument
{
  char       *buffer;
  XaJsonNode *nodes;
};

typedef struct
{
  char       *buffer;
  gsize       length;
  gsize       pos;
  XaJsonNode *nodes;
  guint       n_nodes;
  guint       capacity;
  GError    **error;
  /* The containers being read, outermost first, so that a failure can say where it was:
   * each one's node, its children read so far, and the member name being read. */
  guint       n_open;
  guint       open[XA_JSON_MAX_DEPTH];
  guint       open_done[XA_JSON_MAX_DEPTH];
  const char *open_key[XA_JSON_MAX_DEPTH];
} Parser;

struct _XaJsonFailure
{
  GPtrArray *steps;     /* char*: "name" or "[n]", one per open container */
  GPtrArray *strings;   /* GHashTable* name → value of each open object's string members
                         * read before the failure; NULL for arrays */
};

static gboolean parse_value (Parser     *p,
                             guint       depth,
                             const char *key,
                             guint32     key_len);

G_GNUC_PRINTF (3, 4) static gboolean
fail_at (Parser      *p,
         XaJsonError  code,
         const char  *format,
         ...)
{
  g_autofree char *detail = XA_STRDUP_VARARGS (format);

  g_set_error (p->error, XA_JSON_ERROR, code, "%s at byte %" G_GSIZE_FORMAT, detail, p->pos);
  return FALSE;
}

static gboolean
fail_truncated (Parser *p)
{
  return fail_at (p, XA_JSON_ERROR_TRUNCATED,
                  "the text ends in the middle of a value (cut short?)");
}

static gboolean
fail_unexpected (Parser     *p,
                 const char *expected)
{
  guchar c = p->buffer[p->pos];

  if (c >= 0x20 && c < 0x7f)
    return fail_at (p, XA_JSON_ERROR_SYNTAX, "expected %s, found “%c”", expected, c);
  return fail_at (p, XA_JSON_ERROR_SYNTAX, "expected %s, found byte 0x%02x", expected, c);
}

static inline void
skip_space (Parser *p)
{
  while (p->pos < p->length)
    {
      char c = p->buffer[p->pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      p->pos++;
    }
}

static guint32
hash_name (const char *name,
           gsize       length)
{
  guint32 hash = 2166136261u;   /* FNV-1a: keys are short, and it needs no table */

  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar) name[i]) * 16777619u;
  return hash;
}

static guint
new_node (Parser     *p,
          XaJsonKind  kind,
          const char *key,
          guint32     key_len)
{
  XaJsonNode *node;

  if (p->n_nodes == p->capacity)
    {
      p->capacity = p->capacity * 2;
      p->nodes = g_renew (XaJsonNode, p->nodes, p->capacity);
    }
  node = &p->nodes[p->n_nodes];
  memset (node, 0, sizeof *node);
  node->kind = kind;
  node->key = key;
  node->key_len = key_len;
  node->key_hash = key != NULL ? hash_name (key, key_len) : 0;
  return p->n_nodes++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits after "\u" at p->pos. */
static gboolean
read_hex4 (Parser  *p,
           guint32 *out)
{
  guint32 value = 0;

  if (p->length - p->pos < 4)
    {
      p->pos = p->length;
      return fail_truncated (p);
    }
  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (p->buffer[p->pos + i]);

      if (digit < 0)
        {
          p->pos += i;
          return fail_at (p, XA_JSON_ERROR_BAD_STRING, "“\\u” needs four hex digits");
        }
      value = value << 4 | (guint32) digit;
    }
  p->pos += 4;
  *out = value;
  return TRUE;
}

static gsize
put_utf8 (char    *out,
          guint32  c)
{
  if (c < 0x80)
    {
      out[0] = (char) c;
      return 1;
    }
  if (c < 0x800)
    {
      out[0] = (char) (0xc0 | c >> 6);
      out[1] = (char) (0x80 | (c & 0x3f));
      return 2;
    }
  if (c < 0x10000)
    {
      out[0] = (char) (0xe0 | c >> 12);
      out[1] = (char) (0x80 | (c >> 6 & 0x3f));
      out[2] = (char) (0x80 | (c & 0x3f));
      return 3;
    }
  out[0] = (char) (0xf0 | c >> 18);
  out[1] = (char) (0x80 | (c >> 12 & 0x3f));
  out[2] = (char) (0x80 | (c >> 6 & 0x3f));
  out[3] = (char) (0x80 | (c & 0x3f));
  return 4;
}

/* The length of the well-formed UTF-8 sequence at p->pos (lead byte >= 0x80), or 0. Follows
 * the table of Unicode 15 §3.9: no overlong forms, no surrogates, nothing past U+10FFFF. */
static guint
utf8_sequence (Parser *p)
{
  const guchar *s = (const guchar *) p->buffer + p->pos;
  gsize left = p->length - p->pos;
  guchar lo = 0x80, hi = 0xbf;
  guint n;

  if (s[0] >= 0xc2 && s[0] <= 0xdf)
    n = 2;
  else if (s[0] >= 0xe0 && s[0] <= 0xef)
    {
      n = 3;
      if (s[0] == 0xe0)
        lo = 0xa0;
      else if (s[0] == 0xed)
        hi = 0x9f;
    }
  else if (s[0] >= 0xf0 && s[0] <= 0xf4)
    {
      n = 4;
      if (s[0] == 0xf0)
        lo = 0x90;
      else if (s[0] == 0xf4)
        hi = 0x8f;
    }
  else
    return 0;

  if (left < n)
    return 0;
  if (s[1] < lo || s[1] > hi)
    return 0;
  for (guint i = 2; i < n; i++)
    if (s[i] < 0x80 || s[i] > 0xbf)
      return 0;
  return n;
}

/* Reads the string whose opening quote is at p->pos, decoding it in place: escapes only
 * ever shrink, so the decoded bytes never overtake the ones still to be read. */
static gboolean
read_string (Parser      *p,
             const char **out,
             guint32     *out_len)
{
  char *start = p->buffer + p->pos + 1;
  char *w = start;

  p->pos++;
  for (;;)
    {
      guchar c;

      /* The common case: plain ASCII, nothing to decode. */
      while (p->pos < p->length)
        {
          c = (guchar) p->buffer[p->pos];
          if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80)
            break;
          *w++ = (char) c;
          p->pos++;
        }
      if (p->pos >= p->length)
        return fail_truncated (p);

      c = (guchar) p->buffer[p->pos];
      if (c == '"')
        {
          *w = '\0';   /* over the closing quote at the latest */
          p->pos++;
          if ((gsize) (w - start) > G_MAXUINT32)
            return fail_at (p, XA_JSON_ERROR_TOO_LARGE, "a string is too long");
          *out = start;
          *out_len = (guint32) (w - start);
          return TRUE;
        }
      if (c < 0x20)
        return fail_at (p, XA_JSON_ERROR_BAD_STRING,
                        "control character 0x%02x inside a string (write it as an escape)", c);
      if (c >= 0x80)
        {
          guint n = utf8_sequence (p);

          if (n == 0)
            {
              if (p->length - p->pos < 4 && c >= 0xc2 && c <= 0xf4)
                {
                  /* A sequence cut by the end of the text is a cut, not bad bytes. */
                  gsize i = 1;
                  while (p->pos + i < p->length && (p->buffer[p->pos + i] & 0xc0) == 0x80)
                    i++;
                  if (p->pos + i == p->length)
                    {
                      p->pos = p->length;
                      return fail_truncated (p);
                    }
                }
              return fail_at (p, XA_JSON_ERROR_BAD_UTF8, "invalid UTF-8 inside a string");
            }
          memmove (w, p->buffer + p->pos, n);
          w += n;
          p->pos += n;
          continue;
        }

      /* A backslash. */
      p->pos++;
      if (p->pos >= p->length)
        return fail_truncated (p);
      switch (p->buffer[p->pos])
        {
        case '"': *w++ = '"'; p->pos++; break;
        case '\\': *w++ = '\\'; p->pos++; break;
        case '/': *w++ = '/'; p->pos++; break;
        case 'b': *w++ = '\b'; p->pos++; break;
        case 'f': *w++ = '\f'; p->pos++; break;
        case 'n': *w++ = '\n'; p->pos++; break;
        case 'r': *w++ = '\r'; p->pos++; break;
        case 't': *w++ = '\t'; p->pos++; break;
        case 'u':
          {
            guint32 unit, low;

            p->pos++;
            if (!read_hex4 (p, &unit))
              return FALSE;
            if (unit >= 0xdc00 && unit <= 0xdfff)
              {
                p->pos -= 6;
                return fail_at (p, XA_JSON_ERROR_BAD_STRING,
                                "“\\u%04x” is the second half of a surrogate pair "
                                "without the first",
                                unit);
              }
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                if (p->pos < p->length && p->buffer[p->pos] == '\\' && p->pos + 1 == p->length)
                  p->pos++;
                if (p->pos >= p->length)
                  return fail_truncated (p);
                if (p->buffer[p->pos] != '\\' || p->buffer[p->pos + 1] != 'u')
                  return fail_at (p, XA_JSON_ERROR_BAD_STRING,
                                  "“\\u%04x” (first half of a surrogate pair) is not followed by "
                                  "the second half", unit);
                p->pos += 2;
                if (!read_hex4 (p, &low))
                  return FALSE;
                if (low < 0xdc00 || low > 0xdfff)
                  {
                    p->pos -= 6;
                    return fail_at (p, XA_JSON_ERROR_BAD_STRING,
                                    "“\\u%04x” does not complete the surrogate pair “\\u%04x”",
                                    low, unit);
                  }
                unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
              }
            w += put_utf8 (w, unit);
          }
          break;
        default:
          return fail_at (p, XA_JSON_ERROR_BAD_STRING, "unknown escape “\\%c”",
                          g_ascii_isprint (p->buffer[p->pos]) ? p->buffer[p->pos] : '?');
        }
    }
}

/* The digits of a fraction or an exponent: at least one, then all that follow. */
static gboolean
skip_digits (Parser     *p,
             gsize      *i,
             const char *missing)
{
  if (*i >= p->length)
    {
      p->pos = *i;
      return fail_truncated (p);
    }
  if (!g_ascii_isdigit (p->buffer[*i]))
    {
      p->pos = *i;
      return fail_at (p, XA_JSON_ERROR_BAD_NUMBER, "%s", missing);
    }
  while (*i < p->length && g_ascii_isdigit (p->buffer[*i]))
    (*i)++;
  return TRUE;
}

static gboolean
parse_number (Parser *p,
              guint   index)
{
  const char *s = p->buffer;
  gsize start = p->pos, i = p->pos;
  gboolean negative = FALSE, integral = TRUE, overflow = FALSE;
  guint64 magnitude = 0;
  XaJsonNode *node = &p->nodes[index];

  if (s[i] == '-')
    {
      negative = TRUE;
      i++;
    }
  if (i >= p->length)
    {
      p->pos = i;
      return fail_truncated (p);
    }
  if (s[i] == '0')
    {
      i++;
      if (i < p->length && g_ascii_isdigit (s[i]))
        {
          p->pos = i;
          return fail_at (p, XA_JSON_ERROR_BAD_NUMBER, "a number must not start with 0");
        }
    }
  else if (g_ascii_isdigit (s[i]))
    {
      for (; i < p->length && g_ascii_isdigit (s[i]); i++)
        {
          guint digit = (guint) (s[i] - '0');

          if (magnitude > (G_MAXUINT64 - digit) / 10)
            overflow = TRUE;
          else
            magnitude = magnitude * 10 + digit;
        }
    }
  else
    {
      p->pos = i;
      return fail_at (p, XA_JSON_ERROR_BAD_NUMBER, "a number needs a digit here");
    }

  if (i < p->length && s[i] == '.')
    {
      integral = FALSE;
      i++;
      if (!skip_digits (p, &i, "a number needs a digit after “.”"))
        return FALSE;
    }
  if (i < p->length && (s[i] == 'e' || s[i] == 'E'))
    {
      integral = FALSE;
      i++;
      if (i < p->length && (s[i] == '+' || s[i] == '-'))
        i++;
      if (!skip_digits (p, &i, "an exponent needs a digit"))
        return FALSE;
    }

  /* −2⁶³ is the one magnitude that fits only when negative. */
  if (integral && !overflow &&
      (negative ? magnitude <= (guint64) G_MAXINT64 + 1 : magnitude <= (guint64) G_MAXINT64))
    {
      node->kind = XA_JSON_INTEGER;
      node->value.integer = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
    }
  else
    {
      /* strtod needs a terminated copy: the byte after the number belongs to the text. */
      char small[64];
      g_autofree char *large = NULL;
      char *copy = small;
      gsize len = i - start;
      double value;

      if (len >= sizeof small)
        copy = large = g_malloc (len + 1);
      memcpy (copy, s + start, len);
      copy[len] = '\0';
      errno = 0;
      value = g_ascii_strtod (copy, NULL);
      if (errno == ERANGE && (value > 1.0 || value < -1.0))
        {
          p->pos = start;
          return fail_at (p, XA_JSON_ERROR_BAD_NUMBER, "a number too large for a double");
        }
      node->kind = XA_JSON_DOUBLE;
      node->value.number = value;
    }
  p->pos = i;
  return TRUE;
}

static gboolean
expect_word (Parser     *p,
             const char *word)
{
  gsize len = strlen (word);

  for (gsize i = 0; i < len; i++)
    {
      if (p->pos + i >= p->length)
        {
          p->pos = p->length;
          return fail_truncated (p);
        }
      if (p->buffer[p->pos + i] != word[i])
        {
          p->pos += i;
          return fail_at (p, XA_JSON_ERROR_SYNTAX, "expected “%s”", word);
        }
    }
  p->pos += len;
  return TRUE;
}

static int
compare_hash_index (gconstpointer a,
                    gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

static gboolean
same_name (const XaJsonNode *a,
           const XaJsonNode *b)
{
  return a->key_hash == b->key_hash && a->key_len == b->key_len &&
         memcmp (a->key, b->key, a->key_len) == 0;
}

static gboolean
fail_duplicate (Parser           *p,
                const XaJsonNode *member)
{
  return fail_at (p, XA_JSON_ERROR_DUPLICATE_MEMBER,
                  "the object that ends here names the member “%s” twice", member->key);
}

/* An object that names a member twice has no one meaning: reject it rather than guess
 * which of the two the server meant. */
static gboolean
check_duplicates (Parser *p,
                  guint   object)
{
  guint n = p->nodes[object].size;
  g_autofree guint *members = g_new (guint, n);
  guint i = 0;

  for (guint m = object + 1; i < n; m += p->nodes[m].next)
    members[i++] = m;

  if (n <= 16)
    {
      for (guint a = 1; a < n; a++)
        for (guint b = 0; b < a; b++)
          if (same_name (&p->nodes[members[a]], &p->nodes[members[b]]))
            return fail_duplicate (p, &p->nodes[members[a]]);
    }
  else
    {
      /* Sort (hash, index) pairs so only runs of one hash need comparing. */
      g_autofree guint64 *keys = g_new (guint64, n);

      for (guint k = 0; k < n; k++)
        keys[k] = (guint64) p->nodes[members[k]].key_hash << 32 | members[k];
      qsort (keys, n, sizeof *keys, compare_hash_index);
      for (guint k = 1; k < n; k++)
        for (guint j = k; j-- > 0 && (keys[j] >> 32) == (keys[k] >> 32);)
          if (same_name (&p->nodes[(guint32) keys[k]], &p->nodes[(guint32) keys[j]]))
            return fail_duplicate (p, &p->nodes[(guint32) keys[k]]);
    }
  return TRUE;
}

static gboolean
parse_container (Parser     *p,
                 guint       depth,
                 guint       index,
                 gboolean    is_object)
{
  char close = is_object ? '}' : ']';
  guint count = 0, previous = 0, level;

  if (depth >= XA_JSON_MAX_DEPTH)
    return fail_at (p, XA_JSON_ERROR_TOO_DEEP, "more than %d levels of nesting", XA_JSON_MAX_DEPTH);
  g_assert (p->n_open < XA_JSON_MAX_DEPTH);
  level = p->n_open++;
  p->open[level] = index;
  p->open_done[level] = 0;
  p->open_key[level] = NULL;
  p->pos++;
  skip_space (p);
  if (p->pos >= p->length)
    return fail_truncated (p);
  if (p->buffer[p->pos] == close)
    {
      p->pos++;
      p->n_open--;
      return TRUE;
    }

  for (;;)
    {
      const char *key = NULL;
      guint32 key_len = 0;
      guint child = p->n_nodes;

      p->open_key[level] = NULL;
      if (is_object)
        {
          if (p->buffer[p->pos] != '"')
            return fail_unexpected (p, "a member name in quotes");
          if (!read_string (p, &key, &key_len))
            return FALSE;
          p->open_key[level] = key;
          skip_space (p);
          if (p->pos >= p->length)
            return fail_truncated (p);
          if (p->buffer[p->pos] != ':')
            return fail_unexpected (p, "“:” after a member name");
          p->pos++;
          skip_space (p);
        }
      if (!parse_value (p, depth + 1, key, key_len))
        return FALSE;
      if (count > 0)
        p->nodes[previous].next = child - previous;
      previous = child;
      if (count == G_MAXUINT32 - 1)
        return fail_at (p, XA_JSON_ERROR_TOO_LARGE, "too many elements");
      count++;
      p->open_done[level] = count;

      skip_space (p);
      if (p->pos >= p->length)
        return fail_truncated (p);
      if (p->buffer[p->pos] == close)
        {
          p->pos++;
          break;
        }
      if (p->buffer[p->pos] != ',')
        return fail_unexpected (p, is_object ? "“,” or “}”" : "“,” or “]”");
      p->pos++;
      skip_space (p);
      if (p->pos >= p->length)
        return fail_truncated (p);
      if (p->buffer[p->pos] == close)
        return fail_at (p, XA_JSON_ERROR_SYNTAX, "a comma before “%c”", close);
    }

  p->nodes[index].size = count;
  if (is_object && count > 1)
    {
      gsize end = p->pos;
      gboolean ok;

      p->pos--;   /* errors point at the closing brace */
      ok = check_duplicates (p, index);
      p->pos = end;
      if (ok)
        p->n_open--;
      return ok;
    }
  p->n_open--;
  return TRUE;
}

/* Reads the value at p->pos (after any space) into a new node. */
static gboolean
parse_value (Parser     *p,
             guint       depth,
             const char *key,
             guint32     key_len)
{
  guint index;

  if (p->pos >= p->length)
    return fail_truncated (p);

  index = new_node (p, XA_JSON_NULL, key, key_len);
  switch (p->buffer[p->pos])
    {
    case '{':
      p->nodes[index].kind = XA_JSON_OBJECT;
      return parse_container (p, depth, index, TRUE);
    case '[':
      p->nodes[index].kind = XA_JSON_ARRAY;
      return parse_container (p, depth, index, FALSE);
    case '"':
      {
        const char *text;
        guint32 len;

        if (!read_string (p, &text, &len))
          return FALSE;
        p->nodes[index].kind = XA_JSON_STRING;
        p->nodes[index].value.string = text;
        p->nodes[index].size = len;
        return TRUE;
      }
    case 't':
      p->nodes[index].kind = XA_JSON_BOOLEAN;
      p->nodes[index].value.boolean = TRUE;
      return expect_word (p, "true");
    case 'f':
      p->nodes[index].kind = XA_JSON_BOOLEAN;
      return expect_word (p, "false");
    case 'n':
      return expect_word (p, "null");
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (p, index);
    default:
      return fail_unexpected (p, "a value");
    }
}

static void
unref_strings (gpointer strings)
{
  if (strings != NULL)
    g_hash_table_unref (strings);
}

/* Where @p stopped: the path through the open containers and the string members each open
 * object had shown by then. */
static XaJsonFailure *
describe_failure (Parser *p)
{
  XaJsonFailure *failure = g_new0 (XaJsonFailure, 1);

  failure->steps = g_ptr_array_new_with_free_func (g_free);
  failure->strings = g_ptr_array_new_with_free_func (unref_strings);
  for (guint level = 0; level < p->n_open; level++)
    {
      const XaJsonNode *container = &p->nodes[p->open[level]];
      guint done = p->open_done[level];
      GHashTable *strings = NULL;

      if (container->kind == XA_JSON_OBJECT)
        {
          const XaJsonNode *member = container + 1;

          strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          for (guint i = 0; i < done; i++, member += member->next)
            if (member->kind == XA_JSON_STRING)
              g_hash_table_replace (strings, g_strdup (member->key),
                                    g_strdup (member->value.string));
          g_ptr_array_add (failure->steps, g_strdup (p->open_key[level] != NULL
                                                     ? p->open_key[level] : ""));
        }
      else
        g_ptr_array_add (failure->steps, g_strdup_printf ("[%u]", done));
      g_ptr_array_add (failure->strings, strings);
    }
  return failure;
}

XaJsonDocument *
xa_json_document_new_take (char    *data,
                           gsize    length,
                           GError **error)
{
  return xa_json_document_new_take_full (data, length, NULL, error);
}

XaJsonDocument *
xa_json_document_new_take_full (char           *data,
                                gsize           length,
                                XaJsonFailure **out_failure,
                                GError        **error)
{
  Parser p = { data, length, 0, NULL, 0, 0, error, 0, { 0 }, { 0 }, { NULL } };
  XaJsonDocument *document;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length >= G_MAXUINT32)
    {
      fail_at (&p, XA_JSON_ERROR_TOO_LARGE, "the text is longer than 4 GiB");
      g_free (data);
      return NULL;
    }

  /* About one value per 16 bytes in a page of records; grown when short. */
  p.capacity = (guint) MIN (length / 16 + 16, 1 << 20);
  p.nodes = g_new (XaJsonNode, p.capacity);

  skip_space (&p);
  if (p.pos >= p.length)
    {
      fail_at (&p, XA_JSON_ERROR_TRUNCATED, "there is no JSON value (empty text)");
      goto fail;
    }
  if (!parse_value (&p, 0, NULL, 0))
    goto fail;
  skip_space (&p);
  if (p.pos < p.length)
    {
      fail_at (&p, XA_JSON_ERROR_TRAILING, "something follows the JSON value");
      goto fail;
    }

  document = g_new (XaJsonDocument, 1);
  document->buffer = data;
  document->nodes = p.nodes;
  return document;

fail:
  if (out_failure != NULL)
    *out_failure = describe_failure (&p);
  g_free (p.nodes);
  g_free (data);
  return NULL;
}

guint
xa_json_failure_get_depth (const XaJsonFailure *failure)
{
  g_return_val_if_fail (failure != NULL, 0);
  return failure->steps->len;
}

const char *
xa_json_failure_get_step (const XaJsonFailure *failure,
                          guint                level)
{
  g_return_val_if_fail (failure != NULL && level < failure->steps->len, NULL);
  return failure->steps->pdata[level];
}

const char *
xa_json_failure_get_string (const XaJsonFailure *failure,
                            guint                level,
                            const char          *name)
{
  GHashTable *strings;

  g_return_val_if_fail (failure != NULL && name != NULL, NULL);
  if (level >= failure->strings->len)
    return NULL;
  strings = failure->strings->pdata[level];
  return strings != NULL ? g_hash_table_lookup (strings, name) : NULL;
}

void
xa_json_failure_free (XaJsonFailure *failure)
{
  if (failure == NULL)
    return;
  g_ptr_array_unref (failure->steps);
  g_ptr_array_unref (failure->strings);
  g_free (failure);
}

XaJsonDocument *
xa_json_document_new (const char  *data,
                      gssize       length,
                      GError     **error)
{
  gsize len;

  g_return_val_if_fail (data != NULL || length <= 0, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  return xa_json_document_new_take (len ? g_memdup2 (data, len) : NULL, len, error);
}

void
xa_json_document_free (XaJsonDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->nodes);
  g_free (document->buffer);
  g_free (document);
}

const XaJsonNode *
xa_json_document_get_root (XaJsonDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);
  return &document->nodes[0];
}

XaJsonKind
xa_json_node_get_kind (const XaJsonNode *node)
{
  g_return_val_if_fail (node != NULL, XA_JSON_NULL);
  return node->kind;
}

gboolean
xa_json_node_get_boolean (const XaJsonNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);
  return node->kind == XA_JSON_BOOLEAN && node->value.boolean;
}

gint64
xa_json_node_get_int (const XaJsonNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  return node->kind == XA_JSON_INTEGER ? node->value.integer : 0;
}

double
xa_json_node_get_double (const XaJsonNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  if (node->kind == XA_JSON_DOUBLE)
    return node->value.number;
  if (node->kind == XA_JSON_INTEGER)
    return (double) node->value.integer;
  return 0;
}

const char *
xa_json_node_get_string (const XaJsonNode *node,
                         gsize            *length)
{
  g_return_val_if_fail (node != NULL, NULL);
  if (node->kind != XA_JSON_STRING)
    {
      if (length != NULL)
        *length = 0;
      return NULL;
    }
  if (length != NULL)
    *length = node->size;
  return node->value.string;
}

guint
xa_json_node_get_size (const XaJsonNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  return node->kind == XA_JSON_ARRAY || node->kind == XA_JSON_OBJECT ? node->size : 0;
}

const XaJsonNode *
xa_json_node_first_child (const XaJsonNode *node)
{
  return xa_json_node_get_size (node) > 0 ? node + 1 : NULL;
}

const XaJsonNode *
xa_json_node_next (const XaJsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->next != 0 ? node + node->next : NULL;
}

const char *
xa_json_node_get_name (const XaJsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->key;
}

const XaJsonNode *
xa_json_object_get_member (const XaJsonNode *object,
                           const char       *name,
                           const XaJsonNode *hint)
{
  const XaJsonNode *start, *member;
  guint32 hash;
  gsize len;

  g_return_val_if_fail (object != NULL && name != NULL, NULL);

  len = strlen (name);
  hash = hash_name (name, len);

  if (object->kind != XA_JSON_OBJECT || object->size == 0)
    return NULL;
  start = hint != NULL && hint->next != 0 ? hint + hint->next : object + 1;
  member = start;
  do
    {
      if (member->key_hash == hash && member->key_len == len
          && memcmp (member->key, name, len) == 0)
        return member;
      member = member->next != 0 ? member + member->next : object + 1;
    }
  while (member != start);
  return NULL;
}
