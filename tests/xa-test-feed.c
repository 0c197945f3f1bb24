/* xa-test-feed.c — see xa-test-feed.h. The field list below is written from
 * src/records-api.md and the store's column names, on purpose apart from the store's own
 * mapping (xa-store-rows.c): a field the sync drops, renames or mangles shows up here. */
#include "config.h"

#include <libsoup/soup.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "xa-test-feed.h"
#include "xa-test-http.h"

typedef struct
{
  gint64      version;
  JsonObject *data;
} FeedRecord;

struct _XaTestFeed
{
  /* type name → (id → FeedRecord) */
  GHashTable *types;
};

static void
feed_record_free (FeedRecord *record)
{
  json_object_unref (record->data);
  g_free (record);
}

static GHashTable *
records_of (XaTestFeed *feed,
            const char *type)
{
  GHashTable *records = g_hash_table_lookup (feed->types, type);

  if (records == NULL)
    {
      records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) feed_record_free);
      g_hash_table_insert (feed->types, g_strdup (type), records);
    }
  return records;
}

/* One page: applies its changes in order and returns whether more follow. */
static gboolean
apply_page (XaTestFeed *feed,
            GBytes     *body,
            char      **cursor)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *page;
  JsonArray *changes;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                              &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  page = json_node_get_object (json_parser_get_root (parser));
  changes = json_object_get_array_member (page, "changes");
  g_assert_nonnull (changes);

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      const char *type = json_object_get_string_member (change, "type");
      const char *id = json_object_get_string_member (change, "id");
      GHashTable *records = records_of (feed, type);

      if (json_object_get_boolean_member (change, "deleted"))
        g_hash_table_remove (records, id);
      else
        {
          FeedRecord *record = g_new0 (FeedRecord, 1);

          record->version = json_object_get_int_member (change, "version");
          record->data = json_object_ref (json_object_get_object_member (change, "data"));
          g_assert_nonnull (record->data);
          g_hash_table_replace (records, g_strdup (id), record);
        }
    }
  g_free (*cursor);
  *cursor = g_strdup (json_object_get_string_member (page, "cursor"));
  return json_object_get_boolean_member (page, "more");
}

XaTestFeed *
xa_test_feed_fetch (const char *base_url,
                    const char *token)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *cursor = NULL;
  XaTestFeed *feed = g_new0 (XaTestFeed, 1);
  gboolean more = TRUE;
  guint pages = 0;

  feed->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_hash_table_unref);
  while (more)
    {
      g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?limit=5000%s%s",
                                               escaped != NULL ? "&cursor=" : "",
                                               escaped != NULL ? escaped : "");
      const XaTestRequest request = { .path = path, .token = token };
      g_auto(XaTestReply) reply = { 0 };

      xa_test_request (session, base_url, &request, &reply);
      g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
      more = apply_page (feed, reply.body, &cursor);
      /* A feed that never ends is a server bug, not a reason to hang the test. */
      g_assert_cmpuint (++pages, <, 10000);
    }
  return feed;
}

void
xa_test_feed_free (XaTestFeed *feed)
{
  if (feed == NULL)
    return;
  g_hash_table_unref (feed->types);
  g_free (feed);
}

guint
xa_test_feed_count (XaTestFeed *feed,
                    const char *type)
{
  GHashTable *records = g_hash_table_lookup (feed->types, type);

  return records != NULL ? g_hash_table_size (records) : 0;
}

GPtrArray *
xa_test_feed_ids (XaTestFeed *feed,
                  const char *type)
{
  GHashTable *records = g_hash_table_lookup (feed->types, type);
  GPtrArray *ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer id;

  if (records != NULL)
    {
      g_hash_table_iter_init (&iter, records);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        g_ptr_array_add (ids, id);
    }
  return ids;
}

