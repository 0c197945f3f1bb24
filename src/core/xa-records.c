/* xa-records.c — parsing and validating the records of the change feed (see
 * src/records-api.md): the wire names of the types and enumerations, one parser per record
 * type, the change around the record, and freeing what they made. The fields themselves are
 * read and checked in xa-records-fields.c. Every error names the record's type and id and
 * the field at fault, because that message is what a bureau's IT contact forwards to the
 * server's operator. */
#include "config.h"

#include <string.h>

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

/* — one parser per record type — */

static gpointer
parse_district (XaFieldReader *r)
{
  XaDistrict *d = g_new0 (XaDistrict, 1);

  d->code = _xa_read_ref (r, "code");
  d->name = _xa_read_string (r, "name", TRUE);
  _xa_read_position (r, &d->lat, &d->lon);
  if (r->error == NULL && strcmp (d->code, r->id) != 0)
    _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "code", "“%s” differs from the id", d->code);
  if (r->error == NULL && (strlen (d->code) != 6 || strspn (d->code, "0123456789") != 6))
    _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "code", "“%s” is not a six-digit code", d->code);
  return d;
}

static gpointer
parse_category (XaFieldReader *r)
{
  XaCategory *c = g_new0 (XaCategory, 1);

  c->code = _xa_read_ref (r, "code");
  c->name_zh = _xa_read_string (r, "name_zh", TRUE);
  c->name_en = _xa_read_string (r, "name_en", TRUE);
  c->key_action = _xa_read_enum (r, "key_action", xa_key_action_names, FALSE, XA_KEY_ACTION_NONE);
  if (r->error == NULL && strcmp (c->code, r->id) != 0)
    _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "code", "“%s” differs from the id", c->code);
  return c;
}

static void
read_boundary (XaFieldReader *r,
               XaCompound    *c)
{
  const XaJsonNode *node = _xa_reader_node (r, "boundary", FALSE);
  const XaJsonNode *point;
  guint n;

  if (node == NULL)
    return;
  if (xa_json_node_get_kind (node) != XA_JSON_ARRAY)
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, "boundary",
                       "expected an array of [lon, lat]");
      return;
    }
  n = xa_json_node_get_size (node);
  if (n < 3 || n > 10000)
    {
      _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "boundary",
                       "%u points; a ring needs 3 … 10000", n);
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
          _xa_reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, "boundary",
                           "point %u is not [lon, lat]", i);
          return;
        }
      lon_node = xa_json_node_first_child (point);
      lat_node = xa_json_node_next (lon_node);
      if (!_xa_node_is_number (lon_node) || !_xa_node_is_number (lat_node))
        {
          _xa_reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, "boundary", "point %u is not numeric", i);
          return;
        }
      c->boundary[2 * i] = xa_json_node_get_double (lon_node);
      c->boundary[2 * i + 1] = xa_json_node_get_double (lat_node);
      if (!xa_coordinates_in_china (c->boundary[2 * i + 1], c->boundary[2 * i]))
        {
          _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "boundary",
                           "point %u is outside China", i);
          return;
        }
    }
}

static gpointer
parse_compound (XaFieldReader *r)
{
  XaCompound *c = g_new0 (XaCompound, 1);

  c->id = g_strdup (r->id);
  c->name = _xa_read_string (r, "name", TRUE);
  c->district = _xa_read_ref (r, "district");
  c->subdistrict = _xa_read_string (r, "subdistrict", TRUE);
  c->community = _xa_read_string (r, "community", TRUE);
  c->address = _xa_read_string (r, "address", TRUE);
  _xa_read_position (r, &c->lat, &c->lon);
  read_boundary (r, c);
  c->kind = _xa_read_enum (r, "kind", xa_compound_kind_names, TRUE, 0);
  c->built_year = _xa_read_int (r, "built_year", FALSE, 1949, 2100);
  c->buildings = _xa_read_int (r, "buildings", TRUE, 0, 100000);
  c->households = _xa_read_int (r, "households", TRUE, 0, 1000000);
  c->property_company = _xa_read_string (r, "property_company", FALSE);
  c->owners_committee = _xa_read_bool (r, "owners_committee", TRUE);
  c->public_revenue_recorded = _xa_read_bool (r, "public_revenue_recorded", TRUE);
  c->special_account = _xa_read_bool (r, "special_account", TRUE);
  c->supervised_fen = _xa_read_int (r, "supervised_fen", TRUE, 0,
                                    G_GINT64_CONSTANT (1000000000000000));
  return c;
}

