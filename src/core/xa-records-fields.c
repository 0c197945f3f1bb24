/* xa-records-fields.c — reading one field of a record from the wire, for the parsers of
 * xa-records.c: its JSON type, its range or format (ids, times, dates, positions inside
 * China, enumerations, bounded integers), and the error that names the record's type and id
 * and the field at fault. Also the value checks xa-records.h offers to the rest of the app. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "xa-record-ids.h"
#include "xa-records-private.h"
#include "xa-varargs.h"

gboolean
xa_parse_time (const char *text,
               gint64     *out_unix)
{
  g_autoptr(GDateTime) time = NULL;

  /* Without a default zone GLib refuses times that carry no offset, which is what the
   * contract asks: a time without an offset is ambiguous across the bureau's zones. */
  if (text == NULL || strlen (text) < 20)
    return FALSE;
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return FALSE;
  *out_unix = g_date_time_to_unix (time);
  return TRUE;
}

/* The number the @n ASCII digits at @text write, or -1 when one is not a digit. */
static int
read_digits (const char *text,
             guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = value * 10 + (text[i] - '0');
    }
  return value;
}

gboolean
xa_parse_date (const char *text,
               GDate      *out_date)
{
  int year, month, day;

  /* Read digit by digit, not with sscanf (): opening the elevator list parses 100,000
   * dates, and sscanf () was most of their cost. */
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  year = read_digits (text, 4);
  month = read_digits (text + 5, 2);
  day = read_digits (text + 8, 2);
  if (year < 0 || month < 1 || day < 1)
    return FALSE;
  if (!g_date_valid_dmy (day, month, year) || year < 1900 || year > 2200)
    return FALSE;
  if (out_date != NULL)
    g_date_set_dmy (out_date, day, month, year);
  return TRUE;
}

gboolean
xa_coordinates_in_china (double lat,
                         double lon)
{
  return isfinite (lat) && isfinite (lon) &&
         lat >= 3.8 && lat <= 53.6 && lon >= 73.5 && lon <= 135.1;
}

void
_xa_reader_fail (XaFieldReader *r,
                 XaRecordError  code,
                 const char    *field,
                 const char    *format,
                 ...)
{
  g_autofree char *detail = NULL;

  if (r->error != NULL)
    return;
  detail = XA_STRDUP_VARARGS (format);
  g_set_error (&r->error, XA_RECORD_ERROR, code, "%s %s: field “%s%s”: %s",
               r->type, r->id, r->prefix, field, detail);
}

const XaJsonNode *
_xa_reader_node (XaFieldReader *r,
                 const char    *field,
                 gboolean       required)
{
  const XaJsonNode *node;

  if (r->error != NULL)
    return NULL;
  node = xa_json_object_get_member (r->object, field, r->last);
  if (node != NULL)
    r->last = node;
  if (node == NULL || xa_json_node_get_kind (node) == XA_JSON_NULL)
    {
      if (required)
        _xa_reader_fail (r, XA_RECORD_ERROR_MISSING_FIELD, field, "missing");
      return NULL;
    }
  return node;
}

/* The node of @field when it is a @kind; NULL when it is missing (the failure said when it
 * is @required) or another kind (the failure said, "@expected"). */
static const XaJsonNode *
node_of_kind (XaFieldReader *r,
              const char    *field,
              gboolean       required,
              XaJsonKind     kind,
              const char    *expected)
{
  const XaJsonNode *node = _xa_reader_node (r, field, required);

  if (node != NULL && xa_json_node_get_kind (node) != kind)
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, field, "%s", expected);
      return NULL;
    }
  return node;
}

const char *
_xa_reader_peek_string (XaFieldReader *r,
                        const char    *field,
                        gboolean       required)
{
  const XaJsonNode *node = node_of_kind (r, field, required, XA_JSON_STRING,
                                         "expected a string");
  const char *value;
  gsize length;

  if (node == NULL)
    return NULL;
  value = xa_json_node_get_string (node, &length);
  /* Records are C strings: a \u0000 would silently cut the text short in the store. */
  if (strlen (value) != length)
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field, "contains a NUL character (\\u0000)");
      return NULL;
    }
  return value;
}