static FeedRecord *
lookup_record (XaTestFeed *feed,
               const char *type,
               const char *id)
{
  GHashTable *records = g_hash_table_lookup (feed->types, type);

  return records != NULL ? g_hash_table_lookup (records, id) : NULL;
}

JsonObject *
xa_test_feed_lookup (XaTestFeed *feed,
                     const char *type,
                     const char *id)
{
  FeedRecord *record = lookup_record (feed, type, id);

  return record != NULL ? record->data : NULL;
}

gint64
xa_test_feed_version (XaTestFeed *feed,
                      const char *type,
                      const char *id)
{
  FeedRecord *record = lookup_record (feed, type, id);

  return record != NULL ? record->version : -1;
}

/* — the comparison — */

typedef enum
{
  FIELD_TEXT,     /* JSON string ↔ TEXT */
  FIELD_INT,      /* JSON integer ↔ INTEGER */
  FIELD_BOOL,     /* JSON boolean ↔ INTEGER 0/1 */
  FIELD_REAL,     /* JSON number ↔ REAL, exactly */
  FIELD_TIME,     /* ISO 8601 with offset ↔ INTEGER unix seconds */
  FIELD_RING,     /* [[lon, lat]…] ↔ BLOB of doubles lon, lat, lon, lat… */
} FieldKind;

typedef struct
{
  const char *path;    /* member of data, "a.b" for a member of an object member */
  const char *column;  /* NULL: the path with '.' as '_' */
  FieldKind   kind;
} Field;

typedef struct
{
  const char  *type;   /* also the table */
  const Field *fields;
} TypeSpec;

