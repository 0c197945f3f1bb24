/* xa-records.c — parsing and validating the records of the change feed (see
 * src/records-api.md). Every error names the record's type and id and the field at fault,
 * because that message is what a bureau's IT contact forwards to the server's operator. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xa-records.h"

G_DEFINE_QUARK (xa-record-error-quark, xa_record_error)

static const char * const record_type_names[] = {
  "district", "category", "compound", "cadre", "flood_check", "charging", "elevator",
  "problem", NULL
};

const char * const xa_compound_kind_names[] = { "residential", "commercial", "mixed", NULL };
const char * const xa_inspection_result_names[] = { "pass", "pass_with_remarks", "fail", NULL };
const char * const xa_assessment_grade_names[] = { "A", "B", "C", "D", NULL };
const char * const xa_renewal_status_names[] = {
  "none", "proposed", "planned", "funded", "in_progress", "done", NULL
};
const char * const xa_funding_source_names[] = {
  "special_bonds", "maintenance_fund", "owners", "other", NULL
};
const char * const xa_problem_source_names[] = {
  "hotline_12345", "inspection", "owner", "cadre", NULL
};
const char * const xa_problem_status_names[] = {
  "open", "in_progress", "resolved", "closed", NULL
};
const char * const xa_problem_tier_names[] = { "on_site", "consultation", "city", NULL };
const char * const xa_key_action_names[] = {
  "contract_publicity", "public_revenue", "elevator_renewal", "flood_prevention",
  "ebike_charging", "maintenance_fund", "power_supply", "utilities_supply",
  "property_service", "fire_safety", NULL
};
const char * const xa_flood_item_names[] = { "supplies", "personnel", "plan", "drill", NULL };

const char *
xa_record_type_to_string (XaRecordType type)
{
  g_return_val_if_fail (type < XA_N_RECORD_TYPES, NULL);
  return record_type_names[type];
}

gboolean
xa_record_type_from_string (const char   *name,
                            XaRecordType *out_type)
{
  int index = xa_enum_from_string (record_type_names, name);

  if (index < 0)
    return FALSE;
  *out_type = (XaRecordType) index;
  return TRUE;
}

int
xa_enum_from_string (const char * const *names,
                     const char         *name)
{
  if (name == NULL)
    return -1;
  for (int i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  return -1;
}

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

gboolean
xa_parse_date (const char *text,
               GDate      *out_date)
{
  unsigned year, month, day;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
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

static gboolean
id_is_valid (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '.' && id[i] != '_' && id[i] != '-')
      return FALSE;
  return TRUE;
}

/* Reads fields of one record's data object; the first failure is kept in @error and
 * every later read is a no-op, so a parser reads all fields and checks once at the end. */
typedef struct
{
  const char       *type;
  const char       *id;
  const XaJsonNode *object;
  const XaJsonNode *last;     /* the member found last: the next one usually follows it */
  const char       *prefix;   /* "supplies." for nested flood items, else "" */
  GError           *error;
} Reader;

G_GNUC_PRINTF (4, 5) static void
reader_fail (Reader     *r,
             XaRecordError code,
             const char *field,
             const char *format,
             ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  if (r->error != NULL)
    return;
  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (&r->error, XA_RECORD_ERROR, code, "%s %s: field “%s%s”: %s",
               r->type, r->id, r->prefix, field, detail);
}

static const XaJsonNode *
reader_node (Reader     *r,
             const char *field,
             gboolean    required)
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
        reader_fail (r, XA_RECORD_ERROR_MISSING_FIELD, field, "missing");
      return NULL;
    }
  return node;
}

static const char *
reader_peek_string (Reader     *r,
                    const char *field,
                    gboolean    required)
{
  const XaJsonNode *node = reader_node (r, field, required);
  const char *value;
  gsize length;

  if (node == NULL)
    return NULL;
  if (xa_json_node_get_kind (node) != XA_JSON_STRING)
    {
      reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, field, "expected a string");
      return NULL;
    }
  value = xa_json_node_get_string (node, &length);
  /* Records are C strings: a \u0000 would silently cut the text short in the store. */
  if (strlen (value) != length)
    {
      reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field, "contains a NUL character (\\u0000)");
      return NULL;
    }
  return value;
}