char *
_xa_read_string (XaFieldReader *r,
                 const char    *field,
                 gboolean       required)
{
  const char *value = _xa_reader_peek_string (r, field, required);

  if (value == NULL)
    return NULL;
  if (required && *value == '\0')
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field, "must not be empty");
      return NULL;
    }
  return g_strdup (value);
}

char *
_xa_read_ref (XaFieldReader *r,
              const char    *field)
{
  const char *value = _xa_reader_peek_string (r, field, TRUE);

  if (value == NULL)
    return NULL;
  if (!xa_record_id_is_valid (value))
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field, "“%s” is not a valid id", value);
      return NULL;
    }
  return g_strdup (value);
}

gint64
_xa_read_int (XaFieldReader *r,
              const char    *field,
              gboolean       required,
              gint64         min,
              gint64         max)
{
  const XaJsonNode *node = node_of_kind (r, field, required, XA_JSON_INTEGER,
                                         "expected an integer");
  gint64 value;

  if (node == NULL)
    return 0;
  value = xa_json_node_get_int (node);
  if (value < min || value > max)
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field,
                       "%" G_GINT64_FORMAT " is outside %" G_GINT64_FORMAT
                       " … %" G_GINT64_FORMAT, value, min, max);
      return 0;
    }
  return value;
}

gboolean
_xa_node_is_number (const XaJsonNode *node)
{
  XaJsonKind kind = xa_json_node_get_kind (node);

  return kind == XA_JSON_INTEGER || kind == XA_JSON_DOUBLE;
}

static double
read_double (XaFieldReader *r,
             const char    *field)
{
  const XaJsonNode *node = _xa_reader_node (r, field, TRUE);

  if (node == NULL)
    return 0;
  if (!_xa_node_is_number (node))
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, field, "expected a number");
      return 0;
    }
  return xa_json_node_get_double (node);
}

gboolean
_xa_read_bool (XaFieldReader *r,
               const char    *field,
               gboolean       required)
{
  const XaJsonNode *node = node_of_kind (r, field, required, XA_JSON_BOOLEAN,
                                         "expected true or false");

  if (node == NULL)
    return FALSE;
  return xa_json_node_get_boolean (node);
}

int
_xa_read_enum (XaFieldReader      *r,
               const char         *field,
               const char * const *names,
               gboolean            required,
               int                 absent)
{
  const char *value = _xa_reader_peek_string (r, field, required);
  int index;

  if (value == NULL)
    return absent;
  index = xa_enum_from_string (names, value);
  if (index < 0)
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field, "unknown value “%s”", value);
      return absent;
    }
  return index;
}

gint64
_xa_read_time (XaFieldReader *r,
               const char    *field,
               gboolean       required)
{
  const char *value = _xa_reader_peek_string (r, field, required);
  gint64 unix_time = 0;

  if (value == NULL)
    return 0;
  if (!xa_parse_time (value, &unix_time))
    _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field,
                     "“%s” is not an ISO 8601 time with an offset", value);
  return unix_time;
}

char *
_xa_read_date (XaFieldReader *r,
               const char    *field,
               gboolean       required)
{
  const char *value = _xa_reader_peek_string (r, field, required);

  if (value == NULL)
    return NULL;
  if (!xa_parse_date (value, NULL))
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field,
                       "“%s” is not a date (YYYY-MM-DD)", value);
      return NULL;
    }
  return g_strdup (value);
}

void
_xa_read_position (XaFieldReader *r,
                   double        *lat,
                   double        *lon)
{
  *lat = read_double (r, "lat");
  *lon = read_double (r, "lon");
  if (r->error == NULL && !xa_coordinates_in_china (*lat, *lon))
    _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "lat",
                     "position %.6f, %.6f is outside China", *lat, *lon);
}