static const Field district_fields[] = {
  { "name", NULL, FIELD_TEXT }, { "lat", NULL, FIELD_REAL }, { "lon", NULL, FIELD_REAL },
  { NULL },
};
static const Field category_fields[] = {
  { "name_zh", NULL, FIELD_TEXT }, { "name_en", NULL, FIELD_TEXT },
  { "key_action", NULL, FIELD_TEXT },
  { NULL },
};
static const Field compound_fields[] = {
  { "name", NULL, FIELD_TEXT }, { "district", NULL, FIELD_TEXT },
  { "subdistrict", NULL, FIELD_TEXT }, { "community", NULL, FIELD_TEXT },
  { "address", NULL, FIELD_TEXT }, { "lat", NULL, FIELD_REAL }, { "lon", NULL, FIELD_REAL },
  { "boundary", NULL, FIELD_RING }, { "kind", NULL, FIELD_TEXT },
  { "built_year", NULL, FIELD_INT }, { "buildings", NULL, FIELD_INT },
  { "households", NULL, FIELD_INT }, { "property_company", NULL, FIELD_TEXT },
  { "owners_committee", NULL, FIELD_BOOL }, { "public_revenue_recorded", NULL, FIELD_BOOL },
  { "special_account", NULL, FIELD_BOOL }, { "supervised_fen", NULL, FIELD_INT },
  { NULL },
};
/* A cadre's "compounds" live in cadre_compound: compared apart. */
static const Field cadre_fields[] = {
  { "name", NULL, FIELD_TEXT }, { "unit", NULL, FIELD_TEXT }, { "phone", NULL, FIELD_TEXT },
  { NULL },
};
static const Field flood_check_fields[] = {
  { "compound", NULL, FIELD_TEXT }, { "season", NULL, FIELD_INT },
  { "supplies.in_place", NULL, FIELD_BOOL }, { "supplies.date", NULL, FIELD_TEXT },
  { "supplies.notes", NULL, FIELD_TEXT },
  { "personnel.in_place", NULL, FIELD_BOOL }, { "personnel.date", NULL, FIELD_TEXT },
  { "personnel.notes", NULL, FIELD_TEXT },
  { "plan.in_place", NULL, FIELD_BOOL }, { "plan.date", NULL, FIELD_TEXT },
  { "plan.notes", NULL, FIELD_TEXT },
  { "drill.in_place", NULL, FIELD_BOOL }, { "drill.date", NULL, FIELD_TEXT },
  { "drill.notes", NULL, FIELD_TEXT },
  { "drills_held", NULL, FIELD_INT }, { "pumps", NULL, FIELD_INT },
  { "sandbags", NULL, FIELD_INT }, { "low_lying_spots", NULL, FIELD_INT },
  { "problems_found", NULL, FIELD_INT }, { "problems_fixed", NULL, FIELD_INT },
  { "inspected_at", NULL, FIELD_TIME }, { "inspected_by", NULL, FIELD_TEXT },
  { NULL },
};
static const Field charging_fields[] = {
  { "compound", NULL, FIELD_TEXT }, { "registered_ebikes", NULL, FIELD_INT },
  { "ports", NULL, FIELD_INT }, { "smart_ports", NULL, FIELD_INT },
  { "sheds", NULL, FIELD_INT }, { "outside_sites", NULL, FIELD_INT },
  { NULL },
};
static const Field elevator_fields[] = {
  { "compound", NULL, FIELD_TEXT }, { "building", NULL, FIELD_TEXT },
  { "unit", NULL, FIELD_TEXT }, { "registration_code", NULL, FIELD_TEXT },
  { "maker", NULL, FIELD_TEXT }, { "model", NULL, FIELD_TEXT },
  { "commissioned", NULL, FIELD_TEXT }, { "last_inspection", NULL, FIELD_TEXT },
  { "inspection_result", NULL, FIELD_TEXT }, { "faults_12m", NULL, FIELD_INT },
  { "entrapments_12m", NULL, FIELD_INT }, { "assessment_grade", NULL, FIELD_TEXT },
  { "renewal_status", NULL, FIELD_TEXT }, { "planned_year", NULL, FIELD_INT },
  { "funding_source", NULL, FIELD_TEXT },
  { NULL },
};
static const Field problem_fields[] = {
  { "compound", NULL, FIELD_TEXT }, { "category", NULL, FIELD_TEXT },
  { "source", NULL, FIELD_TEXT }, { "ticket_no", NULL, FIELD_TEXT },
  { "title", NULL, FIELD_TEXT }, { "description", NULL, FIELD_TEXT },
  { "reported_at", NULL, FIELD_TIME }, { "deadline", NULL, FIELD_TIME },
  { "status", NULL, FIELD_TEXT }, { "tier", NULL, FIELD_TEXT },
  { "responsible_party", NULL, FIELD_TEXT }, { "resolved_at", NULL, FIELD_TIME },
  { "resolution_note", NULL, FIELD_TEXT }, { "satisfaction", NULL, FIELD_INT },
  { NULL },
};

static const TypeSpec type_specs[] = {
  { "district", district_fields },
  { "category", category_fields },
  { "compound", compound_fields },
  { "cadre", cadre_fields },
  { "flood_check", flood_check_fields },
  { "charging", charging_fields },
  { "elevator", elevator_fields },
  { "problem", problem_fields },
};