static char *
read_string (Reader     *r,
             const char *field,
             gboolean    required)
{
  const char *value = reader_peek_string (r, field, required);

  if (value == NULL)
    return NULL;
  if (required && *value == '\0')
    {
      reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field, "must not be empty");
      return NULL;
    }
  return g_strdup (value);
}

static char *
read_ref (Reader     *r,
          const char *field)
{
  const char *value = reader_peek_string (r, field, TRUE);

  if (value == NULL)
    return NULL;
  if (!id_is_valid (value))
    {
      reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field, "“%s” is not a valid id", value);
      return NULL;
    }
  return g_strdup (value);
}

static gint64
read_int (Reader     *r,
          const char *field,
          gboolean    required,
          gint64      min,
          gint64      max)
{
  const XaJsonNode *node = reader_node (r, field, required);
  gint64 value;

  if (node == NULL)
    return 0;
  if (xa_json_node_get_kind (node) != XA_JSON_INTEGER)
    {
      reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, field, "expected an integer");
      return 0;
    }
  value = xa_json_node_get_int (node);
  if (value < min || value > max)
    {
      reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field,
                   "%" G_GINT64_FORMAT " is outside %" G_GINT64_FORMAT " … %" G_GINT64_FORMAT,
                   value, min, max);
      return 0;
    }
  return value;
}

static gboolean
node_is_number (const XaJsonNode *node)
{
  XaJsonKind kind = xa_json_node_get_kind (node);

  return kind == XA_JSON_INTEGER || kind == XA_JSON_DOUBLE;
}

static double
read_double (Reader     *r,
             const char *field)
{
  const XaJsonNode *node = reader_node (r, field, TRUE);

  if (node == NULL)
    return 0;
  if (!node_is_number (node))
    {
      reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, field, "expected a number");
      return 0;
    }
  return xa_json_node_get_double (node);
}

static gboolean
read_bool (Reader     *r,
           const char *field,
           gboolean    required)
{
  const XaJsonNode *node = reader_node (r, field, required);

  if (node == NULL)
    return FALSE;
  if (xa_json_node_get_kind (node) != XA_JSON_BOOLEAN)
    {
      reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, field, "expected true or false");
      return FALSE;
    }
  return xa_json_node_get_boolean (node);
}

/* Returns the index in @names, or @absent when the optional field is missing. */
static int
read_enum (Reader             *r,
           const char         *field,
           const char * const *names,
           gboolean            required,
           int                 absent)
{
  const char *value = reader_peek_string (r, field, required);
  int index;

  if (value == NULL)
    return absent;
  index = xa_enum_from_string (names, value);
  if (index < 0)
    {
      reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field, "unknown value “%s”", value);
      return absent;
    }
  return index;
}

static gint64
read_time (Reader     *r,
           const char *field,
           gboolean    required)
{
  const char *value = reader_peek_string (r, field, required);
  gint64 unix_time = 0;

  if (value == NULL)
    return 0;
  if (!xa_parse_time (value, &unix_time))
    reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field,
                 "“%s” is not an ISO 8601 time with an offset", value);
  return unix_time;
}

static char *
read_date (Reader     *r,
           const char *field,
           gboolean    required)
{
  const char *value = reader_peek_string (r, field, required);

  if (value == NULL)
    return NULL;
  if (!xa_parse_date (value, NULL))
    {
      reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, field, "“%s” is not a date (YYYY-MM-DD)", value);
      return NULL;
    }
  return g_strdup (value);
}

static void
read_position (Reader *r,
               double *lat,
               double *lon)
{
  *lat = read_double (r, "lat");
  *lon = read_double (r, "lon");
  if (r->error == NULL && !xa_coordinates_in_china (*lat, *lon))
    reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "lat",
                 "position %.6f, %.6f is outside China", *lat, *lon);
}

#define INT_MAX_FIELD G_GINT64_CONSTANT (2000000000)

/* — one parser per record type — */

static gpointer
parse_district (Reader *r)
{
  XaDistrict *d = g_new0 (XaDistrict, 1);

  d->code = read_ref (r, "code");
  d->name = read_string (r, "name", TRUE);
  read_position (r, &d->lat, &d->lon);
  if (r->error == NULL && strcmp (d->code, r->id) != 0)
    reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "code", "“%s” differs from the id", d->code);
  if (r->error == NULL && (strlen (d->code) != 6 || strspn (d->code, "0123456789") != 6))
    reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "code", "“%s” is not a six-digit code", d->code);
  return d;
}