static gpointer
parse_cadre (XaFieldReader *r)
{
  XaCadre *c = g_new0 (XaCadre, 1);
  const XaJsonNode *node;

  c->id = g_strdup (r->id);
  c->name = _xa_read_string (r, "name", TRUE);
  c->unit = _xa_read_string (r, "unit", TRUE);
  c->phone = _xa_read_string (r, "phone", TRUE);
  node = _xa_reader_node (r, "compounds", TRUE);
  if (node != NULL && xa_json_node_get_kind (node) != XA_JSON_ARRAY)
    _xa_reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, "compounds",
                     "expected an array of compound ids");
  else if (node != NULL)
    {
      const XaJsonNode *element = xa_json_node_first_child (node);
      guint n = xa_json_node_get_size (node);

      if (n < 1 || n > 10)
        _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "compounds",
                         "%u compounds; expected 1 … 10", n);
      c->compounds = g_new0 (char *, n + 1);
      for (guint i = 0; i < n && r->error == NULL; i++, element = xa_json_node_next (element))
        {
          gsize length;
          const char *value = xa_json_node_get_string (element, &length);

          /* As in _xa_reader_peek_string(): a \u0000 would store "c1\u0000…" as "c1". */
          if (value != NULL && strlen (value) != length)
            _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "compounds",
                             "element %u contains a NUL character (\\u0000)", i);
          else if (value == NULL || !_xa_id_is_valid (value))
            _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "compounds",
                             "element %u is not a compound id", i);
          else
            c->compounds[i] = g_strdup (value);
        }
    }
  return c;
}

static gpointer
parse_flood_check (XaFieldReader *r)
{
  XaFloodCheck *f = g_new0 (XaFloodCheck, 1);

  f->id = g_strdup (r->id);
  f->compound = _xa_read_ref (r, "compound");
  f->season = _xa_read_int (r, "season", TRUE, 1990, 2200);
  for (guint i = 0; i < XA_N_FLOOD_ITEMS; i++)
    {
      const XaJsonNode *node = _xa_reader_node (r, xa_flood_item_names[i], TRUE);
      g_autofree char *prefix = NULL;
      XaFieldReader item;

      if (node == NULL)
        break;
      if (xa_json_node_get_kind (node) != XA_JSON_OBJECT)
        {
          _xa_reader_fail (r, XA_RECORD_ERROR_WRONG_TYPE, xa_flood_item_names[i],
                           "expected an object");
          break;
        }
      prefix = g_strconcat (xa_flood_item_names[i], ".", NULL);
      item = (XaFieldReader) { r->type, r->id, node, NULL, prefix, NULL };
      f->items[i].in_place = _xa_read_bool (&item, "in_place", TRUE);
      f->items[i].date = _xa_read_date (&item, "date", FALSE);
      f->items[i].notes = _xa_read_string (&item, "notes", FALSE);
      if (item.error != NULL)
        {
          r->error = item.error;
          break;
        }
    }
  f->drills_held = _xa_read_int (r, "drills_held", TRUE, 0, 10000);
  f->pumps = _xa_read_int (r, "pumps", TRUE, 0, 100000);
  f->sandbags = _xa_read_int (r, "sandbags", TRUE, 0, 10000000);
  f->low_lying_spots = _xa_read_int (r, "low_lying_spots", TRUE, 0, 100000);
  f->problems_found = _xa_read_int (r, "problems_found", TRUE, 0, 100000);
  f->problems_fixed = _xa_read_int (r, "problems_fixed", TRUE, 0, 100000);
  f->inspected_at = _xa_read_time (r, "inspected_at", TRUE);
  f->inspected_by = _xa_read_string (r, "inspected_by", TRUE);
  return f;
}

