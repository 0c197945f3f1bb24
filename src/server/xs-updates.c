/* xs-updates.c — see xs-updates.h.
 *
 * The body is read with the core's strict JSON reader (a duplicate member, 1e400 or a lone
 * surrogate is malformed, not a value), every member is checked against the fields an
 * update may set, and the new state is the record as it is with those fields changed. It is
 * stored with xs_database_put, whose check is the client's own parser: an update can never
 * store what a client would refuse. Only applied updates keep their answer: a refusal
 * changed nothing, so a retry with the same key is simply judged again. */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "xa-json-reader.h"
#include "xa-record-edits.h"
#include "xa-record-ids.h"
#include "xa-records.h"
#include "xa-varargs.h"
#include "xs-updates.h"

#define MAX_KEY_LENGTH    255

typedef enum
{
  VALUE_ENUM,     /* one of names[] */
  VALUE_YEAR,     /* an integer 2000 … 2100 */
  VALUE_TIME,     /* ISO 8601 with an offset */
  VALUE_STRING,   /* a short non-empty text */
  VALUE_TEXT,     /* a text up to XS_UPDATES_MAX_NOTE characters */
} ValueKind;

typedef struct
{
  const char         *name;
  ValueKind           kind;
  const char * const *names;
  gboolean            required;
  gboolean            nullable;   /* null removes the field */
  gboolean            in_record;  /* FALSE: the note, kept in the record's notes */
} FieldSpec;

static const FieldSpec problem_fields[] = {
  { "status", VALUE_ENUM, xa_problem_status_names, TRUE, FALSE, TRUE },
  { "note", VALUE_TEXT, NULL, TRUE, FALSE, FALSE },
  { "tier", VALUE_ENUM, xa_problem_tier_names, FALSE, FALSE, TRUE },
  { "responsible_party", VALUE_STRING, NULL, FALSE, FALSE, TRUE },
  { "deadline", VALUE_TIME, NULL, FALSE, FALSE, TRUE },
  { "resolution_note", VALUE_TEXT, NULL, FALSE, TRUE, TRUE },
};

static const FieldSpec elevator_fields[] = {
  { "renewal_status", VALUE_ENUM, xa_renewal_status_names, FALSE, FALSE, TRUE },
  { "planned_year", VALUE_YEAR, NULL, FALSE, TRUE, TRUE },
  { "funding_source", VALUE_ENUM, xa_funding_source_names, FALSE, TRUE, TRUE },
  { "note", VALUE_TEXT, NULL, FALSE, TRUE, FALSE },
};

typedef struct
{
  XsDatabase *database;
  const char *type;
  const char *id;
  JsonObject *data;      /* the new state, made from the current one */
  JsonObject *changed;   /* field → [before, after], for the record's notes */
  const char *note;
  guint       status;    /* of the answer, 0 while the update may go on */
  char       *body;      /* of the answer */
} Update;

char *
xs_problem_document (guint       status,
                     const char *detail,
                     const char *field)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "about:blank");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, soup_status_get_phrase (status));
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, detail);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Ends the update with a refusal; returns FALSE so callers can return it. */
static gboolean G_GNUC_PRINTF (4, 5)
refuse (Update     *u,
        guint       status,
        const char *field,
        const char *format,
        ...)
{
  g_autofree char *detail = XA_STRDUP_VARARGS (format);

  u->status = status;
  g_free (u->body);
  u->body = xs_problem_document (status, detail, field);
  return FALSE;
}

/* The record as a change of the feed, byte for byte as the feed will serve it. */
static char *
change_text (const char *type,
             const char *id,
             gint64      seq,
             gint64      version,
             const char *data_json)
{
  /* Types and ids are valid ([A-Za-z0-9._-]) before this is reached: no escaping needed. */
  return g_strdup_printf ("{\"seq\":%" G_GINT64_FORMAT ",\"type\":\"%s\",\"id\":\"%s\","
                          "\"version\":%" G_GINT64_FORMAT ",\"deleted\":false,\"data\":%s}",
                          seq, type, id, version, data_json);
}