static gpointer
parse_category (Reader *r)
{
  XaCategory *c = g_new0 (XaCategory, 1);

  c->code = read_ref (r, "code");
  c->name_zh = read_string (r, "name_zh", TRUE);
  c->name_en = read_string (r, "name_en", TRUE);
  c->key_action = read_enum (r, "key_action", xa_key_action_names, FALSE, XA_KEY_ACTION_NONE);
  if (r->error == NULL && strcmp (c->code, r->id) != 0)
    reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "code", "“%s” differs from the id", c->code);
  return c;
}

static void
read_boundary (Reader     *r,
               XaCompound *c)
{
  const XaJsonNode *node = reader_node (r, "boundary", FALSE);
  const XaJsonNode *point;
  guint n;

  if (node == NULL)
    return;
  if (xa_json_node_get_kind (node) != XA_JSON_ARRAY)
    {
      reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, "boundary", "expected an array of [lon, lat]");
      return;
    }
  n = xa_json_node_get_size (node);
  if (n < 3 || n > 10000)
    {
      reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "boundary", "%u points; a ring needs 3 … 10000", n);
      return;
    }
  c->boundary = g_new (double, 2 * n);
  c->n_boundary_points = n;
  point = xa_json_node_first_child (node);
  for (guint i = 0; i < n; i++, point = xa_json_node_next (point))
    {
      const XaJsonNode *lon_node, *lat_node;

      if (xa_json_node_get_kind (point) != XA_JSON_ARRAY || xa_json_node_get_size (point) != 2)
        {
          reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, "boundary", "point %u is not [lon, lat]", i);
          return;
        }
      lon_node = xa_json_node_first_child (point);
      lat_node = xa_json_node_next (lon_node);
      if (!node_is_number (lon_node) || !node_is_number (lat_node))
        {
          reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, "boundary", "point %u is not numeric", i);
          return;
        }
      c->boundary[2 * i] = xa_json_node_get_double (lon_node);
      c->boundary[2 * i + 1] = xa_json_node_get_double (lat_node);
      if (!xa_coordinates_in_china (c->boundary[2 * i + 1], c->boundary[2 * i]))
        {
          reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "boundary", "point %u is outside China", i);
          return;
        }
    }
}

static gpointer
parse_compound (Reader *r)
{
  XaCompound *c = g_new0 (XaCompound, 1);

  c->id = g_strdup (r->id);
  c->name = read_string (r, "name", TRUE);
  c->district = read_ref (r, "district");
  c->subdistrict = read_string (r, "subdistrict", TRUE);
  c->community = read_string (r, "community", TRUE);
  c->address = read_string (r, "address", TRUE);
  read_position (r, &c->lat, &c->lon);
  read_boundary (r, c);
  c->kind = read_enum (r, "kind", xa_compound_kind_names, TRUE, 0);
  c->built_year = read_int (r, "built_year", FALSE, 1949, 2100);
  c->buildings = read_int (r, "buildings", TRUE, 0, 100000);
  c->households = read_int (r, "households", TRUE, 0, 1000000);
  c->property_company = read_string (r, "property_company", FALSE);
  c->owners_committee = read_bool (r, "owners_committee", TRUE);
  c->public_revenue_recorded = read_bool (r, "public_revenue_recorded", TRUE);
  c->special_account = read_bool (r, "special_account", TRUE);
  c->supervised_fen = read_int (r, "supervised_fen", TRUE, 0, G_GINT64_CONSTANT (1000000000000000));
  return c;
}

static gpointer
parse_cadre (Reader *r)
{
  XaCadre *c = g_new0 (XaCadre, 1);
  const XaJsonNode *node;

  c->id = g_strdup (r->id);
  c->name = read_string (r, "name", TRUE);
  c->unit = read_string (r, "unit", TRUE);
  c->phone = read_string (r, "phone", TRUE);
  node = reader_node (r, "compounds", TRUE);
  if (node != NULL && xa_json_node_get_kind (node) != XA_JSON_ARRAY)
    reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, "compounds", "expected an array of compound ids");
  else if (node != NULL)
    {
      const XaJsonNode *element = xa_json_node_first_child (node);
      guint n = xa_json_node_get_size (node);

      if (n < 1 || n > 10)
        reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "compounds", "%u compounds; expected 1 … 10", n);
      c->compounds = g_new0 (char *, n + 1);
      for (guint i = 0; i < n && r->error == NULL; i++, element = xa_json_node_next (element))
        {
          gsize length;
          const char *value = xa_json_node_get_string (element, &length);

          /* As in reader_peek_string(): a \u0000 would store "c1\u0000…" as "c1". */
          if (value != NULL && strlen (value) != length)
            reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "compounds",
                         "element %u contains a NUL character (\\u0000)", i);
          else if (value == NULL || !id_is_valid (value))
            reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "compounds",
                         "element %u is not a compound id", i);
          else
            c->compounds[i] = g_strdup (value);
        }
    }
  return c;
}

