/* xa-records.c — the records of the change feed (see src/records-api.md): the wire names of
 * the types and enumerations, the one description of each record type (its fields: wire key
 * and column, kind, place in the struct, bounds) and the walks over it that parse and free a
 * record; xa-store-rows.c walks the same description to bind and read rows. Parsing the
 * change around the record is here too; each field is read and checked in
 * xa-records-fields.c. Every error names the record's type and id and
 * the field at fault, because that message is what a bureau's IT contact forwards to the
 * server's operator. */
#include "config.h"

#include <string.h>

#include "xa-record-ids.h"
#include "xa-records-private.h"

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

#define INT_MAX_FIELD G_GINT64_CONSTANT (2000000000)

/* — reading the fields that are more than one value — */

static void
read_boundary (XaFieldReader     *r,
               const XaFieldSpec *f,
               guint8            *base)
{
  const XaJsonNode *node = _xa_reader_node (r, f->key, f->required);
  const XaJsonNode *point;
  double *boundary;
  guint n;

  if (node == NULL)
    return;
  if (xa_json_node_get_kind (node) != XA_JSON_ARRAY)
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, f->key, "expected an array of [lon, lat]");
      return;
    }
  n = xa_json_node_get_size (node);
  if (n < 3 || n > 10000)
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, f->key,
                       "%u points; a ring needs 3 … 10000", n);
      return;
    }
  boundary = g_new (double, 2 * n);
  G_STRUCT_MEMBER (double *, base, f->offset) = boundary;
  G_STRUCT_MEMBER (guint, base, f->count_offset) = n;
  point = xa_json_node_first_child (node);
  for (guint i = 0; i < n; i++, point = xa_json_node_next (point))
    {
      const XaJsonNode *lon_node, *lat_node;

      if (xa_json_node_get_kind (point) != XA_JSON_ARRAY || xa_json_node_get_size (point) != 2)
        {
          _xa_reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, f->key, "point %u is not [lon, lat]", i);
          return;
        }
      lon_node = xa_json_node_first_child (point);
      lat_node = xa_json_node_next (lon_node);
      if (!_xa_node_is_number (lon_node) || !_xa_node_is_number (lat_node))
        {
          _xa_reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, f->key, "point %u is not numeric", i);
          return;
        }
      boundary[2 * i] = xa_json_node_get_double (lon_node);
      boundary[2 * i + 1] = xa_json_node_get_double (lat_node);
      if (!xa_coordinates_in_china (boundary[2 * i + 1], boundary[2 * i]))
        {
          _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, f->key, "point %u is outside China", i);
          return;
        }
    }
}

static char **
read_id_list (XaFieldReader     *r,
              const XaFieldSpec *f)
{
  const XaJsonNode *node = _xa_reader_node (r, f->key, f->required);
  const char *target = xa_record_type_to_string (f->target);
  const XaJsonNode *element;
  char **ids;
  guint n;

  if (node == NULL)
    return NULL;
  if (xa_json_node_get_kind (node) != XA_JSON_ARRAY)
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, f->key, "expected an array of %s ids",
                       target);
      return NULL;
    }
  n = xa_json_node_get_size (node);
  if (n < 1 || n > 10)
    _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, f->key, "%u %ss; expected 1 … 10", n, target);
  ids = g_new0 (char *, n + 1);
  element = xa_json_node_first_child (node);
  for (guint i = 0; i < n && r->error == NULL; i++, element = xa_json_node_next (element))
    {
      gsize length;
      const char *value = xa_json_node_get_string (element, &length);

      /* As in _xa_reader_peek_string(): a \u0000 would store "c1\u0000…" as "c1". */
      if (value != NULL && strlen (value) != length)
        _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, f->key,
                         "element %u contains a NUL character (\\u0000)", i);
      else if (value == NULL || !xa_record_id_is_valid (value))
        _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, f->key, "element %u is not a %s id", i,
                         target);
      else
        ids[i] = g_strdup (value);
    }
  return ids;
}

static void read_fields (XaFieldReader     *r,
                         const XaFieldSpec *fields,
                         guint              n_fields,
                         guint8            *base);