/* The member at @path ("a" or "a.b") of @data, or NULL when it is absent or null. */
static JsonNode *
member_at (JsonObject *data,
           const char *path)
{
  const char *dot = strchr (path, '.');
  JsonNode *node;

  if (dot == NULL)
    node = json_object_get_member (data, path);
  else
    {
      g_autofree char *head = g_strndup (path, dot - path);
      JsonNode *outer = json_object_get_member (data, head);

      if (outer == NULL || !JSON_NODE_HOLDS_OBJECT (outer))
        return NULL;
      node = json_object_get_member (json_node_get_object (outer), dot + 1);
    }
  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static char *
column_name (const Field *field)
{
  if (field->column != NULL)
    return g_strdup (field->column);
  return g_strdelimit (g_strdup (field->path), ".", '_');
}

/* NULL when the column holds what the feed's @node says, else what differs. */
static char *
compare_field (const Field  *field,
               JsonNode     *node,
               sqlite3_stmt *stmt,
               int           column)
{
  int stored_type = sqlite3_column_type (stmt, column);

  if (node == NULL)
    return stored_type == SQLITE_NULL ? NULL
                                      : g_strdup_printf ("absent in the feed, stored as “%s”",
                                                         sqlite3_column_text (stmt, column));
  if (stored_type == SQLITE_NULL)
    return g_strdup ("in the feed, NULL in the store");

  switch (field->kind)
    {
    case FIELD_TEXT:
      {
        const char *want = json_node_get_string (node);
        const char *got = (const char *) sqlite3_column_text (stmt, column);

        if (want == NULL || stored_type != SQLITE_TEXT || g_strcmp0 (want, got) != 0)
          return g_strdup_printf ("feed “%s”, store “%s”", want, got);
      }
      break;

    case FIELD_INT:
    case FIELD_BOOL:
      {
        gint64 want = field->kind == FIELD_BOOL ? json_node_get_boolean (node)
                                                : json_node_get_int (node);
        gint64 got = sqlite3_column_int64 (stmt, column);

        if (stored_type != SQLITE_INTEGER || want != got)
          return g_strdup_printf ("feed %" G_GINT64_FORMAT ", store %" G_GINT64_FORMAT, want, got);
      }
      break;

    case FIELD_REAL:
      {
        double want = json_node_get_double (node);
        double got = sqlite3_column_double (stmt, column);

        if (want != got)
          return g_strdup_printf ("feed %.17g, store %.17g", want, got);
      }
      break;

    case FIELD_TIME:
      {
        g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_node_get_string (node),
                                                                  NULL);
        gint64 got = sqlite3_column_int64 (stmt, column);

        if (time == NULL || stored_type != SQLITE_INTEGER || g_date_time_to_unix (time) != got)
          return g_strdup_printf ("feed %s, store %" G_GINT64_FORMAT,
                                  json_node_get_string (node), got);
      }
      break;

    case FIELD_RING:
      {
        JsonArray *ring = json_node_get_array (node);
        guint n = json_array_get_length (ring);
        const double *got = sqlite3_column_blob (stmt, column);
        int bytes = sqlite3_column_bytes (stmt, column);

        if (bytes != (int) (n * 2 * sizeof (double)))
          return g_strdup_printf ("feed %u points, store %d bytes", n, bytes);
        for (guint i = 0; i < n; i++)
          {
            JsonArray *point = json_array_get_array_element (ring, i);

            if (json_array_get_double_element (point, 0) != got[2 * i] ||
                json_array_get_double_element (point, 1) != got[2 * i + 1])
              return g_strdup_printf ("point %u: feed [%.17g, %.17g], store [%.17g, %.17g]", i,
                                      json_array_get_double_element (point, 0),
                                      json_array_get_double_element (point, 1),
                                      got[2 * i], got[2 * i + 1]);
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A cadre's compounds in the feed, as a sorted set joined by spaces. */
static char *
feed_cadre_compounds (JsonObject *data)
{
  JsonArray *array = json_object_get_array_member (data, "compounds");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GString *joined = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_ptr_array_add (ids, (gpointer) json_array_get_string_element (array, i));
  g_ptr_array_sort (ids, compare_strings);
  for (guint i = 0; i < ids->len; i++)
    if (i == 0 || strcmp (ids->pdata[i], ids->pdata[i - 1]) != 0)
      g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", (char *) ids->pdata[i]);
  return g_string_free (joined, FALSE);
}

static char *
store_cadre_compounds (sqlite3    *db,
                       const char *cadre)
{
  sqlite3_stmt *stmt = NULL;
  GString *joined = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT compound FROM cadre_compound WHERE cadre = ?1 "
                                       "ORDER BY compound", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, cadre, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "",
                            sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (joined, FALSE);
}

/* Counts and reports (the first few of) the differences of one type; adds the rows read
 * to @rows_out. With @part, records of the server missing from the store do not count. */
static guint
compare_type (XaTestFeed     *feed,
              sqlite3        *db,
              const TypeSpec *spec,
              gboolean        part,
              guint          *rows_out)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id, version");
  sqlite3_stmt *stmt = NULL;
  guint rows = 0, differences = 0;

  for (const Field *field = spec->fields; field->path != NULL; field++)
    {
      g_autofree char *column = column_name (field);

      g_string_append_printf (sql, ", %s", column);
    }
  g_string_append_printf (sql, " FROM %s", spec->type);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      FeedRecord *record = lookup_record (feed, spec->type, id);
      int column = 2;

      rows++;
      if (record == NULL)
        {
          if (differences++ < 10)
            g_test_message ("%s %s: in the store, not on the server", spec->type, id);
          continue;
        }
      if (sqlite3_column_int64 (stmt, 1) != record->version && differences++ < 10)
        g_test_message ("%s %s: version %" G_GINT64_FORMAT " in the store, %" G_GINT64_FORMAT
                        " on the server", spec->type, id, (gint64) sqlite3_column_int64 (stmt, 1),
                        record->version);
      for (const Field *field = spec->fields; field->path != NULL; field++, column++)
        {
          g_autofree char *difference = compare_field (field, member_at (record->data, field->path),
                                                       stmt, column);

          if (difference != NULL && differences++ < 10)
            g_test_message ("%s %s, field %s: %s", spec->type, id, field->path, difference);
        }
      if (g_str_equal (spec->type, "cadre"))
        {
          g_autofree char *want = feed_cadre_compounds (record->data);
          g_autofree char *got = store_cadre_compounds (db, id);

          if (!g_str_equal (want, got) && differences++ < 10)
            g_test_message ("cadre %s, field compounds: feed [%s], store [%s]", id, want, got);
        }
    }
  sqlite3_finalize (stmt);
  *rows_out += rows;

  /* Every stored row matched a live record above, so equal counts mean none is missing. */
  if (part)
    g_test_message ("%s: %u of the server's %u records", spec->type, rows,
                    xa_test_feed_count (feed, spec->type));
  else if (rows != xa_test_feed_count (feed, spec->type))
    {
      differences++;
      g_test_message ("%s: %u in the store, %u on the server", spec->type, rows,
                      xa_test_feed_count (feed, spec->type));
    }
  else
    g_test_message ("%s: %u records, the same as on the server", spec->type, rows);
  return differences;
}

static guint
compare_store (XaTestFeed *feed,
               const char *store_path,
               gboolean    part,
               guint      *rows_out)
{
  sqlite3 *db = NULL;
  guint differences = 0, rows = 0;

  g_assert_cmpint (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (type_specs); i++)
    differences += compare_type (feed, db, &type_specs[i], part, &rows);
  sqlite3_close (db);
  if (rows_out != NULL)
    *rows_out = rows;
  return differences;
}

guint
xa_test_feed_compare_store (XaTestFeed *feed,
                            const char *store_path)
{
  return compare_store (feed, store_path, FALSE, NULL);
}

guint
xa_test_feed_compare_store_part (XaTestFeed *feed,
                                 const char *store_path,
                                 guint      *n_records)
{
  return compare_store (feed, store_path, TRUE, n_records);
}

void
xa_test_feed_assert_store (XaTestFeed *feed,
                           const char *store_path)
{
  /* The test log names the first differences of each type. */
  g_assert_cmpuint (xa_test_feed_compare_store (feed, store_path), ==, 0);
}

void
xa_test_assert_store_mirrors_server (const char *store_path,
                                     const char *base_url,
                                     const char *token)
{
  g_autoptr(XaTestFeed) feed = xa_test_feed_fetch (base_url, token);

  xa_test_feed_assert_store (feed, store_path);
}