static gpointer
parse_flood_check (Reader *r)
{
  XaFloodCheck *f = g_new0 (XaFloodCheck, 1);

  f->id = g_strdup (r->id);
  f->compound = read_ref (r, "compound");
  f->season = read_int (r, "season", TRUE, 1990, 2200);
  for (guint i = 0; i < XA_N_FLOOD_ITEMS; i++)
    {
      const XaJsonNode *node = reader_node (r, xa_flood_item_names[i], TRUE);
      g_autofree char *prefix = NULL;
      Reader item;

      if (node == NULL)
        break;
      if (xa_json_node_get_kind (node) != XA_JSON_OBJECT)
        {
          reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, xa_flood_item_names[i], "expected an object");
          break;
        }
      prefix = g_strconcat (xa_flood_item_names[i], ".", NULL);
      item = (Reader) { r->type, r->id, node, NULL, prefix, NULL };
      f->items[i].in_place = read_bool (&item, "in_place", TRUE);
      f->items[i].date = read_date (&item, "date", FALSE);
      f->items[i].notes = read_string (&item, "notes", FALSE);
      if (item.error != NULL)
        {
          r->error = item.error;
          break;
        }
    }
  f->drills_held = read_int (r, "drills_held", TRUE, 0, 10000);
  f->pumps = read_int (r, "pumps", TRUE, 0, 100000);
  f->sandbags = read_int (r, "sandbags", TRUE, 0, 10000000);
  f->low_lying_spots = read_int (r, "low_lying_spots", TRUE, 0, 100000);
  f->problems_found = read_int (r, "problems_found", TRUE, 0, 100000);
  f->problems_fixed = read_int (r, "problems_fixed", TRUE, 0, 100000);
  f->inspected_at = read_time (r, "inspected_at", TRUE);
  f->inspected_by = read_string (r, "inspected_by", TRUE);
  return f;
}

static gpointer
parse_charging (Reader *r)
{
  XaCharging *c = g_new0 (XaCharging, 1);

  c->id = g_strdup (r->id);
  c->compound = read_ref (r, "compound");
  c->registered_ebikes = read_int (r, "registered_ebikes", TRUE, 0, INT_MAX_FIELD);
  c->ports = read_int (r, "ports", TRUE, 0, INT_MAX_FIELD);
  c->smart_ports = read_int (r, "smart_ports", TRUE, 0, INT_MAX_FIELD);
  c->sheds = read_int (r, "sheds", TRUE, 0, INT_MAX_FIELD);
  c->outside_sites = read_int (r, "outside_sites", TRUE, 0, INT_MAX_FIELD);
  if (r->error == NULL && c->smart_ports > c->ports)
    reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "smart_ports", "%d is more than the %d ports",
                 c->smart_ports, c->ports);
  return c;
}

static gpointer
parse_elevator (Reader *r)
{
  XaElevator *e = g_new0 (XaElevator, 1);

  e->id = g_strdup (r->id);
  e->compound = read_ref (r, "compound");
  e->building = read_string (r, "building", TRUE);
  e->unit = read_string (r, "unit", TRUE);
  e->registration_code = read_string (r, "registration_code", TRUE);
  e->maker = read_string (r, "maker", TRUE);
  e->model = read_string (r, "model", TRUE);
  e->commissioned = read_date (r, "commissioned", TRUE);
  e->last_inspection = read_date (r, "last_inspection", FALSE);
  e->inspection_result = read_enum (r, "inspection_result", xa_inspection_result_names, FALSE,
                                    XA_INSPECTION_NONE);
  e->faults_12m = read_int (r, "faults_12m", TRUE, 0, 100000);
  e->entrapments_12m = read_int (r, "entrapments_12m", TRUE, 0, 100000);
  e->assessment_grade = read_enum (r, "assessment_grade", xa_assessment_grade_names, FALSE,
                                   XA_GRADE_NONE);
  e->renewal_status = read_enum (r, "renewal_status", xa_renewal_status_names, TRUE, 0);
  e->planned_year = read_int (r, "planned_year", FALSE, 1990, 2200);
  e->funding_source = read_enum (r, "funding_source", xa_funding_source_names, FALSE,
                                 XA_FUNDING_NONE);
  return e;
}