/* Each item is an object of its own; its fields are named "<item>.<field>" in errors. */
static void
read_items (XaFieldReader     *r,
            const XaFieldSpec *f,
            guint8            *base)
{
  for (guint i = 0; f->names[i] != NULL; i++)
    {
      const XaJsonNode *node = _xa_reader_node (r, f->names[i], TRUE);
      g_autofree char *prefix = NULL;
      XaFieldReader item;

      if (node == NULL)
        return;
      if (xa_json_node_get_kind (node) != XA_JSON_OBJECT)
        {
          _xa_reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, f->names[i], "expected an object");
          return;
        }
      prefix = g_strconcat (f->names[i], ".", NULL);
      item = (XaFieldReader) { r->type, r->id, node, NULL, prefix, NULL };
      read_fields (&item, f->item_fields, f->n_item_fields,
                   base + f->offset + i * f->item_size);
      if (item.error != NULL)
        {
          r->error = item.error;
          return;
        }
    }
}

static void
read_fields (XaFieldReader     *r,
             const XaFieldSpec *fields,
             guint              n_fields,
             guint8            *base)
{
  for (const XaFieldSpec *f = fields; f < fields + n_fields; f++)
    {
      gpointer member = base + f->offset;

      switch (f->kind)
        {
        case XA_FIELD_STRING:
          *(char **) member = _xa_read_string (r, f->key, f->required);
          break;
        case XA_FIELD_REF:
          *(char **) member = _xa_read_ref (r, f->key);
          break;
        case XA_FIELD_DATE:
          *(char **) member = _xa_read_date (r, f->key, f->required);
          break;
        case XA_FIELD_INT:
          *(int *) member = _xa_read_int (r, f->key, f->required, f->min, f->max);
          break;
        case XA_FIELD_INT64:
          *(gint64 *) member = _xa_read_int (r, f->key, f->required, f->min, f->max);
          break;
        case XA_FIELD_TIME:
          *(gint64 *) member = _xa_read_time (r, f->key, f->required);
          break;
        case XA_FIELD_BOOL:
          *(gboolean *) member = _xa_read_bool (r, f->key, f->required);
          break;
        case XA_FIELD_ENUM:
          *(int *) member = _xa_read_enum (r, f->key, f->names, f->required, f->absent);
          break;
        case XA_FIELD_POSITION:
          _xa_read_position (r, (double *) member, (double *) member + 1);
          break;
        case XA_FIELD_BOUNDARY:
          read_boundary (r, f, base);
          break;
        case XA_FIELD_ID_LIST:
          *(char ***) member = read_id_list (r, f);
          break;
        case XA_FIELD_ITEMS:
          read_items (r, f, base);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* — the rules across fields — */

static void
check_district (XaFieldReader *r,
                gconstpointer  record)
{
  const XaDistrict *d = record;

  if (strlen (d->code) != 6 || strspn (d->code, "0123456789") != 6)
    _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "code", "“%s” is not a six-digit code", d->code);
}

static void
check_charging (XaFieldReader *r,
                gconstpointer  record)
{
  const XaCharging *c = record;

  if (c->smart_ports > c->ports)
    _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "smart_ports",
                     "%d is more than the %d ports", c->smart_ports, c->ports);
}

static void
check_problem (XaFieldReader *r,
               gconstpointer  record)
{
  const XaProblem *p = record;

  if (p->resolved_at == 0 && (p->status == XA_STATUS_RESOLVED || p->status == XA_STATUS_CLOSED))
    _xa_reader_fail (r, XA_RECORD_ERROR_MISSING_FIELD, "resolved_at",
                     "required when the status is “%s”",
                     xa_problem_status_names[p->status]);
}

/* — the description of each record type (src/records-api.md) — */

#define REQUIRED TRUE
#define OPTIONAL FALSE
#define AT(T, m) .key = #m, .offset = G_STRUCT_OFFSET (T, m)
#define STRING(T, m, req) { AT (T, m), .kind = XA_FIELD_STRING, .required = req }
#define DATE(T, m, req) { AT (T, m), .kind = XA_FIELD_DATE, .required = req }
#define TIME(T, m, req) { AT (T, m), .kind = XA_FIELD_TIME, .required = req }
#define BOOL(T, m, req) { AT (T, m), .kind = XA_FIELD_BOOL, .required = req }
#define INT(T, m, req, lo, hi) \
  { AT (T, m), .kind = XA_FIELD_INT, .required = req, .min = lo, .max = hi }
#define INT64(T, m, req, lo, hi) \
  { AT (T, m), .kind = XA_FIELD_INT64, .required = req, .min = lo, .max = hi }
#define ENUM(T, m, req, table, none) \
  { AT (T, m), .kind = XA_FIELD_ENUM, .required = req, .names = table, .absent = none }
#define REF(T, m, to) { AT (T, m), .kind = XA_FIELD_REF, .required = TRUE, .target = to }
#define POSITION(T) \
  { .key = "lat", .offset = G_STRUCT_OFFSET (T, lat), .kind = XA_FIELD_POSITION, \
    .required = TRUE }
/* POSITION reads lon right after lat. */
#define LON_FOLLOWS_LAT(T) \
  G_STATIC_ASSERT (G_STRUCT_OFFSET (T, lon) == G_STRUCT_OFFSET (T, lat) + sizeof (double))
#define RECORD(T, id, key, table, rule, free_func) \
  { sizeof (T), G_STRUCT_OFFSET (T, id), key, table, G_N_ELEMENTS (table), rule, \
    (GDestroyNotify) free_func }

LON_FOLLOWS_LAT (XaDistrict);
LON_FOLLOWS_LAT (XaCompound);

static const XaFieldSpec district_fields[] = {
  STRING (XaDistrict, name, REQUIRED),
  POSITION (XaDistrict),
};

static const XaFieldSpec category_fields[] = {
  STRING (XaCategory, name_zh, REQUIRED),
  STRING (XaCategory, name_en, REQUIRED),
  ENUM (XaCategory, key_action, OPTIONAL, xa_key_action_names, XA_KEY_ACTION_NONE),
};

static const XaFieldSpec compound_fields[] = {
  STRING (XaCompound, name, REQUIRED),
  REF (XaCompound, district, XA_RECORD_DISTRICT),
  STRING (XaCompound, subdistrict, REQUIRED),
  STRING (XaCompound, community, REQUIRED),
  STRING (XaCompound, address, REQUIRED),
  POSITION (XaCompound),
  { AT (XaCompound, boundary), .kind = XA_FIELD_BOUNDARY, .required = OPTIONAL,
    .count_offset = G_STRUCT_OFFSET (XaCompound, n_boundary_points) },
  ENUM (XaCompound, kind, REQUIRED, xa_compound_kind_names, XA_COMPOUND_RESIDENTIAL),
  INT (XaCompound, built_year, OPTIONAL, 1949, 2100),
  INT (XaCompound, buildings, REQUIRED, 0, 100000),
  INT (XaCompound, households, REQUIRED, 0, 1000000),
  STRING (XaCompound, property_company, OPTIONAL),
  BOOL (XaCompound, owners_committee, REQUIRED),
  BOOL (XaCompound, public_revenue_recorded, REQUIRED),
  BOOL (XaCompound, special_account, REQUIRED),
  INT64 (XaCompound, supervised_fen, REQUIRED, 0, G_GINT64_CONSTANT (1000000000000000)),
};

static const XaFieldSpec cadre_fields[] = {
  STRING (XaCadre, name, REQUIRED),
  STRING (XaCadre, unit, REQUIRED),
  STRING (XaCadre, phone, REQUIRED),
  { AT (XaCadre, compounds), .kind = XA_FIELD_ID_LIST, .required = REQUIRED,
    .target = XA_RECORD_COMPOUND },
};

static const XaFieldSpec flood_item_fields[] = {
  BOOL (XaFloodItem, in_place, REQUIRED),
  DATE (XaFloodItem, date, OPTIONAL),
  STRING (XaFloodItem, notes, OPTIONAL),
};

static const XaFieldSpec flood_check_fields[] = {
  REF (XaFloodCheck, compound, XA_RECORD_COMPOUND),
  INT (XaFloodCheck, season, REQUIRED, 1990, 2200),
  { AT (XaFloodCheck, items), .kind = XA_FIELD_ITEMS, .required = REQUIRED,
    .names = xa_flood_item_names, .item_fields = flood_item_fields,
    .n_item_fields = G_N_ELEMENTS (flood_item_fields), .item_size = sizeof (XaFloodItem) },
  INT (XaFloodCheck, drills_held, REQUIRED, 0, 10000),
  INT (XaFloodCheck, pumps, REQUIRED, 0, 100000),
  INT (XaFloodCheck, sandbags, REQUIRED, 0, 10000000),
  INT (XaFloodCheck, low_lying_spots, REQUIRED, 0, 100000),
  INT (XaFloodCheck, problems_found, REQUIRED, 0, 100000),
  INT (XaFloodCheck, problems_fixed, REQUIRED, 0, 100000),
  TIME (XaFloodCheck, inspected_at, REQUIRED),
  STRING (XaFloodCheck, inspected_by, REQUIRED),
};

static const XaFieldSpec charging_fields[] = {
  REF (XaCharging, compound, XA_RECORD_COMPOUND),
  INT (XaCharging, registered_ebikes, REQUIRED, 0, INT_MAX_FIELD),
  INT (XaCharging, ports, REQUIRED, 0, INT_MAX_FIELD),
  INT (XaCharging, smart_ports, REQUIRED, 0, INT_MAX_FIELD),
  INT (XaCharging, sheds, REQUIRED, 0, INT_MAX_FIELD),
  INT (XaCharging, outside_sites, REQUIRED, 0, INT_MAX_FIELD),
};

static const XaFieldSpec elevator_fields[] = {
  REF (XaElevator, compound, XA_RECORD_COMPOUND),
  STRING (XaElevator, building, REQUIRED),
  STRING (XaElevator, unit, REQUIRED),
  STRING (XaElevator, registration_code, REQUIRED),
  STRING (XaElevator, maker, REQUIRED),
  STRING (XaElevator, model, REQUIRED),
  DATE (XaElevator, commissioned, REQUIRED),
  DATE (XaElevator, last_inspection, OPTIONAL),
  ENUM (XaElevator, inspection_result, OPTIONAL, xa_inspection_result_names,
        XA_INSPECTION_NONE),
  INT (XaElevator, faults_12m, REQUIRED, 0, 100000),
  INT (XaElevator, entrapments_12m, REQUIRED, 0, 100000),
  ENUM (XaElevator, assessment_grade, OPTIONAL, xa_assessment_grade_names, XA_GRADE_NONE),
  DATE (XaElevator, assessed_on, OPTIONAL),
  ENUM (XaElevator, renewal_status, REQUIRED, xa_renewal_status_names, XA_RENEWAL_NONE),
  INT (XaElevator, planned_year, OPTIONAL, 1990, 2200),
  ENUM (XaElevator, funding_source, OPTIONAL, xa_funding_source_names, XA_FUNDING_NONE),
};

static const XaFieldSpec problem_fields[] = {
  REF (XaProblem, compound, XA_RECORD_COMPOUND),
  REF (XaProblem, category, XA_RECORD_CATEGORY),
  ENUM (XaProblem, source, REQUIRED, xa_problem_source_names, XA_SOURCE_HOTLINE_12345),
  STRING (XaProblem, ticket_no, OPTIONAL),
  STRING (XaProblem, title, REQUIRED),
  STRING (XaProblem, description, OPTIONAL),
  TIME (XaProblem, reported_at, REQUIRED),
  TIME (XaProblem, deadline, REQUIRED),
  ENUM (XaProblem, status, REQUIRED, xa_problem_status_names, XA_STATUS_OPEN),
  ENUM (XaProblem, tier, REQUIRED, xa_problem_tier_names, XA_TIER_ON_SITE),
  STRING (XaProblem, responsible_party, REQUIRED),
  TIME (XaProblem, resolved_at, OPTIONAL),
  STRING (XaProblem, resolution_note, OPTIONAL),
  INT (XaProblem, satisfaction, OPTIONAL, 1, 5),
};

static const XaRecordSpec record_specs[XA_N_RECORD_TYPES] = {
  [XA_RECORD_DISTRICT] = RECORD (XaDistrict, code, "code", district_fields, check_district,
                                 xa_district_free),
  [XA_RECORD_CATEGORY] = RECORD (XaCategory, code, "code", category_fields, NULL,
                                 xa_category_free),
  [XA_RECORD_COMPOUND] = RECORD (XaCompound, id, NULL, compound_fields, NULL, xa_compound_free),
  [XA_RECORD_CADRE] = RECORD (XaCadre, id, NULL, cadre_fields, NULL, xa_cadre_free),
  [XA_RECORD_FLOOD_CHECK] = RECORD (XaFloodCheck, id, NULL, flood_check_fields, NULL,
                                    xa_flood_check_free),
  [XA_RECORD_CHARGING] = RECORD (XaCharging, id, NULL, charging_fields, check_charging,
                                 xa_charging_free),
  [XA_RECORD_ELEVATOR] = RECORD (XaElevator, id, NULL, elevator_fields, NULL, xa_elevator_free),
  [XA_RECORD_PROBLEM] = RECORD (XaProblem, id, NULL, problem_fields, check_problem,
                                xa_problem_free),
};

const XaRecordSpec *
_xa_record_spec (XaRecordType type)
{
  g_assert (type < XA_N_RECORD_TYPES);
  return &record_specs[type];
}

static void
append_columns (GString           *columns,
                const char        *prefix,
                const XaFieldSpec *fields,
                guint              n_fields)
{
  for (const XaFieldSpec *f = fields; f < fields + n_fields; f++)
    {
      if (f->kind == XA_FIELD_ID_LIST)
        continue;
      if (f->kind == XA_FIELD_ITEMS)
        {
          for (guint i = 0; f->names[i] != NULL; i++)
            {
              g_autofree char *item_prefix = g_strconcat (f->names[i], "_", NULL);

              append_columns (columns, item_prefix, f->item_fields, f->n_item_fields);
            }
          continue;
        }
      g_string_append_printf (columns, "%s%s%s", columns->len > 0 ? ", " : "", prefix, f->key);
      if (f->kind == XA_FIELD_POSITION)
        g_string_append_printf (columns, ", %slon", prefix);
    }
}

const char *
_xa_record_columns (XaRecordType type)
{
  static char *columns[XA_N_RECORD_TYPES];
  static gsize made = 0;

  g_assert (type < XA_N_RECORD_TYPES);
  /* Made once for the process: stores on worker threads ask too. */
  if (g_once_init_enter (&made))
    {
      for (guint t = 0; t < XA_N_RECORD_TYPES; t++)
        {
          GString *list = g_string_new (NULL);

          append_columns (list, "", record_specs[t].fields, record_specs[t].n_fields);
          columns[t] = g_string_free (list, FALSE);
        }
      g_once_init_leave (&made, 1);
    }
  return columns[type];
}

static gpointer
parse_record (XaRecordType   type,
              XaFieldReader *r)
{
  const XaRecordSpec *spec = &record_specs[type];
  guint8 *record = g_malloc0 (spec->size);
  char **id = (char **) (record + spec->id_offset);

  if (spec->id_key != NULL)
    *id = _xa_read_ref (r, spec->id_key);
  else
    *id = g_strdup (r->id);
  read_fields (r, spec->fields, spec->n_fields, record);
  if (r->error == NULL && spec->id_key != NULL && strcmp (*id, r->id) != 0)
    _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, spec->id_key, "“%s” differs from the id", *id);
  if (r->error == NULL && spec->check != NULL)
    spec->check (r, record);
  return record;
}