/* Checks one member of the body against its spec and sets it in the new state. */
static gboolean
apply_field (Update           *u,
             const FieldSpec  *spec,
             const XaJsonNode *node)
{
  g_autoptr(JsonNode) value = NULL;
  JsonNode *before;
  XaJsonKind kind = node != NULL ? xa_json_node_get_kind (node) : XA_JSON_NULL;
  const char *text = NULL;
  gsize length = 0;

  if (node == NULL || kind == XA_JSON_NULL)
    {
      if (node == NULL && spec->required)
        return refuse (u, 422, spec->name, "“%s” is required in a %s update.", spec->name,
                       u->type);
      if (node != NULL && !spec->nullable)
        return refuse (u, 422, spec->name, "“%s” cannot be null.", spec->name);
      if (node == NULL || !spec->in_record)
        return TRUE;
    }
  else if (spec->kind == VALUE_YEAR)
    {
      gint64 year = xa_json_node_get_int (node);

      if (kind != XA_JSON_INTEGER)
        return refuse (u, 422, spec->name, "“%s” must be a whole number (a year).", spec->name);
      if (!xa_planned_year_is_valid (year))
        return refuse (u, 422, spec->name, "“%s” is %" G_GINT64_FORMAT "; it must lie within "
                       "%d … %d.", spec->name, year, XA_EDIT_MIN_PLANNED_YEAR,
                       XA_EDIT_MAX_PLANNED_YEAR);
      value = json_node_init_int (json_node_alloc (), year);
    }
  else
    {
      if (kind != XA_JSON_STRING)
        return refuse (u, 422, spec->name, "“%s” must be a string.", spec->name);
      text = xa_json_node_get_string (node, &length);
      if (length != strlen (text))
        return refuse (u, 422, spec->name, "“%s” contains a NUL character (\\u0000).",
                       spec->name);
      switch (spec->kind)
        {
        case VALUE_ENUM:
          if (!g_strv_contains (spec->names, text))
            {
              g_autofree char *known = g_strjoinv (", ", (char **) spec->names);

              return refuse (u, 422, spec->name, "“%s” is not a %s; use one of %s.", text,
                             spec->name, known);
            }
          break;
        case VALUE_TIME:
          {
            gint64 unix_time;

            if (!xa_parse_time (text, &unix_time))
              return refuse (u, 422, spec->name, "“%s” is not a time with an offset "
                             "(2025-06-03T09:30:00+08:00).", spec->name);
          }
          break;
        case VALUE_STRING:
          if (!xa_edit_party_is_valid (text))
            return refuse (u, 422, spec->name, "“%s” must be 1 to %d characters.", spec->name,
                           XA_EDIT_MAX_PARTY);
          break;
        case VALUE_TEXT:
          if (!xa_edit_note_is_valid (text))
            return refuse (u, 422, spec->name, "“%s” is longer than %d characters.", spec->name,
                           XS_UPDATES_MAX_NOTE);
          break;
        case VALUE_YEAR:
          g_assert_not_reached ();
        }
      if (!spec->in_record)
        {
          u->note = text;
          return TRUE;
        }
      value = json_node_init_string (json_node_alloc (), text);
    }

  before = json_object_get_member (u->data, spec->name);
  if (value == NULL && before == NULL)
    return TRUE;
  if (value != NULL && before != NULL && json_node_equal (value, before))
    return TRUE;
  {
    JsonArray *pair = json_array_new ();

    json_array_add_element (pair, before != NULL ? json_node_copy (before)
                                                 : json_node_new (JSON_NODE_NULL));
    json_array_add_element (pair, value != NULL ? json_node_copy (value)
                                                : json_node_new (JSON_NODE_NULL));
    json_object_set_array_member (u->changed, spec->name, pair);
  }
  if (value != NULL)
    json_object_set_member (u->data, spec->name, g_steal_pointer (&value));
  else
    json_object_remove_member (u->data, spec->name);
  return TRUE;
}