static gpointer
parse_problem (Reader *r)
{
  XaProblem *p = g_new0 (XaProblem, 1);

  p->id = g_strdup (r->id);
  p->compound = read_ref (r, "compound");
  p->category = read_ref (r, "category");
  p->source = read_enum (r, "source", xa_problem_source_names, TRUE, 0);
  p->ticket_no = read_string (r, "ticket_no", FALSE);
  p->title = read_string (r, "title", TRUE);
  p->description = read_string (r, "description", FALSE);
  p->reported_at = read_time (r, "reported_at", TRUE);
  p->deadline = read_time (r, "deadline", TRUE);
  p->status = read_enum (r, "status", xa_problem_status_names, TRUE, 0);
  p->tier = read_enum (r, "tier", xa_problem_tier_names, TRUE, 0);
  p->responsible_party = read_string (r, "responsible_party", TRUE);
  p->resolved_at = read_time (r, "resolved_at", FALSE);
  p->resolution_note = read_string (r, "resolution_note", FALSE);
  p->satisfaction = read_int (r, "satisfaction", FALSE, 1, 5);
  if (r->error == NULL && p->resolved_at == 0 &&
      (p->status == XA_STATUS_RESOLVED || p->status == XA_STATUS_CLOSED))
    reader_fail (r, XA_RECORD_ERROR_MISSING_FIELD, "resolved_at",
                 "required when the status is “%s”", xa_problem_status_names[p->status]);
  return p;
}

typedef gpointer (*ParseFunc) (Reader *r);
typedef void (*FreeFunc) (gpointer record);

static const struct
{
  ParseFunc parse;
  FreeFunc  free;
} record_kinds[XA_N_RECORD_TYPES] = {
  [XA_RECORD_DISTRICT] = { parse_district, (FreeFunc) xa_district_free },
  [XA_RECORD_CATEGORY] = { parse_category, (FreeFunc) xa_category_free },
  [XA_RECORD_COMPOUND] = { parse_compound, (FreeFunc) xa_compound_free },
  [XA_RECORD_CADRE] = { parse_cadre, (FreeFunc) xa_cadre_free },
  [XA_RECORD_FLOOD_CHECK] = { parse_flood_check, (FreeFunc) xa_flood_check_free },
  [XA_RECORD_CHARGING] = { parse_charging, (FreeFunc) xa_charging_free },
  [XA_RECORD_ELEVATOR] = { parse_elevator, (FreeFunc) xa_elevator_free },
  [XA_RECORD_PROBLEM] = { parse_problem, (FreeFunc) xa_problem_free },
};