static void
free_fields (const XaFieldSpec *fields,
             guint              n_fields,
             guint8            *base)
{
  for (const XaFieldSpec *f = fields; f < fields + n_fields; f++)
    {
      gpointer *member = (gpointer *) (base + f->offset);

      /* Numbers, flags, enumerations and positions hold nothing to free. */
      if (f->kind == XA_FIELD_ITEMS)
        for (guint i = 0; f->names[i] != NULL; i++)
          free_fields (f->item_fields, f->n_item_fields, base + f->offset + i * f->item_size);
      else if (f->kind == XA_FIELD_ID_LIST)
        g_strfreev (*member);
      else if (f->kind == XA_FIELD_STRING || f->kind == XA_FIELD_REF ||
               f->kind == XA_FIELD_DATE || f->kind == XA_FIELD_BOUNDARY)
        g_free (*member);
    }
}

void
_xa_record_free (XaRecordType type,
                 gpointer     record)
{
  const XaRecordSpec *spec;

  if (record == NULL)
    return;
  spec = _xa_record_spec (type);
  g_free (G_STRUCT_MEMBER (char *, record, spec->id_offset));
  free_fields (spec->fields, spec->n_fields, record);
  g_free (record);
}

XaChange *
xa_change_from_json (const XaJsonNode  *node,
                     GError           **error)
{
  g_autoptr(XaChange) change = g_new0 (XaChange, 1);
  char seq_label[48];
  XaFieldReader r = { "change", NULL, NULL, NULL, "", NULL };
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
  change->seq = _xa_read_int (&r, "seq", TRUE, 1, G_MAXINT64);
  g_snprintf (seq_label, sizeof seq_label, "at seq %" G_GINT64_FORMAT, change->seq);
  r.id = seq_label;
  type_name = _xa_reader_peek_string (&r, "type", TRUE);
  id = _xa_reader_peek_string (&r, "id", TRUE);
  if (r.error == NULL && !xa_record_type_from_string (type_name, &change->type))
    {
      g_set_error (&r.error, XA_RECORD_ERROR, XA_RECORD_ERROR_UNKNOWN_TYPE,
                   "change %s: unknown record type “%s”", seq_label, type_name);
    }
  if (r.error == NULL && !xa_record_id_is_valid (id))
    _xa_reader_fail (&r, XA_RECORD_ERROR_BAD_VALUE, "id", "“%s” is not a valid id", id);
  if (r.error != NULL)
    {
      g_propagate_error (error, r.error);
      return NULL;
    }

  change->id = g_strdup (id);
  r.type = record_type_names[change->type];
  r.id = change->id;
  change->version = _xa_read_int (&r, "version", TRUE, 1, G_MAXINT64);
  change->deleted = _xa_read_bool (&r, "deleted", FALSE);
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
          change->record = parse_record (change->type, &r);
        }
    }
  if (r.error != NULL)
    {
      g_propagate_error (error, r.error);
      return NULL;
    }
  return g_steal_pointer (&change);
}

