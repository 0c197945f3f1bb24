/* xa-records-private.h — what the records' files and the store share: the description of
 * each record type (its fields' wire keys, columns, kinds, places in the struct and bounds;
 * xa-records.c), which parsing, freeing (xa-records.c), binding and reading rows
 * (xa-store-rows.c) walk, and the reader of one field from the wire (xa-records-fields.c). */
#pragma once

#include "xa-records.h"

G_BEGIN_DECLS

/* What a field is, on the wire, in its struct and in its table. */
typedef enum
{
  XA_FIELD_STRING,    /* char *; a required one must not be empty */
  XA_FIELD_REF,       /* char *, the id of a record of @target; always required */
  XA_FIELD_DATE,      /* char *, YYYY-MM-DD */
  XA_FIELD_INT,       /* int in @min … @max; absent, 0 in the struct and NULL in the store */
  XA_FIELD_INT64,     /* gint64, likewise */
  XA_FIELD_TIME,      /* gint64 unix seconds from an ISO 8601 time; absent, as INT */
  XA_FIELD_BOOL,      /* gboolean */
  XA_FIELD_ENUM,      /* int index in @names; @absent when the optional field is missing */
  XA_FIELD_POSITION,  /* double lat and lon side by side: keys and columns "lat", "lon",
                       * inside China */
  XA_FIELD_BOUNDARY,  /* double * of lon,lat pairs and their guint count at @count_offset;
                       * a BLOB of raw doubles in the store */
  XA_FIELD_ID_LIST,   /* char **, NULL-terminated ids of @target: rows of a link table
                       * (<type>_<target>), no column */
  XA_FIELD_ITEMS,     /* an array of structs, one object a name of @names, each described
                       * by @item_fields; columns "<name>_<item column>" */
} XaFieldKind;

/* One field of a record. The wire key is also the column's name: the contract and the
 * store spell every field alike. */
typedef struct _XaFieldSpec XaFieldSpec;
struct _XaFieldSpec
{
  const char         *key;
  XaFieldKind         kind;
  gsize               offset;         /* G_STRUCT_OFFSET of the member */
  gboolean            required;
  gint64              min, max;       /* INT, INT64 */
  const char * const *names;          /* ENUM: the wire spellings; ITEMS: the items' keys */
  int                 absent;         /* ENUM: the value of a missing optional field */
  XaRecordType        target;         /* REF, ID_LIST */
  gsize               count_offset;   /* BOUNDARY: the guint point count */
  const XaFieldSpec  *item_fields;    /* ITEMS */
  guint               n_item_fields;
  gsize               item_size;
};

typedef struct _XaFieldReader XaFieldReader;

/* One record type: adding a field is one row of its @fields and a migration of the store's
 * schema (xa-store-schema.c); tests check the two agree. */
typedef struct
{
  gsize              size;            /* of the struct */
  gsize              id_offset;       /* the char * the record's id is kept in */
  const char        *id_key;          /* the data member that repeats the id ("code"), or
                                       * NULL when the id is the change's only */
  const XaFieldSpec *fields;          /* in wire, binding and column order */
  guint              n_fields;
  /* The rules across fields, checked once every field was read; NULL when none. */
  void             (*check) (XaFieldReader *r,
                             gconstpointer  record);
  GDestroyNotify     free;            /* the public xa_…_free() */
} XaRecordSpec;

const XaRecordSpec *_xa_record_spec    (XaRecordType type);
/* The columns of @type's table after (id, version), comma-separated, in binding order. */
const char         *_xa_record_columns (XaRecordType type);
/* Frees @record of @type, whatever it holds. */
void                _xa_record_free    (XaRecordType type,
                                        gpointer     record);

/* Reads fields of one record's data object; the first failure is kept in @error and
 * every later read is a no-op, so a parser reads all fields and checks once at the end. */
struct _XaFieldReader
{
  const char       *type;
  const char       *id;
  const XaJsonNode *object;
  const XaJsonNode *last;     /* the member found last: the next one usually follows it */
  const char       *prefix;   /* "supplies." for nested flood items, else "" */
  GError           *error;
};

/* An integer or a double. */
gboolean          _xa_node_is_number     (const XaJsonNode   *node);

/* Sets @r's error, unless it has one, to "<type> <id>: field “<prefix><field>”: <detail>". */
void              _xa_reader_fail        (XaFieldReader      *r,
                                          XaRecordError       code,
                                          const char         *field,
                                          const char         *format,
                                          ...) G_GNUC_PRINTF (4, 5);
/* The member @field, or NULL when it is absent or null (a failure when @required). */
const XaJsonNode *_xa_reader_node        (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required);
/* The string @field without a copy, or NULL; may be empty. */
const char       *_xa_reader_peek_string (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required);

/* Each returns the value, or NULL, 0 or FALSE when it is absent or after a failure. */
/* A copy of the string @field; when @required it must not be empty. */
char             *_xa_read_string        (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required);
/* A copy of the required id @field, which points at another record. */
char             *_xa_read_ref           (XaFieldReader      *r,
                                          const char         *field);
gint64            _xa_read_int           (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required,
                                          gint64              min,
                                          gint64              max);
gboolean          _xa_read_bool          (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required);
/* Returns the index in @names, or @absent when the optional field is missing. */
int               _xa_read_enum          (XaFieldReader      *r,
                                          const char         *field,
                                          const char * const *names,
                                          gboolean            required,
                                          int                 absent);
/* An ISO 8601 time with an offset, in unix seconds. */
gint64            _xa_read_time          (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required);
/* A copy of the YYYY-MM-DD date @field. */
char             *_xa_read_date          (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required);
/* The required "lat" and "lon", which must fall inside China. */
void              _xa_read_position      (XaFieldReader      *r,
                                          double             *lat,
                                          double             *lon);

/* When the JSON @failure happened inside the change object at @level, sets @error to an
 * XA_RECORD_ERROR_BAD_JSON that names the record (type and id when they were read before
 * the fault) and the field, with @json_error's detail, and returns TRUE. */
gboolean          _xa_change_name_json_failure (const XaJsonFailure *failure,
                                                guint                level,
                                                const GError        *json_error,
                                                GError             **error);

G_END_DECLS