XaChange *
xa_change_from_json (const XaJsonNode  *node,
                     GError           **error)
{
  g_autoptr(XaChange) change = g_new0 (XaChange, 1);
  char seq_label[48];
  Reader r = { "change", NULL, NULL, NULL, "", NULL };
  const char *type_name;
  const char *id;
  const XaJsonNode *data;

  g_return_val_if_fail (node != NULL, NULL);

  if (xa_json_node_get_kind (node) != XA_JSON_OBJECT)
    {
      g_set_error (error, XA_RECORD_ERROR, XA_RECORD_ERROR_NOT_AN_OBJECT,
                   "a change is not a JSON object");
      return NULL;
    }
  r.object = node;

  /* Until the id is known the message can only point at the sequence number. */
  change->seq = read_int (&r, "seq", TRUE, 1, G_MAXINT64);
  g_snprintf (seq_label, sizeof seq_label, "at seq %" G_GINT64_FORMAT, change->seq);
  r.id = seq_label;
  type_name = reader_peek_string (&r, "type", TRUE);
  id = reader_peek_string (&r, "id", TRUE);
  if (r.error == NULL && !xa_record_type_from_string (type_name, &change->type))
    {
      g_set_error (&r.error, XA_RECORD_ERROR, XA_RECORD_ERROR_UNKNOWN_TYPE,
                   "change %s: unknown record type “%s”", seq_label, type_name);
    }
  if (r.error == NULL && !id_is_valid (id))
    reader_fail (&r, XA_RECORD_ERROR_BAD_VALUE, "id", "“%s” is not a valid id", id);
  if (r.error != NULL)
    {
      g_propagate_error (error, r.error);
      return NULL;
    }

  change->id = g_strdup (id);
  r.type = record_type_names[change->type];
  r.id = change->id;
  change->version = read_int (&r, "version", TRUE, 1, G_MAXINT64);
  change->deleted = read_bool (&r, "deleted", FALSE);
  data = xa_json_object_get_member (r.object, "data", r.last);
  if (r.error == NULL && !change->deleted)
    {
      if (data == NULL || xa_json_node_get_kind (data) != XA_JSON_OBJECT)
        g_set_error (&r.error, XA_RECORD_ERROR, XA_RECORD_ERROR_NOT_AN_OBJECT,
                     "%s %s: field “data”: expected an object", r.type, r.id);
      else
        {
          r.object = data;
          r.last = NULL;
          change->record = record_kinds[change->type].parse (&r);
        }
    }
  if (r.error != NULL)
    {
      g_propagate_error (error, r.error);
      return NULL;
    }
  return g_steal_pointer (&change);
}

XaChange *
xa_change_parse (JsonNode  *node,
                 GError   **error)
{
  g_autoptr(XaJsonDocument) document = NULL;
  g_autoptr(GError) json_error = NULL;
  char *text;

  g_return_val_if_fail (node != NULL, NULL);

  /* Through text, so a change held by json-glib meets exactly the checks of the feed. */
  text = json_to_string (node, FALSE);
  document = xa_json_document_new_take (text, strlen (text), &json_error);
  if (document == NULL)
    {
      /* json-glib wrote it, so this is a value JSON cannot carry (a NaN, say). */
      g_set_error (error, XA_RECORD_ERROR, XA_RECORD_ERROR_WRONG_TYPE,
                   "a change that is not JSON: %s", json_error->message);
      return NULL;
    }
  return xa_change_from_json (xa_json_document_get_root (document), error);
}

void
xa_change_free (XaChange *change)
{
  if (change == NULL)
    return;
  if (change->record != NULL)
    record_kinds[change->type].free (change->record);
  g_free (change->id);
  g_free (change);
}

void
xa_district_free (XaDistrict *d)
{
  if (d == NULL)
    return;
  g_free (d->code);
  g_free (d->name);
  g_free (d);
}

void
xa_category_free (XaCategory *c)
{
  if (c == NULL)
    return;
  g_free (c->code);
  g_free (c->name_zh);
  g_free (c->name_en);
  g_free (c);
}

void
xa_compound_free (XaCompound *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->name);
  g_free (c->district);
  g_free (c->subdistrict);
  g_free (c->community);
  g_free (c->address);
  g_free (c->boundary);
  g_free (c->property_company);
  g_free (c);
}

void
xa_cadre_free (XaCadre *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->name);
  g_free (c->unit);
  g_free (c->phone);
  g_strfreev (c->compounds);
  g_free (c);
}

void
xa_flood_check_free (XaFloodCheck *f)
{
  if (f == NULL)
    return;
  g_free (f->id);
  g_free (f->compound);
  for (guint i = 0; i < XA_N_FLOOD_ITEMS; i++)
    {
      g_free (f->items[i].date);
      g_free (f->items[i].notes);
    }
  g_free (f->inspected_by);
  g_free (f);
}

void
xa_charging_free (XaCharging *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->compound);
  g_free (c);
}

void
xa_elevator_free (XaElevator *e)
{
  if (e == NULL)
    return;
  g_free (e->id);
  g_free (e->compound);
  g_free (e->building);
  g_free (e->unit);
  g_free (e->registration_code);
  g_free (e->maker);
  g_free (e->model);
  g_free (e->commissioned);
  g_free (e->last_inspection);
  g_free (e);
}

void
xa_problem_free (XaProblem *p)
{
  if (p == NULL)
    return;
  g_free (p->id);
  g_free (p->compound);
  g_free (p->category);
  g_free (p->ticket_no);
  g_free (p->title);
  g_free (p->description);
  g_free (p->responsible_party);
  g_free (p->resolution_note);
  g_free (p);
}