gboolean
_xa_change_name_json_failure (const XaJsonFailure *failure,
                              guint                level,
                              const GError        *json_error,
                              GError             **error)
{
  guint depth = xa_json_failure_get_depth (failure);
  const char *type, *id;
  g_autoptr(GString) field = g_string_new (NULL);
  g_autofree char *record = NULL;

  if (depth <= level)
    return FALSE;

  type = xa_json_failure_get_string (failure, level, "type");
  id = xa_json_failure_get_string (failure, level, "id");
  if (type != NULL && id != NULL)
    record = g_strdup_printf ("%s %s", type, id);
  else
    record = g_strdup (type != NULL ? type : "a change");

  /* Fields are named inside "data", as the record's own checks name them. */
  for (guint i = level; i < depth; i++)
    {
      const char *step = xa_json_failure_get_step (failure, i);

      if (i == level && g_str_equal (step, "data") && i + 1 < depth)
        continue;
      if (field->len > 0 && step[0] != '[')
        g_string_append_c (field, '.');
      g_string_append (field, step[0] != '\0' ? step : "(a member name)");
    }
  g_set_error (error, XA_RECORD_ERROR, XA_RECORD_ERROR_BAD_JSON, "%s: field “%s”: %s",
               record, field->str, json_error->message);
  return TRUE;
}