static char *
now_text (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

/* The problem flow: the transition itself, and the fields that follow from it. */
static gboolean
apply_problem_flow (Update     *u,
                    const char *status_before)
{
  const char *status_after = json_object_get_string_member (u->data, "status");
  int from = xa_enum_from_string (xa_problem_status_names, status_before);
  int to = xa_enum_from_string (xa_problem_status_names, status_after);

  if (from == XA_STATUS_CLOSED)
    return refuse (u, 422, "status", "Its “status” is closed, which is final: nothing about "
                   "the problem can change any more.");
  /* The flow is the client's own (xa-record-edits.c): both sides judge with one table. */
  if (from < 0 || to < 0 || !xa_problem_status_may_change (from, to))
    return refuse (u, 422, "status", "The “status” cannot go from “%s” to “%s”; the ledger's "
                   "flow is open → in_progress → resolved → closed, open → resolved, resolved → "
                   "in_progress.", status_before, status_after);
  if (from == to)
    return TRUE;
  if (to == XA_STATUS_RESOLVED)
    {
      g_autofree char *now = now_text ();

      json_object_set_string_member (u->data, "resolved_at", now);
    }
  else if (to == XA_STATUS_IN_PROGRESS && json_object_has_member (u->data, "resolved_at"))
    json_object_remove_member (u->data, "resolved_at");   /* reopened: no longer resolved */
  return TRUE;
}

/* Appends what changed, and why, to the record's notes (its status history). */
static void
add_note (Update *u,
          gint64  version)
{
  JsonNode *notes_node = json_object_get_member (u->data, "notes");
  JsonArray *notes;
  JsonObject *entry = json_object_new ();
  g_autofree char *now = now_text ();

  if (notes_node == NULL || !JSON_NODE_HOLDS_ARRAY (notes_node))
    json_object_set_array_member (u->data, "notes", json_array_new ());
  notes = json_object_get_array_member (u->data, "notes");
  json_object_set_string_member (entry, "at", now);
  json_object_set_int_member (entry, "version", version);
  if (u->note != NULL)
    json_object_set_string_member (entry, "note", u->note);
  json_object_set_object_member (entry, "changed", json_object_ref (u->changed));
  json_array_add_object_element (notes, entry);
  while (json_array_get_length (notes) > XS_UPDATES_MAX_NOTES)
    json_array_remove_element (notes, 0);
}

/* The field a client parser's message names ("… field “deadline” …"), or NULL. */
static char *
field_of_message (const char *message)
{
  const char *start = strstr (message, "field “");
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("field “");
  end = strstr (start, "”");
  return end != NULL ? g_strndup (start, end - start) : NULL;
}

/* Everything between reading the current state and writing the new one, inside the
 * transaction. */
static gboolean
apply (Update           *u,
       const XaJsonNode *root)
{
  const FieldSpec *fields = g_str_equal (u->type, "problem") ? problem_fields : elevator_fields;
  guint n_fields = g_str_equal (u->type, "problem") ? G_N_ELEMENTS (problem_fields)
                                                    : G_N_ELEMENTS (elevator_fields);
  const XaJsonNode *base = xa_json_object_get_member (root, "base_version", NULL);
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  g_autofree char *status_before = NULL;
  g_autofree char *stored = NULL;
  gint64 seq, version, new_seq, new_version;

  current = xs_database_get_current (u->database, u->type, u->id, &seq, &version, &error);
  if (current == NULL && error != NULL)
    return refuse (u, 503, NULL, "The record could not be read; try again.");
  if (current == NULL)
    return refuse (u, 404, NULL, "There is no %s “%s” on this server.", u->type, u->id);

  for (const XaJsonNode *m = xa_json_node_first_child (root); m != NULL; m = xa_json_node_next (m))
    {
      const char *name = xa_json_node_get_name (m);
      gboolean known = g_str_equal (name, "base_version");

      for (guint i = 0; !known && i < n_fields; i++)
        known = g_str_equal (name, fields[i].name);
      if (!known)
        {
          g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
          g_auto(GStrv) list = NULL;
          g_autofree char *known_names = NULL;

          for (guint i = 0; i < n_fields; i++)
            g_strv_builder_add (names, fields[i].name);
          list = g_strv_builder_end (names);
          known_names = g_strjoinv (", ", list);
          return refuse (u, 422, name, "“%s” is not a field an update can set; an update of "
                         "this record sets base_version, %s.", name, known_names);
        }
    }
  if (base == NULL || xa_json_node_get_kind (base) != XA_JSON_INTEGER ||
      xa_json_node_get_int (base) < 1)
    return refuse (u, 422, "base_version", "“base_version” must be the version (a whole number, "
                   "at least 1) the change was made on.");

  parsed = json_from_string (current, &error);
  if (parsed == NULL || !JSON_NODE_HOLDS_OBJECT (parsed))
    return refuse (u, 503, NULL, "The record could not be read; try again.");
  u->data = json_object_ref (json_node_get_object (parsed));
  status_before = g_strdup (json_object_get_string_member_with_default (u->data, "status", ""));
  for (guint i = 0; i < n_fields; i++)
    if (!apply_field (u, &fields[i], xa_json_object_get_member (root, fields[i].name, NULL)))
      return FALSE;
  if (xa_json_node_get_int (base) != version)
    {
      g_autofree char *change = change_text (u->type, u->id, seq, version, current);
      g_autofree char *detail = g_strdup_printf ("The %s changed since version %" G_GINT64_FORMAT
                                                 "; it is at version %" G_GINT64_FORMAT " now.",
                                                 u->type, xa_json_node_get_int (base), version);
      g_autofree char *document = xs_problem_document (409, detail, NULL);

      /* "current" goes in as the feed's own text: no number is reformatted on the way. */
      document[strlen (document) - 1] = '\0';
      u->status = 409;
      g_free (u->body);
      u->body = g_strconcat (document, ",\"current\":", change, "}", NULL);
      return FALSE;
    }
  /* Judged on the record as it is, so only once the base is known to be it. */
  if (json_object_get_size (u->changed) == 0 && u->note == NULL)
    return refuse (u, 422, NULL, "The update changes nothing; an elevator update sets "
                   "renewal_status, planned_year, funding_source or a note.");
  if (g_str_equal (u->type, "problem") && !apply_problem_flow (u, status_before))
    return FALSE;

  add_note (u, version + 1);
  new_seq = xs_database_put (u->database, u->type, u->id, u->data, &error);
  if (new_seq == 0)
    {
      g_autofree char *field = field_of_message (error->message);

      if (g_error_matches (error, XS_DATABASE_ERROR, XS_DATABASE_ERROR_SQLITE))
        {
          g_warning ("An update of %s %s was not stored: %s", u->type, u->id, error->message);
          return refuse (u, 503, NULL, "The update could not be stored; try again.");
        }
      return refuse (u, 422, field, "The record would not be valid: %s", error->message);
    }
  stored = xs_database_get_current (u->database, u->type, u->id, &seq, &new_version, &error);
  if (stored == NULL)
    return refuse (u, 503, NULL, "The update could not be read back; try again.");
  u->status = 200;
  u->body = change_text (u->type, u->id, new_seq, new_version, stored);
  return TRUE;
}

static gboolean
key_is_valid (const char *key)
{
  size_t length = key != NULL ? strlen (key) : 0;

  if (length == 0 || length > MAX_KEY_LENGTH)
    return FALSE;
  for (size_t i = 0; i < length; i++)
    if (key[i] < 0x20 || key[i] > 0x7e)
      return FALSE;
  return TRUE;
}

guint
xs_updates_apply (XsDatabase *database,
                  const char *type,
                  const char *id,
                  const char *key,
                  const char *body,
                  gsize       length,
                  char      **out_body)
{
  Update u = { .database = database, .type = type, .id = id };
  g_autoptr(XaJsonDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *kept_fingerprint = NULL;
  g_autofree char *kept_body = NULL;
  const char *fingerprint;
  guint kept_status = 0;

  g_return_val_if_fail (XS_IS_DATABASE (database), 500);
  g_return_val_if_fail (g_str_equal (type, "problem") || g_str_equal (type, "elevator"), 500);

  if (!key_is_valid (key))
    {
      refuse (&u, 400, "Idempotency-Key", key == NULL
              ? "An update needs an Idempotency-Key header (a new random key for each change, "
                "the same key when the change is sent again)."
              : "The Idempotency-Key must be 1 to 255 printable ASCII characters.");
      *out_body = u.body;
      return u.status;
    }
  /* What the key was first used for: the same key with another request is a client's bug. */
  g_checksum_update (checksum, (const guchar *) type, strlen (type) + 1);
  g_checksum_update (checksum, (const guchar *) id, strlen (id) + 1);
  g_checksum_update (checksum, (const guchar *) body, length);
  fingerprint = g_checksum_get_string (checksum);

  if (!xs_database_begin (database, &error))
    {
      g_warning ("An update of %s %s could not begin: %s", type, id, error->message);
      refuse (&u, 503, NULL, "The server's database is busy; try again.");
      *out_body = u.body;
      return u.status;
    }
  if (!xs_database_find_answer (database, key, &kept_fingerprint, &kept_status, &kept_body, &error))
    refuse (&u, 503, NULL, "The server's database could not be read; try again.");
  else if (kept_body != NULL && g_str_equal (kept_fingerprint, fingerprint))
    {
      u.status = kept_status;
      u.body = g_steal_pointer (&kept_body);
    }
  else if (kept_body != NULL)
    refuse (&u, 422, "Idempotency-Key", "This Idempotency-Key was used for another request; "
            "use a new key for each change.");
  else if (!xa_record_id_is_valid (id))
    refuse (&u, 404, NULL, "There is no %s with that id on this server.", type);
  else if ((document = xa_json_document_new (body, length, &error)) == NULL)
    refuse (&u, 400, NULL, "The body is not JSON: %s", error->message);
  else if (xa_json_node_get_kind (xa_json_document_get_root (document)) != XA_JSON_OBJECT)
    refuse (&u, 400, NULL, "The body must be a JSON object.");
  else
    {
      u.data = NULL;
      u.changed = json_object_new ();
      if (apply (&u, xa_json_document_get_root (document)) &&
          !xs_database_keep_answer (database, key, fingerprint, u.status, u.body, &error))
        refuse (&u, 503, NULL, "The update could not be stored; try again.");
    }

  if (u.status == 200 && kept_status == 0)
    {
      if (!xs_database_commit (database, &error))
        {
          g_warning ("An update of %s %s was not committed: %s", type, id, error->message);
          xs_database_rollback (database);
          refuse (&u, 503, NULL, "The update could not be stored; try again.");
        }
    }
  else
    xs_database_rollback (database);   /* nothing was written, or nothing may stay */

  g_clear_pointer (&u.data, json_object_unref);
  g_clear_pointer (&u.changed, json_object_unref);
  *out_body = u.body;
  return u.status;
}