static gpointer
parse_charging (XaFieldReader *r)
{
  XaCharging *c = g_new0 (XaCharging, 1);

  c->id = g_strdup (r->id);
  c->compound = _xa_read_ref (r, "compound");
  c->registered_ebikes = _xa_read_int (r, "registered_ebikes", TRUE, 0, INT_MAX_FIELD);
  c->ports = _xa_read_int (r, "ports", TRUE, 0, INT_MAX_FIELD);
  c->smart_ports = _xa_read_int (r, "smart_ports", TRUE, 0, INT_MAX_FIELD);
  c->sheds = _xa_read_int (r, "sheds", TRUE, 0, INT_MAX_FIELD);
  c->outside_sites = _xa_read_int (r, "outside_sites", TRUE, 0, INT_MAX_FIELD);
  if (r->error == NULL && c->smart_ports > c->ports)
    _xa_reader_fail (r, XA_RECORD_ERROR_BAD_VALUE, "smart_ports",
                     "%d is more than the %d ports", c->smart_ports, c->ports);
  return c;
}

static gpointer
parse_elevator (XaFieldReader *r)
{
  XaElevator *e = g_new0 (XaElevator, 1);

  e->id = g_strdup (r->id);
  e->compound = _xa_read_ref (r, "compound");
  e->building = _xa_read_string (r, "building", TRUE);
  e->unit = _xa_read_string (r, "unit", TRUE);
  e->registration_code = _xa_read_string (r, "registration_code", TRUE);
  e->maker = _xa_read_string (r, "maker", TRUE);
  e->model = _xa_read_string (r, "model", TRUE);
  e->commissioned = _xa_read_date (r, "commissioned", TRUE);
  e->last_inspection = _xa_read_date (r, "last_inspection", FALSE);
  e->inspection_result = _xa_read_enum (r, "inspection_result", xa_inspection_result_names, FALSE,
                                        XA_INSPECTION_NONE);
  e->faults_12m = _xa_read_int (r, "faults_12m", TRUE, 0, 100000);
  e->entrapments_12m = _xa_read_int (r, "entrapments_12m", TRUE, 0, 100000);
  e->assessment_grade = _xa_read_enum (r, "assessment_grade", xa_assessment_grade_names, FALSE,
                                       XA_GRADE_NONE);
  e->renewal_status = _xa_read_enum (r, "renewal_status", xa_renewal_status_names, TRUE, 0);
  e->planned_year = _xa_read_int (r, "planned_year", FALSE, 1990, 2200);
  e->funding_source = _xa_read_enum (r, "funding_source", xa_funding_source_names, FALSE,
                                     XA_FUNDING_NONE);
  return e;
}

static gpointer
parse_problem (XaFieldReader *r)
{
  XaProblem *p = g_new0 (XaProblem, 1);

  p->id = g_strdup (r->id);
  p->compound = _xa_read_ref (r, "compound");
  p->category = _xa_read_ref (r, "category");
  p->source = _xa_read_enum (r, "source", xa_problem_source_names, TRUE, 0);
  p->ticket_no = _xa_read_string (r, "ticket_no", FALSE);
  p->title = _xa_read_string (r, "title", TRUE);
  p->description = _xa_read_string (r, "description", FALSE);
  p->reported_at = _xa_read_time (r, "reported_at", TRUE);
  p->deadline = _xa_read_time (r, "deadline", TRUE);
  p->status = _xa_read_enum (r, "status", xa_problem_status_names, TRUE, 0);
  p->tier = _xa_read_enum (r, "tier", xa_problem_tier_names, TRUE, 0);
  p->responsible_party = _xa_read_string (r, "responsible_party", TRUE);
  p->resolved_at = _xa_read_time (r, "resolved_at", FALSE);
  p->resolution_note = _xa_read_string (r, "resolution_note", FALSE);
  p->satisfaction = _xa_read_int (r, "satisfaction", FALSE, 1, 5);
  if (r->error == NULL && p->resolved_at == 0 &&
      (p->status == XA_STATUS_RESOLVED || p->status == XA_STATUS_CLOSED))
    _xa_reader_fail (r, XA_RECORD_ERROR_MISSING_FIELD, "resolved_at",
                     "required when the status is “%s”",
                     xa_problem_status_names[p->status]);
  return p;
}

typedef gpointer (*ParseFunc) (XaFieldReader *r);
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
  if (r.error == NULL && !_xa_id_is_valid (id))
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

XaChange *
xa_change_parse (JsonNode  *node,
                 GError   **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  /* Through text, so a change held by json-glib meets exactly the checks of the feed; a
   * value JSON cannot carry (a NaN, say) fails there, named like any other field. */
  text = json_to_string (node, FALSE);
  return xa_change_from_text (text, -1, error);
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