XaChange *
xa_change_from_text (const char  *text,
                     gssize       length,
                     GError     **error)
{
  g_autoptr(XaJsonDocument) document = NULL;
  g_autoptr(XaJsonFailure) failure = NULL;
  g_autoptr(GError) json_error = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;
  document = xa_json_document_new_take_full (len > 0 ? g_memdup2 (text, len) : NULL, len, &failure,
                                             &json_error);
  if (document == NULL)
    {
      if (!_xa_change_name_json_failure (failure, 0, json_error, error))
        g_set_error (error, XA_RECORD_ERROR, XA_RECORD_ERROR_BAD_JSON,
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
    _xa_record_free (change->type, change->record);
  g_free (change->id);
  g_free (change);
}

void
xa_district_free (XaDistrict *district)
{
  _xa_record_free (XA_RECORD_DISTRICT, district);
}

void
xa_category_free (XaCategory *category)
{
  _xa_record_free (XA_RECORD_CATEGORY, category);
}

void
xa_compound_free (XaCompound *compound)
{
  _xa_record_free (XA_RECORD_COMPOUND, compound);
}

void
xa_cadre_free (XaCadre *cadre)
{
  _xa_record_free (XA_RECORD_CADRE, cadre);
}

void
xa_flood_check_free (XaFloodCheck *check)
{
  _xa_record_free (XA_RECORD_FLOOD_CHECK, check);
}

void
xa_charging_free (XaCharging *charging)
{
  _xa_record_free (XA_RECORD_CHARGING, charging);
}

void
xa_elevator_free (XaElevator *elevator)
{
  _xa_record_free (XA_RECORD_ELEVATOR, elevator);
}

void
xa_problem_free (XaProblem *problem)
{
  _xa_record_free (XA_RECORD_PROBLEM, problem);
}
